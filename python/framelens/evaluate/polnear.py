"""Attribution on PolNeAR (Newell et al. 2018).

Cue precision/recall/F1: a predicted cue is correct when it overlaps any gold cue; a gold cue is
found when some predicted cue overlaps it (each predicted cue finds one gold cue, the first not
yet found). Continuations (a quotation that goes on after an attributed one without a cue of its
own, marked ``continued``) repeat their parent's cue and are skipped. For matched cues: the share
whose speaker overlaps the gold source, and the mean token F1 of the content (words only).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

from .. import Attribution
from .base import Doc, Rules, Unit
from .lexical import WORD, NoDecisions, Span, load_rows, overlap
from .stats import Stats, f1, prf, ratio

#: A role span: its fragments, sorted.
Fragments = tuple[Span, ...]


def fragments_overlap(a: Fragments, b: Fragments) -> int:
    return sum(overlap(x, y) for x in a for y in b)


def overlapping_pairs(a: Sequence[Fragments], b: Sequence[Fragments]) -> list[tuple[int, int, int]]:
    """``(i, j, shared code points)`` for every ``a[i]`` and ``b[j]`` that share a character, by
    one sweep over the spans' extents (an article has hundreds of spans per role)."""
    events = sorted(
        [(f[0][0], f[-1][1], 0, i) for i, f in enumerate(a) if f]
        + [(f[0][0], f[-1][1], 1, j) for j, f in enumerate(b) if f]
    )
    active: tuple[list[tuple[int, int]], list[tuple[int, int]]] = ([], [])
    out = []
    for start, end, side, index in events:
        for open_spans in active:
            open_spans[:] = [(e, k) for e, k in open_spans if e > start]
        for _, k in active[1 - side]:
            i, j = (index, k) if side == 0 else (k, index)
            shared = fragments_overlap(a[i], b[j])
            if shared:
                out.append((i, j, shared))
        active[side].append((end, index))
    return out


class Polnear(NoDecisions):
    """PolNeAR: one unit per article."""

    name = "polnear"
    unit = "article"

    def load(self, data_dir: Path) -> list[Unit]:
        return [
            Unit(self.name, str(r["id"]), (r["text"],), (r,))
            for r in load_rows(data_dir, self.name)
        ]

    def score(self, unit: Unit, docs: Sequence[Doc], rules: Rules) -> Stats:
        row = unit.rows[0]
        return self.legacy(row["text"], row, docs[0].attributions)

    @staticmethod
    def legacy(
        text: str, row: dict[str, Any], attributions: Sequence[Attribution]
    ) -> dict[str, float]:
        """The counts behind the cue, speaker and content figures (the rules this command has
        always printed)."""
        gold = [g for g in row["attributions"] if g.get("cue")]
        out = dict.fromkeys(
            ["l_pred", "l_pred_hit", "l_gold", "l_gold_hit", "l_src_n", "l_src_hit"], 0.0
        )
        out["l_content_n"] = out["l_content_f1"] = 0.0
        out["l_gold"] = len(gold)
        matched: set[int] = set()
        cues = [((a.cue.start, a.cue.end),) for a in attributions]
        gold_cues = [tuple(sorted((s, e) for s, e in g["cue"])) for g in gold]
        hits_of: dict[int, list[int]] = {}
        for i, j, _ in overlapping_pairs(cues, gold_cues):
            hits_of.setdefault(i, []).append(j)
        for n, att in enumerate(attributions):
            if att.continued:
                continue
            out["l_pred"] += 1
            hits = sorted(hits_of.get(n, []))
            if not hits:
                continue
            out["l_pred_hit"] += 1
            i = next((h for h in hits if h not in matched), hits[0])
            matched.add(i)
            g = gold[i]
            if g.get("source"):
                out["l_src_n"] += 1
                sp = att.speaker
                out["l_src_hit"] += sp is not None and any(
                    overlap((sp.start, sp.end), (s, e)) for s, e in g["source"]
                )
            if g.get("content"):
                gold_words = word_positions(text, [(s, e) for s, e in g["content"]])
                c = att.content
                pred_words = word_positions(text, [(c.start, c.end)]) if c else set()
                tp = len(gold_words & pred_words)
                out["l_content_n"] += 1
                out["l_content_f1"] += prf(tp, len(pred_words), len(gold_words))["f1"]
        out["l_gold_hit"] = len(matched)
        return out

    def figures(self, total: Stats) -> dict[str, float]:
        g = total.get
        p = ratio(g("l_pred_hit", 0), g("l_pred", 0))
        r = ratio(g("l_gold_hit", 0), g("l_gold", 0))
        out = {
            "cue_precision": p,
            "cue_recall": r,
            "cue_f1": f1(p, r),
            "speaker_match": ratio(g("l_src_hit", 0), g("l_src_n", 0)),
            "content_token_f1": ratio(g("l_content_f1", 0), g("l_content_n", 0)),
        }
        return out

    def whole_figures(self) -> list[str]:
        return ["cue_precision", "cue_recall", "cue_f1", "speaker_match", "content_token_f1"]


def word_positions(text: str, spans: Iterable[Span]) -> set[int]:
    """Start offsets of the words inside the spans (a bag of token positions)."""
    out: set[int] = set()
    for s, e in spans:
        out.update(s + m.start() for m in WORD.finditer(text[s:e]))
    return out
