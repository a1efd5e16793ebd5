"""Notebook-facing features: HTML, Arrow, plots, the example notebook, Dask."""

from pathlib import Path

import framelens as fl
import pytest
from conftest import ROOT


def test_analysis_html_escapes_the_article():
    text = 'The regime said <script>alert(1)</script> was "reckless" & more.'
    html = fl.analyze(text)._repr_html_()
    assert "<script>" not in html and "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "fl-loaded" in html and "fl-quoted" in html
    assert "title=" in html and "regime" in html


def test_to_arrow_columns():
    pa = pytest.importorskip("pyarrow")
    a = fl.analyze_batch(["The regime said the plan was reckless."])
    t = fl.to_arrow(a, level="markers")
    assert isinstance(t, pa.Table) and t.num_rows == len(a[0].markers)
    assert t.column_names[:3] == ["doc_id", "start", "end"]


def test_comparison_plot():
    pytest.importorskip("matplotlib")
    import matplotlib

    matplotlib.use("Agg")
    c = fl.compare(
        fl.analyze_batch(["The regime lied, officials said.", "Talks went on, she said."])
    )
    axes = c.plot(title="Two texts")
    # Rates per 1,000 words and 0-1 shares never share an axis.
    assert [ax.get_xlabel() for ax in axes] == ["per 1,000 words", "share (0–1)"]
    assert axes[1].get_xlim() == (0, 1) and axes[0].figure.texts[0].get_text() == "Two texts"
    # One bar per measure and group, in the order asked, in the colours asked.
    rates = {r["measure"] for r in c.table().to_dict("records") if r["measure"].endswith("_1k")}
    axes = c.plot(order=["doc1", "doc0"], colors={"doc0": "#000000", "doc1": "#E69F00"})
    bars = axes[0].patches
    assert len(bars) == 2 * len([m for m in rates if m in axes_measures(axes[0])])
    assert axes[0].get_legend_handles_labels()[1] in (["doc1", "doc0"], [])
    assert axes[-1].get_legend_handles_labels()[1] == ["doc1", "doc0"]
    assert matplotlib.colors.to_hex(bars[0].get_facecolor()) == "#e69f00"
    with pytest.raises(ValueError, match="unknown groups"):
        c.plot(order=["nope"])
    with pytest.raises(ValueError, match="no colour"):
        c.plot(colors={"doc0": "red"})


def axes_measures(ax):
    from framelens.display import measure_label

    labels = {t.get_text() for t in ax.get_yticklabels()}
    names = {
        r["measure"] for r in fl.compare(fl.analyze_batch(["a", "b"])).table().to_dict("records")
    }
    return {m for m in names if measure_label(m) in labels}


def test_example_notebook_runs_headless():
    nbformat = pytest.importorskip("nbformat")
    nbclient = pytest.importorskip("nbclient")
    path = ROOT / "examples" / "compare_coverage.ipynb"
    nb = nbformat.read(path, as_version=4)
    client = nbclient.NotebookClient(
        nb, timeout=120, kernel_name="python3", resources={"metadata": {"path": str(path.parent)}}
    )
    client.execute()
    outputs = [o for c in nb.cells for o in c.get("outputs", [])]
    assert not [o for o in outputs if o.get("output_type") == "error"]
    # The plot shows inline (no Agg backend), and the article view and styled table render.
    assert not any("matplotlib.use" in c.source for c in nb.cells)
    assert any("image/png" in o.get("data", {}) for o in outputs)
    html = [o["data"]["text/html"] for o in outputs if "text/html" in o.get("data", {})]
    assert any("framelens-view" in h for h in html)
    assert any("framelens-comparison" in h and "▲" in h for h in html)
    assert any("framelens-kwic" in h for h in html)


def test_dask_on_a_local_cluster_matches_single_process():
    pytest.importorskip("dask")
    distributed = pytest.importorskip("distributed")
    pd = pytest.importorskip("pandas")
    import dask.bag as db
    import dask.dataframe as dd
    import framelens.dask as fld

    texts = [
        p.read_text(encoding="utf-8") for p in sorted(Path(ROOT, "examples").glob("articles/*.txt"))
    ]
    frame = pd.DataFrame({"id": [f"d{i}" for i in range(len(texts) * 4)], "text": texts * 4})
    expected = fl.to_pandas(
        fl.analyze_batch(frame, text_col="text", id_col="id"), level="documents"
    )
    with (
        distributed.LocalCluster(
            n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None
        ) as cluster,
        distributed.Client(cluster),
    ):
        ddf = dd.from_pandas(frame, npartitions=3)
        got = fld.analyze_dataframe(ddf, text_col="text", id_col="id").compute()
        bag = fld.analyze_bag(db.from_sequence(texts * 4, npartitions=2)).compute()
    pd.testing.assert_frame_equal(got.reset_index(drop=True), expected)
    assert list(bag["words"]) == list(expected["words"])
