"""Time of ``fl.compare`` with its defaults (intervals and between-group tests).

    python benches/compare.py [ABP_DIR_OR_JSONL] [--docs 3000]

On the example articles (one group per article: intervals over sentences) and, given the ABP
corpus, on its first ``--docs`` articles grouped by ``lean``. Prints the best of 3 runs; the
analysis is not timed.
"""

from __future__ import annotations

import argparse
import json
import time
from pathlib import Path

import framelens as fl

HERE = Path(__file__).resolve().parent.parent


def best_of(fn: object, runs: int = 3) -> float:
    times = []
    for _ in range(runs):
        t = time.perf_counter()
        fn()  # type: ignore[operator]
        times.append(time.perf_counter() - t)
    return min(times)


def corpus_path(path: str) -> Path:
    p = Path(path)
    return p / "dev.jsonl" if p.is_dir() else p


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("corpus", nargs="?", help="ABP folder or JSON Lines file (optional)")
    ap.add_argument("--docs", type=int, default=3000, help="ABP articles to compare")
    args = ap.parse_args()
    paths = sorted((HERE / "examples" / "articles").glob("*.txt"))
    docs = [fl.Document(p.read_text(encoding="utf-8"), doc_id=p.stem) for p in paths]
    analyses = fl.analyze_batch(docs)
    secs = best_of(lambda: fl.compare(analyses))
    print(f"examples: {len(analyses)} articles, one group each: {secs * 1000:.1f} ms")
    if args.corpus:
        rows = []
        with open(corpus_path(args.corpus), encoding="utf-8") as f:
            for line in f:
                rows.append(json.loads(line))
                if len(rows) == args.docs:
                    break
        abp = fl.analyze_batch([r["text"] for r in rows])
        labels = [str(r["lean"]) for r in rows]
        secs = best_of(lambda: fl.compare(abp, by=labels))
        print(f"ABP: {len(abp)} articles in {len(set(labels))} groups by lean: {secs:.2f} s")


if __name__ == "__main__":
    main()
