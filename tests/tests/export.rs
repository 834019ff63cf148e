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
