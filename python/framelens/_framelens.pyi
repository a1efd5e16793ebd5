"""Type stubs for the native module ``framelens._framelens``."""

from collections.abc import Callable, Iterable, Iterator
from os import PathLike
from typing import Any, Literal, final

from typing_extensions import disjoint_base

__all__ = [
    "__version__",
    "SCHEMA_VERSION",
    "CATEGORIES",
    "FramelensError",
    "LexiconError",
    "RegistryError",
    "DocumentError",
    "ConfigError",
    "ModelError",
    "FramelensIOError",
    "Span",
    "Marker",
    "Attribution",
    "Profile",
    "Analysis",
    "Document",
    "Lexicon",
    "Analyzer",
    "Registry",
    "Outlet",
    "Provenance",
    "Comparison",
    "StreamBatches",
    "ArrowTable",
    "ArrowSchema",
    "compare",
    "_studentized_interval",
    "stream_jsonl",
    "arrow_schema",
    "arrow_table",
]

__version__: str
#: The version of the JSON form of an analysis (the ``schema_version`` key; see docs/schema.md).
SCHEMA_VERSION: int
#: The marker categories, in the order tables show them.
CATEGORIES: tuple[str, ...]

class FramelensError(Exception):
    """Base class of every framelens error."""

class LexiconError(FramelensError, ValueError):
    """A lexicon file or value is invalid; the message names the file, line and entry."""

class RegistryError(FramelensError, ValueError):
    """An outlet registry file or value is invalid; the message names the file and line."""

class DocumentError(FramelensError, ValueError):
    """A document cannot be analysed; the message names the document and why."""

class ConfigError(FramelensError, ValueError):
    """A configuration value (threads, limits, options) is invalid."""

class ModelError(FramelensError, ValueError):
    """A model file or value is invalid; the message names the file and line."""

class FramelensIOError(FramelensError, OSError):
    """A file could not be read or written; the message names the file and the reason."""

@final
class Span:
    """A range of the original text: ``text[start:end] == span.text``."""

    def __new__(cls, start: int, end: int, text: str) -> Span: ...
    @property
    def start(self) -> int:
        """Start (code points into the original text)."""
    @property
    def end(self) -> int:
        """End (code points, exclusive)."""
    @property
    def text(self) -> str:
        """The text of the span."""
    def to_dict(self) -> dict[str, Any]:
        """A plain dict: start, end, text."""
    def __eq__(self, value: object, /) -> bool: ...
    def __reduce__(self) -> tuple[Any, tuple[bytes]]: ...
    @staticmethod
    def _from_state(state: bytes) -> Span: ...

@final
class Marker:
    """A framing marker: where it is, which lexicon entry fired, and in whose voice."""

    @property
    def start(self) -> int:
        """Start (code points into the original text)."""
    @property
    def end(self) -> int:
        """End (code points, exclusive)."""
    @property
    def text(self) -> str:
        """The original text of the marker."""
    @property
    def category(self) -> str:
        """The category: ``loaded``, ``hedge``, ``booster``, ``factive``, ``naming``,
        ``frame``, ``generic_frame`` or ``scare_quote``."""
    @property
    def subcategory(self) -> str | None:
        """The entry's subcategory, if any."""
    @property
    def entry(self) -> str:
        """The id of the lexicon entry that fired."""
    @property
    def weight(self) -> float:
        """The entry's weight."""
    @property
    def voice(self) -> str:
        """``author`` or ``quoted``."""
    @property
    def speaker(self) -> str | None:
        """The quoted speaker, when known."""
    @property
    def negated(self) -> bool:
        """True when the marker is in the scope of a negation."""
    @property
    def score(self) -> float | None:
        """For a marker a model found (entry "model"): the probability it gave the token; None
        for lexicon markers."""
    @property
    def features(self) -> list[tuple[str, float]]:
        """For a marker a model found: its top contributing features and their weights, largest
        first; empty for lexicon markers."""
    def to_dict(self) -> dict[str, Any]:
        """A plain dict of the marker."""
    def __eq__(self, value: object, /) -> bool: ...
    def __reduce__(self) -> tuple[Any, tuple[bytes]]: ...
    @staticmethod
    def _from_state(state: bytes) -> Marker: ...

