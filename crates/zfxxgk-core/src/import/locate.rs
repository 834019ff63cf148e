//! Finding the tables by their labels and reading their values.
//!
//! Every label comes from the core catalog and is compared by
//! [`crate::normalize::label_key`] (numbering and a trailing remark dropped, so
//! `（二）部分公开` finds `（二）部分公开（区分处理的，只计这一情形，不计其他情形）`).
//!
//! - A *grid* block (table 二's four blocks, table 三) is anchored on a cell holding one of its
//!   row labels. Its columns are the nearest cells above the anchor (within the header depth plus
//!   two rows) holding the column labels, to the right of the anchor: so table 二's repeated
//!   `本年处理决定数量` is always the one of its own block. Its rows are then read downwards: in each
//!   sheet row, the label cells left of the first value column are matched, right to left, against
//!   the block's rows not yet found, earliest first. Group headers (`（三）不予公开`) in the label
//!   columns are skipped; repeated numbering (`1.` in （三）…（六）) is harmless because labels
//!   are compared with their text. Every candidate anchor is tried; the one that places the most
//!   cells wins, whichever sheet it is in.
//! - An *inline* block (table 四) is anchored on its group headers (`行政复议`,
//!   `未经复议直接起诉`, `复议后起诉`): each group's leaf headers (`结果维持` …) are the nearest
//!   cells below it, at or right of its (merged) top-left cell; the values are in the row under the
//!   deepest header row. Without group headers, a header flattened into one cell per value
//!   (`行政复议结果维持`) is accepted; likewise a grid column header whose text ends with the label.

use crate::layout::{Arrangement, Block, Edition, MARKERS_2019, MARKERS_2021, Row, Table};
use crate::normalize::{
    label_key, label_keys, normalize_float, normalize_label, normalize_text, yuan_in_wan_cell,
};
use crate::rules::Severity;
use crate::{CellValue, ImportIssue, Lang, Location, Note, NoteReason, Report};

use super::NotAReport;
use crate::grid::{Geometry, Grid as Sheet, GridCell as RawCell, Raw};

/// Where a block was found: the sheet and, for each (row, column) of the block in catalog order,
/// the absolute (row, col) of its value.
#[derive(Debug)]
struct Placement {
    sheet: usize,
    at: Vec<Option<(u32, u32)>>,
    /// Rows found whose values could not be placed with certainty: (row index in the block, grid
    /// row, what was seen).
    uncertain: Vec<(usize, u32, String)>,
    /// Rows found by a label with a typo or a dropped character: (row index, what was seen).
    fuzzy: Vec<(usize, (u32, u32), String)>,
    /// Group headers printed as one row with values (`（六）其他处理` as one row in a 2021 table):
    /// (group label, grid row, the values seen).
    merged: Vec<(&'static str, u32, String)>,
}

impl Placement {
    fn score(&self) -> usize {
        self.at.iter().filter(|p| p.is_some()).count()
    }

    /// The first position read (for messages).
    fn first(&self) -> Option<(u32, u32)> {
        self.at.iter().flatten().next().copied()
    }

