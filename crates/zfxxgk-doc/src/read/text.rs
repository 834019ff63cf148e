//! Plain text: what a person copies from a published page or PDF, or what `pdftotext -layout`
//! writes.
//!
//! - **Copied from a web page** (the seed's shape): table rows as lines of cells separated by
//!   tabs, merged cells as empty fields. Every line with a tab is a row of one loose grid (a row
//!   per line, so a location is a line number); the lines without a tab are running text.
//! - **Column-aligned** (`pdftotext -layout`, copy from a PDF viewer): no tabs; runs separated by
//!   two or more spaces are cells, positioned by their character column. [`super::lines`] finds
//!   the table rows, their columns, and joins wrapped labels.
//!
//! The encoding is UTF-8 (with or without a BOM), UTF-16 with a BOM, or GB18030 (GBK, GB2312),
//! what Windows Notepad and WPS save on Chinese systems.

use zfxxgk_core::grid::{Document, DocumentKind, Geometry, Grid, GridCell, Origin, TextLine};
use zfxxgk_core::import::split_sections;
use zfxxgk_core::normalize::is_space;
use zfxxgk_core::{Lang, Location};

use super::Limits;
use super::lines::{self, Chunk, PlacedLine};

/// Why a text file could not be read.
#[derive(thiserror::Error, Debug)]
#[error("{}", self.message(Lang::Zh))]
pub enum TextError {
    /// The bytes are not text in any encoding read here.
    NotText,
    /// The file is larger than the limit.
    TooLarge {
        /// Its size in bytes.
        size: u64,
        /// The limit in bytes.
        limit: u64,
    },
    /// More lines or cells than a report can have.
    TooManyCells {
        /// The limit.
        limit: usize,
    },
}

impl TextError {
    /// The message in the given language.
    pub fn message(&self, lang: Lang) -> String {
        match (self, lang) {
            (TextError::NotText, Lang::Zh) => {
                "文件不是可识别的文本（既不是 UTF-8 也不是 GBK/GB18030 编码）。".into()
            }
            (TextError::NotText, Lang::En) => {
                "the file is not text in a known encoding (UTF-8, UTF-16, GBK/GB18030)".into()
            }
            (TextError::TooLarge { size, limit }, Lang::Zh) => {
                format!("文本文件过大（{size} 字节，上限 {limit} 字节），不像是一份年度报告。")
            }
            (TextError::TooLarge { size, limit }, Lang::En) => {
                format!("the text file is too large ({size} bytes; the limit is {limit})")
            }
            (TextError::TooManyCells { limit }, Lang::Zh) => {
                format!("文本中的表格单元格超过 {limit} 个，不像是一份年度报告，已拒绝读取。")
            }
            (TextError::TooManyCells { limit }, Lang::En) => {
                format!("the text holds more than {limit} table cells and was refused")
            }
        }
    }
}

/// Decodes text: a BOM wins; else UTF-8 when valid; else GB18030 when it decodes cleanly.
pub fn decode(bytes: &[u8]) -> Option<String> {
    if let Some((enc, bom)) = encoding_rs::Encoding::for_bom(bytes) {
        let (text, had_errors) = enc.decode_without_bom_handling(&bytes[bom..]);
        return (!had_errors).then(|| text.into_owned());
    }
    if let Ok(s) = std::str::from_utf8(bytes) {
        return Some(s.to_string());
    }
    let (text, had_errors) = encoding_rs::GB18030.decode_without_bom_handling(bytes);
    (!had_errors).then(|| text.into_owned())
}

/// True when the bytes are text (in an encoding read here) with no control characters other
/// than line breaks and tabs.
pub fn sniff(bytes: &[u8]) -> bool {
    let head = &bytes[..bytes.len().min(64 * 1024)];
    // A cut in the middle of a multi-byte character at the end of the head is not an error.
    let text = match decode(head) {
        Some(t) => t,
        None => match decode(&head[..head.len().saturating_sub(3)]) {
            Some(t) => t,
            None => return false,
        },
    };
    !text.is_empty()
        && !text
            .chars()
            .any(|c| c.is_control() && !matches!(c, '\n' | '\r' | '\t' | '\u{c}'))
}

