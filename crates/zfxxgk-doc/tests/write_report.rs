//! The publishable report: snapshots of the Word document (as a text dump), the web page and the
//! text; every table read back from each output exactly as the core's printed geometry places it
//! (labels, every merge, every value as given) for the bundled sample and every workbook fixture;
//! bad input (control characters, markup, 100,000-character paragraphs) written validly, with
//! notes, nothing cut.

use std::collections::BTreeMap;
use std::io::{Cursor, Read};
use std::path::{Path, PathBuf};

use quick_xml::events::Event;
use rust_decimal::Decimal;
use zfxxgk_core::layout::REPORT_TITLE_SUFFIX;
use zfxxgk_core::print::{Item, table_grid};
use zfxxgk_core::{CellValue, Lang, Report};
use zfxxgk_doc::sample;
use zfxxgk_doc::write::{self, Change, Field, dump_docx};

/// Writes an output where `cargo xtask preview` and a curious developer can look at it.
fn keep(name: &str, bytes: &[u8]) {
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("write-report");
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join(name), bytes).unwrap();
}

/// A report that is hard to write and must still read back exactly: blanks, placeholders (`/`,
/// `—`, `无`), a decimal fee, large numbers, markup and Markdown in the narrative, run-in and
/// stand-alone sub-headings, empty sections, contact fields.
fn hard_but_exact() -> Report {
    let mut r = sample::yima_transport_2024();
    r.agency = "某某县<数据>管理局&办公室".into();
    r.contact.filler = Some("张三".into());
    r.contact.phone = Some("0398-1234567".into());
    r.contact.date = Some("2025年1月10日".into());
    for (id, v) in [
        ("disclosure.regulations.issued", CellValue::Blank),
        (
            "disclosure.regulations.repealed",
            CellValue::Placeholder("/".into()),
        ),
        (
            "disclosure.regulations.in_force",
            CellValue::Placeholder("—".into()),
        ),
        (
            "disclosure.fees.amount",
            CellValue::Number(Decimal::new(35, 2)),
        ),
        ("disclosure.licensing.decisions", CellValue::int(1_234_567)),
        (
            "applications.new.total",
            CellValue::Placeholder("无".into()),
        ),
        ("applications.results_total.total", CellValue::int(98_765)),
        ("appeals.review.upheld", CellValue::Placeholder("/".into())),
        (
            "appeals.litigation_after_review.total",
            CellValue::int(12_345),
        ),
    ] {
        assert!(r.set_by_id(id, v), "{id}");
    }
    r.set_section(
        "overview",
        "（一）主动公开。本年度主动公开信息 <b>5</b> 条 & 更新“政策解读”栏目。\n\
         （二）依申请公开\n\
         *本年度*未收到申请。 [链接](javascript:alert(1))\n\
         \n\
         - 一是加强领导；二是完善制度。2024. 年底完成。",
    );
    r.set_section("problems", "");
    r.set_section("other", "  \n ");
    r
}

/// [`hard_but_exact`] with what cannot be written as it is: control characters (dropped), a tab
/// and a line break in one-line fields (spaces), text in cells, narrative in a table section.
fn edge_cases() -> Report {
    let mut r = hard_but_exact();
    r.agency = "某某县<数据>管理局 & 办公室".into();
    for (id, v) in [
        (
            "applications.new.natural_person",
            CellValue::Text("12件\u{7}".into()),
        ),
        (
            "applications.carried_over.other_org",
            CellValue::Text("见\t说明".into()),
        ),
    ] {
        assert!(r.set_by_id(id, v), "{id}");
    }
    r.set_section(
        "overview",
        "（一）主动公开。本年度主动公开信息 <b>5</b> 条 & 更新“政策解读”栏目。\n\
         \u{c}（二）依申请公开\r\n\
         *本年度*未收到申请\u{1}。\t[链接](javascript:alert(1))\n\
         \n\
         - 一是加强领导；二是完善制度。2024. 年底完成。",
    );
    r.set_section("disclosure", "本年度制发规章情况如下表。");
    r
}

