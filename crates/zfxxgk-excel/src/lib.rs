//! Spreadsheets for zfxxgk, both ways, driven by the core layout catalog.
//!
//! - [`write`](mod@write): the blank standard template, the official spreadsheet of a report, the
//!   summary workbook (rust_xlsxwriter);
//! - [`read`](mod@read): xlsx, xlsm, xls and ods workbooks (calamine), tables found by their
//!   labels, with bounded time and memory on hostile input;
//! - [`dump`]: a readable text dump of an xlsx, for snapshot tests.
//!
//! No third-party type appears in the public API.

pub mod dump;
pub mod read;
pub mod write;

/// The names of the sheets zfxxgk writes. Defined once here; the writer and the reader use them.
pub mod sheets {
    /// Metadata (机关名称, 报告年度, …) and the 填表说明.
    pub const INFO: &str = zfxxgk_core::layout::INFO_SHEET;
    /// The sheet of each table, by table id.
    pub const TABLES: &[(&str, &str)] = &[
        ("disclosure", "表二 主动公开"),
        ("applications", "表三 依申请公开"),
        ("appeals", "表四 复议诉讼"),
    ];
    /// The narrative sections (一, 五, 六).
    pub const NARRATIVE: &str = zfxxgk_core::layout::NARRATIVE_SHEET;
    /// Every finding of a check.
    pub const FINDINGS: &str = "校验结果";
    /// The total of many reports, in the official layout.
    pub const SUMMARY: &str = "汇总";
    /// One row per report.
    pub const DETAIL: &str = "明细";

    /// The sheet name of a table id.
    pub fn table_sheet(table_id: &str) -> Option<&'static str> {
        TABLES
            .iter()
            .find(|(id, _)| *id == table_id)
            .map(|(_, name)| *name)
    }
}
