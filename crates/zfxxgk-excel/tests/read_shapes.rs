//! Shapes made here from the catalog: our own 基本信息 and 报告正文 sheets, flat tables (one label
//! column, one header row), missing rows and columns, options overriding the workbook.

use rust_xlsxwriter::{Workbook, Worksheet};
use zfxxgk_core::layout::{Arrangement, META_FIELDS};
use zfxxgk_core::{CellValue, Edition, Location, Report};
use zfxxgk_excel::read::{ReadOptions, read_bytes};
use zfxxgk_excel::sheets;

/// What to leave out of a written table.
#[derive(Default)]
struct Omit {
    rows: &'static [&'static str],
    columns: &'static [&'static str],
    /// How row labels are written (default: the official label).
    label: Option<fn(&zfxxgk_core::layout::Row) -> String>,
    /// Headers flattened into one cell per column (`申请人情况—法人或其他组织—商业企业`).
    flat_headers: bool,
}

/// A header path flattened into one cell.
fn flat(path: &[&str]) -> String {
    path.join("—")
}

/// The value written for each cell: its index in the catalog.
fn value_of(cell: &zfxxgk_core::Cell) -> f64 {
    cell.index as f64
}

/// Writes one table flat (one label column, one header row) from (r0, c0); returns the next
/// free row.
fn write_table(ws: &mut Worksheet, table_id: &str, r0: u32, c0: u16, omit: &Omit) -> u32 {
    let layout = Edition::V2021.layout();
    let table = layout.table(table_id).unwrap();
    let section = table.section(layout);
    let mut r = r0;
    ws.write_string(r, c0, format!("{}、{}", section.no, section.heading))
        .unwrap();
    r += 1;
    for (b, block) in table.blocks.iter().enumerate() {
        let cells: Vec<_> = layout
            .table_cells(table_id)
            .filter(|c| c.block == b)
            .collect();
        if let Some(caption) = block.caption {
            ws.write_string(r, c0, caption).unwrap();
            r += 1;
        }
        let columns: Vec<_> = block
            .columns
            .iter()
            .filter(|c| !omit.columns.contains(&c.id))
            .collect();
        match block.arrangement {
            Arrangement::Grid => {
                if let Some(corner) = block.corner {
                    ws.write_string(r, c0, corner).unwrap();
                }
                for (k, col) in columns.iter().enumerate() {
                    let label = if omit.flat_headers {
                        flat(
                            &col.path
                                .iter()
                                .copied()
                                .chain([col.label])
                                .collect::<Vec<_>>(),
                        )
                    } else {
                        col.label.to_string()
                    };
                    ws.write_string(r, c0 + 1 + k as u16, label).unwrap();
                }
                r += 1;
                for row in block.rows.iter().filter(|x| !omit.rows.contains(&x.id)) {
                    let label = omit.label.map_or(row.label.to_string(), |f| f(row));
                    ws.write_string(r, c0, label).unwrap();
                    for (k, col) in columns.iter().enumerate() {
                        let cell = cells
                            .iter()
                            .find(|c| c.row.id == row.id && c.column.id == col.id)
                            .unwrap();
                        ws.write_number(r, c0 + 1 + k as u16, value_of(cell))
                            .unwrap();
                    }
                    r += 1;
                }
            }
            Arrangement::Inline => {
                let n = columns.len() as u16;
                for (j, row) in block.rows.iter().enumerate() {
                    let c = c0 + j as u16 * n;
                    if !omit.flat_headers {
                        ws.write_string(r, c, row.label).unwrap();
                    }
                    for (k, col) in columns.iter().enumerate() {
                        let label = if omit.flat_headers {
                            let path: Vec<&str> = row
                                .path
                                .iter()
                                .copied()
                                .chain([row.label, col.label])
                                .collect();
                            flat(&path)
                        } else {
                            col.label.to_string()
                        };
                        ws.write_string(r + 1, c + k as u16, label).unwrap();
                        let cell = cells
                            .iter()
                            .find(|x| x.row.id == row.id && x.column.id == col.id)
                            .unwrap();
                        ws.write_number(r + 2, c + k as u16, value_of(cell))
                            .unwrap();
                    }
                }
                r += 3;
            }
        }
    }
    r + 1
}

fn info_sheet(book: &mut Workbook, agency: &str, year: &str) {
    let ws = book.add_worksheet();
    ws.set_name(sheets::INFO).unwrap();
    ws.write_string(0, 0, "填报信息").unwrap();
    for (i, field) in META_FIELDS.iter().enumerate() {
        let r = i as u32 + 1;
        ws.write_string(r, 0, field.label).unwrap();
        let v = match field.id {
            "agency" => agency,
            "year" => year,
            "edition" => "2021（国办公开办函〔2021〕30号）",
            "filler" => "王某某",
            "phone" => "0379-12345678",
            "date" => "2024年1月18日",
            _ => "",
        };
        ws.write_string(r, 1, v).unwrap();
    }
}

