//! The member reports of a summary kept aside in a temporary file (removed when dropped), so
//! that `aggregate` holds in memory only a few fixed-size facts of each report, whatever their
//! number. A record holds a report's [`Head`] (its file's and agency's names, its headline and
//! counts: what the round names and the outputs write), its values (small whole numbers in a
//! byte or two) and, for a summary workbook, its rows of 校验结果 rendered while the report
//! still knew where its values came from.
//!
//! Records are appended by the workers in the order they finish (each file's records together)
//! and read back by offset, in the order of the members.

use std::fs::File;
use std::io::{BufReader, BufWriter, Read, Seek, SeekFrom, Write};
use std::sync::Mutex;

use rust_decimal::Decimal;
use zfxxgk_core::rules::Severity;
use zfxxgk_core::{CellValue, Edition, Report};
use zfxxgk_excel::write::SummaryLine;

/// Where a record is in the store.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct At(u64);

/// The temporary file the records are written to; readable once writing is done
/// ([`Store::reader`]).
#[derive(Debug)]
pub struct Store {
    state: Mutex<Writing>,
}

#[derive(Debug)]
struct Writing {
    file: BufWriter<File>,
    len: u64,
    /// The first error writing (a full disk): every later record is lost, and the run says so.
    failed: Option<std::io::Error>,
}

impl Store {
    /// A store in a new temporary file (in the system's temporary folder; removed on drop, and
    /// by the system when the process ends).
    pub fn new() -> std::io::Result<Store> {
        Ok(Store {
            state: Mutex::new(Writing {
                file: BufWriter::with_capacity(1 << 16, tempfile::tempfile()?),
                len: 0,
                failed: None,
            }),
        })
    }

    /// Appends encoded records (see [`encode`]) and returns where the first begins; the others
    /// follow at the offsets [`encode`] returned.
    pub fn append(&self, bytes: &[u8]) -> At {
        let mut w = self.state.lock().unwrap_or_else(|e| e.into_inner());
        let at = At(w.len);
        if w.failed.is_none() {
            match w.file.write_all(bytes) {
                Ok(()) => w.len += bytes.len() as u64,
                Err(e) => w.failed = Some(e),
            }
        }
        at
    }

    /// The records for reading, once every record is written.
    pub fn reader(self) -> std::io::Result<Reader> {
        let w = self.state.into_inner().unwrap_or_else(|e| e.into_inner());
        if let Some(e) = w.failed {
            return Err(e);
        }
        let mut file = w.file.into_inner().map_err(|e| e.into_error())?;
        file.seek(SeekFrom::Start(0))?;
        Ok(Reader {
            file: BufReader::with_capacity(1 << 16, file),
            pos: 0,
            scratch: Vec::new(),
        })
    }
}

impl At {
    /// The record `offset` bytes after `self` (offsets from [`encode`]).
    pub fn plus(self, offset: usize) -> At {
        At(self.0 + offset as u64)
    }
}

fn varint(out: &mut Vec<u8>, mut n: u64) {
    while n >= 0x80 {
        out.push((n as u8) | 0x80);
        n >>= 7;
    }
    out.push(n as u8);
}

fn string(out: &mut Vec<u8>, s: &str) {
    varint(out, s.len() as u64);
    out.extend_from_slice(s.as_bytes());
}

/// What a record says of its report besides its values and rows: read back whenever a name is
/// printed or compared, never kept for every report.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Head {
    /// The file it was read from, as shown.
    pub file: String,
    /// The agency as the report names it.
    pub agency: String,
    /// For a report with errors, its line in what `aggregate` prints.
    pub headline: Option<String>,
    /// Errors: findings and import issues.
    pub errors: u32,
    /// Warnings: findings and import issues.
    pub warnings: u32,
    /// A digest of its file's bytes (byte-identical files have the same).
    pub digest: u64,
}

const BLANK: u8 = 0;
const WHOLE: u8 = 1;
const NUMBER: u8 = 2;
const PLACEHOLDER: u8 = 3;
const TEXT: u8 = 4;

