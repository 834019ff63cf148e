//! The summary workbook, written to be handed on and printed: 基本信息 saying what was totalled,
//! the tables of the total in the official layout, 明细 (one row per member, a 合计 row, printed
//! table by table with the names repeated), 校验结果 (the total's findings, then the members',
//! errors first, with the sheet and cell of each finding in the member's file) and, when the
//! caller lists the files, 文件清单.
//!
//! 明细, 校验结果 and 文件清单 are written in constant-memory mode (row by row to a temporary
//! file), so that thousands of members do not grow memory; everything about a row (its height) is
//! decided before the row is written, and the height of a row of a list is given in a way the
//! workbook library does not keep ([`row_written`]).

use std::collections::HashSet;

use rust_xlsxwriter::{Format, Workbook, Worksheet};
use zfxxgk_core::aggregate::agency_key;
use zfxxgk_core::layout::{META_FIELDS, Table};
use zfxxgk_core::rules::{Code, Severity};
use zfxxgk_core::{Cell, CellValue, Finding, Lang, Location, Report};

use super::grid::{self, Rect};
use super::sheets::{
    Book, Ctx, FOOTER, MAX_ROW_HEIGHT, PAPER_A4, check_note, checked, col_u16, print_setup,
    protect, put, put_value, report_title, row_u32,
};
use super::style::{Mode, Styles};
use super::{
    Need, SUMMARY_KIND, SummaryFile, SummaryFiles, SummaryLine, SummaryMembers, WriteError,
    template_positions,
};
use crate::sheets;

/// The sheet listing every file given to the summary.
pub(crate) const FILES_SHEET: &str = "文件清单";
/// The point size of the lists.
const LIST_FONT: f64 = 10.0;
/// The height of one line of a list, in points.
const LIST_LINE: f64 = 13.5;
/// The width of A4 landscape less the 明细 sheet's side margins, in points.
const LANDSCAPE_POINTS: f64 = (11.69 - 2.0 * DETAIL_SIDE_MARGIN) * 72.0;
/// The side margins of the 明细 sheet, in inches.
const DETAIL_SIDE_MARGIN: f64 = 0.4;
/// The print scale the 明细 sheet's pages are planned for (a page then holds two rows of table
/// 三, or table 四); the scale written is as large as the widest page allows.
const DETAIL_SCALE: f64 = 0.9;
/// The narrowest value column of the 明细 sheet.
const MIN_VALUE_WIDTH: f64 = 7.0;
/// The share of a page the 明细 sheet plans to fill: LibreOffice draws columns some 7% wider
/// than Excel does.
const PAGE_SLACK: f64 = 0.9;
/// The printed width of a column of `w` character units, in points (7 pixels a unit and 5 of
/// padding, at 96 pixels an inch).
fn column_points(w: f64) -> f64 {
    (7.0 * w + 5.0) * 0.75
}

/// The width of a text of a list in character units: a Chinese character as the table sheets
/// count it, capital letters wider than the rest.
fn list_units(text: &str) -> f64 {
    let units: f64 = text
        .chars()
        .map(|c| match c {
            'A'..='Z' => 1.3,
            _ if c.is_ascii() => 1.0,
            _ => 2.1,
        })
        .sum();
    units * LIST_FONT / 11.0
}

/// Lines a text of a list takes in a column of `width` units (a line breaks between words, so
/// it is rarely full).
fn list_lines(text: &str, width: f64) -> f64 {
    let usable = ((width - 1.2) * 0.92).max(1.0);
    text.split('\n')
        .map(|p| (list_units(p) / usable).ceil().max(1.0))
        .sum()
}

/// The height of a list row of `lines` lines.
fn list_height(lines: f64) -> f64 {
    (lines * LIST_LINE + 5.0).min(MAX_ROW_HEIGHT)
}

/// The height of a sheet's rows when nothing says otherwise: Excel's 15 points (20 pixels) for
/// its default font, which the workbook keeps.
const DEFAULT_ROW_HEIGHT: f64 = 15.0;

/// Gives the row of a constant-memory sheet whose cells have just been written its height,
/// without a record of the row kept until the workbook is saved.
///
/// rust_xlsxwriter keeps the options of every row given a height with `set_row_height` until the
/// workbook is saved, on a constant-memory sheet too (some 400 bytes a row: a list of 100,000
/// members took 40 MB more for it). A constant-memory sheet writes a row out when the first cell
/// of a later row is written, and a row with no options of its own then gets the sheet's default
/// height at that moment, written exactly as `set_row_height` writes it (`ht`, `customHeight`).
/// So a list row's height is made the default once its cells are written, and the next row's
/// first cell writes it out; after the last such row, [`rows_written`] puts the default back once
/// the following row's first cell is written. The rows' heights in the snapshot of the summary
/// workbook and `list_rows_have_their_heights` check that each row gets its own.
fn row_written(ws: &mut Worksheet, height: f64) {
    ws.set_default_row_height(height);
}

/// The sheet's default row height again, once the first cell of the row after the last
/// [`row_written`] has been written (it wrote that row out); the sheet's rows that follow, and
/// the sheet's own default (`sheetFormatPr`), are as if the default had never changed.
fn rows_written(ws: &mut Worksheet) {
    ws.set_default_row_height(DEFAULT_ROW_HEIGHT);
}

/// The width a column needs for a text `widest` units wide, between `min` and `max`.
fn fit(widest: f64, min: f64, max: f64) -> f64 {
    ((widest + 1.5).clamp(min, max) * 4.0).ceil() / 4.0
}

/// The agency name as listed (a report without one says so).
fn agency_name(agency: &str, lang: Lang) -> String {
    let name = agency.trim();
    match (name.is_empty(), lang) {
        (false, _) => name.to_string(),
        (true, Lang::Zh) => "（未填机关名称）".to_string(),
        (true, Lang::En) => "(no agency name)".to_string(),
    }
}

/// The rows of a worksheet (Excel's limit).
const SHEET_ROWS: u32 = 1_048_576;

/// A text of a list as a cell holds it: cut at a cell's 32,767 characters, with `…` saying so
/// (an agency name or a message that long is a mistake to show, not a reason to write nothing).
fn clipped(text: &str) -> std::borrow::Cow<'_, str> {
    const MAX: usize = 32_767;
    match text.char_indices().nth(MAX) {
        None => std::borrow::Cow::Borrowed(text),
        Some(_) => {
            let end = text
                .char_indices()
                .nth(MAX - 1)
                .map_or(text.len(), |(i, _)| i);
            std::borrow::Cow::Owned(format!("{}…", &text[..end]))
        }
    }
}

/// What the summary says of its members as a whole, gathered in one pass before the sheets are
/// written (the sheets are written row by row and cannot go back).
#[derive(Debug, Default)]
struct Stats {
    /// Members.
    count: usize,
    /// Agencies among the members: reports of the same agency (by [`agency_key`]) count once; a
    /// report without a name is an agency of its own.
    agencies: usize,
    /// Files the members come from.
    files: usize,
    /// Members with errors, with warnings only, with neither.
    with_errors: usize,
    with_warnings: usize,
    clean: usize,
    /// The widest agency name and file name, in list units.
    name_units: f64,
    file_units: f64,
}

impl Stats {
    fn gather(members: &mut dyn SummaryMembers, lang: Lang) -> Result<Stats, WriteError> {
        let mut stats = Stats::default();
        // The agencies by the hash of their key, with the member's place (16 bytes a member, not
        // a set of every name).
        let mut hashed: Vec<(u64, usize)> = Vec::with_capacity(members.count());
        // The files, unless the source knows how many there are.
        let known_files = members.files();
        let mut files: HashSet<String> = HashSet::new();
        let mut unnamed = 0;
        members.each(Need::default(), &mut |m| {
            let key = agency_key(m.agency);
            if key.is_empty() {
                unnamed += 1;
            } else {
                hashed.push((key_hash(&key), stats.count));
            }
            stats.count += 1;
            if known_files.is_none() && !files.contains(m.file) {
                files.insert(m.file.to_string());
            }
            match (m.errors, m.warnings) {
                (0, 0) => stats.clean += 1,
                (0, _) => stats.with_warnings += 1,
                _ => stats.with_errors += 1,
            }
            stats.name_units = stats
                .name_units
                .max(list_units(&agency_name(m.agency, lang)));
            stats.file_units = stats.file_units.max(list_units(m.file));
            Ok(())
        })?;
        stats.agencies = distinct_agencies(members, hashed)? + unnamed;
        stats.files = known_files.unwrap_or(files.len());
        Ok(stats)
    }
}

