//! A readable text dump of an xlsx workbook, for snapshot tests: per sheet, the cells with their
//! values, formulas and cached results, merged ranges, the formats that matter, column widths, row
//! heights, protection, data validations, conditional formats and print setup; and the defined
//! names. Shared strings and style indices are resolved. Volatile parts (document properties,
//! theme) are skipped.

use std::collections::BTreeMap;
use std::fmt::Write as _;

use zfxxgk_ooxml::El;

/// The most bytes the entries of a dumped workbook may inflate to.
pub const MAX_INFLATED: u64 = 100 * 1024 * 1024;
const MAX_DEPTH: usize = 128;

/// Why a workbook could not be dumped.
#[derive(thiserror::Error, Debug)]
pub enum DumpError {
    /// Not a zip archive, or a damaged one.
    #[error("not a readable xlsx (zip) file: {0}")]
    Zip(String),
    /// The entries declare more than [`MAX_INFLATED`] bytes.
    #[error("the workbook's parts would inflate to {0} bytes, more than the 100 MB allowed")]
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
    #[error("the workbook has no {0}")]
    Missing(String),
}

/// A part as an element tree (the shared Office Open XML reading).
fn parse(part: &str, xml: &str) -> Result<El, DumpError> {
    zfxxgk_ooxml::parse(xml, MAX_DEPTH).map_err(|message| DumpError::Xml {
        part: part.to_string(),
        message,
    })
}

/// All text below an element (for shared strings with rich text runs; phonetic runs left out).
fn deep_text(el: &El, out: &mut String) {
    if el.name == "t" {
        out.push_str(&el.text);
    }
    for c in &el.children {
        if c.name != "rPh" {
            deep_text(c, out);
        }
    }
}

struct Parts {
    files: BTreeMap<String, String>,
}

impl Parts {
    fn read(bytes: &[u8]) -> Result<Parts, DumpError> {
        let files = zfxxgk_ooxml::read_parts(bytes, MAX_INFLATED).map_err(|e| match e {
            zfxxgk_ooxml::PartsError::Zip(m) => DumpError::Zip(m),
            zfxxgk_ooxml::PartsError::TooLarge(n) => DumpError::TooLarge(n),
        })?;
        Ok(Parts { files })
    }

    fn xml(&self, name: &str) -> Result<Option<El>, DumpError> {
        match self.files.get(name) {
            Some(s) => parse(name, s).map(Some),
            None => Ok(None),
        }
    }
}

/// One resolved cell format.
fn describe_xf(styles: &El, xf: &El) -> String {
    let mut parts = Vec::new();
    let fonts: Vec<&El> = styles
        .child("fonts")
        .map(|f| f.all("font").collect())
        .unwrap_or_default();
    let fills: Vec<&El> = styles
        .child("fills")
        .map(|f| f.all("fill").collect())
        .unwrap_or_default();
    let borders: Vec<&El> = styles
        .child("borders")
        .map(|f| f.all("border").collect())
        .unwrap_or_default();
    let idx = |name: &str| {
        xf.attr(name)
            .and_then(|v| v.parse::<usize>().ok())
            .unwrap_or(0)
    };
    if let Some(font) = fonts.get(idx("fontId")) {
        parts.push(describe_font(font));
    }
    if let Some(fill) = fills.get(idx("fillId"))
        && let Some(p) = fill.child("patternFill")
        && p.attr("patternType")
            .is_some_and(|t| t != "none" && t != "gray125")
    {
        let color = p
            .child("fgColor")
            .and_then(|c| c.attr("rgb"))
            .unwrap_or("?");
        parts.push(format!("fill {color}"));
    }
    if let Some(b) = borders.get(idx("borderId")) {
        let sides: Vec<&str> = ["left", "right", "top", "bottom"]
            .into_iter()
            .filter(|s| b.child(s).is_some_and(|e| e.attr("style").is_some()))
            .collect();
        if sides.len() == 4 {
            parts.push("border".to_string());
        } else if !sides.is_empty() {
            parts.push(format!("border {}", sides.join("+")));
        }
    }
    if let Some(a) = xf.child("alignment") {
        let mut al = Vec::new();
        if let Some(h) = a.attr("horizontal") {
            al.push(format!("h={h}"));
        }
        if let Some(v) = a.attr("vertical") {
            al.push(format!("v={v}"));
        }
        if a.attr("wrapText") == Some("1") {
            al.push("wrap".to_string());
        }
        if !al.is_empty() {
            parts.push(al.join(" "));
        }
    }
    let num = idx("numFmtId");
    if num != 0 {
        let custom = styles
            .child("numFmts")
            .and_then(|n| {
                n.all("numFmt")
                    .find(|f| f.attr("numFmtId") == Some(&num.to_string()))
            })
            .and_then(|f| f.attr("formatCode"));
        parts.push(match custom {
            Some(c) => format!("numfmt {c:?}"),
            None => format!("numfmt #{num}"),
        });
    }
    let unlocked = xf
        .child("protection")
        .is_some_and(|p| p.attr("locked") == Some("0"));
    parts.push(if unlocked { "unlocked" } else { "locked" }.to_string());
    parts.join("; ")
}

