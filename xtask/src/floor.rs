//! `cargo xtask bench floor [N] [--runs K] [--baseline-max M] [--bin PATH]`: how close `zfxxgk check` comes to the cost of merely reading
//! the files. The same N workbooks — a mix of the committed fixtures written by our writer,
//! openpyxl and LibreOffice, as xlsx, xls and ods, copied round-robin into a scratch folder — are
//! read by bare calamine (every cell of every sheet, rayon over files, in this process) and then
//! checked by the release `zfxxgk`; the ratio of the two wall times is the figure issue 13 asks
//! for, with both runs' peak memory.

use std::path::{Path, PathBuf};
use std::time::Instant;

use anyhow::{Context, Result, bail};
use calamine::{Data, Reader, open_workbook_auto_from_rs};
use rayon::prelude::*;

/// The fixture workbooks the mix is made of: every readable workbook under tests/fixtures/workbooks
/// and the shared examples (each writer and format), skipping the ones that are bad on purpose.
fn mix(root: &Path) -> Result<Vec<PathBuf>> {
    let mut out = Vec::new();
    for dir in [
        root.join("tests/fixtures/workbooks"),
        root.join("tests/fixtures/examples"),
        root.join("tests/fixtures/round/in"),
    ] {
        let Ok(entries) = std::fs::read_dir(&dir) else {
            continue;
        };
        for e in entries.flatten() {
            let p = e.path();
            let ext = p
                .extension()
                .map(|x| x.to_string_lossy().to_ascii_lowercase())
                .unwrap_or_default();
            let name = p
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default();
            let bad = [
                "encrypted",
                "stray",
                "not-a-report",
                "html-as",
                "汇总",
                "审计局2024年政务公开年报.xlsx",
            ]
            .iter()
            .any(|b| name.contains(b));
            if ["xlsx", "xls", "ods"].contains(&ext.as_str()) && !bad {
                out.push(p);
            }
        }
    }
    out.sort();
    if out.is_empty() {
        bail!("no fixture workbooks found under {}", root.display());
    }
    Ok(out)
}

/// Copies the mix round-robin into `dir` until it holds `n` files.
fn generate(root: &Path, dir: &Path, n: usize) -> Result<(usize, usize, usize)> {
    let done = dir.join(".complete");
    let sources = mix(root)?;
    if !done.exists() {
        std::fs::create_dir_all(dir)?;
        for i in 0..n {
            let src = &sources[i % sources.len()];
            let ext = src
                .extension()
                .map(|x| x.to_string_lossy().into_owned())
                .unwrap_or_default();
            std::fs::copy(src, dir.join(format!("{:06}.{ext}", i + 1)))
                .with_context(|| format!("copying {}", src.display()))?;
        }
        std::fs::write(&done, "")?;
    }
    let count = |e: &str| {
        (0..n)
            .filter(|i| {
                sources[i % sources.len()]
                    .extension()
                    .is_some_and(|x| x.eq_ignore_ascii_case(e))
            })
            .count()
    };
    Ok((count("xlsx"), count("xls"), count("ods")))
}

/// Reads every cell of every sheet of every file with calamine alone; returns the cells seen.
fn bare_calamine(files: &[PathBuf]) -> usize {
    files
        .par_iter()
        .map(|path| {
            let Ok(bytes) = std::fs::read(path) else {
                return 0;
            };
            let Ok(mut book) = open_workbook_auto_from_rs(std::io::Cursor::new(bytes)) else {
                return 0;
            };
            let names = book.sheet_names().to_vec();
            names
                .iter()
                .filter_map(|n| book.worksheet_range(n).ok())
                .map(|range| {
                    range
                        .used_cells()
                        .filter(|(_, _, c)| **c != Data::Empty)
                        .count()
                })
                .sum::<usize>()
        })
        .sum()
}

/// This process's user + system CPU seconds so far (Linux: `/proc/self/stat`), for the floor's
/// CPU time; `None` elsewhere.
fn own_cpu_seconds() -> Option<f64> {
    let stat = std::fs::read_to_string("/proc/self/stat").ok()?;
    // Fields after the command name (which is in parentheses and may hold spaces): utime and
    // stime are the 14th and 15th fields of the line, in clock ticks.
    let rest = stat.rsplit_once(')')?.1;
    let fields: Vec<&str> = rest.split_whitespace().collect();
    let ticks = fields.get(11)?.parse::<f64>().ok()? + fields.get(12)?.parse::<f64>().ok()?;
    // The clock tick of Linux user space is 100 Hz on every architecture it runs on here.
    Some(ticks / 100.0)
}

/// The median of some timings.
fn median(mut v: Vec<f64>) -> f64 {
    v.sort_by(f64::total_cmp);
    v[v.len() / 2]
}

