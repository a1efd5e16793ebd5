//! The streaming command's glue: the core's JSON Lines stream with the GIL released (Ctrl-C
//! stops it between chunks), and its batches for the CSV and Parquet writers of the CLI.

use std::sync::{Arc, Mutex};

use framelens::parallel::FreeOn;
use framelens::stream::{
    self, Batches, Input, InputFormat, Observer, Output, Progress, StreamOptions,
};
use framelens::Analyzer;
use framelens::Error;
use pyo3::prelude::*;
use pyo3::types::PyList;

use crate::analyzer::{pool_for, PyAnalyzer};
use crate::errors::{count, opt_count, IntoPy};
use crate::types::{AnalysisState, PyAnalysis};

/// Asks Python for pending signals after each chunk (Ctrl-C raises `KeyboardInterrupt` there),
/// and prints progress to standard error when asked, or hands it to a Python callable (which
/// the command line turns into a progress bar).
struct PythonSignals {
    interrupted: Option<PyErr>,
    progress: bool,
    on_progress: Option<Py<PyAny>>,
}

impl Observer for PythonSignals {
    fn progress(&mut self, p: &Progress) {
        if let Some(callback) = &self.on_progress {
            let args = (p.documents, p.failed, p.input_bytes, p.text_bytes);
            if let Err(e) = Python::attach(|py| callback.call1(py, args)) {
                self.interrupted.get_or_insert(e);
            }
        } else if self.progress {
            let seconds = p.elapsed.as_secs_f64().max(1e-9);
            eprint!(
                "\rframelens: {} documents, {:.1} MB/s",
                p.documents,
                p.text_bytes as f64 / 1e6 / seconds
            );
        }
    }

    fn stop(&mut self) -> bool {
        if let Err(e) = Python::attach(|py| py.check_signals()) {
            self.interrupted = Some(e);
        }
        self.interrupted.is_some()
    }
}

/// The input format: `"jsonl"`, `"csv"`, or `None` for the one the file name's extension says
/// (JSON Lines for standard input).
fn input_format(input: &str, format: Option<&str>) -> PyResult<InputFormat> {
    match format {
        Some("jsonl") => Ok(InputFormat::JsonLines),
        Some("csv") => Ok(InputFormat::Csv),
        Some(other) => Err(Error::config(format!(
            "input_format must be \"jsonl\", \"csv\" or None, not {other:?}"
        )))
        .py(),
        None if input == "-" => Ok(InputFormat::JsonLines),
        None => InputFormat::from_path(std::path::Path::new(input))
            .ok_or_else(|| {
                Error::config(format!(
                    "cannot tell the format of {input} from its name (.jsonl or .csv); give \
                     input_format"
                ))
            })
            .py(),
    }
}

#[allow(clippy::too_many_arguments)]
fn options(
    [text_col, id_col, outlet_col, url_col]: [&str; 4],
    include_text: bool,
    replace_errors: bool,
    chunk_size: usize,
    chunk_bytes: usize,
    format: InputFormat,
) -> StreamOptions {
    StreamOptions {
        text_col: text_col.into(),
        id_col: id_col.into(),
        outlet_col: outlet_col.into(),
        url_col: url_col.into(),
        include_text,
        replace_errors,
        chunk_lines: chunk_size,
        chunk_bytes,
        format,
    }
}

/// Streams the JSON Lines file `input` (`-`: standard input) through `analyzer` into `output`
/// (`-`: standard output): one line per non-blank input line, in input order. Returns
/// (documents, failed); Ctrl-C stops it after the lines before it are written, then raises.
/// `on_progress`, if given, is called after each chunk with (documents, failed, input bytes
/// read, text bytes analysed) instead of `progress` printing a line; an exception it raises
/// stops the stream.
#[pyfunction]
#[allow(clippy::too_many_arguments)]
#[pyo3(signature = (analyzer, input, output, text_col="text", id_col="id", outlet_col="outlet", url_col="url", include_text=false, replace_errors=false, chunk_size=1000, chunk_bytes=256_000, progress=false, threads=None, input_format=None, on_progress=None))]
pub fn stream_jsonl(
    py: Python<'_>,
    analyzer: &PyAnalyzer,
    input: &str,
    output: &str,
    text_col: &str,
    id_col: &str,
    outlet_col: &str,
    url_col: &str,
    include_text: bool,
    replace_errors: bool,
    chunk_size: i64,
    chunk_bytes: i64,
    progress: bool,
    threads: Option<i64>,
    input_format: Option<&str>,
    on_progress: Option<Py<PyAny>>,
) -> PyResult<(usize, usize)> {
    let (chunk_size, chunk_bytes) = (
        count("chunk_size", chunk_size, 1)?,
        count("chunk_bytes", chunk_bytes, 1)?,
    );
    let threads = opt_count("threads", threads, 1)?;
    let format = self::input_format(input, input_format)?;
    let pool = pool_for(py, threads)?;
    let opts = options(
        [text_col, id_col, outlet_col, url_col],
        include_text,
        replace_errors,
        chunk_size,
        chunk_bytes,
        format,
    );
    let mut observer = PythonSignals {
        interrupted: None,
        progress,
        on_progress,
    };
    let totals = py
        .detach(|| {
            stream::stream_jsonl(
                &analyzer.analyzer,
                &pool,
                Input::path(input),
                Output::path(output),
                &opts,
                &mut observer,
            )
        })
        .py()?;
    if let Some(e) = observer.interrupted {
        return Err(e);
    }
    Ok((totals.documents, totals.failed))
}