/// A hash of an agency key.
fn key_hash(key: &str) -> u64 {
    use std::hash::{Hash as _, Hasher as _};
    let mut h = std::collections::hash_map::DefaultHasher::new();
    key.hash(&mut h);
    h.finish()
}

/// The number of distinct agency keys among the members hashed (hash, member's place): the
/// distinct hashes, with the keys of members whose hash another member shares (an agency that
/// sent two reports, or two keys of one hash) made again in one more pass and compared, so that
/// the count is exact and no key is held for every member.
fn distinct_agencies(
    members: &mut dyn SummaryMembers,
    mut hashed: Vec<(u64, usize)>,
) -> Result<usize, WriteError> {
    hashed.sort_unstable();
    let mut distinct = 0;
    // The places of members sharing a hash, in order, and each one's key once found.
    let mut shared: Vec<(usize, String)> = Vec::new();
    for same in hashed.chunk_by(|a, b| a.0 == b.0) {
        match same {
            [_] => distinct += 1,
            _ => shared.extend(same.iter().map(|&(_, i)| (i, String::new()))),
        }
    }
    if shared.is_empty() {
        return Ok(distinct);
    }
    shared.sort_unstable_by_key(|(i, _)| *i);
    let mut next = shared.iter_mut().peekable();
    let mut i = 0;
    members.each(Need::default(), &mut |m| {
        if let Some((_, key)) = next.next_if(|(at, _)| *at == i) {
            *key = agency_key(m.agency);
        }
        i += 1;
        Ok(())
    })?;
    let mut keys: Vec<String> = shared.into_iter().map(|(_, k)| k).collect();
    keys.sort_unstable();
    keys.dedup();
    Ok(distinct + keys.len())
}

/// What the summary says of its list of files, gathered in one pass.
#[derive(Debug, Default)]
struct FileStats {
    /// Rows: files, and agencies that sent none.
    count: usize,
    /// Files given.
    given: usize,
    /// Files given and in the total.
    included_given: usize,
    /// Rows in the total.
    included: usize,
    /// Agencies that sent nothing.
    missing: usize,
    /// The widest file name and agency name, in list units.
    file_units: f64,
    agency_units: f64,
}

impl FileStats {
    fn gather(files: &mut dyn SummaryFiles) -> Result<FileStats, WriteError> {
        let mut stats = FileStats::default();
        files.each(&mut |f| {
            stats.count += 1;
            if f.file.is_empty() {
                stats.missing += 1;
            } else {
                stats.given += 1;
                stats.included_given += usize::from(f.included);
            }
            stats.included += usize::from(f.included);
            stats.file_units = stats.file_units.max(list_units(&f.file));
            stats.agency_units = stats.agency_units.max(list_units(&f.agency));
            Ok(())
        })?;
        Ok(stats)
    }
}

/// Errors and warnings of a report: its findings and its import issues.
pub(super) fn counts(report: &Report, findings: &[Finding]) -> (usize, usize) {
    let mut errors = 0;
    let mut warnings = 0;
    let severities = findings
        .iter()
        .map(|f| f.severity)
        .chain(report.issues.iter().map(|i| i.severity));
    for s in severities {
        match s {
            Severity::Error => errors += 1,
            Severity::Warning => warnings += 1,
        }
    }
    (errors, warnings)
}

/// The sheet name of a table of the total in this workbook (`汇总 表三 依申请公开`).
fn total_sheet(table: &Table) -> String {
    let name = sheets::table_sheet(table.id).unwrap_or(table.short);
    format!("{} {name}", sheets::SUMMARY)
}

/// `三、收到和处理政府信息公开申请情况`: the heading of a table's section.
fn table_heading(report: &Report, table: &Table, lang: Lang) -> String {
    match lang {
        Lang::Zh => report
            .layout()
            .sections
            .iter()
            .find(|s| s.table == Some(table.id))
            .map(|s| format!("{}、{}", s.no, s.heading))
            .unwrap_or_else(|| table.short.to_string()),
        Lang::En => table.en.to_string(),
    }
}

/// The title of a summary: the report's title, said to be a summary unless its name says so.
fn summary_title(total: &Report) -> String {
    let title = report_title(total);
    if total.agency.contains(sheets::SUMMARY) {
        title
    } else {
        format!("{title}（{}）", sheets::SUMMARY)
    }
}

/// A page header naming the sheet (`&` doubled, as headers require).
fn page_header(title: &str, sheet: &str) -> Option<String> {
    let text = format!("&C{} {sheet}", title.replace('&', "&&"));
    (text.chars().count() <= 200).then_some(text)
}

impl Book {
    pub fn summary(
        total: &Report,
        total_findings: &[Finding],
        members: &mut dyn SummaryMembers,
        files: &mut dyn SummaryFiles,
        date: Option<&str>,
        lang: Lang,
        out: &mut (dyn std::io::Write + Send),
    ) -> Result<(), WriteError> {
        Book::summary_in_sheets_of(
            total,
            total_findings,
            (members, files),
            date,
            lang,
            out,
            SHEET_ROWS,
        )
    }

    /// [`Book::summary`] with sheets of 校验结果 of `sheet_rows` rows at most (Excel's limit,
    /// or fewer in tests).
    fn summary_in_sheets_of(
        total: &Report,
        total_findings: &[Finding],
        (members, files): (&mut dyn SummaryMembers, &mut dyn SummaryFiles),
        date: Option<&str>,
        lang: Lang,
        out: &mut (dyn std::io::Write + Send),
        sheet_rows: u32,
    ) -> Result<(), WriteError> {
        let stats = Stats::gather(members, lang)?;
        let file_stats = FileStats::gather(files)?;
        // The 明细 sheet has a row per member and 文件清单 a row per file: past a worksheet's
        // rows (a million reports) the summary is refused rather than cut.
        let rows = |n: usize| u32::try_from(n).ok().and_then(|n| n.checked_add(5));
        if rows(stats.count).is_none_or(|r| r > SHEET_ROWS)
            || rows(file_stats.count).is_none_or(|r| r > SHEET_ROWS)
        {
            return Err(WriteError::TooManyRows {
                reports: stats.count,
                files: file_stats.count,
                limit: SHEET_ROWS,
            });
        }
        let mut book = Book::new(Mode::Export, &summary_title(total), Some(SUMMARY_KIND))?;
        book.summary_info(total, total_findings, &stats, &file_stats, date, lang)?;
        book.tables(total, true, Some(sheets::SUMMARY))?;
        book.detail(total, members, &stats, lang)?;
        book.summary_findings(total, total_findings, members, &stats, lang, sheet_rows)?;
        if file_stats.count > 0 {
            book.file_list(total, files, &file_stats, lang)?;
        }
        book.wb.save_to_writer(out).w()
    }

