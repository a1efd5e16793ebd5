"""Flat tables of analyses: one row per document, marker or attribution.

Column names and types are stable and documented in the README:

- ``documents``: doc_id, outlet, url, words, sentences, quoted_words, markers, then for every
  category ``{cat}_count``, ``{cat}_per_1k``, ``{cat}_author_per_1k``, ``{cat}_quoted_per_1k``;
  attributions, attributed_sentence_share, anonymous_share, outlet_id, outlet_country,
  outlet_ownership, outlet_kind, outlet_source, dateline_place, state_affiliated, wire_based,
  syndicated, frame_primary, generic_frame_primary (the document's primary policy and generic
  frame, None without a cue). A rate or share with no denominator (a rate per 1,000 words of
  a document with no words, per 1,000 quoted words of one with none; the anonymous share of a
  document with no attribution) is undefined: None in :func:`rows`, null in Arrow, NaN in
  pandas.
- ``markers``: doc_id, start, end, text, category, subcategory, entry, weight, voice, speaker,
  negated.
- ``sentences``: doc_id, sentence, start, end, then for each frame set (``frame``,
  ``generic_frame``) the sentence's primary frame ``{set}``, ``{set}_score`` and ``{set}_share``
  (see ``Analysis.sentence_frames``); ``{set}_share`` is undefined (None, null, NaN) in a
  sentence with no cue of the set.
- ``attributions``: doc_id, kind, cue, cue_start, cue_end, entry, speaker, speaker_type,
  verb_stance, content, content_start, content_end, speaker_name, continued, cue_kind,
  parent.

:data:`DTYPES` (pandas dtypes) and :data:`SCHEMAS` (pyarrow schemas) give each column's type;
``to_pandas``, ``to_arrow`` and :func:`analyze_table` apply them, so tables from different
batches (or Dask and Spark partitions) line up. Offsets are integers.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping, Sequence
from typing import TYPE_CHECKING, Any, Literal

from . import _framelens
from ._framelens import CATEGORIES, Analysis

if TYPE_CHECKING:
    from .analyzer import Analyzer

LEVELS = ("documents", "markers", "sentences", "attributions")
#: The frame sets: policy frames and generic news frames.
FRAME_SETS: tuple[Literal["frame"], Literal["generic_frame"]] = ("frame", "generic_frame")

_TEXT, _INT, _NULLABLE_INT, _FLOAT, _BOOL = "object", "int64", "Int64", "float64", "bool"

#: Column types of each level as pandas dtypes, the one place the columns are listed: text
#: columns are ``object`` and may hold None; ``Int64`` is an integer column that may hold None
#: (an attribution without content); a rate or share column (``float64``) holds NaN where its
#: figure has no denominator. :data:`SCHEMAS` gives the same columns as pyarrow schemas, where
#: those rate and share columns are nullable.
DTYPES: dict[str, dict[str, str]] = {
    "documents": {
        "doc_id": _TEXT,
        "outlet": _TEXT,
        "url": _TEXT,
        "words": _INT,
        "sentences": _INT,
        "quoted_words": _INT,
        "markers": _INT,
        **{
            f"{c}{suffix}": (_INT if suffix == "_count" else _FLOAT)
            for c in CATEGORIES
            for suffix in ("_count", "_per_1k", "_author_per_1k", "_quoted_per_1k")
        },
        "attributions": _INT,
        "attributed_sentence_share": _FLOAT,
        "anonymous_share": _FLOAT,
        "outlet_id": _TEXT,
        "outlet_country": _TEXT,
        "outlet_ownership": _TEXT,
        "outlet_kind": _TEXT,
        "outlet_source": _TEXT,
        "dateline_place": _TEXT,
        "state_affiliated": _BOOL,
        "wire_based": _BOOL,
        "syndicated": _BOOL,
        "frame_primary": _TEXT,
        "generic_frame_primary": _TEXT,
    },
    "markers": {
        "doc_id": _TEXT,
        "start": _INT,
        "end": _INT,
        "text": _TEXT,
        "category": _TEXT,
        "subcategory": _TEXT,
        "entry": _TEXT,
        "weight": _FLOAT,
        "voice": _TEXT,
        "speaker": _TEXT,
        "negated": _BOOL,
    },
    "sentences": {
        "doc_id": _TEXT,
        "sentence": _INT,
        "start": _INT,
        "end": _INT,
        **{
            f"{fs}{suffix}": t
            for fs in FRAME_SETS
            for suffix, t in (("", _TEXT), ("_score", _FLOAT), ("_share", _FLOAT))
        },
    },
    "attributions": {
        "doc_id": _TEXT,
        "kind": _TEXT,
        "cue": _TEXT,
        "cue_start": _INT,
        "cue_end": _INT,
        "entry": _TEXT,
        "speaker": _TEXT,
        "speaker_type": _TEXT,
        "verb_stance": _TEXT,
        "content": _TEXT,
        "content_start": _NULLABLE_INT,
        "content_end": _NULLABLE_INT,
        "speaker_name": _TEXT,
        "continued": _BOOL,
        "cue_kind": _TEXT,
        "parent": _NULLABLE_INT,
    },
}


# The rate and share columns whose denominator can be zero, by level: there the figure is
# undefined, not 0 (None in rows, null in Arrow, NaN in pandas), as a comparison's measure with
# no denominator is.
_UNDEFINED_WHEN_NO_DENOMINATOR: dict[str, frozenset[str]] = {
    "documents": frozenset(
        [
            *(
                f"{c}{suffix}"
                for c in CATEGORIES
                for suffix in ("_per_1k", "_author_per_1k", "_quoted_per_1k")
            ),
            "attributed_sentence_share",
            "anonymous_share",
        ]
    ),
    "markers": frozenset(),
    "sentences": frozenset(f"{fs}_share" for fs in FRAME_SETS),
    "attributions": frozenset(),
}


def _pyarrow() -> Any:
    try:
        import pyarrow as pa
    except ImportError as e:
        raise ImportError(
            "framelens tables need pyarrow here: pip install 'framelens[arrow]'"
        ) from e
    return pa


def _check_level(level: str) -> None:
    if level not in LEVELS:
        from . import ConfigError

        raise ConfigError(f"level must be one of {', '.join(LEVELS)}, not {level!r}")


_ARROW_SCHEMAS: dict[str, Any] = {}


def arrow_schema(level: str) -> Any:
    """The ``pyarrow.Schema`` of ``level``'s columns (needs the ``arrow`` extra).

    Text columns, ``Int64`` columns and the rates and shares whose denominator can be zero
    (null where it is) are nullable; the others never hold nulls.
    """
    _check_level(level)
    if level in _ARROW_SCHEMAS:
        return _ARROW_SCHEMAS[level]
    pa = _pyarrow()
    types = {
        _TEXT: pa.string(),
        _INT: pa.int64(),
        _NULLABLE_INT: pa.int64(),
        _FLOAT: pa.float64(),
        _BOOL: pa.bool_(),
    }
    schema = _ARROW_SCHEMAS[level] = pa.schema(
        [
            pa.field(
                c,
                types[t],
                nullable=t in (_TEXT, _NULLABLE_INT) or c in _UNDEFINED_WHEN_NO_DENOMINATOR[level],
            )
            for c, t in DTYPES[level].items()
        ]
    )
    return schema


def arrow_fields(level: str) -> list[Any]:
    """The pyarrow fields of ``level``'s columns (needs the ``arrow`` extra)."""
    return list(arrow_schema(level))


