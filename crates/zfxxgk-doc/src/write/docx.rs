//! The Word document: WordprocessingML written directly (`zip` + `quick-xml`'s escaping).
//!
//! Why not the docx-rs crate (0.4.22, measured for the publishable-report issue): with its default
//! features off it still locks 36 packages, takes 51 s to build from clean on one core, and brings
//! a second zip (8.6) and a second quick-xml (0.41) next to the workspace's 9.8.2 and 0.42; it
//! cannot mark a row as a repeated table header (`w:tblHeader`), writes `w:type` on `w:gridCol`
//! (not in the schema; WPS relies on the grid widths and a fixed layout), and passes XML-forbidden
//! characters through. The parts a report needs are few and fixed, so they are written here in
//! the order the schema requires, with the widths, merges and fonts spelt out.
//!
//! Layout (GB/T 9704): A4, margins 37/35/28/26 mm; title 方正小标宋简体 二号; section headings
//! 黑体 三号; sub-headings 楷体_GB2312 三号; body 仿宋_GB2312 三号, fixed 28 pt lines, first line
//! indented two characters; tables in 宋体 (五号, smaller only when needed for numbers not to wrap)
//! with a fixed grid; page numbers `— 1 —` in 宋体 四号, odd pages right and even pages left.

use std::fmt::Write as _;
use std::io::{Cursor, Write as _};

use quick_xml::escape::escape;
use zip::write::SimpleFileOptions;
use zip::{CompressionMethod, ZipWriter};

use super::WriteError;
use super::plan::{CELL_MARGIN, ParaKind, Plan, PlanTable, Slot, TEXT_WIDTH};

const W: &str = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";
const R: &str = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
const PKG_REL: &str = "http://schemas.openxmlformats.org/package/2006/relationships";
const DOC_REL: &str = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";

/// The date written in the document properties, the same as the zip entries' (1980-01-01, the
/// zip epoch): no real date is known, and the same report must give the same bytes.
const FIXED_DATE: &str = "1980-01-01T00:00:00Z";

/// A4 in twentieths of a point, and the GB/T 9704 margins (37, 35, 28, 26 mm).
const PAGE_W: u32 = 11906;
const PAGE_H: u32 = 16838;
const MARGIN_TOP: u32 = 2098;
const MARGIN_BOTTOM: u32 = 1984;
const MARGIN_LEFT: u32 = 1587;
const MARGIN_RIGHT: u32 = 1474;
/// The page number sits about 7 mm under the text area: its line ends 23 mm above the page edge.
const FOOTER: u32 = 1304;
const HEADER: u32 = 851;

/// Fixed line spacing of the body, 28 pt.
const LINE: u32 = 560;
/// Two characters of 三号 (16 pt).
const INDENT: u32 = 640;
/// One character of 四号 (14 pt), the page number's distance from the edge of the text area.
const PAGE_NUMBER_INDENT: u32 = 280;

/// A font: the Chinese face and the face for Latin letters and digits.
#[derive(Debug, Clone, Copy)]
struct Font {
    east_asia: &'static str,
    ascii: &'static str,
}

const TITLE: Font = Font {
    east_asia: "方正小标宋简体",
    ascii: "方正小标宋简体",
};
const HEADING: Font = Font {
    east_asia: "黑体",
    ascii: "黑体",
};
const SUBHEADING: Font = Font {
    east_asia: "楷体_GB2312",
    ascii: "楷体_GB2312",
};
const BODY: Font = Font {
    east_asia: "仿宋_GB2312",
    ascii: "Times New Roman",
};
const TABLE: Font = Font {
    east_asia: "宋体",
    ascii: "Times New Roman",
};
const PAGE_NUMBER: Font = Font {
    east_asia: "宋体",
    ascii: "宋体",
};

/// Sizes in half-points.
const SIZE_TITLE: u32 = 44; // 二号
const SIZE_BODY: u32 = 32; // 三号
const SIZE_PAGE_NUMBER: u32 = 28; // 四号

/// The fonts of the document with the name Word and WPS fall back to when a face is missing.
const FONTS: &[(&str, &str)] = &[
    ("方正小标宋简体", "宋体"),
    ("黑体", "SimHei"),
    ("楷体_GB2312", "楷体"),
    ("仿宋_GB2312", "仿宋"),
    ("宋体", "SimSun"),
    ("Times New Roman", ""),
];

