//! A command line clap refuses, told in the user's language: clap's own messages are English,
//! so they are rendered here from the error's kind and context (the argument, the value, the
//! suggestion), with a hint where the mistake is a common one (an output file given without
//! `-o`, a file given without a command). `--help` and `--version` are left to clap.

use std::ffi::OsString;
use std::path::Path;

use clap::CommandFactory as _;
use clap::error::{ContextKind, ContextValue, ErrorKind};
use zfxxgk_core::Lang;

/// The language asked for with `--lang` (any case, `--lang en` or `--lang=en`), read from the
/// raw arguments before parsing, so that an error elsewhere on the line is told in it. The last
/// one wins; anything after `--` is not an option.
pub fn lang_in_args(args: &[OsString]) -> Lang {
    let mut lang = Lang::Zh;
    let mut iter = args
        .iter()
        .skip(1)
        .map(|a| a.to_string_lossy().into_owned());
    while let Some(arg) = iter.next() {
        let value = if arg == "--" {
            break;
        } else if arg == "--lang" {
            iter.next()
        } else {
            arg.strip_prefix("--lang=").map(str::to_string)
        };
        match value.map(|v| v.to_ascii_lowercase()).as_deref() {
            Some("en") => lang = Lang::En,
            Some("zh") => lang = Lang::Zh,
            _ => {}
        }
    }
    lang
}

/// Output formats by command, for the hint about an output file given without `-o`.
fn output_extensions(command: &str) -> &'static [&'static str] {
    match command {
        "export" | "render" | "example" => {
            &["docx", "html", "htm", "txt", "md", "xlsx", "json", "csv"]
        }
        "aggregate" => &["xlsx", "json", "csv"],
        "template" => &["xlsx"],
        _ => &[],
    }
}

/// The subcommand named on the line (the first word that is not an option or the value of
/// `--lang`), if any.
fn subcommand(args: &[OsString]) -> Option<String> {
    let mut iter = args.iter().skip(1).map(|a| a.to_string_lossy());
    while let Some(arg) = iter.next() {
        if arg == "--lang" {
            iter.next();
        } else if !arg.starts_with('-') {
            return Some(arg.into_owned());
        }
    }
    None
}

/// The words after the subcommand that are not options or their values (as far as can be told
/// without clap: a word after an option that takes a value is that value).
fn positionals(args: &[OsString]) -> Vec<String> {
    const FLAGS: &[&str] = &[
        "--force",
        "--example",
        "--details",
        "--allow-mixed",
        "-h",
        "--help",
        "-V",
        "--version",
    ];
    let mut out = Vec::new();
    let mut iter = args.iter().skip(1).map(|a| a.to_string_lossy());
    let mut seen_command = false;
    while let Some(arg) = iter.next() {
        if arg == "--" {
            out.extend(iter.map(|a| a.into_owned()));
            break;
        }
        if arg.starts_with('-') && arg.len() > 1 {
            if !FLAGS.contains(&arg.as_ref()) && !arg.contains('=') {
                iter.next();
            }
        } else if seen_command {
            out.push(arg.into_owned());
        } else {
            seen_command = true;
        }
    }
    out
}

/// Whether `-o`/`--output` is on the line.
fn has_output(args: &[OsString]) -> bool {
    args.iter()
        .skip(1)
        .map(|a| a.to_string_lossy())
        .take_while(|a| a != "--")
        .any(|a| a.starts_with("-o") || a == "--output" || a.starts_with("--output="))
}

fn has_extension(word: &str, extensions: &[&str]) -> bool {
    Path::new(word)
        .extension()
        .map(|e| e.to_string_lossy().to_ascii_lowercase())
        .is_some_and(|e| extensions.contains(&e.as_str()))
}

/// "Did you mean to write to X? Use -o X".
fn output_hint(file: &str, lang: Lang) -> String {
    let shown = quote_if_needed(file);
    match lang {
        Lang::Zh => format!("要写出到 {file} 吗？请用 -o {shown}"),
        Lang::En => format!("did you mean to write to {file}? Use -o {shown}"),
    }
}

fn quote_if_needed(word: &str) -> String {
    if word.contains(char::is_whitespace) {
        format!("\"{word}\"")
    } else {
        word.to_string()
    }
}

/// An argument as clap names it (`--format <FORMAT>`), as a person would write it
/// (`--format`); a positional keeps its value name (`<FILE|DIR>`).
fn flag(arg: &str) -> &str {
    if arg.starts_with('-') {
        arg.split([' ', '=']).next().unwrap_or(arg)
    } else {
        arg
    }
}

