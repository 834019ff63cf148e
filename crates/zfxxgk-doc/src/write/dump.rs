//! A readable text dump of a Word document, for snapshot tests: the document properties, the
//! fonts, settings and styles, the section (page size, margins, footers with their fields), and
//! the body: each paragraph with its style and direct formatting (alignment, indent, spacing,
//! keep-with-next) and its runs grouped by font and size; each table with its properties, grid
//! widths and every cell with its grid column, span, vertical merge and width, and the header
//! rows repeated on each page. Long texts are shortened in the dump (with their length), never in
//! the document.

use std::collections::BTreeMap;
use std::fmt::Write as _;

use zfxxgk_ooxml::El;

/// The most bytes the parts of a dumped document may inflate to.
pub const MAX_INFLATED: u64 = 100 * 1024 * 1024;
const MAX_DEPTH: usize = 256;
/// Texts longer than this many characters are shortened in the dump.
const LONG: usize = 120;

/// Why a document could not be dumped.
#[derive(thiserror::Error, Debug)]
pub enum DumpError {
    /// Not a zip archive, or a damaged one.
    #[error("not a readable docx (zip) file: {0}")]
    Zip(String),
    /// The entries declare more than [`MAX_INFLATED`] bytes.
    #[error("the document's parts would inflate to {0} bytes, more than the 100 MB allowed")]
    TooLarge(u64),
    /// A part is not well-formed XML.
    #[error("part {part} is not readable XML: {message}")]
    Xml {
        /// The part name.
        part: String,
        /// What went wrong.
        message: String,
    },
    /// A part the dump needs is missing.
    #[error("the document has no {0}")]
    Missing(String),
}

/// A part as an element tree (the shared Office Open XML reading).
fn parse(part: &str, xml: &str) -> Result<El, DumpError> {
    zfxxgk_ooxml::parse(xml, MAX_DEPTH).map_err(|message| DumpError::Xml {
        part: part.to_string(),
        message,
    })
}

fn read_parts(bytes: &[u8]) -> Result<BTreeMap<String, String>, DumpError> {
    zfxxgk_ooxml::read_parts(bytes, MAX_INFLATED).map_err(|e| match e {
        zfxxgk_ooxml::PartsError::Zip(m) => DumpError::Zip(m),
        zfxxgk_ooxml::PartsError::TooLarge(n) => DumpError::TooLarge(n),
    })
}

