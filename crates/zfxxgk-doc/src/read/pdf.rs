//! PDFs with a text layer (what Word, WPS and LibreOffice export): positioned text grouped into
//! lines and chunks, handed to [`super::lines::build`].
//!
//! The file is parsed by `lopdf` (chosen by measurement: docs/pdf-library.md); the text is
//! placed here from the content streams (text and graphics state, form XObjects) and decoded
//! from the fonts (ToUnicode maps, simple encodings and glyph names, the predefined Chinese
//! CMaps). Every call into the parser is isolated (a panic reads as a damaged file), every stream
//! is decoded with a cap, and the work per page and per document is bounded.
//!
//! What cannot be read says why: a scanned PDF (pages of images, no text), an encrypted one
//! that needs a password, text that does not decode into plausible Chinese (fonts without a
//! Unicode map: never imported as numbers), a damaged file, too many pages.

mod chars;
mod cmap;
mod encoding;
mod filter;
mod font;
mod interp;
mod layout;
mod lexer;
mod objects;
mod truetype;

use std::cell::Cell;
use std::collections::HashSet;

use lopdf::{Dictionary, Document as PdfDoc, Object, ObjectId};
use zfxxgk_core::grid::{Document, DocumentKind};
use zfxxgk_core::{ImportIssue, Lang, Location, Severity};

use super::Limits;
use super::lines::{self, PlacedLine};

/// Operations run over the whole document (all pages, nested forms included).
const DOC_OPS: usize = 20_000_000;
/// Operations on one page.
const PAGE_OPS: usize = 2_000_000;
/// Glyphs kept over the whole document.
const DOC_GLYPHS: usize = 600_000;
/// Decoded bytes of one page's content.
const PAGE_STREAM_BYTES: usize = 32 << 20;
/// Decoded bytes of all object streams (checked before the parser expands them).
const OBJSTM_BYTES: usize = 32 << 20;
/// At least this many glyphs before the text is judged garbled.
const GARBLE_MIN: usize = 20;
/// Share of implausible characters above which the text is garbled.
const GARBLE_SHARE: f64 = 0.2;
/// Share of a page covered by images for it to count as a scanned page.
const SCAN_COVER: f32 = 0.3;

/// Why a PDF could not be read. Messages never name the file.
#[derive(thiserror::Error, Debug)]
#[error("{}", self.message(Lang::Zh))]
pub enum PdfError {
    /// Larger than the size limit.
    TooLarge {
        /// The file's size.
        bytes: u64,
        /// The limit.
        limit: u64,
    },
    /// No `%PDF` header in the first 1024 bytes.
    NotPdf,
    /// The file could not be parsed (truncated, broken cross-reference table, garbage).
    Damaged {
        /// What the parser said (English, technical).
        detail: String,
    },
    /// Encrypted with a password needed to open it.
    Encrypted,
    /// More pages than the limit.
    TooManyPages {
        /// Pages found (at least).
        pages: u64,
        /// The limit.
        limit: u32,
    },
    /// Pages made of images and no text: a scan. OCR is not done here.
    Scanned {
        /// Pages in the file.
        pages: u32,
    },
    /// Pages with neither text nor images (text drawn as outlines, or empty pages).
    NoText {
        /// Pages in the file.
        pages: u32,
    },
    /// The text does not decode into plausible Chinese: fonts without a Unicode map, or maps
    /// that point at private-use or unrelated characters.
    Garbled {
        /// Percentage of the characters that are not plausible.
        percent: u32,
        /// The start of the text as decoded (undecodable characters shown as `�`).
        sample: String,
    },
}

