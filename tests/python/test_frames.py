"""Frames at three levels (marker, sentence, document), the two frame sets, and their tables."""

import framelens as fl
import pytest

TEXT = (
    "The court struck down the law on Monday. "
    "Critics said taxpayers would bear the cost of the tariffs. "
    "Nothing else happened."
)


def test_sentence_frames_give_each_sentence_its_primary_frame_or_none():
    a = fl.analyze(TEXT)
    frames = a.sentence_frames("frame")
    assert [s["frame"] for s in frames] == ["legality", "economic", None]
    assert [s["sentence"] for s in frames] == [0, 1, 2]
    for s in frames:
        assert TEXT[s["start"] : s["end"]].strip()
    assert frames[0]["score"] == pytest.approx(2.0)  # court + law
    assert frames[0]["share"] == pytest.approx(1.0)
    # No cue: no frame, a score of 0, and no share (undefined, not 0).
    assert frames[2] == {**frames[2], "frame": None, "score": 0.0, "share": None, "cues": 0}


def test_among_restricts_the_frames_a_sentence_can_take():
    a = fl.analyze("Soldiers guarded the embassy while diplomats met the ambassador.")
    assert a.sentence_frames()[0]["frame"] == "external_regulation_and_reputation"
    only = a.sentence_frames("frame", among=["security_and_defense"])
    assert only[0]["frame"] == "security_and_defense"


def test_the_document_distribution_sums_to_one_and_names_the_primary_frame():
    a = fl.analyze(TEXT)
    d = a.frame_distribution("frame")
    assert d["category"] == "frame"
    assert sum(d["shares"].values()) == pytest.approx(1.0)
    assert d["primary"] == max(d["weights"], key=d["weights"].get)
    assert d["sentences"] == {"legality": 1, "economic": 1}
    g = a.frame_distribution("generic_frame")
    assert "conflict" in g["weights"] and "economic_consequences" in g["weights"]
    assert fl.analyze("Hello.").frame_distribution()["primary"] is None


def test_an_unknown_frame_set_is_a_config_error():
    with pytest.raises(fl.ConfigError, match="generic_frame"):
        fl.analyze(TEXT).sentence_frames("loaded")


def test_either_frame_set_can_be_left_out():
    default = fl.Lexicon.default()
    for left_out, kept in (("generic_frame", "frame"), ("frame", "generic_frame")):
        a = fl.Analyzer(default.without_categories([left_out])).analyze(TEXT)
        categories = {m.category for m in a.markers}
        assert left_out not in categories and kept in categories
    with pytest.raises(fl.LexiconError, match="unknown category"):
        default.without_categories(["frames"])


def test_the_sentence_table_and_document_columns():
    pd = pytest.importorskip("pandas")
    analyses = [fl.analyze(TEXT, doc_id="a"), fl.analyze("Troops crossed the border.", doc_id="b")]
    sentences = fl.to_pandas(analyses, level="sentences")
    assert isinstance(sentences, pd.DataFrame)
    assert list(sentences["doc_id"]) == ["a", "a", "a", "b"]
    assert list(sentences["frame"])[:2] == ["legality", "economic"]
    assert pd.isna(sentences["frame"].iloc[2])
    assert {"generic_frame", "generic_frame_score", "generic_frame_share"} <= set(sentences)
    docs = fl.to_pandas(analyses)
    assert list(docs["frame_primary"]) == [
        analyses[0].frame_distribution()["primary"],
        "security_and_defense",
    ]
    assert {"generic_frame_count", "generic_frame_per_1k"} <= set(docs)


def test_the_comparison_gives_generic_frame_shares_with_intervals():
    analyses = [
        fl.analyze(TEXT),
        fl.analyze("Critics clashed with rivals. They fought over the costs."),
    ]
    table = fl.compare(analyses, by=["x", "y"], bootstrap=50).table()
    rows = table.to_dict("records") if hasattr(table, "to_dict") else table
    by_measure = {(r["measure"], r["group"]): r for r in rows}
    assert ("frame_legality_share", "x") in by_measure
    conflict = by_measure[("generic_frame_conflict_share", "y")]
    # y is one document, so its units are its sentences, and a frame's share is the mean of
    # the sentences' shares of cue weight: "Critics (0.7) clashed (1) with rivals (1)" is all
    # conflict; in "They fought (0.7) over the costs (economic, 0.6)" conflict has 0.7 of 1.3.
    assert conflict["value"] == pytest.approx((1 + 0.7 / 1.3) / 2, rel=1e-6)
    assert conflict["low"] <= conflict["value"] <= conflict["high"]
