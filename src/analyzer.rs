//! The entry point: [`Analyzer`] turns [`Document`]s into [`Analysis`] values.

use std::sync::{Arc, OnceLock};

use rayon::prelude::*;
use serde::{Deserialize, Serialize};

use crate::analysis::{Analysis, Profile, Span};
use crate::detect::markers::find_markers;
use crate::error::{Error, Result};
use crate::lexicon::{Lexicon, Matcher};
use crate::text::Prepared;

/// One article to analyse, with what is known about it.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Document {
    /// The caller's id for the document.
    pub id: Option<String>,
    /// The article text.
    pub text: String,
    /// The outlet name, if known.
    pub outlet: Option<String>,
    /// The article URL, if known.
    pub url: Option<String>,
    /// The publication date as given, if known.
    pub published: Option<String>,
}

impl Document {
    /// A document with only text.
    pub fn new(text: impl Into<String>) -> Self {
        Document {
            text: text.into(),
            ..Default::default()
        }
    }

    /// The same document with an id.
    pub fn with_id(mut self, id: impl Into<String>) -> Self {
        self.id = Some(id.into());
        self
    }
}

/// The default maximum document size: 64 MiB.
pub const DEFAULT_MAX_BYTES: usize = 64 << 20;

/// Analyses documents with one compiled lexicon. Cheap to clone; share it across threads.
#[derive(Clone, Debug)]
pub struct Analyzer {
    matcher: Arc<Matcher>,
    max_bytes: usize,
}

fn default_matcher() -> Result<Arc<Matcher>> {
    static DEFAULT: OnceLock<Result<Arc<Matcher>>> = OnceLock::new();
    DEFAULT
        .get_or_init(|| Ok(Arc::new(Lexicon::default_english()?.compile()?)))
        .clone()
}

impl Analyzer {
    /// An analyzer with the default English lexicon (compiled once per process).
    pub fn new() -> Result<Self> {
        Ok(Analyzer {
            matcher: default_matcher()?,
            max_bytes: DEFAULT_MAX_BYTES,
        })
    }

    /// An analyzer with a lexicon of your own.
    pub fn with_lexicon(lexicon: &Lexicon) -> Result<Self> {
        Ok(Analyzer {
            matcher: Arc::new(lexicon.compile()?),
            max_bytes: DEFAULT_MAX_BYTES,
        })
    }

    /// The same analyzer with another maximum document size (bytes of UTF-8).
    pub fn with_max_bytes(mut self, max_bytes: usize) -> Self {
        self.max_bytes = max_bytes;
        self
    }

    /// The maximum document size in bytes.
    pub fn max_bytes(&self) -> usize {
        self.max_bytes
    }

    /// The compiled lexicon.
    pub fn matcher(&self) -> &Matcher {
        &self.matcher
    }

    /// The lexicon.
    pub fn lexicon(&self) -> &Lexicon {
        self.matcher.lexicon()
    }

    /// Analyses a text with no metadata.
    pub fn analyze_text(&self, text: &str) -> Result<Analysis> {
        self.analyze_parts(text, None, None, None, None)
    }

    /// Analyses one document.
    pub fn analyze(&self, doc: &Document) -> Result<Analysis> {
        self.analyze_parts(
            &doc.text,
            doc.id.as_deref(),
            doc.outlet.as_deref(),
            doc.url.as_deref(),
            doc.published.as_deref(),
        )
        .map_err(|e| match &doc.id {
            Some(id) => e.with_context(format_args!("document `{id}`")),
            None => e,
        })
    }

    fn analyze_parts(
        &self,
        text: &str,
        id: Option<&str>,
        outlet: Option<&str>,
        url: Option<&str>,
        published: Option<&str>,
    ) -> Result<Analysis> {
        if text.len() > self.max_bytes {
            return Err(Error::document(format!(
                "text is {} bytes, over the limit of {} bytes (raise it with max_bytes)",
                text.len(),
                self.max_bytes
            )));
        }
        let prepared = Prepared::new(text);
        let markers = find_markers(&prepared, &self.matcher);
        let quoted_words = quoted_words(&prepared);
        let profile = Profile::new(
            prepared.word_count(),
            quoted_words,
            prepared.sentences.len(),
            &markers,
        );
        let quotes = prepared
            .quotes
            .iter()
            .filter(|q| q.depth == 0)
            .map(|q| {
                let (s, e) = prepared.span(q.content_start, q.content_end);
                Span::of(text, s, e)
            })
            .collect();
        Ok(Analysis {
            doc_id: id.map(str::to_string),
            outlet: outlet.map(str::to_string),
            url: url.map(str::to_string),
            published: published.map(str::to_string),
            markers,
            quotes,
            profile,
        })
    }

    /// Analyses many documents in parallel (on the current rayon pool). The output has one
    /// result per input, in input order; an error names the document's position and id, and
    /// never stops the others.
    pub fn analyze_batch(&self, docs: &[Document]) -> Vec<Result<Analysis>> {
        docs.par_iter()
            .enumerate()
            .map(|(i, doc)| {
                self.analyze(doc)
                    .map_err(|e| e.with_context(format_args!("document {i}")))
            })
            .collect()
    }
}

/// Words inside outermost quote regions (one walk over tokens and regions together).
fn quoted_words(prepared: &Prepared<'_>) -> usize {
    let mut regions = prepared.quotes.iter().filter(|q| q.depth == 0).peekable();
    let mut n = 0;
    for t in prepared.tokens.iter().filter(|t| t.is_word()) {
        while regions.peek().is_some_and(|q| q.content_end <= t.start) {
            regions.next();
        }
        if regions
            .peek()
            .is_some_and(|q| q.content_start <= t.start && t.end <= q.content_end)
        {
            n += 1;
        }
    }
    n
}