fn assert_all_values(report: &Report, except: &[&str]) {
    for (cell, v) in report.cells() {
        if except.iter().any(|e| cell.id.contains(e)) {
            assert_eq!(*v, CellValue::Blank, "{}", cell.id);
        } else {
            assert_eq!(*v, CellValue::int(cell.index as i64), "{}", cell.id);
        }
    }
}

#[test]
fn our_info_and_narrative_sheets_and_flat_tables_in_any_order() {
    let mut book = Workbook::new();
    info_sheet(&mut book, "某某县水利局", "2024");
    // Tables in reverse order, on sheets with arbitrary names, at arbitrary positions.
    let ws = book.add_worksheet();
    ws.set_name("四").unwrap();
    write_table(ws, "appeals", 7, 3, &Omit::default());
    let ws = book.add_worksheet();
    ws.set_name("Sheet9").unwrap();
    let next = write_table(ws, "applications", 2, 1, &Omit::default());
    write_table(ws, "disclosure", next + 3, 1, &Omit::default());
    let ws = book.add_worksheet();
    ws.set_name(sheets::NARRATIVE).unwrap();
    ws.write_string(0, 0, "某某县水利局2024年政府信息公开工作年度报告（正文）")
        .unwrap();
    ws.write_string(1, 0, "一、总体情况").unwrap();
    ws.write_string(2, 0, "（一）主动公开\n本机关全年主动公开信息 120 条。")
        .unwrap();
    ws.write_string(3, 0, "（二）依申请公开").unwrap();
    ws.write_string(4, 0, "五、存在问题及改进情况").unwrap();
    ws.write_string(5, 0, "公开内容不够全面。").unwrap();
    ws.write_string(6, 0, "六、其他需要报告的事项").unwrap();
    ws.write_string(7, 0, "本年度未收取信息处理费。").unwrap();
    let bytes = book.save_to_buffer().unwrap();

    let r = read_bytes(&bytes, &ReadOptions::default()).unwrap();
    assert_eq!(r.agency, "某某县水利局");
    assert_eq!(r.year, Some(2024));
    assert_eq!(r.contact.filler.as_deref(), Some("王某某"));
    assert_eq!(r.contact.phone.as_deref(), Some("0379-12345678"));
    assert_eq!(r.contact.date.as_deref(), Some("2024年1月18日"));
    assert_eq!(
        r.section("overview"),
        "（一）主动公开\n本机关全年主动公开信息 120 条。\n（二）依申请公开"
    );
    assert_eq!(r.section("problems"), "公开内容不够全面。");
    assert_eq!(r.section("other"), "本年度未收取信息处理费。");
    assert!(r.issues.is_empty(), "{:#?}", r.issues);
    assert_all_values(&r, &[]);
    let cell = r.layout().cell("appeals.review.upheld").unwrap();
    assert_eq!(
        r.origin(cell).map(ToString::to_string).as_deref(),
        Some("四!D11")
    );
    let cell = r.layout().cell("applications.new.natural_person").unwrap();
    assert_eq!(
        r.origin(cell).map(ToString::to_string).as_deref(),
        Some("Sheet9!C5")
    );

    // Options only fill in what the workbook does not say.
    let opts = ReadOptions {
        agency: Some("某某市水务局".into()),
        year: Some(2023),
        ..ReadOptions::default()
    };
    let r = read_bytes(&bytes, &opts).unwrap();
    assert_eq!(r.agency, "某某县水利局");
    assert_eq!(r.year, Some(2024));
}

#[test]
fn missing_rows_and_columns_are_reported_not_zeroed() {
    let mut book = Workbook::new();
    let ws = book.add_worksheet();
    ws.write_string(0, 0, "某某乡人民政府2023年政府信息公开工作年度报告")
        .unwrap();
    let next = write_table(ws, "disclosure", 2, 0, &Omit::default());
    let next = write_table(
        ws,
        "applications",
        next,
        0,
        &Omit {
            rows: &["rejected_duplicate", "carried_over"],
            columns: &["research"],
            ..Omit::default()
        },
    );
    write_table(
        ws,
        "appeals",
        next,
        0,
        &Omit {
            rows: &[],
            columns: &["pending"],
            ..Omit::default()
        },
    );
    let bytes = book.save_to_buffer().unwrap();
    let r = read_bytes(&bytes, &ReadOptions::default()).unwrap();
    assert_eq!(r.agency, "某某乡人民政府");
    assert_eq!(r.year, Some(2023));
    assert_all_values(
        &r,
        &[
            "applications.rejected_duplicate.",
            "applications.carried_over.",
            ".research",
            ".pending",
        ],
    );
    let codes: Vec<(&str, usize)> = r.issues.iter().map(|i| (i.code, i.cells.len())).collect();
    assert_eq!(
        codes,
        [
            ("IMPORT-MISSING-ROW", 7),
            ("IMPORT-MISSING-ROW", 7),
            ("IMPORT-MISSING-COLUMN", 25),
            ("IMPORT-MISSING-COLUMN", 3),
        ],
        "{:#?}",
        r.issues
    );
    assert_eq!(
        r.issues[0].zh,
        "工作表“Sheet1”的表三中未找到“二、上年结转政府信息公开申请数量”行，该行数值无法读取。"
    );
    assert_eq!(
        r.issues[2].zh,
        "工作表“Sheet1”的表三中未找到“科研机构”列，该列数值无法读取。"
    );
    assert!(
        r.issues
            .iter()
            .all(|i| i.severity == zfxxgk_core::Severity::Error)
    );
}

