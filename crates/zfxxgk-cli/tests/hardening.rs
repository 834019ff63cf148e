//! The real binary when things go wrong inside it: a panic in one file's work is that file's
//! error and the batch goes on, any other panic is told in words (never Rust's panic text), and
//! an interrupted write leaves no temporary file behind. Panics are reached through the
//! test-only `ZFXXGK_TEST_PANIC_ON` (see `batch::test_panic_point`), pauses in a write through
//! `ZFXXGK_TEST_PAUSE_WRITING_MS`.

use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

const REPORT_TO: &str = "https://github.com/zfxxgk/zfxxgk/issues";

fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/fixtures")
}

fn zfxxgk(dir: &Path, env: &[(&str, &str)], args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_zfxxgk"))
        .current_dir(dir)
        .args(args)
        .envs(env.iter().copied())
        .env_remove("RUST_BACKTRACE")
        .stdin(Stdio::null())
        .output()
        .expect("the binary runs")
}

fn text(b: &[u8]) -> String {
    String::from_utf8_lossy(b).into_owned()
}

/// No trace of Rust's own panic output.
fn assert_no_panic_text(stderr: &str) {
    for rust in ["panicked", "RUST_BACKTRACE", "stack backtrace", "note: "] {
        assert!(
            !stderr.contains(rust),
            "Rust's panic text on stderr:\n{stderr}"
        );
    }
}

/// A folder `in` of good reports and one, `panics.json`, whose work panics; a folder `out`.
fn batch_with_a_panic() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let reports = fixtures().join("reports");
    std::fs::create_dir(dir.path().join("in")).unwrap();
    std::fs::create_dir(dir.path().join("out")).unwrap();
    for name in [
        "balanced.csv",
        "balanced.json",
        "placeholders.csv",
        "two-agencies.csv",
    ] {
        std::fs::copy(reports.join(name), dir.path().join("in").join(name)).unwrap();
    }
    std::fs::copy(
        reports.join("balanced.json"),
        dir.path().join("in/panics.json"),
    )
    .unwrap();
    dir
}

const PANIC_ON: (&str, &str) = ("ZFXXGK_TEST_PANIC_ON", "panics.json");

fn file_error_zh() -> String {
    format!("读取该文件时程序出错，已跳过；请把该文件发给开发者（{REPORT_TO}）")
}

#[test]
fn a_panic_in_one_file_is_that_files_error_and_the_batch_goes_on() {
    let dir = batch_with_a_panic();
    // JSON: complete and valid, every good file checked, the file that panicked with its error.
    let out = zfxxgk(
        dir.path(),
        &[PANIC_ON],
        &["check", "in", "--format", "json"],
    );
    assert_eq!(out.status.code(), Some(2));
    let stderr = text(&out.stderr);
    assert_eq!(stderr, "", "nothing but the file's entry is said");
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).expect("valid JSON");
    let entries = json["reports"].as_array().unwrap();
    let paths: Vec<&str> = entries
        .iter()
        .map(|e| e["path"].as_str().unwrap())
        .collect();
    assert_eq!(
        paths,
        [
            "in/balanced.csv",
            "in/balanced.json",
            "in/panics.json",
            "in/placeholders.csv",
            "in/two-agencies.csv",
            "in/two-agencies.csv"
        ]
    );
    assert_eq!(entries[2]["error"], file_error_zh().as_str());
    assert_eq!(json["summary"]["unreadable"], 1);
    assert_eq!(json["summary"]["reports"], 5);

    // Text, in both languages: one line for the file, the rest as usual.
    let out = zfxxgk(dir.path(), &[PANIC_ON], &["check", "in"]);
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(text(&out.stderr), "");
    let stdout = text(&out.stdout);
    assert!(
        stdout.contains(&format!("in/panics.json：无法读取：{}\n", file_error_zh())),
        "{stdout}"
    );
    assert!(stdout.contains("（in/placeholders.csv）"), "{stdout}");
    assert!(stdout.contains("；1 个文件无法读取。"), "{stdout}");
    let out = zfxxgk(dir.path(), &[PANIC_ON], &["check", "in", "--lang", "en"]);
    let stdout = text(&out.stdout);
    assert!(
        stdout.contains(&format!(
            "in/panics.json: unreadable: the program failed while reading this file and skipped it; please send the file to the developers ({REPORT_TO})\n"
        )),
        "{stdout}"
    );
}

