//! Reading the counts a narrative states: a small lexer (numbers with their units, keywords of
//! the tables, periods, fillers) and a reader that binds each number to the keywords next to it.
//!
//! # How a number is bound
//!
//! The text is cut into lines (paragraphs) and sentences (。！？). For each number with a unit
//! (件 条 个 宗 次 项 份 起 人次; 元 万元), the reader walks back from the number over fillers
//! (共, 共计, 其中, 为, 的, 本机关 …), punctuation inside the sentence and keywords, and stops at any
//! other word, at the previous number or at the start of the sentence. The keywords it collected
//! (a *phrase*: "收到 | 政府信息公开申请", "其中 | 自然人 | 申请", "现行有效 | 规范性文件") and the
//! keywords right after the number ("9 件 | 予以公开") decide the subject. A phrase without a
//! topic takes the topic of the sentence so far ("行政复议 8 件，其中维持 2 件"), which carries over
//! sentences of one paragraph and from a heading ("（二）依申请公开") to the paragraphs under it.
//!
//! A number is not a claim when the walk finds nothing, when a change word stands before it
//! (增加, 减少, 下降, 多 …: "较上年增加 5 件"), when a measure word is followed by another noun
//! ("12 个领域", "一件事"), or when it is part of a date, a code or an ordinal.

use std::collections::VecDeque;
use std::ops::Range;

use rust_decimal::Decimal;

use super::lexicon::Fill::*;
use super::lexicon::Kw::{B, F, P, R, T};
use super::lexicon::{Kw, Ptok, Role, Topic, lookup};
use super::numbers::{
    arabic_digit, chinese_digit, chinese_year, is_chinese_numeral, parse_arabic, parse_chinese,
};
use super::subjects::{Outcome, Subject};

/// The year a stated figure is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Period {
    /// The report year (the default; also 本年度, 今年, 全年, or the report year written out).
    ThisYear,
    /// 上年, 去年, 上一年度 as the year of the figure ("上年共收到申请 80 件"); not the table
    /// label 上年结转, which is this year's row.
    PreviousYear,
    /// An explicit year other than the report year ("2023年收到申请 150 件"), or any explicit year
    /// when the report year is not known.
    Year(i32),
}

/// A count the narrative states about a quantity of the tables.
#[derive(Debug, Clone, PartialEq)]
pub struct Claim {
    /// The possible readings, most likely first: a rule accepts the claim if any matches.
    pub subjects: Vec<Subject>,
    /// The value in the table's unit: counts as written; [`Subject::Fees`] in 万元 (3940 元 →
    /// 0.394).
    pub value: Decimal,
    /// The number with its unit as written ("3940 元", "十二件", "１２件"); for a statement of
    /// none, the words that state it ("未收到政府信息公开申请").
    pub written: String,
    /// The sentence it stands in, trimmed; cut around the number with … when longer than
    /// [`SENTENCE_MAX`] characters.
    pub sentence: String,
    /// Byte range of the number in the text passed in (of the words, for a statement of none).
    pub span: Range<usize>,
    /// The year the figure is about.
    pub period: Period,
    /// 余、多、近、约、以上、左右 …: not to be compared exactly.
    pub approximate: bool,
}

/// The longest [`Claim::sentence`], in characters.
pub const SENTENCE_MAX: usize = 150;

// ---------------------------------------------------------------------------------------------
// Lexer
// ---------------------------------------------------------------------------------------------

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Unit {
    Count,
    Yuan,
    Wan,
}

#[derive(Debug, Clone)]
struct Num {
    /// The numeral.
    digits: Range<usize>,
    /// The end of the number with its unit and approximation words.
    end: usize,
    /// The value: a count, or money in the unit written.
    value: Decimal,
    unit: Option<Unit>,
    approx: bool,
    /// Part of a code, a time, an ordinal or a vague quantity: never a claim.
    code: bool,
}

#[derive(Debug, Clone)]
enum It {
    Kw(Kw),
    Num(Num),
    Punct(char),
    Space,
    Break,
    Line,
    Other,
}

#[derive(Debug, Clone)]
struct Item {
    it: It,
    span: Range<usize>,
}

const PUNCT: &str = "，,、；;：:（）()“”\"‘’'《》〈〉【】[]〔〕—…·.";
const COUNT_UNITS: &[&str] = &["人次", "件", "条", "个", "宗", "次", "项", "份", "起"];
const AFTER_UNIT_APPROX: &[&str] = &["左右", "以上", "上下", "之多", "余"];
/// Characters before a numeral that make it an ordinal, a vague quantity or part of a word.
const BAD_PREFIX: &str = "第每逐数几若统唯进之同单专某";

fn is_space(c: char) -> bool {
    c.is_whitespace() || c == '\u{3000}' || c == '\u{a0}'
}

struct Lexer<'a> {
    text: &'a str,
    chars: Vec<(usize, char)>,
}

impl Lexer<'_> {
    fn byte(&self, k: usize) -> usize {
        self.chars.get(k).map_or(self.text.len(), |&(b, _)| b)
    }

    fn ch(&self, k: usize) -> Option<char> {
        self.chars.get(k).map(|&(_, c)| c)
    }

    fn skip_spaces(&self, mut k: usize) -> usize {
        while self.ch(k).is_some_and(|c| is_space(c) && c != '\n') {
            k += 1;
        }
        k
    }

    fn starts_with(&self, k: usize, s: &str) -> bool {
        self.text[self.byte(k)..].starts_with(s)
    }

    /// The unit after a numeral ending at char `k`: (end char, unit, multiplier, approximate).
    fn unit_after(&self, k: usize) -> Option<(usize, Unit, Decimal, bool)> {
        let mut m = self.skip_spaces(k);
        let mut mult = Decimal::ONE;
        let mut approx = false;
        let mut wan = false;
        if self.ch(m) == Some('万') {
            wan = true;
            m += 1;
        }
        if matches!(self.ch(m), Some('余' | '多' | '来')) {
            approx = true;
            m += 1;
        }
        m = self.skip_spaces(m);
        let (unit, len) = if self.ch(m) == Some('元') {
            (if wan { Unit::Wan } else { Unit::Yuan }, 1)
        } else if self.starts_with(m, "万元") && !wan {
            (Unit::Wan, 2)
        } else if let Some(u) = COUNT_UNITS.iter().find(|u| self.starts_with(m, u)) {
            // "办理行政许可 3.2 万件": a count in 万 is rounded.
            if wan {
                mult = Decimal::from(10_000);
                approx = true;
            }
            (Unit::Count, u.chars().count())
        } else {
            return None;
        };
        m += len;
        if let Some(a) = AFTER_UNIT_APPROX.iter().find(|a| self.starts_with(m, a)) {
            approx = true;
            m += a.chars().count();
        }
        Some((m, unit, mult, approx))
    }

    fn bad_prefix(&self, k: usize) -> bool {
        k > 0
            && self.ch(k - 1).is_some_and(|p| {
                BAD_PREFIX.contains(p) || p.is_ascii_alphanumeric() || "-/_#@~.:".contains(p)
            })
    }

    fn lex(&self) -> Vec<Item> {
        let mut items = Vec::new();
        let n = self.chars.len();
        let mut k = 0;
        while k < n {
            let (b, c) = self.chars[k];
            let push = |items: &mut Vec<Item>, it: It, end: usize| {
                items.push(Item { it, span: b..end });
            };
            if c == '\n' {
                push(&mut items, It::Line, self.byte(k + 1));
                k += 1;
            } else if matches!(c, '。' | '！' | '？' | '!' | '?') {
                push(&mut items, It::Break, self.byte(k + 1));
                k += 1;
            } else if is_space(c) {
                push(&mut items, It::Space, self.byte(k + 1));
                k += 1;
            } else if arabic_digit(c).is_some() {
                k = self.lex_arabic(k, &mut items);
            } else if PUNCT.contains(c) {
                push(&mut items, It::Punct(c), self.byte(k + 1));
                k += 1;
            } else if let Some((word, kw)) = lookup(&self.text[b..]) {
                let len = word.chars().count();
                push(&mut items, It::Kw(kw), self.byte(k + len));
                k += len;
            } else if is_chinese_numeral(c) {
                k = self.lex_chinese(k, &mut items);
            } else {
                push(&mut items, It::Other, self.byte(k + 1));
                k += 1;
            }
        }
        items
    }

    fn lex_arabic(&self, start: usize, items: &mut Vec<Item>) -> usize {
        let digit = |k: usize| self.ch(k).and_then(arabic_digit).is_some();
        let mut j = start;
        while digit(j) {
            j += 1;
        }
        let mut plain = true;
        // Thousands separators: 1,234,567 (groups of exactly three digits).
        if j - start <= 3 {
            while self.ch(j) == Some(',') && (1..=3).all(|d| digit(j + d)) && !digit(j + 4) {
                j += 4;
                plain = false;
            }
        }
        if matches!(self.ch(j), Some('.' | '．')) && digit(j + 1) {
            j += 1;
            while digit(j) {
                j += 1;
            }
            plain = false;
        }
        let numeral = &self.text[self.byte(start)..self.byte(j)];
        let value = parse_arabic(numeral).unwrap_or_default();
        // A year: 2024年, 2024 年度.
        if plain && j - start == 4 {
            let y = value.try_into().unwrap_or(0i64);
            let m = self.skip_spaces(j);
            if (1900..=2100).contains(&y) && self.ch(m) == Some('年') {
                let end = if self.ch(m + 1) == Some('度') {
                    m + 2
                } else {
                    m + 1
                };
                items.push(Item {
                    it: It::Kw(P(Ptok::Year(y as i32))),
                    span: self.byte(start)..self.byte(end),
                });
                return end;
            }
        }
        let next_code = self
            .ch(j)
            .is_some_and(|c| c.is_ascii_alphabetic() || "-/_@:~".contains(c));
        self.push_num(start, j, value, self.bad_prefix(start) || next_code, items)
    }

    fn lex_chinese(&self, start: usize, items: &mut Vec<Item>) -> usize {
        let mut j = start;
        while self.ch(j).is_some_and(is_chinese_numeral) {
            j += 1;
        }
        let run = &self.text[self.byte(start)..self.byte(j)];
        if let Some(y) = chinese_year(run)
            && self.ch(j) == Some('年')
        {
            let end = if self.ch(j + 1) == Some('度') {
                j + 2
            } else {
                j + 1
            };
            items.push(Item {
                it: It::Kw(P(Ptok::Year(y))),
                span: self.byte(start)..self.byte(end),
            });
            return end;
        }
        // A numeral followed by 万元 keeps 万 for the unit.
        let (j, run) = if run.ends_with('万') && self.ch(j) == Some('元') && run.chars().count() > 1
        {
            (j - 1, &run[..run.len() - '万'.len_utf8()])
        } else {
            (j, run)
        };
        match parse_chinese(run) {
            Some(v) => {
                let vague = matches!(self.ch(j), Some('几' | '余' | '多'))
                    && !self.unit_after(j).is_some_and(|(_, _, _, a)| a);
                self.push_num(
                    start,
                    j,
                    Decimal::from(v),
                    self.bad_prefix(start) || vague,
                    items,
                )
            }
            None => {
                items.push(Item {
                    it: It::Other,
                    span: self.byte(start)..self.byte(j),
                });
                j
            }
        }
    }

    fn push_num(
        &self,
        start: usize,
        j: usize,
        value: Decimal,
        code: bool,
        items: &mut Vec<Item>,
    ) -> usize {
        let digits = self.byte(start)..self.byte(j);
        let (end, unit, value, approx) = match self.unit_after(j) {
            Some((end, unit, mult, approx)) => (end, Some(unit), value * mult, approx),
            None => (j, None, value, false),
        };
        items.push(Item {
            it: It::Num(Num {
                digits: digits.clone(),
                end: self.byte(end),
                value,
                unit,
                approx,
                code,
            }),
            span: digits.start..self.byte(end),
        });
        end
    }
}

