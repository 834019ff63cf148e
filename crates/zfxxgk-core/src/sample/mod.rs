//! The bundled sample report: 义马市交通运输局's published report for 2024, every table value
//! exactly as published and the narrative sections as text. It lets a newcomer try every command
//! without a file of their own.

use crate::layout::Edition;
use crate::report::Report;
use crate::value::CellValue;

/// The published text the sample is taken from.
pub const SOURCE_TEXT: &str = include_str!("yima-transport-2024.txt");

/// The cells that are not zero in the published tables; every other cell is 0.
const NON_ZERO: &[(&str, i64)] = &[
    ("disclosure.licensing.decisions", 5),
    ("disclosure.penalty.decisions", 118),
];

/// The sample report.
pub fn yima_transport_2024() -> Report {
    let mut report = Report::new(Edition::V2021);
    report.agency = "义马市交通运输局".to_string();
    report.year = Some(2024);
    let layout = report.layout();
    for cell in layout.cells() {
        let n = NON_ZERO
            .iter()
            .find(|(id, _)| *id == cell.id)
            .map_or(0, |(_, n)| *n);
        report.set(cell, CellValue::int(n));
    }
    for (id, text) in narrative_sections(SOURCE_TEXT) {
        report.set_section(id, text);
    }
    report
}

/// Splits the published text at the six section headings (`一、总体情况` …) and returns the text of
/// the narrative sections (those without a table).
fn narrative_sections(text: &str) -> Vec<(&'static str, String)> {
    let layout = Edition::V2021.layout();
    let lines: Vec<&str> = text.lines().collect();
    let starts: Vec<Option<usize>> = layout
        .sections
        .iter()
        .map(|s| {
            let heading = format!("{}、{}", s.no, s.heading);
            lines.iter().position(|l| l.trim() == heading)
        })
        .collect();
    let mut out = Vec::new();
    for (i, section) in layout.sections.iter().enumerate() {
        let Some(start) = starts[i] else { continue };
        if section.table.is_some() {
            continue;
        }
        let end = starts[i + 1..]
            .iter()
            .flatten()
            .next()
            .copied()
            .unwrap_or(lines.len());
        out.push((section.id, paragraphs(&lines[start + 1..end]).join("\n")));
    }
    out
}

/// The paragraphs of the published text. Text extracted from the published document breaks a
/// paragraph where a page ended ("…及时向问" / "询群众回复答复书"): a long line that does not end a
/// sentence is joined with the next one.
fn paragraphs(lines: &[&str]) -> Vec<String> {
    const SENTENCE_END: &[char] = &['。', '！', '？', '；', '：', '”', '）', ')'];
    const PAGE_LINE: usize = 40;
    let mut out: Vec<String> = Vec::new();
    let mut open = false;
    for line in lines.iter().map(|l| l.trim()).filter(|l| !l.is_empty()) {
        match out.last_mut() {
            Some(last) if open => last.push_str(line),
            _ => out.push(line.to_string()),
        }
        let last = out.last().map(String::as_str).unwrap_or("");
        open = last.chars().count() > PAGE_LINE && !last.ends_with(SENTENCE_END);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_sample_has_the_published_values_and_sections() {
        let r = yima_transport_2024();
        assert_eq!(
            r.get("disclosure.penalty.decisions"),
            Some(&CellValue::int(118))
        );
        assert_eq!(
            r.get("disclosure.licensing.decisions"),
            Some(&CellValue::int(5))
        );
        assert_eq!(r.get("applications.new.total"), Some(&CellValue::int(0)));
        assert!(r.section("overview").starts_with("(一) 主动公开"));
        assert!(r.section("problems").contains("下一步打算"));
        assert_eq!(r.section("other"), "无。");
        // Paragraphs broken by a page of the published document are whole again.
        assert!(r.section("overview").contains("及时向问询群众回复答复书"));
        assert!(
            r.section("overview")
                .contains("组织单位职工学习宣传新修订的")
        );
        assert_eq!(r.section("overview").lines().count(), 10);
    }
}
