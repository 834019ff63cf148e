//! The rules catalog and the checker. Every rule works on the [`Report`] model, so every input
//! kind gets them, and every finding is returned (never just the first).
//!
//! The arithmetic rules are derived from the layout catalog's row and column roles, so a second
//! edition with other rows gets the right equations without touching the callers.

use std::fmt::Write as _;

use rust_decimal::Decimal;

use crate::Lang;
use crate::layout::{Arrangement, Cell, ColumnRole, Edition, RowRole, Table, ValueKind};
use crate::report::{Location, Report};
use crate::value::CellValue;

/// How bad a finding is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Severity {
    /// The report is wrong.
    Error,
    /// A person should look.
    Warning,
}

impl Severity {
    /// `error` / `warning`.
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
        }
    }

    /// The word for it in messages.
    pub fn label(self, lang: Lang) -> &'static str {
        match (self, lang) {
            (Severity::Error, Lang::Zh) => "错误",
            (Severity::Warning, Lang::Zh) => "提醒",
            (Severity::Error, Lang::En) => "error",
            (Severity::Warning, Lang::En) => "warning",
        }
    }
}

/// A rule's stable code.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Code {
    /// `T3-BALANCE`.
    T3Balance,
    /// `T3-RESULTS-SUM`.
    T3ResultsSum,
    /// `T3-ROW-TOTAL`.
    T3RowTotal,
    /// `T4-TOTAL`.
    T4Total,
    /// `VALUE-NEGATIVE`.
    ValueNegative,
    /// `VALUE-FRACTION`.
    ValueFraction,
    /// `VALUE-TEXT`.
    ValueText,
    /// `VALUE-MISSING`.
    ValueMissing,
    /// `T2-IN-FORCE`.
    T2InForce,
    /// `XYEAR-CARRIED`.
    XyearCarried,
    /// `XYEAR-IN-FORCE`.
    XyearInForce,
    /// `META-AGENCY`.
    MetaAgency,
    /// `META-YEAR`.
    MetaYear,
    /// `META-FORMAT`.
    MetaFormat,
    /// `TEXT-APPLICATIONS`.
    TextApplications,
}

/// What the catalog says about one rule.
#[derive(Debug)]
pub struct RuleInfo {
    /// The code.
    pub code: Code,
    /// The stable code text (`T3-BALANCE`).
    pub id: &'static str,
    /// Severity of its findings.
    pub severity: Severity,
    /// The rule, in Chinese.
    pub rule_zh: &'static str,
    /// The rule, in English.
    pub rule_en: &'static str,
    /// Whether this version of zfxxgk checks it (cross-year and narrative rules come later).
    pub checked: bool,
}