@final
class Attribution:
    """Who says what: a reporting cue with its speaker and content."""

    @property
    def kind(self) -> str:
        """``direct``, ``indirect`` or ``according_to``."""
    @property
    def cue(self) -> Span:
        """The reporting verb or phrase."""
    @property
    def entry(self) -> str:
        """The id of the ``report`` lexicon entry that fired."""
    @property
    def cue_kind(self) -> str:
        """``speech``, ``belief``, ``evidence``, ``intention``, ``perception`` or ``nominal``."""
    @property
    def speaker(self) -> Span | None:
        """The speaker as written, if found."""
    @property
    def speaker_type(self) -> str | None:
        """``named``, ``role``, ``institution``, ``document``, ``collective``, ``anonymous`` or
        ``pronoun``."""
    @property
    def content(self) -> Span | None:
        """What is attributed: the quoted words or the reported clause."""
    @property
    def verb_stance(self) -> str:
        """``neutral``, ``distancing``, ``endorsing``, ``emotive`` or ``admission``."""
    @property
    def resolved_speaker(self) -> Span | None:
        """For a pronoun speaker: the named speaker it refers to."""
    @property
    def speaker_name(self) -> str | None:
        """The name markers in the content are credited to."""
    @property
    def continued(self) -> bool:
        """True for a quotation that continues an attributed one without its own cue."""
    @property
    def parent(self) -> int | None:
        """For a cue inside another attribution's content: that attribution's index in
        ``Analysis.attributions`` (None for a top-level attribution)."""
    def to_dict(self) -> dict[str, Any]:
        """A plain dict of the attribution."""
    def __eq__(self, value: object, /) -> bool: ...
    def __reduce__(self) -> tuple[Any, tuple[bytes]]: ...
    @staticmethod
    def _from_state(state: bytes) -> Attribution: ...

@final
class Outlet:
    """An outlet from the registry."""

    @property
    def id(self) -> str:
        """Registry id."""
    @property
    def name(self) -> str:
        """Display name."""
    @property
    def aliases(self) -> list[str]:
        """Other names."""
    @property
    def domains(self) -> list[str]:
        """Web domains."""
    @property
    def country(self) -> str:
        """ISO 3166-1 alpha-2 country code."""
    @property
    def ownership(self) -> str:
        """``state``, ``public``, ``private`` or ``unknown``."""
    @property
    def kind(self) -> str:
        """``agency``, ``newspaper``, ``broadcaster``, ``online`` or ``unknown``."""
    @property
    def note(self) -> str:
        """One line on what the outlet is."""
    def to_dict(self) -> dict[str, Any]:
        """A plain dict of the outlet."""
    def __eq__(self, value: object, /) -> bool: ...
    def __reduce__(self) -> tuple[Any, tuple[bytes]]: ...
    @staticmethod
    def _from_state(state: bytes) -> Outlet: ...

