"""The published ABP frame-marker judgements (tests/data/abp_frame_markers.tsv, the first sample,
and tests/data/abp_frame_markers_heldout.tsv, the held-out one): what the tables may hold.
``scripts/abp_frame_markers.py check ABP.jsonl`` re-derives the contexts from the corpus and
scores them; ABP text itself is never stored."""

import csv

import framelens as fl
import pytest
from conftest import ROOT

TABLES = ["abp_frame_markers.tsv", "abp_frame_markers_heldout.tsv"]


def read(name: str) -> list[dict[str, str]]:
    with (ROOT / "tests" / "data" / name).open(encoding="utf-8") as f:
        return list(csv.DictReader(f, delimiter="\t"))


@pytest.mark.parametrize("name", TABLES)
def test_the_published_abp_judgements_hold_ids_offsets_and_judgements_only(name):
    """An ABP frame-marker table (scripts/abp_frame_markers.py re-derives its contexts from the
    corpus) names default-lexicon frame entries, holds no article text, and is 100 judgements,
    one per article."""
    rows = read(name)
    entries = {e["id"]: e for e in fl.Lexicon.default().entries() if e["category"] == "frame"}
    assert len(rows) == 100
    assert len({r["article_id"] for r in rows}) == 100
    for r in rows:
        assert list(r) == ["article_id", "start", "end", "entry", "frame", "judgement", "reason"]
        assert 0 <= int(r["start"]) < int(r["end"])
        assert entries[r["entry"]]["subcategory"] == r["frame"]
        assert r["judgement"] in ("0", "1")
        assert (r["judgement"] == "0") == bool(r["reason"]), r  # a reason for every rejection


def test_the_held_out_sample_shares_no_article_with_the_first():
    """The held-out sample was drawn with ``--exclude`` the first table: no article in both."""
    first, held_out = ({r["article_id"] for r in read(name)} for name in TABLES)
    assert not first & held_out
