//! End-to-end tests of the command line: output layout locked by snapshots named after their
//! inputs, exit statuses, and every bad-input message.

use zfxxgk_tests::zfxxgk;

/// Runs a command from the tests directory.
fn in_tests_dir(args: &[&str]) -> (i32, String, String) {
    std::env::set_current_dir(env!("CARGO_MANIFEST_DIR")).expect("tests dir");
    zfxxgk(args)
}

#[test]
fn help_of_every_command() {
    for (name, args) in [
        ("help", &["--help"][..]),
        ("help_check", &["check", "--help"]),
        ("help_export", &["export", "--help"]),
        ("help_example", &["example", "--help"]),
        ("help_aggregate", &["aggregate", "--help"]),
    ] {
        let (code, out, err) = in_tests_dir(args);
        assert_eq!(code, 0, "{err}");
        assert!(
            out.contains("示例 (examples):"),
            "{name} has no example invocation"
        );
        insta::assert_snapshot!(name, out);
    }
}

/// `check` on `fixtures/{dir}/{name}`, text and JSON: the exit status, and both outputs locked
/// by snapshots named after the file.
#[track_caller]
fn check_snapshots(dir: &str, name: &str, expected_code: i32) {
    let path = format!("fixtures/{dir}/{name}");
    let (code, out, err) = in_tests_dir(&["check", &path]);
    assert_eq!(code, expected_code, "{name}: {out}{err}");
    insta::assert_snapshot!(format!("check_text__{name}"), out);
    let (code, out, _) = in_tests_dir(&["check", &path, "--format", "json"]);
    assert_eq!(code, expected_code);
    let json: serde_json::Value = serde_json::from_str(&out).expect("valid JSON");
    insta::assert_json_snapshot!(format!("check_json__{name}"), json);
}

#[test]
fn check_text_and_json_on_fixtures() {
    for (name, expected_code) in [
        ("balanced.csv", 0),
        ("balanced.json", 0),
        ("inconsistent.csv", 1),
        ("placeholders.csv", 0),
        ("two-agencies.csv", 1),
    ] {
        check_snapshots("reports", name, expected_code);
    }
}

#[test]
fn check_in_english() {
    let (code, out, _) =
        in_tests_dir(&["check", "fixtures/reports/inconsistent.csv", "--lang", "en"]);
    assert_eq!(code, 1);
    insta::assert_snapshot!("check_text_en__inconsistent.csv", out);
}

#[test]
fn check_the_bundled_example() {
    let (code, out, _) = in_tests_dir(&["check", "--example"]);
    assert_eq!(code, 0);
    // The published report's narrative says one application came in; its table 三 is all zeros.
    assert_eq!(
        out,
        "义马市交通运输局 2024 年度报告（内置示例）：0 个错误，1 个提醒\n\
         \x20 提醒｜表三 收到和处理政府信息公开申请情况\n\
         \x20   TEXT-APPLICATIONS 正文“一、总体情况”写道“今年以来，义马市交通运输局收到依申请公开信息 1 条。”，其中“1 条”与表三不符：“本年新收”总计与“本年新收”+“上年结转”总计均为 0，相差 1，请核实正文或表格。\n\
         共 1 个文件、1 份报告：0 份有错误，1 份仅有提醒，0 份无误。\n"
    );
}

#[test]
fn every_bad_input_names_the_file_and_the_problem() {
    let cases: &[(&str, &str)] = &[
        (
            "malformed.json",
            "JSON 格式错误（第 1 行第 70 列）：键必须是带引号的文字（是否多了逗号？）",
        ),
        ("not-an-object.json", "报告应为 JSON 对象"),
        (
            "not-a-number.json",
            "“cells.applications.new.total”处：单元格“applications.new.total”的值“三件”不是数字",
        ),
        ("missing-agency.json", "缺少机关名称"),
        (
            "unknown-cell.csv",
            "第 7 行：单元格编号“applications.new.totl”不存在",
        ),
        (
            "duplicate-cell.csv",
            "第 42 行：单元格“applications.carried_over.social_welfare”重复出现（第 22 行已给出）",
        ),
        ("missing-agency.csv", "第 9 行：缺少机关名称"),
        ("missing-year-column.csv", "CSV 缺少“year”列"),
        (
            "not-a-number.csv",
            "第 32 行：单元格“applications.granted.total”的值“十二”不是数字",
        ),
        (
            "bad-year.csv",
            "第 5 行：缺少报告年度（year）或年度不是整数：“二〇二三”",
        ),
        ("empty.csv", "文件是空的"),
        (
            "ragged.csv",
            "CSV 格式错误（第 2 行）：这一行有 5 列，表头有 4 列",
        ),
        ("notes.txt", "不是年度报告：未找到表二、表三、表四"),
        ("random.bin", "无法识别的文件格式"),
        ("does-not-exist.csv", "文件不存在"),
    ];
    for (name, message) in cases {
        let path = format!("fixtures/bad/{name}");
        let (code, out, _) = in_tests_dir(&["check", &path]);
        assert_eq!(code, 2, "{name}");
        let first = out.lines().next().unwrap_or_default();
        assert!(
            first.starts_with(&format!("{path}：无法读取：")),
            "{name}: {first}"
        );
        assert!(
            first.contains(message),
            "{name}: expected “{message}” in “{first}”"
        );
    }
}

