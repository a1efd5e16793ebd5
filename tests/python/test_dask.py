"""framelens.dask on a local cluster: the index and pass-through columns survive, tasks do not
oversubscribe the worker, and the user guide's example gives the single-process results."""

import json
import re
from pathlib import Path

import framelens as fl
import pytest
from conftest import ROOT

pytest.importorskip("dask")
distributed = pytest.importorskip("distributed")
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
        b for b in re.findall(r"```python\n(.*?)```", readme, flags=re.S) if "framelens.dask" in b
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
