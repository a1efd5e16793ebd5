"""Tables in and out: pyarrow schemas, integer offsets, pandas/polars/pyarrow inputs, the input's
index and pass-through columns kept."""

import framelens as fl
import pytest

TEXTS = [
    'The regime said the plan was reckless. "It is a disgrace," said Jane Roe of Harbor Watch.',
    "Talks went on quietly in Eastvale, officials said.",
    "Fine.",
    'Critics slammed the so-called reform. "A witch hunt," one aide said, adding nothing.',
]


def test_schemas_are_pyarrow_schemas_with_integer_offsets():
    pa = pytest.importorskip("pyarrow")
    assert list(fl.tables.SCHEMAS) == list(fl.tables.LEVELS)
    for level in fl.tables.LEVELS:
        schema = fl.tables.SCHEMAS[level]
        assert isinstance(schema, pa.Schema)
        assert schema.names == list(fl.tables.DTYPES[level])
    for level, cols in {
        "markers": ["start", "end"],
        "attributions": ["cue_start", "cue_end", "content_start", "content_end"],
    }.items():
        for col in cols:
            assert fl.tables.SCHEMAS[level].field(col).type == pa.int64()
    assert not fl.tables.SCHEMAS["markers"].field("start").nullable
    assert fl.tables.SCHEMAS["attributions"].field("content_start").nullable
    with pytest.raises(KeyError):
        fl.tables.SCHEMAS["paragraphs"]
    a = fl.analyze_batch(TEXTS)
    for level in fl.tables.LEVELS:
        assert fl.to_arrow(a, level).schema == fl.tables.SCHEMAS[level]


def test_pandas_offsets_are_integers_even_with_missing_content():
    pd = pytest.importorskip("pandas")
    a = fl.analyze_batch(TEXTS)
    atts = fl.to_pandas(a, "attributions")
    assert len(atts) > 0
    for col in ("cue_start", "cue_end", "content_start", "content_end"):
        assert pd.api.types.is_integer_dtype(atts[col]), col
    # One attribution without content: its offsets are missing, not NaN floats.
    b = fl.to_pandas(fl.analyze_batch(['"Go," said Jane Roe.', "Officials said."]), "attributions")
    assert str(b["content_start"].dtype) == "Int64"
    rows = fl.tables.rows(fl.analyze_batch(TEXTS), "attributions")
    assert [r["content_start"] for r in rows] == atts["content_start"].astype(object).where(
        atts["content_start"].notna(), None
    ).tolist()


def _frame(pd):
    return pd.DataFrame(
        {
            "body": TEXTS,
            "key": [10, 11, 12, 13],
            "lean": ["left", "right", None, "left"],
            "date": pd.to_datetime(["2025-01-02", "2025-01-03", "2025-01-04", "2025-01-05"]),
        },
        index=pd.Index(["w", "x", "y", "z"], name="row"),
    )


def test_pandas_in_pandas_out_keeps_index_and_columns():
    pd = pytest.importorskip("pandas")
    frame = _frame(pd)
    analyses = fl.analyze_batch(frame, text_col="body", id_col="key")
    docs = fl.analyze_table(frame, text_col="body", id_col="key", keep=["lean", "date"])
    assert list(docs.index) == ["w", "x", "y", "z"] and docs.index.name == "row"
    assert list(docs.columns) == [*fl.tables.DTYPES["documents"], "lean", "date"]
    assert docs["date"].dtype == frame["date"].dtype
    assert docs["lean"].tolist() == frame["lean"].tolist()
    expected = fl.to_pandas(analyses, "documents")
    pd.testing.assert_frame_equal(
        docs.drop(columns=["lean", "date"]).reset_index(drop=True), expected
    )

    markers = fl.analyze_table(frame, "markers", text_col="body", id_col="key", keep=["lean"])
    per_doc = [len(a.markers) for a in analyses]
    assert len(markers) == sum(per_doc) > 0
    owner = [i for i, n in enumerate(per_doc) for _ in range(n)]
    assert list(markers.index) == [frame.index[i] for i in owner]
    assert markers["lean"].tolist() == [frame["lean"].iloc[i] for i in owner]
    assert markers["doc_id"].tolist() == [str(frame["key"].iloc[i]) for i in owner]
    pd.testing.assert_frame_equal(
        markers.drop(columns=["lean"]).reset_index(drop=True), fl.to_pandas(analyses, "markers")
    )

    sentences = fl.analyze_table(frame, "sentences", text_col="body", id_col="key", keep=["lean"])
    per_doc = [len(a.sentence_frames()) for a in analyses]
    owner = [i for i, n in enumerate(per_doc) for _ in range(n)]
    assert len(sentences) == sum(per_doc) > len(analyses)
    assert list(sentences.index) == [frame.index[i] for i in owner]
    assert sentences["lean"].tolist() == [frame["lean"].iloc[i] for i in owner]


