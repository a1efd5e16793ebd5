"""The evaluation machinery on invented mini-corpora: folds, intervals, fitting on training units
only, and the FrAC, narrative and PolNeAR metrics on hand-computed examples."""

import json
import math
from collections import Counter
from types import SimpleNamespace

import framelens as fl
import pytest
from framelens.evaluate import (
    AnalysisCache,
    Doc,
    Fitted,
    Prune,
    PruneRule,
    Rules,
    TrainingSet,
    assign_folds,
    bootstrap,
    cross_validate,
    fold_of,
    main,
    paired_bootstrap,
)
from framelens.evaluate.base import Decision
from framelens.evaluate.frames import (
    FRAC_SUBCATEGORY,
    Frac,
    Narrative,
    fit_scales,
    generic_frame_scores,
    macro_f1,
    primary,
    sentence_frame,
)
from framelens.evaluate.lexical import Babe, Basil, shared
from framelens.evaluate.polnear import Polnear, cue_type, normalize
from framelens.evaluate.procedures import choose_threshold
from framelens.evaluate.stats import percentile


def write_jsonl(path, rows):
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("\n".join(json.dumps(r) for r in rows) + "\n", encoding="utf-8")


def marker(entry, start=0, category="frame", weight=1.0, subcategory=None):
    return SimpleNamespace(
        entry=entry,
        start=start,
        end=start + 1,
        text=entry,
        category=category,
        subcategory=subcategory,
        weight=weight,
        voice="author",
        negated=False,
    )


def cue(frame, start=0, weight=1.0):
    """A policy-frame marker of the frame (subcategory) ``frame``."""
    return marker(frame + "_entry", start, "frame", weight, subcategory=frame)


def doc(markers=(), attributions=(), words=100):
    return Doc(tuple(markers), tuple(attributions), words, words)


LOADED = fl.Lexicon.from_toml_str(
    'category = "loaded"\n'
    '[[entry]]\nid = "a"\nterms = ["awful"]\n'
    '[[entry]]\nid = "b"\nterms = ["bad"]\n'
    '[[entry]]\nid = "c"\nterms = ["crooked"]\n'
)

# ----------------------------------------------------------------------------------- folds


def test_folds_are_deterministic_and_balanced():
    ids = [f"unit-{i}" for i in range(500)]
    folds = assign_folds(ids, 5)
    assert folds == assign_folds(list(reversed(ids)), 5)  # order does not matter
    assert all(fold_of(i, 5) == folds[i] for i in ids)
    sizes = Counter(folds.values())
    assert sorted(sizes) == [0, 1, 2, 3, 4] and min(sizes.values()) > 70
    assert assign_folds(ids, 5, seed=7) != folds
    assert assign_folds(ids, 5, salt="other corpus") != folds
    with pytest.raises(ValueError, match="at least 2"):
        fold_of("x", 1)


def basil_article(triplet, outlet):
    return {
        "triplet": triplet,
        "outlet": outlet,
        "paragraphs": [["An awful plan.", "It was bad."]],
        "spans": [
            {"sentence": 0, "start": 3, "end": 8, "bias": "lex", "quote": "no"},
        ],
    }


class Spy:
    """A procedure that records which units each fit saw."""

    name = "spy"

    def __init__(self):
        self.seen = []

    def fit(self, train):
        self.seen.append({n: {u.id for u in us} for n, us in train.units.items()})
        return Fitted(train.base, "default")


