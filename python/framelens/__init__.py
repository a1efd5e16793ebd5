"""framelens: measure how news articles frame a story.

Every marker carries exact code-point offsets into the original text
(``text[m.start:m.end] == m.text``), the lexicon entry that fired, and its voice
(``"author"`` or ``"quoted"``).

>>> import framelens as fl
>>> a = fl.analyze('The council baselessly accused the mayor of a "witch hunt".')
>>> [(m.text, m.category, m.voice) for m in a.markers if m.category == "loaded"]
[('baselessly', 'loaded', 'author'), ('witch hunt', 'loaded', 'quoted')]
"""

from __future__ import annotations

import threading
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from typing import Any, Literal

from . import _framelens
from ._framelens import (
    CATEGORIES,
    SCHEMA_VERSION,
    Analysis,
    Attribution,
    ConfigError,
    Document,
    DocumentError,
    FramelensError,
    FramelensIOError,
    Lexicon,
    LexiconError,
    Marker,
    ModelError,
    Outlet,
    Profile,
    Provenance,
    Registry,
    RegistryError,
    Span,
    __version__,
)
from .analyzer import Analyzer, BatchItem
from .comparison import Comparison
from .view import ArticleView, render

__all__ = [
    "CATEGORIES",
    "SCHEMA_VERSION",
    "Analysis",
    "Analyzer",
    "ArticleView",
    "Attribution",
    "Comparison",
    "ConfigError",
    "Document",
    "DocumentError",
    "FramelensError",
    "FramelensIOError",
    "GoldError",
    "Lexicon",
    "LexiconError",
    "Model",
    "ModelError",
    "Marker",
    "Outlet",
    "Profile",
    "Provenance",
    "Registry",
    "RegistryError",
    "Span",
    "__version__",
    "analyze",
    "analyze_batch",
    "analyze_table",
    "compare",
    "group_labels",
    "render",
    "tables",
    "to_arrow",
    "to_pandas",
    "validate",
    "Validation",
    "default_analyzer",
    "fit",
]

from . import tables  # noqa: E402
from .model import Model, fit  # noqa: E402
from .tables import analyze_table, to_arrow, to_pandas  # noqa: E402
from .validation import GoldError, Validation, validate  # noqa: E402

_default: Analyzer | None = None
_default_lock = threading.Lock()


def default_analyzer() -> Analyzer:
    """The shared analyzer with the default lexicon (built once per process)."""
    global _default
    if _default is None:
        with _default_lock:
            if _default is None:
                _default = Analyzer()
    return _default


def analyze(
    text: str,
    outlet: str | None = None,
    url: str | None = None,
    doc_id: str | None = None,
    published: str | None = None,
    language: str | None = None,
) -> Analysis:
    """Analyse one article with the default analyzer (every language pack).

    The language is detected unless ``language`` (an ISO 639-1 code: ``"en"``, ``"ru"``,
    ``"ar"``) names it; ``analysis.language`` says which pack read the text.
    """
    return default_analyzer().analyze(
        text, outlet=outlet, url=url, doc_id=doc_id, published=published, language=language
    )


def analyze_batch(
    items: Iterable[BatchItem] | Any,
    threads: int | None = None,
    progress: bool = False,
    errors: Literal["raise", "collect"] = "raise",
    text_col: str = "text",
    id_col: str | None = None,
    outlet_col: str | None = None,
    url_col: str | None = None,
) -> list[Any]:
    """Analyse many articles in parallel with the default lexicon; order is preserved.

    ``items`` holds ``str``, :class:`Document` or dicts with a ``text`` key (and optional
    ``doc_id``/``id``, ``outlet``, ``url``, ``published``), or is a pandas, polars or pyarrow
    table (columns named by ``text_col``, ``id_col``, ``outlet_col``, ``url_col``) or column of
    texts. With
    ``errors="collect"`` a bad document yields its exception in its place and the others are
    analysed. ``threads`` defaults to the ``FRAMELENS_THREADS`` environment variable, else all
    cores.
    """
    return default_analyzer().analyze_batch(
        items,
        threads=threads,
        progress=progress,
        errors=errors,
        text_col=text_col,
        id_col=id_col,
        outlet_col=outlet_col,
        url_col=url_col,
    )


def group_labels(
    analyses: Sequence[Analysis],
    by: str | Sequence[str] | Callable[[Analysis], str] | None = None,
) -> list[str]:
    """The group label of each analysis for :func:`compare`.

    ``by`` is None (one group per document, named by ``doc_id``, or ``doc{i}`` at position
    ``i`` when it has none; a name given to two documents is a :class:`ConfigError`, since it
    would merge them), ``"outlet"`` (the registry's name of the outlet however it was found,
    so a name given in any case and a URL of one outlet make one group; else the outlet name
    given with the document; else the URL's domain; else ``"unknown"``), another attribute
    name of :class:`Analysis` (``"doc_id"``, ``"url"``, ...; a document without it is a
    :class:`ConfigError`, not a group ``"None"``), a sequence of labels, or a function.
    """
    if by is None:
        return _one_group_per_document(analyses)
    if callable(by):
        return [str(by(a)) for a in analyses]
    if isinstance(by, str):
        if by == "outlet":
            return _outlet_labels(analyses)
        if not hasattr(Analysis, by):
            raise ConfigError(f"by={by!r} is not an attribute of Analysis")
        values = [getattr(a, by) for a in analyses]
        missing = [i for i, v in enumerate(values) if v is None or v == ""]
        if missing:
            raise ConfigError(
                f"by={by!r}: {len(missing)} of {len(values)} documents have no {by} (the first "
                f"is item {missing[0]}), which would make them one group; give every document "
                "one, or group with a list of labels or a function"
            )
        return [str(v) for v in values]
    labels = [str(x) for x in by]
    if len(labels) != len(analyses):
        raise ConfigError(f"{len(analyses)} analyses but {len(labels)} labels")
    return labels


