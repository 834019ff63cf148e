//! The long CSV: a header row and one row per numeric cell.
//!
//! Required columns: `agency, year, cell, value`. Optional: `edition` (else inferred from the ids),
//! `seen` (the placeholder or text when `value` is empty), and anything else, which is ignored
//! (we write `table, row, column, row_label, column_label` for people reading the file). A file may
//! hold many reports: rows are grouped by (`file` if present, agency, year) in order of first
//! appearance. `value` is the number as it is, empty for a blank cell; a placeholder (`/`, `无` …)
//! may stand in `value` or in `seen`. A cell left out is blank. A file holds at most
//! [`MAX_REPORTS_PER_FILE`](super::MAX_REPORTS_PER_FILE) reports.
//!
//! Every text field we write (agency, file, placeholder or text seen, labels) that a spreadsheet
//! would take for a formula — starting with `=`, `+`, `-`, `@`, a tab or a carriage return —
//! is written with a leading `'` ([`safe_field`]), which Excel and WPS show as text and never
//! run; numbers in `value` (negative ones too) are written as they are. Reading strips exactly
//! that `'` again ([`unescape_field`]), so what we write reads back as it was.

use std::collections::HashMap;

use zfxxgk_core::{CellValue, Edition, Report};

use super::value_and_seen;
use crate::error::{At, InputError};

/// The columns we write, in order.
pub const COLUMNS: &[&str] = &[
    "agency",
    "year",
    "edition",
    "cell",
    "value",
    "seen",
    "table",
    "row",
    "column",
    "row_label",
    "column_label",
];

/// The UTF-8 byte order mark every CSV we write starts with.
pub const BOM: &str = "\u{feff}";

/// What a spreadsheet reads as the start of a formula (or of a DDE command) in a CSV field.
const FORMULA_STARTS: &[char] = &['=', '+', '-', '@', '\t', '\r'];

/// A text field made safe to open in a spreadsheet: one that would start a formula
/// (`=HYPERLINK(…)`, `+cmd|…`, `@SUM(…)`, `-2+3`, a leading tab or carriage return) gets a leading
/// `'`, which spreadsheets show as text; so does one that already starts with `'`s before such a
/// character, so that [`unescape_field`] gives back exactly what was written. Every other text is
/// unchanged. Not for numbers: `-3` in a numeric column stays `-3`.
pub fn safe_field(s: &str) -> std::borrow::Cow<'_, str> {
    if s.trim_start_matches('\'').starts_with(FORMULA_STARTS) {
        format!("'{s}").into()
    } else {
        s.into()
    }
}

/// The field as it was before [`safe_field`]: one leading `'` removed where `safe_field` adds
/// one, anything else unchanged.
pub fn unescape_field(s: &str) -> &str {
    match s.strip_prefix('\'') {
        Some(rest) if rest.trim_start_matches('\'').starts_with(FORMULA_STARTS) => rest,
        _ => s,
    }
}

/// Writes reports as one long CSV (UTF-8, with a byte order mark for Excel).
pub fn to_string(reports: &[Report]) -> String {
    write(reports.iter().map(|r| (None, r)), false)
}

/// Writes reports as one long CSV with a leading `file` column naming where each came from (the
/// tidy form of a summary: every member, then the total), streamed to `out`. Rows are grouped by
/// file on reading.
pub fn write_with_files<'a>(
    out: &mut dyn std::io::Write,
    reports: impl Iterator<Item = (&'a str, &'a Report)>,
) -> std::io::Result<()> {
    write_to(out, reports.map(|(f, r)| (Some(f), r)), true)
}

fn write<'a>(
    reports: impl Iterator<Item = (Option<&'a str>, &'a Report)>,
    with_file: bool,
) -> String {
    let mut out = Vec::new();
    // Writing into memory cannot fail.
    let _ = write_to(&mut out, reports, with_file);
    String::from_utf8(out).unwrap_or_default()
}

