"""Tables against the analysis: what building the Arrow and pandas tables costs, 1 thread.

    python benches/tables.py CORPUS.jsonl [--docs 1000] [--repeat 5]

CORPUS.jsonl has a ``text`` field per line (the ABP format). The analysis time is the Rust core
alone (``_core_seconds``, in a build with the bench feature: ``pip install .
--config-settings=build-args="--features bench"``); without it, ``analyze_batch`` (which also
makes one Python object per result), and the output says so. Prints, each the best of
``--repeat`` runs:

- ``fl.to_arrow(analyses, level)`` for markers, documents and attributions (built in Rust and
  imported by pyarrow), and their sum, as a ratio to the analysis time (target: at most 0.2);
- ``fl.analyze_table(texts, level, output="arrow")`` end to end, as the core's time over its
  time (its share of the core's throughput; target: at least 0.9);
- ``fl.to_pandas(analyses, level)`` (pandas through Arrow), as a ratio to the analysis time
  (target: at most 0.4).
"""

from __future__ import annotations

import argparse
import json
import time
from collections.abc import Callable

import framelens as fl
from framelens import _framelens as native

LEVELS = ("markers", "documents", "attributions")


def best(fn: Callable[[], object], repeat: int) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return min(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus")
    parser.add_argument("--docs", type=int, default=1000)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    with open(args.corpus, encoding="utf-8") as f:
        texts = [json.loads(line)["text"] for _, line in zip(range(args.docs), f, strict=False)]
    mb = sum(len(t.encode("utf-8")) for t in texts) / 1e6
    an = fl.Analyzer()
    an.analyze_batch(texts[:50], threads=1)  # warm up
    if hasattr(native, "_core_seconds"):
        what = "Rust core alone"
        core = min(native._core_seconds(an, texts, threads=1) for _ in range(args.repeat))
    else:
        what = "analyze_batch: no bench feature in this build, so not the core alone"
        core = best(lambda: an.analyze_batch(texts, threads=1), args.repeat)
    analyses = an.analyze_batch(texts, threads=1)
    print(f"{len(texts):,} documents, {mb:.2f} MB, 1 thread")
    print(f"analysis ({what}): {core * 1e3:.1f} ms ({mb / core:.1f} MB/s)")
    print()
    total = 0.0
    for level in LEVELS:
        t = best(lambda level=level: fl.to_arrow(analyses, level), args.repeat)
        total += t
        rows = fl.to_arrow(analyses, level).num_rows
        print(f"Arrow {level:<12} {rows:>7,} rows {t * 1e3:7.1f} ms  {t / core:.3f}x analysis")
    print(f"Arrow markers+documents+attributions    {total * 1e3:7.1f} ms  {total / core:.3f}x")
    print()
    for level in LEVELS:
        t = best(
            lambda level=level: fl.analyze_table(texts, level, output="arrow", threads=1),
            args.repeat,
        )
        print(
            f"analyze_table {level:<12} (arrow) {t * 1e3:7.1f} ms  "
            f"{core / t:.3f}x the analysis throughput"
        )
    t = best(lambda: fl.analyze_table(texts, "markers", output="pandas", threads=1), args.repeat)
    print(f"analyze_table markers      (pandas) {t * 1e3:7.1f} ms  {core / t:.3f}x")
    print()
    for level in LEVELS:
        t = best(lambda level=level: fl.to_pandas(analyses, level), args.repeat)
        print(f"pandas through Arrow {level:<12} {t * 1e3:7.1f} ms  {t / core:.3f}x analysis")


if __name__ == "__main__":
    main()
