//! Writing the sheets.

use rust_decimal::Decimal;
use rust_xlsxwriter::{
    ConditionalFormatFormula, ConditionalFormatText, ConditionalFormatTextRule, DataValidation,
    DataValidationErrorStyle, DataValidationRule, DocProperties, ExcelDateTime, Format, Formula,
    ProtectionOptions, Workbook, Worksheet, XlsxError,
};
use zfxxgk_core::layout::{META_FIELDS, REPORT_TITLE_SUFFIX, ValueKind};
use zfxxgk_core::{CellValue, Finding, Lang, Location, Report};

use super::grid::{
    self, BALANCED, Check, IDEOGRAPHIC_SPACE, LabelKind, PLACEHOLDER_NAME, Rect, TableGrid,
    UNBALANCED, UNREADABLE,
};
use super::style::{Mode, Styles};
use super::{CellPosition, KIND_PROPERTY, WriteError, template_positions};
use crate::sheets;

/// The most characters a cell holds.
const MAX_CELL_CHARS: usize = 32_767;
/// The tallest row a sheet allows, in points.
pub(super) const MAX_ROW_HEIGHT: f64 = 409.0;
/// A4.
pub(super) const PAPER_A4: u8 = 9;
/// Page footer: 第 n 页 共 m 页.
pub(super) const FOOTER: &str = "&C第 &P 页 共 &N 页";

pub(super) trait Ctx<T> {
    fn w(self) -> Result<T, WriteError>;
}

impl<T> Ctx<T> for Result<T, XlsxError> {
    fn w(self) -> Result<T, WriteError> {
        self.map_err(|e| WriteError::Workbook(e.to_string()))
    }
}

pub(super) fn checked<'a>(what: &str, text: &'a str) -> Result<&'a str, WriteError> {
    let len = text.chars().count();
    if len > MAX_CELL_CHARS {
        return Err(WriteError::TextTooLong {
            what: what.to_string(),
            len,
        });
    }
    Ok(text)
}

/// The float nearest to the number: read from its decimal text, which rounds correctly (a value
/// within the core's bounds has at most 15 significant digits, so it reads back exactly);
/// `Decimal::to_f64` may be a unit in the last place off.
fn to_f64(d: Decimal) -> f64 {
    d.to_string().parse().unwrap_or(f64::NAN)
}

pub(super) fn col_u16(c: usize) -> u16 {
    u16::try_from(c).unwrap_or(u16::MAX)
}

pub(super) fn row_u32(r: usize) -> u32 {
    u32::try_from(r).unwrap_or(u32::MAX)
}

/// Writes `text` over `rect` (merged when it is more than one cell).
pub(super) fn put(
    ws: &mut Worksheet,
    rect: Rect,
    text: &str,
    format: &Format,
) -> Result<(), WriteError> {
    if rect.single() {
        ws.write_string_with_format(rect.r0, rect.c0, text, format)
            .w()?;
    } else {
        ws.merge_range(rect.r0, rect.c0, rect.r1, rect.c1, text, format)
            .w()?;
    }
    Ok(())
}

/// Writes a cell value over `rect`.
pub(super) fn put_value(
    ws: &mut Worksheet,
    rect: Rect,
    value: &CellValue,
    format: &Format,
) -> Result<(), WriteError> {
    if !rect.single() {
        ws.merge_range(rect.r0, rect.c0, rect.r1, rect.c1, "", format)
            .w()?;
    }
    match value {
        CellValue::Blank => {
            ws.write_blank(rect.r0, rect.c0, format).w()?;
        }
        CellValue::Number(d) => {
            ws.write_number_with_format(rect.r0, rect.c0, to_f64(*d), format)
                .w()?;
        }
        CellValue::Placeholder(s) | CellValue::Text(s) => {
            let s = checked("a table cell", s)?;
            ws.write_string_with_format(rect.r0, rect.c0, s, format)
                .w()?;
        }
    }
    Ok(())
}

pub(super) fn protect(ws: &mut Worksheet) {
    let options = ProtectionOptions {
        format_columns: true,
        format_rows: true,
        ..ProtectionOptions::new()
    };
    ws.protect_with_options(&options);
}

