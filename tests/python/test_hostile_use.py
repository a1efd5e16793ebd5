"""Misuse of the API and the command line, as a careful user or an attacker would try it: every
mistake gets a typed error that says what is wrong, and no resource grows without bound."""

import json
import os
import re
import subprocess
import sys
from typing import Any

import framelens as fl
import pytest
from framelens.cli import main


@pytest.mark.parametrize("field", ["url", "doc_id", "outlet", "published"])
def test_a_lone_surrogate_in_any_field_is_a_document_error(field):
    with pytest.raises(fl.DocumentError, match=f"`{field}` is not valid Unicode"):
        fl.analyze("Fine.", **{field: "bad \ud800"})
    with pytest.raises(fl.DocumentError, match=f"`{field}` is not valid Unicode"):
        fl.Document("Fine.", **{field: "bad \ud800"})
    with pytest.raises(fl.DocumentError, match="`text` is not valid Unicode"):
        fl.Document("bad \ud800")


def test_a_string_is_not_a_batch():
    with pytest.raises(TypeError, match="not one str"):
        fl.analyze_batch("The regime lied.")


def test_compare_names_the_item_that_is_not_an_analysis():
    results = fl.analyze_batch(["The regime lied.", "bad \ud800", "Fine."], errors="collect")
    with pytest.raises(TypeError, match="item 1 is a DocumentError, not an Analysis"):
        fl.compare(results)


def test_an_unknown_group_is_a_config_error_everywhere():
    c = fl.compare(fl.analyze_batch(["The regime lied.", "Jane Roe said so."]), by=["a", "b"])
    for call in (
        lambda: c.distinctive_terms("x", "b"),
        lambda: c.exclusive_speakers("a", "x"),
        lambda: c.naming_contrast("x", "b"),
    ):
        with pytest.raises(fl.ConfigError, match="no group `x`"):
            call()


@pytest.mark.parametrize(
    "call",
    [
        lambda: fl.analyze_batch(["x"], threads=-1),
        lambda: fl.analyze_batch(["x"], threads=0),
        lambda: fl.analyze_batch(["x"], threads=2**40),
        lambda: fl.Analyzer(max_bytes=-5),
        lambda: fl.Analyzer(max_bytes=2**40),
        lambda: fl.compare(fl.analyze_batch(["x"]), bootstrap=-1),
        lambda: fl.compare(fl.analyze_batch(["x", "y"])).distinctive_terms("doc0", top=-1),
        lambda: fl._framelens.stream_jsonl(fl.Analyzer(), "a.jsonl", "-", chunk_size=-1),
        lambda: fl._framelens.StreamBatches(fl.Analyzer(), "a.jsonl", chunk_bytes=0),
    ],
    ids=[
        "threads_negative",
        "threads_zero",
        "threads_huge",
        "max_bytes_negative",
        "max_bytes_over_limit",
        "bootstrap_negative",
        "top_negative",
        "chunk_size_negative",
        "chunk_bytes_zero",
    ],
)
def test_bad_numbers_are_config_errors(call):
    with pytest.raises(fl.ConfigError):
        call()


@pytest.mark.parametrize("flag", ["--chunk-size", "--chunk-bytes", "--threads"])
def test_bad_numbers_on_the_command_line_are_usage_errors(flag, tmp_path, capsys):
    with pytest.raises(SystemExit) as exit:
        main(["analyze", "--input", "in.jsonl", "--output", str(tmp_path / "o.jsonl"), flag, "-3"])
    assert exit.value.code == 2
    assert "must be at least 1, not -3" in capsys.readouterr().err


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="counts threads in /proc")
def test_many_thread_counts_do_not_collect_threads():
    def threads() -> int:
        return len(os.listdir("/proc/self/task"))

    before = threads()
    limit = min(os.cpu_count() or 1, 2) * 4
    for n in range(1, max(limit, 8) + 1):
        fl.analyze_batch(["The regime lied."] * 4, threads=n)
    # Only the four most recently used pools are kept: 8 + 7 + 6 + 5 threads at most. The
    # threads of a dropped pool end on their own, a moment later.
    import time

    deadline = time.monotonic() + 10
    while threads() - before > 26 and time.monotonic() < deadline:
        time.sleep(0.05)
    assert threads() - before <= 26