/// The rules catalog, in the spec's order.
pub const RULES: &[RuleInfo] = &[
    RuleInfo {
        code: Code::T3Balance,
        id: "T3-BALANCE",
        severity: Severity::Error,
        rule_zh: "表三每一列：本年新收 + 上年结转 = 办理结果总计 + 结转下年度（表三左上角的勾稽关系）",
        rule_en: "Table 3, each of the 7 columns: new + carried over = results total + carried forward",
        checked: true,
    },
    RuleInfo {
        code: Code::T3ResultsSum,
        id: "T3-RESULTS-SUM",
        severity: Severity::Error,
        rule_zh: "表三每一列：（七）总计 = （一）至（六）各项办理结果之和",
        rule_en: "Table 3, each column: results total = the sum of the result rows (granted … other)",
        checked: true,
    },
    RuleInfo {
        code: Code::T3RowTotal,
        id: "T3-ROW-TOTAL",
        severity: Severity::Error,
        rule_zh: "表三每一行：总计 = 自然人 + 五类法人或其他组织之和",
        rule_en: "Table 3, each row: total = the sum of the six applicant columns",
        checked: true,
    },
    RuleInfo {
        code: Code::T4Total,
        id: "T4-TOTAL",
        severity: Severity::Error,
        rule_zh: "表四行政复议、未经复议直接起诉、复议后起诉各组：总计 = 结果维持 + 结果纠正 + 其他结果 + 尚未审结",
        rule_en: "Table 4, each of the 3 groups: total = upheld + corrected + other + pending",
        checked: true,
    },
    RuleInfo {
        code: Code::ValueNegative,
        id: "VALUE-NEGATIVE",
        severity: Severity::Error,
        rule_zh: "任何单元格都不能为负数",
        rule_en: "no cell is negative",
        checked: true,
    },
    RuleInfo {
        code: Code::ValueFraction,
        id: "VALUE-FRACTION",
        severity: Severity::Error,
        rule_zh: "件数必须为整数（只有行政事业性收费金额可以有小数）",
        rule_en: "counts are whole numbers (only the fee amount may have decimals)",
        checked: true,
    },
    RuleInfo {
        code: Code::ValueText,
        id: "VALUE-TEXT",
        severity: Severity::Error,
        rule_zh: "数字单元格中的文字既不是数字也不是占位符",
        rule_en: "a numeric cell holds text that is not a number or a placeholder",
        checked: true,
    },
    RuleInfo {
        code: Code::ValueMissing,
        id: "VALUE-MISSING",
        severity: Severity::Warning,
        rule_zh: "单元格为空白或占位符（/、—、无等）；合计时按 0 计算并说明",
        rule_en: "a cell is blank or a placeholder; sums treat it as 0 and say so",
        checked: true,
    },
    RuleInfo {
        code: Code::T2InForce,
        id: "T2-IN-FORCE",
        severity: Severity::Warning,
        rule_zh: "表二规章、行政规范性文件：现行有效件数 ≥ 本年制发件数 − 本年废止件数",
        rule_en: "Table 2, regulations and normative documents: in force ≥ issued − repealed",
        checked: true,
    },
    RuleInfo {
        code: Code::XyearCarried,
        id: "XYEAR-CARRIED",
        severity: Severity::Warning,
        rule_zh: "与上年报告对照：本年“上年结转”= 上年“结转下年度继续办理”，逐列",
        rule_en: "with last year's report: this year's carried over = last year's carried forward, per column",
        checked: true,
    },
    RuleInfo {
        code: Code::XyearInForce,
        id: "XYEAR-IN-FORCE",
        severity: Severity::Warning,
        rule_zh: "与上年报告对照：现行有效件数 = 上年现行有效件数 + 本年制发 − 本年废止",
        rule_en: "with last year's report: in force = last year's in force + issued − repealed",
        checked: true,
    },
    RuleInfo {
        code: Code::MetaAgency,
        id: "META-AGENCY",
        severity: Severity::Error,
        rule_zh: "必须有机关名称",
        rule_en: "the agency name is present",
        checked: true,
    },
    RuleInfo {
        code: Code::MetaYear,
        id: "META-YEAR",
        severity: Severity::Error,
        rule_zh: "必须有合理的报告年度（2019 年至次年）",
        rule_en: "a plausible report year (2019 … next year) is present",
        checked: true,
    },
    RuleInfo {
        code: Code::MetaFormat,
        id: "META-FORMAT",
        severity: Severity::Warning,
        rule_zh: "格式版本与报告年度相符（2019–2020 年度用 2019 年试行格式，2021 年度起用 2021 年格式）",
        rule_en: "the layout edition matches the report year (2019 trial layout for 2019–2020, 2021 layout from 2021)",
        checked: true,
    },
    RuleInfo {
        code: Code::TextApplications,
        id: "TEXT-APPLICATIONS",
        severity: Severity::Warning,
        rule_zh: "正文所述收到申请数与表三一致（本年新收总计，或加上年结转）",
        rule_en: "where the narrative states a count of applications received, it equals table 3",
        checked: true,
    },
];

impl Code {
    /// The catalog entry.
    pub fn info(self) -> &'static RuleInfo {
        RULES
            .iter()
            .find(|r| r.code == self)
            .expect("every code is in the catalog")
    }

    /// The stable code text.
    pub fn as_str(self) -> &'static str {
        self.info().id
    }

    /// Parses the stable code text.
    pub fn parse(s: &str) -> Option<Code> {
        RULES.iter().find(|r| r.id == s).map(|r| r.code)
    }
}