pub(super) fn print_setup(ws: &mut Worksheet, landscape: bool) {
    ws.set_paper_size(PAPER_A4);
    if landscape {
        ws.set_landscape();
    } else {
        ws.set_portrait();
    }
    ws.set_print_fit_to_pages(1, 0);
    ws.set_print_center_horizontally(true);
    ws.set_margins(0.6, 0.6, 0.75, 0.75, 0.3, 0.3);
    ws.set_footer(FOOTER);
}

pub(super) fn grid_a1(r: u32, c: u16) -> String {
    zfxxgk_core::report::a1(r, u32::from(c))
}

/// The number a live check reads from one cell, as [`grid::live_summand`] describes it: the cell
/// as a number (text digits, full-width or with spaces around, included), 0 for a blank or one of
/// the placeholders, `#N/A` for any other text.
fn live_term(a1: &str) -> String {
    let text = format!("TRIM(SUBSTITUTE(ASC({a1}),\"{IDEOGRAPHIC_SPACE}\",\" \"))");
    format!("IFERROR(--{text},IF(OR({text}={PLACEHOLDER_NAME}),0,NA()))")
}

/// The formula of a live check. Not `SUM`, which skips text: a filler's `"12"` or `１２` counts,
/// as `zfxxgk check` counts it, and a text it cannot read makes the check say [`UNREADABLE`].
fn check_formula(g: &TableGrid, check: &Check) -> String {
    let side = |cells: &[&'static zfxxgk_core::Cell]| -> String {
        let terms: Vec<String> = cells
            .iter()
            .filter_map(|c| g.slot_of(c))
            .map(|s| live_term(&grid_a1(s.rect.r0, s.rect.c0)))
            .collect();
        if terms.is_empty() {
            "0".to_string()
        } else {
            terms.join("+")
        }
    };
    format!(
        "=IFERROR(IF({}={},\"{BALANCED}\",\"{UNBALANCED}\"),\"{UNREADABLE}\")",
        side(&check.left),
        side(&check.right)
    )
}

/// The workbook-level name of the placeholder list the live checks use.
fn placeholder_list() -> String {
    let items: Vec<String> = grid::placeholders()
        .iter()
        .map(|p| format!("\"{}\"", p.replace('"', "\"\"")))
        .collect();
    format!("={{{}}}", items.join(","))
}

fn validation_for(kind: ValueKind) -> Result<DataValidation, WriteError> {
    let (dv, message, error) = match kind {
        ValueKind::Count => (
            DataValidation::new().allow_whole_number(DataValidationRule::GreaterThanOrEqualTo(0)),
            "请填写 0 或正整数（件数）。没有发生的请填 0，不要留空或填“/”。",
            "这里只能填写不小于 0 的整数。",
        ),
        ValueKind::SignedCount => (
            DataValidation::new()
                .allow_whole_number(DataValidationRule::Between(-999_999_999, 999_999_999)),
            "请填写整数，减少时填负数。没有变化的请填 0。",
            "这里只能填写整数。",
        ),
        ValueKind::Amount => (
            DataValidation::new()
                .allow_decimal_number(DataValidationRule::GreaterThanOrEqualTo(0.0)),
            "请填写金额（单位见表头），可有小数，如 0.35。没有发生的请填 0。",
            "这里只能填写不小于 0 的数字。",
        ),
    };
    dv.set_input_title("填写说明")
        .w()?
        .set_input_message(message)
        .w()?
        .set_error_title("输入有误")
        .w()?
        .set_error_message(error)
        .w()
        .map(|d| d.set_error_style(DataValidationErrorStyle::Stop))
}

/// A workbook being written.
pub(crate) struct Book {
    pub(super) wb: Workbook,
    pub(super) styles: Styles,
    pub(super) mode: Mode,
}

impl std::fmt::Debug for Book {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Book").field("mode", &self.mode).finish()
    }
}

