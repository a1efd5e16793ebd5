"""Fitting procedures: what an evaluation may choose from training units before it scores the
held-out ones.

A procedure's :meth:`~Procedure.fit` sees only a :class:`TrainingSet` (the training units of each
corpus, and analyses of them under any lexicon) and returns a :class:`Fitted`: the analyzer to
score held-out units with, the decision thresholds it chose, and notes on what it chose. The
cross-validation and leave-one-corpus-out drivers call it once per fold and never show it a
held-out unit.

- ``none``: the default lexicon as it is, the default rules ("at least one marker").
- ``threshold``: the default lexicon; each yes/no decision a corpus makes (BABE "biased", each
  narrative frame) becomes "score >= threshold", the threshold chosen on training units to
  maximise the decision's measure (accuracy for BABE, F1 for the frames); FrAC's label
  multipliers (one per frame label, scaling its cue weight before the primary frame is taken)
  are fitted on training units to maximise macro-F1.
- ``prune``: drops loaded entries whose precision on the training units is below a threshold; the
  threshold (and the fewest uses an entry needs before it can be judged) is chosen from a small
  grid by inner cross-validation over the training units. Entries never seen in training are kept.
- ``prune+threshold``: ``prune``, then ``threshold`` on the pruned lexicon's analyses.
- ``heads``: ``prune`` restricted to the head entries (those with ``head_of``: a word of a
  multiword entry counted on its own): the training units decide which head words frame on
  their own; every other entry is kept.
"""

from __future__ import annotations

import hashlib
import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Protocol

from .. import Analyzer, Lexicon
from .base import AnalysisCache, Corpus, Decision, Doc, Rules, Unit
from .stats import DEFAULT_SEED, Stats, add, assign_folds

BASE_KEY = "default"


@dataclass
class TrainingSet:
    """The training units of each corpus, and their analyses through a shared cache."""

    units: Mapping[str, Sequence[Unit]]
    corpora: Mapping[str, Corpus]
    cache: AnalysisCache
    base: Analyzer

    def docs(
        self, corpus: str, analyzer: Analyzer | None = None, key: str = BASE_KEY
    ) -> list[tuple[Doc, ...]]:
        """The analysed documents of the corpus's training units (base analyzer by default)."""
        return self.cache.docs(analyzer or self.base, key, self.units[corpus])


@dataclass(frozen=True)
class Fitted:
    """What a procedure chose: the analyzer (and its cache key), the decision thresholds, and
    notes for the report."""

    analyzer: Analyzer
    key: str
    rules: Rules = field(default_factory=Rules)
    notes: dict[str, Any] = field(default_factory=dict)


class Procedure(Protocol):
    """A way to choose an analyzer and decision rules from training units."""

    name: str

    def fit(self, train: TrainingSet) -> Fitted:
        """Choose from the training units only."""
        ...


class NoFit:
    """The default lexicon and rules, unchanged."""

    name = "none"

    def fit(self, train: TrainingSet) -> Fitted:
        return Fitted(train.base, BASE_KEY)


# ----------------------------------------------------------------------------------- thresholds


def choose_threshold(decisions: Sequence[Decision]) -> float:
    """The threshold on ``score`` (predict yes when ``score >= threshold``) that maximises the
    decisions' measure. Candidates lie halfway between consecutive distinct scores, plus one
    below the lowest (always yes) and one above the highest (never); of equally good ones the
    lowest wins."""
    if not decisions:
        return math.inf
    measure = decisions[0].measure
    scores = sorted({d.score for d in decisions})
    candidates = [scores[0] - 1.0]
    candidates += [(a + b) / 2 for a, b in zip(scores, scores[1:], strict=False)]
    candidates.append(math.inf)
    ordered = sorted(decisions, key=lambda d: d.score, reverse=True)
    positives = sum(d.gold for d in decisions)
    negatives = len(decisions) - positives
    best, best_value = math.inf, -1.0
    # Sweep thresholds from high to low, admitting decisions as the threshold passes them.
    i = tp = fp = 0
    results = []
    for theta in reversed(candidates):
        while i < len(ordered) and ordered[i].score >= theta:
            tp += ordered[i].gold
            fp += not ordered[i].gold
            i += 1
        if measure == "f1":
            value = 2 * tp / (2 * tp + fp + (positives - tp)) if positives + fp else 0.0
        else:
            value = (tp + negatives - fp) / len(decisions)
        results.append((theta, value))
    for theta, value in sorted(results):
        if value > best_value + 1e-12:
            best, best_value = theta, value
    return best


