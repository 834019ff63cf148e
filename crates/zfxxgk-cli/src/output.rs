//! What `check` prints: text for people, JSON for programs.

use std::collections::BTreeMap;
use std::fmt::Write as _;

use serde::Serialize;
use serde_json::{Value, json};
use zfxxgk_core::{Finding, ImportIssue, Lang, Location, Report, Severity};

use crate::error::InputError;

/// A report read from a file, with every finding of its check.
#[derive(Debug)]
pub struct Checked {
    /// The report.
    pub report: Report,
    /// Every rule finding.
    pub findings: Vec<Finding>,
}

impl Checked {
    /// Errors: rule errors and import issues of error severity.
    pub fn errors(&self) -> usize {
        self.count(Severity::Error)
    }

    /// Warnings.
    pub fn warnings(&self) -> usize {
        self.count(Severity::Warning)
    }

    fn count(&self, s: Severity) -> usize {
        self.findings.iter().filter(|f| f.severity == s).count()
            + self
                .report
                .issues
                .iter()
                .filter(|i| i.severity == s)
                .count()
    }
}

/// The outcome of one input file.
#[derive(Debug)]
pub struct FileOutcome {
    /// The path as given or found.
    pub path: String,
    /// The reports read and checked, or why the file could not be read.
    pub result: Result<Vec<Checked>, InputError>,
    /// A digest of the file's bytes (0 when not read).
    pub digest: u64,
    /// The file is a summary this tool wrote: skipped, not an agency's report.
    pub own_summary: bool,
}

impl FileOutcome {
    /// The outcome of a path `expand` met and did not read.
    pub fn skipped(s: &crate::input::Skipped) -> FileOutcome {
        let (path, e) = s.error();
        FileOutcome {
            path,
            result: Err(e),
            digest: 0,
            own_summary: false,
        }
    }
}

impl crate::batch::Isolated<std::path::PathBuf> for FileOutcome {
    fn panicked(path: &std::path::PathBuf) -> FileOutcome {
        FileOutcome {
            path: path.display().to_string(),
            result: Err(InputError::Panicked),
            digest: 0,
            own_summary: false,
        }
    }

    /// A file's reports checked: what waits for its turn is bounded in reports, not files.
    fn weight(&self) -> usize {
        self.result.as_ref().map_or(1, |r| r.len().max(1))
    }
}

/// Totals over a batch.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Summary {
    /// Files given.
    pub files: usize,
    /// Reports read.
    pub reports: usize,
    /// Reports with at least one error.
    pub with_errors: usize,
    /// Reports with warnings but no error.
    pub with_warnings: usize,
    /// Reports with no finding.
    pub clean: usize,
    /// Files that could not be read.
    pub unreadable: usize,
    /// Paths met and not read: folders that cannot be opened, links, named pipes, devices (not
    /// counted among the files).
    pub skipped: usize,
    /// Of those, the ones whose content went unread (all but a folder read once already).
    pub skipped_unread: usize,
}

impl Summary {
    /// Adds the outcome of one file.
    pub fn add(&mut self, o: &FileOutcome) {
        if let Err(InputError::Skipped(s)) = &o.result {
            self.skipped += 1;
            self.skipped_unread += usize::from(s.loses_input());
            return;
        }
        self.files += 1;
        match &o.result {
            Err(_) => self.unreadable += 1,
            Ok(reports) => {
                for c in reports {
                    self.reports += 1;
                    if c.errors() > 0 {
                        self.with_errors += 1;
                    } else if c.warnings() > 0 {
                        self.with_warnings += 1;
                    } else {
                        self.clean += 1;
                    }
                }
            }
        }
    }

    /// The summary as JSON.
    pub fn to_json(&self) -> Value {
        let mut v = json!({
            "files": self.files, "reports": self.reports, "with_errors": self.with_errors,
            "with_warnings": self.with_warnings, "clean": self.clean, "unreadable": self.unreadable,
        });
        if self.skipped > 0 {
            v["skipped"] = json!(self.skipped);
        }
        v
    }

