//! The realistic fixtures of tests/fixtures/workbooks (see its README): every workbook with an
//! expected CSV imports with exactly those values and metadata, and the checker gives exactly the
//! findings of expected-findings.csv (plus VALUE-MISSING on every blank or placeholder cell).

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use zfxxgk_core::{CellValue, CheckOptions, Lang, Report, check};
use zfxxgk_excel::read::{NotWorkbookKind, ReadError, ReadOptions, read_path};

fn dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/fixtures/workbooks")
}

/// Files whose expected CSV describes content this reader must refuse.
const NOT_READABLE: &[&str] = &["encrypted.xlsx", "html-as.xls"];

struct Expected {
    agency: String,
    year: i32,
    /// cell id → (value, seen), in file order.
    cells: Vec<(String, String, String)>,
}

fn parse_expected(path: &Path) -> (String, Expected) {
    let text = std::fs::read_to_string(path).unwrap();
    let mut file = String::new();
    let mut exp = Expected {
        agency: String::new(),
        year: 0,
        cells: Vec::new(),
    };
    for line in text.lines().skip(1) {
        let line = line.trim_end_matches('\r');
        if line.is_empty() {
            continue;
        }
        let f: Vec<&str> = line.split(',').collect();
        assert_eq!(f.len(), 6, "{}: {line}", path.display());
        file = f[0].to_string();
        exp.agency = f[1].to_string();
        exp.year = f[2].parse().unwrap();
        exp.cells
            .push((f[3].to_string(), f[4].to_string(), f[5].to_string()));
    }
    (file, exp)
}

/// file → [(code, cells)] in order.
fn expected_findings() -> BTreeMap<String, Vec<(String, String)>> {
    let text = std::fs::read_to_string(dir().join("expected-findings.csv")).unwrap();
    let mut out: BTreeMap<String, Vec<(String, String)>> = BTreeMap::new();
    for line in text.lines().skip(1) {
        let line = line.trim_end_matches('\r');
        let mut f = line.splitn(3, ',');
        let (Some(file), Some(code), Some(cells)) = (f.next(), f.next(), f.next()) else {
            continue;
        };
        out.entry(file.to_string())
            .or_default()
            .push((code.to_string(), cells.to_string()));
    }
    out
}

fn value_and_seen(v: &CellValue) -> (String, String) {
    match v {
        CellValue::Number(d) => (d.normalize().to_string(), String::new()),
        CellValue::Blank => (String::new(), String::new()),
        CellValue::Placeholder(s) | CellValue::Text(s) => (String::new(), s.clone()),
    }
}

