//! Metadata (agency, year, contact) and the narrative sections.
//!
//! Metadata comes from our 基本信息 sheet ([`crate::layout::INFO_SHEET`]: a label of
//! [`META_FIELDS`] with its value in a cell to its right). What it does not give is looked for
//! on every sheet as offices write it: a label cell (`单位名称`, `填报单位`, `报送单位`,
//! `机关名称`, `填报日期`, …) with its value to its right or below, or label and value in one cell
//! (`填报单位（盖章）：某某局    填报日期：2024年1月18日`), seals (`（盖章）`) stripped; a value
//! that is not a name (`单位：万元`) is never taken. The agency is else taken from a title such
//! as `某某局2023年政府信息公开工作年度报告统计表` anywhere in the workbook (the text before the
//! year); [`Report::agency_from`] says which. A 填报日期 typed as a spreadsheet date is kept as
//! `2025-01-15`; typed as text it is kept as written ([`parse_date`] reads every common form).
//! [`agency_from_file_name`] is the last resort of a caller that knows the file's name.
//!
//! The narrative comes from the 报告正文 sheet ([`crate::layout::NARRATIVE_SHEET`]): a cell
//! holding a section heading (or one of its variants) starts that section; the text cells after
//! it, in reading order, are its text, one line per row (an empty row between two lines is an
//! empty line), as our writer lays it out.

use crate::layout::{META_FIELDS, NOT_A_TITLE_AFTER, REPORT_TITLE_ENDINGS, REPORT_TITLE_LATE_YEAR};
use crate::normalize::{half_width, is_space, label_key, normalize_label};
use crate::{AgencyFrom, Edition, Report};

use crate::grid::{Geometry, Grid as Sheet, GridCell as RawCell, Raw};

/// How far right of a label its value may be.
const VALUE_REACH: u32 = 4;

fn plain_text(cell: &RawCell) -> Option<String> {
    match &cell.value {
        Raw::Text(s) => {
            let t = s.trim_matches(is_space);
            (!t.is_empty()).then(|| t.to_string())
        }
        Raw::Int(i) => Some(i.to_string()),
        Raw::Float(f) => Some(format!("{f}")),
        _ => None,
    }
}

/// The year a text is, whatever it is: `2023`, `2023年`, `２０２３年度`, `二〇二三年度`.
fn year_text(s: &str) -> Option<i32> {
    let t: String = s
        .chars()
        .map(half_width)
        .filter(|c| !is_space(*c))
        .collect();
    let t = t
        .strip_suffix("年度")
        .or_else(|| t.strip_suffix('年'))
        .unwrap_or(&t);
    if t.len() == 4 && t.bytes().all(|b| b.is_ascii_digit()) {
        t.parse().ok()
    } else {
        crate::narrative::chinese_year(t)
    }
}

/// A year written as text where a report's year may stand (a label's value, a cover): one of a
/// report's years.
fn year_of_text(s: &str) -> Option<i32> {
    year_text(s).filter(|y| (1990..=2100).contains(y))
}

/// A year written as a number or as text (`2023`, `2023年`, `２０２３年度`).
fn parse_year(cell: &RawCell) -> Option<i32> {
    let year = match &cell.value {
        Raw::Int(i) => i32::try_from(*i).ok(),
        Raw::Float(f) if f.fract() == 0.0 && f.abs() < 1e6 => Some(*f as i32),
        Raw::Text(s) => year_text(s),
        _ => None,
    }?;
    (1900..=9999).contains(&year).then_some(year)
}

/// Agency and year from a report's title, in the forms reports print it:
/// `{agency}{year}年[度]{ending}`, `{year}年[度]{agency}{ending}`, `{agency}{year}{ending}` and
/// `{agency}政府信息公开工作{year}年度报告`, where `{ending}` is one of
/// [`REPORT_TITLE_ENDINGS`] (`政府信息公开工作年度报告`, `…年度报告`, `…工作报告`, `…情况报告`,
/// `信息公开工作年度报告`). What follows the ending may be anything (`统计表`, `》`, a site's
/// name) except the words that make it the name of the official format or of a notice
/// ([`NOT_A_TITLE_AFTER`]). The agency may be empty (`2024年政府信息公开工作年度报告`).
pub fn parse_title(text: &str) -> Option<(String, i32)> {
    let s: String = text
        .chars()
        .map(half_width)
        .filter(|c| !is_space(*c))
        .collect();
    let titled = |after: &str| !NOT_A_TITLE_AFTER.iter().any(|w| after.starts_with(w));
    for (at, _) in s.char_indices() {
        let rest = &s[at..];
        if let Some(ending) = REPORT_TITLE_ENDINGS.iter().find(|e| rest.starts_with(**e))
            && titled(&rest[ending.len()..])
            && let Some(found) = agency_and_year(&s[..at])
        {
            return Some(found);
        }
        // `某某局政府信息公开工作2022年度报告`.
        if let Some(stripped) = rest.strip_prefix("年度报告")
            && titled(stripped)
            && at >= 4
            && s.is_char_boundary(at - 4)
            && let Ok(year) = s[at - 4..at].parse::<i32>()
            && s[at - 4..at].bytes().all(|b| b.is_ascii_digit())
            && let Some(before) = REPORT_TITLE_LATE_YEAR
                .iter()
                .find_map(|w| s[..at - 4].strip_suffix(w))
        {
            return Some((clean_title_agency(before), year));
        }
    }
    None
}

/// The agency and year before a title's ending: `某某局2023年`, `某某局2023年度`, `某某局2023`,
/// `2023年某某局`.
fn agency_and_year(before: &str) -> Option<(String, i32)> {
    let year_at = |t: &str| -> Option<i32> {
        (t.len() == 4 && t.bytes().all(|b| b.is_ascii_digit()))
            .then(|| t.parse().ok())
            .flatten()
            .filter(|y| (1990..=2100).contains(y))
    };
    let marked = before
        .strip_suffix("年度")
        .or_else(|| before.strip_suffix('年'));
    // `某某局二〇二四年…`.
    if let Some(m) = marked {
        let digits = m
            .char_indices()
            .rev()
            .take_while(|&(_, c)| "〇零一二三四五六七八九".contains(c))
            .last()
            .map(|(i, _)| i);
        if let Some(i) = digits
            && let Some(year) = crate::narrative::chinese_year(&m[i..])
        {
            return Some((clean_title_agency(&m[..i]), year));
        }
    }
    let tail = marked.unwrap_or(before);
    if tail.len() >= 4
        && tail.is_char_boundary(tail.len() - 4)
        && let Some(year) = year_at(&tail[tail.len() - 4..])
    {
        return Some((clean_title_agency(&tail[..tail.len() - 4]), year));
    }
    // `2023年某某局`, `“2023年度某某局`.
    let lead = before.trim_start_matches(['“', '"', '《', '「']);
    if lead.len() > 4
        && lead.is_char_boundary(4)
        && let Some(year) = year_at(&lead[..4])
    {
        let rest = &lead[4..];
        if let Some(agency) = rest
            .strip_prefix("年度")
            .or_else(|| rest.strip_prefix('年'))
        {
            return Some((clean_title_agency(agency), year));
        }
    }
    None
}

/// The agency of a title: what stands before the year after the last mark no name holds (a
/// page title's `首页|`, a sentence's `根据…，`), without quotation marks and what only
/// introduces it (`关于`).
fn clean_title_agency(s: &str) -> String {
    let start = s
        .rfind([
            ',', '，', '。', ':', '：', ';', '；', '|', '_', '》', '」', '”', '!', '?',
        ])
        .map_or(0, |i| i + s[i..].chars().next().map_or(1, char::len_utf8));
    let s = s[start..].trim_matches(|c: char| matches!(c, '“' | '”' | '"' | '《' | '「'));
    s.strip_prefix("关于").unwrap_or(s).to_string()
}

