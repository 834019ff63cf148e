//! Reading workbooks (xlsx, xlsm, xls, ods) into a [`Report`].
//!
//! Tables are found by their labels, never by fixed coordinates: every label the reader looks
//! for comes from the core layout catalog ([`zfxxgk_core::layout`]) and is compared after
//! [`zfxxgk_core::normalize::label_key`]. This crate only turns sheets into the core's grids;
//! [`zfxxgk_core::import`] finds each table (see its `locate.rs`).
//!
//! # Shapes read
//!
//! - all tables in one sheet (stacked, with titles and notes between them) or one sheet per
//!   table, in any order, with any sheet names, starting at any row and column; table 二's blocks
//!   may even sit on different sheets;
//! - merged or unmerged headers and label cells (a merged cell's text is in its top-left cell),
//!   the official three-level headers, a one-row header, or headers flattened into one cell per
//!   column (`申请人情况—法人或其他组织—商业企业`, `行政复议结果维持`); the official three label
//!   columns or one;
//! - labels with line breaks or spaces (`商业\n企业`, `结果 维持`), full- or half-width
//!   punctuation (`(一)` / `（一）`), straight or curly quotes, `1、` or `1.` numbering, without
//!   numbering or without the trailing remark, written as the catalog's short name
//!   (`不予公开—属于国家秘密`) or as group and label in one cell (`（六）其他处理3.其他`), the aliases
//!   of [`zfxxgk_core::normalize::LABEL_ALIASES`] (`规范性文件`);
//! - the 2019 trial edition, recognised by [`zfxxgk_core::layout::MARKERS_2019`] (or, with no
//!   marker at all, by the 格式版本 of our 基本信息 sheet) and read with its own catalog;
//! - values: numbers, numbers as text, full-width digits, thousands separators, units
//!   (`12件`, `0.35万元`), float noise, formulas through their cached results, placeholders
//!   (`/`, `—`, `无`, …) kept apart from blanks and zeros; see [`zfxxgk_core::normalize`];
//! - metadata from our 基本信息 sheet, else from labelled cells on any sheet (`单位名称`,
//!   `填报单位（盖章）：某某局`, `机关名称:…`, `填报日期` …, a sheet named `封面` as well), else
//!   from a title `…{机关}{年}年政府信息公开工作年度报告…`, the options `agency`/`year` filling
//!   in only what none gives (`Report::agency_from` says where the name came from); a 填报日期
//!   typed as a spreadsheet date (1900 or 1904 system, or an OpenDocument date) is kept as
//!   `2025-01-15`; the narrative from our 报告正文 sheet.
//!
//! Every value read gets its sheet/A1 origin; every normalisation a [`zfxxgk_core::Note`];
//! everything missing or dubious an [`zfxxgk_core::ImportIssue`]: `IMPORT-MISSING-TABLE`,
//! `IMPORT-MISSING-ROW`, `IMPORT-MISSING-COLUMN`, `IMPORT-FORMULA` (a formula saved without its
//! result: read as blank), `IMPORT-UNIT` (an amount in 元 in the 万元 cell: kept as text, never
//! divided), all errors; `IMPORT-DUPLICATE-TABLE` (a table present twice: the first best one is
//! read), a warning.
//!
//! # Untrusted input: the limits
//!
//! The input is never trusted. A file is refused with a [`ReadError`] (never a panic) when:
//!
//! - it is empty, or larger than [`ReadOptions::max_file_bytes`] (default 50 MB; checked from the
//!   file's metadata before it is read, and again while reading);
//! - its content is not a workbook (decided by content, not by the file name: [`sniff`]); HTML,
//!   XML, PDF, other zips and text get their own hint;
//! - it is password-protected: an OLE file holding `EncryptedPackage`/`EncryptionInfo` (looked
//!   for only once calamine has failed on it), an xls with a FILEPASS record, an encrypted zip
//!   entry;
//! - (xlsx, ods) its zip central directory declares more than
//!   [`ReadOptions::max_inflated_bytes`] (default 100 MB) uncompressed in total, more than
//!   [`MAX_ZIP_ENTRIES`] entries, or an entry larger than 1 MB with a compression ratio above
//!   [`MAX_COMPRESSION_RATIO`]. The declared sizes are then verified: every entry is inflated once
//!   through a reader capped at its declared size, so a lying header cannot make the real
//!   inflation exceed the limit — unless the package is too small to exceed it whatever its
//!   headers say (stored and deflated entries inflate to at most 1032 times their packed bytes:
//!   a report of 20 KB to 20 MB at most), as every real report is;
//! - a sheet holds more than [`MAX_CELLS`] non-empty cells (xlsx), or (xls, ods) its used area
//!   (rows × columns from the first to the last non-empty cell) exceeds [`MAX_DENSE_CELLS`]:
//!   calamine reads those formats as dense ranges, so the extent is computed first from the BIFF
//!   records (through the strict `cfb` reader: an OLE structure it refuses is refused as damaged)
//!   or from `content.xml` (following `number-rows-repeated`/`number-columns-repeated`);
//! - a parser panics on malformed content (calamine's OLE reader does on some damaged xls): the
//!   panic is caught and reported as a damaged file (the command line's panic hook keeps Rust's
//!   panic text off the screen).
//!
//! xlsx sheets are streamed cell by cell (calamine's cell reader), so a stray value at
//! `XFD1048576` costs nothing and the file is read normally. A stray far value in an xls or ods
//! makes the file refused with a message saying so. Residual risk: a damaged xls can still make
//! calamine allocate about 130 MB transiently (the worst seen over 12,000 mutated files).