    /// 基本信息 of a summary: the name, year and edition of the total (under the labels the
    /// reader knows), what was totalled (共汇总 N 个单位), when, the outcome of the checks, and
    /// what each sheet holds.
    fn summary_info(
        &mut self,
        total: &Report,
        total_findings: &[Finding],
        stats: &Stats,
        file_stats: &FileStats,
        date: Option<&str>,
        lang: Lang,
    ) -> Result<(), WriteError> {
        let s = &self.styles;
        let ws = self.wb.add_worksheet();
        ws.set_name(sheets::INFO).w()?;
        const LABEL_WIDTH: f64 = 16.0;
        const VALUE_WIDTH: f64 = 64.0;
        ws.set_column_width(0, LABEL_WIDTH).w()?;
        ws.set_column_width(1, VALUE_WIDTH).w()?;
        let title = summary_title(total);
        put(
            ws,
            Rect::new(0, 0, 0, 1),
            checked("agency", &title)?,
            &s.title,
        )?;
        ws.set_row_height(0, 36).w()?;
        let label = |id: &str| {
            META_FIELDS
                .iter()
                .find(|f| f.id == id)
                .map_or("", |f| f.label)
        };
        let mut r: u32 = 1;
        // The fields the reader reads back from our workbooks, under their labels.
        ws.write_string_with_format(r, 0, label("agency"), &s.info_label)
            .w()?;
        ws.write_string_with_format(r, 1, checked("agency", &total.agency)?, &s.info_input)
            .w()?;
        ws.set_row_height(r, 24).w()?;
        r += 1;
        ws.write_string_with_format(r, 0, label("year"), &s.info_label)
            .w()?;
        match total.year {
            Some(y) => ws.write_number_with_format(r, 1, f64::from(y), &s.info_input),
            None => ws.write_blank(r, 1, &s.info_input),
        }
        .w()?;
        ws.set_row_height(r, 24).w()?;
        r += 1;
        let e = total.edition;
        ws.write_string_with_format(r, 0, label("edition"), &s.info_label)
            .w()?;
        ws.write_string_with_format(
            r,
            1,
            format!("{}（{}）", e.as_str(), e.document()),
            &s.info_fixed,
        )
        .w()?;
        ws.set_row_height(r, 24).w()?;
        r += 1;
        // What a summary says instead of the filler's name, telephone and date.
        let agencies = stats.agencies;
        let scope = match lang {
            Lang::Zh => {
                let reports = if stats.count == agencies {
                    String::new()
                } else {
                    format!("的 {} 份报告", stats.count)
                };
                format!(
                    "共汇总 {agencies} 个单位{reports}，来自 {} 个文件。",
                    stats.files
                )
            }
            Lang::En => format!(
                "Totals {agencies} agencies ({} reports) from {} files.",
                stats.count, stats.files
            ),
        };
        let (total_errors, total_warnings) = counts(total, total_findings);
        let (with_errors, with_warnings, clean) =
            (stats.with_errors, stats.with_warnings, stats.clean);
        let outcome = match lang {
            Lang::Zh => {
                let own = if total_errors + total_warnings == 0 {
                    "未发现问题".to_string()
                } else {
                    format!("{total_errors} 个错误、{total_warnings} 个提醒")
                };
                format!(
                    "汇总数：{own}；各单位：{with_errors} 份报告有错误，{with_warnings} 份只有提醒，{clean} 份未发现问题。详见“{}”。",
                    sheets::FINDINGS
                )
            }
            Lang::En => format!(
                "The total: {total_errors} error(s), {total_warnings} warning(s); the members: {with_errors} report(s) with errors, {with_warnings} with warnings only, {clean} without findings. See “{}”.",
                sheets::FINDINGS
            ),
        };
        let mut rows: Vec<(&str, String)> = Vec::new();
        let words = |zh: &'static str, en: &'static str| match lang {
            Lang::Zh => zh,
            Lang::En => en,
        };
        rows.push((words("汇总范围", "Scope"), scope));
        if file_stats.count > 0 {
            let (given, included, missing) = (
                file_stats.given,
                file_stats.included_given,
                file_stats.missing,
            );
            let mut text = match lang {
                Lang::Zh => format!(
                    "收到 {given} 个文件：计入 {included} 个，未计入 {} 个",
                    given - included
                ),
                Lang::En => format!(
                    "{given} files given: {included} included, {} left out",
                    given - included
                ),
            };
            if missing > 0 {
                text.push_str(&match lang {
                    Lang::Zh => format!("；{missing} 个应报单位未报送"),
                    Lang::En => format!("; {missing} expected agencies sent nothing"),
                });
            }
            text.push_str(&match lang {
                Lang::Zh => format!("（见“{}”）。", FILES_SHEET),
                Lang::En => format!(" (see “{}”).", FILES_SHEET),
            });
            rows.push((words("文件", "Files"), text));
        }
        if let Some(date) = date.filter(|d| !d.trim().is_empty()) {
            rows.push((words("汇总日期", "Date"), date.trim().to_string()));
        }
        rows.push((words("检查结果", "Checks"), outcome));
        for (l, text) in &rows {
            ws.write_string_with_format(r, 0, *l, &s.info_label).w()?;
            ws.write_string_with_format(r, 1, checked(l, text)?, &s.info_fixed)
                .w()?;
            let lines = grid::lines_needed(text, 11.0, VALUE_WIDTH);
            ws.set_row_height(r, (lines * 14.5 + 9.5).max(24.0)).w()?;
            r += 1;
        }
        r += 1;
        ws.write_string_with_format(r, 0, words("说明", "Notes"), &s.heading)
            .w()?;
        ws.set_row_height(r, 24).w()?;
        let notes = summary_notes(total, agencies, file_stats.count > 0, lang);
        let lines: f64 = notes
            .split('\n')
            .map(|l| grid::lines_needed(l, 11.0, LABEL_WIDTH + VALUE_WIDTH))
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

    /// 明细: one row per member, one column per cell, a 合计 row at the bottom.
    ///
    /// Three header rows from the catalog (the table's heading, the row's label with its groups,
    /// the column's label) under a hidden row of ids for programs. Printed landscape, a table's
    /// rows a page wide at a time (two rows of table 三 a page), the numbers and names and the
    /// header rows repeated on every page, so that every page reads on its own.
    fn detail(
        &mut self,
        total: &Report,
        members: &mut dyn SummaryMembers,
        stats: &Stats,
        lang: Lang,
    ) -> Result<(), WriteError> {
        let s = &self.styles;
        let layout = total.layout();
        let cells = layout.cells();
        let ws = self.wb.add_worksheet_with_constant_memory().w()?;
        ws.set_name(sheets::DETAIL).w()?;
        let total_word = match lang {
            Lang::Zh => "合计",
            Lang::En => "Total",
        };
        let fixed: [(&str, &str); 4] = match lang {
            Lang::Zh => [
                ("序号", "no"),
                ("单位", "agency"),
                ("报告年度", "year"),
                ("文件", "file"),
            ],
            Lang::En => [
                ("No.", "no"),
                ("Agency", "agency"),
                ("Year", "year"),
                ("File", "file"),
            ],
        };
        let name_width = fit(stats.name_units.max(list_units(total_word)), 10.0, 26.0);
        let file_width = fit(stats.file_units, 12.0, 40.0);
        let mut widths = vec![5.0, name_width, 6.0, file_width];
        let column_label = |c: &Cell| match lang {
            Lang::Zh => c.column.label,
            Lang::En => c.column.en,
        };
        let row_label = |c: &Cell| match lang {
            Lang::Zh => c
                .row
                .path
                .iter()
                .copied()
                .chain([c.row.label])
                .collect::<Vec<_>>()
                .join("\n"),
            Lang::En => c.row.en.to_string(),
        };
        for c in cells {
            let alone = c.block().columns.len() == 1;
            let mut w = (list_units(column_label(c)) / 2.0 + 1.6).min(14.0);
            if alone {
                let widest = row_label(c)
                    .split('\n')
                    .map(list_units)
                    .fold(0.0_f64, f64::max);
                w = w.max((widest / 2.0 + 1.6).min(16.0));
            }
            widths.push((w.max(MIN_VALUE_WIDTH) * 4.0).ceil() / 4.0);
        }
        // The printed row of a table each cell belongs to: consecutive cells of one row of one
        // block are printed together under the row's label.
        let key = |c: &Cell| (c.table.id, c.block, c.row.id);
        let mut groups: Vec<(usize, usize)> = Vec::new(); // column ranges, inclusive
        groups.push((2, 3));
        for (i, c) in cells.iter().enumerate() {
            let col = i + fixed.len();
            match groups.last_mut() {
                Some((first, last))
                    if *first >= fixed.len() && key(&cells[*first - fixed.len()]) == key(c) =>
                {
                    *last = col;
                }
                _ => groups.push((col, col)),
            }
        }
        let table_of = |col: usize| col.checked_sub(fixed.len()).map(|i| cells[i].table.id);
        // Pages: whole printed rows, a table starting a page of its own (the year and the file
        // make the first page, a list of who sent what).
        let repeated = column_points(widths[0]) + column_points(widths[1]);
        let room = LANDSCAPE_POINTS * PAGE_SLACK / DETAIL_SCALE - repeated;
        let points = |(a, b): (usize, usize)| -> f64 {
            widths[a..=b].iter().map(|w| column_points(*w)).sum()
        };
        let mut pages: Vec<(usize, usize)> = Vec::new();
        for g in groups {
            match pages.last_mut() {
                Some(page)
                    if points((page.0, g.1)) <= room && table_of(page.0) == table_of(g.0) =>
                {
                    page.1 = g.1;
                }
                _ => pages.push(g),
            }
        }
        let widest = pages.iter().map(|p| points(*p)).fold(0.0_f64, f64::max);
        let scale = (LANDSCAPE_POINTS * PAGE_SLACK / (repeated + widest) * 100.0)
            .floor()
            .clamp(40.0, 100.0);

        for (c, w) in widths.iter().enumerate() {
            ws.set_column_width(col_u16(c), *w).w()?;
        }
        // Row 0 (hidden): ids, for programs.
        ws.set_row_hidden(0).w()?;
        for (c, (_, id)) in fixed.iter().enumerate() {
            ws.write_string_with_format(0, col_u16(c), *id, &s.machine_text)
                .w()?;
        }
        for (i, c) in cells.iter().enumerate() {
            ws.write_string_with_format(0, col_u16(i + fixed.len()), c.id, &s.machine_text)
                .w()?;
        }
        // Rows 1–3: the table, the row, the column, as the catalog labels them.
        let heading_height = list_height(1.0) + 4.0;
        let mut row_lines: f64 = 1.0;
        let mut column_lines: f64 = 1.0;
        for (i, c) in cells.iter().enumerate() {
            let col = i + fixed.len();
            column_lines = column_lines.max(list_lines(column_label(c), widths[col]));
        }
        for &(first, last) in pages.iter() {
            let mut col = first.max(fixed.len());
            while col <= last {
                let c = &cells[col - fixed.len()];
                let mut end = col;
                while end < last && key(&cells[end + 1 - fixed.len()]) == key(c) {
                    end += 1;
                }
                let w: f64 = widths[col..=end].iter().sum();
                row_lines = row_lines.max(list_lines(&row_label(c), w));
                col = end + 1;
            }
        }
        ws.set_row_height(1, heading_height).w()?;
        ws.set_row_height(2, list_height(row_lines)).w()?;
        ws.set_row_height(3, list_height(column_lines)).w()?;
        for (c, (label, _)) in fixed.iter().enumerate() {
            put(
                ws,
                Rect::new(1, col_u16(c), 3, col_u16(c)),
                label,
                &s.list_header,
            )?;
        }
        // The table's heading over each page's part of the table.
        for &(first, last) in pages.iter() {
            let first = first.max(fixed.len());
            if first > last {
                continue;
            }
            let mut col = first;
            while col <= last {
                let table = cells[col - fixed.len()].table;
                let mut end = col;
                while end < last && cells[end + 1 - fixed.len()].table.id == table.id {
                    end += 1;
                }
                let text = table_heading(total, table, lang);
                put(
                    ws,
                    Rect::new(1, col_u16(col), 1, col_u16(end)),
                    &text,
                    &s.list_header,
                )?;
                col = end + 1;
            }
        }
        for row in [2u32, 3] {
            let mut i = 0;
            while i < cells.len() {
                let c = &cells[i];
                let mut end = i;
                if row == 2 {
                    while end + 1 < cells.len() && key(&cells[end + 1]) == key(c) {
                        end += 1;
                    }
                }
                let text = if row == 2 {
                    row_label(c)
                } else {
                    column_label(c).to_string()
                };
                put(
                    ws,
                    Rect::new(
                        row,
                        col_u16(i + fixed.len()),
                        row,
                        col_u16(end + fixed.len()),
                    ),
                    &text,
                    &s.list_header,
                )?;
                i = end + 1;
            }
        }
        // One row per member.
        let first_row: u32 = 4;
        let blank = CellValue::Blank;
        let mut m = 0;
        let need = Need {
            values: true,
            lines: false,
        };
        members.each(need, &mut |member| {
            let name = agency_name(member.agency, lang);
            let r = row_u32(m) + first_row;
            let lines = list_lines(&name, name_width).max(list_lines(member.file, file_width));
            ws.write_number_with_format(r, 0, (m + 1) as f64, &s.list_number)
                .w()?;
            ws.write_string_with_format(r, 1, clipped(&name), &s.list_text)
                .w()?;
            match member.year {
                Some(y) => ws.write_number_with_format(r, 2, f64::from(y), &s.list_number),
                None => ws.write_blank(r, 2, &s.list_number),
            }
            .w()?;
            ws.write_string_with_format(r, 3, clipped(member.file), &s.list_text)
                .w()?;
            for (i, cell) in cells.iter().enumerate() {
                let v = member.values.get(cell.id).unwrap_or(&blank);
                let col = col_u16(i + fixed.len());
                put_value(ws, Rect::new(r, col, r, col), v, &s.list_number)?;
            }
            row_written(ws, list_height(lines));
            m += 1;
            Ok(())
        })?;
        // The 合计 row: the total's values, as the 汇总 sheets hold them.
        let last_member = first_row + row_u32(m);
        let total_row = last_member;
        // The last row keeps the default height: rust_xlsxwriter 0.102 writes the last row of a
        // constant-memory sheet twice when its height was set (Excel then repairs the file).
        ws.write_blank(total_row, 0, &s.total_label).w()?;
        rows_written(ws);
        ws.write_string_with_format(total_row, 1, total_word, &s.total_label)
            .w()?;
        match total.year {
            Some(y) => ws.write_number_with_format(total_row, 2, f64::from(y), &s.total_number),
            None => ws.write_blank(total_row, 2, &s.total_number),
        }
        .w()?;
        ws.write_blank(total_row, 3, &s.total_label).w()?;
        for (i, cell) in cells.iter().enumerate() {
            let col = col_u16(i + fixed.len());
            put_value(
                ws,
                Rect::new(total_row, col, total_row, col),
                total.value(cell),
                &s.total_number,
            )?;
        }
        let last_col = col_u16(widths.len() - 1);
        // The filter covers the members, not the 合计 row, so sorting keeps it last.
        ws.autofilter(3, 0, last_member.saturating_sub(1).max(3), last_col)
            .w()?;
        ws.set_freeze_panes(first_row, 2).w()?;
        ws.set_paper_size(PAPER_A4);
        ws.set_landscape();
        ws.set_margins(DETAIL_SIDE_MARGIN, DETAIL_SIDE_MARGIN, 0.6, 0.6, 0.3, 0.3);
        if let Some(h) = page_header(&summary_title(total), sheets::DETAIL) {
            ws.set_header(h);
        }
        ws.set_footer(FOOTER);
        ws.set_print_area(1, 0, total_row, last_col).w()?;
        ws.set_repeat_rows(1, 3).w()?;
        ws.set_repeat_columns(0, 1).w()?;
        ws.set_print_scale(scale as u16);
        let breaks: Vec<u32> = pages.iter().skip(1).map(|p| p.0 as u32).collect();
        ws.set_vertical_page_breaks(&breaks).w()?;
        Ok(())
    }

    /// 校验结果 of a summary: a block of the total's own findings (positions in this workbook),
    /// then a block of the members' (positions in each member's file), errors before warnings
    /// in each; the blank cells of a member's table in one row. Cell ids in the last column,
    /// outside the printed area. Continued on `校验结果 (2)` … before a sheet's last row.
    fn summary_findings(
        &mut self,
        total: &Report,
        total_findings: &[Finding],
        members: &mut dyn SummaryMembers,
        stats: &Stats,
        lang: Lang,
        sheet_rows: u32,
    ) -> Result<(), WriteError> {
        let headers: [&str; 8] = match lang {
            Lang::Zh => [
                "序号",
                "单位",
                "文件",
                "级别",
                "规则",
                "问题",
                "位置",
                "单元格编号",
            ],
            Lang::En => [
                "No.", "Agency", "File", "Severity", "Rule", "Finding", "Where", "Cells",
            ],
        };
        let total_name = agency_name(&total.agency, lang);
        let name_width = fit(stats.name_units.max(list_units(&total_name)), 10.0, 20.0);
        let widths = [5.0, name_width, 18.0, 6.0, 17.0, 54.0, 24.0, 40.0];
        let this_workbook = match lang {
            Lang::Zh => "（本工作簿）",
            Lang::En => "(this workbook)",
        };
        let mut w = ListWriter {
            wb: &mut self.wb,
            s: &self.styles,
            widths: &widths,
            headers: &headers,
            title: summary_title(total),
            lang,
            sheet: 0,
            sheets: 0,
            sheet_rows: sheet_rows.max(4),
            row: 0,
            n: 0,
            errors: 0,
            warnings: 0,
            printed_last: 6,
        };
        w.start_sheet()?;
        // The total.
        let (errors, warnings) = counts(total, total_findings);
        let title = match (lang, errors + warnings) {
            (Lang::Zh, 0) => "一、汇总数的检查结果：未发现问题".to_string(),
            (Lang::Zh, _) => {
                format!("一、汇总数的检查结果（{errors} 个错误，{warnings} 个提醒）")
            }
            (Lang::En, 0) => "1. Checks of the total: no findings".to_string(),
            (Lang::En, _) => {
                format!("1. Checks of the total ({errors} errors, {warnings} warnings)")
            }
        };
        w.block(&title)?;
        let positions = template_positions(total.edition);
        let here = |ids: &[&str]| -> Vec<Location> {
            ids.iter()
                .filter_map(|id| positions.iter().find(|p| p.id == *id))
                .map(|p| {
                    let table = total.layout().cell(p.id).map(|c| c.table);
                    Location::Cell {
                        sheet: table
                            .map_or_else(|| p.sheet.to_string(), total_sheet)
                            .into(),
                        row: p.row,
                        col: p.col,
                    }
                })
                .collect()
        };
        for severity in [Severity::Error, Severity::Warning] {
            for line in lines_of(total, total_findings, severity, Some(&here), lang) {
                w.line(&total_name, this_workbook, &line)?;
            }
        }
        // The members.
        let (with_errors, with_warnings, clean) =
            (stats.with_errors, stats.with_warnings, stats.clean);
        let title = match lang {
            Lang::Zh => format!(
                "二、各单位报告的检查结果（{} 份报告：{with_errors} 份有错误，{with_warnings} 份只有提醒，{clean} 份未发现问题）",
                stats.count
            ),
            Lang::En => format!(
                "2. Checks of the members' reports ({} reports: {with_errors} with errors, {with_warnings} with warnings only, {clean} without findings)",
                stats.count
            ),
        };
        w.block(&title)?;
        let need = Need {
            values: false,
            lines: true,
        };
        for severity in [Severity::Error, Severity::Warning] {
            members.each(need, &mut |m| {
                let wanted = |l: &&SummaryLine| l.severity == severity;
                if !m.lines.iter().any(|l| wanted(&l)) {
                    return Ok(());
                }
                let name = agency_name(m.agency, lang);
                for line in m.lines.iter().filter(wanted) {
                    w.line(&name, m.file, line)?;
                }
                Ok(())
            })?;
        }
        // A closing line with the counts, at the default height (see `detail`).
        let closing = match lang {
            Lang::Zh => format!(
                "以上共 {} 条：错误 {} 条，提醒 {} 条。",
                w.n, w.errors, w.warnings
            ),
            Lang::En => format!(
                "{} finding(s) in all: {} error(s), {} warning(s).",
                w.n, w.errors, w.warnings
            ),
        };
        w.end_sheet(&closing)
    }

    /// 文件清单: every file given (and every expected agency that sent none), whether it is in
    /// the total and why; the files left out coloured as warnings, the agencies missing as
    /// errors.
    fn file_list(
        &mut self,
        total: &Report,
        files: &mut dyn SummaryFiles,
        stats: &FileStats,
        lang: Lang,
    ) -> Result<(), WriteError> {
        let s = &self.styles;
        let ws = self.wb.add_worksheet_with_constant_memory().w()?;
        ws.set_name(FILES_SHEET).w()?;
        let headers: [&str; 6] = match lang {
            Lang::Zh => ["序号", "文件", "单位", "报告年度", "状态", "原因"],
            Lang::En => ["No.", "File", "Agency", "Year", "Status", "Reason"],
        };
        let file_width = fit(stats.file_units, 16.0, 36.0);
        let name_width = fit(stats.agency_units, 10.0, 24.0);
        let widths = [5.0, file_width, name_width, 6.0, 8.0, 50.0];
        for (c, w) in widths.iter().enumerate() {
            ws.set_column_width(col_u16(c), *w).w()?;
        }
        ws.set_row_height(0, list_height(1.0) + 4.0).w()?;
        for (c, h) in headers.iter().enumerate() {
            ws.write_string_with_format(0, col_u16(c), *h, &s.list_header)
                .w()?;
        }
        let mut r: u32 = 1;
        files.each(&mut |f: &SummaryFile| {
            let i = (r - 1) as usize;
            let (text, number) = match (f.included, f.file.is_empty()) {
                (true, _) => (&s.list_text, &s.list_number),
                (false, false) => (&s.warning_text, &s.warning_number),
                (false, true) => (&s.error_text, &s.error_number),
            };
            let texts = [f.file.as_str(), f.agency.as_str()];
            let lines = texts
                .iter()
                .zip([widths[1], widths[2]])
                .map(|(t, w)| list_lines(t, w))
                .chain([list_lines(&f.reason, widths[5])])
                .fold(1.0_f64, f64::max);
            ws.write_number_with_format(r, 0, (i + 1) as f64, number)
                .w()?;
            ws.write_string_with_format(r, 1, clipped(&f.file), text)
                .w()?;
            ws.write_string_with_format(r, 2, clipped(&f.agency), text)
                .w()?;
            match f.year {
                Some(y) => ws.write_number_with_format(r, 3, f64::from(y), number),
                None => ws.write_blank(r, 3, number),
            }
            .w()?;
            ws.write_string_with_format(r, 4, clipped(&f.status), number)
                .w()?;
            ws.write_string_with_format(r, 5, clipped(&f.reason), text)
                .w()?;
            row_written(ws, list_height(lines));
            r += 1;
            Ok(())
        })?;
        let (given, included, missing) = (stats.given, stats.included, stats.missing);
        let closing = match lang {
            Lang::Zh => format!(
                "以上共 {given} 个文件：计入 {included} 个，未计入 {} 个；未报送 {missing} 个单位。",
                given - included.min(given)
            ),
            Lang::En => format!(
                "{given} file(s): {included} included, {} left out; {missing} agency(ies) sent nothing.",
                given - included.min(given)
            ),
        };
        // A closing line at the default height (see `detail`).
        ws.write_string_with_format(r, 0, &closing, &s.closing)
            .w()?;
        rows_written(ws);
        let last = r.saturating_sub(1).max(1);
        ws.autofilter(0, 0, last, col_u16(headers.len() - 1)).w()?;
        ws.set_freeze_panes(1, 0).w()?;
        print_setup(ws, true);
        if let Some(h) = page_header(&summary_title(total), FILES_SHEET) {
            ws.set_header(h);
        }
        ws.set_repeat_rows(0, 0).w()?;
        Ok(())
    }
}

/// The positions of cells in this workbook, for the total's findings.
type Here<'a> = &'a dyn Fn(&[&str]) -> Vec<Location>;

/// The rows of one report's findings and import issues of one severity: issues first (they
/// explain what could not be read), then the findings in the checker's order, with the
/// `VALUE-MISSING` findings of a table in one row where the first of them was. `here` gives the
/// positions of cells in this workbook (for the total, whose values have no origin).
pub(super) fn lines_of(
    report: &Report,
    findings: &[Finding],
    severity: Severity,
    here: Option<Here>,
    lang: Lang,
) -> Vec<SummaryLine> {
    let mut out: Vec<SummaryLine> = Vec::new();
    for issue in report.issues.iter().filter(|i| i.severity == severity) {
        let located: Vec<Location> = match (&issue.location, here) {
            (Some(l), _) => vec![l.clone()],
            (None, Some(here)) => here(&issue.cells),
            (None, None) => Vec::new(),
        };
        out.push(SummaryLine {
            severity,
            code: issue.code.to_string(),
            message: issue.message(lang).to_string(),
            position: describe_locations(&located.iter().collect::<Vec<_>>(), lang),
            ids: issue.cells.join("\n"),
        });
    }
    let position = |f: &Finding| -> String {
        let mut located: Vec<Location> = f.locations.iter().flatten().cloned().collect();
        if located.is_empty()
            && let Some(here) = here
        {
            located = here(&f.cell_ids());
        }
        if located.is_empty()
            && let Some(l) = &f.text_location
        {
            located.push(l.clone());
        }
        describe_locations(&located.iter().collect::<Vec<_>>(), lang)
    };
    // The VALUE-MISSING findings of each table, and the row they take.
    let mut missing: Vec<(&str, Vec<&Finding>, usize)> = Vec::new();
    for f in findings.iter().filter(|f| f.severity == severity) {
        if f.code == Code::ValueMissing
            && let Some(table) = f.table
        {
            match missing.iter_mut().find(|(t, _, _)| *t == table.id) {
                Some((_, list, _)) => list.push(f),
                None => {
                    missing.push((table.id, vec![f], out.len()));
                    out.push(SummaryLine {
                        severity,
                        code: String::new(),
                        message: String::new(),
                        position: String::new(),
                        ids: String::new(),
                    });
                }
            }
            continue;
        }
        out.push(SummaryLine {
            severity,
            code: f.code.as_str().to_string(),
            message: f.message(lang),
            position: position(f),
            ids: f.cell_ids().join("\n"),
        });
    }
    for (_, list, at) in missing {
        let line = match list.as_slice() {
            [one] => SummaryLine {
                severity,
                code: one.code.as_str().to_string(),
                message: one.message(lang),
                position: position(one),
                ids: one.cell_ids().join("\n"),
            },
            many => {
                let located: Vec<String> = many.iter().map(|f| position(f)).collect();
                let mut all: Vec<Location> = Vec::new();
                for f in many {
                    let mut l: Vec<Location> = f.locations.iter().flatten().cloned().collect();
                    if l.is_empty()
                        && let Some(here) = here
                    {
                        l = here(&f.cell_ids());
                    }
                    all.extend(l);
                }
                let position = if all.is_empty() {
                    located
                        .into_iter()
                        .find(|p| !p.is_empty())
                        .unwrap_or_default()
                } else {
                    describe_locations(&all.iter().collect::<Vec<_>>(), lang)
                };
                SummaryLine {
                    severity,
                    code: Code::ValueMissing.as_str().to_string(),
                    message: missing_message(many, lang),
                    position,
                    ids: many
                        .iter()
                        .flat_map(|f| f.cell_ids())
                        .collect::<Vec<_>>()
                        .join("\n"),
                }
            }
        };
        out[at] = line;
    }
    out
}

/// `表三有 175 个单元格为空白或占位符（空白 170 个，“/” 5 个），合计时按 0 计；没有发生的请填 0。`
fn missing_message(findings: &[&Finding], lang: Lang) -> String {
    let mut kinds: Vec<(Option<&str>, usize)> = Vec::new();
    for f in findings {
        let seen = match f.values.first() {
            Some(CellValue::Placeholder(s) | CellValue::Text(s)) => Some(s.as_str()),
            _ => None,
        };
        match kinds.iter_mut().find(|(k, _)| *k == seen) {
            Some((_, n)) => *n += 1,
            None => kinds.push((seen, 1)),
        }
    }
    let n = findings.len();
    let table = findings.first().and_then(|f| f.table);
    match lang {
        Lang::Zh => {
            let parts: Vec<String> = kinds
                .iter()
                .map(|(k, c)| match k {
                    None => format!("空白 {c} 个"),
                    Some(s) => format!("“{s}” {c} 个"),
                })
                .collect();
            format!(
                "{}有 {n} 个单元格为空白或占位符（{}），合计时按 0 计；没有发生的请填 0。",
                table.map_or("", |t| t.short),
                parts.join("，")
            )
        }
        Lang::En => {
            let parts: Vec<String> = kinds
                .iter()
                .map(|(k, c)| match k {
                    None => format!("{c} blank"),
                    Some(s) => format!("{c} “{s}”"),
                })
                .collect();
            format!(
                "{}: {n} cells are blank or placeholders ({}); totals count them as 0. Fill in 0 where nothing happened.",
                table.map_or("", |t| t.en),
                parts.join(", ")
            )
        }
    }
}

/// Where findings are, as a person reads it: cells of one sheet together
/// (`工作表“表三”D7、E7`), other places one by one, at most a few and then how many more.
fn describe_locations(locations: &[&Location], lang: Lang) -> String {
    const SHOWN: usize = 8;
    let mut parts: Vec<String> = Vec::new();
    let mut current: Option<(&Location, Vec<String>)> = None;
    let flush = |parts: &mut Vec<String>, current: &mut Option<(&Location, Vec<String>)>| {
        if let Some((first, cells)) = current.take() {
            let sep = match lang {
                Lang::Zh => "、",
                Lang::En => ", ",
            };
            let first = first.describe(lang);
            let rest: Vec<&str> = cells[1..].iter().map(String::as_str).collect();
            if rest.is_empty() {
                parts.push(first);
            } else {
                parts.push(format!("{first}{sep}{}", rest.join(sep)));
            }
        }
    };
    let mut seen: Vec<&Location> = Vec::new();
    for l in locations {
        if seen.contains(l) {
            continue;
        }
        seen.push(l);
    }
    for l in seen.iter().take(SHOWN) {
        match l {
            Location::Cell { sheet, row, col } => {
                let cell = zfxxgk_core::report::a1(*row, *col);
                match &mut current {
                    Some((Location::Cell { sheet: s, .. }, cells)) if s == sheet => {
                        cells.push(cell)
                    }
                    _ => {
                        flush(&mut parts, &mut current);
                        current = Some((l, vec![cell]));
                    }
                }
            }
            other => {
                flush(&mut parts, &mut current);
                parts.push(other.describe(lang));
            }
        }
    }
    flush(&mut parts, &mut current);
    let mut text = parts.join(match lang {
        Lang::Zh => "；",
        Lang::En => "; ",
    });
    if seen.len() > SHOWN {
        text.push_str(&match lang {
            Lang::Zh => format!(" 等 {} 处", seen.len()),
            Lang::En => format!(" and {} more", seen.len() - SHOWN),
        });
    }
    text
}

/// Writes the rows of 校验结果 in order (each sheet in constant-memory mode), going on to a
/// further sheet before a sheet's last row.
struct ListWriter<'a> {
    wb: &'a mut Workbook,
    s: &'a Styles,
    widths: &'a [f64],
    headers: &'a [&'a str],
    /// The summary's title, for the page header.
    title: String,
    lang: Lang,
    /// The index of the sheet being written in the workbook.
    sheet: usize,
    /// The sheets of 校验结果 so far.
    sheets: usize,
    /// The rows a sheet may have.
    sheet_rows: u32,
    row: u32,
    n: usize,
    errors: usize,
    warnings: usize,
    printed_last: u16,
}