def test_cross_validation_groups_units_and_fits_on_training_folds_only(tmp_path):
    write_jsonl(
        tmp_path / "babe" / "dev.jsonl",
        [
            {"text": f"Sentence {i} is awful.", "label_bias": "Biased", "biased_words": ["awful"]}
            for i in range(12)
        ],
    )
    write_jsonl(
        tmp_path / "basil" / "dev.jsonl",
        [basil_article(t, o) for t in ("t1", "t2", "t3") for o in ("fox", "nyt", "hpo")],
    )
    corpora = {"babe": Babe(), "basil": Basil()}
    units = {name: c.load(tmp_path) for name, c in corpora.items()}
    # A BASIL unit is a triplet: its three articles together.
    assert [(u.id, len(u.docs)) for u in units["basil"]] == [("t1", 3), ("t2", 3), ("t3", 3)]
    spy = Spy()
    report = cross_validate(
        corpora, units, [spy], 3, AnalysisCache(), fl.Analyzer(LOADED), resamples=10
    )
    assert len(spy.seen) == 3
    for name, us in units.items():
        ids = {u.id for u in us}
        folds = assign_folds(ids, 3, salt=name)
        held_out = [{i for i in ids if folds[i] == k} for k in range(3)]
        for k, seen in enumerate(spy.seen):
            assert seen[name].isdisjoint(held_out[k])  # nothing held out is trained on
            assert seen[name] | held_out[k] == ids
        assert sum(len(h) for h in held_out) == len(ids)  # each unit held out once
        assert report["corpora"][name]["units"] == len(ids)
    babe = report["corpora"]["babe"]["figures"]["spy"]
    assert babe["word_recall"]["value"] == pytest.approx(1.0)
    assert set(babe["word_f1"]) == {"value", "low", "high"}


# ------------------------------------------------------------------------------- bootstrap


def test_percentile_interpolates_between_order_statistics():
    assert percentile([1.0, 2.0, 3.0, 4.0], 0.5) == 2.5
    assert percentile([1.0, 2.0, 3.0, 4.0], 0.0) == 1.0
    assert percentile([1.0, 2.0, 3.0, 4.0], 1.0) == 4.0
    assert percentile([0.0, 10.0], 0.025) == pytest.approx(0.25)


def rate(total):
    return {"rate": total.get("hit", 0.0) / total["n"] if total.get("n") else 0.0}


def test_bootstrap_interval_of_a_proportion():
    units = [{"hit": 1.0, "n": 1.0}] * 30 + [{"n": 1.0}] * 70
    e = bootstrap(units, rate, resamples=1000, seed=3)["rate"]
    assert e.value == pytest.approx(0.3)
    # The normal approximation: 0.3 +- 1.96 * sqrt(0.3 * 0.7 / 100) = [0.210, 0.390].
    assert 0.19 <= e.low <= 0.23 and 0.37 <= e.high <= 0.41
    assert bootstrap(units, rate, resamples=1000, seed=3)["rate"] == e  # seeded
    same = bootstrap([{"hit": 1.0, "n": 1.0}] * 10, rate, resamples=200)["rate"]
    assert (same.value, same.low, same.high) == (1.0, 1.0, 1.0)


def test_paired_bootstrap_differences():
    a = [{"hit": float(i % 2), "n": 1.0} for i in range(40)]
    b = [dict(u, hit=1.0) if i < 4 else u for i, u in enumerate(a)]  # two more hits
    (ea, eb, ea2), (db, da2) = paired_bootstrap([a, b, a], rate, resamples=300, seed=1)
    assert ea == ea2 and da2["rate"].value == da2["rate"].low == da2["rate"].high == 0.0
    assert db["rate"].value == pytest.approx(eb["rate"].value - ea["rate"].value)
    assert 0.0 <= db["rate"].low <= db["rate"].value <= db["rate"].high
    with pytest.raises(ValueError, match="same units"):
        paired_bootstrap([a, a[:3]], rate)


# -------------------------------------------------------------------------------- fitting


def test_choose_threshold():
    decisions = [Decision("k", s, g) for s, g in [(0, False), (1, False), (2, True), (3, True)]]
    assert choose_threshold(decisions) == 1.5
    f1_decisions = [Decision("k", s, g, "f1") for s, g in [(0, True), (1, True), (2, False)]]
    assert choose_threshold(f1_decisions) == -1.0  # F1 is best when everything is "yes"
    assert choose_threshold([Decision("k", 1, False)]) == math.inf
    assert choose_threshold([]) == math.inf
    assert Rules({"k": 1.5}).decide("k", 2) and not Rules({"k": 1.5}).decide("k", 1)
    assert Rules().decide("k", 0.1) and not Rules().decide("k", 0.0)


