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
use zfxxgk_core::{CellValue, Edition, Finding, Lang, Report, Severity};

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
    /// A summary of more reports or files than a worksheet has rows.
    #[error("{reports} 份报告、{files} 个文件超出了一个工作表的行数上限（{limit} 行），请分批汇总")]
    TooManyRows {
        /// The reports totalled.
        reports: usize,
        /// The files listed.
        files: usize,
        /// The rows of a worksheet.
        limit: u32,
    },
    /// The members of a summary could not be read back from where the caller keeps them.
    #[error("无法读取暂存的报告：{0}")]
    Members(String),
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
            (
                WriteError::TooManyRows {
                    reports,
                    files,
                    limit,
                },
                Lang::En,
            ) => format!(
                "{reports} reports from {files} files are more than a worksheet's {limit} rows; total them in parts"
            ),
            (WriteError::Members(e), Lang::En) => {
                format!("cannot read back the reports kept aside: {e}")
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

/// One row of a summary's 校验结果: a finding or import issue of a member, rendered. A table's
/// `VALUE-MISSING` findings are one row (see [`summary_lines`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SummaryLine {
    /// Error or warning.
    pub severity: Severity,
    /// The code (`T3-BALANCE`, `IMPORT-TABLE-MISSING`).
    pub code: String,
    /// The message.
    pub message: String,
    /// Where, as a person reads it (`工作表“表三”D7、E7`).
    pub position: String,
    /// The cell ids, one a line.
    pub ids: String,
}

/// The values of a member of a summary, by cell id.
#[derive(Debug, Clone, Copy)]
pub struct SummaryValues<'a>(ValuesOf<'a>);

#[derive(Debug, Clone, Copy)]
enum ValuesOf<'a> {
    Report(&'a Report),
    Slice(Edition, &'a [CellValue]),
}

impl<'a> SummaryValues<'a> {
    /// The values of a report.
    pub fn of_report(report: &'a Report) -> SummaryValues<'a> {
        SummaryValues(ValuesOf::Report(report))
    }

    /// Values in the catalog order of an edition (`Layout::cells()`); missing ones are blank.
    pub fn new(edition: Edition, values: &'a [CellValue]) -> SummaryValues<'a> {
        SummaryValues(ValuesOf::Slice(edition, values))
    }

    /// The value of a cell by id; `None` when the member's edition has no such cell.
    pub fn get(&self, id: &str) -> Option<&'a CellValue> {
        const BLANK: &CellValue = &CellValue::Blank;
        match self.0 {
            ValuesOf::Report(r) => r.get(id),
            ValuesOf::Slice(edition, values) => edition
                .layout()
                .cell(id)
                .map(|c| values.get(c.index).unwrap_or(BLANK)),
        }
    }
}

/// A member of a summary as the writer reads it from a [`SummaryMembers`] source: what the
/// summary shows of it, without its origins or narrative.
#[derive(Debug, Clone, Copy)]
pub struct SummaryRow<'a> {
    /// The file it was read from, as the user should see it.
    pub file: &'a str,
    /// The agency as the report names it.
    pub agency: &'a str,
    /// The report year.
    pub year: Option<i32>,
    /// Its values (all blank when the pass did not ask for them: see [`Need`]).
    pub values: SummaryValues<'a>,
    /// Its errors: findings and import issues.
    pub errors: usize,
    /// Its warnings: findings and import issues.
    pub warnings: usize,
    /// Its rows of 校验结果, errors first (empty when the pass did not ask for them).
    pub lines: &'a [SummaryLine],
}

/// What a pass over the members of a summary reads: a source may skip the rest.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Need {
    /// The values (the 明细 sheet).
    pub values: bool,
    /// The rows of 校验结果.
    pub lines: bool,
}

/// The members of a summary, read in order as many times as the writer needs (a few passes), so
/// that they need not be held in memory: a caller with many members keeps them in a temporary
/// file and hands them on one at a time.
pub trait SummaryMembers {
    /// How many members there are.
    fn count(&self) -> usize;

    /// How many files the members come from, when the source knows (else the writer counts
    /// them, holding every file name meanwhile).
    fn files(&self) -> Option<usize> {
        None
    }

