//! The layout catalog: every section, table, block, header, row and column of the annual report,
//! with stable ids, the verbatim official Chinese labels and the printed structure.
//!
//! This module is the single source of truth. The rules, the readers and writers of every format,
//! the generated docs and the CSV columns all derive from it; nothing else spells a label or a
//! position of its own.
//!
//! # Printed structure
//!
//! A table is a list of [`Block`]s printed one under the other. A block has an optional caption row
//! (table 二's `第二十条第（一）项` …), a header made of its columns' labels, and a body of rows.
//!
//! Header and stub (label column) structure are described as trees by *paths*: a column whose
//! [`Column::path`] is `["申请人情况", "法人或其他组织"]` prints under a cell `申请人情况` spanning every
//! column with that first path element, then under `法人或其他组织`, then its own label. A label whose
//! path is shorter than the deepest one is merged down (columns) or right (rows) to fill the gap. Rows
//! use the same rule for the label columns on the left (table 三's `三、本年度办理结果` and `（三）不予公开`).
//!
//! [`Arrangement::Inline`] blocks (table 四) print all their rows side by side in one printed row: the
//! header above each value is `row.path + row.label + column.path + column.label`.

use std::collections::HashMap;
use std::fmt;
use std::sync::LazyLock;

/// An edition of the official format.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize, serde::Deserialize,
)]
pub enum Edition {
    /// 国办公开办函〔2021〕30号, used from report year 2021 on.
    #[serde(rename = "2021")]
    V2021,
    /// 国办公开办函〔2019〕60号, the trial format of report years 2019 and 2020.
    #[serde(rename = "2019")]
    V2019,
}

impl Edition {
    /// Every edition, newest first.
    pub const ALL: [Edition; 2] = [Edition::V2021, Edition::V2019];

    /// The short stable name used in files: `"2021"` or `"2019"`.
    pub fn as_str(self) -> &'static str {
        match self {
            Edition::V2021 => "2021",
            Edition::V2019 => "2019",
        }
    }

    /// Parses `"2021"` / `"2019"` (and the document numbers).
    pub fn parse(s: &str) -> Option<Edition> {
        let s = s.trim();
        match s {
            "2021" | "V2021" | "国办公开办函〔2021〕30号" => Some(Edition::V2021),
            "2019" | "V2019" | "国办公开办函〔2019〕60号" => Some(Edition::V2019),
            _ => None,
        }
    }

    /// The document that fixed the edition.
    pub fn document(self) -> &'static str {
        match self {
            Edition::V2021 => "国办公开办函〔2021〕30号",
            Edition::V2019 => "国办公开办函〔2019〕60号",
        }
    }

    /// The report years the edition is meant for (inclusive start, open end for the current one).
    pub fn years(self) -> (i32, Option<i32>) {
        match self {
            Edition::V2021 => (2021, None),
            Edition::V2019 => (2019, Some(2020)),
        }
    }

    /// The edition a report of this year should use.
    pub fn for_year(year: i32) -> Edition {
        if year <= 2020 {
            Edition::V2019
        } else {
            Edition::V2021
        }
    }

    /// The layout catalog of the edition.
    pub fn layout(self) -> &'static Layout {
        match self {
            Edition::V2021 => &LAYOUT_2021,
            Edition::V2019 => &LAYOUT_2019,
        }
    }
}

impl fmt::Display for Edition {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// What a numeric cell holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ValueKind {
    /// A whole count (件, 项, 个).
    Count,
    /// Money in 万元 (10,000 yuan); may have decimals.
    Amount,
    /// A whole number that may be negative (the 2019 edition's 本年增/减).
    SignedCount,
}

/// The part a row plays in the consistency rules.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum RowRole {
    /// No arithmetic role.
    Plain,
    /// Table 三 一、本年新收: applications received this year (handled with those carried over).
    New,
    /// Table 三 二、上年结转: applications carried over from last year (last year's
    /// [`RowRole::CarriedForward`]).
    CarriedOver,
    /// Table 三: one of the result rows （一）…（六）.
    Result,
    /// Table 三 （七）总计: the sum of the result rows.
    ResultsTotal,
    /// Table 三 四、结转下年度继续办理.
    CarriedForward,
}

/// The part a column plays in the consistency rules.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ColumnRole {
    /// No arithmetic role.
    Plain,
    /// A part of the row's total.
    Part,
    /// The row's total (总计).
    Total,
    /// Table 二: documents issued this year (本年制发件数), a flow into [`ColumnRole::InForce`].
    Issued,
    /// Table 二: documents repealed this year (本年废止件数), a flow out of [`ColumnRole::InForce`].
    Repealed,
    /// Table 二: documents in force (现行有效件数): last year's stock + issued − repealed.
    InForce,
}

impl RowRole {
    /// Applications to be handled this year: new and carried over (the left side of the note
    /// over table 三).
    pub fn is_intake(self) -> bool {
        matches!(self, RowRole::New | RowRole::CarriedOver)
    }
}