def test_prune_chooses_from_training_units_only(tmp_path):
    rows = (
        # "awful" (entry a) is right in every training sentence ...
        [
            {"text": f"An awful plan {i}.", "label_bias": "Biased", "biased_words": ["awful"]}
            for i in range(6)
        ]
        # ... "bad" (entry b) is wrong in every one ...
        + [
            {"text": f"A bad plan {i}.", "label_bias": "Non-biased", "biased_words": []}
            for i in range(6)
        ]
        # ... and the test sentence, where "awful" is wrong and "crooked" (c, never seen in
        # training) too.
        + [{"text": "An awful, crooked day.", "label_bias": "Non-biased", "biased_words": []}]
    )
    write_jsonl(tmp_path / "babe" / "dev.jsonl", rows)
    babe = Babe()
    units = babe.load(tmp_path)
    train = [u for u in units if "day" not in u.id]
    test = [u for u in units if "day" in u.id]
    base = fl.Analyzer(LOADED)
    cache = AnalysisCache()
    training = TrainingSet({"babe": train}, {"babe": babe}, cache, base)
    fitted = Prune(grid=[PruneRule(0.5, 1)], inner_folds=2).fit(training)
    kept = [e["id"] for e in fitted.analyzer.lexicon.entries()]
    assert kept == ["a", "c"]  # b dropped; a, wrong only in the test unit, kept; c unseen, kept
    assert fitted.notes["dropped"] == 1
    (test_docs,) = cache.docs(fitted.analyzer, fitted.key, test)
    assert [m.entry for m in test_docs[0].markers] == ["a", "c"]
    # With the unpruned lexicon among the candidates, inner cross-validation prefers pruning b.
    fitted = Prune(grid=[PruneRule(0.0, 1), PruneRule(0.5, 1)], inner_folds=2).fit(training)
    assert fitted.notes["min_precision"] == 0.5


def test_heads_procedure_prunes_only_head_entries(tmp_path):
    # "bad plan" (entry b) and its head word "bad" on its own (b.head), and "awful" (a): in
    # training every marker is wrong, but only the head entry may be dropped.
    lexicon = fl.Lexicon.from_toml_str(
        'category = "loaded"\n'
        '[[entry]]\nid = "a"\nterms = ["awful"]\n'
        '[[entry]]\nid = "b"\nterms = ["bad plan"]\n'
        '[[entry]]\nhead_of = "b"\nterms = ["bad"]\nweight = 0.5\n'
    )
    rows = [
        {
            "text": f"An awful, bad day {i}. A bad plan.",
            "label_bias": "Non-biased",
            "biased_words": [],
        }
        for i in range(6)
    ]
    write_jsonl(tmp_path / "babe" / "dev.jsonl", rows)
    babe = Babe()
    training = TrainingSet(
        {"babe": babe.load(tmp_path)}, {"babe": babe}, AnalysisCache(), fl.Analyzer(lexicon)
    )
    fitted = Prune(grid=[PruneRule(0.5, 1)], inner_folds=2, heads_only=True).fit(training)
    assert [e["id"] for e in fitted.analyzer.lexicon.entries()] == ["a", "b"]
    assert fitted.notes["dropped"] == 1
    everything = Prune(grid=[PruneRule(0.5, 1)], inner_folds=2).fit(training)
    assert [e["id"] for e in everything.analyzer.lexicon.entries()] == []


def test_simulated_pruning_drops_only_loaded_markers_of_the_entries():
    d = doc([marker("a", 0, "loaded"), marker("b", 2, "loaded"), marker("b", 4, "frame")])
    assert [(m.entry, m.category) for m in d.without(frozenset({"b"})).markers] == [
        ("a", "loaded"),
        ("b", "frame"),
    ]
    assert d.without(frozenset()) is d


