//! The one catalog of every code the tool can print: the rules of the checker (with the equation
//! each arithmetic rule stands for, in terms of the layout's row and column roles), and the codes
//! of import issues, totals and cross-year pairing. `docs/rules.md` is generated from here, the
//! checker and the template's live checks derive their equations from here, and `--select` /
//! `--ignore` accept exactly these codes and their prefixes.

use crate::Lang;
use crate::layout::{ColumnRole, RowRole};

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

/// The families of codes, in the order `docs/rules.md` lists them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Group {
    /// Equations inside the tables (`T2-*`, `T3-*`, `T4-*`).
    Tables,
    /// One cell at a time (`VALUE-*`).
    Values,
    /// Agency, year and edition (`META-*`).
    Meta,
    /// What the narrative states against the tables (`TEXT-*`).
    Narrative,
    /// The structure and identity of a published report (`DOC-*`).
    Document,
    /// Against last year's report (`XYEAR-*`).
    CrossYear,
    /// What a reader could not read, or read with a doubt (`IMPORT-*`, `PDF-*`).
    Import,
    /// Totals of many reports (`AGGREGATE-*`).
    Aggregate,
}

impl Group {
    /// Every group, in order.
    pub const ALL: [Group; 8] = [
        Group::Tables,
        Group::Values,
        Group::Meta,
        Group::Narrative,
        Group::Document,
        Group::CrossYear,
        Group::Import,
        Group::Aggregate,
    ];

