import json
import pickle

import framelens as fl
import pytest
from conftest import EXAMPLES
from framelens.cli import main

LEFT = [
    "Undocumented immigrants rallied on Tuesday. Jane Roe said the reckless plan was a disaster.",
    "Officials said undocumented immigrants waited. Experts say it was cruel.",
    "The anti-abortion bill passed. Jane Roe said abortion rights were under attack.",
]
RIGHT = [
    "Illegal aliens crossed the border. Omar Haddad said the open borders crisis grew.",
    "Illegal immigrants were released, sources said. The regime thrived.",
    "The pro-life bill passed. Omar Haddad said the unborn child deserves protection.",
]


def rows(x):
    return x if isinstance(x, list) else x.to_dict("records")


@pytest.fixture(scope="module")
def comparison():
    analyses = fl.analyze_batch(LEFT + RIGHT)
    return fl.compare(analyses, by=["left"] * 3 + ["right"] * 3)


def test_table_intervals_and_determinism(comparison):
    table = rows(comparison.table())
    assert {r["group"] for r in table} == {"left", "right"}
    for r in table:
        assert r["low"] <= r["value"] + 1e-9 <= r["high"] + 2e-9
    again = fl.compare(fl.analyze_batch(LEFT + RIGHT), by=["left"] * 3 + ["right"] * 3)
    assert again == comparison
    assert pickle.loads(pickle.dumps(comparison)) == comparison


def test_naming_speakers_terms(comparison):
    naming = rows(comparison.naming())
    used = {(r["group"], r["variant"]): r["count"] for r in naming}
    assert used[("left", "immigrants.undocumented")] == 2
    assert used[("right", "immigrants.illegal")] == 2
    assert comparison.exclusive_speakers("left", "right") == ["Jane Roe"]
    speakers = rows(comparison.speakers())
    assert any(r["speaker"] == "Omar Haddad" and r["count"] == 2 for r in speakers)
    terms = rows(comparison.distinctive_terms("left", "right", top=5, min_count=1))
    assert "undocumented" in [t["term"] for t in terms]
    div = rows(comparison.divergence())
    assert 0 <= div[0]["categories"] <= 1
    contrast = dict((g, z) for g, _, z in comparison.naming_contrast("left", "right"))
    assert contrast["undocumented_immigrants"] > 0


def test_grouping_options_and_errors():
    a = fl.analyze_batch(
        [{"text": "One.", "doc_id": "a", "outlet": "Reuters"}, {"text": "Two.", "doc_id": "b"}]
    )
    assert fl.group_labels(a) == ["a", "b"]
    assert fl.group_labels(a, by="outlet") == ["Reuters", "unknown"]
    assert fl.group_labels(a, by=lambda x: x.doc_id.upper()) == ["A", "B"]
    with pytest.raises(fl.ConfigError, match="2 analyses but 1 labels"):
        fl.group_labels(a, by=["x"])
    with pytest.raises(fl.ConfigError, match="not an attribute"):
        fl.group_labels(a, by="nope")
    with pytest.raises(fl.ConfigError, match="prior must be"):
        fl.compare(a, prior="flat")  # type: ignore[arg-type]
    c = fl.compare(a)
    with pytest.raises(fl.ConfigError, match="no group `zzz`"):
        c.distinctive_terms("zzz")


def test_html_escapes_group_names():
    a = fl.analyze_batch(["One.", "Two."])
    html = fl.compare(a, by=["<script>alert(1)</script>", "b"])._repr_html_()
    assert "<script>" not in html and "&lt;script&gt;" in html


def test_cli_corpus_mode(tmp_path, capsys):
    corpus = tmp_path / "c.jsonl"
    corpus.write_text(
        "\n".join(
            json.dumps({"id": str(i), "text": t, "lean": "left" if i < 3 else "right"})
            for i, t in enumerate(LEFT + RIGHT)
        ),
        encoding="utf-8",
    )
    assert main(["compare", str(corpus), "--by", "lean"]) == 0
    out = capsys.readouterr().out
    assert "6 documents in 2 groups" in out and "loaded_per_1k" in out
    assert main(["compare", str(corpus), "--by", "lean", "--format", "csv"]) == 0
    assert capsys.readouterr().out.startswith("measure,group,value,low,high")
    assert main(["compare", str(corpus), "--by", "missing"]) == 1
    assert "no column 'missing'" in capsys.readouterr().err
    csvfile = tmp_path / "c.csv"
    csvfile.write_text("id,body,lean\n1,The regime lied.,right\n2,Talks went on.,left\n")
    assert main(["compare", str(csvfile), "--text-col", "body", "--by", "lean"]) == 0


def test_cli_files_still_side_by_side(capsys):
    assert main(["compare", *map(str, EXAMPLES)]) == 0
    assert "loaded_author_per_1k" in capsys.readouterr().out
