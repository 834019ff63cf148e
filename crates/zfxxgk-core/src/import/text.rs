//! The running text of a published report: the title (agency and year), the opening paragraph,
//! and the six sections split at their headings; the [`Outline`] of what was read, and where each
//! part of each section's text came from ([`Report::text_location`]).

use crate::grid::{Document, DocumentKind, TextLine};
use crate::layout::Layout;
use crate::normalize::{half_width, is_space, label_key, normalize_label};
use crate::outline::{
    self, Heading, HeadingKind, HeadingMatch, Opening, Outline, Period, SubHeading, Title,
};
use crate::report::{Location, Report};

use super::NotAReport;
use super::meta::{parse_title, title_in_sentence};

/// Title lines are short: longer lines are paragraphs.
const TITLE_LINE_CHARS: usize = 48;
/// How many lines at the top may hold the title.
const TITLE_LINES: usize = 12;
/// A paragraph longer than this that does not end a sentence was cut by a page break.
const PAGE_CUT_CHARS: usize = 40;
/// A heading line is short.
const HEADING_CHARS: usize = 40;

/// Where each section starts in a document's lines.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SectionSplit {
    /// For each section of the layout, in order, the index of its heading line.
    pub starts: Vec<Option<usize>>,
}

/// Whether a line is the heading of a section: `一、总体情况`, `一．总体情况`, `一 总体情况`,
/// `（一）…`-free, a variant heading, a trailing colon; short lines only.
fn heading_of(layout: &Layout, line: &str) -> Option<usize> {
    let t: String = line
        .chars()
        .map(half_width)
        .filter(|c| !is_space(*c))
        .collect();
    if t.is_empty() || t.chars().count() > HEADING_CHARS {
        return None;
    }
    let t = t.trim_end_matches([':', '：']);
    let key = label_key(t);
    let norm = normalize_label(t);
    layout.sections.iter().position(|s| {
        let numbered = |h: &str| {
            let h = normalize_label(h);
            [".", ",", ""].iter().any(|sep| {
                norm == format!("{}{sep}{h}", s.no) || norm == format!("第{}部分{sep}{h}", s.no)
            })
        };
        std::iter::once(s.heading)
            .chain(s.variants.iter().copied())
            .any(|h| numbered(h) || (key == label_key(h) && norm.starts_with(s.no)))
    })
}

/// Finds the six section headings in order.
pub fn split_sections(layout: &Layout, lines: &[TextLine]) -> SectionSplit {
    let mut starts = vec![None; layout.sections.len()];
    let mut last = 0usize;
    for (i, line) in lines.iter().enumerate() {
        if let Some(s) = heading_of(layout, &line.text)
            && s >= last
            && starts[s].is_none()
        {
            starts[s] = Some(i);
            last = s;
        }
    }
    SectionSplit { starts }
}

/// Agency and year from the first short lines (a title may be split over several lines:
/// `义马市交通运输局` / `2024 年政府信息公开工作` / `年度报告`), with the range of lines.
fn title_from_lines(
    lines: &[TextLine],
    end: usize,
) -> Option<(String, i32, std::ops::RangeInclusive<usize>)> {
    let top: Vec<&str> = lines[..end.min(lines.len()).min(TITLE_LINES)]
        .iter()
        .map(|l| l.text.as_str())
        .take_while(|t| t.chars().filter(|c| !is_space(*c)).count() <= TITLE_LINE_CHARS)
        .collect();
    // The shortest run of lines ending in the title's suffix, extended upwards for the agency.
    for last in 0..top.len() {
        if !top[last].contains("报告") && !top[last].contains("年报") {
            continue;
        }
        for first in (0..=last).rev() {
            let joined: String = top[first..=last].concat();
            if let Some((agency, year)) = parse_title(&joined)
                && (!agency.is_empty() || first == 0)
            {
                return Some((agency, year, first..=last));
            }
        }
    }
    None
}

/// The agency and year an opening sentence states: `本报告由某某局根据…编制`, `现公布某某局
/// 2023年政府信息公开工作年度报告`, `统计期限自2023年1月1日起至2023年12月31日止`.
fn from_opening(text: &str) -> (Option<String>, Option<i32>) {
    let titled = title_in_sentence(text);
    let agency = crate::outline::opening_agency(text)
        .or_else(|| titled.as_ref().and_then(|(a, _)| a.clone()));
    let year = crate::outline::statistics_period(text)
        .map(|(_, start, _)| start.year)
        .or(titled.map(|(_, y)| y));
    (agency, year)
}