    /// The exit status of `check`: 2 if a file was unreadable (or a path went unread), 1 if a
    /// report has errors, else 0.
    pub fn exit_code(&self) -> i32 {
        if self.unreadable > 0 || self.skipped_unread > 0 {
            2
        } else if self.with_errors > 0 {
            1
        } else {
            0
        }
    }

    /// The closing line.
    pub fn line(&self, lang: Lang) -> String {
        match lang {
            Lang::Zh => {
                let mut s = format!(
                    "共 {} 个文件、{} 份报告：{} 份有错误，{} 份仅有提醒，{} 份无误",
                    self.files, self.reports, self.with_errors, self.with_warnings, self.clean
                );
                if self.unreadable > 0 {
                    write!(s, "；{} 个文件无法读取", self.unreadable).ok();
                }
                if self.skipped > 0 {
                    write!(s, "；跳过 {} 个路径（见上）", self.skipped).ok();
                }
                s.push('。');
                s
            }
            Lang::En => {
                let mut s = format!(
                    "{} file(s), {} report(s): {} with errors, {} with warnings only, {} clean",
                    self.files, self.reports, self.with_errors, self.with_warnings, self.clean
                );
                if self.unreadable > 0 {
                    write!(s, "; {} file(s) could not be read", self.unreadable).ok();
                }
                if self.skipped > 0 {
                    write!(s, "; {} path(s) skipped (see above)", self.skipped).ok();
                }
                s.push('.');
                s
            }
        }
    }
}

/// The heading naming a report: `义马市交通运输局 2024 年度报告`.
pub fn report_name(report: &Report, lang: Lang) -> String {
    let agency = if report.agency.trim().is_empty() {
        match lang {
            Lang::Zh => "（未填机关名称）",
            Lang::En => "(no agency)",
        }
    } else {
        report.agency.trim()
    };
    let agency = shown(agency);
    match (report.year, lang) {
        (Some(y), Lang::Zh) => format!("{agency} {y} 年度报告"),
        (None, Lang::Zh) => format!("{agency}（未填年度）"),
        (Some(y), Lang::En) => format!("{agency}, report for {y}"),
        (None, Lang::En) => format!("{agency} (no year)"),
    }
}

/// `名称（路径）：结果` in Chinese, `name (path): result` in English.
pub fn headline(name: &str, path: &str, result: &str, lang: Lang) -> String {
    let (name, path) = (shown(name), shown(path));
    match lang {
        Lang::Zh => format!("{name}（{path}）：{result}"),
        Lang::En => format!("{name} ({path}): {result}"),
    }
}

/// `路径：说明` in Chinese, `path: note` in English.
pub fn headline_plain(path: &str, note: &str, lang: Lang) -> String {
    let (path, note) = (shown(path), shown(note));
    match lang {
        Lang::Zh => format!("{path}：{note}"),
        Lang::En => format!("{path}: {note}"),
    }
}

/// `路径：无法读取：原因` in Chinese, `path: unreadable: why` in English; `label` is (zh, en).
pub fn unreadable(path: &str, label: (&str, &str), why: &str, lang: Lang) -> String {
    let (path, why) = (shown(path), shown(why));
    match lang {
        Lang::Zh => format!("{path}：{}：{why}", label.0),
        Lang::En => format!("{path}: {}: {why}", label.1),
    }
}

/// The per-report result line: `无误` / `2 个错误，1 个提醒`.
pub fn counts(c: &Checked, lang: Lang) -> String {
    let (e, w) = (c.errors(), c.warnings());
    let counts: String = match lang {
        Lang::Zh if e == 0 && w == 0 => "无误".into(),
        Lang::Zh => format!("{e} 个错误，{w} 个提醒"),
        Lang::En if e == 0 && w == 0 => "ok".into(),
        Lang::En => format!("{e} error(s), {w} warning(s)"),
    };
    match (c.report.uncertain(), lang) {
        (false, _) => counts,
        (true, Lang::Zh) => format!("{counts}；导入有不确定之处，请对照原文核对"),
        (true, Lang::En) => {
            format!("{counts}; the import is uncertain, check against the original")
        }
    }
}

