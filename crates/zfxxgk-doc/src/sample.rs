//! The bundled sample report: 义马市交通运输局's published report for 2024, read from its
//! published text ([`zfxxgk_core::sample::SOURCE_TEXT`]) by the text reader and the core's import
//! path, exactly as `zfxxgk check` reads a copied report. A test pins every value.

use zfxxgk_core::Report;

use crate::read::{Limits, text};

/// The sample report: every table value as published, agency, year and the six sections; without
/// the locations and notes of the import (the sample is data, not a file).
pub fn yima_transport_2024() -> Report {
    let doc = text::read(
        zfxxgk_core::sample::SOURCE_TEXT.as_bytes(),
        &Limits::default(),
    );
    let report = doc
        .ok()
        .and_then(|doc| zfxxgk_core::import::read_document(&doc).ok());
    // The text is part of the program and a test pins what it reads as; an empty report here
    // would be a bug of the text reader, caught by that test.
    report.map_or_else(
        || Report::new(zfxxgk_core::Edition::V2021),
        Report::without_origins,
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use zfxxgk_core::CellValue;

    #[test]
    fn the_sample_has_the_published_values_and_sections() {
        let r = yima_transport_2024();
        assert_eq!(r.agency, "义马市交通运输局");
        assert_eq!(r.year, Some(2024));
        for (cell, value) in r.cells() {
            let want = match cell.id {
                "disclosure.licensing.decisions" => 5,
                "disclosure.penalty.decisions" => 118,
                _ => 0,
            };
            assert_eq!(value, &CellValue::int(want), "{}", cell.id);
        }
        assert!(r.issues.is_empty(), "{:?}", r.issues);
        assert!(r.section("overview").starts_with("(一) 主动公开"));
        assert!(r.section("problems").contains("下一步打算"));
        assert_eq!(r.section("other"), "无。");
        // Paragraphs broken by a page of the published document are whole again.
        assert!(r.section("overview").contains("及时向问询群众回复答复书"));
        assert!(
            r.section("overview")
                .contains("组织单位职工学习宣传新修订的")
        );
        assert_eq!(r.section("overview").lines().count(), 10);
    }
}