def test_a_lexicon_entry_needs_a_real_id():
    with pytest.raises(fl.LexiconError, match="empty `id`"):
        fl.Lexicon.from_toml_str('category = "loaded"\n[[entry]]\nid = ""\nterms = ["x"]\n')


def test_a_lone_surrogate_escape_in_a_stream_line_says_what_is_wrong(tmp_path):
    src = tmp_path / "in.jsonl"
    src.write_text('{"id": "a", "text": "bad \\ud800 here"}\n{"id": "b", "text": "Fine."}\n')
    out = tmp_path / "out.jsonl"
    assert main(["analyze", "--input", str(src), "--output", str(out)]) == 1
    first = json.loads(out.read_text().splitlines()[0])
    assert first["error"].startswith("line 1: 'text' is not a valid string (")


@pytest.mark.parametrize("invisible", ["\ufeff", "\u200b", "\u200b\ufeff"])
def test_an_invisible_character_before_the_dateline_hides_nothing(invisible):
    p = fl.analyze(invisible + "WASHINGTON (AP) \u2014 The talks failed on Monday.").provenance
    assert p.place is not None and p.place.text == "WASHINGTON"
    assert p.outlet is not None and p.outlet.id == "ap"
    assert fl.analyze(invisible + "WASHINGTON (AP) \u2014 The talks failed.").profile.wire_based


@pytest.mark.parametrize(
    "text",
    [
        "See https://example.com/story?src=AFP for more.",
        "See https://example.com/a#AFP for more.",
        "See www.example.com/?from=Reuters for more.",
    ],
)
def test_an_agency_name_inside_a_url_is_not_a_wire_mention(text):
    assert fl.analyze(text).provenance.agencies == []


def test_csv_cells_do_not_run_as_spreadsheet_formulas(tmp_path):
    src = tmp_path / "in.jsonl"
    src.write_text(
        '{"id": "=HYPERLINK(\\"http://x\\")", "text": "Fine.", "outlet": "+1", '
        '"url": "@SUM(A1)"}\n{"id": "-2", "text": "Fine."}\n'
    )
    out = tmp_path / "out.csv"
    assert main(["analyze", "--input", str(src), "--output", str(out)]) == 0
    import csv

    rows = list(csv.DictReader(out.open(encoding="utf-8", newline="")))
    assert rows[0]["doc_id"] == '\'=HYPERLINK("http://x")'
    assert rows[0]["outlet"] == "'+1" and rows[0]["url"] == "'@SUM(A1)"
    assert rows[1]["doc_id"] == "'-2"
    assert main(["analyze", "--input", str(src), "--output", str(out), "--csv-raw"]) == 0
    rows = list(csv.DictReader(out.open(encoding="utf-8", newline="")))
    assert rows[0]["doc_id"].startswith("=HYPERLINK")


def test_a_run_on_sentence_of_cues_holds_a_bounded_number_of_attributions():
    a = fl.analyze("according to " * 5_000)
    assert len(a.attributions) <= 16
    b = fl.analyze("he said " * 5_000)
    assert len(b.attributions) <= 16


def test_compare_refuses_resample_counts_it_cannot_hold():
    analyses = fl.analyze_batch(["The council met.", "The mayor spoke."])
    with pytest.raises(fl.ConfigError, match="bootstrap must be at most 1000000"):
        fl.compare(analyses, bootstrap=10**12)
    with pytest.raises(fl.ConfigError, match="permutations must be at most"):
        fl.compare(analyses, permutations=10**9)
    for seed in (-1, 2**70, 1.5):
        with pytest.raises(fl.ConfigError, match="seed must be an integer"):
            fl.compare(analyses, seed=seed)  # type: ignore[arg-type]


def cli(*args: str, stdin: Any = None, stdout: Any = None) -> subprocess.CompletedProcess[str]:
    """``framelens ARGS`` in a process of its own, with these standard input and output."""
    return subprocess.run(
        [sys.executable, "-m", "framelens.cli", *args],
        stdin=stdin,
        stdout=stdout if stdout is not None else subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        timeout=120,
    )


