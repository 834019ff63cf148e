//! The collection round as `check DIR` and `aggregate` report it: the roster read from CSV or a
//! workbook, and what the core's [`zfxxgk_core::round`] found, as text and JSON. What the round
//! keeps of each report in memory is a fixed-size record (16 bytes); the names of the files and
//! agencies, and the files' digests, are on disk ([`RoundFiles`]'s [`Spill`] for `check`, the store's records for
//! `aggregate`) and read back for what the round compares or prints.

use std::borrow::Cow;
use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::path::Path;

use serde_json::{Value, json};
use zfxxgk_core::round::{Matched, Roster, Round, SameKey, Submissions, roster_from_rows};
use zfxxgk_core::{Edition, Lang};

use crate::input::MAX_FILE_BYTES;
use crate::spill::{Spill, SpillError, Spilled};
use crate::summary::{At, Head, Member, Reader};

/// A roster that could not be read, in both languages.
#[derive(Debug, Clone)]
pub struct RosterReadError {
    /// Chinese.
    pub zh: String,
    /// English.
    pub en: String,
}

impl RosterReadError {
    /// The message in the given language.
    pub fn get(&self, lang: Lang) -> &str {
        match lang {
            Lang::Zh => &self.zh,
            Lang::En => &self.en,
        }
    }
}

/// Reads a roster: CSV (UTF-8 with or without BOM, or GBK as Excel on Chinese Windows writes it),
/// or the first sheet of a workbook (.xlsx .xls .ods).
/// The unreadable files whose names name a roster entry (or one of its aliases).
fn unreadable_of<'a>(
    entry: &'a zfxxgk_core::round::RosterEntry,
    unreadable: &'a [String],
) -> impl Iterator<Item = &'a String> + 'a {
    unreadable.iter().filter(move |file| {
        let stem = Path::new(file.as_str())
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_default();
        zfxxgk_core::import::agency_from_file_name(&stem).is_some_and(|(named, _)| {
            std::iter::once(&entry.name)
                .chain(&entry.aliases)
                .any(|n| zfxxgk_core::outline::same_agency(n, &named))
        })
    })
}

/// More lines than any roster has (a province has a few thousand agencies): empty lines are not
/// padded beyond it.
const MAX_ROSTER_LINES: usize = 1_000_000;

pub fn read_roster(path: &Path) -> Result<Roster, RosterReadError> {
    let shown = path.display().to_string();
    let fail = |zh: String, en: String| RosterReadError {
        zh: format!("应报单位名单 {shown}：{zh}"),
        en: format!("roster {shown}: {en}"),
    };
    let size = std::fs::metadata(path)
        .map_err(|e| fail(format!("无法读取（{e}）"), format!("cannot be read ({e})")))?
        .len();
    if size > MAX_FILE_BYTES {
        return Err(fail(
            format!("文件过大（{size} 字节）"),
            format!("too large ({size} bytes)"),
        ));
    }
    let bytes = std::fs::read(path)
        .map_err(|e| fail(format!("无法读取（{e}）"), format!("cannot be read ({e})")))?;
    // A zip or an OLE file is meant as a workbook even when it is damaged.
    let workbook = zfxxgk_excel::read::sniff(&bytes).is_some()
        || bytes.starts_with(b"PK")
        || bytes.starts_with(&[0xD0, 0xCF, 0x11, 0xE0]);
    let rows: Vec<Vec<String>> = if workbook {
        zfxxgk_excel::read::read_rows(&bytes, &zfxxgk_excel::read::ReadOptions::default())
            .map_err(|e| fail(e.message(Lang::Zh), e.message(Lang::En)))?
    } else {
        let text = crate::input::decode(&bytes)
            .filter(|t| !t.chars().any(|c| c.is_control() && !c.is_whitespace()))
            .ok_or_else(|| {
                fail(
                    "不是文本或表格文件（请用 CSV 或 Excel 保存名单）".into(),
                    "neither text nor a workbook (save the roster as CSV or Excel)".into(),
                )
            })?;
        let mut reader = csv::ReaderBuilder::new()
            .has_headers(false)
            .flexible(true)
            .from_reader(text.as_bytes());
        let mut rows = Vec::new();
        for record in reader.records() {
            let record = record.map_err(|e| {
                fail(
                    format!("CSV 格式有误（{e}）"),
                    format!("malformed CSV ({e})"),
                )
            })?;
            // The csv reader passes empty lines over: padded back, so that a row's index is its
            // line (messages name the roster's lines).
            let line = record.position().map_or(rows.len() + 1, |p| {
                usize::try_from(p.line()).unwrap_or(usize::MAX)
            });
            while rows.len() + 1 < line && rows.len() < MAX_ROSTER_LINES {
                rows.push(Vec::new());
            }
            rows.push(record.iter().map(str::to_string).collect());
        }
        rows
    };
    roster_from_rows(&rows).map_err(|e| fail(e.message(Lang::Zh), e.message(Lang::En)))
}

/// The reports of a round as the command line prints it: the core's [`Submissions`] with the
/// names read back from where they are kept (a [`Spill`] for `check`, the store for
/// `aggregate`; an error reading them is an I/O error), and whether each name came from the
/// file's name.
pub trait RoundReports: Submissions<Error = std::io::Error> {
    /// Whether report `i`'s agency name was taken from its file's name.
    fn named_by_file(&self, i: usize) -> bool;

    /// Report `i`'s file and agency, read at once.
    fn names(&mut self, i: usize) -> std::io::Result<(String, String)>;
}

/// Everything the round section needs besides the reports and the core's [`Round`].
#[derive(Debug, Default)]
pub struct RoundInput<'a> {
    /// The roster, if given.
    pub roster: Option<&'a Roster>,
    /// Our own summary workbooks found among the inputs (skipped).
    pub own_summaries: Vec<String>,
    /// Files that could not be read.
    pub unreadable: Vec<String>,
}

/// The files of reports `idx`, read back.
fn files_of<R: RoundReports + ?Sized>(
    reports: &mut R,
    idx: &[usize],
) -> std::io::Result<Vec<String>> {
    idx.iter().map(|&i| reports.file(i)).collect()
}

/// The files of reports `idx`, read back and joined with `sep`.
fn names<R: RoundReports + ?Sized>(
    reports: &mut R,
    idx: &[usize],
    sep: &str,
) -> std::io::Result<String> {
    Ok(files_of(reports, idx)?.join(sep))
}

/// The reports of year `year`, in order: found again when they are listed (the round counts
/// them).
fn of_year<R: RoundReports + ?Sized>(reports: &R, year: Option<i32>) -> Vec<usize> {
    (0..reports.count())
        .filter(|&i| reports.year(i) == year)
        .collect()
}