/// Appends a record of a report's head, values and rows of 校验结果 to `out` and returns its
/// offset in `out`. Each section starts with its length, so that a pass needing one skips the
/// others.
pub fn encode(head: &Head, report: &Report, lines: &[SummaryLine], out: &mut Vec<u8>) -> usize {
    let start = out.len();
    out.push(
        Edition::ALL
            .iter()
            .position(|e| *e == report.edition)
            .unwrap_or(0) as u8,
    );
    let mut section = Vec::with_capacity(512);
    string(&mut section, &head.file);
    string(&mut section, &head.agency);
    match &head.headline {
        None => section.push(0),
        Some(h) => {
            section.push(1);
            string(&mut section, h);
        }
    }
    varint(&mut section, u64::from(head.errors));
    varint(&mut section, u64::from(head.warnings));
    section.extend_from_slice(&head.digest.to_le_bytes());
    varint(out, section.len() as u64);
    out.extend_from_slice(&section);
    section.clear();
    for (_, value) in report.cells() {
        match value {
            CellValue::Blank => section.push(BLANK),
            CellValue::Number(d) => match u64::try_from(d.mantissa()) {
                // A whole number as it is stored (scale 0, not negative): a varint.
                Ok(n) if d.scale() == 0 && !d.is_sign_negative() => {
                    section.push(WHOLE);
                    varint(&mut section, n);
                }
                _ => {
                    section.push(NUMBER);
                    section.extend_from_slice(&d.serialize());
                }
            },
            CellValue::Placeholder(s) => {
                section.push(PLACEHOLDER);
                string(&mut section, s);
            }
            CellValue::Text(s) => {
                section.push(TEXT);
                string(&mut section, s);
            }
        }
    }
    varint(out, section.len() as u64);
    out.extend_from_slice(&section);
    section.clear();
    varint(&mut section, lines.len() as u64);
    for l in lines {
        section.push(u8::from(l.severity == Severity::Warning));
        for s in [&l.code, &l.message, &l.position, &l.ids] {
            string(&mut section, s);
        }
    }
    varint(out, section.len() as u64);
    out.extend_from_slice(&section);
    start
}

/// Reads records back (see [`Store::reader`]).
#[derive(Debug)]
pub struct Reader {
    file: BufReader<File>,
    pos: u64,
    scratch: Vec<u8>,
}

fn damaged(what: &str) -> std::io::Error {
    std::io::Error::new(std::io::ErrorKind::InvalidData, what.to_string())
}

/// Reads from a slice of a record.
struct Bytes<'a>(&'a [u8]);

impl<'a> Bytes<'a> {
    fn take(&mut self, n: usize) -> std::io::Result<&'a [u8]> {
        if self.0.len() < n {
            return Err(damaged("a record ends early"));
        }
        let (a, b) = self.0.split_at(n);
        self.0 = b;
        Ok(a)
    }

    fn byte(&mut self) -> std::io::Result<u8> {
        Ok(self.take(1)?[0])
    }

    fn varint(&mut self) -> std::io::Result<u64> {
        let mut n: u64 = 0;
        for shift in (0..64).step_by(7) {
            let b = self.byte()?;
            n |= u64::from(b & 0x7F) << shift;
            if b & 0x80 == 0 {
                return Ok(n);
            }
        }
        Err(damaged("a number is too long"))
    }

    fn string(&mut self) -> std::io::Result<String> {
        let n = usize::try_from(self.varint()?).map_err(|_| damaged("a text is too long"))?;
        String::from_utf8(self.take(n)?.to_vec()).map_err(|_| damaged("a text is not UTF-8"))
    }
}

impl Reader {
    fn seek(&mut self, at: At) -> std::io::Result<()> {
        if at.0 != self.pos {
            let delta = i64::try_from(at.0).map_err(|_| damaged("offset"))?
                - i64::try_from(self.pos).map_err(|_| damaged("offset"))?;
            self.file.seek_relative(delta)?;
            self.pos = at.0;
        }
        Ok(())
    }

    fn varint(&mut self) -> std::io::Result<u64> {
        let mut n: u64 = 0;
        for shift in (0..64).step_by(7) {
            let mut b = [0u8];
            self.file.read_exact(&mut b)?;
            self.pos += 1;
            n |= u64::from(b[0] & 0x7F) << shift;
            if b[0] & 0x80 == 0 {
                return Ok(n);
            }
        }
        Err(damaged("a number is too long"))
    }

    /// Reads the next section into the scratch buffer, or skips it.
    fn section(&mut self, wanted: bool) -> std::io::Result<()> {
        let n = self.varint()?;
        if wanted {
            let n = usize::try_from(n).map_err(|_| damaged("a section is too long"))?;
            self.scratch.resize(n, 0);
            self.file.read_exact(&mut self.scratch)?;
        } else {
            self.file
                .seek_relative(i64::try_from(n).map_err(|_| damaged("offset"))?)?;
        }
        self.pos += n;
        Ok(())
    }

    /// Reads the head of the record at `at` into `head` (its values and rows are not read).
    pub fn head(&mut self, at: At, head: &mut Head) -> std::io::Result<()> {
        self.seek(at)?;
        self.edition()?;
        self.read_head(head)
    }

