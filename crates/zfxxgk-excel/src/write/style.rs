//! The formats of every sheet, defined once.

use rust_xlsxwriter::{Color, Format, FormatAlign, FormatBorder, FormatPattern};

use super::grid::{TABLE_FONT_SIZE, TITLE_FONT_SIZE};

/// 宋体, the font of the tables.
pub(crate) const SONG: &str = "宋体";
/// 仿宋, the font of the narrative text.
pub(crate) const FANGSONG: &str = "仿宋";
/// The GB2312 character set, so that Excel and WPS pick the Chinese font.
pub(crate) const GB2312: u8 = 134;
/// Light yellow: the input cells of the blank template.
const INPUT_FILL: u32 = 0xFFF8DC;

/// Light orange: a numeric cell holding text.
const TEXT_FILL: u32 = 0xFFD8A8;

/// Light red: a finding of error severity.
const ERROR_FILL: u32 = 0xFDE2E2;
/// Light yellow: a finding of warning severity.
const WARNING_FILL: u32 = 0xFFF4CC;

/// A wrapped text of a list, on a coloured row.
fn list_text(fill: u32) -> Format {
    song(10.0)
        .set_border(FormatBorder::Thin)
        .set_align(FormatAlign::Top)
        .set_text_wrap()
        .set_pattern(FormatPattern::Solid)
        .set_background_color(Color::RGB(fill))
}

/// Whether a workbook is a template to fill or a filled report.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Mode {
    Template,
    Export,
}

fn font(name: &str, size: f64) -> Format {
    Format::new()
        .set_font_name(name)
        .set_font_charset(GB2312)
        .set_font_size(size)
}

fn song(size: f64) -> Format {
    font(SONG, size)
}

/// Every format used.
#[derive(Debug)]
pub(crate) struct Styles {
    pub title: Format,
    pub caption: Format,
    pub header: Format,
    pub stub: Format,
    pub stub_group: Format,
    pub input: Format,
    pub check: Format,
    pub check_label: Format,
    pub check_header: Format,
    pub unbalanced: Format,
    /// A conditional format: an input cell holding text, or a check that cannot read a cell.
    pub text_input: Format,
    pub info_label: Format,
    pub info_input: Format,
    pub info_fixed: Format,
    pub note: Format,
    pub heading: Format,
    pub narrative: Format,
    pub paragraph: Format,
    pub list_header: Format,
    pub list_text: Format,
    pub list_number: Format,
    /// A finding of error severity in a summary's 校验结果: text, and its number.
    pub error_text: Format,
    pub error_number: Format,
    /// A finding of warning severity.
    pub warning_text: Format,
    pub warning_number: Format,
    /// The title of a block of a list (汇总数的检查结果).
    pub block_title: Format,
    /// Cell ids and other columns for machines, outside the printed area.
    pub machine_text: Format,
    /// The 合计 row of the 明细 sheet.
    pub total_label: Format,
    pub total_number: Format,
    /// The closing line of a list (`以上共 105 条`).
    pub closing: Format,
}

