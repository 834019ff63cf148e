//! Developer automation, run as `cargo xtask <task>` (an alias in .cargo/config.toml).
//!
//! - `cargo xtask ci`: what `.ci/run` does (format, lints, the invariant checks, the tests);
//! - `cargo xtask codegen [--check]`: writes docs/rules.md and docs/cells.md from the core catalog
//!   (`--check` fails when they are stale instead of writing them);
//! - `cargo xtask preview [DIR]`: writes the template, the exported sample workbook and the sample
//!   report as Word document and web page, and renders them to PDF and PNG with LibreOffice,
//!   headless Chromium and pdftoppm (default DIR: target/preview);
//! - `cargo xtask bench [N] [--baseline-max M]`: the benchmark of `check` and `aggregate` against
//!   the openpyxl baseline (see bench.rs);
//! - `cargo xtask bench published [N]`: `check` over N published reports of each kind (copied
//!   text, pdftotext -layout text, web page, Word, PDF);
//! - `cargo xtask bench floor [N]`: `check` of N mixed workbooks against bare calamine reading
//!   the same files (see floor.rs);
//! - `cargo xtask fuzz <TARGET|all> [--seconds N]`, `fuzz replay …`, `fuzz merge …`, `fuzz list`:
//!   the fuzz targets of the readers (the driver is the `zfxxgk-fuzz` crate, fuzz/src/main.rs).

#![allow(clippy::print_stdout, clippy::print_stderr)]

mod bench;
mod codegen;
mod floor;
mod preview;

use std::path::{Path, PathBuf};
use std::process::Command;

use anyhow::{Context, Result, bail};

fn main() -> Result<()> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let root = project_root();
    match args.first().map(String::as_str) {
        Some("codegen") => {
            let check = args.iter().any(|a| a == "--check");
            codegen::run(&root, check)
        }
        Some("ci") => ci(&root),
        Some("preview") => {
            let dir = args
                .get(1)
                .map(PathBuf::from)
                .unwrap_or_else(|| root.join("target/preview"));
            preview::preview(&dir)
        }
        Some("bench") if args.get(1).map(String::as_str) == Some("published") => {
            bench::published(&root, &args[2..])
        }
        Some("bench") if args.get(1).map(String::as_str) == Some("floor") => {
            floor::run(&root, &args[2..])
        }
        Some("bench") => bench::run(&root, &args[1..]),
        Some("fuzz") => fuzz(&root, &args[1..]),
        _ => {
            eprintln!(
                "usage: cargo xtask <ci | codegen [--check] | preview [DIR] | bench [N] [--baseline-max M] | bench published [N] | bench floor [N] [--runs K] [--bin PATH] | fuzz <TARGET|all|replay|merge|list> …>"
            );
            bail!("unknown task")
        }
    }
}

/// The workspace root (the parent of this crate).
pub fn project_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .map(Path::to_path_buf)
        .unwrap_or_else(|| PathBuf::from("."))
}

/// The fuzzing driver, built in release (it replays inputs and measures their time).
fn fuzz(root: &Path, args: &[String]) -> Result<()> {
    let status = Command::new(std::env::var("CARGO").unwrap_or_else(|_| "cargo".into()))
        .args(["run", "--quiet", "--release", "-p", "zfxxgk-fuzz", "--"])
        .args(args)
        .current_dir(root)
        .status()
        .context("running the fuzzing driver")?;
    if !status.success() {
        bail!("fuzz {} failed", args.join(" "));
    }
    Ok(())
}

fn ci(root: &Path) -> Result<()> {
    // One definition of CI: the script CI itself runs.
    eprintln!("$ bash .ci/run");
    let status = Command::new("bash")
        .arg(root.join(".ci/run"))
        .current_dir(root)
        .status()
        .context("running .ci/run")?;
    if !status.success() {
        bail!(".ci/run failed");
    }
    Ok(())
}
