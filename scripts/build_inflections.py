"""Writes crates/framelens/data/en/inflections.tsv, the English inflection table the lexicon
loader uses for `lemma` entries (see crates/framelens/src/lexicon/inflect.rs).

    pip install lemminflect==0.2.3 && python scripts/build_inflections.py

The forms come from LemmInflect (MIT licence), whose lookup table is derived from the SPECIALIST
Lexicon of the US National Library of Medicine: for each lowercase verb, noun and adjective,
the inflected forms (the first spelling the table gives for each: "referred", not the variant
"refered"), and for adjectives the derived adverb (-ly) and nouns (-ness, -ity) where the
lexicon knows them as words ("recklessly", "recklessness", "absurdity"), so no entry is given a
form that is not a word.
"""

from __future__ import annotations

import gzip
import re
import sys
from pathlib import Path

import lemminflect

OUT = Path(__file__).resolve().parents[1] / "crates/framelens/data/en/inflections.tsv"
WORD = re.compile(r"^[a-z][a-z-]*[a-z]$")
RESOURCES = Path(lemminflect.__file__).parent / "resources"


def known_words() -> set[str]:
    """Every lowercase word form the SPECIALIST tables hold (inflected forms and lemmas)."""
    words: set[str] = set()
    for name in ("infl_lu.csv.gz", "lemma_lu.csv.gz"):
        with gzip.open(RESOURCES / name, "rt", encoding="utf-8") as f:
            for line in f:
                parts = line.rstrip("\n").split(",")
                for field in (parts[0], *parts[2:]):
                    words.update(w for w in field.split("/") if WORD.match(w))
    return words


def adverbs(adj: str, words: set[str]) -> list[str]:
    cands = [adj + "ly"]
    if adj.endswith("ic"):
        cands.append(adj + "ally")
    if adj.endswith("le"):
        cands.append(adj[:-1] + "y")
    if adj.endswith("y"):
        cands.append(adj[:-1] + "ily")
    if adj.endswith("ll"):
        cands.append(adj + "y")
    return [c for c in cands if c in words][:1]


def nouns(adj: str, words: set[str]) -> list[str]:
    cands = [adj + "ness"]
    if adj.endswith("y"):
        cands.append(adj[:-1] + "iness")
    cands += [adj + "ity", adj[:-1] + "ity"]
    if adj.endswith("ble"):
        cands.append(adj[:-3] + "bility")
    if adj.endswith("ous"):
        cands.append(adj[:-3] + "osity")
    out: list[str] = []
    for c in cands:
        if c in words and c not in out and c != adj:
            out.append(c)
    return out


def main() -> None:
    words = known_words()
    rows: list[str] = []
    with gzip.open(RESOURCES / "infl_lu.csv.gz", "rt", encoding="utf-8") as f:
        for line in f:
            lemma, pos, *slots = line.rstrip("\n").split(",")
            if pos not in ("verb", "noun", "adj") or not WORD.match(lemma):
                continue
            forms: list[str] = []
            for slot in slots:
                first = slot.split("/")[0]
                if first and first != lemma and first not in forms and WORD.match(first):
                    forms.append(first)
            if pos == "adj":
                forms += adverbs(lemma, words) + nouns(lemma, words)
            if forms:
                rows.append(f"{lemma}\t{pos}\t{' '.join(forms)}")
    rows.sort()
    header = (
        "# English inflections and derivations: lemma, part of speech, forms (space-separated).\n"
        "# Written by scripts/build_inflections.py from LemmInflect 0.2.3 (MIT licence), whose\n"
        "# table comes from the SPECIALIST Lexicon (US National Library of Medicine); see\n"
        "# data/NOTICE.md. Do not edit by hand.\n"
    )
    OUT.write_text(header + "\n".join(rows) + "\n", encoding="utf-8")
    print(f"{len(rows)} lemmas -> {OUT} ({OUT.stat().st_size:,} bytes)", file=sys.stderr)


if __name__ == "__main__":
    main()
