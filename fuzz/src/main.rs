//! The fuzzing driver, run as `cargo xtask fuzz …` (or `cargo run -p zfxxgk-fuzz --release -- …`):
//!
//! - `cargo xtask fuzz <TARGET|all> [--seconds N] [--asan] [--no-merge]`: runs the target's
//!   libFuzzer harness (`fuzz/libfuzzer`, coverage-guided; needs `cargo install cargo-fuzz`, and
//!   builds on the stable toolchain with `RUSTC_BOOTSTRAP=1`, which the driver sets) for N
//!   seconds (default 60) on the seeds (every fixture under `tests/fixtures` whose content is the
//!   target's kind), the committed corpus and the previous runs' corpus (`target/fuzz/corpus`),
//!   with a dictionary made from the layout catalog's labels and the format's tokens. A crash, a
//!   hang (10 s) or an input slower than 2 s is saved to `tests/fixtures/fuzz/crashes/<TARGET>/`;
//!   then the corpus is merged into `tests/fixtures/fuzz/corpus/<TARGET>/` (the fewest inputs that
//!   reach the edges the seeds do not, within a budget of files and bytes). The log is in
//!   `target/fuzz/logs/`. `--asan` builds with AddressSanitizer (slower; Rust code here is safe).
//!   `--no-build` runs the binary built last (the code as it was then).
//! - `cargo xtask fuzz merge <TARGET|all>`: only the merge.
//! - `cargo xtask fuzz replay <TARGET|all> [FILE|DIR …]`: runs files (default: the committed
//!   corpus and crashes) through targets in this process, timing each; a panic in our code, an
//!   escaping panic or an input over 2 s is reported and makes the exit status 1. Build with
//!   `--release` to measure what ships.
//! - `cargo xtask fuzz list`: the targets.

#![allow(clippy::print_stdout, clippy::print_stderr)]

use std::collections::{BTreeSet, HashSet};
use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode, Stdio};
use std::time::Duration;

use anyhow::{Context, Result, bail};
use zfxxgk_fuzz::{Target, files_under, fixtures_dir, project_root, run_bounded};

/// Inputs longer than this are not made by the fuzzer nor taken as seeds.
const MAX_LEN: usize = 256 * 1024;
/// The committed corpus of one target stays within this many bytes (eight targets: under 2 MB).
const CORPUS_BUDGET: u64 = 200 * 1024;
/// The committed corpus of one target holds at most this many files.
const CORPUS_FILES: usize = 200;
/// An input slower than this is a finding.
const SLOW: Duration = Duration::from_secs(2);

const USAGE: &str =
    "usage: cargo xtask fuzz <TARGET|all> [--seconds N] [--asan] [--no-merge] [--no-build]
       cargo xtask fuzz merge <TARGET|all> [--no-build]
       cargo xtask fuzz replay <TARGET|all> [FILE|DIR ...]
       cargo xtask fuzz list
targets: json csv workbook docx html pdf text load";

fn main() -> ExitCode {
    match run(std::env::args().skip(1).collect()) {
        Ok(true) => ExitCode::SUCCESS,
        Ok(false) => ExitCode::FAILURE,
        Err(e) => {
            eprintln!("error: {e:#}");
            ExitCode::from(2)
        }
    }
}

fn targets(name: Option<&String>) -> Result<Vec<Target>> {
    match name.map(String::as_str) {
        Some("all") => Ok(Target::ALL.to_vec()),
        Some(n) => match Target::from_name(n) {
            Some(t) => Ok(vec![t]),
            None => bail!("unknown target {n}\n{USAGE}"),
        },
        None => bail!("no target\n{USAGE}"),
    }
}

