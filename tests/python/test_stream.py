"""The streaming corpus command and the flat tables: nothing lost, order kept."""

import json
import os
import signal
import subprocess
import sys
import time

import framelens as fl
import pytest
from framelens.cli import main


def write(path, lines: list[bytes]) -> None:
    path.write_bytes(b"\n".join(lines) + b"\n")


FORMATS = ["jsonl", "csv", "parquet"]


def rows_of(path, fmt: str) -> list[dict]:
    """The output of a stream in any format as rows with the fields every format has: line,
    doc_id, error (None for an analysis), markers (the count), outlet_id."""
    if fmt == "jsonl":
        out = []
        for raw in path.read_text(encoding="utf-8").splitlines():
            x = json.loads(raw)
            if x.get("error") is not None:
                out.append({"line": x["line"], "doc_id": x["doc_id"], "error": x["error"]})
                continue
            outlet = x["provenance"]["outlet"]
            out.append(
                {
                    "line": x["line"],
                    "doc_id": x["doc_id"],
                    "error": None,
                    "markers": len(x["markers"]),
                    "outlet_id": outlet["id"] if outlet else None,
                }
            )
        return out
    if fmt == "csv":
        import csv

        with path.open(encoding="utf-8", newline="") as f:
            table = list(csv.DictReader(f))
    else:
        pq = pytest.importorskip("pyarrow.parquet")
        table = pq.read_table(path).to_pylist()
    out = []
    for r in table:
        error = r["error"] or None
        row = {"line": int(r["line"]), "doc_id": r["doc_id"] or None, "error": error}
        if error is None:
            row["markers"] = int(r["markers"])
            row["outlet_id"] = r["outlet_id"] or None
        out.append(row)
    return out


@pytest.mark.parametrize("fmt", FORMATS)
def test_one_output_line_per_input_line_errors_included(tmp_path, capsys, fmt):
    """Errors in the first chunk and after a good one, and a url seen only in a later chunk:
    every format keeps one fixed set of columns and gives the same error texts."""
    if fmt == "parquet":
        pytest.importorskip("pyarrow")
    src = tmp_path / "in.jsonl"
    write(
        src,
        [
            b'{"id": "a", "text": "The regime lied."}',
            b"not json",
            b'{"id": "c", "body": "no text field"}',
            b"\xff\xfe broken bytes",
            b'{"id": "e", "text": "Fine.", "url": "https://www.reuters.com/x"}',
        ],
    )
    out = tmp_path / f"out.{fmt}"
    assert main(["analyze", "--input", str(src), "--output", str(out), "--chunk-size", "2"]) == 1
    assert "3 of 5 documents failed" in capsys.readouterr().err
    lines = rows_of(out, fmt)
    assert [x["line"] for x in lines] == [1, 2, 3, 4, 5]
    assert lines[0]["markers"] >= 1 and lines[0]["doc_id"] == "a"
    assert lines[1]["error"].startswith(f"{src}: line 2 is not valid JSON (expected ident")
    assert lines[2]["error"] == "line 3: no text in 'text'" and lines[2]["doc_id"] == "c"
    assert f"{src}: line 4 is not valid UTF-8 at byte" in lines[3]["error"]
    assert lines[4]["outlet_id"] == "reuters"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["in.jsonl", out.name]
    if fmt == "jsonl":
        raw = out.read_text(encoding="utf-8").splitlines()
        assert all(x.startswith('{"line":') for x in raw)  # analyses and errors alike
        assert all(json.loads(x)["schema_version"] == fl.SCHEMA_VERSION == 2 for x in raw)
        assert "text" not in json.loads(raw[0])


@pytest.mark.parametrize("fmt", FORMATS)
def test_outlet_and_url_columns_are_named_on_the_command_line(tmp_path, fmt):
    if fmt == "parquet":
        pytest.importorskip("pyarrow")
    src = tmp_path / "in.jsonl"
    write(
        src,
        [
            b'{"id": "a", "text": "Talks stalled.", "link": "https://www.reuters.com/x"}',
            b'{"id": "b", "text": "Talks resumed.", "source": "Reuters", "url": "https://x.org"}',
        ],
    )
    out = tmp_path / f"out.{fmt}"
    args = ["analyze", "--input", str(src), "--output", str(out)]
    assert main([*args, "--outlet-col", "source", "--url-col", "link"]) == 0
    assert [x["outlet_id"] for x in rows_of(out, fmt)] == ["reuters", "reuters"]
    out.unlink()
    assert main(args) == 0  # the default columns: outlet and url
    assert [x["outlet_id"] for x in rows_of(out, fmt)] == [None, "x.org"]


