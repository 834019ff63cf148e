//! Work over many files: in parallel, results handed on in input order, with memory bounded by a
//! few results per thread and by their weight (a file of 1,000 reports weighs as much as 1,000
//! files of one) rather than by the number of files, and a progress bar on a terminal. Each
//! file's work is isolated: a panic in it (a bug, or a parser that fails on hostile input)
//! becomes that file's error and the batch goes on.

use std::panic::AssertUnwindSafe;
use std::path::Path;

use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Condvar, Mutex};

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use zfxxgk_core::Lang;

/// The result a batch hands on for an item whose work panicked.
pub trait Isolated<T> {
    /// The item's result when its work panicked: the file's error.
    fn panicked(item: &T) -> Self;

    /// How much memory the result holds, in reports: a file's result holding its reports (and
    /// their findings) weighs as many as it holds. [`ordered`] starts no new item while the
    /// results waiting for the sink weigh more than [`WEIGHT_BUDGET`]. One by default: a result
    /// that keeps little of each report (a name and its counts) is a light one.
    fn weight(&self) -> usize {
        1
    }
}

/// Runs `work` over `items` in parallel and hands each result to `sink` in the order of `items`.
/// The work on each item is [`isolate`]d: an item whose work panics gets
/// [`Isolated::panicked`] as its result and the others are not disturbed.
///
/// Memory: at most `WINDOW_PER_THREAD` (4) items per thread are in work or waiting for their turn,
/// and no item is started while the results made and not yet handed to `sink` weigh
/// ([`Isolated::weight`]) more than [`WEIGHT_BUDGET`] — except the one `sink` waits for next, so
/// that the batch always goes on. What is waiting therefore weighs at most the budget and one
/// result per thread.
///
/// Threads: as many as rayon's (one per core), the calling thread among them: it runs `sink`
/// whenever the next result is ready and works on items otherwise, so no thread is woken for
/// each result and no core is shared by a worker and the sink.
pub fn ordered<T, R, W, S>(items: &[T], work: W, sink: S)
where
    T: Sync,
    R: Send + Isolated<T>,
    W: Fn(&T) -> R + Sync,
    S: FnMut(R),
{
    ordered_within(items, WEIGHT_BUDGET, work, sink);
}