impl PdfError {
    /// The message in the given language.
    pub fn message(&self, lang: Lang) -> String {
        match (self, lang) {
            (PdfError::TooLarge { bytes, limit }, Lang::Zh) => format!(
                "PDF 文件过大（{}），超过 {} 的上限，未读取。",
                mb(*bytes),
                mb(*limit)
            ),
            (PdfError::TooLarge { bytes, limit }, Lang::En) => format!(
                "the PDF is too large ({}, the limit is {}); not read",
                mb(*bytes),
                mb(*limit)
            ),
            (PdfError::NotPdf, Lang::Zh) => "文件不是 PDF（开头没有 %PDF 标记）。".into(),
            (PdfError::NotPdf, Lang::En) => "the file is not a PDF (no %PDF header)".into(),
            (PdfError::Damaged { detail }, Lang::Zh) => format!(
                "PDF 文件已损坏或不完整，无法读取（{detail}）。请重新下载或从原始文档重新导出 PDF。"
            ),
            (PdfError::Damaged { detail }, Lang::En) => format!(
                "the PDF is damaged or incomplete and cannot be read ({detail}); download it again or export it again from the original document"
            ),
            (PdfError::Encrypted, Lang::Zh) => {
                "PDF 文件已加密，需要密码才能打开，无法读取。请使用未加密的版本，或先用密码打开后另存为不加密的 PDF。".into()
            }
            (PdfError::Encrypted, Lang::En) => {
                "the PDF is encrypted and needs a password to open; use an unencrypted copy".into()
            }
            (PdfError::TooManyPages { pages, limit }, Lang::Zh) => format!(
                "PDF 有 {pages} 页以上，超过 {limit} 页的上限，不像是一份年度报告，未读取。"
            ),
            (PdfError::TooManyPages { pages, limit }, Lang::En) => format!(
                "the PDF has {pages} pages or more, over the limit of {limit}; it does not look like an annual report and was not read"
            ),
            (PdfError::Scanned { pages }, Lang::Zh) => format!(
                "这是扫描件 PDF（{pages} 页都是图片，没有文字层），本工具不做文字识别（OCR），无法读取其中的数字。请使用 Word/WPS 导出的 PDF、网页或原始文档。"
            ),
            (PdfError::Scanned { pages }, Lang::En) => format!(
                "this is a scanned PDF ({pages} pages of images without a text layer); OCR is not supported, so its numbers cannot be read; use a PDF exported from Word/WPS, the web page or the original document"
            ),
            (PdfError::NoText { pages }, Lang::Zh) => format!(
                "PDF 的 {pages} 页中没有可提取的文字（文字可能已转为图形），无法读取。请使用 Word/WPS 导出的 PDF、网页或原始文档。"
            ),
            (PdfError::NoText { pages }, Lang::En) => format!(
                "the PDF's {pages} pages have no extractable text (the text may have been turned into outlines); use a PDF exported from Word/WPS, the web page or the original document"
            ),
            (PdfError::Garbled { percent, sample }, Lang::Zh) => format!(
                "PDF 中的文字无法正确解码：约 {percent}% 的字符是乱码或无法识别（开头为「{sample}」），通常是字体缺少 Unicode 映射所致。为免读入错误数字，未读取。请使用原始文档（Word/WPS）或网页版本。"
            ),
            (PdfError::Garbled { percent, sample }, Lang::En) => format!(
                "the PDF's text does not decode: about {percent}% of its characters are garbled or unknown (it starts \"{sample}\"), usually fonts without a Unicode map; not read, so that no wrong numbers are imported; use the original document (Word/WPS) or the web page"
            ),
        }
    }
}

fn mb(bytes: u64) -> String {
    format!("{:.1} MB", bytes as f64 / 1_048_576.0)
}

/// Whether the bytes look like a PDF: `%PDF` within the first 1024 bytes.
pub fn sniff(bytes: &[u8]) -> bool {
    bytes[..bytes.len().min(1024)]
        .windows(4)
        .any(|w| w == b"%PDF")
}

/// The positioned lines of a PDF and what it declares about itself, before they become a grid.
#[derive(Debug, Default)]
pub struct Extracted {
    /// One line per visual line, pages in order, page numbers and running headers dropped.
    pub lines: Vec<PlacedLine>,
    /// The document title, when it names an annual report.
    pub title: Option<String>,
    /// The author, when it names an agency.
    pub publisher: Option<String>,
    /// What the reader noticed and could not settle.
    pub issues: Vec<ImportIssue>,
    /// Pages in the file.
    pub pages: u32,
}

