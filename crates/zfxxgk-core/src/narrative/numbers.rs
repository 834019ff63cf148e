//! Numbers as Chinese reports write them: Arabic digits (half- or full-width, with thousands
//! separators and decimals) and Chinese numerals (十二, 二十一, 一百零五, 两, 一万二千), plus the
//! digit-by-digit years (二〇二四).

use std::str::FromStr;

use rust_decimal::Decimal;

/// The value of an Arabic digit, half- or full-width.
pub(crate) fn arabic_digit(c: char) -> Option<u32> {
    match c {
        '0'..='9' => Some(c as u32 - '0' as u32),
        '０'..='９' => Some(c as u32 - '０' as u32),
        _ => None,
    }
}

/// The value of a Chinese digit (零〇一二两三四五六七八九).
pub(crate) fn chinese_digit(c: char) -> Option<u64> {
    Some(match c {
        '零' | '〇' => 0,
        '一' => 1,
        '二' | '两' => 2,
        '三' => 3,
        '四' => 4,
        '五' => 5,
        '六' => 6,
        '七' => 7,
        '八' => 8,
        '九' => 9,
        _ => return None,
    })
}

/// Whether `c` may stand in a Chinese numeral.
pub(crate) fn is_chinese_numeral(c: char) -> bool {
    chinese_digit(c).is_some() || matches!(c, '十' | '百' | '千' | '万')
}

/// Parses a Chinese numeral strictly (十二, 二十一, 一百零五, 两千, 一万二千三百): `None` for
/// anything that is not a well-formed number (一两, 十几, 三五, 二〇二四).
pub fn parse_chinese(s: &str) -> Option<u64> {
    let chars: Vec<char> = s.chars().collect();
    match chars.iter().position(|&c| c == '万') {
        Some(at) => {
            let high = section(&chars[..at])?;
            let rest = &chars[at + 1..];
            let low = if rest.is_empty() { 0 } else { section(rest)? };
            if high == 0 {
                return None;
            }
            Some(high * 10_000 + low)
        }
        None => section(&chars),
    }
}

/// A numeral below 10 000.
fn section(chars: &[char]) -> Option<u64> {
    if chars.is_empty() {
        return None;
    }
    let (mut total, mut pending, mut last_unit) = (0u64, None::<u64>, 10_000u64);
    for (i, &c) in chars.iter().enumerate() {
        if let Some(d) = chinese_digit(c) {
            if d == 0 {
                // 一百零五: a zero only between a unit and a digit (or a lone 零).
                if pending.is_some() || (i > 0 && chinese_digit(chars[i - 1]) == Some(0)) {
                    return None;
                }
                if chars.len() == 1 {
                    return Some(0);
                }
                continue;
            }
            if pending.is_some() {
                return None;
            }
            pending = Some(d);
        } else {
            let unit = match c {
                '十' => 10,
                '百' => 100,
                '千' => 1000,
                _ => return None,
            };
            if unit >= last_unit {
                return None;
            }
            let d = match pending.take() {
                Some(d) => d,
                None if i == 0 && unit == 10 => 1,
                None => return None,
            };
            total += d * unit;
            last_unit = unit;
        }
    }
    Some(total + pending.unwrap_or(0))
}

/// A year written digit by digit in Chinese (二〇二四): four Chinese digits, 1900 … 2100.
pub(crate) fn chinese_year(s: &str) -> Option<i32> {
    let digits: Vec<u64> = s.chars().map(chinese_digit).collect::<Option<_>>()?;
    if digits.len() != 4 || s.contains('两') {
        return None;
    }
    let y = digits.iter().fold(0u64, |acc, d| acc * 10 + d) as i32;
    (1900..=2100).contains(&y).then_some(y)
}

/// Parses Arabic digits (half- or full-width) with optional thousands separators (`,`) and a
/// decimal point (`.` or `．`).
pub fn parse_arabic(s: &str) -> Option<Decimal> {
    let mut ascii = String::with_capacity(s.len());
    for c in s.chars() {
        if let Some(d) = arabic_digit(c) {
            ascii.push(char::from_digit(d, 10)?);
        } else if c == '.' || c == '．' {
            ascii.push('.');
        } else if c != ',' {
            return None;
        }
    }
    Decimal::from_str(&ascii).ok()
}

/// Parses either form: Arabic (`12`, `１２`, `1,234`, `0.39`) or Chinese (`十二`).
pub fn parse_number(s: &str) -> Option<Decimal> {
    let s = s.trim();
    if s.chars().next().and_then(arabic_digit).is_some() {
        parse_arabic(s)
    } else {
        parse_chinese(s).map(Decimal::from)
    }
}

/// Replaces every number (Arabic, full-width, Chinese numerals) by one `#`, for comparing texts
/// whose numbers changed.
pub fn mask_numbers(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut in_number = false;
    let chars: Vec<char> = text.chars().collect();
    for (i, &c) in chars.iter().enumerate() {
        let numeric = arabic_digit(c).is_some()
            || is_chinese_numeral(c)
            || (in_number
                && matches!(c, '.' | '．' | ',')
                && chars.get(i + 1).and_then(|&n| arabic_digit(n)).is_some());
        if numeric {
            if !in_number {
                out.push('#');
            }
            in_number = true;
        } else {
            out.push(c);
            in_number = false;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn dec(s: &str) -> Decimal {
        Decimal::from_str(s).unwrap()
    }

    #[test]
    fn chinese_numerals() {
        for (s, n) in [
            ("一", 1),
            ("两", 2),
            ("十", 10),
            ("十二", 12),
            ("二十", 20),
            ("二十一", 21),
            ("一百", 100),
            ("一百零五", 105),
            ("一百一十", 110),
            ("三百二十五", 325),
            ("两千", 2000),
            ("一千零二十", 1020),
            ("一万二千", 12_000),
            ("三万", 30_000),
            ("零", 0),
        ] {
            assert_eq!(parse_chinese(s), Some(n), "{s}");
        }
        for s in [
            "一两",
            "十几",
            "三五",
            "二〇二四",
            "百",
            "千",
            "万",
            "十十",
            "零零",
            "五零",
        ] {
            assert_eq!(parse_chinese(s), None, "{s}");
        }
        assert_eq!(chinese_year("二〇二四"), Some(2024));
        assert_eq!(chinese_year("二零二三"), Some(2023));
        assert_eq!(chinese_year("一二三"), None);
    }

    #[test]
    fn arabic_numbers() {
        assert_eq!(parse_number("12"), Some(dec("12")));
        assert_eq!(parse_number("１２"), Some(dec("12")));
        assert_eq!(parse_number("1,234"), Some(dec("1234")));
        assert_eq!(parse_number("0.39"), Some(dec("0.39")));
        assert_eq!(parse_number("１８．８２"), Some(dec("18.82")));
        assert_eq!(parse_number("十二"), Some(dec("12")));
        assert_eq!(parse_number("1a"), None);
    }

    #[test]
    fn masking() {
        assert_eq!(
            mask_numbers("2024年收到申请１２件，办结十二件，收费0.39万元"),
            "#年收到申请#件，办结#件，收费#元"
        );
    }
}