/// Options of a check.
#[derive(Debug, Clone, Copy, Default)]
pub struct CheckOptions {
    /// The latest plausible report year (the current year + 1); `None` for no upper bound.
    /// The core reads no clock: the caller passes it.
    pub max_year: Option<i32>,
}

/// One term of a sum shown in a message.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Term {
    cell: &'static Cell,
    value: Decimal,
}

#[derive(Debug, Clone, PartialEq, Eq)]
enum Detail {
    /// `parts` should add up to `total` (a sum rule), or `left` to `right` (the balance).
    Equation {
        left: Vec<Term>,
        right: Vec<Term>,
        assumed_zero: Vec<&'static Cell>,
    },
    /// One cell.
    Value,
    /// in_force < issued − repealed.
    InForce {
        issued: Decimal,
        repealed: Decimal,
        in_force: Decimal,
    },
    /// This year's carried over against last year's carried forward.
    Carried {
        this: Decimal,
        previous: Decimal,
    },
    /// in_force against last year's in_force + issued − repealed.
    PreviousInForce {
        previous: Decimal,
        issued: Decimal,
        repealed: Decimal,
        in_force: Decimal,
    },
    /// The narrative states a count of applications the table does not have.
    Narrative {
        stated: u64,
        excerpt: String,
        new: Decimal,
        carried_over: Decimal,
    },
    MissingAgency,
    MissingYear,
    ImplausibleYear {
        year: i32,
        max: Option<i32>,
    },
    Format {
        year: i32,
        edition: Edition,
    },
}

/// One finding of a check.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Finding {
    /// The rule's code.
    pub code: Code,
    /// Error or warning.
    pub severity: Severity,
    /// The table the finding is about, if any.
    pub table: Option<&'static Table>,
    /// The cells involved, in the order the message names them.
    pub cells: Vec<&'static Cell>,
    /// The value of each cell, same order.
    pub values: Vec<CellValue>,
    /// Where each cell's value was read, same order (for spreadsheet and CSV input).
    pub locations: Vec<Option<Location>>,
    /// For sums: what was stated minus what the parts add up to (for the balance: the left side
    /// minus the right side).
    pub difference: Option<Decimal>,
    detail: Detail,
}

impl Finding {
    fn new(code: Code, report: &Report, cells: Vec<&'static Cell>, detail: Detail) -> Finding {
        let values = cells.iter().map(|c| report.value(c).clone()).collect();
        let locations = cells.iter().map(|c| report.origin(c).cloned()).collect();
        let table = cells.first().map(|c| c.table);
        let difference = match &detail {
            Detail::Equation { left, right, .. } => Some(sum(left) - sum(right)),
            Detail::InForce {
                issued,
                repealed,
                in_force,
            } => Some(*in_force - (*issued - *repealed)),
            Detail::Carried { this, previous } => Some(*this - *previous),
            Detail::PreviousInForce {
                previous,
                issued,
                repealed,
                in_force,
            } => Some(*in_force - (*previous + *issued - *repealed)),
            Detail::Narrative { stated, new, .. } => Some(Decimal::from(*stated) - *new),
            _ => None,
        };
        Finding {
            code,
            severity: code.info().severity,
            table,
            cells,
            values,
            locations,
            difference,
            detail,
        }
    }