/// [`ordered`] with a weight budget of `budget`.
fn ordered_within<T, R, W, S>(items: &[T], budget: usize, work: W, mut sink: S)
where
    T: Sync,
    R: Send + Isolated<T>,
    W: Fn(&T) -> R + Sync,
    S: FnMut(R),
{
    let run = |item: &T| isolate(|| work(item)).unwrap_or_else(|Panicked| R::panicked(item));
    let threads = rayon::current_num_threads().max(1);
    if threads == 1 || items.len() < 2 {
        items.iter().map(run).for_each(&mut sink);
        return;
    }
    // At most `window` items are being worked on or waiting for their turn, and none is started
    // while the results waiting weigh more than the budget (but the one the sink needs next):
    // memory is bounded by a few files' results, and by some thousand reports whatever a file
    // holds (a JSON file of a thousand reports). The sink runs on this thread, which works on
    // items too whenever no result is ready for the sink: `threads` threads in all, one per
    // core, none of them woken for each result.
    let window = WINDOW_PER_THREAD * threads;
    let next = AtomicUsize::new(0);
    let state = (Mutex::new(Flow::default()), Condvar::new());
    let stop = AtomicBool::new(false);
    let (tx, rx) = std::sync::mpsc::channel::<(usize, usize, R)>();
    std::thread::scope(|scope| {
        for _ in 1..threads {
            let tx = tx.clone();
            let (next, state, stop, run) = (&next, &state, &stop, &run);
            scope.spawn(move || {
                loop {
                    let i = next.fetch_add(1, Ordering::SeqCst);
                    if i >= items.len() {
                        break;
                    }
                    let mut flow = state.0.lock().unwrap_or_else(|e| e.into_inner());
                    while !flow.may_start(i, window, budget) && !stop.load(Ordering::SeqCst) {
                        flow.sleeping += 1;
                        flow = state.1.wait(flow).unwrap_or_else(|e| e.into_inner());
                        flow.sleeping -= 1;
                    }
                    drop(flow);
                    if stop.load(Ordering::SeqCst) {
                        break;
                    }
                    let r = run(&items[i]);
                    let weight = r.weight();
                    // Counted before it is sent, so that the sink never takes off more than
                    // was put on.
                    state.0.lock().unwrap_or_else(|e| e.into_inner()).weight += weight;
                    if tx.send((i, weight, r)).is_err() {
                        break;
                    }
                }
            });
        }
        drop(tx);
        // However this ends (the sink may panic), no worker is left waiting for its turn.
        let _stop = Stop(&stop, &state);
        let mut waiting = std::collections::BTreeMap::new();
        let mut want = 0;
        while want < items.len() {
            // Results ready are handed on first; then this thread takes the next item if it
            // may start now, and otherwise waits for a worker's result.
            while let Ok((i, weight, r)) = rx.try_recv() {
                waiting.insert(i, (weight, r));
            }
            let before = want;
            while let Some((weight, r)) = waiting.remove(&want) {
                sink(r);
                want += 1;
                let mut flow = state.0.lock().unwrap_or_else(|e| e.into_inner());
                flow.handed = want;
                flow.weight -= weight;
                let sleeping = flow.sleeping;
                drop(flow);
                if sleeping > 0 {
                    state.1.notify_all();
                }
            }
            if want != before {
                continue;
            }
            if let Some(i) = claim(&next, items.len(), |i| {
                state
                    .0
                    .lock()
                    .unwrap_or_else(|e| e.into_inner())
                    .may_start(i, window, budget)
            }) {
                let r = run(&items[i]);
                let weight = r.weight();
                state.0.lock().unwrap_or_else(|e| e.into_inner()).weight += weight;
                waiting.insert(i, (weight, r));
                continue;
            }
            match rx.recv() {
                Ok((i, weight, r)) => {
                    waiting.insert(i, (weight, r));
                }
                // Every worker has stopped and nothing is left to take: whatever is missing
                // cannot come (it does not happen: a worker's panic is its item's result).
                Err(_) => break,
            }
        }
    });
}

/// Takes the next item for the sink's thread, if there is one and `may_start` allows it; an
/// item taken by a worker meanwhile is not taken twice.
fn claim(next: &AtomicUsize, len: usize, may_start: impl Fn(usize) -> bool) -> Option<usize> {
    let mut i = next.load(Ordering::SeqCst);
    loop {
        if i >= len || !may_start(i) {
            return None;
        }
        match next.compare_exchange(i, i + 1, Ordering::SeqCst, Ordering::SeqCst) {
            Ok(_) => return Some(i),
            Err(now) => i = now,
        }
    }
}

/// How many items per thread may be in work or waiting for their turn.
const WINDOW_PER_THREAD: usize = 4;

/// How much the results made and not yet handed on may weigh ([`Isolated::weight`]) before the
/// workers wait: 2,000 checked reports (tens of MB).
pub const WEIGHT_BUDGET: usize = 2000;

/// Where the sink of [`ordered`] is.
#[derive(Debug, Default)]
struct Flow {
    /// The index of the item the sink waits for next.
    handed: usize,
    /// The weight of the results made and not yet handed to the sink.
    weight: usize,
    /// How many workers wait for their turn (the sink wakes them only if some do).
    sleeping: usize,
}

impl Flow {
    /// Whether item `i` may be started: it is within the window, and the results waiting are
    /// within the budget or it is the item the sink waits for.
    fn may_start(&self, i: usize, window: usize, budget: usize) -> bool {
        i < self.handed + window && (i == self.handed || self.weight <= budget)
    }
}

/// Tells the workers of [`ordered`] to stop when dropped.
struct Stop<'a>(&'a AtomicBool, &'a (Mutex<Flow>, Condvar));

impl Drop for Stop<'_> {
    fn drop(&mut self) {
        self.0.store(true, Ordering::SeqCst);
        let _guard = (self.1).0.lock().unwrap_or_else(|e| e.into_inner());
        (self.1).1.notify_all();
    }
}

