//! Against last year's report of the same agency (`XYEAR-*`): the carry-over of table 三, the
//! stock of table 二, the narrative copied, and figures the text gives for last year.

use rust_decimal::Decimal;

use crate::narrative::{COPIED_THRESHOLD, Period, claims, copied};
use crate::report::Report;

use super::catalog::{Code, Form};
use super::equations::{carry_pairs, stock_rows};
use super::{CheckOptions, Detail, Finding};

/// What an `XYEAR-COPIED` finding says.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct CopiedDetail {
    /// Sentences of this year's narrative that were compared.
    pub sentences: usize,
    /// Of them, the ones also in last year's narrative once numbers and years are masked.
    pub identical: usize,
    /// A few of them, as written this year.
    pub examples: Vec<String>,
    /// The share (percent, rounded down) above which a narrative counts as copied.
    pub threshold_percent: u32,
}

/// Checks a report against last year's report of the same agency (`XYEAR-*`), with every rule.
/// Cells that are not numbers in either report are not compared (the value rules already speak of
/// them).
pub fn check_previous(report: &Report, previous: &Report) -> Vec<Finding> {
    check_previous_with(report, previous, &CheckOptions::default())
}

/// [`check_previous`] with the selected rules only.
pub fn check_previous_with(
    report: &Report,
    previous: &Report,
    options: &CheckOptions,
) -> Vec<Finding> {
    let mut out = Vec::new();
    let (this_layout, prev_layout) = (report.layout(), previous.layout());
    if let Some(Form::Carry { this, last }) = Code::XyearCarried.info().form {
        for (this_cell, prev_cell) in carry_pairs(this_layout, prev_layout, this, last) {
            let (Some(a), Some(b)) = (
                report.value(this_cell).as_number(),
                previous.value(prev_cell).as_number(),
            ) else {
                continue;
            };
            if a != b {
                out.push(Finding::new(
                    Code::XyearCarried,
                    report,
                    vec![this_cell],
                    Detail::Carried {
                        this: a,
                        previous: b,
                    },
                ));
            }
        }
    }
    for s in stock_rows(this_layout) {
        let Some(prev) = stock_rows(prev_layout)
            .iter()
            .find(|p| p.row.id == s.row.id)
            .and_then(|p| previous.value(p.in_force).as_number())
        else {
            continue;
        };
        let values = [s.issued, s.repealed, s.in_force].map(|c| report.value(c).as_number());
        let [Some(i), Some(r), Some(f)] = values else {
            continue;
        };
        let expected: Option<Decimal> = prev.checked_add(i).and_then(|e| e.checked_sub(r));
        if expected.is_some_and(|e| e != f) {
            out.push(Finding::new(
                Code::XyearInForce,
                report,
                vec![s.issued, s.repealed, s.in_force],
                Detail::StockCarry {
                    previous: prev,
                    issued: i,
                    repealed: r,
                    in_force: f,
                },
            ));
        }
    }
    check_text_figures(report, previous, &mut out);
    check_copied(report, previous, &mut out);
    out.retain(|f| options.selection.runs(f.code));
    out
}

/// `XYEAR-TEXT`: figures this year's narrative gives for last year (`上年收到申请 80 件`,
/// `2023年共收到…`) against last year's tables.
fn check_text_figures(report: &Report, previous: &Report, out: &mut Vec<Finding>) {
    let Some(year) = report.year else {
        return;
    };
    if previous.year.is_some_and(|p| p != year - 1) {
        return;
    }
    for (section, text) in report.sections() {
        if section.table.is_some() || text.trim().is_empty() {
            continue;
        }
        for claim in claims(text, report.year) {
            let last_year = match claim.period {
                Period::PreviousYear => true,
                Period::Year(y) => y == year - 1,
                Period::ThisYear => false,
            };
            if !last_year || claim.approximate {
                continue;
            }
            if let Some(f) =
                super::text::contradiction(Code::XyearText, report, previous, section, &claim, true)
            {
                out.push(f);
            }
        }
    }
}

/// The narrative sections of a report, one after the other.
fn narrative(report: &Report) -> String {
    report
        .sections()
        .filter(|(s, _)| s.table.is_none())
        .map(|(_, t)| t)
        .collect::<Vec<_>>()
        .join("\n")
}

/// `XYEAR-COPIED`: most of this year's sentences are last year's with numbers and years changed.
fn check_copied(report: &Report, previous: &Report, out: &mut Vec<Finding>) {
    let (this, last) = (narrative(report), narrative(previous));
    if this.trim().is_empty() || last.trim().is_empty() {
        return;
    }
    let c = copied(&this, &last);
    if !c.is_copied() {
        return;
    }
    let detail = Detail::Copied(CopiedDetail {
        sentences: c.sentences,
        identical: c.identical,
        examples: c.examples,
        threshold_percent: (COPIED_THRESHOLD * 100.0).round() as u32,
    });
    let at = report
        .layout()
        .sections
        .iter()
        .find(|s| s.table.is_none())
        .and_then(|s| report.text_location(s.id, 0).cloned());
    out.push(Finding::new(Code::XyearCopied, report, vec![], detail).at(at));
}
