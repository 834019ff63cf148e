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
        ("help_template", &["template", "--help"]),
        ("help_rules", &["rules", "--help"]),
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
    assert!(err.contains("缺少要读取的文件或目录"), "{err}");
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
         本轮报送情况：\n\
         \x20 报告年度不一致：2024 年度 1 份；2023 年度 1 份（fixtures/reports/balanced.csv）。\n\
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
    // Mixed years: refused, naming the odd file and the way out.
    let (code, _, err) = in_tests_dir(&["aggregate", "fixtures/reports", "-o", &o]);
    assert_eq!(code, 2);
    assert!(
        err.contains("报告年度不一致：2023 年度 5 份；2024 年度 1 份（fixtures/reports/inconsistent.csv）。请用 --year 2023 只汇总该年度的报告"),
        "{err}"
    );
    assert!(!out.exists());
    // The year chosen: one agency twice, refused naming its files.
    let (code, _, err) =
        in_tests_dir(&["aggregate", "fixtures/reports", "-o", &o, "--year", "2023"]);
    assert_eq!(code, 2);
    assert!(err.contains("同一机关的报告出现了不止一次：某某县交通运输局（fixtures/reports/balanced.csv、fixtures/reports/balanced.json）"), "{err}");
    assert!(!out.exists());
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
        err.contains("fixtures/bad/random.bin：未计入汇总：无法读取：无法识别的文件格式"),
        "{err}"
    );
    assert!(stdout.contains("1 个文件无法读取，未计入汇总"), "{stdout}");
    // The file list beside the CSV accounts for both files.
    let list = std::fs::read_to_string(dir.path().join("b.文件清单.csv")).unwrap();
    assert!(list.starts_with('\u{feff}'), "{list}");
    assert!(
        list.contains("fixtures/reports/balanced.csv,某某县交通运输局,2023,已计入"),
        "{list}"
    );
    assert!(
        list.contains("fixtures/bad/random.bin,,,未计入,无法读取"),
        "{list}"
    );
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

/// The width of a line on a terminal: CJK and full-width characters take two columns.
fn display_width(line: &str) -> usize {
    line.chars()
        .map(|c| match u32::from(c) {
            0x1100..=0x115F
            | 0x2E80..=0x303E
            | 0x3041..=0x33FF
            | 0x3400..=0x4DBF
            | 0x4E00..=0x9FFF
            | 0xA000..=0xA4CF
            | 0xAC00..=0xD7A3
            | 0xF900..=0xFAFF
            | 0xFE30..=0xFE4F
            | 0xFF00..=0xFF60
            | 0xFFE0..=0xFFE6
            | 0x20000..=0x3FFFD => 2,
            _ => 1,
        })
        .sum()
}

/// Every line of every command's help, short (`-h`) and long (`--help`), fits an 80-column
/// terminal (the old Windows console), counting a Chinese character as two columns.
#[test]
fn help_of_every_command_fits_80_columns() {
    assert_eq!(display_width("汇总 ab"), 7);
    let commands: &[&[&str]] = &[
        &[],
        &["template"],
        &["check"],
        &["export"],
        &["aggregate"],
        &["rules"],
        &["example"],
    ];
    let (code, out, _) = in_tests_dir(&["help", "aggregate"]);
    assert_eq!(code, 0);
    assert!(out.lines().all(|l| display_width(l) <= 80), "{out}");
    for command in commands {
        for flag in ["-h", "--help"] {
            let args = [command, &[flag][..]].concat();
            let (code, out, err) = in_tests_dir(&args);
            assert_eq!(code, 0, "{args:?}: {err}");
            for line in out.lines() {
                assert!(
                    display_width(line) <= 80,
                    "{args:?}: {} columns: {line}",
                    display_width(line)
                );
            }
        }
    }
}

/// `zfxxgk ARGS…`: exit status 2, nothing on standard output, and on standard error the
/// message with the usage and where to read more; never clap's English.
#[track_caller]
fn usage_error(args: &[&str], expected: &[&str]) -> String {
    let (code, out, err) = in_tests_dir(args);
    assert_eq!(code, 2, "{args:?}: {err}");
    assert_eq!(out, "", "{args:?}");
    for e in expected {
        assert!(err.contains(e), "{args:?}: expected “{e}” in:\n{err}");
    }
    let english = args.iter().any(|a| {
        let a = a.to_ascii_lowercase();
        a == "en" || a == "--lang=en"
    });
    if english {
        assert!(err.starts_with("error: "), "{args:?}: {err}");
        assert!(err.contains("For more information, try: zfxxgk"), "{err}");
    } else {
        assert!(err.starts_with("错误："), "{args:?}: {err}");
        assert!(err.contains("\n用法：zfxxgk"), "{args:?}: {err}");
        assert!(err.contains("\n查看说明：zfxxgk"), "{args:?}: {err}");
        for clap in [
            "error:",
            "Usage:",
            "tip:",
            "For more information",
            "unexpected",
        ] {
            assert!(!err.contains(clap), "{args:?}: English “{clap}” in:\n{err}");
        }
    }
    err
}

