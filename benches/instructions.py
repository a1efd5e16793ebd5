"""Instructions per analysis, counted by valgrind's callgrind: a figure that does not move with the
machine's load, for comparing two builds of framelens.

    python benches/instructions.py CORPUS.jsonl [--docs 300]

It runs Python under callgrind twice, once loading framelens and the corpus and analysing five
documents (start-up), once also analysing ``--docs`` documents on one thread, and prints the
difference: the instructions of the analysis alone. Needs valgrind (Debian: apt-get install
valgrind).
"""

from __future__ import annotations

import argparse
import itertools
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

CHILD = """
import json, sys
import framelens as fl
docs = []
with open(sys.argv[1], encoding="utf-8") as f:
    for line in f:
        if len(docs) >= int(sys.argv[2]):
            break
        docs.append(json.loads(line)["text"])
fl.analyze_batch(docs[:5], threads=1)
if sys.argv[3] == "all":
    fl.analyze_batch(docs, threads=1)
"""


def instructions(corpus: str, docs: int, what: str) -> int:
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "callgrind.out"
        run = subprocess.run(
            ["valgrind", "--tool=callgrind", f"--callgrind-out-file={out}"]
            + [sys.executable, "-c", CHILD, corpus, str(docs), what],
            capture_output=True,
            text=True,
            check=True,
        )
    found = re.search(r"Collected : (\d+)", run.stderr)
    if found is None:
        raise SystemExit(f"no instruction count in valgrind's output:\n{run.stderr[-2000:]}")
    return int(found.group(1))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus", help="a JSON Lines corpus with a text field")
    parser.add_argument("--docs", type=int, default=300, help="documents to analyse")
    args = parser.parse_args()
    if shutil.which("valgrind") is None:
        raise SystemExit("needs valgrind (Debian: apt-get install valgrind)")
    with open(args.corpus, encoding="utf-8") as f:
        n = sum(1 for _ in itertools.islice(f, args.docs))
    start = instructions(args.corpus, args.docs, "start")
    total = instructions(args.corpus, args.docs, "all")
    print(f"start-up: {start / 1e6:.1f}M instructions")
    print(f"analysis of {n} documents, one thread: {(total - start) / 1e6:.1f}M instructions")


if __name__ == "__main__":
    main()