/// Reads copied or extracted text into a document.
pub fn read(bytes: &[u8], limits: &Limits) -> Result<Document, TextError> {
    if bytes.len() as u64 > limits.max_file_bytes {
        return Err(TextError::TooLarge {
            size: bytes.len() as u64,
            limit: limits.max_file_bytes,
        });
    }
    let text = decode(bytes).ok_or(TextError::NotText)?;
    let raw: Vec<&str> = text.split('\n').map(|l| l.trim_end_matches('\r')).collect();
    let tabbed = raw.iter().filter(|l| l.contains('\t')).count();
    let mut doc = Document {
        kind: DocumentKind::Text,
        ..Document::default()
    };
    if tabbed >= 3 {
        read_tabbed(&raw, limits, &mut doc)?;
    } else {
        read_layout(&raw, limits, &mut doc)?;
    }
    Ok(doc)
}

/// Cells separated by tabs.
fn read_tabbed(raw: &[&str], limits: &Limits, doc: &mut Document) -> Result<(), TextError> {
    let mut cells = Vec::new();
    let mut origins = Vec::with_capacity(raw.len());
    for (i, line) in raw.iter().enumerate() {
        let location = Location::Line(i as u64 + 1);
        origins.push(location.clone());
        if !line.contains('\t') {
            let t = line.trim_matches(is_space);
            if !t.is_empty() && !lines::is_page_number(t) {
                doc.lines.push(TextLine {
                    text: t.to_string(),
                    location,
                });
            }
            continue;
        }
        let row = u32::try_from(i).unwrap_or(u32::MAX);
        let fields: Vec<&str> = line.split('\t').collect();
        // A paragraph or a section's heading indented with a tab (`\t一、总体情况`), or a sentence
        // a copy left a tab after, is running text, not a row of a table (a row label alone,
        // `\t（七）总计`, is a row whose values are blank).
        let mut filled = fields
            .iter()
            .filter(|f| !f.trim_matches(is_space).is_empty());
        if let (Some(only), None) = (filled.next(), filled.next()) {
            let t = only.trim_matches(is_space);
            if is_running_text(t) {
                doc.lines.push(TextLine {
                    text: t.to_string(),
                    location,
                });
                continue;
            }
        }
        // Trailing empty fields are what a copy leaves after the last cell.
        let used = fields
            .iter()
            .rposition(|f| !f.trim_matches(is_space).is_empty())
            .map_or(0, |p| p + 1);
        for (c, field) in fields[..used].iter().enumerate() {
            let col = u32::try_from(c).unwrap_or(u32::MAX);
            cells.push(GridCell::text(
                row,
                col,
                field.trim_matches(is_space),
                location.clone(),
            ));
            if cells.len() > limits.max_cells {
                return Err(TextError::TooManyCells {
                    limit: limits.max_cells,
                });
            }
        }
    }
    doc.grids
        .push(Grid::new("文本", Geometry::Loose, cells).with_origin(Origin::Rows(origins)));
    Ok(())
}

/// A sentence, or the heading of a section of the report.
fn is_running_text(t: &str) -> bool {
    if t.contains(['。', '，', '；']) {
        return true;
    }
    let line = [TextLine {
        text: t.to_string(),
        location: Location::Line(0),
    }];
    let layout = zfxxgk_core::Edition::V2021.layout();
    split_sections(layout, &line)
        .starts
        .iter()
        .enumerate()
        .any(|(s, start)| start.is_some() && layout.sections[s].table.is_none())
}

