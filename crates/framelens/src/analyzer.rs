//! The entry point: [`Analyzer`] turns [`Document`]s into [`Analysis`] values.

use std::sync::{Arc, OnceLock};

use serde::{Deserialize, Serialize};

use crate::analysis::{Analysis, AttributionProfile, Profile, SchemaVersion, SentenceInfo, Span};
use crate::detect::attribution::{find_attributions, to_attributions};
use crate::detect::markers::locate_markers;
use crate::detect::provenance::{detect_provenance, flags as provenance_flags, AgencyMatcher};
use crate::detect::voice;
use crate::error::{Error, Result};
use crate::lexicon::{Lexicon, Matcher, TermMatch};
use crate::model::Model;
use crate::parallel::{self, CancelToken, Pool};
use crate::registry::Registry;
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

/// A document whose fields are borrowed (from a line of input, or a Python string), analysed
/// with [`Analyzer::analyze_ref`] without copying them.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct DocumentRef<'a> {
    /// The article text.
    pub text: &'a str,
    /// The caller's id for the document.
    pub id: Option<&'a str>,
    /// The outlet name, if known.
    pub outlet: Option<&'a str>,
    /// The article URL, if known.
    pub url: Option<&'a str>,
    /// The publication date as given, if known.
    pub published: Option<&'a str>,
}

impl<'a> From<&'a Document> for DocumentRef<'a> {
    fn from(doc: &'a Document) -> Self {
        DocumentRef {
            text: &doc.text,
            id: doc.id.as_deref(),
            outlet: doc.outlet.as_deref(),
            url: doc.url.as_deref(),
            published: doc.published.as_deref(),
        }
    }
}

/// The default maximum document size: 64 MiB.
pub const DEFAULT_MAX_BYTES: usize = 64 << 20;

/// The largest document size an analyzer can be set to accept: 128 MiB. Normalization can
/// lengthen text (NFKC expands a few characters up to 18 times), and the normalized text of
/// any document up to this size still has 32-bit offsets, which keep tokens small.
pub const MAX_DOCUMENT_BYTES: usize = 128 << 20;

/// One language an analyzer reads: the pack's language data and its compiled lexicon.
#[derive(Debug)]
struct LangPack {
    code: &'static str,
    lang: &'static crate::text::lang::Lang,
    /// The pack's compiled lexicon; `None` for a compiled-in pack other than the default,
    /// compiled on the first document in its language (most work reads one language, and
    /// compiling every pack at start-up cost more than the analysis of a short batch).
    matcher: Option<Arc<Matcher>>,
    /// The language as whatlang names it, when whatlang knows it.
    whatlang: Option<whatlang::Lang>,
}

/// Analyses documents with one compiled lexicon per language. Cheap to clone; share it across
/// threads.
#[derive(Clone, Debug)]
pub struct Analyzer {
    matcher: Arc<Matcher>,
    /// The languages read, the first the default (the one `matcher` belongs to).
    packs: Arc<[LangPack]>,
    registry: Arc<Registry>,
    agencies: Arc<AgencyMatcher>,
    max_bytes: usize,
    model: Option<Arc<Model>>,
}

fn default_registry() -> Result<(Arc<Registry>, Arc<AgencyMatcher>)> {
    static DEFAULT: OnceLock<Result<(Arc<Registry>, Arc<AgencyMatcher>)>> = OnceLock::new();
    DEFAULT
        .get_or_init(|| {
            let registry = Registry::default_registry()?;
            let agencies = Arc::new(AgencyMatcher::new(&registry));
            Ok((registry, agencies))
        })
        .clone()
}

fn default_matcher() -> Result<Arc<Matcher>> {
    pack_matcher("en")
}

/// The compiled lexicon of a compiled-in pack, built once per process.
fn pack_matcher(code: &str) -> Result<Arc<Matcher>> {
    compiled_pack(code).cloned()
}