/// How the rows of a block are printed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Arrangement {
    /// One printed row per row, one printed column per column.
    Grid,
    /// All rows side by side in one printed row (table 四).
    Inline,
}

/// A column of a block.
#[derive(Debug, Clone, Copy)]
pub struct Column {
    /// Stable id, unique within the table (`natural_person`).
    pub id: &'static str,
    /// The official label, verbatim (`自然人`).
    pub label: &'static str,
    /// English label, for `--lang en`.
    pub en: &'static str,
    /// The header groups above the label, outermost first.
    pub path: &'static [&'static str],
    /// Role in the rules.
    pub role: ColumnRole,
    /// Kind of the values in this column.
    pub kind: ValueKind,
}

/// A row of a block.
#[derive(Debug, Clone, Copy)]
pub struct Row {
    /// Stable id, unique within the table (`carried_over`).
    pub id: &'static str,
    /// The official label, verbatim (`二、上年结转政府信息公开申请数量`).
    pub label: &'static str,
    /// A short Chinese name used in messages (`上年结转`).
    pub short: &'static str,
    /// English label, for `--lang en`.
    pub en: &'static str,
    /// The label groups to the left of the label, outermost first.
    pub path: &'static [&'static str],
    /// Role in the rules.
    pub role: RowRole,
}

/// A block of a table: caption, header and rows.
#[derive(Debug)]
pub struct Block {
    /// The caption row above the block (`第二十条第（一）项`).
    pub caption: Option<&'static str>,
    /// The text of the top-left corner, over the label columns (`信息内容`, or table 三's note).
    pub corner: Option<&'static str>,
    /// Columns, in printed order.
    pub columns: &'static [Column],
    /// Rows, in printed order.
    pub rows: &'static [Row],
    /// How rows are printed.
    pub arrangement: Arrangement,
    /// The report years the block is printed for, when not all the edition's years (the 2019
    /// edition's 第二十条第（九）项 is printed in reports for 2019 only).
    pub years: Option<(i32, i32)>,
}

impl Block {
    /// Whether the block belongs in a report of this year (unknown year: yes).
    pub fn applies_to(&self, year: Option<i32>) -> bool {
        match (self.years, year) {
            (Some((first, last)), Some(y)) => (first..=last).contains(&y),
            _ => true,
        }
    }

    /// Number of label columns on the left (0 for an inline block).
    pub fn stub_width(&self) -> usize {
        match self.arrangement {
            Arrangement::Grid => self
                .rows
                .iter()
                .map(|r| r.path.len() + 1)
                .max()
                .unwrap_or(0),
            Arrangement::Inline => 0,
        }
    }

    /// Number of header rows.
    pub fn header_depth(&self) -> usize {
        let col_depth = self
            .columns
            .iter()
            .map(|c| c.path.len() + 1)
            .max()
            .unwrap_or(0);
        match self.arrangement {
            Arrangement::Grid => col_depth,
            Arrangement::Inline => {
                self.rows
                    .iter()
                    .map(|r| r.path.len() + 1)
                    .max()
                    .unwrap_or(0)
                    + col_depth
            }
        }
    }

    /// The header labels above each printed value column, outermost first, in printed order.
    ///
    /// For a grid block there is one entry per column; for an inline block one per (row, column).
    /// Labels are shorter than [`Block::header_depth`] where a label is merged down.
    pub fn header_paths(&self) -> Vec<Vec<&'static str>> {
        match self.arrangement {
            Arrangement::Grid => self
                .columns
                .iter()
                .map(|c| c.path.iter().copied().chain([c.label]).collect())
                .collect(),
            Arrangement::Inline => self
                .rows
                .iter()
                .flat_map(|r| {
                    self.columns.iter().map(move |c| {
                        r.path
                            .iter()
                            .copied()
                            .chain([r.label])
                            .chain(c.path.iter().copied())
                            .chain([c.label])
                            .collect()
                    })
                })
                .collect(),
        }
    }
}

/// One of the three tables.
#[derive(Debug)]
pub struct Table {
    /// Stable id (`applications`).
    pub id: &'static str,
    /// The section number it belongs to (`三`).
    pub no: &'static str,
    /// How messages name it (`表三`).
    pub short: &'static str,
    /// English name used in messages (`Table 3`).
    pub en: &'static str,
    /// Blocks, in printed order.
    pub blocks: &'static [Block],
}

impl Table {
    /// The section this table is printed in.
    pub fn section(&self, layout: &Layout) -> &'static Section {
        layout
            .sections
            .iter()
            .find(|s| s.table == Some(self.id))
            .expect("every table belongs to a section")
    }

    /// Finds a row by id.
    pub fn row(&self, id: &str) -> Option<&'static Row> {
        self.blocks
            .iter()
            .flat_map(|b| b.rows.iter())
            .find(|r| r.id == id)
    }
}

