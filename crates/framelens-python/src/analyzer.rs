//! `Analyzer`, `Lexicon` and the batch entry point: inputs become owned Rust data, the heavy
//! work runs on the pool without the GIL (Ctrl-C stops it between documents), and results come
//! back in input order.

use std::borrow::Cow;
use std::collections::HashSet;
use std::sync::{Arc, OnceLock};

use framelens::features::WordLists;
use framelens::model::Model;
use framelens::offsets::CodePoints;
use framelens::parallel::{self, FreeOn, Pool};
use framelens::registry::{Outlet, Registry};
use framelens::{Analyzer, Category, DocumentRef, Error, Lexicon, Result};
use pyo3::prelude::*;
use pyo3::types::{PyDict, PyList, PyString, PyTuple, PyType};
use pythonize::pythonize;
use serde::{Deserialize, Serialize};

use crate::errors::{opt_count, opt_text_arg, text_arg, to_pyerr, IntoPy};
use crate::interrupt::cancellable;
use crate::types::{AnalysisState, PyAnalysis, PyDocument, PyOutlet};
use crate::value::{value_class, ValueClass};

/// One text's tokens for `token_features`: code-point start and end, and feature names.
type TokenRows = Vec<(usize, usize, Vec<String>)>;

/// A lexicon: framing entries and their terms.
#[pyclass(name = "Lexicon", module = "framelens", frozen)]
#[derive(Clone)]
pub struct PyLexicon {
    pub(crate) inner: Arc<Lexicon>,
    pub(crate) is_default: bool,
}

pub(crate) fn default_lexicon() -> Result<Arc<Lexicon>> {
    static DEFAULT: OnceLock<Result<Arc<Lexicon>>> = OnceLock::new();
    DEFAULT
        .get_or_init(|| Lexicon::default_english().map(Arc::new))
        .clone()
}

#[derive(Clone, PartialEq, Serialize, Deserialize)]
pub(crate) struct LexiconState {
    is_default: bool,
    lexicon: Option<Lexicon>,
}

impl PyLexicon {
    fn custom(lexicon: Lexicon) -> Self {
        PyLexicon {
            inner: Arc::new(lexicon),
            is_default: false,
        }
    }
}

impl ValueClass for PyLexicon {
    type State = LexiconState;

    /// The default lexicon pickles as a flag, not as its thousands of entries.
    fn state(&self) -> Cow<'_, LexiconState> {
        Cow::Owned(LexiconState {
            is_default: self.is_default,
            lexicon: (!self.is_default).then(|| (*self.inner).clone()),
        })
    }

    fn from_state(_py: Python<'_>, state: LexiconState) -> PyResult<Self> {
        Ok(match state.lexicon {
            Some(l) if !state.is_default => PyLexicon {
                inner: Arc::new(l),
                is_default: false,
            },
            _ => PyLexicon {
                inner: default_lexicon().py()?,
                is_default: true,
            },
        })
    }
}
value_class!(PyLexicon, no_dict);