impl ListWriter<'_> {
    /// The name of the `k`th sheet of 校验结果 (from 1): `校验结果`, `校验结果 (2)`, ….
    fn sheet_name(k: usize) -> String {
        match k {
            1 => sheets::FINDINGS.to_string(),
            k => format!("{} ({k})", sheets::FINDINGS),
        }
    }

    fn ws(&mut self) -> Result<&mut Worksheet, WriteError> {
        self.wb.worksheet_from_index(self.sheet).w()
    }

    /// A new sheet, with the header row.
    fn start_sheet(&mut self) -> Result<(), WriteError> {
        self.sheets += 1;
        let name = Self::sheet_name(self.sheets);
        let ws = self.wb.add_worksheet_with_constant_memory().w()?;
        ws.set_name(&name).w()?;
        for (c, w) in self.widths.iter().enumerate() {
            ws.set_column_width(col_u16(c), *w).w()?;
        }
        ws.set_row_height(0, list_height(1.0) + 4.0).w()?;
        for (c, h) in self.headers.iter().enumerate() {
            ws.write_string_with_format(0, col_u16(c), *h, &self.s.list_header)
                .w()?;
        }
        self.sheet = self.wb.worksheets().len() - 1;
        self.row = 1;
        Ok(())
    }

    /// Ends the sheet with a closing line (at the default height: see `detail`), its filter
    /// and print setup.
    fn end_sheet(&mut self, closing: &str) -> Result<(), WriteError> {
        let filtered = self.row.saturating_sub(1).max(1);
        let last = self.row;
        let (s, columns, printed_last) = (self.s, self.headers.len(), self.printed_last);
        let header = page_header(&self.title, &Self::sheet_name(self.sheets));
        let ws = self.ws()?;
        ws.write_string_with_format(last, 0, clipped(closing), &s.closing)
            .w()?;
        rows_written(ws);
        ws.autofilter(0, 0, filtered, col_u16(columns - 1)).w()?;
        ws.set_freeze_panes(1, 0).w()?;
        print_setup(ws, true);
        if let Some(h) = header {
            ws.set_header(h);
        }
        ws.set_print_area(0, 0, last, printed_last).w()?;
        ws.set_repeat_rows(0, 0).w()?;
        Ok(())
    }

    /// Room for one more row: past the sheet's last but one row, the list goes on in a further
    /// sheet (the last row says where).
    fn room(&mut self) -> Result<(), WriteError> {
        if self.row + 1 < self.sheet_rows {
            return Ok(());
        }
        let next = Self::sheet_name(self.sheets + 1);
        let closing = match self.lang {
            Lang::Zh => format!("（接下页：工作表“{next}”）"),
            Lang::En => format!("(continued on sheet “{next}”)"),
        };
        self.end_sheet(&closing)?;
        self.start_sheet()
    }

    /// The title of a block, over the printed columns.
    fn block(&mut self, title: &str) -> Result<(), WriteError> {
        self.room()?;
        let (row, printed_last, s) = (self.row, self.printed_last, self.s);
        let ws = self.ws()?;
        ws.set_row_height(row, 22.0).w()?;
        put(
            ws,
            Rect::new(row, 0, row, printed_last),
            &clipped(title),
            &s.block_title,
        )?;
        self.row += 1;
        Ok(())
    }

    /// A finding, coloured by its severity; as tall as its longest printed text.
    fn line(&mut self, agency: &str, file: &str, line: &SummaryLine) -> Result<(), WriteError> {
        self.room()?;
        let lang = self.lang;
        let s = self.s;
        let (text, number): (&Format, &Format) = match line.severity {
            Severity::Error => (&s.error_text, &s.error_number),
            Severity::Warning => (&s.warning_text, &s.warning_number),
        };
        self.n += 1;
        match line.severity {
            Severity::Error => self.errors += 1,
            Severity::Warning => self.warnings += 1,
        }
        let printed = [
            agency,
            file,
            line.severity.label(lang),
            line.code.as_str(),
            line.message.as_str(),
            line.position.as_str(),
        ];
        let lines = printed
            .iter()
            .zip(&self.widths[1..])
            .enumerate()
            .map(|(i, (t, w))| {
                let n = list_lines(t, *w);
                // A position is one long word to a line breaker (`工作表“Sheet”F23、…`): a
                // long one takes a line more than its width says.
                if i == printed.len() - 1 && n >= 3.0 {
                    n + 1.0
                } else {
                    n
                }
            })
            .fold(1.0_f64, f64::max);
        let (r, n) = (self.row, self.n);
        let ws = self.ws()?;
        ws.write_number_with_format(r, 0, n as f64, number).w()?;
        for (i, t) in printed.iter().enumerate() {
            let f = if i == 2 { number } else { text };
            ws.write_string_with_format(r, col_u16(i + 1), clipped(t), f)
                .w()?;
        }
        ws.write_string_with_format(r, 7, clipped(&line.ids), &s.machine_text)
            .w()?;
        row_written(ws, list_height(lines));
        self.row += 1;
        Ok(())
    }
}

