//! Writing output files: atomically (a temporary file in the same directory, then a rename), and
//! never over an existing file unless asked.

use std::io::Write as _;
use std::path::Path;

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
    /// The output format is not known.
    #[error("不支持的输出格式“{0}”：可用 {1}")]
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
    /// The file system refused.
    #[error("无法写入 {0}：{1}")]
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
            (WriteFileError::Format(e, list), Lang::En) => {
                format!("unsupported output format “{e}”: use {list}")
            }
            (WriteFileError::OneReportOnly(n), Lang::En) => {
                format!("the input holds {n} reports; this format takes one (use .json or .csv)")
            }
            (WriteFileError::Workbook(_, en) | WriteFileError::Document(_, en), Lang::En) => {
                en.clone()
            }
            (WriteFileError::Io(p, e), Lang::En) => format!("cannot write {p}: {e}"),
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
    if !force && path.exists() {
        return Err(WriteFileError::Exists(shown));
    }
    let dir = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
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
    let mut tmp = builder.tempfile_in(dir).map_err(io)?;
    {
        let mut w = std::io::BufWriter::new(tmp.as_file_mut());
        fill(&mut w).map_err(io)?;
        w.flush().map_err(io)?;
    }
    tmp.as_file().sync_all().map_err(io)?;
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
