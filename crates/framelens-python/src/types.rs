//! Frozen Python result classes. Offsets here are code-point offsets into the original `str`,
//! converted from the core's byte offsets once, off the GIL, when the analysis is made.

use std::borrow::Cow;
use std::mem::ManuallyDrop;
use std::sync::Arc;

use pyo3::prelude::*;
use pyo3::types::{PyDict, PyList, PyString};
use pythonize::pythonize;
use serde::{Deserialize, Serialize};

use framelens::analysis::{Analysis, Attribution, Marker, Profile, Provenance, Span};
use framelens::offsets::to_code_points;
use framelens::parallel::FreeOn;
use framelens::registry::Outlet;

use crate::errors::{opt_text_arg, text_arg, IntoPy};
use crate::value::{value_class, ValueClass};

/// An analysis with code-point offsets and the text it was made from (as one flat object:
/// the analysis's fields, then `text`).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub(crate) struct AnalysisState {
    #[serde(flatten)]
    pub analysis: Analysis,
    pub text: String,
}

impl AnalysisState {
    /// Takes an analysis with byte offsets into `text` and converts its offsets to code points.
    /// Shared from the start: a batch's results are put behind their `Arc` on the thread that
    /// made them, not moved (and copied) into one on the thread holding the GIL.
    pub(crate) fn from_bytes(text: String, mut analysis: Analysis) -> Arc<Self> {
        to_code_points(&text, &mut analysis);
        Arc::new(AnalysisState { analysis, text })
    }
}

/// The notes of the default lexicon's entries, by id (for tooltips).
fn default_notes() -> &'static std::collections::HashMap<String, String> {
    static NOTES: std::sync::OnceLock<std::collections::HashMap<String, String>> =
        std::sync::OnceLock::new();
    NOTES.get_or_init(|| {
        framelens::Lexicon::default_english()
            .map(|l| {
                l.entries()
                    .iter()
                    .map(|e| (e.id.to_string(), e.note.to_string()))
                    .collect()
            })
            .unwrap_or_default()
    })
}

/// A frame-set category name ("frame" or "generic_frame"); any other is a ConfigError.
fn frame_set(name: &str) -> PyResult<framelens::Category> {
    match name {
        "frame" => Ok(framelens::Category::Frame),
        "generic_frame" => Ok(framelens::Category::GenericFrame),
        other => Err(framelens::Error::config(format!(
            "category must be \"frame\" or \"generic_frame\", not {other:?}"
        )))
        .py(),
    }
}

fn short(text: &str) -> String {
    let mut s: String = text.chars().take(40).collect();
    if s.len() < text.len() {
        s.push('…');
    }
    s
}

/// A range of the original text: `text[start:end] == span.text`.
#[pyclass(name = "Span", module = "framelens", frozen)]
#[derive(Clone)]
pub struct PySpan {
    pub(crate) inner: Span,
}

#[pymethods]
impl PySpan {
    #[new]
    fn new(start: usize, end: usize, text: String) -> Self {
        PySpan {
            inner: Span {
                start,
                end,
                text: text.into(),
            },
        }
    }
    /// Start (code points into the original text).
    #[getter]
    fn start(&self) -> usize {
        self.inner.start
    }
    /// End (code points, exclusive).
    #[getter]
    fn end(&self) -> usize {
        self.inner.end
    }
    /// The text of the span.
    #[getter]
    fn text(&self) -> &str {
        &self.inner.text
    }
    fn __repr__(&self) -> String {
        format!(
            "Span(start={}, end={}, text={:?})",
            self.inner.start,
            self.inner.end,
            short(&self.inner.text)
        )
    }
}

/// A framing marker: where it is, which lexicon entry fired, and in whose voice.
#[pyclass(name = "Marker", module = "framelens", frozen)]
#[derive(Clone)]
pub struct PyMarker {
    pub(crate) inner: Marker,
}

