//! The `zfxxgk` command line. `main.rs` is a thin shell around [`run`], which takes its
//! arguments, output streams and environment as parameters so that tests drive it in-process.
//!
//! This crate is the only place that talks to the terminal.

pub mod batch;
pub mod cli;
pub mod error;
pub mod formats;
pub mod input;
pub mod output;
pub mod previous;
pub mod round;
pub mod spill;
pub mod spreadsheet;
pub mod summary;
pub mod write;

use std::ffi::OsString;
use std::io::Write;
use std::path::Path;

use clap::Parser as _;
use zfxxgk_core::rules::Selection;
use zfxxgk_core::{CheckOptions, Lang, Report};

use crate::cli::{
    AggregateArgs, CheckArgs, Cli, Command, ExampleArgs, ExportArgs, FormatArg, LangArg,
    TemplateArgs,
};
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
    /// Today's date (`2025-01-20`, UTC), for the date of a summary; `None` leaves it out (tests).
    pub today: Option<String>,
}

impl Env {
    /// The environment of the running process.
    pub fn detect() -> Env {
        use std::io::IsTerminal as _;
        let secs = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map(|d| d.as_secs())
            .unwrap_or(0);
        let (y, m, d) = date_of_unix_seconds(secs);
        Env {
            current_year: y,
            stderr_is_terminal: std::io::stderr().is_terminal(),
            today: Some(format!("{y:04}-{m:02}-{d:02}")),
        }
    }
}

/// The UTC calendar date of a Unix time.
fn date_of_unix_seconds(secs: u64) -> (i32, u32, u32) {
    let days = (secs / 86_400) as i64 + 719_468;
    let era = days.div_euclid(146_097);
    let doe = days.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let month = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    ((yoe + era * 400 + i64::from(month <= 2)) as i32, month, day)
}

/// The UTC calendar year of a Unix time.
#[cfg(test)]
fn year_of_unix_seconds(secs: u64) -> i32 {
    date_of_unix_seconds(secs).0
}

