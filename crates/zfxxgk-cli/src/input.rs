//! Finding input files and reading them into reports, by content rather than by extension.

use std::path::{Path, PathBuf};

use zfxxgk_core::{Lang, Report};

use crate::batch::{Isolated, Panicked};
use crate::error::InputError;
use crate::formats;

/// The largest file read, of any kind (50 MB: a long CSV of 1,000 reports is about 30 MB; an
/// annual report's workbook is 10 to 100 KB).
pub const MAX_FILE_BYTES: u64 = 50 * 1024 * 1024;

/// File extensions a directory walk picks up.
pub const EXTENSIONS: &[&str] = &[
    "xlsx", "xlsm", "xls", "ods", "json", "csv", "txt", "html", "htm", "shtml", "mht", "mhtml",
    "docx", "doc", "wps", "pdf",
];

/// What a file holds, decided from its content (never from its name alone).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// The report JSON.
    Json,
    /// The long CSV.
    Csv,
    /// A workbook: xlsx, xlsm, ods (zip) or xls (OLE), and anything the workbook reader explains.
    Workbook,
    /// A Word document (docx).
    Word,
    /// An old binary Word (.doc) or WPS (.wps) document.
    LegacyWord,
    /// A web page.
    Html,
    /// A PDF.
    Pdf,
    /// Plain text: a report copied from a page or a PDF.
    Text,
}

/// Decides the kind of a file from its content. The one thing content cannot tell is which
/// Office document an encrypted OLE file holds (an encrypted .xlsx and .docx look the same until
/// opened): there the file name's extension (`ext_hint`, lower case) decides which reader says so.
pub fn sniff_named(bytes: &[u8], ext_hint: &str) -> Kind {
    let ole = bytes.starts_with(&[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]);
    if ole && matches!(ext_hint, "docx" | "doc" | "wps" | "docm") {
        return Kind::Word;
    }
    sniff(bytes)
}

/// Decides the kind of a file from its content.
pub fn sniff(bytes: &[u8]) -> Kind {
    use zfxxgk_doc::read::{docx, html, pdf, text};
    if bytes.starts_with(b"PK\x03\x04") {
        return if docx::sniff(bytes) {
            Kind::Word
        } else {
            Kind::Workbook
        };
    }
    if bytes.starts_with(&[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]) {
        return if docx::is_legacy_word(bytes) {
            Kind::LegacyWord
        } else {
            Kind::Workbook
        };
    }
    if pdf::sniff(bytes) {
        return Kind::Pdf;
    }
    if let Some(text) = decode(&bytes[..bytes.len().min(4096)]).or_else(|| decode(bytes)) {
        let t = text.trim_start_matches('\u{feff}').trim_start();
        if t.starts_with('{') || t.starts_with('[') {
            return Kind::Json;
        }
        let header = t.lines().next().unwrap_or("").to_ascii_lowercase();
        let fields: Vec<&str> = header
            .split(',')
            .map(|f| f.trim().trim_matches('"'))
            .collect();
        if fields.contains(&"cell") && fields.contains(&"value") {
            return Kind::Csv;
        }
    }
    if html::sniff(bytes) {
        return Kind::Html;
    }
    if text::sniff(bytes) {
        return Kind::Text;
    }
    Kind::Workbook
}

/// Decodes text as UTF-8, or as GB18030 (what Excel and WPS write for "CSV" on Chinese Windows).
pub fn decode(bytes: &[u8]) -> Option<std::borrow::Cow<'_, str>> {
    if let Ok(s) = std::str::from_utf8(bytes) {
        return Some(s.into());
    }
    let (text, _, had_errors) = encoding_rs::GB18030.decode(bytes);
    if had_errors || text.chars().any(|c| c.is_control() && !c.is_whitespace()) {
        return None;
    }
    Some(text)
}

/// Reads every report in a file. A panic while reading becomes the file's error
/// ([`InputError::Panicked`]).
pub fn load(path: &Path, options: &LoadOptions) -> Result<Vec<Report>, InputError> {
    crate::batch::isolate(|| load_unisolated(path, options)).unwrap_or(Err(InputError::Panicked))
}

