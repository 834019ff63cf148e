//! The writer: snapshots of every workbook layout, determinism, positions, cached check results.

use std::io::Cursor;
use std::path::PathBuf;

use calamine::{Data, Reader, Xlsx};
use rust_decimal::Decimal;
use zfxxgk_core::layout::ValueKind;
use zfxxgk_core::report::{Note, NoteReason};
use zfxxgk_core::rules::{CheckOptions, Code, Severity};
use zfxxgk_core::{CellValue, Edition, ImportIssue, Lang, Location, Report, check};
use zfxxgk_doc::sample;
use zfxxgk_excel::dump::dump_xlsx;
use zfxxgk_excel::write::{
    SummaryMember, TemplateOptions, report_workbook, summary_workbook, template, template_positions,
};

fn options() -> CheckOptions {
    CheckOptions::with_max_year(2026)
}

/// Writes a workbook where the preview and a curious developer can look at it.
fn keep(name: &str, bytes: &[u8]) {
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("write");
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join(name), bytes).unwrap();
}

fn snapshot(name: &str, bytes: &[u8]) {
    keep(&format!("{name}.xlsx"), bytes);
    let dump = dump_xlsx(bytes).unwrap();
    insta::assert_snapshot!(name, dump);
}

/// The sample with table 三 out of balance and a placeholder in table 四.
fn broken_sample() -> Report {
    let mut r = sample::yima_transport_2024();
    assert!(r.set_by_id("applications.new.natural_person", CellValue::int(2)));
    assert!(r.set_by_id("appeals.review.upheld", CellValue::Placeholder("/".into())));
    r.notes.push(Note {
        cell: Some("appeals.review.upheld"),
        location: Some(Location::sheet_cell("Sheet1", 40, 1)),
        seen: "／".into(),
        read: "/".into(),
        reason: NoteReason::FullWidth,
    });
    r.issues.push(ImportIssue {
        code: "IMPORT-MISSING-ROW",
        severity: Severity::Warning,
        cells: vec!["disclosure.fees.amount"],
        location: None,
        zh: "没有找到“行政事业性收费”行。".into(),
        en: "The fees row was not found.".into(),
    });
    r
}

/// A consistent 2019-edition report with a negative change and a decimal amount.
fn report_2019() -> Report {
    let mut r = Report::new(Edition::V2019);
    r.agency = "某某县财政局".into();
    r.year = Some(2020);
    r.contact.filler = Some("张三".into());
    r.contact.phone = Some("0398-1234567".into());
    let ids: Vec<&str> = r.layout().cells().iter().map(|c| c.id).collect();
    for id in ids {
        r.set_by_id(id, CellValue::int(0));
    }
    for (id, n) in [
        ("applications.new.natural_person", 3),
        ("applications.new.total", 3),
        ("applications.granted.natural_person", 2),
        ("applications.granted.total", 2),
        ("applications.results_total.natural_person", 2),
        ("applications.results_total.total", 2),
        ("applications.carried_forward.natural_person", 1),
        ("applications.carried_forward.total", 1),
        ("disclosure.licensing.change", -2),
        ("disclosure.licensing.previous_items", 14),
    ] {
        assert!(r.set_by_id(id, CellValue::int(n)), "{id}");
    }
    assert!(r.set_by_id(
        "disclosure.procurement.amount",
        CellValue::number(Decimal::new(125, 1))
    ));
    r
}

/// A report where every cell holds a different number (its index + 1; the fee a decimal).
fn distinct(edition: Edition) -> Report {
    let mut r = Report::new(edition);
    r.agency = "测试机关".into();
    r.year = Some(2023);
    let cells: Vec<_> = r.layout().cells().iter().collect();
    for (i, c) in cells.into_iter().enumerate() {
        let v = if c.kind() == ValueKind::Amount {
            CellValue::number(Decimal::new(i as i64 * 100 + 35, 2))
        } else {
            CellValue::int(i as i64 + 1)
        };
        r.set(c, v);
    }
    r
}

fn read_back(bytes: &[u8]) -> Xlsx<Cursor<Vec<u8>>> {
    Xlsx::new(Cursor::new(bytes.to_vec())).unwrap()
}

fn value_at(xlsx: &mut Xlsx<Cursor<Vec<u8>>>, sheet: &str, row: u32, col: u32) -> Data {
    let range = xlsx.worksheet_range(sheet).unwrap();
    range.get_value((row, col)).cloned().unwrap_or(Data::Empty)
}

