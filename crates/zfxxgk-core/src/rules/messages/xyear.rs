//! `XYEAR-*`.

use rust_decimal::Decimal;

use crate::Lang;
use crate::rules::Finding;
use crate::rules::catalog::{Code, Form};
use crate::rules::xyear::CopiedDetail;

/// `XYEAR-CARRIED`: the cell is this year's carried-over cell.
pub(super) fn carried(f: &Finding, this: Decimal, previous: Decimal, lang: Lang) -> String {
    let Some(c) = f.cells.first() else {
        return String::new();
    };
    let diff = this.checked_sub(previous).unwrap_or_default().abs();
    // Last year's row: the one of the rule's `last` role in the same table.
    let last = match Code::XyearCarried.info().form {
        Some(Form::Carry { last, .. }) => c
            .table
            .blocks
            .iter()
            .flat_map(|b| b.rows.iter())
            .find(|r| r.role == last),
        _ => None,
    };
    let (last_zh, last_en) = last.map_or(("", ""), |r| (r.short, r.en));
    match lang {
        Lang::Zh => format!(
            "{}“{}”列：本年“{}” {this} 与上年报告的“{last_zh}” {previous} 不一致，相差 {diff}。",
            c.table.short, c.column.label, c.row.short
        ),
        Lang::En => format!(
            "{}, column “{}”: {} {this} this year, but last year's report has {last_en} {previous}; difference {diff}.",
            c.table.en, c.column.en, c.row.en
        ),
    }
}

/// `XYEAR-IN-FORCE`: the cells are issued, repealed, in force.
pub(super) fn stock_carry(f: &Finding, values: [Decimal; 4], lang: Lang) -> String {
    let [previous, issued, repealed, in_force] = values;
    let (Some(i), Some(r), Some(k)) = (f.cells.first(), f.cells.get(1), f.cells.get(2)) else {
        return String::new();
    };
    let expected = previous
        .checked_add(issued)
        .and_then(|e| e.checked_sub(repealed))
        .unwrap_or_default();
    let diff = in_force.checked_sub(expected).unwrap_or_default().abs();
    match lang {
        Lang::Zh => format!(
            "{}“{}”：上年{} {previous} + {} {issued} − {} {repealed} = {expected}，但本年{}为 {in_force}，相差 {diff}。",
            k.table.short,
            k.row.label,
            k.column.label,
            i.column.label,
            r.column.label,
            k.column.label
        ),
        Lang::En => format!(
            "{}, {}: last year's {previous} {} + {issued} {} − {repealed} {} = {expected}, but {in_force} are {} now; difference {diff}.",
            k.table.en, k.row.en, k.column.en, i.column.en, r.column.en, k.column.en
        ),
    }
}

/// How much of each sentence an `XYEAR-COPIED` message quotes.
const EXAMPLE_CHARS: usize = 30;

/// `XYEAR-COPIED`.
pub(super) fn copied(c: &CopiedDetail, lang: Lang) -> String {
    let share = c.identical * 100 / c.sentences.max(1);
    // A few of the sentences, each cut short: enough to recognise them in the text.
    let examples: Vec<String> = c
        .examples
        .iter()
        .take(2)
        .map(|e| {
            let short: String = e.chars().take(EXAMPLE_CHARS).collect();
            let cut = if e.chars().count() > EXAMPLE_CHARS {
                "…"
            } else {
                ""
            };
            format!("“{short}{cut}”")
        })
        .collect();
    match lang {
        Lang::Zh => format!(
            "正文 {} 句中有 {} 句（{share}%）与上年报告相同（只有数字或年份不同），超过 {}%，像是照搬上年报告，请核实是否如实反映本年工作。例如：{}",
            c.sentences,
            c.identical,
            c.threshold_percent,
            examples.join("；")
        ),
        Lang::En => format!(
            "{} of the narrative's {} sentences ({share}%) are the same as last year's report apart from numbers or years, above {}%: it looks copied; check that it reports this year's work. For example: {}",
            c.identical,
            c.sentences,
            c.threshold_percent,
            examples.join("; ")
        ),
    }
}
