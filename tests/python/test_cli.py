import csv
import json

import pytest
from conftest import EXAMPLES
from framelens.cli import main


def test_compare_prints_side_by_side_table(capsys):
    assert main(["compare", *map(str, EXAMPLES)]) == 0
    out = capsys.readouterr().out
    header = out.splitlines()[0]
    for f in EXAMPLES:
        assert f.stem in header
    assert "loaded_author_per_1k" in out and "words" in out
    rows = {line.split()[0]: line.split()[1:] for line in out.splitlines()[2:] if line.strip()}
    assert rows["wire_based"] == ["no", "no", "no"] and rows["dateline_place"][1] == "VELSKA"
    # Below the table, the words behind each article's rates and who it quotes.
    evidence = out[out.index("What the rates count") :]
    sentinel = evidence[: evidence.index("meridian_wire")]
    sentinel = " ".join(sentinel.split())
    assert "loaded regime x2, gamble" in sentinel
    assert "Negotiator Tomas Brenn (named; said)" in sentinel


def test_compare_evidence_lists_every_marker_once_with_its_uses():
    from framelens import analyze_batch
    from framelens.cli import evidence

    a = analyze_batch(['The regime lied. The regime, she said, is "reckless".'])
    text = evidence(["x"], a)
    assert "regime x2" in text and "reckless [q]" in text
    items = [f"w{i}" for i in range(10)]
    from framelens.cli import listing

    assert listing(items) == "w0, w1, w2, w3, w4, w5, w6, w7, and 2 more"


def test_compare_formats_keep_every_figure_under_its_own_name(capsys):
    assert main(["compare", "--format", "json", *map(str, EXAMPLES)]) == 0
    data = json.loads(capsys.readouterr().out)
    assert set(data) == {f.stem for f in EXAMPLES}
    for figures in data.values():
        # words, sentences, quoted share, three rates for each of the 8 categories, and the
        # attribution, provenance and frame rows.
        assert len(figures) == 3 + 3 * 8 + 9
        assert figures["wire_based"] is False and isinstance(figures["attributions"], int)
        assert {"loaded_per_1k", "loaded_author_per_1k", "loaded_quoted_per_1k"} <= set(figures)
        assert {"booster_author_per_1k", "frame_quoted_per_1k"} <= set(figures)
        assert isinstance(figures["words"], int)
    assert main(["compare", "--format", "csv", *map(str, EXAMPLES)]) == 0
    rows = capsys.readouterr().out.splitlines()
    names = [r.split(",")[0] for r in rows]
    assert names[0] == "measure" and len(set(names)) == len(names) == 1 + 3 + 3 * 8 + 9


def test_corpora_and_articles_by_extension(tmp_path, capsys):
    corpus = tmp_path / "c.jsonl"
    corpus.write_text('{"id": "a", "text": "The regime lied."}\n{"id": "b", "text": "Fine."}\n')
    table = tmp_path / "c.csv"
    table.write_text('id,text,lean\na,"The regime, again, lied.",left\nb,"Fine.",right\n')
    assert main(["compare", "--format", "json", str(corpus)]) == 0
    assert [g["name"] for g in json.loads(capsys.readouterr().out)["groups"]] == ["a", "b"]
    assert main(["compare", "--format", "json", "--by", "lean", str(table)]) == 0
    assert [g["name"] for g in json.loads(capsys.readouterr().out)["groups"]] == ["left", "right"]
    assert main(["compare", str(corpus), str(EXAMPLES[0])]) == 1
    assert "not both" in capsys.readouterr().err
    # A CSV corpus streams as CSV, records spanning lines included.
    table.write_text('id,text\na,"The regime\nlied."\nb,Fine.\n')
    out = tmp_path / "out.jsonl"
    assert main(["analyze", "--input", str(table), "--output", str(out)]) == 0
    lines = [json.loads(x) for x in out.read_text().splitlines()]
    assert [(x["line"], x["doc_id"]) for x in lines] == [(2, "a"), (4, "b")]
    assert lines[0]["markers"][0]["text"] == "regime"
    assert main(["analyze", "--input", str(tmp_path / "c.txt"), "--output", str(out)]) == 1
    assert "cannot tell the format" in capsys.readouterr().err