fn x(s: &str) -> std::borrow::Cow<'_, str> {
    escape(s)
}

/// Run properties: every run names its East Asian font (WPS falls back to another font without
/// it); `w:hint="eastAsia"` sets quotes and dashes (“”, —) in the Chinese face.
fn rpr(font: Font, size: u32) -> String {
    format!(
        "<w:rPr><w:rFonts w:ascii=\"{a}\" w:hAnsi=\"{a}\" w:eastAsia=\"{e}\" w:cs=\"{a}\" w:hint=\"eastAsia\"/><w:sz w:val=\"{size}\"/><w:szCs w:val=\"{size}\"/></w:rPr>",
        a = x(font.ascii),
        e = x(font.east_asia),
    )
}

fn run(out: &mut String, props: &str, text: &str) {
    if text.is_empty() {
        return;
    }
    let _ = write!(
        out,
        "<w:r>{props}<w:t xml:space=\"preserve\">{}</w:t></w:r>",
        x(text)
    );
}

/// One paragraph: its style, further paragraph properties (in schema order, without `w:rPr`),
/// the paragraph mark's run properties, and its runs.
fn paragraph(out: &mut String, style: &str, ppr: &str, mark: &str, runs: &[(&str, &str)]) {
    let _ = write!(
        out,
        "<w:p><w:pPr><w:pStyle w:val=\"{style}\"/>{ppr}{mark}</w:pPr>"
    );
    for (props, text) in runs {
        run(out, props, text);
    }
    out.push_str("</w:p>");
}

/// Writes the document.
pub(crate) fn write(plan: &Plan) -> Result<Vec<u8>, WriteError> {
    let parts: [(&str, String); 10] = [
        ("[Content_Types].xml", content_types()),
        ("_rels/.rels", package_rels()),
        ("docProps/core.xml", core(plan)),
        ("docProps/app.xml", app()),
        ("word/_rels/document.xml.rels", document_rels()),
        ("word/document.xml", document(plan)),
        ("word/styles.xml", styles()),
        ("word/settings.xml", settings()),
        ("word/fontTable.xml", font_table()),
        ("word/footer1.xml", footer(true)),
    ];
    let even = ("word/footer2.xml", footer(false));
    let mut zip = ZipWriter::new(Cursor::new(Vec::new()));
    let options = SimpleFileOptions::DEFAULT.compression_method(CompressionMethod::Deflated);
    for (name, xml) in parts.iter().chain(std::iter::once(&even)) {
        zip.start_file(*name, options)?;
        zip.write_all(xml.as_bytes())?;
    }
    Ok(zip.finish()?.into_inner())
}

const XML_DECL: &str = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n";

fn content_types() -> String {
    const MAIN: &str = "application/vnd.openxmlformats-officedocument.wordprocessingml";
    format!(
        "{XML_DECL}<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">\
<Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>\
<Default Extension=\"xml\" ContentType=\"application/xml\"/>\
<Override PartName=\"/word/document.xml\" ContentType=\"{MAIN}.document.main+xml\"/>\
<Override PartName=\"/word/styles.xml\" ContentType=\"{MAIN}.styles+xml\"/>\
<Override PartName=\"/word/settings.xml\" ContentType=\"{MAIN}.settings+xml\"/>\
<Override PartName=\"/word/fontTable.xml\" ContentType=\"{MAIN}.fontTable+xml\"/>\
<Override PartName=\"/word/footer1.xml\" ContentType=\"{MAIN}.footer+xml\"/>\
<Override PartName=\"/word/footer2.xml\" ContentType=\"{MAIN}.footer+xml\"/>\
<Override PartName=\"/docProps/core.xml\" ContentType=\"application/vnd.openxmlformats-package.core-properties+xml\"/>\
<Override PartName=\"/docProps/app.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.extended-properties+xml\"/>\
</Types>"
    )
}

fn package_rels() -> String {
    format!(
        "{XML_DECL}<Relationships xmlns=\"{PKG_REL}\">\
<Relationship Id=\"rId1\" Type=\"{DOC_REL}/officeDocument\" Target=\"word/document.xml\"/>\
<Relationship Id=\"rId2\" Type=\"http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties\" Target=\"docProps/core.xml\"/>\
<Relationship Id=\"rId3\" Type=\"{DOC_REL}/extended-properties\" Target=\"docProps/app.xml\"/>\
</Relationships>"
    )
}