@final
class Provenance:
    """Where a story comes from: dateline, agencies, source lines, byline, boilerplate, outlet."""

    @property
    def dateline(self) -> dict[str, Any] | None:
        """``{"span", "place", "region", "date", "agency"}`` (span dicts or None), or None."""
    @property
    def place(self) -> Span | None:
        """The dateline's place, if any."""
    @property
    def agencies(self) -> list[dict[str, Any]]:
        """Wire agencies named in the text: ``[{"span": ..., "outlet": id}]``."""
    @property
    def source_lines(self) -> list[dict[str, Any]]:
        """Syndication, credit and copyright lines: ``[{"span", "kind", "name", "outlet"}]``."""
    @property
    def byline(self) -> Span | None:
        """The byline, if any."""
    @property
    def boilerplate(self) -> list[Span]:
        """Promotional and credit boilerplate, left out of the profile."""
    @property
    def outlet(self) -> Outlet | None:
        """The resolved outlet, if any."""
    @property
    def outlet_source(self) -> str | None:
        """How the outlet was resolved: explicit, url, dateline, handle, source_line or domain
        (a URL the registry does not know, named by its registrable domain)."""
    @property
    def author_label(self) -> str | None:
        """The name given with the document when it is an author or byline label."""
    @property
    def syndication(self) -> list[str]:
        """Registry ids from the publisher back to the original source."""
    def to_dict(self) -> dict[str, Any]:
        """A plain dict of the provenance."""
    def __eq__(self, value: object, /) -> bool: ...
    def __reduce__(self) -> tuple[Any, tuple[bytes]]: ...
    @staticmethod
    def _from_state(state: bytes) -> Provenance: ...

@final
class Registry:
    """An outlet registry: outlets with country, ownership and kind, and author labels."""

    @classmethod
    def default(cls) -> Registry:
        """The default registry shipped with framelens."""
    @classmethod
    def from_toml(cls, path: str | PathLike[str]) -> Registry:
        """Reads a registry from a TOML file (same format as the default)."""
    @classmethod
    def from_toml_str(cls, text: str, name: str = "<string>") -> Registry:
        """Parses a registry from TOML text; ``name`` is used in error messages."""
    def extend(self, other: Registry) -> Registry:
        """A new registry with the outlets of this one and then those of ``other``."""
    def get(self, id: str) -> Outlet | None:
        """The outlet with this id."""
    def by_name(self, name: str) -> Outlet | None:
        """The outlet with this name or alias."""
    def by_url(self, url: str) -> Outlet | None:
        """The outlet serving this URL or domain."""
    def outlet_for_url(self, url: str) -> Outlet | None:
        """The outlet serving this URL: the registry's, else one named by the URL's registrable
        domain (ownership and kind ``unknown``, country ``ZZ``); None when the host has no
        registrable domain."""
    def is_author(self, name: str) -> bool:
        """True when the name is a known author or byline label, not an outlet."""
    def outlets(self) -> list[Outlet]:
        """Every outlet."""
    def __len__(self) -> int: ...
    def __eq__(self, value: object, /) -> bool: ...
    def __reduce__(self) -> tuple[Any, tuple[bytes]]: ...
    @staticmethod
    def _from_state(state: bytes) -> Registry: ...

@final
class Profile:
    """Counts and rates that summarise one document."""

    @property
    def words(self) -> int:
        """Word and number tokens."""
    @property
    def author_words(self) -> int:
        """Words outside quotations."""
    @property
    def quoted_words(self) -> int:
        """Words inside quotations."""
    @property
    def sentences(self) -> int:
        """Sentences."""
    @property
    def counts(self) -> dict[str, dict[str, int]]:
        """``{category: {"all": n, "author": n, "quoted": n}}``."""
    @property
    def rates(self) -> dict[str, dict[str, float | None]]:
        """``{category: {"all": r, "author": r, "quoted": r}}`` per 1,000 words of that voice;
        None where that voice has no words (a text that quotes nothing has no rate per 1,000
        quoted words: undefined, not 0)."""
    @property
    def state_affiliated(self) -> bool:
        """The outlet or its syndication chain is state-owned or state-controlled."""
    @property
    def wire_based(self) -> bool:
        """The story carries a wire agency's dateline or credit, or the outlet is an agency."""
    @property
    def syndicated(self) -> bool:
        """The story names an original source other than its publisher."""
    @property
    def attribution(self) -> dict[str, Any]:
        """Attribution counts: total, sentence_share, by_kind, by_speaker_type, by_stance,
        anonymous_share, speakers; ``sentence_share`` is None with no sentences and
        ``anonymous_share`` None with no attribution (undefined, not 0)."""
    def to_dict(self) -> dict[str, Any]:
        """A plain dict of the profile."""
    def __eq__(self, value: object, /) -> bool: ...
    def __reduce__(self) -> tuple[Any, tuple[bytes]]: ...
    @staticmethod
    def _from_state(state: bytes) -> Profile: ...