/// The bytes of a regular file. Anything else is refused before it is opened (opening a named
/// pipe, or reading a device such as `/dev/zero`, may never end), and so is a file over the
/// size limit, before it is read (a huge file must not be pulled into memory to be refused).
fn read_regular(path: &Path) -> Result<Vec<u8>, InputError> {
    use std::io::Read as _;
    let meta = std::fs::metadata(path)?;
    if meta.is_dir() {
        return Err(std::io::Error::from(std::io::ErrorKind::IsADirectory).into());
    }
    if !meta.is_file() {
        return Err(InputError::Skipped(Skip::Special(Special::of(
            &meta.file_type(),
        ))));
    }
    let too_large = |size| InputError::TooLarge {
        size,
        limit: MAX_FILE_BYTES,
    };
    match meta.len() {
        0 => return Err(InputError::Empty),
        size if size > MAX_FILE_BYTES => return Err(too_large(size)),
        _ => {}
    }
    // Bounded again while reading: the file may grow meanwhile.
    let mut bytes = Vec::with_capacity(meta.len() as usize);
    std::fs::File::open(path)?
        .take(MAX_FILE_BYTES + 1)
        .read_to_end(&mut bytes)?;
    match bytes.len() as u64 {
        0 => Err(InputError::Empty),
        size if size > MAX_FILE_BYTES => Err(too_large(size)),
        _ => Ok(bytes),
    }
}

fn load_unisolated(path: &Path, options: &LoadOptions) -> Result<Vec<Report>, InputError> {
    crate::batch::test_panic_point(path);
    let bytes = read_regular(path)?;
    let ext = path
        .extension()
        .map(|e| e.to_string_lossy().to_ascii_lowercase())
        .unwrap_or_default();
    let mut reports = load_kind(&bytes, sniff_named(&bytes, &ext), options, false)?;
    // As for a round ([`load_file`]): what the file's name says, when the file says nothing.
    names_from_file(&mut reports, path);
    Ok(reports)
}

/// A file read for a collection round: its reports, a digest of its bytes (byte-identical files
/// have the same), or the sign that it is a summary this tool wrote (never read as a report).
#[derive(Debug)]
pub struct Loaded {
    /// The reports (none for our own summary).
    pub reports: Vec<Report>,
    /// A digest of the bytes.
    pub digest: u64,
    /// The file is a summary workbook written by `zfxxgk aggregate`.
    pub own_summary: bool,
    /// The findings of each report, when the caller checked them while the reports still had
    /// their origins (empty otherwise).
    pub findings: Vec<Vec<zfxxgk_core::Finding>>,
}

/// Reads every report in a file like [`load`], with the file's digest; a summary workbook this
/// tool wrote is recognised by its content and not read as one more agency. A report that names
/// no agency takes the name in the file's name, if it has one, and says so.
///
/// Not isolated itself: the batch isolates each file's reading and checking together.
pub fn load_file(path: &Path, options: &LoadOptions) -> Result<Loaded, InputError> {
    crate::batch::test_panic_point(path);
    let bytes = read_regular(path)?;
    // XXH3: a 64-bit digest of good quality at memory speed (SipHash, the standard library's,
    // took 0.7 % of `check`); byte-identical files are told by it.
    let digest = xxhash_rust::xxh3::xxh3_64(&bytes);
    let ext = path
        .extension()
        .map(|e| e.to_string_lossy().to_ascii_lowercase())
        .unwrap_or_default();
    let (kind, own_summary) = if bytes.starts_with(b"PK\x03\x04") {
        // A package's directory read once for both questions.
        sniff_package(&bytes)
    } else {
        let kind = sniff_named(&bytes, &ext);
        (kind, kind == Kind::Workbook && is_own_summary(&bytes))
    };
    // The reader knows an older summary by its sheet names, which it opens anyway.
    let reports = if own_summary {
        None
    } else {
        match load_kind(&bytes, kind, options, true) {
            Err(InputError::OwnSummary) => None,
            other => Some(other?),
        }
    };
    let Some(mut reports) = reports else {
        return Ok(Loaded {
            reports: Vec::new(),
            digest,
            own_summary: true,
            findings: Vec::new(),
        });
    };
    names_from_file(&mut reports, path);
    Ok(Loaded {
        reports,
        digest,
        own_summary: false,
        findings: Vec::new(),
    })
}

/// [`name_from_file`] for every report of the file at `path`.
fn names_from_file(reports: &mut [Report], path: &Path) {
    let stem = path
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    for report in reports {
        name_from_file(report, &stem);
    }
}