fn document_rels() -> String {
    format!(
        "{XML_DECL}<Relationships xmlns=\"{PKG_REL}\">\
<Relationship Id=\"rId1\" Type=\"{DOC_REL}/styles\" Target=\"styles.xml\"/>\
<Relationship Id=\"rId2\" Type=\"{DOC_REL}/settings\" Target=\"settings.xml\"/>\
<Relationship Id=\"rId3\" Type=\"{DOC_REL}/fontTable\" Target=\"fontTable.xml\"/>\
<Relationship Id=\"rId4\" Type=\"{DOC_REL}/footer\" Target=\"footer1.xml\"/>\
<Relationship Id=\"rId5\" Type=\"{DOC_REL}/footer\" Target=\"footer2.xml\"/>\
</Relationships>"
    )
}

fn core(plan: &Plan) -> String {
    format!(
        "{XML_DECL}<cp:coreProperties xmlns:cp=\"http://schemas.openxmlformats.org/package/2006/metadata/core-properties\" xmlns:dc=\"http://purl.org/dc/elements/1.1/\" xmlns:dcterms=\"http://purl.org/dc/terms/\" xmlns:dcmitype=\"http://purl.org/dc/dcmitype/\" xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\">\
<dc:title>{title}</dc:title><dc:creator>{agency}</dc:creator><cp:lastModifiedBy>{agency}</cp:lastModifiedBy><cp:revision>1</cp:revision>\
<dcterms:created xsi:type=\"dcterms:W3CDTF\">{FIXED_DATE}</dcterms:created><dcterms:modified xsi:type=\"dcterms:W3CDTF\">{FIXED_DATE}</dcterms:modified>\
</cp:coreProperties>",
        title = x(&plan.title),
        agency = x(&plan.agency),
    )
}

fn app() -> String {
    format!(
        "{XML_DECL}<Properties xmlns=\"http://schemas.openxmlformats.org/officeDocument/2006/extended-properties\" xmlns:vt=\"http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes\"><Application>zfxxgk</Application><DocSecurity>0</DocSecurity></Properties>"
    )
}

fn settings() -> String {
    format!(
        "{XML_DECL}<w:settings xmlns:w=\"{W}\"><w:zoom w:percent=\"100\"/><w:defaultTabStop w:val=\"420\"/><w:evenAndOddHeaders/><w:characterSpacingControl w:val=\"compressPunctuation\"/>\
<w:compat><w:compatSetting w:name=\"compatibilityMode\" w:uri=\"http://schemas.microsoft.com/office/word\" w:val=\"15\"/></w:compat></w:settings>"
    )
}

fn font_table() -> String {
    let mut out = format!("{XML_DECL}<w:fonts xmlns:w=\"{W}\">");
    for (name, alt) in FONTS {
        let _ = write!(out, "<w:font w:name=\"{}\">", x(name));
        if !alt.is_empty() {
            let _ = write!(out, "<w:altName w:val=\"{}\"/>", x(alt));
        }
        // GB2312 for the Chinese faces, ANSI for Times New Roman.
        let (charset, family) = if *name == "Times New Roman" {
            ("00", "roman")
        } else {
            ("86", "modern")
        };
        let _ = write!(
            out,
            "<w:charset w:val=\"{charset}\"/><w:family w:val=\"{family}\"/><w:pitch w:val=\"variable\"/></w:font>"
        );
    }
    out.push_str("</w:fonts>");
    out
}

fn style(
    out: &mut String,
    id: &str,
    name: &str,
    based_on: Option<&str>,
    ppr: &str,
    font: Font,
    size: u32,
) {
    let _ = write!(
        out,
        "<w:style w:type=\"paragraph\"{} w:styleId=\"{id}\"><w:name w:val=\"{name}\"/>",
        if id == "Normal" {
            " w:default=\"1\""
        } else {
            ""
        }
    );
    if let Some(b) = based_on {
        let _ = write!(
            out,
            "<w:basedOn w:val=\"{b}\"/><w:next w:val=\"BodyText\"/>"
        );
    }
    let _ = write!(
        out,
        "<w:qFormat/><w:pPr>{ppr}</w:pPr>{}</w:style>",
        rpr(font, size)
    );
}

