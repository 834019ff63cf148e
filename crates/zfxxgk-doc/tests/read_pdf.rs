//! The PDF reader: the shared examples and the fixtures of tests/fixtures/published/pdf (see its
//! README) import with exactly the values of their expected CSV; the positioned lines it makes
//! (chunks per table cell, page numbers and running headers dropped, the same text whatever the
//! font encoding); every bad input refused with its message, never a panic.

mod support;
use support::{expected, fixtures};

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use zfxxgk_core::import::read_document;
use zfxxgk_core::{Lang, Location};
use zfxxgk_doc::read::Limits;
use zfxxgk_doc::read::pdf::{self, PdfError};

fn pdf_dir() -> PathBuf {
    fixtures().join("pdf")
}

fn bytes(path: &Path) -> Vec<u8> {
    std::fs::read(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn fixture(name: &str) -> Vec<u8> {
    bytes(&pdf_dir().join(name))
}

fn shared(prefix: &str) -> Vec<u8> {
    let dir = fixtures().join("shared");
    let path = std::fs::read_dir(&dir)
        .unwrap()
        .flatten()
        .map(|e| e.path())
        .find(|p| {
            let n = p.file_name().unwrap().to_string_lossy();
            n.starts_with(prefix) && n.ends_with(".pdf")
        })
        .unwrap_or_else(|| panic!("no shared PDF {prefix}*"));
    bytes(&path)
}

fn extract(bytes: &[u8]) -> pdf::Extracted {
    pdf::extract(bytes, &Limits::default()).unwrap_or_else(|e| panic!("{}", e.message(Lang::En)))
}

fn error(bytes: &[u8]) -> PdfError {
    match pdf::extract(bytes, &Limits::default()) {
        Ok(ex) => panic!("read, with {} lines", ex.lines.len()),
        Err(e) => e,
    }
}

// ---------------------------------------------------------------------------------------------
// End to end: every value of every fixture

/// Imports a PDF and lists every difference from its expected rows.
fn compare(name: &str, bytes: &[u8], rows: &[support::Row]) -> Vec<String> {
    let doc = match pdf::read(bytes, &Limits::default()) {
        Ok(d) => d,
        Err(e) => return vec![format!("{name}: {}", e.message(Lang::En))],
    };
    let report = match read_document(&doc) {
        Ok(r) => r,
        Err(e) => return vec![format!("{name}: {}", e.message(Lang::En))],
    };
    support::differences(name, &report, rows)
}

#[test]
fn shared_examples_import_exactly() {
    let dir = fixtures().join("shared");
    let rows = expected(&dir.join("expected.csv"));
    let mut problems = Vec::new();
    let mut files = 0;
    for entry in std::fs::read_dir(&dir).unwrap().flatten() {
        let path = entry.path();
        if path.extension().is_none_or(|e| e != "pdf") {
            continue;
        }
        files += 1;
        let name = path.file_name().unwrap().to_string_lossy().to_string();
        let mine: Vec<_> = rows
            .iter()
            .filter(|r| name.starts_with(&r.0))
            .cloned()
            .collect();
        assert!(!mine.is_empty(), "{name}: no expected rows");
        problems.extend(compare(&name, &bytes(&path), &mine));
    }
    assert_eq!(files, 2);
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn fixtures_import_exactly() {
    let mut problems = Vec::new();
    let mut files = 0;
    let mut entries: Vec<PathBuf> = std::fs::read_dir(pdf_dir())
        .unwrap()
        .flatten()
        .map(|e| e.path())
        .collect();
    entries.sort();
    for path in entries {
        let name = path.file_name().unwrap().to_string_lossy().to_string();
        let Some(stem) = name.strip_suffix(".expected.csv") else {
            continue;
        };
        files += 1;
        let pdf = pdf_dir().join(format!("{stem}.pdf"));
        problems.extend(compare(&name, &bytes(&pdf), &expected(&path)));
    }
    assert!(files >= 10, "{files} fixtures with expected values");
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

// ---------------------------------------------------------------------------------------------
// The positioned lines

fn line_with<'a>(ex: &'a pdf::Extracted, first: &str) -> &'a zfxxgk_doc::read::lines::PlacedLine {
    ex.lines
        .iter()
        .find(|l| l.chunks.first().is_some_and(|c| c.text == first))
        .unwrap_or_else(|| panic!("no line starting {first:?}"))
}

fn texts(l: &zfxxgk_doc::read::lines::PlacedLine) -> Vec<&str> {
    l.chunks.iter().map(|c| c.text.as_str()).collect()
}

#[test]
fn table_cells_are_chunks_left_to_right() {
    let ex = extract(&shared("某某县"));
    assert_eq!(ex.pages, 4);
    let row = line_with(&ex, "规章");
    assert_eq!(texts(row), ["规章", "3", "1", "27"]);
    assert_eq!(row.location, Location::Page { page: 2, line: 9 });
    assert!(row.chunks.windows(2).all(|w| w[0].end < w[1].x));
    // Cells that touch (a filled label cell next to the next one) are split at the rule.
    let row = line_with(&ex, "理结");
    assert_eq!(
        texts(row),
        [
            "理结",
            "（三）不",
            "1.属于国家秘密",
            "5",
            "1",
            "0",
            "0",
            "0",
            "0",
            "6"
        ]
    );
    // Table 四's values: fifteen chunks on one line.
    let values = ex
        .lines
        .iter()
        .find(|l| l.chunks.len() == 15 && l.chunks.iter().all(|c| c.text.parse::<u32>().is_ok()))
        .expect("the line of table 四's values");
    assert_eq!(texts(values).join(" "), "2 2 3 1 8 2 0 2 2 6 0 3 0 0 3");
    // Narrative lines are one chunk, numbers and Chinese without spaces.
    let l = ex
        .lines
        .iter()
        .find(|l| l.chunks[0].text.starts_with("要求编制"))
        .unwrap();
    assert_eq!(l.chunks.len(), 1);
    assert!(
        l.chunks[0]
            .text
            .ends_with("自2023年1月1日至2023年12月31日。"),
        "{}",
        l.chunks[0].text
    );
}

#[test]
fn page_numbers_and_running_headers_are_dropped() {
    let ex = extract(&fixture("county-split-footer.pdf"));
    assert!(ex.pages >= 4);
    for l in &ex.lines {
        let t: String = l.chunks.iter().map(|c| c.text.as_str()).collect();
        assert!(
            !t.contains("政府信息公开工作年度报告") || l.page == 1,
            "{t}"
        );
        // The running header stays only on the first page (where a title could read like it).
        assert!(
            t != "某某县市场监督管理局政府信息公开" || l.page == 1,
            "{:?}",
            l.location
        );
        assert!(!(t.starts_with('-') && t.ends_with('-')), "{t}");
    }
    // Table 三 goes on across the page break, in page order.
    let before = line_with(&ex, "三、");
    let after = ex
        .lines
        .iter()
        .find(|l| l.chunks[0].text.starts_with("本年"))
        .unwrap();
    assert_eq!(after.page, before.page + 1);
    assert_eq!(
        texts(after)[1],
        "（二）部分公开（区分处理的，只计这一情形，不计其他情形）"
    );
}

/// Every encoding of the same text gives the same lines: LibreOffice's subset fonts with
/// ToUnicode maps and ghostscript's Type 1C rewrite of them; and, re-typeset without table rules,
/// fonts without ToUnicode in the predefined Chinese CMaps (GBK-EUC-H, UniGB-UTF16-H) or with
/// Identity-H and an embedded TrueType cmap.
#[test]
fn encodings_give_the_same_lines() {
    let lines = |b: &[u8]| -> Vec<String> {
        extract(b)
            .lines
            .iter()
            .map(|l| {
                l.chunks
                    .iter()
                    .map(|c| c.text.as_str())
                    .collect::<Vec<_>>()
                    .join("|")
            })
            .collect()
    };
    assert_eq!(lines(&fixture("county-gs.pdf")), lines(&shared("某某县")));
    let reference = lines(&fixture("county-gbk.pdf"));
    for name in ["county-utf16.pdf", "county-truetype.pdf"] {
        assert_eq!(lines(&fixture(name)), reference, "{name}");
    }
    assert!(reference.contains(&"规章|3|1|27".to_string()));
}

#[test]
fn title_and_publisher_come_from_the_document_information() {
    let ex = extract(&fixture("county-gbk.pdf"));
    assert_eq!(
        ex.title.as_deref(),
        Some("某某县市场监督管理局2023年政府信息公开工作年度报告")
    );
    assert_eq!(ex.publisher.as_deref(), Some("某某县市场监督管理局"));
    // LibreOffice's exports: no title, and "python-docx" is no agency.
    let ex = extract(&shared("某某县"));
    assert_eq!((ex.title, ex.publisher), (None, None));
    let doc = pdf::read(&fixture("county-gbk.pdf"), &Limits::default()).unwrap();
    assert_eq!(doc.kind, zfxxgk_core::grid::DocumentKind::Pdf);
    assert_eq!(doc.publisher.as_deref(), Some("某某县市场监督管理局"));
}

// ---------------------------------------------------------------------------------------------
// Bad input: each refused with its message (or read with an issue), quickly, never a panic

fn messages(e: &PdfError) -> (String, String) {
    let zh = e.message(Lang::Zh);
    assert_eq!(e.to_string(), zh);
    (zh, e.message(Lang::En))
}

#[test]
fn scanned_pdf_says_ocr_is_not_done() {
    let e = error(&fixture("bad-scanned.pdf"));
    assert!(matches!(e, PdfError::Scanned { pages: 1 }), "{e:?}");
    let (zh, en) = messages(&e);
    assert!(zh.contains("扫描件") && zh.contains("OCR"), "{zh}");
    assert!(
        en.contains("scanned") && en.contains("OCR is not supported"),
        "{en}"
    );
}

#[test]
fn encrypted_pdf_says_so() {
    let e = error(&fixture("bad-encrypted.pdf"));
    assert!(matches!(e, PdfError::Encrypted), "{e:?}");
    let (zh, en) = messages(&e);
    assert!(zh.contains("已加密") && zh.contains("密码"), "{zh}");
    assert!(en.contains("encrypted") && en.contains("password"), "{en}");
}

#[test]
fn garbled_text_is_refused_with_what_was_seen() {
    // Identity-H without ToUnicode, GBK shown through a WinAnsi font, a ToUnicode map into the
    // private use area, and ghostscript's output for a CJK font it did not have.
    for (name, seen) in [
        ("bad-garbled-identity.pdf", "\u{fffd}\u{fffd}\u{fffd}"),
        ("bad-garbled-latin.pdf", "Ä³Ä³ÏØÊÐ"),
        ("bad-garbled-pua.pdf", "\u{fffd}\u{fffd}\u{fffd}"),
        ("bad-garbled-gs.pdf", "\u{fffd}\u{fffd}\u{fffd}"),
    ] {
        let e = error(&fixture(name));
        let PdfError::Garbled { percent, sample } = &e else {
            panic!("{name}: {e:?}");
        };
        assert!(*percent > 20, "{name}: {percent}");
        assert!(sample.contains(seen), "{name}: {sample}");
        let (zh, en) = messages(&e);
        assert!(zh.contains("乱码") && zh.contains(sample.as_str()), "{zh}");
        assert!(
            en.contains("garbled") && en.contains("no wrong numbers"),
            "{en}"
        );
    }
}

#[test]
fn encrypted_with_an_empty_password_reads() {
    let rows = expected(&pdf_dir().join("district-ucs2.expected.csv"));
    let problems = compare(
        "encrypted-empty-password.pdf",
        &fixture("encrypted-empty-password.pdf"),
        &rows,
    );
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

/// A fixture without its cross-reference table and trailer: rebuilt, read, and said so.
#[test]
fn missing_xref_is_rebuilt_with_an_issue() {
    let full = fixture("district-ucs2.pdf");
    let cut = full.windows(4).rposition(|w| w == b"xref").unwrap();
    let ex = extract(&full[..cut]);
    assert!(
        ex.issues.iter().any(|i| i.code == "PDF-REPAIRED"),
        "{:?}",
        ex.issues
    );
    assert_eq!(ex.lines.len(), extract(&full).lines.len());
    let issue = ex.issues.iter().find(|i| i.code == "PDF-REPAIRED").unwrap();
    assert!(issue.zh.contains("已尽量修复"), "{}", issue.zh);
}

#[test]
fn damaged_files_say_so() {
    let full = shared("某某县");
    // Truncated in the middle: the objects left do not make a document.
    let truncated = &full[..full.len() / 3];
    // A header, then noise.
    let mut noise = b"%PDF-1.7\n".to_vec();
    let mut x: u32 = 12345;
    for _ in 0..20_000 {
        x = x.wrapping_mul(1_103_515_245).wrapping_add(12345);
        noise.push((x >> 16) as u8);
    }
    for (what, b) in [("truncated", truncated), ("noise", noise.as_slice())] {
        let e = error(b);
        assert!(matches!(e, PdfError::Damaged { .. }), "{what}: {e:?}");
        let (zh, en) = messages(&e);
        assert!(zh.contains("已损坏或不完整"), "{zh}");
        assert!(en.contains("damaged or incomplete"), "{en}");
    }
}

/// A minimal PDF of the given page objects (dictionaries without their numbers), pages first.
fn minimal_pdf(pages: usize, page: &str, extra: &[Vec<u8>]) -> Vec<u8> {
    let mut objs: Vec<String> = (0..pages).map(|_| page.to_string()).collect();
    minimal_pdf_pages(&mut objs, extra)
}

/// A PDF of the given page dictionaries (objects 3…) and further objects after them.
fn minimal_pdf_pages(pages: &mut Vec<String>, extra: &[Vec<u8>]) -> Vec<u8> {
    let kids: Vec<String> = (0..pages.len()).map(|k| format!("{} 0 R", k + 3)).collect();
    let mut objs: Vec<Vec<u8>> = vec![
        b"<< /Type /Catalog /Pages 2 0 R >>".to_vec(),
        format!(
            "<< /Type /Pages /Count {} /Kids [{}] >>",
            pages.len(),
            kids.join(" ")
        )
        .into_bytes(),
    ];
    objs.extend(pages.drain(..).map(String::into_bytes));
    objs.extend(extra.iter().cloned());
    assemble(&objs)
}

fn assemble(objs: &[Vec<u8>]) -> Vec<u8> {
    let mut out = b"%PDF-1.5\n".to_vec();
    let mut offsets = Vec::new();
    for (i, o) in objs.iter().enumerate() {
        offsets.push(out.len());
        out.extend_from_slice(format!("{} 0 obj\n", i + 1).as_bytes());
        out.extend_from_slice(o);
        out.extend_from_slice(b"\nendobj\n");
    }
    let xref = out.len();
    out.extend_from_slice(format!("xref\n0 {}\n0000000000 65535 f \n", objs.len() + 1).as_bytes());
    for o in offsets {
        out.extend_from_slice(format!("{o:010} 00000 n \n").as_bytes());
    }
    out.extend_from_slice(
        format!(
            "trailer\n<< /Size {} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n",
            objs.len() + 1
        )
        .as_bytes(),
    );
    out
}

fn stream(dict: &str, data: &[u8]) -> Vec<u8> {
    let mut s = format!("<< {dict} /Length {} >>\nstream\n", data.len()).into_bytes();
    s.extend_from_slice(data);
    s.extend_from_slice(b"\nendstream");
    s
}

/// zlib data of `n` zero bytes, made by hand: stored blocks are not small, so fixed-Huffman
/// blocks of maximal back-references (258 bytes in about two bytes).
fn zlib_zeros(n: usize) -> Vec<u8> {
    struct Bits {
        out: Vec<u8>,
        acc: u32,
        n: u32,
    }
    impl Bits {
        fn put(&mut self, v: u32, n: u32) {
            self.acc |= v << self.n;
            self.n += n;
            while self.n >= 8 {
                self.out.push(self.acc as u8);
                self.acc >>= 8;
                self.n -= 8;
            }
        }
        fn huff(&mut self, code: u32, len: u32) {
            let mut rev = 0;
            for i in 0..len {
                rev |= ((code >> i) & 1) << (len - 1 - i);
            }
            self.put(rev, len);
        }
    }
    let mut b = Bits {
        out: vec![0x78, 0x01],
        acc: 0,
        n: 0,
    };
    b.put(1, 1); // final block
    b.put(1, 2); // fixed Huffman
    b.huff(0x30, 8); // literal 0
    let mut left = n - 1;
    while left >= 258 {
        b.huff(0xc5, 8); // length code 285 (258)
        b.huff(0, 5); // distance code 0 (1)
        left -= 258;
    }
    for _ in 0..left {
        b.huff(0x30, 8);
    }
    b.huff(0, 7); // end of block
    b.put(0, 7);
    b.out.extend_from_slice(&[0, 0, 0, 0]);
    b.out
}

#[test]
fn thousands_of_pages_are_refused_quickly() {
    let page = "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] >>";
    let b = minimal_pdf(3000, page, &[]);
    let t = Instant::now();
    let e = error(&b);
    assert!(t.elapsed() < Duration::from_secs(5));
    assert!(
        matches!(e, PdfError::TooManyPages { limit: 200, .. }),
        "{e:?}"
    );
    let (zh, en) = messages(&e);
    assert!(zh.contains("3000 页以上") && zh.contains("200 页"), "{zh}");
    assert!(en.contains("3000 pages or more"), "{en}");
    // A page count that lies is caught while walking the tree.
    let lying = String::from_utf8_lossy(&b).replace("/Count 3000", "/Count 1");
    assert!(matches!(
        error(lying.as_bytes()),
        PdfError::TooManyPages { .. }
    ));
}

#[test]
fn flate_bombs_are_capped() {
    let bomb = zlib_zeros(48 << 20);
    assert!(bomb.len() < 600_000, "{}", bomb.len());
    // In a page's content: the page is damaged, and with no text the file reads as damaged.
    let page = "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R >>";
    let b = minimal_pdf(1, page, &[stream("/Filter /FlateDecode", &bomb)]);
    let t = Instant::now();
    let e = error(&b);
    assert!(t.elapsed() < Duration::from_secs(10), "{:?}", t.elapsed());
    assert!(matches!(e, PdfError::Damaged { .. }), "{e:?}");
    // In an object stream: refused before the parser expands it.
    let page = "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] >>";
    let b = minimal_pdf(
        1,
        page,
        &[stream(
            "/Type /ObjStm /N 1 /First 4 /Filter /FlateDecode",
            &bomb,
        )],
    );
    let t = Instant::now();
    let r = pdf::extract(&b, &Limits::default());
    assert!(t.elapsed() < Duration::from_secs(10), "{:?}", t.elapsed());
    assert!(r.is_err());
}

#[test]
fn deep_nesting_does_not_overflow_the_stack() {
    for (open, close) in [("[", "]"), ("<< /A ", ">>")] {
        let deep = format!(
            "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Foo {}{} >>",
            open.repeat(100_000),
            close.repeat(100_000)
        );
        let e = error(&minimal_pdf(1, &deep, &[]));
        assert!(matches!(e, PdfError::Damaged { .. }), "{e:?}");
    }
    // In a content stream too.
    let page = "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R >>";
    let content = format!("BT {} ET", "[".repeat(100_000));
    let b = minimal_pdf(1, page, &[stream("", content.as_bytes())]);
    assert!(matches!(error(&b), PdfError::NoText { .. }));
}

/// Some glyphs undecodable (a font without a Unicode map used for a few characters), a page
/// that is only an image: the rest is read, those places read as `�` and are said.
#[test]
fn partly_undecodable_and_partly_scanned() {
    let fonts = "/Font << /F1 5 0 R /F2 6 0 R >>";
    let text_page = format!(
        "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << {fonts} >> /Contents 7 0 R >>"
    );
    let image_page = "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /XObject << /Im 8 0 R >> >> /Contents 9 0 R >>";
    let mut content = String::from("BT /F1 12 Tf 72 700 Td ");
    for _ in 0..10 {
        content.push_str("(Annual report of the year 2023) Tj 0 -20 Td ");
    }
    content.push_str("/F2 12 Tf <00010002> Tj ET");
    // Objects: 3 text page, 4 image page, 5–6 fonts, 7 content, 8 image, 9 content.
    let extra = [
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>".to_vec(),
        b"<< /Type /Font /Subtype /Type0 /BaseFont /X /Encoding /Identity-H /DescendantFonts [<< /Type /Font /Subtype /CIDFontType0 /BaseFont /X /CIDSystemInfo << /Registry (Adobe) /Ordering (Identity) /Supplement 0 >> >>] >>".to_vec(),
        stream("", content.as_bytes()),
        stream("/Type /XObject /Subtype /Image /Width 1 /Height 1 /ColorSpace /DeviceGray /BitsPerComponent 8", &[0]),
        stream("", b"q 612 0 0 792 0 0 cm /Im Do Q"),
    ];
    let b = minimal_pdf_pages(&mut vec![text_page, image_page.to_string()], &extra);
    let ex = extract(&b);
    let codes: Vec<&str> = ex.issues.iter().map(|i| i.code).collect();
    assert_eq!(
        codes,
        ["PDF-SCANNED-PAGE", "PDF-UNDECODED"],
        "{:?}",
        ex.issues
    );
    let scanned = &ex.issues[0];
    assert_eq!(scanned.location, Some(Location::Page { page: 2, line: 1 }));
    assert!(
        scanned.zh.contains("第 2 页") && scanned.zh.contains("扫描"),
        "{}",
        scanned.zh
    );
    assert!(ex.issues[1].zh.contains("2 个字符"), "{}", ex.issues[1].zh);
    let last = ex.lines.last().unwrap();
    assert!(
        last.chunks
            .iter()
            .any(|c| c.text.contains("\u{fffd}\u{fffd}")),
        "{last:?}"
    );
}

#[test]
fn pages_without_text_or_images() {
    let page = "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R >>";
    let b = minimal_pdf(2, page, &[stream("", b"0 0 m 100 100 l S")]);
    let e = error(&b);
    assert!(matches!(e, PdfError::NoText { pages: 2 }), "{e:?}");
    let (zh, en) = messages(&e);
    assert!(zh.contains("没有可提取的文字"), "{zh}");
    assert!(en.contains("no extractable text"), "{en}");
}

#[test]
fn not_a_pdf_and_too_large() {
    let e = error(b"PK\x03\x04 not a pdf");
    assert!(matches!(e, PdfError::NotPdf));
    assert!(messages(&e).0.contains("不是 PDF"));
    assert!(!pdf::sniff(&[b' '; 2000]));
    let limits = Limits {
        max_file_bytes: 1000,
        ..Limits::default()
    };
    let e = pdf::extract(&fixture("county-gbk.pdf"), &limits).unwrap_err();
    assert!(matches!(e, PdfError::TooLarge { limit: 1000, .. }));
    assert!(messages(&e).0.contains("过大"));
}

/// Damaged variants of a small fixture (cut anywhere, bytes overwritten): every one ends in a
/// document or an error, in bounded time.
#[test]
fn mutations_never_panic() {
    let base = fixture("district-ucs2.pdf");
    let start = Instant::now();
    let mut x: u64 = 0x2545_f491_4f6c_dd1d;
    let mut next = || {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        x
    };
    for k in 0..150 {
        let mut b = base.clone();
        if k % 3 == 0 {
            b.truncate(next() as usize % b.len());
        } else {
            for _ in 0..(1 + next() % 20) {
                let i = next() as usize % b.len();
                b[i] = next() as u8;
            }
        }
        let _ = pdf::extract(&b, &Limits::default());
    }
    assert!(
        start.elapsed() < Duration::from_secs(60),
        "{:?}",
        start.elapsed()
    );
}
