//! Writing workbooks: the blank standard template, the official spreadsheet of a report and the
//! summary workbook of many reports.
//!
//! Every label, span and position comes from the core layout catalog (see [`grid`]); the only
//! words of this module's own are the sheet furniture (the 填表说明, the check labels, list
//! headers). Workbooks are written into memory; the caller writes the file.
//!
//! Sheets, in order: 基本信息 (metadata and the 填表说明), one sheet per table (title row, the
//! table exactly as printed, live checks beside and below it), 报告正文 (the narrative sections),
//! and, for an exported report with findings or import notes, 校验结果. A summary has 基本信息
//! (what was totalled), the tables of the total, 明细, 校验结果 and, when the caller lists the
//! files, 文件清单 (see [`summary_workbook_with`]).

mod grid;
mod sheets;
mod style;
mod summary;

use zfxxgk_core::report::a1;
use zfxxgk_core::{Edition, Finding, Lang, Report};

/// Options of the blank template.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TemplateOptions {
    /// 机关名称 to pre-fill.
    pub agency: Option<String>,
    /// 报告年度 to pre-fill.
    pub year: Option<i32>,
}

/// Why a workbook could not be written.
#[derive(thiserror::Error, Debug)]
pub enum WriteError {
    /// The spreadsheet library refused something (a string too long for a cell, a limit of the
    /// format).
    #[error("无法写出工作簿：{0}")]
    Workbook(String),
    /// A text is longer than a spreadsheet cell can hold.
    #[error("{what}长 {len} 个字符，电子表格的一个单元格最多只能放 32767 个字符")]
    TextTooLong {
        /// What the text is (`section overview`, `agency`).
        what: String,
        /// Its length in characters.
        len: usize,
    },
}

impl WriteError {
    /// The message in the given language.
    pub fn message(&self, lang: Lang) -> String {
        match (self, lang) {
            (_, Lang::Zh) => self.to_string(),
            (WriteError::Workbook(e), Lang::En) => format!("cannot write the workbook: {e}"),
            (WriteError::TextTooLong { what, len }, Lang::En) => {
                format!("{what} is {len} characters long; a spreadsheet cell holds at most 32767")
            }
        }
    }
}

/// Where a numeric cell of the layout is in the workbooks this module writes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CellPosition {
    /// The stable cell id (`applications.new.total`).
    pub id: &'static str,
    /// The sheet name.
    pub sheet: &'static str,
    /// 0-based row.
    pub row: u32,
    /// 0-based column.
    pub col: u32,
    /// The A1 reference (`D5`).
    pub a1: String,
}

/// One report of a summary.
#[derive(Debug, Clone, Copy)]
pub struct SummaryMember<'a> {
    /// The report.
    pub report: &'a Report,
    /// The file it was read from, as the user should see it.
    pub file: &'a str,
    /// Its findings.
    pub findings: &'a [Finding],
}

/// The blank standard template (2021 edition), pre-filled with the agency and year when given.
pub fn template(opts: &TemplateOptions) -> Result<Vec<u8>, WriteError> {
    let mut report = Report::new(Edition::V2021);
    report.agency = opts.agency.clone().unwrap_or_default();
    report.year = opts.year;
    sheets::Book::template(&report)
}

/// The official spreadsheet of a report (either edition): the tables filled as the report holds
/// them, the metadata and narrative, and a 校验结果 sheet with the findings and import notes.
pub fn report_workbook(
    report: &Report,
    findings: &[Finding],
    lang: Lang,
) -> Result<Vec<u8>, WriteError> {
    sheets::Book::export(report, findings, lang)
}

/// The position of every numeric cell of an edition in the workbooks written here, in catalog
/// order.
pub fn template_positions(edition: Edition) -> Vec<CellPosition> {
    let layout = edition.layout();
    let grids = grid::grids(layout);
    let mut out = Vec::with_capacity(layout.cells().len());
    for cell in layout.cells() {
        for g in &grids {
            if let Some(slot) = g.slot_of(cell) {
                let sheet = crate::sheets::table_sheet(g.table.id).unwrap_or(g.table.short);
                out.push(CellPosition {
                    id: cell.id,
                    sheet,
                    row: slot.rect.r0,
                    col: u32::from(slot.rect.c0),
                    a1: a1(slot.rect.r0, u32::from(slot.rect.c0)),
                });
                break;
            }
        }
    }
    out
}

/// The custom document property that says what kind of workbook zfxxgk wrote (set on summaries:
/// [`SUMMARY_KIND`]), so that a summary is recognised when it comes back as input.
pub const KIND_PROPERTY: &str = "zfxxgk_kind";
/// The value of [`KIND_PROPERTY`] in a summary workbook.
pub const SUMMARY_KIND: &str = "summary";

