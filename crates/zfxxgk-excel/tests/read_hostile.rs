//! Hostile input: every case ends in a clear error (or a correct read) in bounded time, never a
//! panic. Bombs, truncated zips and random bytes are made here; only files that need another tool
//! (an encrypted workbook, xls/ods written by LibreOffice) are committed under
//! tests/fixtures/hostile/.

use std::io::{Cursor, Read, Write};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use zfxxgk_core::{CellValue, Lang, Report};
use zfxxgk_excel::read::{
    NotWorkbookKind, ReadError, ReadOptions, WorkbookFormat, read_bytes, read_path, sniff,
};

fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/fixtures")
}

fn example(name: &str) -> Vec<u8> {
    std::fs::read(fixtures().join("examples").join(name)).unwrap()
}

fn hostile(name: &str) -> Vec<u8> {
    std::fs::read(fixtures().join("hostile").join(name)).unwrap()
}

/// Runs a read, asserting it finishes in well under a few seconds (a sanity bound, not a
/// benchmark).
fn timed<T>(what: &str, f: impl FnOnce() -> T) -> T {
    let start = Instant::now();
    let out = f();
    let elapsed = start.elapsed();
    assert!(elapsed < Duration::from_secs(5), "{what} took {elapsed:?}");
    out
}

/// Reads `bytes` and expects an error; checks its Chinese message holds `zh` and never a file
/// name, and that the English message is English.
fn expect_error(what: &str, bytes: &[u8], opts: &ReadOptions, zh: &str) -> ReadError {
    let err = timed(what, || read_bytes(bytes, opts)).expect_err(what);
    let msg = err.to_string();
    assert!(msg.contains(zh), "{what}: {msg}");
    assert_eq!(msg, err.message(Lang::Zh));
    for ext in ["stacked", "报表", "/tmp", "fixtures", "big"] {
        assert!(!msg.contains(ext), "{what}: message names a file: {msg}");
    }
    let en = err.message(Lang::En);
    assert!(en.is_ascii() || en.contains('“'), "{what}: {en}");
    err
}

/// A zip made of (name, content) entries, deflated.
fn zip_of(entries: &[(&str, &[u8])]) -> Vec<u8> {
    let mut w = zip::ZipWriter::new(Cursor::new(Vec::new()));
    let opts = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated);
    for (name, content) in entries {
        w.start_file(*name, opts).unwrap();
        w.write_all(content).unwrap();
    }
    w.finish().unwrap().into_inner()
}

/// Rebuilds a zip, letting `patch` change an entry's content.
fn rezip(bytes: &[u8], patch: impl Fn(&str, Vec<u8>) -> Vec<u8>) -> Vec<u8> {
    let mut archive = zip::ZipArchive::new(Cursor::new(bytes)).unwrap();
    let mut entries = Vec::new();
    for i in 0..archive.len() {
        let mut f = archive.by_index(i).unwrap();
        let name = f.name().unwrap().to_string();
        let mut content = Vec::new();
        f.read_to_end(&mut content).unwrap();
        let content = patch(&name, content);
        entries.push((name, content));
    }
    let refs: Vec<(&str, &[u8])> = entries
        .iter()
        .map(|(n, c)| (n.as_str(), c.as_slice()))
        .collect();
    zip_of(&refs)
}

const MINIMAL_PARTS: &[(&str, &[u8])] = &[
    ("[Content_Types].xml", b"<Types/>"),
    ("xl/workbook.xml", b"<workbook/>"),
];

fn random_bytes(n: usize, mut seed: u64) -> Vec<u8> {
    (0..n)
        .map(|_| {
            seed = seed
                .wrapping_mul(6_364_136_223_846_793_005)
                .wrapping_add(1_442_695_040_888_963_407);
            (seed >> 33) as u8
        })
        .collect()
}

fn values(r: &Report) -> Vec<CellValue> {
    r.cells().map(|(_, v)| v.clone()).collect()
}