/// The last resort for a report without a name or a year: the agency and the year in the file's
/// name (`某某县交通运输局2025年政府信息公开工作年度报告.xlsx`), the agency recorded as coming
/// from there, the year with a note.
fn name_from_file(report: &mut Report, stem: &str) {
    if report.agency.trim().is_empty()
        && let Some((agency, _)) = zfxxgk_core::import::agency_from_file_name(stem)
    {
        report.agency = agency;
        report.agency_from = Some(zfxxgk_core::AgencyFrom::FileName);
    }
    if report.year.is_none()
        && let Some(year) = zfxxgk_core::import::year_from_file_name(stem)
    {
        report.year = Some(year);
        report.notes.push(zfxxgk_core::Note {
            cell: None,
            location: None,
            seen: stem.to_string(),
            read: year.to_string(),
            reason: zfxxgk_core::NoteReason::Other {
                zh: "报告年度取自文件名，请核实".into(),
                en: "the report year taken from the file name; please confirm".into(),
            },
        });
    }
}

/// Whether a workbook is a summary written by `zfxxgk aggregate` by its custom document property
/// `zfxxgk_kind`. (A summary written before the property existed has both the 明细 and the 校验结果
/// sheets: the spreadsheet reader recognises those when it opens the workbook, see
/// [`crate::spreadsheet::read`].)
pub fn is_own_summary(bytes: &[u8]) -> bool {
    if !bytes.starts_with(b"PK") {
        return false;
    }
    zfxxgk_ooxml::Package::open(bytes).is_ok_and(|mut p| own_summary_in(&mut p))
}

/// [`is_own_summary`] of a package opened.
fn own_summary_in(package: &mut zfxxgk_ooxml::Package) -> bool {
    const PART_LIMIT: u64 = 4 * 1024 * 1024;
    // A part that cannot be read counts as empty.
    let custom = package
        .read("docProps/custom.xml", PART_LIMIT)
        .ok()
        .flatten()
        .unwrap_or_default();
    custom.contains("zfxxgk_kind") && custom.contains(">summary<")
}

/// The kind of a zip package ([`sniff`]'s answer: a Word document or a workbook) and whether it
/// is our own summary ([`is_own_summary`]), its directory read once.
fn sniff_package(bytes: &[u8]) -> (Kind, bool) {
    let Ok(mut package) = zfxxgk_ooxml::Package::open(bytes) else {
        return (Kind::Workbook, false);
    };
    if package
        .names()
        .any(|n| zfxxgk_doc::read::docx::is_main_name(&n))
    {
        return (Kind::Word, false);
    }
    (Kind::Workbook, own_summary_in(&mut package))
}

/// The input file that `output` would replace, if it is one of `inputs` (compared as real paths:
/// `./a/../汇总.xlsx` and a link to it are the same file).
pub fn same_file_among(output: &Path, inputs: &Files) -> Option<std::path::PathBuf> {
    let real = |p: &Path| -> Option<std::path::PathBuf> {
        if let Ok(c) = std::fs::canonicalize(p) {
            return Some(c);
        }
        let parent = p
            .parent()
            .filter(|d| !d.as_os_str().is_empty())
            .unwrap_or(Path::new("."));
        Some(std::fs::canonicalize(parent).ok()?.join(p.file_name()?))
    };
    let out = real(output)?;
    inputs.iter().find(|i| real(i).is_some_and(|r| r == out))
}

/// Options that apply to reading.
#[derive(Debug, Clone, Default)]
pub struct LoadOptions {
    /// Agency to use where a file names none.
    pub agency: Option<String>,
    /// Year to use where a file gives none.
    pub year: Option<i32>,
}

/// Reads every report in the bytes of a file: the one place where the size limit, the kind of
/// the content and the fill-ins of `--agency`/`--year` are decided, for every kind of input.
pub fn load_bytes(bytes: &[u8], options: &LoadOptions) -> Result<Vec<Report>, InputError> {
    load_kind(bytes, sniff(bytes), options, false)
}

/// Reads the reports of a file of a known kind; `round`: see [`crate::spreadsheet::read`].
fn load_kind(
    bytes: &[u8],
    kind: Kind,
    options: &LoadOptions,
    round: bool,
) -> Result<Vec<Report>, InputError> {
    if bytes.is_empty() {
        return Err(InputError::Empty);
    }
    if bytes.len() as u64 > MAX_FILE_BYTES {
        return Err(InputError::TooLarge {
            size: bytes.len() as u64,
            limit: MAX_FILE_BYTES,
        });
    }
    let fill = formats::Fill {
        agency: options.agency.clone(),
        year: options.year,
    };
    let mut reports = match kind {
        Kind::Json => formats::json::parse_with(&decode(bytes).unwrap_or_default(), &fill)?,
        Kind::Csv => formats::csv::parse_with(&decode(bytes).unwrap_or_default(), &fill)?,
        Kind::Workbook => crate::spreadsheet::read(bytes, round)?,
        Kind::LegacyWord => {
            let e = zfxxgk_doc::read::docx::DocxError::Legacy;
            return Err(InputError::Published(
                e.message(Lang::Zh),
                e.message(Lang::En),
            ));
        }
        Kind::Word => published(bytes, zfxxgk_doc::read::Kind::Docx)?,
        Kind::Html => published(bytes, zfxxgk_doc::read::Kind::Html)?,
        Kind::Pdf => published(bytes, zfxxgk_doc::read::Kind::Pdf)?,
        Kind::Text => published(bytes, zfxxgk_doc::read::Kind::Text)?,
    };
    for report in &mut reports {
        zfxxgk_core::import::fill_in(report, options.agency.as_deref(), options.year);
    }
    Ok(reports)
}

