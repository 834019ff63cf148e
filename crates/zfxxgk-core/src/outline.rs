//! The outline of a published report and the problems of its structure and identity.
//!
//! The import of running text (text, web pages, Word, PDF) records an [`Outline`] in
//! [`Report::outline`]: the title as printed, the opening sentence's agency (本报告由…编制), the
//! statistics period (统计期限自…至…), the page's publisher, and every heading line seen, each with
//! its location and how it matched an official heading. [`problems`] reads a report (its outline
//! when it has one, its section texts always) and returns every structure or identity problem it
//! finds, each carrying what a message needs. It decides no severity and writes no message.
//!
//! Deliberately not detected: a heading with words added or dropped beyond a small edit distance
//! (`一、2024年总体情况`), enumerations by `第一/第二`, `首先/其次` or `1./2.`, a self-reference
//! naming another agency of the same place (`某某县人民政府` in the report of a 某某县 bureau),
//! and whether the improvements of section 五 answer last year's problems (any wording of
//! improvement counts).

use crate::Edition;
use crate::layout::Layout;
use crate::normalize::{half_width, is_space, normalize_label};
use crate::report::{Location, Report};

/// What the import read of a published report's running text.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Outline {
    /// The title as printed (its lines joined), or the file's title property.
    pub title: Option<Title>,
    /// The opening sentence's agency: `本报告由X根据…编制`.
    pub opening: Option<Opening>,
    /// The statistics period: `统计期限自X年1月1日起至Y年12月31日止`.
    pub period: Option<Period>,
    /// The publisher the file declares ([`crate::grid::Document::publisher`]).
    pub publisher: Option<String>,
    /// Every heading line seen, in document order: the six sections as written (official,
    /// variant, with a typo or the wrong number) and other numbered short lines (`七、附件`).
    pub headings: Vec<Heading>,
    /// The sub-headings `（一）…` of section 一, in order.
    pub subheadings: Vec<SubHeading>,
}

/// The title of a report.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Title {
    /// As printed, its lines joined (`义马市交通运输局2024 年政府信息公开工作年度报告`).
    pub text: String,
    /// The agency before the year, if any.
    pub agency: Option<String>,
    /// The year.
    pub year: Option<i32>,
    /// The title's first line; `None` for the file's title property.
    pub location: Option<Location>,
}

/// The opening sentence naming the agency that compiled the report.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Opening {
    /// The agency, as written (without spaces).
    pub agency: String,
    /// The line or paragraph.
    pub location: Location,
}

/// A day of a statistics period.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Day {
    /// Year.
    pub year: i32,
    /// Month (1-based).
    pub month: u32,
    /// Day of the month.
    pub day: u32,
}

impl Day {
    /// `2023年1月1日`.
    pub fn new(year: i32, month: u32, day: u32) -> Day {
        Day { year, month, day }
    }
}

/// The statistics period the report states.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Period {
    /// As written (`统计期限自2023年1月1日至2023年12月31日`, without spaces).
    pub text: String,
    /// The first day.
    pub start: Day,
    /// The last day (its year is the first day's when not written: `自2023年1月1日至12月31日`).
    pub end: Day,
    /// The line or paragraph.
    pub location: Location,
}

/// How a heading line matched the headings of the layout.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum HeadingKind {
    /// The official heading, verbatim.
    Official,
    /// A variant the layout accepts (`其他事项`).
    Variant(&'static str),
    /// An official heading or variant with a typo: the one it is nearest to.
    Typo(&'static str),
    /// A numbered short line that is no heading of the report.
    Other,
    /// A section's number with other words (`一、工作概述`), where that section has no heading.
    Renamed,
}

/// One heading line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Heading {
    /// As written (trimmed).
    pub text: String,
    /// The line or paragraph.
    pub location: Location,
    /// The section it heads, by id; `None` for [`HeadingKind::Other`].
    pub section: Option<&'static str>,
    /// The numbering as written (`一、`, `三．`, `第五部分`, `（一）`, `1.`), `None` when none.
    pub numbering: Option<String>,
    /// The number the numbering stands for.
    pub number: Option<u32>,
    /// Whether the numbering is the official one for the section (`一、` or `一．`, `一.`,
    /// `一 `, `第一部分`, with the section's numeral).
    pub numbered_right: bool,
    /// How the words matched.
    pub kind: HeadingKind,
}

/// A sub-heading `（一）主动公开` of section 一.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SubHeading {
    /// The number (1 for `（一）`).
    pub number: u32,
    /// As written, up to the first full stop.
    pub text: String,
    /// The line or paragraph.
    pub location: Option<Location>,
}

// ---------------------------------------------------------------------------------------------
// Problems
// ---------------------------------------------------------------------------------------------

/// How a list is enumerated in the narrative.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Enumeration {
    /// `一是…二是…三是`.
    Shi,
    /// `一要…二要…`.
    Yao,
    /// Paragraphs starting `（一）`, `（二）`….
    Paren,
}

impl Enumeration {
    /// The marker of a number as written in this style (`三是`, `（三）`).
    pub fn marker(self, n: u32) -> String {
        let numeral = chinese_numeral(n);
        match self {
            Enumeration::Shi => format!("{numeral}是"),
            Enumeration::Yao => format!("{numeral}要"),
            Enumeration::Paren => format!("（{numeral}）"),
        }
    }
}

/// Where an agency name was read.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum AgencySource {
    /// The title.
    Title,
    /// The opening sentence (本报告由…编制).
    Opening,
    /// The page's or document's metadata ([`crate::grid::Document::publisher`]).
    Publisher,
}

/// A mention of another agency in the narrative.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Mention {
    /// The section, by id.
    pub section: &'static str,
    /// The clause, as written (up to the verb after the name).
    pub excerpt: String,
    /// Where.
    pub location: Option<Location>,
}

