//! Word documents (`.docx`): every table a grid, every paragraph outside the tables a line.
//!
//! The zip is bounded before anything is inflated (entry count, declared sizes, compression
//! ratio) and while it is inflated (each part read through a reader capped at its declared size
//! and at what is left of [`Limits::max_inflated_bytes`]). Only the parts needed are inflated:
//! the main document, `docProps/core.xml` (title and author), and `numbering.xml` with
//! `styles.xml` (the text of automatic numbering, which Word does not store in the paragraph).
//!
//! `word/document.xml` is read with a streaming XML reader and a stack of frames (table, row,
//! cell, paragraph), so nothing recurses: tables nested in cells become grids of their own, and
//! nesting deeper than [`MAX_TABLE_NESTING`] tables or [`Limits::max_depth`] elements is refused.
//!
//! - A table is a grid (`表格 n`, [`Geometry::Exact`]). Columns are grid columns: a cell spans
//!   its `w:gridSpan`; `w:gridBefore` skips columns at the start of its row; `w:vMerge
//!   w:val="restart"` starts a vertical merge that the following rows' `w:vMerge` cells in the
//!   same grid column extend (the merged cell is stored once, at its top-left, with its row
//!   span); the legacy `w:hMerge` widens the cell before it. Locations are
//!   [`Location::TableCell`]: the table's number in the document (nested tables counted where
//!   they start), the row, and the grid column (all 1-based).
//! - A table broken over two pages by a page break is two Word tables with nothing but empty
//!   paragraphs between them: two top-level tables so separated, on the same number of grid
//!   columns, are joined into one grid (`表格 2–3`; each cell keeps its own table's location),
//!   and a vertical merge that the split cut goes on over the empty cell Word restarts it with.
//! - Cell text: its paragraphs joined with `\n`, trimmed. In a paragraph, runs are
//!   concatenated; `w:tab` is a space, `w:br`/`w:cr` a line break, `w:noBreakHyphen` a `-`;
//!   `w:softHyphen`, `w:sym`, hidden text (`w:vanish`), field instructions (`w:instrText`, and
//!   anything between a field's `begin` and `separate`) and deleted text (`w:del`,
//!   `w:moveFrom`) are left out; field results, inserted text (`w:ins`, `w:moveTo`) and content
//!   controls are kept. Of an `mc:AlternateContent`, only the first choice is read (or the
//!   fallback when there is no choice), so a text box is not read twice.
//! - Automatic numbering (`w:numPr`, directly or through the paragraph's style) is rebuilt from
//!   `numbering.xml`: `一、`, `（一）`, `1.`, `①`… are put in front of the text as Word shows them.
//!   Bullets are left out.
//! - Lines: every paragraph outside the tables in reading order (text-box paragraphs before the
//!   paragraph that anchors them), one [`TextLine`] per line break, empty ones skipped;
//!   [`Location::Paragraph`] counts the non-empty paragraphs, so `第 3 段` is the third
//!   paragraph a person sees.
//! - `dc:title` is the title; `dc:creator` is the publisher when it names an organisation (not
//!   `Administrator`, `微软用户`, a person's name…).
//! - Not read: headers, footers, footnotes, comments, charts, and content kept in other parts —
//!   embedded chunks (`w:altChunk`) and embedded Excel objects are counted and reported as an
//!   `IMPORT-EMBEDDED` warning, since a table pasted that way holds numbers this reader cannot
//!   see.

use std::collections::{BTreeMap, HashMap};
use std::io::{Cursor, Read};

use quick_xml::Reader;
use quick_xml::events::{BytesStart, Event};
use zfxxgk_core::grid::{Document, DocumentKind, Geometry, Grid, GridCell, TextLine};
use zfxxgk_core::normalize::is_space;
use zfxxgk_core::{ImportIssue, Lang, Location, Severity};

use super::Limits;

/// The largest number of entries a docx zip may have (a report has about 20).
pub const MAX_ZIP_ENTRIES: usize = 10_000;
/// The largest compression ratio (inflated / compressed) of an entry larger than 1 MB. Word XML
/// compresses 5–30×; deflate cannot exceed about 1032×.
pub const MAX_COMPRESSION_RATIO: u64 = 1_000;
/// Entries smaller than this are not judged by their ratio.
const RATIO_FLOOR: u64 = 1024 * 1024;
/// Tables nested deeper than this (a table in a cell of a table in a cell …) are refused.
pub const MAX_TABLE_NESTING: usize = 16;
/// A cell spanning more grid columns than this is taken to span this many (Word allows 63).
const MAX_SPAN: u32 = 1_000;
/// The largest part read for metadata or numbering (`core.xml`, `numbering.xml`, `styles.xml`).
const MAX_AUX_PART: u64 = 16 * 1024 * 1024;

const OLE_MAGIC: [u8; 8] = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];
const W_NS: &str = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";
const W_NS_STRICT: &str = "http://purl.oclc.org/ooxml/wordprocessingml/main";
const MC_NS: &str = "http://schemas.openxmlformats.org/markup-compatibility/2006";

/// Why the file could not be read.
#[derive(thiserror::Error, Debug)]
#[error("{}", self.message(Lang::Zh))]
pub enum DocxError {
    /// The file is larger than [`Limits::max_file_bytes`].
    TooLarge {
        /// Size in bytes.
        size: u64,
        /// The limit in bytes.
        limit: u64,
    },
    /// An old binary Word (`.doc`) or WPS (`.wps`) document.
    Legacy,
    /// A password-protected (encrypted) Word document.
    Encrypted,
    /// The zip is truncated or damaged.
    Damaged {
        /// Technical detail (English, from the zip reader), shown in the English message.
        detail: String,
    },
    /// The zip would inflate beyond the limit, or looks crafted to.
    ZipBomb {
        /// What was found.
        detail: String,
    },
    /// The file is not a Word document.
    NotWord {
        /// What it is instead.
        kind: NotWordKind,
    },
    /// A part of the document is not well-formed XML.
    Xml {
        /// The part (`word/document.xml`).
        part: String,
        /// Technical detail (English, from the XML reader).
        detail: String,
    },
    /// The tables hold more cells than [`Limits::max_cells`].
    TooManyCells {
        /// The limit.
        limit: usize,
    },
    /// Tables (or other elements) nested deeper than the limit.
    TooDeep {
        /// The limit.
        limit: usize,
    },
}

/// What a file given as a Word document is instead.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NotWordKind {
    /// A zip without a Word document in it (an Excel workbook, a plain archive).
    OtherZip,
    /// An OLE compound file that is not Word (an old Excel or PowerPoint file).
    OtherOle,
    /// Rich text (`.rtf`, often saved with a `.doc` name).
    Rtf,
    /// Anything else.
    Unknown,
}