def test_ptc_overlap_sums():
    assert shared([(0, 5), (10, 20)], [(3, 12), (18, 30)]) == ([2, 4], [4, 2])
    assert shared([], [(0, 1)]) == ([], [0])


# ------------------------------------------------------------------------------------ FrAC


def test_frac_primary_frame_figures():
    cases = [
        # gold, markers -> predicted
        # legality: crime and legality add up against economic
        ("economic", [cue("economic", 0, 1.5), cue("crime_and_punishment", 5), cue("legality", 9)]),
        ("legality", [cue("crime_and_punishment", 0)]),  # FrAC merges crime into legality
        ("policy", [cue("political", 0)]),  # and political into policy
        ("economic", [cue("quality_of_life", 0)]),  # none: not in FrAC's scheme
        ("economic", [cue("economic", 3)]),  # economic
    ]
    frac = Frac()
    stats = [
        frac.score(SimpleNamespace(rows=({"frame": g},)), [doc(ms)], Rules()) for g, ms in cases
    ]
    total = Counter()
    for s in stats:
        total.update(s)
    f = frac.figures(total)
    assert f["accuracy"] == pytest.approx(3 / 5)
    assert f["f1_economic"] == pytest.approx(0.5)  # P 1/1, R 1/3
    assert f["f1_legality"] == pytest.approx(2 / 3)  # P 1/2, R 1/1
    assert f["f1_policy"] == pytest.approx(1.0)
    assert f["macro_f1"] == pytest.approx((0.5 + 2 / 3 + 1.0) / 3)
    assert f["majority_accuracy"] == pytest.approx(3 / 5)
    assert f["majority_macro_f1"] == pytest.approx((2 * 0.6 / 1.6) / 3)
    assert f["no_frame_share"] == pytest.approx(1 / 5)
    assert frac.confusion(total) == {
        "economic": {"legality": 1, "none": 1, "economic": 1},
        "legality": {"legality": 1},
        "policy": {"policy": 1},
    }


def test_sentence_frame_breaks_ties_by_count_then_position():
    assert sentence_frame(doc([cue("economic", 9), cue("security_and_defense", 2)])) == "security"
    heavier = [cue("economic", 0, weight=0.5), cue("health_and_safety", 5, weight=2.0)]
    assert sentence_frame(doc(heavier)) == "health"
    assert sentence_frame(doc(heavier), {"economic": 5.0}) == "economic"
    assert sentence_frame(doc([marker("x", 0, category="loaded")])) == "none"


def test_sentence_frame_agrees_with_the_engine():
    """The scorer's rule is the engine's ``sentence_frames`` over FrAC's labels."""
    texts = [
        "Troops crossed the border at dawn.",
        "The judge ruled the ban unconstitutional, and taxpayers paid for it.",
        "Investors fear a recession as prices climb.",
        "Nothing here at all.",
    ]
    among = list(FRAC_SUBCATEGORY)
    for text in texts:
        a = fl.analyze(text)
        engine = a.sentence_frames("frame", among=among)
        assert len(engine) == 1
        expected = engine[0]["frame"] or "none"
        assert sentence_frame(Doc.of(a)) == FRAC_SUBCATEGORY.get(expected, expected), text


def test_fit_scales_finds_multipliers_that_raise_macro_f1():
    # Economic cues always outweigh health cues, but half the sentences are health.
    w = (
        {"economic": 1.0, "health": 0.8},
        {"economic": 1, "health": 1},
        {"economic": 0, "health": 5},
    )
    e = ({"economic": 1.0}, {"economic": 1}, {"economic": 0})
    gold = ["health", "health", "economic", "economic"]
    weights = [w, w, e, e]
    labels = ["economic", "health"]
    before = [(g, primary(x)) for g, x in zip(gold, weights, strict=True)]
    assert macro_f1(before, labels) < 0.5
    scales = fit_scales(gold, weights)
    after = [(g, primary(x, scales)) for g, x in zip(gold, weights, strict=True)]
    assert macro_f1(after, labels) == 1.0


