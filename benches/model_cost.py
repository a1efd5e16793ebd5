"""What scoring with a model adds to the analysis time, on one thread.

    python benches/model_cost.py CORPUS.jsonl [--model MODEL.tsv] [--docs N] [--rounds R]

CORPUS.jsonl has a ``text`` field per line. Times ``analyze_batch`` on one thread without and
with the model (``fl.Analyzer(model=...)``), in interleaved rounds, and prints the best of
each and their ratio (the issue's target: at most 1.30). Without ``--model`` it makes a
stand-in: a weight on every feature the first 200 documents have (seeded, normal with mean
-0.5), an intercept of -2 and a threshold of 0.5. On 2,000 ABP articles the stand-in had 95,565
weights and marked 7.3 words per 1,000, a ratio of 1.35 (a model fitted by
``benches/fit_recipe.py --save-model``: 67,996 weights, 13.9 words per 1,000, 1.45); since the
ABP judgements removed 45 common loaded entries and 33 frame terms, whose markers were features,
the stand-in has 95,482 weights and marks 13.3 words per 1,000, and the ratio is 1.40 (the
analysis alone 34 MB/s here, with the model 24): more words marked, more model markers made.
Reading a marked token's top features from the scoring tables instead of writing out and
looking up every feature name took it from 1.420-1.429 to 1.368-1.384 (three runs each of
``--rounds 5``); the neighbour features of model format 2 (``m-1.cat=``, ``m+1.cat=``) brought
it back to 1.403-1.460, and looking up a sentence's words in a loop of their own to
1.387-1.416.
"""

from __future__ import annotations

import argparse
import json
import random
import time

import framelens as fl


def stand_in(texts: list[str]) -> fl.Model:
    rows = fl.Analyzer().token_features(texts[:200], threads=1)
    names = sorted({f for tokens in rows for _, _, fs in tokens for f in fs})
    rng = random.Random(7)
    return fl.Model({f: rng.gauss(-0.5, 1.0) for f in names}, -2.0, 0.5)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("corpus")
    ap.add_argument("--model")
    ap.add_argument("--docs", type=int, default=2000)
    ap.add_argument("--rounds", type=int, default=5)
    args = ap.parse_args()
    with open(args.corpus, encoding="utf-8") as f:
        texts = [json.loads(line)["text"] for _, line in zip(range(args.docs), f, strict=False)]
    mb = sum(len(t.encode("utf-8")) for t in texts) / 1e6
    model = fl.Model.load(args.model) if args.model else stand_in(texts)
    t0 = time.perf_counter()
    scored = fl.Analyzer(model=model)
    load = time.perf_counter() - t0
    plain = fl.Analyzer()
    runs: dict[str, list[float]] = {"without": [], "with": []}
    for _ in range(args.rounds):
        for name, an in (("without", plain), ("with", scored)):
            t = time.perf_counter()
            an.analyze_batch(texts, threads=1)
            runs[name].append(time.perf_counter() - t)
    out = scored.analyze_batch(texts, threads=1)
    words = sum(a.profile.words for a in out)
    marked = sum(1 for a in out for m in a.markers if m.entry == "model")
    a, b = min(runs["without"]), min(runs["with"])
    print(
        f"{len(texts)} documents, {mb:.1f} MB; model: {len(model.weights)} weights, "
        f"loaded in {load:.2f} s; it marks {1000 * marked / max(words, 1):.1f} words per 1,000"
    )
    print(f"without model: {mb / a:6.2f} MB/s  (best of {args.rounds})")
    print(f"with model:    {mb / b:6.2f} MB/s")
    print(
        f"ratio with/without: {b / a:.3f} (target <= 1.30: {'met' if b / a <= 1.3 else 'NOT met'})"
    )


if __name__ == "__main__":
    main()
