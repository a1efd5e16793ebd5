"""Analyse a Spark DataFrame with ``mapInArrow`` (needs ``pyspark`` and ``pyarrow``).

Each Python worker builds the default analyzer once and turns each Arrow batch of the input
into result rows (the columns of :data:`framelens.tables.SCHEMAS`) plus the columns named in
``keep``::

    import framelens.spark as fls

    df = spark.read.json("corpus-*.jsonl")
    results = fls.analyze(df, text_col="text", id_col="id", outlet_col="outlet", keep=["date"])
    results.groupBy("outlet_id").avg("loaded_per_1k").show()

Spark runs one task per core, so each task analyses on one thread unless ``threads=`` says
otherwise.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import Any


def spark_schema(level: str = "documents") -> Any:
    """The Spark ``StructType`` of ``level``'s columns, from :data:`framelens.tables.SCHEMAS`."""
    from pyspark.sql.pandas.types import from_arrow_schema

    from .tables import SCHEMAS, _check_level

    _check_level(level)
    return from_arrow_schema(SCHEMAS[level])


def analyze(
    df: Any,
    text_col: str = "text",
    id_col: str | None = None,
    outlet_col: str | None = None,
    url_col: str | None = None,
    *,
    level: str = "documents",
    keep: Sequence[str] | None = None,
    threads: int | None = 1,
) -> Any:
    """A Spark DataFrame of results at ``level`` for the rows of ``df``, with the columns named
    in ``keep`` passed through (see :func:`framelens.analyze_table`)."""
    from pyspark.sql.types import StructType

    from . import ConfigError

    kept = list(keep or [])
    wanted = [c for c in (text_col, id_col, outlet_col, url_col) if c is not None]
    for col in [*wanted, *kept]:
        if col not in df.columns:
            raise ConfigError(f"the Spark DataFrame has no column {col!r}")
    base = spark_schema(level)
    schema = StructType([*base.fields, *(df.schema[c] for c in kept)])
    for c in kept:
        if c in base.names:
            raise ConfigError(f"keep: {c!r} is also a column of the {level} table; rename it first")
    columns = list(dict.fromkeys([*wanted, *kept]))

    def run(batches: Iterator[Any]) -> Iterator[Any]:
        import pyarrow as pa

        from .tables import analyze_table

        for batch in batches:
            table = analyze_table(
                pa.Table.from_batches([batch]),
                level,
                keep=kept,
                text_col=text_col,
                id_col=id_col,
                outlet_col=outlet_col,
                url_col=url_col,
                threads=threads,
                output="arrow",
            )
            yield from table.to_batches()

    return df.select(*columns).mapInArrow(run, schema)
