//! Threads: how many, and the pools they run in.
//!
//! The thread count of a call is its `threads` argument, else the `FRAMELENS_THREADS`
//! environment variable, else one thread per core ([`thread_count`]); more than
//! [`max_threads`] is a configuration error, so a typo cannot start a million threads. One pool
//! is kept per thread count in use, and only the [`KEPT_POOLS`] most recently used: an older
//! pool ends its threads when the last batch using it is done, so a program that tries many
//! counts does not collect threads. A process forked from one whose pools had started
//! (`multiprocessing` on Linux) has none of their threads, and starts pools of its own.
//!
//! ```
//! let pool = framelens::parallel::pool(Some(2))?;
//! let squares = pool.map(&[1, 2, 3], |x| x * x);
//! assert_eq!(squares, [1, 4, 9]);
//! # Ok::<(), framelens::Error>(())
//! ```

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex, OnceLock};

use rayon::prelude::*;
use rayon::ThreadPool;

use crate::error::{Error, Result};

/// How many pools (of different thread counts) are kept for reuse.
pub const KEPT_POOLS: usize = 4;

fn cores() -> usize {
    std::thread::available_parallelism().map_or(1, |n| n.get())
}

/// The largest thread count accepted: four per core, and at least 8.
pub fn max_threads() -> usize {
    (4 * cores()).max(8)
}

fn env_threads() -> Result<Option<usize>> {
    match std::env::var("FRAMELENS_THREADS") {
        Err(_) => Ok(None),
        Ok(v) if v.trim().is_empty() => Ok(None),
        Ok(v) => v.trim().parse::<usize>().map(Some).map_err(|_| {
            Error::config(format!(
                "FRAMELENS_THREADS must be a positive whole number, not `{v}`"
            ))
        }),
    }
}

/// The thread count for a call: `threads`, else `FRAMELENS_THREADS`, else one per core. Zero
/// and counts over [`max_threads`] are configuration errors.
pub fn thread_count(threads: Option<usize>) -> Result<usize> {
    let n = match threads {
        Some(n) => n,
        None => env_threads()?.unwrap_or_else(cores),
    };
    if n == 0 {
        return Err(Error::config("threads must be at least 1"));
    }
    let max = max_threads();
    if n > max {
        return Err(Error::config(format!(
            "threads is {n}, over the limit of {max} (four per core on this machine)"
        )));
    }
    Ok(n)
}

/// A pool of worker threads, and the process they run in.
#[derive(Debug)]
pub struct Pool {
    threads: ThreadPool,
    pid: u32,
}

impl Pool {
    /// The number of threads.
    pub fn threads(&self) -> usize {
        self.threads.current_num_threads()
    }

    /// The rayon pool, to run work of your own on it (`install`, `scope`).
    pub fn rayon(&self) -> &ThreadPool {
        &self.threads
    }

    /// Whether the pool's threads run in this process.
    fn here(&self) -> bool {
        self.pid == std::process::id()
    }

    /// Whether work for this pool runs on the calling thread instead (a pool of one thread:
    /// handing work and results to it would only add the handing).
    fn on_caller(&self) -> bool {
        self.threads() == 1
    }

    /// `f` over `items`, in order: on the calling thread when the pool has one thread (no
    /// handing of work and results between threads, and each result is freed by the thread
    /// that made it), else in parallel on the pool. Each item is a piece of work of its own: a
    /// thread that runs out takes single items from the others, so the threads finish together
    /// (rayon's default leaves a quarter of a batch on each thread, which end several
    /// milliseconds apart when document lengths differ).
    pub fn map<T: Sync, R: Send>(&self, items: &[T], f: impl Fn(&T) -> R + Send + Sync) -> Vec<R> {
        if self.on_caller() {
            return items.iter().map(f).collect();
        }
        self.threads
            .install(|| items.par_iter().with_max_len(1).map(f).collect())
    }

    /// [`map`](Self::map) that stops early once `cancel` is cancelled: each item checks the
    /// token before `f` runs on it, so the work stops within one item per thread, and `None`
    /// comes back with every result made so far dropped. A token never cancelled gives `map`'s
    /// results, in the same order.
    pub fn map_cancellable<T: Sync, R: Send>(
        &self,
        items: &[T],
        f: impl Fn(&T) -> R + Send + Sync,
        cancel: &CancelToken,
    ) -> Option<Vec<R>> {
        let each = |item: &T| (!cancel.is_cancelled()).then(|| f(item));
        if self.on_caller() {
            return items.iter().map(each).collect();
        }
        // Collected straight into `Option<Vec<R>>` (in order; `None` once an item was
        // skipped), not into a `Vec<Option<R>>` moved into a second vector.
        self.threads
            .install(|| items.par_iter().with_max_len(1).map(each).collect())
    }
}

