//! The command line, as clap sees it: the arguments, their help (bilingual, fitting 80 columns)
//! and, in [`usage`], the messages for a command line clap refuses, in the user's language.

pub mod usage;

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

/// zfxxgk：政府信息公开工作年度报告的检查、导入导出与汇总工具。
///
/// zfxxgk checks, converts and totals China's government information disclosure annual
/// reports (政府信息公开工作年度报告, 2021 format; the 2019 trial format is read too).
#[derive(Debug, Parser)]
#[command(
    name = "zfxxgk",
    version,
    propagate_version = true,
    max_term_width = 80
)]
#[command(after_help = "示例 (examples):
  zfxxgk template --agency 某某县交通运输局 --year 2025
  zfxxgk check 某某县交通运输局2025年报.xlsx
  zfxxgk check 各单位报表/ --format json
  zfxxgk export 年报.xlsx -o 年报.html
  zfxxgk aggregate 各单位报表/ -o 汇总.xlsx --name 某某县人民政府办公室
  zfxxgk example -o 示例.xlsx

每个命令的说明 (help of a command): zfxxgk check --help")]
pub struct Cli {
    /// 提示信息的语言 (language of messages)
    #[arg(
        long,
        value_enum,
        default_value_t = LangArg::Zh,
        global = true,
        ignore_case = true
    )]
    pub lang: LangArg,
    #[command(subcommand)]
    pub command: Command,
}

/// Language of messages.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum LangArg {
    /// 中文
    Zh,
    /// English
    En,
}

/// Output format of `check`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum FormatArg {
    /// 供人阅读的文字 (text for people)
    Text,
    /// JSON，供程序处理 (one JSON document)
    Json,
}

/// The subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// 写出空白的标准填报模板 (write the blank standard template)
    #[command(after_help = "示例 (examples):
  zfxxgk template
  zfxxgk template -o 模板.xlsx --agency 某某县交通运输局 --year 2025")]
    Template(TemplateArgs),
    /// 检查报告：勾稽关系、填写问题 (check reports against every rule)
    #[command(after_help = "示例 (examples):
  zfxxgk check 义马市交通运输局2024年报.xlsx
  zfxxgk check 各单位报表/ --details
  zfxxgk check 各单位报表/ --roster 应报单位.xlsx
  zfxxgk check 2024年报.xlsx --previous 2023年报.xlsx
  zfxxgk check 报表.csv --format json
  zfxxgk check --example
  zfxxgk check 年报.pdf --ignore DOC-FEES    # 不检查某条规则
  zfxxgk rules                               # 列出全部规则

退出状态 (exit status):
  0 无错误（可有提醒）  1 有错误  2 有文件无法读取或用法错误")]
    Check(CheckArgs),
    /// 导出报告：可发布的年度报告（Word 网页 文本）或 xlsx JSON CSV (export a report)
    ///
    /// 可发布的年度报告：Word .docx、网页 .html、文本 .txt .md；或官方格式的电子表格
    /// .xlsx、JSON、长格式 CSV。 (the publishable report as Word, web page or text; the official
    /// spreadsheet, JSON or the long CSV)
    #[command(
        visible_alias = "render",
        after_help = "示例 (examples):
  zfxxgk export 年报.xlsx -o 年报.docx    # 可发布的年度报告（Word）
  zfxxgk export 年报.xlsx -o 年报.html    # 网页，可直接粘贴到网站
  zfxxgk export 年报.xlsx -o 年报.txt
  zfxxgk export 年报.docx -o 年报.json
  zfxxgk export 年报.csv -o 年报.xlsx --force"
    )]
    Export(ExportArgs),
    /// 汇总多份报告 (total many reports into a summary)
    #[command(after_help = "示例 (examples):
  zfxxgk aggregate 各单位报表/ -o 汇总.xlsx --name 某某县人民政府办公室
  zfxxgk aggregate 各单位报表/ -o 汇总.xlsx --year 2024 --roster 应报单位.xlsx
  zfxxgk aggregate 各单位报表/ -o 汇总.csv --dedupe last

同一机关出现多次时必须选择 --dedupe：first 保留排在前面的文件，
last 保留排在后面的文件（文件按路径排序）。

