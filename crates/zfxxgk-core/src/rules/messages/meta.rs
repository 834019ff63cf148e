//! `META-*`.

use crate::Lang;
use crate::layout::Edition;
use crate::rules::meta::MetaDetail;

pub(super) fn message(m: &MetaDetail, lang: Lang) -> String {
    match (m, lang) {
        (MetaDetail::MissingAgency, Lang::Zh) => "缺少机关名称，请填写报告机关的全称。".to_string(),
        (MetaDetail::MissingAgency, Lang::En) => "The agency name is missing.".to_string(),
        (MetaDetail::MissingYear, Lang::Zh) => "缺少报告年度。".to_string(),
        (MetaDetail::MissingYear, Lang::En) => "The report year is missing.".to_string(),
        (MetaDetail::ImplausibleYear { year, max }, Lang::Zh) => match max {
            Some(m) => format!("报告年度 {year} 不合理，应在 2019 至 {m} 之间。"),
            None => format!("报告年度 {year} 不合理，应不早于 2019。"),
        },
        (MetaDetail::ImplausibleYear { year, max }, Lang::En) => match max {
            Some(m) => format!(
                "The report year {year} is not plausible; it should be between 2019 and {m}."
            ),
            None => format!("The report year {year} is not plausible; it should be 2019 or later."),
        },
        (MetaDetail::Format { year, edition }, Lang::Zh) => {
            let expected = Edition::for_year(*year);
            format!(
                "{year} 年度报告应使用 {} 年版格式（{}），但本报告的表格是 {} 年版格式（{}）。",
                expected.as_str(),
                expected.document(),
                edition.as_str(),
                edition.document()
            )
        }
        (MetaDetail::Format { year, edition }, Lang::En) => {
            let expected = Edition::for_year(*year);
            format!(
                "A report for {year} should use the {} layout, but its tables are in the {} layout.",
                expected.as_str(),
                edition.as_str()
            )
        }
    }
}