#[test]
fn an_empty_file() {
    let e = expect_error("empty", b"", &ReadOptions::default(), "空的");
    assert!(matches!(e, ReadError::Empty));
}

#[test]
fn random_bytes_are_not_a_workbook() {
    let bytes = random_bytes(64 * 1024, 7);
    assert_eq!(sniff(&bytes), None);
    let e = expect_error(
        "random",
        &bytes,
        &ReadOptions::default(),
        "不是电子表格文件",
    );
    assert!(matches!(
        e,
        ReadError::NotAWorkbook {
            kind: NotWorkbookKind::Unknown
        }
    ));
}

#[test]
fn a_text_file_is_not_a_workbook() {
    let bytes = "机关名称,报告年度\n某某局,2023\n".as_bytes();
    let e = expect_error("text", bytes, &ReadOptions::default(), "纯文本");
    assert!(matches!(
        e,
        ReadError::NotAWorkbook {
            kind: NotWorkbookKind::Text
        }
    ));
}

#[test]
fn an_html_page_saved_as_xls() {
    let page = "<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"></head><body><table><tr><td>规章</td><td>3</td></tr></table></body></html>";
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("报表.xls");
    std::fs::write(&path, page).unwrap();
    let e = timed("html", || read_path(&path, &ReadOptions::default())).unwrap_err();
    assert!(matches!(
        e,
        ReadError::NotAWorkbook {
            kind: NotWorkbookKind::Html
        }
    ));
    let msg = e.to_string();
    assert!(msg.contains("网页（HTML）"), "{msg}");
    assert!(!msg.contains("报表"), "{msg}");
}

#[test]
fn a_pdf_and_a_plain_zip() {
    let e = expect_error(
        "pdf",
        b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n",
        &ReadOptions::default(),
        "PDF",
    );
    assert!(matches!(
        e,
        ReadError::NotAWorkbook {
            kind: NotWorkbookKind::Pdf
        }
    ));
    let zip = zip_of(&[("readme.txt", b"hello")]);
    assert_eq!(sniff(&zip), None);
    expect_error("zip", &zip, &ReadOptions::default(), "压缩包");
}

#[test]
fn a_truncated_xlsx() {
    let full = example("stacked-one-sheet.xlsx");
    for cut in [full.len() / 2, full.len() - 10, 40] {
        let bytes = &full[..cut];
        assert_eq!(sniff(bytes), Some(WorkbookFormat::Xlsx), "cut at {cut}");
        let e = expect_error("truncated", bytes, &ReadOptions::default(), "损坏或不完整");
        assert!(matches!(e, ReadError::Corrupt { .. }), "{e:?}");
    }
}

#[test]
fn a_corrupt_zip() {
    let mut bytes = example("stacked-one-sheet.xlsx");
    // Damage the compressed data of every entry (leave headers intact).
    let mid = bytes.len() / 3;
    for b in &mut bytes[mid..mid + 200] {
        *b ^= 0x5a;
    }
    let e = expect_error("corrupt", &bytes, &ReadOptions::default(), "损坏或不完整");
    assert!(matches!(e, ReadError::Corrupt { .. }), "{e:?}");
}

#[test]
fn a_truncated_xls() {
    let full = example("legacy.xls");
    let bytes = &full[..full.len() / 2];
    let e = expect_error(
        "truncated xls",
        bytes,
        &ReadOptions::default(),
        "损坏或不完整",
    );
    assert!(matches!(e, ReadError::Corrupt { .. }), "{e:?}");
}

#[test]
fn an_encrypted_workbook() {
    // Made with msoffcrypto-tool from stacked-one-sheet.xlsx (password "zfxxgk").
    let bytes = hostile("encrypted.xlsx");
    let e = expect_error("encrypted", &bytes, &ReadOptions::default(), "密码");
    assert!(matches!(e, ReadError::Encrypted));
    assert!(e.message(Lang::En).contains("password-protected"));
}