#[test]
fn bad_input_in_english() {
    let (code, out, _) = in_tests_dir(&["check", "fixtures/bad/unknown-cell.csv", "--lang", "en"]);
    assert_eq!(code, 2);
    assert!(out.starts_with("fixtures/bad/unknown-cell.csv: unreadable: line 7: unknown cell id “applications.new.totl”"), "{out}");
}

#[test]
fn a_batch_reports_every_readable_file_even_when_one_is_bad() {
    let (code, out, _) = in_tests_dir(&[
        "check",
        "fixtures/reports/balanced.csv",
        "fixtures/bad/malformed.json",
        "fixtures/reports/inconsistent.csv",
    ]);
    assert_eq!(code, 2);
    assert!(
        out.contains("某某县交通运输局 2023 年度报告（fixtures/reports/balanced.csv）：无误"),
        "{out}"
    );
    assert!(
        out.contains("fixtures/bad/malformed.json：无法读取"),
        "{out}"
    );
    assert!(
        out.contains("（fixtures/reports/inconsistent.csv）：7 个错误"),
        "{out}"
    );
    assert!(
        out.ends_with(
            "共 3 个文件、2 份报告：1 份有错误，0 份仅有提醒，1 份无误；1 个文件无法读取。\n"
        ),
        "{out}"
    );
}

#[test]
fn a_directory_means_every_report_file_under_it_in_a_stable_order() {
    let (code, out, _) = in_tests_dir(&["check", "fixtures/reports", "--format", "json"]);
    assert_eq!(code, 1);
    let json: serde_json::Value = serde_json::from_str(&out).unwrap();
    let paths: Vec<&str> = json["reports"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["path"].as_str().unwrap())
        .collect();
    assert_eq!(
        paths,
        [
            "fixtures/reports/balanced.csv",
            "fixtures/reports/balanced.json",
            "fixtures/reports/inconsistent.csv",
            "fixtures/reports/placeholders.csv",
            "fixtures/reports/two-agencies.csv",
            "fixtures/reports/two-agencies.csv",
        ]
    );
}

#[test]
fn usage_errors_exit_2() {
    let (code, _, err) = in_tests_dir(&["check"]);
    assert_eq!(code, 2);
    assert!(err.contains("<FILE|DIR>"), "{err}");
    let (code, _, _) = in_tests_dir(&["nonsense"]);
    assert_eq!(code, 2);
    let (code, _, err) = in_tests_dir(&["check", "fixtures/no-such-dir/"]);
    assert_eq!(code, 2, "{err}");
}

#[test]
fn a_batch_prints_one_line_per_report_and_details_on_request() {
    let files = [
        "check",
        "fixtures/reports/balanced.csv",
        "fixtures/reports/inconsistent.csv",
    ];
    let (code, out, _) = in_tests_dir(&files);
    assert_eq!(code, 1);
    assert_eq!(
        out,
        "某某县交通运输局 2023 年度报告（fixtures/reports/balanced.csv）：无误\n\
         某某县市场监督管理局 2024 年度报告（fixtures/reports/inconsistent.csv）：7 个错误，1 个提醒\n\
         共 2 个文件、2 份报告：1 份有错误，0 份仅有提醒，1 份无误。\n"
    );
    let (_, details, _) = in_tests_dir(&[&files[..], &["--details"]].concat());
    assert!(details.contains("T3-BALANCE 表三“自然人”列"), "{details}");
}

