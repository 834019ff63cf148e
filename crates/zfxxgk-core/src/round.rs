//! The collection round of a superior office: the agencies expected to report (a roster), the
//! files that came in, and what a person must act on — who has not reported, which file is whose
//! (exactly, by an alias, or by a near name, never silently), files of no expected agency,
//! agencies that sent two files, byte-identical files, reports of another year, reports without a
//! name. Pure: the command line reads the files and the roster and prints the result.

use std::collections::BTreeMap;

use crate::aggregate::agency_key;

/// One agency expected to report.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RosterEntry {
    /// The agency's name, as the roster writes it.
    pub name: String,
    /// Other names it goes by (`某某县市场监管局` for `某某县市场监督管理局`).
    pub aliases: Vec<String>,
    /// Its superior or group (`县直部门`, `乡镇`), if the roster says.
    pub parent: Option<String>,
    /// Its level (`县级`, `乡镇级`), if the roster says.
    pub level: Option<String>,
    /// The roster's line (1-based) it came from.
    pub line: usize,
}

/// The agencies expected to report.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Roster {
    /// The entries, in the roster's order.
    pub entries: Vec<RosterEntry>,
    /// Names given twice: (name, the lines). The first is kept.
    pub duplicates: Vec<(String, Vec<usize>)>,
    /// Lines skipped because they name nobody.
    pub blank_lines: usize,
}

/// A roster that cannot be used.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum RosterError {
    /// No row names an agency.
    #[error("名单中没有单位名称")]
    Empty,
    /// A header row exists, but no column is the name.
    #[error("名单没有“单位名称”列")]
    NoNameColumn {
        /// The header as read.
        header: Vec<String>,
    },
}

impl RosterError {
    /// The message in the given language.
    pub fn message(&self, lang: crate::Lang) -> String {
        match (self, lang) {
            (RosterError::Empty, crate::Lang::Zh) => {
                "应报单位名单中没有任何单位名称（每行一个单位，第一列为单位名称）。".to_string()
            }
            (RosterError::Empty, crate::Lang::En) => {
                "the roster names no agency (one agency per line, the name in the first column)."
                    .to_string()
            }
            (RosterError::NoNameColumn { header }, crate::Lang::Zh) => format!(
                "应报单位名单的表头（{}）中没有“单位名称”列（可写作 单位名称、单位、机关名称、名称）。",
                header.join("、")
            ),
            (RosterError::NoNameColumn { header }, crate::Lang::En) => format!(
                "the roster's header ({}) has no name column (单位名称, 单位, 机关名称 or 名称).",
                header.join(", ")
            ),
        }
    }
}

const NAME_HEADERS: &[&str] = &[
    "单位名称",
    "机关名称",
    "单位",
    "名称",
    "应报单位",
    "部门名称",
    "部门",
    "name",
    "agency",
];
const ALIAS_HEADERS: &[&str] = &["别名", "简称", "曾用名", "其他名称", "alias", "aliases"];
const PARENT_HEADERS: &[&str] = &[
    "上级",
    "上级单位",
    "主管单位",
    "归口",
    "分组",
    "类别",
    "parent",
];
const LEVEL_HEADERS: &[&str] = &["层级", "级别", "level"];

fn header_index(header: &[String], names: &[&str]) -> Option<usize> {
    header.iter().position(|h| {
        let h = agency_key(h).to_lowercase();
        names.iter().any(|n| h == *n)
    })
}

