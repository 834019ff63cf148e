//! The format-neutral input of the importer: a [`Document`] is what any reader makes of a file —
//! grids of cells (a worksheet, an HTML or Word table, the rows of a text or PDF table) and the
//! lines of running text around them (title, headings, narrative), each with a [`Location`] a
//! person can find. [`crate::import`] turns a document into a [`crate::Report`], whatever the
//! file format was. Readers never interpret labels or values; the importer never sees a file.

use std::ops::Range;

use crate::normalize::{key_range, normalize_label};
use crate::report::Location;

/// A cell value as a reader found it.
#[derive(Debug, Clone, PartialEq)]
pub enum Raw {
    /// Text (everything from text, HTML, Word and PDF is text).
    Text(String),
    /// A spreadsheet float.
    Float(f64),
    /// A spreadsheet integer.
    Int(i64),
    /// A spreadsheet boolean.
    Bool(bool),
    /// A spreadsheet date or time; the serial number.
    Date(f64),
    /// A spreadsheet error value (`#DIV/0!`).
    Error(String),
    /// Nothing (a formula without a cached result).
    Empty,
}

/// One non-empty cell of a grid.
#[derive(Debug, Clone)]
pub struct GridCell {
    /// 0-based row in the grid.
    pub row: u32,
    /// 0-based column in the grid.
    pub col: u32,
    /// Rows the cell spans (1 when not merged).
    pub rows: u32,
    /// Columns the cell spans (1 when not merged).
    pub cols: u32,
    /// The value.
    pub value: Raw,
    /// `Some` for a spreadsheet formula: its text when known (may be empty).
    pub formula: Option<String>,
    /// Where the cell is in its file; `None` when the grid's [`Origin`] names it (a worksheet
    /// cell: the sheet and its A1 reference), so that no location is made for the cells nobody
    /// asks about.
    pub location: Option<Location>,
    /// [`normalize_label`] of a text value.
    pub norm: String,
    /// Where [`crate::normalize::label_key`] of the text is in `norm` (a key is always a part
    /// of the normalised label).
    key: Range<u32>,
}

impl GridCell {
    /// A text cell spanning one row and one column.
    pub fn text(row: u32, col: u32, text: impl Into<String>, location: Location) -> GridCell {
        GridCell::new(row, col, Raw::Text(text.into()), location)
    }

    /// A cell spanning one row and one column.
    pub fn new(row: u32, col: u32, value: Raw, location: Location) -> GridCell {
        let mut cell = GridCell::positioned(row, col, value);
        cell.location = Some(location);
        cell
    }

    /// A cell spanning one row and one column whose location the grid's [`Origin`] gives.
    pub fn positioned(row: u32, col: u32, value: Raw) -> GridCell {
        let norm = match &value {
            Raw::Text(s) => normalize_label(s),
            _ => String::new(),
        };
        let r = key_range(&norm);
        let key = u32::try_from(r.start).unwrap_or(0)..u32::try_from(r.end).unwrap_or(0);
        GridCell {
            row,
            col,
            rows: 1,
            cols: 1,
            value,
            formula: None,
            location: None,
            norm,
            key,
        }
    }

    /// [`crate::normalize::label_key`] of a text value (empty for other values).
    pub fn key(&self) -> &str {
        self.norm
            .get(self.key.start as usize..self.key.end as usize)
            .unwrap_or("")
    }

    /// The same cell spanning `rows` × `cols`.
    pub fn span(mut self, rows: u32, cols: u32) -> GridCell {
        self.rows = rows.max(1);
        self.cols = cols.max(1);
        self
    }

    /// The same cell marked as a formula.
    pub fn with_formula(mut self, formula: String) -> GridCell {
        self.formula = Some(formula);
        self
    }

    /// The cell's text, if it is text.
    pub fn as_text(&self) -> Option<&str> {
        match &self.value {
            Raw::Text(s) => Some(s),
            _ => None,
        }
    }
}

/// How far the columns of a grid can be trusted.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Geometry {
    /// Cells are where they are printed: a worksheet, an HTML or Word table with its spans.
    #[default]
    Exact,
    /// Columns come from text (tabs of copied text, runs of spaces, PDF positions): a row may be
    /// shifted against its header, so values are placed row by row after the row's label.
    Loose,
}

/// A grid of cells: one worksheet, one HTML/Word table, or the rows of a text or PDF page.
#[derive(Debug)]
pub struct Grid {
    /// A name for messages (the sheet name; `表格 2`; `第 3 页`).
    pub name: String,
    /// Whether the columns can be trusted.
    pub geometry: Geometry,
    /// The non-empty cells, row-major.
    pub cells: Vec<GridCell>,
    /// How to name a position that holds no cell (a blank value).
    pub origin: Origin,
    /// The hash of each text cell's key and normalised label, with the cell's index, sorted:
    /// the label index of [`Grid::find`] (one allocation per grid, none per cell).
    by_key: Vec<(u64, u32)>,
    /// Each cell's position (`row << 32 | col`), in the order of `cells`: what a lookup by
    /// position searches, 8 bytes a cell instead of a whole cell per step of the search.
    positions: Vec<u64>,
}

/// A position as one sortable number: row-major order.
fn position(row: u32, col: u32) -> u64 {
    (u64::from(row) << 32) | u64::from(col)
}

