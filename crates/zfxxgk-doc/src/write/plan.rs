//! The document every writer writes, planned once from a report: title, opening paragraph, the six
//! sections (official headings, narrative paragraphs), and the three tables with every printed
//! cell from the core's geometry, the column widths and the table font size. Text from the report
//! is cleaned here (see [`super::WriteNote`]); labels come from the catalog as they are.

use zfxxgk_core::layout::{META_FIELDS, MetaField, REPORT_TITLE_SUFFIX, Table};
use zfxxgk_core::print::{Item, Span, table_grid};
use zfxxgk_core::{Cell, CellValue, Report};

use super::{Change, Field, WriteNote};

/// Width of the text area of the page, in twentieths of a point: A4 (210 mm) less the left
/// (28 mm) and right (26 mm) margins of GB/T 9704, i.e. 156 mm.
pub(crate) const TEXT_WIDTH: u32 = 8845;
/// Left and right padding of a table cell, in twentieths of a point (1 mm).
pub(crate) const CELL_MARGIN: u32 = 57;
/// The table font sizes tried, in half-points (五号 10.5 pt, 小五 9 pt, 六号 7.5 pt): the largest
/// at which no number has to wrap is taken.
const TABLE_SIZES: [u32; 3] = [21, 18, 15];
/// Slack added to each column beyond the cell margins, so that a text measured to fit does.
const SLACK: u32 = 40;
/// A body row of a block with at most this many rows is kept on one page with its header.
const SMALL_BLOCK: usize = 6;
/// A table of at most this many printed rows (table 三 is 28) is kept on one page when it fits
/// on one: it moves to the next page rather than break after a few rows.
const ONE_PAGE_ROWS: usize = 30;
/// Paragraphs that start with a numbered heading (`（一）主动公开`) and are at most this many
/// characters long are sub-headings.
const SUBHEADING_MAX: usize = 30;

/// The whole document.
#[derive(Debug)]
pub(crate) struct Plan {
    /// The title, line by line (the agency; `{year}年政府信息公开工作年度报告`).
    pub title_lines: Vec<String>,
    /// The title on one line (document properties, the page's `<title>`).
    pub title: String,
    /// The agency (document author).
    pub agency: String,
    /// The opening paragraph.
    pub opening: String,
    /// The six sections.
    pub sections: Vec<PlanSection>,
    /// What was changed to write the report.
    pub notes: Vec<WriteNote>,
}

/// One section.
#[derive(Debug)]
pub(crate) struct PlanSection {
    /// `一、总体情况`.
    pub heading: String,
    /// The narrative (`无。` for a narrative section without text; none for an empty table
    /// section).
    pub paragraphs: Vec<Para>,
    /// The table printed in the section.
    pub table: Option<PlanTable>,
}

/// A paragraph of narrative.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Para {
    /// The text, whole.
    pub text: String,
    /// How it is set.
    pub kind: ParaKind,
}

/// How a paragraph of narrative is set.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum ParaKind {
    /// A sub-heading on its own line (`（一）主动公开`), set in 楷体.
    Subheading,
    /// Body text; `lead` is the byte length of a run-in sub-heading at its start
    /// (`（一）主动公开。`), set in 楷体, or 0.
    Body { lead: usize },
}

/// What a printed table cell is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum CellKind {
    /// A block caption across the table.
    Caption,
    /// The top-left corner.
    Corner,
    /// A column header.
    Header,
    /// A group of rows in the label columns.
    Group,
    /// A row label.
    RowLabel,
    /// A value.
    Value,
}

impl CellKind {
    /// Labels on the left are set flush left; everything else is centred.
    pub fn left(self) -> bool {
        matches!(self, CellKind::RowLabel)
    }

    /// Part of the table's head (caption, corner, headers).
    pub fn head(self) -> bool {
        matches!(
            self,
            CellKind::Caption | CellKind::Corner | CellKind::Header
        )
    }
}