/// Locations, compactly: `工作表“表三”C7、D7；第 5 行`.
fn locations_text(locs: &[&Location], lang: Lang) -> String {
    let mut by_sheet: Vec<(String, Vec<String>)> = Vec::new();
    let mut lines = Vec::new();
    let mut others = Vec::new();
    for loc in locs {
        match loc {
            Location::Cell { sheet, row, col } => {
                let cell = zfxxgk_core::report::a1(*row, *col);
                match by_sheet.iter_mut().find(|(s, _)| s.as_str() == &**sheet) {
                    Some((_, cells)) => cells.push(cell),
                    None => by_sheet.push((sheet.to_string(), vec![cell])),
                }
            }
            Location::Line(n) => lines.push(n.to_string()),
            other => others.push(other.describe(lang)),
        }
    }
    let mut parts = Vec::new();
    for (sheet, cells) in by_sheet {
        parts.push(match lang {
            Lang::Zh => format!("工作表“{sheet}”{}", cells.join("、")),
            Lang::En => format!("sheet “{sheet}” {}", cells.join(", ")),
        });
    }
    if !lines.is_empty() {
        parts.push(match lang {
            Lang::Zh => format!("第 {} 行", lines.join("、")),
            Lang::En => format!("line {}", lines.join(", ")),
        });
    }
    parts.extend(others);
    parts.join(if lang == Lang::Zh { "；" } else { "; " })
}

/// One line of text output.
struct Line<'a> {
    severity: Severity,
    code: &'a str,
    group: usize, // 0 metadata and import, 1.. tables in order
    message: String,
    where_: String,
}

/// How many VALUE-MISSING cells a table's summary line names before "等".
const MISSING_NAMED: usize = 6;

