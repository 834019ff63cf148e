//! Stream filters with an output cap: a flate (or LZW, run-length) bomb inside a small PDF must
//! not take the memory of the machine. The parser library decodes without any limit, so every
//! stream this reader looks into (page contents, forms, ToUnicode maps, object streams) is decoded
//! here instead.

use std::fmt;

/// Why a stream could not be decoded.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum FilterError {
    /// The decoded data would exceed the cap.
    TooLarge,
    /// A filter this reader does not decode (image codecs, crypt filters).
    Unsupported,
}

impl fmt::Display for FilterError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            FilterError::TooLarge => f.write_str("stream too large when decoded"),
            FilterError::Unsupported => f.write_str("unsupported stream filter"),
        }
    }
}

/// Decodes `data` through the named filters in order. Corrupt data yields what was decoded
/// before the damage (a truncated file still shows its first pages).
pub(crate) fn decode(data: &[u8], filters: &[&[u8]], cap: usize) -> Result<Vec<u8>, FilterError> {
    let mut cur: Vec<u8> = Vec::new();
    let mut first = true;
    for &name in filters {
        let input: &[u8] = if first { data } else { &cur };
        let out = match name {
            b"FlateDecode" | b"Fl" => inflate(input, cap)?,
            b"LZWDecode" | b"LZW" => lzw(input, cap)?,
            b"ASCIIHexDecode" | b"AHx" => ascii_hex(input),
            b"ASCII85Decode" | b"A85" => ascii85(input),
            b"RunLengthDecode" | b"RL" => run_length(input, cap)?,
            _ => return Err(FilterError::Unsupported),
        };
        if out.len() > cap {
            return Err(FilterError::TooLarge);
        }
        cur = out;
        first = false;
    }
    if first {
        if data.len() > cap {
            return Err(FilterError::TooLarge);
        }
        return Ok(data.to_vec());
    }
    Ok(cur)
}

/// zlib (or raw deflate) data, at most `cap` bytes out.
pub(crate) fn inflate(data: &[u8], cap: usize) -> Result<Vec<u8>, FilterError> {
    let body = match data {
        [cmf, flg, rest @ ..]
            if cmf & 0x0f == 8 && (u16::from(*cmf) << 8 | u16::from(*flg)) % 31 == 0 =>
        {
            if flg & 0x20 != 0 {
                rest.get(4..).unwrap_or(&[])
            } else {
                rest
            }
        }
        _ => data,
    };
    let mut st = Inflater {
        input: body,
        pos: 0,
        bitbuf: 0,
        bitcnt: 0,
        out: Vec::with_capacity(body.len().saturating_mul(4).min(cap).min(1 << 20)),
        cap,
    };
    match st.run() {
        Ok(()) | Err(Stop::Corrupt) => Ok(st.out),
        Err(Stop::TooLarge) => Err(FilterError::TooLarge),
    }
}

enum Stop {
    Corrupt,
    TooLarge,
}

struct Inflater<'a> {
    input: &'a [u8],
    pos: usize,
    bitbuf: u32,
    bitcnt: u32,
    out: Vec<u8>,
    cap: usize,
}

/// A canonical Huffman code: the number of codes of each length and the symbols in code order.
struct Huffman {
    count: [u16; 16],
    symbol: Vec<u16>,
}

impl Huffman {
    fn new(lengths: &[u8]) -> Result<Huffman, Stop> {
        let mut count = [0u16; 16];
        for &l in lengths {
            count[usize::from(l)] += 1;
        }
        if usize::from(count[0]) == lengths.len() {
            return Ok(Huffman {
                count,
                symbol: Vec::new(),
            });
        }
        let mut left: i32 = 1;
        for &c in &count[1..] {
            left <<= 1;
            left -= i32::from(c);
            if left < 0 {
                return Err(Stop::Corrupt);
            }
        }
        let mut offs = [0u16; 16];
        for len in 1..15 {
            offs[len + 1] = offs[len] + count[len];
        }
        let mut symbol = vec![0u16; lengths.len()];
        for (sym, &l) in lengths.iter().enumerate() {
            if l != 0 {
                let o = &mut offs[usize::from(l)];
                if let Some(slot) = symbol.get_mut(usize::from(*o)) {
                    *slot = sym as u16;
                }
                *o += 1;
            }
        }
        Ok(Huffman { count, symbol })
    }
}