/// The pools kept for reuse, most recently used last.
fn kept() -> &'static Mutex<Vec<Arc<Pool>>> {
    static POOLS: OnceLock<Mutex<Vec<Arc<Pool>>>> = OnceLock::new();
    POOLS.get_or_init(Default::default)
}

/// The pool for `threads` (see [`thread_count`]): reused while it is among the [`KEPT_POOLS`]
/// most recently used, started otherwise. A pool is freed, and its threads end, when the last
/// `Arc` to it goes.
pub fn pool(threads: Option<usize>) -> Result<Arc<Pool>> {
    let n = thread_count(threads)?;
    let mut pools = kept().lock().unwrap_or_else(|e| e.into_inner());
    // Pools of another process (before a fork) are of no use here.
    pools.retain(|p| p.here());
    if let Some(i) = pools.iter().position(|p| p.threads() == n) {
        // Most recently used last.
        let p = pools.remove(i);
        pools.push(Arc::clone(&p));
        return Ok(p);
    }
    let threads = rayon::ThreadPoolBuilder::new()
        .num_threads(n)
        .thread_name(|i| format!("framelens-{i}"))
        .build()
        .map_err(|e| Error::config(format!("cannot start {n} threads: {e}")))?;
    let p = Arc::new(Pool {
        threads,
        pid: std::process::id(),
    });
    if pools.len() == KEPT_POOLS {
        pools.remove(0);
    }
    pools.push(Arc::clone(&p));
    Ok(p)
}

/// Asks long work to stop early: clones share one flag, so one thread can cancel what another
/// runs (a binding polling for Ctrl-C while the work runs on the pool). The work checks it
/// between its pieces ([`Comparison::new_cancellable`](crate::compare::Comparison::new_cancellable)
/// between resamples and permutations, [`Pool::map_cancellable`] between items); a token that is
/// never cancelled changes nothing.
///
/// ```
/// let cancel = framelens::parallel::CancelToken::new();
/// let seen_by_workers = cancel.clone();
/// assert!(!seen_by_workers.is_cancelled());
/// cancel.cancel();
/// assert!(seen_by_workers.is_cancelled());
/// ```
#[derive(Clone, Debug, Default)]
pub struct CancelToken(Arc<AtomicBool>);

impl CancelToken {
    /// A token not cancelled.
    pub fn new() -> Self {
        Self::default()
    }

    /// Asks the work holding a clone of this token to stop; it cannot be undone.
    pub fn cancel(&self) {
        // A flag and nothing it guards: the work that sees it stops and keeps nothing.
        self.0.store(true, Ordering::Relaxed);
    }

    /// Whether [`cancel`](Self::cancel) was called on this token or a clone of it.
    pub fn is_cancelled(&self) -> bool {
        self.0.load(Ordering::Relaxed)
    }
}

/// Where the memory of a result goes back when its holder lets go of it.
#[derive(Clone, Debug)]
pub enum FreeOn {
    /// The thread that lets go of it (results made on the calling thread).
    Caller,
    /// A job on this pool.
    Pool(Arc<Pool>),
}

impl FreeOn {
    /// The threads that made what [`Pool::map`] returns on `pool`.
    pub fn made_by(pool: &Arc<Pool>) -> FreeOn {
        if pool.on_caller() {
            FreeOn::Caller
        } else {
            FreeOn::Pool(Arc::clone(pool))
        }
    }