/// The dump of a docx: what the snapshot tests compare.
pub fn dump_docx(bytes: &[u8]) -> Result<String, DumpError> {
    let files = read_parts(bytes)?;
    let get = |name: &str| -> Result<El, DumpError> {
        let xml = files
            .get(name)
            .ok_or_else(|| DumpError::Missing(name.to_string()))?;
        parse(name, xml)
    };
    let mut out = String::new();
    out.push_str("== parts\n");
    for name in files.keys() {
        let _ = writeln!(out, "{name}");
    }
    if files.contains_key("docProps/core.xml") {
        out.push_str("\n== document properties\n");
        let core = get("docProps/core.xml")?;
        for c in &core.children {
            let _ = writeln!(out, "{}: {}", c.name, c.text);
        }
    }
    if files.contains_key("word/fontTable.xml") {
        out.push_str("\n== fonts\n");
        for f in get("word/fontTable.xml")?.all("font") {
            let _ = write!(out, "{}", f.attr("name").unwrap_or("?"));
            if let Some(alt) = f.val("altName") {
                let _ = write!(out, " (alt {alt})");
            }
            if let Some(cs) = f.val("charset") {
                let _ = write!(out, " charset={cs}");
            }
            out.push('\n');
        }
    }
    if files.contains_key("word/settings.xml") {
        out.push_str("\n== settings\n");
        for s in &get("word/settings.xml")?.children {
            let _ = write!(out, "{}", s.name);
            for (k, v) in &s.attrs {
                let _ = write!(out, " {k}={v}");
            }
            for c in &s.children {
                let _ = write!(out, " [{}", c.name);
                for (k, v) in &c.attrs {
                    let _ = write!(out, " {k}={v}");
                }
                out.push(']');
            }
            out.push('\n');
        }
    }
    if files.contains_key("word/styles.xml") {
        out.push_str("\n== styles\n");
        let styles = get("word/styles.xml")?;
        if let Some(d) = styles.child("docDefaults") {
            if let Some(r) = d.child("rPrDefault").and_then(|r| r.child("rPr")) {
                let _ = writeln!(out, "default run: {}", rpr(Some(r)));
            }
            if let Some(p) = d.child("pPrDefault").and_then(|p| p.child("pPr")) {
                let _ = writeln!(out, "default paragraph: {}", ppr(Some(p)).join(", "));
            }
        }
        for s in styles.all("style") {
            let _ = write!(
                out,
                "{} {} \"{}\"",
                s.attr("type").unwrap_or("?"),
                s.attr("styleId").unwrap_or("?"),
                s.val("name").unwrap_or("")
            );
            if s.attr("default") == Some("1") {
                out.push_str(" default");
            }
            if let Some(b) = s.val("basedOn") {
                let _ = write!(out, " basedOn={b}");
            }
            let p = ppr(s.child("pPr"));
            if !p.is_empty() {
                let _ = write!(out, " | {}", p.join(", "));
            }
            if s.child("rPr").is_some() {
                let _ = write!(out, " | {}", rpr(s.child("rPr")));
            }
            out.push('\n');
        }
    }
    let rels: BTreeMap<String, String> = match files.get("word/_rels/document.xml.rels") {
        Some(xml) => parse("word/_rels/document.xml.rels", xml)?
            .all("Relationship")
            .filter_map(|r| Some((r.attr("Id")?.to_string(), r.attr("Target")?.to_string())))
            .collect(),
        None => BTreeMap::new(),
    };
    let doc = get("word/document.xml")?;
    let body = doc
        .child("body")
        .ok_or_else(|| DumpError::Missing("w:body".into()))?;
    out.push_str("\n== body\n");
    for el in &body.children {
        match el.name.as_str() {
            "p" => paragraph(&mut out, el, ""),
            "tbl" => table(&mut out, el, ""),
            "sectPr" => {}
            other => {
                let _ = writeln!(out, "<{other}>");
            }
        }
    }
    for sect in body.all("sectPr") {
        out.push_str("\n== section\n");
        section(&mut out, sect);
        for f in sect
            .all("footerReference")
            .chain(sect.all("headerReference"))
        {
            let kind = f.attr("type").unwrap_or("default");
            let target = f.attr("id").and_then(|id| rels.get(id));
            let _ = writeln!(
                out,
                "{} {kind}: {}",
                f.name.trim_end_matches("Reference"),
                target.map_or("(missing)", String::as_str)
            );
            if let Some(target) = target {
                let name = format!("word/{target}");
                if files.contains_key(&name) {
                    for p in get(&name)?.all("p") {
                        paragraph(&mut out, p, "  ");
                    }
                }
            }
        }
    }
    Ok(out)
}

fn twips_mm(v: &str) -> String {
    match v.parse::<f64>() {
        Ok(t) => format!("{v} ({:.1} mm)", t / 1440.0 * 25.4),
        Err(_) => v.to_string(),
    }
}

fn section(out: &mut String, s: &El) {
    if let Some(sz) = s.child("pgSz") {
        let w = sz.attr("w").unwrap_or("?");
        let h = sz.attr("h").unwrap_or("?");
        let _ = writeln!(
            out,
            "page {} × {}{}",
            twips_mm(w),
            twips_mm(h),
            sz.attr("orient")
                .map(|o| format!(" {o}"))
                .unwrap_or_default()
        );
    }
    if let Some(m) = s.child("pgMar") {
        for k in [
            "top", "bottom", "left", "right", "header", "footer", "gutter",
        ] {
            if let Some(v) = m.attr(k) {
                let _ = writeln!(out, "margin {k} {}", twips_mm(v));
            }
        }
    }
    for c in &s.children {
        if !matches!(
            c.name.as_str(),
            "pgSz" | "pgMar" | "footerReference" | "headerReference"
        ) {
            let _ = write!(out, "{}", c.name);
            for (k, v) in &c.attrs {
                let _ = write!(out, " {k}={v}");
            }
            out.push('\n');
        }
    }
}

