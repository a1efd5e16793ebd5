"""fl.validate and `framelens validate` against hand-written, fictional gold."""

import json
import re

import framelens as fl
import pytest
from framelens.cli import main

TEXTS = [
    "The council baselessly accused the mayor of Port Ellin.",
    "Officials in Norvale said the budget was approved on Tuesday.",
    "The senator's outrageous scheme was a disgrace, critics in Harbor City said.",
]


def spans_of(text: str, *phrases: str) -> list[tuple[int, int]]:
    out = []
    for p in phrases:
        i = text.index(p)
        out.append((i, i + len(p)))
    return out


@pytest.fixture
def analyses():
    return fl.analyze_batch(TEXTS)


def loaded_texts(a):
    return [m.text for m in a.markers if m.category == "loaded" and not m.negated]


def test_spans_score_overlap_and_list_disagreements(analyses):
    # The coder marked what the lexicon finds in the first text, plus a phrase it cannot know.
    found = loaded_texts(analyses[0])
    assert "baselessly" in found
    gold = [
        spans_of(TEXTS[0], "baselessly") + [{"start": 35, "end": 40, "category": "loaded"}],
        [],
        spans_of(TEXTS[2], "outrageous"),
    ]
    assert TEXTS[0][35:40] == "mayor"
    v = fl.validate(analyses, gold, bootstrap=200)
    assert v.level == "span" and list(v.scores) == ["loaded"]
    n_pred = sum(len(loaded_texts(a)) for a in analyses)
    assert v.counts["loaded"] == {"n_gold": 3.0, "n_pred": float(n_pred)}
    s = v.scores["loaded"]
    # "mayor" is missed; every marker not over a gold span is extra.
    rows = v.disagreements
    rows = rows.to_dict("records") if hasattr(rows, "to_dict") else rows
    missed = [r for r in rows if r["kind"] == "missed"]
    extra = [r for r in rows if r["kind"] == "extra"]
    assert [r["text"] for r in missed] == ["mayor"]
    assert missed[0]["context"].find("[mayor]") > 0 and missed[0]["doc"] == 0
    tp = n_pred - len(extra)
    assert s["recall"].value == pytest.approx(2 / 3)
    assert s["precision"].value == pytest.approx(tp / n_pred)
    for e in s.values():
        assert e.low <= e.value <= e.high
    assert all(r["entry"] for r in extra)
    assert "loaded" in v.table() and "disagreements" in str(v)
    json.dumps(v.to_dict())


def test_exact_and_partial_matching(analyses):
    text = TEXTS[0]
    i = text.index("baselessly")
    gold = [[(i, i + 4)], [], []]  # half a word: overlaps, is not exact
    ov = fl.validate(analyses[:1], gold[:1], bootstrap=50)
    ex = fl.validate(analyses[:1], gold[:1], match="exact", bootstrap=50)
    pa = fl.validate(analyses[:1], gold[:1], match="partial", bootstrap=50)
    assert ov.scores["loaded"]["recall"].value == 1.0
    assert ex.scores["loaded"]["recall"].value == 0.0
    assert pa.scores["loaded"]["recall"].value == 1.0
    # Partial credit: the marker is covered 4 of 10 code points.
    n = len(loaded_texts(analyses[0]))
    assert pa.scores["loaded"]["precision"].value == pytest.approx(0.4 / n)


def test_labels_give_accuracy_and_label_disagreements(analyses):
    has = [bool(loaded_texts(a)) for a in analyses]
    assert has == [True, False, True]
    gold = [True, True, {"loaded": False, "hedge": False}]
    v = fl.validate(analyses, gold, bootstrap=100)
    assert v.level == "label"
    assert set(v.scores) == {"loaded", "hedge"}
    lo = v.scores["loaded"]
    assert lo["accuracy"].value == pytest.approx(1 / 3)
    assert lo["precision"].value == pytest.approx(1 / 2)
    assert lo["recall"].value == pytest.approx(1 / 2)
    rows = v.disagreements
    rows = rows.to_dict("records") if hasattr(rows, "to_dict") else rows
    kinds = {(r["doc"], r["category"], r["kind"]) for r in rows}
    assert (1, "loaded", "missed") in kinds and (2, "loaded", "extra") in kinds
    # Category names and sets work too.
    v2 = fl.validate(analyses, ["loaded", set(), {"loaded"}], bootstrap=20)
    assert v2.scores["loaded"]["f1"].value == 1.0


def test_voice_filter_and_categories(analyses):
    gold = [spans_of(TEXTS[0], "baselessly"), [], []]
    v = fl.validate(analyses, gold, voice="quoted", bootstrap=20)
    assert v.counts["loaded"]["n_pred"] == 0
    v = fl.validate(analyses, gold, categories=["loaded", "hedge"], bootstrap=20)
    assert list(v.scores) == ["loaded", "hedge"]


@pytest.mark.parametrize(
    ("gold", "message"),
    [
        ([[(0, 500)], [], []], "gold[0][0]: span (0, 500) is not inside the text"),
        ([[(5, 2)], [], []], "start < end"),
        ([[(0, 3, "spin")], [], []], "gold[0][0]: unknown category 'spin'"),
        ([[{"start": 1}], [], []], "gold[0][0]: a span needs 'start' and 'end'"),
        ([[("a", 3)], [], []], "must be integers"),
        ([[(0, 3)], True, []], "mixes span lists and labels"),
        ([True, 3, False], "gold[1]: a label is True/False"),
        ([True, {"loaded": "yes"}, False], "gold[1]: label of 'loaded' must be True or False"),
        ([True, False], "3 analyses but 2 gold items"),
    ],
)
def test_bad_gold_names_the_item(analyses, gold, message):
    with pytest.raises(fl.GoldError, match=re.escape(message)):
        fl.validate(analyses, gold)


