//! `VALUE-*`.

use crate::Lang;
use crate::layout::ValueKind;
use crate::rules::Finding;
use crate::rules::catalog::Code;
use crate::value::{CellValue, Limit, check_bounds};

/// The bound a value breaks: a number beyond the bounds, or text that writes one.
fn out_of_range(v: &CellValue, kind: ValueKind) -> Option<Limit> {
    match v {
        CellValue::Number(d) => check_bounds(*d).err(),
        CellValue::Text(t) => crate::normalize::out_of_range(t, kind),
        _ => None,
    }
}

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
        (Code::ValueText, lang) if out_of_range(v, c.kind()).is_some() => {
            let limit = out_of_range(v, c.kind()).map(|l| l.describe(lang));
            let limit = limit.unwrap_or_default();
            match lang {
                Lang::Zh => format!(
                    "{name}的数字“{v}”超出上限（{limit}），未读作数字，请核对（金额以万元计）。"
                ),
                Lang::En => format!(
                    "{name} holds “{v}”, a number beyond the limit ({limit}); not read as a number, never rounded."
                ),
            }
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