CORPUS = [
    {"id": "a", "text": "Officials baselessly accused the mayor.", "lean": "L"},
    {"id": "b", "text": "The council met on Tuesday.", "lean": "R"},
]


def test_no_command_writes_over_an_input(tmp_path, capsys):
    corpus = tmp_path / "c.jsonl"
    corpus.write_text("".join(json.dumps(r) + "\n" for r in CORPUS))
    before = corpus.read_bytes()
    # Standard input that is the output file, and standard output that is the input file.
    with open(corpus) as f:
        run = cli("analyze", "--input", "-", "--output", str(corpus), stdin=f)
    assert run.returncode == 1 and "it is the input file standard input" in run.stderr
    with open(corpus, "a") as f:
        run = cli("analyze", "--input", str(corpus), "--output", "-", stdout=f)
    assert run.returncode == 1 and "cannot write standard output" in run.stderr
    assert corpus.read_bytes() == before
    # validate's disagreements, and render given a folder.
    gold = tmp_path / "gold.jsonl"
    gold.write_text(json.dumps({"text": CORPUS[0]["text"], "spans": [[10, 20]]}) + "\n")
    assert main(["validate", str(gold), "--disagreements", str(gold)]) == 1
    assert "it is the input file" in capsys.readouterr().err
    assert json.loads(gold.read_text())["spans"] == [[10, 20]]
    folder = tmp_path / "arts"
    folder.mkdir()
    (folder / "a.txt").write_text(CORPUS[0]["text"])
    assert main(["render", str(folder), "-o", str(folder / "a.txt")]) == 1
    assert "it is the input file" in capsys.readouterr().err
    assert (folder / "a.txt").read_text() == CORPUS[0]["text"]


def test_compare_keeps_every_document(tmp_path, capsys):
    for folder, text in (("a", CORPUS[0]["text"]), ("b", CORPUS[1]["text"])):
        (tmp_path / folder / "news").mkdir(parents=True)
        (tmp_path / folder / "x.txt").write_text(text)
        (tmp_path / folder / "news" / "y.txt").write_text(text)
    a, b = tmp_path / "a", tmp_path / "b"
    assert main(["compare", str(a / "x.txt"), str(b / "x.txt"), "--format", "json"]) == 0
    assert sorted(json.loads(capsys.readouterr().out)) == [str(a / "x"), str(b / "x")]
    # Folders of one name are told apart by their paths.
    args = ["compare", str(a / "news"), str(b / "news"), "--by", "folder", "--format", "json"]
    assert main([*args, "--bootstrap", "10", "--permutations", "0"]) == 0
    groups = [g["name"] for g in json.loads(capsys.readouterr().out)["groups"]]
    assert sorted(groups) == [str(a / "news"), str(b / "news")]
    # Rows without ids in two corpora, and rows with one id.
    p1, p2 = tmp_path / "p1.jsonl", tmp_path / "p2.jsonl"
    for p in (p1, p2):
        p.write_text("".join(json.dumps({"text": r["text"]}) + "\n" for r in CORPUS))
    assert main(["compare", str(p1), str(p2), "--format", "json", "--bootstrap", "10"]) == 0
    assert len(json.loads(capsys.readouterr().out)["groups"]) == 4
    p1.write_text("".join(json.dumps({"id": "same", "text": r["text"]}) + "\n" for r in CORPUS))
    assert main(["compare", str(p1)]) == 1
    assert "document id 'same' is given to 2 documents" in capsys.readouterr().err