# ------------------------------------------------------------------------------- narrative


def test_generic_frames_from_policy_frames_and_from_generic_markers():
    d = doc(
        [cue("economic", 0), cue("policy_prescription", 4, weight=2.0), cue("legality", 8)],
        words=500,
    )
    assert generic_frame_scores(d, "policy_frame_map") == {
        "conflict": None,  # no policy frame stands for it
        "economic": 2.0,  # per 1,000 words
        "human_interest": 0.0,
        "moral": 0.0,
        "resolution": 4.0,
    }
    g = doc(
        [
            marker("clash", 0, "generic_frame", subcategory="conflict"),
            marker("costs", 3, "generic_frame", subcategory="economic_consequences"),
        ],
        words=1000,
    )
    assert generic_frame_scores(g, "generic_frame") == {
        "conflict": 1.0,
        "economic": 1.0,
        "human_interest": 0.0,
        "moral": 0.0,
        "resolution": 0.0,
    }


def test_narrative_per_frame_f1_and_fitted_rule():
    narrative = Narrative("policy_frame_map")
    articles = [
        ({"economic", "conflict"}, [cue("economic", 0)] * 3),
        ({"resolution"}, [cue("economic", 0), cue("policy_prescription", 2)]),
        (set(), []),
    ]

    def figures(rules):
        total = Counter()
        for gold, ms in articles:
            unit = SimpleNamespace(rows=({"frames": sorted(gold)},))
            total.update(narrative.score(unit, [doc(ms, words=1000)], rules))
        return narrative.figures(total)

    f = figures(Rules())
    # economic: predicted for articles 1 and 2, gold in 1: P 1/2, R 1 -> F1 2/3.
    assert f["economic_f1"] == pytest.approx(2 / 3)
    assert f["resolution_f1"] == pytest.approx(1.0)
    assert f["moral_f1"] == 0.0 and f["human_interest_f1"] == 0.0
    assert "conflict_f1" not in f  # not available from policy frames
    assert f["mean_f1_available"] == pytest.approx((2 / 3 + 1.0) / 4)
    assert f["conflict_always_yes_f1"] == pytest.approx(2 * (1 / 3) / (1 + 1 / 3))
    # A fitted rule: economic needs 2 cues per 1,000 words.
    assert figures(Rules({"narrative.economic": 2.0}))["economic_f1"] == pytest.approx(1.0)


# --------------------------------------------------------------------------------- PolNeAR


def span(text, part, after=0):
    start = text.index(part, after)
    return SimpleNamespace(start=start, end=start + len(part), text=part)


def attribution(cue, speaker=None, content=None, continued=False):
    return SimpleNamespace(cue=cue, speaker=speaker, content=content, continued=continued)


POLNEAR_TEXT = 'Smith said the plan failed. "It is over," he added. "We lost."'


def polnear_case():
    t = POLNEAR_TEXT
    said, added = span(t, "said"), span(t, "added")
    over, lost = span(t, "It is over,"), span(t, "We lost.")
    gold = {
        "text": t,
        "attributions": [
            {
                "source": [[0, 5]],
                "cue": [[said.start, said.end]],
                "content": [[span(t, "the plan failed").start, span(t, "the plan failed").end]],
            },
            {
                "source": [[span(t, "he").start, span(t, "he").end]],
                "cue": [[added.start, added.end]],
                "content": [[over.start, over.end], [lost.start, lost.end]],
            },
        ],
    }
    predicted = [
        attribution(said, span(t, "Smith"), span(t, "the plan failed.")),
        attribution(added, span(t, "he"), over),
        attribution(added, span(t, "he"), lost, continued=True),  # folded into the one above
        attribution(span(t, "Smith said")),  # a second cue on gold "said": one-to-one
    ]
    return gold, predicted


