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
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any

from ._framelens import Analysis

CATEGORIES = ("loaded", "hedge", "booster", "factive", "naming", "frame", "scare_quote")
LEVELS = ("documents", "markers", "attributions")


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
    if not data:
        return pd.DataFrame(columns=list(_columns(level)))
    return pd.DataFrame(data)


def to_arrow(analyses: Iterable[Analysis], level: str = "documents") -> Any:
    """A pyarrow Table of the analyses at ``level`` (needs the ``arrow`` extra)."""
    try:
        import pyarrow as pa
    except ImportError as e:
        raise ImportError("framelens.to_arrow needs pyarrow: pip install 'framelens[arrow]'") from e
    data = rows(analyses, level)
    if not data:
        return pa.table({c: [] for c in _columns(level)})
    return pa.Table.from_pylist(data)


def _columns(level: str) -> Iterator[str]:
    from . import analyze

    probe = analyze("The regime said so.", doc_id="probe")
    sample = rows([probe], level)
    yield from (sample[0] if sample else {})
