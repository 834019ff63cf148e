//! Reports written as published, with one thing wrong (or one harmless difference) each, read
//! through the import path; the problems each gives.

use super::*;
use crate::grid::{Document, DocumentKind, Geometry, Grid, GridCell, Origin, TextLine};

/// A consistent report for 2023 in the style of a copied web page. Line numbers (1-based, blank
/// lines counted) are the locations of the import.
const BASE: &str = "\
某某县交通运输局2023年政府信息公开工作年度报告

本报告由某某县交通运输局根据《中华人民共和国政府信息公开条例》（以下简称《条例》）和《中华人民共和国政府信息公开工作年度报告格式》（国办公开办函〔2021〕30号）要求编制。报告所列数据统计期限自2023年1月1日至2023年12月31日。

一、总体情况

(一)主动公开
2023年，某某县交通运输局高度重视政府信息公开工作，主要做到以下三点：一是切实加强组织领导，明确工作机构。二是不断加大主动公开力度，深入推进重点领域信息公开。三是主动公开单位信息、机构职能等内容。
(二)依申请公开
今年以来，某某县交通运输局收到依申请公开信息0条。按照某某县人民政府办公室要求，进一步规范依申请公开流程。
（三）政府信息管理
某某县交通运输局始终妥善处理公开与保密的关系，合理界定信息公开范围。
（四）政府信息公开平台建设
2023年，某某县交通运输局不断拓展信息公开渠道，完善政府门户网站。
（五）监督保障
一是建立健全政府信息公开工作考核机制。二是加强政府网站与新媒体公开信息的监督。三是加强了政府信息公开业务学习。

二、主动公开政府信息情况

三、收到和处理政府信息公开申请情况

四、政府信息公开行政复议、行政诉讼情况

五、存在的主要问题及改进情况

2022年度政府信息公开工作仍然存在一些问题。一是信息公开内容不够深入全面。二是信息公开形式单一。经整改，2023年信息质量及公开渠道都有了很大改观。
针对以上问题，下一步打算如下：一是加强对信息公开内容的审核和把关。二是加大信息公开力度。三是扩大信息传播范围。

六、其他需要报告的事项

本机关2023年度未收取信息处理费。
";

/// The document of a copied page: the lines without a tab are running text, located by line;
/// the tables are the seed's, on lines 1001 and after.
fn document(text: &str, publisher: Option<&str>) -> Document {
    let mut doc = Document {
        kind: DocumentKind::Text,
        publisher: publisher.map(str::to_string),
        ..Document::default()
    };
    for (i, line) in text.lines().enumerate() {
        let t = line.trim_matches(is_space);
        if !t.is_empty() {
            doc.lines.push(TextLine {
                text: t.to_string(),
                location: Location::Line(i as u64 + 1),
            });
        }
    }
    let mut cells = Vec::new();
    let mut origins = Vec::new();
    let rows = crate::sample::SOURCE_TEXT
        .lines()
        .filter(|l| l.contains('\t'));
    for (row, line) in rows.enumerate() {
        let location = Location::Line(1001 + row as u64);
        origins.push(location.clone());
        for (col, field) in line.split('\t').enumerate() {
            let field = field.trim_matches(is_space);
            if !field.is_empty() {
                cells.push(GridCell::text(
                    row as u32,
                    col as u32,
                    field,
                    location.clone(),
                ));
            }
        }
    }
    doc.grids
        .push(Grid::new("文本", Geometry::Loose, cells).with_origin(Origin::Rows(origins)));
    doc
}

fn import(text: &str, publisher: Option<&str>) -> Report {
    crate::import::read_document(&document(text, publisher)).expect("a report")
}