fn describe_font(font: &El) -> String {
    let val = |n: &str| font.child(n).and_then(|e| e.attr("val")).unwrap_or("");
    let mut s = format!("font {} {}", val("name"), val("sz"));
    if !val("charset").is_empty() {
        write!(s, " cs{}", val("charset")).ok();
    }
    if font.child("b").is_some() {
        s.push_str(" bold");
    }
    if let Some(rgb) = font.child("color").and_then(|c| c.attr("rgb")) {
        write!(s, " color {rgb}").ok();
    }
    s
}

fn describe_dxf(dxf: &El) -> String {
    let mut parts = Vec::new();
    if let Some(f) = dxf.child("font") {
        let mut s = String::from("font");
        if f.child("b").is_some() {
            s.push_str(" bold");
        }
        if let Some(rgb) = f.child("color").and_then(|c| c.attr("rgb")) {
            write!(s, " color {rgb}").ok();
        }
        parts.push(s);
    }
    if let Some(p) = dxf.child("fill").and_then(|f| f.child("patternFill")) {
        let c = p
            .child("bgColor")
            .or_else(|| p.child("fgColor"))
            .and_then(|c| c.attr("rgb"))
            .unwrap_or("?");
        parts.push(format!("fill {c}"));
    }
    parts.join("; ")
}

fn quote(s: &str) -> String {
    format!("{s:?}")
}

/// Dumps a workbook as text.
pub fn dump_xlsx(bytes: &[u8]) -> Result<String, DumpError> {
    let parts = Parts::read(bytes)?;
    let workbook = parts
        .xml("xl/workbook.xml")?
        .ok_or_else(|| DumpError::Missing("xl/workbook.xml".into()))?;
    let rels = parts.xml("xl/_rels/workbook.xml.rels")?;
    let strings: Vec<String> = match parts.xml("xl/sharedStrings.xml")? {
        Some(sst) => sst
            .all("si")
            .map(|si| {
                let mut s = String::new();
                deep_text(si, &mut s);
                s
            })
            .collect(),
        None => Vec::new(),
    };
    let styles = parts.xml("xl/styles.xml")?.unwrap_or_default();
    let xfs: Vec<&El> = styles
        .child("cellXfs")
        .map(|x| x.all("xf").collect())
        .unwrap_or_default();
    let dxfs: Vec<&El> = styles
        .child("dxfs")
        .map(|x| x.all("dxf").collect())
        .unwrap_or_default();

    let mut out = String::new();
    let sheets: Vec<&El> = workbook
        .child("sheets")
        .map(|s| s.all("sheet").collect())
        .unwrap_or_default();
    let names: Vec<&str> = sheets.iter().filter_map(|s| s.attr("name")).collect();
    writeln!(out, "workbook: {}", names.join(" | ")).ok();
    if let Some(dn) = workbook.child("definedNames") {
        for d in dn.all("definedName") {
            let scope = d
                .attr("localSheetId")
                .and_then(|i| i.parse::<usize>().ok())
                .and_then(|i| names.get(i))
                .map(|n| format!(" [{n}]"))
                .unwrap_or_default();
            writeln!(
                out,
                "defined name {}{scope} = {}",
                d.attr("name").unwrap_or("?"),
                d.text
            )
            .ok();
        }
    }
    // Styles used, numbered as in the file.
    let mut used_styles: BTreeMap<usize, String> = BTreeMap::new();
    let mut sheet_text = String::new();
    for sheet in &sheets {
        let name = sheet.attr("name").unwrap_or("?");
        let rid = sheet.attr("id").unwrap_or("");
        let target = rels
            .as_ref()
            .and_then(|r| r.all("Relationship").find(|x| x.attr("Id") == Some(rid)))
            .and_then(|r| r.attr("Target"))
            .unwrap_or("");
        let path = if let Some(t) = target.strip_prefix('/') {
            t.to_string()
        } else {
            format!("xl/{target}")
        };
        let Some(ws) = parts.xml(&path)? else {
            writeln!(sheet_text, "\n== sheet {name}: part {path} missing ==").ok();
            continue;
        };
        writeln!(sheet_text, "\n== sheet {name} ==").ok();
        dump_sheet(
            &ws,
            &strings,
            &xfs,
            &styles,
            &dxfs,
            &mut used_styles,
            &mut sheet_text,
        );
    }
    writeln!(out, "styles:").ok();
    for (i, d) in &used_styles {
        writeln!(out, "  s{i}: {d}").ok();
    }
    out.push_str(&sheet_text);
    Ok(out)
}

