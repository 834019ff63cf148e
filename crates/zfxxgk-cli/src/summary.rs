//! What `aggregate` reads, writes and says: each file read and checked in parallel, its reports
//! kept aside in a temporary [`Store`] with only what planning needs in memory ([`Member`]); the
//! total made one member at a time; then JSON (the total, its findings, the members), a tidy long
//! CSV (every member's cells, then the total's, with a `file` column), or the summary workbook,
//! each streamed to the output. Memory does not grow with the reports' names, values or
//! findings: what is kept of a report is its [`Member`] (where its record is, year, edition, a
//! few flags); its file's and agency's names, headline and counts are read back from its record
//! ([`Head`]) when they are written.

mod store;

use std::cell::RefCell;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use serde_json::{Value, json};
use zfxxgk_core::aggregate::AggregateError;
use zfxxgk_core::aggregate::running::Running;
use zfxxgk_core::{AgencyFrom, CheckOptions, Edition, Lang, Report};
use zfxxgk_excel::write::{
    Need, SummaryLine, SummaryMembers, SummaryRow, SummaryValues, WriteError,
};

#[cfg(test)]
pub(crate) use store::encode;
pub use store::{At, Head, Reader, Store};

use crate::error::InputError;
use crate::formats;
use crate::output::{self, Checked};
use crate::round::{Listed, Plan};
use crate::write::WriteFileError;

/// Output formats of `aggregate`, by extension.
pub const FORMATS: &str = ".xlsx .json .csv";

/// A file read for a summary: what planning needs; its reports are in the [`Store`].
#[derive(Debug)]
pub struct FileRead {
    /// A digest of the bytes.
    pub digest: u64,
    /// The file is a summary workbook written by `zfxxgk aggregate`.
    pub own_summary: bool,
    /// Its reports.
    pub members: Vec<Member>,
}

impl crate::batch::Isolated<PathBuf> for (String, Result<FileRead, InputError>) {
    fn panicked(path: &PathBuf) -> Self {
        (path.display().to_string(), Err(InputError::Panicked))
    }
}

/// A report read for a summary, as `aggregate` hands it to planning: where its record is, its
/// year and edition, and what planning asks of its names; the rest of it is in its record in the
/// [`Store`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Member {
    /// Its record in the store.
    pub at: At,
    /// The report year.
    pub year: Option<i32>,
    /// The layout edition.
    pub edition: Edition,
    /// The name was taken from the file's name (all that planning asks of where it came from).
    pub named_by_file: bool,
    /// The report names no agency (its name is blank).
    pub nameless: bool,
    /// The report has errors (its [`Head::headline`] says which).
    pub with_errors: bool,
}

/// Reads and checks the reports of a file for a summary (a worker's part: the files are read in
/// parallel). Each report is checked while it still knows where its values are (the 校验结果
/// sheet names the member's sheet and cell); its values, and for a workbook (`rows`) its rows of
/// 校验结果, go into the store; the rest is dropped.
pub fn read_file(
    path: &Path,
    options: &CheckOptions,
    store: &Store,
    rows: bool,
    lang: Lang,
) -> Result<FileRead, InputError> {
    let l = crate::input::load_file(path, &crate::input::LoadOptions::default())?;
    let shown = path.display().to_string();
    let mut members = Vec::with_capacity(l.reports.len());
    let mut offsets = Vec::with_capacity(l.reports.len());
    let mut bytes = Vec::new();
    for report in l.reports {
        let findings = zfxxgk_core::check(&report, options);
        let lines = if rows {
            zfxxgk_excel::write::summary_lines(&report, &findings, lang)
        } else {
            Vec::new()
        };
        let c = Checked { report, findings };
        let (errors, warnings) = (c.errors(), c.warnings());
        let headline = (errors > 0).then(|| {
            output::headline(
                &output::report_name(&c.report, lang),
                &shown,
                &output::counts(&c, lang),
                lang,
            )
        });
        let Checked { report, .. } = c;
        let count = |n: usize| u32::try_from(n).unwrap_or(u32::MAX);
        let head = Head {
            file: shown.clone(),
            agency: report.agency.clone(),
            headline,
            errors: count(errors),
            warnings: count(warnings),
            digest: l.digest,
        };
        offsets.push(store::encode(&head, &report, &lines, &mut bytes));
        members.push(Member {
            at: At::default(),
            year: report.year,
            edition: report.edition,
            named_by_file: report.agency_from == Some(AgencyFrom::FileName),
            nameless: report.agency.trim().is_empty(),
            with_errors: errors > 0,
        });
    }
    let base = store.append(&bytes);
    for (m, offset) in members.iter_mut().zip(offsets) {
        m.at = base.plus(offset);
    }
    Ok(FileRead {
        digest: l.digest,
        own_summary: l.own_summary,
        members,
    })
}

