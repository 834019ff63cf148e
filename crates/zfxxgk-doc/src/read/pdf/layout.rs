//! Glyphs into lines and chunks: glyphs grouped by baseline, sorted left to right, split into
//! chunks at a table rule or a gap wider than about a character; then page numbers and running
//! headers and footers dropped.

use super::chars;
use super::interp::{Glyph, Page, Rule};
use crate::read::lines::Chunk;

/// A visual line of a page.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Line {
    /// 1-based line on its page, counted from the top over every line seen.
    pub(crate) number: u32,
    /// Baseline, from the top of the page.
    pub(crate) y: f32,
    pub(crate) chunks: Vec<Chunk>,
}

impl Line {
    pub(crate) fn text(&self) -> String {
        self.chunks
            .iter()
            .map(|c| c.text.as_str())
            .collect::<Vec<_>>()
            .join(" ")
    }
}

/// A gap wider than this many font sizes splits a line into chunks.
const CHUNK_GAP: f32 = 0.9;
/// A gap wider than this many font sizes between two digits splits two numbers.
const NUMBER_GAP: f32 = 0.35;
/// A gap wider than this many font sizes inside a chunk becomes a space.
const SPACE_GAP: f32 = 0.2;
/// The same next to a Chinese character.
const CJK_SPACE_GAP: f32 = 0.5;

fn glyph_text(g: &Glyph) -> String {
    match (&g.text, g.reliable) {
        (Some(t), true) => t.chars().map(chars::normalize).collect(),
        (Some(t), false) => "\u{fffd}".repeat(t.chars().count().max(1)),
        (None, _) => "\u{fffd}".to_string(),
    }
}

/// The lines of a page, top to bottom.
pub(crate) fn page_lines(page: &Page) -> Vec<Line> {
    let mut glyphs: Vec<&Glyph> = page.glyphs.iter().collect();
    glyphs.sort_by(|a, b| a.y.total_cmp(&b.y).then(a.x.total_cmp(&b.x)));
    let mut groups: Vec<Vec<&Glyph>> = Vec::new();
    let mut anchor = f32::NEG_INFINITY;
    let mut anchor_size = 0.0f32;
    for g in glyphs {
        let tol = (0.3 * anchor_size.max(g.size)).max(1.0);
        match groups.last_mut() {
            Some(cur) if g.y - anchor <= tol => cur.push(g),
            _ => {
                anchor = g.y;
                anchor_size = g.size;
                groups.push(vec![g]);
            }
        }
    }
    let mut out: Vec<Row> = Vec::with_capacity(groups.len());
    for (i, mut group) in groups.into_iter().enumerate() {
        group.sort_by(|a, b| a.x.total_cmp(&b.x));
        let y = group.iter().map(|g| g.y).fold(f32::INFINITY, f32::min);
        let size = median(group.iter().map(|g| g.size).collect());
        let mid = y - 0.35 * size;
        let mut rules: Vec<&Rule> = page
            .rules
            .iter()
            .filter(|r| r.top <= mid && r.bottom >= mid)
            .collect();
        rules.sort_by(|a, b| a.x.total_cmp(&b.x));
        let chunks = chunk(&group, &rules);
        if chunks.is_empty() {
            continue;
        }
        let line = Row {
            line: Line {
                number: i as u32 + 1,
                y,
                chunks,
            },
            top: y - size,
            last_y: y,
            size,
            cuts: rules.iter().map(|r| r.x).collect(),
        };
        match out.last_mut() {
            Some(row) if same_row(page, row, &line) => row.absorb(line),
            _ => out.push(line),
        }
    }
    out.into_iter().map(|r| r.line).collect()
}

/// A line being built: visual lines of one table row (between the same two row rules) make one
/// line, each cell's text joined, so a label wrapped inside its cell and values centred beside
/// it are one row again.
struct Row {
    line: Line,
    /// Top of the first visual line.
    top: f32,
    /// Baseline of the last visual line.
    last_y: f32,
    size: f32,
    /// Vertical rules crossing the lines (cell borders), left to right.
    cuts: Vec<f32>,
}

