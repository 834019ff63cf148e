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
    SummaryFile, SummaryInfo, SummaryMember, TemplateOptions, report_workbook, summary_workbook,
    summary_workbook_with, template, template_positions,
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

/// The two samples of the summary snapshot: the published sample, and the broken sample as
/// another agency, with the sheet and cell its values were read from.
fn summary_members() -> (Report, Report) {
    let a = sample::yima_transport_2024();
    let mut b = broken_sample();
    b.agency = "某某县交通运输局".into();
    for p in template_positions(Edition::V2021) {
        let cell = b.layout().cell(p.id).unwrap();
        b.set_origin(cell, Location::sheet_cell(p.sheet, p.row, p.col));
    }
    (a, b)
}

#[test]
fn snapshot_summary_sample_and_broken_sample() {
    let (a, b) = summary_members();
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
    let info = SummaryInfo {
        date: Some("2025-01-20".into()),
        files: vec![
            SummaryFile {
                file: "义马市交通运输局.xlsx".into(),
                agency: a.agency.clone(),
                year: a.year,
                included: true,
                status: "已计入".into(),
                reason: String::new(),
            },
            SummaryFile {
                file: "某某县/交通运输局.xlsx".into(),
                agency: b.agency.clone(),
                year: b.year,
                included: true,
                status: "已计入".into(),
                reason: String::new(),
            },
            SummaryFile {
                file: "某某县/交通运输局（副本）.xlsx".into(),
                agency: b.agency.clone(),
                year: b.year,
                included: false,
                status: "未计入".into(),
                reason: "与“某某县/交通运输局.xlsx”重复，保留了前者".into(),
            },
            SummaryFile {
                file: String::new(),
                agency: "某某县财政局".into(),
                year: None,
                included: false,
                status: "未报送".into(),
                reason: "应报单位名单中有，没有收到文件".into(),
            },
        ],
    };
    let bytes = summary_workbook_with(&total, &ft, &members, &info, Lang::Zh).unwrap();
    let mut x = read_back(&bytes);
    // The detail sheet: ids in the hidden first row, one row per member under three header rows,
    // the 合计 row last.
    let range = x.worksheet_range("明细").unwrap();
    let at = |r: u32, c: u32| range.get_value((r, c)).cloned().unwrap_or(Data::Empty);
    assert_eq!(
        at(0, 4),
        Data::String("disclosure.regulations.issued".into())
    );
    assert_eq!(at(5, 1), Data::String("某某县交通运输局".into()));
    let col = 4 + Edition::V2021
        .layout()
        .cell("disclosure.penalty.decisions")
        .unwrap()
        .index as u32;
    assert_eq!(at(4, col), Data::Float(118.0));
    assert_eq!(at(6, 1), Data::String("合计".into()));
    assert_eq!(at(6, col), Data::Float(236.0));
    // 基本信息 says what was totalled instead of the filler's form.
    let info_sheet = x.worksheet_range("基本信息").unwrap();
    let texts: Vec<String> = info_sheet
        .used_cells()
        .map(|(_, _, d)| d.to_string())
        .collect();
    assert!(
        texts
            .iter()
            .any(|t| t.starts_with("共汇总 2 个单位，来自 2 个文件")),
        "{texts:?}"
    );
    assert!(texts.iter().any(|t| t == "2025-01-20"));
    assert!(!texts.iter().any(|t| t == "填报人" || t == "联系电话"));
    snapshot("summary_sample_and_broken_sample", &bytes);
}

