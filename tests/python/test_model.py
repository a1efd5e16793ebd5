"""fl.fit and fl.Model on fictional, generated sentences."""

import dataclasses
import math
import random
import re

import framelens as fl
import pytest
from framelens.model import best_threshold, group_names

LOADED = ["zorbish", "glumptious", "snarvy", "brackish", "wretchful"]
NEUTRAL = ["budget", "council", "harbor", "report", "meeting", "road", "plan", "vote"]
NAMES = ["Tessaly", "Ormond", "Vashti", "Pellam"]


def corpus(n: int, seed: int = 1) -> tuple[list[str], list[list[tuple[int, int]]]]:
    """Sentences with one made-up loaded word in half of them, marked by the 'coder'."""
    rng = random.Random(seed)
    texts, gold = [], []
    for i in range(n):
        who = rng.choice(NAMES)
        a, b = rng.sample(NEUTRAL, 2)
        if i % 2:
            word = rng.choice(LOADED)
            text = f"{who} called the {a} {word} after the {b}."
            start = text.index(word)
            texts.append(text)
            gold.append([(start, start + len(word))])
        else:
            texts.append(f"{who} discussed the {a} before the {b}.")
            gold.append([])
    return texts, gold


def test_features_come_from_the_core():
    rows = fl.Analyzer().token_features(
        ["The council baselessly accused Mayor Roe."], word_lists=[("people", ["roe"])]
    )
    (tokens,) = rows
    text = "The council baselessly accused Mayor Roe."
    by_word = {text[s:e]: f for s, e, f in tokens}
    assert "m.cat=loaded" in by_word["baselessly"]
    assert "w-1=council" in by_word["baselessly"] and "init" in by_word["The"]
    assert "list=people" in by_word["Roe"] and "cap" in by_word["Mayor"]


def test_best_threshold():
    assert best_threshold([0.9, 0.8, 0.3, 0.1], [1, 1, 0, 0]) == (0.8, 1.0)
    t, f = best_threshold([0.9, 0.2, 0.4], [1, 1, 0])
    assert (t, round(f, 3)) == (0.2, 0.8)


def test_fit_learns_the_coders_words_and_predicts_them():
    pytest.importorskip("sklearn")
    texts, gold = corpus(200)
    model = fl.fit(texts, gold, folds=4, c=1.0)
    assert 0.0 < model.threshold < 1.0
    assert float(model.info["cv_token_f1"]) > 0.9
    assert model.info["marked_tokens"] == "100"
    top = [f for f, w in model.top_weights(10) if w > 0]
    assert any(f.startswith("w=") and f[2:] in LOADED for f in top)
    new = ["Vashti called the road snarvy after the vote.", "Ormond discussed the plan."]
    found = model.predict(new)
    assert [new[0][s:e] for s, e, _ in found[0]] == ["snarvy"]
    assert found[1] == []
    s, e, p = found[0][0]
    assert p >= model.threshold
    explained = model.explain(["w=snarvy", "w-1=road"])
    assert explained[0][0] == "w=snarvy"
    assert "top 10 positive weights" in model.report(10)


def test_guard_keeps_group_names_out_of_context_features():
    pytest.importorskip("sklearn")
    assert {"democrats", "french", "muslims"} <= group_names()
    # The coder marks whatever follows "Democrats": a context feature a model would learn.
    rng = random.Random(3)
    texts, gold = [], []
    for i in range(160):
        word = rng.choice(NEUTRAL)
        lead = "Democrats" if i % 2 else "Officials"
        text = f"The {lead} {word} was discussed."
        texts.append(text)
        s = text.index(word)
        gold.append([(s, s + len(word))] if i % 2 else [])
    guarded = fl.fit(texts, gold, folds=3)
    open_ = fl.fit(texts, gold, folds=3, guard=False)
    assert guarded.guard and not open_.guard
    assert open_.weights.get("w-1=democrats", 0.0) > 1.0
    assert not any(
        f.endswith("=democrats") and f[:3] in ("w-1", "w-2", "w+1", "w+2") for f in guarded.weights
    )
    # Extra guard words work the same way.
    extra = fl.fit(texts, gold, folds=3, guard_words=["Officials"])
    assert "w-1=officials" not in extra.weights


