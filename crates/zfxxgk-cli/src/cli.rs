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
    after_help = "示例 (examples):\n  zfxxgk template --agency 某某县交通运输局 --year 2025\n  zfxxgk check 某某县交通运输局2025年政府信息公开工作年度报告.xlsx\n  zfxxgk check 各单位报表/ --format json\n  zfxxgk export 年报.xlsx -o 年报.html\n  zfxxgk aggregate 各单位报表/ -o 汇总.xlsx --agency 某某县人民政府办公室\n  zfxxgk example -o 示例.xlsx"
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
    /// 写出空白的标准填报模板 (write the blank standard template)
    #[command(
        after_help = "示例 (examples):\n  zfxxgk template\n  zfxxgk template -o 模板.xlsx --agency 某某县交通运输局 --year 2025"
    )]
    Template(TemplateArgs),
    /// 检查报告：勾稽关系、填写问题 (check reports against every rule)
    #[command(
        after_help = "示例 (examples):\n  zfxxgk check 义马市交通运输局2024年报.xlsx\n  zfxxgk check 各单位报表/ --details\n  zfxxgk check 2024年报.xlsx --previous 2023年报.xlsx\n  zfxxgk check 报表.csv --format json\n  zfxxgk check --example\n  zfxxgk check 年报.pdf --ignore DOC-FEES   # 不检查某条规则（zfxxgk rules 列出全部规则）\n\n退出状态 (exit status): 0 无错误（可有提醒）; 1 有错误; 2 有文件无法读取或用法错误"
    )]
    Check(CheckArgs),
    /// 导出报告：可发布的年度报告（Word、网页、文本），官方格式的电子表格、JSON 或 CSV (export a report: the publishable report as Word, web page or text; xlsx, JSON, CSV)
    #[command(
        visible_alias = "render",
        after_help = "示例 (examples):\n  zfxxgk export 年报.xlsx -o 年报.docx     # 可发布的年度报告（Word）\n  zfxxgk export 年报.xlsx -o 年报.html     # 同一报告的网页，可直接粘贴到网站\n  zfxxgk export 年报.xlsx -o 年报.txt\n  zfxxgk export 年报.docx -o 年报.json\n  zfxxgk export 年报.csv -o 年报.xlsx --force"
    )]
    Export(ExportArgs),
    /// 汇总多份报告 (total many reports into a summary)
    #[command(
        after_help = "示例 (examples):\n  zfxxgk aggregate 各单位报表/ -o 汇总.xlsx --agency 某某县人民政府办公室 --year 2024\n  zfxxgk aggregate 各单位报表/ -o 汇总.csv --dedupe last\n\n同一机关出现多次时必须选择 --dedupe：first 保留排在前面的文件，last 保留排在后面的文件（文件按路径排序）。\n退出状态 (exit status): 0 已写出; 1 已写出但有报告或汇总本身有错误; 2 有文件无法读取、报告重复或用法错误"
    )]
    Aggregate(AggregateArgs),
    /// 列出全部检查规则及其代码、级别和含义 (list every rule with its code, severity and meaning)
    #[command(
        after_help = "示例 (examples):\n  zfxxgk rules\n  zfxxgk rules TEXT\n  zfxxgk check 年报.docx --ignore DOC-FEES,XYEAR-COPIED\n  zfxxgk check 各单位报表/ --select TEXT --select DOC"
    )]
    Rules(RulesArgs),
    /// 写出内置示例报告：义马市交通运输局 2024 年度 (write the bundled sample report)
    #[command(
        after_help = "示例 (examples):\n  zfxxgk example                # 以 JSON 输出到屏幕\n  zfxxgk example -o 示例.docx\n  zfxxgk example -o 示例.xlsx\n  zfxxgk example -o 示例.csv"
    )]
    Example(ExampleArgs),
}

