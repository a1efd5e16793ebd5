"""Attribution on PolNeAR (Newell et al. 2018), in the literature's terms and in framelens's.

Each role (cue, source, content) is scored as a set of spans per article, like named entities:
gold spans from the annotation (a role split in fragments is one span made of its fragments),
predicted spans from framelens attributions (cue, speaker, content). Identical spans within an
article count once. Three matching rules:

- ``exact``: a predicted span matches a gold span whose fragments are the same code-point ranges,
  after trimming white space at both ends of each fragment and joining fragments that only white
  space separates (CofeNet 2022 and most PolNeAR/PARC work report exact match);
- ``overlap``: a predicted span matches a gold span it shares a character with; one-to-one (each
  gold span matched at most once, each predicted span at most once), pairs taken greedily by
  largest overlap, then by position;
- ``token``: precision/recall/F1 over the article's tokens (words, and each punctuation mark)
  that fall in a predicted / gold span of the role, whichever attribution it belongs to.

Continuations: framelens marks a quotation that goes on after an attributed one, without a cue of
its own, as ``continued``, with its parent's cue and speaker. PolNeAR annotates such a quotation
as part of the parent's content (fragments), so a continuation's content is added to its parent's
(the latest attribution before it with the same cue) and its cue is counted once, as the parent's.

On matched cues (attributions paired one-to-one by cue overlap, as above): the share of pairs
whose predicted speaker overlaps the gold source (of pairs with a gold source), and the mean token
F1 of the content (of pairs with gold content).

Recall by cue type: each gold cue gets a type by the rule in ``cue_types.txt`` (say/tell/add,
according to, evidence, intention, other speech verbs, colon, belief, nominal, seem/appear) and
counts as found when the overlap rule matched it.

The figures printed before this module existed are kept under their names (``cue_precision``,
``cue_recall``, ``cue_f1``, ``speaker_match``, ``content_token_f1``): a predicted cue is correct
when it overlaps any gold cue (not one-to-one), continuations are skipped, and content token F1
uses words only.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Mapping, Sequence
from importlib import resources
from pathlib import Path
from typing import Any

from .. import Attribution
from .base import Doc, Rules, Unit
from .lexical import WORD, NoDecisions, Span, load_rows, overlap
from .stats import Stats, f1, prf, ratio

#: Tokens for the token rule: words, and each punctuation mark on its own (so a colon cue has a
#: token).
TOKEN = re.compile(r"\w[\w'’-]*|[^\w\s]")

ROLES = ("cue", "source", "content")
RULES = ("exact", "overlap", "token")

#: A role span: its fragments, sorted.
Fragments = tuple[Span, ...]


# -------------------------------------------------------------------------------- normalising


def normalize(text: str, fragments: Iterable[Sequence[int]]) -> Fragments:
    """Fragments trimmed of white space at both ends, empty ones dropped, and those separated
    only by white space joined."""
    out: list[Span] = []
    for s, e in sorted((int(f[0]), int(f[1])) for f in fragments):
        while s < e and text[s].isspace():
            s += 1
        while e > s and text[e - 1].isspace():
            e -= 1
        if s >= e:
            continue
        if out and not text[out[-1][1] : s].strip():
            out[-1] = (out[-1][0], max(out[-1][1], e))
        else:
            out.append((s, e))
    return tuple(out)


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


def match_one_to_one(pred: Sequence[Fragments], gold: Sequence[Fragments]) -> list[tuple[int, int]]:
    """Pairs (pred index, gold index) by the overlap rule: each side used at most once, pairs
    taken by largest overlap, then earliest gold, then earliest prediction."""
    pairs = sorted((-shared, j, i) for i, j, shared in overlapping_pairs(pred, gold))
    used_p: set[int] = set()
    used_g: set[int] = set()
    out = []
    for _, j, i in pairs:
        if i in used_p or j in used_g:
            continue
        used_p.add(i)
        used_g.add(j)
        out.append((i, j))
    return out


class Tokens:
    """An article's tokens, to find those a span touches by bisection."""

    def __init__(self, text: str) -> None:
        spans = [m.span() for m in TOKEN.finditer(text)]
        self.starts = [s for s, _ in spans]
        self.ends = [e for _, e in spans]

    def touched(self, spans: Iterable[Fragments]) -> set[int]:
        """Indices of the tokens that share a character with any of the spans."""
        out: set[int] = set()
        for fragments in spans:
            for s, e in fragments:
                out.update(range(bisect_right(self.ends, s), bisect_left(self.starts, e)))
        return out