/// One of the six sections of the report.
#[derive(Debug, Clone, Copy)]
pub struct Section {
    /// Stable id (`overview`).
    pub id: &'static str,
    /// The section number, as printed (`一`).
    pub no: &'static str,
    /// The official heading, verbatim (`总体情况`).
    pub heading: &'static str,
    /// Other headings seen in published reports, accepted on import.
    pub variants: &'static [&'static str],
    /// English heading.
    pub en: &'static str,
    /// The table printed in this section, if any.
    pub table: Option<&'static str>,
}

/// One numeric cell of the report: a (table, row, column) that exists in the layout.
#[derive(Debug)]
pub struct Cell {
    /// Position in [`Layout::cells`]; reports store values in this order.
    pub index: usize,
    /// Stable id `table.row.column`.
    pub id: &'static str,
    /// The table.
    pub table: &'static Table,
    /// Index of the block within the table.
    pub block: usize,
    /// The row.
    pub row: &'static Row,
    /// The column.
    pub column: &'static Column,
}

impl Cell {
    /// The kind of value the cell holds.
    pub fn kind(&self) -> ValueKind {
        self.column.kind
    }

    /// The block the cell is printed in.
    pub fn block(&self) -> &'static Block {
        &self.table.blocks[self.block]
    }

    /// Human name of the cell: `表三“一、本年新收政府信息公开申请数量”行“自然人”列`.
    pub fn describe(&self, lang: crate::Lang) -> String {
        match lang {
            crate::Lang::Zh => match self.block().arrangement {
                Arrangement::Inline => {
                    format!(
                        "{}“{}”“{}”",
                        self.table.short, self.row.label, self.column.label
                    )
                }
                Arrangement::Grid if self.block().columns.len() == 1 => {
                    format!("{}“{}”", self.table.short, self.row.label)
                }
                Arrangement::Grid => format!(
                    "{}“{}”行“{}”列",
                    self.table.short, self.row.label, self.column.label
                ),
            },
            crate::Lang::En => {
                format!("{} “{}” / “{}”", self.table.en, self.row.en, self.column.en)
            }
        }
    }
}

/// The catalog of one edition.
#[derive(Debug)]
pub struct Layout {
    /// The edition.
    pub edition: Edition,
    /// The six sections, in order.
    pub sections: &'static [Section],
    /// The three tables, in order.
    pub tables: &'static [Table],
    cells: Vec<Cell>,
    by_id: HashMap<&'static str, usize>,
}

impl Layout {
    fn build(edition: Edition, sections: &'static [Section], tables: &'static [Table]) -> Layout {
        let mut cells = Vec::new();
        for table in tables {
            for (b, block) in table.blocks.iter().enumerate() {
                for row in block.rows {
                    for column in block.columns {
                        let id: &'static str = Box::leak(
                            format!("{}.{}.{}", table.id, row.id, column.id).into_boxed_str(),
                        );
                        cells.push(Cell {
                            index: cells.len(),
                            id,
                            table,
                            block: b,
                            row,
                            column,
                        });
                    }
                }
            }
        }
        let by_id = cells.iter().map(|c| (c.id, c.index)).collect();
        Layout {
            edition,
            sections,
            tables,
            cells,
            by_id,
        }
    }

    /// Every numeric cell, in printed order.
    pub fn cells(&self) -> &[Cell] {
        &self.cells
    }

    /// Looks a cell up by its stable id.
    pub fn cell(&self, id: &str) -> Option<&Cell> {
        self.by_id.get(id).map(|&i| &self.cells[i])
    }

    /// Looks a cell up by table, row and column id.
    pub fn cell_at(&self, table: &str, row: &str, column: &str) -> Option<&Cell> {
        self.cells
            .iter()
            .find(|c| c.table.id == table && c.row.id == row && c.column.id == column)
    }

    /// Looks a table up by id.
    pub fn table(&self, id: &str) -> Option<&'static Table> {
        self.tables.iter().find(|t| t.id == id)
    }

    /// Looks a section up by id.
    pub fn section(&self, id: &str) -> Option<&'static Section> {
        self.sections.iter().find(|s| s.id == id)
    }

    /// The cells of one table, in printed order.
    pub fn table_cells<'a>(&'a self, table: &'a str) -> impl Iterator<Item = &'a Cell> + 'a {
        self.cells.iter().filter(move |c| c.table.id == table)
    }
}

/// Other spellings of row labels seen in the wild, as (official label, variant). Matching is
/// symmetric: either spelling finds either row.
pub const LABEL_ALIASES: &[(&str, &str)] = &[("行政规范性文件", "规范性文件")];

/// The note printed in the top-left corner of table 三.
pub const APPLICATIONS_NOTE: &str =
    "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）";

const NO_PATH: &[&str] = &[];

