//! Lenient reading of the values people type into spreadsheets (numbers as text, full-width
//! digits, thousands separators, units, float noise), each normalisation explained by a
//! [`crate::NoteReason`]; and the normalisation of labels used to find tables by their text.
//! Pure: no I/O.
//!
//! What is read as a number, and why:
//!
//! | seen | read | reasons |
//! |---|---|---|
//! | `"12"` (text) | 12 | [`NoteReason::NumberAsText`] |
//! | `"１２"` | 12 | `NumberAsText`, [`NoteReason::FullWidth`] |
//! | `"1,234"` | 1234 | `NumberAsText`, [`NoteReason::ThousandsSeparator`] |
//! | `"12件"`, `"0.35万元"` | 12, 0.35 | `NumberAsText`, [`NoteReason::Unit`] |
//! | `7.0000000000000009` (float) | 7 | [`NoteReason::FloatNoise`] |
//! | `"/"`, `"无"`, … | placeholder | none |
//! | `"251000元"` in a 万元 cell | text (never divided silently) | none; see [`yuan_in_wan_cell`] |
//! | `"1,000,000,000,000"`, `999999999999999.9` (float), `0.1234567` | text (never rounded) | none; see [`out_of_range`] |
//!
//! Every number is bounded by [`crate::value::check_bounds`] (at most 12 digits before the point,
//! 6 after it, 15 significant): a value beyond the bounds stays the text it was, and `VALUE-TEXT`
//! names the bound it breaks.

use rust_decimal::Decimal;

use crate::layout::ValueKind;
use crate::report::NoteReason;
use crate::value::{
    CellValue, Limit, MAX_INTEGER_DIGITS, NumberError, check_bounds, is_placeholder, parse_decimal,
    parse_number,
};

/// Units accepted after a whole count (`12件`).
pub const COUNT_UNITS: &[&str] = &["件", "个", "项", "条", "次", "人", "家", "起", "宗", "份"];
/// Units accepted after an amount in 万元 (`0.35万元`).
pub const AMOUNT_UNITS: &[&str] = &["万元", "万"];
/// The unit 元 (yuan), which must not be read in a 万元 cell.
pub const YUAN: &str = "元";

pub use crate::layout::LABEL_ALIASES;

/// The largest number of decimal places a float may be rounded to when it carries noise.
const MAX_NOISE_PLACES: u32 = 6;

/// Reads a value typed as text. Returns the value and every normalisation made (empty when the
/// text was read as it is, or not read as a number at all). A number beyond the bounds stays
/// text; [`out_of_range`] says which bound it breaks.
pub fn normalize_text(raw: &str, kind: ValueKind) -> (CellValue, Vec<NoteReason>) {
    match read_text(raw, kind) {
        TextReading::Blank => (CellValue::Blank, Vec::new()),
        TextReading::Placeholder(p) => (CellValue::Placeholder(p), Vec::new()),
        TextReading::Number(d, reasons) => (CellValue::number(d), reasons),
        TextReading::Text(_) => (CellValue::Text(raw.to_string()), Vec::new()),
    }
}

/// If `raw` is written as a number (as [`normalize_text`] reads numbers: full-width digits,
/// thousands separators, a unit) that is beyond the bounds, the bound it breaks; `None` for a
/// number within them and for any other text.
pub fn out_of_range(raw: &str, kind: ValueKind) -> Option<Limit> {
    match read_text(raw, kind) {
        TextReading::Text(NumberError::OutOfRange(limit)) => Some(limit),
        _ => None,
    }
}

/// True when a text reads as a value — a number, within the bounds or beyond them, or a
/// placeholder such as `/` — and not as a label. Used to tell the values of a table from its
/// labels, so that a number too large to read is still seen where it stands.
pub fn is_value_text(raw: &str) -> bool {
    let t = raw.trim_matches(is_space);
    !t.is_empty()
        && !matches!(
            read_text(t, ValueKind::Amount),
            TextReading::Text(NumberError::NotANumber)
        )
}

