//! Errors of reading an input file, with messages in Chinese and English. A message never names
//! the file: the caller says which file it was.

use zfxxgk_core::Lang;

/// Why an input could not be read.
#[derive(Debug, thiserror::Error)]
pub enum InputError {
    /// The file could not be opened or read.
    #[error("{}", io_zh(.0))]
    Io(#[from] std::io::Error),
    /// The file is empty.
    #[error("文件是空的")]
    Empty,
    /// The file is larger than the limit.
    #[error("文件太大（{size} 字节，上限 {limit} 字节）")]
    TooLarge {
        /// Its size.
        size: u64,
        /// The limit.
        limit: u64,
    },
    /// A summary workbook written by `zfxxgk aggregate`, met in a collection round (where it is
    /// skipped with a note, never read as one more agency).
    #[error("这是用 zfxxgk 汇总生成的汇总表，不是单位报送的年度报告")]
    OwnSummary,
    /// Not a format zfxxgk reads.
    #[error(
        "无法识别的文件格式：既不是电子表格（.xlsx .xlsm .xls .ods）、发布的年度报告（网页、Word、PDF、文本），也不是 zfxxgk 的 JSON 或长格式 CSV"
    )]
    UnknownFormat,
    /// Malformed JSON.
    #[error("JSON 格式错误（第 {line} 行第 {column} 列）：{detail}")]
    Json {
        /// 1-based line.
        line: usize,
        /// 1-based column.
        column: usize,
        /// serde_json's explanation.
        detail: String,
    },
    /// JSON of the wrong shape.
    #[error("JSON 内容不符合报告格式：{zh}")]
    JsonShape {
        /// In Chinese.
        zh: String,
        /// In English.
        en: String,
    },
    /// Malformed CSV.
    #[error("CSV 格式错误（第 {line} 行）：{detail}")]
    Csv {
        /// 1-based line.
        line: u64,
        /// The csv crate's explanation.
        detail: String,
    },
    /// The CSV lacks a required column.
    #[error("CSV 缺少“{column}”列（至少需要 agency, year, cell, value 四列）")]
    MissingColumn {
        /// The column.
        column: &'static str,
    },
    /// A cell id that is not in the layout.
    #[error("{at}：单元格编号“{id}”不存在（编号形如 applications.new.total，见 docs/cells.md）")]
    UnknownCell {
        /// Where.
        at: At,
        /// The id seen.
        id: String,
    },
    /// The same cell given twice for one report.
    #[error("{at}：单元格“{id}”重复出现（{first}已给出）")]
    DuplicateCell {
        /// Where the second one is.
        at: At,
        /// The cell id.
        id: String,
        /// Where the first one is.
        first: At,
    },
    /// No agency name.
    #[error("{at}：缺少机关名称（agency）")]
    MissingAgency {
        /// Where.
        at: At,
    },
    /// No or an unreadable year.
    #[error("{at}：缺少报告年度（year）或年度不是整数{}", seen.as_deref().map(|s| format!("：“{s}”")).unwrap_or_default())]
    BadYear {
        /// Where.
        at: At,
        /// What was there, if anything.
        seen: Option<String>,
    },
    /// A value that is not a number.
    #[error(
        "{at}：单元格“{id}”的值“{seen}”不是数字（空白请留空，没有发生请填 0，占位符可用 / 或 无）"
    )]
    NotANumber {
        /// Where.
        at: At,
        /// The cell id.
        id: String,
        /// The value.
        seen: String,
    },
    /// A number beyond the bounds every value keeps (`zfxxgk_core::value::check_bounds`).
    #[error("{at}：单元格“{id}”的值“{seen}”超出数值上限（{}），不读作数字，也不四舍五入", limit.describe(Lang::Zh))]
    OutOfRange {
        /// Where.
        at: At,
        /// The cell id.
        id: String,
        /// The value (shortened when long).
        seen: String,
        /// The bound it breaks.
        limit: zfxxgk_core::value::Limit,
    },
    /// The same key twice in one JSON object.
    #[error("JSON 第 {line} 行：键“{key}”在同一个对象中出现了两次（不知道以哪个为准）")]
    DuplicateKey {
        /// 1-based line of the second one.
        line: usize,
        /// The key.
        key: String,
    },
    /// More reports in one file than a file may hold.
    #[error("{at}：一个文件最多 {limit} 份报告，这个文件更多；请按单位或地区拆分成多个文件")]
    TooManyReports {
        /// Where the first report over the limit starts.
        at: At,
        /// The limit.
        limit: usize,
    },
    /// An unknown edition.
    #[error("{at}：格式版本“{seen}”不存在（应为 2021 或 2019）")]
    BadEdition {
        /// Where.
        at: At,
        /// The value.
        seen: String,
    },
    /// The file holds no report.
    #[error("文件中没有报告数据")]
    NoReport,
    /// A spreadsheet could not be read.
    #[error("{0}")]
    Spreadsheet(String, String),
    /// A published report (text, web page, Word, PDF) could not be read.
    #[error("{0}")]
    Published(String, String),
    /// A path named but not read: a folder that cannot be opened, a link, a named pipe or a
    /// device (see [`crate::input::expand`]).
    #[error("{}", .0.message(Lang::Zh))]
    Skipped(crate::input::Skip),
    /// The work on the file panicked (a bug): the file is skipped and the batch goes on.
    #[error(
        "读取该文件时程序出错，已跳过；请把该文件发给开发者（{}）",
        crate::batch::where_to_report(Lang::Zh)
    )]
    Panicked,
}

