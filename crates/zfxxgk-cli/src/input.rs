//! Finding input files and reading them into reports, by content rather than by extension.

use std::path::{Path, PathBuf};

use zfxxgk_core::Report;

use crate::error::InputError;
use crate::formats;

/// The largest file read, of any kind (50 MB: a long CSV of 1,000 reports is about 30 MB; an
/// annual report's workbook is 10 to 100 KB).
pub const MAX_FILE_BYTES: u64 = 50 * 1024 * 1024;

/// File extensions a directory walk picks up.
pub const EXTENSIONS: &[&str] = &["xlsx", "xlsm", "xls", "ods", "json", "csv"];

/// What a file holds, decided from its first bytes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// The report JSON.
    Json,
    /// The long CSV.
    Csv,
    /// A zip container (xlsx, xlsm, ods).
    Zip,
    /// An OLE compound file (xls, or an encrypted xlsx).
    Ole,
}

/// Decides the kind of a file from its content.
pub fn sniff(bytes: &[u8]) -> Option<Kind> {
    if bytes.starts_with(b"PK\x03\x04") {
        return Some(Kind::Zip);
    }
    if bytes.starts_with(&[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]) {
        return Some(Kind::Ole);
    }
    let text = decode(bytes)?;
    let t = text.trim_start_matches('\u{feff}').trim_start();
    if t.starts_with('{') || t.starts_with('[') {
        return Some(Kind::Json);
    }
    let header = t.lines().next().unwrap_or("").to_ascii_lowercase();
    let fields: Vec<&str> = header
        .split(',')
        .map(|f| f.trim().trim_matches('"'))
        .collect();
    if fields.contains(&"cell") && fields.contains(&"value") {
        return Some(Kind::Csv);
    }
    None
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
    load_bytes(&bytes, options)
}

/// Options that apply to reading.
#[derive(Debug, Clone, Default)]
pub struct LoadOptions {
    /// Agency to use where a spreadsheet names none.
    pub agency: Option<String>,
    /// Year to use where a spreadsheet gives none.
    pub year: Option<i32>,
}

/// Reads every report in the bytes of a file.
pub fn load_bytes(bytes: &[u8], options: &LoadOptions) -> Result<Vec<Report>, InputError> {
    if bytes.is_empty() {
        return Err(InputError::Empty);
    }
    if bytes.len() as u64 > MAX_FILE_BYTES {
        return Err(InputError::TooLarge {
            size: bytes.len() as u64,
            limit: MAX_FILE_BYTES,
        });
    }
    match sniff(bytes) {
        Some(Kind::Json) => formats::json::parse(&decode(bytes).unwrap_or_default()),
        Some(Kind::Csv) => formats::csv::parse(&decode(bytes).unwrap_or_default()),
        // Workbooks, and anything else: the reader knows HTML pages saved as .xls, PDFs, zips.
        Some(Kind::Zip | Kind::Ole) | None => crate::spreadsheet::read(bytes, options),
    }
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
