"""The three ways to run an evaluation: on the whole development half (fitted figures, no
intervals), by K-fold cross-validation grouped by unit, and leave one corpus out.

Cross-validation: every unit falls in one of K folds by a seeded hash of its id
(:func:`~framelens.evaluate.stats.fold_of`). For each fold, each procedure fits on the other folds
of every corpus together and scores that fold's units; each figure is then computed once from the
counts pooled over all held-out units, with a percentile bootstrap interval over units. All
procedures are resampled with the same draws, so their differences get paired intervals.

Leave one corpus out: for each of BABE, PTC and BASIL, each procedure fits on the other two and
scores every unit of the third.
"""

from __future__ import annotations

import sys
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from .. import Analyzer, Lexicon
from .abp import eval_abp
from .base import AnalysisCache, Corpus, Unit, read_jsonl
from .frames import Frac, Narrative, generic_frame_source
from .languages import language_corpora, pack_of
from .lexical import Babe, Basil, Ptc
from .polnear import Polnear
from .procedures import BASE_KEY, Fitted, NoFit, Procedure, Prune, Threshold, TrainingSet
from .stats import DEFAULT_RESAMPLES, DEFAULT_SEED, Stats, add, assign_folds, paired_bootstrap

#: Corpora scored against gold, in the order they are reported.
SCORED = (
    "babe",
    "ptc",
    "basil",
    "polnear",
    "frac",
    "narrative",
    "ar_armpro",
    "ru_semeval23",
    "ru_unlp",
)
#: Corpora whose units a lexicon procedure can learn loaded language from, and that leave one
#: corpus out rotates through.
LOADED_CORPORA = ("babe", "ptc", "basil")
#: Everything ``--whole`` knows, in the order it prints.
WHOLE = (
    "babe",
    "ptc",
    "basil",
    "polnear",
    "abp",
    "frac",
    "narrative",
    "ar_armpro",
    "ru_semeval23",
    "ru_unlp",
)
#: The published word lists have no attribution or frames; ``--whole`` runs them on these only.
LEXICON_ONLY = {"babe", "ptc", "basil"}

PROCEDURES = ("none", "prune", "threshold", "prune+threshold", "heads")


def make_corpora(base: Analyzer) -> dict[str, Corpus]:
    return {
        "babe": Babe(),
        "ptc": Ptc(),
        "basil": Basil(),
        "polnear": Polnear(),
        "frac": Frac(),
        "narrative": Narrative(generic_frame_source(base.lexicon)),
        **language_corpora(),
    }


def pack_scoring(corpus: Corpus) -> Fitted | None:
    """For a corpus read in another language (:mod:`.languages`): its pack's analyzer with
    nothing fitted, which is all it is scored with; None for the English corpora."""
    code = pack_of(corpus)
    return Fitted(Analyzer(languages=[code]), f"pack:{code}") if code else None


def make_procedure(name: str, seed: int = DEFAULT_SEED) -> Procedure:
    if name == "none":
        return NoFit()
    if name == "threshold":
        return Threshold()
    if name == "prune":
        return Prune(seed=seed)
    if name == "prune+threshold":
        return Prune(seed=seed, thresholds=True)
    if name == "heads":
        return Prune(seed=seed, heads_only=True)
    raise ValueError(f"unknown procedure {name!r}; known: {', '.join(PROCEDURES)}")


def load_units(
    data_dir: Path, corpora: Mapping[str, Corpus], names: Sequence[str]
) -> dict[str, list[Unit]]:
    """The units of each named corpus, leaving out (with a note) those with no file."""
    out = {}
    for name in names:
        units = corpora[name].load(data_dir)
        if not units:
            print(
                f"note: {data_dir / name / 'dev.jsonl'} not found; {name} skipped", file=sys.stderr
            )
            continue
        out[name] = units
    return out


# --------------------------------------------------------------------------------------- whole


