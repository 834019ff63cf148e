//! Positioned lines (a PDF page's text, or column-aligned text from `pdftotext -layout`) into a
//! grid and running text. Shared by the text and PDF readers.

use zfxxgk_core::Location;
use zfxxgk_core::grid::{Grid, TextLine};

/// A run of text on a line with no wide gap inside it.
#[derive(Debug, Clone, PartialEq)]
pub struct Chunk {
    /// Where the run starts, in the line's unit (characters for text, points for PDF).
    pub x: f32,
    /// Where it ends, in the same unit.
    pub end: f32,
    /// The text.
    pub text: String,
}

/// One line of positioned text.
#[derive(Debug, Clone, PartialEq)]
pub struct PlacedLine {
    /// Where the line is (`Location::Line` for text, `Location::Page` for PDF).
    pub location: Location,
    /// The page (1 for text without page breaks).
    pub page: u32,
    /// The runs, left to right.
    pub chunks: Vec<Chunk>,
}

/// Turns positioned lines into one loose grid (a row per table line, wrapped labels joined) and
/// the running text.
pub fn build(name: &str, lines: Vec<PlacedLine>) -> (Grid, Vec<TextLine>) {
    let _ = (name, lines);
    unimplemented!("being written")
}