/// Half-points as points.
fn pt(half: &str) -> String {
    match half.parse::<f64>() {
        Ok(h) => format!("{}pt", h / 2.0),
        Err(_) => format!("{half}?"),
    }
}

fn rpr(r: Option<&El>) -> String {
    let Some(r) = r else {
        return "(no run properties)".into();
    };
    let mut parts = Vec::new();
    for c in &r.children {
        match c.name.as_str() {
            "rFonts" => {
                let east = c.attr("eastAsia").unwrap_or("-");
                let ascii = c.attr("ascii").unwrap_or("-");
                let mut s = if east == ascii {
                    east.to_string()
                } else {
                    format!("{east}/{ascii}")
                };
                if let Some(h) = c.attr("hint") {
                    let _ = write!(s, " hint={h}");
                }
                parts.push(s);
            }
            "sz" => parts.push(pt(c.attr("val").unwrap_or("?"))),
            "szCs" => {}
            "b" | "i" | "u" if c.attr("val") != Some("0") && c.attr("val") != Some("false") => {
                parts.push(c.name.clone())
            }
            "lang" => parts.push(format!(
                "lang={}/{}",
                c.attr("val").unwrap_or("-"),
                c.attr("eastAsia").unwrap_or("-")
            )),
            other => {
                let mut s = other.to_string();
                if let Some(v) = c.attr("val") {
                    let _ = write!(s, "={v}");
                }
                parts.push(s);
            }
        }
    }
    parts.join(" ")
}

fn ppr(p: Option<&El>) -> Vec<String> {
    let Some(p) = p else { return Vec::new() };
    let mut parts = Vec::new();
    for c in &p.children {
        match c.name.as_str() {
            "pStyle" | "rPr" => {}
            "spacing" | "ind" => {
                let mut s = c.name.clone();
                for (k, v) in &c.attrs {
                    let _ = write!(s, " {k}={v}");
                }
                parts.push(s);
            }
            other => {
                let mut s = other.to_string();
                if let Some(v) = c.attr("val") {
                    let _ = write!(s, "={v}");
                }
                parts.push(s);
            }
        }
    }
    parts
}

fn shorten(s: &str) -> String {
    let n = s.chars().count();
    if n <= LONG {
        return s.to_string();
    }
    let head: String = s.chars().take(60).collect();
    let tail: String = s.chars().skip(n - 20).collect();
    format!("{head}…[{n} characters]…{tail}")
}

/// The runs of a paragraph, grouped by their properties; fields shown as `{PAGE}`.
fn runs(p: &El) -> Vec<(String, String)> {
    let mut out: Vec<(String, String)> = Vec::new();
    let mut field = 0; // 0 outside, 1 instruction, 2 result
    let push = |props: String, text: &str, out: &mut Vec<(String, String)>| match out.last_mut() {
        Some((p, t)) if *p == props => t.push_str(text),
        _ => out.push((props, text.to_string())),
    };
    let mut stack: Vec<&El> = p.children.iter().rev().collect();
    while let Some(el) = stack.pop() {
        match el.name.as_str() {
            "pPr" => {}
            "r" => {
                let props = rpr(el.child("rPr"));
                for c in &el.children {
                    match c.name.as_str() {
                        "t" if field != 2 => push(props.clone(), &c.text, &mut out),
                        "tab" => push(props.clone(), "⇥", &mut out),
                        "br" => push(props.clone(), "↵", &mut out),
                        "instrText" => {
                            push(props.clone(), &format!("{{{}}}", c.text.trim()), &mut out)
                        }
                        "fldChar" => {
                            field = match c.attr("fldCharType") {
                                Some("begin") => 1,
                                Some("separate") => 2,
                                _ => 0,
                            }
                        }
                        _ => {}
                    }
                }
            }
            "fldSimple" => {
                let instr = el.attr("instr").unwrap_or("").trim().to_string();
                push(String::new(), &format!("{{{instr}}}"), &mut out);
            }
            _ => stack.extend(el.children.iter().rev()),
        }
    }
    out
}