const LBASE: [u16; 29] = [
    3, 4, 5, 6, 7, 8, 9, 10, 11, 13, 15, 17, 19, 23, 27, 31, 35, 43, 51, 59, 67, 83, 99, 115, 131,
    163, 195, 227, 258,
];
const LEXT: [u8; 29] = [
    0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3, 4, 4, 4, 4, 5, 5, 5, 5, 0,
];
const DBASE: [u16; 30] = [
    1, 2, 3, 4, 5, 7, 9, 13, 17, 25, 33, 49, 65, 97, 129, 193, 257, 385, 513, 769, 1025, 1537,
    2049, 3073, 4097, 6145, 8193, 12289, 16385, 24577,
];
const DEXT: [u8; 30] = [
    0, 0, 0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6, 7, 7, 8, 8, 9, 9, 10, 10, 11, 11, 12, 12, 13,
    13,
];

impl Inflater<'_> {
    fn bits(&mut self, need: u32) -> Result<u32, Stop> {
        let mut val = self.bitbuf;
        while self.bitcnt < need {
            let Some(&b) = self.input.get(self.pos) else {
                return Err(Stop::Corrupt);
            };
            self.pos += 1;
            val |= u32::from(b) << self.bitcnt;
            self.bitcnt += 8;
        }
        self.bitbuf = if need >= 32 { 0 } else { val >> need };
        self.bitcnt -= need;
        Ok(if need >= 32 {
            val
        } else {
            val & ((1 << need) - 1)
        })
    }

    fn push(&mut self, b: u8) -> Result<(), Stop> {
        if self.out.len() >= self.cap {
            return Err(Stop::TooLarge);
        }
        self.out.push(b);
        Ok(())
    }

    fn decode(&mut self, h: &Huffman) -> Result<u16, Stop> {
        let mut code: i32 = 0;
        let mut first: i32 = 0;
        let mut index: i32 = 0;
        for len in 1..16 {
            code |= self.bits(1)? as i32;
            let count = i32::from(h.count[len]);
            if code - count < first {
                return h
                    .symbol
                    .get((index + (code - first)) as usize)
                    .copied()
                    .ok_or(Stop::Corrupt);
            }
            index += count;
            first += count;
            first <<= 1;
            code <<= 1;
        }
        Err(Stop::Corrupt)
    }

    fn run(&mut self) -> Result<(), Stop> {
        loop {
            let last = self.bits(1)?;
            match self.bits(2)? {
                0 => self.stored()?,
                1 => {
                    let mut lengths = [0u8; 288];
                    lengths[..144].fill(8);
                    lengths[144..256].fill(9);
                    lengths[256..280].fill(7);
                    lengths[280..].fill(8);
                    let lencode = Huffman::new(&lengths)?;
                    let distcode = Huffman::new(&[5u8; 30])?;
                    self.codes(&lencode, &distcode)?;
                }
                2 => self.dynamic()?,
                _ => return Err(Stop::Corrupt),
            }
            if last == 1 {
                return Ok(());
            }
        }
    }

    fn stored(&mut self) -> Result<(), Stop> {
        self.bitbuf = 0;
        self.bitcnt = 0;
        let hdr = self
            .input
            .get(self.pos..self.pos + 4)
            .ok_or(Stop::Corrupt)?;
        let len = usize::from(u16::from_le_bytes([hdr[0], hdr[1]]));
        let nlen = u16::from_le_bytes([hdr[2], hdr[3]]);
        if len as u16 != !nlen {
            return Err(Stop::Corrupt);
        }
        self.pos += 4;
        let avail = self.input.len().saturating_sub(self.pos);
        let take = len.min(avail);
        if self.out.len() + take > self.cap {
            return Err(Stop::TooLarge);
        }
        self.out
            .extend_from_slice(&self.input[self.pos..self.pos + take]);
        self.pos += take;
        if take < len {
            return Err(Stop::Corrupt);
        }
        Ok(())
    }

    fn dynamic(&mut self) -> Result<(), Stop> {
        const ORDER: [usize; 19] = [
            16, 17, 18, 0, 8, 7, 9, 6, 10, 5, 11, 4, 12, 3, 13, 2, 14, 1, 15,
        ];
        let nlen = self.bits(5)? as usize + 257;
        let ndist = self.bits(5)? as usize + 1;
        let ncode = self.bits(4)? as usize + 4;
        if nlen > 286 || ndist > 30 {
            return Err(Stop::Corrupt);
        }
        let mut lengths = [0u8; 320];
        for &o in ORDER.iter().take(ncode) {
            lengths[o] = self.bits(3)? as u8;
        }
        let lencode = Huffman::new(&lengths[..19])?;
        let mut index = 0;
        lengths = [0u8; 320];
        while index < nlen + ndist {
            let sym = self.decode(&lencode)?;
            if sym < 16 {
                lengths[index] = sym as u8;
                index += 1;
            } else {
                let (len, rep) = match sym {
                    16 => {
                        if index == 0 {
                            return Err(Stop::Corrupt);
                        }
                        (lengths[index - 1], 3 + self.bits(2)?)
                    }
                    17 => (0, 3 + self.bits(3)?),
                    _ => (0, 11 + self.bits(7)?),
                };
                let rep = rep as usize;
                if index + rep > nlen + ndist {
                    return Err(Stop::Corrupt);
                }
                lengths[index..index + rep].fill(len);
                index += rep;
            }
        }
        if lengths[256] == 0 {
            return Err(Stop::Corrupt);
        }
        let lencode = Huffman::new(&lengths[..nlen])?;
        let distcode = Huffman::new(&lengths[nlen..nlen + ndist])?;
        self.codes(&lencode, &distcode)
    }

    fn codes(&mut self, lencode: &Huffman, distcode: &Huffman) -> Result<(), Stop> {
        loop {
            let sym = self.decode(lencode)?;
            if sym < 256 {
                self.push(sym as u8)?;
            } else if sym == 256 {
                return Ok(());
            } else {
                let i = usize::from(sym - 257);
                if i >= 29 {
                    return Err(Stop::Corrupt);
                }
                let len = usize::from(LBASE[i]) + self.bits(u32::from(LEXT[i]))? as usize;
                let d = usize::from(self.decode(distcode)?);
                if d >= 30 {
                    return Err(Stop::Corrupt);
                }
                let dist = usize::from(DBASE[d]) + self.bits(u32::from(DEXT[d]))? as usize;
                if dist > self.out.len() {
                    return Err(Stop::Corrupt);
                }
                if self.out.len() + len > self.cap {
                    return Err(Stop::TooLarge);
                }
                let start = self.out.len() - dist;
                for k in 0..len {
                    let b = self.out[start + k];
                    self.out.push(b);
                }
            }
        }
    }
}