/// Fixes what needs context: 结转 after a past period is 上年结转, before a later one 结转下年度;
/// a period word right after a comparison word is bound to it.
fn fix_up(text: &str, items: &mut [Item], year: Option<i32>) -> (Vec<bool>, Vec<bool>) {
    let mut dead = vec![false; items.len()];
    let mut bound = vec![false; items.len()];
    let sig_before = |items: &[Item], i: usize| {
        (0..i).rev().find(|&j| {
            !matches!(items[j].it, It::Space)
                && !matches!(items[j].it, It::Kw(F(Plain)))
                && !matches!(items[j].it, It::Punct('“' | '”'))
        })
    };
    // "收到申请 12 件（2022 年为 9 件），其中自然人 11 件": a period inside a remark is the
    // remark's, not the sentence's.
    let mut open = false;
    for i in 0..items.len() {
        match items[i].it {
            It::Punct('（' | '(') => open = true,
            It::Punct('）' | ')') | It::Break | It::Line => open = false,
            It::Kw(P(_)) if open => bound[i] = true,
            _ => {}
        }
    }
    for i in 0..items.len() {
        match items[i].it {
            It::Kw(R(Role::CarriedEither)) => {
                // "上年结转", "上年无结转".
                let before = (0..i)
                    .rev()
                    .find(|&j| !matches!(items[j].it, It::Space | It::Kw(F(Neg))));
                let before = before.filter(|&j| {
                    matches!(items[j].it, It::Kw(P(Ptok::Prev)))
                        || matches!(items[j].it, It::Kw(P(Ptok::Year(y))) if year.is_none_or(|r| y < r))
                });
                if let Some(j) = before {
                    dead[j] = true;
                    items[i].it = It::Kw(B(Topic::App, Role::CarriedOver));
                    continue;
                }
                let after = (i + 1..items.len())
                    .find(|&j| !matches!(items[j].it, It::Space | It::Kw(F(Plain))));
                if let Some(j) = after {
                    match items[j].it {
                        // "结转上年度申请 3 件": carried over from last year.
                        It::Kw(P(Ptok::Prev)) => {
                            dead[j] = true;
                            items[i].it = It::Kw(B(Topic::App, Role::CarriedOver));
                        }
                        It::Kw(P(Ptok::Next)) => {
                            dead[j] = true;
                            items[i].it = It::Kw(B(Topic::App, Role::CarriedForward));
                        }
                        It::Kw(P(Ptok::Year(y))) if year.is_some_and(|r| y > r) => {
                            dead[j] = true;
                            items[i].it = It::Kw(B(Topic::App, Role::CarriedForward));
                        }
                        It::Kw(P(Ptok::This)) => {
                            dead[j] = true;
                            items[i].it = It::Kw(B(Topic::App, Role::CarriedOver));
                        }
                        It::Kw(P(Ptok::Year(y))) if year == Some(y) => {
                            dead[j] = true;
                            items[i].it = It::Kw(B(Topic::App, Role::CarriedOver));
                        }
                        _ => {}
                    }
                }
            }
            It::Kw(P(_)) => {
                if let Some(j) = sig_before(items, i)
                    && matches!(items[j].it, It::Kw(F(Comparison | Conj)))
                {
                    bound[i] = true;
                }
                // "因 2023 年度政府信息公开申请引发行政复议 1 件": the year of the cause.
                if let Some(j) = (0..i).rev().find(|&j| !matches!(items[j].it, It::Space))
                    && &text[items[j].span.clone()] == "因"
                {
                    dead[i] = true;
                }
            }
            _ => {}
        }
    }
    (dead, bound)
}

// ---------------------------------------------------------------------------------------------
// Reader
// ---------------------------------------------------------------------------------------------

/// What the walk back from a number (or a negation) found.
#[derive(Debug, Default)]
struct Phrase {
    topics: Vec<Topic>,
    roles: Vec<Role>,
    total: bool,
    each: bool,
    resp: bool,
    comparison: bool,
    /// 为/是/： right before the number.
    wei: bool,
    approx: bool,
    delta: bool,
    /// Only punctuation and conjunctions between the previous number and this one.
    bare_list: bool,
    /// The nearest period word in the phrase.
    period: Option<usize>,
    /// The walk stopped at a channel word (网上, 当面 …).
    channel: bool,
    /// The earliest keyword is a bare noun modified by an unknown word ("网络申请").
    modified: bool,
    /// The item of the earliest keyword.
    first_kw: Option<usize>,
    /// The keywords right before the number follow an unknown word, with no punctuation
    /// between ("投诉举报处理 3 件").
    modified_any: bool,
    /// Every keyword found stands before a comma the walk crossed ("…获维持，8 件行政复议结果纠正"):
    /// they are another clause's.
    behind_comma: bool,
    /// A noun of the applications (政府信息公开申请, 依申请公开 …), not only a word of table 三
    /// that implies them (结转).
    app_noun: bool,
}

/// The state of a sentence as the reader goes along.
#[derive(Debug, Clone, Default)]
struct State {
    topic: Vec<Topic>,
    last_role: Option<Role>,
    regs_role: Option<Role>,
    /// Whether [`State::regs_role`] was set in the clause the reader is in (no comma since).
    regs_here: bool,
    /// Whether [`State::regs_role`] was set in this sentence (a role of an earlier sentence,
    /// "动态更新行政规范性文件有效性标注", reaches no count of a later one).
    regs_in_sentence: bool,
    /// Inside a remark in parentheses.
    in_remark: bool,
    /// The topics before the innermost remark opened ("行政复议 9 件（含…" → 行政复议).
    outer_topic: Vec<Topic>,
    /// Whether the last number of the paragraph so far was read: a sentence that opens with 其中
    /// after an unread number lists its parts ("保留行政权力 841 项。其中，行政许可 24 项…").
    last_read: Option<bool>,
    /// The appeals topic of the sentence so far may be the appeals of table 四: it did not come
    /// in a sentence about the agency's work on others' cases ([`REVIEWER_SIGNS`]) without a
    /// word of disclosure ([`APPEAL_MARKERS`]).
    appeal_doubt: bool,
}