/// At most this many font sizes between the rules around a row.
const MAX_ROW: f32 = 14.0;

/// Whether `next` continues `row`: both cross vertical rules, and at the right end of both
/// (where the values are) no row rule lies between them while rules close the row above and
/// below, not too far apart.
fn same_row(page: &Page, row: &Row, next: &Row) -> bool {
    if row.cuts.len() < 2 || next.cuts.len() < 2 {
        return false;
    }
    let probe = |l: &Line| l.chunks.last().map(|c| 0.5 * (c.x + c.end));
    let (Some(a), Some(b)) = (probe(&row.line), probe(&next.line)) else {
        return false;
    };
    // Never two numbers in one cell: lines of values are rows of their own, whatever the rules
    // say (a table ruled only between its columns).
    let mut cuts: Vec<f32> = row.cuts.iter().chain(&next.cuts).copied().collect();
    cuts.sort_by(f32::total_cmp);
    let cell = |c: &Chunk| cuts.iter().filter(|&&x| x < 0.5 * (c.x + c.end)).count();
    let numeric = |c: &Chunk| {
        c.text.chars().any(|ch| ch.is_ascii_digit())
            && c.text
                .chars()
                .all(|ch| ch.is_ascii_digit() || ".,-%/ ".contains(ch))
    };
    if next.line.chunks.iter().filter(|c| numeric(c)).any(|c| {
        let k = cell(c);
        row.line.chunks.iter().any(|m| cell(m) == k && numeric(m))
    }) {
        return false;
    }
    let size = row.size.max(next.size);
    [a, b].iter().all(|&x| {
        let covering = || {
            page.hrules
                .iter()
                .filter(move |r| r.left - 1.0 <= x && x <= r.right + 1.0)
        };
        let between = covering()
            .any(|r| r.y > row.last_y - 0.1 * size && r.y < next.last_y - 0.5 * next.size);
        if between {
            return false;
        }
        let above = covering()
            .filter(|r| r.y < row.top + 0.3 * size)
            .map(|r| r.y)
            .fold(f32::NEG_INFINITY, f32::max);
        let below = covering()
            .filter(|r| r.y > next.last_y - 0.1 * size)
            .map(|r| r.y)
            .fold(f32::INFINITY, f32::min);
        above.is_finite() && below.is_finite() && below - above <= MAX_ROW * size
    })
}

impl Row {
    fn absorb(&mut self, next: Row) {
        let mut cuts = std::mem::take(&mut self.cuts);
        cuts.extend(next.cuts.iter().copied());
        cuts.sort_by(f32::total_cmp);
        cuts.dedup_by(|a, b| (*a - *b).abs() < 1.0);
        // The cell of a chunk: between which two rules its centre lies (none outside them).
        let cell = |c: &Chunk| -> Option<usize> {
            let centre = 0.5 * (c.x + c.end);
            let k = cuts.iter().filter(|&&x| x < centre).count();
            (k > 0 && k < cuts.len()).then_some(k)
        };
        for c in next.line.chunks {
            let k = cell(&c);
            match self
                .line
                .chunks
                .iter_mut()
                .find(|m| k.is_some() && cell(m) == k)
            {
                Some(m) => {
                    let ascii = |ch: Option<char>| ch.is_some_and(|ch| ch.is_ascii_alphanumeric());
                    if ascii(m.text.chars().last()) && ascii(c.text.chars().next()) {
                        m.text.push(' ');
                    }
                    m.text.push_str(&c.text);
                    m.x = m.x.min(c.x);
                    m.end = m.end.max(c.end);
                }
                None => {
                    let at = self.line.chunks.partition_point(|m| m.x < c.x);
                    self.line.chunks.insert(at, c);
                }
            }
        }
        self.cuts = cuts;
        self.last_y = next.last_y;
        self.size = self.size.max(next.size);
    }
}

fn median(mut v: Vec<f32>) -> f32 {
    if v.is_empty() {
        return 0.0;
    }
    v.sort_by(f32::total_cmp);
    v[v.len() / 2]
}