/// Words that introduce a report's title inside a sentence (`现公布某某局2023年政府信息公开工作年度报告`).
const TITLE_INTRODUCERS: &[&str] = &[
    "现向社会公布",
    "特向社会公布",
    "向社会公布",
    "向社会公开",
    "现公布",
    "特公布",
    "现发布",
    "特发布",
    "现公开",
    "编制并发布",
    "编制完成",
    "编制并公布",
    "编制",
    "现将",
    "公布",
    "发布",
    "《",
];

/// The agency (none when the sentence names itself `我局`, `本机关`) and the year of a report's
/// title that a sentence introduces: `现公布某某县人民政府办公室2021年政府信息公开工作年度报告`,
/// `特公布2022年某某市人力资源和社会保障局信息公开工作年度报告`, `现将我办2022年度政府信息公开
/// 工作年度报告如下`, `编制完成《某某县乡村振兴局2023年政府信息公开工作年度报告》`.
pub fn title_in_sentence(text: &str) -> Option<(Option<String>, i32)> {
    let t: String = text
        .chars()
        .map(half_width)
        .filter(|c| !is_space(*c))
        .collect();
    let mut unnamed = None;
    for (at, _) in t.char_indices() {
        let Some(word) = TITLE_INTRODUCERS.iter().find(|w| t[at..].starts_with(**w)) else {
            continue;
        };
        let after = &t[at + word.len()..];
        let window: String = after.chars().take(64).collect();
        let Some((agency, year)) = parse_title(&window) else {
            continue;
        };
        // What an earlier introducer left before the name (`…，现公布某某局`).
        let agency = TITLE_INTRODUCERS
            .iter()
            .filter_map(|w| agency.rfind(w).map(|i| i + w.len()))
            .max()
            .map_or(agency.as_str(), |i| &agency[i..]);
        let agency = strip_title_remark(agency);
        if is_agency_name(agency, true, 3) {
            return Some((Some(agency.to_string()), year));
        }
        unnamed = unnamed.or(Some((None, year)));
    }
    unnamed
}

/// `某某县人民政府(县人民政府办公室)` → `某某县人民政府`.
fn strip_title_remark(s: &str) -> &str {
    match s.strip_suffix(')').and_then(|r| r.rfind('(')) {
        Some(open) if open > 0 => &s[..open],
        _ => s,
    }
}

/// Fills agency, year, contact and the narrative sections from the workbook.
pub(crate) fn read_meta(sheets: &[Sheet], report: &mut Report) {
    let info_name = normalize_label(crate::layout::INFO_SHEET);
    if let Some(sheet) = sheets
        .iter()
        .find(|s| normalize_label(&s.name) == info_name)
    {
        read_info(sheet, report);
    }
    read_labels(sheets, report);
    if report.agency.trim().is_empty() || report.year.is_none() {
        let marker = normalize_label("信息公开");
        let title = sheets
            .iter()
            .flat_map(|s| s.cells.iter())
            .filter(|c| c.norm.contains(&marker))
            .find_map(|c| match &c.value {
                Raw::Text(t) => parse_title(t),
                _ => None,
            });
        if let Some((agency, year)) = title {
            if report.agency.trim().is_empty() && !agency.is_empty() {
                report.agency = agency;
                report.agency_from = Some(AgencyFrom::Title);
            }
            if report.year.is_none() {
                report.year = Some(year);
            }
        }
    }
    if report.agency.trim().is_empty() || report.year.is_none() {
        cover_name(sheets, report);
    }
    let narrative_name = normalize_label(crate::layout::NARRATIVE_SHEET);
    if let Some(sheet) = sheets
        .iter()
        .find(|s| normalize_label(&s.name) == narrative_name)
    {
        read_narrative(sheet, report);
    }
}

/// Sheet names of a cover page (`封面`): the name may stand there alone, without a label.
const COVER_SHEETS: &[&str] = &["封面", "首页", "封皮", "扉页"];

/// The name standing alone on a cover sheet: the first text cell of a sheet named `封面` (or
/// `首页`) that is an agency's name and ends like one (`某某县司法局`, seal remarks stripped).
fn cover_name(sheets: &[Sheet], report: &mut Report) {
    for sheet in sheets {
        let name = normalize_label(&sheet.name);
        if !COVER_SHEETS.iter().any(|c| name == *c) {
            continue;
        }
        // A year alone in a cell of the cover (`2024年度`).
        if report.year.is_none() {
            report.year = sheet.cells.iter().find_map(|c| match &c.value {
                Raw::Text(t) => year_of_text(t),
                _ => None,
            });
        }
        if !report.agency.trim().is_empty() {
            continue;
        }
        for cell in &sheet.cells {
            let Raw::Text(t) = &cell.value else {
                continue;
            };
            let candidate = clean_agency(t);
            if is_agency_name(&candidate, true, 4) {
                report.agency = candidate;
                report.agency_from = Some(AgencyFrom::Label {
                    label: sheet.name.clone(),
                    sheet: sheet.name.clone(),
                });
                return;
            }
        }
    }
}

/// The edition our 基本信息 sheet states in its 格式版本 field (`2019（国办公开办函〔2019〕60号）`).
pub(crate) fn stated_edition(sheets: &[Sheet]) -> Option<Edition> {
    let info_name = normalize_label(crate::layout::INFO_SHEET);
    let sheet = sheets
        .iter()
        .find(|s| normalize_label(&s.name) == info_name)?;
    let field = META_FIELDS.iter().find(|f| f.id == "edition")?;
    let value = field_value(sheet, field.label)?;
    let text = plain_text(value)?;
    let head: String = text
        .chars()
        .take_while(|c| c.is_ascii_alphanumeric())
        .collect();
    Edition::parse(&head)
}

/// The cell holding the value of a labelled field: the first non-empty cell to the right of the
/// label (`机关名称` or `机关名称：`).
fn field_value<'a>(sheet: &'a Sheet, label: &str) -> Option<&'a RawCell> {
    let key = normalize_label(label);
    let label = sheet
        .find(&key)
        .next()
        .or_else(|| sheet.find(&format!("{key}:")).next())?;
    (1..=VALUE_REACH)
        .filter_map(|d| sheet.get(label.row, label.col.saturating_add(d)))
        .next()
}

fn read_info(sheet: &Sheet, report: &mut Report) {
    for field in META_FIELDS {
        let Some(value) = field_value(sheet, field.label) else {
            continue;
        };
        match field.id {
            "agency" => {
                if let Some(t) = plain_text(value) {
                    let name = strip_seals(&t);
                    if !name.is_empty() {
                        report.agency = name.to_string();
                        report.agency_from = Some(AgencyFrom::InfoSheet);
                    }
                }
            }
            "year" => report.year = parse_year(value).or(report.year),
            "filler" => report.contact.filler = plain_text(value),
            "phone" => report.contact.phone = plain_text(value),
            "date" => report.contact.date = date_text(value),
            _ => {}
        }
    }
}