#[pymethods]
impl PyLexicon {
    /// The default English lexicon shipped with framelens.
    #[classmethod]
    fn default(_cls: &Bound<'_, PyType>) -> PyResult<Self> {
        Ok(PyLexicon {
            inner: default_lexicon().py()?,
            is_default: true,
        })
    }
    /// Reads a lexicon from a TOML file (see the lexicon format in the README).
    #[classmethod]
    fn from_toml(_cls: &Bound<'_, PyType>, path: std::path::PathBuf) -> PyResult<Self> {
        Ok(PyLexicon {
            inner: Arc::new(Lexicon::from_toml_file(&path).py()?),
            is_default: false,
        })
    }
    /// Parses a lexicon from TOML text; `name` is used in error messages.
    #[classmethod]
    #[pyo3(signature = (text, name="<string>"))]
    fn from_toml_str(_cls: &Bound<'_, PyType>, text: &str, name: &str) -> PyResult<Self> {
        Ok(PyLexicon {
            inner: Arc::new(Lexicon::from_toml_str(text, name).py()?),
            is_default: false,
        })
    }
    /// Reads a plain word list: one term per line, `#` comments, `*` wildcards.
    #[classmethod]
    #[pyo3(signature = (path, category="loaded"))]
    fn from_wordlist(
        _cls: &Bound<'_, PyType>,
        path: std::path::PathBuf,
        category: &str,
    ) -> PyResult<Self> {
        let category = category.parse::<Category>().py()?;
        Ok(Self::custom(
            Lexicon::from_wordlist_file(&path, category).py()?,
        ))
    }
    /// Reads MPQA subjectivity clues (`.tff`); `strength` keeps only "strong" or "weak" clues.
    #[classmethod]
    #[pyo3(signature = (path, category="loaded", strength=None))]
    fn from_mpqa(
        _cls: &Bound<'_, PyType>,
        path: std::path::PathBuf,
        category: &str,
        strength: Option<&str>,
    ) -> PyResult<Self> {
        let category = category.parse::<Category>().py()?;
        let mut lexicon = Lexicon::from_mpqa_file(&path, category).py()?;
        if let Some(strength) = strength {
            let keep = match strength {
                "strong" => "strongsubj",
                "weak" => "weaksubj",
                other => {
                    return Err(Error::config(format!(
                        "strength must be \"strong\", \"weak\" or None, not {other:?}"
                    )))
                    .py()
                }
            };
            lexicon.retain(|e| e.subcategory.as_deref() == Some(keep));
        }
        Ok(Self::custom(lexicon))
    }
    /// Reads a LIWC-style dictionary (`.dic`): each LIWC category becomes one entry.
    #[classmethod]
    #[pyo3(signature = (path, category="loaded"))]
    fn from_liwc(
        _cls: &Bound<'_, PyType>,
        path: std::path::PathBuf,
        category: &str,
    ) -> PyResult<Self> {
        let category = category.parse::<Category>().py()?;
        Ok(Self::custom(Lexicon::from_liwc_file(&path, category).py()?))
    }
    /// A new lexicon with the entries of this one followed by those of `other`. Where both
    /// have an entry of one category with the same term, the earlier entry (this lexicon's)
    /// matches it and the later one never fires there: to let `other`'s entry count, drop the
    /// earlier one first (`lexicon.without([...]).extend(other)`).
    fn extend(&self, other: &PyLexicon) -> PyResult<Self> {
        let mut merged = (*self.inner).clone();
        merged.extend((*other.inner).clone()).py()?;
        Ok(PyLexicon {
            inner: Arc::new(merged),
            is_default: false,
        })
    }
    /// A new lexicon without the entries whose ids are in `ids`, the rest in order. An id that
    /// names no entry is an error (most likely a typo), so a pruned lexicon never silently keeps
    /// what the caller meant to drop.
    fn without(&self, ids: Vec<String>) -> PyResult<Self> {
        let drop: HashSet<String> = ids.into_iter().collect();
        let present: HashSet<&str> = self.inner.entries().iter().map(|e| e.id.as_str()).collect();
        let mut unknown: Vec<String> = drop
            .iter()
            .filter(|id| !present.contains(id.as_str()))
            .map(|id| format!("`{id}`"))
            .collect();
        if !unknown.is_empty() {
            unknown.sort_unstable();
            return Err(Error::lexicon(format!(
                "Lexicon.without: no entry with id {}",
                unknown.join(", ")
            )))
            .py();
        }
        if drop.is_empty() {
            return Ok(self.clone());
        }
        let mut kept = (*self.inner).clone();
        kept.retain(|e| !drop.contains(e.id.as_str()));
        Ok(Self::custom(kept))
    }
    /// A new lexicon without the entries of the categories named (`["generic_frame"]` leaves
    /// the generic news frames out); an unknown category name is an error.
    fn without_categories(&self, categories: Vec<String>) -> PyResult<Self> {
        let parsed = categories
            .iter()
            .map(|c| c.parse::<Category>())
            .collect::<framelens::Result<Vec<_>>>()
            .py()?;
        if parsed.is_empty() {
            return Ok(self.clone());
        }
        Ok(Self::custom(self.inner.without_categories(&parsed)))
    }
    /// The entries as plain dicts.
    fn entries<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        Ok(pythonize(py, self.inner.entries())?)
    }
    /// The normalized surface terms the matcher searches for.
    fn terms(&self, py: Python<'_>) -> PyResult<Vec<String>> {
        let lexicon = self.inner.clone();
        let matcher = py.detach(move || lexicon.compile()).py()?;
        Ok(matcher.terms().to_vec())
    }
    fn __len__(&self) -> usize {
        self.inner.len()
    }
    fn __repr__(&self) -> String {
        format!(
            "Lexicon(entries={}{})",
            self.inner.len(),
            if self.is_default { ", default" } else { "" }
        )
    }
}

