"""Fit a framelens model to BABE, PTC and BASIL and score it against the lexicon alone.

    python benches/fit_recipe.py DATA_DIR [--folds 5] [--inner-folds 3] [--c 0.1,0.2,0.5,1]
        [--fit-on together|each] [--digits 3] [--save-model model.tsv]

DATA_DIR holds ``babe/dev.jsonl``, ``ptc/dev.jsonl`` and ``basil/dev.jsonl`` (the development
halves; nothing is copied into the repository). Five-fold cross-validation grouped by unit
(BABE sentence, PTC article, BASIL triplet), with the folds ``python -m framelens.evaluate``
uses: for each fold one model is fitted on the other folds of all three corpora together
(``fl.fit``, its threshold chosen by inner grouped cross-validation; with ``--fit-on each``, one
model per corpus on that corpus's other folds, as a coder fits to their own annotations) and
scored on the held-out fold by the corpora's own rules (``framelens.evaluate.lexical``), the
model's tokens standing in for the lexicon's loaded markers. Figures are pooled over held-out
folds with 95% bootstrap intervals over units; the difference from the lexicon alone is paired
(same resamples).

Weights fitted here derive from BABE (AGPL) and PTC (terms not stated): keep them out of the
package; ``--save-model`` writes the model fitted on all units for your own use.
"""

from __future__ import annotations

import argparse
import re
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import framelens as fl
from framelens.evaluate.base import Doc, Rules, Unit
from framelens.evaluate.lexical import Babe, Basil, Ptc
from framelens.evaluate.stats import assign_folds, paired_bootstrap

WORD = re.compile(r"[\w][\w'’-]*")

FIGURES = {
    "babe": ["word_precision", "word_recall", "word_f1", "sentence_accuracy"],
    "ptc": ["precision", "recall", "f1"],
    "basil": ["author_lex_recall", "author_precision_proxy", "author_f1_proxy"],
}


@dataclass(frozen=True)
class ModelMarker:
    """What the corpus scorers read of a marker, for a token the model marks."""

    start: int
    end: int
    text: str
    weight: float
    voice: str
    category: str = "loaded"
    entry: str = "model"
    negated: bool = False


def training_gold(corpus: str, unit: Unit) -> list[list[tuple[int, int]]]:
    """Gold spans per document of a unit, for fitting."""
    if corpus == "babe":
        (text,) = unit.docs
        biased = frozenset().union(*unit.gold)
        return [[(m.start(), m.end()) for m in WORD.finditer(str(text)) if m[0].lower() in biased]]
    if corpus == "ptc":
        return [list(unit.gold[0])]
    return [[span for span, sp in located if sp["bias"] == "lex"] for located in unit.gold]