macro_rules! col {
    ($id:literal, $label:literal, $en:literal) => {
        col!(
            $id,
            $label,
            $en,
            NO_PATH,
            ColumnRole::Plain,
            ValueKind::Count
        )
    };
    ($id:literal, $label:literal, $en:literal, $path:expr, $role:expr) => {
        col!($id, $label, $en, $path, $role, ValueKind::Count)
    };
    ($id:literal, $label:literal, $en:literal, $path:expr, $role:expr, $kind:expr) => {
        Column {
            id: $id,
            label: $label,
            en: $en,
            path: $path,
            role: $role,
            kind: $kind,
        }
    };
}

macro_rules! row {
    ($id:literal, $label:literal, $short:literal, $en:literal) => {
        row!($id, $label, $short, $en, NO_PATH, RowRole::Plain)
    };
    ($id:literal, $label:literal, $short:literal, $en:literal, $path:expr, $role:expr) => {
        Row {
            id: $id,
            label: $label,
            short: $short,
            en: $en,
            path: $path,
            role: $role,
        }
    };
}

// ---------------------------------------------------------------------------------------------
// 2021 edition
// ---------------------------------------------------------------------------------------------

const INFO: Option<&str> = Some("信息内容");

const SECTIONS_2021: &[Section] = &[
    Section {
        id: "overview",
        no: "一",
        heading: "总体情况",
        variants: &[],
        en: "Overview",
        table: None,
    },
    Section {
        id: "disclosure",
        no: "二",
        heading: "主动公开政府信息情况",
        variants: &[],
        en: "Proactive disclosure",
        table: Some("disclosure"),
    },
    Section {
        id: "applications",
        no: "三",
        heading: "收到和处理政府信息公开申请情况",
        variants: &[],
        en: "Applications received and handled",
        table: Some("applications"),
    },
    Section {
        id: "appeals",
        no: "四",
        heading: "政府信息公开行政复议、行政诉讼情况",
        variants: &[
            "政府信息公开行政复议及行政诉讼情况",
            "因政府信息公开工作被申请行政复议、提起行政诉讼情况",
        ],
        en: "Administrative review and litigation",
        table: Some("appeals"),
    },
    Section {
        id: "problems",
        no: "五",
        heading: "存在的主要问题及改进情况",
        variants: &[
            "存在问题及改进情况",
            "政府信息公开工作存在的主要问题及改进情况",
        ],
        en: "Main problems and improvements",
        table: None,
    },
    Section {
        id: "other",
        no: "六",
        heading: "其他需要报告的事项",
        variants: &["其他事项"],
        en: "Other matters",
        table: None,
    },
];

const DISCLOSURE_2021: Table = Table {
    id: "disclosure",
    no: "二",
    short: "表二",
    en: "Table 2",
    blocks: &[
        Block {
            caption: Some("第二十条第（一）项"),
            corner: INFO,
            columns: &[
                col!(
                    "issued",
                    "本年制发件数",
                    "issued this year",
                    NO_PATH,
                    ColumnRole::Issued
                ),
                col!(
                    "repealed",
                    "本年废止件数",
                    "repealed this year",
                    NO_PATH,
                    ColumnRole::Repealed
                ),
                col!(
                    "in_force",
                    "现行有效件数",
                    "in force",
                    NO_PATH,
                    ColumnRole::InForce
                ),
            ],
            rows: &[
                row!("regulations", "规章", "规章", "Regulations"),
                row!(
                    "normative_documents",
                    "行政规范性文件",
                    "行政规范性文件",
                    "Normative documents"
                ),
            ],
            arrangement: Arrangement::Grid,
            years: None,
        },
        Block {
            caption: Some("第二十条第（五）项"),
            corner: INFO,
            columns: &[col!("decisions", "本年处理决定数量", "decisions this year")],
            rows: &[row!(
                "licensing",
                "行政许可",
                "行政许可",
                "Administrative licensing"
            )],
            arrangement: Arrangement::Grid,
            years: None,
        },
        Block {
            caption: Some("第二十条第（六）项"),
            corner: INFO,
            columns: &[col!("decisions", "本年处理决定数量", "decisions this year")],
            rows: &[
                row!(
                    "penalty",
                    "行政处罚",
                    "行政处罚",
                    "Administrative penalties"
                ),
                row!(
                    "coercion",
                    "行政强制",
                    "行政强制",
                    "Administrative coercion"
                ),
            ],
            arrangement: Arrangement::Grid,
            years: None,
        },
        Block {
            caption: Some("第二十条第（八）项"),
            corner: INFO,
            columns: &[col!(
                "amount",
                "本年收费金额（单位：万元）",
                "fees charged this year (10,000 yuan)",
                NO_PATH,
                ColumnRole::Plain,
                ValueKind::Amount
            )],
            rows: &[row!(
                "fees",
                "行政事业性收费",
                "行政事业性收费",
                "Administrative fees"
            )],
            arrangement: Arrangement::Grid,
            years: None,
        },
    ],
};

const APPLICANTS: &[&str] = &["申请人情况"];
const ORGS: &[&str] = &["申请人情况", "法人或其他组织"];

