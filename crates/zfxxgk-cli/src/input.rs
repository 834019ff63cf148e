//! Finding input files and reading them into reports, by content rather than by extension.

use std::path::{Path, PathBuf};

use zfxxgk_core::{Lang, Report};

use crate::error::InputError;
use crate::formats;

/// The largest file read, of any kind (50 MB: a long CSV of 1,000 reports is about 30 MB; an
/// annual report's workbook is 10 to 100 KB).
pub const MAX_FILE_BYTES: u64 = 50 * 1024 * 1024;

/// File extensions a directory walk picks up.
pub const EXTENSIONS: &[&str] = &[
    "xlsx", "xlsm", "xls", "ods", "json", "csv", "txt", "html", "htm", "shtml", "mht", "mhtml",
    "docx", "doc", "wps", "pdf",
];

/// What a file holds, decided from its content (never from its name alone).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// The report JSON.
    Json,
    /// The long CSV.
    Csv,
    /// A workbook: xlsx, xlsm, ods (zip) or xls (OLE), and anything the workbook reader explains.
    Workbook,
    /// A Word document (docx).
    Word,
    /// An old binary Word (.doc) or WPS (.wps) document.
    LegacyWord,
    /// A web page.
    Html,
    /// A PDF.
    Pdf,
    /// Plain text: a report copied from a page or a PDF.
    Text,
}

/// Decides the kind of a file from its content. The one thing content cannot tell is which
/// Office document an encrypted OLE file holds (an encrypted .xlsx and .docx look the same until
/// opened): there the file name's extension (`ext_hint`, lower case) decides which reader says so.
pub fn sniff_named(bytes: &[u8], ext_hint: &str) -> Kind {
    let ole = bytes.starts_with(&[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]);
    if ole && matches!(ext_hint, "docx" | "doc" | "wps" | "docm") {
        return Kind::Word;
    }
    sniff(bytes)
}

/// Decides the kind of a file from its content.
pub fn sniff(bytes: &[u8]) -> Kind {
    use zfxxgk_doc::read::{docx, html, pdf, text};
    if bytes.starts_with(b"PK\x03\x04") {
        return if docx::sniff(bytes) {
            Kind::Word
        } else {
            Kind::Workbook
        };
    }
    if bytes.starts_with(&[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]) {
        return if docx::is_legacy_word(bytes) {
            Kind::LegacyWord
        } else {
            Kind::Workbook
        };
    }
    if pdf::sniff(bytes) {
        return Kind::Pdf;
    }
    if let Some(text) = decode(&bytes[..bytes.len().min(4096)]).or_else(|| decode(bytes)) {
        let t = text.trim_start_matches('\u{feff}').trim_start();
        if t.starts_with('{') || t.starts_with('[') {
            return Kind::Json;
        }
        let header = t.lines().next().unwrap_or("").to_ascii_lowercase();
        let fields: Vec<&str> = header
            .split(',')
            .map(|f| f.trim().trim_matches('"'))
            .collect();
        if fields.contains(&"cell") && fields.contains(&"value") {
            return Kind::Csv;
        }
    }
    if html::sniff(bytes) {
        return Kind::Html;
    }
    if text::sniff(bytes) {
        return Kind::Text;
    }
    Kind::Workbook
}

/// Decodes text as UTF-8, or as GB18030 (what Excel and WPS write for "CSV" on Chinese Windows).
pub fn decode(bytes: &[u8]) -> Option<std::borrow::Cow<'_, str>> {
    if let Ok(s) = std::str::from_utf8(bytes) {
        return Some(s.into());
    }
    let (text, _, had_errors) = encoding_rs::GB18030.decode(bytes);
    if had_errors || text.chars().any(|c| c.is_control() && !c.is_whitespace()) {
        return None;
    }
    Some(text)
}

/// Reads every report in a file.
pub fn load(path: &Path, options: &LoadOptions) -> Result<Vec<Report>, InputError> {
    let size = std::fs::metadata(path)?.len();
    if size == 0 {
        return Err(InputError::Empty);
    }
    // Refuse before reading: a huge file must not be pulled into memory to be refused.
    if size > MAX_FILE_BYTES {
        return Err(InputError::TooLarge {
            size,
            limit: MAX_FILE_BYTES,
        });
    }
    let bytes = std::fs::read(path)?;
    let ext = path
        .extension()
        .map(|e| e.to_string_lossy().to_ascii_lowercase())
        .unwrap_or_default();
    load_kind(&bytes, sniff_named(&bytes, &ext), options)
}