fn run(args: Vec<String>) -> Result<bool> {
    let flag = |f: &str| args.iter().any(|a| a == f);
    let sanitizer = if flag("--asan") { "address" } else { "none" };
    match args.first().map(String::as_str) {
        Some("list") => {
            for t in Target::ALL {
                println!("{}", t.name());
            }
            Ok(true)
        }
        Some("replay") => {
            let targets = targets(args.get(1))?;
            let paths: Vec<PathBuf> = args[2..].iter().map(PathBuf::from).collect();
            replay(&targets, &paths)
        }
        Some("merge") => {
            for t in targets(args.get(1))? {
                merge(t, &build(t, sanitizer, flag("--no-build"))?)?;
            }
            Ok(true)
        }
        Some(_) => {
            let seconds = match args.iter().position(|a| a == "--seconds") {
                Some(i) => args
                    .get(i + 1)
                    .and_then(|s| s.parse::<u64>().ok())
                    .context("--seconds takes a whole number")?,
                None => 60,
            };
            let mut clean = true;
            for t in targets(args.first())? {
                let binary = build(t, sanitizer, flag("--no-build"))?;
                clean &= fuzz(t, seconds, &binary)?;
                if !flag("--no-merge") {
                    merge(t, &binary)?;
                }
            }
            Ok(clean)
        }
        None => bail!("{USAGE}"),
    }
}

/// Where the driver keeps what is not committed.
fn work_dir(what: &str, target: Target) -> PathBuf {
    project_root()
        .join("target/fuzz")
        .join(what)
        .join(target.name())
}

/// Builds the target's libFuzzer binary (`cargo fuzz build`) and returns its path.
fn build(target: Target, sanitizer: &str, skip: bool) -> Result<PathBuf> {
    let root = project_root();
    let harness = root.join("fuzz/libfuzzer");
    let binary = harness
        .join("target/x86_64-unknown-linux-gnu/release")
        .join(target.name());
    if skip && binary.is_file() {
        return Ok(binary);
    }
    let status = Command::new(std::env::var("CARGO").unwrap_or_else(|_| "cargo".into()))
        .current_dir(&root)
        // cargo-fuzz passes -Z flags; the stable toolchain accepts them with this.
        .env("RUSTC_BOOTSTRAP", "1")
        .args(["fuzz", "build", "--fuzz-dir"])
        .arg(&harness)
        // Release with debug assertions and overflow checks: an overflow is a finding.
        .args(["-O", "-a", "-s", sanitizer, target.name()])
        .status()
        .context("running cargo fuzz (install it with `cargo install cargo-fuzz`)")?;
    if !status.success() || !binary.is_file() {
        bail!("building the {} harness failed", target.name());
    }
    Ok(binary)
}

/// libFuzzer's options common to runs and merges.
fn common_options(target: Target) -> Vec<String> {
    vec![
        format!("-max_len={MAX_LEN}"),
        "-timeout=10".into(),
        "-rss_limit_mb=2048".into(),
        format!(
            "-artifact_prefix={}/",
            fixtures_dir().join("crashes").join(target.name()).display()
        ),
    ]
}

/// Copies the target's seeds (fixtures of its kind) into a fresh directory.
fn prepare_seeds(target: Target) -> Result<PathBuf> {
    let root = project_root();
    let dir = work_dir("seeds", target);
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir)?;
    let own = fixtures_dir();
    for path in files_under(&root.join("tests/fixtures")) {
        if path.starts_with(&own) {
            continue;
        }
        let Ok(bytes) = std::fs::read(&path) else {
            continue;
        };
        if bytes.is_empty() || bytes.len() > MAX_LEN {
            continue;
        }
        if !target.seeded_by(zfxxgk_cli::input::sniff(&bytes)) {
            continue;
        }
        let rel = path.strip_prefix(&root).unwrap_or(&path);
        let name = rel.to_string_lossy().replace(['/', '\\'], "_");
        std::fs::write(dir.join(name), bytes)?;
    }
    Ok(dir)
}

fn create(dir: &Path) -> Result<PathBuf> {
    std::fs::create_dir_all(dir).with_context(|| format!("creating {}", dir.display()))?;
    Ok(dir.to_path_buf())
}

fn log_file(name: &str) -> Result<(PathBuf, std::fs::File)> {
    let dir = create(&project_root().join("target/fuzz/logs"))?;
    let path = dir.join(name);
    let file = std::fs::File::create(&path)?;
    Ok((path, file))
}