const APPLICANT_COLUMNS: &[Column] = &[
    col!(
        "natural_person",
        "自然人",
        "natural persons",
        APPLICANTS,
        ColumnRole::Part
    ),
    col!(
        "commercial",
        "商业企业",
        "commercial enterprises",
        ORGS,
        ColumnRole::Part
    ),
    col!(
        "research",
        "科研机构",
        "research institutions",
        ORGS,
        ColumnRole::Part
    ),
    col!(
        "social_welfare",
        "社会公益组织",
        "social welfare organisations",
        ORGS,
        ColumnRole::Part
    ),
    col!(
        "legal_service",
        "法律服务机构",
        "legal service institutions",
        ORGS,
        ColumnRole::Part
    ),
    col!(
        "other_org",
        "其他",
        "other organisations",
        ORGS,
        ColumnRole::Part
    ),
    col!("total", "总计", "total", NO_PATH, ColumnRole::Total),
];

const RESULTS: &[&str] = &["三、本年度办理结果"];
const DENIED: &[&str] = &["三、本年度办理结果", "（三）不予公开"];
const UNAVAILABLE: &[&str] = &["三、本年度办理结果", "（四）无法提供"];
const REJECTED: &[&str] = &["三、本年度办理结果", "（五）不予处理"];
const OTHER_2021: &[&str] = &["三、本年度办理结果", "（六）其他处理"];

macro_rules! result_rows_head {
    () => {
        [
            row!("new", "一、本年新收政府信息公开申请数量", "本年新收", "new applications this year", NO_PATH, RowRole::New),
            row!("carried_over", "二、上年结转政府信息公开申请数量", "上年结转", "carried over from last year", NO_PATH, RowRole::CarriedOver),
            row!("granted", "（一）予以公开", "予以公开", "granted", RESULTS, RowRole::Result),
            row!("partly_granted", "（二）部分公开（区分处理的，只计这一情形，不计其他情形）", "部分公开", "partly granted", RESULTS, RowRole::Result),
            row!("denied_state_secret", "1.属于国家秘密", "不予公开—属于国家秘密", "denied: state secret", DENIED, RowRole::Result),
            row!("denied_prohibited", "2.其他法律行政法规禁止公开", "不予公开—其他法律行政法规禁止公开", "denied: prohibited by other laws", DENIED, RowRole::Result),
            row!("denied_security", "3.危及“三安全一稳定”", "不予公开—危及“三安全一稳定”", "denied: endangers security or stability", DENIED, RowRole::Result),
            row!("denied_third_party", "4.保护第三方合法权益", "不予公开—保护第三方合法权益", "denied: third-party rights", DENIED, RowRole::Result),
            row!("denied_internal", "5.属于三类内部事务信息", "不予公开—属于三类内部事务信息", "denied: internal affairs", DENIED, RowRole::Result),
            row!("denied_process", "6.属于四类过程性信息", "不予公开—属于四类过程性信息", "denied: process information", DENIED, RowRole::Result),
            row!("denied_enforcement", "7.属于行政执法案卷", "不予公开—属于行政执法案卷", "denied: enforcement files", DENIED, RowRole::Result),
            row!("denied_query", "8.属于行政查询事项", "不予公开—属于行政查询事项", "denied: administrative enquiry", DENIED, RowRole::Result),
            row!("unavailable_not_held", "1.本机关不掌握相关政府信息", "无法提供—本机关不掌握相关政府信息", "unavailable: not held", UNAVAILABLE, RowRole::Result),
            row!("unavailable_needs_creation", "2.没有现成信息需要另行制作", "无法提供—没有现成信息需要另行制作", "unavailable: would need creating", UNAVAILABLE, RowRole::Result),
            row!("unavailable_unclear", "3.补正后申请内容仍不明确", "无法提供—补正后申请内容仍不明确", "unavailable: still unclear", UNAVAILABLE, RowRole::Result),
            row!("rejected_petition", "1.信访举报投诉类申请", "不予处理—信访举报投诉类申请", "not handled: petitions and complaints", REJECTED, RowRole::Result),
            row!("rejected_duplicate", "2.重复申请", "不予处理—重复申请", "not handled: duplicate", REJECTED, RowRole::Result),
            row!("rejected_publication", "3.要求提供公开出版物", "不予处理—要求提供公开出版物", "not handled: publications", REJECTED, RowRole::Result),
            row!("rejected_excessive", "4.无正当理由大量反复申请", "不予处理—无正当理由大量反复申请", "not handled: excessive", REJECTED, RowRole::Result),
            row!("rejected_confirmation", "5.要求行政机关确认或重新出具已获取信息", "不予处理—要求行政机关确认或重新出具已获取信息", "not handled: confirmation of information held", REJECTED, RowRole::Result),
        ]
    };
}