/// Text output for one report.
pub fn report_text(path: &str, c: &Checked, lang: Lang, out: &mut String) {
    let layout = c.report.layout();
    writeln!(
        out,
        "{}",
        headline(&report_name(&c.report, lang), path, &counts(c, lang), lang)
    )
    .ok();
    let mut lines: Vec<Line> = Vec::new();
    let group_of = |table: Option<&str>| {
        table
            .and_then(|t| layout.tables.iter().position(|x| x.id == t))
            .map_or(0, |i| i + 1)
    };
    for issue in &c.report.issues {
        lines.push(issue_line(issue, lang, &group_of));
    }
    // VALUE-MISSING is summarised per table: a sheet of "/" would otherwise print 175 lines.
    let mut missing: BTreeMap<usize, Vec<&Finding>> = BTreeMap::new();
    for f in &c.findings {
        if f.code == zfxxgk_core::Code::ValueMissing {
            missing
                .entry(group_of(f.table.map(|t| t.id)))
                .or_default()
                .push(f);
            continue;
        }
        let locs: Vec<&Location> = f
            .text_location
            .iter()
            .chain(f.locations.iter().flatten())
            .collect();
        lines.push(Line {
            severity: f.severity,
            code: f.code.as_str(),
            group: group_of(f.table.map(|t| t.id)),
            message: f.message(lang),
            where_: locations_text(&locs, lang),
        });
    }
    for (group, fs) in missing {
        let message = if fs.len() == 1 {
            fs[0].message(lang)
        } else {
            let table = fs[0]
                .table
                .map(|t| if lang == Lang::Zh { t.short } else { t.en })
                .unwrap_or("");
            let named: Vec<String> = fs
                .iter()
                .take(MISSING_NAMED)
                .map(|f| f.cells[0].describe(lang))
                .collect();
            let more = fs.len() > MISSING_NAMED;
            match lang {
                Lang::Zh => format!(
                    "{table}有 {} 个单元格为空白或占位符（{}{}），合计时按 0 计；没有发生请填 0。",
                    fs.len(),
                    named.join("、"),
                    if more { " 等" } else { "" }
                ),
                Lang::En => format!(
                    "{table}: {} cells are blank or placeholders ({}{}); counted as 0 in sums (write 0 for none).",
                    fs.len(),
                    named.join("; "),
                    if more { " …" } else { "" }
                ),
            }
        };
        let locs: Vec<&Location> = fs
            .iter()
            .flat_map(|f| f.locations.iter().flatten())
            .take(MISSING_NAMED)
            .collect();
        lines.push(Line {
            severity: Severity::Warning,
            code: "VALUE-MISSING",
            group,
            message,
            where_: locations_text(&locs, lang),
        });
    }
    // Errors before warnings, each grouped by table in printed order.
    lines.sort_by_key(|l| (l.severity, l.group));
    let mut current: Option<(Severity, usize)> = None;
    for l in &lines {
        if current != Some((l.severity, l.group)) {
            current = Some((l.severity, l.group));
            let title = match l.group {
                0 => match lang {
                    Lang::Zh => "基本信息、结构与读取".to_string(),
                    Lang::En => "Metadata, structure and reading".to_string(),
                },
                g => {
                    let t = &layout.tables[g - 1];
                    let s = t.section(layout);
                    match lang {
                        Lang::Zh => format!("{} {}", t.short, s.heading),
                        Lang::En => format!("{} {}", t.en, s.en),
                    }
                }
            };
            writeln!(out, "  {}｜{title}", l.severity.label(lang)).ok();
        }
        writeln!(out, "    {} {}", l.code, shown(&l.message)).ok();
        if !l.where_.is_empty() {
            let label = if lang == Lang::Zh {
                "位置："
            } else {
                "at: "
            };
            writeln!(out, "      {label}{}", shown(&l.where_)).ok();
        }
    }
    // Notes, one line per cell (a cell may have been normalised for several reasons).
    let mut cells: Vec<(&Option<Location>, &str, &str, Vec<String>)> = Vec::new();
    for note in &c.report.notes {
        match cells.last_mut() {
            Some((loc, seen, read, reasons))
                if *loc == &note.location && *seen == note.seen && *read == note.read =>
            {
                reasons.push(note.reason_text(lang));
            }
            _ => cells.push((
                &note.location,
                &note.seen,
                &note.read,
                vec![note.reason_text(lang)],
            )),
        }
    }
    if !cells.is_empty() {
        let n = cells.len();
        match lang {
            Lang::Zh => writeln!(out, "  读取时规范了 {n} 个单元格的写法：").ok(),
            Lang::En => writeln!(out, "  {n} cell(s) normalised on reading:").ok(),
        };
        const SHOWN: usize = 10;
        for (loc, seen, read, reasons) in cells.iter().take(SHOWN) {
            let at = loc.as_ref().map(|l| l.describe(lang)).unwrap_or_default();
            let sentence = zfxxgk_core::Note::sentence(seen, read, reasons, lang);
            writeln!(out, "    {} {}", shown(&at), shown(&sentence)).ok();
        }
        if n > SHOWN {
            match lang {
                Lang::Zh => {
                    writeln!(out, "    ……另有 {} 个（--format json 可看全部）", n - SHOWN).ok()
                }
                Lang::En => writeln!(out, "    … and {} more (see --format json)", n - SHOWN).ok(),
            };
        }
    }
}

fn issue_line<'a>(
    issue: &'a ImportIssue,
    lang: Lang,
    group_of: &dyn Fn(Option<&str>) -> usize,
) -> Line<'a> {
    let table = issue.cells.first().and_then(|id| id.split('.').next());
    Line {
        severity: issue.severity,
        code: issue.code,
        group: group_of(table),
        message: issue.message(lang).to_string(),
        where_: issue
            .location
            .as_ref()
            .map(|l| locations_text(&[l], lang))
            .unwrap_or_default(),
    }
}

