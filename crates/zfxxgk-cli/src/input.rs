//! Finding input files and reading them into reports, by content rather than by extension.

use std::path::{Path, PathBuf};

use zfxxgk_core::{Lang, Report};

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
    load_kind(&bytes, sniff_named(&bytes, &ext), options, false)
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
    let digest = {
        use std::hash::{Hash, Hasher};
        let mut h = std::collections::hash_map::DefaultHasher::new();
        bytes.hash(&mut h);
        h.finish()
    };
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
    let stem = path
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    for report in &mut reports {
        name_from_file(report, &stem);
    }
    Ok(Loaded {
        reports,
        digest,
        own_summary: false,
        findings: Vec::new(),
    })
}

/// The last resort for a report without a name: the agency in the file's name
/// (`某某县交通运输局2025年政府信息公开工作年度报告.xlsx`), recorded as coming from there.
fn name_from_file(report: &mut Report, stem: &str) {
    if !report.agency.trim().is_empty() {
        return;
    }
    if let Some((agency, year)) = zfxxgk_core::import::agency_from_file_name(stem) {
        report.agency = agency;
        report.agency_from = Some(zfxxgk_core::AgencyFrom::FileName);
        if report.year.is_none() {
            report.year = year;
        }
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
pub fn same_file_among(output: &Path, inputs: &[std::path::PathBuf]) -> Option<std::path::PathBuf> {
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
    inputs
        .iter()
        .find(|i| real(i).is_some_and(|r| r == out))
        .cloned()
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
    pub files: Vec<PathBuf>,
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
                let mut found = Expanded::default();
                walk(arg, &m, &mut found, &mut seen);
                found.files.sort();
                found.skipped.sort_by(|a, b| a.path.cmp(&b.path));
                // Kept to the end of the run: each path in just its length (a joined path has
                // room to spare), the list too.
                for f in &mut found.files {
                    f.shrink_to_fit();
                }
                out.files.reserve_exact(found.files.len());
                out.files.extend(found.files);
                out.skipped.extend(found.skipped);
            }
            Ok(m) if !m.is_file() => out.skipped.push(Skipped {
                path: arg.clone(),
                why: Skip::Special(Special::of(&m.file_type())),
            }),
            Err(e) if arg.is_symlink() => out.skipped.push(Skipped {
                path: arg.clone(),
                why: link_error(&e),
            }),
            _ => out.files.push(arg.clone()),
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
    out: &mut Expanded,
    seen: &mut std::collections::HashSet<Identity>,
) {
    if let Some(id) = identity(dir, meta)
        && !seen.insert(id)
    {
        out.skipped.push(Skipped {
            path: dir.to_path_buf(),
            why: Skip::FolderSeen,
        });
        return;
    }
    let entries = match std::fs::read_dir(dir) {
        Ok(entries) => entries,
        Err(e) => {
            out.skipped.push(Skipped {
                path: dir.to_path_buf(),
                why: Skip::Folder(e.kind()),
            });
            return;
        }
    };
    for entry in entries {
        let entry = match entry {
            Ok(entry) => entry,
            Err(e) => {
                // The listing broke off: what is left of the folder was not seen.
                out.skipped.push(Skipped {
                    path: dir.to_path_buf(),
                    why: Skip::Folder(e.kind()),
                });
                break;
            }
        };
        let path = entry.path();
        let name = entry.file_name().to_string_lossy().to_string();
        if name.starts_with('.') || name.starts_with("~$") {
            continue;
        }
        // Links are followed; a link to nothing is named whatever its name.
        let meta = match std::fs::metadata(&path) {
            Ok(m) => m,
            Err(e) => {
                let listed = entry.file_type().ok();
                if listed.is_some_and(|t| t.is_symlink()) {
                    out.skipped.push(Skipped {
                        path,
                        why: link_error(&e),
                    });
                } else if listed.is_some_and(|t| t.is_dir()) {
                    out.skipped.push(Skipped {
                        path,
                        why: Skip::Folder(e.kind()),
                    });
                } else if has_report_extension(&path) {
                    // A path too long to look at, say: reading it says why it cannot be read.
                    out.files.push(path);
                }
                continue;
            }
        };
        if meta.is_dir() {
            walk(&path, &meta, out, seen);
        } else if has_report_extension(&path) {
            if meta.is_file() {
                out.files.push(path);
            } else {
                out.skipped.push(Skipped {
                    path,
                    why: Skip::Special(Special::of(&meta.file_type())),
                });
            }
        }
    }
}
