//! Text kept on disk rather than in memory: the names a run must account for at its end (each
//! report's file and agency, the files that could not be read), whatever their number. Records
//! of a number (a digest, say) and a few strings are appended to an anonymous temporary file and
//! read back by a [`Spilled`] handle (8 bytes), only for what is printed or compared. Memory
//! holds the handles, a write buffer and a read window of [`CHUNK`] bytes each.
//!
//! The file is made when the first [`CHUNK`] of text is written (a small run never touches the
//! disk). Without a temporary folder, or once writing fails (a full disk), the rest of the text
//! stays in memory: pushing never fails; reading back what was written may
//! ([`SpillError`]).

use std::cell::RefCell;
use std::fs::File;
use std::io::{Read, Seek, SeekFrom, Write};

/// How much text is buffered before it is written, and how much is read at a time.
pub const CHUNK: usize = 64 * 1024;

/// Where a record is in a [`Spill`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Spilled(u64);

/// Text kept aside could not be read back.
#[derive(Debug, thiserror::Error)]
pub enum SpillError {
    /// Reading the temporary file failed.
    #[error("{0}")]
    Io(#[from] std::io::Error),
    /// What was read is not a record (a handle of another spill, or a damaged file).
    #[error("the text kept aside is damaged ({0})")]
    Damaged(&'static str),
}

impl From<SpillError> for std::io::Error {
    fn from(e: SpillError) -> std::io::Error {
        match e {
            SpillError::Io(e) => e,
            e @ SpillError::Damaged(_) => {
                std::io::Error::new(std::io::ErrorKind::InvalidData, e.to_string())
            }
        }
    }
}

/// Records of strings appended to a temporary file (see the module). Not shared between
/// threads: reading moves the file's cursor and its window (kept behind a `RefCell`, so that
/// reading needs no `&mut`).
#[derive(Debug, Default)]
pub struct Spill {
    inner: RefCell<Inner>,
}

#[derive(Debug, Default)]
struct Inner {
    /// The temporary file, once made.
    file: Option<File>,
    /// Whether text may still be written to the file (not before it is made; never again once
    /// writing failed or no file could be made).
    failed: bool,
    /// The bytes in the file: a record before this offset is read from the file.
    on_disk: u64,
    /// The bytes after `on_disk`: not written yet (or never, after a failure).
    tail: Vec<u8>,
    /// Whether the file's cursor is at `on_disk` (reading moves it).
    at_end: bool,
    /// The bytes of the file last read, from `window_at`.
    window: Vec<u8>,
    window_at: u64,
}

impl Spill {
    /// An empty spill (no file until there is enough text to write).
    pub fn new() -> Spill {
        Spill::default()
    }

    /// An empty spill that keeps everything in memory (as one does without a temporary folder).
    #[cfg(test)]
    fn in_memory() -> Spill {
        let spill = Spill::default();
        spill.inner.borrow_mut().failed = true;
        spill
    }

    /// Appends a record of `number` and `texts` and returns where it is.
    pub fn push(&mut self, number: u64, texts: &[&str]) -> Spilled {
        let inner = self.inner.get_mut();
        let at = Spilled(inner.on_disk + inner.tail.len() as u64);
        varint(&mut inner.tail, number);
        varint(&mut inner.tail, texts.len() as u64);
        for t in texts {
            varint(&mut inner.tail, t.len() as u64);
            inner.tail.extend_from_slice(t.as_bytes());
        }
        if inner.tail.len() >= CHUNK {
            inner.flush();
        }
        at
    }

    /// The number and the strings of the record at `at`, as pushed.
    pub fn read(&self, at: Spilled) -> Result<(u64, Vec<String>), SpillError> {
        let mut inner = self.inner.borrow_mut();
        let mut pos = at.0;
        let number = inner.varint(&mut pos)?;
        let n = inner.varint(&mut pos)?;
        // Each string takes a byte at least: a count beyond the text is damage.
        if n > inner.len().saturating_sub(pos) {
            return Err(SpillError::Damaged("a record has more strings than text"));
        }
        let mut out = Vec::with_capacity(n as usize);
        for _ in 0..n {
            let len = inner.varint(&mut pos)?;
            let len = usize::try_from(len).map_err(|_| SpillError::Damaged("a text too long"))?;
            let bytes = inner.bytes(pos, len)?;
            let text = std::str::from_utf8(bytes)
                .map_err(|_| SpillError::Damaged("a text is not UTF-8"))?
                .to_string();
            out.push(text);
            pos += len as u64;
        }
        Ok((number, out))
    }
}

impl Inner {
    /// Every byte pushed.
    fn len(&self) -> u64 {
        self.on_disk + self.tail.len() as u64
    }

    /// Writes the tail to the file (made now if need be). On failure the tail stays in memory,
    /// and so does everything pushed later.
    fn flush(&mut self) {
        if self.failed {
            return;
        }
        if self.file.is_none() {
            match tempfile::tempfile() {
                Ok(f) => {
                    self.file = Some(f);
                    self.at_end = true;
                }
                Err(_) => {
                    self.failed = true;
                    return;
                }
            }
        }
        let Some(file) = self.file.as_mut() else {
            return;
        };
        let written = (|| {
            if !self.at_end {
                file.seek(SeekFrom::Start(self.on_disk))?;
            }
            file.write_all(&self.tail)
        })();
        match written {
            Ok(()) => {
                self.on_disk += self.tail.len() as u64;
                self.tail.clear();
                self.at_end = true;
            }
            // Part of the tail may be in the file: it is never read from there.
            Err(_) => self.failed = true,
        }
    }

    /// `len` bytes from `at`: from the tail, or from the file through the window.
    fn bytes(&mut self, at: u64, len: usize) -> Result<&[u8], SpillError> {
        let end = at
            .checked_add(len as u64)
            .filter(|&end| end <= self.len())
            .ok_or(SpillError::Damaged("a record runs past the text"))?;
        if at >= self.on_disk {
            let from = (at - self.on_disk) as usize;
            return Ok(&self.tail[from..from + len]);
        }
        if end > self.on_disk {
            return Err(SpillError::Damaged("a record runs past the file"));
        }
        let window_end = self.window_at + self.window.len() as u64;
        if at < self.window_at || end > window_end {
            let Some(file) = self.file.as_mut() else {
                return Err(SpillError::Damaged("no file to read"));
            };
            let want = len.max(CHUNK).min((self.on_disk - at) as usize);
            self.at_end = false;
            file.seek(SeekFrom::Start(at))?;
            self.window.resize(want, 0);
            file.read_exact(&mut self.window)?;
            self.window_at = at;
        }
        let from = (at - self.window_at) as usize;
        Ok(&self.window[from..from + len])
    }

    /// A varint at `*pos`, moving `*pos` past it.
    fn varint(&mut self, pos: &mut u64) -> Result<u64, SpillError> {
        let mut n: u64 = 0;
        for shift in (0..64).step_by(7) {
            let b = self.bytes(*pos, 1)?[0];
            *pos += 1;
            n |= u64::from(b & 0x7F) << shift;
            if b & 0x80 == 0 {
                return Ok(n);
            }
        }
        Err(SpillError::Damaged("a number is too long"))
    }
}

fn varint(out: &mut Vec<u8>, mut n: u64) {
    while n >= 0x80 {
        out.push((n as u8) | 0x80);
        n >>= 7;
    }
    out.push(n as u8);
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Records of every size, some longer than a chunk, read back in any order.
    fn records() -> Vec<(u64, Vec<String>)> {
        (0..3000u64)
            .map(|i| {
                let texts = match i % 4 {
                    0 => vec![format!("各单位/{i:06}.xlsx"), format!("某某县第{i}号局")],
                    1 => vec![format!("{i}")],
                    2 => vec![
                        String::new(),
                        "x".repeat(i as usize * 37 % 300),
                        "\n“名”".into(),
                    ],
                    _ if i == 1999 => vec!["长".repeat(CHUNK)],
                    _ => Vec::new(),
                };
                (i.wrapping_mul(0x9E37_79B9_7F4A_7C15), texts)
            })
            .collect()
    }

    fn round_trip(mut spill: Spill) -> Spill {
        let records = records();
        let handles: Vec<Spilled> = records
            .iter()
            .map(|(n, r)| spill.push(*n, &r.iter().map(String::as_str).collect::<Vec<_>>()))
            .collect();
        // Backwards, then forwards, then every seventh: the window is refilled as needed.
        for i in (0..records.len()).rev().chain(0..records.len()) {
            assert_eq!(spill.read(handles[i]).unwrap(), records[i], "record {i}");
        }
        for i in (0..records.len()).step_by(7) {
            assert_eq!(spill.read(handles[i]).unwrap(), records[i], "record {i}");
        }
        spill
    }

    #[test]
    fn records_read_back_as_pushed_from_the_file_and_the_tail() {
        let spill = round_trip(Spill::new());
        let inner = spill.inner.borrow();
        // Most of the text went to the file; memory keeps less than a chunk of it unwritten.
        assert!(inner.file.is_some() && !inner.failed);
        assert!(inner.on_disk > 4 * CHUNK as u64, "{}", inner.on_disk);
        assert!(inner.tail.len() < CHUNK);
    }

    #[test]
    fn without_a_file_the_text_stays_in_memory() {
        let spill = round_trip(Spill::in_memory());
        let inner = spill.inner.borrow();
        assert!(inner.file.is_none());
        assert_eq!(inner.on_disk, 0);
    }

    #[test]
    fn pushing_after_reading_appends_at_the_end() {
        let mut spill = Spill::new();
        let big = "甲".repeat(CHUNK);
        let a = spill.push(1, &[&big]);
        assert_eq!(spill.read(a).unwrap(), (1, vec![big.clone()]));
        // The read moved the file's cursor; the next chunk still goes after the first.
        let b = spill.push(u64::MAX, &[&big, "乙"]);
        let c = spill.push(0, &["丙"]);
        assert_eq!(
            spill.read(b).unwrap(),
            (u64::MAX, vec![big.clone(), "乙".into()])
        );
        assert_eq!(spill.read(a).unwrap(), (1, vec![big]));
        assert_eq!(spill.read(c).unwrap(), (0, vec!["丙".into()]));
    }

    #[test]
    fn a_handle_that_is_not_a_record_is_damage_not_a_panic() {
        let mut spill = Spill::new();
        let a = spill.push(7, &["某某县财政局"]);
        assert!(matches!(
            spill.read(Spilled(a.0 + 100)),
            Err(SpillError::Damaged(_))
        ));
        // Inside a string: its bytes read as a count and lengths that do not fit.
        assert!(spill.read(Spilled(a.0 + 4)).is_err());
        let e: std::io::Error = SpillError::Damaged("x").into();
        assert_eq!(e.kind(), std::io::ErrorKind::InvalidData);
    }
}