/// The round as text: one line per kind of problem, every file and agency named.
pub fn round_text<R: RoundReports + ?Sized>(
    reports: &mut R,
    input: &RoundInput,
    round: &Round,
    lang: Lang,
) -> std::io::Result<String> {
    let zh = lang == Lang::Zh;
    let sep = if zh { "、" } else { ", " };
    let mut out = String::new();
    let mut line = |s: String| {
        writeln!(out, "  {}", crate::output::shown(&s)).ok();
    };
    if let Some(roster) = input.roster {
        let reported = roster.entries.len() - round.missing.len();
        line(if zh {
            format!(
                "名单 {} 个单位，已报送 {reported} 个，未报送 {} 个。",
                roster.entries.len(),
                round.missing.len()
            )
        } else {
            format!(
                "roster: {} agencies, {reported} reported, {} missing.",
                roster.entries.len(),
                round.missing.len()
            )
        });
        if !round.missing.is_empty() {
            let list: Vec<&str> = round
                .missing
                .iter()
                .map(|&e| roster.entries[e].name.as_str())
                .collect();
            line(if zh {
                format!("未报送：{}", list.join(sep))
            } else {
                format!("not reported: {}", list.join(sep))
            });
        }
        for &(e, year) in &round.other_year_only {
            let (year_zh, year_en) = year_words(year);
            let name = &roster.entries[e].name;
            line(if zh {
                format!("{name} 只报送了 {year_zh}的报告，按未报送计。")
            } else {
                format!("{name} sent only a report {year_en}; counted as not reported.")
            });
        }
        // A missing agency whose file is here but could not be read: said, with the file.
        for &e in &round.missing {
            let entry = &roster.entries[e];
            for file in unreadable_of(entry, &input.unreadable) {
                let file = crate::output::shown(file);
                line(if zh {
                    format!(
                        "{}：{file} 像是该单位报送的文件，但无法读取，请其重新报送。",
                        entry.name
                    )
                } else {
                    format!(
                        "{}: {file} seems to be its file but cannot be read; ask for it again.",
                        entry.name
                    )
                });
            }
        }
        for (i, e, how) in round.matches() {
            let entry = &roster.entries[e].name;
            match how {
                Matched::Exact => {}
                Matched::Alias(a) => {
                    let (file, agency) = reports.names(i)?;
                    line(if zh {
                        format!("{file}：“{agency}”按名单中的别名“{a}”对应到 {entry}。")
                    } else {
                        format!("{file}: “{agency}” matched {entry} by its alias “{a}”.")
                    })
                }
                Matched::Near => {
                    let (file, agency) = reports.names(i)?;
                    line(if zh {
                        format!(
                            "{file}：“{agency}”与名单中的“{entry}”相近，按同一单位处理，请确认。"
                        )
                    } else {
                        format!(
                            "{file}: “{agency}” is close to “{entry}” in the roster and taken as it; please confirm."
                        )
                    })
                }
            }
        }
        for &i in &round.unmatched {
            let (file, agency) = reports.names(i)?;
            line(if zh {
                format!("{file}：“{agency}”不在名单中。")
            } else {
                format!("{file}: “{agency}” is not in the roster.")
            });
        }
        for (i, entries) in &round.ambiguous {
            let (file, agency) = reports.names(*i)?;
            let list: Vec<&str> = entries
                .iter()
                .map(|&e| roster.entries[e].name.as_str())
                .collect();
            line(if zh {
                format!(
                    "{file}：“{agency}”可能是名单中的{}，无法确定，请改为全称。",
                    list.join("或")
                )
            } else {
                format!(
                    "{file}: “{agency}” could be {}; give the full name.",
                    list.join(" or ")
                )
            });
        }
        for (name, lines) in &roster.duplicates {
            let lines: Vec<String> = lines.iter().map(usize::to_string).collect();
            line(if zh {
                format!(
                    "名单中“{name}”出现了多次（第 {} 行），按一个单位计。",
                    lines.join("、")
                )
            } else {
                format!(
                    "the roster names “{name}” more than once (lines {}); counted once.",
                    lines.join(", ")
                )
            });
        }
    }
    for group in &round.repeated {
        let first = group[0];
        let who = match (round.matched(first), input.roster) {
            (Some((e, _)), Some(r)) => r.entries[e].name.clone(),
            _ => reports.agency(first)?,
        };
        let year = reports.year(first);
        let files = names(reports, group, sep)?;
        line(if zh {
            format!(
                "同一单位报送了 {} 份{}：{who}（{files}）。",
                group.len(),
                year.map(|y| format!(" {y} 年度的报告"))
                    .unwrap_or_else(|| "报告".into()),
            )
        } else {
            format!(
                "{who} sent {} reports{}: {files}.",
                group.len(),
                year.map(|y| format!(" for {y}")).unwrap_or_default(),
            )
        });
    }
    for group in &round.identical {
        let files = names(reports, group, sep)?;
        line(if zh {
            format!("内容完全相同的文件：{files}。")
        } else {
            format!("byte-identical files: {files}.")
        });
    }
    if round.mixed_years() {
        let mut parts: Vec<String> = Vec::new();
        for (n, (y, count)) in round.years.iter().enumerate() {
            let year = match (y, zh) {
                (Some(y), true) => format!("{y} 年度"),
                (Some(y), false) => format!("{y}"),
                (None, true) => "未填年度".to_string(),
                (None, false) => "no year".to_string(),
            };
            // The main year's files are not listed: the odd ones are.
            parts.push(if n == 0 {
                if zh {
                    format!("{year} {count} 份")
                } else {
                    format!("{year}: {count}")
                }
            } else {
                let files = names(reports, &of_year(reports, *y), sep)?;
                if zh {
                    format!("{year} {count} 份（{files}）")
                } else {
                    format!("{year}: {count} ({files})")
                }
            });
        }
        line(if zh {
            format!("报告年度不一致：{}。", parts.join("；"))
        } else {
            format!("reports of several years: {}.", parts.join("; "))
        });
    }
    if !round.unnamed.is_empty() {
        let files = names(reports, &round.unnamed, sep)?;
        line(if zh {
            format!("没有机关名称的报告：{files}（各按一个单位计，请补上名称）。")
        } else {
            format!(
                "reports naming no agency: {files} (each counted as an agency of its own; add the name)."
            )
        });
    }
    let mut from_file: Vec<String> = Vec::new();
    for i in 0..reports.count() {
        if !reports.named_by_file(i) {
            continue;
        }
        let (file, agency) = reports.names(i)?;
        from_file.push(format!("{file}（{agency}）"));
    }
    if !from_file.is_empty() {
        line(if zh {
            format!("机关名称取自文件名：{}，请核实。", from_file.join(sep))
        } else {
            format!(
                "agency taken from the file name: {}; please verify.",
                from_file.join(sep)
            )
        });
    }
    if !input.own_summaries.is_empty() {
        line(if zh {
            format!(
                "本工具写出的汇总表，不是单位的报告，已跳过：{}。",
                input.own_summaries.join(sep)
            )
        } else {
            format!(
                "summaries written by this tool, not agencies' reports, skipped: {}.",
                input.own_summaries.join(sep)
            )
        });
    }
    if out.is_empty() {
        return Ok(String::new());
    }
    let head = if zh {
        "本轮报送情况："
    } else {
        "The round:"
    };
    Ok(format!("{head}\n{out}"))
}