impl DocxError {
    /// The message in the given language.
    pub fn message(&self, lang: Lang) -> String {
        use DocxError as E;
        const RESAVE: &str = "请在 Word 或 WPS 中另存为 .docx 后再检查";
        match (self, lang) {
            (E::TooLarge { size, limit }, Lang::Zh) => format!(
                "文件过大（{}），超过读取上限 {}，不像是一份年度报告。",
                mb(*size),
                mb(*limit)
            ),
            (E::TooLarge { size, limit }, Lang::En) => {
                format!("the file is too large ({size} bytes; the limit is {limit} bytes)")
            }
            (E::Legacy, Lang::Zh) => {
                format!("这是旧版 Word（.doc）或 WPS（.wps）格式的文档，无法直接读取。{RESAVE}。")
            }
            (E::Legacy, Lang::En) => "this is an old binary Word (.doc) or WPS (.wps) document, \
                which cannot be read; save it as .docx in Word or WPS and check it again"
                .into(),
            (E::Encrypted, Lang::Zh) => "Word 文档设置了打开密码（已加密），无法读取。\
                请在 Word 或 WPS 中取消密码，另存为 .docx 后再检查。"
                .into(),
            (E::Encrypted, Lang::En) => "the Word document is password-protected (encrypted); \
                remove the password, save it as .docx and check it again"
                .into(),
            (E::Damaged { .. }, Lang::Zh) => format!(
                "Word 文档已损坏或不完整（可能没有下载完整），无法读取。请重新获取原文件，或{RESAVE}。"
            ),
            (E::Damaged { detail }, Lang::En) => {
                format!("the Word document is damaged or incomplete ({detail})")
            }
            (E::ZipBomb { .. }, Lang::Zh) => {
                "Word 文档解压后的内容异常巨大，可能是恶意构造的文件，已拒绝读取。".into()
            }
            (E::ZipBomb { detail }, Lang::En) => format!(
                "the Word document would inflate to an abnormal size and was refused ({detail})"
            ),
            (E::NotWord { kind }, Lang::Zh) => {
                let hint = match kind {
                    NotWordKind::OtherZip => {
                        "文件是压缩包，但里面没有 Word 正文（word/document.xml），可能是 Excel 工作簿或其他压缩文件。"
                    }
                    NotWordKind::OtherOle => "文件是旧版 Office 文件，但不是 Word 文档。",
                    NotWordKind::Rtf => "文件是 RTF 格式（只是扩展名像 Word 文档）。",
                    NotWordKind::Unknown => "无法识别文件内容。",
                };
                format!("不是 Word 文档（.docx）。{hint}{RESAVE}。")
            }
            (E::NotWord { kind }, Lang::En) => format!(
                "not a Word document (.docx): the content looks like {}",
                match kind {
                    NotWordKind::OtherZip => "a zip without word/document.xml",
                    NotWordKind::OtherOle => "an old Office file that is not Word",
                    NotWordKind::Rtf => "rich text (RTF)",
                    NotWordKind::Unknown => "nothing known",
                }
            ),
            (E::Xml { .. }, Lang::Zh) => {
                format!("Word 文档的内容已损坏（正文不是有效的 XML），无法读取。{RESAVE}。")
            }
            (E::Xml { part, detail }, Lang::En) => {
                format!("the Word document is damaged: {part} is not well-formed XML ({detail})")
            }
            (E::TooManyCells { limit }, Lang::Zh) => format!(
                "Word 文档中的表格过大（超过 {limit} 个单元格），不像是一份年度报告，已停止读取。"
            ),
            (E::TooManyCells { limit }, Lang::En) => {
                format!("the Word document's tables hold more than {limit} cells; reading stopped")
            }
            (E::TooDeep { limit }, Lang::Zh) => format!(
                "Word 文档中的表格或其他内容嵌套过深（超过 {limit} 层），不像是一份年度报告，已拒绝读取。"
            ),
            (E::TooDeep { limit }, Lang::En) => format!(
                "the Word document's tables or elements are nested more than {limit} deep; refused"
            ),
        }
    }
}

fn mb(bytes: u64) -> String {
    format!("{:.1} MB", bytes as f64 / (1024.0 * 1024.0))
}

fn damaged(e: impl std::fmt::Display) -> DocxError {
    DocxError::Damaged {
        detail: e.to_string(),
    }
}

// ---------------------------------------------------------------------------------------------
// Sniffing

/// True for a zip holding a Word document (`word/document.xml`).
pub fn sniff(bytes: &[u8]) -> bool {
    if !bytes.starts_with(b"PK") {
        return false;
    }
    let Ok(archive) = zip::ZipArchive::new(Cursor::new(bytes)) else {
        return false;
    };
    archive.file_names().flatten().any(|n| is_main_name(&n))
}

/// Whether a part name is a Word document's main part (`word/document.xml`): what makes a
/// package a Word document ([`sniff`]).
pub fn is_main_name(name: &str) -> bool {
    let n = name.trim_start_matches('/').to_ascii_lowercase();
    n == "word/document.xml"
        || (n.starts_with("word/document") && n.ends_with(".xml") && !n.contains("/_rels/"))
}

/// True for an old binary Word (`.doc`) or WPS (`.wps`) document: an OLE compound file holding
/// a `WordDocument` stream (WPS writes the Word binary format with extensions of its own).
pub fn is_legacy_word(bytes: &[u8]) -> bool {
    ole_has_stream(bytes, "WordDocument")
}

/// True for an encrypted OOXML package (an OLE compound file with `EncryptedPackage`).
fn is_encrypted_package(bytes: &[u8]) -> bool {
    ole_has_stream(bytes, "EncryptedPackage") || ole_has_stream(bytes, "EncryptionInfo")
}

fn ole_has_stream(bytes: &[u8], name: &str) -> bool {
    if !bytes.starts_with(&OLE_MAGIC) {
        return false;
    }
    match ole_names(bytes) {
        Some(names) => names.iter().any(|n| n == name),
        // A directory that cannot be walked: look for the UTF-16 name anywhere.
        None => {
            let needle: Vec<u8> = name.encode_utf16().flat_map(u16::to_le_bytes).collect();
            bytes.windows(needle.len()).any(|w| w == needle.as_slice())
        }
    }
}

/// The names in an OLE compound file's directory, `None` if it cannot be walked.
fn ole_names(bytes: &[u8]) -> Option<Vec<String>> {
    const END: u32 = 0xFFFF_FFFA; // ids from here up are markers (free, end of chain, …)
    let u32_in = |b: &[u8], i: usize| -> Option<u32> {
        b.get(i..i + 4)
            .map(|s| u32::from_le_bytes([s[0], s[1], s[2], s[3]]))
    };
    let shift = bytes
        .get(0x1E..0x20)
        .map(|s| u16::from_le_bytes([s[0], s[1]]))?;
    if shift != 9 && shift != 12 {
        return None;
    }
    let size = 1usize << shift;
    let per = size / 4;
    let total = bytes.len() / size;
    let sector = |id: u32| -> Option<&[u8]> {
        let start = (id as usize).checked_add(1)?.checked_mul(size)?;
        bytes.get(start..start.checked_add(size)?)
    };
    let mut fat = Vec::new();
    for k in 0..109 {
        let id = u32_in(bytes, 0x4C + 4 * k)?;
        if id < END {
            fat.push(id);
        }
    }
    let mut difat = u32_in(bytes, 0x44)?;
    let mut steps = 0;
    while difat < END {
        steps += 1;
        if steps > total || fat.len() > total {
            return None;
        }
        let s = sector(difat)?;
        for k in 0..per - 1 {
            let id = u32_in(s, 4 * k)?;
            if id < END {
                fat.push(id);
            }
        }
        difat = u32_in(s, size - 4)?;
    }
    let next = |id: u32| -> Option<u32> {
        let s = sector(*fat.get(id as usize / per)?)?;
        u32_in(s, (id as usize % per) * 4)
    };
    let mut names = Vec::new();
    let mut dir = u32_in(bytes, 0x30)?;
    let mut steps = 0;
    while dir < END {
        steps += 1;
        if steps > total {
            return None;
        }
        for entry in sector(dir)?.chunks_exact(128) {
            let len = usize::from(u16::from_le_bytes([entry[64], entry[65]]));
            if entry[66] == 0 || !(2..=64).contains(&len) {
                continue;
            }
            let units: Vec<u16> = entry[..len - 2]
                .chunks_exact(2)
                .map(|c| u16::from_le_bytes([c[0], c[1]]))
                .collect();
            names.push(String::from_utf16_lossy(&units));
        }
        dir = next(dir)?;
    }
    Some(names)
}

// ---------------------------------------------------------------------------------------------
// The package

/// A docx zip whose central directory has been checked, read part by part within a budget.
struct Package<'a> {
    archive: zip::ZipArchive<Cursor<&'a [u8]>>,
    names: Vec<String>,
    budget: u64,
}