/// Reads a member's record: its head into `head`, its values into `report` (with its agency
/// and year).
fn read_member(
    reader: &mut Reader,
    m: &Member,
    head: &mut Head,
    report: &mut Report,
) -> std::io::Result<()> {
    reader.read(m.at, head, Some(report), None)?;
    report.agency.clear();
    report.agency.push_str(&head.agency);
    report.year = m.year;
    Ok(())
}

/// The total of the members, made one member at a time.
pub fn total(
    plan: &Plan,
    reader: &mut Reader,
    agency: &str,
    year: Option<i32>,
    allow_mixed: bool,
) -> Result<Result<Report, AggregateError>, std::io::Error> {
    let mut running = match Running::new(
        plan.members().map(|m| (m.edition, m.year)),
        agency,
        year,
        allow_mixed,
    ) {
        Ok(r) => r,
        Err(e) => return Ok(Err(e)),
    };
    let mut report = Report::new(Edition::V2021);
    let mut head = Head::default();
    for m in plan.members() {
        read_member(reader, &m, &mut head, &mut report)?;
        if let Err(e) = running.add(&report) {
            return Ok(Err(e));
        }
    }
    Ok(running.finish())
}

/// The members as the summary workbook reads them: from the store, one at a time (the reader
/// shared with the 文件清单, [`Listing`]).
struct Stored<'a, 'r> {
    plan: &'a Plan,
    reader: &'a RefCell<&'r mut Reader>,
}

impl SummaryMembers for Stored<'_, '_> {
    fn count(&self) -> usize {
        self.plan.member_count()
    }

    fn files(&self) -> Option<usize> {
        Some(self.plan.member_files())
    }

