//! The structure and identity of the report (`DOC-*`): the problems the outline analysis finds
//! ([`crate::outline::problems`]), each under its code with the place it was seen.

use crate::layout::Edition;
use crate::outline::{Problem, problems};
use crate::report::{Location, Report};

use super::catalog::Code;
use super::{Detail, Finding};

/// What a `DOC-*` finding says: the problem and the edition whose headings name the sections.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct DocDetail {
    pub problem: Problem,
    pub edition: Edition,
}

/// The code of a problem.
pub(crate) fn code_of(p: &Problem) -> Code {
    match p {
        Problem::SectionMissing { .. }
        | Problem::SectionOutOfOrder { .. }
        | Problem::SectionRepeated { .. } => Code::DocSections,
        Problem::HeadingTypo { .. }
        | Problem::HeadingRenamed { .. }
        | Problem::HeadingNumber { .. } => Code::DocHeading,
        Problem::EnumerationSkipped { .. } | Problem::EnumerationRepeated { .. } => {
            Code::DocEnumeration
        }
        Problem::ImprovementMissing { .. } => Code::DocProblems,
        Problem::FeesNotStated { .. } => Code::DocFees,
        Problem::TitleYear { .. } | Problem::PeriodYear { .. } | Problem::NarrativeYear { .. } => {
            Code::DocYear
        }
        Problem::AgencyMismatch { .. } | Problem::NarrativeAgency { .. } => Code::DocAgency,
    }
}

/// Where a problem was seen.
fn location_of(p: &Problem) -> Option<Location> {
    match p {
        Problem::SectionMissing { .. } => None,
        Problem::SectionOutOfOrder { location, .. }
        | Problem::SectionRepeated { location, .. }
        | Problem::HeadingTypo { location, .. }
        | Problem::HeadingRenamed { location, .. }
        | Problem::HeadingNumber { location, .. }
        | Problem::PeriodYear { location, .. } => Some(location.clone()),
        Problem::EnumerationSkipped { location, .. }
        | Problem::EnumerationRepeated { location, .. }
        | Problem::ImprovementMissing { location, .. }
        | Problem::FeesNotStated { location, .. }
        | Problem::TitleYear { location, .. }
        | Problem::NarrativeYear { location, .. }
        | Problem::AgencyMismatch { location, .. } => location.clone(),
        Problem::NarrativeAgency { mentions, .. } => {
            mentions.first().and_then(|m| m.location.clone())
        }
    }
}

pub(super) fn check_document(report: &Report, out: &mut Vec<Finding>) {
    for problem in problems(report) {
        let code = code_of(&problem);
        let at = location_of(&problem);
        let detail = Detail::Doc(DocDetail {
            problem,
            edition: report.edition,
        });
        out.push(Finding::new(code, report, vec![], detail).at(at));
    }
}