mod grid;
mod guard;

use std::io::Read;
use std::path::Path;

use zfxxgk_core::{Lang, Report};

pub use guard::{MAX_COMPRESSION_RATIO, MAX_DENSE_CELLS, MAX_ZIP_ENTRIES};

/// The largest number of non-empty cells read from one sheet.
pub const MAX_CELLS: usize = 1_000_000;

/// Options of a read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReadOptions {
    /// The agency name, used when the workbook names none.
    pub agency: Option<String>,
    /// The report year, used when the workbook gives none.
    pub year: Option<i32>,
    /// Files larger than this are refused (default 50 MB).
    pub max_file_bytes: u64,
    /// xlsx/ods whose parts inflate to more than this in total are refused (default 100 MB).
    pub max_inflated_bytes: u64,
    /// Refuse a workbook with the sheets of a summary `zfxxgk aggregate` writes (both
    /// [`crate::sheets::DETAIL`] and [`crate::sheets::FINDINGS`]) with [`ReadError::Summary`]
    /// instead of reading its total as one more report (default: read it). A collection round
    /// sets it, so that a summary left among the inputs is not counted again; the sheet names
    /// are the ones the reader opens anyway, so asking costs nothing.
    pub refuse_summaries: bool,
}

impl Default for ReadOptions {
    fn default() -> ReadOptions {
        ReadOptions {
            agency: None,
            year: None,
            max_file_bytes: 50 * 1024 * 1024,
            max_inflated_bytes: 100 * 1024 * 1024,
            refuse_summaries: false,
        }
    }
}

/// The container format of a workbook, as decided by its content.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum WorkbookFormat {
    /// Office Open XML (xlsx, xlsm): a zip holding `xl/workbook.xml`.
    Xlsx,
    /// Excel 97-2003 (xls): an OLE compound file. Encrypted xlsx files are OLE files too; the
    /// reader tells them apart.
    Xls,
    /// OpenDocument spreadsheet (ods).
    Ods,
}

/// What a file that is not a workbook looks like, for a helpful message.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NotWorkbookKind {
    /// An HTML page (often saved with a .xls name by web systems).
    Html,
    /// An XML file that is not a workbook package (e.g. Excel 2003 XML).
    Xml,
    /// A PDF document.
    Pdf,
    /// A zip archive that is not a workbook (or a Word document).
    OtherZip,
    /// Plain text (CSV and the like).
    Text,
    /// Anything else.
    Unknown,
}