enum TextReading {
    Blank,
    Placeholder(String),
    Number(Decimal, Vec<NoteReason>),
    Text(NumberError),
}

fn read_text(raw: &str, kind: ValueKind) -> TextReading {
    let trimmed = raw.trim_matches(is_space);
    if trimmed.is_empty() {
        return TextReading::Blank;
    }
    if is_placeholder(trimmed) {
        return TextReading::Placeholder(trimmed.to_string());
    }
    let mut reasons = vec![NoteReason::NumberAsText];
    let half: String = trimmed.chars().map(half_width).collect();
    if half != trimmed {
        reasons.push(NoteReason::FullWidth);
    }
    // Inner spaces ("1 234") are not accepted; only surrounding ones.
    let mut body = half.trim_matches(is_space);
    let units: &[&str] = match kind {
        ValueKind::Amount => AMOUNT_UNITS,
        ValueKind::Count | ValueKind::SignedCount => COUNT_UNITS,
    };
    if let Some(unit) = units.iter().find(|u| body.ends_with(*u)) {
        body = body[..body.len() - unit.len()].trim_matches(is_space);
        reasons.push(NoteReason::Unit((*unit).to_string()));
    }
    let plain = match strip_thousands(body) {
        Some(s) => {
            reasons.push(NoteReason::ThousandsSeparator);
            s
        }
        None => body.to_string(),
    };
    match parse_number(&plain) {
        Ok(d) => TextReading::Number(d, reasons),
        Err(e) => TextReading::Text(e),
    }
}

/// Reads a value stored as a whole number (an integer cell of a spreadsheet), within the bounds.
pub fn normalize_int(i: i64) -> CellValue {
    fitting(Decimal::from(i), &i.to_string())
}

/// Reads a value stored as a floating-point number. The float is converted exactly (its
/// shortest round-trip decimal form); a float that is a whole number (for an amount: a number
/// of at most six decimal places) up to a few units in the last place is rounded to it, with
/// [`NoteReason::FloatNoise`]. A genuinely fractional count (`2.5`) stays as it is, so that the
/// VALUE-FRACTION rule can judge it. A float beyond the bounds, before or after that rounding,
/// stays the text of its shortest form: `999999999999999.9` is never read as
/// `1000000000000000`.
pub fn normalize_float(f: f64, kind: ValueKind) -> (CellValue, Vec<NoteReason>) {
    if !f.is_finite() {
        return (CellValue::Text(f.to_string()), Vec::new());
    }
    // The common case, a whole number well inside the bounds, is exact as it stands (what the
    // reading below would make of it, without its text).
    if f.fract() == 0.0 && f.abs() < 1e12 {
        return (CellValue::number(Decimal::from(f as i64)), Vec::new());
    }
    // `Display` for f64 prints the shortest representation that reads back to the same float,
    // never in exponent form.
    let shortest = format!("{f}");
    let int_digits = shortest
        .trim_start_matches('-')
        .split('.')
        .next()
        .map_or(0, |i| i.trim_start_matches('0').len());
    let parsed = if int_digits <= MAX_INTEGER_DIGITS {
        shortest.parse::<Decimal>().ok()
    } else {
        None
    };
    let Some(exact) = parsed.map(|d| d.normalize()) else {
        return (CellValue::Text(shortest), Vec::new());
    };
    let places = match kind {
        ValueKind::Amount => MAX_NOISE_PLACES,
        ValueKind::Count | ValueKind::SignedCount => 0,
    };
    // A few units in the last place of the value (at least of 1.0).
    let tolerance = 4.0 * f64::EPSILON * f.abs().max(1.0);
    for dp in 0..=places {
        let rounded = exact.round_dp(dp).normalize();
        if rounded == exact {
            // Decimal keeps 28 places: 1e-300 reads as 0, which is noise too.
            let lossy = exact.to_string().parse::<f64>().ok() != Some(f) && f != 0.0;
            let value = fitting(exact, &shortest);
            let reasons = if lossy && matches!(value, CellValue::Number(_)) {
                vec![NoteReason::FloatNoise]
            } else {
                Vec::new()
            };
            return (value, reasons);
        }
        let back: f64 = rounded.to_string().parse().unwrap_or(f64::NAN);
        if (back - f).abs() <= tolerance {
            return match fitting(rounded, &shortest) {
                v @ CellValue::Number(_) => (v, vec![NoteReason::FloatNoise]),
                text => (text, Vec::new()),
            };
        }
    }
    (fitting(exact, &shortest), Vec::new())
}

