import json
import os
import pickle
import time

import framelens as fl
import pytest
from conftest import EXAMPLES, seconds_to_interrupt, threads_now
from framelens.cli import main
from hypothesis import given, settings
from hypothesis import strategies as st

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


def test_by_outlet_names_one_outlet_one_group_however_it_was_found():
    # A registry outlet given by name in any case, by alias or by URL is one group, under the
    # registry's name; a name the registry does not know stays as written, even where the
    # dateline credits a wire; an unknown URL groups by its domain.
    docs = [
        {"text": "The council met.", "outlet": "Reuters"},
        {"text": "The council met.", "outlet": "reuters"},
        {"text": "The council met.", "url": "https://www.reuters.com/world/a"},
        {"text": "LONDON (Reuters) - The council met."},
        {"text": "The council met.", "outlet": "AP"},
        {"text": "The council met.", "url": "https://apnews.com/article/b"},
        {"text": "LONDON (Reuters) - The council met.", "outlet": "Harbor City Ledger"},
        {"text": "The council met.", "url": "https://news.harborcity-ledger.co.uk/c"},
        {"text": "The council met."},
    ]
    assert fl.group_labels(fl.analyze_batch(docs), by="outlet") == [
        "Reuters",
        "Reuters",
        "Reuters",
        "Reuters",
        "Associated Press",
        "Associated Press",
        "Harbor City Ledger",
        "harborcity-ledger.co.uk",
        "unknown",
    ]


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
    out = capsys.readouterr().out
    assert out.startswith("measure,group,value,low,high,p_permutation,p_holm")
    loaded = next(line for line in out.splitlines() if line.startswith("loaded_per_1k,"))
    assert 0 < float(loaded.split(",")[-1]) <= 1
    assert main(["compare", str(corpus), "--by", "lean", "--interval", "percentile"]) == 0
    out = capsys.readouterr().out
    assert "95% percentile bootstrap intervals" in out and "p_holm" in out
    assert main(["compare", str(corpus), "--by", "missing"]) == 1
    assert "no column 'missing'" in capsys.readouterr().err
    csvfile = tmp_path / "c.csv"
    csvfile.write_text("id,body,lean\n1,The regime lied.,right\n2,Talks went on.,left\n")
    assert main(["compare", str(csvfile), "--text-col", "body", "--by", "lean"]) == 0


def test_cli_files_still_side_by_side(capsys):
    assert main(["compare", *map(str, EXAMPLES)]) == 0
    assert "loaded_author_per_1k" in capsys.readouterr().out


def separated_pairwise(by_group):
    """``display.separated`` as a comparison of every pair: every group's interval against
    every other group's (groups without an interval, a bound NaN or None, left out), the
    reference the linear version must agree with."""
    has = {
        g: r
        for g, r in by_group.items()
        if not any(x is None or x != x for x in (r["low"], r["high"]))
    }
    out = {}
    for g, r in has.items():
        above = any(r["low"] > o["high"] for h, o in has.items() if h != g)
        below = any(r["high"] < o["low"] for h, o in has.items() if h != g)
        if above:
            out[g] = "above"
        elif below:
            out[g] = "below"
    return out


# Small integers make ties and shared bounds common; any float (NaN, infinities, an inverted
# interval whose low exceeds its high) is allowed too.
BOUND = st.one_of(st.integers(-3, 3).map(float), st.floats())


@settings(max_examples=1000, deadline=None)
@given(st.dictionaries(st.text(max_size=2), st.tuples(BOUND, BOUND), max_size=8))
def test_separated_agrees_with_every_pair_compared(intervals):
    from framelens.display import separated

    by_group = {g: {"low": lo, "high": hi, "value": lo} for g, (lo, hi) in intervals.items()}
    assert separated(by_group) == separated_pairwise(by_group)


class CountedBound(float):
    """A bound that counts the comparisons made with it."""

    made = 0

    def _count(op):
        def compare(self, other):
            CountedBound.made += 1
            return op(float(self), other)

        return compare

    __lt__ = _count(float.__lt__)
    __le__ = _count(float.__le__)
    __gt__ = _count(float.__gt__)
    __ge__ = _count(float.__ge__)
    __eq__ = _count(float.__eq__)
    __hash__ = float.__hash__


