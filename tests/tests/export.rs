//! `export` and `example`: lossless between JSON and CSV, never overwriting without --force,
//! never writing over the input.

use zfxxgk_cli::formats;
use zfxxgk_core::{CellValue, Report};
use zfxxgk_tests::zfxxgk;

fn strip_origins(reports: Vec<Report>) -> Vec<Report> {
    reports
        .into_iter()
        .map(|r| {
            let mut clean = Report::new(r.edition);
            clean.agency = r.agency.clone();
            clean.year = r.year;
            clean.contact = r.contact.clone();
            for (section, text) in r.sections() {
                clean.set_section(section.id, text);
            }
            for (cell, v) in r.cells() {
                clean.set(cell, v.clone());
            }
            clean
        })
        .collect()
}

#[test]
fn example_writes_the_sample_as_json_on_stdout() {
    let (code, out, _) = zfxxgk(&["example"]);
    assert_eq!(code, 0);
    let reports = formats::json::parse(&out).unwrap();
    assert_eq!(reports, vec![zfxxgk_doc::sample::yima_transport_2024()]);
}

#[test]
fn sample_round_trips_json_csv_json() {
    let dir = tempfile::tempdir().unwrap();
    let json1 = dir.path().join("sample.json");
    let csv = dir.path().join("sample.csv");
    let json2 = dir.path().join("again.json");
    let s = |p: &std::path::Path| p.display().to_string();
    assert_eq!(zfxxgk(&["example", "-o", &s(&json1)]).0, 0);
    let (code, _, err) = zfxxgk(&["export", &s(&json1), "-o", &s(&csv)]);
    assert_eq!(code, 0, "{err}");
    assert!(err.contains("（检查结果：0 个错误，1 个提醒）"), "{err}");
    assert_eq!(zfxxgk(&["export", &s(&csv), "-o", &s(&json2)]).0, 0);
    let a = formats::json::parse(&std::fs::read_to_string(&json1).unwrap()).unwrap();
    let b = strip_origins(formats::json::parse(&std::fs::read_to_string(&json2).unwrap()).unwrap());
    // CSV carries metadata and cells; the narrative sections live only in JSON.
    let mut a_cells = strip_origins(a.clone());
    for r in &mut a_cells {
        for id in ["overview", "problems", "other"] {
            r.set_section(id, "");
        }
    }
    assert_eq!(a_cells, b);
    let c = strip_origins(formats::csv::parse(&std::fs::read_to_string(&csv).unwrap()).unwrap());
    assert_eq!(b, c);
}

#[test]
fn blank_placeholder_zero_and_text_stay_distinct_through_csv_and_json() {
    let mut r = zfxxgk_tests::balanced();
    r.set_by_id("applications.new.research", CellValue::Blank);
    r.set_by_id(
        "applications.new.social_welfare",
        CellValue::Placeholder("—".into()),
    );
    r.set_by_id("applications.new.other_org", CellValue::int(0));
    r.set_by_id("appeals.review.other", CellValue::Text("见附件".into()));
    let dir = tempfile::tempdir().unwrap();
    let json = dir.path().join("r.json");
    std::fs::write(&json, formats::json::to_string(std::slice::from_ref(&r))).unwrap();
    let csv = dir.path().join("r.csv");
    let back = dir.path().join("back.json");
    let p = |x: &std::path::Path| x.display().to_string();
    assert_eq!(zfxxgk(&["export", &p(&json), "-o", &p(&csv)]).0, 0);
    assert_eq!(zfxxgk(&["export", &p(&csv), "-o", &p(&back)]).0, 0);
    let got =
        strip_origins(formats::json::parse(&std::fs::read_to_string(&back).unwrap()).unwrap());
    assert_eq!(got, vec![r]);
}