/// An outlet registry: outlets with country, ownership and kind, and author labels.
#[pyclass(name = "Registry", module = "framelens", frozen)]
#[derive(Clone)]
pub struct PyRegistry {
    pub(crate) inner: Arc<Registry>,
    pub(crate) is_default: bool,
}

#[derive(Clone, PartialEq, Serialize, Deserialize)]
pub(crate) struct RegistryState {
    is_default: bool,
    outlets: Vec<Outlet>,
    authors: Vec<String>,
}

impl ValueClass for PyRegistry {
    type State = RegistryState;

    /// The default registry pickles as a flag.
    fn state(&self) -> Cow<'_, RegistryState> {
        Cow::Owned(if self.is_default {
            RegistryState {
                is_default: true,
                outlets: Vec::new(),
                authors: Vec::new(),
            }
        } else {
            let mut authors: Vec<String> = self.inner.authors().map(str::to_string).collect();
            // Kept in a set: sorted, so equal registries have equal states.
            authors.sort_unstable();
            RegistryState {
                is_default: false,
                outlets: self.inner.outlets().iter().map(|o| (**o).clone()).collect(),
                authors,
            }
        })
    }

    fn from_state(_py: Python<'_>, state: RegistryState) -> PyResult<Self> {
        if state.is_default {
            return Ok(PyRegistry {
                inner: Registry::default_registry().py()?,
                is_default: true,
            });
        }
        Ok(PyRegistry {
            inner: Arc::new(Registry::from_parts(state.outlets, state.authors).py()?),
            is_default: false,
        })
    }
}
value_class!(PyRegistry, no_dict);

fn outlet_py(o: &Arc<Outlet>) -> PyOutlet {
    PyOutlet {
        inner: (**o).clone(),
    }
}