#[test]
fn command_line_errors_are_told_in_chinese() {
    let cases: &[(&[&str], &[&str])] = &[
        (
            &["chek", "年报.xlsx"],
            &[
                "错误：没有“chek”这个命令。可用的命令：template、check、export、aggregate、rules、example",
                "是不是要用 check？",
            ],
        ),
        (
            &["年报.xlsx"],
            &[
                "没有“年报.xlsx”这个命令",
                "要检查这个文件吗？请用 zfxxgk check 年报.xlsx",
            ],
        ),
        (
            &["check", "--formt", "json", "年报.xlsx"],
            &["错误：无法识别的选项“--formt”", "是不是要写 --format？"],
        ),
        (
            &["check", "年报.xlsx", "--format", "xml"],
            &["错误：--format 不接受“xml”，可用的值：text、json"],
        ),
        (
            &["check", "年报.xlsx", "--format", "jsn"],
            &["--format 不接受“jsn”", "是不是要写 json？"],
        ),
        (
            &["aggregate", "各单位/", "-o", "汇总.xlsx", "--dedupe", "x"],
            &["错误：--dedupe 不接受“x”，可用的值：first、last"],
        ),
        (
            &["check", "年报.xlsx", "--format"],
            &["错误：--format 后面缺少要填的值，可用的值：text、json"],
        ),
        (
            &["check", "年报.xlsx", "--previous"],
            &["错误：--previous 后面缺少要填的值"],
        ),
        (
            &["check", "年报.xlsx", "--year", "二〇二四"],
            &["错误：--year 的值“二〇二四”不是年份：请写四位数的年份，如 --year 2025"],
        ),
        (
            &["export", "年报.xlsx"],
            &["错误：缺少输出文件（-o 文件名）", "用法：zfxxgk export"],
        ),
        (
            &["check"],
            &[
                "错误：缺少要读取的文件或目录",
                "查看说明：zfxxgk check --help",
            ],
        ),
        (
            &["check", "--example", "--example"],
            &["错误：--example 只能写一次"],
        ),
        (
            &["--format", "json", "check", "年报.xlsx"],
            &[
                "无法识别的选项“--format”",
                "--format 是 check 命令的选项，请写在 check 后面",
            ],
        ),
        (
            &["export", "年报.xlsx", "2024.xlsx", "-o", "年报.docx"],
            &[
                "多出的参数“2024.xlsx”",
                "如果文件名中有空格，请用引号把整个文件名括起来",
            ],
        ),
    ];
    for (args, expected) in cases {
        usage_error(args, expected);
    }
}

/// `--lang` in any case, anywhere on the line: the error is told in that language.
#[test]
fn command_line_errors_in_english_wherever_lang_stands() {
    let err = usage_error(
        &["--lang", "EN", "check", "年报.xlsx", "--format", "xml"],
        &["error: invalid value “xml” for --format; possible values: text, json"],
    );
    assert!(err.contains("\nUsage: zfxxgk check"), "{err}");
    usage_error(
        &["check", "--formt", "json", "--lang", "en"],
        &["error: unknown option “--formt”", "did you mean --format?"],
    );
    usage_error(
        &["chek", "--lang=En"],
        &["error: there is no command “chek”", "did you mean check?"],
    );
    usage_error(
        &["export", "年报.xlsx", "--lang", "en"],
        &["error: missing the output file (-o FILE)"],
    );
    // A language that does not exist is itself a usage error, told in Chinese.
    usage_error(
        &["check", "年报.xlsx", "--lang", "fr"],
        &["--lang 不接受“fr”，可用的值：zh、en"],
    );
    // And the parsed language is case-insensitive too.
    let (code, out, _) = in_tests_dir(&["check", "--example", "--lang", "EN"]);
    assert_eq!(code, 0);
    assert!(out.contains("1 warning"), "{out}");
    let (code, out, _) = in_tests_dir(&["check", "--example", "--lang", "Zh"]);
    assert_eq!(code, 0);
    assert!(out.contains("1 个提醒"), "{out}");
    // --help and --version are not errors.
    let (code, out, err) = in_tests_dir(&["--version"]);
    assert_eq!((code, err.as_str()), (0, ""));
    assert!(out.starts_with("zfxxgk "), "{out}");
    let (code, out, _) = in_tests_dir(&["check", "--help", "--lang", "en"]);
    assert_eq!(code, 0);
    assert!(out.starts_with("检查报告"), "{out}");
}