const APPLICATION_ROWS_2021: &[Row] = &{
    let head = result_rows_head!();
    [
        head[0],
        head[1],
        head[2],
        head[3],
        head[4],
        head[5],
        head[6],
        head[7],
        head[8],
        head[9],
        head[10],
        head[11],
        head[12],
        head[13],
        head[14],
        head[15],
        head[16],
        head[17],
        head[18],
        head[19],
        row!(
            "other_no_correction",
            "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请",
            "其他处理—逾期不补正",
            "other: no correction in time",
            OTHER_2021,
            RowRole::Result
        ),
        row!(
            "other_fee_unpaid",
            "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请",
            "其他处理—逾期未缴费",
            "other: fee not paid in time",
            OTHER_2021,
            RowRole::Result
        ),
        row!(
            "other_other",
            "3.其他",
            "其他处理—其他",
            "other: other",
            OTHER_2021,
            RowRole::Result
        ),
        row!(
            "results_total",
            "（七）总计",
            "办理结果总计",
            "results total",
            RESULTS,
            RowRole::ResultsTotal
        ),
        row!(
            "carried_forward",
            "四、结转下年度继续办理",
            "结转下年度",
            "carried forward to next year",
            NO_PATH,
            RowRole::CarriedForward
        ),
    ]
};

const APPLICATIONS_2021: Table = Table {
    id: "applications",
    no: "三",
    short: "表三",
    en: "Table 3",
    blocks: &[Block {
        caption: None,
        corner: Some(APPLICATIONS_NOTE),
        columns: APPLICANT_COLUMNS,
        rows: APPLICATION_ROWS_2021,
        arrangement: Arrangement::Grid,
        years: None,
    }],
};

const APPEAL_COLUMNS: &[Column] = &[
    col!("upheld", "结果维持", "upheld", NO_PATH, ColumnRole::Part),
    col!(
        "corrected",
        "结果纠正",
        "corrected",
        NO_PATH,
        ColumnRole::Part
    ),
    col!(
        "other",
        "其他结果",
        "other result",
        NO_PATH,
        ColumnRole::Part
    ),
    col!("pending", "尚未审结", "pending", NO_PATH, ColumnRole::Part),
    col!("total", "总计", "total", NO_PATH, ColumnRole::Total),
];

const LITIGATION: &[&str] = &["行政诉讼"];

const APPEALS: Table = Table {
    id: "appeals",
    no: "四",
    short: "表四",
    en: "Table 4",
    blocks: &[Block {
        caption: None,
        corner: None,
        columns: APPEAL_COLUMNS,
        rows: &[
            row!("review", "行政复议", "行政复议", "administrative review"),
            row!(
                "litigation_direct",
                "未经复议直接起诉",
                "行政诉讼—未经复议直接起诉",
                "litigation without prior review",
                LITIGATION,
                RowRole::Plain
            ),
            row!(
                "litigation_after_review",
                "复议后起诉",
                "行政诉讼—复议后起诉",
                "litigation after review",
                LITIGATION,
                RowRole::Plain
            ),
        ],
        arrangement: Arrangement::Inline,
        years: None,
    }],
};

const TABLES_2021: &[Table] = &[DISCLOSURE_2021, APPLICATIONS_2021, APPEALS];

// ---------------------------------------------------------------------------------------------
// 2019 trial edition (report years 2019 and 2020)
// ---------------------------------------------------------------------------------------------

const SECTIONS_2019: &[Section] = &[
    SECTIONS_2021[0],
    SECTIONS_2021[1],
    SECTIONS_2021[2],
    SECTIONS_2021[3],
    Section {
        id: "problems",
        no: "五",
        heading: "政府信息公开工作存在的主要问题及改进情况",
        variants: &["存在的主要问题及改进情况", "存在问题及改进情况"],
        en: "Main problems and improvements",
        table: None,
    },
    SECTIONS_2021[5],
];

const PROJECT_COLUMNS_2019: &[Column] = &[
    col!("previous_items", "上一年项目数量", "items last year"),
    col!(
        "change",
        "本年增/减",
        "change this year",
        NO_PATH,
        ColumnRole::Plain,
        ValueKind::SignedCount
    ),
    col!("decisions", "处理决定数量", "decisions"),
];