fn read_narrative(sheet: &Sheet, report: &mut Report) {
    let layout = report.layout();
    let headings: Vec<(Vec<String>, &'static str)> = layout
        .sections
        .iter()
        .filter(|s| s.table.is_none())
        .map(|s| {
            let keys = std::iter::once(s.heading)
                .chain(s.variants.iter().copied())
                .map(label_key)
                .collect();
            (keys, s.id)
        })
        .collect();
    let mut current: Option<&'static str> = None;
    // Section id, text, row of the last line appended, and where each line came from.
    type Texts = Vec<(&'static str, String, u32, Vec<(usize, crate::Location)>)>;
    let mut texts: Texts = Vec::new();
    for cell in &sheet.cells {
        if let Some((_, id)) = headings
            .iter()
            .find(|(keys, _)| keys.iter().any(|k| k == cell.key()))
        {
            current = Some(id);
            continue;
        }
        let (Some(id), Raw::Text(t)) = (current, &cell.value) else {
            continue;
        };
        let t = t.trim_matches(is_space);
        if t.is_empty() {
            continue;
        }
        match texts.iter_mut().find(|(s, ..)| *s == id) {
            Some((_, text, last, origins)) => {
                // One line per row (empty rows are empty lines), as our writer lays text out.
                let breaks = cell.row.saturating_sub(*last).clamp(1, 1000);
                text.extend(std::iter::repeat_n('\n', breaks as usize));
                origins.push((text.len(), sheet.location(cell.row, cell.col)));
                text.push_str(t);
                *last = cell.row;
            }
            None => texts.push((
                id,
                t.to_string(),
                cell.row,
                vec![(0, sheet.location(cell.row, cell.col))],
            )),
        }
    }
    for (id, text, _, origins) in texts {
        report.set_section(id, text);
        report.set_text_origins(id, origins);
    }
}

// ---------------------------------------------------------------------------------------------
// Labelled fields on any sheet: the agency as offices write it, and the contact fields.
// ---------------------------------------------------------------------------------------------

/// A field an office labels in its own workbook.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Field {
    Agency,
    Year,
    Filler,
    Phone,
    Date,
}

/// A label of a field as offices write it.
struct Label {
    /// The label (`填报单位`), also what [`AgencyFrom::Label`] records.
    text: &'static str,
    /// [`normalize_label`] of it, as characters.
    chars: Vec<char>,
    field: Field,
    /// The bare `单位`: its value is taken only when it ends like an agency (`单位：万元` is a
    /// unit), and only when no other label names the agency.
    weak: bool,
}

/// The labels naming the agency, besides 基本信息's own (the `agency` field of [`META_FIELDS`]).
const AGENCY_LABELS: &[&str] = &[
    "单位名称",
    "单位全称",
    "填报单位",
    "报送单位",
    "填报机关",
    "报送机关",
    "机关全称",
];
/// The bare label, weaker than the others.
const BARE_AGENCY_LABEL: &str = "单位";
/// The labels of the report year, besides 基本信息's own (`报告年度`): the value must be a year.
const YEAR_LABELS: &[&str] = &["统计年度", "填报年度", "报表年度", "年度"];
/// Further labels of the contact fields, besides 基本信息's own.
const CONTACT_LABELS: &[(&str, Field)] = &[
    ("填表人", Field::Filler),
    ("联系人", Field::Filler),
    ("电话", Field::Phone),
    ("填表日期", Field::Date),
    ("报送日期", Field::Date),
];

fn labels() -> &'static [Label] {
    static LABELS: std::sync::OnceLock<Vec<Label>> = std::sync::OnceLock::new();
    LABELS.get_or_init(make_labels)
}

/// The fewest label texts some part of every label contains (`单位` stands for `单位名称` and
/// `填报单位`): a cell holding none of them holds no label. Sorted, with a mask of their first
/// characters for [`holds_core`].
fn label_cores() -> &'static Cores {
    static CORES: std::sync::OnceLock<Cores> = std::sync::OnceLock::new();
    CORES.get_or_init(|| {
        let keys: Vec<String> = labels().iter().map(|l| l.chars.iter().collect()).collect();
        let mut cores: Vec<String> = keys
            .iter()
            .filter(|k| !k.is_empty() && !keys.iter().any(|o| o != *k && k.contains(o.as_str())))
            .cloned()
            .collect();
        cores.sort();
        cores.dedup();
        let mask = cores
            .iter()
            .filter_map(|k| k.chars().next())
            .fold(0u64, |m, c| m | first_bit(c));
        Cores { cores, mask }
    })
}

/// The label cores and the mask of their first characters.
struct Cores {
    cores: Vec<String>,
    mask: u64,
}

/// A character's bit in [`Cores::mask`].
fn first_bit(c: char) -> u64 {
    1 << (u32::from(c) % 64)
}

/// Whether a normalised text holds one of the label cores. Most characters start no core and
/// are passed over by one mask test; at the others only the cores starting with that character
/// are compared (a short cell costs a few comparisons, not a substring search per core).
fn holds_core(norm: &str, cores: &Cores) -> bool {
    norm.char_indices().any(|(i, c)| {
        if cores.mask & first_bit(c) == 0 {
            return false;
        }
        let rest = &norm[i..];
        let head = &rest[..c.len_utf8()];
        let from = cores.cores.partition_point(|k| k.as_str() < head);
        cores.cores[from..]
            .iter()
            .take_while(|k| k.starts_with(head))
            .any(|k| rest.starts_with(k.as_str()))
    })
}

fn make_labels() -> Vec<Label> {
    let mut out = Vec::new();
    let mut push = |text: &'static str, field: Field, weak: bool| {
        out.push(Label {
            text,
            chars: normalize_label(text).chars().collect(),
            field,
            weak,
        });
    };
    for f in META_FIELDS {
        let field = match f.id {
            "agency" => Field::Agency,
            "year" => Field::Year,
            "filler" => Field::Filler,
            "phone" => Field::Phone,
            "date" => Field::Date,
            _ => continue,
        };
        push(f.label, field, false);
    }
    for l in AGENCY_LABELS {
        push(l, Field::Agency, false);
    }
    push(BARE_AGENCY_LABEL, Field::Agency, true);
    for l in YEAR_LABELS {
        push(l, Field::Year, false);
    }
    for (l, field) in CONTACT_LABELS {
        push(l, *field, false);
    }
    // Longest first: `单位名称` before `单位`.
    out.sort_by_key(|l| std::cmp::Reverse(l.chars.len()));
    out
}

/// A label found in a cell, with the value written after it in the same cell (empty when the
/// value is elsewhere).
struct Hit<'l> {
    label: &'l Label,
    value: String,
}

/// Characters a label may follow inside a cell (besides white space and the cell's start).
fn opens_field(c: char) -> bool {
    matches!(
        half_width(c),
        ',' | ';' | '|' | '.' | '。' | '、' | '/' | '*' | '★' | '●' | '■'
    )
}

/// The labelled fields of one cell's text: `填报单位（盖章）：某某局    填报日期：2024年1月18日`
/// gives two. A label must start the text or follow white space or a separator, and be
/// followed (after an optional remark in brackets, `（盖章）`) by a colon, white space or the
/// end of the text: `单位负责人` and `本单位` hold no label.
fn fields_in<'l>(text: &str, labels: &'l [Label]) -> Vec<Hit<'l>> {
    let chars: Vec<char> = text.chars().collect();
    // The text without white space, half-width, with each character's index in `chars`.
    let compact: Vec<(char, usize)> = chars
        .iter()
        .enumerate()
        .filter(|(_, c)| !is_space(**c))
        .map(|(i, c)| (half_width(*c), i))
        .collect();
    // (label start, value start) as indices in `chars`, with the label.
    let mut starts: Vec<(usize, usize, &Label)> = Vec::new();
    let mut k = 0;
    while k < compact.len() {
        let i = compact[k].1;
        let boundary = i == 0 || is_space(chars[i - 1]) || opens_field(chars[i - 1]);
        let label = labels.iter().find(|l| {
            boundary
                && compact.len() >= k + l.chars.len()
                && l.chars.iter().zip(&compact[k..]).all(|(a, (b, _))| a == b)
        });
        let Some(label) = label else {
            k += 1;
            continue;
        };
        let mut j = k + label.chars.len();
        // An optional remark in brackets: 填报单位（盖章）, 单位名称(全称).
        if let Some(&(open, _)) = compact.get(j)
            && let Some(close) = closing(open)
            && let Some(n) = compact[j + 1..]
                .iter()
                .take(12)
                .position(|(c, _)| *c == close)
        {
            j += n + 2;
        }
        match compact.get(j) {
            Some((':' | '∶', at)) => {
                starts.push((i, at + 1, label));
                k = j + 1;
            }
            None => {
                starts.push((i, chars.len(), label));
                break;
            }
            // Label, white space, value: `填报单位 某某局`.
            Some((_, at)) if *at > 0 && is_space(chars[at - 1]) => {
                starts.push((i, *at, label));
                k = j;
            }
            Some(_) => k += 1,
        }
    }
    starts
        .iter()
        .enumerate()
        .map(|(n, &(_, from, label))| {
            let to = starts.get(n + 1).map_or(chars.len(), |next| next.0);
            let value: String = chars[from.min(to)..to].iter().collect();
            Hit {
                label,
                value: value
                    .trim_matches(|c: char| is_space(c) || matches!(c, ',' | '，' | ';' | '；'))
                    .to_string(),
            }
        })
        .collect()
}

