//! The bridge to the spreadsheet reader (`zfxxgk_excel::read`).

use zfxxgk_core::{Lang, Report};
use zfxxgk_excel::read::{NotWorkbookKind, ReadError, ReadOptions};

use crate::error::InputError;
use crate::input::MAX_FILE_BYTES;

/// Reads a workbook (the fill-ins of `--agency` and `--year` are applied by the caller, as for
/// every kind of input). In a collection round (`round`) a summary workbook we wrote is
/// [`InputError::OwnSummary`], not one more report.
pub fn read(bytes: &[u8], round: bool) -> Result<Vec<Report>, InputError> {
    let opts = ReadOptions {
        max_file_bytes: MAX_FILE_BYTES,
        refuse_summaries: round,
        ..ReadOptions::default()
    };
    let report = zfxxgk_excel::read::read_bytes(bytes, &opts).map_err(|e| match e {
        ReadError::Summary => InputError::OwnSummary,
        // Text that is neither JSON, CSV nor a workbook: say what zfxxgk reads.
        ReadError::NotAWorkbook {
            kind: NotWorkbookKind::Text | NotWorkbookKind::Unknown,
        } => InputError::UnknownFormat,
        other => InputError::Spreadsheet(other.message(Lang::Zh), other.message(Lang::En)),
    })?;
    Ok(vec![report])
}
