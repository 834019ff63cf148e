//! `TEXT-*`: the sentence, the number as written, and what the tables say for each reading.

use crate::Lang;
use crate::rules::Finding;
use crate::rules::text::{Contradiction, Reading};

/// The cells of a reading as a person names them: `“本年新收”+“上年结转”总计` (rows of one
/// column), `“行政许可”` (a one-column block), `“行政复议”“总计”` (table 四).
fn cells_name(r: &Reading, lang: Lang) -> String {
    let Some(first) = r.cells.first() else {
        return String::new();
    };
    let one_column = r.cells.iter().all(|c| c.column.id == first.column.id);
    let single = first.block().columns.len() == 1;
    let row = |c: &crate::layout::Cell| match lang {
        Lang::Zh => format!("“{}”", c.row.short),
        Lang::En => c.row.en.to_string(),
    };
    if one_column {
        let rows: Vec<String> = r.cells.iter().map(|c| row(c)).collect();
        let joined = rows.join(if lang == Lang::Zh { "+" } else { " + " });
        match (single, lang) {
            (true, _) => joined,
            (false, Lang::Zh) => format!("{joined}{}", first.column.label),
            (false, Lang::En) => format!("{joined} ({})", first.column.en),
        }
    } else {
        let names: Vec<String> = r.cells.iter().map(|c| c.describe(lang)).collect();
        names.join(" + ")
    }
}

/// Readings of the same value said once: `“本年新收”总计与“本年新收”+“上年结转”总计均为 0`.
fn grouped(readings: &[Reading], lang: Lang) -> Vec<String> {
    let mut groups: Vec<(rust_decimal::Decimal, Vec<String>)> = Vec::new();
    for r in readings {
        let name = cells_name(r, lang);
        match groups.iter_mut().find(|(v, _)| *v == r.value) {
            Some((_, names)) => names.push(name),
            None => groups.push((r.value, vec![name])),
        }
    }
    groups
        .into_iter()
        .map(|(value, names)| match (names.len(), lang) {
            (1, Lang::Zh) => format!("{}为 {value}", names[0]),
            (_, Lang::Zh) => format!("{}均为 {value}", names.join("与")),
            (1, Lang::En) => format!("{} {value}", names[0]),
            (_, Lang::En) => format!("{} {value} each", names.join(" and ")),
        })
        .collect()
}

pub(super) fn message(f: &Finding, c: &Contradiction, lang: Lang) -> String {
    let diff = f.difference.map(|d| d.abs()).unwrap_or_default();
    let section = c.section;
    let table = c
        .readings
        .first()
        .and_then(|r| r.cells.first())
        .map(|c| c.table);
    let whose = match (c.last_year, lang) {
        (true, Lang::Zh) => "上年报告的",
        (true, Lang::En) => "last year's ",
        (false, _) => "",
    };
    let groups = grouped(&c.readings, lang);
    let Some((first, others)) = groups.split_first() else {
        return String::new();
    };
    match lang {
        Lang::Zh => format!(
            "正文“{}、{}”写道“{}”，其中“{}”与{whose}{}不符：{}{}，相差 {diff}，请核实正文或表格。",
            section.no,
            section.heading,
            c.sentence,
            c.written,
            table.map_or("", |t| t.short),
            first,
            if others.is_empty() {
                String::new()
            } else {
                format!("（或{}）", others.join("，或"))
            }
        ),
        Lang::En => format!(
            "Section {} ({}) says “{}”: “{}” disagrees with {whose}{}, which has {}{}; difference {diff}. Check the text or the table.",
            section.no,
            section.en,
            c.sentence,
            c.written,
            table.map_or("", |t| t.en),
            first,
            if others.is_empty() {
                String::new()
            } else {
                format!(" (or {})", others.join(", or "))
            }
        ),
    }
}