/// What a missing required argument is, in words.
fn missing_name(arg: &str, lang: Lang) -> String {
    let zh = lang == Lang::Zh;
    match flag(arg) {
        "--output" => if zh {
            "输出文件（-o 文件名）"
        } else {
            "the output file (-o FILE)"
        }
        .into(),
        a if a.starts_with("<FILE|DIR>") || a.starts_with("[FILE|DIR]") => if zh {
            "要读取的文件或目录"
        } else {
            "the files or directories to read"
        }
        .into(),
        a if a.starts_with("<FILE>") => if zh { "输入文件" } else { "the input file" }.into(),
        a => a.to_string(),
    }
}

fn strings(v: Option<&ContextValue>) -> Vec<String> {
    match v {
        Some(ContextValue::String(s)) => vec![s.clone()],
        Some(ContextValue::Strings(v)) => v.clone(),
        Some(ContextValue::StyledStr(s)) => vec![s.to_string()],
        Some(ContextValue::StyledStrs(v)) => v.iter().map(ToString::to_string).collect(),
        _ => Vec::new(),
    }
}

fn string(e: &clap::Error, kind: ContextKind) -> Option<String> {
    strings(e.get(kind)).into_iter().next()
}

fn list(items: &[String], lang: Lang) -> String {
    items.join(if lang == Lang::Zh { "、" } else { ", " })
}