const DISCLOSURE_2019: Table = Table {
    id: "disclosure",
    no: "二",
    short: "表二",
    en: "Table 2",
    blocks: &[
        Block {
            caption: Some("第二十条第（一）项"),
            corner: INFO,
            columns: &[
                col!("made", "本年新制作数量", "newly made this year"),
                col!("published", "本年新公开数量", "newly published this year"),
                col!("total_published", "对外公开总数量", "published in total"),
            ],
            rows: &[
                row!("regulations", "规章", "规章", "Regulations"),
                row!(
                    "normative_documents",
                    "规范性文件",
                    "规范性文件",
                    "Normative documents"
                ),
            ],
            arrangement: Arrangement::Grid,
            years: None,
        },
        Block {
            caption: Some("第二十条第（五）项"),
            corner: INFO,
            columns: PROJECT_COLUMNS_2019,
            rows: &[
                row!(
                    "licensing",
                    "行政许可",
                    "行政许可",
                    "Administrative licensing"
                ),
                row!(
                    "other_services",
                    "其他对外管理服务事项",
                    "其他对外管理服务事项",
                    "Other external management services"
                ),
            ],
            arrangement: Arrangement::Grid,
            years: None,
        },
        Block {
            caption: Some("第二十条第（六）项"),
            corner: INFO,
            columns: PROJECT_COLUMNS_2019,
            rows: &[
                row!(
                    "penalty",
                    "行政处罚",
                    "行政处罚",
                    "Administrative penalties"
                ),
                row!(
                    "coercion",
                    "行政强制",
                    "行政强制",
                    "Administrative coercion"
                ),
            ],
            arrangement: Arrangement::Grid,
            years: None,
        },
        Block {
            caption: Some("第二十条第（八）项"),
            corner: INFO,
            columns: &[
                col!("previous_items", "上一年项目数量", "items last year"),
                col!(
                    "change",
                    "本年增/减",
                    "change this year",
                    NO_PATH,
                    ColumnRole::Plain,
                    ValueKind::SignedCount
                ),
            ],
            rows: &[row!(
                "fees",
                "行政事业性收费",
                "行政事业性收费",
                "Administrative fees"
            )],
            arrangement: Arrangement::Grid,
            years: None,
        },
        Block {
            caption: Some("第二十条第（九）项"),
            corner: INFO,
            columns: &[
                col!("items", "采购项目数量", "procurement items"),
                col!(
                    "amount",
                    "采购总金额",
                    "procurement amount",
                    NO_PATH,
                    ColumnRole::Plain,
                    ValueKind::Amount
                ),
            ],
            rows: &[row!(
                "procurement",
                "政府集中采购",
                "政府集中采购",
                "Centralised government procurement"
            )],
            arrangement: Arrangement::Grid,
            years: Some((2019, 2019)),
        },
    ],
};

const APPLICATION_ROWS_2019: &[Row] = &{
    let head = result_rows_head!();
    [
        head[0],
        head[1],
        head[2],
        head[3],
        head[4],
        head[5],
        head[6],
        head[7],
        head[8],
        head[9],
        head[10],
        head[11],
        head[12],
        head[13],
        head[14],
        head[15],
        head[16],
        head[17],
        head[18],
        head[19],
        row!(
            "other",
            "（六）其他处理",
            "其他处理",
            "other handling",
            RESULTS,
            RowRole::Result
        ),
        row!(
            "results_total",
            "（七）总计",
            "办理结果总计",
            "results total",
            RESULTS,
            RowRole::ResultsTotal
        ),
        row!(
            "carried_forward",
            "四、结转下年度继续办理",
            "结转下年度",
            "carried forward to next year",
            NO_PATH,
            RowRole::CarriedForward
        ),
    ]
};

const APPLICATIONS_2019: Table = Table {
    id: "applications",
    no: "三",
    short: "表三",
    en: "Table 3",
    blocks: &[Block {
        caption: None,
        corner: Some(APPLICATIONS_NOTE),
        columns: APPLICANT_COLUMNS,
        rows: APPLICATION_ROWS_2019,
        arrangement: Arrangement::Grid,
        years: None,
    }],
};

const TABLES_2019: &[Table] = &[DISCLOSURE_2019, APPLICATIONS_2019, APPEALS];

static LAYOUT_2021: LazyLock<Layout> =
    LazyLock::new(|| Layout::build(Edition::V2021, SECTIONS_2021, TABLES_2021));
static LAYOUT_2019: LazyLock<Layout> =
    LazyLock::new(|| Layout::build(Edition::V2019, SECTIONS_2019, TABLES_2019));