/// Runs a target for some seconds; false when it found something.
fn fuzz(target: Target, seconds: u64, binary: &Path) -> Result<bool> {
    let name = target.name();
    let seeds = prepare_seeds(target)?;
    let work = create(&work_dir("corpus", target))?;
    let committed = create(&fixtures_dir().join("corpus").join(name))?;
    let crashes = create(&fixtures_dir().join("crashes").join(name))?;
    let dict = write_dictionary(target)?;
    let before: HashSet<PathBuf> = files_under(&crashes).into_iter().collect();
    let (log_path, log) = log_file(&format!("{name}.log"))?;
    eprintln!(
        "fuzzing {name} for {seconds} s (log: {})",
        log_path.display()
    );
    let status = Command::new(binary)
        .args(common_options(target))
        .arg(format!("-max_total_time={seconds}"))
        .arg("-report_slow_units=2")
        .arg(format!("-dict={}", dict.display()))
        .arg("-print_final_stats=1")
        .arg(&work)
        .arg(&seeds)
        .arg(&committed)
        .stdout(log.try_clone()?)
        .stderr(log)
        .stdin(Stdio::null())
        .status()?;
    let text = std::fs::read_to_string(&log_path).unwrap_or_default();
    let stat = |key: &str| {
        text.lines()
            .find_map(|l| l.strip_prefix(key))
            .map(|v| v.trim().to_string())
            .unwrap_or_else(|| "?".into())
    };
    let mut found: Vec<PathBuf> = files_under(&crashes)
        .into_iter()
        .filter(|p| !before.contains(p))
        .collect();
    // libFuzzer times an input by the wall clock, so a stall of a busy machine makes a slow
    // unit of a fast input: each is timed again here, and kept only when it is still slow.
    found.retain(|p| {
        let slow_unit = p
            .file_name()
            .is_some_and(|n| n.to_string_lossy().starts_with("slow-unit-"));
        if !slow_unit {
            return true;
        }
        let Ok(data) = std::fs::read(p) else {
            return true;
        };
        let best = (0..3)
            .filter_map(|_| run_bounded(target, data.clone(), Duration::from_secs(120)))
            .map(|o| o.elapsed)
            .min();
        match best {
            Some(t) if t <= SLOW => {
                println!(
                    "  {} takes {t:.2?} timed again: a stall of the machine, removed",
                    p.display()
                );
                let _ = std::fs::remove_file(p);
                false
            }
            _ => true,
        }
    });
    let seconds_run = text
        .lines()
        .find_map(|l| {
            l.strip_prefix("Done ")?
                .split(" in ")
                .nth(1)?
                .split(' ')
                .next()
        })
        .unwrap_or("?");
    println!(
        "{name}: {} runs in {seconds_run} s ({} exec/s), corpus {} inputs, exit {}, new findings: {}",
        stat("stat::number_of_executed_units:"),
        stat("stat::average_exec_per_sec:"),
        files_under(&work).len(),
        status.code().map_or("signal".into(), |c| c.to_string()),
        found.len(),
    );
    for p in &found {
        println!("  {}", p.display());
    }
    Ok(status.success() && found.is_empty())
}

/// Merges the runs' corpus into the committed one: the inputs that reach code the seeds and the
/// committed corpus do not, smallest first, within [`CORPUS_BUDGET`].
fn merge(target: Target, binary: &Path) -> Result<()> {
    let name = target.name();
    let seeds = prepare_seeds(target)?;
    let out = work_dir("merge", target);
    let _ = std::fs::remove_dir_all(&out);
    create(&out)?;
    let mut seed_names = HashSet::new();
    for s in files_under(&seeds) {
        if let Some(n) = s.file_name() {
            std::fs::copy(&s, out.join(n))?;
            seed_names.insert(n.to_os_string());
        }
    }
    let work = create(&work_dir("corpus", target))?;
    let committed = create(&fixtures_dir().join("corpus").join(name))?;
    create(&fixtures_dir().join("crashes").join(name))?;
    let (log_path, log) = log_file(&format!("{name}-merge.log"))?;
    // The set of inputs that covers the most edges with the fewest files (hit counts and
    // comparisons left out: they would keep hundreds of near-copies).
    let status = Command::new(binary)
        .args(common_options(target))
        .args(["-set_cover_merge=1", "-use_counters=0", "-use_cmp=0"])
        .arg(&out)
        .arg(&committed)
        .arg(&work)
        .stdout(log.try_clone()?)
        .stderr(log)
        .stdin(Stdio::null())
        .status()?;
    if !status.success() {
        // The exit code or the signal: libFuzzer's log ends where it stopped, not why.
        bail!(
            "merging the {name} corpus failed: {status} (log: {})",
            log_path.display()
        );
    }
    let mut new: Vec<(u64, PathBuf)> = files_under(&out)
        .into_iter()
        .filter(|p| p.file_name().is_some_and(|n| !seed_names.contains(n)))
        .filter_map(|p| Some((std::fs::metadata(&p).ok()?.len(), p)))
        .collect();
    new.sort();
    let mut total = 0;
    let mut kept = Vec::new();
    for (size, path) in &new {
        if total + size <= CORPUS_BUDGET && kept.len() < CORPUS_FILES {
            total += size;
            kept.push(path);
        }
    }
    for old in files_under(&committed) {
        std::fs::remove_file(old)?;
    }
    for path in &kept {
        if let Some(n) = path.file_name() {
            std::fs::copy(path, committed.join(n))?;
        }
    }
    println!(
        "{name}: committed corpus {} inputs, {} bytes ({} over the budget left out)",
        kept.len(),
        total,
        new.len() - kept.len()
    );
    Ok(())
}

