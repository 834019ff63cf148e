//! Positioned lines (a PDF page's text, or column-aligned text from `pdftotext -layout` and PDF
//! viewers) into a grid and running text. Shared by the text and PDF readers.
//!
//! - Page numbers (`-3-`, `— 3 —`, `第 3 页`, `3/12`) are dropped wherever they are, inside a
//!   table too.
//! - Every line is running text (for the title and the six sections); lines that look like table
//!   rows (several runs, or a value) are also rows of one [`Geometry::Loose`] grid.
//! - Columns are found per table region (consecutive table lines): the centres of the value runs
//!   (numbers, `/`) are clustered, and every run takes the column whose centre is nearest; the
//!   runs left of the first value column are labels, numbered from the left. So a value keeps its
//!   column even when a cell to its left is blank.
//! - A line of labels only, inside a table after its first row of values, that sits in the label
//!   columns is a wrapped label: it is joined to the row above (or to the row below when it
//!   starts with numbering such as `（二）` or `3.`), so `（二）部分公开（区分处理的，只计这一` +
//!   `情形，不计其他情形）` is one label again. Lines of labels over the value columns stay rows:
//!   they are headers.

use zfxxgk_core::Location;
use zfxxgk_core::grid::{Geometry, Grid, GridCell, Origin, TextLine};
use zfxxgk_core::normalize::is_space;

/// A run of text on a line with no wide gap inside it.
#[derive(Debug, Clone, PartialEq)]
pub struct Chunk {
    /// Where the run starts, in the line's unit (characters for text, points for PDF).
    pub x: f32,
    /// Where it ends, in the same unit.
    pub end: f32,
    /// The text.
    pub text: String,
}

impl Chunk {
    fn centre(&self) -> f32 {
        (self.x + self.end) / 2.0
    }
}

/// One line of positioned text.
#[derive(Debug, Clone, PartialEq)]
pub struct PlacedLine {
    /// Where the line is (`Location::Line` for text, `Location::Page` for PDF).
    pub location: Location,
    /// The page (1 for text without page breaks).
    pub page: u32,
    /// The runs, left to right.
    pub chunks: Vec<Chunk>,
}

/// True for a page number line: `-3-`, `- 3 -`, `— 3 —`, `第 3 页`, `第3页 共12页`, `3/12`, `3`.
pub fn is_page_number(text: &str) -> bool {
    let t: String = text.chars().filter(|c| !is_space(*c)).collect();
    if t.is_empty() {
        return false;
    }
    let inner = t.trim_matches(|c| matches!(c, '-' | '—' | '–' | '－' | '―' | '·'));
    let digits = |s: &str| !s.is_empty() && s.len() <= 4 && s.chars().all(|c| c.is_ascii_digit());
    let bare = text
        .trim_matches(is_space)
        .chars()
        .all(|c| c.is_ascii_digit());
    if digits(inner) && (inner.len() < t.len() || (bare && t.len() <= 3)) {
        return true;
    }
    if let Some(rest) = t.strip_prefix('第') {
        let n: String = rest.chars().take_while(char::is_ascii_digit).collect();
        let after = &rest[n.len()..];
        if !n.is_empty() && (after == "页" || after.starts_with("页共")) {
            return true;
        }
    }
    if let Some((a, b)) = t.split_once('/') {
        return digits(a) && digits(b);
    }
    false
}

/// True when a run reads as a value (a number, a placeholder such as `/`), not as a label.
/// A number beyond the bounds is a value too: it stands where a value stands.
pub fn is_value_text(text: &str) -> bool {
    zfxxgk_core::normalize::is_value_text(text)
}