def test_separated_does_not_compare_every_pair_of_groups():
    from framelens.display import separated

    # 2,000 overlapping intervals: comparing every pair made 8 million comparisons (and took
    # 49 s to render a comparison of 3,000 documents); each bound must be compared a few times.
    groups = 2000
    by_group = {
        f"g{i}": {"low": CountedBound(i % 7), "high": CountedBound(10 + i % 5)}
        for i in range(groups)
    }
    CountedBound.made = 0
    assert separated(by_group) == {}
    assert CountedBound.made < 50 * groups


def test_styled_table_labels_hides_zero_rows_and_marks_separated_intervals():
    from framelens.display import measure_label, separated

    loaded = ["The regime's reckless, draconian, baseless plan was a disgrace."] * 4
    plain = ["The council met on Tuesday and discussed the budget for the year."] * 4
    c = fl.compare(fl.analyze_batch(loaded + plain), by=["a"] * 4 + ["b"] * 4, bootstrap=200)
    html = c._repr_html_()
    assert "Loaded language" in html and "loaded_per_1k" in html  # label, raw name as title
    assert ">Hedges<" not in html  # zero in both groups: hidden
    assert "are zero in every group are not shown" in html
    assert "Hedges" in c.to_html(all_rows=True)
    # The loaded rate of "a" lies wholly above "b"'s interval.
    row = html.split("Loaded language</th>", 1)[1].split("</tr>", 1)[0]
    assert 'class="fl-above"' in row and "▲" in row and 'class="fl-below"' in row
    assert separated({"a": {"low": 1, "high": 2}, "b": {"low": 1.5, "high": 3}}) == {}
    assert separated({"a": {"low": 3, "high": 4}, "b": {"low": 1, "high": 2}}) == {
        "a": "above",
        "b": "below",
    }
    cases = {
        "loaded_per_1k": "Loaded language",
        "scare_quote_quoted_per_1k": "Scare quotes, quoted voice",
        "hedge_author_per_1k": "Hedges, author's voice",
        "generic_frame_per_1k": "Generic frame cues",
        "frame_health_and_safety_share": "Frame: health and safety",
        "generic_frame_human_interest_share": "Generic frame: human interest",
        "stance_distancing_share": "Reporting verbs: distancing",
        "anonymous_share": "Anonymous sources",
    }
    for name, label in cases.items():
        assert measure_label(name) == label, name


def test_distinctive_terms_skip_stop_words_and_furniture():
    from framelens.comparison import skip_words

    a = [
        "Photos: hide caption. The regime of the junta is the regime of fear, the regime said.",
        "Photos: hide caption. The regime is the regime, and the junta is the junta.",
    ]
    b = [
        "Photos: hide caption. The government of the country is the government, it said.",
        "Photos: hide caption. The government and the cabinet met, and the cabinet agreed.",
    ]
    c = fl.compare(fl.analyze_batch(a + b), by=["a", "a", "b", "b"], bootstrap=50)
    kept = rows(c.distinctive_terms("a", "b", top=0, min_count=1, keep_stop_words=True))
    terms = [r["term"] for r in rows(c.distinctive_terms("a", "b", top=0, min_count=1))]
    assert {"the", "of", "is"} & {r["term"] for r in kept}
    assert not {"the", "of", "is", "photos", "hide", "caption"} & set(terms)
    assert terms[0] in ("regime", "junta")
    assert len(rows(c.distinctive_terms("a", "b", top=2, min_count=1))) == 2
    assert {"the", "photos", "caption"} <= skip_words()
    naming = {r["term"]: r["naming"] for r in rows(c.distinctive_terms("a", "b", min_count=1))}
    assert naming["regime"] and naming["junta"] == naming.get("junta", "")


