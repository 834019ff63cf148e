//! The fuzz targets of zfxxgk's readers, shared by the libFuzzer harness (`fuzz/libfuzzer`, run by
//! `cargo xtask fuzz`), the driver's `replay` and the CI smoke test (`tests/smoke.rs`).
//!
//! A target is one reader fed any bytes: it may refuse them with an error, never panic, and
//! finishes in bounded time. A panic in a dependency (calamine, lopdf, …) that the reader catches
//! and turns into "the file is damaged" is by design; a panic in our own code is a finding even
//! when a reader's safety net catches it, and so is any panic that escapes the target.

use std::cell::RefCell;
use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Mutex, Once, mpsc};
use std::time::{Duration, Instant};

use zfxxgk_core::{CheckOptions, Lang};

/// A fuzz target: one reader, or the whole loading path.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Target {
    /// The report JSON (`zfxxgk_cli::formats::json::parse`).
    Json,
    /// The long CSV (`zfxxgk_cli::formats::csv::parse`).
    Csv,
    /// A workbook: xlsx, xls, ods (`zfxxgk_excel::read::read_bytes`).
    Workbook,
    /// A Word document (`zfxxgk_doc::read` as docx, then the core's import).
    Docx,
    /// A web page (`zfxxgk_doc::read` as HTML, then the core's import).
    Html,
    /// A PDF (`zfxxgk_doc::read` as PDF, then the core's import).
    Pdf,
    /// Copied text (`zfxxgk_doc::read` as text, then the core's import).
    Text,
    /// The whole path of a file: `zfxxgk_cli::input::load_bytes` (kind sniffed from the content),
    /// then `check` of every report, every finding's message, and the JSON and CSV writers.
    Load,
}

impl Target {
    /// Every target.
    pub const ALL: [Target; 8] = [
        Target::Json,
        Target::Csv,
        Target::Workbook,
        Target::Docx,
        Target::Html,
        Target::Pdf,
        Target::Text,
        Target::Load,
    ];

    /// The target's name (its libFuzzer binary and its corpus directory).
    pub fn name(self) -> &'static str {
        match self {
            Target::Json => "json",
            Target::Csv => "csv",
            Target::Workbook => "workbook",
            Target::Docx => "docx",
            Target::Html => "html",
            Target::Pdf => "pdf",
            Target::Text => "text",
            Target::Load => "load",
        }
    }

    /// The target of a name.
    pub fn from_name(name: &str) -> Option<Target> {
        Target::ALL.into_iter().find(|t| t.name() == name)
    }

    /// Feeds the bytes to the target. Errors are fine; a panic propagates.
    pub fn run(self, data: &[u8]) {
        match self {
            Target::Json => {
                let text = zfxxgk_cli::input::decode(data).unwrap_or_default();
                let _ = zfxxgk_cli::formats::json::parse(&text);
            }
            Target::Csv => {
                let text = zfxxgk_cli::input::decode(data).unwrap_or_default();
                let _ = zfxxgk_cli::formats::csv::parse(&text);
            }
            Target::Workbook => {
                let _ = zfxxgk_excel::read::sniff(data);
                let _ = zfxxgk_excel::read::read_bytes(data, &Default::default());
            }
            Target::Docx => published(data, zfxxgk_doc::read::Kind::Docx),
            Target::Html => published(data, zfxxgk_doc::read::Kind::Html),
            Target::Pdf => published(data, zfxxgk_doc::read::Kind::Pdf),
            Target::Text => published(data, zfxxgk_doc::read::Kind::Text),
            Target::Load => load(data),
        }
    }

    /// Whether a file of this kind (decided from its content, as the command line does) seeds
    /// the target's corpus.
    pub fn seeded_by(self, kind: zfxxgk_cli::input::Kind) -> bool {
        use zfxxgk_cli::input::Kind as K;
        match self {
            Target::Json => kind == K::Json,
            Target::Csv => kind == K::Csv,
            Target::Workbook => kind == K::Workbook,
            Target::Docx => matches!(kind, K::Word | K::LegacyWord),
            Target::Html => kind == K::Html,
            Target::Pdf => kind == K::Pdf,
            Target::Text => kind == K::Text,
            Target::Load => true,
        }
    }
}

/// A published report: the reader, then the core's import.
fn published(data: &[u8], kind: zfxxgk_doc::read::Kind) {
    let limits = zfxxgk_doc::read::Limits::default();
    if let Ok(doc) = zfxxgk_doc::read::read(data, kind, &limits) {
        let _ = zfxxgk_core::import::read_document(&doc);
    }
}

