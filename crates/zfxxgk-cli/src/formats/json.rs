//! The report JSON:
//!
//! ```json
//! {"format": "zfxxgk-report", "version": 1, "agency": "义马市交通运输局", "year": 2024, "edition": "2021",
//!  "contact": {"filler": null, "phone": null, "date": null},
//!  "sections": {"overview": "…", "problems": "…", "other": "无。"},
//!  "cells": {"disclosure.regulations.issued": 0, "disclosure.fees.amount": 0.35,
//!            "applications.new.commercial": null, "applications.new.research": "/",
//!            "applications.new.other_org": {"text": "见附件"}}}
//! ```
//!
//! A cell is a number, `null` (blank), a string (a placeholder such as `"/"`, or a number written as
//! text) or `{"text": "…"}` for text that is neither (kept as it was seen). A cell left out is
//! blank. A file may hold one report or an array of at most
//! [`MAX_REPORTS_PER_FILE`](super::MAX_REPORTS_PER_FILE) reports.
//!
//! A number may be written with an exponent (`1e-3`, as some JSON writers do) but is bounded
//! like every other (`zfxxgk_core::value`): `5e28` or `1e-11` is refused with the cell and the
//! bound. A key given twice in one object is refused with its line (never "the last one wins").
//! A UTF-8 byte order mark before the JSON is accepted.

use serde_json::{Map, Value, json};
use zfxxgk_core::value::{NumberError, is_placeholder, parse_scientific};
use zfxxgk_core::{CellValue, Edition, Report};

use crate::error::{At, InputError};

/// The `format` tag written in every report JSON.
pub const FORMAT_TAG: &str = "zfxxgk-report";

/// The JSON of one report.
pub fn to_value(report: &Report) -> Value {
    let mut cells = Map::new();
    for (cell, value) in report.cells() {
        let v = match value {
            CellValue::Blank => Value::Null,
            CellValue::Number(d) => number(&d.to_string()),
            CellValue::Placeholder(s) => Value::String(s.clone()),
            CellValue::Text(s) => json!({ "text": s }),
        };
        cells.insert(cell.id.to_string(), v);
    }
    let mut sections = Map::new();
    for (section, text) in report.sections() {
        sections.insert(section.id.to_string(), Value::String(text.to_string()));
    }
    json!({
        "format": FORMAT_TAG,
        "version": 1,
        "agency": report.agency,
        "year": report.year,
        "edition": report.edition.as_str(),
        "contact": {
            "filler": report.contact.filler,
            "phone": report.contact.phone,
            "date": report.contact.date,
        },
        "sections": sections,
        "cells": cells,
    })
}

fn number(text: &str) -> Value {
    // With serde_json's arbitrary_precision the number keeps its exact decimal text.
    serde_json::from_str(text).unwrap_or(Value::Null)
}

/// Writes one report (or several, as an array) as pretty JSON.
pub fn to_string(reports: &[Report]) -> String {
    let value = match reports {
        [one] => to_value(one),
        many => Value::Array(many.iter().map(to_value).collect()),
    };
    let mut s = serde_json::to_string_pretty(&value).unwrap_or_default();
    s.push('\n');
    s
}

/// Reads the report JSON (one report or an array of reports).
pub fn parse(text: &str) -> Result<Vec<Report>, InputError> {
    parse_with(text, &super::Fill::default())
}

/// Reads the report JSON; `fill` supplies the agency and year a report does not state.
///
/// Two passes over the text, neither holding the whole file as a tree: the first, without any
/// tree, finds a syntax error, a key given twice and how many reports there are; the second
/// makes the reports of an array one at a time, each element's tree dropped as soon as its report
/// is made (a file of 1,000 reports as one tree took about 35 MB for 11 MB of JSON).
pub fn parse_with(text: &str, fill: &super::Fill) -> Result<Vec<Report>, InputError> {
    // Notepad and Excel write a byte order mark; JSON has no room for one, people do.
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let (top, duplicate) = outline(text)?;
    if duplicate {
        no_duplicate_keys(text)?;
    }
    match top {
        Top::Array(0) => Err(InputError::NoReport),
        Top::Array(n) if n > super::MAX_REPORTS_PER_FILE => Err(too_many()),
        Top::Array(n) => reports(text, n, fill),
        Top::Object => {
            let value: Value = serde_json::from_str(text).map_err(|e| syntax(text, &e))?;
            Ok(vec![one(&value, "", fill)?])
        }
        Top::Other => Err(shape(
            "文件应为一个报告对象或报告数组",
            "expected a report object or an array of reports",
        )),
    }
}

