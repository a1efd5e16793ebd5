"""framelens.dask on a local cluster: the index and pass-through columns survive, tasks do not
oversubscribe the worker, and the user guide's example gives the single-process results."""

import json
import random
import re
from pathlib import Path

import framelens as fl
import pytest
from conftest import ROOT

pytest.importorskip("dask")
distributed = pytest.importorskip("distributed")
np = pytest.importorskip("numpy")
pd = pytest.importorskip("pandas")

import dask  # noqa: E402
import dask.dataframe as dd  # noqa: E402
import framelens.dask as fld  # noqa: E402

ARTICLES = {
    p.stem: p.read_text(encoding="utf-8")
    for p in sorted(Path(ROOT, "examples").glob("articles/*.txt"))
}
OUTLETS = {
    "estavian_sentinel": "Estavian Sentinel",
    "meridian_wire": "Meridian Wire",
    "norvan_courier": None,
}


def corpus(copies: int = 4) -> "pd.DataFrame":
    rows = []
    for i in range(copies):
        for j, (name, text) in enumerate(ARTICLES.items()):
            rows.append(
                {
                    "id": f"{name}-{i}",
                    "text": text,
                    "outlet": OUTLETS[name],
                    "url": f"https://{name.replace('_', '-')}.example/{i}",
                    "date": f"2026-03-{1 + i:02d}",
                    "lean": ["a", "b", "c"][j],
                }
            )
    return pd.DataFrame(rows)


@pytest.fixture(scope="module")
def client():
    with (
        distributed.LocalCluster(
            n_workers=2, threads_per_worker=2, processes=True, dashboard_address=":0"
        ) as cluster,
        distributed.Client(cluster) as c,
    ):
        yield c


def test_index_and_kept_columns_survive(client):
    frame = corpus().set_index(pd.Index([f"r{i:02d}" for i in range(12)], name="row"))
    ddf = dd.from_pandas(frame, npartitions=3)
    for level in fl.tables.LEVELS:
        expected = fl.analyze_table(
            frame, level, id_col="id", outlet_col="outlet", url_col="url", keep=["lean", "date"]
        )
        got = fld.analyze_dataframe(
            ddf, id_col="id", outlet_col="outlet", url_col="url", level=level, keep=["lean", "date"]
        ).compute()
        assert list(got.index) == list(expected.index) and got.index.name == "row"
        assert list(got.columns) == list(expected.columns)
        for col in ("lean", "date"):
            assert got[col].tolist() == expected[col].tolist()
        # dask stores the index strings as its own string dtype; the values are the same.
        pd.testing.assert_frame_equal(
            got.drop(columns=["lean", "date"]),
            expected.drop(columns=["lean", "date"]),
            check_index_type=False,
        )


def test_tasks_use_one_thread_on_a_parallel_worker(client):
    assert client.submit(fld.task_threads, pure=False).result() == 1
    assert client.submit(fld.task_threads, 3, pure=False).result() == 3
    with (
        distributed.LocalCluster(
            n_workers=1, threads_per_worker=1, processes=False, dashboard_address=":0"
        ) as one,
        distributed.Client(one) as c1,
    ):
        assert c1.submit(fld.task_threads, pure=False).result() is None


def test_local_schedulers_pick_threads():
    with dask.config.set(scheduler="sync"):
        assert fld.task_threads() is None
    with dask.config.set(scheduler="threads"):
        assert fld.task_threads() == 1


