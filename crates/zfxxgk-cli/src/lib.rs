//! The `zfxxgk` command line. `main.rs` is a thin shell around [`run`], which takes its
//! arguments, output streams and environment as parameters so that tests drive it in-process.
//!
//! This crate is the only place that talks to the terminal.

pub mod cli;
pub mod error;
pub mod formats;
pub mod input;
pub mod output;
pub mod spreadsheet;
pub mod write;

use std::ffi::OsString;
use std::io::Write;
use std::path::Path;

use clap::Parser as _;
use zfxxgk_core::{CheckOptions, Lang, Report};

use crate::cli::{CheckArgs, Cli, Command, ExampleArgs, ExportArgs, FormatArg, LangArg};
use crate::input::LoadOptions;
use crate::output::{Checked, FileOutcome};
use crate::write::WriteFileError;

/// What the command line needs to know of the world.
#[derive(Debug, Clone)]
pub struct Env {
    /// The current calendar year (for META-YEAR: a plausible year is at most the next one).
    pub current_year: i32,
    /// Whether standard error is a terminal (progress is shown only then).
    pub stderr_is_terminal: bool,
}

impl Env {
    /// The environment of the running process.
    pub fn detect() -> Env {
        use std::io::IsTerminal as _;
        let secs = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map(|d| d.as_secs())
            .unwrap_or(0);
        Env {
            current_year: year_of_unix_seconds(secs),
            stderr_is_terminal: std::io::stderr().is_terminal(),
        }
    }
}

/// The UTC calendar year of a Unix time.
fn year_of_unix_seconds(secs: u64) -> i32 {
    // Civil-from-days (H. Hinnant), enough for a year.
    let days = (secs / 86_400) as i64 + 719_468;
    let era = days.div_euclid(146_097);
    let doe = days.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    (yoe + era * 400 + i64::from(month <= 2)) as i32
}

/// Runs the command line and returns the exit status: 0 fine, 1 findings of error severity,
/// 2 an input could not be read or the usage was wrong.
pub fn run<I, T>(args: I, out: &mut dyn Write, err: &mut dyn Write, env: &Env) -> i32
where
    I: IntoIterator<Item = T>,
    T: Into<OsString> + Clone,
{
    let cli = match Cli::try_parse_from(args) {
        Ok(cli) => cli,
        Err(e) => {
            let code = if e.use_stderr() { 2 } else { 0 };
            let text = e.render().to_string();
            if e.use_stderr() {
                let _ = write!(err, "{text}");
            } else {
                let _ = write!(out, "{text}");
            }
            return code;
        }
    };
    let lang = match cli.lang {
        LangArg::Zh => Lang::Zh,
        LangArg::En => Lang::En,
    };
    let mut ctx = Ctx {
        out,
        err,
        env,
        lang,
    };
    match cli.command {
        Command::Check(args) => check(&mut ctx, &args),
        Command::Export(args) => export(&mut ctx, &args),
        Command::Example(args) => example(&mut ctx, &args),
    }
}

struct Ctx<'a> {
    out: &'a mut dyn Write,
    err: &'a mut dyn Write,
    env: &'a Env,
    lang: Lang,
}

impl Ctx<'_> {
    fn say(&mut self, zh: &str, en: &str) {
        let _ = writeln!(self.err, "{}", if self.lang == Lang::Zh { zh } else { en });
    }

    fn check_options(&self) -> CheckOptions {
        CheckOptions {
            max_year: Some(self.env.current_year + 1),
        }
    }
}

/// The name the bundled sample goes by in output.
pub const EXAMPLE_NAME: &str = "内置示例";

fn load_options(meta: &cli::MetaArgs) -> LoadOptions {
    LoadOptions {
        agency: meta.agency.clone(),
        year: meta.year,
    }
}

/// Reads a file and fills agency/year from the command line where the file has none.
fn load(path: &Path, meta: &cli::MetaArgs) -> Result<Vec<Report>, error::InputError> {
    input::load(path, &load_options(meta))
}