/// Runs files through targets, timing each; false when something was found.
fn replay(targets: &[Target], paths: &[PathBuf]) -> Result<bool> {
    let files: Vec<PathBuf> = if paths.is_empty() {
        zfxxgk_fuzz::all_committed_inputs()
    } else {
        paths
            .iter()
            .flat_map(|p| {
                if p.is_dir() {
                    files_under(p)
                } else {
                    vec![p.clone()]
                }
            })
            .collect()
    };
    let mut clean = true;
    for &target in targets {
        let mut slowest = (Duration::ZERO, None);
        for path in &files {
            let data =
                std::fs::read(path).with_context(|| format!("reading {}", path.display()))?;
            let shown = path.display();
            let Some(outcome) = run_bounded(target, data, Duration::from_secs(120)) else {
                println!("{}: {shown}: HANG (over 120 s)", target.name());
                clean = false;
                continue;
            };
            for p in outcome.findings() {
                println!("{}: {shown}: PANIC {p}", target.name());
                clean = false;
            }
            for p in outcome.panics.iter().filter(|p| !p.ours) {
                println!("{}: {shown}: dependency {p} (caught)", target.name());
            }
            if outcome.elapsed > SLOW {
                println!("{}: {shown}: SLOW {:.2?}", target.name(), outcome.elapsed);
                clean = false;
            }
            if outcome.elapsed > slowest.0 {
                slowest = (outcome.elapsed, Some(path));
            }
        }
        println!(
            "{}: {} inputs, slowest {:.2?}{}",
            target.name(),
            files.len(),
            slowest.0,
            slowest
                .1
                .map(|p| format!(" ({})", p.display()))
                .unwrap_or_default()
        );
    }
    Ok(clean)
}