/// A file holds more reports than it may.
fn too_many() -> InputError {
    InputError::TooManyReports {
        at: At::Key(format!("[{}]", super::MAX_REPORTS_PER_FILE)),
        limit: super::MAX_REPORTS_PER_FILE,
    }
}

/// serde_json's error with its place: serde_json counts bytes; people count characters.
fn syntax(text: &str, e: &serde_json::Error) -> InputError {
    let line_text = text.lines().nth(e.line().saturating_sub(1)).unwrap_or("");
    let mut end = e.column().min(line_text.len());
    while !line_text.is_char_boundary(end) {
        end -= 1;
    }
    let detail = e.to_string();
    let detail = detail.split(" at line").next().unwrap_or_default();
    InputError::Json {
        line: e.line(),
        column: line_text[..end].chars().count(),
        detail: explain(detail),
    }
}

/// What the top level of a file is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Top {
    /// An array of this many elements.
    Array(usize),
    /// An object (one report).
    Object,
    /// Anything else.
    Other,
}

/// The first pass, without a tree: the syntax (the same errors, at the same places, as reading
/// the file into a `serde_json::Value`), what the top level is, and whether some object gives a
/// key twice.
fn outline(text: &str) -> Result<(Top, bool), InputError> {
    use serde::de::{DeserializeSeed, Deserializer, MapAccess, SeqAccess, Visitor};
    use std::borrow::Cow;
    use std::cell::Cell;
    use std::collections::HashSet;

    /// serde_json's private key of a number kept as its text (`arbitrary_precision`).
    const NUMBER: &str = "$serde_json::private::Number";

    /// A value; sets the flag when an object in it gives a key twice.
    struct Walk<'a>(&'a Cell<bool>);
    /// A key, borrowed from the text when it has no escapes.
    struct Key;
    /// The text of a number, checked as `serde_json::Value` checks it.
    struct NumberText;

    impl<'de> DeserializeSeed<'de> for Walk<'_> {
        type Value = Top;
        fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Top, D::Error> {
            d.deserialize_any(self)
        }
    }

    impl<'de> Visitor<'de> for Walk<'_> {
        type Value = Top;

        fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
            f.write_str("any JSON value")
        }
        fn visit_bool<E>(self, _: bool) -> Result<Top, E> {
            Ok(Top::Other)
        }
        fn visit_i64<E>(self, _: i64) -> Result<Top, E> {
            Ok(Top::Other)
        }
        fn visit_u64<E>(self, _: u64) -> Result<Top, E> {
            Ok(Top::Other)
        }
        fn visit_f64<E>(self, _: f64) -> Result<Top, E> {
            Ok(Top::Other)
        }
        fn visit_str<E>(self, _: &str) -> Result<Top, E> {
            Ok(Top::Other)
        }
        fn visit_unit<E>(self) -> Result<Top, E> {
            Ok(Top::Other)
        }
        fn visit_seq<A: SeqAccess<'de>>(self, mut a: A) -> Result<Top, A::Error> {
            let mut n = 0;
            while a.next_element_seed(Walk(self.0))?.is_some() {
                n += 1;
            }
            Ok(Top::Array(n))
        }
        fn visit_map<A: MapAccess<'de>>(self, mut a: A) -> Result<Top, A::Error> {
            let Some(first) = a.next_key_seed(Key)? else {
                return Ok(Top::Object);
            };
            // A number (or an object whose first key is that of a number, which `Value` reads
            // as one, and refuses as `Value` does).
            if first == NUMBER {
                a.next_value_seed(NumberText)?;
                return Ok(Top::Other);
            }
            a.next_value_seed(Walk(self.0))?;
            let mut keys = HashSet::from([first]);
            while let Some(key) = a.next_key_seed(Key)? {
                a.next_value_seed(Walk(self.0))?;
                if !keys.insert(key) {
                    self.0.set(true);
                }
            }
            Ok(Top::Object)
        }
    }

    impl<'de> DeserializeSeed<'de> for Key {
        type Value = Cow<'de, str>;
        fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Cow<'de, str>, D::Error> {
            d.deserialize_str(self)
        }
    }

    impl<'de> Visitor<'de> for Key {
        type Value = Cow<'de, str>;

        fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
            f.write_str("a string key")
        }
        fn visit_borrowed_str<E>(self, s: &'de str) -> Result<Cow<'de, str>, E> {
            Ok(Cow::Borrowed(s))
        }
        fn visit_str<E>(self, s: &str) -> Result<Cow<'de, str>, E> {
            Ok(Cow::Owned(s.to_string()))
        }
        fn visit_string<E>(self, s: String) -> Result<Cow<'de, str>, E> {
            Ok(Cow::Owned(s))
        }
    }

    impl<'de> DeserializeSeed<'de> for NumberText {
        type Value = ();
        fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
            d.deserialize_str(self)
        }
    }

    impl<'de> Visitor<'de> for NumberText {
        type Value = ();

        fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
            // serde_json's words, so that its message is the same.
            f.write_str("string containing a number")
        }
        fn visit_str<E: serde::de::Error>(self, s: &str) -> Result<(), E> {
            s.parse::<serde_json::Number>()
                .map(|_| ())
                .map_err(E::custom)
        }
    }

    let duplicate = Cell::new(false);
    let mut de = serde_json::Deserializer::from_str(text);
    let top = Walk(&duplicate)
        .deserialize(&mut de)
        .and_then(|top| de.end().map(|()| top))
        .map_err(|e| syntax(text, &e))?;
    Ok((top, duplicate.get()))
}

