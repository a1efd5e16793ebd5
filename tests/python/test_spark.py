"""framelens.spark on a local Spark session gives the rows of the single-process path.

Skipped where pyspark (and Java) are not installed: `pip install pyspark` and a JDK run it."""

import os
import shutil
import sys

import framelens as fl
import pytest

pytest.importorskip("pyspark", reason="pyspark is not installed: the Spark path is not tested")
pa = pytest.importorskip("pyarrow")
if shutil.which("java") is None:
    pytest.skip("Spark needs Java, which is not installed", allow_module_level=True)

import framelens.spark as fls  # noqa: E402
from pyspark.sql import SparkSession  # noqa: E402

TEXTS = [
    'The regime said the plan was reckless. "It is a disgrace," said Jane Roe of Harbor Watch.',
    "Talks went on quietly in Eastvale, officials said.",
    "Fine.",
    'Critics slammed the so-called reform. "A witch hunt," one aide said, adding nothing.',
] * 3


@pytest.fixture(scope="module")
def spark():
    # The Python workers run this interpreter (the one with this framelens installed).
    os.environ["PYSPARK_PYTHON"] = sys.executable
    session = (
        SparkSession.builder.master("local[2]")
        .appName("framelens-test")
        .config("spark.ui.enabled", "false")
        .config("spark.sql.shuffle.partitions", "2")
        .getOrCreate()
    )
    yield session
    session.stop()


def test_spark_schema_comes_from_the_arrow_schemas():
    from pyspark.sql.types import LongType, StringType

    schema = fls.spark_schema("attributions")
    assert schema.names == fl.tables.SCHEMAS["attributions"].names
    assert schema["content_start"].dataType == LongType() and schema["content_start"].nullable
    assert schema["cue_start"].dataType == LongType() and not schema["cue_start"].nullable
    assert schema["speaker"].dataType == StringType()


def test_spark_rows_equal_the_single_process_rows(spark):
    table = pa.table(
        {
            "id": [f"d{i}" for i in range(len(TEXTS))],
            "text": TEXTS,
            "lean": ["l", "r", None, "c"] * 3,
        }
    )
    df = spark.createDataFrame(table.to_pandas()).repartition(3)
    for level in fl.tables.LEVELS:
        expected = fl.analyze_table(table, level, id_col="id", keep=["lean"], output="arrow")
        got = fls.analyze(df, id_col="id", level=level, keep=["lean"]).toPandas()
        assert list(got.columns) == expected.column_names
        key = ["doc_id", *(["start"] if level == "markers" else [])]
        key += ["cue_start"] if level == "attributions" else []
        want = expected.to_pandas().sort_values(key).reset_index(drop=True)
        got = got.sort_values(key).reset_index(drop=True)
        assert len(got) == len(want) > 0
        for col in want.columns:
            assert _cells(got[col]) == _cells(want[col]), (level, col)


def _cells(column):
    """A column's values with every missing value as None (NaN is not equal to itself)."""
    import pandas as pd

    return [None if pd.api.types.is_scalar(v) and pd.isna(v) else v for v in column.tolist()]


def test_spark_bad_columns_are_config_errors(spark):
    df = spark.createDataFrame([("a", "x")], ["id", "body"])
    with pytest.raises(fl.ConfigError, match="no column 'text'"):
        fls.analyze(df)
    with pytest.raises(fl.ConfigError, match="'words' is also a column"):
        fls.analyze(df.withColumnRenamed("id", "words"), text_col="body", keep=["words"])