/// Reads a roster from the rows of a CSV or a sheet: a header row naming the columns (单位名称,
/// 别名/简称, 上级, 层级) or, without one, the names in the first column. Aliases may be several
/// in one cell, separated by `、` `,` `;` `/`. Empty lines are skipped; a name given twice is kept
/// once and said.
pub fn roster_from_rows(rows: &[Vec<String>]) -> Result<Roster, RosterError> {
    let clean = |s: &str| s.trim().trim_matches('\u{feff}').trim().to_string();
    let first = rows
        .iter()
        .position(|r| r.iter().any(|c| !clean(c).is_empty()));
    let Some(first) = first else {
        return Err(RosterError::Empty);
    };
    let header: Vec<String> = rows[first].iter().map(|c| clean(c)).collect();
    let looks_like_header = header.iter().any(|h| {
        let k = agency_key(h).to_lowercase();
        NAME_HEADERS
            .iter()
            .chain(ALIAS_HEADERS)
            .chain(PARENT_HEADERS)
            .chain(LEVEL_HEADERS)
            .chain(["序号", "编号", "no"].iter())
            .any(|n| k == *n)
    });
    let (name_col, alias_col, parent_col, level_col, body) = if looks_like_header {
        let Some(name) = header_index(&header, NAME_HEADERS) else {
            return Err(RosterError::NoNameColumn { header });
        };
        (
            name,
            header_index(&header, ALIAS_HEADERS),
            header_index(&header, PARENT_HEADERS),
            header_index(&header, LEVEL_HEADERS),
            first + 1,
        )
    } else {
        (0, Some(1).filter(|_| header.len() > 1), None, None, first)
    };
    let mut roster = Roster::default();
    let mut seen: BTreeMap<String, usize> = BTreeMap::new();
    for (i, row) in rows.iter().enumerate().skip(body) {
        let line = i + 1;
        let get = |c: Option<usize>| c.and_then(|c| row.get(c)).map(|s| clean(s));
        let name = get(Some(name_col)).unwrap_or_default();
        if name.is_empty() {
            roster.blank_lines += 1;
            continue;
        }
        let key = agency_key(&name);
        if let Some(&at) = seen.get(&key) {
            match roster
                .duplicates
                .iter_mut()
                .find(|(n, _)| agency_key(n) == key)
            {
                Some((_, lines)) => lines.push(line),
                None => roster
                    .duplicates
                    .push((name.clone(), vec![roster.entries[at].line, line])),
            }
            continue;
        }
        let aliases = get(alias_col)
            .unwrap_or_default()
            .split(['、', ',', '，', ';', '；', '/', '|'])
            .map(str::trim)
            .filter(|a| !a.is_empty())
            .map(str::to_string)
            .collect();
        seen.insert(key, roster.entries.len());
        roster.entries.push(RosterEntry {
            name,
            aliases,
            parent: get(parent_col).filter(|s| !s.is_empty()),
            level: get(level_col).filter(|s| !s.is_empty()),
            line,
        });
    }
    if roster.entries.is_empty() {
        return Err(RosterError::Empty);
    }
    Ok(roster)
}

/// How a report's agency was matched to the roster.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Matched {
    /// The same name (spaces and punctuation aside).
    Exact,
    /// One of the entry's aliases.
    Alias(String),
    /// A near name: an abbreviation (`某某县市场监管局`) or one character off; said, never silent.
    Near,
}

/// One file's report as the round sees it: borrowed from what the caller keeps, so that the
/// round of a province (hundreds of thousands of reports) costs a few dozen bytes a report.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Submission<'a> {
    /// The file.
    pub file: &'a str,
    /// A digest of the file's bytes (byte-identical files have the same).
    pub digest: u64,
    /// The agency name read (empty when none).
    pub agency: &'a str,
    /// Whether the name came from the file's name (the last resort, said in the round).
    pub named_by_file: bool,
    /// The report year.
    pub year: Option<i32>,
}

/// What the round found.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Round {
    /// For each submission, the roster entry it matched and how (with a roster; empty
    /// without one). [`Round::matched`] reads it.
    pub matches: Vec<Option<(usize, Matched)>>,
    /// Roster entries no submission matched: 未报送.
    pub missing: Vec<usize>,
    /// Submissions with a name that matches no roster entry.
    pub unmatched: Vec<usize>,
    /// Submissions whose near name fits several entries: (submission, entries).
    pub ambiguous: Vec<(usize, Vec<usize>)>,
    /// Groups of submissions of one agency and year (two files from one agency).
    pub repeated: Vec<Vec<usize>>,
    /// Groups of byte-identical files.
    pub identical: Vec<Vec<usize>>,
    /// Submissions by year, the most common year first (`None`: no year).
    pub years: Vec<(Option<i32>, Vec<usize>)>,
    /// Submissions without an agency name.
    pub unnamed: Vec<usize>,
}