#[pymethods]
impl PyMarker {
    /// Start (code points into the original text).
    #[getter]
    fn start(&self) -> usize {
        self.inner.start
    }
    /// End (code points, exclusive).
    #[getter]
    fn end(&self) -> usize {
        self.inner.end
    }
    /// The original text of the marker.
    #[getter]
    fn text(&self) -> &str {
        &self.inner.text
    }
    /// The category ("loaded", "hedge", ...).
    #[getter]
    fn category(&self) -> &'static str {
        self.inner.category.as_str()
    }
    /// The subcategory, if any.
    #[getter]
    fn subcategory(&self) -> Option<&str> {
        self.inner.subcategory.as_deref()
    }
    /// The id of the lexicon entry that fired.
    #[getter]
    fn entry(&self) -> &str {
        &self.inner.entry
    }
    /// The entry's weight.
    #[getter]
    fn weight(&self) -> f64 {
        framelens::analysis::weight_f64(self.inner.weight)
    }
    /// "author" or "quoted".
    #[getter]
    fn voice(&self) -> &'static str {
        self.inner.voice.as_str()
    }
    /// The quoted speaker, when known.
    #[getter]
    fn speaker(&self) -> Option<&str> {
        self.inner.speaker.as_deref()
    }
    /// True when the marker is in the scope of a negation.
    #[getter]
    fn negated(&self) -> bool {
        self.inner.negated
    }
    /// For a marker a model found (entry "model"): the probability it gave the token; None
    /// for lexicon markers.
    #[getter]
    fn score(&self) -> Option<f64> {
        self.inner.score()
    }
    /// For a marker a model found: its top contributing features and their weights, largest
    /// first; empty for lexicon markers.
    #[getter]
    fn features(&self) -> Vec<(String, f64)> {
        self.inner.features().to_vec()
    }
    fn __repr__(&self) -> String {
        let m = &self.inner;
        format!(
            "Marker(start={}, end={}, text={:?}, category={:?}, entry={:?}, voice={:?})",
            m.start,
            m.end,
            short(&m.text),
            m.category.as_str(),
            &*m.entry,
            m.voice.as_str()
        )
    }
}

/// Who says what: a reporting cue with its speaker and content.
#[pyclass(name = "Attribution", module = "framelens", frozen)]
#[derive(Clone)]
pub struct PyAttribution {
    pub(crate) inner: Attribution,
}

fn span_opt(s: &Option<Span>) -> Option<PySpan> {
    s.clone().map(|inner| PySpan { inner })
}

#[pymethods]
impl PyAttribution {
    /// "direct", "indirect" or "according_to".
    #[getter]
    fn kind(&self) -> &'static str {
        self.inner.kind.as_str()
    }
    /// The reporting verb or phrase.
    #[getter]
    fn cue(&self) -> PySpan {
        PySpan {
            inner: self.inner.cue.clone(),
        }
    }
    /// The id of the `report` lexicon entry that fired.
    #[getter]
    fn entry(&self) -> &str {
        &self.inner.entry
    }
    /// What the cue reports: "speech", "belief", "evidence", "intention", "perception" or
    /// "nominal".
    #[getter]
    fn cue_kind(&self) -> &'static str {
        self.inner.cue_kind.as_str()
    }
    /// The speaker as written, if found.
    #[getter]
    fn speaker(&self) -> Option<PySpan> {
        span_opt(&self.inner.speaker)
    }
    /// "named", "role", "institution", "document", "collective", "anonymous" or "pronoun" (None
    /// when no speaker was found).
    #[getter]
    fn speaker_type(&self) -> Option<&'static str> {
        self.inner.speaker_type.map(|t| t.as_str())
    }
    /// What is attributed.
    #[getter]
    fn content(&self) -> Option<PySpan> {
        span_opt(&self.inner.content)
    }
    /// "neutral", "distancing", "endorsing", "emotive" or "admission".
    #[getter]
    fn verb_stance(&self) -> &'static str {
        self.inner.verb_stance.as_str()
    }
    /// For a pronoun speaker: the named speaker it refers to.
    #[getter]
    fn resolved_speaker(&self) -> Option<PySpan> {
        span_opt(&self.inner.resolved_speaker)
    }
    /// The name markers in the content are credited to.
    #[getter]
    fn speaker_name(&self) -> Option<&str> {
        self.inner.speaker_name.as_deref()
    }
    /// True for a quotation that continues an attributed one without its own cue.
    #[getter]
    fn continued(&self) -> bool {
        self.inner.continued
    }
    /// For a cue inside another attribution's content: that attribution's index in
    /// ``Analysis.attributions`` (None for a top-level attribution).
    #[getter]
    fn parent(&self) -> Option<usize> {
        self.inner.parent
    }
    fn __repr__(&self) -> String {
        let a = &self.inner;
        format!(
            "Attribution(kind={:?}, cue={:?}, speaker={:?}, speaker_type={:?}, verb_stance={:?})",
            a.kind.as_str(),
            a.cue.text,
            a.speaker.as_ref().map(|s| short(&s.text)),
            a.speaker_type.map(|t| t.as_str()),
            a.verb_stance.as_str()
        )
    }
}