/// The text of every printed table item as the core places it: labels verbatim, values as given.
fn expected(report: &Report) -> Vec<(&'static str, Vec<(zfxxgk_core::print::Span, String)>)> {
    let layout = report.layout();
    layout
        .tables
        .iter()
        .map(|t| {
            let g = table_grid(layout, t);
            let items = g
                .items
                .iter()
                .map(|(span, item)| {
                    let text = match item {
                        Item::Value(c) => report.value(c).to_string(),
                        other => other.text().unwrap_or("").to_string(),
                    };
                    (*span, text)
                })
                .collect();
            (t.id, items)
        })
        .collect()
}

/// A table read back: (row, col) of each cell's top-left → (rows, cols, text).
type Readback = BTreeMap<(usize, usize), (usize, usize, String)>;

fn assert_tables(report: &Report, got: &[Readback], what: &str) {
    let exp = expected(report);
    assert_eq!(got.len(), exp.len(), "{what}: number of tables");
    for ((id, items), table) in exp.iter().zip(got) {
        let mut want: Readback = BTreeMap::new();
        for (s, text) in items {
            want.insert((s.row, s.col), (s.rows, s.cols, text.clone()));
        }
        assert_eq!(
            table.len(),
            want.len(),
            "{what}: table {id} has {} cells, the geometry {}",
            table.len(),
            want.len()
        );
        for (pos, w) in &want {
            assert_eq!(table.get(pos), Some(w), "{what}: table {id} at {pos:?}");
        }
    }
}

// ---- reading the outputs back (until the readers of published reports are there) ----

fn parts(bytes: &[u8]) -> BTreeMap<String, String> {
    let mut zip = zip::ZipArchive::new(Cursor::new(bytes)).unwrap();
    let mut out = BTreeMap::new();
    for i in 0..zip.len() {
        let mut f = zip.by_index(i).unwrap();
        let name = f.name().unwrap().to_string();
        let mut s = String::new();
        f.read_to_string(&mut s).unwrap();
        out.insert(name, s);
    }
    out
}

/// Every table of a docx as a grid with spans (vertical merges resolved), and the text of every
/// paragraph outside tables.
fn read_docx(bytes: &[u8]) -> (Vec<Readback>, Vec<String>) {
    let parts = parts(bytes);
    let xml = &parts["word/document.xml"];
    let mut reader = quick_xml::Reader::from_str(xml);
    let mut tables = Vec::new();
    let mut paragraphs = Vec::new();
    let mut depth_tbl = 0;
    let (mut row, mut col) = (0usize, 0usize);
    let mut cell_span = 1usize;
    let mut vmerge: Option<bool> = None; // Some(true) restart, Some(false) continue
    let mut text = String::new();
    let mut in_t = false;
    let mut table: Readback = BTreeMap::new();
    // Column → the top-left of the cell merging down there.
    let mut open: BTreeMap<usize, (usize, usize)> = BTreeMap::new();
    loop {
        match reader.read_event().unwrap() {
            Event::Start(e) | Event::Empty(e) if e.name().as_ref() == "w:gridSpan" => {
                cell_span = attr(&e, "w:val").parse().unwrap();
            }
            Event::Start(e) | Event::Empty(e) if e.name().as_ref() == "w:vMerge" => {
                vmerge = Some(attr(&e, "w:val") == "restart");
            }
            Event::Start(e) => match e.name().as_ref() {
                "w:tbl" => {
                    depth_tbl += 1;
                    row = 0;
                    table = BTreeMap::new();
                    open.clear();
                }
                "w:tr" => col = 0,
                "w:tc" => {
                    cell_span = 1;
                    vmerge = None;
                    text.clear();
                }
                "w:p" if depth_tbl == 0 => text.clear(),
                "w:t" => in_t = true,
                _ => {}
            },
            Event::Text(t) if in_t => text.push_str(&t.xml10_content()),
            Event::GeneralRef(r) if in_t => text.push_str(match r.xml10_content().as_ref() {
                "amp" => "&",
                "lt" => "<",
                "gt" => ">",
                "quot" => "\"",
                "apos" => "'",
                other => panic!("entity {other}"),
            }),
            Event::End(e) => match e.name().as_ref() {
                "w:t" => in_t = false,
                "w:tc" => {
                    match vmerge {
                        Some(false) => {
                            let top = open[&col];
                            table.get_mut(&top).unwrap().0 += 1;
                        }
                        merge => {
                            table.insert((row, col), (1, cell_span, text.clone()));
                            if merge == Some(true) {
                                open.insert(col, (row, col));
                            }
                        }
                    }
                    col += cell_span;
                }
                "w:tr" => row += 1,
                "w:tbl" => {
                    depth_tbl -= 1;
                    tables.push(std::mem::take(&mut table));
                }
                "w:p" if depth_tbl == 0 => paragraphs.push(text.clone()),
                _ => {}
            },
            Event::Eof => break,
            _ => {}
        }
    }
    (tables, paragraphs)
}

