"""Frames against gold: FrAC sentence primary frames (Guida et al. 2025) and the generic frames of
the narrative corpus (Frermann et al. 2023).

FrAC: each sentence is analysed alone; its predicted frame comes from :func:`sentence_frame`, the
engine's sentence rule (``Analysis.sentence_frames``: the frame whose cues have the highest summed
weight; ties: more cues, then the earlier first cue) over FrAC's labels: policy-frame
subcategories map to them by :data:`FRAC_SUBCATEGORY` (FrAC merges crime into legality and
political into policy, and the merged frames' weights add up); frames outside its scheme
(capacity, quality of life, external) are left out, as the engine's ``among`` does. ``none``
(no cue) counts as an error. Under the ``threshold`` procedure each label's weight is first
multiplied by a factor fitted on the training folds (:func:`fit_scales`, maximising macro-F1).
Figures: accuracy, macro-F1 over the gold frames, per-frame F1 (``f1_<frame>``), the confusion
table (``confusion`` in the JSON output and a table in the text output), and the
majority-class baseline (the most frequent gold frame of the units scored, which a reader could
only know from the gold; shown as a reference point, not as a system).

Narrative: each article may carry any of five generic frames. :func:`generic_frame_scores` gives
a score per frame (summed marker weight per 1,000 words), from the engine's ``generic_frame``
markers when the lexicon has that category (subcategories ``conflict``, ``human_interest``,
``economic_consequences``, ``morality``, ``resolution``), and otherwise from policy-frame markers
mapped by :data:`POLICY_TO_GENERIC`, a correspondence of the two codebooks' definitions chosen
before looking at the corpus. The conflict frame has no policy-frame counterpart, so it is "not
available" (None) until the engine has generic frames. A frame is predicted when its score is above
0 (at least one cue), or under a fitted rule when it reaches the threshold fitted on training
units. Figures: per-frame precision/recall/F1 and the mean F1 over the frames available, with the
"always yes" baseline (F1 of predicting every frame for every article) beside it.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any

from .. import Lexicon
from .base import Decision, Doc, MarkerJudgement, Rules, Unit
from .lexical import load_rows
from .stats import Stats, f1, prf, ratio

# ---------------------------------------------------------------------------------------- FrAC

#: FrAC's labels: the framelens frame ids of its Media Frames Corpus codes.
FRAC_LABELS = (
    "economic",
    "morality",
    "fairness",
    "legality",
    "policy",
    "security",
    "health",
    "cultural",
    "public_opinion",
    "other",
)
#: framelens policy-frame subcategory -> FrAC label. FrAC merges crime into legality and
#: political into policy; capacity, quality of life and external relations are not in its
#: scheme, so their cues cannot decide a FrAC sentence.
FRAC_SUBCATEGORY = {
    "economic": "economic",
    "morality": "morality",
    "fairness_and_equality": "fairness",
    "legality": "legality",
    "crime_and_punishment": "legality",
    "policy_prescription": "policy",
    "political": "policy",
    "security_and_defense": "security",
    "health_and_safety": "health",
    "cultural_identity": "cultural",
    "public_opinion": "public_opinion",
    "other": "other",
}
NONE = "none"
#: The multipliers :meth:`Frac.fit_rules` tries for each label's weight, and how many passes of
#: coordinate ascent it makes over the labels.
SCALE_GRID = (0.5, 0.7, 0.85, 1.0, 1.2, 1.4, 2.0)
SCALE_PASSES = 2


def label_weights(doc: Doc) -> tuple[dict[str, float], dict[str, int], dict[str, int]]:
    """Summed cue weight, cue count and first cue start per FrAC label, from the sentence's
    policy-frame markers (merged frames sum)."""
    weight: dict[str, float] = {}
    count: dict[str, int] = {}
    first: dict[str, int] = {}
    for m in doc.markers:
        label = FRAC_SUBCATEGORY.get(m.subcategory or "") if m.category == "frame" else None
        if label is None:
            continue
        weight[label] = weight.get(label, 0.0) + m.weight
        count[label] = count.get(label, 0) + 1
        first.setdefault(label, m.start)
    return weight, count, first


def primary(
    weights: tuple[dict[str, float], dict[str, int], dict[str, int]],
    scales: Mapping[str, float] | None = None,
) -> str:
    """The label with the highest (scaled) weight, by the engine's rule (ties: more cues, then
    the earlier first cue), or ``none`` without a cue."""
    weight, count, first = weights
    if not weight:
        return NONE
    scale = scales or {}
    return max(weight, key=lambda f: (weight[f] * scale.get(f, 1.0), count[f], -first[f]))


def sentence_frame(doc: Doc, scales: Mapping[str, float] | None = None) -> str:
    """The sentence's primary frame in FrAC's scheme (a FrAC label, or ``none``): the rule of
    ``Analysis.sentence_frames`` over FrAC's labels, with merged frames summed and each label's
    weight times its fitted multiplier (1 unless a procedure fitted ``frac.scale.<label>``)."""
    return primary(label_weights(doc), scales)


def macro_f1(pairs: Sequence[tuple[str, str]], labels: Iterable[str]) -> float:
    """Macro-F1 over ``labels`` of (gold, predicted) pairs."""
    f1s = []
    for label in labels:
        tp = sum(g == p == label for g, p in pairs)
        pred = sum(p == label for _, p in pairs)
        gold = sum(g == label for g, _ in pairs)
        f1s.append(2 * tp / (pred + gold) if pred + gold else 0.0)
    return sum(f1s) / len(f1s) if f1s else 0.0


def fit_scales(
    gold: Sequence[str],
    weights: Sequence[tuple[dict[str, float], dict[str, int], dict[str, int]]],
    grid: Sequence[float] = SCALE_GRID,
    passes: int = SCALE_PASSES,
) -> dict[str, float]:
    """A weight multiplier per label that maximises macro-F1 on the given (training) units, by
    coordinate ascent from all ones over ``grid``; of equally good values the one nearest 1
    wins, so a label with nothing to gain keeps 1."""
    labels = sorted(set(gold))
    scales = dict.fromkeys(labels, 1.0)

    def value(s: Mapping[str, float]) -> float:
        return macro_f1([(g, primary(w, s)) for g, w in zip(gold, weights, strict=True)], labels)

    best = value(scales)
    for _ in range(passes):
        for label in labels:
            for x in sorted(grid, key=lambda v: abs(v - 1.0)):
                trial = {**scales, label: x}
                v = value(trial)
                if v > best + 1e-12:
                    best, scales = v, trial
    return scales


class Frac:
    """FrAC gold sentences: one unit per sentence."""

    name = "frac"
    unit = "sentence"

    def load(self, data_dir: Path) -> list[Unit]:
        return [
            Unit(self.name, str(r["id"]), (r["text"],), (r,))
            for r in load_rows(data_dir, self.name)
        ]

    def score(self, unit: Unit, docs: Sequence[Doc], rules: Rules) -> Stats:
        gold = unit.rows[0]["frame"]
        pred = sentence_frame(docs[0], self.scales(rules))
        return {
            "sentences": 1.0,
            "correct": float(gold == pred),
            f"gold:{gold}": 1.0,
            f"pred:{pred}": 1.0,
            f"cm:{gold}|{pred}": 1.0,
        }

    def figures(self, total: Stats) -> dict[str, float]:
        labels = sorted(k[5:] for k, v in total.items() if k.startswith("gold:") and v)
        n = total.get("sentences", 0.0)
        out = {"accuracy": ratio(total.get("correct", 0.0), n)}
        per_frame = {}
        for label in labels:
            tp = total.get(f"cm:{label}|{label}", 0.0)
            per_frame[label] = prf(tp, total.get(f"pred:{label}", 0.0), total[f"gold:{label}"])
        out["macro_f1"] = ratio(sum(v["f1"] for v in per_frame.values()), len(per_frame))
        majority = max((total[f"gold:{label}"] for label in labels), default=0.0)
        out["majority_accuracy"] = ratio(majority, n)
        # The majority class predicted for all: F1 2p/(1+p) for it, 0 for the others.
        share = ratio(majority, n)
        out["majority_macro_f1"] = ratio(2 * share / (1 + share), len(labels))
        out["no_frame_share"] = ratio(total.get(f"pred:{NONE}", 0.0), n)
        for label in FRAC_LABELS:
            if label in per_frame:
                out[f"f1_{label}"] = per_frame[label]["f1"]
        return out

    def whole_figures(self) -> list[str]:
        return ["accuracy", "macro_f1", "majority_accuracy", "majority_macro_f1"]

    @staticmethod
    def scales(rules: Rules) -> dict[str, float]:
        """The fitted label multipliers in ``rules`` (keys ``frac.scale.<label>``)."""
        prefix = "frac.scale."
        return {k[len(prefix) :]: v for k, v in rules.thresholds.items() if k.startswith(prefix)}

    def fit_rules(self, units: Sequence[Unit], docs: Sequence[Sequence[Doc]]) -> dict[str, float]:
        """Label multipliers fitted on training units (see :func:`fit_scales`), as rule keys."""
        gold = [u.rows[0]["frame"] for u in units]
        scales = fit_scales(gold, [label_weights(d[0]) for d in docs])
        return {f"frac.scale.{label}": x for label, x in scales.items()}

    @staticmethod
    def confusion(total: Stats) -> dict[str, dict[str, int]]:
        """``{gold: {predicted: count}}`` from summed counts."""
        out: dict[str, dict[str, int]] = {}
        for key, value in total.items():
            if key.startswith("cm:") and value:
                gold, pred = key[3:].split("|", 1)
                out.setdefault(gold, {})[pred] = int(value)
        return out

    def decisions(self, unit: Unit, docs: Sequence[Doc]) -> Iterable[Decision]:
        return ()

    def judge_markers(self, unit: Unit, docs: Sequence[Doc]) -> Iterable[MarkerJudgement]:
        return ()

    def objective(self, figures: Mapping[str, float]) -> float | None:
        return None


# ----------------------------------------------------------------------------------- narrative

#: The corpus's five generic frames.
GENERIC_FRAMES = ("conflict", "economic", "human_interest", "moral", "resolution")
#: The engine's ``generic_frame`` subcategories -> the corpus's frame names.
GENERIC_SUBCATEGORY = {
    "conflict": "conflict",
    "economic_consequences": "economic",
    "human_interest": "human_interest",
    "morality": "moral",
    "resolution": "resolution",
}
#: Policy-frame subcategory -> generic frame, from the codebook definitions: economic costs and
#: benefits are the economic-consequences frame; morality is the moral frame; policy
#: prescription (what should be done) is resolution; quality of life (effects on people's daily
#: lives) is the nearest to human interest. No policy frame means conflict between sides.
POLICY_TO_GENERIC = {
    "economic": "economic",
    "morality": "moral",
    "policy_prescription": "resolution",
    "quality_of_life": "human_interest",
}


def generic_frame_source(lexicon: Lexicon) -> str:
    """``generic_frame`` when the lexicon has generic-frame cues, else ``policy_frame_map``."""
    has_generic = any(e["category"] == "generic_frame" for e in lexicon.entries())
    return "generic_frame" if has_generic else "policy_frame_map"


def generic_frame_scores(doc: Doc, source: str) -> dict[str, float | None]:
    """Summed cue weight per 1,000 words for each generic frame; None for a frame the source
    cannot see."""
    if source == "generic_frame":
        scores: dict[str, float | None] = dict.fromkeys(GENERIC_FRAMES, 0.0)
        for m in doc.markers:
            frame = GENERIC_SUBCATEGORY.get(m.subcategory or "")
            if m.category == "generic_frame" and frame and not m.negated:
                scores[frame] = (scores[frame] or 0.0) + m.weight
    else:
        available = set(POLICY_TO_GENERIC.values())
        scores = {f: (0.0 if f in available else None) for f in GENERIC_FRAMES}
        for m in doc.markers:
            frame = POLICY_TO_GENERIC.get(m.subcategory or "")
            if m.category == "frame" and frame:
                scores[frame] = (scores[frame] or 0.0) + m.weight
    per = 1000 / (doc.words or 1)
    return {f: None if s is None else s * per for f, s in scores.items()}


class Narrative:
    """Narrative framing of climate-change news: one unit per article."""

    name = "narrative"
    unit = "article"

    def __init__(self, source: str = "policy_frame_map") -> None:
        self.source = source

    def load(self, data_dir: Path) -> list[Unit]:
        return [
            Unit(self.name, str(r["id"]), (self.document(r),), (r,))
            for r in load_rows(data_dir, self.name)
        ]

    @staticmethod
    def document(row: dict[str, Any]) -> dict[str, Any]:
        return {"text": row["text"], "outlet": row.get("outlet")}

    def score(self, unit: Unit, docs: Sequence[Doc], rules: Rules) -> Stats:
        gold = set(unit.rows[0]["frames"])
        out = {"articles": 1.0}
        for frame, score in generic_frame_scores(docs[0], self.source).items():
            is_gold = frame in gold
            out[f"{frame}_gold"] = float(is_gold)
            if score is None:
                continue
            out[f"{frame}_available"] = 1.0
            pred = rules.decide(f"narrative.{frame}", score)
            out[f"{frame}_pred"] = float(pred)
            out[f"{frame}_tp"] = float(pred and is_gold)
        return out

    def figures(self, total: Stats) -> dict[str, float]:
        """Per-frame figures for the frames the source can see (the others are left out, and
        print as not available), their mean F1, and the always-yes baseline."""
        g = total.get
        out: dict[str, float] = {}
        f1s = []
        baseline = []
        for frame in GENERIC_FRAMES:
            share = ratio(g(f"{frame}_gold", 0), g("articles", 0))
            always = f1(share, 1.0)
            out[f"{frame}_always_yes_f1"] = always
            if not g(f"{frame}_available", 0):
                continue
            figures = prf(g(f"{frame}_tp", 0), g(f"{frame}_pred", 0), g(f"{frame}_gold", 0))
            out.update({f"{frame}_{k}": v for k, v in figures.items()})
            f1s.append(figures["f1"])
            baseline.append(always)
        out["mean_f1_available"] = ratio(sum(f1s), len(f1s))
        out["mean_always_yes_f1_available"] = ratio(sum(baseline), len(baseline))
        return out

    def whole_figures(self) -> list[str]:
        return [f"{f}_f1" for f in GENERIC_FRAMES] + ["mean_f1_available"]

    def decisions(self, unit: Unit, docs: Sequence[Doc]) -> Iterable[Decision]:
        gold = set(unit.rows[0]["frames"])
        return [
            Decision(f"narrative.{frame}", score, frame in gold, "f1")
            for frame, score in generic_frame_scores(docs[0], self.source).items()
            if score is not None
        ]

    def judge_markers(self, unit: Unit, docs: Sequence[Doc]) -> Iterable[MarkerJudgement]:
        return ()

    def objective(self, figures: Mapping[str, float]) -> float | None:
        return None