def test_every_json_form_carries_the_schema_version():
    # No cue of fractional weight: to_dict widens an f32 weight (0.6 -> 0.6000000238...).
    a = fl.analyze("Officials said it works.")
    assert a.to_dict()["schema_version"] == 2
    assert a.to_json().startswith('{"schema_version":2,"language":"en","doc_id":')
    assert json.loads(a.to_json()) == {**a.to_dict(), "text": a.text}


@pytest.mark.parametrize("fmt", FORMATS)
def test_the_input_is_refused_as_output_through_any_link(tmp_path, capsys, fmt):
    src = tmp_path / f"in.{fmt}"
    body = b'{"id": "a", "text": "The regime lied."}\n'
    src.write_bytes(body)
    (tmp_path / f"link.{fmt}").symlink_to(src)
    os.link(src, tmp_path / f"hard.{fmt}")
    for alias in (src, tmp_path / f"link.{fmt}", tmp_path / f"hard.{fmt}"):
        args = ["analyze", "--input", str(src), "--input-format", "jsonl", "--output", str(alias)]
        args += ["--output-format", fmt]
        assert main(args) == 1
        assert "it is the input file" in capsys.readouterr().err
        assert src.read_bytes() == body


@pytest.mark.parametrize("fmt", FORMATS)
def test_a_missing_input_creates_nothing_and_keeps_an_old_output(tmp_path, capsys, fmt):
    out = tmp_path / f"out.{fmt}"
    out.write_text("an older result\n")
    assert main(["analyze", "--input", str(tmp_path / "nope.jsonl"), "--output", str(out)]) == 1
    err = capsys.readouterr().err
    assert "cannot read" in err and "nope.jsonl" in err
    assert out.read_text() == "an older result\n"
    assert [p.name for p in tmp_path.iterdir()] == [out.name]


@pytest.mark.parametrize("fmt", FORMATS)
def test_blank_lines_are_skipped_and_keep_their_numbers_and_a_bom_is_read(tmp_path, fmt):
    """The rule: a line of only whitespace has no output line, and line numbers count it, so
    every output line names its input line. A byte-order mark before line 1 is not JSON."""
    if fmt == "parquet":
        pytest.importorskip("pyarrow")
    src = tmp_path / "in.jsonl"
    src.write_bytes(b'\xef\xbb\xbf{"id": "a", "text": "The regime lied."}\n\n  \n{"id": "d"}\n')
    out = tmp_path / f"out.{fmt}"
    assert main(["analyze", "--input", str(src), "--output", str(out)]) == 1
    lines = rows_of(out, fmt)
    assert [(x["line"], x["doc_id"], x["error"] is None) for x in lines] == [
        (1, "a", True),
        (4, "d", False),
    ]


def test_replace_encoding_errors_and_csv(tmp_path):
    src = tmp_path / "in.jsonl"
    write(src, [b'{"id": "x", "text": "caf\xe9 regime"}', b'{"id": "y", "text": "ok"}'])
    out = tmp_path / "out.csv"
    assert main(["analyze", "--input", str(src), "--output", str(out)]) == 1
    assert (
        main(["analyze", "--input", str(src), "--output", str(out), "--encoding-errors", "replace"])
        == 0
    )
    text = out.read_text(encoding="utf-8").splitlines()
    assert text[0].startswith("line,doc_id,") and len(text) == 3


