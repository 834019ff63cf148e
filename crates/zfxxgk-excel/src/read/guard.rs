//! Checks made before a container is handed to calamine: zip bombs, encryption.

use std::io::{Cursor, Read};

use super::ReadError;

/// The largest number of entries a workbook zip may have.
pub const MAX_ZIP_ENTRIES: usize = 10_000;
/// The largest compression ratio (uncompressed / compressed) of an entry larger than
/// 1 MB. Ordinary sheet XML compresses 10–50×; a run of identical cells can reach a
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
    // What the entries can inflate to whatever their headers say, when each is stored or
    // deflated: at most DEFLATE_MAX_RATIO times their packed bytes.
    let mut bound: Option<u64> = Some(0);
    for i in 0..archive.len() {
        let entry = archive.by_index_raw(i).map_err(corrupt)?;
        if entry.encrypted() {
            return Err(ReadError::Encrypted);
        }
        let size = entry.size();
        bound = match entry.compression() {
            zip::CompressionMethod::Stored | zip::CompressionMethod::Deflated => bound.map(|b| {
                b.saturating_add(entry.compressed_size().saturating_mul(DEFLATE_MAX_RATIO))
            }),
            _ => None,
        };
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
    // A small package cannot inflate beyond the limit, whatever its headers declare (a report
    // of 20 KB at most to 20 MB): the verification below is then not needed. It is for larger
    // packages, whose headers could lie.
    if bound.is_some_and(|b| b <= max_inflated) {
        return Ok(());
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

/// The most a deflate stream can inflate to per byte (a run of one byte repeated takes at least
/// about 1 bit per 258 bytes: 1032 to 1, the format's known bound). A stored entry inflates to
/// exactly its packed size.
const DEFLATE_MAX_RATIO: u64 = 1032;

/// The fewest bytes one shared string takes in the part (`<si/>`).
const MIN_SHARED_STRING_BYTES: u64 = 5;

/// Refuses an xlsx whose shared strings declare more strings (`<sst uniqueCount="…">`) than the
/// part can hold. calamine reserves room for that many strings when it opens the workbook, before
/// any check of ours could run: `uniqueCount="4000000000"` (a 30-byte edit of any xlsx) asks for
/// 96 GB and aborts the process, which no `catch_unwind` can stop. The zip has been checked by
/// [`check_zip`] first, so the part's declared size bounds what it inflates to.
pub(crate) fn check_shared_strings(bytes: &[u8]) -> Result<(), ReadError> {
    use quick_xml::events::Event;

    let mut archive = zip::ZipArchive::new(Cursor::new(bytes)).map_err(corrupt)?;
    for i in 0..archive.len() {
        let entry = archive.by_index(i).map_err(corrupt)?;
        // calamine finds the part case-insensitively, in the workbook's folder.
        let name = entry.name().map(|n| n.to_ascii_lowercase());
        if !name.is_ok_and(|n| n.ends_with("sharedstrings.xml")) {
            continue;
        }
        let size = entry.size();
        // The count is in the part's first element: inflate a little at a time, not the part.
        let mut xml = quick_xml::Reader::from_reader(std::io::BufReader::with_capacity(512, entry));
        xml.config_mut().check_end_names = false;
        let mut buf = Vec::new();
        // calamine takes the first `sst` element wherever it is; so does this.
        let count = loop {
            buf.clear();
            match xml.read_event_into(&mut buf) {
                Ok(Event::Start(e) | Event::Empty(e)) if e.local_name().as_ref() == "sst" => {
                    break e
                        .attributes()
                        .flatten()
                        .find(|a| a.key.0 == "uniqueCount")
                        .map(|a| a.value.into_owned());
                }
                Ok(Event::Eof) | Err(_) => break None,
                Ok(_) => {}
            }
        };
        // calamine reads the count as digits (leading zeros skipped) and ignores anything else.
        let Some(count) = count else { continue };
        let digits = count.trim_start_matches('0');
        if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
            continue;
        }
        let most = size / MIN_SHARED_STRING_BYTES + 1;
        let declared = digits.parse::<u64>().unwrap_or(u64::MAX);
        if declared > most {
            return Err(corrupt(format!(
                "the shared strings declare {digits} strings, more than their {size} bytes hold"
            )));
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

/// The largest used area (rows × columns between the first and the last non-empty cell) of an
/// xls or ods sheet. calamine reads those formats as dense ranges, so a stray value far from the
/// table would make it allocate the whole area; such a sheet is refused before calamine sees it.
/// A report needs about 60 × 20 cells; 500,000 cells cost calamine about 50 MB.
pub const MAX_DENSE_CELLS: u64 = 500_000;

/// The most cells an xls sheet can hold (BIFF8: 65,536 rows × 256 columns). calamine reserves
/// room for the area a sheet's DIMENSIONS record declares before it reads a cell: a record
/// declaring more (14,848 columns, found by the fuzzer), or an inverted area (which calamine's
/// `last - first + 1` wraps into billions of rows), asks for tens of gigabytes and aborts the
/// process, which no `catch_unwind` can stop. Such a record is refused as damage.
pub const MAX_XLS_AREA: u64 = 65_536 * 256;

/// The area a DIMENSIONS record declares, computed as calamine 0.38 computes the room it
/// reserves (`xls.rs`, `parse_dimensions` and the worksheet loop), wrapping included.
fn dimensions_area(body: &[u8]) -> Option<u64> {
    let u16_at = |i: usize| {
        body.get(i..i + 2)
            .map(|s| u32::from(u16::from_le_bytes([s[0], s[1]])))
    };
    let u32_at = |i: usize| {
        body.get(i..i + 4)
            .map(|s| u32::from_le_bytes([s[0], s[1], s[2], s[3]]))
    };
    let (rf, rl, mut cf, cl) = match body.len() {
        10 => (u16_at(0)?, u16_at(2)?, u16_at(4)?, u16_at(6)?),
        14 | 16 => (u32_at(0)?, u32_at(4)?, u16_at(8)?, u16_at(10)?),
        // calamine refuses any other length.
        _ => return None,
    };
    if 0xFF < cf || cl < cf {
        cf = 0;
    }
    let (start, end) = if 1 <= rl && 1 <= cl {
        ((rf, cf), (rl - 1, cl - 1))
    } else {
        ((rf, cf), (rf, cf))
    };
    let rows = u64::from(end.0.wrapping_sub(start.0).wrapping_add(1));
    let cols = u64::from(end.1.wrapping_sub(start.1).wrapping_add(1));
    Some(rows.saturating_mul(cols))
}

/// Bounding box of a sheet's non-empty cells.
#[derive(Debug, Default, Clone, Copy)]
struct Extent(Option<(u32, u32, u32, u32)>);

impl Extent {
    fn add(&mut self, row: u32, col: u32) {
        self.0 = Some(match self.0 {
            None => (row, row, col, col),
            Some((r0, r1, c0, c1)) => (r0.min(row), r1.max(row), c0.min(col), c1.max(col)),
        });
    }

    fn cells(&self) -> u64 {
        self.0.map_or(0, |(r0, r1, c0, c1)| {
            (u64::from(r1 - r0) + 1) * (u64::from(c1 - c0) + 1)
        })
    }
}

fn too_large(extent: &Extent) -> Result<(), ReadError> {
    if extent.cells() > MAX_DENSE_CELLS {
        Err(ReadError::SheetTooLarge {
            sheet: String::new(),
        })
    } else {
        Ok(())
    }
}

/// Scans the BIFF records of an xls workbook stream for the extent of each sheet's cells (the
/// records calamine turns into values). A file whose OLE structure the (strict) `cfb` reader
/// refuses is refused as damaged: calamine's own, more lenient reader would otherwise read it
/// without this check (a damaged FAT can give cells in column 50,000).
pub(crate) fn check_xls_extent(bytes: &[u8]) -> Result<(), ReadError> {
    let mut file = cfb::CompoundFile::open(Cursor::new(bytes)).map_err(corrupt)?;
    let name = ["/Workbook", "/Book"]
        .into_iter()
        .find(|n| file.is_stream(n));
    let Some(name) = name else { return Ok(()) };
    let mut data = Vec::new();
    let stream = file.open_stream(name).map_err(corrupt)?;
    // The stream cannot be larger than the file.
    stream
        .take(bytes.len() as u64)
        .read_to_end(&mut data)
        .map_err(corrupt)?;
    let u16_at = |b: &[u8], i: usize| -> Option<u32> {
        b.get(i..i + 2)
            .map(|s| u32::from(u16::from_le_bytes([s[0], s[1]])))
    };
    let mut stack: Vec<Extent> = Vec::new();
    let mut i = 0usize;
    while let (Some(typ), Some(len)) = (u16_at(&data, i), u16_at(&data, i + 2)) {
        let start = i + 4;
        let Some(body) = data.get(start..start + len as usize) else {
            break;
        };
        match typ {
            // BOF: a substream (globals, sheet, chart) begins.
            0x0809 => stack.push(Extent::default()),
            // EOF
            0x000A => {
                if let Some(extent) = stack.pop() {
                    too_large(&extent)?;
                }
            }
            // FORMULA, LABELSST, NUMBER, RK, LABEL, BOOLERR, RSTRING
            0x0006 | 0x00FD | 0x0203 | 0x027E | 0x0204 | 0x0205 | 0x00D6 => {
                if let (Some(row), Some(col), Some(top)) =
                    (u16_at(body, 0), u16_at(body, 2), stack.last_mut())
                {
                    top.add(row, col);
                }
            }
            // DIMENSIONS: the area calamine reserves room for.
            0x0200 => {
                if let Some(area) = dimensions_area(body)
                    && area > MAX_XLS_AREA
                {
                    return Err(corrupt(format!(
                        "a sheet declares {area} cells (DIMENSIONS), more than an xls sheet holds"
                    )));
                }
            }
            // MULRK: row, first column, …, last column.
            0x00BD => {
                let last = body.len().checked_sub(2).and_then(|j| u16_at(body, j));
                if let (Some(row), Some(first), Some(last), Some(top)) =
                    (u16_at(body, 0), u16_at(body, 2), last, stack.last_mut())
                {
                    top.add(row, first);
                    top.add(row, last);
                }
            }
            _ => {}
        }
        i = start + len as usize;
    }
    for extent in &stack {
        too_large(extent)?;
    }
    Ok(())
}

/// Scans an ods `content.xml` for the extent of each table's non-empty cells (cells with an
/// `office:value-type`), following `number-rows-repeated` and `number-columns-repeated`. The zip
/// has been checked by [`check_zip`] first, so the part's size is bounded.
pub(crate) fn check_ods_extent(bytes: &[u8]) -> Result<(), ReadError> {
    use quick_xml::events::{BytesStart, Event};

    let mut archive = zip::ZipArchive::new(Cursor::new(bytes)).map_err(corrupt)?;
    let Ok(mut part) = archive.by_name("content.xml") else {
        return Ok(());
    };
    // Inflated whole (its size is bounded: the zip was checked) and read in place, without
    // copying each event into a buffer.
    let room = usize::try_from(part.size().min(1 << 24)).unwrap_or(0);
    let mut content = Vec::with_capacity(room);
    part.read_to_end(&mut content).map_err(corrupt)?;
    let mut xml = quick_xml::Reader::from_reader(content.as_slice());
    // One pass over an element's attributes: its repeat count under `name` (the first one
    // given) and whether it has a value type. (Duplicate attributes are not looked for: the
    // first of each name counts, as it would with the check.)
    let attributes = |e: &BytesStart<'_>, name: &str| -> (u64, bool) {
        let (mut repeat, mut valued) = (None, false);
        for a in e.attributes().with_checks(false).flatten() {
            if repeat.is_none() && a.key.0 == name {
                repeat = Some(a.value.trim().parse::<u64>().ok());
            } else if a.key.0 == "office:value-type" {
                valued = true;
            }
        }
        (repeat.flatten().unwrap_or(1).max(1), valued)
    };
    let clamp = |n: u64| u32::try_from(n).unwrap_or(u32::MAX);
    let mut extent = Extent::default();
    let (mut row, mut col, mut row_repeat) = (0u64, 0u64, 1u64);
    loop {
        let event = xml.read_event().map_err(corrupt)?;
        match &event {
            Event::Start(e) | Event::Empty(e) => match e.name().0 {
                "table:table" => {
                    too_large(&extent)?;
                    extent = Extent::default();
                    row = 0;
                }
                "table:table-row" => {
                    row_repeat = attributes(e, "table:number-rows-repeated").0;
                    col = 0;
                    if matches!(event, Event::Empty(_)) {
                        row = row.saturating_add(row_repeat);
                    }
                }
                "table:table-cell" | "table:covered-table-cell" => {
                    let (n, valued) = attributes(e, "table:number-columns-repeated");
                    if valued {
                        extent.add(clamp(row), clamp(col));
                        extent.add(
                            clamp(row.saturating_add(row_repeat - 1)),
                            clamp(col.saturating_add(n - 1)),
                        );
                        too_large(&extent)?;
                    }
                    col = col.saturating_add(n);
                }
                _ => {}
            },
            Event::End(e) if e.name().0 == "table:table-row" => {
                row = row.saturating_add(row_repeat);
            }
            Event::Eof => break,
            _ => {}
        }
    }
    too_large(&extent)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Found by the fuzzer: a DIMENSIONS record of 65,536 rows × 14,848 columns made calamine
    /// reserve 38.9 GB and abort the process.
    #[test]
    fn xls_dimensions_beyond_the_format_are_refused() {
        let bytes = include_bytes!(
            "../../../../tests/fixtures/fuzz/crashes/workbook/xls-dimensions-14848-columns.xls"
        );
        let err = check_xls_extent(bytes).unwrap_err();
        assert!(matches!(err, ReadError::Corrupt { .. }), "{err:?}");
    }

    #[test]
    fn dimensions_area_is_calamines() {
        let biff8 = |rf: u32, rl: u32, cf: u16, cl: u16| {
            let mut b = Vec::new();
            b.extend(rf.to_le_bytes());
            b.extend(rl.to_le_bytes());
            b.extend(cf.to_le_bytes());
            b.extend(cl.to_le_bytes());
            b.extend([0, 0]);
            dimensions_area(&b)
        };
        // A report's sheet: rows 0..60, columns 0..20 (last is exclusive).
        assert_eq!(biff8(0, 60, 0, 20), Some(60 * 20));
        // The largest sheet an xls holds.
        assert_eq!(biff8(0, 65_536, 0, 256), Some(MAX_XLS_AREA));
        // Empty: one cell.
        assert_eq!(biff8(0, 0, 0, 0), Some(1));
        // Inverted rows wrap in calamine's `last - first + 1`.
        assert!(biff8(10, 5, 0, 1).unwrap() > MAX_XLS_AREA);
        // Other lengths calamine refuses itself.
        assert_eq!(dimensions_area(&[0; 12]), None);
    }

    /// `uniqueCount="4000000000"` in the shared strings of any xlsx made calamine reserve 96 GB
    /// and abort the process.
    #[test]
    fn shared_strings_counting_more_than_the_part_holds_are_refused() {
        let bytes = include_bytes!(
            "../../../../tests/fixtures/fuzz/crashes/workbook/xlsx-shared-strings-4000000000.xlsx"
        );
        let err = check_shared_strings(bytes).unwrap_err();
        assert!(matches!(err, ReadError::Corrupt { .. }), "{err:?}");
        let good = include_bytes!("../../../../tests/fixtures/examples/formulas-libreoffice.xlsx");
        check_shared_strings(good).unwrap();
    }
}
