//! Cross-year checks: matching this year's reports with last year's (`check --previous`).

use std::collections::{HashMap, HashSet};
use std::path::PathBuf;
use std::sync::Mutex;

use serde_json::{Value, json};
use zfxxgk_core::aggregate::agency_key;
use zfxxgk_core::{CheckOptions, Finding, ImportIssue, Lang, Report, Severity};

use crate::input::{self, LoadOptions};

/// A message in both languages.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Message {
    /// Chinese.
    pub zh: String,
    /// English.
    pub en: String,
}

impl Message {
    /// The message in the given language.
    pub fn get(&self, lang: Lang) -> &str {
        match lang {
            Lang::Zh => &self.zh,
            Lang::En => &self.en,
        }
    }
}

/// Last year's reports, ready to be matched.
#[derive(Debug)]
pub struct Previous {
    /// With one file checked against one previous report, they are paired whatever the names.
    single: Option<Report>,
    by_key: HashMap<String, Vec<Report>>,
    names: Vec<(String, String)>, // (key, agency as written), in input order
    used: Mutex<HashSet<String>>,
    unmatched_current: Mutex<Vec<String>>,
}

/// Reports that found no partner.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Unmatched {
    /// This year's agencies without last year's report.
    pub current: Vec<String>,
    /// Last year's agencies without this year's report.
    pub previous: Vec<String>,
}

impl Previous {
    /// Loads last year's reports from files and directories. `pair_single`: when they hold
    /// exactly one report, pair it with whatever is checked.
    pub fn load(
        paths: &[PathBuf],
        options: &LoadOptions,
        pair_single: bool,
    ) -> Result<Previous, Message> {
        let input::Expanded { files, skipped } = input::expand(paths);
        if let Some(s) = skipped.iter().find(|s| s.why.loses_input()) {
            return Err(Message {
                zh: format!(
                    "上年度报告 {} 未能读取：{}",
                    crate::output::shown(&s.shown()),
                    s.why.message(Lang::Zh)
                ),
                en: format!(
                    "last year's report {} was not read: {}",
                    crate::output::shown(&s.shown()),
                    s.why.message(Lang::En)
                ),
            });
        }
        let mut reports = Vec::new();
        for path in files.iter() {
            match input::load(&path, options) {
                Ok(list) => reports.extend(list.into_iter().map(Report::without_origins)),
                Err(e) => {
                    return Err(Message {
                        zh: format!(
                            "上年度报告 {} 无法读取：{}",
                            path.display(),
                            e.message(Lang::Zh)
                        ),
                        en: format!(
                            "last year's report {} cannot be read: {}",
                            path.display(),
                            e.message(Lang::En)
                        ),
                    });
                }
            }
        }
        if reports.is_empty() {
            return Err(Message {
                zh: "--previous 没有找到上年度的报告文件。".into(),
                en: "--previous found no report files.".into(),
            });
        }
        let single = (pair_single && reports.len() == 1).then(|| reports[0].clone());
        let mut by_key: HashMap<String, Vec<Report>> = HashMap::new();
        let mut names = Vec::new();
        for r in reports {
            let key = agency_key(&r.agency);
            if !by_key.contains_key(&key) {
                names.push((key.clone(), r.agency.clone()));
            }
            by_key.entry(key).or_default().push(r);
        }
        Ok(Previous {
            single,
            by_key,
            names,
            used: Mutex::default(),
            unmatched_current: Mutex::default(),
        })
    }

    /// The cross-year findings of a report; a note on the report if last year's is not the year
    /// before.
    pub fn compare(&self, report: &mut Report, options: &CheckOptions) -> Vec<Finding> {
        let key = agency_key(&report.agency);
        let previous = match &self.single {
            Some(p) => Some(p),
            None => self.by_key.get(&key).and_then(|list| {
                let wanted = report.year.map(|y| y - 1);
                list.iter()
                    .find(|p| p.year == wanted)
                    .or_else(|| list.first())
            }),
        };
        let Some(previous) = previous else {
            if let Ok(mut u) = self.unmatched_current.lock() {
                u.push(report.agency.clone());
            }
            return Vec::new();
        };
        if let Ok(mut used) = self.used.lock() {
            used.insert(agency_key(&previous.agency));
        }
        if let (Some(this), Some(last)) = (report.year, previous.year)
            && last != this - 1
        {
            report.issues.push(ImportIssue {
                code: "XYEAR-YEAR",
                severity: Severity::Warning,
                cells: Vec::new(),
                location: None,
                zh: format!("用来对照的上年度报告是 {last} 年度的，而本报告是 {this} 年度。"),
                en: format!(
                    "the report compared as last year's is for {last}, this one for {this}."
                ),
            });
        }
        zfxxgk_core::rules::check_previous_with(report, previous, options)
    }

    /// The agencies that found no partner (after every report was compared).
    pub fn unmatched(&self) -> Unmatched {
        let mut current = self
            .unmatched_current
            .lock()
            .map(|u| u.clone())
            .unwrap_or_default();
        current.sort();
        let used = self.used.lock().map(|u| u.clone()).unwrap_or_default();
        let previous = if self.single.is_some() {
            Vec::new()
        } else {
            self.names
                .iter()
                .filter(|(k, _)| !used.contains(k))
                .map(|(_, n)| n.clone())
                .collect()
        };
        Unmatched { current, previous }
    }
}

/// The unmatched agencies as text (empty when all matched).
pub fn unmatched_text(u: &Unmatched, lang: Lang) -> String {
    let mut s = String::new();
    if !u.current.is_empty() {
        s += &match lang {
            Lang::Zh => format!(
                "没有找到上年度报告、未做跨年度核对的机关（{}）：{}\n",
                u.current.len(),
                u.current.join("、")
            ),
            Lang::En => format!(
                "No report of last year for ({}): {}\n",
                u.current.len(),
                u.current.join(", ")
            ),
        };
    }
    if !u.previous.is_empty() {
        s += &match lang {
            Lang::Zh => format!(
                "上年度有报告、本年度没有的机关（{}）：{}\n",
                u.previous.len(),
                u.previous.join("、")
            ),
            Lang::En => format!(
                "Reports of last year with none this year ({}): {}\n",
                u.previous.len(),
                u.previous.join(", ")
            ),
        };
    }
    s
}

/// The unmatched agencies as JSON.
pub fn unmatched_json(u: &Unmatched) -> Value {
    json!({ "without_previous": u.current, "without_current": u.previous })
}