impl Book {
    /// A workbook; `kind`, when given, is written as the custom document property
    /// [`KIND_PROPERTY`] so that the workbook is recognised when it comes back as input.
    pub(super) fn new(mode: Mode, title: &str, kind: Option<&str>) -> Result<Book, WriteError> {
        let mut wb = Workbook::new();
        let created = ExcelDateTime::from_ymd(2021, 9, 26)
            .w()?
            .and_hms(0, 0, 0)
            .w()?;
        let mut props = DocProperties::new()
            .set_title(title)
            .set_author("zfxxgk")
            .set_creation_datetime(&created);
        if let Some(kind) = kind {
            props = props.set_custom_property(KIND_PROPERTY, kind);
        }
        wb.set_properties(&props);
        Ok(Book {
            wb,
            styles: Styles::new(mode),
            mode,
        })
    }

    pub(super) fn finish(mut self) -> Result<Vec<u8>, WriteError> {
        self.wb.save_to_buffer().w()
    }

    pub fn template(report: &Report) -> Result<Vec<u8>, WriteError> {
        let mut book = Book::new(Mode::Template, &report_title(report), None)?;
        book.info(report)?;
        book.tables(report, false, None)?;
        book.narrative(report)?;
        book.finish()
    }

    pub fn export(
        report: &Report,
        findings: &[Finding],
        lang: Lang,
    ) -> Result<Vec<u8>, WriteError> {
        let mut book = Book::new(Mode::Export, &report_title(report), None)?;
        book.info(report)?;
        book.tables(report, true, None)?;
        book.narrative(report)?;
        if !findings.is_empty() || !report.notes.is_empty() || !report.issues.is_empty() {
            book.findings(report, findings, lang)?;
        }
        book.finish()
    }

    /// 基本信息: the metadata fields and the 填表说明.
    fn info(&mut self, report: &Report) -> Result<(), WriteError> {
        let s = &self.styles;
        let ws = self.wb.add_worksheet();
        ws.set_name(sheets::INFO).w()?;
        ws.set_column_width(0, 16).w()?;
        ws.set_column_width(1, 60).w()?;
        let title = report_title(report);
        put(
            ws,
            Rect::new(0, 0, 0, 1),
            checked("agency", &title)?,
            &s.title,
        )?;
        ws.set_row_height(0, 36).w()?;
        for (i, field) in META_FIELDS.iter().enumerate() {
            let r = row_u32(i + 1);
            ws.write_string_with_format(r, 0, field.label, &s.info_label)
                .w()?;
            ws.set_row_height(r, 24).w()?;
            let text = match field.id {
                "agency" => Some(report.agency.clone()),
                "year" => {
                    match report.year {
                        Some(y) => {
                            ws.write_number_with_format(r, 1, f64::from(y), &s.info_input)
                                .w()?;
                        }
                        None => {
                            ws.write_blank(r, 1, &s.info_input).w()?;
                        }
                    }
                    let dv = DataValidation::new()
                        .allow_whole_number(DataValidationRule::Between(2019, 2100))
                        .set_input_title("报告年度")
                        .w()?
                        .set_input_message("填写四位数年份，如 2024。")
                        .w()?
                        .set_error_message("报告年度应为 2019 年以后的四位数年份。")
                        .w()?;
                    ws.add_data_validation(r, 1, r, 1, &dv).w()?;
                    None
                }
                "edition" => {
                    let e = report.edition;
                    let text = format!("{}（{}）", e.as_str(), e.document());
                    ws.write_string_with_format(r, 1, &text, &s.info_fixed)
                        .w()?;
                    None
                }
                "filler" => Some(report.contact.filler.clone().unwrap_or_default()),
                "phone" => Some(report.contact.phone.clone().unwrap_or_default()),
                "date" => Some(report.contact.date.clone().unwrap_or_default()),
                _ => Some(String::new()),
            };
            if let Some(text) = text {
                if text.is_empty() {
                    ws.write_blank(r, 1, &s.info_input).w()?;
                } else {
                    ws.write_string_with_format(r, 1, checked(field.label, &text)?, &s.info_input)
                        .w()?;
                }
            }
        }
        let r = row_u32(META_FIELDS.len() + 2);
        ws.write_string_with_format(r, 0, "填表说明", &s.heading)
            .w()?;
        ws.set_row_height(r, 24).w()?;
        let notes = instructions(report, self.mode);
        let lines: f64 = notes
            .split('\n')
            .map(|l| grid::lines_needed(l, 11.0, 16.0 + 60.0))
            .sum();
        put(ws, Rect::new(r + 1, 0, r + 1, 1), &notes, &s.note)?;
        ws.set_row_height(r + 1, (lines * 14.5 + 8.0).min(MAX_ROW_HEIGHT))
            .w()?;
        protect(ws);
        print_setup(ws, false);
        ws.set_print_area(0, 0, r + 1, 1).w()?;
        ws.set_active(true);
        Ok(())
    }

