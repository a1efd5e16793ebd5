//! The marker detector: lexicon matches with exact spans, voice and entry.

use crate::analysis::{Marker, Voice};
use crate::lexicon::{Matcher, TermMatch};
use crate::text::Prepared;

/// Finds the lexicon's markers in the prepared text, sorted by start.
pub fn find_markers(prepared: &Prepared<'_>, matcher: &Matcher) -> Vec<Marker> {
    let mut matches: Vec<TermMatch> = Vec::new();
    matcher.find(&prepared.norm, &mut matches);
    matches
        .iter()
        .map(|m| {
            let entry = matcher.entry(m.entry);
            let (start, end) = prepared.span(m.start, m.end);
            let voice = if prepared.quote_at(m.start, m.end).is_some() {
                Voice::Quoted
            } else {
                Voice::Author
            };
            Marker {
                start,
                end,
                text: prepared.text[start..end].to_string(),
                category: entry.category,
                subcategory: entry.subcategory.clone(),
                entry: entry.id.clone(),
                weight: entry.weight,
                voice,
                speaker: None,
                negated: false,
            }
        })
        .collect()
}
