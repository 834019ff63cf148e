//! Cell values and their states. A value is never guessed: blank, a placeholder, zero and
//! unreadable text stay distinct.

use std::fmt;

use rust_decimal::Decimal;

/// The largest number of digits before the decimal point a value may have. Larger "numbers" are
/// not statistics of an agency (and sums of thousands of reports must stay exact), so they are
/// treated as unreadable text.
pub const MAX_INTEGER_DIGITS: usize = 15;
/// The largest number of digits after the decimal point a value may have.
pub const MAX_FRACTION_DIGITS: usize = 10;

/// Texts that mean "none" or "not applicable" in published reports.
pub const PLACEHOLDERS: &[&str] = &[
    "/",
    "／",
    "\\",
    "—",
    "——",
    "-",
    "－",
    "–",
    "无",
    "不适用",
    "N/A",
    "n/a",
    "NA",
    "空",
];

/// The state and value of one numeric cell.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Default)]
pub enum CellValue {
    /// Nothing was filled in.
    #[default]
    Blank,
    /// A number. Counts are whole; `disclosure.fees.amount` is in 万元 and may have decimals.
    /// Stored normalised (no trailing zeros), so `5.0` and `5` are the same value.
    Number(Decimal),
    /// A placeholder meaning none or not applicable, with the text as it was seen (`/`, `无`, …).
    Placeholder(String),
    /// Text that is neither a number nor a placeholder, as it was seen.
    Text(String),
}

impl CellValue {
    /// A number, normalised.
    pub fn number(d: Decimal) -> CellValue {
        CellValue::Number(d.normalize())
    }

    /// A whole number.
    pub fn int(n: i64) -> CellValue {
        CellValue::Number(Decimal::from(n))
    }

    /// Reads a value written in the project's own formats (JSON, long CSV): empty is blank, a
    /// placeholder is a placeholder, a plain decimal number (`12`, `-3`, `0.35`) is a number and
    /// anything else is text. No other normalisation is made here; see [`crate::normalize`] for
    /// the lenient reading of spreadsheets.
    pub fn parse_plain(s: &str) -> CellValue {
        let t = s.trim();
        if t.is_empty() {
            CellValue::Blank
        } else if is_placeholder(t) {
            CellValue::Placeholder(t.to_string())
        } else if let Some(d) = parse_decimal(t) {
            CellValue::Number(d)
        } else {
            CellValue::Text(s.to_string())
        }
    }

    /// The number, if the cell holds one.
    pub fn as_number(&self) -> Option<Decimal> {
        match self {
            CellValue::Number(d) => Some(*d),
            _ => None,
        }
    }

    /// The value to use in a sum: the number, or 0 for blank and placeholder; `None` for text.
    pub fn summand(&self) -> Option<Decimal> {
        match self {
            CellValue::Number(d) => Some(*d),
            CellValue::Blank | CellValue::Placeholder(_) => Some(Decimal::ZERO),
            CellValue::Text(_) => None,
        }
    }

    /// True for blank and placeholder cells.
    pub fn is_missing(&self) -> bool {
        matches!(self, CellValue::Blank | CellValue::Placeholder(_))
    }

    /// The state's stable name: `number`, `blank`, `placeholder`, `text`.
    pub fn state(&self) -> &'static str {
        match self {
            CellValue::Blank => "blank",
            CellValue::Number(_) => "number",
            CellValue::Placeholder(_) => "placeholder",
            CellValue::Text(_) => "text",
        }
    }

    /// The text as seen, for placeholder and text cells.
    pub fn seen(&self) -> Option<&str> {
        match self {
            CellValue::Placeholder(s) | CellValue::Text(s) => Some(s),
            _ => None,
        }
    }
}

impl fmt::Display for CellValue {
    /// The value as a person reads it: the number, the text seen, or nothing for a blank.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            CellValue::Blank => Ok(()),
            CellValue::Number(d) => write!(f, "{d}"),
            CellValue::Placeholder(s) | CellValue::Text(s) => f.write_str(s),
        }
    }
}

/// True if the text (trimmed) is one of the [`PLACEHOLDERS`].
pub fn is_placeholder(s: &str) -> bool {
    let t = s.trim();
    PLACEHOLDERS.iter().any(|p| p.eq_ignore_ascii_case(t))
}

/// Parses a plain decimal number: optional `-`, ASCII digits, optional `.` and digits. Bounded by
/// [`MAX_INTEGER_DIGITS`] and [`MAX_FRACTION_DIGITS`]. The result is normalised.
pub fn parse_decimal(s: &str) -> Option<Decimal> {
    let t = s.trim();
    let digits = t
        .strip_prefix('-')
        .or_else(|| t.strip_prefix('+'))
        .unwrap_or(t);
    let (int, frac) = match digits.split_once('.') {
        Some((i, f)) => (i, Some(f)),
        None => (digits, None),
    };
    let ok_int = !int.is_empty()
        && int.len() <= MAX_INTEGER_DIGITS
        && int.bytes().all(|b| b.is_ascii_digit());
    let ok_frac = match frac {
        None => true,
        Some(f) => {
            !f.is_empty() && f.len() <= MAX_FRACTION_DIGITS && f.bytes().all(|b| b.is_ascii_digit())
        }
    };
    if !(ok_int && ok_frac) {
        return None;
    }
    let d: Decimal = t.trim_start_matches('+').parse().ok()?;
    Some(d.normalize())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_values_keep_their_state() {
        assert_eq!(CellValue::parse_plain(""), CellValue::Blank);
        assert_eq!(CellValue::parse_plain("  "), CellValue::Blank);
        assert_eq!(CellValue::parse_plain("0"), CellValue::int(0));
        assert_eq!(CellValue::parse_plain("5.0"), CellValue::int(5));
        assert_eq!(CellValue::parse_plain("0.35").to_string(), "0.35");
        assert_eq!(CellValue::parse_plain("-3"), CellValue::int(-3));
        assert_eq!(
            CellValue::parse_plain("/"),
            CellValue::Placeholder("/".into())
        );
        assert_eq!(
            CellValue::parse_plain("n/a"),
            CellValue::Placeholder("n/a".into())
        );
        assert_eq!(
            CellValue::parse_plain("12件"),
            CellValue::Text("12件".into())
        );
        assert_eq!(CellValue::parse_plain("1e3"), CellValue::Text("1e3".into()));
        assert_eq!(
            CellValue::parse_plain("1234567890123456"),
            CellValue::Text("1234567890123456".into())
        );
        assert_eq!(CellValue::parse_plain("."), CellValue::Text(".".into()));
        assert_eq!(CellValue::parse_plain("5."), CellValue::Text("5.".into()));
    }
}