/// The number, or the text seen when it is beyond the bounds.
fn fitting(d: Decimal, seen: &str) -> CellValue {
    match check_bounds(d) {
        Ok(d) => CellValue::number(d),
        Err(_) => CellValue::Text(seen.to_string()),
    }
}

/// If `raw` is an amount written in 元 (`251000元`, `25,100 元`), the amount in 元. A 万元 cell
/// holding it must not be divided silently: the importer keeps it as text and explains.
pub fn yuan_in_wan_cell(raw: &str) -> Option<Decimal> {
    let half: String = raw.trim_matches(is_space).chars().map(half_width).collect();
    let body = half.strip_suffix(YUAN)?;
    if AMOUNT_UNITS.iter().any(|u| half.ends_with(u)) {
        return None;
    }
    let body = body.trim_matches(is_space);
    let plain = strip_thousands(body).unwrap_or_else(|| body.to_string());
    parse_decimal(&plain)
}

/// Removes thousands separators from `1,234,567` (groups of exactly three digits); `None` when
/// the text has no separator or is not grouped correctly.
fn strip_thousands(s: &str) -> Option<String> {
    if !s.contains(',') {
        return None;
    }
    let unsigned = s.strip_prefix(['-', '+']).unwrap_or(s);
    let int = unsigned.split('.').next().unwrap_or("");
    let mut groups = int.split(',');
    let first = groups.next()?;
    if first.is_empty() || first.len() > 3 || !first.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    for g in groups {
        if g.len() != 3 || !g.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
    }
    if unsigned[int.len()..].contains(',') {
        return None;
    }
    Some(s.replace(',', ""))
}

/// White space, including the ideographic space and no-break space.
pub fn is_space(c: char) -> bool {
    c.is_whitespace() || c == '\u{3000}' || c == '\u{a0}' || c == '\u{feff}'
}

/// Maps a full-width ASCII variant (`１`, `（`, `，`) to its half-width form; other characters
/// are returned unchanged.
pub fn half_width(c: char) -> char {
    match c {
        '\u{ff01}'..='\u{ff5e}' => char::from_u32(c as u32 - 0xfee0).unwrap_or(c),
        '\u{3000}' => ' ',
        _ => c,
    }
}

/// Normalises a label for matching: no white space (line breaks included), half-width
/// punctuation, no quotes of any kind, `、` and `．` read as `.`, ASCII letters lower-cased.
/// `"商业\n企业"` and `"商业企业"`, `"(一)予以公开"` and `"（一）予以公开"`, `"1、属于国家秘密"` and
/// `"1.属于国家秘密"` all give the same result.
pub fn normalize_label(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    // Runs of characters kept as they are (CJK ideographs, digits, lower-case letters: most of
    // a label) are copied as slices, not pushed one by one.
    let mut run = 0;
    for (i, c) in s.char_indices() {
        if kept_as_is(c) {
            continue;
        }
        out.push_str(&s[run..i]);
        run = i + c.len_utf8();
        push_normalized(&mut out, c);
    }
    out.push_str(&s[run..]);
    out
}

/// One character of [`normalize_label`]: dropped, replaced or kept.
fn push_normalized(out: &mut String, c: char) {
    if is_space(c) {
        return;
    }
    let c = half_width(c);
    match c {
        '"' | '\'' | '“' | '”' | '‘' | '’' | '「' | '」' | '『' | '』' => {}
        '、' | '。' => out.push('.'),
        '【' | '〔' => out.push('['),
        '】' | '〕' => out.push(']'),
        _ => out.push(c.to_ascii_lowercase()),
    }
}