/// One printed cell.
#[derive(Debug, Clone)]
pub(crate) struct PlanCell {
    /// Where, from the core's geometry.
    pub span: Span,
    /// What.
    pub kind: CellKind,
    /// The text printed (a value as given: empty for a blank).
    pub text: String,
    /// The report cell, for values.
    pub cell: Option<&'static Cell>,
    /// A number or a placeholder: never wraps.
    pub whole: bool,
}

/// Where a grid position is, for writers that go row by row and column by column.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Slot {
    /// The top-left of a cell (its index in [`PlanTable::cells`]).
    Start(usize),
    /// Under the first row of a cell that spans rows (its index).
    Below(usize),
    /// Covered by a cell that starts further left in the same row.
    Right,
    /// Covered by nothing.
    Empty,
}

/// One of the three tables, ready to write.
#[derive(Debug)]
pub(crate) struct PlanTable {
    /// The catalog's table.
    pub table: &'static Table,
    /// Printed columns.
    pub width: usize,
    /// Printed rows.
    pub height: usize,
    /// Every printed cell, row by row, left to right.
    pub cells: Vec<PlanCell>,
    /// The first rows repeated on every page the table crosses (0: none).
    pub header_rows: usize,
    /// For each row: keep it on the same page as the next.
    pub keep_next: Vec<bool>,
    /// The column widths, in twentieths of a point (they add up to [`TEXT_WIDTH`]).
    pub widths: Vec<u32>,
    /// The font size of the table text, in half-points.
    pub size: u32,
}

impl PlanTable {
    /// What each grid position holds, row-major.
    pub fn slots(&self) -> Vec<Slot> {
        let mut slots = vec![Slot::Empty; self.width * self.height];
        for (i, c) in self.cells.iter().enumerate() {
            for r in c.span.row..=c.span.last_row().min(self.height.saturating_sub(1)) {
                for col in c.span.col..=c.span.last_col().min(self.width.saturating_sub(1)) {
                    slots[r * self.width + col] = if r == c.span.row && col == c.span.col {
                        Slot::Start(i)
                    } else if col == c.span.col {
                        Slot::Below(i)
                    } else {
                        Slot::Right
                    };
                }
            }
        }
        slots
    }
}

/// Whether a character can be written in an XML (and so a docx or HTML) document: XML 1.0
/// forbids the C0 controls other than tab, line feed and carriage return, and U+FFFE/U+FFFF; the
/// C1 controls (and DEL) are allowed but are never meant text, and break pages, so they go too.
pub(crate) fn forbidden(c: char) -> bool {
    (c < ' ' && !matches!(c, '\t' | '\n' | '\r'))
        || ('\u{7f}'..='\u{9f}').contains(&c)
        || c == '\u{fffe}'
        || c == '\u{ffff}'
}

struct Cleaner<'a> {
    notes: &'a mut Vec<WriteNote>,
}

impl Cleaner<'_> {
    fn note(&mut self, field: Field, dropped: Vec<char>, spaced: usize) {
        if !dropped.is_empty() {
            let mut chars: Vec<char> = Vec::new();
            for c in &dropped {
                if !chars.contains(c) && chars.len() < 5 {
                    chars.push(*c);
                }
            }
            self.notes.push(WriteNote {
                field,
                change: Change::Dropped {
                    count: dropped.len(),
                    chars,
                },
            });
        }
        if spaced > 0 {
            self.notes.push(WriteNote {
                field,
                change: Change::Spaced { count: spaced },
            });
        }
    }

    /// A one-line field: forbidden characters dropped, line breaks and tabs as spaces (CR LF
    /// counts once).
    fn line(&mut self, field: Field, s: &str) -> String {
        if !s
            .chars()
            .any(|c| forbidden(c) || matches!(c, '\t' | '\n' | '\r'))
        {
            return s.to_string();
        }
        let mut out = String::with_capacity(s.len());
        let mut dropped = Vec::new();
        let mut spaced = 0;
        let mut chars = s.chars().peekable();
        while let Some(c) = chars.next() {
            if forbidden(c) {
                dropped.push(c);
            } else if matches!(c, '\t' | '\n' | '\r') {
                if c == '\r' && chars.peek() == Some(&'\n') {
                    chars.next();
                }
                out.push(' ');
                spaced += 1;
            } else {
                out.push(c);
            }
        }
        self.note(field, dropped, spaced);
        out
    }

    /// Narrative: forbidden characters dropped, tabs as spaces, line breaks kept (CR LF and CR
    /// become LF).
    fn text(&mut self, field: Field, s: &str) -> String {
        if !s.chars().any(|c| forbidden(c) || matches!(c, '\t' | '\r')) {
            return s.to_string();
        }
        let mut out = String::with_capacity(s.len());
        let mut dropped = Vec::new();
        let mut spaced = 0;
        let mut chars = s.chars().peekable();
        while let Some(c) = chars.next() {
            match c {
                '\r' => {
                    if chars.peek() == Some(&'\n') {
                        chars.next();
                    }
                    out.push('\n');
                }
                '\t' => {
                    out.push(' ');
                    spaced += 1;
                }
                c if forbidden(c) => dropped.push(c),
                c => out.push(c),
            }
        }
        self.note(field, dropped, spaced);
        out
    }
}

