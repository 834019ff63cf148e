//! The collection round as `check DIR` and `aggregate` report it: the roster read from CSV or a
//! workbook, and what the core's [`zfxxgk_core::round`] found, as text and JSON.

use std::borrow::Cow;
use std::fmt::Write as _;
use std::path::Path;

use serde_json::{Value, json};
use zfxxgk_core::Lang;
use zfxxgk_core::round::{Matched, Roster, Round, Submission, roster_from_rows};

use crate::input::MAX_FILE_BYTES;

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
            rows.push(record.iter().map(str::to_string).collect());
        }
        rows
    };
    roster_from_rows(&rows).map_err(|e| fail(e.message(Lang::Zh), e.message(Lang::En)))
}

/// Everything the round section needs besides the core's [`Round`].
#[derive(Debug)]
pub struct RoundInput<'a> {
    /// Every report read, one submission each.
    pub subs: &'a [Submission<'a>],
    /// The roster, if given.
    pub roster: Option<&'a Roster>,
    /// Our own summary workbooks found among the inputs (skipped).
    pub own_summaries: &'a [String],
    /// Files that could not be read.
    pub unreadable: &'a [String],
}

fn names(subs: &[Submission], idx: &[usize], sep: &str) -> String {
    idx.iter()
        .map(|&i| subs[i].file)
        .collect::<Vec<_>>()
        .join(sep)
}

