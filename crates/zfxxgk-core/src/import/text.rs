//! The running text of a published report: the title (agency and year), the opening paragraph,
//! and the six sections split at their headings.

use crate::grid::{Document, DocumentKind, TextLine};
use crate::layout::{Layout, REPORT_TITLE_SUFFIX};
use crate::normalize::{half_width, is_space, label_key, normalize_label};
use crate::report::Report;

use super::NotAReport;
use super::meta::parse_title;

/// Title lines are short: longer lines are paragraphs.
const TITLE_LINE_CHARS: usize = 48;
/// How many lines at the top may hold the title.
const TITLE_LINES: usize = 12;
/// A paragraph longer than this that does not end a sentence was cut by a page break.
const PAGE_CUT_CHARS: usize = 40;
/// A heading line is short.
const HEADING_CHARS: usize = 40;

/// Where each section starts in a document's lines.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SectionSplit {
    /// For each section of the layout, in order, the index of its heading line.
    pub starts: Vec<Option<usize>>,
}

/// Whether a line is the heading of a section: `一、总体情况`, `一．总体情况`, `一 总体情况`,
/// `（一）…`-free, a variant heading, a trailing colon; short lines only.
fn heading_of(layout: &Layout, line: &str) -> Option<usize> {
    let t: String = line
        .chars()
        .map(half_width)
        .filter(|c| !is_space(*c))
        .collect();
    if t.is_empty() || t.chars().count() > HEADING_CHARS {
        return None;
    }
    let t = t.trim_end_matches([':', '：']);
    let key = label_key(t);
    let norm = normalize_label(t);
    layout.sections.iter().position(|s| {
        let numbered = |h: &str| {
            let h = normalize_label(h);
            [".", ",", ""].iter().any(|sep| {
                norm == format!("{}{sep}{h}", s.no) || norm == format!("第{}部分{sep}{h}", s.no)
            })
        };
        std::iter::once(s.heading)
            .chain(s.variants.iter().copied())
            .any(|h| numbered(h) || (key == label_key(h) && norm.starts_with(s.no)))
    })
}

/// Finds the six section headings in order.
pub fn split_sections(layout: &Layout, lines: &[TextLine]) -> SectionSplit {
    let mut starts = vec![None; layout.sections.len()];
    let mut last = 0usize;
    for (i, line) in lines.iter().enumerate() {
        if let Some(s) = heading_of(layout, &line.text)
            && s >= last
            && starts[s].is_none()
        {
            starts[s] = Some(i);
            last = s;
        }
    }
    SectionSplit { starts }
}

/// Agency and year from the first short lines (a title may be split over several lines:
/// `义马市交通运输局` / `2024 年政府信息公开工作` / `年度报告`).
fn title_from_lines(lines: &[TextLine], end: usize) -> Option<(String, i32)> {
    let top: Vec<&str> = lines[..end.min(lines.len()).min(TITLE_LINES)]
        .iter()
        .map(|l| l.text.as_str())
        .take_while(|t| t.chars().filter(|c| !is_space(*c)).count() <= TITLE_LINE_CHARS)
        .collect();
    let suffix = normalize_label(REPORT_TITLE_SUFFIX);
    // The shortest run of lines ending in the title's suffix, extended upwards for the agency.
    for last in 0..top.len() {
        for first in (0..=last).rev() {
            let joined: String = top[first..=last].concat();
            if !normalize_label(&joined).contains(&suffix) {
                continue;
            }
            if let Some((agency, year)) = parse_title(&joined)
                && (!agency.is_empty() || first == 0)
            {
                return Some((agency, year));
            }
        }
    }
    None
}

/// `本报告由某某局根据…编制` / `统计期限自2023年1月1日起至2023年12月31日止`.
fn from_opening(text: &str) -> (Option<String>, Option<i32>) {
    let t: String = text
        .chars()
        .map(half_width)
        .filter(|c| !is_space(*c))
        .collect();
    let agency = t.find("本报告由").and_then(|i| {
        let rest = &t[i + "本报告由".len()..];
        ["根据", "按照", "依据", "依照", "编制"]
            .iter()
            .filter_map(|w| rest.find(w))
            .min()
            .map(|end| rest[..end].to_string())
            .filter(|a| !a.is_empty() && a.chars().count() <= 40)
    });
    let year = t
        .find("统计期限自")
        .or_else(|| t.find("统计期限为"))
        .and_then(|i| {
            let rest = &t[i..];
            let start = rest.find(|c: char| c.is_ascii_digit())?;
            let digits: String = rest[start..]
                .chars()
                .take_while(char::is_ascii_digit)
                .collect();
            (digits.len() == 4).then(|| digits.parse().ok()).flatten()
        });
    (agency, year)
}