/// The 说明 of a summary's 基本信息.
fn summary_notes(total: &Report, agencies: usize, with_files: bool, lang: Lang) -> String {
    let layout = total.layout();
    let tables: Vec<String> = layout
        .tables
        .iter()
        .map(|t| format!("“{}”", total_sheet(t)))
        .collect();
    let mut lines: Vec<String> = Vec::new();
    match lang {
        Lang::Zh => {
            lines.push(format!(
                "本工作簿是 {agencies} 个单位报告的汇总，不是单个机关的填报表。{}是各单位数字的合计，版式同官方表格。",
                tables.join("")
            ));
            lines.push(format!(
                "“{}”每个单位一行、每个单元格一列，最后一行“合计”即汇总数；打印时按表分页，每页重复序号、单位和表头。",
                sheets::DETAIL
            ));
            lines.push(format!(
                "“{}”先列汇总数的检查结果，再列各单位报告的检查结果；错误（浅红）在前，提醒（浅黄）在后；“位置”是问题在该单位原文件中的工作表和单元格。",
                sheets::FINDINGS
            ));
            if with_files {
                lines.push(format!(
                    "“{}”列出收到的每个文件是否计入汇总及原因。",
                    FILES_SHEET
                ));
            }
            lines.push("合计时空白和“/”“—”“无”等占位符按 0 计；某个单元格在所有报告中都空白时，合计也留空；不是数字的文字不计入合计，并在“校验结果”中说明。".to_string());
            lines.push(check_note(layout, Some(sheets::SUMMARY)));
        }
        Lang::En => {
            lines.push(format!(
                "This workbook totals the reports of {agencies} agencies. {} hold the totals in the official layout.",
                tables.join(", ")
            ));
            lines.push(format!(
                "“{}” has one row per agency and one column per cell; its last row is the total. It prints table by table, with the numbers, names and headers on every page.",
                sheets::DETAIL
            ));
            lines.push(format!(
                "“{}” lists the findings of the total, then of each agency's report, errors (light red) before warnings (light yellow); “Where” is the sheet and cell in the agency's own file.",
                sheets::FINDINGS
            ));
            if with_files {
                lines.push(format!(
                    "“{}” lists every file given, whether it is in the total and why.",
                    FILES_SHEET
                ));
            }
            lines.push("Blank cells and placeholders (/, —, 无) count as 0; a cell blank in every report stays blank in the total; text that is not a number is left out and said in the findings.".to_string());
        }
    }
    lines
        .iter()
        .enumerate()
        .map(|(i, l)| format!("{}. {l}", i + 1))
        .collect::<Vec<_>>()
        .join("\n")
}