fn paragraph(out: &mut String, p: &El, indent: &str) {
    let pp = p.child("pPr");
    let style = pp.and_then(|pp| pp.val("pStyle")).unwrap_or("-");
    let props = ppr(pp);
    let _ = write!(out, "{indent}P[{style}]");
    if !props.is_empty() {
        let _ = write!(out, " {}", props.join(", "));
    }
    let rs = runs(p);
    if rs.is_empty() {
        let mark = pp.and_then(|pp| pp.child("rPr"));
        let _ = writeln!(out, " (empty; mark {})", rpr(mark));
        return;
    }
    for (props, text) in rs {
        let _ = write!(out, "\n{indent}  {props}: {}", shorten(&text));
    }
    out.push('\n');
}

/// A paragraph in a table cell: its format (style, paragraph properties, and the run properties
/// when every run has the same) and its text.
fn cell_paragraph(p: &El) -> (String, String) {
    let pp = p.child("pPr");
    let style = pp.and_then(|pp| pp.val("pStyle")).unwrap_or("-");
    let mut format = format!("P[{style}]");
    let props = ppr(pp);
    if !props.is_empty() {
        let _ = write!(format, " {}", props.join(", "));
    }
    let rs = runs(p);
    match rs.as_slice() {
        [] => {
            let mark = pp.and_then(|pp| pp.child("rPr"));
            let _ = write!(format, " | {}", rpr(mark));
            (format, String::new())
        }
        [(props, text)] => {
            let _ = write!(format, " | {props}");
            (format, shorten(text))
        }
        many => {
            let text = many
                .iter()
                .map(|(p, t)| format!("«{p}» {}", shorten(t)))
                .collect::<Vec<_>>()
                .join(" ");
            (format, text)
        }
    }
}

/// How a cell paragraph's format differs from the table's common one: `+jc=left`, `-keepNext`,
/// or the whole format when the style or the runs differ.
fn difference(common: &str, format: &str) -> String {
    let split = |f: &str| -> (String, Vec<String>, String) {
        let (head, run) = f.split_once(" | ").unwrap_or((f, ""));
        let (style, props) = head.split_once(' ').unwrap_or((head, ""));
        let props = props
            .split(", ")
            .filter(|p| !p.is_empty())
            .map(str::to_string)
            .collect();
        (style.to_string(), props, run.to_string())
    };
    let (cs, cp, cr) = split(common);
    let (s, p, r) = split(format);
    if cs != s || cr != r {
        return format.to_string();
    }
    let mut out: Vec<String> = p
        .iter()
        .filter(|x| !cp.contains(x))
        .map(|x| format!("+{x}"))
        .collect();
    out.extend(
        cp.iter()
            .filter(|x| !p.contains(x))
            .map(|x| format!("-{x}")),
    );
    out.join(", ")
}