/// The paragraphs of a section. Text from PDFs and copied pages breaks paragraphs where a page
/// or a printed line ended: a long line that does not end a sentence is joined with the next.
fn paragraphs(lines: &[TextLine], kind: DocumentKind) -> String {
    const SENTENCE_END: &[char] = &[
        '。', '！', '？', '；', '：', '”', '）', ')', '!', '?', ';', ':',
    ];
    let texts: Vec<&str> = lines
        .iter()
        .map(|l| l.text.trim_matches(is_space))
        .filter(|t| !t.is_empty())
        .collect();
    if matches!(
        kind,
        DocumentKind::Html | DocumentKind::Word | DocumentKind::Workbook
    ) {
        return texts.join("\n");
    }
    // A printed line is about as long as the longest lines of the text.
    let mut lens: Vec<usize> = texts.iter().map(|t| t.chars().count()).collect();
    lens.sort_unstable();
    let full = lens
        .get(lens.len().saturating_sub(1 + lens.len() / 5))
        .copied()
        .unwrap_or(0);
    let wrap = (full * 4 / 5).max(16);
    let mut out: Vec<String> = Vec::new();
    let mut open = false;
    for t in texts {
        let starts_item = t.starts_with(['（', '(']) || heading_like(t);
        match out.last_mut() {
            Some(last) if open && !starts_item => last.push_str(t),
            _ => out.push(t.to_string()),
        }
        let last = out.last().map(String::as_str).unwrap_or("");
        // A paragraph that does not end a sentence goes on in the next line when its last line
        // was full, or when it is a long paragraph cut by a page (`…并及时向问` / `询群众…`).
        let tail = t.chars().count();
        let long = last.chars().count() > PAGE_CUT_CHARS;
        open = (tail >= wrap || long) && !last.ends_with(SENTENCE_END);
    }
    out.join("\n")
}

fn heading_like(t: &str) -> bool {
    let mut chars = t.chars();
    matches!(chars.next(), Some(c) if "一二三四五六七八九十".contains(c))
        && chars.next() == Some('、')
}

/// Fills agency, year and the narrative sections from the running text.
pub(crate) fn read_text(doc: &Document, report: &mut Report) {
    let layout = report.layout();
    let split = split_sections(layout, &doc.lines);
    let first_heading = split
        .starts
        .iter()
        .flatten()
        .min()
        .copied()
        .unwrap_or(doc.lines.len());
    if report.agency.trim().is_empty() || report.year.is_none() {
        let mut found = title_from_lines(&doc.lines, first_heading);
        if found.is_none() {
            found = doc.title.as_deref().and_then(parse_title);
        }
        if let Some((agency, year)) = found {
            if report.agency.trim().is_empty() {
                report.agency = agency;
            }
            if report.year.is_none() {
                report.year = Some(year);
            }
        }
    }
    if report.agency.trim().is_empty() || report.year.is_none() {
        for line in doc
            .lines
            .iter()
            .take(first_heading.clamp(1, TITLE_LINES * 2))
        {
            let (agency, year) = from_opening(&line.text);
            if report.agency.trim().is_empty()
                && let Some(a) = agency
            {
                report.agency = a;
            }
            if report.year.is_none() {
                report.year = year;
            }
        }
    }
    if report.agency.trim().is_empty()
        && let Some(p) = &doc.publisher
    {
        report.agency = p.trim().to_string();
    }
    let mut order: Vec<(usize, usize)> = split
        .starts
        .iter()
        .enumerate()
        .filter_map(|(s, i)| i.map(|i| (i, s)))
        .collect();
    order.sort_unstable();
    for (n, (start, s)) in order.iter().enumerate() {
        let section = &layout.sections[*s];
        if section.table.is_some() {
            continue;
        }
        let end = order.get(n + 1).map_or(doc.lines.len(), |(i, _)| *i);
        let text = paragraphs(&doc.lines[start + 1..end], doc.kind);
        if !text.is_empty() && report.section(section.id).is_empty() {
            report.set_section(section.id, text);
        }
    }
}

/// Says what a document that holds no table of the report holds instead.
pub(crate) fn explain_not_a_report(doc: &Document, e: NotAReport) -> NotAReport {
    if doc.kind == DocumentKind::Workbook {
        return e;
    }
    let title = doc
        .title
        .clone()
        .or_else(|| doc.lines.first().map(|l| l.text.chars().take(40).collect()))
        .unwrap_or_default();
    let headings = split_sections(crate::Edition::V2021.layout(), &doc.lines)
        .starts
        .iter()
        .flatten()
        .count();
    let tables = doc.grids.iter().filter(|g| !g.cells.is_empty()).count();
    let zh = format!(
        "{}文件中有 {} 个表格、{} 段文字、{} 个年度报告的章节标题{}。",
        e.zh,
        tables,
        doc.lines.len(),
        headings,
        if title.is_empty() {
            String::new()
        } else {
            format!("；开头是“{title}”")
        }
    );
    let en = format!(
        "{}; the file holds {} tables, {} lines of text, {} section headings of a report{}",
        e.en,
        tables,
        doc.lines.len(),
        headings,
        if title.is_empty() {
            String::new()
        } else {
            format!("; it begins “{title}”")
        }
    );
    NotAReport { zh, en }
}