/// The message for an error clap raised while parsing `args` (its exit status is 2), in `lang`.
/// `None` for what is not a mistake (help, version) or not ours to word: print clap's own.
pub fn message(e: &clap::Error, args: &[OsString], lang: Lang) -> Option<String> {
    let zh = lang == Lang::Zh;
    let command = subcommand(args).unwrap_or_default();
    let arg = string(e, ContextKind::InvalidArg).unwrap_or_default();
    let value = string(e, ContextKind::InvalidValue).unwrap_or_default();
    let valid = strings(e.get(ContextKind::ValidValue));
    let mut hints: Vec<String> = Vec::new();
    let head = match e.kind() {
        ErrorKind::InvalidSubcommand => {
            let sub = string(e, ContextKind::InvalidSubcommand).unwrap_or_default();
            let names: Vec<String> = crate::cli::Cli::command()
                .get_subcommands()
                .map(|c| c.get_name().to_string())
                .collect();
            for s in strings(e.get(ContextKind::SuggestedSubcommand)) {
                hints.push(if zh {
                    format!("是不是要用 {s}？")
                } else {
                    format!("did you mean {s}?")
                });
            }
            if hints.is_empty()
                && (Path::new(&sub).extension().is_some() || Path::new(&sub).exists())
            {
                let shown = quote_if_needed(&sub);
                hints.push(if zh {
                    format!("要检查这个文件吗？请用 zfxxgk check {shown}")
                } else {
                    format!("to check this file, run: zfxxgk check {shown}")
                });
            }
            if zh {
                format!("没有“{sub}”这个命令。可用的命令：{}", list(&names, lang))
            } else {
                format!(
                    "there is no command “{sub}”; the commands are: {}",
                    list(&names, lang)
                )
            }
        }
        ErrorKind::UnknownArgument => {
            for s in strings(e.get(ContextKind::SuggestedArg)) {
                hints.push(if zh {
                    format!("是不是要写 {s}？")
                } else {
                    format!("did you mean {s}?")
                });
            }
            for s in strings(e.get(ContextKind::Suggested)) {
                if let Some(h) = suggestion(&s, &arg, lang) {
                    hints.push(h);
                }
            }
            if arg.starts_with('-') && arg.len() > 1 {
                if zh {
                    format!("无法识别的选项“{arg}”")
                } else {
                    format!("unknown option “{arg}”")
                }
            } else {
                if has_extension(&arg, output_extensions(&command)) && !has_output(args) {
                    hints.insert(0, output_hint(&arg, lang));
                } else if output_extensions(&command).is_empty() || command == "template" {
                    // Nothing to add.
                } else {
                    hints.push(if zh {
                        "如果文件名中有空格，请用引号把整个文件名括起来，如 \"2024 年报.xlsx\""
                            .into()
                    } else {
                        "if a file name has spaces, put it in quotes, e.g. \"2024 report.xlsx\""
                            .into()
                    });
                }
                if zh {
                    format!("多出的参数“{arg}”：这个命令不需要它")
                } else {
                    format!("unexpected argument “{arg}”")
                }
            }
        }
        ErrorKind::MissingRequiredArgument => {
            let missing = strings(e.get(ContextKind::InvalidArg));
            if missing.iter().any(|a| flag(a) == "--output") {
                let extensions = output_extensions(&command);
                if let Some(file) = positionals(args)
                    .into_iter()
                    .rev()
                    .find(|p| has_extension(p, extensions) && !Path::new(p).exists())
                {
                    hints.push(output_hint(&file, lang));
                }
            }
            let names: Vec<String> = missing.iter().map(|a| missing_name(a, lang)).collect();
            if zh {
                format!("缺少{}", list(&names, lang))
            } else {
                format!("missing {}", list(&names, lang))
            }
        }
        ErrorKind::InvalidValue => {
            let name = flag(&arg);
            let choices = if valid.is_empty() {
                String::new()
            } else if zh {
                format!("，可用的值：{}", list(&valid, lang))
            } else {
                format!("; possible values: {}", list(&valid, lang))
            };
            for s in strings(e.get(ContextKind::SuggestedValue)) {
                hints.push(if zh {
                    format!("是不是要写 {s}？")
                } else {
                    format!("did you mean {s}?")
                });
            }
            match (value.is_empty(), zh) {
                (true, true) => format!("{name} 后面缺少要填的值{choices}"),
                (true, false) => format!("{name} needs a value{choices}"),
                (false, true) => format!("{name} 不接受“{value}”{choices}"),
                (false, false) => format!("invalid value “{value}” for {name}{choices}"),
            }
        }
        ErrorKind::ValueValidation => {
            let name = flag(&arg);
            let year = arg.contains("<YEAR>");
            match (year, zh) {
                (true, true) => {
                    format!("{name} 的值“{value}”不是年份：请写四位数的年份，如 {name} 2025")
                }
                (true, false) => {
                    format!(
                        "“{value}” is not a year for {name}: write the four-digit year, e.g. {name} 2025"
                    )
                }
                (false, true) => format!("{name} 的值“{value}”无效"),
                (false, false) => format!("invalid value “{value}” for {name}"),
            }
        }
        ErrorKind::ArgumentConflict => {
            let prior = strings(e.get(ContextKind::PriorArg));
            let name = flag(&arg);
            if prior.is_empty() || prior.iter().any(|p| p == &arg) {
                if zh {
                    format!("{name} 只能写一次")
                } else {
                    format!("{name} may be given only once")
                }
            } else {
                let others: Vec<String> = prior.iter().map(|p| flag(p).to_string()).collect();
                if zh {
                    format!("{name} 不能与 {} 同时使用", list(&others, lang))
                } else {
                    format!("{name} cannot be used with {}", list(&others, lang))
                }
            }
        }
        ErrorKind::TooManyValues | ErrorKind::WrongNumberOfValues | ErrorKind::TooFewValues => {
            let name = flag(&arg);
            if zh {
                format!("{name} 后面的值的个数不对")
            } else {
                format!("wrong number of values for {name}")
            }
        }
        ErrorKind::NoEquals => {
            let name = flag(&arg);
            if zh {
                format!("{name} 的值要用等号连接，如 {name}=值")
            } else {
                format!("{name} takes its value after an equals sign")
            }
        }
        ErrorKind::InvalidUtf8 => {
            if zh {
                "命令行中有无法识别的字符（不是 UTF-8 编码）".into()
            } else {
                "the command line holds characters that are not UTF-8".into()
            }
        }
        ErrorKind::MissingSubcommand => {
            let names: Vec<String> = crate::cli::Cli::command()
                .get_subcommands()
                .map(|c| c.get_name().to_string())
                .collect();
            if zh {
                format!("请写出要执行的命令：{}", list(&names, lang))
            } else {
                format!("name a command: {}", list(&names, lang))
            }
        }
        _ => return None,
    };
    // clap gives no usage with some errors (an invalid value): the command's own, then.
    let usage = string(e, ContextKind::Usage).or_else(|| usage_of(&command));
    let mut s = String::new();
    s.push_str(if zh { "错误：" } else { "error: " });
    s.push_str(&head);
    s.push('\n');
    for h in &hints {
        s.push_str("  ");
        s.push_str(h);
        s.push('\n');
    }
    let help_of = usage
        .as_deref()
        .map(command_of_usage)
        .filter(|c| !c.is_empty())
        .unwrap_or_else(|| "zfxxgk".into());
    if let Some(usage) = usage {
        s.push('\n');
        for (i, line) in usage.lines().enumerate() {
            let line = line.trim_start();
            let line = line
                .strip_prefix("Usage:")
                .map(str::trim_start)
                .unwrap_or(line);
            let label = match (i, zh) {
                (0, true) => "用法：",
                (0, false) => "Usage: ",
                (_, true) => "      ",
                (_, false) => "       ",
            };
            s.push_str(label);
            s.push_str(line);
            s.push('\n');
        }
    }
    s.push('\n');
    s.push_str(&if zh {
        format!("查看说明：{help_of} --help\n")
    } else {
        format!("For more information, try: {help_of} --help\n")
    });
    Some(s)
}