/// The byte length of a numbered heading at the start of a paragraph (`（一）`, `(二) `), with
/// the spaces after it.
fn numbering(p: &str) -> Option<usize> {
    let mut chars = p.char_indices();
    let (_, open) = chars.next()?;
    if !matches!(open, '(' | '（') {
        return None;
    }
    let mut digits = 0;
    for (i, c) in chars.by_ref() {
        if "一二三四五六七八九十".contains(c) {
            digits += 1;
            continue;
        }
        if matches!(c, ')' | '）') && (1..=3).contains(&digits) {
            let end = i + c.len_utf8();
            let rest = &p[end..];
            let trimmed = rest.trim_start();
            return Some(end + (rest.len() - trimmed.len()));
        }
        return None;
    }
    None
}

/// How a paragraph of narrative is set.
pub(crate) fn classify(p: &str) -> ParaKind {
    const ENDS: &[char] = &['。', '；', '，', '：', '！', '？', ';', ',', ':'];
    let Some(n) = numbering(p) else {
        return ParaKind::Body { lead: 0 };
    };
    if p.len() > n && p.chars().count() <= SUBHEADING_MAX && !p.ends_with(ENDS) {
        return ParaKind::Subheading;
    }
    match p[n..].find('。') {
        Some(i) if i > 0 && p[..n + i].chars().count() < SUBHEADING_MAX => ParaKind::Body {
            lead: n + i + '。'.len_utf8(),
        },
        _ => ParaKind::Body { lead: 0 },
    }
}

/// The paragraphs of a section's text: one per line, trimmed, empty lines left out.
fn paragraphs(text: &str) -> Vec<Para> {
    text.split('\n')
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .map(|p| Para {
            text: p.to_string(),
            kind: classify(p),
        })
        .collect()
}

/// What a section with no text says.
const NOTHING: &str = "无。";