#[test]
fn export_refuses_to_overwrite_without_force_and_never_writes_over_its_input() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("in.json");
    let out = dir.path().join("out.csv");
    let p = |x: &std::path::Path| x.display().to_string();
    assert_eq!(zfxxgk(&["example", "-o", &p(&input)]).0, 0);
    std::fs::write(&out, "precious").unwrap();
    let (code, _, err) = zfxxgk(&["export", &p(&input), "-o", &p(&out)]);
    assert_eq!(code, 2);
    assert!(err.contains("已存在；如要覆盖，请加 --force"), "{err}");
    assert_eq!(std::fs::read_to_string(&out).unwrap(), "precious");
    assert_eq!(
        zfxxgk(&["export", &p(&input), "-o", &p(&out), "--force"]).0,
        0
    );
    assert!(
        std::fs::read_to_string(&out)
            .unwrap()
            .starts_with("\u{feff}agency,year,edition,cell,value")
    );
    let (code, _, err) = zfxxgk(&["export", &p(&input), "-o", &p(&input), "--force"]);
    assert_eq!(code, 2);
    assert!(err.contains("就是输入文件"), "{err}");
    let (code, _, err) = zfxxgk(&["export", &p(&input), "-o", &p(&dir.path().join("x.pptx"))]);
    assert_eq!(code, 2);
    assert!(
        err.contains("不支持的输出格式“.pptx”：可用 .docx .html .txt .md .xlsx .json .csv"),
        "{err}"
    );
    let (code, _, err) = zfxxgk(&[
        "export",
        &p(&dir.path().join("missing.json")),
        "-o",
        &p(&out),
        "--force",
    ]);
    assert_eq!(code, 2);
    assert!(err.contains("missing.json：无法读取：文件不存在"), "{err}");
    // Nothing but the files we made is left in the directory (no temporary files).
    let mut names: Vec<String> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    assert_eq!(names, ["in.json", "out.csv"]);
}

#[test]
fn example_refuses_to_overwrite() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("s.csv");
    let p = out.display().to_string();
    assert_eq!(zfxxgk(&["example", "-o", &p]).0, 0);
    let (code, _, err) = zfxxgk(&["example", "-o", &p]);
    assert_eq!(code, 2);
    assert!(err.contains("已存在"), "{err}");
}

#[test]
fn export_to_html_in_the_official_layout() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("sample.json");
    let out = dir.path().join("sample.html");
    let p = |x: &std::path::Path| x.display().to_string();
    assert_eq!(zfxxgk(&["example", "-o", &p(&input)]).0, 0);
    let (code, _, err) = zfxxgk(&["export", &p(&input), "-o", &p(&out)]);
    assert_eq!(code, 0, "{err}");
    // The whole report as one page, exactly what the writer makes of the sample (its layout is
    // locked by the writer's own snapshots).
    let html = std::fs::read_to_string(&out).unwrap();
    assert_eq!(
        html,
        zfxxgk_doc::write::html(&zfxxgk_doc::sample::yima_transport_2024()).output
    );
    assert!(html.contains("政府信息公开工作年度报告"));
    // Several reports cannot go into one page.
    let many = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/fixtures/reports/two-agencies.csv"
    );
    let (code, _, err) = zfxxgk(&["export", many, "-o", &p(&dir.path().join("two.html"))]);
    assert_eq!(code, 2);
    assert!(
        err.contains("输入文件中有 2 份报告，这种格式一次只能导出一份"),
        "{err}"
    );
}

/// No message about writing ever names the temporary file the output is written through
/// (`.zfxxgk-XXXX.tmp` beside the output).
#[track_caller]
fn refused_write(args: &[&str], expected: &str) {
    let (code, out, err) = zfxxgk(args);
    assert_eq!(code, 2, "{args:?}: {out}{err}");
    assert!(
        err.contains(expected),
        "{args:?}: expected “{expected}” in “{err}”"
    );
    assert!(
        !err.contains(".zfxxgk-") && !err.contains(".tmp"),
        "{args:?}: a temporary file is named: {err}"
    );
}