#[test]
fn output_is_deterministic() {
    let t1 = template(&TemplateOptions::default()).unwrap();
    let t2 = template(&TemplateOptions::default()).unwrap();
    assert_eq!(t1, t2);
    // A summary too; without a date and a file list it is the summary with default options.
    let (a, b) = summary_members();
    let total = total_of(&[&a, &b]);
    let members = [SummaryMember {
        report: &b,
        file: "b.xlsx",
        findings: &[],
    }];
    let s1 = summary_workbook(&total, &[], &members, Lang::Zh).unwrap();
    let s2 = summary_workbook_with(&total, &[], &members, &SummaryInfo::default(), Lang::Zh);
    assert_eq!(s1, s2.unwrap());
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

/// The consistent report of the openpyxl fixture (every rule holds).
fn balanced_report() -> Report {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../tests/fixtures/workbooks");
    let expected =
        std::fs::read_to_string(dir.join("template-filled-openpyxl.expected.csv")).unwrap();
    let mut report = Report::new(Edition::V2021);
    for line in expected.lines().skip(1) {
        let f: Vec<&str> = line.split(',').collect();
        report.agency = f[1].to_string();
        report.year = f[2].parse().ok();
        assert!(report.set_by_id(f[3], CellValue::parse_plain(f[4])));
    }
    assert!(check(&report, &options()).is_empty());
    report
}

/// Every live check of a workbook: its sheet and cell, its cached result and the ids of the cells
/// its formula reads.
fn live_checks(bytes: &[u8]) -> Vec<(String, String, String, Vec<&'static str>)> {
    let positions = template_positions(Edition::V2021);
    let mut x = read_back(bytes);
    let mut out = Vec::new();
    for sheet in ["表三 依申请公开", "表四 复议诉讼"] {
        let formulas = x.worksheet_formula(sheet).unwrap();
        let values = x.worksheet_range(sheet).unwrap();
        let (r0, c0) = formulas.start().unwrap();
        for (r, c, f) in formulas.used_cells() {
            if f.is_empty() {
                continue;
            }
            let (r, c) = (r as u32 + r0, c as u32 + c0);
            let mut ids = Vec::new();
            for part in f.split("ASC(").skip(1) {
                let a1 = part.split(')').next().unwrap();
                let p = positions
                    .iter()
                    .find(|p| p.sheet == sheet && p.a1 == a1)
                    .unwrap_or_else(|| panic!("{a1} in {f}"));
                if !ids.contains(&p.id) {
                    ids.push(p.id);
                }
            }
            let v = values.get_value((r, c)).cloned().unwrap_or(Data::Empty);
            out.push((
                sheet.to_string(),
                zfxxgk_core::report::a1(r, c),
                v.to_string(),
                ids,
            ));
        }
    }
    out
}

/// What `zfxxgk check` says about the equation over `ids` of the workbook read back: 不平衡 when
/// it reports the equation, 有文字 when it cannot read a cell of it (and skips the equation),
/// else 平衡.
fn core_verdict(read: &Report, findings: &[zfxxgk_core::Finding], ids: &[&str]) -> &'static str {
    let mut want: Vec<&str> = ids.to_vec();
    want.sort_unstable();
    let reported = findings.iter().any(|f| {
        let mut got = f.cell_ids();
        got.sort_unstable();
        matches!(
            f.code,
            Code::T3Balance | Code::T3ResultsSum | Code::T3RowTotal | Code::T4Total
        ) && got == want
    });
    let unreadable = ids
        .iter()
        .any(|id| matches!(read.get(id), Some(CellValue::Text(_))));
    match (reported, unreadable) {
        (true, _) => "不平衡",
        (false, true) => "有文字",
        (false, false) => "平衡",
    }
}

/// Writes `report` as a filled workbook (text values as the text a filler typed), reads it back
/// as `zfxxgk check` does, and compares every live check's cached result with the checker.
fn live_checks_agree_with_check(name: &str, report: &Report) -> Vec<(String, String, String)> {
    let bytes = report_workbook(report, &[], Lang::Zh).unwrap();
    keep(&format!("{name}.xlsx"), &bytes);
    let read = zfxxgk_excel::read::read_bytes(&bytes, &Default::default()).unwrap();
    let findings = check(&read, &options());
    let checks = live_checks(&bytes);
    assert_eq!(checks.len(), 7 + 7 + 25 + 3);
    let mut out = Vec::new();
    for (sheet, a1, cached, ids) in checks {
        assert_eq!(
            cached,
            core_verdict(&read, &findings, &ids),
            "{sheet}!{a1} over {ids:?}"
        );
        out.push((sheet, a1, cached));
    }
    out
}