fn write_to<'a>(
    out: &mut dyn std::io::Write,
    reports: impl Iterator<Item = (Option<&'a str>, &'a Report)>,
    with_file: bool,
) -> std::io::Result<()> {
    // A byte order mark first: without it Excel on Chinese Windows reads UTF-8 as GBK and every
    // Chinese character comes out garbled. Reading accepts the file with or without it.
    out.write_all(BOM.as_bytes())?;
    let mut w = csv::WriterBuilder::new().from_writer(out);
    let header: Vec<&str> = with_file
        .then_some("file")
        .into_iter()
        .chain(COLUMNS.iter().copied())
        .collect();
    w.write_record(&header)?;
    let join = |path: &[&str], label: &str| {
        path.iter()
            .copied()
            .chain([label])
            .collect::<Vec<_>>()
            .join("/")
    };
    for (file, report) in reports {
        let year = report.year.map(|y| y.to_string()).unwrap_or_default();
        let agency = safe_field(&report.agency);
        let file = file.map(safe_field);
        for (cell, value) in report.cells() {
            let (v, seen) = value_and_seen(value);
            let column_label = join(cell.column.path, cell.column.label);
            let row_label = join(cell.row.path, cell.row.label);
            // `v` is a number (or empty): never prefixed. Ids and labels are ours, made safe
            // all the same.
            let fields = [
                &*agency,
                &year,
                report.edition.as_str(),
                &safe_field(cell.id),
                &v,
                &safe_field(&seen),
                &safe_field(cell.table.id),
                &safe_field(cell.row.id),
                &safe_field(cell.column.id),
                &safe_field(&row_label),
                &safe_field(&column_label),
            ];
            match (with_file, &file) {
                (true, f) => {
                    w.write_record(std::iter::once(f.as_deref().unwrap_or("")).chain(fields))?
                }
                (false, _) => w.write_record(fields)?,
            };
        }
    }
    w.flush()
}

/// What the long CSV has no room for in these reports — the narrative sections and the contact
/// fields that hold something — as a note in Chinese and English; `None` when nothing is left
/// out. The CSV holds the agency, the year, the edition and the cells.
pub fn left_out(reports: &[Report]) -> Option<(String, String)> {
    use zfxxgk_core::layout::META_FIELDS;
    let mut zh: Vec<String> = Vec::new();
    let mut en: Vec<String> = Vec::new();
    let mut push = |z: String, e: String| {
        if !zh.contains(&z) {
            zh.push(z);
            en.push(e);
        }
    };
    for report in reports {
        for (section, text) in report.sections() {
            if !text.trim().is_empty() {
                push(
                    format!("“{}、{}”", section.no, section.heading),
                    format!("section {} ({})", section.no, section.en),
                );
            }
        }
        let contact = [
            ("filler", &report.contact.filler),
            ("phone", &report.contact.phone),
            ("date", &report.contact.date),
        ];
        for (id, value) in contact {
            let field = META_FIELDS.iter().find(|m| m.id == id);
            if let (Some(field), Some(v)) = (field, value)
                && !v.trim().is_empty()
            {
                push(field.label.to_string(), field.en.to_ascii_lowercase());
            }
        }
    }
    (!zh.is_empty()).then(|| {
        (
            format!(
                "CSV 只保存表格数值，{}未写入；需要保留时请导出为 .json 或 .xlsx。",
                zh.join("、")
            ),
            format!(
                "a CSV holds only the table values; {} not written (export to .json or .xlsx to keep them).",
                en.join(", ")
            ),
        )
    })
}

struct Group {
    agency: String,
    year: i32,
    edition: Option<(String, u64)>,
    rows: Vec<(u64, String, String, String)>, // line, cell id, value, seen
}

/// Reads a long CSV into its reports.
pub fn parse(text: &str) -> Result<Vec<Report>, InputError> {
    parse_with(text, &super::Fill::default())
}