impl Plan {
    /// Plans the document of a report.
    pub fn of(report: &Report) -> Plan {
        let mut notes = Vec::new();
        let mut clean = Cleaner { notes: &mut notes };
        let agency = clean.line(Field::Agency, report.agency.trim());
        let agency = agency.trim().to_string();
        let year_title = match report.year {
            Some(y) => format!("{y}年{REPORT_TITLE_SUFFIX}"),
            None => REPORT_TITLE_SUFFIX.to_string(),
        };
        let mut title_lines = Vec::new();
        if !agency.is_empty() {
            title_lines.push(agency.clone());
        }
        title_lines.push(year_title.clone());
        let title = format!("{agency}{year_title}");

        let contact = [
            ("filler", report.contact.filler.as_deref()),
            ("phone", report.contact.phone.as_deref()),
            ("date", report.contact.date.as_deref()),
        ];
        let mut contact_parts = Vec::new();
        for (id, value) in contact {
            let (Some(value), Some(field)) = (value, meta_field(id)) else {
                continue;
            };
            let value = clean.line(Field::Contact(field), value.trim());
            let value = value.trim();
            if !value.is_empty() {
                contact_parts.push(format!("{}：{value}", field.label));
            }
        }
        let mut opening =
            "本报告根据《中华人民共和国政府信息公开条例》（以下简称《条例》）要求编制。"
                .to_string();
        if let Some(y) = report.year {
            opening.push_str(&format!(
                "本报告所列数据的统计期限自{y}年1月1日起至{y}年12月31日止。"
            ));
        }
        if !contact_parts.is_empty() {
            opening.push_str(&contact_parts.join("，"));
            opening.push('。');
        }

        let layout = report.layout();
        let mut sections = Vec::new();
        for (section, text) in report.sections() {
            let text = clean.text(Field::Section(section), text);
            let mut paras = paragraphs(&text);
            let table = section
                .table
                .and_then(|id| layout.table(id))
                .map(|t| plan_table(report, t, &mut clean));
            if paras.is_empty() && table.is_none() {
                paras.push(Para {
                    text: NOTHING.to_string(),
                    kind: ParaKind::Body { lead: 0 },
                });
            }
            sections.push(PlanSection {
                heading: format!("{}、{}", section.no, section.heading),
                paragraphs: paras,
                table,
            });
        }
        Plan {
            title_lines,
            title,
            agency,
            opening,
            sections,
            notes,
        }
    }
}

fn meta_field(id: &str) -> Option<&'static MetaField> {
    META_FIELDS.iter().find(|m| m.id == id)
}

fn plan_table(report: &Report, table: &'static Table, clean: &mut Cleaner<'_>) -> PlanTable {
    let layout = report.layout();
    let grid = table_grid(layout, table);
    let mut cells = Vec::with_capacity(grid.items.len());
    for (span, item) in &grid.items {
        let (kind, text, cell) = match *item {
            Item::Caption(t) => (CellKind::Caption, t.to_string(), None),
            Item::Corner(t) => (CellKind::Corner, t.to_string(), None),
            Item::Header(t, _) => (CellKind::Header, t.to_string(), None),
            Item::StubGroup(t, _) => (CellKind::Group, t.to_string(), None),
            Item::RowLabel(t) => (CellKind::RowLabel, t.to_string(), None),
            Item::Value(c) => {
                let text = match report.value(c) {
                    CellValue::Blank => String::new(),
                    CellValue::Number(d) => d.to_string(),
                    CellValue::Placeholder(s) | CellValue::Text(s) => clean.line(Field::Cell(c), s),
                };
                (CellKind::Value, text, Some(c))
            }
        };
        let whole = cell.is_some_and(|c| !matches!(report.value(c), CellValue::Text(_)));
        cells.push(PlanCell {
            span: *span,
            kind,
            text,
            cell,
            whole,
        });
    }
    let header_rows = if grid.blocks.len() == 1 {
        grid.blocks[0].header.1 + 1
    } else {
        0
    };
    let mut keep_next = vec![false; grid.height];
    if grid.height <= ONE_PAGE_ROWS {
        for k in keep_next.iter_mut().take(grid.height.saturating_sub(1)) {
            *k = true;
        }
    }
    for b in &grid.blocks {
        let first = b.caption.unwrap_or(b.header.0);
        let small = b.body.1 + 1 - b.body.0 <= SMALL_BLOCK;
        let last_kept = if small { b.body.1 } else { b.header.1 + 1 };
        for k in keep_next.iter_mut().take(last_kept).skip(first) {
            *k = true;
        }
    }
    let mut plan = PlanTable {
        table,
        width: grid.width,
        height: grid.height,
        cells,
        header_rows,
        keep_next,
        widths: Vec::new(),
        size: TABLE_SIZES[0],
    };
    let (size, widths) = column_widths(&plan);
    plan.size = size;
    plan.widths = widths;
    plan
}

/// The width of a text in ems of the table font: a CJK character is one em, ASCII half of one.
fn ems(text: &str) -> f64 {
    text.chars()
        .map(|c| if c.is_ascii() { 0.5 } else { 1.0 })
        .sum()
}