fn check_workbook(file: &str, exp: &Expected, findings: &[(String, String)]) -> Vec<String> {
    let mut problems = Vec::new();
    let start = std::time::Instant::now();
    let report: Report = match read_path(&dir().join(file), &ReadOptions::default()) {
        Ok(r) => r,
        Err(e) => return vec![format!("{file}: {e}")],
    };
    assert!(
        start.elapsed().as_secs() < 5,
        "{file}: {:?}",
        start.elapsed()
    );
    if report.agency != exp.agency || report.year != Some(exp.year) {
        problems.push(format!(
            "{file}: metadata ({}, {:?}), want ({}, {})",
            report.agency, report.year, exp.agency, exp.year
        ));
    }
    let got: Vec<(&str, (String, String))> = report
        .cells()
        .map(|(c, v)| (c.id, value_and_seen(v)))
        .collect();
    if got.len() != exp.cells.len() {
        problems.push(format!(
            "{file}: {} cells, want {}",
            got.len(),
            exp.cells.len()
        ));
    }
    for ((id, (value, seen)), (eid, evalue, eseen)) in got.iter().zip(&exp.cells) {
        if id != eid || value != evalue || seen != eseen {
            problems.push(format!(
                "{file}: {id} = ({value:?}, {seen:?}), want {eid} = ({evalue:?}, {eseen:?})"
            ));
        }
    }
    // Blank or placeholder cells, except those an import error already names (a missing table,
    // a formula without a result): the checker does not repeat those.
    let said: BTreeSet<&str> = report
        .issues
        .iter()
        .filter(|i| i.severity == zfxxgk_core::Severity::Error)
        .flat_map(|i| i.cells.iter().copied())
        .collect();
    let mut missing = BTreeSet::new();
    for (cell, v) in report.cells() {
        // A block the report's year does not print (2019's （九） in a 2020 report) is not missing.
        if v.is_missing() && !said.contains(cell.id) && cell.block().applies_to(report.year) {
            missing.insert(cell.id.to_string());
        }
    }
    let all = check(&report, &CheckOptions::with_max_year(2026));
    let mut flagged = BTreeSet::new();
    let mut rest = Vec::new();
    for f in &all {
        let cells: Vec<&str> = f.cells.iter().map(|c| c.id).collect();
        if f.code.as_str() == "VALUE-MISSING" {
            flagged.extend(cells.iter().map(|c| c.to_string()));
        } else {
            rest.push((f.code.as_str().to_string(), cells.join(" ")));
        }
    }
    if flagged != missing {
        problems.push(format!(
            "{file}: VALUE-MISSING on {flagged:?}, blank/placeholder cells {missing:?}"
        ));
    }
    if rest != findings {
        problems.push(format!("{file}: findings {rest:#?}\nwant {findings:#?}"));
    }
    problems
}

#[test]
fn every_workbook_with_an_expected_csv() {
    let findings = expected_findings();
    let mut problems = Vec::new();
    let mut n = 0;
    let mut entries: Vec<PathBuf> = std::fs::read_dir(dir())
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.to_string_lossy().ends_with(".expected.csv"))
        .collect();
    entries.sort();
    for path in entries {
        let (file, exp) = parse_expected(&path);
        if NOT_READABLE.contains(&file.as_str()) {
            continue;
        }
        n += 1;
        let want = findings.get(&file).cloned().unwrap_or_default();
        problems.extend(check_workbook(&file, &exp, &want));
    }
    assert!(n >= 10, "only {n} workbooks");
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn formulas_without_cached_results_are_blank_and_flagged() {
    let r = read_path(
        &dir().join("formulas-openpyxl.xlsx"),
        &ReadOptions::default(),
    )
    .unwrap();
    let issues: Vec<_> = r
        .issues
        .iter()
        .filter(|i| i.code == "IMPORT-FORMULA")
        .collect();
    assert_eq!(issues.len(), 31, "{issues:#?}");
    let total = issues
        .iter()
        .find(|i| i.cells == ["applications.new.total"])
        .unwrap();
    assert!(total.zh.contains("没有保存计算结果"), "{}", total.zh);
    assert!(total.zh.contains("工作表“"), "{}", total.zh);
    assert_eq!(r.get("applications.new.total"), Some(&CellValue::Blank));
    // The recalculated copy has no issue at all.
    let r = read_path(
        &dir().join("formulas-recalculated.xlsx"),
        &ReadOptions::default(),
    )
    .unwrap();
    assert!(r.issues.is_empty(), "{:#?}", r.issues);
}

#[test]
fn an_amount_in_yuan_is_kept_as_text_and_explained() {
    let r = read_path(&dir().join("unit-yuan.xlsx"), &ReadOptions::default()).unwrap();
    assert_eq!(
        r.get("disclosure.fees.amount"),
        Some(&CellValue::Text("251000元".into()))
    );
    let issue = r.issues.iter().find(|i| i.code == "IMPORT-UNIT").unwrap();
    assert!(issue.zh.contains("251000元 = 25.1万元"), "{}", issue.zh);
    assert!(issue.en.contains("10,000 yuan"), "{}", issue.en);
}