/// Writes the target's libFuzzer dictionary: the layout catalog's labels and ids, and the
/// tokens of the target's format.
fn write_dictionary(target: Target) -> Result<PathBuf> {
    let mut tokens: BTreeSet<String> = BTreeSet::new();
    let mut add = |s: &str| {
        if !s.is_empty() && s.len() <= 64 {
            tokens.insert(s.to_string());
        }
    };
    // Numbers at and beyond every bound, and what people type for numbers.
    for s in NUMBERS {
        add(s);
    }
    let labels = matches!(
        target,
        Target::Text | Target::Html | Target::Docx | Target::Pdf | Target::Workbook | Target::Load
    );
    let ids = matches!(target, Target::Json | Target::Csv | Target::Load);
    for edition in zfxxgk_core::Edition::ALL {
        let layout = edition.layout();
        if ids {
            add(edition.as_str());
            for cell in layout.cells() {
                add(cell.id);
            }
            for s in layout.sections {
                add(s.id);
            }
        }
        if labels {
            for s in layout.sections {
                add(s.heading);
                add(&format!("{}、{}", s.no, s.heading));
                for v in s.variants {
                    add(v);
                }
            }
            for t in layout.tables {
                for b in t.blocks {
                    for s in b.caption.iter().chain(b.corner.iter()) {
                        add(s);
                    }
                    for c in b.columns {
                        add(c.label);
                        c.path.iter().for_each(|p| add(p));
                    }
                    for r in b.rows {
                        add(r.label);
                        add(r.short);
                        r.path.iter().for_each(|p| add(p));
                    }
                }
            }
            for m in zfxxgk_core::layout::META_FIELDS {
                add(m.label);
            }
            add(zfxxgk_core::layout::REPORT_TITLE_SUFFIX);
        }
    }
    let format: &[&str] = match target {
        Target::Json => JSON,
        Target::Csv => CSV,
        Target::Workbook => ZIP_XML,
        Target::Docx => ZIP_XML,
        Target::Html => HTML,
        Target::Pdf => PDF,
        Target::Text => TEXT,
        Target::Load => &[],
    };
    let all: Vec<&[&str]> = if target == Target::Load {
        vec![JSON, CSV, ZIP_XML, HTML, PDF, TEXT]
    } else {
        vec![format, TEXT]
    };
    for list in all {
        for s in list {
            add(s);
        }
    }
    if matches!(target, Target::Csv | Target::Load) {
        let columns = zfxxgk_cli::formats::csv::COLUMNS;
        columns.iter().for_each(|c| add(c));
        add(&columns.join(","));
    }
    let mut out = String::new();
    for t in &tokens {
        out.push('"');
        for b in t.bytes() {
            if b.is_ascii_graphic() && b != b'"' && b != b'\\' || b == b' ' {
                out.push(b as char);
            } else {
                out.push_str(&format!("\\x{b:02X}"));
            }
        }
        out.push_str("\"\n");
    }
    let dir = create(&project_root().join("target/fuzz/dict"))?;
    let path = dir.join(format!("{}.dict", target.name()));
    std::fs::write(&path, out)?;
    Ok(path)
}

const NUMBERS: &[&str] = &[
    "0",
    "-0",
    "-1",
    "0.35",
    "1e308",
    "-1e308",
    "1e-11",
    "5e28",
    "1E+20",
    "99999999999999999999",
    "79228162514264337593543950335",
    "79228162514264337593543950336",
    "999999999999999.9",
    "0.0000000000000000000000000001",
    "9223372036854775807",
    "18446744073709551616",
    "4294967296",
    "NaN",
    "inf",
    "1,234",
    "１２３４",
    "１２.５",
    "12件",
    "0.35万元",
    "万元",
    "元",
    "/",
    "—",
    "无",
    "一千二百三十四",
];

const TEXT: &[&str] = &[
    "\t",
    "  ",
    "\r\n",
    "\u{feff}",
    "\u{3000}",
    "一、",
    "（一）",
    "(2)",
    "3.",
    "本报告由",
    "编制",
    "统计期限自2024年1月1日起至2024年12月31日止",
    "2024年",
    "第 1 页",
    "- 2 -",
];

const JSON: &[&str] = &[
    "{",
    "}",
    "[",
    "]",
    ":",
    ",",
    "null",
    "true",
    "false",
    "\"format\"",
    "\"zfxxgk-report\"",
    "\"version\"",
    "\"agency\"",
    "\"year\"",
    "\"edition\"",
    "\"contact\"",
    "\"filler\"",
    "\"phone\"",
    "\"date\"",
    "\"sections\"",
    "\"cells\"",
    "{\"text\":",
    "\"\\u0000\"",
    "\\ud800",
    "[[[[[[[[[[[[[[[[",
    "{\"a\":{\"a\":{\"a\":",
];

/// CSV syntax; the column names come from the writer's own list (`formats::csv::COLUMNS`).
const CSV: &[&str] = &[",", "\"", "\"\"", ",,,,,", "=HYPERLINK(", "'"];

