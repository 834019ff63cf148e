//! The narrative against the tables (`TEXT-*`): every count the text states about a cell or a
//! total ([`crate::narrative::claims`]) is compared with the tables; a claim that could mean
//! several quantities is accepted if any of them matches ([`narrative_checks`] says which).

use std::collections::HashSet;

use rust_decimal::Decimal;

use crate::layout::{Cell, Section};
use crate::narrative::{Claim, Period, Subject, claims};
use crate::report::{Location, Report};

use super::catalog::{Code, Severity};
use super::equations::{Along, equations};
use super::{Detail, Finding};

/// One reading of a stated number: the cells whose sum it would be, and that sum.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Reading {
    pub cells: Vec<&'static Cell>,
    pub value: Decimal,
}

/// A number the narrative states that no reading of the tables gives.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Contradiction {
    /// The section it is in.
    pub section: &'static Section,
    /// The sentence, as written.
    pub sentence: String,
    /// The number with its unit, as written.
    pub written: String,
    /// The number in the table's unit.
    pub stated: Decimal,
    /// What the tables say, for every reading, most likely first.
    pub readings: Vec<Reading>,
    /// The tables are last year's report's (`XYEAR-TEXT`).
    pub last_year: bool,
}

impl Contradiction {
    pub(crate) fn difference(&self) -> Option<Decimal> {
        self.readings
            .first()
            .and_then(|r| self.stated.checked_sub(r.value))
    }
}

/// The code of a claim about a subject.
pub(crate) fn code_of(subject: Subject) -> Code {
    use Subject as S;
    match subject {
        S::ApplicationsReceived | S::ApplicationsNew | S::ApplicationsTotal => {
            Code::TextApplications
        }
        S::ApplicationsFrom(_) => Code::TextApplications,
        S::ApplicationsHandled => Code::TextHandled,
        S::ApplicationsCarriedOver | S::ApplicationsCarriedForward => Code::TextCarried,
        S::Granted
        | S::PartlyGranted
        | S::Denied
        | S::Unavailable
        | S::Rejected
        | S::OtherHandling
        | S::Reason(_) => Code::TextResults,
        S::ReviewTotal
        | S::ReviewUpheld
        | S::ReviewCorrected
        | S::ReviewOther
        | S::ReviewPending
        | S::LitigationTotal
        | S::LitigationUpheld
        | S::LitigationCorrected
        | S::LitigationOther
        | S::LitigationPending
        | S::LitigationDirect(_)
        | S::LitigationAfterReview(_) => Code::TextAppeals,
        S::RegulationsIssued
        | S::RegulationsRepealed
        | S::RegulationsInForce
        | S::NormativeIssued
        | S::NormativeRepealed
        | S::NormativeInForce => Code::TextDocuments,
        S::Licensing | S::Penalty | S::Coercion => Code::TextDecisions,
        S::Fees => Code::TextFees,
    }
}

/// The parts of a total left blank: the other side of the row equation whose one side is `cell`
/// (a row's 总计 is the sum of its applicant columns), when the cell is blank or a placeholder
/// and some part holds a number.
fn parts_of_blank(cell: &'static Cell, tables: &Report) -> Option<Vec<&'static Cell>> {
    if !tables.value(cell).is_missing() {
        return None;
    }
    let parts = equations(tables.layout())
        .iter()
        .filter(|e| matches!(e.along, Along::Row(_)))
        .find_map(|e| match (&e.left[..], &e.right[..]) {
            ([total], parts) | (parts, [total]) if total.id == cell.id => Some(parts.to_vec()),
            _ => None,
        })?;
    parts
        .iter()
        .any(|p| matches!(tables.value(p), crate::CellValue::Number(_)))
        .then_some(parts)
}

/// Every reading of a claim in `tables`' cells: the subjects' sums of cells that the edition has
/// and that hold numbers (or blanks and placeholders, counted as 0); a sum over a cell holding
/// unreadable text, or one the import could not read, is no reading. A total left blank whose
/// row's parts are filled (a published table with an empty 总计 column) is read as well as the sum
/// of its parts.
pub(crate) fn readings(claim: &Claim, tables: &Report) -> Vec<Reading> {
    let layout = tables.layout();
    let unread: HashSet<&str> = tables
        .issues
        .iter()
        .filter(|i| i.severity == Severity::Error)
        .flat_map(|i| i.cells.iter().copied())
        .collect();
    let mut out: Vec<Reading> = Vec::new();
    let push = |cells: Vec<&'static Cell>, out: &mut Vec<Reading>| {
        if cells.is_empty() || cells.iter().any(|c| unread.contains(c.id)) {
            return;
        }
        let value = cells.iter().try_fold(Decimal::ZERO, |acc, c| {
            tables.value(c).summand().and_then(|v| acc.checked_add(v))
        });
        if let Some(value) = value
            && !out.iter().any(|r| r.cells == cells)
        {
            out.push(Reading { cells, value });
        }
    };
    for subject in &claim.subjects {
        for ids in subject.sums(tables.edition) {
            let cells: Option<Vec<&'static Cell>> = ids.iter().map(|id| layout.cell(id)).collect();
            let Some(cells) = cells else {
                continue;
            };
            let expanded = cells
                .iter()
                .any(|c| parts_of_blank(c, tables).is_some())
                .then(|| {
                    cells
                        .iter()
                        .flat_map(|c| parts_of_blank(c, tables).unwrap_or_else(|| vec![*c]))
                        .collect::<Vec<_>>()
                });
            push(cells, &mut out);
            if let Some(parts) = expanded {
                push(parts, &mut out);
            }
        }
    }
    out
}