    /// The stable ids of the cells involved.
    pub fn cell_ids(&self) -> Vec<&'static str> {
        self.cells.iter().map(|c| c.id).collect()
    }

    /// The finding as a sentence a civil servant understands at once.
    pub fn message(&self, lang: Lang) -> String {
        let cell = self.cells.first();
        match (&self.detail, lang) {
            (
                Detail::Equation {
                    left,
                    right,
                    assumed_zero,
                },
                _,
            ) => {
                let mut m = self.equation_message(left, right, lang);
                if !assumed_zero.is_empty() {
                    let names: Vec<String> =
                        assumed_zero.iter().map(|c| c.describe(lang)).collect();
                    match lang {
                        Lang::Zh => {
                            write!(m, "（其中{}为空白或占位符，按 0 计）", names.join("、"))
                        }
                        Lang::En => write!(
                            m,
                            " (blank or placeholder, counted as 0: {})",
                            names.join(", ")
                        ),
                    }
                    .ok();
                }
                m
            }
            (Detail::Value, lang) => {
                let c = cell.expect("a value finding names its cell");
                let v = &self.values[0];
                match (self.code, lang) {
                    (Code::ValueNegative, Lang::Zh) => {
                        format!("{}为负数 {v}，统计数不能为负。", c.describe(lang))
                    }
                    (Code::ValueNegative, Lang::En) => format!(
                        "{} is negative ({v}); statistics cannot be negative.",
                        c.describe(lang)
                    ),
                    (Code::ValueFraction, Lang::Zh) => {
                        format!("{}为 {v}，件数应为整数。", c.describe(lang))
                    }
                    (Code::ValueFraction, Lang::En) => {
                        format!("{} is {v}; counts must be whole numbers.", c.describe(lang))
                    }
                    (Code::ValueText, Lang::Zh) => format!(
                        "{}填写的“{v}”不是数字，请改为数字（没有发生请填 0）。",
                        c.describe(lang)
                    ),
                    (Code::ValueText, Lang::En) => format!(
                        "{} holds “{v}”, which is not a number (write 0 for none).",
                        c.describe(lang)
                    ),
                    (_, Lang::Zh) => match v {
                        CellValue::Placeholder(p) => format!(
                            "{}填写的是“{p}”而不是数字，合计时按 0 计；没有发生请填 0。",
                            c.describe(lang)
                        ),
                        _ => format!(
                            "{}为空白，合计时按 0 计；没有发生请填 0。",
                            c.describe(lang)
                        ),
                    },
                    (_, Lang::En) => match v {
                        CellValue::Placeholder(p) => format!(
                            "{} holds “{p}” instead of a number; counted as 0 in sums (write 0 for none).",
                            c.describe(lang)
                        ),
                        _ => format!(
                            "{} is blank; counted as 0 in sums (write 0 for none).",
                            c.describe(lang)
                        ),
                    },
                }
            }
            (
                Detail::InForce {
                    issued,
                    repealed,
                    in_force,
                },
                Lang::Zh,
            ) => {
                let c = cell.expect("names its row");
                let expected = *issued - *repealed;
                format!(
                    "表二“{}”：现行有效件数 {in_force} 少于本年制发 {issued} − 本年废止 {repealed} = {expected}，请核实。",
                    c.row.label
                )
            }
            (
                Detail::InForce {
                    issued,
                    repealed,
                    in_force,
                },
                Lang::En,
            ) => {
                let c = cell.expect("names its row");
                let expected = *issued - *repealed;
                format!(
                    "Table 2, {}: {in_force} in force is fewer than issued {issued} − repealed {repealed} = {expected}; please verify.",
                    c.row.en
                )
            }
            (Detail::Carried { this, previous }, _) => {
                let c = cell.expect("names its cell");
                let diff = (*this - *previous).abs();
                match lang {
                    Lang::Zh => format!(
                        "表三“{}”列：本年“上年结转” {this} 与上年报告的“结转下年度继续办理” {previous} 不一致，相差 {diff}。",
                        c.column.label
                    ),
                    Lang::En => format!(
                        "Table 3, column “{}”: carried over {this} this year, but last year's report carried forward {previous}; difference {diff}.",
                        c.column.en
                    ),
                }
            }
            (
                Detail::PreviousInForce {
                    previous,
                    issued,
                    repealed,
                    in_force,
                },
                _,
            ) => {
                let c = cell.expect("names its row");
                let expected = *previous + *issued - *repealed;
                let diff = (*in_force - expected).abs();
                match lang {
                    Lang::Zh => format!(
                        "表二“{}”：上年现行有效 {previous} + 本年制发 {issued} − 本年废止 {repealed} = {expected}，但本年现行有效件数为 {in_force}，相差 {diff}。",
                        c.row.label
                    ),
                    Lang::En => format!(
                        "Table 2, {}: last year's {previous} in force + issued {issued} − repealed {repealed} = {expected}, but {in_force} are in force; difference {diff}.",
                        c.row.en
                    ),
                }
            }
            (
                Detail::Narrative {
                    excerpt,
                    new,
                    carried_over,
                    ..
                },
                Lang::Zh,
            ) => {
                let with_carried = if carried_over.is_zero() {
                    String::new()
                } else {
                    format!("（加上年结转共 {}）", *new + *carried_over)
                };
                format!(
                    "正文“一、总体情况”写道“{excerpt}”，但表三“本年新收”总计为 {new}{with_carried}，二者不一致，请核实。"
                )
            }
            (
                Detail::Narrative {
                    stated,
                    excerpt,
                    new,
                    carried_over,
                },
                Lang::En,
            ) => {
                let with_carried = if carried_over.is_zero() {
                    String::new()
                } else {
                    format!(" ({} with those carried over)", *new + *carried_over)
                };
                format!(
                    "The overview says “{excerpt}” ({stated}), but table 3 has {new} new applications{with_carried}; one of them is wrong."
                )
            }
            (Detail::MissingAgency, Lang::Zh) => "缺少机关名称，请填写报告机关的全称。".to_string(),
            (Detail::MissingAgency, Lang::En) => "The agency name is missing.".to_string(),
            (Detail::MissingYear, Lang::Zh) => "缺少报告年度。".to_string(),
            (Detail::MissingYear, Lang::En) => "The report year is missing.".to_string(),
            (Detail::ImplausibleYear { year, max }, Lang::Zh) => match max {
                Some(m) => format!("报告年度 {year} 不合理，应在 2019 至 {m} 之间。"),
                None => format!("报告年度 {year} 不合理，应不早于 2019。"),
            },
            (Detail::ImplausibleYear { year, max }, Lang::En) => match max {
                Some(m) => format!(
                    "The report year {year} is not plausible; it should be between 2019 and {m}."
                ),
                None => {
                    format!("The report year {year} is not plausible; it should be 2019 or later.")
                }
            },
            (Detail::Format { year, edition }, Lang::Zh) => {
                let expected = Edition::for_year(*year);
                format!(
                    "{year} 年度报告应使用 {} 年版格式（{}），但本报告使用的是 {} 年版格式（{}）。",
                    expected.as_str(),
                    expected.document(),
                    edition.as_str(),
                    edition.document()
                )
            }
            (Detail::Format { year, edition }, Lang::En) => {
                let expected = Edition::for_year(*year);
                format!(
                    "A report for {year} should use the {} layout, but this one uses the {} layout.",
                    expected.as_str(),
                    edition.as_str()
                )
            }
        }
    }

    fn equation_message(&self, left: &[Term], right: &[Term], lang: Lang) -> String {
        let diff = self.difference.unwrap_or_default().abs();
        let first = &left.first().unwrap_or_else(|| &right[0]).cell;
        match self.code {
            Code::T3Balance => {
                let col = first.column;
                let (l, r) = (sum(left), sum(right));
                match lang {
                    Lang::Zh => format!(
                        "表三“{}”列：{} = {l}，但{} = {r}，相差 {diff}。",
                        col.label,
                        terms_zh(left),
                        terms_zh(right)
                    ),
                    Lang::En => format!(
                        "Table 3, column “{}”: {} = {l}, but {} = {r}; difference {diff}.",
                        col.en,
                        terms_en(left),
                        terms_en(right)
                    ),
                }
            }
            Code::T3ResultsSum => {
                let col = first.column;
                let (parts, total) = (sum(left), sum(right));
                match lang {
                    Lang::Zh => format!(
                        "表三“{}”列：（一）至（六）各项办理结果之和为 {parts}，但“（七）总计”为 {total}，相差 {diff}。",
                        col.label
                    ),
                    Lang::En => format!(
                        "Table 3, column “{}”: the result rows add up to {parts}, but the results total is {total}; difference {diff}.",
                        col.en
                    ),
                }
            }
            Code::T3RowTotal | Code::T4Total => {
                let row = first.row;
                let (parts, total) = (sum(left), sum(right));
                let values: Vec<String> = left.iter().map(|t| t.value.to_string()).collect();
                match (self.code, lang) {
                    (Code::T3RowTotal, Lang::Zh) => format!(
                        "表三“{}”行：各类申请人之和 {} = {parts}，但“总计”为 {total}，相差 {diff}。",
                        row.label,
                        values.join(" + ")
                    ),
                    (Code::T3RowTotal, _) => format!(
                        "Table 3, row “{}”: the applicant columns add up to {} = {parts}, but the total is {total}; difference {diff}.",
                        row.en,
                        values.join(" + ")
                    ),
                    (_, Lang::Zh) => format!(
                        "表四“{}”：{} = {parts}，但“总计”为 {total}，相差 {diff}。",
                        row.short,
                        terms_zh(left)
                    ),
                    (_, Lang::En) => format!(
                        "Table 4, {}: {} = {parts}, but the total is {total}; difference {diff}.",
                        row.en,
                        terms_en(left)
                    ),
                }
            }
            _ => String::new(),
        }
    }
}

