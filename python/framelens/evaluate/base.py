"""What every corpus evaluation shares: units, the analysed documents they are scored on, the
decision rules a fitting procedure may choose, and a cache of analyses per lexicon."""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any, Protocol

from .. import Analysis, Analyzer, Attribution, Marker
from .stats import Stats

#: A document as ``Analyzer.analyze_batch`` takes it.
DocInput = str | dict[str, Any]


def read_jsonl(path: Path) -> list[dict[str, Any]]:
    """The rows of a JSON Lines file (blank lines skipped)."""
    with path.open(encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


@dataclass(frozen=True, eq=False)
class Unit:
    """What folds group and the bootstrap resamples: a BABE sentence, a PTC article, a BASIL
    triplet (its two or three articles), a PolNeAR article, a FrAC sentence, a narrative
    article. ``docs`` are analysed; ``rows`` are the corpus lines, gold included; ``gold`` is
    what a corpus prepares from them once (located spans, word sets), if anything."""

    corpus: str
    id: str
    docs: tuple[DocInput, ...]
    rows: tuple[dict[str, Any], ...]
    gold: tuple[Any, ...] = ()


@dataclass(frozen=True)
class Doc:
    """The parts of an :class:`~framelens.Analysis` the scorers read, taken out of the native
    object once so each scorer (and each simulated pruning) reads plain tuples."""

    markers: tuple[Marker, ...]
    attributions: tuple[Attribution, ...]
    words: int
    author_words: int

    @classmethod
    def of(cls, a: Analysis) -> Doc:
        return cls(tuple(a.markers), tuple(a.attributions), a.profile.words, a.profile.author_words)

    @cached_property
    def _loaded(self) -> tuple[Marker, ...]:
        return tuple(
            m for m in self.markers if m.category in ("loaded", "scare_quote") and not m.negated
        )

    def loaded(self, voice: str | None = None, scare_quotes: bool = False) -> list[Marker]:
        """Loaded markers outside negation, of one voice or of any; with ``scare_quotes`` the
        scare quotes too, for corpora whose annotators count them as the author's framing
        (BASIL marks quoted words the writer distances as lexical bias)."""
        return [
            m
            for m in self._loaded
            if (voice is None or m.voice == voice) and (scare_quotes or m.category == "loaded")
        ]

    def without(self, entries: frozenset[str]) -> Doc:
        """This document as if the loaded entries ``entries`` were not in the lexicon: their
        markers are dropped. (Reanalysing with the smaller lexicon can differ where a dropped
        multiword term had hidden a shorter one; inner cross-validation uses this cheaper
        view, the held-out scores a real reanalysis.)"""
        if not entries:
            return self
        kept = tuple(m for m in self.markers if not (m.category == "loaded" and m.entry in entries))
        return Doc(kept, self.attributions, self.words, self.author_words)


@dataclass(frozen=True)
class Rules:
    """Decision thresholds a fitting procedure chose, by key (``babe.sentence``,
    ``narrative.conflict``). A key that is absent means the unfitted default rule: "at least
    one marker"."""

    thresholds: Mapping[str, float] = field(default_factory=dict)

    def only(self, corpus: str) -> Rules:
        """The thresholds of one corpus's decisions (keys ``<corpus>.<decision>``), so scores
        under procedures that differ only elsewhere are the same and can be reused."""
        prefix = corpus + "."
        return Rules({k: v for k, v in self.thresholds.items() if k.startswith(prefix)})

    def decide(self, key: str, score: float) -> bool:
        theta = self.thresholds.get(key)
        return score > 0 if theta is None else score >= theta


@dataclass(frozen=True)
class Decision:
    """One yes/no decision a threshold rule makes on a unit: its key, the score compared with
    the threshold, and the gold answer."""

    key: str
    score: float
    gold: bool
    #: What the threshold maximises on training units: ``accuracy`` or ``f1`` (of "yes").
    measure: str = "accuracy"


@dataclass(frozen=True)
class MarkerJudgement:
    """A loaded marker found in a training unit, and whether it meets gold by its corpus's rule
    (a BABE biased word, an overlapping PTC or BASIL span)."""

    entry: str
    correct: bool


class Corpus(Protocol):
    """One annotated corpus: how to read it into units, score a unit, and turn summed counts
    into figures."""

    #: Folder under the data directory (``babe``) and the unit it groups by (``sentence``).
    name: str
    unit: str

    def load(self, data_dir: Path) -> list[Unit]:
        """The units of ``DATA_DIR/<name>/dev.jsonl`` (empty if the file is missing)."""
        ...

    def score(self, unit: Unit, docs: Sequence[Doc], rules: Rules) -> Stats:
        """The unit's counts under the given decision rules."""
        ...

    def figures(self, total: Stats) -> dict[str, float]:
        """Figures from counts summed over units."""
        ...

    def whole_figures(self) -> list[str]:
        """The figures ``--whole`` prints, in order (what the command printed before folds)."""
        ...

    def decisions(self, unit: Unit, docs: Sequence[Doc]) -> Iterable[Decision]:
        """Threshold decisions on the unit, for procedures that fit thresholds (may be none)."""
        ...

    def judge_markers(self, unit: Unit, docs: Sequence[Doc]) -> Iterable[MarkerJudgement]:
        """Loaded markers of the unit judged against gold, for procedures that prune (may be
        none)."""
        ...

    def objective(self, figures: Mapping[str, float]) -> float | None:
        """The figure pruning maximises on this corpus (None: pruning ignores the corpus)."""
        ...


class AnalysisCache:
    """Analyses of units, by lexicon key and unit: each unit is analysed once per distinct
    lexicon, and only the units asked for (a fold's held-out units, say)."""

    def __init__(self, threads: int | None = None) -> None:
        self._docs: dict[tuple[str, str, str], tuple[Doc, ...]] = {}
        self.threads = threads
        self.documents_analysed = 0

    def docs(self, analyzer: Analyzer, key: str, units: Sequence[Unit]) -> list[tuple[Doc, ...]]:
        """The analysed documents of each unit, in order, analysing the ones not cached in one
        batch."""
        missing = list(
            {(u.corpus, u.id): u for u in units if (key, u.corpus, u.id) not in self._docs}.values()
        )
        if missing:
            inputs = [d for u in missing for d in u.docs]
            analyses = analyzer.analyze_batch(inputs, threads=self.threads)
            self.documents_analysed += len(inputs)
            it = iter(analyses)
            for u in missing:
                self._docs[(key, u.corpus, u.id)] = tuple(Doc.of(next(it)) for _ in u.docs)
        return [self._docs[(key, u.corpus, u.id)] for u in units]
