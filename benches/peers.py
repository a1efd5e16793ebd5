"""framelens against its peers, in one process and one run, on the same corpus.

    python benches/peers.py CORPUS.jsonl [--docs N] [--repeat R]

CORPUS.jsonl has a ``text`` field per line (the ABP format). Prints MB/s and the ratio to
framelens on one thread for: framelens full analysis from Python (1 thread, all threads), the
same analysis timed inside the Rust core (no Python conversion), framelens markers only, a bare
Rust aho-corasick pass with the same surface terms (the floor any matcher pays), VADER,
TextBlob, and flashtext and pyahocorasick with the same terms and a word-boundary filter. Every
system gets the best of at least R runs (default 3), and of as many more as fit in 2 seconds
(fast systems vary most between single runs). framelens runs once more before its timed runs:
a threaded batch's results are freed by its pool after Python lets go of them, so each timed
run also pays for freeing the batch before it. Then the issue's targets, as ratios from this
run.
Peers that are not installed are skipped with a note (pip install vaderSentiment textblob
flashtext pyahocorasick).
"""

from __future__ import annotations

import argparse
import json
import os
import re
import time
from collections.abc import Callable

import framelens as fl

MIN_SECONDS = 2.0


def best_time(run_once: Callable[[], float], repeat: int) -> float:
    """The best of the times ``run_once()`` returns: at least ``repeat`` runs, and more until
    MIN_SECONDS have passed (at most 100)."""
    times: list[float] = []
    while len(times) < repeat or (sum(times) < MIN_SECONDS and len(times) < 100):
        times.append(run_once())
    return min(times)


def timed(fn: Callable[[], object], repeat: int) -> float:
    """The best wall-clock time of ``fn()`` (see ``best_time``)."""

    def once() -> float:
        start = time.perf_counter()
        fn()
        return time.perf_counter() - start

    return best_time(once, repeat)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus")
    parser.add_argument("--docs", type=int, default=2000)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    with open(args.corpus, encoding="utf-8") as f:
        texts = [json.loads(line)["text"] for _, line in zip(range(args.docs), f, strict=False)]
    mb = sum(len(t.encode("utf-8")) for t in texts) / 1e6
    an = fl.Analyzer()
    terms = fl.Lexicon.default().terms()
    an.analyze_batch(texts[:50], threads=1)  # warm up
    results: list[tuple[str, float]] = []

    def run(name: str, fn: Callable[[], object], warm_up: bool = False) -> None:
        if warm_up:
            fn()
        results.append((name, mb / timed(fn, args.repeat)))

    cores = os.cpu_count() or 1
    run("framelens full, 1 thread", lambda: an.analyze_batch(texts, threads=1), True)
    run(
        f"framelens full, {cores} threads",
        lambda: an.analyze_batch(texts, threads=cores),
        True,
    )
    core = best_time(lambda: an._core_seconds(texts, threads=1), args.repeat)
    results.append(("framelens full, Rust core alone, 1 thread", mb / core))
    run("framelens markers only, 1 thread", lambda: an._markers_only(texts, threads=1), True)
    run("bare aho-corasick pass (Rust)", lambda: fl._framelens._ac_floor(texts, terms))
    notes = []
    try:
        from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

        vader = SentimentIntensityAnalyzer()
        run("VADER", lambda: [vader.polarity_scores(t) for t in texts])
    except ImportError:
        notes.append("VADER not installed (pip install vaderSentiment)")
    try:
        from textblob import TextBlob

        run("TextBlob", lambda: [TextBlob(t).sentiment for t in texts])
    except ImportError:
        notes.append("TextBlob not installed (pip install textblob)")
    try:
        from flashtext import KeywordProcessor

        kp = KeywordProcessor()
        kp.add_keywords_from_list([t for t in terms if t.strip()])
        run("flashtext", lambda: [kp.extract_keywords(t) for t in texts])
    except ImportError:
        notes.append("flashtext not installed (pip install flashtext)")
    try:
        import ahocorasick

        auto = ahocorasick.Automaton()
        for t in terms:
            auto.add_word(t, t)
        auto.make_automaton()
        word = re.compile(r"\w")

        def scan(text: str) -> int:
            low = text.lower()
            n = 0
            for end, term in auto.iter(low):
                start = end - len(term) + 1
                before = low[start - 1] if start > 0 else " "
                after = low[end + 1] if end + 1 < len(low) else " "
                n += not word.match(before) and not word.match(after)
            return n

        run("pyahocorasick + word boundaries", lambda: [scan(t) for t in texts])
    except ImportError:
        notes.append("pyahocorasick not installed (pip install pyahocorasick)")
    base = results[0][1]
    rate = dict(results)
    print(
        f"{len(texts)} documents, {mb:.1f} MB, {len(terms)} surface terms, "
        f"best of >= {args.repeat} runs"
    )
    print(f"{'':42} {'MB/s':>8}  {'framelens 1 thread is':>22}")
    for name, r in results:
        print(f"{name:42} {r:8.2f}  {base / r:20.2f}x")
    for n in notes:
        print("note:", n)
    print()
    print("targets (issue 8)")
    checks = [
        ("1 thread vs VADER", "VADER", 100.0),
        ("1 thread vs pyahocorasick + boundaries", "pyahocorasick + word boundaries", 1.5),
        ("1 thread vs the bare aho-corasick floor", "bare aho-corasick pass (Rust)", 0.25),
    ]
    for label, peer, target in checks:
        if peer in rate:
            ratio = base / rate[peer]
            verdict = "met" if ratio >= target else "NOT met"
            print(f"  {label:46} {ratio:8.2f}x  (target {target}x: {verdict})")
    ratios = [
        (f"{cores} threads vs 1 thread", rate[f"framelens full, {cores} threads"] / base, 1.8),
        (
            "Python analyze_batch vs the Rust core",
            base / rate["framelens full, Rust core alone, 1 thread"],
            0.85,
        ),
    ]
    for label, ratio, target in ratios:
        verdict = "met" if ratio >= target else "NOT met"
        print(f"  {label:46} {ratio:8.2f}x  (target {target}x: {verdict})")


if __name__ == "__main__":
    main()