/// True when a label starts a new item: `（二）`, `(2)`, `3.`, `3、`, `一、`.
pub fn starts_item(text: &str) -> bool {
    let t = text.trim_start_matches(is_space);
    let mut chars = t.chars();
    match chars.next() {
        Some('（' | '(') => chars
            .next()
            .is_some_and(|c| c.is_ascii_digit() || "一二三四五六七八九十".contains(c)),
        Some(c) if c.is_ascii_digit() || "一二三四五六七八九十".contains(c) => {
            let rest: String = t
                .chars()
                .skip_while(|c| c.is_ascii_digit() || "一二三四五六七八九十".contains(*c))
                .take(1)
                .collect();
            matches!(rest.as_str(), "." | "、" | "．")
        }
        _ => false,
    }
}

/// The line's text as running text: runs joined, with a space only between Latin letters or
/// digits.
fn line_text(chunks: &[Chunk]) -> String {
    let mut out = String::new();
    for c in chunks {
        let t = c.text.trim_matches(is_space);
        if t.is_empty() {
            continue;
        }
        let ascii_join = out
            .chars()
            .last()
            .is_some_and(|p| p.is_ascii_alphanumeric())
            && t.chars().next().is_some_and(|n| n.is_ascii_alphanumeric());
        if ascii_join {
            out.push(' ');
        }
        out.push_str(t);
    }
    out
}

/// A line that is a heading or a caption, never part of a table's rows: `四、政府信息公开行政复议…`
/// (a section heading), `第二十条第（五）项` (a block caption of table 二).
pub fn is_structural(text: &str) -> bool {
    let t: String = text.chars().filter(|c| !is_space(*c)).collect();
    let numeral = t
        .chars()
        .take_while(|c| "一二三四五六七八九十".contains(*c))
        .count();
    let heading = numeral > 0 && t.chars().nth(numeral) == Some('、');
    let caption =
        t.starts_with('第') && t.ends_with('项') && t.contains('条') && t.chars().count() <= 14;
    heading || caption
}

/// The most lines a wrapped label is followed over, looking for the table to resume.
const MAX_WRAPPED_LINES: usize = 24;

/// A table line: several runs, or a value.
fn is_table_line(l: &PlacedLine) -> bool {
    let runs = l
        .chunks
        .iter()
        .filter(|c| !c.text.trim_matches(is_space).is_empty())
        .count();
    runs >= 2 || (runs == 1 && l.chunks.iter().any(|c| is_value_text(&c.text)))
}

/// The column centres of a region: the value runs' centres, clustered, then the closest
/// neighbours merged until there are no more columns than the most values a line holds (printed
/// numbers wander by a character or two from row to row).
fn value_columns(lines: &[&PlacedLine], tolerance: f32) -> Vec<f32> {
    let most = lines
        .iter()
        .map(|l| l.chunks.iter().filter(|c| is_value_text(&c.text)).count())
        .max()
        .unwrap_or(0);
    let mut centres: Vec<f32> = lines
        .iter()
        .flat_map(|l| l.chunks.iter())
        .filter(|c| is_value_text(&c.text))
        .map(Chunk::centre)
        .collect();
    centres.sort_by(f32::total_cmp);
    let mut clusters: Vec<(f32, usize)> = Vec::new();
    let mut last = f32::NEG_INFINITY;
    for c in centres {
        match clusters.last_mut() {
            Some((sum, n)) if c - last <= tolerance => {
                *sum += c;
                *n += 1;
            }
            _ => clusters.push((c, 1)),
        }
        last = c;
    }
    while clusters.len() > most.max(1) {
        let mean = |c: &(f32, usize)| c.0 / c.1 as f32;
        let Some(i) = (0..clusters.len() - 1).min_by(|&a, &b| {
            let da = mean(&clusters[a + 1]) - mean(&clusters[a]);
            let db = mean(&clusters[b + 1]) - mean(&clusters[b]);
            da.total_cmp(&db)
        }) else {
            break;
        };
        let next = clusters.remove(i + 1);
        clusters[i].0 += next.0;
        clusters[i].1 += next.1;
    }
    clusters.into_iter().map(|(s, n)| s / n as f32).collect()
}