fn styles() -> String {
    let mut out = format!(
        "{XML_DECL}<w:styles xmlns:w=\"{W}\"><w:docDefaults><w:rPrDefault><w:rPr><w:rFonts w:ascii=\"{a}\" w:hAnsi=\"{a}\" w:eastAsia=\"{e}\" w:cs=\"{a}\" w:hint=\"eastAsia\"/><w:kern w:val=\"2\"/><w:sz w:val=\"{SIZE_BODY}\"/><w:szCs w:val=\"{SIZE_BODY}\"/><w:lang w:val=\"en-US\" w:eastAsia=\"zh-CN\" w:bidi=\"ar-SA\"/></w:rPr></w:rPrDefault>\
<w:pPrDefault><w:pPr><w:spacing w:after=\"0\" w:line=\"{LINE}\" w:lineRule=\"exact\"/></w:pPr></w:pPrDefault></w:docDefaults>",
        a = BODY.ascii,
        e = BODY.east_asia,
    );
    let body_ppr = format!(
        "<w:spacing w:after=\"0\" w:line=\"{LINE}\" w:lineRule=\"exact\"/><w:ind w:firstLineChars=\"200\" w:firstLine=\"{INDENT}\"/><w:jc w:val=\"both\"/>"
    );
    style(
        &mut out,
        "Normal",
        "Normal",
        None,
        &format!(
            "<w:widowControl/><w:spacing w:after=\"0\" w:line=\"{LINE}\" w:lineRule=\"exact\"/><w:jc w:val=\"both\"/>"
        ),
        BODY,
        SIZE_BODY,
    );
    style(
        &mut out,
        "Title",
        "Title",
        Some("Normal"),
        "<w:keepNext/><w:keepLines/><w:spacing w:after=\"0\" w:line=\"720\" w:lineRule=\"exact\"/><w:jc w:val=\"center\"/>",
        TITLE,
        SIZE_TITLE,
    );
    style(
        &mut out,
        "BodyText",
        "Body Text",
        Some("Normal"),
        &body_ppr,
        BODY,
        SIZE_BODY,
    );
    style(
        &mut out,
        "Heading1",
        "heading 1",
        Some("Normal"),
        &format!(
            "<w:keepNext/><w:keepLines/><w:spacing w:after=\"0\" w:line=\"{LINE}\" w:lineRule=\"exact\"/><w:ind w:firstLineChars=\"200\" w:firstLine=\"{INDENT}\"/><w:jc w:val=\"both\"/><w:outlineLvl w:val=\"0\"/>"
        ),
        HEADING,
        SIZE_BODY,
    );
    style(
        &mut out,
        "Heading2",
        "heading 2",
        Some("Normal"),
        &format!(
            "<w:keepNext/><w:keepLines/><w:spacing w:after=\"0\" w:line=\"{LINE}\" w:lineRule=\"exact\"/><w:ind w:firstLineChars=\"200\" w:firstLine=\"{INDENT}\"/><w:jc w:val=\"both\"/><w:outlineLvl w:val=\"1\"/>"
        ),
        SUBHEADING,
        SIZE_BODY,
    );
    style(
        &mut out,
        "TableText",
        "Table Text",
        Some("Normal"),
        "<w:snapToGrid w:val=\"0\"/><w:spacing w:after=\"0\" w:line=\"280\" w:lineRule=\"exact\"/><w:jc w:val=\"center\"/>",
        TABLE,
        21,
    );
    style(
        &mut out,
        "Footer",
        "footer",
        Some("Normal"),
        "<w:snapToGrid w:val=\"0\"/><w:spacing w:after=\"0\" w:line=\"240\" w:lineRule=\"auto\"/>",
        PAGE_NUMBER,
        SIZE_PAGE_NUMBER,
    );
    out.push_str(
        "<w:style w:type=\"table\" w:default=\"1\" w:styleId=\"TableNormal\"><w:name w:val=\"Normal Table\"/><w:uiPriority w:val=\"99\"/><w:semiHidden/><w:unhideWhenUsed/><w:tblPr><w:tblInd w:w=\"0\" w:type=\"dxa\"/><w:tblCellMar><w:top w:w=\"0\" w:type=\"dxa\"/><w:left w:w=\"108\" w:type=\"dxa\"/><w:bottom w:w=\"0\" w:type=\"dxa\"/><w:right w:w=\"108\" w:type=\"dxa\"/></w:tblCellMar></w:tblPr></w:style>",
    );
    out.push_str("</w:styles>");
    out
}