/// Why a workbook could not be read. Messages never name the file (the caller adds the path)
/// and are written for the civil servants who use the tool.
#[derive(thiserror::Error, Debug)]
#[error("{}", self.message(Lang::Zh))]
pub enum ReadError {
    /// The file has no content.
    Empty,
    /// The file is larger than the limit.
    TooLarge {
        /// Size in bytes (at least this much).
        size: u64,
        /// The limit in bytes.
        limit: u64,
    },
    /// The content is not an xlsx, xls or ods workbook.
    NotAWorkbook {
        /// What it looks like.
        kind: NotWorkbookKind,
    },
    /// The workbook is password-protected.
    Encrypted,
    /// The workbook is damaged or incomplete.
    Corrupt {
        /// Technical detail (English, from the parser), shown in the English message.
        detail: String,
    },
    /// The zip would inflate to too much, or looks crafted to do so.
    ZipBomb {
        /// What was found (bytes declared or read, or a ratio).
        detail: String,
    },
    /// A sheet is too large to be a report.
    SheetTooLarge {
        /// The sheet name (empty when the parser does not say).
        sheet: String,
    },
    /// The workbook is readable but holds no table of the report.
    NotAReport {
        /// What is missing, in Chinese.
        zh: String,
        /// What is missing, in English.
        en: String,
    },
    /// The file could not be read from disk.
    Io {
        /// The kind of failure.
        kind: std::io::ErrorKind,
    },
    /// A summary workbook written by `zfxxgk aggregate` (only with
    /// [`ReadOptions::refuse_summaries`]).
    Summary,
}