/// The width, in ems, a text needs to fit in `lines` lines (CJK text breaks between any two
/// characters), in whole ems.
fn wrapped(text: &str, lines: usize) -> f64 {
    (ems(text) / lines.max(1) as f64).ceil()
}

/// What a column holds, which decides how it is given width.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum ColumnKind {
    /// Values under their header.
    Value,
    /// Groups of rows (`三、本年度办理结果`, `（三）不予公开`): one line, or two when the table is
    /// tight, never a width in between (that breaks a label after one character of a word).
    Group,
    /// The row labels (the last label column).
    Label,
}

/// At most this many lines for a row label before a smaller table font is tried.
const LABEL_LINES: f64 = 3.0;

/// Chooses the table font size and the column widths (twentieths of a point, adding up to
/// [`TEXT_WIDTH`]):
///
/// - values never wrap (numbers and placeholders on one line); header labels wrap in at most
///   three lines; group labels take one line or two;
/// - what is left goes first to the group columns (all of them on one line, or none), then to the
///   row labels up to one line each, then to the values' headers up to one line each, and the
///   rest is spread over every column;
/// - the largest font size at which no row label needs more than three lines is taken (五号,
///   then 小五, then 六号); if none, the largest at which the values fit; if none, the smallest,
///   scaled to the page.
fn column_widths(t: &PlanTable) -> (u32, Vec<u32>) {
    let stub = t
        .cells
        .iter()
        .filter(|c| matches!(c.kind, CellKind::RowLabel | CellKind::Group))
        .map(|c| c.span.last_col() + 1)
        .max()
        .unwrap_or(0);
    let kinds: Vec<ColumnKind> = (0..t.width)
        .map(|c| {
            if c + 1 == stub {
                ColumnKind::Label
            } else if c < stub {
                ColumnKind::Group
            } else {
                ColumnKind::Value
            }
        })
        .collect();
    let total = f64::from(TEXT_WIDTH);
    let pad = f64::from(2 * CELL_MARGIN + SLACK);
    let mut fitting: Option<(u32, Vec<f64>)> = None;
    let mut scaled: Option<(u32, Vec<f64>)> = None;
    for size in TABLE_SIZES {
        let em = f64::from(size) * 10.0; // twips per em: half-points × 10
        let mut min = vec![2.0 * em + pad; t.width];
        let mut want = min.clone();
        for c in t.cells.iter().filter(|c| c.span.cols == 1) {
            let col = c.span.col;
            let (lo, hi) = match (c.kind, kinds[col]) {
                (CellKind::Value, _) => {
                    let w = if c.whole {
                        ems(&c.text)
                    } else {
                        wrapped(&c.text, 3)
                    };
                    (w, w)
                }
                (CellKind::Header, _) => (wrapped(&c.text, 3), ems(&c.text)),
                (CellKind::Group, _) => (wrapped(&c.text, 2), ems(&c.text)),
                (CellKind::RowLabel | CellKind::Corner, ColumnKind::Label) => {
                    (wrapped(&c.text, 4).max(6.0), ems(&c.text))
                }
                _ => (0.0, 0.0),
            };
            min[col] = min[col].max(lo * em + pad);
            want[col] = want[col].max(hi * em + pad);
        }
        for (w, m) in want.iter_mut().zip(&min) {
            *w = w.max(*m);
        }
        let sum_min: f64 = min.iter().sum();
        if sum_min > total {
            if scaled.is_none() || size == TABLE_SIZES[TABLE_SIZES.len() - 1] {
                scaled = Some((size, min.iter().map(|w| w * total / sum_min).collect()));
            }
            continue;
        }
        let mut widths = min.clone();
        let mut room = total - sum_min;
        // Raises the columns of a kind towards their targets, all the way if there is room, else
        // in proportion.
        let raise = |kind: ColumnKind, target: &[f64], widths: &mut [f64], room: &mut f64| {
            let cols: Vec<usize> = (0..t.width).filter(|&c| kinds[c] == kind).collect();
            let d: f64 = cols.iter().map(|&c| (target[c] - widths[c]).max(0.0)).sum();
            if d <= 0.0 || *room <= 0.0 {
                return;
            }
            let share = (*room / d).min(1.0);
            for c in cols {
                let add = (target[c] - widths[c]).max(0.0) * share;
                widths[c] += add;
                *room -= add;
            }
        };
        // 1. Row labels in at most three lines.
        let three_lines: Vec<f64> = (0..t.width)
            .map(|c| {
                t.cells
                    .iter()
                    .filter(|x| x.span.col == c && x.span.cols == 1 && x.kind == CellKind::RowLabel)
                    .map(|x| wrapped(&x.text, LABEL_LINES as usize) * em + pad)
                    .fold(min[c], f64::max)
                    .min(want[c])
            })
            .collect();
        raise(ColumnKind::Label, &three_lines, &mut widths, &mut room);
        // 2. Group columns on one line, the cheapest first, each whole or not at all.
        let mut groups: Vec<usize> = (0..t.width)
            .filter(|&c| kinds[c] == ColumnKind::Group)
            .collect();
        groups.sort_by(|a, b| (want[*a] - min[*a]).total_cmp(&(want[*b] - min[*b])));
        for c in groups {
            let d = want[c] - widths[c];
            if d > 0.0 && d <= room {
                widths[c] = want[c];
                room -= d;
            }
        }
        // 3. Row labels, then the values' headers, on one line.
        raise(ColumnKind::Label, &want, &mut widths, &mut room);
        raise(ColumnKind::Value, &want, &mut widths, &mut room);
        if room > 0.0 {
            let sum: f64 = widths.iter().sum();
            for w in &mut widths {
                *w += room * *w / sum;
            }
        }
        let label_lines = t
            .cells
            .iter()
            .filter(|c| c.kind == CellKind::RowLabel && c.span.cols == 1)
            .filter(|c| kinds[c.span.col] == ColumnKind::Label)
            .map(|c| (ems(&c.text) * em / (widths[c.span.col] - pad)).ceil())
            .fold(0.0, f64::max);
        if label_lines <= LABEL_LINES {
            return (size, to_twips(widths));
        }
        fitting.get_or_insert((size, widths));
    }
    match fitting.or(scaled) {
        Some((size, widths)) => (size, to_twips(widths)),
        None => (
            TABLE_SIZES[0],
            to_twips(vec![total / t.width.max(1) as f64; t.width]),
        ),
    }
}

