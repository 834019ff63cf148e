//! Sheets as grids of the core's import path ([`zfxxgk_core::grid`]), loaded from calamine. Only
//! this module touches calamine types.

use std::io::Cursor;

use calamine::{
    Data, DataRef, ExcelDateTime, ExcelDateTimeType, Ods, Reader, Xls, Xlsx, XlsxError,
};
use zfxxgk_core::grid::{Geometry, Grid, GridCell, Raw};

use super::{MAX_CELLS, ReadError};

/// A sheet as a grid of the core's import path.
pub(crate) type Sheet = Grid;

/// A cell of a sheet: its location (the sheet and the A1 reference) is the grid's to give.
fn cell(row: u32, col: u32, value: Raw, formula: Option<String>) -> GridCell {
    let c = GridCell::positioned(row, col, value);
    match formula {
        Some(f) => c.with_formula(f),
        None => c,
    }
}

fn corrupt(e: impl std::fmt::Display) -> ReadError {
    ReadError::Corrupt {
        detail: e.to_string(),
    }
}

fn from_data(d: &Data) -> Raw {
    match d {
        Data::Int(i) => Raw::Int(*i),
        Data::Float(f) => Raw::Float(*f),
        Data::String(s) => Raw::Text(s.clone()),
        Data::Bool(b) => Raw::Bool(*b),
        Data::DateTime(dt) => Raw::Date(serial_1900(dt)),
        Data::DateTimeIso(s) => iso_date(s),
        Data::DurationIso(s) => Raw::Text(s.clone()),
        Data::Error(e) => Raw::Error(e.to_string()),
        Data::Empty => Raw::Empty,
    }
}

fn from_data_ref(d: DataRef<'_>) -> Raw {
    match d {
        DataRef::Int(i) => Raw::Int(i),
        DataRef::Float(f) => Raw::Float(f),
        DataRef::String(s) => Raw::Text(s),
        DataRef::SharedString(s) => Raw::Text(s.to_string()),
        DataRef::Bool(b) => Raw::Bool(b),
        DataRef::DateTime(dt) => Raw::Date(serial_1900(&dt)),
        DataRef::DateTimeIso(s) => iso_date(&s),
        DataRef::DurationIso(s) => Raw::Text(s),
        DataRef::Error(e) => Raw::Error(e.to_string()),
        DataRef::Empty => Raw::Empty,
    }
}

/// The 1900-system serial of a spreadsheet date (a workbook saved in the 1904 system, as old
/// Mac Excel did, counts its serials 1462 days later), so that [`Raw::Date`] means one thing.
fn serial_1900(dt: &ExcelDateTime) -> f64 {
    let value = dt.as_f64();
    if !dt.is_datetime() {
        return value;
    }
    let as_1900 = ExcelDateTime::new(value, ExcelDateTimeType::DateTime, false);
    if as_1900.to_ymd_hms_milli() == dt.to_ymd_hms_milli() {
        value
    } else {
        value + 1462.0
    }
}

/// An ISO date or date-time (an OpenDocument date cell: `2025-01-15`, `2025-01-15T10:30:00`) as
/// a 1900-system serial, like the dates of the other formats; any other text stays text.
fn iso_date(s: &str) -> Raw {
    let (date, time) = s.split_once('T').unwrap_or((s, ""));
    let mut parts = date.splitn(3, '-').map(|p| p.parse::<i64>().ok());
    let (Some(Some(y)), Some(Some(m)), Some(Some(d))) = (parts.next(), parts.next(), parts.next())
    else {
        return Raw::Text(s.to_string());
    };
    if !(1900..=9999).contains(&y) || !(1..=12).contains(&m) || !(1..=31).contains(&d) {
        return Raw::Text(s.to_string());
    }
    let mut hms = time.split(':').map(|p| p.parse::<f64>().unwrap_or(0.0));
    let (h, mi, sec) = (
        hms.next().unwrap_or(0.0),
        hms.next().unwrap_or(0.0),
        hms.next().unwrap_or(0.0),
    );
    // Days from 1899-12-30 (serial 0 of the 1900 system, from 1900-03-01 on).
    let days = days_from_civil(y, m, d) - days_from_civil(1899, 12, 30);
    let days = if days < 61 { days - 1 } else { days };
    Raw::Date(days as f64 + (h * 3600.0 + mi * 60.0 + sec) / 86_400.0)
}

/// Days from 1970-01-01 to a civil date (proleptic Gregorian).
fn days_from_civil(y: i64, m: i64, d: i64) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

fn is_blank(raw: &Raw) -> bool {
    match raw {
        Raw::Empty => true,
        Raw::Text(s) => s.trim().is_empty(),
        _ => false,
    }
}

/// [`ReadError::Summary`] when `refuse` and the sheet names are those of a summary we write.
fn refuse_summary(names: &[String], refuse: bool) -> Result<(), ReadError> {
    let has = |sheet: &str| names.iter().any(|n| n == sheet);
    if refuse && has(crate::sheets::DETAIL) && has(crate::sheets::FINDINGS) {
        return Err(ReadError::Summary);
    }
    Ok(())
}