/// Whether [`normalize_label`] keeps a character unchanged, for certain and cheaply: a CJK
/// ideograph, an ASCII digit or lower-case letter.
fn kept_as_is(c: char) -> bool {
    matches!(c, '\u{4e00}'..='\u{9fff}' | '0'..='9' | 'a'..='z')
}

/// A label without its leading numbering (`一.`, `(一)`, `1.`) and without a trailing
/// parenthesised remark, both after [`normalize_label`]: `（二）部分公开（区分处理的…）` gives
/// `部分公开`. Used to match labels written with other numbering or without the remark.
pub fn label_key(s: &str) -> String {
    let n = normalize_label(s);
    n[key_range(&n)].to_string()
}

/// Where [`label_key`] of a label is in its [`normalize_label`]: the key is always a part of it.
pub fn key_range(n: &str) -> std::ops::Range<usize> {
    let mut start = 0;
    // (一) or (1)
    let paren = n
        .strip_prefix('(')
        .and_then(|inner| inner.find(')').map(|end| (inner, end)))
        .filter(|(inner, end)| *end > 0 && inner[..*end].chars().all(is_numeral));
    if let Some((_, end)) = paren {
        start = 1 + end + 1;
    } else {
        let numeral_end = n
            .char_indices()
            .find(|(_, c)| !is_numeral(*c))
            .map(|(i, _)| i)
            .unwrap_or(n.len());
        if numeral_end > 0 && n[numeral_end..].starts_with('.') {
            start = numeral_end + 1;
        }
    }
    let key = &n[start..];
    let mut end = n.len();
    if key.ends_with(')')
        && let Some(open) = key.rfind('(').filter(|&open| open > 0)
    {
        end = start + open;
    }
    start..end
}

fn is_numeral(c: char) -> bool {
    c.is_ascii_digit() || "一二三四五六七八九十".contains(c)
}

