//! Detectors: each reads the [`Prepared`](crate::text::Prepared) text and adds what it finds.

pub mod markers;
