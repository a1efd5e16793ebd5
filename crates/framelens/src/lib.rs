//! framelens measures how news articles frame a story: loaded wording, hedges and boosters,
//! attribution, competing names for the same thing, policy frames and provenance — with exact
//! spans back into the original text, the lexicon entry that fired, and whose voice it is in.
//!
//! # Data flow
//!
//! ```text
//! Document -> text::Prepared   one pass: normalized view + offset map, tokens, sentences, quotes
//!          -> detect::*        markers (lexicon automaton), ...
//!          -> Analysis         markers with voice, quote spans, Profile (rates per 1,000 words)
//! ```
//!
//! # Modules
//!
//! In the order one article goes through them; each module's page opens with an example.
//!
//! - [`text`]: the one pass over the article — [`text::normalize`] (the normalized view and its
//!   offset map), [`text::tokens`], [`text::sentences`], [`text::dateline`], [`text::quotes`].
//! - [`lexicon`]: entries as data, the TOML format, importers, [`lexicon::inflect`], and the
//!   compiled [`Matcher`].
//! - [`detect`]: [`detect::markers`], attribution, [`detect::provenance`] and [`detect::voice`].
//! - [`analysis`]: what an analysis returns, and [`offsets`] between bytes and code points.
//! - [`registry`]: the outlet registry.
//! - [`compare`]: groups of analyses side by side, with [`compare::stats`].
//! - [`stream`]: a JSON Lines corpus in, results out, in bounded memory.
//! - [`parallel`]: thread counts and pools.
//! - [`render`]: the article as HTML with its markers highlighted.
//! - [`features`]: token features for a classifier fitted to your own annotations.
//! - [`model`]: a fitted scoring layer over those features, scored inside the analysis.
//!
//! # Example
//!
//! ```
//! use framelens::{Analyzer, Category, Voice};
//!
//! let analyzer = Analyzer::new()?;
//! let text = "The council baselessly accused the mayor, who called it a \"witch hunt\".";
//! let analysis = analyzer.analyze_text(text)?;
//! for m in &analysis.markers {
//!     // Every span slices the original text exactly.
//!     assert_eq!(&text[m.start..m.end], m.text);
//! }
//! let baselessly = analysis.markers.iter().find(|m| m.text == "baselessly").unwrap();
//! assert_eq!(baselessly.category, Category::Loaded);
//! assert_eq!(baselessly.voice, Voice::Author);
//! let hunt = analysis.markers.iter().find(|m| m.text == "witch hunt").unwrap();
//! assert_eq!(hunt.voice, Voice::Quoted);
//! # Ok::<(), framelens::Error>(())
//! ```
#![deny(missing_docs)]
// Only the stream's output file (direct I/O through libc) has unsafe code; it allows it.
#![deny(unsafe_code)]

pub mod analysis;
mod analyzer;
pub mod compare;
pub mod detect;
mod error;
pub mod features;
pub mod lexicon;
pub mod model;
pub mod pack;
pub mod parallel;
pub mod registry;
pub mod render;
pub mod stream;
pub mod text;

pub use analysis::offsets;

/// The READMEs' Rust examples compile and run as doctests.
#[cfg(doctest)]
#[doc = include_str!("../README.md")]
struct CrateReadmeDoctests;

/// The user guide's Rust examples compile and run as doctests.
#[cfg(doctest)]
#[doc = include_str!("../../../docs/guide/rust.md")]
struct GuideRustDoctests;

pub use analysis::{
    Analysis, Attribution, AttributionKind, AttributionProfile, Count, CueKind, FrameDistribution,
    Marker, ModelEvidence, OutletSource, Profile, Provenance, SchemaVersion, SentenceFrame,
    SourceLine, SourceLineKind, Span, SpeakerType, VerbStance, Voice, VoiceCounts, VoiceRates,
    OLDEST_READABLE_SCHEMA_VERSION, SCHEMA_VERSION,
};
pub use analyzer::{Analyzer, Document, DocumentRef, DEFAULT_MAX_BYTES, MAX_DOCUMENT_BYTES};
pub use compact_str::CompactString;
pub use compare::{CompareInput, CompareOptions, Comparison, Prior};
pub use detect::voice::SCARE_QUOTE_ENTRY;
pub use error::{Error, ErrorKind, Result};
pub use lexicon::{Category, Entry, Lexicon, Matcher, Term};
pub use registry::{Outlet, OutletKind, Ownership, Registry};
pub use ustr::Ustr;