    fn each(
        &mut self,
        need: Need,
        visit: &mut dyn FnMut(SummaryRow<'_>) -> Result<(), WriteError>,
    ) -> Result<(), WriteError> {
        let mut report = Report::new(Edition::V2021);
        let mut lines: Vec<SummaryLine> = Vec::new();
        let mut head = Head::default();
        let failed = |e: std::io::Error| WriteError::Members(e.to_string());
        for m in self.plan.members() {
            self.reader
                .borrow_mut()
                .read(
                    m.at,
                    &mut head,
                    need.values.then_some(&mut report),
                    need.lines.then_some(&mut lines),
                )
                .map_err(failed)?;
            visit(SummaryRow {
                file: &head.file,
                agency: &head.agency,
                year: m.year,
                values: if need.values {
                    SummaryValues::of_report(&report)
                } else {
                    SummaryValues::new(m.edition, &[])
                },
                errors: head.errors as usize,
                warnings: head.warnings as usize,
                lines: if need.lines { &lines } else { &[] },
            })?;
        }
        Ok(())
    }
}

/// A member as the JSON summary lists it.
fn member_json(m: &Member, head: &Head) -> Value {
    json!({
        "path": head.file,
        "agency": head.agency,
        "year": m.year,
        "edition": m.edition.as_str(),
        "errors": head.errors,
        "warnings": head.warnings,
    })
}

/// Writes the summary file, in the format the output's extension names, atomically; the members'
/// values are read from the store as they are written.
#[allow(clippy::too_many_arguments)]
pub fn write(
    total: &Checked,
    plan: &Plan,
    reader: &mut Reader,
    date: Option<&str>,
    path: &Path,
    lang: Lang,
    force: bool,
) -> Result<(), WriteFileError> {
    let ext = path
        .extension()
        .map(|e| e.to_string_lossy().to_ascii_lowercase())
        .unwrap_or_default();
    let stored = |e: std::io::Error| {
        WriteFileError::from(zfxxgk_excel::write::WriteError::Members(e.to_string()))
    };
    match ext.as_str() {
        "csv" => {
            // Every member's 200 rows: streamed, never held whole.
            let total_name = match lang {
                Lang::Zh => "（汇总）",
                Lang::En => "(total)",
            };
            let mut failed = None;
            crate::write::write_atomic_with(path, force, |w| {
                // The long CSV is written a report at a time (each read back from the store):
                // the header once, then each report's rows as the CSV writer makes them.
                let mut head = Vec::new();
                formats::csv::write_with_files(&mut head, std::iter::empty())?;
                w.write_all(&head)?;
                let mut report = Report::new(Edition::V2021);
                let mut member = Head::default();
                let mut rows = Vec::new();
                let mut one = |w: &mut dyn std::io::Write, file: &str, r: &Report| {
                    rows.clear();
                    formats::csv::write_with_files(&mut rows, std::iter::once((file, r)))?;
                    w.write_all(rows.strip_prefix(head.as_slice()).unwrap_or(&rows))
                };
                for m in plan.members() {
                    if let Err(e) = read_member(reader, &m, &mut member, &mut report) {
                        failed = Some(e);
                        return Err(std::io::Error::other("the members kept aside"));
                    }
                    one(w, &member.file, &report)?;
                }
                one(w, total_name, &total.report)
            })
            .map_err(|e| failed.map_or(e, stored))?;
            // The file list beside it: a tidy CSV has no room for a second table.
            let list = file_list_path(path);
            let mut failed = None;
            crate::write::write_atomic_with(&list, force, |w| {
                write_file_list_csv(w, kept_aside(plan.files(reader), &mut failed), lang)?;
                unfinished(&failed)
            })
            .map_err(|e| failed.map_or(e, stored))
        }
        "json" => {
            let reader = RefCell::new(reader);
            let (mut files_failed, mut members_failed) = (None, None);
            crate::write::write_atomic_with(path, force, |w| {
                let mut head = Head::default();
                let files = (0..plan.line_count()).map(|k| plan.line(k, &mut reader.borrow_mut()));
                let members = plan.members().map(|m| {
                    reader.borrow_mut().head(m.at, &mut head)?;
                    Ok(member_json(&m, &head))
                });
                write_json(
                    w,
                    total,
                    kept_aside(files, &mut files_failed),
                    kept_aside(members, &mut members_failed),
                    lang,
                )?;
                unfinished(&files_failed.as_ref().or(members_failed.as_ref()))
            })
            .map_err(|e| files_failed.or(members_failed).map_or(e, stored))
        }
        "xlsx" => {
            // Written to a temporary file first (the workbook library wants a writer it owns),
            // then copied into place: the workbook is never held in memory whole.
            let mut tmp = tempfile::tempfile()
                .map_err(|e| WriteFileError::Io(path.display().to_string(), e))?;
            let reader = RefCell::new(reader);
            zfxxgk_excel::write::summary_workbook_to(
                &total.report,
                &total.findings,
                &mut Stored {
                    plan,
                    reader: &reader,
                },
                &mut Listing {
                    plan,
                    reader: &reader,
                    lang,
                },
                date,
                lang,
                &mut tmp,
            )?;
            use std::io::Seek as _;
            crate::write::write_atomic_with(path, force, |w| {
                tmp.rewind()?;
                std::io::copy(&mut tmp, w).map(|_| ())
            })
        }
        other => Err(WriteFileError::Format(format!(".{other}"), FORMATS)),
    }
}

/// Items read back from the store as they are written: the items while they can be read; the
/// first error reading one is kept in `failed` and ends them (see [`unfinished`]).
fn kept_aside<'a, T>(
    items: impl Iterator<Item = std::io::Result<T>> + 'a,
    failed: &'a mut Option<std::io::Error>,
) -> impl Iterator<Item = T> + 'a {
    items.map_while(move |item| match item {
        Ok(item) => Some(item),
        Err(e) => {
            *failed = Some(e);
            None
        }
    })
}

/// An output whose items could not all be read back is not put in place: the error that ended
/// them is said instead (the caller's `failed`).
fn unfinished<E>(failed: &Option<E>) -> std::io::Result<()> {
    match failed {
        Some(_) => Err(std::io::Error::other("the reports kept aside")),
        None => Ok(()),
    }
}

/// The 文件清单 as the summary workbook reads it: made line by line from the plan, the names
/// read from the store (shared with the members, [`Stored`]).
struct Listing<'a, 'r> {
    plan: &'a Plan,
    reader: &'a RefCell<&'r mut Reader>,
    lang: Lang,
}

impl zfxxgk_excel::write::SummaryFiles for Listing<'_, '_> {
    fn each(
        &mut self,
        visit: &mut dyn FnMut(&zfxxgk_excel::write::SummaryFile) -> Result<(), WriteError>,
    ) -> Result<(), WriteError> {
        let lang = self.lang;
        for k in 0..self.plan.line_count() {
            let f = self
                .plan
                .line(k, &mut self.reader.borrow_mut())
                .map_err(|e| WriteError::Members(e.to_string()))?;
            visit(&zfxxgk_excel::write::SummaryFile {
                status: f.status(lang).to_string(),
                reason: f.reason(lang).to_string(),
                file: f.file,
                agency: f.agency,
                year: f.year,
                included: f.included,
            })?;
        }
        Ok(())
    }
}

