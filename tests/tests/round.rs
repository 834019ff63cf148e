//! The collection round of a superior office on a folder of 36 files in mixed hands
//! (`fixtures/round/`, made by `fixtures/scripts/make_round.py`; its `expected.json` says what a
//! careful officer finds): `check DIR --roster` names every problem and the missing agencies;
//! `aggregate` totals exactly the right reports and accounts for every file.

use std::collections::BTreeSet;

use serde_json::Value;
use zfxxgk_tests::{fixtures, zfxxgk};

fn expected() -> Value {
    let text = std::fs::read_to_string(fixtures().join("round/expected.json")).expect("expected");
    serde_json::from_str(&text).expect("json")
}

fn dir() -> String {
    fixtures().join("round/in").display().to_string()
}

fn roster(name: &str) -> String {
    fixtures().join("round").join(name).display().to_string()
}

/// The file name of a path as the output prints it.
fn name(path: &str) -> String {
    path.rsplit(['/', '\\']).next().unwrap_or(path).to_string()
}

fn names(v: &Value) -> BTreeSet<String> {
    v.as_array()
        .into_iter()
        .flatten()
        .map(|p| name(p.as_str().unwrap_or("")))
        .collect()
}

#[test]
fn check_names_every_problem_of_the_round_and_the_missing_agencies() {
    let want = expected();
    for roster_file in ["roster.csv", "roster-gbk.csv"] {
        let (status, out, err) = zfxxgk(&[
            "check",
            &dir(),
            "--roster",
            &roster(roster_file),
            "--format",
            "json",
        ]);
        // One file is damaged: status 2, and every other file is still reported.
        assert_eq!(status, 2, "{err}");
        let json: Value = serde_json::from_str(&out).expect("json");
        let round = &json["round"];
        let missing: Vec<&str> = round["missing"]
            .as_array()
            .unwrap()
            .iter()
            .map(|v| v.as_str().unwrap())
            .collect();
        let want_missing: Vec<&str> = want["missing"]
            .as_array()
            .unwrap()
            .iter()
            .map(|v| v.as_str().unwrap())
            .collect();
        assert_eq!(missing, want_missing, "{roster_file}");
        assert_eq!(names(&round["unnamed"]), names(&want["not_in_roster"]));
        assert_eq!(
            names(&round["own_summaries_skipped"]),
            ["汇总2024.xlsx".to_string()].into()
        );
        assert_eq!(round["unreadable"].as_array().unwrap().len(), 1);
        // Every agency that sent two files of one year is named, with its files.
        let repeated: BTreeSet<BTreeSet<String>> = round["repeated"]
            .as_array()
            .unwrap()
            .iter()
            .map(names)
            .collect();
        assert!(repeated.contains(&names(&want["two_files"]["某某县财政局"])));
        assert!(repeated.contains(&names(&want["two_files"]["某某县水利局"])));
        let identical: Vec<BTreeSet<String>> = round["identical"]
            .as_array()
            .unwrap()
            .iter()
            .map(names)
            .collect();
        assert_eq!(identical, [names(&want["two_files"]["某某县水利局"])]);
        // The odd year is named.
        let years = round["years"].as_array().unwrap();
        assert_eq!(years[0]["year"], 2024);
        // The main year is counted, not listed (its files are all the others).
        assert!(years[0]["reports"].as_u64().is_some_and(|n| n > 1));
        assert!(years[0].get("files").is_none());
        assert_eq!(years[1]["reports"], 1);
        assert_eq!(
            names(&years[1]["files"]),
            ["某某县林业局2023年政府信息公开工作年度报告统计表.xlsx".to_string()].into()
        );
        // Names matched by alias or near name are said, never silent.
        let matched: Vec<(String, String)> = round["matches"]
            .as_array()
            .unwrap()
            .iter()
            .map(|m| {
                (
                    name(m["file"].as_str().unwrap()),
                    m["matched"].as_str().unwrap().to_string(),
                )
            })
            .filter(|(_, how)| how != "exact")
            .collect();
        for f in want["files"].as_array().unwrap() {
            let how = f["roster_match"].as_str().unwrap_or("");
            if how == "alias" || how == "near" {
                let file = f["file"].as_str().unwrap();
                assert!(
                    matched.iter().any(|(m, h)| m == file && h.starts_with(how)),
                    "{file}: {how} not said: {matched:?}"
                );
            }
        }
    }
    // The text names them for a person.
    let (_, out, _) = zfxxgk(&["check", &dir(), "--roster", &roster("roster.csv")]);
    assert!(
        out.contains("未报送：某某县民族宗教事务局、某某县人民防空办公室"),
        "{out}"
    );
    assert!(
        out.contains("本工具写出的汇总表，不是单位的报告，已跳过"),
        "{out}"
    );
    assert!(out.contains("报告年度不一致：2024 年度"), "{out}");
}