    /// The group's title in `docs/rules.md`.
    pub fn title(self) -> (&'static str, &'static str) {
        match self {
            Group::Tables => ("表内勾稽关系", "Equations inside the tables"),
            Group::Values => ("单元格数值", "Cell values"),
            Group::Meta => ("机关、年度与格式", "Agency, year and edition"),
            Group::Narrative => ("正文与表格", "The narrative against the tables"),
            Group::Document => ("报告结构与身份", "Structure and identity of the report"),
            Group::CrossYear => ("与上年报告对照", "Against last year's report"),
            Group::Import => ("导入", "Import"),
            Group::Aggregate => ("汇总", "Totals"),
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
    /// `TEXT-HANDLED`.
    TextHandled,
    /// `TEXT-RESULTS`.
    TextResults,
    /// `TEXT-CARRIED`.
    TextCarried,
    /// `TEXT-APPEALS`.
    TextAppeals,
    /// `TEXT-DOCUMENTS`.
    TextDocuments,
    /// `TEXT-DECISIONS`.
    TextDecisions,
    /// `TEXT-FEES`.
    TextFees,
    /// `DOC-SECTIONS`.
    DocSections,
    /// `DOC-HEADING`.
    DocHeading,
    /// `DOC-ENUMERATION`.
    DocEnumeration,
    /// `DOC-PROBLEMS`.
    DocProblems,
    /// `DOC-FEES`.
    DocFees,
    /// `DOC-YEAR`.
    DocYear,
    /// `DOC-AGENCY`.
    DocAgency,
    /// `XYEAR-COPIED`.
    XyearCopied,
    /// `XYEAR-TEXT`.
    XyearText,
}

/// The equation or comparison an arithmetic rule stands for, in terms of the layout's roles, so
/// that every edition gets its own cells and every user of it (the checker, the template's live
/// checks, the docs) derives the same cells.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Form {
    /// For each column of the table's blocks that have these row roles: the sum of the `left`
    /// rows equals the sum of the `right` rows.
    Columns {
        /// The table's id.
        table: &'static str,
        /// Row roles on the left.
        left: &'static [RowRole],
        /// Row roles on the right.
        right: &'static [RowRole],
    },
    /// For each row of the table's blocks with a [`ColumnRole::Total`] column: the total equals
    /// the sum of the [`ColumnRole::Part`] columns.
    Rows {
        /// The table's id.
        table: &'static str,
    },
    /// For each row with the three stock columns: [`ColumnRole::InForce`] ≥
    /// [`ColumnRole::Issued`] − [`ColumnRole::Repealed`].
    Stock,
    /// Against last year's report, per column: this year's `this` row equals last year's `last`
    /// row.
    Carry {
        /// This year's row role.
        this: RowRole,
        /// Last year's row role.
        last: RowRole,
    },
    /// Against last year's report, per row with the three stock columns: in force = last year's
    /// in force + issued − repealed.
    StockCarry,
}

/// The roles a [`Form::Stock`] row needs, in the order the messages name them.
pub const STOCK_COLUMNS: [ColumnRole; 3] = [
    ColumnRole::Issued,
    ColumnRole::Repealed,
    ColumnRole::InForce,
];

/// What the catalog says about one rule.
#[derive(Debug)]
pub struct RuleInfo {
    /// The code.
    pub code: Code,
    /// The stable code text (`T3-BALANCE`).
    pub id: &'static str,
    /// The family.
    pub group: Group,
    /// Severity of its findings.
    pub severity: Severity,
    /// The rule, in Chinese.
    pub rule_zh: &'static str,
    /// The rule, in English.
    pub rule_en: &'static str,
    /// The equation, for the arithmetic rules.
    pub form: Option<Form>,
}

const fn rule(
    code: Code,
    id: &'static str,
    group: Group,
    severity: Severity,
    rule_zh: &'static str,
    rule_en: &'static str,
) -> RuleInfo {
    RuleInfo {
        code,
        id,
        group,
        severity,
        rule_zh,
        rule_en,
        form: None,
    }
}

const fn equation(
    code: Code,
    id: &'static str,
    severity: Severity,
    form: Form,
    rule_zh: &'static str,
    rule_en: &'static str,
) -> RuleInfo {
    RuleInfo {
        code,
        id,
        group: match form {
            Form::Carry { .. } | Form::StockCarry => Group::CrossYear,
            _ => Group::Tables,
        },
        severity,
        rule_zh,
        rule_en,
        form: Some(form),
    }
}

use Severity::{Error, Warning};

/// The rules catalog, in the spec's order, then the rules of the whole report.
pub const RULES: &[RuleInfo] = &[
    equation(
        Code::T3Balance,
        "T3-BALANCE",
        Error,
        Form::Columns {
            table: "applications",
            left: &[RowRole::New, RowRole::CarriedOver],
            right: &[RowRole::ResultsTotal, RowRole::CarriedForward],
        },
        "表三每一列：本年新收 + 上年结转 = 办理结果总计 + 结转下年度（表三左上角的勾稽关系）",
        "Table 3, each of the 7 columns: new + carried over = results total + carried forward",
    ),
    equation(
        Code::T3ResultsSum,
        "T3-RESULTS-SUM",
        Error,
        Form::Columns {
            table: "applications",
            left: &[RowRole::Result],
            right: &[RowRole::ResultsTotal],
        },
        "表三每一列：（七）总计 = （一）至（六）各项办理结果之和",
        "Table 3, each column: results total = the sum of the result rows (granted … other)",
    ),
    equation(
        Code::T3RowTotal,
        "T3-ROW-TOTAL",
        Error,
        Form::Rows {
            table: "applications",
        },
        "表三每一行：总计 = 自然人 + 五类法人或其他组织之和",
        "Table 3, each row: total = the sum of the six applicant columns",
    ),
    equation(
        Code::T4Total,
        "T4-TOTAL",
        Error,
        Form::Rows { table: "appeals" },
        "表四行政复议、未经复议直接起诉、复议后起诉各组：总计 = 结果维持 + 结果纠正 + 其他结果 + 尚未审结",
        "Table 4, each of the 3 groups: total = upheld + corrected + other + pending",
    ),
    rule(
        Code::ValueNegative,
        "VALUE-NEGATIVE",
        Group::Values,
        Error,
        "任何单元格都不能为负数",
        "no cell is negative",
    ),
    rule(
        Code::ValueFraction,
        "VALUE-FRACTION",
        Group::Values,
        Error,
        "件数必须为整数（只有行政事业性收费金额可以有小数）",
        "counts are whole numbers (only the fee amount may have decimals)",
    ),
    rule(
        Code::ValueText,
        "VALUE-TEXT",
        Group::Values,
        Error,
        "数字单元格中的文字既不是数字也不是占位符，或是超出上限的数字（整数部分最多 12 位、小数最多 6 位、有效数字最多 15 位），不四舍五入",
        "a numeric cell holds text that is not a number or a placeholder, or a number beyond the limits (12 digits before the point, 6 after, 15 significant), never rounded",
    ),
    rule(
        Code::ValueMissing,
        "VALUE-MISSING",
        Group::Values,
        Warning,
        "单元格为空白或占位符（/、—、无等）；合计时按 0 计算并说明",
        "a cell is blank or a placeholder; sums treat it as 0 and say so",
    ),
    equation(
        Code::T2InForce,
        "T2-IN-FORCE",
        Warning,
        Form::Stock,
        "表二规章、行政规范性文件：现行有效件数 ≥ 本年制发件数 − 本年废止件数",
        "Table 2, regulations and normative documents: in force ≥ issued − repealed",
    ),
    equation(
        Code::XyearCarried,
        "XYEAR-CARRIED",
        Warning,
        Form::Carry {
            this: RowRole::CarriedOver,
            last: RowRole::CarriedForward,
        },
        "与上年报告对照：本年“上年结转”= 上年“结转下年度继续办理”，逐列",
        "with last year's report: this year's carried over = last year's carried forward, per column",
    ),
    equation(
        Code::XyearInForce,
        "XYEAR-IN-FORCE",
        Warning,
        Form::StockCarry,
        "与上年报告对照：现行有效件数 = 上年现行有效件数 + 本年制发 − 本年废止",
        "with last year's report: in force = last year's in force + issued − repealed",
    ),
    rule(
        Code::MetaAgency,
        "META-AGENCY",
        Group::Meta,
        Error,
        "必须有机关名称",
        "the agency name is present",
    ),
    rule(
        Code::MetaYear,
        "META-YEAR",
        Group::Meta,
        Error,
        "必须有合理的报告年度（2019 年至次年）",
        "a plausible report year (2019 … next year) is present",
    ),
    rule(
        Code::MetaFormat,
        "META-FORMAT",
        Group::Meta,
        Warning,
        "表格的格式版本与报告年度相符（2019–2020 年度用 2019 年试行格式，2021 年度起用 2021 年格式）；版本由表格的行列名识别",
        "the layout edition, recognised from the tables' labels, matches the report year (2019 trial layout for 2019–2020, 2021 layout from 2021)",
    ),
    rule(
        Code::TextApplications,
        "TEXT-APPLICATIONS",
        Group::Narrative,
        Warning,
        "正文所述收到申请数与表三一致（本年新收总计，或加上年结转）",
        "where the narrative states a count of applications received, it equals table 3 (new, or new + carried over)",
    ),
    rule(
        Code::TextHandled,
        "TEXT-HANDLED",
        Group::Narrative,
        Warning,
        "正文所述办理（办结、答复）申请数与表三“（七）总计”一致",
        "where the narrative states how many applications were handled (answered), it equals table 3's results total",
    ),
    rule(
        Code::TextResults,
        "TEXT-RESULTS",
        Group::Narrative,
        Warning,
        "正文所述予以公开、部分公开、不予公开、无法提供、不予处理、其他处理的件数与表三一致",
        "where the narrative states how many applications were granted, partly granted, denied, unavailable, not handled or otherwise handled, it equals table 3",
    ),
    rule(
        Code::TextCarried,
        "TEXT-CARRIED",
        Group::Narrative,
        Warning,
        "正文所述上年结转、结转下年度的件数与表三一致",
        "where the narrative states how many applications were carried over or carried forward, it equals table 3",
    ),
    rule(
        Code::TextAppeals,
        "TEXT-APPEALS",
        Group::Narrative,
        Warning,
        "正文所述行政复议、行政诉讼件数（总数及各结果）与表四一致",
        "where the narrative states counts of administrative reviews or lawsuits (in all or by result), they equal table 4",
    ),
    rule(
        Code::TextDocuments,
        "TEXT-DOCUMENTS",
        Group::Narrative,
        Warning,
        "正文所述规章、规范性文件的制发、废止、现行有效件数与表二一致",
        "where the narrative states how many regulations or normative documents were issued, repealed or are in force, it equals table 2",
    ),
    rule(
        Code::TextDecisions,
        "TEXT-DECISIONS",
        Group::Narrative,
        Warning,
        "正文所述行政许可、行政处罚、行政强制决定数与表二一致",
        "where the narrative states counts of licensing, penalty or coercion decisions, they equal table 2",
    ),
    rule(
        Code::TextFees,
        "TEXT-FEES",
        Group::Narrative,
        Warning,
        "正文所述行政事业性收费金额与表二一致（元与万元换算后）",
        "where the narrative states the administrative fees charged, they equal table 2 (元 converted to 万元)",
    ),
    rule(
        Code::DocSections,
        "DOC-SECTIONS",
        Group::Document,
        Warning,
        "六个部分齐全、不重复，并按一至六的顺序排列",
        "all six sections are present, once each, in order",
    ),
    rule(
        Code::DocHeading,
        "DOC-HEADING",
        Group::Document,
        Warning,
        "各部分标题与规定的标题及序号一致（无错别字）",
        "each section heading is the official one with its official number (no typos)",
    ),
    rule(
        Code::DocEnumeration,
        "DOC-ENUMERATION",
        Group::Document,
        Warning,
        "“一是、二是……”和“（一）（二）……”的序号连续，不跳号、不重复",
        "enumerations (一是, 二是 … and （一）（二）…) run in order without gaps or repeats",
    ),
    rule(
        Code::DocProblems,
        "DOC-PROBLEMS",
        Group::Document,
        Warning,
        "第五部分写明上年度问题的整改或改进情况",
        "section 五 says how last year's problems were addressed",
    ),
    rule(
        Code::DocFees,
        "DOC-FEES",
        Group::Document,
        Warning,
        "2021 年度起，第六部分写明收取信息处理费的情况（未收取的也应说明；只写“无”视为未收取）",
        "from 2021, section 六 states the information processing fees charged, or that none were (a bare 无 counts as none)",
    ),
    rule(
        Code::DocYear,
        "DOC-YEAR",
        Group::Document,
        Warning,
        "标题、统计期限与报告年度一致（统计期限为该年 1 月 1 日至 12 月 31 日），总体情况不以其他年份开头",
        "the title, the statistics period (1 January to 31 December) and the report year agree, and the overview does not speak of another year as its own",
    ),
    rule(
        Code::DocAgency,
        "DOC-AGENCY",
        Group::Document,
        Warning,
        "标题、开头“本报告由……编制”、网页发布机构和正文自称的机关名称一致",
        "the agency named in the title, the opening sentence, the page's publisher and the narrative's own references agree",
    ),
    rule(
        Code::XyearCopied,
        "XYEAR-COPIED",
        Group::CrossYear,
        Warning,
        "与上年报告对照：正文不应大段照搬上年报告（去掉数字和年份后相同的句子占比超过阈值）",
        "with last year's report: the narrative is not largely copied from it (share of sentences identical once numbers and years are masked above a threshold)",
    ),
    rule(
        Code::XyearText,
        "XYEAR-TEXT",
        Group::CrossYear,
        Warning,
        "与上年报告对照：正文所述上年的数字与上年报告的表格一致",
        "with last year's report: figures the narrative gives for last year equal last year's tables",
    ),
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

/// A code of an import issue, a total or a cross-year pairing: shown beside the findings of the
/// checker, never a rule of its own.
#[derive(Debug, Clone, Copy)]
pub struct IssueInfo {
    /// The stable code.
    pub id: &'static str,
    /// The family.
    pub group: Group,
    /// Error: values could not be read; warning: read, but look.
    pub severity: Severity,
    /// What it means, in Chinese.
    pub zh: &'static str,
    /// What it means, in English.
    pub en: &'static str,
}

const fn issue(
    id: &'static str,
    group: Group,
    severity: Severity,
    zh: &'static str,
    en: &'static str,
) -> IssueInfo {
    IssueInfo {
        id,
        group,
        severity,
        zh,
        en,
    }
}

/// Every code of an import issue, a total or a cross-year pairing.
pub const ISSUES: &[IssueInfo] = &[
    issue(
        "IMPORT-MISSING-TABLE",
        Group::Import,
        Error,
        "未找到整张表格，其数值无法读取",
        "a whole table was not found; its values could not be read",
    ),
    issue(
        "IMPORT-MISSING-ROW",
        Group::Import,
        Error,
        "表格中未找到某一行，该行数值无法读取",
        "a row of a table was not found; its values could not be read",
    ),
    issue(
        "IMPORT-MISSING-COLUMN",
        Group::Import,
        Error,
        "表格中未找到某一列，该列数值无法读取",
        "a column of a table was not found; its values could not be read",
    ),
    issue(
        "IMPORT-UNCERTAIN",
        Group::Import,
        Error,
        "某行（或表四）的数值无法确定对应的列，未读取；导入标为不确定",
        "the values of a row (or of table 四) could not be placed in their columns with certainty and were not read; the import is marked uncertain",
    ),
    issue(
        "IMPORT-MERGED-ROW",
        Group::Import,
        Error,
        "“（六）其他处理”等分项印成了一行，其数值不拆分到各小项，未读取；导入标为不确定",
        "a group such as （六）其他处理 is printed as one row; its values are not spread over the sub-rows and were not read; the import is marked uncertain",
    ),
    issue(
        "IMPORT-LABEL",
        Group::Import,
        Warning,
        "行名与标准表格不一致（错别字、漏字），按最接近的标准行名读取；导入标为不确定",
        "a row label differs from the official one (a typo, dropped characters) and was read as the nearest official row; the import is marked uncertain",
    ),
    issue(
        "IMPORT-FORMULA",
        Group::Import,
        Error,
        "公式没有保存计算结果，按空白读取",
        "a formula saved without its result, read as blank",
    ),
    issue(
        "IMPORT-UNIT",
        Group::Import,
        Error,
        "万元栏中填的是元，未换算",
        "an amount in 元 in the 万元 cell, not converted",
    ),
    issue(
        "IMPORT-DUPLICATE-TABLE",
        Group::Import,
        Warning,
        "同一表格出现两处，只读取了一处",
        "a table appears twice; one copy was read",
    ),
    issue(
        "IMPORT-ENCODING",
        Group::Import,
        Warning,
        "网页声明的编码与实际不符，或有无法解码的字节",
        "a web page's declared encoding is wrong, or some bytes could not be decoded",
    ),
    issue(
        "IMPORT-EMBEDDED",
        Group::Import,
        Warning,
        "Word 文档中嵌入的表格对象（如 Excel 对象）未读取",
        "an object embedded in a Word document (such as an Excel table) was not read",
    ),
    issue(
        "PDF-REPAIRED",
        Group::Import,
        Warning,
        "PDF 的交叉引用表损坏，已重建后读取",
        "the PDF's cross-reference table was damaged and rebuilt",
    ),
    issue(
        "PDF-SCANNED-PAGE",
        Group::Import,
        Warning,
        "PDF 中有页面只有图片（扫描页），其内容未读取",
        "a page of the PDF holds only images (a scanned page); it was not read",
    ),
    issue(
        "PDF-UNDECODED",
        Group::Import,
        Warning,
        "PDF 中有字符无法解码，未当作数字读取",
        "some characters of the PDF could not be decoded; never read as numbers",
    ),
    issue(
        "PDF-PAGE-CUT",
        Group::Import,
        Warning,
        "PDF 某页内容过多，只读取了一部分",
        "a page of the PDF holds too much and was read in part",
    ),
    issue(
        "PDF-PAGE-DAMAGED",
        Group::Import,
        Warning,
        "PDF 某页已损坏，未读取",
        "a page of the PDF is damaged and was not read",
    ),
    issue(
        "PDF-TOO-MUCH",
        Group::Import,
        Warning,
        "PDF 内容超过读取上限，只读取了一部分",
        "the PDF holds more than the reader's limits; read in part",
    ),
    issue(
        "XYEAR-YEAR",
        Group::CrossYear,
        Warning,
        "用来对照的上年度报告不是前一年的",
        "the report compared as last year's is not for the year before",
    ),
    issue(
        "AGGREGATE-EDITION",
        Group::Aggregate,
        Warning,
        "汇总时有报告的格式版本不同，其独有的格子未计入",
        "reports of another edition were totalled; cells only they have were left out",
    ),
    issue(
        "AGGREGATE-TEXT",
        Group::Aggregate,
        Warning,
        "汇总时有报告的格子是文字，未计入",
        "cells holding text were left out of the total",
    ),
];

/// The issue code entry of a stable code.
pub fn issue_info(id: &str) -> Option<&'static IssueInfo> {
    ISSUES.iter().find(|i| i.id == id)
}

/// Every code the tool can print, rules first: (id, group, severity).
pub fn all_codes() -> impl Iterator<Item = (&'static str, Group, Severity)> {
    RULES
        .iter()
        .map(|r| (r.id, r.group, r.severity))
        .chain(ISSUES.iter().map(|i| (i.id, i.group, i.severity)))
}

/// Which codes an office wants to see: like ruff's `--select` / `--ignore`, each entry a code
/// (`TEXT-FEES`) or a prefix of codes ending at a hyphen (`TEXT`, `T3`, `IMPORT`), or `ALL`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Selection {
    select: Vec<String>,
    ignore: Vec<String>,
}

