"""The result tables built in Rust (arrow-rs) equal the tables built in Python from Analysis
objects, field for field and value for value, and reach pyarrow without a copy."""

import framelens as fl
import pytest
from conftest import ARTICLE, EXAMPLES
from framelens import _framelens
from framelens.tables import DTYPES, LEVELS, SCHEMAS, rows

pa = pytest.importorskip("pyarrow")

# Our own adversarial texts: non-BMP characters before markers (code-point offsets), combining
# marks, an attribution without content (null offsets), no doc id, an empty text, unbalanced
# quotes, CRLF line ends and a text with no words.
ADVERSARIAL = [
    "\U0001f600\U0001f600 The regime said the plan was reckless. \u201cA disgrace,\u201d she said.",
    "Cafe\u0301 owners baselessly claimed, officials said. "
    "\u00c9lise Varn\u00e9 said: \u201cNo.\u201d",
    '"Go," said Jane Roe.',
    "Officials said.",
    "",
    '"Unbalanced quotes and so-called reforms, he said',
    "Line one, reportedly.\r\nLine two \u2014 clearly \U00010348 a thug.\r\n",
    "... --- !!!",
    "Harbor City, May 4, Northwire - Critics slammed the so-called reform, sources said.",
]


def _python_table(analyses, level):
    """The table as today's Python code builds it: row dicts from Analysis objects."""
    return pa.Table.from_pylist(rows(analyses, level), schema=SCHEMAS[level])


def _python_frame(pd, analyses, level):
    """The pandas frame as the Python row path builds it, with None for a missing text (as
    DTYPES documents; pandas 3 reads None in a column of str as NaN there)."""
    frame = pd.DataFrame(rows(analyses, level), columns=list(DTYPES[level]))
    frame = frame.astype(DTYPES[level])
    for col, dtype in DTYPES[level].items():
        if dtype == "object":
            frame[col] = pd.Series(
                [None if v is None or v != v else v for v in frame[col]], dtype=object
            )
    return frame


def _documents():
    docs = [
        fl.Document(p.read_text(encoding="utf-8"), doc_id=p.stem, url=f"https://example.org/{k}")
        for k, p in enumerate(EXAMPLES)
    ]
    docs.append(fl.Document(ARTICLE, doc_id="seed", outlet="Harbor Daily"))
    for k, t in enumerate(ADVERSARIAL):
        docs.append(fl.Document(t, doc_id=f"adv-{k}" if k % 2 else None))
    return docs


def test_native_schemas_match_the_python_schemas_field_for_field():
    for level in LEVELS:
        native = pa.schema(_framelens.arrow_schema(level))
        want = SCHEMAS[level]
        assert native.names == want.names == list(DTYPES[level])
        for got, exp in zip(native, want, strict=True):
            assert (got.name, got.type, got.nullable) == (exp.name, exp.type, exp.nullable)
        assert native.equals(want)


@pytest.mark.parametrize("level", LEVELS)
def test_native_tables_equal_the_python_built_tables(level):
    analyses = fl.analyze_batch(_documents(), threads=1)
    native = fl.to_arrow(analyses, level)
    expected = _python_table(analyses, level)
    assert native.schema.equals(SCHEMAS[level])
    assert native.num_rows == expected.num_rows > 0
    assert native.equals(expected), level
    # Nulls where Python has None, values everywhere else.
    assert native.to_pylist() == expected.to_pylist()


def test_adversarial_offsets_are_code_points_and_missing_content_is_null():
    analyses = fl.analyze_batch(ADVERSARIAL, threads=1)
    markers = fl.to_arrow(analyses, "markers").to_pylist()
    assert markers
    # Each marker's text is the slice of its document by code points.
    k = 0
    for a in analyses:
        for m in a.markers:
            row = markers[k]
            assert a.text[row["start"] : row["end"]] == row["text"] == m.text
            k += 1
    assert k == len(markers)
    pair = fl.analyze_batch(['"Go," said Jane Roe.', "According to officials."])
    atts = fl.to_arrow(pair, "attributions")
    assert atts.column("content_start").null_count >= 1
    assert atts.column("cue_start").null_count == 0


def test_attribution_rows_carry_the_cue_kind_and_the_nesting():
    text = "Jane Roe said that Tom Pike told her the dam would fail."
    (a,) = fl.analyze_batch([text])
    for table in (fl.to_arrow([a], "attributions"), _python_table([a], "attributions")):
        got = [(r["cue"], r["cue_kind"], r["parent"]) for r in table.to_pylist()]
        assert got == [("said", "speech", None), ("told", "speech", 0)]