    /// One sheet per table.
    /// The table sheets; `prefix` names them as a summary's (`汇总 表三 依申请公开`).
    pub(super) fn tables(
        &mut self,
        report: &Report,
        filled: bool,
        prefix: Option<&str>,
    ) -> Result<(), WriteError> {
        let layout = report.layout();
        self.wb
            .define_name(PLACEHOLDER_NAME, &placeholder_list())
            .w()?;
        for g in grid::grids(layout) {
            self.table(&g, report, filled, prefix)?;
        }
        Ok(())
    }

    fn table(
        &mut self,
        g: &TableGrid,
        report: &Report,
        filled: bool,
        prefix: Option<&str>,
    ) -> Result<(), WriteError> {
        let s = &self.styles;
        let ws = self.wb.add_worksheet();
        let name = sheets::table_sheet(g.table.id).unwrap_or(g.table.short);
        match prefix {
            Some(p) => ws.set_name(format!("{p} {name}")).w()?,
            None => ws.set_name(name).w()?,
        };
        for (c, w) in g.col_widths.iter().enumerate() {
            ws.set_column_width(col_u16(c), *w).w()?;
        }
        for (r, h) in g.row_heights.iter().enumerate() {
            ws.set_row_height(row_u32(r), h.min(MAX_ROW_HEIGHT)).w()?;
        }
        for l in &g.labels {
            let f = match l.kind {
                LabelKind::Title => &s.title,
                LabelKind::Caption => &s.caption,
                LabelKind::Corner | LabelKind::Header => &s.header,
                LabelKind::StubGroup(_) => &s.stub_group,
                LabelKind::StubLeaf => &s.stub,
                LabelKind::Check => &s.check_label,
                LabelKind::CheckHeader => &s.check_header,
            };
            put(ws, l.rect, &l.text, f)?;
        }
        let blank = CellValue::Blank;
        let mut by_kind: Vec<(ValueKind, Vec<Rect>)> = Vec::new();
        for slot in &g.slots {
            let v = if filled {
                report.get(slot.cell.id).unwrap_or(&blank)
            } else {
                &blank
            };
            put_value(ws, slot.rect, v, &s.input)?;
            let kind = slot.cell.kind();
            match by_kind.iter_mut().find(|(k, _)| *k == kind) {
                Some((_, v)) => v.push(slot.rect),
                None => by_kind.push((kind, vec![slot.rect])),
            }
        }
        for (kind, rects) in &by_kind {
            let Some(first) = rects.first() else { continue };
            let ranges = ranges_a1(rects);
            let dv = validation_for(*kind)?.set_multi_range(ranges.join(" "));
            ws.add_data_validation(first.r0, first.c0, first.r1, first.c1, &dv)
                .w()?;
        }
        // Input cells holding text (a number typed as text, a placeholder, words) are coloured, so
        // a filler sees what `zfxxgk check` will read with a note or not at all.
        if let Some(first) = g.slots.first() {
            let ranges = ranges_a1(&g.slots.iter().map(|s| s.rect).collect::<Vec<_>>());
            let cf = ConditionalFormatFormula::new()
                .set_rule(format!("ISTEXT({})", grid_a1(first.rect.r0, first.rect.c0)).as_str())
                .set_format(&s.text_input)
                .set_multi_range(ranges.join(" "));
            ws.add_conditional_format(
                first.rect.r0,
                first.rect.c0,
                first.rect.r1,
                first.rect.c1,
                &cf,
            )
            .w()?;
        }
        let report_for_checks = if filled { Some(report) } else { None };
        for check in &g.checks {
            let formula =
                Formula::new(check_formula(g, check)).set_result(check.result(report_for_checks));
            if !check.rect.single() {
                ws.merge_range(
                    check.rect.r0,
                    check.rect.c0,
                    check.rect.r1,
                    check.rect.c1,
                    "",
                    &s.check,
                )
                .w()?;
            }
            ws.write_formula_with_format(check.rect.r0, check.rect.c0, formula, &s.check)
                .w()?;
        }
        if let Some(first) = g.checks.first() {
            let ranges: Vec<String> = g.checks.iter().map(|c| range_a1(&c.rect)).collect();
            for (text, format) in [(UNBALANCED, &s.unbalanced), (UNREADABLE, &s.text_input)] {
                let cf = ConditionalFormatText::new()
                    .set_rule(ConditionalFormatTextRule::Contains(text.to_string()))
                    .set_format(format)
                    .set_multi_range(ranges.join(" "));
                ws.add_conditional_format(
                    first.rect.r0,
                    first.rect.c0,
                    first.rect.r1,
                    first.rect.c1,
                    &cf,
                )
                .w()?;
            }
        }
        protect(ws);
        print_setup(ws, g.wide());
        ws.set_print_area(0, 0, g.last_table_row, g.width.saturating_sub(1))
            .w()?;
        if let Some((a, b)) = g.repeat_rows {
            ws.set_repeat_rows(a, b).w()?;
        }
        Ok(())
    }