/// The text output of one file: a line per report (with every finding grouped by table when
/// `details`), or the reason it could not be read.
pub fn outcome_text(o: &FileOutcome, lang: Lang, details: bool) -> String {
    let mut out = String::new();
    if o.own_summary {
        let why = match lang {
            Lang::Zh => "本工具写出的汇总表，不是单位的报告，已跳过",
            Lang::En => "a summary written by this tool, not an agency's report; skipped",
        };
        writeln!(out, "{}", headline_plain(&o.path, why, lang)).ok();
        return out;
    }
    match &o.result {
        Ok(reports) => {
            for c in reports {
                if details {
                    report_text(&o.path, c, lang, &mut out);
                } else {
                    writeln!(
                        out,
                        "{}",
                        headline(
                            &report_name(&c.report, lang),
                            &o.path,
                            &counts(c, lang),
                            lang
                        )
                    )
                    .ok();
                }
            }
        }
        Err(InputError::Skipped(s)) => {
            let label = match lang {
                Lang::Zh => "跳过",
                Lang::En => "skipped",
            };
            writeln!(
                out,
                "{}",
                unreadable(&o.path, (label, label), &s.message(lang), lang)
            )
            .ok();
        }
        Err(e) => {
            writeln!(
                out,
                "{}",
                unreadable(&o.path, ("无法读取", "unreadable"), &e.message(lang), lang)
            )
            .ok();
        }
    }
    out
}

/// A location as the JSON contract writes it (`{"sheet", "cell"}`, `{"line"}`, …).
struct Loc<'a>(&'a Location);

impl Serialize for Loc<'_> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeMap as _;
        let mut m = s.serialize_map(None)?;
        match self.0 {
            Location::Cell { sheet, row, col } => {
                m.serialize_entry("sheet", &**sheet)?;
                m.serialize_entry("cell", &zfxxgk_core::report::a1(*row, *col))?;
            }
            Location::Line(n) => m.serialize_entry("line", n)?,
            Location::TableCell { table, row, col } => {
                m.serialize_entry("table", table)?;
                m.serialize_entry("row", row)?;
                m.serialize_entry("column", col)?;
            }
            Location::Page { page, line } => {
                m.serialize_entry("page", page)?;
                m.serialize_entry("line", line)?;
            }
            Location::Paragraph(n) => m.serialize_entry("paragraph", n)?,
        }
        m.end()
    }
}

/// A decimal as a JSON number written exactly (`0.35`, not a float).
struct Dec(rust_decimal::Decimal);

impl Serialize for Dec {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match self.0.to_string().parse::<serde_json::Number>() {
            Ok(n) => n.serialize(s),
            Err(_) => s.serialize_none(),
        }
    }
}

/// A value of a finding: `null` when blank, a number, or the text of anything else.
struct Val<'a>(&'a zfxxgk_core::CellValue);

impl Serialize for Val<'_> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match self.0 {
            zfxxgk_core::CellValue::Blank => s.serialize_none(),
            zfxxgk_core::CellValue::Number(d) => Dec(*d).serialize(s),
            other => s.serialize_str(&other.to_string()),
        }
    }
}

/// One finding in the JSON contract.
#[derive(Serialize)]
struct FindingJson<'a> {
    code: &'a str,
    severity: &'a str,
    message: String,
    cells: Vec<&'static str>,
    values: Vec<Val<'a>>,
    difference: Option<Dec>,
    locations: Vec<Loc<'a>>,
}

impl<'a> FindingJson<'a> {
    fn of(f: &'a Finding, lang: Lang) -> FindingJson<'a> {
        FindingJson {
            code: f.code.as_str(),
            severity: f.severity.as_str(),
            message: f.message(lang),
            cells: f.cell_ids(),
            values: f.values.iter().map(Val).collect(),
            difference: f.difference.map(Dec),
            locations: f
                .text_location
                .iter()
                .chain(f.locations.iter().flatten())
                .map(Loc)
                .collect(),
        }
    }
}

/// An import issue, written as a finding.
#[derive(Serialize)]
struct IssueJson<'a> {
    code: &'a str,
    severity: &'a str,
    message: &'a str,
    cells: &'a [&'static str],
    locations: Vec<Loc<'a>>,
}

