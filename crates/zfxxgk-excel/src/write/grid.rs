//! The geometry of a table sheet, computed from the layout catalog alone: where every label, merged
//! range, value cell and live check goes, and how wide and tall the columns and rows are.
//!
//! Nothing here writes a workbook; the same geometry gives [`super::template_positions`], the
//! written sheets and the tests.

use rust_decimal::Decimal;
use zfxxgk_core::layout::{Arrangement, Table};
use zfxxgk_core::normalize::half_width;
use zfxxgk_core::print::{Item, Span, table_grid};
use zfxxgk_core::rules::Code;
use zfxxgk_core::rules::equations::{Along, Equation, equations};
use zfxxgk_core::value::{PLACEHOLDERS, parse_decimal};
use zfxxgk_core::{Cell, CellValue, Layout, Report};

/// A rectangle of cells, 0-based and inclusive.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Rect {
    pub r0: u32,
    pub c0: u16,
    pub r1: u32,
    pub c1: u16,
}

impl Rect {
    pub fn new(r0: u32, c0: u16, r1: u32, c1: u16) -> Rect {
        Rect { r0, c0, r1, c1 }
    }

    pub fn single(&self) -> bool {
        self.r0 == self.r1 && self.c0 == self.c1
    }
}

/// What a label is, which decides its format.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum LabelKind {
    /// The title row above the table (`三、收到和处理政府信息公开申请情况`).
    Title,
    /// A block caption (`第二十条第（一）项`).
    Caption,
    /// The top-left corner over the label columns.
    Corner,
    /// A header label.
    Header,
    /// A label group in the label columns (`三、本年度办理结果`), at its level.
    StubGroup(usize),
    /// A row label.
    StubLeaf,
    /// The header of the check column.
    CheckHeader,
    /// The label of a check row.
    Check,
}

/// One printed label.
#[derive(Debug, Clone)]
pub(crate) struct Label {
    pub rect: Rect,
    pub text: String,
    pub kind: LabelKind,
}

/// Where a numeric cell of the report goes (`rect` is wider than one cell where the value spans
/// the rest of the table, as the single-column blocks of table 二 do).
#[derive(Debug, Clone)]
pub(crate) struct Slot {
    pub cell: &'static Cell,
    pub rect: Rect,
}

/// A live check: a formula cell that says whether `left` adds up to `right`.
#[derive(Debug, Clone)]
pub(crate) struct Check {
    pub rect: Rect,
    /// The rule the check stands for (the tests compare it with the core's rules).
    #[cfg_attr(not(test), expect(dead_code))]
    pub code: Code,
    pub left: Vec<&'static Cell>,
    pub right: Vec<&'static Cell>,
}

/// What a balanced check shows.
pub(crate) const BALANCED: &str = "平衡";
/// What an unbalanced check shows.
pub(crate) const UNBALANCED: &str = "不平衡";
/// What a check shows when one of its cells holds a text that is neither a number nor a
/// placeholder (`zfxxgk check` then reports `VALUE-TEXT` and cannot check the equation either).
pub(crate) const UNREADABLE: &str = "有文字";
/// The header of the check column on the right of a table with row totals.
pub(crate) const ROW_CHECK_HEADER: &str = "本行校验";

/// The geometry of one table sheet.
#[derive(Debug)]
pub(crate) struct TableGrid {
    pub table: &'static Table,
    pub labels: Vec<Label>,
    pub slots: Vec<Slot>,
    pub checks: Vec<Check>,
    /// Number of printed table columns (without the check column).
    pub width: u16,
    /// Column widths (Excel character units), for every used column including the check column.
    pub col_widths: Vec<f64>,
    /// Row heights in points, for every used row.
    pub row_heights: Vec<f64>,
    /// The header rows of a single-block table (repeated on each printed page).
    pub repeat_rows: Option<(u32, u32)>,
    /// The last row of the printed table (the print area ends there; the checks are below it).
    pub last_table_row: u32,
}

