//! The spreadsheet commands end to end: the template, the official spreadsheet of a report and
//! the summary workbook, as files a user gets.

use zfxxgk_excel::dump::dump_xlsx;
use zfxxgk_tests::zfxxgk;

fn dump(path: &std::path::Path) -> String {
    dump_xlsx(&std::fs::read(path).unwrap()).unwrap()
}

#[test]
fn template_writes_the_blank_standard_template() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("模板.xlsx");
    let o = out.display().to_string();
    let (code, _, err) = zfxxgk(&[
        "template",
        "-o",
        &o,
        "--agency",
        "某某县交通运输局",
        "--year",
        "2025",
    ]);
    assert_eq!(code, 0, "{err}");
    assert!(err.contains("已写出空白模板"), "{err}");
    let text = dump(&out);
    for sheet in [
        "基本信息",
        "表二 主动公开",
        "表三 依申请公开",
        "表四 复议诉讼",
        "报告正文",
    ] {
        assert!(text.contains(sheet), "no sheet {sheet}");
    }
    assert!(text.contains("某某县交通运输局"));
    assert!(text.contains("（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）"));
    // Never over an existing file; only .xlsx.
    let (code, _, err) = zfxxgk(&["template", "-o", &o]);
    assert_eq!(code, 2);
    assert!(err.contains("已存在"), "{err}");
    let (code, _, err) = zfxxgk(&[
        "template",
        "-o",
        &dir.path().join("t.xls").display().to_string(),
    ]);
    assert_eq!(code, 2);
    assert!(err.contains("不支持的输出格式“.xls”：可用 .xlsx"), "{err}");
}

#[test]
fn export_and_example_write_the_official_spreadsheet() {
    let dir = tempfile::tempdir().unwrap();
    let sample = dir.path().join("示例.xlsx");
    let (code, _, err) = zfxxgk(&["example", "-o", &sample.display().to_string()]);
    assert_eq!(code, 0, "{err}");
    let text = dump(&sample);
    assert!(text.contains("义马市交通运输局"));
    assert!(text.contains("118"));
    // The sample's one finding (its narrative against its table 三) is listed in 校验结果.
    assert!(text.contains("== sheet 校验结果 =="), "{text}");
    assert!(text.contains("TEXT-APPLICATIONS"));
    let inconsistent = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/fixtures/reports/inconsistent.csv"
    );
    let out = dir.path().join("inconsistent.xlsx");
    let (code, _, err) = zfxxgk(&["export", inconsistent, "-o", &out.display().to_string()]);
    assert_eq!(code, 0, "{err}");
    assert!(err.contains("（检查结果：7 个错误，1 个提醒）"), "{err}");
    let text = dump(&out);
    assert!(text.contains("校验结果"));
    assert!(text.contains("T3-BALANCE"));
    let two = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/fixtures/reports/two-agencies.csv"
    );
    let (code, _, err) = zfxxgk(&[
        "export",
        two,
        "-o",
        &dir.path().join("two.xlsx").display().to_string(),
    ]);
    assert_eq!(code, 2);
    assert!(err.contains("输入文件中有 2 份报告"), "{err}");
}

#[test]
fn aggregate_writes_the_summary_workbook() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("汇总.xlsx");
    let fixtures = concat!(env!("CARGO_MANIFEST_DIR"), "/fixtures/reports");
    let (code, _, err) = zfxxgk(&[
        "aggregate",
        &format!("{fixtures}/balanced.csv"),
        &format!("{fixtures}/placeholders.csv"),
        "-o",
        &out.display().to_string(),
        "--agency",
        "某某县人民政府办公室",
    ]);
    assert_eq!(code, 0, "{err}");
    let text = dump(&out);
    for sheet in [
        "汇总 表二 主动公开",
        "汇总 表三 依申请公开",
        "汇总 表四 复议诉讼",
        "明细",
        "校验结果",
    ] {
        assert!(text.contains(sheet), "no sheet {sheet}");
    }
    assert!(text.contains("某某县人民政府办公室"));
    assert!(text.contains("某某县卫生健康委员会"));
}

fn strip(r: zfxxgk_core::Report) -> Vec<(String, zfxxgk_core::CellValue)> {
    r.cells()
        .map(|(c, v)| (c.id.to_string(), v.clone()))
        .collect()
}