/// Words that make 行政复议/行政诉讼 in a sentence the appeals of table 四: about disclosure, or
/// with the agency as respondent.
const APPEAL_MARKERS: &[&str] = &[
    "信息公开",
    "依申请",
    "公开申请",
    "被申请",
    "被提起",
    "被起诉",
    "被诉",
    "被直接",
    "不服",
];

/// Words that show the agency handling 行政复议/行政诉讼 cases of all kinds (a 司法局 "收到行政复议
/// 申请 138 件，依法受理 126 件", a government "办理行政应诉案件 35 件"), not being appealed against
/// for its disclosure.
const REVIEWER_SIGNS: &[&str] = &["收到", "受理", "办理", "承办", "为被告", "应诉"];

/// What else a sentence may count with the words of table 三 (办理, 正在办理, 答复): messages,
/// calls and requests of other channels.
const FOREIGN_ITEMS: &[&str] = &["留言", "信箱", "来电", "热线", "诉求", "工单", "来信来访"];

/// Words that make 行政复议/行政诉讼 in a sentence about disclosure.
const DISCLOSURE_MARKERS: &[&str] = &["信息公开", "依申请", "公开申请"];

struct Reader<'a> {
    text: &'a str,
    items: Vec<Item>,
    year: Option<i32>,
    dead: Vec<bool>,
    bound: Vec<bool>,
    out: Vec<Claim>,
}

/// Every count the narrative `text` states about a quantity of the tables.
///
/// `text` is one narrative section or several (paragraphs separated by `'\n'`); `year` is the
/// report year (explicit years equal to it read as [`Period::ThisYear`]). Claims come in text
/// order; a number that holds for several keywords ("行政复议、行政诉讼均为 0 件") gives one claim
/// per keyword, with the same span.
pub fn claims(text: &str, year: Option<i32>) -> Vec<Claim> {
    let lexer = Lexer {
        text,
        chars: text.char_indices().collect(),
    };
    let mut items = lexer.lex();
    let (dead, bound) = fix_up(text, &mut items, year);
    let mut reader = Reader {
        text,
        items,
        year,
        dead,
        bound,
        out: Vec::new(),
    };
    reader.run();
    reader.out
}

