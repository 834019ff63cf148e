//! A total made one report at a time, for totals of more reports than memory should hold, the
//! reports read one by one from wherever the caller keeps them. [`super::aggregate`] is this
//! over a slice of reports.

use rust_decimal::Decimal;

use super::AggregateError;
use crate::layout::Edition;
use crate::report::{ImportIssue, Report};
use crate::rules::Severity;
use crate::value::{CellValue, Limit, check_bounds};

/// A total being made: [`Running::new`] with the edition and year of every report to come,
/// [`Running::add`] each report in order, [`Running::finish`].
#[derive(Debug)]
pub struct Running {
    total: Report,
    sums: Vec<Option<Decimal>>,
    /// For each cell, the names of the reports holding text there.
    text_in: Vec<Vec<String>>,
    dropped: Vec<&'static str>,
}

/// Each distinct item with its count, in order of first appearance.
fn tally<T: PartialEq + Copy>(items: impl Iterator<Item = T>) -> Vec<(T, usize)> {
    let mut out: Vec<(T, usize)> = Vec::new();
    for item in items {
        match out.iter_mut().find(|(t, _)| *t == item) {
            Some((_, n)) => *n += 1,
            None => out.push((item, 1)),
        }
    }
    out
}

impl Running {
    /// Starts a total of reports of the given editions and years (every report to be added, in
    /// order), refused like [`super::aggregate`]: nothing to total, or mixed years or editions
    /// unless `allow_mixed`.
    pub fn new(
        reports: impl Iterator<Item = (Edition, Option<i32>)> + Clone,
        agency: &str,
        year: Option<i32>,
        allow_mixed: bool,
    ) -> Result<Running, AggregateError> {
        let (first_edition, first_year) = reports.clone().next().ok_or(AggregateError::Empty)?;
        let editions = tally(reports.clone().map(|(e, _)| e));
        let years = tally(reports.map(|(_, y)| y));
        if !allow_mixed && editions.len() > 1 {
            return Err(AggregateError::MixedEditions { editions });
        }
        if !allow_mixed && years.len() > 1 {
            return Err(AggregateError::MixedYears { years });
        }
        let edition = editions
            .iter()
            .map(|(e, _)| *e)
            .min()
            .unwrap_or(first_edition);
        let mut total = Report::new(edition);
        total.agency = agency.to_string();
        total.year = year.or(first_year);
        let n = total.layout().cells().len();
        Ok(Running {
            total,
            sums: vec![None; n],
            text_in: vec![Vec::new(); n],
            dropped: Vec::new(),
        })
    }

    /// Adds a report's values. A value or a sum beyond the bounds of a value is refused with
    /// [`AggregateError::OutOfRange`] (the total is then not to be finished).
    pub fn add(&mut self, report: &Report) -> Result<(), AggregateError> {
        let layout = self.total.layout();
        let same = report.edition == self.total.edition;
        let mut named: Option<String> = None;
        for (cell, value) in report.cells() {
            let target = if same {
                Some(cell)
            } else {
                layout.cell(cell.id)
            };
            let Some(target) = target else {
                if !matches!(value, CellValue::Blank) && !self.dropped.contains(&cell.id) {
                    self.dropped.push(cell.id);
                }
                continue;
            };
            match value {
                CellValue::Number(d) => {
                    let s = self.sums[target.index].get_or_insert(Decimal::ZERO);
                    let out_of_range = |limit| AggregateError::OutOfRange {
                        cell: target,
                        limit,
                    };
                    let d = check_bounds(*d).map_err(out_of_range)?;
                    *s = s.checked_add(d).ok_or(out_of_range(Limit::IntegerDigits))?;
                }
                CellValue::Text(_) => {
                    let name = named.get_or_insert_with(|| name(report)).clone();
                    self.text_in[target.index].push(name);
                }
                CellValue::Blank | CellValue::Placeholder(_) => {}
            }
        }
        Ok(())
    }

