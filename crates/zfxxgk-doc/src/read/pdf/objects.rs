//! Small helpers over the parser's object model: dereferencing that never fails (a missing or
//! wrong object reads as absent) and stream data decoded with a cap.

use lopdf::{Dictionary, Document, Object, Stream};

use super::filter::{self, FilterError};

static NULL: Object = Object::Null;

/// The object, references followed (absent objects read as null).
pub(crate) fn resolve<'a>(doc: &'a Document, obj: &'a Object) -> &'a Object {
    doc.dereference(obj).map(|(_, o)| o).unwrap_or(&NULL)
}

/// A dictionary entry, references followed.
pub(crate) fn get<'a>(doc: &'a Document, dict: &'a Dictionary, key: &[u8]) -> Option<&'a Object> {
    let o = resolve(doc, dict.get(key).ok()?);
    (!matches!(o, Object::Null)).then_some(o)
}

pub(crate) fn dict<'a>(doc: &'a Document, d: &'a Dictionary, key: &[u8]) -> Option<&'a Dictionary> {
    match get(doc, d, key)? {
        Object::Dictionary(x) => Some(x),
        Object::Stream(s) => Some(&s.dict),
        _ => None,
    }
}

pub(crate) fn name<'a>(doc: &'a Document, d: &'a Dictionary, key: &[u8]) -> Option<&'a [u8]> {
    match get(doc, d, key)? {
        Object::Name(n) => Some(n),
        _ => None,
    }
}

pub(crate) fn num(doc: &Document, d: &Dictionary, key: &[u8]) -> Option<f32> {
    number(get(doc, d, key)?)
}

pub(crate) fn number(o: &Object) -> Option<f32> {
    match o {
        Object::Integer(i) => Some(*i as f32),
        Object::Real(r) if r.is_finite() => Some(*r),
        _ => None,
    }
}

pub(crate) fn array<'a>(doc: &'a Document, d: &'a Dictionary, key: &[u8]) -> Option<&'a [Object]> {
    match get(doc, d, key)? {
        Object::Array(a) => Some(a),
        _ => None,
    }
}

pub(crate) fn stream<'a>(doc: &'a Document, d: &'a Dictionary, key: &[u8]) -> Option<&'a Stream> {
    match get(doc, d, key)? {
        Object::Stream(s) => Some(s),
        _ => None,
    }
}

/// Numbers of an array (non-numbers skipped).
pub(crate) fn numbers(doc: &Document, items: &[Object]) -> Vec<f32> {
    items
        .iter()
        .filter_map(|o| number(resolve(doc, o)))
        .collect()
}

/// The decoded data of a stream, at most `cap` bytes.
pub(crate) fn stream_data(doc: &Document, s: &Stream, cap: usize) -> Result<Vec<u8>, FilterError> {
    let filters: Vec<&[u8]> = match get(doc, &s.dict, b"Filter") {
        None => Vec::new(),
        Some(Object::Name(n)) => vec![n.as_slice()],
        Some(Object::Array(items)) => items
            .iter()
            .filter_map(|o| match resolve(doc, o) {
                Object::Name(n) => Some(n.as_slice()),
                _ => None,
            })
            .collect(),
        Some(_) => return Err(FilterError::Unsupported),
    };
    filter::decode(&s.content, &filters, cap)
}

/// A text string (PDFDocEncoding or UTF-16 with a byte-order mark) of the document information.
pub(crate) fn text_string(bytes: &[u8]) -> String {
    if let Some(rest) = bytes.strip_prefix(&[0xfe, 0xff]) {
        let units: Vec<u16> = rest
            .chunks(2)
            .map(|p| u16::from_be_bytes([p[0], p.get(1).copied().unwrap_or(0)]))
            .collect();
        return super::cmap::decode_utf16(&units);
    }
    if let Some(rest) = bytes.strip_prefix(&[0xef, 0xbb, 0xbf]) {
        return String::from_utf8_lossy(rest).into_owned();
    }
    // Producers also write GBK into "PDFDocEncoding" strings; take it when it decodes cleanly
    // into Chinese.
    if bytes.iter().any(|&b| b >= 0x80) {
        let (s, _, bad) = encoding_rs::GBK.decode(bytes);
        if !bad && s.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c)) {
            return s.into_owned();
        }
    }
    bytes.iter().map(|&b| char::from(b)).collect()
}