fn chunk(glyphs: &[&Glyph], rules: &[&Rule]) -> Vec<Chunk> {
    let mut chunks: Vec<Chunk> = Vec::new();
    let mut prev: Option<&Glyph> = None;
    for &g in glyphs {
        if let Some(p) = prev {
            // A glyph drawn twice at (almost) the same place: fake bold.
            let size = p.size.max(g.size).max(0.1);
            if g.text == p.text && (g.x - p.x).abs() < 0.1 * size && (g.y - p.y).abs() < 0.1 * size
            {
                continue;
            }
        }
        let text = glyph_text(g);
        let split = match prev {
            None => true,
            Some(p) => {
                let size = 0.5 * (p.size + g.size);
                let gap = g.x - p.end;
                let left = 0.5 * (p.x + p.end);
                let right = 0.5 * (g.x + g.end);
                // Two numbers a space apart are two values (a table without rules).
                let digits = |t: &Option<String>| {
                    t.as_deref()
                        .is_some_and(|t| t.chars().all(|c| c.is_ascii_digit() || c == '.'))
                };
                let numbers = digits(&p.text) && digits(&g.text) && gap > NUMBER_GAP * size;
                numbers
                    || gap > CHUNK_GAP * size
                    || rules
                        .iter()
                        .any(|r| r.x > left && r.x < right && r.x > p.end - 0.25 * size)
            }
        };
        if split {
            chunks.push(Chunk {
                x: g.x,
                end: g.end,
                text,
            });
        } else if let (Some(c), Some(p)) = (chunks.last_mut(), prev) {
            let size = 0.5 * (p.size + g.size);
            // Between Chinese and anything, producers leave a small gap ("autospace"): a space
            // only for a real gap; between Latin letters or digits, a word space.
            let wide = |t: &str| t.chars().any(|ch| ch as u32 >= 0x2e80);
            let limit =
                if wide(&text) || c.text.chars().last().is_some_and(|ch| ch as u32 >= 0x2e80) {
                    CJK_SPACE_GAP
                } else {
                    SPACE_GAP
                };
            if g.x - p.end > limit * size && !c.text.ends_with(' ') {
                c.text.push(' ');
            }
            c.text.push_str(&text);
            c.end = c.end.max(g.end);
        }
        prev = Some(g);
    }
    for c in &mut chunks {
        let t = c.text.trim();
        if t.len() != c.text.len() {
            c.text = t.to_string();
        }
    }
    chunks.retain(|c| !c.text.is_empty());
    chunks
}

/// Whether a line's text is a page number: `3`, `- 3 -`, `— 3 —`, `第 3 页`, `第3页 共12页`,
/// `3/12`, `Page 3 of 12`.
pub(crate) fn is_page_number(text: &str) -> bool {
    // Numbers side by side (`3 1 27`) are a row of values, not a page number.
    let tokens: Vec<&str> = text.split_whitespace().collect();
    let numeric = |s: &str| {
        s.chars()
            .all(|c| c.is_ascii_digit() || ('０'..='９').contains(&c))
    };
    if tokens.windows(2).any(|w| numeric(w[0]) && numeric(w[1])) {
        return false;
    }
    let t: String = text
        .chars()
        .filter(|c| !c.is_whitespace())
        .map(|c| match c {
            '０'..='９' => char::from_u32(c as u32 - 0xff10 + u32::from(b'0')).unwrap_or(c),
            '／' => '/',
            _ => c,
        })
        .collect();
    if t.is_empty() {
        return false;
    }
    let digits = |s: &str| !s.is_empty() && s.len() <= 4 && s.bytes().all(|b| b.is_ascii_digit());
    let dashes: &[char] = &['-', '—', '–', '－', '~', '·', '.', '_', '−', '一'];
    let core = t.trim_matches(dashes);
    if digits(core) {
        return true;
    }
    if let Some((a, b)) = t.split_once('/')
        && digits(a)
        && digits(b)
    {
        return true;
    }
    // 第3页, 第3页共12页, 第3页/共12页, 共12页第3页
    let cjk = t.replace(['/', ',', '，'], "");
    let mut rest = cjk.as_str();
    let mut pieces = 0;
    while !rest.is_empty() {
        let Some(r) = rest.strip_prefix('第').or_else(|| rest.strip_prefix('共')) else {
            break;
        };
        let end = r.find('页').unwrap_or(0);
        if end == 0 || !digits(&r[..end]) {
            break;
        }
        rest = &r[end + '页'.len_utf8()..];
        pieces += 1;
    }
    if pieces > 0 && rest.is_empty() {
        return true;
    }
    let lower = t.to_ascii_lowercase();
    if let Some(r) = lower.strip_prefix("page") {
        let (a, b) = r.split_once("of").unwrap_or((r, "0"));
        return digits(a) && digits(b);
    }
    false
}