/// One line of the 文件清单 of a summary: a file that was given (or an agency of the roster that
/// sent none), whether it is in the total, and why.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SummaryFile {
    /// The file, as the user should see it (empty for an agency that sent no file).
    pub file: String,
    /// The agency, as read or as the roster names it.
    pub agency: String,
    /// The report year, when known.
    pub year: Option<i32>,
    /// Whether its report is in the total.
    pub included: bool,
    /// The status as the caller words it (`已计入`, `未计入`, `未报送`).
    pub status: String,
    /// Why (`重复，保留了 …`, `无法读取：…`).
    pub reason: String,
}

/// What a summary says about itself beyond its reports.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SummaryInfo {
    /// The date the summary was made, as the caller's clock gives it (`2025-01-20`); the writer
    /// reads no clock, so that its output depends only on its input.
    pub date: Option<String>,
    /// Every file given, in the order to list them; when not empty, the workbook has a 文件清单
    /// sheet and 基本信息 counts the files from it.
    pub files: Vec<SummaryFile>,
}

/// The summary workbook: 基本信息 (共汇总 N 个单位), the total in the official layout, a 明细
/// sheet with one row per member and a 合计 row, and a 校验结果 sheet with the findings of the
/// total and then of every member, errors first. Marked with [`KIND_PROPERTY`] =
/// [`SUMMARY_KIND`].
pub fn summary_workbook(
    total: &Report,
    total_findings: &[Finding],
    members: &[SummaryMember],
    lang: Lang,
) -> Result<Vec<u8>, WriteError> {
    summary_workbook_with(
        total,
        total_findings,
        members,
        &SummaryInfo::default(),
        lang,
    )
}

/// [`summary_workbook`] with the date of the summary and the list of files (a 文件清单 sheet).
pub fn summary_workbook_with(
    total: &Report,
    total_findings: &[Finding],
    members: &[SummaryMember],
    info: &SummaryInfo,
    lang: Lang,
) -> Result<Vec<u8>, WriteError> {
    sheets::Book::summary(total, total_findings, members, info, lang)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn positions_cover_every_cell_once() {
        for edition in Edition::ALL {
            let pos = template_positions(edition);
            assert_eq!(pos.len(), edition.layout().cells().len());
            let mut seen = std::collections::HashSet::new();
            for p in &pos {
                assert!(seen.insert((p.sheet, p.a1.clone())), "{} twice", p.a1);
            }
        }
    }

    #[test]
    fn table_three_is_laid_out_as_printed() {
        let layout = Edition::V2021.layout();
        let g = grid::TableGrid::build(layout, layout.table("applications").unwrap());
        // title, then 3 header rows: the first value row is row 5 (0-based 4), after 3 label columns.
        let first = g.slots.first().unwrap();
        assert_eq!((first.rect.r0, first.rect.c0), (4, 3));
        assert_eq!(g.width, 10);
        let corner = g
            .labels
            .iter()
            .find(|l| l.kind == grid::LabelKind::Corner)
            .unwrap();
        assert_eq!(corner.rect, grid::Rect::new(1, 0, 3, 2));
        let group = g
            .labels
            .iter()
            .find(|l| l.text == "三、本年度办理结果")
            .unwrap();
        assert_eq!((group.rect.r0, group.rect.r1, group.rect.c0), (6, 27, 0));
        let granted = g
            .labels
            .iter()
            .find(|l| l.text == "（一）予以公开")
            .unwrap();
        assert_eq!((granted.rect.c0, granted.rect.c1), (1, 2));
        let new = g
            .labels
            .iter()
            .find(|l| l.text.starts_with("一、本年新收"))
            .unwrap();
        assert_eq!((new.rect.c0, new.rect.c1), (0, 2));
        let orgs = g
            .labels
            .iter()
            .find(|l| l.text == "法人或其他组织")
            .unwrap();
        assert_eq!(orgs.rect, grid::Rect::new(2, 4, 2, 8));
        let count = |code| g.checks.iter().filter(|c| c.code == code).count();
        use zfxxgk_core::rules::Code;
        assert_eq!(count(Code::T3Balance), 7);
        assert_eq!(count(Code::T3ResultsSum), 7);
        assert_eq!(count(Code::T3RowTotal), 25);
        let total = g.labels.iter().find(|l| l.text == "总计").unwrap();
        assert_eq!(total.rect, grid::Rect::new(1, 9, 3, 9));
    }
}
