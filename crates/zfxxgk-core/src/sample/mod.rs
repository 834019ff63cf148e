//! The published text of the bundled sample report: 义马市交通运输局's report for 2024, copied
//! from the page it was published on. The sample report itself is made from this text by the
//! import path (`zfxxgk_doc::sample`), so the sample and the reader can never disagree.

/// The published text the sample is read from.
pub const SOURCE_TEXT: &str = include_str!("yima-transport-2024.txt");