#[test]
fn cross_year_check_against_last_years_file_and_directory() {
    // Last year's report: carried forward 3 (this year carried over 1); in force agrees.
    let dir = tempfile::tempdir().unwrap();
    let last = dir.path().join("2022.csv");
    let text = std::fs::read_to_string("fixtures/reports/balanced.csv")
        .unwrap_or_else(|_| {
            std::fs::read_to_string(concat!(
                env!("CARGO_MANIFEST_DIR"),
                "/fixtures/reports/balanced.csv"
            ))
            .unwrap()
        })
        .replace(",2023,", ",2022,")
        .replace(
            "disclosure.regulations.in_force,12",
            "disclosure.regulations.in_force,11",
        )
        .replace(
            "disclosure.normative_documents.in_force,20",
            "disclosure.normative_documents.in_force,18",
        )
        .replace(
            "applications.carried_forward.natural_person,1",
            "applications.carried_forward.natural_person,3",
        )
        .replace(
            "applications.carried_forward.total,1",
            "applications.carried_forward.total,3",
        );
    std::fs::write(&last, text).unwrap();
    let last = last.display().to_string();
    let (code, out, err) = in_tests_dir(&[
        "check",
        "fixtures/reports/balanced.csv",
        "--previous",
        &last,
        "--format",
        "json",
    ]);
    assert_eq!(code, 0, "{err}");
    let json: serde_json::Value = serde_json::from_str(&out).unwrap();
    let codes: Vec<(&str, Vec<&str>)> = json["reports"][0]["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| {
            (
                f["code"].as_str().unwrap(),
                f["cells"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .map(|c| c.as_str().unwrap())
                    .collect(),
            )
        })
        .collect();
    assert_eq!(
        codes,
        [
            (
                "XYEAR-CARRIED",
                vec!["applications.carried_over.natural_person"]
            ),
            ("XYEAR-CARRIED", vec!["applications.carried_over.total"]),
        ],
        "in force: 11 + 1 − 0 = 12 and 18 + 3 − 1 = 20 agree"
    );
    assert!(
        json["reports"][0]["findings"][0]["message"]
            .as_str()
            .unwrap()
            .contains("本年“上年结转” 1 与上年报告的“结转下年度” 3 不一致，相差 2")
    );
    assert_eq!(
        json["reports"][0]["findings"][0]["difference"].to_string(),
        "-2"
    );
    // A directory of last year's reports: agencies matched by name, the others listed.
    let (code, out, _) = in_tests_dir(&[
        "check",
        "fixtures/reports",
        "--previous",
        dir.path().to_str().unwrap(),
    ]);
    assert_eq!(code, 1);
    assert!(out.contains("没有找到上年度报告、未做跨年度核对的机关（4）：乙县民政局、某某县卫生健康委员会、某某县市场监督管理局、甲县教育局"), "{out}");
    // An unreadable previous file is a usage problem.
    let (code, _, err) = in_tests_dir(&[
        "check",
        "fixtures/reports/balanced.csv",
        "--previous",
        "fixtures/bad/empty.csv",
    ]);
    assert_eq!(code, 2);
    assert!(
        err.contains("上年度报告 fixtures/bad/empty.csv 无法读取：文件是空的"),
        "{err}"
    );
}