/// The round as text: one line per kind of problem, every file and agency named.
pub fn round_text(input: &RoundInput, round: &Round, lang: Lang) -> String {
    let zh = lang == Lang::Zh;
    let sep = if zh { "、" } else { ", " };
    let subs = input.subs;
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
        for (i, m) in round.matches.iter().enumerate() {
            let Some((e, how)) = m else {
                continue;
            };
            let entry = &roster.entries[*e].name;
            let s = &subs[i];
            match how {
                Matched::Exact => {}
                Matched::Alias(a) => line(if zh {
                    format!(
                        "{}：“{}”按名单中的别名“{a}”对应到 {entry}。",
                        s.file, s.agency
                    )
                } else {
                    format!(
                        "{}: “{}” matched {entry} by its alias “{a}”.",
                        s.file, s.agency
                    )
                }),
                Matched::Near => line(if zh {
                    format!(
                        "{}：“{}”与名单中的“{entry}”相近，按同一单位处理，请确认。",
                        s.file, s.agency
                    )
                } else {
                    format!(
                        "{}: “{}” is close to “{entry}” in the roster and taken as it; please confirm.",
                        s.file, s.agency
                    )
                }),
            }
        }
        for &i in &round.unmatched {
            let s = &subs[i];
            line(if zh {
                format!("{}：“{}”不在名单中。", s.file, s.agency)
            } else {
                format!("{}: “{}” is not in the roster.", s.file, s.agency)
            });
        }
        for (i, entries) in &round.ambiguous {
            let s = &subs[*i];
            let list: Vec<&str> = entries
                .iter()
                .map(|&e| roster.entries[e].name.as_str())
                .collect();
            line(if zh {
                format!(
                    "{}：“{}”可能是名单中的{}，无法确定，请改为全称。",
                    s.file,
                    s.agency,
                    list.join("或")
                )
            } else {
                format!(
                    "{}: “{}” could be {}; give the full name.",
                    s.file,
                    s.agency,
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
        let s = &subs[group[0]];
        let who = match (round.matched(group[0]), input.roster) {
            (Some((e, _)), Some(r)) => r.entries[*e].name.as_str(),
            _ => s.agency,
        };
        line(if zh {
            format!(
                "同一单位报送了 {} 份{}：{who}（{}）。",
                group.len(),
                s.year
                    .map(|y| format!(" {y} 年度的报告"))
                    .unwrap_or_else(|| "报告".into()),
                names(subs, group, sep)
            )
        } else {
            format!(
                "{who} sent {} reports{}: {}.",
                group.len(),
                s.year.map(|y| format!(" for {y}")).unwrap_or_default(),
                names(subs, group, sep)
            )
        });
    }
    for group in &round.identical {
        line(if zh {
            format!("内容完全相同的文件：{}。", names(subs, group, sep))
        } else {
            format!("byte-identical files: {}.", names(subs, group, sep))
        });
    }
    if round.mixed_years() {
        let parts: Vec<String> = round
            .years
            .iter()
            .enumerate()
            .map(|(n, (y, idx))| {
                let year = match (y, zh) {
                    (Some(y), true) => format!("{y} 年度"),
                    (Some(y), false) => format!("{y}"),
                    (None, true) => "未填年度".to_string(),
                    (None, false) => "no year".to_string(),
                };
                // The main year's files are not listed: the odd ones are.
                if n == 0 {
                    if zh {
                        format!("{year} {} 份", idx.len())
                    } else {
                        format!("{year}: {}", idx.len())
                    }
                } else if zh {
                    format!("{year} {} 份（{}）", idx.len(), names(subs, idx, sep))
                } else {
                    format!("{year}: {} ({})", idx.len(), names(subs, idx, sep))
                }
            })
            .collect();
        line(if zh {
            format!("报告年度不一致：{}。", parts.join("；"))
        } else {
            format!("reports of several years: {}.", parts.join("; "))
        });
    }
    if !round.unnamed.is_empty() {
        line(if zh {
            format!(
                "没有机关名称的报告：{}（各按一个单位计，请补上名称）。",
                names(subs, &round.unnamed, sep)
            )
        } else {
            format!(
                "reports naming no agency: {} (each counted as an agency of its own; add the name).",
                names(subs, &round.unnamed, sep)
            )
        });
    }
    let from_file: Vec<usize> = (0..subs.len()).filter(|&i| subs[i].named_by_file).collect();
    if !from_file.is_empty() {
        let list: Vec<String> = from_file
            .iter()
            .map(|&i| format!("{}（{}）", subs[i].file, subs[i].agency))
            .collect();
        line(if zh {
            format!("机关名称取自文件名：{}，请核实。", list.join(sep))
        } else {
            format!(
                "agency taken from the file name: {}; please verify.",
                list.join(sep)
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
        return String::new();
    }
    let head = if zh {
        "本轮报送情况："
    } else {
        "The round:"
    };
    format!("{head}\n{out}")
}

/// The round as JSON.
pub fn round_json(input: &RoundInput, round: &Round) -> Value {
    let subs = input.subs;
    let files = |idx: &[usize]| -> Vec<&str> { idx.iter().map(|&i| subs[i].file).collect() };
    let matches: Vec<Value> = round
        .matches
        .iter()
        .enumerate()
        .filter_map(|(i, m)| {
            let (e, how) = m.as_ref()?;
            let roster = input.roster?;
            Some(json!({
                "file": subs[i].file,
                "agency": subs[i].agency,
                "roster_name": roster.entries[*e].name,
                "matched": match how {
                    Matched::Exact => "exact".to_string(),
                    Matched::Alias(a) => format!("alias:{a}"),
                    Matched::Near => "near".to_string(),
                },
            }))
        })
        .collect();
    json!({
        "missing": input.roster.map(|r| round.missing.iter().map(|&e| r.entries[e].name.clone()).collect::<Vec<_>>()),
        "matches": matches,
        "not_in_roster": files(&round.unmatched),
        "repeated": round.repeated.iter().map(|g| files(g)).collect::<Vec<_>>(),
        "identical": round.identical.iter().map(|g| files(g)).collect::<Vec<_>>(),
        // The most common year first, with its count only: its files are all the others
        // (listing them would repeat every file of the batch). Files without a year are
        // always listed.
        "years": round.years.iter().enumerate().map(|(k, (y, idx))| if k == 0 && y.is_some() {
            json!({"year": y, "reports": idx.len()})
        } else {
            json!({"year": y, "reports": idx.len(), "files": files(idx)})
        }).collect::<Vec<_>>(),
        "unnamed": files(&round.unnamed),
        "own_summaries_skipped": input.own_summaries,
        "unreadable": input.unreadable,
    })
}

/// What the round needs of every file checked, gathered as the results come in: each file's
/// name and digest once, and per report its agency, year and file (about 50 bytes and the name).
#[derive(Debug, Default)]
pub struct RoundFiles {
    /// The files of reports: name and digest.
    files: Vec<(Box<str>, u64)>,
    /// One per report read.
    reports: Vec<Filed>,
    /// Our own summaries, skipped.
    pub own_summaries: Vec<String>,
    /// Files that could not be read.
    pub unreadable: Vec<String>,
}

/// A report as the round keeps it.
#[derive(Debug)]
struct Filed {
    /// An index into [`RoundFiles::files`].
    file: u32,
    agency: Box<str>,
    year: Option<i32>,
    named_by_file: bool,
}

impl RoundFiles {
    /// Room for the files of a batch (most hold one report): the lists do not grow by doubling.
    pub fn with_capacity(files: usize) -> RoundFiles {
        RoundFiles {
            files: Vec::with_capacity(files),
            reports: Vec::with_capacity(files),
            ..RoundFiles::default()
        }
    }

    /// Adds the outcome of one file.
    pub fn add(&mut self, o: &crate::output::FileOutcome) {
        if o.own_summary {
            self.own_summaries.push(o.path.clone());
            return;
        }
        match &o.result {
            Err(e) if !e.loses_input() => {}
            Err(_) => self.unreadable.push(o.path.clone()),
            Ok(list) if list.is_empty() => {}
            Ok(list) => {
                // More files than an index holds cannot be named in a round anyway.
                let file = u32::try_from(self.files.len()).unwrap_or(u32::MAX);
                self.files.push((o.path.as_str().into(), o.digest));
                self.reports.extend(list.iter().map(|c| Filed {
                    file,
                    agency: c.report.agency.as_str().into(),
                    year: c.report.year,
                    named_by_file: c.report.agency_from == Some(zfxxgk_core::AgencyFrom::FileName),
                }));
            }
        }
    }

    /// Every report gathered, as the round takes them (borrowed, in order).
    pub fn subs(&self) -> Vec<Submission<'_>> {
        self.reports
            .iter()
            .map(|r| {
                let (file, digest) = &self.files[r.file as usize];
                Submission {
                    file,
                    digest: *digest,
                    agency: &r.agency,
                    named_by_file: r.named_by_file,
                    year: r.year,
                }
            })
            .collect()
    }

    /// The input of the text and JSON renderings.
    pub fn input<'a>(
        &'a self,
        subs: &'a [Submission<'a>],
        roster: Option<&'a Roster>,
    ) -> RoundInput<'a> {
        RoundInput {
            subs,
            roster,
            own_summaries: &self.own_summaries,
            unreadable: &self.unreadable,
        }
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
    /// A file read as no report (unreadable, or not an agency's report), left out.
    fn no_report(file: String, unreadable: bool, why: Said) -> Listed {
        Listed {
            file,
            agency: String::new(),
            year: None,
            included: false,
            unreadable,
            why,
        }
    }

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

/// A report read, as planning keeps it: its file (an index into the files read, shared by the
/// file's reports) and the [`crate::summary::Member`].
#[derive(Debug)]
struct Candidate {
    file: u32,
    member: crate::summary::Member,
}

/// A file of reports read: its name and the digest of its bytes.
#[derive(Debug)]
struct FileOfReports {
    name: Box<str>,
    digest: u64,
}

/// What `aggregate` has read, taken a file at a time as the files are read ([`Intake::add`]),
/// kept as planning needs it: each file's name once, and each report's [`Candidate`].
#[derive(Debug, Default)]
pub struct Intake {
    /// Files read as no report (unreadable, skipped, our own summaries).
    heads: Vec<Listed>,
    /// Our own summaries among them.
    own: Vec<String>,
    /// The files that could not be read.
    unreadable: Vec<String>,
    /// The files of reports.
    files: Vec<FileOfReports>,
    /// Every report read, in order.
    cands: Vec<Candidate>,
}

impl Intake {
    /// Room for the files of a batch (most hold one report): the lists do not grow by doubling.
    pub fn with_capacity(files: usize) -> Intake {
        Intake {
            files: Vec::with_capacity(files),
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
                if e.loses_input() {
                    self.unreadable.push(path.clone());
                }
                let why = Said::new(e.listed(Lang::Zh), e.listed(Lang::En));
                self.heads
                    .push(Listed::no_report(path, e.loses_input(), why));
            }
            Ok(l) if l.own_summary => {
                self.own.push(path.clone());
                let why = Said::new(
                    "本工具写出的汇总表，不是单位的报告",
                    "a summary written by this tool, not an agency's report",
                );
                self.heads.push(Listed::no_report(path, false, why));
            }
            Ok(l) => {
                // More files than an index holds cannot be listed in a workbook anyway.
                let file = u32::try_from(self.files.len()).unwrap_or(u32::MAX);
                self.files.push(FileOfReports {
                    name: path.into_boxed_str(),
                    digest: l.digest,
                });
                self.cands.extend(
                    l.members
                        .into_iter()
                        .map(|member| Candidate { file, member }),
                );
            }
        }
    }
}

/// What `aggregate` totals, and the account of every file: about a hundred bytes a report and
/// its agency's name (the lines of the 文件清单 are made when they are written).
#[derive(Debug)]
pub struct Plan {
    /// Files read as no report (unreadable, skipped, our own summaries), listed first.
    heads: Vec<Listed>,
    /// The files of reports.
    files: Vec<FileOfReports>,
    /// Every report read, in order.
    reports: Vec<Candidate>,
    /// Whether each report is in the total.
    keep: Vec<bool>,
    /// Why, when it is not said the usual way (`已计入汇总`).
    why: Vec<Option<Box<Said>>>,
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
    /// The reports to total, with their files, in order.
    pub fn members(&self) -> impl Iterator<Item = (&str, &crate::summary::Member)> + Clone + '_ {
        self.reports
            .iter()
            .zip(&self.keep)
            .filter(|(_, keep)| **keep)
            .map(|(c, _)| (&*self.files[c.file as usize].name, &c.member))
    }

    /// How many reports are totalled.
    pub fn member_count(&self) -> usize {
        self.members
    }

    /// How many files the reports totalled come from.
    pub fn member_files(&self) -> usize {
        self.member_files
    }

    /// Every file, and every roster agency without one: the lines of the 文件清单, made as
    /// they are read.
    pub fn files(&self) -> impl Iterator<Item = Listed> + '_ {
        let read = self.reports.iter().enumerate().map(|(i, c)| Listed {
            file: self.files[c.file as usize].name.to_string(),
            agency: c.member.agency.to_string(),
            year: c.member.year,
            included: self.keep[i],
            unreadable: false,
            why: self.why[i]
                .as_deref()
                .cloned()
                .unwrap_or_else(|| Said::new("已计入汇总", "in the total")),
        });
        self.heads
            .iter()
            .cloned()
            .chain(read)
            .chain(self.tails.iter().cloned())
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
/// without a name are each an agency of their own. Nothing goes unaccounted for.
pub fn plan(intake: Intake, opts: PlanOptions) -> Result<Plan, Said> {
    let Intake {
        heads,
        own,
        unreadable,
        mut files,
        mut cands,
    } = intake;
    files.shrink_to_fit();
    cands.shrink_to_fit();
    // The round over everything read, for the text (before anything is dropped), borrowing
    // the names kept.
    let (the_round, round_text) = {
        let subs: Vec<Submission> = cands
            .iter()
            .map(|c| {
                let file = &files[c.file as usize];
                Submission {
                    file: &file.name,
                    digest: file.digest,
                    agency: &c.member.agency,
                    named_by_file: c.member.named_by_file,
                    year: c.member.year,
                }
            })
            .collect();
        let the_round = zfxxgk_core::round::round(&subs, opts.roster);
        let input = RoundInput {
            subs: &subs,
            roster: opts.roster,
            own_summaries: &own,
            unreadable: &unreadable,
        };
        let round_text = Some(Said::new(
            round_text(&input, &the_round, Lang::Zh),
            round_text(&input, &the_round, Lang::En),
        ));
        (the_round, round_text)
    };
    let file_of = |c: &Candidate| -> &str { &files[c.file as usize].name };
    let mut keep = vec![true; cands.len()];
    let mut why: Vec<Option<Box<Said>>> = vec![None; cands.len()];
    let said = |zh: String, en: String| Some(Box::new(Said::new(zh, en)));
    // Byte-identical copies: one is kept, the one not named as a copy (`某某局 - 副本.xlsx`).
    for group in &the_round.identical {
        let copy = |path: &str| {
            let name = Path::new(path)
                .file_stem()
                .map(|s| s.to_string_lossy().to_lowercase())
                .unwrap_or_default();
            ["副本", "copy", "(1)", "（1）", "(2)", "（2）"]
                .iter()
                .any(|w| name.contains(w))
        };
        let kept = group
            .iter()
            .copied()
            .find(|&i| !copy(file_of(&cands[i])))
            .unwrap_or(group[0]);
        let first = file_of(&cands[kept]);
        for &i in group.iter().filter(|&&i| i != kept) {
            if file_of(&cands[i]) != first {
                keep[i] = false;
                why[i] = said(
                    format!("与 {first} 内容完全相同，只计一次"),
                    format!("the same bytes as {first}; counted once"),
                );
            }
        }
    }
    // The year.
    let year = match opts.year {
        Some(y) => {
            for (i, c) in cands.iter().enumerate() {
                if keep[i] && c.member.year != Some(y) {
                    keep[i] = false;
                    let (zh, en) = year_words(c.member.year);
                    why[i] = said(
                        format!("{zh}，不是要汇总的 {y} 年度"),
                        format!("{en}, not {y}, the year totalled"),
                    );
                }
            }
            Some(y)
        }
        None => {
            let mut years: Vec<(Option<i32>, Vec<usize>)> = Vec::new();
            for (i, c) in cands.iter().enumerate().filter(|(i, _)| keep[*i]) {
                match years.iter_mut().find(|(y, _)| *y == c.member.year) {
                    Some((_, v)) => v.push(i),
                    None => years.push((c.member.year, vec![i])),
                }
            }
            years.sort_by(|a, b| b.1.len().cmp(&a.1.len()).then(b.0.cmp(&a.0)));
            if years.len() > 1 && !opts.allow_mixed {
                let parts = |zh: bool| -> Vec<String> {
                    years
                        .iter()
                        .enumerate()
                        .map(|(n, (y, idx))| {
                            let (yz, ye) = year_words(*y);
                            let list: Vec<&str> = idx.iter().map(|&i| file_of(&cands[i])).collect();
                            match (n, zh) {
                                (0, true) => format!("{yz} {} 份", idx.len()),
                                (0, false) => format!("{ye}: {}", idx.len()),
                                (_, true) => {
                                    format!("{yz} {} 份（{}）", idx.len(), list.join("、"))
                                }
                                (_, false) => format!("{ye}: {} ({})", idx.len(), list.join(", ")),
                            }
                        })
                        .collect()
                };
                let main = years
                    .iter()
                    .find_map(|(y, _)| *y)
                    .map(|y| y.to_string())
                    .unwrap_or_else(|| "YEAR".into());
                return Err(Said::new(
                    format!(
                        "报告年度不一致：{}。请用 --year {main} 只汇总该年度的报告（其他年度的文件会列出、不计入），或删去不属于本次汇总的文件；确实要合并不同年度请加 --allow-mixed。",
                        parts(true).join("；")
                    ),
                    format!(
                        "the reports are of several years: {}. Use --year {main} to total that year only (the others are listed and left out), or remove the files that do not belong; add --allow-mixed to total them anyway.",
                        parts(false).join("; ")
                    ),
                ));
            }
            years.first().and_then(|(y, _)| *y)
        }
    };
    // One report per agency: the roster's entry when matched, else the name; never merge
    // unnamed reports. Each group is its first report and the others (none, mostly), the groups
    // in the order of their first reports. The reports are sorted by a hash of their key, and
    // only reports sharing a hash are told apart by the key itself (made again for them): no
    // key is held for every report.
    let twice: Vec<Vec<usize>> =
        zfxxgk_core::round::same_key_groups((0..cands.len()).filter(|&i| keep[i]), |i| {
            let key = zfxxgk_core::aggregate::agency_key(&cands[i].member.agency);
            (!key.is_empty()).then(|| match the_round.matched(i) {
                Some((e, _)) => format!("\u{0}roster#{e}"),
                None => key,
            })
        });
    if !twice.is_empty() {
        match opts.dedupe {
            None => {
                let list = |zh: bool| -> Vec<String> {
                    twice
                        .iter()
                        .map(|idx| {
                            let files: Vec<&str> =
                                idx.iter().map(|&i| file_of(&cands[i])).collect();
                            let name = &cands[idx[0]].member.agency;
                            if zh {
                                format!("{name}（{}）", files.join("、"))
                            } else {
                                format!("{name} ({})", files.join(", "))
                            }
                        })
                        .collect()
                };
                return Err(Said::new(
                    format!(
                        "同一机关的报告出现了不止一次：{}。请删去多余的文件，或用 --dedupe first（保留排在前面的文件）或 --dedupe last（保留排在后面的文件）；未选用的文件会列在文件清单中。",
                        list(true).join("；")
                    ),
                    format!(
                        "the same agency appears more than once: {}. Remove the extra files, or choose --dedupe first or --dedupe last; the files not used are listed in the file list.",
                        list(false).join("; ")
                    ),
                ));
            }
            Some(last) => {
                for idx in &twice {
                    let kept = if last { idx[idx.len() - 1] } else { idx[0] };
                    for &i in idx.iter().filter(|&&i| i != kept) {
                        keep[i] = false;
                        let k = file_of(&cands[kept]);
                        why[i] = said(
                            format!("同一单位的另一份报告，保留的是 {k}"),
                            format!("another report of the same agency; {k} was kept"),
                        );
                    }
                }
            }
        }
    }
    // What the file list says of the reports kept.
    for (i, c) in cands.iter().enumerate().filter(|(i, _)| keep[*i]) {
        let report = &c.member;
        let mut notes_zh: Vec<String> = Vec::new();
        let mut notes_en: Vec<String> = Vec::new();
        if report.agency.trim().is_empty() {
            notes_zh.push("没有机关名称，单独计为一个单位".into());
            notes_en.push("names no agency; counted as an agency of its own".into());
        } else if report.named_by_file {
            notes_zh.push("机关名称取自文件名".into());
            notes_en.push("agency name taken from the file name".into());
        }
        if let Some(roster) = opts.roster {
            match the_round.matched(i) {
                Some((_, Matched::Exact)) => {}
                Some((e, Matched::Alias(a))) => {
                    let n = &roster.entries[*e].name;
                    notes_zh.push(format!("按别名“{a}”对应名单中的 {n}"));
                    notes_en.push(format!("matched {n} by its alias “{a}”"));
                }
                Some((e, Matched::Near)) => {
                    let n = &roster.entries[*e].name;
                    notes_zh.push(format!("名称相近，按名单中的 {n} 计，请确认"));
                    notes_en.push(format!("a near name, taken as {n}; please confirm"));
                }
                None if !report.agency.trim().is_empty() => {
                    notes_zh.push("不在应报单位名单中".into());
                    notes_en.push("not in the roster".into());
                }
                None => {}
            }
        }
        if !notes_zh.is_empty() {
            why[i] = said(
                format!("已计入汇总（{}）", notes_zh.join("；")),
                format!("in the total ({})", notes_en.join("; ")),
            );
        } else {
            // A kept report is said the usual way, whatever was said of it before.
            why[i] = None;
        }
    }
    let mut tails = Vec::new();
    if let Some(roster) = opts.roster {
        for &e in &the_round.missing {
            tails.push(Listed {
                file: String::new(),
                agency: roster.entries[e].name.clone(),
                year: None,
                included: false,
                unreadable: false,
                why: Said::new(
                    "名单中的单位，未收到其报告",
                    "in the roster; no report came in",
                ),
            });
        }
    }
    let members = keep.iter().filter(|k| **k).count();
    let member_files = {
        let mut of_members = vec![false; files.len()];
        for (c, _) in cands.iter().zip(&keep).filter(|(_, k)| **k) {
            of_members[c.file as usize] = true;
        }
        // By name: a file given twice is one file.
        files
            .iter()
            .zip(of_members)
            .filter(|(_, m)| *m)
            .map(|(f, _)| &*f.name)
            .collect::<std::collections::HashSet<&str>>()
            .len()
    };
    Ok(Plan {
        heads,
        files,
        reports: cands,
        keep,
        why,
        tails,
        members,
        member_files,
        year,
        round_text,
    })
}

#[cfg(test)]
mod tests {
    use zfxxgk_core::Edition;

    use super::*;
    use crate::error::InputError;
    use crate::summary::{At, FileRead, Member};

    fn member(agency: &str) -> Member {
        Member {
            agency: agency.into(),
            headline: None,
            at: At::default(),
            year: Some(2024),
            errors: 0,
            warnings: 0,
            edition: Edition::V2021,
            named_by_file: false,
        }
    }

    #[test]
    fn the_round_json_counts_the_main_year_and_lists_the_others_and_files_without_one() {
        let sub = |file, year| Submission {
            file,
            digest: 0,
            agency: file,
            named_by_file: false,
            year,
        };
        let years = |subs: &[Submission]| {
            let r = zfxxgk_core::round::round(subs, None);
            let input = RoundInput {
                subs,
                roster: None,
                own_summaries: &[],
                unreadable: &[],
            };
            round_json(&input, &r)["years"].clone()
        };
        let subs = [
            sub("a", Some(2024)),
            sub("b", Some(2024)),
            sub("c", Some(2023)),
        ];
        assert_eq!(
            years(&subs),
            json!([{"year": 2024, "reports": 2}, {"year": 2023, "reports": 1, "files": ["c"]}])
        );
        let subs = [sub("a", None), sub("b", None), sub("c", Some(2023))];
        assert_eq!(
            years(&subs),
            json!([
                {"year": null, "reports": 2, "files": ["a", "b"]},
                {"year": 2023, "reports": 1, "files": ["c"]}
            ])
        );
    }

    /// Files read: one of three reports (one unnamed), agencies given twice in other files, a
    /// byte-identical copy, an unreadable file and the same file given twice.
    fn intake() -> Intake {
        let mut intake = Intake::default();
        let file = |path: &str, digest, agencies: &[&str]| {
            (
                path.to_string(),
                Ok(FileRead {
                    digest,
                    own_summary: false,
                    members: agencies.iter().map(|a| member(a)).collect(),
                }),
            )
        };
        intake.add(("坏.json".to_string(), Err(InputError::NoReport)));
        intake.add(file("a.json", 1, &["甲局", "乙局", ""]));
        intake.add(file("b.xlsx", 2, &["乙局"]));
        intake.add(file("c.xlsx", 3, &["甲局"]));
        intake.add(file("d.xlsx", 4, &["丙局"]));
        intake.add(file("d - 副本.xlsx", 4, &["丙局"]));
        intake.add(file("e.xlsx", 5, &["丁局"]));
        intake.add(file("e.xlsx", 5, &["丁局"]));
        intake
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
        let refusal = plan(intake(), options(None)).unwrap_err();
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
        let p = plan(intake(), options(Some(true))).unwrap();
        let members: Vec<(&str, &str)> = p.members().map(|(f, m)| (f, &*m.agency)).collect();
        assert_eq!(
            members,
            [
                ("a.json", ""),
                ("b.xlsx", "乙局"),
                ("c.xlsx", "甲局"),
                ("d.xlsx", "丙局"),
                ("e.xlsx", "丁局"),
            ]
        );
        assert_eq!((p.member_count(), p.member_files()), (5, 5));
        let listed: Vec<(String, String, bool, String)> = p
            .files()
            .map(|l| {
                (
                    l.file.clone(),
                    l.agency.clone(),
                    l.included,
                    l.reason(Lang::Zh).into(),
                )
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
    }
}