#[pymethods]
impl PyRegistry {
    /// The default registry shipped with framelens.
    #[classmethod]
    fn default(_cls: &Bound<'_, PyType>) -> PyResult<Self> {
        Ok(PyRegistry {
            inner: Registry::default_registry().py()?,
            is_default: true,
        })
    }
    /// Reads a registry from a TOML file (same format as the default).
    #[classmethod]
    fn from_toml(_cls: &Bound<'_, PyType>, path: std::path::PathBuf) -> PyResult<Self> {
        Ok(PyRegistry {
            inner: Arc::new(Registry::from_toml_file(&path).py()?),
            is_default: false,
        })
    }
    /// Parses a registry from TOML text; `name` is used in error messages.
    #[classmethod]
    #[pyo3(signature = (text, name="<string>"))]
    fn from_toml_str(_cls: &Bound<'_, PyType>, text: &str, name: &str) -> PyResult<Self> {
        Ok(PyRegistry {
            inner: Arc::new(Registry::from_toml_str(text, name).py()?),
            is_default: false,
        })
    }
    /// A new registry with the outlets of this one and then those of `other`.
    fn extend(&self, other: &PyRegistry) -> PyResult<Self> {
        let mut merged = (*self.inner).clone();
        merged.extend(&other.inner).py()?;
        Ok(PyRegistry {
            inner: Arc::new(merged),
            is_default: false,
        })
    }
    /// The outlet with this id.
    fn get(&self, id: &str) -> Option<PyOutlet> {
        self.inner.get(id).map(outlet_py)
    }
    /// The outlet with this name or alias.
    fn by_name(&self, name: &str) -> Option<PyOutlet> {
        self.inner.by_name(name).map(outlet_py)
    }
    /// The outlet serving this URL or domain.
    fn by_url(&self, url: &str) -> Option<PyOutlet> {
        self.inner.by_url(url).map(outlet_py)
    }
    /// The outlet serving this URL: the registry's, else one named by the URL's registrable
    /// domain (ownership and kind ``unknown``, country ``ZZ``); None when the host has no
    /// registrable domain.
    fn outlet_for_url(&self, url: &str) -> Option<PyOutlet> {
        self.inner.outlet_for_url(url).map(|(o, _)| outlet_py(&o))
    }
    /// True when the name is a known author or byline label, not an outlet.
    fn is_author(&self, name: &str) -> bool {
        self.inner.is_author(name)
    }
    /// Every outlet.
    fn outlets(&self) -> Vec<PyOutlet> {
        self.inner.outlets().iter().map(outlet_py).collect()
    }
    fn __len__(&self) -> usize {
        self.inner.len()
    }
    fn __repr__(&self) -> String {
        format!(
            "Registry(outlets={}{})",
            self.inner.len(),
            if self.is_default { ", default" } else { "" }
        )
    }
}

/// Analyses documents with one compiled lexicon; safe to share between threads, picklable.
/// The Python package subclasses it (to take data frames in `analyze_batch`).
#[pyclass(name = "Analyzer", module = "framelens._framelens", frozen, subclass)]
pub struct PyAnalyzer {
    pub(crate) analyzer: Analyzer,
    lexicon: PyLexicon,
    registry: PyRegistry,
    model_text: Option<String>,
}

fn optional_str(d: &Bound<'_, PyDict>, keys: &[&str], i: usize) -> Result<Option<String>> {
    for key in keys {
        if let Ok(Some(v)) = d.get_item(key) {
            if v.is_none() {
                return Ok(None);
            }
            return match v.cast::<PyString>() {
                Ok(s) => s.to_cow().map(|s| Some(s.into_owned())).map_err(|e| {
                    Error::document(format!("document {i}: `{key}` is not valid Unicode: {e}"))
                }),
                Err(_) => Err(Error::document(format!(
                    "document {i}: `{key}` must be a str or None"
                ))),
            };
        }
    }
    Ok(None)
}

/// Where a batch item's text lives: in a Python str or a Document. It is borrowed from there (the
/// item is kept alive for the batch), so no copy is made while the GIL is held.
enum TextSource<'py> {
    Str(Bound<'py, PyString>),
    Doc(Bound<'py, PyDocument>),
}

/// One batch item: its text source and metadata.
pub(crate) struct BatchItem<'py> {
    text: TextSource<'py>,
    id: Option<String>,
    outlet: Option<String>,
    url: Option<String>,
    published: Option<String>,
}

impl BatchItem<'_> {
    fn of_str(s: Bound<'_, PyString>) -> BatchItem<'_> {
        BatchItem {
            text: TextSource::Str(s),
            id: None,
            outlet: None,
            url: None,
            published: None,
        }
    }

    /// The item as a document view, the text borrowed.
    pub(crate) fn view(&self, i: usize) -> Result<DocumentRef<'_>> {
        let text = match &self.text {
            TextSource::Str(s) => s.to_str().map_err(|e| {
                Error::document(format!("document {i}: text is not valid Unicode: {e}"))
            })?,
            TextSource::Doc(d) => d.get().inner.text.as_str(),
        };
        Ok(DocumentRef {
            text,
            id: self.id.as_deref(),
            outlet: self.outlet.as_deref(),
            url: self.url.as_deref(),
            published: self.published.as_deref(),
        })
    }
}

