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
    assert "loaded /1k" in out and "words" in out


def test_compare_formats(capsys):
    assert main(["compare", "--format", "json", *map(str, EXAMPLES)]) == 0
    data = json.loads(capsys.readouterr().out)
    assert set(data) == {f.stem for f in EXAMPLES}
    assert main(["compare", "--format", "csv", *map(str, EXAMPLES)]) == 0
    assert capsys.readouterr().out.startswith("measure,")


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