#[test]
fn a_workbook_with_table_three_only() {
    let r = read_path(
        &dir().join("partial-only-table3.xlsx"),
        &ReadOptions::default(),
    )
    .unwrap();
    assert_eq!(r.agency, "某某县农业农村局");
    assert_eq!(r.year, Some(2023));
    let missing: Vec<_> = r
        .issues
        .iter()
        .filter(|i| i.code == "IMPORT-MISSING-TABLE")
        .collect();
    assert_eq!(missing.len(), 2, "{missing:#?}");
    assert!(missing[0].zh.starts_with("未找到表二"), "{}", missing[0].zh);
    assert!(missing[1].zh.starts_with("未找到表四"), "{}", missing[1].zh);
    assert_eq!(missing[0].cells.len(), 10);
    assert_eq!(missing[1].cells.len(), 15);
    assert!(
        missing
            .iter()
            .all(|i| i.severity == zfxxgk_core::Severity::Error)
    );
    for (cell, v) in r.cells() {
        if cell.table.id == "applications" {
            assert!(matches!(v, CellValue::Number(_)), "{}: {v:?}", cell.id);
        } else {
            assert_eq!(*v, CellValue::Blank, "{}", cell.id);
            assert!(r.origin(cell).is_none());
        }
    }
    assert_eq!(r.issues.len(), 2, "{:#?}", r.issues);
}

#[test]
fn a_spreadsheet_that_is_not_a_report() {
    let e = read_path(&dir().join("not-a-report.xlsx"), &ReadOptions::default()).unwrap_err();
    assert!(matches!(e, ReadError::NotAReport { .. }), "{e:?}");
    let msg = e.to_string();
    assert!(msg.contains("未找到表二、表三、表四"), "{msg}");
    assert!(msg.contains("本年新收政府信息公开申请数量"), "{msg}");
    assert!(!msg.contains("not-a-report"), "{msg}");
    assert!(e.message(Lang::En).contains("not found"));
}

#[test]
fn encrypted_and_html_fixtures_are_refused_clearly() {
    let e = read_path(&dir().join("encrypted.xlsx"), &ReadOptions::default()).unwrap_err();
    assert!(matches!(e, ReadError::Encrypted), "{e:?}");
    let e = read_path(&dir().join("html-as.xls"), &ReadOptions::default()).unwrap_err();
    assert!(
        matches!(
            e,
            ReadError::NotAWorkbook {
                kind: NotWorkbookKind::Html
            }
        ),
        "{e:?}"
    );
}

#[test]
fn the_2019_edition_is_read_with_its_own_catalog() {
    let r = read_path(&dir().join("edition-2019.xlsx"), &ReadOptions::default()).unwrap();
    assert_eq!(r.edition, zfxxgk_core::Edition::V2019);
    assert_eq!(r.cells().count(), 198);
    let findings = check(&r, &CheckOptions::with_max_year(2026));
    assert!(
        findings.iter().all(|f| f.code.as_str() != "META-FORMAT"),
        "{findings:?}"
    );
    // The same layout in a report for 2023 would be judged by META-FORMAT.
    let mut r = read_path(&dir().join("edition-2019.xlsx"), &ReadOptions::default()).unwrap();
    r.year = Some(2023);
    let findings = check(&r, &CheckOptions::with_max_year(2026));
    assert!(
        findings.iter().any(|f| f.code.as_str() == "META-FORMAT"),
        "{findings:?}"
    );
}

#[test]
fn the_blank_template_reads_blank_with_origins_at_its_positions() {
    let r = read_path(&dir().join("template-blank.xlsx"), &ReadOptions::default()).unwrap();
    assert!(r.issues.is_empty(), "{:#?}", r.issues);
    assert!(r.cells().all(|(_, v)| *v == CellValue::Blank));
    let positions = std::fs::read_to_string(dir().join("template-positions.csv")).unwrap();
    let mut n = 0;
    for line in positions.lines().skip(1) {
        let f: Vec<&str> = line.trim_end_matches('\r').split(',').collect();
        let cell = r.layout().cell(f[0]).unwrap();
        let origin = r.origin(cell).map(ToString::to_string);
        assert_eq!(origin, Some(format!("{}!{}", f[1], f[2])), "{}", f[0]);
        n += 1;
    }
    assert_eq!(n, 200);
}