/// Reads one batch item (str, Document or dict).
pub(crate) fn to_item<'py>(item: Bound<'py, PyAny>, i: usize) -> Result<BatchItem<'py>> {
    let item = match item.cast_into::<PyString>() {
        Ok(s) => return Ok(BatchItem::of_str(s)),
        Err(e) => e.into_inner(),
    };
    let item = match item.cast_into::<PyDocument>() {
        Ok(d) => {
            let inner = &d.get().inner;
            return Ok(BatchItem {
                id: inner.id.clone(),
                outlet: inner.outlet.clone(),
                url: inner.url.clone(),
                published: inner.published.clone(),
                text: TextSource::Doc(d),
            });
        }
        Err(e) => e.into_inner(),
    };
    if let Ok(d) = item.cast::<PyDict>() {
        let text = match d.get_item("text").ok().flatten() {
            Some(t) => match t.cast_into::<PyString>() {
                Ok(s) => s,
                Err(_) => {
                    return Err(Error::document(format!(
                        "document {i}: `text` must be a str"
                    )))
                }
            },
            None => {
                return Err(Error::document(format!(
                    "document {i}: dict has no `text` key"
                )))
            }
        };
        return Ok(BatchItem {
            text: TextSource::Str(text),
            id: optional_str(d, &["doc_id", "id"], i)?,
            outlet: optional_str(d, &["outlet"], i)?,
            url: optional_str(d, &["url"], i)?,
            published: optional_str(d, &["published"], i)?,
        });
    }
    let ty = item
        .get_type()
        .name()
        .map(|n| n.to_string())
        .unwrap_or_else(|_| "?".into());
    Err(Error::document(format!(
        "document {i}: expected str, Document or dict, got {ty}"
    )))
}

/// The number of documents `analyze_batch` hands to the pool at once (and analyses between two
/// progress updates).
const BATCH_CHUNK: usize = 4096;

/// The pool for a thread count, started without the GIL held (starting threads takes time).
pub(crate) fn pool_for(py: Python<'_>, threads: Option<usize>) -> PyResult<Arc<Pool>> {
    py.detach(|| parallel::pool(threads)).py()
}

impl PyAnalyzer {
    /// Analyses a borrowed document; the result keeps a copy of the text (made here, on a
    /// worker thread).
    fn analyze_view(&self, doc: &DocumentRef<'_>, i: usize) -> Result<Arc<AnalysisState>> {
        self.analyzer
            .analyze_ref(doc)
            .map(|a| AnalysisState::from_bytes(doc.text.to_owned(), a))
            .map_err(|e| e.with_context(format_args!("document {i}")))
    }