/// A problem of the structure or identity of a report. Section fields are section ids
/// (`overview` … `other`); `no` fields the official numeral (`一`); texts are as written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Problem {
    /// No heading of a section was found.
    SectionMissing {
        /// The section.
        section: &'static str,
        /// Its numeral.
        no: &'static str,
        /// Its official heading.
        heading: &'static str,
    },
    /// A section's heading comes after the heading of a later section.
    SectionOutOfOrder {
        /// The section.
        section: &'static str,
        /// Its numeral.
        no: &'static str,
        /// The heading as written.
        written: String,
        /// Where.
        location: Location,
        /// The later section whose heading came before.
        after: &'static str,
        /// That section's numeral.
        after_no: &'static str,
        /// Where that heading is.
        after_location: Location,
    },
    /// A section's heading appears again.
    SectionRepeated {
        /// The section.
        section: &'static str,
        /// Its numeral.
        no: &'static str,
        /// The repeated heading as written.
        written: String,
        /// Where it is repeated.
        location: Location,
        /// Where the section's heading first appeared.
        first: Location,
    },
    /// A heading with a typo.
    HeadingTypo {
        /// The section.
        section: &'static str,
        /// The heading as written (`一、总题情况`).
        written: String,
        /// The official heading with its numeral (`一、总体情况`), or the accepted variant it is
        /// nearest to.
        official: String,
        /// Where.
        location: Location,
    },
    /// A section headed by its number with other words (`一、工作概述` for `一、总体情况`).
    HeadingRenamed {
        /// The section.
        section: &'static str,
        /// The heading as written.
        written: String,
        /// The official heading with its numeral.
        official: String,
        /// Where.
        location: Location,
    },
    /// A heading numbered with another numeral or in another style (`三、主动公开政府信息情况`,
    /// `（五）存在的主要问题及改进情况`, `总体情况` without a number).
    HeadingNumber {
        /// The section.
        section: &'static str,
        /// The heading as written.
        written: String,
        /// The numbering as written; `None` when the heading has none.
        numbering: Option<String>,
        /// The official numeral.
        no: &'static str,
        /// Where.
        location: Location,
    },
    /// An enumeration skips a number (`一是…三是`, or starts at `二是`).
    EnumerationSkipped {
        /// The section.
        section: &'static str,
        /// The style.
        style: Enumeration,
        /// The marker expected (`二是`).
        expected: String,
        /// The marker found (`三是`).
        found: String,
        /// The marker before it (`一是`), `None` when the list starts with the one found.
        previous: Option<String>,
        /// The clause starting with the marker found.
        excerpt: String,
        /// Where.
        location: Option<Location>,
    },
    /// An enumeration repeats a number (`三是…三是`).
    EnumerationRepeated {
        /// The section.
        section: &'static str,
        /// The style.
        style: Enumeration,
        /// The marker repeated (`三是`).
        marker: String,
        /// The marker before it.
        previous: String,
        /// The clause starting with the repeated marker.
        excerpt: String,
        /// Where it is repeated.
        location: Option<Location>,
        /// Where it was first used in the same list.
        first: Option<Location>,
    },
    /// Section 五 does not say how problems were addressed or will be (no 整改, 改进, 落实, 完善,
    /// 解决, 改善, 针对, 加强, 提升 … wording), or only says what will be done without how last
    /// year's problems were addressed (nothing done — 整改, 已解决, 得到改善 — and no word of last
    /// year with an improvement), or is empty.
    ImprovementMissing {
        /// True when the section has no text at all.
        empty: bool,
        /// True when it says how problems will be addressed, but not how last year's were.
        plans_only: bool,
        /// The section's heading or first text.
        location: Option<Location>,
    },
    /// Section 六 says something but not the 信息处理费 charged (report years from 2021).
    FeesNotStated {
        /// The start of the section's text.
        excerpt: String,
        /// Where.
        location: Option<Location>,
    },
    /// The title's year is not the report's year.
    TitleYear {
        /// The title as written.
        written: String,
        /// The title's year.
        year: i32,
        /// The report's year.
        report_year: i32,
        /// Where.
        location: Option<Location>,
    },
    /// The statistics period is not 1 January to 31 December of the report's year.
    PeriodYear {
        /// The period as written.
        written: String,
        /// Its first day.
        start: Day,
        /// Its last day.
        end: Day,
        /// The report's year.
        report_year: i32,
        /// Where.
        location: Location,
    },
    /// A paragraph of section 一 starts with another year (`2024年，…` in the report for 2023).
    NarrativeYear {
        /// The section.
        section: &'static str,
        /// The year written.
        year: i32,
        /// The report's year.
        report_year: i32,
        /// The clause.
        excerpt: String,
        /// Where.
        location: Option<Location>,
    },
    /// Two places name different agencies (title, opening sentence, publisher).
    AgencyMismatch {
        /// Where the agency of reference was read (the title, else the opening sentence).
        reference: AgencySource,
        /// That agency.
        reference_name: String,
        /// Where.
        reference_location: Option<Location>,
        /// Where the other name was read.
        source: AgencySource,
        /// The other name.
        name: String,
        /// Where.
        location: Option<Location>,
    },
    /// The narrative speaks of itself as another agency of another place (`2024年，义马市交通运输局
    /// 高度重视…` in the report of 某某县市场监督管理局): text copied from another report.
    NarrativeAgency {
        /// The agency the narrative names.
        name: String,
        /// The report's agency.
        agency: String,
        /// Every clause naming it, in order.
        mentions: Vec<Mention>,
    },
}

impl Problem {
    /// The section a problem is about, if it is about one.
    pub fn section(&self) -> Option<&'static str> {
        match self {
            Problem::SectionMissing { section, .. }
            | Problem::SectionOutOfOrder { section, .. }
            | Problem::SectionRepeated { section, .. }
            | Problem::HeadingTypo { section, .. }
            | Problem::HeadingRenamed { section, .. }
            | Problem::HeadingNumber { section, .. }
            | Problem::EnumerationSkipped { section, .. }
            | Problem::EnumerationRepeated { section, .. }
            | Problem::NarrativeYear { section, .. } => Some(section),
            Problem::ImprovementMissing { .. } => Some("problems"),
            Problem::FeesNotStated { .. } => Some("other"),
            Problem::TitleYear { .. }
            | Problem::PeriodYear { .. }
            | Problem::AgencyMismatch { .. }
            | Problem::NarrativeAgency { .. } => None,
        }
    }
}

