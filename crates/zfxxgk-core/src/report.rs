//! The report: metadata, the six sections and the numeric cells.

use std::fmt;
use std::sync::Arc;

use crate::Lang;
use crate::layout::{Cell, Edition, Layout};
use crate::value::CellValue;

/// Optional contact fields an office collects with a report.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Contact {
    /// 填报人.
    pub filler: Option<String>,
    /// 联系电话.
    pub phone: Option<String>,
    /// 填报日期, as written.
    pub date: Option<String>,
}

/// Where a value came from in its input, for messages.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Location {
    /// A spreadsheet cell: the sheet name and the cell's 0-based row and column (written as an
    /// A1 reference, `C7`, by [`a1`]). The sheet name is shared by every value read from the
    /// sheet.
    Cell {
        /// Sheet name.
        sheet: Arc<str>,
        /// 0-based row.
        row: u32,
        /// 0-based column.
        col: u32,
    },
    /// A line of a text file (1-based).
    Line(u64),
    /// A cell of a table in an HTML page or a Word document (all 1-based): the table's number in
    /// the document, the row, and the cell's column in the expanded grid.
    TableCell {
        /// The table's number in the document.
        table: u32,
        /// The row.
        row: u32,
        /// The column (after rowspan/colspan are expanded).
        col: u32,
    },
    /// A paragraph of running text in a web page or a Word document (1-based, in reading order).
    Paragraph(u32),
    /// A line on a PDF page (both 1-based; lines as the reader groups the page's text).
    Page {
        /// The page.
        page: u32,
        /// The line on the page.
        line: u32,
    },
}

impl Location {
    /// A spreadsheet location from 0-based row and column.
    pub fn sheet_cell(sheet: &str, row: u32, col: u32) -> Location {
        Location::Cell {
            sheet: Arc::from(sheet),
            row,
            col,
        }
    }

    /// The location as a person reads it.
    pub fn describe(&self, lang: Lang) -> String {
        match (self, lang) {
            (Location::Cell { sheet, row, col }, Lang::Zh) => {
                format!("工作表“{sheet}”{}", a1(*row, *col))
            }
            (Location::Cell { sheet, row, col }, Lang::En) => {
                format!("sheet “{sheet}” {}", a1(*row, *col))
            }
            (Location::Line(n), Lang::Zh) => format!("第 {n} 行"),
            (Location::Line(n), Lang::En) => format!("line {n}"),
            (Location::TableCell { table, row, col }, Lang::Zh) => {
                format!("表格 {table} 第 {row} 行第 {col} 列")
            }
            (Location::TableCell { table, row, col }, Lang::En) => {
                format!("table {table}, row {row}, column {col}")
            }
            (Location::Paragraph(n), Lang::Zh) => format!("第 {n} 段"),
            (Location::Paragraph(n), Lang::En) => format!("paragraph {n}"),
            (Location::Page { page, line }, Lang::Zh) => format!("第 {page} 页第 {line} 行"),
            (Location::Page { page, line }, Lang::En) => format!("page {page}, line {line}"),
        }
    }
}

impl fmt::Display for Location {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Location::Cell { sheet, row, col } => write!(f, "{sheet}!{}", a1(*row, *col)),
            Location::Line(n) => write!(f, "line {n}"),
            Location::TableCell { table, row, col } => write!(f, "table {table} R{row}C{col}"),
            Location::Paragraph(n) => write!(f, "paragraph {n}"),
            Location::Page { page, line } => write!(f, "page {page} line {line}"),
        }
    }
}

/// The A1 reference of a 0-based (row, column): `a1(0, 0) == "A1"`, `a1(9, 27) == "AB10"`.
pub fn a1(row: u32, col: u32) -> String {
    // Built in one allocation: this names every value read from a workbook.
    let mut out = String::with_capacity(12);
    let mut letters = [0u8; 8];
    let mut n = 0;
    let mut c = u64::from(col) + 1;
    while c > 0 {
        letters[n] = b'A' + ((c - 1) % 26) as u8;
        n += 1;
        c = (c - 1) / 26;
    }
    out.extend(letters[..n].iter().rev().map(|&b| char::from(b)));
    let mut digits = [0u8; 10];
    let (mut m, mut k) = (u64::from(row) + 1, 0);
    while m > 0 {
        digits[k] = b'0' + (m % 10) as u8;
        k += 1;
        m /= 10;
    }
    out.extend(digits[..k].iter().rev().map(|&b| char::from(b)));
    out
}