def test_csv_line_numbers_do_not_depend_on_line_ends(tmp_path):
    """A record's line (its error's address and, without an id, its id) is the line it starts
    on, whether the file ends lines with LF or CR LF, after a line break inside a quoted text
    and after a blank line."""
    rows = ["text,outlet", "Hello there.,A", '"Two\nlines.",B', ",C", "", "Bye.,D"]
    found = {}
    for name, end in (("lf", "\n"), ("crlf", "\r\n")):
        src = tmp_path / f"{name}.csv"
        src.write_bytes(end.join(r.replace("\n", end) for r in rows).encode() + end.encode())
        out = tmp_path / f"{name}.jsonl"
        assert main(["analyze", "--input", str(src), "--output", str(out)]) == 0
        lines = [json.loads(x) for x in out.read_text(encoding="utf-8").splitlines()]
        found[name] = [(x["line"], x["doc_id"]) for x in lines]
    assert found["lf"] == [(2, "2"), (3, "3"), (5, "5"), (7, "7")]
    assert found["crlf"] == found["lf"]


def test_a_stray_quote_in_csv_is_an_error_not_a_merged_record(tmp_path):
    """A stray quote opens a quoted field that swallows the records after it: up to the next
    quote (which the field's closing quote is then followed by more text), or to the end of
    the file. The csv crate reads both without complaint; each is an error line naming the
    record's line, and the records before it are read."""
    cases = {
        "closed later": 'id,text\na,Fine.\nb,"Broken.\nc,Lost.\nd,"Quoted" too.\ne,After.\n',
        "never closed": 'id,text\na,Fine.\nb,"Broken.\nc,Lost.\nd,Lost too.\n',
    }
    for name, body in cases.items():
        src = tmp_path / "in.csv"
        src.write_text(body, encoding="utf-8")
        out = tmp_path / "out.jsonl"
        assert main(["analyze", "--input", str(src), "--output", str(out)]) == 1, name
        lines = [json.loads(x) for x in out.read_text(encoding="utf-8").splitlines()]
        assert [(x["line"], x.get("error") is None) for x in lines[:2]] == [
            (2, True),
            (3, False),
        ], name
        assert "stray quote" in lines[1]["error"], name
    # A well-formed field with quotes, commas and line breaks inside is read as it was.
    src.write_text('id,text\na,"She said ""no"",\nthen left."\nb,"x"\n', encoding="utf-8")
    assert main(["analyze", "--input", str(src), "--output", str(out)]) == 0
    lines = [json.loads(x) for x in out.read_text(encoding="utf-8").splitlines()]
    assert [x["doc_id"] for x in lines] == ["a", "b"]


def test_an_empty_csv_corpus_is_an_empty_corpus(tmp_path, capsys):
    """An empty CSV input (or one of blank lines) has no documents, as an empty JSON Lines
    input has none; it is not "missing the text column". A header without it still is."""
    out = tmp_path / "out.jsonl"
    for body in (b"", b"\n\r\n"):
        src = tmp_path / "in.csv"
        src.write_bytes(body)
        assert main(["analyze", "--input", str(src), "--output", str(out)]) == 0
        assert out.read_bytes() == b""
    src.write_bytes(b"id,body\n1,Hello.\n")
    assert main(["analyze", "--input", str(src), "--output", str(out)]) != 0
    assert "the header has no column 'text'" in capsys.readouterr().err


def test_csv_columns_of_other_names(tmp_path):
    """`--text-col` and `--id-col` name a CSV corpus's columns as they do a JSON Lines one's."""
    src = tmp_path / "in.csv"
    src.write_text('doc,body,site\nA1,"The regime lied baselessly.",x\nA2,Talks went on.,y\n')
    out = tmp_path / "out.jsonl"
    args = ["--text-col", "body", "--id-col", "doc", "--outlet-col", "site"]
    assert main(["analyze", "--input", str(src), "--output", str(out), *args]) == 0
    lines = [json.loads(x) for x in out.read_text(encoding="utf-8").splitlines()]
    assert [(x["doc_id"], x["outlet"], "error" in x) for x in lines] == [
        ("A1", "x", False),
        ("A2", "y", False),
    ]
    assert any(m["text"] == "baselessly" for m in lines[0]["markers"])