/// Every structure and identity problem of a report: headings (from its outline, when it was
/// read from running text), enumerations, sections 五 and 六, years and agencies. A report without
/// outline and without narrative (a workbook without 报告正文, JSON, CSV) gives at most year and
/// agency problems of its narrative.
pub fn problems(report: &Report) -> Vec<Problem> {
    let mut out = Vec::new();
    let outline = report.outline.as_deref();
    if let Some(outline) = outline {
        heading_problems(report.layout(), outline, &mut out);
    }
    for section in report
        .layout()
        .sections
        .iter()
        .filter(|s| s.table.is_none())
    {
        enumeration_problems(report, section.id, &mut out);
    }
    let has_narrative = report
        .sections()
        .any(|(s, text)| s.table.is_none() && !text.trim_matches(is_space).is_empty());
    let heading_seen =
        |id: &str| outline.is_none_or(|o| o.headings.iter().any(|h| h.section == Some(id)));
    // Without an outline (a workbook's 报告正文, JSON) an empty 五 may simply not have been
    // filled in; only what it says is judged.
    let problems_written = !report.section("problems").trim_matches(is_space).is_empty();
    if (outline.is_some() || (has_narrative && problems_written)) && heading_seen("problems") {
        improvement_problem(report, outline, &mut out);
    }
    let from_2021 = report
        .year
        .map_or(report.edition == Edition::V2021, |y| y >= 2021);
    if from_2021 {
        fee_problem(report, &mut out);
    }
    year_problems(report, outline, &mut out);
    if let Some(outline) = outline {
        agency_problems(outline, &mut out);
    }
    narrative_agency_problem(report, outline, &mut out);
    out
}

fn heading_problems(layout: &Layout, outline: &Outline, out: &mut Vec<Problem>) {
    // A document with no section heading at all holds the tables only (a statistics page, a
    // sheet saved as a web page): it is not a report text whose sections could be missing.
    if outline.headings.iter().all(|h| h.section.is_none()) {
        return;
    }
    let index = |id: &str| layout.sections.iter().position(|s| s.id == id);
    // `（一）主动公开政府信息情况` under 一、总体情况, when the section has its own heading numbered
    // as it should be elsewhere: a sub-heading with the section's words, not the section's heading.
    let sub_heading = |h: &Heading| {
        h.numbering
            .as_deref()
            .is_some_and(|n| n.starts_with(['(', '（']))
            && outline
                .headings
                .iter()
                .any(|o| o.section.is_some() && o.section == h.section && o.numbered_right)
    };
    // The first heading of each section, in document order.
    let mut firsts: Vec<(usize, &Heading)> = Vec::new();
    for h in outline.headings.iter().filter(|h| !sub_heading(h)) {
        let Some(i) = h.section.and_then(index) else {
            continue;
        };
        let section = &layout.sections[i];
        if let Some((_, first)) = firsts.iter().find(|(j, _)| *j == i) {
            out.push(Problem::SectionRepeated {
                section: section.id,
                no: section.no,
                written: h.text.clone(),
                location: h.location.clone(),
                first: first.location.clone(),
            });
        } else {
            if let Some((j, later)) = firsts
                .iter()
                .filter(|(j, _)| *j > i)
                .max_by_key(|(j, _)| *j)
            {
                let after = &layout.sections[*j];
                out.push(Problem::SectionOutOfOrder {
                    section: section.id,
                    no: section.no,
                    written: h.text.clone(),
                    location: h.location.clone(),
                    after: after.id,
                    after_no: after.no,
                    after_location: later.location.clone(),
                });
            }
            firsts.push((i, h));
        }
        if let HeadingKind::Typo(nearest) = h.kind {
            let official = if nearest == section.heading {
                format!("{}、{}", section.no, section.heading)
            } else {
                format!("{}、{}", section.no, nearest)
            };
            out.push(Problem::HeadingTypo {
                section: section.id,
                written: h.text.clone(),
                official,
                location: h.location.clone(),
            });
        }
        if h.kind == HeadingKind::Renamed {
            out.push(Problem::HeadingRenamed {
                section: section.id,
                written: h.text.clone(),
                official: format!("{}、{}", section.no, section.heading),
                location: h.location.clone(),
            });
        }
        if !h.numbered_right {
            out.push(Problem::HeadingNumber {
                section: section.id,
                written: h.text.clone(),
                numbering: h.numbering.clone(),
                no: section.no,
                location: h.location.clone(),
            });
        }
    }
    for (i, section) in layout.sections.iter().enumerate() {
        if !firsts.iter().any(|(j, _)| *j == i) {
            out.push(Problem::SectionMissing {
                section: section.id,
                no: section.no,
                heading: section.heading,
            });
        }
    }
}

/// Characters that make a word with a numeral after them (唯一, 之一, 统一, 第二, 再三 …): a
/// numeral after one of them does not start an enumeration item.
const WORD_BEFORE_NUMERAL: &str = "唯统之其第万单同专逐归合划不每任某另初再均星周";

/// One enumeration marker in a text.
struct Marker {
    style: Enumeration,
    number: u32,
    offset: usize,
}

fn markers(text: &str) -> Vec<Marker> {
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let mut out = Vec::new();
    let mut line_start = true;
    let mut i = 0;
    while i < chars.len() {
        let (offset, c) = chars[i];
        if c == '\n' {
            line_start = true;
            i += 1;
            continue;
        }
        if line_start && is_space(c) {
            i += 1;
            continue;
        }
        if line_start && matches!(c, '(' | '（') {
            let rest: Vec<char> = chars[i + 1..].iter().map(|(_, c)| *c).take(4).collect();
            if let Some((n, len)) = parse_chinese_number(&rest)
                && matches!(rest.get(len), Some(')' | '）'))
            {
                out.push(Marker {
                    style: Enumeration::Paren,
                    number: n,
                    offset,
                });
            }
        }
        line_start = false;
        let before = i.checked_sub(1).map(|j| chars[j].1);
        // `一是` after a word it belongs to (唯一是, 之一是, 统一是, 第一是, 十一是) is not a
        // marker; after any other character it is (`下一步，我局将一是…二是…`).
        let free = before.is_none_or(|b| {
            !(b.is_ascii_alphanumeric()
                || is_chinese_digit(b)
                || (is_ideograph(b) && WORD_BEFORE_NUMERAL.contains(b)))
        });
        if free && is_chinese_digit(c) {
            let rest: Vec<char> = chars[i..].iter().map(|(_, c)| *c).take(4).collect();
            if let Some((n, len)) = parse_chinese_number(&rest) {
                let style = match rest.get(len) {
                    Some('是') => Some(Enumeration::Shi),
                    Some('要') => Some(Enumeration::Yao),
                    _ => None,
                };
                if let Some(style) = style {
                    out.push(Marker {
                        style,
                        number: n,
                        offset,
                    });
                }
                i += len;
                continue;
            }
        }
        i += 1;
    }
    out
}

