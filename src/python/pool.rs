//! The threads of the Python API: one rayon pool per thread count, mapping a batch over a pool,
//! and where a batch's results are freed.

use std::collections::HashMap;
use std::sync::{Arc, Mutex, OnceLock};

use rayon::prelude::*;
use rayon::ThreadPool;

use crate::error::{Error, Result};

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

/// A pool of worker threads, and the process they run in: a child forked after the pool started
/// (multiprocessing on Linux) inherits the pool but none of its threads.
pub(crate) struct Pool {
    pub(crate) threads: ThreadPool,
    pid: u32,
}

impl Pool {
    /// Whether the pool's threads run in this process.
    fn here(&self) -> bool {
        self.pid == std::process::id()
    }

    /// Whether work for this pool runs on the calling thread instead (a pool of one thread:
    /// handing work and results to it would only add the handing).
    fn on_caller(&self) -> bool {
        self.threads.current_num_threads() == 1
    }
}

/// The pool for `threads` (`None`: `FRAMELENS_THREADS`, else one thread per core). One pool per
/// thread count and process, started on first use and kept for the life of the process; a forked
/// child starts its own.
pub(crate) fn thread_pool(threads: Option<usize>) -> Result<&'static Pool> {
    let n = match threads.map_or_else(env_threads, |n| Ok(Some(n)))? {
        Some(n) => n,
        None => std::thread::available_parallelism().map_or(1, |n| n.get()),
    };
    if n == 0 {
        return Err(Error::config("threads must be at least 1"));
    }
    static POOLS: OnceLock<Mutex<HashMap<usize, &'static Pool>>> = OnceLock::new();
    let pools = POOLS.get_or_init(Default::default);
    let mut pools = pools.lock().unwrap_or_else(|e| e.into_inner());
    if let Some(p) = pools.get(&n).filter(|p| p.here()) {
        return Ok(p);
    }
    let threads = rayon::ThreadPoolBuilder::new()
        .num_threads(n)
        .thread_name(|i| format!("framelens-{i}"))
        .build()
        .map_err(|e| Error::config(format!("cannot start {n} threads: {e}")))?;
    // Never dropped: results name the pool that frees them. (A forked child's inherited pools
    // stay behind as a few bytes each; their threads are not in the child.)
    let pool: &'static Pool = Box::leak(Box::new(Pool {
        threads,
        pid: std::process::id(),
    }));
    pools.insert(n, pool);
    Ok(pool)
}

/// `f` over `items`, in order: on the calling thread when the pool has one thread (no handing
/// work and results between threads, and each result is freed by the thread that made it), else
/// in parallel on the pool. Each item is a piece of work of its own: a thread that runs out
/// takes single items from the others, so the threads finish together (rayon's default leaves
/// a quarter of a batch on each thread, which ends several milliseconds apart when document
/// lengths differ).
pub(crate) fn par_map<T: Sync, R: Send>(
    pool: &Pool,
    items: &[T],
    f: impl Fn(&T) -> R + Send + Sync,
) -> Vec<R> {
    if pool.on_caller() {
        return items.iter().map(f).collect();
    }
    pool.threads
        .install(|| items.par_iter().with_max_len(1).map(f).collect())
}

/// Where the memory of a result goes back when Python lets go of it.
#[derive(Clone, Copy)]
pub(crate) enum FreeOn {
    /// The thread that lets go of it (results made on the calling thread).
    Caller,
    /// A job on this pool.
    Pool(&'static Pool),
}

impl FreeOn {
    /// The threads that made what `par_map` returns on `pool`.
    pub(crate) fn made_by(pool: &'static Pool) -> FreeOn {
        if pool.on_caller() {
            FreeOn::Caller
        } else {
            FreeOn::Pool(pool)
        }
    }

    /// Lets go of `value`, and frees it where it was made when this was the last reference. A
    /// batch's results (each dozens of allocations) are then freed by the pool's threads, one
    /// job each and in parallel, instead of one by one on the thread that holds the GIL while
    /// the pool waits. In a forked child, which has none of the pool's threads, they are freed
    /// on the spot.
    pub(crate) fn free<T: Send + Sync + 'static>(self, value: Arc<T>) {
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
        let pool = thread_pool(Some(2)).unwrap();
        let name = freed_on(FreeOn::made_by(pool)).unwrap_or_default();
        assert!(name.starts_with("framelens-"), "freed on {name:?}");
        let here = std::thread::current().name().map(str::to_string);
        let one = thread_pool(Some(1)).unwrap();
        assert_eq!(freed_on(FreeOn::made_by(one)), here);
    }

    #[test]
    fn a_value_still_held_elsewhere_is_not_freed() {
        let pool = thread_pool(Some(2)).unwrap();
        let (tx, rx) = mpsc::channel();
        let kept = Arc::new(Probe(tx));
        FreeOn::made_by(pool).free(kept.clone());
        assert_eq!(Arc::strong_count(&kept), 1);
        assert!(rx.try_recv().is_err());
        drop(kept);
        assert!(rx.recv().is_ok());
    }

    #[test]
    fn par_map_keeps_order() {
        let items: Vec<usize> = (0..1000).collect();
        for threads in [1, 2, 3] {
            let pool = thread_pool(Some(threads)).unwrap();
            assert_eq!(
                par_map(pool, &items, |i| i * 2),
                (0..2000).step_by(2).collect::<Vec<_>>()
            );
        }
    }
}
