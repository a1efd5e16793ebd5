"""Analyse a dask Bag or DataFrame partition by partition (needs the ``dask`` extra).

Each worker builds the default analyzer once (it is cached per process) and turns its
partition into document rows (the columns of ``framelens.tables``), so the result is a dask
DataFrame of per-document results::

    import dask.dataframe as dd
    import framelens.dask as fld

    ddf = dd.read_json("corpus-*.jsonl", lines=True, blocksize="64MB")
    results = fld.analyze_dataframe(ddf, text_col="text", id_col="id")
    results.groupby("outlet_id").loaded_per_1k.mean().compute()

The same pattern runs on Spark with ``mapInArrow``: inside the function, turn each Arrow batch
into dicts, call ``framelens.analyze_batch``, and yield ``framelens.to_arrow(analyses)``.
"""

from __future__ import annotations

from typing import Any


def _require() -> Any:
    try:
        import dask.dataframe as dd
    except ImportError as e:
        raise ImportError("framelens.dask needs dask: pip install 'framelens[dask]'") from e
    return dd


def _meta() -> Any:
    from . import to_pandas

    return to_pandas([], level="documents")


def _analyze_partition(
    part: Any, text_col: str, id_col: str | None, outlet_col: str | None, url_col: str | None
) -> Any:
    from . import analyze_batch, to_pandas

    analyses = analyze_batch(
        part, text_col=text_col, id_col=id_col, outlet_col=outlet_col, url_col=url_col
    )
    return to_pandas(analyses, level="documents")


def analyze_dataframe(
    ddf: Any,
    text_col: str = "text",
    id_col: str | None = None,
    outlet_col: str | None = None,
    url_col: str | None = None,
) -> Any:
    """A dask DataFrame with one row of document results per row of ``ddf``."""
    _require()
    return ddf.map_partitions(
        _analyze_partition, text_col, id_col, outlet_col, url_col, meta=_meta()
    )


def _analyze_items(items: list[Any]) -> Any:
    from . import analyze_batch, to_pandas

    return to_pandas(analyze_batch(list(items)), level="documents")


def analyze_bag(bag: Any) -> Any:
    """A dask DataFrame of document results from a dask Bag of texts, Documents or dicts."""
    dd = _require()
    from dask.delayed import delayed

    parts = [delayed(_analyze_items)(p) for p in bag.to_delayed()]
    return dd.from_delayed(parts, meta=_meta())