#[cfg(test)]
mod tests {
    use zfxxgk_core::{CheckOptions, Edition, check};

    use super::*;
    use crate::write::SummaryMember;

    /// A report whose table 四 does not add up (one error) in `n` places of table 三 left
    /// blank (a warning row).
    fn member(i: usize) -> Report {
        let mut r = Report::new(Edition::V2021);
        r.agency = format!("第{i}局");
        r.year = Some(2024);
        for cell in r.layout().cells() {
            r.set(cell, CellValue::int(0));
        }
        r.set_by_id("appeals.review.upheld", CellValue::int(1));
        r
    }

    fn book(reports: &[Report], findings: &[Vec<Finding>], rows: u32) -> String {
        crate::dump::dump_xlsx(&book_bytes(reports, findings, &[], rows)).unwrap()
    }

    /// The summary workbook of `reports` (each from `a.xlsx`) with `files` listed.
    fn book_bytes(
        reports: &[Report],
        findings: &[Vec<Finding>],
        files: &[crate::write::SummaryFile],
        rows: u32,
    ) -> Vec<u8> {
        let members: Vec<SummaryMember> = reports
            .iter()
            .zip(findings)
            .map(|(report, findings)| SummaryMember {
                report,
                file: "a.xlsx",
                findings,
            })
            .collect();
        let mut source = crate::write::InMemory {
            members: &members,
            lang: Lang::Zh,
        };
        let total = Report::new(Edition::V2021);
        let mut out = std::io::Cursor::new(Vec::new());
        Book::summary_in_sheets_of(
            &total,
            &[],
            (&mut source, &mut &files[..]),
            None,
            Lang::Zh,
            &mut out,
            rows,
        )
        .unwrap();
        out.into_inner()
    }