/// Reads the file into a document.
pub fn read(bytes: &[u8], limits: &Limits) -> Result<Document, PdfError> {
    let ex = extract(bytes, limits)?;
    let (grid, lines) = lines::build("PDF", ex.lines);
    Ok(Document {
        grids: vec![grid],
        lines,
        title: ex.title,
        publisher: ex.publisher,
        issues: ex.issues,
        kind: DocumentKind::Pdf,
    })
}

/// Reads the file into positioned lines (what [`read`] hands to [`lines::build`]).
pub fn extract(bytes: &[u8], limits: &Limits) -> Result<Extracted, PdfError> {
    if bytes.len() as u64 > limits.max_file_bytes {
        return Err(PdfError::TooLarge {
            bytes: bytes.len() as u64,
            limit: limits.max_file_bytes,
        });
    }
    if !sniff(bytes) {
        return Err(PdfError::NotPdf);
    }
    // lopdf is not known to be panic-free on malformed input: a panic reads as a damaged file.
    // (The command line installs a quiet panic hook, so none of its text reaches the screen.)
    std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        extract_inner(bytes, limits)
    }))
    .unwrap_or_else(|_| {
        Err(PdfError::Damaged {
            detail: "the parser failed on malformed content".into(),
        })
    })
}

thread_local! {
    /// What is left of [`OBJSTM_BYTES`] while a document loads (the parser's object filter is a
    /// plain function).
    static OBJSTM_LEFT: Cell<usize> = const { Cell::new(0) };
}

/// The parser's object filter: object streams are decoded here first, with a cap, so that a
/// flate bomb is refused before the parser expands it without one.
fn objstm_guard(id: ObjectId, obj: &mut Object) -> Option<(ObjectId, Object)> {
    if let Object::Stream(s) = obj {
        if s.dict.has_type(b"ObjStm") {
            let filters: Vec<Vec<u8>> = match s.dict.get(b"Filter") {
                Ok(Object::Name(n)) => vec![n.clone()],
                Ok(Object::Array(a)) => a
                    .iter()
                    .filter_map(|o| o.as_name().ok().map(<[u8]>::to_vec))
                    .collect(),
                _ => Vec::new(),
            };
            let names: Vec<&[u8]> = filters.iter().map(Vec::as_slice).collect();
            let left = OBJSTM_LEFT.with(Cell::get);
            match filter::decode(&s.content, &names, left) {
                Ok(data) => OBJSTM_LEFT.with(|c| c.set(left - data.len().min(left))),
                Err(_) => return None,
            }
        }
        // The parser keeps the object it passed in; the returned one only has to be `Some`.
        return Some((id, Object::Null));
    }
    Some((id, obj.clone()))
}

/// The decoded size of the cross-reference stream `startxref` points at, if it is one and
/// exceeds `cap` (the parser expands it before any filter runs).
fn xref_stream_too_large(bytes: &[u8], cap: usize) -> bool {
    let tail = &bytes[bytes.len().saturating_sub(2048)..];
    let Some(at) = tail.windows(9).rposition(|w| w == b"startxref") else {
        return false;
    };
    let digits: String = tail[at + 9..]
        .iter()
        .map(|&b| char::from(b))
        .skip_while(|c| c.is_ascii_whitespace())
        .take_while(char::is_ascii_digit)
        .collect();
    let Ok(offset) = digits.parse::<usize>() else {
        return false;
    };
    let Some(obj) = bytes.get(offset..) else {
        return false;
    };
    let head = &obj[..obj.len().min(4096)];
    let Some(s) = head.windows(6).position(|w| w == b"stream") else {
        return false;
    };
    let dict = &head[..s];
    if !dict.windows(5).any(|w| w == b"/XRef") || !dict.windows(11).any(|w| w == b"FlateDecode") {
        return false;
    }
    let mut start = s + 6;
    while obj.get(start).is_some_and(|&b| b == b'\r' || b == b'\n') {
        start += 1;
    }
    let data = &obj[start..];
    let end = data
        .windows(9)
        .position(|w| w == b"endstream")
        .unwrap_or(data.len());
    matches!(
        filter::inflate(&data[..end], cap),
        Err(filter::FilterError::TooLarge)
    )
}

fn damaged(e: impl std::fmt::Display) -> PdfError {
    PdfError::Damaged {
        detail: e.to_string(),
    }
}