def test_fit_takes_documents_dict_spans_word_lists_and_groups():
    pytest.importorskip("sklearn")
    texts, gold = corpus(120, seed=5)
    docs = [fl.Document(t) for t in texts]
    dict_gold = [[{"start": s, "end": e, "category": "loaded"} for s, e in g] for g in gold]
    groups = [str(i // 4) for i in range(len(texts))]
    model = fl.fit(docs, dict_gold, groups=groups, folds=3, word_lists={"made_up": LOADED})
    assert model.word_lists == {"made_up": sorted(LOADED)}
    assert model.weights.get("list=made_up", 0.0) > 0
    # Spans of another category are not what the model learns.
    other = [[(s, e, "hedge") for s, e in g] for g in gold]
    with pytest.raises(fl.ConfigError, match="marked and unmarked"):
        fl.fit(texts, other, folds=3)


@pytest.mark.parametrize(
    ("gold", "message"),
    [
        ([[(0, 999)]], "gold[0][0]: span (0, 999) is not inside the text"),
        ([[{"start": 1}]], "gold[0][0]: a span needs 'start' and 'end'"),
        ([[(0, 3), "x"]], "gold[0][1]: a span is (start, end) or a dict"),
        (["oops"], "gold[0]: expected a list of spans"),
        ([[], []], "1 texts but 2 gold items"),
    ],
)
def test_fit_rejects_bad_gold(gold, message):
    with pytest.raises(fl.ConfigError, match=re.escape(message)):
        fl.fit(["The council met."], gold)


def test_fit_rejects_bad_options():
    with pytest.raises(fl.ConfigError, match="folds must be at least 2"):
        fl.fit(["a"], [[]], folds=1)
    with pytest.raises(fl.ConfigError, match="c must be positive"):
        fl.fit(["a"], [[]], c=0)
    for bad in ([], [0.5, -1.0], [float("nan")]):
        with pytest.raises(fl.ConfigError, match="c must be positive"):
            fl.fit(["a"], [[]], c=bad)
    with pytest.raises(TypeError, match="text 0 is a int"):
        fl.fit([3], [[]])  # type: ignore[list-item]


def test_fit_chooses_c_by_the_same_cross_validation_as_the_threshold(monkeypatch):
    pytest.importorskip("sklearn")
    from framelens import model as fm

    texts, gold = corpus(120)
    real = fm.best_threshold
    for f1s, chosen in (([0.3, 0.6, 0.5], 1.0), ([0.6, 0.6, 0.5], 0.05)):
        # The held-out token F1 each c reaches at its best threshold, faked: the best c is kept
        # (the first of a tie), with its threshold.
        calls: list[tuple[float, float]] = []

        def scored(scores, y, f1s=f1s, calls=calls):
            threshold, _ = real(scores, y)
            calls.append((threshold, f1s[len(calls)]))
            return calls[-1]

        monkeypatch.setattr(fm, "best_threshold", scored)
        model = fl.fit(texts, gold, folds=3, c=[0.05, 1.0, 4.0])
        assert len(calls) == 3
        assert float(model.info["c"]) == chosen
        assert model.info["cv_token_f1"] == "0.6000"
        assert model.threshold == calls[[0.05, 1.0, 4.0].index(chosen)][0]
    monkeypatch.undo()
    assert fl.fit(texts, gold, folds=3).info["c"] in {repr(c) for c in fm.C_GRID}


def test_save_and_load_round_trip(tmp_path):
    model = fl.Model(
        {"w=snarvy": 2.5, "w-1=the": -0.25, "m.cat=loaded": 1.0},
        -3.0,
        0.4,
        word_lists={"mine": ["snarvy", "zorbish"]},
        info={"texts": "10"},
    )
    path = tmp_path / "m.tsv"
    model.save(path)
    text = path.read_text()
    assert text.startswith("framelens-model\t2\n")
    assert fl.Model.load(path) == model
    # A version 1 file (no neighbour features) still reads, here and in the Rust core.
    v1 = text.replace("framelens-model\t2\n", "framelens-model\t1\n")
    assert fl.Model.loads(v1) == model
    (tmp_path / "v1.tsv").write_text(v1)
    assert fl.Analyzer(model=tmp_path / "v1.tsv").model == model
    assert "\nlanguage\ten\n" in text
    # A file without a language line (as written before it existed) reads as English.
    older = text.replace("language\ten\n", "")
    assert fl.Model.loads(older).language == "en"
    assert fl.Model.loads(text.replace("\ten\n", "\tru\n")).language == "ru"
    p = model.probability(["w=snarvy", "m.cat=loaded", "unknown"])
    assert p == pytest.approx(1 / (1 + math.exp(-0.5)))


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", "m.tsv: empty"),
        ("framelens-model\t3\n", "m.tsv:1: model format version '3'"),
        ("something else\n", "m.tsv:1: not a framelens model"),
        ("framelens-model\t1\nintercept\tx\n", "m.tsv:2: 'x' is not a number"),
        ("framelens-model\t1\n# c\nweight\tw=a\n", "m.tsv:3: 'weight' takes a feature"),
        ("framelens-model\t1\nweight\tw=a\t1\nweight\tw=a\t2\n", "m.tsv:3: feature 'w=a'"),
        ("framelens-model\t1\nbias\t1\n", "m.tsv:2: unknown line kind 'bias'"),
        ("framelens-model\t1\nguard\tmaybe\n", "m.tsv:2: 'guard' is true or false"),
        ("framelens-model\t1\nintercept\tinf\n", "m.tsv:2: 'inf' is not a finite number"),
        ("framelens-model\t1\nintercept\t0\n", "m.tsv: no 'threshold' line"),
        ("framelens-model\t1\nintercept\t0\nthreshold\t2\n", "threshold 2.0 is not in"),
        ("framelens-model\t1\nlanguage\tEnglish\n", "m.tsv:2: 'language' takes one ISO 639"),
    ],
)
def test_bad_model_files_name_the_line(tmp_path, text, message):
    path = tmp_path / "m.tsv"
    path.write_text(text)
    with pytest.raises(fl.ModelError, match=re.escape(message)):
        fl.Model.load(path)