/// A published report (text, web page, Word, PDF): the reader makes a document, the core's one
/// import path makes the report.
fn published(bytes: &[u8], kind: zfxxgk_doc::read::Kind) -> Result<Vec<Report>, InputError> {
    let limits = zfxxgk_doc::read::Limits {
        max_file_bytes: MAX_FILE_BYTES,
        ..zfxxgk_doc::read::Limits::default()
    };
    let doc = zfxxgk_doc::read::read(bytes, kind, &limits)
        .map_err(|e| InputError::Published(e.message(Lang::Zh), e.message(Lang::En)))?;
    let report = zfxxgk_core::import::read_document(&doc)
        .map_err(|e| InputError::Published(e.message(Lang::Zh), e.message(Lang::En)))?;
    Ok(vec![report])
}

/// The command line's files and folders expanded: the files to read, and every other path met
/// that was not read, with why (nothing is skipped without a word).
#[derive(Debug, Default)]
pub struct Expanded {
    /// The files to read, in a stable order.
    pub files: Files,
    /// The paths named but not read.
    pub skipped: Vec<Skipped>,
}

/// A path `expand` met and did not read, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Skipped {
    /// The path.
    pub path: PathBuf,
    /// Why it was not read.
    pub why: Skip,
}

impl Skipped {
    /// The path as shown.
    pub fn shown(&self) -> String {
        self.path.display().to_string()
    }

    /// The path with its error, as the batch hands on a file that could not be read.
    pub fn error(&self) -> (String, InputError) {
        (self.shown(), InputError::Skipped(self.why))
    }
}

/// Why a path was not read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Skip {
    /// A folder that could not be opened (no permission, a path too long): none of its files
    /// were read.
    Folder(std::io::ErrorKind),
    /// Not a regular file: never opened (opening a named pipe or reading a device may never end).
    Special(Special),
    /// A link to nothing.
    BrokenLink,
    /// A link that could not be followed (a loop of links, no permission).
    Link(std::io::ErrorKind),
    /// A folder already read, reached again (a link to it or to a folder above it, or given
    /// twice): its files are read once, not again.
    FolderSeen,
}

/// What kind of file that is not a regular file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Special {
    /// A named pipe (FIFO).
    Pipe,
    /// A Unix socket.
    Socket,
    /// A block or character device (`/dev/zero`).
    Device,
    /// Anything else.
    Other,
}

impl Special {
    fn of(ft: &std::fs::FileType) -> Special {
        #[cfg(unix)]
        {
            use std::os::unix::fs::FileTypeExt as _;
            if ft.is_fifo() {
                return Special::Pipe;
            }
            if ft.is_socket() {
                return Special::Socket;
            }
            if ft.is_block_device() || ft.is_char_device() {
                return Special::Device;
            }
        }
        let _ = ft;
        Special::Other
    }
}

fn reason(kind: std::io::ErrorKind, lang: Lang) -> String {
    use std::io::ErrorKind as K;
    match (kind, lang) {
        (K::PermissionDenied, Lang::Zh) => "没有权限".into(),
        (K::PermissionDenied, Lang::En) => "no permission".into(),
        (K::InvalidFilename, Lang::Zh) => "路径太长，超过系统允许的长度".into(),
        (K::InvalidFilename, Lang::En) => "the path is longer than the system allows".into(),
        (K::NotFound, Lang::Zh) => "不存在".into(),
        (K::NotFound, Lang::En) => "it does not exist".into(),
        (kind, Lang::Zh) => format!("系统错误：{kind}"),
        (kind, Lang::En) => kind.to_string(),
    }
}

impl Skip {
    /// Whether an input went unread (all but a folder read once already).
    pub fn loses_input(&self) -> bool {
        *self != Skip::FolderSeen
    }