fn attr(e: &quick_xml::events::BytesStart, name: &str) -> String {
    e.attributes()
        .filter_map(Result::ok)
        .find(|a| a.key.as_ref() == name)
        .map(|a| {
            a.normalized_value(quick_xml::XmlVersion::Implicit1_0)
                .unwrap()
                .to_string()
        })
        .unwrap_or_default()
}

/// Every table of the page as a grid with spans, and the text of every heading and paragraph.
fn read_html(page: &str) -> (Vec<Readback>, Vec<String>) {
    let doc = scraper::Html::parse_document(page);
    let sel = |s: &str| scraper::Selector::parse(s).unwrap();
    let mut tables = Vec::new();
    for t in doc.select(&sel("table")) {
        let mut table: Readback = BTreeMap::new();
        let mut taken: BTreeMap<(usize, usize), ()> = BTreeMap::new();
        for (r, tr) in t.select(&sel("tr")).enumerate() {
            let mut c = 0;
            for cell in tr.select(&sel("td, th")) {
                while taken.contains_key(&(r, c)) {
                    c += 1;
                }
                let n = |a: &str| {
                    cell.value()
                        .attr(a)
                        .map_or(1, |v| v.parse::<usize>().unwrap())
                };
                let (rows, cols) = (n("rowspan"), n("colspan"));
                for rr in r..r + rows {
                    for cc in c..c + cols {
                        taken.insert((rr, cc), ());
                    }
                }
                table.insert((r, c), (rows, cols, cell.text().collect()));
                c += cols;
            }
        }
        tables.push(table);
    }
    let paragraphs = doc
        .select(&sel("h1, h2, h3, p"))
        .map(|e| e.text().collect())
        .collect();
    (tables, paragraphs)
}

/// The tables of the text: after each table section's heading (and its narrative), the run of
/// lines with tabs; a field is a cell's top-left when it is not empty. Spans cannot be told from
/// text, so they are taken from where the next non-empty field is not: only the text is compared.
fn read_text(text: &str, report: &Report) -> Vec<BTreeMap<(usize, usize), String>> {
    let mut out = Vec::new();
    let mut current: Option<BTreeMap<(usize, usize), String>> = None;
    let mut row = 0;
    for line in text.lines() {
        if line.contains('\t') {
            let t = current.get_or_insert_with(BTreeMap::new);
            for (c, f) in line.split('\t').enumerate() {
                if !f.is_empty() {
                    t.insert((row, c), f.to_string());
                }
            }
            row += 1;
        } else if let Some(t) = current.take() {
            out.push(t);
            row = 0;
        }
    }
    out.extend(current);
    let _ = report;
    out
}

fn assert_text_tables(report: &Report, text: &str, what: &str) {
    let got = read_text(text, report);
    let exp = expected(report);
    assert_eq!(got.len(), exp.len(), "{what}: number of tables");
    for ((id, items), table) in exp.iter().zip(&got) {
        let want: BTreeMap<(usize, usize), String> = items
            .iter()
            .filter(|(_, t)| !t.is_empty())
            .map(|(s, t)| ((s.row, s.col), t.clone()))
            .collect();
        assert_eq!(table, &want, "{what}: table {id}");
    }
}

