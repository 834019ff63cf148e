//! `cargo xtask bench [N] [--baseline-max M]`: generates N filled workbooks (default 10,000) with
//! our writer, then times `zfxxgk check` and `zfxxgk aggregate` over them and the openpyxl
//! baseline (`../shared/bench/openpyxl_baseline.py`) over the same files (at most M of them,
//! default 1,000, since it is slow), printing wall time, files per second, peak memory and the
//! ratio. Peak memory is read with GNU time (`/usr/bin/time`).
//!
//! The workbooks are cached in `target/bench/N/` and reused by later runs.
//!
//! `cargo xtask bench memory` measures the peak memory of `check` and `aggregate` over many
//! reports of each input kind that holds many cheaply (see [`memory`]).

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::Instant;

use anyhow::{Context, Result, bail};
use zfxxgk_core::{CellValue, Edition, Lang, Report};

/// A small deterministic generator (xorshift), so that every run writes the same workbooks.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }

    fn below(&mut self, n: u64) -> i64 {
        (self.next() % n.max(1)) as i64
    }
}

/// A filled report with realistic, balanced numbers; every 20th one has one broken total.
pub fn generated_report(i: usize) -> Report {
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15 ^ (i as u64 + 1).wrapping_mul(0x2545_F491_4F6C_DD1D));
    let mut r = Report::new(Edition::V2021);
    r.agency = format!("测试县第{:05}号单位", i + 1);
    r.year = Some(2024);
    let layout = r.layout();
    for cell in layout.cells() {
        r.set(cell, CellValue::int(0));
    }
    let mut set = |id: &str, v: i64| {
        r.set_by_id(id, CellValue::int(v));
    };
    let issued = rng.below(4);
    set("disclosure.regulations.issued", issued);
    set("disclosure.regulations.in_force", issued + rng.below(20));
    set("disclosure.normative_documents.issued", rng.below(6));
    set(
        "disclosure.normative_documents.in_force",
        10 + rng.below(40),
    );
    set("disclosure.licensing.decisions", rng.below(800));
    set("disclosure.penalty.decisions", rng.below(300));
    set("disclosure.coercion.decisions", rng.below(10));
    // Table 三: per applicant column, results spread over a few rows, the rest carried forward.
    let applications = Edition::V2021
        .layout()
        .table("applications")
        .map(|t| t.blocks[0].columns)
        .unwrap_or_default();
    let columns: Vec<&str> = applications
        .iter()
        .filter(|c| c.role == zfxxgk_core::layout::ColumnRole::Part)
        .map(|c| c.id)
        .collect();
    let results = [
        "granted",
        "partly_granted",
        "denied_third_party",
        "unavailable_not_held",
        "rejected_duplicate",
    ];
    let mut row_totals = std::collections::BTreeMap::<&str, i64>::new();
    for &col in &columns {
        let new = if col == "natural_person" {
            rng.below(40)
        } else {
            rng.below(4)
        };
        let carried_over = rng.below(3);
        let mut handled = 0;
        for row in results {
            let n = rng.below((new + carried_over - handled + 1) as u64);
            handled += n;
            set(&format!("applications.{row}.{col}"), n);
            *row_totals.entry(row).or_default() += n;
        }
        let carried_forward = new + carried_over - handled;
        for (row, n) in [
            ("new", new),
            ("carried_over", carried_over),
            ("results_total", handled),
            ("carried_forward", carried_forward),
        ] {
            set(&format!("applications.{row}.{col}"), n);
            *row_totals.entry(row).or_default() += n;
        }
    }
    for (row, n) in row_totals {
        set(&format!("applications.{row}.total"), n);
    }
    let upheld = rng.below(3);
    let pending = rng.below(2);
    set("appeals.review.upheld", upheld);
    set("appeals.review.pending", pending);
    set("appeals.review.total", upheld + pending);
    if i % 20 == 19 {
        set("appeals.review.total", upheld + pending + 1);
    }
    r.set_by_id(
        "disclosure.fees.amount",
        CellValue::number(rust_decimal::Decimal::new(rng.below(500), 2)),
    );
    r
}