/// The clause starting at `offset`: up to a full stop, a semicolon or the end of the line, at
/// most 30 characters.
fn clause_at(text: &str, offset: usize) -> String {
    text[offset..]
        .chars()
        .take_while(|c| !matches!(c, '。' | '；' | ';' | '\n'))
        .take(30)
        .collect::<String>()
        .trim_end_matches(['，', ','])
        .to_string()
}

fn enumeration_problems(report: &Report, section: &'static str, out: &mut Vec<Problem>) {
    let text = report.section(section);
    let found = markers(text);
    for style in [Enumeration::Shi, Enumeration::Yao, Enumeration::Paren] {
        // The numbers of the current list with the offset where each was first used.
        let mut run: Vec<(u32, usize)> = Vec::new();
        for m in found.iter().filter(|m| m.style == style) {
            let location = report.text_location(section, m.offset).cloned();
            let previous = run.last().map(|(n, _)| *n);
            match previous {
                _ if m.number == 1 => run.clear(),
                None => out.push(Problem::EnumerationSkipped {
                    section,
                    style,
                    expected: style.marker(1),
                    found: style.marker(m.number),
                    previous: None,
                    excerpt: clause_at(text, m.offset),
                    location,
                }),
                Some(p) if m.number == p + 1 => {}
                Some(p) if m.number > p + 1 => out.push(Problem::EnumerationSkipped {
                    section,
                    style,
                    expected: style.marker(p + 1),
                    found: style.marker(m.number),
                    previous: Some(style.marker(p)),
                    excerpt: clause_at(text, m.offset),
                    location,
                }),
                Some(p) => {
                    let first = run
                        .iter()
                        .find(|(n, _)| *n == m.number)
                        .and_then(|(_, at)| report.text_location(section, *at).cloned());
                    out.push(Problem::EnumerationRepeated {
                        section,
                        style,
                        marker: style.marker(m.number),
                        previous: style.marker(p),
                        excerpt: clause_at(text, m.offset),
                        location,
                        first,
                    });
                    run.retain(|(n, _)| *n < m.number);
                }
            }
            run.push((m.number, m.offset));
        }
    }
}

/// Words that say how problems were or will be addressed.
#[rustfmt::skip]
const IMPROVEMENT_WORDS: &[&str] = &[
    "整改", "改进", "落实", "完善", "解决", "改善", "针对", "加强", "提升", "提高", "推进",
    "优化", "健全", "强化", "规范", "下一步", "努力", "着力", "加大", "纠正", "弥补", "补齐",
];

/// Words that say problems were addressed (done, not planned).
#[rustfmt::skip]
const ADDRESSED_WORDS: &[&str] = &[
    "整改", "已改进", "得到改进", "有所改进", "改进了", "已解决", "得到解决", "已落实",
    "得到落实", "改善", "改观", "已完成", "完成了", "已纠正", "得到纠正", "已补齐",
];

/// Words that refer to last year (besides the year before the report's, written out).
const LAST_YEAR_WORDS: &[&str] = &["上年", "上一年", "去年", "以往", "往年", "前期"];

/// Whether section 五 says how problems — last year's — were addressed: words of a thing done
/// (整改, 已解决, 得到改善 …), or last year named together with an improvement.
fn addresses_last_year(text: &str, year: Option<i32>) -> bool {
    if ADDRESSED_WORDS.iter().any(|w| text.contains(w)) {
        return true;
    }
    let last = year.map(|y| format!("{}年", y - 1));
    let names_last_year =
        LAST_YEAR_WORDS.iter().any(|w| text.contains(w)) || last.is_some_and(|l| text.contains(&l));
    names_last_year && IMPROVEMENT_WORDS.iter().any(|w| text.contains(w))
}

fn improvement_problem(report: &Report, outline: Option<&Outline>, out: &mut Vec<Problem>) {
    let text = report.section("problems");
    let empty = text.trim_matches(is_space).is_empty();
    let compact: String = text.chars().filter(|c| !is_space(*c)).collect();
    let improves = !empty && IMPROVEMENT_WORDS.iter().any(|w| compact.contains(w));
    if improves && addresses_last_year(&compact, report.year) {
        return;
    }
    let location = report.text_location("problems", 0).cloned().or_else(|| {
        outline.and_then(|o| {
            o.headings
                .iter()
                .find(|h| h.section == Some("problems"))
                .map(|h| h.location.clone())
        })
    });
    out.push(Problem::ImprovementMissing {
        empty,
        plans_only: improves,
        location,
    });
}

/// True when section 六 says there is nothing to report (`无`, `无。`, `本年度无其他需要报告的事项`).
fn says_nothing(text: &str) -> bool {
    let t: String = text
        .chars()
        .filter(|c| is_ideograph(*c) || c.is_ascii_alphanumeric())
        .collect();
    t.chars().count() <= 30
        && ["无", "没有", "暂无", "不存在"]
            .iter()
            .any(|w| t.contains(w))
}

fn mentions_fees(text: &str) -> bool {
    text.contains("处理费")
        || text.contains("收费")
        || text.contains("费用")
        || (text.contains("收取") && text.contains('费'))
}

fn fee_problem(report: &Report, out: &mut Vec<Problem>) {
    let text = report.section("other").trim_matches(is_space);
    if text.is_empty() || says_nothing(text) || mentions_fees(text) {
        return;
    }
    out.push(Problem::FeesNotStated {
        excerpt: text.chars().take(40).collect(),
        location: report.text_location("other", 0).cloned(),
    });
}

fn year_problems(report: &Report, outline: Option<&Outline>, out: &mut Vec<Problem>) {
    let title = outline.and_then(|o| o.title.as_ref());
    let title_year = title.and_then(|t| t.year);
    if let (Some(t), Some(year), Some(report_year)) = (title, title_year, report.year)
        && year != report_year
    {
        out.push(Problem::TitleYear {
            written: t.text.clone(),
            year,
            report_year,
            location: t.location.clone(),
        });
    }
    let period = outline.and_then(|o| o.period.as_ref());
    let reference = report.year.or(title_year).or(period.map(|p| p.start.year));
    if let (Some(p), Some(y)) = (period, reference)
        && (p.start != Day::new(y, 1, 1) || p.end != Day::new(y, 12, 31))
    {
        out.push(Problem::PeriodYear {
            written: p.text.clone(),
            start: p.start,
            end: p.end,
            report_year: y,
            location: p.location.clone(),
        });
    }
    if let Some(y) = reference {
        narrative_years(report, y, out);
    }
}