impl Round {
    /// The year most reports are for, if there is one.
    pub fn main_year(&self) -> Option<i32> {
        self.years.iter().find_map(|(y, _)| *y)
    }

    /// The roster entry submission `i` matched, and how.
    pub fn matched(&self, i: usize) -> Option<&(usize, Matched)> {
        self.matches.get(i)?.as_ref()
    }

    /// Whether the reports are of more than one year (or some have none).
    pub fn mixed_years(&self) -> bool {
        self.years.len() > 1
    }
}

/// Whether `short` is an abbreviation of `long`: same last character, at least four characters,
/// every character of `short` found in order in `long` (`某某县市场监管局` in `某某县市场监督管理局`).
fn abbreviates(short: &str, long: &str) -> bool {
    let (s, l): (Vec<char>, Vec<char>) = (short.chars().collect(), long.chars().collect());
    if s.len() < 4 || s.len() >= l.len() || s.last() != l.last() || s.first() != l.first() {
        return false;
    }
    let mut rest = l.iter();
    s.iter().all(|c| rest.any(|x| x == c))
}

/// Whether two names differ by one character (replaced, added or dropped), for names of six
/// characters or more: a typo, not another agency.
fn one_off(a: &str, b: &str) -> bool {
    let (a, b): (Vec<char>, Vec<char>) = (a.chars().collect(), b.chars().collect());
    if a.len().min(b.len()) < 6 || a.len().abs_diff(b.len()) > 1 {
        return false;
    }
    let prefix = a.iter().zip(&b).take_while(|(x, y)| x == y).count();
    let suffix = a
        .iter()
        .rev()
        .zip(b.iter().rev())
        .take_while(|(x, y)| x == y)
        .count();
    prefix + suffix + 1 >= a.len().max(b.len())
}

/// The keys of a roster's names and aliases, computed once for every name matched.
struct Keys<'r> {
    names: Vec<String>,
    exact: std::collections::HashMap<String, usize>,
    aliases: std::collections::HashMap<String, (usize, &'r str)>,
}