退出状态 (exit status):
  0 已写出  1 已写出，但有报告或汇总本身有错误
  2 有文件无法读取、报告重复或用法错误")]
    Aggregate(AggregateArgs),
    /// 列出全部检查规则及其代码、级别和含义 (list every rule)
    #[command(after_help = "示例 (examples):
  zfxxgk rules
  zfxxgk rules TEXT
  zfxxgk check 年报.docx --ignore DOC-FEES,XYEAR-COPIED
  zfxxgk check 各单位报表/ --select TEXT --select DOC")]
    Rules(RulesArgs),
    /// 写出内置示例报告：义马市交通运输局 2024 年度 (write the bundled sample)
    #[command(after_help = "示例 (examples):
  zfxxgk example                # 以 JSON 输出到屏幕
  zfxxgk example -o 示例.docx
  zfxxgk example -o 示例.xlsx
  zfxxgk example -o 示例.csv")]
    Example(ExampleArgs),
}

/// Arguments of `check`.
#[derive(Debug, Args)]
pub struct CheckArgs {
    /// 要检查的文件或目录 (files or directories)
    ///
    /// 工作簿 .xlsx .xlsm .xls .ods，已发布的年度报告 .docx .pdf .html .txt，zfxxgk
    /// 的 JSON 或长格式 CSV；给出目录即检查其中所有这些文件。 (workbooks, published reports,
    /// the zfxxgk JSON or long CSV; a directory means every such file in it)
    #[arg(value_name = "FILE|DIR", required_unless_present = "example")]
    pub files: Vec<PathBuf>,
    /// 同时检查内置示例报告 (also the bundled sample)
    #[arg(long)]
    pub example: bool,
    /// 上年度的报告，用于跨年度核对 (last year's reports)
    #[arg(long, value_name = "FILE|DIR")]
    pub previous: Vec<PathBuf>,
    /// 多个文件时也列出每个问题 (list every finding)
    ///
    /// 不加时，检查多个文件只为每个文件写一行。 (without it, many files get one line each)
    #[arg(long)]
    pub details: bool,
    /// 输出格式 (output format)
    #[arg(long, value_enum, default_value_t = FormatArg::Text, ignore_case = true)]
    pub format: FormatArg,
    /// 只检查这些规则 (only these rules)
    ///
    /// 规则代码或前缀，如 TEXT、T3-BALANCE，可用逗号分隔；zfxxgk rules 列出全部规则。 (codes or
    /// prefixes)
    #[arg(long, value_name = "CODE", num_args = 1)]
    pub select: Vec<String>,
    /// 不检查这些规则 (leave these rules out)
    ///
    /// 规则代码或前缀，如 DOC-FEES、XYEAR，可用逗号分隔。 (codes or prefixes)
    #[arg(long, value_name = "CODE", num_args = 1)]
    pub ignore: Vec<String>,
    /// 应报单位名单 .csv 或 .xlsx (the agencies expected)
    ///
    /// 据此列出未报送的单位、对不上名单的文件。 (says who has not reported and which files
    /// match no one)
    #[arg(long, value_name = "FILE")]
    pub roster: Option<PathBuf>,
    #[command(flatten)]
    pub meta: MetaArgs,
}

/// Arguments of `rules`.
#[derive(Debug, Args)]
pub struct RulesArgs {
    /// 只列出这些代码或前缀，如 TEXT、DOC-FEES (only these codes or prefixes)
    #[arg(value_name = "CODE")]
    pub codes: Vec<String>,
}

/// Metadata given on the command line.
#[derive(Debug, Args)]
pub struct MetaArgs {
    /// 文件中没写机关名称时补上 (agency if none in file)
    ///
    /// 文件中已有的机关名称不会被替换。 (a name the file gives is never replaced)
    #[arg(long, value_name = "NAME")]
    pub agency: Option<String>,
    /// 文件中没写报告年度时补上 (year if none in file)
    ///
    /// 四位数的年份，如 2025；文件中已有的年度不会被替换。 (a four-digit year; a year the file
    /// gives is never replaced)
    #[arg(long, value_name = "YEAR", allow_negative_numbers = true)]
    pub year: Option<i32>,
}

/// Arguments of `export`.
#[derive(Debug, Args)]
pub struct ExportArgs {
    /// 输入文件 (input file)
    #[arg(value_name = "FILE")]
    pub file: PathBuf,
    /// 输出文件，格式由扩展名决定 (output file)
    ///
    /// .docx .html .txt .md 为完整的年度报告；.xlsx .json .csv 为数据。 (the extension decides
    /// the format: the whole report, or the data)
    #[arg(short, long, value_name = "OUT")]
    pub output: PathBuf,
    /// 覆盖已存在的输出文件 (replace an existing file)
    #[arg(long)]
    pub force: bool,
    #[command(flatten)]
    pub meta: MetaArgs,
}