/// Arguments of `check`.
#[derive(Debug, Args)]
pub struct CheckArgs {
    /// 要检查的文件或目录：工作簿（.xlsx .xlsm .xls .ods）、发布的年度报告（Word .docx、PDF、网页 .html、复制的文本 .txt）、JSON、长格式 CSV；目录即其中所有此类文件 (files or directories)
    #[arg(value_name = "FILE|DIR", required_unless_present = "example")]
    pub files: Vec<PathBuf>,
    /// 同时检查内置示例报告 (also check the bundled sample report)
    #[arg(long)]
    pub example: bool,
    /// 上年度的报告（文件或目录），用于跨年度核对 (last year's reports, for the cross-year rules)
    #[arg(long, value_name = "FILE|DIR")]
    pub previous: Vec<PathBuf>,
    /// 检查多个文件时也列出每个问题（默认每个文件一行）(list every finding when checking many files)
    #[arg(long)]
    pub details: bool,
    /// 输出格式 (output format)
    #[arg(long, value_enum, default_value_t = FormatArg::Text)]
    pub format: FormatArg,
    /// 只检查这些规则：代码或前缀，如 TEXT、T3-BALANCE，可用逗号分隔 (only these rules: codes or prefixes)
    #[arg(long, value_name = "CODE", num_args = 1)]
    pub select: Vec<String>,
    /// 不检查这些规则：代码或前缀，如 DOC-FEES、XYEAR (leave these rules out: codes or prefixes)
    #[arg(long, value_name = "CODE", num_args = 1)]
    pub ignore: Vec<String>,
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
    /// 输出文件，格式由扩展名决定：.docx .html .txt .md（完整的年度报告）、.xlsx .json .csv (output file; its extension decides the format)
    #[arg(short, long, value_name = "OUT")]
    pub output: PathBuf,
    /// 覆盖已存在的输出文件 (replace an existing output file)
    #[arg(long)]
    pub force: bool,
    #[command(flatten)]
    pub meta: MetaArgs,
}

/// Arguments of `template`.
#[derive(Debug, Args)]
pub struct TemplateArgs {
    /// 输出文件（.xlsx）；默认为“{机关}{年度}年政府信息公开工作年度报告.xlsx” (output file)
    #[arg(short, long, value_name = "FILE.xlsx")]
    pub output: Option<PathBuf>,
    /// 预先填入的机关名称 (agency name to fill in)
    #[arg(long, value_name = "NAME")]
    pub agency: Option<String>,
    /// 预先填入的报告年度 (report year to fill in)
    #[arg(long, value_name = "YEAR")]
    pub year: Option<i32>,
    /// 覆盖已存在的输出文件 (replace an existing output file)
    #[arg(long)]
    pub force: bool,
}

/// Arguments of `aggregate`.
#[derive(Debug, Args)]
pub struct AggregateArgs {
    /// 要汇总的文件或目录 (files or directories)
    #[arg(value_name = "FILE|DIR", required = true)]
    pub files: Vec<PathBuf>,
    /// 输出文件，格式由扩展名决定：.xlsx .json .csv (output file; its extension decides the format)
    #[arg(short, long, value_name = "OUT")]
    pub output: PathBuf,
    /// 汇总单位名称 (the agency the total is reported as)
    #[arg(long, value_name = "NAME")]
    pub agency: Option<String>,
    /// 汇总的报告年度（默认取各报告的年度）(the year of the total)
    #[arg(long, value_name = "YEAR")]
    pub year: Option<i32>,
    /// 允许汇总不同年度或不同格式版本的报告 (allow reports of different years or editions)
    #[arg(long)]
    pub allow_mixed: bool,
    /// 同一机关出现多次时保留哪一份 (which report to keep when an agency appears twice)
    #[arg(long, value_enum, value_name = "RULE")]
    pub dedupe: Option<DedupeArg>,
    /// 覆盖已存在的输出文件 (replace an existing output file)
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
    /// 输出文件（.docx .html .txt .md .xlsx .json .csv）；不给则以 JSON 输出到屏幕 (output file; JSON on stdout if none)
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// 覆盖已存在的输出文件 (replace an existing output file)
    #[arg(long)]
    pub force: bool,
}