/// The lines of a JSON Lines file, analysed a chunk at a time (the same chunks and error
/// messages as `stream_jsonl`): each item is a list of `(line, doc_id, Analysis or error
/// message)`.
#[pyclass(name = "StreamBatches", module = "framelens._framelens")]
pub struct PyStreamBatches {
    /// `None` once the input is done. (A class Python may share between threads must be
    /// `Sync`; the lock is taken once per chunk.)
    batches: Mutex<Option<Batches>>,
    free: FreeOn,
}

impl PyStreamBatches {
    fn lock(&self) -> std::sync::MutexGuard<'_, Option<Batches>> {
        self.batches.lock().unwrap_or_else(|e| e.into_inner())
    }
}

#[pymethods]
impl PyStreamBatches {
    #[new]
    #[allow(clippy::too_many_arguments)]
    #[pyo3(signature = (analyzer, input, text_col="text", id_col="id", outlet_col="outlet", url_col="url", replace_errors=false, chunk_size=1000, chunk_bytes=256_000, threads=None, input_format=None))]
    fn new(
        py: Python<'_>,
        analyzer: &PyAnalyzer,
        input: &str,
        text_col: &str,
        id_col: &str,
        outlet_col: &str,
        url_col: &str,
        replace_errors: bool,
        chunk_size: i64,
        chunk_bytes: i64,
        threads: Option<i64>,
        input_format: Option<&str>,
    ) -> PyResult<Self> {
        let (chunk_size, chunk_bytes) = (
            count("chunk_size", chunk_size, 1)?,
            count("chunk_bytes", chunk_bytes, 1)?,
        );
        let threads = opt_count("threads", threads, 1)?;
        let format = self::input_format(input, input_format)?;
        let pool = pool_for(py, threads)?;
        let free = FreeOn::made_by(&pool);
        let opts = options(
            [text_col, id_col, outlet_col, url_col],
            false,
            replace_errors,
            chunk_size,
            chunk_bytes,
            format,
        );
        let analyzer: Analyzer = analyzer.analyzer.clone();
        let batches = Batches::new(analyzer, Arc::clone(&pool), Input::path(input), opts).py()?;
        Ok(PyStreamBatches {
            batches: Mutex::new(Some(batches)),
            free,
        })
    }

    /// Bytes of input read so far.
    #[getter]
    fn input_bytes(&self) -> u64 {
        self.lock().as_ref().map_or(0, Batches::input_bytes)
    }

    fn __iter__(slf: PyRef<'_, Self>) -> PyRef<'_, Self> {
        slf
    }

    fn __next__<'py>(&self, py: Python<'py>) -> PyResult<Option<Bound<'py, PyList>>> {
        // Not `lock`: a thread waiting here with the GIL would keep the reading thread from
        // getting it back.
        let mut guard = match self.batches.try_lock() {
            Ok(guard) => guard,
            Err(std::sync::TryLockError::Poisoned(e)) => e.into_inner(),
            Err(std::sync::TryLockError::WouldBlock) => {
                return Err(pyo3::exceptions::PyRuntimeError::new_err(
                    "this StreamBatches is being read by another thread",
                ))
            }
        };
        let Some(batches) = guard.as_mut() else {
            return Ok(None);
        };
        let Some(chunk) = py.detach(|| {
            batches.next().map(|chunk| {
                chunk.map(|lines| {
                    lines
                        .into_iter()
                        .map(|l| {
                            let result = l
                                .result
                                .map(|a| AnalysisState::from_bytes(a.text, a.analysis));
                            (l.line, l.doc_id, result)
                        })
                        .collect::<Vec<_>>()
                })
            })
        }) else {
            *guard = None;
            return Ok(None);
        };
        drop(guard);
        let out = PyList::empty(py);
        for (line, doc_id, result) in chunk.py()? {
            let item = match result {
                Ok(state) => Py::new(py, PyAnalysis::new(state, self.free.clone()))?.into_any(),
                Err(message) => message.into_pyobject(py)?.into_any().unbind(),
            };
            out.append((line, doc_id, item))?;
        }
        Ok(Some(out))
    }
}
