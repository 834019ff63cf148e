//! Fonts: how a shown string splits into codes, what text each code is, and how wide it is.
//!
//! Text comes from the font's ToUnicode CMap where it has one; otherwise from the encoding:
//! simple fonts by their base encoding and glyph names, composite (Type0) fonts by the predefined
//! CMaps Chinese producers use (`UniGB-UCS2-H`, `UniGB-UTF16-H`, `GBK-EUC-H`, `GB-EUC-H`,
//! `GBK2K-H`, and the Big5, Shift-JIS and Korean ones), whose codes are Unicode or a legacy
//! character set. A code that none of these decodes has no text (the caller counts it as
//! undecodable); text guessed for an embedded subset font with neither a ToUnicode map nor an
//! encoding is marked unreliable.

use std::collections::HashMap;

use lopdf::{Dictionary, Document, Object};

use super::cmap::CMap;
use super::encoding::{self, Base};
use super::objects::{self, array, dict, get, name, num, resolve};

const CMAP_CAP: usize = 4 << 20;
const FONT_CAP: usize = 32 << 20;

/// One code of a shown string.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Code {
    /// The code's bytes (1 to 4).
    pub(crate) len: u8,
    /// Its text, if known.
    pub(crate) text: Option<String>,
    /// Its advance in text space for a font size of 1.
    pub(crate) width: f32,
    /// A single-byte 32, to which word spacing applies.
    pub(crate) word_space: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Scheme {
    Identity,
    Ucs2,
    Utf16,
    Utf8,
    Gbk,
    Gb18030,
    Big5,
    ShiftJis,
    EucKr,
    Embedded,
    Unknown,
}

impl Scheme {
    fn from_name(n: &[u8]) -> Scheme {
        let n = std::str::from_utf8(n).unwrap_or("");
        let base = n.trim_end_matches("-H").trim_end_matches("-V");
        match base {
            "Identity" => Scheme::Identity,
            _ if base.starts_with("Uni") && base.contains("UCS2") => Scheme::Ucs2,
            _ if base.starts_with("Uni") && base.contains("UTF16") => Scheme::Utf16,
            _ if base.starts_with("Uni") && base.contains("UTF8") => Scheme::Utf8,
            "GB-EUC" | "GBpc-EUC" | "GBK-EUC" | "GBKp-EUC" | "GBT-EUC" | "GBTpc-EUC" => Scheme::Gbk,
            "GBK2K" => Scheme::Gb18030,
            "B5pc" | "ETen-B5" | "ETenms-B5" | "HKscs-B5" | "B5" => Scheme::Big5,
            "90ms-RKSJ" | "90msp-RKSJ" | "83pv-RKSJ" | "90pv-RKSJ" | "78ms-RKSJ" | "RKSJ" => {
                Scheme::ShiftJis
            }
            "KSC-EUC" | "KSCms-UHC" | "KSCpc-EUC" | "KSCms-UHC-HW" => Scheme::EucKr,
            _ => Scheme::Unknown,
        }
    }
}

#[derive(Debug)]
enum Kind {
    /// One byte per code; the text of each code from the encoding.
    Simple(Box<[Option<String>; 256]>),
    /// A composite font.
    Composite(Scheme, Option<CMap>),
}

/// Text from an embedded TrueType font's own cmap: CID → glyph → character.
#[derive(Debug, Default)]
struct Glyphs {
    /// CIDToGIDMap as a table (empty: the identity).
    cid_to_gid: Vec<u16>,
    gid_to_char: HashMap<u16, char>,
}

#[derive(Debug)]
enum Widths {
    Simple {
        first: u32,
        widths: Vec<f32>,
        missing: f32,
    },
    Cid {
        default: f32,
        ranges: Vec<(u32, u32, f32)>,
    },
    /// A standard font without widths: an approximation.
    Standard { mono: bool },
}

/// A font as this reader needs it.
#[derive(Debug)]
pub(crate) struct Font {
    kind: Kind,
    tounicode: Option<CMap>,
    widths: Widths,
    /// For Identity-H fonts without ToUnicode: the embedded TrueType font's cmap.
    glyphs: Option<Glyphs>,
    /// Glyph units to text space (1/1000, or a Type 3 font's matrix).
    scale: f32,
    /// Text can be trusted: not a guess from a subset font's internal codes.
    pub(crate) reliable: bool,
}