    /// Analyses `docs` on `pool` without the GIL; Ctrl-C stops it between documents.
    fn run(
        &self,
        py: Python<'_>,
        docs: &[(usize, DocumentRef<'_>)],
        pool: &Pool,
    ) -> PyResult<Vec<Result<Arc<AnalysisState>>>> {
        cancellable(py, pool, |cancel| {
            pool.map_cancellable(docs, |(i, d)| self.analyze_view(d, *i), cancel)
        })
    }
}

#[pymethods]
impl PyAnalyzer {
    #[new]
    #[pyo3(signature = (lexicon=None, registry=None, max_bytes=None, languages=None, model_text=None))]
    fn new(
        py: Python<'_>,
        lexicon: Option<PyRef<'_, PyLexicon>>,
        registry: Option<PyRef<'_, PyRegistry>>,
        max_bytes: Option<i64>,
        languages: Option<Vec<String>>,
        model_text: Option<String>,
    ) -> PyResult<Self> {
        let max_bytes = opt_count("max_bytes", max_bytes, 1)?;
        if let Some(n) = max_bytes.filter(|&n| n > framelens::MAX_DOCUMENT_BYTES) {
            return Err(Error::config(format!(
                "max_bytes is {n}; documents can be at most {} bytes",
                framelens::MAX_DOCUMENT_BYTES
            )))
            .py();
        }
        let lexicon = match lexicon {
            Some(l) => l.clone(),
            None => PyLexicon {
                inner: default_lexicon().py()?,
                is_default: true,
            },
        };
        if languages.is_some() && !lexicon.is_default {
            return Err(Error::config(
                "give either a lexicon (read as English) or languages (each with its pack's \
                 lexicon), not both"
                    .to_string(),
            ))
            .py();
        }
        let analyzer = if lexicon.is_default {
            match &languages {
                Some(codes) => {
                    let codes: Vec<&str> = codes.iter().map(String::as_str).collect();
                    py.detach(|| Analyzer::for_languages(&codes)).py()?
                }
                None => py.detach(Analyzer::all_languages).py()?,
            }
        } else {
            let l = lexicon.inner.clone();
            py.detach(move || Analyzer::with_lexicon(&l)).py()?
        };
        let analyzer = match max_bytes {
            Some(n) => analyzer.with_max_bytes(n),
            None => analyzer,
        };
        let registry = match registry {
            Some(r) => r.clone(),
            None => PyRegistry {
                inner: Registry::default_registry().py()?,
                is_default: true,
            },
        };
        let analyzer = if registry.is_default {
            analyzer
        } else {
            analyzer.with_registry((*registry.inner).clone())
        };
        let analyzer = match &model_text {
            Some(text) => {
                let model = py.detach(|| Model::from_tsv_str(text, "model")).py()?;
                analyzer.with_model(Arc::new(model))
            }
            None => analyzer,
        };
        Ok(PyAnalyzer {
            analyzer,
            lexicon,
            registry,
            model_text,
        })
    }

    /// The lexicon this analyzer uses for its default language (the first of `languages`):
    /// with the packs' lexicons and `languages=["ru"]`, the Russian pack's (it was the English
    /// one, none of whose entries fire on Russian text).
    #[getter]
    fn lexicon(&self) -> PyResult<PyLexicon> {
        match self.analyzer.languages().first() {
            Some(&code) if self.lexicon.is_default && code != "en" => Ok(PyLexicon {
                inner: Arc::new(Lexicon::for_language(code).py()?),
                is_default: false,
            }),
            _ => Ok(self.lexicon.clone()),
        }
    }

    /// The outlet registry this analyzer uses.
    #[getter]
    fn registry(&self) -> PyRegistry {
        self.registry.clone()
    }

    /// The maximum document size in bytes of UTF-8.
    #[getter]
    fn max_bytes(&self) -> usize {
        self.analyzer.max_bytes()
    }

    /// The languages this analyzer reads (ISO 639-1), the default first.
    #[getter]
    fn languages(&self) -> Vec<&'static str> {
        self.analyzer.languages()
    }

    /// The language a text would be analysed in.
    fn detect_language(&self, text: &str) -> &'static str {
        self.analyzer.detect_language(text)
    }

    /// The text of the model file the analyzer scores with, or None.
    #[getter]
    fn model_text(&self) -> Option<&str> {
        self.model_text.as_deref()
    }

