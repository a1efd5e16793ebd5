"""Evaluate framelens against annotated corpora as a reviewer would: cross-validated, with
intervals, procedures side by side.

    python -m framelens.evaluate DATA_DIR [--folds K] [--leave-one-corpus-out]
        [--procedures none,prune,threshold,prune+threshold,heads] [--corpora babe,ptc,...]
        [--format table|json]
    python -m framelens.evaluate DATA_DIR --whole [--no-baselines]

DATA_DIR holds the corpora as JSON Lines (``babe/dev.jsonl``, ``ptc/``, ``basil/``,
``polnear/``, ``frac/``, ``narrative/``, ``abp/``) and, for the ``--whole`` baselines, the
published word lists in ``lexicons/``.

Modes:

- default, ``--folds K`` (5): K-fold cross-validation grouped by unit (BABE sentence, PTC
  article, BASIL triplet, PolNeAR article, FrAC sentence, narrative article), folds by a seeded
  hash of the unit id. Each fitting procedure chooses on the training folds of all corpora
  together and is scored on the held-out fold; each figure is pooled over the held-out folds,
  with a 95% percentile bootstrap interval over units (1,000 resamples, seeded; every procedure
  resampled alike, so differences from the first procedure get paired intervals).
- ``--leave-one-corpus-out`` (added to the above): fit on two of BABE, PTC and BASIL, score the
  third, every way round.
- ``--whole``: every unit, the default lexicon and rules, and three published word lists through
  the same engine (MPQA strong-subjective clues, Spinde et al. 2021, Recasens et al. 2013): the
  fitted figures, with no intervals, and ABP outlet resolution and naming.

Procedures (``procedures.py``): ``none`` (the lexicon as it is), ``prune`` (drop loaded entries
with low precision on the training units, the cut chosen by inner cross-validation),
``threshold`` (decision thresholds fitted on training units), ``prune+threshold``, ``heads``
(``prune`` of the head entries only: which words of multiword entries count on their own).

Metrics and matching rules are described where they are computed: ``lexical.py`` (BABE, PTC,
BASIL), ``polnear.py`` (attribution: exact, overlap and token rules), ``frames.py`` (FrAC and
narrative frames), ``abp.py``.
"""

from __future__ import annotations

from .base import AnalysisCache, Corpus, Decision, Doc, MarkerJudgement, Rules, Unit, read_jsonl
from .cli import main
from .lexical import basil_text
from .procedures import Fitted, NoFit, Procedure, Prune, PruneRule, Threshold, TrainingSet
from .runner import cross_validate, leave_one_corpus_out, run
from .stats import Estimate, assign_folds, bootstrap, fold_of, paired_bootstrap

__all__ = [
    "AnalysisCache",
    "Corpus",
    "Decision",
    "Doc",
    "Estimate",
    "Fitted",
    "MarkerJudgement",
    "NoFit",
    "Procedure",
    "Prune",
    "PruneRule",
    "Rules",
    "Threshold",
    "TrainingSet",
    "Unit",
    "assign_folds",
    "basil_text",
    "bootstrap",
    "cross_validate",
    "fold_of",
    "leave_one_corpus_out",
    "main",
    "paired_bootstrap",
    "read_jsonl",
    "run",
]
