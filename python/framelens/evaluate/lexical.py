"""Loaded language against gold: BABE (biased words and sentences), PTC (loaded-language spans)
and BASIL (lexical bias spans, in the author's voice and in quotes).

Matching rules:

- BABE word level: micro precision/recall/F1 over (sentence, word) pairs; gold words are the
  annotators' biased words, predicted words are the words inside ``loaded`` markers (words are
  lowercased runs of word characters, apostrophes and hyphens). Sentence level: "biased" when the
  sentence has an author-voice loaded marker (or, under a fitted rule, when their summed weight
  reaches the threshold); accuracy, and precision/recall/F1 of the Biased class as BABE's
  authors report them.
- PTC: SemEval-2020 task 11 span identification precision/recall/F1 (partial overlap credit) of
  ``loaded`` markers against the gold Loaded_Language and Name_Calling,Labeling spans (each side
  merged where its spans overlap).
- BASIL: recall of gold lexical-bias spans outside quotes by author-voice loaded markers and
  scare quotes, which BASIL annotators count as the writer's framing (and of
  those inside quotes by quoted markers); precision proxy = share of author-voice loaded markers
  that overlap any gold bias span; ``author_f1_proxy``, their harmonic mean, is what pruning
  maximises on BASIL; triplet hit rate = share of triplets whose densest article (in
  author-voice loaded markers per 1,000 author words) is the one densest in gold lexical-bias
  spans (per 1,000 words; a tie for the densest counts for each tied article).

Negated markers count for none of them.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any

from .base import Decision, Doc, MarkerJudgement, Rules, Unit, read_jsonl
from .stats import Stats, f1, prf, ratio

WORD = re.compile(r"[\w][\w'’-]*")

PTC_GOLD = {"Loaded_Language", "Name_Calling,Labeling"}

Span = tuple[int, int]


def merge(spans: Iterable[Span]) -> list[Span]:
    """Sorted spans with overlapping (and touching) ones joined."""
    out: list[Span] = []
    for s, e in sorted(spans):
        if out and s <= out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], e))
        else:
            out.append((s, e))
    return out


def overlap(a: Span, b: Span) -> int:
    """How many code points two spans share."""
    return max(0, min(a[1], b[1]) - max(a[0], b[0]))


def shared(a: Sequence[Span], b: Sequence[Span]) -> tuple[list[int], list[int]]:
    """For two lists of sorted, disjoint spans (as :func:`merge` makes them): how many code
    points each span of ``a`` shares with ``b``, and each span of ``b`` with ``a``."""
    in_a = [0] * len(a)
    in_b = [0] * len(b)
    i = j = 0
    while i < len(a) and j < len(b):
        n = overlap(a[i], b[j])
        in_a[i] += n
        in_b[j] += n
        if a[i][1] < b[j][1]:
            i += 1
        else:
            j += 1
    return in_a, in_b


_WORDS: dict[str, frozenset[str]] = {}


def words(text: str) -> frozenset[str]:
    """The lowercased words of a marker or gold phrase (memoised: inner cross-validation asks
    for the same marker texts many times, and there are only so many)."""
    found = _WORDS.get(text)
    if found is None:
        found = _WORDS[text] = frozenset(w.lower() for w in WORD.findall(text))
    return found


def si_counts(pred: Sequence[Span], gold: Sequence[Span]) -> dict[str, float]:
    """The SI metric's sums for one document (Da San Martino et al. 2019): precision and recall
    credit each span by the share of it the other side overlaps."""
    in_pred, in_gold = shared(pred, gold)
    return {
        "p_sum": sum(n / (s[1] - s[0]) for n, s in zip(in_pred, pred, strict=True)),
        "r_sum": sum(n / (t[1] - t[0]) for n, t in zip(in_gold, gold, strict=True)),
        "pred": len(pred),
        "gold": len(gold),
    }


def load_rows(data_dir: Path, name: str) -> list[dict[str, Any]]:
    path = data_dir / name / "dev.jsonl"
    return read_jsonl(path) if path.exists() else []


class NoDecisions:
    """Mixin for corpora with no threshold decisions, marker judgements or pruning objective."""

    def decisions(self, unit: Unit, docs: Sequence[Doc]) -> Iterable[Decision]:
        return ()

    def judge_markers(self, unit: Unit, docs: Sequence[Doc]) -> Iterable[MarkerJudgement]:
        return ()

    def objective(self, figures: Mapping[str, float]) -> float | None:
        return None


# ---------------------------------------------------------------------------------------- BABE


class Babe:
    """BABE (Spinde et al. 2021): one unit per distinct sentence."""

    name = "babe"
    unit = "sentence"
    sentence_key = "babe.sentence"

    def load(self, data_dir: Path) -> list[Unit]:
        by_text: dict[str, list[dict[str, Any]]] = {}
        for row in load_rows(data_dir, self.name):
            by_text.setdefault(row["text"], []).append(row)
        return [
            Unit(self.name, t, (t,), tuple(rows), tuple(self.gold(r) for r in rows))
            for t, rows in by_text.items()
        ]

    @staticmethod
    def gold(row: dict[str, Any]) -> frozenset[str]:
        """The row's biased words."""
        return frozenset(w for phrase in row["biased_words"] for w in words(phrase))

    @staticmethod
    def author_score(doc: Doc) -> float:
        """The sentence's score for the fitted rule: summed weight of author-voice loaded
        markers."""
        return sum(m.weight for m in doc.loaded("author"))

    def score(self, unit: Unit, docs: Sequence[Doc], rules: Rules) -> Stats:
        (doc,) = docs
        pred = {w for m in doc.loaded() for w in words(m.text)}
        if self.sentence_key in rules.thresholds:
            says_biased = rules.decide(self.sentence_key, self.author_score(doc))
        else:
            says_biased = bool(doc.loaded("author"))
        out: dict[str, float] = {}
        for row, gold in zip(unit.rows, unit.gold, strict=True):
            biased = row["label_bias"] == "Biased"
            for key, value in {
                "word_tp": len(gold & pred),
                "word_pred": len(pred),
                "word_gold": len(gold),
                "sentences": 1,
                "sentence_correct": says_biased == biased,
                "sentence_tp": says_biased and biased,
                "sentence_pred": says_biased,
                "sentence_gold": biased,
            }.items():
                out[key] = out.get(key, 0.0) + float(value)
        return out

    def figures(self, total: Stats) -> dict[str, float]:
        g = total.get
        out = {
            f"word_{k}": v
            for k, v in prf(g("word_tp", 0), g("word_pred", 0), g("word_gold", 0)).items()
        }
        out["sentence_accuracy"] = ratio(g("sentence_correct", 0), g("sentences", 0))
        sentence = prf(g("sentence_tp", 0), g("sentence_pred", 0), g("sentence_gold", 0))
        out.update({f"sentence_{k}": v for k, v in sentence.items()})
        return out

    def whole_figures(self) -> list[str]:
        return ["word_precision", "word_recall", "word_f1", "sentence_accuracy"]

    def decisions(self, unit: Unit, docs: Sequence[Doc]) -> Iterable[Decision]:
        score = self.author_score(docs[0])
        return [Decision(self.sentence_key, score, r["label_bias"] == "Biased") for r in unit.rows]

    def judge_markers(self, unit: Unit, docs: Sequence[Doc]) -> Iterable[MarkerJudgement]:
        gold = frozenset().union(*unit.gold)
        return [MarkerJudgement(m.entry, bool(words(m.text) & gold)) for m in docs[0].loaded()]

    def objective(self, figures: Mapping[str, float]) -> float | None:
        return figures["word_f1"]


