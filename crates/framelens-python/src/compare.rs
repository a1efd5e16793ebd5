//! The native side of `framelens.compare`: a comparison whose tables come back as lists of
//! dicts. The Python package's `Comparison` wraps it (pandas tables, HTML, plots). It runs on
//! the pool without the GIL while the calling thread polls for signals, so Ctrl-C stops it.

use std::borrow::Cow;
use std::sync::Arc;

use framelens::compare::{
    studentized_measure_interval, CompareInput, CompareOptions, Comparison, Interval, Prior,
    RatioEstimate,
};
use framelens::parallel::CancelToken;
use framelens::Error;
use pyo3::prelude::*;
use pythonize::pythonize;

use crate::analyzer::{default_lexicon, pool_for};
use crate::errors::{count, IntoPy};
use crate::interrupt::until_interrupted;
use crate::types::{AnalysisState, PyAnalysis};
use crate::value::{value_class, ValueClass};

/// The result of comparing groups of documents (tables as lists of dicts).
#[pyclass(name = "Comparison", module = "framelens._framelens", frozen)]
pub struct PyComparison {
    inner: Comparison,
}

fn frame<'py, T: serde::Serialize>(py: Python<'py>, rows: &T) -> PyResult<Bound<'py, PyAny>> {
    Ok(pythonize(py, rows)?)
}

impl ValueClass for PyComparison {
    type State = Comparison;
    fn state(&self) -> Cow<'_, Comparison> {
        Cow::Borrowed(&self.inner)
    }
    fn from_state(_py: Python<'_>, inner: Comparison) -> PyResult<Self> {
        Ok(PyComparison { inner })
    }
}
value_class!(PyComparison);

#[pymethods]
impl PyComparison {
    /// The groups: name, documents, words, and what the intervals resample.
    #[getter]
    fn groups<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        Ok(pythonize(py, &self.inner.groups)?)
    }
    /// The profile table: measure, group, value, low, high (95% bootstrap interval).
    fn table<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        frame(py, &self.inner.table)
    }
    /// The between-group test of each measure: measure, statistic, p_permutation, p_holm
    /// (empty when not made).
    fn tests<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        frame(py, &self.inner.tests)
    }
    /// Words most typical of group `a` against `b` (or all other groups), by log-odds z-score;
    /// the `top` highest (all when `top` is 0). Words seen fewer than `min_count` times in
    /// both groups together are left out.
    #[pyo3(signature = (a, b=None, top=20, min_count=3))]
    fn distinctive_terms<'py>(
        &self,
        py: Python<'py>,
        a: &str,
        b: Option<&str>,
        top: i64,
        min_count: i64,
    ) -> PyResult<Bound<'py, PyAny>> {
        let top = count("top", top, 0)?;
        let min_count = count("min_count", min_count, 0)? as u64;
        let mut terms = self.inner.distinctive_terms(a, b, min_count).py()?;
        if top > 0 {
            terms.truncate(top);
        }
        frame(py, &terms)
    }
    /// Naming variants per group: naming_group, variant, side, group, count.
    fn naming<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        frame(py, &self.inner.naming)
    }
    /// Named speakers per group: group, speaker, count, stances, direct.
    fn speakers<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        frame(py, &self.inner.speakers)
    }
    /// Pairwise Jensen–Shannon divergence of marker categories and frames; `None` where a
    /// group has no markers (or no frame cue) to compare.
    fn divergence<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        frame(py, &self.inner.divergence())
    }
    /// Per naming group: z of group `a` using `side_a` variants more than group `b` does.
    #[pyo3(signature = (a, b, side_a="left", side_b="right"))]
    fn naming_contrast(
        &self,
        a: &str,
        b: &str,
        side_a: &str,
        side_b: &str,
    ) -> PyResult<Vec<(String, usize, f64)>> {
        self.inner.naming_contrast(a, b, side_a, side_b).py()
    }
    /// Speakers that group `a` quotes and group `b` never does.
    fn exclusive_speakers(&self, a: &str, b: &str) -> PyResult<Vec<String>> {
        Ok(self
            .inner
            .exclusive_speakers(a, b)
            .py()?
            .into_iter()
            .map(|s| s.speaker.clone())
            .collect())
    }
    fn __repr__(&self) -> String {
        let names: Vec<_> = self.inner.groups.iter().map(|g| g.name.as_str()).collect();
        format!(
            "Comparison(groups={:?}, documents={})",
            names,
            self.inner.groups.iter().map(|g| g.documents).sum::<usize>()
        )
    }
}

