//! The printed geometry of the official tables, derived from the catalog: where each caption,
//! header, label group, row label and value goes, with its row and column spans. Every writer of
//! the printed form (spreadsheet, HTML) places things from here, so the merges of the official
//! layout are computed once.
//!
//! Positions are relative to the table's first printed row (a caption or a header row) and its
//! first column. A table is as wide as its widest block; in narrower blocks (table 二's one-value
//! blocks) the last value column spans the rest, as in the official layout.

use crate::layout::{Arrangement, Block, Cell, Layout, Table};

/// A rectangle of printed cells: first row and column (0-based) and how many of each it covers.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Span {
    /// First row.
    pub row: usize,
    /// First column.
    pub col: usize,
    /// Rows covered (≥ 1).
    pub rows: usize,
    /// Columns covered (≥ 1).
    pub cols: usize,
}

impl Span {
    /// The last row covered.
    pub fn last_row(&self) -> usize {
        self.row + self.rows - 1
    }

    /// The last column covered.
    pub fn last_col(&self) -> usize {
        self.col + self.cols - 1
    }
}

/// What a printed item is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Item {
    /// A block caption (`第二十条第（一）项`), across the table.
    Caption(&'static str),
    /// The top-left corner over the label columns (`信息内容`, table 三's note).
    Corner(&'static str),
    /// A header label at a level (0 = top).
    Header(&'static str, usize),
    /// A group of rows in the label columns (`三、本年度办理结果`, `（三）不予公开`) at a level.
    StubGroup(&'static str, usize),
    /// A row label.
    RowLabel(&'static str),
    /// The value of a cell.
    Value(&'static Cell),
}

impl Item {
    /// The text printed, for labels.
    pub fn text(&self) -> Option<&'static str> {
        match *self {
            Item::Caption(t)
            | Item::Corner(t)
            | Item::Header(t, _)
            | Item::StubGroup(t, _)
            | Item::RowLabel(t) => Some(t),
            Item::Value(_) => None,
        }
    }
}

/// The printed geometry of one table.
#[derive(Debug, Clone)]
pub struct TableGrid {
    /// The table.
    pub table: &'static Table,
    /// Printed columns.
    pub width: usize,
    /// Printed rows.
    pub height: usize,
    /// Every item with its span, in reading order (row by row, left to right).
    pub items: Vec<(Span, Item)>,
    /// For each block: its first printed row and the rows of its header.
    pub blocks: Vec<BlockRows>,
}

/// Where a block's rows are.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct BlockRows {
    /// The caption row, if any.
    pub caption: Option<usize>,
    /// The first and last header rows.
    pub header: (usize, usize),
    /// The first and last body rows.
    pub body: (usize, usize),
}

fn printed_columns(block: &Block) -> usize {
    match block.arrangement {
        Arrangement::Grid => block.stub_width() + block.columns.len(),
        Arrangement::Inline => block.rows.len() * block.columns.len(),
    }
}

/// Lays a table out.
pub fn table_grid(layout: &'static Layout, table: &'static Table) -> TableGrid {
    let width = table
        .blocks
        .iter()
        .map(printed_columns)
        .max()
        .unwrap_or(1)
        .max(1);
    let mut items = Vec::new();
    let mut blocks = Vec::new();
    let mut row = 0;
    for block in table.blocks {
        let caption = block.caption.map(|c| {
            items.push((
                Span {
                    row,
                    col: 0,
                    rows: 1,
                    cols: width,
                },
                Item::Caption(c),
            ));
            row += 1;
            row - 1
        });
        let depth = block.header_depth().max(1);
        let stub = block.stub_width();
        if stub > 0 {
            let text = block.corner.unwrap_or("");
            items.push((
                Span {
                    row,
                    col: 0,
                    rows: depth,
                    cols: stub,
                },
                Item::Corner(text),
            ));
        }
        let paths = block.header_paths();
        let n = paths.len();
        // The last value column spans what is left of the table's width.
        let cols_of = |i: usize| if i + 1 == n { width - (stub + i) } else { 1 };
        for (i, path) in paths.iter().enumerate() {
            for (level, text) in path.iter().enumerate() {
                if level + 1 == path.len() {
                    // A leaf: merged down to the last header row.
                    let span = Span {
                        row: row + level,
                        col: stub + i,
                        rows: depth - level,
                        cols: cols_of(i),
                    };
                    items.push((span, Item::Header(text, level)));
                    continue;
                }
                let same = |j: usize| {
                    paths
                        .get(j)
                        .is_some_and(|p| p.len() > level + 1 && p[..=level] == path[..=level])
                };
                if i > 0 && same(i - 1) {
                    continue;
                }
                let mut j = i;
                while same(j + 1) {
                    j += 1;
                }
                let cols = (stub + j + cols_of(j)) - (stub + i);
                items.push((
                    Span {
                        row: row + level,
                        col: stub + i,
                        rows: 1,
                        cols,
                    },
                    Item::Header(text, level),
                ));
            }
        }
        let header = (row, row + depth - 1);
        row += depth;
        let body_start = row;
        match block.arrangement {
            Arrangement::Grid => {
                for (ri, r) in block.rows.iter().enumerate() {
                    for (level, text) in r.path.iter().enumerate() {
                        let same = |k: usize| {
                            block.rows.get(k).is_some_and(|o| {
                                o.path.len() > level && o.path[..=level] == r.path[..=level]
                            })
                        };
                        if ri > 0 && same(ri - 1) {
                            continue;
                        }
                        let mut k = ri;
                        while same(k + 1) {
                            k += 1;
                        }
                        items.push((
                            Span {
                                row: row + ri,
                                col: level,
                                rows: k - ri + 1,
                                cols: 1,
                            },
                            Item::StubGroup(text, level),
                        ));
                    }
                    let col = r.path.len();
                    items.push((
                        Span {
                            row: row + ri,
                            col,
                            rows: 1,
                            cols: stub.max(col + 1) - col,
                        },
                        Item::RowLabel(r.label),
                    ));
                    for (j, c) in block.columns.iter().enumerate() {
                        if let Some(cell) = layout.cell_at(table.id, r.id, c.id) {
                            items.push((
                                Span {
                                    row: row + ri,
                                    col: stub + j,
                                    rows: 1,
                                    cols: cols_of(j),
                                },
                                Item::Value(cell),
                            ));
                        }
                    }
                }
                row += block.rows.len();
            }
            Arrangement::Inline => {
                let mut i = 0;
                for r in block.rows {
                    for c in block.columns {
                        if let Some(cell) = layout.cell_at(table.id, r.id, c.id) {
                            items.push((
                                Span {
                                    row,
                                    col: i,
                                    rows: 1,
                                    cols: cols_of(i),
                                },
                                Item::Value(cell),
                            ));
                        }
                        i += 1;
                    }
                }
                row += 1;
            }
        }
        blocks.push(BlockRows {
            caption,
            header,
            body: (body_start, row - 1),
        });
    }
    items.sort_by_key(|(s, _)| (s.row, s.col));
    TableGrid {
        table,
        width,
        height: row,
        items,
        blocks,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Edition;

    fn grid(id: &str) -> TableGrid {
        let layout = Edition::V2021.layout();
        table_grid(layout, layout.table(id).unwrap())
    }

    fn find(g: &TableGrid, text: &str) -> Span {
        g.items
            .iter()
            .find(|(_, i)| i.text() == Some(text))
            .map(|(s, _)| *s)
            .unwrap_or_else(|| panic!("{text}"))
    }

    #[test]
    fn table_three_is_laid_out_as_the_official_table() {
        let g = grid("applications");
        assert_eq!(g.width, 10);
        assert_eq!(g.height, 3 + 25);
        assert_eq!(
            find(&g, crate::layout::APPLICATIONS_NOTE),
            Span {
                row: 0,
                col: 0,
                rows: 3,
                cols: 3
            }
        );
        assert_eq!(
            find(&g, "申请人情况"),
            Span {
                row: 0,
                col: 3,
                rows: 1,
                cols: 6
            }
        );
        assert_eq!(
            find(&g, "自然人"),
            Span {
                row: 1,
                col: 3,
                rows: 2,
                cols: 1
            }
        );
        assert_eq!(
            find(&g, "法人或其他组织"),
            Span {
                row: 1,
                col: 4,
                rows: 1,
                cols: 5
            }
        );
        assert_eq!(
            find(&g, "商业企业"),
            Span {
                row: 2,
                col: 4,
                rows: 1,
                cols: 1
            }
        );
        assert_eq!(
            find(&g, "总计"),
            Span {
                row: 0,
                col: 9,
                rows: 3,
                cols: 1
            }
        );
        assert_eq!(
            find(&g, "一、本年新收政府信息公开申请数量"),
            Span {
                row: 3,
                col: 0,
                rows: 1,
                cols: 3
            }
        );
        assert_eq!(
            find(&g, "三、本年度办理结果"),
            Span {
                row: 5,
                col: 0,
                rows: 22,
                cols: 1
            }
        );
        assert_eq!(
            find(&g, "（一）予以公开"),
            Span {
                row: 5,
                col: 1,
                rows: 1,
                cols: 2
            }
        );
        assert_eq!(
            find(&g, "（三）不予公开"),
            Span {
                row: 7,
                col: 1,
                rows: 8,
                cols: 1
            }
        );
        assert_eq!(
            find(&g, "（七）总计"),
            Span {
                row: 26,
                col: 1,
                rows: 1,
                cols: 2
            }
        );
        assert_eq!(
            find(&g, "四、结转下年度继续办理"),
            Span {
                row: 27,
                col: 0,
                rows: 1,
                cols: 3
            }
        );
        let values = g
            .items
            .iter()
            .filter(|(_, i)| matches!(i, Item::Value(_)))
            .count();
        assert_eq!(values, 175);
    }

    #[test]
    fn table_four_is_one_row_under_three_header_rows() {
        let g = grid("appeals");
        assert_eq!((g.width, g.height), (15, 4));
        assert_eq!(
            find(&g, "行政复议"),
            Span {
                row: 0,
                col: 0,
                rows: 1,
                cols: 5
            }
        );
        assert_eq!(
            find(&g, "行政诉讼"),
            Span {
                row: 0,
                col: 5,
                rows: 1,
                cols: 10
            }
        );
        assert_eq!(
            find(&g, "未经复议直接起诉"),
            Span {
                row: 1,
                col: 5,
                rows: 1,
                cols: 5
            }
        );
        assert_eq!(
            find(&g, "复议后起诉"),
            Span {
                row: 1,
                col: 10,
                rows: 1,
                cols: 5
            }
        );
        let first_leaf = g
            .items
            .iter()
            .find(|(_, i)| *i == Item::Header("结果维持", 1))
            .unwrap()
            .0;
        assert_eq!(
            first_leaf,
            Span {
                row: 1,
                col: 0,
                rows: 2,
                cols: 1
            }
        );
    }

    #[test]
    fn table_two_blocks_fill_the_width() {
        let g = grid("disclosure");
        assert_eq!(g.width, 4);
        assert_eq!(g.blocks.len(), 4);
        assert_eq!(
            find(&g, "第二十条第（五）项"),
            Span {
                row: 4,
                col: 0,
                rows: 1,
                cols: 4
            }
        );
        let fee = g
            .items
            .iter()
            .find(|(_, i)| matches!(i, Item::Value(c) if c.id == "disclosure.fees.amount"))
            .unwrap()
            .0;
        assert_eq!(
            fee,
            Span {
                row: 13,
                col: 1,
                rows: 1,
                cols: 3
            }
        );
        assert_eq!(g.height, 14);
    }
}