def test_ids_are_what_python_reads(tmp_path):
    """An id is `str()` of what Python's json reads: integers keep every digit (two ids that a
    float would merge stay apart), and an id that cannot be read is an error line, not the
    line number."""
    ids = [
        "123456789012345678901234567890",
        "123456789012345678901234567891",
        "18446744073709551616",
        "-0",
        "1e400",
        '"x7"',
        "1.5",
        "null",
    ]
    src = tmp_path / "in.jsonl"
    lines = [f'{{"id": {i}, "text": "The regime lied."}}' for i in ids]
    lines.append('{"id": "\\ud800", "text": "The regime lied."}')
    src.write_text("\n".join(lines) + "\n", encoding="utf-8")
    out = tmp_path / "out.jsonl"
    assert main(["analyze", "--input", str(src), "--output", str(out)]) == 1
    got = [json.loads(x) for x in out.read_text(encoding="utf-8").splitlines()]
    assert [g["doc_id"] for g in got[:-1]] == [str(json.loads(i)) for i in ids]
    assert got[-1]["doc_id"] is None and "'id' is not a valid id" in got[-1]["error"]


def test_tables_have_documented_columns():
    a = fl.analyze_batch(["The regime said the plan was reckless.", '"Fine," said Jane Roe.'])
    docs = fl.tables.rows(a, "documents")
    assert list(docs[0])[:7] == [
        "doc_id",
        "outlet",
        "url",
        "words",
        "sentences",
        "quoted_words",
        "markers",
    ]
    assert "loaded_per_1k" in docs[0] and "state_affiliated" in docs[0]
    markers = fl.tables.rows(a, "markers")
    assert set(markers[0]) == {
        "doc_id",
        "start",
        "end",
        "text",
        "category",
        "subcategory",
        "entry",
        "weight",
        "voice",
        "speaker",
        "negated",
    }
    atts = fl.tables.rows(a, "attributions")
    assert atts[0]["speaker"] is not None
    with pytest.raises(fl.ConfigError, match="level must be one of"):
        fl.tables.rows(a, "paragraphs")


def test_to_pandas_levels():
    pd = pytest.importorskip("pandas")
    a = fl.analyze_batch(["The regime said the plan was reckless."])
    df = fl.to_pandas(a, level="markers")
    assert isinstance(df, pd.DataFrame) and len(df) == len(a[0].markers)
    assert list(fl.to_pandas([], level="documents").columns)[0] == "doc_id"


def test_analyze_batch_from_pandas():
    pd = pytest.importorskip("pandas")
    frame = pd.DataFrame(
        {"body": ["The regime lied.", "Fine."], "key": [1, 2], "site": ["Reuters", None]}
    )
    for batch in (fl.analyze_batch, fl.Analyzer().analyze_batch):
        out = batch(frame, text_col="body", id_col="key", outlet_col="site")
        assert [a.doc_id for a in out] == ["1", "2"]
        assert out[0].outlet == "Reuters" and out[1].outlet is None
        assert [a.text for a in batch(frame["body"])] == ["The regime lied.", "Fine."]
    with pytest.raises(fl.ConfigError, match="no column 'text'"):
        fl.analyze_batch(frame)


@pytest.mark.parametrize("fmt", FORMATS)
def test_stream_order_ids_and_odd_lines_in_every_format(tmp_path, capsys, fmt):
    """The same lines in every output format: ids, errors and order."""
    if fmt == "parquet":
        pytest.importorskip("pyarrow")
    src = tmp_path / "in.jsonl"
    rows = [
        json.dumps({"id": i, "text": f"Report {i}: the regime lied."}).encode() for i in range(300)
    ]
    rows[5] = b""
    rows[7] = b"[1, 2]"
    rows[9] = b'{"id": true, "text": "first", "text": "The regime lied twice."}'
    rows[10] = b'{"id": 1.5, "text": 42}'
    write(src, rows)
    out = tmp_path / f"out.{fmt}"
    args = ["analyze", "--input", str(src), "--output", str(out), "--chunk-size", "3"]
    assert main([*args, "--chunk-bytes", "100", "--threads", "2"]) == 1
    assert "2 of 299 documents failed" in capsys.readouterr().err
    lines = rows_of(out, fmt)
    assert [x["line"] for x in lines] == [n for n in range(1, 301) if n != 6]
    by_line = {x["line"]: x for x in lines}
    assert by_line[8]["error"] == "line 8: no text in 'text'"
    assert by_line[10]["doc_id"] == "True" and by_line[10]["markers"] >= 1
    assert by_line[11]["doc_id"] == "1.5" and by_line[11]["error"] == "line 11: no text in 'text'"
    assert by_line[300]["doc_id"] == "299"