/// The year a clause starts with (`2024年，`, `2024 年度，`), if it does.
fn leading_year(text: &str, start: usize) -> Option<i32> {
    let t: String = text[start..]
        .chars()
        .filter(|c| !is_space(*c))
        .take(8)
        .map(half_width)
        .collect();
    let digits: String = t.chars().take_while(char::is_ascii_digit).collect();
    if digits.len() != 4 {
        return None;
    }
    let after = &t[4..];
    let after = after
        .strip_prefix("年度")
        .or_else(|| after.strip_prefix('年'));
    if !after.is_some_and(|a| a.starts_with(',')) {
        return None;
    }
    digits.parse::<i32>().ok()
}

/// Paragraphs (and sentences) of section 一 that start `YYYY年，` with another year; not in a
/// paragraph that also has a sentence starting with the report's year (`2021年，我县完成网站迁移。
/// 2022年，…`: a look back, not a leftover).
fn narrative_years(report: &Report, report_year: i32, out: &mut Vec<Problem>) {
    let section = "overview";
    let text = report.section(section);
    let paragraph_of = |at: usize| {
        let from = text[..at].rfind('\n').map_or(0, |i| i + 1);
        let to = text[at..].find('\n').map_or(text.len(), |i| at + i);
        from..to
    };
    let starts = clause_starts(text, &['\n', '。']);
    for &start in &starts {
        let Some(year) = leading_year(text, start) else {
            continue;
        };
        let paragraph = paragraph_of(start);
        let looks_back = starts
            .iter()
            .any(|&o| paragraph.contains(&o) && leading_year(text, o) == Some(report_year));
        // `2025年，我局将进一步…`: the plans for the year after, not the year reported on.
        let plans = year == report_year + 1 && {
            let clause = clause_at(text, start);
            ["将", "计划", "拟", "力争", "预计", "继续"]
                .iter()
                .any(|w| clause.contains(w))
        };
        if year != report_year && !looks_back && !plans {
            out.push(Problem::NarrativeYear {
                section,
                year,
                report_year,
                excerpt: clause_at(text, start),
                location: report.text_location(section, start).cloned(),
            });
        }
    }
}

/// The byte offsets where clauses start: the start of the text and after each of `after`,
/// skipping spaces.
fn clause_starts(text: &str, after: &[char]) -> Vec<usize> {
    let mut out = Vec::new();
    let mut open = true;
    for (i, c) in text.char_indices() {
        if open && !is_space(c) {
            out.push(i);
            open = false;
        }
        if after.contains(&c) {
            open = true;
        }
    }
    out
}

fn agency_problems(outline: &Outline, out: &mut Vec<Problem>) {
    let title = outline
        .title
        .as_ref()
        .and_then(|t| t.agency.as_ref().map(|a| (a, t.location.clone())));
    let opening = outline
        .opening
        .as_ref()
        .map(|o| (&o.agency, Some(o.location.clone())));
    let (reference, (reference_name, reference_location)) = match (title, opening.clone()) {
        (Some(t), _) => (AgencySource::Title, t),
        (None, Some(o)) => (AgencySource::Opening, o),
        (None, None) => return,
    };
    let mut others = Vec::new();
    if reference == AgencySource::Title
        && let Some((name, location)) = opening
    {
        others.push((AgencySource::Opening, name.clone(), location));
    }
    if let Some(p) = &outline.publisher {
        others.push((AgencySource::Publisher, p.clone(), None));
    }
    for (source, name, location) in others {
        if !same_agency(reference_name, &name) {
            out.push(Problem::AgencyMismatch {
                reference,
                reference_name: reference_name.clone(),
                reference_location: reference_location.clone(),
                source,
                name,
                location,
            });
        }
    }
}

fn agency_key(name: &str) -> String {
    name.chars()
        .map(half_width)
        .filter(|c| !is_space(*c) && !matches!(c, '"' | '“' | '”' | '《' | '》'))
        .collect()
}

/// Whether two names are the same agency: equal after removing spaces and quotes; one
/// containing the other (`某某县人民政府` and its `某某县人民政府办公室`, which compiles the
/// government's report; `义马市交通运输局` and `义马市交通运输局办公室`; a place and its agency);
/// or the shorter an abbreviation of the longer (its characters in order in the longer, ending
/// alike, once a trailing 办公室/办公厅/办 is set aside: `某某县市场监管局` for
/// `某某县市场监督管理局`, `某某县政府办` for `某某县人民政府办公室`).
pub fn same_agency(a: &str, b: &str) -> bool {
    let (a, b) = (agency_key(a), agency_key(b));
    if a.is_empty() || b.is_empty() || a.contains(&b) || b.contains(&a) {
        return true;
    }
    let strip = |s: &str| {
        let s = s.strip_suffix("机关").unwrap_or(s);
        let s = ["办公室", "办公厅", "办"]
            .iter()
            .find_map(|w| s.strip_suffix(w))
            .unwrap_or(s);
        s.to_string()
    };
    let abbreviates = |a: &str, b: &str| {
        let (short, long) = if a.chars().count() <= b.chars().count() {
            (a, b)
        } else {
            (b, a)
        };
        if short.chars().count() < 4 || short.chars().last() != long.chars().last() {
            return false;
        }
        let mut rest = long.chars();
        short.chars().all(|c| rest.any(|l| l == c))
    };
    // `市政府办公厅` for `上海市人民政府办公厅`: abbreviated with the office, or without it.
    abbreviates(&a, &b) || abbreviates(&strip(&a), &strip(&b))
}

/// Words after an agency's name that show the narrative speaks of its own work.
#[rustfmt::skip]
const SELF_VERBS: &[&str] = &[
    "高度重视", "始终", "不断", "认真", "积极", "坚持", "严格", "进一步", "全面", "持续",
    "收到", "共收到", "受理", "主动公开", "扎实", "切实", "深入", "紧紧围绕", "围绕", "全年",
    "共计", "依法", "着力", "大力", "聚焦", "坚决",
];

/// The endings of an agency's name.
#[rustfmt::skip]
const AGENCY_ENDINGS: &[&str] = &[
    "人民政府", "办公室", "办公厅", "委员会", "管委会", "办事处", "政府", "局", "委", "厅",
    "院", "中心",
];

/// Words that start a clause but no agency's name.
#[rustfmt::skip]
const NOT_A_NAME: &[&str] = &[
    "在", "经", "由", "根据", "按照", "依据", "向", "对", "与", "和", "为", "据",
    "从", "我", "本", "全", "各", "该", "通过", "依托", "利用", "借助", "结合", "以", "将",
    "把", "被", "会同", "联合", "配合", "督促", "指导", "协助", "接受", "邀请",
];

