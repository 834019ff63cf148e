//! Checks made before a container is handed to calamine: zip bombs, encryption.

use std::io::{Cursor, Read};

use super::ReadError;

/// The largest number of entries a workbook zip may have.
pub const MAX_ZIP_ENTRIES: usize = 10_000;
/// The largest compression ratio (uncompressed / compressed) of an entry larger than
/// [`RATIO_FLOOR`]. Ordinary sheet XML compresses 10–50×; a run of identical cells can reach a
/// few hundred; deflate cannot exceed about 1032×.
pub const MAX_COMPRESSION_RATIO: u64 = 1_000;
/// Entries smaller than this are not judged by their ratio.
const RATIO_FLOOR: u64 = 1024 * 1024;

/// The entry names of a zip, `None` if its central directory cannot be read.
pub(crate) fn zip_names(bytes: &[u8]) -> Option<Vec<String>> {
    let archive = zip::ZipArchive::new(Cursor::new(bytes)).ok()?;
    archive
        .file_names()
        .map(|n| n.ok().map(|n| n.to_string()))
        .collect()
}

fn corrupt(e: impl std::fmt::Display) -> ReadError {
    ReadError::Corrupt {
        detail: e.to_string(),
    }
}

/// Walks the central directory and refuses archives that would inflate beyond `max_inflated`
/// (declared sizes, ratios, entry count), then verifies the declared sizes by inflating each
/// entry through a reader capped at its declared size.
pub(crate) fn check_zip(bytes: &[u8], max_inflated: u64) -> Result<(), ReadError> {
    let mut archive = zip::ZipArchive::new(Cursor::new(bytes)).map_err(corrupt)?;
    if archive.len() > MAX_ZIP_ENTRIES {
        return Err(ReadError::ZipBomb {
            detail: format!("{} entries (limit {MAX_ZIP_ENTRIES})", archive.len()),
        });
    }
    let mut declared: u64 = 0;
    for i in 0..archive.len() {
        let entry = archive.by_index_raw(i).map_err(corrupt)?;
        if entry.encrypted() {
            return Err(ReadError::Encrypted);
        }
        let size = entry.size();
        let packed = entry.compressed_size().max(1);
        declared = declared.saturating_add(size);
        if declared > max_inflated {
            return Err(ReadError::ZipBomb {
                detail: format!("declared size above {max_inflated} bytes"),
            });
        }
        if size > RATIO_FLOOR && size / packed > MAX_COMPRESSION_RATIO {
            return Err(ReadError::ZipBomb {
                detail: format!(
                    "entry “{}” inflates {}× ({size} bytes)",
                    entry.name().map(|n| n.to_string()).unwrap_or_default(),
                    size / packed
                ),
            });
        }
    }
    let mut sink = [0u8; 16 * 1024];
    for i in 0..archive.len() {
        let entry = archive.by_index(i).map_err(corrupt)?;
        let declared = entry.size();
        let mut capped = entry.take(declared.saturating_add(1));
        let mut read: u64 = 0;
        loop {
            let n = capped.read(&mut sink).map_err(corrupt)?;
            if n == 0 {
                break;
            }
            read += n as u64;
        }
        if read > declared {
            return Err(ReadError::ZipBomb {
                detail: format!("an entry inflates beyond its declared size of {declared} bytes"),
            });
        }
    }
    Ok(())
}

/// True if an OLE compound file holds the streams of an encrypted OOXML package
/// (`EncryptionInfo`, `EncryptedPackage`). The directory entry names are UTF-16LE.
pub(crate) fn ole_is_encrypted(bytes: &[u8]) -> bool {
    let utf16 = |s: &str| -> Vec<u8> { s.encode_utf16().flat_map(u16::to_le_bytes).collect() };
    let package = utf16("EncryptedPackage");
    let info = utf16("EncryptionInfo");
    contains(bytes, &package) || contains(bytes, &info)
}

fn contains(haystack: &[u8], needle: &[u8]) -> bool {
    !needle.is_empty() && haystack.windows(needle.len()).any(|w| w == needle)
}