/// The second pass over an array of `count` reports (the first found it well-formed): each
/// element read as a tree, made into its report and dropped before the next is read.
fn reports(text: &str, count: usize, fill: &super::Fill) -> Result<Vec<Report>, InputError> {
    use serde::de::{Deserializer, Error as _, SeqAccess, Visitor};

    struct Reports<'a> {
        count: usize,
        fill: &'a super::Fill,
        /// The error of the report that could not be made (serde_json's error only stops it).
        failed: &'a mut Option<InputError>,
    }

    impl<'de> Visitor<'de> for Reports<'_> {
        type Value = Vec<Report>;

        fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
            f.write_str("an array of reports")
        }
        fn visit_seq<A: SeqAccess<'de>>(self, mut a: A) -> Result<Vec<Report>, A::Error> {
            let mut reports = Vec::with_capacity(self.count);
            while let Some(value) = a.next_element::<Value>()? {
                let made = if reports.len() == super::MAX_REPORTS_PER_FILE {
                    Err(too_many())
                } else {
                    one(&value, &format!("[{}]", reports.len()), self.fill)
                };
                match made {
                    Ok(report) => reports.push(report),
                    Err(e) => {
                        *self.failed = Some(e);
                        return Err(A::Error::custom("zfxxgk: report refused"));
                    }
                }
            }
            Ok(reports)
        }
    }

    let mut failed = None;
    let mut de = serde_json::Deserializer::from_str(text);
    let made = de
        .deserialize_seq(Reports {
            count,
            fill,
            failed: &mut failed,
        })
        .and_then(|reports| de.end().map(|()| reports));
    match (made, failed) {
        (_, Some(e)) => Err(e),
        (Ok(reports), None) => Ok(reports),
        (Err(e), None) => Err(syntax(text, &e)),
    }
}

