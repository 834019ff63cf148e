//! Data-driven tests of every rule: each case changes a balanced report and lists exactly the
//! findings (code and cell ids) that must result, nothing more.

use zfxxgk_core::{CellValue, CheckOptions, Edition, Lang, Report, check};
use zfxxgk_tests::balanced;

fn options() -> CheckOptions {
    CheckOptions::with_max_year(2027)
}

/// Applies `changes` (cell id → value as written in the CSV; `{text}` for unreadable text) to the
/// balanced report and checks that the findings are exactly `expected`: (code, cell ids).
#[track_caller]
fn case(changes: &[(&str, &str)], expected: &[(&str, &[&str])]) {
    let mut r = balanced();
    for (id, v) in changes {
        let value = match v.strip_prefix('{').and_then(|t| t.strip_suffix('}')) {
            Some(text) => CellValue::Text(text.into()),
            None => CellValue::parse_plain(v),
        };
        assert!(r.set_by_id(id, value), "unknown id {id}");
    }
    check_exactly(&r, expected);
}

#[track_caller]
fn check_exactly(r: &Report, expected: &[(&str, &[&str])]) {
    let got: Vec<(String, Vec<String>)> = check(r, &options())
        .iter()
        .map(|f| {
            (
                f.code.as_str().to_string(),
                f.cell_ids().iter().map(|s| s.to_string()).collect(),
            )
        })
        .collect();
    let want: Vec<(String, Vec<String>)> = expected
        .iter()
        .map(|(c, cells)| (c.to_string(), cells.iter().map(|s| s.to_string()).collect()))
        .collect();
    assert_eq!(got, want);
}

fn col(column: &str, rows: &[&str]) -> Vec<String> {
    rows.iter()
        .map(|r| format!("applications.{r}.{column}"))
        .collect()
}

fn row(row: &str) -> Vec<String> {
    // Every column of table 三, from the catalog: six applicant columns and the total.
    let layout = Edition::V2021.layout();
    layout
        .table_cells("applications")
        .filter(|c| c.row.id == row)
        .map(|c| c.id.to_string())
        .collect()
}

fn results(column: &str) -> Vec<String> {
    let layout = Edition::V2021.layout();
    let mut ids: Vec<String> = layout
        .table("applications")
        .map(|t| t.blocks[0].rows.iter())
        .into_iter()
        .flatten()
        .filter(|r| r.role == zfxxgk_core::layout::RowRole::Result)
        .map(|r| format!("applications.{}.{column}", r.id))
        .collect();
    ids.push(format!("applications.results_total.{column}"));
    ids
}

fn strs(v: &[String]) -> Vec<&str> {
    v.iter().map(String::as_str).collect()
}

#[test]
fn a_balanced_report_passes_every_rule() {
    case(&[], &[]);
}

#[test]
fn the_sample_passes_every_arithmetic_rule_and_its_narrative_contradicts_its_table() {
    // The published report says one application was received; its table 三 is all zeros.
    check_exactly(
        &zfxxgk_doc::sample::yima_transport_2024(),
        &[(
            "TEXT-APPLICATIONS",
            &["applications.new.total", "applications.carried_over.total"],
        )],
    );
}

#[test]
fn text_applications_compares_the_overview_with_table_three() {
    // The balanced report has 13 new applications and 1 carried over.
    let stated = |text: &str| {
        let mut r = balanced();
        r.set_section("overview", text);
        check(&r, &options())
            .iter()
            .map(|f| f.code.as_str())
            .collect::<Vec<_>>()
    };
    assert_eq!(
        stated("2023年共收到政府信息公开申请13件，均已按时答复。"),
        Vec::<&str>::new()
    );
    assert_eq!(
        stated("全年受理政府信息公开申请十四件（含上年结转1件）。"),
        Vec::<&str>::new()
    );
    assert_eq!(
        stated("全年共收到政府信息公开申请12件。"),
        ["TEXT-APPLICATIONS"]
    );
    assert_eq!(
        stated("本年度未收到政府信息公开申请。"),
        ["TEXT-APPLICATIONS"]
    );
    assert_eq!(
        stated("主动公开政府信息356条，其中规范性文件3件。"),
        Vec::<&str>::new()
    );
    assert_eq!(stated(""), Vec::<&str>::new());
    let mut r = balanced();
    r.set_section("overview", "全年共收到政府信息公开申请12件。");
    let f = &check(&r, &options())[0];
    assert_eq!(
        f.message(Lang::Zh),
        "正文“一、总体情况”写道“全年共收到政府信息公开申请12件。”，但表三“本年新收”总计为 13（或“本年新收”+“上年结转”总计为 14），相差 1，请核实正文或表格。"
    );
    assert_eq!(f.difference, Some((-1).into()));
}