#[test]
fn a_zip_bomb_by_ratio() {
    // 24 MB of one byte deflates about 1000 times.
    let sheet = vec![b' '; 24 * 1024 * 1024];
    let mut entries = MINIMAL_PARTS.to_vec();
    entries.push(("xl/worksheets/sheet1.xml", &sheet));
    let bytes = zip_of(&entries);
    assert!(bytes.len() < 100 * 1024, "{}", bytes.len());
    let e = expect_error("bomb", &bytes, &ReadOptions::default(), "恶意");
    assert!(matches!(e, ReadError::ZipBomb { .. }), "{e:?}");
}

#[test]
fn a_zip_bomb_by_declared_size() {
    // Incompressible content: the ratio is normal, the total is above the limit.
    let sheet = random_bytes(3 * 1024 * 1024, 3);
    let mut entries = MINIMAL_PARTS.to_vec();
    entries.push(("xl/worksheets/sheet1.xml", &sheet));
    let bytes = zip_of(&entries);
    let opts = ReadOptions {
        max_inflated_bytes: 2 * 1024 * 1024,
        ..ReadOptions::default()
    };
    let e = expect_error("declared", &bytes, &opts, "恶意");
    assert!(matches!(e, ReadError::ZipBomb { .. }), "{e:?}");
}

/// Patches the uncompressed size of every entry, in local headers and central directory.
fn lie_about_sizes(bytes: &mut [u8], size: u32) {
    let mut i = 0;
    while i + 46 <= bytes.len() {
        if bytes[i..i + 4] == *b"PK\x03\x04" {
            bytes[i + 22..i + 26].copy_from_slice(&size.to_le_bytes());
        } else if bytes[i..i + 4] == *b"PK\x01\x02" {
            bytes[i + 24..i + 28].copy_from_slice(&size.to_le_bytes());
        }
        i += 1;
    }
}

#[test]
fn a_zip_bomb_with_lying_headers() {
    // 16 MB of spaces declared as 100 bytes: the declared total and ratio look harmless.
    let sheet = vec![b' '; 16 * 1024 * 1024];
    let mut entries = MINIMAL_PARTS.to_vec();
    entries.push(("xl/worksheets/sheet1.xml", &sheet));
    let mut bytes = zip_of(&entries);
    lie_about_sizes(&mut bytes, 100);
    let e = timed("lying", || read_bytes(&bytes, &ReadOptions::default())).unwrap_err();
    assert!(
        matches!(e, ReadError::ZipBomb { .. } | ReadError::Corrupt { .. }),
        "{e:?}"
    );
}

#[test]
fn a_small_package_is_bounded_by_its_packed_size_whatever_its_headers_say() {
    // The most compressible content there is (one byte repeated) still needs a packed byte for
    // every 1032 it inflates to: a package that small cannot exceed a limit above 1032 × its
    // size, so its sizes are not verified by inflating it first — and the lie is still caught
    // by the zip reader, which stops at the declared size.
    let sheet = vec![b' '; 16 * 1024 * 1024];
    let mut entries = MINIMAL_PARTS.to_vec();
    entries.push(("xl/worksheets/sheet1.xml", &sheet));
    let mut bytes = zip_of(&entries);
    assert!(bytes.len() * 1032 >= sheet.len(), "{} bytes", bytes.len());
    lie_about_sizes(&mut bytes, 100);
    let opts = ReadOptions {
        max_inflated_bytes: bytes.len() as u64 * 1032,
        ..ReadOptions::default()
    };
    let e = timed("lying, small", || read_bytes(&bytes, &opts)).unwrap_err();
    assert!(
        matches!(e, ReadError::ZipBomb { .. } | ReadError::Corrupt { .. }),
        "{e:?}"
    );
}

