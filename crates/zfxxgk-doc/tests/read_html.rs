//! The web page reader: the shared Word-as-web-page examples and the pages of
//! tests/fixtures/published/html (made by its `make.py`) import with exactly the values of their
//! expected CSV, in every encoding and wrapping a page arrives in; what the reader makes of
//! markup (spans, nested layout tables, the article among the site's furniture), case by case;
//! every bad input refused with its message, never a panic.

mod support;
use support::expected;

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use zfxxgk_core::grid::{Document, DocumentKind};
use zfxxgk_core::import::read_document;
use zfxxgk_core::rules::Severity;
use zfxxgk_core::{CellValue, CheckOptions, Lang, Location, check};
use zfxxgk_doc::read::Limits;
use zfxxgk_doc::read::html::{self, HtmlError};

fn published() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/fixtures/published")
}

fn bytes(path: &Path) -> Vec<u8> {
    std::fs::read(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn fixture(name: &str) -> Vec<u8> {
    bytes(&published().join("html").join(name))
}

fn read(bytes: &[u8]) -> Document {
    html::read(bytes, &Limits::default()).unwrap_or_else(|e| panic!("{}", e.message(Lang::En)))
}

fn read_str(page: &str) -> Document {
    read(page.as_bytes())
}

// ---------------------------------------------------------------------------------------------
// End to end: every value of every page

/// Text of the site around the article that must never reach the report.
const FURNITURE: &[&str] = &[
    "当前位置",
    "您现在的位置",
    "版权所有",
    "主办",
    "分享到",
    "打印",
    "网站首页",
    "相关链接",
    "访问统计",
    "ICP",
    "信息公开目录",
];

/// Reads and imports a page; lists every difference from its expected rows.
fn compare(name: &str, page: &[u8], rows: &[support::Row]) -> Vec<String> {
    let doc = match html::read(page, &Limits::default()) {
        Ok(d) => d,
        Err(e) => return vec![format!("{name}: {}", e.message(Lang::En))],
    };
    let report = match read_document(&doc) {
        Ok(r) => r,
        Err(e) => return vec![format!("{name}: {}", e.message(Lang::En))],
    };
    let mut problems = support::differences(name, &report, rows);
    // Every value read from a table cell of the page, with its place.
    for (cell, value) in report.cells() {
        if *value == CellValue::Blank {
            continue;
        }
        match report.origin(cell) {
            Some(Location::TableCell { table, row, col })
                if *table >= 1 && *row >= 1 && *col >= 1 => {}
            other => problems.push(format!("{name}: {} comes from {other:?}", cell.id)),
        }
    }
    for issue in &report.issues {
        if issue.severity == Severity::Error || report.uncertain() {
            problems.push(format!("{name}: import issue {}: {}", issue.code, issue.en));
        }
    }
    for finding in check(&report, &CheckOptions::default()) {
        if finding.severity == Severity::Error {
            problems.push(format!("{name}: {}", finding.message(Lang::En)));
        }
    }
    for (section, text) in report.sections() {
        if text.trim().is_empty()
            && !matches!(section.id, "disclosure" | "applications" | "appeals")
        {
            problems.push(format!("{name}: section {} is empty", section.id));
        }
        for f in FURNITURE {
            if text.contains(f) {
                problems.push(format!(
                    "{name}: section {} holds the site's {f:?}",
                    section.id
                ));
            }
        }
    }
    problems
}

/// How a case's page is made from its file.
#[derive(Debug, Clone, Copy)]
enum Wrap {
    AsIs,
    /// UTF-16LE with a byte order mark (the file's own encoding is UTF-8).
    Utf16Le,
    /// UTF-16BE with a byte order mark.
    Utf16Be,
    /// A UTF-8 BOM in front, while the page's `<meta>` still declares GBK: the BOM wins.
    Utf8BomOverGbkMeta,
    /// UTF-8 content declared GBK (a CMS moved to UTF-8 and kept its header).
    Utf8DeclaredGbk,
    /// The page as the base64 `text/html` part of an MHTML file.
    MhtBase64,
    /// The page as the quoted-printable part of a browser's MHTML, with folded headers.
    MhtQuotedPrintable,
}

fn utf8_to_gbk_meta(page: &str) -> String {
    page.replacen("charset=\"utf-8\"", "charset=\"gbk\"", 1)
        .replacen("<meta charset=\"utf-8\">", "<meta charset=\"gbk\">", 1)
        .replacen("<meta charset=\"UTF-8\">", "<meta charset=\"gbk\">", 1)
        .replacen("charset=utf-8", "charset=gbk", 1)
}

fn base64(data: &[u8]) -> String {
    const A: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::new();
    for (i, chunk) in data.chunks(3).enumerate() {
        if i > 0 && i % 19 == 0 {
            out.push_str("\r\n");
        }
        let b = [
            chunk[0],
            *chunk.get(1).unwrap_or(&0),
            *chunk.get(2).unwrap_or(&0),
        ];
        let n = (u32::from(b[0]) << 16) | (u32::from(b[1]) << 8) | u32::from(b[2]);
        for k in 0..4 {
            if k <= chunk.len() {
                out.push(A[(n >> (18 - 6 * k) & 63) as usize] as char);
            } else {
                out.push('=');
            }
        }
    }
    out
}

fn quoted_printable(data: &[u8]) -> String {
    let mut out = String::new();
    let mut col = 0;
    for &b in data {
        let piece = match b {
            b'\n' => {
                out.push_str("\r\n");
                col = 0;
                continue;
            }
            b'\r' => continue,
            b'=' | 0x80..=0xFF => format!("={b:02X}"),
            _ => (b as char).to_string(),
        };
        if col + piece.len() > 75 {
            out.push_str("=\r\n");
            col = 0;
        }
        col += piece.len();
        out.push_str(&piece);
    }
    out
}

fn wrap(page: Vec<u8>, how: Wrap) -> Vec<u8> {
    let text = || String::from_utf8(page.clone()).expect("a UTF-8 fixture");
    match how {
        Wrap::AsIs => page,
        Wrap::Utf16Le => {
            let mut out = vec![0xFF, 0xFE];
            out.extend(text().encode_utf16().flat_map(u16::to_le_bytes));
            out
        }
        Wrap::Utf16Be => {
            let mut out = vec![0xFE, 0xFF];
            out.extend(text().encode_utf16().flat_map(u16::to_be_bytes));
            out
        }
        Wrap::Utf8BomOverGbkMeta => {
            let mut out = vec![0xEF, 0xBB, 0xBF];
            out.extend(utf8_to_gbk_meta(&text()).into_bytes());
            out
        }
        Wrap::Utf8DeclaredGbk => utf8_to_gbk_meta(&text()).into_bytes(),
        Wrap::MhtBase64 => format!(
            "MIME-Version: 1.0\r\nContent-Type: multipart/related; boundary=\"b1\"\r\n\r\n--b1\r\nContent-Type: text/html; charset=\"utf-8\"\r\nContent-Transfer-Encoding: base64\r\nContent-Location: http://www.example.gov.cn/a.html\r\n\r\n{}\r\n--b1--\r\n",
            base64(&page)
        )
        .into_bytes(),
        Wrap::MhtQuotedPrintable => format!(
            "From: <Saved by Blink>\r\nSnapshot-Content-Location: http://www.example.gov.cn/a.html\r\nSubject: report\r\nMIME-Version: 1.0\r\nContent-Type: multipart/related;\r\n\ttype=\"text/html\";\r\n\tboundary=\"----MultipartBoundary--abc----\"\r\n\r\n\r\n------MultipartBoundary--abc----\r\nContent-Type: text/html\r\nContent-ID: <frame-1@mhtml.blink>\r\nContent-Transfer-Encoding: quoted-printable\r\nContent-Location: http://www.example.gov.cn/a.html\r\n\r\n{}\r\n------MultipartBoundary--abc----\r\nContent-Type: text/css\r\nContent-Transfer-Encoding: quoted-printable\r\n\r\np {{ margin: 0; }}\r\n------MultipartBoundary--abc------\r\n",
            quoted_printable(&page)
        )
        .into_bytes(),
    }
}

/// (page file under tests/fixtures/published, expected CSV there, how the page is wrapped).
const REPORTS: &[(&str, &str, Wrap)] = &[
    (
        "shared/某某县市场监督管理局2023年政府信息公开工作年度报告（Word另存为网页）.htm",
        "shared/expected.csv",
        Wrap::AsIs,
    ),
    (
        "shared/某某市某某区人民政府办公室2024年政府信息公开工作年度报告（Word另存为网页）.htm",
        "shared/expected.csv",
        Wrap::AsIs,
    ),
    ("html/trs-cms.html", "html/trs-cms.expected.csv", Wrap::AsIs),
    (
        "html/zoom-layout-gbk.htm",
        "html/zoom-layout-gbk.expected.csv",
        Wrap::AsIs,
    ),
    (
        "html/ucap-undeclared-gb18030.html",
        "html/ucap-undeclared-gb18030.expected.csv",
        Wrap::AsIs,
    ),
    (
        "html/edition-2019.html",
        "html/edition-2019.expected.csv",
        Wrap::AsIs,
    ),
    (
        "html/no-container.html",
        "html/no-container.expected.csv",
        Wrap::AsIs,
    ),
    (
        "html/word-single-file.mht",
        "html/word-single-file.expected.csv",
        Wrap::AsIs,
    ),
    (
        "html/no-container.html",
        "html/no-container.expected.csv",
        Wrap::Utf16Le,
    ),
    (
        "html/edition-2019.html",
        "html/edition-2019.expected.csv",
        Wrap::Utf16Be,
    ),
    (
        "html/trs-cms.html",
        "html/trs-cms.expected.csv",
        Wrap::Utf8BomOverGbkMeta,
    ),
    (
        "html/trs-cms.html",
        "html/trs-cms.expected.csv",
        Wrap::Utf8DeclaredGbk,
    ),
    (
        "html/edition-2019.html",
        "html/edition-2019.expected.csv",
        Wrap::MhtBase64,
    ),
    (
        "html/no-container.html",
        "html/no-container.expected.csv",
        Wrap::MhtQuotedPrintable,
    ),
];

#[test]
fn every_page_imports_exactly() {
    let dir = published();
    let mut problems = Vec::new();
    for &(file, csv, how) in REPORTS {
        let name = format!("{file} ({how:?})");
        let file_name = Path::new(file)
            .file_name()
            .map(|n| n.to_string_lossy().to_string())
            .unwrap_or_default();
        let rows: Vec<_> = expected(&dir.join(csv))
            .into_iter()
            .filter(|(agency, year, _, _)| {
                !csv.starts_with("shared/") || file_name.starts_with(&format!("{agency}{year}"))
            })
            .collect();
        assert!(rows.len() >= 198, "{name}: {} expected rows", rows.len());
        problems.extend(compare(&name, &wrap(bytes(&dir.join(file)), how), &rows));
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn every_fixture_with_expected_values_is_a_case() {
    let dir = published().join("html");
    let mut entries: Vec<_> = std::fs::read_dir(&dir).unwrap().flatten().collect();
    entries.sort_by_key(|e| e.file_name());
    for entry in entries {
        let name = entry.file_name().to_string_lossy().to_string();
        if let Some(stem) = name.strip_suffix(".expected.csv") {
            assert!(
                REPORTS.iter().any(|(file, _, _)| file
                    .strip_prefix("html/")
                    .is_some_and(|f| f.starts_with(&format!("{stem}.")))),
                "{name} has no case in REPORTS"
            );
        }
    }
}

// ---------------------------------------------------------------------------------------------
// What the reader makes of the fixtures

/// What a page's document must look like.
struct Shape {
    file: &'static str,
    title: Option<&'static str>,
    publisher: Option<&'static str>,
    grids: usize,
    /// Lines that must be there, in this order.
    lines: &'static [&'static str],
}

const SHAPES: &[Shape] = &[
    Shape {
        file: "trs-cms.html",
        title: Some("某某市某某区卫生健康委员会2023年政府信息公开工作年度报告"),
        publisher: Some("某某市某某区卫生健康委员会"),
        grids: 3,
        lines: &[
            "本报告依据",
            "一、总体情况",
            "二、主动公开政府信息情况",
            "六、其他需要报告的事项",
        ],
    },
    Shape {
        file: "zoom-layout-gbk.htm",
        title: Some("某某县人力资源和社会保障局2022年政府信息公开工作年度报告"),
        publisher: None,
        grids: 3,
        // One paragraph of <br>-separated lines: a line each.
        lines: &[
            "某某县人力资源和社会保障局2022年政府信息公开工作年度报告",
            "本报告根据",
            "一、总体情况",
            "2022年，某某县人力资源和社会保障局坚持",
            "（一）主动公开",
        ],
    },
    Shape {
        file: "ucap-undeclared-gb18030.html",
        title: Some("某某市自然资源和规划局2024年政府信息公开工作年度报告"),
        publisher: None,
        grids: 3,
        lines: &[
            "本报告依据",
            "一、总体情况",
            "五、存在的主要问题及改进情况",
            "本机关政府信息公开工作联系人：刘䶮，地址：某某市𠀾村路1号。",
        ],
    },
    Shape {
        file: "edition-2019.html",
        title: Some("某某县交通运输局2019年政府信息公开工作年度报告"),
        publisher: None,
        grids: 3,
        lines: &[
            "某某县交通运输局2019年政府信息公开工作年度报告",
            "五、政府信息公开工作存在的主要问题及改进情况",
        ],
    },
    Shape {
        file: "no-container.html",
        title: Some("某某县某某镇人民政府2021年政府信息公开工作年度报告"),
        publisher: None,
        grids: 3,
        lines: &["本报告依据", "一、总体情况", "六、其他需要报告的事项"],
    },
    Shape {
        file: "word-single-file.mht",
        title: Some("某某县农业农村局2023年政府信息公开工作年度报告"),
        publisher: None,
        grids: 3,
        lines: &[
            "某某县农业农村局2023年政府信息公开工作年度报告",
            "一、总体情况",
        ],
    },
    Shape {
        file: "news.html",
        title: Some("我县召开2024年政务公开工作推进会"),
        publisher: Some("某某县人民政府办公室"),
        grids: 0,
        lines: &["3月12日，我县召开2024年政务公开工作推进会"],
    },
];

#[test]
fn fixtures_read_into_their_shape() {
    let mut problems = Vec::new();
    for shape in SHAPES {
        let doc = read(&fixture(shape.file));
        let name = shape.file;
        if doc.kind != DocumentKind::Html {
            problems.push(format!("{name}: kind {:?}", doc.kind));
        }
        if doc.title.as_deref() != shape.title {
            problems.push(format!("{name}: title {:?}", doc.title));
        }
        if doc.publisher.as_deref() != shape.publisher {
            problems.push(format!("{name}: publisher {:?}", doc.publisher));
        }
        if doc.grids.len() != shape.grids {
            problems.push(format!("{name}: {} grids", doc.grids.len()));
        }
        for (i, grid) in doc.grids.iter().enumerate() {
            if grid.name != format!("表格 {}", i + 1) {
                problems.push(format!("{name}: grid named {}", grid.name));
            }
        }
        let mut at = 0;
        for want in shape.lines {
            match doc.lines[at..]
                .iter()
                .position(|l| l.text.starts_with(want))
            {
                Some(p) => at += p + 1,
                None => problems.push(format!("{name}: no line {want:?} (in order)")),
            }
        }
        for (i, line) in doc.lines.iter().enumerate() {
            if line.location != Location::Paragraph(i as u32 + 1) {
                problems.push(format!("{name}: line {i} at {:?}", line.location));
            }
            if line.text.is_empty() || line.text != line.text.trim() || line.text.contains('\n') {
                problems.push(format!("{name}: line {:?}", line.text));
            }
            for f in FURNITURE
                .iter()
                .chain(&["首页", "document.write", "_hmt", "很抱歉"])
            {
                if line.text.contains(f) {
                    problems.push(format!("{name}: site furniture in line {:?}", line.text));
                }
            }
        }
        if !doc.issues.is_empty() {
            problems.push(format!("{name}: issues {:?}", doc.issues));
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

fn cell(doc: &Document, grid: usize, row: u32, col: u32) -> (&str, u32, u32) {
    let c = doc.grids[grid]
        .get(row, col)
        .unwrap_or_else(|| panic!("no cell at {row},{col} of grid {grid}"));
    (c.as_text().unwrap_or_default(), c.rows, c.cols)
}

#[test]
fn merged_cells_are_stored_once_at_their_top_left_with_their_spans() {
    let doc = read(&fixture("trs-cms.html"));
    let t3 = 1;
    let (note, rows, cols) = cell(&doc, t3, 0, 0);
    assert!(note.starts_with("（本列数据的勾稽关系为"), "{note}");
    assert_eq!((rows, cols), (3, 3));
    assert_eq!(cell(&doc, t3, 0, 3), ("申请人情况", 1, 7));
    assert_eq!(cell(&doc, t3, 1, 3), ("自然人", 2, 1));
    assert_eq!(cell(&doc, t3, 1, 4), ("法人或其他组织", 1, 5));
    assert_eq!(cell(&doc, t3, 1, 9), ("总计", 2, 1));
    assert_eq!(cell(&doc, t3, 2, 4), ("商业企业", 1, 1));
    assert_eq!(cell(&doc, t3, 2, 8), ("其他", 1, 1));
    assert_eq!(
        cell(&doc, t3, 3, 0),
        ("一、本年新收政府信息公开申请数量", 1, 3)
    );
    assert_eq!(cell(&doc, t3, 5, 0), ("三、本年度办理结果", 22, 1));
    assert_eq!(cell(&doc, t3, 5, 1), ("（一）予以公开", 1, 2));
    assert_eq!(cell(&doc, t3, 7, 1), ("（三）不予公开", 8, 1));
    assert_eq!(cell(&doc, t3, 7, 2), ("1.属于国家秘密", 1, 1));
    // Below a rowspan the row's first cell goes to the first free column.
    assert_eq!(cell(&doc, t3, 8, 2), ("2.其他法律行政法规禁止公开", 1, 1));
    assert_eq!(cell(&doc, t3, 27, 0), ("四、结转下年度继续办理", 1, 3));
    let located = doc.grids[t3].get(8, 2).and_then(|c| c.location.clone());
    assert_eq!(
        located,
        Some(Location::TableCell {
            table: 2,
            row: 9,
            col: 3
        })
    );
    // Blank (&nbsp;) cells are not stored; table 四's header row of ten labels sits under the
    // two rowspans.
    let t4 = 2;
    assert_eq!(cell(&doc, t4, 0, 5), ("行政诉讼", 1, 10));
    assert_eq!(cell(&doc, t4, 1, 0), ("结果维持", 2, 1));
    assert_eq!(cell(&doc, t4, 1, 10), ("复议后起诉", 1, 5));
    assert_eq!(cell(&doc, t4, 2, 5), ("结果维持", 1, 1));
    assert_eq!(cell(&doc, t4, 2, 14), ("总计", 1, 1));
    let blanks = (10..15)
        .filter(|&c| doc.grids[t4].get(3, c).is_none())
        .count();
    assert!(blanks > 0, "the blank appeals cells of trs-cms.html");
}

#[test]
fn cell_text_keeps_line_breaks_and_printed_numbers() {
    let doc = read(&fixture("zoom-layout-gbk.htm"));
    // Header labels broken by <br> in the cell.
    assert_eq!(cell(&doc, 1, 2, 4).0, "商业\n企业");
    assert_eq!(cell(&doc, 1, 2, 6).0, "社会公益\n组织");
    // The corner is blank; numbers as printed (the importer reads them).
    assert!(doc.grids[1].get(0, 0).is_none());
    assert_eq!(cell(&doc, 0, 2, 1).0, "/");
    let licensing = cell(&doc, 0, 6, 1);
    assert!(licensing.0.contains(','), "{licensing:?}");
    assert_eq!(licensing.2, 3);
}

// ---------------------------------------------------------------------------------------------
// Markup, case by case

/// A page with the given body in an article container.
fn page(body: &str) -> String {
    format!(
        "<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>t</title></head><body><div class=\"nav\"><a href=\"/\">首页</a></div><div class=\"TRS_Editor\">{body}</div><div class=\"footer\">版权所有</div></body></html>"
    )
}

/// Every stored cell of a page's first grid: (row, col, rows, cols, text).
fn cells(doc: &Document) -> Vec<(u32, u32, u32, u32, String)> {
    doc.grids[0]
        .cells
        .iter()
        .map(|c| {
            (
                c.row,
                c.col,
                c.rows,
                c.cols,
                c.as_text().unwrap_or_default().to_string(),
            )
        })
        .collect()
}

fn lines(doc: &Document) -> Vec<&str> {
    doc.lines.iter().map(|l| l.text.as_str()).collect()
}

#[test]
fn spans_are_placed_as_browsers_place_them() {
    type Placed = &'static [(u32, u32, u32, u32, &'static str)];
    let cases: &[(&str, Placed)] = &[
        // A rowspan reaching into the next row pushes its cells right.
        (
            "<tr><td rowspan=2>a</td><td>b</td></tr><tr><td>c</td></tr>",
            &[(0, 0, 2, 1, "a"), (0, 1, 1, 1, "b"), (1, 1, 1, 1, "c")],
        ),
        // A rowspan in the middle: the next row's cells skip the occupied column.
        (
            "<tr><td>a</td><td rowspan=2>b</td><td>c</td></tr><tr><td>d</td><td>e</td></tr>",
            &[
                (0, 0, 1, 1, "a"),
                (0, 1, 2, 1, "b"),
                (0, 2, 1, 1, "c"),
                (1, 0, 1, 1, "d"),
                (1, 2, 1, 1, "e"),
            ],
        ),
        // colspan and rowspan together.
        (
            "<tr><td colspan=2 rowspan=2>a</td><td>b</td></tr><tr><td>c</td></tr><tr><td>d</td><td>e</td><td>f</td></tr>",
            &[
                (0, 0, 2, 2, "a"),
                (0, 2, 1, 1, "b"),
                (1, 2, 1, 1, "c"),
                (2, 0, 1, 1, "d"),
                (2, 1, 1, 1, "e"),
                (2, 2, 1, 1, "f"),
            ],
        ),
        // rowspan=0 reaches the last row; a rowspan past the end is cut there; bad spans are 1.
        (
            "<tr><td rowspan=0>a</td><td rowspan=9>b</td><td colspan=x>c</td></tr><tr><td colspan=0>d</td></tr>",
            &[
                (0, 0, 2, 1, "a"),
                (0, 1, 2, 1, "b"),
                (0, 2, 1, 1, "c"),
                (1, 2, 1, 1, "d"),
            ],
        ),
        // thead rows come first, tfoot rows last; th and td alike; empty cells are not stored.
        (
            "<tfoot><tr><td>f</td><td>g</td></tr></tfoot><thead><tr><th>h</th><th>&nbsp;</th></tr></thead><tbody><tr><td>b</td><td> </td></tr></tbody>",
            &[
                (0, 0, 1, 1, "h"),
                (1, 0, 1, 1, "b"),
                (2, 0, 1, 1, "f"),
                (2, 1, 1, 1, "g"),
            ],
        ),
        // <p>, <br>, <div> are lines; <span> and inline elements run on; spaces collapse.
        (
            "<tr><td><p><span>商业</span></p><p>企业</p></td><td>1<span>2</span>3</td></tr><tr><td>a<br>b&nbsp;&nbsp; c</td><td><div>x</div><div>  y  </div></td></tr>",
            &[
                (0, 0, 1, 1, "商业\n企业"),
                (0, 1, 1, 1, "123"),
                (1, 0, 1, 1, "a\nb c"),
                (1, 1, 1, 1, "x\ny"),
            ],
        ),
    ];
    for (rows, want) in cases {
        let doc = read_str(&page(&format!("<table>{rows}</table>")));
        let want: Vec<_> = want
            .iter()
            .map(|&(r, c, rs, cs, t)| (r, c, rs, cs, t.to_string()))
            .collect();
        assert_eq!(cells(&doc), want, "{rows}");
    }
}

#[test]
fn layout_tables_are_text_and_only_innermost_tables_are_grids() {
    let doc = read_str(&page(
        "<table><tr><td><p>标题</p><table><tr><td>规章</td><td>1</td></tr></table><p>尾</p></td><td>旁注</td></tr></table><table><tr><td><p>只有一格的表格是排版</p></td></tr></table>",
    ));
    assert_eq!(doc.grids.len(), 1);
    assert_eq!(cells(&doc).len(), 2);
    assert_eq!(lines(&doc), ["标题", "尾", "旁注", "只有一格的表格是排版"]);
}

#[test]
fn running_text_is_one_line_per_paragraph_in_reading_order() {
    let cases: &[(&str, &[&str])] = &[
        (
            "<p>一、总体情况</p><p>正文<b>加粗</b>续</p>",
            &["一、总体情况", "正文加粗续"],
        ),
        (
            "<p>第一行<br>第二行<br/><br>第三行</p>",
            &["第一行", "第二行", "第三行"],
        ),
        (
            "<div>甲<div>乙</div>丙</div><h2>丁</h2>",
            &["甲", "乙", "丙", "丁"],
        ),
        // Full-width and non-breaking spaces indent; trimmed.
        ("<p>\u{3000}\u{3000}缩进&nbsp;&nbsp;</p>", &["缩进"]),
        // A source line break between Chinese characters is no space; between others it is.
        (
            "<p>政府信息\n公开 申请\r\n数量 1\n条 a\nb</p>",
            &["政府信息公开 申请数量 1 条 a b"],
        ),
        // Scripts, styles, hidden and form elements never reach the text.
        (
            "<p>见<script>var x='脚本';</script><style>p{}</style><span style=\"display: none\">隐藏</span><select><option>选项</option></select>正文</p>",
            &["见正文"],
        ),
        // A table's caption is a line before it.
        (
            "<p>前</p><table><caption>表一</caption><tr><td>a</td><td>1</td></tr></table><p>后</p>",
            &["前", "表一", "后"],
        ),
    ];
    for (body, want) in cases {
        let doc = read_str(&page(body));
        assert_eq!(lines(&doc), *want, "{body}");
    }
}

#[test]
fn the_article_is_found_among_the_sites_furniture() {
    let report_table =
        "<table><tr><td>规章</td><td>1</td></tr><tr><td>行政许可</td><td>2</td></tr></table>";
    let text = "<p>本机关严格按照条例要求做好政府信息公开工作，主动公开各类信息，规范办理依申请公开，加强平台建设和监督保障，各项工作有序推进，取得较好成效。</p>".repeat(3);
    let cases: &[(&str, &str)] = &[
        ("<div class=\"TRS_Editor\">", "</div>"),
        ("<div id=\"zoom\">", "</div>"),
        ("<div class=\"article-content\">", "</div>"),
        ("<div id=\"UCAP-CONTENT\">", "</div>"),
        ("<div class=\"pages_content\">", "</div>"),
        ("<div id=\"content\">", "</div>"),
        ("<article>", "</article>"),
        ("<div class=\"WordSection1\">", "</div>"),
        ("<div class=\"Section1\">", "</div>"),
        // No known container: the element holding the tables and most of the text.
        ("<div class=\"zw\"><div class=\"con\">", "</div></div>"),
    ];
    for (open, close) in cases {
        let html = format!(
            "<html><head><meta charset=\"utf-8\"></head><body><div class=\"nav\"><ul><li><a href=\"/\">首页</a></li><li><a>政务公开</a></li></ul></div><div class=\"left\"><table><tr><td><a>公开指南</a></td></tr><tr><td><a>公开年报</a></td></tr></table></div><div class=\"main\"><h1>某局2023年政府信息公开工作年度报告</h1>{open}<p>一、总体情况</p>{text}{report_table}<p>六、其他需要报告的事项</p>{close}</div><div class=\"footer\"><p>版权所有：某某县人民政府</p><p>网站标识码 123</p></div></body></html>"
        );
        let doc = read_str(&html);
        assert_eq!(doc.grids.len(), 1, "{open}");
        let l = lines(&doc);
        assert!(
            l.contains(&"一、总体情况") && l.contains(&"六、其他需要报告的事项"),
            "{open}: {l:?}"
        );
        for f in ["首页", "政务公开", "公开指南", "版权所有", "网站标识码"] {
            assert!(!l.iter().any(|x| x.contains(f)), "{open}: {f} in {l:?}");
        }
    }
}

#[test]
fn a_container_without_the_tables_is_not_the_article() {
    let table =
        "<table><tr><td>规章</td><td>1</td></tr><tr><td>行政许可</td><td>2</td></tr></table>";
    let side = "<p>相关阅读：本站发布的其他文章摘要，内容较长，用来占满两百个字符以上的篇幅。</p>"
        .repeat(6);
    // An <article> in the sidebar, the report in an unknown block.
    let doc = read_str(&format!(
        "<html><body><div class=\"zw\"><p>一、总体情况</p>{table}</div><aside><article>{side}</article></aside></body></html>"
    ));
    assert_eq!(doc.grids.len(), 1);
    assert_eq!(lines(&doc), ["一、总体情况"]);
    // Word's landscape table in a section of its own: the sections' parent is the article.
    let doc = read_str(&format!(
        "<html><body><div class=WordSection1><p>一、总体情况</p></div><div class=WordSection2>{table}</div><div class=WordSection3><p>六、其他需要报告的事项</p></div></body></html>"
    ));
    assert_eq!(doc.grids.len(), 1);
    assert_eq!(lines(&doc), ["一、总体情况", "六、其他需要报告的事项"]);
}

#[test]
fn title_and_publisher_come_from_the_page_metadata() {
    let cases: &[(&str, Option<&str>, Option<&str>)] = &[
        (
            "<meta name=\"ArticleTitle\" content=\" 某局2023年政府信息公开工作年度报告 \"><meta name=\"ContentSource\" content=\"某局\"><title>别的_某某网</title>",
            Some("某局2023年政府信息公开工作年度报告"),
            Some("某局"),
        ),
        (
            "<meta name=articletitle content=\"甲\"><title>乙</title>",
            Some("甲"),
            None,
        ),
        (
            "<title>某局2023年政府信息公开工作年度报告_某某市人民政府</title>",
            Some("某局2023年政府信息公开工作年度报告"),
            None,
        ),
        (
            "<title>某局2023年政府信息公开工作年度报告 - 政务公开 - 某某县政府</title>",
            Some("某局2023年政府信息公开工作年度报告"),
            None,
        ),
        (
            "<title>某局2023年政府信息公开工作年度报告 | 某县</title>",
            Some("某局2023年政府信息公开工作年度报告"),
            None,
        ),
        // Nothing to strip when what is left is no report's title.
        (
            "<title>工作动态_某某市人民政府</title>",
            Some("工作动态_某某市人民政府"),
            None,
        ),
        ("<title> </title>", None, None),
    ];
    for (head, title, publisher) in cases {
        let doc = read_str(&format!(
            "<html><head><meta charset=utf-8>{head}</head><body><p>正文</p></body></html>"
        ));
        assert_eq!(doc.title.as_deref(), *title, "{head}");
        assert_eq!(doc.publisher.as_deref(), *publisher, "{head}");
    }
}

#[test]
fn encodings_are_declared_or_sniffed_and_a_bom_wins() {
    let body = "<p>某某县2023年政府信息公开工作年度报告</p>";
    let text = "某某县2023年政府信息公开工作年度报告";
    let gbk = |s: &str| encoding_rs::GBK.encode(s).0.into_owned();
    let cases: Vec<(&str, Vec<u8>, usize)> = vec![
        (
            "meta charset gb2312",
            gbk(&format!(
                "<html><head><meta charset=\"gb2312\"></head><body>{body}</body></html>"
            )),
            0,
        ),
        (
            "http-equiv GBK",
            gbk(&format!(
                "<html><head><meta http-equiv=\"Content-Type\" content=\"text/html; charset=GBK\"></head><body>{body}</body></html>"
            )),
            0,
        ),
        (
            "gb18030",
            encoding_rs::GB18030
                .encode(&format!("<meta charset=gb18030><p>{text}</p>"))
                .0
                .into_owned(),
            0,
        ),
        (
            "undeclared GBK",
            gbk(&format!("<html><body>{body}</body></html>")),
            0,
        ),
        (
            "undeclared UTF-8",
            format!("<html><body>{body}</body></html>").into_bytes(),
            0,
        ),
        // Declared UTF-8, written GBK: read as GB18030, and said.
        (
            "utf-8 declared, GBK bytes",
            gbk(&format!("<meta charset=\"utf-8\"><p>{text}</p>")),
            1,
        ),
        // A declared Western encoding is never right for these pages.
        (
            "iso-8859-1 declared, UTF-8 bytes",
            format!("<meta charset=\"iso-8859-1\"><p>{text}</p>").into_bytes(),
            0,
        ),
        (
            "utf-8 BOM over gbk meta",
            [
                &[0xEF, 0xBB, 0xBF][..],
                format!("<meta charset=gbk><p>{text}</p>").as_bytes(),
            ]
            .concat(),
            0,
        ),
        (
            "UTF-16LE without BOM",
            format!("<html><p>{text}</p></html>")
                .encode_utf16()
                .flat_map(u16::to_le_bytes)
                .collect(),
            0,
        ),
    ];
    for (name, bytes, issues) in cases {
        let doc = html::read(&bytes, &Limits::default()).unwrap_or_else(|e| panic!("{name}: {e}"));
        assert_eq!(lines(&doc), [text], "{name}");
        assert_eq!(doc.issues.len(), issues, "{name}: {:?}", doc.issues);
    }
    // A few undecodable bytes are replaced and said; the rest is read.
    let mut bytes = format!("<meta charset=utf-8><p>{text}</p><p>").into_bytes();
    bytes.extend([0xFF, 0xFE, 0x80]);
    bytes.extend("尾</p>".as_bytes());
    let doc = html::read(&bytes, &Limits::default()).unwrap();
    assert_eq!(doc.lines[0].text, text);
    assert_eq!(doc.issues.len(), 1);
    assert!(doc.issues[0].zh.contains("无法按"), "{}", doc.issues[0].zh);
}

#[test]
fn pages_and_mht_are_sniffed_by_content() {
    let dir = published();
    let yes = [
        "html/trs-cms.html",
        "html/zoom-layout-gbk.htm",
        "html/ucap-undeclared-gb18030.html",
        "html/word-single-file.mht",
        "html/spa-script.html",
        "shared/某某县市场监督管理局2023年政府信息公开工作年度报告（Word另存为网页）.htm",
    ];
    for f in yes {
        assert!(html::sniff(&bytes(&dir.join(f))), "{f}");
    }
    let no = [
        "shared/某某县市场监督管理局2023年政府信息公开工作年度报告（网页复制）.txt",
        "shared/某某县市场监督管理局2023年政府信息公开工作年度报告.docx",
        "shared/某某县市场监督管理局2023年政府信息公开工作年度报告.pdf",
        "yima-transport-2024.txt",
    ];
    for f in no {
        assert!(!html::sniff(&bytes(&dir.join(f))), "{f}");
    }
    assert!(html::sniff(&wrap(
        fixture("no-container.html"),
        Wrap::Utf16Le
    )));
    assert!(html::sniff(b"\xEF\xBB\xBF  <!DOCTYPE html><html>"));
    assert!(!html::sniff(b""));
    assert!(!html::sniff(b"agency,year,cell,value\n"));
    assert!(!html::sniff(
        b"<?xml version=\"1.0\"?><w:wordDocument xmlns:w=\"x\"><w:body/></w:wordDocument>"
    ));
    assert!(!html::sniff(b"From: someone\nSubject: hi\n\nnot a page"));
}

// ---------------------------------------------------------------------------------------------
// Bad input: a typed error with a clear message, never a panic

fn error(bytes: &[u8], limits: &Limits) -> Result<HtmlError, String> {
    match html::read(bytes, limits) {
        Ok(doc) => Err(format!(
            "read, with {} grids and lines {:?}",
            doc.grids.len(),
            lines(&doc)
        )),
        Err(e) => Ok(e),
    }
}

fn nested(open: &str, close: &str, n: usize) -> Vec<u8> {
    format!(
        "<html><body>{}x{}</body></html>",
        open.repeat(n),
        close.repeat(n)
    )
    .into_bytes()
}

/// `n` formatting elements, each different, left open.
fn distinct_open(from: u32, n: u32) -> String {
    (from..from + n)
        .map(|k| format!("<i data-k=\"{k}\">"))
        .collect()
}

/// 200 formatting elements left open in a paragraph are opened again in every later one: 160 KB
/// would make four million elements.
fn rebuilt() -> Vec<u8> {
    format!(
        "<html><body><p>{}</p>{}</body></html>",
        distinct_open(0, 200),
        "<p>x</p>".repeat(20_000)
    )
    .into_bytes()
}

/// Formatting elements left open in a paragraph are opened again in the next one: the page's
/// tags nest 200 deep, the tree 400.
fn reopened() -> Vec<u8> {
    let open = |from: u32| {
        (from..from + 200)
            .map(|k| format!("<i data-k=\"{k}\">"))
            .collect::<String>()
    };
    format!(
        "<html><body><p>{}</p><p>x{}y</p></body></html>",
        open(0),
        open(200)
    )
    .into_bytes()
}

/// (case, bytes, limits, words the Chinese message has, words the English one has)
type BadCase = (
    &'static str,
    Vec<u8>,
    Limits,
    Vec<&'static str>,
    Vec<&'static str>,
);

#[test]
fn bad_pages_are_refused_with_their_message() {
    let small = Limits {
        max_file_bytes: 1000,
        ..Limits::default()
    };
    let few_cells = Limits {
        max_cells: 100,
        ..Limits::default()
    };
    let mut png = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR".to_vec();
    png.extend((0..4000u32).map(|i| (i * 7919 % 251) as u8));
    let garbage: Vec<u8> = b"<meta charset=utf-8>"
        .iter()
        .copied()
        .chain((0..3000).map(|i| [0x80, 0xFF, 0x81][i % 3]))
        .collect();
    let mht_without_page = b"MIME-Version: 1.0\r\nContent-Type: multipart/related; boundary=\"x\"\r\n\r\n--x\r\nContent-Type: image/png\r\nContent-Transfer-Encoding: base64\r\n\r\niVBORw0KGgo=\r\n--x--\r\n".to_vec();
    let span_bomb = page(&format!(
        "<table>{}</table>",
        "<tr><td colspan=1000 rowspan=65534>1</td><td>2</td></tr>".repeat(3000)
    ))
    .into_bytes();
    let cases: Vec<BadCase> = vec![
        (
            "script page",
            fixture("spa-script.html"),
            Limits::default(),
            vec!["脚本", "单页应用", "<div id=\"app\">", "另存为"],
            vec!["script", "single-page"],
        ),
        (
            "pdf link",
            fixture("pdf-link.html"),
            Limits::default(),
            vec!["附件", "./P020240125512345678901.pdf", "某某县水利局2023年政府信息公开工作年度报告.pdf"],
            vec!["attachment", "./P020240125512345678901.pdf"],
        ),
        (
            "word link in a viewer",
            page("<p>某局2023年度报告</p><iframe src=\"/pdfjs/web/viewer.html?file=/upload/2024/nb.docx\"></iframe>").into_bytes(),
            Limits::default(),
            vec!["附件", "/pdfjs/web/viewer.html?file=/upload/2024/nb.docx"],
            vec!["attachment"],
        ),
        ("too large", fixture("trs-cms.html"), small, vec!["过大", "1000 字节"], vec!["too large"]),
        ("too many cells", fixture("trs-cms.html"), few_cells, vec!["单元格", "100"], vec!["cells", "100"]),
        ("span bomb", span_bomb, Limits { max_cells: 10_000, ..Limits::default() }, vec!["单元格"], vec!["cells"]),
        ("nested div", nested("<div>", "</div>", 100_000), Limits::default(), vec!["嵌套", "256"], vec!["nests"]),
        ("nested list", nested("<ul><li>", "", 50_000), Limits::default(), vec!["嵌套"], vec!["nests"]),
        ("nested span", nested("<span>", "", 300), Limits::default(), vec!["嵌套"], vec!["nests"]),
        ("nested table", nested("<table><tr><td>", "", 30_000), Limits::default(), vec!["嵌套"], vec!["nests"]),
        // The guard's estimate misses what the adoption agency makes of these; the parsed tree
        // is checked again.
        ("reopened nesting", reopened(), Limits::default(), vec!["嵌套"], vec!["nests"]),
        (
            "reopened in every paragraph",
            rebuilt(),
            Limits::default(),
            vec!["反复重建", "构造"],
            vec!["rebuild"],
        ),
        // html and body count too: the parsed tree is checked again.
        (
            "depth after parsing",
            nested("<div>", "</div>", 9),
            Limits {
                max_depth: 10,
                ..Limits::default()
            },
            vec!["嵌套超过 10 层"],
            vec!["10 levels"],
        ),
        ("binary", png, Limits::default(), vec!["无法按", "不是可读的网页"], vec!["not a readable web page"]),
        ("undecodable", garbage, Limits::default(), vec!["无法按"], vec!["not valid"]),
        ("empty", Vec::new(), Limits::default(), vec!["空的"], vec!["empty"]),
        ("blank", b" \r\n\t ".to_vec(), Limits::default(), vec!["空的"], vec!["empty"]),
        ("mht without page", mht_without_page, Limits::default(), vec!["MHT", "text/html"], vec!["MHT"]),
    ];
    let mut problems = Vec::new();
    for (name, bytes, limits, zh, en) in cases {
        let start = Instant::now();
        let e = match error(&bytes, &limits) {
            Ok(e) => e,
            Err(read) => {
                problems.push(format!("{name}: {read}"));
                continue;
            }
        };
        let took = start.elapsed();
        if took > Duration::from_secs(5) {
            problems.push(format!("{name}: took {took:?}"));
        }
        let (m_zh, m_en) = (e.message(Lang::Zh), e.message(Lang::En));
        assert_eq!(e.to_string(), m_zh);
        for w in zh {
            if !m_zh.contains(w) {
                problems.push(format!("{name}: {w:?} not in {m_zh}"));
            }
        }
        for w in en {
            if !m_en.contains(w) {
                problems.push(format!("{name}: {w:?} not in {m_en}"));
            }
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn sloppy_but_real_markup_is_read() {
    // <font> never closed, in every paragraph and cell (old editors): browsers keep at most
    // three alike open, and so does the guard.
    let rows = "<tr><td><font size=2>规章<td><font size=2>1<td><font size=2>2".repeat(200);
    let paras = "<p><font face=仿宋 size=3>正文<b>加粗".repeat(2000);
    let doc = read_str(&format!(
        "<html><body><div id=zoom>{paras}<table>{rows}</table></div></body></html>"
    ));
    assert_eq!(doc.grids.len(), 1);
    assert_eq!(doc.grids[0].cells.len(), 600);
    assert_eq!(doc.lines.len(), 2000);
}

#[test]
fn a_news_page_is_read_and_the_importer_says_it_is_no_report() {
    let doc = read(&fixture("news.html"));
    assert!(doc.grids.is_empty());
    let e = read_document(&doc).expect_err("a news page is no report");
    assert!(
        e.message(Lang::Zh).starts_with("不是年度报告"),
        "{}",
        e.message(Lang::Zh)
    );
    // A navigation page too.
    let nav = read_str(
        "<html><body><ul class=\"nav\"><li><a href=\"/a\">要闻</a></li></ul><table><tr><td><a href=\"/x\">某局2023年政府信息公开工作年度报告</a></td><td>2024-01-20</td></tr><tr><td><a href=\"/y\">某局2022年政府信息公开工作年度报告</a></td><td>2023-01-19</td></tr></table></body></html>",
    );
    assert!(read_document(&nav).is_err());
}

#[test]
fn damaged_pages_never_panic() {
    let mut pages: Vec<Vec<u8>> = [
        "trs-cms.html",
        "zoom-layout-gbk.htm",
        "word-single-file.mht",
        "edition-2019.html",
    ]
    .iter()
    .map(|f| fixture(f))
    .collect();
    pages.push(wrap(fixture("edition-2019.html"), Wrap::MhtQuotedPrintable));
    let mut read_ok = 0;
    for page in &pages {
        let n = page.len();
        for k in 1..24 {
            let cut = n * k / 24;
            // Truncated, and with a run of bytes overwritten.
            let mut flipped = page.clone();
            for b in flipped.iter_mut().skip(cut).take(64) {
                *b = b.wrapping_mul(31).wrapping_add(k as u8);
            }
            for bytes in [&page[..cut], &flipped[..]] {
                if let Ok(doc) = html::read(bytes, &Limits::default()) {
                    read_ok += 1;
                    let _ = read_document(&doc);
                }
            }
        }
    }
    assert!(read_ok > 100, "{read_ok}");
}