def _outlet_labels(analyses: Sequence[Analysis]) -> list[str]:
    """Each document's outlet as :func:`group_labels` names it with ``by="outlet"``: the
    registry's name for an outlet the registry resolved, however it was found (so "reuters",
    "Reuters" and a reuters.com URL are one group), else the outlet name given with the
    document as written, else the resolved outlet (the URL's domain for a site the registry does
    not know), else ``"unknown"``. Two registry outlets of one name are told apart by id."""
    named: list[tuple[str, str | None]] = []
    for a in analyses:
        o = a.provenance.outlet
        if a.outlet and a.provenance.outlet_source != "explicit":
            named.append((a.outlet, None))
        elif o is not None:
            named.append((o.name, o.id))
        else:
            named.append(("unknown", None))
    ids: dict[str, set[str]] = {}
    for name, id_ in named:
        if id_ is not None:
            ids.setdefault(name, set()).add(id_)
    return [
        f"{name} ({id_})" if id_ is not None and len(ids[name]) > 1 else name for name, id_ in named
    ]


def _one_group_per_document(analyses: Sequence[Analysis]) -> list[str]:
    """Each document's ``doc_id`` (``doc{i}`` at position ``i`` when it has none) as the label
    of its own group; a label that two documents share would merge them, so it is an error, as
    in the command line."""
    labels = [a.doc_id or f"doc{i}" for i, a in enumerate(analyses)]
    counts = Counter(labels)
    repeated = next((k for k, n in counts.items() if n > 1), None)
    if repeated is not None:
        items = [i for i, k in enumerate(labels) if k == repeated]
        unnamed = [i for i in items if not analyses[i].doc_id]
        how = f"; item {unnamed[0]} has no id and is named by its position" if unnamed else ""
        raise ConfigError(
            f"document id {repeated!r} is given to {counts[repeated]} documents (items "
            f"{', '.join(map(str, items))}{how}); each document is its own group, so ids must "
            "differ (or group with by=)"
        )
    return labels


def compare(
    analyses: Sequence[Analysis],
    by: str | Sequence[str] | Callable[[Analysis], str] | None = None,
    bootstrap: int = 1000,
    seed: int = 0,
    prior: Literal["background", "pooled"] = "background",
    interval: Literal["studentized", "bca", "percentile"] = "studentized",
    permutations: int = 1000,
) -> Comparison:
    """Compare analyses side by side, grouped by ``by`` (see :func:`group_labels`).

    Intervals are 95% bootstraps over documents (over sentences for a group of one document):
    studentized (``interval="studentized"``, the default: bootstrap-t with each resample's
    delta-method standard error, never narrower than the exact Clopper–Pearson or Poisson
    interval of the pooled count, so rare and skewed measures keep their 95%, even for a group of
    one sentence; no wider than the measure's range: a share within [0, 1], and a rate of
    loaded, hedge, booster, factive, naming, frame or generic-frame markers, of which no word
    carries two, at most 1,000 per 1,000 words), bias-corrected and
    accelerated (``"bca"``) or plain percentile (``"percentile"``), from ``bootstrap``
    resamples (for a group of one sentence, and a provenance flag of a group of one document,
    which resamples cannot vary, each of them gives the exact interval); ``bootstrap=0`` makes
    no intervals (``low`` and ``high`` are NaN, ``None`` without pandas), for the point values
    alone. Each measure also
    gets a between-group permutation test (``permutations`` label shuffles; 0 turns the tests
    off) with Holm's correction across the measures: :meth:`Comparison.tests`. All seeded: the
    same input gives the same numbers whatever the thread count. Ctrl-C stops a long comparison
    within a fraction of a second (``KeyboardInterrupt``, no result).
    """
    analyses = tables._analyses_of(analyses, "compare")
    if isinstance(seed, bool) or not isinstance(seed, int) or not 0 <= seed < 2**64:
        raise ConfigError(f"seed must be an integer from 0 to 2**64 - 1, not {seed!r}")
    labels = group_labels(analyses, by)
    native = _framelens.compare(
        list(analyses),
        labels,
        bootstrap=bootstrap,
        seed=seed,
        prior=prior,
        interval=interval,
        permutations=permutations,
    )
    return Comparison(native, analyses, labels)


def _register_notebook_view() -> None:
    """In IPython and Jupyter (VS Code's notebooks too), an :class:`Analysis` shows as the
    layered article view of :func:`render`; its own ``_repr_html_`` is the simpler view of the
    core, for other front ends."""
    import sys

    ipython: Any = sys.modules.get("IPython")
    shell = ipython.get_ipython() if ipython is not None else None
    if shell is not None:
        shell.display_formatter.formatters["text/html"].for_type(Analysis, lambda a: render(a).html)


_register_notebook_view()
