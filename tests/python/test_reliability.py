"""Hostile input from Python: huge and many documents, threads, bad Unicode, nothing lost."""

import threading

import framelens as fl
import pytest
from conftest import ARTICLE


def test_fifty_megabytes_in_one_document():
    text = (ARTICLE + "\n\n") * (50_000_000 // (len(ARTICLE) + 2) + 1)
    assert len(text) >= 50_000_000
    a = fl.analyze(text)
    assert a.profile.words > 5_000_000
    m = a.markers[-1]
    assert text[m.start : m.end] == m.text


def test_a_million_tiny_documents():
    docs = ["regime"] * 1_000_000
    out = fl.analyze_batch(docs)
    assert len(out) == 1_000_000
    assert out[0] == out[-1] and out[999_999].markers[0].text == "regime"


def test_size_limit_is_reported_per_document():
    an = fl.Analyzer(max_bytes=100)
    out = an.analyze_batch(["short", "x" * 101, "also short"], errors="collect")
    assert isinstance(out[1], fl.DocumentError) and "document 1" in str(out[1])
    assert isinstance(out[0], fl.Analysis) and isinstance(out[2], fl.Analysis)


def test_each_error_keeps_its_place_in_every_chunk():
    # An item that is no document, then a text that is not valid Unicode, then a good text,
    # at the start of the first chunk and of the second (chunks of 4,096 items).
    bad = [123, "bad \ud800 text", "The regime lied."]
    items = bad + ["plain"] * (4096 - 3) + bad
    out = fl.analyze_batch(items, errors="collect")
    assert len(out) == len(items)
    for at in (0, 4096):
        assert "document" in str(out[at]) and "str, Document or dict" in str(out[at])
        assert "not valid Unicode" in str(out[at + 1])
        assert isinstance(out[at + 2], fl.Analysis) and out[at + 2].markers[0].text == "regime"


@pytest.mark.parametrize("bad", ["\ud800", "a\udfffb", "\udc80" * 3])
def test_lone_surrogates_are_clear_errors(bad):
    with pytest.raises(fl.DocumentError, match="not valid Unicode"):
        fl.analyze(bad)


def test_one_analyzer_from_eight_threads_matches_serial_use():
    an = fl.Analyzer()
    texts = [ARTICLE.replace("two", str(i)) for i in range(64)]
    serial = [an.analyze(t) for t in texts]
    results: dict[int, list] = {}
    errors = []

    def work(k: int) -> None:
        try:
            if k % 2:
                results[k] = an.analyze_batch(texts, threads=2)
            else:
                results[k] = [an.analyze(t) for t in texts]
        except Exception as e:  # pragma: no cover - reported below
            errors.append(e)

    threads = [threading.Thread(target=work, args=(k,)) for k in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors
    assert all(results[k] == serial for k in range(8))


def test_idempotent_and_order_independent():
    texts = [ARTICLE, "The regime said so.", '"Reckless," she said.', ""]
    a = fl.analyze_batch(texts)
    b = fl.analyze_batch(list(reversed(texts)))
    assert a == list(reversed(b))
    assert fl.analyze_batch(texts, threads=1) == fl.analyze_batch(texts, threads=2) == a


def test_progress_goes_to_stderr_and_changes_nothing(capsys):
    texts = ["The regime lied."] * 2500
    with_progress = fl.analyze_batch(texts, progress=True)
    err = capsys.readouterr().err
    assert "framelens: 2500/2500 documents" in err
    assert with_progress == fl.analyze_batch(texts)
