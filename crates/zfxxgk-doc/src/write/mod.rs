//! Writers of the finished report, in the official layout, ready to publish: a Word document
//! ([`docx`]), one self-contained web page ([`html`]), and plain text in the shape of a published
//! report ([`text`], [`markdown`]).
//!
//! Every output is planned once (`plan`): the title, the opening paragraph, the six sections with
//! their official headings and narrative, and the three tables placed from the core's printed
//! geometry ([`zfxxgk_core::print`]), so the merges are the catalog's and no label is spelt here.
//! The plan also cleans what no document can hold: characters XML forbids (control characters)
//! are dropped, and line breaks or tabs inside a one-line field (the agency, a cell) become
//! spaces; each change is a [`WriteNote`] handed back with the output, never a silent cut.
//!
//! The Word document is written with `zip` + `quick-xml` (escaping; the dump reads with it): see
//! `docx.rs` for why not a docx crate. Output is deterministic: the same report gives the same
//! bytes (fixed zip timestamps, fixed document dates).

mod docx;
mod dump;
mod html;
mod plan;
mod text;

use zfxxgk_core::layout::{MetaField, Section};
use zfxxgk_core::{Cell, Lang, Report};

pub use dump::{DumpError, dump_docx};

/// A written document and the notes on what had to change to write it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Written<T> {
    /// The document (bytes of a docx, or the text of a page).
    pub output: T,
    /// What was changed on the way (characters dropped or replaced), in document order.
    pub notes: Vec<WriteNote>,
}

/// The field of the report a note is about.
#[derive(Debug, Clone, Copy)]
pub enum Field {
    /// The agency name.
    Agency,
    /// The text of a section.
    Section(&'static Section),
    /// A table cell's value.
    Cell(&'static Cell),
    /// A contact field (填报人, 联系电话, 填报日期).
    Contact(&'static MetaField),
}

impl PartialEq for Field {
    fn eq(&self, other: &Field) -> bool {
        match (self, other) {
            (Field::Agency, Field::Agency) => true,
            (Field::Section(a), Field::Section(b)) => a.id == b.id,
            (Field::Cell(a), Field::Cell(b)) => a.id == b.id,
            (Field::Contact(a), Field::Contact(b)) => a.id == b.id,
            _ => false,
        }
    }
}

impl Eq for Field {}

impl Field {
    fn describe(&self, lang: Lang) -> String {
        match (self, lang) {
            (Field::Agency, Lang::Zh) => "机关名称".to_string(),
            (Field::Agency, Lang::En) => "the agency name".to_string(),
            (Field::Section(s), Lang::Zh) => format!("“{}、{}”部分", s.no, s.heading),
            (Field::Section(s), Lang::En) => format!("section {} ({})", s.no, s.en),
            (Field::Cell(c), lang) => c.describe(lang),
            (Field::Contact(m), Lang::Zh) => m.label.to_string(),
            (Field::Contact(m), Lang::En) => m.en.to_string(),
        }
    }
}

/// What was changed in a field.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Change {
    /// Characters no document can hold (control characters XML forbids) were dropped.
    Dropped {
        /// How many were dropped.
        count: usize,
        /// The distinct characters, in order of first appearance (at most 5 kept).
        chars: Vec<char>,
    },
    /// Line breaks or tabs inside a one-line field (a cell, the agency) or tabs in the narrative
    /// were written as spaces.
    Spaced {
        /// How many were replaced.
        count: usize,
    },
}

/// A change made to the report's text to write it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WriteNote {
    /// Where.
    pub field: Field,
    /// What.
    pub change: Change,
}

impl WriteNote {
    /// The note as a sentence in the given language.
    pub fn message(&self, lang: Lang) -> String {
        let field = self.field.describe(lang);
        match (&self.change, lang) {
            (Change::Dropped { count, chars }, Lang::Zh) => format!(
                "{field}中有 {count} 个文档无法容纳的控制字符（{}），已删去。",
                code_points(chars)
            ),
            (Change::Dropped { count, chars }, Lang::En) => format!(
                "{count} control character(s) that a document cannot hold ({}) were dropped from {field}.",
                code_points(chars)
            ),
            (Change::Spaced { count }, Lang::Zh) => {
                format!("{field}中有 {count} 个换行符或制表符，已写为空格。")
            }
            (Change::Spaced { count }, Lang::En) => {
                format!("{count} line break(s) or tab(s) in {field} were written as spaces.")
            }
        }
    }
}

fn code_points(chars: &[char]) -> String {
    chars
        .iter()
        .map(|c| format!("U+{:04X}", u32::from(*c)))
        .collect::<Vec<_>>()
        .join(", ")
}

/// Why a document could not be written.
#[derive(thiserror::Error, Debug)]
#[error("{}", self.message(Lang::Zh))]
pub enum WriteError {
    /// The zip container of the Word document could not be assembled.
    #[error("{}", self.message(Lang::Zh))]
    Zip(#[from] zip::result::ZipError),
    /// Writing into memory failed.
    #[error("{}", self.message(Lang::Zh))]
    Io(#[from] std::io::Error),
}

impl WriteError {
    /// The message in the given language.
    pub fn message(&self, lang: Lang) -> String {
        match (self, lang) {
            (WriteError::Zip(e), Lang::Zh) => format!("无法生成 Word 文档（压缩包）：{e}"),
            (WriteError::Zip(e), Lang::En) => {
                format!("cannot assemble the Word document (zip): {e}")
            }
            (WriteError::Io(e), Lang::Zh) => format!("无法生成文档：{e}"),
            (WriteError::Io(e), Lang::En) => format!("cannot write the document: {e}"),
        }
    }
}

/// The report as a Word document (docx), in the layout of Chinese official documents
/// (GB/T 9704): A4, the official headings, the three tables with every merge.
pub fn docx(report: &Report) -> Result<Written<Vec<u8>>, WriteError> {
    let plan = plan::Plan::of(report);
    let output = docx::write(&plan)?;
    Ok(Written {
        output,
        notes: plan.notes,
    })
}

/// The report as one self-contained HTML page: inline styles only (it can be pasted into a
/// government CMS editor as it is), real tables with `rowspan`/`colspan`, no script.
pub fn html(report: &Report) -> Written<String> {
    let plan = plan::Plan::of(report);
    let output = html::write(&plan);
    Written {
        output,
        notes: plan.notes,
    }
}

/// The report as plain text in the shape of a published report: title, sections, and the tables
/// as tab-separated rows with merged cells left empty (it pastes into a table in Word or a CMS).
pub fn text(report: &Report) -> Written<String> {
    let plan = plan::Plan::of(report);
    let output = text::text(&plan);
    Written {
        output,
        notes: plan.notes,
    }
}

/// The report as Markdown: headings, paragraphs, and the tables as pipe tables with merged cells
/// left empty. Every character Markdown would read as markup (or as HTML) is escaped.
pub fn markdown(report: &Report) -> Written<String> {
    let plan = plan::Plan::of(report);
    let output = text::markdown(&plan);
    Written {
        output,
        notes: plan.notes,
    }
}