/// The paragraphs of a section, with the offset in the text where each line's part starts and
/// the line's location. Text from PDFs and copied pages breaks paragraphs where a page or a
/// printed line ended: a long line that does not end a sentence is joined with the next.
fn paragraphs(lines: &[TextLine], kind: DocumentKind) -> (String, Vec<(usize, Location)>) {
    const SENTENCE_END: &[char] = &[
        '。', '！', '？', '；', '：', '”', '）', ')', '!', '?', ';', ':',
    ];
    let texts: Vec<(&str, &Location)> = lines
        .iter()
        .map(|l| (l.text.trim_matches(is_space), &l.location))
        .filter(|(t, _)| !t.is_empty())
        .collect();
    let mut text = String::new();
    let mut origins = Vec::with_capacity(texts.len());
    if matches!(
        kind,
        DocumentKind::Html | DocumentKind::Word | DocumentKind::Workbook
    ) {
        for (i, (t, location)) in texts.into_iter().enumerate() {
            if i > 0 {
                text.push('\n');
            }
            origins.push((text.len(), location.clone()));
            text.push_str(t);
        }
        return (text, origins);
    }
    // A printed line is about as long as the longest lines of the text.
    let mut lens: Vec<usize> = texts.iter().map(|(t, _)| t.chars().count()).collect();
    lens.sort_unstable();
    let full = lens
        .get(lens.len().saturating_sub(1 + lens.len() / 5))
        .copied()
        .unwrap_or(0);
    let wrap = (full * 4 / 5).max(16);
    // Where the current paragraph starts in `text`.
    let mut paragraph: Option<usize> = None;
    let mut open = false;
    for (t, location) in texts {
        let starts_item = t.starts_with(['（', '(']) || heading_like(t);
        let start = match paragraph {
            Some(start) if open && !starts_item => start,
            Some(_) => {
                text.push('\n');
                text.len()
            }
            None => 0,
        };
        paragraph = Some(start);
        origins.push((text.len(), location.clone()));
        text.push_str(t);
        let last = &text[start..];
        // A paragraph that does not end a sentence goes on in the next line when its last line
        // was full, or when it is a long paragraph cut by a page (`…并及时向问` / `询群众…`).
        let tail = t.chars().count();
        let long = last.chars().count() > PAGE_CUT_CHARS;
        open = (tail >= wrap || long) && !last.ends_with(SENTENCE_END);
    }
    (text, origins)
}

fn heading_like(t: &str) -> bool {
    let mut chars = t.chars();
    matches!(chars.next(), Some(c) if "一二三四五六七八九十".contains(c))
        && chars.next() == Some('、')
}

/// How a line matched as a heading: [`heading_of`] decides the sections the import has always
/// read; [`outline::classify_heading`] adds typos, wrong numbers, headings with text after a
/// colon, and other numbered short lines.
fn heading_match(layout: &Layout, line: &str) -> Option<HeadingMatch> {
    let found = outline::classify_heading(layout, line);
    match heading_of(layout, line) {
        Some(s) if found.as_ref().is_none_or(|m| m.section != Some(s)) => Some(HeadingMatch {
            section: Some(s),
            numbering: None,
            number: Some(s as u32 + 1),
            numbered_right: true,
            kind: HeadingKind::Official,
            inline: None,
        }),
        _ => found,
    }
}

/// The split of [`split_sections`], and for a section it misses, the first line that heads it
/// with a typo, another number or text after a colon, between the sections found around it;
/// else its official heading out of order (`六` before `五`), which then ends the text before it.
fn complete_split(split: &SectionSplit, matches: &[Option<HeadingMatch>]) -> Vec<Option<usize>> {
    let mut starts = split.starts.clone();
    for s in 0..starts.len() {
        if starts[s].is_some() {
            continue;
        }
        let low = starts[..s].iter().flatten().max().copied();
        let high = starts[s + 1..].iter().flatten().min().copied();
        starts[s] = matches.iter().enumerate().position(|(i, m)| {
            low.is_none_or(|l| i > l)
                && high.is_none_or(|h| i < h)
                && m.as_ref().is_some_and(|m| m.section == Some(s))
        });
    }
    for s in 0..starts.len() {
        if starts[s].is_some() {
            continue;
        }
        starts[s] = matches.iter().enumerate().position(|(i, m)| {
            !starts.contains(&Some(i))
                && m.as_ref().is_some_and(|m| {
                    m.section == Some(s)
                        && matches!(m.kind, HeadingKind::Official | HeadingKind::Variant(_))
                })
        });
    }
    starts
}