/// LZW as PDF uses it (MSB first, early change), at most `cap` bytes out.
fn lzw(data: &[u8], cap: usize) -> Result<Vec<u8>, FilterError> {
    let mut out = Vec::new();
    let mut table: Vec<(u16, u8, u16)> = Vec::with_capacity(4096); // (prefix, last byte, length)
    let reset = |t: &mut Vec<(u16, u8, u16)>| {
        t.clear();
        for b in 0..=255u8 {
            t.push((u16::MAX, b, 1));
        }
        t.push((u16::MAX, 0, 0)); // 256 clear
        t.push((u16::MAX, 0, 0)); // 257 end
    };
    reset(&mut table);
    let mut width = 9u32;
    let mut acc: u32 = 0;
    let mut nacc = 0u32;
    let mut prev: Option<u16> = None;
    let mut buf = Vec::new();
    let expand = |table: &[(u16, u8, u16)], code: u16, buf: &mut Vec<u8>| {
        buf.clear();
        let mut c = code;
        while let Some(&(p, b, _)) = table.get(usize::from(c)) {
            buf.push(b);
            if p == u16::MAX || buf.len() > 4096 {
                break;
            }
            c = p;
        }
        buf.reverse();
    };
    for &byte in data {
        acc = (acc << 8) | u32::from(byte);
        nacc += 8;
        while nacc >= width {
            let code = ((acc >> (nacc - width)) & ((1 << width) - 1)) as u16;
            nacc -= width;
            match code {
                256 => {
                    reset(&mut table);
                    width = 9;
                    prev = None;
                    continue;
                }
                257 => return Ok(out),
                _ => {}
            }
            let known = usize::from(code) < table.len();
            match (prev, known) {
                (_, true) => {
                    expand(&table, code, &mut buf);
                    if let Some(p) = prev
                        && table.len() < 4096
                    {
                        let len = table[usize::from(p)].2.saturating_add(1);
                        table.push((p, buf[0], len));
                    }
                }
                (Some(p), false) if usize::from(code) == table.len() => {
                    expand(&table, p, &mut buf);
                    let first = buf.first().copied().unwrap_or(0);
                    buf.push(first);
                    if table.len() < 4096 {
                        let len = table[usize::from(p)].2.saturating_add(1);
                        table.push((p, first, len));
                    }
                }
                _ => return Ok(out),
            }
            if out.len() + buf.len() > cap {
                return Err(FilterError::TooLarge);
            }
            out.extend_from_slice(&buf);
            prev = Some(code);
            width = match table.len() + 1 {
                n if n >= 2048 => 12,
                n if n >= 1024 => 11,
                n if n >= 512 => 10,
                _ => 9,
            };
        }
    }
    Ok(out)
}