    /// Lets go of `value`, and frees it where it was made when this was the last reference. A
    /// batch's results (each dozens of allocations) are then freed by the pool's threads, one
    /// job each and in parallel, instead of one by one on a thread the pool would wait for (in
    /// Python, the one holding the GIL). In a forked child, which has none of the pool's
    /// threads, they are freed on the spot.
    pub fn free<T: Send + Sync + 'static>(&self, value: Arc<T>) {
        if Arc::strong_count(&value) > 1 {
            return;
        }
        match self {
            FreeOn::Pool(pool) if pool.here() => pool.threads.spawn(move || drop(value)),
            _ => drop(value),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::mpsc;

    /// Sends the name of the thread that drops it.
    struct Probe(mpsc::Sender<Option<String>>);

    impl Drop for Probe {
        fn drop(&mut self) {
            let name = std::thread::current().name().map(str::to_string);
            let _ = self.0.send(name);
        }
    }

    fn freed_on(free: FreeOn) -> Option<String> {
        let (tx, rx) = mpsc::channel();
        free.free(Arc::new(Probe(tx)));
        rx.recv_timeout(std::time::Duration::from_secs(10))
            .expect("the probe was never dropped")
    }

    #[test]
    fn results_are_freed_where_they_were_made() {
        let p = pool(Some(2)).unwrap();
        let name = freed_on(FreeOn::made_by(&p)).unwrap_or_default();
        assert!(name.starts_with("framelens-"), "freed on {name:?}");
        let here = std::thread::current().name().map(str::to_string);
        let one = pool(Some(1)).unwrap();
        assert_eq!(freed_on(FreeOn::made_by(&one)), here);
    }

    #[test]
    fn a_value_still_held_elsewhere_is_not_freed() {
        let p = pool(Some(2)).unwrap();
        let (tx, rx) = mpsc::channel();
        let kept = Arc::new(Probe(tx));
        FreeOn::made_by(&p).free(kept.clone());
        assert_eq!(Arc::strong_count(&kept), 1);
        assert!(rx.try_recv().is_err());
        drop(kept);
        assert!(rx.recv().is_ok());
    }

    #[test]
    fn a_cancel_is_seen_by_every_clone_on_every_thread() {
        let cancel = CancelToken::new();
        let p = pool(Some(2)).unwrap();
        let before: Vec<bool> = p.map(&[0; 8], |_| cancel.clone().is_cancelled());
        assert_eq!(before, [false; 8]);
        let clone = cancel.clone();
        std::thread::spawn(move || clone.cancel()).join().unwrap();
        let after: Vec<bool> = p.map(&[0; 8], |_| cancel.is_cancelled());
        assert_eq!(after, [true; 8]);
        assert!(!CancelToken::new().is_cancelled());
    }

    #[test]
    fn a_cancelled_map_stops_early_and_keeps_nothing() {
        let items: Vec<usize> = (0..10_000).collect();
        for threads in [1, 2, 3] {
            let p = pool(Some(threads)).unwrap();
            let cancel = CancelToken::new();
            let ran = std::sync::atomic::AtomicUsize::new(0);
            let out = p.map_cancellable(
                &items,
                |&i| {
                    ran.fetch_add(1, Ordering::Relaxed);
                    if i == 100 {
                        cancel.cancel();
                    }
                    i
                },
                &cancel,
            );
            assert!(out.is_none());
            // Item 100 cancels; each thread finishes at most the item it was on.
            let ran = ran.into_inner();
            assert!(
                ran <= 101 + threads * 100,
                "{ran} items ran on {threads} threads"
            );
        }
    }

    #[test]
    fn an_uncancelled_map_is_the_plain_one() {
        let items: Vec<usize> = (0..1000).collect();
        for threads in [1, 2, 3] {
            let p = pool(Some(threads)).unwrap();
            let cancel = CancelToken::new();
            assert_eq!(
                p.map_cancellable(&items, |i| i * 2, &cancel),
                Some(p.map(&items, |i| i * 2))
            );
            cancel.cancel();
            assert_eq!(p.map_cancellable(&items, |i| i * 2, &cancel), None);
        }
    }

    #[test]
    fn map_keeps_order() {
        let items: Vec<usize> = (0..1000).collect();
        for threads in [1, 2, 3] {
            let p = pool(Some(threads)).unwrap();
            assert_eq!(
                p.map(&items, |i| i * 2),
                (0..2000).step_by(2).collect::<Vec<_>>()
            );
        }
    }

    #[test]
    fn counts_are_checked_and_pools_bounded() {
        assert!(thread_count(Some(0)).is_err());
        let too_many = thread_count(Some(max_threads() + 1)).unwrap_err();
        assert!(too_many.message().contains("over the limit"), "{too_many}");
        assert_eq!(thread_count(Some(3)).unwrap(), 3);
        // Many counts in turn: at most KEPT_POOLS pools are kept, and a pool is reused.
        let first = pool(Some(2)).unwrap();
        for n in 1..=max_threads().min(8) {
            pool(Some(n)).unwrap();
        }
        let n = kept().lock().unwrap().len();
        assert!(n <= KEPT_POOLS, "{n} pools kept");
        let again = pool(Some(2)).unwrap();
        assert!(Arc::ptr_eq(&again, &pool(Some(2)).unwrap()));
        drop(first);
    }
}
