//! Metadata (agency, year, contact) and the narrative sections.
//!
//! Metadata comes from our 基本信息 sheet ([`crate::layout::INFO_SHEET`]: a label of
//! [`META_FIELDS`] with its value in a cell to its right), else from a title such as
//! `某某局2023年政府信息公开工作年度报告统计表` anywhere in the workbook (the agency is the text
//! before the year). The narrative comes from the 报告正文 sheet ([`crate::crate::layout::NARRATIVE_SHEET`]):
//! a cell holding a section heading (or one of its variants) starts that section; the text cells
//! after it, in reading order, are its text, one line per row (an empty row between two lines is
//! an empty line), as our writer lays it out.

use crate::layout::{META_FIELDS, REPORT_TITLE_SUFFIX};
use crate::normalize::{half_width, is_space, label_key, normalize_label};
use crate::{Edition, Report};

use crate::grid::{Grid as Sheet, GridCell as RawCell, Raw};

/// How far right of a label its value may be.
const VALUE_REACH: u32 = 4;

fn plain_text(cell: &RawCell) -> Option<String> {
    match &cell.value {
        Raw::Text(s) => {
            let t = s.trim_matches(is_space);
            (!t.is_empty()).then(|| t.to_string())
        }
        Raw::Int(i) => Some(i.to_string()),
        Raw::Float(f) => Some(format!("{f}")),
        _ => None,
    }
}

/// A year written as a number or as text (`2023`, `2023年`, `２０２３年度`).
fn parse_year(cell: &RawCell) -> Option<i32> {
    let year = match &cell.value {
        Raw::Int(i) => i32::try_from(*i).ok(),
        Raw::Float(f) if f.fract() == 0.0 && f.abs() < 1e6 => Some(*f as i32),
        Raw::Text(s) => {
            let t: String = s
                .chars()
                .map(half_width)
                .filter(|c| !is_space(*c))
                .collect();
            let t = t
                .strip_suffix("年度")
                .or_else(|| t.strip_suffix('年'))
                .unwrap_or(&t);
            (t.len() == 4 && t.bytes().all(|b| b.is_ascii_digit()))
                .then(|| t.parse().ok())
                .flatten()
        }
        _ => None,
    }?;
    (1900..=9999).contains(&year).then_some(year)
}

/// Agency and year from a title `{agency}{year}年[度]政府信息公开工作年度报告…`.
pub fn parse_title(text: &str) -> Option<(String, i32)> {
    let s: String = text
        .chars()
        .map(half_width)
        .filter(|c| !is_space(*c))
        .collect();
    let idx = s.find(REPORT_TITLE_SUFFIX)?;
    let before = &s[..idx];
    let before = before
        .strip_suffix("年度")
        .or_else(|| before.strip_suffix('年'))?;
    let digits = before
        .char_indices()
        .rev()
        .take_while(|(_, c)| c.is_ascii_digit())
        .last()
        .map(|(i, _)| i)?;
    let year_text = &before[digits..];
    if year_text.len() != 4 {
        return None;
    }
    let year: i32 = year_text.parse().ok()?;
    let agency = before[..digits]
        .trim_matches(|c: char| c == '“' || c == '”' || c == '"' || c == '《')
        .to_string();
    Some((agency, year))
}

/// Fills agency, year, contact and the narrative sections from the workbook.
pub(crate) fn read_meta(sheets: &[Sheet], report: &mut Report) {
    let info_name = normalize_label(crate::layout::INFO_SHEET);
    if let Some(sheet) = sheets
        .iter()
        .find(|s| normalize_label(&s.name) == info_name)
    {
        read_info(sheet, report);
    }
    if report.agency.trim().is_empty() || report.year.is_none() {
        let suffix = normalize_label(REPORT_TITLE_SUFFIX);
        let title = sheets
            .iter()
            .flat_map(|s| s.cells.iter())
            .filter(|c| c.norm.contains(&suffix))
            .find_map(|c| match &c.value {
                Raw::Text(t) => parse_title(t),
                _ => None,
            });
        if let Some((agency, year)) = title {
            if report.agency.trim().is_empty() && !agency.is_empty() {
                report.agency = agency;
            }
            if report.year.is_none() {
                report.year = Some(year);
            }
        }
    }
    let narrative_name = normalize_label(crate::layout::NARRATIVE_SHEET);
    if let Some(sheet) = sheets
        .iter()
        .find(|s| normalize_label(&s.name) == narrative_name)
    {
        read_narrative(sheet, report);
    }
}