    /// A short stable code, for JSON.
    pub fn code(&self) -> &'static str {
        match self {
            Skip::Folder(_) => "folder-unreadable",
            Skip::Special(_) => "not-a-regular-file",
            Skip::BrokenLink => "broken-link",
            Skip::Link(_) => "link-unreadable",
            Skip::FolderSeen => "folder-seen",
        }
    }

    /// Why, in the given language.
    pub fn message(&self, lang: Lang) -> String {
        match (self, lang) {
            (Skip::Folder(k), Lang::Zh) => {
                format!(
                    "无法打开这个文件夹（{}），其中的文件都未读取",
                    reason(*k, lang)
                )
            }
            (Skip::Folder(k), Lang::En) => format!(
                "the folder cannot be opened ({}); none of its files were read",
                reason(*k, lang)
            ),
            (Skip::Special(s), Lang::Zh) => {
                let what = match s {
                    Special::Pipe => "命名管道",
                    Special::Socket => "套接字",
                    Special::Device => "设备",
                    Special::Other => "特殊文件",
                };
                format!("不是普通文件（{what}），未读取")
            }
            (Skip::Special(s), Lang::En) => {
                let what = match s {
                    Special::Pipe => "a named pipe",
                    Special::Socket => "a socket",
                    Special::Device => "a device",
                    Special::Other => "a special file",
                };
                format!("not a regular file ({what}); not read")
            }
            (Skip::BrokenLink, Lang::Zh) => "链接指向的文件或文件夹不存在，未读取".into(),
            (Skip::BrokenLink, Lang::En) => {
                "a link to a file or folder that does not exist; not read".into()
            }
            (Skip::Link(k), Lang::Zh) => format!(
                "无法打开这个链接（{}），未读取",
                match k {
                    std::io::ErrorKind::NotFound | std::io::ErrorKind::PermissionDenied => {
                        reason(*k, lang)
                    }
                    _ => "链接循环或无法访问".into(),
                }
            ),
            (Skip::Link(k), Lang::En) => format!(
                "the link cannot be followed ({}); not read",
                match k {
                    std::io::ErrorKind::NotFound | std::io::ErrorKind::PermissionDenied => {
                        reason(*k, lang)
                    }
                    _ => "a loop of links, or no access".into(),
                }
            ),
            (Skip::FolderSeen, Lang::Zh) => {
                "与已读过的文件夹是同一个（经由链接，或重复给出），其中的文件不重复读取".into()
            }
            (Skip::FolderSeen, Lang::En) => {
                "the same folder as one already read (through a link, or given twice); its files are not read twice"
                    .into()
            }
        }
    }
}

/// Expands the command line's files and directories into files, in a stable order: each
/// argument in the order given, a directory's files sorted by path. Hidden files, Office lock
/// files (`~$…`) and files without a report extension under a folder are left out; every other
/// path met that is not read is in [`Expanded::skipped`] with why:
///
/// - a folder that cannot be opened (no permission, a path longer than the system allows);
/// - a named pipe, socket or device given, or found with a report extension (never opened);
/// - a link to nothing, or one that cannot be followed;
/// - a folder already read, reached again (a link back to it or to a folder above it, or the
///   same folder given twice). Links are followed: a link to a file is read as the file, a link
///   to a folder is walked once (folders are told apart by identity, so a loop of links or
///   mounts ends).
///
/// A file given that does not exist stays among the files: reading it says so.
pub fn expand(args: &[PathBuf]) -> Expanded {
    let mut out = Expanded::default();
    let mut seen = std::collections::HashSet::new();
    for arg in args {
        match std::fs::metadata(arg) {
            Ok(m) if m.is_dir() => {
                let first = out.files.len();
                let mut skipped = Vec::new();
                walk(arg, &m, &mut out.files, &mut skipped, &mut seen);
                out.files.sort_from(first);
                skipped.sort_by(|a: &Skipped, b| a.path.cmp(&b.path));
                out.skipped.extend(skipped);
            }
            Ok(m) if !m.is_file() => out.skipped.push(Skipped {
                path: arg.clone(),
                why: Skip::Special(Special::of(&m.file_type())),
            }),
            Err(e) if arg.is_symlink() => out.skipped.push(Skipped {
                path: arg.clone(),
                why: link_error(&e),
            }),
            _ => out.files.push_whole(arg),
        }
    }
    out
}

fn link_error(e: &std::io::Error) -> Skip {
    match e.kind() {
        std::io::ErrorKind::NotFound => Skip::BrokenLink,
        kind => Skip::Link(kind),
    }
}