/// The title, the six headings and the narrative paragraphs must all be in the outputs.
fn assert_prose(report: &Report, paragraphs: &[String], what: &str) {
    let all = paragraphs.join("\n");
    assert!(all.contains(&report.agency), "{what}: agency");
    if let Some(y) = report.year {
        assert!(
            all.contains(&format!("{y}年{REPORT_TITLE_SUFFIX}")),
            "{what}: year title"
        );
    }
    for (section, text) in report.sections() {
        let heading = format!("{}、{}", section.no, section.heading);
        assert!(paragraphs.contains(&heading), "{what}: heading {heading}");
        for line in text.lines().map(str::trim).filter(|l| !l.is_empty()) {
            assert!(
                paragraphs.iter().any(|p| p == line),
                "{what}: paragraph {line:?}"
            );
        }
    }
}

fn check_all_outputs(report: &Report, what: &str) {
    let docx = write::docx(report).unwrap();
    let (tables, paragraphs) = read_docx(&docx.output);
    assert_tables(report, &tables, &format!("{what} (docx)"));
    assert_prose(report, &paragraphs, &format!("{what} (docx)"));
    let html = write::html(report);
    let (tables, paragraphs) = read_html(&html.output);
    assert_tables(report, &tables, &format!("{what} (html)"));
    let flat: Vec<String> = paragraphs
        .iter()
        .flat_map(|p| p.split('\n').map(str::to_string).collect::<Vec<_>>())
        .collect();
    let mut with_title = flat.clone();
    with_title.push(paragraphs.join(""));
    assert_prose(report, &with_title, &format!("{what} (html)"));
    let text = write::text(report);
    assert_text_tables(report, &text.output, &format!("{what} (text)"));
    let lines: Vec<String> = text.output.lines().map(str::to_string).collect();
    assert_prose(report, &lines, &format!("{what} (text)"));
}

// ---- snapshots ----

#[test]
fn docx_sample_yima_2024() {
    let w = write::docx(&sample::yima_transport_2024()).unwrap();
    assert!(w.notes.is_empty());
    keep("sample_yima_2024.docx", &w.output);
    insta::assert_snapshot!("docx_sample_yima_2024", dump_docx(&w.output).unwrap());
}

#[test]
fn html_sample_yima_2024() {
    let w = write::html(&sample::yima_transport_2024());
    assert!(w.notes.is_empty());
    keep("sample_yima_2024.html", w.output.as_bytes());
    insta::assert_snapshot!("html_sample_yima_2024", w.output);
}

#[test]
fn text_sample_yima_2024() {
    let w = write::text(&sample::yima_transport_2024());
    keep("sample_yima_2024.txt", w.output.as_bytes());
    insta::assert_snapshot!("text_sample_yima_2024", w.output);
}

#[test]
fn markdown_sample_yima_2024() {
    let w = write::markdown(&sample::yima_transport_2024());
    keep("sample_yima_2024.md", w.output.as_bytes());
    insta::assert_snapshot!("markdown_sample_yima_2024", w.output);
}

#[test]
fn docx_edge_cases() {
    let w = write::docx(&edge_cases()).unwrap();
    keep("edge_cases.docx", &w.output);
    insta::assert_snapshot!("docx_edge_cases", dump_docx(&w.output).unwrap());
}

#[test]
fn html_edge_cases() {
    let w = write::html(&edge_cases());
    keep("edge_cases.html", w.output.as_bytes());
    insta::assert_snapshot!("html_edge_cases", w.output);
}

#[test]
fn text_edge_cases() {
    let w = write::text(&edge_cases());
    keep("edge_cases.txt", w.output.as_bytes());
    insta::assert_snapshot!("text_edge_cases", w.output);
}

#[test]
fn markdown_edge_cases() {
    let w = write::markdown(&edge_cases());
    insta::assert_snapshot!("markdown_edge_cases", w.output);
}

// ---- read back ----

#[test]
fn the_sample_reads_back_from_every_output() {
    check_all_outputs(&sample::yima_transport_2024(), "sample");
}