def model_docs(model: fl.Model, texts: list[str], analyzer: Any) -> list[Doc]:
    rows = analyzer.token_features(texts, word_lists=sorted(model.word_lists.items()))
    out = []
    for text, tokens in zip(texts, rows, strict=True):
        marks = []
        words = 0
        quoted = 0
        for s, e, feats in tokens:
            words += 1
            inq = "inq" in feats
            quoted += inq
            p = model.probability(feats)
            if p >= model.threshold:
                marks.append(ModelMarker(s, e, text[s:e], p, "quoted" if inq else "author"))
        out.append(Doc(tuple(marks), (), words, words - quoted))  # type: ignore[arg-type]
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("data_dir", type=Path)
    ap.add_argument("--folds", type=int, default=5)
    ap.add_argument("--inner-folds", type=int, default=3)
    ap.add_argument(
        "--c",
        type=lambda v: [float(x) for x in v.split(",")],
        default=list(fl.model.C_GRID),
        help="inverse L2 strengths the inner folds choose from (comma-separated)",
    )
    ap.add_argument(
        "--fit-on",
        choices=["together", "each"],
        default="together",
        help="fit one model on the training folds of all three corpora (together), or one per "
        "corpus on its own training folds, as a coder fits to their own annotations (each)",
    )
    ap.add_argument("--digits", type=int, default=3, help="decimals of the figures printed")
    ap.add_argument("--seed", type=int, default=20240917)
    ap.add_argument("--save-model", type=Path)
    args = ap.parse_args()

    corpora = {"babe": Babe(), "ptc": Ptc(), "basil": Basil()}
    units = {name: c.load(args.data_dir) for name, c in corpora.items()}
    folds = {
        name: assign_folds([u.id for u in us], args.folds, args.seed, salt=name)
        for name, us in units.items()
    }
    analyzer = fl.default_analyzer()
    lexicon_docs = {}
    for name, us in units.items():
        analyses = analyzer.analyze_batch([d for u in us for d in u.docs])
        it = iter(analyses)
        lexicon_docs[name] = [tuple(Doc.of(next(it)) for _ in u.docs) for u in us]

    held: dict[str, list[tuple[Doc, ...] | None]] = {n: [None] * len(us) for n, us in units.items()}
    fit_seconds = []
    for k in range(args.folds):
        parts = [list(units)] if args.fit_on == "together" else [[name] for name in units]
        for part in parts:
            texts: list[str] = []
            gold: list[list[tuple[int, int]]] = []
            groups: list[str] = []
            for name in part:
                for u in units[name]:
                    if folds[name][u.id] == k:
                        continue
                    texts += [str(d) for d in u.docs]
                    gold += training_gold(name, u)
                    groups += [f"{name}:{u.id}"] * len(u.docs)
            t0 = time.perf_counter()
            model = fl.fit(texts, gold, groups=groups, folds=args.inner_folds, c=args.c, seed=k)
            fit_seconds.append(time.perf_counter() - t0)
            for name in part:
                us = units[name]
                idx = [i for i, u in enumerate(us) if folds[name][u.id] == k]
                docs = model_docs(model, [str(d) for i in idx for d in us[i].docs], analyzer)
                it = iter(docs)
                for i in idx:
                    held[name][i] = tuple(next(it) for _ in us[i].docs)
            print(
                f"fold {k} ({'+'.join(part)}): fitted on {len(texts)} texts in "
                f"{fit_seconds[-1]:.1f} s, c {model.info['c']}, threshold {model.threshold:.3f}, "
                f"cv token F1 {model.info['cv_token_f1']}",
                flush=True,
            )

    print(
        f"\n{args.folds}-fold grouped CV on the development halves; 95% bootstrap intervals "
        f"over units (1,000 resamples); model - lexicon paired\n"
    )
    print(f"{'corpus':6} {'figure':24} {'lexicon':>22} {'model':>22} {'model - lexicon':>24}")
    for name, us in units.items():
        corpus = corpora[name]
        rules = Rules()
        lex = [corpus.score(u, d, rules) for u, d in zip(us, lexicon_docs[name], strict=True)]
        mod = [corpus.score(u, d, rules) for u, d in zip(us, held[name], strict=True) if d]
        (e_lex, e_mod), (diff,) = paired_bootstrap([lex, mod], corpus.figures, seed=args.seed)
        for f in FIGURES[name]:
            a, b, d = e_lex[f], e_mod[f], diff[f]
            n = args.digits
            print(
                f"{name:6} {f:24} {a.value:.{n}f} [{a.low:.{n}f}, {a.high:.{n}f}] "
                f"{b.value:.{n}f} [{b.low:.{n}f}, {b.high:.{n}f}] "
                f"{d.value:+.{n}f} [{d.low:+.{n}f}, {d.high:+.{n}f}]"
            )
    print(f"\nfit time per fold: {', '.join(f'{s:.1f}' for s in fit_seconds)} s")

    if args.save_model:
        texts, gold, groups = [], [], []
        for name, us in units.items():
            for u in us:
                texts += [str(d) for d in u.docs]
                gold += training_gold(name, u)
                groups += [f"{name}:{u.id}"] * len(u.docs)
        t0 = time.perf_counter()
        model = fl.fit(texts, gold, groups=groups, folds=args.folds, c=args.c)
        print(
            f"fit on all {len(texts)} texts ({args.folds} folds): {time.perf_counter() - t0:.1f} s"
        )
        model.save(args.save_model)
        print(model.report(15))


if __name__ == "__main__":
    main()