/// The closing bracket of an opening one (after [`half_width`]).
fn closing(open: char) -> Option<char> {
    match open {
        '(' => Some(')'),
        '[' => Some(']'),
        '【' => Some('】'),
        '〔' => Some('〕'),
        _ => None,
    }
}

/// Whether a cell holds a label of a field (then it is not the value of another).
fn is_label_cell(cell: &RawCell, labels: &[Label]) -> bool {
    cell.as_text().is_some_and(|t| {
        !fields_in(t, labels).is_empty()
            || META_FIELDS
                .iter()
                .any(|f| cell.norm.trim_end_matches(':') == normalize_label(f.label))
    })
}

/// The cells that may hold the value of a label cell: the first non-empty cell to its right
/// (within [`VALUE_REACH`]), then the cell below it; never another label.
fn neighbours<'g>(sheet: &'g Sheet, cell: &RawCell, labels: &[Label]) -> Vec<&'g RawCell> {
    let right = (1..=VALUE_REACH)
        .filter_map(|d| sheet.get(cell.row, cell.col.saturating_add(d)))
        .next();
    let below = sheet.get(cell.row.saturating_add(cell.rows.max(1)), cell.col);
    right
        .into_iter()
        .chain(below)
        .filter(|c| !is_label_cell(c, labels))
        .collect()
}

/// A value found for a field, with where it came from.
struct Found<'a> {
    field: Field,
    /// Found after the bare `单位`.
    weak: bool,
    label: &'static str,
    sheet: &'a str,
    value: FoundValue<'a>,
}

enum FoundValue<'a> {
    Inline(String),
    Cell(&'a RawCell),
}

/// Every labelled value of the workbook, in reading order (sheet by sheet, row by row). Our
/// 报告正文 sheet (running text) and grids made of running text are not searched.
fn labelled_values<'a>(sheets: &'a [Sheet], labels: &[Label]) -> Vec<Found<'a>> {
    let narrative = normalize_label(crate::layout::NARRATIVE_SHEET);
    let keys = label_cores();
    let mut out = Vec::new();
    for sheet in sheets {
        if sheet.geometry != Geometry::Exact || normalize_label(&sheet.name) == narrative {
            continue;
        }
        for cell in &sheet.cells {
            let Some(text) = cell.as_text() else {
                continue;
            };
            if !holds_core(&cell.norm, keys) {
                continue;
            }
            let hits = fields_in(text, labels);
            let last = hits.len().saturating_sub(1);
            for (n, hit) in hits.into_iter().enumerate() {
                let found = |value| Found {
                    field: hit.label.field,
                    weak: hit.label.weak,
                    label: hit.label.text,
                    sheet: &sheet.name,
                    value,
                };
                if !hit.value.is_empty() {
                    out.push(found(FoundValue::Inline(hit.value.clone())));
                } else if n == last {
                    // A label ending its cell: the value is in the next cell.
                    for c in neighbours(sheet, cell, labels) {
                        out.push(found(FoundValue::Cell(c)));
                    }
                }
            }
        }
    }
    out
}

/// Fills what 基本信息 did not give from labelled cells on any sheet.
fn read_labels(sheets: &[Sheet], report: &mut Report) {
    let need_agency = report.agency.trim().is_empty();
    let c = &report.contact;
    if !need_agency
        && report.year.is_some()
        && c.filler.is_some()
        && c.phone.is_some()
        && c.date.is_some()
    {
        return;
    }
    let labels = labels();
    let found = labelled_values(sheets, labels);
    // `报告年度：2024`, `年度 | 2024年`, on any sheet.
    if report.year.is_none() {
        report.year = found
            .iter()
            .filter(|f| f.field == Field::Year)
            .find_map(|f| match &f.value {
                FoundValue::Inline(t) => year_of_text(t),
                FoundValue::Cell(c) => parse_year(c),
            });
    }
    if need_agency {
        // Any label but the bare 单位 first; then 单位 with a value that ends like an agency.
        let agency = [false, true].iter().find_map(|&weak| {
            found.iter().find_map(|f| {
                if f.field != Field::Agency || f.weak != weak {
                    return None;
                }
                let text = match &f.value {
                    FoundValue::Inline(t) => t.clone(),
                    FoundValue::Cell(c) => c.as_text()?.to_string(),
                };
                let name = clean_agency(&text);
                is_agency_name(&name, weak, 2).then_some((name, f))
            })
        });
        if let Some((name, f)) = agency {
            report.agency = name;
            report.agency_from = Some(AgencyFrom::Label {
                label: f.label.to_string(),
                sheet: f.sheet.to_string(),
            });
        }
    }
    for want in [Field::Filler, Field::Phone, Field::Date] {
        let slot = match want {
            Field::Filler => &mut report.contact.filler,
            Field::Phone => &mut report.contact.phone,
            Field::Date => &mut report.contact.date,
            Field::Agency | Field::Year => continue,
        };
        if slot.is_some() {
            continue;
        }
        *slot = found
            .iter()
            .filter(|f| f.field == want)
            .find_map(|f| contact_value(want, &f.value));
    }
}

/// The value of a contact field, if it looks like one.
fn contact_value(field: Field, value: &FoundValue<'_>) -> Option<String> {
    let text = match value {
        FoundValue::Inline(t) => cut_at_gap(t),
        FoundValue::Cell(c) => match field {
            Field::Date => date_text(c)?,
            _ => plain_text(c)?,
        },
    };
    let text = text.trim_matches(is_space);
    let digits = text
        .chars()
        .filter(|c| half_width(*c).is_ascii_digit())
        .count();
    let ok = !text.is_empty()
        && !text.contains([':', '：'])
        && match field {
            Field::Filler => text.chars().count() <= 20 && digits == 0,
            Field::Phone => digits >= 5,
            Field::Date => digits > 0 || parse_date(text).is_some(),
            Field::Agency | Field::Year => false,
        };
    ok.then(|| text.to_string())
}

/// 填报日期 as kept: a spreadsheet date as `2025-01-15`, anything else as written.
fn date_text(cell: &RawCell) -> Option<String> {
    match cell.value {
        Raw::Date(serial) => excel_date(serial)
            .map(|(y, m, d)| format!("{y:04}-{m:02}-{d:02}"))
            .or_else(|| Some(format!("{serial}"))),
        _ => plain_text(cell),
    }
}

// ---------------------------------------------------------------------------------------------
// Agency names: seals stripped, values that are not names refused.
// ---------------------------------------------------------------------------------------------

/// What a seal or signature remark says: `（盖章）`, `(公章)`, `【签章】`, a trailing `盖章`.
const SEAL_WORDS: &[&str] = &["盖章", "公章", "签章", "印章", "签字", "签名", "章"];

fn trim_name(s: &str) -> &str {
    s.trim_matches(|c: char| {
        is_space(c)
            || matches!(
                c,
                ',' | '，' | '.' | '。' | ';' | '；' | ':' | '：' | '"' | '“' | '”' | '\''
            )
    })
}

/// Whether a bracketed remark (without its brackets) is about a seal or a signature.
fn is_seal(inner: &str) -> bool {
    SEAL_WORDS.iter().any(|w| inner.contains(w))
}

/// A name without seal remarks at its ends (`某某局（盖章）`, `（公章）某某局`, `某某局 盖章`),
/// surrounding white space, quotes and punctuation.
fn strip_seals(s: &str) -> &str {
    let mut s = trim_name(s);
    loop {
        let before = s.len();
        // A bracketed remark at the end: 某某局（盖章）.
        if let Some(last) = s.chars().last()
            && let Some(open_at) = s
                .char_indices()
                .rev()
                .find(|(_, c)| closing(half_width(*c)) == Some(half_width(last)))
                .map(|(i, _)| i)
        {
            let open_len = s[open_at..].chars().next().map_or(0, char::len_utf8);
            if is_seal(&s[open_at + open_len..s.len() - last.len_utf8()]) {
                s = trim_name(&s[..open_at]);
            }
        }
        // A bracketed remark at the start: （盖章）某某局.
        if let Some(first) = s.chars().next()
            && let Some(close) = closing(half_width(first))
            && let Some((end, c)) = s.char_indices().find(|(_, c)| half_width(*c) == close)
            && is_seal(&s[first.len_utf8()..end])
        {
            s = trim_name(&s[end + c.len_utf8()..]);
        }
        // A bare seal word at the end: 某某局 盖章.
        for w in &SEAL_WORDS[..4] {
            if let Some(rest) = s.strip_suffix(w) {
                s = trim_name(rest);
            }
        }
        if s.len() == before {
            return s;
        }
    }
}