/// xlsx: every sheet streamed cell by cell, so the used range's size does not matter.
pub(crate) fn load_xlsx(bytes: &[u8], refuse: bool) -> Result<Vec<Sheet>, ReadError> {
    let mut book: Xlsx<_> = Xlsx::new(Cursor::new(bytes)).map_err(|e| match e {
        XlsxError::Password => ReadError::Encrypted,
        e => corrupt(e),
    })?;
    let names = book.sheet_names();
    refuse_summary(&names, refuse)?;
    let mut sheets = Vec::with_capacity(names.len());
    for name in names {
        let mut reader = book.worksheet_cells_reader(&name).map_err(corrupt)?;
        // The declared extent (`<dimension ref="A1:N40"/>`), when there is one, is at most the
        // cells to come: room for them at once, within reason.
        // (Computed here: calamine's `Dimensions::len` overflows on a reversed or huge range.)
        let d = reader.dimensions();
        let span = |a: u32, b: u32| u64::from(b.saturating_sub(a)) + 1;
        let declared = span(d.start.0, d.end.0).saturating_mul(span(d.start.1, d.end.1));
        let mut cells = Vec::with_capacity(usize::try_from(declared.min(1024)).unwrap_or(0));
        while let Some(rec) = reader.next_cell_with_formula_metadata().map_err(corrupt)? {
            let (row, col) = rec.pos;
            let formula = rec.formula.map(|f| match f {
                calamine::XlsxFormulaMetadata::Normal { formula }
                | calamine::XlsxFormulaMetadata::Shared { formula, .. } => formula,
                _ => String::new(),
            });
            let value = from_data_ref(rec.value);
            if is_blank(&value) && formula.is_none() {
                continue;
            }
            if cells.len() >= MAX_CELLS {
                return Err(ReadError::SheetTooLarge { sheet: name });
            }
            cells.push(cell(row, col, value, formula));
        }
        sheets.push(Grid::new(name, Geometry::Exact, cells));
    }
    Ok(sheets)
}

fn load_ranges<R: Reader<Cursor<Vec<u8>>>>(
    book: &mut R,
    refuse: bool,
) -> Result<Vec<Sheet>, ReadError>
where
    R::Error: std::fmt::Display,
{
    let names = book.sheet_names();
    refuse_summary(&names, refuse)?;
    let mut sheets = Vec::with_capacity(names.len());
    for name in names {
        let range = book.worksheet_range(&name).map_err(corrupt)?;
        let (r0, c0) = range.start().unwrap_or((0, 0));
        let mut cells = Vec::new();
        for (r, c, d) in range.used_cells() {
            let value = from_data(d);
            if is_blank(&value) {
                continue;
            }
            if cells.len() >= MAX_CELLS {
                return Err(ReadError::SheetTooLarge { sheet: name });
            }
            let row = r0.saturating_add(u32::try_from(r).unwrap_or(u32::MAX));
            let col = c0.saturating_add(u32::try_from(c).unwrap_or(u32::MAX));
            cells.push(cell(row, col, value, None));
        }
        sheets.push(Grid::new(name, Geometry::Exact, cells));
    }
    Ok(sheets)
}

/// xls (BIFF). Formulas are read through their cached results (not marked as formulas).
pub(crate) fn load_xls(bytes: &[u8], refuse: bool) -> Result<Vec<Sheet>, ReadError> {
    let mut book: Xls<_> = Xls::new(Cursor::new(bytes.to_vec())).map_err(|e| match e {
        calamine::XlsError::Password => ReadError::Encrypted,
        e => corrupt(e),
    })?;
    load_ranges(&mut book, refuse).map_err(|e| match e {
        ReadError::Corrupt { detail } if detail.contains("password") => ReadError::Encrypted,
        e => e,
    })
}

/// ods. Formulas are read through their cached results (not marked as formulas).
pub(crate) fn load_ods(bytes: &[u8], refuse: bool) -> Result<Vec<Sheet>, ReadError> {
    let mut book: Ods<_> = Ods::new(Cursor::new(bytes.to_vec())).map_err(ods_error)?;
    load_ranges(&mut book, refuse)
}

fn ods_error(e: calamine::OdsError) -> ReadError {
    match e {
        calamine::OdsError::Password => ReadError::Encrypted,
        calamine::OdsError::CellLimitExceeded { .. } => ReadError::SheetTooLarge {
            sheet: String::new(),
        },
        e => corrupt(e),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_are_1900_serials() {
        for (iso, want) in [
            ("2025-01-15", Raw::Date(45672.0)),
            ("2025-01-15T18:00:00", Raw::Date(45672.75)),
            ("1900-03-01", Raw::Date(61.0)),
            ("1900-01-01", Raw::Date(1.0)),
            ("PT12H", Raw::Text("PT12H".into())),
            ("2025-13-01", Raw::Text("2025-13-01".into())),
        ] {
            assert_eq!(iso_date(iso), want, "{iso}");
        }
        let mac = ExcelDateTime::new(44210.0, ExcelDateTimeType::DateTime, true);
        assert_eq!(serial_1900(&mac), 45672.0);
        let pc = ExcelDateTime::new(45672.0, ExcelDateTimeType::DateTime, false);
        assert_eq!(serial_1900(&pc), 45672.0);
    }
}
