//! Detectors: each reads the [`Prepared`](crate::text::Prepared) text and adds what it finds.
//! The lexicon automaton runs once; markers and attribution cues come from the same matches.

pub(crate) mod attribution;
pub mod markers;
pub mod provenance;
