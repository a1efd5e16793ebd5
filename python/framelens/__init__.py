"""framelens: measure how news articles frame a story.

Every marker carries exact code-point offsets into the original text
(``text[m.start:m.end] == m.text``), the lexicon entry that fired, and its voice
(``"author"`` or ``"quoted"``).

>>> import framelens as fl
>>> a = fl.analyze('The council baselessly accused the mayor of a "witch hunt".')
>>> [(m.text, m.category, m.voice) for m in a.markers]
[('baselessly', 'loaded', 'author'), ('witch hunt', 'loaded', 'quoted')]
"""

from __future__ import annotations

import threading
from collections.abc import Iterable
from typing import Any, Literal, Union

from ._framelens import (
    Analysis,
    Analyzer,
    Attribution,
    ConfigError,
    Document,
    DocumentError,
    FramelensError,
    FramelensIOError,
    Lexicon,
    LexiconError,
    Marker,
    Outlet,
    Profile,
    Provenance,
    Registry,
    Span,
    __version__,
)

__all__ = [
    "Analysis",
    "Analyzer",
    "Attribution",
    "ConfigError",
    "Document",
    "DocumentError",
    "FramelensError",
    "FramelensIOError",
    "Lexicon",
    "LexiconError",
    "Marker",
    "Outlet",
    "Profile",
    "Provenance",
    "Registry",
    "Span",
    "__version__",
    "analyze",
    "analyze_batch",
    "default_analyzer",
]

BatchItem = Union[str, Document, "dict[str, Any]"]

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
) -> Analysis:
    """Analyse one article with the default lexicon."""
    return default_analyzer().analyze(
        text, outlet=outlet, url=url, doc_id=doc_id, published=published
    )


def analyze_batch(
    items: Iterable[BatchItem],
    threads: int | None = None,
    progress: bool = False,
    errors: Literal["raise", "collect"] = "raise",
) -> list[Any]:
    """Analyse many articles in parallel with the default lexicon; order is preserved.

    ``items`` holds ``str``, :class:`Document` or dicts with a ``text`` key (and optional
    ``doc_id``/``id``, ``outlet``, ``url``, ``published``). With ``errors="collect"`` a bad
    document yields its exception in its place and the others are analysed.
    """
    return default_analyzer().analyze_batch(
        items, threads=threads, progress=progress, errors=errors
    )