impl Styles {
    pub fn new(mode: Mode) -> Styles {
        let size = TABLE_FONT_SIZE;
        let cell = song(size)
            .set_border(FormatBorder::Thin)
            .set_align(FormatAlign::VerticalCenter)
            .set_text_wrap();
        let centered = cell.clone().set_align(FormatAlign::Center);
        let input = match mode {
            Mode::Template => centered
                .clone()
                .set_unlocked()
                .set_pattern(FormatPattern::Solid)
                .set_background_color(Color::RGB(INPUT_FILL)),
            Mode::Export => centered.clone().set_unlocked(),
        };
        let left = cell.clone().set_align(FormatAlign::Left);
        let info_input = match mode {
            Mode::Template => left
                .clone()
                .set_unlocked()
                .set_pattern(FormatPattern::Solid)
                .set_background_color(Color::RGB(INPUT_FILL)),
            Mode::Export => left.clone().set_unlocked(),
        };
        Styles {
            title: song(TITLE_FONT_SIZE)
                .set_bold()
                .set_align(FormatAlign::Center)
                .set_align(FormatAlign::VerticalCenter),
            caption: cell.clone().set_bold(),
            header: centered.clone(),
            stub: cell.clone().set_indent(1),
            stub_group: centered.clone(),
            input,
            check: centered.clone(),
            check_label: song(10.0)
                .set_border(FormatBorder::Thin)
                .set_align(FormatAlign::VerticalCenter)
                .set_text_wrap()
                .set_font_color(Color::RGB(0x595959)),
            check_header: song(10.0)
                .set_border(FormatBorder::Thin)
                .set_align(FormatAlign::Center)
                .set_align(FormatAlign::VerticalCenter)
                .set_text_wrap()
                .set_font_color(Color::RGB(0x595959)),
            unbalanced: Format::new()
                .set_font_color(Color::RGB(0x9C0006))
                .set_background_color(Color::RGB(0xFFC7CE))
                .set_bold(),
            text_input: Format::new()
                .set_font_color(Color::RGB(0x9C5700))
                .set_background_color(Color::RGB(TEXT_FILL)),
            info_label: centered.clone().set_bold(),
            info_input,
            info_fixed: cell.clone(),
            note: song(size)
                .set_align(FormatAlign::Top)
                .set_align(FormatAlign::Left)
                .set_text_wrap(),
            heading: font(FANGSONG, 14.0)
                .set_bold()
                .set_align(FormatAlign::VerticalCenter),
            narrative: match mode {
                Mode::Template => font(FANGSONG, 12.0)
                    .set_border(FormatBorder::Thin)
                    .set_align(FormatAlign::Top)
                    .set_align(FormatAlign::Left)
                    .set_text_wrap()
                    .set_unlocked()
                    .set_pattern(FormatPattern::Solid)
                    .set_background_color(Color::RGB(INPUT_FILL)),
                Mode::Export => font(FANGSONG, 12.0)
                    .set_border(FormatBorder::Thin)
                    .set_align(FormatAlign::Top)
                    .set_align(FormatAlign::Left)
                    .set_text_wrap()
                    .set_unlocked(),
            },
            paragraph: font(FANGSONG, 12.0)
                .set_align(FormatAlign::Top)
                .set_align(FormatAlign::Left)
                .set_text_wrap()
                .set_unlocked(),
            list_header: song(10.0)
                .set_bold()
                .set_border(FormatBorder::Thin)
                .set_align(FormatAlign::Center)
                .set_align(FormatAlign::VerticalCenter)
                .set_text_wrap()
                .set_pattern(FormatPattern::Solid)
                .set_background_color(Color::RGB(0xF2F2F2)),
            list_text: song(10.0)
                .set_border(FormatBorder::Thin)
                .set_align(FormatAlign::Top)
                .set_text_wrap(),
            list_number: song(10.0)
                .set_border(FormatBorder::Thin)
                .set_align(FormatAlign::Top)
                .set_align(FormatAlign::Center),
            error_text: list_text(ERROR_FILL),
            error_number: list_text(ERROR_FILL).set_align(FormatAlign::Center),
            warning_text: list_text(WARNING_FILL),
            warning_number: list_text(WARNING_FILL).set_align(FormatAlign::Center),
            block_title: song(11.0)
                .set_bold()
                .set_border(FormatBorder::Thin)
                .set_align(FormatAlign::VerticalCenter)
                .set_pattern(FormatPattern::Solid)
                .set_background_color(Color::RGB(0xD9D9D9)),
            machine_text: song(9.0)
                .set_font_color(Color::RGB(0x808080))
                .set_align(FormatAlign::Top),
            total_label: song(10.0)
                .set_bold()
                .set_border(FormatBorder::Thin)
                .set_border_top(FormatBorder::Double)
                .set_align(FormatAlign::Center)
                .set_align(FormatAlign::VerticalCenter)
                .set_pattern(FormatPattern::Solid)
                .set_background_color(Color::RGB(0xF2F2F2)),
            total_number: song(10.0)
                .set_bold()
                .set_border(FormatBorder::Thin)
                .set_border_top(FormatBorder::Double)
                .set_align(FormatAlign::Center)
                .set_align(FormatAlign::VerticalCenter)
                .set_pattern(FormatPattern::Solid)
                .set_background_color(Color::RGB(0xF2F2F2)),
            closing: song(10.0).set_align(FormatAlign::VerticalCenter),
        }
    }
}