/// The usage line of a subcommand (`Usage: zfxxgk check [OPTIONS] [FILE|DIR]...`).
fn usage_of(name: &str) -> Option<String> {
    let mut cmd = crate::cli::Cli::command();
    cmd.build();
    let sub = cmd.find_subcommand_mut(name)?;
    Some(sub.render_usage().to_string())
}

/// `zfxxgk check` of `Usage: zfxxgk check [OPTIONS] [FILE|DIR]...`.
fn command_of_usage(usage: &str) -> String {
    let first = usage.lines().next().unwrap_or("");
    let first = first.trim_start().strip_prefix("Usage:").unwrap_or(first);
    first
        .split_whitespace()
        .take_while(|w| !w.starts_with(['[', '<', '-']))
        .collect::<Vec<_>>()
        .join(" ")
}

/// One of clap's `tip:` suggestions, in words.
fn suggestion(tip: &str, arg: &str, lang: Lang) -> Option<String> {
    let zh = lang == Lang::Zh;
    if tip.starts_with("to pass ") {
        return Some(if zh {
            format!("如果“{arg}”是文件名，请在它前面写 --，如 -- {arg}")
        } else {
            format!("if “{arg}” is a file name, put -- before it: -- {arg}")
        });
    }
    if let Some(rest) = tip.strip_prefix('\'')
        && let Some((quoted, tail)) = rest.split_once('\'')
        && tail.trim() == "exists"
    {
        // `'check --format' exists`: the option belongs to a command.
        let (sub, opt) = quoted.split_once(' ').unwrap_or((quoted, arg));
        return Some(if zh {
            format!("{opt} 是 {sub} 命令的选项，请写在 {sub} 后面：zfxxgk {sub} {opt} …")
        } else {
            format!("{opt} is an option of {sub}; write it after the command: zfxxgk {sub} {opt} …")
        });
    }
    if tip.starts_with("subcommand ") {
        return Some(if zh {
            format!("“{arg}”是一个命令，请去掉它前面的 --")
        } else {
            format!("“{arg}” is a command; remove the -- before it")
        });
    }
    None
}

/// Refuses a `--year` that is not a report year: four digits, from the first year of the
/// current disclosure regime's reports (2019) to next year.
pub fn bad_year(year: i32, current_year: i32, lang: Lang) -> Option<String> {
    let max = current_year + 1;
    if (2019..=max).contains(&year) {
        return None;
    }
    let example = current_year - 1;
    Some(match lang {
        Lang::Zh => format!(
            "--year {year} 不是有效的报告年度：请写四位数的年份，从 2019 到 {max}，如 --year {example}"
        ),
        Lang::En => format!(
            "--year {year} is not a report year: write the four-digit year, from 2019 to {max}, e.g. --year {example}"
        ),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn args(line: &str) -> Vec<OsString> {
        std::iter::once("zfxxgk")
            .chain(line.split_whitespace())
            .map(OsString::from)
            .collect()
    }

    #[test]
    fn lang_is_read_anywhere_in_any_case() {
        assert_eq!(lang_in_args(&args("check --lang EN x")), Lang::En);
        assert_eq!(lang_in_args(&args("--lang=En check")), Lang::En);
        assert_eq!(lang_in_args(&args("check --lang Zh")), Lang::Zh);
        assert_eq!(lang_in_args(&args("check --lang fr")), Lang::Zh);
        assert_eq!(lang_in_args(&args("check -- --lang en")), Lang::Zh);
    }

    #[test]
    fn positionals_skip_option_values() {
        assert_eq!(
            positionals(&args(
                "aggregate --lang en 各单位/ --year 2024 汇总.xlsx --force"
            )),
            ["各单位/", "汇总.xlsx"]
        );
    }

    #[test]
    fn years() {
        assert!(bad_year(2025, 2026, Lang::Zh).is_none());
        assert!(bad_year(2027, 2026, Lang::Zh).is_none());
        assert!(bad_year(2028, 2026, Lang::Zh).is_some());
        assert!(bad_year(2018, 2026, Lang::Zh).is_some());
        assert!(bad_year(25, 2026, Lang::Zh).is_some());
    }
}
