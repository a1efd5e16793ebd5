"""Importers and the evaluation command, on small files written here."""

import json
import pickle

import framelens as fl
import pytest
from framelens import evaluate


def test_wordlist_importer(tmp_path):
    p = tmp_path / "list.txt"
    p.write_text("# a comment\nbrutal*\nRegime\n\nregime\n", encoding="utf-8")
    lex = fl.Lexicon.from_wordlist(p)
    assert len(lex) == 2
    a = fl.Analyzer(lex).analyze("The regime's brutality.")
    assert [m.text for m in a.markers] == ["regime", "brutality"]
    assert fl.Lexicon.from_wordlist(p, category="hedge").entries()[0]["category"] == "hedge"
    with pytest.raises(fl.LexiconError, match="unknown category `nope`") as err:
        fl.Lexicon.from_wordlist(p, category="nope")
    # The message lists every category a lexicon may use, reporting cues included.
    listed = str(err.value).split("expected one of: ")[1].rstrip(")").split(", ")
    assert sorted(listed) == sorted([*fl.CATEGORIES, "report"])
    assert fl.Lexicon.from_wordlist(p, category="report").entries()[0]["category"] == "report"


def test_mpqa_importer_and_strength(tmp_path):
    p = tmp_path / "clues.tff"
    p.write_text(
        "type=strongsubj len=1 word1=abhor pos1=verb stemmed1=y priorpolarity=negative\n"
        "type=weaksubj len=1 word1=able pos1=adj stemmed1=n priorpolarity=positive\n",
        encoding="utf-8",
    )
    assert len(fl.Lexicon.from_mpqa(p)) == 2
    strong = fl.Lexicon.from_mpqa(p, strength="strong")
    assert [e["subcategory"] for e in strong.entries()] == ["strongsubj"]
    assert [m.text for m in fl.Analyzer(strong).analyze("They abhorred it.").markers] == [
        "abhorred"
    ]
    bad = tmp_path / "bad.tff"
    bad.write_text("type=strongsubj len=1 pos1=verb\n", encoding="utf-8")
    with pytest.raises(fl.LexiconError, match=r"bad.tff line 1: no `word1=` field"):
        fl.Lexicon.from_mpqa(bad)


def test_liwc_importer(tmp_path):
    p = tmp_path / "dict.dic"
    p.write_text("%\n1\tnegemo\n2\tanger\n%\nhate*\t1\t2\nkind of\t1\n", encoding="utf-8")
    lex = fl.Lexicon.from_liwc(p)
    assert [e["id"] for e in lex.entries()] == ["liwc:negemo", "liwc:anger"]
    a = fl.Analyzer(lex).analyze("It is kind of hateful.")
    assert {m.text for m in a.markers} == {"kind of", "hateful"}
    bad = tmp_path / "bad.dic"
    bad.write_bytes(b"%\n1 x\n%\nok 1\n\xff 1\n")
    with pytest.raises(fl.LexiconError, match="not valid UTF-8 at byte 13"):
        fl.Lexicon.from_liwc(bad)
    with pytest.raises(fl.FramelensIOError, match="cannot read lexicon"):
        fl.Lexicon.from_liwc(tmp_path / "missing.dic")


def test_lexicon_without_drops_entries_and_keeps_order():
    lex = fl.Lexicon.from_toml_str(
        'category = "loaded"\n'
        '[[entry]]\nid = "a"\nterms = ["awful"]\n'
        '[[entry]]\nid = "b"\nterms = ["bad"]\n'
        '[[entry]]\nid = "c"\nterms = ["crooked"]\n'
    )
    pruned = lex.without(["b"])
    assert [e["id"] for e in pruned.entries()] == ["a", "c"]
    assert len(lex) == 3  # the original is unchanged
    assert [m.entry for m in fl.Analyzer(pruned).analyze("Awful, bad, crooked.").markers] == [
        "a",
        "c",
    ]
    assert pickle.loads(pickle.dumps(pruned)) == pruned
    assert lex.without([]) == lex
    with pytest.raises(fl.LexiconError, match=r"no entry with id `nope`, `zzz`"):
        lex.without(["zzz", "a", "nope"])
    default = fl.Lexicon.default()
    first = default.entries()[0]["id"]
    assert len(default.without([first])) == len(default) - 1


def write_jsonl(path, rows):
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("\n".join(json.dumps(r) for r in rows) + "\n", encoding="utf-8")


def test_evaluation_metrics_on_a_tiny_corpus(tmp_path):
    write_jsonl(
        tmp_path / "babe" / "dev.jsonl",
        [
            {
                "text": "The regime baselessly attacked.",
                "label_bias": "Biased",
                "biased_words": ["baselessly"],
            },
            {
                "text": "The ministry met on Tuesday.",
                "label_bias": "Non-biased",
                "biased_words": [],
            },
            {"text": "A plan was bizarre.", "label_bias": "Biased", "biased_words": ["plan"]},
        ],
    )
    text = "They hatch plots daily. Nothing else."
    start = text.index("hatch plots")
    write_jsonl(
        tmp_path / "ptc" / "dev.jsonl",
        [
            {
                "id": "1",
                "text": text,
                "spans": [
                    {"technique": "Loaded_Language", "start": start, "end": start + 11},
                    {"technique": "Doubt", "start": 0, "end": 4},
                ],
            }
        ],
    )
    results = evaluate.run(tmp_path, ["babe", "ptc"], baselines=False)
    babe = results["babe"]["framelens"]
    # Predicted words: {regime, baselessly}, {}, {bizarre}; gold: {baselessly}, {}, {plan}.
    assert babe["word_precision"] == pytest.approx(1 / 3)
    assert babe["word_recall"] == pytest.approx(1 / 2)
    assert babe["sentence_accuracy"] == pytest.approx(1.0)
    ptc = results["ptc"]["framelens"]
    assert ptc["precision"] == pytest.approx(1.0) and ptc["recall"] == pytest.approx(1.0)


