import json
import os
import pickle
import subprocess
import sys
import time

import framelens as fl
import pytest
from conftest import ARTICLE, seconds_to_interrupt, threads_now


def test_loaded_author_marker_and_quoted_phrase(article):
    a = fl.analyze(article)
    by_text = {m.text: m for m in a.markers}
    b = by_text["baselessly"]
    assert (b.category, b.voice, b.entry, b.negated) == ("loaded", "author", "baseless", False)
    assert by_text["unfounded claims"].voice == "author"
    worst = [q for q in a.quotes if q.text == "worst deal ever"]
    assert len(worst) == 1
    inside = [m for m in a.markers if worst[0].start <= m.start and m.end <= worst[0].end]
    assert inside and all(m.voice == "quoted" for m in inside)
    assert by_text["clearly"].voice == "quoted"
    for m in a.markers:
        assert article[m.start : m.end] == m.text


def test_profile_counts_and_rates(article):
    p = fl.analyze(article).profile
    assert p.words > 50 and p.sentences >= 6
    assert p.author_words + p.quoted_words == p.words
    loaded = p.counts["loaded"]
    assert loaded["all"] == loaded["author"] + loaded["quoted"]
    assert p.rates["loaded"]["all"] == pytest.approx(loaded["all"] * 1000 / p.words)
    assert set(p.rates) == {
        "loaded",
        "hedge",
        "booster",
        "factive",
        "naming",
        "frame",
        "generic_frame",
        "scare_quote",
    }


# Fictional texts, each with the denominators it leaves at zero: "all", "author" and "quoted"
# are the rates per 1,000 words, author-voice words and quoted words.
NO_DENOMINATOR = [
    pytest.param("", {"all", "author", "quoted", "sentence_share", "anonymous_share"}, id="empty"),
    pytest.param(
        "The regime lied about the reckless plan for the Tarnby dam.",
        {"quoted", "anonymous_share"},
        id="no-quotation-no-attribution",
    ),
    pytest.param(
        "\u201cThe reckless plan for the Tarnby dam is a disgrace.\u201d",
        {"author", "anonymous_share"},
        id="all-quotation",
    ),
    pytest.param(
        'Mayor Ilsa Brandt said the plan was "a reckless disgrace".', set(), id="every-one"
    ),
]


@pytest.mark.parametrize(("text", "undefined"), NO_DENOMINATOR)
def test_a_profile_rate_with_no_denominator_is_none_not_zero(text, undefined):
    a = fl.analyze(text)
    p = a.profile
    words = {"all": p.words, "author": p.author_words, "quoted": p.quoted_words}
    for cat, rates in p.rates.items():
        for voice, rate in rates.items():
            if voice in undefined:
                assert words[voice] == 0 and rate is None, (cat, voice, rate)
            else:
                expected = p.counts[cat][voice] * 1000 / words[voice]
                assert rate == pytest.approx(expected), (cat, voice)
    att = p.attribution
    assert (att["sentence_share"] is None) == ("sentence_share" in undefined) == (p.sentences == 0)
    assert (att["anonymous_share"] is None) == ("anonymous_share" in undefined)
    assert (att["anonymous_share"] is None) == (att["total"] == 0)
    # The same in every form of the analysis: null in its JSON, None in its dict.
    for form in (a.to_dict(), json.loads(a.to_json())):
        assert form["profile"]["rates"] == p.rates
        assert form["profile"]["attribution"] == att
    assert pickle.loads(pickle.dumps(p)) == p
    assert ("loaded_per_1k=n/a" in repr(p)) == ("all" in undefined), repr(p)


def test_batch_equals_single_calls_in_order(article):
    texts = [
        article,
        "",
        "  \n",
        "They slammed the draconian crackdown.",
        "caf\u00e9 \u201cregime\u201d",
    ]
    items = []
    for i in range(1000):
        t = texts[i % len(texts)]
        if i % 3 == 0:
            items.append(t)
        elif i % 3 == 1:
            items.append(fl.Document(t, doc_id=f"d{i}"))
        else:
            items.append({"text": t, "id": f"d{i}", "outlet": "Northwire"})
    batch = fl.analyze_batch(items)
    single = []
    for it in items:
        if isinstance(it, str):
            single.append(fl.analyze(it))
        elif isinstance(it, fl.Document):
            single.append(fl.analyze(it.text, doc_id=it.doc_id))
        else:
            single.append(fl.analyze(it["text"], doc_id=it["id"], outlet=it["outlet"]))
    assert batch == single
    assert fl.analyze_batch(items, threads=1) == fl.analyze_batch(items, threads=2)