    /// Analyses one text, in `language` or else in its detected language.
    #[pyo3(signature = (text, outlet=None, url=None, doc_id=None, published=None, language=None))]
    #[allow(clippy::too_many_arguments)]
    fn analyze(
        &self,
        py: Python<'_>,
        text: &Bound<'_, PyString>,
        outlet: Option<Bound<'_, PyString>>,
        url: Option<Bound<'_, PyString>>,
        doc_id: Option<Bound<'_, PyString>>,
        published: Option<Bound<'_, PyString>>,
        language: Option<&str>,
    ) -> PyResult<PyAnalysis> {
        let text = text
            .to_str()
            .map_err(|e| Error::document(format!("`text` is not valid Unicode: {e}")))
            .py()?;
        let outlet = opt_text_arg("outlet", outlet.as_ref())?;
        let url = opt_text_arg("url", url.as_ref())?;
        let doc_id = opt_text_arg("doc_id", doc_id.as_ref())?;
        let published = opt_text_arg("published", published.as_ref())?;
        let doc = DocumentRef {
            text,
            id: doc_id.as_deref(),
            outlet: outlet.as_deref(),
            url: url.as_deref(),
            published: published.as_deref(),
        };
        let state = py
            .detach(|| {
                self.analyzer
                    .analyze_ref_in(&doc, language)
                    .map(|a| AnalysisState::from_bytes(doc.text.to_owned(), a))
            })
            .py()?;
        Ok(PyAnalysis::new(state, FreeOn::Caller))
    }

