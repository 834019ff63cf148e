//! The sentences of the findings, one module per kind of finding. Every label a message shows
//! comes from the layout catalog (a row's label or short name, a column's label, a section's
//! heading); only the words around them are written here.

mod doc;
mod equation;
mod meta;
mod text;
mod value;
mod xyear;

use crate::Lang;

use super::{Detail, Finding};

pub(super) fn message(f: &Finding, lang: Lang) -> String {
    match &f.detail {
        Detail::Equation {
            left,
            right,
            assumed_zero,
        } => equation::message(f, left, right, assumed_zero, lang),
        Detail::Value => value::message(f, lang),
        Detail::Stock {
            issued,
            repealed,
            in_force,
        } => equation::stock(f, *issued, *repealed, *in_force, lang),
        Detail::Carried { this, previous } => xyear::carried(f, *this, *previous, lang),
        Detail::StockCarry {
            previous,
            issued,
            repealed,
            in_force,
        } => xyear::stock_carry(f, [*previous, *issued, *repealed, *in_force], lang),
        Detail::Meta(m) => meta::message(m, lang),
        Detail::Text(c) => text::message(f, c, lang),
        Detail::Copied(c) => xyear::copied(c, lang),
        Detail::Doc(d) => doc::message(d, lang),
    }
}

/// A cell's row as messages name it in sums: the short name of a grid row, the column label of
/// an inline block (table 四, where every value is one printed row).
fn term_name(cell: &crate::layout::Cell, lang: Lang) -> &'static str {
    use crate::layout::Arrangement;
    match (cell.block().arrangement, lang) {
        (Arrangement::Inline, Lang::Zh) => cell.column.label,
        (Arrangement::Inline, Lang::En) => cell.column.en,
        (Arrangement::Grid, Lang::Zh) => cell.row.short,
        (Arrangement::Grid, Lang::En) => cell.row.en,
    }
}

fn terms(terms: &[super::Term], lang: Lang) -> String {
    terms
        .iter()
        .map(|t| format!("{} {}", term_name(t.cell, lang), t.value))
        .collect::<Vec<_>>()
        .join(" + ")
}
