"""Frame-cue precision on Article-Bias-Prediction (Baly et al. 2020): published samples of policy
frame markers, each judged in context by us.

ABP text may not be copied into the repository, so a table holds only the article id, the
marker's code-point offsets in the article's ``text``, the lexicon entry, the frame, our
judgement and a short reason in our own words for each rejection. Seven tables:

- ``tests/data/abp_frame_markers.tsv`` (seed 22): the first sample, judged with the lexicon of
  the time. Its false markers were then studied to write the frame guards and context words, so
  it is training material now: ``check`` on it gives an in-sample figure.
- ``tests/data/abp_frame_markers_heldout.tsv`` (seed 2212, articles disjoint from the first
  sample's): drawn and judged with the revised lexicon, before any figure was looked at; its
  misses were later read to give the `policy` and "administration" cues context words, so it is
  in-sample for that change.
- ``tests/data/abp_frame_markers_heldout2.tsv`` (seed 2301, articles disjoint from both): drawn
  after that change and judged by an annotator who saw only the rule and the contexts.
- ``tests/data/abp_frame_markers_heldout3.tsv`` (seed 2402, articles disjoint from all three and
  from ``tests/data/abp_frame_term_contexts.tsv``): drawn after the frame-term judgements removed
  33 terms, judged the same way.
- ``tests/data/abp_frame_markers_heldout4.tsv`` (seed 2503, articles disjoint from all four and
  from both term tables): drawn after the second round removed 35 more, judged the same way.
- ``tests/data/abp_frame_markers_heldout5.tsv`` (seed 2604, articles disjoint from all five and
  from the four term tables): drawn with a lexicon that had the third round's removals, which
  were not kept, judged the same way.
- ``tests/data/abp_frame_markers_heldout6.tsv`` (seed 2705, articles disjoint from all six and
  from the four term tables): drawn after capitalized cues inside proper names stopped
  counting, judged the same way: the held-out figure.

The judging rule: a marker is correct (1) when the word, read in its sentence, signals the frame
its entry names as the Media Frames Corpus codebook defines it (Boydstun et al. 2014; "other":
nature, science, technology, sport), that is, the sentence is about that frame's concern and the
word carries it in that sense. It is wrong (0) when the word is part of a name or an office title
naming a person, has another sense ("power lines", "a generation later"), or the sentence
concerns another frame (deaths in a war are security, not health).

    python scripts/abp_frame_markers.py sample ABP.jsonl [--n 100] [--seed 22] [--exclude TABLE]
    python scripts/abp_frame_markers.py check ABP.jsonl [--table TABLE] [--strict]

``sample`` prints a fresh table (judgement column empty) with each context on stderr for judging;
``--exclude`` (repeatable) leaves out the articles of an earlier table. ``check`` re-analyses the
judged articles, prints each context with its judgement, and the precision of the judged markers
the lexicon still produces, with a 95% Wilson interval and a 95% percentile bootstrap interval
over the markers (one per article; 1000 resamples). A judged marker the lexicon no longer
produces at its offsets with its frame is listed as dropped and left out of the figure (after a
lexicon change the figure is then over the surviving markers only, and new markers elsewhere are
not judged); ``--strict`` makes any dropped marker an error, as it should be for a table and the
lexicon it was drawn with.
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
from framelens.evaluate.stats import bootstrap

TABLE = Path(__file__).resolve().parent.parent / "tests" / "data" / "abp_frame_markers.tsv"
COLUMNS = ("article_id", "start", "end", "entry", "frame", "judgement", "reason")
CONTEXT = 90


def read_rows(path: Path) -> dict[str, dict[str, Any]]:
    with path.open(encoding="utf-8") as f:
        rows = (json.loads(line) for line in f if line.strip())
        return {str(r["id"]): r for r in rows}


def context(text: str, start: int, end: int, width: int = CONTEXT) -> str:
    """``text[start:end]`` in [[brackets]] with ``width`` chars either side, on one line."""
    left = text[max(0, start - width) : start].replace("\n", " ")
    right = text[end : end + width].replace("\n", " ")
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


def table_ids(tables: list[Path]) -> set[str]:
    """The article ids of judged tables."""
    ids: set[str] = set()
    for table in tables:
        with table.open(encoding="utf-8") as f:
            ids.update(r["article_id"] for r in csv.DictReader(f, delimiter="\t"))
    return ids


def sample(
    path: Path, n: int, seed: int, analyzer: fl.Analyzer, exclude: list[Path] | None = None
) -> int:
    """One frame marker from each of ``n`` articles drawn at random (seeded), so no single
    article dominates; articles without a frame marker, and those of the ``exclude`` tables,
    are skipped."""
    rows = read_rows(path)
    skip = table_ids(exclude or [])
    ids = sorted(set(rows) - skip)
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


def check(path: Path, table: Path, analyzer: fl.Analyzer, strict: bool = False) -> int:
    rows = read_rows(path)
    with table.open(encoding="utf-8") as f:
        judged = list(csv.DictReader(f, delimiter="\t"))
    problems = []
    dropped = []
    units: list[dict[str, float]] = []
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
            if m.category == "frame"
            and (m.start, m.end) == (start, end)
            and m.subcategory == j["frame"]
        ]
        ok = j["judgement"].strip() == "1"
        sign = "+" if ok else "-"
        if not found:
            dropped.append(f"{sign} {j['entry']:<22} {context(text, start, end)}")
            if strict:
                problems.append(
                    f"article {j['article_id']} {start}-{end}: no `{j['entry']}` marker"
                )
            continue
        units.append({"good": float(ok), "n": 1.0})
        tally = by_weight["weight 1" if found[0].weight >= 1.0 else "weight below 1"]
        tally[0] += ok
        tally[1] += 1
        entry = found[0].entry
        print(f"{sign} {entry:<22} {context(text, start, end)}  ({j['reason']})")
    if dropped:
        print(f"\njudged markers the lexicon no longer produces ({len(dropped)}):")
        for d in dropped:
            print(d)
    good = int(sum(u["good"] for u in units))
    n = len(units)
    low, high = wilson(good, n)
    boot = bootstrap(units, lambda t: {"precision": t["good"] / t["n"] if t["n"] else 0.0})
    b = boot["precision"]
    print(
        f"\nframe-cue precision: {good}/{n} = {good / n if n else 0:.3f} "
        f"[{low:.3f}, {high:.3f}] Wilson, [{b.low:.3f}, {b.high:.3f}] bootstrap"
        + (f" ({len(dropped)} of {len(judged)} judged markers dropped)" if dropped else "")
    )
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
    s.add_argument(
        "--exclude",
        type=Path,
        action="append",
        default=[],
        help="a judged table whose articles the sample leaves out (repeatable)",
    )
    c = sub.add_parser("check", help="re-derive the judged contexts and score them")
    c.add_argument("abp", type=Path, help="the ABP JSON Lines file")
    c.add_argument("--table", type=Path, default=TABLE)
    c.add_argument(
        "--strict", action="store_true", help="fail if a judged marker is no longer produced"
    )
    for p in (s, c):
        p.add_argument("--lexicon", type=Path, help="a lexicon folder or file (default: built in)")
    args = parser.parse_args(argv)
    analyzer = analyzer_of(args.lexicon)
    if args.command == "sample":
        return sample(args.abp, args.n, args.seed, analyzer, args.exclude)
    return check(args.abp, args.table, analyzer, args.strict)


if __name__ == "__main__":
    sys.exit(main())