/// Width of a text in Excel character units at the given font size (a CJK character is about twice
/// as wide as a digit of the default font).
pub(crate) fn text_units(text: &str, size: f64) -> f64 {
    let units: f64 = text
        .chars()
        .map(|c| if c.is_ascii() { 1.05 } else { 2.1 })
        .sum();
    units * size / 11.0
}

/// Lines needed to show a text, wrapped, in a width of `width` units.
pub(crate) fn lines_needed(text: &str, size: f64, width: f64) -> f64 {
    let usable = (width - 1.2).max(1.0);
    let mut lines = 0.0;
    for para in text.split('\n') {
        let w = text_units(para, size);
        lines += (w / usable).ceil().max(1.0);
    }
    lines
}

/// The point size of the table text.
pub(crate) const TABLE_FONT_SIZE: f64 = 11.0;
/// The point size of the table titles.
pub(crate) const TITLE_FONT_SIZE: f64 = 14.0;
const LINE_HEIGHT: f64 = 14.5;
const ROW_PADDING: f64 = 6.0;
const MIN_ROW_HEIGHT: f64 = 20.0;
const CELL_PADDING: f64 = 1.6;
const MIN_VALUE_WIDTH: f64 = 8.0;
const MAX_LEAF_WIDTH: f64 = 36.0;
const MIN_TABLE_WIDTH: f64 = 84.0;
const CHECK_WIDTH: f64 = 10.0;
/// The indent of row labels, in width units.
const INDENT: f64 = 1.5;

fn u16_of(n: usize) -> u16 {
    u16::try_from(n).unwrap_or(u16::MAX)
}

