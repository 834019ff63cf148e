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
    let files = input::expand(&args.files);
    if files.is_empty() && !args.example {
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
                let _ = write!(
                    ctx.out,
                    "{sep}{}",
                    serde_json::to_string(&entry).unwrap_or_default()
                );
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
            },
        );
    }
    let progress = batch::Progress::new(
        files.len(),
        ctx.env.stderr_is_terminal && files.len() > 1,
        "检查 checking",
    );
    batch::ordered(
        &files,
        |path| {
            let result = load(path, &args.meta).map(check_reports);
            progress.inc();
            FileOutcome {
                path: path.display().to_string(),
                result,
            }
        },
        |o| progress.suspend(|| emit(ctx, &o)),
    );
    progress.finish();
    let unmatched = previous.as_ref().map(|p| p.unmatched()).unwrap_or_default();
    if json {
        let mut tail = serde_json::json!({ "summary": summary.to_json() });
        if previous.is_some() {
            tail["previous"] = previous::unmatched_json(&unmatched);
        }
        let tail = serde_json::to_string(&tail).unwrap_or_default();
        // Splice the summary into the same object: `], "summary": …}`.
        let _ = writeln!(ctx.out, "\n], {}", tail.trim_start_matches('{'));
    } else {
        let _ = ctx
            .out
            .write_all(previous::unmatched_text(&unmatched, lang).as_bytes());
        let _ = writeln!(ctx.out, "{}", summary.line(lang));
    }
    summary.exit_code()
}

fn aggregate(ctx: &mut Ctx, args: &AggregateArgs) -> i32 {
    let lang = ctx.lang;
    let files = input::expand(&args.files);
    if files.is_empty() {
        ctx.say("没有找到可汇总的文件。", "no files to total.");
        return 2;
    }
    let options = ctx.check_options();
    let no_meta = cli::MetaArgs {
        agency: None,
        year: None,
    };
    let mut members: Vec<(String, Checked)> = Vec::new();
    let mut unreadable: Vec<(String, String)> = Vec::new();
    let progress = batch::Progress::new(
        files.len(),
        ctx.env.stderr_is_terminal && files.len() > 1,
        "读取 reading",
    );
    batch::ordered(
        &files,
        |path| {
            let r = load(path, &no_meta).map(|reports| {
                reports
                    .into_iter()
                    .map(|report| {
                        let findings = zfxxgk_core::check(&report, &options);
                        // A total needs the values only: origins, notes and the narrative go.
                        Checked {
                            report: report.without_origins().without_text(),
                            findings,
                        }
                    })
                    .collect::<Vec<_>>()
            });
            progress.inc();
            (path.display().to_string(), r)
        },
        |(path, r)| match r {
            Ok(list) => members.extend(list.into_iter().map(|c| (path.clone(), c))),
            Err(e) => unreadable.push((path, e.message(lang))),
        },
    );
    progress.finish();
    for (path, why) in &unreadable {
        let line = output::unreadable(
            path,
            ("无法读取，未计入汇总", "unreadable, left out of the total"),
            why,
            lang,
        );
        let _ = writeln!(ctx.err, "{line}");
    }
    if members.is_empty() {
        ctx.say("没有可汇总的报告。", "no report to total.");
        return 2;
    }
    let members = match dedupe(members, args.dedupe) {
        Ok(m) => m,
        Err(message) => {
            let _ = writeln!(ctx.err, "{}", message.get(lang));
            return 2;
        }
    };
    let refs: Vec<&Report> = members.iter().map(|(_, c)| &c.report).collect();
    let agency = args.agency.clone().unwrap_or_else(|| match lang {
        Lang::Zh => format!("汇总（{} 份报告）", refs.len()),
        Lang::En => format!("Total of {} reports", refs.len()),
    });
    let total = match zfxxgk_core::aggregate::aggregate(&refs, &agency, args.year, args.allow_mixed)
    {
        Ok(t) => t,
        Err(e) => {
            let (zh, en) = (e.to_string(), e.en());
            ctx.say(
                &format!("{zh}。确实要合并汇总请加 --allow-mixed。"),
                &format!("{en}. Add --allow-mixed to total them anyway."),
            );
            return 2;
        }
    };
    let total_findings = zfxxgk_core::check(&total, &options);
    let total_checked = Checked {
        report: total,
        findings: total_findings,
    };
    if let Err(e) = summary::write(&total_checked, &members, &args.output, lang, args.force) {
        let _ = writeln!(ctx.err, "{}", e.message(lang));
        return 2;
    }
    let _ = ctx.out.write_all(
        summary::report_text(&total_checked, &members, &unreadable, &args.output, lang).as_bytes(),
    );
    if !unreadable.is_empty() {
        2
    } else if total_checked.errors() > 0 || members.iter().any(|(_, c)| c.errors() > 0) {
        1
    } else {
        0
    }
}

/// Keeps one report per agency and year, or says which are given twice.
fn dedupe(
    members: Vec<(String, Checked)>,
    rule: Option<cli::DedupeArg>,
) -> Result<Vec<(String, Checked)>, previous::Message> {
    use std::collections::HashMap;
    let key = |c: &Checked| {
        (
            zfxxgk_core::aggregate::agency_key(&c.report.agency),
            c.report.year,
        )
    };
    let mut groups: HashMap<(String, Option<i32>), Vec<usize>> = HashMap::new();
    for (i, (_, c)) in members.iter().enumerate() {
        groups.entry(key(c)).or_default().push(i);
    }
    let mut dups: Vec<&Vec<usize>> = groups.values().filter(|v| v.len() > 1).collect();
    if dups.is_empty() {
        return Ok(members);
    }
    dups.sort();
    let Some(rule) = rule else {
        let list: Vec<String> = dups
            .iter()
            .map(|idx| {
                let files: Vec<&str> = idx.iter().map(|&i| members[i].0.as_str()).collect();
                format!(
                    "{}（{}）",
                    members[idx[0]].1.report.agency,
                    files.join("、")
                )
            })
            .collect();
        let list_en: Vec<String> = dups
            .iter()
            .map(|idx| {
                let files: Vec<&str> = idx.iter().map(|&i| members[i].0.as_str()).collect();
                format!("{} ({})", members[idx[0]].1.report.agency, files.join(", "))
            })
            .collect();
        return Err(previous::Message {
            zh: format!(
                "同一机关的报告出现了不止一次：{}。请删去多余的文件，或用 --dedupe first（保留排在前面的文件）或 --dedupe last（保留排在后面的文件）。",
                list.join("；")
            ),
            en: format!(
                "the same agency appears more than once: {}. Remove the extra files, or choose --dedupe first or --dedupe last.",
                list_en.join("; ")
            ),
        });
    };
    let mut drop = vec![false; members.len()];
    for idx in dups {
        let keep = match rule {
            cli::DedupeArg::First => idx[0],
            cli::DedupeArg::Last => idx[idx.len() - 1],
        };
        for &i in idx {
            drop[i] = i != keep;
        }
    }
    Ok(members
        .into_iter()
        .zip(drop)
        .filter(|(_, d)| !d)
        .map(|(m, _)| m)
        .collect())
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
    }
}
