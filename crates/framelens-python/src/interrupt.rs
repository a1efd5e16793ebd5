//! Long work that Ctrl-C stops: it runs on the pool without the GIL while the calling thread
//! polls Python for signals, and a signal cancels the core's `CancelToken`, which the work
//! checks between its pieces (`fl.compare`, `analyze_batch`, `analyze_arrow`,
//! `token_features`).

use std::sync::mpsc::{self, RecvTimeoutError};
use std::time::Duration;

use framelens::parallel::{CancelToken, Pool};
use pyo3::prelude::*;

/// How often the calling thread of long work asks Python for pending signals: a Ctrl-C is seen
/// within this, and the work stops within one of its pieces (a document, a resample) after.
const SIGNAL_POLL: Duration = Duration::from_millis(50);

/// Runs `work` on `pool` and waits for it without the GIL, asking Python for pending signals
/// every [`SIGNAL_POLL`]. A signal's exception (Ctrl-C's `KeyboardInterrupt`) cancels
/// `cancel`, which `work` must watch; once `work` has stopped, its result is dropped and the
/// exception returned. A panic in `work` is resumed here, as `install` would.
pub(crate) fn until_interrupted<R: Send>(
    py: Python<'_>,
    pool: &Pool,
    cancel: &CancelToken,
    work: impl FnOnce() -> R + Send,
) -> PyResult<R> {
    py.detach(|| {
        let (done, finished) = mpsc::sync_channel(1);
        let mut interrupted: Option<PyErr> = None;
        // This thread polls while the job runs on the pool; the scope waits for the job (and
        // resumes its panic, when `finished` reports the sender dropped unsent).
        let result = pool.rayon().in_place_scope(|scope| {
            scope.spawn(move |_| {
                // The receiver waits until the job is done: sending cannot fail.
                let _ = done.send(work());
            });
            loop {
                match finished.recv_timeout(SIGNAL_POLL) {
                    Ok(result) => return Some(result),
                    Err(RecvTimeoutError::Disconnected) => return None,
                    Err(RecvTimeoutError::Timeout) if interrupted.is_none() => {
                        if let Err(e) = Python::attach(|py| py.check_signals()) {
                            cancel.cancel();
                            interrupted = Some(e);
                        }
                    }
                    Err(RecvTimeoutError::Timeout) => {}
                }
            }
        });
        match (interrupted, result) {
            (Some(e), _) => Err(e),
            (None, Some(result)) => Ok(result),
            (None, None) => Err(pyo3::exceptions::PyRuntimeError::new_err(
                "internal error: the work ended without a result",
            )),
        }
    })
}

/// `work` on `pool` until it is done or a signal interrupts it (see [`until_interrupted`]): it
/// gets a fresh token to pass to the core's cancellable call, and returns `None` only when
/// cancelled.
pub(crate) fn cancellable<R: Send>(
    py: Python<'_>,
    pool: &Pool,
    work: impl FnOnce(&CancelToken) -> Option<R> + Send,
) -> PyResult<R> {
    let cancel = CancelToken::new();
    match until_interrupted(py, pool, &cancel, || work(&cancel))? {
        Some(result) => Ok(result),
        // Only a signal cancels, and its exception was returned above.
        None => Err(pyo3::exceptions::PyRuntimeError::new_err(
            "internal error: work was cancelled without a signal",
        )),
    }
}
