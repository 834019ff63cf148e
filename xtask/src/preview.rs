//! `cargo xtask preview [DIR]`: writes the blank template and the exported sample report, and
//! renders them with LibreOffice (`soffice`) to PDF and with poppler (`pdftoppm`) to PNG pages, to
//! look at them as a civil servant would print them.
//!
//! Needs `zfxxgk-excel` as a dependency of xtask, and on the machine `soffice` (Debian:
//! `apt-get install libreoffice-calc fonts-noto-cjk`) and `pdftoppm` (`poppler-utils`).

use std::path::{Path, PathBuf};
use std::process::Command;

use anyhow::{Context, Result, bail};
use zfxxgk_core::{CheckOptions, Lang, check};
use zfxxgk_doc::sample;
use zfxxgk_excel::write::{TemplateOptions, report_workbook, template};

/// Resolution of the PNG pages, in dots per inch.
const DPI: &str = "60";

/// Writes `template.xlsx` and `sample.xlsx` into `out_dir` and renders each to `NAME.pdf` and
/// `NAME-N.png` (one per printed page).
pub fn preview(out_dir: &Path) -> Result<()> {
    require(
        "soffice",
        "--version",
        "LibreOffice (apt-get install libreoffice-calc fonts-noto-cjk)",
    )?;
    require("pdftoppm", "-v", "poppler (apt-get install poppler-utils)")?;
    std::fs::create_dir_all(out_dir)
        .with_context(|| format!("cannot create {}", out_dir.display()))?;

    let report = sample::yima_transport_2024();
    let findings = check(&report, &CheckOptions::default());
    let workbooks = [
        ("template", template(&TemplateOptions::default())?),
        ("sample", report_workbook(&report, &findings, Lang::Zh)?),
    ];
    // A profile of our own, so that a LibreOffice already running does not swallow the job.
    let profile = out_dir.join(".libreoffice-profile");
    let profile_url = format!(
        "-env:UserInstallation=file://{}",
        absolute(&profile)?.display()
    );
    for (name, bytes) in workbooks {
        let xlsx = out_dir.join(format!("{name}.xlsx"));
        std::fs::write(&xlsx, bytes).with_context(|| format!("cannot write {}", xlsx.display()))?;
        run(Command::new("soffice")
            .arg(&profile_url)
            .args(["--headless", "--convert-to", "pdf", "--outdir"])
            .arg(out_dir)
            .arg(&xlsx))?;
        let pdf = out_dir.join(format!("{name}.pdf"));
        if !pdf.is_file() {
            bail!("soffice did not write {}", pdf.display());
        }
        run(Command::new("pdftoppm")
            .args(["-png", "-r", DPI])
            .arg(&pdf)
            .arg(out_dir.join(name)))?;
    }
    Ok(())
}

fn absolute(path: &Path) -> Result<PathBuf> {
    if path.is_absolute() {
        return Ok(path.to_path_buf());
    }
    Ok(std::env::current_dir()
        .context("cannot read the current directory")?
        .join(path))
}

/// Fails with a clear message when a program is not installed.
fn require(program: &str, version_arg: &str, install: &str) -> Result<()> {
    match Command::new(program).arg(version_arg).output() {
        Ok(_) => Ok(()),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            bail!("`{program}` is not installed; preview needs {install}")
        }
        Err(e) => Err(e).with_context(|| format!("cannot run `{program}`")),
    }
}

fn run(cmd: &mut Command) -> Result<()> {
    let shown = format!("{cmd:?}");
    let out = cmd
        .output()
        .with_context(|| format!("cannot run {shown}"))?;
    if !out.status.success() {
        bail!(
            "{shown} failed ({}): {}",
            out.status,
            String::from_utf8_lossy(&out.stderr).trim()
        );
    }
    Ok(())
}