#[test]
fn writing_where_it_cannot_be_written_says_why_in_the_users_terms() {
    // Not `.tmpXXXX`, which would look like a temporary file's name in the messages.
    let dir = tempfile::Builder::new()
        .prefix("zfxxgk-test")
        .tempdir()
        .unwrap();
    let p = |x: &std::path::Path| x.display().to_string();
    let input = dir.path().join("in.json");
    assert_eq!(zfxxgk(&["example", "-o", &p(&input)]).0, 0);
    // Into a folder that does not exist.
    let missing = dir.path().join("没有这个文件夹").join("下级");
    let out = p(&missing.join("年报.csv"));
    let expected = format!("输出目录不存在：{}", p(&missing));
    refused_write(&["export", &p(&input), "-o", &out], &expected);
    refused_write(&["example", "-o", &out, "--force"], &expected);
    refused_write(
        &["template", "-o", &p(&missing.join("模板.xlsx"))],
        &expected,
    );
    refused_write(
        &[
            "aggregate",
            &p(&input),
            "-o",
            &p(&missing.join("汇总.xlsx")),
        ],
        &expected,
    );
    refused_write(
        &["aggregate", &p(&input), "-o", &out, "--lang", "en"],
        &format!("the output folder does not exist: {}", p(&missing)),
    );
    // Onto a folder, with or without --force.
    let folder = dir.path().join("汇总");
    std::fs::create_dir(&folder).unwrap();
    let expected = format!(
        "{} 是一个文件夹；请写出完整的文件名，如 {}",
        p(&folder),
        p(&folder.join("汇总.docx"))
    );
    refused_write(&["export", &p(&input), "-o", &p(&folder)], &expected);
    refused_write(
        &["export", &p(&input), "-o", &p(&folder), "--force"],
        &expected,
    );
    refused_write(
        &["aggregate", &p(&input), "-o", &p(&folder)],
        &format!("如 {}", p(&folder.join("汇总.xlsx"))),
    );
    // Inside a file taken for a folder.
    refused_write(
        &["export", &p(&input), "-o", &p(&input.join("x.csv"))],
        &format!("{} 是一个文件，不是文件夹", p(&input)),
    );
    // A name without an extension.
    refused_write(
        &["export", &p(&input), "-o", &p(&dir.path().join("年报"))],
        "输出文件名没有扩展名，无法确定格式：可用 .docx .html .txt .md .xlsx .json .csv",
    );
    // Into a read-only folder (not testable as root, who may write anywhere).
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt as _;
        let ro = dir.path().join("只读");
        std::fs::create_dir(&ro).unwrap();
        std::fs::set_permissions(&ro, std::fs::Permissions::from_mode(0o555)).unwrap();
        if std::fs::write(ro.join("probe"), "x").is_err() {
            let out = p(&ro.join("年报.csv"));
            refused_write(
                &["export", &p(&input), "-o", &out],
                &format!("无法写入 {out}：没有在这里写文件的权限"),
            );
        }
        std::fs::set_permissions(&ro, std::fs::Permissions::from_mode(0o755)).unwrap();
    }
    // Nothing was left behind.
    let mut names: Vec<String> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names.retain(|n| n != "只读" && n != "probe");
    assert_eq!(names, ["in.json", "汇总"]);
}

/// Every CSV we write starts with a UTF-8 byte order mark (Excel on Chinese Windows needs it)
/// and reads back as it was.
#[test]
fn csv_is_written_with_a_bom_and_read_back() {
    let dir = tempfile::tempdir().unwrap();
    let p = |x: &std::path::Path| x.display().to_string();
    let input = dir.path().join("in.json");
    assert_eq!(zfxxgk(&["example", "-o", &p(&input)]).0, 0);
    let exported = dir.path().join("导出.csv");
    assert_eq!(zfxxgk(&["export", &p(&input), "-o", &p(&exported)]).0, 0);
    let total = dir.path().join("汇总.csv");
    let (code, _, err) = zfxxgk(&["aggregate", &p(&input), "-o", &p(&total)]);
    assert!(code < 2, "{err}");
    let example = dir.path().join("示例.csv");
    assert_eq!(zfxxgk(&["example", "-o", &p(&example)]).0, 0);
    for (path, header) in [
        (&exported, "agency,year,edition,cell,value"),
        (&total, "file,agency,year,edition,cell,value"),
        (&example, "agency,year,edition,cell,value"),
    ] {
        let bytes = std::fs::read(path).unwrap();
        assert!(bytes.starts_with(b"\xEF\xBB\xBF"), "{}", p(path));
        assert!(
            String::from_utf8(bytes[3..].to_vec())
                .unwrap()
                .starts_with(header),
            "{}",
            p(path)
        );
        let (code, out, err) = zfxxgk(&["check", &p(path), "--format", "json"]);
        assert!(code < 2, "{}: {out}{err}", p(path));
        let v: serde_json::Value = serde_json::from_str(&out).unwrap();
        assert_eq!(v["reports"][0]["agency"], "义马市交通运输局", "{out}");
    }
    // Back to JSON: the same cells.
    let back = dir.path().join("back.json");
    assert_eq!(zfxxgk(&["export", &p(&exported), "-o", &p(&back)]).0, 0);
    let a = formats::json::parse(&std::fs::read_to_string(&input).unwrap()).unwrap();
    let b = formats::json::parse(&std::fs::read_to_string(&back).unwrap()).unwrap();
    let cells = |r: &Report| {
        r.cells()
            .map(|(c, v)| (c.id, v.clone()))
            .collect::<Vec<_>>()
    };
    assert_eq!(cells(&a[0]), cells(&b[0]));
}

