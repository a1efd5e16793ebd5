"""The Russian and Arabic evaluations (issue: language packs). No gold annotation of these
corpora was read in writing the packs, so nothing is fitted to them: each is scored with its own
pack (``Analyzer(languages=[code])``), under the ``none`` procedure only, with intervals over
units. One exception touched the text, not the gold: some of the Arabic ``name_nouns``
(``data/ar/text.toml``) were added after reading the scare quotes the pack still found on ArMPro
text; they decide scare quotes only, which these figures do not score.

- ArMPro (Arabic news paragraphs): Loaded_Language and Name_Calling-Labeling spans against the
  pack's ``loaded`` markers, by the SI metric with partial overlap, as for PTC. A unit is a page
  (its paragraphs together), so paragraphs of one article are resampled together.
- SemEval-2023 Task 3, Russian (news articles): the same spans and metric. The corpus's offsets
  count CR LF line ends and many span ends stop short of the word end, which the partial-overlap
  metric tolerates.
- ru_unlp (Russian Telegram posts): whether a post uses loaded language, against "the post has
  a loaded marker", with the all-positive baseline beside it (the F1 of calling every post
  loaded) and the difference.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

from .base import Doc, Rules, Unit
from .lexical import NoDecisions, Span, load_rows, merge, si_counts
from .stats import Stats, f1, ratio

#: The techniques scored as loaded language (both spellings of name calling occur).
GOLD_TECHNIQUES = {"Loaded_Language", "Name_Calling-Labeling", "Name_Calling,Labeling"}


def gold_spans(row: dict[str, Any]) -> list[Span]:
    return merge(
        (s["start"], s["end"]) for s in row.get("spans", []) if s["technique"] in GOLD_TECHNIQUES
    )


class SpanCorpus(NoDecisions):
    """Technique spans per document, scored by the SI metric with partial overlap."""

    name = ""
    unit = ""
    #: The language pack the corpus is read with.
    language = ""
    #: The row field that groups documents into one unit (None: one document per unit).
    group: str | None = None

    def load(self, data_dir: Path) -> list[Unit]:
        groups: dict[str, list[dict[str, Any]]] = {}
        for r in load_rows(data_dir, self.name):
            key = str(r[self.group]) if self.group else str(r["id"])
            groups.setdefault(key, []).append(r)
        return [
            Unit(
                self.name,
                key,
                tuple(r["text"] for r in rows),
                tuple(rows),
                tuple(gold_spans(r) for r in rows),
            )
            for key, rows in groups.items()
        ]

    def score(self, unit: Unit, docs: Sequence[Doc], rules: Rules) -> Stats:
        total: dict[str, float] = {}
        for gold, doc in zip(unit.gold, docs, strict=True):
            pred = merge((m.start, m.end) for m in doc.loaded())
            for k, v in si_counts(pred, gold).items():
                total[k] = total.get(k, 0) + v
        return total

    def figures(self, total: Stats) -> dict[str, float]:
        p = ratio(total.get("p_sum", 0), total.get("pred", 0))
        r = ratio(total.get("r_sum", 0), total.get("gold", 0))
        return {"precision": p, "recall": r, "f1": f1(p, r)}

    def whole_figures(self) -> list[str]:
        return ["precision", "recall", "f1"]


class ArMPro(SpanCorpus):
    """ArMPro: Arabic news paragraphs, one unit per page."""

    name = "ar_armpro"
    unit = "page"
    language = "ar"
    group = "page_id"


class RuSemEval(SpanCorpus):
    """SemEval-2023 Task 3, Russian: one unit per article."""

    name = "ru_semeval23"
    unit = "article"
    language = "ru"


class RuPosts(NoDecisions):
    """ru_unlp: one unit per post; does the post use loaded language?"""

    name = "ru_unlp"
    unit = "post"
    language = "ru"

    def load(self, data_dir: Path) -> list[Unit]:
        return [
            Unit(
                self.name, str(r["id"]), (r["text"],), (r,), ("loaded_language" in r["techniques"],)
            )
            for r in load_rows(data_dir, self.name)
        ]

    def score(self, unit: Unit, docs: Sequence[Doc], rules: Rules) -> Stats:
        (is_,) = unit.gold
        says = bool(docs[0].loaded())
        return {
            "tp": says and is_,
            "fp": says and not is_,
            "fn": is_ and not says,
            "positive": bool(is_),
            "n": 1,
        }

    def figures(self, total: Stats) -> dict[str, float]:
        tp, fp, fn = (total.get(k, 0) for k in ("tp", "fp", "fn"))
        p, r = ratio(tp, tp + fp), ratio(tp, tp + fn)
        base = f1(ratio(total.get("positive", 0), total.get("n", 0)), 1.0)
        return {
            "precision": p,
            "recall": r,
            "f1": f1(p, r),
            "all_positive_f1": base,
            "gain_over_all_positive": f1(p, r) - base,
        }

    def whole_figures(self) -> list[str]:
        return ["f1", "all_positive_f1", "gain_over_all_positive"]


def language_corpora() -> dict[str, SpanCorpus | RuPosts]:
    return {c.name: c for c in (ArMPro(), RuSemEval(), RuPosts())}


def pack_of(corpus: object) -> str | None:
    """The language pack a corpus is scored with, for the corpora of this module."""
    return getattr(corpus, "language", None) or None


__all__ = ("ArMPro", "RuPosts", "RuSemEval", "language_corpora", "pack_of")