def test_save_refuses_tabs(tmp_path):
    with pytest.raises(fl.ModelError, match="tab or line break"):
        fl.Model({"w=a\tb": 1.0}, 0.0, 0.5).save(tmp_path / "m.tsv")


SCORED = (
    'Critics said the Harbor Council "shamelessly" accused 42 NGOs. The mayor did not '
    'baselessly slam the ruthless, reckless plan. "It is a SCANDAL," Jane Roe said of the '
    "fiasco in Tessaly."
)


def scoring_model() -> fl.Model:
    """A weight on every feature the text has (a fixed, arbitrary pattern of signs)."""
    (tokens,) = fl.Analyzer().token_features([SCORED], word_lists=[("mine", ["mayor", "plan"])])
    names = sorted({f for _, _, fs in tokens for f in fs})
    weights = {f: ((i * 7919) % 23) / 10 - 1.1 for i, f in enumerate(names)}
    return fl.Model(weights, -1.5, 0.3, word_lists={"mine": ["mayor", "plan"]})


def test_a_model_scores_the_documents_of_its_language_only():
    model = scoring_model()
    english = fl.Analyzer(model=model).analyze(SCORED)
    assert any(m.entry == "model" for m in english.markers)
    russian = dataclasses.replace(model, language="ru")
    analyzer = fl.Analyzer(model=russian)
    assert analyzer.model is not None and analyzer.model.language == "ru"
    assert all(m.entry != "model" for m in analyzer.analyze(SCORED).markers)
    with pytest.raises(fl.ConfigError, match="scores 'ru' documents"):
        fl.Analyzer(languages=["en"], model=russian)