#[test]
fn the_sample_round_trips_through_the_official_spreadsheet() {
    let dir = tempfile::tempdir().unwrap();
    let xlsx = dir.path().join("示例.xlsx");
    let json = dir.path().join("示例.json");
    let p = |x: &std::path::Path| x.display().to_string();
    assert_eq!(zfxxgk(&["example", "-o", &p(&xlsx)]).0, 0);
    let (code, out, _) = zfxxgk(&["check", &p(&xlsx)]);
    assert_eq!(code, 0, "{out}");
    assert!(out.starts_with("义马市交通运输局 2024 年度报告"), "{out}");
    let (code, _, err) = zfxxgk(&["export", &p(&xlsx), "-o", &p(&json)]);
    assert_eq!(code, 0, "{err}");
    let back = zfxxgk_cli::formats::json::parse(&std::fs::read_to_string(&json).unwrap()).unwrap();
    let sample = zfxxgk_doc::sample::yima_transport_2024();
    assert_eq!(back[0].agency, sample.agency);
    assert_eq!(back[0].year, sample.year);
    assert_eq!(strip(back[0].clone()), strip(sample.clone()));
    for id in ["overview", "problems", "other"] {
        assert_eq!(back[0].section(id), sample.section(id), "section {id}");
    }
}

#[test]
fn template_filled_by_another_tool_checks_and_exports_every_value() {
    // tests/fixtures/workbooks/template-filled-openpyxl.xlsx: our template filled by openpyxl
    // (tests/fixtures/scripts/fill_template.py); its expected values beside it.
    let fixtures = concat!(env!("CARGO_MANIFEST_DIR"), "/fixtures/workbooks");
    let filled = format!("{fixtures}/template-filled-openpyxl.xlsx");
    let (code, out, _) = zfxxgk(&["check", &filled]);
    assert_eq!(code, 0, "{out}");
    let dir = tempfile::tempdir().unwrap();
    let csv = dir.path().join("filled.csv");
    let xlsx = dir.path().join("filled.xlsx");
    let p = |x: &std::path::Path| x.display().to_string();
    assert_eq!(zfxxgk(&["export", &filled, "-o", &p(&csv)]).0, 0);
    assert_eq!(zfxxgk(&["export", &filled, "-o", &p(&xlsx)]).0, 0);
    let expected =
        std::fs::read_to_string(format!("{fixtures}/template-filled-openpyxl.expected.csv"))
            .unwrap();
    let exported = std::fs::read_to_string(&csv).unwrap();
    for line in expected.lines().skip(1) {
        let f: Vec<&str> = line.trim_end_matches('\r').split(',').collect();
        let (cell, value) = (f[3], f[4]);
        let want = format!(",{cell},{value},");
        assert!(exported.contains(&want), "{cell}: expected {value}");
    }
    // And the exported workbook reads back to the same values.
    let (code, out, _) = zfxxgk(&["check", &p(&xlsx), "--format", "json"]);
    assert_eq!(code, 0, "{out}");
    let again = dir.path().join("again.csv");
    assert_eq!(zfxxgk(&["export", &p(&xlsx), "-o", &p(&again)]).0, 0);
    assert_eq!(std::fs::read_to_string(&again).unwrap(), exported);
}

#[test]
fn workbooks_are_read_by_content_whatever_their_names() {
    let dir = tempfile::tempdir().unwrap();
    let fixtures = concat!(env!("CARGO_MANIFEST_DIR"), "/fixtures/workbooks");
    let p = |x: &std::path::Path| x.display().to_string();
    // An xlsx named .xls, .xlsm or with no extension at all; an xls named .xlsx.
    for (from, to) in [
        ("wps-style-stacked.xlsx", "保存为.xls"),
        ("wps-style-stacked.xlsx", "宏.xlsm"),
        ("wps-style-stacked.xlsx", "没有扩展名"),
        ("wps-style-stacked.xls", "旧格式.xlsx"),
        ("wps-style-stacked.ods", "表格.xlsx"),
    ] {
        let target = dir.path().join(to);
        std::fs::copy(format!("{fixtures}/{from}"), &target).unwrap();
        let (code, out, _) = zfxxgk(&["check", &p(&target)]);
        assert_eq!(code, 0, "{from} as {to}: {out}");
        assert!(out.contains("：无误"), "{from} as {to}: {out}");
    }
    // A directory walk picks up .xlsm and .ods too (and not the file without an extension).
    let (code, out, _) = zfxxgk(&["check", &p(dir.path())]);
    assert_eq!(code, 0, "{out}");
    assert!(out.contains("共 4 个文件、4 份报告"), "{out}");
}