    /// True if the two placements read no cell in common.
    fn disjoint(&self, other: &Placement) -> bool {
        self.sheet != other.sheet
            || !self
                .at
                .iter()
                .flatten()
                .any(|p| other.at.iter().flatten().any(|q| p == q))
    }
}

/// The best placement of a block, and another one as good that reads other cells (a second copy
/// of the table).
#[derive(Debug, Default)]
struct Best {
    best: Option<Placement>,
    rival: Option<Placement>,
}

impl Best {
    fn offer(&mut self, p: Placement) {
        match &self.best {
            Some(b) if p.score() < b.score() => {}
            Some(b) if p.score() == b.score() => {
                if self.rival.is_none() && b.disjoint(&p) {
                    self.rival = Some(p);
                }
            }
            _ => {
                self.best = Some(p);
                self.rival = None;
            }
        }
    }
}

/// The edition whose markers the workbook holds (2021 when in doubt).
fn detect_edition(sheets: &[Sheet]) -> Edition {
    let count = |markers: &[&str]| {
        markers
            .iter()
            .filter(|m| {
                let key = label_key(m);
                sheets.iter().any(|s| s.find(&key).next().is_some())
            })
            .count()
    };
    let (old, new) = (count(MARKERS_2019), count(MARKERS_2021));
    if old > new {
        Edition::V2019
    } else if new > old {
        Edition::V2021
    } else {
        // No marker (tables 三 and 四 only): what our 基本信息 sheet says, else 2021.
        super::meta::stated_edition(sheets).unwrap_or(Edition::V2021)
    }
}

/// Reads every table of the workbook into a new report of the detected edition.
pub(crate) fn read_report(sheets: &[Sheet], text_only: bool) -> Result<Report, NotAReport> {
    let edition = detect_edition(sheets);
    let layout = edition.layout();
    let mut report = Report::new(edition);
    let mut found_any = false;
    let mut missing_tables = Vec::new();
    let mut start = 0;
    for table in layout.tables {
        let mut found_table = false;
        let mut table_issues = Vec::new();
        for block in table.blocks {
            let n = block.rows.len() * block.columns.len();
            let cells: Vec<&'static crate::Cell> =
                layout.cells()[start..start + n].iter().collect();
            start += n;
            let placed = match block.arrangement {
                Arrangement::Grid => place_grid(sheets, block),
                Arrangement::Inline => place_inline(sheets, block),
            };
            match placed.best {
                Some(p) => {
                    found_table = true;
                    let sheet = &sheets[p.sheet];
                    apply(&mut report, sheet, table, block, &cells, &p, text_only);
                    if let Some(rival) = &placed.rival {
                        report
                            .issues
                            .push(duplicate(sheets, table, block, &cells, &p, rival));
                    }
                }
                None => table_issues.push(missing_block(table, block, &cells)),
            }
        }
        if found_table {
            found_any = true;
            report.issues.extend(table_issues);
        } else {
            missing_tables.push(table);
            let cells: Vec<&'static str> = layout.table_cells(table.id).map(|c| c.id).collect();
            let section = table.section(layout);
            report.issues.push(ImportIssue {
                code: "IMPORT-MISSING-TABLE",
                severity: Severity::Error,
                cells,
                location: None,
                zh: format!(
                    "未找到{}（{}、{}），其中的 {} 个数值无法读取。",
                    table.short,
                    section.no,
                    section.heading,
                    layout.table_cells(table.id).count()
                ),
                en: format!(
                    "{} ({}) was not found; its {} values could not be read",
                    table.en,
                    section.en,
                    layout.table_cells(table.id).count()
                ),
            });
        }
    }
    if !found_any {
        let firsts: Vec<&str> = missing_tables
            .iter()
            .filter_map(|t| {
                t.blocks
                    .first()
                    .and_then(|b| b.rows.first())
                    .map(|r| r.label)
            })
            .collect();
        let shorts: Vec<&str> = missing_tables.iter().map(|t| t.short).collect();
        let ens: Vec<&str> = missing_tables.iter().map(|t| t.en).collect();
        return Err(NotAReport {
            zh: format!(
                "未找到{}（缺少“{}”等行）。",
                shorts.join("、"),
                firsts.join("”“")
            ),
            en: format!(
                "{} not found: no row “{}”",
                ens.join(", "),
                firsts.join("”, “")
            ),
        });
    }
    Ok(report)
}

fn duplicate(
    sheets: &[Sheet],
    table: &Table,
    block: &Block,
    cells: &[&'static crate::Cell],
    read: &Placement,
    other: &Placement,
) -> ImportIssue {
    let at = |p: &Placement| {
        let (r, c) = p.first().unwrap_or((0, 0));
        sheets
            .get(p.sheet)
            .map_or_else(|| Location::Line(0), |s| s.location(r, c))
    };
    let (here, there) = (at(read), at(other));
    let caption = block
        .caption
        .map(|c| format!("（{c}）"))
        .unwrap_or_default();
    ImportIssue {
        code: "IMPORT-DUPLICATE-TABLE",
        severity: Severity::Warning,
        cells: cells.iter().map(|c| c.id).collect(),
        location: Some(there.clone()),
        zh: format!(
            "{}{}在工作簿中出现了两处：读取的是{}起的一处，{}起的另一处未读取。请确认报送的是哪一份。",
            table.short,
            caption,
            here.describe(Lang::Zh),
            there.describe(Lang::Zh)
        ),
        en: format!(
            "{} appears twice in the workbook: the copy at {} was read, the one at {} was not",
            table.en,
            here.describe(Lang::En),
            there.describe(Lang::En)
        ),
    }
}

fn missing_block(table: &Table, block: &Block, cells: &[&'static crate::Cell]) -> ImportIssue {
    let labels: Vec<&str> = block.rows.iter().map(|r| r.label).collect();
    let ens: Vec<&str> = block.rows.iter().map(|r| r.en).collect();
    let caption = block.caption.map(|c| format!("{c}：")).unwrap_or_default();
    ImportIssue {
        code: "IMPORT-MISSING-ROW",
        severity: Severity::Error,
        cells: cells.iter().map(|c| c.id).collect(),
        location: None,
        zh: format!(
            "{}中未找到{}“{}”行，这些数值无法读取。",
            table.short,
            caption,
            labels.join("”“")
        ),
        en: format!(
            "{}: rows “{}” not found; their values could not be read",
            table.en,
            ens.join("”, “")
        ),
    }
}

fn keys_of(labels: impl Iterator<Item = &'static str>) -> Vec<Vec<String>> {
    labels.map(label_keys).collect()
}

/// The keys of a block's rows and columns ([`row_keys`], [`keys_of`]).
struct BlockKeys {
    rows: Vec<Vec<String>>,
    columns: Vec<Vec<String>>,
    /// The row keys that can anchor the block: every row key that is no column's key too
    /// (`总计`, `其他`), once.
    anchors: Vec<String>,
}

/// The keys of a catalog block, made once for every block of every edition (they are the same
/// for every file read).
fn block_keys(block: &Block) -> &'static BlockKeys {
    static KEYS: std::sync::OnceLock<Vec<(usize, BlockKeys)>> = std::sync::OnceLock::new();
    let all = KEYS.get_or_init(|| {
        Edition::ALL
            .iter()
            .flat_map(|e| e.layout().tables.iter())
            .flat_map(|t| t.blocks.iter())
            .map(|b| {
                let rows = row_keys(b.rows);
                let columns = keys_of(b.columns.iter().map(|c| c.label));
                let mut anchors: Vec<String> = Vec::new();
                for key in rows.iter().flatten() {
                    if !columns.iter().any(|ck| ck.contains(key)) && !anchors.contains(key) {
                        anchors.push(key.clone());
                    }
                }
                let keys = BlockKeys {
                    rows,
                    columns,
                    anchors,
                };
                (std::ptr::from_ref(b) as usize, keys)
            })
            .collect()
    });
    let at = std::ptr::from_ref(block) as usize;
    match all.iter().find(|(b, _)| *b == at) {
        Some((_, keys)) => keys,
        // Only the catalog's blocks are ever placed.
        None => unreachable!("a block outside the catalog"),
    }
}

/// The keys a row is known by: its label, the label's aliases, its short name
/// (`不予公开—属于国家秘密`, `本年新收`) and its group followed by its label.
fn row_keys(rows: &[Row]) -> Vec<Vec<String>> {
    rows.iter()
        .map(|r| {
            let mut keys = label_keys(r.label);
            let short = label_key(r.short);
            if !keys.contains(&short) {
                keys.push(short);
            }
            // The group and the label in one cell: `（六）其他处理3.其他`.
            if let Some(group) = r.path.last().filter(|_| r.path.len() > 1) {
                keys.push(format!("{}{}", label_key(group), normalize_label(r.label)));
            }
            keys
        })
        .collect()
}

/// The shortest key (in characters) matched as the end of a longer label
/// (`（三）不予公开1.属于国家秘密`): short keys such as `其他` and `总计` must match exactly.
const MIN_SUFFIX_CHARS: usize = 4;

fn matches(keys: &[String], cell: &RawCell, suffix: bool) -> bool {
    keys.iter().any(|k| {
        *k == cell.key()
            || *k == cell.norm
            || (suffix && k.chars().count() >= MIN_SUFFIX_CHARS && cell.key().ends_with(k.as_str()))
    })
}

/// Most anchors tried per block and sheet (a report has one of each label).
const MAX_ANCHORS: usize = 64;

fn place_grid(sheets: &[Sheet], block: &Block) -> Best {
    let BlockKeys {
        rows: row_keys,
        columns: col_keys,
        anchors: anchor_keys,
    } = block_keys(block);
    let mut best = Best::default();
    for (si, sheet) in sheets.iter().enumerate() {
        let mut anchors: Vec<(u32, u32)> = Vec::new();
        for key in anchor_keys {
            anchors.extend(sheet.find(key).map(|c| (c.row, c.col)));
        }
        anchors.sort_unstable();
        anchors.dedup();
        anchors.truncate(MAX_ANCHORS);
        // An anchor on a row an earlier try already read gives that try again, or less.
        let mut covered: Vec<u32> = Vec::new();
        for (ar, ac) in anchors {
            if covered.contains(&ar) {
                continue;
            }
            if let Some(p) = try_grid(sheet, si, block, row_keys, col_keys, ar, ac) {
                covered.extend(p.at.iter().flatten().map(|(r, _)| *r));
                best.offer(p);
            }
        }
    }
    best
}

fn try_grid(
    sheet: &Sheet,
    si: usize,
    block: &Block,
    row_keys: &[Vec<String>],
    col_keys: &[Vec<String>],
    ar: u32,
    ac: u32,
) -> Option<Placement> {
    let depth = u32::try_from(block.header_depth()).unwrap_or(1) + 2;
    let top = ar.saturating_sub(depth);
    let mut cols: Vec<Option<u32>> = Vec::with_capacity(col_keys.len());
    for keys in col_keys {
        let found = keys
            .iter()
            .flat_map(|k| sheet.find(k))
            .filter(|c| c.row >= top && c.row < ar && c.col > ac)
            .filter(|c| !cols.contains(&Some(c.col)))
            // nearest row above, then leftmost
            .min_by_key(|c| (ar - c.row, c.col))
            .map(|c| c.col);
        cols.push(found);
    }
    // Headers flattened into one cell (`法人或其他组织商业企业`): the label ends the cell's text.
    for (k, keys) in col_keys.iter().enumerate() {
        if cols[k].is_some() {
            continue;
        }
        let found = sheet
            .rows(top, ar)
            .iter()
            .filter(|c| c.col > ac && !cols.contains(&Some(c.col)))
            .filter(|c| keys.iter().any(|key| c.key().ends_with(key.as_str())))
            .min_by_key(|c| (ar - c.row, c.col))
            .map(|c| c.col);
        cols[k] = found;
    }
    if sheet.geometry == Geometry::Loose {
        return try_loose(sheet, si, block, row_keys, &cols, ar);
    }
    let first_value_col = cols.iter().flatten().copied().min()?;
    let stub_width = u32::try_from(block.stub_width()).unwrap_or(1);
    let stub_left = ac.saturating_sub(stub_width);
    // Labels sit within the stub's width of the anchor (a merged label keeps its text in its
    // top-left cell), so a far-away first value column does not widen the search.
    let stub_right = first_value_col.min(ac.saturating_add(stub_width + 1));
    let mut rows: Vec<Option<u32>> = vec![None; row_keys.len()];
    let mut fuzzy = Vec::new();
    let mut unmatched: Vec<(u32, Vec<&RawCell>)> = Vec::new();
    let mut next = 0usize;
    let limit = u32::try_from(row_keys.len() * 2 + 6).unwrap_or(64);
    for r in ar..ar.saturating_add(limit) {
        if rows.iter().all(Option::is_some) {
            break;
        }
        // Right to left (the leaf label is the rightmost), exact matches before suffixes, rows
        // not yet found from the expected one on.
        let labels: Vec<&RawCell> = (stub_left..stub_right)
            .rev()
            .filter_map(|c| sheet.get(r, c))
            .filter(|c| !c.key().is_empty())
            .collect();
        match match_row(row_keys, &rows, next, &labels) {
            Some((j, _)) => {
                rows[j] = Some(r);
                next = j + 1;
            }
            None if !labels.is_empty() && unmatched.len() < MAX_FUZZY_LINES => {
                unmatched.push((r, labels));
            }
            None => {}
        }
    }
    if rows.iter().any(Option::is_none) {
        for (r, labels) in &unmatched {
            if let Some((j, cell)) = match_fuzzy(row_keys, &rows, labels) {
                rows[j] = Some(*r);
                fuzzy.push((j, (cell.row, cell.col), text_of(cell)));
            }
        }
    }
    let ncols = cols.len();
    let mut at = vec![None; rows.len() * ncols];
    for (j, row) in rows.iter().enumerate() {
        for (k, col) in cols.iter().enumerate() {
            if let (Some(r), Some(c)) = (row, col) {
                at[j * ncols + k] = Some((*r, *c));
            }
        }
    }
    let p = Placement {
        sheet: si,
        at,
        uncertain: Vec::new(),
        fuzzy,
        merged: Vec::new(),
    };
    (p.score() > 0).then_some(p)
}

fn place_inline(sheets: &[Sheet], block: &Block) -> Best {
    let BlockKeys {
        rows: group_keys,
        columns: col_keys,
        ..
    } = block_keys(block);
    let ncols = col_keys.len();
    let span = u32::try_from(ncols * 2).unwrap_or(10);
    let depth = u32::try_from(block.header_depth()).unwrap_or(3);
    let mut best = Best::default();
    for (si, sheet) in sheets.iter().enumerate() {
        if sheet.geometry == Geometry::Loose {
            // Columns made from text are not trusted for table 四's fifteen values: the row of
            // values is read in order, or not at all.
            match loose_inline(sheet, group_keys, group_keys.len() * ncols) {
                Some(Ok(at)) => best.offer(Placement {
                    sheet: si,
                    at,
                    uncertain: Vec::new(),
                    fuzzy: Vec::new(),
                    merged: Vec::new(),
                }),
                Some(Err((r, seen))) => best.offer(Placement {
                    sheet: si,
                    at: vec![None; group_keys.len() * ncols],
                    uncertain: (0..group_keys.len())
                        .map(|j| (j, r, seen.clone()))
                        .collect(),
                    fuzzy: Vec::new(),
                    merged: Vec::new(),
                }),
                None => {}
            }
            continue;
        }
        // For each group, the candidate with the most leaf headers under it.
        let mut leaves: Vec<Vec<Option<(u32, u32)>>> = Vec::with_capacity(group_keys.len());
        for keys in group_keys {
            let mut best_group: Vec<Option<(u32, u32)>> = vec![None; ncols];
            let groups = keys.iter().flat_map(|k| sheet.find(k)).take(MAX_ANCHORS);
            for g in groups {
                let mut found: Vec<Option<(u32, u32)>> = Vec::with_capacity(ncols);
                for ck in col_keys {
                    let leaf = ck
                        .iter()
                        .flat_map(|k| sheet.find(k))
                        .filter(|c| {
                            c.row > g.row
                                && c.row <= g.row + depth
                                && c.col >= g.col
                                && c.col < g.col.saturating_add(span)
                        })
                        .filter(|c| !found.contains(&Some((c.row, c.col))))
                        .min_by_key(|c| (c.row, c.col))
                        .map(|c| (c.row, c.col));
                    found.push(leaf);
                }
                if found.iter().flatten().count() > best_group.iter().flatten().count() {
                    best_group = found;
                }
            }
            leaves.push(best_group);
        }
        if leaves.iter().flatten().all(Option::is_none) {
            leaves = flattened_inline(sheet, group_keys, col_keys);
        }
        let Some(value_row) = leaves.iter().flatten().flatten().map(|(r, _)| r + 1).max() else {
            continue;
        };
        let at: Vec<Option<(u32, u32)>> = leaves
            .iter()
            .flatten()
            .map(|leaf| leaf.map(|(_, c)| (value_row, c)))
            .collect();
        let p = Placement {
            sheet: si,
            at,
            uncertain: Vec::new(),
            fuzzy: Vec::new(),
            merged: Vec::new(),
        };
        if p.score() > 0 {
            best.offer(p);
        }
    }
    best
}

/// Table 四 with its headers flattened into one cell per value (`行政复议结果维持`,
/// `行政诉讼—复议后起诉—总计`): a cell holding the group's label and ending with the column's.
fn flattened_inline(
    sheet: &Sheet,
    group_keys: &[Vec<String>],
    col_keys: &[Vec<String>],
) -> Vec<Vec<Option<(u32, u32)>>> {
    // One pass over the sheet: the cells holding a group label and more.
    let candidates: Vec<&RawCell> = sheet
        .cells
        .iter()
        .filter(|c| {
            group_keys
                .iter()
                .flatten()
                .any(|g| c.key().len() > g.len() && c.key().contains(g.as_str()))
        })
        .collect();
    let mut used: Vec<(u32, u32)> = Vec::new();
    let mut out = Vec::with_capacity(group_keys.len());
    for gk in group_keys {
        let mut found = Vec::with_capacity(col_keys.len());
        for ck in col_keys {
            let cell = candidates
                .iter()
                .filter(|c| !used.contains(&(c.row, c.col)))
                .find(|c| {
                    gk.iter().any(|g| c.key().contains(g.as_str()))
                        && ck.iter().any(|k| c.key().ends_with(k.as_str()))
                        && gk.iter().all(|g| c.key() != *g)
                })
                .map(|c| (c.row, c.col));
            if let Some(p) = cell {
                used.push(p);
            }
            found.push(cell);
        }
        out.push(found);
    }
    out
}

/// A value read from a cell, with what was done to it.
struct Read {
    value: CellValue,
    reasons: Vec<NoteReason>,
    seen: String,
    formula_without_value: bool,
    yuan: Option<rust_decimal::Decimal>,
}

/// A cell's content as a person saw it: its text, number, or formula (`=SUM(…)`).
fn seen_text(cell: &RawCell) -> String {
    if let Some(formula) = cell.formula.as_ref().filter(|f| !f.is_empty()) {
        return format!("={formula}");
    }
    match &cell.value {
        Raw::Text(s) | Raw::Error(s) => s.clone(),
        Raw::Float(f) | Raw::Date(f) => format!("{f}"),
        Raw::Int(i) => i.to_string(),
        Raw::Bool(b) => (if *b { "TRUE" } else { "FALSE" }).to_string(),
        Raw::Empty => String::new(),
    }
}

fn read_cell(cell: Option<&RawCell>, kind: crate::layout::ValueKind) -> Read {
    let Some(cell) = cell else {
        return Read {
            value: CellValue::Blank,
            reasons: Vec::new(),
            seen: String::new(),
            formula_without_value: false,
            yuan: None,
        };
    };
    let mut yuan = None;
    let (value, mut reasons) = match &cell.value {
        Raw::Text(s) => {
            let (v, r) = normalize_text(s, kind);
            if matches!(v, CellValue::Text(_)) && kind == crate::layout::ValueKind::Amount {
                yuan = yuan_in_wan_cell(s);
            }
            (v, r)
        }
        Raw::Float(f) => normalize_float(*f, kind),
        Raw::Int(i) => (crate::normalize::normalize_int(*i), Vec::new()),
        Raw::Bool(b) => {
            let s = if *b { "TRUE" } else { "FALSE" };
            (CellValue::Text(s.into()), Vec::new())
        }
        Raw::Date(f) => {
            let (v, mut r) = normalize_float(*f, kind);
            r.push(NoteReason::Other {
                zh: "单元格设成了日期格式，按其数值读取".into(),
                en: "the cell is formatted as a date; its number was read".into(),
            });
            (v, r)
        }
        Raw::Error(e) => (CellValue::Text(e.clone()), Vec::new()),
        Raw::Empty => (CellValue::Blank, Vec::new()),
    };
    let mut formula_without_value = false;
    if cell.formula.is_some() {
        if matches!(cell.value, Raw::Empty) {
            formula_without_value = true;
        } else {
            reasons.insert(0, NoteReason::FormulaResult);
        }
    }
    // What was seen is only told in a note or an issue: made only then.
    let seen = if reasons.is_empty() && yuan.is_none() {
        String::new()
    } else {
        seen_text(cell)
    };
    Read {
        value,
        reasons,
        seen,
        formula_without_value,
        yuan,
    }
}

fn apply(
    report: &mut Report,
    sheet: &Sheet,
    table: &Table,
    block: &Block,
    cells: &[&'static crate::Cell],
    p: &Placement,
    text_only: bool,
) {
    let ncols = block.columns.len();
    for (i, cell) in cells.iter().enumerate() {
        let Some(Some((r, c))) = p.at.get(i) else {
            continue;
        };
        let got = sheet.get(*r, *c);
        let location = sheet.location_of(got, *r, *c);
        let read = read_cell(got, cell.kind());
        // In a page, a Word document or a PDF every value is text: that is no news.
        for reason in read
            .reasons
            .into_iter()
            .filter(|r| !(text_only && *r == NoteReason::NumberAsText))
        {
            report.notes.push(Note {
                cell: Some(cell.id),
                location: Some(location.clone()),
                seen: read.seen.clone(),
                read: read.value.to_string(),
                reason,
            });
        }
        if read.formula_without_value {
            report.issues.push(ImportIssue {
                code: "IMPORT-FORMULA",
                severity: Severity::Error,
                cells: vec![cell.id],
                location: Some(location.clone()),
                zh: format!(
                    "{}（{}）是公式，但文件中没有保存计算结果，按空白读取。请在 Excel 或 WPS 中打开、重新计算后保存。",
                    location.describe(Lang::Zh),
                    cell.describe(Lang::Zh)
                ),
                en: format!(
                    "{} ({}) is a formula saved without its result; read as blank. Open, recalculate and save the workbook.",
                    location.describe(Lang::En),
                    cell.describe(Lang::En)
                ),
            });
        }
        if let Some(yuan) = read.yuan {
            let wan = (yuan / rust_decimal::Decimal::from(10_000)).normalize();
            report.issues.push(ImportIssue {
                code: "IMPORT-UNIT",
                severity: Severity::Error,
                cells: vec![cell.id],
                location: Some(location.clone()),
                zh: format!(
                    "{}（{}）填的是“{}”，但该栏的单位是万元（{}元 = {}万元）。未自动换算，请改填以万元为单位的数值。",
                    location.describe(Lang::Zh),
                    cell.describe(Lang::Zh),
                    read.seen,
                    yuan,
                    wan
                ),
                en: format!(
                    "{} ({}) holds “{}” but the cell is in 10,000 yuan ({} yuan = {} × 10,000 yuan); not converted: enter the amount in 万元",
                    location.describe(Lang::En),
                    cell.describe(Lang::En),
                    read.seen,
                    yuan,
                    wan
                ),
            });
        }
        report.set(cell, read.value);
        report.set_origin(cell, location);
    }
    // Rows and columns that were not found.
    let found_row =
        |j: usize| (0..ncols).any(|k| p.at.get(j * ncols + k).is_some_and(Option::is_some));
    let found_col = |k: usize| {
        (0..block.rows.len()).any(|j| p.at.get(j * ncols + k).is_some_and(Option::is_some))
    };
    for (j, at, seen) in &p.fuzzy {
        let row = &block.rows[*j];
        let location = sheet.location(at.0, at.1);
        report.issues.push(ImportIssue {
            code: "IMPORT-LABEL",
            severity: Severity::Warning,
            cells: cells[j * ncols..(j + 1) * ncols]
                .iter()
                .map(|c| c.id)
                .collect(),
            location: Some(location.clone()),
            zh: format!(
                "{}的行名“{}”与标准表格不一致，按“{}”读取，请核对。",
                location.describe(Lang::Zh),
                seen,
                row.label
            ),
            en: format!(
                "{}: the row label “{}” differs from the official one; read as “{}”, please check",
                location.describe(Lang::En),
                seen,
                row.en
            ),
        });
    }
    for (j, r, seen) in &p.uncertain {
        let row = &block.rows[*j];
        let location = sheet.location(*r, 0);
        report.issues.push(ImportIssue {
            code: "IMPORT-UNCERTAIN",
            severity: Severity::Error,
            cells: cells[j * ncols..(j + 1) * ncols].iter().map(|c| c.id).collect(),
            location: Some(location.clone()),
            zh: format!(
                "{}“{}”行的数值无法确定对应的列（该行有 {} 栏，见到“{}”），未读取，请对照原文核对。",
                location.describe(Lang::Zh),
                row.label,
                ncols,
                seen
            ),
            en: format!(
                "{}: the values of row “{}” could not be placed in its {} columns with certainty (seen “{}”); not read, check against the original",
                location.describe(Lang::En),
                row.en,
                ncols,
                seen
            ),
        });
    }
    for (label, r, seen) in &p.merged {
        let location = sheet.location(*r, 0);
        let ids: Vec<&'static str> = block
            .rows
            .iter()
            .enumerate()
            .filter(|(_, row)| row.path.last() == Some(label))
            .flat_map(|(j, _)| cells[j * ncols..(j + 1) * ncols].iter().map(|c| c.id))
            .collect();
        report.issues.push(ImportIssue {
            code: "IMPORT-MERGED-ROW",
            severity: Severity::Error,
            cells: ids,
            location: Some(location.clone()),
            zh: format!(
                "{}“{}”印成了一行（数值“{}”），而标准表格把它分为若干小项。这些数值无法分到各小项，未读取，请按标准格式分项填报。",
                location.describe(Lang::Zh),
                label,
                seen
            ),
            en: format!(
                "{}: “{}” is printed as one row (values “{}”) where the official table has sub-rows; the values cannot be split and were not read",
                location.describe(Lang::En),
                label,
                seen
            ),
        });
    }
    let merged_row = |j: usize| {
        block.rows[j]
            .path
            .last()
            .is_some_and(|g| p.merged.iter().any(|(l, _, _)| l == g))
    };
    for (j, row) in block.rows.iter().enumerate() {
        if found_row(j) || p.uncertain.iter().any(|(u, _, _)| *u == j) || merged_row(j) {
            continue;
        }
        let ids: Vec<&'static str> = cells[j * ncols..(j + 1) * ncols]
            .iter()
            .map(|c| c.id)
            .collect();
        report.issues.push(ImportIssue {
            code: "IMPORT-MISSING-ROW",
            severity: Severity::Error,
            cells: ids,
            location: None,
            zh: format!(
                "{}{}中未找到“{}”行，该行数值无法读取。",
                where_zh(sheet),
                table.short,
                row.label
            ),
            en: format!(
                "{}{}: row “{}” not found; its values could not be read",
                where_en(sheet),
                table.en,
                row.en
            ),
        });
    }
    for (k, column) in block.columns.iter().enumerate() {
        // A column not read because its rows were uncertain is said there, not here.
        if found_col(k) || !p.uncertain.is_empty() {
            continue;
        }
        let ids: Vec<&'static str> = (0..block.rows.len())
            .filter_map(|j| cells.get(j * ncols + k).map(|c| c.id))
            .collect();
        report.issues.push(ImportIssue {
            code: "IMPORT-MISSING-COLUMN",
            severity: Severity::Error,
            cells: ids,
            location: None,
            zh: format!(
                "{}{}中未找到“{}”列，该列数值无法读取。",
                where_zh(sheet),
                table.short,
                column.label
            ),
            en: format!(
                "{}{}: column “{}” not found; its values could not be read",
                where_en(sheet),
                table.en,
                column.en
            ),
        });
    }
}

/// `工作表“表三”的` for a worksheet; nothing for a page, a document or a text, whose tables are
/// named by the table itself.
fn where_zh(sheet: &Sheet) -> String {
    match &sheet.origin {
        crate::grid::Origin::Sheet(name) => format!("工作表“{name}”的"),
        _ => String::new(),
    }
}

fn where_en(sheet: &Sheet) -> String {
    match &sheet.origin {
        crate::grid::Origin::Sheet(name) => format!("sheet “{name}”, "),
        _ => String::new(),
    }
}

/// The row a line's label cells (right to left) name: exact matches first, then a label ending
/// with the row's (`（三）不予公开1.属于国家秘密`), the rows not yet found from the expected one
/// on. Returns the row and the label cell that named it.
fn match_row<'a>(
    row_keys: &[Vec<String>],
    found: &[Option<u32>],
    next: usize,
    labels: &[&'a RawCell],
) -> Option<(usize, &'a RawCell)> {
    let order = || (next..row_keys.len()).chain(0..next.min(row_keys.len()));
    for suffix in [false, true] {
        for cell in labels {
            for j in order() {
                if found[j].is_none() && matches(&row_keys[j], cell, suffix) {
                    return Some((j, cell));
                }
            }
        }
    }
    None
}

/// A row named by a label with a typo or dropped characters (`其他法律行政止公开`): the one row not
/// yet found within the distance, and no other. Tried only on lines no exact label matched.
fn match_fuzzy<'a>(
    row_keys: &[Vec<String>],
    found: &[Option<u32>],
    labels: &[&'a RawCell],
) -> Option<(usize, &'a RawCell)> {
    for cell in labels {
        let mut hit = None;
        for (j, keys) in row_keys.iter().enumerate() {
            if found[j].is_some() || !keys.iter().any(|k| near(k, cell.key())) {
                continue;
            }
            if hit.is_some() {
                hit = None;
                break;
            }
            hit = Some(j);
        }
        if let Some(j) = hit {
            return Some((j, cell));
        }
    }
    None
}

/// At most this many unmatched lines of a block are tried for typos.
const MAX_FUZZY_LINES: usize = 16;

/// Shortest key (in characters) matched with a typo.
const MIN_FUZZY_CHARS: usize = 6;

/// True when `seen` is `key` with a few characters changed, dropped or added (at most a quarter
/// of them, at least one).
fn near(key: &str, seen: &str) -> bool {
    let (na, nb) = (key.chars().count(), seen.chars().count());
    // Up to a quarter of the label's characters changed, dropped or added.
    let max = (na / 4).max(1);
    if na < MIN_FUZZY_CHARS || nb < MIN_FUZZY_CHARS || na.abs_diff(nb) > max {
        return false;
    }
    let a: Vec<char> = key.chars().collect();
    let b: Vec<char> = seen.chars().collect();
    // Cheap test first: most of the characters must be shared.
    let shared = a.iter().filter(|c| b.contains(c)).count();
    if shared + max < a.len() {
        return false;
    }
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.iter().enumerate() {
        let mut cur = vec![i + 1; b.len() + 1];
        for (j, cb) in b.iter().enumerate() {
            let cost = usize::from(ca != cb);
            cur[j + 1] = (prev[j] + cost).min(prev[j + 1] + 1).min(cur[j] + 1);
        }
        prev = cur;
    }
    let d = prev[b.len()];
    d > 0 && d <= max
}

fn text_of(cell: &RawCell) -> String {
    match &cell.value {
        Raw::Text(s) => s.clone(),
        Raw::Int(i) => i.to_string(),
        Raw::Float(f) => f.to_string(),
        other => format!("{other:?}"),
    }
}

/// True when a cell reads as a value (a number, a placeholder such as `/`), not as a label.
fn is_value(cell: &RawCell) -> bool {
    match &cell.value {
        // A number beyond the bounds is a value too: it stands where a value stands.
        Raw::Text(s) => crate::normalize::is_value_text(s),
        Raw::Empty => false,
        _ => true,
    }
}

fn is_empty(cell: &RawCell) -> bool {
    matches!(&cell.value, Raw::Text(s) if s.trim_matches(crate::normalize::is_space).is_empty())
}

/// A grid whose columns come from text: each row found by its label cells (the cells before its
/// first value), its values placed after the label, by the header's columns shifted to start
/// after the label when a label runs into them, else in the catalog's order when exactly as many
/// values as columns follow. Anything else is left unread and said.
fn try_loose(
    sheet: &Sheet,
    si: usize,
    block: &Block,
    row_keys: &[Vec<String>],
    cols: &[Option<u32>],
    ar: u32,
) -> Option<Placement> {
    let ncols = cols.len();
    let mut at = vec![None; row_keys.len() * ncols];
    let mut found: Vec<Option<u32>> = vec![None; row_keys.len()];
    let mut uncertain = Vec::new();
    let mut fuzzy = Vec::new();
    let mut merged = Vec::new();
    let mut next = 0usize;
    let limit = u32::try_from(row_keys.len() * 2 + 6).unwrap_or(64);
    let first_col = cols.iter().flatten().copied().min();
    let all_cols = cols.iter().all(Option::is_some);
    let groups: Vec<(&'static str, String)> = {
        let mut g: Vec<(&'static str, String)> = Vec::new();
        for row in block.rows {
            if row.path.len() > 1
                && let Some(last) = row.path.last()
                && !g.iter().any(|(l, _)| l == last)
            {
                g.push((last, label_key(last)));
            }
        }
        g
    };
    // Rows found: (row index, grid row, column of the label that named it).
    let mut matched: Vec<(usize, u32, u32)> = Vec::new();
    let mut unmatched: Vec<(u32, Vec<&RawCell>)> = Vec::new();
    for r in ar..ar.saturating_add(limit) {
        if found.iter().all(Option::is_some) {
            break;
        }
        let line = sheet.rows(r, r + 1);
        if line.is_empty() {
            continue;
        }
        let first_value = line.iter().position(is_value).unwrap_or(line.len());
        let labels: Vec<&RawCell> = line[..first_value]
            .iter()
            .rev()
            .filter(|c| !c.key().is_empty())
            .collect();
        if labels.is_empty() {
            continue;
        }
        match match_row(row_keys, &found, next, &labels) {
            Some((j, cell)) => {
                found[j] = Some(r);
                next = j + 1;
                matched.push((j, r, cell.col));
            }
            None => {
                // A group header with values of its own: its rows printed as one.
                if let Some((label, _)) = groups
                    .iter()
                    .find(|(_, key)| labels.iter().any(|c| c.key() == *key))
                    && line[first_value..].iter().any(is_value)
                {
                    let seen: Vec<String> = line[first_value..]
                        .iter()
                        .filter(|c| !is_empty(c))
                        .map(text_of)
                        .collect();
                    merged.push((*label, r, seen.join(" ")));
                } else if unmatched.len() < MAX_FUZZY_LINES {
                    unmatched.push((r, labels));
                }
            }
        }
    }
    if found.iter().any(Option::is_none) {
        for (r, labels) in &unmatched {
            if let Some((j, cell)) = match_fuzzy(row_keys, &found, labels) {
                found[j] = Some(*r);
                fuzzy.push((j, (cell.row, cell.col), text_of(cell)));
                matched.push((j, *r, cell.col));
            }
        }
    }
    // A group is printed as one row only when none of its own rows is there.
    merged.retain(|(label, _, _)| {
        !block
            .rows
            .iter()
            .zip(&found)
            .any(|(row, f)| f.is_some() && row.path.last() == Some(label))
    });
    // The columns of the block's complete rows (as many values as columns): a row with blank
    // cells takes its values' columns from them, when the grid's columns are positions (text
    // aligned with spaces, PDF).
    let mut templates: Vec<Vec<u32>> = Vec::new();
    for (_, r, last_label) in &matched {
        let cols: Vec<u32> = sheet
            .rows(*r, r + 1)
            .iter()
            .filter(|c| c.col > *last_label && !is_empty(c))
            .map(|c| c.col)
            .collect();
        if cols.len() == ncols && !templates.contains(&cols) {
            templates.push(cols);
        }
    }
    for (j, r, last_label) in matched {
        let line = sheet.rows(r, r + 1);
        // The values follow the row's own label; text after it (`见附件`) is a value too.
        let after: Vec<&RawCell> = line.iter().filter(|c| c.col > last_label).collect();
        // By the header's columns, shifted past the label.
        let mut placed = false;
        if all_cols && let Some(first) = first_col {
            let shift = (last_label + 1).saturating_sub(first);
            let pos: Vec<u32> = cols.iter().flatten().map(|c| c + shift).collect();
            // Every cell after the label is in one of the columns (text there is a value too:
            // `见附件`), and the row is not empty.
            let fits = after.iter().all(|c| pos.contains(&c.col) || is_empty(c))
                && after.iter().any(|c| !is_empty(c));
            if fits {
                for (k, p) in pos.iter().enumerate() {
                    at[j * ncols + k] = Some((r, *p));
                }
                placed = true;
            }
        }
        if !placed {
            let values: Vec<&RawCell> = after.iter().copied().filter(|c| !is_empty(c)).collect();
            // The one template holding every column this row has values in.
            let fitting: Vec<&Vec<u32>> = templates
                .iter()
                .filter(|t| values.iter().all(|c| t.contains(&c.col)))
                .collect();
            if values.len() == ncols && (ncols == 1 || values.iter().any(|c| is_value(c))) {
                for (k, c) in values.iter().enumerate() {
                    at[j * ncols + k] = Some((r, c.col));
                }
            } else if let [template] = fitting.as_slice()
                && !values.is_empty()
                && values.iter().any(|c| is_value(c))
            {
                for (k, col) in template.iter().enumerate() {
                    at[j * ncols + k] = Some((r, *col));
                }
            } else {
                let seen: Vec<String> = values.iter().map(|c| text_of(c)).collect();
                uncertain.push((j, r, seen.join(" ")));
            }
        }
    }
    let p = Placement {
        sheet: si,
        at,
        uncertain,
        fuzzy,
        merged,
    };
    (p.score() > 0 || !p.uncertain.is_empty()).then_some(p)
}

/// Where each value of a block was read, in catalog order.
type Positions = Vec<Option<(u32, u32)>>;

/// Table 四 in a grid made from text: the row of exactly as many values as the table has, in
/// the catalog's order, within a few rows below the first group header. A row of values with
/// fewer or more is not guessed at: `Err` with the grid row and what was seen.
fn loose_inline(
    sheet: &Sheet,
    group_keys: &[Vec<String>],
    ncells: usize,
) -> Option<Result<Positions, (u32, String)>> {
    let first = group_keys.first()?;
    let anchors = first.iter().flat_map(|k| sheet.find(k)).take(MAX_ANCHORS);
    let mut short = None;
    for g in anchors {
        for r in g.row + 1..g.row + 8 {
            let line = sheet.rows(r, r + 1);
            let mut cells: Vec<&RawCell> = line.iter().collect();
            while cells.last().is_some_and(|c| is_empty(c)) {
                cells.pop();
            }
            if cells.is_empty() || cells.iter().any(|c| !is_value(c) && !is_empty(c)) {
                continue;
            }
            if cells.len() == ncells {
                return Some(Ok(cells.iter().map(|c| Some((c.row, c.col))).collect()));
            }
            let values: Vec<&&RawCell> = cells.iter().filter(|c| is_value(c)).collect();
            if values.len() == ncells {
                return Some(Ok(values.iter().map(|c| Some((c.row, c.col))).collect()));
            }
            if short.is_none() {
                let seen: Vec<String> = values.iter().map(|c| text_of(c)).collect();
                short = Some((r, seen.join(" ")));
            }
        }
    }
    short.map(Err)
}
