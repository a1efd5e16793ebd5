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


def test_compare_formats_keep_every_figure_under_its_own_name(capsys):
    assert main(["compare", "--format", "json", *map(str, EXAMPLES)]) == 0
    data = json.loads(capsys.readouterr().out)
    assert set(data) == {f.stem for f in EXAMPLES}
    for figures in data.values():
        # words, sentences, quoted share, and three rates for each of the 7 categories.
        assert len(figures) == 3 + 3 * 8
        assert {"loaded_per_1k", "loaded_author_per_1k", "loaded_quoted_per_1k"} <= set(figures)
        assert {"hedge_author_per_1k", "frame_quoted_per_1k"} <= set(figures)
        assert isinstance(figures["words"], int)
    assert main(["compare", "--format", "csv", *map(str, EXAMPLES)]) == 0
    rows = capsys.readouterr().out.splitlines()
    names = [r.split(",")[0] for r in rows]
    assert names[0] == "measure" and len(set(names)) == len(names) == 1 + 3 + 3 * 8


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
