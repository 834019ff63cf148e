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

/// The reports of a round as the round reads them, by index: the year at hand; the agency name
/// and the file's digest read once each (the names to match the roster and to key the repeats,
/// the digests to find identical files), and again only for the few whose hashes meet; the file
/// names only within groups of identical bytes. A caller with many reports keeps all but the
/// year on disk and reads them back here (`Error`: what reading may fail with); [`Submission`]
/// is the simple kind, in memory.
pub trait Submissions {
    /// What reading may fail with.
    type Error;

    /// How many reports there are.
    fn count(&self) -> usize;

    /// The year of report `i`.
    fn year(&self, i: usize) -> Option<i32>;

    /// A digest of the bytes of report `i`'s file (byte-identical files have the same).
    fn digest(&mut self, i: usize) -> Result<u64, Self::Error>;

    /// The agency report `i` names (empty when none).
    fn agency(&mut self, i: usize) -> Result<String, Self::Error>;

    /// The file report `i` was read from (the reports of one file share it).
    fn file(&mut self, i: usize) -> Result<String, Self::Error>;
}

/// One file's report as the round sees it, borrowed from what the caller keeps: the simple
/// [`Submissions`], a slice of these.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Submission<'a> {
    /// The file.
    pub file: &'a str,
    /// A digest of the file's bytes (byte-identical files have the same).
    pub digest: u64,
    /// The agency name read (empty when none).
    pub agency: &'a str,
    /// The report year.
    pub year: Option<i32>,
}

impl Submissions for [Submission<'_>] {
    type Error = std::convert::Infallible;

    fn count(&self) -> usize {
        self.len()
    }

    fn year(&self, i: usize) -> Option<i32> {
        self[i].year
    }

    fn digest(&mut self, i: usize) -> Result<u64, Self::Error> {
        Ok(self[i].digest)
    }

    fn agency(&mut self, i: usize) -> Result<String, Self::Error> {
        Ok(self[i].agency.to_string())
    }

    fn file(&mut self, i: usize) -> Result<String, Self::Error> {
        Ok(self[i].file.to_string())
    }
}

/// What the round found. Its lists hold the reports it names (problems are few); what concerns
/// every report is kept in a few bytes each (the roster entry matched) or counted (the years).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Round {
    /// With a roster, for each submission the roster entry it matched, plus one (0: none);
    /// empty without a roster. [`Round::matched`] reads it.
    matched: Vec<u32>,
    /// How the submissions matched other than exactly were matched, by submission.
    how: Vec<(usize, Matched)>,
    /// Roster entries no submission of the round's year matched: 未报送 (those that sent another
    /// year's report only are in [`Round::other_year_only`] too).
    pub missing: Vec<usize>,
    /// Roster entries whose every submission is for a year other than the round's
    /// ([`Round::main_year`]): (entry, a year it sent).
    pub other_year_only: Vec<(usize, Option<i32>)>,
    /// Submissions with a name that matches no roster entry.
    pub unmatched: Vec<usize>,
    /// Submissions whose near name fits several entries: (submission, entries).
    pub ambiguous: Vec<(usize, Vec<usize>)>,
    /// Groups of submissions of one agency and year (two files from one agency).
    pub repeated: Vec<Vec<usize>>,
    /// Groups of byte-identical files.
    pub identical: Vec<Vec<usize>>,
    /// How many submissions each year has, the most common year first (`None`: no year). Which
    /// they are is [`Submissions::year`]'s to say.
    pub years: Vec<(Option<i32>, usize)>,
    /// Submissions without an agency name.
    pub unnamed: Vec<usize>,
}

/// How every exact match is told.
const EXACT: &Matched = &Matched::Exact;

impl Round {
    /// The year most reports are for, if there is one.
    pub fn main_year(&self) -> Option<i32> {
        self.years.iter().find_map(|(y, _)| *y)
    }

    /// The roster entry submission `i` matched, and how.
    pub fn matched(&self, i: usize) -> Option<(usize, &Matched)> {
        let entry = usize::try_from(*self.matched.get(i)?)
            .ok()?
            .checked_sub(1)?;
        let how = match self.how.binary_search_by_key(&i, |(s, _)| *s) {
            Ok(k) => &self.how[k].1,
            Err(_) => EXACT,
        };
        Some((entry, how))
    }