impl Font {
    /// Reads a font dictionary. Never fails: what cannot be read gives codes without text.
    pub(crate) fn load(doc: &Document, d: &Dictionary) -> Font {
        let subtype = name(doc, d, b"Subtype").unwrap_or(b"");
        let tounicode = objects::stream(doc, d, b"ToUnicode")
            .and_then(|s| objects::stream_data(doc, s, CMAP_CAP).ok())
            .map(|data| CMap::parse(&data))
            .filter(CMap::has_text);
        if subtype == b"Type0" {
            Font::composite(doc, d, tounicode)
        } else {
            Font::simple(doc, d, subtype, tounicode)
        }
    }

    fn composite(doc: &Document, d: &Dictionary, tounicode: Option<CMap>) -> Font {
        let (scheme, embedded) = match get(doc, d, b"Encoding") {
            Some(Object::Name(n)) => (Scheme::from_name(n), None),
            Some(Object::Stream(s)) => {
                let cmap = objects::stream_data(doc, s, CMAP_CAP)
                    .map(|data| CMap::parse(&data))
                    .ok();
                // An embedded CMap that only renames a predefined one.
                match name(doc, &s.dict, b"CMapName").map(Scheme::from_name) {
                    Some(sc) if sc != Scheme::Unknown => (sc, None),
                    _ => (Scheme::Embedded, cmap),
                }
            }
            _ => (Scheme::Identity, None),
        };
        let descendant = array(doc, d, b"DescendantFonts")
            .and_then(|a| a.first())
            .and_then(|o| match resolve(doc, o) {
                Object::Dictionary(x) => Some(x),
                _ => None,
            });
        let mut default = 1000.0;
        let mut ranges = Vec::new();
        if let Some(cf) = descendant {
            if let Some(dw) = num(doc, cf, b"DW") {
                default = dw;
            }
            if let Some(w) = array(doc, cf, b"W") {
                ranges = cid_widths(doc, w);
            }
        }
        let glyphs = match (&tounicode, scheme, descendant) {
            (None, Scheme::Identity, Some(cf)) => embedded_cmap(doc, cf),
            _ => None,
        };
        let reliable = tounicode.is_some() || glyphs.is_some() || scheme != Scheme::Identity;
        Font {
            kind: Kind::Composite(scheme, embedded),
            tounicode,
            widths: Widths::Cid { default, ranges },
            glyphs,
            scale: 0.001,
            reliable,
        }
    }

