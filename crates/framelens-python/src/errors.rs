//! The Python exception hierarchy, created in one place, and the one mapping from [`Error`].
//!
//! ```text
//! FramelensError(Exception)
//! ├── LexiconError(FramelensError, ValueError)
//! ├── RegistryError(FramelensError, ValueError)
//! ├── DocumentError(FramelensError, ValueError)
//! ├── ConfigError(FramelensError, ValueError)
//! ├── ModelError(FramelensError, ValueError)
//! └── FramelensIOError(FramelensError, OSError)
//! ```
//! The subclasses also derive from `ValueError` (or `OSError`), so code that catches those keeps
//! working. An I/O error whose cause is a closed pipe becomes `BrokenPipeError`, so a reader
//! that goes away (`framelens ... | head`) can be told apart.

use pyo3::exceptions::{PyBrokenPipeError, PyException, PyOSError, PyValueError};
use pyo3::prelude::*;
use pyo3::sync::PyOnceLock;
use pyo3::types::{PyDict, PyTuple, PyType};

use framelens::{Error, ErrorKind};

static BASE: PyOnceLock<Py<PyType>> = PyOnceLock::new();
static LEXICON: PyOnceLock<Py<PyType>> = PyOnceLock::new();
static REGISTRY: PyOnceLock<Py<PyType>> = PyOnceLock::new();
static DOCUMENT: PyOnceLock<Py<PyType>> = PyOnceLock::new();
static CONFIG: PyOnceLock<Py<PyType>> = PyOnceLock::new();
static IO: PyOnceLock<Py<PyType>> = PyOnceLock::new();
static MODEL: PyOnceLock<Py<PyType>> = PyOnceLock::new();

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

/// Every error kind the core has today, each with a class of its own (a test checks that).
const KINDS: [ErrorKind; 6] = [
    ErrorKind::Lexicon,
    ErrorKind::Registry,
    ErrorKind::Document,
    ErrorKind::Config,
    ErrorKind::Io,
    ErrorKind::Model,
];

/// The exception class for an error kind (`FramelensError` itself for a kind newer than these
/// bindings).
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
        ErrorKind::Registry => sub(
            py,
            &REGISTRY,
            "RegistryError",
            "An outlet registry file or value is invalid; the message names the file and line.",
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
            "A file could not be read or written; the message names the file and the reason.",
            py.get_type::<PyOSError>(),
        ),
        ErrorKind::Config => sub(
            py,
            &CONFIG,
            "ConfigError",
            "A configuration value (threads, limits, options) is invalid.",
            value_error(),
        ),
        ErrorKind::Model => sub(
            py,
            &MODEL,
            "ModelError",
            "A model file or value is invalid; the message names the file and line.",
            value_error(),
        ),
        _ => base(py),
    }
}

/// Makes the Python exception for `err`.
pub(crate) fn to_pyerr(py: Python<'_>, err: &Error) -> PyErr {
    if err.io_kind() == Some(std::io::ErrorKind::BrokenPipe) {
        return PyBrokenPipeError::new_err(err.to_string());
    }
    match class_for(py, err.kind()) {
        Ok(cls) => PyErr::from_type(cls.clone(), err.to_string()),
        Err(e) => e,
    }
}

/// A whole-number argument as a count: `ConfigError` (not `OverflowError`) when it is below
/// `min`, naming the argument.
pub(crate) fn count(name: &str, value: i64, min: i64) -> PyResult<usize> {
    if value < min {
        return Err(Error::config(format!(
            "{name} must be at least {min}, not {value}"
        )))
        .py();
    }
    usize::try_from(value)
        .map_err(|_| Error::config(format!("{name} is too large: {value}")))
        .py()
}

/// [`count`] for an optional argument.
pub(crate) fn opt_count(name: &str, value: Option<i64>, min: i64) -> PyResult<Option<usize>> {
    value.map(|v| count(name, v, min)).transpose()
}

/// A `str` argument as Rust text: `DocumentError` (not `UnicodeEncodeError`) when it holds a
/// lone surrogate, naming the argument.
pub(crate) fn text_arg(name: &str, value: &Bound<'_, pyo3::types::PyString>) -> PyResult<String> {
    value
        .to_str()
        .map(str::to_string)
        .map_err(|e| Error::document(format!("`{name}` is not valid Unicode: {e}")))
        .py()
}

/// [`text_arg`] for an optional argument.
pub(crate) fn opt_text_arg(
    name: &str,
    value: Option<&Bound<'_, pyo3::types::PyString>>,
) -> PyResult<Option<String>> {
    value.map(|v| text_arg(name, v)).transpose()
}

/// `?` for core results in functions that return `PyResult`: `result.py()?`.
pub(crate) trait IntoPy<T> {
    /// The result with its error as the Python exception of its kind.
    fn py(self) -> PyResult<T>;
}

impl<T> IntoPy<T> for Result<T, Error> {
    fn py(self) -> PyResult<T> {
        self.map_err(|e| Python::attach(|py| to_pyerr(py, &e)))
    }
}

/// Adds the exception classes to the module.
pub(crate) fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    let py = m.py();
    m.add("FramelensError", base(py)?)?;
    for kind in KINDS {
        let cls = class_for(py, kind)?;
        m.add(cls.name()?, cls)?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_kind_has_a_class_of_its_own() {
        Python::initialize();
        Python::attach(|py| {
            let base = base(py).unwrap().clone();
            let mut names = Vec::new();
            for kind in KINDS {
                let cls = class_for(py, kind).unwrap();
                assert!(!cls.is(&base), "{kind:?} maps to FramelensError itself");
                assert!(cls.is_subclass(&base).unwrap());
                names.push(cls.name().unwrap().to_string());
            }
            names.sort();
            names.dedup();
            assert_eq!(names.len(), KINDS.len(), "{names:?}");
        });
    }
}