# ----------------------------------------------------------------------------------------- PTC


class Ptc(NoDecisions):
    """PTC (Da San Martino et al. 2020): one unit per article."""

    name = "ptc"
    unit = "article"

    def load(self, data_dir: Path) -> list[Unit]:
        return [
            Unit(self.name, str(r["id"]), (r["text"],), (r,), (self.gold(r),))
            for r in load_rows(data_dir, self.name)
        ]

    @staticmethod
    def gold(row: dict[str, Any]) -> list[Span]:
        """The gold loaded-language and name-calling spans, merged."""
        return merge((s["start"], s["end"]) for s in row["spans"] if s["technique"] in PTC_GOLD)

    def score(self, unit: Unit, docs: Sequence[Doc], rules: Rules) -> Stats:
        (gold,) = unit.gold
        pred = merge((m.start, m.end) for m in docs[0].loaded())
        stats = si_counts(pred, gold)
        # Sentence level, the out-of-domain check: PTC's articles hold one sentence per line; a
        # line is loaded when a gold span overlaps it, and predicted so when a marker does.
        offset = 0
        for line in unit.rows[0]["text"].split("\n"):
            span = (offset, offset + len(line))
            offset += len(line) + 1
            if not line.strip():
                continue
            says = any(overlap(span, p) for p in pred)
            is_ = any(overlap(span, g) for g in gold)
            for key, hit in (
                ("s_tp", says and is_),
                ("s_fp", says and not is_),
                ("s_fn", is_ and not says),
            ):
                stats[key] = stats.get(key, 0) + hit
            stats["s_n"] = stats.get("s_n", 0) + 1
        return stats

    def figures(self, total: Stats) -> dict[str, float]:
        p = ratio(total.get("p_sum", 0), total.get("pred", 0))
        r = ratio(total.get("r_sum", 0), total.get("gold", 0))
        tp, fp, fn, n = (total.get(k, 0) for k in ("s_tp", "s_fp", "s_fn", "s_n"))
        sp, sr = ratio(tp, tp + fp), ratio(tp, tp + fn)
        return {
            "precision": p,
            "recall": r,
            "f1": f1(p, r),
            "sentence_accuracy": ratio(n - fp - fn, n),
            "sentence_precision": sp,
            "sentence_recall": sr,
            "sentence_f1": f1(sp, sr),
            "sentence_base_rate": ratio(tp + fn, n),
        }

    def whole_figures(self) -> list[str]:
        return ["precision", "recall", "f1"]

    def judge_markers(self, unit: Unit, docs: Sequence[Doc]) -> Iterable[MarkerJudgement]:
        (gold,) = unit.gold
        return [
            MarkerJudgement(m.entry, any(overlap((m.start, m.end), g) for g in gold))
            for m in docs[0].loaded()
        ]

    def objective(self, figures: Mapping[str, float]) -> float | None:
        return figures["f1"]


