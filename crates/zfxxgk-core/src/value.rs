//! Cell values and their states. A value is never guessed: blank, a placeholder, zero and
//! unreadable text stay distinct.

use std::fmt;

use rust_decimal::Decimal;

/// The largest number of digits before the decimal point a value may have: 999,999,999,999.
/// The largest count in any published report is far below (a province's licensing decisions run
/// to millions), and a total of a thousand such values still fits [`MAX_SIGNIFICANT_DIGITS`].
/// Larger "numbers" are not statistics of an agency.
pub const MAX_INTEGER_DIGITS: usize = 12;
/// The largest number of digits after the decimal point a value may have. The fee is in 万元:
/// six decimals are 0.000001 万元 = 0.01 元, one 分, the smallest unit of money. (Counts are whole;
/// a count with decimals is still read, so that `VALUE-FRACTION` can say so.)
pub const MAX_FRACTION_DIGITS: usize = 6;
/// The largest number of significant digits a value may have: what Excel keeps of a number (and
/// every decimal of 15 digits survives the round trip through a binary float), so that every
/// value we accept can be written to a workbook and read back exactly.
pub const MAX_SIGNIFICANT_DIGITS: usize = 15;

/// The bound a number breaks ([`MAX_INTEGER_DIGITS`], [`MAX_FRACTION_DIGITS`],
/// [`MAX_SIGNIFICANT_DIGITS`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Limit {
    /// Too many digits before the decimal point.
    IntegerDigits,
    /// Too many digits after the decimal point.
    FractionDigits,
    /// Too many significant digits.
    SignificantDigits,
}

impl Limit {
    /// The bound as a person reads it: `整数部分最多 12 位`.
    pub fn describe(self, lang: crate::Lang) -> String {
        use crate::Lang::{En, Zh};
        match (self, lang) {
            (Limit::IntegerDigits, Zh) => format!("整数部分最多 {MAX_INTEGER_DIGITS} 位"),
            (Limit::IntegerDigits, En) => {
                format!("at most {MAX_INTEGER_DIGITS} digits before the decimal point")
            }
            (Limit::FractionDigits, Zh) => format!("小数最多 {MAX_FRACTION_DIGITS} 位"),
            (Limit::FractionDigits, En) => format!("at most {MAX_FRACTION_DIGITS} decimal places"),
            (Limit::SignificantDigits, Zh) => {
                format!("有效数字最多 {MAX_SIGNIFICANT_DIGITS} 位（Excel 的精度）")
            }
            (Limit::SignificantDigits, En) => {
                format!("at most {MAX_SIGNIFICANT_DIGITS} significant digits (what Excel keeps)")
            }
        }
    }
}