impl Reader<'_> {
    fn run(&mut self) {
        let mut heading_topic: Vec<Topic> = Vec::new();
        let mut start = 0;
        let n = self.items.len();
        while start < n {
            let end = (start..n)
                .find(|&i| matches!(self.items[i].it, It::Line))
                .unwrap_or(n);
            let line = if end > start {
                self.text[self.items[start].span.start..self.items[end - 1].span.end].trim()
            } else {
                ""
            };
            if !line.is_empty() {
                if is_heading(line) {
                    heading_topic = self.topics_in(start, end);
                }
                let mut carry = State {
                    topic: heading_topic.clone(),
                    ..State::default()
                };
                let mut s = start;
                while s < end {
                    let e = (s..end)
                        .find(|&i| matches!(self.items[i].it, It::Break))
                        .map_or(end, |i| i + 1);
                    self.sentence(s, e, &mut carry);
                    s = e;
                }
            }
            start = end + 1;
        }
    }

    fn topics_in(&self, s: usize, e: usize) -> Vec<Topic> {
        let mut topics = Vec::new();
        for item in &self.items[s..e] {
            if let It::Kw(T(t) | B(t, _)) = item.it
                && !topics.contains(&t)
            {
                topics.push(t);
            }
        }
        clean_topics(topics)
    }

    fn sentence(&mut self, s: usize, e: usize, carry: &mut State) {
        let mut st = carry.clone();
        st.regs_here = false;
        st.regs_in_sentence = false;
        // Numbers of the sentence not read so far ("公开政府信息 250 余条，工作动态 91 条、…、
        // 依申请公开 2 条": a list of kinds of information), and whether the clause counts what
        // was published (主动公开 36 件、依申请公开 436 件、不予公开 43 件).
        let mut unread_numbers = 0usize;
        let mut published_list = false;
        // Figures of a part of the year (上半年 …) and of one level where the sentence also gives
        // another (全区…，区政府本级…) are not the table's.
        let partial = (s..e).any(|i| matches!(self.items[i].it, It::Kw(P(Ptok::Partial))));
        let own_level = self.text[self.items[s].span.start..self.items[e - 1].span.end]
            .find("本级")
            .map(|b| self.items[s].span.start + b);
        let mut after_topic = false;
        let mut conj_pending = false;
        let mut queue: VecDeque<Vec<Subject>> = VecDeque::new();
        let mut total_from = self.out.len();
        let sentence_from = self.out.len();
        // Whether the last number of the sentence was read, and whether a 其中 after an unread
        // number opened a list of its parts ("发布政策文件 128 件，其中印发规范性文件 2 件").
        let mut last_read: Option<bool> = carry.last_read;
        // A remark in parentheses ("（含新制定 5 件，废止 4 件）") lends its roles to nothing
        // after it: the roles before it come back when it closes.
        let mut remarks: Vec<(Option<Role>, Option<Role>, Vec<Topic>)> = Vec::new();
        let mut parts_of_unread = false;
        let mut parts_of_carried = false;
        let doubtful = {
            let text = &self.text[self.items[s].span.start..self.items[e - 1].span.end];
            // "因具体行政行为被提起行政诉讼 2 起": cases about the agency's acts in general.
            let general = text.contains("具体行政行为")
                && !DISCLOSURE_MARKERS.iter().any(|m| text.contains(m));
            general
                || (!APPEAL_MARKERS.iter().any(|m| text.contains(m))
                    && REVIEWER_SIGNS.iter().any(|m| text.contains(m)))
        };
        for i in s..e {
            if matches!(self.items[i].it, It::Kw(F(Plain)))
                && &self.text[self.items[i].span.clone()] == "其中"
            {
                if last_read == Some(false) {
                    parts_of_unread = true;
                }
                // "上年结转 4 件，其中予以公开 4 件": the results of the carried-over applications.
                // Not when the carried-over count was a remark ("办结 177 件（含上年结转 3 件），
                // 其中予以公开 60 件").
                let here = self.items[i].span.start;
                if self.out[sentence_from..].last().is_some_and(|c| {
                    matches!(
                        c.subjects.first(),
                        Some(
                            Subject::ApplicationsCarriedOver | Subject::ApplicationsCarriedForward
                        )
                    ) && !self.text[c.span.end.min(here)..here].contains(['）', ')'])
                }) {
                    parts_of_carried = true;
                }
            }
            if matches!(self.items[i].it, It::Punct('；' | ';')) {
                parts_of_unread = false;
                parts_of_carried = false;
            }
            if matches!(self.items[i].it, It::Punct('，' | ',' | '；' | ';')) {
                st.regs_here = false;
                published_list = false;
            }
            if matches!(self.items[i].it, It::Kw(F(Barrier)))
                && &self.text[self.items[i].span.clone()] == "主动公开"
                && (i + 1..e)
                    .find(|&j| !matches!(self.items[j].it, It::Space))
                    .is_some_and(|j| matches!(self.items[j].it, It::Num(_)))
            {
                published_list = true;
            }
            match self.items[i].it {
                It::Punct('（' | '(') => {
                    remarks.push((st.last_role, st.regs_role, st.topic.clone()));
                }
                It::Punct('）' | ')') => {
                    if let Some((last, regs, _)) = remarks.pop() {
                        st.last_role = last;
                        st.regs_role = regs;
                    }
                }
                _ => {}
            }
            st.in_remark = !remarks.is_empty();
            st.outer_topic = remarks.last().map(|r| r.2.clone()).unwrap_or_default();
            if let It::Kw(T(t) | B(t, _)) = self.items[i].it
                && t.is_appeal()
            {
                st.appeal_doubt = doubtful;
            }
            let claims_before = self.out.len();
            match self.items[i].it.clone() {
                It::Kw(T(t)) => {
                    add_topic(&mut st, t, conj_pending);
                    after_topic = true;
                    conj_pending = false;
                }
                It::Kw(B(t, r)) => {
                    add_topic(&mut st, t, conj_pending);
                    after_topic = true;
                    conj_pending = false;
                    note_role(&mut st, r);
                }
                It::Kw(R(r)) => {
                    note_role(&mut st, r);
                    after_topic = false;
                    conj_pending = false;
                }
                It::Kw(F(Conj)) | It::Punct('、') => {
                    if after_topic {
                        conj_pending = true;
                    }
                }
                It::Space | It::Kw(F(Plain | Each | EachWei)) => {}
                It::Kw(F(Neg)) => {
                    self.negation(i, s, e, &st);
                    after_topic = false;
                    conj_pending = false;
                }
                It::Num(num) => {
                    let before = self.out.len();
                    self.number(i, s, e, &num, &st, &mut queue, total_from, sentence_from);
                    if partial || own_level.is_some_and(|b| num.digits.start < b) {
                        self.out.truncate(before);
                    }
                    if parts_of_carried {
                        self.drop_where(before, |c| c.subjects.iter().any(|s| is_result(*s)));
                    }
                    if parts_of_unread {
                        // Table 二 figures are not parts of something the tables do not hold.
                        self.drop_where(before, |c| c.subjects.iter().any(|s| is_disclosure(*s)));
                    }
                    if published_list {
                        self.drop_where(before, |c| {
                            c.subjects.iter().any(|s| is_intake(*s) || is_result(*s))
                        });
                    }
                    // A bare "依申请公开 2 条" after two or more counts of other kinds.
                    if unread_numbers >= 2 {
                        let text = self.text;
                        self.drop_where(before, |c| {
                            c.subjects == [Subject::ApplicationsReceived]
                                && bare_intake_before(&text[..c.span.start])
                        });
                    }
                    if self.out.len() == before {
                        unread_numbers += 1;
                    }
                    last_read = Some(self.out.len() > before);
                    if self.out.len() > before
                        && self.out[before..].iter().any(|c| is_total(&c.subjects))
                    {
                        total_from = self.out.len();
                    }
                    after_topic = false;
                    conj_pending = false;
                }
                _ => {
                    after_topic = false;
                    conj_pending = false;
                }
            }
            // Counts of 行政复议/行政诉讼 that are not the agency's own disclosure appeals.
            if st.appeal_doubt {
                self.drop_where(claims_before, |c| {
                    !c.value.is_zero() && c.subjects.iter().any(|s| is_appeal(*s))
                });
            }
        }
        self.drop_containers(sentence_from);
        self.drop_scoped(sentence_from);
        // "网站公开信箱收到留言 1380 件，除 11 件正在办理中": messages, not applications.
        let foreign = {
            let text = &self.text[self.items[s].span.start..self.items[e - 1].span.end];
            FOREIGN_ITEMS.iter().any(|w| text.contains(w))
                && !(s..e)
                    .any(|i| matches!(self.items[i].it, It::Kw(T(Topic::App) | B(Topic::App, _))))
        };
        if foreign {
            self.drop_where(sentence_from, |c| {
                c.subjects.iter().any(|s| is_intake(*s) || is_result(*s))
            });
        }
        if !st.topic.is_empty() {
            carry.topic = st.topic;
        }
        carry.appeal_doubt = st.appeal_doubt;
        // A later sentence's applicant breakdown ("从申请主体看，自然人申请 167 件") is of the
        // applications received, even when the sentence before ended on 上年结转.
        carry.last_role = match st.last_role {
            Some(Role::CarriedOver) => Some(Role::Received),
            r => r,
        };
        carry.regs_role = st.regs_role;
        carry.last_read = last_read;
    }

    /// An outcome read for appeals the sentence stated as none (`行政诉讼 0 宗`), moved to the
    /// other appeals the sentence stated as some (`行政复议 5 宗`), if there is exactly one.
    fn outcome_of_other_appeal(&self, v: &[Subject], from: usize) -> Option<Vec<Subject>> {
        let (group, outcome) = appeal_outcome(*v.first()?)?;
        let stated = |g: AppealGroup| {
            self.out[from..]
                .iter()
                .rev()
                .find(|c| c.subjects.first() == Some(&g.total()))
                .map(|c| c.value)
        };
        if !stated(group)?.is_zero() {
            return None;
        }
        let mut others = AppealGroup::ALL
            .into_iter()
            .filter(|&g| g != group && stated(g).is_some_and(|n| !n.is_zero()));
        let other = others.next()?;
        others
            .next()
            .is_none()
            .then(|| vec![other.outcome(outcome)])
    }

    /// The text of the clause before item `i` (from the last comma, semicolon or the sentence's
    /// start).
    fn clause_before(&self, i: usize, s: usize) -> &str {
        let from = (s..i)
            .rev()
            .find(|&j| matches!(self.items[j].it, It::Punct('，' | ',' | '；' | ';')))
            .map_or(s, |j| j + 1);
        if from >= i {
            return "";
        }
        &self.text[self.items[from].span.start..self.items[i].span.start]
    }

    /// The group of table 三's results named after "等原因" or "等情形" in the clause after the
    /// number at item `i` ("12 件因属于重复申请、信访投诉类申请等原因不予处理" → 不予处理).
    fn group_after_etc(&self, i: usize, e: usize) -> Option<Subject> {
        let end = (i + 1..e)
            .find(|&j| {
                matches!(
                    self.items[j].it,
                    It::Punct('，' | ',' | '；' | ';') | It::Break
                )
            })
            .unwrap_or(e);
        let etc = (i + 1..end).find(|&j| {
            let t = &self.text[self.items[j].span.clone()];
            t.starts_with("等原因") || t.starts_with("等情形")
        })?;
        (etc + 1..end).find_map(|j| match self.items[j].it {
            It::Kw(R(r)) => r.result_subject(),
            _ => None,
        })
    }

    /// "出台的 16 件行政规范性文件目录（2017-2021 年）": a span of years in the clause after the
    /// number makes it a count over those years.
    fn years_range_follows(&self, from: usize, e: usize) -> bool {
        let end = self.items[e - 1].span.end;
        let clause: String = self.text[from..end]
            .chars()
            .take_while(|c| !matches!(c, '，' | ',' | '。' | '；' | ';'))
            .map(crate::normalize::half_width)
            .filter(|c| !is_space(*c))
            .collect();
        let chars: Vec<char> = clause.chars().collect();
        let year_at = |k: usize| {
            k + 4 <= chars.len()
                && chars[k..k + 4].iter().all(char::is_ascii_digit)
                && (k == 0 || !chars[k - 1].is_ascii_digit())
        };
        (0..chars.len()).any(|k| {
            year_at(k) && {
                let mut j = k + 4;
                if chars.get(j) == Some(&'年') {
                    j += 1;
                }
                matches!(chars.get(j), Some('-' | '—' | '–' | '~' | '至' | '到')) && year_at(j + 1)
            }
        })
    }

    /// Drops the claims from `from` on that `drop` picks.
    fn drop_where(&mut self, from: usize, drop: impl Fn(&Claim) -> bool) {
        let tail = self.out.split_off(from.min(self.out.len()));
        self.out.extend(tail.into_iter().filter(|c| !drop(c)));
    }

    /// "政府新收依申请公开 2 件，…；部门新收依申请公开 4 件": one quantity stated twice in a
    /// sentence with different values is of two scopes, neither known to be the table's.
    fn drop_scoped(&mut self, from: usize) {
        let key = |c: &Claim| (c.subjects.clone(), c.period);
        let scoped: Vec<bool> = self.out[from..]
            .iter()
            .map(|c| {
                self.out[from..]
                    .iter()
                    .any(|o| key(o) == key(c) && o.value != c.value)
            })
            .collect();
        let mut k = from;
        for drop in scoped {
            if drop {
                self.out.remove(k);
            } else {
                k += 1;
            }
        }
    }

    /// "新增规章 18 件（含新制定 4 件，修改 14 件）": a number whose remark lists a part of its own
    /// subject is a sum of several kinds, not that subject's count.
    fn drop_containers(&mut self, from: usize) {
        let mut k = from;
        while k < self.out.len() {
            let c = &self.out[k];
            let after = &self.text[c.span.end..];
            let skip = after
                .char_indices()
                .take(4)
                .find(|&(_, ch)| matches!(ch, '（' | '('))
                .map(|(i, ch)| i + ch.len_utf8());
            let inner = skip.and_then(|open| {
                let rest = after[open..].trim_start();
                ["含", "包括", "其中"]
                    .iter()
                    .any(|w| rest.starts_with(w))
                    .then(|| {
                        let start = c.span.end + open;
                        let end = after[open..]
                            .find(['）', ')'])
                            .map_or(self.text.len(), |i| start + i);
                        start..end
                    })
            });
            let contains_own = inner.is_some_and(|r| {
                self.out[from..]
                    .iter()
                    .any(|o| r.contains(&o.span.start) && o.subjects.first() == c.subjects.first())
            });
            if contains_own {
                self.out.remove(k);
            } else {
                k += 1;
            }
        }
    }

    /// Walks back from item `i` (exclusive) to `s`.
    fn walk_back(&self, i: usize, s: usize) -> Phrase {
        let mut ph = Phrase {
            bare_list: true,
            ..Phrase::default()
        };
        let mut seen_kw = false;
        let mut adjacent = true; // nothing but spaces yet
        let mut earliest_kw: Option<usize> = None;
        let mut stop: Option<usize> = None;
        let mut punct_at: Option<usize> = None;
        let mut first_comma: Option<usize> = None;
        let mut kws: Vec<usize> = Vec::new();
        for j in (s..i).rev() {
            let it = &self.items[j].it;
            match it {
                It::Space => continue,
                It::Punct(c) => {
                    if adjacent && matches!(c, '：' | ':') {
                        ph.wei = true;
                    }
                    // "被申请行政复议或提起行政诉讼中，行政复议 7 件", "上年无结转，已办理 2 件": a
                    // clause that names its topic or role is whole; what stands before its comma
                    // is another clause.
                    if matches!(c, '，' | ',') && !(ph.topics.is_empty() && ph.roles.is_empty()) {
                        stop = Some(j);
                        break;
                    }
                    if !matches!(
                        c,
                        '、' | '，' | ',' | '（' | '(' | '）' | ')' | '：' | ':' | '“' | '”' | '"'
                    ) {
                        stop = Some(j);
                        break;
                    }
                    if !matches!(c, '“' | '”' | '"') {
                        punct_at = Some(j);
                    }
                    if matches!(c, '，' | ',') && first_comma.is_none() {
                        first_comma = Some(j);
                    }
                }
                It::Kw(T(t)) => {
                    ph.topics.insert(0, *t);
                    ph.app_noun |= *t == Topic::App;
                    seen_kw = true;
                    kws.push(j);
                    earliest_kw = Some(j);
                    ph.bare_list = false;
                }
                It::Kw(R(r)) => {
                    ph.roles.insert(0, *r);
                    seen_kw = true;
                    kws.push(j);
                    earliest_kw = Some(j);
                    ph.bare_list = false;
                }
                It::Kw(B(t, r)) => {
                    ph.topics.insert(0, *t);
                    ph.roles.insert(0, *r);
                    seen_kw = true;
                    kws.push(j);
                    earliest_kw = Some(j);
                    ph.bare_list = false;
                }
                It::Kw(P(_)) => {
                    if ph.period.is_none() && !self.dead[j] {
                        ph.period = Some(j);
                    }
                    ph.bare_list = false;
                }
                It::Kw(F(f)) => {
                    match f {
                        Plain => {}
                        Total => ph.total = true,
                        Each => ph.each = true,
                        EachWei => {
                            ph.each = true;
                            ph.wei |= adjacent;
                        }
                        Resp => ph.resp = true,
                        RespWei => {
                            ph.resp = true;
                            ph.wei |= adjacent;
                        }
                        Wei => ph.wei |= adjacent,
                        Approx => {
                            if !seen_kw {
                                ph.approx = true;
                            }
                        }
                        Comparison => ph.comparison = true,
                        Delta => {
                            if !seen_kw {
                                ph.delta = true;
                            }
                            stop = Some(j);
                            break;
                        }
                        Conj => {}
                        Neg | Barrier | Channel => {
                            if *f == Channel {
                                ph.channel = true;
                            }
                            stop = Some(j);
                            break;
                        }
                    }
                    if !matches!(f, Conj) {
                        ph.bare_list = false;
                    }
                }
                It::Num(_) | It::Other | It::Break | It::Line => {
                    stop = Some(j);
                    break;
                }
            }
            adjacent = false;
        }
        // "9 件予以公开、1 件部分公开": keywords between the previous number and the punctuation
        // after it are that number's, not this one's.
        if let (Some(stop), Some(q)) = (stop, punct_at)
            && matches!(self.items[stop].it, It::Num(_))
            && kws.iter().any(|&k| k < q)
        {
            let mut topics = Vec::new();
            let mut roles = Vec::new();
            for &k in kws.iter().rev().filter(|&&k| k > q) {
                match self.items[k].it {
                    It::Kw(T(t)) => topics.push(t),
                    It::Kw(R(r)) => roles.push(r),
                    It::Kw(B(t, r)) => {
                        topics.push(t);
                        roles.push(r);
                    }
                    _ => {}
                }
            }
            ph.topics = topics;
            ph.roles = roles;
            earliest_kw = kws.iter().copied().filter(|&k| k > q).min();
            ph.bare_list = ph.topics.is_empty() && ph.roles.is_empty() && ph.bare_list;
        }
        // A bare noun right after an unknown word ("网络申请", "群众申请"): a part, not the total.
        if let (Some(stop), Some(first)) = (stop, earliest_kw)
            && stop + 1 == first
            && matches!(self.items[stop].it, It::Other)
            && matches!(self.items[first].it, It::Kw(T(_)))
        {
            ph.modified = true;
        }
        if let (Some(stop), Some(first)) = (stop, earliest_kw)
            && stop + 1 == first
            && punct_at.is_none()
            && matches!(self.items[stop].it, It::Other)
        {
            ph.modified_any = true;
        }
        ph.first_kw = earliest_kw;
        ph.behind_comma =
            !kws.is_empty() && first_comma.is_some_and(|c| kws.iter().all(|&k| k < c));
        ph
    }

    /// Whether the number at item `i` comes right after a remark in parentheses that says what
    /// it includes (`（含…）`, `（包括…）`, `（不含…）`).
    fn inclusive_remark_before(&self, i: usize, s: usize) -> bool {
        let Some(close) = (s..i)
            .rev()
            .find(|&j| !matches!(self.items[j].it, It::Space))
            .filter(|&j| matches!(self.items[j].it, It::Punct('）' | ')')))
        else {
            return false;
        };
        let Some(open) = (s..close)
            .rev()
            .find(|&j| matches!(self.items[j].it, It::Punct('（' | '(')))
        else {
            return false;
        };
        let inside = self.text[self.items[open].span.end..self.items[close].span.start].trim();
        ["含", "包括", "包含", "不含"]
            .iter()
            .any(|w| inside.starts_with(w))
    }

    /// Keywords right after the number, and whether what follows lets the number be a claim.
    fn walk_fwd(&self, i: usize, e: usize) -> (Phrase, bool, bool) {
        let mut ph = Phrase::default();
        let mut first = true;
        let mut ok = true;
        let mut ends = true; // the number ends its clause
        for j in i + 1..e {
            let it = &self.items[j].it;
            if matches!(it, It::Space) {
                continue;
            }
            if first {
                first = false;
                ends = matches!(it, It::Punct(_) | It::Break | It::Line);
                ok = match it {
                    It::Other => {
                        let c = self.text[self.items[j].span.clone()].chars().next();
                        c == Some('次')
                    }
                    It::Kw(F(Barrier | Channel)) => false,
                    _ => true,
                };
            }
            match it {
                It::Kw(T(t)) => {
                    ph.topics.push(*t);
                    ph.app_noun |= *t == Topic::App;
                }
                It::Kw(R(r)) => ph.roles.push(*r),
                It::Kw(B(t, r)) => {
                    ph.topics.push(*t);
                    ph.roles.push(*r);
                }
                It::Kw(F(Plain | Wei | Each | EachWei)) => {}
                _ => break,
            }
        }
        (ph, ok, ends)
    }

    /// The period of a figure at item `i`: the nearest period word of its phrase, else the last
    /// free period word of the sentence before it.
    fn period(&self, phrase_period: Option<usize>, i: usize, s: usize) -> Period {
        // The clause's own period: not one before a semicolon ("相比于 2024 年增长…；协助…").
        let from = (s..i)
            .rev()
            .find(|&j| matches!(self.items[j].it, It::Punct('；' | ';')))
            .map_or(s, |j| j + 1);
        let at = phrase_period.or_else(|| {
            (from..i).rev().find(|&j| {
                matches!(self.items[j].it, It::Kw(P(_))) && !self.dead[j] && !self.bound[j]
            })
        });
        match at.map(|j| &self.items[j].it) {
            Some(It::Kw(P(Ptok::Prev))) => Period::PreviousYear,
            Some(It::Kw(P(Ptok::Year(y)))) if Some(*y) != self.year => Period::Year(*y),
            _ => Period::ThisYear,
        }
    }

    #[allow(clippy::too_many_arguments)]
    fn number(
        &mut self,
        i: usize,
        s: usize,
        e: usize,
        num: &Num,
        st: &State,
        queue: &mut VecDeque<Vec<Subject>>,
        total_from: usize,
        sentence_from: usize,
    ) {
        if num.code {
            return;
        }
        let back = self.walk_back(i, s);
        if back.delta || back.channel {
            queue.clear();
            return;
        }
        // "予以公开（含部分公开）25 件": the number is of the words before the remark and of the
        // remark together, a sum no cell holds.
        if self.inclusive_remark_before(i, s) {
            queue.clear();
            return;
        }
        let (fwd, follow_ok, ends) = self.walk_fwd(i, e);
        if !follow_ok || self.years_range_follows(num.end, e) {
            return;
        }
        // "协助泰州市办理申请 12 件": another agency's applications.
        if self.clause_before(i, s).contains("协助") || self.clause_before(i, s).contains("协办")
        {
            return;
        }
        // "12 件因属于重复申请、信访投诉类申请等原因不予处理": the group of the result named
        // after "等原因" counts them all.
        if let Some(group) = self.group_after_etc(i, e) {
            if let Some((value, _)) = value_of(num) {
                let span = num.digits.clone();
                self.out.push(Claim {
                    subjects: vec![group],
                    value,
                    written: self.text[num.digits.start..num.end].to_string(),
                    sentence: self.excerpt(s, e, span.clone()),
                    span,
                    period: self.period(back.period, i, s),
                    approximate: num.approx || back.approx,
                });
            }
            return;
        }
        // "49 件行政诉讼获维持，8 件行政复议结果纠正": the words after the number are its own.
        let back = if back.behind_comma && !(fwd.roles.is_empty() && fwd.topics.is_empty()) {
            Phrase {
                topics: Vec::new(),
                roles: Vec::new(),
                ..back
            }
        } else {
            back
        };
        if num.unit.is_none() && !(back.wei && ends) {
            return;
        }
        let zero = num.value.is_zero();
        let mut sets: Vec<Vec<Subject>> = Vec::new();
        let mut period = self.period(back.period, i, s);
        let has_kw = !(back.topics.is_empty()
            && back.roles.is_empty()
            && fwd.topics.is_empty()
            && fwd.roles.is_empty());
        // "有 2 件申请因…不再处理": a noun after the number alone does not say which count.
        let only_noun_after = back.topics.is_empty()
            && back.roles.is_empty()
            && fwd.roles.is_empty()
            && !fwd.topics.is_empty();
        // "投诉举报处理 3 件": a verb of someone else's business, with no topic of its own.
        let foreign_verb = back.modified_any
            && back.topics.is_empty()
            && fwd.topics.is_empty()
            && back.roles.iter().all(|r| r.is_verb());
        if only_noun_after || foreign_verb {
            queue.clear();
            return;
        }
        if has_kw {
            let (topics, roles) = if back.roles.iter().any(|r| !r.is_verb()) || fwd.roles.is_empty()
            {
                let mut topics = back.topics.clone();
                if topics.is_empty() {
                    topics = fwd.topics.clone();
                }
                let mut roles = back.roles.clone();
                if roles.is_empty() {
                    roles = fwd.roles.clone();
                }
                (topics, roles)
            } else {
                // "收到 12 件政府信息公开申请", "其中 9 件予以公开".
                let mut topics = back.topics.clone();
                topics.extend(fwd.topics.iter().copied());
                let mut roles = back.roles.clone();
                roles.extend(fwd.roles.iter().copied());
                (topics, roles)
            };
            let multi = back.each || back.resp || zero;
            let bare_ok = !back.modified;
            sets = resolve(&topics, &roles, st, multi, bare_ok);
            queue.clear();
            if back.resp && sets.len() > 1 {
                queue.extend(sets.drain(1..));
            }
        } else if back.bare_list && !queue.is_empty() {
            sets = queue.pop_front().into_iter().collect();
        } else if (back.comparison || back.period.is_some())
            && period != Period::ThisYear
            && let Some(prev) = self.out[sentence_from..].last()
        {
            // "收到申请 100 件，比上年的 80 件增加 20 件": last year's figure of the same subject.
            sets = vec![prev.subjects.clone()];
        } else if back.total {
            sets = total_of(&self.out[total_from..]).into_iter().collect();
            period = self
                .out
                .last()
                .filter(|_| self.out.len() > total_from)
                .map_or(period, |c| c.period);
        }
        let Some((value, money)) = value_of(num) else {
            return;
        };
        // "行政复议 9 件（含上一年度结转 1 件）": appeals carried over, not applications.
        if st.in_remark
            && st.outer_topic.iter().any(|t| t.is_appeal())
            && !back.app_noun
            && !fwd.app_noun
        {
            sets.retain(|v| {
                !v.iter().any(|s| {
                    matches!(
                        s,
                        Subject::ApplicationsCarriedOver | Subject::ApplicationsCarriedForward
                    )
                })
            });
        }
        // "行政复议 5 宗、行政诉讼 0 宗，其中 2 宗维持": outcomes are not of appeals stated as none.
        for v in &mut sets {
            if let Some(moved) = self.outcome_of_other_appeal(v, sentence_from) {
                *v = moved;
            }
        }
        // "顺延至下一年答复 2 件": what is left for next year is carried forward, whatever the verb.
        let next_year = back
            .period
            .is_some_and(|j| matches!(self.items[j].it, It::Kw(P(Ptok::Next))));
        if next_year {
            sets = sets
                .into_iter()
                .filter(|v| v.iter().any(|s| is_intake(*s)))
                .map(|_| vec![Subject::ApplicationsCarriedForward])
                .collect();
        }
        // Decisions are counted in 件, 宗, 项, 个; "行政许可信息 22 条" counts published items.
        let items_unit = self.text[num.digits.end..num.end].contains('条');
        for subjects in sets {
            if items_unit && subjects.iter().any(|s| is_decision(*s)) {
                continue;
            }
            let fees = subjects.contains(&Subject::Fees);
            if fees != money && num.unit.is_some() {
                continue;
            }
            if num.unit.is_none() && fees && !zero {
                continue;
            }
            if subjects.is_empty() {
                continue;
            }
            let span = num.digits.clone();
            self.out.push(Claim {
                subjects,
                value,
                written: self.text[num.digits.start..num.end].to_string(),
                sentence: self.excerpt(s, e, span.clone()),
                span,
                period,
                approximate: num.approx || back.approx,
            });
        }
    }

    /// A statement of none: "本年度未收到政府信息公开申请", "未发生行政复议、行政诉讼",
    /// "行政复议、行政诉讼均未发生".
    fn negation(&mut self, i: usize, s: usize, e: usize, st: &State) {
        let mut fwd = Phrase::default();
        let mut last = i;
        let mut others = 0;
        // Words after the last topic ("未发生行政复议被改变、行政诉讼败诉情形"): the clause denies
        // an outcome, not the cases.
        let mut qualified = false;
        // Right after a topic, with only fillers since.
        let mut after_topic = false;
        let mut first = true;
        // Whether the words after the negation end their clause (nothing but keywords, fillers
        // and punctuation up to it).
        let mut clause_end = true;
        for j in i + 1..e {
            let it = &self.items[j].it;
            if matches!(it, It::Space | It::Kw(F(Plain))) {
                continue;
            }
            let topic_here = matches!(it, It::Kw(T(_) | B(..)));
            if first {
                first = false;
                // "无偿", "未能": not a statement of none about the tables; "均无。" may be.
                if !matches!(
                    it,
                    It::Kw(T(_) | R(_) | B(..)) | It::Punct(_) | It::Break | It::Line
                ) {
                    return;
                }
            }
            // "尚有 6 件因未到答复期限结转下年度": past other words, a part of table 三
            // (结转下年度, 予以公开 …) is what the clause is about, not what did not happen.
            if others > 0 && matches!(it, It::Kw(R(r) | B(_, r)) if !r.is_verb()) {
                clause_end = false;
                break;
            }
            match it {
                It::Kw(T(t)) => {
                    fwd.topics.push(*t);
                    last = j;
                    qualified = false;
                }
                It::Kw(R(r)) => {
                    fwd.roles.push(*r);
                    last = j;
                }
                It::Kw(B(t, r)) => {
                    fwd.topics.push(*t);
                    fwd.roles.push(*r);
                    last = j;
                    qualified = false;
                }
                It::Kw(F(Conj | Each)) | It::Punct('、' | '“' | '”') => {}
                It::Other if others < 8 => {
                    others += 1;
                    qualified |= after_topic;
                }
                It::Punct(_) | It::Break | It::Line => break,
                _ => {
                    clause_end = false;
                    break;
                }
            }
            after_topic = topic_here;
        }
        if qualified {
            return;
        }
        let mut topics = fwd.topics.clone();
        let mut start = i;
        if topics.is_empty() {
            // "行政复议、行政诉讼均未发生", but not "行政复议、行政诉讼案件，未发生责任追究情况".
            if others > 0 || !clause_end {
                return;
            }
            let back = self.walk_back(i, s);
            if back.channel || back.delta || !back.roles.iter().all(|r| r.is_verb()) {
                return;
            }
            topics = back.topics.clone();
            start = back.first_kw.unwrap_or(i);
        }
        if topics.is_empty() {
            return;
        }
        let sets = resolve(&topics, &fwd.roles, st, true, true);
        let span = self.items[start].span.start..self.items[last].span.end;
        let period = self.period(None, i, s);
        for subjects in sets {
            if subjects.iter().any(|s| {
                matches!(
                    s,
                    Subject::ApplicationsFrom(_) | Subject::ApplicationsHandled
                )
            }) {
                continue;
            }
            self.out.push(Claim {
                subjects,
                value: Decimal::ZERO,
                written: self.text[span.clone()].to_string(),
                sentence: self.excerpt(s, e, span.clone()),
                span: span.clone(),
                period,
                approximate: false,
            });
        }
    }

    /// The sentence of items `s..e`, trimmed, cut around `span` if long.
    fn excerpt(&self, s: usize, e: usize, span: Range<usize>) -> String {
        let from = self.items[s].span.start;
        let to = self.items[e - 1].span.end;
        let sentence = &self.text[from..to];
        let trimmed = sentence.trim();
        if trimmed.chars().count() <= SENTENCE_MAX {
            return trimmed.to_string();
        }
        let lead = sentence.len() - sentence.trim_start().len();
        let base = from + lead;
        let rel = span.start.saturating_sub(base);
        let chars: Vec<(usize, char)> = trimmed.char_indices().collect();
        let at = chars.iter().position(|&(b, _)| b >= rel).unwrap_or(0);
        let half = SENTENCE_MAX / 2;
        let begin = at.saturating_sub(half);
        let end = (begin + SENTENCE_MAX).min(chars.len());
        let begin = end.saturating_sub(SENTENCE_MAX);
        let byte = |k: usize| chars.get(k).map_or(trimmed.len(), |&(b, _)| b);
        let mut out = String::new();
        if begin > 0 {
            out.push('…');
        }
        out.push_str(trimmed[byte(begin)..byte(end)].trim());
        if end < chars.len() {
            out.push('…');
        }
        out
    }
}