fn load(bytes: &[u8]) -> Result<PdfDoc, PdfError> {
    if xref_stream_too_large(bytes, 16 << 20) {
        return Err(damaged("cross-reference stream too large when decoded"));
    }
    OBJSTM_LEFT.with(|c| c.set(OBJSTM_BYTES));
    let options = lopdf::LoadOptions {
        filter: Some(objstm_guard),
        ..Default::default()
    };
    PdfDoc::load_mem_with_options(bytes, options).map_err(damaged)
}

/// A copy of a damaged file (truncated, or with a broken or missing cross-reference table) with
/// a new table appended, built by scanning for `N G obj`. `None` when nothing usable is found.
fn rebuild_xref(bytes: &[u8]) -> Option<Vec<u8>> {
    let start = bytes.windows(5).position(|w| w == b"%PDF-")?;
    let body = &bytes[start..];
    let white = |b: u8| matches!(b, b' ' | b'\t' | b'\r' | b'\n' | b'\x0c' | b'\0');
    let mut offsets: std::collections::BTreeMap<u32, (u16, usize)> = Default::default();
    let mut i = 0;
    while let Some(k) = body[i..].windows(3).position(|w| w == b"obj") {
        let at = i + k;
        i = at + 3;
        if body.get(at + 3).is_some_and(|&b| b.is_ascii_alphanumeric()) {
            continue;
        }
        // Backwards: white space, generation, white space, number.
        let mut j = at;
        let skip_white = |j: &mut usize| {
            while *j > 0 && white(body[*j - 1]) {
                *j -= 1;
            }
        };
        let digits = |j: &mut usize| -> Option<u64> {
            let end = *j;
            while *j > 0 && body[*j - 1].is_ascii_digit() && end - *j < 10 {
                *j -= 1;
            }
            std::str::from_utf8(&body[*j..end]).ok()?.parse().ok()
        };
        let w0 = j;
        skip_white(&mut j);
        if j == w0 {
            continue;
        }
        let Some(generation) = digits(&mut j) else {
            continue;
        };
        let w1 = j;
        skip_white(&mut j);
        if j == w1 {
            continue;
        }
        let Some(num) = digits(&mut j) else { continue };
        if j > 0 && !white(body[j - 1]) {
            continue;
        }
        if num == 0 || num > 10_000_000 || generation > 65_535 {
            continue;
        }
        offsets.insert(num as u32, (generation as u16, j));
    }
    if offsets.is_empty() {
        return None;
    }
    // The catalog: the last `/Root N G R`, else an object typed /Catalog.
    let reference_after = |key: &[u8]| -> Option<String> {
        let at = body.windows(key.len()).rposition(|w| w == key)?;
        let rest = &body[at + key.len()..body.len().min(at + key.len() + 40)];
        let text = String::from_utf8_lossy(rest);
        let mut parts = text.split_whitespace();
        let (n, g, r) = (parts.next()?, parts.next()?, parts.next()?);
        (n.bytes().all(|b| b.is_ascii_digit())
            && g.bytes().all(|b| b.is_ascii_digit())
            && r.starts_with('R'))
        .then(|| format!("{n} {g} R"))
    };
    let root = reference_after(b"/Root").or_else(|| {
        offsets.iter().rev().find_map(|(n, (g, off))| {
            let head = &body[*off..body.len().min(off + 300)];
            let compact: Vec<u8> = head.iter().copied().filter(|&b| !white(b)).collect();
            compact
                .windows(13)
                .any(|w| w == b"/Type/Catalog")
                .then(|| format!("{n} {g} R"))
        })
    })?;
    let size = offsets.keys().last().copied().unwrap_or(0) + 1;
    let mut out = Vec::with_capacity(bytes.len() + 20 * size as usize + 200);
    out.extend_from_slice(body);
    out.extend_from_slice(b"\n");
    let xref_at = out.len();
    out.extend_from_slice(format!("xref\n0 {size}\n0000000000 65535 f \n").as_bytes());
    for n in 1..size {
        let line = match offsets.get(&n) {
            Some((g, off)) => format!("{off:010} {g:05} n \n"),
            None => "0000000000 65535 f \n".to_string(),
        };
        out.extend_from_slice(line.as_bytes());
    }
    let info = reference_after(b"/Info")
        .map(|r| format!(" /Info {r}"))
        .unwrap_or_default();
    out.extend_from_slice(
        format!("trailer\n<< /Size {size} /Root {root}{info} >>\nstartxref\n{xref_at}\n%%EOF\n")
            .as_bytes(),
    );
    Some(out)
}