/// Why an importer changed what it saw into what it read.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum NoteReason {
    /// A number stored as text.
    NumberAsText,
    /// Full-width digits or signs.
    FullWidth,
    /// Thousands separators removed.
    ThousandsSeparator,
    /// A unit written in the cell (`12件`, `0.35万元`).
    Unit(String),
    /// A float that is a whole number up to floating-point noise (`7.0000000000000009`).
    FloatNoise,
    /// A formula, read through its cached result.
    FormulaResult,
    /// Something else, explained in both languages.
    Other {
        /// Chinese explanation.
        zh: String,
        /// English explanation.
        en: String,
    },
}

/// One normalisation an importer made, or one thing it could not read as expected.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Note {
    /// The cell id, if the note is about a numeric cell.
    pub cell: Option<&'static str>,
    /// Where it was seen.
    pub location: Option<Location>,
    /// What was seen, verbatim.
    pub seen: String,
    /// What was read (the value stored in the model, as text).
    pub read: String,
    /// Why.
    pub reason: NoteReason,
}

impl Note {
    /// The note as a sentence.
    pub fn message(&self, lang: Lang) -> String {
        Note::sentence(&self.seen, &self.read, &[self.reason_text(lang)], lang)
    }

    /// One sentence for what was seen and read, with every reason (several notes on one cell).
    pub fn sentence(seen: &str, read: &str, reasons: &[String], lang: Lang) -> String {
        match lang {
            Lang::Zh => format!("“{seen}”读作“{read}”（{}）", reasons.join("；")),
            Lang::En => format!("“{seen}” read as “{read}” ({})", reasons.join("; ")),
        }
    }

    /// Why, in a few words.
    pub fn reason_text(&self, lang: Lang) -> String {
        match (&self.reason, lang) {
            (NoteReason::NumberAsText, Lang::Zh) => "以文本形式存储的数字".to_string(),
            (NoteReason::NumberAsText, Lang::En) => "number stored as text".to_string(),
            (NoteReason::FullWidth, Lang::Zh) => "全角数字".to_string(),
            (NoteReason::FullWidth, Lang::En) => "full-width digits".to_string(),
            (NoteReason::ThousandsSeparator, Lang::Zh) => "去掉千位分隔符".to_string(),
            (NoteReason::ThousandsSeparator, Lang::En) => {
                "thousands separators removed".to_string()
            }
            (NoteReason::Unit(u), Lang::Zh) => format!("去掉单位“{u}”"),
            (NoteReason::Unit(u), Lang::En) => format!("unit “{u}” removed"),
            (NoteReason::FloatNoise, Lang::Zh) => "浮点误差取整".to_string(),
            (NoteReason::FloatNoise, Lang::En) => "floating-point noise rounded".to_string(),
            (NoteReason::FormulaResult, Lang::Zh) => "公式，取其计算结果".to_string(),
            (NoteReason::FormulaResult, Lang::En) => "formula, its cached result used".to_string(),
            (NoteReason::Other { zh, .. }, Lang::Zh) => zh.clone(),
            (NoteReason::Other { en, .. }, Lang::En) => en.clone(),
        }
    }
}

/// A problem an importer met that is not a rule finding: a table or row it could not find, a
/// formula without a cached result, a value it could not place. Shown beside the findings.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImportIssue {
    /// A stable code (`IMPORT-MISSING-TABLE`, `IMPORT-MISSING-ROW`, …).
    pub code: &'static str,
    /// Error (the report cannot be fully read) or warning.
    pub severity: crate::rules::Severity,
    /// The cells concerned, if any.
    pub cells: Vec<&'static str>,
    /// Where, if known.
    pub location: Option<Location>,
    /// The message in Chinese.
    pub zh: String,
    /// The message in English.
    pub en: String,
}

impl ImportIssue {
    /// The message in the given language.
    pub fn message(&self, lang: Lang) -> &str {
        match lang {
            Lang::Zh => &self.zh,
            Lang::En => &self.en,
        }
    }
}

/// The import issues that make an import uncertain ([`Report::uncertain`]).
pub const UNCERTAIN_CODES: &[&str] = &["IMPORT-UNCERTAIN", "IMPORT-MERGED-ROW", "IMPORT-LABEL"];