/// The floor bench: `[N] [--runs K] [--baseline-max M] [--bin PATH]`; `--bin` measures another
/// build of zfxxgk (an older one, or one built with other settings) instead of building the
/// release binary.
pub fn run(root: &Path, args: &[String]) -> Result<()> {
    // The floor is calamine in an optimised build, as ours is: a debug xtask runs itself again
    // in release.
    if cfg!(debug_assertions) {
        let status = std::process::Command::new(env!("CARGO"))
            .args([
                "run",
                "--release",
                "-q",
                "-p",
                "xtask",
                "--",
                "bench",
                "floor",
            ])
            .args(args)
            .current_dir(root)
            .status()?;
        if !status.success() {
            bail!("the release floor bench failed");
        }
        return Ok(());
    }
    let flag = |name: &str| {
        args.iter()
            .position(|a| a == name)
            .and_then(|i| args.get(i + 1))
            .and_then(|v| v.parse::<usize>().ok())
    };
    let runs = flag("--runs").unwrap_or(3).max(1);
    let baseline_max = flag("--baseline-max").unwrap_or(300);
    let n: usize = args
        .iter()
        .enumerate()
        .filter(|(i, _)| *i == 0 || !args[i - 1].starts_with("--"))
        .find_map(|(_, a)| a.parse().ok())
        .unwrap_or(10_000);
    let dir = root.join(format!("target/bench/floor-{n}"));
    let (xlsx, xls, ods) = generate(root, &dir, n)?;
    let program = match args
        .iter()
        .position(|a| a == "--bin")
        .and_then(|i| args.get(i + 1))
    {
        Some(bin) => PathBuf::from(bin),
        None => crate::bench::release_binary(root)?,
    };
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)?
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some())
        .collect();
    files.sort();
    // Warm the page cache for both runs alike.
    let cells = bare_calamine(&files);
    let dir_s = dir.display().to_string();
    println!(
        "| run | floor (bare calamine) | `zfxxgk check --format json` | ratio | files/s | peak memory | CPU floor / check / ratio |"
    );
    println!("|---|---|---|---|---|---|---|");
    let (mut floors, mut ours_walls, mut ratios) = (Vec::new(), Vec::new(), Vec::new());
    let mut cpu_ratios = Vec::new();
    for k in 1..=runs {
        let cpu_start = own_cpu_seconds();
        let start = Instant::now();
        let seen = bare_calamine(&files);
        let floor = start.elapsed().as_secs_f64();
        let floor_cpu = own_cpu_seconds()
            .zip(cpu_start)
            .map(|(end, start)| end - start);
        if seen != cells {
            bail!("bare calamine saw {seen} cells, then {cells}");
        }
        let ours = crate::bench::measure(&program, &["check", &dir_s, "--format", "json"])?;
        if ours.status != 0 && ours.status != 1 {
            bail!("zfxxgk check exited with {}", ours.status);
        }
        let cpu = match (floor_cpu, ours.cpu) {
            (Some(f), Some(o)) if f > 0.0 => {
                cpu_ratios.push(o / f);
                format!("{f:.2} s / {o:.2} s / {:.2}", o / f)
            }
            _ => "?".to_string(),
        };
        println!(
            "| {k} | {floor:.2} s | {:.2} s | {:.2} | {:.0} | {} | {cpu} |",
            ours.wall,
            ours.wall / floor,
            n as f64 / ours.wall,
            ours.peak_kb
                .map_or("?".to_string(), |k| format!("{:.0} MB", k as f64 / 1024.0))
        );
        floors.push(floor);
        ours_walls.push(ours.wall);
        ratios.push(ours.wall / floor);
    }
    println!(
        "\nN = {n} ({xlsx} xlsx, {xls} xls, {ods} ods: copies of the committed fixtures), {cells} non-empty cells; median floor {:.2} s, median check {:.2} s, median ratio {:.2}{}",
        median(floors),
        median(ours_walls.clone()),
        median(ratios),
        if cpu_ratios.is_empty() {
            String::new()
        } else {
            format!("; median CPU-time ratio {:.2}", median(cpu_ratios))
        }
    );
    // The openpyxl baseline on the mix's xlsx files (it reads none of the others).
    let baseline = root.join("../shared/bench/openpyxl_baseline.py");
    if baseline.exists() && baseline_max > 0 {
        let subset = root.join(format!("target/bench/floor-{n}-openpyxl-{baseline_max}"));
        std::fs::create_dir_all(&subset)?;
        let picked: Vec<&PathBuf> = files
            .iter()
            .filter(|p| p.extension().is_some_and(|e| e == "xlsx"))
            .take(baseline_max)
            .collect();
        for p in &picked {
            let link = subset.join(p.file_name().unwrap_or_default());
            if !link.exists() {
                std::fs::hard_link(p, &link).or_else(|_| std::fs::copy(p, &link).map(|_| ()))?;
            }
        }
        let s = subset.display().to_string();
        let b = baseline.display().to_string();
        let theirs = crate::bench::measure(Path::new("python3"), &[&b, &s, "--json"])?;
        let ours = crate::bench::measure(&program, &["check", &s, "--format", "json"])?;
        let k = picked.len() as f64;
        println!(
            "openpyxl baseline on {} of those xlsx: {:.2} s ({:.0} files/s, exit {}); zfxxgk check on the same: {:.3} s; zfxxgk over the whole mix is {:.0}× the baseline's files per second",
            picked.len(),
            theirs.wall,
            k / theirs.wall,
            theirs.status,
            ours.wall,
            (n as f64 / median(ours_walls)) / (k / theirs.wall)
        );
    }
    Ok(())
}