/// A folder's identity: its device and inode, so that a folder reached again through a link
/// (or a bind mount) is known.
#[cfg(unix)]
fn identity(_: &Path, m: &std::fs::Metadata) -> Option<(u64, u64)> {
    use std::os::unix::fs::MetadataExt as _;
    Some((m.dev(), m.ino()))
}

#[cfg(not(unix))]
fn identity(path: &Path, _: &std::fs::Metadata) -> Option<PathBuf> {
    std::fs::canonicalize(path).ok()
}

#[cfg(unix)]
type Identity = (u64, u64);
#[cfg(not(unix))]
type Identity = PathBuf;

fn has_report_extension(path: &Path) -> bool {
    let ext = path
        .extension()
        .map(|e| e.to_string_lossy().to_ascii_lowercase())
        .unwrap_or_default();
    EXTENSIONS.contains(&ext.as_str())
}

fn walk(
    dir: &Path,
    meta: &std::fs::Metadata,
    files: &mut Files,
    skipped: &mut Vec<Skipped>,
    seen: &mut std::collections::HashSet<Identity>,
) {
    if let Some(id) = identity(dir, meta)
        && !seen.insert(id)
    {
        skipped.push(Skipped {
            path: dir.to_path_buf(),
            why: Skip::FolderSeen,
        });
        return;
    }
    let entries = match std::fs::read_dir(dir) {
        Ok(entries) => entries,
        Err(e) => {
            skipped.push(Skipped {
                path: dir.to_path_buf(),
                why: Skip::Folder(e.kind()),
            });
            return;
        }
    };
    let folder = files.folder(dir);
    for entry in entries {
        let entry = match entry {
            Ok(entry) => entry,
            Err(e) => {
                // The listing broke off: what is left of the folder was not seen.
                skipped.push(Skipped {
                    path: dir.to_path_buf(),
                    why: Skip::Folder(e.kind()),
                });
                break;
            }
        };
        let name = entry.file_name();
        let shown = name.to_string_lossy();
        if shown.starts_with('.') || shown.starts_with("~$") {
            continue;
        }
        let path = entry.path();
        // Links are followed; a link to nothing is named whatever its name.
        let meta = match std::fs::metadata(&path) {
            Ok(m) => m,
            Err(e) => {
                let listed = entry.file_type().ok();
                if listed.is_some_and(|t| t.is_symlink()) {
                    skipped.push(Skipped {
                        path,
                        why: link_error(&e),
                    });
                } else if listed.is_some_and(|t| t.is_dir()) {
                    skipped.push(Skipped {
                        path,
                        why: Skip::Folder(e.kind()),
                    });
                } else if has_report_extension(&path) {
                    // A path too long to look at, say: reading it says why it cannot be read.
                    files.push_in(folder, dir, &name);
                }
                continue;
            }
        };
        if meta.is_dir() {
            walk(&path, &meta, files, skipped, seen);
        } else if has_report_extension(&path) {
            if meta.is_file() {
                files.push_in(folder, dir, &name);
            } else {
                skipped.push(Skipped {
                    path,
                    why: Skip::Special(Special::of(&meta.file_type())),
                });
            }
        }
    }
}

/// The files to read, kept compactly to the end of their batch: each folder walked once, and
/// per file an 8-byte entry (its folder, where its name is) and its name, the names one
/// after another in one text. A file costs its name's bytes and 9 bytes, not a `PathBuf` of its
/// whole path (about 70 bytes): a folder of 100,000 reports is about 2 MB, not 7. Sorting a
/// walk moves entries, not names, and the entries are what the batch hands out
/// ([`Files::ordered`]): neither needs memory of its own.
///
/// A file's path is its folder joined with its name, as a directory listing makes it, so it is
/// shown exactly as before; a file given on the command line is its own name in the folder "".
/// A name that is not UTF-8 (or beyond 4 GB of names) is kept whole, as a path.
#[derive(Debug, Default)]
pub struct Files {
    /// The folders walked (and "" for files given).
    folders: Vec<PathBuf>,
    /// The names, each ended by a NUL (which no file name holds).
    names: String,
    /// The files, in order.
    entries: Vec<Entry>,
    /// The files kept whole.
    whole: Vec<PathBuf>,
    /// The folder "" of the files given, once there is one.
    given: Option<u32>,
}

/// A file of [`Files`]: its folder, and where its name starts (or, for a file kept whole,
/// [`Entry::WHOLE`] and its place among those).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Entry {
    folder: u32,
    name: u32,
}

impl Entry {
    /// The folder of a file kept whole.
    const WHOLE: u32 = u32::MAX;
}