/// A page: its dictionary and its (inherited) resources.
struct PageRef<'a> {
    dict: &'a Dictionary,
    resources: Option<&'a Dictionary>,
}

/// The pages in order, at most `limit` (more is an error); the page tree is walked with a
/// visited set, so loops end.
fn pages(doc: &PdfDoc, limit: u32) -> Result<Vec<PageRef<'_>>, PdfError> {
    let root = doc
        .trailer
        .get(b"Root")
        .ok()
        .map(|o| objects::resolve(doc, o))
        .and_then(|o| o.as_dict().ok())
        .ok_or_else(|| damaged("no document catalog"))?;
    let tree = objects::dict(doc, root, b"Pages").ok_or_else(|| damaged("no page tree"))?;
    if let Some(count) = objects::num(doc, tree, b"Count")
        && count > limit as f32
    {
        return Err(PdfError::TooManyPages {
            pages: count as u64,
            limit,
        });
    }
    let mut out = Vec::new();
    let mut seen: HashSet<ObjectId> = HashSet::new();
    let mut steps = 0usize;
    // Depth-first, kids in order: a stack of (node, inherited resources).
    let mut stack: Vec<(&Dictionary, Option<&Dictionary>)> = vec![(tree, None)];
    while let Some((node, inherited)) = stack.pop() {
        steps += 1;
        if steps > 1_000_000 {
            return Err(damaged("page tree too large"));
        }
        let resources = objects::dict(doc, node, b"Resources").or(inherited);
        match objects::array(doc, node, b"Kids") {
            Some(kids) if !node.has_type(b"Page") => {
                for kid in kids.iter().rev() {
                    if let Object::Reference(id) = kid
                        && !seen.insert(*id)
                    {
                        continue;
                    }
                    if let Ok(d) = objects::resolve(doc, kid).as_dict() {
                        stack.push((d, resources));
                    }
                }
            }
            _ => {
                out.push(PageRef {
                    dict: node,
                    resources,
                });
                if out.len() > limit as usize {
                    return Err(PdfError::TooManyPages {
                        pages: out.len() as u64,
                        limit,
                    });
                }
            }
        }
    }
    Ok(out)
}

fn issue(code: &'static str, location: Option<Location>, zh: String, en: String) -> ImportIssue {
    ImportIssue {
        code,
        severity: Severity::Warning,
        cells: Vec::new(),
        location,
        zh,
        en,
    }
}