/// The findings of a report: its import issues, then the rules' findings.
#[derive(Serialize)]
#[serde(untagged)]
enum AnyFinding<'a> {
    Issue(IssueJson<'a>),
    Rule(FindingJson<'a>),
}

/// A normalisation the reader made.
#[derive(Serialize)]
struct NoteJson<'a> {
    cell: Option<&'static str>,
    location: Option<Loc<'a>>,
    seen: &'a str,
    read: &'a str,
    message: String,
}

/// A number of the narrative compared with the tables.
#[derive(Serialize)]
struct ClaimJson {
    section: &'static str,
    sentence: String,
    written: String,
    value: Dec,
    agrees_with: Option<Vec<&'static str>>,
    location: Option<LocOwned>,
}

/// A location owned by what is written.
struct LocOwned(Location);

impl Serialize for LocOwned {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        Loc(&self.0).serialize(s)
    }
}

/// One report of a file in the JSON contract.
#[derive(Serialize)]
struct ReportJson<'a> {
    path: &'a str,
    agency: &'a str,
    /// Where the agency's name was read (`表格标题`, `文件名` …), if it was read.
    agency_from: Option<String>,
    year: Option<i32>,
    edition: &'a str,
    errors: usize,
    warnings: usize,
    uncertain: bool,
    findings: Vec<AnyFinding<'a>>,
    notes: Vec<NoteJson<'a>>,
    narrative: Vec<ClaimJson>,
}

/// The JSON of one finding.
pub fn finding_json(f: &Finding, lang: Lang) -> Value {
    serde_json::to_value(FindingJson::of(f, lang)).unwrap_or(Value::Null)
}

/// Every number of the narrative that was compared with the tables, with the cells it agrees
/// with (`null` when none does: that claim is a `TEXT-*` finding). A claim that could mean several
/// quantities names the one that matched.
fn narrative_json(report: &Report) -> Vec<ClaimJson> {
    zfxxgk_core::rules::narrative_checks(report)
        .into_iter()
        .map(|n| ClaimJson {
            section: n.section,
            sentence: n.claim.sentence,
            written: n.claim.written,
            value: Dec(n.claim.value),
            agrees_with: n.agrees_with,
            location: n.location.map(LocOwned),
        })
        .collect()
}

/// The JSON entries of one file (the contract in design.md), each serialised on one line: one
/// per report, or the error. A path `expand` skipped has `"skipped"` (a code:
/// `folder-unreadable`, `not-a-regular-file`, `broken-link`, `link-unreadable`, `folder-seen`)
/// and its `"error"`, or, for a folder read already (nothing lost), a `"message"`. Written
/// straight from the reports, without a tree of values in between.
pub fn outcome_json(o: &FileOutcome, lang: Lang) -> Vec<String> {
    let line = |v: Value| serde_json::to_string(&v).unwrap_or_default();
    if o.own_summary {
        return vec![line(json!({ "path": o.path, "skipped": "own-summary" }))];
    }
    let list = match &o.result {
        Err(InputError::Skipped(s)) if !s.loses_input() => {
            return vec![line(
                json!({ "path": o.path, "skipped": s.code(), "message": s.message(lang) }),
            )];
        }
        Err(InputError::Skipped(s)) => {
            return vec![line(
                json!({ "path": o.path, "skipped": s.code(), "error": s.message(lang) }),
            )];
        }
        Err(e) => return vec![line(json!({ "path": o.path, "error": e.message(lang) }))],
        Ok(list) => list,
    };
    list.iter()
        .map(|c| {
            let findings = c
                .report
                .issues
                .iter()
                .map(|i| {
                    AnyFinding::Issue(IssueJson {
                        code: i.code,
                        severity: i.severity.as_str(),
                        message: i.message(lang),
                        cells: &i.cells,
                        locations: i.location.iter().map(Loc).collect(),
                    })
                })
                .chain(
                    c.findings
                        .iter()
                        .map(|f| AnyFinding::Rule(FindingJson::of(f, lang))),
                )
                .collect();
            let notes = c
                .report
                .notes
                .iter()
                .map(|n| NoteJson {
                    cell: n.cell,
                    location: n.location.as_ref().map(Loc),
                    seen: &n.seen,
                    read: &n.read,
                    message: n.message(lang),
                })
                .collect();
            let entry = ReportJson {
                path: &o.path,
                agency: &c.report.agency,
                agency_from: c.report.agency_from.as_ref().map(|a| a.describe(lang)),
                year: c.report.year,
                edition: c.report.edition.as_str(),
                errors: c.errors(),
                warnings: c.warnings(),
                uncertain: c.report.uncertain(),
                findings,
                notes,
                narrative: narrative_json(&c.report),
            };
            serde_json::to_string(&entry).unwrap_or_default()
        })
        .collect()
}

