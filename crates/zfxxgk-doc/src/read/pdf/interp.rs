//! Runs a page's content stream far enough to know where each glyph is: the text operators
//! (Tj, TJ, ', ", Td, TD, Tm, T*, TL, Tc, Tw, Tz, Ts, Tf), the graphics state (q, Q, cm), form
//! XObjects, and enough of paths and images to see table rules and scanned pages. Work is bounded
//! by operation and glyph budgets; a page past them is cut and says so.

use std::collections::HashMap;
use std::rc::Rc;

use lopdf::{Dictionary, Document, Object};

use super::font::{Code, Font};
use super::lexer::{Lexer, Operand};
use super::objects::{self, dict, get, name, resolve};

/// Bounds on the work for one page.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Budget {
    /// Content-stream operations, nested forms included.
    pub(crate) ops: usize,
    /// Glyphs kept.
    pub(crate) glyphs: usize,
    /// Decoded bytes of one content stream.
    pub(crate) stream_bytes: usize,
}

/// A glyph where it is seen: page space with the origin at the top left, y downwards.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Glyph {
    /// Left end of the glyph (its origin).
    pub(crate) x: f32,
    /// Baseline.
    pub(crate) y: f32,
    /// Right end (origin plus advance).
    pub(crate) end: f32,
    /// Font size as seen (the glyph's height in page units).
    pub(crate) size: f32,
    /// The text; `None` when the font gives no way to know it.
    pub(crate) text: Option<String>,
    /// False when the text is a guess from an embedded font's internal codes.
    pub(crate) reliable: bool,
}

/// A vertical rule (a table's column border) in page space.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Rule {
    pub(crate) x: f32,
    pub(crate) top: f32,
    pub(crate) bottom: f32,
}

/// A horizontal rule (a table's row border) in page space.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct HRule {
    pub(crate) y: f32,
    pub(crate) left: f32,
    pub(crate) right: f32,
}

/// What a page shows.
#[derive(Debug, Default)]
pub(crate) struct Page {
    pub(crate) glyphs: Vec<Glyph>,
    /// Glyphs not upright (rotated stamps, vertical text), left out of `glyphs`.
    pub(crate) skewed: usize,
    pub(crate) rules: Vec<Rule>,
    pub(crate) hrules: Vec<HRule>,
    /// Share of the page covered by images (may exceed 1 with overlaps).
    pub(crate) image_cover: f32,
    /// The operation or glyph budget ran out.
    pub(crate) cut: bool,
    /// A content stream could not be decoded (damaged or too large).
    pub(crate) damaged: bool,
    pub(crate) width: f32,
    pub(crate) height: f32,
    /// Operations run.
    pub(crate) ops: usize,
}

#[derive(Debug, Clone, Copy, PartialEq)]
struct Matrix([f32; 6]);

impl Matrix {
    const IDENTITY: Matrix = Matrix([1.0, 0.0, 0.0, 1.0, 0.0, 0.0]);

    /// `self` then `other` (row vectors: p × self × other).
    fn then(&self, o: &Matrix) -> Matrix {
        let [a, b, c, d, e, f] = self.0;
        let [a2, b2, c2, d2, e2, f2] = o.0;
        Matrix([
            a * a2 + b * c2,
            a * b2 + b * d2,
            c * a2 + d * c2,
            c * b2 + d * d2,
            e * a2 + f * c2 + e2,
            e * b2 + f * d2 + f2,
        ])
    }

    fn apply(&self, x: f32, y: f32) -> (f32, f32) {
        let [a, b, c, d, e, f] = self.0;
        (a * x + c * y + e, b * x + d * y + f)
    }

    fn from_operands(ops: &[Operand]) -> Option<Matrix> {
        let v: Vec<f32> = ops.iter().filter_map(Operand::num).collect();
        let m: [f32; 6] = v.get(v.len().checked_sub(6)?..)?.try_into().ok()?;
        Some(Matrix(m))
    }
}