#[test]
fn aggregate_totals_exactly_the_right_reports_and_lists_every_file() {
    let want = expected();
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("汇总.json");
    let out_s = out.display().to_string();
    // Mixed years without --year: refused, naming the odd file.
    let (status, _, err) = zfxxgk(&["aggregate", &dir(), "-o", &out_s]);
    assert_eq!(status, 2);
    assert!(
        err.contains("某某县林业局2023年政府信息公开工作年度报告统计表.xlsx"),
        "{err}"
    );
    assert!(err.contains("--year 2024"), "{err}");
    // Two files of one agency without --dedupe: refused, naming them.
    let (status, _, err) = zfxxgk(&["aggregate", &dir(), "-o", &out_s, "--year", "2024"]);
    assert_eq!(status, 2);
    assert!(err.contains("某某县财政局（修改稿）.xlsx"), "{err}");
    let (status, _, err) = zfxxgk(&[
        "aggregate",
        &dir(),
        "-o",
        &out_s,
        "--year",
        "2024",
        "--dedupe",
        "first",
        "--roster",
        &roster("roster.csv"),
    ]);
    assert_eq!(
        status, 2,
        "the damaged file is still an unreadable input: {err}"
    );
    let json: Value =
        serde_json::from_str(&std::fs::read_to_string(&out).unwrap()).expect("summary json");
    let files = json["files"].as_array().unwrap();
    // Every file in the folder is accounted for, once; the missing agencies are listed.
    let on_disk: BTreeSet<String> = std::fs::read_dir(fixtures().join("round/in"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    let listed: Vec<String> = files
        .iter()
        .map(|f| name(f["file"].as_str().unwrap()))
        .filter(|f| !f.is_empty())
        .collect();
    assert_eq!(listed.len(), on_disk.len());
    assert_eq!(listed.iter().cloned().collect::<BTreeSet<_>>(), on_disk);
    let not_reported: Vec<&str> = files
        .iter()
        .filter(|f| f["status"] == "not reported")
        .map(|f| f["agency"].as_str().unwrap())
        .collect();
    assert_eq!(
        not_reported,
        ["某某县民族宗教事务局", "某某县人民防空办公室"]
    );
    let included: BTreeSet<String> = files
        .iter()
        .filter(|f| f["status"] == "included")
        .map(|f| name(f["file"].as_str().unwrap()))
        .collect();
    assert_eq!(included, names(&want["aggregate"]["included_files"]));
    // Every left-out file says why.
    for f in files.iter().filter(|f| f["status"] == "left out") {
        assert!(!f["reason"].as_str().unwrap().is_empty(), "{f}");
    }
    // The total is the sum of exactly those reports.
    for (id, v) in want["aggregate"]["totals"].as_object().unwrap() {
        assert_eq!(json["total"]["cells"][id].as_f64(), v.as_f64(), "{id}");
    }
    // The output is never one of the inputs, even with --force.
    let inside = fixtures().join("round/in/某某县财政局.xlsx");
    let (status, _, err) = zfxxgk(&[
        "aggregate",
        &dir(),
        "-o",
        &inside.display().to_string(),
        "--force",
        "--year",
        "2024",
        "--dedupe",
        "first",
    ]);
    assert_eq!(status, 2);
    assert!(err.contains("是要汇总的文件之一，不能覆盖"), "{err}");
}

#[test]
fn a_roster_that_cannot_be_used_is_refused_with_the_reason() {
    let tmp = tempfile::tempdir().unwrap();
    let write = |name: &str, bytes: &[u8]| {
        let p = tmp.path().join(name);
        std::fs::write(&p, bytes).unwrap();
        p.display().to_string()
    };
    let cases: [(&str, &[u8], &str); 4] = [
        (
            "no-name.csv",
            "序号,备注\n1,x\n".as_bytes(),
            "没有“单位名称”列",
        ),
        ("empty.csv", "\n,\n".as_bytes(), "没有任何单位名称"),
        (
            "binary.csv",
            &[0u8, 159, 146, 150, 0, 1, 2],
            "不是文本或表格文件",
        ),
        ("broken.xlsx", b"PK\x03\x04broken", "应报单位名单"),
    ];
    for (name, bytes, want) in cases {
        let path = write(name, bytes);
        for cmd in ["check", "aggregate"] {
            let mut args = vec![cmd, dir_leak(), "--roster", &path];
            if cmd == "aggregate" {
                args.extend(["-o", "/nonexistent-zfxxgk/x.json"]);
            }
            let (status, _, err) = zfxxgk(&args);
            assert_eq!(status, 2, "{name} {cmd}");
            assert!(err.contains(want), "{name} {cmd}: {err}");
            assert!(
                err.contains(name),
                "{name} {cmd}: the roster is named: {err}"
            );
        }
    }
    // A roster that does not exist.
    let (status, _, err) = zfxxgk(&["check", &dir(), "--roster", "/nonexistent-zfxxgk/名单.csv"]);
    assert_eq!(status, 2);
    assert!(
        err.contains("应报单位名单") && err.contains("无法读取"),
        "{err}"
    );
    // Two rosters: the command line says the option is given once.
    let r = roster("roster.csv");
    let (status, _, err) = zfxxgk(&["check", &dir(), "--roster", &r, "--roster", &r]);
    assert_eq!(status, 2);
    assert!(err.contains("--roster"), "{err}");
}

/// The fixture folder as a `&'static str` for argument lists.
fn dir_leak() -> &'static str {
    Box::leak(dir().into_boxed_str())
}

/// A summary written before it carried its `zfxxgk_kind` property (only its 明细 and 校验结果
/// sheets say what it is) is still skipped, never counted as one more agency.
#[test]
fn a_summary_without_its_property_is_known_by_its_sheets() {
    use std::io::{Read as _, Write as _};
    let bytes = std::fs::read(fixtures().join("round/in/汇总2024.xlsx")).unwrap();
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
    let mut out = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let mut dropped = 0;
    for i in 0..zip.len() {
        let mut entry = zip.by_index(i).unwrap();
        let name = entry.name().unwrap().to_string();
        let mut data = Vec::new();
        entry.read_to_end(&mut data).unwrap();
        if name == "docProps/custom.xml" {
            dropped += 1;
            continue;
        }
        // The content types and relationships still name the part: drop those mentions too.
        if name == "[Content_Types].xml" || name == "_rels/.rels" {
            let text = String::from_utf8(data).unwrap();
            let kept: String = text
                .split_inclusive('>')
                .filter(|t| !t.contains("custom.xml") && !t.contains("custom-properties"))
                .collect();
            data = kept.into_bytes();
        }
        out.start_file(name, zip::write::SimpleFileOptions::default())
            .unwrap();
        out.write_all(&data).unwrap();
    }
    assert_eq!(dropped, 1, "the fixture carries the property");
    let tmp = tempfile::tempdir().unwrap();
    let old = tmp.path().join("去年的汇总.xlsx");
    std::fs::write(&old, out.finish().unwrap().into_inner()).unwrap();
    std::fs::copy(
        fixtures().join("round/in/某某县财政局.xlsx"),
        tmp.path().join("某某县财政局.xlsx"),
    )
    .unwrap();
    let dir = tmp.path().display().to_string();
    let (_, out, _) = zfxxgk(&["check", &dir]);
    assert!(
        out.contains("本工具写出的汇总表，不是单位的报告，已跳过"),
        "{out}"
    );
    let (_, json, _) = zfxxgk(&["check", &dir, "--format", "json"]);
    assert!(
        json.lines()
            .any(|l| l.contains("去年的汇总.xlsx") && l.contains("\"skipped\":\"own-summary\"")),
        "{json}"
    );
    // Alone, too (as with the property).
    let (_, json, _) = zfxxgk(&["check", &old.display().to_string(), "--format", "json"]);
    assert!(json.contains("\"skipped\":\"own-summary\""), "{json}");
}

/// What a second round made by another hand found (2026-11-30): an agency that sent only last
/// year's report, or a file that cannot be read, has not reported, and the round says so with
/// the file; the roster's lines are named as the file numbers them, blank lines counted.
#[test]
fn an_agency_with_only_another_year_or_an_unreadable_file_has_not_reported() {
    let tmp = tempfile::tempdir().unwrap();
    let folder = tmp.path().join("in");
    std::fs::create_dir(&folder).unwrap();
    for file in [
        "某某县林业局2023年政府信息公开工作年度报告统计表.xlsx",
        "某某县审计局2024年政务公开年报.xlsx",
        "某某县交通运输局2024年政府信息公开工作年度报告统计表.xlsx",
        "某某县财政局.xlsx",
    ] {
        std::fs::copy(fixtures().join("round/in").join(file), folder.join(file)).unwrap();
    }
    let roster = tmp.path().join("名单.csv");
    std::fs::write(
        &roster,
        "单位名称\n某某县林业局\n\n某某县审计局\n某某县林业局\n某某县交通运输局\n某某县财政局\n",
    )
    .unwrap();
    let (_, out, err) = zfxxgk(&[
        "check",
        &folder.display().to_string(),
        "--roster",
        &roster.display().to_string(),
    ]);
    let all = format!("{out}{err}");
    assert!(all.contains("已报送 2 个，未报送 2 个"), "{all}");
    assert!(
        all.contains("某某县林业局 只报送了 2023 年度的报告，按未报送计。"),
        "{all}"
    );
    assert!(
        all.contains("某某县审计局：")
            && all.contains("审计局2024年政务公开年报.xlsx 像是该单位报送的文件，但无法读取"),
        "{all}"
    );
    assert!(
        all.contains("名单中“某某县林业局”出现了多次（第 2、5 行）"),
        "{all}"
    );
}

/// `export` reads a file as `check` does: the agency and the year a file's name gives, when the
/// file gives none (they disagreed before).
#[test]
fn export_takes_the_name_and_year_of_the_file_name_as_check_does() {
    let tmp = tempfile::tempdir().unwrap();
    let src = fixtures().join("round/in/某某县统计局2024年政府信息公开工作年度报告.xlsx");
    let out = tmp.path().join("统计局.json");
    let (status, _, err) = zfxxgk(&[
        "export",
        &src.display().to_string(),
        "-o",
        &out.display().to_string(),
    ]);
    assert_eq!(status, 0, "{err}");
    let json: Value = serde_json::from_str(&std::fs::read_to_string(&out).unwrap()).unwrap();
    let report = if json.is_array() { &json[0] } else { &json };
    assert_eq!(report["agency"], "某某县统计局", "{json}");
    assert_eq!(report["year"], 2024, "{json}");
}