fn extract_inner(bytes: &[u8], limits: &Limits) -> Result<Extracted, PdfError> {
    let mut issues = Vec::new();
    let first = load(bytes).and_then(|doc| {
        if doc.trailer.get(b"Encrypt").is_ok() && doc.authenticate_password("").is_err() {
            return Err(PdfError::Encrypted);
        }
        let n = pages(&doc, limits.max_pages)?.len();
        Ok((doc, n))
    });
    let doc = match first {
        Ok((doc, n)) if n > 0 => doc,
        Err(e @ (PdfError::TooManyPages { .. } | PdfError::Encrypted)) => return Err(e),
        other => {
            // Damaged: try again with a cross-reference table rebuilt from the objects found.
            let repaired = rebuild_xref(bytes).and_then(|b| load(&b).ok());
            match (repaired, other) {
                (Some(doc), _) => {
                    issues.push(issue(
                        "PDF-REPAIRED",
                        None,
                        "PDF 文件已损坏或不完整（交叉引用表有误），已尽量修复后读取，内容可能不全，请与原文核对。".into(),
                        "the PDF is damaged or incomplete (its cross-reference table is wrong); it was repaired as far as possible and read, so content may be missing".into(),
                    ));
                    doc
                }
                (None, Ok((doc, _))) => doc,
                (None, Err(e)) => return Err(e),
            }
        }
    };
    if doc.trailer.get(b"Encrypt").is_ok() && doc.authenticate_password("").is_err() {
        return Err(PdfError::Encrypted);
    }
    let pages = pages(&doc, limits.max_pages)?;
    let n_pages = pages.len() as u32;
    if n_pages == 0 {
        return Err(damaged("no pages"));
    }

    let mut fonts = interp::FontCache::default();
    let mut ops_left = DOC_OPS;
    let mut glyphs_left = DOC_GLYPHS;
    let mut read: Vec<interp::Page> = Vec::with_capacity(pages.len());
    for (i, p) in pages.iter().enumerate() {
        let page_no = i as u32 + 1;
        if ops_left == 0 || glyphs_left == 0 {
            issues.push(issue(
                "PDF-TOO-MUCH",
                Some(Location::Page {
                    page: page_no,
                    line: 1,
                }),
                format!("PDF 内容过多，从第 {page_no} 页起未读取。"),
                format!("the PDF has too much content; pages from {page_no} on were not read"),
            ));
            break;
        }
        let budget = interp::Budget {
            ops: PAGE_OPS.min(ops_left),
            glyphs: glyphs_left,
            stream_bytes: PAGE_STREAM_BYTES,
        };
        let page = interp::run_page(&doc, p.dict, p.resources, &mut fonts, budget);
        glyphs_left = glyphs_left.saturating_sub(page.glyphs.len());
        ops_left = ops_left.saturating_sub(page.ops);
        if page.cut {
            issues.push(issue(
                "PDF-PAGE-CUT",
                Some(Location::Page {
                    page: page_no,
                    line: 1,
                }),
                format!("第 {page_no} 页内容过多，只读取了前面一部分。"),
                format!("page {page_no} has too much content; only its first part was read"),
            ));
        }
        if page.damaged {
            issues.push(issue(
                "PDF-PAGE-DAMAGED",
                Some(Location::Page {
                    page: page_no,
                    line: 1,
                }),
                format!("第 {page_no} 页的内容已损坏，可能缺少部分文字。"),
                format!("page {page_no}'s content is damaged; some text may be missing"),
            ));
        }
        read.push(page);
    }

    judge_text(&read, n_pages)?;

    // Pages that are only images while others have text.
    for (i, p) in read.iter().enumerate() {
        if p.glyphs.is_empty() && p.image_cover >= SCAN_COVER {
            let page_no = i as u32 + 1;
            issues.push(issue(
                "PDF-SCANNED-PAGE",
                Some(Location::Page { page: page_no, line: 1 }),
                format!("第 {page_no} 页只有图片、没有文字层（扫描页），其内容未读取。"),
                format!("page {page_no} is an image without a text layer (a scanned page); its content was not read"),
            ));
        }
    }
    let unsure: usize = read
        .iter()
        .flat_map(|p| &p.glyphs)
        .filter(|g| !glyph_plausible(g))
        .count();
    if unsure > 0 {
        issues.push(issue(
            "PDF-UNDECODED",
            None,
            format!("PDF 中有 {unsure} 个字符无法可靠解码，已显示为 �，这些位置的内容未读取。"),
            format!("{unsure} characters of the PDF could not be decoded reliably; they read as � and were not imported"),
        ));
    }

    let mut per_page: Vec<(Vec<layout::Line>, f32)> = read
        .iter()
        .map(|p| (layout::page_lines(p), p.height))
        .collect();
    layout::drop_furniture(&mut per_page);
    let mut lines = Vec::new();
    for (i, (page_lines, _)) in per_page.into_iter().enumerate() {
        let page = i as u32 + 1;
        for l in page_lines {
            lines.push(PlacedLine {
                location: Location::Page {
                    page,
                    line: l.number,
                },
                page,
                chunks: l.chunks,
            });
        }
    }

    let (title, publisher) = info(&doc);
    Ok(Extracted {
        lines,
        title,
        publisher,
        issues,
        pages: n_pages,
    })
}

fn glyph_plausible(g: &interp::Glyph) -> bool {
    g.reliable
        && g.text.as_deref().is_some_and(|t| {
            t.chars()
                .map(chars::normalize)
                .all(|c| c.is_whitespace() || chars::plausible(c))
        })
}