#[test]
fn a_directory_of_good_bad_and_unreadable_workbooks_is_checked_and_totalled() {
    let dir = tempfile::tempdir().unwrap();
    let reports = concat!(env!("CARGO_MANIFEST_DIR"), "/fixtures/reports");
    let p = |x: &std::path::Path| x.display().to_string();
    // Three workbooks of 2023 (two balanced, one with errors), and one that is not a workbook.
    let inputs = [
        ("balanced.csv", "1-甲.xlsx"),
        ("placeholders.csv", "2-乙.xlsx"),
        ("two-agencies.csv", ""),
    ];
    for (from, to) in inputs.iter().filter(|(_, to)| !to.is_empty()) {
        let (code, _, err) = zfxxgk(&[
            "export",
            &format!("{reports}/{from}"),
            "-o",
            &p(&dir.path().join(to)),
        ]);
        assert_eq!(code, 0, "{err}");
    }
    // The CSV with two agencies: split into one workbook each through JSON.
    let both = zfxxgk_cli::formats::csv::parse(
        &std::fs::read_to_string(format!("{reports}/two-agencies.csv")).unwrap(),
    )
    .unwrap();
    for (i, r) in both.iter().enumerate() {
        let json = dir.path().join(format!("tmp{i}.json"));
        std::fs::write(
            &json,
            zfxxgk_cli::formats::json::to_string(std::slice::from_ref(r)),
        )
        .unwrap();
        let out = dir.path().join(format!("{}-{}.xlsx", i + 3, r.agency));
        assert_eq!(zfxxgk(&["export", &p(&json), "-o", &p(&out)]).0, 0);
        std::fs::remove_file(&json).unwrap();
    }
    // A workbook cut short in transit.
    let whole = std::fs::read(dir.path().join("1-甲.xlsx")).unwrap();
    std::fs::write(dir.path().join("5-坏文件.xlsx"), &whole[..whole.len() / 2]).unwrap();
    let (code, out, _) = zfxxgk(&["check", &p(dir.path())]);
    assert_eq!(code, 2, "{out}");
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines.len(), 6, "{out}");
    assert!(
        lines[0].starts_with("某某县交通运输局 2023 年度报告（")
            && lines[0].ends_with("1-甲.xlsx）：无误"),
        "{out}"
    );
    assert!(
        lines[1].contains("2-乙.xlsx）：0 个错误，7 个提醒"),
        "{out}"
    );
    assert!(lines[2].contains("3-甲县教育局.xlsx）：无误"), "{out}");
    assert!(
        lines[3].contains("4-乙县民政局.xlsx）：7 个错误，1 个提醒"),
        "{out}"
    );
    assert!(
        lines[4].contains("5-坏文件.xlsx：无法读取：文件已损坏或不完整"),
        "{out}"
    );
    assert_eq!(
        lines[5],
        "共 5 个文件、4 份报告：1 份有错误，1 份仅有提醒，2 份无误；1 个文件无法读取。"
    );
    // The total of the four readable reports is the sum of their values, cell by cell.
    let total = dir.path().join("汇总.json");
    let (code, stdout, err) = zfxxgk(&[
        "aggregate",
        &p(dir.path()),
        "-o",
        &p(&total),
        "--agency",
        "某县",
    ]);
    assert_eq!(code, 2, "{stdout}{err}");
    assert!(err.contains("5-坏文件.xlsx：未计入汇总：无法读取"), "{err}");
    assert!(
        stdout.contains("其中 1 份报告有错误，它们的数字已计入汇总"),
        "{stdout}"
    );
    let summary: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&total).unwrap()).unwrap();
    let mut members = vec![];
    for name in ["balanced.csv", "placeholders.csv"] {
        members.extend(
            zfxxgk_cli::formats::csv::parse(
                &std::fs::read_to_string(format!("{reports}/{name}")).unwrap(),
            )
            .unwrap(),
        );
    }
    members.extend(both);
    assert_eq!(members.len(), 4);
    for cell in zfxxgk_core::Edition::V2021.layout().cells() {
        let sum: rust_decimal::Decimal = members
            .iter()
            .map(|r| r.value(cell).as_number().unwrap_or_default())
            .sum();
        let any = members.iter().any(|r| r.value(cell).as_number().is_some());
        let got = &summary["total"]["cells"][cell.id];
        if any {
            assert_eq!(got.to_string(), sum.to_string(), "{}", cell.id);
        } else {
            assert!(got.is_null(), "{} should stay blank", cell.id);
        }
    }
}