/// The compiled lexicon of a compiled-in pack, built once per process on first use.
fn compiled_pack(code: &str) -> Result<&'static Arc<Matcher>> {
    type Cache = Vec<(&'static str, OnceLock<Result<Arc<Matcher>>>)>;
    static CACHE: OnceLock<Cache> = OnceLock::new();
    let cache = CACHE.get_or_init(|| {
        crate::pack::languages()
            .into_iter()
            .map(|c| (c, OnceLock::new()))
            .collect()
    });
    let Some((code, cell)) = cache.iter().find(|(c, _)| *c == code) else {
        return Err(crate::pack::source(code)
            .err()
            .unwrap_or_else(|| Error::lexicon(format!("no language pack `{code}`"))));
    };
    cell.get_or_init(|| Ok(Arc::new(Lexicon::for_language(code)?.compile()?)))
        .as_ref()
        .map_err(Clone::clone)
}

/// whatlang's name of an ISO 639-1 code (the languages with a pack, and a few more).
fn whatlang_of(code: &str) -> Option<whatlang::Lang> {
    let iso3 = match code {
        "en" => "eng",
        "ru" => "rus",
        "ar" => "ara",
        "fa" => "pes",
        "zh" => "cmn",
        "de" => "deu",
        "fr" => "fra",
        "es" => "spa",
        "uk" => "ukr",
        "tr" => "tur",
        "he" => "heb",
        "ur" => "urd",
        _ => return None,
    };
    whatlang::Lang::from_code(iso3)
}

/// How much of a text language detection reads: enough for whatlang, little enough to cost
/// nothing next to the analysis.
const DETECT_BYTES: usize = 1024;

fn lang_pack(code: &'static str, matcher: Option<Arc<Matcher>>) -> LangPack {
    LangPack {
        code,
        lang: crate::text::lang::for_code(code).expect("every compiled-in pack has language data"),
        matcher,
        whatlang: whatlang_of(code),
    }
}

impl Analyzer {
    /// An analyzer with the default English lexicon (compiled once per process).
    pub fn new() -> Result<Self> {
        Analyzer::english(default_matcher()?)
    }

    /// An analyzer with a lexicon of your own.
    pub fn with_lexicon(lexicon: &Lexicon) -> Result<Self> {
        Analyzer::english(Arc::new(lexicon.compile()?))
    }

    /// An English-only analyzer with this matcher and the default registry.
    fn english(matcher: Arc<Matcher>) -> Result<Self> {
        let (registry, agencies) = default_registry()?;
        Ok(Analyzer {
            packs: Arc::new([lang_pack("en", Some(matcher.clone()))]),
            matcher,
            registry,
            agencies,
            max_bytes: DEFAULT_MAX_BYTES,
            model: None,
        })
    }

    /// An analyzer that reads the given languages (ISO 639-1 codes of compiled-in packs,
    /// [`crate::pack::languages`]), each with its pack's lexicon; the first is the default
    /// for a text whose language is none of them. Each document's language is detected
    /// (whatlang, on its first kilobyte) unless [`Analyzer::analyze_in`] names it.
    ///
    /// ```
    /// use framelens::Analyzer;
    ///
    /// let analyzer = Analyzer::for_languages(&["en", "ru"])?;
    /// assert_eq!(analyzer.languages(), ["en", "ru"]);
    /// let a = analyzer.analyze_text("Министр заявил, что переговоры продолжатся в четверг.")?;
    /// assert_eq!(a.language, "ru");
    /// assert!(Analyzer::for_languages(&["xx"]).is_err());
    /// # Ok::<(), framelens::Error>(())
    /// ```
    pub fn for_languages(codes: &[&str]) -> Result<Self> {
        if codes.is_empty() {
            return Err(Error::lexicon("no languages given".to_string()));
        }
        let (registry, agencies) = default_registry()?;
        let mut packs = Vec::with_capacity(codes.len());
        for &code in codes {
            let code = crate::pack::source(code)?.code;
            if packs.iter().any(|p: &LangPack| p.code == code) {
                continue;
            }
            // The default pack is compiled now (it is `matcher`); the others on first use.
            let matcher = if packs.is_empty() {
                Some(pack_matcher(code)?)
            } else {
                None
            };
            packs.push(lang_pack(code, matcher));
        }
        let matcher = packs[0]
            .matcher
            .clone()
            .expect("the default pack is compiled");
        Ok(Analyzer {
            matcher,
            packs: packs.into(),
            registry,
            agencies,
            max_bytes: DEFAULT_MAX_BYTES,
            model: None,
        })
    }