def test_guide_dask_example_matches_single_process(client, tmp_path, monkeypatch):
    readme = (ROOT / "docs" / "guide" / "clusters.md").read_text(encoding="utf-8")
    (block,) = [
        b
        for b in re.findall(r"```python\n(.*?)```", readme, flags=re.S)
        if "framelens.dask" in b and "corpus-*.jsonl" in b
    ]
    frame = corpus()
    for k, part in enumerate((frame.iloc[:5], frame.iloc[5:])):
        lines = [json.dumps(r) for r in part.to_dict(orient="records")]
        (tmp_path / f"corpus-{k}.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    namespace: dict = {}
    exec(compile(block, "clusters.md", "exec"), namespace)
    results = namespace["results"].compute()
    single = fl.to_pandas(
        fl.analyze_batch(frame, id_col="id", outlet_col="outlet", url_col="url"), "documents"
    )
    for col in ("doc_id", "outlet", "outlet_id", "url", "words", "loaded_per_1k"):
        pd.testing.assert_series_equal(
            results[col].reset_index(drop=True), single[col], check_dtype=False, obj=col
        )
    assert results["outlet"].notna().sum() == 8  # the outlets given in the corpus


def mixed_corpus() -> "pd.DataFrame":
    """120 documents of 3 to 8 sentences of the example articles (seeded), 40 per group, each
    group drawing mostly from its own article; and a group of one document."""
    rng = random.Random(7)
    sentences = [
        [s for s in re.split(r"(?<=[.!?\"])\s+", text.strip()) if len(s.split()) > 3]
        for text in ARTICLES.values()
    ]
    everything = [s for group in sentences for s in group]
    rows = []
    for i in range(120):
        pool = sentences[i % 3] + rng.sample(everything, 5)
        text = " ".join(rng.sample(pool, rng.randint(3, 8)))
        rows.append({"id": f"d{i}", "text": text, "lean": "abc"[i % 3]})
    rows.append({"id": "solo", "text": next(iter(ARTICLES.values())), "lean": "solo"})
    return pd.DataFrame(rows)


def endpoint_gap(a: "pd.DataFrame", b: "pd.DataFrame") -> "pd.Series":
    """Per measure, the larger endpoint difference of b's interval from a's, in a's widths."""
    width = a["high"] - a["low"]
    gap = ((a["low"] - b["low"]).abs()).combine((a["high"] - b["high"]).abs(), max)
    return (gap / width.where(width > 0)).fillna(0.0)


@pytest.fixture(scope="module")
def mixed():
    frame = mixed_corpus()
    analyses = fl.analyze_batch(frame, id_col="id")
    return frame, analyses


@pytest.mark.parametrize("interval", ["studentized", "bca"])
def test_compare_on_the_cluster_equals_fl_compare(client, mixed, interval):
    frame, analyses = mixed
    labels = frame["lean"].tolist()
    single = fl.compare(analyses, by=labels, bootstrap=2000, permutations=0, interval=interval)
    got = fld.compare(
        dd.from_pandas(frame, npartitions=4),
        by="lean",
        id_col="id",
        bootstrap=2000,
        interval=interval,
    )
    assert isinstance(got, fl.Comparison)
    s, d = single.table(), got.table()
    # Point values: the same sums in the same order, so equal to the last bit.
    pd.testing.assert_frame_equal(
        s[["measure", "group", "value"]], d[["measure", "group", "value"]]
    )
    assert got.groups == single.groups and got.groups[-1]["resampled"] == "sentences"
    for name in ("naming", "speakers", "divergence"):
        pd.testing.assert_frame_equal(getattr(got, name)(), getattr(single, name)(), obj=name)
    assert len(got.naming()) > 0 and len(got.speakers()) > 0
    for g in ("a", "b", "c", "solo"):
        pd.testing.assert_frame_equal(got.distinctive_terms(g), single.distinctive_terms(g))
    pd.testing.assert_frame_equal(
        got.distinctive_terms("a", "b"), single.distinctive_terms("a", "b")
    )
    assert got.naming_contrast("a", "c") == single.naming_contrast("a", "c")
    assert got.exclusive_speakers("b", "a") == single.exclusive_speakers("b", "a")
    assert len(got.tests()) == 0 and got.to_dict()["options"]["permutations"] == 0
    # Intervals: a Poisson bootstrap, against fl.compare's multinomial one. The same measures
    # have no spread (all-zero, or constant), and the endpoints lie within bootstrap noise.
    # BCa: fl.compare itself moves them by up to 0.25 of the interval's width (0.06 at the 90th
    # percentile) from seed 0 to seeds 1 to 4 here, since shares of a few cues jump in lumps at
    # 40 documents; the bounds are twice that. Studentized: most ends are set by the exact
    # floors, which no seed moves (0.010 to 0.017 at the 90th percentile over seeds 1 to 4, the
    # one document's sentences up to 0.23, where Poisson and multinomial resamples of 9 units
    # differ most: 0.41 here). Without the weights, with the replicates of the wrong group, or
    # (studentized) without the squares, endpoints move by whole widths.
    assert ((s["high"] > s["low"]) == (d["high"] > d["low"])).all()
    assert ((d["low"] <= d["value"]) & (d["value"] <= d["high"])).all()
    noise_floor, bound = {"bca": (0.02, 0.12), "studentized": (0.005, 0.04)}[interval]
    gap = endpoint_gap(s, d)
    assert gap.max() <= 0.5, s.assign(gap=gap, d_low=d["low"], d_high=d["high"]).nlargest(5, "gap")
    assert gap.quantile(0.9) <= bound
    # The noise the bounds stand for: another seed of fl.compare.
    other = fl.compare(
        analyses, by=labels, bootstrap=2000, permutations=0, seed=1, interval=interval
    ).table()
    assert noise_floor < endpoint_gap(s, other).quantile(0.9) <= bound


def test_compare_on_the_cluster_does_not_depend_on_the_partitions(client, mixed):
    frame, _ = mixed
    frame = frame.set_index(pd.Index([f"r{i}" for i in range(len(frame))]))
    tables = [
        fld.compare(
            dd.from_pandas(frame, npartitions=n), by="lean", bootstrap=300, interval=interval
        ).table()
        for n in (1, 5)
        for interval in ("studentized", "bca", "percentile")
    ]
    for one, five in zip(tables[:3], tables[3:], strict=True):
        assert (one["value"] == five["value"]).all()
        for col in ("low", "high"):
            assert (one[col] - five[col]).abs().max() < 1e-9
    # A different seed draws other weights.
    assert not tables[0]["high"].equals(
        fld.compare(dd.from_pandas(frame, npartitions=5), by="lean", bootstrap=300, seed=1).table()[
            "high"
        ]
    )


def test_compare_on_the_cluster_keeps_the_exact_floor_of_a_one_sentence_document(client):
    # A group of one document of one sentence has nothing to resample; fl.compare still gives
    # it the exact interval of its count (Garwood, Clopper-Pearson), and so must the cluster:
    # it gave [0, 0] for the loaded rate, the attributed sentences and the flags.
    frame = pd.DataFrame(
        {
            "text": [
                "The regime lied, critics said. The reckless plan failed.",
                "Officials said the reckless plan failed, critics said.",
                "The council met on Tuesday. It voted.",
                "Talks went on in the capital today.",
            ],
            "g": ["a", "a", "a", "solo"],
        }
    )
    single = fl.compare(fl.analyze_batch(frame), by=list(frame["g"]), bootstrap=200).table()
    got = fld.compare(dd.from_pandas(frame, npartitions=2), by="g", bootstrap=200).table()
    pd.testing.assert_frame_equal(
        single[["measure", "group", "value"]], got[["measure", "group", "value"]]
    )
    solo = single["group"] == "solo"
    # No resamples on either side: the same exact interval, to rounding.
    pd.testing.assert_frame_equal(single[solo], got[solo], rtol=1e-12)
    for interval in ("bca", "percentile"):
        # The percentile and BCa intervals of one unit were [value, value] on both sides.
        one = fl.compare(
            fl.analyze_batch(frame), by=list(frame["g"]), bootstrap=200, interval=interval
        ).table()
        spread = fld.compare(
            dd.from_pandas(frame, npartitions=2), by="g", bootstrap=200, interval=interval
        ).table()
        pd.testing.assert_frame_equal(one[solo], spread[solo], rtol=1e-12)
        pd.testing.assert_frame_equal(one[solo], single[solo], rtol=1e-12)
    floor = single[solo].set_index("measure")
    assert floor.loc["loaded_per_1k", "high"] > 400
    assert floor.loc["attributed_sentence_share", "high"] == pytest.approx(0.975)
    assert floor.loc["wire_based", "high"] == pytest.approx(0.975)
    # Where fl.compare's interval has a width, the cluster's has one too.
    assert ((single["high"] > single["low"]) == (got["high"] > got["low"])).all()


def test_compare_on_the_cluster_counts_a_document_without_sentences_as_none_of_none(client):
    # An empty document has no sentences, so its attributed-sentence share is undefined (null
    # in the documents table); in its group's share it is 0 cue sentences of 0. The cluster
    # took the null for the count and gave the whole group NaN.
    frame = pd.DataFrame(
        {
            "text": [
                "Officials at the Varlen ministry said the dam was safe. The river was calm.",
                "",
                "The Ostrava Ledger reported that the bridge had reopened. Traffic was light.",
                "Critics said the new toll was far too high.",
            ],
            "g": ["a", "a", "b", "b"],
        }
    )
    analyses = fl.analyze_batch(frame)
    assert analyses[1].profile.sentences == 0
    single = fl.compare(analyses, by=list(frame["g"]), bootstrap=200).table()
    got = fld.compare(dd.from_pandas(frame, npartitions=2), by="g", bootstrap=200).table()
    pd.testing.assert_frame_equal(
        single[["measure", "group", "value"]], got[["measure", "group", "value"]]
    )
    share = got[got["measure"] == "attributed_sentence_share"].set_index("group")["value"]
    assert share["a"] == pytest.approx(1 / 2)  # one cue sentence of the two in the group

    from framelens import _aggregates

    native = fl._framelens.compare(analyses, list(frame["g"]), bootstrap=0, permutations=0)
    layout = _aggregates.Layout.from_names(
        [r["measure"] for r in native.table() if r["group"] == "a"]
    )
    fast = _aggregates.document_units(analyses, layout)
    one_by_one = np.stack([_aggregates.units(a, layout, by_sentence=False)[0] for a in analyses])
    np.testing.assert_array_equal(fast, one_by_one)


def test_compare_on_the_cluster_says_what_is_wrong():
    ddf = dd.from_pandas(corpus(1), npartitions=1)
    with pytest.raises(fl.ConfigError, match="needs by="):
        fld.compare(ddf, by=None)  # type: ignore[arg-type]
    with pytest.raises(fl.ConfigError, match="no column 'body'"):
        fld.compare(ddf, by="lean", text_col="body")
    with pytest.raises(fl.ConfigError, match="bootstrap must be at least 0"):
        fld.compare(ddf, by="lean", bootstrap=-1)
    with pytest.raises(fl.ConfigError, match="interval must be"):
        fld.compare(ddf, by="lean", interval="normal")  # type: ignore[arg-type]
    with dask.config.set(scheduler="sync"):
        empty = dd.from_pandas(corpus(1).iloc[:0], npartitions=1)
        with pytest.raises(fl.ConfigError, match="at least one document"):
            fld.compare(empty, by="lean")
        # "outlet" is no column here, so it means the analyses' outlets, as in fl.compare.
        frame = corpus(1).rename(columns={"outlet": "source"})
        by_outlet = fld.compare(
            dd.from_pandas(frame, npartitions=2), by="outlet", outlet_col="source", bootstrap=0
        )
        single = fl.compare(fl.analyze_batch(frame, outlet_col="source"), by="outlet", bootstrap=0)
        assert [g["name"] for g in by_outlet.groups] == [
            "Estavian Sentinel",
            "Meridian Wire",
            "unknown",
        ]
        pd.testing.assert_frame_equal(by_outlet.table(), single.table())


def test_document_units_from_the_tables_equal_the_units_of_each_analysis(mixed):
    from framelens import _aggregates

    frame, analyses = mixed
    native = fl._framelens.compare(analyses, frame["lean"].tolist(), bootstrap=0, permutations=0)
    layout = _aggregates.Layout.from_names(
        [r["measure"] for r in native.table() if r["group"] == "a"]
    )
    fast = _aggregates.document_units(analyses, layout)
    one_by_one = np.stack([_aggregates.units(a, layout, by_sentence=False)[0] for a in analyses])
    assert fast.shape == (len(analyses), 2 * len(layout.names)) and fast.any()
    np.testing.assert_array_equal(fast, one_by_one)
