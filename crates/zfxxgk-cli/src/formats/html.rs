//! The report as one HTML page in the official layout: the six sections in order, the narrative
//! as paragraphs, the tables with the official merges (from `zfxxgk_core::print`). Ready to
//! publish on a government website or to print.

use std::fmt::Write as _;

use zfxxgk_core::print::{Item, table_grid};
use zfxxgk_core::{CellValue, Report};

fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            _ => out.push(c),
        }
    }
    out
}

const STYLE: &str = "body{font-family:\"FangSong\",\"仿宋\",\"SimSun\",\"宋体\",serif;max-width:60em;margin:2em auto;line-height:1.8;padding:0 1em}\
h1{text-align:center;font-family:\"SimHei\",\"黑体\",sans-serif;font-size:1.6em;line-height:1.4}\
h2{font-family:\"SimHei\",\"黑体\",sans-serif;font-size:1.15em;margin-top:1.6em}\
p{text-indent:2em;margin:.4em 0}\
table{border-collapse:collapse;width:100%;margin:1em 0;font-family:\"SimSun\",\"宋体\",serif;font-size:.9em;line-height:1.4}\
td,th{border:1px solid #000;padding:.3em .4em;text-align:center;vertical-align:middle}\
th{font-weight:normal}\
td.label{text-align:left}\
td.num{text-align:right;font-variant-numeric:tabular-nums}\
th.caption{text-align:left;font-weight:bold}\
@page{size:A4;margin:2cm}";

/// The HTML page of a report.
pub fn to_string(report: &Report) -> String {
    let layout = report.layout();
    let year = report.year.map(|y| y.to_string()).unwrap_or_default();
    let title = format!(
        "{}{year}年{}",
        report.agency,
        zfxxgk_core::layout::REPORT_TITLE_SUFFIX
    );
    let mut h = String::new();
    let _ = write!(
        h,
        "<!DOCTYPE html>\n<html lang=\"zh-CN\">\n<head>\n<meta charset=\"utf-8\">\n<title>{}</title>\n<style>{STYLE}</style>\n</head>\n<body>\n<h1>{}<br>{year}年政府信息公开工作<br>年度报告</h1>\n",
        escape(&title),
        escape(&report.agency)
    );
    for (section, text) in report.sections() {
        let _ = writeln!(h, "<h2>{}、{}</h2>", section.no, escape(section.heading));
        for para in text.split('\n').map(str::trim).filter(|p| !p.is_empty()) {
            let _ = writeln!(h, "<p>{}</p>", escape(para));
        }
        let Some(table) = section.table.and_then(|id| layout.table(id)) else {
            continue;
        };
        let grid = table_grid(layout, table);
        let _ = writeln!(h, "<table data-table=\"{}\">", table.id);
        let mut items = grid.items.iter().peekable();
        for row in 0..grid.height {
            h.push_str("<tr>");
            while let Some((span, item)) = items.next_if(|(s, _)| s.row == row) {
                let mut attrs = String::new();
                if span.rows > 1 {
                    let _ = write!(attrs, " rowspan=\"{}\"", span.rows);
                }
                if span.cols > 1 {
                    let _ = write!(attrs, " colspan=\"{}\"", span.cols);
                }
                match item {
                    Item::Value(cell) => {
                        let (class, text) = match report.value(cell) {
                            CellValue::Number(d) => ("num", d.to_string()),
                            other => ("", other.to_string()),
                        };
                        let class = if class.is_empty() {
                            String::new()
                        } else {
                            format!(" class=\"{class}\"")
                        };
                        let _ = write!(
                            h,
                            "<td{attrs}{class} data-cell=\"{}\">{}</td>",
                            cell.id,
                            escape(&text)
                        );
                    }
                    Item::Caption(t) => {
                        let _ = write!(h, "<th{attrs} class=\"caption\">{}</th>", escape(t));
                    }
                    Item::RowLabel(t) | Item::StubGroup(t, _) => {
                        let _ = write!(h, "<td{attrs} class=\"label\">{}</td>", escape(t));
                    }
                    Item::Corner(t) | Item::Header(t, _) => {
                        let _ = write!(h, "<th{attrs}>{}</th>", escape(t));
                    }
                }
            }
            h.push_str("</tr>\n");
        }
        h.push_str("</table>\n");
    }
    h.push_str("</body>\n</html>\n");
    h
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_sample_page_has_every_value_once_and_the_official_merges() {
        let sample = zfxxgk_doc::sample::yima_transport_2024();
        let page = super::to_string(&sample);
        assert_eq!(page.matches("data-cell=").count(), 200);
        assert!(page.contains(
            "<td colspan=\"3\" class=\"num\" data-cell=\"disclosure.penalty.decisions\">118</td>"
        ));
        assert!(page.contains("<th colspan=\"6\">申请人情况</th>"));
        assert!(page.contains("<td rowspan=\"22\" class=\"label\">三、本年度办理结果</td>"));
        assert!(page.contains("<h2>六、其他需要报告的事项</h2>\n<p>无。</p>"));
    }
}
