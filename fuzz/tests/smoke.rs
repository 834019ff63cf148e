//! The CI smoke of the fuzz targets: each target's committed corpus
//! (`tests/fixtures/fuzz/corpus/<target>/`) and every crash file (`tests/fixtures/fuzz/crashes/**`)
//! through the target, with no panic in our code, none escaping, and no hang. (Every corpus
//! through every target would take a minute in a debug build; `cargo xtask fuzz replay all`
//! does that in release.) Long runs are `cargo xtask fuzz`.

#![allow(clippy::print_stderr)]

use std::time::{Duration, Instant};

use zfxxgk_fuzz::{Target, committed_inputs, run_bounded};

/// One input's time limit here: a debug build, on a busy machine. The fuzzer itself flags an
/// input over 2 s (release).
const LIMIT: Duration = Duration::from_secs(30);

fn smoke(target: Target) {
    let inputs = committed_inputs(target);
    assert!(
        !inputs.is_empty(),
        "no committed fuzz inputs for {} under tests/fixtures/fuzz",
        target.name()
    );
    let start = Instant::now();
    let mut failures = Vec::new();
    for path in &inputs {
        let data = std::fs::read(path).expect("reading a committed fuzz input");
        let shown = path.display();
        match run_bounded(target, data, LIMIT) {
            None => failures.push(format!("{shown}: still running after {LIMIT:?}")),
            Some(outcome) => {
                for p in outcome.findings() {
                    failures.push(format!("{shown}: {p}"));
                }
            }
        }
    }
    assert!(
        failures.is_empty(),
        "target {}: {} finding(s):\n{}",
        target.name(),
        failures.len(),
        failures.join("\n")
    );
    eprintln!(
        "target {}: {} inputs in {:.1?}",
        target.name(),
        inputs.len(),
        start.elapsed()
    );
}

#[test]
fn json() {
    smoke(Target::Json);
}

#[test]
fn csv() {
    smoke(Target::Csv);
}

#[test]
fn workbook() {
    smoke(Target::Workbook);
}

#[test]
fn docx() {
    smoke(Target::Docx);
}

#[test]
fn html() {
    smoke(Target::Html);
}

#[test]
fn pdf() {
    smoke(Target::Pdf);
}

#[test]
fn text() {
    smoke(Target::Text);
}

#[test]
fn load() {
    smoke(Target::Load);
}

/// Every target has a test above and a committed corpus.
#[test]
fn every_target_is_smoked() {
    let dir = zfxxgk_fuzz::fixtures_dir();
    for t in Target::ALL {
        assert!(
            !zfxxgk_fuzz::files_under(&dir.join("corpus").join(t.name())).is_empty(),
            "no committed corpus for {}",
            t.name()
        );
    }
    let source = include_str!("smoke.rs");
    for t in Target::ALL {
        assert!(
            source.contains(&format!("smoke(Target::{:?});", t)),
            "no smoke test for {}",
            t.name()
        );
    }
}