fn generate(dir: &Path, n: usize) -> Result<()> {
    let done = dir.join(".complete");
    if done.exists() {
        eprintln!("using the {n} workbooks in {}", dir.display());
        return Ok(());
    }
    std::fs::create_dir_all(dir)?;
    let start = Instant::now();
    for i in 0..n {
        let report = generated_report(i);
        let findings = zfxxgk_core::check(&report, &zfxxgk_core::CheckOptions::default());
        let bytes = zfxxgk_excel::write::report_workbook(&report, &findings, Lang::Zh)
            .map_err(|e| anyhow::anyhow!("writing workbook {i}: {e}"))?;
        std::fs::write(dir.join(format!("{:05}.xlsx", i + 1)), bytes)?;
    }
    std::fs::write(&done, "")?;
    eprintln!(
        "wrote {n} workbooks in {:.1} s",
        start.elapsed().as_secs_f64()
    );
    Ok(())
}

pub(crate) struct Measured {
    pub(crate) wall: f64,
    pub(crate) peak_kb: Option<u64>,
    /// User + system CPU seconds (from GNU time).
    pub(crate) cpu: Option<f64>,
    pub(crate) status: i32,
}

/// Builds the release `zfxxgk` and returns its path.
pub(crate) fn release_binary(root: &Path) -> Result<std::path::PathBuf> {
    let status = Command::new(env!("CARGO"))
        .args(["build", "--release", "-p", "zfxxgk-cli"])
        .current_dir(root)
        .status()?;
    if !status.success() {
        bail!("building the release binary failed");
    }
    Ok(root.join("target/release/zfxxgk"))
}

/// Runs a command with its output discarded, timing it and reading its CPU time and peak memory
/// with GNU time.
pub(crate) fn measure(program: &Path, args: &[&str]) -> Result<Measured> {
    let time = Path::new("/usr/bin/time");
    let report = std::env::temp_dir().join(format!("zfxxgk-bench-{}.time", std::process::id()));
    let start = Instant::now();
    let status = if time.exists() {
        Command::new(time)
            .arg("-f")
            .arg("%U %S %M")
            .arg("-o")
            .arg(&report)
            .arg(program)
            .args(args)
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .status()
    } else {
        Command::new(program)
            .args(args)
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .status()
    }
    .with_context(|| format!("running {}", program.display()))?;
    let wall = start.elapsed().as_secs_f64();
    // The last line is ours (GNU time may first say the command exited non-zero).
    let figures: Vec<String> = std::fs::read_to_string(&report)
        .ok()
        .and_then(|s| s.trim().lines().last().map(str::to_string))
        .map(|l| l.split_whitespace().map(str::to_string).collect())
        .unwrap_or_default();
    let figure = |i: usize| figures.get(i).and_then(|f| f.parse::<f64>().ok());
    let peak_kb = figures.get(2).and_then(|f| f.parse().ok());
    let cpu = figure(0).zip(figure(1)).map(|(u, s)| u + s);
    let _ = std::fs::remove_file(&report);
    Ok(Measured {
        wall,
        peak_kb,
        cpu,
        status: status.code().unwrap_or(-1),
    })
}

fn line(name: &str, files: usize, m: &Measured) -> String {
    let peak = m
        .peak_kb
        .map_or("?".to_string(), |k| format!("{:.0} MB", k as f64 / 1024.0));
    format!(
        "| {name} | {files} | {:.2} s | {:.0} | {peak} | {} |",
        m.wall,
        files as f64 / m.wall.max(1e-9),
        m.status
    )
}