/// A file read for a collection round: its reports, a digest of its bytes (byte-identical files
/// have the same), or the sign that it is a summary this tool wrote (never read as a report).
#[derive(Debug)]
pub struct Loaded {
    /// The reports (none for our own summary).
    pub reports: Vec<Report>,
    /// A digest of the bytes.
    pub digest: u64,
    /// The file is a summary workbook written by `zfxxgk aggregate`.
    pub own_summary: bool,
    /// The findings of each report, when the caller checked them while the reports still had
    /// their origins (empty otherwise).
    pub findings: Vec<Vec<zfxxgk_core::Finding>>,
}

/// Reads every report in a file like [`load`], with the file's digest; a summary workbook this
/// tool wrote is recognised by its content and not read as one more agency. A report that names
/// no agency takes the name in the file's name, if it has one, and says so.
pub fn load_file(path: &Path, options: &LoadOptions) -> Result<Loaded, InputError> {
    let size = std::fs::metadata(path)?.len();
    if size == 0 {
        return Err(InputError::Empty);
    }
    if size > MAX_FILE_BYTES {
        return Err(InputError::TooLarge {
            size,
            limit: MAX_FILE_BYTES,
        });
    }
    let bytes = std::fs::read(path)?;
    let digest = {
        use std::hash::{Hash, Hasher};
        let mut h = std::collections::hash_map::DefaultHasher::new();
        bytes.hash(&mut h);
        h.finish()
    };
    let ext = path
        .extension()
        .map(|e| e.to_string_lossy().to_ascii_lowercase())
        .unwrap_or_default();
    let kind = sniff_named(&bytes, &ext);
    if kind == Kind::Workbook && is_own_summary(&bytes) {
        return Ok(Loaded {
            reports: Vec::new(),
            digest,
            own_summary: true,
            findings: Vec::new(),
        });
    }
    let mut reports = load_kind(&bytes, kind, options)?;
    let stem = path
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    for report in &mut reports {
        name_from_file(report, &stem);
    }
    Ok(Loaded {
        reports,
        digest,
        own_summary: false,
        findings: Vec::new(),
    })
}

/// The last resort for a report without a name: the agency in the file's name
/// (`某某县交通运输局2025年政府信息公开工作年度报告.xlsx`), recorded as coming from there.
fn name_from_file(report: &mut Report, stem: &str) {
    if !report.agency.trim().is_empty() {
        return;
    }
    if let Some((agency, year)) = zfxxgk_core::import::agency_from_file_name(stem) {
        report.agency = agency;
        report.agency_from = Some(zfxxgk_core::AgencyFrom::FileName);
        if report.year.is_none() {
            report.year = year;
        }
    }
}

/// Whether a workbook is a summary written by `zfxxgk aggregate`: its custom document property
/// `zfxxgk_kind` says so, or (for summaries written before it) it has both the 明细 and the
/// 校验结果 sheets of a summary.
pub fn is_own_summary(bytes: &[u8]) -> bool {
    const PART_LIMIT: u64 = 4 * 1024 * 1024;
    if !bytes.starts_with(b"PK") {
        return false;
    }
    let part = |name: &str| {
        zfxxgk_ooxml::read_part(bytes, name, PART_LIMIT)
            .ok()
            .flatten()
            .unwrap_or_default()
    };
    let custom = part("docProps/custom.xml");
    if custom.contains("zfxxgk_kind") && custom.contains(">summary<") {
        return true;
    }
    let workbook = part("xl/workbook.xml");
    let sheet = |name: &str| workbook.contains(&format!("name=\"{name}\""));
    sheet(zfxxgk_excel::sheets::DETAIL) && sheet(zfxxgk_excel::sheets::FINDINGS)
}

/// The input file that `output` would replace, if it is one of `inputs` (compared as real paths:
/// `./a/../汇总.xlsx` and a link to it are the same file).
pub fn same_file_among(output: &Path, inputs: &[std::path::PathBuf]) -> Option<std::path::PathBuf> {
    let real = |p: &Path| -> Option<std::path::PathBuf> {
        if let Ok(c) = std::fs::canonicalize(p) {
            return Some(c);
        }
        let parent = p
            .parent()
            .filter(|d| !d.as_os_str().is_empty())
            .unwrap_or(Path::new("."));
        Some(std::fs::canonicalize(parent).ok()?.join(p.file_name()?))
    };
    let out = real(output)?;
    inputs
        .iter()
        .find(|i| real(i).is_some_and(|r| r == out))
        .cloned()
}