def test_context_keyword_in_context(comparison):
    k = comparison.context("illegal", width=12)
    assert len(k) == 2 and {r["group"] for r in k.rows} == {"right"}
    first = k.rows[0]
    text = fl.analyze(RIGHT[0]).text
    assert text[first["start"] : first["end"]] == first["match"] == "Illegal"
    assert first["right"] == text[first["end"] : first["end"] + 12]
    assert "[Illegal]" in str(k) and "right/" in str(k)
    assert comparison.context("Jane Roe", group="left").rows[0]["match"] == "Jane Roe"
    assert len(comparison.context("jane   roe")) == 2  # any case, any spacing
    assert len(comparison.context("illegal", group="left")) == 0
    assert len(comparison.context("immigrants", limit=1)) == 1
    assert "no passages" in str(comparison.context("nowhere"))
    assert "ille" not in [r["match"].lower() for r in comparison.context("ille").rows]
    hostile = fl.compare(fl.analyze_batch(["A <b>regime</b> & co."]), by=["<i>g</i>"])
    html = hostile.context("regime")._repr_html_()
    assert "<b>regime" not in html and "&lt;b&gt;" in html and "&lt;i&gt;g" in html
    with pytest.raises(fl.ConfigError, match="no group"):
        comparison.context("x", group="nope")
    with pytest.raises(fl.ConfigError, match="empty"):
        comparison.context("  ")
    # The passages travel with a pickled comparison.
    assert len(pickle.loads(pickle.dumps(comparison)).context("illegal")) == 2


def test_interval_methods_and_between_group_tests():
    loaded = [
        "The regime's reckless, draconian, baseless plan was a disgrace.",
        "Critics slammed the disastrous, shameful scheme.",
        "The council met on Tuesday. The outrageous plan was a sham.",
    ] * 3
    plain = ["The council met on Tuesday and discussed the budget for the year."] * 9
    analyses = fl.analyze_batch(loaded + plain)
    labels = ["a"] * 9 + ["b"] * 9
    bca = fl.compare(analyses, by=labels, interval="bca")
    pct = fl.compare(analyses, by=labels, interval="percentile")
    stu = fl.compare(analyses, by=labels)
    assert bca.to_dict()["options"]["interval"] == "bca"
    assert pct.to_dict()["options"]["interval"] == "percentile"
    assert stu.to_dict()["options"]["interval"] == "studentized"
    b = {(r["measure"], r["group"]): r for r in rows(bca.table())}
    p = {(r["measure"], r["group"]): r for r in rows(pct.table())}
    s = {(r["measure"], r["group"]): r for r in rows(stu.table())}
    assert b.keys() == p.keys() == s.keys()
    # Same resamples, other quantiles: the skewed loaded rate of group "a" moves.
    key = ("loaded_per_1k", "a")
    assert b[key]["value"] == p[key]["value"] == s[key]["value"]
    assert (b[key]["low"], b[key]["high"]) != (p[key]["low"], p[key]["high"])
    for r in s.values():
        if r["value"] == r["value"]:  # not NaN: quoted voice with no quoted words is undefined
            assert r["low"] <= r["value"] <= r["high"]
    # No loaded word in group "b": the bootstrap has nothing to resample ([0, 0]), the
    # studentized interval is Garwood's exact Poisson bound, 3.689 loaded words in b's words.
    none = ("loaded_per_1k", "b")
    assert p[none]["high"] == 0 and b[none]["high"] == 0
    words_b = next(g["words"] for g in stu.groups if g["name"] == "b")
    assert s[none]["low"] == 0
    assert s[none]["high"] == pytest.approx(3.688879 / (words_b / 1000), rel=1e-5)
    tests = {t["measure"]: t for t in rows(bca.tests())}
    assert tests.keys() == {m for m, _ in b}
    t = tests["loaded_per_1k"]
    assert t["statistic"] > 0 and t["p_permutation"] <= 0.002
    assert t["p_permutation"] <= t["p_holm"] <= 1

    # A measure no document has is not tested; Holm never lowers a p-value.
    def missing(v):
        return v is None or v != v  # None in lists, NaN in DataFrames

    assert missing(tests["hedge_per_1k"]["p_permutation"])
    for row in tests.values():
        if not missing(row["p_permutation"]):
            assert row["p_permutation"] <= row["p_holm"] <= 1
    assert "p_holm" in bca.to_html()
    assert rows(fl.compare(analyses, by=labels, permutations=0).tests()) == []
    assert rows(fl.compare(analyses).tests()) == []  # one document per group: no test
    with pytest.raises(fl.ConfigError, match="interval must be"):
        fl.compare(analyses, interval="normal")  # type: ignore[arg-type]
    with pytest.raises(fl.ConfigError, match="permutations"):
        fl.compare(analyses, permutations=-1)


