//! `cargo xtask preview [DIR]`: writes the blank template, the exported sample workbook and the
//! sample report as Word document and web page, and renders them to look at as a civil servant
//! would print them: the workbooks and the Word document with LibreOffice (`soffice`) to PDF, the
//! web page with headless Chromium to PDF (as a browser prints it) and to a screenshot; every PDF
//! with poppler (`pdftoppm`) to PNG pages.
//!
//! Needs on the machine `soffice` (Debian: `apt-get install libreoffice-calc libreoffice-writer
//! fonts-noto-cjk`) and `pdftoppm` (`poppler-utils`); the web page needs `chromium` (`apt-get
//! install chromium`) and is skipped, with a note, where it is missing. Not needed by CI.

use std::path::{Path, PathBuf};
use std::process::Command;

use anyhow::{Context, Result, bail};
use zfxxgk_core::{CheckOptions, Lang, check};
use zfxxgk_excel::write::{TemplateOptions, report_workbook, template};

/// Resolution of the PNG pages, in dots per inch.
const DPI: &str = "60";
/// The browsers tried for the web page, in order.
const BROWSERS: &[&str] = &["chromium", "chromium-browser", "google-chrome"];

/// Writes `template.xlsx`, `sample.xlsx`, `sample-report.docx` and `sample-report.html` into
/// `out_dir` and renders each to `NAME.pdf` and `NAME-N.png` (one per printed page); the web page
/// to `sample-report-html.pdf`, `sample-report-html-N.png` and `sample-report-html-screen.png`.
pub fn preview(out_dir: &Path) -> Result<()> {
    require(
        "soffice",
        "--version",
        "LibreOffice (apt-get install libreoffice-calc libreoffice-writer fonts-noto-cjk)",
    )?;
    require("pdftoppm", "-v", "poppler (apt-get install poppler-utils)")?;
    std::fs::create_dir_all(out_dir)
        .with_context(|| format!("cannot create {}", out_dir.display()))?;
    let out_dir = absolute(out_dir)?;

    let report = zfxxgk_doc::sample::yima_transport_2024();
    let findings = check(&report, &CheckOptions::default());
    let docx =
        zfxxgk_doc::write::docx(&report).map_err(|e| anyhow::anyhow!(e.message(Lang::En)))?;
    let html = zfxxgk_doc::write::html(&report);
    for note in docx.notes.iter().chain(&html.notes) {
        println!("note: {}", note.message(Lang::En));
    }
    let documents = [
        ("template.xlsx", template(&TemplateOptions::default())?),
        (
            "sample.xlsx",
            report_workbook(&report, &findings, Lang::Zh)?,
        ),
        ("sample-report.docx", docx.output),
    ];
    // A profile of our own, so that a LibreOffice already running does not swallow the job.
    let profile = out_dir.join(".libreoffice-profile");
    let profile_url = format!("-env:UserInstallation=file://{}", profile.display());
    for (file, bytes) in documents {
        let path = out_dir.join(file);
        std::fs::write(&path, bytes).with_context(|| format!("cannot write {}", path.display()))?;
        run(Command::new("soffice")
            .arg(&profile_url)
            .args(["--headless", "--convert-to", "pdf", "--outdir"])
            .arg(&out_dir)
            .arg(&path))?;
        let stem = file.split('.').next().unwrap_or(file);
        let pdf = out_dir.join(format!("{stem}.pdf"));
        if !pdf.is_file() {
            bail!("soffice did not write {}", pdf.display());
        }
        pages(&pdf, &out_dir.join(stem))?;
    }

    let page = out_dir.join("sample-report.html");
    std::fs::write(&page, html.output.as_bytes())
        .with_context(|| format!("cannot write {}", page.display()))?;
    let Some(browser) = BROWSERS.iter().find(|b| installed(b, "--version")) else {
        println!(
            "chromium is not installed (apt-get install chromium): {} is not rendered",
            page.display()
        );
        return Ok(());
    };
    let url = format!("file://{}", page.display());
    let browser_profile = out_dir.join(".chromium-profile");
    let headless = |cmd: &mut Command| {
        cmd.args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--hide-scrollbars",
        ])
        .arg(format!("--user-data-dir={}", browser_profile.display()));
    };
    let pdf = out_dir.join("sample-report-html.pdf");
    let mut print = Command::new(browser);
    headless(&mut print);
    run(print
        .arg("--no-pdf-header-footer")
        .arg(format!("--print-to-pdf={}", pdf.display()))
        .arg(&url))?;
    if !pdf.is_file() {
        bail!("{browser} did not write {}", pdf.display());
    }
    pages(&pdf, &out_dir.join("sample-report-html"))?;
    let mut shot = Command::new(browser);
    headless(&mut shot);
    run(shot
        .arg("--window-size=1000,1400")
        .arg(format!(
            "--screenshot={}",
            out_dir.join("sample-report-html-screen.png").display()
        ))
        .arg(&url))?;
    println!("written to {}", out_dir.display());
    Ok(())
}

/// Renders every page of a PDF to `PREFIX-N.png`.
fn pages(pdf: &Path, prefix: &Path) -> Result<()> {
    run(Command::new("pdftoppm")
        .args(["-png", "-r", DPI])
        .arg(pdf)
        .arg(prefix))
}

fn absolute(path: &Path) -> Result<PathBuf> {
    if path.is_absolute() {
        return Ok(path.to_path_buf());
    }
    Ok(std::env::current_dir()
        .context("cannot read the current directory")?
        .join(path))
}

fn installed(program: &str, version_arg: &str) -> bool {
    Command::new(program)
        .arg(version_arg)
        .output()
        .is_ok_and(|o| o.status.success())
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
