//! CMaps embedded in a PDF: `ToUnicode` maps (code → text) and embedded encoding CMaps
//! (codespace ranges and code → CID).

use super::lexer::{Lexer, Operand};

/// A code → Unicode map with its codespace ranges.
#[derive(Debug, Default, Clone)]
pub(crate) struct CMap {
    /// `(bytes, low, high)` of each codespace range.
    pub(crate) codespace: Vec<(u8, u32, u32)>,
    /// Single codes: `(bytes, code) → text`, sorted by key.
    chars: Vec<((u8, u32), String)>,
    /// Ranges: `(bytes, low, high, first target)`; the target's last UTF-16 unit counts up.
    ranges: Vec<(u8, u32, u32, Vec<u16>)>,
    /// Ranges with an explicit array of targets.
    range_arrays: Vec<(u8, u32, u32, Vec<String>)>,
    /// Code → CID (an embedded encoding CMap): `(bytes, low, high, first cid)`.
    cids: Vec<(u8, u32, u32, u32)>,
}

const MAX_ENTRIES: usize = 200_000;

impl CMap {
    /// Parses a CMap program (tolerantly: what cannot be read is skipped).
    pub(crate) fn parse(data: &[u8]) -> CMap {
        let mut map = CMap::default();
        let mut lx = Lexer::with_max_operands(data, 4 * MAX_ENTRIES);
        let mut ops = Vec::new();
        let mut entries = 0usize;
        while let Some(op) = lx.next_op(&mut ops) {
            match op.as_slice() {
                b"endcodespacerange" => {
                    for pair in ops.chunks_exact(2) {
                        if let (Operand::Str(lo), Operand::Str(hi)) = (&pair[0], &pair[1])
                            && let (Some(l), Some(h)) = (code(lo), code(hi))
                            && (1..=4).contains(&lo.len())
                        {
                            map.codespace.push((lo.len() as u8, l, h));
                        }
                    }
                }
                b"endbfchar" => {
                    for pair in ops.chunks_exact(2) {
                        entries += 1;
                        if entries > MAX_ENTRIES {
                            break;
                        }
                        if let (Operand::Str(src), Some(dst)) = (&pair[0], target(&pair[1]))
                            && let Some(c) = code(src)
                        {
                            map.chars.push(((src.len() as u8, c), dst));
                        }
                    }
                }
                b"endbfrange" => {
                    for tri in ops.chunks_exact(3) {
                        entries += 1;
                        if entries > MAX_ENTRIES {
                            break;
                        }
                        let (Operand::Str(lo), Operand::Str(hi)) = (&tri[0], &tri[1]) else {
                            continue;
                        };
                        let (Some(l), Some(h)) = (code(lo), code(hi)) else {
                            continue;
                        };
                        if h < l {
                            continue;
                        }
                        let n = lo.len() as u8;
                        match &tri[2] {
                            Operand::Str(dst) => {
                                let units = utf16_units(dst);
                                if !units.is_empty() {
                                    map.ranges.push((n, l, h, units));
                                }
                            }
                            Operand::Array(items) => {
                                let texts: Vec<String> = items
                                    .iter()
                                    .map(|i| target(i).unwrap_or_default())
                                    .collect();
                                map.range_arrays.push((n, l, h, texts));
                            }
                            _ => {}
                        }
                    }
                }
                b"endcidchar" => {
                    for pair in ops.chunks_exact(2) {
                        if let (Operand::Str(src), Some(cid)) = (&pair[0], pair[1].num())
                            && let Some(c) = code(src)
                        {
                            map.cids.push((src.len() as u8, c, c, cid.max(0.0) as u32));
                        }
                    }
                }
                b"endcidrange" => {
                    for tri in ops.chunks_exact(3) {
                        if let (Operand::Str(lo), Operand::Str(hi), Some(cid)) =
                            (&tri[0], &tri[1], tri[2].num())
                            && let (Some(l), Some(h)) = (code(lo), code(hi))
                        {
                            map.cids.push((lo.len() as u8, l, h, cid.max(0.0) as u32));
                        }
                    }
                }
                _ => {}
            }
        }
        map.chars.sort_by_key(|(k, _)| *k);
        map
    }

    /// Whether the map maps anything to text.
    pub(crate) fn has_text(&self) -> bool {
        !self.chars.is_empty() || !self.ranges.is_empty() || !self.range_arrays.is_empty()
    }

