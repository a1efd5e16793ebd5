"""Folds and intervals: which held-out fold a unit falls in, and percentile bootstrap intervals
over units.

Every figure the evaluation prints is a function of counts summed over units (sentences,
articles, triplets), so a unit's contribution is a small dict of counts (:data:`Stats`), the
figure over a set of units is ``figures(sum of their stats)``, and a bootstrap resample is a
multiset of units. That keeps the pooled value and its interval consistent with each other.
"""

from __future__ import annotations

import hashlib
import random
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from operator import mul

#: A unit's counts: named sums such as ``tp``, ``n_pred``, ``n_gold``.
Stats = Mapping[str, float]
#: Turns summed counts into named figures (precision, F1, accuracy, ...).
Figures = Callable[[Stats], Mapping[str, float]]

DEFAULT_SEED = 20240917
DEFAULT_RESAMPLES = 1000


def fold_of(unit_id: str, k: int, seed: int = DEFAULT_SEED, salt: str = "") -> int:
    """The fold (0..k-1) of a unit: a seeded hash of its id, so every unit of a group (a BASIL
    triplet, a PTC article) lands in one fold, whatever the order or the other units."""
    if k < 2:
        raise ValueError(f"folds must be at least 2, not {k}")
    digest = hashlib.sha256(f"{seed}\x00{salt}\x00{unit_id}".encode()).digest()
    return int.from_bytes(digest[:8], "big") % k


def assign_folds(
    unit_ids: Iterable[str], k: int, seed: int = DEFAULT_SEED, salt: str = ""
) -> dict[str, int]:
    """``{unit_id: fold}`` for every id (repeated ids share their fold)."""
    return {u: fold_of(u, k, seed, salt) for u in unit_ids}


def add(stats: Iterable[Stats]) -> dict[str, float]:
    """The sum of many units' counts."""
    total: dict[str, float] = {}
    for s in stats:
        for key, value in s.items():
            total[key] = total.get(key, 0.0) + value
    return total


def percentile(sorted_values: Sequence[float], q: float) -> float:
    """The q-quantile (0..1) of sorted values, interpolating linearly between order statistics
    (numpy's default rule)."""
    if not sorted_values:
        return float("nan")
    pos = q * (len(sorted_values) - 1)
    lo = int(pos)
    hi = min(lo + 1, len(sorted_values) - 1)
    return sorted_values[lo] + (sorted_values[hi] - sorted_values[lo]) * (pos - lo)


@dataclass(frozen=True)
class Estimate:
    """A figure pooled over units, with its percentile bootstrap interval."""

    value: float
    low: float
    high: float

    def to_dict(self) -> dict[str, float]:
        return {"value": self.value, "low": self.low, "high": self.high}


def bootstrap(
    units: Sequence[Stats],
    figures: Figures,
    resamples: int = DEFAULT_RESAMPLES,
    seed: int = DEFAULT_SEED,
    level: float = 0.95,
) -> dict[str, Estimate]:
    """Each figure over all units, with a ``level`` percentile bootstrap interval: ``resamples``
    times, draw as many units as there are, with replacement, and recompute the figure from the
    summed counts."""
    return paired_bootstrap([units], figures, resamples, seed, level)[0][0]


def paired_bootstrap(
    systems: Sequence[Sequence[Stats]],
    figures: Figures,
    resamples: int = DEFAULT_RESAMPLES,
    seed: int = DEFAULT_SEED,
    level: float = 0.95,
) -> tuple[list[dict[str, Estimate]], list[dict[str, Estimate]]]:
    """:func:`bootstrap` for several systems scored on the same units (``systems[s][i]`` is
    system ``s`` on unit ``i``), all resampled with the same draws; and for every system after the
    first, its difference from the first (``system - first``) with the interval of the paired
    differences.

    The draws depend only on the seed and the number of units, so systems evaluated in separate
    calls on the same units are resampled alike too."""
    n = len(systems[0]) if systems else 0
    if any(len(units) != n for units in systems):
        raise ValueError("paired systems must be scored on the same units")
    points = [figures(add(units)) for units in systems]
    # Each system's counts as one column per key, so a resample's totals are dot products of
    # the draw counts with the columns. A system whose columns equal an earlier one's (a
    # procedure that changed nothing for this corpus) reuses that system's figures.
    columns: list[dict[str, list[float]]] = []
    same_as: list[int] = []
    for units in systems:
        keys = sorted({k for u in units for k in u})
        col = {k: [float(u.get(k, 0.0)) for u in units] for k in keys}
        same_as.append(next((j for j, c in enumerate(columns) if c == col), len(columns)))
        columns.append(col)
    draws: list[dict[str, list[float]]] = [{k: [] for k in p} for p in points]
    diffs: list[dict[str, list[float]]] = [{k: [] for k in p if k in points[0]} for p in points[1:]]
    rng = random.Random(seed)
    for _ in range(resamples if n else 0):
        counts = [0] * n
        for i in rng.choices(range(n), k=n):
            counts[i] += 1
        values_of: list[Mapping[str, float]] = []
        for s, col in enumerate(columns):
            if same_as[s] < s:
                values = values_of[same_as[s]]
            else:
                values = figures({k: sum(map(mul, counts, c)) for k, c in col.items()})
            values_of.append(values)
            for key, value in values.items():
                if key in draws[s]:
                    draws[s][key].append(value)
            if s == 0:
                continue
            for key, value in values.items():
                if key in diffs[s - 1] and key in values_of[0]:
                    diffs[s - 1][key].append(value - values_of[0][key])
    tail = (1.0 - level) / 2

    def estimate(value: float, values: list[float]) -> Estimate:
        if not values:
            return Estimate(value, value, value)
        values.sort()
        return Estimate(value, percentile(values, tail), percentile(values, 1.0 - tail))

    estimates = [{k: estimate(v, draws[s][k]) for k, v in p.items()} for s, p in enumerate(points)]
    differences = [
        {k: estimate(p[k] - points[0][k], d[k]) for k in d}
        for p, d in zip(points[1:], diffs, strict=True)
    ]
    return estimates, differences


def prf(tp: float, n_pred: float, n_gold: float) -> dict[str, float]:
    """Precision, recall and F1 from a true-positive count and the two totals (0 when empty)."""
    p = tp / n_pred if n_pred else 0.0
    r = tp / n_gold if n_gold else 0.0
    return {"precision": p, "recall": r, "f1": f1(p, r)}


def f1(p: float, r: float) -> float:
    """The harmonic mean of precision and recall (0 when both are 0)."""
    return 2 * p * r / (p + r) if p + r else 0.0


def ratio(num: float, den: float) -> float:
    """``num / den``, 0 for an empty denominator."""
    return num / den if den else 0.0
