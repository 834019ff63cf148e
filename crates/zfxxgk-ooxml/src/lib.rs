//! An Office Open XML part (of an xlsx or a docx) as a small element tree: what the readable
//! dumps of the workbooks and Word documents zfxxgk writes walk through (`zfxxgk_excel::dump`,
//! `zfxxgk_doc::write::dump_docx`). Names lose their namespace prefix (`w:tbl` → `tbl`); entity
//! and character references are resolved; nesting is bounded.

use std::collections::BTreeMap;
use std::io::{Cursor, Read};

use quick_xml::events::{BytesStart, Event};

/// Why the parts of a package could not be read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PartsError {
    /// Not a zip archive, or a damaged one (the zip crate's words).
    Zip(String),
    /// The parts would inflate to this many bytes, more than allowed.
    TooLarge(u64),
}

/// The XML parts (`*.xml`, `*.rels`) of a package by name, read with at most `max_inflated`
/// bytes inflated in all (declared sizes checked first, real sizes while reading).
pub fn read_parts(bytes: &[u8], max_inflated: u64) -> Result<BTreeMap<String, String>, PartsError> {
    let zip_err = |e: &dyn std::fmt::Display| PartsError::Zip(e.to_string());
    let mut zip = zip::ZipArchive::new(Cursor::new(bytes)).map_err(|e| zip_err(&e))?;
    let mut declared: u64 = 0;
    for i in 0..zip.len() {
        let f = zip.by_index(i).map_err(|e| zip_err(&e))?;
        declared = declared.saturating_add(f.size());
    }
    if declared > max_inflated {
        return Err(PartsError::TooLarge(declared));
    }
    let mut files = BTreeMap::new();
    let mut budget = max_inflated;
    for i in 0..zip.len() {
        let f = zip.by_index(i).map_err(|e| zip_err(&e))?;
        let name = f.name().map_err(|e| zip_err(&e))?.to_string();
        if !name.ends_with(".xml") && !name.ends_with(".rels") {
            continue;
        }
        let mut buf = Vec::new();
        f.take(budget.saturating_add(1))
            .read_to_end(&mut buf)
            .map_err(|e| zip_err(&e))?;
        let len = buf.len() as u64;
        if len > budget {
            return Err(PartsError::TooLarge(max_inflated.saturating_add(1)));
        }
        budget -= len;
        files.insert(name, String::from_utf8_lossy(&buf).into_owned());
    }
    Ok(files)
}

/// One part of a package by name (`docProps/custom.xml`), if the package has it, read with at
/// most `max_inflated` bytes inflated.
pub fn read_part(
    bytes: &[u8],
    name: &str,
    max_inflated: u64,
) -> Result<Option<String>, PartsError> {
    read_named_parts(bytes, &[name], max_inflated)?
        .pop()
        .unwrap_or(Ok(None))
}

/// Parts of a package by name, the package opened once: each part's text if the package has
/// it (`None` if not) or why it could not be read, each with at most `max_inflated` bytes
/// inflated. An error when the package itself cannot be opened.
pub fn read_named_parts(
    bytes: &[u8],
    names: &[&str],
    max_inflated: u64,
) -> Result<Vec<Result<Option<String>, PartsError>>, PartsError> {
    let mut package = Package::open(bytes)?;
    Ok(names
        .iter()
        .map(|name| package.read(name, max_inflated))
        .collect())
}

/// A zip package opened once (its directory read once): the names of its parts, and parts read
/// by name.
#[derive(Debug)]
pub struct Package<'a> {
    zip: zip::ZipArchive<Cursor<&'a [u8]>>,
}

impl<'a> Package<'a> {
    /// Opens a package held in memory.
    pub fn open(bytes: &'a [u8]) -> Result<Package<'a>, PartsError> {
        let zip =
            zip::ZipArchive::new(Cursor::new(bytes)).map_err(|e| PartsError::Zip(e.to_string()))?;
        Ok(Package { zip })
    }

    /// The names of the package's parts that can be read as names.
    pub fn names(&self) -> impl Iterator<Item = std::borrow::Cow<'_, str>> {
        self.zip.file_names().flatten()
    }

    /// A part's text by name, if the package has it, with at most `max_inflated` bytes
    /// inflated.
    pub fn read(&mut self, name: &str, max_inflated: u64) -> Result<Option<String>, PartsError> {
        let zip_err = |e: &dyn std::fmt::Display| PartsError::Zip(e.to_string());
        let Ok(f) = self.zip.by_name(name) else {
            return Ok(None);
        };
        if f.size() > max_inflated {
            return Err(PartsError::TooLarge(f.size()));
        }
        let mut buf = Vec::new();
        f.take(max_inflated.saturating_add(1))
            .read_to_end(&mut buf)
            .map_err(|e| zip_err(&e))?;
        if buf.len() as u64 > max_inflated {
            return Err(PartsError::TooLarge(max_inflated.saturating_add(1)));
        }
        Ok(Some(String::from_utf8_lossy(&buf).into_owned()))
    }
}

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