fn ascii_hex(data: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(data.len() / 2);
    let mut hi: Option<u8> = None;
    for &b in data {
        if b == b'>' {
            break;
        }
        let Some(v) = (b as char).to_digit(16) else {
            continue;
        };
        match hi.take() {
            Some(h) => out.push(h << 4 | v as u8),
            None => hi = Some(v as u8),
        }
    }
    if let Some(h) = hi {
        out.push(h << 4);
    }
    out
}

fn ascii85(data: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(data.len() * 4 / 5);
    let mut group = [0u8; 5];
    let mut n = 0;
    let body = data.strip_prefix(b"<~").unwrap_or(data);
    for &b in body {
        match b {
            b'~' => break,
            b'z' if n == 0 => out.extend_from_slice(&[0; 4]),
            b'!'..=b'u' => {
                group[n] = b - b'!';
                n += 1;
                if n == 5 {
                    let v = group.iter().fold(0u64, |a, &d| a * 85 + u64::from(d));
                    out.extend_from_slice(&(v as u32).to_be_bytes());
                    n = 0;
                }
            }
            _ => {}
        }
    }
    if n > 1 {
        for slot in group.iter_mut().skip(n) {
            *slot = 84;
        }
        let v = group.iter().fold(0u64, |a, &d| a * 85 + u64::from(d));
        out.extend_from_slice(&(v as u32).to_be_bytes()[..n - 1]);
    }
    out
}

fn run_length(data: &[u8], cap: usize) -> Result<Vec<u8>, FilterError> {
    let mut out = Vec::new();
    let mut i = 0;
    while let Some(&len) = data.get(i) {
        i += 1;
        match len {
            128 => break,
            0..=127 => {
                let n = usize::from(len) + 1;
                let end = (i + n).min(data.len());
                out.extend_from_slice(&data[i..end]);
                i = end;
            }
            _ => {
                let n = 257 - usize::from(len);
                let Some(&b) = data.get(i) else { break };
                i += 1;
                out.resize(out.len() + n, b);
            }
        }
        if out.len() > cap {
            return Err(FilterError::TooLarge);
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    // zlib.compress(b"hello hello hello hello", 9)
    const HELLO: &[u8] = &[
        0x78, 0xda, 0xcb, 0x48, 0xcd, 0xc9, 0xc9, 0x57, 0xc8, 0x40, 0x27, 0x01, 0x68, 0x03, 0x08,
        0xb1,
    ];

    #[test]
    fn inflates_zlib_and_respects_the_cap() {
        assert_eq!(inflate(HELLO, 100).unwrap(), b"hello hello hello hello");
        assert_eq!(inflate(HELLO, 10), Err(FilterError::TooLarge));
        // Damaged: what came before the damage.
        let cut = inflate(&HELLO[..8], 100).unwrap();
        assert!(b"hello hello hello hello".starts_with(&cut));
    }

    #[test]
    fn ascii_filters() {
        assert_eq!(ascii_hex(b"48 65 6C6C6F>"), b"Hello");
        assert_eq!(ascii85(b"<~87cURD]i,\"Ebo7~>"), b"Hello World");
        assert_eq!(
            run_length(&[2, b'a', b'b', b'c', 254, b'x', 128], 100).unwrap(),
            b"abcxxx"
        );
    }

    #[test]
    fn lzw_example_from_the_spec() {
        // PDF 32000-1, 7.4.4.2: 2D 2D 2D 2D 2D 41 2D 2D 2D 42 encodes to 80 0B 60 50 22 0C 0C 85 01.
        let out = lzw(&[0x80, 0x0B, 0x60, 0x50, 0x22, 0x0C, 0x0C, 0x85, 0x01], 100).unwrap();
        assert_eq!(
            out,
            [0x2D, 0x2D, 0x2D, 0x2D, 0x2D, 0x41, 0x2D, 0x2D, 0x2D, 0x42]
        );
    }
}
