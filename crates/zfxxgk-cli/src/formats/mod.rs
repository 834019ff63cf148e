//! The project's own file formats: the report JSON and the long CSV. Both are lossless for cell
//! values: blank, placeholder, zero and unreadable text stay distinct.

pub mod csv;
pub mod html;
pub mod json;

use zfxxgk_core::{CellValue, Edition, Layout};

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
