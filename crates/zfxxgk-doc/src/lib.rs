//! Published annual reports, both ways.
//!
//! - [`read`]: the readers of what agencies publish — copied text (`text`), web pages (`html`),
//!   Word documents (`docx`) and PDFs with a text layer (`pdf`). Each only turns its file into
//!   the core's format-neutral [`zfxxgk_core::grid::Document`] (grids of cells and lines of
//!   running text, with locations a person can find); [`zfxxgk_core::import`] makes the report.
//! - [`write`]: the finished report in the official layout — Word (`docx`), a web page (`html`)
//!   and text (`text`) — placed from the core's printed geometry ([`zfxxgk_core::print`]).
//!
//! No reader prints, and none panics on hostile input: every limit is checked here, and every
//! call into a parser that is not known to be panic-free is isolated.

pub mod read;
pub mod sample;
pub mod write;