/// A balanced report as JSON, with the number of one cell written as `raw`.
fn json_with(id: &str, raw: &str) -> String {
    let r = zfxxgk_tests::balanced();
    let text = formats::json::to_string(std::slice::from_ref(&r));
    let from = format!("\"{id}\": {}", r.get(id).unwrap());
    assert!(text.contains(&from), "{from}");
    text.replace(&from, &format!("\"{id}\": {raw}"))
}

/// `check` on a file with these contents: the file is refused (exit 2) with `expected`.
#[track_caller]
fn refused(name: &str, contents: &[u8], lang: &str, expected: &str) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join(name);
    std::fs::write(&path, contents).unwrap();
    let (code, out, err) = zfxxgk(&["check", &path.display().to_string(), "--lang", lang]);
    assert_eq!(code, 2, "{name}: {out}{err}");
    let all = format!("{out}{err}");
    assert!(
        all.contains(expected),
        "{name}: expected “{expected}” in “{all}”"
    );
}

#[test]
fn json_numbers_beyond_the_bounds_are_refused_however_they_are_written() {
    let id = "applications.new.natural_person";
    let fee = "disclosure.fees.amount";
    let int = "整数部分最多 12 位";
    let frac = "小数最多 6 位";
    // (serde_json shows an exponent with its sign: `5e28` is “5e+28”.)
    for (cell, raw, seen, limit) in [
        (id, "5e28", "5e+28", int),
        (id, "1e20", "1e+20", int),
        (id, "1e15", "1e+15", int),
        (id, "1E+12", "1e+12", int),
        (id, "1000000000000", "1000000000000", int),
        (id, "\"1,000,000,000,000件\"", "1,000,000,000,000件", int),
        (fee, "1e-11", "1e-11", frac),
        (fee, "0.30000000000000004", "0.30000000000000004", frac),
        (fee, "\"0.0000001万元\"", "0.0000001万元", frac),
        (
            fee,
            "123456789012.3456",
            "123456789012.3456",
            "有效数字最多 15 位（Excel 的精度）",
        ),
    ] {
        let expected = format!(
            "“cells.{cell}”处：单元格“{cell}”的值“{seen}”超出数值上限（{limit}），不读作数字，也不四舍五入"
        );
        refused("r.json", json_with(cell, raw).as_bytes(), "zh", &expected);
    }
    refused(
        "r.json",
        json_with(id, "5e28").as_bytes(),
        "en",
        "at “cells.applications.new.natural_person”: the value “5e+28” of cell “applications.new.natural_person” is beyond the limit (at most 12 digits before the decimal point); not read as a number, never rounded",
    );
    // Within the bounds an exponent is only another way of writing the number.
    for (raw, read) in [
        ("1e3", "1000"),
        ("2.5E-1", "0.25"),
        ("1e11", "100000000000"),
    ] {
        let reports = formats::json::parse(&json_with(fee, raw)).unwrap();
        assert_eq!(
            reports[0].get(fee),
            Some(&CellValue::parse_plain(read)),
            "{raw}"
        );
    }
}

