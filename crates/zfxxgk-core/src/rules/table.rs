//! The rules inside the tables: one cell at a time (`VALUE-*`), the equations (`T3-*`, `T4-*`)
//! and the stock comparison of table 二 (`T2-IN-FORCE`).

use std::collections::HashSet;

use crate::layout::{Cell, ValueKind};
use crate::report::Report;
use crate::value::CellValue;

use super::catalog::{Code, Severity};
use super::equations::{equations, stock_rows};
use super::{Detail, Finding, Term, sum};

pub(super) fn check_values(report: &Report, out: &mut Vec<Finding>) {
    // A cell the importer already reported as unreadable (a missing table or row, a formula
    // without a result) is blank for that reason; VALUE-MISSING would only say it again.
    let said: HashSet<&str> = report
        .issues
        .iter()
        .filter(|i| i.severity == Severity::Error)
        .flat_map(|i| i.cells.iter().copied())
        .collect();
    for (cell, value) in report.cells() {
        if value.is_missing() && (said.contains(cell.id) || !cell.block().applies_to(report.year)) {
            continue;
        }
        let code = match value {
            // Beyond the bounds (no reader makes one; a report built in code may): not a
            // number the tool can total exactly, said as for text.
            CellValue::Number(d) if crate::value::check_bounds(*d).is_err() => {
                Some(Code::ValueText)
            }
            CellValue::Number(d)
                if d.is_sign_negative()
                    && !d.is_zero()
                    && cell.kind() != ValueKind::SignedCount =>
            {
                Some(Code::ValueNegative)
            }
            CellValue::Number(d)
                if d.scale() != 0 && !d.fract().is_zero() && cell.kind() != ValueKind::Amount =>
            {
                Some(Code::ValueFraction)
            }
            CellValue::Number(_) => None,
            CellValue::Text(_) => Some(Code::ValueText),
            CellValue::Blank | CellValue::Placeholder(_) => Some(Code::ValueMissing),
        };
        if let Some(code) = code {
            out.push(Finding::new(code, report, vec![cell], Detail::Value));
        }
        // A negative fraction is wrong twice; say both.
        if let CellValue::Number(d) = value
            && crate::value::check_bounds(*d).is_ok()
            && d.is_sign_negative()
            && d.scale() != 0
            && !d.fract().is_zero()
            && cell.kind() == ValueKind::Count
        {
            out.push(Finding::new(
                Code::ValueFraction,
                report,
                vec![cell],
                Detail::Value,
            ));
        }
    }
}

/// An equation `left = right` over cells; skipped if any term is unreadable text (VALUE-TEXT
/// already says so), with blanks and placeholders counted as 0 and named.
fn equation(
    code: Code,
    report: &Report,
    left: &[&'static Cell],
    right: &[&'static Cell],
    out: &mut Vec<Finding>,
) {
    // Most equations hold: summed without a list of terms first (as [`sum`] does: an overflow
    // counts as the largest number), the terms are listed only for a finding.
    let side = |cells: &[&'static Cell]| -> Option<rust_decimal::Decimal> {
        let mut acc = Some(rust_decimal::Decimal::ZERO);
        for &cell in cells {
            let v = report.value(cell).summand()?;
            acc = acc.and_then(|a| a.checked_add(v));
        }
        Some(acc.unwrap_or(rust_decimal::Decimal::MAX))
    };
    match (side(left), side(right)) {
        (Some(l), Some(r)) if l != r => {}
        _ => return,
    }
    let mut assumed_zero = Vec::new();
    let mut terms = |cells: &[&'static Cell]| -> Option<Vec<Term>> {
        cells
            .iter()
            .map(|&cell| {
                let v = report.value(cell);
                if v.is_missing() {
                    assumed_zero.push(cell);
                }
                v.summand().map(|value| Term { cell, value })
            })
            .collect()
    };
    let (Some(l), Some(r)) = (terms(left), terms(right)) else {
        return;
    };
    if sum(&l) == sum(&r) {
        return;
    }
    let cells = left.iter().chain(right.iter()).copied().collect();
    let detail = Detail::Equation {
        left: l,
        right: r,
        assumed_zero,
    };
    out.push(Finding::new(code, report, cells, detail));
}

pub(super) fn check_sums(report: &Report, out: &mut Vec<Finding>) {
    for e in equations(report.layout()) {
        equation(e.code, report, &e.left, &e.right, out);
    }
}

pub(super) fn check_stock(report: &Report, out: &mut Vec<Finding>) {
    for s in stock_rows(report.layout()) {
        let values = [s.issued, s.repealed, s.in_force].map(|c| report.value(c).as_number());
        let [Some(i), Some(r), Some(f)] = values else {
            continue;
        };
        let Some(floor) = i.checked_sub(r) else {
            continue;
        };
        if f < floor {
            out.push(Finding::new(
                Code::T2InForce,
                report,
                vec![s.issued, s.repealed, s.in_force],
                Detail::Stock {
                    issued: i,
                    repealed: r,
                    in_force: f,
                },
            ));
        }
    }
}