fn dump_sheet(
    ws: &El,
    strings: &[String],
    xfs: &[&El],
    styles: &El,
    dxfs: &[&El],
    used: &mut BTreeMap<usize, String>,
    out: &mut String,
) {
    if let Some(views) = ws.child("sheetViews") {
        for v in views.all("sheetView") {
            let mut s = Vec::new();
            if v.attr("tabSelected") == Some("1") {
                s.push("selected".to_string());
            }
            if let Some(p) = v.child("pane")
                && p.attr("state") == Some("frozen")
            {
                s.push(format!(
                    "frozen at {}",
                    p.attr("topLeftCell").unwrap_or("?")
                ));
            }
            if !s.is_empty() {
                writeln!(out, "view: {}", s.join(", ")).ok();
            }
        }
    }
    if let Some(p) = ws.child("sheetProtection") {
        let attrs: Vec<String> = p.attrs.iter().map(|(k, v)| format!("{k}={v}")).collect();
        writeln!(out, "protection: {}", attrs.join(" ")).ok();
    }
    if let Some(cols) = ws.child("cols") {
        let c: Vec<String> = cols
            .all("col")
            .map(|c| {
                let min = c.attr("min").unwrap_or("?");
                let max = c.attr("max").unwrap_or("?");
                let range = if min == max {
                    col_name(min)
                } else {
                    format!("{}:{}", col_name(min), col_name(max))
                };
                format!("{range}={}", c.attr("width").unwrap_or("?"))
            })
            .collect();
        writeln!(out, "columns: {}", c.join(" ")).ok();
    }
    let data = ws.child("sheetData");
    if let Some(data) = data {
        let h: Vec<String> = data
            .all("row")
            .filter(|r| r.attr("customHeight") == Some("1"))
            .map(|r| {
                format!(
                    "{}={}",
                    r.attr("r").unwrap_or("?"),
                    r.attr("ht").unwrap_or("?")
                )
            })
            .collect();
        if !h.is_empty() {
            writeln!(out, "row heights: {}", h.join(" ")).ok();
        }
    }
    if let Some(m) = ws.child("mergeCells") {
        let r: Vec<&str> = m.all("mergeCell").filter_map(|c| c.attr("ref")).collect();
        writeln!(out, "merged: {}", r.join(" ")).ok();
    }
    if let Some(data) = data {
        writeln!(out, "cells:").ok();
        for row in data.all("row") {
            for c in row.all("c") {
                let r = c.attr("r").unwrap_or("?");
                let s = c
                    .attr("s")
                    .and_then(|s| s.parse::<usize>().ok())
                    .unwrap_or(0);
                if let Some(xf) = xfs.get(s) {
                    used.entry(s).or_insert_with(|| describe_xf(styles, xf));
                }
                let t = c.attr("t").unwrap_or("n");
                let v = c.child("v").map(|v| v.text.as_str());
                let value = match (t, v) {
                    ("s", Some(i)) => i
                        .parse::<usize>()
                        .ok()
                        .and_then(|i| strings.get(i))
                        .map(|s| quote(s))
                        .unwrap_or_else(|| format!("<bad string {i}>")),
                    ("str", Some(v)) | ("inlineStr", Some(v)) => quote(v),
                    ("b", Some(v)) => format!("bool {v}"),
                    ("e", Some(v)) => format!("error {v}"),
                    (_, Some(v)) => v.to_string(),
                    (_, None) => match c.child("is") {
                        Some(is) => {
                            let mut s = String::new();
                            deep_text(is, &mut s);
                            quote(&s)
                        }
                        None => "(blank)".to_string(),
                    },
                };
                match c.child("f") {
                    Some(f) => writeln!(out, "  {r} s{s} ={} -> {value}", f.text),
                    None => writeln!(out, "  {r} s{s} {value}"),
                }
                .ok();
            }
        }
    }
    if let Some(dv) = ws.child("dataValidations") {
        writeln!(out, "data validations:").ok();
        for d in dv.all("dataValidation") {
            let f1 = d.child("formula1").map(|f| f.text.as_str()).unwrap_or("");
            let f2 = d
                .child("formula2")
                .map(|f| format!(" and {}", f.text))
                .unwrap_or_default();
            writeln!(
                out,
                "  {}: {} {} {f1}{f2} | prompt {} {} | error {} {}",
                d.attr("sqref").unwrap_or("?"),
                d.attr("type").unwrap_or("any"),
                d.attr("operator").unwrap_or("between"),
                quote(d.attr("promptTitle").unwrap_or("")),
                quote(d.attr("prompt").unwrap_or("")),
                quote(d.attr("errorTitle").unwrap_or("")),
                quote(d.attr("error").unwrap_or("")),
            )
            .ok();
        }
    }
    let cfs: Vec<&El> = ws.all("conditionalFormatting").collect();
    if !cfs.is_empty() {
        writeln!(out, "conditional formats:").ok();
        for cf in cfs {
            for rule in cf.all("cfRule") {
                let dxf = rule
                    .attr("dxfId")
                    .and_then(|i| i.parse::<usize>().ok())
                    .and_then(|i| dxfs.get(i))
                    .map(|d| describe_dxf(d))
                    .unwrap_or_default();
                let formulas: Vec<&str> = rule.all("formula").map(|f| f.text.as_str()).collect();
                writeln!(
                    out,
                    "  {}: {} {} [{}] -> {dxf}",
                    cf.attr("sqref").unwrap_or("?"),
                    rule.attr("type").unwrap_or("?"),
                    rule.attr("text").map(quote).unwrap_or_default(),
                    formulas.join("; ")
                )
                .ok();
            }
        }
    }
    if let Some(af) = ws.child("autoFilter") {
        writeln!(out, "autofilter: {}", af.attr("ref").unwrap_or("?")).ok();
    }
    let mut print = Vec::new();
    let fit = ws
        .child("sheetPr")
        .and_then(|p| p.child("pageSetUpPr"))
        .and_then(|p| p.attr("fitToPage"))
        == Some("1");
    if let Some(ps) = ws.child("pageSetup") {
        for k in ["paperSize", "orientation", "scale"] {
            if let Some(v) = ps.attr(k) {
                print.push(format!("{k}={v}"));
            }
        }
        if fit {
            // Both default to 1 page; 0 means as many as needed.
            let pages = |k: &str| match ps.attr(k).unwrap_or("1") {
                "0" => "any".to_string(),
                n => n.to_string(),
            };
            print.push(format!(
                "fit to pages: {} wide, {} tall",
                pages("fitToWidth"),
                pages("fitToHeight")
            ));
        }
    }
    if let Some(po) = ws.child("printOptions") {
        for (k, v) in &po.attrs {
            print.push(format!("{k}={v}"));
        }
    }
    if let Some(m) = ws.child("pageMargins") {
        let ms: Vec<String> = m.attrs.iter().map(|(k, v)| format!("{k}={v}")).collect();
        print.push(format!("margins({})", ms.join(" ")));
    }
    if let Some(hf) = ws.child("headerFooter") {
        for k in ["oddHeader", "oddFooter"] {
            if let Some(e) = hf.child(k) {
                print.push(format!("{k}={}", quote(&e.text)));
            }
        }
    }
    if !print.is_empty() {
        writeln!(out, "print: {}", print.join(" ")).ok();
    }
}

fn col_name(n: &str) -> String {
    match n.parse::<u32>() {
        Ok(c) if c > 0 => {
            let a1 = zfxxgk_core::report::a1(0, c - 1);
            a1.trim_end_matches('1').to_string()
        }
        _ => n.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn refuses_what_is_not_a_zip() {
        assert!(matches!(dump_xlsx(b"not a zip"), Err(DumpError::Zip(_))));
    }

    #[test]
    fn column_names() {
        assert_eq!(col_name("1"), "A");
        assert_eq!(col_name("28"), "AB");
    }
}
