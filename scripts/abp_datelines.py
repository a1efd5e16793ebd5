"""Dateline recall on the wire-style openings of a JSON Lines corpus (Article-Bias-Prediction rows
with a `text` field), and how many photo-caption openings are taken for a dateline.

A wire-style opening is defined here, apart from the detector, by the wire style's form: an
all-capital place, optionally a comma and a region or date (", Ky.", ", North Carolina",
", Jan. 5"), optionally an agency in parentheses, then a dash ("-", "--", an en or em dash) and a
capitalized word (a plain hyphen with a space on one side at least, so "U.S.-Israeli" is not one).
Photo-caption openings ("FILE -", "FILE PHOTO -", "PHOTO -") are counted apart:
they are not datelines, and the detector should take none of them.

    python scripts/abp_datelines.py ../shared/data/abp/dev.jsonl

Needs the framelens extension installed (`maturin develop --release`). Prints the misses.
"""

from __future__ import annotations

import json
import re
import sys

import framelens as fl

DASH = r"(?:\u2014|\u2013|--|-)"
WIRE = re.compile(
    r"(?P<place>[A-Z][A-Z.'\- ]{0,40}[A-Z.])"
    r"(?:, [A-Z][A-Za-z.' ]{0,30}(?:, [A-Z][A-Za-z.' ]{0,30})?(?: \d{1,2}(?:, \d{4})?)?)?"
    r"(?: \([A-Za-z ]{2,30}\))?"
    r"(?: ?(?:\u2014|\u2013|--) ?| - ?|- )[A-Z\"\u201c]"
)
CAPTION = re.compile(rf"(?:FILE(?: PHOTO| IMAGE)?|PHOTO|AP PHOTO) ?{DASH}", re.IGNORECASE)


def main(path: str) -> None:
    wire: list[str] = []
    captions: list[str] = []
    with open(path, encoding="utf-8") as f:
        for line in f:
            text = (json.loads(line).get("text") or "").lstrip()
            if CAPTION.match(text):
                captions.append(text)
            elif WIRE.match(text):
                wire.append(text)
    analyzer = fl.Analyzer()
    found = 0
    misses: list[str] = []
    for a, text in zip(analyzer.analyze_batch(wire), wire, strict=True):
        if a.provenance.dateline is not None:
            found += 1
        else:
            misses.append(text[:90].replace("\n", " | "))
    # A caption is taken when the dateline found is the caption itself (it starts the text); a
    # dateline in the story's next paragraph is right.
    taken = [
        text[:90].replace("\n", " | ")
        for a, text in zip(analyzer.analyze_batch(captions), captions, strict=True)
        if a.provenance.dateline is not None and a.provenance.dateline["span"]["start"] == 0
    ]
    n = len(wire) or 1
    print(f"wire-style openings: {len(wire)}; dateline found: {found} ({found / n:.3f})")
    print(f"caption openings: {len(captions)}; taken for a dateline: {len(taken)}")
    for m in misses:
        print(f"  missed: {m}")
    for t in taken:
        print(f"  caption taken: {t}")


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit(f"usage: {sys.argv[0]} CORPUS.jsonl")
    main(sys.argv[1])