/// Refuses a key given twice in one object, with the line of the second one. serde_json keeps
/// the last silently; a report must not lose a value without a word. (Run on text serde_json
/// already parsed, so only a duplicate can fail here; its nesting is already bounded.)
fn no_duplicate_keys(text: &str) -> Result<(), InputError> {
    use serde::de::{Deserialize, Deserializer, Error as _, MapAccess, SeqAccess, Visitor};

    /// Marks our error among serde_json's.
    const MARK: &str = "zfxxgk-duplicate-key:";

    struct Checked;
    struct Walk;

    impl<'de> Deserialize<'de> for Checked {
        fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Checked, D::Error> {
            d.deserialize_any(Walk)
        }
    }

    impl<'de> Visitor<'de> for Walk {
        type Value = Checked;

        fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
            f.write_str("any JSON value")
        }
        fn visit_bool<E>(self, _: bool) -> Result<Checked, E> {
            Ok(Checked)
        }
        fn visit_i64<E>(self, _: i64) -> Result<Checked, E> {
            Ok(Checked)
        }
        fn visit_u64<E>(self, _: u64) -> Result<Checked, E> {
            Ok(Checked)
        }
        fn visit_f64<E>(self, _: f64) -> Result<Checked, E> {
            Ok(Checked)
        }
        fn visit_str<E>(self, _: &str) -> Result<Checked, E> {
            Ok(Checked)
        }
        fn visit_unit<E>(self) -> Result<Checked, E> {
            Ok(Checked)
        }
        fn visit_seq<A: SeqAccess<'de>>(self, mut a: A) -> Result<Checked, A::Error> {
            while a.next_element::<Checked>()?.is_some() {}
            Ok(Checked)
        }
        fn visit_map<A: MapAccess<'de>>(self, mut a: A) -> Result<Checked, A::Error> {
            let mut keys = std::collections::HashSet::new();
            while let Some(key) = a.next_key::<String>()? {
                if keys.contains(&key) {
                    return Err(A::Error::custom(format!("{MARK}{key}")));
                }
                a.next_value::<Checked>()?;
                keys.insert(key);
            }
            Ok(Checked)
        }
    }

    match serde_json::from_str::<Checked>(text) {
        Ok(Checked) => Ok(()),
        Err(e) => {
            let message = e.to_string();
            let message = message
                .rsplit_once(" at line ")
                .map_or(message.as_str(), |(m, _)| m);
            match message.strip_prefix(MARK) {
                Some(key) => Err(InputError::DuplicateKey {
                    line: e.line(),
                    key: super::shown(key),
                }),
                // serde_json parsed it once already; nothing else can fail.
                None => Ok(()),
            }
        }
    }
}

/// serde_json's explanation, in Chinese where we know it.
fn explain(detail: &str) -> String {
    const KNOWN: &[(&str, &str)] = &[
        (
            "key must be a string",
            "键必须是带引号的文字（是否多了逗号？）",
        ),
        ("trailing comma", "多余的逗号"),
        ("EOF while parsing", "文件意外结束（括号或引号没有配对）"),
        ("expected value", "此处应为一个值"),
        ("expected `,` or `}`", "缺少逗号或右花括号"),
        ("expected `,` or `]`", "缺少逗号或右方括号"),
        ("expected `:`", "缺少冒号"),
        ("trailing characters", "JSON 结束后还有多余内容"),
        ("control character", "文字中有控制字符"),
        ("invalid escape", "无效的转义符"),
    ];
    KNOWN
        .iter()
        .find(|(en, _)| detail.starts_with(en))
        .map(|(_, zh)| (*zh).to_string())
        .unwrap_or_else(|| detail.to_string())
}

fn shape(zh: &str, en: &str) -> InputError {
    InputError::JsonShape {
        zh: zh.to_string(),
        en: en.to_string(),
    }
}

fn key(prefix: &str, k: &str) -> At {
    At::Key(if prefix.is_empty() {
        k.to_string()
    } else {
        format!("{prefix}.{k}")
    })
}

fn opt_string(
    obj: &Map<String, Value>,
    k: &str,
    prefix: &str,
) -> Result<Option<String>, InputError> {
    match obj.get(k) {
        None | Some(Value::Null) => Ok(None),
        Some(Value::String(s)) if s.trim().is_empty() => Ok(None),
        Some(Value::String(s)) => Ok(Some(s.clone())),
        Some(other) => Err(shape(
            &format!("“{}”应为文字，而不是 {other}", key(prefix, k).key_text()),
            &format!(
                "“{}” should be text, not {other}",
                key(prefix, k).key_text()
            ),
        )),
    }
}