def test_polnear_matching_rules():
    gold, predicted = polnear_case()
    polnear = Polnear()
    stats = polnear.score(
        SimpleNamespace(rows=(gold,)), [Doc((), tuple(predicted), 12, 12)], Rules()
    )
    f = polnear.figures(stats)
    expected = {
        # cue: predicted said, added, "Smith said"; gold said, added.
        "exact_cue_precision": 2 / 3,
        "exact_cue_recall": 1.0,
        "overlap_cue_precision": 2 / 3,  # "Smith said" cannot take "said" a second time
        "overlap_cue_recall": 1.0,
        "token_cue_precision": 2 / 3,  # Smith, said, added against said, added
        "token_cue_recall": 1.0,
        "exact_source_f1": 1.0,
        # content: "the plan failed." is not exact; the continuation makes the second exact.
        "exact_content_precision": 1 / 2,
        "exact_content_recall": 1 / 2,
        "overlap_content_f1": 1.0,
        "token_content_precision": 10 / 11,  # the extra token is the period
        "token_content_recall": 1.0,
        "matched_source_match": 1.0,
        # pair 1: 3 of 4 predicted tokens, all 3 gold (F1 6/7); pair 2: exact.
        "matched_content_token_f1": (6 / 7 + 1.0) / 2,
        "recall_say_tell_add": 1.0,
        # the figures printed before: precision not one-to-one, continuations skipped
        "cue_precision": 1.0,
        "cue_recall": 1.0,
    }
    assert {k: f[k] for k in expected} == pytest.approx(expected)


def test_normalize_trims_and_joins_fragments():
    text = "a  bc  d|e"
    assert normalize(text, [[1, 5], [6, 8]]) == ((3, 8),)  # trimmed, joined over white space
    assert normalize(text, [[3, 5], [8, 10]]) == ((3, 5), (8, 10))  # "|" keeps them apart
    assert normalize(text, [[1, 3]]) == ()


@pytest.mark.parametrize(
    "cue, kind",
    [
        ("said", "say_tell_add"),
        ("told reporters", "say_tell_add"),
        ("adding", "say_tell_add"),
        ("according to", "according_to"),
        (":", "colon"),
        ("—", "colon"),
        ("showed", "evidence"),
        ("a poll", "evidence"),
        ("found", "evidence"),
        ("wants", "intention"),
        ("planned", "intention"),
        ("believes", "belief"),
        ("is expected to", "belief"),
        ("allegations", "nominal"),
        ("his statement", "nominal"),
        ("claims", "nominal"),
        ("claimed", "other_speech"),
        ("insisted", "other_speech"),
        ("seemed", "seem_appear"),
        ("appears", "seem_appear"),
    ],
    ids=lambda v: v,
)
def test_cue_type(cue, kind):
    assert cue_type(cue) == kind


# ------------------------------------------------------------------------------------- CLI