/// How many characters may stand between an agency's name and the verb that makes it the
/// subject (`某某县教育局党组高度重视`, `义马市交通运输局信息公开工作始终`).
const NAME_TO_VERB: usize = 8;

/// Words between a name and the verb that make the clause about a channel of the agency's, not
/// the agency itself (`某某市政府门户网站全年主动公开…`).
const NOT_THE_AGENCY: &[&str] = &["网站", "门户", "平台", "专栏", "公众号", "微博", "热线"];

/// The place an agency's name starts with: up to the first 省, 市, 县, 区, 旗, 州, 盟, 镇 or 乡
/// after its first character (`义马市` of `义马市交通运输局`, `某某县` of `某某县市场监督管理局`).
fn place_of(name: &str) -> Option<&str> {
    name.char_indices()
        .skip(1)
        .find(|(_, c)| "省市县区旗州盟镇乡".contains(*c))
        .map(|(i, c)| &name[..i + c.len_utf8()])
}

/// The agency named as the subject of a clause: `[2024年，]义马市交通运输局高度重视…`, with the
/// offset of the clause.
fn subject_agency(text: &str, start: usize) -> Option<String> {
    let run: String = text[start..]
        .chars()
        .take_while(|c| is_ideograph(*c))
        .take(28)
        .collect();
    if NOT_A_NAME.iter().any(|w| run.starts_with(w)) {
        return None;
    }
    let verb = SELF_VERBS.iter().filter_map(|v| run.find(v)).min()?;
    let region = &run[..verb];
    let end = region
        .char_indices()
        .map(|(i, c)| i + c.len_utf8())
        .rev()
        .find(|&e| AGENCY_ENDINGS.iter().any(|s| region[..e].ends_with(s)))?;
    // `通过县政府门户网站乡镇专栏主动公开…`: the verb is not the name's.
    let gap = &region[end..];
    if gap.chars().count() > NAME_TO_VERB || NOT_THE_AGENCY.iter().any(|w| gap.contains(w)) {
        return None;
    }
    let name = &region[..end];
    // `市政府办公厅代表市政府…`: the name is the one that acts, before the verb that joins another.
    let name = [
        "代表", "会同", "联合", "牵头", "指导", "督促", "协调", "配合",
    ]
    .iter()
    .filter_map(|v| name.find(v))
    .min()
    .map_or(name, |i| &name[..i]);
    (name.chars().count() >= 5 && place_of(name).is_some()).then(|| name.to_string())
}

/// Whether a clause is the head of its paragraph after a time phrase (`2024年，…`, `今年以来，…`,
/// `本年度，…`): the place where a report names itself, so that another agency named there — even
/// of the same place — is the report speaking as someone else.
fn year_led(text: &str, start: usize) -> bool {
    let line_start = text[..start].rfind('\n').map_or(0, |i| i + 1);
    let head: String = text[line_start..start]
        .chars()
        .filter(|c| !is_space(*c))
        .collect();
    let head = head.trim_end_matches(['，', ',']);
    head.chars().count() <= 8
        && (head.ends_with('年') || head.ends_with("以来") || head.ends_with("年度"))
        && !head.is_empty()
}

fn narrative_agency_problem(report: &Report, outline: Option<&Outline>, out: &mut Vec<Problem>) {
    let agency = outline
        .and_then(|o| o.title.as_ref())
        .and_then(|t| t.agency.clone())
        .or_else(|| {
            outline
                .and_then(|o| o.opening.as_ref())
                .map(|o| o.agency.clone())
        })
        .unwrap_or_else(|| report.agency.trim().to_string());
    if agency.is_empty() {
        return;
    }
    let own = agency_key(&agency);
    let mut found: Vec<Problem> = Vec::new();
    for (section, text) in report.sections() {
        if section.table.is_some() {
            continue;
        }
        for start in clause_starts(text, &['\n', '。', '；', ';', '，', ',', '！', '？', '：'])
        {
            let Some(name) = subject_agency(text, start) else {
                continue;
            };
            let other_place = place_of(&name).is_some_and(|p| !own.contains(p));
            // A government named at the head of a paragraph is the superior the report speaks
            // of (`2023年，某某县人民政府高度重视…`), not the report speaking as someone else.
            let superior = name.ends_with("政府");
            let self_named = year_led(text, start) && !superior;
            if same_agency(&name, &agency) || !(other_place || self_named) {
                continue;
            }
            let mention = Mention {
                section: section.id,
                excerpt: clause_at(text, start),
                location: report.text_location(section.id, start).cloned(),
            };
            match found
                .iter_mut()
                .find(|p| matches!(p, Problem::NarrativeAgency { name: n, .. } if *n == name))
            {
                Some(Problem::NarrativeAgency { mentions, .. }) => mentions.push(mention),
                _ => found.push(Problem::NarrativeAgency {
                    name,
                    agency: agency.clone(),
                    mentions: vec![mention],
                }),
            }
        }
    }
    out.extend(found);
}

// ---------------------------------------------------------------------------------------------
// Reading (for the import)
// ---------------------------------------------------------------------------------------------

/// A heading line is short.
const HEADING_CHARS: usize = 40;

/// How a line matched as a heading, for the import.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct HeadingMatch {
    /// The section, by index in the layout.
    pub section: Option<usize>,
    pub numbering: Option<String>,
    pub number: Option<u32>,
    pub numbered_right: bool,
    pub kind: HeadingKind,
    /// Text on the same line after the heading and a colon (`六、其他需要报告的事项：无。`).
    pub inline: Option<String>,
}