# --------------------------------------------------------------------------------------- BASIL


def basil_text(article: dict[str, Any]) -> tuple[str, list[int]]:
    """The article text (sentences joined by spaces, paragraphs by blank lines) and the offset
    of every sentence in it."""
    parts: list[str] = []
    offsets: list[int] = []
    pos = 0
    for p, paragraph in enumerate(article["paragraphs"]):
        if p:
            parts.append("\n\n")
            pos += 2
        for s, sentence in enumerate(paragraph):
            if s:
                parts.append(" ")
                pos += 1
            offsets.append(pos)
            parts.append(sentence)
            pos += len(sentence)
    return "".join(parts), offsets


def basil_gold(article: dict[str, Any]) -> list[tuple[Span, dict[str, Any]]]:
    """Gold spans located in :func:`basil_text`, with their annotation. A few gold spans have
    no sentence index; they cannot be located and are left out."""
    _, offsets = basil_text(article)
    out = []
    for sp in article["spans"]:
        if sp.get("sentence") is None or sp["sentence"] >= len(offsets):
            continue
        base = offsets[sp["sentence"]]
        out.append(((base + sp["start"], base + sp["end"]), sp))
    return out


class Basil(NoDecisions):
    """BASIL (Fan et al. 2019): one unit per triplet (its two or three articles)."""

    name = "basil"
    unit = "triplet"

    def load(self, data_dir: Path) -> list[Unit]:
        by_triplet: dict[str, list[dict[str, Any]]] = {}
        for row in load_rows(data_dir, self.name):
            by_triplet.setdefault(str(row["triplet"]), []).append(row)
        return [
            Unit(
                self.name,
                t,
                tuple(basil_text(r)[0] for r in rows),
                tuple(rows),
                tuple(basil_gold(r) for r in rows),
            )
            for t, rows in by_triplet.items()
        ]

    def score(self, unit: Unit, docs: Sequence[Doc], rules: Rules) -> Stats:
        out = dict.fromkeys(
            ["author_hit", "author_n", "quoted_hit", "quoted_n", "prox_hit", "prox_n"], 0.0
        )
        densities: list[tuple[float, float]] = []
        for gold, doc in zip(unit.gold, docs, strict=True):
            lex_count = 0
            for span, sp in gold:
                if sp["bias"] != "lex":
                    continue
                lex_count += 1
                voice = "quoted" if sp["quote"] == "yes" else "author"
                hit = any(
                    overlap(span, (m.start, m.end)) for m in doc.loaded(voice, scare_quotes=True)
                )
                out[f"{voice}_n"] += 1
                out[f"{voice}_hit"] += hit
            author = doc.loaded("author", scare_quotes=True)
            out["prox_n"] += len(author)
            out["prox_hit"] += sum(
                any(overlap((m.start, m.end), g) for g, _ in gold) for m in author
            )
            densities.append(
                (len(author) * 1000 / (doc.author_words or 1), lex_count * 1000 / (doc.words or 1))
            )
        if len(densities) >= 2:
            densest = max(range(len(densities)), key=lambda i: densities[i][0])
            out["triplets"] = 1.0
            out["triplet_hits"] = float(densities[densest][1] == max(c for _, c in densities))
        return out

    def figures(self, total: Stats) -> dict[str, float]:
        g = total.get
        recall = ratio(g("author_hit", 0), g("author_n", 0))
        precision = ratio(g("prox_hit", 0), g("prox_n", 0))
        return {
            "author_lex_recall": recall,
            "quoted_lex_recall": ratio(g("quoted_hit", 0), g("quoted_n", 0)),
            "author_precision_proxy": precision,
            "author_f1_proxy": f1(precision, recall),
            "triplet_hit_rate": ratio(g("triplet_hits", 0), g("triplets", 0)),
        }

    def whole_figures(self) -> list[str]:
        return [
            "author_lex_recall",
            "quoted_lex_recall",
            "author_precision_proxy",
            "triplet_hit_rate",
        ]

    def judge_markers(self, unit: Unit, docs: Sequence[Doc]) -> Iterable[MarkerJudgement]:
        out = []
        for located, doc in zip(unit.gold, docs, strict=True):
            gold = [g for g, _ in located]
            out += [
                MarkerJudgement(m.entry, any(overlap((m.start, m.end), g) for g in gold))
                for m in doc.loaded()
            ]
        return out

    def objective(self, figures: Mapping[str, float]) -> float | None:
        return figures["author_f1_proxy"]