/// The catalog of codes as `zfxxgk rules` prints it: a heading per family, one line per code
/// with its severity and meaning.
pub fn rules_text(selection: &zfxxgk_core::rules::Selection, lang: Lang) -> String {
    use zfxxgk_core::rules::{Group, ISSUES, RULES};
    let mut out = String::new();
    for group in Group::ALL {
        let mut lines: Vec<(&str, Severity, &str)> = RULES
            .iter()
            .filter(|r| r.group == group)
            .map(|r| {
                let text = if lang == Lang::Zh {
                    r.rule_zh
                } else {
                    r.rule_en
                };
                (r.id, r.severity, text)
            })
            .collect();
        lines.extend(ISSUES.iter().filter(|i| i.group == group).map(|i| {
            let text = if lang == Lang::Zh { i.zh } else { i.en };
            (i.id, i.severity, text)
        }));
        lines.retain(|(id, _, _)| selection.allows(id));
        if lines.is_empty() {
            continue;
        }
        let (zh, en) = group.title();
        writeln!(out, "{}", if lang == Lang::Zh { zh } else { en }).ok();
        for (id, severity, text) in lines {
            writeln!(out, "  {id:<22} {:<8} {text}", severity.label(lang)).ok();
        }
        out.push('\n');
    }
    out
}

/// Text from outside (a file name, an agency, a cell's text, a message quoting one) made safe to
/// print on a terminal on one line: control characters (escape sequences, BEL, CR, a newline,
/// the C1 controls) are shown as `\x1b`, `\n`, `\u{9b}`, and the characters that reorder text
/// (bidirectional overrides such as U+202E) and separate lines as `\u{202e}`. Everything else,
/// a backslash too, is kept. The JSON output is exact instead (serde escapes what JSON needs).
pub fn shown(text: &str) -> std::borrow::Cow<'_, str> {
    escape(text, false)
}

/// Whether a character is shown escaped in text output.
fn unsafe_char(c: char) -> bool {
    c.is_control()
        || matches!(c,
            '\u{061c}' | '\u{200e}' | '\u{200f}' | '\u{2028}' | '\u{2029}'
            | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
}

fn escape(text: &str, keep_newlines: bool) -> std::borrow::Cow<'_, str> {
    let keep = |c: char| !unsafe_char(c) || (keep_newlines && matches!(c, '\n' | '\t'));
    if text.chars().all(keep) {
        return text.into();
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        match c {
            c if keep(c) => out.push(c),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if (c as u32) < 0x80 => {
                write!(out, "\\x{:02x}", c as u32).ok();
            }
            c => {
                write!(out, "\\u{{{:x}}}", c as u32).ok();
            }
        }
    }
    out.into()
}