/// An outlet from the registry.
#[pyclass(name = "Outlet", module = "framelens", frozen)]
#[derive(Clone)]
pub struct PyOutlet {
    pub(crate) inner: Outlet,
}

#[pymethods]
impl PyOutlet {
    /// Registry id ("irna").
    #[getter]
    fn id(&self) -> &str {
        &self.inner.id
    }
    /// Display name.
    #[getter]
    fn name(&self) -> &str {
        &self.inner.name
    }
    /// Other names.
    #[getter]
    fn aliases(&self) -> Vec<String> {
        self.inner.aliases.clone()
    }
    /// Web domains.
    #[getter]
    fn domains(&self) -> Vec<String> {
        self.inner.domains.clone()
    }
    /// ISO 3166-1 alpha-2 country code.
    #[getter]
    fn country(&self) -> &str {
        &self.inner.country
    }
    /// "state", "public" or "private".
    #[getter]
    fn ownership<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        Ok(pythonize(py, &self.inner.ownership)?)
    }
    /// "agency", "newspaper", "broadcaster" or "online".
    #[getter]
    fn kind<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        Ok(pythonize(py, &self.inner.kind)?)
    }
    /// One line on what the outlet is.
    #[getter]
    fn note(&self) -> &str {
        &self.inner.note
    }
    fn __repr__(&self) -> String {
        let o = &self.inner;
        format!(
            "Outlet(id={:?}, name={:?}, country={:?}, ownership={:?}, kind={:?})",
            o.id,
            o.name,
            o.country,
            format!("{:?}", o.ownership).to_lowercase(),
            format!("{:?}", o.kind).to_lowercase()
        )
    }
}

/// Where a story comes from: dateline, agencies, source lines, byline, boilerplate, outlet.
#[pyclass(name = "Provenance", module = "framelens", frozen)]
#[derive(Clone)]
pub struct PyProvenance {
    pub(crate) inner: Provenance,
}

#[pymethods]
impl PyProvenance {
    /// `{"span", "place", "date", "agency"}` (each a span dict or None), or None.
    #[getter]
    fn dateline<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        Ok(pythonize(py, &self.inner.dateline)?)
    }
    /// The dateline's place, if any.
    #[getter]
    fn place(&self) -> Option<PySpan> {
        self.inner.dateline.as_ref().map(|d| PySpan {
            inner: d.place.clone(),
        })
    }
    /// Wire agencies named in the text: `[{"span": ..., "outlet": id}]`.
    #[getter]
    fn agencies<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        Ok(pythonize(py, &self.inner.agencies)?)
    }
    /// Syndication, credit and copyright lines: `[{"span", "kind", "name", "outlet"}]`.
    #[getter]
    fn source_lines<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        Ok(pythonize(py, &self.inner.source_lines)?)
    }
    /// The byline, if any.
    #[getter]
    fn byline(&self) -> Option<PySpan> {
        span_opt(&self.inner.byline)
    }
    /// Promotional and credit boilerplate, left out of the profile.
    #[getter]
    fn boilerplate(&self) -> Vec<PySpan> {
        self.inner
            .boilerplate
            .iter()
            .map(|s| PySpan { inner: s.clone() })
            .collect()
    }
    /// The resolved outlet, if any.
    #[getter]
    fn outlet(&self) -> Option<PyOutlet> {
        self.inner
            .outlet
            .as_deref()
            .map(|o| PyOutlet { inner: o.clone() })
    }
    /// How the outlet was resolved: "explicit", "url", "dateline", "handle" or "source_line".
    #[getter]
    fn outlet_source(&self) -> Option<&'static str> {
        self.inner.outlet_source.map(|s| s.as_str())
    }
    /// The name given with the document when it is an author or byline label.
    #[getter]
    fn author_label(&self) -> Option<&str> {
        self.inner.author_label.as_deref()
    }
    /// Registry ids from the publisher back to the original source.
    #[getter]
    fn syndication(&self) -> Vec<String> {
        self.inner.syndication.clone()
    }
    fn __repr__(&self) -> String {
        let p = &self.inner;
        format!(
            "Provenance(outlet={:?}, dateline={:?}, agencies={}, source_lines={}, syndication={:?})",
            p.outlet.as_ref().map(|o| o.id.as_str()),
            p.dateline.as_ref().map(|d| d.span.text.as_str()),
            p.agencies.len(),
            p.source_lines.len(),
            p.syndication
        )
    }
}