const ZIP_XML: &[&str] = &[
    "PK\x03\x04",
    "PK\x01\x02",
    "PK\x05\x06",
    "PK\x06\x06",
    "\x14\x00",
    "\x08\x00",
    "\u{FF}\u{FF}\u{FF}\u{FF}",
    "\x00\x00\x00\x00",
    "\u{D0}\u{CF}\x11\u{E0}\u{A1}\u{B1}\x1A\u{E1}",
    "[Content_Types].xml",
    "xl/workbook.xml",
    "xl/worksheets/sheet1.xml",
    "xl/sharedStrings.xml",
    "word/document.xml",
    "word/numbering.xml",
    "content.xml",
    "mimetype",
    "application/vnd.oasis.opendocument.spreadsheet",
    "<?xml version=\"1.0\"?>",
    "<row r=\"1\">",
    "<c r=\"A1\" t=\"s\">",
    "<v>",
    "</v>",
    "<si><t>",
    "<mergeCell ref=\"A1:ZZ99999\"/>",
    "<dimension ref=\"A1:XFD1048576\"/>",
    "<w:tbl>",
    "<w:tr>",
    "<w:tc>",
    "<w:p>",
    "<w:r><w:t>",
    "<w:gridSpan w:val=\"",
    "<w:vMerge w:val=\"restart\"/>",
    "<w:gridBefore w:val=\"",
    "<w:numPr><w:ilvl w:val=\"0\"/><w:numId w:val=\"1\"/></w:numPr>",
    "<w:br w:type=\"page\"/>",
    "<table:table-row>",
    "<table:table-cell table:number-columns-repeated=\"",
    "<text:p>",
    "&#x0;",
    "&amp;",
];

const HTML: &[&str] = &[
    "<table>",
    "</table>",
    "<tr>",
    "</tr>",
    "<td>",
    "</td>",
    "<th>",
    "<tbody>",
    "<td rowspan=\"",
    "<td colspan=\"",
    "rowspan=\"65535\"",
    "colspan=\"1000\"",
    "<table><tr><td><table><tr><td>",
    "<div>",
    "<p>",
    "<br>",
    "<meta charset=\"gbk\">",
    "<meta http-equiv=\"Content-Type\" content=\"text/html; charset=gb2312\">",
    "<div class=\"TRS_Editor\">",
    "<div id=\"zoom\">",
    "<div class=\"article-content\">",
    "<div id=\"UCAP-CONTENT\">",
    "<div class=\"WordSection1\">",
    "<meta name=\"ArticleTitle\" content=\"",
    "<meta name=\"ContentSource\" content=\"",
    "<script>",
    "</script>",
    "<!--",
    "-->",
    "&nbsp;",
    "&#12288;",
    "&#x",
    "<![CDATA[",
    "MIME-Version: 1.0",
    "Content-Type: multipart/related; boundary=\"",
    "Content-Transfer-Encoding: quoted-printable",
    "Content-Transfer-Encoding: base64",
    "=E4=B8=80",
    "=\r\n",
];

const PDF: &[&str] = &[
    "%PDF-1.4",
    "%PDF-1.7",
    "%%EOF",
    " 0 obj",
    "endobj",
    "stream\n",
    "\nendstream",
    "xref",
    "trailer",
    "startxref",
    "<<",
    ">>",
    " 0 R",
    "/Type /Catalog",
    "/Type /Pages",
    "/Type /Page",
    "/Type /ObjStm",
    "/Type /XRef",
    "/Kids [",
    "/Count 999999999",
    "/Parent",
    "/Contents",
    "/Resources",
    "/Font",
    "/Length",
    "/Filter /FlateDecode",
    "/DecodeParms",
    "/Predictor 12",
    "/N 100",
    "/First",
    "/ToUnicode",
    "/Encoding /Identity-H",
    "/Encoding /WinAnsiEncoding",
    "/Differences [",
    "/DescendantFonts",
    "/FontFile2",
    "/CIDToGIDMap",
    "/Encrypt",
    "/MediaBox [0 0 595 842]",
    "beginbfchar",
    "endbfchar",
    "beginbfrange",
    "endbfrange",
    "begincodespacerange",
    "usecmap",
    "/Adobe-GB1-UCS2",
    "/UniGB-UCS2-H",
    "BT",
    "ET",
    "Tj",
    "TJ",
    "Td",
    "TD",
    "Tm",
    "Tf",
    "T*",
    "Tz",
    "TL",
    "cm",
    "q",
    "Q",
    "re",
    "Do",
    "<FEFF",
    "<4E00>",
    "(\\344)",
    "[(a) -1e308 (b)]",
];