fn add_topic(st: &mut State, t: Topic, conj: bool) {
    if conj && !st.topic.is_empty() {
        if !st.topic.contains(&t) {
            st.topic.push(t);
        }
    } else {
        st.topic = vec![t];
    }
}

fn note_role(st: &mut State, r: Role) {
    if !matches!(r, Role::Applicant(_)) {
        st.last_role = Some(r);
    }
    if r.is_regs() {
        st.regs_role = Some(r);
        st.regs_here = true;
        st.regs_in_sentence = true;
    }
}

/// Drops topics that only qualify another ("因政府信息公开申请引发的行政复议").
fn clean_topics(mut topics: Vec<Topic>) -> Vec<Topic> {
    let mut seen = Vec::new();
    topics.retain(|t| {
        let fresh = !seen.contains(t);
        seen.push(*t);
        fresh
    });
    if topics.iter().any(|t| t.is_appeal()) {
        topics.retain(|&t| t != Topic::App);
    }
    if topics
        .iter()
        .any(|&t| t == Topic::LitDirect || t == Topic::LitAfter)
    {
        topics.retain(|&t| t != Topic::Lit);
    }
    topics
}

/// The subjects of a phrase: one entry per claim (several when the number holds for each of
/// several keywords), each with its alternative readings.
fn resolve(
    topics: &[Topic],
    roles: &[Role],
    st: &State,
    multi: bool,
    bare_ok: bool,
) -> Vec<Vec<Subject>> {
    let mut topics = clean_topics(topics.to_vec());
    let inherited = topics.is_empty();
    if inherited {
        topics = clean_topics(st.topic.clone());
        if topics.len() > 1 && !multi {
            topics.clear();
        }
        // "行政许可审批 22 条，人大代表建议答复 19 条": a verb of its own makes the phrase about
        // something else than the decisions named before it.
        if topics.iter().any(|t| t.is_decision())
            && roles.iter().any(|r| r.is_verb() && *r != Role::Decided)
        {
            return Vec::new();
        }
    }
    let mut specific: Vec<Role> = Vec::new();
    for r in roles.iter().filter(|r| !r.is_verb()) {
        if !specific.contains(r) {
            specific.push(*r);
        }
    }
    // "因属于国家秘密不予公开 6 件": the reason is the more precise reading, the group of its
    // result the other ("因本机关不掌握等原因无法提供 265 件" may be all of （四）).
    let mut group: Option<Subject> = None;
    if specific.len() == 2 {
        let reason = specific.iter().find_map(|r| match r {
            Role::Reason(x) => Some(*x),
            _ => None,
        });
        if let Some(x) = reason
            && specific
                .iter()
                .any(|r| r.result_subject() == Some(x.result()))
        {
            specific = vec![Role::Reason(x)];
            group = Some(x.result());
        }
    }
    // "上年结转的自然人申请": skip the applicant, keep the row.
    if specific.len() == 2 && specific.iter().any(|r| matches!(r, Role::Applicant(_))) {
        specific.retain(|r| !matches!(r, Role::Applicant(_)));
    }
    let mut verb = roles.iter().rev().find(|r| r.is_verb()).copied();
    // "受理和办结 6 件", "收到和办理 9 件": either count.
    if roles.contains(&Role::Received) && roles.contains(&Role::Handled) {
        verb = Some(Role::HandledLoose);
    }
    if specific.len() >= 2 {
        if !multi {
            return Vec::new();
        }
        let topic = topics.first().copied();
        return specific
            .iter()
            .filter_map(|&r| single(Some(r), topic, st, bare_ok))
            .collect();
    }
    let role = specific.first().copied().or(verb);
    if topics.len() >= 2 {
        if !multi {
            return Vec::new();
        }
        return topics
            .iter()
            .filter_map(|&t| single(role, Some(t), st, bare_ok))
            .collect();
    }
    let mut subjects = single(role, topics.first().copied(), st, bare_ok);
    if let (Some(v), Some(g)) = (subjects.as_mut(), group)
        && !v.contains(&g)
    {
        v.push(g);
    }
    // "直接起诉 3 件，复议后起诉 1 件，均已审结，结果维持 3 件": the group or both groups.
    if inherited
        && let Some(v) = subjects.as_mut()
        && let [Subject::LitigationDirect(o) | Subject::LitigationAfterReview(o)] = v[..]
        && o != Outcome::Total
    {
        v.push(match o {
            Outcome::Upheld => Subject::LitigationUpheld,
            Outcome::Corrected => Subject::LitigationCorrected,
            Outcome::Other => Subject::LitigationOther,
            _ => Subject::LitigationPending,
        });
    }
    subjects.into_iter().collect()
}