/// Counts and rates that summarise one document.
#[pyclass(name = "Profile", module = "framelens", frozen)]
#[derive(Clone)]
pub struct PyProfile {
    pub(crate) inner: Profile,
}

#[pymethods]
impl PyProfile {
    /// Word and number tokens.
    #[getter]
    fn words(&self) -> u32 {
        self.inner.words
    }
    /// Words outside quotations.
    #[getter]
    fn author_words(&self) -> u32 {
        self.inner.author_words
    }
    /// Words inside quotations.
    #[getter]
    fn quoted_words(&self) -> u32 {
        self.inner.quoted_words
    }
    /// Sentences.
    #[getter]
    fn sentences(&self) -> u32 {
        self.inner.sentences
    }
    /// `{category: {"all": n, "author": n, "quoted": n}}`.
    #[getter]
    fn counts<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        Ok(pythonize(py, &self.inner.counts)?)
    }
    /// `{category: {"all": r, "author": r, "quoted": r}}`, per 1,000 words of that voice; None
    /// where that voice has no words (undefined, not 0).
    #[getter]
    fn rates<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        Ok(pythonize(py, &self.inner.rates())?)
    }
    /// The outlet or its syndication chain is state-owned or state-controlled.
    #[getter]
    fn state_affiliated(&self) -> bool {
        self.inner.state_affiliated
    }
    /// The story carries a wire agency's dateline or credit, or the outlet is an agency.
    #[getter]
    fn wire_based(&self) -> bool {
        self.inner.wire_based
    }
    /// The story names an original source other than its publisher.
    #[getter]
    fn syndicated(&self) -> bool {
        self.inner.syndicated
    }
    /// Attribution counts: total, sentence_share, by_kind, by_speaker_type, by_stance,
    /// anonymous_share, speakers; a share is None with no sentences or no attribution.
    #[getter]
    fn attribution<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        Ok(pythonize(py, &self.inner.attribution)?)
    }
    fn __repr__(&self) -> String {
        let p = &self.inner;
        let loaded = match p.rates().loaded.all {
            Some(rate) => format!("{rate:.2}"),
            None => "n/a".to_string(),
        };
        format!(
            "Profile(words={}, sentences={}, quoted_words={}, loaded_per_1k={loaded})",
            p.words, p.sentences, p.quoted_words
        )
    }
}

/// The analysis of one document.
#[pyclass(name = "Analysis", module = "framelens", frozen)]
#[derive(Clone)]
pub struct PyAnalysis {
    /// Taken out only in `drop`.
    pub(crate) state: ManuallyDrop<Arc<AnalysisState>>,
    free_on: FreeOn,
}

impl PyAnalysis {
    pub(crate) fn new(state: Arc<AnalysisState>, free_on: FreeOn) -> Self {
        PyAnalysis {
            state: ManuallyDrop::new(state),
            free_on,
        }
    }
}

impl Drop for PyAnalysis {
    fn drop(&mut self) {
        // SAFETY: `state` is taken once, here, and not used again.
        let state = unsafe { ManuallyDrop::take(&mut self.state) };
        self.free_on.free(state);
    }
}