#[derive(Debug, Clone)]
struct State {
    ctm: Matrix,
    font: Option<Rc<Font>>,
    size: f32,
    char_space: f32,
    word_space: f32,
    hscale: f32,
    leading: f32,
    rise: f32,
}

/// Fonts already read, by object (shared across pages).
#[derive(Debug, Default)]
pub(crate) struct FontCache {
    fonts: HashMap<usize, Rc<Font>>,
}

pub(crate) struct Interp<'a> {
    doc: &'a Document,
    budget: Budget,
    ops_used: usize,
    page: Page,
    state: State,
    stack: Vec<State>,
    tm: Matrix,
    tlm: Matrix,
    path: Vec<(f32, f32, f32, f32)>,
    last: (f32, f32),
    codes: Vec<Code>,
}

/// Runs one page: its content streams in order, with the page's resources.
pub(crate) fn run_page(
    doc: &Document,
    page: &Dictionary,
    resources: Option<&Dictionary>,
    fonts: &mut FontCache,
    budget: Budget,
) -> Page {
    let bx = page_box(doc, page);
    let rotate = inherited(doc, page, b"Rotate")
        .and_then(objects::number)
        .map_or(0, |r| (r as i64).rem_euclid(360));
    let [x0, y0, x1, y1] = bx;
    // User space to the page as seen (origin top left, y down), rotation included.
    let (base, width, height) = match rotate {
        90 => (Matrix([0.0, 1.0, 1.0, 0.0, -y0, -x0]), y1 - y0, x1 - x0),
        180 => (Matrix([-1.0, 0.0, 0.0, 1.0, x1, -y0]), x1 - x0, y1 - y0),
        270 => (Matrix([0.0, -1.0, -1.0, 0.0, y1, x1]), y1 - y0, x1 - x0),
        _ => (Matrix([1.0, 0.0, 0.0, -1.0, -x0, y1]), x1 - x0, y1 - y0),
    };
    let mut it = Interp {
        doc,
        budget,
        ops_used: 0,
        page: Page {
            width,
            height,
            ..Page::default()
        },
        state: State {
            ctm: base,
            font: None,
            size: 0.0,
            char_space: 0.0,
            word_space: 0.0,
            hscale: 1.0,
            leading: 0.0,
            rise: 0.0,
        },
        stack: Vec::new(),
        tm: Matrix::IDENTITY,
        tlm: Matrix::IDENTITY,
        path: Vec::new(),
        last: (0.0, 0.0),
        codes: Vec::new(),
    };
    let mut content = Vec::new();
    let streams: Vec<&Object> = match page.get(b"Contents").map(|o| resolve(doc, o)) {
        Ok(Object::Array(items)) => items.iter().collect(),
        Ok(o) => vec![o],
        Err(_) => Vec::new(),
    };
    for s in streams {
        if let Object::Stream(s) = resolve(doc, s) {
            match objects::stream_data(doc, s, budget.stream_bytes) {
                Ok(data) => {
                    if content.len() + data.len() > budget.stream_bytes {
                        it.page.damaged = true;
                        break;
                    }
                    content.extend_from_slice(&data);
                    // Streams of one page are one program, split anywhere but between tokens.
                    content.push(b'\n');
                }
                Err(_) => it.page.damaged = true,
            }
        }
    }
    it.run(&content, resources, fonts, 0);
    it.page.ops = it.ops_used;
    it.page
}

/// The crop box (else the media box) of a page, inherited from its parents.
fn page_box(doc: &Document, page: &Dictionary) -> [f32; 4] {
    for key in [&b"CropBox"[..], b"MediaBox"] {
        if let Some(Object::Array(a)) = inherited(doc, page, key) {
            let v = objects::numbers(doc, a);
            if let [a, b, c, d] = v[..] {
                let (x0, x1) = (a.min(c), a.max(c));
                let (y0, y1) = (b.min(d), b.max(d));
                if x1 - x0 > 1.0 && y1 - y0 > 1.0 && x1 - x0 < 20_000.0 && y1 - y0 < 20_000.0 {
                    return [x0, y0, x1, y1];
                }
            }
        }
    }
    [0.0, 0.0, 612.0, 792.0]
}