class _Schemas(Mapping[str, Any]):
    """Level name to ``pyarrow.Schema``, built on first use (pyarrow is an optional extra)."""

    def __getitem__(self, level: str) -> Any:
        if level not in LEVELS:
            raise KeyError(level)
        return arrow_schema(level)

    def __iter__(self) -> Iterator[str]:
        return iter(LEVELS)

    def __len__(self) -> int:
        return len(LEVELS)

    def __repr__(self) -> str:
        return f"SCHEMAS({', '.join(LEVELS)}: pyarrow schemas)"


#: The ``pyarrow.Schema`` of each level (``SCHEMAS["markers"]``), from :data:`DTYPES`; Spark's
#: schema comes from it too (:func:`framelens.spark.spark_schema`).
SCHEMAS: Mapping[str, Any] = _Schemas()


def _analyses_of(items: Iterable[Any], caller: str) -> list[Analysis]:
    """``items`` as a list of analyses, for ``caller``: an item that is not an
    :class:`Analysis` (a :class:`DocumentError` that ``analyze_batch(errors="collect")`` left in
    its place) is a TypeError that names its position."""
    analyses = list(items)
    for i, a in enumerate(analyses):
        if not isinstance(a, Analysis):
            hint = " (an error that analyze_batch collected?)" if isinstance(a, Exception) else ""
            raise TypeError(f"{caller}: item {i} is a {type(a).__name__}, not an Analysis{hint}")
    return analyses