/// Drops page numbers and running headers and footers. `pages` holds each page's lines and its
/// height. Returns how many lines were dropped.
pub(crate) fn drop_furniture(pages: &mut [(Vec<Line>, f32)]) -> usize {
    let n = pages.len();
    let mut dropped = 0;
    // Page numbers: the first or last line of a page, in the top or bottom margin.
    for (lines, height) in pages.iter_mut() {
        let h = *height;
        let count = lines.len();
        let mut keep = Vec::with_capacity(count);
        for (i, l) in lines.drain(..).enumerate() {
            let edge = i < 2 || i + 2 >= count;
            let margin = l.y < 0.15 * h || l.y > 0.85 * h;
            if edge && margin && is_page_number(&l.text()) {
                dropped += 1;
            } else {
                keep.push(l);
            }
        }
        *lines = keep;
    }
    if n < 2 {
        return dropped;
    }
    // Running headers and footers: the same text (numbers aside) in the same margin on most
    // pages.
    let key = |l: &Line| -> String {
        l.text()
            .chars()
            .filter(|c| !c.is_whitespace())
            .map(|c| if c.is_ascii_digit() { '#' } else { c })
            .collect()
    };
    let mut seen: std::collections::HashMap<(String, bool), usize> = Default::default();
    for (lines, h) in pages.iter() {
        let mut on_page = std::collections::HashSet::new();
        for l in lines {
            let top = l.y < 0.1 * h;
            if top || l.y > 0.9 * h {
                on_page.insert((key(l), top));
            }
        }
        for k in on_page {
            *seen.entry(k).or_default() += 1;
        }
    }
    let need = (n * 6).div_ceil(10).max(2);
    // The first page keeps its lines: a title there may read like the running header.
    for (lines, h) in pages.iter_mut().skip(1) {
        let h = *h;
        let before = lines.len();
        lines.retain(|l| {
            let top = l.y < 0.1 * h;
            if !(top || l.y > 0.9 * h) {
                return true;
            }
            seen.get(&(key(l), top)).is_none_or(|&c| c < need)
        });
        dropped += before - lines.len();
    }
    dropped
}

#[cfg(test)]
mod tests {
    use super::*;

    fn g(x: f32, y: f32, t: &str) -> Glyph {
        let w = if t.is_ascii() { 6.0 } else { 12.0 };
        Glyph {
            x,
            y,
            end: x + w,
            size: 12.0,
            text: Some(t.to_string()),
            reliable: true,
        }
    }

    fn page(glyphs: Vec<Glyph>, rules: Vec<Rule>) -> Page {
        Page {
            glyphs,
            rules,
            width: 600.0,
            height: 800.0,
            ..Page::default()
        }
    }

    #[test]
    fn lines_and_chunks() {
        let p = page(
            vec![
                g(100.0, 200.5, "规"),
                g(112.0, 200.0, "章"),
                g(200.0, 200.0, "3"),
                g(206.0, 200.0, "1"),
                g(250.0, 201.0, "2"),
                g(100.0, 230.0, "年"),
                g(100.3, 230.0, "年"), // fake bold
                g(115.0, 230.0, "度"),
            ],
            vec![],
        );
        let lines = page_lines(&p);
        assert_eq!(lines.len(), 2);
        let texts: Vec<&str> = lines[0].chunks.iter().map(|c| c.text.as_str()).collect();
        assert_eq!(texts, ["规章", "31", "2"]);
        assert_eq!(lines[1].chunks[0].text, "年度");
    }