impl<'a> Package<'a> {
    fn open(bytes: &'a [u8], limits: &Limits) -> Result<Package<'a>, DocxError> {
        let mut archive = zip::ZipArchive::new(Cursor::new(bytes)).map_err(damaged)?;
        if archive.len() > MAX_ZIP_ENTRIES {
            return Err(DocxError::ZipBomb {
                detail: format!("{} entries (limit {MAX_ZIP_ENTRIES})", archive.len()),
            });
        }
        let max = limits.max_inflated_bytes;
        let mut declared: u64 = 0;
        let mut names = Vec::with_capacity(archive.len());
        for i in 0..archive.len() {
            let entry = archive.by_index_raw(i).map_err(damaged)?;
            if entry.encrypted() {
                return Err(DocxError::Encrypted);
            }
            let name = entry.name().map(|n| n.to_string()).unwrap_or_default();
            let size = entry.size();
            let packed = entry.compressed_size().max(1);
            declared = declared.saturating_add(size);
            if declared > max {
                return Err(DocxError::ZipBomb {
                    detail: format!("declared size above {max} bytes"),
                });
            }
            if size > RATIO_FLOOR && size / packed > MAX_COMPRESSION_RATIO {
                return Err(DocxError::ZipBomb {
                    detail: format!("entry “{name}” inflates {}× ({size} bytes)", size / packed),
                });
            }
            names.push(name);
        }
        Ok(Package {
            archive,
            names,
            budget: max,
        })
    }

    /// The index of a part (OPC part names are case-insensitive).
    fn find(&self, name: &str) -> Option<usize> {
        let name = name.trim_start_matches('/');
        self.names
            .iter()
            .position(|n| n.trim_start_matches('/').eq_ignore_ascii_case(name))
    }

    /// Inflates a part, at most `cap` bytes, within the package's budget.
    fn read(&mut self, index: usize, cap: u64) -> Result<Vec<u8>, DocxError> {
        let entry = self.archive.by_index(index).map_err(damaged)?;
        let declared = entry.size();
        if declared > self.budget || declared > cap {
            return Err(DocxError::ZipBomb {
                detail: format!("a part declares {declared} bytes, above what is allowed"),
            });
        }
        let mut data = Vec::with_capacity(usize::try_from(declared.min(1 << 20)).unwrap_or(0));
        entry
            .take(declared.saturating_add(1))
            .read_to_end(&mut data)
            .map_err(damaged)?;
        let read = data.len() as u64;
        if read > declared {
            return Err(DocxError::ZipBomb {
                detail: format!("a part inflates beyond its declared size of {declared} bytes"),
            });
        }
        self.budget -= read;
        Ok(data)
    }

    /// Inflates a part by name, `None` when it is absent.
    fn read_named(&mut self, name: &str, cap: u64) -> Result<Option<Vec<u8>>, DocxError> {
        match self.find(name) {
            Some(i) => self.read(i, cap).map(Some),
            None => Ok(None),
        }
    }

    /// The main document part: the `officeDocument` relationship's target, else
    /// `word/document.xml`.
    fn main_part(&mut self) -> Result<Option<usize>, DocxError> {
        if let Some(rels) = self.read_named("_rels/.rels", MAX_AUX_PART)? {
            let text = xml_text(&rels);
            if let Some(target) = office_document_target(&text) {
                let target = target.trim_start_matches('/');
                if let Some(i) = self.find(target) {
                    return Ok(Some(i));
                }
            }
        }
        Ok(self
            .find("word/document.xml")
            .or_else(|| self.names.iter().position(|n| is_main_name(n))))
    }
}

/// The target of the package relationship of type `…/officeDocument`.
fn office_document_target(rels: &str) -> Option<String> {
    let mut reader = Reader::from_str(rels);
    loop {
        match reader.read_event() {
            Ok(Event::Start(e) | Event::Empty(e)) if local(e.name().0) == "Relationship" => {
                let ty = attr(&e, "Type").unwrap_or_default();
                if ty.ends_with("/officeDocument") {
                    return attr(&e, "Target");
                }
            }
            Ok(Event::Eof) | Err(_) => return None,
            _ => {}
        }
    }
}

/// A part's bytes as text (UTF-8, or UTF-16 with a byte-order mark).
fn xml_text(bytes: &[u8]) -> String {
    if bytes.starts_with(&[0xFF, 0xFE]) || bytes.starts_with(&[0xFE, 0xFF]) {
        let encoding = if bytes[0] == 0xFF {
            encoding_rs::UTF_16LE
        } else {
            encoding_rs::UTF_16BE
        };
        let (text, _) = encoding.decode_with_bom_removal(bytes);
        return text.into_owned();
    }
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    String::from_utf8_lossy(bytes).into_owned()
}

fn local(qname: &str) -> &str {
    qname.rsplit(':').next().unwrap_or(qname)
}

/// An attribute's unescaped value by its local name (`w:val` → `val`).
fn attr(e: &BytesStart<'_>, name: &str) -> Option<String> {
    e.attributes()
        .flatten()
        .find(|a| local(a.key.0) == name)
        .map(|a| {
            a.normalized_value(quick_xml::XmlVersion::default())
                .map(|v| v.into_owned())
                .unwrap_or_else(|_| a.value.to_string())
        })
}

/// `w:val` read as a number.
fn attr_u32(e: &BytesStart<'_>, name: &str) -> Option<u32> {
    attr(e, name).and_then(|v| v.trim().parse().ok())
}

/// An on/off property (`<w:vanish/>`, `<w:vanish w:val="false"/>`).
fn on(e: &BytesStart<'_>) -> bool {
    !matches!(
        attr(e, "val").as_deref(),
        Some("0" | "false" | "off" | "none")
    )
}

/// The namespace prefixes a part uses for WordprocessingML and markup compatibility, from its
/// root element (Word always writes `w:` and `mc:`, other tools may not).
#[derive(Debug, Clone)]
struct Prefixes {
    w: String,
    mc: String,
}

impl Prefixes {
    fn from_root(e: &BytesStart<'_>) -> Prefixes {
        let mut p = Prefixes {
            w: "w".into(),
            mc: "mc".into(),
        };
        for a in e.attributes().flatten() {
            let key = a.key.0;
            let prefix = if key == "xmlns" {
                ""
            } else if let Some(p) = key.strip_prefix("xmlns:") {
                p
            } else {
                continue;
            };
            match a.value.as_ref() {
                W_NS | W_NS_STRICT => p.w = prefix.to_string(),
                MC_NS => p.mc = prefix.to_string(),
                _ => {}
            }
        }
        p
    }

    /// The element's WordprocessingML local name, or `None` for another namespace.
    fn w<'n>(&self, qname: &'n str) -> Option<&'n str> {
        split(qname, &self.w)
    }

    fn mc<'n>(&self, qname: &'n str) -> Option<&'n str> {
        split(qname, &self.mc)
    }
}

fn split<'n>(qname: &'n str, prefix: &str) -> Option<&'n str> {
    match qname.split_once(':') {
        Some((p, l)) if p == prefix => Some(l),
        None if prefix.is_empty() => Some(qname),
        _ => None,
    }
}

// ---------------------------------------------------------------------------------------------
// Reading

/// Reads a Word document into a document of grids and lines.
pub fn read(bytes: &[u8], limits: &Limits) -> Result<Document, DocxError> {
    let size = bytes.len() as u64;
    if size > limits.max_file_bytes {
        return Err(DocxError::TooLarge {
            size,
            limit: limits.max_file_bytes,
        });
    }
    if bytes.starts_with(&OLE_MAGIC) {
        return Err(if is_encrypted_package(bytes) {
            DocxError::Encrypted
        } else if is_legacy_word(bytes) {
            DocxError::Legacy
        } else {
            DocxError::NotWord {
                kind: NotWordKind::OtherOle,
            }
        });
    }
    if !bytes.starts_with(b"PK") {
        let kind = if bytes.starts_with(b"{\\rtf") {
            NotWordKind::Rtf
        } else {
            NotWordKind::Unknown
        };
        return Err(DocxError::NotWord { kind });
    }
    let mut package = Package::open(bytes, limits)?;
    let Some(main) = package.main_part()? else {
        return Err(DocxError::NotWord {
            kind: NotWordKind::OtherZip,
        });
    };
    let main_name = package.names[main].trim_start_matches('/').to_string();
    let dir = main_name
        .rsplit_once('/')
        .map(|(d, _)| format!("{d}/"))
        .unwrap_or_default();
    let body = xml_text(&package.read(main, u64::MAX)?);
    let numbering = if body.contains("numPr") || body.contains("pStyle") {
        read_numbering(&mut package, &dir)?
    } else {
        None
    };
    let mut doc = Document {
        kind: DocumentKind::Word,
        ..Document::default()
    };
    Body::new(limits, numbering).run(&body, &main_name, &mut doc)?;
    if let Some(core) = package.read_named("docProps/core.xml", MAX_AUX_PART)? {
        let (title, creator) = core_properties(&xml_text(&core));
        doc.title = title;
        doc.publisher = creator.filter(|c| is_organisation(c));
    }
    Ok(doc)
}