# ---------------------------------------------------------------------------------- cue types


CUE_TYPES = (
    "say_tell_add",
    "according_to",
    "evidence",
    "intention",
    "other_speech",
    "colon",
    "belief",
    "nominal",
    "seem_appear",
)


CueTypeLists = tuple[tuple[tuple[str, frozenset[str]], ...], dict[str, str]]
_CUE_TYPE_LISTS: list[CueTypeLists] = []


def cue_type_lists() -> CueTypeLists:
    """The lemma lists of ``cue_types.txt``, in order, and its irregular forms (read once)."""
    if not _CUE_TYPE_LISTS:
        _CUE_TYPE_LISTS.append(read_cue_type_lists())
    return _CUE_TYPE_LISTS[0]


def read_cue_type_lists() -> CueTypeLists:
    text = resources.files(__package__).joinpath("cue_types.txt").read_text(encoding="utf-8")
    lists: list[tuple[str, frozenset[str]]] = []
    irregular: dict[str, str] = {}
    for line in text.splitlines():
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        name, _, rest = line.partition(":")
        if name == "irregular":
            irregular.update(pair.split("=", 1) for pair in rest.split())  # type: ignore[misc]
        else:
            lists.append((name.strip(), frozenset(rest.split())))
    return tuple(lists), irregular


def lemma_candidates(word: str, irregular: Mapping[str, str]) -> list[str]:
    """The word, its irregular lemma, then the word with inflectional suffixes taken off."""
    out = [word]
    if word in irregular:
        out.append(irregular[word])
    for suffix, repl in (
        ("ies", "y"),
        ("ied", "y"),
        ("es", ""),
        ("s", ""),
        ("ed", ""),
        ("d", ""),
        ("ing", ""),
        ("ing", "e"),
    ):
        if word.endswith(suffix) and len(word) > len(suffix) + 1:
            stem = word[: -len(suffix)] + repl
            out.append(stem)
            if not repl and len(stem) > 2 and stem[-1] == stem[-2]:
                out.append(stem[:-1])  # planned -> plann -> plan
    return out


def cue_type(cue: str) -> str:
    """The type of a reporting cue, by the rule in ``cue_types.txt``."""
    words = [w.lower() for w in WORD.findall(cue)]
    if not words:
        return "colon"
    if "according" in words:
        return "according_to"
    lists, irregular = cue_type_lists()
    for word in words:
        verb_form = word.endswith(("ed", "ing"))
        for lemma in lemma_candidates(word, irregular):
            for name, lemmas in lists:
                if name == "nominal" and verb_form:
                    continue
                if lemma in lemmas:
                    return name
    return "other_speech"


# ------------------------------------------------------------------------------------- corpus


def predicted_roles(text: str, attributions: Sequence[Attribution]) -> list[dict[str, Fragments]]:
    """One dict of role spans per predicted attribution, continuations folded into their
    parents."""
    out: list[dict[str, Fragments]] = []
    parent_of_cue: dict[Span, int] = {}
    for a in attributions:
        cue = (a.cue.start, a.cue.end)
        content = [(a.content.start, a.content.end)] if a.content else []
        if a.continued and cue in parent_of_cue:
            parent = out[parent_of_cue[cue]]
            parent["content"] = normalize(text, [*parent["content"], *content])
            continue
        parent_of_cue[cue] = len(out)
        out.append(
            {
                "cue": normalize(text, [cue]),
                "source": normalize(text, [(a.speaker.start, a.speaker.end)] if a.speaker else []),
                "content": normalize(text, content),
            }
        )
    return out


def gold_roles(text: str, row: dict[str, Any]) -> list[dict[str, Fragments]]:
    return [
        {role: normalize(text, g.get(role) or []) for role in ROLES} for g in row["attributions"]
    ]


