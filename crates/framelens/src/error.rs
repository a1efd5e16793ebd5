//! The one error type of the core.
//!
//! Every fallible operation in framelens returns [`Error`]. It carries an [`ErrorKind`] (what went
//! wrong, so callers can branch on it) and a message that names what and where ("lexicon.toml line
//! 41: entry `regime` has no category"). The Python bindings map each kind to one exception class
//! in a single place; no PyO3 type appears here.

use std::fmt;
use std::io;
use std::sync::Arc;

/// What kind of failure an [`Error`] reports.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum ErrorKind {
    /// A lexicon file or lexicon value is invalid (bad TOML, missing field, duplicate term).
    Lexicon,
    /// An outlet registry file or value is invalid.
    Registry,
    /// A document cannot be analysed (too large, invalid text).
    Document,
    /// A configuration value is invalid (thread count, limits).
    Config,
    /// Reading or writing a file failed; [`Error::io_kind`] and the error's source tell why.
    Io,
    /// A model file or value (a fitted scoring layer) is invalid.
    Model,
}

impl ErrorKind {
    /// The lowercase name of the kind, as used in messages and serialized errors.
    pub fn as_str(self) -> &'static str {
        match self {
            ErrorKind::Lexicon => "lexicon",
            ErrorKind::Registry => "registry",
            ErrorKind::Document => "document",
            ErrorKind::Config => "config",
            ErrorKind::Io => "io",
            ErrorKind::Model => "model",
        }
    }
}

/// An error from framelens: a kind and a message naming what failed and where; an I/O error
/// also keeps the [`io::Error`] it came from (as its `source`).
#[derive(Clone, Debug)]
pub struct Error {
    kind: ErrorKind,
    message: String,
    source: Option<Arc<io::Error>>,
}

/// Errors are equal when their kind and message are.
impl PartialEq for Error {
    fn eq(&self, other: &Self) -> bool {
        self.kind == other.kind && self.message == other.message
    }
}

impl Eq for Error {}

impl std::error::Error for Error {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        self.source
            .as_deref()
            .map(|e| e as &(dyn std::error::Error + 'static))
    }
}

impl Error {
    /// Creates an error of the given kind.
    pub fn new(kind: ErrorKind, message: impl Into<String>) -> Self {
        Error {
            kind,
            message: message.into(),
            source: None,
        }
    }

    /// An I/O error: `doing` says what failed and on which path ("cannot read corpus.jsonl");
    /// the message ends with the system's reason, and `e` stays the source.
    pub fn io(e: io::Error, doing: impl fmt::Display) -> Self {
        Error {
            kind: ErrorKind::Io,
            message: format!("{doing}: {e}"),
            source: Some(Arc::new(e)),
        }
    }

    /// The kind of the underlying I/O error, for an I/O error that has one.
    pub fn io_kind(&self) -> Option<io::ErrorKind> {
        self.source.as_ref().map(|e| e.kind())
    }

    /// The OS error code of the underlying I/O error, when there is one.
    pub fn raw_os_error(&self) -> Option<i32> {
        self.source.as_ref().and_then(|e| e.raw_os_error())
    }

    /// A lexicon error.
    pub fn lexicon(message: impl Into<String>) -> Self {
        Error::new(ErrorKind::Lexicon, message)
    }

    /// A registry error.
    pub fn registry(message: impl Into<String>) -> Self {
        Error::new(ErrorKind::Registry, message)
    }

    /// A model error.
    pub fn model(message: impl Into<String>) -> Self {
        Error::new(ErrorKind::Model, message)
    }

    /// A document error.
    pub fn document(message: impl Into<String>) -> Self {
        Error::new(ErrorKind::Document, message)
    }

    /// A configuration error.
    pub fn config(message: impl Into<String>) -> Self {
        Error::new(ErrorKind::Config, message)
    }

    /// What kind of error this is.
    pub fn kind(&self) -> ErrorKind {
        self.kind
    }

    /// The message, without the kind.
    pub fn message(&self) -> &str {
        &self.message
    }

    /// The same error with `context` put in front of the message ("document 7 (id `a1`): ...").
    pub fn with_context(self, context: impl fmt::Display) -> Self {
        Error {
            message: format!("{context}: {}", self.message),
            ..self
        }
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

/// The result type of framelens.
pub type Result<T, E = Error> = std::result::Result<T, E>;