/// The round as JSON.
pub fn round_json<R: RoundReports + ?Sized>(
    reports: &mut R,
    input: &RoundInput,
    round: &Round,
) -> std::io::Result<Value> {
    let mut matches: Vec<Value> = Vec::new();
    if let Some(roster) = input.roster {
        for (i, e, how) in round.matches() {
            let (file, agency) = reports.names(i)?;
            matches.push(json!({
                "file": file,
                "agency": agency,
                "roster_name": roster.entries[e].name,
                "matched": match how {
                    Matched::Exact => "exact".to_string(),
                    Matched::Alias(a) => format!("alias:{a}"),
                    Matched::Near => "near".to_string(),
                },
            }));
        }
    }
    let groups = |reports: &mut R, groups: &[Vec<usize>]| -> std::io::Result<Vec<Vec<String>>> {
        groups.iter().map(|g| files_of(reports, g)).collect()
    };
    let repeated = groups(reports, &round.repeated)?;
    let identical = groups(reports, &round.identical)?;
    // The most common year first, with its count only: its files are all the others (listing
    // them would repeat every file of the batch). Files without a year are always listed.
    let mut years: Vec<Value> = Vec::new();
    for (k, (y, count)) in round.years.iter().enumerate() {
        years.push(if k == 0 && y.is_some() {
            json!({"year": y, "reports": count})
        } else {
            let files = files_of(reports, &of_year(reports, *y))?;
            json!({"year": y, "reports": count, "files": files})
        });
    }
    Ok(json!({
        "missing": input.roster.map(|r| round.missing.iter().map(|&e| r.entries[e].name.clone()).collect::<Vec<_>>()),
        "other_year_only": input.roster.map(|r| round.other_year_only.iter().map(|&(e, y)| json!({"agency": r.entries[e].name, "year": y})).collect::<Vec<_>>()),
        "matches": matches,
        "not_in_roster": files_of(reports, &round.unmatched)?,
        "repeated": repeated,
        "identical": identical,
        "years": years,
        "unnamed": files_of(reports, &round.unnamed)?,
        "own_summaries_skipped": input.own_summaries,
        "unreadable": input.unreadable,
    }))
}

/// The number and the strings of a record of a [`Spill`] that holds `N` of them.
fn spilled<const N: usize>(spill: &Spill, at: Spilled) -> std::io::Result<(u64, [String; N])> {
    let (number, texts) = spill.read(at)?;
    let texts = texts
        .try_into()
        .map_err(|_| SpillError::Damaged("a record of another kind"))?;
    Ok((number, texts))
}

/// What the round needs of every file `check` reads, gathered as the results come in: per
/// report a fixed-size record in memory (16 bytes: where the rest is, its year), its file's
/// digest and its file's and agency's names in a [`Spill`] on disk, read back only for what the
/// round compares or prints.
#[derive(Debug, Default)]
pub struct RoundFiles {
    /// The names: a record (digest, [file, agency]) per report, (0, [file]) per file skipped.
    names: Spill,
    /// One per report read.
    reports: Vec<Filed>,
    /// Our own summaries, skipped.
    own_summaries: Vec<Spilled>,
    /// Files that could not be read.
    unreadable: Vec<Spilled>,
}

/// A report as the round keeps it.
#[derive(Debug, Clone, Copy)]
struct Filed {
    /// Its (digest, [file, agency]) in [`RoundFiles::names`].
    names: Spilled,
    /// Its year, when `has_year`.
    year: i32,
    has_year: bool,
    named_by_file: bool,
}

impl RoundFiles {
    /// Room for the files of a batch (most hold one report): the list does not grow by doubling.
    pub fn with_capacity(files: usize) -> RoundFiles {
        RoundFiles {
            reports: Vec::with_capacity(files),
            ..RoundFiles::default()
        }
    }

    /// Adds the outcome of one file.
    pub fn add(&mut self, o: &crate::output::FileOutcome) {
        if o.own_summary {
            let at = self.names.push(0, &[&o.path]);
            self.own_summaries.push(at);
            return;
        }
        match &o.result {
            Err(e) if !e.loses_input() => {}
            Err(_) => {
                let at = self.names.push(0, &[&o.path]);
                self.unreadable.push(at);
            }
            Ok(list) => {
                for c in list {
                    let names = self.names.push(o.digest, &[&o.path, &c.report.agency]);
                    self.reports.push(Filed {
                        names,
                        year: c.report.year.unwrap_or(0),
                        has_year: c.report.year.is_some(),
                        named_by_file: c.report.agency_from
                            == Some(zfxxgk_core::AgencyFrom::FileName),
                    });
                }
            }
        }
    }

    /// The input of the text and JSON renderings (the files skipped read back).
    pub fn input<'a>(&self, roster: Option<&'a Roster>) -> std::io::Result<RoundInput<'a>> {
        let read = |list: &[Spilled]| -> std::io::Result<Vec<String>> {
            list.iter()
                .map(|&at| spilled::<1>(&self.names, at).map(|(_, [f])| f))
                .collect()
        };
        Ok(RoundInput {
            roster,
            own_summaries: read(&self.own_summaries)?,
            unreadable: read(&self.unreadable)?,
        })
    }
}

impl Submissions for RoundFiles {
    type Error = std::io::Error;

    fn count(&self) -> usize {
        self.reports.len()
    }

    fn year(&self, i: usize) -> Option<i32> {
        let r = &self.reports[i];
        r.has_year.then_some(r.year)
    }

    fn digest(&mut self, i: usize) -> std::io::Result<u64> {
        Ok(spilled::<2>(&self.names, self.reports[i].names)?.0)
    }

    fn agency(&mut self, i: usize) -> std::io::Result<String> {
        Ok(self.names(i)?.1)
    }

    fn file(&mut self, i: usize) -> std::io::Result<String> {
        Ok(self.names(i)?.0)
    }
}

impl RoundReports for RoundFiles {
    fn named_by_file(&self, i: usize) -> bool {
        self.reports[i].named_by_file
    }

    fn names(&mut self, i: usize) -> std::io::Result<(String, String)> {
        let (_, [file, agency]) = spilled::<2>(&self.names, self.reports[i].names)?;
        Ok((file, agency))
    }
}