/// The bench task.
pub fn run(root: &Path, args: &[String]) -> Result<()> {
    if args.first().map(String::as_str) == Some("memory") {
        return memory(root, &args[1..]);
    }
    let n: usize = args.iter().find_map(|a| a.parse().ok()).unwrap_or(10_000);
    let baseline_max: usize = args
        .iter()
        .position(|a| a == "--baseline-max")
        .and_then(|i| args.get(i + 1))
        .and_then(|v| v.parse().ok())
        .unwrap_or(1_000);
    let status = Command::new(env!("CARGO"))
        .args(["build", "--release", "-p", "zfxxgk-cli"])
        .current_dir(root)
        .status()?;
    if !status.success() {
        bail!("building the release binary failed");
    }
    let zfxxgk = root.join("target/release/zfxxgk");
    let dir = root.join(format!("target/bench/{n}"));
    generate(&dir, n)?;
    let d = dir.display().to_string();
    let out = root.join(format!("target/bench/summary-{n}.csv"));
    let o = out.display().to_string();
    let check = measure(&zfxxgk, &["check", &d, "--format", "json"])?;
    let aggregate = measure(
        &zfxxgk,
        &[
            "aggregate",
            &d,
            "-o",
            &o,
            "--force",
            "--agency",
            "测试县汇总",
        ],
    )?;
    let mut rows = vec![
        line("zfxxgk check", n, &check),
        line("zfxxgk aggregate", n, &aggregate),
    ];
    let baseline = root.join("../shared/bench/openpyxl_baseline.py");
    let mut ratio = None;
    if baseline.exists() {
        let subset = root.join(format!("target/bench/{n}-baseline"));
        let k = n.min(baseline_max);
        std::fs::create_dir_all(&subset)?;
        for i in 0..k {
            let name = format!("{:05}.xlsx", i + 1);
            let link = subset.join(&name);
            if !link.exists() {
                std::fs::hard_link(dir.join(&name), &link)
                    .or_else(|_| std::fs::copy(dir.join(&name), &link).map(|_| ()))?;
            }
        }
        let python = PathBuf::from("python3");
        let s = subset.display().to_string();
        let b = baseline.display().to_string();
        let m = measure(&which(&python).unwrap_or(python), &[&b, &s, "--json"])?;
        if m.status == 0 || m.status == 1 {
            rows.push(line("openpyxl baseline", k, &m));
            ratio = Some((n as f64 / check.wall) / (k as f64 / m.wall));
        } else {
            rows.push(format!(
                "| openpyxl baseline | {k} | failed with status {} (pip install openpyxl) | | | |",
                m.status
            ));
        }
    }
    println!(
        "\nN = {n} workbooks, {} cores\n",
        std::thread::available_parallelism().map_or(0, |n| n.get())
    );
    println!("| run | files | wall | files/s | peak memory | exit |\n|---|---|---|---|---|---|");
    for r in rows {
        println!("{r}");
    }
    if let Some(ratio) = ratio {
        println!("\ncheck is {ratio:.0}× the baseline's files per second");
    }
    Ok(())
}

/// The published-report kinds timed by `cargo xtask bench published`: a name and the fixture
/// files (relative to tests/fixtures/published) copied N times over.
const PUBLISHED: &[(&str, &[&str])] = &[
    (
        "copied text (.txt)",
        &[
            "shared/某某县市场监督管理局2023年政府信息公开工作年度报告（网页复制）.txt",
            "shared/某某市某某区人民政府办公室2024年政府信息公开工作年度报告（网页复制）.txt",
        ],
    ),
    (
        "pdftotext -layout (.txt)",
        &[
            "text/某某县市场监督管理局2023年（pdftotext-layout）.txt",
            "text/某某市某某区人民政府办公室2024年（pdftotext-layout）.txt",
        ],
    ),
    (
        "web page (.htm, GB2312)",
        &[
            "shared/某某县市场监督管理局2023年政府信息公开工作年度报告（Word另存为网页）.htm",
            "shared/某某市某某区人民政府办公室2024年政府信息公开工作年度报告（Word另存为网页）.htm",
        ],
    ),
    (
        "Word (.docx)",
        &[
            "shared/某某县市场监督管理局2023年政府信息公开工作年度报告.docx",
            "shared/某某市某某区人民政府办公室2024年政府信息公开工作年度报告.docx",
        ],
    ),
    (
        "PDF (.pdf)",
        &[
            "shared/某某县市场监督管理局2023年政府信息公开工作年度报告.pdf",
            "shared/某某市某某区人民政府办公室2024年政府信息公开工作年度报告.pdf",
        ],
    ),
];

