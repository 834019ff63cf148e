//! Helpers shared by the end-to-end tests.

use std::path::{Path, PathBuf};

use zfxxgk_core::{CellValue, Edition, Report};

/// The directory of the test fixtures.
pub fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures")
}

/// Runs the command line in-process from the tests directory (so paths in output are short and
/// stable) with a fixed current year. Returns (exit status, stdout, stderr).
pub fn zfxxgk(args: &[&str]) -> (i32, String, String) {
    let env = zfxxgk_cli::Env {
        current_year: 2026,
        stderr_is_terminal: false,
        today: None,
    };
    let mut out = Vec::new();
    let mut err = Vec::new();
    let argv = std::iter::once("zfxxgk").chain(args.iter().copied());
    let code = zfxxgk_cli::run(argv, &mut out, &mut err, &env);
    (
        code,
        String::from_utf8_lossy(&out).into_owned(),
        String::from_utf8_lossy(&err).into_owned(),
    )
}

/// A balanced 2021 report with realistic values: every rule holds.
pub fn balanced() -> Report {
    let mut r = Report::new(Edition::V2021);
    r.agency = "某某县交通运输局".into();
    r.year = Some(2023);
    for cell in r.layout().cells() {
        r.set(cell, CellValue::int(0));
    }
    for (id, v) in BALANCED {
        assert!(r.set_by_id(id, CellValue::parse_plain(v)), "{id}");
    }
    r
}

/// The non-zero cells of [`balanced`].
pub const BALANCED: &[(&str, &str)] = &[
    ("disclosure.regulations.issued", "1"),
    ("disclosure.regulations.in_force", "12"),
    ("disclosure.normative_documents.issued", "3"),
    ("disclosure.normative_documents.repealed", "1"),
    ("disclosure.normative_documents.in_force", "20"),
    ("disclosure.licensing.decisions", "250"),
    ("disclosure.penalty.decisions", "118"),
    ("disclosure.coercion.decisions", "3"),
    ("disclosure.fees.amount", "0.35"),
    ("applications.new.natural_person", "10"),
    ("applications.new.commercial", "2"),
    ("applications.new.legal_service", "1"),
    ("applications.new.total", "13"),
    ("applications.carried_over.natural_person", "1"),
    ("applications.carried_over.total", "1"),
    ("applications.granted.natural_person", "5"),
    ("applications.granted.commercial", "1"),
    ("applications.granted.legal_service", "1"),
    ("applications.granted.total", "7"),
    ("applications.partly_granted.natural_person", "2"),
    ("applications.partly_granted.total", "2"),
    ("applications.denied_third_party.natural_person", "1"),
    ("applications.denied_third_party.total", "1"),
    ("applications.unavailable_not_held.natural_person", "2"),
    ("applications.unavailable_not_held.commercial", "1"),
    ("applications.unavailable_not_held.total", "3"),
    ("applications.results_total.natural_person", "10"),
    ("applications.results_total.commercial", "2"),
    ("applications.results_total.legal_service", "1"),
    ("applications.results_total.total", "13"),
    ("applications.carried_forward.natural_person", "1"),
    ("applications.carried_forward.total", "1"),
    ("appeals.review.upheld", "1"),
    ("appeals.review.pending", "1"),
    ("appeals.review.total", "2"),
    ("appeals.litigation_direct.corrected", "1"),
    ("appeals.litigation_direct.total", "1"),
];
