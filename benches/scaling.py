"""Time per megabyte from 1 KB to 50 MB in one document: the work must stay linear.

    python benches/scaling.py [CORPUS.jsonl]

Builds each size from the corpus texts (or a built-in article when no corpus is given) and
prints MB/s for each (the best of at least 3 runs, each of at least 2 MB of text: one run of a
large document varies most, with the memory it touches for the first time); flat figures mean
linear time.
"""

from __future__ import annotations

import json
import sys
import time

import framelens as fl

FALLBACK = (
    'GENEVA, March 3 (Northwire) - Officials reportedly met. "This is clearly the worst deal '
    'ever," said one official who asked not to be named. Critics baselessly accused the '
    "regime of hatching plots, and the so-called experts said sanctions could hurt trade.\n\n"
)


def main() -> None:
    if len(sys.argv) > 1:
        with open(sys.argv[1], encoding="utf-8") as f:
            base = "\n\n".join(
                json.loads(line)["text"] for _, line in zip(range(400), f, strict=False)
            )
    else:
        base = FALLBACK * 200
    an = fl.Analyzer()
    print(f"{'size':>10}  {'seconds':>8}  {'MB/s':>7}")
    for size in (1_000, 10_000, 100_000, 1_000_000, 10_000_000, 50_000_000):
        text = (base * (size // len(base) + 1))[:size]
        reps = max(1, 2_000_000 // size)
        runs = []
        for _ in range(3):
            start = time.perf_counter()
            for _ in range(reps):
                an.analyze(text)
            runs.append((time.perf_counter() - start) / reps)
        secs = min(runs)
        print(f"{size:>10}  {secs:>8.4f}  {size / 1e6 / secs:>7.1f}")


if __name__ == "__main__":
    main()