#[test]
fn aggregate_totals_exactly_and_refuses_duplicates_and_mixed_years() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("汇总.json");
    let o = out.display().to_string();
    let (code, _, err) = in_tests_dir(&["aggregate", "fixtures/reports", "-o", &o]);
    assert_eq!(code, 2);
    assert!(err.contains("同一机关的报告出现了不止一次：某某县交通运输局（fixtures/reports/balanced.csv、fixtures/reports/balanced.json）"), "{err}");
    assert!(!out.exists());
    let (code, _, err) = in_tests_dir(&[
        "aggregate",
        "fixtures/reports",
        "-o",
        &o,
        "--dedupe",
        "first",
    ]);
    assert_eq!(code, 2);
    assert!(
        err.contains(
            "报告年度不一致：2023 年 4 份，2024 年 1 份。确实要合并汇总请加 --allow-mixed。"
        ),
        "{err}"
    );
    // Two balanced reports of 2023: the total is their sum and balances.
    let (code, stdout, err) = in_tests_dir(&[
        "aggregate",
        "fixtures/reports/balanced.csv",
        "fixtures/reports/placeholders.csv",
        "-o",
        &o,
        "--agency",
        "某某县人民政府办公室",
    ]);
    assert_eq!(code, 0, "{err}");
    assert!(
        stdout.contains("已把 2 个文件中的 2 份报告汇总为“某某县人民政府办公室 2023 年度报告”"),
        "{stdout}"
    );
    assert!(
        stdout.contains("汇总结果自身的检查：某某县人民政府办公室 2023 年度报告"),
        "{stdout}"
    );
    let total: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&out).unwrap()).unwrap();
    let cells = &total["total"]["cells"];
    assert_eq!(cells["applications.new.total"].to_string(), "26");
    assert_eq!(
        cells["disclosure.fees.amount"].to_string(),
        "0.35",
        "0.35 + 无"
    );
    assert_eq!(cells["appeals.review.total"].to_string(), "4");
    assert_eq!(
        cells["appeals.litigation_after_review.total"].to_string(),
        "0",
        "0 + /"
    );
    assert_eq!(total["total_findings"].as_array().unwrap().len(), 0);
    assert_eq!(total["members"].as_array().unwrap().len(), 2);
    // Never over an existing file.
    let (code, _, err) = in_tests_dir(&["aggregate", "fixtures/reports/balanced.csv", "-o", &o]);
    assert_eq!(code, 2);
    assert!(err.contains("已存在"), "{err}");
    // Unreadable input: the total of the rest is written, and the exit status says 2.
    let out2 = dir.path().join("b.csv");
    let (code, stdout, err) = in_tests_dir(&[
        "aggregate",
        "fixtures/reports/balanced.csv",
        "fixtures/bad/random.bin",
        "-o",
        out2.to_str().unwrap(),
    ]);
    assert_eq!(code, 2);
    assert!(
        err.contains("fixtures/bad/random.bin：无法读取，未计入汇总：无法识别的文件格式"),
        "{err}"
    );
    assert!(stdout.contains("1 个文件无法读取，未计入汇总"), "{stdout}");
    assert!(
        std::fs::read_to_string(&out2)
            .unwrap()
            .contains("applications.new.total,13,")
    );
}

#[test]
fn a_file_over_the_size_limit_is_refused_without_reading_it() {
    let dir = tempfile::tempdir().unwrap();
    let big = dir.path().join("big.csv");
    let f = std::fs::File::create(&big).unwrap();
    // A sparse file: 60 MB long, no disk used; reading it would take the time and memory.
    f.set_len(60 * 1024 * 1024).unwrap();
    let (code, out, _) = in_tests_dir(&["check", big.to_str().unwrap()]);
    assert_eq!(code, 2);
    assert!(
        out.contains("文件太大（62914560 字节，上限 52428800 字节）"),
        "{out}"
    );
}

#[test]
fn check_text_and_json_on_workbooks() {
    for (name, expected_code) in [
        ("value-variants.xlsx", 0),
        ("inconsistent.xlsx", 1),
        ("unit-yuan.xlsx", 1),
        ("partial-only-table3.xlsx", 1),
        ("edition-2019.xlsx", 0),
        ("label-variants.xls", 0),
        ("wps-style-stacked.ods", 0),
        ("not-a-report.xlsx", 2),
        ("encrypted.xlsx", 2),
        // A web page saved as .xls (what some web systems export): read by its content, as a page.
        ("html-as.xls", 0),
    ] {
        check_snapshots("workbooks", name, expected_code);
    }
}

#[test]
fn a_hand_made_csv_may_write_numbers_as_people_do() {
    let dir = tempfile::tempdir().unwrap();
    let csv = dir.path().join("手工.csv");
    std::fs::write(
        &csv,
        "agency,year,cell,value\n\
         某局,2024,disclosure.penalty.decisions,\"1,234\"\n\
         某局,2024,disclosure.licensing.decisions,１２\n\
         某局,2024,disclosure.coercion.decisions,3件\n\
         某局,2024,disclosure.fees.amount,0.35万元\n",
    )
    .unwrap();
    let (_, out, _) = in_tests_dir(&["check", csv.to_str().unwrap(), "--format", "json"]);
    let json: serde_json::Value = serde_json::from_str(&out).unwrap();
    let notes: Vec<String> = json["reports"][0]["notes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|n| {
            format!(
                "{} {}",
                n["cell"].as_str().unwrap(),
                n["message"].as_str().unwrap()
            )
        })
        .collect();
    assert_eq!(
        notes,
        [
            "disclosure.penalty.decisions “1,234”读作“1234”（去掉千位分隔符）",
            "disclosure.licensing.decisions “１２”读作“12”（全角数字）",
            "disclosure.coercion.decisions “3件”读作“3”（去掉单位“件”）",
            "disclosure.fees.amount “0.35万元”读作“0.35”（去掉单位“万元”）",
        ]
    );
    // Yuan in the 万元 cell is not divided: the file is refused with the cell named.
    std::fs::write(
        &csv,
        "agency,year,cell,value\n某局,2024,disclosure.fees.amount,251000元\n",
    )
    .unwrap();
    let (code, out, _) = in_tests_dir(&["check", csv.to_str().unwrap()]);
    assert_eq!(code, 2);
    assert!(
        out.contains("第 2 行：单元格“disclosure.fees.amount”的值“251000元”不是数字"),
        "{out}"
    );
}