    /// 报告正文: the sections without a table.
    fn narrative(&mut self, report: &Report) -> Result<(), WriteError> {
        let s = &self.styles;
        let ws = self.wb.add_worksheet();
        ws.set_name(sheets::NARRATIVE).w()?;
        const WIDTH: f64 = 80.0;
        ws.set_column_width(0, WIDTH).w()?;
        let title = format!("{}（正文）", report_title(report));
        put(ws, Rect::new(0, 0, 0, 0), &title, &s.title)?;
        ws.set_row_height(0, 36).w()?;
        let mut r: u32 = 1;
        for (section, text) in report.sections() {
            if section.table.is_some() {
                continue;
            }
            let heading = format!("{}、{}", section.no, section.heading);
            ws.write_string_with_format(r, 0, &heading, &s.heading)
                .w()?;
            ws.set_row_height(r, 28).w()?;
            r += 1;
            let text = checked(section.heading, text)?;
            if text.is_empty() {
                // An input cell tall enough to type into.
                let lines = if section.id == "overview" { 18.0 } else { 7.0 };
                ws.set_row_height(r, lines * 16.0 + 8.0).w()?;
                ws.write_blank(r, 0, &s.narrative).w()?;
                r += 1;
                continue;
            }
            // One row per line of the text, so that pages break between paragraphs; a reader
            // joins the rows between two headings with line breaks.
            for line in text.split('\n') {
                let height = if line.trim().is_empty() {
                    8.0
                } else {
                    grid::lines_needed(line, 12.0, WIDTH) * 16.0 + 6.0
                };
                ws.set_row_height(r, height.min(MAX_ROW_HEIGHT)).w()?;
                if line.is_empty() {
                    ws.write_blank(r, 0, &s.paragraph).w()?;
                } else {
                    ws.write_string_with_format(r, 0, line, &s.paragraph).w()?;
                }
                r += 1;
            }
        }
        protect(ws);
        print_setup(ws, false);
        ws.set_print_area(0, 0, r.saturating_sub(1), 0).w()?;
        Ok(())
    }