/// A sentence in both languages.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Said {
    /// Chinese.
    pub zh: Cow<'static, str>,
    /// English.
    pub en: Cow<'static, str>,
}

impl Said {
    fn new(zh: impl Into<Cow<'static, str>>, en: impl Into<Cow<'static, str>>) -> Said {
        Said {
            zh: zh.into(),
            en: en.into(),
        }
    }

    /// The sentence in the given language.
    pub fn get(&self, lang: Lang) -> &str {
        match lang {
            Lang::Zh => &self.zh,
            Lang::En => &self.en,
        }
    }
}

/// One line of the 文件清单 of a summary: a file (or an agency of the roster that sent none),
/// whether its report is in the total, and why or why not.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Listed {
    /// The file (empty for an agency that did not report).
    pub file: String,
    /// The agency as read (or as the roster names it).
    pub agency: String,
    /// The report year.
    pub year: Option<i32>,
    /// In the total.
    pub included: bool,
    /// The file could not be read.
    pub unreadable: bool,
    /// What happened, in both languages.
    pub why: Said,
}

impl Listed {
    /// What happened, in the given language.
    pub fn reason(&self, lang: Lang) -> &str {
        self.why.get(lang)
    }

    /// The status word: 已计入 / 未计入 / 未报送.
    pub fn status(&self, lang: Lang) -> &'static str {
        match (self.included, self.file.is_empty(), lang) {
            (true, _, Lang::Zh) => "已计入",
            (false, false, Lang::Zh) => "未计入",
            (false, true, Lang::Zh) => "未报送",
            (true, _, Lang::En) => "included",
            (false, false, Lang::En) => "left out",
            (false, true, Lang::En) => "not reported",
        }
    }
}

/// How `aggregate` chooses the reports to total.
#[derive(Debug, Clone, Copy)]
pub struct PlanOptions<'a> {
    /// Total only the reports of this year (`--year`).
    pub year: Option<i32>,
    /// Total reports of several years anyway (`--allow-mixed`).
    pub allow_mixed: bool,
    /// For an agency given twice: `Some(false)` keeps the first file, `Some(true)` the last,
    /// `None` refuses.
    pub dedupe: Option<bool>,
    /// The agencies expected.
    pub roster: Option<&'a Roster>,
}

/// A report read, as planning keeps it (16 bytes): its [`Member`], packed; its names and its
/// file's digest are in its record in the store.
#[derive(Debug, Clone, Copy)]
struct Candidate {
    at: At,
    /// The year, when [`HAS_YEAR`].
    year: i32,
    edition: Edition,
    flags: u8,
}

/// [`Candidate::flags`]: the report has a year.
const HAS_YEAR: u8 = 1;
/// The agency name was taken from the file's name.
const NAMED_BY_FILE: u8 = 2;
/// The report names no agency.
const NAMELESS: u8 = 4;
/// The report has errors.
const WITH_ERRORS: u8 = 8;
/// The first report of its file (the reports of a file come together).
const FIRST_OF_FILE: u8 = 16;

impl Candidate {
    fn new(m: &Member, first_of_file: bool) -> Candidate {
        let flag = |on: bool, flag: u8| if on { flag } else { 0 };
        Candidate {
            at: m.at,
            year: m.year.unwrap_or(0),
            edition: m.edition,
            flags: flag(m.year.is_some(), HAS_YEAR)
                | flag(m.named_by_file, NAMED_BY_FILE)
                | flag(m.nameless, NAMELESS)
                | flag(m.with_errors, WITH_ERRORS)
                | flag(first_of_file, FIRST_OF_FILE),
        }
    }

    fn is(&self, flag: u8) -> bool {
        self.flags & flag != 0
    }

    fn year(&self) -> Option<i32> {
        self.is(HAS_YEAR).then_some(self.year)
    }

    fn member(&self) -> Member {
        Member {
            at: self.at,
            year: self.year(),
            edition: self.edition,
            named_by_file: self.is(NAMED_BY_FILE),
            nameless: self.is(NAMELESS),
            with_errors: self.is(WITH_ERRORS),
        }
    }
}

/// Why a file was read as no report.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Unread {
    /// It could not be read.
    Unreadable,
    /// A path met and not read that lost nothing (a folder read once already).
    Skipped,
    /// Our own summary.
    OwnSummary,
}

/// What `aggregate` has read, taken a file at a time as the files are read ([`Intake::add`]),
/// kept as planning needs it: per report a [`Candidate`] (its names are in the store), per file
/// read as no report its line of the 文件清单 in a [`Spill`].
#[derive(Debug, Default)]
pub struct Intake {
    /// The lines of the files read as no report: [file, why in Chinese, why in English].
    unread: Spill,
    /// The files read as no report (unreadable, skipped, our own summaries), in order.
    heads: Vec<(Spilled, Unread)>,
    /// Every report read, in order.
    cands: Vec<Candidate>,
}

impl Intake {
    /// Room for the files of a batch (most hold one report): the list does not grow by doubling.
    pub fn with_capacity(files: usize) -> Intake {
        Intake {
            cands: Vec::with_capacity(files),
            ..Intake::default()
        }
    }

    /// Takes the outcome of one file (in the order of the files).
    pub fn add(
        &mut self,
        (path, r): (
            String,
            Result<crate::summary::FileRead, crate::error::InputError>,
        ),
    ) {
        match r {
            Err(e) => {
                let at = self
                    .unread
                    .push(0, &[&path, &e.listed(Lang::Zh), &e.listed(Lang::En)]);
                let why = if e.loses_input() {
                    Unread::Unreadable
                } else {
                    Unread::Skipped
                };
                self.heads.push((at, why));
            }
            Ok(l) if l.own_summary => {
                let at = self.unread.push(
                    0,
                    &[
                        &path,
                        "本工具写出的汇总表，不是单位的报告",
                        "a summary written by this tool, not an agency's report",
                    ],
                );
                self.heads.push((at, Unread::OwnSummary));
            }
            Ok(l) => {
                self.cands.extend(
                    l.members
                        .iter()
                        .enumerate()
                        .map(|(k, m)| Candidate::new(m, k == 0)),
                );
            }
        }
    }
}

/// The reports of a plan as the round reads them: names from their records in the store.
struct StoredReports<'a> {
    cands: &'a [Candidate],
    reader: &'a mut Reader,
    head: Head,
}

impl StoredReports<'_> {
    fn head(&mut self, i: usize) -> std::io::Result<&mut Head> {
        self.reader.head(self.cands[i].at, &mut self.head)?;
        Ok(&mut self.head)
    }
}