def test_corpus_files_read_as_the_stream_reads_them(tmp_path, capsys):
    bom = tmp_path / "bom.csv"
    bom.write_bytes(b"\xef\xbb\xbfid,text\nA1,Hello world.\nB2,Bye now.\n")
    assert main(["analyze", str(bom), "--format", "json"]) == 0
    assert [d["doc_id"] for d in json.loads(capsys.readouterr().out)] == ["A1", "B2"]
    jsonl = tmp_path / "bom.jsonl"
    jsonl.write_bytes(b'\xef\xbb\xbf{"id": "a", "text": "Hello world."}\n')
    assert main(["analyze", str(jsonl), "--format", "json"]) == 0
    assert json.loads(capsys.readouterr().out)[0]["doc_id"] == "a"
    # A record with more fields than the header lost its text to an unquoted comma.
    ragged = tmp_path / "ragged.csv"
    ragged.write_text("id,text\na,Fine.\nc,Prices rose, the regime lied\n")
    assert main(["analyze", str(ragged)]) == 1
    assert "ragged.csv line 3: more fields than the header" in capsys.readouterr().err
    out = tmp_path / "out.jsonl"
    assert main(["analyze", "--input", str(ragged), "--output", str(out)]) == 1
    rows = [json.loads(x) for x in out.read_text().splitlines()]
    assert rows[0]["doc_id"] == "a" and "3 fields and the header 2 columns" in rows[1]["error"]
    capsys.readouterr()
    # A stray quote would swallow the records after it into one text: to the next quote, or
    # to the end of the file.
    for name, body in (
        ("later", 'id,text\na,Fine.\nb,"Broken.\nc,Lost.\nd,"Quoted" too.\n'),
        ("never", 'id,text\na,Fine.\nb,"Broken.\nc,Lost.\n'),
    ):
        stray = tmp_path / f"{name}.csv"
        stray.write_text(body)
        assert main(["analyze", str(stray)]) == 1, name
        assert f"{name}.csv line 3: not valid CSV" in capsys.readouterr().err, name
    # A field longer than the csv module's default limit, and a line that is no object.
    long = tmp_path / "long.csv"
    long.write_text("id,text\na," + "word " * 40_000 + "\n")
    assert main(["analyze", str(long), "--format", "json"]) == 0
    capsys.readouterr()
    lines = tmp_path / "lines.jsonl"
    lines.write_text('{"text": "Fine."}\n[1, 2]\n')
    assert main(["analyze", str(lines)]) == 1
    assert "lines.jsonl line 2: not a JSON object" in capsys.readouterr().err


def test_options_out_of_range_are_usage_errors(tmp_path, capsys):
    corpus = tmp_path / "c.jsonl"
    corpus.write_text("".join(json.dumps(r) + "\n" for r in CORPUS))
    for args in (
        ["analyze", str(corpus), "--threads", "99999999999999999999"],
        ["speakers", str(corpus), "--by", "lean", "--top", "-1"],
        ["terms", str(corpus), "--by", "lean", "--min-count", "-2"],
        ["validate", str(corpus), "--bootstrap", "0"],
    ):
        with pytest.raises(SystemExit) as e:
            main(args)
        assert e.value.code == 2, args
        assert "must be at" in capsys.readouterr().err
    assert main(["render", str(corpus), "--doc", "a", "-o", "-", "--categories", "nope"]) == 1
    assert "unknown categories ['nope']" in capsys.readouterr().err
    assert main(["analyze", str(corpus), "--output", str(tmp_path / "x.jsonl")]) == 1
    assert "--output goes with --input" in capsys.readouterr().err
    args = ["analyze", "--input", str(corpus), "--output", "-", "--output-format", "parquet"]
    assert main(args) == 1
    assert "Parquet output needs a file name" in capsys.readouterr().err
    assert not (tmp_path / "-").exists() and not os.path.exists("-")
    upper = tmp_path / "res.CSV"
    assert main(["analyze", "--input", str(corpus), "--output", str(upper)]) == 0
    assert upper.read_text().startswith("line,")


def test_csv_cells_of_compare_and_validate_do_not_run_as_formulas(tmp_path, capsys):
    corpus = tmp_path / "c.jsonl"
    rows = [dict(r, outlet='=HYPERLINK("http://x.example","x")') for r in CORPUS]
    corpus.write_text("".join(json.dumps(r) + "\n" for r in rows))
    args = ["compare", str(corpus), "--by", "outlet", "--format", "csv", "--bootstrap", "10"]
    assert main(args) == 0
    out = capsys.readouterr().out
    assert "'=HYPERLINK" in out and ',"=HYPERLINK' not in out
    gold = tmp_path / "gold.jsonl"
    gold.write_text(json.dumps({"id": "=1+1", "text": CORPUS[0]["text"], "spans": []}) + "\n")
    dis = tmp_path / "dis.csv"
    assert main(["validate", str(gold), "--disagreements", str(dis), "--bootstrap", "10"]) == 0
    assert ",'=1+1," in dis.read_text()