    /// A label wrapped inside its cell, the values centred beside it: one row between the two
    /// row rules; the next row stays apart.
    #[test]
    fn lines_of_one_table_row_are_joined() {
        let v = |x: f32| Rule {
            x,
            top: 100.0,
            bottom: 260.0,
        };
        let h = |y: f32| super::super::interp::HRule {
            y,
            left: 90.0,
            right: 300.0,
        };
        let mut p = page(
            vec![
                g(100.0, 200.0, "部"),
                g(112.0, 200.0, "分"),
                g(200.0, 208.0, "3"),
                g(250.0, 208.0, "4"),
                g(100.0, 215.0, "公"),
                g(112.0, 215.0, "开"),
                g(100.0, 245.0, "其"),
                g(200.0, 245.0, "1"),
            ],
            vec![v(95.0), v(190.0), v(240.0), v(290.0)],
        );
        p.hrules = vec![h(185.0), h(225.0), h(255.0)];
        let lines = page_lines(&p);
        let texts: Vec<Vec<&str>> = lines
            .iter()
            .map(|l| l.chunks.iter().map(|c| c.text.as_str()).collect())
            .collect();
        assert_eq!(texts, [vec!["部分公开", "3", "4"], vec!["其", "1"]]);
        assert_eq!(lines[0].number, 1);
    }

    /// Rules only between columns and around the table: rows of values stay rows.
    #[test]
    fn value_lines_are_never_joined() {
        let v = |x: f32| Rule {
            x,
            top: 180.0,
            bottom: 260.0,
        };
        let h = |y: f32| super::super::interp::HRule {
            y,
            left: 90.0,
            right: 300.0,
        };
        let mut p = page(
            vec![
                g(100.0, 200.0, "规"),
                g(200.0, 200.0, "3"),
                g(100.0, 220.0, "行"),
                g(200.0, 220.0, "4"),
            ],
            vec![v(95.0), v(190.0), v(290.0)],
        );
        p.hrules = vec![h(185.0), h(255.0)];
        assert_eq!(page_lines(&p).len(), 2);
    }

    #[test]
    fn rules_split_cells_that_touch() {
        let p = page(
            vec![g(100.0, 200.0, "不"), g(115.0, 200.0, "1")],
            vec![Rule {
                x: 113.5,
                top: 180.0,
                bottom: 220.0,
            }],
        );
        let lines = page_lines(&p);
        assert_eq!(lines[0].chunks.len(), 2);
    }

    #[test]
    fn page_numbers() {
        for t in [
            "3",
            "- 3 -",
            "— 12 —",
            "第 3 页",
            "第3页 共12页",
            "3/12",
            "３",
            "Page 2 of 9",
            "-3-",
        ] {
            assert!(is_page_number(t), "{t}");
        }
        for t in ["规章 3", "2023年", "3 1 27", "第二十条", "12345", ""] {
            assert!(!is_page_number(t), "{t}");
        }
    }

    #[test]
    fn furniture() {
        let line = |n: u32, y: f32, t: &str| Line {
            number: n,
            y,
            chunks: vec![Chunk {
                x: 0.0,
                end: 10.0,
                text: t.to_string(),
            }],
        };
        let mut pages = vec![
            (
                vec![
                    line(1, 40.0, "某某局公开"),
                    line(2, 300.0, "正文"),
                    line(3, 760.0, "- 1 -"),
                ],
                800.0,
            ),
            (
                vec![
                    line(1, 40.0, "某某局公开"),
                    line(2, 300.0, "3"),
                    line(3, 760.0, "- 2 -"),
                ],
                800.0,
            ),
        ];
        assert_eq!(drop_furniture(&mut pages), 3);
        assert_eq!(pages[0].0.len(), 2);
        assert_eq!(pages[1].0[0].text(), "3");
    }
}
