//! A tolerant tokenizer of content streams: operands and operators, never failing (bytes it
//! cannot read are skipped), with bounded operand stacks, arrays and nesting.

/// An operand of a content-stream operator.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Operand {
    Num(f32),
    Name(Vec<u8>),
    Str(Vec<u8>),
    Array(Vec<Operand>),
    /// A dictionary, boolean or null: kept only as a placeholder.
    Other,
}

impl Operand {
    pub(crate) fn num(&self) -> Option<f32> {
        match self {
            Operand::Num(n) if n.is_finite() => Some(*n),
            _ => None,
        }
    }
}

const MAX_OPERANDS: usize = 64;
const MAX_ARRAY: usize = 200_000;
const MAX_DEPTH: usize = 16;

pub(crate) struct Lexer<'a> {
    data: &'a [u8],
    pos: usize,
    max_operands: usize,
}

fn is_white(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\r' | b'\n' | b'\x0c' | b'\0')
}

fn is_delim(b: u8) -> bool {
    matches!(
        b,
        b'(' | b')' | b'<' | b'>' | b'[' | b']' | b'{' | b'}' | b'/' | b'%'
    )
}

impl<'a> Lexer<'a> {
    pub(crate) fn new(data: &'a [u8]) -> Lexer<'a> {
        Lexer::with_max_operands(data, MAX_OPERANDS)
    }

    /// A lexer keeping up to `max_operands` operands per operator (CMaps list hundreds).
    pub(crate) fn with_max_operands(data: &'a [u8], max_operands: usize) -> Lexer<'a> {
        Lexer {
            data,
            pos: 0,
            max_operands,
        }
    }

    /// The next operator, its operands in `ops` (cleared first). `None` at the end.
    pub(crate) fn next_op(&mut self, ops: &mut Vec<Operand>) -> Option<Vec<u8>> {
        ops.clear();
        loop {
            self.skip_white();
            let b = *self.data.get(self.pos)?;
            if let Some(op) = self.operand(b, 0) {
                if ops.len() < self.max_operands {
                    ops.push(op);
                }
                continue;
            }
            // An operator (or a stray delimiter, skipped).
            if is_delim(b) {
                self.pos += 1;
                continue;
            }
            let start = self.pos;
            while let Some(&c) = self.data.get(self.pos) {
                if is_white(c) || is_delim(c) {
                    break;
                }
                self.pos += 1;
            }
            let word = &self.data[start..self.pos];
            match word {
                b"true" | b"false" | b"null" => {
                    if ops.len() < self.max_operands {
                        ops.push(Operand::Other);
                    }
                }
                b"BI" => {
                    self.skip_inline_image();
                    return Some(b"BI".to_vec());
                }
                _ => return Some(word.to_vec()),
            }
        }
    }

    fn skip_white(&mut self) {
        while let Some(&b) = self.data.get(self.pos) {
            if is_white(b) {
                self.pos += 1;
            } else if b == b'%' {
                while let Some(&c) = self.data.get(self.pos) {
                    if c == b'\n' || c == b'\r' {
                        break;
                    }
                    self.pos += 1;
                }
            } else {
                break;
            }
        }
    }

    /// An operand starting at the current position, or `None` if an operator starts here.
    fn operand(&mut self, b: u8, depth: usize) -> Option<Operand> {
        match b {
            b'0'..=b'9' | b'+' | b'-' | b'.' => self.number(),
            b'/' => {
                self.pos += 1;
                let start = self.pos;
                while let Some(&c) = self.data.get(self.pos) {
                    if is_white(c) || is_delim(c) {
                        break;
                    }
                    self.pos += 1;
                }
                Some(Operand::Name(unescape_name(&self.data[start..self.pos])))
            }
            b'(' => Some(Operand::Str(self.literal())),
            b'<' if self.data.get(self.pos + 1) == Some(&b'<') => {
                self.skip_dict();
                Some(Operand::Other)
            }
            b'<' => Some(Operand::Str(self.hex())),
            b'[' => {
                self.pos += 1;
                let mut items = Vec::new();
                loop {
                    self.skip_white();
                    let Some(&c) = self.data.get(self.pos) else {
                        break;
                    };
                    if c == b']' {
                        self.pos += 1;
                        break;
                    }
                    if depth >= MAX_DEPTH {
                        self.pos += 1;
                        continue;
                    }
                    match self.operand(c, depth + 1) {
                        Some(op) => {
                            if items.len() < MAX_ARRAY {
                                items.push(op);
                            }
                        }
                        None => {
                            // An operator inside an array: the array is unterminated.
                            if c.is_ascii_alphabetic() || c == b'\'' || c == b'"' {
                                break;
                            }
                            self.pos += 1;
                        }
                    }
                }
                Some(Operand::Array(items))
            }
            _ => None,
        }
    }

    fn number(&mut self) -> Option<Operand> {
        let start = self.pos;
        while let Some(&c) = self.data.get(self.pos) {
            if c.is_ascii_digit() || matches!(c, b'+' | b'-' | b'.' | b'e' | b'E') {
                self.pos += 1;
            } else {
                break;
            }
        }
        let text = std::str::from_utf8(&self.data[start..self.pos]).unwrap_or("");
        // Tolerate `--5`, `1.2.3` and the like as 0 (as viewers do).
        let n = text.parse::<f32>().unwrap_or_else(|_| {
            let t = text.trim_start_matches(['+', '-']);
            let neg = text.starts_with('-');
            let head: String = t
                .chars()
                .take_while(|c| c.is_ascii_digit() || *c == '.')
                .collect();
            let mut parts = head.splitn(3, '.');
            let int = parts.next().unwrap_or("");
            let frac = parts.next().unwrap_or("");
            let v = format!("{}.{}", if int.is_empty() { "0" } else { int }, frac)
                .parse::<f32>()
                .unwrap_or(0.0);
            if neg { -v } else { v }
        });
        if start == self.pos {
            self.pos += 1;
        }
        Some(Operand::Num(n))
    }

    fn literal(&mut self) -> Vec<u8> {
        self.pos += 1;
        let mut out = Vec::new();
        let mut depth = 1usize;
        while let Some(&c) = self.data.get(self.pos) {
            self.pos += 1;
            match c {
                b'(' => {
                    depth += 1;
                    out.push(c);
                }
                b')' => {
                    depth -= 1;
                    if depth == 0 {
                        break;
                    }
                    out.push(c);
                }
                b'\\' => {
                    let Some(&e) = self.data.get(self.pos) else {
                        break;
                    };
                    self.pos += 1;
                    match e {
                        b'n' => out.push(b'\n'),
                        b'r' => out.push(b'\r'),
                        b't' => out.push(b'\t'),
                        b'b' => out.push(8),
                        b'f' => out.push(12),
                        b'\r' => {
                            if self.data.get(self.pos) == Some(&b'\n') {
                                self.pos += 1;
                            }
                        }
                        b'\n' => {}
                        b'0'..=b'7' => {
                            let mut v = u32::from(e - b'0');
                            for _ in 0..2 {
                                match self.data.get(self.pos) {
                                    Some(&d @ b'0'..=b'7') => {
                                        v = v * 8 + u32::from(d - b'0');
                                        self.pos += 1;
                                    }
                                    _ => break,
                                }
                            }
                            out.push(v as u8);
                        }
                        other => out.push(other),
                    }
                }
                _ => out.push(c),
            }
        }
        out
    }

    fn hex(&mut self) -> Vec<u8> {
        self.pos += 1;
        let mut out = Vec::new();
        let mut hi: Option<u8> = None;
        while let Some(&c) = self.data.get(self.pos) {
            self.pos += 1;
            if c == b'>' {
                break;
            }
            if let Some(v) = (c as char).to_digit(16) {
                match hi.take() {
                    Some(h) => out.push(h << 4 | v as u8),
                    None => hi = Some(v as u8),
                }
            }
        }
        if let Some(h) = hi {
            out.push(h << 4);
        }
        out
    }

    fn skip_dict(&mut self) {
        let mut depth = 0usize;
        while let Some(&c) = self.data.get(self.pos) {
            match c {
                b'<' if self.data.get(self.pos + 1) == Some(&b'<') => {
                    depth += 1;
                    self.pos += 2;
                }
                b'>' if self.data.get(self.pos + 1) == Some(&b'>') => {
                    self.pos += 2;
                    depth = depth.saturating_sub(1);
                    if depth == 0 {
                        return;
                    }
                }
                b'(' => {
                    self.literal();
                }
                _ => self.pos += 1,
            }
        }
    }

    /// Skips `… ID <data> EI` after `BI`.
    fn skip_inline_image(&mut self) {
        // Find the `ID` operator.
        while self.pos + 1 < self.data.len() {
            if self.data[self.pos] == b'I'
                && self.data[self.pos + 1] == b'D'
                && self.pos > 0
                && is_white(self.data[self.pos - 1])
                && self.data.get(self.pos + 2).is_none_or(|&c| is_white(c))
            {
                self.pos += 3;
                break;
            }
            if self.data[self.pos] == b'(' {
                self.literal();
                continue;
            }
            self.pos += 1;
        }
        // Find `EI` between white space.
        while self.pos + 1 < self.data.len() {
            if self.data[self.pos] == b'E'
                && self.data[self.pos + 1] == b'I'
                && is_white(self.data[self.pos - 1])
                && self
                    .data
                    .get(self.pos + 2)
                    .is_none_or(|&c| is_white(c) || is_delim(c))
            {
                self.pos += 2;
                return;
            }
            self.pos += 1;
        }
        self.pos = self.data.len();
    }
}

fn unescape_name(raw: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(raw.len());
    let mut i = 0;
    while i < raw.len() {
        if raw[i] == b'#'
            && let Some(h) = raw.get(i + 1..i + 3)
            && let Ok(s) = std::str::from_utf8(h)
            && let Ok(v) = u8::from_str_radix(s, 16)
        {
            out.push(v);
            i += 3;
            continue;
        }
        out.push(raw[i]);
        i += 1;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn all(data: &[u8]) -> Vec<(String, Vec<Operand>)> {
        let mut lx = Lexer::new(data);
        let mut ops = Vec::new();
        let mut out = Vec::new();
        while let Some(op) = lx.next_op(&mut ops) {
            out.push((String::from_utf8_lossy(&op).into_owned(), ops.clone()));
        }
        out
    }

    #[test]
    fn operators_and_operands() {
        let got = all(b"BT /F1 12 Tf 1 0 0 1 72.5 -3 Tm [(a\\(b) -250 <4E2D>] TJ ET");
        assert_eq!(got[1].0, "Tf");
        assert_eq!(
            got[1].1,
            vec![Operand::Name(b"F1".to_vec()), Operand::Num(12.0)]
        );
        assert_eq!(got[2].1[5], Operand::Num(-3.0));
        assert_eq!(
            got[3].1,
            vec![Operand::Array(vec![
                Operand::Str(b"a(b".to_vec()),
                Operand::Num(-250.0),
                Operand::Str(vec![0x4e, 0x2d])
            ])]
        );
        assert_eq!(got.len(), 5);
    }

    #[test]
    fn inline_images_and_garbage_are_skipped() {
        let got = all(b"q BI /W 2 /H 1 /BPC 8 /CS /G ID \x00EI\xff EI Q ) ] 1 2 Td");
        let names: Vec<&str> = got.iter().map(|(o, _)| o.as_str()).collect();
        assert_eq!(names, ["q", "BI", "Q", "Td"]);
    }

    #[test]
    fn unterminated_things_end() {
        assert_eq!(all(b"(abc").len(), 0);
        assert_eq!(all(b"[1 2 Tj").len(), 1);
        assert_eq!(all(b"<< /A (x").len(), 0);
    }
}