def test_basil_text_offsets():
    article = {"paragraphs": [["One two.", "Three."], ["Four five."]]}
    text, offsets = evaluate.basil_text(article)
    assert text == "One two. Three.\n\nFour five."
    assert [text[o : o + 4] for o in offsets] == ["One ", "Thre", "Four"]


def test_evaluate_cli_skips_missing_corpora(tmp_path, capsys):
    assert evaluate.main([str(tmp_path), "--whole", "--no-baselines", "--format", "json"]) == 0
    assert json.loads(capsys.readouterr().out) == {}
    assert evaluate.main([str(tmp_path), "--format", "json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["cross_validation"]["corpora"] == {}


def judged_table(name: str) -> tuple[list[dict[str, str]], dict[str, list[int]]]:
    """A judged ABP context table of tests/data (scripts/head_contexts.py): its rows, and each
    key's judgements in row order."""
    import csv
    from pathlib import Path

    table = Path(__file__).resolve().parent.parent / "data" / name
    with table.open(encoding="utf-8") as f:
        rows = list(csv.DictReader(f, delimiter="\t"))
    judged: dict[str, list[int]] = {}
    for r in rows:
        judged.setdefault(r["word"], []).append(int(r["judgement"]))
    return rows, judged


def test_head_words_are_the_ones_judged_loaded_in_news():
    # scripts/derive_heads.py rule 6: a head word loaded in fewer than half of its judged ABP
    # contexts (tests/data/abp_head_contexts.tsv) is no head entry's term; the others are.
    rows, shares = judged_table("abp_head_contexts.tsv")
    assert len(rows) == 472
    assert {r["judgement"] for r in rows} == {"0", "1"}
    assert all(r["reason"] for r in rows if r["judgement"] == "0")
    heads = {
        t["text"] for e in fl.Lexicon.default().entries() if e.get("head_of") for t in e["terms"]
    }
    assert len(heads) == 35
    for word, judged in shares.items():
        loaded = 2 * sum(judged) >= len(judged)
        if word in {"self-in\u00adterest"}:  # a soft hyphen in the article: not a head term
            continue
        assert (word in heads) == loaded, (word, judged)


def test_entries_judged_descriptive_in_news_are_out_of_the_default_lexicon():
    # The 150 commonest loaded entries in ABP, six contexts each, judged by us
    # (tests/data/abp_entry_contexts.tsv): those loaded in fewer than a third of their
    # contexts were removed from the default lexicon; the others stay.
    rows, judged = judged_table("abp_entry_contexts.tsv")
    assert len(rows) == 900
    assert all(bool(r["reason"]) == (r["judgement"] == "0") for r in rows)
    assert len(judged) == 150
    ids = {e["id"] for e in fl.Lexicon.default().entries()}
    out = sorted(e for e, js in judged.items() if 3 * sum(js) < len(js))
    assert len(out) == 45
    assert not ids & set(out)
    assert set(judged) - set(out) <= ids
    # A removed one-word entry does not come back as a head word.
    a = fl.analyze("The crackdown drew anger and a massive surge of protest.")
    assert [m.text for m in a.markers if m.category == "loaded"] == []


@pytest.mark.parametrize(
    ("name", "terms", "per_term"),
    [("abp_frame_term_contexts3.tsv", 200, 5), ("abp_frame_term_contexts3b.tsv", 51, 10)],
)
def test_the_third_frame_term_round_is_published_not_applied(name, terms, per_term):
    # Round three (the next 200 terms) and ten more contexts of the kept terms right in at most
    # three of their first five: judged like the first two rounds, but their removals cost FrAC
    # more than they gained (docs/guide/evaluation.md), so every term they hold that the first
    # two rounds kept is still in the lexicon.
    rows, judged = judged_table(name)
    assert len(rows) == terms * per_term
    assert all(len(js) == per_term for js in judged.values())
    assert all(bool(r["reason"]) == (r["judgement"] == "0") for r in rows)
    lexicon = {
        f"{e['id']}/{t['text'].lower()}"
        for e in fl.Lexicon.default().entries()
        if e["category"] == "frame"
        for t in e["terms"]
    }
    assert set(judged) <= lexicon


@pytest.mark.parametrize(
    ("name", "terms", "removed"),
    [("abp_frame_term_contexts.tsv", 120, 33), ("abp_frame_term_contexts2.tsv", 120, 35)],
)
def test_frame_terms_judged_wrong_in_news_are_out_of_the_default_lexicon(name, terms, removed):
    # The commonest policy-frame terms in ABP, five contexts each, judged by us in two rounds
    # (the second takes the next 120; keys <entry>/<term>): the terms right in fewer than half
    # of their contexts were removed from their entries; the others stay.
    rows, judged = judged_table(name)
    assert len(rows) == 5 * terms
    assert all(bool(r["reason"]) == (r["judgement"] == "0") for r in rows)
    assert len(judged) == terms
    lexicon = {
        f"{e['id']}/{t['text'].lower()}"
        for e in fl.Lexicon.default().entries()
        if e["category"] == "frame"
        for t in e["terms"]
    }
    out = {k for k, js in judged.items() if 2 * sum(js) < len(js)}
    assert len(out) == removed
    assert not lexicon & out
    assert set(judged) - out <= lexicon