#[test]
fn a_huge_number_in_one_file_stops_nothing_else() {
    // Before: `5e28` passed the digit limits, the sums overflowed, the batch panicked (exit 101)
    // and the files after it were never checked.
    let dir = tempfile::tempdir().unwrap();
    let good = formats::json::to_string(&[zfxxgk_tests::balanced()]);
    for i in 0..12 {
        let text = good.replace("某某县交通运输局", &format!("第{i:02}局"));
        std::fs::write(dir.path().join(format!("{i:02}.json")), text).unwrap();
    }
    for name in ["05-huge.json", "07-huge.json"] {
        let text = json_with("applications.new.natural_person", "5e28");
        std::fs::write(
            dir.path().join(name),
            text.replace("某某县交通运输局", name),
        )
        .unwrap();
    }
    let p = dir.path().display().to_string();
    let (code, out, err) = zfxxgk(&["check", &p, "--format", "json"]);
    assert_eq!(code, 2, "{err}");
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    let reports = v["reports"].as_array().unwrap();
    assert_eq!(reports.len(), 14, "{out}");
    let unreadable: Vec<&serde_json::Value> = reports
        .iter()
        .filter(|r| r.get("error").is_some())
        .collect();
    assert_eq!(unreadable.len(), 2, "{out}");
    assert!(
        unreadable[0]["error"]
            .as_str()
            .unwrap()
            .contains("超出数值上限（整数部分最多 12 位）"),
        "{out}"
    );
    assert_eq!(
        reports.iter().filter(|r| r["errors"] == 0).count(),
        12,
        "{out}"
    );
    // The total of the others is made (before: the two huge values overflowed the sum, exit 101).
    let total = dir.path().join("汇总.json");
    let (_, _, err) = zfxxgk(&["aggregate", &p, "-o", &total.display().to_string()]);
    assert!(
        err.contains("05-huge.json：未计入汇总：无法读取："),
        "{err}"
    );
    let v: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&total).unwrap()).unwrap();
    assert_eq!(
        v["total"]["cells"]["applications.new.natural_person"],
        serde_json::json!(120),
        "{v}"
    );
}

#[test]
fn a_total_beyond_the_bounds_is_refused_naming_the_cell() {
    let dir = tempfile::tempdir().unwrap();
    let id = "disclosure.licensing.decisions";
    for name in ["甲局", "乙局"] {
        let text = json_with(id, "999999999999").replace("某某县交通运输局", name);
        std::fs::write(dir.path().join(format!("{name}.json")), text).unwrap();
    }
    let p = |x: &std::path::Path| x.display().to_string();
    for out in ["汇总.xlsx", "汇总.json", "汇总.csv"] {
        let out = dir.path().join(out);
        let (code, stdout, err) = zfxxgk(&["aggregate", &p(dir.path()), "-o", &p(&out)]);
        assert_eq!(code, 2, "{stdout}{err}");
        assert!(
            err.contains(
                "的合计超出数值上限（整数部分最多 12 位），无法汇总；请分批汇总或核对各报告的这一单元格"
            ),
            "{err}"
        );
        assert!(!out.exists());
    }
}

/// Our own workbook of the balanced report with the fee's stored number replaced by `fee`, as
/// another program could save it.
fn workbook_with_fee(fee: &str) -> Vec<u8> {
    use std::io::{Read as _, Write as _};
    let r = zfxxgk_tests::balanced();
    let bytes = zfxxgk_excel::write::report_workbook(&r, &[], zfxxgk_core::Lang::Zh).unwrap();
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
    let mut out = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let mut replaced = 0;
    for i in 0..zip.len() {
        let mut entry = zip.by_index(i).unwrap();
        let mut data = Vec::new();
        entry.read_to_end(&mut data).unwrap();
        let name = entry.name().unwrap().to_string();
        if name.starts_with("xl/worksheets/") {
            let text = String::from_utf8(data).unwrap();
            replaced += text.matches("<v>0.35</v>").count();
            data = text
                .replace("<v>0.35</v>", &format!("<v>{fee}</v>"))
                .into_bytes();
        }
        out.start_file(name, zip::write::SimpleFileOptions::default())
            .unwrap();
        out.write_all(&data).unwrap();
    }
    assert_eq!(replaced, 1, "the fee is stored once");
    out.finish().unwrap().into_inner()
}