# Run in a fresh interpreter: in the test process, memory freed by earlier tests lets a batch
# reuse pages without growing the resident set, and the figures below mean nothing.
FREED_BY_THE_POOL = """
import os, sys
import framelens as fl

def resident_mb():
    with open("/proc/self/statm") as f:
        return int(f.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 1e6

article = sys.stdin.read()
an = fl.Analyzer()
texts = [article] * 2000
before = resident_mb()
held = an.analyze_batch(texts, threads=2)
one_batch = resident_mb() - before
one = held[7]
del held
for _ in range(25):
    batch = an.analyze_batch(texts, threads=2)
    assert len(batch) == len(texts)
    del batch
print(one_batch, resident_mb() - before, one == an.analyze(article) and len(one.markers) > 0)
"""


@pytest.mark.skipif(not os.path.exists("/proc/self/statm"), reason="reads /proc/self/statm")
def test_threaded_batch_results_are_freed_by_the_pool(article):
    # A threaded batch's results go back to the pool's threads to be freed when Python lets go.
    out = subprocess.run(
        [sys.executable, "-c", FREED_BY_THE_POOL],
        input=article,
        capture_output=True,
        text=True,
        check=True,
    ).stdout.split()
    one_batch, after, whole = float(out[0]), float(out[1]), out[2]
    assert one_batch > 5
    # Never freed, 25 batches would hold 25 times as much.
    assert after < 4 * one_batch, (one_batch, after)
    # A result kept from a dropped batch is whole.
    assert whole == "True"


def test_one_bad_document_gives_one_error():
    items = ["fine", "bad \ud800 surrogate", 42, {"no_text": 1}, "also fine"]
    out = fl.analyze_batch(items, errors="collect")
    assert len(out) == 5
    assert isinstance(out[0], fl.Analysis) and isinstance(out[4], fl.Analysis)
    assert isinstance(out[1], fl.DocumentError) and "document 1" in str(out[1])
    assert "surrogates not allowed" in str(out[1])
    assert "document 2: expected str, Document or dict, got int" in str(out[2])
    assert "document 3: dict has no `text` key" in str(out[3])
    with pytest.raises(fl.DocumentError, match="document 1"):
        fl.analyze_batch(items)


def test_errors_are_typed():
    assert issubclass(fl.LexiconError, fl.FramelensError)
    assert issubclass(fl.LexiconError, ValueError)
    assert issubclass(fl.DocumentError, ValueError)
    with pytest.raises(fl.DocumentError, match="not valid Unicode"):
        fl.analyze("abc\udfff")
    with pytest.raises(fl.DocumentError, match="over the limit of 10 bytes"):
        fl.Analyzer(max_bytes=10).analyze("x" * 11)
    with pytest.raises(fl.ConfigError, match="errors must be"):
        fl.analyze_batch(["x"], errors="ignore")  # type: ignore[arg-type]
    with pytest.raises(fl.ConfigError, match="threads must be at least 1"):
        fl.analyze_batch(["x"], threads=0)


FORKED_CHILDREN = """
import multiprocessing as mp
import framelens as fl

texts = ["The regime baselessly claimed victory, a spokesman said."] * 50
held = fl.analyze_batch(texts, threads=2) + fl.analyze_batch(texts)
fl.compare(held, by=["a", "b"] * 50, bootstrap=50)


def child(i):
    mine = fl.analyze_batch(texts, threads=2) + fl.analyze_batch(texts)
    groups = fl.compare(mine, by=["a", "b"] * 50, bootstrap=50).groups
    held.clear()  # results made by the parent's threads, freed in the child
    return len(mine) + len(groups)


with mp.get_context("fork").Pool(2) as pool:
    print(pool.map(child, range(4)))
"""


