//! Totals of many reports (汇总) and the matching of agencies across files and years.

use crate::layout::{Cell, Edition};
use crate::report::Report;
use crate::value::Limit;

pub mod running;

/// Why reports cannot be totalled.
#[derive(Debug, Clone, thiserror::Error)]
pub enum AggregateError {
    /// Nothing to total.
    #[error("没有可汇总的报告")]
    Empty,
    /// Reports of different years (allowed only when asked).
    #[error("报告年度不一致：{}", years.iter().map(|(y, n)| format!("{} 年 {n} 份", y.map_or("未填".to_string(), |y| y.to_string()))).collect::<Vec<_>>().join("，"))]
    MixedYears {
        /// Each year with its number of reports.
        years: Vec<(Option<i32>, usize)>,
    },
    /// Reports of different layout editions (allowed only when asked).
    #[error("格式版本不一致：{}", editions.iter().map(|(e, n)| format!("{} 年版 {n} 份", e.as_str())).collect::<Vec<_>>().join("，"))]
    MixedEditions {
        /// Each edition with its number of reports.
        editions: Vec<(Edition, usize)>,
    },
    /// A total beyond the bounds every value keeps (see [`crate::value::check_bounds`]): it
    /// could not be written to a workbook and read back exactly, so none is made.
    #[error("{}的合计超出数值上限（{}），无法汇总；请分批汇总或核对各报告的这一单元格", cell.describe(crate::Lang::Zh), limit.describe(crate::Lang::Zh))]
    OutOfRange {
        /// The cell whose total is too large.
        cell: &'static Cell,
        /// The bound it breaks.
        limit: Limit,
    },
}

