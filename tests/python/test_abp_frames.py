"""The published ABP frame-marker judgements (tests/data/abp_frame_markers.tsv, the first sample;
abp_frame_markers_heldout.tsv, the second; abp_frame_markers_heldout2.tsv to
abp_frame_markers_heldout6.tsv, the third to seventh, each judged by an independent annotator):
what the tables may hold.
``scripts/abp_frame_markers.py check ABP.jsonl`` re-derives the contexts from the corpus and
scores them; ABP text itself is never stored."""

import csv

import framelens as fl
import pytest
from conftest import ROOT

TABLES = [
    "abp_frame_markers.tsv",
    "abp_frame_markers_heldout.tsv",
    "abp_frame_markers_heldout2.tsv",
    "abp_frame_markers_heldout3.tsv",
    "abp_frame_markers_heldout4.tsv",
    "abp_frame_markers_heldout5.tsv",
    "abp_frame_markers_heldout6.tsv",
]

# Entries a table was judged with that a later change removed: "administration" lost its only
# term to the ABP term judgements (tests/data/abp_frame_term_contexts.tsv).
REMOVED = {"political_administration": "political"}


def read(name: str) -> list[dict[str, str]]:
    with (ROOT / "tests" / "data" / name).open(encoding="utf-8") as f:
        return list(csv.DictReader(f, delimiter="\t"))


@pytest.mark.parametrize("name", TABLES)
def test_the_published_abp_judgements_hold_ids_offsets_and_judgements_only(name):
    """An ABP frame-marker table (scripts/abp_frame_markers.py re-derives its contexts from the
    corpus) names default-lexicon frame entries, holds no article text, and is 100 judgements,
    one per article."""
    rows = read(name)
    entries = {
        e["id"]: e["subcategory"]
        for e in fl.Lexicon.default().entries()
        if e["category"] == "frame"
    }
    entries.update(REMOVED)
    assert len(rows) == 100
    assert len({r["article_id"] for r in rows}) == 100
    for r in rows:
        assert list(r) == ["article_id", "start", "end", "entry", "frame", "judgement", "reason"]
        assert 0 <= int(r["start"]) < int(r["end"])
        assert entries[r["entry"]] == r["frame"]
        assert r["judgement"] in ("0", "1")
        assert (r["judgement"] == "0") == bool(r["reason"]), r  # a reason for every rejection


def test_the_samples_share_no_article() -> None:
    """Each later sample was drawn with ``--exclude`` the earlier tables: no article in two."""
    ids = [{r["article_id"] for r in read(name)} for name in TABLES]
    for i, a in enumerate(ids):
        for b in ids[i + 1 :]:
            assert not a & b