fn single(
    role: Option<Role>,
    topic: Option<Topic>,
    st: &State,
    bare_ok: bool,
) -> Option<Vec<Subject>> {
    use Subject as S;
    let app_context = matches!(topic, None | Some(Topic::App));
    match role {
        Some(r) if r.is_outcome() => {
            let o = match r {
                Role::Upheld => Outcome::Upheld,
                Role::Corrected => Outcome::Corrected,
                Role::OtherResult => Outcome::Other,
                _ => Outcome::Pending,
            };
            Some(vec![match topic? {
                Topic::Review => match o {
                    Outcome::Upheld => S::ReviewUpheld,
                    Outcome::Corrected => S::ReviewCorrected,
                    Outcome::Other => S::ReviewOther,
                    _ => S::ReviewPending,
                },
                Topic::Lit => match o {
                    Outcome::Upheld => S::LitigationUpheld,
                    Outcome::Corrected => S::LitigationCorrected,
                    Outcome::Other => S::LitigationOther,
                    _ => S::LitigationPending,
                },
                Topic::LitDirect => S::LitigationDirect(o),
                Topic::LitAfter => S::LitigationAfterReview(o),
                _ => return None,
            }])
        }
        Some(r) if r.is_regs() => regs(r, topic?),
        Some(Role::Applicant(a)) => {
            if !app_context {
                return None;
            }
            match st.last_role {
                None | Some(Role::Received | Role::New) => Some(vec![S::ApplicationsFrom(a)]),
                _ => None,
            }
        }
        Some(Role::Reason(x)) => app_context.then(|| vec![S::Reason(x)]),
        Some(Role::CarriedOver) => app_context.then(|| vec![S::ApplicationsCarriedOver]),
        Some(Role::CarriedForward) => app_context.then(|| vec![S::ApplicationsCarriedForward]),
        Some(Role::CarriedEither) => {
            app_context.then(|| vec![S::ApplicationsCarriedOver, S::ApplicationsCarriedForward])
        }
        Some(r) if r.result_subject().is_some() => {
            app_context.then(|| vec![r.result_subject().unwrap_or(S::Granted)])
        }
        verb => match topic? {
            Topic::App => match verb {
                Some(Role::Received) => Some(vec![S::ApplicationsReceived]),
                Some(Role::New) => Some(vec![S::ApplicationsNew]),
                Some(Role::Handled) => Some(vec![S::ApplicationsHandled]),
                Some(Role::HandledLoose) => {
                    Some(vec![S::ApplicationsHandled, S::ApplicationsReceived])
                }
                // "予以公开 3 件（主动公开 1 件，依申请公开 2 件）": a breakdown, not the intake.
                None if bare_ok && !st.in_remark => Some(vec![S::ApplicationsReceived]),
                _ => None,
            },
            Topic::Review | Topic::Lit | Topic::LitDirect | Topic::LitAfter => match verb {
                None | Some(Role::Occurred | Role::Received | Role::HandledLoose) => {
                    Some(vec![match topic? {
                        Topic::Review => S::ReviewTotal,
                        Topic::Lit => S::LitigationTotal,
                        Topic::LitDirect => S::LitigationDirect(Outcome::Total),
                        _ => S::LitigationAfterReview(Outcome::Total),
                    }])
                }
                _ => None,
            },
            // "制发规范性文件 3 件，废止 1 件" reads on; "…，发布市政府办公厅行政规范性文件 50 件"
            // (a verb of its own, unknown) does not take a role from an earlier clause.
            t @ (Topic::Regs | Topic::Normative) => match verb {
                None if st.regs_here || (bare_ok && st.regs_in_sentence) => regs(st.regs_role?, t),
                _ => None,
            },
            Topic::Licensing | Topic::Penalty | Topic::Coercion => match verb {
                Some(Role::Received | Role::New) => None,
                _ => Some(vec![match topic? {
                    Topic::Licensing => S::Licensing,
                    Topic::Penalty => S::Penalty,
                    _ => S::Coercion,
                }]),
            },
            Topic::Fees => Some(vec![S::Fees]),
        },
    }
}