#[test]
fn t3_balance_fails_per_column() {
    // One more new application by a natural person, counted in the row total too: the columns
    // 自然人 and 总计 no longer balance; the result rows did not change, so only the balance fails.
    let balance_np = col(
        "natural_person",
        &["new", "carried_over", "results_total", "carried_forward"],
    );
    let balance_total = col(
        "total",
        &["new", "carried_over", "results_total", "carried_forward"],
    );
    case(
        &[
            ("applications.new.natural_person", "11"),
            ("applications.new.total", "14"),
        ],
        &[
            ("T3-BALANCE", &strs(&balance_np)),
            ("T3-BALANCE", &strs(&balance_total)),
        ],
    );
}

#[test]
fn t3_balance_holds_when_carried_forward_absorbs_the_difference() {
    case(
        &[
            ("applications.new.natural_person", "11"),
            ("applications.new.total", "14"),
            ("applications.carried_forward.natural_person", "2"),
            ("applications.carried_forward.total", "2"),
        ],
        &[],
    );
}

#[test]
fn t3_results_sum_fails_per_column() {
    // One granted application fewer, the results total unchanged: the results sums of 自然人 and
    // 总计 fail; the balance still holds because it uses the results total.
    let r_np = results("natural_person");
    let r_total = results("total");
    case(
        &[
            ("applications.granted.natural_person", "4"),
            ("applications.granted.total", "6"),
        ],
        &[
            ("T3-RESULTS-SUM", &strs(&r_np)),
            ("T3-RESULTS-SUM", &strs(&r_total)),
        ],
    );
    // Changing the results total instead breaks the balance and the results sum of that column.
    case(
        &[("applications.results_total.research", "1")],
        &[
            (
                "T3-BALANCE",
                &strs(&col(
                    "research",
                    &["new", "carried_over", "results_total", "carried_forward"],
                )),
            ),
            ("T3-RESULTS-SUM", &strs(&results("research"))),
            ("T3-ROW-TOTAL", &strs(&row("results_total"))),
        ],
    );
}

#[test]
fn t3_row_total_fails_per_row() {
    case(
        &[("applications.denied_third_party.total", "2")],
        &[
            ("T3-RESULTS-SUM", &strs(&results("total"))),
            ("T3-ROW-TOTAL", &strs(&row("denied_third_party"))),
        ],
    );
    case(
        &[
            ("applications.carried_over.research", "1"),
            ("applications.carried_forward.research", "1"),
        ],
        &[
            ("T3-ROW-TOTAL", &strs(&row("carried_over"))),
            ("T3-ROW-TOTAL", &strs(&row("carried_forward"))),
        ],
    );
}

#[test]
fn t4_total_fails_per_group() {
    let g = |group: &str| -> Vec<String> {
        ["upheld", "corrected", "other", "pending", "total"]
            .iter()
            .map(|c| format!("appeals.{group}.{c}"))
            .collect()
    };
    case(
        &[("appeals.review.total", "3")],
        &[("T4-TOTAL", &strs(&g("review")))],
    );
    case(
        &[("appeals.litigation_direct.other", "1")],
        &[("T4-TOTAL", &strs(&g("litigation_direct")))],
    );
    case(
        &[("appeals.litigation_after_review.pending", "2")],
        &[("T4-TOTAL", &strs(&g("litigation_after_review")))],
    );
    case(
        &[
            ("appeals.litigation_after_review.pending", "2"),
            ("appeals.litigation_after_review.total", "2"),
        ],
        &[],
    );
}

#[test]
fn value_rules() {
    case(
        &[("disclosure.penalty.decisions", "-2")],
        &[("VALUE-NEGATIVE", &["disclosure.penalty.decisions"])],
    );
    case(
        &[("disclosure.coercion.decisions", "2.5")],
        &[("VALUE-FRACTION", &["disclosure.coercion.decisions"])],
    );
    // The fee may have decimals.
    case(&[("disclosure.fees.amount", "12.6")], &[]);
    case(
        &[("disclosure.fees.amount", "-0.5")],
        &[("VALUE-NEGATIVE", &["disclosure.fees.amount"])],
    );
    case(
        &[("disclosure.licensing.decisions", "{见附件}")],
        &[("VALUE-TEXT", &["disclosure.licensing.decisions"])],
    );
    case(
        &[("disclosure.licensing.decisions", "")],
        &[("VALUE-MISSING", &["disclosure.licensing.decisions"])],
    );
    case(
        &[("disclosure.licensing.decisions", "/")],
        &[("VALUE-MISSING", &["disclosure.licensing.decisions"])],
    );
    // A negative fraction in a count is wrong twice.
    case(
        &[("disclosure.licensing.decisions", "-1.5")],
        &[
            ("VALUE-NEGATIVE", &["disclosure.licensing.decisions"]),
            ("VALUE-FRACTION", &["disclosure.licensing.decisions"]),
        ],
    );
}