def systems(
    data_dir: Path, baselines: bool, framelens: Analyzer | None = None
) -> dict[str, Analyzer]:
    """framelens (``framelens``, else the default analyzer), and (with ``baselines``) the
    published word lists found under ``DATA_DIR/lexicons``, each through the same engine."""
    out = {"framelens": framelens or Analyzer()}
    if not baselines:
        return out
    lex = data_dir / "lexicons"
    lists = {
        "mpqa_strong": (lex / "subjclueslen1-HLTEMNLP05.tff", "mpqa"),
        "spinde2021": (lex / "bias_word_lexicon_spinde2021.txt", "list"),
        "recasens2013": (lex / "bias-lexicon_recasens2013_654.txt", "list"),
    }
    for name, (path, kind) in lists.items():
        if not path.exists():
            print(f"note: {path} not found; baseline {name} skipped", file=sys.stderr)
            continue
        lexicon = (
            Lexicon.from_mpqa(path, strength="strong")
            if kind == "mpqa"
            else Lexicon.from_wordlist(path)
        )
        out[name] = Analyzer(lexicon)
    return out


def run(
    data_dir: Path,
    corpora: Sequence[str],
    baselines: bool = True,
    cache: AnalysisCache | None = None,
    framelens: Analyzer | None = None,
) -> dict[str, dict[str, dict[str, float]]]:
    """``--whole``: every unit of each corpus, with the default lexicon (or ``framelens``)
    and rules, and the baselines, nothing held out. ``{corpus: {system: {figure: value}}}``."""
    cache = cache or AnalysisCache()
    analyzers = systems(data_dir, baselines, framelens)
    known = make_corpora(analyzers["framelens"])
    results: dict[str, dict[str, dict[str, float]]] = {}
    for name in corpora:
        if name == "abp":
            path = data_dir / "abp" / "dev.jsonl"
            if not path.exists():
                print(f"note: {path} not found; abp skipped", file=sys.stderr)
                continue
            results["abp"] = {"framelens": eval_abp(read_jsonl(path), analyzers["framelens"])}
            continue
        units = load_units(data_dir, known, [name]).get(name)
        if not units:
            continue
        corpus = known[name]
        results[name] = {}
        pack = pack_scoring(corpus)
        if pack is not None:
            docs = cache.docs(pack.analyzer, pack.key, units)
            total = add(corpus.score(u, d, pack.rules) for u, d in zip(units, docs, strict=True))
            figures = corpus.figures(total)
            results[name]["framelens"] = {f: figures[f] for f in corpus.whole_figures()}
            continue
        for system, analyzer in analyzers.items():
            if name not in LEXICON_ONLY and system != "framelens":
                continue
            key = BASE_KEY if system == "framelens" else system
            docs = cache.docs(analyzer, key, units)
            fitted = Fitted(analyzer, key)
            total = add(corpus.score(u, d, fitted.rules) for u, d in zip(units, docs, strict=True))
            figures = corpus.figures(total)
            results[name][system] = {f: figures[f] for f in corpus.whole_figures() if f in figures}
    return results


# ---------------------------------------------------------------------------------- summaries


def summarise(
    corpus: Corpus,
    units: Sequence[Unit],
    stats: Mapping[str, Mapping[str, Stats]],
    resamples: int,
    seed: int,
    level: float,
) -> dict[str, Any]:
    """The JSON-able report of one corpus: figures per procedure with intervals, differences
    from the first procedure, and the confusion table where there is one."""
    names = list(stats)
    columns = [[stats[p][u.id] for u in units] for p in names]
    estimates, differences = paired_bootstrap(
        columns, corpus.figures, resamples=resamples, seed=seed, level=level
    )
    out: dict[str, Any] = {
        "unit": corpus.unit,
        "units": len(units),
        "figures": {
            p: {k: e.to_dict() for k, e in est.items()}
            for p, est in zip(names, estimates, strict=True)
        },
        "differences": {
            p: {k: e.to_dict() for k, e in diff.items()}
            for p, diff in zip(names[1:], differences, strict=True)
        },
    }
    if isinstance(corpus, Frac):
        out["confusion"] = {
            p: corpus.confusion(add(col)) for p, col in zip(names, columns, strict=True)
        }
    if isinstance(corpus, Narrative):
        out["notes"] = {"generic_frame_source": corpus.source}
    return out


