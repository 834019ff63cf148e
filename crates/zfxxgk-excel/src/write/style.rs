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
    /// Text in a one-line-per-record list (the 明细 sheet): not wrapped, so every row keeps one
    /// line however long a file path is.
    pub row_text: Format,
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
            row_text: song(10.0)
                .set_border(FormatBorder::Thin)
                .set_align(FormatAlign::Top),
        }
    }
}