/// Notes and issues as a person reads them.
fn dump(r: &Report) -> String {
    let mut out = String::new();
    for n in &r.notes {
        let at = n
            .location
            .as_ref()
            .map(ToString::to_string)
            .unwrap_or_default();
        out.push_str(&format!(
            "note {} {at}: {} | {}\n",
            n.cell.unwrap_or("-"),
            n.message(Lang::Zh),
            n.message(Lang::En)
        ));
    }
    for i in &r.issues {
        out.push_str(&format!(
            "issue {} {:?} [{}]: {} | {}\n",
            i.code,
            i.severity,
            i.cells.join(" "),
            i.zh,
            i.en
        ));
    }
    out
}

#[test]
fn notes_and_issues_read_well() {
    let mut out = String::new();
    for name in [
        "value-variants.xlsx",
        "unit-yuan.xlsx",
        "partial-only-table3.xlsx",
    ] {
        let r = read_path(&dir().join(name), &ReadOptions::default()).unwrap();
        out.push_str(&format!("== {name}\n{}", dump(&r)));
    }
    let r = read_path(
        &dir().join("formulas-openpyxl.xlsx"),
        &ReadOptions::default(),
    )
    .unwrap();
    let first: String = dump(&r)
        .lines()
        .filter(|l| l.starts_with("issue"))
        .take(2)
        .map(|l| format!("{l}\n"))
        .collect();
    out.push_str(&format!(
        "== formulas-openpyxl.xlsx (first 2 issues)\n{first}"
    ));
    insta::assert_snapshot!(out);
}

// ---- identity (issue 11): where a workbook names its agency and its 填报日期 ----

/// `agency_from` as tests/fixtures/workbooks/identity/expected.csv writes it.
fn agency_from_text(from: Option<&zfxxgk_core::AgencyFrom>) -> String {
    use zfxxgk_core::AgencyFrom as F;
    match from {
        None => String::new(),
        Some(F::InfoSheet) => "info".into(),
        Some(F::Label { label, sheet }) => format!("label:{label}@{sheet}"),
        Some(F::Title) => "title".into(),
        Some(other) => format!("{other:?}"),
    }
}

/// One identity fixture: its agency, where the name came from, its year and its 填报日期.
fn check_identity(file: &str, want: [&str; 4]) -> Option<String> {
    let path = dir().join("identity").join(file);
    let r = match read_path(&path, &ReadOptions::default()) {
        Ok(r) => r,
        Err(e) => return Some(format!("{file}: {e}")),
    };
    let year = r.year.map(|y| y.to_string()).unwrap_or_default();
    let from = agency_from_text(r.agency_from.as_ref());
    let date = r.contact.date.clone().unwrap_or_default();
    let got = [
        r.agency.as_str(),
        from.as_str(),
        year.as_str(),
        date.as_str(),
    ];
    // The tables are complete: a fixture about names must not lose a number.
    let blank = r.cells().filter(|(_, v)| v.is_missing()).count();
    (got != want || blank != 0 || !r.issues.is_empty()).then(|| {
        format!(
            "{file}: got {got:?}, want {want:?}; {blank} blank cells; issues {:?}",
            r.issues
        )
    })
}