#[test]
fn every_workbook_fixture_reads_back_from_every_output() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/fixtures/workbooks");
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| {
            matches!(
                p.extension().and_then(|e| e.to_str()),
                Some("xlsx" | "xls" | "ods")
            )
        })
        .collect();
    files.sort();
    let mut written = 0;
    for path in &files {
        let opts = zfxxgk_excel::read::ReadOptions::default();
        let Ok(report) = zfxxgk_excel::read::read_path(path, &opts) else {
            continue;
        };
        let name = path.file_name().unwrap().to_string_lossy().to_string();
        check_all_outputs(&report, &name);
        written += 1;
    }
    assert!(written >= 10, "only {written} fixtures were readable");
}

#[test]
fn a_report_without_agency_year_or_text_is_still_a_whole_document() {
    let report = Report::new(zfxxgk_core::Edition::V2021);
    check_all_outputs(&report, "empty");
    let text = write::text(&report).output;
    assert!(text.starts_with(&format!("{REPORT_TITLE_SUFFIX}\n")));
    // Narrative sections say 无。; table sections have their table.
    assert_eq!(text.matches("\n无。\n").count(), 3);
}

#[test]
fn the_2019_edition_is_written_from_its_own_catalog() {
    let mut r = Report::new(zfxxgk_core::Edition::V2019);
    r.agency = "某某县财政局".into();
    r.year = Some(2020);
    check_all_outputs(&r, "2019 edition");
    keep("edition_2019.docx", &write::docx(&r).unwrap().output);
}

// ---- bad input ----

#[test]
fn control_characters_are_dropped_with_notes_and_markup_is_text() {
    let r = edge_cases();
    let docx = write::docx(&r).unwrap();
    let html = write::html(&r);
    let text = write::text(&r);
    let md = write::markdown(&r);
    // The same notes whatever the format.
    assert_eq!(docx.notes, html.notes);
    assert_eq!(docx.notes, text.notes);
    assert_eq!(docx.notes, md.notes);
    let zh: Vec<String> = docx.notes.iter().map(|n| n.message(Lang::Zh)).collect();
    assert_eq!(
        zh,
        [
            "“一、总体情况”部分中有 2 个文档无法容纳的控制字符（U+000C, U+0001），已删去。",
            "“一、总体情况”部分中有 1 个换行符或制表符，已写为空格。",
            "表三“一、本年新收政府信息公开申请数量”行“自然人”列中有 1 个文档无法容纳的控制字符（U+0007），已删去。",
            "表三“二、上年结转政府信息公开申请数量”行“其他”列中有 1 个换行符或制表符，已写为空格。",
        ]
    );
    assert_eq!(
        docx.notes[0].message(Lang::En),
        "2 control character(s) that a document cannot hold (U+000C, U+0001) were dropped from section 一 (Overview)."
    );
    assert!(matches!(docx.notes[0].field, Field::Section(s) if s.id == "overview"));
    assert_eq!(
        docx.notes[0].change,
        Change::Dropped {
            count: 2,
            chars: vec!['\u{c}', '\u{1}']
        }
    );
    // Every part is well-formed XML without a forbidden character.
    for (name, xml) in parts(&docx.output) {
        assert!(!xml.chars().any(forbidden), "{name}");
        let mut reader = quick_xml::Reader::from_str(&xml);
        while !matches!(reader.read_event().unwrap(), Event::Eof) {}
    }
    for out in [&html.output, &text.output, &md.output] {
        assert!(!out.chars().any(forbidden));
    }
    // Markup in the report is text: no element, no script, no link made from it.
    assert!(!html.output.contains("<b>"));
    assert!(html.output.contains("&lt;b&gt;5&lt;/b&gt;"));
    assert!(
        html.output
            .contains("某某县&lt;数据&gt;管理局 &amp; 办公室")
    );
    assert!(!html.output.to_lowercase().contains("<script"));
    assert!(!html.output.contains("<a "));
    assert!(md.output.contains("\\<b\\>5\\</b\\>"));
    assert!(md.output.contains("\\[链接\\](javascript:alert(1))"));
    assert!(md.output.contains("\n\\- 一是加强领导"));
}

