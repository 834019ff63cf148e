//! Every example and fixture workbook imports with exactly the values of its expected CSV, and
//! the checker then finds exactly what is expected.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use zfxxgk_core::{CellValue, CheckOptions, Location, NoteReason, Report, check};
use zfxxgk_excel::read::{ReadOptions, read_path};

fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/fixtures")
}

/// One expected row: agency, year, cell id, value, seen.
#[derive(Debug, Clone)]
struct Expected {
    agency: String,
    year: i32,
    value: String,
    seen: String,
}

/// Parses an expected CSV (`file,agency,year,cell,value,seen`) into file → cell → expected.
fn expected_csv(path: &Path) -> BTreeMap<String, BTreeMap<String, Expected>> {
    let text = std::fs::read_to_string(path).unwrap();
    let mut out: BTreeMap<String, BTreeMap<String, Expected>> = BTreeMap::new();
    for line in text.lines().skip(1) {
        let line = line.trim_end_matches('\r');
        if line.is_empty() {
            continue;
        }
        let f: Vec<&str> = line.split(',').collect();
        assert_eq!(f.len(), 6, "bad line in {}: {line}", path.display());
        out.entry(f[0].to_string()).or_default().insert(
            f[3].to_string(),
            Expected {
                agency: f[1].to_string(),
                year: f[2].parse().unwrap(),
                value: f[4].to_string(),
                seen: f[5].to_string(),
            },
        );
    }
    out
}

/// Compares every one of the report's cells with the expected values; returns the placeholder
/// cells.
fn assert_values(
    name: &str,
    report: &Report,
    expected: &BTreeMap<String, Expected>,
) -> BTreeSet<String> {
    assert_eq!(report.cells().count(), expected.len(), "{name}: cell count");
    let mut placeholders = BTreeSet::new();
    let mut wrong = Vec::new();
    for (cell, value) in report.cells() {
        let Some(want) = expected.get(cell.id) else {
            wrong.push(format!("{}: not in expected", cell.id));
            continue;
        };
        let (got_value, got_seen) = match value {
            CellValue::Number(d) => (d.normalize().to_string(), String::new()),
            CellValue::Blank => (String::new(), String::new()),
            CellValue::Placeholder(s) => {
                placeholders.insert(cell.id.to_string());
                (String::new(), s.clone())
            }
            CellValue::Text(s) => (String::new(), s.clone()),
        };
        if got_value != want.value || got_seen != want.seen {
            wrong.push(format!(
                "{}: got ({got_value:?}, {got_seen:?}), want ({:?}, {:?})",
                cell.id, want.value, want.seen
            ));
        }
        assert!(
            report.origin(cell).is_some(),
            "{name}: {} has no origin",
            cell.id
        );
    }
    assert!(wrong.is_empty(), "{name}:\n{}", wrong.join("\n"));
    placeholders
}

/// Reads one example: values, metadata (from the file or, where the file has none, from the
/// options) and findings (none beyond VALUE-MISSING on placeholder cells).
fn check_example(name: &str, meta_in_file: bool) {
    let all = expected_csv(&fixtures().join("examples/expected.csv"));
    let expected = &all[name];
    let first = expected.values().next().unwrap();
    let path = fixtures().join("examples").join(name);
    let start = std::time::Instant::now();
    let plain = read_path(&path, &ReadOptions::default()).unwrap();
    let elapsed = start.elapsed();
    assert!(elapsed.as_secs() < 5, "{name}: {elapsed:?}");
    let report = if meta_in_file {
        assert_eq!(plain.agency, first.agency, "{name}: agency");
        assert_eq!(plain.year, Some(first.year), "{name}: year");
        plain
    } else {
        assert_eq!(plain.agency, "", "{name}: agency");
        assert_eq!(plain.year, None, "{name}: year");
        let opts = ReadOptions {
            agency: Some(first.agency.clone()),
            year: Some(first.year),
            ..ReadOptions::default()
        };
        let with = read_path(&path, &opts).unwrap();
        assert_eq!(with.agency, first.agency);
        assert_eq!(with.year, Some(first.year));
        with
    };
    assert!(report.issues.is_empty(), "{name}: {:#?}", report.issues);
    let placeholders = assert_values(name, &report, expected);
    let findings = check(&report, &CheckOptions::with_max_year(2026));
    for f in &findings {
        assert_eq!(f.code.as_str(), "VALUE-MISSING", "{name}: {f:?}");
        assert!(
            f.cells.iter().all(|c| placeholders.contains(c.id)),
            "{name}: {f:?}"
        );
    }
    let flagged: BTreeSet<String> = findings
        .iter()
        .flat_map(|f| f.cells.iter().map(|c| c.id.to_string()))
        .collect();
    assert_eq!(
        flagged, placeholders,
        "{name}: every placeholder is flagged"
    );
}