/// The numbering of a normalised line: (numbering as written in the normalised form, its number,
/// whether it is of the section style `一、`/`第一部分` with a Chinese numeral, the rest).
fn numbering(norm: &str) -> Option<(String, u32, bool, &str)> {
    let chars: Vec<char> = norm.chars().take(8).collect();
    // 第一部分
    if chars.first() == Some(&'第')
        && let Some((n, len)) = parse_chinese_number(&chars[1..])
        && chars[1 + len..].starts_with(&['部', '分'])
    {
        let mut end: usize = chars[..3 + len].iter().map(|c| c.len_utf8()).sum();
        if let Some(c) = norm[end..]
            .chars()
            .next()
            .filter(|c| matches!(c, '.' | ',' | ':'))
        {
            end += c.len_utf8();
        }
        return Some((norm[..end].to_string(), n, true, &norm[end..]));
    }
    // (一)
    if chars.first() == Some(&'(')
        && let Some((n, len)) = parse_chinese_number(&chars[1..])
        && chars.get(1 + len) == Some(&')')
    {
        let end: usize = chars[..2 + len].iter().map(|c| c.len_utf8()).sum();
        return Some((norm[..end].to_string(), n, false, &norm[end..]));
    }
    // 1. / 1、
    let digits: String = chars.iter().take_while(|c| c.is_ascii_digit()).collect();
    if !digits.is_empty() && chars.get(digits.len()) == Some(&'.') {
        let end = digits.len() + 1;
        return Some((
            norm[..end].to_string(),
            digits.parse().ok()?,
            false,
            &norm[end..],
        ));
    }
    // 一、 一. 一, 一 (spaces are gone)
    if let Some((n, len)) = parse_chinese_number(&chars)
        && n <= 10
    {
        let mut end: usize = chars[..len].iter().map(|c| c.len_utf8()).sum();
        if let Some(c) = norm[end..]
            .chars()
            .next()
            .filter(|c| matches!(c, '.' | ','))
        {
            end += c.len_utf8();
        }
        return Some((norm[..end].to_string(), n, true, &norm[end..]));
    }
    None
}

/// The edit distance between two strings, in characters.
fn edit_distance(a: &str, b: &str) -> usize {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.iter().enumerate() {
        let mut cur = vec![i + 1; b.len() + 1];
        for (j, cb) in b.iter().enumerate() {
            let cost = usize::from(ca != cb);
            cur[j + 1] = (prev[j] + cost).min(prev[j + 1] + 1).min(cur[j] + 1);
        }
        prev = cur;
    }
    prev[b.len()]
}

/// How many characters of a heading may be wrong for a line to be that heading with a typo.
fn typo_allowance(heading: &str) -> usize {
    (heading.chars().count() / 4).max(1)
}

/// Classifies a line as a heading: a section's heading (official, variant, with a typo, with the
/// wrong number), another numbered short line, or none. Typos are only recognised on lines
/// numbered like a section (`一、`, `一．`, `一 `, `第一部分`).
pub(crate) fn classify_heading(layout: &Layout, line: &str) -> Option<HeadingMatch> {
    let line = line.trim_matches(is_space);
    // A colon followed by text: the heading is before it.
    let colon = line.find([':', '：']);
    let (head, inline) = match colon {
        Some(i) => {
            let rest = line[i..]
                .trim_start_matches([':', '：'])
                .trim_matches(is_space);
            (&line[..i], (!rest.is_empty()).then(|| rest.to_string()))
        }
        None => (line, None),
    };
    if head
        .chars()
        .filter(|c| !is_space(*c))
        .take(HEADING_CHARS + 1)
        .count()
        > HEADING_CHARS
    {
        return None;
    }
    let norm = normalize_label(head);
    let (numbering, number, section_style, rest) = match numbering(&norm) {
        // The numbering as written: as many characters of the line, spaces aside.
        Some((n, no, style, rest)) => {
            let written: String = head
                .chars()
                .filter(|c| !is_space(*c))
                .take(n.chars().count())
                .collect();
            (Some(written), Some(no), style, rest)
        }
        None => (None, None, false, norm.as_str()),
    };
    let rest = strip_remark(rest);
    if rest.is_empty() {
        return None;
    }
    let right = |i: usize| {
        let no: Vec<char> = layout.sections[i].no.chars().collect();
        section_style && number.is_some() && parse_chinese_number(&no).map(|(n, _)| n) == number
    };
    let candidates = || {
        layout.sections.iter().enumerate().flat_map(|(i, s)| {
            std::iter::once((i, s.heading, true))
                .chain(s.variants.iter().map(move |v| (i, *v, false)))
        })
    };
    // `主动公开政府信息情况：2021年通过政府网站发布…` without a number is a run-in label of a
    // paragraph, not a section's heading.
    let run_in = numbering.is_none() && inline.is_some();
    let exact = candidates()
        .filter(|(_, h, _)| normalize_label(h) == rest)
        .min_by_key(|(i, _, official)| (!right(*i), !official))
        .filter(|_| !run_in);
    if let Some((i, h, official)) = exact {
        return Some(HeadingMatch {
            section: Some(i),
            numbering,
            number,
            numbered_right: right(i),
            kind: if official {
                HeadingKind::Official
            } else {
                HeadingKind::Variant(h)
            },
            inline,
        });
    }
    if !section_style || inline.is_some() {
        return None;
    }
    let n = rest.chars().count();
    let typo = candidates()
        .filter(|(_, h, _)| {
            let m = normalize_label(h).chars().count();
            n >= 3 && m.abs_diff(n) <= typo_allowance(h)
        })
        .map(|(i, h, official)| (edit_distance(&normalize_label(h), rest), i, h, official))
        .filter(|(d, _, h, _)| *d <= typo_allowance(h))
        .min_by_key(|(d, i, _, official)| (*d, !right(*i), !official));
    if let Some((_, i, h, _)) = typo {
        return Some(HeadingMatch {
            section: Some(i),
            numbering,
            number,
            numbered_right: right(i),
            kind: HeadingKind::Typo(h),
            inline: None,
        });
    }
    // Another numbered short line: `七、附件`; not a sentence, not an enumeration (`一是…`), not
    // a table row (`三、（一）予以公开7 0 1 1 0 0 9`).
    let other = numbering
        .as_deref()
        .is_some_and(|n| n.ends_with(['、', '.', '．']))
        && (2..=20).contains(&n)
        && rest.chars().all(is_ideograph)
        && !rest.starts_with(['是', '要']);
    other.then_some(HeadingMatch {
        section: None,
        numbering,
        number,
        numbered_right: false,
        kind: HeadingKind::Other,
        inline: None,
    })
}

/// A normalised heading without a trailing parenthesised remark (`总体情况(略)`).
fn strip_remark(s: &str) -> &str {
    if s.ends_with(')')
        && let Some(open) = s.rfind('(').filter(|&o| o > 0)
    {
        return &s[..open];
    }
    s
}