fn u32_of(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

impl TableGrid {
    /// Lays a table out: the printed geometry of the catalog (`zfxxgk_core::print`) under a title
    /// row, the 本行校验 column on the right of blocks with row totals, and the check rows of the
    /// column equations under the table.
    pub fn build(layout: &'static Layout, table: &'static Table) -> TableGrid {
        let printed = table_grid(layout, table);
        let w = u16_of(printed.width);
        let last = w.saturating_sub(1);
        let check_col = w;
        // Row 0 is the title; the printed table starts on row 1.
        let rect = |sp: &Span| {
            Rect::new(
                u32_of(sp.row + 1),
                u16_of(sp.col),
                u32_of(sp.last_row() + 1),
                u16_of(sp.last_col()),
            )
        };
        let section = layout.sections.iter().find(|s| s.table == Some(table.id));
        let title = match section {
            Some(s) => format!("{}、{}", s.no, s.heading),
            None => table.short.to_string(),
        };
        let mut labels = vec![Label {
            rect: Rect::new(0, 0, 0, last),
            text: title,
            kind: LabelKind::Title,
        }];
        let mut slots = Vec::new();
        for (span, item) in &printed.items {
            let (text, kind) = match *item {
                Item::Value(cell) => {
                    slots.push(Slot {
                        cell,
                        rect: rect(span),
                    });
                    continue;
                }
                Item::Caption(t) => (t, LabelKind::Caption),
                Item::Corner(t) => (t, LabelKind::Corner),
                Item::Header(t, _) => (t, LabelKind::Header),
                Item::StubGroup(t, level) => (t, LabelKind::StubGroup(level)),
                Item::RowLabel(t) => (t, LabelKind::StubLeaf),
            };
            labels.push(Label {
                rect: rect(span),
                text: text.to_string(),
                kind,
            });
        }
        let slot_of = |cell: &Cell| slots.iter().find(|s| s.cell.id == cell.id).map(|s| s.rect);
        let repeat_rows =
            (table.blocks.len() == 1).then(|| (0, u32_of(printed.blocks[0].header.1 + 1)));
        let last_table_row = u32_of(printed.height);
        let mut checks = Vec::new();
        // Check rows of the column equations, placed under the table after one empty row.
        let mut check_rows: Vec<(Vec<Check>, String, Option<u16>)> = Vec::new();
        // The live checks are the core's equations of this table (one description of each
        // equation, derived from the catalog's roles): row totals of a grid in the check column,
        // column equations in check rows under the table, row totals of an inline block (table
        // 四) in a check row of their own.
        let table_equations: Vec<&Equation> = equations(layout)
            .iter()
            .filter(|e| e.table.id == table.id)
            .collect();
        for (b, (block, rows)) in table.blocks.iter().zip(&printed.blocks).enumerate() {
            let stub = block.stub_width();
            let of_block = table_equations.iter().filter(|e| e.block == b);
            match block.arrangement {
                Arrangement::Grid => {
                    let mut headed = false;
                    for e in of_block.clone() {
                        let Along::Row(r) = e.along else {
                            continue;
                        };
                        let Some(ri) = block.rows.iter().position(|x| x.id == r.id) else {
                            continue;
                        };
                        if !headed {
                            let (top, bottom) =
                                (u32_of(rows.header.0 + 1), u32_of(rows.header.1 + 1));
                            labels.push(Label {
                                rect: Rect::new(top, check_col, bottom, check_col),
                                text: ROW_CHECK_HEADER.to_string(),
                                kind: LabelKind::CheckHeader,
                            });
                            headed = true;
                        }
                        let rr = u32_of(rows.body.0 + 1 + ri);
                        checks.push(Check {
                            rect: Rect::new(rr, check_col, rr, check_col),
                            code: e.code,
                            left: e.left.clone(),
                            right: e.right.clone(),
                        });
                    }
                    let stub_end = u16_of(stub.saturating_sub(1));
                    let mut by_code: Vec<(Code, Vec<Check>)> = Vec::new();
                    for e in of_block {
                        let Along::Column(_) = e.along else {
                            continue;
                        };
                        let Some(col) = e.left.first().and_then(|c| slot_of(c)) else {
                            continue;
                        };
                        let check = Check {
                            rect: Rect::new(0, col.c0, 0, col.c1),
                            code: e.code,
                            left: e.left.clone(),
                            right: e.right.clone(),
                        };
                        match by_code.iter_mut().find(|(c, _)| *c == e.code) {
                            Some((_, list)) => list.push(check),
                            None => by_code.push((e.code, vec![check])),
                        }
                    }
                    for (code, cs) in by_code {
                        check_rows.push((cs, check_label(code), Some(stub_end)));
                    }
                }
                Arrangement::Inline => {
                    let mut by_code: Vec<(Code, Vec<Check>)> = Vec::new();
                    for e in of_block {
                        let first = e.left.first().and_then(|c| slot_of(c));
                        let end = e.right.last().and_then(|c| slot_of(c));
                        let (Some(first), Some(end)) = (first, end) else {
                            continue;
                        };
                        let check = Check {
                            rect: Rect::new(0, first.c0, 0, end.c1),
                            code: e.code,
                            left: e.left.clone(),
                            right: e.right.clone(),
                        };
                        match by_code.iter_mut().find(|(c, _)| *c == e.code) {
                            Some((_, list)) => list.push(check),
                            None => by_code.push((e.code, vec![check])),
                        }
                    }
                    for (code, cs) in by_code {
                        check_rows.push((cs, check_label(code), None));
                    }
                }
            }
        }
        let mut row = last_table_row + 1;
        if !check_rows.is_empty() {
            row += 1;
        }
        for (cs, text, stub_end) in check_rows {
            match stub_end {
                // No label columns: the label takes a row of its own above the checks.
                None => {
                    labels.push(Label {
                        rect: Rect::new(row, 0, row, last),
                        text,
                        kind: LabelKind::Check,
                    });
                    row += 1;
                }
                Some(end) => labels.push(Label {
                    rect: Rect::new(row, 0, row, end),
                    text,
                    kind: LabelKind::Check,
                }),
            }
            for mut c in cs {
                c.rect.r0 = row;
                c.rect.r1 = row;
                checks.push(c);
            }
            row += 1;
        }
        let has_check_col = checks.iter().any(|c| c.rect.c0 == check_col);
        let mut grid = TableGrid {
            table,
            labels,
            slots,
            checks,
            width: w,
            col_widths: Vec::new(),
            row_heights: vec![MIN_ROW_HEIGHT; row as usize],
            repeat_rows,
            last_table_row,
        };
        grid.size_columns(has_check_col);
        grid.size_rows();
        grid
    }

    fn size_columns(&mut self, has_check_col: bool) {
        let w = self.width as usize;
        let mut widths = vec![0.0_f64; w];
        let mut stub_cols = vec![false; w];
        for l in &self.labels {
            let c = l.rect.c0 as usize;
            if l.rect.c0 != l.rect.c1 || c >= w {
                continue;
            }
            let units = text_units(&l.text, TABLE_FONT_SIZE);
            let need = match l.kind {
                // The outermost groups of the label columns are printed narrow, two characters a
                // line, as the official table does with 三、本年度办理结果.
                LabelKind::StubGroup(0) => units.min(2.0 * 2.1),
                LabelKind::StubGroup(_) => units.min(10.0 * 2.1),
                LabelKind::StubLeaf => units.min(MAX_LEAF_WIDTH) + INDENT,
                // Header labels of one column wrap to two lines.
                LabelKind::Header => (units / 2.0).max(2.0 * 2.1),
                _ => 0.0,
            } + CELL_PADDING;
            if matches!(l.kind, LabelKind::StubGroup(_) | LabelKind::StubLeaf) {
                stub_cols[c] = true;
            }
            if let Some(x) = widths.get_mut(c) {
                *x = x.max(need);
            }
        }
        for (c, x) in widths.iter_mut().enumerate() {
            if !stub_cols[c] {
                *x = x.max(MIN_VALUE_WIDTH);
            }
        }
        let total: f64 = widths.iter().sum();
        let value_total: f64 = widths
            .iter()
            .zip(&stub_cols)
            .filter(|(_, s)| !**s)
            .map(|(x, _)| *x)
            .sum();
        if total < MIN_TABLE_WIDTH && value_total > 0.0 {
            let factor = (MIN_TABLE_WIDTH - (total - value_total)) / value_total;
            for (x, s) in widths.iter_mut().zip(&stub_cols) {
                if !*s {
                    *x *= factor;
                }
            }
        }
        if has_check_col {
            widths.push(CHECK_WIDTH);
        }
        self.col_widths = widths.iter().map(|x| (x * 4.0).ceil() / 4.0).collect();
    }

    fn width_of(&self, rect: &Rect) -> f64 {
        (rect.c0..=rect.c1)
            .map(|c| {
                self.col_widths
                    .get(c as usize)
                    .copied()
                    .unwrap_or(MIN_VALUE_WIDTH)
            })
            .sum()
    }

    fn size_rows(&mut self) {
        let mut multi = Vec::new();
        for l in &self.labels {
            let size = if l.kind == LabelKind::Title {
                TITLE_FONT_SIZE
            } else {
                TABLE_FONT_SIZE
            };
            let indent = if l.kind == LabelKind::StubLeaf {
                INDENT
            } else {
                0.0
            };
            let lines = lines_needed(&l.text, size, self.width_of(&l.rect) - indent);
            let need = lines * LINE_HEIGHT * size / TABLE_FONT_SIZE + ROW_PADDING;
            let need = if l.kind == LabelKind::Title {
                need + 8.0
            } else {
                need
            };
            if l.rect.r0 == l.rect.r1 {
                if let Some(h) = self.row_heights.get_mut(l.rect.r0 as usize) {
                    *h = h.max(need);
                }
            } else {
                multi.push((l.rect, need));
            }
        }
        for (rect, need) in multi {
            let have: f64 = (rect.r0..=rect.r1)
                .map(|r| self.row_heights.get(r as usize).copied().unwrap_or(0.0))
                .sum();
            if have < need
                && let Some(h) = self.row_heights.get_mut(rect.r1 as usize)
            {
                *h += need - have;
            }
        }
        for h in &mut self.row_heights {
            *h = (*h * 4.0).ceil() / 4.0;
        }
    }

    /// Whether the printed table is wider than a portrait A4 page and wider than it is tall (table
    /// 四): it is then printed landscape.
    pub fn wide(&self) -> bool {
        const POINTS_PER_UNIT: f64 = 5.25;
        const PORTRAIT_WIDTH: f64 = 510.0;
        let width: f64 = self
            .col_widths
            .iter()
            .take(self.width as usize)
            .sum::<f64>()
            * POINTS_PER_UNIT;
        let height: f64 = self
            .row_heights
            .iter()
            .take(self.last_table_row as usize + 1)
            .sum();
        width > PORTRAIT_WIDTH && height < width
    }

    /// Where each cell of a report goes, by id.
    pub fn slot_of(&self, cell: &Cell) -> Option<&Slot> {
        self.slots.iter().find(|s| s.cell.id == cell.id)
    }
}

fn check_label(code: Code) -> String {
    format!("校验：{}", code.info().rule_zh)
}

/// Every table's grid, in catalog order.
pub(crate) fn grids(layout: &'static Layout) -> Vec<TableGrid> {
    layout
        .tables
        .iter()
        .map(|t| TableGrid::build(layout, t))
        .collect()
}

/// The name of the workbook-level list of placeholders (`/`, `—`, `无`, …) the live checks count
/// as 0; a defined name, so that every check formula names it instead of spelling the list.
pub(crate) const PLACEHOLDER_NAME: &str = "占位符";

/// The ideographic space, which the spreadsheet's `ASC` leaves (LibreOffice) or not (Excel): the
/// live checks replace it by a space before `TRIM`.
pub(crate) const IDEOGRAPHIC_SPACE: char = '\u{3000}';

/// The placeholders as the live checks compare them: the core's list after the half-width
/// mapping `ASC` does, without duplicates (the comparison ignores case), and the empty text of a
/// blank cell.
pub(crate) fn placeholders() -> Vec<String> {
    let mut out = vec![String::new()];
    for p in PLACEHOLDERS {
        let t = spreadsheet_text(p);
        if !out.iter().any(|o| o.eq_ignore_ascii_case(&t)) {
            out.push(t);
        }
    }
    out
}

/// What the live check formula makes of a text before reading it: `ASC` (full-width letters and
/// digits to half-width), the ideographic space to a space, then `TRIM` (spaces at either end).
fn spreadsheet_text(s: &str) -> String {
    let half: String = s.chars().map(half_width).collect();
    half.trim_matches(' ').to_string()
}

/// The number a live check reads from a cell, as its formula does: a number as it is; a text that
/// is a plain decimal number once [`spreadsheet_text`] made it half-width and trimmed (`"12"`,
/// `"１２"`, `" 12 "`) as that number; blank and placeholders as 0; `None` for any other text
/// (the check then says [`UNREADABLE`], as `zfxxgk check` skips the equation and reports
/// `VALUE-TEXT`).
pub(crate) fn live_summand(v: Option<&CellValue>) -> Option<Decimal> {
    match v {
        None | Some(CellValue::Blank) => Some(Decimal::ZERO),
        // A number beyond the core's bounds (no reader makes one) takes no part in a sum, as in
        // `check`; within them no sum of a check's cells can overflow.
        Some(CellValue::Number(d)) => zfxxgk_core::value::check_bounds(*d).ok(),
        Some(CellValue::Placeholder(s) | CellValue::Text(s)) => {
            let t = spreadsheet_text(s);
            if let Some(d) = parse_decimal(&t) {
                return Some(d);
            }
            placeholders()
                .iter()
                .any(|p| p.eq_ignore_ascii_case(&t))
                .then_some(Decimal::ZERO)
        }
    }
}

impl Check {
    /// What the check shows for a report (the blank template when `None`), computed as its
    /// formula computes it: [`BALANCED`], [`UNBALANCED`] or [`UNREADABLE`].
    pub fn result(&self, report: Option<&Report>) -> &'static str {
        let Some(report) = report else {
            return BALANCED;
        };
        let sum = |cells: &[&'static Cell]| -> Option<Decimal> {
            cells
                .iter()
                .map(|c| live_summand(report.get(c.id)))
                .try_fold(Decimal::ZERO, |acc, v| acc.checked_add(v?))
        };
        match (sum(&self.left), sum(&self.right)) {
            (Some(l), Some(r)) if l == r => BALANCED,
            (Some(_), Some(_)) => UNBALANCED,
            _ => UNREADABLE,
        }
    }
}
