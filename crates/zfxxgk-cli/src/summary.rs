//! What `aggregate` writes and says: JSON (the total, its findings, the members), a tidy long
//! CSV (every member's cells, then the total's, with a `file` column), or the summary workbook.

use std::fmt::Write as _;
use std::path::Path;

use serde_json::json;
use zfxxgk_core::Lang;

use crate::formats;
use crate::output::{self, Checked};
use crate::round::Listed;
use crate::write::WriteFileError;

/// Output formats of `aggregate`, by extension.
pub const FORMATS: &str = ".xlsx .json .csv";

/// Writes the summary file, in the format the output's extension names, atomically.
pub fn write(
    total: &Checked,
    members: &[(String, Checked)],
    files: &[Listed],
    date: Option<&str>,
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
            crate::write::write_atomic_with(path, force, |w| {
                formats::csv::write_with_files(w, rows)
            })?;
            // The file list beside it: a tidy CSV has no room for a second table.
            let list = file_list_path(path);
            return crate::write::write_atomic(&list, file_list_csv(files, lang).as_bytes(), force);
        }
        "json" => {
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
            let info = zfxxgk_excel::write::SummaryInfo {
                date: date.map(str::to_string),
                files: files
                    .iter()
                    .map(|f| zfxxgk_excel::write::SummaryFile {
                        file: f.file.clone(),
                        agency: f.agency.clone(),
                        year: f.year,
                        included: f.included,
                        status: f.status(lang).to_string(),
                        reason: f.reason(lang).to_string(),
                    })
                    .collect(),
            };
            zfxxgk_excel::write::summary_workbook_with(
                &total.report,
                &total.findings,
                &list,
                &info,
                lang,
            )?
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

/// The file list written beside a CSV summary: `汇总.csv` → `汇总.文件清单.csv`.
pub fn file_list_path(path: &Path) -> std::path::PathBuf {
    let stem = path
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    path.with_file_name(format!("{stem}.文件清单.csv"))
}

/// The 文件清单 as CSV: one row per file (and per roster agency that sent none).
pub fn file_list_csv(files: &[Listed], lang: Lang) -> String {
    let mut w = csv::Writer::from_writer(Vec::new());
    let header = match lang {
        Lang::Zh => ["序号", "文件", "单位", "年度", "状态", "说明"],
        Lang::En => ["no", "file", "agency", "year", "status", "reason"],
    };
    let _ = w.write_record(header);
    for (i, f) in files.iter().enumerate() {
        let year = f.year.map(|y| y.to_string()).unwrap_or_default();
        let _ = w.write_record([
            (i + 1).to_string().as_str(),
            f.file.as_str(),
            f.agency.as_str(),
            year.as_str(),
            f.status(lang),
            f.reason(lang),
        ]);
    }
    let bytes = w.into_inner().unwrap_or_default();
    let mut out = String::from("\u{feff}");
    out.push_str(&String::from_utf8_lossy(&bytes));
    out
}
