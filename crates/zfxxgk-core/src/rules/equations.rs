//! The equations and comparisons of the arithmetic rules, as cells of one edition: derived once
//! from each rule's [`Form`] in the catalog and the layout's row and column roles. The checker,
//! the template's live checks and `docs/rules.md` all use these, so an equation exists in one
//! place only.

use std::sync::LazyLock;

use crate::layout::{Block, Cell, Column, ColumnRole, Edition, Layout, Row, RowRole, Table};

use super::catalog::{Code, Form, RULES, STOCK_COLUMNS};

/// What an equation runs along: one column of a table (the equations of table 三's note) or one
/// row (row totals).
#[derive(Debug, Clone, Copy)]
pub enum Along {
    /// Every cell is in this column.
    Column(&'static Column),
    /// Every cell is in this row.
    Row(&'static Row),
}

/// One equation `sum(left) = sum(right)` over cells of one block.
#[derive(Debug, Clone)]
pub struct Equation {
    /// The rule it belongs to.
    pub code: Code,
    /// The table.
    pub table: &'static Table,
    /// The block's index in the table.
    pub block: usize,
    /// The column or row it runs along.
    pub along: Along,
    /// Cells on the left.
    pub left: Vec<&'static Cell>,
    /// Cells on the right.
    pub right: Vec<&'static Cell>,
}

/// A row with the three stock columns ([`Form::Stock`], [`Form::StockCarry`]).
#[derive(Debug, Clone, Copy)]
pub struct StockRow {
    /// The row.
    pub row: &'static Row,
    /// Issued this year.
    pub issued: &'static Cell,
    /// Repealed this year.
    pub repealed: &'static Cell,
    /// In force at the end of the year.
    pub in_force: &'static Cell,
}

struct Derived {
    equations: Vec<Equation>,
    stock: Vec<StockRow>,
}

static DERIVED: LazyLock<Vec<(Edition, Derived)>> = LazyLock::new(|| {
    Edition::ALL
        .iter()
        .map(|e| (*e, derive(e.layout())))
        .collect()
});

fn derived(layout: &'static Layout) -> &'static Derived {
    &DERIVED
        .iter()
        .find(|(e, _)| *e == layout.edition)
        .expect("every edition is derived")
        .1
}

/// Every equation of a layout, table by table and block by block: first the column equations
/// in the catalog's order, then the row totals.
pub fn equations(layout: &'static Layout) -> &'static [Equation] {
    &derived(layout).equations
}

/// The rows of a layout that carry the three stock columns (regulations and normative documents
/// of the 2021 edition; none in the 2019 edition).
pub fn stock_rows(layout: &'static Layout) -> &'static [StockRow] {
    &derived(layout).stock
}

/// The cells of one row role in one column of a block.
fn rows_with(
    layout: &'static Layout,
    table: &'static Table,
    block: &'static Block,
    roles: &[RowRole],
    column: &Column,
) -> Vec<&'static Cell> {
    block
        .rows
        .iter()
        .filter(|r| roles.contains(&r.role))
        .filter_map(|r| layout.cell_at(table.id, r.id, column.id))
        .collect()
}

fn columns_with(
    layout: &'static Layout,
    table: &'static Table,
    block: &'static Block,
    role: ColumnRole,
    row: &Row,
) -> Vec<&'static Cell> {
    block
        .columns
        .iter()
        .filter(|c| c.role == role)
        .filter_map(|c| layout.cell_at(table.id, row.id, c.id))
        .collect()
}

fn derive(layout: &'static Layout) -> Derived {
    let mut equations = Vec::new();
    let mut stock = Vec::new();
    for table in layout.tables {
        for (b, block) in table.blocks.iter().enumerate() {
            for rule in RULES {
                match rule.form {
                    Some(Form::Columns {
                        table: t,
                        left,
                        right,
                    }) if t == table.id => {
                        let has =
                            |roles: &[RowRole]| block.rows.iter().any(|r| roles.contains(&r.role));
                        if !has(left) || !has(right) {
                            continue;
                        }
                        for column in block.columns {
                            equations.push(Equation {
                                code: rule.code,
                                table,
                                block: b,
                                along: Along::Column(column),
                                left: rows_with(layout, table, block, left, column),
                                right: rows_with(layout, table, block, right, column),
                            });
                        }
                    }
                    _ => {}
                }
            }
            for rule in RULES {
                match rule.form {
                    Some(Form::Rows { table: t }) if t == table.id => {
                        if !block.columns.iter().any(|c| c.role == ColumnRole::Total) {
                            continue;
                        }
                        for row in block.rows {
                            equations.push(Equation {
                                code: rule.code,
                                table,
                                block: b,
                                along: Along::Row(row),
                                left: columns_with(layout, table, block, ColumnRole::Part, row),
                                right: columns_with(layout, table, block, ColumnRole::Total, row),
                            });
                        }
                    }
                    _ => {}
                }
            }
            for row in block.rows {
                let cells = STOCK_COLUMNS.map(|role| {
                    block
                        .columns
                        .iter()
                        .find(|c| c.role == role)
                        .and_then(|c| layout.cell_at(table.id, row.id, c.id))
                });
                if let [Some(issued), Some(repealed), Some(in_force)] = cells {
                    stock.push(StockRow {
                        row,
                        issued,
                        repealed,
                        in_force,
                    });
                }
            }
        }
    }
    Derived { equations, stock }
}

/// The pairs of [`Form::Carry`]: this year's cell of row role `this` and last year's cell of row
/// role `last` in the same column, where both layouts have them.
pub fn carry_pairs(
    this_layout: &'static Layout,
    last_layout: &'static Layout,
    this: RowRole,
    last: RowRole,
) -> Vec<(&'static Cell, &'static Cell)> {
    let mut out = Vec::new();
    for table in this_layout.tables {
        for block in table.blocks {
            let Some(this_row) = block.rows.iter().find(|r| r.role == this) else {
                continue;
            };
            let Some(last_table) = last_layout.table(table.id) else {
                continue;
            };
            let Some(last_row) = last_table
                .blocks
                .iter()
                .flat_map(|b| b.rows.iter())
                .find(|r| r.role == last)
            else {
                continue;
            };
            for column in block.columns {
                if let (Some(a), Some(b)) = (
                    this_layout.cell_at(table.id, this_row.id, column.id),
                    last_layout.cell_at(table.id, last_row.id, column.id),
                ) {
                    out.push((a, b));
                }
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn count(layout: &'static Layout, code: Code) -> usize {
        equations(layout).iter().filter(|e| e.code == code).count()
    }

    #[test]
    fn the_2021_edition_has_the_spec_s_equations() {
        let l = Edition::V2021.layout();
        assert_eq!(count(l, Code::T3Balance), 7);
        assert_eq!(count(l, Code::T3ResultsSum), 7);
        assert_eq!(count(l, Code::T3RowTotal), 25);
        assert_eq!(count(l, Code::T4Total), 3);
        let balance = equations(l)
            .iter()
            .find(|e| e.code == Code::T3Balance)
            .unwrap();
        let ids = |cells: &[&Cell]| cells.iter().map(|c| c.id).collect::<Vec<_>>();
        assert_eq!(
            ids(&balance.left),
            [
                "applications.new.natural_person",
                "applications.carried_over.natural_person"
            ]
        );
        assert_eq!(
            ids(&balance.right),
            [
                "applications.results_total.natural_person",
                "applications.carried_forward.natural_person"
            ]
        );
        let results = equations(l)
            .iter()
            .find(|e| e.code == Code::T3ResultsSum)
            .unwrap();
        assert_eq!(results.left.len(), 21);
        let stock: Vec<&str> = stock_rows(l).iter().map(|s| s.row.id).collect();
        assert_eq!(stock, ["regulations", "normative_documents"]);
        let carry = carry_pairs(l, l, RowRole::CarriedOver, RowRole::CarriedForward);
        assert_eq!(carry.len(), 7);
        assert_eq!(carry[6].0.id, "applications.carried_over.total");
        assert_eq!(carry[6].1.id, "applications.carried_forward.total");
    }

    #[test]
    fn the_2019_edition_has_its_own() {
        let l = Edition::V2019.layout();
        assert_eq!(count(l, Code::T3Balance), 7);
        assert_eq!(count(l, Code::T3RowTotal), 23);
        let results = equations(l)
            .iter()
            .find(|e| e.code == Code::T3ResultsSum)
            .unwrap();
        assert_eq!(results.left.len(), 19);
        assert!(stock_rows(l).is_empty());
    }
}