/// The typical width of one character, in the lines' unit.
fn char_width(lines: &[PlacedLine]) -> f32 {
    let mut w: Vec<f32> = lines
        .iter()
        .flat_map(|l| l.chunks.iter())
        .filter_map(|c| {
            let n = c.text.chars().count();
            (n > 0 && c.end > c.x).then(|| (c.end - c.x) / n as f32)
        })
        .collect();
    if w.is_empty() {
        return 1.0;
    }
    w.sort_by(f32::total_cmp);
    w[w.len() / 2].max(0.01)
}

/// One row of the grid being built: its line, and its cells as (column, text, x of the run).
struct Row {
    location: Location,
    cells: Vec<(u32, String, f32)>,
}

/// Turns positioned lines into one loose grid (a row per table line, wrapped labels joined) and
/// the running text.
pub fn build(name: &str, lines: Vec<PlacedLine>) -> (Grid, Vec<TextLine>) {
    let lines: Vec<PlacedLine> = lines
        .into_iter()
        .filter(|l| !is_page_number(&line_text(&l.chunks)))
        .filter(|l| {
            l.chunks
                .iter()
                .any(|c| !c.text.trim_matches(is_space).is_empty())
        })
        .collect();
    let text: Vec<TextLine> = lines
        .iter()
        .map(|l| TextLine {
            text: line_text(&l.chunks),
            location: l.location.clone(),
        })
        .collect();
    let width = char_width(&lines);
    let tolerance = width * 1.5;
    let mut rows: Vec<Row> = Vec::new();
    let mut i = 0;
    while i < lines.len() {
        if !is_table_line(&lines[i]) {
            i += 1;
            continue;
        }
        // A region: table lines, and single runs between them (wrapped labels, headers).
        let start = i;
        let mut end = i + 1;
        while end < lines.len() {
            let only_labels = lines[end].chunks.iter().all(|c| !is_value_text(&c.text));
            if only_labels && is_structural(&line_text(&lines[end].chunks)) {
                break;
            }
            if is_table_line(&lines[end]) {
                end += 1;
                continue;
            }
            // A single run continues the region when a table line follows within two lines and
            // the run is short (a label, not a paragraph).
            let len = line_text(&lines[end].chunks).chars().count();
            // A table line follows after a few short lines (a label wrapped over several lines).
            // (A label wrapped over many narrow lines, even across a page break.)
            let mut k = end + 1;
            while k < lines.len()
                && k < end + MAX_WRAPPED_LINES
                && !is_table_line(&lines[k])
                && line_text(&lines[k].chunks).chars().count() <= 24
            {
                k += 1;
            }
            let resumes = k < lines.len() && is_table_line(&lines[k]);
            // The end of a label wrapped under the table's last row.
            let tail = len <= 12 && is_table_line(&lines[end - 1]);
            if (len <= 24 && resumes) || tail {
                end += 1;
            } else {
                break;
            }
        }
        region(&lines[start..end], tolerance, &mut rows);
        i = end;
    }
    let mut cells = Vec::new();
    let mut origins = Vec::with_capacity(rows.len());
    for (r, row) in rows.iter().enumerate() {
        let r = u32::try_from(r).unwrap_or(u32::MAX);
        origins.push(row.location.clone());
        for (c, t, _) in &row.cells {
            cells.push(GridCell::text(r, *c, t.clone(), row.location.clone()));
        }
    }
    let grid = Grid::new(name, Geometry::Loose, cells).with_origin(Origin::Rows(origins));
    (grid, text)
}