/// Whether a stated number is a reading's value: exactly, or for money written more precisely
/// than the table (3940 元 = 0.394 万元 against a table of 0.39), equal at the table's precision.
fn agrees(claim: &Claim, reading: &Reading) -> bool {
    if claim.value == reading.value {
        return true;
    }
    let money = claim.subjects.iter().any(|s| s.is_money());
    let places = reading.value.normalize().scale();
    money && places > 0 && claim.value.round_dp(places) == reading.value.normalize()
}

/// What checking one claim found.
#[derive(Debug, Clone, PartialEq)]
pub struct NarrativeCheck {
    /// The section the claim is in (`overview`, `problems`, `other`).
    pub section: &'static str,
    /// The claim.
    pub claim: Claim,
    /// The cells of the reading that agrees, if one does.
    pub agrees_with: Option<Vec<&'static str>>,
    /// Where the claim was read, if known.
    pub location: Option<Location>,
}

/// Every claim of this year's narrative that can be compared with the tables (not approximate,
/// about the report's year, with at least one reading), with the reading it agrees with: what an
/// auditor sees as "checked" (the `TEXT-*` findings are the claims with no agreeing reading).
pub fn narrative_checks(report: &Report) -> Vec<NarrativeCheck> {
    let mut out = Vec::new();
    for (section, text) in report.sections() {
        if section.table.is_some() || text.trim().is_empty() {
            continue;
        }
        for claim in claims(text, report.year) {
            if claim.approximate || claim.period != Period::ThisYear {
                continue;
            }
            let rs = readings(&claim, report);
            if rs.is_empty() {
                continue;
            }
            let agrees_with = rs
                .iter()
                .find(|r| agrees(&claim, r))
                .map(|r| r.cells.iter().map(|c| c.id).collect());
            out.push(NarrativeCheck {
                section: section.id,
                location: report.text_location(section.id, claim.span.start).cloned(),
                claim,
                agrees_with,
            });
        }
    }
    out
}

/// A finding for a claim that no reading of `tables` gives, or `None` when one does.
pub(crate) fn contradiction(
    code: Code,
    report: &Report,
    tables: &Report,
    section: &'static Section,
    claim: &Claim,
    last_year: bool,
) -> Option<Finding> {
    let rs = readings(claim, tables);
    if rs.is_empty() || rs.iter().any(|r| agrees(claim, r)) {
        return None;
    }
    // Every cell of every reading, most likely reading first.
    let mut cells: Vec<&'static Cell> = Vec::new();
    for c in rs.iter().flat_map(|r| r.cells.iter()) {
        if !cells.contains(c) {
            cells.push(c);
        }
    }
    let detail = Detail::Text(Contradiction {
        section,
        sentence: claim.sentence.clone(),
        written: claim.written.clone(),
        stated: claim.value,
        readings: rs,
        last_year,
    });
    let at = report.text_location(section.id, claim.span.start).cloned();
    Some(Finding::new(code, tables, cells, detail).at(at))
}

pub(super) fn check_narrative(report: &Report, out: &mut Vec<Finding>) {
    let layout = report.layout();
    for check in narrative_checks(report) {
        if check.agrees_with.is_some() {
            continue;
        }
        let (Some(section), Some(subject)) =
            (layout.section(check.section), check.claim.subjects.first())
        else {
            continue;
        };
        let code = code_of(*subject);
        if let Some(f) = contradiction(code, report, report, section, &check.claim, false) {
            out.push(f);
        }
    }
}
