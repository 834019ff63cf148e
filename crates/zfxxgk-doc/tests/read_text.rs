//! Copied and extracted text read end to end (reader → core import) against expected values.

use std::path::{Path, PathBuf};

mod support;

use support::{fixtures, shown};
use zfxxgk_core::{CellValue, Report};
use zfxxgk_doc::read::{Limits, text};

fn import(path: &Path) -> Report {
    let bytes = std::fs::read(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let doc = text::read(&bytes, &Limits::default()).expect("text reads");
    zfxxgk_core::import::read_document(&doc).expect("a report")
}

/// Expected values: agency,year,cell,value rows (empty value = blank).
fn expected(csv: &Path, agency: &str) -> Vec<(String, String)> {
    let text = std::fs::read_to_string(csv).expect("expected csv");
    text.lines()
        .skip(1)
        .filter_map(|l| {
            let f: Vec<&str> = l.split(',').collect();
            (f.first() == Some(&agency))
                .then(|| (f[2].to_string(), f.get(3).unwrap_or(&"").to_string()))
        })
        .collect()
}

fn assert_values(report: &Report, want: &[(String, String)], what: &str) {
    assert_eq!(want.len(), 200, "{what}: 200 expected values");
    let mut wrong = Vec::new();
    for (id, value) in want {
        let got = report
            .get(id)
            .map(shown)
            .unwrap_or_else(|| "<no cell>".into());
        if got != *value {
            wrong.push(format!("{id}: got {got:?}, want {value:?}"));
        }
    }
    let issues: Vec<&str> = report.issues.iter().map(|i| i.zh.as_str()).collect();
    assert!(
        wrong.is_empty(),
        "{what}:\n{}\nissues: {issues:#?}",
        wrong.join("\n")
    );
}

#[test]
fn the_seed_reads_every_value_as_published() {
    let r = import(&fixtures().join("yima-transport-2024.txt"));
    assert_eq!(r.agency, "义马市交通运输局");
    assert_eq!(r.year, Some(2024));
    for (cell, _) in r.cells() {
        let want = match cell.id {
            "disclosure.licensing.decisions" => 5,
            "disclosure.penalty.decisions" => 118,
            _ => 0,
        };
        assert_eq!(r.value(cell), &CellValue::int(want), "{}", cell.id);
    }
    assert!(r.issues.is_empty(), "{:#?}", r.issues);
    assert!(r.section("overview").starts_with("(一) 主动公开"));
    assert!(r.section("overview").contains("及时向问询群众回复答复书"));
    assert!(r.section("problems").contains("下一步打算"));
    assert_eq!(r.section("other"), "无。");
    let findings = zfxxgk_core::check(&r, &zfxxgk_core::CheckOptions::default());
    let codes: Vec<&str> = findings.iter().map(|f| f.code.as_str()).collect();
    assert_eq!(codes, vec!["TEXT-APPLICATIONS"]);
}

/// The seed through the import path: its outline as printed, and no structure or identity
/// problem (it has no opening sentence and no statistics period: nothing to compare).
#[test]
fn the_seed_has_a_sound_outline() {
    use zfxxgk_core::Location;
    use zfxxgk_core::outline::{HeadingKind, problems};
    let r = import(&fixtures().join("yima-transport-2024.txt"));
    assert_eq!(problems(&r), vec![]);
    let o = r.outline.as_deref().expect("an outline");
    let title = o.title.as_ref().expect("a title");
    assert_eq!(
        title.text,
        "义马市交通运输局2024 年政府信息公开工作年度报告"
    );
    assert_eq!(title.agency.as_deref(), Some("义马市交通运输局"));
    assert_eq!(title.year, Some(2024));
    assert_eq!(title.location, Some(Location::Line(3)));
    assert_eq!((&o.opening, &o.period, &o.publisher), (&None, &None, &None));
    let headings: Vec<(&str, Option<&str>)> = o
        .headings
        .iter()
        .map(|h| (h.text.as_str(), h.section))
        .collect();
    assert_eq!(
        headings,
        vec![
            ("一、总体情况", Some("overview")),
            ("二、主动公开政府信息情况", Some("disclosure")),
            ("三、收到和处理政府信息公开申请情况", Some("applications")),
            ("四、政府信息公开行政复议、行政诉讼情况", Some("appeals")),
            ("五、存在的主要问题及改进情况", Some("problems")),
            ("六、其他需要报告的事项", Some("other")),
        ]
    );
    assert!(
        o.headings
            .iter()
            .all(|h| h.kind == HeadingKind::Official && h.numbered_right)
    );
    assert_eq!(o.headings[0].location, Location::Line(9));
    let subs: Vec<u32> = o.subheadings.iter().map(|s| s.number).collect();
    assert_eq!(subs, vec![1, 2, 3, 4, 5]);
    // Each part of the text is located at its line, a paragraph cut by a page at both.
    let overview = r.section("overview");
    let at = |needle: &str| {
        r.text_location("overview", overview.find(needle).expect(needle))
            .cloned()
    };
    assert_eq!(at("(一) 主动公开"), Some(Location::Line(11)));
    assert_eq!(at("今年以来"), Some(Location::Line(17)));
    assert_eq!(at("询群众回复答复书"), Some(Location::Line(19)));
    assert_eq!(r.text_location("other", 0), Some(&Location::Line(98)));
}

/// The shared published reports copy their narrative from 义马市交通运输局's report: their
/// self-references name another agency (and, for 2023, another year).
#[test]
fn copied_narratives_name_another_agency() {
    use zfxxgk_core::outline::{Problem, problems};
    let shared = fixtures().join("shared");
    for (file, agency, years) in [
        (
            "某某县市场监督管理局2023年政府信息公开工作年度报告（网页复制）.txt",
            "某某县市场监督管理局",
            2,
        ),
        (
            "某某市某某区人民政府办公室2024年政府信息公开工作年度报告（网页复制）.txt",
            "某某市某某区人民政府办公室",
            0,
        ),
    ] {
        let r = import(&shared.join(file));
        let found = problems(&r);
        let named: Vec<(&str, &str, usize)> = found
            .iter()
            .filter_map(|p| match p {
                Problem::NarrativeAgency {
                    name,
                    agency,
                    mentions,
                } => Some((name.as_str(), agency.as_str(), mentions.len())),
                _ => None,
            })
            .collect();
        assert_eq!(named, vec![("义马市交通运输局", agency, 4)], "{file}");
        let other_years = found
            .iter()
            .filter(|p| matches!(p, Problem::NarrativeYear { year: 2024, .. }))
            .count();
        assert_eq!(other_years, years, "{file}");
        assert_eq!(found.len(), 1 + years, "{file}: {found:#?}");
    }
}

#[test]
fn copied_pages_read_exactly() {
    let shared = fixtures().join("shared");
    for (file, agency) in [
        (
            "某某县市场监督管理局2023年政府信息公开工作年度报告（网页复制）.txt",
            "某某县市场监督管理局",
        ),
        (
            "某某市某某区人民政府办公室2024年政府信息公开工作年度报告（网页复制）.txt",
            "某某市某某区人民政府办公室",
        ),
    ] {
        let r = import(&shared.join(file));
        assert_eq!(r.agency, agency, "{file}");
        assert_values(&r, &expected(&shared.join("expected.csv"), agency), file);
        assert!(r.issues.is_empty(), "{file}: {:#?}", r.issues);
        for s in ["overview", "problems", "other"] {
            assert!(!r.section(s).is_empty(), "{file}: section {s}");
        }
    }
}

#[test]
fn pdftotext_layout_reads_exactly() {
    let dir = fixtures().join("text");
    let shared = fixtures().join("shared");
    for (file, agency) in [
        (
            "某某县市场监督管理局2023年（pdftotext-layout）.txt",
            "某某县市场监督管理局",
        ),
        (
            "某某市某某区人民政府办公室2024年（pdftotext-layout）.txt",
            "某某市某某区人民政府办公室",
        ),
    ] {
        let r = import(&dir.join(file));
        assert_eq!(r.agency, agency, "{file}");
        assert_values(&r, &expected(&shared.join("expected.csv"), agency), file);
        assert!(r.issues.is_empty(), "{file}: {:#?}", r.issues);
        for s in ["overview", "problems", "other"] {
            assert!(!r.section(s).is_empty(), "{file}: section {s}");
        }
    }
}

/// The variants of `tests/fixtures/scripts/make_text_variants.py`, and `pdftotext -layout` of
/// LibreOffice PDFs of Word variants (narrow label columns wrapped over many lines, a page break
/// inside a label, the 2019 edition, typos): every value as expected (blank stays blank, `/`
/// stays a placeholder) and exactly the import issues listed.
#[test]
fn text_variants_read_exactly_with_their_issues() {
    let dir = fixtures().join("text");
    let mut seen = 0;
    let mut names: Vec<PathBuf> = std::fs::read_dir(&dir)
        .expect("text fixtures")
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.to_string_lossy().ends_with(".expected.csv"))
        .collect();
    names.sort();
    for csv in names {
        let stem = csv
            .to_string_lossy()
            .trim_end_matches(".expected.csv")
            .to_string();
        let r = import(Path::new(&format!("{stem}.txt")));
        let rows = support::expected(&csv);
        let problems = support::differences(&stem, &r, &rows);
        assert!(problems.is_empty(), "{problems:#?}\n{:#?}", r.issues);
        let codes: Vec<&str> = r.issues.iter().map(|i| i.code).collect();
        let issues = std::fs::read_to_string(format!("{stem}.issues")).expect("issues");
        let want_codes: Vec<&str> = issues.lines().collect();
        assert_eq!(codes, want_codes, "{stem}: {:#?}", r.issues);
        assert_eq!(
            r.uncertain(),
            want_codes
                .iter()
                .any(|c| zfxxgk_core::report::UNCERTAIN_CODES.contains(c)),
            "{stem}"
        );
        seen += 1;
    }
    assert!(seen >= 6, "{seen} variants");
}

