//! The project's own file formats: the report JSON and the long CSV. Both are lossless for cell
//! values: blank, placeholder, zero and unreadable text stay distinct. Every number read is
//! bounded by the core (`zfxxgk_core::value::check_bounds`): one beyond the bounds is refused
//! with the cell and the bound, never rounded. A file holds at most [`MAX_REPORTS_PER_FILE`]
//! reports.

pub mod csv;
pub mod json;

use zfxxgk_core::normalize::{normalize_text, out_of_range};
use zfxxgk_core::value::Limit;

/// The most reports one JSON or CSV file may hold. A county's round is at most a hundred or so
/// agencies, a city's a few hundred; a file of a thousand reports is already a province's
/// export, and beyond it a file is refused before its reports are built (each report and its
/// findings take memory; a 3.5 MB CSV of one-row reports would otherwise make 100,000 of
/// them). Larger collections are split into files, which `check` and `aggregate` take by folder.
pub const MAX_REPORTS_PER_FILE: usize = 1000;

/// The most characters of a value a message repeats.
const SHOWN_CHARS: usize = 40;

/// A value as a message repeats it: whole when short, else its first characters and `…`.
pub(crate) fn shown(s: &str) -> String {
    match s.char_indices().nth(SHOWN_CHARS) {
        Some((i, _)) => format!("{}…", &s[..i]),
        None => s.to_string(),
    }
}

/// What the command line's `--agency` and `--year` supply where a file states none.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Fill {
    /// The agency name.
    pub agency: Option<String>,
    /// The report year.
    pub year: Option<i32>,
}
use zfxxgk_core::{Cell, CellValue, Edition, Layout, Location, Note, NoteReason};

/// Chooses the edition of a report from an explicit value or, failing that, from the cell ids
/// used: the 2021 layout unless some id exists only in the 2019 one.
pub(crate) fn infer_edition<'a>(ids: impl Iterator<Item = &'a str> + Clone) -> Edition {
    let known = |layout: &Layout, mut ids: std::iter::Peekable<_>| {
        ids.peek().is_some() && ids.all(|id: &str| layout.cell(id).is_some())
    };
    if known(Edition::V2021.layout(), ids.clone().peekable()) {
        Edition::V2021
    } else if known(Edition::V2019.layout(), ids.peekable()) {
        Edition::V2019
    } else {
        Edition::V2021
    }
}

/// A cell value as the CSV's `value` and `seen` columns hold it.
pub(crate) fn value_and_seen(v: &CellValue) -> (String, String) {
    match v {
        CellValue::Blank => (String::new(), String::new()),
        CellValue::Number(d) => (d.to_string(), String::new()),
        CellValue::Placeholder(s) | CellValue::Text(s) => (String::new(), s.clone()),
    }
}

/// Reads a value written as text in a JSON or CSV file: a plain number as it is; a number with
/// full-width digits, thousands separators or a unit (`１２`, `1,234`, `12件`, `0.35万元`) read
/// as the number with a note for each change; a placeholder as a placeholder; anything else as
/// text (which the caller refuses). In these formats every value is text, so "number stored as
/// text" is not worth a note. A number beyond the bounds is the bound it breaks.
pub(crate) fn read_value(
    raw: &str,
    cell: &'static Cell,
    at: Option<&Location>,
    notes: &mut Vec<Note>,
) -> Result<CellValue, Limit> {
    let (value, reasons) = normalize_text(raw, cell.kind());
    if matches!(value, CellValue::Text(_))
        && let Some(limit) = out_of_range(raw, cell.kind())
    {
        return Err(limit);
    }
    if matches!(value, CellValue::Number(_)) {
        for reason in reasons
            .into_iter()
            .filter(|r| *r != NoteReason::NumberAsText)
        {
            notes.push(Note {
                cell: Some(cell.id),
                location: at.cloned(),
                seen: raw.trim().to_string(),
                read: value.to_string(),
                reason,
            });
        }
    }
    Ok(value)
}