def test_stream_order_ids_and_odd_lines(tmp_path, capsys):
    """Many small chunks in flight still come out in input order; blank lines keep their
    numbers; ids are shown as Python shows them; escaped texts and repeated keys are read as
    Python's json reads them."""
    src = tmp_path / "in.jsonl"
    rows = [
        json.dumps({"id": i, "text": f"Report {i}: the regime lied."}).encode() for i in range(300)
    ]
    rows[5] = b""
    rows[6] = b"   "
    rows[7] = b"[1, 2]"
    rows[8] = b'{"id": null, "text": "Tab\\there, \\"quoted\\" \\u00e9l\\u00e9ment."}'
    rows[9] = b'{"id": true, "text": "first", "text": "The regime lied twice."}'
    rows[10] = b'{"id": 1.5, "text": 42}'
    write(src, rows)
    out = tmp_path / "out.jsonl"
    args = ["analyze", "--input", str(src), "--output", str(out), "--chunk-size", "3"]
    assert main([*args, "--chunk-bytes", "100", "--threads", "2"]) == 1
    assert "2 of 298 documents failed" in capsys.readouterr().err
    lines = [json.loads(x) for x in out.read_text(encoding="utf-8").splitlines()]
    assert [x["line"] for x in lines] == [n for n in range(1, 301) if n not in (6, 7)]
    by_line = {x["line"]: x for x in lines}
    assert "no text in 'text'" in by_line[8]["error"]
    assert by_line[9]["doc_id"] == "None"
    assert by_line[10]["doc_id"] == "True" and by_line[10]["markers"][0]["text"] == "regime"
    assert by_line[11]["doc_id"] == "1.5" and "no text" in by_line[11]["error"]
    assert by_line[300]["doc_id"] == "299"
    expected = fl.Analyzer().analyze('Tab\there, "quoted" \u00e9l\u00e9ment.', doc_id="None")
    for key in ("markers", "sentences", "quotes"):
        assert by_line[9][key] == expected.to_dict()[key]


@pytest.mark.parametrize("chunk_size", [1, 100])
def test_stream_slow_chunk_holds_back_but_loses_nothing(tmp_path, chunk_size):
    """A chunk much slower than the ones after it: those finish and wait to be written, and
    every line still comes out once, in order. With 100 lines a chunk is analysed in groups of
    a few lines, and the first group is the slow one."""
    src = tmp_path / "in.jsonl"
    slow = "Officials said the regime lied about the talks. " * 40_000
    rows = [json.dumps({"text": slow}).encode()]
    rows += [json.dumps({"text": f"Report {i}: the regime lied."}).encode() for i in range(400)]
    write(src, rows)
    out = tmp_path / "out.jsonl"
    args = ["analyze", "--input", str(src), "--output", str(out), "--chunk-size", str(chunk_size)]
    assert main([*args, "--threads", "2"]) == 0
    lines = [json.loads(x) for x in out.read_text(encoding="utf-8").splitlines()]
    assert [x["line"] for x in lines] == list(range(1, 402))
    assert len(lines[0]["markers"]) >= 40_000


def test_stream_unwritable_output_and_standard_streams(tmp_path, capsys):
    src = tmp_path / "in.jsonl"
    write(src, [b'{"text": "Fine."}'])
    assert main(["analyze", "--input", str(src), "--output", str(tmp_path / "no" / "o.jsonl")]) == 1
    assert "cannot write" in capsys.readouterr().err
    cmd = [sys.executable, "-m", "framelens.cli", "analyze", "--input", "-", "--output", "-"]
    stdin = b'{"id": "a", "text": "The regime lied."}\n\n{"id": "b", "text": "Fine."}\n'
    done = subprocess.run(cmd, input=stdin, capture_output=True, check=True)
    lines = [json.loads(x) for x in done.stdout.splitlines()]
    assert [(x["line"], x["doc_id"]) for x in lines] == [(1, "a"), (3, "b")]


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="/dev/full is Linux's")
def test_stream_reports_a_failed_write_midway(tmp_path, capsys):
    # The writing fails on its own thread after the first chunks; the command says so and why.
    src = tmp_path / "in.jsonl"
    write(src, [b'{"text": "The regime lied again and again."}'] * 2000)
    args = ["analyze", "--input", str(src), "--output", "/dev/full", "--chunk-size", "10"]
    assert main(args) == 1
    err = capsys.readouterr().err
    assert "cannot write /dev/full" in err and "No space left" in err