#[test]
fn a_stray_value_at_xfd1048576_in_xlsx() {
    let plain = example("stacked-one-sheet.xlsx");
    let bytes = rezip(&plain, |name, content| {
        if name != "xl/worksheets/sheet1.xml" {
            return content;
        }
        let xml = String::from_utf8(content).unwrap();
        let start = xml.find("<dimension ref=\"").unwrap() + 16;
        let end = start + xml[start..].find('"').unwrap();
        let xml = format!("{}A1:XFD1048576{}", &xml[..start], &xml[end..]);
        xml.replace(
            "</sheetData>",
            "<row r=\"1048576\"><c r=\"XFD1048576\" t=\"inlineStr\"><is><t>x</t></is></c></row></sheetData>",
        )
        .into_bytes()
    });
    let want = read_bytes(&plain, &ReadOptions::default()).unwrap();
    let got = timed("xfd", || read_bytes(&bytes, &ReadOptions::default())).unwrap();
    assert_eq!(values(&got), values(&want));
    assert_eq!(got.agency, want.agency);
}

#[test]
fn a_stray_value_at_the_last_cell_of_xls() {
    // stacked-one-sheet.xlsx with "x" at IV65536, saved as xls by LibreOffice. calamine would
    // allocate the dense 65,536 × 256 range (about 1 GB with its copy): refused before that.
    let bytes = hostile("stray-iv65536.xls");
    let e = expect_error("xls stray", &bytes, &ReadOptions::default(), "使用范围过大");
    assert!(matches!(e, ReadError::SheetTooLarge { .. }), "{e:?}");
}

#[test]
fn a_stray_value_at_xfd1048576_in_ods() {
    // stacked-one-sheet.xlsx with "x" at XFD1048576, saved as ods by LibreOffice.
    let bytes = hostile("stray-xfd.ods");
    let e = expect_error("ods stray", &bytes, &ReadOptions::default(), "使用范围过大");
    assert!(matches!(e, ReadError::SheetTooLarge { .. }), "{e:?}");
}

#[test]
fn an_ods_with_a_huge_repeated_row() {
    // A value repeated over 1,000 rows × 16,000 columns: 16 million cells from a few bytes.
    let content = br#"<?xml version="1.0" encoding="UTF-8"?>
<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"><office:body><office:spreadsheet><table:table table:name="Sheet1"><table:table-row table:number-rows-repeated="1000"><table:table-cell table:number-columns-repeated="16000" office:value-type="float" office:value="1"><text:p>1</text:p></table:table-cell></table:table-row></table:table></office:spreadsheet></office:body></office:document-content>"#;
    let mut w = zip::ZipWriter::new(Cursor::new(Vec::new()));
    let stored =
        zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Stored);
    w.start_file("mimetype", stored).unwrap();
    w.write_all(b"application/vnd.oasis.opendocument.spreadsheet")
        .unwrap();
    w.start_file("content.xml", stored).unwrap();
    w.write_all(content).unwrap();
    let bytes = w.finish().unwrap().into_inner();
    assert_eq!(sniff(&bytes), Some(WorkbookFormat::Ods));
    let e = expect_error(
        "ods repeat",
        &bytes,
        &ReadOptions::default(),
        "使用范围过大",
    );
    assert!(matches!(e, ReadError::SheetTooLarge { .. }), "{e:?}");
}

#[test]
fn a_file_larger_than_the_limit() {
    let bytes = example("stacked-one-sheet.xlsx");
    let opts = ReadOptions {
        max_file_bytes: 1000,
        ..ReadOptions::default()
    };
    let e = expect_error("large", &bytes, &opts, "文件过大");
    assert!(matches!(e, ReadError::TooLarge { limit: 1000, .. }));

    // On disk: refused from its size, before it is read (a sparse 60 MB file).
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("big.xlsx");
    let f = std::fs::File::create(&path).unwrap();
    f.set_len(60 * 1024 * 1024).unwrap();
    let e = timed("large file", || read_path(&path, &ReadOptions::default())).unwrap_err();
    assert!(matches!(e, ReadError::TooLarge { .. }), "{e:?}");
}