/// FNV-1a: a fast hash of short labels, for the label index of a grid (a lookup compares the
/// text itself, so a collision costs nothing but a comparison).
fn label_hash(s: &str) -> u64 {
    s.bytes().fold(0xcbf2_9ce4_8422_2325, |h, b| {
        (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
    })
}

impl Grid {
    /// A grid of the given cells (any order; sorted row-major here). A cell spanning several
    /// rows or columns is stored once, at its top-left position.
    pub fn new(name: impl Into<String>, geometry: Geometry, mut cells: Vec<GridCell>) -> Grid {
        // A spreadsheet's cells come in row-major order already: no sort (whose scratch space
        // would be half the cells again) is needed for them.
        if !cells.is_sorted_by_key(|c| (c.row, c.col)) {
            cells.sort_by_key(|c| (c.row, c.col));
        }
        cells.dedup_by_key(|c| (c.row, c.col));
        let mut by_key = Vec::new();
        for (i, c) in cells.iter().enumerate() {
            let i = u32::try_from(i).unwrap_or(u32::MAX);
            let key = c.key();
            if !key.is_empty() {
                by_key.push((label_hash(key), i));
            }
            if !c.norm.is_empty() && c.norm != key {
                by_key.push((label_hash(&c.norm), i));
            }
        }
        by_key.sort_unstable();
        let positions = cells.iter().map(|c| position(c.row, c.col)).collect();
        let name = name.into();
        Grid {
            origin: Origin::Sheet(std::sync::Arc::from(name.as_str())),
            name,
            geometry,
            cells,
            by_key,
            positions,
        }
    }

    /// The same grid naming its blank positions by `origin`.
    pub fn with_origin(mut self, origin: Origin) -> Grid {
        self.origin = origin;
        self
    }

    /// Where a position is, whether or not a cell is there.
    pub fn location(&self, row: u32, col: u32) -> Location {
        self.location_of(self.get(row, col), row, col)
    }

    /// [`Grid::location`] of a position whose cell (if any) the caller has looked up already.
    pub fn location_of(&self, cell: Option<&GridCell>, row: u32, col: u32) -> Location {
        if let Some(location) = cell.and_then(|c| c.location.as_ref()) {
            return location.clone();
        }
        match &self.origin {
            // The sheet's name shared, not copied: this names every value read.
            Origin::Sheet(name) => Location::Cell {
                sheet: std::sync::Arc::clone(name),
                row,
                col,
            },
            Origin::Table(table) => Location::TableCell {
                table: *table,
                row: row.saturating_add(1),
                col: col.saturating_add(1),
            },
            Origin::Rows(rows) => rows
                .get(row as usize)
                .cloned()
                .unwrap_or(Location::Line(u64::from(row) + 1)),
        }
    }

    /// The cell at an absolute position (its top-left position, for a merged cell).
    pub fn get(&self, row: u32, col: u32) -> Option<&GridCell> {
        self.positions
            .binary_search(&position(row, col))
            .ok()
            .and_then(|i| self.cells.get(i))
    }

    /// The cells of rows `top..bottom`, in row-major order.
    pub fn rows(&self, top: u32, bottom: u32) -> &[GridCell] {
        let start = self.positions.partition_point(|&p| p < position(top, 0));
        let end = self.positions.partition_point(|&p| p < position(bottom, 0));
        self.cells.get(start..end.max(start)).unwrap_or(&[])
    }

    /// The text cells whose key or normalised label is `key`, in row-major order.
    pub fn find<'s, 'k>(
        &'s self,
        key: &'k str,
    ) -> impl Iterator<Item = &'s GridCell> + use<'s, 'k> {
        let h = label_hash(key);
        let start = self.by_key.partition_point(|&(k, _)| k < h);
        let end = self.by_key.partition_point(|&(k, _)| k <= h);
        let mut last = None;
        self.by_key[start..end]
            .iter()
            .map(|&(_, i)| &self.cells[i as usize])
            .filter(move |c| {
                // A cell indexed under both its key and its label is given once.
                let pos = (c.row, c.col);
                let new = last != Some(pos);
                last = Some(pos);
                new && (c.key() == key || c.norm == key)
            })
    }
}

/// How a grid names its positions, for a value read from a position that holds no cell.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Origin {
    /// A worksheet: the sheet name (each position its row and column).
    Sheet(std::sync::Arc<str>),
    /// The n-th table of a page or document (1-based): table, row, column.
    Table(u32),
    /// Rows made from lines of text: the location of each row's line.
    Rows(Vec<Location>),
}

/// A line of running text outside the tables: a title line, a heading, a paragraph.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TextLine {
    /// The text, without its line break. A paragraph is one line, however long.
    pub text: String,
    /// Where it is.
    pub location: Location,
}

/// Everything a reader found in a file, in a form no longer tied to the file format.
#[derive(Debug, Default)]
pub struct Document {
    /// The tables (or sheets), in reading order.
    pub grids: Vec<Grid>,
    /// The running text in reading order (for the title, the metadata and the six sections).
    pub lines: Vec<TextLine>,
    /// A title the file declares apart from its text (`<meta name="ArticleTitle">`, a PDF's or
    /// Word document's title property).
    pub title: Option<String>,
    /// A publisher the file declares (`<meta name="ContentSource">`, a document's author).
    pub publisher: Option<String>,
    /// What the reader itself noticed and could not settle (a page without a text layer, a
    /// cell it could not decode), kept as import issues of the report.
    pub issues: Vec<crate::report::ImportIssue>,
    /// The reader's kind, for messages (`网页`, `Word 文档`, `PDF`, `文本`, `工作簿`).
    pub kind: DocumentKind,
}

/// The kind of file a document was read from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum DocumentKind {
    /// A spreadsheet.
    #[default]
    Workbook,
    /// Plain text (copied from a page or a PDF viewer, or `pdftotext -layout`).
    Text,
    /// An HTML page.
    Html,
    /// A Word document (docx).
    Word,
    /// A PDF with a text layer.
    Pdf,
}
