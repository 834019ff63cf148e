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
        "正文“一、总体情况”写道“全年共收到政府信息公开申请12件。”，其中“12件”与表三不符：“本年新收”总计为 13（或“本年新收”+“上年结转”总计为 14），相差 1，请核实正文或表格。"
    );
    assert_eq!(f.difference, Some((-1).into()));
}

/// A published table that leaves a row's 总计 blank (a real report of 2019 did, for every result
/// row): the narrative's figure is compared with the row's applicant columns too.
#[test]
fn a_blank_total_is_read_as_the_sum_of_its_row() {
    let mut r = balanced();
    // 予以公开: 5 + 1 + 1 = 7 in the applicant columns, the 总计 left blank.
    assert!(r.set_by_id("applications.granted.total", CellValue::Blank));
    r.set_section("overview", "全年予以公开7件。");
    let codes: Vec<String> = check(&r, &options())
        .iter()
        .map(|f| f.code.as_str().to_string())
        .collect();
    assert!(!codes.iter().any(|c| c.starts_with("TEXT")), "{codes:?}");
    r.set_section("overview", "全年予以公开8件。");
    let findings = check(&r, &options());
    let text: Vec<_> = findings
        .iter()
        .filter(|f| f.code.as_str() == "TEXT-RESULTS")
        .collect();
    assert_eq!(text.len(), 1, "{findings:#?}");
    let message = text[0].message(Lang::Zh);
    assert!(message.contains("“8件”与表三不符"), "{message}");
    assert!(message.contains("7"), "{message}");
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
fn numbers_beyond_the_bounds_are_named_with_the_bound_and_never_summed() {
    // As a workbook's reader keeps them: the text, never a rounded number.
    case(
        &[("applications.new.legal_service", "{1000000000000000}")],
        &[("VALUE-TEXT", &["applications.new.legal_service"])],
    );
    // A number no reader makes (a report built in code): the same finding, and the equations
    // over it are not judged with a sum that overflowed or was clipped.
    for d in [rust_decimal::Decimal::MAX, rust_decimal::Decimal::MIN] {
        let mut r = balanced();
        for id in ["applications.new.legal_service", "applications.new.total"] {
            r.set_by_id(id, CellValue::Number(d));
        }
        check_exactly(
            &r,
            &[
                ("VALUE-TEXT", &["applications.new.legal_service"]),
                ("VALUE-TEXT", &["applications.new.total"]),
            ],
        );
        let f = &check(&r, &options())[0];
        assert!(
            f.message(Lang::Zh)
                .contains("超出上限（整数部分最多 12 位），未读作数字"),
            "{}",
            f.message(Lang::Zh)
        );
    }
    let mut r = balanced();
    r.set_by_id(
        "disclosure.fees.amount",
        CellValue::Text("0.1234567万元".into()),
    );
    let f = check(&r, &options());
    assert_eq!(
        f[0].message(Lang::Zh),
        "表二“行政事业性收费”的数字“0.1234567万元”超出上限（小数最多 6 位），未读作数字，请核对（金额以万元计）。"
    );
    assert_eq!(
        f[0].message(Lang::En),
        "Table 2 “Administrative fees” / “fees charged this year (10,000 yuan)” holds “0.1234567万元”, a number beyond the limit (at most 6 decimal places); not read as a number, never rounded."
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

/// A small deterministic generator (the tests must not depend on a random seed).
struct Lcg(u64);

impl Lcg {
    fn next(&mut self) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        self.0 >> 33
    }

    fn below(&mut self, n: u64) -> u64 {
        self.next() % n.max(1)
    }
}

/// Chinese numerals as reports write them (`十二`, `二十一`, `一百零五`).
fn chinese(n: u64) -> String {
    const D: [&str; 10] = ["零", "一", "二", "三", "四", "五", "六", "七", "八", "九"];
    match n {
        0..=9 => D[n as usize].to_string(),
        10..=19 => format!("十{}", if n > 10 { D[(n - 10) as usize] } else { "" }),
        20..=99 => format!(
            "{}十{}",
            D[(n / 10) as usize],
            if n.is_multiple_of(10) {
                ""
            } else {
                D[(n % 10) as usize]
            }
        ),
        100..=999 => {
            let rest = n % 100;
            let tail = match rest {
                0 => String::new(),
                1..=9 => format!("零{}", D[rest as usize]),
                10..=19 => format!("一{}", chinese(rest)),
                _ => chinese(rest),
            };
            format!("{}百{tail}", D[(n / 100) as usize])
        }
        _ => n.to_string(),
    }
}

/// A random consistent report: every equation of the tables holds.
fn random_report(rng: &mut Lcg) -> Report {
    let mut r = Report::new(Edition::V2021);
    r.agency = "某某县自然资源和规划局".into();
    r.year = Some(2024);
    let layout = r.layout();
    for cell in layout.cells() {
        r.set(cell, CellValue::int(0));
    }
    let set = |r: &mut Report, id: String, v: u64| {
        assert!(r.set_by_id(&id, CellValue::int(v as i64)), "{id}");
    };
    let parts = [
        "natural_person",
        "commercial",
        "research",
        "social_welfare",
        "legal_service",
        "other_org",
    ];
    let table = layout.table("applications").expect("table 三");
    let result_rows: Vec<&str> = table.blocks[0]
        .rows
        .iter()
        .filter(|row| row.role == zfxxgk_core::layout::RowRole::Result)
        .map(|row| row.id)
        .collect();
    let mut row_totals = std::collections::BTreeMap::<&str, u64>::new();
    for col in parts {
        let busy = rng.below(3) > 0;
        let mut results = 0;
        for row in &result_rows {
            let v = if busy && rng.below(4) == 0 {
                rng.below(6)
            } else {
                0
            };
            results += v;
            *row_totals.entry(row).or_default() += v;
            set(&mut r, format!("applications.{row}.{col}"), v);
        }
        let forward = if busy { rng.below(3) } else { 0 };
        let over = rng.below(results + forward + 1).min(2);
        let new = results + forward - over;
        for (row, v) in [
            ("results_total", results),
            ("carried_forward", forward),
            ("carried_over", over),
            ("new", new),
        ] {
            *row_totals.entry(row).or_default() += v;
            set(&mut r, format!("applications.{row}.{col}"), v);
        }
    }
    for (row, v) in row_totals {
        set(&mut r, format!("applications.{row}.total"), v);
    }
    for group in ["review", "litigation_direct", "litigation_after_review"] {
        let mut total = 0;
        for col in ["upheld", "corrected", "other", "pending"] {
            let v = if rng.below(3) == 0 { rng.below(3) } else { 0 };
            total += v;
            set(&mut r, format!("appeals.{group}.{col}"), v);
        }
        set(&mut r, format!("appeals.{group}.total"), total);
    }
    for row in ["regulations", "normative_documents"] {
        let (issued, repealed) = (rng.below(6), rng.below(3));
        let in_force = issued + rng.below(40);
        set(&mut r, format!("disclosure.{row}.issued"), issued);
        set(&mut r, format!("disclosure.{row}.repealed"), repealed);
        set(&mut r, format!("disclosure.{row}.in_force"), in_force);
    }
    for row in ["licensing", "penalty", "coercion"] {
        set(
            &mut r,
            format!("disclosure.{row}.decisions"),
            rng.below(400),
        );
    }
    let fees = rust_decimal::Decimal::new(rng.below(100_000) as i64, 2);
    r.set_by_id("disclosure.fees.amount", CellValue::Number(fees));
    r
}

/// One stated number of a generated narrative: where it is, and the cell it is about.
struct Stated {
    /// The number as written, unique in the text.
    written: String,
    /// The value written.
    value: u64,
    /// The cell a change of it must be reported on.
    cell: &'static str,
}

/// A narrative stating the report's figures in one of several styles, and where each number is.
fn narrative(r: &Report, rng: &mut Lcg) -> (String, Vec<Stated>) {
    let v = |id: &str| -> u64 {
        r.get(id)
            .and_then(CellValue::as_number)
            .map(|d| u64::try_from(d.mantissa()).unwrap_or(0))
            .unwrap_or(0)
    };
    let sum = |ids: &[&str]| {
        ids.iter()
            .map(|id| v(&format!("applications.{id}.total")))
            .sum::<u64>()
    };
    let denied = sum(&[
        "denied_state_secret",
        "denied_prohibited",
        "denied_security",
        "denied_third_party",
        "denied_internal",
        "denied_process",
        "denied_enforcement",
        "denied_query",
    ]);
    let unavailable = sum(&[
        "unavailable_not_held",
        "unavailable_needs_creation",
        "unavailable_unclear",
    ]);
    let rejected = sum(&[
        "rejected_petition",
        "rejected_duplicate",
        "rejected_publication",
        "rejected_excessive",
        "rejected_confirmation",
    ]);
    let style = rng.below(3);
    let mut stated: Vec<Stated> = Vec::new();
    let n = |value: u64, cell: &'static str, stated: &mut Vec<Stated>| -> String {
        let written = if style == 1 && value < 1000 && value > 0 {
            chinese(value)
        } else if style == 2 {
            value
                .to_string()
                .chars()
                .map(|c| char::from_u32(c as u32 + 0xFEE0).unwrap_or(c))
                .collect()
        } else {
            value.to_string()
        };
        stated.push(Stated {
            written: written.clone(),
            value,
            cell,
        });
        written
    };
    let mut text = String::from("（二）依申请公开\n");
    text += &format!(
        "2024年，本局共收到政府信息公开申请{}件，上年结转{}件。其中予以公开{}件，部分公开{}件，不予公开{}件，无法提供{}件，不予处理{}件。结转下年度继续办理{}件。\n",
        n(
            v("applications.new.total"),
            "applications.new.total",
            &mut stated
        ),
        n(
            v("applications.carried_over.total"),
            "applications.carried_over.total",
            &mut stated
        ),
        n(
            v("applications.granted.total"),
            "applications.granted.total",
            &mut stated
        ),
        n(
            v("applications.partly_granted.total"),
            "applications.partly_granted.total",
            &mut stated
        ),
        n(
            denied,
            "applications.denied_state_secret.total",
            &mut stated
        ),
        n(
            unavailable,
            "applications.unavailable_not_held.total",
            &mut stated
        ),
        n(
            rejected,
            "applications.rejected_petition.total",
            &mut stated
        ),
        n(
            v("applications.carried_forward.total"),
            "applications.carried_forward.total",
            &mut stated
        ),
    );
    text += "（三）政府信息管理\n";
    text += &format!(
        "本年度制发行政规范性文件{}件，废止{}件，现行有效{}件。全年作出行政许可决定{}件、行政处罚决定{}件、行政强制决定{}件。\n",
        n(
            v("disclosure.normative_documents.issued"),
            "disclosure.normative_documents.issued",
            &mut stated
        ),
        n(
            v("disclosure.normative_documents.repealed"),
            "disclosure.normative_documents.repealed",
            &mut stated
        ),
        n(
            v("disclosure.normative_documents.in_force"),
            "disclosure.normative_documents.in_force",
            &mut stated
        ),
        n(
            v("disclosure.licensing.decisions"),
            "disclosure.licensing.decisions",
            &mut stated
        ),
        n(
            v("disclosure.penalty.decisions"),
            "disclosure.penalty.decisions",
            &mut stated
        ),
        n(
            v("disclosure.coercion.decisions"),
            "disclosure.coercion.decisions",
            &mut stated
        ),
    );
    text += "（五）监督保障\n";
    text += &format!(
        "全年被申请政府信息公开行政复议{}件，被提起政府信息公开行政诉讼{}件。\n",
        n(
            v("appeals.review.total"),
            "appeals.review.total",
            &mut stated
        ),
        n(
            v("appeals.litigation_direct.total") + v("appeals.litigation_after_review.total"),
            "appeals.litigation_direct.total",
            &mut stated
        ),
    );
    (text, stated)
}

/// Property: for random consistent reports whose narrative states their own figures, no `TEXT-*`
/// finding; change one stated number and exactly one finding names that number's cell.
#[test]
fn a_narrative_of_the_report_s_own_figures_agrees_and_one_changed_number_is_found() {
    let mut rng = Lcg(20_261_130);
    let text_findings = |r: &Report| -> Vec<zfxxgk_core::Finding> {
        check(r, &options())
            .into_iter()
            .filter(|f| f.code.as_str().starts_with("TEXT-"))
            .collect()
    };
    let mut changed = 0;
    for round in 0..150 {
        let mut r = random_report(&mut rng);
        assert!(
            check(&r, &options())
                .iter()
                .all(|f| !f.code.as_str().starts_with('T')),
            "round {round}: the generated tables do not balance"
        );
        let (text, stated) = narrative(&r, &mut rng);
        r.set_section("overview", text.as_str());
        let found = text_findings(&r);
        assert!(
            found.is_empty(),
            "round {round}: {}\n{text}",
            found[0].message(Lang::Zh)
        );
        // Change one stated number to a value no reading of the tables has.
        let pick = &stated[rng.below(stated.len() as u64) as usize];
        let at: Vec<_> = text.match_indices(&pick.written).collect();
        let new_value = pick.value + 1000 + rng.below(50);
        let mut mutated = text.clone();
        let (offset, _) = at[rng.below(at.len() as u64) as usize];
        // Only change the occurrence that is this figure: the one followed by 件.
        if !text[offset + pick.written.len()..].starts_with('件') {
            continue;
        }
        mutated.replace_range(offset..offset + pick.written.len(), &new_value.to_string());
        r.set_section("overview", mutated.as_str());
        let found = text_findings(&r);
        let own = text.matches(&format!("{}件", pick.written)).count() == 1;
        if !own {
            continue;
        }
        assert_eq!(
            found.len(),
            1,
            "round {round}: changed {} → {new_value} ({}):\n{}",
            pick.written,
            pick.cell,
            found
                .iter()
                .map(|f| f.message(Lang::Zh))
                .collect::<Vec<_>>()
                .join("\n")
        );
        assert!(
            found[0].cell_ids().contains(&pick.cell),
            "round {round}: {} not named by {:?}",
            pick.cell,
            found[0].cell_ids()
        );
        changed += 1;
    }
    assert!(changed >= 50, "only {changed} rounds changed a number");
}