def test_voice_rates_agree_with_the_document_profile():
    # A marker in indirect speech keeps the author's voice but is the speaker's view: the
    # profile counts it as quoted (its words are quoted words), and so must the comparison, or
    # author-voice rates count markers over words that do not hold them.
    docs = [fl.Document(p.read_text(encoding="utf-8"), doc_id=p.stem) for p in EXAMPLES]
    analyses = fl.analyze_batch(docs)
    assert any(m.voice == "author" and m.speaker for a in analyses for m in a.markers)
    table = rows(fl.compare(analyses, by=[a.doc_id for a in analyses], bootstrap=0).table())
    value = {(r["measure"], r["group"]): r["value"] for r in table}
    for a in analyses:
        for cat, rates in a.profile.rates.items():
            for voice, suffix in (("all", ""), ("author", "_author"), ("quoted", "_quoted")):
                got = value[(f"{cat}{suffix}_per_1k", a.doc_id)]
                assert got == pytest.approx(rates[voice], abs=1e-9), (a.doc_id, cat, voice)


def test_a_group_of_one_sentence_still_gets_the_exact_interval():
    # One document of one sentence has nothing to resample; the studentized interval is still
    # never narrower than the exact (Poisson) interval of its count: 3 loaded words in 8.
    text = "Officials baselessly accused the reckless, shameless mayor."
    a = fl.analyze(text)
    assert a.profile.sentences == 1
    c = fl.compare([a, fl.analyze("The council met on Tuesday. It voted.")], bootstrap=200)
    rows = c.table()
    rows = rows if isinstance(rows, list) else rows.to_dict("records")
    (row,) = [r for r in rows if r["measure"] == "loaded_per_1k" and r["value"] > 0]
    assert row["low"] < row["value"] < row["high"] <= 1000  # its Poisson bound is 1,096
    percentile = fl.compare([a], bootstrap=200, interval="percentile").table()
    percentile = percentile if isinstance(percentile, list) else percentile.to_dict("records")
    (p,) = [r for r in percentile if r["measure"] == "loaded_per_1k"]
    # The percentile interval, with nothing to resample, gives the same exact interval (it gave
    # [value, value], which read as certainty).
    alone = fl.compare([a], bootstrap=200).table()
    alone = alone if isinstance(alone, list) else alone.to_dict("records")
    (s,) = [r for r in alone if r["measure"] == "loaded_per_1k"]
    assert p["low"] < p["value"] < p["high"]
    assert (p["low"], p["high"]) == pytest.approx((s["low"], s["high"]), rel=1e-12)


@pytest.mark.parametrize(
    "docs, message",
    [
        pytest.param(
            [fl.Document("The regime lied.", doc_id="a"), fl.Document("Talks.", doc_id="a")],
            r"document id 'a' is given to 2 documents \(items 0, 1\)",
            id="repeated-id",
        ),
        pytest.param(
            ["The reckless plan failed.", fl.Document("A baseless claim.", doc_id="doc0")],
            r"'doc0' is given to 2 documents \(items 0, 1; item 0 has no id",
            id="id-of-a-position",
        ),
    ],
)
def test_one_group_per_document_never_merges_documents(docs, message):
    analyses = fl.analyze_batch(docs)
    with pytest.raises(fl.ConfigError, match=message):
        fl.group_labels(analyses)
    with pytest.raises(fl.ConfigError, match=message):
        fl.compare(analyses, bootstrap=10, permutations=0)
    # Labels of one's own that keep the documents apart still work.
    c = fl.compare(analyses, by=["one", "two"], bootstrap=10, permutations=0)
    assert [g["documents"] for g in c.groups] == [1, 1]


def test_grouping_by_an_attribute_a_document_lacks_is_an_error():
    analyses = fl.analyze_batch(["x", fl.Document("y", doc_id="b"), "z"])
    with pytest.raises(fl.ConfigError, match=r"by='doc_id': 2 of 3 documents have no doc_id"):
        fl.group_labels(analyses, by="doc_id")
    with pytest.raises(fl.ConfigError, match="have no url"):
        fl.compare(analyses, by="url")
    named = fl.analyze_batch([fl.Document("x", doc_id="a"), fl.Document("y", doc_id="b")])
    assert fl.group_labels(named, by="doc_id") == ["a", "b"]