/// An output file written without `-o` is taken for an input; the message says what to write.
#[test]
fn an_output_file_without_o_gets_a_hint() {
    usage_error(
        &["export", "fixtures/reports/balanced.csv", "年报.docx"],
        &[
            "错误：多出的参数“年报.docx”",
            "要写出到 年报.docx 吗？请用 -o 年报.docx",
        ],
    );
    usage_error(
        &["aggregate", "fixtures/reports", "汇总.xlsx"],
        &[
            "错误：缺少输出文件（-o 文件名）",
            "要写出到 汇总.xlsx 吗？请用 -o 汇总.xlsx",
        ],
    );
    usage_error(
        &[
            "aggregate",
            "fixtures/reports",
            "--year",
            "2023",
            "汇总.xlsx",
            "--lang",
            "en",
        ],
        &["did you mean to write to 汇总.xlsx? Use -o 汇总.xlsx"],
    );
    usage_error(
        &["template", "模板.xlsx"],
        &["要写出到 模板.xlsx 吗？请用 -o 模板.xlsx"],
    );
    usage_error(
        &["example", "示例.docx"],
        &["要写出到 示例.docx 吗？请用 -o 示例.docx"],
    );
    // An input that exists is not taken for an output.
    let err = usage_error(
        &[
            "aggregate",
            "fixtures/reports",
            "fixtures/reports/balanced.csv",
        ],
        &["缺少输出文件（-o 文件名）"],
    );
    assert!(!err.contains("要写出到"), "{err}");
}

/// `--year` is a four-digit report year, 2019 to next year (the tests' year is 2026).
#[test]
fn a_year_that_is_not_a_report_year_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("模板.xlsx");
    let o = out.to_str().unwrap();
    for year in ["25", "20250", "-1", "0", "2018", "2028"] {
        let (code, stdout, err) = in_tests_dir(&["template", "-o", o, "--year", year]);
        assert_eq!(code, 2, "{year}: {err}");
        assert_eq!(stdout, "");
        assert_eq!(
            err,
            format!(
                "--year {year} 不是有效的报告年度：请写四位数的年份，从 2019 到 2027，如 --year 2025\n"
            )
        );
        assert!(!out.exists());
    }
    let (code, _, err) = in_tests_dir(&["template", "-o", o, "--year", "25", "--lang", "en"]);
    assert_eq!(code, 2);
    assert_eq!(
        err,
        "--year 25 is not a report year: write the four-digit year, from 2019 to 2027, e.g. --year 2025\n"
    );
    // The same for the fill-in of check and the year of a total.
    let (code, _, err) = in_tests_dir(&["check", "fixtures/reports/balanced.csv", "--year", "24"]);
    assert_eq!(code, 2);
    assert!(err.contains("--year 24 不是有效的报告年度"), "{err}");
    for year in ["2019", "2027"] {
        let (code, _, err) = in_tests_dir(&["template", "-o", o, "--year", year, "--force"]);
        assert_eq!(code, 0, "{year}: {err}");
    }
}

/// `aggregate --name` is the name of the total (`--agency` still works), and the help says it
/// is not the fill-in of `check --agency`.
#[test]
fn aggregate_name_is_the_name_of_the_total() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("汇总.json");
    let (code, stdout, err) = in_tests_dir(&[
        "aggregate",
        "fixtures/reports/balanced.csv",
        "fixtures/reports/placeholders.csv",
        "-o",
        out.to_str().unwrap(),
        "--name",
        "某某县人民政府办公室",
    ]);
    assert_eq!(code, 0, "{err}");
    assert!(
        stdout.contains("汇总为“某某县人民政府办公室 2023 年度报告”"),
        "{stdout}"
    );
    let (_, help, _) = in_tests_dir(&["aggregate", "--help"]);
    assert!(help.contains("--agency <NAME>"), "{help}");
    assert!(help.contains("[alias: --name]"), "{help}");
    assert!(
        help.contains("这不是给缺少机关名称的文件补填的名称"),
        "{help}"
    );
}