fn short_label(row: &zfxxgk_core::layout::Row) -> String {
    row.short.to_string()
}

fn group_and_label(row: &zfxxgk_core::layout::Row) -> String {
    match row.path.last() {
        Some(group) if row.path.len() > 1 => format!("{group}{}", row.label),
        _ => row.label.to_string(),
    }
}

#[test]
fn row_labels_written_as_short_names_or_with_their_group() {
    for label in [short_label as fn(&_) -> String, group_and_label] {
        let mut book = Workbook::new();
        let ws = book.add_worksheet();
        let omit = Omit {
            label: Some(label),
            ..Omit::default()
        };
        let next = write_table(ws, "disclosure", 0, 0, &omit);
        let next = write_table(ws, "applications", next, 0, &omit);
        write_table(ws, "appeals", next, 0, &omit);
        let bytes = book.save_to_buffer().unwrap();
        let r = read_bytes(&bytes, &ReadOptions::default()).unwrap();
        assert!(r.issues.is_empty(), "{:#?}", r.issues);
        assert_all_values(&r, &[]);
    }
}

#[test]
fn without_markers_the_edition_stated_in_the_info_sheet_decides() {
    // Tables 三 and 四 only are the same in both editions but for （六）: the 2019 one has one
    // row. The info sheet says 2019.
    let mut book = Workbook::new();
    let ws = book.add_worksheet();
    ws.set_name(sheets::INFO).unwrap();
    let edition = META_FIELDS.iter().find(|f| f.id == "edition").unwrap();
    ws.write_string(0, 0, edition.label).unwrap();
    ws.write_string(0, 1, "2019（国办公开办函〔2019〕60号）")
        .unwrap();
    let ws = book.add_worksheet();
    write_table(ws, "appeals", 0, 0, &Omit::default());
    let bytes = book.save_to_buffer().unwrap();
    let r = read_bytes(&bytes, &ReadOptions::default()).unwrap();
    assert_eq!(r.edition, Edition::V2019);
    let codes: Vec<&str> = r.issues.iter().map(|i| i.code).collect();
    assert_eq!(codes, ["IMPORT-MISSING-TABLE", "IMPORT-MISSING-TABLE"]);
}

#[test]
fn a_table_present_twice_is_read_once_and_flagged() {
    let mut book = Workbook::new();
    for name in ["本年", "上年"] {
        let ws = book.add_worksheet();
        ws.set_name(name).unwrap();
        let next = write_table(ws, "disclosure", 0, 0, &Omit::default());
        let next = write_table(ws, "applications", next, 0, &Omit::default());
        write_table(ws, "appeals", next, 0, &Omit::default());
    }
    let bytes = book.save_to_buffer().unwrap();
    let r = read_bytes(&bytes, &ReadOptions::default()).unwrap();
    assert_all_values(&r, &[]);
    let cell = r.layout().cell("applications.new.total").unwrap();
    assert!(matches!(r.origin(cell), Some(Location::Cell { sheet, .. }) if &**sheet == "本年"));
    // One warning per block: table 二's four blocks, table 三, table 四.
    assert_eq!(r.issues.len(), 6, "{:#?}", r.issues);
    assert!(r.issues.iter().all(
        |i| i.code == "IMPORT-DUPLICATE-TABLE" && i.severity == zfxxgk_core::Severity::Warning
    ));
    let t3 = r
        .issues
        .iter()
        .find(|i| i.cells.contains(&"applications.new.total"))
        .unwrap();
    assert!(
        t3.zh
            .starts_with("表三在工作簿中出现了两处：读取的是工作表“本年”"),
        "{}",
        t3.zh
    );
    assert!(t3.zh.contains("工作表“上年”"), "{}", t3.zh);
}

#[test]
fn headers_flattened_into_one_cell() {
    let mut book = Workbook::new();
    let ws = book.add_worksheet();
    let omit = Omit {
        flat_headers: true,
        ..Omit::default()
    };
    let next = write_table(ws, "disclosure", 0, 0, &omit);
    let next = write_table(ws, "applications", next, 0, &omit);
    write_table(ws, "appeals", next, 0, &omit);
    let bytes = book.save_to_buffer().unwrap();
    let r = read_bytes(&bytes, &ReadOptions::default()).unwrap();
    assert!(r.issues.is_empty(), "{:#?}", r.issues);
    assert_all_values(&r, &[]);
}