/// Where a report's agency name was read from, so that a name taken from a weak place (a file
/// name) is said, and reports are matched knowing how sure the name is.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum AgencyFrom {
    /// Our 基本信息 sheet, or the project's own JSON/CSV.
    InfoSheet,
    /// A cell labelled with one of the label variants (`单位名称`, `填报单位：…`), on a sheet.
    Label {
        /// The label as written (`填报单位`).
        label: String,
        /// The sheet.
        sheet: String,
    },
    /// The title of a table or of the report (`某某局2024年政府信息公开工作年度报告`).
    Title,
    /// The opening sentence of a published report (`本报告由…编制`).
    Opening,
    /// The page's metadata (the publisher of a web page).
    Publisher,
    /// The file's name, as a last resort.
    FileName,
    /// The command line's `--agency`.
    CommandLine,
}

impl AgencyFrom {
    /// Where, in a few words.
    pub fn describe(&self, lang: Lang) -> String {
        match (self, lang) {
            (AgencyFrom::InfoSheet, Lang::Zh) => "基本信息".to_string(),
            (AgencyFrom::InfoSheet, Lang::En) => "the information sheet".to_string(),
            (AgencyFrom::Label { label, sheet }, Lang::Zh) => {
                format!("工作表“{sheet}”的“{label}”")
            }
            (AgencyFrom::Label { label, sheet }, Lang::En) => {
                format!("“{label}” on sheet “{sheet}”")
            }
            (AgencyFrom::Title, Lang::Zh) => "标题".to_string(),
            (AgencyFrom::Title, Lang::En) => "the title".to_string(),
            (AgencyFrom::Opening, Lang::Zh) => "开头“本报告由……编制”".to_string(),
            (AgencyFrom::Opening, Lang::En) => "the opening sentence".to_string(),
            (AgencyFrom::Publisher, Lang::Zh) => "网页的发布机构".to_string(),
            (AgencyFrom::Publisher, Lang::En) => "the page's publisher".to_string(),
            (AgencyFrom::FileName, Lang::Zh) => "文件名".to_string(),
            (AgencyFrom::FileName, Lang::En) => "the file name".to_string(),
            (AgencyFrom::CommandLine, Lang::Zh) => "命令行 --agency".to_string(),
            (AgencyFrom::CommandLine, Lang::En) => "--agency on the command line".to_string(),
        }
    }
}

/// One annual report.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Report {
    /// The layout edition.
    pub edition: Edition,
    /// 机关名称 (empty when unknown).
    pub agency: String,
    /// Where the agency name was read from (`None` when unknown or not recorded).
    pub agency_from: Option<AgencyFrom>,
    /// 报告年度.
    pub year: Option<i32>,
    /// Optional contact fields.
    pub contact: Contact,
    sections: Vec<String>,
    values: Vec<CellValue>,
    origins: Vec<Option<Location>>,
    /// Normalisations made on import.
    pub notes: Vec<Note>,
    /// Problems met on import (missing tables or rows, unreadable formulas …).
    pub issues: Vec<ImportIssue>,
    /// The outline of a published report's running text (title, opening, statistics period,
    /// every heading seen), recorded by the import of text, web pages, Word and PDF; `None` for
    /// workbooks, JSON and CSV. See [`crate::outline`].
    pub outline: Option<Box<crate::outline::Outline>>,
    /// For each section, where each part of its text was read from: (byte offset in the text
    /// where the part starts, its location), by increasing offset.
    text_origins: Vec<Vec<(usize, Location)>>,
}

impl Report {
    /// An empty report (every cell blank) of the given edition.
    pub fn new(edition: Edition) -> Report {
        let layout = edition.layout();
        let n = layout.cells().len();
        Report {
            edition,
            agency: String::new(),
            agency_from: None,
            year: None,
            contact: Contact::default(),
            sections: vec![String::new(); layout.sections.len()],
            values: vec![CellValue::Blank; n],
            origins: Vec::new(),
            notes: Vec::new(),
            issues: Vec::new(),
            outline: None,
            text_origins: Vec::new(),
        }
    }