/// The numbering definitions and paragraph styles, when the document has any.
fn read_numbering(package: &mut Package<'_>, dir: &str) -> Result<Option<Numbering>, DocxError> {
    let Some(numbering) = package.read_named(&format!("{dir}numbering.xml"), MAX_AUX_PART)? else {
        return Ok(None);
    };
    let styles = package.read_named(&format!("{dir}styles.xml"), MAX_AUX_PART)?;
    // Numbering is a nicety: definitions that cannot be read leave the paragraphs unnumbered.
    let Ok(mut n) = Numbering::parse(&xml_text(&numbering)) else {
        return Ok(None);
    };
    if let Some(styles) = styles {
        n.styles = parse_styles(&xml_text(&styles)).unwrap_or_default();
    }
    Ok(Some(n))
}

/// `dc:title` and `dc:creator`, trimmed, when not empty.
fn core_properties(xml: &str) -> (Option<String>, Option<String>) {
    let mut reader = Reader::from_str(xml);
    let (mut title, mut creator) = (String::new(), String::new());
    let mut current: Option<bool> = None; // Some(true): title, Some(false): creator
    loop {
        match reader.read_event() {
            Ok(Event::Start(e)) => {
                current = match local(e.name().0) {
                    "title" => Some(true),
                    "creator" => Some(false),
                    _ => None,
                }
            }
            Ok(Event::End(_)) => current = None,
            Ok(Event::Text(t)) => match current {
                Some(true) => title.push_str(&t.xml10_content()),
                Some(false) => creator.push_str(&t.xml10_content()),
                None => {}
            },
            Ok(Event::GeneralRef(r)) => {
                if let (Some(c), Some(target)) = (
                    entity(&r),
                    match current {
                        Some(true) => Some(&mut title),
                        Some(false) => Some(&mut creator),
                        None => None,
                    },
                ) {
                    target.push(c);
                }
            }
            Ok(Event::Eof) | Err(_) => break,
            _ => {}
        }
    }
    let clean = |s: String| {
        let t = s.trim_matches(is_space).to_string();
        (!t.is_empty()).then_some(t)
    };
    (clean(title), clean(creator))
}

/// Authors that name a computer, an installation or a program, not the publishing agency.
const GENERIC_AUTHORS: &[&str] = &[
    "administrator",
    "admin",
    "user",
    "owner",
    "author",
    "微软用户",
    "微软中国",
    "用户",
    "作者",
    "windows 用户",
    "windows user",
    "microsoft",
    "microsoft office user",
    "microsoft office 用户",
    "python-docx",
    "unknown",
    "雨林木风",
    "番茄花园",
    "深度技术",
    "系统之家",
    "电脑公司",
    "中国",
    "china",
];

/// Organisation endings: a creator ending otherwise is a person or a machine.
const ORGANISATION_ENDINGS: &[&str] = &[
    "局", "委", "办", "室", "厅", "府", "院", "会", "部", "处", "署", "所", "站", "中心", "队",
    "馆", "街道", "镇", "乡", "司", "科", "组",
];

/// True when a document's author names an organisation (`某某县人民政府办公室`), not a person,
/// a computer or a program.
fn is_organisation(author: &str) -> bool {
    let a: String = author.chars().filter(|c| !is_space(*c)).collect();
    let lower = author.trim().to_lowercase();
    let cjk = a
        .chars()
        .filter(|c| ('\u{4e00}'..='\u{9fff}').contains(c))
        .count();
    cjk >= 3
        && !GENERIC_AUTHORS.contains(&lower.as_str())
        && !GENERIC_AUTHORS.contains(&a.as_str())
        && ORGANISATION_ENDINGS.iter().any(|e| a.ends_with(e))
}

fn entity(r: &quick_xml::events::BytesRef<'_>) -> Option<char> {
    if let Ok(Some(c)) = r.resolve_char_ref() {
        return Some(c);
    }
    match r.xml10_content().as_ref() {
        "lt" => Some('<'),
        "gt" => Some('>'),
        "amp" => Some('&'),
        "apos" => Some('\''),
        "quot" => Some('"'),
        _ => None,
    }
}

// ---------------------------------------------------------------------------------------------
// The body

#[derive(Debug)]
enum Frame {
    Table(TableB),
    Row(RowB),
    Cell(CellB),
    Para(ParaB),
}

#[derive(Debug)]
struct TableB {
    number: u32,
    /// Rows finished.
    row: u32,
    /// `w:gridCol` count.
    grid_cols: u32,
    cells: Vec<Pending>,
    /// Vertical merges open at a grid column: index in `cells`.
    open: BTreeMap<u32, usize>,
}

impl TableB {
    /// Grid columns: the table's grid, else as far as its cells reach.
    fn width(&self) -> u32 {
        if self.grid_cols > 0 {
            self.grid_cols
        } else {
            self.cells
                .iter()
                .map(|c| c.col.saturating_add(c.cols))
                .max()
                .unwrap_or(0)
        }
    }
}

/// A finished table (or two parts of a table split by a page break), made a grid at the end.
#[derive(Debug)]
struct Done {
    /// The tables joined, each with the grid row it starts at.
    numbers: Vec<(u32, u32)>,
    rows: u32,
    width: u32,
    cells: Vec<Pending>,
    /// Locations of the cells: the table number each came from.
    from: Vec<u32>,
}

#[derive(Debug)]
struct Pending {
    row: u32,
    col: u32,
    rows: u32,
    cols: u32,
    text: String,
}

#[derive(Debug, Default)]
struct RowB {
    /// The next grid column.
    col: u32,
    before: u32,
    started: bool,
    /// Vertical merges extended (or started) in this row.
    extended: Vec<usize>,
    /// The last cell placed in this row (for `w:hMerge`).
    last: Option<usize>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Merge {
    Restart,
    Continue,
}

#[derive(Debug, Default)]
struct CellB {
    span: Option<u32>,
    vmerge: Option<Merge>,
    hmerge: Option<Merge>,
    paras: Vec<String>,
}

#[derive(Debug, Default)]
struct ParaB {
    text: String,
    in_ppr: bool,
    in_run: bool,
    hidden: bool,
    in_t: bool,
    style: Option<String>,
    num_id: Option<u32>,
    ilvl: Option<u32>,
}

/// What is done with an element's content.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Skip {
    No,
    Subtree,
}

struct Body<'l> {
    limits: &'l Limits,
    numbering: Option<Numbering>,
    frames: Vec<Frame>,
    tables_open: usize,
    tables: u32,
    done: Vec<Done>,
    /// The last top-level table, while nothing but empty paragraphs (page breaks) follows it.
    continues: Option<usize>,
    lines: Vec<TextLine>,
    paragraphs: u32,
    cells: usize,
    depth: usize,
    /// Depth of the element whose subtree is being skipped.
    skipping: Option<usize>,
    /// Open fields: true while in the instruction (between `begin` and `separate`).
    fields: Vec<bool>,
    /// Open `mc:AlternateContent`: whether one of its branches has been read.
    alternates: Vec<bool>,
    /// Content Word keeps in other parts and this reader does not read: embedded chunks
    /// (`w:altChunk`, HTML or another document pasted in) and embedded Excel objects.
    alt_chunks: u32,
    excel_objects: u32,
    p: Prefixes,
}

impl std::fmt::Debug for Body<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Body")
            .field("frames", &self.frames.len())
            .field("tables", &self.done.len())
            .field("lines", &self.lines.len())
            .finish()
    }
}