/// The whole path of a file, and what is done with its reports.
fn load(data: &[u8]) {
    let options = zfxxgk_cli::input::LoadOptions::default();
    let Ok(reports) = zfxxgk_cli::input::load_bytes(data, &options) else {
        return;
    };
    let check = CheckOptions::with_max_year(2030);
    for report in &reports {
        for finding in zfxxgk_core::check(report, &check) {
            let _ = finding.message(Lang::Zh);
            let _ = finding.message(Lang::En);
        }
    }
    let _ = zfxxgk_cli::formats::json::to_string(&reports);
    let _ = zfxxgk_cli::formats::csv::to_string(&reports);
}

/// A panic seen while a target ran.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PanicRecord {
    /// The panic message.
    pub message: String,
    /// `file:line:column`.
    pub location: String,
    /// False when the panic happened in a dependency's source (a crate from a registry).
    pub ours: bool,
}

impl std::fmt::Display for PanicRecord {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "panicked at {}: {}", self.location, self.message)
    }
}

thread_local! {
    static PANICS: RefCell<Vec<PanicRecord>> = const { RefCell::new(Vec::new()) };
    /// Whether this thread is running a target in [`run_caught`].
    static IN_TARGET: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

/// In libFuzzer mode a panic in our code aborts at once (a crash the fuzzer saves).
static ABORT_ON_OURS: AtomicBool = AtomicBool::new(false);
static HOOK: Once = Once::new();
static DEPENDENCY_PANICS_SHOWN: Mutex<Option<HashSet<String>>> = Mutex::new(None);

/// Whether a source file is a dependency's (a registry or git checkout), not ours or the
/// standard library's.
fn is_dependency(file: &str) -> bool {
    let file = file.replace('\\', "/");
    file.contains("/registry/src/") || file.contains("/git/checkouts/")
}

fn record(info: &std::panic::PanicHookInfo<'_>) -> PanicRecord {
    let message = if let Some(s) = info.payload().downcast_ref::<&str>() {
        (*s).to_string()
    } else if let Some(s) = info.payload().downcast_ref::<String>() {
        s.clone()
    } else {
        "(no message)".to_string()
    };
    let (location, ours) = match info.location() {
        Some(at) => (
            format!("{}:{}:{}", at.file(), at.line(), at.column()),
            !is_dependency(at.file()),
        ),
        None => ("(unknown)".to_string(), true),
    };
    PanicRecord {
        message,
        location,
        ours,
    }
}

/// Installs the panic hook (once): every panic of a target is recorded for the thread that ran
/// it, and nothing is printed (a panic outside a target goes to the default hook). In libFuzzer mode ([`libfuzzer_init`]) a panic in our code also prints
/// its message and backtrace and aborts, and a dependency's panic prints one line the first time
/// its location is seen (the reader may catch it; if it escapes, libfuzzer-sys aborts).
#[allow(clippy::print_stderr)]
pub fn install_panic_hook() {
    HOOK.call_once(|| {
        let default = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            let fuzzing = ABORT_ON_OURS.load(Ordering::Relaxed);
            if !fuzzing && !IN_TARGET.with(|t| t.get()) {
                // A panic outside any target (a failed assertion of a test) is told as usual.
                return default(info);
            }
            let record = record(info);
            if fuzzing {
                if record.ours {
                    let trace = std::backtrace::Backtrace::force_capture();
                    eprintln!("==zfxxgk-fuzz== {record}\n{trace}");
                    std::process::abort();
                } else if let Ok(mut shown) = DEPENDENCY_PANICS_SHOWN.lock()
                    && shown
                        .get_or_insert_with(HashSet::new)
                        .insert(record.location.clone())
                {
                    eprintln!("==zfxxgk-fuzz== dependency {record}");
                }
            }
            PANICS.with(|p| p.borrow_mut().push(record));
        }));
    });
}

/// The libFuzzer harness's initialisation: panics in our code abort (see [`install_panic_hook`]).
pub fn libfuzzer_init() {
    ABORT_ON_OURS.store(true, Ordering::Relaxed);
    install_panic_hook();
}

/// What running one input through one target gave.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Outcome {
    /// Every panic, caught inside the target or not.
    pub panics: Vec<PanicRecord>,
    /// Whether a panic escaped the target.
    pub escaped: bool,
    /// How long the target ran.
    pub elapsed: Duration,
}

impl Outcome {
    /// The panics that are findings: one in our code, or any that escaped.
    pub fn findings(&self) -> Vec<&PanicRecord> {
        let escaped = self.escaped.then(|| self.panics.last()).flatten();
        self.panics
            .iter()
            .filter(|p| p.ours || escaped == Some(*p))
            .collect()
    }
}