/// Markers that identify the 2019 trial edition in a document (see the spec).
pub const MARKERS_2019: &[&str] = &[
    "本年新制作数量",
    "对外公开总数量",
    "其他对外管理服务事项",
    "政府集中采购",
    "上一年项目数量",
];
/// Markers that identify the 2021 edition in a document.
pub const MARKERS_2021: &[&str] = &["本年制发件数", "本年收费金额（单位：万元）", "本年废止件数"];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_2021_layout_has_200_cells_with_unique_ids() {
        let layout = Edition::V2021.layout();
        assert_eq!(layout.cells().len(), 200);
        assert_eq!(layout.table_cells("disclosure").count(), 10);
        assert_eq!(layout.table_cells("applications").count(), 175);
        assert_eq!(layout.table_cells("appeals").count(), 15);
        let ids: std::collections::HashSet<_> = layout.cells().iter().map(|c| c.id).collect();
        assert_eq!(ids.len(), 200);
        assert_eq!(
            layout
                .cell("applications.denied_security.total")
                .unwrap()
                .row
                .label,
            "3.危及“三安全一稳定”"
        );
        assert_eq!(
            layout.cell("disclosure.fees.amount").unwrap().kind(),
            ValueKind::Amount
        );
    }

    #[test]
    fn the_2019_layout_differs_where_the_spec_says() {
        let layout = Edition::V2019.layout();
        assert_eq!(layout.table_cells("applications").count(), 23 * 7);
        assert!(layout.cell("applications.other.total").is_some());
        assert!(layout.cell("applications.other_other.total").is_none());
        assert!(layout.cell("disclosure.procurement.amount").is_some());
        assert_eq!(layout.table_cells("appeals").count(), 15);
    }

    #[test]
    fn printed_structure_of_table_three_and_four() {
        let apps = Edition::V2021.layout().table("applications").unwrap();
        assert_eq!(apps.blocks[0].stub_width(), 3);
        assert_eq!(apps.blocks[0].header_depth(), 3);
        let appeals = Edition::V2021.layout().table("appeals").unwrap();
        assert_eq!(appeals.blocks[0].header_depth(), 3);
        let paths = appeals.blocks[0].header_paths();
        assert_eq!(paths.len(), 15);
        assert_eq!(paths[0], vec!["行政复议", "结果维持"]);
        assert_eq!(paths[5], vec!["行政诉讼", "未经复议直接起诉", "结果维持"]);
    }
}

impl PartialEq for Cell {
    fn eq(&self, other: &Cell) -> bool {
        std::ptr::eq(self, other) || self.id == other.id
    }
}
impl Eq for Cell {}

impl PartialEq for Table {
    fn eq(&self, other: &Table) -> bool {
        self.id == other.id
    }
}
impl Eq for Table {}

impl PartialEq for Section {
    fn eq(&self, other: &Section) -> bool {
        self.id == other.id && self.heading == other.heading
    }
}
impl Eq for Section {}

/// A metadata field of a report, as the template's 基本信息 sheet and the summaries label it.
#[derive(Debug, Clone, Copy)]
pub struct MetaField {
    /// Stable id (`agency`).
    pub id: &'static str,
    /// Chinese label (`机关名称`).
    pub label: &'static str,
    /// English label.
    pub en: &'static str,
    /// Whether a report needs it (META-AGENCY / META-YEAR).
    pub required: bool,
}

/// The metadata fields, in the order the template shows them.
pub const META_FIELDS: &[MetaField] = &[
    MetaField {
        id: "agency",
        label: "机关名称",
        en: "Agency",
        required: true,
    },
    MetaField {
        id: "year",
        label: "报告年度",
        en: "Report year",
        required: true,
    },
    MetaField {
        id: "edition",
        label: "格式版本",
        en: "Layout edition",
        required: false,
    },
    MetaField {
        id: "filler",
        label: "填报人",
        en: "Filled in by",
        required: false,
    },
    MetaField {
        id: "phone",
        label: "联系电话",
        en: "Telephone",
        required: false,
    },
    MetaField {
        id: "date",
        label: "填报日期",
        en: "Date filled in",
        required: false,
    },
];

/// The sheet of our workbooks holding the metadata (机关名称, 报告年度, …).
pub const INFO_SHEET: &str = "基本信息";

/// The sheet of our workbooks holding the narrative sections (一, 五, 六).
pub const NARRATIVE_SHEET: &str = "报告正文";

/// The end of every report's title: `{机关}{年度}年政府信息公开工作年度报告`.
pub const REPORT_TITLE_SUFFIX: &str = "政府信息公开工作年度报告";

/// The ends of reports' titles as agencies print them (the official one first): a reader accepts
/// each; a writer prints [`REPORT_TITLE_SUFFIX`].
pub const REPORT_TITLE_ENDINGS: &[&str] = &[
    REPORT_TITLE_SUFFIX,
    "政府信息公开年度工作报告",
    "政府信息公开工作情况报告",
    "政府信息公开年度报告",
    "政府信息公开工作报告",
    "政府信息公开情况报告",
    "政务公开工作年度报告",
    "信息公开工作年度报告",
    "信息公开年度报告",
    "政府信息公开年报",
    "政府信息公开情况统计表",
    "政府信息公开统计表",
    "政府信息公开年度报表",
    "政务公开年报",
];

/// What may stand between an agency and `{年度}年度报告` in a title that puts the year late
/// (`某某局政府信息公开工作2022年度报告`).
pub const REPORT_TITLE_LATE_YEAR: &[&str] = &["政府信息公开工作", "政府信息公开", "信息公开工作"];

/// What may follow a title's ending when the words are not a title but the name of the format or
/// of a notice (`《中华人民共和国政府信息公开工作年度报告格式》`, `…年度报告编制工作的通知`).
pub const NOT_A_TITLE_AFTER: &[&str] = &[
    "格式",
    "编制",
    "编写",
    "有关",
    "的通知",
    "工作的通知",
    "发布工作",
    "模板",
    "填报说明",
    "范本",
];
