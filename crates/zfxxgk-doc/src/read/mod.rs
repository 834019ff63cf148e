//! Readers of published reports. Each returns a [`Document`]; the caller hands it to
//! [`zfxxgk_core::import::read_document`].

pub mod docx;
pub mod html;
pub mod lines;
pub mod pdf;
pub mod text;

use zfxxgk_core::Lang;
use zfxxgk_core::grid::Document;

/// Limits every reader enforces on untrusted input.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limits {
    /// Files larger than this are refused before parsing (the CLI refuses them before reading).
    pub max_file_bytes: u64,
    /// Zip containers (docx) whose parts inflate to more than this in total are refused.
    pub max_inflated_bytes: u64,
    /// PDFs with more pages than this are refused.
    pub max_pages: u32,
    /// HTML nested deeper than this is refused (or cut, with an issue).
    pub max_depth: u32,
    /// At most this many grid cells in one document.
    pub max_cells: usize,
}

impl Default for Limits {
    fn default() -> Limits {
        Limits {
            max_file_bytes: 50 * 1024 * 1024,
            max_inflated_bytes: 100 * 1024 * 1024,
            max_pages: 200,
            max_depth: 256,
            max_cells: 1_000_000,
        }
    }
}

/// Why a published report could not be read. Messages never name the file.
#[derive(thiserror::Error, Debug)]
#[error("{}", self.message(Lang::Zh))]
pub enum DocError {
    /// Plain text.
    #[error(transparent)]
    Text(#[from] text::TextError),
    /// A web page.
    #[error(transparent)]
    Html(#[from] html::HtmlError),
    /// A Word document.
    #[error(transparent)]
    Docx(#[from] docx::DocxError),
    /// A PDF.
    #[error(transparent)]
    Pdf(#[from] pdf::PdfError),
}

impl DocError {
    /// The message in the given language.
    pub fn message(&self, lang: Lang) -> String {
        match self {
            DocError::Text(e) => e.message(lang),
            DocError::Html(e) => e.message(lang),
            DocError::Docx(e) => e.message(lang),
            DocError::Pdf(e) => e.message(lang),
        }
    }
}

/// Reads a document of a known kind.
pub fn read(bytes: &[u8], kind: Kind, limits: &Limits) -> Result<Document, DocError> {
    Ok(match kind {
        Kind::Text => text::read(bytes, limits)?,
        Kind::Html => html::read(bytes, limits)?,
        Kind::Docx => docx::read(bytes, limits)?,
        Kind::Pdf => pdf::read(bytes, limits)?,
    })
}

/// The kinds of published document read here.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// Plain text.
    Text,
    /// An HTML page (or MHT).
    Html,
    /// A Word document (docx).
    Docx,
    /// A PDF.
    Pdf,
}