/// Refuses text that is not there (scans, outlines) or does not decode.
fn judge_text(pages: &[interp::Page], n_pages: u32) -> Result<(), PdfError> {
    let total: usize = pages.iter().map(|p| p.glyphs.len()).sum();
    if total == 0 {
        let scanned = pages.iter().any(|p| p.image_cover >= SCAN_COVER);
        if !scanned && pages.iter().any(|p| p.damaged) {
            return Err(damaged(
                "page content cannot be decoded (damaged, or too large when decoded)",
            ));
        }
        return Err(if scanned {
            PdfError::Scanned { pages: n_pages }
        } else {
            PdfError::NoText { pages: n_pages }
        });
    }
    let bad = pages
        .iter()
        .flat_map(|p| &p.glyphs)
        .filter(|g| !glyph_plausible(g))
        .count();
    if total >= GARBLE_MIN && bad as f64 > GARBLE_SHARE * total as f64 {
        let sample: String = pages
            .iter()
            .flat_map(|p| &p.glyphs)
            .take(24)
            .map(|g| match (&g.text, g.reliable) {
                (Some(t), true) => t.chars().map(chars::normalize).collect(),
                _ => "\u{fffd}".to_string(),
            })
            .collect::<String>()
            .chars()
            .map(|c| {
                if c.is_control() || ('\u{e000}'..='\u{f8ff}').contains(&c) {
                    '\u{fffd}'
                } else {
                    c
                }
            })
            .take(24)
            .collect();
        return Err(PdfError::Garbled {
            percent: (100 * bad / total) as u32,
            sample,
        });
    }
    Ok(())
}

/// Title and publisher from the document information dictionary.
fn info(doc: &PdfDoc) -> (Option<String>, Option<String>) {
    let Some(info) = doc
        .trailer
        .get(b"Info")
        .ok()
        .map(|o| objects::resolve(doc, o))
        .and_then(|o| o.as_dict().ok())
    else {
        return (None, None);
    };
    let text = |key: &[u8]| -> Option<String> {
        match objects::get(doc, info, key)? {
            Object::String(b, _) => {
                let s: String = objects::text_string(b)
                    .chars()
                    .map(chars::normalize)
                    .filter(|c| !c.is_control())
                    .collect();
                let s = s.trim().to_string();
                (!s.is_empty()).then_some(s)
            }
            _ => None,
        }
    };
    let title = text(b"Title").filter(|t| t.contains("年度报告") || t.contains("年报"));
    let publisher = text(b"Author").filter(|a| agency_like(a));
    (title, publisher)
}

/// Whether an author field names an agency (not `Administrator`, `微软用户`, `python-docx`).
fn agency_like(a: &str) -> bool {
    const GENERIC: &[&str] = &[
        "微软用户",
        "微软中国",
        "番茄花园",
        "雨林木风",
        "深度技术",
        "系统之家",
        "电脑公司",
        "用户",
        "作者",
        "管理员",
    ];
    const AGENCY: &[&str] = &[
        "局", "委", "办", "厅", "政府", "院", "会", "中心", "部", "署", "所", "站", "处", "室",
        "队", "馆", "街道", "乡", "镇", "公司", "集团",
    ];
    let cjk = a
        .chars()
        .filter(|c| ('\u{4e00}'..='\u{9fff}').contains(c))
        .count();
    cjk >= 4 && !GENERIC.iter().any(|g| a.contains(g)) && AGENCY.iter().any(|k| a.contains(k))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sniffs() {
        assert!(sniff(b"%PDF-1.7\n"));
        assert!(sniff(&[b"\xef\xbb\xbf  ".as_slice(), b"%PDF-1.4"].concat()));
        assert!(!sniff(b"PK\x03\x04"));
        let mut late = vec![b' '; 1100];
        late.extend_from_slice(b"%PDF-1.4");
        assert!(!sniff(&late));
    }

    #[test]
    fn authors() {
        assert!(agency_like("某某县市场监督管理局"));
        assert!(!agency_like("python-docx"));
        assert!(!agency_like("微软用户"));
        assert!(!agency_like("张三"));
    }
}