/// A CSV saved by Excel on Chinese Windows (GBK) or as “CSV UTF-8” (with a byte order mark)
/// reads as well as our own.
#[test]
fn csv_from_excel_in_gbk_or_with_a_bom_is_read() {
    let dir = tempfile::tempdir().unwrap();
    let gbk = dir.path().join("gbk.csv");
    std::fs::write(
        &gbk,
        b"agency,year,cell,value\n\xc4\xb3\xc4\xb3\xcf\xd8\xbd\xbb\xcd\xa8\xd4\xcb\xca\xe4\xbe\xd6,2024,applications.new.total,3\n",
    )
    .unwrap();
    let bom = dir.path().join("bom.csv");
    std::fs::write(
        &bom,
        "\u{feff}agency,year,cell,value\n某某县交通运输局,2024,applications.new.total,3\n",
    )
    .unwrap();
    for path in [&gbk, &bom] {
        let (_, out, _) = in_tests_dir(&["check", path.to_str().unwrap(), "--format", "json"]);
        let v: serde_json::Value = serde_json::from_str(&out).unwrap();
        assert_eq!(v["reports"][0]["agency"], "某某县交通运输局", "{out}");
        assert_eq!(v["reports"][0]["year"], 2024, "{out}");
    }
}

/// Every path met is accounted for: links are followed (a file link read as the file, a folder
/// link walked once), and what is not read — a link to nothing, a link back to a folder already
/// read, named pipes, sockets, devices, a folder that cannot be opened — is named with its own
/// message, counted in the closing line and listed in the summary's 文件清单.
#[cfg(unix)]
#[test]
fn every_path_met_is_named_and_counted() {
    use std::os::unix::fs::{PermissionsExt as _, symlink};
    let dir = tempfile::tempdir().unwrap();
    let reports = zfxxgk_tests::fixtures().join("reports");
    let root = dir.path().join("报告");
    let elsewhere = dir.path().join("别处");
    std::fs::create_dir(&root).unwrap();
    std::fs::create_dir(&elsewhere).unwrap();
    std::fs::copy(reports.join("balanced.json"), root.join("a.json")).unwrap();
    std::fs::copy(reports.join("placeholders.csv"), elsewhere.join("b.csv")).unwrap();
    symlink(&elsewhere, root.join("linked")).unwrap();
    let water = std::fs::read_to_string(reports.join("balanced.json"))
        .unwrap()
        .replace("某某县交通运输局", "某某县水利局");
    std::fs::write(dir.path().join("e.json"), water).unwrap();
    symlink(dir.path().join("e.json"), root.join("c.json")).unwrap();
    symlink(root.join("nowhere.xlsx"), root.join("broken.xlsx")).unwrap();
    symlink(".", root.join("self")).unwrap();
    symlink("/dev/zero", root.join("zero.csv")).unwrap();
    let fifo = std::process::Command::new("mkfifo")
        .arg(root.join("pipe.json"))
        .status()
        .unwrap();
    assert!(fifo.success());
    let _socket = std::os::unix::net::UnixListener::bind(root.join("sock.csv")).unwrap();
    let locked = root.join("locked");
    std::fs::create_dir(&locked).unwrap();
    let other = std::fs::read_to_string(reports.join("balanced.json"))
        .unwrap()
        .replace("某某县交通运输局", "某某县文化局");
    std::fs::write(locked.join("d.json"), other).unwrap();
    std::fs::set_permissions(&locked, std::fs::Permissions::from_mode(0o000)).unwrap();
    // Root opens any folder: that case is then not testable here (the binary's own test runs
    // it as `nobody`: crates/zfxxgk-cli/tests/hardening.rs).
    let as_root = std::fs::read_dir(&locked).is_ok();
    let r = root.display().to_string();
    let mut skipped = vec![
        format!("{r}/broken.xlsx：跳过：链接指向的文件或文件夹不存在，未读取"),
        format!("{r}/pipe.json：跳过：不是普通文件（命名管道），未读取"),
        format!(
            "{r}/self：跳过：与已读过的文件夹是同一个（经由链接，或重复给出），其中的文件不重复读取"
        ),
        format!("{r}/sock.csv：跳过：不是普通文件（套接字），未读取"),
        format!("{r}/zero.csv：跳过：不是普通文件（设备），未读取"),
    ];
    if !as_root {
        skipped.insert(
            1,
            format!("{r}/locked：跳过：无法打开这个文件夹（没有权限），其中的文件都未读取"),
        );
    }
    let (code, out, err) = in_tests_dir(&["check", &r]);
    std::fs::set_permissions(&locked, std::fs::Permissions::from_mode(0o755)).unwrap();
    assert_eq!(code, 2, "{out}{err}");
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines[..skipped.len()], skipped, "{out}");
    for read in [
        format!("（{r}/a.json）：无误"),
        format!("某某县水利局 2023 年度报告（{r}/c.json）：无误"),
        format!("（{r}/linked/b.csv）："),
    ] {
        assert!(out.contains(&read), "{read} in {out}");
    }
    let n = skipped.len();
    let (files, clean) = (3 + usize::from(as_root), 2 + usize::from(as_root));
    assert!(
        out.ends_with(&format!(
            "共 {files} 个文件、{files} 份报告：0 份有错误，1 份仅有提醒，{clean} 份无误；跳过 {n} 个路径（见上）。\n"
        )),
        "{out}"
    );
    // A link back to a folder already read loses nothing: not a reason for status 2.
    let alone = dir.path().join("单独");
    std::fs::create_dir(&alone).unwrap();
    std::fs::copy(reports.join("balanced.json"), alone.join("a.json")).unwrap();
    symlink(".", alone.join("self")).unwrap();
    let a = alone.display().to_string();
    let (code, out, _) = in_tests_dir(&["check", &a, "--lang", "en"]);
    assert_eq!(
        out,
        format!(
            "{a}/self: skipped: the same folder as one already read (through a link, or given twice); its files are not read twice\n\
             某某县交通运输局, report for 2023 ({a}/a.json): ok\n\
             1 file(s), 1 report(s): 0 with errors, 0 with warnings only, 1 clean; 1 path(s) skipped (see above).\n"
        )
    );
    assert_eq!(code, 0);

    // JSON: each with its code; the closing summary counts them.
    std::fs::set_permissions(&locked, std::fs::Permissions::from_mode(0o000)).unwrap();
    let (_, out, _) = in_tests_dir(&["check", &r, "--format", "json", "--lang", "en"]);
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    let codes: Vec<(&str, &str)> = v["reports"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|e| Some((e["path"].as_str()?, e["skipped"].as_str()?)))
        .map(|(p, c)| (p.rsplit('/').next().unwrap(), c))
        .collect();
    let mut want = vec![
        ("broken.xlsx", "broken-link"),
        ("pipe.json", "not-a-regular-file"),
        ("self", "folder-seen"),
        ("sock.csv", "not-a-regular-file"),
        ("zero.csv", "not-a-regular-file"),
    ];
    if !as_root {
        want.insert(1, ("locked", "folder-unreadable"));
    }
    assert_eq!(codes, want, "{out}");
    assert_eq!(v["summary"]["skipped"], n, "{out}");
    assert_eq!(
        v["reports"][0]["error"],
        "a link to a file or folder that does not exist; not read"
    );

    // The summary's file list names them too.
    let total = dir.path().join("汇总.csv");
    let (code, _, err) = in_tests_dir(&["aggregate", &r, "-o", total.to_str().unwrap()]);
    std::fs::set_permissions(&locked, std::fs::Permissions::from_mode(0o755)).unwrap();
    assert_eq!(code, 2, "{err}");
    let list = std::fs::read_to_string(dir.path().join("汇总.文件清单.csv")).unwrap();
    for line in &skipped {
        let (path, why) = line.split_once('：').unwrap();
        assert!(
            list.contains(&format!("{path},,,未计入,{why}")),
            "{path} {why} in {list}"
        );
        assert!(err.contains(&format!("{path}：未计入汇总：{why}")), "{err}");
    }
}

