//! The one import path: a format-neutral [`Document`] (grids of cells and lines of running text,
//! whatever file they came from) into a [`Report`].
//!
//! - `locate.rs` finds each table by the catalog's labels in any grid, at any position, merged or
//!   not, and reads its values (with [`Geometry::Loose`] grids — text and PDF — row by row after
//!   each row's label);
//! - `meta.rs` reads agency, year and edition from our 基本信息 sheet or a title, and the
//!   narrative from our 报告正文 sheet;
//! - `text.rs` reads the title, the metadata and the six sections from the running text of a
//!   published report.
//!
//! Readers only make documents; the fill-ins of the command line ([`fill_in`]) apply to every kind
//! of input alike.
//!
//! [`Geometry::Loose`]: crate::grid::Geometry::Loose

mod locate;
mod meta;
mod text;

use crate::grid::Document;
use crate::{Lang, Report};

pub use meta::{
    agency_from_file_name, parse_date, parse_title, title_in_sentence, year_from_file_name,
};
pub use text::{SectionSplit, split_sections};

/// The document holds no table of the report.
#[derive(thiserror::Error, Debug, Clone, PartialEq, Eq)]
#[error("{zh}")]
pub struct NotAReport {
    /// What is missing, in Chinese.
    pub zh: String,
    /// What is missing, in English.
    pub en: String,
}

impl NotAReport {
    /// The message in the given language.
    pub fn message(&self, lang: Lang) -> String {
        match lang {
            Lang::Zh => format!("不是年度报告：{}", self.zh),
            Lang::En => format!("not an annual report: {}", self.en),
        }
    }
}

/// Reads a document into a report: the tables by their labels, the metadata, the six sections.
pub fn read_document(doc: &Document) -> Result<Report, NotAReport> {
    let mut report =
        match locate::read_report(&doc.grids, doc.kind != crate::grid::DocumentKind::Workbook) {
            Ok(r) => r,
            Err(e) => return Err(text::explain_not_a_report(doc, e)),
        };
    meta::read_meta(&doc.grids, &mut report);
    text::read_text(doc, &mut report);
    report.issues.extend(doc.issues.iter().cloned());
    // A block the report's year does not print (the 2019 edition's 第二十条第（九）项 in a
    // report for 2020) is not missing.
    let layout = report.layout();
    let year = report.year;
    let applies = |id: &str| layout.cell(id).is_none_or(|c| c.block().applies_to(year));
    report
        .issues
        .retain(|i| i.cells.is_empty() || i.cells.iter().any(|id| applies(id)));
    Ok(report)
}

/// The command line's `--agency` and `--year`: they fill in what the file does not say and never
/// replace what it says. The same for every kind of input.
pub fn fill_in(report: &mut Report, agency: Option<&str>, year: Option<i32>) {
    if report.agency.trim().is_empty()
        && let Some(agency) = agency
    {
        report.agency = agency.to_string();
        report.agency_from = Some(crate::AgencyFrom::CommandLine);
    }
    if report.year.is_none() {
        report.year = year;
    }
}