/// `cargo xtask bench published [N]`: `zfxxgk check` over N published reports of each kind
/// (default 1,000; copies of the fixtures, hard-linked), reports per second and peak memory.
pub fn published(root: &Path, args: &[String]) -> Result<()> {
    let n: usize = args.iter().find_map(|a| a.parse().ok()).unwrap_or(1_000);
    let status = Command::new(env!("CARGO"))
        .args(["build", "--release", "-p", "zfxxgk-cli"])
        .current_dir(root)
        .status()?;
    if !status.success() {
        bail!("building the release binary failed");
    }
    let zfxxgk = root.join("target/release/zfxxgk");
    let fixtures = root.join("tests/fixtures/published");
    let mut rows = Vec::new();
    for (k, (name, files)) in PUBLISHED.iter().enumerate() {
        let dir = root.join(format!("target/bench/published-{n}/{k}"));
        std::fs::create_dir_all(&dir)?;
        for i in 0..n {
            let src = fixtures.join(files[i % files.len()]);
            let ext = src.extension().and_then(|e| e.to_str()).unwrap_or("txt");
            let dst = dir.join(format!("{:05}.{ext}", i + 1));
            if !dst.exists() {
                std::fs::hard_link(&src, &dst)
                    .or_else(|_| std::fs::copy(&src, &dst).map(|_| ()))
                    .with_context(|| format!("copying {}", src.display()))?;
            }
        }
        let d = dir.display().to_string();
        let m = measure(&zfxxgk, &["check", &d, "--format", "json"])?;
        rows.push(line(name, n, &m));
    }
    println!(
        "\nN = {n} reports of each kind, {} cores\n",
        std::thread::available_parallelism().map_or(0, |n| n.get())
    );
    println!("| kind | files | wall | files/s | peak memory | exit |\n|---|---|---|---|---|---|");
    for r in rows {
        println!("{r}");
    }
    Ok(())
}

/// The input kinds `cargo xtask bench memory` measures, and the counts it measures by default:
/// JSON and CSV files of many reports each (cheap to make in any number), and one workbook per
/// report (30,000 at most by default: making and reading 100,000 files takes long).
const MEMORY_KINDS: &[(&str, &[usize])] = &[
    ("json", &[10_000, 100_000]),
    ("csv", &[10_000, 100_000]),
    ("xlsx", &[10_000, 30_000]),
];

/// Reports per JSON or CSV file in `bench memory` (the reader's cap on reports per file is
/// higher; files of this size are what a province's export looks like).
const REPORTS_PER_FILE: usize = 1_000;

/// Writes `n` generated reports as JSON or CSV files of [`REPORTS_PER_FILE`] reports each.
fn generate_many(dir: &Path, kind: &str, n: usize) -> Result<()> {
    let done = dir.join(".complete");
    if done.exists() {
        eprintln!("using the {n} reports in {}", dir.display());
        return Ok(());
    }
    std::fs::create_dir_all(dir)?;
    let start = Instant::now();
    let files = n.div_ceil(REPORTS_PER_FILE);
    for f in 0..files {
        let reports: Vec<Report> = (f * REPORTS_PER_FILE..((f + 1) * REPORTS_PER_FILE).min(n))
            .map(generated_report)
            .collect();
        let text = match kind {
            "json" => zfxxgk_cli::formats::json::to_string(&reports),
            _ => zfxxgk_cli::formats::csv::to_string(&reports),
        };
        std::fs::write(dir.join(format!("{:04}.{kind}", f + 1)), text)?;
    }
    std::fs::write(&done, "")?;
    eprintln!(
        "wrote {n} reports in {files} {kind} files in {:.1} s",
        start.elapsed().as_secs_f64()
    );
    Ok(())
}

