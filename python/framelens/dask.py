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

:func:`compare` compares groups of rows on the cluster: partitions send back mergeable
aggregates, never documents or analyses, and it returns a :class:`framelens.Comparison`.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any, Literal


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


def _part(
    part: Any,
    by: Any,
    text_col: str,
    id_col: str | None,
    outlet_col: str | None,
    url_col: str | None,
    threads: int | None,
) -> Any:
    from . import _aggregates, analyze_batch, group_labels

    if len(part) == 0:
        return _aggregates.make_part([], [], [])
    analyses = analyze_batch(
        part,
        threads=task_threads(threads),
        text_col=text_col,
        id_col=id_col,
        outlet_col=outlet_col,
        url_col=url_col,
    )
    if isinstance(by, str) and by in part.columns:
        labels = [str(x) for x in part[by]]
    else:
        labels = group_labels(analyses, by)
    keys = [_aggregates.document_key(i, t) for i, t in zip(part.index, part[text_col], strict=True)]
    return _aggregates.make_part(analyses, labels, keys)


def compare(
    ddf: Any,
    by: str | Callable[[Any], str],
    text_col: str = "text",
    id_col: str | None = None,
    outlet_col: str | None = None,
    url_col: str | None = None,
    *,
    bootstrap: int = 1000,
    seed: int = 0,
    interval: Literal["studentized", "bca", "percentile"] = "studentized",
    threads: int | None = None,
) -> Any:
    """Compare groups of the rows of ``ddf`` on the cluster, as :func:`framelens.compare`
    does in one process, and return a :class:`framelens.Comparison`.

    ``by`` is a column of ``ddf`` (its values, as strings, are the groups), else what
    :func:`framelens.group_labels` takes (``"outlet"``, an :class:`~framelens.Analysis`
    attribute, a function of an analysis). Each partition is analysed where it lies and sends
    back what adds up: documents, words, naming uses, speakers, marker counts, word counts and,
    for each of ``bootstrap`` replicates, Poisson-weighted sums of the profile units (and, for
    the default studentized interval, of their squares); the ordered sums for the point values,
    the residual sums of squares for the standard errors and the jackknife for the BCa
    acceleration are made there too. ``interval`` is :func:`framelens.compare`'s: studentized
    (the default, with the same exact floors, computed by the same core function), ``"bca"`` or
    ``"percentile"``. Point values, naming, speakers, divergences and distinctive terms equal
    :func:`framelens.compare`'s; the intervals come from a Poisson bootstrap (each row's weights
    seeded by ``seed`` and the row's index value and text, so they do not depend on the
    partitioning) and agree with the single-process ones within bootstrap noise. No
    between-group tests are made (:meth:`~framelens.Comparison.tests` is empty), and
    :meth:`~framelens.Comparison.context` needs the texts, so it is not available.
    """
    _require()
    import dask
    from dask.delayed import delayed

    from . import _aggregates, _framelens

    if by is None:
        raise _framelens.ConfigError(
            "framelens.dask.compare needs by= (a column, or what framelens.group_labels takes)"
        )
    if bootstrap < 0:
        raise _framelens.ConfigError(f"bootstrap must be at least 0, not {bootstrap}")
    if interval not in ("studentized", "bca", "percentile"):
        raise _framelens.ConfigError(
            f'interval must be "studentized", "bca" or "percentile", not {interval!r}'
        )
    if text_col not in ddf.columns:
        raise _framelens.ConfigError(f"no column {text_col!r}; columns: {list(ddf.columns)}")
    args = (by, text_col, id_col, outlet_col, url_col, threads)
    parts = [delayed(_part)(p, *args) for p in ddf.to_delayed()]
    studentized = interval == "studentized"
    partials = [delayed(_aggregates.partial)(p, bootstrap, seed, studentized) for p in parts]
    while len(partials) > 1:  # merged pairwise on the cluster, in partition order
        partials = [
            delayed(_aggregates.merge)(*partials[i : i + 2])
            if i + 1 < len(partials)
            else partials[i]
            for i in range(0, len(partials), 2)
        ]
    merged = partials[0] if partials else _aggregates.Partial()
    totals: Any = {}
    for p in parts:
        totals = delayed(_aggregates.chain_sums)(p, totals)
    moments = [delayed(_aggregates.jackknife_moments)(p, totals) for p in parts]
    compute: Any = getattr(dask, "compute")  # noqa: B009 (dask's compute has no types)
    merged_, totals_, moments_ = compute(merged, totals, moments)
    if not merged_.order:
        raise _framelens.ConfigError("compare needs at least one document")
    state = _aggregates.assemble(merged_, totals_, moments_, bootstrap, seed, interval)
    return _aggregates.comparison(state)