impl Files {
    /// How many files there are.
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    /// Whether there are none.
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// The path of file `i`.
    pub fn path(&self, i: usize) -> PathBuf {
        self.path_of(self.entries[i])
    }

    /// The paths, in order.
    pub fn iter(&self) -> impl Iterator<Item = PathBuf> + '_ {
        self.entries.iter().map(|&e| self.path_of(e))
    }

    /// The path of a file.
    fn path_of(&self, e: Entry) -> PathBuf {
        match self.name(e) {
            Some(name) => self.folders[e.folder as usize].join(name),
            None => self.whole[e.name as usize].clone(),
        }
    }

    /// A file's name (`None`: it is kept whole).
    fn name(&self, e: Entry) -> Option<&str> {
        if e.folder == Entry::WHOLE {
            return None;
        }
        let rest = &self.names[e.name as usize..];
        Some(rest.split('\0').next().unwrap_or(rest))
    }

    /// The index of `dir` among the folders, added now (a folder is walked once); `None` when
    /// there are as many folders as an entry can tell apart (its files are kept whole).
    fn folder(&mut self, dir: &Path) -> Option<u32> {
        let f = u32::try_from(self.folders.len())
            .ok()
            .filter(|&f| f != Entry::WHOLE)?;
        self.folders.push(dir.to_path_buf());
        Some(f)
    }

    /// Adds a file given on the command line, as given.
    fn push_whole(&mut self, path: &Path) {
        if self.given.is_none() {
            self.given = self.folder(Path::new(""));
        }
        self.push_in(self.given, Path::new(""), path.as_os_str());
    }

    /// Adds the file `name` of the folder `dir` (`folder`, its index).
    fn push_in(&mut self, folder: Option<u32>, dir: &Path, name: &std::ffi::OsStr) {
        let start = u32::try_from(self.names.len()).ok();
        let text = name.to_str().filter(|n| !n.is_empty() && !n.contains('\0'));
        if let (Some(folder), Some(start), Some(text)) = (folder, start, text) {
            self.names.push_str(text);
            self.names.push('\0');
            self.entries.push(Entry {
                folder,
                name: start,
            });
            return;
        }
        // Kept whole (4 billion of them would be a path each: 100 GB, never reached).
        let at = u32::try_from(self.whole.len()).unwrap_or(u32::MAX);
        self.whole.push(dir.join(name));
        self.entries.push(Entry {
            folder: Entry::WHOLE,
            name: at,
        });
    }

    /// Sorts the files from `first` on by path (compared component by component, as paths
    /// are): the files of one walk, which come last. The entries move; the names stay.
    fn sort_from(&mut self, first: usize) {
        // A file's components: its folder's, then its name (a name from a listing is one
        // component), as the components of the joined path are.
        fn components<'a>(
            folder: &'a Path,
            name: &'a str,
        ) -> impl Iterator<Item = std::path::Component<'a>> {
            let name = std::path::Component::Normal(name.as_ref());
            folder.components().chain(std::iter::once(name))
        }
        let mut entries = std::mem::take(&mut self.entries);
        // Paths are distinct: an unstable sort (which needs no memory) orders them the same.
        entries[first..].sort_unstable_by(|&a, &b| match (self.name(a), self.name(b)) {
            // One folder: the names decide.
            (Some(na), Some(nb)) if a.folder == b.folder => Path::new(na).cmp(Path::new(nb)),
            (Some(na), Some(nb)) => components(&self.folders[a.folder as usize], na)
                .cmp(components(&self.folders[b.folder as usize], nb)),
            _ => self.path_of(a).cmp(&self.path_of(b)),
        });
        self.entries = entries;
    }

    /// Runs `work` over every file in parallel and hands each result to `sink` in the files'
    /// order, as [`crate::batch::ordered`] does (a panic in one file's work is that file's
    /// [`Isolated::panicked`] result). Each path is made when its file is read.
    pub fn ordered<R, W, S>(&self, work: W, mut sink: S)
    where
        R: Send + Isolated<PathBuf>,
        W: Fn(&Path) -> R + Sync,
        S: FnMut(R),
    {
        // Results come in the files' order: the sink counts them to name a file that panicked.
        let mut next = 0;
        crate::batch::ordered(
            &self.entries,
            |&e| Worked(Ok(work(&self.path_of(e)))),
            |w: Worked<R>| {
                let r = w.0.unwrap_or_else(|Panicked| R::panicked(&self.path(next)));
                next += 1;
                sink(r);
            },
        );
    }
}

/// A file's result in [`Files::ordered`], or that its work panicked.
struct Worked<R>(Result<R, Panicked>);