/// A value written after its label in one cell, up to a wide gap (two spaces, a full-width
/// space or a tab: `某某局      单位负责人签字`, `张某某    审核人：李某`).
fn cut_at_gap(s: &str) -> String {
    let chars: Vec<char> = s.chars().collect();
    let gap = (0..chars.len()).find(|&i| {
        chars[i] == '\u{3000}'
            || chars[i] == '\t'
            || (is_space(chars[i]) && chars.get(i + 1).is_some_and(|c| is_space(*c)))
    });
    chars[..gap.unwrap_or(chars.len())].iter().collect()
}

/// A value written after an agency label, without its seal remarks and cut at a wide gap.
fn clean_agency(s: &str) -> String {
    strip_seals(&cut_at_gap(strip_seals(s))).to_string()
}

/// How an agency's name ends (`某某县交通运输局`, `某某镇人民政府`, `某某街道办事处`).
const AGENCY_ENDINGS: &[&str] = &[
    "局",
    "委员会",
    "委",
    "办公室",
    "办",
    "政府",
    "院",
    "中心",
    "所",
    "站",
    "队",
    "处",
    "街道",
    "乡",
    "镇",
    "公司",
    "集团",
    "厅",
    "部",
    "署",
    "会",
    "馆",
    "校",
    "社",
    "行",
    "室",
    "科",
];

/// What is never a name however it ends.
const NOT_NAMES: &[&str] = &[
    "单位",
    "机关",
    "部门",
    "政府",
    "办公室",
    "填报单位",
    "报送单位",
    "单位名称",
    "机关名称",
];

/// Units a `单位：` cell gives (`单位：万元`).
const UNITS: &[&str] = &[
    "万元", "千元", "亿元", "元", "人次", "万人", "件", "个", "条", "项",
];

fn is_cjk(c: char) -> bool {
    ('\u{4e00}'..='\u{9fff}').contains(&c) || ('\u{3400}'..='\u{4dbf}').contains(&c)
}

/// Whether a (cleaned) value can be an agency's name: at least `min_chars` characters, two of
/// them Chinese, no digits, colon or slash, not a unit or a label, not `本单位`; with
/// `needs_ending`, it must end like an agency.
fn is_agency_name(name: &str, needs_ending: bool, min_chars: usize) -> bool {
    let n = name.chars().count();
    let norm = normalize_label(name);
    (min_chars..=60).contains(&n)
        && name.chars().filter(|c| is_cjk(*c)).count() >= 2
        && !name
            .chars()
            .any(|c| half_width(c).is_ascii_digit() || matches!(half_width(c), ':' | '/' | '%'))
        && !norm.starts_with(['本', '我', '请', '注'])
        && !norm.contains("万元")
        && !UNITS.contains(&norm.as_str())
        && !NOT_NAMES.contains(&norm.as_str())
        && !META_FIELDS.iter().any(|f| normalize_label(f.label) == norm)
        && (!needs_ending || AGENCY_ENDINGS.iter().any(|e| norm.ends_with(e)))
}

// ---------------------------------------------------------------------------------------------
// The file name, as a last resort.
// ---------------------------------------------------------------------------------------------

/// What a report's file name adds to the agency (`…年度报告`, `年报`, `统计表`), stripped from a
/// candidate's end.
const REPORT_WORDS: &[&str] = &[
    "政府信息公开工作年度报告",
    "政府信息公开年度报告",
    "信息公开工作年度报告",
    "政府信息公开年报",
    "信息公开年报",
    "政务公开年报",
    "工作年度报告",
    "年度报告",
    "政府信息公开",
    "信息公开",
    "统计表",
    "报表",
    "年报",
    "报告",
    "数据",
];

/// Versions and copies (`终稿`, `副本`, `(1)`), stripped from a file name.
const VERSION_WORDS: &[&str] = &[
    "副本",
    "的副本",
    "终稿",
    "定稿",
    "初稿",
    "最终版",
    "最终稿",
    "修改稿",
    "修改版",
    "修订版",
    "盖章版",
    "签章版",
    "正式版",
    "送审稿",
    "final",
    "copy",
];

/// What a covering letter's name puts before the agency (`关于报送某某局…的函`).
const LEADING_WORDS: &[&str] = &["关于报送", "关于上报", "关于", "报送", "上报"];

fn separates(c: char) -> bool {
    is_space(c)
        || matches!(
            half_width(c),
            '-' | '_'
                | '—'
                | '–'
                | '·'
                | '、'
                | ','
                | '.'
                | '('
                | ')'
                | '['
                | ']'
                | '【'
                | '】'
                | '《'
                | '》'
                | '〔'
                | '〕'
                | '+'
                | '&'
                | ':'
                | ';'
                | '~'
                | '#'
        )
}

/// The agency (and the year, when given) named by a file's name (without its extension), for
/// a workbook or document that names none itself: `某某县交通运输局2025年政府信息公开工作年度报告`
/// gives (`某某县交通运输局`, 2025), `2025年某某县交通运输局年报` the same, `交通局-年报-终稿(1)`
/// (`交通局`, none). Conservative: only a part of the name that ends like an agency (局, 委员会,
/// 办公室, 政府, 中心, 乡, 镇, 街道办事处, 公司, …) and is not a generic word; `年报`, `副本`,
/// `新建 Microsoft Excel 工作表` give `None`.
pub fn agency_from_file_name(stem: &str) -> Option<(String, Option<i32>)> {
    let (parts, year) = file_name_parts(stem);
    parts.into_iter().find_map(|part| {
        let mut name = part.trim_matches(is_space);
        loop {
            let before = name.len();
            for w in REPORT_WORDS.iter().chain(VERSION_WORDS) {
                if let Some(rest) = name.strip_suffix(w) {
                    name = rest;
                }
            }
            if name.len() == before {
                break;
            }
        }
        for w in LEADING_WORDS {
            if let Some(rest) = name.strip_prefix(w) {
                name = rest;
            }
        }
        let name = strip_seals(name);
        is_agency_name(name, true, 3).then(|| (name.to_string(), year))
    })
}

/// The year a file's name gives (`审计局2024年报`, `2024年报表`, `czj_2024_zfxxgk`), if any.
pub fn year_from_file_name(stem: &str) -> Option<i32> {
    file_name_parts(stem).1
}

/// A file's name cut into parts at separators and runs of digits, and the year among them
/// (four digits followed by 年, or standing alone).
fn file_name_parts(stem: &str) -> (Vec<String>, Option<i32>) {
    let chars: Vec<char> = stem.chars().collect();
    // Parts between separators, each split further at runs of digits (a year, a date).
    let mut parts: Vec<String> = Vec::new();
    let mut year: Option<i32> = None;
    for part in chars.split(|c| separates(*c)) {
        let mut current = String::new();
        let mut i = 0;
        while i < part.len() {
            let c = half_width(part[i]);
            if !c.is_ascii_digit() {
                current.push(part[i]);
                i += 1;
                continue;
            }
            let run: String = part[i..]
                .iter()
                .map(|c| half_width(*c))
                .take_while(char::is_ascii_digit)
                .collect();
            i += run.len();
            if run.len() == 4
                && let Ok(y) = run.parse::<i32>()
                && (1990..=2100).contains(&y)
            {
                let marked = part.get(i) == Some(&'年');
                // `2024年…`, `_2024_`, `人社2024`.
                if marked || part.len() == run.len() || i == part.len() {
                    year = year.or(Some(y));
                }
                if marked {
                    // `2025年度…`, `2025年…`; but `2025年报` keeps its `年报`.
                    let rest: String = part[i..].iter().collect();
                    if rest.starts_with("年度") && !rest.starts_with("年度报告") {
                        i += 2;
                    } else if !rest.starts_with("年报") {
                        i += 1;
                    }
                }
            }
            parts.push(std::mem::take(&mut current));
        }
        parts.push(current);
    }
    (parts, year)
}