fn forbidden(c: char) -> bool {
    (c < ' ' && !matches!(c, '\t' | '\n' | '\r')) || ('\u{7f}'..='\u{9f}').contains(&c)
}

#[test]
fn a_paragraph_of_100000_characters_is_written_whole() {
    let mut r = sample::yima_transport_2024();
    let long: String = "政府信息公开工作稳步推进。"
        .chars()
        .cycle()
        .take(100_000)
        .collect();
    r.set_section("problems", format!("{long}\n下一段。"));
    let docx = write::docx(&r).unwrap();
    let (_, paragraphs) = read_docx(&docx.output);
    assert!(paragraphs.contains(&long));
    assert!(paragraphs.iter().any(|p| p == "下一段。"));
    assert!(write::html(&r).output.contains(&format!(">{long}</p>")));
    assert!(write::text(&r).output.contains(&format!("\n{long}\n")));
    assert!(write::markdown(&r).output.contains(&format!("\n{long}\n")));
    // The dump shortens it, and says how long it is.
    assert!(
        dump_docx(&docx.output)
            .unwrap()
            .contains("…[100000 characters]…")
    );
}

#[test]
fn the_same_report_gives_the_same_bytes() {
    let r = edge_cases();
    assert_eq!(
        write::docx(&r).unwrap().output,
        write::docx(&r).unwrap().output
    );
    assert_eq!(write::html(&r), write::html(&r));
}

#[test]
fn values_are_written_as_given() {
    let r = edge_cases();
    let (tables, _) = read_docx(&write::docx(&r).unwrap().output);
    let layout = r.layout();
    let find = |table: usize, id: &str| -> String {
        let t = &layout.tables[table];
        let g = table_grid(layout, t);
        let (span, _) = g
            .items
            .iter()
            .find(|(_, i)| matches!(i, Item::Value(c) if c.id == id))
            .unwrap();
        tables[table][&(span.row, span.col)].2.clone()
    };
    assert_eq!(find(0, "disclosure.regulations.issued"), "");
    assert_eq!(find(0, "disclosure.regulations.repealed"), "/");
    assert_eq!(find(0, "disclosure.regulations.in_force"), "—");
    assert_eq!(find(0, "disclosure.fees.amount"), "0.35");
    assert_eq!(find(0, "disclosure.licensing.decisions"), "1234567");
    assert_eq!(find(1, "applications.new.natural_person"), "12件");
    assert_eq!(find(1, "applications.carried_over.other_org"), "见 说明");
    assert_eq!(find(2, "appeals.review.upheld"), "/");
    // A fee with trailing zeros as given keeps them.
    let mut r = sample::yima_transport_2024();
    r.set_by_id(
        "disclosure.fees.amount",
        CellValue::Number(Decimal::new(1250, 2)),
    );
    assert!(
        write::text(&r)
            .output
            .contains("\n行政事业性收费\t12.50\t\t\n")
    );
}

#[test]
fn the_layout_follows_gb_t_9704() {
    let w = write::docx(&sample::yima_transport_2024()).unwrap();
    let dump = dump_docx(&w.output).unwrap();
    for needle in [
        "page 11906 (210.0 mm) × 16838 (297.0 mm)",
        "margin top 2098 (37.0 mm)",
        "margin bottom 1984 (35.0 mm)",
        "margin left 1587 (28.0 mm)",
        "margin right 1474 (26.0 mm)",
        "{PAGE}",
        "evenAndOddHeaders",
    ] {
        assert!(dump.contains(needle), "{needle}");
    }
    // Every run names its East Asian font.
    let parts = parts(&w.output);
    let doc = &parts["word/document.xml"];
    assert_eq!(
        doc.matches("<w:r>").count(),
        doc.matches("<w:r><w:rPr><w:rFonts ").count()
    );
    for part in ["word/document.xml", "word/styles.xml", "word/footer1.xml"] {
        for tag in parts[part].split("<w:rFonts ").skip(1) {
            let tag = &tag[..tag.find("/>").unwrap()];
            assert!(tag.contains("w:eastAsia=\""), "{part}: {tag}");
        }
    }
    // Header rows of tables 三 and 四 repeat on each page; every table grid fills the text width.
    assert_eq!(doc.matches("<w:tblHeader/>").count(), 3 + 3);
    for t in dump.lines().filter(|l| l.trim_start().starts_with("grid ")) {
        assert!(t.ends_with("= 8845"), "{t}");
    }
}

