//! The Python exception hierarchy, created in one place, and the one mapping from [`Error`].
//!
//! ```text
//! FramelensError(Exception)
//! ├── LexiconError(FramelensError, ValueError)
//! ├── DocumentError(FramelensError, ValueError)
//! └── ConfigError(FramelensError, ValueError)
//! ```
//! The subclasses also derive from `ValueError`, so code that catches `ValueError` keeps working.

use pyo3::exceptions::{PyException, PyOSError, PyValueError};
use pyo3::prelude::*;
use pyo3::sync::PyOnceLock;
use pyo3::types::{PyDict, PyTuple, PyType};

use crate::error::{Error, ErrorKind};

static BASE: PyOnceLock<Py<PyType>> = PyOnceLock::new();
static LEXICON: PyOnceLock<Py<PyType>> = PyOnceLock::new();
static DOCUMENT: PyOnceLock<Py<PyType>> = PyOnceLock::new();
static CONFIG: PyOnceLock<Py<PyType>> = PyOnceLock::new();
static IO: PyOnceLock<Py<PyType>> = PyOnceLock::new();

fn make_type(
    py: Python<'_>,
    name: &str,
    doc: &str,
    bases: Bound<'_, PyTuple>,
) -> PyResult<Py<PyType>> {
    let dict = PyDict::new(py);
    dict.set_item("__module__", "framelens")?;
    dict.set_item("__doc__", doc)?;
    let ty = py.get_type::<PyType>().call1((name, bases, dict))?;
    Ok(ty.cast_into::<PyType>()?.unbind())
}

/// The `FramelensError` base class.
pub(crate) fn base(py: Python<'_>) -> PyResult<&Bound<'_, PyType>> {
    BASE.get_or_try_init(py, || {
        let bases = PyTuple::new(py, [py.get_type::<PyException>()])?;
        make_type(
            py,
            "FramelensError",
            "Base class of every framelens error.",
            bases,
        )
    })
    .map(|t| t.bind(py))
}

fn sub<'py>(
    py: Python<'py>,
    cell: &'static PyOnceLock<Py<PyType>>,
    name: &str,
    doc: &str,
    second: Bound<'py, PyType>,
) -> PyResult<&'py Bound<'py, PyType>> {
    cell.get_or_try_init(py, || {
        let bases = PyTuple::new(py, [base(py)?.clone(), second])?;
        make_type(py, name, doc, bases)
    })
    .map(|t| t.bind(py))
}

/// The exception class for an error kind.
pub(crate) fn class_for(py: Python<'_>, kind: ErrorKind) -> PyResult<&Bound<'_, PyType>> {
    let value_error = || py.get_type::<PyValueError>();
    match kind {
        ErrorKind::Lexicon => sub(
            py,
            &LEXICON,
            "LexiconError",
            "A lexicon file or value is invalid; the message names the file, line and entry.",
            value_error(),
        ),
        ErrorKind::Document => sub(
            py,
            &DOCUMENT,
            "DocumentError",
            "A document cannot be analysed; the message names the document and why.",
            value_error(),
        ),
        ErrorKind::Io => sub(
            py,
            &IO,
            "FramelensIOError",
            "A file could not be read.",
            py.get_type::<PyOSError>(),
        ),
        _ => sub(
            py,
            &CONFIG,
            "ConfigError",
            "A configuration value (threads, limits, options) is invalid.",
            value_error(),
        ),
    }
}

/// Makes the Python exception for `err`.
pub(crate) fn to_pyerr(py: Python<'_>, err: &Error) -> PyErr {
    match class_for(py, err.kind()) {
        Ok(cls) => PyErr::from_type(cls.clone(), err.to_string()),
        Err(e) => e,
    }
}

impl From<Error> for PyErr {
    fn from(err: Error) -> PyErr {
        Python::attach(|py| to_pyerr(py, &err))
    }
}

/// Adds the exception classes to the module.
pub(crate) fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    let py = m.py();
    m.add("FramelensError", base(py)?)?;
    for kind in [
        ErrorKind::Lexicon,
        ErrorKind::Document,
        ErrorKind::Config,
        ErrorKind::Io,
    ] {
        let cls = class_for(py, kind)?;
        m.add(cls.name()?, cls)?;
    }
    Ok(())
}