    fn simple(doc: &Document, d: &Dictionary, subtype: &[u8], tounicode: Option<CMap>) -> Font {
        let descriptor = dict(doc, d, b"FontDescriptor");
        let flags = descriptor
            .and_then(|fd| num(doc, fd, b"Flags"))
            .unwrap_or(0.0) as u32;
        let symbolic = flags & 4 != 0 && flags & 32 == 0;
        let embedded = descriptor.is_some_and(|fd| {
            [&b"FontFile"[..], b"FontFile2", b"FontFile3"]
                .iter()
                .any(|k| fd.has(k))
        });
        let base_font = name(doc, d, b"BaseFont").unwrap_or(b"");

        // The encoding: a base table and differences.
        let mut table: Box<[Option<String>; 256]> = Box::new(std::array::from_fn(|_| None));
        let mut declared = false;
        let mut base = None;
        let mut differences: Vec<(usize, Vec<u8>)> = Vec::new();
        match get(doc, d, b"Encoding") {
            Some(Object::Name(n)) => {
                base = Base::from_name(n);
                declared = base.is_some();
            }
            Some(Object::Dictionary(e)) => {
                base = name(doc, e, b"BaseEncoding").and_then(Base::from_name);
                declared = true;
                if let Some(diffs) = array(doc, e, b"Differences") {
                    let mut code = 0usize;
                    for o in diffs {
                        match resolve(doc, o) {
                            Object::Integer(i) => code = (*i).clamp(0, 255) as usize,
                            Object::Name(n) => {
                                if code < 256 {
                                    differences.push((code, n.clone()));
                                }
                                code += 1;
                            }
                            _ => {}
                        }
                    }
                }
            }
            _ => {}
        }
        let base = base.or(if symbolic || subtype == b"Type3" {
            None
        } else {
            Some(Base::Standard)
        });
        if let Some(b) = base {
            for (slot, c) in table.iter_mut().zip(b.table()) {
                *slot = c.map(String::from);
            }
        }
        let mut known_names = 0usize;
        for (code, n) in &differences {
            let text = encoding::glyph_name(n);
            known_names += usize::from(text.is_some());
            table[*code] = text;
        }

        // Text is a guess when an embedded font with its own encoding has no map to Unicode:
        // its codes are the font's internal numbers.
        let names_mostly_unknown = !differences.is_empty() && known_names * 2 < differences.len();
        let reliable = tounicode.is_some()
            || !((embedded && !declared && is_subset(base_font))
                || names_mostly_unknown
                || (symbolic && !declared));

        let mut scale = 0.001;
        if subtype == b"Type3"
            && let Some(m) = array(doc, d, b"FontMatrix")
        {
            let m = objects::numbers(doc, m);
            if let Some(&a) = m.first()
                && a.abs() > 1e-6
                && a.abs() < 10.0
            {
                scale = a;
            }
        }
        let widths = match array(doc, d, b"Widths") {
            Some(w) => Widths::Simple {
                first: num(doc, d, b"FirstChar").unwrap_or(0.0).max(0.0) as u32,
                widths: w
                    .iter()
                    .map(|o| objects::number(resolve(doc, o)).unwrap_or(0.0))
                    .collect(),
                missing: descriptor
                    .and_then(|fd| num(doc, fd, b"MissingWidth"))
                    .unwrap_or(0.0),
            },
            None => Widths::Standard {
                mono: base_font.windows(7).any(|w| w == b"Courier"),
            },
        };
        Font {
            kind: Kind::Simple(table),
            tounicode,
            widths,
            glyphs: None,
            scale,
            reliable,
        }
    }

    /// A font for a name missing from the resources: codes have no text.
    pub(crate) fn missing() -> Font {
        Font {
            kind: Kind::Simple(Box::new(std::array::from_fn(|_| None))),
            tounicode: None,
            widths: Widths::Standard { mono: false },
            glyphs: None,
            scale: 0.001,
            reliable: false,
        }
    }

    /// Splits a shown string into codes.
    pub(crate) fn codes(&self, bytes: &[u8], out: &mut Vec<Code>) {
        out.clear();
        let mut i = 0;
        while i < bytes.len() {
            let rest = &bytes[i..];
            let n = self.code_len(rest).clamp(1, rest.len().min(4));
            let raw = &rest[..n];
            let c = raw.iter().fold(0u32, |a, &b| a << 8 | u32::from(b));
            let text = self.text(raw, c);
            let width = self.width(raw, c);
            out.push(Code {
                len: n as u8,
                text,
                width: width * self.scale,
                word_space: n == 1 && c == 32,
            });
            i += n;
        }
    }

    fn code_len(&self, b: &[u8]) -> usize {
        let Kind::Composite(scheme, cmap) = &self.kind else {
            return 1;
        };
        let first = b[0];
        match scheme {
            Scheme::Identity | Scheme::Ucs2 | Scheme::Unknown => 2,
            Scheme::Utf16 => {
                if (0xd8..=0xdb).contains(&first) {
                    4
                } else {
                    2
                }
            }
            Scheme::Utf8 => match first {
                0xf0..=0xf7 => 4,
                0xe0..=0xef => 3,
                0xc0..=0xdf => 2,
                _ => 1,
            },
            Scheme::Gbk | Scheme::Big5 | Scheme::EucKr => {
                if (0x81..=0xfe).contains(&first) {
                    2
                } else {
                    1
                }
            }
            Scheme::Gb18030 => {
                if !(0x81..=0xfe).contains(&first) {
                    1
                } else if b.get(1).is_some_and(|s| s.is_ascii_digit()) {
                    4
                } else {
                    2
                }
            }
            Scheme::ShiftJis => {
                if (0x81..=0x9f).contains(&first) || (0xe0..=0xfc).contains(&first) {
                    2
                } else {
                    1
                }
            }
            Scheme::Embedded => match (cmap, &self.tounicode) {
                (Some(m), _) if !m.codespace.is_empty() => m.code_len(b),
                (_, Some(t)) if !t.codespace.is_empty() => t.code_len(b),
                _ => 2,
            },
        }
    }

