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
            .starts_with("agency,year,edition,cell,value")
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