    /// The `row heights:` line of a sheet in a dump.
    fn heights<'a>(dump: &'a str, sheet: &str) -> &'a str {
        let at = dump.find(&format!("== sheet {sheet} ==")).unwrap();
        let rest = &dump[at..];
        let line = rest[rest.find("row heights: ").unwrap()..].lines().next();
        line.unwrap()
    }

    #[test]
    fn list_rows_have_their_heights() {
        // Names of one, two and four lines in 明细 (whose name column is at its widest, 26)
        // and in 文件清单 (24); a short one again after the tall ones.
        let names = [
            "甲局".to_string(),
            "某".repeat(14),
            "某".repeat(40),
            "乙局".to_string(),
        ];
        let reports: Vec<Report> = (0..names.len())
            .map(|i| {
                let mut r = member(i);
                r.agency = names[i].clone();
                r
            })
            .collect();
        let findings: Vec<Vec<Finding>> = reports
            .iter()
            .map(|r| check(r, &CheckOptions::default()))
            .collect();
        let files: Vec<crate::write::SummaryFile> = names
            .iter()
            .map(|n| crate::write::SummaryFile {
                file: "a.xlsx".to_string(),
                agency: n.clone(),
                year: Some(2024),
                included: true,
                status: "已计入".to_string(),
                reason: String::new(),
            })
            .collect();
        let bytes = book_bytes(&reports, &findings, &files, SHEET_ROWS);
        let dump = crate::dump::dump_xlsx(&bytes).unwrap();
        // A height as the workbook writes it: whole pixels, in points.
        let ht = |points: f64| ((points * 4.0 / 3.0).round() * 0.75).to_string();
        let list = |width: f64| -> Vec<String> {
            names
                .iter()
                .map(|n| ht(list_height(list_lines(n, width))))
                .collect()
        };
        let tall = list(26.0);
        assert_eq!(tall, ["18.75", "32.25", "59.25", "18.75"]);
        // 明细: the three header rows, then the members; the 合计 row (8) at the default height.
        let detail = heights(&dump, sheets::DETAIL);
        let members: Vec<String> = (0..names.len())
            .map(|i| format!("{}={}", i + 5, tall[i]))
            .collect();
        assert!(
            detail.ends_with(&format!(" {}", members.join(" "))),
            "{detail}"
        );
        let files_sheet = heights(&dump, FILES_SHEET);
        let listed: Vec<String> = list(24.0)
            .iter()
            .enumerate()
            .map(|(i, h)| format!("{}={h}", i + 2))
            .collect();
        assert_eq!(
            files_sheet,
            format!("row heights: 1=22.5 {}", listed.join(" "))
        );
        // 校验结果: every finding's row has a height, the closing row the default.
        let found = heights(&dump, sheets::FINDINGS);
        let rows: Vec<&str> = found["row heights: ".len()..]
            .split(' ')
            .map(|h| &h[..h.find('=').unwrap()])
            .collect();
        let sheet = &dump[dump
            .find(&format!("== sheet {} ==", sheets::FINDINGS))
            .unwrap()..];
        let closing = sheet.lines().find(|l| l.contains("以上共")).unwrap();
        let closing: u32 = closing.trim_start()[1..]
            .split(' ')
            .next()
            .unwrap()
            .parse()
            .unwrap();
        let expected: Vec<String> = (1..closing).map(|r| r.to_string()).collect();
        assert!(closing > 5, "{sheet}");
        assert_eq!(rows, expected, "{sheet}");
        // No sheet's own default height changed.
        let parts = zfxxgk_ooxml::read_parts(&bytes, 1 << 30).unwrap();
        for (name, xml) in parts.iter().filter(|(n, _)| n.contains("worksheets/sheet")) {
            let format = &xml[xml.find("<sheetFormatPr").unwrap()..];
            let format = &format[..format.find('>').unwrap()];
            assert!(!format.contains("customHeight"), "{name}: {format}");
        }
    }

    #[test]
    fn findings_go_on_in_further_sheets_before_a_sheets_last_row() {
        let reports: Vec<Report> = (0..7).map(member).collect();
        let findings: Vec<Vec<Finding>> = reports
            .iter()
            .map(|r| check(r, &CheckOptions::default()))
            .collect();
        let each = findings[0].len();
        assert!(each > 0);
        let whole = book(&reports, &findings, SHEET_ROWS);
        assert!(whole.contains("== sheet 校验结果 =="), "{whole}");
        assert!(!whole.contains("校验结果 (2)"), "{whole}");
        // Sheets of 8 rows: the header, six rows, and a last row saying where the list goes on.
        let split = book(&reports, &findings, 8);
        let lines = 2 + 7 * each; // two block titles, then every finding
        let sheets = lines.div_ceil(6);
        for k in 2..=sheets {
            assert!(
                split.contains(&format!("== sheet 校验结果 ({k}) ==")),
                "{split}"
            );
        }
        assert!(!split.contains(&format!("校验结果 ({})", sheets + 1)));
        assert!(
            split.contains("（接下页：工作表“校验结果 (2)”）"),
            "{split}"
        );
        let n = 7 * each;
        assert!(split.contains(&format!("以上共 {n} 条：错误")), "{split}");
        // Every row of the first sheet within the limit: A8 is the last.
        let first = &split[split.find("== sheet 校验结果 ==").unwrap()..];
        let first = &first[..first.find("== sheet 校验结果 (2)").unwrap()];
        assert!(first.contains("  A8 "), "{first}");
        assert!(!first.contains("  A9 "), "{first}");
    }

    #[test]
    fn agencies_are_counted_by_key_and_exactly_where_hashes_meet() {
        let reports: Vec<Report> = ["甲局", "乙局", "甲　局", "", "丙局", " "]
            .iter()
            .enumerate()
            .map(|(i, name)| {
                let mut r = member(i);
                r.agency = name.to_string();
                r
            })
            .collect();
        let members: Vec<SummaryMember> = reports
            .iter()
            .map(|report| SummaryMember {
                report,
                file: "a.xlsx",
                findings: &[],
            })
            .collect();
        let mut source = crate::write::InMemory {
            members: &members,
            lang: Lang::Zh,
        };
        // 甲局 twice, 乙局, 丙局, and two reports without a name (each an agency of its own).
        let stats = Stats::gather(&mut source, Lang::Zh).unwrap();
        assert_eq!((stats.count, stats.agencies), (6, 5));
        // Keys that share a hash are compared: 甲局, 乙局 and 甲局 again under one hash are two.
        let hashed = vec![(7, 0), (7, 1), (7, 2), (9, 4)];
        assert_eq!(distinct_agencies(&mut source, hashed).unwrap(), 3);
        assert_eq!(distinct_agencies(&mut source, Vec::new()).unwrap(), 0);
    }

    #[test]
    fn texts_longer_than_a_cell_are_cut() {
        let long = "长".repeat(40_000);
        let cut = clipped(&long);
        assert_eq!(cut.chars().count(), 32_767);
        assert!(cut.ends_with('…'));
        assert_eq!(clipped("短"), "短");
        let exact = "字".repeat(32_767);
        assert_eq!(clipped(&exact), exact.as_str());
    }
}