def test_arrow_in_arrow_out():
    pa = pytest.importorskip("pyarrow")
    table = pa.table(
        {"text": TEXTS, "id": ["a", "b", "c", "d"], "lean": pa.array(["l", "r", None, "l"])}
    )
    analyses = fl.analyze_batch(table, id_col="id")
    assert [a.doc_id for a in analyses] == ["a", "b", "c", "d"]
    for level in fl.tables.LEVELS:
        got = fl.analyze_table(table, level, id_col="id", keep=["lean"])
        assert isinstance(got, pa.Table)
        assert got.drop_columns(["lean"]).equals(fl.to_arrow(analyses, level))
        assert got.schema.field("lean").type == pa.string()
    docs = fl.analyze_table(table, id_col="id", keep=["lean"])
    assert docs.column("lean").to_pylist() == ["l", "r", None, "l"]
    # A record batch and a column of texts are inputs too.
    batch = table.to_batches()[0]
    assert [a.profile.words for a in fl.analyze_batch(batch)] == [a.profile.words for a in analyses]
    col = fl.analyze_table(table.column("text"), output="arrow")
    assert col.column("words").equals(docs.column("words"))


def test_polars_in_polars_out():
    pl = pytest.importorskip("polars")
    pytest.importorskip("pyarrow")
    frame = pl.DataFrame({"text": TEXTS, "key": [1, 2, 3, 4], "lean": ["l", "r", None, "l"]})
    analyses = fl.analyze_batch(frame, id_col="key")
    assert [a.doc_id for a in analyses] == ["1", "2", "3", "4"]
    got = fl.analyze_table(frame, "markers", id_col="key", keep=["lean", "key"])
    assert isinstance(got, pl.DataFrame)
    expected = pl.from_arrow(fl.to_arrow(analyses, "markers"))
    assert got.drop(["lean", "key"]).equals(expected)
    owner = [i for i, a in enumerate(analyses) for _ in a.markers]
    assert got["key"].to_list() == [i + 1 for i in owner]
    assert got["key"].dtype == pl.Int64
    docs = fl.analyze_table(pl.Series(TEXTS))
    assert docs["words"].to_list() == [a.profile.words for a in analyses]


def test_output_kind_can_be_chosen():
    pd = pytest.importorskip("pandas")
    pa = pytest.importorskip("pyarrow")
    frame = _frame(pd)
    t = fl.analyze_table(frame, text_col="body", keep=["lean", "date"], output="arrow")
    assert isinstance(t, pa.Table) and t.column("lean").to_pylist() == [
        "left",
        "right",
        None,
        "left",
    ]
    back = fl.analyze_table(
        pa.Table.from_pandas(frame), text_col="body", keep=["date"], output="pandas"
    )
    assert back["date"].tolist() == frame["date"].tolist()
    listed = fl.analyze_table(TEXTS, "attributions")
    assert isinstance(listed, pd.DataFrame) and listed["doc_id"].isna().all()


def test_table_errors_say_what():
    pd = pytest.importorskip("pandas")
    frame = _frame(pd)
    with pytest.raises(fl.ConfigError, match="no column 'text'"):
        fl.analyze_table(frame)
    with pytest.raises(fl.ConfigError, match="keep: the table has no column 'side'"):
        fl.analyze_table(frame, text_col="body", keep=["side"])
    with pytest.raises(fl.ConfigError, match="'text' is also a column"):
        fl.analyze_table(frame.assign(text=frame["body"]), "markers", keep=["text"])
    with pytest.raises(fl.ConfigError, match="keep= needs"):
        fl.analyze_table(TEXTS, keep=["lean"])
    with pytest.raises(fl.ConfigError, match="output must be one of"):
        fl.analyze_table(frame, text_col="body", output="excel")
    with pytest.raises(fl.ConfigError, match="level must be one of"):
        fl.analyze_table(frame, "paragraphs", text_col="body")


def test_missing_values_in_frames_are_none():
    pd = pytest.importorskip("pandas")
    frame = pd.DataFrame({"text": ["The regime lied.", "Fine."], "site": ["Reuters", pd.NA]})
    out = fl.analyze_batch(frame, outlet_col="site")
    assert [a.outlet for a in out] == ["Reuters", None]


