//! What `aggregate` writes and says: JSON (the total, its findings, the members), a tidy long
//! CSV (every member's cells, then the total's, with a `file` column), or the summary workbook.

use std::fmt::Write as _;
use std::path::Path;

use serde_json::json;
use zfxxgk_core::Lang;

use crate::formats;
use crate::output::{self, Checked};
use crate::write::WriteFileError;

/// Output formats of `aggregate`, by extension.
pub const FORMATS: &str = ".xlsx .json .csv";

/// Writes the summary file, in the format the output's extension names, atomically.
pub fn write(
    total: &Checked,
    members: &[(String, Checked)],
    path: &Path,
    lang: Lang,
    force: bool,
) -> Result<(), WriteFileError> {
    let ext = path
        .extension()
        .map(|e| e.to_string_lossy().to_ascii_lowercase())
        .unwrap_or_default();
    let bytes = match ext.as_str() {
        "csv" => {
            // Every member's 200 rows: streamed, never held whole.
            let total_name = match lang {
                Lang::Zh => "（汇总）",
                Lang::En => "(total)",
            };
            let rows = members
                .iter()
                .map(|(p, c)| (p.as_str(), &c.report))
                .chain([(total_name, &total.report)]);
            return crate::write::write_atomic_with(path, force, |w| {
                formats::csv::write_with_files(w, rows)
            });
        }
        "json" => {
            let value = json!({
                "total": formats::json::to_value(&total.report),
                "total_findings": total.findings.iter().map(|f| output::finding_json(f, lang)).collect::<Vec<_>>(),
                "total_issues": total.report.issues.iter().map(|i| json!({"code": i.code, "message": i.message(lang)})).collect::<Vec<_>>(),
                "members": members.iter().map(|(path, c)| json!({
                    "path": path,
                    "agency": c.report.agency,
                    "year": c.report.year,
                    "edition": c.report.edition.as_str(),
                    "errors": c.errors(),
                    "warnings": c.warnings(),
                })).collect::<Vec<_>>(),
            });
            let mut s = serde_json::to_string_pretty(&value).unwrap_or_default();
            s.push('\n');
            s.into_bytes()
        }
        "xlsx" => {
            let list: Vec<zfxxgk_excel::write::SummaryMember> = members
                .iter()
                .map(|(file, c)| zfxxgk_excel::write::SummaryMember {
                    report: &c.report,
                    file,
                    findings: &c.findings,
                })
                .collect();
            zfxxgk_excel::write::summary_workbook(&total.report, &total.findings, &list, lang)?
        }
        other => return Err(WriteFileError::Format(format!(".{other}"), FORMATS)),
    };
    crate::write::write_atomic(path, &bytes, force)
}

/// What `aggregate` prints: what was totalled, which reports have errors (their numbers are
/// included), and the total's own check.
pub fn report_text(
    total: &Checked,
    members: &[(String, Checked)],
    unreadable: &[(String, String)],
    out: &Path,
    lang: Lang,
) -> String {
    let mut s = String::new();
    let files: std::collections::BTreeSet<&str> = members.iter().map(|(p, _)| p.as_str()).collect();
    let name = output::report_name(&total.report, lang);
    match lang {
        Lang::Zh => writeln!(
            s,
            "已把 {} 个文件中的 {} 份报告汇总为“{name}”，写入 {}。",
            files.len(),
            members.len(),
            out.display()
        ),
        Lang::En => writeln!(
            s,
            "Totalled {} report(s) from {} file(s) as “{name}” into {}.",
            members.len(),
            files.len(),
            out.display()
        ),
    }
    .ok();
    let with_errors: Vec<&(String, Checked)> =
        members.iter().filter(|(_, c)| c.errors() > 0).collect();
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
        for (path, c) in with_errors {
            let line = output::headline(
                &output::report_name(&c.report, lang),
                path,
                &output::counts(c, lang),
                lang,
            );
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
    s
}