/// The work on one file panicked.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Panicked;

/// Runs the work on one file, turning a panic into [`Panicked`]. The binary's panic hook prints
/// nothing (`main.rs`): the file's error line is all that is said.
pub fn isolate<R>(work: impl FnOnce() -> R) -> Result<R, Panicked> {
    std::panic::catch_unwind(AssertUnwindSafe(work)).map_err(|_| Panicked)
}

/// The project's address, from `Cargo.toml` (empty if it has none).
const REPOSITORY: &str = env!("CARGO_PKG_REPOSITORY");

/// Where to report a bug: the project's issue tracker, or technical support.
pub fn where_to_report(lang: Lang) -> String {
    match (REPOSITORY.trim_end_matches('/'), lang) {
        ("", Lang::Zh) => "请联系技术支持".into(),
        ("", Lang::En) => "please contact technical support".into(),
        (repo, _) => format!("{repo}/issues"),
    }
}

/// The name of the environment variable of [`test_panic_point`].
pub const TEST_PANIC_ON: &str = "ZFXXGK_TEST_PANIC_ON";

/// **Test-only.** With `ZFXXGK_TEST_PANIC_ON=<file name>` in the environment, reading or writing
/// a file of that name panics, so that the tests of the real binary reach the isolation of each
/// file's work, the quiet panic hook and the clean-up of temporary files. Without the variable
/// (as users run it) this does nothing.
pub fn test_panic_point(path: &Path) {
    if let Some(name) = std::env::var_os(TEST_PANIC_ON)
        && path.file_name() == Some(name.as_os_str())
    {
        panic!("{TEST_PANIC_ON}: {}", path.display());
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

    impl super::Isolated<usize> for Option<usize> {
        fn panicked(_: &usize) -> Self {
            None
        }
    }

    #[test]
    fn a_panic_in_one_item_is_that_items_result() {
        let items: Vec<usize> = (0..600).collect();
        let mut seen = Vec::new();
        super::ordered(
            &items,
            |&i| {
                assert!(i != 300, "item 300 fails");
                Some(i)
            },
            |r| seen.push(r),
        );
        assert_eq!(seen.len(), 600);
        assert_eq!(seen[300], None);
        assert_eq!(seen.iter().flatten().count(), 599);
    }

    #[test]
    fn a_panicking_sink_leaves_no_worker_waiting() {
        let items: Vec<usize> = (0..10_000).collect();
        let caught = std::panic::catch_unwind(|| {
            super::ordered(
                &items,
                |&i| Some(i),
                |r| assert!(r != Some(5), "the sink fails"),
            );
        });
        assert!(caught.is_err());
    }

    /// A result that weighs `weight` reports.
    #[derive(Debug, PartialEq, Eq)]
    struct Heavy {
        item: usize,
        weight: usize,
    }

    impl super::Isolated<usize> for Heavy {
        fn panicked(&item: &usize) -> Self {
            Heavy { item, weight: 1 }
        }

        fn weight(&self) -> usize {
            self.weight
        }
    }

    /// Runs `ordered_within` over `items` on `threads` threads with results of `weight(item)`
    /// and a sink that takes `sink_micros` per result; returns what the sink got and the most
    /// weight that was made and not yet handed on at any moment.
    fn weighed(
        threads: usize,
        items: usize,
        budget: usize,
        weight: impl Fn(usize) -> usize + Sync,
        sink_micros: u64,
    ) -> (Vec<Heavy>, usize) {
        use std::sync::atomic::{AtomicUsize, Ordering};
        let items: Vec<usize> = (0..items).collect();
        let made = AtomicUsize::new(0);
        let most = AtomicUsize::new(0);
        let mut seen = Vec::new();
        let pool = rayon::ThreadPoolBuilder::new()
            .num_threads(threads)
            .build()
            .unwrap();
        pool.install(|| {
            assert_eq!(rayon::current_num_threads(), threads);
            super::ordered_within(
                &items,
                budget,
                |&item| {
                    // Uneven work, so that results arrive out of order.
                    std::thread::sleep(std::time::Duration::from_micros((item % 5) as u64 * 50));
                    let weight = weight(item);
                    let now = made.fetch_add(weight, Ordering::SeqCst) + weight;
                    most.fetch_max(now, Ordering::SeqCst);
                    Heavy { item, weight }
                },
                |r| {
                    made.fetch_sub(r.weight, Ordering::SeqCst);
                    std::thread::sleep(std::time::Duration::from_micros(sink_micros));
                    seen.push(r);
                },
            );
        });
        (seen, most.into_inner())
    }

    #[test]
    fn the_weight_waiting_for_the_sink_stays_within_the_budget() {
        // Files of 1,000 reports each, a slow sink, four threads: the window alone (16 files)
        // would let 16,000 reports wait.
        let (threads, budget) = (4, 2000);
        let (seen, most) = weighed(threads, 120, budget, |_| 1000, 2000);
        assert_eq!(seen.len(), 120);
        assert!(
            most <= budget + threads * 1000,
            "{most} reports waited, more than the budget and one file per thread"
        );
        // Without the budget the same run lets more wait: the bound above is the budget's doing.
        let (_, unbounded) = weighed(threads, 120, usize::MAX, |_| 1000, 2000);
        assert!(unbounded > budget + threads * 1000, "{unbounded}");
    }

    #[test]
    fn a_result_heavier_than_the_budget_does_not_stall_the_batch() {
        // Every result alone weighs more than the budget: the item the sink waits for is always
        // started, so the batch goes on, one file waiting at a time at most per thread.
        let (seen, most) = weighed(3, 200, 2000, |_| 5000, 100);
        assert_eq!(
            seen.iter().map(|h| h.item).collect::<Vec<_>>(),
            (0..200).collect::<Vec<_>>()
        );
        assert!(most <= 2000 + 3 * 5000, "{most}");
    }

    #[test]
    fn weighed_results_come_in_input_order_and_all_of_them() {
        // Light and heavy results mixed, some heavier than the budget, uneven work.
        for threads in [2, 3, 8] {
            let (seen, _) = weighed(threads, 700, 1000, |i| (i % 7) * 600, 0);
            let expected: Vec<Heavy> = (0..700)
                .map(|item| Heavy {
                    item,
                    weight: (item % 7) * 600,
                })
                .collect();
            assert_eq!(seen, expected, "{threads} threads");
        }
    }

    impl super::Isolated<usize> for Option<std::thread::ThreadId> {
        fn panicked(_: &usize) -> Self {
            None
        }
    }

    #[test]
    fn the_calling_thread_works_too() {
        // Two threads in all, one per core: the worker spawned and the thread that runs the
        // sink, which works on items while no result is ready for it.
        let pool = rayon::ThreadPoolBuilder::new()
            .num_threads(2)
            .build()
            .unwrap();
        let (caller, ran_here, threads) = pool.install(|| {
            let caller = std::thread::current().id();
            let items: Vec<usize> = (0..400).collect();
            let mut on = Vec::new();
            super::ordered(
                &items,
                |_| {
                    std::thread::sleep(std::time::Duration::from_micros(200));
                    Some(std::thread::current().id())
                },
                |r| on.push(r),
            );
            let ran_here = on.iter().filter(|t| **t == Some(caller)).count();
            let mut threads: Vec<_> = on.iter().flatten().map(|t| format!("{t:?}")).collect();
            threads.sort();
            threads.dedup();
            (caller, ran_here, threads.len())
        });
        assert_eq!(threads, 2, "{caller:?}");
        assert!(ran_here > 0, "the calling thread took no item");
    }

    #[test]
    fn results_come_in_input_order() {
        let items: Vec<usize> = (0..1000).collect();
        let mut seen = Vec::new();
        super::ordered(&items, |i| Some(i * 2), |r| seen.push(r));
        assert_eq!(seen, items.iter().map(|i| Some(i * 2)).collect::<Vec<_>>());
    }
}