def test_ctrl_c_stops_a_long_analysis_between_chunks(tmp_path, monkeypatch, capsys):
    # Python runs signal handlers only between calls into the core: the documents go in chunks,
    # so Ctrl-C (or SIGTERM) stops a run of 12,000 documents within a chunk, not at its end.
    import framelens.cli as cli_module

    corpus = tmp_path / "c.jsonl"
    corpus.write_text("".join(json.dumps({"text": f"Doc {i}."}) + "\n" for i in range(600)))
    real = cli_module.make_analyzer
    sizes: list[int] = []

    class Interrupted:
        def __init__(self, analyzer: Any) -> None:
            self.analyzer = analyzer

        def analyze_batch(self, docs: Any, threads: Any = None) -> Any:
            sizes.append(len(docs))
            if len(sizes) == 2:
                raise KeyboardInterrupt
            return self.analyzer.analyze_batch(docs, threads=threads)

    monkeypatch.setattr(cli_module, "make_analyzer", lambda args: Interrupted(real(args)))
    assert main(["analyze", str(corpus), "--format", "json"]) == 130
    assert sizes == [256, 256]
    assert "interrupted" in capsys.readouterr().err


ONE = '[[entry]]\nid="x"\ncategory="{category}"\nterms=["{term}"]\n{extra}\n'


@pytest.mark.parametrize(
    ("term", "extra", "category", "message"),
    [
        ("zork", "weight=1e39", "frame", "has weight 1e39"),
        ("zork", "weight=1e-50", "loaded", "has weight 1e-50"),
        ("harrumphed", 'subcategory="distancng"', "report", "the stance (subcategory)"),
        ("*foo", "", "loaded", "may only end a term"),
        ("brutal* crackdown", "", "loaded", "may only end a term"),
        ("...", "", "loaded", "has no letter or digit"),
        ("\u0301", "", "loaded", "has no letter or digit"),
    ],
)
def test_lexicon_entries_that_could_never_count_right_are_refused(term, extra, category, message):
    # Each of these loaded: a weight that is infinite or zero once stored in 32 bits (frame
    # shares turned NaN), a misspelt stance counted as neutral, terms that never match.
    toml = ONE.format(category=category, term=term, extra=extra)
    with pytest.raises(fl.LexiconError, match=re.escape(message)):
        fl.Lexicon.from_toml_str(toml)


def test_imported_lists_refuse_what_they_would_lose(tmp_path):
    words = tmp_path / "w.txt"
    words.write_bytes("\ufeffbaseless\nfoo*bar\n".encode())
    with pytest.raises(fl.LexiconError, match="w.txt line 2: the term `foo\\*bar`"):
        fl.Lexicon.from_wordlist(words)
    words.write_bytes("\ufeffbaseless\n".encode())
    assert [e["id"] for e in fl.Lexicon.from_wordlist(words).entries()] == [f"{words}:baseless"]
    for text, message in (
        ("%\n1\tpos\n1\tneg\n%\nhappy\t1\n", "line 3: category 1 is named twice"),
        ("%\nx\tpos\n%\nhappy\tx\n", "line 2: the category number `x` is not a number"),
        ("%\n1\tpos\n%\nhappy\n", "line 4: the term `happy` has no category number"),
        ("%\n1\tpos\n%\nha*py\t1\n", "line 4: the term `ha*py`"),
    ):
        path = tmp_path / "d.dic"
        path.write_text(text)
        with pytest.raises(fl.LexiconError, match=re.escape(message)):
            fl.Lexicon.from_liwc(path)