/// The JSON summary, streamed: the same text as `serde_json::to_string_pretty` of
/// `{"total", "total_findings", "total_issues", "files", "members"}` and a newline.
fn write_json(
    w: &mut dyn std::io::Write,
    total: &Checked,
    files: impl Iterator<Item = Listed>,
    members: impl Iterator<Item = Value>,
    lang: Lang,
) -> std::io::Result<()> {
    let head: [(&str, Value); 3] = [
        ("total", formats::json::to_value(&total.report)),
        (
            "total_findings",
            total
                .findings
                .iter()
                .map(|f| output::finding_json(f, lang))
                .collect(),
        ),
        (
            "total_issues",
            total
                .report
                .issues
                .iter()
                .map(|i| json!({"code": i.code, "message": i.message(lang)}))
                .collect(),
        ),
    ];
    w.write_all(b"{\n")?;
    for (key, value) in &head {
        writeln!(w, "  \"{key}\": {},", pretty_at(value, 1))?;
    }
    w.write_all(b"  \"files\": ")?;
    pretty_array(
        w,
        files.map(|f| {
            json!({
                "file": f.file,
                "agency": f.agency,
                "year": f.year,
                "status": f.status(Lang::En),
                "reason": f.reason(lang),
            })
        }),
    )?;
    w.write_all(b",\n  \"members\": ")?;
    pretty_array(w, members)?;
    w.write_all(b"\n}\n")
}

/// A value as `serde_json::to_string_pretty` writes it `depth` levels deep in an object.
fn pretty_at(value: &Value, depth: usize) -> String {
    let text = serde_json::to_string_pretty(value).unwrap_or_default();
    text.replace('\n', &format!("\n{}", "  ".repeat(depth)))
}

/// An array of an object's key (one level deep), element by element.
fn pretty_array(
    w: &mut dyn std::io::Write,
    items: impl Iterator<Item = Value>,
) -> std::io::Result<()> {
    let mut first = true;
    for item in items {
        w.write_all(if first { b"[\n    " } else { b",\n    " })?;
        first = false;
        w.write_all(pretty_at(&item, 2).as_bytes())?;
    }
    w.write_all(if first { b"[]" } else { b"\n  ]" })
}

/// What `aggregate` prints: what was totalled, which reports have errors (their numbers are
/// included), and the total's own check.
pub fn report_text(
    total: &Checked,
    plan: &Plan,
    reader: &mut Reader,
    unreadable: &[(String, String)],
    out: &Path,
    lang: Lang,
) -> std::io::Result<String> {
    let mut s = String::new();
    let (files, members) = (plan.member_files(), plan.member_count());
    let name = output::report_name(&total.report, lang);
    match lang {
        Lang::Zh => writeln!(
            s,
            "已把 {files} 个文件中的 {members} 份报告汇总为“{name}”，写入 {}。",
            out.display()
        ),
        Lang::En => writeln!(
            s,
            "Totalled {members} report(s) from {files} file(s) as “{name}” into {}.",
            out.display()
        ),
    }
    .ok();
    let mut head = Head::default();
    let mut with_errors: Vec<String> = Vec::new();
    for m in plan.members().filter(|m| m.with_errors) {
        reader.head(m.at, &mut head)?;
        with_errors.extend(head.headline.take());
    }
    if !with_errors.is_empty() {
        match lang {
            Lang::Zh => writeln!(
                s,
                "其中 {} 份报告有错误，它们的数字已计入汇总，请核实：",
                with_errors.len()
            ),
            Lang::En => writeln!(
                s,
                "{} report(s) have errors; their numbers are included in the total:",
                with_errors.len()
            ),
        }
        .ok();
        for line in with_errors {
            writeln!(s, "  {line}").ok();
        }
    }
    if !unreadable.is_empty() {
        match lang {
            Lang::Zh => writeln!(
                s,
                "{} 个文件无法读取，未计入汇总（见上方说明）。",
                unreadable.len()
            ),
            Lang::En => writeln!(
                s,
                "{} file(s) could not be read and are not in the total (see above).",
                unreadable.len()
            ),
        }
        .ok();
    }
    match lang {
        Lang::Zh => s.push_str("汇总结果自身的检查："),
        Lang::En => s.push_str("Check of the total: "),
    }
    output::report_text(&out.display().to_string(), total, lang, &mut s);
    Ok(s)
}