/// The edition our 基本信息 sheet states in its 格式版本 field (`2019（国办公开办函〔2019〕60号）`).
pub(crate) fn stated_edition(sheets: &[Sheet]) -> Option<Edition> {
    let info_name = normalize_label(crate::layout::INFO_SHEET);
    let sheet = sheets
        .iter()
        .find(|s| normalize_label(&s.name) == info_name)?;
    let field = META_FIELDS.iter().find(|f| f.id == "edition")?;
    let value = field_value(sheet, field.label)?;
    let text = plain_text(value)?;
    let head: String = text
        .chars()
        .take_while(|c| c.is_ascii_alphanumeric())
        .collect();
    Edition::parse(&head)
}

/// The cell holding the value of a labelled field: the first non-empty cell to the right of the
/// label (`机关名称` or `机关名称：`).
fn field_value<'a>(sheet: &'a Sheet, label: &str) -> Option<&'a RawCell> {
    let key = normalize_label(label);
    let label = sheet
        .find(&key)
        .next()
        .or_else(|| sheet.find(&format!("{key}:")).next())?;
    (1..=VALUE_REACH)
        .filter_map(|d| sheet.get(label.row, label.col.saturating_add(d)))
        .next()
}

fn read_info(sheet: &Sheet, report: &mut Report) {
    for field in META_FIELDS {
        let Some(value) = field_value(sheet, field.label) else {
            continue;
        };
        match field.id {
            "agency" => {
                if let Some(t) = plain_text(value) {
                    report.agency = t;
                }
            }
            "year" => report.year = parse_year(value).or(report.year),
            "filler" => report.contact.filler = plain_text(value),
            "phone" => report.contact.phone = plain_text(value),
            "date" => report.contact.date = plain_text(value),
            _ => {}
        }
    }
}

fn read_narrative(sheet: &Sheet, report: &mut Report) {
    let layout = report.layout();
    let headings: Vec<(Vec<String>, &'static str)> = layout
        .sections
        .iter()
        .filter(|s| s.table.is_none())
        .map(|s| {
            let keys = std::iter::once(s.heading)
                .chain(s.variants.iter().copied())
                .map(label_key)
                .collect();
            (keys, s.id)
        })
        .collect();
    let mut current: Option<&'static str> = None;
    // Section id, text, row of the last line appended.
    let mut texts: Vec<(&'static str, String, u32)> = Vec::new();
    for cell in &sheet.cells {
        if let Some((_, id)) = headings.iter().find(|(keys, _)| keys.contains(&cell.key)) {
            current = Some(id);
            continue;
        }
        let (Some(id), Raw::Text(t)) = (current, &cell.value) else {
            continue;
        };
        let t = t.trim_matches(is_space);
        if t.is_empty() {
            continue;
        }
        match texts.iter_mut().find(|(s, _, _)| *s == id) {
            Some((_, text, last)) => {
                // One line per row (empty rows are empty lines), as our writer lays text out.
                let breaks = cell.row.saturating_sub(*last).clamp(1, 1000);
                text.extend(std::iter::repeat_n('\n', breaks as usize));
                text.push_str(t);
                *last = cell.row;
            }
            None => texts.push((id, t.to_string(), cell.row)),
        }
    }
    for (id, text, _) in texts {
        report.set_section(id, text);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn titles() {
        assert_eq!(
            parse_title("某某县交通运输局2023年政府信息公开工作年度报告统计表"),
            Some(("某某县交通运输局".into(), 2023))
        );
        assert_eq!(
            parse_title("某某镇人民政府 ２０２３年度政府信息公开工作年度报告"),
            Some(("某某镇人民政府".into(), 2023))
        );
        assert_eq!(
            parse_title("2024年政府信息公开工作年度报告"),
            Some((String::new(), 2024))
        );
        assert_eq!(parse_title("政府信息公开工作年度报告"), None);
        assert_eq!(parse_title("某局23年政府信息公开工作年度报告"), None);
    }
}
