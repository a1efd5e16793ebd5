//! What an analysis returns: markers with exact spans, quote spans, and the profile.
//!
//! All offsets here are byte offsets into the original text: `&text[m.start..m.end] == m.text`.

use std::collections::BTreeMap;
use std::sync::Arc;

use serde::{Deserialize, Serialize};

use crate::lexicon::Category;

/// A range of the original text and the text it holds.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Span {
    /// Start (bytes into the original text).
    pub start: usize,
    /// End (bytes, exclusive).
    pub end: usize,
    /// `&text[start..end]`.
    pub text: String,
}

impl Span {
    /// The span of `text[start..end]`.
    pub fn of(text: &str, start: usize, end: usize) -> Span {
        Span {
            start,
            end,
            text: text.get(start..end).unwrap_or_default().to_string(),
        }
    }
}

/// Whose words a marker is in.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Voice {
    /// The writer's own words.
    Author,
    /// Words the writer quotes from someone else.
    Quoted,
}

impl Voice {
    /// The lowercase name.
    pub fn as_str(self) -> &'static str {
        match self {
            Voice::Author => "author",
            Voice::Quoted => "quoted",
        }
    }
}

/// A framing marker found in the text: where, what fired, and in whose voice.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Marker {
    /// Start (bytes into the original text).
    pub start: usize,
    /// End (bytes, exclusive).
    pub end: usize,
    /// The original text of the marker.
    pub text: String,
    /// The category of the entry that fired.
    pub category: Category,
    /// The entry's subcategory, if any.
    pub subcategory: Option<Arc<str>>,
    /// The id of the lexicon entry that fired.
    pub entry: Arc<str>,
    /// The entry's weight.
    pub weight: f32,
    /// Author or quoted voice.
    pub voice: Voice,
    /// Who is quoted, when the marker is in quoted voice and the speaker is known.
    pub speaker: Option<String>,
    /// The marker is in the scope of a negation ("not unfounded").
    pub negated: bool,
}

/// Marker counts split by voice.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct VoiceCounts {
    /// All markers.
    pub all: usize,
    /// Markers in the author's voice.
    pub author: usize,
    /// Markers in quoted voice.
    pub quoted: usize,
}

/// Marker rates per 1,000 words, split by voice. `author` is per 1,000 author-voice words and
/// `quoted` per 1,000 quoted words, so the two compare fairly; `all` is per 1,000 words.
#[derive(Clone, Copy, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct VoiceRates {
    /// All markers per 1,000 words.
    pub all: f64,
    /// Author-voice markers per 1,000 author-voice words.
    pub author: f64,
    /// Quoted markers per 1,000 quoted words.
    pub quoted: f64,
}

/// Counts and rates that summarise one document.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Profile {
    /// Word and number tokens.
    pub words: usize,
    /// Words outside quotations.
    pub author_words: usize,
    /// Words inside quotations.
    pub quoted_words: usize,
    /// Sentences.
    pub sentences: usize,
    /// Marker counts per category (every category is present).
    pub counts: BTreeMap<Category, VoiceCounts>,
    /// Marker rates per 1,000 words per category (every category is present).
    pub rates: BTreeMap<Category, VoiceRates>,
}

fn per_thousand(n: usize, words: usize) -> f64 {
    if words == 0 {
        0.0
    } else {
        n as f64 * 1000.0 / words as f64
    }
}

impl Profile {
    /// Builds the profile from word counts and markers.
    pub fn new(words: usize, quoted_words: usize, sentences: usize, markers: &[Marker]) -> Self {
        let mut counts: BTreeMap<Category, VoiceCounts> = Category::ALL
            .iter()
            .map(|&c| (c, VoiceCounts::default()))
            .collect();
        for m in markers {
            let c = counts.entry(m.category).or_default();
            c.all += 1;
            match m.voice {
                Voice::Author => c.author += 1,
                Voice::Quoted => c.quoted += 1,
            }
        }
        let author_words = words.saturating_sub(quoted_words);
        let rates = counts
            .iter()
            .map(|(&cat, c)| {
                (
                    cat,
                    VoiceRates {
                        all: per_thousand(c.all, words),
                        author: per_thousand(c.author, author_words),
                        quoted: per_thousand(c.quoted, quoted_words),
                    },
                )
            })
            .collect();
        Profile {
            words,
            author_words,
            quoted_words,
            sentences,
            counts,
            rates,
        }
    }
}

/// The analysis of one document.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Analysis {
    /// The document id, if one was given.
    pub doc_id: Option<String>,
    /// The outlet given with the document, if any.
    pub outlet: Option<String>,
    /// The URL given with the document, if any.
    pub url: Option<String>,
    /// The publication date given with the document, if any.
    pub published: Option<String>,
    /// Markers, sorted by start.
    pub markers: Vec<Marker>,
    /// Quoted stretches (the words inside the quote marks), sorted by start.
    pub quotes: Vec<Span>,
    /// Counts and rates.
    pub profile: Profile,
}