/// A problem in a few words, for the tables of cases.
fn tag(p: &Problem) -> String {
    let at = |l: &Option<Location>| l.as_ref().map_or("?".to_string(), ToString::to_string);
    match p {
        Problem::SectionMissing { no, .. } => format!("missing {no}"),
        Problem::SectionOutOfOrder { no, after_no, .. } => format!("order {no} after {after_no}"),
        Problem::SectionRepeated {
            no,
            location,
            first,
            ..
        } => format!("repeated {no} @{location} first @{first}"),
        Problem::HeadingTypo {
            written, official, ..
        } => format!("typo {written} → {official}"),
        Problem::HeadingRenamed {
            written, official, ..
        } => format!("renamed {written} → {official}"),
        Problem::HeadingNumber {
            written,
            numbering,
            no,
            ..
        } => format!(
            "number {written} ({}) → {no}",
            numbering.as_deref().unwrap_or("none")
        ),
        Problem::EnumerationSkipped {
            section,
            expected,
            found,
            location,
            ..
        } => format!("skip {section} {expected}→{found} @{}", at(location)),
        Problem::EnumerationRepeated {
            section,
            marker,
            location,
            first,
            ..
        } => format!(
            "repeat {section} {marker} @{} first @{}",
            at(location),
            at(first)
        ),
        Problem::ImprovementMissing {
            empty, plans_only, ..
        } => format!("improvement empty={empty} plans_only={plans_only}"),
        Problem::FeesNotStated { location, .. } => format!("fees @{}", at(location)),
        Problem::TitleYear {
            year, report_year, ..
        } => format!("title year {year} ≠ {report_year}"),
        Problem::PeriodYear {
            start,
            end,
            report_year,
            ..
        } => format!(
            "period {}-{}-{}..{}-{}-{} ≠ {report_year}",
            start.year, start.month, start.day, end.year, end.month, end.day
        ),
        Problem::NarrativeYear {
            year,
            report_year,
            location,
            ..
        } => format!("narrative year {year} ≠ {report_year} @{}", at(location)),
        Problem::AgencyMismatch {
            reference,
            reference_name,
            source,
            name,
            ..
        } => format!("agency {source:?} {name} ≠ {reference:?} {reference_name}"),
        Problem::NarrativeAgency { name, mentions, .. } => {
            format!("narrative agency {name} ×{}", mentions.len())
        }
    }
}

/// (name, replacements in BASE, publisher, the problems expected).
type Case = (
    &'static str,
    &'static [(&'static str, &'static str)],
    Option<&'static str>,
    &'static [&'static str],
);

