"""The published ABP frame-marker judgements (tests/data/abp_frame_markers.tsv): what the table may
hold. ``scripts/abp_frame_markers.py check ABP.jsonl`` re-derives the contexts from the corpus
and scores them; ABP text itself is never stored."""

import csv

import framelens as fl
from conftest import ROOT


def test_the_published_abp_judgements_hold_ids_offsets_and_judgements_only():
    """The ABP frame-marker table (scripts/abp_frame_markers.py re-derives its contexts from the
    corpus) names default-lexicon frame entries, holds no article text, and is 100 judgements."""
    path = ROOT / "tests" / "data" / "abp_frame_markers.tsv"
    with path.open(encoding="utf-8") as f:
        rows = list(csv.DictReader(f, delimiter="\t"))
    entries = {e["id"]: e for e in fl.Lexicon.default().entries() if e["category"] == "frame"}
    assert len(rows) == 100
    assert len({(r["article_id"], r["start"]) for r in rows}) == 100
    for r in rows:
        assert list(r) == ["article_id", "start", "end", "entry", "frame", "judgement", "reason"]
        assert 0 <= int(r["start"]) < int(r["end"])
        assert entries[r["entry"]]["subcategory"] == r["frame"]
        assert r["judgement"] in ("0", "1")
        assert (r["judgement"] == "0") == bool(r["reason"]), r  # a reason for every rejection