def document_row(a: Analysis) -> dict[str, Any]:
    """The document-level row of one analysis; a rate or share with no denominator is None."""
    p = a.profile
    prov = a.provenance
    outlet = prov.outlet
    att = p.attribution
    row: dict[str, Any] = {
        "doc_id": a.doc_id,
        "outlet": a.outlet,
        "url": a.url,
        "words": p.words,
        "sentences": p.sentences,
        "quoted_words": p.quoted_words,
        "markers": len(a.markers),
    }
    # The profile gives None for a rate or share with no denominator.
    counts, rates = p.counts, p.rates
    for cat in CATEGORIES:
        row[f"{cat}_count"] = counts[cat]["all"]
        row[f"{cat}_per_1k"] = rates[cat]["all"]
        row[f"{cat}_author_per_1k"] = rates[cat]["author"]
        row[f"{cat}_quoted_per_1k"] = rates[cat]["quoted"]
    row.update(
        {
            "attributions": att["total"],
            "attributed_sentence_share": att["sentence_share"],
            "anonymous_share": att["anonymous_share"],
            "outlet_id": outlet.id if outlet else None,
            "outlet_country": outlet.country if outlet else None,
            "outlet_ownership": outlet.ownership if outlet else None,
            "outlet_kind": outlet.kind if outlet else None,
            "outlet_source": prov.outlet_source,
            "dateline_place": prov.place.text if prov.place else None,
            "state_affiliated": p.state_affiliated,
            "wire_based": p.wire_based,
            "syndicated": p.syndicated,
        }
    )
    for fs in FRAME_SETS:
        row[f"{fs}_primary"] = a.frame_distribution(fs)["primary"]
    return row


def marker_rows(a: Analysis) -> Iterator[dict[str, Any]]:
    for m in a.markers:
        yield {
            "doc_id": a.doc_id,
            "start": m.start,
            "end": m.end,
            "text": m.text,
            "category": m.category,
            "subcategory": m.subcategory,
            "entry": m.entry,
            "weight": m.weight,
            "voice": m.voice,
            "speaker": m.speaker,
            "negated": m.negated,
        }


def sentence_rows(a: Analysis) -> Iterator[dict[str, Any]]:
    """One row per sentence with its primary policy and generic frame (the share None where
    the sentence has no cue of the set)."""
    per_set = {fs: a.sentence_frames(fs) for fs in FRAME_SETS}
    for k, s in enumerate(per_set["frame"]):
        row: dict[str, Any] = {
            "doc_id": a.doc_id,
            "sentence": k,
            "start": s["start"],
            "end": s["end"],
        }
        for fs, frames in per_set.items():
            row[fs] = frames[k]["frame"]
            row[f"{fs}_score"] = frames[k]["score"]
            row[f"{fs}_share"] = frames[k]["share"]
        yield row


def attribution_rows(a: Analysis) -> Iterator[dict[str, Any]]:
    for x in a.attributions:
        yield {
            "doc_id": a.doc_id,
            "kind": x.kind,
            "cue": x.cue.text,
            "cue_start": x.cue.start,
            "cue_end": x.cue.end,
            "entry": x.entry,
            "speaker": x.speaker.text if x.speaker else None,
            "speaker_type": x.speaker_type,
            "verb_stance": x.verb_stance,
            "content": x.content.text if x.content else None,
            "content_start": x.content.start if x.content else None,
            "content_end": x.content.end if x.content else None,
            "speaker_name": x.speaker_name,
            "continued": x.continued,
            "cue_kind": x.cue_kind,
            "parent": x.parent,
        }