/// The agency of an opening sentence: `本报告由X根据…编制`, `本年度报告由X编制`,
/// `本报告是根据…要求，由X编制`.
pub(crate) fn opening_agency(text: &str) -> Option<String> {
    let t: String = text
        .chars()
        .map(half_width)
        .filter(|c| !is_space(*c))
        .collect();
    let at = t.find("报告由");
    let rest = match at {
        Some(i) => &t[i + "报告由".len()..],
        None => {
            let report = t.find("报告")?;
            let end = t[report..].find("编制")? + report;
            let by = t[report..end].rfind('由')? + report;
            &t[by + '由'.len_utf8()..]
        }
    };
    let end = [
        "根据", "按照", "依据", "依照", "编制", "结合", "负责", "汇总", "牵头",
    ]
    .iter()
    .filter_map(|w| rest.find(w))
    .min()?;
    let agency = rest[..end].trim_end_matches([',', '，']);
    let name_char = |c: char| is_ideograph(c) || matches!(c, '(' | ')');
    // `由我局编制`, `由本机关编制`: the report names itself, not an agency.
    let itself = agency.starts_with(['我', '本']);
    (!agency.is_empty() && !itself && agency.chars().count() <= 40 && agency.chars().all(name_char))
        .then(|| agency.to_string())
}

/// The statistics period of a sentence: `统计期限自2023年1月1日(起)至2023年12月31日(止)`,
/// `统计期限为2023年1月1日—12月31日`, `本报告中所列数据的统计期限自…`.
pub(crate) fn statistics_period(text: &str) -> Option<(String, Day, Day)> {
    let t: String = text
        .chars()
        .map(half_width)
        .filter(|c| !is_space(*c))
        .collect();
    [
        "统计期限",
        "统计时限",
        "统计期间",
        "统计时间",
        "统计期",
        "所列数据",
        "数据的期限",
        "期限",
    ]
    .iter()
    .filter_map(|w| t.find(w))
    .find_map(|at| period_at(&t[at..]))
}

/// The period that `t` starts with (`统计期限自2023年1月1日起至…`).
fn period_at(t: &str) -> Option<(String, Day, Day)> {
    let chars: Vec<char> = t.chars().take(60).collect();
    let first_digit = chars.iter().position(char::is_ascii_digit)?;
    if first_digit > 8 {
        return None;
    }
    let (start, mut i) = date(&chars, first_digit, None)?;
    if chars.get(i) == Some(&'起') {
        i += 1;
        if matches!(chars.get(i), Some(',' | '，')) {
            i += 1;
        }
    }
    match chars.get(i) {
        Some('至' | '到' | '-' | '—' | '~' | '～' | '–' | '－') => i += 1,
        _ => return None,
    }
    while matches!(chars.get(i), Some('—' | '-')) {
        i += 1;
    }
    let (end, mut j) = date(&chars, i, Some(start.year))?;
    if chars.get(j) == Some(&'止') {
        j += 1;
    }
    let written: String = chars[..j].iter().collect();
    Some((written, start, end))
}

/// A date `2023年1月1日` (or `12月31日` with the year given) at `i`; the index after it.
fn date(chars: &[char], i: usize, year: Option<i32>) -> Option<(Day, usize)> {
    let number = |i: usize| -> Option<(u32, usize)> {
        let digits: String = chars
            .get(i..)?
            .iter()
            .take_while(|c| c.is_ascii_digit())
            .collect();
        if digits.is_empty() || digits.len() > 4 {
            return None;
        }
        Some((digits.parse().ok()?, i + digits.len()))
    };
    let (first, mut k) = number(i)?;
    let y = if chars.get(k) == Some(&'年') {
        k += 1;
        i32::try_from(first).ok()?
    } else {
        k = i;
        year?
    };
    let (month, k2) = number(k)?;
    if chars.get(k2) != Some(&'月') {
        return None;
    }
    let (day, k3) = number(k2 + 1)?;
    if !matches!(chars.get(k3), Some('日' | '号')) {
        return None;
    }
    Some((Day::new(y, month, day), k3 + 1))
}

/// A sub-heading at the start of a paragraph: `（一）主动公开` → (1, `（一）主动公开`).
pub(crate) fn subheading(paragraph: &str) -> Option<(u32, String)> {
    let p = paragraph.trim_matches(is_space);
    let mut chars = p.chars();
    if !matches!(chars.next(), Some('(' | '（')) {
        return None;
    }
    let rest: Vec<char> = chars.take(4).collect();
    let (n, len) = parse_chinese_number(&rest)?;
    if !matches!(rest.get(len), Some(')' | '）')) {
        return None;
    }
    let text: String = p
        .chars()
        .take_while(|c| !matches!(c, '。' | '；' | ';'))
        .take(30)
        .collect();
    Some((n, text))
}

// ---------------------------------------------------------------------------------------------
// Characters and numerals
// ---------------------------------------------------------------------------------------------

fn is_ideograph(c: char) -> bool {
    ('\u{4e00}'..='\u{9fff}').contains(&c) || ('\u{3400}'..='\u{4dbf}').contains(&c)
}

fn is_chinese_digit(c: char) -> bool {
    "一二三四五六七八九十".contains(c)
}

fn digit_value(c: char) -> Option<u32> {
    "一二三四五六七八九"
        .chars()
        .position(|d| d == c)
        .map(|p| p as u32 + 1)
}

/// A Chinese numeral 1 … 99 at the start (`三`, `十`, `十二`, `二十一`): its value and length in
/// characters.
fn parse_chinese_number(chars: &[char]) -> Option<(u32, usize)> {
    match chars {
        ['十', d, ..] if digit_value(*d).is_some() => Some((10 + digit_value(*d)?, 2)),
        ['十', ..] => Some((10, 1)),
        [t, '十', d, ..] if digit_value(*t).is_some() && digit_value(*d).is_some() => {
            Some((digit_value(*t)? * 10 + digit_value(*d)?, 3))
        }
        [t, '十', ..] if digit_value(*t).is_some() => Some((digit_value(*t)? * 10, 2)),
        [d, ..] => digit_value(*d).map(|v| (v, 1)),
        [] => None,
    }
}

/// The Chinese numeral of 1 … 99.
fn chinese_numeral(n: u32) -> String {
    const D: [&str; 10] = ["", "一", "二", "三", "四", "五", "六", "七", "八", "九"];
    match n {
        0 => "零".into(),
        1..=9 => D[n as usize].into(),
        10 => "十".into(),
        11..=19 => format!("十{}", D[(n % 10) as usize]),
        20..=99 => format!("{}十{}", D[(n / 10) as usize], D[(n % 10) as usize]),
        _ => n.to_string(),
    }
}

#[cfg(test)]
mod tests;