/// A folder deeper than the system's path limit is named, not silently passed over.
#[cfg(unix)]
#[test]
fn a_path_longer_than_the_system_allows_is_named() {
    let dir = tempfile::tempdir().unwrap();
    let balanced = zfxxgk_tests::fixtures().join("reports/balanced.json");
    std::fs::copy(&balanced, dir.path().join("top.json")).unwrap();
    // 22 folders of 200 characters: past PATH_MAX (4096). Made by relative steps.
    let made = std::process::Command::new("bash")
        .arg("-c")
        .arg(format!(
            "cd '{}' && n=$(printf 'd%.0s' $(seq 200)) && for i in $(seq 22); do mkdir $n && cd $n || exit 1; done && cp '{}' deep.json",
            dir.path().display(),
            balanced.display()
        ))
        .status()
        .unwrap();
    assert!(made.success());
    let (code, out, _) = in_tests_dir(&["check", dir.path().to_str().unwrap()]);
    assert_eq!(code, 2, "{out}");
    let first = out.lines().next().unwrap();
    assert!(
        first.starts_with(&dir.path().display().to_string())
            && first.ends_with(
                "：跳过：无法打开这个文件夹（路径太长，超过系统允许的长度），其中的文件都未读取"
            ),
        "{out}"
    );
    assert!(
        out.ends_with("1 份无误；跳过 1 个路径（见上）。\n"),
        "{out}"
    );
}

