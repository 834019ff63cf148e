//! Plain text and Markdown.
//!
//! The text is the shape of a published report copied out of its document (the bundled seed):
//! the title lines, then every paragraph and heading on its own line with an empty line between,
//! and the tables as tab-separated rows, one field per printed column, a merged cell's text in its
//! top-left field and the fields it covers left empty, so the rows paste into a table in Word or
//! a CMS and keep their columns.
//!
//! Markdown has the same content with `#` headings and the tables as pipe tables (merged cells
//! left empty); every character Markdown would read as markup, or as HTML, is escaped.

use super::plan::{ParaKind, Plan, PlanTable, Slot};

/// The rows of a table, one field per printed column.
fn rows(t: &PlanTable) -> Vec<Vec<&str>> {
    let slots = t.slots();
    (0..t.height)
        .map(|row| {
            (0..t.width)
                .map(|col| match slots[row * t.width + col] {
                    Slot::Start(i) => t.cells[i].text.as_str(),
                    _ => "",
                })
                .collect()
        })
        .collect()
}

/// The plain text.
pub(crate) fn text(plan: &Plan) -> String {
    let mut out = String::new();
    for line in &plan.title_lines {
        out.push_str(line);
        out.push('\n');
    }
    out.push('\n');
    out.push_str(&plan.opening);
    out.push_str("\n\n");
    for section in &plan.sections {
        out.push_str(&section.heading);
        out.push_str("\n\n");
        for p in &section.paragraphs {
            out.push_str(&p.text);
            out.push_str("\n\n");
        }
        if let Some(t) = &section.table {
            for row in rows(t) {
                out.push_str(&row.join("\t"));
                out.push('\n');
            }
            out.push('\n');
        }
    }
    // One line feed at the end.
    while out.ends_with("\n\n") {
        out.pop();
    }
    out
}

/// Escapes text for Markdown: backslash before every character that can start markup anywhere
/// (`\ * _ [ ] < > | ~ & #` and the backtick), and before what starts a block at the beginning of
/// a line (`-`, `+`, `=`, and the `.` or `)` after a number).
fn md(s: &str, line_start: bool) -> String {
    let mut out = String::with_capacity(s.len() + 8);
    for (i, c) in s.char_indices() {
        let escaped = matches!(
            c,
            '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '|' | '~' | '&' | '#'
        ) || (line_start && i == 0 && matches!(c, '-' | '+' | '='))
            || (line_start
                && matches!(c, '.' | ')')
                && i > 0
                && i <= 9
                && s[..i].bytes().all(|b| b.is_ascii_digit()));
        if escaped {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// The Markdown text.
pub(crate) fn markdown(plan: &Plan) -> String {
    let mut out = format!("# {}\n\n", md(&plan.title, false));
    out.push_str(&md(&plan.opening, true));
    out.push_str("\n\n");
    for section in &plan.sections {
        out.push_str("## ");
        out.push_str(&md(&section.heading, false));
        out.push_str("\n\n");
        for p in &section.paragraphs {
            if p.kind == ParaKind::Subheading {
                out.push_str("### ");
                out.push_str(&md(&p.text, false));
            } else {
                out.push_str(&md(&p.text, true));
            }
            out.push_str("\n\n");
        }
        if let Some(t) = &section.table {
            for (i, row) in rows(t).iter().enumerate() {
                out.push('|');
                for field in row {
                    out.push(' ');
                    out.push_str(&md(field, false));
                    out.push_str(" |");
                }
                out.push('\n');
                if i == 0 {
                    out.push('|');
                    for _ in row {
                        out.push_str(" --- |");
                    }
                    out.push('\n');
                }
            }
            out.push('\n');
        }
    }
    while out.ends_with("\n\n") {
        out.pop();
    }
    out
}

#[cfg(test)]
mod tests {
    use super::md;

    #[test]
    fn markdown_markup_is_escaped() {
        assert_eq!(md("<b>&amp;</b>", false), "\\<b\\>\\&amp;\\</b\\>");
        assert_eq!(md("- 一是", true), "\\- 一是");
        assert_eq!(md("2024. 年", true), "2024\\. 年");
        assert_eq!(md("1.属于国家秘密", false), "1.属于国家秘密");
        assert_eq!(md("a|b", false), "a\\|b");
    }
}
