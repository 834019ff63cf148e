//! Spreadsheets for zfxxgk, both ways, driven by the core layout catalog.
//!
//! - [`write`]: the blank standard template, the official spreadsheet of a report, the summary
//!   workbook (rust_xlsxwriter);
//! - [`read`]: xlsx, xlsm, xls and ods workbooks (calamine), tables found by their labels.
//!
//! No third-party type appears in the public API.

pub mod read;
pub mod write;