fn sum(terms: &[Term]) -> Decimal {
    terms.iter().map(|t| t.value).sum()
}

fn term_name_zh(cell: &Cell) -> &'static str {
    match cell.block().arrangement {
        Arrangement::Inline => cell.column.label,
        Arrangement::Grid => cell.row.short,
    }
}

fn terms_zh(terms: &[Term]) -> String {
    terms
        .iter()
        .map(|t| format!("{} {}", term_name_zh(t.cell), t.value))
        .collect::<Vec<_>>()
        .join(" + ")
}

fn terms_en(terms: &[Term]) -> String {
    terms
        .iter()
        .map(|t| {
            let name = match t.cell.block().arrangement {
                Arrangement::Inline => t.cell.column.en,
                Arrangement::Grid => t.cell.row.en,
            };
            format!("{name} {}", t.value)
        })
        .collect::<Vec<_>>()
        .join(" + ")
}

/// Checks a report against every rule that needs no other input. Findings come in a stable
/// order: metadata, then the value rules cell by cell, then the arithmetic rules table by table.
pub fn check(report: &Report, options: &CheckOptions) -> Vec<Finding> {
    let mut out = Vec::new();
    check_meta(report, options, &mut out);
    check_values(report, &mut out);
    check_sums(report, &mut out);
    check_in_force(report, &mut out);
    check_narrative(report, &mut out);
    out
}