def distinct(items: Iterable[Fragments]) -> list[Fragments]:
    return list(dict.fromkeys(f for f in items if f))


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
        text = row["text"]
        attributions = docs[0].attributions
        out: dict[str, float] = dict(self.legacy(text, row, attributions))
        pred = predicted_roles(text, attributions)
        gold = gold_roles(text, row)
        tokens = Tokens(text)
        for role in ROLES:
            p = distinct(a[role] for a in pred)
            g = distinct(a[role] for a in gold)
            out[f"{role}_pred"] = len(p)
            out[f"{role}_gold"] = len(g)
            out[f"{role}_exact_tp"] = len(set(p) & set(g))
            out[f"{role}_overlap_tp"] = len(match_one_to_one(p, g))
            p_tokens = tokens.touched(p)
            g_tokens = tokens.touched(g)
            out[f"{role}_token_tp"] = len(p_tokens & g_tokens)
            out[f"{role}_token_pred"] = len(p_tokens)
            out[f"{role}_token_gold"] = len(g_tokens)
        # Attributions paired by cue: speaker and content of the pairs; cue types.
        gold_with_cue = [a for a in gold if a["cue"]]
        pairs = match_one_to_one([a["cue"] for a in pred], [a["cue"] for a in gold_with_cue])
        matched_gold = {j for _, j in pairs}
        for j, attribution in enumerate(gold_with_cue):
            kind = cue_type(" ".join(text[s:e] for s, e in attribution["cue"]))
            out[f"type_{kind}_gold"] = out.get(f"type_{kind}_gold", 0.0) + 1
            out[f"type_{kind}_hit"] = out.get(f"type_{kind}_hit", 0.0) + (j in matched_gold)
        out["pairs"] = len(pairs)
        out["pair_source_n"] = out["pair_source_hit"] = 0.0
        out["pair_content_n"] = out["pair_content_f1"] = 0.0
        for i, j in pairs:
            p_roles, g_roles = pred[i], gold_with_cue[j]
            if g_roles["source"]:
                out["pair_source_n"] += 1
                out["pair_source_hit"] += bool(
                    fragments_overlap(p_roles["source"], g_roles["source"])
                )
            if g_roles["content"]:
                p_tokens = tokens.touched([p_roles["content"]])
                g_tokens = tokens.touched([g_roles["content"]])
                out["pair_content_n"] += 1
                out["pair_content_f1"] += prf(
                    len(p_tokens & g_tokens), len(p_tokens), len(g_tokens)
                )["f1"]
        return out

    @staticmethod
    def legacy(
        text: str, row: dict[str, Any], attributions: Sequence[Attribution]
    ) -> dict[str, float]:
        """The counts behind the figures printed before the literature's rules were added."""
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
        for rule in RULES:
            for role in ROLES:
                if rule == "token":
                    tp, n_pred, n_gold = (
                        g(f"{role}_token_tp", 0),
                        g(f"{role}_token_pred", 0),
                        g(f"{role}_token_gold", 0),
                    )
                else:
                    tp, n_pred, n_gold = (
                        g(f"{role}_{rule}_tp", 0),
                        g(f"{role}_pred", 0),
                        g(f"{role}_gold", 0),
                    )
                out.update({f"{rule}_{role}_{k}": v for k, v in prf(tp, n_pred, n_gold).items()})
        out["matched_source_match"] = ratio(g("pair_source_hit", 0), g("pair_source_n", 0))
        out["matched_content_token_f1"] = ratio(g("pair_content_f1", 0), g("pair_content_n", 0))
        for kind in CUE_TYPES:
            out[f"recall_{kind}"] = ratio(g(f"type_{kind}_hit", 0), g(f"type_{kind}_gold", 0))
        return out

    def whole_figures(self) -> list[str]:
        return ["cue_precision", "cue_recall", "cue_f1", "speaker_match", "content_token_f1"]


def word_positions(text: str, spans: Iterable[Span]) -> set[int]:
    """Start offsets of the words inside the spans (a bag of token positions)."""
    out: set[int] = set()
    for s, e in spans:
        out.update(s + m.start() for m in WORD.finditer(text[s:e]))
    return out
