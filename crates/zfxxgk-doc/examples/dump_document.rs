//! Prints what a reader makes of files, for debugging a reader: the positioned lines of a PDF
//! (with their chunks' x positions), then for any kind the grids row by row and the running text.
//!
//! `cargo run -p zfxxgk-doc --example dump_document -- a.pdf b.txt c.html d.docx`

#![allow(clippy::print_stdout)]

use zfxxgk_doc::read::{self, Kind, Limits, pdf};

fn main() {
    for path in std::env::args().skip(1) {
        let bytes = match std::fs::read(&path) {
            Ok(b) => b,
            Err(e) => {
                println!("== {path}: {e}");
                continue;
            }
        };
        let kind = if pdf::sniff(&bytes) {
            Kind::Pdf
        } else if read::docx::sniff(&bytes) {
            Kind::Docx
        } else if read::html::sniff(&bytes) {
            Kind::Html
        } else {
            Kind::Text
        };
        println!("== {path}: {kind:?}");
        if kind == Kind::Pdf
            && let Ok(ex) = pdf::extract(&bytes, &Limits::default())
        {
            println!(
                "{} pages, title {:?}, publisher {:?}",
                ex.pages, ex.title, ex.publisher
            );
            for l in &ex.lines {
                let cells: Vec<String> = l
                    .chunks
                    .iter()
                    .map(|c| format!("{}@{:.0}", c.text, c.x))
                    .collect();
                println!("{:?} | {}", l.location, cells.join(" | "));
            }
        }
        match read::read(&bytes, kind, &Limits::default()) {
            Ok(doc) => {
                for g in &doc.grids {
                    println!("-- grid {} ({:?})", g.name, g.geometry);
                    let mut last = u32::MAX;
                    let mut line = String::new();
                    for c in &g.cells {
                        if c.row != last {
                            if !line.is_empty() {
                                println!("{line}");
                            }
                            line = format!("{:>4}:", c.row);
                            last = c.row;
                        }
                        line.push_str(&format!(" [{}]{}", c.col, c.as_text().unwrap_or("")));
                    }
                    println!("{line}");
                }
                println!("-- text");
                for l in &doc.lines {
                    println!("{}: {}", l.location, l.text);
                }
                for i in &doc.issues {
                    println!("issue {}: {}", i.code, i.zh);
                }
            }
            Err(e) => println!("error: {e}"),
        }
    }
}