#[test]
fn a_workbook_number_beyond_the_bounds_is_never_rounded_and_exports_readably() {
    // Before: 999999999999999.9 became the 16-digit 1000000000000000, and the CSV exported from
    // it was refused by `check`.
    let dir = tempfile::tempdir().unwrap();
    let p = |x: &std::path::Path| x.display().to_string();
    let xlsx = dir.path().join("年报.xlsx");
    std::fs::write(&xlsx, workbook_with_fee("999999999999999.9")).unwrap();
    let expected = "的数字“999999999999999.9”超出上限（整数部分最多 12 位），未读作数字，请核对（金额以万元计）。";
    let (code, out, err) = zfxxgk(&["check", &p(&xlsx)]);
    assert_eq!(code, 1, "{out}{err}");
    assert!(out.contains("VALUE-TEXT"), "{out}");
    assert!(out.contains(expected), "{out}");
    let (_, out, _) = zfxxgk(&["check", &p(&xlsx), "--lang", "en"]);
    assert!(
        out.contains("holds “999999999999999.9”, a number beyond the limit (at most 12 digits before the decimal point)"),
        "{out}"
    );
    // Exported, it reads back as what it was: the same text, the same finding.
    for ext in ["csv", "json", "xlsx"] {
        let exported = dir.path().join(format!("导出.{ext}"));
        let (code, _, err) = zfxxgk(&["export", &p(&xlsx), "-o", &p(&exported)]);
        assert_eq!(code, 0, "{err}");
        let (code, out, err) = zfxxgk(&["check", &p(&exported)]);
        assert_eq!(code, 1, "{ext}: {out}{err}");
        assert!(out.contains(expected), "{ext}: {out}");
        let back =
            zfxxgk_cli::input::load_bytes(&std::fs::read(&exported).unwrap(), &Default::default())
                .unwrap();
        assert_eq!(
            back[0].get("disclosure.fees.amount"),
            Some(&CellValue::Text("999999999999999.9".into())),
            "{ext}"
        );
    }
    // Too many decimals, too many significant digits: text, never rounded.
    for (fee, limit) in [
        ("0.1234567", "小数最多 6 位"),
        ("123456789012.3456", "有效数字最多 15 位（Excel 的精度）"),
    ] {
        std::fs::write(&xlsx, workbook_with_fee(fee)).unwrap();
        let (code, out, _) = zfxxgk(&["check", &p(&xlsx)]);
        assert_eq!(code, 1, "{out}");
        assert!(
            out.contains(&format!("的数字“{fee}”超出上限（{limit}）")),
            "{out}"
        );
    }
    // At the edge: read as the number it is.
    std::fs::write(&xlsx, workbook_with_fee("999999999.999999")).unwrap();
    let r =
        zfxxgk_cli::input::load_bytes(&std::fs::read(&xlsx).unwrap(), &Default::default()).unwrap();
    assert_eq!(
        r[0].get("disclosure.fees.amount"),
        Some(&CellValue::parse_plain("999999999.999999"))
    );
}

#[test]
fn csv_numbers_beyond_the_bounds_are_refused_with_the_line() {
    let head = "agency,year,cell,value\n";
    for (value, limit) in [
        ("1000000000000", "整数部分最多 12 位"),
        ("\"1,000,000,000,000\"", "整数部分最多 12 位"),
        ("0.0000001", "小数最多 6 位"),
    ] {
        let csv = format!(
            "{head}某局,2024,applications.new.total,1\n某局,2024,disclosure.fees.amount,{value}\n"
        );
        let seen = value.trim_matches('"');
        refused(
            "r.csv",
            csv.as_bytes(),
            "zh",
            &format!(
                "第 3 行：单元格“disclosure.fees.amount”的值“{seen}”超出数值上限（{limit}），不读作数字，也不四舍五入"
            ),
        );
    }
    // A long value is not repeated whole.
    let long = "9".repeat(10_000);
    let csv = format!("{head}某局,2024,disclosure.fees.amount,{long}\n");
    refused(
        "r.csv",
        csv.as_bytes(),
        "zh",
        &format!("的值“{}…”超出数值上限", "9".repeat(40)),
    );
}