impl<'l> Body<'l> {
    fn new(limits: &'l Limits, numbering: Option<Numbering>) -> Body<'l> {
        Body {
            limits,
            numbering,
            frames: Vec::new(),
            tables_open: 0,
            tables: 0,
            done: Vec::new(),
            continues: None,
            lines: Vec::new(),
            paragraphs: 0,
            cells: 0,
            depth: 0,
            skipping: None,
            fields: Vec::new(),
            alternates: Vec::new(),
            alt_chunks: 0,
            excel_objects: 0,
            p: Prefixes {
                w: "w".into(),
                mc: "mc".into(),
            },
        }
    }

    fn run(mut self, xml: &str, part: &str, doc: &mut Document) -> Result<(), DocxError> {
        let mut reader = Reader::from_str(xml);
        let xml_error = |detail: String| DocxError::Xml {
            part: part.to_string(),
            detail,
        };
        let mut root = true;
        loop {
            let event = reader
                .read_event()
                .map_err(|e| xml_error(format!("{e} at byte {}", reader.error_position())))?;
            match event {
                Event::Start(e) => {
                    if root {
                        self.p = Prefixes::from_root(&e);
                        root = false;
                    }
                    self.depth += 1;
                    if self.depth > self.limits.max_depth as usize {
                        return Err(DocxError::TooDeep {
                            limit: self.limits.max_depth as usize,
                        });
                    }
                    if self.skipping.is_none() && self.start(&e, false)? == Skip::Subtree {
                        self.skipping = Some(self.depth);
                    }
                }
                Event::Empty(e) if self.skipping.is_none() => {
                    self.start(&e, true)?;
                }
                Event::End(e) => {
                    match self.skipping {
                        Some(d) if d == self.depth => self.skipping = None,
                        Some(_) => {}
                        None => self.end(e.name().0)?,
                    }
                    self.depth = self.depth.saturating_sub(1);
                }
                Event::Text(t) if self.capturing() => {
                    let text = t.xml10_content();
                    self.push_text(&text);
                }
                Event::CData(t) if self.capturing() => {
                    let text = t.xml10_content();
                    self.push_text(&text);
                }
                Event::GeneralRef(r) if self.capturing() => {
                    if let Some(c) = entity(&r) {
                        self.push_text(c.encode_utf8(&mut [0; 4]));
                    }
                }
                Event::Eof => break,
                _ => {}
            }
        }
        if self.depth != 0 || root {
            return Err(xml_error(
                "the document ends before its last element".into(),
            ));
        }
        self.done
            .sort_by_key(|d| d.numbers.first().map(|&(n, _)| n));
        doc.grids = self.done.into_iter().map(grid).collect();
        doc.lines = self.lines;
        doc.issues
            .extend(embedded_issues(self.alt_chunks, self.excel_objects));
        Ok(())
    }

    fn para(&mut self) -> Option<&mut ParaB> {
        match self.frames.last_mut() {
            Some(Frame::Para(p)) => Some(p),
            _ => None,
        }
    }

    fn capturing(&self) -> bool {
        match self.frames.last() {
            Some(Frame::Para(p)) => {
                p.in_t && p.in_run && !p.hidden && !self.fields.iter().any(|&instr| instr)
            }
            _ => false,
        }
    }

    fn push_text(&mut self, s: &str) {
        if let Some(p) = self.para() {
            p.text.push_str(s);
        }
    }

    /// A run-level character (`w:tab`, `w:br`…), kept only inside a visible run.
    fn push_char(&mut self, c: char) {
        let in_instr = self.fields.iter().any(|&instr| instr);
        if let Some(p) = self.para()
            && p.in_run
            && !p.hidden
            && !in_instr
        {
            p.text.push(c);
        }
    }

    fn push_frame(&mut self, frame: Frame) -> Result<(), DocxError> {
        if self.frames.len() >= self.limits.max_depth as usize {
            return Err(DocxError::TooDeep {
                limit: self.limits.max_depth as usize,
            });
        }
        self.frames.push(frame);
        Ok(())
    }

    /// Handles an element's start; `empty` for a self-closing element (its end is handled here).
    fn start(&mut self, e: &BytesStart<'_>, empty: bool) -> Result<Skip, DocxError> {
        let qname = e.name().0;
        if let Some(name) = self.p.mc(qname) {
            return Ok(self.alternate(name, empty));
        }
        let Some(name) = self.p.w(qname) else {
            if local(qname) == "OLEObject"
                && attr(e, "ProgID").is_some_and(|p| p.starts_with("Excel."))
            {
                self.excel_objects += 1;
            }
            return Ok(Skip::No);
        };
        match name {
            "altChunk" => self.alt_chunks += 1,
            "tbl" => {
                if self.tables_open >= MAX_TABLE_NESTING {
                    return Err(DocxError::TooDeep {
                        limit: MAX_TABLE_NESTING,
                    });
                }
                self.tables += 1;
                self.tables_open += 1;
                self.push_frame(Frame::Table(TableB {
                    number: self.tables,
                    row: 0,
                    grid_cols: 0,
                    cells: Vec::new(),
                    open: BTreeMap::new(),
                }))?;
            }
            "tr" => self.push_frame(Frame::Row(RowB::default()))?,
            "gridCol" => {
                if let Some(Frame::Table(table)) = self.frames.last_mut() {
                    table.grid_cols = table.grid_cols.saturating_add(1);
                }
            }
            "tc" => {
                if let Some(Frame::Row(row)) = self.frames.last_mut()
                    && !row.started
                {
                    row.started = true;
                    row.col = row.before;
                }
                self.push_frame(Frame::Cell(CellB::default()))?;
            }
            "p" => self.push_frame(Frame::Para(ParaB::default()))?,
            "gridBefore" => {
                if let Some(Frame::Row(row)) = self.frames.last_mut() {
                    row.before = attr_u32(e, "val").unwrap_or(0).min(MAX_SPAN);
                }
            }
            "gridSpan" => {
                if let Some(Frame::Cell(cell)) = self.frames.last_mut() {
                    cell.span = attr_u32(e, "val").map(|v| v.clamp(1, MAX_SPAN));
                }
            }
            "vMerge" | "hMerge" => {
                if let Some(Frame::Cell(cell)) = self.frames.last_mut() {
                    let merge = if attr(e, "val").as_deref() == Some("restart") {
                        Merge::Restart
                    } else {
                        Merge::Continue
                    };
                    if name == "vMerge" {
                        cell.vmerge = Some(merge);
                    } else {
                        cell.hmerge = Some(merge);
                    }
                }
            }
            "pPr" => {
                if let Some(p) = self.para() {
                    p.in_ppr = !empty;
                }
            }
            "pStyle" | "numId" | "ilvl" => {
                if let Some(p) = self.para().filter(|p| p.in_ppr) {
                    match name {
                        "pStyle" => p.style = attr(e, "val"),
                        "numId" => p.num_id = attr_u32(e, "val"),
                        _ => p.ilvl = attr_u32(e, "val"),
                    }
                }
            }
            "r" => {
                if let Some(p) = self.para() {
                    p.in_run = !empty;
                    p.hidden = false;
                }
            }
            "vanish" => {
                if let Some(p) = self.para().filter(|p| p.in_run) {
                    p.hidden = on(e);
                }
            }
            "t" => {
                if let Some(p) = self.para() {
                    p.in_t = !empty;
                }
            }
            "tab" | "ptab" => self.push_char(' '),
            "br" | "cr" => self.push_char('\n'),
            "noBreakHyphen" => self.push_char('-'),
            "fldChar" => match attr(e, "fldCharType").as_deref() {
                Some("begin") => self.fields.push(true),
                Some("separate") => {
                    if let Some(f) = self.fields.last_mut() {
                        *f = false;
                    }
                }
                Some("end") => {
                    self.fields.pop();
                }
                _ => {}
            },
            // Deleted or moved-away text, field instructions, old properties of tracked
            // changes, section properties, ruby guide text: none of it is shown.
            "del" | "moveFrom" | "delText" | "instrText" | "delInstrText" | "pPrChange"
            | "rPrChange" | "tcPrChange" | "trPrChange" | "tblPrChange" | "tblGridChange"
            | "sectPrChange" | "numberingChange" | "sectPr" | "sdtPr" | "sdtEndPr" | "rt" => {
                return Ok(Skip::Subtree);
            }
            _ => {}
        }
        if empty {
            self.end(qname)?;
        }
        Ok(Skip::No)
    }

    /// `mc:AlternateContent`: read the first branch only.
    fn alternate(&mut self, name: &str, empty: bool) -> Skip {
        match name {
            "AlternateContent" if !empty => {
                self.alternates.push(false);
                Skip::No
            }
            "Choice" | "Fallback" => match self.alternates.last_mut() {
                Some(taken) if *taken => Skip::Subtree,
                Some(taken) => {
                    *taken = true;
                    Skip::No
                }
                None => Skip::No,
            },
            _ => Skip::No,
        }
    }

    fn end(&mut self, qname: &str) -> Result<(), DocxError> {
        if self.p.mc(qname) == Some("AlternateContent") {
            self.alternates.pop();
            return Ok(());
        }
        let Some(name) = self.p.w(qname) else {
            return Ok(());
        };
        match name {
            "tbl" => {
                if let Some(Frame::Table(_)) = self.frames.last()
                    && let Some(Frame::Table(table)) = self.frames.pop()
                {
                    self.tables_open -= 1;
                    self.finish_table(table);
                }
            }
            "tr" => {
                if let Some(Frame::Row(_)) = self.frames.last()
                    && let Some(Frame::Row(row)) = self.frames.pop()
                    && let Some(Frame::Table(table)) = self.frames.last_mut()
                {
                    table.open.retain(|_, i| row.extended.contains(i));
                    table.row += 1;
                }
            }
            "tc" => {
                if let Some(Frame::Cell(_)) = self.frames.last()
                    && let Some(Frame::Cell(cell)) = self.frames.pop()
                {
                    self.finish_cell(cell)?;
                }
            }
            "p" => {
                if let Some(Frame::Para(_)) = self.frames.last()
                    && let Some(Frame::Para(para)) = self.frames.pop()
                {
                    self.finish_para(para);
                }
            }
            "pPr" => {
                if let Some(p) = self.para() {
                    p.in_ppr = false;
                }
            }
            "r" => {
                if let Some(p) = self.para() {
                    p.in_run = false;
                    p.hidden = false;
                }
            }
            "t" => {
                if let Some(p) = self.para() {
                    p.in_t = false;
                }
            }
            _ => {}
        }
        Ok(())
    }

    fn finish_cell(&mut self, cell: CellB) -> Result<(), DocxError> {
        self.cells += 1;
        if self.cells > self.limits.max_cells {
            return Err(DocxError::TooManyCells {
                limit: self.limits.max_cells,
            });
        }
        let [.., Frame::Table(table), Frame::Row(row)] = &mut self.frames[..] else {
            return Ok(()); // a cell outside a row: nothing to place it in
        };
        let span = cell.span.unwrap_or(1);
        let col = row.col;
        row.col = row.col.saturating_add(span);
        let text = cell_text(&cell.paras);
        if cell.hmerge == Some(Merge::Continue)
            && let Some(last) = row.last.and_then(|i| table.cells.get_mut(i))
        {
            last.cols = last.cols.saturating_add(span);
            if last.text.is_empty() {
                last.text = text;
            }
            return Ok(());
        }
        if cell.vmerge == Some(Merge::Continue)
            && let Some(&i) = table.open.get(&col)
            && let Some(top) = table.cells.get_mut(i)
        {
            top.rows = table.row - top.row + 1;
            if top.text.is_empty() {
                top.text = text;
            }
            row.extended.push(i);
            row.last = Some(i);
            return Ok(());
        }
        let i = table.cells.len();
        table.cells.push(Pending {
            row: table.row,
            col,
            rows: 1,
            cols: span,
            text,
        });
        row.last = Some(i);
        if cell.vmerge == Some(Merge::Restart) {
            table.open.insert(col, i);
            row.extended.push(i);
        } else {
            table.open.remove(&col);
        }
        Ok(())
    }

    fn finish_table(&mut self, table: TableB) {
        let width = table.width();
        let top_level = self.tables_open == 0;
        // A top-level table following another with only empty paragraphs (a page break)
        // between them, on the same grid, is the rest of that table: Word shows one table
        // broken over two pages.
        let previous = self
            .continues
            .filter(|_| top_level)
            .and_then(|i| self.done.get_mut(i).map(|d| (i, d)))
            .filter(|(_, d)| d.width == width && width > 0);
        if let Some((i, done)) = previous {
            join(done, table);
            self.continues = Some(i);
            return;
        }
        let n = table.cells.len();
        self.done.push(Done {
            numbers: vec![(table.number, 0)],
            rows: table.row,
            width,
            cells: table.cells,
            from: vec![table.number; n],
        });
        if top_level {
            self.continues = Some(self.done.len() - 1);
        }
    }

    fn finish_para(&mut self, para: ParaB) {
        let mut text = para.text;
        if let Some(numbering) = self.numbering.as_mut()
            && let Some(label) = numbering.label(para.style.as_deref(), para.num_id, para.ilvl)
            && !text.trim_matches(is_space).is_empty()
        {
            text.insert_str(0, &label);
        }
        // Where the paragraph's text goes: the innermost cell (a text box in a cell counts as
        // the cell's), else the running text.
        for frame in self.frames.iter_mut().rev() {
            match frame {
                Frame::Cell(cell) => {
                    cell.paras.push(text);
                    return;
                }
                Frame::Table(_) | Frame::Row(_) => return,
                Frame::Para(_) => {}
            }
        }
        let mut any = false;
        for line in text.split('\n') {
            let line = line.trim_matches(is_space);
            if line.is_empty() {
                continue;
            }
            if !any {
                self.paragraphs += 1;
                self.continues = None;
                any = true;
            }
            self.lines.push(TextLine {
                text: line.to_string(),
                location: Location::Paragraph(self.paragraphs),
            });
        }
    }
}

/// Appends the rows of a table's continuation. A vertical merge reaching the last row goes on
/// over the empty merged cell that starts the continuation in the same columns (Word restarts
/// merges where it splits a table).
fn join(done: &mut Done, table: TableB) {
    let offset = done.rows;
    let reaching: Vec<usize> = (0..done.cells.len())
        .filter(|&i| done.cells[i].row + done.cells[i].rows == offset)
        .collect();
    for mut cell in table.cells {
        if cell.row == 0
            && cell.text.is_empty()
            && let Some(&i) = reaching
                .iter()
                .find(|&&i| done.cells[i].col == cell.col && done.cells[i].cols == cell.cols)
        {
            done.cells[i].rows += cell.rows;
            continue;
        }
        cell.row += offset;
        done.cells.push(cell);
        done.from.push(table.number);
    }
    done.rows += table.row;
    done.numbers.push((table.number, offset));
}

/// A finished table as a grid (`表格 2`, or `表格 2–3` for a table split by a page break).
fn grid(done: Done) -> Grid {
    let first = done.numbers.first().map_or(0, |&(n, _)| n);
    let name = match done.numbers.last() {
        Some(&(last, _)) if last != first => format!("表格 {first}–{last}"),
        _ => format!("表格 {first}"),
    };
    let numbers = done.numbers;
    let cells = done
        .cells
        .into_iter()
        .zip(done.from)
        .filter(|(c, _)| !c.text.is_empty())
        .map(|(c, table)| {
            let base = numbers
                .iter()
                .find(|&&(n, _)| n == table)
                .map_or(0, |&(_, r)| r);
            let location = Location::TableCell {
                table,
                row: c.row - base + 1,
                col: c.col + 1,
            };
            GridCell::text(c.row, c.col, c.text, location).span(c.rows, c.cols)
        })
        .collect();
    Grid::new(name, Geometry::Exact, cells)
}

/// Warnings for content this reader cannot see: it is not in the document's own XML.
fn embedded_issues(alt_chunks: u32, excel_objects: u32) -> Vec<ImportIssue> {
    let issue = |zh: String, en: String| ImportIssue {
        code: "IMPORT-EMBEDDED",
        severity: Severity::Warning,
        cells: Vec::new(),
        location: None,
        zh,
        en,
    };
    let mut issues = Vec::new();
    if excel_objects > 0 {
        issues.push(issue(
            format!(
                "Word 文档中有 {excel_objects} 个嵌入的 Excel 表格对象，其中的数字未读取。\
                 如果年度报告的表格是这样插入的，请检查原 Excel 表格，或在 Word 中把它粘贴为普通表格后再检查。"
            ),
            format!(
                "the Word document embeds {excel_objects} Excel object(s) whose numbers were not \
                 read; check the workbook itself, or paste the table into Word as a plain table"
            ),
        ));
    }
    if alt_chunks > 0 {
        issues.push(issue(
            format!(
                "Word 文档中有 {alt_chunks} 处以其他格式嵌入的内容（altChunk），未读取。\
                 请在 Word 或 WPS 中打开后另存为 .docx 再检查。"
            ),
            format!(
                "the Word document holds {alt_chunks} embedded chunk(s) in another format \
                 (altChunk) that were not read; open it in Word or WPS, save it as .docx and check again"
            ),
        ));
    }
    issues
}

fn cell_text(paras: &[String]) -> String {
    paras.join("\n").trim_matches(is_space).to_string()
}

// ---------------------------------------------------------------------------------------------
// Automatic numbering

#[derive(Debug, Clone, Default)]
struct Level {
    start: Option<u32>,
    format: Option<String>,
    text: Option<String>,
    suffix: Option<String>,
    legal: bool,
    style: Option<String>,
}

#[derive(Debug, Default)]
struct Num {
    abstract_id: Option<u32>,
    starts: HashMap<u32, u32>,
    levels: HashMap<u32, Level>,
}

/// Paragraph style id → its numbering (`numId`, `ilvl`).
type StyleNumbering = HashMap<String, (Option<u32>, Option<u32>)>;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
enum CounterKey {
    Abstract(u32),
    Num(u32),
}

#[derive(Debug, Default)]
struct Numbering {
    abstracts: HashMap<u32, HashMap<u32, Level>>,
    nums: HashMap<u32, Num>,
    /// Paragraph style → its numbering, through `basedOn`.
    styles: StyleNumbering,
    counters: HashMap<CounterKey, [Option<u32>; 9]>,
}

impl Numbering {
    fn parse(xml: &str) -> Result<Numbering, quick_xml::Error> {
        let mut reader = Reader::from_str(xml);
        let mut n = Numbering::default();
        let mut p = Prefixes {
            w: "w".into(),
            mc: "mc".into(),
        };
        let mut root = true;
        let mut abstract_id: Option<u32> = None;
        let mut num_id: Option<u32> = None;
        let mut override_lvl: Option<u32> = None;
        let mut level: Option<(u32, Level)> = None;
        loop {
            let event = reader.read_event()?;
            let (e, empty) = match &event {
                Event::Start(e) => (e, false),
                Event::Empty(e) => (e, true),
                Event::End(e) => {
                    match p.w(e.name().0) {
                        Some("abstractNum") => abstract_id = None,
                        Some("num") => num_id = None,
                        Some("lvlOverride") => override_lvl = None,
                        Some("lvl") => n.store_level(abstract_id, num_id, level.take()),
                        _ => {}
                    }
                    continue;
                }
                Event::Eof => break,
                _ => continue,
            };
            if root {
                p = Prefixes::from_root(e);
                root = false;
            }
            let Some(name) = p.w(e.name().0) else {
                continue;
            };
            match name {
                "abstractNum" if !empty => abstract_id = attr_u32(e, "abstractNumId"),
                "num" if !empty => {
                    num_id = attr_u32(e, "numId");
                    if let Some(id) = num_id {
                        n.nums.entry(id).or_default();
                    }
                }
                "abstractNumId" => {
                    if let Some(num) = num_id.and_then(|id| n.nums.get_mut(&id)) {
                        num.abstract_id = attr_u32(e, "val");
                    }
                }
                "lvlOverride" if !empty => override_lvl = attr_u32(e, "ilvl"),
                "startOverride" => {
                    if let (Some(num), Some(l), Some(v)) = (
                        num_id.and_then(|id| n.nums.get_mut(&id)),
                        override_lvl,
                        attr_u32(e, "val"),
                    ) {
                        num.starts.insert(l, v);
                    }
                }
                "lvl" if !empty => {
                    let ilvl = attr_u32(e, "ilvl").or(override_lvl).unwrap_or(0);
                    level = Some((ilvl, Level::default()));
                }
                _ => {
                    if let Some((_, l)) = level.as_mut() {
                        match name {
                            "start" => l.start = attr_u32(e, "val"),
                            // Word 2010 writes a `custom` format in mc:Choice and a known one in
                            // mc:Fallback: keep the known one.
                            "numFmt" => {
                                let v = attr(e, "val");
                                if l.format.is_none() || v.as_deref() != Some("custom") {
                                    l.format = v;
                                }
                            }
                            "lvlText" => l.text = attr(e, "val"),
                            "suff" => l.suffix = attr(e, "val"),
                            "isLgl" => l.legal = on(e),
                            "pStyle" => l.style = attr(e, "val"),
                            _ => {}
                        }
                    }
                }
            }
        }
        Ok(n)
    }