    /// The text of a code of `n` bytes.
    pub(crate) fn lookup(&self, n: u8, c: u32) -> Option<String> {
        if let Ok(i) = self.chars.binary_search_by_key(&(n, c), |(k, _)| *k) {
            return Some(self.chars[i].1.clone());
        }
        for (len, lo, hi, first) in &self.ranges {
            if *len == n && (*lo..=*hi).contains(&c) {
                let mut units = first.clone();
                if let Some(last) = units.last_mut() {
                    *last = last.wrapping_add((c - lo) as u16);
                }
                return Some(decode_utf16(&units));
            }
        }
        for (len, lo, hi, texts) in &self.range_arrays {
            if *len == n && (*lo..=*hi).contains(&c) {
                return texts.get((c - lo) as usize).cloned();
            }
        }
        None
    }

    /// The CID of a code (embedded encoding CMaps).
    pub(crate) fn cid(&self, n: u8, c: u32) -> Option<u32> {
        self.cids
            .iter()
            .rev()
            .find(|(len, lo, hi, _)| *len == n && (*lo..=*hi).contains(&c))
            .map(|(_, lo, _, first)| first.saturating_add(c - lo))
    }

    /// The length of the code starting at `bytes`, by the codespace ranges (1 when none match).
    pub(crate) fn code_len(&self, bytes: &[u8]) -> usize {
        for n in 1..=4u8 {
            let Some(head) = bytes.get(..usize::from(n)) else {
                break;
            };
            let Some(c) = code(head) else { break };
            if self
                .codespace
                .iter()
                .any(|(len, lo, hi)| *len == n && in_range(n, c, *lo, *hi))
            {
                return usize::from(n);
            }
        }
        // No codespace says: the shortest length declared, else one byte.
        self.codespace
            .iter()
            .map(|(n, _, _)| usize::from(*n))
            .min()
            .unwrap_or(1)
    }
}

/// Codespace ranges are byte-wise: each byte must lie between the bounds' bytes.
fn in_range(n: u8, c: u32, lo: u32, hi: u32) -> bool {
    (0..n).all(|i| {
        let shift = 8 * u32::from(n - 1 - i);
        let (b, l, h) = (
            (c >> shift) & 0xff,
            (lo >> shift) & 0xff,
            (hi >> shift) & 0xff,
        );
        (l..=h).contains(&b)
    })
}

fn code(bytes: &[u8]) -> Option<u32> {
    if bytes.is_empty() || bytes.len() > 4 {
        return None;
    }
    Some(bytes.iter().fold(0u32, |a, &b| a << 8 | u32::from(b)))
}

fn utf16_units(bytes: &[u8]) -> Vec<u16> {
    bytes
        .chunks(2)
        .map(|p| u16::from_be_bytes([p[0], p.get(1).copied().unwrap_or(0)]))
        .collect()
}

pub(crate) fn decode_utf16(units: &[u16]) -> String {
    char::decode_utf16(units.iter().copied())
        .map(|r| r.unwrap_or(char::REPLACEMENT_CHARACTER))
        .collect()
}

fn target(op: &Operand) -> Option<String> {
    match op {
        Operand::Str(b) => Some(decode_utf16(&utf16_units(b))),
        Operand::Name(n) => super::encoding::glyph_name(n),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const TOUNICODE: &[u8] = b"/CIDInit /ProcSet findresource begin 12 dict begin begincmap
        /CMapName /Adobe-Identity-UCS def
        1 begincodespacerange <0000> <FFFF> endcodespacerange
        2 beginbfchar <0003> <0020> <0010> <4E2D> endbfchar
        2 beginbfrange <0020> <0022> <0041> <0030> <0031> [<0066006C> <5E74>] endbfrange
        endcmap";

    #[test]
    fn tounicode() {
        let m = CMap::parse(TOUNICODE);
        assert_eq!(m.lookup(2, 0x10).as_deref(), Some("中"));
        assert_eq!(m.lookup(2, 0x21).as_deref(), Some("B"));
        assert_eq!(m.lookup(2, 0x30).as_deref(), Some("fl"));
        assert_eq!(m.lookup(2, 0x31).as_deref(), Some("年"));
        assert_eq!(m.lookup(2, 0x40), None);
        assert_eq!(m.lookup(1, 0x10), None);
        assert_eq!(m.code_len(&[0, 0x10]), 2);
    }

    #[test]
    fn mixed_codespace() {
        let m = CMap::parse(
            b"2 begincodespacerange <00> <80> <8140> <FEFE> endcodespacerange
              1 begincidrange <8140> <817E> 100 endcidrange",
        );
        assert_eq!(m.code_len(b"A"), 1);
        assert_eq!(m.code_len(&[0x81, 0x41]), 2);
        assert_eq!(m.cid(2, 0x8141), Some(101));
    }
}