@final
class Analysis:
    """The analysis of one document."""

    @property
    def text(self) -> str:
        """The analysed text."""
    @property
    def language(self) -> str:
        """The language the text was analysed in (ISO 639-1 code of a language pack)."""
    @property
    def doc_id(self) -> str | None:
        """The document id, if given."""
    @property
    def outlet(self) -> str | None:
        """The outlet, if given."""
    @property
    def url(self) -> str | None:
        """The URL, if given."""
    @property
    def published(self) -> str | None:
        """The publication date, if given."""
    @property
    def markers(self) -> list[Marker]:
        """Markers, sorted by start."""
    @property
    def quotes(self) -> list[Span]:
        """Quoted stretches (the words inside the quote marks)."""
    @property
    def attributions(self) -> list[Attribution]:
        """Attributions (who says what), sorted by cue."""
    @property
    def provenance(self) -> Provenance:
        """Where the story comes from."""
    @property
    def profile(self) -> Profile:
        """Counts and rates."""
    def _repr_html_(self) -> str:
        """The article with its markers highlighted (notebooks show it); the text is escaped."""
    def sentence_frames(
        self,
        category: Literal["frame", "generic_frame"] = "frame",
        among: list[str] | None = None,
    ) -> list[dict[str, Any]]:
        """The primary frame of every sentence of the frame set ``category``, as dicts: sentence
        (index), start, end, frame (None without a cue), score (summed cue weight of the primary
        frame), share (its part of the sentence's frame-cue weight; None without a cue), cues.
        ``among`` keeps only the frames named."""
    def frame_distribution(
        self, category: Literal["frame", "generic_frame"] = "frame"
    ) -> dict[str, Any]:
        """The document's frames for the frame set ``category``: category, weights, shares,
        cues and sentences (led) per frame, and primary (None without a cue)."""
    def to_json(self, include_text: bool = True) -> str:
        """The analysis as a JSON object string; much faster than ``json.dumps(a.to_dict())``."""
    def to_dict(self) -> dict[str, Any]:
        """A plain, JSON-able dict of the whole analysis (text included)."""
    def __eq__(self, value: object, /) -> bool: ...
    def __reduce__(self) -> tuple[Any, tuple[bytes]]: ...
    @staticmethod
    def _from_state(state: bytes) -> Analysis: ...

@final
class Document:
    """One article to analyse, with what is known about it."""

    def __new__(
        cls,
        text: str,
        doc_id: str | None = None,
        outlet: str | None = None,
        url: str | None = None,
        published: str | None = None,
    ) -> Document: ...
    @property
    def text(self) -> str:
        """The article text."""
    @property
    def doc_id(self) -> str | None:
        """The caller's id."""
    @property
    def outlet(self) -> str | None:
        """The outlet name."""
    @property
    def url(self) -> str | None:
        """The URL."""
    @property
    def published(self) -> str | None:
        """The publication date as given."""
    def to_dict(self) -> dict[str, Any]:
        """A plain dict of the document."""
    def __eq__(self, value: object, /) -> bool: ...
    def __reduce__(self) -> tuple[Any, tuple[bytes]]: ...
    @staticmethod
    def _from_state(state: bytes) -> Document: ...