#[test]
fn a_panic_in_one_file_of_an_aggregate_leaves_it_out_and_lists_it() {
    let dir = batch_with_a_panic();
    let out = zfxxgk(
        dir.path(),
        &[PANIC_ON],
        &["aggregate", "in", "-o", "out/汇总.csv", "--dedupe", "first"],
    );
    let stderr = text(&out.stderr);
    assert_no_panic_text(&stderr);
    let line = format!("in/panics.json：未计入汇总：无法读取：{}", file_error_zh());
    assert!(stderr.lines().any(|l| l == line), "{stderr}");
    assert_eq!(
        stderr.lines().count(),
        2,
        "and the copy of balanced: {stderr}"
    );
    assert_eq!(out.status.code(), Some(2), "{}", text(&out.stdout));
    let list = std::fs::read_to_string(dir.path().join("out/汇总.文件清单.csv")).unwrap();
    assert!(
        list.contains(&format!(
            "in/panics.json,,,未计入,无法读取：{}",
            file_error_zh()
        )),
        "{list}"
    );
    assert!(list.contains("in/balanced.csv,"), "{list}");
}

#[test]
fn a_panic_reading_the_file_to_export_or_last_years_report_is_its_error() {
    let dir = batch_with_a_panic();
    let out = zfxxgk(
        dir.path(),
        &[PANIC_ON],
        &["export", "in/panics.json", "-o", "x.json"],
    );
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(
        text(&out.stderr),
        format!("in/panics.json：无法读取：{}\n", file_error_zh())
    );
    assert!(!dir.path().join("x.json").exists());
    let out = zfxxgk(
        dir.path(),
        &[PANIC_ON],
        &["check", "in/balanced.json", "--previous", "in/panics.json"],
    );
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(
        text(&out.stderr),
        format!("上年度报告 in/panics.json 无法读取：{}\n", file_error_zh())
    );
}

#[test]
fn a_parser_panic_caught_by_the_reader_prints_no_rust_text() {
    // calamine indexes out of bounds on this damaged xls (in builds with overflow checks); the
    // reader calls it damaged. Rust's panic text used to reach stderr all the same.
    let hostile = fixtures().join("hostile");
    let out = zfxxgk(&hostile, &[], &["check", "calamine-panic-mulrk.xls"]);
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(text(&out.stderr), "");
    assert!(
        text(&out.stdout).starts_with("calamine-panic-mulrk.xls：无法读取："),
        "{}",
        text(&out.stdout)
    );
}

#[test]
fn a_panic_outside_a_files_work_is_told_in_words_and_exits_2() {
    let dir = tempfile::tempdir().unwrap();
    for (lang, said) in [
        (
            "zh",
            "zfxxgk 内部出错，已停止（出错位置：crates/zfxxgk-cli/src/batch.rs:",
        ),
        (
            "en",
            "zfxxgk failed with an internal error and stopped (at crates/zfxxgk-cli/src/batch.rs:",
        ),
    ] {
        // Writing the output panics: after its temporary file was made.
        let out = zfxxgk(
            dir.path(),
            &[("ZFXXGK_TEST_PANIC_ON", "out.json")],
            &["example", "-o", "out.json", "--lang", lang],
        );
        assert_eq!(out.status.code(), Some(2));
        let stderr = text(&out.stderr);
        assert_no_panic_text(&stderr);
        assert!(stderr.starts_with(said), "{stderr}");
        assert!(stderr.ends_with(&format!("{REPORT_TO}\n")), "{stderr}");
        assert_eq!(stderr.lines().count(), 1, "{stderr}");
        let left: Vec<_> = std::fs::read_dir(dir.path()).unwrap().collect();
        assert!(left.is_empty(), "left behind: {left:?}");
    }
}

/// Runs the binary until its temporary file exists, sends it `signal`, and returns its output
/// with the folder's content afterwards.
fn interrupt(dir: &Path, args: &[&str], signal: &str) -> (Output, Vec<String>) {
    let mut child = Command::new(env!("CARGO_BIN_EXE_zfxxgk"))
        .current_dir(dir)
        .args(args)
        .env("ZFXXGK_TEST_PAUSE_WRITING_MS", "30000")
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let out_dir = dir.join("out");
    let start = Instant::now();
    let temporary = |d: &Path| {
        std::fs::read_dir(d)
            .map(|r| {
                r.flatten()
                    .any(|e| e.file_name().to_string_lossy().starts_with(".zfxxgk-"))
            })
            .unwrap_or(false)
    };
    while !temporary(&out_dir) {
        if let Ok(Some(status)) = child.try_wait() {
            let out = child.wait_with_output().unwrap();
            panic!("ended ({status}) before writing: {}", text(&out.stderr));
        }
        assert!(
            start.elapsed() < Duration::from_secs(60),
            "no temporary file appeared"
        );
        std::thread::sleep(Duration::from_millis(20));
    }
    let killed = Command::new("kill")
        .args([&format!("-{signal}"), &child.id().to_string()])
        .status()
        .unwrap();
    assert!(killed.success());
    let out = child.wait_with_output().unwrap();
    let left = std::fs::read_dir(&out_dir)
        .unwrap()
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    (out, left)
}