fn footer(odd: bool) -> String {
    let props = rpr(PAGE_NUMBER, SIZE_PAGE_NUMBER);
    let ppr = if odd {
        format!("<w:ind w:right=\"{PAGE_NUMBER_INDENT}\"/><w:jc w:val=\"right\"/>")
    } else {
        format!("<w:ind w:left=\"{PAGE_NUMBER_INDENT}\"/><w:jc w:val=\"left\"/>")
    };
    let mut out = format!(
        "{XML_DECL}<w:ftr xmlns:w=\"{W}\" xmlns:r=\"{R}\"><w:p><w:pPr><w:pStyle w:val=\"Footer\"/>{ppr}{props}</w:pPr>"
    );
    run(&mut out, &props, "— ");
    let _ = write!(
        out,
        "<w:r>{props}<w:fldChar w:fldCharType=\"begin\"/></w:r><w:r>{props}<w:instrText xml:space=\"preserve\"> PAGE </w:instrText></w:r><w:r>{props}<w:fldChar w:fldCharType=\"separate\"/></w:r><w:r>{props}<w:t>1</w:t></w:r><w:r>{props}<w:fldChar w:fldCharType=\"end\"/></w:r>"
    );
    run(&mut out, &props, " —");
    out.push_str("</w:p></w:ftr>");
    out
}

fn document(plan: &Plan) -> String {
    let mut out = format!("{XML_DECL}<w:document xmlns:w=\"{W}\" xmlns:r=\"{R}\"><w:body>");
    let title = rpr(TITLE, SIZE_TITLE);
    let n = plan.title_lines.len();
    for (i, line) in plan.title_lines.iter().enumerate() {
        // One empty line of the body between the title and the text.
        let ppr = if i + 1 == n {
            format!("<w:spacing w:after=\"{LINE}\" w:line=\"720\" w:lineRule=\"exact\"/>")
        } else {
            String::new()
        };
        paragraph(&mut out, "Title", &ppr, &title, &[(&title, line)]);
    }
    let body = rpr(BODY, SIZE_BODY);
    let heading = rpr(HEADING, SIZE_BODY);
    let sub = rpr(SUBHEADING, SIZE_BODY);
    paragraph(&mut out, "BodyText", "", &body, &[(&body, &plan.opening)]);
    let mut after_table = false;
    for section in &plan.sections {
        // A heading right under a table gets half a line of air.
        let ppr = if after_table {
            format!(
                "<w:spacing w:before=\"{}\" w:after=\"0\" w:line=\"{LINE}\" w:lineRule=\"exact\"/>",
                LINE / 2
            )
        } else {
            String::new()
        };
        paragraph(
            &mut out,
            "Heading1",
            &ppr,
            &heading,
            &[(&heading, &section.heading)],
        );
        after_table = false;
        for p in &section.paragraphs {
            match p.kind {
                ParaKind::Subheading => {
                    paragraph(&mut out, "Heading2", "", &sub, &[(&sub, &p.text)]);
                }
                ParaKind::Body { lead } => {
                    let (a, b) = p.text.split_at(lead.min(p.text.len()));
                    paragraph(&mut out, "BodyText", "", &body, &[(&sub, a), (&body, b)]);
                }
            }
        }
        if let Some(t) = &section.table {
            table(&mut out, t);
            after_table = true;
        }
    }
    let _ = write!(
        out,
        "<w:sectPr><w:footerReference w:type=\"even\" r:id=\"rId5\"/><w:footerReference w:type=\"default\" r:id=\"rId4\"/>\
<w:pgSz w:w=\"{PAGE_W}\" w:h=\"{PAGE_H}\"/>\
<w:pgMar w:top=\"{MARGIN_TOP}\" w:right=\"{MARGIN_RIGHT}\" w:bottom=\"{MARGIN_BOTTOM}\" w:left=\"{MARGIN_LEFT}\" w:header=\"{HEADER}\" w:footer=\"{FOOTER}\" w:gutter=\"0\"/>\
<w:cols w:space=\"425\"/></w:sectPr></w:body></w:document>"
    );
    out
}