// ---- round trips through the readers of published reports ----

/// What a round trip must keep: edition, agency, year, every value with its state, and the text
/// of the six sections (as paragraphs: the writer sets one paragraph per line). Every difference
/// is listed.
fn differences(written: &Report, read: &Report, what: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut same = |ok: bool, detail: String| {
        if !ok {
            out.push(format!("{what}: {detail}"));
        }
    };
    same(
        read.edition == written.edition,
        format!("edition {:?} ≠ {:?}", read.edition, written.edition),
    );
    same(
        read.agency == written.agency,
        format!("agency {:?} ≠ {:?}", read.agency, written.agency),
    );
    same(
        read.year == written.year,
        format!("year {:?} ≠ {:?}", read.year, written.year),
    );
    for ((cell, w), (_, r)) in written.cells().zip(read.cells()) {
        same(r == w, format!("{} read {r:?}, written {w:?}", cell.id));
    }
    let paras = |s: &str| -> Vec<String> {
        s.lines()
            .map(str::trim)
            .filter(|l| !l.is_empty())
            .map(str::to_string)
            .collect()
    };
    for ((section, w), (_, r)) in written.sections().zip(read.sections()) {
        let want = paras(w);
        // A narrative section without text is written as 无。
        let want = if want.is_empty() && section.table.is_none() {
            vec!["无。".to_string()]
        } else {
            want
        };
        same(
            paras(r) == want,
            format!(
                "section {} read {:?}, written {want:?}",
                section.id,
                paras(r)
            ),
        );
    }
    out
}

fn round_trip(report: &Report, what: &str) -> Vec<String> {
    use zfxxgk_doc::read::{Limits, docx, html, text};
    let limits = Limits::default();
    let mut out = Vec::new();
    let mut check =
        |doc: zfxxgk_core::grid::Document, kind: &str| match zfxxgk_core::import::read_document(
            &doc,
        ) {
            Ok(read) => out.extend(differences(report, &read, &format!("{what} ({kind})"))),
            Err(e) => out.push(format!("{what} ({kind}): {}", e.message(Lang::En))),
        };
    let bytes = write::docx(report).unwrap().output;
    check(docx::read(&bytes, &limits).unwrap(), "docx");
    let page = write::html(report).output;
    check(html::read(page.as_bytes(), &limits).unwrap(), "html");
    let txt = write::text(report).output;
    check(text::read(txt.as_bytes(), &limits).unwrap(), "text");
    out
}

#[test]
fn the_sample_round_trips_through_docx_html_and_text() {
    let diffs = round_trip(&sample::yima_transport_2024(), "sample");
    assert!(diffs.is_empty(), "{}", diffs.join("\n"));
}

#[test]
fn every_workbook_fixture_round_trips_through_docx_html_and_text() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/fixtures/workbooks");
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| {
            matches!(
                p.extension().and_then(|e| e.to_str()),
                Some("xlsx" | "xls" | "ods")
            )
        })
        .collect();
    files.sort();
    let mut done = 0;
    let mut diffs = Vec::new();
    for path in &files {
        let opts = zfxxgk_excel::read::ReadOptions::default();
        let Ok(report) = zfxxgk_excel::read::read_path(path, &opts) else {
            continue;
        };
        diffs.extend(round_trip(
            &report,
            &path.file_name().unwrap().to_string_lossy(),
        ));
        done += 1;
    }
    assert!(done >= 10, "only {done} fixtures were readable");
    assert!(diffs.is_empty(), "{diffs:#?}");
}

#[test]
fn a_hard_report_round_trips_through_docx_html_and_text() {
    let diffs = round_trip(&hard_but_exact(), "hard");
    assert!(diffs.is_empty(), "{}", diffs.join("\n"));
}
