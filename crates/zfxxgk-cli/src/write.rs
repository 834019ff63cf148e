//! Writing output files: atomically (a temporary file in the same directory, then a rename), and
//! never over an existing file unless asked. The temporary files being written are known
//! ([`remove_pending`]), so that an interrupted run (Ctrl-C, SIGTERM) leaves none behind.

use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::sync::{Mutex, MutexGuard};

use zfxxgk_core::Lang;

/// Why an output file was not written.
#[derive(Debug, thiserror::Error)]
pub enum WriteFileError {
    /// The file exists and `--force` was not given.
    #[error("{0} 已存在；如要覆盖，请加 --force")]
    Exists(String),
    /// The output would replace the input.
    #[error("输出文件 {0} 就是输入文件；请换一个输出文件名")]
    SameAsInput(String),
    /// The output format is not known (`.` for a name without an extension).
    #[error("{}", format_zh(.0, .1))]
    Format(String, &'static str),
    /// The output format holds one report, the input has several.
    #[error("输入文件中有 {0} 份报告，这种格式一次只能导出一份；请导出为 .json 或 .csv")]
    OneReportOnly(usize),
    /// The workbook writer refused.
    #[error("{0}")]
    Workbook(String, String),
    /// The document writer refused.
    #[error("{0}")]
    Document(String, String),
    /// The folder the output would go into does not exist.
    #[error("输出目录不存在：{0}（请先建立这个文件夹，或换一个输出位置）")]
    MissingDir(String),
    /// What should be the output's folder is a file.
    #[error("{0} 是一个文件，不是文件夹，不能在其中写出文件")]
    NotADir(String),
    /// The output path names a folder.
    #[error("{0} 是一个文件夹；请写出完整的文件名，如 {1}")]
    IsADir(String, String),
    /// The file system refused. The message names the output, never the temporary file.
    #[error("无法写入 {0}：{reason}", reason = io_reason_zh(.1))]
    Io(String, std::io::Error),
}

impl WriteFileError {
    /// The message in the given language.
    pub fn message(&self, lang: Lang) -> String {
        match (self, lang) {
            (_, Lang::Zh) => self.to_string(),
            (WriteFileError::Exists(p), Lang::En) => {
                format!("{p} exists; add --force to replace it")
            }
            (WriteFileError::SameAsInput(p), Lang::En) => {
                format!("the output {p} is the input file; choose another name")
            }
            (WriteFileError::Format(e, list), Lang::En) if e == "." => {
                format!("the output file name has no extension to tell the format: use {list}")
            }
            (WriteFileError::Format(e, list), Lang::En) => {
                format!("unsupported output format “{e}”: use {list}")
            }
            (WriteFileError::OneReportOnly(n), Lang::En) => {
                format!("the input holds {n} reports; this format takes one (use .json or .csv)")
            }
            (WriteFileError::Workbook(_, en) | WriteFileError::Document(_, en), Lang::En) => {
                en.clone()
            }
            (WriteFileError::MissingDir(d), Lang::En) => format!(
                "the output folder does not exist: {d} (create it first, or write elsewhere)"
            ),
            (WriteFileError::NotADir(d), Lang::En) => {
                format!("{d} is a file, not a folder; nothing can be written inside it")
            }
            (WriteFileError::IsADir(p, example), Lang::En) => {
                format!("{p} is a folder; give the whole file name, e.g. {example}")
            }
            (WriteFileError::Io(p, e), Lang::En) => {
                format!("cannot write {p}: {}", io_reason_en(e))
            }
        }
    }
}

impl From<zfxxgk_excel::write::WriteError> for WriteFileError {
    fn from(e: zfxxgk_excel::write::WriteError) -> WriteFileError {
        WriteFileError::Workbook(e.message(Lang::Zh), e.message(Lang::En))
    }
}

/// Writes `bytes` to `path` atomically. Without `force`, an existing file is never replaced (the
/// check is made again at the rename, so a file that appears meanwhile is not lost either).
pub fn write_atomic(path: &Path, bytes: &[u8], force: bool) -> Result<(), WriteFileError> {
    write_atomic_with(path, force, |w| w.write_all(bytes))
}

/// Like [`write_atomic`], with the content streamed by `fill` into the temporary file, so that a
/// large output is never held in memory whole.
pub fn write_atomic_with(
    path: &Path,
    force: bool,
    fill: impl FnOnce(&mut dyn std::io::Write) -> std::io::Result<()>,
) -> Result<(), WriteFileError> {
    let shown = path.display().to_string();
    let dir = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    // Said in the user's terms before the temporary file is made, whose name must never show.
    if path.is_dir() {
        return Err(folder_as_output(path, "xlsx"));
    }
    match std::fs::metadata(dir) {
        Ok(m) if !m.is_dir() => return Err(WriteFileError::NotADir(dir.display().to_string())),
        Ok(_) => {}
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            return Err(WriteFileError::MissingDir(dir.display().to_string()));
        }
        Err(_) => {}
    }
    if !force && (path.exists() || path.is_symlink()) {
        return Err(WriteFileError::Exists(shown));
    }
    let io = |e: std::io::Error| WriteFileError::Io(shown.clone(), e);
    // A temporary file is private (0600); the output gets the permissions of the file it
    // replaces, or those of an ordinary new file.
    let permissions = std::fs::metadata(path)
        .map(|m| m.permissions())
        .ok()
        .or_else(default_permissions);
    let mut builder = tempfile::Builder::new();
    builder.prefix(".zfxxgk-").suffix(".tmp");
    if let Some(p) = permissions {
        builder.permissions(p);
    }
    // Made and made known under one lock: a signal handled meanwhile finds it, or ends the
    // process before it exists.
    let (mut tmp, _pending) = {
        let mut list = pending();
        let tmp = builder.tempfile_in(dir).map_err(io)?;
        list.push(tmp.path().to_path_buf());
        let known = Pending(tmp.path().to_path_buf());
        (tmp, known)
    };
    {
        let mut w = std::io::BufWriter::new(tmp.as_file_mut());
        fill(&mut w).map_err(io)?;
        w.flush().map_err(io)?;
    }
    tmp.as_file().sync_all().map_err(io)?;
    crate::batch::test_panic_point(path);
    test_pause();
    // Renamed while no signal is being handled: the temporary file is either removed by the
    // handler (which then ends the process) or renamed whole.
    let _guard = pending();
    if force {
        tmp.persist(path).map_err(|e| io(e.error))?;
    } else {
        tmp.persist_noclobber(path).map_err(|e| {
            if e.error.kind() == std::io::ErrorKind::AlreadyExists {
                WriteFileError::Exists(shown.clone())
            } else {
                io(e.error)
            }
        })?;
    }
    Ok(())
}

