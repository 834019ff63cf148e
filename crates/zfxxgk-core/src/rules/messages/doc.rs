//! `DOC-*`: section headings come from the catalog of the report's edition.

use crate::Lang;
use crate::layout::Section;
use crate::outline::{AgencySource, Day, Problem};
use crate::rules::doc::DocDetail;

fn day(d: &Day, lang: Lang) -> String {
    match lang {
        Lang::Zh => format!("{}年{}月{}日", d.year, d.month, d.day),
        Lang::En => format!("{}-{:02}-{:02}", d.year, d.month, d.day),
    }
}

fn source(s: AgencySource, lang: Lang) -> &'static str {
    match (s, lang) {
        (AgencySource::Title, Lang::Zh) => "标题",
        (AgencySource::Opening, Lang::Zh) => "开头“本报告由……编制”",
        (AgencySource::Publisher, Lang::Zh) => "网页的发布机构",
        (AgencySource::Title, Lang::En) => "the title",
        (AgencySource::Opening, Lang::En) => "the opening sentence",
        (AgencySource::Publisher, Lang::En) => "the page's publisher",
    }
}

pub(super) fn message(d: &DocDetail, lang: Lang) -> String {
    let layout = d.edition.layout();
    let section_of = |id: &str| -> Option<&'static Section> { layout.section(id) };
    let name = |id: &str| -> String {
        match (section_of(id), lang) {
            (Some(s), Lang::Zh) => format!("“{}、{}”", s.no, s.heading),
            (Some(s), Lang::En) => format!("section {} ({})", s.no, s.en),
            (None, _) => id.to_string(),
        }
    };
    match (&d.problem, lang) {
        (Problem::SectionMissing { section, .. }, Lang::Zh) => format!(
            "报告中没有第{}部分{}（或其标题无法辨认），年度报告应包括全部六个部分。",
            section_no(layout, section),
            name(section)
        ),
        (Problem::SectionMissing { section, .. }, Lang::En) => format!(
            "The report has no {} (or its heading cannot be recognised); a report has all six sections.",
            name(section)
        ),
        (Problem::SectionOutOfOrder { written, after, .. }, Lang::Zh) => format!(
            "“{written}”排在{}之后，六个部分应按一至六的顺序排列。",
            name(after)
        ),
        (Problem::SectionOutOfOrder { written, after, .. }, Lang::En) => format!(
            "“{written}” comes after {}; the six sections go in order.",
            name(after)
        ),
        (Problem::SectionRepeated { written, first, .. }, Lang::Zh) => format!(
            "标题“{written}”出现了两次（第一次在{}），同一部分只应有一个。",
            first.describe(lang)
        ),
        (Problem::SectionRepeated { written, first, .. }, Lang::En) => format!(
            "The heading “{written}” appears twice (first at {}); each section appears once.",
            first.describe(lang)
        ),
        (
            Problem::HeadingTypo {
                written, official, ..
            },
            Lang::Zh,
        ) => format!("标题“{written}”与规定的标题“{official}”不一致（错别字？），请改正。"),
        (
            Problem::HeadingTypo {
                written, official, ..
            },
            Lang::En,
        ) => format!("The heading “{written}” differs from the official “{official}” (a typo?)."),
        (
            Problem::HeadingRenamed {
                written, official, ..
            },
            Lang::Zh,
        ) => format!("标题“{written}”不是规定的标题，应为“{official}”。"),
        (
            Problem::HeadingRenamed {
                written, official, ..
            },
            Lang::En,
        ) => format!("The heading “{written}” is not the official one: “{official}”."),
        (
            Problem::HeadingNumber {
                section,
                written,
                numbering,
                ..
            },
            Lang::Zh,
        ) => {
            let official = section_of(section)
                .map(|s| format!("{}、{}", s.no, s.heading))
                .unwrap_or_default();
            match numbering {
                Some(n) => format!("标题“{written}”的序号是“{n}”，规定为“{official}”。"),
                None => format!("标题“{written}”没有序号，规定为“{official}”。"),
            }
        }
        (
            Problem::HeadingNumber {
                section,
                written,
                numbering,
                ..
            },
            Lang::En,
        ) => {
            let official = section_of(section)
                .map(|s| format!("{}、{}", s.no, s.heading))
                .unwrap_or_default();
            match numbering {
                Some(n) => format!(
                    "The heading “{written}” is numbered “{n}”; the official heading is “{official}”."
                ),
                None => format!(
                    "The heading “{written}” has no number; the official heading is “{official}”."
                ),
            }
        }
        (
            Problem::EnumerationSkipped {
                section,
                expected,
                found,
                previous,
                excerpt,
                ..
            },
            Lang::Zh,
        ) => match previous {
            Some(p) => format!(
                "{}中“{p}”之后是“{found}”，缺少“{expected}”：“{excerpt}”。",
                name(section)
            ),
            None => format!(
                "{}中的列举从“{found}”开始，缺少“{expected}”：“{excerpt}”。",
                name(section)
            ),
        },
        (
            Problem::EnumerationSkipped {
                section,
                expected,
                found,
                previous,
                excerpt,
                ..
            },
            Lang::En,
        ) => match previous {
            Some(p) => format!(
                "In {}, “{p}” is followed by “{found}”; “{expected}” is missing: “{excerpt}”.",
                name(section)
            ),
            None => format!(
                "In {}, the list starts at “{found}”; “{expected}” is missing: “{excerpt}”.",
                name(section)
            ),
        },
        (
            Problem::EnumerationRepeated {
                section,
                marker,
                previous,
                excerpt,
                ..
            },
            Lang::Zh,
        ) => format!(
            "{}中“{marker}”出现了两次（前一项是“{previous}”）：“{excerpt}”。",
            name(section)
        ),
        (
            Problem::EnumerationRepeated {
                section,
                marker,
                previous,
                excerpt,
                ..
            },
            Lang::En,
        ) => format!(
            "In {}, “{marker}” is used twice (after “{previous}”): “{excerpt}”.",
            name(section)
        ),
        (Problem::ImprovementMissing { empty: true, .. }, Lang::Zh) => format!(
            "{}没有内容，应写明存在的主要问题和改进情况。",
            name("problems")
        ),
        (Problem::ImprovementMissing { empty: true, .. }, Lang::En) => format!(
            "{} is empty; it should state the main problems and how they were addressed.",
            name("problems")
        ),
        (
            Problem::ImprovementMissing {
                plans_only: true, ..
            },
            Lang::Zh,
        ) => format!(
            "{}只写了存在的问题和下一步打算，没有写明上年度报告所列问题的整改（改进）情况。",
            name("problems")
        ),
        (
            Problem::ImprovementMissing {
                plans_only: true, ..
            },
            Lang::En,
        ) => format!(
            "{} states problems and plans, but not how last year's problems were addressed.",
            name("problems")
        ),
        (Problem::ImprovementMissing { .. }, Lang::Zh) => format!(
            "{}没有写明问题的整改或改进情况（如上年度问题的整改落实）。",
            name("problems")
        ),
        (Problem::ImprovementMissing { .. }, Lang::En) => format!(
            "{} does not say how problems (such as last year's) were addressed or will be.",
            name("problems")
        ),
        (Problem::FeesNotStated { excerpt, .. }, Lang::Zh) => format!(
            "{}没有写明收取信息处理费的情况（未收取的也应写明）：“{excerpt}”。",
            name("other")
        ),
        (Problem::FeesNotStated { excerpt, .. }, Lang::En) => format!(
            "{} does not state the information processing fees charged (or that none were): “{excerpt}”.",
            name("other")
        ),
        (
            Problem::TitleYear {
                written,
                year,
                report_year,
                ..
            },
            Lang::Zh,
        ) => format!("标题“{written}”写的是 {year} 年度，而报告的年度是 {report_year}。"),
        (
            Problem::TitleYear {
                written,
                year,
                report_year,
                ..
            },
            Lang::En,
        ) => format!("The title “{written}” names {year}, but the report is for {report_year}."),
        (
            Problem::PeriodYear {
                written,
                report_year,
                ..
            },
            Lang::Zh,
        ) => format!(
            "统计期限“{written}”与报告年度不符，应为 {report_year} 年 1 月 1 日至 {report_year} 年 12 月 31 日。"
        ),
        (
            Problem::PeriodYear {
                written,
                start,
                end,
                report_year,
                ..
            },
            Lang::En,
        ) => format!(
            "The statistics period “{written}” ({} to {}) is not 1 January to 31 December {report_year}, the report's year.",
            day(start, lang),
            day(end, lang)
        ),
        (
            Problem::NarrativeYear {
                section,
                year,
                report_year,
                excerpt,
                ..
            },
            Lang::Zh,
        ) => format!(
            "{}写道“{excerpt}”，年份 {year} 与报告年度 {report_year} 不符，是否沿用了其他年度的报告？",
            name(section)
        ),
        (
            Problem::NarrativeYear {
                section,
                year,
                report_year,
                excerpt,
                ..
            },
            Lang::En,
        ) => format!(
            "{} says “{excerpt}”: {year} is not the report's year {report_year}; was another year's report reused?",
            name(section)
        ),
        (
            Problem::AgencyMismatch {
                reference,
                reference_name,
                source: s,
                name: n,
                ..
            },
            Lang::Zh,
        ) => format!(
            "{}写的机关是“{n}”，而{}是“{reference_name}”，请核实报告机关。",
            source(*s, lang),
            source(*reference, lang)
        ),
        (
            Problem::AgencyMismatch {
                reference,
                reference_name,
                source: s,
                name: n,
                ..
            },
            Lang::En,
        ) => format!(
            "{} names “{n}”, but {} names “{reference_name}”.",
            capitalised(source(*s, lang)),
            source(*reference, lang)
        ),
        (
            Problem::NarrativeAgency {
                name: n,
                agency,
                mentions,
            },
            Lang::Zh,
        ) => format!(
            "正文以“{n}”自称（{} 处，如“{}”），而报告机关是“{agency}”，是否照搬了其他机关的报告？",
            mentions.len(),
            mentions.first().map_or("", |m| m.excerpt.as_str())
        ),
        (
            Problem::NarrativeAgency {
                name: n,
                agency,
                mentions,
            },
            Lang::En,
        ) => format!(
            "The narrative speaks as “{n}” ({} times, e.g. “{}”), but the report is {agency}'s: copied from another agency's report?",
            mentions.len(),
            mentions.first().map_or("", |m| m.excerpt.as_str())
        ),
    }
}

fn section_no(layout: &crate::Layout, id: &str) -> &'static str {
    layout.section(id).map_or("", |s| s.no)
}

fn capitalised(s: &str) -> String {
    let mut c = s.chars();
    c.next()
        .map(|f| f.to_uppercase().chain(c).collect())
        .unwrap_or_default()
}