def test_stream_stops_quietly_when_its_reader_goes_away(tmp_path):
    src = tmp_path / "in.jsonl"
    write(src, [b'{"text": "The regime lied again and again."}'] * 20_000)
    cmd = [sys.executable, "-m", "framelens.cli", "analyze", "--input", str(src), "--output", "-"]
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    assert proc.stdout is not None and proc.stderr is not None
    assert proc.stdout.readline().startswith(b'{"line":1,')
    proc.stdout.close()  # like `| head -1`
    assert proc.wait(timeout=60) == 0
    assert proc.stderr.read() == b""


@pytest.mark.skipif(os.name != "posix", reason="POSIX signals")
@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("sig", ["SIGINT", "SIGTERM"])
def test_a_signal_stops_the_stream_and_keeps_the_lines_before_it_in_order(tmp_path, fmt, sig):
    # As the README says: Ctrl-C (or SIGTERM) stops the stream within a few chunks, and the
    # output holds the lines finished before the stop, whole and in input order.
    if fmt == "parquet":
        pytest.importorskip("pyarrow")
    src = tmp_path / "in.jsonl"
    text = "Officials said the regime baselessly denied the reports, critics claimed. " * 60
    write(src, [json.dumps({"id": i, "text": text}).encode() for i in range(20_000)])
    out = tmp_path / f"out.{fmt}"
    cmd = [sys.executable, "-m", "framelens.cli", "analyze", "--input", str(src)]
    proc = subprocess.Popen(
        [*cmd, "--output", str(out), "--chunk-size", "100"],
        stderr=subprocess.PIPE,
        # SIGINT as a terminal sends it, even if this test runs with SIGINT ignored.
        preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL),
    )
    deadline = time.monotonic() + 60

    def written() -> int:
        return sum(p.stat().st_size for p in tmp_path.iterdir() if p.name != "in.jsonl")

    while written() < 300_000 and time.monotonic() < deadline and proc.poll() is None:
        time.sleep(0.01)
    proc.send_signal(getattr(signal, sig))
    assert proc.wait(timeout=60) == 128 + getattr(signal, sig)
    message = "KeyboardInterrupt" if sig == "SIGINT" else "SIGTERM"
    assert message.encode() in proc.stderr.read()
    lines = rows_of(out, fmt)
    assert 0 < len(lines) < 20_000
    assert [x["line"] for x in lines] == list(range(1, len(lines) + 1))
    assert sorted(p.name for p in tmp_path.iterdir()) == ["in.jsonl", out.name]


def test_a_line_too_long_for_any_document_is_skipped_not_kept(tmp_path):
    src = tmp_path / "in.jsonl"
    huge = json.dumps({"id": "big", "text": "x " * 1_100_000}).encode()
    write(src, [b'{"id": "a", "text": "The regime lied."}', huge, b'{"id": "c", "text": "Fine."}'])
    out = tmp_path / "out.jsonl"
    # max_bytes=100: lines over 3 x 100 bytes + 1 MiB cannot hold an acceptable text.
    an = fl.Analyzer(max_bytes=100)
    got = fl._framelens.stream_jsonl(an, str(src), str(out), chunk_bytes=2_000_000)
    assert got == (3, 1)
    lines = [json.loads(x) for x in out.read_text(encoding="utf-8").splitlines()]
    assert [x["line"] for x in lines] == [1, 2, 3]
    assert f"line 2 is {len(huge) + 1} bytes, too long for one document" in lines[1]["error"]
    assert lines[0]["markers"][0]["text"] == "regime" and lines[2]["doc_id"] == "c"