/// Options that apply to reading.
#[derive(Debug, Clone, Default)]
pub struct LoadOptions {
    /// Agency to use where a file names none.
    pub agency: Option<String>,
    /// Year to use where a file gives none.
    pub year: Option<i32>,
}

/// Reads every report in the bytes of a file: the one place where the size limit, the kind of
/// the content and the fill-ins of `--agency`/`--year` are decided, for every kind of input.
pub fn load_bytes(bytes: &[u8], options: &LoadOptions) -> Result<Vec<Report>, InputError> {
    load_kind(bytes, sniff(bytes), options)
}

fn load_kind(bytes: &[u8], kind: Kind, options: &LoadOptions) -> Result<Vec<Report>, InputError> {
    if bytes.is_empty() {
        return Err(InputError::Empty);
    }
    if bytes.len() as u64 > MAX_FILE_BYTES {
        return Err(InputError::TooLarge {
            size: bytes.len() as u64,
            limit: MAX_FILE_BYTES,
        });
    }
    let fill = formats::Fill {
        agency: options.agency.clone(),
        year: options.year,
    };
    let mut reports = match kind {
        Kind::Json => formats::json::parse_with(&decode(bytes).unwrap_or_default(), &fill)?,
        Kind::Csv => formats::csv::parse_with(&decode(bytes).unwrap_or_default(), &fill)?,
        Kind::Workbook => crate::spreadsheet::read(bytes)?,
        Kind::LegacyWord => {
            let e = zfxxgk_doc::read::docx::DocxError::Legacy;
            return Err(InputError::Published(
                e.message(Lang::Zh),
                e.message(Lang::En),
            ));
        }
        Kind::Word => published(bytes, zfxxgk_doc::read::Kind::Docx)?,
        Kind::Html => published(bytes, zfxxgk_doc::read::Kind::Html)?,
        Kind::Pdf => published(bytes, zfxxgk_doc::read::Kind::Pdf)?,
        Kind::Text => published(bytes, zfxxgk_doc::read::Kind::Text)?,
    };
    for report in &mut reports {
        zfxxgk_core::import::fill_in(report, options.agency.as_deref(), options.year);
    }
    Ok(reports)
}

/// A published report (text, web page, Word, PDF): the reader makes a document, the core's one
/// import path makes the report.
fn published(bytes: &[u8], kind: zfxxgk_doc::read::Kind) -> Result<Vec<Report>, InputError> {
    let limits = zfxxgk_doc::read::Limits {
        max_file_bytes: MAX_FILE_BYTES,
        ..zfxxgk_doc::read::Limits::default()
    };
    let doc = zfxxgk_doc::read::read(bytes, kind, &limits)
        .map_err(|e| InputError::Published(e.message(Lang::Zh), e.message(Lang::En)))?;
    let report = zfxxgk_core::import::read_document(&doc)
        .map_err(|e| InputError::Published(e.message(Lang::Zh), e.message(Lang::En)))?;
    Ok(vec![report])
}

/// Expands the command line's files and directories into files, in a stable order: each
/// argument in the order given, a directory's files sorted by path. Hidden files and Office lock
/// files (`~$…`) are skipped.
pub fn expand(args: &[PathBuf]) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for arg in args {
        if arg.is_dir() {
            let mut found = Vec::new();
            walk(arg, &mut found);
            found.sort();
            out.extend(found);
        } else {
            out.push(arg.clone());
        }
    }
    out
}

fn walk(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        let name = entry.file_name().to_string_lossy().to_string();
        if name.starts_with('.') || name.starts_with("~$") {
            continue;
        }
        let Ok(ft) = entry.file_type() else { continue };
        if ft.is_dir() {
            walk(&path, out);
        } else if ft.is_file() {
            let ext = path
                .extension()
                .map(|e| e.to_string_lossy().to_ascii_lowercase())
                .unwrap_or_default();
            if EXTENSIONS.contains(&ext.as_str()) {
                out.push(path);
            }
        }
    }
}