impl Submissions for StoredReports<'_> {
    type Error = std::io::Error;

    fn count(&self) -> usize {
        self.cands.len()
    }

    fn year(&self, i: usize) -> Option<i32> {
        self.cands[i].year()
    }

    fn digest(&mut self, i: usize) -> std::io::Result<u64> {
        Ok(self.head(i)?.digest)
    }

    fn agency(&mut self, i: usize) -> std::io::Result<String> {
        Ok(std::mem::take(&mut self.head(i)?.agency))
    }

    fn file(&mut self, i: usize) -> std::io::Result<String> {
        Ok(std::mem::take(&mut self.head(i)?.file))
    }
}

impl RoundReports for StoredReports<'_> {
    fn named_by_file(&self, i: usize) -> bool {
        self.cands[i].is(NAMED_BY_FILE)
    }

    fn names(&mut self, i: usize) -> std::io::Result<(String, String)> {
        let head = self.head(i)?;
        Ok((
            std::mem::take(&mut head.file),
            std::mem::take(&mut head.agency),
        ))
    }
}

/// What `aggregate` totals, and the account of every file: 17 bytes a report in memory (its
/// [`Candidate`] and whether it is in the total), and a sentence for each report that is not
/// said the usual way; the names are read back from the store (and the [`Spill`] of the files
/// read as no report) as the lines of the 文件清单 are made.
#[derive(Debug)]
pub struct Plan {
    /// The lines of the files read as no report.
    unread: Spill,
    /// The files read as no report (unreadable, skipped, our own summaries), listed first.
    heads: Vec<(Spilled, Unread)>,
    /// Every report read, in order.
    reports: Vec<Candidate>,
    /// Whether each report is in the total.
    keep: Vec<bool>,
    /// Why, for the reports not said the usual way (`已计入汇总`).
    why: BTreeMap<usize, Said>,
    /// Roster agencies without a report, listed last.
    tails: Vec<Listed>,
    /// The reports in the total.
    members: usize,
    /// The files they come from.
    member_files: usize,
    /// The year of the total, when the reports have one.
    pub year: Option<i32>,
    /// The round as text, in both languages.
    pub round_text: Option<Said>,
}

impl Plan {
    /// The reports to total, in order.
    pub fn members(&self) -> impl Iterator<Item = Member> + Clone + '_ {
        self.reports
            .iter()
            .zip(&self.keep)
            .filter(|(_, keep)| **keep)
            .map(|(c, _)| c.member())
    }

    /// How many reports are totalled.
    pub fn member_count(&self) -> usize {
        self.members
    }

    /// How many files the reports totalled come from.
    pub fn member_files(&self) -> usize {
        self.member_files
    }

    /// How many lines the 文件清单 has: every file, and every roster agency without one.
    pub fn line_count(&self) -> usize {
        self.heads.len() + self.reports.len() + self.tails.len()
    }

    /// Line `k` of the 文件清单, its names read back.
    pub fn line(&self, k: usize, reader: &mut Reader) -> std::io::Result<Listed> {
        if let Some(&(at, unread)) = self.heads.get(k) {
            let (_, [file, zh, en]) = spilled::<3>(&self.unread, at)?;
            return Ok(Listed {
                file,
                agency: String::new(),
                year: None,
                included: false,
                unreadable: unread == Unread::Unreadable,
                why: Said::new(zh, en),
            });
        }
        let k = k - self.heads.len();
        let Some(c) = self.reports.get(k) else {
            return Ok(self.tails[k - self.reports.len()].clone());
        };
        let mut head = Head::default();
        reader.head(c.at, &mut head)?;
        Ok(Listed {
            file: head.file,
            agency: head.agency,
            year: c.year(),
            included: self.keep[k],
            unreadable: false,
            why: self
                .why
                .get(&k)
                .cloned()
                .unwrap_or_else(|| Said::new("已计入汇总", "in the total")),
        })
    }

    /// Every line of the 文件清单, in order, made as it is read.
    pub fn files<'a>(
        &'a self,
        reader: &'a mut Reader,
    ) -> impl Iterator<Item = std::io::Result<Listed>> + 'a {
        (0..self.line_count()).map(move |k| self.line(k, reader))
    }

    /// The lines of the files left out of the total (and of the files read as no report), in
    /// order; the names of the reports in the total are not read.
    pub fn left_out<'a>(
        &'a self,
        reader: &'a mut Reader,
    ) -> impl Iterator<Item = std::io::Result<Listed>> + 'a {
        let reports = (0..self.reports.len())
            .filter(|&k| !self.keep[k])
            .map(|k| k + self.heads.len());
        (0..self.heads.len())
            .chain(reports)
            .map(move |k| self.line(k, reader))
    }

    /// Whether a report in the total has errors.
    pub fn members_with_errors(&self) -> bool {
        self.members().any(|m| m.with_errors)
    }
}

fn year_words(y: Option<i32>) -> (String, String) {
    match y {
        Some(y) => (format!("{y} 年度"), format!("{y}")),
        None => ("未填年度".to_string(), "no year".to_string()),
    }
}

