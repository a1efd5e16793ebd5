//! Detectors: each reads the [`Prepared`](crate::text::Prepared) text and adds what it finds.
//! The lexicon automaton runs once; markers and attribution cues come from the same matches.
//!
//! ```text
//! matches -> markers       located markers, negation and intensifiers
//!         -> attribution   cues, speakers, content; short unattributed quotes
//! text    -> provenance    dateline, agencies, source lines, boilerplate, outlet
//! all     -> voice         each marker's voice and speaker; scare quotes; boilerplate out
//! ```
//!
//! ```
//! use framelens::detect::markers::find_markers;
//! use framelens::text::Prepared;
//! use framelens::Analyzer;
//!
//! let analyzer = Analyzer::new()?;
//! let prepared = Prepared::new("Officials say the claims are unfounded.");
//! let markers = find_markers(&prepared, analyzer.matcher());
//! assert!(markers.iter().any(|m| m.text == "unfounded"));
//! # Ok::<(), framelens::Error>(())
//! ```

pub(crate) mod attribution;
pub mod markers;
pub mod provenance;
pub(crate) mod speaker;
pub mod voice;