@pytest.mark.parametrize(
    "make_table, name",
    [
        pytest.param(lambda r: fl.to_pandas(r), "to_pandas", id="to_pandas"),
        pytest.param(lambda r: fl.to_pandas(r, "markers"), "to_pandas", id="to_pandas-markers"),
        pytest.param(lambda r: fl.to_arrow(r), "to_arrow", id="to_arrow"),
        pytest.param(lambda r: fl.to_arrow(r, "attributions"), "to_arrow", id="to_arrow-attr"),
        pytest.param(lambda r: fl.tables.rows(r), "rows", id="rows"),
        pytest.param(lambda r: fl.tables.rows(iter(r), "sentences"), "rows", id="rows-iterator"),
        pytest.param(lambda r: fl.compare(r), "compare", id="compare"),
    ],
)
def test_collected_errors_are_named_by_position(make_table, name):
    results = fl.analyze_batch(["Fine.", "bad \ud800 surrogate", "Also fine."], errors="collect")
    assert isinstance(results[1], fl.DocumentError)
    message = rf"^{name}: item 1 is a DocumentError, not an Analysis \(an error that analyze_batch"
    with pytest.raises(TypeError, match=message):
        make_table(results)
    # Without the error the same call makes its table.
    make_table([r for r in results if isinstance(r, fl.Analysis)])


# Each text leaves some denominators at zero (named on its line): no words at all, no quoted
# words, no author-voice words, no attribution. The last has every denominator, so every figure
# there is defined, zeros included.
NO_DENOMINATOR = {
    "empty": ("", {"words", "author", "quoted", "sentences", "attributions"}),
    "no quoted words": ("The regime lied about the reckless plan.", {"quoted", "attributions"}),
    "all quoted": ("\u201cThe regime lied.\u201d", {"author", "attributions"}),
    "every denominator": ('Critics said the regime lied. "A reckless plan," Jane Roe said.', set()),
}

# The figures of a document row and the denominator of each.
DENOMINATOR_OF = {
    **{
        f"{cat}{suffix}": den
        for cat in fl.CATEGORIES
        for suffix, den in (
            ("_per_1k", "words"),
            ("_author_per_1k", "author"),
            ("_quoted_per_1k", "quoted"),
        )
    },
    "attributed_sentence_share": "sentences",
    "anonymous_share": "attributions",
}


def _denominators(a):
    p = a.profile
    return {
        "words": p.words,
        "author": p.author_words,
        "quoted": p.quoted_words,
        "sentences": p.sentences,
        "attributions": p.attribution["total"],
    }


@pytest.mark.parametrize("text, zero", NO_DENOMINATOR.values(), ids=list(NO_DENOMINATOR))
def test_a_rate_with_no_denominator_is_undefined_not_zero(text, zero, monkeypatch):
    pd = pytest.importorskip("pandas")
    pytest.importorskip("pyarrow")
    analyses = fl.analyze_batch([text])
    assert {k for k, n in _denominators(analyses[0]).items() if n == 0} == zero
    # Every float column of the documents table that is a rate or share is listed above.
    figures = [
        c
        for c, t in fl.tables.DTYPES["documents"].items()
        if t == "float64" and c.endswith(("_per_1k", "_share"))
    ]
    assert sorted(figures) == sorted(DENOMINATOR_OF)
    row = fl.tables.rows(analyses)[0]
    arrow = fl.to_arrow(analyses).to_pylist()[0]
    frame = fl.to_pandas(analyses)
    monkeypatch.setattr(fl.tables, "_has_pyarrow", lambda: False)
    without_pyarrow = fl.to_pandas(analyses)
    for col, den in DENOMINATOR_OF.items():
        assert fl.tables.SCHEMAS["documents"].field(col).nullable, col
        if den in zero:
            assert row[col] is None and arrow[col] is None, col
            assert pd.isna(frame[col][0]) and pd.isna(without_pyarrow[col][0]), col
        else:
            value = row[col]
            assert value == value and value is not None, col
            assert arrow[col] == frame[col][0] == without_pyarrow[col][0] == value, col


def test_a_sentence_without_a_frame_cue_has_no_frame_share():
    pytest.importorskip("pyarrow")
    analyses = fl.analyze_batch(["Talks went on. The economy suffered and jobs were lost."])
    frames = analyses[0].sentence_frames("frame")
    assert [f["cues"] for f in frames] == [0, 2]
    assert fl.tables.SCHEMAS["sentences"].field("frame_share").nullable
    for rows in (
        fl.tables.rows(analyses, "sentences"),
        fl.to_arrow(analyses, "sentences").to_pylist(),
    ):
        assert [r["frame_share"] for r in rows] == [None, frames[1]["share"]]
        assert [r["frame_score"] for r in rows] == [0.0, frames[1]["score"]]