    /// Calls `visit` with every member, in order. An error of `visit` ends the pass and is
    /// returned; a source that cannot read its members returns [`WriteError::Members`].
    fn each(
        &mut self,
        need: Need,
        visit: &mut dyn FnMut(SummaryRow<'_>) -> Result<(), WriteError>,
    ) -> Result<(), WriteError>;
}

/// The lines of a summary's 文件清单, read in order as many times as the writer needs (twice).
pub trait SummaryFiles {
    /// Calls `visit` with every line, in order. An error of `visit` ends the pass and is
    /// returned.
    fn each(
        &mut self,
        visit: &mut dyn FnMut(&SummaryFile) -> Result<(), WriteError>,
    ) -> Result<(), WriteError>;
}

impl SummaryFiles for &[SummaryFile] {
    fn each(
        &mut self,
        visit: &mut dyn FnMut(&SummaryFile) -> Result<(), WriteError>,
    ) -> Result<(), WriteError> {
        self.iter().try_for_each(visit)
    }
}

/// The members of a summary held in memory.
#[derive(Debug)]
pub(crate) struct InMemory<'a, 'b> {
    pub(crate) members: &'a [SummaryMember<'b>],
    pub(crate) lang: Lang,
}

impl SummaryMembers for InMemory<'_, '_> {
    fn count(&self) -> usize {
        self.members.len()
    }

    fn each(
        &mut self,
        need: Need,
        visit: &mut dyn FnMut(SummaryRow<'_>) -> Result<(), WriteError>,
    ) -> Result<(), WriteError> {
        for m in self.members {
            let lines = if need.lines {
                summary_lines(m.report, m.findings, self.lang)
            } else {
                Vec::new()
            };
            let (errors, warnings) = summary::counts(m.report, m.findings);
            visit(SummaryRow {
                file: m.file,
                agency: &m.report.agency,
                year: m.report.year,
                values: SummaryValues::of_report(m.report),
                errors,
                warnings,
                lines: &lines,
            })?;
        }
        Ok(())
    }
}

/// The rows a report's findings and import issues take in a summary's 校验结果, errors first:
/// in each severity the import issues (they explain what could not be read), then the findings
/// in the checker's order, with the `VALUE-MISSING` findings of a table in one row where the
/// first of them was. Made while the report still knows where its values came from; the
/// [`SummaryMembers`] of a large summary keep these instead of the findings.
pub fn summary_lines(report: &Report, findings: &[Finding], lang: Lang) -> Vec<SummaryLine> {
    let mut out = summary::lines_of(report, findings, Severity::Error, None, lang);
    out.extend(summary::lines_of(
        report,
        findings,
        Severity::Warning,
        None,
        lang,
    ));
    out
}

/// Errors and warnings of a report as a summary counts them: its findings and its import issues.
pub fn summary_counts(report: &Report, findings: &[Finding]) -> (usize, usize) {
    summary::counts(report, findings)
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
    let mut source = InMemory { members, lang };
    let mut out = std::io::Cursor::new(Vec::new());
    sheets::Book::summary(
        total,
        total_findings,
        &mut source,
        &mut info.files.as_slice(),
        info.date.as_deref(),
        lang,
        &mut out,
    )?;
    Ok(out.into_inner())
}

/// [`summary_workbook_with`] over members and files read from sources ([`SummaryMembers`],
/// [`SummaryFiles`]; the date as in [`SummaryInfo`]), written to `out`: memory does not grow
/// with the number of members or files (the long sheets are written in constant-memory mode, and
/// 校验结果 continues on further sheets, `校验结果 (2)` …, before it would pass a worksheet's
/// 1,048,576 rows).
pub fn summary_workbook_to(
    total: &Report,
    total_findings: &[Finding],
    members: &mut dyn SummaryMembers,
    files: &mut dyn SummaryFiles,
    date: Option<&str>,
    lang: Lang,
    out: &mut (dyn std::io::Write + Send),
) -> Result<(), WriteError> {
    sheets::Book::summary(total, total_findings, members, files, date, lang, out)
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