/// Decides what `aggregate` totals: unreadable files and our own summaries are left out and
/// listed; byte-identical copies are kept once; `--year` selects a year (other years listed);
/// mixed years without it are refused naming the odd files; an agency given twice needs
/// `--dedupe` (refused naming the files, else the other copies are listed as dropped); reports
/// without a name are each an agency of their own. Nothing goes unaccounted for. The names are
/// read from the store as they are compared or named (`Err`: they could not be).
pub fn plan(
    intake: Intake,
    reader: &mut Reader,
    opts: PlanOptions,
) -> std::io::Result<Result<Plan, Said>> {
    let Intake {
        unread,
        heads,
        cands,
    } = intake;
    let mut stored = StoredReports {
        cands: &cands,
        reader,
        head: Head::default(),
    };
    // The round over everything read, for the text (before anything is dropped).
    let the_round = zfxxgk_core::round::round(&mut stored, opts.roster)?;
    let round_text = {
        let heads_of = |kind: Unread| -> std::io::Result<Vec<String>> {
            heads
                .iter()
                .filter(|(_, u)| *u == kind)
                .map(|&(at, _)| spilled::<3>(&unread, at).map(|(_, [file, ..])| file))
                .collect()
        };
        let input = RoundInput {
            roster: opts.roster,
            own_summaries: heads_of(Unread::OwnSummary)?,
            unreadable: heads_of(Unread::Unreadable)?,
        };
        Some(Said::new(
            round_text(&mut stored, &input, &the_round, Lang::Zh)?,
            round_text(&mut stored, &input, &the_round, Lang::En)?,
        ))
    };
    let mut keep = vec![true; cands.len()];
    let mut why: BTreeMap<usize, Said> = BTreeMap::new();
    let said = |zh: String, en: String| Said::new(zh, en);
    // Byte-identical copies: one is kept, the one not named as a copy (`某某局 - 副本.xlsx`).
    for group in &the_round.identical {
        let files = files_of(&mut stored, group)?;
        let copy = |path: &str| {
            let name = Path::new(path)
                .file_stem()
                .map(|s| s.to_string_lossy().to_lowercase())
                .unwrap_or_default();
            ["副本", "copy", "(1)", "（1）", "(2)", "（2）"]
                .iter()
                .any(|w| name.contains(w))
        };
        let kept = files.iter().position(|f| !copy(f)).unwrap_or(0);
        let first = &files[kept];
        for (k, &i) in group.iter().enumerate().filter(|&(k, _)| k != kept) {
            if files[k] != *first {
                keep[i] = false;
                why.insert(
                    i,
                    said(
                        format!("与 {first} 内容完全相同，只计一次"),
                        format!("the same bytes as {first}; counted once"),
                    ),
                );
            }
        }
    }
    // The year.
    let year = match opts.year {
        Some(y) => {
            for (i, c) in cands.iter().enumerate() {
                if keep[i] && c.year() != Some(y) {
                    keep[i] = false;
                    let (zh, en) = year_words(c.year());
                    why.insert(
                        i,
                        said(
                            format!("{zh}，不是要汇总的 {y} 年度"),
                            format!("{en}, not {y}, the year totalled"),
                        ),
                    );
                }
            }
            Some(y)
        }
        None => {
            // Counted in the order the years first come; the files are found again when listed.
            let mut years: Vec<(Option<i32>, usize)> = Vec::new();
            for (c, _) in cands.iter().zip(&keep).filter(|(_, k)| **k) {
                match years.iter_mut().find(|(y, _)| *y == c.year()) {
                    Some((_, n)) => *n += 1,
                    None => years.push((c.year(), 1)),
                }
            }
            years.sort_by(|a, b| b.1.cmp(&a.1).then(b.0.cmp(&a.0)));
            if years.len() > 1 && !opts.allow_mixed {
                let mut lists: Vec<Vec<String>> = vec![Vec::new(); years.len()];
                for (n, (y, _)) in years.iter().enumerate().skip(1) {
                    for i in (0..cands.len()).filter(|&i| keep[i] && cands[i].year() == *y) {
                        lists[n].push(stored.file(i)?);
                    }
                }
                let parts = |zh: bool| -> Vec<String> {
                    years
                        .iter()
                        .enumerate()
                        .map(|(n, (y, count))| {
                            let (yz, ye) = year_words(*y);
                            let list = &lists[n];
                            match (n, zh) {
                                (0, true) => format!("{yz} {count} 份"),
                                (0, false) => format!("{ye}: {count}"),
                                (_, true) => format!("{yz} {count} 份（{}）", list.join("、")),
                                (_, false) => format!("{ye}: {count} ({})", list.join(", ")),
                            }
                        })
                        .collect()
                };
                let main = years
                    .iter()
                    .find_map(|(y, _)| *y)
                    .map(|y| y.to_string())
                    .unwrap_or_else(|| "YEAR".into());
                return Ok(Err(Said::new(
                    format!(
                        "报告年度不一致：{}。请用 --year {main} 只汇总该年度的报告（其他年度的文件会列出、不计入），或删去不属于本次汇总的文件；确实要合并不同年度请加 --allow-mixed。",
                        parts(true).join("；")
                    ),
                    format!(
                        "the reports are of several years: {}. Use --year {main} to total that year only (the others are listed and left out), or remove the files that do not belong; add --allow-mixed to total them anyway.",
                        parts(false).join("; ")
                    ),
                )));
            }
            years.first().and_then(|(y, _)| *y)
        }
    };
    // One report per agency: the roster's entry when matched, else the name; never merge
    // unnamed reports. Each group is its first report and the others (none, mostly), the groups
    // in the order of their first reports. The reports are sorted by a hash of their key, and
    // only reports sharing a hash are told apart by the key itself (their names read again): no
    // key is held for every report.
    let key_of = |stored: &mut StoredReports, i: usize| -> std::io::Result<String> {
        let key = zfxxgk_core::aggregate::agency_key(&stored.agency(i)?);
        Ok(match the_round.matched(i) {
            Some((e, _)) if !key.is_empty() => format!("\u{0}roster#{e}"),
            _ => key,
        })
    };
    let mut same = SameKey::with_capacity(keep.iter().filter(|k| **k).count());
    for i in (0..cands.len()).filter(|&i| keep[i]) {
        let key = key_of(&mut stored, i)?;
        if !key.is_empty() {
            same.add(i, &key);
        }
    }
    let twice = same.groups(|i| key_of(&mut stored, i))?;
    if !twice.is_empty() {
        match opts.dedupe {
            None => {
                let mut named: Vec<(String, Vec<String>)> = Vec::new();
                for idx in &twice {
                    let name = stored.agency(idx[0])?;
                    named.push((name, files_of(&mut stored, idx)?));
                }
                let list = |zh: bool| -> Vec<String> {
                    named
                        .iter()
                        .map(|(name, files)| {
                            if zh {
                                format!("{name}（{}）", files.join("、"))
                            } else {
                                format!("{name} ({})", files.join(", "))
                            }
                        })
                        .collect()
                };
                return Ok(Err(Said::new(
                    format!(
                        "同一机关的报告出现了不止一次：{}。请删去多余的文件，或用 --dedupe first（保留排在前面的文件）或 --dedupe last（保留排在后面的文件）；未选用的文件会列在文件清单中。",
                        list(true).join("；")
                    ),
                    format!(
                        "the same agency appears more than once: {}. Remove the extra files, or choose --dedupe first or --dedupe last; the files not used are listed in the file list.",
                        list(false).join("; ")
                    ),
                )));
            }
            Some(last) => {
                for idx in &twice {
                    let kept = if last { idx[idx.len() - 1] } else { idx[0] };
                    let k = stored.file(kept)?;
                    for &i in idx.iter().filter(|&&i| i != kept) {
                        keep[i] = false;
                        why.insert(
                            i,
                            said(
                                format!("同一单位的另一份报告，保留的是 {k}"),
                                format!("another report of the same agency; {k} was kept"),
                            ),
                        );
                    }
                }
            }
        }
    }
    // What the file list says of the reports kept.
    for (i, c) in cands.iter().enumerate().filter(|(i, _)| keep[*i]) {
        let mut notes_zh: Vec<String> = Vec::new();
        let mut notes_en: Vec<String> = Vec::new();
        if c.is(NAMELESS) {
            notes_zh.push("没有机关名称，单独计为一个单位".into());
            notes_en.push("names no agency; counted as an agency of its own".into());
        } else if c.is(NAMED_BY_FILE) {
            notes_zh.push("机关名称取自文件名".into());
            notes_en.push("agency name taken from the file name".into());
        }
        if let Some(roster) = opts.roster {
            match the_round.matched(i) {
                Some((_, Matched::Exact)) => {}
                Some((e, Matched::Alias(a))) => {
                    let n = &roster.entries[e].name;
                    notes_zh.push(format!("按别名“{a}”对应名单中的 {n}"));
                    notes_en.push(format!("matched {n} by its alias “{a}”"));
                }
                Some((e, Matched::Near)) => {
                    let n = &roster.entries[e].name;
                    notes_zh.push(format!("名称相近，按名单中的 {n} 计，请确认"));
                    notes_en.push(format!("a near name, taken as {n}; please confirm"));
                }
                None if !c.is(NAMELESS) => {
                    notes_zh.push("不在应报单位名单中".into());
                    notes_en.push("not in the roster".into());
                }
                None => {}
            }
        }
        if !notes_zh.is_empty() {
            why.insert(
                i,
                said(
                    format!("已计入汇总（{}）", notes_zh.join("；")),
                    format!("in the total ({})", notes_en.join("; ")),
                ),
            );
        } else {
            // A kept report is said the usual way, whatever was said of it before.
            why.remove(&i);
        }
    }
    let mut tails = Vec::new();
    if let Some(roster) = opts.roster {
        let unreadable: Vec<String> = heads
            .iter()
            .filter(|(_, u)| *u == Unread::Unreadable)
            .map(|&(at, _)| spilled::<3>(&unread, at).map(|(_, [file, ..])| file))
            .collect::<std::io::Result<_>>()?;
        for &e in &the_round.missing {
            let entry = &roster.entries[e];
            let other_year = the_round
                .other_year_only
                .iter()
                .find(|(o, _)| *o == e)
                .map(|&(_, y)| year_words(y));
            let bad_file = unreadable_of(entry, &unreadable).next();
            let why = match (other_year, bad_file) {
                (Some((zh, en)), _) => Said::new(
                    format!("名单中的单位，只收到其 {zh}的报告"),
                    format!("in the roster; only a report {en} came in"),
                ),
                (None, Some(file)) => Said::new(
                    format!("名单中的单位，其文件 {file} 无法读取"),
                    format!("in the roster; its file {file} cannot be read"),
                ),
                (None, None) => Said::new(
                    "名单中的单位，未收到其报告",
                    "in the roster; no report came in",
                ),
            };
            tails.push(Listed {
                file: String::new(),
                agency: entry.name.clone(),
                year: None,
                included: false,
                unreadable: false,
                why,
            });
        }
    }
    let members = keep.iter().filter(|k| **k).count();
    // The files of the members, by name (a file given twice is one file): each counted once,
    // their names compared where their hashes meet.
    let member_files = {
        // The first report of each file with a member in the total.
        let firsts = || {
            (0..cands.len())
                .filter(|&i| cands[i].is(FIRST_OF_FILE))
                .filter(|&first| {
                    (first..cands.len())
                        .take_while(|&i| i == first || !cands[i].is(FIRST_OF_FILE))
                        .any(|i| keep[i])
                })
        };
        let count = firsts().count();
        let mut files = SameKey::with_capacity(count);
        for first in firsts() {
            files.add(first, &stored.file(first)?);
        }
        let repeats: usize = files
            .groups(|i| stored.file(i))?
            .iter()
            .map(|g| g.len() - 1)
            .sum();
        count - repeats
    };
    drop(stored);
    Ok(Ok(Plan {
        unread,
        heads,
        reports: cands,
        keep,
        why,
        tails,
        members,
        member_files,
        year,
        round_text,
    }))
}

