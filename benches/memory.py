"""Memory: what a kept Analysis of a tiny document costs, and the peak memory of one document
per MB of its text on adversarial inputs.

    python benches/memory.py [--tiny N] [--mb 1,5]

1. N tiny documents ("Doc 17.", default 1,000,000) analysed in one ``analyze_batch`` call and
   kept in a list: the growth of the resident set per Analysis (the list slot, the Python
   object, the Rust result and the text copy), in a fresh process.
2. One document of each adversarial family below at each size, in a fresh process each: the
   peak resident set during ``analyze`` above the process's peak before it, per MB of text,
   the seconds per MB (work must stay linear: a quadratic step shows here as minutes), and the
   number of markers and attributions the document gives.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys

FAMILIES = {
    "plain words": "word ",
    "news prose": (
        "The council met on Tuesday to discuss the budget, and members said the plan would "
        "cut spending on roads while raising school funding. "
    ),
    "repeated 'according to'": "according to ",
    "reporting sentences": "He said the regime lied. ",
    "reporting run-on": "he said ",
    "short quotations": '"a" ',
    "loaded words": "baselessly regime thugs ",
    "unbalanced quotes": '"',
    "capitalized frame cues": "Health " * 9 + "was fine and it was good to see that it went well ",
    "one long word": "x",
}

TINY = """
import gc, sys, framelens as fl
n = int(sys.argv[1])
def rss():
    return int(open('/proc/self/statm').read().split()[1]) * 4096
fl.analyze("warm up.")
docs = [f"Doc {i}." for i in range(n)]
gc.collect()
before = rss()
kept = fl.analyze_batch(docs, threads=1)
gc.collect()
markers = sum(len(a.markers) for a in kept[:1000])
print(round((rss() - before) / n), sys.getsizeof(kept[0]) + 8, markers)
"""

ONE = """
import resource, sys, time, framelens as fl
unit, mb = sys.argv[1], float(sys.argv[2])
size = int(mb * 1_000_000)
text = (unit * (size // len(unit) + 1))[:size]
fl.analyze("warm up.")
before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
t = time.perf_counter()
a = fl.analyze(text)
seconds = time.perf_counter() - t
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
print((peak - before) / 1024, seconds, len(a.markers), len(a.attributions))
"""


def run(code: str, *args: str) -> str:
    done = subprocess.run(
        [sys.executable, "-c", code, *args], capture_output=True, text=True, check=True
    )
    return done.stdout.strip()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--tiny", type=int, default=1_000_000)
    parser.add_argument("--mb", default="1,5")
    args = parser.parse_args()
    if not sys.platform.startswith("linux"):
        raise SystemExit("reads /proc: Linux only")
    per, python_part, markers = (int(x) for x in run(TINY, str(args.tiny)).split())
    print(f"{args.tiny:,} tiny documents in one analyze_batch call: {per} bytes per Analysis kept")
    print(
        f"  of which {python_part} in Python (object and list slot), {per - python_part} in the "
        f"Rust result and its text copy; {markers} markers in the first 1,000 "
        f"(target: at most 1,024 bytes plus the markers)"
    )
    sizes = [float(x) for x in args.mb.split(",")]
    print()
    print(
        f"{'family':26}"
        + "".join(f"{f'{s:g} MB: MB/MB':>14}{'s/MB':>7}" for s in sizes)
        + "  markers, attributions"
    )
    report = {}
    for name, unit in FAMILIES.items():
        cells, times, found = [], [], ""
        for s in sizes:
            peak_mb, seconds, markers, atts = run(ONE, unit, str(s)).split()
            cells.append(float(peak_mb) / s)
            times.append(float(seconds) / s)
            found = f"{int(markers):,}, {int(atts):,}"
        report[name] = cells
        print(
            f"{name:26}"
            + "".join(f"{c:>14.1f}{t:>7.2f}" for c, t in zip(cells, times, strict=True))
            + f"  {found}"
        )
    worst = max(max(c) for c in report.values())
    print(f"\nworst: {worst:.1f} MB of peak memory per MB of text (target: 20)")
    print(json.dumps({"bytes_per_tiny_analysis": per, "peak_mb_per_mb": report}))


if __name__ == "__main__":
    main()