def test_analyze_json_and_stdin(capsys, monkeypatch):
    import io

    monkeypatch.setattr("sys.stdin", io.TextIOWrapper(io.BytesIO(b"They baselessly said so.")))
    assert main(["analyze", "--format", "json", "-"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data[0]["markers"][0]["text"] == "baselessly"
    assert data[0]["doc_id"] == "stdin"


def test_invalid_utf8_names_file_and_byte(tmp_path, capsys):
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"fine text \xff\xfe more")
    assert main(["analyze", str(bad)]) == 1
    err = capsys.readouterr().err
    assert f"{bad}: not valid UTF-8 at byte 10" in err
    assert main(["analyze", "--encoding-errors", "replace", str(bad)]) == 0


def test_missing_file_is_an_error_not_a_traceback(capsys):
    assert main(["analyze", "/nonexistent/file.txt"]) == 1
    assert "No such file" in capsys.readouterr().err


@pytest.mark.parametrize("argv", [[], ["--version"]])
def test_help_and_version(argv, capsys):
    assert main(argv) in (0, 2)


LEFT_ROWS = [
    "The regime's reckless dam plan drew protests, a spokesman said.",
    "Critics said the regime baselessly accused farmers of sabotage.",
    "The regime moved troops to the river, officials said.",
]
RIGHT_ROWS = [
    "The government said the dam talks were going well.",
    "The government reported steady progress at the dam talks.",
    "Officials said the government would publish the dam accord.",
]


@pytest.fixture
def corpus(tmp_path):
    path = tmp_path / "corpus.jsonl"
    rows = [
        {"id": f"l{i}", "text": t, "lean": "left", "source": "Northwire", "link": f"u{i}"}
        for i, t in enumerate(LEFT_ROWS)
    ] + [
        {"id": f"r{i}", "text": t, "lean": "right", "source": "Harbor Daily", "link": f"v{i}"}
        for i, t in enumerate(RIGHT_ROWS)
    ]
    path.write_text("\n".join(json.dumps(r) for r in rows), encoding="utf-8")
    return path


def test_folders_are_read_recursively(tmp_path, capsys):
    (tmp_path / "left").mkdir()
    (tmp_path / "right" / "deep").mkdir(parents=True)
    (tmp_path / "left" / "a.txt").write_text(LEFT_ROWS[0])
    (tmp_path / "left" / "b.txt").write_text(LEFT_ROWS[1])
    (tmp_path / "right" / "deep" / "c.txt").write_text(RIGHT_ROWS[0])
    (tmp_path / "right" / "notes.md").write_text("not an article")
    (tmp_path / ".hidden.txt").write_text("The regime lied.")
    assert main(["analyze", "--format", "json", str(tmp_path)]) == 0
    assert [d["doc_id"] for d in json.loads(capsys.readouterr().out)] == ["a", "b", "c"]
    assert main(["compare", "--format", "json", str(tmp_path), "--by", "folder"]) == 0
    groups = json.loads(capsys.readouterr().out)["groups"]
    assert {g["name"]: g["documents"] for g in groups} == {"left": 2, "deep": 1}
    empty = tmp_path / "empty"
    empty.mkdir()
    assert main(["analyze", str(empty)]) == 1
    assert "no *.txt" in capsys.readouterr().err


def test_outlet_and_url_columns(corpus, capsys):
    args = ["analyze", "--format", "json", str(corpus)]
    assert main([*args, "--outlet-col", "source", "--url-col", "link"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data[0]["outlet"] == "Northwire" and data[0]["url"] == "u0"
    assert main(args) == 0
    assert json.loads(capsys.readouterr().out)[0]["outlet"] is None
    # The stream takes the same options (test_stream.py checks them in every output format).
    out = corpus.parent / "o.jsonl"
    stream = ["analyze", "--input", str(corpus), "--output", str(out)]
    assert main([*stream, "--outlet-col", "source", "--url-col", "link"]) == 0
    first = json.loads(out.read_text(encoding="utf-8").splitlines()[0])
    assert first["outlet"] == "Northwire" and first["url"] == "u0"


def test_lexicon_and_registry_files(tmp_path, capsys):
    lexicon = tmp_path / "mine.toml"
    lexicon.write_text(
        '[[entry]]\nid = "dambusters"\ncategory = "loaded"\nterms = ["dambusters"]\n'
        'note = "a test entry"\n'
    )
    article = tmp_path / "a.txt"
    article.write_text("The dambusters met again.")
    assert main(["analyze", "--format", "json", str(article)]) == 0
    assert json.loads(capsys.readouterr().out)[0]["markers"] == []
    assert main(["analyze", "--format", "json", str(article), "--lexicon", str(lexicon)]) == 0
    markers = json.loads(capsys.readouterr().out)[0]["markers"]
    assert [(m["text"], m["entry"]) for m in markers] == [("dambusters", "dambusters")]
    bad = tmp_path / "bad.toml"
    bad.write_text("[[entry]]\nid = 3\n")
    assert main(["analyze", str(article), "--lexicon", str(bad)]) == 1
    assert "bad.toml" in capsys.readouterr().err
    assert main(["analyze", str(article), "--registry", str(bad)]) == 1


def test_empty_naming_and_speakers_tables_keep_their_header(tmp_path, capsys):
    # Nobody is quoted and no naming variant is used: both tables have no rows, and their CSV
    # and text forms still name the columns (a CSV of no rows with no header is no table).
    corpus = tmp_path / "c.jsonl"
    rows = [
        {"id": "a", "text": "The bridge opened.", "g": "x"},
        {"id": "b", "text": "Rain.", "g": "y"},
    ]
    corpus.write_text("\n".join(json.dumps(r) for r in rows), encoding="utf-8")
    base = [str(corpus), "--by", "g", "--bootstrap", "10"]
    for command, header in [
        ("speakers", "group,speaker,count,stances,direct"),
        ("naming", "naming_group,variant,side,group,count"),
    ]:
        assert main([command, *base, "--format", "csv"]) == 0
        assert capsys.readouterr().out.splitlines() == [header]
        assert main([command, *base, "--format", "json"]) == 0
        assert json.loads(capsys.readouterr().out) == []
        assert main([command, *base]) == 0
        assert capsys.readouterr().out.split() == header.split(",") + [
            "-" * len(c) for c in header.split(",")
        ]


def test_terms_naming_speakers_context(corpus, capsys):
    base = [str(corpus), "--by", "lean", "--bootstrap", "50"]
    assert main(["terms", "left", *base, "--against", "right", "--min-count", "2"]) == 0
    out = capsys.readouterr().out
    assert "regime" in out and " the " not in out
    assert main(["terms", "left", *base, "--min-count", "2", "--format", "json"]) == 0
    terms = [r["term"] for r in json.loads(capsys.readouterr().out)]
    assert "regime" in terms and "the" not in terms
    assert (
        main(["terms", "left", *base, "--min-count", "2", "--keep-stop-words", "--top", "0"]) == 0
    )
    assert "the" in capsys.readouterr().out.split()
    assert main(["naming", *base, "--format", "json"]) == 0
    naming = json.loads(capsys.readouterr().out)
    assert {(r["variant"], r["group"]) for r in naming} >= {("gov.regime", "left")}
    assert main(["speakers", *base, "--format", "csv"]) == 0
    assert capsys.readouterr().out.startswith("group,speaker,count")
    assert main(["context", "regime", *base, "--width", "10"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert len(lines) == 3 and all("[regime]" in x and x.startswith("left/") for x in lines)
    assert main(["context", "regime", *base, "--group", "right"]) == 0
    assert "no passages" in capsys.readouterr().out
    assert main(["terms", "nobody", *base]) == 1
    assert "nobody" in capsys.readouterr().err


def test_render_writes_a_page_and_never_the_input(tmp_path, corpus, capsys):
    article = tmp_path / "a.txt"
    article.write_text('The regime <b>said</b> it was "a witch hunt".')
    page = tmp_path / "a.html"
    assert main(["render", str(article), "-o", str(page)]) == 0
    html = page.read_text()
    assert html.startswith("<!DOCTYPE html>") and "&lt;b&gt;said" in html
    assert main(["render", str(article), "-o", str(article)]) == 1
    assert "input file" in capsys.readouterr().err
    assert article.read_text().startswith("The regime")
    assert main(["render", str(corpus), "-o", str(page)]) == 1
    assert "--doc" in capsys.readouterr().err
    assert main(["render", str(corpus), "--doc", "r1", "-o", "-"]) == 0
    assert "steady progress" in capsys.readouterr().out
    assert not list(tmp_path.glob(".*framelens-tmp"))


def test_progress_bar_has_total_percent_and_eta(corpus, tmp_path, capsys):
    assert main(["analyze", "--progress", "--format", "json", str(corpus)]) == 0
    err = capsys.readouterr().err
    assert "6/6" in err and "100%" in err and "doc/s" in err
    out = tmp_path / "o.jsonl"
    assert main(["analyze", "--input", str(corpus), "--output", str(out), "--progress"]) == 0
    err = capsys.readouterr().err
    assert "100%" in err and "documents=6" in err
    assert len(out.read_text().splitlines()) == 6
    out_csv = tmp_path / "o.csv"
    assert main(["analyze", "--input", str(corpus), "--output", str(out_csv), "--progress"]) == 0
    assert "100%" in capsys.readouterr().err


def test_help_has_examples(capsys):
    with pytest.raises(SystemExit):
        main(["--help"])
    assert "examples:" in capsys.readouterr().out
    for command in ("analyze", "compare", "terms", "context", "naming", "speakers", "render"):
        with pytest.raises(SystemExit):
            main([command, "--help"])
        out = capsys.readouterr().out
        assert "examples:" in out and f"framelens {command}" in out, command


def test_a_rate_with_no_denominator_is_null_in_json_empty_in_csv_and_na_in_the_table(
    tmp_path, capsys
):
    # No quoted words here: its quoted rates have no denominator; its other rates have one.
    article = tmp_path / "unquoted.txt"
    article.write_text("The regime lied about the reckless plan.", encoding="utf-8")
    empty = tmp_path / "empty.txt"
    empty.write_text("", encoding="utf-8")
    files = [str(article), str(empty)]
    assert main(["compare", "--format", "json", *files]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["unquoted"]["loaded_quoted_per_1k"] is None
    assert data["unquoted"]["loaded_author_per_1k"] > 0
    assert data["unquoted"]["booster_author_per_1k"] == 0.0
    assert data["unquoted"]["quoted_word_share"] == 0.0
    assert data["empty"]["words"] == 0
    counted = ("words", "sentences", "attributions", "wire_based", "state_affiliated")
    assert all(v is None for k, v in data["empty"].items() if k not in counted)
    assert [data["empty"][k] for k in counted] == [0, 0, 0, False, False]
    assert main(["compare", "--format", "csv", *files]) == 0
    cells = {r.split(",")[0]: r.split(",")[1:] for r in capsys.readouterr().out.splitlines()}
    assert cells["loaded_quoted_per_1k"] == ["", ""]
    assert cells["quoted_word_share"] == ["0.0", ""]
    assert main(["compare", *files]) == 0
    out = capsys.readouterr().out
    lines = {r.split()[0]: r.split()[1:] for r in out.splitlines()[2:] if r.strip()}
    assert lines["loaded_quoted_per_1k"] == ["n/a", "n/a"]
    assert lines["booster_author_per_1k"] == ["0.00", "n/a"]
    # The stream's CSV rows: empty cells where the figure has no denominator.
    corpus = tmp_path / "c.jsonl"
    corpus.write_text(
        '{"id": "a", "text": "The regime lied about the reckless plan."}\n'
        '{"id": "b", "text": ""}\n',
        encoding="utf-8",
    )
    out = tmp_path / "out.csv"
    assert main(["analyze", "--input", str(corpus), "--output", str(out)]) == 0
    with out.open(encoding="utf-8", newline="") as f:
        rows = {r["doc_id"]: r for r in csv.DictReader(f)}
    assert rows["a"]["loaded_quoted_per_1k"] == "" and float(rows["a"]["loaded_per_1k"]) > 0
    # No attribution (the text reports no speech): no anonymous share.
    assert rows["a"]["anonymous_share"] == ""
    assert rows["b"]["loaded_per_1k"] == rows["b"]["attributed_sentence_share"] == ""


def test_analyze_json_gives_null_for_a_rate_with_no_denominator(tmp_path, capsys):
    # Nothing quoted, no attribution: no rate per 1,000 quoted words and no anonymous share.
    article = tmp_path / "unquoted.txt"
    article.write_text("The regime lied about the reckless plan for the Tarnby dam.", "utf-8")
    assert main(["analyze", "--format", "json", str(article)]) == 0
    (data,) = json.loads(capsys.readouterr().out)
    profile = data["profile"]
    assert profile["quoted_words"] == 0 and profile["attribution"]["total"] == 0
    assert profile["rates"]["loaded"]["quoted"] is None
    assert profile["rates"]["loaded"]["author"] > 0
    assert profile["rates"]["booster"]["author"] == 0.0  # a rate of 0 with a denominator
    assert profile["attribution"]["anonymous_share"] is None
    assert profile["attribution"]["sentence_share"] == 0.0