class Scores:
    """Unit scores by lexicon, unit and the corpus's own thresholds: a procedure that changes
    neither for a corpus (pruning loaded entries, for PolNeAR) reuses the scores of the one
    before."""

    def __init__(self, cache: AnalysisCache) -> None:
        self.cache = cache
        self._scores: dict[tuple[str, str, str, tuple[tuple[str, float], ...]], Stats] = {}

    def of(self, corpus: Corpus, units: Sequence[Unit], fitted: Fitted) -> dict[str, Stats]:
        """``{unit id: counts}`` of the units under the fitted analyzer and rules."""
        rules = fitted.rules.only(corpus.name)
        rules_key = tuple(sorted(rules.thresholds.items()))

        def key(u: Unit) -> tuple[str, str, str, tuple[tuple[str, float], ...]]:
            return (fitted.key, corpus.name, u.id, rules_key)

        missing = [u for u in units if key(u) not in self._scores]
        if missing:
            docs = self.cache.docs(fitted.analyzer, fitted.key, missing)
            for u, d in zip(missing, docs, strict=True):
                self._scores[key(u)] = corpus.score(u, d, rules)
        return {u.id: self._scores[key(u)] for u in units}


# ---------------------------------------------------------------------------- cross-validation


def cross_validate(
    corpora: Mapping[str, Corpus],
    units: Mapping[str, Sequence[Unit]],
    procedures: Sequence[Procedure],
    k: int,
    cache: AnalysisCache,
    base: Analyzer,
    seed: int = DEFAULT_SEED,
    resamples: int = DEFAULT_RESAMPLES,
    level: float = 0.95,
) -> dict[str, Any]:
    """K-fold cross-validation of each procedure on every corpus: ``{"corpora": {corpus:
    report}, "fits": {procedure: [what it chose in each fold]}}``."""
    folds = {
        name: assign_folds([u.id for u in us], k, seed, salt=name) for name, us in units.items()
    }
    stats: dict[str, dict[str, dict[str, Stats]]] = {name: {} for name in units}
    fits: dict[str, list[dict[str, Any]]] = {}
    scores = Scores(cache)
    # Corpora in another language are scored with their pack and nothing fitted, and are no
    # training material for the English lexicon.
    packs = {name: pack_scoring(corpora[name]) for name in units}
    english = {n: us for n, us in units.items() if packs[n] is None}
    for name, pack in packs.items():
        if pack is not None:
            stats[name]["none"] = scores.of(corpora[name], units[name], pack)
    for procedure in procedures:
        if not english:
            break
        for fold in range(k):
            train = TrainingSet(
                {n: [u for u in us if folds[n][u.id] != fold] for n, us in english.items()},
                corpora,
                cache,
                base,
            )
            fitted = procedure.fit(train)
            if fitted.notes:
                fits.setdefault(procedure.name, []).append({"fold": fold, **fitted.notes})
            for name, us in english.items():
                held_out = [u for u in us if folds[name][u.id] == fold]
                scored = scores.of(corpora[name], held_out, fitted)
                stats[name].setdefault(procedure.name, {}).update(scored)
    return {
        "corpora": {
            name: summarise(corpora[name], units[name], stats[name], resamples, seed, level)
            for name in units
        },
        "fits": fits,
    }


def leave_one_corpus_out(
    corpora: Mapping[str, Corpus],
    units: Mapping[str, Sequence[Unit]],
    procedures: Sequence[Procedure],
    cache: AnalysisCache,
    base: Analyzer,
    seed: int = DEFAULT_SEED,
    resamples: int = DEFAULT_RESAMPLES,
    level: float = 0.95,
) -> dict[str, Any]:
    """For each loaded-language corpus present, fit on the others and score it:
    ``{held-out corpus: report}`` (with ``train``, the corpora fitted on)."""
    present = [n for n in LOADED_CORPORA if units.get(n)]
    out = {}
    scores = Scores(cache)
    for test in present:
        train_names = [n for n in present if n != test]
        if not train_names:
            continue
        train = TrainingSet({n: units[n] for n in train_names}, corpora, cache, base)
        stats: dict[str, dict[str, Stats]] = {}
        fits: dict[str, list[dict[str, Any]]] = {}
        for procedure in procedures:
            fitted = procedure.fit(train)
            stats[procedure.name] = scores.of(corpora[test], units[test], fitted)
            if fitted.notes:
                fits[procedure.name] = [dict(fitted.notes)]
        report = summarise(corpora[test], units[test], stats, resamples, seed, level)
        out[test] = {"train": train_names, **report, "fits": fits}
    return out
