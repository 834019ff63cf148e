//! Agency, year and edition (`META-*`).

use crate::layout::Edition;
use crate::report::Report;

use super::catalog::Code;
use super::{CheckOptions, Detail, Finding};

/// What a `META-*` finding is about.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum MetaDetail {
    MissingAgency,
    MissingYear,
    ImplausibleYear {
        year: i32,
        max: Option<i32>,
    },
    /// The tables are of `edition`, recognised by their labels; the year calls for another.
    Format {
        year: i32,
        edition: Edition,
    },
}

pub(super) fn check_meta(report: &Report, options: &CheckOptions, out: &mut Vec<Finding>) {
    let meta = |code, detail| Finding::new(code, report, vec![], Detail::Meta(detail));
    if report.agency.trim().is_empty() {
        out.push(meta(Code::MetaAgency, MetaDetail::MissingAgency));
    }
    match report.year {
        None => out.push(meta(Code::MetaYear, MetaDetail::MissingYear)),
        Some(year) => {
            let too_late = options.max_year.is_some_and(|m| year > m);
            if year < 2019 || too_late {
                out.push(meta(
                    Code::MetaYear,
                    MetaDetail::ImplausibleYear {
                        year,
                        max: options.max_year,
                    },
                ));
            } else if Edition::for_year(year) != report.edition {
                out.push(meta(
                    Code::MetaFormat,
                    MetaDetail::Format {
                        year,
                        edition: report.edition,
                    },
                ));
            }
        }
    }
}
