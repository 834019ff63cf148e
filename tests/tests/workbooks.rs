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
    let sample = zfxxgk_core::sample::yima_transport_2024();
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
