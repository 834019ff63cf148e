//! Reading counts stated in the narrative (for `TEXT-APPLICATIONS`): "收到依申请公开信息 1 条",
//! "共收到政府信息公开申请12件", "受理政府信息公开申请三件", "未收到政府信息公开申请".

/// A count the narrative states, with the words it was read from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Stated {
    /// The count.
    pub count: u64,
    /// The clause it was read from, as written.
    pub excerpt: String,
}

const VERBS: &[&str] = &["收到", "受理", "接收"];
const NEGATIONS: &[&str] = &[
    "未收到",
    "没有收到",
    "未受理",
    "没有受理",
    "未接收",
    "没有接收",
];
const UNITS: &[char] = &['件', '条', '份', '个', '宗', '次'];
/// How far after the verb the count may stand, in characters.
const REACH: usize = 24;

/// The number of applications the text says were received, if a clause says so: a clause
/// (between punctuation marks) that speaks of 申请 with a verb of receiving and a count with a unit
/// after it, or says none were received.
pub fn stated_applications(text: &str) -> Option<Stated> {
    for clause in text.split(['。', '；', '，', ',', ';', '\n', '！', '？', '：', ':']) {
        if !clause.contains("申请") {
            continue;
        }
        if let Some(neg) = NEGATIONS.iter().find(|n| clause.contains(*n)) {
            // "未收到政府信息公开申请": none.
            let _ = neg;
            return Some(Stated {
                count: 0,
                excerpt: clause.trim().to_string(),
            });
        }
        for verb in VERBS {
            let Some(at) = clause.find(verb) else {
                continue;
            };
            let after: Vec<char> = clause[at + verb.len()..].chars().take(REACH).collect();
            if let Some(count) = count_with_unit(&after) {
                return Some(Stated {
                    count,
                    excerpt: clause.trim().to_string(),
                });
            }
        }
    }
    None
}

/// The first number followed (after optional spaces) by a unit.
fn count_with_unit(chars: &[char]) -> Option<u64> {
    let mut i = 0;
    while i < chars.len() {
        let start = i;
        while i < chars.len() && is_numeral(chars[i]) {
            i += 1;
        }
        if i > start {
            let digits: String = chars[start..i].iter().collect();
            let mut j = i;
            while j < chars.len() && chars[j].is_whitespace() {
                j += 1;
            }
            if j < chars.len() && UNITS.contains(&chars[j]) {
                return parse_numeral(&digits);
            }
        }
        i = i.max(start + 1);
    }
    None
}

fn is_numeral(c: char) -> bool {
    c.is_ascii_digit() || ('０'..='９').contains(&c) || "零〇一二两三四五六七八九十百千".contains(c)
}

/// Parses Arabic (half- or full-width) or Chinese numerals up to 9999.
fn parse_numeral(s: &str) -> Option<u64> {
    let ascii: String = s
        .chars()
        .map(|c| {
            if ('０'..='９').contains(&c) {
                char::from_u32(c as u32 - 0xFEE0).unwrap_or(c)
            } else {
                c
            }
        })
        .collect();
    if ascii.chars().all(|c| c.is_ascii_digit()) {
        return ascii.parse().ok();
    }
    let digit = |c: char| {
        "零一二三四五六七八九"
            .chars()
            .position(|d| d == c)
            .map(|p| p as u64)
            .or(match c {
                '〇' => Some(0),
                '两' => Some(2),
                _ => None,
            })
    };
    let (mut total, mut current) = (0u64, 0u64);
    for c in ascii.chars() {
        if let Some(d) = digit(c) {
            current = d;
        } else {
            let unit = match c {
                '十' => 10,
                '百' => 100,
                '千' => 1000,
                _ => return None,
            };
            total += current.max(u64::from(unit == 10 && current == 0)) * unit;
            current = 0;
        }
    }
    Some(total + current)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn count(text: &str) -> Option<u64> {
        stated_applications(text).map(|s| s.count)
    }

    #[test]
    fn counts_as_reports_state_them() {
        assert_eq!(
            count("今年以来，义马市交通运输局收到依申请公开信息 1 条。主要内容为……"),
            Some(1)
        );
        assert_eq!(
            count("2023年共收到政府信息公开申请12件，其中自然人申请10件。"),
            Some(12)
        );
        assert_eq!(count("全年受理政府信息公开申请三十五件。"), Some(35));
        assert_eq!(count("本年度共收到政府信息公开申请１２件。"), Some(12));
        assert_eq!(count("本年度未收到政府信息公开申请。"), Some(0));
        assert_eq!(count("本年度收到政府信息公开申请十件"), Some(10));
        assert_eq!(count("本年度共受理依申请公开两件"), Some(2));
    }

    #[test]
    fn other_numbers_are_not_counts_of_applications() {
        assert_eq!(count("2024年，我局主动公开政府信息356条。"), None);
        assert_eq!(count("收到群众来信 3 封，均已答复。"), None);
        assert_eq!(count("依申请公开工作进一步规范。"), None);
    }
}