/// A section still without a heading takes the numbered line with its number and other words
/// (`一、工作概述`, `一、总体情况概述`) between the sections found around it: its text is read, and
/// the heading is said not to be the official one.
fn adopt_renamed(
    layout: &Layout,
    starts: &mut [Option<usize>],
    matches: &mut [Option<HeadingMatch>],
) {
    for s in 0..starts.len() {
        // A section of tables is found by its tables' rows too (`三、本年度办理结果`): only the
        // sections of text are adopted.
        if starts[s].is_some() || layout.sections.get(s).is_none_or(|x| x.table.is_some()) {
            continue;
        }
        let low = starts[..s].iter().flatten().max().copied();
        let high = starts[s + 1..].iter().flatten().min().copied();
        let number = u32::try_from(s + 1).ok();
        let found = matches.iter().enumerate().position(|(i, m)| {
            low.is_none_or(|l| i > l)
                && high.is_none_or(|h| i < h)
                && m.as_ref().is_some_and(|m| {
                    m.kind == HeadingKind::Other
                        && m.number == number
                        && m.numbering.as_deref().is_some_and(|n| n.ends_with('、'))
                })
        });
        if let Some(i) = found
            && let Some(m) = matches[i].as_mut()
        {
            m.section = Some(s);
            m.numbered_right = true;
            m.kind = HeadingKind::Renamed;
            starts[s] = Some(i);
        }
    }
}

/// Fills agency, year and the narrative sections from the running text, with where each part of
/// their text came from; records the outline of a document of running text.
pub(crate) fn read_text(doc: &Document, report: &mut Report) {
    let layout = report.layout();
    let split = split_sections(layout, &doc.lines);
    let first_heading = split
        .starts
        .iter()
        .flatten()
        .min()
        .copied()
        .unwrap_or(doc.lines.len());
    let title = title_from_lines(&doc.lines, first_heading);
    if report.agency.trim().is_empty() || report.year.is_none() {
        let mut found = title.clone().map(|(agency, year, _)| (agency, year));
        if found.is_none() {
            found = doc.title.as_deref().and_then(parse_title);
        }
        if let Some((agency, year)) = found {
            if report.agency.trim().is_empty() {
                report.agency = agency;
                report.agency_from = Some(crate::AgencyFrom::Title);
            }
            if report.year.is_none() {
                report.year = Some(year);
            }
        }
    }
    if report.agency.trim().is_empty() || report.year.is_none() {
        for line in doc
            .lines
            .iter()
            .take(first_heading.clamp(1, TITLE_LINES * 2))
        {
            let (agency, year) = from_opening(&line.text);
            if report.agency.trim().is_empty()
                && let Some(a) = agency
            {
                report.agency = a;
                report.agency_from = Some(crate::AgencyFrom::Opening);
            }
            if report.year.is_none() {
                report.year = year;
            }
        }
    }
    // A period stated under the first heading (`一、总体情况` / `本报告所列数据的统计期限为…`).
    if report.year.is_none() {
        report.year = doc
            .lines
            .iter()
            .take(TITLE_LINES * 4)
            .find_map(|l| crate::outline::statistics_period(&l.text))
            .map(|(_, start, _)| start.year);
    }
    if report.agency.trim().is_empty()
        && let Some(p) = &doc.publisher
    {
        report.agency = p.trim().to_string();
        report.agency_from = Some(crate::AgencyFrom::Publisher);
    }
    let running = doc.kind != DocumentKind::Workbook;
    let matches: Vec<Option<HeadingMatch>> = if running {
        doc.lines
            .iter()
            .map(|l| heading_match(layout, &l.text))
            .collect()
    } else {
        Vec::new()
    };
    let mut matches = matches;
    let starts = if running {
        let mut starts = complete_split(&split, &matches);
        adopt_renamed(layout, &mut starts, &mut matches);
        starts
    } else {
        split.starts.clone()
    };
    let mut order: Vec<(usize, usize)> = starts
        .iter()
        .enumerate()
        .filter_map(|(s, i)| i.map(|i| (i, s)))
        .collect();
    order.sort_unstable();
    for (n, (start, s)) in order.iter().enumerate() {
        let section = &layout.sections[*s];
        if section.table.is_some() {
            continue;
        }
        let end = order.get(n + 1).map_or(doc.lines.len(), |(i, _)| *i);
        let mut lines = &doc.lines[start + 1..end];
        let with_inline: Vec<TextLine>;
        if let Some(inline) = matches.get(*start).and_then(|m| m.as_ref()?.inline.clone()) {
            with_inline = std::iter::once(TextLine {
                text: inline,
                location: doc.lines[*start].location.clone(),
            })
            .chain(lines.iter().cloned())
            .collect();
            lines = &with_inline;
        }
        let (text, origins) = paragraphs(lines, doc.kind);
        if !text.is_empty() && report.section(section.id).is_empty() {
            report.set_section(section.id, text);
            report.set_text_origins(section.id, origins);
        }
    }
    if running {
        let first = order.first().map_or(doc.lines.len(), |(i, _)| *i);
        let outline = read_outline(doc, report, title, &matches, first);
        report.outline = Some(Box::new(outline));
    }
}