@pytest.mark.skipif(not hasattr(os, "fork"), reason="needs fork")
def test_forked_children_analyse_on_their_own_threads():
    # multiprocessing forks on Linux; a child inherits the parent's pools but not their threads.
    r = subprocess.run(
        [sys.executable, "-c", FORKED_CHILDREN], capture_output=True, text=True, timeout=60
    )
    assert r.returncode == 0, r.stderr
    assert r.stdout.split() == ["[102,", "102,", "102,", "102]"]


def test_threads_environment_variable_is_validated():
    code = "import framelens as fl; fl.analyze_batch(['x'])"
    env = dict(os.environ, FRAMELENS_THREADS="many")
    r = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True)
    assert r.returncode != 0 and "FRAMELENS_THREADS must be a positive whole number" in r.stderr
    env["FRAMELENS_THREADS"] = "2"
    r = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True)
    assert r.returncode == 0, r.stderr


def test_lexicon_custom_and_errors(tmp_path):
    src = 'category = "loaded"\n[[entry]]\nid = "nice"\nterms = ["lovely"]\nnote = "x"\n'
    lex = fl.Lexicon.from_toml_str(src, name="mine.toml")
    a = fl.Analyzer(lex).analyze("A lovely day, not baselessly.")
    assert [m.entry for m in a.markers] == ["nice"]
    merged = fl.Lexicon.default().extend(lex)
    assert len(merged) == len(fl.Lexicon.default()) + 1
    assert "lovely" in merged.terms()
    bad = tmp_path / "bad.toml"
    bad.write_text('category = "loaded"\n\n[[entry]]\nid = "x"\n')
    with pytest.raises(fl.LexiconError, match=r"bad.toml line 3: entry `x` has no terms"):
        fl.Lexicon.from_toml(bad)
    with pytest.raises(fl.LexiconError, match="already defined"):
        lex.extend(lex)


@pytest.mark.parametrize(
    "obj",
    [
        fl.analyze(ARTICLE),
        fl.analyze(ARTICLE).markers[0],
        fl.analyze(ARTICLE).quotes[0],
        fl.analyze(ARTICLE).profile,
        fl.Document("text", doc_id="a", outlet="o", url="u", published="2020-01-01"),
        fl.Span(1, 3, "ab"),
        fl.Lexicon.default(),
        fl.Lexicon.from_toml_str('category="hedge"\n[[entry]]\nid="a"\nterms=["b"]\n'),
    ],
    ids=lambda o: type(o).__name__,
)
def test_pickle_round_trip(obj):
    assert pickle.loads(pickle.dumps(obj)) == obj


def test_analyzer_pickles_and_keeps_its_lexicon():
    lex = fl.Lexicon.from_toml_str('category="hedge"\n[[entry]]\nid="a"\nterms=["maybe"]\n')
    an = fl.Analyzer(lex, max_bytes=1000)
    back = pickle.loads(pickle.dumps(an))
    assert back.max_bytes == 1000 and back.lexicon == lex
    assert back.analyze("maybe so") == an.analyze("maybe so")


def test_results_are_frozen_and_printable(article):
    a = fl.analyze(article, doc_id="x1", outlet="Northwire", url="https://example.org/a")
    m = a.markers[0]
    with pytest.raises(AttributeError):
        m.start = 3  # type: ignore[misc]
    assert repr(a).startswith('Analysis(doc_id="x1"') or repr(a).startswith("Analysis(doc_id=Some")
    assert "Marker(start=" in repr(m)
    d = a.to_dict()
    assert d["text"] == article and d["outlet"] == "Northwire" and d["url"].endswith("/a")
    assert d["markers"][0] == m.to_dict()
    import json

    json.dumps(d)


def test_docstring_examples_run():
    import doctest

    failures, tried = doctest.testmod(fl, verbose=False)
    assert tried > 0 and failures == 0


