//! The PDF reader on fixtures.

use zfxxgk_doc::read::Limits;
use zfxxgk_doc::read::pdf;

/// Prints the positioned lines of the PDFs named in `PDF_DUMP` (a debugging aid).
#[test]
#[ignore]
fn dump() {
    let Ok(paths) = std::env::var("PDF_DUMP") else { return };
    for path in paths.split(',') {
        let bytes = std::fs::read(path).unwrap();
        match pdf::extract(&bytes, &Limits::default()) {
            Ok(ex) => {
                eprintln!("== {path}: {} pages, title {:?}, publisher {:?}", ex.pages, ex.title, ex.publisher);
                for i in &ex.issues {
                    eprintln!("issue {}: {}", i.code, i.zh);
                }
                for l in &ex.lines {
                    let cells: Vec<String> = l.chunks.iter().map(|c| format!("{}@{:.0}", c.text, c.x)).collect();
                    eprintln!("{:?} | {}", l.location, cells.join(" | "));
                }
            }
            Err(e) => eprintln!("== {path}: ERROR {e}"),
        }
    }
}
