//! The Word reader: the shared examples and the fixtures of tests/fixtures/published/docx import
//! with exactly the values of their expected CSV; the structure it makes of Word's XML (merges,
//! runs, fields, revisions, numbering…), case by case; every bad input refused with its message,
//! never a panic.

mod support;
use support::{expected, fixtures};

use std::io::{Cursor, Write};
use std::path::Path;

use zfxxgk_core::grid::{Document, DocumentKind};
use zfxxgk_core::import::read_document;
use zfxxgk_core::{Lang, Location};
use zfxxgk_doc::read::Limits;
use zfxxgk_doc::read::docx::{self, DocxError, MAX_TABLE_NESTING, NotWordKind};

fn bytes(path: &Path) -> Vec<u8> {
    std::fs::read(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn read(bytes: &[u8]) -> Document {
    docx::read(bytes, &Limits::default()).unwrap_or_else(|e| panic!("{}", e.message(Lang::En)))
}

// ---------------------------------------------------------------------------------------------
// End to end: every value of every fixture

/// Imports a Word file and lists every difference from its expected rows.
fn compare(file: &Path, rows: &[support::Row]) -> Vec<String> {
    let name = file
        .file_name()
        .map(|n| n.to_string_lossy().to_string())
        .unwrap_or_default();
    let doc = match docx::read(&bytes(file), &Limits::default()) {
        Ok(d) => d,
        Err(e) => return vec![format!("{name}: {}", e.message(Lang::En))],
    };
    let report = match read_document(&doc) {
        Ok(r) => r,
        Err(e) => return vec![format!("{name}: {}", e.message(Lang::En))],
    };
    support::differences(&name, &report, rows)
}

#[test]
fn shared_examples_import_exactly() {
    let dir = fixtures().join("shared");
    let rows = expected(&dir.join("expected.csv"));
    let mut problems = Vec::new();
    let mut files = 0;
    for entry in std::fs::read_dir(&dir).unwrap().flatten() {
        let path = entry.path();
        if path.extension().is_none_or(|e| e != "docx") {
            continue;
        }
        files += 1;
        let name = path.file_name().unwrap().to_string_lossy().to_string();
        let mine: Vec<_> = rows
            .iter()
            .filter(|(agency, year, _, _)| name.starts_with(&format!("{agency}{year}")))
            .cloned()
            .collect();
        assert!(!mine.is_empty(), "{name}: no rows in expected.csv");
        problems.extend(compare(&path, &mine));
    }
    assert_eq!(files, 2);
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

/// Fixtures whose values the importer (not this reader) does not read yet, and why. The test
/// fails when one of them starts to import exactly, so that it is taken off this list.
const IMPORTER_GAPS: &[(&str, &str)] = &[];

#[test]
fn fixtures_import_exactly() {
    let dir = fixtures().join("docx");
    let mut problems = Vec::new();
    let mut files = 0;
    let mut entries: Vec<_> = std::fs::read_dir(&dir).unwrap().flatten().collect();
    entries.sort_by_key(|e| e.file_name());
    for entry in entries {
        let path = entry.path();
        let name = path.file_name().unwrap().to_string_lossy().to_string();
        let Some(stem) = name.strip_suffix(".expected.csv") else {
            continue;
        };
        files += 1;
        let file = format!("{stem}.docx");
        let found = compare(&dir.join(&file), &expected(&path));
        if IMPORTER_GAPS.iter().any(|(f, _)| *f == file) {
            if found.is_empty() {
                problems.push(format!(
                    "{file} imports exactly now: take it off IMPORTER_GAPS"
                ));
            }
            continue;
        }
        problems.extend(found);
    }
    assert!(files >= 10, "{files} fixtures");
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

// ---------------------------------------------------------------------------------------------
// What the reader makes of the fixtures

fn fixture(name: &str) -> Document {
    read(&bytes(&fixtures().join("docx").join(name)))
}

fn cell_at(doc: &Document, grid: usize, row: u32, col: u32) -> (&str, u32, u32) {
    let c = doc.grids[grid]
        .get(row, col)
        .unwrap_or_else(|| panic!("no cell at {row},{col} of grid {grid}"));
    (c.as_text().unwrap_or_default(), c.rows, c.cols)
}

#[test]
fn merged_headers_are_stored_once_with_their_spans() {
    let doc = fixture("merged-headers.docx");
    assert_eq!(doc.kind, DocumentKind::Word);
    assert_eq!(doc.grids.len(), 3);
    assert_eq!(
        doc.grids
            .iter()
            .map(|g| g.name.as_str())
            .collect::<Vec<_>>(),
        ["表格 1", "表格 2", "表格 3"]
    );
    let t3 = 1;
    let (note, rows, cols) = cell_at(&doc, t3, 0, 0);
    assert!(note.starts_with("（本列数据的勾稽关系为"), "{note}");
    assert_eq!((rows, cols), (3, 3));
    assert_eq!(cell_at(&doc, t3, 0, 3), ("申请人情况", 1, 7));
    assert_eq!(cell_at(&doc, t3, 1, 3), ("自然人", 2, 1));
    assert_eq!(cell_at(&doc, t3, 1, 4), ("法人或其他组织", 1, 5));
    assert_eq!(cell_at(&doc, t3, 2, 4), ("商业\n企业", 1, 1));
    assert_eq!(cell_at(&doc, t3, 1, 9), ("总计", 2, 1));
    // 三、本年度办理结果 merged down over the 21 result rows and （七）总计.
    let (label, rows, cols) = cell_at(&doc, t3, 5, 0);
    assert_eq!((label, rows, cols), ("三、本年度\n办理结果", 22, 1));
    // Merged-over positions hold nothing.
    assert!(doc.grids[t3].get(1, 0).is_none());
    assert!(doc.grids[t3].get(0, 4).is_none());
    let c = doc.grids[t3].get(3, 3).unwrap();
    assert_eq!(
        c.location,
        Some(Location::TableCell {
            table: 2,
            row: 4,
            col: 4
        })
    );
    // Title from the properties, publisher from the author (an agency).
    assert_eq!(
        doc.title.as_deref(),
        Some("某某县交通运输局2023年政府信息公开工作年度报告")
    );
    assert_eq!(doc.publisher.as_deref(), Some("某某县交通运输局"));
    // The title paragraph's line break makes two lines of the same paragraph.
    assert_eq!(doc.lines[0].text, "某某县交通运输局");
    assert_eq!(doc.lines[1].text, "2023年政府信息公开工作年度报告");
    assert_eq!(doc.lines[0].location, Location::Paragraph(1));
    assert_eq!(doc.lines[1].location, Location::Paragraph(1));
    assert_eq!(doc.lines[2].location, Location::Paragraph(2));
    assert!(doc.lines.iter().any(|l| l.text == "六、其他需要报告的事项"));
}

#[test]
fn two_paragraph_title_and_generic_author() {
    let doc = fixture("two-paragraph-title.docx");
    assert_eq!(doc.lines[0].text, "某某县人民政府办公室");
    assert_eq!(doc.lines[0].location, Location::Paragraph(1));
    assert_eq!(doc.lines[1].text, "2024年政府信息公开工作年度报告");
    assert_eq!(doc.lines[1].location, Location::Paragraph(2));
    assert_eq!(doc.publisher, None, "微软用户 is not a publisher");
    assert_eq!(doc.title, None);
    // Label lines as separate paragraphs of one cell.
    assert_eq!(cell_at(&doc, 1, 2, 4), ("商业\n企业", 1, 1));
}

#[test]
fn revisions_fields_tabs_and_blanks_in_cells() {
    let doc = fixture("blanks-and-placeholders.docx");
    let t3 = &doc.grids[1];
    let find = |label: &str| {
        t3.cells
            .iter()
            .find(|c| c.as_text() == Some(label))
            .unwrap_or_else(|| panic!("{label}"))
    };
    let new = find("一、本年新收政府信息公开申请数量");
    let granted = find("（一）予以公开");
    // The natural-person column is the fourth grid column, the total the tenth.
    let granted_natural = t3.get(granted.row, 3).and_then(|c| c.as_text());
    let new_total = t3.get(new.row, 9).and_then(|c| c.as_text());
    let csv = expected(&fixtures().join("docx/blanks-and-placeholders.expected.csv"));
    let want = |id: &str| {
        csv.iter()
            .find(|r| r.2 == id)
            .map(|r| r.3.clone())
            .unwrap_or_default()
    };
    assert_eq!(
        granted_natural,
        Some(want("applications.granted.natural_person").as_str())
    );
    assert_eq!(new_total, Some(want("applications.new.total").as_str()));
    // Blank cells are absent, never zero.
    assert!(t3.cells.iter().all(|c| c.as_text() != Some("0")));
}

#[test]
fn automatic_numbering_is_rebuilt() {
    let doc = fixture("auto-numbered.docx");
    let texts: Vec<&str> = doc.lines.iter().map(|l| l.text.as_str()).collect();
    for heading in [
        "一、总体情况",
        "（一）主动公开",
        "（五）监督保障",
        "二、主动公开政府信息情况",
        "六、其他需要报告的事项",
    ] {
        assert!(texts.contains(&heading), "{heading} not in {texts:?}");
    }
    assert_eq!(doc.publisher.as_deref(), Some("某某县水利局办公室"));
}

#[test]
fn a_table_split_by_a_page_break_is_joined_again() {
    let doc = fixture("split-by-page-break.docx");
    assert_eq!(doc.grids.len(), 3);
    let t3 = &doc.grids[1];
    assert_eq!(t3.name, "表格 2–3");
    // The group label merged over both parts, as before the split.
    let (label, rows, _) = cell_at(&doc, 1, 5, 0);
    assert_eq!((label, rows), ("三、本年度办理结果", 22));
    let c = t3
        .cells
        .iter()
        .find(|c| c.as_text() == Some("1.本机关不掌握相关政府信息"))
        .unwrap();
    assert_eq!(
        c.location,
        Some(Location::TableCell {
            table: 3,
            row: 1,
            col: 3
        })
    );
    assert_eq!(
        t3.get(c.row - 1, 2).and_then(|c| c.as_text()),
        Some("8.属于行政查询事项")
    );
    // Tables with text between them stay apart.
    let two = docx_with(
        &format!(
            "<w:tbl><w:tr>{}</w:tr></w:tbl><w:p><w:r><w:br w:type=\"page\"/></w:r></w:p><w:p/>\
             <w:tbl><w:tr>{}</w:tr></w:tbl>{}<w:tbl><w:tr>{}</w:tr></w:tbl>\
             <w:tbl><w:tr>{}{}</w:tr></w:tbl>",
            tc("", "a"),
            tc("", "b"),
            p("标题"),
            tc("", "c"),
            tc("", "d"),
            tc("", "e")
        ),
        &[],
    );
    assert_eq!(
        dump(&read(&two)),
        "[表格 1–2]\n0,0 1x1 @1:1:1 \"a\"\n1,0 1x1 @2:1:1 \"b\"\n[表格 3]\n0,0 1x1 @3:1:1 \"c\"\n\
         [表格 4]\n0,0 1x1 @4:1:1 \"d\"\n0,1 1x1 @4:1:2 \"e\"\n¶1 标题"
    );
}

// ---------------------------------------------------------------------------------------------
// Word XML, case by case

const W: &str = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";

fn zip_of(parts: &[(&str, &[u8])], method: zip::CompressionMethod) -> Vec<u8> {
    let mut z = zip::ZipWriter::new(Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default().compression_method(method);
    for (name, data) in parts {
        z.start_file(*name, options).unwrap();
        z.write_all(data).unwrap();
    }
    z.finish().unwrap().into_inner()
}

const CONTENT_TYPES: &str = r#"<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>"#;
const RELS: &str = r#"<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>"#;

fn document_xml(body: &str) -> String {
    format!(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document xmlns:w="{W}" xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape" xmlns:v="urn:schemas-microsoft-com:vml"><w:body>{body}</w:body></w:document>"#
    )
}

/// A minimal docx of the given body, with extra parts.
fn docx_with(body: &str, extra: &[(&str, &str)]) -> Vec<u8> {
    let doc = document_xml(body);
    let mut parts: Vec<(&str, &[u8])> = vec![
        ("[Content_Types].xml", CONTENT_TYPES.as_bytes()),
        ("_rels/.rels", RELS.as_bytes()),
        ("word/document.xml", doc.as_bytes()),
    ];
    for (n, d) in extra {
        parts.push((n, d.as_bytes()));
    }
    zip_of(&parts, zip::CompressionMethod::Deflated)
}

/// The document as text: each grid's cells (`r,c rows×cols text`) and each line (`¶n text`).
fn dump(doc: &Document) -> String {
    let mut out = Vec::new();
    for g in &doc.grids {
        out.push(format!("[{}]", g.name));
        for c in &g.cells {
            let loc = match g.location(c.row, c.col) {
                Location::TableCell { table, row, col } => format!("{table}:{row}:{col}"),
                other => other.to_string(),
            };
            out.push(format!(
                "{},{} {}x{} @{loc} {:?}",
                c.row,
                c.col,
                c.rows,
                c.cols,
                c.as_text().unwrap_or_default()
            ));
        }
    }
    for l in &doc.lines {
        let n = match l.location {
            Location::Paragraph(n) => n,
            _ => 0,
        };
        out.push(format!("¶{n} {}", l.text));
    }
    out.join("\n")
}

fn p(text: &str) -> String {
    format!("<w:p><w:r><w:t xml:space=\"preserve\">{text}</w:t></w:r></w:p>")
}

fn tc(props: &str, text: &str) -> String {
    format!("<w:tc><w:tcPr>{props}</w:tcPr>{}</w:tc>", p(text))
}

#[test]
fn word_xml_cases() {
    let cases: Vec<(&str, String, &str)> = vec![
        (
            "gridSpan and vMerge restart/continue; the merged cell stored once",
            format!(
                "<w:tbl><w:tblGrid><w:gridCol/><w:gridCol/><w:gridCol/></w:tblGrid>\
                 <w:tr>{}{}</w:tr><w:tr>{}{}{}</w:tr><w:tr>{}{}{}</w:tr></w:tbl>",
                tc("<w:vMerge w:val=\"restart\"/>", "A"),
                tc("<w:gridSpan w:val=\"2\"/>", "B"),
                tc("<w:vMerge/>", ""),
                tc("", "1"),
                tc("", "2"),
                tc("<w:vMerge w:val=\"continue\"/>", "ignored"),
                tc("", "3"),
                tc("", "4"),
            ),
            "[表格 1]\n0,0 3x1 @1:1:1 \"A\"\n0,1 1x2 @1:1:2 \"B\"\n1,1 1x1 @1:2:2 \"1\"\n\
             1,2 1x1 @1:2:3 \"2\"\n2,1 1x1 @1:3:2 \"3\"\n2,2 1x1 @1:3:3 \"4\"",
        ),
        (
            "a merge ends at the first row without a continuation",
            format!(
                "<w:tbl><w:tr>{}{}</w:tr><w:tr>{}{}</w:tr><w:tr>{}{}</w:tr></w:tbl>",
                tc("<w:vMerge w:val=\"restart\"/>", "A"),
                tc("", "x"),
                tc("", "B"),
                tc("", "y"),
                tc("<w:vMerge/>", "C"),
                tc("", "z"),
            ),
            "[表格 1]\n0,0 1x1 @1:1:1 \"A\"\n0,1 1x1 @1:1:2 \"x\"\n1,0 1x1 @1:2:1 \"B\"\n\
             1,1 1x1 @1:2:2 \"y\"\n2,0 1x1 @1:3:1 \"C\"\n2,1 1x1 @1:3:2 \"z\"",
        ),
        (
            "gridBefore skips columns; gridAfter changes nothing; hMerge widens",
            format!(
                "<w:tbl><w:tr><w:trPr><w:gridBefore w:val=\"2\"/><w:gridAfter w:val=\"1\"/></w:trPr>{}</w:tr>\
                 <w:tr>{}{}{}{}</w:tr></w:tbl>",
                tc("", "late"),
                tc("<w:hMerge w:val=\"restart\"/>", "wide"),
                tc("<w:hMerge/>", ""),
                tc("", "c"),
                tc("", "d"),
            ),
            "[表格 1]\n0,2 1x1 @1:1:3 \"late\"\n1,0 1x2 @1:2:1 \"wide\"\n1,2 1x1 @1:2:3 \"c\"\n\
             1,3 1x1 @1:2:4 \"d\"",
        ),
        (
            "runs, tabs, breaks, hyphens; symbols and soft hyphens left out",
            "<w:p><w:r><w:t>一、</w:t></w:r><w:r><w:t>总体</w:t><w:tab/><w:t>情况</w:t></w:r>\
             <w:r><w:softHyphen/><w:sym w:font=\"Wingdings\" w:char=\"F0FC\"/><w:noBreakHyphen/>\
             <w:br/><w:t>下一行</w:t><w:cr/><w:t>再一行</w:t></w:r></w:p>"
                .into(),
            "¶1 一、总体 情况-\n¶1 下一行\n¶1 再一行",
        ),
        (
            "field results kept, instructions skipped (simple and complex fields)",
            "<w:p><w:fldSimple w:instr=\" PAGE \"><w:r><w:t>7</w:t></w:r></w:fldSimple>\
             <w:r><w:fldChar w:fldCharType=\"begin\"/></w:r><w:r><w:instrText> =SUM(LEFT) </w:instrText></w:r>\
             <w:r><w:t>stray</w:t></w:r><w:r><w:fldChar w:fldCharType=\"separate\"/></w:r>\
             <w:r><w:t>55</w:t></w:r><w:r><w:fldChar w:fldCharType=\"end\"/></w:r></w:p>"
                .into(),
            "¶1 755",
        ),
        (
            "insertions kept, deletions and moved-away text dropped",
            "<w:p><w:del w:id=\"1\" w:author=\"a\"><w:r><w:delText>12</w:delText></w:r></w:del>\
             <w:ins w:id=\"2\" w:author=\"a\"><w:r><w:t>13</w:t></w:r></w:ins>\
             <w:moveFrom w:id=\"3\" w:author=\"a\"><w:r><w:t>old</w:t></w:r></w:moveFrom>\
             <w:moveTo w:id=\"4\" w:author=\"a\"><w:r><w:t>件</w:t></w:r></w:moveTo></w:p>"
                .into(),
            "¶1 13件",
        ),
        (
            "hidden text dropped; properties of a paragraph mark do not hide the text",
            "<w:p><w:pPr><w:rPr><w:vanish/></w:rPr></w:pPr><w:r><w:rPr><w:vanish/></w:rPr><w:t>隐藏</w:t></w:r>\
             <w:r><w:rPr><w:vanish w:val=\"0\"/></w:rPr><w:t>可见</w:t></w:r><w:r><w:t>文字</w:t></w:r></w:p>"
                .into(),
            "¶1 可见文字",
        ),
        (
            "a text box is read once (its Choice), before the paragraph anchoring it",
            "<w:p><w:r><w:t>正文</w:t></w:r><w:r><mc:AlternateContent><mc:Choice Requires=\"wps\">\
             <w:drawing><wps:txbx><w:txbxContent><w:p><w:r><w:t>文本框</w:t></w:r></w:p></w:txbxContent></wps:txbx></w:drawing>\
             </mc:Choice><mc:Fallback><w:pict><v:textbox><w:txbxContent><w:p><w:r><w:t>文本框</w:t></w:r></w:p>\
             </w:txbxContent></v:textbox></w:pict></mc:Fallback></mc:AlternateContent></w:r></w:p>"
                .into(),
            "¶1 文本框\n¶2 正文",
        ),
        (
            "empty paragraphs are skipped and not counted; entities resolved",
            format!(
                "{}<w:p/><w:p><w:r><w:t>  </w:t></w:r></w:p>{}{}",
                p("第一段"),
                p("A&amp;B &#x4E00;&lt;"),
                p("\u{3000}\u{3000}缩进")
            ),
            "¶1 第一段\n¶2 A&B 一<\n¶3 缩进",
        ),
        (
            "content controls and hyperlinks are read through",
            "<w:sdt><w:sdtPr><w:alias w:val=\"标题\"/><w:placeholder><w:docPart w:val=\"x\"/></w:placeholder></w:sdtPr>\
             <w:sdtContent><w:p><w:hyperlink r:id=\"x\" xmlns:r=\"r\"><w:r><w:t>链接</w:t></w:r></w:hyperlink>\
             <w:sdt><w:sdtContent><w:r><w:t>文字</w:t></w:r></w:sdtContent></w:sdt></w:p></w:sdtContent></w:sdt>"
                .into(),
            "¶1 链接文字",
        ),
        (
            "a nested table is its own grid, numbered where it starts; the outer cell keeps its text",
            format!(
                "<w:tbl><w:tr><w:tc>{}<w:tbl><w:tr>{}</w:tr></w:tbl>{}</w:tc>{}</w:tr></w:tbl>{}",
                p("外"),
                tc("", "内"),
                p("尾"),
                tc("", "右"),
                p("表后")
            ),
            "[表格 1]\n0,0 1x1 @1:1:1 \"外\\n尾\"\n0,1 1x1 @1:1:2 \"右\"\n[表格 2]\n\
             0,0 1x1 @2:1:1 \"内\"\n¶1 表后",
        ),
        (
            "paragraphs inside cells are not lines; cell paragraphs are joined and trimmed",
            format!(
                "{}<w:tbl><w:tr><w:tc>{}<w:p/>{}<w:p/></w:tc></w:tr></w:tbl>{}",
                p("前"),
                p("  商业"),
                p("企业  "),
                p("后")
            ),
            "[表格 1]\n0,0 1x1 @1:1:1 \"商业\\n\\n企业\"\n¶1 前\n¶2 后",
        ),
        (
            "old properties of tracked changes are ignored",
            format!(
                "<w:tbl><w:tr><w:tc><w:tcPr><w:gridSpan w:val=\"1\"/><w:tcPrChange w:id=\"1\" w:author=\"a\">\
                 <w:tcPr><w:gridSpan w:val=\"5\"/></w:tcPr></w:tcPrChange></w:tcPr>{}</w:tc>{}</w:tr></w:tbl>",
                p("a"),
                tc("", "b")
            ),
            "[表格 1]\n0,0 1x1 @1:1:1 \"a\"\n0,1 1x1 @1:1:2 \"b\"",
        ),
    ];
    let mut failures = Vec::new();
    for (what, body, want) in &cases {
        let got = dump(&read(&docx_with(body, &[])));
        if got != *want {
            failures.push(format!("{what}\n--- got\n{got}\n--- want\n{want}\n"));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn embedded_content_is_reported_not_read() {
    let body = format!(
        "{}<w:altChunk r:id=\"rId9\" xmlns:r=\"r\"/><w:p><w:r><w:object>\
         <o:OLEObject xmlns:o=\"urn:schemas-microsoft-com:office:office\" Type=\"Embed\" \
         ProgID=\"Excel.Sheet.12\" ShapeID=\"_x0000_i1025\" r:id=\"rId8\" xmlns:r=\"r\"/>\
         </w:object></w:r></w:p>",
        p("前言")
    );
    let doc = read(&docx_with(&body, &[]));
    let codes: Vec<&str> = doc.issues.iter().map(|i| i.code).collect();
    assert_eq!(codes, ["IMPORT-EMBEDDED", "IMPORT-EMBEDDED"]);
    assert!(
        doc.issues[0].zh.contains("嵌入的 Excel 表格"),
        "{}",
        doc.issues[0].zh
    );
    assert!(
        doc.issues[1].zh.contains("altChunk"),
        "{}",
        doc.issues[1].zh
    );
    assert!(read(&docx_with(&p("x"), &[])).issues.is_empty());
}

#[test]
fn another_prefix_for_the_word_namespace() {
    let xml = format!(
        r#"<?xml version="1.0"?><x:document xmlns:x="{W}"><x:body><x:p><x:r><x:t>前缀</x:t></x:r></x:p><x:tbl><x:tr><x:tc><x:p><x:r><x:t>格</x:t></x:r></x:p></x:tc></x:tr></x:tbl></x:body></x:document>"#
    );
    let bytes = zip_of(
        &[("word/document.xml", xml.as_bytes())],
        zip::CompressionMethod::Stored,
    );
    assert_eq!(
        dump(&read(&bytes)),
        "[表格 1]\n0,0 1x1 @1:1:1 \"格\"\n¶1 前缀"
    );
}

#[test]
fn the_main_part_is_found_through_the_package_relationships() {
    let rels = RELS.replace("word/document.xml", "/word/document2.xml");
    let doc = document_xml(&p("另一个名字"));
    let bytes = zip_of(
        &[
            ("_rels/.rels", rels.as_bytes()),
            ("word/document2.xml", doc.as_bytes()),
        ],
        zip::CompressionMethod::Deflated,
    );
    assert!(docx::sniff(&bytes));
    assert_eq!(dump(&read(&bytes)), "¶1 另一个名字");
}

const NUMBERING: &str = r#"<?xml version="1.0"?><w:numbering xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006">
<w:abstractNum w:abstractNumId="0"><w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="%1、"/><w:suff w:val="nothing"/></w:lvl>
<w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="（%2）"/></w:lvl>
<w:lvl w:ilvl="2"><w:start w:val="1"/><mc:AlternateContent><mc:Choice Requires="w14"><w:numFmt w:val="custom" w:format="01, 02, 03, ..."/></mc:Choice><mc:Fallback><w:numFmt w:val="decimal"/></mc:Fallback></mc:AlternateContent><w:lvlText w:val="%3."/></w:lvl></w:abstractNum>
<w:abstractNum w:abstractNumId="1"><w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="bullet"/><w:lvlText w:val=""/></w:lvl></w:abstractNum>
<w:abstractNum w:abstractNumId="2"><w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%1"/><w:suff w:val="tab"/></w:lvl></w:abstractNum>
<w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>
<w:num w:numId="2"><w:abstractNumId w:val="1"/></w:num>
<w:num w:numId="3"><w:abstractNumId w:val="2"/></w:num>
<w:num w:numId="4"><w:abstractNumId w:val="2"/><w:lvlOverride w:ilvl="0"><w:startOverride w:val="1"/></w:lvlOverride></w:num>
</w:numbering>"#;

const STYLES: &str = r#"<?xml version="1.0"?><w:styles xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">
<w:style w:type="paragraph" w:styleId="1"><w:name w:val="heading 1"/><w:pPr><w:numPr><w:numId w:val="1"/></w:numPr></w:pPr></w:style>
<w:style w:type="paragraph" w:styleId="MyHeading"><w:basedOn w:val="1"/></w:style>
<w:style w:type="paragraph" w:styleId="2"><w:pPr><w:numPr><w:ilvl w:val="1"/><w:numId w:val="1"/></w:numPr></w:pPr></w:style>
</w:styles>"#;

fn numbered(style: Option<&str>, num: Option<(u32, u32)>, text: &str) -> String {
    let style = style
        .map(|s| format!("<w:pStyle w:val=\"{s}\"/>"))
        .unwrap_or_default();
    let num = num
        .map(|(id, l)| {
            format!("<w:numPr><w:ilvl w:val=\"{l}\"/><w:numId w:val=\"{id}\"/></w:numPr>")
        })
        .unwrap_or_default();
    format!("<w:p><w:pPr>{style}{num}</w:pPr><w:r><w:t>{text}</w:t></w:r></w:p>")
}

#[test]
fn numbering_from_numbering_xml_and_styles() {
    let body = [
        numbered(Some("1"), None, "总体情况"),
        numbered(Some("2"), None, "主动公开"),
        numbered(None, Some((1, 2)), "属于国家秘密"),
        numbered(None, Some((1, 2)), "其他法律行政法规禁止公开"),
        numbered(Some("2"), None, "依申请公开"),
        numbered(None, Some((1, 2)), "重新从一开始"),
        numbered(Some("MyHeading"), None, "主动公开政府信息情况"),
        numbered(None, Some((2, 0)), "项目符号不算编号"),
        numbered(None, Some((3, 0)), "甲"),
        numbered(None, Some((3, 0)), "乙"),
        numbered(None, Some((4, 0)), "重新编号"),
        numbered(Some("1"), Some((0, 0)), "编号被取消"),
        numbered(None, Some((99, 0)), "未定义的编号"),
        format!(
            "<w:tbl><w:tr><w:tc>{}</w:tc></w:tr></w:tbl>",
            numbered(None, Some((1, 2)), "表格里的编号")
        ),
    ]
    .concat();
    let doc = read(&docx_with(
        &body,
        &[
            ("word/numbering.xml", NUMBERING),
            ("word/styles.xml", STYLES),
        ],
    ));
    assert_eq!(
        dump(&doc),
        "[表格 1]\n0,0 1x1 @1:1:1 \"1.表格里的编号\"\n\
         ¶1 一、总体情况\n¶2 （一）主动公开\n¶3 1.属于国家秘密\n¶4 2.其他法律行政法规禁止公开\n\
         ¶5 （二）依申请公开\n¶6 1.重新从一开始\n¶7 二、主动公开政府信息情况\n¶8 项目符号不算编号\n\
         ¶9 1 甲\n¶10 2 乙\n¶11 1 重新编号\n¶12 编号被取消\n¶13 未定义的编号"
    );
}

#[test]
fn title_and_publisher_from_the_core_properties() {
    let core = |creator: &str| {
        format!(
            r#"<?xml version="1.0"?><cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:title> 某某县财政局2023年政府信息公开工作年度报告 </dc:title><dc:creator>{creator}</dc:creator></cp:coreProperties>"#
        )
    };
    for (creator, want) in [
        ("某某县财政局", Some("某某县财政局")),
        ("某某县人民政府办公室", Some("某某县人民政府办公室")),
        ("Administrator", None),
        ("微软用户", None),
        ("李明", None),
        ("user", None),
        ("", None),
    ] {
        let doc = read(&docx_with(
            &p("x"),
            &[("docProps/core.xml", &core(creator))],
        ));
        assert_eq!(doc.publisher.as_deref(), want, "{creator}");
        assert_eq!(
            doc.title.as_deref(),
            Some("某某县财政局2023年政府信息公开工作年度报告")
        );
    }
}

// ---------------------------------------------------------------------------------------------
// Bad input

fn refused(bytes: &[u8], limits: &Limits) -> DocxError {
    match docx::read(bytes, limits) {
        Ok(doc) => panic!("read: {}", dump(&doc)),
        Err(e) => e,
    }
}

fn assert_message(e: &DocxError, zh: &str) {
    let m = e.message(Lang::Zh);
    assert!(m.contains(zh), "{m:?} does not contain {zh:?}");
    assert_eq!(e.to_string(), m);
    let en = e.message(Lang::En);
    assert!(!en.is_empty() && en != m, "{en}");
}

#[test]
fn legacy_word_is_refused_with_how_to_save_as_docx() {
    let doc = bytes(&fixtures().join("docx/legacy-word97.doc"));
    assert!(docx::is_legacy_word(&doc));
    assert!(!docx::sniff(&doc));
    let e = refused(&doc, &Limits::default());
    assert!(matches!(e, DocxError::Legacy), "{e:?}");
    assert_message(&e, "请在 Word 或 WPS 中另存为 .docx 后再检查");
    assert_message(&e, "旧版 Word（.doc）或 WPS（.wps）");
    // An OLE file without a Word stream (an old Excel file) is not legacy Word.
    let xls = bytes(&fixtures().join("../hostile/stray-iv65536.xls"));
    assert!(!docx::is_legacy_word(&xls));
    let e = refused(&xls, &Limits::default());
    assert!(
        matches!(
            e,
            DocxError::NotWord {
                kind: NotWordKind::OtherOle
            }
        ),
        "{e:?}"
    );
    assert_message(&e, "不是 Word 文档");
}

#[test]
fn encrypted_docx_is_refused() {
    let doc = bytes(&fixtures().join("docx/encrypted.docx"));
    assert!(!docx::sniff(&doc));
    assert!(!docx::is_legacy_word(&doc));
    let e = refused(&doc, &Limits::default());
    assert!(matches!(e, DocxError::Encrypted), "{e:?}");
    assert_message(&e, "设置了打开密码");
}

fn good() -> Vec<u8> {
    bytes(&fixtures().join("docx/merged-headers.docx"))
}

#[test]
fn truncated_and_damaged_zips_are_refused() {
    let doc = good();
    for cut in [doc.len() / 2, doc.len() - 30, 100] {
        let e = refused(&doc[..cut], &Limits::default());
        assert!(
            matches!(e, DocxError::Damaged { .. }),
            "cut at {cut}: {e:?}"
        );
        assert_message(&e, "已损坏或不完整");
    }
    // A stored part whose bytes were changed: the checksum fails.
    let mut stored = zip_of(
        &[(
            "word/document.xml",
            document_xml(&p("一二三四五六")).as_bytes(),
        )],
        zip::CompressionMethod::Stored,
    );
    let at = stored
        .windows(3)
        .position(|w| w == "一".as_bytes())
        .unwrap();
    stored[at + 2] ^= 0x01;
    let e = refused(&stored, &Limits::default());
    assert!(matches!(e, DocxError::Damaged { .. }), "{e:?}");
}

#[test]
fn zip_bombs_are_refused() {
    // A small file that inflates beyond the default limit of 100 MB.
    let mut z = zip::ZipWriter::new(Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated)
        .large_file(true);
    z.start_file("word/document.xml", options).unwrap();
    let chunk = vec![b' '; 1 << 20];
    for _ in 0..101 {
        z.write_all(&chunk).unwrap();
    }
    let bomb = z.finish().unwrap().into_inner();
    assert!(bomb.len() < 1 << 20, "{} bytes", bomb.len());
    let e = refused(&bomb, &Limits::default());
    assert!(matches!(e, DocxError::ZipBomb { .. }), "{e:?}");
    assert_message(&e, "解压后的内容异常巨大");

    // Within a lower limit, by the declared sizes.
    let limits = Limits {
        max_inflated_bytes: 64 * 1024,
        ..Limits::default()
    };
    let big = docx_with(&p(&"很长的段落".repeat(10_000)), &[]);
    assert!(matches!(refused(&big, &limits), DocxError::ZipBomb { .. }));

    // A part that lies about its size: refused once it inflates beyond what it declared.
    let text = document_xml(&p(&" ".repeat(200_000)));
    let mut liar = zip_of(
        &[("word/document.xml", text.as_bytes())],
        zip::CompressionMethod::Deflated,
    );
    let real = u32::try_from(text.len()).unwrap().to_le_bytes();
    let fake = 1000u32.to_le_bytes();
    let mut patched = 0;
    let mut i = 0;
    while i + 4 <= liar.len() {
        if liar[i..i + 4] == real {
            liar[i..i + 4].copy_from_slice(&fake);
            patched += 1;
        }
        i += 1;
    }
    assert_eq!(patched, 2, "local header and central directory");
    // The zip reader itself stops at the declared size and calls the part damaged.
    let e = refused(&liar, &Limits::default());
    assert!(
        matches!(e, DocxError::ZipBomb { .. } | DocxError::Damaged { .. }),
        "{e:?}"
    );
}

#[test]
fn other_files_are_not_word_documents() {
    let xlsx = zip_of(
        &[("xl/workbook.xml", b"<workbook/>".as_slice())],
        zip::CompressionMethod::Deflated,
    );
    assert!(!docx::sniff(&xlsx));
    let e = refused(&xlsx, &Limits::default());
    assert!(
        matches!(
            e,
            DocxError::NotWord {
                kind: NotWordKind::OtherZip
            }
        ),
        "{e:?}"
    );
    assert_message(&e, "里面没有 Word 正文");
    for (bytes, kind) in [
        (b"{\\rtf1\\ansi hello}".as_slice(), NotWordKind::Rtf),
        (
            b"<html><body>hi</body></html>".as_slice(),
            NotWordKind::Unknown,
        ),
        (b"".as_slice(), NotWordKind::Unknown),
    ] {
        let e = refused(bytes, &Limits::default());
        assert!(
            matches!(e, DocxError::NotWord { kind: k } if k == kind),
            "{e:?}"
        );
        assert_message(&e, "另存为 .docx 后再检查");
    }
}

#[test]
fn malformed_xml_is_refused() {
    for xml in [
        format!(
            "<w:document xmlns:w=\"{W}\"><w:body><w:p><w:r><w:t>x</w:r></w:p></w:body></w:document>"
        ),
        format!("<w:document xmlns:w=\"{W}\"><w:body><w:p><w:r><w:t>截断"),
        "not xml at all".to_string(),
        String::new(),
    ] {
        let bytes = zip_of(
            &[("word/document.xml", xml.as_bytes())],
            zip::CompressionMethod::Deflated,
        );
        let e = refused(&bytes, &Limits::default());
        assert!(matches!(e, DocxError::Xml { .. }), "{xml}: {e:?}");
        assert_message(&e, "不是有效的 XML");
    }
}

#[test]
fn size_cells_and_depth_are_bounded() {
    let doc = good();
    let e = refused(
        &doc,
        &Limits {
            max_file_bytes: 1000,
            ..Limits::default()
        },
    );
    assert!(matches!(e, DocxError::TooLarge { .. }), "{e:?}");
    assert_message(&e, "文件过大");

    let e = refused(
        &doc,
        &Limits {
            max_cells: 50,
            ..Limits::default()
        },
    );
    assert!(matches!(e, DocxError::TooManyCells { limit: 50 }), "{e:?}");
    assert_message(&e, "超过 50 个单元格");

    // Tables nested in cells, deeper than allowed.
    let n = 200;
    let nested = format!(
        "{}{}",
        "<w:tbl><w:tr><w:tc>".repeat(n),
        "<w:p/></w:tc></w:tr></w:tbl>".repeat(n)
    );
    let e = refused(&docx_with(&nested, &[]), &Limits::default());
    assert!(
        matches!(e, DocxError::TooDeep { limit } if limit == MAX_TABLE_NESTING),
        "{e:?}"
    );
    assert_message(&e, "嵌套过深");
    // Deep enough but allowed.
    let n = MAX_TABLE_NESTING;
    let nested = format!(
        "{}{}{}",
        "<w:tbl><w:tr><w:tc>".repeat(n),
        p("最里层"),
        "</w:tc></w:tr></w:tbl>".repeat(n)
    );
    let doc = read(&docx_with(&nested, &[]));
    assert_eq!(doc.grids.len(), n);
    // Any element nested beyond the depth limit.
    let deep = format!(
        "{}{}",
        "<w:sdt><w:sdtContent>".repeat(5_000),
        "</w:sdtContent></w:sdt>".repeat(5_000)
    );
    let e = refused(&docx_with(&deep, &[]), &Limits::default());
    assert!(matches!(e, DocxError::TooDeep { limit: 256 }), "{e:?}");
}

#[test]
fn damaged_bytes_never_panic() {
    let doc = good();
    let mut state: u64 = 0x2545_F491_4F6C_DD1D;
    let mut next = move || {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        state
    };
    let mut outcomes = [0usize; 2];
    for i in 0..300 {
        let mut bytes = doc.clone();
        let flips = 1 + (next() % 8) as usize;
        for _ in 0..flips {
            let at = (next() as usize) % bytes.len();
            bytes[at] = next() as u8;
        }
        if i % 3 == 0 {
            let cut = (next() as usize) % bytes.len();
            bytes.truncate(cut);
        }
        let _ = docx::sniff(&bytes);
        let _ = docx::is_legacy_word(&bytes);
        outcomes[usize::from(docx::read(&bytes, &Limits::default()).is_ok())] += 1;
    }
    assert_eq!(outcomes.iter().sum::<usize>(), 300);
    // A damaged OLE header or directory is not a panic either.
    let mut ole = bytes(&fixtures().join("docx/legacy-word97.doc"));
    for at in [0x1E, 0x30, 0x44, 0x4C, 0x200, 0x400] {
        let mut b = ole.clone();
        b[at] ^= 0xFF;
        let _ = docx::is_legacy_word(&b);
        let _ = docx::read(&b, &Limits::default());
    }
    ole.truncate(600);
    let _ = docx::is_legacy_word(&ole);
}