@final
class Lexicon:
    """A lexicon: framing entries and their terms."""

    @classmethod
    def default(cls) -> Lexicon:
        """The default English lexicon shipped with framelens."""
    @classmethod
    def from_toml(cls, path: str | PathLike[str]) -> Lexicon:
        """Reads a lexicon from a TOML file."""
    @classmethod
    def from_toml_str(cls, text: str, name: str = "<string>") -> Lexicon:
        """Parses a lexicon from TOML text; ``name`` is used in error messages."""
    @classmethod
    def from_wordlist(cls, path: str | PathLike[str], category: str = "loaded") -> Lexicon:
        """Reads a plain word list: one term per line, ``#`` comments, ``*`` wildcards."""
    @classmethod
    def from_mpqa(
        cls,
        path: str | PathLike[str],
        category: str = "loaded",
        strength: Literal["strong", "weak"] | None = None,
    ) -> Lexicon:
        """Reads MPQA subjectivity clues (``.tff``); ``strength`` keeps strong or weak ones."""
    @classmethod
    def from_liwc(cls, path: str | PathLike[str], category: str = "loaded") -> Lexicon:
        """Reads a LIWC-style dictionary (``.dic``): each LIWC category becomes one entry."""
    def extend(self, other: Lexicon) -> Lexicon:
        """A new lexicon with the entries of this one followed by those of ``other``. Where
        both have an entry of one category with the same term, the earlier entry (this
        lexicon's) matches it and the later one never fires there: to let ``other``'s entry
        count, drop the earlier one first (``lexicon.without([...]).extend(other)``)."""
    def without(self, ids: list[str]) -> Lexicon:
        """A new lexicon without the entries whose ids are in ``ids``, the rest in order; an id
        that names no entry raises LexiconError."""
    def without_categories(self, categories: list[str]) -> Lexicon:
        """A new lexicon without the entries of the categories named (``["generic_frame"]``
        leaves the generic news frames out); an unknown category raises LexiconError."""
    def entries(self) -> list[dict[str, Any]]:
        """The entries as plain dicts."""
    def terms(self) -> list[str]:
        """The normalized surface terms the matcher searches for."""
    def __len__(self) -> int: ...
    def __eq__(self, value: object, /) -> bool: ...
    def __reduce__(self) -> tuple[Any, tuple[bytes]]: ...
    @staticmethod
    def _from_state(state: bytes) -> Lexicon: ...

@disjoint_base
class Analyzer:
    """Analyses documents with one compiled lexicon; safe to share between threads, picklable.
    The Python package subclasses it (to take data frames in `analyze_batch`)."""

    def __new__(
        cls,
        lexicon: Lexicon | None = None,
        registry: Registry | None = None,
        max_bytes: int | None = None,
        languages: list[str] | None = None,
        model_text: str | None = None,
    ) -> Analyzer: ...
    @property
    def languages(self) -> list[str]:
        """The languages this analyzer reads (ISO 639-1), the default first."""
    def detect_language(self, text: str) -> str:
        """The language a text would be analysed in."""
    @property
    def lexicon(self) -> Lexicon:
        """The lexicon this analyzer uses for its default language (the first of
        ``languages``): with the packs' lexicons and ``languages=["ru"]``, the Russian pack's."""
    @property
    def registry(self) -> Registry:
        """The outlet registry this analyzer uses."""
    @property
    def max_bytes(self) -> int:
        """The maximum document size in bytes of UTF-8."""
    @property
    def model_text(self) -> str | None:
        """The text of the model file the analyzer scores with, or None."""
    def analyze(
        self,
        text: str,
        outlet: str | None = None,
        url: str | None = None,
        doc_id: str | None = None,
        published: str | None = None,
        language: str | None = None,
    ) -> Analysis:
        """Analyses one text, in `language` or else in its detected language."""
    def analyze_batch(
        self,
        items: Iterable[str | Document | dict[str, Any]],
        threads: int | None = None,
        progress: bool = False,
        errors: Literal["raise", "collect"] = "raise",
    ) -> list[Any]:
        """Analyses many documents in parallel; results come back in input order. `items` holds
        str, Document or dicts (keys text, doc_id or id, outlet, url, published)."""
    def analyze_arrow(
        self,
        items: Iterable[str | Document | dict[str, Any]],
        level: str = "documents",
        threads: int | None = None,
        doc_index: bool = False,
    ) -> ArrowTable:
        """Analyses `items` (as `analyze_batch` takes them) and returns their table at `level`,
        built in Rust: no Python object is made per result. The first bad document raises.
        With `doc_index`, a last int64 column `__document` gives each row's item position."""
    def token_features(
        self,
        texts: list[str],
        word_lists: list[tuple[str, list[str]]] | None = None,
        threads: int | None = None,
    ) -> list[list[tuple[int, int, list[str]]]]:
        """The features of every word and number token of each text, for fitting a model
        (`framelens.fit`): per text a list of `(start, end, features)`, code-point offsets.
        `word_lists` are `(name, words)` pairs; a token in a list gets the feature `list=name`."""
    def __reduce__(self) -> tuple[Any, tuple[Any, ...]]:
        """Pickles as a call of the class (a subclass stays itself) with its lexicon, registry,
        size limit and model text, which pickle themselves."""