def test_analyzer_scores_with_a_model_as_python_does():
    model = scoring_model()
    analysis = fl.Analyzer(model=model).analyze(SCORED)
    plain = fl.Analyzer().analyze(SCORED)
    (tokens,) = fl.Analyzer().token_features([SCORED], word_lists=model._lists())
    expected = [
        (s, e, model.probability(fs), model.explain(fs))
        for s, e, fs in tokens
        if model.probability(fs) >= model.threshold
    ]
    found = [(m.start, m.end, m.score, m.features) for m in analysis.markers if m.entry == "model"]
    assert len(found) >= 3
    assert [f[:2] for f in found] == [e[:2] for e in expected]
    for f, e in zip(found, expected, strict=True):
        assert f[2] == pytest.approx(e[2], abs=1e-12)
        assert [n for n, _ in f[3]] == [n for n, _ in e[3]]
        assert [w for _, w in f[3]] == pytest.approx([w for _, w in e[3]])
    # The model's markers take the place of the lexicon's loaded ones; the rest stay.
    assert any(m.category == "loaded" for m in plain.markers)
    for m in analysis.markers:
        if m.entry == "model":
            assert m.category == "loaded" and m.voice in ("author", "quoted")
            assert m.to_dict()["score"] == m.score
        else:
            assert m.category != "loaded" and m.score is None and m.features == []
    others = [m.to_dict() for m in plain.markers if m.category != "loaded"]
    assert [m.to_dict() for m in analysis.markers if m.entry != "model"] == others
    quoted = [m for m in analysis.markers if m.entry == "model" and m.text == "SCANDAL"]
    assert all(m.voice == "quoted" for m in quoted)
    assert analysis.profile.counts["loaded"]["all"] == len(found)
    assert '"score":' in analysis.to_json() and '"score":' not in plain.to_json()


def test_analyzer_model_from_a_file_and_pickled(tmp_path):
    import pickle

    model = scoring_model()
    path = tmp_path / "m.tsv"
    model.save(path)
    an = fl.Analyzer(model=path)
    assert an.model == model
    again = pickle.loads(pickle.dumps(an))
    assert isinstance(again, fl.Analyzer) and again.model == model
    assert again.analyze(SCORED).to_json() == an.analyze(SCORED).to_json()
    assert fl.Analyzer().model is None
    with pytest.raises(TypeError, match="framelens.Model"):
        fl.Analyzer(model=3)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", "model: empty"),
        ("framelens-model\t3\n", "model:1: model format version '3'"),
        ("framelens-model\t1\nintercept\tx\n", "model:2: 'x' is not a number"),
        ("framelens-model\t1\n# c\nweight\tw=a\n", "model:3: 'weight' takes a feature"),
        ("framelens-model\t1\nweight\tw=a\t1\nweight\tw=a\t2\n", "model:3: feature 'w=a'"),
        ("framelens-model\t1\ncategory\tspin\n", "model:2: "),
        ("framelens-model\t1\nintercept\t0\n", "model: no 'threshold' line"),
    ],
)
def test_the_core_names_the_bad_line_too(text, message):
    with pytest.raises(fl.ModelError, match=re.escape(message)):
        fl._framelens.Analyzer(model_text=text)


def test_save_writes_what_load_reads(tmp_path):
    np = pytest.importorskip("numpy")
    path = tmp_path / "m.tsv"
    info = {"n": 1}
    model = fl.Model({"w=snarvy": np.float64(2.5)}, np.float32(-1.0), 0.5, info=info)  # type: ignore[arg-type]
    model.save(path)
    again = fl.Model.load(path)
    assert again.weights == {"w=snarvy": 2.5} and again.intercept == -1.0
    assert again.info == {"n": "1"}
    for bad, message in (
        (fl.Model({"w=a": float("nan")}, 0.0, 0.5), "'w=a'.* not a finite number"),
        (fl.Model({"w=a": 1e308}, 0.0, 0.5), "beyond"),
        (fl.Model({}, 0.0, 1.5), "threshold 1.5 is not in"),
        (fl.Model({}, 0.0, 0.5, category="Loaded"), "unknown category 'Loaded'"),
    ):
        with pytest.raises(fl.ModelError, match=message):
            bad.save(path)
    with pytest.raises(fl.FramelensIOError, match="cannot read the model file"):
        fl.Model.load(tmp_path / "missing.tsv")


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("framelens-model\t2\ncategory\tLoaded\n", "m.tsv:2: unknown category 'Loaded'"),
        ("framelens-model\t2\nlist\ta\tx\nlist\ta\ty\n", "m.tsv:3: a second list named 'a'"),
        ("framelens-model\t2\nweight\tw=a\t1e308\n", "m.tsv:2: '1e308' is beyond"),
    ],
)
def test_python_and_the_core_refuse_the_same_files(tmp_path, text, message):
    path = tmp_path / "m.tsv"
    path.write_text(text + "intercept\t0\nthreshold\t0.5\n")
    with pytest.raises(fl.ModelError, match=re.escape(message)):
        fl.Model.load(path)
    with pytest.raises(fl.ModelError, match=re.escape(message.split(": ", 1)[1])):
        fl.Analyzer(model=path)