/// `TEXT-APPLICATIONS`: a count of applications received stated in the overview must be the
/// table's new applications, or new plus carried over.
fn check_narrative(report: &Report, out: &mut Vec<Finding>) {
    let Some(stated) = crate::text::stated_applications(report.section("overview")) else {
        return;
    };
    let layout = report.layout();
    let (Some(new), Some(carried)) = (
        layout.cell_at("applications", "new", "total"),
        layout.cell_at("applications", "carried_over", "total"),
    ) else {
        return;
    };
    let (Some(n), Some(c)) = (report.value(new).summand(), report.value(carried).summand()) else {
        return;
    };
    let count = Decimal::from(stated.count);
    if count == n || count == n + c {
        return;
    }
    out.push(Finding::new(
        Code::TextApplications,
        report,
        vec![new, carried],
        Detail::Narrative {
            stated: stated.count,
            excerpt: stated.excerpt,
            new: n,
            carried_over: c,
        },
    ));
}

/// Checks a report against last year's report of the same agency (`XYEAR-*`). Cells that are not
/// numbers in either report are not compared (the value rules already speak of them).
pub fn check_previous(report: &Report, previous: &Report) -> Vec<Finding> {
    let mut out = Vec::new();
    let (this_layout, prev_layout) = (report.layout(), previous.layout());
    if let (Some(apps), Some(_)) = (
        this_layout.table("applications"),
        prev_layout.table("applications"),
    ) {
        for col in apps.blocks[0].columns {
            let (Some(this_cell), Some(prev_cell)) = (
                this_layout.cell_at("applications", "carried_over", col.id),
                prev_layout.cell_at("applications", "carried_forward", col.id),
            ) else {
                continue;
            };
            let (Some(this), Some(prev)) = (
                report.value(this_cell).as_number(),
                previous.value(prev_cell).as_number(),
            ) else {
                continue;
            };
            if this != prev {
                out.push(Finding::new(
                    Code::XyearCarried,
                    report,
                    vec![this_cell],
                    Detail::Carried {
                        this,
                        previous: prev,
                    },
                ));
            }
        }
    }
    for row in ["regulations", "normative_documents"] {
        let cells =
            ["issued", "repealed", "in_force"].map(|c| this_layout.cell_at("disclosure", row, c));
        let [Some(issued), Some(repealed), Some(in_force)] = cells else {
            continue;
        };
        let Some(prev_cell) = prev_layout.cell_at("disclosure", row, "in_force") else {
            continue;
        };
        let values = [issued, repealed, in_force].map(|c| report.value(c).as_number());
        let ([Some(i), Some(r), Some(f)], Some(p)) =
            (values, previous.value(prev_cell).as_number())
        else {
            continue;
        };
        if f != p + i - r {
            out.push(Finding::new(
                Code::XyearInForce,
                report,
                vec![issued, repealed, in_force],
                Detail::PreviousInForce {
                    previous: p,
                    issued: i,
                    repealed: r,
                    in_force: f,
                },
            ));
        }
    }
    out
}