/// A writer for text meant for people: whatever passes through has its control characters
/// escaped as [`shown`] does, newlines and tabs (the layout) kept. The last safeguard for text
/// that quotes a file's content or name from anywhere; the renderings escape names and
/// messages themselves too, so that a newline in a file name does not break a line. Off
/// (`active == false`) for JSON, which serde escapes exactly.
pub struct Terminal<'a> {
    inner: &'a mut dyn std::io::Write,
    active: bool,
    /// The start of a character split between two writes.
    pending: Vec<u8>,
}

impl std::fmt::Debug for Terminal<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Terminal")
            .field("active", &self.active)
            .finish_non_exhaustive()
    }
}

impl<'a> Terminal<'a> {
    /// Wraps a stream; `active` says whether it carries text for people.
    pub fn new(inner: &'a mut dyn std::io::Write, active: bool) -> Terminal<'a> {
        Terminal {
            inner,
            active,
            pending: Vec::new(),
        }
    }

    fn put(&mut self, text: &str) -> std::io::Result<()> {
        self.inner.write_all(escape(text, true).as_bytes())
    }
}

impl std::io::Write for Terminal<'_> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        if !self.active {
            return self.inner.write(buf);
        }
        let mut bytes = std::mem::take(&mut self.pending);
        bytes.extend_from_slice(buf);
        let mut rest = bytes.as_slice();
        loop {
            match std::str::from_utf8(rest) {
                Ok(text) => {
                    self.put(text)?;
                    break;
                }
                Err(e) => {
                    let (good, bad) = rest.split_at(e.valid_up_to());
                    self.put(std::str::from_utf8(good).unwrap_or_default())?;
                    match e.error_len() {
                        // Invalid bytes are shown as U+FFFD, never passed on raw.
                        Some(n) => {
                            self.put("\u{fffd}")?;
                            rest = &bad[n..];
                        }
                        None => {
                            self.pending = bad.to_vec();
                            break;
                        }
                    }
                }
            }
        }
        Ok(buf.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        self.inner.flush()
    }
}

impl Drop for Terminal<'_> {
    fn drop(&mut self) {
        if !self.pending.is_empty() {
            let _ = self.inner.write_all("\u{fffd}".as_bytes());
        }
    }
}

#[cfg(test)]
mod tests {
    use std::io::Write as _;

    #[test]
    fn control_characters_are_shown_escaped() {
        let cases = [
            ("义马市交通运输局", "义马市交通运输局"),
            ("a\u{1b}]0;title\u{7}b", "a\\x1b]0;title\\x07b"),
            ("a\nb\rc\td", "a\\nb\\rc\\td"),
            ("\u{9b}2J", "\\u{9b}2J"),
            ("abc\u{202e}fdp.exe", "abc\\u{202e}fdp.exe"),
            ("\u{7f}", "\\x7f"),
            ("C:\\报告\\a.xlsx", "C:\\报告\\a.xlsx"),
        ];
        for (text, want) in cases {
            assert_eq!(super::shown(text), want, "{text:?}");
        }
    }

    #[test]
    fn the_terminal_writer_keeps_the_layout_and_escapes_the_rest() {
        let mut out = Vec::new();
        {
            let mut t = super::Terminal::new(&mut out, true);
            write!(t, "一\u{1b}[2J\n二\u{7}\t三\n").unwrap();
            // A character split between two writes.
            let bytes = "四\u{202e}".as_bytes();
            t.write_all(&bytes[..2]).unwrap();
            t.write_all(&bytes[2..]).unwrap();
            t.write_all(b"\xff\n").unwrap();
        }
        assert_eq!(
            String::from_utf8(out).unwrap(),
            "一\\x1b[2J\n二\\x07\t三\n四\\u{202e}\u{fffd}\n"
        );
        let mut raw = Vec::new();
        super::Terminal::new(&mut raw, false)
            .write_all("{\"a\": \"\u{202e}\"}".as_bytes())
            .unwrap();
        assert_eq!(String::from_utf8(raw).unwrap(), "{\"a\": \"\u{202e}\"}");
    }
}
