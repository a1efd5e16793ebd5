"""Flat tables of analyses: one row per document, marker or attribution.

Column names and types are stable and documented in the README:

- ``documents``: doc_id, outlet, url, words, sentences, quoted_words, markers, then for every
  category ``{cat}_count``, ``{cat}_per_1k``, ``{cat}_author_per_1k``, ``{cat}_quoted_per_1k``;
  attributions, attributed_sentence_share, anonymous_share, outlet_id, outlet_country,
  outlet_ownership, outlet_kind, outlet_source, dateline_place, state_affiliated, wire_based,
  syndicated.
- ``markers``: doc_id, start, end, text, category, subcategory, entry, weight, voice, speaker,
  negated.
- ``attributions``: doc_id, kind, cue, cue_start, cue_end, entry, speaker, speaker_type,
  verb_stance, content, content_start, content_end, speaker_name, continued.

:data:`SCHEMAS` gives each column's type; ``to_pandas`` and ``to_arrow`` apply it, so tables
from different batches (or Dask partitions) line up.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any

from ._framelens import CATEGORIES, Analysis

LEVELS = ("documents", "markers", "attributions")

_TEXT, _INT, _FLOAT, _BOOL = "object", "int64", "float64", "bool"

#: Column types of each level (pandas dtypes; text columns are ``object`` and may hold None).
SCHEMAS: dict[str, dict[str, str]] = {
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
        "content_start": _FLOAT,
        "content_end": _FLOAT,
        "speaker_name": _TEXT,
        "continued": _BOOL,
    },
}


def document_row(a: Analysis) -> dict[str, Any]:
    """The document-level row of one analysis."""
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
        }


def rows(analyses: Iterable[Analysis], level: str = "documents") -> list[dict[str, Any]]:
    """Plain row dicts at one level: ``documents``, ``markers`` or ``attributions``."""
    from . import ConfigError

    if level == "documents":
        return [document_row(a) for a in analyses]
    if level == "markers":
        return [r for a in analyses for r in marker_rows(a)]
    if level == "attributions":
        return [r for a in analyses for r in attribution_rows(a)]
    raise ConfigError(f"level must be one of {', '.join(LEVELS)}, not {level!r}")


def to_pandas(analyses: Iterable[Analysis], level: str = "documents") -> Any:
    """A pandas DataFrame of the analyses at ``level`` (needs the ``pandas`` extra)."""
    try:
        import pandas as pd
    except ImportError as e:
        raise ImportError(
            "framelens.to_pandas needs pandas: pip install 'framelens[pandas]'"
        ) from e
    data = rows(analyses, level)
    schema = SCHEMAS[level]
    frame = pd.DataFrame(data, columns=list(schema))
    return frame.astype(schema)


def _pyarrow() -> Any:
    try:
        import pyarrow as pa
    except ImportError as e:
        raise ImportError("framelens.to_arrow needs pyarrow: pip install 'framelens[arrow]'") from e
    return pa


def arrow_fields(level: str) -> list[Any]:
    """The pyarrow fields of ``level``'s columns (needs the ``arrow`` extra)."""
    pa = _pyarrow()
    arrow_types = {_TEXT: pa.string(), _INT: pa.int64(), _FLOAT: pa.float64(), _BOOL: pa.bool_()}
    return [pa.field(c, arrow_types[t]) for c, t in SCHEMAS[level].items()]


def to_arrow(analyses: Iterable[Analysis], level: str = "documents") -> Any:
    """A pyarrow Table of the analyses at ``level`` (needs the ``arrow`` extra)."""
    pa = _pyarrow()
    return pa.Table.from_pylist(rows(analyses, level), schema=pa.schema(arrow_fields(level)))