@final
class Comparison:
    """The result of comparing groups of documents (tables as lists of dicts)."""

    @property
    def groups(self) -> list[dict[str, Any]]:
        """The groups: name, documents, words, and what the intervals resample."""
    def table(self) -> list[dict[str, Any]]:
        """The profile table: measure, group, value, low, high (95% bootstrap interval)."""
    def tests(self) -> list[dict[str, Any]]:
        """The between-group test of each measure: measure, statistic, p_permutation, p_holm
        (empty when not made)."""
    def distinctive_terms(
        self, a: str, b: str | None = None, top: int = 20, min_count: int = 3
    ) -> list[dict[str, Any]]:
        """Words most typical of group `a` against `b` (or all other groups), by log-odds
        z-score; the `top` highest (all when `top` is 0). Words seen fewer than `min_count`
        times in both groups together are left out."""
    def naming(self) -> list[dict[str, Any]]:
        """Naming variants per group: naming_group, variant, side, group, count."""
    def speakers(self) -> list[dict[str, Any]]:
        """Named speakers per group: group, speaker, count, stances, direct."""
    def divergence(self) -> list[dict[str, Any]]:
        """Pairwise Jensen–Shannon divergence of marker categories and frames; ``None`` where a
        group has no markers (or no frame cue) to compare."""
    def naming_contrast(
        self, a: str, b: str, side_a: str = "left", side_b: str = "right"
    ) -> list[tuple[str, int, float]]:
        """Per naming group: z of group `a` using `side_a` variants more than group `b` does."""
    def exclusive_speakers(self, a: str, b: str) -> list[str]:
        """Speakers that group `a` quotes and group `b` never does."""
    def to_dict(self) -> Any:
        """A plain, JSON-able dict of the value."""
    def __eq__(self, value: object, /) -> bool: ...
    def __reduce__(self) -> tuple[Any, tuple[bytes]]: ...
    @staticmethod
    def _from_state(state: bytes) -> Comparison: ...

def compare(
    analyses: list[Analysis],
    labels: list[str],
    bootstrap: int = 1000,
    seed: int = 0,
    prior: str = "background",
    interval: str = "studentized",
    permutations: int = 1000,
) -> Comparison:
    """Compares analyses grouped by `labels` (one per analysis)."""

def _studentized_interval(
    measure: str,
    by_sentence: bool,
    units: int,
    carrying: int,
    num: float,
    den: float,
    se: float,
    t: list[float],
    fallback: tuple[float, float],
) -> tuple[float, float]:
    """The core's studentized interval of one profile measure from bootstrap sums gathered
    elsewhere (`framelens.dask`)."""