def test_a_measure_with_no_denominator_is_undefined_not_zero(tmp_path, capsys):
    # A group of documents with no words has no loaded rate and no attribution shares: not 0
    # with the interval [0, 0] (which the HTML marked ▼, significantly lower).
    text = "The regime lied, critics said. The reckless plan failed."
    c = fl.compare(fl.analyze_batch([text] * 6 + ["", ""]), by=["x"] * 6 + ["empty"] * 2)
    table = {(r["measure"], r["group"]): r for r in rows(c.table())}
    for measure in ("loaded_per_1k", "attributed_sentence_share", "anonymous_share"):
        for key in ("value", "low", "high"):
            v = table[measure, "empty"][key]
            assert v is None or v != v, (measure, key, v)  # None in lists, NaN in DataFrames
        assert table[measure, "x"]["value"] == table[measure, "x"]["value"]
    # The documents flags have documents to count over: defined.
    assert table["syndicated", "empty"]["value"] == 0
    # Plain data and JSON: null, and the comparison pickles to an equal one.
    cell = next(
        r for r in c.to_dict()["table"] if r["measure"] == "loaded_per_1k" and r["group"] == "empty"
    )
    assert (cell["value"], cell["low"], cell["high"]) == (None, None, None)
    json.loads(json.dumps(c.to_dict(), allow_nan=False))
    assert pickle.loads(pickle.dumps(c)) == c
    # HTML: "n/a", and no group marked above or below on a measure one group lacks.
    body = c.to_html().split("<tbody>", 1)[1]
    assert "▲" not in body and "▼" not in body
    row = body.split("Loaded language</th>", 1)[1].split("</tr>", 1)[0]
    assert "n/a" in row
    # The command line: "n/a" in the table, empty cells in CSV, null in JSON.
    corpus = tmp_path / "c.jsonl"
    corpus.write_text(
        "".join(json.dumps({"text": t, "g": g}) + "\n" for t, g in [(text, "x")] * 3 + [("", "e")])
    )
    assert main(["compare", str(corpus), "--by", "g", "--bootstrap", "100"]) == 0
    out = capsys.readouterr().out
    assert "n/a" in next(line for line in out.splitlines() if line.startswith("loaded_per_1k "))
    assert main(["compare", str(corpus), "--by", "g", "--format", "csv"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert "loaded_per_1k,e,,,,," in lines
    assert main(["compare", str(corpus), "--by", "g", "--format", "json"]) == 0
    got = json.loads(capsys.readouterr().out)
    (e,) = [r for r in got["table"] if r["measure"] == "loaded_per_1k" and r["group"] == "e"]
    assert e["value"] is None


def test_a_document_flag_of_one_document_gets_the_exact_interval_of_one_trial():
    # One document is one yes/no trial: Clopper-Pearson of 0 of 1 is [0, 0.975], of 1 of 1
    # [0.025, 1]; resampling its sentences (which all carry the document's flag) gave [0, 0]
    # and [1, 1].
    plain, wire = fl.analyze_batch(
        ["Talks went on in the capital today.", "KYIV (Reuters) - Officials said talks went on."]
    )
    assert wire.profile.wire_based and not plain.profile.wire_based
    for a in (plain, wire):
        # Whatever the interval method: the percentile and BCa intervals of the resampled
        # sentences were [flag, flag] too, and a one-sentence document's every figure was
        # [value, value].
        for interval in ("studentized", "bca", "percentile"):
            c = fl.compare([a], by=["g"], interval=interval)
            table = {r["measure"]: r for r in rows(c.table())}
            for flag in ("state_affiliated", "wire_based", "syndicated"):
                r = table[flag]
                want = (0.025, 1.0) if r["value"] == 1 else (0.0, 0.975)
                assert (r["low"], r["high"]) == pytest.approx(want, abs=1e-9), (interval, r)
            r = table["attributed_sentence_share"]
            assert r["low"] < r["value"] or r["high"] > r["value"], (interval, r)


def test_divergence_of_a_group_with_no_markers_is_undefined():
    # jensen_shannon returned 0 (identical) when either group had no markers.
    marked = ["The regime's reckless plan failed, critics said. Sanctions hit trade."] * 2
    bare = ["It rained on Tuesday.", "The cat sat on the mat."]
    c = fl.compare(fl.analyze_batch(marked + bare), by=["m", "m", "b", "b"], bootstrap=50)
    assert not any(m for a in fl.analyze_batch(bare) for m in a.markers)
    divergence = c.divergence()
    (row,) = rows(divergence)
    for key in ("categories", "frames"):
        assert row[key] is None or row[key] != row[key], (key, row)
    if not isinstance(divergence, list):  # NaN, not None, in a DataFrame
        assert list(divergence.dtypes[["categories", "frames"]]) == [float, float]
    # Two groups with markers in different proportions: a number in (0, 1].
    other = ["Reportedly, the plan may fail."] * 2
    c = fl.compare(fl.analyze_batch(marked + other), by=["m", "m", "o", "o"], bootstrap=50)
    (row,) = rows(c.divergence())
    assert 0 < row["categories"] <= 1
    # The other group has no policy-frame cue: that divergence alone is undefined.
    assert row["frames"] is None or row["frames"] != row["frames"]


def test_no_bootstrap_makes_no_interval_rather_than_a_zero_width_one():
    # bootstrap=0 gave low == high == value, which reads as certainty, and the HTML marked
    # groups apart on it.
    loaded = ["The regime's reckless, draconian, baseless plan was a disgrace."] * 3
    plain = ["The council met on Tuesday and discussed the budget for the year."] * 3
    analyses = fl.analyze_batch(loaded + plain)
    for interval in ("studentized", "bca", "percentile"):
        c = fl.compare(analyses, by=["a"] * 3 + ["b"] * 3, bootstrap=0, interval=interval)
        frame = c.table()
        if not isinstance(frame, list):  # NaN, not None, in a DataFrame
            assert list(frame.dtypes[["value", "low", "high"]]) == [float] * 3
        table = rows(frame)
        assert any(r["value"] > 0 for r in table if r["value"] == r["value"])
        for r in table:
            for key in ("low", "high"):
                assert r[key] is None or r[key] != r[key], (interval, r)
        body = c.to_html().split("<tbody>", 1)[1]
        assert "▲" not in body and "▼" not in body
        assert pickle.loads(pickle.dumps(c)) == c
    # One document per group (sentences resampled) and one of one sentence: the same.
    one = fl.compare([analyses[0]], bootstrap=0)
    assert all(r["low"] is None or r["low"] != r["low"] for r in rows(one.table()))


def test_frame_cue_rates_stay_within_1000_per_1000_words():
    # One word, one policy-frame cue and one generic-frame cue: the exact Poisson bound of a
    # count of 1 in one word was 5,572 per 1,000 words. The matcher keeps one match per
    # category where matches overlap, so no word carries two cues of one frame set ("equal
    # pay" holds "pay", a cue of another frame, and gives one cue).
    for text in (
        "Taxes.",
        "Equal pay.",
        "Equal pay, civil rights, hospital beds, funding shortfall.",
    ):
        a = fl.analyze(text)
        for cat in ("frame", "generic_frame"):
            spans = sorted((m.start, m.end) for m in a.markers if m.category == cat)
            assert all(x[1] <= y[0] for x, y in zip(spans, spans[1:], strict=False)), (
                text,
                cat,
                spans,
            )
    table = {r["measure"]: r for r in rows(fl.compare([fl.analyze("Taxes.")], by=["g"]).table())}
    for measure in ("frame_per_1k", "generic_frame_per_1k", "frame_author_per_1k"):
        r = table[measure]
        assert r["value"] == 1000 and 0 < r["low"] < 1000 and r["high"] == 1000, r


@pytest.mark.skipif(os.name != "posix", reason="POSIX signals")
def test_ctrl_c_stops_a_long_comparison_promptly():
    # 600 documents, 100,000 resamples and permutations: about ten seconds to the end on two
    # cores. Ctrl-C (SIGINT to this process) must raise KeyboardInterrupt within seconds,
    # with no result, and leave the pool free for the next comparison.
    labels = ["left"] * 3 + ["right"] * 3
    analyses = fl.analyze_batch((LEFT + RIGHT) * 100)
    small = fl.compare(analyses[:6], by=labels)
    tasks = threads_now()
    took = seconds_to_interrupt(
        lambda: fl.compare(analyses, by=labels * 100, bootstrap=100_000, permutations=100_000)
    )
    # Generous for a slow, shared machine: without the signal checks it ran to the end.
    assert took < 4.0, f"KeyboardInterrupt after {took:.1f} s"
    # The pool stopped the cancelled work: the next comparison is quick and the same as before,
    # and no thread was left behind.
    started = time.monotonic()
    assert fl.compare(analyses[:6], by=labels) == small
    assert time.monotonic() - started < 3.0
    if tasks is not None:
        assert threads_now() == tasks