/// Runs the command line and returns the exit status: 0 fine, 1 findings of error severity,
/// 2 an input could not be read or the usage was wrong.
pub fn run<I, T>(args: I, out: &mut dyn Write, err: &mut dyn Write, env: &Env) -> i32
where
    I: IntoIterator<Item = T>,
    T: Into<OsString> + Clone,
{
    let args: Vec<OsString> = args.into_iter().map(Into::into).collect();
    // Text for people never carries control characters (from a file's name or content) to the
    // terminal; JSON is left exact.
    let mut err = output::Terminal::new(err, true);
    let err: &mut dyn Write = &mut err;
    let cli = match Cli::try_parse_from(&args) {
        Ok(cli) => cli,
        Err(e) if !e.use_stderr() => {
            // --help, --version.
            let _ = write!(out, "{}", e.render());
            return 0;
        }
        Err(e) => {
            // Told in the language asked for, wherever --lang stands on the line.
            let lang = cli::usage::lang_in_args(&args);
            let text =
                cli::usage::message(&e, &args, lang).unwrap_or_else(|| e.render().to_string());
            let _ = write!(err, "{text}");
            return 2;
        }
    };
    let lang = match cli.lang {
        LangArg::Zh => Lang::Zh,
        LangArg::En => Lang::En,
    };
    // A --year that is not a report year (25, 20250) is refused before anything is read.
    if let Some(message) = cli
        .command
        .year()
        .and_then(|y| cli::usage::bad_year(y, env.current_year, lang))
    {
        let _ = writeln!(err, "{message}");
        return 2;
    }
    // A folder given as the output file: said before anything is read or converted.
    if let Some((path, ext)) = cli.command.output().filter(|(p, _)| p.is_dir()) {
        let e = write::folder_as_output(path, ext);
        let _ = writeln!(err, "{}", e.message(lang));
        return 2;
    }
    let json_out = matches!(&cli.command, Command::Check(a) if a.format == FormatArg::Json)
        || matches!(&cli.command, Command::Example(a) if a.output.is_none());
    let mut out = output::Terminal::new(out, !json_out);
    let mut ctx = Ctx {
        out: &mut out,
        err,
        env,
        lang,
    };
    match cli.command {
        Command::Check(args) => check(&mut ctx, &args),
        Command::Export(args) => export(&mut ctx, &args),
        Command::Aggregate(args) => aggregate(&mut ctx, &args),
        Command::Template(args) => template(&mut ctx, &args),
        Command::Example(args) => example(&mut ctx, &args),
        Command::Rules(args) => rules(&mut ctx, &args),
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
        CheckOptions::with_max_year(self.env.current_year + 1)
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
    let input::Expanded { files, skipped } = input::expand(&args.files);
    if files.is_empty() && skipped.is_empty() && !args.example {
        ctx.say(
            "没有找到可检查的文件（支持工作簿 .xlsx .xlsm .xls .ods，发布的报告 .docx .pdf .html .htm .txt，以及 .json .csv）。",
            "no files to check (workbooks .xlsx .xlsm .xls .ods, published reports .docx .pdf .html .htm .txt, and .json .csv).",
        );
        return 2;
    }
    let batch = args.files.len() > 1 || args.files.iter().any(|p| p.is_dir());
    let details = args.details || !batch;
    let mut options = ctx.check_options();
    match Selection::new(&args.select, &args.ignore) {
        Ok(s) => options.selection = s,
        Err(e) => {
            let _ = writeln!(ctx.err, "{}", e.message(ctx.lang));
            return 2;
        }
    }
    let previous = if args.previous.is_empty() {
        None
    } else {
        match previous::Previous::load(&args.previous, &load_options(&args.meta), !batch) {
            Ok(p) => Some(p),
            Err(message) => {
                let _ = writeln!(ctx.err, "{}", message.get(ctx.lang));
                return 2;
            }
        }
    };
    let roster = match &args.roster {
        None => None,
        Some(path) => match round::read_roster(path) {
            Ok(r) => Some(r),
            Err(e) => {
                let _ = writeln!(ctx.err, "{}", e.get(ctx.lang));
                return 2;
            }
        },
    };
    let mut round_files = round::RoundFiles::with_capacity(files.len());
    let lang = ctx.lang;
    let json = args.format == FormatArg::Json;
    let mut summary = output::Summary::default();
    let mut first_entry = true;
    if json {
        let _ = ctx.out.write_all(b"{\"reports\": [\n");
    }
    let mut emit = |ctx: &mut Ctx, o: &FileOutcome| {
        summary.add(o);
        if json {
            for entry in output::outcome_json(o, lang) {
                let sep = if first_entry { "" } else { ",\n" };
                first_entry = false;
                let _ = write!(ctx.out, "{sep}{entry}");
            }
        } else {
            let _ = ctx
                .out
                .write_all(output::outcome_text(o, lang, details).as_bytes());
        }
    };
    let check_reports = |reports: Vec<Report>| -> Vec<Checked> {
        reports
            .into_iter()
            .map(|mut report| {
                let mut findings = zfxxgk_core::check(&report, &options);
                if let Some(p) = &previous {
                    findings.extend(p.compare(&mut report, &options));
                }
                report.issues.retain(|i| options.selection.allows(i.code));
                Checked { report, findings }
            })
            .collect()
    };
    if args.example {
        let sample = check_reports(vec![zfxxgk_doc::sample::yima_transport_2024()]);
        emit(
            ctx,
            &FileOutcome {
                path: EXAMPLE_NAME.to_string(),
                result: Ok(sample),
                digest: 0,
                own_summary: false,
            },
        );
    }
    for o in skipped.iter().map(FileOutcome::skipped) {
        round_files.add(&o);
        emit(ctx, &o);
    }
    let progress = batch::Progress::new(
        files.len(),
        ctx.env.stderr_is_terminal && files.len() > 1,
        batch::label(lang, "检查", "checking"),
    );
    files.ordered(
        |path| {
            let loaded = input::load_file(path, &load_options(&args.meta));
            progress.inc();
            let (digest, own_summary) = match &loaded {
                Ok(l) => (l.digest, l.own_summary),
                Err(_) => (0, false),
            };
            FileOutcome {
                path: path.display().to_string(),
                result: loaded.map(|l| check_reports(l.reports)),
                digest,
                own_summary,
            }
        },
        |o| {
            round_files.add(&o);
            progress.suspend(|| emit(ctx, &o));
        },
    );
    progress.finish();
    drop(files);
    let unmatched = previous.as_ref().map(|p| p.unmatched()).unwrap_or_default();
    // The round: only where there is one (several files, or a roster to compare with). Its
    // names are read back from where they were kept aside; if they cannot be, that is said and
    // the round left out.
    let mut failed = None;
    let the_round = if batch || roster.is_some() {
        let made = zfxxgk_core::round::round(&mut round_files, roster.as_ref())
            .and_then(|r| Ok((round_files.input(roster.as_ref())?, r)));
        made.map_err(|e| failed = Some(e)).ok()
    } else {
        None
    };
    if json {
        let mut tail = serde_json::json!({ "summary": summary.to_json() });
        if previous.is_some() {
            tail["previous"] = previous::unmatched_json(&unmatched);
        }
        if let Some((input, r)) = &the_round {
            match round::round_json(&mut round_files, input, r) {
                Ok(value) => tail["round"] = value,
                Err(e) => failed = Some(e),
            }
        }
        let tail = serde_json::to_string(&tail).unwrap_or_default();
        // Splice the summary into the same object: `], "summary": …}`.
        let _ = writeln!(ctx.out, "\n], {}", tail.trim_start_matches('{'));
    } else {
        let _ = ctx
            .out
            .write_all(previous::unmatched_text(&unmatched, lang).as_bytes());
        if let Some((input, r)) = &the_round {
            match round::round_text(&mut round_files, input, r, lang) {
                Ok(text) => {
                    let _ = ctx.out.write_all(text.as_bytes());
                }
                Err(e) => failed = Some(e),
            }
        }
        let _ = writeln!(ctx.out, "{}", summary.line(lang));
    }
    if let Some(e) = failed {
        ctx.say(
            &format!("无法读取暂存的文件名（临时文件），未列出本轮报送情况：{e}"),
            &format!(
                "cannot read back the file names kept aside (a temporary file); the round is not shown: {e}"
            ),
        );
        return 2;
    }
    summary.exit_code()
}

fn aggregate(ctx: &mut Ctx, args: &AggregateArgs) -> i32 {
    let lang = ctx.lang;
    let input::Expanded { files, skipped } = input::expand(&args.files);
    if files.is_empty() && skipped.is_empty() {
        ctx.say("没有找到可汇总的文件。", "no files to total.");
        return 2;
    }
    // The output must never be one of the inputs: writing it would replace an agency's report
    // (with --force) or read the summary back as one more agency on the next run.
    if let Some(clash) = input::same_file_among(&args.output, &files) {
        let shown = clash.display();
        ctx.say(
            &format!(
                "输出文件 {shown} 是要汇总的文件之一，不能覆盖（加 --force 也不行）。请把汇总写到别的文件或目录，例如 -o 汇总/汇总.xlsx。"
            ),
            &format!(
                "the output {shown} is one of the files to total and is never replaced (not even with --force); write the summary elsewhere, e.g. -o 汇总/汇总.xlsx."
            ),
        );
        return 2;
    }
    let roster = match &args.roster {
        None => None,
        Some(path) => match round::read_roster(path) {
            Ok(r) => Some(r),
            Err(e) => {
                let _ = writeln!(ctx.err, "{}", e.get(lang));
                return 2;
            }
        },
    };
    let options = ctx.check_options();
    // Each report read goes into a temporary store as soon as it is checked; memory keeps only
    // what planning needs (see summary.rs).
    let store = match summary::Store::new() {
        Ok(s) => s,
        Err(e) => {
            ctx.say(
                &format!("无法建立临时文件：{e}"),
                &format!("cannot make a temporary file: {e}"),
            );
            return 2;
        }
    };
    let rows = extension(&args.output) == "xlsx";
    // What planning needs of each file, taken as the files are read (in their order).
    let mut intake = round::Intake::with_capacity(files.len());
    for s in &skipped {
        let (path, e) = s.error();
        intake.add((path, Err(e)));
    }
    let progress = batch::Progress::new(
        files.len(),
        ctx.env.stderr_is_terminal && files.len() > 1,
        batch::label(lang, "读取", "reading"),
    );
    files.ordered(
        |path| {
            let r = summary::read_file(path, &options, &store, rows, lang);
            progress.inc();
            (path.display().to_string(), r)
        },
        |item| intake.add(item),
    );
    progress.finish();
    drop(files);
    let stored = |ctx: &mut Ctx, e: std::io::Error| {
        ctx.say(
            &format!("无法读取暂存的报告（临时文件）：{e}"),
            &format!("cannot read back the reports kept aside (a temporary file): {e}"),
        );
        2
    };
    let mut reader = match store.reader() {
        Ok(r) => r,
        Err(e) => return stored(ctx, e),
    };
    let plan = round::plan(
        intake,
        &mut reader,
        round::PlanOptions {
            year: args.year,
            allow_mixed: args.allow_mixed,
            dedupe: args.dedupe.map(|d| matches!(d, cli::DedupeArg::Last)),
            roster: roster.as_ref(),
        },
    );
    let plan = match plan {
        Ok(Ok(p)) => p,
        Ok(Err(refusal)) => {
            let _ = writeln!(ctx.err, "{}", refusal.get(lang));
            return 2;
        }
        Err(e) => return stored(ctx, e),
    };
    let mut unreadable: Vec<(String, String)> = Vec::new();
    for row in plan.left_out(&mut reader) {
        let row = match row {
            Ok(row) => row,
            Err(e) => return stored(ctx, e),
        };
        if !row.included && !row.file.is_empty() {
            let line = output::unreadable(
                &row.file,
                ("未计入汇总", "left out"),
                row.reason(lang),
                lang,
            );
            let _ = writeln!(ctx.err, "{line}");
        }
        if row.unreadable {
            let why = row.reason(lang).to_string();
            unreadable.push((row.file, why));
        }
    }
    if plan.member_count() == 0 {
        ctx.say("没有可汇总的报告。", "no report to total.");
        return 2;
    }
    let agency = args.agency.clone().unwrap_or_else(|| match lang {
        Lang::Zh => format!("汇总（{} 个单位）", plan.member_count()),
        Lang::En => format!("Total of {} agencies", plan.member_count()),
    });
    let year = args.year.or(plan.year);
    let total = match summary::total(&plan, &mut reader, &agency, year, args.allow_mixed) {
        Ok(Ok(t)) => t,
        Ok(Err(e @ zfxxgk_core::aggregate::AggregateError::OutOfRange { .. })) => {
            let (zh, en) = (e.to_string(), e.en());
            ctx.say(&format!("{zh}。"), &format!("{en}."));
            return 2;
        }
        Ok(Err(e)) => {
            let (zh, en) = (e.to_string(), e.en());
            ctx.say(
                &format!("{zh}。确实要合并汇总请加 --allow-mixed。"),
                &format!("{en}. Add --allow-mixed to total them anyway."),
            );
            return 2;
        }
        Err(e) => return stored(ctx, e),
    };
    let total_findings = zfxxgk_core::check(&total, &options);
    let total_checked = Checked {
        report: total,
        findings: total_findings,
    };
    if let Err(e) = summary::write(
        &total_checked,
        &plan,
        &mut reader,
        ctx.env.today.as_deref(),
        &args.output,
        lang,
        args.force,
    ) {
        let _ = writeln!(ctx.err, "{}", e.message(lang));
        return 2;
    }
    let text = match summary::report_text(
        &total_checked,
        &plan,
        &mut reader,
        &unreadable,
        &args.output,
        lang,
    ) {
        Ok(text) => text,
        Err(e) => return stored(ctx, e),
    };
    let _ = ctx.out.write_all(text.as_bytes());
    if let Some(text) = &plan.round_text.as_ref().map(|t| t.get(lang).to_string())
        && !text.is_empty()
    {
        let _ = ctx.out.write_all(text.as_bytes());
    }
    if !unreadable.is_empty() {
        2
    } else if total_checked.errors() > 0 || plan.members_with_errors() {
        1
    } else {
        0
    }
}

/// Output formats by extension.
const EXPORT_FORMATS: &str = ".docx .html .txt .md .xlsx .json .csv";

fn extension(path: &Path) -> String {
    path.extension()
        .map(|e| e.to_string_lossy().to_ascii_lowercase())
        .unwrap_or_default()
}

/// A written file and what had to change to write it (characters dropped, as notes).
struct Serialised {
    bytes: Vec<u8>,
    notes: Vec<zfxxgk_doc::write::WriteNote>,
}

impl Serialised {
    fn plain(bytes: Vec<u8>) -> Serialised {
        Serialised {
            bytes,
            notes: Vec::new(),
        }
    }
}

fn serialise(
    reports: &[Report],
    path: &Path,
    lang: Lang,
    options: &CheckOptions,
) -> Result<Serialised, WriteFileError> {
    let ext = extension(path);
    let one = || match reports {
        [one] => Ok(one),
        _ => Err(WriteFileError::OneReportOnly(reports.len())),
    };
    let text = |w: zfxxgk_doc::write::Written<String>| Serialised {
        bytes: w.output.into_bytes(),
        notes: w.notes,
    };
    match ext.as_str() {
        "json" => Ok(Serialised::plain(
            formats::json::to_string(reports).into_bytes(),
        )),
        "csv" => Ok(Serialised::plain(
            formats::csv::to_string(reports).into_bytes(),
        )),
        "html" | "htm" => Ok(text(zfxxgk_doc::write::html(one()?))),
        "txt" => Ok(text(zfxxgk_doc::write::text(one()?))),
        "md" => Ok(text(zfxxgk_doc::write::markdown(one()?))),
        "docx" => {
            let w = zfxxgk_doc::write::docx(one()?)
                .map_err(|e| WriteFileError::Document(e.message(Lang::Zh), e.message(Lang::En)))?;
            Ok(Serialised {
                bytes: w.output,
                notes: w.notes,
            })
        }
        "xlsx" => {
            let one = one()?;
            let findings = zfxxgk_core::check(one, options);
            Ok(Serialised::plain(zfxxgk_excel::write::report_workbook(
                one, &findings, lang,
            )?))
        }
        other => Err(WriteFileError::Format(format!(".{other}"), EXPORT_FORMATS)),
    }
}

/// Writes the reports and says what had to change on the way.
fn write_reports(
    ctx: &mut Ctx,
    reports: &[Report],
    path: &Path,
    force: bool,
) -> Result<(), WriteFileError> {
    let written = serialise(reports, path, ctx.lang, &ctx.check_options())?;
    write::write_atomic(path, &written.bytes, force)?;
    for note in &written.notes {
        let shown = path.display();
        let m = note.message(ctx.lang);
        ctx.say(
            &format!("注意（{shown}）：{m}"),
            &format!("note ({shown}): {m}"),
        );
    }
    if extension(path) == "csv"
        && let Some((zh, en)) = formats::csv::left_out(reports)
    {
        let shown = path.display();
        ctx.say(
            &format!("注意（{shown}）：{zh}"),
            &format!("note ({shown}): {en}"),
        );
    }
    Ok(())
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
            let line = output::unreadable(
                &args.file.display().to_string(),
                ("无法读取", "cannot read"),
                &e.message(ctx.lang),
                ctx.lang,
            );
            let _ = writeln!(ctx.err, "{line}");
            return 2;
        }
    };
    if let Err(e) = write_reports(ctx, &reports, &args.output, args.force) {
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

fn template(ctx: &mut Ctx, args: &TemplateArgs) -> i32 {
    let path = args.output.clone().unwrap_or_else(|| {
        let agency = args.agency.as_deref().unwrap_or("");
        let year = args.year.map(|y| format!("{y}年")).unwrap_or_default();
        std::path::PathBuf::from(format!(
            "{agency}{year}{}.xlsx",
            zfxxgk_core::layout::REPORT_TITLE_SUFFIX
        ))
    });
    if extension(&path) != "xlsx" {
        let e = WriteFileError::Format(format!(".{}", extension(&path)), ".xlsx");
        let _ = writeln!(ctx.err, "{}", e.message(ctx.lang));
        return 2;
    }
    let options = zfxxgk_excel::write::TemplateOptions {
        agency: args.agency.clone(),
        year: args.year,
    };
    let result = zfxxgk_excel::write::template(&options)
        .map_err(WriteFileError::from)
        .and_then(|bytes| write::write_atomic(&path, &bytes, args.force));
    match result {
        Ok(()) => {
            let shown = path.display().to_string();
            ctx.say(
                &format!("已写出空白模板 {shown}。填好后用 zfxxgk check {shown} 检查。"),
                &format!("wrote the blank template to {shown}. Fill it in, then run: zfxxgk check {shown}"),
            );
            0
        }
        Err(e) => {
            let _ = writeln!(ctx.err, "{}", e.message(ctx.lang));
            2
        }
    }
}

/// `zfxxgk rules [CODE…]`: the catalog of codes, by family.
fn rules(ctx: &mut Ctx, args: &cli::RulesArgs) -> i32 {
    let selection = match Selection::new::<String>(&args.codes, &[]) {
        Ok(s) => s,
        Err(e) => {
            let _ = writeln!(ctx.err, "{}", e.message(ctx.lang));
            return 2;
        }
    };
    let _ = ctx
        .out
        .write_all(output::rules_text(&selection, ctx.lang).as_bytes());
    0
}

fn example(ctx: &mut Ctx, args: &ExampleArgs) -> i32 {
    let sample = vec![zfxxgk_doc::sample::yima_transport_2024()];
    match &args.output {
        None => {
            let _ = ctx
                .out
                .write_all(formats::json::to_string(&sample).as_bytes());
            0
        }
        Some(path) => match write_reports(ctx, &sample, path, args.force) {
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
        assert_eq!(date_of_unix_seconds(1_735_689_600), (2025, 1, 1));
        assert_eq!(date_of_unix_seconds(1_709_164_800), (2024, 2, 29));
    }
}