/// `cargo xtask bench memory [N…] [--kind json|csv|xlsx] [--bin PATH]`: peak memory and time of
/// `check DIR --format json` and of `aggregate DIR` into .xlsx, .json and .csv, over N reports
/// of each input kind (default: 10,000 and 100,000 reports in JSON and CSV files of 1,000
/// reports each; 10,000 and 30,000 workbooks of one report each). `--bin` measures another
/// build of zfxxgk (an older one, for a before-and-after) instead of building the release
/// binary. Inputs are cached in `target/bench/memory/` (workbooks in `target/bench/N/`); each
/// output is deleted as soon as it is measured.
pub fn memory(root: &Path, args: &[String]) -> Result<()> {
    let value = |flag: &str| {
        args.iter()
            .position(|a| a == flag)
            .and_then(|i| args.get(i + 1))
    };
    let counts: Vec<usize> = args
        .iter()
        .enumerate()
        .filter(|(i, _)| *i == 0 || !args[i - 1].starts_with("--"))
        .filter_map(|(_, a)| a.parse().ok())
        .collect();
    let only = value("--kind");
    let zfxxgk = match value("--bin") {
        Some(b) => PathBuf::from(b),
        None => {
            let status = Command::new(env!("CARGO"))
                .args(["build", "--release", "-p", "zfxxgk-cli"])
                .current_dir(root)
                .status()?;
            if !status.success() {
                bail!("building the release binary failed");
            }
            root.join("target/release/zfxxgk")
        }
    };
    let out_dir = root.join("target/bench/memory/out");
    std::fs::create_dir_all(&out_dir)?;
    let mut rows = Vec::new();
    for (kind, default_counts) in MEMORY_KINDS {
        if only.is_some_and(|k| k != kind) {
            continue;
        }
        let ns = if counts.is_empty() {
            default_counts.to_vec()
        } else {
            counts.clone()
        };
        for n in ns {
            let dir = if *kind == "xlsx" {
                let dir = root.join(format!("target/bench/{n}"));
                generate(&dir, n)?;
                dir
            } else {
                let dir = root.join(format!("target/bench/memory/{kind}-{n}"));
                generate_many(&dir, kind, n)?;
                dir
            };
            let d = dir.display().to_string();
            let files = std::fs::read_dir(&dir)?
                .filter(|e| {
                    e.as_ref()
                        .is_ok_and(|e| !e.file_name().to_string_lossy().starts_with('.'))
                })
                .count();
            let m = measure(&zfxxgk, &["check", &d, "--format", "json"])?;
            rows.push(memory_line(kind, n, files, "check --format json", &m));
            for ext in ["xlsx", "json", "csv"] {
                let o = out_dir
                    .join(format!("{kind}-{n}.{ext}"))
                    .display()
                    .to_string();
                let args = [
                    "aggregate",
                    &d,
                    "-o",
                    &o,
                    "--force",
                    "--agency",
                    "测试县汇总",
                ];
                let m = measure(&zfxxgk, &args)?;
                // The outputs are not kept (a CSV summary of 100,000 reports is 5.5 GB): the
                // summary, and beside a CSV one its file list.
                let _ = std::fs::remove_file(&o);
                let _ = std::fs::remove_file(out_dir.join(format!("{kind}-{n}.文件清单.csv")));
                rows.push(memory_line(
                    kind,
                    n,
                    files,
                    &format!("aggregate -o .{ext}"),
                    &m,
                ));
            }
            eprintln!("{}", rows[rows.len() - 4..].join("\n"));
        }
    }
    println!(
        "\n{}, {} cores\n",
        zfxxgk.display(),
        std::thread::available_parallelism().map_or(0, |n| n.get())
    );
    println!(
        "| input | reports | files | run | wall | peak memory | exit |\n|---|---|---|---|---|---|---|"
    );
    for r in rows {
        println!("{r}");
    }
    Ok(())
}

fn memory_line(kind: &str, n: usize, files: usize, run: &str, m: &Measured) -> String {
    let peak = m
        .peak_kb
        .map_or("?".to_string(), |k| format!("{:.0} MB", k as f64 / 1024.0));
    format!(
        "| {kind} | {n} | {files} | {run} | {:.2} s | {peak} | {} |",
        m.wall, m.status
    )
}

fn which(program: &Path) -> Option<PathBuf> {
    let path = std::env::var_os("PATH")?;
    std::env::split_paths(&path)
        .map(|d| d.join(program))
        .find(|p| p.exists())
}

#[cfg(test)]
mod tests {
    #[test]
    fn generated_reports_balance_except_every_twentieth() {
        for i in 0..60 {
            let r = super::generated_report(i);
            let findings = zfxxgk_core::check(&r, &zfxxgk_core::CheckOptions::default());
            let codes: Vec<&str> = findings.iter().map(|f| f.code.as_str()).collect();
            if i % 20 == 19 {
                assert_eq!(codes, ["T4-TOTAL"], "report {i}");
            } else {
                assert!(codes.is_empty(), "report {i}: {codes:?}");
            }
        }
    }
}
