//! The command line, as clap sees it.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

/// zfxxgk：政府信息公开工作年度报告的检查、导入导出与汇总工具。
///
/// zfxxgk checks, converts and totals China's government information disclosure annual reports
/// (政府信息公开工作年度报告, 2021 format).
#[derive(Debug, Parser)]
#[command(
    name = "zfxxgk",
    version,
    propagate_version = true,
    max_term_width = 100
)]
#[command(
    after_help = "示例 (examples):\n  zfxxgk example -o 示例.json\n  zfxxgk check 示例.json\n  zfxxgk check 报表目录/ --format json\n  zfxxgk export 示例.json -o 示例.csv"
)]
pub struct Cli {
    /// 提示信息的语言 (language of messages)
    #[arg(long, value_enum, default_value_t = LangArg::Zh, global = true)]
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
    /// 检查报告：勾稽关系、填写问题 (check reports against every rule)
    #[command(
        after_help = "示例 (examples):\n  zfxxgk check 义马市交通运输局2024.json\n  zfxxgk check 报表.csv --format json\n  zfxxgk check --example\n\n退出状态 (exit status): 0 无错误（可有提醒）; 1 有错误; 2 有文件无法读取或用法错误"
    )]
    Check(CheckArgs),
    /// 导出报告为另一种格式 (export a report to JSON or CSV)
    #[command(
        after_help = "示例 (examples):\n  zfxxgk export 报告.json -o 报告.csv\n  zfxxgk export 报告.csv -o 报告.json --force"
    )]
    Export(ExportArgs),
    /// 写出内置示例报告：义马市交通运输局 2024 年度 (write the bundled sample report)
    #[command(
        after_help = "示例 (examples):\n  zfxxgk example                # 以 JSON 输出到屏幕\n  zfxxgk example -o 示例.csv"
    )]
    Example(ExampleArgs),
}

/// Arguments of `check`.
#[derive(Debug, Args)]
pub struct CheckArgs {
    /// 要检查的文件或目录（JSON、长格式 CSV；目录下的所有此类文件）(files or directories)
    #[arg(value_name = "FILE|DIR", required_unless_present = "example")]
    pub files: Vec<PathBuf>,
    /// 同时检查内置示例报告 (also check the bundled sample report)
    #[arg(long)]
    pub example: bool,
    /// 输出格式 (output format)
    #[arg(long, value_enum, default_value_t = FormatArg::Text)]
    pub format: FormatArg,
    #[command(flatten)]
    pub meta: MetaArgs,
}

/// Metadata given on the command line.
#[derive(Debug, Args)]
pub struct MetaArgs {
    /// 文件中没有机关名称时使用 (agency name where the file gives none)
    #[arg(long, value_name = "NAME")]
    pub agency: Option<String>,
    /// 文件中没有报告年度时使用 (report year where the file gives none)
    #[arg(long, value_name = "YEAR")]
    pub year: Option<i32>,
}

/// Arguments of `export`.
#[derive(Debug, Args)]
pub struct ExportArgs {
    /// 输入文件 (input file)
    #[arg(value_name = "FILE")]
    pub file: PathBuf,
    /// 输出文件，格式由扩展名决定：.json .csv (output file; its extension decides the format)
    #[arg(short, long, value_name = "OUT")]
    pub output: PathBuf,
    /// 覆盖已存在的输出文件 (replace an existing output file)
    #[arg(long)]
    pub force: bool,
    #[command(flatten)]
    pub meta: MetaArgs,
}

/// Arguments of `example`.
#[derive(Debug, Args)]
pub struct ExampleArgs {
    /// 输出文件（.json .csv）；不给则以 JSON 输出到屏幕 (output file; JSON on stdout if none)
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// 覆盖已存在的输出文件 (replace an existing output file)
    #[arg(long)]
    pub force: bool,
}