fn check(ctx: &mut Ctx, args: &CheckArgs) -> i32 {
    let files = input::expand(&args.files);
    if files.is_empty() && !args.example {
        ctx.say(
            "没有找到可检查的文件（支持 .xlsx .xlsm .xls .ods .json .csv）。",
            "no files to check (.xlsx .xlsm .xls .ods .json .csv).",
        );
        return 2;
    }
    let options = ctx.check_options();
    let checked = |reports: Vec<Report>| -> Vec<Checked> {
        reports
            .into_iter()
            .map(|report| {
                let findings = zfxxgk_core::check(&report, &options);
                Checked { report, findings }
            })
            .collect()
    };
    let mut outcomes = Vec::new();
    if args.example {
        outcomes.push(FileOutcome {
            path: EXAMPLE_NAME.to_string(),
            result: Ok(checked(vec![zfxxgk_core::sample::yima_transport_2024()])),
        });
    }
    for path in files {
        let result = load(&path, &args.meta).map(checked);
        outcomes.push(FileOutcome {
            path: path.display().to_string(),
            result,
        });
    }
    let text = match args.format {
        FormatArg::Text => output::text(&outcomes, ctx.lang),
        FormatArg::Json => {
            let mut s = serde_json::to_string_pretty(&output::json(&outcomes, ctx.lang))
                .unwrap_or_default();
            s.push('\n');
            s
        }
    };
    let _ = ctx.out.write_all(text.as_bytes());
    output::Summary::of(&outcomes).exit_code()
}

/// Output formats by extension.
const EXPORT_FORMATS: &str = ".json .csv";

fn serialise(reports: &[Report], path: &Path) -> Result<Vec<u8>, WriteFileError> {
    let ext = path
        .extension()
        .map(|e| e.to_string_lossy().to_ascii_lowercase())
        .unwrap_or_default();
    match ext.as_str() {
        "json" => Ok(formats::json::to_string(reports).into_bytes()),
        "csv" => Ok(formats::csv::to_string(reports).into_bytes()),
        other => Err(WriteFileError::Format(format!(".{other}"), EXPORT_FORMATS)),
    }
}

fn write_reports(reports: &[Report], path: &Path, force: bool) -> Result<(), WriteFileError> {
    let bytes = serialise(reports, path)?;
    write::write_atomic(path, &bytes, force)
}

fn export(ctx: &mut Ctx, args: &ExportArgs) -> i32 {
    if write::same_file(&args.file, &args.output) {
        let e = WriteFileError::SameAsInput(args.output.display().to_string());
        let _ = writeln!(ctx.err, "{}", e.message(ctx.lang));
        return 2;
    }
    let reports = match load(&args.file, &args.meta) {
        Ok(r) => r,
        Err(e) => {
            let label = if ctx.lang == Lang::Zh {
                "无法读取"
            } else {
                "cannot read"
            };
            let _ = writeln!(
                ctx.err,
                "{}：{label}：{}",
                args.file.display(),
                e.message(ctx.lang)
            );
            return 2;
        }
    };
    if let Err(e) = write_reports(&reports, &args.output, args.force) {
        let _ = writeln!(ctx.err, "{}", e.message(ctx.lang));
        return 2;
    }
    let options = ctx.check_options();
    for report in &reports {
        let findings = zfxxgk_core::check(report, &options);
        let c = Checked {
            report: report.clone(),
            findings,
        };
        let name = output::report_name(report, ctx.lang);
        let counts = output::counts(&c, ctx.lang);
        let out = args.output.display();
        match ctx.lang {
            Lang::Zh => {
                let _ = writeln!(ctx.err, "已写出 {out}：{name}（检查结果：{counts}）");
            }
            Lang::En => {
                let _ = writeln!(ctx.err, "wrote {out}: {name} (check: {counts})");
            }
        }
    }
    0
}

fn example(ctx: &mut Ctx, args: &ExampleArgs) -> i32 {
    let sample = vec![zfxxgk_core::sample::yima_transport_2024()];
    match &args.output {
        None => {
            let _ = ctx
                .out
                .write_all(formats::json::to_string(&sample).as_bytes());
            0
        }
        Some(path) => match write_reports(&sample, path, args.force) {
            Ok(()) => {
                let shown = path.display().to_string();
                ctx.say(
                    &format!("已写出示例报告 {shown}（义马市交通运输局 2024 年度）。可以试试：zfxxgk check {shown}"),
                    &format!("wrote the sample report to {shown}. Try: zfxxgk check {shown}"),
                );
                0
            }
            Err(e) => {
                let _ = writeln!(ctx.err, "{}", e.message(ctx.lang));
                2
            }
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn years_from_unix_time() {
        assert_eq!(year_of_unix_seconds(0), 1970);
        assert_eq!(year_of_unix_seconds(1_735_689_599), 2024); // 2024-12-31T23:59:59Z
        assert_eq!(year_of_unix_seconds(1_735_689_600), 2025);
    }
}
