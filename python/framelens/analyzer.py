"""``framelens.Analyzer``: the native analyzer, taking pandas objects in ``analyze_batch`` too."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any, Literal, Union

from . import _framelens
from ._framelens import ConfigError, Document

BatchItem = Union[str, Document, "dict[str, Any]"]


def documents_from_frame(
    items: Any, text_col: str, id_col: str | None, outlet_col: str | None, url_col: str | None
) -> list[Any]:
    """Batch items from a pandas DataFrame (by column names) or Series (its values)."""
    if not hasattr(items, "columns"):
        return list(items.tolist())
    cols = {"text": text_col, "doc_id": id_col, "outlet": outlet_col, "url": url_col}
    missing = [c for c in cols.values() if c is not None and c not in items.columns]
    if missing:
        raise ConfigError(f"the DataFrame has no column {missing[0]!r}")
    out = []
    for row in items.itertuples(index=False):
        rec = row._asdict()
        d: dict[str, Any] = {}
        for key, col in cols.items():
            if col is None:
                continue
            value = rec.get(col)
            d[key] = None if value is None or value != value else value
        if d.get("doc_id") is not None:
            d["doc_id"] = str(d["doc_id"])
        out.append(d)
    return out


class Analyzer(_framelens.Analyzer):
    """Analyses documents with one compiled lexicon; safe to share between threads, picklable.

    ``Analyzer(lexicon=None, registry=None, max_bytes=None)``: the default English lexicon and
    outlet registry unless given; documents over ``max_bytes`` (64 MiB by default) are errors.
    """

    __module__ = "framelens"

    def analyze_batch(
        self,
        items: Iterable[BatchItem] | Any,
        threads: int | None = None,
        progress: bool = False,
        errors: Literal["raise", "collect"] = "raise",
        text_col: str = "text",
        id_col: str | None = None,
        outlet_col: str | None = None,
        url_col: str | None = None,
    ) -> list[Any]:
        """Analyses many documents in parallel; results come back in input order.

        ``items`` holds ``str``, :class:`Document` or dicts with a ``text`` key (and optional
        ``doc_id``/``id``, ``outlet``, ``url``, ``published``), or is a pandas Series of texts
        or a DataFrame (columns named by ``text_col``, ``id_col``, ``outlet_col``,
        ``url_col``). With ``errors="collect"`` a bad document yields its exception in its
        place and the others are analysed. ``threads`` defaults to the ``FRAMELENS_THREADS``
        environment variable, else all cores.
        """
        if hasattr(items, "iloc"):
            # A DataFrame would iterate over its column names.
            items = documents_from_frame(items, text_col, id_col, outlet_col, url_col)
        return super().analyze_batch(items, threads=threads, progress=progress, errors=errors)