impl ReadError {
    /// The message in the given language.
    pub fn message(&self, lang: Lang) -> String {
        use ReadError as E;
        match (self, lang) {
            (E::Empty, Lang::Zh) => "文件是空的（0 字节），没有可读取的内容。".into(),
            (E::Empty, Lang::En) => "the file is empty (0 bytes)".into(),
            (E::TooLarge { size, limit }, Lang::Zh) => format!(
                "文件过大（{}），超过读取上限 {}，不像是一份年度报告统计表。",
                mb(*size),
                mb(*limit)
            ),
            (E::TooLarge { size, limit }, Lang::En) => format!(
                "the file is too large ({} bytes; the limit is {} bytes)",
                size, limit
            ),
            (E::NotAWorkbook { kind }, Lang::Zh) => {
                let hint = match kind {
                    NotWorkbookKind::Html => {
                        "该文件实际是网页（HTML）文件，只是扩展名像表格。请用 Excel 或 WPS 打开后“另存为” .xlsx 格式再报送。"
                    }
                    NotWorkbookKind::Xml => {
                        "该文件是 XML 文件而不是标准工作簿。请用 Excel 或 WPS 打开后“另存为” .xlsx 格式再报送。"
                    }
                    NotWorkbookKind::Pdf => "该文件是 PDF 文档。请报送 Excel 工作簿（.xlsx）。",
                    NotWorkbookKind::OtherZip => {
                        "该文件是压缩包或 Word 文档，不是 Excel 工作簿。请报送 .xlsx 格式的统计表。"
                    }
                    NotWorkbookKind::Text => {
                        "该文件是纯文本文件。请报送 Excel 工作簿（.xlsx、.xls）或 WPS/LibreOffice 表格（.ods）。"
                    }
                    NotWorkbookKind::Unknown => {
                        "无法识别文件内容。请报送 Excel 工作簿（.xlsx、.xls）或 .ods 表格。"
                    }
                };
                format!("不是电子表格文件。{hint}")
            }
            (E::NotAWorkbook { kind }, Lang::En) => format!(
                "not a spreadsheet (xlsx, xls or ods); the content looks like {}",
                match kind {
                    NotWorkbookKind::Html => "an HTML page",
                    NotWorkbookKind::Xml => "an XML file",
                    NotWorkbookKind::Pdf => "a PDF document",
                    NotWorkbookKind::OtherZip => "a zip archive or a Word document",
                    NotWorkbookKind::Text => "plain text",
                    NotWorkbookKind::Unknown => "nothing known",
                }
            ),
            (E::Encrypted, Lang::Zh) => {
                "工作簿设置了打开密码（已加密），无法读取。请取消密码后重新保存，再报送。".into()
            }
            (E::Encrypted, Lang::En) => {
                "the workbook is password-protected (encrypted); remove the password and save it again".into()
            }
            (E::Corrupt { .. }, Lang::Zh) => {
                "文件已损坏或不完整，无法读取。请在 Excel 或 WPS 中打开确认后重新保存，或请报送单位重新发送。".into()
            }
            (E::Corrupt { detail }, Lang::En) => {
                format!("the file is damaged or incomplete ({detail})")
            }
            (E::ZipBomb { .. }, Lang::Zh) => {
                "文件解压后的内容异常巨大，可能是恶意构造的文件，已拒绝读取。".into()
            }
            (E::ZipBomb { detail }, Lang::En) => {
                format!("the file would inflate to an abnormal size and was refused ({detail})")
            }
            (E::SheetTooLarge { sheet }, Lang::Zh) if sheet.is_empty() => {
                "工作簿中有工作表的使用范围过大（可能在很远的单元格里误填了内容），不像是年度报告统计表，已拒绝读取。请删除多余内容后重新保存。".into()
            }
            (E::SheetTooLarge { sheet }, Lang::Zh) => format!(
                "工作表“{sheet}”中的内容过多（超过 {MAX_CELLS} 个非空单元格），不像是年度报告统计表，已拒绝读取。"
            ),
            (E::SheetTooLarge { sheet }, Lang::En) if sheet.is_empty() => {
                "a sheet's used range is too large and was refused".into()
            }
            (E::SheetTooLarge { sheet }, Lang::En) => {
                format!("sheet “{sheet}” has more than {MAX_CELLS} non-empty cells and was refused")
            }
            (E::NotAReport { zh, .. }, Lang::Zh) => {
                format!("这不是政府信息公开工作年度报告统计表：{zh}")
            }
            (E::NotAReport { en, .. }, Lang::En) => {
                format!("no table of the annual report was found: {en}")
            }
            (E::Io { kind }, Lang::Zh) => match kind {
                std::io::ErrorKind::NotFound => "文件不存在。".into(),
                std::io::ErrorKind::PermissionDenied => "没有读取该文件的权限。".into(),
                _ => "读取文件失败。".into(),
            },
            (E::Io { kind }, Lang::En) => format!("the file could not be read ({kind})"),
            (E::Summary, Lang::Zh) => {
                "这是用 zfxxgk 汇总生成的汇总表（含“明细”“校验结果”工作表），不是单位报送的年度报告。".into()
            }
            (E::Summary, Lang::En) => {
                "a summary workbook written by zfxxgk aggregate (with the 明细 and 校验结果 sheets), not an agency's report".into()
            }
        }
    }
}

fn mb(bytes: u64) -> String {
    format!("{:.1} MB", bytes as f64 / (1024.0 * 1024.0))
}

const ZIP_MAGIC: &[u8] = b"PK\x03\x04";
const ZIP_EMPTY_MAGIC: &[u8] = b"PK\x05\x06";
const OLE_MAGIC: &[u8] = &[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];
const ODS_MIMETYPE: &[u8] = b"application/vnd.oasis.opendocument.spreadsheet";

