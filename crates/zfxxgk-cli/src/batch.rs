//! Work over many files: in parallel, results handed on in input order, with memory bounded by a
//! chunk of results rather than by the number of files, and a progress bar on a terminal.

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use rayon::prelude::*;
use zfxxgk_core::Lang;

/// How many results are held at once (per chunk) before they are handed on in order.
const CHUNK: usize = 256;

/// Runs `work` over `items` in parallel and hands each result to `sink` in the order of `items`.
pub fn ordered<T, R, W, S>(items: &[T], work: W, mut sink: S)
where
    T: Sync,
    R: Send,
    W: Fn(&T) -> R + Sync,
    S: FnMut(R),
{
    for chunk in items.chunks(CHUNK) {
        let results: Vec<R> = chunk.par_iter().map(&work).collect();
        results.into_iter().for_each(&mut sink);
    }
}

/// The label of a progress bar in the language of the run (one language at a time).
pub fn label(lang: Lang, zh: &'static str, en: &'static str) -> &'static str {
    match lang {
        Lang::Zh => zh,
        Lang::En => en,
    }
}

/// A progress bar on standard error, or nothing when standard error is not a terminal.
#[derive(Debug)]
pub struct Progress(Option<ProgressBar>);

impl Progress {
    /// A bar over `len` files, shown only if `show`.
    pub fn new(len: usize, show: bool, message: &'static str) -> Progress {
        if !show {
            return Progress(None);
        }
        let bar = ProgressBar::with_draw_target(Some(len as u64), ProgressDrawTarget::stderr());
        if let Ok(style) =
            ProgressStyle::with_template("{msg} {wide_bar} {pos}/{len} {elapsed_precise}")
        {
            bar.set_style(style);
        }
        bar.set_message(message);
        Progress(Some(bar))
    }

    /// One more file done.
    pub fn inc(&self) {
        if let Some(bar) = &self.0 {
            bar.inc(1);
        }
    }

    /// Runs `f` with the bar hidden, so that lines printed meanwhile do not mix with it.
    pub fn suspend<R>(&self, f: impl FnOnce() -> R) -> R {
        match &self.0 {
            Some(bar) => bar.suspend(f),
            None => f(),
        }
    }

    /// Removes the bar.
    pub fn finish(&self) {
        if let Some(bar) = &self.0 {
            bar.finish_and_clear();
        }
    }
}

#[cfg(test)]
mod tests {
    use zfxxgk_core::Lang;

    #[test]
    fn a_label_is_in_one_language() {
        assert_eq!(super::label(Lang::Zh, "检查", "checking"), "检查");
        assert_eq!(super::label(Lang::En, "检查", "checking"), "checking");
    }

    #[test]
    fn results_come_in_input_order() {
        let items: Vec<usize> = (0..1000).collect();
        let mut seen = Vec::new();
        super::ordered(&items, |i| i * 2, |r| seen.push(r));
        assert_eq!(seen, items.iter().map(|i| i * 2).collect::<Vec<_>>());
    }
}