/// The outline of a document of running text, once its sections are read.
fn read_outline(
    doc: &Document,
    report: &Report,
    title: Option<(String, i32, std::ops::RangeInclusive<usize>)>,
    matches: &[Option<HeadingMatch>],
    first_heading: usize,
) -> Outline {
    let layout = report.layout();
    let title = match title {
        Some((agency, year, range)) => Some(Title {
            text: doc.lines[range.clone()]
                .iter()
                .map(|l| l.text.trim_matches(is_space))
                .collect(),
            agency: (!agency.is_empty()).then_some(agency),
            year: Some(year),
            location: Some(doc.lines[*range.start()].location.clone()),
        }),
        None => doc.title.as_deref().and_then(|t| {
            parse_title(t).map(|(agency, year)| Title {
                text: t.trim_matches(is_space).to_string(),
                agency: (!agency.is_empty()).then_some(agency),
                year: Some(year),
                location: None,
            })
        }),
    };
    let opening = doc.lines[..first_heading.min(doc.lines.len())]
        .iter()
        .find_map(|l| {
            from_opening(&l.text).0.map(|agency| Opening {
                agency,
                location: l.location.clone(),
            })
        });
    let period = doc.lines.iter().find_map(|l| {
        outline::statistics_period(&l.text).map(|(text, start, end)| Period {
            text,
            start,
            end,
            location: l.location.clone(),
        })
    });
    let headings = doc
        .lines
        .iter()
        .zip(matches)
        .filter_map(|(line, m)| {
            let m = m.as_ref()?;
            Some(Heading {
                text: line.text.trim_matches(is_space).to_string(),
                location: line.location.clone(),
                section: m.section.map(|s| layout.sections[s].id),
                numbering: m.numbering.clone(),
                number: m.number,
                numbered_right: m.numbered_right,
                kind: m.kind.clone(),
            })
        })
        .collect();
    let overview = report.section("overview");
    let mut subheadings = Vec::new();
    let mut offset = 0;
    for paragraph in overview.split('\n') {
        if let Some((number, text)) = outline::subheading(paragraph) {
            subheadings.push(SubHeading {
                number,
                text,
                location: report.text_location("overview", offset).cloned(),
            });
        }
        offset += paragraph.len() + 1;
    }
    Outline {
        title,
        opening,
        period,
        publisher: doc
            .publisher
            .as_deref()
            .map(|p| p.trim_matches(is_space).to_string())
            .filter(|p| !p.is_empty()),
        headings,
        subheadings,
    }
}

