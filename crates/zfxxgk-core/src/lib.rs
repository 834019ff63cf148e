//! The core of zfxxgk: the model of the 政府信息公开工作年度报告 (government information disclosure
//! annual report) and everything that needs no I/O.
//!
//! - [`layout`]: the catalog of every edition, the single source of truth for ids, labels and the
//!   printed structure;
//! - [`Report`]: metadata, the six sections, the numeric cells with their state;
//! - [`rules`]: every consistency rule (勾稽关系), returning every [`Finding`];
//! - [`sample`]: the bundled sample report.
//!
//! The core never reads a file, a clock or the terminal, and depends on no adapter library.

pub mod aggregate;
pub mod grid;
pub mod import;
pub mod layout;
pub mod narrative;
pub mod normalize;
pub mod outline;
pub mod print;
pub mod report;
pub mod round;
pub mod rules;
pub mod sample;
pub mod value;

pub use layout::{Cell, Edition, Layout};
pub use report::{AgencyFrom, Contact, ImportIssue, Location, Note, NoteReason, Report};
pub use rules::{CheckOptions, Code, Finding, Severity, check, check_previous};
pub use value::CellValue;

/// The language of messages.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum Lang {
    /// 中文 (the default: the users are Chinese civil servants).
    #[default]
    Zh,
    /// English.
    En,
}