fn check_meta(report: &Report, options: &CheckOptions, out: &mut Vec<Finding>) {
    if report.agency.trim().is_empty() {
        out.push(Finding::new(
            Code::MetaAgency,
            report,
            vec![],
            Detail::MissingAgency,
        ));
    }
    match report.year {
        None => out.push(Finding::new(
            Code::MetaYear,
            report,
            vec![],
            Detail::MissingYear,
        )),
        Some(year) => {
            let too_late = options.max_year.is_some_and(|m| year > m);
            if year < 2019 || too_late {
                out.push(Finding::new(
                    Code::MetaYear,
                    report,
                    vec![],
                    Detail::ImplausibleYear {
                        year,
                        max: options.max_year,
                    },
                ));
            } else if Edition::for_year(year) != report.edition {
                out.push(Finding::new(
                    Code::MetaFormat,
                    report,
                    vec![],
                    Detail::Format {
                        year,
                        edition: report.edition,
                    },
                ));
            }
        }
    }
}

fn check_values(report: &Report, out: &mut Vec<Finding>) {
    // A cell the importer already reported as unreadable (a missing table or row, a formula
    // without a result) is blank for that reason; VALUE-MISSING would only say it again.
    let said: std::collections::HashSet<&str> = report
        .issues
        .iter()
        .filter(|i| i.severity == Severity::Error)
        .flat_map(|i| i.cells.iter().copied())
        .collect();
    for (cell, value) in report.cells() {
        if value.is_missing() && (said.contains(cell.id) || !cell.block().applies_to(report.year)) {
            continue;
        }
        let code = match value {
            CellValue::Number(d)
                if d.is_sign_negative()
                    && !d.is_zero()
                    && cell.kind() != ValueKind::SignedCount =>
            {
                Some(Code::ValueNegative)
            }
            CellValue::Number(d) if !d.fract().is_zero() && cell.kind() != ValueKind::Amount => {
                Some(Code::ValueFraction)
            }
            CellValue::Number(_) => None,
            CellValue::Text(_) => Some(Code::ValueText),
            CellValue::Blank | CellValue::Placeholder(_) => Some(Code::ValueMissing),
        };
        if let Some(code) = code {
            out.push(Finding::new(code, report, vec![cell], Detail::Value));
        }
        // A negative fraction is wrong twice; say both.
        if let CellValue::Number(d) = value
            && d.is_sign_negative()
            && !d.fract().is_zero()
            && cell.kind() == ValueKind::Count
        {
            out.push(Finding::new(
                Code::ValueFraction,
                report,
                vec![cell],
                Detail::Value,
            ));
        }
    }
}