@pytest.mark.parametrize(
    ("outlet", "message"),
    [
        ('domains=["z.com","www.z.com"]', "the domain `www.z.com` already belongs to `z`"),
        ('domains=["z.com","Z.COM"]', "the domain `Z.COM` already belongs to `z`"),
        ('aliases=[""]', "outlet `z` has an empty name or alias"),
        ('aliasses=["ZT"]', "unknown field `aliasses`"),
    ],
)
def test_registry_outlets_are_checked_not_panicked_on(outlet, message):
    toml = f'outlet=[{{id="z",name="Z",{outlet},country="US",ownership="state",kind="online"}}]'
    with pytest.raises(fl.RegistryError, match=re.escape(message)):
        fl.Registry.from_toml_str(toml)


@pytest.mark.parametrize("end", ["\n", "\r\n"])
def test_rows_without_ids_get_the_same_ids_in_every_command(tmp_path, capsys, end):
    """A corpus row without an id is named by the line it starts on, whether the corpus is
    streamed (`analyze --input`) or read whole (`analyze FILES`, `compare`)."""
    csv_rows = ["text", "The regime lied.", '"Two' + end + 'lines."', "", "Bye."]
    corpora = {
        "c.csv": end.join(csv_rows) + end,
        "c.jsonl": '{"text": "The regime lied."}\n\n{"text": "Bye."}\n',
    }
    for name, body in corpora.items():
        src = tmp_path / name
        src.write_bytes(body.encode())
        out = tmp_path / (name + ".out.jsonl")
        assert main(["analyze", "--input", str(src), "--output", str(out)]) == 0
        streamed = [json.loads(x)["doc_id"] for x in out.read_text(encoding="utf-8").splitlines()]
        capsys.readouterr()
        assert main(["analyze", str(src), "--format", "json"]) == 0
        whole = [a["doc_id"] for a in json.loads(capsys.readouterr().out)]
        assert whole == streamed, name
        assert streamed == (["2", "3", "6"] if name == "c.csv" else ["1", "3"])


def test_the_core_stream_refuses_its_input_through_standard_streams(tmp_path):
    """The core's stream (not only the command line) refuses to write the file that standard
    input reads, and to append to the input through standard output."""
    corpus = tmp_path / "c.jsonl"
    body = '{"id": "a", "text": "The regime lied."}\n' * 3
    corpus.write_text(body, encoding="utf-8")
    code = (
        "import sys, framelens as fl\n"
        "from framelens import _framelens as native\n"
        "try:\n"
        "    native.stream_jsonl(fl.Analyzer(), sys.argv[1], sys.argv[2])\n"
        "except fl.FramelensIOError as e:\n"
        "    print(e, file=sys.stderr); sys.exit(3)\n"
    )
    with corpus.open("rb") as stdin:
        done = subprocess.run(
            [sys.executable, "-c", code, "-", str(corpus)],
            stdin=stdin,
            capture_output=True,
            text=True,
        )
    assert done.returncode == 3 and "it is the input -" in done.stderr, done.stderr
    with corpus.open("ab") as stdout:
        done = subprocess.run(
            [sys.executable, "-c", code, str(corpus), "-"], stdout=stdout, stderr=subprocess.PIPE
        )
    assert done.returncode == 3, done.stderr
    assert corpus.read_text(encoding="utf-8") == body


@pytest.mark.skipif(sys.platform == "win32", reason="links and modes are POSIX here")
@pytest.mark.parametrize("output", ["jsonl", "csv"])
def test_an_output_through_a_link_or_private_stays_so(tmp_path, output):
    """`analyze --output` through a link writes the file it points to and keeps the link; a
    private (0600) output stays private. JSON Lines go through the core, CSV through Python."""
    src = tmp_path / "c.jsonl"
    src.write_text('{"id": "a", "text": "The regime lied."}\n', encoding="utf-8")
    target = tmp_path / f"target.{output}"
    target.write_text("old\n", encoding="utf-8")
    link = tmp_path / f"link.{output}"
    link.symlink_to(target)
    assert main(["analyze", "--input", str(src), "--output", str(link)]) == 0
    assert link.is_symlink() and "old" not in target.read_text(encoding="utf-8")
    private = tmp_path / f"private.{output}"
    private.write_text("old\n", encoding="utf-8")
    private.chmod(0o600)
    assert main(["analyze", "--input", str(src), "--output", str(private)]) == 0
    assert private.stat().st_mode & 0o777 == 0o600
    assert "old" not in private.read_text(encoding="utf-8")