#[pymethods]
impl PyAnalysis {
    /// The analysed text.
    #[getter]
    fn text(&self) -> &str {
        &self.state.text
    }
    /// The language the text was analysed in (ISO 639-1 code of a language pack).
    #[getter]
    fn language(&self) -> &str {
        &self.state.analysis.language
    }
    /// The document id, if given.
    #[getter]
    fn doc_id(&self) -> Option<&str> {
        self.state.analysis.doc_id.as_deref()
    }
    /// The outlet, if given.
    #[getter]
    fn outlet(&self) -> Option<&str> {
        self.state.analysis.outlet.as_deref()
    }
    /// The URL, if given.
    #[getter]
    fn url(&self) -> Option<&str> {
        self.state.analysis.url.as_deref()
    }
    /// The publication date, if given.
    #[getter]
    fn published(&self) -> Option<&str> {
        self.state.analysis.published.as_deref()
    }
    /// Markers, sorted by start.
    #[getter]
    fn markers<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyList>> {
        let items = self
            .state
            .analysis
            .markers
            .iter()
            .map(|m| PyMarker { inner: m.clone() })
            .collect::<Vec<_>>();
        PyList::new(py, items)
    }
    /// Quoted stretches (the words inside the quote marks).
    #[getter]
    fn quotes<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyList>> {
        let items = self
            .state
            .analysis
            .quotes
            .iter()
            .map(|s| PySpan { inner: s.clone() })
            .collect::<Vec<_>>();
        PyList::new(py, items)
    }
    /// Attributions (who says what), sorted by cue.
    #[getter]
    fn attributions<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyList>> {
        let items = self
            .state
            .analysis
            .attributions
            .iter()
            .map(|a| PyAttribution { inner: a.clone() })
            .collect::<Vec<_>>();
        PyList::new(py, items)
    }
    /// Where the story comes from.
    #[getter]
    fn provenance(&self) -> PyProvenance {
        PyProvenance {
            inner: self.state.analysis.provenance.clone(),
        }
    }
    /// Counts and rates.
    #[getter]
    fn profile(&self) -> PyProfile {
        PyProfile {
            inner: self.state.analysis.profile.clone(),
        }
    }
    /// The primary frame of every sentence of the frame set `category` ("frame" or
    /// "generic_frame"), as dicts: sentence, start, end, frame (None without a cue), score,
    /// share (None without a cue), cues. `among` keeps only the frames named.
    #[pyo3(signature = (category="frame", among=None))]
    fn sentence_frames<'py>(
        &self,
        py: Python<'py>,
        category: &str,
        among: Option<Vec<String>>,
    ) -> PyResult<Bound<'py, PyAny>> {
        let category = frame_set(category)?;
        let among: Option<Vec<&str>> = among
            .as_ref()
            .map(|v| v.iter().map(String::as_str).collect());
        let frames = self
            .state
            .analysis
            .sentence_frames(category, among.as_deref());
        Ok(pythonize(py, &frames)?)
    }
    /// The document's frame distribution for the frame set `category`: a dict of category,
    /// weights, shares, cues and sentences per frame, and the primary frame.
    #[pyo3(signature = (category="frame"))]
    fn frame_distribution<'py>(
        &self,
        py: Python<'py>,
        category: &str,
    ) -> PyResult<Bound<'py, PyAny>> {
        let category = frame_set(category)?;
        Ok(pythonize(
            py,
            &self.state.analysis.frame_distribution(category),
        )?)
    }
    /// The analysis as a JSON object string (the text included only when `include_text`);
    /// much faster than `json.dumps(a.to_dict())` for writing large corpora.
    #[pyo3(signature = (include_text=true))]
    fn to_json(&self, py: Python<'_>, include_text: bool) -> String {
        let state = Arc::clone(&self.state);
        py.detach(move || {
            let mut out = Vec::with_capacity(state.text.len() * 6);
            state.analysis.write_json(&mut out);
            if include_text {
                // The closing brace makes way for the text.
                out.pop();
                out.extend_from_slice(b",\"text\":");
                // Writing a str into a Vec cannot fail.
                let _ = serde_json::to_writer(&mut out, &state.text);
                out.push(b'}');
            }
            // JSON written from str values is UTF-8.
            String::from_utf8(out).unwrap_or_default()
        })
    }
    /// The article with its markers highlighted (notebooks show it); the text is escaped.
    fn _repr_html_(&self, py: Python<'_>) -> String {
        let state = Arc::clone(&self.state);
        py.detach(move || {
            let mut analysis = state.analysis.clone();
            framelens::offsets::to_bytes(&state.text, &mut analysis);
            let notes = default_notes();
            framelens::render::analysis_html(&state.text, &analysis, |id| {
                notes.get(id).map(String::as_str)
            })
        })
    }
    fn __repr__(&self) -> String {
        let a = &self.state.analysis;
        format!(
            "Analysis(doc_id={:?}, words={}, markers={}, quotes={}, attributions={})",
            a.doc_id,
            a.profile.words,
            a.markers.len(),
            a.quotes.len(),
            a.attributions.len()
        )
    }
}