def test_bad_arguments(analyses):
    with pytest.raises(fl.GoldError, match="match must be"):
        fl.validate(analyses, [[], [], []], match="fuzzy")  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="item 1 is a str"):
        fl.validate([analyses[0], "text"], [[], []])  # type: ignore[list-item]


def test_without_pandas_disagreements_are_dicts(analyses, monkeypatch):
    import builtins

    real = builtins.__import__

    def no_pandas(name, *args, **kwargs):
        if name == "pandas":
            raise ImportError(name)
        return real(name, *args, **kwargs)

    monkeypatch.setattr(builtins, "__import__", no_pandas)
    v = fl.validate(analyses, [[], [], []], bootstrap=10)
    assert isinstance(v.disagreements, list)
    assert all(r["kind"] == "extra" for r in v.disagreements)
    assert len(v.disagreements) == sum(len(loaded_texts(a)) for a in analyses)


def test_command_line(tmp_path, capsys):
    gold = tmp_path / "gold.jsonl"
    i = TEXTS[0].index("baselessly")
    lines = [
        {"id": "a", "text": TEXTS[0], "spans": [[i, i + 10], {"start": 35, "end": 40}]},
        {"id": "b", "text": TEXTS[1], "spans": []},
    ]
    gold.write_text("\n".join(json.dumps(x) for x in lines) + "\n")
    out = tmp_path / "dis.csv"
    args = ["validate", str(gold), "--bootstrap", "50", "--disagreements", str(out)]
    assert main(args) == 0
    table = capsys.readouterr().out
    assert table.startswith("category") and "loaded" in table
    assert "mayor" in out.read_text() and out.read_text().startswith("doc,doc_id,category")
    assert main([*args, "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["scores"]["loaded"]["recall"]["value"] == 0.5
    assert data["disagreements"][0]["doc_id"] == "a"
    labels = tmp_path / "labels.jsonl"
    labels.write_text(
        json.dumps({"text": TEXTS[0], "label": True})
        + "\n"
        + json.dumps({"text": TEXTS[1], "labels": ["loaded"]})
        + "\n"
    )
    assert main(["validate", str(labels), "--format", "json", "--bootstrap", "10"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["level"] == "label" and data["scores"]["loaded"]["precision"]["value"] == 1.0
    gold.write_text(json.dumps({"text": "x"}) + "\n")
    assert main(["validate", str(gold)]) == 1
    assert "gold.jsonl:1: no 'spans'" in capsys.readouterr().err
    gold.write_text("\n{not json\n")
    assert main(["validate", str(gold)]) == 1
    assert "gold.jsonl:2: not JSON" in capsys.readouterr().err


def test_span_matching_agrees_with_testing_every_pair():
    # Random markers and gold spans of one document, overlapping and nested: the sorted sweep
    # finds the same extra markers, missed spans and partial credit as testing every pair.
    import random

    from framelens.evaluate.lexical import merge, overlap
    from framelens.validation import _span_counts

    rng = random.Random(3)

    class M:
        def __init__(self, s: int, e: int) -> None:
            self.start, self.end = s, e

    for _ in range(200):
        pred = sorted(
            (M(s, s + rng.randint(1, 6)) for s in rng.sample(range(60), 8)),
            key=lambda m: m.start,
        )
        gold = [(s, s + rng.randint(1, 9)) for s in rng.sample(range(60), 6)]
        ps = [(m.start, m.end) for m in pred]
        counts, extra, missed = _span_counts(pred, gold, "partial")  # type: ignore[arg-type]
        kept = [m for m, p in zip(pred, ps, strict=True) if not any(overlap(p, g) for g in gold)]
        assert extra == kept
        assert missed == [g for g in gold if not any(overlap(p, g) for p in ps)]
        mp, mg = merge(ps), merge(gold)
        want = sum(sum(overlap(p, g) for g in mg) / (p[1] - p[0]) for p in mp)
        assert counts["tp_pred"] == pytest.approx(want)


def test_gold_files_break_lines_at_newlines_only(tmp_path, capsys):
    gold = tmp_path / "gold.jsonl"
    text = TEXTS[0] + "\u2028Second line.\x85Third."
    i = text.index("baselessly")
    row = {"text": text, "spans": [[i, i + 10]]}
    gold.write_text(json.dumps(row, ensure_ascii=False) + "\r\n", encoding="utf-8")
    assert main(["validate", str(gold), "--format", "json", "--bootstrap", "10"]) == 0
    assert json.loads(capsys.readouterr().out)["scores"]["loaded"]["recall"]["value"] == 1.0
    gold.write_bytes("\ufeff".encode() + json.dumps(row).encode())
    assert main(["validate", str(gold), "--bootstrap", "10"]) == 0
    capsys.readouterr()
    gold.write_bytes(b'{"text": "caf\xe9", "label": true}\n')
    assert main(["validate", str(gold)]) == 1
    assert "gold.jsonl: not UTF-8 text" in capsys.readouterr().err
    gold.write_text(json.dumps({"text": "x", "label": ["loaded", ["x"]]}) + "\n")
    assert main(["validate", str(gold)]) == 1
    assert "gold.jsonl:1: a list of labels holds category names only" in capsys.readouterr().err