/// Arguments of `template`.
#[derive(Debug, Args)]
pub struct TemplateArgs {
    /// 输出文件 .xlsx (output file)
    ///
    /// 不给则为 机关名称+年度+政府信息公开工作年度报告.xlsx (by default named after the agency
    /// and year)
    #[arg(short, long, value_name = "FILE.xlsx")]
    pub output: Option<PathBuf>,
    /// 预先填入的机关名称 (agency name to fill in)
    #[arg(long, value_name = "NAME")]
    pub agency: Option<String>,
    /// 预先填入的报告年度，如 2025 (report year to fill in)
    #[arg(long, value_name = "YEAR", allow_negative_numbers = true)]
    pub year: Option<i32>,
    /// 覆盖已存在的输出文件 (replace an existing file)
    #[arg(long)]
    pub force: bool,
}

/// Arguments of `aggregate`.
#[derive(Debug, Args)]
pub struct AggregateArgs {
    /// 要汇总的文件或目录 (files or directories)
    #[arg(value_name = "FILE|DIR", required = true)]
    pub files: Vec<PathBuf>,
    /// 输出文件：.xlsx .json .csv (output file)
    ///
    /// 格式由扩展名决定。 (the extension decides the format)
    #[arg(short, long, value_name = "OUT")]
    pub output: PathBuf,
    /// 汇总表上写的汇总单位名称 (name of the total)
    ///
    /// 如 某某县人民政府办公室。这不是给缺少机关名称的文件补填的名称 (那是 check --agency)。
    /// --name 与 --agency 相同。 (the name the total is reported under, not a fill-in for files
    /// without an agency name)
    #[arg(long, visible_alias = "name", value_name = "NAME")]
    pub agency: Option<String>,
    /// 汇总的报告年度 (the year of the total)
    ///
    /// 四位数的年份，如 2025；不给则取各报告的年度。 (by default the year of the reports)
    #[arg(long, value_name = "YEAR", allow_negative_numbers = true)]
    pub year: Option<i32>,
    /// 允许汇总不同年度或格式版本的报告 (allow mixed years)
    #[arg(long)]
    pub allow_mixed: bool,
    /// 同一机关出现多次时保留哪一份 (which duplicate to keep)
    #[arg(long, value_enum, value_name = "RULE", ignore_case = true)]
    pub dedupe: Option<DedupeArg>,
    /// 应报单位名单 .csv 或 .xlsx (the agencies expected)
    ///
    /// 据此列出未报送的单位、对不上名单的文件。 (says who has not reported and which files
    /// match no one)
    #[arg(long, value_name = "FILE")]
    pub roster: Option<PathBuf>,
    /// 覆盖已存在的输出文件 (replace an existing file)
    #[arg(long)]
    pub force: bool,
}

/// Which report to keep when an agency appears more than once.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum DedupeArg {
    /// 保留排在前面的文件 (keep the first file in path order)
    First,
    /// 保留排在后面的文件 (keep the last file in path order)
    Last,
}

/// Arguments of `example`.
#[derive(Debug, Args)]
pub struct ExampleArgs {
    /// 输出文件；不给则以 JSON 输出到屏幕 (output file)
    ///
    /// .docx .html .txt .md .xlsx .json .csv (JSON on the screen if none)
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// 覆盖已存在的输出文件 (replace an existing file)
    #[arg(long)]
    pub force: bool,
}

impl Command {
    /// The output file given with `-o`, and the extension to suggest for it.
    pub fn output(&self) -> Option<(&std::path::Path, &'static str)> {
        match self {
            Command::Template(a) => a.output.as_deref().map(|p| (p, "xlsx")),
            Command::Export(a) => Some((a.output.as_path(), "docx")),
            Command::Aggregate(a) => Some((a.output.as_path(), "xlsx")),
            Command::Example(a) => a.output.as_deref().map(|p| (p, "docx")),
            Command::Check(_) | Command::Rules(_) => None,
        }
    }

    /// The `--year` given, if the command takes one.
    pub fn year(&self) -> Option<i32> {
        match self {
            Command::Template(a) => a.year,
            Command::Check(a) => a.meta.year,
            Command::Export(a) => a.meta.year,
            Command::Aggregate(a) => a.year,
            Command::Rules(_) | Command::Example(_) => None,
        }
    }
}