/// The temporary files being written, removed by [`remove_pending`] when the run is
/// interrupted.
static PENDING: Mutex<Vec<PathBuf>> = Mutex::new(Vec::new());

fn pending() -> MutexGuard<'static, Vec<PathBuf>> {
    PENDING.lock().unwrap_or_else(|e| e.into_inner())
}

/// A temporary file known while it is being written (its entry goes when this is dropped: the
/// file was renamed, or removed by `tempfile` on an error or a panic).
struct Pending(PathBuf);

impl Drop for Pending {
    fn drop(&mut self) {
        let mut list = pending();
        if let Some(i) = list.iter().position(|p| *p == self.0) {
            list.swap_remove(i);
        }
    }
}

/// Removes the temporary files being written and returns how many there were; the lock is kept
/// (the returned guard) so that no write renames its file or starts another meanwhile: the
/// caller is ending the process (a signal's handler in `main.rs`).
pub fn remove_pending() -> (usize, MutexGuard<'static, Vec<PathBuf>>) {
    let mut list = pending();
    let n = list
        .drain(..)
        .filter(|p| std::fs::remove_file(p).is_ok())
        .count();
    (n, list)
}

/// The name of the environment variable of [`test_pause`].
pub const TEST_PAUSE_WRITING: &str = "ZFXXGK_TEST_PAUSE_WRITING_MS";

/// **Test-only.** With `ZFXXGK_TEST_PAUSE_WRITING_MS=<ms>`, a write pauses that long with its
/// temporary file written and not yet renamed, so that the tests of the real binary can
/// interrupt it there. Without the variable (as users run it) this does nothing.
fn test_pause() {
    if let Some(ms) = std::env::var(TEST_PAUSE_WRITING)
        .ok()
        .and_then(|v| v.parse::<u64>().ok())
    {
        std::thread::sleep(std::time::Duration::from_millis(ms.min(60_000)));
    }
}

fn format_zh(ext: &str, list: &str) -> String {
    if ext == "." {
        format!("输出文件名没有扩展名，无法确定格式：可用 {list}")
    } else {
        format!("不支持的输出格式“{ext}”：可用 {list}")
    }
}

/// The refusal of a folder given as the output file, with a file name in it to suggest: the
/// folder's own name with the extension `ext` (`汇总/` → `汇总/汇总.xlsx`).
pub fn folder_as_output(dir: &Path, ext: &str) -> WriteFileError {
    let stem = dir
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .filter(|n| !n.is_empty() && n != "." && n != "..")
        .unwrap_or_else(|| "输出".into());
    let example = dir.join(format!("{stem}.{ext}")).display().to_string();
    WriteFileError::IsADir(dir.display().to_string(), example)
}

/// Why the file system refused, in words, from the kind of error alone: the error's own text
/// may name the temporary file.
fn io_reason_zh(e: &std::io::Error) -> String {
    use std::io::ErrorKind as K;
    match e.kind() {
        K::PermissionDenied => {
            "没有在这里写文件的权限（文件夹或文件是只读的，或文件正被其他程序打开）".into()
        }
        K::NotFound => "输出目录不存在".into(),
        K::ReadOnlyFilesystem => "磁盘是只读的".into(),
        K::StorageFull | K::QuotaExceeded => "磁盘空间不足".into(),
        K::IsADirectory => "这是一个文件夹，不是文件".into(),
        K::NotADirectory => "路径中有一段不是文件夹".into(),
        K::InvalidFilename => "文件名无效（太长或含有不允许的字符）".into(),
        K::ResourceBusy | K::ExecutableFileBusy => "文件正被其他程序使用，请先关闭它".into(),
        K::CrossesDevices => "无法移到目标位置（不在同一磁盘）".into(),
        _ => format!("写入失败（{}）", os_detail(e)),
    }
}