#[cfg(unix)]
#[test]
fn an_interrupted_write_leaves_no_temporary_file() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join("out")).unwrap();
    let reports = fixtures().join("reports").display().to_string();
    // SIGTERM while the summary workbook is being written: 143.
    let (out, left) = interrupt(
        dir.path(),
        &[
            "aggregate",
            &reports,
            "-o",
            "out/汇总.xlsx",
            "--dedupe",
            "first",
            "--year",
            "2023",
        ],
        "TERM",
    );
    assert_eq!(out.status.code(), Some(143), "{}", text(&out.stderr));
    assert!(left.is_empty(), "left behind: {left:?}");
    assert!(
        text(&out.stderr).ends_with("已中断；未写完的输出文件已删除。\n"),
        "{}",
        text(&out.stderr)
    );
    // Ctrl-C while an export is written: 130.
    let (out, left) = interrupt(
        dir.path(),
        &["example", "-o", "out/例.json", "--lang", "en"],
        "INT",
    );
    assert_eq!(out.status.code(), Some(130), "{}", text(&out.stderr));
    assert!(left.is_empty(), "left behind: {left:?}");
    assert_eq!(
        text(&out.stderr),
        "interrupted; the unfinished output file was removed.\n"
    );
}

/// A folder that cannot be opened is named, and the run says some input was not read. Root
/// opens any folder, so as root the binary runs as `nobody` (util-linux's `setpriv`).
#[cfg(unix)]
#[test]
fn a_folder_that_cannot_be_opened_is_named() {
    use std::os::unix::fs::PermissionsExt as _;
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let mode = |p: &Path, m: u32| std::fs::set_permissions(p, std::fs::Permissions::from_mode(m));
    mode(d, 0o755).unwrap();
    let reports = fixtures().join("reports");
    std::fs::copy(reports.join("balanced.json"), d.join("a.json")).unwrap();
    std::fs::create_dir(d.join("locked")).unwrap();
    std::fs::copy(reports.join("placeholders.csv"), d.join("locked/b.csv")).unwrap();
    std::fs::create_dir(d.join("out")).unwrap();
    for f in ["a.json", "locked/b.csv"] {
        mode(&d.join(f), 0o644).unwrap();
    }
    mode(&d.join("out"), 0o777).unwrap();
    mode(&d.join("locked"), 0o000).unwrap();
    let as_root = std::fs::read_dir(d.join("locked")).is_ok();
    let run = |args: &[&str]| {
        let mut c = if as_root {
            let mut c = Command::new("setpriv");
            c.args(["--reuid=65534", "--regid=65534", "--clear-groups"])
                .arg(env!("CARGO_BIN_EXE_zfxxgk"));
            c
        } else {
            Command::new(env!("CARGO_BIN_EXE_zfxxgk"))
        };
        c.current_dir(d).args(args).output().unwrap()
    };
    let out = run(&["check", "."]);
    let stdout = text(&out.stdout);
    assert_eq!(out.status.code(), Some(2), "{stdout}{}", text(&out.stderr));
    assert!(
        stdout.starts_with("./locked：跳过：无法打开这个文件夹（没有权限），其中的文件都未读取\n"),
        "{stdout}"
    );
    assert!(
        stdout.ends_with("1 份无误；跳过 1 个路径（见上）。\n"),
        "{stdout}"
    );
    let out = run(&["aggregate", ".", "-o", "out/汇总.csv"]);
    assert_eq!(out.status.code(), Some(2), "{}", text(&out.stderr));
    assert_eq!(
        text(&out.stderr),
        "./locked：未计入汇总：跳过：无法打开这个文件夹（没有权限），其中的文件都未读取\n"
    );
    let list = std::fs::read_to_string(d.join("out/汇总.文件清单.csv")).unwrap();
    assert!(
        list.contains("./locked,,,未计入,跳过：无法打开这个文件夹（没有权限），其中的文件都未读取"),
        "{list}"
    );
    mode(&d.join("locked"), 0o755).unwrap();
}