/// The rows of one table region. Columns are found page by page: a page break moves a table's
/// columns, and values of a page keep columns of their own (numbered apart) unless the page has
/// as many columns as the region's first page.
fn region(lines: &[PlacedLine], tolerance: f32, rows: &mut Vec<Row>) {
    let mut pages: Vec<u32> = lines.iter().map(|l| l.page).collect();
    pages.dedup();
    let first_page = pages.first().copied().unwrap_or(1);
    let per_page: Vec<(u32, Vec<f32>)> = pages
        .iter()
        .map(|p| {
            let on: Vec<&PlacedLine> = lines.iter().filter(|l| l.page == *p).collect();
            (*p, value_columns(&on, tolerance))
        })
        .collect();
    let first_count = per_page.first().map_or(0, |(_, c)| c.len());
    let centres_of = |page: u32| -> (&[f32], u32) {
        let (i, (_, c)) = per_page
            .iter()
            .enumerate()
            .find(|(_, (p, _))| *p == page)
            .unwrap_or((0, &per_page[0]));
        // Same number of columns as the first page: the same columns, moved.
        let offset = if page == first_page || c.len() == first_count {
            0
        } else {
            1000 * u32::try_from(i).unwrap_or(0)
        };
        (c.as_slice(), offset)
    };
    let label_runs = |l: &PlacedLine| -> Vec<Chunk> {
        let (centres, _) = centres_of(l.page);
        let first_value_x = centres.first().copied().unwrap_or(f32::INFINITY) - tolerance;
        l.chunks
            .iter()
            .filter(|c| !c.text.trim_matches(is_space).is_empty())
            .filter(|c| c.end <= first_value_x + tolerance && !is_value_text(&c.text))
            .cloned()
            .collect()
    };
    let label_cols = lines.iter().map(|l| label_runs(l).len()).max().unwrap_or(0);
    let label_cols = u32::try_from(label_cols).unwrap_or(0);
    let column_of = |c: &Chunk, page: u32| -> Option<u32> {
        let (centres, offset) = centres_of(page);
        let centre = c.centre();
        centres
            .iter()
            .enumerate()
            .min_by(|a, b| (a.1 - centre).abs().total_cmp(&(b.1 - centre).abs()))
            .map(|(k, _)| label_cols + offset + u32::try_from(k).unwrap_or(0))
    };
    let first_region_row = rows.len();
    let mut seen_values = false;
    // Wrapped label lines waiting for the row below.
    let mut pending: Vec<Vec<Chunk>> = Vec::new();
    for line in lines {
        let labels = label_runs(line);
        let others: Vec<&Chunk> = line
            .chunks
            .iter()
            .filter(|c| !c.text.trim_matches(is_space).is_empty())
            .filter(|c| !labels.contains(c))
            .collect();
        let has_values = others.iter().any(|c| is_value_text(&c.text));
        if !has_values && others.is_empty() && seen_values {
            // Labels only, in the label columns: a wrapped label.
            let previous = rows.len() > first_region_row;
            let item = labels.iter().any(|c| starts_item(&c.text));
            if item || !previous {
                pending.push(labels);
            } else if let Some(row) = rows.last_mut() {
                for c in &labels {
                    join_label(row, label_cols, c, tolerance, false);
                }
            }
            continue;
        }
        let mut cells: Vec<(u32, String, f32)> = Vec::new();
        for (k, c) in labels.iter().enumerate() {
            let col = u32::try_from(k).unwrap_or(0);
            cells.push((col, c.text.trim_matches(is_space).to_string(), c.x));
        }
        let values: Vec<&Chunk> = others
            .iter()
            .copied()
            .filter(|c| is_value_text(&c.text))
            .collect();
        let (centres, offset) = centres_of(line.page);
        let assigned = assign(&values, centres);
        for (c, k) in values.iter().zip(&assigned) {
            let col = label_cols + offset + k;
            cells.push((col, c.text.trim_matches(is_space).to_string(), c.x));
        }
        for c in others.iter().filter(|c| !is_value_text(&c.text)) {
            let Some(col) = column_of(c, line.page) else {
                continue;
            };
            match cells.iter_mut().find(|(k, _, _)| *k == col) {
                Some((_, t, _)) => {
                    t.push(' ');
                    t.push_str(c.text.trim_matches(is_space));
                }
                None => cells.push((col, c.text.trim_matches(is_space).to_string(), c.x)),
            }
        }
        cells.sort_by_key(|(k, _, _)| *k);
        let mut row = Row {
            location: line.location.clone(),
            cells,
        };
        for before in std::mem::take(&mut pending).iter().rev() {
            for c in before {
                join_label(&mut row, label_cols, c, tolerance, true);
            }
        }
        seen_values |= has_values;
        rows.push(row);
    }
    let has_row = rows.len() > first_region_row;
    if has_row && let Some(row) = rows.last_mut() {
        for after in std::mem::take(&mut pending) {
            for c in &after {
                join_label(row, label_cols, c, tolerance, false);
            }
        }
    }
    // A blank row between regions, so that two tables never read as one.
    rows.push(Row {
        location: lines
            .last()
            .map_or(Location::Line(0), |l| l.location.clone()),
        cells: Vec::new(),
    });
}