fn table(out: &mut String, t: &El, indent: &str) {
    let mut desc = Vec::new();
    if let Some(pr) = t.child("tblPr") {
        for c in &pr.children {
            match c.name.as_str() {
                "tblW" => desc.push(format!(
                    "width {} {}",
                    c.attr("w").unwrap_or("?"),
                    c.attr("type").unwrap_or("")
                )),
                "tblBorders" => {
                    let b: Vec<String> = c
                        .children
                        .iter()
                        .map(|b| {
                            format!(
                                "{}={}/{}",
                                b.name,
                                b.attr("val").unwrap_or("?"),
                                b.attr("sz").unwrap_or("?")
                            )
                        })
                        .collect();
                    desc.push(format!("borders {}", b.join(" ")));
                }
                "tblCellMar" => {
                    let m: Vec<String> = c
                        .children
                        .iter()
                        .map(|m| format!("{}={}", m.name, m.attr("w").unwrap_or("?")))
                        .collect();
                    desc.push(format!("cell margins {}", m.join(" ")));
                }
                "tblLayout" => desc.push(format!("layout {}", c.attr("type").unwrap_or("?"))),
                "tblLook" => {}
                other => desc.push(format!("{other}={}", c.attr("val").unwrap_or(""))),
            }
        }
    }
    let _ = writeln!(out, "{indent}TABLE {}", desc.join(", "));
    let grid: Vec<u64> = t
        .child("tblGrid")
        .map(|g| {
            g.all("gridCol")
                .map(|c| c.attr("w").and_then(|w| w.parse().ok()).unwrap_or(0))
                .collect()
        })
        .unwrap_or_default();
    let _ = writeln!(
        out,
        "{indent}  grid {} = {}",
        grid.iter()
            .map(u64::to_string)
            .collect::<Vec<_>>()
            .join(" "),
        grid.iter().sum::<u64>()
    );
    // The format most cell paragraphs have is said once; a cell says its own only when it differs.
    let mut formats: BTreeMap<String, usize> = BTreeMap::new();
    for tc in t.all("tr").flat_map(|tr| tr.all("tc")) {
        for p in tc.all("p") {
            *formats.entry(cell_paragraph(p).0).or_default() += 1;
        }
    }
    let common = formats
        .iter()
        .max_by_key(|(f, n)| (**n, std::cmp::Reverse((*f).clone())))
        .map(|(f, _)| f.clone())
        .unwrap_or_default();
    let _ = writeln!(out, "{indent}  cells {common}");
    for (ri, tr) in t.all("tr").enumerate() {
        let mut rp: Vec<String> = Vec::new();
        if let Some(pr) = tr.child("trPr") {
            for c in &pr.children {
                let mut s = c.name.clone();
                for (k, v) in &c.attrs {
                    let _ = write!(s, " {k}={v}");
                }
                rp.push(s);
            }
        }
        let _ = writeln!(out, "{indent}  row {ri} [{}]", rp.join(", "));
        let mut col = 0usize;
        for tc in tr.all("tc") {
            let pr = tc.child("tcPr");
            let span: usize = pr
                .and_then(|p| p.val("gridSpan"))
                .and_then(|v| v.parse().ok())
                .unwrap_or(1);
            let mut cell = if span > 1 {
                format!("c{}-{}", col, col + span - 1)
            } else {
                format!("c{col}")
            };
            if let Some(pr) = pr {
                for c in &pr.children {
                    match c.name.as_str() {
                        "tcW" => {
                            let _ = write!(cell, " w={}", c.attr("w").unwrap_or("?"));
                        }
                        "gridSpan" => {}
                        "vMerge" => {
                            let _ = write!(cell, " vMerge={}", c.attr("val").unwrap_or("continue"));
                        }
                        "vAlign" => {
                            let _ = write!(cell, " vAlign={}", c.attr("val").unwrap_or("?"));
                        }
                        other => {
                            let _ = write!(cell, " {other}");
                        }
                    }
                }
            }
            let mut texts = Vec::new();
            for p in tc.all("p") {
                let (format, text) = cell_paragraph(p);
                if format == common {
                    texts.push(text);
                } else {
                    texts.push(format!("[{}] {text}", difference(&common, &format)));
                }
            }
            let _ = writeln!(out, "{indent}    {cell}: {}", texts.join(" ¶ "));
            let deeper = format!("{indent}      ");
            for el in tc.all("tbl") {
                table(out, el, &deeper);
            }
            col += span;
        }
        if col != grid.len() {
            let _ = writeln!(
                out,
                "{indent}    (row covers {col} grid columns of {})",
                grid.len()
            );
        }
    }
}