    fn store_level(&mut self, abs: Option<u32>, num: Option<u32>, level: Option<(u32, Level)>) {
        let Some((ilvl, level)) = level else { return };
        if let Some(num) = num.and_then(|id| self.nums.get_mut(&id)) {
            num.levels.insert(ilvl, level);
        } else if let Some(abs) = abs {
            self.abstracts.entry(abs).or_default().insert(ilvl, level);
        }
    }

    fn level(&self, num: &Num, ilvl: u32) -> Option<Level> {
        let base = num
            .abstract_id
            .and_then(|a| self.abstracts.get(&a))
            .and_then(|levels| levels.get(&ilvl));
        match (num.levels.get(&ilvl), base) {
            (Some(o), Some(b)) => Some(Level {
                start: o.start.or(b.start),
                format: o.format.clone().or_else(|| b.format.clone()),
                text: o.text.clone().or_else(|| b.text.clone()),
                suffix: o.suffix.clone().or_else(|| b.suffix.clone()),
                legal: o.legal || b.legal,
                style: o.style.clone().or_else(|| b.style.clone()),
            }),
            (o, b) => o.or(b).cloned(),
        }
    }

    /// The number text of a paragraph (`一、`, `（二）`, `3.`), counting it; `None` when the
    /// paragraph is not numbered or is a bullet.
    fn label(
        &mut self,
        style: Option<&str>,
        num_id: Option<u32>,
        ilvl: Option<u32>,
    ) -> Option<String> {
        let (style_num, style_lvl) = style
            .and_then(|s| self.styles.get(s))
            .copied()
            .unwrap_or((None, None));
        let id = num_id.or(style_num).filter(|&id| id != 0)?;
        let num = self.nums.get(&id)?;
        let ilvl = match ilvl.or(style_lvl) {
            Some(l) => l,
            // A style linked from a level of the list.
            None => style
                .and_then(|s| {
                    let abs = self.abstracts.get(&num.abstract_id?)?;
                    abs.iter()
                        .find(|(_, l)| l.style.as_deref() == Some(s))
                        .map(|(i, _)| *i)
                })
                .unwrap_or(0),
        }
        .min(8);
        let key = if num.starts.is_empty() {
            CounterKey::Abstract(num.abstract_id.unwrap_or(u32::MAX))
        } else {
            CounterKey::Num(id)
        };
        let levels: Vec<Option<Level>> = (0..=ilvl).map(|l| self.level(num, l)).collect();
        let starts: Vec<u32> = (0..=ilvl)
            .map(|l| {
                num.starts
                    .get(&l)
                    .copied()
                    .or_else(|| levels[l as usize].as_ref().and_then(|v| v.start))
                    .unwrap_or(1)
            })
            .collect();
        let counters = self.counters.entry(key).or_insert([None; 9]);
        let i = ilvl as usize;
        counters[i] = Some(match counters[i] {
            Some(c) => c.saturating_add(1),
            None => starts[i],
        });
        for deeper in counters.iter_mut().skip(i + 1) {
            *deeper = None;
        }
        let counters = *counters;
        let level = levels[i].clone()?;
        let format = level.format.as_deref().unwrap_or("decimal");
        if format == "bullet" {
            return None;
        }
        let template = level.text.clone().unwrap_or_default();
        let mut out = String::new();
        let mut chars = template.chars().peekable();
        while let Some(c) = chars.next() {
            match (c, chars.peek().and_then(|d| d.to_digit(10))) {
                ('%', Some(d)) if (1..=9).contains(&d) => {
                    chars.next();
                    let l = (d - 1) as usize;
                    if l > i {
                        continue;
                    }
                    let value = counters[l].unwrap_or(starts.get(l).copied().unwrap_or(1));
                    let fmt = if level.legal && l < i {
                        "decimal"
                    } else {
                        levels[l]
                            .as_ref()
                            .and_then(|v| v.format.as_deref())
                            .unwrap_or("decimal")
                    };
                    out.push_str(&format_number(value, fmt));
                }
                _ => out.push(c),
            }
        }
        if out.is_empty() {
            return None;
        }
        let ends_in_punctuation = out
            .chars()
            .last()
            .is_some_and(|c| "、.．。）)：:,，".contains(c));
        if level.suffix.as_deref() != Some("nothing") && !ends_in_punctuation {
            out.push(' ');
        }
        Some(out)
    }
}

/// Paragraph styles' numbering, resolved through `basedOn`.
fn parse_styles(xml: &str) -> Result<StyleNumbering, quick_xml::Error> {
    #[derive(Default)]
    struct Raw {
        based_on: Option<String>,
        num: Option<u32>,
        ilvl: Option<u32>,
    }
    let mut reader = Reader::from_str(xml);
    let mut raw: HashMap<String, Raw> = HashMap::new();
    let mut current: Option<String> = None;
    let mut p = Prefixes {
        w: "w".into(),
        mc: "mc".into(),
    };
    let mut root = true;
    let mut skip = 0usize;
    loop {
        let event = reader.read_event()?;
        let e = match &event {
            Event::Start(e) | Event::Empty(e) => e,
            Event::End(e) => {
                let name = p.w(e.name().0);
                if skip > 0 {
                    if matches!(name, Some("pPrChange")) {
                        skip -= 1;
                    }
                } else if name == Some("style") {
                    current = None;
                }
                continue;
            }
            Event::Eof => break,
            _ => continue,
        };
        if root {
            p = Prefixes::from_root(e);
            root = false;
        }
        let Some(name) = p.w(e.name().0) else {
            continue;
        };
        if skip > 0 {
            continue;
        }
        match name {
            "pPrChange" if matches!(event, Event::Start(_)) => skip += 1,
            "style" if matches!(event, Event::Start(_)) => {
                current = (attr(e, "type").as_deref().unwrap_or("paragraph") == "paragraph")
                    .then(|| attr(e, "styleId"))
                    .flatten();
            }
            "basedOn" | "numId" | "ilvl" => {
                if let Some(id) = &current {
                    let r = raw.entry(id.clone()).or_default();
                    match name {
                        "basedOn" => r.based_on = attr(e, "val"),
                        "numId" => r.num = attr_u32(e, "val"),
                        _ => r.ilvl = attr_u32(e, "val"),
                    }
                }
            }
            _ => {}
        }
    }
    let mut resolved = HashMap::new();
    for id in raw.keys() {
        let (mut num, mut ilvl) = (None, None);
        let mut at = Some(id.as_str());
        for _ in 0..16 {
            let Some(r) = at.and_then(|s| raw.get(s)) else {
                break;
            };
            num = num.or(r.num);
            ilvl = ilvl.or(r.ilvl);
            at = r.based_on.as_deref();
        }
        if num.is_some() {
            resolved.insert(id.clone(), (num, ilvl));
        }
    }
    Ok(resolved)
}

/// A number in one of Word's numbering formats.
fn format_number(n: u32, format: &str) -> String {
    const CIRCLED: &str = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳";
    const PAREN: &str = "⑴⑵⑶⑷⑸⑹⑺⑻⑼⑽⑾⑿⒀⒁⒂⒃⒄⒅⒆⒇";
    const STOP: &str = "⒈⒉⒊⒋⒌⒍⒎⒏⒐⒑⒒⒓⒔⒕⒖⒗⒘⒙⒚⒛";
    const STEMS: &str = "甲乙丙丁戊己庚辛壬癸";
    const BRANCHES: &str = "子丑寅卯辰巳午未申酉戌亥";
    let nth = |set: &str| -> Option<String> {
        usize::try_from(n)
            .ok()
            .and_then(|i| i.checked_sub(1))
            .and_then(|i| set.chars().nth(i))
            .map(String::from)
    };
    let known = match format {
        "decimal" => None,
        "decimalZero" => Some(format!("{n:02}")),
        "chineseCounting"
        | "chineseCountingThousand"
        | "taiwaneseCounting"
        | "taiwaneseCountingThousand"
        | "japaneseCounting" => Some(chinese(n, false)),
        "chineseLegalSimplified" => Some(chinese(n, true)),
        "ideographDigital" | "taiwaneseDigital" => Some(
            n.to_string()
                .chars()
                .map(|d| {
                    d.to_digit(10)
                        .and_then(|v| "〇一二三四五六七八九".chars().nth(v as usize))
                        .unwrap_or(d)
                })
                .collect(),
        ),
        "ideographTraditional" => nth(STEMS),
        "ideographZodiac" => nth(BRANCHES),
        "decimalEnclosedCircle" | "decimalEnclosedCircleChinese" | "ideographEnclosedCircle" => {
            nth(CIRCLED)
        }
        "decimalEnclosedParen" => nth(PAREN),
        "decimalEnclosedFullstop" => nth(STOP),
        "decimalFullWidth" | "decimalFullWidth2" => Some(
            n.to_string()
                .chars()
                .map(|d| char::from_u32(d as u32 + 0xFEE0).unwrap_or(d))
                .collect(),
        ),
        "upperLetter" | "lowerLetter" => {
            let i = n.max(1) - 1;
            let letter = char::from(b'A' + (i % 26) as u8);
            let s: String = std::iter::repeat_n(letter, (i / 26 + 1).min(50) as usize).collect();
            Some(if format == "lowerLetter" {
                s.to_lowercase()
            } else {
                s
            })
        }
        "upperRoman" | "lowerRoman" => {
            let s = roman(n);
            Some(if format == "lowerRoman" {
                s.to_lowercase()
            } else {
                s
            })
        }
        "none" => Some(String::new()),
        _ => None,
    };
    known.unwrap_or_else(|| n.to_string())
}

fn chinese(n: u32, legal: bool) -> String {
    let digits: Vec<char> = if legal {
        "零壹贰叁肆伍陆柒捌玖".chars().collect()
    } else {
        "〇一二三四五六七八九".chars().collect()
    };
    let units: Vec<char> = if legal {
        "拾佰仟".chars().collect()
    } else {
        "十百千".chars().collect()
    };
    if n == 0 {
        return digits[0].to_string();
    }
    if n >= 10_000 {
        return n.to_string();
    }
    let zero = '零';
    let parts = [n / 1000, n / 100 % 10, n / 10 % 10, n % 10];
    let mut out = String::new();
    let mut pending_zero = false;
    for (k, &d) in parts.iter().enumerate() {
        if d == 0 {
            if !out.is_empty() {
                pending_zero = true;
            }
            continue;
        }
        if pending_zero {
            out.push(zero);
            pending_zero = false;
        }
        // 十一, not 一十一 (but 一百一十).
        if !(k == 2 && d == 1 && out.is_empty() && !legal) {
            out.push(digits[d as usize]);
        }
        if k < 3 {
            out.push(units[2 - k]);
        }
    }
    out
}

fn roman(mut n: u32) -> String {
    const TABLE: [(u32, &str); 13] = [
        (1000, "M"),
        (900, "CM"),
        (500, "D"),
        (400, "CD"),
        (100, "C"),
        (90, "XC"),
        (50, "L"),
        (40, "XL"),
        (10, "X"),
        (9, "IX"),
        (5, "V"),
        (4, "IV"),
        (1, "I"),
    ];
    if n == 0 || n > 3999 {
        return n.to_string();
    }
    let mut out = String::new();
    for (v, s) in TABLE {
        while n >= v {
            out.push_str(s);
            n -= v;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_in_word_formats() {
        let cases = [
            (1, "chineseCounting", "一"),
            (10, "chineseCounting", "十"),
            (11, "chineseCounting", "十一"),
            (20, "chineseCounting", "二十"),
            (23, "chineseCounting", "二十三"),
            (101, "chineseCounting", "一百零一"),
            (110, "chineseCounting", "一百一十"),
            (3, "chineseLegalSimplified", "叁"),
            (2, "ideographTraditional", "乙"),
            (3, "decimalEnclosedCircle", "③"),
            (4, "decimal", "4"),
            (4, "decimalZero", "04"),
            (12, "decimalFullWidth", "１２"),
            (28, "upperLetter", "BB"),
            (14, "lowerRoman", "xiv"),
        ];
        for (n, f, want) in cases {
            assert_eq!(format_number(n, f), want, "{n} {f}");
        }
    }

    #[test]
    fn organisations_not_people_or_machines() {
        for (author, want) in [
            ("某某县人民政府办公室", true),
            ("某某县交通运输局", true),
            ("Administrator", false),
            ("微软用户", false),
            ("张三", false),
            ("User", false),
            ("WPS_1633334444", false),
        ] {
            assert_eq!(is_organisation(author), want, "{author}");
        }
    }
}