fn expected_data(v: &CellValue) -> Data {
    match v {
        CellValue::Blank => Data::Empty,
        CellValue::Number(d) => Data::Float(d.to_string().parse().unwrap()),
        CellValue::Placeholder(s) | CellValue::Text(s) => Data::String(s.clone()),
    }
}

fn total_of(reports: &[&Report]) -> Report {
    let mut total = Report::new(Edition::V2021);
    total.agency = "某某县人民政府办公室（汇总）".into();
    total.year = Some(2024);
    let cells: Vec<_> = total.layout().cells().iter().collect();
    for c in cells {
        let sum: Decimal = reports
            .iter()
            .filter_map(|r| r.get(c.id).and_then(CellValue::summand))
            .sum();
        total.set(c, CellValue::number(sum));
    }
    total
}

#[test]
fn snapshot_template_blank() {
    snapshot(
        "template_blank",
        &template(&TemplateOptions::default()).unwrap(),
    );
}

#[test]
fn snapshot_template_agency_2024() {
    let opts = TemplateOptions {
        agency: Some("义马市交通运输局".into()),
        year: Some(2024),
    };
    snapshot("template_agency_2024", &template(&opts).unwrap());
}

#[test]
fn snapshot_export_sample_yima_2024() {
    let r = sample::yima_transport_2024();
    let findings = check(&r, &options());
    // The published report passes every arithmetic rule; its narrative's one application
    // contradicts its table 三 of zeros.
    let codes: Vec<&str> = findings.iter().map(|f| f.code.as_str()).collect();
    assert_eq!(codes, ["TEXT-APPLICATIONS"]);
    snapshot(
        "export_sample_yima_2024",
        &report_workbook(&r, &findings, Lang::Zh).unwrap(),
    );
}

#[test]
fn snapshot_export_sample_broken_balance_and_slash() {
    let r = broken_sample();
    let findings = check(&r, &options());
    let codes: Vec<_> = findings.iter().map(|f| f.code).collect();
    assert!(codes.contains(&Code::T3Balance));
    assert!(codes.contains(&Code::T3RowTotal));
    assert!(codes.contains(&Code::ValueMissing));
    snapshot(
        "export_sample_broken_balance_and_slash",
        &report_workbook(&r, &findings, Lang::Zh).unwrap(),
    );
}

#[test]
fn snapshot_export_2019_edition() {
    let r = report_2019();
    let findings = check(&r, &options());
    assert!(findings.is_empty(), "{findings:?}");
    snapshot(
        "export_2019_edition",
        &report_workbook(&r, &findings, Lang::Zh).unwrap(),
    );
}

#[test]
fn snapshot_summary_sample_and_broken_sample() {
    let a = sample::yima_transport_2024();
    let mut b = broken_sample();
    b.agency = "某某县交通运输局".into();
    let total = total_of(&[&a, &b]);
    let (fa, fb, ft) = (
        check(&a, &options()),
        check(&b, &options()),
        check(&total, &options()),
    );
    let members = [
        SummaryMember {
            report: &a,
            file: "义马市交通运输局.xlsx",
            findings: &fa,
        },
        SummaryMember {
            report: &b,
            file: "某某县/交通运输局.xlsx",
            findings: &fb,
        },
    ];
    let bytes = summary_workbook(&total, &ft, &members, Lang::Zh).unwrap();
    // The detail sheet holds every member's values under the cell ids.
    let mut x = read_back(&bytes);
    let range = x.worksheet_range("明细").unwrap();
    assert_eq!(
        range.get_value((1, 3)),
        Some(&Data::String("disclosure.regulations.issued".into()))
    );
    assert_eq!(
        range.get_value((3, 0)),
        Some(&Data::String("某某县交通运输局".into()))
    );
    let col = 3 + Edition::V2021
        .layout()
        .cell("disclosure.penalty.decisions")
        .unwrap()
        .index as u32;
    assert_eq!(range.get_value((2, col)), Some(&Data::Float(118.0)));
    snapshot("summary_sample_and_broken_sample", &bytes);
}

#[test]
fn output_is_deterministic() {
    let t1 = template(&TemplateOptions::default()).unwrap();
    let t2 = template(&TemplateOptions::default()).unwrap();
    assert_eq!(t1, t2);
    let r = broken_sample();
    let f = check(&r, &options());
    assert_eq!(
        report_workbook(&r, &f, Lang::Zh).unwrap(),
        report_workbook(&r, &f, Lang::Zh).unwrap()
    );
}