impl AggregateError {
    /// The message in English.
    pub fn en(&self) -> String {
        match self {
            AggregateError::Empty => "no report to total".into(),
            AggregateError::MixedYears { years } => format!(
                "the reports are of different years: {}",
                years
                    .iter()
                    .map(|(y, n)| format!(
                        "{n} for {}",
                        y.map_or("no year".to_string(), |y| y.to_string())
                    ))
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
            AggregateError::MixedEditions { editions } => format!(
                "the reports use different layout editions: {}",
                editions
                    .iter()
                    .map(|(e, n)| format!("{n} of {}", e.as_str()))
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
            AggregateError::OutOfRange { cell, limit } => format!(
                "the total of {} is beyond the limit ({}); no total made: total in smaller groups, or check that cell in each report",
                cell.describe(crate::Lang::En),
                limit.describe(crate::Lang::En)
            ),
        }
    }
}

impl PartialEq for AggregateError {
    fn eq(&self, other: &AggregateError) -> bool {
        match (self, other) {
            (AggregateError::Empty, AggregateError::Empty) => true,
            (AggregateError::MixedYears { years: a }, AggregateError::MixedYears { years: b }) => {
                a == b
            }
            (
                AggregateError::MixedEditions { editions: a },
                AggregateError::MixedEditions { editions: b },
            ) => a == b,
            (
                AggregateError::OutOfRange { cell: a, limit: x },
                AggregateError::OutOfRange { cell: b, limit: y },
            ) => a.id == b.id && x == y,
            _ => false,
        }
    }
}

impl Eq for AggregateError {}

/// Totals reports cell by cell into a report of the given agency and year.
///
/// Numbers are summed exactly, with checked arithmetic: a total beyond the bounds of a value
/// ([`crate::value::check_bounds`]) is refused with [`AggregateError::OutOfRange`], never
/// rounded or wrapped. Blanks and placeholders count as 0; a cell that is blank or a
/// placeholder in every report stays blank in the total (a total is never a guessed zero). Text
/// that is not a number is left out of the sum, and the total says so in an `AGGREGATE-TEXT`
/// issue naming the reports. Reports of different years or editions are refused unless
/// `allow_mixed`; with mixed editions the total uses the newest edition and sums the cells that
/// edition has (the others are named in an `AGGREGATE-EDITION` issue).
pub fn aggregate(
    reports: &[&Report],
    agency: &str,
    year: Option<i32>,
    allow_mixed: bool,
) -> Result<Report, AggregateError> {
    let mut total = running::Running::new(
        reports.iter().map(|r| (r.edition, r.year)),
        agency,
        year,
        allow_mixed,
    )?;
    for report in reports {
        total.add(report)?;
    }
    total.finish()
}

/// The form of an agency name used to match reports: white space removed, full-width letters,
/// digits and brackets folded to half-width, punctuation other than brackets removed.
pub fn agency_key(name: &str) -> String {
    name.chars()
        .filter_map(|c| {
            let c = match c {
                '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
                '\u{3000}' => ' ',
                _ => c,
            };
            if c.is_whitespace() {
                return None;
            }
            match c {
                '(' | ')' => Some(c),
                '·' | '•' | '、' | '，' | '。' | '“' | '”' | '"' | '\'' | '-' | '—' | '_' | ','
                | '.' => None,
                _ => Some(c),
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::value::CellValue;
    use rust_decimal::Decimal;

    fn report(agency: &str, cells: &[(&str, CellValue)]) -> Report {
        let mut r = Report::new(Edition::V2021);
        r.agency = agency.into();
        r.year = Some(2024);
        for (id, v) in cells {
            assert!(r.set_by_id(id, v.clone()));
        }
        r
    }

    #[test]
    fn totals_are_exact_and_never_guess_zero() {
        let fee = "disclosure.fees.amount";
        let a = report(
            "甲局",
            &[
                (fee, CellValue::parse_plain("0.1")),
                ("appeals.review.total", CellValue::Placeholder("/".into())),
            ],
        );
        let b = report(
            "乙局",
            &[
                (fee, CellValue::parse_plain("0.2")),
                ("appeals.review.total", CellValue::Blank),
            ],
        );
        let t = aggregate(&[&a, &b], "某县", Some(2024), false).unwrap();
        assert_eq!(t.get(fee), Some(&CellValue::parse_plain("0.3")));
        assert_eq!(t.get("appeals.review.total"), Some(&CellValue::Blank));
        assert_eq!(t.agency, "某县");
    }

    #[test]
    fn text_is_left_out_and_said() {
        let a = report("甲局", &[("applications.new.total", CellValue::int(3))]);
        let b = report(
            "乙局",
            &[("applications.new.total", CellValue::Text("见附件".into()))],
        );
        let t = aggregate(&[&a, &b], "某县", None, false).unwrap();
        assert_eq!(t.get("applications.new.total"), Some(&CellValue::int(3)));
        assert_eq!(t.issues.len(), 1);
        assert!(t.issues[0].zh.contains("乙局 2024"), "{}", t.issues[0].zh);
    }

    #[test]
    fn mixed_years_and_editions_are_refused_unless_allowed() {
        let a = report("甲局", &[]);
        let mut b = report("乙局", &[]);
        b.year = Some(2023);
        let e = aggregate(&[&a, &b], "某县", None, false).unwrap_err();
        assert_eq!(e.to_string(), "报告年度不一致：2024 年 1 份，2023 年 1 份");
        assert!(aggregate(&[&a, &b], "某县", None, true).is_ok());
        let mut c = Report::new(Edition::V2019);
        c.year = Some(2024);
        c.set_by_id("applications.other.total", CellValue::int(2));
        c.set_by_id("applications.new.total", CellValue::int(2));
        let e = aggregate(&[&a, &c], "某县", None, false).unwrap_err();
        assert_eq!(
            e.to_string(),
            "格式版本不一致：2021 年版 1 份，2019 年版 1 份"
        );
        let t = aggregate(&[&a, &c], "某县", None, true).unwrap();
        assert_eq!(t.edition, Edition::V2021);
        assert_eq!(t.get("applications.new.total"), Some(&CellValue::int(2)));
        assert!(t.issues[0].zh.contains("applications.other.total"));
    }

    #[test]
    fn totals_beyond_the_bounds_are_refused_never_rounded_or_overflowed() {
        let id = "applications.new.natural_person";
        let big = report("甲局", &[(id, CellValue::parse_plain("999999999999"))]);
        let one = report("乙局", &[(id, CellValue::int(1))]);
        let e = aggregate(&[&big, &one], "某县", None, false).unwrap_err();
        assert_eq!(
            e.to_string(),
            "表三“一、本年新收政府信息公开申请数量”行“自然人”列的合计超出数值上限（整数部分最多 12 位），无法汇总；请分批汇总或核对各报告的这一单元格"
        );
        assert!(
            e.en()
                .contains("beyond the limit (at most 12 digits before the decimal point)")
        );
        // Within the bounds: exact.
        let t = aggregate(&[&big, &big.clone()], "某县", None, false);
        assert!(t.is_err());
        let fee = "disclosure.fees.amount";
        let a = report("甲局", &[(fee, CellValue::parse_plain("999999999.999999"))]);
        let b = report("乙局", &[(fee, CellValue::parse_plain("0.000001"))]);
        let t = aggregate(&[&a, &b], "某县", None, false).unwrap();
        assert_eq!(t.get(fee), Some(&CellValue::int(1_000_000_000)));
        // Sixteen significant digits would not survive a workbook: refused.
        let c = report("丙局", &[(fee, CellValue::parse_plain("100000000000"))]);
        let e = aggregate(&[&a, &c], "某县", None, false).unwrap_err();
        assert!(e.to_string().contains("有效数字最多 15 位"), "{e}");
        // A report built in code with a number no reader makes: refused, no overflow.
        let huge = report("丁局", &[(id, CellValue::Number(Decimal::MAX))]);
        let e = aggregate(&[&huge, &huge.clone()], "某县", None, false).unwrap_err();
        assert!(e.to_string().contains("整数部分最多 12 位"), "{e}");
    }

    #[test]
    fn agency_keys_ignore_spacing_and_punctuation_width() {
        assert_eq!(
            agency_key(" 义马市 交通运输局 "),
            agency_key("义马市交通运输局")
        );
        assert_eq!(agency_key("某县（区）司法局"), agency_key("某县(区)司法局"));
        assert_ne!(agency_key("甲县民政局"), agency_key("乙县民政局"));
    }
}