def rows(analyses: Iterable[Analysis], level: str = "documents") -> list[dict[str, Any]]:
    """Plain row dicts at one level: ``documents``, ``markers``, ``sentences`` or
    ``attributions``."""
    _check_level(level)
    analyses = _analyses_of(analyses, "rows")
    if level == "documents":
        return [document_row(a) for a in analyses]
    if level == "markers":
        return [r for a in analyses for r in marker_rows(a)]
    if level == "sentences":
        return [r for a in analyses for r in sentence_rows(a)]
    return [r for a in analyses for r in attribution_rows(a)]


def to_pandas(analyses: Iterable[Analysis], level: str = "documents") -> Any:
    """A pandas DataFrame of the analyses at ``level`` (needs the ``pandas`` extra)."""
    try:
        import pandas as pd
    except ImportError as e:
        raise ImportError(
            "framelens.to_pandas needs pandas: pip install 'framelens[pandas]'"
        ) from e
    _check_level(level)
    analyses = _analyses_of(analyses, "to_pandas")
    if _has_pyarrow():
        return _arrow_to_pandas(to_arrow(analyses, level), level)
    data = rows(analyses, level)
    dtypes = DTYPES[level]
    frame = pd.DataFrame(data, columns=list(dtypes))
    return frame.astype(dtypes)


def _has_pyarrow() -> bool:
    try:
        import pyarrow  # noqa: F401
    except ImportError:
        return False
    return True


def _arrow_to_pandas(table: Any, level: str) -> Any:
    """The pandas view of a table of ``level``, with the dtypes of :data:`DTYPES`."""
    import pandas as pd

    columns: dict[str, Any] = {}
    for name, dtype in DTYPES[level].items():
        col = table.column(name)
        if dtype == _TEXT:
            # Python str objects with None for a null (not pandas' string dtype, nor NaN).
            values = pd.Series(col.to_numpy(zero_copy_only=False), dtype=object, copy=False)
        elif dtype == _NULLABLE_INT:
            values = pd.arrays.IntegerArray(
                col.fill_null(0).to_numpy(), col.is_null().to_numpy(zero_copy_only=False)
            )
        else:
            values = col.to_numpy()
        columns[name] = values
    return pd.DataFrame(columns, index=pd.RangeIndex(table.num_rows), copy=False)


def _native_table(native: Any) -> Any:
    """A pyarrow Table of a native result table (through the Arrow PyCapsule interface), one
    chunk per record batch."""
    pa = _pyarrow()
    return pa.Table.from_batches([pa.record_batch(b) for b in native.batches()])


def to_arrow(analyses: Iterable[Analysis], level: str = "documents") -> Any:
    """A pyarrow Table of the analyses at ``level`` (needs the ``arrow`` extra), built in Rust
    and handed to pyarrow without a copy.

    A text column of one Arrow record batch holds at most 2 GiB (``pa.string()`` has 32-bit
    offsets). A table whose text outgrows that comes as several record batches, so its
    columns are chunked (``ChunkedArray.num_chunks`` above 1); the schema stays
    :data:`SCHEMAS` ``[level]``, ``pa.string()`` and not ``pa.large_string()``, as for any
    table. A batch ends after the document that takes one of its text columns to 1 GiB, so
    a document's rows are never split across batches. Only a document whose own rows hold
    more than 1 GiB in one column can be refused, with a RuntimeError that names it.
    :func:`to_pandas` and polars read the chunks as one column."""
    _check_level(level)
    return _native_table(_framelens.arrow_table(_analyses_of(analyses, "to_arrow"), level))


OUTPUTS = ("pandas", "arrow", "polars")
# The column the native table gets with each row's document position (dropped here).
_DOC_INDEX = "__document"