/// A `--select` or `--ignore` entry that names no code.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{zh}")]
pub struct UnknownCode {
    /// The entry as given.
    pub given: String,
    /// The message in Chinese.
    pub zh: String,
    /// The message in English.
    pub en: String,
}

impl UnknownCode {
    /// The message in the given language.
    pub fn message(&self, lang: Lang) -> &str {
        match lang {
            Lang::Zh => &self.zh,
            Lang::En => &self.en,
        }
    }
}

fn matches(entry: &str, id: &str) -> bool {
    entry == "ALL"
        || id == entry
        || (id.len() > entry.len() && id.starts_with(entry) && id[entry.len()..].starts_with('-'))
}

impl Selection {
    /// Every code (the default).
    pub fn all() -> Selection {
        Selection::default()
    }

    /// A selection from the entries of `--select` and `--ignore` (case-insensitive; entries may
    /// also be separated by commas). Every entry must name at least one code.
    pub fn new<S: AsRef<str>>(select: &[S], ignore: &[S]) -> Result<Selection, UnknownCode> {
        let parse = |list: &[S]| -> Result<Vec<String>, UnknownCode> {
            let mut out = Vec::new();
            for entry in list {
                for part in entry.as_ref().split([',', '，', ' ']) {
                    let e = part.trim().to_ascii_uppercase();
                    if e.is_empty() {
                        continue;
                    }
                    if !all_codes().any(|(id, _, _)| matches(&e, id)) {
                        // Codes of the same family, the most alike first.
                        let mut close: Vec<(usize, &str)> = all_codes()
                            .map(|(id, _, _)| id)
                            .filter(|id| id.split('-').next() == e.split('-').next())
                            .map(|id| {
                                let common = id
                                    .chars()
                                    .zip(e.chars())
                                    .take_while(|(a, b)| a == b)
                                    .count();
                                (common, id)
                            })
                            .collect();
                        close.sort_by_key(|(common, _)| std::cmp::Reverse(*common));
                        let close: Vec<&str> =
                            close.into_iter().take(4).map(|(_, id)| id).collect();
                        let hint_zh = if close.is_empty() {
                            "运行 zfxxgk rules 可列出全部代码".to_string()
                        } else {
                            format!("相近的代码：{}", close.join("、"))
                        };
                        let hint_en = if close.is_empty() {
                            "`zfxxgk rules` lists every code".to_string()
                        } else {
                            format!("codes close to it: {}", close.join(", "))
                        };
                        return Err(UnknownCode {
                            zh: format!("没有代码为“{}”的规则（{hint_zh}）。", part.trim()),
                            en: format!("no rule has the code “{}” ({hint_en}).", part.trim()),
                            given: part.trim().to_string(),
                        });
                    }
                    out.push(e);
                }
            }
            Ok(out)
        };
        Ok(Selection {
            select: parse(select)?,
            ignore: parse(ignore)?,
        })
    }