#[test]
fn an_xlsx_named_xls_is_read_by_content() {
    let bytes = example("stacked-one-sheet.xlsx");
    assert_eq!(sniff(&bytes), Some(WorkbookFormat::Xlsx));
    assert_eq!(
        sniff(&example("libreoffice.ods")),
        Some(WorkbookFormat::Ods)
    );
    assert_eq!(sniff(&example("legacy.xls")), Some(WorkbookFormat::Xls));
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("stacked.xls");
    std::fs::write(&path, &bytes).unwrap();
    let r = read_path(&path, &ReadOptions::default()).unwrap();
    assert_eq!(r.agency, "某某县交通运输局");
    assert_eq!(
        values(&r),
        values(&read_bytes(&bytes, &ReadOptions::default()).unwrap())
    );
}

#[test]
fn a_missing_file() {
    let e = read_path(
        Path::new("/nonexistent/zfxxgk.xlsx"),
        &ReadOptions::default(),
    )
    .unwrap_err();
    assert!(matches!(e, ReadError::Io { .. }));
    assert_eq!(e.to_string(), "文件不存在。");
}

#[test]
fn a_workbook_that_is_not_a_report() {
    let mut book = rust_xlsxwriter::Workbook::new();
    let ws = book.add_worksheet();
    ws.write_string(0, 0, "员工名单").unwrap();
    ws.write_string(1, 0, "张三").unwrap();
    ws.write_number(1, 1, 3).unwrap();
    let bytes = book.save_to_buffer().unwrap();
    let e = expect_error(
        "not a report",
        &bytes,
        &ReadOptions::default(),
        "这不是政府信息公开工作年度报告统计表：未找到表二、表三、表四（缺少“规章”“一、本年新收政府信息公开申请数量”“行政复议”等行）。",
    );
    assert!(matches!(e, ReadError::NotAReport { .. }));
}

/// A poor man's fuzzer: every example damaged in many ways (bytes flipped, cut, spliced) either
/// reads or fails with an error; never a panic, never a hang.
#[test]
fn damaged_examples_never_panic() {
    let names = [
        "stacked-one-sheet.xlsx",
        "legacy.xls",
        "libreoffice.ods",
        "formulas-libreoffice.xlsx",
    ];
    let mut seed = 42u64;
    let mut next = move || {
        seed = seed
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        (seed >> 33) as usize
    };
    let start = Instant::now();
    let mut outcomes = [0usize; 2];
    for name in names {
        let original = example(name);
        for round in 0..150 {
            let mut bytes = original.clone();
            match round % 3 {
                0 => {
                    for _ in 0..1 + next() % 8 {
                        let i = next() % bytes.len();
                        bytes[i] = next() as u8;
                    }
                }
                1 => bytes.truncate(next() % bytes.len()),
                _ => {
                    let from = next() % bytes.len();
                    let to = next() % bytes.len();
                    let len = (next() % 512).min(bytes.len() - from.max(to));
                    let chunk = bytes[from..from + len].to_vec();
                    bytes[to..to + len].copy_from_slice(&chunk);
                }
            }
            let ok = read_bytes(&bytes, &ReadOptions::default()).is_ok();
            outcomes[usize::from(ok)] += 1;
        }
    }
    assert!(outcomes[0] > 0 && outcomes[1] > 0, "{outcomes:?}");
    assert!(
        start.elapsed() < Duration::from_secs(30),
        "{:?}",
        start.elapsed()
    );
}

#[test]
fn a_damaged_xls_that_makes_calamine_panic() {
    // Found by `cargo fuzz run read_bytes` from an example xls with one bit changed: calamine
    // 0.38 indexes out of bounds in its MULRK record parser (xls.rs:987). The reader catches
    // the panic and says the file is damaged.
    let bytes = hostile("calamine-panic-mulrk.xls");
    let e = expect_error(
        "calamine panic",
        &bytes,
        &ReadOptions::default(),
        "文件已损坏或不完整",
    );
    assert!(matches!(e, ReadError::Corrupt { .. }), "{e:?}");
}