#[cfg(test)]
mod tests {
    use zfxxgk_core::{Edition, Report};

    use super::*;
    use crate::error::InputError;
    use crate::output::{Checked, FileOutcome};
    use crate::summary::{FileRead, Store};

    /// A file's outcome in `check`: its reports (agency, year).
    fn outcome(path: &str, digest: u64, reports: &[(&str, Option<i32>)]) -> FileOutcome {
        let checked = reports
            .iter()
            .map(|&(agency, year)| {
                let mut report = Report::new(Edition::V2021);
                report.agency = agency.into();
                report.year = year;
                Checked {
                    report,
                    findings: Vec::new(),
                }
            })
            .collect();
        FileOutcome {
            path: path.into(),
            result: Ok(checked),
            digest,
            own_summary: false,
        }
    }

    /// The round of `check` over outcomes, as JSON.
    fn check_round(outcomes: &[FileOutcome], roster: Option<&Roster>) -> Value {
        let mut files = RoundFiles::with_capacity(outcomes.len());
        for o in outcomes {
            files.add(o);
        }
        let r = zfxxgk_core::round::round(&mut files, roster).unwrap();
        let input = files.input(roster).unwrap();
        round_json(&mut files, &input, &r).unwrap()
    }

    #[test]
    fn the_round_json_counts_the_main_year_and_lists_the_others_and_files_without_one() {
        let years = |list: &[(&str, Option<i32>)]| {
            let outcomes: Vec<FileOutcome> = list
                .iter()
                .enumerate()
                .map(|(k, &(f, y))| outcome(f, k as u64, &[(f, y)]))
                .collect();
            check_round(&outcomes, None)["years"].clone()
        };
        assert_eq!(
            years(&[("a", Some(2024)), ("b", Some(2024)), ("c", Some(2023))]),
            json!([{"year": 2024, "reports": 2}, {"year": 2023, "reports": 1, "files": ["c"]}])
        );
        assert_eq!(
            years(&[("a", None), ("b", None), ("c", Some(2023))]),
            json!([
                {"year": null, "reports": 2, "files": ["a", "b"]},
                {"year": 2023, "reports": 1, "files": ["c"]}
            ])
        );
    }