/// The columns of a row's values: in order, each to its own column, as near to the columns'
/// centres as can be (a small dynamic programme over values × columns).
fn assign(values: &[&Chunk], centres: &[f32]) -> Vec<u32> {
    let (n, k) = (values.len(), centres.len());
    if n == 0 {
        return Vec::new();
    }
    if k < n {
        // More values than columns: in order from the first column.
        return (0..n).map(|i| u32::try_from(i).unwrap_or(0)).collect();
    }
    // cost[i][j]: the best cost of values 0..=i with value i in column j.
    let mut cost = vec![vec![f32::INFINITY; k]; n];
    let mut from = vec![vec![0usize; k]; n];
    for j in 0..k {
        cost[0][j] = (values[0].centre() - centres[j]).abs();
    }
    for i in 1..n {
        let mut best = f32::INFINITY;
        let mut best_j = 0;
        for j in i..k {
            if cost[i - 1][j - 1] < best {
                best = cost[i - 1][j - 1];
                best_j = j - 1;
            }
            cost[i][j] = best + (values[i].centre() - centres[j]).abs();
            from[i][j] = best_j;
        }
    }
    let mut j = (n - 1..k)
        .min_by(|&a, &b| cost[n - 1][a].total_cmp(&cost[n - 1][b]))
        .unwrap_or(n - 1);
    let mut out = vec![0u32; n];
    for i in (0..n).rev() {
        out[i] = u32::try_from(j).unwrap_or(0);
        if i > 0 {
            j = from[i][j];
        }
    }
    out
}

