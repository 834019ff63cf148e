//! The checker. Every rule works on the [`Report`] model, so every input kind gets them, and
//! every finding is returned (never just the first).
//!
//! - [`catalog`]: every code the tool can print, with its severity, its meaning and, for the
//!   arithmetic rules, the equation it stands for in terms of the layout's roles;
//! - [`equations`]: those equations as cells of each edition, derived once (the checker, the
//!   template's live checks and the docs use them);
//! - `table.rs`, `meta.rs`, `text.rs`, `doc.rs`, `xyear.rs`: the checks, by family;
//! - `messages/`: the sentences of each kind of finding, every label taken from the catalog.

pub mod catalog;
mod doc;
pub mod equations;
mod messages;
mod meta;
mod table;
mod text;
mod xyear;

use rust_decimal::Decimal;

use crate::Lang;
use crate::layout::{Cell, Table};
use crate::report::{Location, Report};
use crate::value::CellValue;

pub use catalog::{
    Code, Form, Group, ISSUES, IssueInfo, RULES, RuleInfo, Selection, Severity, UnknownCode,
    all_codes, issue_info,
};
pub use text::{NarrativeCheck, narrative_checks};
pub use xyear::{check_previous, check_previous_with};

/// Options of a check.
#[derive(Debug, Clone, Default)]
pub struct CheckOptions {
    /// The latest plausible report year (the current year + 1); `None` for no upper bound.
    /// The core reads no clock: the caller passes it.
    pub max_year: Option<i32>,
    /// The rules to run (`--select` / `--ignore`); every rule by default.
    pub selection: Selection,
}

impl CheckOptions {
    /// Every rule, with the latest plausible year.
    pub fn with_max_year(max_year: i32) -> CheckOptions {
        CheckOptions {
            max_year: Some(max_year),
            selection: Selection::all(),
        }
    }
}

/// One term of a sum shown in a message.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Term {
    pub cell: &'static Cell,
    pub value: Decimal,
}

pub(crate) fn sum(terms: &[Term]) -> Decimal {
    terms
        .iter()
        .try_fold(Decimal::ZERO, |acc, t| acc.checked_add(t.value))
        .unwrap_or(Decimal::MAX)
}

/// What a finding is about, with everything its message needs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Detail {
    /// `left` should add up to `right`.
    Equation {
        left: Vec<Term>,
        right: Vec<Term>,
        assumed_zero: Vec<&'static Cell>,
    },
    /// One cell.
    Value,
    /// in_force < issued − repealed.
    Stock {
        issued: Decimal,
        repealed: Decimal,
        in_force: Decimal,
    },
    /// This year's carried over against last year's carried forward.
    Carried { this: Decimal, previous: Decimal },
    /// in_force against last year's in_force + issued − repealed.
    StockCarry {
        previous: Decimal,
        issued: Decimal,
        repealed: Decimal,
        in_force: Decimal,
    },
    /// The metadata.
    Meta(meta::MetaDetail),
    /// A number the narrative states that the tables do not have.
    Text(text::Contradiction),
    /// The narrative copied from last year's.
    Copied(xyear::CopiedDetail),
    /// The structure or identity of the report.
    Doc(doc::DocDetail),
}

/// One finding of a check.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Finding {
    /// The rule's code.
    pub code: Code,
    /// Error or warning.
    pub severity: Severity,
    /// The table the finding is about, if any.
    pub table: Option<&'static Table>,
    /// The cells involved, in the order the message names them.
    pub cells: Vec<&'static Cell>,
    /// The value of each cell, same order.
    pub values: Vec<CellValue>,
    /// Where each cell's value was read, same order (for spreadsheet and CSV input).
    pub locations: Vec<Option<Location>>,
    /// Where in the running text the finding is (the sentence a `TEXT-*` finding quotes, the
    /// heading a `DOC-*` finding names), if known.
    pub text_location: Option<Location>,
    /// For sums: what was stated minus what the parts add up to (for the balance: the left side
    /// minus the right side; for the narrative: what the text says minus what the table says).
    pub difference: Option<Decimal>,
    detail: Detail,
}

impl Finding {
    pub(crate) fn new(
        code: Code,
        report: &Report,
        cells: Vec<&'static Cell>,
        detail: Detail,
    ) -> Finding {
        let values = cells.iter().map(|c| report.value(c).clone()).collect();
        let locations = cells.iter().map(|c| report.origin(c).cloned()).collect();
        let table = cells.first().map(|c| c.table);
        let difference = match &detail {
            Detail::Equation { left, right, .. } => sum(left).checked_sub(sum(right)),
            Detail::Stock {
                issued,
                repealed,
                in_force,
            } => issued
                .checked_sub(*repealed)
                .and_then(|e| in_force.checked_sub(e)),
            Detail::Carried { this, previous } => this.checked_sub(*previous),
            Detail::StockCarry {
                previous,
                issued,
                repealed,
                in_force,
            } => previous
                .checked_add(*issued)
                .and_then(|e| e.checked_sub(*repealed))
                .and_then(|e| in_force.checked_sub(e)),
            Detail::Text(c) => c.difference(),
            _ => None,
        };
        Finding {
            code,
            severity: code.info().severity,
            table,
            cells,
            values,
            locations,
            text_location: None,
            difference,
            detail,
        }
    }

    pub(crate) fn at(mut self, location: Option<Location>) -> Finding {
        self.text_location = location;
        self
    }

    /// The stable ids of the cells involved.
    pub fn cell_ids(&self) -> Vec<&'static str> {
        self.cells.iter().map(|c| c.id).collect()
    }

    /// The finding as a sentence a civil servant understands at once.
    pub fn message(&self, lang: Lang) -> String {
        messages::message(self, lang)
    }
}

/// Checks a report against every selected rule that needs no other input. Findings come in a
/// stable order: metadata and structure, then the value rules cell by cell, then the arithmetic
/// rules table by table, then the narrative against the tables.
pub fn check(report: &Report, options: &CheckOptions) -> Vec<Finding> {
    let mut out = Vec::new();
    meta::check_meta(report, options, &mut out);
    doc::check_document(report, &mut out);
    table::check_values(report, &mut out);
    table::check_sums(report, &mut out);
    table::check_stock(report, &mut out);
    text::check_narrative(report, &mut out);
    out.retain(|f| options.selection.runs(f.code));
    out
}