/// Reads a long CSV; `fill` supplies the agency and year rows leave empty.
pub fn parse_with(text: &str, fill: &super::Fill) -> Result<Vec<Report>, InputError> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut rdr = csv::ReaderBuilder::new()
        .flexible(false)
        .from_reader(text.as_bytes());
    let csv_error = |e: csv::Error| {
        let line = e.position().map(|p| p.line()).unwrap_or(1);
        let detail = match e.kind() {
            csv::ErrorKind::UnequalLengths {
                expected_len, len, ..
            } => {
                format!("这一行有 {len} 列，表头有 {expected_len} 列")
            }
            _ => e.to_string(),
        };
        InputError::Csv { line, detail }
    };
    let headers = rdr.headers().map_err(csv_error)?.clone();
    let col = |name: &str| {
        headers
            .iter()
            .position(|h| h.trim().eq_ignore_ascii_case(name))
    };
    let need = |name: &'static str| col(name).ok_or(InputError::MissingColumn { column: name });
    let (c_agency, c_year, c_cell, c_value) = (
        need("agency")?,
        need("year")?,
        need("cell")?,
        need("value")?,
    );
    let (c_seen, c_edition, c_file) = (col("seen"), col("edition"), col("file"));

    let mut order: Vec<(String, String, i32)> = Vec::new();
    let mut groups: HashMap<(String, String, i32), Group> = HashMap::new();
    for record in rdr.records() {
        let record = record.map_err(csv_error)?;
        let line = record.position().map(|p| p.line()).unwrap_or(0);
        let raw = |i: usize| unescape_field(record.get(i).unwrap_or(""));
        let field = |i: usize| raw(i).trim().to_string();
        if record.iter().all(|f| f.trim().is_empty()) {
            continue;
        }
        let mut agency = field(c_agency);
        if agency.is_empty() {
            agency = fill
                .agency
                .clone()
                .ok_or(InputError::MissingAgency { at: At::Line(line) })?;
        }
        let year_text = field(c_year);
        let year = match (year_text.is_empty(), fill.year) {
            (true, Some(y)) => y,
            _ => year_text
                .trim_end_matches('年')
                .parse::<i32>()
                .map_err(|_| InputError::BadYear {
                    at: At::Line(line),
                    seen: (!year_text.is_empty()).then(|| year_text.clone()),
                })?,
        };
        let file = c_file.map(field).unwrap_or_default();
        let key = (file, agency.clone(), year);
        // Refused before any report is built: a file of many one-row reports must not make
        // them all first.
        if order.len() == super::MAX_REPORTS_PER_FILE && !groups.contains_key(&key) {
            return Err(InputError::TooManyReports {
                at: At::Line(line),
                limit: super::MAX_REPORTS_PER_FILE,
            });
        }
        let group = groups.entry(key.clone()).or_insert_with(|| {
            order.push(key.clone());
            Group {
                agency,
                year,
                edition: None,
                rows: Vec::new(),
            }
        });
        if let Some(c) = c_edition {
            let e = field(c);
            if !e.is_empty() && group.edition.is_none() {
                group.edition = Some((e, line));
            }
        }
        let seen = c_seen.map(|c| raw(c).to_string()).unwrap_or_default();
        group
            .rows
            .push((line, field(c_cell), raw(c_value).to_string(), seen));
    }
    if order.is_empty() {
        return Err(InputError::NoReport);
    }
    order.iter().map(|k| build(&groups[k])).collect()
}

