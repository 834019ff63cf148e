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
            InputError::BadEdition { at, seen } => format!(
                "{}: unknown layout edition “{seen}” (2021 or 2019)",
                at.en()
            ),
            InputError::NoReport => "the file holds no report".into(),
            InputError::Spreadsheet(_, en) | InputError::Published(_, en) => en.clone(),
        }
    }
}

fn io_zh(e: &std::io::Error) -> String {
    match e.kind() {
        std::io::ErrorKind::NotFound => "文件不存在".into(),
        std::io::ErrorKind::PermissionDenied => "没有读取这个文件的权限".into(),
        std::io::ErrorKind::IsADirectory => "这是一个目录，不是文件".into(),
        _ => format!("读取失败（{e}）"),
    }
}
