//! Entry points for the benchmarks only (`benches/peers.py`), behind the `bench` feature: a
//! wheel built without it (the shipped one) has none of them.

use framelens::Document;
use pyo3::prelude::*;

use crate::analyzer::{pool_for, PyAnalyzer};
use crate::errors::opt_count;

/// The matching floor: one leftmost-longest, ASCII-case-insensitive aho-corasick pass over each
/// text with the given terms, on one thread; returns the matches.
#[pyfunction]
fn _ac_floor(py: Python<'_>, texts: Vec<String>, terms: Vec<String>) -> PyResult<usize> {
    let ac = aho_corasick::AhoCorasick::builder()
        .ascii_case_insensitive(true)
        .match_kind(aho_corasick::MatchKind::LeftmostLongest)
        .build(&terms)
        .map_err(|e| pyo3::exceptions::PyValueError::new_err(format!("cannot build: {e}")))?;
    Ok(py.detach(|| texts.iter().map(|t| ac.find_iter(t.as_str()).count()).sum()))
}

/// Normalization and lexicon matching only: the number of markers found.
#[pyfunction]
#[pyo3(signature = (analyzer, texts, threads=None))]
fn _markers_only(
    py: Python<'_>,
    analyzer: &PyAnalyzer,
    texts: Vec<String>,
    threads: Option<i64>,
) -> PyResult<usize> {
    let pool = pool_for(py, opt_count("threads", threads, 1)?)?;
    Ok(py.detach(|| {
        pool.map(&texts, |t| analyzer.analyzer.count_markers(t))
            .into_iter()
            .sum()
    }))
}

/// The seconds the Rust core takes for the full analysis of `texts`, results dropped (timed
/// inside Rust: no conversion from or to Python objects).
#[pyfunction]
#[pyo3(signature = (analyzer, texts, threads=None))]
fn _core_seconds(
    py: Python<'_>,
    analyzer: &PyAnalyzer,
    texts: Vec<String>,
    threads: Option<i64>,
) -> PyResult<f64> {
    let pool = pool_for(py, opt_count("threads", threads, 1)?)?;
    let docs: Vec<Document> = texts.into_iter().map(Document::new).collect();
    Ok(py.detach(|| {
        // Results are dropped inside the timing, on the calling thread, as a Python caller's
        // list is freed inside theirs when it is discarded (by the pool's threads when there
        // are several: this drop is then the slower of the two).
        let start = std::time::Instant::now();
        drop(std::hint::black_box(
            pool.map(&docs, |d| analyzer.analyzer.analyze(d)),
        ));
        start.elapsed().as_secs_f64()
    }))
}

pub(crate) fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_function(wrap_pyfunction!(_ac_floor, m)?)?;
    m.add_function(wrap_pyfunction!(_markers_only, m)?)?;
    m.add_function(wrap_pyfunction!(_core_seconds, m)?)?;
    Ok(())
}