/// Says what a document that holds no table of the report holds instead.
pub(crate) fn explain_not_a_report(doc: &Document, e: NotAReport) -> NotAReport {
    if doc.kind == DocumentKind::Workbook {
        return e;
    }
    let title = doc
        .title
        .clone()
        .or_else(|| doc.lines.first().map(|l| l.text.chars().take(40).collect()))
        .unwrap_or_default();
    let headings = split_sections(crate::Edition::V2021.layout(), &doc.lines)
        .starts
        .iter()
        .flatten()
        .count();
    let tables = doc.grids.iter().filter(|g| !g.cells.is_empty()).count();
    let zh = format!(
        "{}文件中有 {} 个表格、{} 段文字、{} 个年度报告的章节标题{}。",
        e.zh,
        tables,
        doc.lines.len(),
        headings,
        if title.is_empty() {
            String::new()
        } else {
            format!("；开头是“{title}”")
        }
    );
    let en = format!(
        "{}; the file holds {} tables, {} lines of text, {} section headings of a report{}",
        e.en,
        tables,
        doc.lines.len(),
        headings,
        if title.is_empty() {
            String::new()
        } else {
            format!("; it begins “{title}”")
        }
    );
    NotAReport { zh, en }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Edition;
    use crate::grid::{Geometry, Grid, GridCell};

    fn lines(texts: &[&str], location: impl Fn(usize) -> Location) -> Vec<TextLine> {
        texts
            .iter()
            .enumerate()
            .map(|(i, t)| TextLine {
                text: t.to_string(),
                location: location(i),
            })
            .collect()
    }

    /// The outline's classification agrees with the split the import has always made.
    #[test]
    fn both_heading_matchers_agree() {
        for edition in [Edition::V2019, Edition::V2021] {
            let layout = edition.layout();
            for (i, s) in layout.sections.iter().enumerate() {
                for h in std::iter::once(s.heading).chain(s.variants.iter().copied()) {
                    for line in [
                        format!("{}、{h}", s.no),
                        format!("{}．{h}", s.no),
                        format!("{} {h}", s.no),
                        format!("第{}部分 {h}", s.no),
                        format!("{}、{h}：", s.no),
                    ] {
                        assert_eq!(heading_of(layout, &line), Some(i), "{line}");
                        let m = outline::classify_heading(layout, &line).expect("a heading");
                        assert_eq!(m.section, Some(i), "{line}");
                        assert!(m.numbered_right, "{line}");
                    }
                }
            }
        }
    }

    /// A paragraph cut by a page is one paragraph again, each part located on its page.
    #[test]
    fn paragraph_parts_keep_their_lines() {
        let ls = lines(
            &[
                "今年以来，某某县交通运输局收到依申请公开信息1条。主要内容为群众申请获取某某方案信息，经查找不存在相关方案并及时向问",
                "询群众回复答复书。",
                "（三）政府信息管理",
            ],
            |i| Location::Page {
                page: i as u32 + 1,
                line: 1,
            },
        );
        let (text, origins) = paragraphs(&ls, DocumentKind::Pdf);
        assert_eq!(text.lines().count(), 2);
        let cut = text.find("询群众").expect("joined");
        assert_eq!(
            origins,
            vec![
                (0, Location::Page { page: 1, line: 1 }),
                (cut, Location::Page { page: 2, line: 1 }),
                (
                    text.find("（三）").expect("item"),
                    Location::Page { page: 3, line: 1 }
                ),
            ]
        );
        let (html, origins) = paragraphs(&ls, DocumentKind::Html);
        assert_eq!(html.lines().count(), 3);
        assert_eq!(origins.len(), 3);
    }

    /// Our workbook's 报告正文 sheet: each line of a section is located at its cell.
    #[test]
    fn workbook_narrative_is_located_by_cell() {
        let sheet = crate::layout::NARRATIVE_SHEET;
        let at = |row: u32| Location::sheet_cell(sheet, row, 0);
        let cells = vec![
            GridCell::text(0, 0, "一、总体情况", at(0)),
            GridCell::text(1, 0, "（一）主动公开", at(1)),
            GridCell::text(3, 0, "一是加强领导。", at(3)),
            GridCell::text(4, 0, "五、存在的主要问题及改进情况", at(4)),
            GridCell::text(5, 0, "下一步将加强学习。", at(5)),
        ];
        let doc = Document {
            grids: vec![Grid::new(sheet, Geometry::Exact, cells)],
            ..Document::default()
        };
        let mut report = Report::new(Edition::V2021);
        super::super::meta::read_meta(&doc.grids, &mut report);
        assert_eq!(
            report.section("overview"),
            "（一）主动公开\n\n一是加强领导。"
        );
        read_text(&doc, &mut report);
        assert_eq!(report.outline, None);
        let overview = report.section("overview");
        let second = overview.find("一是").expect("line");
        assert_eq!(report.text_location("overview", 0), Some(&at(1)));
        assert_eq!(report.text_location("overview", second - 1), Some(&at(1)));
        assert_eq!(report.text_location("overview", second), Some(&at(3)));
        assert_eq!(report.text_location("problems", 3), Some(&at(5)));
        assert_eq!(report.text_location("other", 0), None);
    }
}