/// Columns aligned with spaces: runs of two or more spaces (or a tab) separate cells.
fn read_layout(raw: &[&str], limits: &Limits, doc: &mut Document) -> Result<(), TextError> {
    let mut placed = Vec::with_capacity(raw.len());
    let mut page = 1u32;
    let mut count = 0usize;
    for (i, line) in raw.iter().enumerate() {
        // pdftotext marks a new page with a form feed.
        let breaks = line.matches('\u{c}').count();
        page = page.saturating_add(u32::try_from(breaks).unwrap_or(0));
        let line = line.replace('\u{c}', "");
        let chunks = split_runs(&line);
        count += chunks.len();
        if count > limits.max_cells {
            return Err(TextError::TooManyCells {
                limit: limits.max_cells,
            });
        }
        placed.push(PlacedLine {
            location: Location::Line(i as u64 + 1),
            page,
            chunks,
        });
    }
    let (grid, text) = lines::build("文本", placed);
    doc.grids.push(grid);
    doc.lines = text;
    Ok(())
}

/// The runs of a line and their character columns. A wide character (CJK) counts as one column,
/// as `pdftotext -layout` lays text out on a grid of character cells. Runs are separated by two
/// or more spaces (or a tab), and by a single space between two values (`27 8`).
fn split_runs(line: &str) -> Vec<Chunk> {
    let chars: Vec<char> = line.chars().collect();
    let mut out: Vec<Chunk> = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        if is_space(chars[i]) {
            i += 1;
            continue;
        }
        let start = i;
        let mut end = i;
        while end < chars.len() && chars[end] != '\t' {
            if is_space(chars[end]) {
                let gap = chars[end..].iter().take_while(|c| is_space(**c)).count();
                if gap >= 2 {
                    break;
                }
            }
            end += 1;
        }
        // Within the run, single spaces between values separate cells too. Whether the last
        // chunk is a value is kept, not recomputed: a long run must stay linear.
        let mut last_value = false;
        let first_of_run = out.len();
        let words = split_keep_positions(&chars[start..end]);
        let count = words.len();
        for (n, (offset, text)) in words.into_iter().enumerate() {
            let x = start + offset;
            let value = lines::is_value_text(&text);
            // A value ending the run after a label (`1.申 0` then a gap) is a cell of its own; a
            // number inside a sentence (`信息 1 条`) is not.
            let value_after_label = value && !last_value && n + 1 == count;
            let joinable = out.len() > first_of_run
                && out
                    .last()
                    .is_some_and(|prev: &Chunk| prev.end as usize + 1 == x)
                && !(last_value && value)
                && !value_after_label
                && !lines::starts_item(&text);
            let len = text.chars().count();
            match out.last_mut() {
                Some(prev) if joinable => {
                    prev.text.push(' ');
                    prev.text.push_str(&text);
                    prev.end = (x + len) as f32;
                    last_value = false;
                }
                _ => {
                    out.push(Chunk {
                        x: x as f32,
                        end: (x + len) as f32,
                        text,
                    });
                    last_value = value;
                }
            }
        }
        i = end;
    }
    out
}

/// The words of a run (split at single spaces) with their offsets.
fn split_keep_positions(chars: &[char]) -> Vec<(usize, String)> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        if is_space(chars[i]) {
            i += 1;
            continue;
        }
        let start = i;
        while i < chars.len() && !is_space(chars[i]) {
            i += 1;
        }
        out.push((start, chars[start..i].iter().collect()));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn runs_split_at_two_spaces() {
        let runs = split_runs("规章      3     1   27");
        let texts: Vec<&str> = runs.iter().map(|c| c.text.as_str()).collect();
        assert_eq!(texts, vec!["规章", "3", "1", "27"]);
        let runs = split_runs("结果 维持  结果 纠正");
        let texts: Vec<&str> = runs.iter().map(|c| c.text.as_str()).collect();
        assert_eq!(texts, vec!["结果 维持", "结果 纠正"]);
    }

    #[test]
    fn encodings() {
        let (gbk, _, _) = encoding_rs::GBK.encode("规章\t3");
        assert_eq!(decode(&gbk).as_deref(), Some("规章\t3"));
        assert!(sniff(&gbk));
        assert!(!sniff(b"\x00\x01\x02binary"));
    }
}