#[test]
fn positions_cover_all_200_cells_and_agree_with_the_workbook() {
    for edition in Edition::ALL {
        let pos = template_positions(edition);
        let layout = edition.layout();
        assert_eq!(pos.len(), layout.cells().len());
        if edition == Edition::V2021 {
            assert_eq!(pos.len(), 200);
        }
        let unique: std::collections::HashSet<_> = pos.iter().map(|p| (p.sheet, &p.a1)).collect();
        assert_eq!(unique.len(), pos.len());
        let r = distinct(edition);
        let bytes = report_workbook(&r, &[], Lang::Zh).unwrap();
        let mut x = read_back(&bytes);
        for (p, cell) in pos.iter().zip(layout.cells()) {
            assert_eq!(p.id, cell.id);
            assert_eq!(p.a1, zfxxgk_core::report::a1(p.row, p.col), "{}", p.id);
            let got = value_at(&mut x, p.sheet, p.row, p.col);
            assert_eq!(
                got,
                expected_data(r.value(cell)),
                "{} at {}!{}",
                p.id,
                p.sheet,
                p.a1
            );
        }
    }
}

#[test]
fn exported_values_equal_the_samples_values() {
    let r = broken_sample();
    let bytes = report_workbook(&r, &[], Lang::Zh).unwrap();
    let mut x = read_back(&bytes);
    for p in template_positions(Edition::V2021) {
        let v = r.get(p.id).unwrap();
        assert_eq!(
            value_at(&mut x, p.sheet, p.row, p.col),
            expected_data(v),
            "{}",
            p.id
        );
    }
    // The placeholder is kept as written.
    let p = template_positions(Edition::V2021)
        .into_iter()
        .find(|p| p.id == "appeals.review.upheld")
        .unwrap();
    assert_eq!(
        value_at(&mut x, p.sheet, p.row, p.col),
        Data::String("/".into())
    );
    // Metadata and narrative.
    let info = x.worksheet_range("基本信息").unwrap();
    assert_eq!(
        info.get_value((1, 1)),
        Some(&Data::String("义马市交通运输局".into()))
    );
    assert_eq!(info.get_value((2, 1)), Some(&Data::Float(2024.0)));
    // The narrative: the rows between two headings, joined with line breaks.
    let text = x.worksheet_range("报告正文").unwrap();
    let rows: Vec<String> = (1..text.height() as u32)
        .map(|r| {
            text.get_value((r, 0))
                .map(|d| d.to_string())
                .unwrap_or_default()
        })
        .collect();
    let layout = r.layout();
    let mut sections: Vec<(String, Vec<String>)> = Vec::new();
    for row in rows {
        if layout
            .sections
            .iter()
            .any(|s| row == format!("{}、{}", s.no, s.heading))
        {
            sections.push((row, Vec::new()));
        } else if let Some((_, lines)) = sections.last_mut() {
            lines.push(row);
        }
    }
    assert_eq!(sections.len(), 3);
    for ((heading, lines), id) in sections.iter().zip(["overview", "problems", "other"]) {
        assert_eq!(lines.join("\n"), r.section(id), "{heading}");
    }
}

/// Every cached check result of a workbook: (sheet, A1, text).
fn check_results(bytes: &[u8]) -> Vec<(String, String, String)> {
    let mut x = read_back(bytes);
    let mut out = Vec::new();
    for sheet in ["表三 依申请公开", "表四 复议诉讼"] {
        let formulas = x.worksheet_formula(sheet).unwrap();
        let values = x.worksheet_range(sheet).unwrap();
        for (r, c, f) in formulas.used_cells() {
            if f.is_empty() {
                continue;
            }
            let (r, c) = (
                r as u32 + formulas.start().unwrap().0,
                c as u32 + formulas.start().unwrap().1,
            );
            let v = values.get_value((r, c)).cloned().unwrap_or(Data::Empty);
            out.push((
                sheet.to_string(),
                zfxxgk_core::report::a1(r, c),
                v.to_string(),
            ));
        }
    }
    out
}

