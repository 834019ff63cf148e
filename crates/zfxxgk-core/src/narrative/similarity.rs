//! Text copied from last year's report: the share of this year's sentences that also stand in last
//! year's narrative once numbers and years are masked.

use std::collections::HashSet;

use super::numbers::mask_numbers;

/// How much of this year's narrative repeats last year's.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Copied {
    /// Sentences of this year's text that were compared (headings and very short ones left out).
    pub sentences: usize,
    /// Of those, how many also stand in last year's text (numbers and years masked).
    pub identical: usize,
    /// A few of the identical sentences, as written this year.
    pub examples: Vec<String>,
}

impl Copied {
    /// `identical / sentences` (0 when there is nothing to compare).
    pub fn share(&self) -> f64 {
        if self.sentences == 0 {
            0.0
        } else {
            self.identical as f64 / self.sentences as f64
        }
    }

    /// Whether the share reaches [`COPIED_THRESHOLD`] with enough sentences to judge
    /// ([`MIN_SENTENCES`]).
    pub fn is_copied(&self) -> bool {
        self.sentences >= MIN_SENTENCES && self.share() >= COPIED_THRESHOLD
    }
}

/// The share of identical sentences from which a narrative counts as copied from last year's.
///
/// Measured on the texts at hand (narratives, sections 一, 五 and 六; the test
/// `copied_narratives_stand_apart_from_revised_and_foreign_ones` asserts these figures):
///
/// | this year | last year | share |
/// |---|---|---|
/// | the seed (义马市交通运输局 2024) with years and counts changed | the seed | 1.00 |
/// | agency A 2024: years and counts changed | agency A 2023 | 1.00 |
/// | 某某区政府办公室 2024 (published example) | 某某县市场监督管理局 2023 (published example) | 0.96: both carry the seed's narrative; only the preamble's agency differs |
/// | agency A 2024: copied, four sentences reworded | agency A 2023 | 0.83 |
/// | agency A 2024: honestly revised (一 rewritten, preamble and 五/六 kept) | agency A 2023 | 0.50 |
/// | agency A 2024: rewritten | agency A 2023 | 0.10 |
/// | seven agencies pairwise (county bureau, district office, city bureaus, two townships on the same county template, the seed) | | 0.00 – 0.08 |
///
/// Different agencies share at most a stock sentence or two, even on one county's template; a
/// narrative carried over with the year changed reaches 0.96–1.0, and still 0.83 with a few
/// sentences reworded; an honest revision of an agency's own report keeps its preamble, its
/// section 五/六 and some stock sentences and stays at about one half. 0.7 sits in the gap between
/// 0.50 and 0.83 with a margin on both sides: it flags narratives of which most sentences were
/// carried over, not agencies that write alike or keep a paragraph.
pub const COPIED_THRESHOLD: f64 = 0.7;

/// The fewest compared sentences for [`Copied::is_copied`] to judge (a three-line narrative says
/// little either way).
pub const MIN_SENTENCES: usize = 5;

/// Sentences shorter than this (in characters, after normalising) are not compared: "无。",
/// "详见附表。", a lone heading.
pub const MIN_CHARS: usize = 12;

const SHOWN: usize = 3;

/// Compares this year's narrative with last year's: the share of this year's sentences that also
/// occur in `previous` after masking numbers and years and dropping whitespace and punctuation.
/// Headings, table rows (lines with tabs) and very short sentences are left out.
pub fn copied(this: &str, previous: &str) -> Copied {
    let before: HashSet<String> = sentences(previous).into_iter().map(|(_, n)| n).collect();
    let mut out = Copied::default();
    let mut seen = HashSet::new();
    for (written, normal) in sentences(this) {
        if !seen.insert(normal.clone()) {
            continue;
        }
        out.sentences += 1;
        if before.contains(&normal) {
            out.identical += 1;
            if out.examples.len() < SHOWN {
                out.examples.push(written);
            }
        }
    }
    out
}

/// The comparable sentences of a text: (as written, normalised).
fn sentences(text: &str) -> Vec<(String, String)> {
    let mut out = Vec::new();
    for line in text.lines() {
        let line = line.trim();
        if line.is_empty() || line.contains('\t') || is_heading(line) {
            continue;
        }
        for sentence in line.split_inclusive(['。', '！', '？', '；', '!', '?', ';']) {
            let normal = normalise(sentence);
            if normal.chars().count() >= MIN_CHARS {
                out.push((sentence.trim().to_string(), normal));
            }
        }
    }
    out
}

/// Numbers masked, whitespace and punctuation dropped.
fn normalise(s: &str) -> String {
    mask_numbers(s)
        .chars()
        .filter(|c| c.is_alphanumeric() || *c == '#')
        .collect()
}

/// A heading: a short line without a full stop ("（二）依申请公开", "一、总体情况", the title).
fn is_heading(line: &str) -> bool {
    !line.contains('。') && line.chars().count() <= 40
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn masking_years_numbers_and_punctuation() {
        let a = "2023年，我局共收到政府信息公开申请12件，均已按时答复。";
        let b = "2024 年，我局共收到政府信息公开申请 十二 件，均已按时答复。";
        let c = copied(b, a);
        assert_eq!((c.sentences, c.identical), (1, 1));
        assert_eq!(c.share(), 1.0);
        let d = copied(
            "本年度我局共收到政府信息公开申请12件，均已依法依规答复。",
            a,
        );
        assert_eq!(d.identical, 0);
        assert_eq!(copied("", a).share(), 0.0);
        assert_eq!(copied("无。", a).sentences, 0);
    }
}