    /// Every submission matched to the roster, in order: (submission, entry, how).
    pub fn matches(&self) -> impl Iterator<Item = (usize, usize, &Matched)> + '_ {
        (0..self.matched.len()).filter_map(|i| self.matched(i).map(|(e, how)| (i, e, how)))
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
    match_key(&Keys::new(roster), &agency_key(name))
}

/// The roster entry a name's key ([`agency_key`]) matches, and how.
fn match_key(keys: &Keys, key: &str) -> Result<Option<(usize, Matched)>, Vec<usize>> {
    if key.is_empty() {
        return Ok(None);
    }
    if let Some(&i) = keys.exact.get(key) {
        return Ok(Some((i, Matched::Exact)));
    }
    if let Some(&(i, a)) = keys.aliases.get(key) {
        return Ok(Some((i, Matched::Alias(a.to_string()))));
    }
    let near: Vec<usize> = keys
        .names
        .iter()
        .enumerate()
        .filter(|(_, k)| abbreviates(key, k) || abbreviates(k, key) || one_off(key, k))
        .map(|(i, _)| i)
        .collect();
    // A name without its place (`司法局` from a file name `司法局2024年报.xlsx`): the one entry
    // that ends with it, if only one does.
    let near = if near.is_empty() && key.chars().count() >= 3 {
        keys.names
            .iter()
            .enumerate()
            .filter(|(_, k)| k.len() > key.len() && k.ends_with(key))
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
/// without a name is never the same agency as another. Each agency name and digest is read
/// once, a name again only where the hashes of two keys meet; file names only within groups of
/// identical bytes. Besides what it returns, the round holds 16 bytes a submission while it
/// sorts (the repeats, then the digests).
pub fn round<S: Submissions + ?Sized>(
    subs: &mut S,
    roster: Option<&Roster>,
) -> Result<Round, S::Error> {
    let n = subs.count();
    let mut out = Round {
        matched: if roster.is_some() {
            vec![0; n]
        } else {
            Vec::new()
        },
        ..Round::default()
    };
    let keys = roster.map(Keys::new);
    // One agency and year, two files: by roster entry when matched, else by name.
    let repeat_key = |key: &str, entry: Option<usize>, year: Option<i32>| match entry {
        Some(e) => format!("\u{0}roster#{e}\u{0}{year:?}"),
        None => format!("{key}\u{0}{year:?}"),
    };
    let mut repeated = SameKey::with_capacity(n);
    for i in 0..n {
        let key = agency_key(&subs.agency(i)?);
        if key.is_empty() {
            out.unnamed.push(i);
            continue;
        }
        if let Some(keys) = &keys {
            match match_key(keys, &key) {
                Ok(Some((e, how))) => {
                    // An entry beyond u32 (a roster of billions) is never matched.
                    out.matched[i] = u32::try_from(e + 1).unwrap_or(0);
                    if how != Matched::Exact {
                        out.how.push((i, how));
                    }
                }
                Ok(None) => out.unmatched.push(i),
                Err(entries) => out.ambiguous.push((i, entries)),
            }
        }
        let entry = out.matched(i).map(|(e, _)| e);
        repeated.add(i, &repeat_key(&key, entry, subs.year(i)));
    }
    out.repeated = repeated.groups(|i| {
        let key = agency_key(&subs.agency(i)?);
        let entry = out.matched(i).map(|(e, _)| e);
        Ok(repeat_key(&key, entry, subs.year(i)))
    })?;
    // Byte-identical files: one submission per file (a file of several reports is one file).
    let mut by_digest: Vec<(u64, usize)> = Vec::with_capacity(n);
    for i in 0..n {
        by_digest.push((subs.digest(i)?, i));
    }
    by_digest.sort_unstable();
    let mut identical = Vec::new();
    for run in by_digest.chunk_by(|a, b| a.0 == b.0) {
        if run.len() > 1 {
            let mut group: Vec<usize> = Vec::new();
            let mut files: Vec<String> = Vec::new();
            for &(_, i) in run {
                let file = subs.file(i)?;
                if !files.contains(&file) {
                    files.push(file);
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
    let mut by_year: BTreeMap<Option<i32>, usize> = BTreeMap::new();
    for i in 0..n {
        *by_year.entry(subs.year(i)).or_default() += 1;
    }
    let mut years: Vec<(Option<i32>, usize)> = by_year.into_iter().collect();
    // The most common year first; among equals, a known year before none, the later first.
    years.sort_by(|a, b| {
        b.1.cmp(&a.1)
            .then(b.0.is_some().cmp(&a.0.is_some()))
            .then(b.0.cmp(&a.0))
    });
    out.years = years;
    if let Some(roster) = roster {
        // Reported: a report of the round's year matched the entry; another year's only is not.
        let main = out.main_year();
        let mut reported = vec![false; roster.entries.len()];
        let mut other: Vec<Option<Option<i32>>> = vec![None; roster.entries.len()];
        for (i, e, _) in out.matches() {
            let year = subs.year(i);
            if main.is_none() || year == main {
                reported[e] = true;
            } else if other[e].is_none() {
                other[e] = Some(year);
            }
        }
        out.missing = (0..roster.entries.len())
            .filter(|e| !reported[*e])
            .collect();
        out.other_year_only = out
            .missing
            .iter()
            .filter_map(|&e| other[e].map(|y| (e, y)))
            .collect();
    }
    Ok(out)
}

/// The groups of two or more indices that share a key, found without holding a key for every
/// index: [`SameKey::add`] keeps a hash of each key (16 bytes an index), and
/// [`SameKey::groups`] sorts them and makes the keys again only where hashes meet — so a round
/// of a province stays small, and a caller that keeps its names on disk reads back only those.
#[derive(Debug, Default)]
pub struct SameKey {
    hashed: Vec<(u64, usize)>,
}

impl SameKey {
    /// Room for `n` indices.
    pub fn with_capacity(n: usize) -> SameKey {
        SameKey {
            hashed: Vec::with_capacity(n),
        }
    }

    /// Index `i` has `key`.
    pub fn add(&mut self, i: usize, key: &str) {
        self.hashed.push((key_hash(key), i));
    }

    /// The groups of two or more indices with the same key, each ascending, the groups in the
    /// order of their first index. `key_of(i)` makes index `i`'s key again (the one given to
    /// [`SameKey::add`]); it is asked only for indices whose hash another shares.
    pub fn groups<E>(
        mut self,
        mut key_of: impl FnMut(usize) -> Result<String, E>,
    ) -> Result<Vec<Vec<usize>>, E> {
        self.hashed.sort_unstable();
        let mut groups: Vec<Vec<usize>> = Vec::new();
        for same_hash in self.hashed.chunk_by(|a, b| a.0 == b.0) {
            if same_hash.len() < 2 {
                continue;
            }
            let mut by_key: Vec<(String, Vec<usize>)> = Vec::new();
            for &(_, i) in same_hash {
                let key = key_of(i)?;
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
        Ok(groups)
    }
}

/// The hash [`SameKey`] sorts by.
fn key_hash(key: &str) -> u64 {
    use std::hash::{Hash as _, Hasher as _};
    let mut h = std::collections::hash_map::DefaultHasher::new();
    key.hash(&mut h);
    h.finish()
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
            year,
        }
    }

    /// The round of submissions in memory.
    fn round(subs: &[Submission], roster: Option<&Roster>) -> Round {
        match super::round(&mut subs.to_vec()[..], roster) {
            Ok(r) => r,
            Err(never) => match never {},
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

    /// An agency that sent only another year's report has not reported this year's.
    #[test]
    fn another_year_only_is_not_reported() {
        let roster = roster_from_rows(&rows(
            "单位名称\n某某县林业局\n某某县财政局\n某某县教育局\n",
        ))
        .unwrap();
        let subs = vec![
            sub("a.xlsx", "某某县林业局", Some(2023), 1),
            sub("b.xlsx", "某某县财政局", Some(2024), 2),
            sub("c.xlsx", "某某县教育局", Some(2024), 3),
            sub("d.xlsx", "某某县教育局", Some(2023), 4),
        ];
        let r = round(&subs, Some(&roster));
        assert_eq!(r.main_year(), Some(2024));
        assert_eq!(r.missing, [0]);
        assert_eq!(r.other_year_only, [(0, Some(2023))]);
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
        assert_eq!(r.matched(0), Some((0, &Matched::Near)));
        assert_eq!(r.matched(1), Some((1, &Matched::Alias("县教体局".into()))));
        assert_eq!(r.matched(2), Some((2, &Matched::Exact)));
        assert_eq!(r.matched(4), None);
        let matches: Vec<(usize, usize)> = r.matches().map(|(s, e, _)| (s, e)).collect();
        assert_eq!(matches, [(0, 0), (1, 1), (2, 2), (3, 2)]);
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
        assert_eq!(r.years, [(Some(2024), 6), (Some(2023), 1), (None, 1)]);
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
        assert_eq!(r.matched(1), Some((1, &Matched::Alias("第1号局".into()))));
    }

    #[test]
    fn groups_of_a_shared_key_in_the_order_of_their_first_index() {
        let keys = ["b", "a", "", "b", "c", "a", "b"];
        let groups = |indices: &[usize]| {
            let mut same = SameKey::default();
            for &i in indices.iter().filter(|&&i| !keys[i].is_empty()) {
                same.add(i, keys[i]);
            }
            let mut asked = Vec::new();
            let groups = same.groups(|i| {
                asked.push(i);
                Ok::<_, ()>(keys[i].to_string())
            });
            asked.sort();
            (groups, asked)
        };
        // Keys are made again only for indices whose hash another shares.
        assert_eq!(
            groups(&[0, 1, 2, 3, 4, 5, 6]),
            (Ok(vec![vec![0, 3, 6], vec![1, 5]]), vec![0, 1, 3, 5, 6])
        );
        // Only the indices given take part.
        assert_eq!(groups(&[1, 3, 4, 6]), (Ok(vec![vec![3, 6]]), vec![3, 6]));
        assert_eq!(groups(&[]), (Ok(vec![]), vec![]));
        // A key that cannot be made again ends the grouping with its error.
        let mut same = SameKey::default();
        same.add(0, "a");
        same.add(1, "a");
        assert_eq!(same.groups(Err), Err(0));
    }

    /// Submissions whose names are read from somewhere that may fail, counting the reads.
    struct Counted<'a> {
        subs: &'a [Submission<'a>],
        agency_reads: usize,
        digest_reads: usize,
        file_reads: usize,
        fail_at: Option<usize>,
    }

    impl Submissions for Counted<'_> {
        type Error = usize;

        fn count(&self) -> usize {
            self.subs.len()
        }

        fn year(&self, i: usize) -> Option<i32> {
            self.subs[i].year
        }

        fn digest(&mut self, i: usize) -> Result<u64, usize> {
            self.digest_reads += 1;
            Ok(self.subs[i].digest)
        }

        fn agency(&mut self, i: usize) -> Result<String, usize> {
            self.agency_reads += 1;
            if self.fail_at == Some(i) {
                return Err(i);
            }
            Ok(self.subs[i].agency.to_string())
        }

        fn file(&mut self, i: usize) -> Result<String, usize> {
            self.file_reads += 1;
            Ok(self.subs[i].file.to_string())
        }
    }

    #[test]
    fn names_are_read_once_and_again_only_where_they_are_compared() {
        let files: Vec<String> = (0..1000).map(|i| format!("{i}.xlsx")).collect();
        let agencies: Vec<String> = (0..1000).map(|i| format!("某某县第{i}号局")).collect();
        let mut subs: Vec<Submission> = (0..1000)
            .map(|i| sub(&files[i], &agencies[i], Some(2024), i as u64))
            .collect();
        // One agency twice, one file copied, one report of the copied file's file.
        subs[10].agency = &agencies[20];
        subs[30].digest = 40;
        subs.push(sub(&files[40], "某某县另一个局", Some(2024), 40));
        let mut counted = Counted {
            subs: &subs,
            agency_reads: 0,
            digest_reads: 0,
            file_reads: 0,
            fail_at: None,
        };
        let r = super::round(&mut counted, None).unwrap();
        assert_eq!(r.repeated, [vec![10, 20]]);
        assert_eq!(r.identical, [vec![30, 40]]);
        assert_eq!(r.years, [(Some(2024), 1001)]);
        // Every agency and digest once, the two repeats again; the files of one digest only.
        assert_eq!(
            (
                counted.agency_reads,
                counted.digest_reads,
                counted.file_reads
            ),
            (1003, 1001, 3)
        );
        // A name that cannot be read ends the round with its error.
        counted.fail_at = Some(500);
        assert_eq!(super::round(&mut counted, None), Err(500));
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
