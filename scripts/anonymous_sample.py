"""Anonymous-speaker precision on ABP: draw a sample to label, then score the labels.

    python scripts/anonymous_sample.py draw ABP.jsonl OUT.tsv [--n 100] [--seed 20261201]
    python scripts/anonymous_sample.py score LABELLED.tsv
    python scripts/anonymous_sample.py share ABP.jsonl

``draw`` analyses every article, keeps the attributions typed ``anonymous`` and writes a seeded
random sample of them as a TSV (article id, offsets, speaker, cue, sentence, an empty ``label``
column). The TSV holds article text, so write it OUTSIDE the repository: the corpus licence does
not let it in. Label each row ``1`` when the speaker is an unidentifiable source (the guide's
rule, docs/guide/attribution.md) and ``0`` when it is not (a named person, a role holder, an
institution, a document, a group, or not a speaker at all).

``score`` prints the precision (rows labelled 1 of rows labelled 0 or 1) with a 95% percentile
bootstrap interval over rows; it reads only the ``label`` column, so it also scores our
published labels, ``tests/data/anonymous_speakers_SEED.tsv`` for the samples of seeds 20261202,
20261203 and 20261204 (article id, speaker offsets, label and, for a 0, the reason; no article
text; each drawn after a change to the speaker rules, from articles in no earlier sample).
``share`` prints the share of attributions typed anonymous and the count of each speaker type.
"""

from __future__ import annotations

import argparse
import csv
import json
import random
import sys
from collections import Counter
from collections.abc import Iterator, Mapping
from pathlib import Path

import framelens as fl
from framelens.evaluate.stats import bootstrap

FIELDS = ["article_id", "speaker_start", "speaker_end", "speaker", "cue", "sentence", "label"]


def articles(path: Path) -> Iterator[tuple[str, str]]:
    with path.open(encoding="utf-8") as f:
        for n, line in enumerate(f, 1):
            try:
                row = json.loads(line)
                yield str(row["id"]), str(row["text"])
            except (json.JSONDecodeError, KeyError) as e:
                raise SystemExit(f"{path}:{n}: not an ABP row ({e})") from e


def analysed(path: Path) -> Iterator[tuple[str, str, fl.Analysis]]:
    ids, texts = zip(*articles(path), strict=True)
    yield from zip(ids, texts, fl.analyze_batch(list(texts)), strict=True)


def sentence_around(text: str, start: int, end: int) -> str:
    """The text from the sentence or line break before ``start`` to the one after ``end``."""
    left = max(text.rfind(stop, 0, start) for stop in (". ", "\n", "? ", "! "))
    right_candidates = [i for stop in (". ", "\n", "? ", "! ") if (i := text.find(stop, end)) >= 0]
    right = min(right_candidates) + 1 if right_candidates else len(text)
    return " ".join(text[left + 1 : right].split())


def draw(corpus: Path, out: Path, n: int, seed: int) -> None:
    pool = []
    for doc_id, text, analysis in analysed(corpus):
        for a in analysis.attributions:
            if a.speaker_type == "anonymous" and a.speaker is not None and not a.continued:
                pool.append((doc_id, text, a))
    sample = random.Random(seed).sample(pool, min(n, len(pool)))
    with out.open("w", encoding="utf-8", newline="") as f:
        w = csv.writer(f, delimiter="\t", lineterminator="\n")
        w.writerow(FIELDS)
        for doc_id, text, a in sample:
            sp = a.speaker
            assert sp is not None
            sentence = sentence_around(text, min(sp.start, a.cue.start), max(sp.end, a.cue.end))
            w.writerow([doc_id, sp.start, sp.end, sp.text, a.cue.text, sentence, ""])
    print(f"{len(sample)} of {len(pool)} anonymous speakers written to {out}")


def score(labelled: Path) -> None:
    rows = []
    with labelled.open(encoding="utf-8", newline="") as f:
        for n, row in enumerate(csv.DictReader(f, delimiter="\t"), 2):
            label = (row.get("label") or "").strip()
            if label not in ("0", "1"):
                raise SystemExit(f"{labelled}:{n}: label must be 0 or 1, not {label!r}")
            rows.append({"tp": float(label == "1"), "n": 1.0})
    if not rows:
        raise SystemExit(f"{labelled}: no labelled rows")

    def precision(total: Mapping[str, float]) -> dict[str, float]:
        return {"precision": total["tp"] / total["n"] if total["n"] else 0.0}

    est = bootstrap(rows, precision)["precision"]
    right = int(sum(r["tp"] for r in rows))
    print(
        f"anonymous precision {est.value:.3f} [{est.low:.3f}, {est.high:.3f}] "
        f"({right} of {len(rows)} labelled rows; 95% bootstrap over rows)"
    )


def share(corpus: Path) -> None:
    types: Counter[str] = Counter()
    for _, _, analysis in analysed(corpus):
        for a in analysis.attributions:
            types[a.speaker_type or "unknown"] += 1
    total = sum(types.values())
    print(f"anonymous share {types['anonymous'] / total:.3f} of {total} attributions")
    for t, c in types.most_common():
        print(f"  {t:<12} {c:>7} {c / total:.3f}")


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    sub = ap.add_subparsers(dest="command", required=True)
    d = sub.add_parser("draw", help="write a sample of anonymous speakers to label")
    d.add_argument("corpus", type=Path)
    d.add_argument("out", type=Path)
    d.add_argument("--n", type=int, default=100)
    d.add_argument("--seed", type=int, default=20261201)
    s = sub.add_parser("score", help="precision of a labelled sample")
    s.add_argument("labelled", type=Path)
    h = sub.add_parser("share", help="the anonymous share and the speaker types")
    h.add_argument("corpus", type=Path)
    args = ap.parse_args(argv)
    if args.command == "draw":
        repo = Path(__file__).resolve().parent.parent
        if args.out.resolve().is_relative_to(repo):
            sys.exit("write the sample outside the repository: it holds article text")
        draw(args.corpus, args.out, args.n, args.seed)
    elif args.command == "score":
        score(args.labelled)
    else:
        share(args.corpus)


if __name__ == "__main__":
    main()