const CASES: &[Case] = &[
    ("consistent", &[], None, &[]),
    (
        "no opening sentence and no period, as the seed",
        &[(
            "本报告由某某县交通运输局根据《中华人民共和国政府信息公开条例》（以下简称《条例》）和《中华人民共和国政府信息公开工作年度报告格式》（国办公开办函〔2021〕30号）要求编制。报告所列数据统计期限自2023年1月1日至2023年12月31日。",
            "",
        )],
        None,
        &[],
    ),
    // --- headings
    (
        "section 五 missing",
        &[
            ("五、存在的主要问题及改进情况", ""),
            (
                "2022年度政府信息公开工作仍然存在一些问题。一是信息公开内容不够深入全面。二是信息公开形式单一。经整改，2023年信息质量及公开渠道都有了很大改观。",
                "",
            ),
            (
                "针对以上问题，下一步打算如下：一是加强对信息公开内容的审核和把关。二是加大信息公开力度。三是扩大信息传播范围。",
                "",
            ),
        ],
        None,
        &["missing 五"],
    ),
    (
        "section 二 missing",
        &[("二、主动公开政府信息情况", "")],
        None,
        &["missing 二"],
    ),
    (
        "sections 五 and 六 swapped",
        &[
            (
                "六、其他需要报告的事项\n\n本机关2023年度未收取信息处理费。\n",
                "",
            ),
            (
                "五、存在的主要问题及改进情况",
                "六、其他需要报告的事项\n\n本机关2023年度未收取信息处理费。\n\n五、存在的主要问题及改进情况",
            ),
        ],
        None,
        &["order 五 after 六"],
    ),
    (
        "section 五 repeated",
        &[(
            "六、其他需要报告的事项",
            "五、存在的主要问题及改进情况\n\n六、其他需要报告的事项",
        )],
        None,
        &["repeated 五 @line 29 first @line 24"],
    ),
    (
        "typo in 一",
        &[("一、总体情况", "一、总题情况")],
        None,
        &["typo 一、总题情况 → 一、总体情况"],
    ),
    (
        "typo in 二",
        &[("二、主动公开政府信息情况", "二、主动公开政府信息请况")],
        None,
        &["typo 二、主动公开政府信息请况 → 二、主动公开政府信息情况"],
    ),
    (
        "typo in 四",
        &[(
            "四、政府信息公开行政复议、行政诉讼情况",
            "四、政府信息公开行政复议、行政诉讼请况",
        )],
        None,
        &["typo 四、政府信息公开行政复议、行政诉讼请况 → 四、政府信息公开行政复议、行政诉讼情况"],
    ),
    (
        "typo in 五: its text is still read",
        &[(
            "五、存在的主要问题及改进情况",
            "五、存在的主要问题及改近情况",
        )],
        None,
        &["typo 五、存在的主要问题及改近情况 → 五、存在的主要问题及改进情况"],
    ),
    (
        "二 numbered 三",
        &[("二、主动公开政府信息情况", "三、主动公开政府信息情况")],
        None,
        &["number 三、主动公开政府信息情况 (三、) → 二"],
    ),
    (
        "五 numbered （五）",
        &[(
            "五、存在的主要问题及改进情况",
            "（五）存在的主要问题及改进情况",
        )],
        None,
        &["number （五）存在的主要问题及改进情况 (（五）) → 五"],
    ),
    (
        "五 numbered 5.",
        &[("五、存在的主要问题及改进情况", "5.存在的主要问题及改进情况")],
        None,
        &["number 5.存在的主要问题及改进情况 (5.) → 五"],
    ),
    (
        "六 without number",
        &[("六、其他需要报告的事项", "其他需要报告的事项")],
        None,
        &["number 其他需要报告的事项 (none) → 六"],
    ),
    (
        "四 missing and 五 numbered 四",
        &[
            ("四、政府信息公开行政复议、行政诉讼情况", ""),
            (
                "五、存在的主要问题及改进情况",
                "四、存在的主要问题及改进情况",
            ),
        ],
        None,
        &[
            "number 四、存在的主要问题及改进情况 (四、) → 五",
            "missing 四",
        ],
    ),
    (
        "accepted variants",
        &[
            ("六、其他需要报告的事项", "六、其他事项"),
            (
                "四、政府信息公开行政复议、行政诉讼情况",
                "四、政府信息公开行政复议及行政诉讼情况",
            ),
            ("五、存在的主要问题及改进情况", "五、存在问题及改进情况"),
        ],
        None,
        &[],
    ),
    (
        "numbering with a full-width stop, a space, a colon",
        &[
            ("一、总体情况", "一．总体情况"),
            (
                "三、收到和处理政府信息公开申请情况",
                "三 收到和处理政府信息公开申请情况",
            ),
            ("六、其他需要报告的事项", "第六部分 其他需要报告的事项："),
        ],
        None,
        &[],
    ),
    (
        "六 with its text after a colon",
        &[(
            "六、其他需要报告的事项\n\n本机关2023年度未收取信息处理费。",
            "六、其他需要报告的事项：本机关2023年度未收取信息处理费。",
        )],
        None,
        &[],
    ),
    (
        "六 无 after a colon",
        &[(
            "六、其他需要报告的事项\n\n本机关2023年度未收取信息处理费。",
            "六、其他需要报告的事项：无。",
        )],
        None,
        &[],
    ),
    (
        "a numbered list in 五 is no heading",
        &[(
            "针对以上问题，下一步打算如下：",
            "针对以上问题，下一步打算如下：\n一、加强审核把关\n二、丰富公开形式\n",
        )],
        None,
        &[],
    ),
    // --- enumerations
    (
        "一是 then 三是",
        &[(
            "二是不断加大主动公开力度，深入推进重点领域信息公开。三是",
            "三是不断加大主动公开力度，深入推进重点领域信息公开。四是",
        )],
        None,
        &["skip overview 二是→三是 @line 8"],
    ),
    (
        "三是 twice",
        &[(
            "三是加强了政府信息公开业务学习。",
            "三是加强了政府信息公开业务学习。三是组织职工学习《条例》。",
        )],
        None,
        &["repeat overview 三是 @line 16 first @line 16"],
    ),
    (
        "a list starting at 二是",
        &[("一是信息公开内容不够深入全面。", "")],
        None,
        &["skip problems 一是→二是 @line 26"],
    ),
    (
        "repeated over two paragraphs",
        &[(
            "二是加大信息公开力度。三是扩大信息传播范围。",
            "二是加大信息公开力度。\n二是扩大信息传播范围。",
        )],
        None,
        &["repeat problems 二是 @line 28 first @line 27"],
    ),
    (
        "一要 二要 四要",
        &[(
            "一是建立健全政府信息公开工作考核机制。二是加强政府网站与新媒体公开信息的监督。三是加强了政府信息公开业务学习。",
            "一要建立健全考核机制。二要加强监督。四要加强学习。",
        )],
        None,
        &["skip overview 三要→四要 @line 16"],
    ),
    (
        "sub-headings （一）（二）（四）",
        &[
            ("（三）政府信息管理", "（四）政府信息管理"),
            ("（四）政府信息公开平台建设", "（五）政府信息公开平台建设"),
            ("（五）监督保障", "（六）监督保障"),
        ],
        None,
        &["skip overview （三）→（四） @line 11"],
    ),
    (
        "sub-heading （三） twice",
        &[("（四）政府信息公开平台建设", "（三）政府信息公开平台建设")],
        None,
        &[
            "repeat overview （三） @line 13 first @line 11",
            "skip overview （四）→（五） @line 15",
        ],
    ),
    (
        "a second list after 将 restarts at 一是",
        &[(
            "二是加大信息公开力度。三是扩大信息传播范围。",
            "二是加大信息公开力度。下一步，我局将一是加强培训，二是做好政策解读，三是优化办理流程。原因之一是人手不足。",
        )],
        None,
        &[],
    ),
    (
        "统一要求 and 唯一是 are no markers",
        &[("按照某某县人民政府办公室要求", "按照统一要求，唯一是从")],
        None,
        &[],
    ),
    // --- 五 and 六
    (
        "五 says no improvement",
        &[
            ("经整改，2023年信息质量及公开渠道都有了很大改观。", ""),
            (
                "针对以上问题，下一步打算如下：一是加强对信息公开内容的审核和把关。二是加大信息公开力度。三是扩大信息传播范围。",
                "",
            ),
        ],
        None,
        &["improvement empty=false plans_only=false"],
    ),
    (
        "五 says only what will be done, nothing of last year's problems",
        &[
            (
                "2022年度政府信息公开工作仍然存在一些问题。",
                "本年度工作仍然存在一些问题。",
            ),
            ("经整改，2023年信息质量及公开渠道都有了很大改观。", ""),
        ],
        None,
        &["improvement empty=false plans_only=true"],
    ),
    (
        "五 names last year's problems with what was done about them",
        &[
            (
                "2022年度政府信息公开工作仍然存在一些问题。",
                "上年度报告指出的问题，本年度已逐项落实。",
            ),
            ("经整改，2023年信息质量及公开渠道都有了很大改观。", ""),
        ],
        None,
        &[],
    ),
    (
        "五 empty",
        &[
            (
                "2022年度政府信息公开工作仍然存在一些问题。一是信息公开内容不够深入全面。二是信息公开形式单一。经整改，2023年信息质量及公开渠道都有了很大改观。",
                "",
            ),
            (
                "针对以上问题，下一步打算如下：一是加强对信息公开内容的审核和把关。二是加大信息公开力度。三是扩大信息传播范围。",
                "",
            ),
        ],
        None,
        &["improvement empty=true plans_only=false"],
    ),
    (
        "六 without the fee",
        &[(
            "本机关2023年度未收取信息处理费。",
            "2023年我局共组织政务公开培训2次，组织全体职工学习《条例》。",
        )],
        None,
        &["fees @line 31"],
    ),
    (
        "六 无",
        &[("本机关2023年度未收取信息处理费。", "无。")],
        None,
        &[],
    ),
    (
        "六 nothing else to report",
        &[(
            "本机关2023年度未收取信息处理费。",
            "本年度无其他需要报告的事项。",
        )],
        None,
        &[],
    ),
    (
        "六 about fees in other words",
        &[(
            "本机关2023年度未收取信息处理费。",
            "本机关依申请提供政府信息，均未收取任何费用。",
        )],
        None,
        &[],
    ),
    (
        "六 without the fee before 2021",
        &[
            (
                "2023年政府信息公开工作年度报告",
                "2020年政府信息公开工作年度报告",
            ),
            (
                "自2023年1月1日至2023年12月31日",
                "自2020年1月1日至2020年12月31日",
            ),
            ("2023年，某某县", "2020年，某某县"),
            ("2023年，某某县", "2020年，某某县"),
            (
                "本机关2023年度未收取信息处理费。",
                "2020年我局共组织政务公开培训2次。",
            ),
        ],
        None,
        &[],
    ),
    // --- years
    (
        "period of the year before",
        &[(
            "自2023年1月1日至2023年12月31日",
            "自2022年1月1日至2022年12月31日",
        )],
        None,
        &["period 2022-1-1..2022-12-31 ≠ 2023"],
    ),
    (
        "period not a whole year",
        &[(
            "自2023年1月1日至2023年12月31日",
            "自2023年1月1日起至2023年11月30日止",
        )],
        None,
        &["period 2023-1-1..2023-11-30 ≠ 2023"],
    ),
    (
        "period without the second year",
        &[(
            "报告所列数据统计期限自2023年1月1日至2023年12月31日",
            "统计期限为2023年1月1日—12月31日",
        )],
        None,
        &[],
    ),
    (
        "period in another sentence",
        &[(
            "报告所列数据统计期限自2023年1月1日至2023年12月31日",
            "本报告中所列数据的统计期限自2023年1月1日起至2023年12月31日止",
        )],
        None,
        &[],
    ),
    (
        "a paragraph of 一 on another year",
        &[(
            "2023年，某某县交通运输局不断拓展",
            "2024年，某某县交通运输局不断拓展",
        )],
        None,
        &["narrative year 2024 ≠ 2023 @line 14"],
    ),
    // Held-out corpus (fixtures/audit-heldout, clean-county-gov-2022): a look back at an earlier
    // year, followed in the same paragraph by the report's year, is no leftover.
    (
        "a paragraph of 一 looking back at an earlier year",
        &[(
            "2023年，某某县交通运输局不断拓展",
            "2021年，某某县完成政府网站集约化平台迁移。2023年，某某县交通运输局不断拓展",
        )],
        None,
        &[],
    ),
    (
        "a paragraph of 一 on an earlier year, the report's year named inside a sentence only",
        &[(
            "2023年，某某县交通运输局不断拓展信息公开渠道",
            "2022年，某某县交通运输局不断拓展信息公开渠道，2023年继续",
        )],
        None,
        &["narrative year 2022 ≠ 2023 @line 14"],
    ),
    // Plans for the year after in the overview are no other year's report.
    (
        "the overview's plans for the next year",
        &[(
            "2023年，某某县交通运输局不断拓展信息公开渠道，完善政府门户网站。",
            "2023年，某某县交通运输局不断拓展信息公开渠道，完善政府门户网站。\n2024年，我局将继续完善政府门户网站。",
        )],
        None,
        &[],
    ),
    // Held-out corpus (clean-medical-insurance-2024): section 一's sub-headings may repeat the
    // words of the sections that follow; only a section without its own heading is misnumbered.
    (
        "a sub-heading of 一 with the words of section 二",
        &[("(一)主动公开\n", "（一）主动公开政府信息情况\n")],
        None,
        &[],
    ),
    (
        "section 二 headed （二） and nowhere else",
        &[("二、主动公开政府信息情况", "（二）主动公开政府信息情况")],
        None,
        &["number （二）主动公开政府信息情况 (（二）) → 二"],
    ),
    // Published reports (read 2026-11-30): section 一 headed by its number with other words.
    (
        "section 一 headed 工作概述",
        &[("一、总体情况\n", "一、工作概述\n")],
        None,
        &["renamed 一、工作概述 → 一、总体情况"],
    ),
    // A heading indented by a copy (spaces, an ideographic space) is a heading.
    (
        "section 一 indented",
        &[("一、总体情况\n", "\u{3000}\u{3000}一、总体情况 \n")],
        None,
        &[],
    ),
    // `主动公开政府信息情况：…` without a number, inside section 一, is a paragraph's run-in label.
    (
        "a run-in label with section 二's words",
        &[(
            "(一)主动公开\n",
            "(一)主动公开\n主动公开政府信息情况：2023年通过政府网站发布动态信息26条。\n",
        )],
        None,
        &[],
    ),
    // --- agencies
    (
        "opening names the report itself",
        &[("本报告由某某县交通运输局根据", "本报告由我局根据")],
        None,
        &[],
    ),
    (
        "opening publishes the report by its title",
        &[(
            "本报告由某某县交通运输局根据",
            "现公布某某县交通运输局2023年政府信息公开工作年度报告。本报告根据",
        )],
        None,
        &[],
    ),
    (
        "opening publishes another agency's report",
        &[(
            "本报告由某某县交通运输局根据",
            "现公布某某县财政局2023年政府信息公开工作年度报告。本报告根据",
        )],
        None,
        &["agency Opening 某某县财政局 ≠ Title 某某县交通运输局"],
    ),
    (
        "opening names another agency",
        &[("本报告由某某县交通运输局根据", "本报告由某某县财政局根据")],
        None,
        &["agency Opening 某某县财政局 ≠ Title 某某县交通运输局"],
    ),
    (
        "opening names the agency's office",
        &[(
            "本报告由某某县交通运输局根据",
            "本报告由某某县交通运输局办公室根据",
        )],
        None,
        &[],
    ),
    (
        "publisher is another agency",
        &[],
        Some("某某县财政局"),
        &["agency Publisher 某某县财政局 ≠ Title 某某县交通运输局"],
    ),
    ("publisher abbreviated", &[], Some("某某县交通局"), &[]),
    (
        "publisher is the agency",
        &[],
        Some("某某县交通运输局"),
        &[],
    ),
    (
        "narrative copied from another agency's report",
        &[
            (
                "2023年，某某县交通运输局高度重视",
                "2023年，义马市交通运输局高度重视",
            ),
            (
                "某某县交通运输局始终妥善处理",
                "义马市交通运输局信息公开工作始终妥善处理",
            ),
        ],
        None,
        &["narrative agency 义马市交通运输局 ×2"],
    ),
    (
        "a paragraph of another agency of the same county, as its own",
        &[(
            "2023年，某某县交通运输局高度重视",
            "2023年，某某县医疗保障局高度重视",
        )],
        None,
        &["narrative agency 某某县医疗保障局 ×1"],
    ),
    // Held-out corpus (clean-township-2024): a clause that starts with a channel of another
    // government (`通过县政府门户网站…主动公开`) is not that government speaking.
    (
        "narrative naming another government's website",
        &[(
            "某某县交通运输局始终妥善处理公开与保密的关系，合理界定信息公开范围。",
            "某某县交通运输局始终妥善处理公开与保密的关系，合理界定信息公开范围。通过义马市政府门户网站和镇村公开栏主动公开信息。义马市政府门户网站全年主动公开我局信息32条。",
        )],
        None,
        &[],
    ),
    (
        "narrative naming another agency of the same county",
        &[(
            "2023年，某某县交通运输局高度重视",
            "2023年，某某县人民政府高度重视",
        )],
        None,
        &[],
    ),
];

