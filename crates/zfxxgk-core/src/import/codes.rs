//! The catalog of import issue codes: what a reader or the import path could not read, or read
//! with a doubt. Every `ImportIssue` carries one of these codes; `docs/rules.md` lists them from
//! here, and a test checks that no other code is used.

use crate::rules::Severity;

/// One import issue code and what it means.
#[derive(Debug, Clone, Copy)]
pub struct ImportCode {
    /// The stable code.
    pub code: &'static str,
    /// Error: values could not be read; warning: read, but look.
    pub severity: Severity,
    /// What it means, in Chinese.
    pub zh: &'static str,
    /// What it means, in English.
    pub en: &'static str,
}

const fn code(
    code: &'static str,
    severity: Severity,
    zh: &'static str,
    en: &'static str,
) -> ImportCode {
    ImportCode {
        code,
        severity,
        zh,
        en,
    }
}

/// Every import issue code.
pub const CODES: &[ImportCode] = &[
    code(
        "IMPORT-MISSING-TABLE",
        Severity::Error,
        "未找到整张表格，其数值无法读取",
        "a whole table was not found; its values could not be read",
    ),
    code(
        "IMPORT-MISSING-ROW",
        Severity::Error,
        "表格中未找到某一行，该行数值无法读取",
        "a row of a table was not found; its values could not be read",
    ),
    code(
        "IMPORT-MISSING-COLUMN",
        Severity::Error,
        "表格中未找到某一列，该列数值无法读取",
        "a column of a table was not found; its values could not be read",
    ),
    code(
        "IMPORT-UNCERTAIN",
        Severity::Error,
        "某行（或表四）的数值无法确定对应的列，未读取；导入标为不确定",
        "the values of a row (or of table 四) could not be placed in their columns with certainty and were not read; the import is marked uncertain",
    ),
    code(
        "IMPORT-MERGED-ROW",
        Severity::Error,
        "“（六）其他处理”等分项印成了一行，其数值不拆分到各小项，未读取；导入标为不确定",
        "a group such as （六）其他处理 is printed as one row; its values are not spread over the sub-rows and were not read; the import is marked uncertain",
    ),
    code(
        "IMPORT-LABEL",
        Severity::Warning,
        "行名与标准表格不一致（错别字、漏字），按最接近的标准行名读取；导入标为不确定",
        "a row label differs from the official one (a typo, dropped characters) and was read as the nearest official row; the import is marked uncertain",
    ),
    code(
        "IMPORT-FORMULA",
        Severity::Error,
        "公式没有保存计算结果，按空白读取",
        "a formula saved without its result, read as blank",
    ),
    code(
        "IMPORT-UNIT",
        Severity::Error,
        "万元栏中填的是元，未换算",
        "an amount in 元 in the 万元 cell, not converted",
    ),
    code(
        "IMPORT-DUPLICATE-TABLE",
        Severity::Warning,
        "同一表格出现两处，只读取了一处",
        "a table appears twice; one copy was read",
    ),
    code(
        "IMPORT-ENCODING",
        Severity::Warning,
        "网页声明的编码与实际不符，或有无法解码的字节",
        "a web page's declared encoding is wrong, or some bytes could not be decoded",
    ),
    code(
        "IMPORT-EMBEDDED",
        Severity::Warning,
        "Word 文档中嵌入的表格对象（如 Excel 对象）未读取",
        "an object embedded in a Word document (such as an Excel table) was not read",
    ),
    code(
        "PDF-REPAIRED",
        Severity::Warning,
        "PDF 的交叉引用表损坏，已重建后读取",
        "the PDF's cross-reference table was damaged and rebuilt",
    ),
    code(
        "PDF-SCANNED-PAGE",
        Severity::Warning,
        "PDF 中有页面只有图片（扫描页），其内容未读取",
        "a page of the PDF holds only images (a scanned page); it was not read",
    ),
    code(
        "PDF-UNDECODED",
        Severity::Warning,
        "PDF 中有字符无法解码，未当作数字读取",
        "some characters of the PDF could not be decoded; never read as numbers",
    ),
    code(
        "PDF-PAGE-CUT",
        Severity::Warning,
        "PDF 某页内容过多，只读取了一部分",
        "a page of the PDF holds too much and was read in part",
    ),
    code(
        "PDF-PAGE-DAMAGED",
        Severity::Warning,
        "PDF 某页已损坏，未读取",
        "a page of the PDF is damaged and was not read",
    ),
    code(
        "PDF-TOO-MUCH",
        Severity::Warning,
        "PDF 内容超过读取上限，只读取了一部分",
        "the PDF holds more than the reader's limits; read in part",
    ),
    code(
        "AGGREGATE-EDITION",
        Severity::Warning,
        "汇总时有报告的格式版本不同，其独有的格子未计入",
        "reports of another edition were totalled; cells only they have were left out",
    ),
    code(
        "AGGREGATE-TEXT",
        Severity::Warning,
        "汇总时有报告的格子是文字，未计入",
        "cells holding text were left out of the total",
    ),
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_are_unique() {
        for (i, a) in CODES.iter().enumerate() {
            assert!(
                CODES[i + 1..].iter().all(|b| b.code != a.code),
                "{}",
                a.code
            );
        }
    }
}
