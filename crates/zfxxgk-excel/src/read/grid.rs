//! Sheets as grids of the core's import path ([`zfxxgk_core::grid`]), loaded from calamine. Only
//! this module touches calamine types.

use std::io::Cursor;

use calamine::{Data, DataRef, Ods, Reader, Xls, Xlsx, XlsxError};
use zfxxgk_core::Location;
use zfxxgk_core::grid::{Geometry, Grid, GridCell, Raw};

use super::{MAX_CELLS, ReadError};

/// A sheet as a grid of the core's import path.
pub(crate) type Sheet = Grid;

fn cell(sheet: &str, row: u32, col: u32, value: Raw, formula: Option<String>) -> GridCell {
    let c = GridCell::new(row, col, value, Location::sheet_cell(sheet, row, col));
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
        Data::DateTime(dt) => Raw::Date(dt.as_f64()),
        Data::DateTimeIso(s) | Data::DurationIso(s) => Raw::Text(s.clone()),
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
        DataRef::DateTime(dt) => Raw::Date(dt.as_f64()),
        DataRef::DateTimeIso(s) | DataRef::DurationIso(s) => Raw::Text(s),
        DataRef::Error(e) => Raw::Error(e.to_string()),
        DataRef::Empty => Raw::Empty,
    }
}

fn is_blank(raw: &Raw) -> bool {
    match raw {
        Raw::Empty => true,
        Raw::Text(s) => s.trim().is_empty(),
        _ => false,
    }
}

/// xlsx: every sheet streamed cell by cell, so the used range's size does not matter.
pub(crate) fn load_xlsx(bytes: &[u8]) -> Result<Vec<Sheet>, ReadError> {
    let mut book: Xlsx<_> = Xlsx::new(Cursor::new(bytes)).map_err(|e| match e {
        XlsxError::Password => ReadError::Encrypted,
        e => corrupt(e),
    })?;
    let names = book.sheet_names();
    let mut sheets = Vec::with_capacity(names.len());
    for name in names {
        let mut reader = book.worksheet_cells_reader(&name).map_err(corrupt)?;
        let mut cells = Vec::new();
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
            cells.push(cell(&name, row, col, value, formula));
        }
        sheets.push(Grid::new(name, Geometry::Exact, cells));
    }
    Ok(sheets)
}

fn load_ranges<R: Reader<Cursor<Vec<u8>>>>(book: &mut R) -> Result<Vec<Sheet>, ReadError>
where
    R::Error: std::fmt::Display,
{
    let names = book.sheet_names();
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
            cells.push(cell(&name, row, col, value, None));
        }
        sheets.push(Grid::new(name, Geometry::Exact, cells));
    }
    Ok(sheets)
}

/// xls (BIFF). Formulas are read through their cached results (not marked as formulas).
pub(crate) fn load_xls(bytes: &[u8]) -> Result<Vec<Sheet>, ReadError> {
    let mut book: Xls<_> = Xls::new(Cursor::new(bytes.to_vec())).map_err(|e| match e {
        calamine::XlsError::Password => ReadError::Encrypted,
        e => corrupt(e),
    })?;
    load_ranges(&mut book).map_err(|e| match e {
        ReadError::Corrupt { detail } if detail.contains("password") => ReadError::Encrypted,
        e => e,
    })
}

/// ods. Formulas are read through their cached results (not marked as formulas).
pub(crate) fn load_ods(bytes: &[u8]) -> Result<Vec<Sheet>, ReadError> {
    let mut book: Ods<_> = Ods::new(Cursor::new(bytes.to_vec())).map_err(ods_error)?;
    load_ranges(&mut book)
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