    /// An analyzer for every compiled-in language pack, English the default.
    pub fn all_languages() -> Result<Self> {
        let mut codes = crate::pack::languages();
        codes.sort_by_key(|&c| c != "en");
        Analyzer::for_languages(&codes)
    }

    /// The languages this analyzer reads, the default first.
    pub fn languages(&self) -> Vec<&'static str> {
        self.packs.iter().map(|p| p.code).collect()
    }

    /// The language a text would be analysed in: with one language loaded, that one;
    /// otherwise the loaded language whatlang finds most likely among those written in the
    /// script of the text's first kilobyte, or the default when none is.
    pub fn detect_language(&self, text: &str) -> &'static str {
        self.detect(text).code
    }

    fn detect(&self, text: &str) -> &LangPack {
        let default = &self.packs[0];
        if self.packs.len() == 1 {
            return default;
        }
        let mut end = text.len().min(DETECT_BYTES);
        while !text.is_char_boundary(end) {
            end -= 1;
        }
        let head = &text[..end];
        let Some(script) = whatlang::detect_script(head) else {
            return default;
        };
        let langs = script.langs();
        let candidates: Vec<&LangPack> = self
            .packs
            .iter()
            .filter(|p| p.whatlang.is_some_and(|l| langs.contains(&l)))
            .collect();
        match candidates.as_slice() {
            [] => default,
            [one] => one,
            several => {
                let allow = several.iter().filter_map(|p| p.whatlang).collect();
                whatlang::Detector::with_allowlist(allow)
                    .detect_lang(head)
                    .and_then(|l| several.iter().find(|p| p.whatlang == Some(l)).copied())
                    .unwrap_or(several[0])
            }
        }
    }

    /// The pack of a language this analyzer reads, or an error naming those it reads.
    fn pack(&self, code: &str) -> Result<&LangPack> {
        self.packs.iter().find(|p| p.code == code).ok_or_else(|| {
            Error::document(format!(
                "language `{code}` is not loaded (this analyzer reads: {})",
                self.languages().join(", ")
            ))
        })
    }

    /// The same analyzer with another outlet registry.
    pub fn with_registry(mut self, registry: Registry) -> Self {
        self.agencies = Arc::new(AgencyMatcher::new(&registry));
        self.registry = Arc::new(registry);
        self
    }

    /// The same analyzer scoring every word with a fitted [`Model`]: the tokens it marks
    /// become markers of its category in place of the lexicon's (see [`crate::model`]), and
    /// the profile counts them. It scores the documents read in its
    /// [language](Model::language) only; other languages keep their packs' markers.
    pub fn with_model(mut self, model: Arc<Model>) -> Self {
        self.model = Some(model);
        self
    }

    /// The same analyzer without a model.
    pub fn without_model(mut self) -> Self {
        self.model = None;
        self
    }

    /// The model the analyzer scores with, if any.
    pub fn model(&self) -> Option<&Model> {
        self.model.as_deref()
    }

    /// The outlet registry.
    pub fn registry(&self) -> &Registry {
        &self.registry
    }

    /// The same analyzer with another maximum document size (bytes of UTF-8).
    /// Sizes over [`MAX_DOCUMENT_BYTES`] are that limit.
    pub fn with_max_bytes(mut self, max_bytes: usize) -> Self {
        self.max_bytes = max_bytes.min(MAX_DOCUMENT_BYTES);
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
        self.analyze_ref(&DocumentRef {
            text,
            ..Default::default()
        })
    }

    /// Analyses one document.
    pub fn analyze(&self, doc: &Document) -> Result<Analysis> {
        self.analyze_ref(&DocumentRef::from(doc))
    }

    /// Analyses a document with borrowed fields. An error names the document's id when it has
    /// one; a text over [`Analyzer::max_bytes`] is an error, and so would be a panic inside
    /// the analysis (a bug in framelens), instead of taking the batch down with it.
    pub fn analyze_ref(&self, doc: &DocumentRef<'_>) -> Result<Analysis> {
        self.analyze_ref_in(doc, None)
    }

    /// Analyses one document in the given language (an ISO 639-1 code this analyzer reads),
    /// or in its detected language when `language` is `None`.
    pub fn analyze_in(&self, doc: &Document, language: Option<&str>) -> Result<Analysis> {
        self.analyze_ref_in(&DocumentRef::from(doc), language)
    }

    /// [`Analyzer::analyze_ref`] in the given language, or the detected one when `None`.
    pub fn analyze_ref_in(
        &self,
        doc: &DocumentRef<'_>,
        language: Option<&str>,
    ) -> Result<Analysis> {
        let DocumentRef {
            text,
            id,
            outlet,
            url,
            published,
        } = *doc;
        let pack = match language {
            Some(code) => self.pack(code),
            None => Ok(self.detect(text)),
        };
        let result = if let Err(e) = pack {
            Err(e)
        } else if text.len() > self.max_bytes {
            Err(Error::document(format!(
                "text is {} bytes, over the limit of {} bytes (raise it with max_bytes)",
                text.len(),
                self.max_bytes
            )))
        } else {
            // A panic here would be a bug in framelens; it becomes this document's error
            // instead of taking the batch (or the Python process) down with it.
            std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
                let pack = pack.as_ref().map_err(Clone::clone)?;
                self.analyze_unchecked(pack, text, id, outlet, url, published)
            }))
            .unwrap_or_else(|payload| {
                let what = payload
                    .downcast_ref::<&str>()
                    .map(|s| s.to_string())
                    .or_else(|| payload.downcast_ref::<String>().cloned())
                    .unwrap_or_else(|| "unknown panic".into());
                Err(Error::document(format!(
                    "internal error while analysing ({what}); this is a framelens bug, please \
                     report it"
                )))
            })
        };
        result.map_err(|e| match id {
            Some(id) => e.with_context(format_args!("document `{id}`")),
            None => e,
        })
    }

    fn analyze_unchecked(
        &self,
        pack: &LangPack,
        text: &str,
        id: Option<&str>,
        outlet: Option<&str>,
        url: Option<&str>,
        published: Option<&str>,
    ) -> Result<Analysis> {
        let prepared = Prepared::with_lang(text, pack.lang);
        let matcher: &Matcher = match &pack.matcher {
            Some(m) => m,
            None => compiled_pack(pack.code)?,
        };
        let mut matches = Vec::new();
        matcher.find_prepared(&prepared, &mut matches);
        let located = locate_markers(&prepared, matcher, &matches);
        let found = find_attributions(&prepared, matcher, &matches);
        let attributions = to_attributions(&prepared, &found.attributions);
        let (provenance, boilerplate_tokens) =
            detect_provenance(&prepared, &self.registry, &self.agencies, outlet, url);
        let voice::Voiced {
            mut markers,
            sentence_words: counts,
        } = voice::assign(
            &prepared,
            located,
            &found,
            &attributions,
            &provenance.boilerplate,
            &boilerplate_tokens,
        );
        // A model scores the documents of the language its features were computed in.
        if let Some(model) = self.model.as_ref().filter(|m| m.language() == pack.code) {
            // The model reads the lexicon's markers as features, and its markers take the
            // place of the lexicon's of its category.
            let scored = model.score(&prepared, &markers, &provenance.boilerplate);
            markers.retain(|m| m.category != model.category());
            if !scored.is_empty() {
                markers.extend(voice::credit(scored, &found, &attributions));
                markers.sort_by_key(|m| (m.start, m.end, m.category));
            }
        }
        let mut profile = Profile::new(
            counts.iter().map(|c| c.0).sum(),
            counts.iter().map(|c| c.1).sum(),
            prepared.sentences.len(),
            &markers,
        );
        let (state, wire, syndicated) = provenance_flags(&provenance, &self.registry);
        profile.state_affiliated = state;
        profile.wire_based = wire;
        profile.syndicated = syndicated;
        profile.attribution =
            AttributionProfile::new(&attributions, found.cue_sentences, prepared.sentences.len());
        let mut quote_spans = prepared.map.starts();
        let outermost = prepared.quotes.iter().filter(|q| q.depth == 0);
        // Counted first, so the vector is allocated once (a text of short quotations has one
        // every few bytes).
        let mut quotes = Vec::with_capacity(outermost.clone().count());
        quotes.extend(outermost.map(|q| {
            let (s, e) = quote_spans.span(q.content_start, q.content_end);
            Span::of(text, s, e)
        }));
        let mut sentence_spans = prepared.map.starts();
        Ok(Analysis {
            schema_version: SchemaVersion,
            language: pack.code.to_string(),
            doc_id: id.map(str::to_string),
            outlet: outlet.map(str::to_string),
            url: url.map(str::to_string),
            published: published.map(str::to_string),
            markers,
            quotes,
            attributions,
            provenance,
            sentences: prepared
                .sentences
                .iter()
                .zip(&counts)
                .map(|(s, &(words, quoted_words))| {
                    let (start, end) = sentence_spans.span(s.start, s.end);
                    SentenceInfo {
                        start,
                        end,
                        words,
                        quoted_words,
                    }
                })
                .collect(),
            profile,
        })
    }

    /// Counts the lexicon markers of a text without attribution, provenance or profile: the
    /// normalization and matching stages alone (for benchmarks).
    pub fn count_markers(&self, text: &str) -> usize {
        let prepared = Prepared::new(text);
        let mut matches = Vec::new();
        self.matcher.find_prepared(&prepared, &mut matches);
        locate_markers(&prepared, &self.matcher, &matches).len()
    }

    /// The attribution stage alone on a prepared text and its matches, for benchmarks: the
    /// number of attributions found.
    #[doc(hidden)]
    pub fn bench_attribution(&self, prepared: &Prepared<'_>, matches: &[TermMatch]) -> usize {
        find_attributions(prepared, &self.matcher, matches)
            .attributions
            .len()
    }

    /// The provenance stage alone on a prepared text, for benchmarks: agency mentions found.
    #[doc(hidden)]
    pub fn bench_provenance(&self, prepared: &Prepared<'_>) -> usize {
        detect_provenance(prepared, &self.registry, &self.agencies, None, None)
            .0
            .agencies
            .len()
    }

    /// Analyses many documents in parallel on the pool of [`parallel::pool`]`(None)`
    /// (`FRAMELENS_THREADS`, else one thread per core). The output has one result per input,
    /// in input order; an error names the document's position and id, and never stops the
    /// others. If the thread count is invalid, every result is that error.
    pub fn analyze_batch(&self, docs: &[Document]) -> Vec<Result<Analysis>> {
        match parallel::pool(None) {
            Ok(pool) => self.analyze_batch_on(&pool, docs),
            Err(e) => docs.iter().map(|_| Err(e.clone())).collect(),
        }
    }

    /// [`Analyzer::analyze_batch`] on a pool of your choice. Each document is a piece of work
    /// of its own, so the threads finish together however unequal the documents.
    pub fn analyze_batch_on(&self, pool: &Pool, docs: &[Document]) -> Vec<Result<Analysis>> {
        let indexed: Vec<(usize, &Document)> = docs.iter().enumerate().collect();
        pool.map(&indexed, |&(i, doc)| self.analyze_nth(doc, i))
    }

    /// [`Analyzer::analyze_batch_on`] that stops early once `cancel` is cancelled (from another
    /// thread: a deadline, a user's interrupt): each document checks the token before it is
    /// analysed, and `None` comes back with the analyses made so far dropped. A token never
    /// cancelled gives `analyze_batch_on`'s results, in the same order.
    pub fn analyze_batch_cancellable(
        &self,
        pool: &Pool,
        docs: &[Document],
        cancel: &CancelToken,
    ) -> Option<Vec<Result<Analysis>>> {
        let indexed: Vec<(usize, &Document)> = docs.iter().enumerate().collect();
        pool.map_cancellable(&indexed, |&(i, doc)| self.analyze_nth(doc, i), cancel)
    }

    /// One document of a batch, its errors named by its position.
    fn analyze_nth(&self, doc: &Document, i: usize) -> Result<Analysis> {
        self.analyze(doc)
            .map_err(|e| e.with_context(format_args!("document {i}")))
    }
}
