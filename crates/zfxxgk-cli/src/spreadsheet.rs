//! The bridge to the spreadsheet reader.

use zfxxgk_core::{Lang, Report};

use crate::error::InputError;
use crate::input::LoadOptions;

/// Reads a workbook.
pub fn read(_bytes: &[u8], _options: &LoadOptions) -> Result<Vec<Report>, InputError> {
    Err(InputError::Spreadsheet(
        "这个版本还不能读取电子表格".to_string(),
        "this build cannot read spreadsheets yet".to_string(),
    ))
}

#[allow(dead_code)]
fn _lang(_: Lang) {}
