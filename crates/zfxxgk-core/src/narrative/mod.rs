//! The narrative of a report, read for what it states about the tables (issue 10, "Narrative ↔
//! table"), and compared with last year's narrative.
//!
//! - [`claims`]: every count the narrative states about a table cell or a total ("收到政府信息公开申请
//!   55 件", "其中予以公开 9 件", "未发生行政复议、行政诉讼", "行政事业性收费 3940 元"), each with the
//!   [`Subject`]s it may be about, so that a rule can compare it with the tables;
//! - [`copied`]: how much of this year's narrative repeats last year's with only numbers changed.
//!
//! Everything here is pure: text in, values out. Reading is conservative: a number is a claim only
//! when the words right before it (or right after it: "其中 9 件予以公开") name a quantity of the
//! tables; dates, document numbers, percentages, comparisons with last year ("较上年增加 5 件"),
//! ordinals and counts of things the tables do not hold ("主动公开政府信息 356 条", "召开会议 3 次")
//! are never claims.

mod claims;
mod lexicon;
mod numbers;
mod similarity;
mod subjects;

pub use claims::{Claim, Period, SENTENCE_MAX, claims};
pub(crate) use numbers::chinese_year;
pub use numbers::{mask_numbers, parse_chinese, parse_number};
pub use similarity::{COPIED_THRESHOLD, Copied, MIN_CHARS, MIN_SENTENCES, copied};
pub use subjects::{Applicant, Outcome, Reason, Subject};

#[cfg(test)]
mod tests;
