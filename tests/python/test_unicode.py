"""Offsets are code points into the original str, for any Unicode input."""

import json

import framelens as fl
from hypothesis import given, settings
from hypothesis import strategies as st

PIECES = [
    "baselessly",
    "unfounded claims",
    "worst deal ever",
    "regime",
    "so-called",
    " ",
    "\n\n",
    "\r\n",
    '"',
    "'",
    "\u201c",
    "\u201d",
    "\u2018",
    "\u2019",
    "\u00ab",
    "\u00bb",
    "\u2014",
    ".",
    "\u0130",
    "\ufb01",
    "e\u0301",
    "\u0301",
    "\U0001f469\u200d\U0001f4bb",
    "\u200b",
    "\ufeff",
    "\u05e9\u05dc\u05d5\u05dd",
    "\u0645\u0631\u062d\u0628\u0627",
    "\x00",
    "\t",
    "\u00a0",
    "\uff21\uff22",
    "\u00df",
    "U.S.",
    "Mr.",
    "\u2028",
]

texts = st.lists(st.one_of(st.sampled_from(PIECES), st.text(max_size=8)), max_size=40).map("".join)


@settings(max_examples=300, deadline=None)
@given(texts)
def test_spans_slice_the_original(text):
    a = fl.analyze(text)
    for m in a.markers:
        assert 0 <= m.start <= m.end <= len(text)
        assert text[m.start : m.end] == m.text
    for q in a.quotes:
        assert text[q.start : q.end] == q.text


def test_named_hard_cases():
    cases = [
        "\u0130stanbul baselessly \u0130\u0130",
        "\ufb01ne regime \ufb01",
        "\U0001f469\u200d\U0001f4bb regime \U0001f469\u200d\U0001f4bb baselessly",
        "\u05d4\u05de\u05de\u05e9\u05dc\u05d4 regime \u05e9\u05dc\u05d5\u05dd",
        "line one\r\nbaselessly\r\n\r\nregime",
        "cafe\u0301 regime e\u0301",
        "\u200bregime\u200b",
    ]
    for text in cases:
        a = fl.analyze(text)
        assert a.markers, text
        for m in a.markers:
            assert text[m.start : m.end] == m.text, (text, m)


def test_offsets_across_a_long_non_ascii_text():
    # Offsets are converted block by block; spans must stay exact far into a long text with
    # characters of every UTF-8 width before them.
    unit = (
        "\u00c9lys\u00e9e \u201cregime\u201d \U0001f469\u200d\U0001f4bb baselessly \u0645\u0631 "
        "claims, the official said. "
    )
    text = unit * 300
    a = fl.analyze(text)
    assert len(a.markers) >= 300
    for m in a.markers:
        assert text[m.start : m.end] == m.text
    for q in a.quotes:
        assert text[q.start : q.end] == q.text
    assert a.attributions
    for at in a.attributions:
        assert text[at.cue.start : at.cue.end] == at.cue.text
    assert a.markers[-1].end > len(text) - len(unit)


def _spans(value):
    """Every span dict (start, end and text) anywhere in a JSON value."""
    if isinstance(value, dict):
        if {"start", "end", "text"} <= value.keys():
            yield value
        for v in value.values():
            yield from _spans(v)
    elif isinstance(value, list):
        for v in value:
            yield from _spans(v)


def test_every_span_of_the_json_slices_the_original():
    """Provenance spans too (dateline place, region, date and agency; source lines; byline),
    after non-ASCII text: a span left in bytes would be off by the bytes before it."""
    text = (
        "BOGOT\u00c1, Colombia (AP) \u2014 Officials baselessly accused the mayor, "
        '"a disgrace," said Jos\u00e9 P\u00e9rez.\n\nBy Ana Ru\u00edz\n\n'
        "\u00a9 2026 Associated Press. All rights reserved."
    )
    a = fl.analyze(text)
    data = json.loads(a.to_json())
    spans = list(_spans(data))
    assert a.provenance.dateline and a.provenance.dateline["region"]
    assert len(spans) >= 8
    for s in spans:
        assert text[s["start"] : s["end"]] == s["text"], s