#[test]
fn the_agency_and_the_date_are_read_where_offices_write_them() {
    let expected = std::fs::read_to_string(dir().join("identity/expected.csv")).unwrap();
    let mut problems = Vec::new();
    let mut n = 0;
    for line in expected.lines().skip(1).filter(|l| !l.trim().is_empty()) {
        let f: Vec<&str> = line.trim_end_matches('\r').split(',').collect();
        assert_eq!(f.len(), 5, "{line}");
        problems.extend(check_identity(f[0], [f[1], f[2], f[3], f[4]]));
        n += 1;
    }
    assert!(n >= 12, "only {n} identity fixtures");
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn a_report_without_a_name_is_named_by_the_command_line_or_the_file_name() {
    let path = dir().join("identity/no-name.xlsx");
    let r = read_path(&path, &ReadOptions::default()).unwrap();
    assert_eq!((r.agency.as_str(), r.agency_from.as_ref()), ("", None));
    // --agency fills in only what the workbook does not say.
    let opts = ReadOptions {
        agency: Some("某某县档案馆".into()),
        ..ReadOptions::default()
    };
    let r = read_path(&path, &opts).unwrap();
    assert_eq!(r.agency, "某某县档案馆");
    assert_eq!(r.agency_from, Some(zfxxgk_core::AgencyFrom::CommandLine));
    let r = read_path(&dir().join("identity/cover-sheet.xlsx"), &opts).unwrap();
    assert_eq!(r.agency, "某某乡人民政府");
    // The file name, the caller's last resort.
    use zfxxgk_core::import::agency_from_file_name;
    assert_eq!(
        agency_from_file_name("某某县交通运输局2025年政府信息公开工作年度报告"),
        Some(("某某县交通运输局".to_string(), Some(2025)))
    );
    assert_eq!(agency_from_file_name("no-name"), None);
}

#[test]
fn the_fixtures_of_before_keep_their_names_and_say_where_from() {
    for (file, agency, from) in [
        (
            "wps-style-stacked.xlsx",
            "某某县市场监督管理局",
            "label:填报单位@Sheet1",
        ),
        (
            "wps-style-stacked.xls",
            "某某县市场监督管理局",
            "label:填报单位@Sheet1",
        ),
        (
            "per-sheet-reordered.xlsx",
            "某某县人力资源和社会保障局",
            "title",
        ),
        ("partial-only-table3.xlsx", "某某县农业农村局", "title"),
        ("template-filled-openpyxl.xlsx", "", ""),
        ("not-a-report.xlsx", "", ""),
    ] {
        let r = match read_path(&dir().join(file), &ReadOptions::default()) {
            Ok(r) => r,
            Err(ReadError::NotAReport { .. }) => continue,
            Err(e) => panic!("{file}: {e}"),
        };
        if file.starts_with("template-filled") {
            assert_eq!(
                r.agency_from,
                Some(zfxxgk_core::AgencyFrom::InfoSheet),
                "{file}"
            );
            continue;
        }
        assert_eq!(r.agency, agency, "{file}");
        assert_eq!(agency_from_text(r.agency_from.as_ref()), from, "{file}");
    }
    // The one-cell fields of the WPS-style sheet give the contact too.
    let r = read_path(
        &dir().join("wps-style-stacked.xlsx"),
        &ReadOptions::default(),
    )
    .unwrap();
    assert_eq!(r.contact.date.as_deref(), Some("2024年1月18日"));
    assert_eq!(r.contact.filler.as_deref(), Some("张某某"));
    assert_eq!(r.contact.phone.as_deref(), Some("0000-1234567"));
}

/// A summary workbook (its 明细 and 校验结果 sheets) is refused only when asked, with a message
/// saying what it is; otherwise its total is read like any report.
#[test]
fn a_summary_is_refused_only_when_asked() {
    let path =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/fixtures/round/in/汇总2024.xlsx");
    let report = read_path(&path, &ReadOptions::default()).expect("read as a report");
    assert_eq!(report.year, Some(2024));
    let refuse = ReadOptions {
        refuse_summaries: true,
        ..ReadOptions::default()
    };
    let err = read_path(&path, &refuse).unwrap_err();
    assert!(matches!(err, ReadError::Summary), "{err:?}");
    assert!(err.message(Lang::Zh).contains("汇总表"), "{err}");
    assert!(err.message(Lang::En).contains("summary workbook"), "{err}");
    // A report is read whatever the option, in every format.
    for file in [
        "formulas-recalculated.xlsx",
        "label-variants.xls",
        "label-variants.ods",
    ] {
        read_path(&dir().join(file), &refuse).expect(file);
    }
}