fn apply(case: &Case) -> String {
    let mut text = BASE.to_string();
    for (from, to) in case.1 {
        assert!(text.contains(from), "{}: {from}", case.0);
        text = text.replacen(from, to, 1);
    }
    text
}

#[test]
fn every_case_gives_its_problems() {
    assert!(CASES.len() >= 30);
    let mut wrong = Vec::new();
    for case in CASES {
        let report = import(&apply(case), case.2);
        let got: Vec<String> = problems(&report).iter().map(tag).collect();
        if got != case.3 {
            wrong.push(format!("{}: got {got:#?}, want {:#?}", case.0, case.3));
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

#[test]
fn every_problem_is_exercised() {
    let mut kinds: Vec<&str> = CASES
        .iter()
        .flat_map(|c| c.3.iter())
        .map(|t| t.split(' ').next().unwrap_or(""))
        .collect();
    kinds.sort_unstable();
    kinds.dedup();
    // TitleYear is in its own test (a title disagreeing with a year read elsewhere).
    for k in [
        "missing",
        "order",
        "repeated",
        "typo",
        "renamed",
        "number",
        "skip",
        "repeat",
        "improvement",
        "fees",
        "period",
        "narrative",
        "agency",
    ] {
        assert!(kinds.contains(&k), "{k}");
    }
}

#[test]
fn the_outline_of_the_base_report() {
    let r = import(BASE, Some("某某县交通运输局"));
    let o = r.outline.as_deref().expect("an outline");
    let title = o.title.as_ref().expect("a title");
    assert_eq!(title.text, "某某县交通运输局2023年政府信息公开工作年度报告");
    assert_eq!(title.agency.as_deref(), Some("某某县交通运输局"));
    assert_eq!(title.year, Some(2023));
    assert_eq!(title.location, Some(Location::Line(1)));
    let opening = o.opening.as_ref().expect("an opening");
    assert_eq!(opening.agency, "某某县交通运输局");
    assert_eq!(opening.location, Location::Line(3));
    let period = o.period.as_ref().expect("a period");
    assert_eq!(period.text, "统计期限自2023年1月1日至2023年12月31日");
    assert_eq!(
        (period.start, period.end),
        (Day::new(2023, 1, 1), Day::new(2023, 12, 31))
    );
    assert_eq!(o.publisher.as_deref(), Some("某某县交通运输局"));
    let headings: Vec<(&str, Option<&str>, &str)> = o
        .headings
        .iter()
        .map(|h| {
            (
                h.text.as_str(),
                h.section,
                h.numbering.as_deref().unwrap_or(""),
            )
        })
        .collect();
    assert_eq!(
        headings,
        vec![
            ("一、总体情况", Some("overview"), "一、"),
            ("二、主动公开政府信息情况", Some("disclosure"), "二、"),
            (
                "三、收到和处理政府信息公开申请情况",
                Some("applications"),
                "三、"
            ),
            (
                "四、政府信息公开行政复议、行政诉讼情况",
                Some("appeals"),
                "四、"
            ),
            ("五、存在的主要问题及改进情况", Some("problems"), "五、"),
            ("六、其他需要报告的事项", Some("other"), "六、"),
        ]
    );
    assert!(
        o.headings
            .iter()
            .all(|h| h.numbered_right && h.kind == HeadingKind::Official)
    );
    let subs: Vec<(u32, &str)> = o
        .subheadings
        .iter()
        .map(|s| (s.number, s.text.as_str()))
        .collect();
    assert_eq!(
        subs,
        vec![
            (1, "(一)主动公开"),
            (2, "(二)依申请公开"),
            (3, "（三）政府信息管理"),
            (4, "（四）政府信息公开平台建设"),
            (5, "（五）监督保障"),
        ]
    );
    assert_eq!(o.subheadings[2].location, Some(Location::Line(11)));
}

#[test]
fn section_text_maps_back_to_its_lines() {
    let r = import(BASE, None);
    let overview = r.section("overview");
    let at = |s: &str, needle: &str| {
        let text = r.section(s);
        let i = text.find(needle).unwrap_or_else(|| panic!("{needle}"));
        r.text_location(s, i).cloned()
    };
    assert_eq!(at("overview", "(一)主动公开"), Some(Location::Line(7)));
    assert_eq!(at("overview", "主要做到以下三点"), Some(Location::Line(8)));
    assert_eq!(at("overview", "（五）监督保障"), Some(Location::Line(15)));
    assert_eq!(at("problems", "针对以上问题"), Some(Location::Line(27)));
    assert_eq!(at("other", "未收取"), Some(Location::Line(31)));
    assert_eq!(
        r.text_location("overview", overview.len() + 10),
        Some(&Location::Line(16))
    );
    // Text set afterwards has no origin; a report without origins keeps its outline out.
    let mut r2 = r.clone();
    r2.set_section("other", "无。");
    assert_eq!(r2.text_location("other", 0), None);
    let light = r.clone().without_origins();
    assert!(light.outline.is_none() && light.text_location("overview", 0).is_none());
}

#[test]
fn a_typo_in_a_heading_keeps_the_section() {
    let text = BASE.replacen(
        "五、存在的主要问题及改进情况",
        "五、存在的主要问题及改近情况",
        1,
    );
    let r = import(&text, None);
    assert!(r.section("problems").contains("下一步打算"));
    let text = BASE.replacen(
        "六、其他需要报告的事项\n\n本机关2023年度未收取信息处理费。",
        "六、其他需要报告的事项：无。",
        1,
    );
    let r = import(&text, None);
    assert_eq!(r.section("other"), "无。");
    assert_eq!(r.text_location("other", 0), Some(&Location::Line(29)));
}

#[test]
fn a_title_disagreeing_with_the_year() {
    let mut r = import(BASE, None);
    r.year = Some(2024);
    let got: Vec<String> = problems(&r).iter().map(tag).collect();
    assert_eq!(
        got,
        vec![
            "title year 2023 ≠ 2024",
            "period 2023-1-1..2023-12-31 ≠ 2024",
            "narrative year 2023 ≠ 2024 @line 8",
            "narrative year 2023 ≠ 2024 @line 14",
        ]
    );
}

#[test]
fn reports_without_outline() {
    // A report of numbers only (JSON, CSV, a workbook without 报告正文): nothing to say.
    let mut r = Report::new(Edition::V2021);
    r.agency = "某某县交通运输局".into();
    r.year = Some(2023);
    assert_eq!(problems(&r), vec![]);
    // A workbook's narrative: its text is judged, its headings are not; an empty 五 may simply
    // not have been filled in.
    r.set_section("overview", "一是加强领导。三是加强学习。");
    r.set_section("other", "我局共组织培训2次。");
    let got: Vec<String> = problems(&r).iter().map(tag).collect();
    assert_eq!(got, vec!["skip overview 二是→三是 @?", "fees @?"]);
}

#[test]
fn headings_classified() {
    let layout = Edition::V2021.layout();
    let kind = |l: &str| {
        classify_heading(layout, l).map(|m| {
            (
                m.section.map(|s| layout.sections[s].id),
                m.numbered_right,
                m.kind,
            )
        })
    };
    assert_eq!(
        kind("一、总体情况"),
        Some((Some("overview"), true, HeadingKind::Official))
    );
    assert_eq!(
        kind("六、其它需要报告的事项"),
        Some((Some("other"), true, HeadingKind::Typo("其他需要报告的事项")))
    );
    assert_eq!(
        kind("五、政府信息公开工作存在的主要问题及改进情况"),
        Some((
            Some("problems"),
            true,
            HeadingKind::Variant("政府信息公开工作存在的主要问题及改进情况")
        ))
    );
    assert_eq!(kind("七、附件"), Some((None, false, HeadingKind::Other)));
    // Sentences, enumerations, table rows and sub-headings are no headings.
    assert_eq!(kind("一是切实加强组织领导。"), None);
    assert_eq!(kind("三、（一）予以公开7 0 1 1 0 0 9"), None);
    assert_eq!(kind("（一）主动公开"), None);
    assert_eq!(
        kind("二、主动公开"),
        Some((None, false, HeadingKind::Other))
    );
    assert_eq!(kind("总体情况良好，各项工作有序推进"), None);
}

#[test]
fn periods_and_openings() {
    let p = statistics_period;
    assert_eq!(
        p("本报告所列数据的统计期限自2023年1月1日起至2023年12月31日止。如对本报告有任何疑问"),
        Some((
            "统计期限自2023年1月1日起至2023年12月31日止".to_string(),
            Day::new(2023, 1, 1),
            Day::new(2023, 12, 31)
        ))
    );
    assert_eq!(
        p("统计期限为 2022 年 1 月 1 日至 12 月 31 日").map(|(_, s, e)| (s, e)),
        Some((Day::new(2022, 1, 1), Day::new(2022, 12, 31)))
    );
    assert_eq!(p("统计期限由各单位自定"), None);
    // Published reports' wordings (read 2026-11-30).
    for (text, year) in [
        ("报告中所列数据统计期为2022年1月1日至2022年12月31日。", 2022),
        ("所列数据自2023年1月1日起至2023年12月31日止。", 2023),
        (
            "本报告所列统计数据的期限自2024年1月1日起，至2024年12月31日止。",
            2024,
        ),
        (
            "本报告中所列数据的统计期限从2021年1月1日起到2021年12月31日止。",
            2021,
        ),
    ] {
        assert_eq!(p(text).map(|(_, s, _)| s.year), Some(year), "{text}");
    }
    assert_eq!(opening_agency("本报告依据《条例》要求，由我局编制。"), None);
    assert_eq!(
        opening_agency("本报告由某某县人民政府办公室根据《条例》编制。").as_deref(),
        Some("某某县人民政府办公室")
    );
    assert_eq!(
        opening_agency("本年度报告由 某某镇人民政府 编制，全文包括总体情况…").as_deref(),
        Some("某某镇人民政府")
    );
    assert_eq!(
        opening_agency("本报告是根据《条例》要求，由某某县教育局编制。").as_deref(),
        Some("某某县教育局")
    );
    assert_eq!(
        opening_agency("本报告依据《条例》要求编制，所列数据的统计期限自…"),
        None
    );
}

#[test]
fn agencies_compared() {
    assert!(same_agency("义马市交通运输局", "义马市 交通运输局"));
    assert!(same_agency("义马市交通运输局", "义马市交通运输局办公室"));
    assert!(same_agency("某某县人民政府", "某某县人民政府办公室"));
    assert!(same_agency("某某县市场监督管理局", "某某县市场监管局"));
    assert!(same_agency("某某县人民政府办公室", "某某县政府办"));
    assert!(same_agency("某某市市场监督管理局机关", "市市场监管局"));
    assert!(same_agency("某某市人民政府办公厅", "市政府办公厅"));
    assert!(!same_agency("某某市人民政府办公厅", "某某市财政局办公室"));
    assert!(!same_agency("某某县市场监督管理局", "义马市交通运输局"));
    assert!(!same_agency("某某县交通运输局", "某某县财政局"));
    assert!(!same_agency("某某县人民政府", "某某县交通运输局"));
}

#[test]
fn markers_and_numerals() {
    let found: Vec<(Enumeration, u32)> =
        markers("（一）主动公开\n一是加强。十二是完善。唯一是从。统一要求，二要落实")
            .iter()
            .map(|m| (m.style, m.number))
            .collect();
    assert_eq!(
        found,
        vec![
            (Enumeration::Paren, 1),
            (Enumeration::Shi, 1),
            (Enumeration::Shi, 12),
            (Enumeration::Yao, 2)
        ]
    );
    for n in [1, 9, 10, 11, 20, 21, 99] {
        let c: Vec<char> = chinese_numeral(n).chars().collect();
        assert_eq!(parse_chinese_number(&c), Some((n, c.len())), "{n}");
    }
}