/// The normalised keys a catalog label is known by: its own key and those of its aliases.
pub fn label_keys(label: &str) -> Vec<String> {
    let key = label_key(label);
    let mut keys = vec![key.clone()];
    for (a, b) in LABEL_ALIASES {
        let (ka, kb) = (label_key(a), label_key(b));
        if ka == key && !keys.contains(&kb) {
            keys.push(kb);
        } else if kb == key && !keys.contains(&ka) {
            keys.push(ka);
        }
    }
    keys
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The normaliser one character at a time: the one copying runs must agree with it.
    fn normalize_label_per_char(s: &str) -> String {
        let mut out = String::new();
        for c in s.chars() {
            push_normalized(&mut out, c);
        }
        out
    }

    #[test]
    fn normalize_label_copies_runs_like_the_per_character_normaliser() {
        let texts = [
            "",
            "商业\n企业",
            "（一）予以公开",
            "1、属于国家秘密",
            "“行政复议”　结果\u{a0}维持 ",
            "【不予公开】〔2021〕30号",
            "ABC abc 123 １２３ ＡＢＣ",
            "申请人情况—法人或其他组织—商业企业",
            "填报单位（盖章）：某某局。",
            "\u{feff}单位名称",
            "👍表三",
            "\u{3400}\u{4dff}\u{4e00}\u{9fff}\u{a000}",
        ];
        for t in texts {
            assert_eq!(normalize_label(t), normalize_label_per_char(t), "{t:?}");
        }
        // Every character of the ranges labels are written in, alone and between ideographs.
        let ranges = [
            0x20..0x250,
            0x2000..0x2070,
            0x3000..0x3040,
            0x4e00..0x4e10,
            0xfe30..0xff70,
        ];
        for c in ranges.into_iter().flatten().filter_map(char::from_u32) {
            for t in [c.to_string(), format!("公开{c}申请"), format!("{c}{c}a")] {
                assert_eq!(normalize_label(&t), normalize_label_per_char(&t), "{t:?}");
            }
        }
    }

    fn text(raw: &str, kind: ValueKind) -> (String, Vec<NoteReason>) {
        let (v, r) = normalize_text(raw, kind);
        (format!("{}:{v}", v.state()), r)
    }

    #[test]
    fn text_values() {
        use NoteReason as N;
        use ValueKind::{Amount, Count};
        let cases: &[(&str, ValueKind, &str, Vec<NoteReason>)] = &[
            ("", Count, "blank:", vec![]),
            ("  \u{3000}", Count, "blank:", vec![]),
            ("12", Count, "number:12", vec![N::NumberAsText]),
            (" 12 ", Count, "number:12", vec![N::NumberAsText]),
            ("5.0", Count, "number:5", vec![N::NumberAsText]),
            ("2.5", Count, "number:2.5", vec![N::NumberAsText]),
            ("-3", Count, "number:-3", vec![N::NumberAsText]),
            (
                "１２",
                Count,
                "number:12",
                vec![N::NumberAsText, N::FullWidth],
            ),
            (
                "０．３５",
                Amount,
                "number:0.35",
                vec![N::NumberAsText, N::FullWidth],
            ),
            (
                "1,234",
                Count,
                "number:1234",
                vec![N::NumberAsText, N::ThousandsSeparator],
            ),
            (
                "１，２３４",
                Count,
                "number:1234",
                vec![N::NumberAsText, N::FullWidth, N::ThousandsSeparator],
            ),
            ("1,23", Count, "text:1,23", vec![]),
            ("12,", Count, "text:12,", vec![]),
            (
                "12件",
                Count,
                "number:12",
                vec![N::NumberAsText, N::Unit("件".into())],
            ),
            (
                "12 项",
                Count,
                "number:12",
                vec![N::NumberAsText, N::Unit("项".into())],
            ),
            (
                "0.35万元",
                Amount,
                "number:0.35",
                vec![N::NumberAsText, N::Unit("万元".into())],
            ),
            ("251000元", Amount, "text:251000元", vec![]),
            ("0.35万元", Count, "text:0.35万元", vec![]),
            ("12件", Amount, "text:12件", vec![]),
            ("/", Count, "placeholder:/", vec![]),
            (" 无 ", Count, "placeholder:无", vec![]),
            ("—", Count, "placeholder:—", vec![]),
            ("-", Count, "placeholder:-", vec![]),
            ("N/A", Count, "placeholder:N/A", vec![]),
            ("不适用", Count, "placeholder:不适用", vec![]),
            ("十二", Count, "text:十二", vec![]),
            ("1 234", Count, "text:1 234", vec![]),
            ("1e3", Count, "text:1e3", vec![]),
            ("1,000,000,000,000", Count, "text:1,000,000,000,000", vec![]),
            (
                "999,999,999,999",
                Count,
                "number:999999999999",
                vec![N::NumberAsText, N::ThousandsSeparator],
            ),
            ("0.1234567万元", Amount, "text:0.1234567万元", vec![]),
            (
                "0.000001万元",
                Amount,
                "number:0.000001",
                vec![N::NumberAsText, N::Unit("万元".into())],
            ),
        ];
        for (raw, kind, want, reasons) in cases {
            assert_eq!(
                text(raw, *kind),
                (want.to_string(), reasons.clone()),
                "{raw:?}"
            );
        }
    }

    #[test]
    fn float_values() {
        use ValueKind::{Amount, Count};
        let cases: &[(f64, ValueKind, &str, bool)] = &[
            (5.0, Count, "number:5", false),
            (0.0, Count, "number:0", false),
            (7.000_000_000_000_001, Count, "number:7", true),
            (6.999_999_999_999_999, Count, "number:7", true),
            (2.5, Count, "number:2.5", false),
            (7.0001, Count, "number:7.0001", false),
            (-3.0, Count, "number:-3", false),
            (0.35, Amount, "number:0.35", false),
            (79.07, Amount, "number:79.07", false),
            (0.1 + 0.2, Amount, "number:0.3", true),
            (1e20, Count, "text:100000000000000000000", false),
            (f64::NAN, Count, "text:NaN", false),
            (1e-300, Count, "number:0", true),
            (0.123_456_789_012_3, Amount, "text:0.1234567890123", false),
            // Beyond the bounds, never rounded into them.
            (
                999_999_999_999_999.9,
                Amount,
                "text:999999999999999.9",
                false,
            ),
            (1e15, Count, "text:1000000000000000", false),
            (1e12, Count, "text:1000000000000", false),
            (999_999_999_999.0, Count, "number:999999999999", false),
            (
                999_999_999_999.999_9,
                Amount,
                "text:999999999999.9999",
                false,
            ),
            (
                999_999_999.999_999,
                Amount,
                "number:999999999.999999",
                false,
            ),
            (0.000_000_1, Amount, "text:0.0000001", false),
            (0.000_001, Amount, "number:0.000001", false),
            (-2.5, Count, "number:-2.5", false),
        ];
        for (f, kind, want, noise) in cases {
            let (v, r) = normalize_float(*f, *kind);
            let got = format!("{}:{v}", v.state());
            assert!(got.starts_with(want), "{f:?}: {got}");
            assert_eq!(r == vec![NoteReason::FloatNoise], *noise, "{f:?}");
        }
    }

    #[test]
    fn numbers_beyond_the_bounds_say_which_bound() {
        use ValueKind::{Amount, Count};
        assert_eq!(
            out_of_range("1,000,000,000,000", Count),
            Some(Limit::IntegerDigits)
        );
        assert_eq!(
            out_of_range("０.１２３４５６７万元", Amount),
            Some(Limit::FractionDigits)
        );
        assert_eq!(
            out_of_range("999999999999.9999", Amount),
            Some(Limit::SignificantDigits)
        );
        assert_eq!(out_of_range("12", Count), None);
        assert_eq!(out_of_range("见附件", Count), None);
        assert_eq!(out_of_range("1e20", Count), None);
        assert!(is_value_text("1000000000000000"));
        assert!(is_value_text(" / "));
        assert!(is_value_text("12"));
        assert!(!is_value_text("自然人"));
        assert_eq!(
            normalize_int(999_999_999_999),
            CellValue::int(999_999_999_999)
        );
        assert_eq!(
            normalize_int(i64::MAX),
            CellValue::Text(i64::MAX.to_string())
        );
    }

    #[test]
    fn yuan_amounts_are_recognised_not_converted() {
        assert_eq!(yuan_in_wan_cell("251000元"), Some(Decimal::from(251_000)));
        assert_eq!(yuan_in_wan_cell("251,000 元"), Some(Decimal::from(251_000)));
        assert_eq!(yuan_in_wan_cell("0.35万元"), None);
        assert_eq!(yuan_in_wan_cell("12"), None);
    }

    #[test]
    fn labels() {
        assert_eq!(normalize_label("商业\n企业"), "商业企业");
        assert_eq!(normalize_label("结果 维持"), "结果维持");
        assert_eq!(
            normalize_label("(一)予以公开"),
            normalize_label("（一）予以公开")
        );
        assert_eq!(
            normalize_label("1、属于国家秘密"),
            normalize_label("1.属于国家秘密")
        );
        assert_eq!(
            normalize_label("3.危及\"三安全一稳定\""),
            normalize_label("3.危及“三安全一稳定”")
        );
        assert_eq!(
            label_key("（二）部分公开（区分处理的，只计这一情形，不计其他情形）"),
            "部分公开"
        );
        assert_eq!(
            label_key("一、本年新收政府信息公开申请数量"),
            "本年新收政府信息公开申请数量"
        );
        assert_eq!(label_key("1.属于国家秘密"), "属于国家秘密");
        assert_eq!(label_key("本年收费金额（单位：万元）"), "本年收费金额");
        assert_eq!(label_key("(七)总计"), "总计");
        assert_eq!(
            label_keys("行政规范性文件"),
            vec!["行政规范性文件", "规范性文件"]
        );
        assert_eq!(
            label_keys("规范性文件"),
            vec!["规范性文件", "行政规范性文件"]
        );
    }
}
