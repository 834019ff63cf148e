//! The web page: the same document as the Word file, as one self-contained HTML page.
//!
//! Every style is inline (a `style` attribute on each element), so the page's body can be pasted
//! into a government CMS editor as it is: those editors drop `<style>` and `<head>`, and no script
//! runs anywhere. That rules out `@page` (it exists only in a style sheet); the page prints well
//! without it: the text column is at most 46 em wide and shrinks to the paper, the tables are
//! fixed-layout at 100 % with column widths in percent (the Word document's grid), the header rows
//! of tables 三 and 四 are a `<thead>` (browsers repeat it on every printed page), and rows and
//! headings are kept from breaking (`break-inside`/`break-after: avoid`). Every text is escaped.

use std::fmt::Write as _;

use super::plan::{CellKind, ParaKind, Plan, PlanTable, Slot, TEXT_WIDTH};

const SERIF_FALLBACK: &str = "'Songti SC','Noto Serif CJK SC','Source Han Serif SC',serif";
const BODY_FONT: &str = "'仿宋_GB2312','仿宋',FangSong,STFangsong";
const TITLE_FONT: &str = "'方正小标宋简体','华文中宋',STZhongsong,'宋体',SimSun";
const HEADING_FONT: &str =
    "'黑体',SimHei,'Heiti SC','Noto Sans CJK SC','Source Han Sans SC',sans-serif";
const SUB_FONT: &str = "'楷体_GB2312','楷体',KaiTi,STKaiti";
const TABLE_FONT: &str = "'宋体',SimSun";

/// Escapes text for an element or a double-quoted attribute.
fn esc(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            _ => out.push(c),
        }
    }
    out
}

/// Writes the page.
pub(crate) fn write(plan: &Plan) -> String {
    let mut h = String::new();
    let _ = write!(
        h,
        "<!DOCTYPE html>\n<html lang=\"zh-CN\">\n<head>\n<meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>{}</title>\n</head>\n<body style=\"margin:0;padding:0;background:#fff\">\n",
        esc(&plan.title)
    );
    let _ = writeln!(
        h,
        "<div style=\"max-width:46em;margin:0 auto;padding:2em 1.5em;color:#000;font-family:{BODY_FONT},{SERIF_FALLBACK};font-size:16px;line-height:1.9\">"
    );
    let _ = write!(
        h,
        "<h1 style=\"margin:0 0 1.2em;text-align:center;font-family:{TITLE_FONT},{SERIF_FALLBACK};font-size:1.55em;font-weight:bold;line-height:1.6;break-after:avoid;page-break-after:avoid\">"
    );
    for (i, line) in plan.title_lines.iter().enumerate() {
        if i > 0 {
            h.push_str("<br>");
        }
        h.push_str(&esc(line));
    }
    h.push_str("</h1>\n");
    let p_style = "margin:0;text-indent:2em;text-align:justify";
    let _ = writeln!(h, "<p style=\"{p_style}\">{}</p>", esc(&plan.opening));
    let keep = "break-after:avoid;page-break-after:avoid";
    for section in &plan.sections {
        let _ = writeln!(
            h,
            "<h2 style=\"margin:0.6em 0 0;text-indent:2em;font-family:{HEADING_FONT};font-size:1em;font-weight:normal;line-height:1.9;{keep}\">{}</h2>",
            esc(&section.heading)
        );
        for p in &section.paragraphs {
            match p.kind {
                ParaKind::Subheading => {
                    let _ = writeln!(
                        h,
                        "<h3 style=\"margin:0;text-indent:2em;font-family:{SUB_FONT},{SERIF_FALLBACK};font-size:1em;font-weight:normal;line-height:1.9;{keep}\">{}</h3>",
                        esc(&p.text)
                    );
                }
                ParaKind::Body { lead } => {
                    let (a, b) = p.text.split_at(lead.min(p.text.len()));
                    h.push_str("<p style=\"");
                    h.push_str(p_style);
                    h.push_str("\">");
                    if !a.is_empty() {
                        let _ = write!(
                            h,
                            "<span style=\"font-family:{SUB_FONT},{SERIF_FALLBACK}\">{}</span>",
                            esc(a)
                        );
                    }
                    h.push_str(&esc(b));
                    h.push_str("</p>\n");
                }
            }
        }
        if let Some(t) = &section.table {
            table(&mut h, t);
        }
    }
    h.push_str("</div>\n</body>\n</html>\n");
    h
}

fn table(h: &mut String, t: &PlanTable) {
    // The columns are the Word document's, in percent; the text is one size for every table,
    // smaller than the body, which leaves each column at least the room it has in Word. No box
    // around the table (a scrolling one would read, to a reader of published pages, as the
    // article itself when the page has little prose).
    let _ = writeln!(
        h,
        "<table data-table=\"{}\" style=\"width:100%;border-collapse:collapse;table-layout:fixed;margin:0.4em 0 0.8em;font-family:{TABLE_FONT},{SERIF_FALLBACK};font-size:0.875em;line-height:1.35\">",
        t.table.id
    );
    h.push_str("<colgroup>");
    for w in &t.widths {
        let pct = f64::from(*w) * 100.0 / f64::from(TEXT_WIDTH);
        let _ = write!(h, "<col style=\"width:{pct:.2}%\">");
    }
    h.push_str("</colgroup>\n");
    let slots = t.slots();
    let head = t.header_rows.min(t.height);
    if head > 0 {
        h.push_str("<thead>\n");
    } else {
        h.push_str("<tbody>\n");
    }
    for row in 0..t.height {
        if head > 0 && row == head {
            h.push_str("</thead>\n<tbody>\n");
        }
        h.push_str("<tr style=\"break-inside:avoid;page-break-inside:avoid\">");
        for col in 0..t.width {
            match slots[row * t.width + col] {
                Slot::Start(i) => {
                    let c = &t.cells[i];
                    let tag = if c.kind.head() { "th" } else { "td" };
                    h.push('<');
                    h.push_str(tag);
                    if c.span.rows > 1 {
                        let _ = write!(h, " rowspan=\"{}\"", c.span.rows);
                    }
                    if c.span.cols > 1 {
                        let _ = write!(h, " colspan=\"{}\"", c.span.cols);
                    }
                    let align = if c.kind.left() { "left" } else { "center" };
                    let nowrap = if c.kind == CellKind::Value && c.whole {
                        ";white-space:nowrap"
                    } else {
                        ""
                    };
                    let _ = write!(
                        h,
                        " style=\"border:1px solid #000;padding:0.25em 0.3em;text-align:{align};vertical-align:middle;font-weight:normal{nowrap}\""
                    );
                    if let Some(cell) = c.cell {
                        let _ = write!(h, " data-cell=\"{}\"", esc(cell.id));
                    }
                    let _ = write!(h, ">{}</{tag}>", esc(&c.text));
                }
                Slot::Empty => {
                    h.push_str("<td style=\"border:1px solid #000\"></td>");
                }
                Slot::Below(_) | Slot::Right => {}
            }
        }
        h.push_str("</tr>\n");
    }
    h.push_str("</tbody>\n</table>\n");
}