/// A page attribute, looked up through the page tree (a bounded number of parents).
pub(crate) fn inherited<'a>(
    doc: &'a Document,
    page: &'a Dictionary,
    key: &[u8],
) -> Option<&'a Object> {
    let mut node = page;
    for _ in 0..64 {
        if let Some(o) = get(doc, node, key) {
            return Some(o);
        }
        node = dict(doc, node, b"Parent")?;
    }
    None
}

fn font_key(obj: &Object, resources: &Dictionary, fname: &[u8]) -> usize {
    match obj {
        Object::Reference((n, g)) => (*n as usize) << 16 | usize::from(*g),
        _ => {
            // A direct font dictionary: keyed by where it lives, plus its name.
            let mut h = std::ptr::from_ref(resources) as usize;
            for &b in fname {
                h = h.wrapping_mul(31).wrapping_add(usize::from(b));
            }
            h | 1 << 63
        }
    }
}

impl Interp<'_> {
    fn run(
        &mut self,
        data: &[u8],
        resources: Option<&Dictionary>,
        fonts: &mut FontCache,
        depth: usize,
    ) {
        let mut lx = Lexer::new(data);
        let mut ops = Vec::new();
        while let Some(op) = lx.next_op(&mut ops) {
            self.ops_used += 1;
            if self.ops_used > self.budget.ops || self.page.glyphs.len() > self.budget.glyphs {
                self.page.cut = true;
                return;
            }
            self.op(&op, &ops, resources, fonts, depth);
        }
    }

    fn op(
        &mut self,
        op: &[u8],
        ops: &[Operand],
        resources: Option<&Dictionary>,
        fonts: &mut FontCache,
        depth: usize,
    ) {
        let n = |i: usize| -> f32 {
            ops.len()
                .checked_sub(i)
                .and_then(|k| ops.get(k))
                .and_then(Operand::num)
                .unwrap_or(0.0)
        };
        let st = &mut self.state;
        match op {
            b"q" if self.stack.len() < 256 => self.stack.push(st.clone()),
            b"Q" => {
                if let Some(s) = self.stack.pop() {
                    self.state = s;
                }
            }
            b"cm" => {
                if let Some(m) = Matrix::from_operands(ops) {
                    st.ctm = m.then(&st.ctm);
                }
            }
            b"BT" => {
                self.tm = Matrix::IDENTITY;
                self.tlm = Matrix::IDENTITY;
            }
            b"Tf" => {
                st.size = n(1);
                let fname = ops.iter().rev().find_map(|o| match o {
                    Operand::Name(x) => Some(x.as_slice()),
                    _ => None,
                });
                let font = self.font(resources, fname.unwrap_or(b""), fonts);
                self.state.font = Some(font);
            }
            b"Tc" => st.char_space = n(1),
            b"Tw" => st.word_space = n(1),
            b"Tz" => st.hscale = n(1) / 100.0,
            b"TL" => st.leading = n(1),
            b"Ts" => st.rise = n(1),
            b"Td" => self.td(n(2), n(1)),
            b"TD" => {
                st.leading = -n(1);
                self.td(n(2), n(1));
            }
            b"Tm" => {
                if let Some(m) = Matrix::from_operands(ops) {
                    self.tm = m;
                    self.tlm = m;
                }
            }
            b"T*" => {
                let l = st.leading;
                self.td(0.0, -l);
            }
            b"Tj" => {
                if let Some(Operand::Str(s)) = ops.last() {
                    self.show(s);
                }
            }
            b"'" => {
                let l = st.leading;
                self.td(0.0, -l);
                if let Some(Operand::Str(s)) = ops.last() {
                    self.show(s);
                }
            }
            b"\"" => {
                st.word_space = n(3);
                st.char_space = n(2);
                let l = st.leading;
                self.td(0.0, -l);
                if let Some(Operand::Str(s)) = ops.last() {
                    self.show(s);
                }
            }
            b"TJ" => {
                if let Some(Operand::Array(items)) = ops.last() {
                    for item in items {
                        match item {
                            Operand::Str(s) => self.show(s),
                            Operand::Num(v) if v.is_finite() => {
                                let tx = -v / 1000.0 * self.state.size * self.state.hscale;
                                self.tm = Matrix([1.0, 0.0, 0.0, 1.0, tx, 0.0]).then(&self.tm);
                            }
                            _ => {}
                        }
                    }
                }
            }
            b"Do" => {
                if let Some(Operand::Name(x)) = ops.last() {
                    self.xobject(x, resources, fonts, depth);
                }
            }
            b"BI" => self.image(),
            b"m" => self.last = (n(2), n(1)),
            b"l" => {
                let (x, y) = (n(2), n(1));
                self.path.push((self.last.0, self.last.1, x, y));
                self.last = (x, y);
            }
            b"re" => {
                let (x, y, w, h) = (n(4), n(3), n(2), n(1));
                let ctm = self.state.ctm;
                let (ax, ay) = ctm.apply(x, y);
                let (bx, by) = ctm.apply(x + w, y + h);
                let (wd, ht) = ((bx - ax).abs(), (by - ay).abs());
                if wd < 2.0 && ht > 3.0 {
                    self.rule((ax + bx) / 2.0, ay, by);
                } else if ht < 2.0 && wd > 3.0 {
                    self.hrule((ay + by) / 2.0, ax, bx);
                } else if wd >= 2.0 && ht >= 2.0 {
                    // A rectangle's sides, kept only if it is stroked.
                    self.path.push((x, y, x, y + h));
                    self.path.push((x + w, y, x + w, y + h));
                    self.path.push((x, y, x + w, y));
                    self.path.push((x, y + h, x + w, y + h));
                }
                self.last = (x, y);
            }
            b"S" | b"s" | b"B" | b"B*" | b"b" | b"b*" => {
                let ctm = self.state.ctm;
                for (x0, y0, x1, y1) in std::mem::take(&mut self.path) {
                    let (ax, ay) = ctm.apply(x0, y0);
                    let (bx, by) = ctm.apply(x1, y1);
                    if (ax - bx).abs() < 1.0 && (ay - by).abs() > 3.0 {
                        self.rule((ax + bx) / 2.0, ay, by);
                    } else if (ay - by).abs() < 1.0 && (ax - bx).abs() > 3.0 {
                        self.hrule((ay + by) / 2.0, ax, bx);
                    }
                }
            }
            b"f" | b"F" | b"f*" | b"n" => self.path.clear(),
            _ => {}
        }
    }

    fn rule(&mut self, x: f32, y0: f32, y1: f32) {
        if self.page.rules.len() < 100_000 {
            self.page.rules.push(Rule {
                x,
                top: y0.min(y1),
                bottom: y0.max(y1),
            });
        }
    }

    fn hrule(&mut self, y: f32, x0: f32, x1: f32) {
        if self.page.hrules.len() < 100_000 {
            self.page.hrules.push(HRule {
                y,
                left: x0.min(x1),
                right: x0.max(x1),
            });
        }
    }

    fn td(&mut self, tx: f32, ty: f32) {
        self.tlm = Matrix([1.0, 0.0, 0.0, 1.0, tx, ty]).then(&self.tlm);
        self.tm = self.tlm;
    }

    fn font(
        &mut self,
        resources: Option<&Dictionary>,
        fname: &[u8],
        fonts: &mut FontCache,
    ) -> Rc<Font> {
        let doc = self.doc;
        let Some(res) = resources else {
            return Rc::new(Font::missing());
        };
        let Some(fd) = dict(doc, res, b"Font") else {
            return Rc::new(Font::missing());
        };
        let Ok(obj) = fd.get(fname) else {
            return Rc::new(Font::missing());
        };
        let key = font_key(obj, fd, fname);
        if let Some(f) = fonts.fonts.get(&key) {
            return f.clone();
        }
        let font = match resolve(doc, obj) {
            Object::Dictionary(d) => Font::load(doc, d),
            _ => Font::missing(),
        };
        let font = Rc::new(font);
        if fonts.fonts.len() < 10_000 {
            fonts.fonts.insert(key, font.clone());
        }
        font
    }

    fn show(&mut self, bytes: &[u8]) {
        let Some(font) = self.state.font.clone() else {
            return;
        };
        let mut codes = std::mem::take(&mut self.codes);
        font.codes(bytes, &mut codes);
        let st = &self.state;
        let (fs, th) = (st.size, st.hscale);
        for code in &codes {
            let trm = Matrix([fs * th, 0.0, 0.0, fs, 0.0, st.rise])
                .then(&self.tm)
                .then(&st.ctm);
            let tx = (code.width * fs
                + st.char_space
                + if code.word_space { st.word_space } else { 0.0 })
                * th;
            let [a, b, c, d, e, f] = trm.0;
            let keep = code
                .text
                .as_deref()
                .is_none_or(|t| !t.chars().all(char::is_whitespace));
            if keep && self.page.glyphs.len() <= self.budget.glyphs {
                // Upright: the baseline runs left to right, the glyph's up is up the page.
                let upright = a > 0.0 && b.abs() <= 0.2 * a && d < 0.0 && c.abs() <= 0.2 * -d;
                if upright {
                    let advance = code.width * a;
                    self.page.glyphs.push(Glyph {
                        x: e,
                        y: f,
                        end: e + advance.max(0.0),
                        size: -d,
                        text: code.text.clone(),
                        reliable: font.reliable,
                    });
                } else {
                    self.page.skewed += 1;
                }
            }
            self.tm = Matrix([1.0, 0.0, 0.0, 1.0, tx, 0.0]).then(&self.tm);
        }
        self.codes = codes;
    }

    fn image(&mut self) {
        let ctm = self.state.ctm;
        let (x0, y0) = ctm.apply(0.0, 0.0);
        let (x1, y1) = ctm.apply(1.0, 0.0);
        let (x2, y2) = ctm.apply(0.0, 1.0);
        let area = ((x1 - x0) * (y2 - y0) - (y1 - y0) * (x2 - x0)).abs();
        let page = (self.page.width * self.page.height).max(1.0);
        if area.is_finite() {
            self.page.image_cover += area / page;
        }
    }

    fn xobject(
        &mut self,
        xname: &[u8],
        resources: Option<&Dictionary>,
        fonts: &mut FontCache,
        depth: usize,
    ) {
        let doc = self.doc;
        let Some(xo) = resources
            .and_then(|r| dict(doc, r, b"XObject"))
            .and_then(|x| objects::stream(doc, x, xname))
        else {
            return;
        };
        match name(doc, &xo.dict, b"Subtype") {
            Some(b"Image") => self.image(),
            Some(b"Form") if depth < 12 => {
                let Ok(data) = objects::stream_data(doc, xo, self.budget.stream_bytes) else {
                    self.page.damaged = true;
                    return;
                };
                let saved = (self.state.clone(), self.stack.len(), self.tm, self.tlm);
                if let Some(m) = objects::array(doc, &xo.dict, b"Matrix")
                    .map(|a| objects::numbers(doc, a))
                    .and_then(|v| <[f32; 6]>::try_from(v).ok())
                {
                    self.state.ctm = Matrix(m).then(&self.state.ctm);
                }
                let own = dict(doc, &xo.dict, b"Resources");
                self.run(&data, own.or(resources), fonts, depth + 1);
                self.state = saved.0;
                self.stack.truncate(saved.1);
                self.tm = saved.2;
                self.tlm = saved.3;
            }
            _ => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn matrices() {
        let t = Matrix([1.0, 0.0, 0.0, 1.0, 10.0, 20.0]);
        let s = Matrix([2.0, 0.0, 0.0, 2.0, 0.0, 0.0]);
        assert_eq!(t.then(&s).apply(1.0, 1.0), (22.0, 42.0));
        assert_eq!(s.then(&t).apply(1.0, 1.0), (12.0, 22.0));
    }
}
