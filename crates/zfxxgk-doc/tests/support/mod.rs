//! What the reader tests share: the expected values of a fixture, and how a report read from it
//! differs from them.

#![allow(dead_code)]

use std::path::{Path, PathBuf};

use zfxxgk_core::{CellValue, Report};

/// One expected value: agency, year, cell id, value (empty for a blank cell, the printed text
/// for a placeholder).
pub type Row = (String, i32, String, String);

/// The published fixtures (`tests/fixtures/published`).
pub fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/fixtures/published")
}

/// The rows of an expected CSV: `agency,year,cell,value`.
pub fn expected(path: &Path) -> Vec<Row> {
    let text = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    text.lines()
        .skip(1)
        .filter(|l| !l.trim().is_empty())
        .map(|line| {
            let f: Vec<&str> = line.trim_end_matches('\r').split(',').collect();
            assert_eq!(f.len(), 4, "{}: {line}", path.display());
            (
                f[0].to_string(),
                f[1].parse().unwrap_or_else(|_| panic!("{line}")),
                f[2].to_string(),
                f[3].to_string(),
            )
        })
        .collect()
}

/// A value as the expected CSVs write it.
pub fn shown(v: &CellValue) -> String {
    match v {
        CellValue::Number(d) => d.normalize().to_string(),
        CellValue::Blank => String::new(),
        CellValue::Placeholder(s) | CellValue::Text(s) => s.clone(),
    }
}

/// Every difference between a report and its expected rows: agency, year, the edition's number
/// of cells, and each value.
pub fn differences(name: &str, report: &Report, rows: &[Row]) -> Vec<String> {
    let mut problems = Vec::new();
    let Some((agency, year, _, _)) = rows.first() else {
        return vec![format!("{name}: no expected rows")];
    };
    if &report.agency != agency {
        problems.push(format!(
            "{name}: agency {:?}, expected {agency:?}",
            report.agency
        ));
    }
    if report.year != Some(*year) {
        problems.push(format!("{name}: year {:?}, expected {year}", report.year));
    }
    let layout = report.layout();
    if layout.cells().len() != rows.len() {
        problems.push(format!(
            "{name}: {} cells in the report's edition, {} expected",
            layout.cells().len(),
            rows.len()
        ));
    }
    for (_, _, id, want) in rows {
        match report.get(id) {
            None => problems.push(format!(
                "{name}: {id} is not a cell of the report's edition"
            )),
            Some(v) if shown(v) != *want => {
                problems.push(format!("{name}: {id} = {:?}, expected {want:?}", shown(v)));
            }
            Some(_) => {}
        }
    }
    problems
}