@final
class ArrowTable:
    """A result table for any Arrow consumer: one or more record batches of one schema (more
    than one only where a text column outgrows the 2 GiB one batch can hold). It offers the
    Arrow PyCapsule stream interface (`__arrow_c_stream__`: `pyarrow.table(t)` with pyarrow 15
    or later, polars, DuckDB) for any table, the array interface (`__arrow_c_array__`:
    `pyarrow.record_batch(t)`) for a table of one batch, and `batches()`. Nothing is copied."""

    def __len__(self) -> int:
        """The number of rows."""
    def __arrow_c_schema__(self) -> Any:
        """The Arrow PyCapsule interface: the schema, as a struct type."""
    def __arrow_c_array__(self, requested_schema: Any | None = None) -> tuple[Any, Any]:
        """The Arrow PyCapsule interface: the batch as a struct array (schema and array capsules),
        for a table of one batch; a table of several is a ValueError here (read it through
        `__arrow_c_stream__` or `batches()`). A requested schema is not honoured: the table has
        one schema."""
    def __arrow_c_stream__(self, requested_schema: Any | None = None) -> Any:
        """The Arrow PyCapsule stream interface: every batch, in order. A requested schema is not
        honoured: the table has one schema."""
    def batches(self) -> list[ArrowTable]:
        """The record batches, each a table of one batch (`pyarrow.record_batch` takes each)."""

@final
class ArrowSchema:
    """A level's schema for any Arrow consumer: `pyarrow.schema(s)` reads it through
    `__arrow_c_schema__`."""

    def __arrow_c_schema__(self) -> Any: ...

def arrow_schema(level: str) -> ArrowSchema:
    """The Arrow schema the native tables of `level` have."""

def arrow_table(
    analyses: list[Analysis], level: str, *, max_column_bytes: int | None = None
) -> ArrowTable:
    """The table of `analyses` (a list of Analysis) at `level`, built without the GIL.
    `max_column_bytes` lowers the bytes one text column of a record batch may hold (by default
    and at most 2 GiB less a byte, `Utf8`'s limit), so that tests see a table of several
    batches without 2 GiB of text."""

def stream_jsonl(
    analyzer: Analyzer,
    input: str,
    output: str,
    text_col: str = "text",
    id_col: str = "id",
    outlet_col: str = "outlet",
    url_col: str = "url",
    include_text: bool = False,
    replace_errors: bool = False,
    chunk_size: int = 1000,
    chunk_bytes: int = 256000,
    progress: bool = False,
    threads: int | None = None,
    input_format: str | None = None,
    on_progress: Callable[[int, int, int, int], object] | None = None,
) -> tuple[int, int]:
    """Streams the JSON Lines file `input` (`-`: standard input) through `analyzer` into
    `output` (`-`: standard output): one line per non-blank input line, in input order.
    Returns (documents, failed); Ctrl-C stops it after the lines before it are written, then
    raises. `on_progress`, if given, is called after each chunk with (documents, failed,
    input bytes read, text bytes analysed) instead of `progress` printing a line; an
    exception it raises stops the stream. `input_format` is "jsonl" or "csv" (a header row;
    columns named by `text_col`, `id_col`, outlet and url), by default the one the file's
    extension says."""

@final
class StreamBatches(Iterator[list[tuple[int, str | None, Analysis | str]]]):
    """The lines of a JSON Lines file, analysed a chunk at a time (the same chunks and error
    messages as `stream_jsonl`): each item is a list of `(line, doc_id, Analysis or error
    message)`."""

    def __new__(
        cls,
        analyzer: Analyzer,
        input: str,
        text_col: str = "text",
        id_col: str = "id",
        outlet_col: str = "outlet",
        url_col: str = "url",
        replace_errors: bool = False,
        chunk_size: int = 1000,
        chunk_bytes: int = 256000,
        threads: int | None = None,
        input_format: str | None = None,
    ) -> StreamBatches: ...
    @property
    def input_bytes(self) -> int:
        """Bytes of input read so far."""
    def __iter__(self) -> StreamBatches: ...
    def __next__(self) -> list[tuple[int, str | None, Analysis | str]]: ...