    fn text(&self, raw: &[u8], c: u32) -> Option<String> {
        let from_map = self
            .tounicode
            .as_ref()
            .and_then(|m| m.lookup(raw.len() as u8, c))
            .filter(|t| !t.is_empty() && !t.chars().all(|ch| ch == '\0'));
        let from_encoding = || match &self.kind {
            Kind::Simple(table) => table[usize::from(raw[0])].clone(),
            Kind::Composite(Scheme::Identity, _) => {
                let g = self.glyphs.as_ref()?;
                let gid = if g.cid_to_gid.is_empty() {
                    u16::try_from(c).ok()?
                } else {
                    *g.cid_to_gid.get(c as usize)?
                };
                g.gid_to_char
                    .get(&gid)
                    .filter(|ch| !ch.is_control())
                    .map(|ch| ch.to_string())
            }
            Kind::Composite(scheme, _) => decode_scheme(*scheme, raw, c),
        };
        match from_map {
            // A map into the private use area is worth less than a real encoding.
            Some(t) if t.chars().all(is_private) => from_encoding().or(Some(t)),
            Some(t) => Some(t),
            None => from_encoding(),
        }
    }

    fn width(&self, raw: &[u8], c: u32) -> f32 {
        match &self.widths {
            Widths::Simple {
                first,
                widths,
                missing,
            } => c
                .checked_sub(*first)
                .and_then(|i| widths.get(i as usize))
                .copied()
                .unwrap_or(*missing),
            Widths::Cid { default, ranges } => {
                let cid = match &self.kind {
                    Kind::Composite(Scheme::Identity, _) => Some(c),
                    Kind::Composite(Scheme::Embedded, Some(m)) => {
                        Some(m.cid(raw.len() as u8, c).unwrap_or(c))
                    }
                    Kind::Composite(scheme, _) => predefined_cid(*scheme, raw.len(), c),
                    Kind::Simple(_) => None,
                };
                // Codes of a predefined CMap whose CID is not known here (the CJK ones) take
                // the default width, which is what producers give them.
                cid.and_then(|cid| {
                    ranges
                        .iter()
                        .find(|(lo, hi, _)| (*lo..=*hi).contains(&cid))
                        .map(|r| r.2)
                })
                .unwrap_or(*default)
            }
            Widths::Standard { mono } => {
                if *mono {
                    600.0
                } else if c == 32 {
                    250.0
                } else {
                    500.0
                }
            }
        }
    }
}

/// The cmap of the TrueType font embedded in a CIDFontType2, with its CIDToGIDMap.
fn embedded_cmap(doc: &Document, cf: &Dictionary) -> Option<Glyphs> {
    let fd = dict(doc, cf, b"FontDescriptor")?;
    let file = objects::stream(doc, fd, b"FontFile2")?;
    let data = objects::stream_data(doc, file, FONT_CAP).ok()?;
    let gid_to_char = super::truetype::glyph_to_unicode(&data);
    if gid_to_char.is_empty() {
        return None;
    }
    let cid_to_gid = match get(doc, cf, b"CIDToGIDMap") {
        Some(Object::Stream(s)) => objects::stream_data(doc, s, 1 << 17)
            .ok()?
            .chunks_exact(2)
            .map(|p| u16::from_be_bytes([p[0], p[1]]))
            .collect(),
        _ => Vec::new(),
    };
    Some(Glyphs {
        cid_to_gid,
        gid_to_char,
    })
}

fn is_private(c: char) -> bool {
    ('\u{e000}'..='\u{f8ff}').contains(&c)
}

fn is_subset(base_font: &[u8]) -> bool {
    base_font.len() > 7 && base_font[6] == b'+' && base_font[..6].iter().all(u8::is_ascii_uppercase)
}