/// One article to analyse, with what is known about it.
#[pyclass(name = "Document", module = "framelens", frozen)]
#[derive(Clone)]
pub struct PyDocument {
    pub(crate) inner: framelens::Document,
}

#[pymethods]
impl PyDocument {
    #[new]
    #[pyo3(signature = (text, doc_id=None, outlet=None, url=None, published=None))]
    fn new(
        text: &Bound<'_, PyString>,
        doc_id: Option<Bound<'_, PyString>>,
        outlet: Option<Bound<'_, PyString>>,
        url: Option<Bound<'_, PyString>>,
        published: Option<Bound<'_, PyString>>,
    ) -> PyResult<Self> {
        Ok(PyDocument {
            inner: framelens::Document {
                id: opt_text_arg("doc_id", doc_id.as_ref())?,
                text: text_arg("text", text)?,
                outlet: opt_text_arg("outlet", outlet.as_ref())?,
                url: opt_text_arg("url", url.as_ref())?,
                published: opt_text_arg("published", published.as_ref())?,
            },
        })
    }
    /// The article text.
    #[getter]
    fn text(&self) -> &str {
        &self.inner.text
    }
    /// The caller's id.
    #[getter]
    fn doc_id(&self) -> Option<&str> {
        self.inner.id.as_deref()
    }
    /// The outlet name.
    #[getter]
    fn outlet(&self) -> Option<&str> {
        self.inner.outlet.as_deref()
    }
    /// The URL.
    #[getter]
    fn url(&self) -> Option<&str> {
        self.inner.url.as_deref()
    }
    /// The publication date as given.
    #[getter]
    fn published(&self) -> Option<&str> {
        self.inner.published.as_deref()
    }
    fn __repr__(&self) -> String {
        format!(
            "Document(doc_id={:?}, outlet={:?}, text={:?})",
            self.inner.id,
            self.inner.outlet,
            short(&self.inner.text)
        )
    }
}

value_class!(PySpan => Span);

value_class!(PyMarker => Marker);

value_class!(PyAttribution => Attribution);

value_class!(PyOutlet => Outlet);

value_class!(PyProvenance => Provenance);

value_class!(PyProfile => Profile);

impl ValueClass for PyAnalysis {
    type State = AnalysisState;
    fn state(&self) -> Cow<'_, AnalysisState> {
        Cow::Borrowed(&**self.state)
    }
    fn from_state(_py: Python<'_>, state: AnalysisState) -> PyResult<Self> {
        Ok(PyAnalysis::new(Arc::new(state), FreeOn::Caller))
    }
}
value_class!(PyAnalysis);

impl ValueClass for PyDocument {
    type State = framelens::Document;
    fn state(&self) -> Cow<'_, framelens::Document> {
        Cow::Borrowed(&self.inner)
    }
    fn from_state(_py: Python<'_>, inner: framelens::Document) -> PyResult<Self> {
        Ok(PyDocument { inner })
    }
    /// The constructor's keywords: text, doc_id, outlet, url, published.
    fn dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        let d = PyDict::new(py);
        d.set_item("text", &self.inner.text)?;
        d.set_item("doc_id", &self.inner.id)?;
        d.set_item("outlet", &self.inner.outlet)?;
        d.set_item("url", &self.inner.url)?;
        d.set_item("published", &self.inner.published)?;
        Ok(d.into_any())
    }
}
value_class!(PyDocument);