    /// The layout catalog of the report's edition.
    pub fn layout(&self) -> &'static Layout {
        self.edition.layout()
    }

    /// The value of a cell of this report's layout.
    pub fn value(&self, cell: &Cell) -> &CellValue {
        &self.values[cell.index]
    }

    /// The value of a cell by id, `None` if the id is not in this edition.
    pub fn get(&self, id: &str) -> Option<&CellValue> {
        self.layout().cell(id).map(|c| &self.values[c.index])
    }

    /// Sets a cell's value.
    pub fn set(&mut self, cell: &Cell, value: CellValue) {
        self.values[cell.index] = value;
    }

    /// Sets a cell's value by id; returns `false` if the id is not in this edition.
    pub fn set_by_id(&mut self, id: &str, value: CellValue) -> bool {
        match self.layout().cell(id) {
            Some(c) => {
                self.values[c.index] = value;
                true
            }
            None => false,
        }
    }

    /// Every cell with its value, in printed order.
    pub fn cells(&self) -> impl Iterator<Item = (&'static Cell, &CellValue)> {
        self.layout().cells().iter().zip(self.values.iter())
    }

    /// Where a cell's value was read from, if known.
    pub fn origin(&self, cell: &Cell) -> Option<&Location> {
        self.origins.get(cell.index).and_then(Option::as_ref)
    }

    /// Records where a cell's value was read from.
    pub fn set_origin(&mut self, cell: &Cell, location: Location) {
        if self.origins.len() <= cell.index {
            self.origins.resize(self.values.len(), None);
        }
        self.origins[cell.index] = Some(location);
    }

    /// The report without the text of its sections (what a total needs is the numbers).
    pub fn without_text(mut self) -> Report {
        for s in &mut self.sections {
            *s = String::new();
        }
        self.text_origins = Vec::new();
        self
    }

    /// The report without the origin of each value and the import notes: what a total of
    /// thousands of reports needs, in a fraction of the memory. Import issues are kept.
    pub fn without_origins(mut self) -> Report {
        self.origins = Vec::new();
        self.notes = Vec::new();
        self.text_origins = Vec::new();
        self.outline = None;
        self.agency_from = None;
        self
    }

    /// True when the import could not place some value with certainty, or read a row by a label
    /// that differs from the official one: such a report must be checked against its original.
    pub fn uncertain(&self) -> bool {
        self.issues
            .iter()
            .any(|i| UNCERTAIN_CODES.contains(&i.code))
    }

    /// The text of a section by id (`overview`, `problems`, `other`, …); empty when none.
    pub fn section(&self, id: &str) -> &str {
        self.layout()
            .sections
            .iter()
            .position(|s| s.id == id)
            .map(|i| self.sections[i].as_str())
            .unwrap_or("")
    }

    /// Sets the text of a section; returns `false` if the id is unknown.
    pub fn set_section(&mut self, id: &str, text: impl Into<String>) -> bool {
        match self.layout().sections.iter().position(|s| s.id == id) {
            Some(i) => {
                self.sections[i] = text.into();
                if let Some(o) = self.text_origins.get_mut(i) {
                    o.clear();
                }
                true
            }
            None => false,
        }
    }

    /// Records where the parts of a section's text were read from: (byte offset in
    /// [`Report::section`] where a part starts, the location of the line, paragraph or cell it
    /// was read from). Replaces what was recorded; returns `false` if the id is unknown.
    pub fn set_text_origins(&mut self, id: &str, mut parts: Vec<(usize, Location)>) -> bool {
        let Some(i) = self.layout().sections.iter().position(|s| s.id == id) else {
            return false;
        };
        parts.sort_by_key(|(offset, _)| *offset);
        if self.text_origins.len() <= i {
            self.text_origins.resize(self.sections.len(), Vec::new());
        }
        self.text_origins[i] = parts;
        true
    }

    /// Where each part of a section's text was read from, by increasing offset (empty when
    /// unknown).
    pub fn text_origins(&self, id: &str) -> &[(usize, Location)] {
        self.layout()
            .sections
            .iter()
            .position(|s| s.id == id)
            .and_then(|i| self.text_origins.get(i))
            .map_or(&[], Vec::as_slice)
    }

    /// Where the text at a byte offset of [`Report::section`] was read from: the line or
    /// paragraph (for our workbook's 报告正文 sheet, the cell) of the part holding the offset.
    pub fn text_location(&self, section: &str, offset: usize) -> Option<&Location> {
        let parts = self.text_origins(section);
        let n = parts.partition_point(|(start, _)| *start <= offset);
        parts[..n].last().map(|(_, location)| location)
    }

    /// Every section with its text, in order.
    pub fn sections(&self) -> impl Iterator<Item = (&'static crate::layout::Section, &str)> {
        self.layout()
            .sections
            .iter()
            .zip(self.sections.iter().map(String::as_str))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a1_references() {
        assert_eq!(a1(0, 0), "A1");
        assert_eq!(a1(9, 25), "Z10");
        assert_eq!(a1(9, 27), "AB10");
        assert_eq!(a1(1_048_575, 16_383), "XFD1048576");
        assert_eq!(a1(u32::MAX, u32::MAX), "MWLQKWV4294967296");
    }

    #[test]
    fn a_new_report_is_blank() {
        let r = Report::new(Edition::V2021);
        assert!(r.cells().all(|(_, v)| *v == CellValue::Blank));
        assert_eq!(r.section("overview"), "");
    }
}
