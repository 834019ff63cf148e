//! Simple-font encodings: the named base encodings and glyph names (the part of the Adobe Glyph
//! List that text in reports uses, plus `uniXXXX` and `uXXXX[XX]`).

/// A byte → text table.
pub(crate) type Table = [Option<char>; 256];

/// The named base encodings.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Base {
    WinAnsi,
    MacRoman,
    Standard,
}

impl Base {
    pub(crate) fn from_name(name: &[u8]) -> Option<Base> {
        match name {
            b"WinAnsiEncoding" => Some(Base::WinAnsi),
            b"MacRomanEncoding" | b"MacExpertEncoding" => Some(Base::MacRoman),
            b"StandardEncoding" => Some(Base::Standard),
            _ => None,
        }
    }

    pub(crate) fn table(self) -> Table {
        let mut t: Table = [None; 256];
        for b in 0x20u8..0x7f {
            t[usize::from(b)] = Some(char::from(b));
        }
        match self {
            Base::WinAnsi => {
                for b in 0x80u8..=0xff {
                    let byte = [b];
                    let (s, bad) = encoding_rs::WINDOWS_1252.decode_without_bom_handling(&byte);
                    let c = s.chars().next().filter(|c| !bad && !c.is_control());
                    t[usize::from(b)] = c;
                }
                t[0xa0] = Some(' ');
                t[0xad] = Some('-');
            }
            Base::MacRoman => {
                for b in 0x80u8..=0xff {
                    let byte = [b];
                    let (s, bad) = encoding_rs::MACINTOSH.decode_without_bom_handling(&byte);
                    t[usize::from(b)] = s.chars().next().filter(|c| !bad && !c.is_control());
                }
            }
            Base::Standard => {
                t[0x27] = Some('\u{2019}');
                t[0x60] = Some('\u{2018}');
                for (b, c) in [
                    (0xa1, '¡'),
                    (0xa2, '¢'),
                    (0xa3, '£'),
                    (0xa5, '¥'),
                    (0xa7, '§'),
                    (0xa9, '\''),
                    (0xaa, '“'),
                    (0xab, '«'),
                    (0xb1, '–'),
                    (0xb2, '†'),
                    (0xb3, '‡'),
                    (0xb4, '·'),
                    (0xb6, '¶'),
                    (0xb7, '•'),
                    (0xba, '”'),
                    (0xbb, '»'),
                    (0xbc, '…'),
                    (0xbd, '‰'),
                    (0xd0, '—'),
                ] {
                    t[b] = Some(c);
                }
            }
        }
        t
    }
}

/// The text of a glyph name, if it is a name this reader knows.
pub(crate) fn glyph_name(name: &[u8]) -> Option<String> {
    let name = std::str::from_utf8(name).ok()?;
    let base = name.split('.').next().unwrap_or(name);
    if base.is_empty() {
        return None;
    }
    if base.contains('_') {
        let parts: Option<Vec<String>> =
            base.split('_').map(|p| glyph_name(p.as_bytes())).collect();
        return parts.map(|p| p.concat());
    }
    if let Some(hex) = base.strip_prefix("uni")
        && hex.len() >= 4
        && hex.len() % 4 == 0
        && hex.bytes().all(|b| b.is_ascii_hexdigit())
    {
        let units: Vec<u16> = hex
            .as_bytes()
            .chunks(4)
            .filter_map(|c| u16::from_str_radix(std::str::from_utf8(c).ok()?, 16).ok())
            .collect();
        return Some(super::cmap::decode_utf16(&units));
    }
    if let Some(hex) = base.strip_prefix('u')
        && (4..=6).contains(&hex.len())
        && hex.bytes().all(|b| b.is_ascii_hexdigit())
    {
        return u32::from_str_radix(hex, 16)
            .ok()
            .and_then(char::from_u32)
            .map(String::from);
    }
    if base.len() == 1 && base.as_bytes()[0].is_ascii_alphabetic() {
        return Some(base.to_string());
    }
    NAMES
        .binary_search_by_key(&base, |(n, _)| n)
        .ok()
        .map(|i| NAMES[i].1.to_string())
}