/// Why a text is not read as a number.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NumberError {
    /// It is not written as a number.
    NotANumber,
    /// It is a number beyond a bound; never rounded into one.
    OutOfRange(Limit),
}

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

    /// The value to use in a sum: the number, or 0 for blank and placeholder; `None` for text
    /// and for a number beyond the bounds (which no reader makes, but a report built in code
    /// may hold), so that sums of summands stay exact and never overflow.
    pub fn summand(&self) -> Option<Decimal> {
        match self {
            CellValue::Number(d) => check_bounds(*d).ok(),
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

/// Parses a plain decimal number: optional `-` or `+`, ASCII digits, optional `.` and digits.
/// Within the bounds ([`MAX_INTEGER_DIGITS`], [`MAX_FRACTION_DIGITS`],
/// [`MAX_SIGNIFICANT_DIGITS`]); the result is normalised.
pub fn parse_decimal(s: &str) -> Option<Decimal> {
    parse_number(s).ok()
}

/// Parses a plain decimal number (as [`parse_decimal`]), saying why a text is not one: not
/// written as a number, or beyond a bound (leading zeros before and trailing zeros after the
/// point do not count: `0.3500000` is 0.35).
pub fn parse_number(s: &str) -> Result<Decimal, NumberError> {
    parse(s.trim(), false)
}

/// Parses a number that may also be written with an exponent, as JSON allows (`5e28`, `1E-3`,
/// `2.5e+2`), within the same bounds as [`parse_number`]: an exponent never lets a number past
/// them, however large or small it is written.
pub fn parse_scientific(s: &str) -> Result<Decimal, NumberError> {
    parse(s.trim(), true)
}

/// The number if it is within the bounds, else the bound it breaks. Every number a reader makes,
/// and every total, passes here.
pub fn check_bounds(d: Decimal) -> Result<Decimal, Limit> {
    // A whole number of at most 12 digits, the common case, is within every bound as it is
    // (only a negative zero is changed by `normalize`).
    if d.scale() == 0 && d.mantissa().unsigned_abs() < 1_000_000_000_000 {
        return Ok(if d.is_zero() { Decimal::ZERO } else { d });
    }
    // Counted on the mantissa and scale (no text is made: this runs for every value read).
    let d = d.normalize();
    let mut m = d.mantissa().unsigned_abs();
    let digits = |m: u128| if m == 0 { 0 } else { m.ilog10() as usize + 1 };
    let scale = d.scale() as usize;
    // After `normalize` the fraction has no trailing zeros.
    let (int_digits, frac_digits) = (digits(m).saturating_sub(scale), scale);
    if int_digits > MAX_INTEGER_DIGITS {
        return Err(Limit::IntegerDigits);
    }
    if frac_digits > MAX_FRACTION_DIGITS {
        return Err(Limit::FractionDigits);
    }
    while m != 0 && m.is_multiple_of(10) {
        m /= 10;
    }
    if digits(m) > MAX_SIGNIFICANT_DIGITS {
        return Err(Limit::SignificantDigits);
    }
    Ok(d)
}

/// The bounds over the digits before and after the point, without leading zeros before and
/// trailing zeros after it.
fn bounded(int: &str, frac: &str) -> Result<(), Limit> {
    if int.len() > MAX_INTEGER_DIGITS {
        return Err(Limit::IntegerDigits);
    }
    if frac.len() > MAX_FRACTION_DIGITS {
        return Err(Limit::FractionDigits);
    }
    let (int, frac) = (int.trim_start_matches('0'), frac.trim_end_matches('0'));
    let significant = match (int.is_empty(), frac.is_empty()) {
        (true, _) => frac.trim_start_matches('0').len(),
        (false, true) => int.trim_end_matches('0').len(),
        (false, false) => int.len() + frac.len(),
    };
    if significant > MAX_SIGNIFICANT_DIGITS {
        return Err(Limit::SignificantDigits);
    }
    Ok(())
}

/// The one reading of a number's text: sign, digits, point, digits and (for JSON) an exponent;
/// the bounds are checked on the digits before anything is converted, so no text however long
/// can overflow or be rounded.
fn parse(t: &str, exponent: bool) -> Result<Decimal, NumberError> {
    let (negative, unsigned) = match t.as_bytes().first() {
        Some(b'-') => (true, &t[1..]),
        Some(b'+') => (false, &t[1..]),
        _ => (false, t),
    };
    let (mantissa, exp) = match unsigned.find(['e', 'E']) {
        Some(i) if exponent => (&unsigned[..i], Some(&unsigned[i + 1..])),
        _ => (unsigned, None),
    };
    let (int, frac) = match mantissa.split_once('.') {
        Some((i, f)) => (i, Some(f)),
        None => (mantissa, None),
    };
    let all_digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    if !all_digits(int) || frac.is_some_and(|f| !all_digits(f)) {
        return Err(NumberError::NotANumber);
    }
    let frac = frac.unwrap_or("");
    // The exponent, saturated far beyond any bound (a longer one only moves further out).
    let shift: i64 = match exp {
        None => 0,
        Some(e) => {
            let (sign, digits) = match e.as_bytes().first() {
                Some(b'-') => (-1, &e[1..]),
                Some(b'+') => (1, &e[1..]),
                _ => (1, e),
            };
            if !all_digits(digits) {
                return Err(NumberError::NotANumber);
            }
            let magnitude = digits.bytes().fold(0i64, |acc, b| {
                (acc * 10 + i64::from(b - b'0')).min(1_000_000)
            });
            sign * magnitude
        }
    };
    // All the digits, and where the point is among them once the exponent moved it.
    let digits = format!("{int}{frac}");
    let lead = digits.len() - digits.trim_start_matches('0').len();
    if lead == digits.len() {
        return Ok(Decimal::ZERO);
    }
    let trail = digits.len() - digits.trim_end_matches('0').len();
    let significant = &digits[lead..digits.len() - trail];
    // The position of the point counted from the first significant digit.
    let point = int.len() as i64 + shift - lead as i64;
    let (int_part, frac_part) = if point <= 0 {
        let zeros = usize::try_from(-point).unwrap_or(usize::MAX);
        if zeros > MAX_FRACTION_DIGITS {
            return Err(NumberError::OutOfRange(Limit::FractionDigits));
        }
        (String::new(), format!("{}{significant}", "0".repeat(zeros)))
    } else {
        let point = usize::try_from(point).unwrap_or(usize::MAX);
        if point > MAX_INTEGER_DIGITS {
            return Err(NumberError::OutOfRange(Limit::IntegerDigits));
        }
        if point >= significant.len() {
            (
                format!("{significant}{}", "0".repeat(point - significant.len())),
                String::new(),
            )
        } else {
            (
                significant[..point].to_string(),
                significant[point..].to_string(),
            )
        }
    };
    bounded(&int_part, &frac_part).map_err(NumberError::OutOfRange)?;
    let text = match (negative, frac_part.is_empty()) {
        (false, true) => int_part,
        (true, true) => format!("-{int_part}"),
        (sign, false) => format!(
            "{}{}.{frac_part}",
            if sign { "-" } else { "" },
            if int_part.is_empty() { "0" } else { &int_part }
        ),
    };
    // At most 15 significant digits: always an exact decimal.
    text.parse::<Decimal>()
        .map(|d| d.normalize())
        .map_err(|_| NumberError::NotANumber)
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

    #[test]
    fn every_number_is_bounded_however_it_is_written() {
        use Limit::{FractionDigits as F, IntegerDigits as I, SignificantDigits as S};
        use NumberError::{NotANumber as N, OutOfRange as R};
        let ok = |s: &str| Ok(s.parse::<Decimal>().unwrap().normalize());
        let cases: &[(&str, bool, Result<Decimal, NumberError>)] = &[
            ("999999999999", false, ok("999999999999")),
            ("-999999999999", false, ok("-999999999999")),
            ("1000000000000", false, Err(R(I))),
            ("000000000000001", false, ok("1")),
            ("0.000001", false, ok("0.000001")),
            ("0.0000001", false, Err(R(F))),
            ("0.3500000000", false, ok("0.35")),
            ("999999999.999999", false, ok("999999999.999999")),
            ("999999999999.999", false, ok("999999999999.999")),
            ("999999999999.9999", false, Err(R(S))),
            ("999999999999999.9", false, Err(R(I))),
            ("0.30000000000000004", false, Err(R(F))),
            ("1e3", false, Err(N)),
            ("1e3", true, ok("1000")),
            ("5e28", true, Err(R(I))),
            ("1e20", true, Err(R(I))),
            ("1e15", true, Err(R(I))),
            ("1e11", true, ok("100000000000")),
            ("1E+11", true, ok("100000000000")),
            ("1e12", true, Err(R(I))),
            ("1e-11", true, Err(R(F))),
            ("1e-6", true, ok("0.000001")),
            ("-2.5e-1", true, ok("-0.25")),
            ("0.00123e3", true, ok("1.23")),
            ("123456e-3", true, ok("123.456")),
            ("0e99999999999999999999", true, ok("0")),
            ("1e99999999999999999999", true, Err(R(I))),
            ("1e-99999999999999999999", true, Err(R(F))),
            ("-0", false, ok("0")),
            ("1e", true, Err(N)),
            ("e5", true, Err(N)),
            ("1e+", true, Err(N)),
            ("1.e5", true, Err(N)),
            ("--1", false, Err(N)),
            ("", false, Err(N)),
        ];
        for (text, exponent, want) in cases {
            let got = if *exponent {
                parse_scientific(text)
            } else {
                parse_number(text)
            };
            assert_eq!(&got, want, "{text}");
            if let Ok(d) = got {
                assert_eq!(check_bounds(d), Ok(d), "{text}");
                // What we accept survives a spreadsheet's binary float exactly.
                let f: f64 = d.to_string().parse().unwrap();
                assert_eq!(format!("{f}").parse::<Decimal>().unwrap().normalize(), d);
            }
        }
        assert_eq!(check_bounds(Decimal::MAX), Err(I));
        assert_eq!(
            check_bounds("0.1234567".parse().unwrap()),
            Err(F),
            "decimals beyond six"
        );
        assert_eq!(
            check_bounds("123456789012.3456".parse().unwrap()),
            Err(S),
            "sixteen significant digits"
        );
        assert_eq!(
            Limit::IntegerDigits.describe(crate::Lang::Zh),
            "整数部分最多 12 位"
        );
        assert_eq!(CellValue::Number(Decimal::MAX).summand(), None);
    }
}