fn decode_scheme(scheme: Scheme, raw: &[u8], c: u32) -> Option<String> {
    let legacy = |enc: &'static encoding_rs::Encoding| {
        let (s, bad) = enc.decode_without_bom_handling(raw);
        (!bad).then(|| s.into_owned())
    };
    let text = match scheme {
        Scheme::Ucs2 => char::from_u32(c).map(String::from),
        Scheme::Utf16 => {
            let units: Vec<u16> = raw
                .chunks(2)
                .map(|p| u16::from_be_bytes([p[0], p.get(1).copied().unwrap_or(0)]))
                .collect();
            let s = super::cmap::decode_utf16(&units);
            (!s.contains(char::REPLACEMENT_CHARACTER)).then_some(s)
        }
        Scheme::Utf8 => std::str::from_utf8(raw).ok().map(String::from),
        Scheme::Gbk => legacy(encoding_rs::GBK),
        Scheme::Gb18030 => legacy(encoding_rs::GB18030),
        Scheme::Big5 => legacy(encoding_rs::BIG5),
        Scheme::ShiftJis => legacy(encoding_rs::SHIFT_JIS),
        Scheme::EucKr => legacy(encoding_rs::EUC_KR),
        Scheme::Identity | Scheme::Embedded | Scheme::Unknown => None,
    }?;
    (!text.is_empty() && !text.chars().any(|ch| ch.is_control() && ch != '\t')).then_some(text)
}

/// The CID of an ASCII code under the predefined Adobe-GB1 CMaps (widths are keyed by CID):
/// the Unicode ones map U+0020…U+007E to the proportional CIDs 1…95, the EUC ones map single
/// bytes to the half-width CIDs 814…907 (and the space to 7716).
fn predefined_cid(scheme: Scheme, len: usize, c: u32) -> Option<u32> {
    match scheme {
        Scheme::Ucs2 | Scheme::Utf16 | Scheme::Utf8 if (0x20..=0x7e).contains(&c) => Some(c - 0x1f),
        Scheme::Gbk | Scheme::Gb18030 if len == 1 && (0x21..=0x7e).contains(&c) => {
            Some(814 + c - 0x21)
        }
        Scheme::Gbk | Scheme::Gb18030 if len == 1 && c == 0x20 => Some(7716),
        _ => None,
    }
}

fn cid_widths(doc: &Document, w: &[Object]) -> Vec<(u32, u32, f32)> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < w.len() && out.len() < 100_000 {
        let Some(first) = objects::number(resolve(doc, &w[i])) else {
            i += 1;
            continue;
        };
        let first = first.max(0.0) as u32;
        match w.get(i + 1).map(|o| resolve(doc, o)) {
            Some(Object::Array(ws)) => {
                for (k, o) in ws.iter().enumerate().take(100_000) {
                    if let Some(v) = objects::number(resolve(doc, o)) {
                        let cid = first.saturating_add(k as u32);
                        out.push((cid, cid, v));
                    }
                }
                i += 2;
            }
            Some(o) => {
                let last = objects::number(o).unwrap_or(0.0).max(0.0) as u32;
                if let Some(v) = w.get(i + 2).and_then(|o| objects::number(resolve(doc, o))) {
                    out.push((first, last.max(first), v));
                }
                i += 3;
            }
            None => break,
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn schemes() {
        assert_eq!(Scheme::from_name(b"UniGB-UCS2-H"), Scheme::Ucs2);
        assert_eq!(Scheme::from_name(b"UniGB-UTF16-V"), Scheme::Utf16);
        assert_eq!(Scheme::from_name(b"GBK-EUC-H"), Scheme::Gbk);
        assert_eq!(Scheme::from_name(b"GBK2K-H"), Scheme::Gb18030);
        assert_eq!(Scheme::from_name(b"Identity-H"), Scheme::Identity);
        assert_eq!(
            decode_scheme(Scheme::Gbk, &[0xd6, 0xd0], 0xd6d0).as_deref(),
            Some("中")
        );
        assert_eq!(
            decode_scheme(Scheme::Ucs2, &[0x4e, 0x2d], 0x4e2d).as_deref(),
            Some("中")
        );
        assert_eq!(decode_scheme(Scheme::Identity, &[0, 3], 3), None);
    }

    #[test]
    fn subset_names() {
        assert!(is_subset(b"BAAAAA+NotoSansCJKjp-Regular"));
        assert!(!is_subset(b"SimSun"));
    }
}