#[test]
fn blanks_count_as_zero_in_sums_and_text_skips_them() {
    // A blank where 0 belongs: only VALUE-MISSING; the sums still hold.
    case(
        &[("applications.new.research", "")],
        &[("VALUE-MISSING", &["applications.new.research"])],
    );
    // A blank where 1 belongs: the sums fail and say the blank was counted as 0.
    let mut r = balanced();
    r.set_by_id("applications.new.legal_service", CellValue::Blank);
    let findings = check(&r, &options());
    let codes: Vec<&str> = findings.iter().map(|f| f.code.as_str()).collect();
    assert_eq!(codes, ["VALUE-MISSING", "T3-BALANCE", "T3-ROW-TOTAL"]);
    assert!(
        findings[1].message(Lang::Zh).contains("按 0 计"),
        "{}",
        findings[1].message(Lang::Zh)
    );
    // Unreadable text: the equations it is part of are not judged (VALUE-TEXT says what is wrong).
    case(
        &[("applications.new.legal_service", "{一件}")],
        &[("VALUE-TEXT", &["applications.new.legal_service"])],
    );
}

#[test]
fn t2_in_force() {
    case(
        &[("disclosure.regulations.in_force", "0")],
        &[(
            "T2-IN-FORCE",
            &[
                "disclosure.regulations.issued",
                "disclosure.regulations.repealed",
                "disclosure.regulations.in_force",
            ],
        )],
    );
    case(&[("disclosure.normative_documents.in_force", "2")], &[]);
    case(
        &[("disclosure.normative_documents.in_force", "1")],
        &[(
            "T2-IN-FORCE",
            &[
                "disclosure.normative_documents.issued",
                "disclosure.normative_documents.repealed",
                "disclosure.normative_documents.in_force",
            ],
        )],
    );
}

#[test]
fn meta_rules() {
    let mut r = balanced();
    r.agency = "  ".into();
    check_exactly(&r, &[("META-AGENCY", &[])]);
    let mut r = balanced();
    r.year = None;
    check_exactly(&r, &[("META-YEAR", &[])]);
    for year in [2018, 2028, 0] {
        let mut r = balanced();
        r.year = Some(year);
        check_exactly(&r, &[("META-YEAR", &[])]);
    }
    let mut r = balanced();
    r.year = Some(2027);
    check_exactly(&r, &[]);
    let mut r = balanced();
    r.year = Some(2020);
    check_exactly(&r, &[("META-FORMAT", &[])]);
}

#[test]
fn the_2019_edition_has_its_own_equations() {
    let mut r = Report::new(Edition::V2019);
    r.agency = "某局".into();
    r.year = Some(2020);
    for cell in r.layout().cells() {
        r.set(cell, CellValue::int(0));
    }
    check_exactly(&r, &[]);
    // One （六）其他处理 row takes part in the results sum.
    r.set_by_id("applications.other.natural_person", CellValue::int(1));
    let got: Vec<&str> = check(&r, &options())
        .iter()
        .map(|f| f.code.as_str())
        .collect();
    assert_eq!(got, ["T3-RESULTS-SUM", "T3-ROW-TOTAL"]);
    // 本年增/减 may be negative.
    let mut r2 = r.clone();
    r2.set_by_id("applications.other.natural_person", CellValue::int(0));
    r2.set_by_id("disclosure.licensing.change", CellValue::int(-3));
    check_exactly(&r2, &[]);
    // A 2021 report year in the 2019 layout.
    r2.year = Some(2023);
    check_exactly(&r2, &[("META-FORMAT", &[])]);
}

#[test]
fn messages_say_what_disagrees_in_both_languages() {
    let mut r = balanced();
    r.set_by_id("applications.new.natural_person", CellValue::int(11));
    r.set_by_id("applications.new.total", CellValue::int(14));
    let f = &check(&r, &options())[0];
    assert_eq!(
        f.message(Lang::Zh),
        "表三“自然人”列：本年新收 11 + 上年结转 1 = 12，但办理结果总计 10 + 结转下年度 1 = 11，相差 1。"
    );
    assert_eq!(
        f.message(Lang::En),
        "Table 3, column “natural persons”: new applications this year 11 + carried over from last year 1 = 12, but results total 10 + carried forward to next year 1 = 11; difference 1."
    );
    assert_eq!(f.difference, Some(1.into()));
    assert_eq!(
        f.values,
        vec![
            CellValue::int(11),
            CellValue::int(1),
            CellValue::int(10),
            CellValue::int(1)
        ]
    );
}

#[test]
fn cells_an_import_error_already_names_are_not_reported_missing_again() {
    let mut r = balanced();
    r.set_by_id("appeals.review.upheld", CellValue::Blank);
    r.set_by_id("appeals.review.total", CellValue::Blank);
    r.issues.push(zfxxgk_core::ImportIssue {
        code: "IMPORT-FORMULA",
        severity: zfxxgk_core::Severity::Error,
        cells: vec!["appeals.review.total"],
        location: None,
        zh: "公式没有计算结果".into(),
        en: "formula without a result".into(),
    });
    // The total is named by the import error; the other blank is still reported, and the sums
    // still count both as 0, so 0 + 0 + 0 + 1 pending ≠ a total of 0.
    check_exactly(
        &r,
        &[
            ("VALUE-MISSING", &["appeals.review.upheld"]),
            (
                "T4-TOTAL",
                &[
                    "appeals.review.upheld",
                    "appeals.review.corrected",
                    "appeals.review.other",
                    "appeals.review.pending",
                    "appeals.review.total",
                ],
            ),
        ],
    );
}