@pytest.mark.parametrize("level", LEVELS)
def test_analyze_table_equals_the_tables_of_analyze_batch(level):
    docs = _documents()
    want = _python_table(fl.analyze_batch(docs, threads=1), level)
    got = fl.analyze_table(docs, level, output="arrow", threads=2)
    assert got.equals(want)


def test_analyze_table_keeps_index_and_columns_through_the_native_path():
    pd = pytest.importorskip("pandas")
    texts = ADVERSARIAL
    frame = pd.DataFrame(
        {"body": texts, "lean": [f"l{k}" for k in range(len(texts))]},
        index=[100 + 2 * k for k in range(len(texts))],
    )
    out = fl.analyze_table(frame, "markers", text_col="body", keep=["lean"])
    analyses = fl.analyze_batch(texts, threads=1)
    counts = [len(a.markers) for a in analyses]
    assert list(out.index) == [100 + 2 * k for k, n in enumerate(counts) for _ in range(n)]
    assert list(out["lean"]) == [f"l{k}" for k, n in enumerate(counts) for _ in range(n)]
    assert "__document" not in out.columns
    expected = _python_frame(pd, analyses, "markers")
    pd.testing.assert_frame_equal(
        out.drop(columns=["lean"]).reset_index(drop=True), expected.reset_index(drop=True)
    )


@pytest.mark.parametrize("level", LEVELS)
def test_pandas_through_arrow_equals_the_python_built_frame(level):
    pd = pytest.importorskip("pandas")
    analyses = fl.analyze_batch(_documents(), threads=1)
    expected = _python_frame(pd, analyses, level)
    got = fl.to_pandas(analyses, level)
    assert {c: str(t) for c, t in got.dtypes.items()} == DTYPES[level]
    pd.testing.assert_frame_equal(got, expected)


def test_the_native_table_reaches_pyarrow_without_a_copy():
    native = _framelens.arrow_table(fl.analyze_batch(ADVERSARIAL, threads=1), "markers")
    first, second = pa.record_batch(native), pa.record_batch(native)
    # Both imports point at the same Rust-owned buffers: nothing was copied on the way.
    for name in ("text", "start"):
        a, b = first.column(name).buffers()[-1], second.column(name).buffers()[-1]
        assert a.address == b.address
    assert len(native) == first.num_rows > 0


def test_bad_level_and_bad_items_are_typed_errors():
    with pytest.raises(fl.ConfigError, match="level must be one of"):
        _framelens.arrow_schema("paragraphs")
    with pytest.raises(fl.ConfigError, match="level must be one of"):
        fl.default_analyzer().analyze_arrow(["x"], "paragraphs")
    with pytest.raises(fl.DocumentError, match="document 1"):
        fl.default_analyzer().analyze_arrow(["fine", 3], "markers")
    with pytest.raises(TypeError):
        fl.default_analyzer().analyze_arrow("one str", "markers")


def _text_bytes(table):
    """The bytes of the fullest text column of a pyarrow table."""
    return max(
        sum(len(v.encode()) for v in table.column(f.name).to_pylist() if v is not None)
        for f in table.schema
        if f.type == pa.string()
    )


def test_a_table_past_the_text_limit_is_chunked_not_a_panic():
    # The limit lowered from 2 GiB (through the private hook) to twice the most text one
    # document puts in a column: the table outgrows it, so it comes as several record batches.
    analyses = fl.analyze_batch(_documents(), threads=1)
    limit = 2 * max(_text_bytes(fl.to_arrow([a], "markers")) for a in analyses)
    native = _framelens.arrow_table(analyses, "markers", max_column_bytes=limit)
    batches = native.batches()
    assert len(batches) > 1 and sum(len(b) for b in batches) == len(native)
    table = fl.tables._native_table(native)
    whole = fl.to_arrow(analyses, "markers")
    assert table.column("text").num_chunks == len(batches) > whole.column("text").num_chunks
    assert table.schema.equals(SCHEMAS["markers"])
    assert table.equals(whole)
    assert all(_text_bytes(pa.table(b)) <= limit for b in batches)
    assert pa.table(native).equals(whole)  # the stream interface
    with pytest.raises(ValueError, match="record batches"):
        pa.record_batch(native)
    pd = pytest.importorskip("pandas")
    pd.testing.assert_frame_equal(
        fl.tables._arrow_to_pandas(table, "markers"), fl.to_pandas(analyses, "markers")
    )
    pl = pytest.importorskip("polars")
    assert pl.from_arrow(table).equals(pl.from_arrow(whole))
    # A document whose own rows outgrow the limit is an error, not a panic.
    with pytest.raises(RuntimeError, match="document 0"):
        _framelens.arrow_table(analyses, "documents", max_column_bytes=4)