/// Rounds widths to whole twips that add up to [`TEXT_WIDTH`] exactly.
fn to_twips(widths: Vec<f64>) -> Vec<u32> {
    let mut out: Vec<u32> = widths.iter().map(|w| w.floor().max(1.0) as u32).collect();
    let sum: u32 = out.iter().sum();
    if let Some(widest) = (0..out.len()).max_by_key(|&i| out[i]) {
        if sum < TEXT_WIDTH {
            out[widest] += TEXT_WIDTH - sum;
        } else {
            out[widest] = out[widest].saturating_sub(sum - TEXT_WIDTH);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbered_headings_are_found() {
        assert_eq!(classify("(一) 主动公开"), ParaKind::Subheading);
        assert_eq!(classify("（三）政府信息管理"), ParaKind::Subheading);
        assert_eq!(
            classify("（一）主动公开。本年度公开信息 5 条。"),
            ParaKind::Body {
                lead: "（一）主动公开。".len()
            }
        );
        assert_eq!(classify("（一）"), ParaKind::Body { lead: 0 });
        assert_eq!(classify("一是加强领导。"), ParaKind::Body { lead: 0 });
        assert_eq!(classify("(本列数据)"), ParaKind::Body { lead: 0 });
    }

    #[test]
    fn forbidden_characters_are_dropped_with_a_note() {
        let mut notes = Vec::new();
        let mut c = Cleaner { notes: &mut notes };
        assert_eq!(c.line(Field::Agency, "某\u{1}局\r\n二\t"), "某局 二 ");
        assert_eq!(c.text(Field::Agency, "甲\r\n乙\r丙\u{b}"), "甲\n乙\n丙");
        assert_eq!(notes.len(), 3);
    }
}