def test_command_prints_intervals_for_every_procedure(tmp_path, capsys):
    write_jsonl(
        tmp_path / "babe" / "dev.jsonl",
        [
            {
                "text": f"Sentence {i} is {'awful' if i % 2 else 'plain'}.",
                "label_bias": "Biased" if i % 3 else "Non-biased",
                "biased_words": ["awful"] if i % 2 else [],
            }
            for i in range(10)
        ],
    )
    write_jsonl(
        tmp_path / "ptc" / "dev.jsonl",
        [{"id": f"p{i}", "text": "An awful plan.", "spans": []} for i in range(4)],
    )
    write_jsonl(
        tmp_path / "frac" / "dev.jsonl",
        [{"id": f"f{i}", "text": "Taxes and tariffs rose.", "frame": "economic"} for i in range(4)],
    )
    args = [str(tmp_path), "--folds", "2", "--resamples", "20", "--procedures", "none,threshold"]
    assert main([*args, "--format", "json", "--leave-one-corpus-out"]) == 0
    out = json.loads(capsys.readouterr().out)
    babe = out["cross_validation"]["corpora"]["babe"]
    assert set(babe["figures"]) == {"none", "threshold"}
    assert set(babe["figures"]["none"]["word_f1"]) == {"value", "low", "high"}
    assert "threshold" in babe["differences"]
    ptc = out["cross_validation"]["corpora"]["ptc"]["figures"]["none"]
    assert ptc["precision"]["value"] == 0.0  # no gold spans
    assert out["cross_validation"]["corpora"]["frac"]["figures"]["none"]["accuracy"]["value"] == 1
    assert set(out["leave_one_corpus_out"]) == {"babe", "ptc"}
    assert out["leave_one_corpus_out"]["ptc"]["train"] == ["babe"]
    assert main(args) == 0
    text = capsys.readouterr().out
    assert "2-fold cross-validation" in text and "word_f1" in text and "[" in text
    with pytest.raises(SystemExit):
        main([str(tmp_path), "--corpora", "abp"])
    with pytest.raises(SystemExit):
        main([str(tmp_path), "--procedures", "bogus"])


def test_russian_and_arabic_corpora_are_scored_with_their_packs(tmp_path, capsys):
    # Sentences of our own in the corpora's formats: loaded words marked as gold in some
    # documents, plain ones in others.
    ru = "Министр назвал доклад лживой пропагандой."
    ru_plain = "Совет обсудил бюджет во вторник."
    ar = "وصف الوزير التقرير بأنه دعاية كاذبة."
    ar_plain = "ناقش المجلس الميزانية يوم الثلاثاء."
    loaded = {"technique": "Loaded_Language"}
    RU, AR = [(22, 28), (29, 40)], [(24, 29), (30, 35)]  # the loaded words, one span each
    write_jsonl(
        tmp_path / "ru_semeval23" / "dev.jsonl",
        [
            {"id": "r1", "text": ru, "spans": [{**loaded, "start": a, "end": b} for a, b in RU]},
            {"id": "r2", "text": ru_plain, "spans": []},
        ],
    )
    write_jsonl(
        tmp_path / "ar_armpro" / "dev.jsonl",
        [
            {
                "id": "a1",
                "page_id": "p",
                "text": ar,
                "spans": [{**loaded, "start": a, "end": b} for a, b in AR],
            },
            {"id": "a2", "page_id": "p", "text": ar_plain, "spans": []},
            {"id": "a3", "page_id": "q", "text": ar_plain, "spans": []},
        ],
    )
    write_jsonl(
        tmp_path / "ru_unlp" / "dev.jsonl",
        [
            {"id": "u1", "text": ru, "techniques": ["loaded_language"]},
            {"id": "u2", "text": ru_plain, "techniques": []},
            {"id": "u3", "text": ru_plain, "techniques": ["loaded_language"]},
        ],
    )
    args = [str(tmp_path), "--folds", "2", "--resamples", "20", "--procedures", "none,prune"]
    assert main([*args, "--format", "json"]) == 0
    corpora = json.loads(capsys.readouterr().out)["cross_validation"]["corpora"]
    for name, units in (("ru_semeval23", 2), ("ar_armpro", 2)):
        report = corpora[name]
        assert report["units"] == units  # ArMPro's unit is the page
        # Scored with the pack and nothing fitted: the one procedure is "none".
        assert set(report["figures"]) == {"none"}
        fig = report["figures"]["none"]
        assert fig["precision"]["value"] == fig["recall"]["value"] == 1.0
    posts = corpora["ru_unlp"]["figures"]["none"]
    assert posts["precision"]["value"] == 1.0 and posts["recall"]["value"] == 0.5
    assert posts["all_positive_f1"]["value"] == pytest.approx(0.8)
    assert posts["gain_over_all_positive"]["value"] == pytest.approx(2 / 3 - 0.8)
