//! An Office Open XML part (of an xlsx or a docx) as a small element tree: what the readable
//! dumps of the workbooks and Word documents zfxxgk writes walk through (`zfxxgk_excel::dump`,
//! `zfxxgk_doc::write::dump_docx`). Names lose their namespace prefix (`w:tbl` → `tbl`); entity
//! and character references are resolved; nesting is bounded.

use quick_xml::events::{BytesStart, Event};

/// One element: its local name, attributes (local names), children and direct text.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct El {
    /// The local name (`tbl` for `w:tbl`).
    pub name: String,
    /// The attributes by local name, in document order.
    pub attrs: Vec<(String, String)>,
    /// The child elements, in document order.
    pub children: Vec<El>,
    /// The element's own text (not its children's).
    pub text: String,
}

impl El {
    /// An attribute's value by local name.
    pub fn attr(&self, name: &str) -> Option<&str> {
        self.attrs
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
    }

    /// The first child of that local name.
    pub fn child(&self, name: &str) -> Option<&El> {
        self.children.iter().find(|c| c.name == name)
    }

    /// Every child of that local name.
    pub fn all<'a>(&'a self, name: &'a str) -> impl Iterator<Item = &'a El> + 'a {
        self.children.iter().filter(move |c| c.name == name)
    }

    /// The `val` attribute of the first child of that name (`<w:jc w:val="center"/>`).
    pub fn val(&self, name: &str) -> Option<&str> {
        self.child(name).and_then(|c| c.attr("val"))
    }
}

/// The local part of a qualified name (`w:tbl` → `tbl`).
pub fn local(s: &str) -> String {
    match s.rsplit_once(':') {
        Some((_, l)) => l.to_string(),
        None => s.to_string(),
    }
}

/// Parses a part into its root element. Fails, with a message, on XML that is not well formed or
/// is nested deeper than `max_depth`.
pub fn parse(xml: &str, max_depth: usize) -> Result<El, String> {
    let mut reader = quick_xml::Reader::from_str(xml);
    let mut stack: Vec<El> = vec![El::default()];
    loop {
        match reader.read_event().map_err(|e| e.to_string())? {
            Event::Start(e) | Event::Empty(e) if stack.len() > max_depth => {
                return Err(format!(
                    "nested deeper than {max_depth}: {}",
                    local(e.name().as_ref())
                ));
            }
            Event::Start(e) => stack.push(element(&e)?),
            Event::Empty(e) => {
                let el = element(&e)?;
                if let Some(top) = stack.last_mut() {
                    top.children.push(el);
                }
            }
            Event::End(_) => {
                let el = stack.pop().ok_or("unbalanced end tag")?;
                match stack.last_mut() {
                    Some(top) => top.children.push(el),
                    None => return Err("unbalanced end tag".into()),
                }
            }
            Event::Text(t) => {
                if let Some(top) = stack.last_mut() {
                    top.text.push_str(&t.xml10_content());
                }
            }
            Event::CData(t) => {
                if let Some(top) = stack.last_mut() {
                    top.text.push_str(&t.into_inner());
                }
            }
            Event::GeneralRef(r) => {
                let s = if let Ok(Some(c)) = r.resolve_char_ref() {
                    c.to_string()
                } else {
                    match r.xml10_content().as_ref() {
                        "amp" => "&".into(),
                        "lt" => "<".into(),
                        "gt" => ">".into(),
                        "quot" => "\"".into(),
                        "apos" => "'".into(),
                        other => format!("&{other};"),
                    }
                };
                if let Some(top) = stack.last_mut() {
                    top.text.push_str(&s);
                }
            }
            Event::Eof => break,
            _ => {}
        }
    }
    let mut root = stack.pop().ok_or("empty document")?;
    if !stack.is_empty() {
        return Err("unclosed element".into());
    }
    root.children.pop().ok_or_else(|| "no root element".into())
}

fn element(e: &BytesStart) -> Result<El, String> {
    let mut el = El {
        name: local(e.name().as_ref()),
        ..El::default()
    };
    for a in e.attributes() {
        let a = a.map_err(|x| x.to_string())?;
        let v = a
            .normalized_value(quick_xml::XmlVersion::Implicit1_0)
            .map_err(|x| x.to_string())?;
        el.attrs.push((local(a.key.as_ref()), v.to_string()));
    }
    Ok(el)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_part_as_a_tree() {
        let el = parse(
            r#"<w:p xmlns:w="x"><w:pPr><w:jc w:val="center"/></w:pPr><w:r><w:t>a&amp;b&#x4e00;</w:t></w:r></w:p>"#,
            8,
        )
        .unwrap_or_default();
        assert_eq!(el.name, "p");
        assert_eq!(el.child("pPr").and_then(|p| p.val("jc")), Some("center"));
        let t = el
            .child("r")
            .and_then(|r| r.child("t"))
            .map(|t| t.text.as_str());
        assert_eq!(t, Some("a&b一"));
    }

    #[test]
    fn bad_xml_says_why() {
        assert!(parse("<a><b></a>", 8).is_err());
        assert!(parse("", 8).unwrap_err().contains("no root"));
        let deep = "<a>".repeat(10) + &"</a>".repeat(10);
        assert!(
            parse(&deep, 5)
                .unwrap_err()
                .contains("nested deeper than 5")
        );
    }
}