/// Hostile or unusable text: a clear message, bounded work, never a panic.
#[test]
fn bad_text_gets_a_message() {
    let limits = Limits::default();
    // Not text at all.
    let e = text::read(&[0xff, 0xfe, 0xfd, 0x00, 0x81], &limits);
    let e = e
        .err()
        .map(|e| e.message(zfxxgk_core::Lang::Zh))
        .unwrap_or_default();
    assert!(e.contains("不是可识别的文本"), "{e}");
    // Larger than the limit.
    let small = Limits {
        max_file_bytes: 10,
        ..Limits::default()
    };
    let e = text::read("规章\t1\t2\t3\n规章\t1\t2\t3".as_bytes(), &small)
        .err()
        .map(|e| e.message(zfxxgk_core::Lang::Zh))
        .unwrap_or_default();
    assert!(e.contains("文本文件过大"), "{e}");
    // Too many cells.
    let few = Limits {
        max_cells: 100,
        ..Limits::default()
    };
    let many = "1\t2\t3\t4\n".repeat(100);
    let e = text::read(many.as_bytes(), &few)
        .err()
        .map(|e| e.message(zfxxgk_core::Lang::Zh))
        .unwrap_or_default();
    assert!(e.contains("超过 100 个"), "{e}");
    // A news article: text, but no report in it.
    let news = "市政府召开常务会议\n\n会议研究了今年的重点工作。\n会议要求各部门抓好落实。\n";
    let doc = text::read(news.as_bytes(), &limits).expect("text");
    let e = zfxxgk_core::import::read_document(&doc).expect_err("not a report");
    let m = e.message(zfxxgk_core::Lang::Zh);
    assert!(m.starts_with("不是年度报告"), "{m}");
    assert!(m.contains("开头是“市政府召开常务会议”"), "{m}");
}