def test_fit_rejects_unknown_categories_and_misused_arguments():
    texts, gold = corpus(4)
    with pytest.raises(fl.ConfigError, match="unknown category 'bogus'"):
        fl.fit(texts, gold, category="bogus")
    typo = [[(s, e, "Loaded")] for s, e in (g[0] for g in gold if g)] + [[]] * 2
    with pytest.raises(fl.GoldError, match=r"gold\[0\]\[0\]: unknown category 'Loaded'"):
        fl.fit(texts, typo)
    with pytest.raises(fl.ConfigError, match="folds must be at least 2"):
        fl.fit(texts, gold, folds=2.5)  # type: ignore[arg-type]
    with pytest.raises(fl.ConfigError, match="c must be positive"):
        fl.fit(texts, gold, c="abc")  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="word_lists takes lists of words"):
        fl.fit(texts, gold, word_lists={"mine": "snarvy"})
    with pytest.raises(TypeError, match="guard_words takes lists of words"):
        fl.fit(texts, gold, guard_words="Ormond")
    with pytest.raises(TypeError, match="texts is one string"):
        fl.fit("The council met.", [[]])


def test_fit_takes_numpy_offsets_and_names_a_fold_without_marked_tokens():
    np = pytest.importorskip("numpy")
    pytest.importorskip("sklearn")
    texts, gold = corpus(40)
    as_numpy = [[(np.int64(s), np.int64(e)) for s, e in g] for g in gold]
    assert fl.fit(texts, as_numpy, folds=2).weights == fl.fit(texts, gold, folds=2).weights
    # Two marked texts in 24: some fold's training texts have none of them.
    few = [g if i in (1, 3) else [] for i, g in enumerate(gold[:24])]
    with pytest.raises(fl.ConfigError, match="training texts of fold .*use fewer folds"):
        for seed in range(20):
            fl.fit(texts[:24], few, seed=seed)


RUSSIAN = [
    "Журналисты назвали решение позорным провалом совета.",
    "Совет обсудил бюджет города на заседании.",
] * 10


def test_a_fitted_model_records_the_language_of_its_texts():
    pytest.importorskip("sklearn")
    word = "позорным"
    gold = [[(t.index(word), t.index(word) + len(word))] if word in t else [] for t in RUSSIAN]
    model = fl.fit(RUSSIAN, gold, folds=2, min_count=1)
    assert model.language == "ru"
    analyzer = fl.Analyzer(languages=["en", "ru"], model=model)
    scored = [m.text for m in analyzer.analyze(RUSSIAN[0]).markers if m.entry == "model"]
    predicted = [RUSSIAN[0][s:e] for s, e, _ in model.predict([RUSSIAN[0]])[0]]
    assert scored == predicted == [word]
    # Neither scores a text of another language.
    assert model.predict([SCORED]) == [[]]
    with pytest.raises(fl.ConfigError, match="several languages"):
        fl.fit([*RUSSIAN[:2], SCORED], [[], [], []], folds=2)


def test_many_word_lists_load_and_score_in_linear_time():
    # 20,000 one-word lists: every list was scanned for every word (16,000 lists: 2.3 s to
    # score 1,200 words), and a duplicate name check over all lists made loading quadratic.
    lists = {f"l{i}": [f"w{i}"] for i in range(20_000)}
    model = fl.Model({"w=plan": 2.0, "list=l7": 3.0}, -1.0, 0.5, word_lists=lists)
    analyzer = fl.Analyzer(model=model)
    marked = [m.text for m in analyzer.analyze("The plan and w7 and w8.").markers]
    assert "w7" in marked and "plan" in marked and "w8" not in marked


def test_token_features_name_a_text_that_is_not_unicode():
    with pytest.raises(fl.DocumentError, match=r"texts\[1\]"):
        fl.Analyzer().token_features(["fine", "ok \udcff"])