def fit_thresholds(
    train: TrainingSet, analyzer: Analyzer | None = None, key: str = BASE_KEY
) -> dict[str, float]:
    """A threshold per decision key, chosen on the training units' analyses."""
    by_key: dict[str, list[Decision]] = {}
    fitted: dict[str, float] = {}
    for name, units in train.units.items():
        corpus = train.corpora[name]
        docs = train.docs(name, analyzer, key)
        for unit, unit_docs in zip(units, docs, strict=True):
            for d in corpus.decisions(unit, unit_docs):
                by_key.setdefault(d.key, []).append(d)
        # A corpus may fit rules of its own kind (FrAC: a weight multiplier per frame label).
        fit_rules = getattr(corpus, "fit_rules", None)
        if fit_rules is not None and units:
            fitted.update(fit_rules(units, docs))
    out = {k: choose_threshold(v) for k, v in sorted(by_key.items())}
    out.update(fitted)
    return out


class Threshold:
    """The default lexicon, with decision thresholds fitted on training units."""

    name = "threshold"

    def fit(self, train: TrainingSet) -> Fitted:
        thresholds = fit_thresholds(train)
        return Fitted(train.base, BASE_KEY, Rules(thresholds), {"thresholds": thresholds})


# ---------------------------------------------------------------------------------------- prune


@dataclass(frozen=True)
class PruneRule:
    """Drop an entry used at least ``min_uses`` times whose precision is below ``precision``."""

    precision: float
    min_uses: int

    def dropped(self, counts: Mapping[str, tuple[int, int]]) -> frozenset[str]:
        """The entries this rule drops, from ``{entry: (uses, correct uses)}``."""
        return frozenset(
            e for e, (n, ok) in counts.items() if n >= self.min_uses and ok < self.precision * n
        )


#: The grid inner cross-validation chooses from: precision thresholds by tenths up to 0.5, with
#: three or one uses needed, in order of how much they drop (threshold 0 drops nothing: the
#: unpruned lexicon is a candidate, and wins ties).
PRUNE_GRID = (PruneRule(0.0, 1),) + tuple(
    PruneRule(p, n) for p in (0.1, 0.2, 0.3, 0.4, 0.5) for n in (3, 1)
)


def entry_counts(judged: Iterable[Iterable[tuple[str, bool]]]) -> dict[str, tuple[int, int]]:
    """``{entry: (uses, correct uses)}`` over units' judged markers."""
    uses: dict[str, int] = {}
    correct: dict[str, int] = {}
    for unit in judged:
        for entry, ok in unit:
            uses[entry] = uses.get(entry, 0) + 1
            correct[entry] = correct.get(entry, 0) + ok
    return {e: (n, correct[e]) for e, n in uses.items()}


def lexicon_key(dropped: Iterable[str]) -> str:
    """A cache key for the default lexicon without the given entries."""
    ids = sorted(dropped)
    if not ids:
        return BASE_KEY
    digest = hashlib.sha256("\n".join(ids).encode()).hexdigest()[:16]
    return f"without:{len(ids)}:{digest}"