impl<R: Isolated<PathBuf>> Isolated<Entry> for Worked<R> {
    fn panicked(_: &Entry) -> Self {
        Worked(Err(Panicked))
    }

    fn weight(&self) -> usize {
        self.0.as_ref().map_or(1, <R as Isolated<PathBuf>>::weight)
    }
}

#[cfg(test)]
mod tests {
    use std::path::{Path, PathBuf};

    use super::*;

    /// The files of a folder as the walk once listed them: every path whole, sorted.
    fn listed(dir: &Path, out: &mut Vec<PathBuf>) {
        for entry in std::fs::read_dir(dir).unwrap() {
            let entry = entry.unwrap();
            let name = entry.file_name().to_string_lossy().to_string();
            if name.starts_with('.') || name.starts_with("~$") {
                continue;
            }
            let path = entry.path();
            if path.is_dir() {
                listed(&path, out);
            } else if has_report_extension(&path) {
                out.push(path);
            }
        }
    }

    fn touch(path: &Path) {
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, b"x").unwrap();
    }

    #[test]
    fn the_files_of_a_walk_are_its_paths_in_path_order() {
        let tmp = tempfile::tempdir().unwrap();
        let root = tmp.path();
        for name in [
            "a.xlsx",
            "a/b.xlsx",
            "a/b/c.json",
            "a-b.xlsx",
            "a b.xlsx",
            "A.xlsx",
            "a.b/z.csv",
            "某某县财政局.xlsx",
            "某某县财政局（修改稿）.xlsx",
            "某某县 - 副本/财政局.xls",
            "z/y/x/w.pdf",
            "z/y.docx",
            "1.XLSX",
            "10.xlsx",
            "2.xlsx",
            "~$lock.xlsx",
            ".hidden.xlsx",
            "notes.md",
        ] {
            touch(&root.join(name));
        }
        #[cfg(unix)]
        {
            use std::os::unix::ffi::OsStrExt as _;
            let odd = std::ffi::OsStr::from_bytes(b"gbk-\xb2\xe2\xca\xd4.xlsx");
            touch(&root.join("a").join(odd));
        }
        for arg in [root.to_path_buf(), root.join("a/"), root.join("z/./")] {
            let mut want = Vec::new();
            listed(&arg, &mut want);
            want.sort();
            let got = expand(std::slice::from_ref(&arg));
            assert!(got.skipped.is_empty(), "{:?}", got.skipped);
            let paths: Vec<PathBuf> = got.files.iter().collect();
            assert_eq!(paths, want, "{}", arg.display());
            // Shown exactly as a listing joins them.
            let shown: Vec<String> = (0..got.files.len())
                .map(|i| got.files.path(i).display().to_string())
                .collect();
            let want: Vec<String> = want.iter().map(|p| p.display().to_string()).collect();
            assert_eq!(shown, want);
        }
        // Files given stay as given, in their order, among the folders' files.
        let given = [
            root.join("z/y.docx"),
            root.join("a"),
            PathBuf::from("no/such/file.xlsx"),
            PathBuf::from(""),
        ];
        let got = expand(&given);
        let paths: Vec<PathBuf> = got.files.iter().collect();
        let mut want = vec![given[0].clone()];
        listed(&given[1], &mut want);
        want[1..].sort();
        want.extend([given[2].clone(), given[3].clone()]);
        assert_eq!(paths, want);
        assert_eq!(got.files.len(), want.len());
    }

    /// A result that says which file it is for, or which panicked.
    impl Isolated<PathBuf> for Result<PathBuf, PathBuf> {
        fn panicked(path: &PathBuf) -> Self {
            Err(path.clone())
        }
    }

    #[test]
    fn a_batch_over_the_files_names_the_file_that_panicked() {
        let mut files = Files::default();
        let dir = Path::new("各单位");
        let folder = files.folder(dir);
        for i in 0..500 {
            files.push_in(folder, dir, format!("{i:03}.xlsx").as_ref());
        }
        files.push_whole(Path::new("另/一个.json"));
        let mut got = Vec::new();
        files.ordered(
            |path| {
                assert!(!path.ends_with("250.xlsx"), "panics");
                Ok(path.to_path_buf())
            },
            |r| got.push(r),
        );
        assert_eq!(got.len(), 501);
        assert_eq!(got[0], Ok(PathBuf::from("各单位/000.xlsx")));
        assert_eq!(got[250], Err(PathBuf::from("各单位/250.xlsx")));
        assert_eq!(got[500], Ok(PathBuf::from("另/一个.json")));
    }
}