fn io_reason_en(e: &std::io::Error) -> String {
    use std::io::ErrorKind as K;
    match e.kind() {
        K::PermissionDenied => {
            "no permission to write here (a read-only folder or file, or the file is open in another program)".into()
        }
        K::NotFound => "the output folder does not exist".into(),
        K::ReadOnlyFilesystem => "the disk is read-only".into(),
        K::StorageFull | K::QuotaExceeded => "the disk is full".into(),
        K::IsADirectory => "it is a folder, not a file".into(),
        K::NotADirectory => "part of the path is not a folder".into(),
        K::InvalidFilename => "invalid file name (too long, or a character not allowed)".into(),
        K::ResourceBusy | K::ExecutableFileBusy => {
            "the file is in use by another program; close it first".into()
        }
        K::CrossesDevices => "cannot move the file there (another disk)".into(),
        _ => format!("write failed ({})", os_detail(e)),
    }
}

/// The operating system's own words for an error, without any path: an error from the system
/// itself carries none, one wrapped with a path (as tempfile does) is told by its kind.
fn os_detail(e: &std::io::Error) -> String {
    match e.raw_os_error() {
        Some(_) => e.to_string(),
        None => e.kind().to_string(),
    }
}

#[cfg(unix)]
fn default_permissions() -> Option<std::fs::Permissions> {
    use std::os::unix::fs::PermissionsExt as _;
    Some(std::fs::Permissions::from_mode(0o644))
}

#[cfg(not(unix))]
fn default_permissions() -> Option<std::fs::Permissions> {
    None
}

/// True if two paths name the same existing file.
pub fn same_file(a: &Path, b: &Path) -> bool {
    match (a.canonicalize(), b.canonicalize()) {
        (Ok(x), Ok(y)) => x == y,
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn refusals_name_the_output_and_its_folder_never_the_temporary_file() {
        let dir = tempfile::tempdir().unwrap();
        let folder = dir.path().join("汇总.csv");
        std::fs::create_dir(&folder).unwrap();
        for force in [false, true] {
            let e = write_atomic(&folder, b"x", force).unwrap_err();
            assert!(matches!(e, WriteFileError::IsADir(..)), "{e}");
        }
        let missing = dir.path().join("无").join("a.csv");
        let e = write_atomic(&missing, b"x", false).unwrap_err();
        assert_eq!(
            e.to_string(),
            format!(
                "输出目录不存在：{}（请先建立这个文件夹，或换一个输出位置）",
                dir.path().join("无").display()
            )
        );
        let file = dir.path().join("f");
        std::fs::write(&file, "").unwrap();
        let e = write_atomic(&file.join("a.csv"), b"x", false).unwrap_err();
        assert!(matches!(e, WriteFileError::NotADir(_)), "{e}");
        // An error wrapped with the temporary file's path is told by its kind alone.
        let wrapped = std::io::Error::new(
            std::io::ErrorKind::PermissionDenied,
            "Permission denied at path \"/x/.zfxxgk-abc.tmp\"",
        );
        let e = WriteFileError::Io("/x/a.csv".into(), wrapped);
        for lang in [Lang::Zh, Lang::En] {
            assert!(!e.message(lang).contains(".tmp"), "{}", e.message(lang));
        }
        let other = std::io::Error::other("failed at path \"/x/.zfxxgk-abc.tmp\"");
        let e = WriteFileError::Io("/x/a.csv".into(), other);
        assert!(!e.to_string().contains(".tmp"), "{e}");
    }

    #[test]
    fn refuses_to_overwrite_without_force() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("a.json");
        write_atomic(&p, b"one", false).unwrap();
        let e = write_atomic(&p, b"two", false).unwrap_err();
        assert!(
            e.to_string().contains("已存在；如要覆盖，请加 --force"),
            "{e}"
        );
        assert_eq!(std::fs::read(&p).unwrap(), b"one");
        write_atomic(&p, b"two", true).unwrap();
        assert_eq!(std::fs::read(&p).unwrap(), b"two");
        // No temporary file is left behind.
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt as _;
            let mode = std::fs::metadata(&p).unwrap().permissions().mode() & 0o777;
            assert_eq!(mode, 0o644, "an ordinary file, not a private temporary one");
            std::fs::set_permissions(&p, std::fs::Permissions::from_mode(0o600)).unwrap();
            write_atomic(&p, b"three", true).unwrap();
            let mode = std::fs::metadata(&p).unwrap().permissions().mode() & 0o777;
            assert_eq!(mode, 0o600, "a replaced file keeps its permissions");
        }
    }
}