class Prune:
    """Prune loaded entries by their precision on training units; the rule is chosen by inner
    cross-validation, judged on the mean of the pruned corpora's objectives (BABE word F1, PTC
    span F1, BASIL author-voice F1 of recall and the precision proxy).

    Inner folds score a training unit as if the dropped entries' markers were absent
    (:meth:`Doc.without`), which saves reanalysing per candidate; the chosen lexicon is then
    really built (``Lexicon.without``) and held-out units are analysed with it."""

    def __init__(
        self,
        grid: Sequence[PruneRule] = PRUNE_GRID,
        inner_folds: int = 5,
        seed: int = DEFAULT_SEED,
        thresholds: bool = False,
        heads_only: bool = False,
    ) -> None:
        self.grid = tuple(grid)
        self.inner_folds = inner_folds
        self.seed = seed
        self.thresholds = thresholds
        self.heads_only = heads_only
        self.name = "heads" if heads_only else "prune+threshold" if thresholds else "prune"

    def counts(
        self, train: TrainingSet, judged: Iterable[Iterable[tuple[str, bool]]]
    ) -> dict[str, tuple[int, int]]:
        """:func:`entry_counts` of the entries this procedure may drop (with ``heads_only``,
        the head entries of the base lexicon; else every entry)."""
        counts = entry_counts(judged)
        if not self.heads_only:
            return counts
        heads = {e["id"] for e in train.base.lexicon.entries() if e.get("head_of")}
        return {e: c for e, c in counts.items() if e in heads}

    def fit(self, train: TrainingSet) -> Fitted:
        judged: dict[str, list[list[tuple[str, bool]]]] = {}
        docs: dict[str, list[tuple[Doc, ...]]] = {}
        for name, units in train.units.items():
            corpus = train.corpora[name]
            if not units or corpus.objective(corpus.figures({})) is None:
                continue
            docs[name] = train.docs(name)
            judged[name] = [
                [(j.entry, j.correct) for j in corpus.judge_markers(u, d)]
                for u, d in zip(units, docs[name], strict=True)
            ]
        rule, inner = self.choose(train, judged, docs)
        dropped = rule.dropped(self.counts(train, (j for units in judged.values() for j in units)))
        analyzer, key = train.base, BASE_KEY
        if dropped:
            lexicon: Lexicon = train.base.lexicon.without(sorted(dropped))
            analyzer, key = Analyzer(lexicon, train.base.registry), lexicon_key(dropped)
        notes: dict[str, Any] = {
            "min_precision": rule.precision,
            "min_uses": rule.min_uses,
            "dropped": len(dropped),
            "inner_objective": inner,
            "pruned_on": sorted(judged),
        }
        rules = Rules()
        if self.thresholds:
            thresholds = fit_thresholds(train, analyzer, key)
            rules = Rules(thresholds)
            notes["thresholds"] = thresholds
        return Fitted(analyzer, key, rules, notes)

    def choose(
        self,
        train: TrainingSet,
        judged: Mapping[str, Sequence[Sequence[tuple[str, bool]]]],
        docs: Mapping[str, Sequence[tuple[Doc, ...]]],
    ) -> tuple[PruneRule, float]:
        """The grid rule with the best mean objective over inner folds of the training units
        (ties: the earlier rule in the grid, which drops less)."""
        if not judged:
            return PruneRule(0.0, 1), 0.0
        folds = {
            name: assign_folds(
                [u.id for u in train.units[name]], self.inner_folds, self.seed, f"inner:{name}"
            )
            for name in judged
        }
        stats: dict[PruneRule, dict[str, list[Stats]]] = {
            r: {name: [] for name in judged} for r in self.grid
        }
        for k in range(self.inner_folds):
            # Entry precision from the inner-training units of every pruned corpus together.
            counts = self.counts(
                train,
                (
                    j
                    for name in judged
                    for u, j in zip(train.units[name], judged[name], strict=True)
                    if folds[name][u.id] != k
                ),
            )
            dropped = {r: r.dropped(counts) for r in self.grid}
            for name in judged:
                corpus = train.corpora[name]
                held = [
                    (u, d)
                    for u, d in zip(train.units[name], docs[name], strict=True)
                    if folds[name][u.id] == k
                ]
                for r in self.grid:
                    stats[r][name] += [
                        corpus.score(u, [doc.without(dropped[r]) for doc in d], Rules())
                        for u, d in held
                    ]
        best, best_value = self.grid[0], -1.0
        for r in self.grid:
            values = []
            for name, unit_stats in stats[r].items():
                corpus = train.corpora[name]
                value = corpus.objective(corpus.figures(add(unit_stats)))
                values.append(value or 0.0)
            mean = sum(values) / len(values)
            if mean > best_value + 1e-12:
                best, best_value = r, mean
        return best, best_value