#[test]
fn live_checks_read_text_digits_and_placeholders_as_check_does() {
    // Numbers typed as text, full-width, with spaces (the ideographic one too), and zeros as
    // placeholders and blanks: every equation still holds, in the workbook as in `check`.
    let mut r = balanced_report();
    let numbers: Vec<(&'static str, Decimal)> = r
        .cells()
        .filter_map(|(c, v)| v.as_number().map(|d| (c.id, d)))
        .filter(|(id, _)| id.starts_with("applications.") || id.starts_with("appeals."))
        .collect();
    let mut forms = 0;
    for (i, (id, d)) in numbers.iter().enumerate() {
        let full: String = d
            .to_string()
            .chars()
            .map(|c| char::from_u32(c as u32 + 0xfee0).unwrap())
            .collect();
        let v = match (i % 7, d.is_zero()) {
            (0, _) => CellValue::Text(d.to_string()),
            (1, _) => CellValue::Text(full),
            (2, _) => CellValue::Text(format!(" {d} ")),
            (3, _) => CellValue::Text(format!("{d}\u{3000}")),
            (4, true) => CellValue::Placeholder("/".into()),
            (5, true) => CellValue::Placeholder("—".into()),
            (6, true) => CellValue::Blank,
            _ => continue,
        };
        forms += 1;
        assert!(r.set_by_id(id, v));
    }
    assert!(forms > 50, "{forms}");
    let results = live_checks_agree_with_check("live-checks-text-digits", &r);
    assert!(results.iter().all(|(_, _, v)| v == "平衡"), "{results:?}");

    // A number typed as text that breaks an equation: the live check says 不平衡 where `check`
    // reports it, nowhere else.
    let mut bad = r.clone();
    assert!(bad.set_by_id(
        "applications.new.natural_person",
        CellValue::Text("９９９".into())
    ));
    let results = live_checks_agree_with_check("live-checks-unbalanced", &bad);
    let unbalanced = results.iter().filter(|(_, _, v)| v == "不平衡").count();
    assert_eq!(unbalanced, 2, "{results:?}");

    // A text neither a number nor a placeholder: the checks over it say 有文字, as `check`
    // reports VALUE-TEXT and skips those equations.
    let mut words = r.clone();
    assert!(words.set_by_id(
        "applications.granted.natural_person",
        CellValue::Text("十二".into())
    ));
    let results = live_checks_agree_with_check("live-checks-words", &words);
    let unreadable: Vec<&str> = results
        .iter()
        .filter(|(_, _, v)| v == "有文字")
        .map(|(_, a, _)| a.as_str())
        .collect();
    // Its row's total and its column's results sum (the balance reads only the results total).
    assert_eq!(unreadable.len(), 2, "{results:?}");
}

#[test]
fn input_cells_holding_text_are_highlighted_and_checks_name_the_placeholder_list() {
    let dump = dump_xlsx(&template(&TemplateOptions::default()).unwrap()).unwrap();
    assert!(dump.contains("ISTEXT(D5)"), "no ISTEXT highlight on 表三");
    assert!(dump.contains("defined name 占位符"), "no placeholder list");
    assert!(!dump.contains("SUM("), "a live check still uses SUM");
}

/// Reads the readable workbook fixtures as `check` does.
fn fixture_reports() -> Vec<(String, Report)> {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../tests/fixtures/workbooks");
    let mut out = Vec::new();
    for name in [
        "wps-style-stacked.xlsx",
        "per-sheet-reordered.xlsx",
        "label-variants.xlsx",
        "value-variants.xlsx",
        "unit-yuan.xlsx",
        "inconsistent.xlsx",
        "formulas-openpyxl.xlsx",
        "partial-only-table3.xlsx",
        "template-filled-openpyxl.xlsx",
    ] {
        if let Ok(r) = zfxxgk_excel::read::read_path(&dir.join(name), &Default::default()) {
            out.push((format!("各单位/{name}"), r));
        }
    }
    assert!(out.len() >= 8, "{} fixtures read", out.len());
    out
}

#[test]
fn the_summary_of_the_fixture_workbooks_prints_as_an_office_hands_it_on() {
    let reports = fixture_reports();
    let refs: Vec<&Report> = reports.iter().map(|(_, r)| r).collect();
    let total =
        zfxxgk_core::aggregate::aggregate(&refs, "某某县人民政府办公室", Some(2024), true).unwrap();
    let findings: Vec<Vec<zfxxgk_core::Finding>> =
        refs.iter().map(|r| check(r, &options())).collect();
    let total_findings = check(&total, &options());
    let members: Vec<SummaryMember> = reports
        .iter()
        .zip(&findings)
        .map(|((file, report), f)| SummaryMember {
            report,
            file,
            findings: f,
        })
        .collect();
    let info = SummaryInfo {
        date: Some("2025-01-20".into()),
        files: Vec::new(),
    };
    let bytes = summary_workbook_with(&total, &total_findings, &members, &info, Lang::Zh).unwrap();
    keep("summary-fixtures.xlsx", &bytes);

    // Marked as our summary.
    let mut zip = zip::ZipArchive::new(Cursor::new(bytes.clone())).unwrap();
    let mut custom = String::new();
    std::io::Read::read_to_string(
        &mut zip.by_name("docProps/custom.xml").unwrap(),
        &mut custom,
    )
    .unwrap();
    assert!(custom.contains(r#"name="zfxxgk_kind""#), "{custom}");
    assert!(
        custom.contains("<vt:lpwstr>summary</vt:lpwstr>"),
        "{custom}"
    );

    // Every sheet's rows in strictly ascending order (Excel repairs a file where a row appears
    // twice, as rust_xlsxwriter writes the last row of a constant-memory sheet whose height was
    // set).
    for i in 0..zip.len() {
        let mut part = zip.by_index(i).unwrap();
        let name = part.name().unwrap().to_string();
        if !name.starts_with("xl/worksheets/sheet") {
            continue;
        }
        let mut xml = String::new();
        std::io::Read::read_to_string(&mut part, &mut xml).unwrap();
        let rows: Vec<u32> = xml
            .split("<row r=\"")
            .skip(1)
            .map(|t| t.split('"').next().unwrap().parse().unwrap())
            .collect();
        assert!(
            rows.windows(2).all(|w| w[0] < w[1]),
            "{name}: rows {rows:?}"
        );
    }

    let mut x = read_back(&bytes);
    // 明细: the 合计 row is the total, cell by cell.
    let detail = x.worksheet_range("明细").unwrap();
    let total_row = 4 + members.len() as u32;
    assert_eq!(
        detail.get_value((total_row, 1)),
        Some(&Data::String("合计".into()))
    );
    for (i, cell) in total.layout().cells().iter().enumerate() {
        let got = detail
            .get_value((total_row, 4 + i as u32))
            .cloned()
            .unwrap_or(Data::Empty);
        assert_eq!(got, expected_data(total.value(cell)), "{}", cell.id);
    }

    // 校验结果: the total's block, then the members', errors before warnings in each; no cell id
    // in the printed columns; the blank cells of a member's table in one row; every finding about
    // cells says where they are in the member's file.
    let sheet = x.worksheet_range("校验结果").unwrap();
    let text = |r: u32, c: u32| {
        sheet
            .get_value((r, c))
            .map(|d| d.to_string())
            .unwrap_or_default()
    };
    assert!(
        text(1, 0).starts_with("一、汇总数的检查结果"),
        "{}",
        text(1, 0)
    );
    let ids: Vec<&str> = total.layout().cells().iter().map(|c| c.id).collect();
    let mut block = 0;
    let mut last_severity = String::new();
    let mut missing_rows: Vec<(String, String)> = Vec::new();
    let mut rows = 0;
    for r in 1..sheet.height() as u32 {
        let first = text(r, 0);
        if first.starts_with("以上共") {
            assert_eq!(r + 1, sheet.height() as u32, "the closing line is the last");
            break;
        }
        if first.starts_with("二、各单位报告的检查结果") {
            block = 2;
            last_severity.clear();
            continue;
        }
        if first.starts_with('一') {
            block = 1;
            continue;
        }
        for c in 0..7 {
            let t = text(r, c);
            assert!(
                !ids.iter().any(|id| t.contains(id)),
                "a cell id printed in row {r}: {t}"
            );
        }
        let severity = text(r, 3);
        if last_severity == "提醒" {
            assert_eq!(severity, "提醒", "an error after a warning in row {r}");
        }
        last_severity = severity;
        if block == 2 {
            rows += 1;
            if text(r, 4) == "VALUE-MISSING" {
                let key = (text(r, 2), text(r, 5).chars().take(2).collect());
                assert!(
                    !missing_rows.contains(&key),
                    "two VALUE-MISSING rows {key:?}"
                );
                missing_rows.push(key);
            }
            // A table that was not found has no position; every other finding about cells
            // has one.
            if !text(r, 7).is_empty() && !text(r, 4).starts_with("IMPORT-MISSING") {
                assert!(text(r, 6).contains("工作表“"), "row {r} has no position");
            }
        }
    }
    assert_eq!(block, 2);
    assert!(rows > 10, "{rows}");
    assert!(
        missing_rows.iter().any(|(_, m)| m == "表三"),
        "{missing_rows:?}"
    );

    // Printed landscape, one page wide, without the ids; 明细 a table's rows at a time.
    let dump = dump_xlsx(&bytes).unwrap();
    let section = |name: &str| -> String {
        let start = dump.find(&format!("== sheet {name} ==")).unwrap();
        let rest = &dump[start + 1..];
        let end = rest.find("== sheet ").unwrap_or(rest.len());
        rest[..end].to_string()
    };
    let findings_sheet = section("校验结果");
    assert!(
        findings_sheet.contains("orientation=landscape fit to pages: 1 wide"),
        "{findings_sheet}"
    );
    assert!(dump.contains("defined name _xlnm.Print_Area [校验结果] = 校验结果!$A$1:$G$"));
    let detail_sheet = section("明细");
    assert!(
        detail_sheet.contains("orientation=landscape"),
        "{detail_sheet}"
    );
    assert!(dump.contains("defined name _xlnm.Print_Titles [明细] = 明细!$A:$B,明细!$2:$4"));
}

#[test]
fn english_summary() {
    let (a, b) = summary_members();
    let total = total_of(&[&a, &b]);
    let (fa, fb, ft) = (
        check(&a, &options()),
        check(&b, &options()),
        check(&total, &options()),
    );
    let members = [
        SummaryMember {
            report: &a,
            file: "a.xlsx",
            findings: &fa,
        },
        SummaryMember {
            report: &b,
            file: "b.xlsx",
            findings: &fb,
        },
    ];
    let bytes = summary_workbook(&total, &ft, &members, Lang::En).unwrap();
    let mut x = read_back(&bytes);
    let findings = x.worksheet_range("校验结果").unwrap();
    assert_eq!(
        findings.get_value((0, 5)),
        Some(&Data::String("Finding".into()))
    );
    assert!(
        findings
            .get_value((1, 0))
            .unwrap()
            .to_string()
            .starts_with("1. Checks of the total")
    );
    let detail = x.worksheet_range("明细").unwrap();
    assert_eq!(
        detail.get_value((1, 1)),
        Some(&Data::String("Agency".into()))
    );
    assert_eq!(
        detail.get_value((6, 1)),
        Some(&Data::String("Total".into()))
    );
}