/// Joins a wrapped label's run to the label of the row in the same column (the nearest label
/// by position), before it (`before`) or after it; a new label cell when the row has none there.
fn join_label(row: &mut Row, label_cols: u32, c: &Chunk, tolerance: f32, before: bool) {
    // Words of the run (`度办 计这一情形`) go to the labels they sit under, each by its position.
    let words: Vec<&str> = c.text.split(is_space).filter(|w| !w.is_empty()).collect();
    if words.len() > 1 {
        let len = c.text.chars().count().max(1) as f32;
        let per_char = (c.end - c.x) / len;
        let mut offset = 0usize;
        for w in &words {
            let at = c.text[offset..].find(w).map_or(offset, |p| p + offset);
            let chars_before = c.text[..at].chars().count() as f32;
            let x = c.x + chars_before * per_char;
            let word = Chunk {
                x,
                end: x + w.chars().count() as f32 * per_char,
                text: (*w).to_string(),
            };
            join_label(row, label_cols, &word, tolerance, before);
            offset = at + w.len();
        }
        return;
    }
    let text = c.text.trim_matches(is_space);
    let near = row
        .cells
        .iter()
        .enumerate()
        .filter(|(_, (k, _, _))| *k < label_cols.max(1))
        .min_by(|a, b| (a.1.2 - c.x).abs().total_cmp(&(b.1.2 - c.x).abs()))
        .filter(|(_, (_, _, x))| (x - c.x).abs() <= tolerance * 3.0)
        .map(|(i, _)| i);
    match near {
        Some(i) if before => row.cells[i].1.insert_str(0, text),
        Some(i) => row.cells[i].1.push_str(text),
        None => {
            // A label column of its own, left of the values: keep the order by position.
            let col = row
                .cells
                .iter()
                .filter(|(k, _, x)| *k < label_cols.max(1) && *x < c.x)
                .map(|(k, _, _)| k + 1)
                .max()
                .unwrap_or(0);
            if row.cells.iter().any(|(k, _, _)| *k == col) {
                // Taken: join the row's own label (the rightmost) rather than lose the text.
                if let Some(i) = row
                    .cells
                    .iter()
                    .rposition(|(k, _, _)| *k < label_cols.max(1))
                {
                    if before {
                        row.cells[i].1.insert_str(0, text);
                    } else {
                        row.cells[i].1.push_str(text);
                    }
                }
            } else {
                row.cells.push((col, text.to_string(), c.x));
                row.cells.sort_by_key(|(k, _, _)| *k);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn line(n: u64, chunks: &[(f32, &str)]) -> PlacedLine {
        PlacedLine {
            location: Location::Line(n),
            page: 1,
            chunks: chunks
                .iter()
                .map(|(x, t)| Chunk {
                    x: *x,
                    end: x + t.chars().count() as f32,
                    text: (*t).to_string(),
                })
                .collect(),
        }
    }

    #[test]
    fn page_numbers() {
        for p in [
            "-3-",
            "- 3 -",
            "— 12 —",
            "第 3 页",
            "第3页共12页",
            "3/12",
            "7",
        ] {
            assert!(is_page_number(p), "{p}");
        }
        for p in ["2023", "一、总体情况", "0 0 0", "3.属于"] {
            assert!(!is_page_number(p), "{p}");
        }
    }

    #[test]
    fn wrapped_labels_are_joined_and_values_keep_their_columns() {
        let lines = vec![
            line(
                1,
                &[
                    (0.0, "信息内容"),
                    (20.0, "本年制发件数"),
                    (34.0, "本年废止件数"),
                ],
            ),
            line(2, &[(0.0, "规章"), (24.0, "3"), (38.0, "1")]),
            line(3, &[(0.0, "行政规范性文"), (38.0, "2")]),
            line(4, &[(0.0, "件")]),
            line(
                5,
                &[(
                    0.0,
                    "二、收到和处理政府信息公开申请情况，本段是一段很长的正文文字而不是表格",
                )],
            ),
        ];
        let (grid, text) = build("t", lines);
        assert_eq!(text.len(), 5);
        let row = |r: u32| -> Vec<(u32, String)> {
            grid.rows(r, r + 1)
                .iter()
                .map(|c| (c.col, c.as_text().unwrap_or("").to_string()))
                .collect()
        };
        assert_eq!(
            row(1),
            vec![(0, "规章".into()), (1, "3".into()), (2, "1".into())]
        );
        // The blank first value stays blank: 2 is in the second value column.
        assert_eq!(row(2), vec![(0, "行政规范性文件".into()), (2, "2".into())]);
    }

    #[test]
    fn a_numbered_continuation_goes_to_the_row_below() {
        let lines = vec![
            line(1, &[(0.0, "（一）予以公开"), (30.0, "1")]),
            line(2, &[(0.0, "1.申请人无正当理由逾期")]),
            line(3, &[(0.0, "不补正"), (30.0, "2")]),
            line(4, &[(0.0, "申请")]),
        ];
        let (grid, _) = build("t", lines);
        let labels: Vec<&str> = grid
            .cells
            .iter()
            .filter(|c| c.col == 0)
            .filter_map(|c| c.as_text())
            .collect();
        assert_eq!(
            labels,
            vec!["（一）予以公开", "1.申请人无正当理由逾期不补正申请"]
        );
    }
}