/// `--agency` and `--year` fill in what any kind of file leaves out (JSON and CSV too), and never
/// replace what it says.
#[test]
fn agency_and_year_fill_in_for_every_kind_of_input() {
    let dir = tempfile::tempdir().unwrap();
    let csv = dir.path().join("无机关.csv");
    std::fs::write(
        &csv,
        "agency,year,cell,value\n,,disclosure.regulations.issued,1\n,,applications.new.total,0\n",
    )
    .unwrap();
    let json = dir.path().join("无机关.json");
    std::fs::write(&json, r#"{"cells": {"disclosure.regulations.issued": 1}}"#).unwrap();
    let text = dir.path().join("无标题.txt");
    let seed = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/fixtures/published/yima-transport-2024.txt"
    ))
    .unwrap();
    // The seed without its title lines: neither agency nor year is stated.
    let body: String = seed.lines().skip(7).collect::<Vec<_>>().join("\n");
    std::fs::write(&text, body).unwrap();
    for path in [&csv, &json, &text] {
        let p = path.to_str().unwrap();
        let (code, out, _) = zfxxgk(&["check", p, "--format", "json"]);
        assert_eq!(code, if path == &text { 1 } else { 2 }, "{p}: {out}");
        let (_, out, _) = zfxxgk(&[
            "check",
            p,
            "--agency",
            "某某县交通运输局",
            "--year",
            "2023",
            "--format",
            "json",
        ]);
        let v: serde_json::Value = serde_json::from_str(&out).unwrap();
        assert_eq!(v["reports"][0]["agency"], "某某县交通运输局", "{p}: {out}");
        assert!(v["reports"][0].get("error").is_none(), "{p}: {out}");
    }
    // A stated agency is never replaced.
    let (_, out, _) = zfxxgk(&[
        "check",
        concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/fixtures/published/yima-transport-2024.txt"
        ),
        "--agency",
        "别的单位",
        "--format",
        "json",
    ]);
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["reports"][0]["agency"], "义马市交通运输局", "{out}");
}

/// Published reports that cannot be read: each file named with its own clear reason, and the
/// batch goes on (exit 2 only for the unreadable ones).
#[test]
fn published_reports_that_cannot_be_read_say_why() {
    let cases = [
        ("docx/encrypted.docx", "Word 文档设置了打开密码"),
        (
            "docx/legacy-word97.doc",
            "请在 Word 或 WPS 中另存为 .docx 后再检查",
        ),
        ("html/pdf-link.html", "只以附件链接了报告"),
        ("html/spa-script.html", "正文是由脚本在浏览器中加载的"),
        ("html/news.html", "不是年度报告"),
        ("pdf/bad-scanned.pdf", "本工具不做文字识别（OCR）"),
        ("pdf/bad-encrypted.pdf", "PDF 文件已加密"),
        ("pdf/bad-garbled-pua.pdf", "为免读入错误数字，未读取"),
    ];
    for (file, message) in cases {
        let path = format!("fixtures/published/{file}");
        let (code, out, _) = in_tests_dir(&["check", &path]);
        assert_eq!(code, 2, "{file}: {out}");
        let first = out.lines().next().unwrap_or_default();
        assert!(first.starts_with(&format!("{path}：无法读取：")), "{first}");
        assert!(
            first.contains(message),
            "{file}: expected “{message}” in “{first}”"
        );
    }
    // Read with good ones in one batch: every file is reported.
    let (code, out, _) = in_tests_dir(&[
        "check",
        "fixtures/published/pdf/bad-scanned.pdf",
        "fixtures/published/yima-transport-2024.txt",
    ]);
    assert_eq!(code, 2);
    assert!(out.contains("义马市交通运输局 2024 年度报告"), "{out}");
    assert!(out.contains("1 个文件无法读取"), "{out}");
}