/// Decides the workbook format by content, not by extension: a zip holding `xl/workbook.xml`
/// (or, when the zip cannot be opened, whose first entry is an OOXML part) is xlsx; a zip whose
/// `mimetype` is the ODS one is ods; an OLE compound file is xls (or an encrypted xlsx). `None`
/// for anything else.
pub fn sniff(bytes: &[u8]) -> Option<WorkbookFormat> {
    if bytes.starts_with(OLE_MAGIC) {
        return Some(WorkbookFormat::Xls);
    }
    if !bytes.starts_with(ZIP_MAGIC) {
        return None;
    }
    // ODS puts an uncompressed `mimetype` entry first: its content follows the local header.
    if bytes.get(30..38) == Some(b"mimetype")
        && bytes.get(38..38 + ODS_MIMETYPE.len()) == Some(ODS_MIMETYPE)
    {
        return Some(WorkbookFormat::Ods);
    }
    match guard::zip_names(bytes) {
        Some(names) => {
            if names
                .iter()
                .any(|n| n.eq_ignore_ascii_case("xl/workbook.xml"))
            {
                Some(WorkbookFormat::Xlsx)
            } else if names.iter().any(|n| n == "content.xml")
                && names.iter().any(|n| n == "mimetype")
            {
                Some(WorkbookFormat::Ods)
            } else {
                None
            }
        }
        None => {
            // A damaged zip: guess from the first entry's name.
            let len = bytes
                .get(26..28)
                .map(|b| u16::from_le_bytes([b[0], b[1]]) as usize)
                .unwrap_or(0);
            let name = bytes.get(30..bytes.len().min(30 + len)).unwrap_or(&[]);
            let ooxml = [&b"[Content_Types].xml"[..], b"_rels/", b"xl/", b"docProps/"];
            // A name cut short by the truncation counts if it is the start of a part name.
            let known = |p: &[u8]| name.starts_with(p) || (!name.is_empty() && p.starts_with(name));
            ooxml
                .iter()
                .any(|p| known(p))
                .then_some(WorkbookFormat::Xlsx)
        }
    }
}

/// What non-workbook content looks like.
fn classify_other(bytes: &[u8]) -> NotWorkbookKind {
    if bytes.starts_with(ZIP_MAGIC) || bytes.starts_with(ZIP_EMPTY_MAGIC) {
        return NotWorkbookKind::OtherZip;
    }
    if bytes.starts_with(b"%PDF") {
        return NotWorkbookKind::Pdf;
    }
    let head = &bytes[..bytes.len().min(2048)];
    let text = String::from_utf8_lossy(head);
    let t = text
        .trim_start_matches('\u{feff}')
        .trim_start()
        .to_ascii_lowercase();
    if t.starts_with("<!doctype html")
        || t.starts_with("<html")
        || t.contains("<html")
        || t.contains("<table")
        || t.contains("<meta")
    {
        return NotWorkbookKind::Html;
    }
    if t.starts_with("<?xml") || t.starts_with('<') {
        return NotWorkbookKind::Xml;
    }
    let printable = head
        .iter()
        .filter(|&&b| b == b'\n' || b == b'\r' || b == b'\t' || b >= 0x20)
        .count();
    if std::str::from_utf8(head).is_ok() && printable == head.len() {
        NotWorkbookKind::Text
    } else {
        NotWorkbookKind::Unknown
    }
}

/// Reads a workbook file. The format is decided by content ([`sniff`]), not by the extension.
pub fn read_path(path: &Path, opts: &ReadOptions) -> Result<Report, ReadError> {
    let io = |e: std::io::Error| ReadError::Io { kind: e.kind() };
    let file = std::fs::File::open(path).map_err(io)?;
    let size = file.metadata().map_err(io)?.len();
    if size > opts.max_file_bytes {
        return Err(ReadError::TooLarge {
            size,
            limit: opts.max_file_bytes,
        });
    }
    let mut bytes = Vec::with_capacity(size as usize);
    file.take(opts.max_file_bytes.saturating_add(1))
        .read_to_end(&mut bytes)
        .map_err(io)?;
    read_bytes(&bytes, opts)
}

