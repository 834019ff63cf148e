//! The Unicode `cmap` of an embedded TrueType font, inverted (glyph → character): the text of a
//! composite font with Identity-H codes and no ToUnicode map, as viewers recover it.

use std::collections::HashMap;

const MAX_MAPPINGS: usize = 200_000;

fn u16_at(b: &[u8], at: usize) -> Option<u16> {
    Some(u16::from_be_bytes(b.get(at..at + 2)?.try_into().ok()?))
}

fn u32_at(b: &[u8], at: usize) -> Option<u32> {
    Some(u32::from_be_bytes(b.get(at..at + 4)?.try_into().ok()?))
}

/// Glyph id → character, from the font's Unicode subtable (format 4 or 12). Empty when the font
/// has none or cannot be read.
pub(crate) fn glyph_to_unicode(font: &[u8]) -> HashMap<u16, char> {
    let mut out = HashMap::new();
    let Some(cmap) = table(font, b"cmap") else {
        return out;
    };
    let Some(n) = u16_at(cmap, 2) else {
        return out;
    };
    // The best Unicode subtable: Windows full repertoire, Windows BMP, then Unicode platform.
    let mut best: Option<(u8, usize)> = None;
    for i in 0..usize::from(n) {
        let rec = 4 + 8 * i;
        let (Some(platform), Some(encoding), Some(offset)) = (
            u16_at(cmap, rec),
            u16_at(cmap, rec + 2),
            u32_at(cmap, rec + 4),
        ) else {
            break;
        };
        let rank = match (platform, encoding) {
            (3, 10) => 4,
            (3, 1) => 3,
            (0, _) => 2,
            _ => continue,
        };
        if best.is_none_or(|(r, _)| rank > r) {
            best = Some((rank, offset as usize));
        }
    }
    let Some((_, offset)) = best else {
        return out;
    };
    let Some(sub) = cmap.get(offset..) else {
        return out;
    };
    let mut put = |code: u32, gid: u32| {
        if gid != 0
            && out.len() < MAX_MAPPINGS
            && let (Ok(g), Some(c)) = (u16::try_from(gid), char::from_u32(code))
        {
            out.entry(g).or_insert(c);
        }
    };
    match u16_at(sub, 0) {
        Some(4) => {
            let Some(seg2) = u16_at(sub, 6).map(usize::from) else {
                return out;
            };
            let (ends, starts, deltas, ranges) = (14, 16 + seg2, 16 + 2 * seg2, 16 + 3 * seg2);
            for s in (0..seg2).step_by(2) {
                let (Some(end), Some(start), Some(delta), Some(range)) = (
                    u16_at(sub, ends + s),
                    u16_at(sub, starts + s),
                    u16_at(sub, deltas + s),
                    u16_at(sub, ranges + s),
                ) else {
                    break;
                };
                if start > end {
                    continue;
                }
                for c in start..=end {
                    if c == 0xffff {
                        break;
                    }
                    let gid = if range == 0 {
                        c.wrapping_add(delta)
                    } else {
                        let at = ranges + s + usize::from(range) + 2 * usize::from(c - start);
                        match u16_at(sub, at) {
                            Some(0) | None => continue,
                            Some(g) => g.wrapping_add(delta),
                        }
                    };
                    put(u32::from(c), u32::from(gid));
                }
            }
        }
        Some(12) => {
            let Some(groups) = u32_at(sub, 12) else {
                return out;
            };
            for g in 0..groups.min(100_000) as usize {
                let at = 16 + 12 * g;
                let (Some(start), Some(end), Some(gid)) =
                    (u32_at(sub, at), u32_at(sub, at + 4), u32_at(sub, at + 8))
                else {
                    break;
                };
                if end < start || end - start > 0x10_0000 {
                    continue;
                }
                for c in start..=end {
                    put(c, gid.saturating_add(c - start));
                }
            }
        }
        _ => {}
    }
    out
}

/// A table of a TrueType font by its tag.
fn table<'a>(font: &'a [u8], tag: &[u8; 4]) -> Option<&'a [u8]> {
    let n = u16_at(font, 4)?;
    for i in 0..usize::from(n) {
        let rec = 12 + 16 * i;
        if font.get(rec..rec + 4)? == tag {
            let offset = u32_at(font, rec + 8)? as usize;
            let len = u32_at(font, rec + 12)? as usize;
            return font.get(offset..offset.checked_add(len)?);
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A font with only a cmap table: format 4, one segment 中 (U+4E2D) → glyph 5, then the
    /// closing segment.
    fn font() -> Vec<u8> {
        let mut sub = Vec::new();
        for v in [4u16, 0, 0, 4, 4, 1, 0] {
            sub.extend_from_slice(&v.to_be_bytes()); // format, length, language, segX2, …
        }
        for v in [0x4e2du16, 0xffff, 0, 0x4e2d, 0xffff] {
            sub.extend_from_slice(&v.to_be_bytes()); // ends, pad, starts
        }
        for v in [5u16.wrapping_sub(0x4e2d), 1, 0, 0] {
            sub.extend_from_slice(&v.to_be_bytes()); // deltas, range offsets
        }
        let mut cmap = Vec::new();
        for v in [0u16, 1, 3, 1] {
            cmap.extend_from_slice(&v.to_be_bytes());
        }
        cmap.extend_from_slice(&12u32.to_be_bytes());
        cmap.extend_from_slice(&sub);
        let mut f = vec![0, 1, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0];
        f.extend_from_slice(b"cmap");
        f.extend_from_slice(&0u32.to_be_bytes());
        f.extend_from_slice(&28u32.to_be_bytes());
        f.extend_from_slice(&(cmap.len() as u32).to_be_bytes());
        f.extend_from_slice(&cmap);
        f
    }

    #[test]
    fn format_4() {
        let m = glyph_to_unicode(&font());
        assert_eq!(m.get(&5), Some(&'中'));
        assert_eq!(m.len(), 1);
        assert!(glyph_to_unicode(b"not a font").is_empty());
    }
}
