"""Frame-cue precision on Article-Bias-Prediction (Baly et al. 2020): a published sample of policy
frame markers, each judged in context by us.

ABP text may not be copied into the repository, so the table
(``tests/data/abp_frame_markers.tsv``) holds only the article id, the marker's code-point offsets
in the article's ``text``, the lexicon entry, the frame, our judgement (1: the word signals its
frame in this context; 0: it does not) and a short reason in our own words. This script
re-derives the contexts from a copy of the corpus:

    python scripts/abp_frame_markers.py sample ABP.jsonl [--n 100] [--seed 22]   # a new sample
    python scripts/abp_frame_markers.py check ABP.jsonl                           # re-derive, score

``sample`` prints a fresh table (judgement column empty) with each context for judging; ``check``
re-analyses the judged articles, confirms every marker is still found where the table says,
prints each context with its judgement, and the precision with a 95% Wilson interval.
"""

from __future__ import annotations

import argparse
import csv
import json
import math
import random
import sys
from pathlib import Path
from typing import Any

import framelens as fl

TABLE = Path(__file__).resolve().parent.parent / "tests" / "data" / "abp_frame_markers.tsv"
COLUMNS = ("article_id", "start", "end", "entry", "frame", "judgement", "reason")
CONTEXT = 90


def read_rows(path: Path) -> dict[str, dict[str, Any]]:
    with path.open(encoding="utf-8") as f:
        rows = (json.loads(line) for line in f if line.strip())
        return {str(r["id"]): r for r in rows}


def context(text: str, start: int, end: int) -> str:
    left = text[max(0, start - CONTEXT) : start].replace("\n", " ")
    right = text[end : end + CONTEXT].replace("\n", " ")
    return f"...{left}[[{text[start:end]}]]{right}..."


def wilson(k: int, n: int, z: float = 1.96) -> tuple[float, float]:
    if n == 0:
        return (0.0, 1.0)
    p = k / n
    centre = (p + z * z / (2 * n)) / (1 + z * z / n)
    half = z * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / (1 + z * z / n)
    return (centre - half, centre + half)


def analyzer_of(lexicon: Path | None) -> fl.Analyzer:
    """The default analyzer, or one with the TOML files of a lexicon folder."""
    if lexicon is None:
        return fl.Analyzer()
    files = sorted(lexicon.glob("*.toml")) if lexicon.is_dir() else [lexicon]
    merged = fl.Lexicon.from_toml(files[0])
    for f in files[1:]:
        merged = merged.extend(fl.Lexicon.from_toml(f))
    return fl.Analyzer(merged)


def sample(path: Path, n: int, seed: int, analyzer: fl.Analyzer) -> int:
    """One frame marker from each of ``n`` articles drawn at random (seeded), so no single
    article dominates; articles without a frame marker are skipped."""
    rows = read_rows(path)
    ids = sorted(rows)
    rng = random.Random(seed)
    rng.shuffle(ids)
    out = csv.writer(sys.stdout, delimiter="\t", lineterminator="\n")
    out.writerow(COLUMNS)
    taken = 0
    for article_id in ids:
        if taken == n:
            break
        text = rows[article_id]["text"]
        markers = [m for m in analyzer.analyze(text).markers if m.category == "frame"]
        if not markers:
            continue
        m = rng.choice(markers)
        out.writerow([article_id, m.start, m.end, m.entry, m.subcategory, "", ""])
        print("#", context(text, m.start, m.end), file=sys.stderr)
        taken += 1
    return 0


def check(path: Path, table: Path, analyzer: fl.Analyzer) -> int:
    rows = read_rows(path)
    with table.open(encoding="utf-8") as f:
        judged = list(csv.DictReader(f, delimiter="\t"))
    problems = []
    good = 0
    by_weight: dict[str, list[int]] = {"weight 1": [0, 0], "weight below 1": [0, 0]}
    for j in judged:
        row = rows.get(j["article_id"])
        if row is None:
            problems.append(f"article {j['article_id']} is not in {path}")
            continue
        text = row["text"]
        start, end = int(j["start"]), int(j["end"])
        found = [
            m
            for m in analyzer.analyze(text).markers
            if m.category == "frame" and (m.start, m.end) == (start, end)
        ]
        if not found or found[0].entry != j["entry"]:
            problems.append(f"article {j['article_id']} {start}-{end}: no `{j['entry']}` marker")
        ok = j["judgement"].strip() == "1"
        good += ok
        if found:
            tally = by_weight["weight 1" if found[0].weight >= 1.0 else "weight below 1"]
            tally[0] += ok
            tally[1] += 1
        print(f"{'+' if ok else '-'} {j['frame']:<36} {context(text, start, end)}  ({j['reason']})")
    n = len(judged)
    low, high = wilson(good, n)
    print(f"\nframe-cue precision: {good}/{n} = {good / n if n else 0:.3f} [{low:.3f}, {high:.3f}]")
    for name, (k, m) in by_weight.items():
        lo, hi = wilson(k, m)
        print(f"  entries of {name}: {k}/{m} = {k / m if m else 0:.3f} [{lo:.3f}, {hi:.3f}]")
    for p in problems:
        print("problem:", p, file=sys.stderr)
    return 1 if problems else 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    sub = parser.add_subparsers(dest="command", required=True)
    s = sub.add_parser("sample", help="print a fresh sample to judge")
    s.add_argument("abp", type=Path, help="the ABP JSON Lines file")
    s.add_argument("--n", type=int, default=100)
    s.add_argument("--seed", type=int, default=22)
    c = sub.add_parser("check", help="re-derive the judged contexts and score them")
    c.add_argument("abp", type=Path, help="the ABP JSON Lines file")
    c.add_argument("--table", type=Path, default=TABLE)
    for p in (s, c):
        p.add_argument("--lexicon", type=Path, help="a lexicon folder or file (default: built in)")
    args = parser.parse_args(argv)
    analyzer = analyzer_of(args.lexicon)
    if args.command == "sample":
        return sample(args.abp, args.n, args.seed, analyzer)
    return check(args.abp, args.table, analyzer)


if __name__ == "__main__":
    sys.exit(main())