impl<'r> Keys<'r> {
    fn new(roster: &'r Roster) -> Keys<'r> {
        let names: Vec<String> = roster.entries.iter().map(|e| agency_key(&e.name)).collect();
        let exact = names
            .iter()
            .enumerate()
            .map(|(i, k)| (k.clone(), i))
            .collect();
        let mut aliases = std::collections::HashMap::new();
        for (i, e) in roster.entries.iter().enumerate() {
            for a in &e.aliases {
                aliases.entry(agency_key(a)).or_insert((i, a.as_str()));
            }
        }
        Keys {
            names,
            exact,
            aliases,
        }
    }
}

/// The roster entry a name matches, and how.
#[cfg(test)]
fn match_name(roster: &Roster, name: &str) -> Result<Option<(usize, Matched)>, Vec<usize>> {
    match_key(&Keys::new(roster), name)
}

fn match_key(keys: &Keys, name: &str) -> Result<Option<(usize, Matched)>, Vec<usize>> {
    let key = agency_key(name);
    if key.is_empty() {
        return Ok(None);
    }
    if let Some(&i) = keys.exact.get(&key) {
        return Ok(Some((i, Matched::Exact)));
    }
    if let Some(&(i, a)) = keys.aliases.get(&key) {
        return Ok(Some((i, Matched::Alias(a.to_string()))));
    }
    let near: Vec<usize> = keys
        .names
        .iter()
        .enumerate()
        .filter(|(_, k)| abbreviates(&key, k) || abbreviates(k, &key) || one_off(&key, k))
        .map(|(i, _)| i)
        .collect();
    // A name without its place (`司法局` from a file name `司法局2024年报.xlsx`): the one entry
    // that ends with it, if only one does.
    let near = if near.is_empty() && key.chars().count() >= 3 {
        keys.names
            .iter()
            .enumerate()
            .filter(|(_, k)| k.len() > key.len() && k.ends_with(&key))
            .map(|(i, _)| i)
            .collect()
    } else {
        near
    };
    match near.as_slice() {
        [] => Ok(None),
        [one] => Ok(Some((*one, Matched::Near))),
        _ => Err(near),
    }
}

/// Looks at the round: matches every submission to the roster (when given), and finds missing
/// agencies, strangers, repeats, identical files, mixed years and unnamed reports. A report
/// without a name is never the same agency as another.
pub fn round(subs: &[Submission], roster: Option<&Roster>) -> Round {
    let mut out = Round {
        matches: if roster.is_some() {
            vec![None; subs.len()]
        } else {
            Vec::new()
        },
        ..Round::default()
    };
    let keys = roster.map(Keys::new);
    for (i, s) in subs.iter().enumerate() {
        if agency_key(s.agency).is_empty() {
            out.unnamed.push(i);
            continue;
        }
        if let Some(keys) = &keys {
            match match_key(keys, s.agency) {
                Ok(Some(m)) => out.matches[i] = Some(m),
                Ok(None) => out.unmatched.push(i),
                Err(entries) => out.ambiguous.push((i, entries)),
            }
        }
    }
    if let Some(roster) = roster {
        let mut reported = vec![false; roster.entries.len()];
        for (e, _) in out.matches.iter().flatten() {
            reported[*e] = true;
        }
        out.missing = (0..roster.entries.len())
            .filter(|e| !reported[*e])
            .collect();
    }
    // One agency and year, two files: by roster entry when matched, else by name.
    out.repeated = same_key_groups(0..subs.len(), |i| {
        let key = agency_key(subs[i].agency);
        let year = subs[i].year;
        (!key.is_empty()).then(|| match out.matched(i) {
            Some((e, _)) => format!("\u{0}roster#{e}\u{0}{year:?}"),
            None => format!("{key}\u{0}{year:?}"),
        })
    });
    // Byte-identical files: one submission per file (a file of several reports is one file).
    let mut by_digest: Vec<(u64, usize)> = subs
        .iter()
        .enumerate()
        .map(|(i, s)| (s.digest, i))
        .collect();
    by_digest.sort_unstable();
    let mut identical = Vec::new();
    for run in by_digest.chunk_by(|a, b| a.0 == b.0) {
        if run.len() > 1 {
            let mut group: Vec<usize> = Vec::new();
            for &(_, i) in run {
                if !group.iter().any(|&j| subs[j].file == subs[i].file) {
                    group.push(i);
                }
            }
            if group.len() > 1 {
                identical.push(group);
            }
        }
    }
    drop(by_digest);
    identical.sort();
    out.identical = identical;
    let mut by_year: BTreeMap<Option<i32>, Vec<usize>> = BTreeMap::new();
    for (i, s) in subs.iter().enumerate() {
        by_year.entry(s.year).or_default().push(i);
    }
    let mut years: Vec<(Option<i32>, Vec<usize>)> = by_year.into_iter().collect();
    // The most common year first; among equals, a known year before none, the later first.
    years.sort_by(|a, b| {
        b.1.len()
            .cmp(&a.1.len())
            .then(b.0.is_some().cmp(&a.0.is_some()))
            .then(b.0.cmp(&a.0))
    });
    out.years = years;
    out
}

/// The groups of two or more indices that share a key (`None`: no key, in no group), each
/// group ascending, the groups in the order of their first index. Made by sorting hashes of the
/// keys (16 bytes an index); keys are made again only where hashes meet, so no key is held for
/// every index — the round of a province stays small.
pub fn same_key_groups(
    indices: impl IntoIterator<Item = usize>,
    key_of: impl Fn(usize) -> Option<String>,
) -> Vec<Vec<usize>> {
    use std::hash::{Hash as _, Hasher as _};
    let hash = |key: &str| {
        let mut h = std::collections::hash_map::DefaultHasher::new();
        key.hash(&mut h);
        h.finish()
    };
    let mut hashed: Vec<(u64, usize)> = indices
        .into_iter()
        .filter_map(|i| key_of(i).map(|k| (hash(&k), i)))
        .collect();
    hashed.sort_unstable();
    let mut groups: Vec<Vec<usize>> = Vec::new();
    for same_hash in hashed.chunk_by(|a, b| a.0 == b.0) {
        if same_hash.len() < 2 {
            continue;
        }
        let mut by_key: Vec<(String, Vec<usize>)> = Vec::new();
        for &(_, i) in same_hash {
            let key = key_of(i).unwrap_or_default();
            match by_key.iter_mut().find(|(k, _)| *k == key) {
                Some((_, idx)) => idx.push(i),
                None => by_key.push((key, vec![i])),
            }
        }
        groups.extend(
            by_key
                .into_iter()
                .map(|(_, idx)| idx)
                .filter(|idx| idx.len() > 1),
        );
    }
    groups.sort_unstable_by_key(|idx| idx[0]);
    groups
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rows(text: &str) -> Vec<Vec<String>> {
        text.lines()
            .map(|l| l.split(',').map(str::to_string).collect())
            .collect()
    }

    fn sub<'a>(file: &'a str, agency: &'a str, year: Option<i32>, digest: u64) -> Submission<'a> {
        Submission {
            file,
            digest,
            agency,
            named_by_file: false,
            year,
        }
    }

    #[test]
    fn rosters_as_offices_write_them() {
        let r = roster_from_rows(&rows(
            "\u{feff}序号,单位名称,简称,上级\n1,某某县市场监督管理局,某某县市场监管局、县市监局,县直部门\n\n2,某某县教育局,,县直部门\n3,某某县教育局,,\n",
        ))
        .unwrap();
        assert_eq!(r.entries.len(), 2);
        assert_eq!(r.entries[0].aliases, ["某某县市场监管局", "县市监局"]);
        assert_eq!(r.entries[0].parent.as_deref(), Some("县直部门"));
        assert_eq!(r.duplicates, [("某某县教育局".to_string(), vec![4, 5])]);
        assert_eq!(r.blank_lines, 1);
        // Without a header: names in the first column.
        let r = roster_from_rows(&rows("某某县财政局\n某某县公安局\n")).unwrap();
        assert_eq!(r.entries.len(), 2);
        assert_eq!(r.entries[1].line, 2);
        assert_eq!(
            roster_from_rows(&rows("序号,备注\n1,x\n")),
            Err(RosterError::NoNameColumn {
                header: vec!["序号".into(), "备注".into()]
            })
        );
        assert_eq!(roster_from_rows(&rows("\n,\n")), Err(RosterError::Empty));
    }

    #[test]
    fn the_round_names_every_problem() {
        let roster = roster_from_rows(&rows(
            "单位名称,别名\n某某县市场监督管理局,\n某某县教育局,县教体局\n某某县财政局,\n某某县公安局,\n某某县人民政府办公室,\n",
        ))
        .unwrap();
        let subs = vec![
            sub("a.xlsx", "某某县市场监管局", Some(2024), 1),
            sub("b.xlsx", "县教体局", Some(2024), 2),
            sub("c.xlsx", "某某县财政局", Some(2024), 3),
            sub("c-copy.xlsx", "某某县财政局", Some(2024), 3),
            sub("d.xlsx", "", Some(2024), 4),
            sub("e.xlsx", "", Some(2024), 5),
            sub("f.xlsx", "某某县水利局", Some(2023), 6),
            sub("g.xlsx", "某某县人民政府", None, 7),
        ];
        let r = round(&subs, Some(&roster));
        assert_eq!(r.matches[0], Some((0, Matched::Near)));
        assert_eq!(r.matches[1], Some((1, Matched::Alias("县教体局".into()))));
        assert_eq!(r.matches[2], Some((2, Matched::Exact)));
        // The county government is not its office: no match, and the office is missing.
        assert_eq!(r.unmatched, [6, 7]);
        assert_eq!(r.missing, [3, 4]);
        assert_eq!(r.repeated, [vec![2, 3]]);
        assert_eq!(r.identical, [vec![2, 3]]);
        // Two reports of one file are not two identical files.
        let two = [
            sub("x.csv", "某某县财政局", Some(2024), 9),
            sub("x.csv", "某某县公安局", Some(2024), 9),
        ];
        assert!(round(&two, None).identical.is_empty());
        // Two unnamed reports are never one agency.
        assert_eq!(r.unnamed, [4, 5]);
        assert_eq!(r.main_year(), Some(2024));
        assert!(r.mixed_years());
        assert_eq!(r.years[0], (Some(2024), vec![0, 1, 2, 3, 4, 5]));
        // Without a roster: repeats by name.
        let r = round(&subs, None);
        assert!(r.missing.is_empty() && r.unmatched.is_empty());
        assert_eq!(r.repeated, [vec![2, 3]]);
    }

    #[test]
    fn a_province_sized_round() {
        // 500 agencies expected, 5,000 files: two agencies never reported, one file names an
        // agency not in the roster, and the rest repeat (ten files each).
        let mut text = String::from("单位名称,简称\n");
        for i in 0..500 {
            text.push_str(&format!("某某县第{i}号局,第{i}号局\n"));
        }
        let roster = roster_from_rows(&rows(&text)).unwrap();
        assert_eq!(roster.entries.len(), 500);
        let files: Vec<(String, String)> = (0..5000)
            .map(|n| {
                let a = n % 498;
                let name = if n == 4999 {
                    "某某市另一个局".to_string()
                } else if n % 2 == 0 {
                    format!("某某县第{a}号局")
                } else {
                    format!("第{a}号局")
                };
                (format!("{n}.xlsx"), name)
            })
            .collect();
        let subs: Vec<Submission> = files
            .iter()
            .enumerate()
            .map(|(n, (file, name))| sub(file, name, Some(2024), n as u64))
            .collect();
        let r = round(&subs, Some(&roster));
        assert_eq!(r.missing, [498, 499]);
        assert_eq!(r.unmatched, [4999]);
        assert_eq!(r.repeated.len(), 498);
        assert!(
            r.matches[1]
                .as_ref()
                .is_some_and(|(_, m)| *m == Matched::Alias("第1号局".into()))
        );
    }

    #[test]
    fn groups_of_a_shared_key_in_the_order_of_their_first_index() {
        let keys = ["b", "a", "", "b", "c", "a", "b"];
        let key_of = |i: usize| Some(keys[i].to_string()).filter(|k| !k.is_empty());
        assert_eq!(
            same_key_groups(0..keys.len(), key_of),
            [vec![0, 3, 6], vec![1, 5]]
        );
        // Only the indices given take part.
        assert_eq!(same_key_groups([1, 3, 4, 6], key_of), [vec![3, 6]]);
        assert!(same_key_groups(0..0, key_of).is_empty());
    }

    #[test]
    fn near_names_are_abbreviations_or_typos_never_other_agencies() {
        assert!(abbreviates("某某县市场监管局", "某某县市场监督管理局"));
        assert!(!abbreviates("某某县人民政府", "某某县人民政府办公室"));
        assert!(one_off("某某县交通运输局", "某某县交通运愉局"));
        assert!(!one_off("某某县教育局", "某某县卫健局"));
        assert!(!one_off("某县财政局", "某县民政局"));
        let roster =
            roster_from_rows(&rows("某某县司法局\n某某县财政局\n某某县人民政府办公室\n")).unwrap();
        assert_eq!(match_name(&roster, "司法局"), Ok(Some((0, Matched::Near))));
        // 办公室 ends two names: no guess.
        let roster = roster_from_rows(&rows("某某县人民政府办公室\n某某县教育局办公室\n")).unwrap();
        assert_eq!(match_name(&roster, "办公室"), Err(vec![0, 1]));
    }
}