fn build(group: &Group) -> Result<Report, InputError> {
    let edition = match &group.edition {
        Some((e, line)) => Edition::parse(e).ok_or(InputError::BadEdition {
            at: At::Line(*line),
            seen: e.clone(),
        })?,
        None => super::infer_edition(group.rows.iter().map(|r| r.1.as_str())),
    };
    let mut report = Report::new(edition);
    report.agency = group.agency.clone();
    report.year = Some(group.year);
    let layout = report.layout();
    let mut first_line: HashMap<&str, u64> = HashMap::new();
    for (line, id, value, seen) in &group.rows {
        let at = At::Line(*line);
        let cell = layout.cell(id).ok_or_else(|| InputError::UnknownCell {
            at: at.clone(),
            id: id.clone(),
        })?;
        if let Some(first) = first_line.insert(cell.id, *line) {
            return Err(InputError::DuplicateCell {
                at,
                id: id.clone(),
                first: At::Line(first),
            });
        }
        let location = zfxxgk_core::Location::Line(*line);
        let read = super::read_value(value, cell, Some(&location), &mut report.notes);
        let read = read.map_err(|limit| InputError::OutOfRange {
            at: at.clone(),
            id: id.clone(),
            seen: super::shown(value.trim()),
            limit,
        })?;
        let v = match read {
            CellValue::Blank => match CellValue::parse_plain(seen) {
                CellValue::Blank => CellValue::Blank,
                CellValue::Placeholder(p) => CellValue::Placeholder(p),
                // Text kept as it was seen: `seen` is where our export puts unreadable text.
                _ => CellValue::Text(seen.clone()),
            },
            CellValue::Text(t) => {
                return Err(InputError::NotANumber {
                    at,
                    id: id.clone(),
                    seen: t,
                });
            }
            other => other,
        };
        report.set(cell, v);
        report.set_origin(cell, zfxxgk_core::Location::Line(*line));
    }
    Ok(report)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn strip_origins(mut reports: Vec<Report>) -> Vec<Report> {
        for r in &mut reports {
            let mut clean = Report::new(r.edition);
            clean.agency = r.agency.clone();
            clean.year = r.year;
            for (cell, v) in r.cells() {
                clean.set(cell, v.clone());
            }
            *r = clean;
        }
        reports
    }

    #[test]
    fn values_round_trip() {
        let mut r = zfxxgk_doc::sample::yima_transport_2024();
        for (id, _) in [("overview", ""), ("problems", ""), ("other", "")] {
            r.set_section(id, "");
        }
        r.set_by_id(
            "applications.new.research",
            CellValue::Text("见附件".into()),
        );
        r.set_by_id(
            "applications.new.commercial",
            CellValue::Placeholder("/".into()),
        );
        r.set_by_id("applications.new.legal_service", CellValue::Blank);
        r.set_by_id("disclosure.fees.amount", CellValue::parse_plain("0.35"));
        let back = strip_origins(parse(&to_string(std::slice::from_ref(&r))).unwrap());
        assert_eq!(back, vec![r]);
    }

    #[test]
    fn written_with_a_bom_and_read_with_or_without_it_or_as_gbk() {
        let r = zfxxgk_doc::sample::yima_transport_2024();
        let text = to_string(std::slice::from_ref(&r));
        assert!(text.starts_with("\u{feff}agency,year,"), "{}", &text[..20]);
        let with = strip_origins(parse(&text).unwrap());
        let without = strip_origins(parse(text.trim_start_matches('\u{feff}')).unwrap());
        assert_eq!(with, without);
        assert_eq!(with[0].agency, "义马市交通运输局");
        // What Excel on Chinese Windows saves as “CSV (逗号分隔)”: GBK, no mark.
        let plain = "agency,year,cell,value\n某某县交通运输局,2024,applications.new.total,3\n";
        let (gbk, _, lossy) = encoding_rs::GBK.encode(plain);
        assert!(!lossy);
        assert!(std::str::from_utf8(&gbk).is_err());
        let reports =
            crate::input::load_bytes(&gbk, &crate::input::LoadOptions::default()).unwrap();
        assert_eq!(reports[0].agency, "某某县交通运输局");
        assert_eq!(
            reports[0].get("applications.new.total"),
            Some(&CellValue::int(3))
        );
        // And what “CSV UTF-8” saves: a mark, then UTF-8.
        let marked = format!("\u{feff}{plain}");
        let reports =
            crate::input::load_bytes(marked.as_bytes(), &crate::input::LoadOptions::default())
                .unwrap();
        assert_eq!(reports[0].agency, "某某县交通运输局");
    }

    #[test]
    fn minimal_columns_are_enough() {
        let text = "agency,year,cell,value\n某局,2023,applications.new.total,3\n某局,2023,appeals.review.total,\n";
        let reports = parse(text).unwrap();
        assert_eq!(reports.len(), 1);
        assert_eq!(
            reports[0].get("applications.new.total"),
            Some(&CellValue::int(3))
        );
        assert_eq!(
            reports[0].get("appeals.review.total"),
            Some(&CellValue::Blank)
        );
        assert_eq!(
            reports[0].origin(reports[0].layout().cell("applications.new.total").unwrap()),
            Some(&zfxxgk_core::Location::Line(2))
        );
    }
}