/// Runs one input through one target on this thread, catching and recording panics.
pub fn run_caught(target: Target, data: &[u8]) -> Outcome {
    install_panic_hook();
    PANICS.with(|p| p.borrow_mut().clear());
    IN_TARGET.with(|t| t.set(true));
    let start = Instant::now();
    let escaped =
        std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| target.run(data))).is_err();
    let elapsed = start.elapsed();
    IN_TARGET.with(|t| t.set(false));
    Outcome {
        panics: PANICS.with(|p| std::mem::take(&mut *p.borrow_mut())),
        escaped,
        elapsed,
    }
}

/// Runs one input through one target on a thread of its own; `None` when it did not finish
/// within `limit` (a hang: the thread is left behind).
pub fn run_bounded(target: Target, data: Vec<u8>, limit: Duration) -> Option<Outcome> {
    let (tx, rx) = mpsc::channel();
    std::thread::Builder::new()
        .name(format!("fuzz-{}", target.name()))
        .stack_size(64 * 1024 * 1024)
        .spawn(move || {
            let _ = tx.send(run_caught(target, &data));
        })
        .ok()?;
    rx.recv_timeout(limit).ok()
}

/// The project's root directory.
pub fn project_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .map(Path::to_path_buf)
        .unwrap_or_else(|| PathBuf::from("."))
}

/// The committed fuzz fixtures: `tests/fixtures/fuzz` (a `corpus/<target>` and a
/// `crashes/<target>` directory per target).
pub fn fixtures_dir() -> PathBuf {
    project_root().join("tests/fixtures/fuzz")
}

/// Every regular file under a directory, sorted (none when it does not exist).
pub fn files_under(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        let Ok(entries) = std::fs::read_dir(&d) else {
            continue;
        };
        for entry in entries.flatten() {
            let path = entry.path();
            match entry.file_type() {
                Ok(t) if t.is_dir() => stack.push(path),
                Ok(t) if t.is_file() => out.push(path),
                _ => {}
            }
        }
    }
    out.sort();
    out
}

/// What the CI smoke runs through a target: its committed corpus and every target's crash
/// files (a crash found through one reader is often a document another reader also takes).
pub fn committed_inputs(target: Target) -> Vec<PathBuf> {
    let dir = fixtures_dir();
    let mut files = files_under(&dir.join("corpus").join(target.name()));
    files.extend(files_under(&dir.join("crashes")));
    files
}

/// Every committed corpus and crash file, of every target.
pub fn all_committed_inputs() -> Vec<PathBuf> {
    let dir = fixtures_dir();
    let mut files = files_under(&dir.join("corpus"));
    files.extend(files_under(&dir.join("crashes")));
    files
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dependencies_are_told_by_their_source_path() {
        assert!(is_dependency(
            "/root/.cargo/registry/src/index.crates.io-1949cf8c6b5b557f/calamine-0.38.0/src/xls.rs"
        ));
        assert!(is_dependency(
            r"C:\Users\a\.cargo\registry\src\index.crates.io-x\lopdf-0.42.0\src\parser.rs"
        ));
        assert!(!is_dependency("crates/zfxxgk-doc/src/read/pdf.rs"));
        assert!(!is_dependency(
            "/work/main/crates/zfxxgk-core/src/import/locate.rs"
        ));
        // The standard library's own panics (capacity overflow, a RefCell borrowed twice) are
        // ours to explain.
        assert!(!is_dependency("/rustc/abc/library/alloc/src/raw_vec.rs"));
    }

    #[test]
    fn findings_are_our_panics_and_escaped_ones() {
        let dep = PanicRecord {
            message: "index out of bounds".into(),
            location: "calamine/src/xls.rs:1:1".into(),
            ours: false,
        };
        let ours = PanicRecord {
            ours: true,
            ..dep.clone()
        };
        let outcome = |panics: Vec<PanicRecord>, escaped| Outcome {
            panics,
            escaped,
            elapsed: Duration::ZERO,
        };
        // A dependency's panic the reader caught: by design.
        assert!(outcome(vec![dep.clone()], false).findings().is_empty());
        // The same escaping the target, or a panic of ours even when caught.
        assert_eq!(outcome(vec![dep.clone()], true).findings(), vec![&dep]);
        assert_eq!(outcome(vec![ours.clone()], false).findings(), vec![&ours]);
    }

    #[test]
    fn a_clean_run_records_no_panic() {
        install_panic_hook();
        let outcome = run_caught(Target::Json, b"{}");
        assert!(outcome.panics.is_empty() && !outcome.escaped);
        assert!(PANICS.with(|p| p.borrow().is_empty()));
    }

    #[test]
    fn every_target_has_its_name() {
        for t in Target::ALL {
            assert_eq!(Target::from_name(t.name()), Some(t));
        }
    }
}