/// Glyph names → text, sorted by name.
const NAMES: &[(&str, char)] = &[
    ("AE", 'Æ'),
    ("Euro", '€'),
    ("OE", 'Œ'),
    ("Oslash", 'Ø'),
    ("acute", '´'),
    ("ae", 'æ'),
    ("ampersand", '&'),
    ("asciicircum", '^'),
    ("asciitilde", '~'),
    ("asterisk", '*'),
    ("at", '@'),
    ("backslash", '\\'),
    ("bar", '|'),
    ("braceleft", '{'),
    ("braceright", '}'),
    ("bracketleft", '['),
    ("bracketright", ']'),
    ("brokenbar", '¦'),
    ("bullet", '•'),
    ("cent", '¢'),
    ("circumflex", 'ˆ'),
    ("colon", ':'),
    ("comma", ','),
    ("copyright", '©'),
    ("currency", '¤'),
    ("dagger", '†'),
    ("daggerdbl", '‡'),
    ("degree", '°'),
    ("dieresis", '¨'),
    ("divide", '÷'),
    ("dollar", '$'),
    ("eight", '8'),
    ("ellipsis", '…'),
    ("emdash", '—'),
    ("endash", '–'),
    ("equal", '='),
    ("exclam", '!'),
    ("exclamdown", '¡'),
    ("five", '5'),
    ("florin", 'ƒ'),
    ("four", '4'),
    ("fraction", '⁄'),
    ("germandbls", 'ß'),
    ("grave", '`'),
    ("greater", '>'),
    ("guillemotleft", '«'),
    ("guillemotright", '»'),
    ("guilsinglleft", '‹'),
    ("guilsinglright", '›'),
    ("hyphen", '-'),
    ("less", '<'),
    ("logicalnot", '¬'),
    ("macron", '¯'),
    ("minus", '−'),
    ("mu", 'µ'),
    ("multiply", '×'),
    ("nbspace", ' '),
    ("nine", '9'),
    ("numbersign", '#'),
    ("oe", 'œ'),
    ("one", '1'),
    ("onehalf", '½'),
    ("onequarter", '¼'),
    ("ordfeminine", 'ª'),
    ("ordmasculine", 'º'),
    ("oslash", 'ø'),
    ("paragraph", '¶'),
    ("parenleft", '('),
    ("parenright", ')'),
    ("percent", '%'),
    ("period", '.'),
    ("periodcentered", '·'),
    ("perthousand", '‰'),
    ("plus", '+'),
    ("plusminus", '±'),
    ("question", '?'),
    ("questiondown", '¿'),
    ("quotedbl", '"'),
    ("quotedblbase", '„'),
    ("quotedblleft", '“'),
    ("quotedblright", '”'),
    ("quoteleft", '‘'),
    ("quoteright", '’'),
    ("quotesinglbase", '‚'),
    ("quotesingle", '\''),
    ("registered", '®'),
    ("section", '§'),
    ("semicolon", ';'),
    ("seven", '7'),
    ("six", '6'),
    ("slash", '/'),
    ("space", ' '),
    ("sterling", '£'),
    ("three", '3'),
    ("threequarters", '¾'),
    ("tilde", '˜'),
    ("trademark", '™'),
    ("two", '2'),
    ("underscore", '_'),
    ("yen", '¥'),
    ("zero", '0'),
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_sorted() {
        assert!(NAMES.windows(2).all(|w| w[0].0 < w[1].0));
    }

    #[test]
    fn glyph_names() {
        assert_eq!(glyph_name(b"uni4E2D").as_deref(), Some("中"));
        assert_eq!(glyph_name(b"uni00660069").as_deref(), Some("fi"));
        assert_eq!(glyph_name(b"u20BB7").as_deref(), Some("𠮷"));
        assert_eq!(glyph_name(b"seven").as_deref(), Some("7"));
        assert_eq!(glyph_name(b"one.oldstyle").as_deref(), Some("1"));
        assert_eq!(glyph_name(b"f_i").as_deref(), Some("fi"));
        assert_eq!(glyph_name(b"g123"), None);
        assert_eq!(glyph_name(b"Q").as_deref(), Some("Q"));
        assert_eq!(Base::WinAnsi.table()[0x97], Some('—'));
    }
}
