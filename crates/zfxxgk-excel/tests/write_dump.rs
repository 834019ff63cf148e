//! The xlsx dump refuses what it should not inflate.

use std::io::{Read, Write};

use zfxxgk_excel::dump::{DumpError, MAX_INFLATED, dump_xlsx};

#[test]
fn a_zip_that_inflates_past_the_limit_is_refused() {
    let mut buf = std::io::Cursor::new(Vec::new());
    {
        let mut zip = zip::ZipWriter::new(&mut buf);
        let opts = zip::write::SimpleFileOptions::default()
            .compression_method(zip::CompressionMethod::Deflated)
            .compression_level(Some(1));
        zip.start_file("xl/workbook.xml", opts).unwrap();
        let mut zeros = std::io::repeat(b' ').take(MAX_INFLATED + 1);
        std::io::copy(&mut zeros, &mut zip).unwrap();
        zip.finish().unwrap();
    }
    let bytes = buf.into_inner();
    assert!(bytes.len() < 2_000_000, "{} bytes", bytes.len());
    match dump_xlsx(&bytes) {
        Err(DumpError::TooLarge(n)) => assert!(n > MAX_INFLATED),
        other => panic!("expected TooLarge, got {other:?}"),
    }
}

#[test]
fn broken_xml_is_an_error_not_a_panic() {
    let mut buf = std::io::Cursor::new(Vec::new());
    {
        let mut zip = zip::ZipWriter::new(&mut buf);
        let opts = zip::write::SimpleFileOptions::default();
        zip.start_file("xl/workbook.xml", opts).unwrap();
        zip.write_all(b"<workbook><sheets><sheet name='a'").unwrap();
        zip.finish().unwrap();
    }
    let err = dump_xlsx(&buf.into_inner()).unwrap_err();
    assert!(matches!(err, DumpError::Xml { .. }), "{err}");
}

#[test]
fn a_zip_without_a_workbook_is_an_error() {
    let mut buf = std::io::Cursor::new(Vec::new());
    {
        let mut zip = zip::ZipWriter::new(&mut buf);
        zip.start_file("hello.txt", zip::write::SimpleFileOptions::default())
            .unwrap();
        zip.write_all(b"hi").unwrap();
        zip.finish().unwrap();
    }
    assert!(matches!(
        dump_xlsx(&buf.into_inner()),
        Err(DumpError::Missing(_))
    ));
}