    /// Reads the record at `at`: its head into `head`; its values into `report` when given (made
    /// anew when its edition differs; agency and year are the caller's); its rows of 校验结果
    /// into `lines` when given.
    pub fn read(
        &mut self,
        at: At,
        head: &mut Head,
        report: Option<&mut Report>,
        lines: Option<&mut Vec<SummaryLine>>,
    ) -> std::io::Result<()> {
        self.seek(at)?;
        let edition = self.edition()?;
        self.read_head(head)?;
        self.section(report.is_some())?;
        if let Some(report) = report {
            if report.edition != edition {
                *report = Report::new(edition);
            }
            let mut b = Bytes(&self.scratch);
            for cell in edition.layout().cells() {
                let v = match b.byte()? {
                    BLANK => CellValue::Blank,
                    WHOLE => CellValue::Number(Decimal::from(b.varint()?)),
                    NUMBER => {
                        let mut raw = [0u8; 16];
                        raw.copy_from_slice(b.take(16)?);
                        CellValue::Number(Decimal::deserialize(raw))
                    }
                    PLACEHOLDER => CellValue::Placeholder(b.string()?),
                    TEXT => CellValue::Text(b.string()?),
                    _ => return Err(damaged("an unknown kind of value")),
                };
                report.set(cell, v);
            }
        }
        if let Some(out) = lines {
            out.clear();
            self.section(true)?;
            let mut b = Bytes(&self.scratch);
            let n = b.varint()?;
            for _ in 0..n {
                let severity = match b.byte()? {
                    0 => Severity::Error,
                    _ => Severity::Warning,
                };
                out.push(SummaryLine {
                    severity,
                    code: b.string()?,
                    message: b.string()?,
                    position: b.string()?,
                    ids: b.string()?,
                });
            }
        }
        Ok(())
    }

    /// The edition byte a record starts with.
    fn edition(&mut self) -> std::io::Result<Edition> {
        let mut edition = [0u8];
        self.file.read_exact(&mut edition)?;
        self.pos += 1;
        Edition::ALL
            .get(usize::from(edition[0]))
            .copied()
            .ok_or_else(|| damaged("an unknown edition"))
    }

    /// The head section, next.
    fn read_head(&mut self, head: &mut Head) -> std::io::Result<()> {
        self.section(true)?;
        let mut b = Bytes(&self.scratch);
        head.file = b.string()?;
        head.agency = b.string()?;
        head.headline = match b.byte()? {
            0 => None,
            _ => Some(b.string()?),
        };
        let count = |n: u64| u32::try_from(n).map_err(|_| damaged("a count is too large"));
        head.errors = count(b.varint()?)?;
        head.warnings = count(b.varint()?)?;
        let mut digest = [0u8; 8];
        digest.copy_from_slice(b.take(8)?);
        head.digest = u64::from_le_bytes(digest);
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn records_read_back_as_written_in_any_order() {
        let mut a = Report::new(Edition::V2021);
        let cells = a.layout().cells();
        a.set(&cells[0], CellValue::int(7));
        a.set(&cells[1], CellValue::parse_plain("0.35"));
        a.set(&cells[2], CellValue::Placeholder("/".into()));
        a.set(&cells[3], CellValue::Text("见附件".into()));
        a.set(&cells[4], CellValue::int(-3));
        a.set(&cells[5], CellValue::int(300_000));
        a.set(&cells[6], CellValue::parse_plain("1e3"));
        let mut b = Report::new(Edition::V2019);
        b.set(&b.layout().cells()[0], CellValue::int(1));
        let line = SummaryLine {
            severity: Severity::Warning,
            code: "T3-BALANCE".into(),
            message: "表三不平衡".into(),
            position: "工作表“表三”D7".into(),
            ids: "a\nb".into(),
        };
        let head_a = Head {
            file: "各单位/甲.xlsx".into(),
            agency: "某某县甲局".into(),
            headline: None,
            errors: 0,
            warnings: 3,
            digest: u64::MAX,
        };
        let head_b = Head {
            file: "b.json".into(),
            agency: String::new(),
            headline: Some("（未填机关名称）：1 个错误".into()),
            errors: 1,
            warnings: 0,
            digest: 0x0123_4567_89ab_cdef,
        };
        let store = Store::new().unwrap();
        let mut buf = Vec::new();
        let first = encode(&head_a, &a, &[], &mut buf);
        let second = encode(&head_b, &b, std::slice::from_ref(&line), &mut buf);
        let base = store.append(b"junk");
        assert_eq!(base, At(0));
        let base = store.append(&buf);
        let mut r = store.reader().unwrap();
        let mut report = Report::new(Edition::V2021);
        let mut lines = Vec::new();
        let mut head = Head::default();
        r.read(
            base.plus(second),
            &mut head,
            Some(&mut report),
            Some(&mut lines),
        )
        .unwrap();
        assert_eq!((&head, &report), (&head_b, &b));
        assert_eq!(lines, [line]);
        r.read(
            base.plus(first),
            &mut head,
            Some(&mut report),
            Some(&mut lines),
        )
        .unwrap();
        assert_eq!((&head, &report), (&head_a, &a));
        assert!(lines.is_empty());
        // Values skipped: the report is left as it was.
        r.read(base.plus(second), &mut head, None, None).unwrap();
        assert_eq!((&head, &report), (&head_b, &a));
        // The head alone, in any order.
        r.head(base.plus(first), &mut head).unwrap();
        assert_eq!(head, head_a);
        r.head(base.plus(second), &mut head).unwrap();
        assert_eq!(head, head_b);
    }
}