/// A device or a named pipe is never opened (reading /dev/zero never ends; it was called empty).
#[cfg(unix)]
#[test]
fn devices_and_pipes_are_not_regular_files() {
    let (code, out, _) = in_tests_dir(&["check", "/dev/zero"]);
    assert_eq!(code, 2);
    assert!(
        out.starts_with("/dev/zero：跳过：不是普通文件（设备），未读取\n"),
        "{out}"
    );
    let dir = tempfile::tempdir().unwrap();
    let out_file = dir.path().join("x.json");
    let (code, _, err) = in_tests_dir(&["export", "/dev/null", "-o", out_file.to_str().unwrap()]);
    assert_eq!(code, 2);
    assert_eq!(err, "/dev/null：无法读取：不是普通文件（设备），未读取\n");
    let pipe = dir.path().join("p.json");
    let made = std::process::Command::new("mkfifo")
        .arg(&pipe)
        .status()
        .unwrap();
    assert!(made.success());
    let (code, _, err) = in_tests_dir(&[
        "check",
        "a.json",
        "--previous",
        pipe.to_str().unwrap(),
        "--lang",
        "en",
    ]);
    assert_eq!(code, 2);
    assert!(
        err.ends_with(": not a regular file (a named pipe); not read\n"),
        "{err}"
    );
}

/// Control characters in a file's name or content never reach the terminal: escape sequences
/// (which changed the terminal's title and cleared the screen), BEL, CR, C1 controls and bidi
/// overrides are shown escaped, and a newline in a file name does not break the one line per
/// file. JSON stays exact.
#[test]
fn control_characters_are_escaped_in_text_output() {
    let dir = tempfile::tempdir().unwrap();
    let json = std::fs::read_to_string(zfxxgk_tests::fixtures().join("reports/balanced.json"))
        .unwrap()
        .replace(
            "\"某某县交通运输局\"",
            "\"\\u001b]0;pwned\\u0007某某县交通运输局\\u001b[2J\\r\\u009b\\u202e\"",
        );
    let agency = "\u{1b}]0;pwned\u{7}某某县交通运输局\u{1b}[2J\r\u{9b}\u{202e}";
    let name = "a\nb\u{1b}[31m.json";
    let path = dir.path().join(name);
    std::fs::write(&path, json).unwrap();
    let d = dir.path().to_str().unwrap();
    let raw = |s: &str| {
        s.chars()
            .any(|c| c.is_control() && c != '\n' || c == '\u{202e}')
    };
    for args in [
        vec!["check", d],
        vec!["check", d, "--details", "--lang", "en"],
        vec!["check", d, "a.json"],
    ] {
        let (_, out, err) = in_tests_dir(&args);
        assert!(!raw(&out) && !raw(&err), "{out:?} {err:?}");
        assert!(
            out.contains("\\x1b]0;pwned\\x07某某县交通运输局\\x1b[2J\\r\\u{9b}\\u{202e}"),
            "{out}"
        );
        assert!(out.contains("/a\\nb\\x1b[31m.json"), "{out}");
    }
    let (_, out, _) = in_tests_dir(&["check", d]);
    assert_eq!(
        out.lines().count(),
        2,
        "one line for the file, one to close: {out}"
    );
    let (_, out, _) = in_tests_dir(&["check", d, "--format", "json"]);
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["reports"][0]["agency"], agency);
    assert_eq!(v["reports"][0]["path"], path.to_str().unwrap());
    // What export says on stderr, and the round of several files.
    let out_file = dir.path().join("out.json");
    let (code, _, err) = in_tests_dir(&[
        "export",
        path.to_str().unwrap(),
        "-o",
        out_file.to_str().unwrap(),
    ]);
    assert_eq!(code, 0, "{err}");
    assert!(!raw(&err) && err.contains("\\x1b]0;pwned"), "{err:?}");
}