/// The file list written beside a CSV summary: `汇总.csv` → `汇总.文件清单.csv`.
pub fn file_list_path(path: &Path) -> std::path::PathBuf {
    let stem = path
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    path.with_file_name(format!("{stem}.文件清单.csv"))
}

/// The 文件清单 as CSV: one row per file (and per roster agency that sent none), streamed.
pub fn write_file_list_csv(
    out: &mut dyn std::io::Write,
    files: impl Iterator<Item = Listed>,
    lang: Lang,
) -> std::io::Result<()> {
    out.write_all("\u{feff}".as_bytes())?;
    let mut w = csv::Writer::from_writer(out);
    let header = match lang {
        Lang::Zh => ["序号", "文件", "单位", "年度", "状态", "说明"],
        Lang::En => ["no", "file", "agency", "year", "status", "reason"],
    };
    w.write_record(header)?;
    for (i, f) in files.enumerate() {
        let year = f.year.map(|y| y.to_string()).unwrap_or_default();
        let safe = formats::csv::safe_field;
        w.write_record([
            (i + 1).to_string().as_str(),
            &safe(&f.file),
            &safe(&f.agency),
            year.as_str(),
            &safe(f.status(lang)),
            &safe(f.reason(lang)),
        ])?;
    }
    w.flush()
}

#[cfg(test)]
mod tests {
    use zfxxgk_core::{CellValue, CheckOptions, Edition, Lang, Report};

    use super::*;
    use crate::round::Said;

    /// The JSON summary as it was made before it was streamed: one value, pretty-printed.
    fn whole(total: &Checked, members: &[(Member, Head)], files: &[Listed], lang: Lang) -> String {
        let value = json!({
            "total": formats::json::to_value(&total.report),
            "total_findings": total.findings.iter().map(|f| output::finding_json(f, lang)).collect::<Vec<_>>(),
            "total_issues": total.report.issues.iter().map(|i| json!({"code": i.code, "message": i.message(lang)})).collect::<Vec<_>>(),
            "files": files.iter().map(|f| json!({
                "file": f.file,
                "agency": f.agency,
                "year": f.year,
                "status": f.status(Lang::En),
                "reason": f.reason(lang),
            })).collect::<Vec<_>>(),
            "members": members.iter().map(|(m, h)| json!({
                "path": h.file,
                "agency": h.agency,
                "year": m.year,
                "edition": m.edition.as_str(),
                "errors": h.errors,
                "warnings": h.warnings,
            })).collect::<Vec<_>>(),
        });
        let mut s = serde_json::to_string_pretty(&value).unwrap();
        s.push('\n');
        s
    }

    #[test]
    fn the_streamed_json_is_the_pretty_printed_value() {
        let mut report = Report::new(Edition::V2021);
        report.agency = "某县\n“汇总”".into();
        report.year = Some(2024);
        report.set_by_id("appeals.review.upheld", CellValue::int(2));
        report.set_by_id("disclosure.fees.amount", CellValue::parse_plain("0.35"));
        let findings = zfxxgk_core::check(&report, &CheckOptions::default());
        assert!(!findings.is_empty());
        let total = Checked { report, findings };
        let member = |file: &str, agency: &str, errors| {
            let m = Member {
                at: At::default(),
                year: Some(2024),
                edition: Edition::V2021,
                named_by_file: false,
                nameless: false,
                with_errors: errors > 0,
            };
            let head = Head {
                file: file.into(),
                agency: agency.into(),
                headline: None,
                errors,
                warnings: 1,
                digest: 0,
            };
            (m, head)
        };
        let members = [member("a.xlsx", "甲局", 0), member("b/c.json", "乙局\t", 2)];
        let files = [
            Listed {
                file: "a.xlsx".into(),
                agency: "甲局".into(),
                year: Some(2024),
                included: true,
                unreadable: false,
                why: Said {
                    zh: "已计入汇总".into(),
                    en: "in the total".into(),
                },
            },
            Listed {
                file: "d.txt".into(),
                agency: String::new(),
                year: None,
                included: false,
                unreadable: true,
                why: Said::default(),
            },
        ];
        for lang in [Lang::Zh, Lang::En] {
            for (m, f) in [(&members[..], &files[..]), (&[][..], &[][..])] {
                let mut out = Vec::new();
                let members = m.iter().map(|(m, h)| member_json(m, h));
                write_json(&mut out, &total, f.iter().cloned(), members, lang).unwrap();
                assert_eq!(String::from_utf8(out).unwrap(), whole(&total, m, f, lang));
            }
        }
    }
}