    #[test]
    fn the_round_of_check_reads_back_the_names_it_prints() {
        let roster = roster_from_rows(&[
            vec!["单位名称".to_string(), "别名".to_string()],
            vec!["某某县财政局".to_string(), String::new()],
            vec!["某某县教育局".to_string(), "县教体局".to_string()],
            vec!["某某县公安局".to_string(), String::new()],
        ])
        .unwrap();
        // Enough reports for the names to go to the temporary file.
        let mut outcomes: Vec<FileOutcome> = (0..3000)
            .map(|i| {
                let path = format!("各单位/{i:05}-{}.xlsx", "长".repeat(20));
                outcome(&path, 1000 + i, &[("某某县财政局", Some(2024))])
            })
            .collect();
        outcomes.push(outcome("教体.xlsx", 7, &[("县教体局", Some(2024))]));
        outcomes.push(outcome("教体 - 副本.xlsx", 7, &[("县教体局", Some(2024))]));
        outcomes.push(outcome("多.json", 8, &[("某某县水利局", None), ("", None)]));
        let mut skipped = outcome("坏.xlsx", 0, &[]);
        skipped.result = Err(InputError::NoReport);
        outcomes.push(skipped);
        let mut own = outcome("汇总.xlsx", 9, &[]);
        own.own_summary = true;
        outcomes.push(own);
        let v = check_round(&outcomes, Some(&roster));
        assert_eq!(v["missing"], json!(["某某县公安局"]));
        assert_eq!(v["not_in_roster"], json!(["多.json"]));
        assert_eq!(v["unnamed"], json!(["多.json"]));
        assert_eq!(v["identical"], json!([["教体.xlsx", "教体 - 副本.xlsx"]]));
        assert_eq!(v["repeated"][1], json!(["教体.xlsx", "教体 - 副本.xlsx"]));
        assert_eq!(v["repeated"][0].as_array().map(Vec::len), Some(3000));
        assert_eq!(v["repeated"][0][2999], json!(outcomes[2999].path));
        assert_eq!(v["matches"].as_array().map(Vec::len), Some(3002));
        assert_eq!(
            v["matches"][3000],
            json!({"file": "教体.xlsx", "agency": "县教体局", "roster_name": "某某县教育局", "matched": "alias:县教体局"})
        );
        assert_eq!(v["own_summaries_skipped"], json!(["汇总.xlsx"]));
        assert_eq!(v["unreadable"], json!(["坏.xlsx"]));
        assert_eq!(
            v["years"],
            json!([{"year": 2024, "reports": 3002}, {"year": null, "reports": 2, "files": ["多.json", "多.json"]}])
        );
    }

    /// Files read for `aggregate`: one of three reports (one unnamed), agencies given twice in
    /// other files, a byte-identical copy, an unreadable file and the same file given twice;
    /// their records in a store.
    fn intake() -> (Intake, Reader) {
        let store = Store::new().unwrap();
        let mut intake = Intake::default();
        let file = |path: &str, digest, agencies: &[&str]| {
            let mut bytes = Vec::new();
            let mut offsets = Vec::new();
            for a in agencies {
                let head = Head {
                    file: path.into(),
                    agency: a.to_string(),
                    digest,
                    ..Head::default()
                };
                let report = Report::new(Edition::V2021);
                offsets.push(crate::summary::encode(&head, &report, &[], &mut bytes));
            }
            let base = store.append(&bytes);
            let members = agencies
                .iter()
                .zip(offsets)
                .map(|(a, offset)| Member {
                    at: base.plus(offset),
                    year: Some(2024),
                    edition: Edition::V2021,
                    named_by_file: false,
                    nameless: a.is_empty(),
                    with_errors: false,
                })
                .collect();
            (
                path.to_string(),
                Ok(FileRead {
                    digest,
                    own_summary: false,
                    members,
                }),
            )
        };
        let files = [
            file("a.json", 1, &["甲局", "乙局", ""]),
            file("b.xlsx", 2, &["乙局"]),
            file("c.xlsx", 3, &["甲局"]),
            file("d.xlsx", 4, &["丙局"]),
            file("d - 副本.xlsx", 4, &["丙局"]),
            file("e.xlsx", 5, &["丁局"]),
            file("e.xlsx", 5, &["丁局"]),
        ];
        intake.add(("坏.json".to_string(), Err(InputError::NoReport)));
        for f in files {
            intake.add(f);
        }
        (intake, store.reader().unwrap())
    }

    fn options(dedupe: Option<bool>) -> PlanOptions<'static> {
        PlanOptions {
            year: None,
            allow_mixed: false,
            dedupe,
            roster: None,
        }
    }

    #[test]
    fn agencies_given_twice_are_named_in_the_order_of_their_first_reports() {
        let (intake, mut reader) = intake();
        let refusal = plan(intake, &mut reader, options(None))
            .unwrap()
            .unwrap_err();
        assert!(
            refusal.zh.contains(
                "甲局（a.json、c.xlsx）；乙局（a.json、b.xlsx）；丁局（e.xlsx、e.xlsx）。"
            ),
            "{}",
            refusal.zh
        );
    }

    #[test]
    fn the_plan_keeps_every_name_and_file_it_was_given() {
        let (intake, mut reader) = intake();
        let p = plan(intake, &mut reader, options(Some(true)))
            .unwrap()
            .unwrap();
        let mut head = Head::default();
        let members: Vec<(String, String)> = p
            .members()
            .map(|m| {
                reader.head(m.at, &mut head).unwrap();
                (head.file.clone(), head.agency.clone())
            })
            .collect();
        let pair = |f: &str, a: &str| (f.to_string(), a.to_string());
        assert_eq!(
            members,
            [
                pair("a.json", ""),
                pair("b.xlsx", "乙局"),
                pair("c.xlsx", "甲局"),
                pair("d.xlsx", "丙局"),
                pair("e.xlsx", "丁局"),
            ]
        );
        assert_eq!((p.member_count(), p.member_files()), (5, 5));
        let listed: Vec<(String, String, bool, String)> = p
            .files(&mut reader)
            .map(|l| {
                let l = l.unwrap();
                let reason = l.reason(Lang::Zh).to_string();
                (l.file, l.agency, l.included, reason)
            })
            .collect();
        let row = |f: &str, a: &str, i, why: &str| (f.into(), a.into(), i, why.into());
        assert_eq!(listed[0].0, "坏.json");
        assert_eq!(
            listed[1..],
            [
                row(
                    "a.json",
                    "甲局",
                    false,
                    "同一单位的另一份报告，保留的是 c.xlsx"
                ),
                row(
                    "a.json",
                    "乙局",
                    false,
                    "同一单位的另一份报告，保留的是 b.xlsx"
                ),
                row(
                    "a.json",
                    "",
                    true,
                    "已计入汇总（没有机关名称，单独计为一个单位）"
                ),
                row("b.xlsx", "乙局", true, "已计入汇总"),
                row("c.xlsx", "甲局", true, "已计入汇总"),
                row("d.xlsx", "丙局", true, "已计入汇总"),
                row(
                    "d - 副本.xlsx",
                    "丙局",
                    false,
                    "与 d.xlsx 内容完全相同，只计一次"
                ),
                row(
                    "e.xlsx",
                    "丁局",
                    false,
                    "同一单位的另一份报告，保留的是 e.xlsx"
                ),
                row("e.xlsx", "丁局", true, "已计入汇总"),
            ]
        );
        // The lines left out, and only those (with the files read as no report).
        let left_out: Vec<String> = p.left_out(&mut reader).map(|l| l.unwrap().file).collect();
        assert_eq!(
            left_out,
            ["坏.json", "a.json", "a.json", "d - 副本.xlsx", "e.xlsx"]
        );
    }

    #[test]
    fn a_candidate_is_16_bytes_and_a_record_of_check_too() {
        assert_eq!(std::mem::size_of::<Candidate>(), 16);
        assert_eq!(std::mem::size_of::<Filed>(), 16);
    }
}