/// Compares analyses grouped by `labels` (one per analysis).
#[pyfunction]
#[pyo3(signature = (
    analyses, labels, bootstrap=1000, seed=0, prior="background", interval="studentized",
    permutations=1000
))]
#[allow(clippy::too_many_arguments)]
pub fn compare(
    py: Python<'_>,
    analyses: Vec<PyRef<'_, PyAnalysis>>,
    labels: Vec<String>,
    bootstrap: i64,
    seed: u64,
    prior: &str,
    interval: &str,
    permutations: i64,
) -> PyResult<PyComparison> {
    let bootstrap = count("bootstrap", bootstrap, 0)?;
    let permutations = count("permutations", permutations, 0)?;
    let interval = match interval {
        "studentized" => Interval::Studentized,
        "bca" => Interval::Bca,
        "percentile" => Interval::Percentile,
        other => {
            return Err(Error::config(format!(
                "interval must be \"studentized\", \"bca\" or \"percentile\", not {other:?}"
            )))
            .py()
        }
    };
    if analyses.len() != labels.len() {
        return Err(Error::config(format!(
            "{} analyses but {} labels",
            analyses.len(),
            labels.len()
        )))
        .py();
    }
    let prior = match prior {
        "background" => Prior::Background,
        "pooled" => Prior::Pooled,
        other => {
            return Err(Error::config(format!(
                "prior must be \"background\" or \"pooled\", not {other:?}"
            )))
            .py()
        }
    };
    let states: Vec<Arc<AnalysisState>> = analyses.iter().map(|a| Arc::clone(&a.state)).collect();
    let options = CompareOptions {
        bootstrap,
        seed,
        prior,
        interval,
        permutations,
        ..Default::default()
    };
    // On the process's own pool (FRAMELENS_THREADS, else one thread per core).
    let pool = pool_for(py, None)?;
    let cancel = CancelToken::new();
    let outcome = until_interrupted(py, &pool, &cancel, || {
        // The default lexicon (for the sides of naming variants) is parsed once per process.
        let lexicon = default_lexicon()?;
        let inputs: Vec<CompareInput<'_>> = states
            .iter()
            .zip(&labels)
            .map(|(s, g)| CompareInput {
                analysis: &s.analysis,
                text: &s.text,
                group: g,
            })
            .collect();
        Comparison::new_cancellable(&inputs, &lexicon, options, &cancel)
    })?;
    match outcome.py()? {
        Some(inner) => Ok(PyComparison { inner }),
        // Only a signal cancels, and its exception was returned above.
        None => Err(pyo3::exceptions::PyRuntimeError::new_err(
            "internal error: a comparison was cancelled without a signal",
        )),
    }
}

/// The default (studentized) interval of one profile measure from bootstrap sums gathered
/// elsewhere (the cluster comparison in `framelens.dask`): the core's own
/// [`framelens::compare::studentized_measure_interval`], so both paths give the same kind of
/// interval. `t` holds each replicate's (R* − R) / se* (NaN where a replicate has no
/// denominator); `fallback` is the BCa interval, used for an end the t values leave undefined.
#[pyfunction]
#[pyo3(signature = (measure, by_sentence, units, carrying, num, den, se, t, fallback))]
#[allow(clippy::too_many_arguments)]
pub fn _studentized_interval(
    measure: &str,
    by_sentence: bool,
    units: usize,
    carrying: usize,
    num: f64,
    den: f64,
    se: f64,
    t: Vec<f64>,
    fallback: (f64, f64),
) -> (f64, f64) {
    let mut sorted: Vec<f64> = t.into_iter().filter(|x| !x.is_nan()).collect();
    sorted.sort_by(f64::total_cmp);
    let estimate = RatioEstimate {
        num,
        den,
        se,
        units,
        carrying,
    };
    studentized_measure_interval(measure, by_sentence, estimate, &sorted, || fallback)
}