    /// 校验结果 of one report: findings, then import notes and issues.
    fn findings(
        &mut self,
        report: &Report,
        findings: &[Finding],
        lang: Lang,
    ) -> Result<(), WriteError> {
        let positions = template_positions(report.edition);
        let s = &self.styles;
        let ws = self.wb.add_worksheet();
        ws.set_name(sheets::FINDINGS).w()?;
        let headers: [&str; 6] = match lang {
            Lang::Zh => [
                "序号",
                "级别",
                "规则代码",
                "说明",
                "单元格编号",
                "本工作簿中的位置",
            ],
            Lang::En => [
                "No.",
                "Severity",
                "Code",
                "Message",
                "Cells",
                "Position in this workbook",
            ],
        };
        let widths = [6.0, 8.0, 18.0, 70.0, 40.0, 24.0];
        for (c, w) in widths.iter().enumerate() {
            ws.set_column_width(col_u16(c), *w).w()?;
        }
        for (c, h) in headers.iter().enumerate() {
            ws.write_string_with_format(0, col_u16(c), *h, &s.list_header)
                .w()?;
        }
        ws.set_freeze_panes(1, 0).w()?;
        let mut r: u32 = 1;
        for (i, f) in findings.iter().enumerate() {
            let ids = f.cell_ids();
            let pos: Vec<String> = ids.iter().map(|id| position_of(&positions, id)).collect();
            let row = [
                f.severity.label(lang).to_string(),
                f.code.as_str().to_string(),
                f.message(lang),
                ids.join("\n"),
                pos.join("\n"),
            ];
            list_row(ws, s, r, i + 1, &row, &widths)?;
            r += 1;
        }
        if !report.notes.is_empty() || !report.issues.is_empty() {
            r += 1;
            let (title, headers): (&str, [&str; 6]) = match lang {
                Lang::Zh => (
                    "导入说明（读取原文件时所做的处理和遇到的问题）",
                    [
                        "序号",
                        "类别",
                        "代码",
                        "说明",
                        "单元格编号",
                        "原文件中的位置",
                    ],
                ),
                Lang::En => (
                    "Import notes (what was normalised or could not be read in the input)",
                    [
                        "No.",
                        "Kind",
                        "Code",
                        "Message",
                        "Cells",
                        "Position in the input",
                    ],
                ),
            };
            put(ws, Rect::new(r, 0, r, 5), title, &s.heading)?;
            ws.set_row_height(r, 24).w()?;
            r += 1;
            for (c, h) in headers.iter().enumerate() {
                ws.write_string_with_format(r, col_u16(c), *h, &s.list_header)
                    .w()?;
            }
            r += 1;
            let mut n = 0;
            for issue in &report.issues {
                n += 1;
                let row = [
                    issue.severity.label(lang).to_string(),
                    issue.code.to_string(),
                    issue.message(lang).to_string(),
                    issue.cells.join("\n"),
                    issue.location.as_ref().map(loc).unwrap_or_default(),
                ];
                list_row(ws, s, r, n, &row, &widths)?;
                r += 1;
            }
            for note in &report.notes {
                n += 1;
                let kind = match lang {
                    Lang::Zh => "说明",
                    Lang::En => "note",
                };
                let row = [
                    kind.to_string(),
                    String::new(),
                    note.message(lang),
                    note.cell.unwrap_or("").to_string(),
                    note.location.as_ref().map(loc).unwrap_or_default(),
                ];
                list_row(ws, s, r, n, &row, &widths)?;
                r += 1;
            }
        }
        print_setup(ws, true);
        ws.set_repeat_rows(0, 0).w()?;
        Ok(())
    }
}

/// A row of a list sheet: a number, then the texts; the row is as tall as its longest text.
pub(super) fn list_row(
    ws: &mut Worksheet,
    s: &Styles,
    r: u32,
    n: usize,
    texts: &[String],
    widths: &[f64],
) -> Result<(), WriteError> {
    ws.write_number_with_format(r, 0, n as f64, &s.list_number)
        .w()?;
    let mut lines: f64 = 1.0;
    for (i, t) in texts.iter().enumerate() {
        let c = col_u16(i + 1);
        ws.write_string_with_format(r, c, checked("a message", t)?, &s.list_text)
            .w()?;
        let w = widths.get(i + 1).copied().unwrap_or(20.0);
        lines = lines.max(grid::lines_needed(t, 10.0, w));
    }
    ws.set_row_height(r, (lines * 15.0 + 5.0).min(MAX_ROW_HEIGHT))
        .w()?;
    Ok(())
}

fn loc(l: &Location) -> String {
    l.to_string()
}

fn position_of(positions: &[CellPosition], id: &str) -> String {
    positions
        .iter()
        .find(|p| p.id == id)
        .map(|p| format!("{}!{}", p.sheet, p.a1))
        .unwrap_or_default()
}

/// The A1 ranges of rectangles, single cells side by side in a row joined into one range.
fn ranges_a1(rects: &[Rect]) -> Vec<String> {
    let mut out: Vec<Rect> = Vec::new();
    for r in rects {
        match out.last_mut() {
            Some(last)
                if last.r0 == last.r1
                    && r.r0 == r.r1
                    && last.r0 == r.r0
                    && u32::from(last.c1) + 1 == u32::from(r.c0) =>
            {
                last.c1 = r.c1;
            }
            _ => out.push(*r),
        }
    }
    out.iter().map(range_a1).collect()
}