#[test]
fn cached_check_results_are_right() {
    // The blank template and a balanced report: every check says 平衡.
    let t = template(&TemplateOptions::default()).unwrap();
    let results = check_results(&t);
    // 7 balance + 7 results-sum + 25 row totals + 3 groups of table 四.
    assert_eq!(results.len(), 7 + 7 + 25 + 3);
    assert!(results.iter().all(|(_, _, v)| v == "平衡"), "{results:?}");
    let ok = sample::yima_transport_2024();
    let results = check_results(&report_workbook(&ok, &[], Lang::Zh).unwrap());
    assert!(results.iter().all(|(_, _, v)| v == "平衡"));

    // Unbalanced: the first column's balance, the first row's total; table 四 still balances
    // (a spreadsheet's SUM ignores the "/").
    let bad = broken_sample();
    let results = check_results(&report_workbook(&bad, &[], Lang::Zh).unwrap());
    let unbalanced: Vec<&str> = results
        .iter()
        .filter(|(_, _, v)| v == "不平衡")
        .map(|(_, a, _)| a.as_str())
        .collect();
    // Column D (自然人) of the balance row, and the check column K of the first data row.
    assert_eq!(unbalanced.len(), 2, "{results:?}");
    assert!(unbalanced.contains(&"K5"), "{unbalanced:?}");
    assert!(
        unbalanced.iter().any(|a| a.starts_with('D')),
        "{unbalanced:?}"
    );
    // The core agrees on what is wrong.
    let codes: Vec<_> = check(&bad, &options())
        .into_iter()
        .filter(|f| matches!(f.code, Code::T3Balance | Code::T3RowTotal | Code::T4Total))
        .map(|f| f.code)
        .collect();
    assert_eq!(codes, vec![Code::T3Balance, Code::T3RowTotal]);
}

#[test]
fn the_blank_template_fixtures_are_current() {
    // The blank template, and the position of every cell in it (fill_template.py reads them).
    let bytes = template(&TemplateOptions::default()).unwrap();
    let mut csv = String::from("cell,sheet,a1\n");
    for p in template_positions(Edition::V2021) {
        csv.push_str(&format!("{},{},{}\n", p.id, p.sheet, p.a1));
    }
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../tests/fixtures/workbooks");
    let files = [
        ("template-blank.xlsx", bytes),
        ("template-positions.csv", csv.into_bytes()),
    ];
    for (name, bytes) in files {
        let path = dir.join(name);
        if std::env::var_os("ZFXXGK_UPDATE_FIXTURES").is_some() {
            std::fs::create_dir_all(&dir).unwrap();
            std::fs::write(&path, &bytes).unwrap();
        }
        let committed =
            std::fs::read(&path).expect("run with ZFXXGK_UPDATE_FIXTURES=1 to write it");
        assert!(
            committed == bytes,
            "{name} is stale: run with ZFXXGK_UPDATE_FIXTURES=1"
        );
    }
}

#[test]
fn a_huge_text_is_a_clear_error() {
    let mut r = sample::yima_transport_2024();
    r.set_section("overview", "字".repeat(40_000));
    let err = report_workbook(&r, &[], Lang::Zh).unwrap_err();
    assert!(err.to_string().contains("32767"), "{err}");
}

#[test]
fn english_findings_sheet() {
    let r = broken_sample();
    let f = check(&r, &options());
    let bytes = report_workbook(&r, &f, Lang::En).unwrap();
    let mut x = read_back(&bytes);
    let sheet = x.worksheet_range("校验结果").unwrap();
    assert_eq!(
        sheet.get_value((0, 3)),
        Some(&Data::String("Message".into()))
    );
    let messages: Vec<String> = sheet.used_cells().map(|(_, _, d)| d.to_string()).collect();
    assert!(messages.iter().any(|m| m.starts_with("Table 3, column")));
    assert!(
        messages.iter().any(|m| m
            == "表三 依申请公开!D5\n表三 依申请公开!D6\n表三 依申请公开!D28\n表三 依申请公开!D29"),
        "{messages:?}"
    );
}

#[test]
fn the_openpyxl_filled_template_holds_its_expected_values_and_balances() {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../tests/fixtures/workbooks");
    let bytes = std::fs::read(dir.join("template-filled-openpyxl.xlsx")).unwrap();
    let expected =
        std::fs::read_to_string(dir.join("template-filled-openpyxl.expected.csv")).unwrap();
    let positions = template_positions(Edition::V2021);
    let mut x = read_back(&bytes);
    let mut report = Report::new(Edition::V2021);
    let mut n = 0;
    for line in expected.lines().skip(1) {
        let f: Vec<&str> = line.split(',').collect();
        let (agency, year, id, value) = (f[1], f[2], f[3], f[4]);
        report.agency = agency.to_string();
        report.year = year.parse().ok();
        let v = CellValue::parse_plain(value);
        let p = positions.iter().find(|p| p.id == id).unwrap();
        assert_eq!(
            value_at(&mut x, p.sheet, p.row, p.col),
            expected_data(&v),
            "{id}"
        );
        assert!(report.set_by_id(id, v));
        n += 1;
    }
    assert_eq!(n, 200);
    let info = x.worksheet_range("基本信息").unwrap();
    assert_eq!(
        info.get_value((1, 1)),
        Some(&Data::String(report.agency.clone()))
    );
    let findings = check(&report, &options());
    assert!(findings.is_empty(), "{findings:?}");
}