    /// Analyses many documents in parallel; results come back in input order. `items` holds
    /// str, Document or dicts (keys text, doc_id or id, outlet, url, published).
    #[pyo3(signature = (items, threads=None, progress=false, errors="raise"))]
    fn analyze_batch<'py>(
        &self,
        py: Python<'py>,
        items: &Bound<'py, PyAny>,
        threads: Option<i64>,
        progress: bool,
        errors: &str,
    ) -> PyResult<Bound<'py, PyList>> {
        let threads = opt_count("threads", threads, 1)?;
        if items.is_instance_of::<PyString>() {
            return Err(pyo3::exceptions::PyTypeError::new_err(
                "analyze_batch takes a list of texts, Documents or dicts, not one str (it would \
                 analyse it one character at a time); use analyze(text) for one text",
            ));
        }
        let collect = match errors {
            "raise" => false,
            "collect" => true,
            other => {
                return Err(Error::config(format!(
                    "errors must be \"raise\" or \"collect\", not {other:?}"
                )))
                .py()
            }
        };
        let pool = pool_for(py, threads)?;
        let free = FreeOn::made_by(&pool);
        let out = PyList::empty(py);
        // The documents go through in chunks: the per-document bookkeeping (the views, the
        // result slots) is a chunk's, not the whole batch's. For a million tiny documents it was
        // about 300 bytes per document more, which the allocator kept after the batch.
        let total = items.len().ok();
        let stderr = if progress {
            Some(py.import("sys")?.getattr("stderr")?)
        } else {
            None
        };
        let mut items = items.try_iter()?.enumerate().peekable();
        while items.peek().is_some() {
            let mut results: Vec<Option<Result<Arc<AnalysisState>>>> = Vec::new();
            let mut held: Vec<(usize, BatchItem<'py>)> = Vec::new();
            for (i, item) in items.by_ref().take(BATCH_CHUNK) {
                match to_item(item?, i) {
                    Ok(doc) => {
                        held.push((i, doc));
                        results.push(None);
                    }
                    Err(e) => results.push(Some(Err(e))),
                }
            }
            // Texts are borrowed from the items held above; a text that cannot be read as
            // UTF-8 (a lone surrogate) is that document's error.
            // The chunk's first item is the one after those already answered.
            let first = out.len();
            let mut docs: Vec<(usize, DocumentRef<'_>)> = Vec::with_capacity(held.len());
            for (i, item) in &held {
                match item.view(*i) {
                    Ok(view) => docs.push((*i, view)),
                    Err(e) => results[*i - first] = Some(Err(e)),
                }
            }
            let mut analysed = self.run(py, &docs, &pool)?.into_iter();
            for slot in results {
                let result = match slot {
                    Some(err) => err,
                    None => analysed.next().unwrap_or_else(|| {
                        Err(Error::document("internal error: a result went missing"))
                    }),
                };
                match result {
                    Ok(state) => out.append(PyAnalysis::new(state, free.clone()))?,
                    Err(e) if collect => out.append(to_pyerr(py, &e).into_value(py))?,
                    Err(e) => return Err(to_pyerr(py, &e)),
                }
            }
            if let Some(stderr) = &stderr {
                let of = total.map_or(String::new(), |n| format!("/{n}"));
                let line = format!("\rframelens: {}{of} documents", out.len());
                stderr.call_method1("write", (line,))?;
                stderr.call_method0("flush")?;
            }
        }
        if let Some(stderr) = &stderr {
            stderr.call_method1("write", ("\n",))?;
        }
        debug_assert!(total.is_none_or(|n| n == out.len()));
        Ok(out)
    }

    /// The features of every word and number token of each text, for fitting a model
    /// (`framelens.fit`): per text a list of `(start, end, features)`, code-point offsets.
    /// `word_lists` are `(name, words)` pairs; a token in a list gets the feature `list=name`.
    #[pyo3(signature = (texts, word_lists=None, threads=None))]
    fn token_features(
        &self,
        py: Python<'_>,
        texts: Vec<Bound<'_, PyString>>,
        word_lists: Option<Vec<(String, Vec<String>)>>,
        threads: Option<i64>,
    ) -> PyResult<Vec<TokenRows>> {
        let threads = opt_count("threads", threads, 1)?;
        let texts = texts
            .iter()
            .enumerate()
            .map(|(i, t)| text_arg(&format!("texts[{i}]"), t))
            .collect::<PyResult<Vec<String>>>()?;
        let lists = WordLists::new(word_lists.unwrap_or_default());
        let pool = pool_for(py, threads)?;
        // Ctrl-C stops it between texts.
        let results: Vec<Result<TokenRows>> = cancellable(py, &pool, |cancel| {
            let rows = |text: &String| {
                let (_, tokens) = self.analyzer.token_features(text, &lists)?;
                let cps = CodePoints::new(text);
                Ok(tokens
                    .into_iter()
                    .map(|t| (cps.get(t.start), cps.get(t.end), t.features))
                    .collect())
            };
            pool.map_cancellable(&texts, rows, cancel)
        })?;
        results.into_iter().collect::<Result<Vec<_>>>().py()
    }

    fn __repr__(&self) -> String {
        format!(
            "Analyzer(lexicon={}, max_bytes={})",
            self.lexicon.__repr__(),
            self.analyzer.max_bytes()
        )
    }

    /// Pickles as a call of the class (a subclass stays itself) with its lexicon, registry,
    /// size limit, languages and model text, which pickle themselves.
    fn __reduce__<'py>(
        slf: &Bound<'py, Self>,
    ) -> PyResult<(Bound<'py, PyAny>, Bound<'py, PyTuple>)> {
        let py = slf.py();
        let me = slf.get();
        // A default lexicon is the packs' (the languages say which); another is English.
        let (lexicon, languages) = if me.lexicon.is_default {
            (
                py.None(),
                me.analyzer
                    .languages()
                    .into_pyobject(py)?
                    .into_any()
                    .unbind(),
            )
        } else {
            (Py::new(py, me.lexicon.clone())?.into_any(), py.None())
        };
        let args = PyTuple::new(
            py,
            [
                lexicon,
                Py::new(py, me.registry.clone())?.into_any(),
                me.analyzer
                    .max_bytes()
                    .into_pyobject(py)?
                    .into_any()
                    .unbind(),
                languages,
                me.model_text
                    .as_deref()
                    .into_pyobject(py)?
                    .into_any()
                    .unbind(),
            ],
        )?;
        Ok((slf.get_type().into_any(), args))
    }
}