/// Reads a workbook held in memory.
pub fn read_bytes(bytes: &[u8], opts: &ReadOptions) -> Result<Report, ReadError> {
    let sheets = sheets_of(bytes, opts)?;
    let doc = zfxxgk_core::grid::Document {
        grids: sheets,
        ..Default::default()
    };
    let mut report = zfxxgk_core::import::read_document(&doc)
        .map_err(|e| ReadError::NotAReport { zh: e.zh, en: e.en })?;
    zfxxgk_core::import::fill_in(&mut report, opts.agency.as_deref(), opts.year);
    Ok(report)
}

/// The sheets of a workbook held in memory, within the limits and guards.
fn sheets_of(bytes: &[u8], opts: &ReadOptions) -> Result<Vec<grid::Sheet>, ReadError> {
    if bytes.is_empty() {
        return Err(ReadError::Empty);
    }
    if bytes.len() as u64 > opts.max_file_bytes {
        return Err(ReadError::TooLarge {
            size: bytes.len() as u64,
            limit: opts.max_file_bytes,
        });
    }
    let format = sniff(bytes).ok_or_else(|| ReadError::NotAWorkbook {
        kind: classify_other(bytes),
    })?;
    // The parsers (calamine, zip, cfb) are not known to be panic-free on malformed input
    // (calamine's OLE reader indexes out of bounds on some damaged xls files): a panic there is
    // turned into an error.
    std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| load(bytes, format, opts)))
        .unwrap_or_else(|_| {
            Err(ReadError::Corrupt {
                detail: "the parser failed on malformed content".into(),
            })
        })
}

/// Checks the container and loads its sheets.
fn load(
    bytes: &[u8],
    format: WorkbookFormat,
    opts: &ReadOptions,
) -> Result<Vec<grid::Sheet>, ReadError> {
    Ok(match format {
        // An encrypted xlsx is an OLE file without a workbook stream: calamine fails on it, and
        // only then are the OLE directory names looked at (a cell text cannot fool it).
        WorkbookFormat::Xls => {
            guard::check_xls_extent(bytes)?;
            grid::load_xls(bytes, opts.refuse_summaries).map_err(|e| match e {
                ReadError::Corrupt { .. } if guard::ole_is_encrypted(bytes) => ReadError::Encrypted,
                e => e,
            })?
        }
        WorkbookFormat::Xlsx => {
            guard::check_zip(bytes, opts.max_inflated_bytes)?;
            guard::check_shared_strings(bytes)?;
            grid::load_xlsx(bytes, opts.refuse_summaries)?
        }
        WorkbookFormat::Ods => {
            guard::check_zip(bytes, opts.max_inflated_bytes)?;
            guard::check_ods_extent(bytes)?;
            grid::load_ods(bytes, opts.refuse_summaries)?
        }
    })
}

/// The rows of a workbook's first sheet as text (for lists such as a roster of agencies): each
/// row from column A, empty strings for empty cells. The same limits and guards as a report.
pub fn read_rows(bytes: &[u8], opts: &ReadOptions) -> Result<Vec<Vec<String>>, ReadError> {
    let sheets = sheets_of(bytes, opts)?;
    let Some(sheet) = sheets.into_iter().find(|s| !s.cells.is_empty()) else {
        return Ok(Vec::new());
    };
    let mut rows: Vec<Vec<String>> = Vec::new();
    for cell in &sheet.cells {
        let (r, c) = (cell.row as usize, cell.col as usize);
        if rows.len() <= r {
            rows.resize(r + 1, Vec::new());
        }
        let row = &mut rows[r];
        if row.len() <= c {
            row.resize(c + 1, String::new());
        }
        row[c] = match &cell.value {
            zfxxgk_core::grid::Raw::Text(s) => s.clone(),
            zfxxgk_core::grid::Raw::Int(i) => i.to_string(),
            zfxxgk_core::grid::Raw::Float(f) => f.to_string(),
            zfxxgk_core::grid::Raw::Bool(b) => b.to_string(),
            _ => String::new(),
        };
    }
    Ok(rows)
}