// ---------------------------------------------------------------------------------------------
// Dates.
// ---------------------------------------------------------------------------------------------

/// Days from 1970-01-01 to a civil date (proleptic Gregorian).
fn days_from_civil(y: i64, m: u32, d: u32) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let m = i64::from(m);
    let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + i64::from(d) - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// The civil date of a day count from 1970-01-01.
fn civil_from_days(z: i64) -> (i64, u32, u32) {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    let y = yoe + era * 400 + i64::from(m <= 2);
    (y, m, d)
}

/// A spreadsheet's date serial (the 1900 system: 1 is 1900-01-01, Excel's fictitious
/// 1900-02-29 is 60) as a date; the time of day is dropped.
fn excel_date(serial: f64) -> Option<(i32, u32, u32)> {
    if !serial.is_finite() || !(1.0..2_958_466.0).contains(&serial) {
        return None;
    }
    let days = serial.floor() as i64;
    let from_epoch = match days {
        60 => return None,
        ..60 => days + 1,
        _ => days,
    };
    let (y, m, d) = civil_from_days(days_from_civil(1899, 12, 30) + from_epoch);
    Some((i32::try_from(y).ok()?, m, d))
}

fn days_in_month(y: i32, m: u32) -> u32 {
    match m {
        2 if (y % 4 == 0 && y % 100 != 0) || y % 400 == 0 => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// A digit written in Chinese (`〇`, `一` … `九`) or in any width.
fn digit(c: char) -> Option<u32> {
    match c {
        '〇' | '○' | '零' | 'O' | 'o' => Some(0),
        '一' => Some(1),
        '二' => Some(2),
        '三' => Some(3),
        '四' => Some(4),
        '五' => Some(5),
        '六' => Some(6),
        '七' => Some(7),
        '八' => Some(8),
        '九' => Some(9),
        c => c.to_digit(10),
    }
}

/// A month or day: `1`, `01`, `十五`, `二十`, `三十一`.
fn small_number(s: &str) -> Option<u32> {
    let chars: Vec<char> = s.chars().collect();
    match chars.iter().position(|c| *c == '十') {
        Some(at) => {
            let tens = match at {
                0 => 1,
                1 => digit(chars[0]).filter(|d| *d > 0)?,
                _ => return None,
            };
            let ones = match &chars[at + 1..] {
                [] => 0,
                [c] => digit(*c).filter(|d| *d > 0)?,
                _ => return None,
            };
            Some(tens * 10 + ones)
        }
        None if (1..=2).contains(&chars.len()) && chars.iter().all(|c| c.is_ascii_digit()) => {
            s.parse().ok()
        }
        None if chars.len() == 1 => digit(chars[0]),
        None => None,
    }
}

/// A date written in any common form: `2025年1月15日`, `2025.1.15`, `2025/01/15`, `2025-1-15`,
/// `20250115`, `二〇二五年一月十五日`, with or without a time after it. `None` when it is not a
/// date or is ambiguous (`15/01/2025`, `25.1.15`).
pub fn parse_date(text: &str) -> Option<(i32, u32, u32)> {
    let t: String = text
        .trim_matches(is_space)
        .chars()
        .map(half_width)
        .collect();
    // A time after the date (`2025-01-15 10:30`, `2025-01-15T00:00:00`).
    let t = match t.find([' ', 'T']) {
        Some(at)
            if t[at + 1..].trim().contains(':')
                && t[at + 1..]
                    .trim()
                    .chars()
                    .all(|c| c.is_ascii_digit() || c == ':' || c == '.') =>
        {
            &t[..at]
        }
        _ => t.as_str(),
    };
    let t: String = t.chars().filter(|c| !is_space(*c)).collect();
    let (y, m, d) = if let Some((y, rest)) = t.split_once('年') {
        let (m, rest) = rest.split_once('月')?;
        let d = rest
            .strip_suffix('日')
            .or_else(|| rest.strip_suffix('号'))
            .unwrap_or(rest);
        let year: Vec<u32> = y.chars().map(digit).collect::<Option<_>>()?;
        if year.len() != 4 {
            return None;
        }
        let y = year.iter().fold(0, |acc, d| acc * 10 + *d);
        (i32::try_from(y).ok()?, small_number(m)?, small_number(d)?)
    } else if t.len() == 8 && t.bytes().all(|b| b.is_ascii_digit()) {
        (
            t[..4].parse().ok()?,
            t[4..6].parse().ok()?,
            t[6..].parse().ok()?,
        )
    } else {
        let sep = t.chars().find(|c| matches!(c, '.' | '/' | '-'))?;
        let parts: Vec<&str> = t.split(sep).collect();
        let [y, m, d] = parts[..] else {
            return None;
        };
        let ok = |s: &str, len: std::ops::RangeInclusive<usize>| {
            len.contains(&s.len()) && s.bytes().all(|b| b.is_ascii_digit())
        };
        if !ok(y, 4..=4) || !ok(m, 1..=2) || !ok(d, 1..=2) {
            return None;
        }
        (y.parse().ok()?, m.parse().ok()?, d.parse().ok()?)
    };
    ((1900..=2100).contains(&y) && (1..=12).contains(&m) && (1..=days_in_month(y, m)).contains(&d))
        .then_some((y, m, d))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_core_prefilter_finds_what_a_substring_search_finds() {
        let cores = label_cores();
        assert!(!cores.cores.is_empty());
        let texts = [
            "填报单位：某某局",
            "单位",
            "xx单位名称",
            "联系电话",
            "abc",
            "",
            "报送日期2025",
            "某某局",
            "单",
            "位单位",
            "号码：联系电话",
            "（盖章）填报",
        ];
        for t in texts {
            let norm = normalize_label(t);
            assert_eq!(
                holds_core(&norm, cores),
                cores.cores.iter().any(|k| norm.contains(k.as_str())),
                "{t}"
            );
        }
    }

    /// A sheet of text cells `(row, col, text)`.
    fn sheet(name: &str, cells: &[(u32, u32, &str)]) -> Sheet {
        let cells = cells
            .iter()
            .map(|&(r, c, t)| RawCell::text(r, c, t, crate::Location::sheet_cell(name, r, c)))
            .collect();
        Sheet::new(name, Geometry::Exact, cells)
    }

    fn read(sheets: &[Sheet]) -> Report {
        let mut r = Report::new(Edition::V2021);
        read_meta(sheets, &mut r);
        r
    }

    #[test]
    fn a_name_alone_on_a_cover_sheet() {
        let r = read(&[sheet(
            "封面",
            &[
                (1, 0, "政府信息公开工作年度报告统计表"),
                (3, 0, "某某县司法局（盖章）"),
                (5, 0, "2025年1月"),
            ],
        )]);
        assert_eq!(r.agency, "某某县司法局");
        assert_eq!(
            r.agency_from,
            Some(AgencyFrom::Label {
                label: "封面".into(),
                sheet: "封面".into()
            })
        );
        // Not on another sheet, and not a line that is no name.
        assert_eq!(
            read(&[sheet("Sheet1", &[(3, 0, "某某县司法局")])]).agency,
            ""
        );
        assert_eq!(
            read(&[sheet("封面", &[(3, 0, "二〇二五年一月")])]).agency,
            ""
        );
    }

    fn label(label: &str, sheet: &str) -> Option<AgencyFrom> {
        Some(AgencyFrom::Label {
            label: label.into(),
            sheet: sheet.into(),
        })
    }

    #[test]
    fn fields_in_one_cell() {
        let labels = labels();
        let check = |text: &str, want: &[(&str, &str)]| {
            let got: Vec<(&str, String)> = fields_in(text, labels)
                .into_iter()
                .map(|h| (h.label.text, h.value))
                .collect();
            let want: Vec<(&str, String)> = want.iter().map(|(l, v)| (*l, v.to_string())).collect();
            assert_eq!(got, want, "{text}");
        };
        check(
            "填报单位（盖章）：某某县市场监督管理局          填报日期：2024年1月18日",
            &[
                ("填报单位", "某某县市场监督管理局"),
                ("填报日期", "2024年1月18日"),
            ],
        );
        check(
            "填报人：张某某    联系电话：0000-1234567",
            &[("填报人", "张某某"), ("联系电话", "0000-1234567")],
        );
        check("机关名称:某某局", &[("机关名称", "某某局")]);
        check("机关名称∶某某局", &[("机关名称", "某某局")]);
        check("单 位 名 称：", &[("单位名称", "")]);
        check("单位名称", &[("单位名称", "")]);
        check("填报单位 某某局", &[("填报单位", "某某局")]);
        check("单位：万元", &[("单位", "万元")]);
        check("单位负责人：李某", &[]);
        check("本单位：某某局", &[]);
        check("本年收费金额（单位：万元）", &[]);
        check("填表说明", &[]);
    }

    #[test]
    fn seals_and_gaps() {
        for (raw, want) in [
            ("某某局（盖章）", "某某局"),
            ("某某局(盖章)", "某某局"),
            ("某某局（公章）", "某某局"),
            ("某某局【签章】", "某某局"),
            ("  某某局 盖章 ", "某某局"),
            ("（盖章）某某局", "某某局"),
            (
                "某某县人民政府办公室（县外事办）",
                "某某县人民政府办公室（县外事办）",
            ),
            ("某某局        （盖章）", "某某局"),
            ("某某局      单位负责人签字", "某某局"),
            ("（盖章）   某某局", "某某局"),
            ("“某某局”", "某某局"),
            ("（盖章）", ""),
        ] {
            assert_eq!(clean_agency(raw), want, "{raw}");
        }
    }

    #[test]
    fn what_is_a_name() {
        for (name, weak, want) in [
            ("某某县交通运输局", false, true),
            ("某某县交通运输局", true, true),
            ("某某街道办事处", true, true),
            ("某某镇", true, true),
            ("某某县融媒体", false, true),
            ("某某县融媒体", true, false),
            ("万元", false, false),
            ("元", false, false),
            ("件", false, false),
            ("本单位", false, false),
            ("2024年1月18日", false, false),
            ("填报日期", false, false),
            ("报告年度", false, false),
            ("/", false, false),
            ("单位", false, false),
        ] {
            assert_eq!(is_agency_name(name, weak, 2), want, "{name} {weak}");
        }
    }

    #[test]
    fn agency_from_labels_titles_and_nowhere() {
        type Case<'a> = (&'a str, Vec<Sheet>, &'a str, Option<AgencyFrom>);
        let title = "某某县交通运输局2025年政府信息公开工作年度报告统计表";
        let cases: Vec<Case> = vec![
            (
                "label and right neighbour",
                vec![sheet("表一", &[(0, 0, "单位名称"), (0, 2, "某某县水利局")])],
                "某某县水利局",
                label("单位名称", "表一"),
            ),
            (
                "label and value below",
                vec![sheet(
                    "表一",
                    &[
                        (0, 0, "报送单位"),
                        (0, 1, "填报人"),
                        (1, 0, "某某县水利局"),
                        (1, 1, "张某"),
                    ],
                )],
                "某某县水利局",
                label("报送单位", "表一"),
            ),
            (
                "one cell, seal, full-width colon",
                vec![sheet("Sheet1", &[(1, 2, "填报单位：某某县财政局（盖章）")])],
                "某某县财政局",
                label("填报单位", "Sheet1"),
            ),
            (
                "half-width colon",
                vec![sheet("Sheet1", &[(1, 2, "机关名称:某某县统计局")])],
                "某某县统计局",
                label("机关名称", "Sheet1"),
            ),
            (
                "a cover sheet beats the title",
                vec![
                    sheet(
                        "封面",
                        &[(3, 1, "填报单位（盖章）"), (3, 2, "某某乡人民政府")],
                    ),
                    sheet("表二", &[(0, 0, title)]),
                ],
                "某某乡人民政府",
                label("填报单位", "封面"),
            ),
            (
                "the bare 单位 with a name",
                vec![sheet(
                    "Sheet1",
                    &[(0, 0, "单位：万元"), (1, 0, "单位：某某县民政局")],
                )],
                "某某县民政局",
                label("单位", "Sheet1"),
            ),
            (
                "a unit is not a name: the title is taken",
                vec![sheet("Sheet1", &[(0, 0, title), (1, 0, "单位：万元")])],
                "某某县交通运输局",
                Some(AgencyFrom::Title),
            ),
            (
                "an empty neighbour: the next label is not a value",
                vec![sheet(
                    "Sheet1",
                    &[(0, 0, "单位名称"), (0, 1, "填报日期"), (1, 0, "报告年度")],
                )],
                "",
                None,
            ),
            (
                "only a seal in the value",
                vec![sheet("Sheet1", &[(0, 0, "填报单位：（盖章）")])],
                "",
                None,
            ),
            (
                "nothing",
                vec![sheet("Sheet1", &[(0, 0, "表三 依申请公开")])],
                "",
                None,
            ),
        ];
        for (what, sheets, agency, from) in cases {
            let r = read(&sheets);
            assert_eq!(
                (r.agency.as_str(), r.agency_from.clone()),
                (agency, from),
                "{what}"
            );
        }
    }

    #[test]
    fn the_info_sheet_comes_first() {
        let r = read(&[
            sheet("封面", &[(0, 0, "单位名称"), (0, 1, "某某县林业局")]),
            sheet(
                crate::layout::INFO_SHEET,
                &[(1, 0, "机关名称"), (1, 1, "某某县水利局（盖章）")],
            ),
        ]);
        assert_eq!(r.agency, "某某县水利局");
        assert_eq!(r.agency_from, Some(AgencyFrom::InfoSheet));
    }

    #[test]
    fn contact_fields_on_any_sheet() {
        let r = read(&[sheet(
            "Sheet1",
            &[
                (
                    0,
                    0,
                    "填报单位（盖章）：某某县市场监督管理局          填报日期：2024年1月18日",
                ),
                (30, 0, "填报人：张某某    联系电话：0000-1234567"),
            ],
        )]);
        assert_eq!(r.contact.filler.as_deref(), Some("张某某"));
        assert_eq!(r.contact.phone.as_deref(), Some("0000-1234567"));
        assert_eq!(r.contact.date.as_deref(), Some("2024年1月18日"));
        let r = read(&[sheet(
            "Sheet1",
            &[
                (0, 0, "填报人：张某某    审核人：李某"),
                (1, 0, "填报日期：    年  月  日"),
            ],
        )]);
        assert_eq!(r.contact.filler.as_deref(), Some("张某某"));
        assert_eq!(r.contact.date, None);
        // A date typed as a spreadsheet date, beside its label.
        let s = Sheet::new(
            "Sheet1",
            Geometry::Exact,
            vec![
                RawCell::text(
                    0,
                    0,
                    "填报日期",
                    crate::Location::sheet_cell("Sheet1", 0, 0),
                ),
                RawCell::new(
                    0,
                    1,
                    Raw::Date(45672.0),
                    crate::Location::sheet_cell("Sheet1", 0, 1),
                ),
            ],
        );
        assert_eq!(read(&[s]).contact.date.as_deref(), Some("2025-01-15"));
    }

    #[test]
    fn dates() {
        for (text, want) in [
            ("2025年1月15日", Some((2025, 1, 15))),
            ("2025 年 1 月 15 日", Some((2025, 1, 15))),
            ("２０２５年１月１５日", Some((2025, 1, 15))),
            ("2025.1.15", Some((2025, 1, 15))),
            ("2025/01/15", Some((2025, 1, 15))),
            ("2025-1-15", Some((2025, 1, 15))),
            ("2025-01-15T00:00:00", Some((2025, 1, 15))),
            ("2025/1/15 0:00:00", Some((2025, 1, 15))),
            ("20250115", Some((2025, 1, 15))),
            ("二〇二五年一月十五日", Some((2025, 1, 15))),
            ("二〇二四年十二月三十一日", Some((2024, 12, 31))),
            ("二○二五年二月二十日", Some((2025, 2, 20))),
            ("2025年1月15号", Some((2025, 1, 15))),
            ("15/01/2025", None),
            ("25.1.15", None),
            ("2025-02-30", None),
            ("2025年13月1日", None),
            ("2025-1", None),
            ("0000-1234567", None),
            ("见附件", None),
        ] {
            assert_eq!(parse_date(text), want, "{text}");
        }
        for (serial, want) in [
            (1.0, Some((1900, 1, 1))),
            (59.0, Some((1900, 2, 28))),
            (60.0, None),
            (61.0, Some((1900, 3, 1))),
            (45672.0, Some((2025, 1, 15))),
            (45672.75, Some((2025, 1, 15))),
            (45351.0, Some((2024, 2, 29))),
            (0.5, None),
            (f64::NAN, None),
        ] {
            assert_eq!(excel_date(serial), want, "{serial}");
        }
    }

    #[test]
    fn file_names() {
        for (stem, want) in [
            (
                "某某县交通运输局2025年政府信息公开工作年度报告",
                Some(("某某县交通运输局", Some(2025))),
            ),
            (
                "2025年某某县交通运输局年报",
                Some(("某某县交通运输局", Some(2025))),
            ),
            (
                "2025年度某某县交通运输局年报",
                Some(("某某县交通运输局", Some(2025))),
            ),
            ("交通局-年报-终稿(1)", Some(("交通局", None))),
            (
                "某某镇人民政府 2024年报",
                Some(("某某镇人民政府", Some(2024))),
            ),
            (
                "附件2：某某县财政局2024年政府信息公开工作年度报告（盖章版）",
                Some(("某某县财政局", Some(2024))),
            ),
            ("2024-某某街道办事处", Some(("某某街道办事处", Some(2024)))),
            ("某某县统计局20250110", Some(("某某县统计局", None))),
            (
                "某某县人民政府办公室 - 副本",
                Some(("某某县人民政府办公室", None)),
            ),
            ("年报", None),
            ("2025年报", None),
            ("新建 Microsoft Excel 工作表", None),
            ("副本", None),
            ("工作簿1", None),
            ("政府信息公开工作年度报告统计表", None),
            ("某某县汇总", None),
            ("Book1", None),
        ] {
            let got = agency_from_file_name(stem);
            let want = want.map(|(a, y)| (a.to_string(), y));
            assert_eq!(got, want, "{stem}");
        }
    }

    /// The year where offices write it (a second round made by another hand, 2026-11-30): a
    /// label on any sheet with the value beside, below or in the cell, a year alone on the cover,
    /// the file's name, a title with the year in Chinese numerals.
    #[test]
    fn years_where_offices_write_them() {
        let year = |sheets: &[Sheet]| read(sheets).year;
        assert_eq!(
            year(&[sheet("表1", &[(0, 0, "报告年度：2024")])]),
            Some(2024)
        );
        assert_eq!(
            year(&[sheet("Sheet1", &[(0, 0, "年度"), (0, 1, "2024年")])]),
            Some(2024)
        );
        assert_eq!(
            year(&[sheet("Sheet1", &[(2, 3, "报告年度"), (3, 3, "2024")])]),
            Some(2024)
        );
        assert_eq!(
            year(&[sheet("封面", &[(1, 0, "某某县文旅局"), (4, 0, "2024年度")])]),
            Some(2024)
        );
        assert_eq!(
            year(&[sheet(
                "Sheet1",
                &[(0, 0, "某某县审计局二〇二四年政府信息公开工作年度报告")]
            )]),
            Some(2024)
        );
        // Not a year: a label with another value, a year inside a sentence of the cover.
        assert_eq!(year(&[sheet("Sheet1", &[(0, 0, "年度：全年")])]), None);
        assert_eq!(year(&[sheet("封面", &[(0, 0, "2024年1月15日填报")])]), None);
        for (stem, want) in [
            ("审计局2024年报", Some(2024)),
            ("czj_2024_zfxxgk", Some(2024)),
            ("人社2024", Some(2024)),
            ("2024年报表", Some(2024)),
            ("某某县统计局20250110", None),
            ("交通局-年报-终稿(1)", None),
        ] {
            assert_eq!(year_from_file_name(stem), want, "{stem}");
        }
    }

    #[test]
    fn titles() {
        assert_eq!(
            parse_title("某某县交通运输局2023年政府信息公开工作年度报告统计表"),
            Some(("某某县交通运输局".into(), 2023))
        );
        assert_eq!(
            parse_title("某某镇人民政府 ２０２３年度政府信息公开工作年度报告"),
            Some(("某某镇人民政府".into(), 2023))
        );
        assert_eq!(
            parse_title("2024年政府信息公开工作年度报告"),
            Some((String::new(), 2024))
        );
        assert_eq!(parse_title("政府信息公开工作年度报告"), None);
        assert_eq!(parse_title("某局23年政府信息公开工作年度报告"), None);
        // The forms published reports print (read 2026-11-30).
        for (title, agency, year) in [
            (
                "某某区人民政府外事办公室政府信息公开工作2022年度报告",
                "某某区人民政府外事办公室",
                2022,
            ),
            (
                "某某区卫生健康委员会 2021政府信息公开工作年度报告",
                "某某区卫生健康委员会",
                2021,
            ),
            (
                "2023年某某省市场监督管理局政府信息公开工作年度报告",
                "某某省市场监督管理局",
                2023,
            ),
            (
                "某某市公安局2024年度政府信息公开工作报告",
                "某某市公安局",
                2024,
            ),
            (
                "某某市人力资源和社会保障局2023年度信息公开工作年度报告",
                "某某市人力资源和社会保障局",
                2023,
            ),
            (
                "某某县财政局2023年政府信息公开情况报告_某某县人民政府",
                "某某县财政局",
                2023,
            ),
            (
                "首页|某某县水务局2021年政府信息公开工作年度报告",
                "某某县水务局",
                2021,
            ),
        ] {
            assert_eq!(parse_title(title), Some((agency.into(), year)), "{title}");
        }
        // The name of the format or of a notice is no title.
        assert_eq!(
            parse_title("《中华人民共和国政府信息公开工作年度报告格式》"),
            None
        );
        assert_eq!(
            parse_title("关于做好2024年度政府信息公开工作年度报告编制工作的通知"),
            None
        );
    }

    #[test]
    fn titles_in_sentences() {
        let t = |s: &str| title_in_sentence(s);
        let named = |a: &str, y: i32| Some((Some(a.to_string()), y));
        assert_eq!(
            t("根据《条例》规定，现公布某某县人民政府办公室2021年政府信息公开工作年度报告。"),
            named("某某县人民政府办公室", 2021)
        );
        assert_eq!(
            t(
                "依据《中华人民共和国政府信息公开工作年度报告格式》要求，现公布某某市农业农村局2021年政府信息公开工作年度报告。"
            ),
            named("某某市农业农村局", 2021)
        );
        assert_eq!(
            t("特公布2022年某某市人力资源和社会保障局信息公开工作年度报告。"),
            named("某某市人力资源和社会保障局", 2022)
        );
        assert_eq!(
            t("现将某某县人民政府（县人民政府办公室）2023年政府信息公开工作年度报告予以公布。"),
            named("某某县人民政府", 2023)
        );
        assert_eq!(
            t("编制完成《某某县乡村振兴局2023年政府信息公开工作年度报告》，所列数据…"),
            named("某某县乡村振兴局", 2023)
        );
        assert_eq!(
            t("编制并发布某某市农业农村局政府信息公开工作2022年度报告。"),
            named("某某市农业农村局", 2022)
        );
        // The report naming itself gives the year only.
        assert_eq!(
            t("现将我办2022年度政府信息公开工作年度报告如下："),
            Some((None, 2022))
        );
        assert_eq!(t("根据《条例》要求编制本报告。"), None);
    }
}
