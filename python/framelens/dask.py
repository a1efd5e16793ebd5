"""Analyse a dask Bag or DataFrame partition by partition (needs the ``dask`` extra).

Each worker builds the default analyzer once (it is cached per process) and turns its
partition into result rows (the columns of :data:`framelens.tables.SCHEMAS`), keeping the
partition's index and the columns named in ``keep``, so the result is a dask DataFrame that
lines up with the input::

    import dask.dataframe as dd
    import framelens.dask as fld

    ddf = dd.read_json("corpus-*.jsonl", lines=True, blocksize="64MB")
    results = fld.analyze_dataframe(
        ddf, text_col="text", id_col="id", outlet_col="outlet", keep=["date"]
    )
    results.groupby("outlet_id").loaded_per_1k.mean().compute()

A task analyses its partition on one thread when the worker (or the local threaded or
process scheduler) already runs tasks in parallel, and on all cores when it runs one task at a
time; ``threads=`` overrides that.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any


def _require() -> Any:
    try:
        import dask.dataframe as dd
    except ImportError as e:
        raise ImportError("framelens.dask needs dask: pip install 'framelens[dask]'") from e
    return dd


def task_threads(threads: int | None = None) -> int | None:
    """The analysis threads for a task run here: ``threads`` if given, else 1 where tasks
    already run in parallel (a distributed worker with several threads, the local threaded or
    process scheduler), else None (all cores: a one-thread worker, the synchronous scheduler)."""
    if threads is not None:
        return threads
    try:
        from distributed import get_worker

        worker: Any = get_worker()
    except (ImportError, ValueError):
        worker = None
    if worker is not None:
        state = getattr(worker, "state", worker)
        return 1 if int(getattr(state, "nthreads", 1)) > 1 else None
    import dask

    scheduler = dask.config.get("scheduler", None)
    if scheduler in ("sync", "synchronous", "single-threaded"):
        return None
    return 1


def _analyze_partition(
    part: Any,
    level: str,
    text_col: str,
    id_col: str | None,
    outlet_col: str | None,
    url_col: str | None,
    keep: list[str],
    threads: int | None,
) -> Any:
    from .tables import analyze_table

    return analyze_table(
        part,
        level,
        keep=keep,
        text_col=text_col,
        id_col=id_col,
        outlet_col=outlet_col,
        url_col=url_col,
        threads=task_threads(threads),
        output="pandas",
    )


def analyze_dataframe(
    ddf: Any,
    text_col: str = "text",
    id_col: str | None = None,
    outlet_col: str | None = None,
    url_col: str | None = None,
    *,
    level: str = "documents",
    keep: Sequence[str] | None = None,
    threads: int | None = None,
) -> Any:
    """A dask DataFrame of results at ``level`` for the rows of ``ddf``, with ``ddf``'s index
    and the columns named in ``keep`` (see :func:`framelens.analyze_table`)."""
    _require()
    kept = list(keep or [])
    args = (level, text_col, id_col, outlet_col, url_col, kept, threads)
    # The empty partition gives the columns and their types, and checks the arguments early.
    meta = _analyze_partition(ddf._meta, *args)
    return ddf.map_partitions(_analyze_partition, *args, meta=meta, align_dataframes=False)


def _analyze_items(items: list[Any], threads: int | None) -> Any:
    from . import analyze_batch, to_pandas

    return to_pandas(analyze_batch(list(items), threads=task_threads(threads)), level="documents")


def analyze_bag(bag: Any, threads: int | None = None) -> Any:
    """A dask DataFrame of document results from a dask Bag of texts, Documents or dicts."""
    dd = _require()
    from dask.delayed import delayed

    from . import to_pandas

    parts = [delayed(_analyze_items)(p, threads) for p in bag.to_delayed()]
    return dd.from_delayed(parts, meta=to_pandas([], level="documents"))