def _take(column: Any, kind: str, positions: Any) -> Any:
    """Rows ``positions`` (all when None) of a pandas, polars or pyarrow column."""
    if positions is None:
        return column
    if kind == "pandas":
        return column.iloc[positions]
    if kind == "polars":
        return column.gather(positions)
    return column.take(positions)


def _as_arrow(column: Any, kind: str) -> Any:
    if kind == "pandas":
        return _pyarrow().Array.from_pandas(column)
    if kind == "polars":
        return column.to_arrow()
    return column


def analyze_table(
    items: Any,
    level: str = "documents",
    *,
    keep: Sequence[str] | None = None,
    text_col: str = "text",
    id_col: str | None = None,
    outlet_col: str | None = None,
    url_col: str | None = None,
    threads: int | None = None,
    output: str | None = None,
    analyzer: Analyzer | None = None,
) -> Any:
    """Analyse a table (or list) of documents and return the results as a table at ``level``.

    ``items`` is a pandas, polars or pyarrow table with the columns named by ``text_col``,
    ``id_col``, ``outlet_col`` and ``url_col``, a column of texts, or anything
    :func:`framelens.analyze_batch` takes. The result is a table of the input's kind
    (``output="pandas"``, ``"arrow"`` or ``"polars"`` to choose; a list gives pandas) with the
    columns of :data:`SCHEMAS` ``[level]``, then the input columns named in ``keep``, repeated
    for each marker or attribution of their row. A pandas result keeps the input's pandas index
    (each marker or attribution row gets the index of its document). ``analyzer`` defaults to
    the default analyzer; ``threads`` is as in ``analyze_batch``.
    """
    from . import ConfigError, default_analyzer
    from .analyzer import frame_kind, is_table, table_columns

    _check_level(level)
    kind = frame_kind(items)
    out = output or kind or "pandas"
    if out not in OUTPUTS:
        raise ConfigError(f"output must be one of {', '.join(OUTPUTS)}, not {output!r}")
    kept = list(keep or [])
    if kept:
        if kind is None or not is_table(items, kind):
            raise ConfigError("keep= needs a pandas, polars or pyarrow table as input")
        names = table_columns(items, kind)
        for col in kept:
            if col not in names:
                raise ConfigError(f"keep: the table has no column {col!r}")
            if col in DTYPES[level]:
                raise ConfigError(
                    f"keep: {col!r} is also a column of the {level} table; rename it first"
                )
        if len(set(kept)) != len(kept):
            raise ConfigError("keep: a column is named twice")
    docs = items
    if kind is not None:
        from .analyzer import documents_from_frame

        docs = documents_from_frame(items, text_col, id_col, outlet_col, url_col)
    with_index = level != "documents" and (bool(kept) or (out == "pandas" and kind == "pandas"))
    table = _native_table(
        (analyzer or default_analyzer()).analyze_arrow(
            docs, level, threads=threads, doc_index=with_index
        )
    )
    positions: Any = None
    if with_index:
        positions = table.column(_DOC_INDEX).to_numpy()
        table = table.drop_columns([_DOC_INDEX])
    columns = {
        c: _take(items.column(c) if kind == "arrow" else items[c], str(kind), positions)
        for c in kept
    }
    if out == "pandas":
        frame = _arrow_to_pandas(table, level)
        if kind == "pandas":
            frame.index = items.index if positions is None else items.index.take(positions)
        for c, values in columns.items():
            if kind == "pandas":
                frame[c] = values.array
            else:
                frame[c] = _as_arrow(values, str(kind)).to_pandas().array
        return frame
    if out == "arrow":
        for c, values in columns.items():
            table = table.append_column(c, _as_arrow(values, str(kind)))
        return table
    try:
        import polars as pl
    except ImportError as e:
        raise ImportError("output='polars' needs polars: pip install polars") from e
    result: Any = pl.from_arrow(table)
    for c, values in columns.items():
        series = values if kind == "polars" else pl.Series(c, _as_arrow(values, str(kind)))
        result = result.with_columns(series.alias(c))
    return result
