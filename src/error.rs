//! The one error type of the core.
//!
//! Every fallible operation in framelens returns [`Error`]. It carries an [`ErrorKind`] (what went
//! wrong, so callers can branch on it) and a message that names what and where ("lexicon.toml line
//! 41: entry `regime` has no category"). The Python bindings map each kind to one exception class
//! in a single place; no PyO3 type appears here.

use std::fmt;

/// What kind of failure an [`Error`] reports.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum ErrorKind {
    /// A lexicon file or lexicon value is invalid (bad TOML, missing field, duplicate term).
    Lexicon,
    /// A document cannot be analysed (too large, invalid text).
    Document,
    /// A configuration value is invalid (thread count, limits).
    Config,
    /// Reading a file failed.
    Io,
}

impl ErrorKind {
    /// The lowercase name of the kind, as used in messages and serialized errors.
    pub fn as_str(self) -> &'static str {
        match self {
            ErrorKind::Lexicon => "lexicon",
            ErrorKind::Document => "document",
            ErrorKind::Config => "config",
            ErrorKind::Io => "io",
        }
    }
}

/// An error from framelens: a kind and a message naming what failed and where.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub struct Error {
    kind: ErrorKind,
    message: String,
}

impl Error {
    /// Creates an error of the given kind.
    pub fn new(kind: ErrorKind, message: impl Into<String>) -> Self {
        Error {
            kind,
            message: message.into(),
        }
    }

    /// A lexicon error.
    pub fn lexicon(message: impl Into<String>) -> Self {
        Error::new(ErrorKind::Lexicon, message)
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
            kind: self.kind,
            message: format!("{context}: {}", self.message),
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