def test_attribution_in_python():
    text = (
        "Moscow backs the accord, whereas Donald Trump describes it as the "
        "\u201cworst deal ever\u201d, Rouhani said. He added that talks would go on."
    )
    a = fl.analyze(text)
    by_cue = {x.cue.text: x for x in a.attributions}
    trump = by_cue["describes it as"]
    assert (trump.kind, trump.speaker.text, trump.speaker_type) == (
        "direct",
        "Donald Trump",
        "named",
    )
    assert trump.content.text == "worst deal ever"
    rouhani = by_cue["said"]
    assert (rouhani.speaker.text, rouhani.verb_stance, rouhani.kind) == (
        "Rouhani",
        "neutral",
        "indirect",
    )
    he = by_cue["added"]
    assert he.speaker_type == "pronoun" and he.resolved_speaker.text == "Rouhani"
    for x in a.attributions:
        for span in (x.cue, x.speaker, x.content, x.resolved_speaker):
            if span is not None:
                assert text[span.start : span.end] == span.text
    worst = next(m for m in a.markers if m.text == "worst deal ever" and m.category == "loaded")
    assert (worst.voice, worst.speaker) == ("quoted", "Donald Trump")
    # Trump's words are inside Rouhani's reported clause: a nested attribution, which the
    # profile leaves out.
    assert a.attributions[trump_index := a.attributions.index(trump)].parent is not None
    assert a.attributions[a.attributions[trump_index].parent] == rouhani
    assert rouhani.parent is None and he.parent is None
    prof = a.profile.attribution
    assert prof["total"] == 2 and prof["speakers"]["Rouhani"] == 2
    assert trump.to_dict()["parent"] == a.attributions.index(rouhani)
    assert pickle.loads(pickle.dumps(trump)) == trump
    assert trump.to_dict()["speaker"]["text"] == "Donald Trump"
    assert "Attribution(kind=" in repr(trump)


def test_attribution_cue_kind() -> None:
    a = fl.analyze("Ms. Varga said the bridge was safe. Mr. Lund believes it is not.")
    kinds = {x.cue.text: x.cue_kind for x in a.attributions}
    assert kinds == {"said": "speech", "believes": "belief"}


def test_every_export_gives_a_weight_as_written():
    # Weights are stored in 32 bits; 0.3 read back as 0.30000001192092896 in to_dict, tables
    # and Marker.weight, while to_json wrote 0.3.
    a = fl.analyze("They reportedly said it was around ten.")
    weights = {m.entry: m.weight for m in a.markers}
    assert 0.3 in weights.values()
    as_json = [m["weight"] for m in json.loads(a.to_json())["markers"]]
    assert as_json == [m["weight"] for m in a.to_dict()["markers"]] == list(weights.values())
    assert [r["weight"] for r in fl.tables.rows([a], "markers")] == as_json
    pa = pytest.importorskip("pyarrow")
    table = fl.to_arrow([a], level="markers")
    assert isinstance(table, pa.Table) and table.column("weight").to_pylist() == as_json


# Fictional sentences, repeated to about the length of a news article (3,000 characters).
LONG_ARTICLE = (
    "Officials said the regime's reckless plan failed, critics warned on Tuesday. "
    "Sanctions hit trade in the fictional port of Varnholm, the ministry reportedly claimed. "
    '"We will not retreat," said Mara Ostrel, a spokeswoman for the Harbour Union. '
) * 12

# Each batch runs several seconds to the end on two threads (about 7 s for analyze_batch,
# mostly without the GIL).
LONG_BATCHES = {
    "analyze_batch": lambda n: fl.analyze_batch([LONG_ARTICLE] * n, threads=2),
    "token_features": lambda n: fl.Analyzer().token_features([LONG_ARTICLE] * (n // 12), threads=2),
}


@pytest.mark.skipif(os.name != "posix", reason="POSIX signals")
@pytest.mark.parametrize("call", sorted(LONG_BATCHES))
def test_ctrl_c_stops_a_long_batch_promptly(call):
    # Ctrl-C (SIGINT to this process) 0.3 s into the batch must raise KeyboardInterrupt within
    # seconds, with no result, and leave the pool free for the next batch.
    run = LONG_BATCHES[call]
    small = run(20)
    tasks = threads_now()
    took = seconds_to_interrupt(lambda: run(24_000))
    # Generous for a slow, shared machine: without the signal checks it ran to the end.
    assert took < 4.0, f"KeyboardInterrupt after {took:.1f} s"
    # The cancelled work stopped: the next batch is quick and the same as before, and no thread
    # was left behind.
    started = time.monotonic()
    again = run(20)
    assert time.monotonic() - started < 3.0
    if call == "analyze_batch":
        again, small = [a.to_dict() for a in again], [a.to_dict() for a in small]
    assert again == small
    if tasks is not None:
        assert threads_now() == tasks
