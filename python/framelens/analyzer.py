"""``framelens.Analyzer``: the native analyzer, taking pandas, polars and pyarrow tables too."""

from __future__ import annotations

from collections.abc import Iterable
from os import PathLike
from typing import Any, Literal, Union, cast

from . import _framelens
from ._framelens import ConfigError, Document, Lexicon, Registry
from .model import Model

BatchItem = Union[str, Document, "dict[str, Any]"]


def frame_kind(items: Any) -> str | None:
    """``"pandas"``, ``"polars"`` or ``"arrow"`` for a table or column of one of them, or None."""
    library = type(items).__module__.split(".")[0]
    if library == "pandas" and hasattr(items, "iloc"):
        return "pandas"
    if library == "polars" and hasattr(items, "to_arrow"):
        return "polars"
    if library == "pyarrow" and hasattr(items, "to_pylist"):
        return "arrow"
    return None


def is_table(items: Any, kind: str) -> bool:
    """Whether ``items`` (of library ``kind``) has named columns, rather than being one column."""
    return hasattr(items, "column_names" if kind == "arrow" else "columns")


def table_columns(items: Any, kind: str) -> list[str]:
    """The column names of a pandas, polars or pyarrow table."""
    return [str(c) for c in (items.column_names if kind == "arrow" else items.columns)]


def column_values(items: Any, kind: str, col: str | None = None) -> list[Any]:
    """The values of column ``col`` of a table (or of the column ``items``) as Python objects."""
    column = items
    if col is not None:
        column = items.column(col) if kind == "arrow" else items[col]
    if kind == "pandas":
        values: list[Any] = column.tolist()
    elif kind == "polars":
        values = column.to_list()
    else:
        values = column.to_pylist()
    return values


def _clean(value: Any) -> Any:
    # pandas marks a missing value with NaN (NaN != NaN) or NA (whose != is NA, not a bool).
    if value is None:
        return None
    try:
        return None if value != value else value
    except TypeError:
        return None


def documents_from_frame(
    items: Any, text_col: str, id_col: str | None, outlet_col: str | None, url_col: str | None
) -> list[Any]:
    """Batch items from a pandas, polars or pyarrow table (by column names) or column."""
    kind = frame_kind(items) or "pandas"
    if not is_table(items, kind):
        return column_values(items, kind)
    cols = {"text": text_col, "doc_id": id_col, "outlet": outlet_col, "url": url_col}
    names = table_columns(items, kind)
    for col in cols.values():
        if col is not None and col not in names:
            raise ConfigError(f"the table has no column {col!r} (it has {', '.join(names)})")
    values = {
        key: [_clean(v) for v in column_values(items, kind, col)]
        for key, col in cols.items()
        if col is not None
    }
    if "doc_id" in values:
        values["doc_id"] = [None if v is None else str(v) for v in values["doc_id"]]
    keys = list(values)
    return [dict(zip(keys, row, strict=True)) for row in zip(*values.values(), strict=True)]


class Analyzer(_framelens.Analyzer):
    """Analyses documents with one compiled lexicon; safe to share between threads, picklable.

    ``Analyzer(lexicon=None, registry=None, max_bytes=None, languages=None, model=None)``: the
    language packs' lexicons (every pack, or those ``languages`` names; each document's language
    is detected) or, with ``lexicon``, that lexicon read as English; the default outlet registry
    unless given; documents over ``max_bytes`` (64 MiB by default) are errors. ``model`` is a
    fitted :class:`Model` (or the path of a model file): the core scores every word with it, and
    the words it marks become markers with entry ``"model"``, a ``score`` and their top
    contributing ``features`` (docs/guide/validation.md); it scores the documents read in its
    ``language`` only.
    """

    __module__ = "framelens"

    def __new__(
        cls,
        lexicon: Lexicon | None = None,
        registry: Registry | None = None,
        max_bytes: int | None = None,
        languages: list[str] | None = None,
        model: Model | str | PathLike[str] | None = None,
    ) -> Analyzer:
        if isinstance(model, (str, PathLike)):
            model = Model.load(model)
        if model is not None and not isinstance(model, Model):
            raise TypeError(f"model must be a framelens.Model, not {type(model).__name__}")
        text = model.dumps() if model is not None else None
        made = cast("Analyzer", super().__new__(cls, lexicon, registry, max_bytes, languages, text))
        if model is not None and model.language not in made.languages:
            raise ConfigError(
                f"the model scores {model.language!r} documents, and this analyzer reads "
                f"{', '.join(made.languages)} only: add {model.language!r} to languages="
            )
        return made

    @property
    def model(self) -> Model | None:
        """The model the analyzer scores with, or None."""
        text = self.model_text
        return Model.loads(text, "model") if text is not None else None

    def __reduce__(self) -> tuple[Any, tuple[Any, ...]]:
        """Pickles as a call of the class with its lexicon, registry, size limit, languages and
        model."""
        args = super().__reduce__()[1]
        return (type(self), (*args[:4], self.model))

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
        ``doc_id``/``id``, ``outlet``, ``url``, ``published``), or is a pandas, polars or
        pyarrow table (columns named by ``text_col``, ``id_col``, ``outlet_col``,
        ``url_col``) or column of texts. With ``errors="collect"`` a bad document yields its
        exception in its place and the others are analysed. ``threads`` defaults to the
        ``FRAMELENS_THREADS`` environment variable, else all cores.
        """
        if frame_kind(items) is not None:
            # A table would iterate over its column names.
            items = documents_from_frame(items, text_col, id_col, outlet_col, url_col)
        return super().analyze_batch(items, threads=threads, progress=progress, errors=errors)