fn range_a1(rect: &Rect) -> String {
    let a = grid_a1(rect.r0, rect.c0);
    if rect.single() {
        a
    } else {
        format!("{a}:{}", grid_a1(rect.r1, rect.c1))
    }
}

/// `{agency}{year}年政府信息公开工作年度报告`, with what is known.
pub(super) fn report_title(report: &Report) -> String {
    let year = report.year.map(|y| format!("{y}年")).unwrap_or_default();
    format!("{}{year}{REPORT_TITLE_SUFFIX}", report.agency.trim())
}

/// The 填表说明 of the 基本信息 sheet, naming the catalog's sheets, amount columns and sections.
pub(super) fn instructions(report: &Report, mode: Mode) -> String {
    let layout = report.layout();
    let first = match mode {
        Mode::Template => "1. 浅黄色单元格是填写区，",
        Mode::Export => "1. 表格中的数字单元格和本表的信息单元格可以修改，",
    };
    let mut lines = vec![
        format!("{first}其余单元格已保护（无密码，需要时可在“审阅”菜单中撤销工作表保护）。"),
        "2. 各表的件数一律填写整数；没有发生的填 0，不要留空，也不要填“/”“—”“无”。".to_string(),
    ];
    let mut n = 3;
    for cell in layout.cells() {
        let first_of_column = layout
            .cells()
            .iter()
            .find(|c| c.column.id == cell.column.id && c.table.id == cell.table.id)
            .is_some_and(|c| c.id == cell.id);
        if !first_of_column {
            continue;
        }
        match cell.kind() {
            ValueKind::Amount => {
                let unit = if cell.column.label.contains("万元") {
                    "，单位为万元"
                } else {
                    ""
                };
                lines.push(format!(
                    "{n}. {}“{}”填写金额{unit}，可以有小数（如 0.35）。",
                    cell.table.short, cell.column.label
                ));
                n += 1;
            }
            ValueKind::SignedCount => {
                lines.push(format!(
                    "{n}. {}“{}”填写整数，减少时填负数。",
                    cell.table.short, cell.column.label
                ));
                n += 1;
            }
            ValueKind::Count => {}
        }
    }
    lines.push(format!("{n}. {}", check_note(layout, None)));
    n += 1;
    lines.push(format!("{n}. {TEXT_NOTE}"));
    n += 1;
    let narrative: Vec<String> = layout
        .sections
        .iter()
        .filter(|s| s.table.is_none())
        .map(|s| format!("“{}、{}”", s.no, s.heading))
        .collect();
    lines.push(format!(
        "{n}. “{}”工作表填写{}各部分的文字。",
        sheets::NARRATIVE,
        narrative.join("")
    ));
    lines.join("\n")
}

/// What the coloured cells of the table sheets mean: the live checks (of the tables that have
/// them, named as the sheets are, with `prefix` in a summary) and the text in numeric cells.
pub(super) fn check_note(layout: &'static zfxxgk_core::Layout, prefix: Option<&str>) -> String {
    let checked_tables: Vec<String> = grid::grids(layout)
        .iter()
        .filter(|g| !g.checks.is_empty())
        .map(|g| {
            let name = sheets::table_sheet(g.table.id).unwrap_or(g.table.short);
            match prefix {
                Some(p) => format!("“{p} {name}”"),
                None => format!("“{name}”"),
            }
        })
        .collect();
    format!(
        "{}工作表中表格右侧和下方的“校验”单元格自动核对勾稽关系：显示“{BALANCED}”表示相符；显示“{UNBALANCED}”（红色）表示该行、该列或该组数字对不上，请核对后修改；显示“{UNREADABLE}”（橙色）表示参与核对的单元格里有既不是数字也不是“/”等占位符的文字，无法核对。校验单元格不打印。",
        checked_tables.join("、")
    )
}

/// What the orange numeric cells mean.
pub(super) const TEXT_NOTE: &str = "数字单元格里是文字（以文本格式存放的数字，或“/”“无”等）时显示为橙色：以文本存放的数字照常计入校验，但请改为数字；“/”等按 0 计。";