#[test]
fn json_keys_given_twice_are_refused_with_the_line() {
    // Before: the last one won, silently.
    let text = "{\"agency\": \"某局\", \"year\": 2024,\n \"cells\": {\n  \"applications.new.total\": 3,\n  \"applications.new.total\": 5\n }\n}\n";
    refused(
        "dup.json",
        text.as_bytes(),
        "zh",
        "JSON 第 4 行：键“applications.new.total”在同一个对象中出现了两次（不知道以哪个为准）",
    );
    refused(
        "dup.json",
        text.as_bytes(),
        "en",
        "JSON line 4: the key “applications.new.total” is given twice in one object",
    );
    let text = "[{\"agency\": \"某局\", \"year\": 2024},\n {\"agency\": \"甲局\",\n  \"year\": 2024, \"agency\": \"乙局\"}]";
    refused(
        "dup.json",
        text.as_bytes(),
        "zh",
        "JSON 第 3 行：键“agency”在同一个对象中出现了两次",
    );
    // The same key in different objects is no duplicate.
    let text = "[{\"agency\": \"甲局\", \"year\": 2024}, {\"agency\": \"乙局\", \"year\": 2024}]";
    assert_eq!(formats::json::parse(text).unwrap().len(), 2);
}

#[test]
fn json_with_a_byte_order_mark_is_read() {
    // Before: “JSON 格式错误（第 1 行第 1 列）”.
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("bom.json");
    let text = formats::json::to_string(&[zfxxgk_tests::balanced()]);
    std::fs::write(&path, format!("\u{feff}{text}")).unwrap();
    let (code, out, err) = zfxxgk(&["check", &path.display().to_string()]);
    assert_eq!(code, 0, "{out}{err}");
    assert!(out.contains("某某县交通运输局 2023 年度报告"), "{out}");
}

#[test]
fn export_to_csv_says_what_it_leaves_out() {
    let dir = tempfile::tempdir().unwrap();
    let p = |x: &std::path::Path| x.display().to_string();
    let input = dir.path().join("in.json");
    assert_eq!(zfxxgk(&["example", "-o", &p(&input)]).0, 0);
    let mut r = formats::json::parse(&std::fs::read_to_string(&input).unwrap()).unwrap();
    r[0].contact.filler = Some("张三".into());
    std::fs::write(&input, formats::json::to_string(&r)).unwrap();
    let csv = dir.path().join("out.csv");
    let (code, _, err) = zfxxgk(&["export", &p(&input), "-o", &p(&csv)]);
    assert_eq!(code, 0, "{err}");
    assert!(
        err.contains(&format!(
            "注意（{}）：CSV 只保存表格数值，“一、总体情况”、",
            p(&csv)
        )),
        "{err}"
    );
    assert!(
        err.contains("、填报人未写入；需要保留时请导出为 .json 或 .xlsx。"),
        "{err}"
    );
    let (code, _, err) = zfxxgk(&[
        "export",
        &p(&input),
        "-o",
        &p(&csv),
        "--force",
        "--lang",
        "en",
    ]);
    assert_eq!(code, 0, "{err}");
    assert!(
        err.contains("a CSV holds only the table values; section 一 (Overview)"),
        "{err}"
    );
    // Nothing to leave out, nothing said; other formats keep it all.
    let json = dir.path().join("out.json");
    let (_, _, err) = zfxxgk(&["export", &p(&input), "-o", &p(&json)]);
    assert!(!err.contains("注意"), "{err}");
    let bare = dir.path().join("bare.json");
    std::fs::write(&bare, formats::json::to_string(&[zfxxgk_tests::balanced()])).unwrap();
    let (_, _, err) = zfxxgk(&["export", &p(&bare), "-o", &p(&dir.path().join("bare.csv"))]);
    assert!(!err.contains("注意"), "{err}");
}