#[test]
fn stacked_one_sheet() {
    check_example("stacked-one-sheet.xlsx", true);
}

#[test]
fn per_table_sheets() {
    check_example("per-table-sheets.xlsx", false);
}

#[test]
fn text_numbers_fullwidth() {
    check_example("text-numbers-fullwidth.xlsx", true);
}

#[test]
fn placeholders_slash() {
    check_example("placeholders-slash.xlsx", false);
}

#[test]
fn formulas_libreoffice() {
    check_example("formulas-libreoffice.xlsx", false);
}

#[test]
fn legacy_xls() {
    check_example("legacy.xls", true);
}

#[test]
fn libreoffice_ods() {
    check_example("libreoffice.ods", false);
}

fn origin(report: &Report, id: &str) -> String {
    let cell = report.layout().cell(id).unwrap();
    match report.origin(cell).unwrap() {
        l @ Location::Cell { .. } => l.to_string(),
        other => panic!("{other:?}"),
    }
}

#[test]
fn origins_point_at_the_sheet_and_cell() {
    let r = read_path(
        &fixtures().join("examples/per-table-sheets.xlsx"),
        &ReadOptions::default(),
    )
    .unwrap();
    let cases = [
        ("disclosure.regulations.issued", "表二 主动公开!C5"),
        ("disclosure.fees.amount", "表二 主动公开!C16"),
        ("applications.new.natural_person", "表三 依申请公开!E6"),
        ("applications.other_other.total", "表三 依申请公开!K28"),
        ("applications.carried_forward.total", "表三 依申请公开!K30"),
        ("appeals.review.upheld", "表四 复议诉讼!B6"),
        ("appeals.litigation_direct.pending", "表四 复议诉讼!J6"),
        ("appeals.litigation_after_review.total", "表四 复议诉讼!P6"),
    ];
    for (id, want) in cases {
        assert_eq!(origin(&r, id), want, "{id}");
    }
    let r = read_path(
        &fixtures().join("examples/stacked-one-sheet.xlsx"),
        &ReadOptions::default(),
    )
    .unwrap();
    let cases = [
        ("disclosure.coercion.decisions", "Sheet1!B14"),
        (
            "applications.denied_state_secret.natural_person",
            "Sheet1!D27",
        ),
        ("applications.results_total.total", "Sheet1!J46"),
        ("appeals.review.total", "Sheet1!E53"),
        ("appeals.litigation_after_review.upheld", "Sheet1!K53"),
    ];
    for (id, want) in cases {
        assert_eq!(origin(&r, id), want, "{id}");
    }
}

#[test]
fn normalisations_are_noted() {
    let r = read_path(
        &fixtures().join("examples/text-numbers-fullwidth.xlsx"),
        &ReadOptions::default(),
    )
    .unwrap();
    let note = |id: &str, reason: NoteReason| {
        r.notes
            .iter()
            .find(|n| n.cell == Some(id) && n.reason == reason)
            .map(|n| {
                (
                    n.seen.clone(),
                    n.read.clone(),
                    n.location.as_ref().map(ToString::to_string),
                )
            })
    };
    assert_eq!(
        note("disclosure.regulations.issued", NoteReason::FullWidth),
        Some(("５".into(), "5".into(), Some("Sheet1!B6".into())))
    );
    assert_eq!(
        note("disclosure.licensing.decisions", NoteReason::NumberAsText),
        Some(("85".into(), "85".into(), Some("Sheet1!B10".into())))
    );
    assert_eq!(
        note("disclosure.licensing.decisions", NoteReason::FullWidth),
        None
    );
    assert_eq!(
        note("disclosure.coercion.decisions", NoteReason::NumberAsText),
        None
    );

    let r = read_path(
        &fixtures().join("examples/formulas-libreoffice.xlsx"),
        &ReadOptions::default(),
    )
    .unwrap();
    let formulas: Vec<_> = r
        .notes
        .iter()
        .filter(|n| n.reason == NoteReason::FormulaResult)
        .collect();
    assert!(!formulas.is_empty());
    let total = formulas
        .iter()
        .find(|n| n.cell == Some("applications.new.total"))
        .unwrap();
    assert!(total.seen.starts_with("=SUM("), "{total:?}");
    assert_eq!(total.read, "127");
}
