//! `T3-*`, `T4-*` and `T2-IN-FORCE`.

use std::fmt::Write as _;

use rust_decimal::Decimal;

use crate::Lang;
use crate::layout::Cell;
use crate::rules::catalog::Code;
use crate::rules::{Finding, Term, sum};

use super::terms;

pub(super) fn message(
    f: &Finding,
    left: &[Term],
    right: &[Term],
    assumed_zero: &[&'static Cell],
    lang: Lang,
) -> String {
    let mut m = equation(f, left, right, lang);
    if !assumed_zero.is_empty() {
        let names: Vec<String> = assumed_zero.iter().map(|c| c.describe(lang)).collect();
        match lang {
            Lang::Zh => write!(m, "（其中{}为空白或占位符，按 0 计）", names.join("、")),
            Lang::En => write!(
                m,
                " (blank or placeholder, counted as 0: {})",
                names.join(", ")
            ),
        }
        .ok();
    }
    m
}

fn equation(f: &Finding, left: &[Term], right: &[Term], lang: Lang) -> String {
    let diff = f.difference.unwrap_or_default().abs();
    let (Some(first), Some(total)) = (left.first().or(right.first()), right.first()) else {
        return String::new();
    };
    let (l, r) = (sum(left), sum(right));
    let table = first.cell.table;
    match f.code {
        Code::T3Balance => {
            let col = first.cell.column;
            match lang {
                Lang::Zh => format!(
                    "{}“{}”列：{} = {l}，但{} = {r}，相差 {diff}。",
                    table.short,
                    col.label,
                    terms(left, lang),
                    terms(right, lang)
                ),
                Lang::En => format!(
                    "{}, column “{}”: {} = {l}, but {} = {r}; difference {diff}.",
                    table.en,
                    col.en,
                    terms(left, lang),
                    terms(right, lang)
                ),
            }
        }
        Code::T3ResultsSum => {
            let col = first.cell.column;
            let total_row = total.cell.row;
            // `（一）至（六）`: the numbers of the first and last result groups, as printed.
            let number = |t: Option<&Term>| -> &'static str {
                let Some(row) = t.map(|t| t.cell.row) else {
                    return "";
                };
                let label = row.path.get(1).copied().unwrap_or(row.label);
                label
                    .find('）')
                    .map_or("", |i| &label[..i + '）'.len_utf8()])
            };
            let (from, to) = (number(left.first()), number(left.last()));
            let span = if from.is_empty() || to.is_empty() {
                String::new()
            } else {
                format!("{from}至{to}")
            };
            match lang {
                Lang::Zh => format!(
                    "{}“{}”列：{span}各项办理结果之和为 {l}，但“{}”为 {r}，相差 {diff}。",
                    table.short, col.label, total_row.label
                ),
                Lang::En => format!(
                    "{}, column “{}”: the result rows add up to {l}, but the {} is {r}; difference {diff}.",
                    table.en, col.en, total_row.en
                ),
            }
        }
        _ => {
            let row = first.cell.row;
            let total_col = total.cell.column;
            let values: Vec<String> = left.iter().map(|t| t.value.to_string()).collect();
            match (f.code, lang) {
                (Code::T3RowTotal, Lang::Zh) => format!(
                    "{}“{}”行：各类申请人之和 {} = {l}，但“{}”为 {r}，相差 {diff}。",
                    table.short,
                    row.label,
                    values.join(" + "),
                    total_col.label
                ),
                (Code::T3RowTotal, Lang::En) => format!(
                    "{}, row “{}”: the applicant columns add up to {} = {l}, but the {} is {r}; difference {diff}.",
                    table.en,
                    row.en,
                    values.join(" + "),
                    total_col.en
                ),
                (_, Lang::Zh) => format!(
                    "{}“{}”：{} = {l}，但“{}”为 {r}，相差 {diff}。",
                    table.short,
                    row.short,
                    terms(left, lang),
                    total_col.label
                ),
                (_, Lang::En) => format!(
                    "{}, {}: {} = {l}, but the {} is {r}; difference {diff}.",
                    table.en,
                    row.en,
                    terms(left, lang),
                    total_col.en
                ),
            }
        }
    }
}

/// `T2-IN-FORCE`: the cells are issued, repealed, in force.
pub(super) fn stock(
    f: &Finding,
    issued: Decimal,
    repealed: Decimal,
    in_force: Decimal,
    lang: Lang,
) -> String {
    let [i, r, k] = [0, 1, 2].map(|n| f.cells.get(n).map(|c| c.column));
    let (Some(i), Some(r), Some(k), Some(cell)) = (i, r, k, f.cells.first()) else {
        return String::new();
    };
    let expected = issued.checked_sub(repealed).unwrap_or_default();
    let table = cell.table;
    match lang {
        Lang::Zh => format!(
            "{}“{}”：{} {in_force} 少于{} {issued} − {} {repealed} = {expected}，请核实。",
            table.short, cell.row.label, k.label, i.label, r.label
        ),
        Lang::En => format!(
            "{}, {}: {in_force} {} is fewer than {} {issued} − {} {repealed} = {expected}; please verify.",
            table.en, cell.row.en, k.en, i.en, r.en
        ),
    }
}