#[test]
fn csv_output_neutralises_formula_prefixes_and_reads_back_exactly() {
    let mut r = zfxxgk_tests::balanced();
    r.agency = "=HYPERLINK(\"http://example.com\",\"点击\")".into();
    let cells = [
        (
            "applications.new.research",
            CellValue::Text("@SUM(A1)".into()),
        ),
        (
            "applications.new.social_welfare",
            CellValue::Text("+cmd|' /C calc'!A0".into()),
        ),
        (
            "applications.new.other_org",
            CellValue::Placeholder("-".into()),
        ),
        ("appeals.review.other", CellValue::Text("'=已转义".into())),
        (
            "appeals.review.corrected",
            CellValue::Text("\t制表符".into()),
        ),
        ("disclosure.regulations.repealed", CellValue::int(-3)),
    ];
    for (id, v) in &cells {
        assert!(r.set_by_id(id, v.clone()));
    }
    let dir = tempfile::tempdir().unwrap();
    let p = |x: &std::path::Path| x.display().to_string();
    let json = dir.path().join("r.json");
    std::fs::write(&json, formats::json::to_string(std::slice::from_ref(&r))).unwrap();
    let csv = dir.path().join("r.csv");
    let (code, _, err) = zfxxgk(&["export", &p(&json), "-o", &p(&csv)]);
    assert_eq!(code, 0, "{err}");
    let text = std::fs::read_to_string(&csv).unwrap();
    let line = |id: &str| {
        text.lines()
            .find(|l| l.contains(&format!(",{id},")))
            .unwrap()
            .to_string()
    };
    assert!(
        line("applications.new.total")
            .starts_with("\"'=HYPERLINK(\"\"http://example.com\"\",\"\"点击\"\")\",2023,"),
        "{}",
        line("applications.new.total")
    );
    assert!(line("applications.new.research").contains(",,'@SUM(A1),"));
    assert!(line("applications.new.social_welfare").contains(",,'+cmd|' /C calc'!A0,"));
    assert!(line("applications.new.other_org").contains(",,'-,"));
    assert!(line("appeals.review.other").contains(",,''=已转义,"));
    assert!(line("appeals.review.corrected").contains(",,'\t制表符,"));
    // A number, negative too, is written as it is.
    assert!(line("disclosure.regulations.repealed").contains(",-3,,"));
    // No field of any line starts a formula.
    for l in text.lines().skip(1) {
        for field in l.split(',') {
            let f = field.trim_start_matches('"');
            assert!(
                !f.starts_with(['=', '+', '@', '\t', '\r'])
                    && (!f.starts_with('-') || f[1..].parse::<f64>().is_ok()),
                "{l}"
            );
        }
    }
    // Read back: exactly what was written.
    let back = formats::csv::parse(&text).unwrap();
    assert_eq!(back[0].agency, r.agency);
    for (id, v) in &cells {
        assert_eq!(back[0].get(id), Some(v), "{id}");
    }
    // The summary's CSV and its file list too.
    let total = dir.path().join("汇总.csv");
    let (code, _, err) = zfxxgk(&["aggregate", &p(&json), "-o", &p(&total), "--name", "@汇总"]);
    assert!(code < 2, "{err}");
    let text = std::fs::read_to_string(&total).unwrap();
    assert!(text.contains(",\"'=HYPERLINK("), "{}", &text[..300]);
    assert!(text.contains("'@汇总"), "no escaped total name");
    let list = std::fs::read_to_string(dir.path().join("汇总.文件清单.csv")).unwrap();
    assert!(list.contains(",\"'=HYPERLINK("), "{list}");
}

#[test]
fn a_file_of_more_reports_than_a_file_may_hold_is_refused_before_they_are_built() {
    // Before: a 3.5 MB CSV of 100,000 one-row reports took 8.75 GB.
    let mut csv = String::from("agency,year,cell,value\n");
    for i in 0..1001 {
        csv.push_str(&format!("局{i},2024,applications.new.total,1\n"));
    }
    refused(
        "many.csv",
        csv.as_bytes(),
        "zh",
        "第 1002 行：一个文件最多 1000 份报告，这个文件更多；请按单位或地区拆分成多个文件",
    );
    refused(
        "many.csv",
        csv.as_bytes(),
        "en",
        "line 1002: a file holds at most 1000 reports and this one holds more; split it by agency or area",
    );
    let items: Vec<String> = (0..1001)
        .map(|i| format!("{{\"agency\": \"局{i}\", \"year\": 2024}}"))
        .collect();
    let json = format!("[{}]", items.join(",\n"));
    refused(
        "many.json",
        json.as_bytes(),
        "zh",
        "“[1000]”处：一个文件最多 1000 份报告，这个文件更多",
    );
    // A thousand is allowed; rows of a report already begun are no new report.
    let mut csv: String = csv.lines().take(1001).collect::<Vec<_>>().join("\n");
    csv.push_str("\n局0,2024,applications.new.research,0\n");
    assert_eq!(formats::csv::parse(&csv).unwrap().len(), 1000);
    let json = format!("[{}]", items[..1000].join(",\n"));
    assert_eq!(formats::json::parse(&json).unwrap().len(), 1000);
}