    /// Whether findings and issues with this code are shown.
    pub fn allows(&self, id: &str) -> bool {
        (self.select.is_empty() || self.select.iter().any(|e| matches(e, id)))
            && !self.ignore.iter().any(|e| matches(e, id))
    }

    /// Whether a rule of the checker runs.
    pub fn runs(&self, code: Code) -> bool {
        self.allows(code.as_str())
    }

    /// Whether every code is shown.
    pub fn is_all(&self) -> bool {
        self.select.is_empty() && self.ignore.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_are_unique() {
        let ids: Vec<&str> = all_codes().map(|(id, _, _)| id).collect();
        for (i, a) in ids.iter().enumerate() {
            assert!(!ids[i + 1..].contains(a), "{a} twice");
        }
    }

    #[test]
    fn selection_by_code_and_prefix() {
        let s = Selection::new(&["text", "T3-BALANCE"], &["TEXT-FEES"]).unwrap();
        assert!(s.allows("TEXT-APPLICATIONS"));
        assert!(!s.allows("TEXT-FEES"));
        assert!(s.allows("T3-BALANCE"));
        assert!(!s.allows("T3-ROW-TOTAL"));
        assert!(!s.allows("VALUE-MISSING"));
        let s = Selection::new::<&str>(&[], &["DOC,XYEAR-COPIED"]).unwrap();
        assert!(s.allows("T4-TOTAL"));
        assert!(!s.allows("DOC-FEES"));
        assert!(!s.allows("XYEAR-COPIED"));
        assert!(s.allows("XYEAR-CARRIED"));
        // A prefix ends at a hyphen: `T` is not `T3`.
        let e = Selection::new(&["T"], &[]).unwrap_err();
        assert_eq!(e.given, "T");
        assert!(e.zh.contains("没有代码为“T”的规则"), "{}", e.zh);
        let e = Selection::new(&["TEXT-FEE"], &[]).unwrap_err();
        assert!(e.zh.contains("TEXT-FEES"), "{}", e.zh);
        assert!(
            Selection::new(&["ALL"], &["VALUE-MISSING"])
                .unwrap()
                .allows("T4-TOTAL")
        );
    }
}