fn regs(r: Role, t: Topic) -> Option<Vec<Subject>> {
    use Subject as S;
    Some(vec![match (t, r) {
        (Topic::Regs, Role::Issued) => S::RegulationsIssued,
        (Topic::Regs, Role::Repealed) => S::RegulationsRepealed,
        (Topic::Regs, Role::InForce) => S::RegulationsInForce,
        (Topic::Normative, Role::Issued) => S::NormativeIssued,
        (Topic::Normative, Role::Repealed) => S::NormativeRepealed,
        (Topic::Normative, Role::InForce) => S::NormativeInForce,
        _ => return None,
    }])
}

/// A quantity of table 四.
fn is_appeal(s: Subject) -> bool {
    matches!(
        s,
        Subject::ReviewTotal
            | Subject::ReviewUpheld
            | Subject::ReviewCorrected
            | Subject::ReviewOther
            | Subject::ReviewPending
            | Subject::LitigationTotal
            | Subject::LitigationUpheld
            | Subject::LitigationCorrected
            | Subject::LitigationOther
            | Subject::LitigationPending
            | Subject::LitigationDirect(_)
            | Subject::LitigationAfterReview(_)
    )
}

/// The groups of table 四 a narrative names: reviews, all lawsuits, and each kind of lawsuit.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum AppealGroup {
    Review,
    Litigation,
    Direct,
    AfterReview,
}