/// An equation `left = right` over cells; skipped if any term is unreadable text (VALUE-TEXT
/// already says so), with blanks and placeholders counted as 0 and named.
fn equation(
    code: Code,
    report: &Report,
    left: &[&'static Cell],
    right: &[&'static Cell],
    out: &mut Vec<Finding>,
) {
    let mut assumed_zero = Vec::new();
    let mut terms = |cells: &[&'static Cell]| -> Option<Vec<Term>> {
        cells
            .iter()
            .map(|&cell| {
                let v = report.value(cell);
                if v.is_missing() {
                    assumed_zero.push(cell);
                }
                v.summand().map(|value| Term { cell, value })
            })
            .collect()
    };
    let (Some(l), Some(r)) = (terms(left), terms(right)) else {
        return;
    };
    if sum(&l) == sum(&r) {
        return;
    }
    let cells = left.iter().chain(right.iter()).copied().collect();
    let detail = Detail::Equation {
        left: l,
        right: r,
        assumed_zero,
    };
    out.push(Finding::new(code, report, cells, detail));
}

fn check_sums(report: &Report, out: &mut Vec<Finding>) {
    let layout = report.layout();
    for table in layout.tables {
        for (b, block) in table.blocks.iter().enumerate() {
            let cell = |row: &str, col: &str| -> &'static Cell {
                layout.cell_at(table.id, row, col).expect("catalog cell")
            };
            let cell = |r: &crate::layout::Row, c: &crate::layout::Column| {
                let found = cell(r.id, c.id);
                debug_assert_eq!(found.block, b);
                found
            };
            let has_roles = block.rows.iter().any(|r| r.role != RowRole::Plain);
            if has_roles {
                // Column equations of table 三: the balance, then the results sum.
                for col in block.columns {
                    let rows = |role: RowRole| -> Vec<&'static Cell> {
                        block
                            .rows
                            .iter()
                            .filter(|r| r.role == role)
                            .map(|r| cell(r, col))
                            .collect()
                    };
                    let intake = rows(RowRole::Intake);
                    let outflow: Vec<_> = rows(RowRole::ResultsTotal)
                        .into_iter()
                        .chain(rows(RowRole::CarriedForward))
                        .collect();
                    equation(Code::T3Balance, report, &intake, &outflow, out);
                }
                for col in block.columns {
                    let parts: Vec<_> = block
                        .rows
                        .iter()
                        .filter(|r| r.role == RowRole::Result)
                        .map(|r| cell(r, col))
                        .collect();
                    let total: Vec<_> = block
                        .rows
                        .iter()
                        .filter(|r| r.role == RowRole::ResultsTotal)
                        .map(|r| cell(r, col))
                        .collect();
                    equation(Code::T3ResultsSum, report, &parts, &total, out);
                }
            }
            // Row totals.
            if block.columns.iter().any(|c| c.role == ColumnRole::Total) {
                let code = if table.id == "appeals" {
                    Code::T4Total
                } else {
                    Code::T3RowTotal
                };
                for row in block.rows {
                    let parts: Vec<_> = block
                        .columns
                        .iter()
                        .filter(|c| c.role == ColumnRole::Part)
                        .map(|c| cell(row, c))
                        .collect();
                    let total: Vec<_> = block
                        .columns
                        .iter()
                        .filter(|c| c.role == ColumnRole::Total)
                        .map(|c| cell(row, c))
                        .collect();
                    equation(code, report, &parts, &total, out);
                }
            }
        }
    }
}

fn check_in_force(report: &Report, out: &mut Vec<Finding>) {
    let layout = report.layout();
    for row in ["regulations", "normative_documents"] {
        let cells =
            ["issued", "repealed", "in_force"].map(|c| layout.cell_at("disclosure", row, c));
        let [Some(issued), Some(repealed), Some(in_force)] = cells else {
            continue;
        };
        let values = [issued, repealed, in_force].map(|c| report.value(c).as_number());
        let [Some(i), Some(r), Some(f)] = values else {
            continue;
        };
        if f < i - r {
            out.push(Finding::new(
                Code::T2InForce,
                report,
                vec![issued, repealed, in_force],
                Detail::InForce {
                    issued: i,
                    repealed: r,
                    in_force: f,
                },
            ));
        }
    }
}