impl InputError {
    /// Whether an input went unread because of this (every error but a link to a folder that
    /// was read anyway).
    pub fn loses_input(&self) -> bool {
        !matches!(self, InputError::Skipped(s) if !s.loses_input())
    }

    /// The account of the file in a list of files: `无法读取：…`, or `跳过：…` for a path
    /// skipped.
    pub fn listed(&self, lang: Lang) -> String {
        let m = self.message(lang);
        match (self, lang) {
            (InputError::Skipped(_), Lang::Zh) => format!("跳过：{m}"),
            (InputError::Skipped(_), Lang::En) => format!("skipped: {m}"),
            (_, Lang::Zh) => format!("无法读取：{m}"),
            (_, Lang::En) => format!("unreadable: {m}"),
        }
    }
}

/// Where in an input file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum At {
    /// A line of a CSV file (1-based, the header is line 1).
    Line(u64),
    /// A key in a JSON document.
    Key(String),
}

impl std::fmt::Display for At {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            At::Line(n) => write!(f, "第 {n} 行"),
            At::Key(k) => write!(f, "“{k}”处"),
        }
    }
}

impl At {
    fn en(&self) -> String {
        match self {
            At::Line(n) => format!("line {n}"),
            At::Key(k) => format!("at “{k}”"),
        }
    }
}

impl InputError {
    /// The message in the given language.
    pub fn message(&self, lang: Lang) -> String {
        if lang == Lang::Zh {
            return self.to_string();
        }
        match self {
            InputError::Io(e) => match e.kind() {
                std::io::ErrorKind::NotFound => "the file does not exist".into(),
                std::io::ErrorKind::PermissionDenied => "no permission to read the file".into(),
                std::io::ErrorKind::InvalidFilename => {
                    "the path is too long (longer than the system allows); not read".into()
                }
                _ => format!("the file could not be read: {e}"),
            },
            InputError::Empty => "the file is empty".into(),
            InputError::TooLarge { size, limit } => {
                format!("the file is too large ({size} bytes; the limit is {limit})")
            }
            InputError::UnknownFormat => {
                "not a format zfxxgk reads (xlsx, xlsm, xls, ods, a published report as a web page, Word, PDF or text, the zfxxgk JSON or the long CSV)"
                    .into()
            }
            InputError::Json {
                line,
                column,
                detail,
            } => format!("malformed JSON at line {line}, column {column}: {detail}"),
            InputError::JsonShape { en, .. } => format!("the JSON is not a report: {en}"),
            InputError::Csv { line, detail } => format!("malformed CSV at line {line}: {detail}"),
            InputError::MissingColumn { column } => {
                format!(
                    "the CSV has no “{column}” column (agency, year, cell and value are required)"
                )
            }
            InputError::UnknownCell { at, id } => {
                format!("{}: unknown cell id “{id}” (see docs/cells.md)", at.en())
            }
            InputError::DuplicateCell { at, id, first } => {
                format!(
                    "{}: cell “{id}” is given twice (first {})",
                    at.en(),
                    first.en()
                )
            }
            InputError::MissingAgency { at } => format!("{}: the agency name is missing", at.en()),
            InputError::BadYear { at, seen } => match seen {
                Some(s) => format!("{}: the year “{s}” is not a whole number", at.en()),
                None => format!("{}: the report year is missing", at.en()),
            },
            InputError::NotANumber { at, id, seen } => {
                format!(
                    "{}: the value “{seen}” of cell “{id}” is not a number",
                    at.en()
                )
            }
            InputError::OutOfRange {
                at,
                id,
                seen,
                limit,
            } => format!(
                "{}: the value “{seen}” of cell “{id}” is beyond the limit ({}); not read as a number, never rounded",
                at.en(),
                limit.describe(Lang::En)
            ),
            InputError::DuplicateKey { line, key } => format!(
                "JSON line {line}: the key “{key}” is given twice in one object (which one holds is unclear)"
            ),
            InputError::TooManyReports { at, limit } => format!(
                "{}: a file holds at most {limit} reports and this one holds more; split it by agency or area",
                at.en()
            ),
            InputError::BadEdition { at, seen } => format!(
                "{}: unknown layout edition “{seen}” (2021 or 2019)",
                at.en()
            ),
            InputError::NoReport => "the file holds no report".into(),
            InputError::OwnSummary => {
                "a summary workbook written by zfxxgk aggregate, not an agency's report".into()
            }
            InputError::Spreadsheet(_, en) | InputError::Published(_, en) => en.clone(),
            InputError::Skipped(s) => s.message(Lang::En),
            InputError::Panicked => format!(
                "the program failed while reading this file and skipped it; please send the file to the developers ({})",
                crate::batch::where_to_report(Lang::En)
            ),
        }
    }
}

fn io_zh(e: &std::io::Error) -> String {
    match e.kind() {
        std::io::ErrorKind::NotFound => "文件不存在".into(),
        std::io::ErrorKind::PermissionDenied => "没有读取这个文件的权限".into(),
        std::io::ErrorKind::IsADirectory => "这是一个目录，不是文件".into(),
        std::io::ErrorKind::InvalidFilename => "路径太长（超过系统允许的长度），未读取".into(),
        _ => format!("读取失败（{e}）"),
    }
}