impl AppealGroup {
    const ALL: [AppealGroup; 4] = [
        AppealGroup::Review,
        AppealGroup::Litigation,
        AppealGroup::Direct,
        AppealGroup::AfterReview,
    ];

    fn total(self) -> Subject {
        match self {
            AppealGroup::Review => Subject::ReviewTotal,
            AppealGroup::Litigation => Subject::LitigationTotal,
            AppealGroup::Direct => Subject::LitigationDirect(Outcome::Total),
            AppealGroup::AfterReview => Subject::LitigationAfterReview(Outcome::Total),
        }
    }

    fn outcome(self, o: Outcome) -> Subject {
        use Subject as S;
        match (self, o) {
            (AppealGroup::Review, Outcome::Upheld) => S::ReviewUpheld,
            (AppealGroup::Review, Outcome::Corrected) => S::ReviewCorrected,
            (AppealGroup::Review, Outcome::Other) => S::ReviewOther,
            (AppealGroup::Review, _) => S::ReviewPending,
            (AppealGroup::Litigation, Outcome::Upheld) => S::LitigationUpheld,
            (AppealGroup::Litigation, Outcome::Corrected) => S::LitigationCorrected,
            (AppealGroup::Litigation, Outcome::Other) => S::LitigationOther,
            (AppealGroup::Litigation, _) => S::LitigationPending,
            (AppealGroup::Direct, o) => S::LitigationDirect(o),
            (AppealGroup::AfterReview, o) => S::LitigationAfterReview(o),
        }
    }
}

/// The group and outcome of an outcome of table 四 (not a total).
fn appeal_outcome(s: Subject) -> Option<(AppealGroup, Outcome)> {
    use Subject as S;
    Some(match s {
        S::ReviewUpheld => (AppealGroup::Review, Outcome::Upheld),
        S::ReviewCorrected => (AppealGroup::Review, Outcome::Corrected),
        S::ReviewOther => (AppealGroup::Review, Outcome::Other),
        S::ReviewPending => (AppealGroup::Review, Outcome::Pending),
        S::LitigationUpheld => (AppealGroup::Litigation, Outcome::Upheld),
        S::LitigationCorrected => (AppealGroup::Litigation, Outcome::Corrected),
        S::LitigationOther => (AppealGroup::Litigation, Outcome::Other),
        S::LitigationPending => (AppealGroup::Litigation, Outcome::Pending),
        S::LitigationDirect(o) if o != Outcome::Total => (AppealGroup::Direct, o),
        S::LitigationAfterReview(o) if o != Outcome::Total => (AppealGroup::AfterReview, o),
        _ => return None,
    })
}

/// A count of the applications of table 三 as a whole (not a result or a reason).
fn is_intake(s: Subject) -> bool {
    matches!(
        s,
        Subject::ApplicationsReceived
            | Subject::ApplicationsNew
            | Subject::ApplicationsTotal
            | Subject::ApplicationsHandled
            | Subject::ApplicationsCarriedForward
    )
}

/// Whether the text before a number ends with a bare name of the applications, with no verb
/// before it (`…、依申请公开 2 条`, not `收到依申请公开 2 条`).
fn bare_intake_before(prefix: &str) -> bool {
    let t = prefix.trim_end_matches(is_space);
    let Some(rest) = [
        "依申请公开信息",
        "依申请公开事项",
        "依申请公开件",
        "依申请公开",
    ]
    .iter()
    .find_map(|w| t.strip_suffix(w)) else {
        return false;
    };
    let rest = rest.trim_end_matches(is_space);
    ![
        "收到", "受理", "接收", "接到", "新收", "办理", "答复", "共", "计",
    ]
    .iter()
    .any(|v| rest.ends_with(v))
}

/// A result of table 三: a group or one of its reasons.
fn is_result(s: Subject) -> bool {
    matches!(
        s,
        Subject::Granted
            | Subject::PartlyGranted
            | Subject::Denied
            | Subject::Unavailable
            | Subject::Rejected
            | Subject::OtherHandling
            | Subject::Reason(_)
    )
}

/// A count of decisions of table 二.
fn is_decision(s: Subject) -> bool {
    matches!(s, Subject::Licensing | Subject::Penalty | Subject::Coercion)
}

/// A quantity of table 二.
fn is_disclosure(s: Subject) -> bool {
    matches!(
        s,
        Subject::RegulationsIssued
            | Subject::RegulationsRepealed
            | Subject::RegulationsInForce
            | Subject::NormativeIssued
            | Subject::NormativeRepealed
            | Subject::NormativeInForce
            | Subject::Licensing
            | Subject::Penalty
            | Subject::Coercion
            | Subject::Fees
    )
}

fn is_total(subjects: &[Subject]) -> bool {
    matches!(
        subjects.first(),
        Some(
            Subject::ApplicationsTotal
                | Subject::ApplicationsHandled
                | Subject::ReviewTotal
                | Subject::LitigationTotal
        )
    )
}

/// What a 合计/共计 with no keyword of its own sums: the claims just stated in the sentence.
fn total_of(claims: &[Claim]) -> Option<Vec<Subject>> {
    use Subject as S;
    let firsts: Vec<Subject> = claims
        .iter()
        .filter_map(|c| c.subjects.first().copied())
        .collect();
    if firsts.len() < 2 {
        return None;
    }
    let all = |f: &dyn Fn(&Subject) -> bool| firsts.iter().all(f);
    let intake = |s: &Subject| matches!(s, S::ApplicationsReceived | S::ApplicationsNew);
    if firsts.iter().any(intake)
        && firsts.contains(&S::ApplicationsCarriedOver)
        && all(&|s| intake(s) || *s == S::ApplicationsCarriedOver)
    {
        return Some(vec![S::ApplicationsTotal]);
    }
    if all(&|s| {
        matches!(
            s,
            S::Granted
                | S::PartlyGranted
                | S::Denied
                | S::Unavailable
                | S::Rejected
                | S::OtherHandling
        )
    }) {
        return Some(vec![S::ApplicationsHandled]);
    }
    if all(&|s| matches!(s, S::ApplicationsFrom(_))) {
        return Some(vec![S::ApplicationsReceived]);
    }
    if all(&|s| {
        matches!(
            s,
            S::ReviewUpheld | S::ReviewCorrected | S::ReviewOther | S::ReviewPending
        )
    }) {
        return Some(vec![S::ReviewTotal]);
    }
    if all(&|s| {
        matches!(
            s,
            S::LitigationUpheld
                | S::LitigationCorrected
                | S::LitigationOther
                | S::LitigationPending
                | S::LitigationDirect(Outcome::Total)
                | S::LitigationAfterReview(Outcome::Total)
        )
    }) {
        return Some(vec![S::LitigationTotal]);
    }
    None
}

/// The value in the table's unit, and whether it is money; `None` for a count with a fraction.
fn value_of(num: &Num) -> Option<(Decimal, bool)> {
    match num.unit {
        Some(Unit::Yuan) => Some(((num.value / Decimal::from(10_000)).normalize(), true)),
        Some(Unit::Wan) => Some((num.value.normalize(), true)),
        Some(Unit::Count) | None => num
            .value
            .fract()
            .is_zero()
            .then(|| (num.value.normalize(), false)),
    }
}

/// A heading line: "（二）依申请公开", "四、政府信息公开行政复议、行政诉讼情况".
fn is_heading(line: &str) -> bool {
    if line.chars().count() > 40 || line.contains('。') {
        return false;
    }
    let mut chars = line.chars();
    match chars.next() {
        Some('（' | '(') => chars
            .next()
            .is_some_and(|c| chinese_digit(c).is_some() || c == '十' || c.is_ascii_digit()),
        Some(c) if chinese_digit(c).is_some() || c == '十' => {
            chars.take_while(|&c| is_chinese_numeral(c)).count() < 3
                && line.chars().find(|&c| !is_chinese_numeral(c)) == Some('、')
        }
        _ => false,
    }
}
