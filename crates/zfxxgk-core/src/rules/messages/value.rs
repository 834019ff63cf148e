//! `VALUE-*`.

use crate::Lang;
use crate::rules::Finding;
use crate::rules::catalog::Code;
use crate::value::CellValue;

pub(super) fn message(f: &Finding, lang: Lang) -> String {
    let (Some(c), Some(v)) = (f.cells.first(), f.values.first()) else {
        return String::new();
    };
    let name = c.describe(lang);
    match (f.code, lang) {
        (Code::ValueNegative, Lang::Zh) => format!("{name}为负数 {v}，统计数不能为负。"),
        (Code::ValueNegative, Lang::En) => {
            format!("{name} is negative ({v}); statistics cannot be negative.")
        }
        (Code::ValueFraction, Lang::Zh) => format!("{name}为 {v}，件数应为整数。"),
        (Code::ValueFraction, Lang::En) => {
            format!("{name} is {v}; counts must be whole numbers.")
        }
        (Code::ValueText, Lang::Zh) => {
            format!("{name}填写的“{v}”不是数字，请改为数字（没有发生请填 0）。")
        }
        (Code::ValueText, Lang::En) => {
            format!("{name} holds “{v}”, which is not a number (write 0 for none).")
        }
        (_, Lang::Zh) => match v {
            CellValue::Placeholder(p) => {
                format!("{name}填写的是“{p}”而不是数字，合计时按 0 计；没有发生请填 0。")
            }
            _ => format!("{name}为空白，合计时按 0 计；没有发生请填 0。"),
        },
        (_, Lang::En) => match v {
            CellValue::Placeholder(p) => format!(
                "{name} holds “{p}” instead of a number; counted as 0 in sums (write 0 for none)."
            ),
            _ => format!("{name} is blank; counted as 0 in sums (write 0 for none)."),
        },
    }
}