    /// The total.
    pub fn finish(self) -> Result<Report, AggregateError> {
        let Running {
            mut total,
            sums,
            text_in,
            dropped,
        } = self;
        let layout = total.layout();
        let edition = total.edition;
        for cell in layout.cells() {
            if let Some(sum) = sums[cell.index] {
                let sum = check_bounds(sum)
                    .map_err(|limit| AggregateError::OutOfRange { cell, limit })?;
                total.set(cell, CellValue::number(sum));
            }
            let names = &text_in[cell.index];
            if !names.is_empty() {
                total.issues.push(ImportIssue {
                    code: "AGGREGATE-TEXT",
                    severity: Severity::Warning,
                    cells: vec![cell.id],
                    location: None,
                    zh: format!(
                        "{}：{} 份报告填的不是数字，未计入合计（{}）。",
                        cell.describe(crate::Lang::Zh),
                        names.len(),
                        names.join("、")
                    ),
                    en: format!(
                        "{}: {} report(s) hold text, left out of the total ({}).",
                        cell.describe(crate::Lang::En),
                        names.len(),
                        names.join(", ")
                    ),
                });
            }
        }
        if !dropped.is_empty() {
            total.issues.push(ImportIssue {
                code: "AGGREGATE-EDITION",
                severity: Severity::Warning,
                cells: Vec::new(),
                location: None,
                zh: format!(
                    "汇总使用 {} 年版格式；其他版本特有的 {} 个单元格未计入（{}）。",
                    edition.as_str(),
                    dropped.len(),
                    dropped.join("、")
                ),
                en: format!(
                    "the total uses the {} layout; {} cell(s) only other editions have were left out ({}).",
                    edition.as_str(),
                    dropped.len(),
                    dropped.join(", ")
                ),
            });
        }
        Ok(total)
    }
}

fn name(r: &Report) -> String {
    match r.year {
        Some(y) => format!("{} {y}", r.agency),
        None => r.agency.clone(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn running(reports: &[&Report], allow_mixed: bool) -> Result<Report, AggregateError> {
        let mut r = Running::new(
            reports.iter().map(|r| (r.edition, r.year)),
            "某县",
            None,
            allow_mixed,
        )?;
        for report in reports {
            r.add(report)?;
        }
        r.finish()
    }

    /// A deterministic mix of values: numbers (some fractions), blanks, placeholders, text.
    fn report(i: usize, edition: Edition, year: Option<i32>) -> Report {
        let mut r = Report::new(edition);
        r.agency = format!("第{i}局");
        r.year = year;
        let cells = r.layout().cells();
        for (k, cell) in cells.iter().enumerate() {
            let v = match (i * 31 + k * 7) % 11 {
                0 => CellValue::Blank,
                1 => CellValue::Placeholder("/".into()),
                2 if k % 5 == 0 => CellValue::Text("见附件".into()),
                3 => CellValue::parse_plain("0.35"),
                n => CellValue::int(n as i64 * (i as i64 + 1)),
            };
            r.set(cell, v);
        }
        r
    }

    #[test]
    fn a_total_made_one_report_at_a_time_sums_every_cell() {
        let reports: Vec<Report> = (0..12)
            .map(|i| report(i, Edition::V2021, Some(2024)))
            .collect();
        let refs: Vec<&Report> = reports.iter().collect();
        let total = running(&refs, false).unwrap();
        assert_eq!(total.year, Some(2024));
        for cell in total.layout().cells() {
            // The expected total, summed here cell by cell.
            let (mut want, mut texts) = (None::<Decimal>, 0);
            for r in &reports {
                match r.value(cell) {
                    CellValue::Number(d) => want = Some(want.unwrap_or_default() + d),
                    CellValue::Text(_) => texts += 1,
                    CellValue::Blank | CellValue::Placeholder(_) => {}
                }
            }
            let got = match total.value(cell) {
                CellValue::Number(d) => Some(*d),
                CellValue::Blank => None,
                other => panic!("{}: {other:?}", cell.id),
            };
            assert_eq!(got, want.map(|d| d.normalize()), "{}", cell.id);
            let said = total
                .issues
                .iter()
                .find(|i| i.code == "AGGREGATE-TEXT" && i.cells == [cell.id]);
            assert_eq!(said.is_some(), texts > 0, "{}", cell.id);
            if let Some(i) = said {
                assert!(i.zh.contains(&format!("{texts} 份报告")), "{}", i.zh);
            }
        }
        // Mixed editions and years: refused, and totalled in the newest edition when allowed.
        let mut mixed = reports.clone();
        mixed.push(report(20, Edition::V2019, Some(2023)));
        let refs: Vec<&Report> = mixed.iter().collect();
        assert!(matches!(
            running(&refs, false),
            Err(AggregateError::MixedEditions { .. })
        ));
        let allowed = running(&refs, true).unwrap();
        assert_eq!(allowed.edition, Edition::V2021);
        assert!(allowed.issues.iter().any(|i| i.code == "AGGREGATE-EDITION"));
        assert_eq!(running(&[], false), Err(AggregateError::Empty));
        // Beyond the bounds: refused, never rounded.
        let id = "applications.new.natural_person";
        let mut big = Report::new(Edition::V2021);
        big.year = Some(2024);
        big.set_by_id(id, CellValue::parse_plain("999999999999"));
        assert!(matches!(
            running(&[&big, &big], false),
            Err(AggregateError::OutOfRange { .. })
        ));
    }
}