impl At {
    fn key_text(&self) -> String {
        match self {
            At::Key(k) => k.clone(),
            At::Line(n) => n.to_string(),
        }
    }
}

fn one(value: &Value, prefix: &str, fill: &super::Fill) -> Result<Report, InputError> {
    let Value::Object(obj) = value else {
        return Err(shape(
            "报告应为 JSON 对象",
            "a report must be a JSON object",
        ));
    };
    let agency = opt_string(obj, "agency", prefix)?
        .filter(|a| !a.trim().is_empty())
        .or_else(|| fill.agency.clone())
        .ok_or(InputError::MissingAgency {
            at: key(prefix, "agency"),
        })?;
    let year = match obj.get("year") {
        None | Some(Value::Null) => match fill.year {
            Some(y) => Some(y),
            None => {
                return Err(InputError::BadYear {
                    at: key(prefix, "year"),
                    seen: None,
                });
            }
        },
        Some(Value::Number(n)) => n.to_string().parse::<i32>().ok(),
        Some(Value::String(s)) => s.trim().trim_end_matches('年').parse::<i32>().ok(),
        Some(_) => None,
    }
    .ok_or_else(|| InputError::BadYear {
        at: key(prefix, "year"),
        seen: obj.get("year").map(|v| v.to_string()),
    })?;
    let no_cells = Map::new();
    let cells = match obj.get("cells") {
        None | Some(Value::Null) => &no_cells,
        Some(Value::Object(m)) => m,
        Some(_) => {
            return Err(shape(
                "“cells”应为对象：{\"单元格编号\": 数值}",
                "“cells” must be an object of cell id → value",
            ));
        }
    };
    let edition = match obj.get("edition") {
        None | Some(Value::Null) => super::infer_edition(cells.keys().map(String::as_str)),
        Some(v) => {
            let s = match v {
                Value::String(s) => s.clone(),
                other => other.to_string(),
            };
            Edition::parse(&s).ok_or(InputError::BadEdition {
                at: key(prefix, "edition"),
                seen: s,
            })?
        }
    };
    let mut report = Report::new(edition);
    report.agency = agency;
    report.year = Some(year);
    if let Some(contact) = obj.get("contact") {
        let Value::Object(c) = contact else {
            return Err(shape("“contact”应为对象", "“contact” must be an object"));
        };
        let p = if prefix.is_empty() {
            "contact".to_string()
        } else {
            format!("{prefix}.contact")
        };
        report.contact.filler = opt_string(c, "filler", &p)?;
        report.contact.phone = opt_string(c, "phone", &p)?;
        report.contact.date = opt_string(c, "date", &p)?;
    }
    if let Some(sections) = obj.get("sections") {
        let Value::Object(s) = sections else {
            return Err(shape("“sections”应为对象", "“sections” must be an object"));
        };
        for (id, text) in s {
            let at = key(prefix, &format!("sections.{id}"));
            let Value::String(text) = text else {
                return Err(shape(
                    &format!("“{}”应为文字", at.key_text()),
                    &format!("“{}” must be text", at.key_text()),
                ));
            };
            if !report.set_section(id, text.clone()) {
                let known: Vec<&str> = report.layout().sections.iter().map(|s| s.id).collect();
                return Err(shape(
                    &format!("章节“{id}”不存在（应为 {} 之一）", known.join("、")),
                    &format!("unknown section “{id}” (one of {})", known.join(", ")),
                ));
            }
        }
    }
    let layout = report.layout();
    for (id, v) in cells {
        let at = key(prefix, &format!("cells.{id}"));
        let cell = layout.cell(id).ok_or_else(|| InputError::UnknownCell {
            at: at.clone(),
            id: id.clone(),
        })?;
        let not_a_number = |seen: String| InputError::NotANumber {
            at: at.clone(),
            id: id.clone(),
            seen,
        };
        let out_of_range = |seen: &str, limit| InputError::OutOfRange {
            at: at.clone(),
            id: id.clone(),
            seen: super::shown(seen.trim()),
            limit,
        };
        let value = match v {
            Value::Null => CellValue::Blank,
            Value::Number(n) => {
                let text = n.to_string();
                match parse_scientific(&text) {
                    Ok(d) => CellValue::number(d),
                    Err(NumberError::OutOfRange(limit)) => return Err(out_of_range(&text, limit)),
                    Err(NumberError::NotANumber) => return Err(not_a_number(text)),
                }
            }
            Value::String(s) => match super::read_value(s, cell, None, &mut report.notes) {
                Ok(CellValue::Text(t)) => return Err(not_a_number(t)),
                Ok(other) => other,
                Err(limit) => return Err(out_of_range(s, limit)),
            },
            Value::Object(o) => match (o.get("text"), o.get("placeholder")) {
                (Some(Value::String(t)), None) if !t.trim().is_empty() => {
                    if is_placeholder(t) {
                        CellValue::Placeholder(t.clone())
                    } else {
                        CellValue::Text(t.clone())
                    }
                }
                (None, Some(Value::String(p))) if is_placeholder(p) => {
                    CellValue::Placeholder(p.clone())
                }
                _ => return Err(not_a_number(v.to_string())),
            },
            other => return Err(not_a_number(other.to_string())),
        };
        report.set(cell, value);
    }
    Ok(report)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_sample_round_trips() {
        let sample = zfxxgk_doc::sample::yima_transport_2024();
        let text = to_string(std::slice::from_ref(&sample));
        assert_eq!(parse(&text).unwrap(), vec![sample]);
    }

    /// The reading before it streamed: the whole file as one tree, then each report.
    fn as_a_tree(text: &str, fill: &super::super::Fill) -> Result<Vec<Report>, InputError> {
        let text = text.strip_prefix('\u{feff}').unwrap_or(text);
        let value: Value = serde_json::from_str(text).map_err(|e| syntax(text, &e))?;
        no_duplicate_keys(text)?;
        match value {
            Value::Array(items) if items.is_empty() => Err(InputError::NoReport),
            Value::Array(items) if items.len() > super::super::MAX_REPORTS_PER_FILE => {
                Err(too_many())
            }
            Value::Array(items) => items
                .iter()
                .enumerate()
                .map(|(i, v)| one(v, &format!("[{i}]"), fill))
                .collect(),
            Value::Object(_) => Ok(vec![one(&value, "", fill)?]),
            _ => Err(shape(
                "文件应为一个报告对象或报告数组",
                "expected a report object or an array of reports",
            )),
        }
    }

    #[test]
    fn reading_one_report_at_a_time_reads_as_the_whole_tree_did() {
        let good = |agency: &str| format!("{{\"agency\": \"{agency}\", \"year\": 2024}}");
        let sample = to_string(&[
            zfxxgk_doc::sample::yima_transport_2024(),
            zfxxgk_doc::sample::yima_transport_2024(),
        ]);
        let many = |n: usize, first: &str| {
            let mut items = vec![first.to_string()];
            items.extend((1..n).map(|i| good(&format!("局{i}"))));
            format!("[{}]", items.join(",\n"))
        };
        let number = "$serde_json::private::Number";
        let texts = vec![
            sample.clone(),
            format!("\u{feff}{sample}"),
            to_string(&[zfxxgk_doc::sample::yima_transport_2024()]),
            good("某局"),
            format!("[{}]", good("某局")),
            "[]".into(),
            " [ ] ".into(),
            "{}".into(),
            "5".into(),
            "5.5e3".into(),
            "\"报告\"".into(),
            "null".into(),
            "true".into(),
            String::new(),
            "[5]".into(),
            format!("[{}, [{}]]", good("甲"), good("乙")),
            format!("[{}, null]", good("甲")),
            // Syntax errors, after multi-byte text, after a report that is refused.
            format!("[{}, {}", good("甲局"), good("乙局")),
            format!("[{},]", good("甲局")),
            format!("[{}] x", good("甲局")),
            "[{\"agency\": \"甲局\", \"year\": \"二〇二四\"},\n {\"agency\": \"乙局\" \"year\": 1}]".into(),
            "{\"agency\": \"某局\n\"}".into(),
            "{\"agency\": \"某局\", \"year\": 2024, \"cells\": {\"a\": 1e}}".into(),
            "[".repeat(300),
            format!("{}{}", "[".repeat(127), "]".repeat(127)),
            // A key twice: after a refused report; before a syntax error.
            format!("[{{\"year\": \"x\"}},\n{}, {{\"agency\": \"甲\", \"agency\": \"乙\"}}]", good("甲")),
            format!("[{{\"agency\": \"甲\", \"agency\": \"乙\"}}, {}", good("丙")),
            "{\"agency\": \"某局\", \"year\": 2024, \"cells\": {\"a\": 1, \"\\u0061\": 2}}".into(),
            "{\"a\": {\"b\": 1, \"c\": [{\"d\": 1, \"d\": 2}]}}".into(),
            // Refused reports: the first of several, with their element's place.
            format!("[{}, {{\"agency\": \"乙局\"}}, {{\"year\": 2024}}]", good("甲局")),
            format!("[{}, {{\"agency\": \"乙局\", \"year\": 2024, \"cells\": {{\"x.y\": 1}}}}]", good("甲局")),
            format!("[{}, {{\"agency\": \"乙局\", \"year\": 2024, \"cells\": {{\"disclosure.fees.amount\": 5e28}}}}]", good("甲局")),
            format!("[{}, {{\"agency\": 5, \"year\": 2024}}]", good("甲局")),
            format!("[{}, {{\"agency\": \"乙\", \"year\": 2024, \"edition\": 2030}}]", good("甲局")),
            format!("[{}, {{\"agency\": \"乙\", \"year\": 2024, \"contact\": {{\"phone\": 1}}}}]", good("甲局")),
            format!("[{}, {{\"agency\": \"乙\", \"year\": 2024, \"sections\": {{\"x\": \"\"}}}}]", good("甲局")),
            // The cap: refused before any report is read, as before.
            many(1000, &good("甲")),
            many(1001, &good("甲")),
            many(1001, "{\"year\": \"x\"}"),
            many(1002, "5"),
            // serde_json's number inside: as `Value` reads it.
            format!("{{\"{number}\": \"12\"}}"),
            format!("{{\"{number}\": \"abc\"}}"),
            format!("{{\"{number}\": 5}}"),
            format!("{{\"{number}\": \"12\", \"a\": 1}}"),
            format!("[{{\"agency\": \"甲\", \"year\": {{\"{number}\": \"2024\"}}}}]"),
            format!("[{{\"agency\": \"甲\", \"year\": 2024, \"cells\": {{\"applications.new.total\": {{\"{number}\": \"x\"}}}}}}]"),
        ];
        let fills = [
            super::super::Fill::default(),
            super::super::Fill {
                agency: Some("填入局".into()),
                year: Some(2023),
            },
        ];
        for text in &texts {
            for fill in &fills {
                let streamed = parse_with(text, fill);
                let tree = as_a_tree(text, fill);
                let shown = text.chars().take(120).collect::<String>();
                match (&streamed, &tree) {
                    (Ok(a), Ok(b)) => assert_eq!(a, b, "{shown}"),
                    (Err(a), Err(b)) => {
                        assert_eq!(format!("{a:?}"), format!("{b:?}"), "{shown}");
                        for lang in [zfxxgk_core::Lang::Zh, zfxxgk_core::Lang::En] {
                            assert_eq!(a.message(lang), b.message(lang), "{shown}");
                        }
                    }
                    _ => panic!("{shown}: {streamed:?} against {tree:?}"),
                }
            }
        }
    }

    #[test]
    fn every_state_round_trips_exactly() {
        let mut r = Report::new(Edition::V2021);
        r.agency = "某局".into();
        r.year = Some(2023);
        r.set_by_id("disclosure.fees.amount", CellValue::parse_plain("0.35"));
        r.set_by_id("applications.new.total", CellValue::Placeholder("—".into()));
        r.set_by_id(
            "applications.new.research",
            CellValue::Text("见附件".into()),
        );
        r.set_by_id("applications.new.commercial", CellValue::int(0));
        let text = to_string(std::slice::from_ref(&r));
        assert!(text.contains("\"disclosure.fees.amount\": 0.35"));
        assert_eq!(parse(&text).unwrap(), vec![r]);
    }
}