/// Big inputs of the worst shapes (one endless line; a million numbers) are read or refused in
/// bounded work: the finder tries a bounded number of anchors.
#[test]
fn huge_text_is_bounded() {
    let limits = Limits::default();
    let line = "规章 ".repeat(200_000);
    let doc = text::read(line.as_bytes(), &limits).expect("one line of text");
    assert!(zfxxgk_core::import::read_document(&doc).is_err());
    let numbers = "规章  1  2  3\n".repeat(60_000);
    let doc = text::read(numbers.as_bytes(), &limits).expect("text");
    let r = zfxxgk_core::import::read_document(&doc).expect("table 二's first block");
    assert_eq!(
        r.get("disclosure.regulations.issued"),
        Some(&CellValue::int(1))
    );
}

/// A copy that indents headings and paragraphs with a tab (published pages, read 2026-11-30):
/// they are running text, and a row label alone (`\t（七）总计`, values blank) stays a row.
#[test]
fn tab_indented_headings_and_paragraphs_are_text() {
    let seed = std::fs::read_to_string(fixtures().join("yima-transport-2024.txt")).unwrap();
    let indented = seed
        .replacen("一、总体情况", "\t一、总体情况 ", 1)
        .replacen(
            "五、存在的主要问题及改进情况",
            "\t五、存在的主要问题及改进情况",
            1,
        )
        .replacen("(一) 主动公开", "\t(一) 主动公开。", 1);
    let r = zfxxgk_core::import::read_document(
        &text::read(indented.as_bytes(), &Limits::default()).expect("read"),
    )
    .expect("a report");
    assert!(
        r.section("overview").starts_with("(一) 主动公开。"),
        "{}",
        r.section("overview")
    );
    assert!(r.section("problems").contains("下一步打算"));
    assert_eq!(zfxxgk_core::outline::problems(&r), vec![]);
    let mut blank_row = seed.clone();
    let line = seed
        .lines()
        .find(|l| l.contains("（七）总计") || l.contains("(七) 总计"))
        .expect("the total row");
    let label = line.split('\t').find(|f| f.contains("总计")).unwrap();
    let lead = line.split('\t').position(|f| f.contains("总计")).unwrap();
    blank_row = blank_row.replacen(line, &format!("{}{label}", "\t".repeat(lead)), 1);
    let r = zfxxgk_core::import::read_document(
        &text::read(blank_row.as_bytes(), &Limits::default()).expect("read"),
    )
    .expect("a report");
    assert!(
        !r.issues.iter().any(|i| i.code == "IMPORT-MISSING-ROW"),
        "{:#?}",
        r.issues
    );
}