fn table(out: &mut String, t: &PlanTable) {
    let border = "w:val=\"single\" w:sz=\"4\" w:space=\"0\" w:color=\"000000\"";
    let _ = write!(
        out,
        "<w:tbl><w:tblPr><w:tblW w:w=\"{TEXT_WIDTH}\" w:type=\"dxa\"/><w:jc w:val=\"center\"/>\
<w:tblBorders><w:top {border}/><w:left {border}/><w:bottom {border}/><w:right {border}/><w:insideH {border}/><w:insideV {border}/></w:tblBorders>\
<w:tblLayout w:type=\"fixed\"/><w:tblCellMar><w:left w:w=\"{CELL_MARGIN}\" w:type=\"dxa\"/><w:right w:w=\"{CELL_MARGIN}\" w:type=\"dxa\"/></w:tblCellMar></w:tblPr><w:tblGrid>"
    );
    for w in &t.widths {
        let _ = write!(out, "<w:gridCol w:w=\"{w}\"/>");
    }
    out.push_str("</w:tblGrid>");
    let props = rpr(TABLE, t.size);
    // Fixed line spacing, 1.3 times the font size.
    let line = t.size * 13;
    let slots = t.slots();
    let span_width =
        |col: usize, cols: usize| -> u32 { t.widths[col..(col + cols).min(t.width)].iter().sum() };
    for row in 0..t.height {
        // Rows at least one line and 3 pt above and below it high.
        let _ = write!(
            out,
            "<w:tr><w:trPr><w:cantSplit/><w:trHeight w:val=\"{}\"/>",
            line + 120
        );
        if row < t.header_rows {
            out.push_str("<w:tblHeader/>");
        }
        out.push_str("</w:trPr>");
        let keep = if t.keep_next.get(row).copied().unwrap_or(false) {
            "<w:keepNext/>"
        } else {
            ""
        };
        let mut col = 0;
        while col < t.width {
            let slot = slots[row * t.width + col];
            match slot {
                Slot::Start(i) | Slot::Below(i) => {
                    let c = &t.cells[i];
                    let cols = c.span.cols.min(t.width - col).max(1);
                    let _ = write!(
                        out,
                        "<w:tc><w:tcPr><w:tcW w:w=\"{}\" w:type=\"dxa\"/>",
                        span_width(col, cols)
                    );
                    if cols > 1 {
                        let _ = write!(out, "<w:gridSpan w:val=\"{cols}\"/>");
                    }
                    let start = matches!(slot, Slot::Start(_));
                    if c.span.rows > 1 {
                        out.push_str(if start {
                            "<w:vMerge w:val=\"restart\"/>"
                        } else {
                            "<w:vMerge/>"
                        });
                    }
                    out.push_str("<w:vAlign w:val=\"center\"/></w:tcPr>");
                    let jc = if c.kind.left() {
                        "<w:jc w:val=\"left\"/>"
                    } else {
                        ""
                    };
                    let ppr = format!(
                        "{keep}<w:spacing w:after=\"0\" w:line=\"{line}\" w:lineRule=\"exact\"/>{jc}"
                    );
                    let text = if start { c.text.as_str() } else { "" };
                    paragraph(out, "TableText", &ppr, &props, &[(&props, text)]);
                    out.push_str("</w:tc>");
                    col += cols;
                }
                Slot::Right | Slot::Empty => {
                    // Nothing starts here (cannot happen with the core's geometry): an empty cell
                    // keeps the row on the grid.
                    let _ = write!(
                        out,
                        "<w:tc><w:tcPr><w:tcW w:w=\"{}\" w:type=\"dxa\"/><w:vAlign w:val=\"center\"/></w:tcPr>",
                        span_width(col, 1)
                    );
                    let ppr = format!(
                        "{keep}<w:spacing w:after=\"0\" w:line=\"{line}\" w:lineRule=\"exact\"/>"
                    );
                    paragraph(out, "TableText", &ppr, &props, &[]);
                    out.push_str("</w:tc>");
                    col += 1;
                }
            }
        }
        out.push_str("</w:tr>");
    }
    out.push_str("</w:tbl>");
}
