//! The Python bindings of framelens, built by maturin as the private native module
//! `framelens._framelens`; `python/framelens/__init__.py` re-exports it with an explicit
//! `__all__`. This crate only converts: Python values in, owned Rust values to the core's
//! public API, results back as frozen Python classes. It never imports the Python package.

mod analyzer;
mod arrow;
#[cfg(feature = "bench")]
mod bench;
mod compare;
mod errors;
mod interrupt;
mod stream;
mod types;
mod value;

use pyo3::prelude::*;

/// The extension allocates many small strings (marker and span texts) on several threads;
/// mimalloc's thread-local heaps do that faster than the system allocator. Rust code only: Python
/// objects still come from Python's allocator.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// `mi_option_purge_delay` in mimalloc v2's `mi_option_e`.
const MI_OPTION_PURGE_DELAY: libmimalloc_sys::mi_option_t = 15;
/// mimalloc's default purge delay (ms), which identifies the option before it is changed.
const MI_DEFAULT_PURGE_DELAY: std::os::raw::c_long = 10;

/// mimalloc returns freed memory to the OS 10 ms after it is freed. A batch frees all its
/// results at once, and the next batch would fault the same pages in again; with a one-second
/// delay they are reused, and still returned when the process idles. Changed only when the
/// option reads as the documented default, so a different mimalloc leaves it alone.
fn tune_allocator() {
    // SAFETY: mi_option_get/mi_option_set only read and write mimalloc's option table.
    unsafe {
        if libmimalloc_sys::mi_option_get(MI_OPTION_PURGE_DELAY) == MI_DEFAULT_PURGE_DELAY {
            libmimalloc_sys::mi_option_set(MI_OPTION_PURGE_DELAY, 1000);
        }
    }
}

/// The native module.
#[pymodule]
#[pyo3(name = "_framelens")]
fn framelens_native(m: &Bound<'_, PyModule>) -> PyResult<()> {
    tune_allocator();
    m.add("__version__", env!("CARGO_PKG_VERSION"))?;
    m.add("SCHEMA_VERSION", framelens::SCHEMA_VERSION)?;
    // The marker categories, in table order: the one list the Python package reads.
    let categories: Vec<&str> = framelens::Category::ALL
        .iter()
        .map(|c| c.as_str())
        .collect();
    m.add("CATEGORIES", pyo3::types::PyTuple::new(m.py(), categories)?)?;
    errors::register(m)?;
    m.add_class::<types::PySpan>()?;
    m.add_class::<types::PyMarker>()?;
    m.add_class::<types::PyAttribution>()?;
    m.add_class::<types::PyProfile>()?;
    m.add_class::<types::PyAnalysis>()?;
    m.add_class::<types::PyDocument>()?;
    m.add_class::<types::PyOutlet>()?;
    m.add_class::<types::PyProvenance>()?;
    m.add_class::<analyzer::PyLexicon>()?;
    m.add_class::<analyzer::PyAnalyzer>()?;
    m.add_class::<analyzer::PyRegistry>()?;
    m.add_class::<compare::PyComparison>()?;
    m.add_function(wrap_pyfunction!(compare::compare, m)?)?;
    m.add_function(wrap_pyfunction!(compare::_studentized_interval, m)?)?;
    m.add_function(wrap_pyfunction!(stream::stream_jsonl, m)?)?;
    m.add_class::<stream::PyStreamBatches>()?;
    arrow::register(m)?;
    #[cfg(feature = "bench")]
    bench::register(m)?;
    Ok(())
}
