"""Mergeable comparison aggregates, for comparing groups where the documents are spread over
many workers (:func:`framelens.dask.compare`).

A part of the corpus (a partition) becomes a :class:`Part`: each document's units of the profile
table (the numerator and denominator of every measure, as the core's comparison builds them),
kept where the part was analysed, and a :class:`Partial`: what adds up across parts (documents,
words, naming uses, speakers, marker distributions, word counts and, per bootstrap replicate,
the Poisson-weighted sums of the units). :func:`assemble` turns the merged aggregates into the
state of a :class:`framelens.Comparison`, so every table, plot and view works on it.

Poisson weights come from the seed and a document's key (its index value and text), not from
its position, so the intervals do not depend on how the corpus is partitioned. Point values are
sums of the units in document order, as in the core, so they equal :func:`framelens.compare`'s.
"""

from __future__ import annotations

import bisect
import hashlib
import json
import math
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from statistics import NormalDist
from typing import Any

import numpy as np

from . import _framelens

# Documents weighed at a time when summing the bootstrap replicates (bounds the weight matrix).
_CHUNK = 512
_FLAGS = ("state_affiliated", "wire_based", "syndicated")
_FRAME_SETS = ("frame", "generic_frame")


@dataclass(frozen=True)
class Layout:
    """Where each measure of the profile table sits in a unit, read from the core's measure
    names: marker rates (overall, author, quoted) per category, the attributed-sentence and
    anonymous shares, the stance mix, the frame shares and the provenance flags."""

    names: tuple[str, ...]
    categories: tuple[str, ...]
    stances: tuple[str, ...]
    frames: tuple[tuple[str, str], ...]

    @classmethod
    def from_names(cls, names: Sequence[str]) -> Layout:
        names = tuple(names)
        try:
            base = names.index("attributed_sentence_share")
        except ValueError:
            base = -1
        categories = tuple(n.removesuffix("_per_1k") for n in names[0 : max(base, 0) : 3])
        stances = []
        k = base + 2
        while k < len(names) and names[k].startswith("stance_"):
            stances.append(names[k].removeprefix("stance_").removesuffix("_share"))
            k += 1
        frames = []
        for n in names[k : len(names) - len(_FLAGS)]:
            cat = next((c for c in reversed(_FRAME_SETS) if n.startswith(c + "_")), "")
            frames.append((cat, n[len(cat) + 1 :].removesuffix("_share")))
        layout = cls(names, categories, tuple(stances), tuple(frames))
        if base < 0 or layout.expected() != names:
            raise _framelens.FramelensError(
                "framelens.dask.compare does not know the layout of the core's profile table "
                f"(measures: {', '.join(names)}); it needs updating with the core"
            )
        return layout

    def expected(self) -> tuple[str, ...]:
        """The measure names this layout stands for (the core's order)."""
        out = [f"{c}{v}_per_1k" for c in self.categories for v in ("", "_author", "_quoted")]
        out += ["attributed_sentence_share", "anonymous_share"]
        out += [f"stance_{s}_share" for s in self.stances]
        out += [f"{c}_{f}_share" for c, f in self.frames]
        return (*out, *_FLAGS)


def units(a: _framelens.Analysis, layout: Layout, by_sentence: bool) -> np.ndarray:
    """The units of a document (itself, or each of its sentences) as the core's comparison
    builds them: an array of shape (units, measures, 2) of numerators and denominators."""
    p = a.profile
    sentences = a.to_dict()["sentences"] if by_sentence else []
    if sentences:
        ends = [s["end"] for s in sentences]
        words = np.array([float(s["words"]) for s in sentences])
        quoted = np.array([float(s["quoted_words"]) for s in sentences])
    else:
        ends = []
        words = np.array([float(p.words)])
        quoted = np.array([float(p.quoted_words)])
    n, m = len(words), len(layout.names)
    ncat = len(layout.categories)
    base = 3 * ncat
    stance_base = base + 2
    frame_base = stance_base + len(layout.stances)
    u = np.zeros((n, m, 2))
    author = np.maximum(words - quoted, 0.0)
    u[:, 0:base:3, 1] = (words / 1000.0)[:, None]
    u[:, 1:base:3, 1] = (author / 1000.0)[:, None]
    u[:, 2:base:3, 1] = (quoted / 1000.0)[:, None]
    for k, flag in enumerate((p.state_affiliated, p.wire_based, p.syndicated)):
        u[:, m - len(_FLAGS) + k] = (float(flag), 1.0)

    def unit_of(pos: int) -> int:
        return 0 if n == 1 else min(bisect.bisect_right(ends, pos), n - 1)

    cat_index = {c: i for i, c in enumerate(layout.categories)}
    frame_index = {f: i for i, f in enumerate(layout.frames)}
    counts: Counter[tuple[int, int, int]] = Counter()  # (unit, measure, 0 num / 1 den)
    # Each frame's cue weight and each frame set's, per unit, added in marker order.
    frame_weight = np.zeros((n, len(layout.frames)))
    set_weight: dict[tuple[int, str], float] = {}
    for mk in a.markers:
        # The core adds weights as stored (32 bits); Marker.weight gives the decimal written.
        w = float(np.float32(mk.weight))
        ci = cat_index.get(mk.category)
        if ci is None:
            continue
        ui = unit_of(mk.start)
        counts[ui, 3 * ci, 0] += 1
        # Quoted voice, or a speaker's view in indirect speech, as the profile counts it.
        speakers_view = mk.voice != "author" or mk.speaker is not None
        counts[ui, 3 * ci + (2 if speakers_view else 1), 0] += 1
        if mk.category in _FRAME_SETS:
            fi = frame_index.get((mk.category, mk.subcategory or ""))
            if fi is not None and mk.subcategory is not None:
                frame_weight[ui, fi] += w
            set_weight[ui, mk.category] = set_weight.get((ui, mk.category), 0.0) + w
    # A frame's share in a unit: its weight over its set's; the group's is the mean over the
    # units with a cue of the set.
    for (ui, cat), total in set_weight.items():
        if total > 0.0:
            for fi, (c, _) in enumerate(layout.frames):
                if c == cat:
                    u[ui, frame_base + fi] = (frame_weight[ui, fi] / total, 1.0)
    stance_index = {s: i for i, s in enumerate(layout.stances)}
    cue_units = set()
    for at in a.attributions:
        if at.continued or at.parent is not None:
            continue
        ui = unit_of(at.cue.start)
        cue_units.add(ui)
        counts[ui, base + 1, 1] += 1
        if at.speaker_type == "anonymous":
            counts[ui, base + 1, 0] += 1
        for si in range(len(layout.stances)):
            counts[ui, stance_base + si, 1] += 1
        counts[ui, stance_base + stance_index.get(at.verb_stance, 0), 0] += 1
    for (ui, mi, j), cnt in counts.items():
        u[ui, mi, j] = float(cnt)
    if n == 1:
        sents = float(p.sentences)
        # The share is None only with no sentences, where the cue sentences are 0 of 0.
        share = p.attribution["sentence_share"]
        u[0, base] = (float(share or 0.0) * sents, sents)
    else:
        u[:, base, 0] = [1.0 if i in cue_units else 0.0 for i in range(n)]
        u[:, base, 1] = 1.0
    return u.reshape(n, 2 * m)


def document_units(analyses: Sequence[_framelens.Analysis], layout: Layout) -> np.ndarray:
    """:func:`units` of each document as a whole, shape (documents, 2 x measures), read from
    the documents and markers tables that the core builds (the same numbers, made faster)."""
    from .tables import to_arrow

    docs = to_arrow(analyses, "documents")
    markers = to_arrow(analyses, "markers")
    n, m = len(analyses), len(layout.names)

    def col(table: Any, name: str) -> np.ndarray:
        return np.asarray(table.column(name).to_numpy(zero_copy_only=False))

    ncat = len(layout.categories)
    base = 3 * ncat
    stance_base = base + 2
    frame_base = stance_base + len(layout.stances)
    u = np.zeros((n, m, 2))
    words, quoted = col(docs, "words").astype(float), col(docs, "quoted_words").astype(float)
    author = np.maximum(words - quoted, 0.0)
    u[:, 0:base:3, 1] = (words / 1000.0)[:, None]
    u[:, 1:base:3, 1] = (author / 1000.0)[:, None]
    u[:, 2:base:3, 1] = (quoted / 1000.0)[:, None]
    for k, flag in enumerate(_FLAGS):
        u[:, m - len(_FLAGS) + k, 0] = col(docs, flag).astype(float)
        u[:, m - len(_FLAGS) + k, 1] = 1.0
    sentences = col(docs, "sentences").astype(float)
    # The share is null (NaN here) only with no sentences, where the cue sentences are 0 of 0.
    share = np.nan_to_num(col(docs, "attributed_sentence_share").astype(float), nan=0.0)
    u[:, base, 0] = share * sentences
    u[:, base, 1] = sentences
    doc = np.repeat(np.arange(n), col(docs, "markers"))

    def codes(name: str, values: Sequence[str]) -> np.ndarray:
        """Each marker's position of its ``name`` in ``values`` (len(values) when not there)."""
        enc = markers.column(name).combine_chunks().dictionary_encode()
        lookup = np.array(
            [values.index(v) if v in values else len(values) for v in enc.dictionary.to_pylist()]
            + [len(values)],
            dtype=np.int64,
        )
        idx = np.asarray(enc.indices.fill_null(len(enc.dictionary)).to_numpy(), dtype=np.int64)
        return lookup[idx]

    def count(keys: np.ndarray, size: int, mask: np.ndarray | None = None) -> np.ndarray:
        """Per document, how many markers have each key below ``size``."""
        ok = keys < size if mask is None else (keys < size) & mask
        flat = np.bincount(doc[ok] * size + keys[ok], minlength=n * size)
        return flat.reshape(n, size).astype(float)

    cats = list(layout.categories)
    cat = codes("category", cats)
    # Author voice with no speaker: the profile counts indirect speech for its speaker.
    no_speaker = np.asarray(markers.column("speaker").is_null().to_numpy(zero_copy_only=False))
    author = (codes("voice", ["author"]) == 0) & no_speaker
    u[:, 0:base:3, 0] = count(cat, ncat)
    u[:, 1:base:3, 0] = count(cat, ncat, author)
    u[:, 2:base:3, 0] = count(cat, ncat, ~author)
    subs = sorted({f for _, f in layout.frames})
    sub = codes("subcategory", subs)
    # (category, subcategory) -> frame position; len(frames) when no frame of the profile.
    frame_of = np.full((ncat + 1) * (len(subs) + 1), len(layout.frames), dtype=np.int64)
    for fi, (c, f) in enumerate(layout.frames):
        if c in cats:
            frame_of[cats.index(c) * (len(subs) + 1) + subs.index(f)] = fi
    nframes = len(layout.frames)
    # As stored in the core (32 bits), which adds them so; the column gives the decimal written.
    weight = col(markers, "weight").astype(np.float32).astype(float)
    # Each frame's cue weight and each category's, per document, added in marker order (as
    # bincount adds), then a frame's share of its set's weight where the set has any.
    fkey = frame_of[cat * (len(subs) + 1) + sub]
    ok = fkey < nframes
    frame_weight = np.bincount(
        doc[ok] * nframes + fkey[ok], weights=weight[ok], minlength=n * nframes
    ).reshape(n, nframes)
    ok = cat < ncat
    cat_weight = np.bincount(
        doc[ok] * ncat + cat[ok], weights=weight[ok], minlength=n * ncat
    ).reshape(n, ncat)
    for fi, (c, _) in enumerate(layout.frames):
        if c in cats:
            total = cat_weight[:, cats.index(c)]
            has = total > 0.0
            u[has, frame_base + fi, 0] = frame_weight[has, fi] / total[has]
            u[has, frame_base + fi, 1] = 1.0
    stance_index = {s: i for i, s in enumerate(layout.stances)}
    for i, a in enumerate(analyses):
        cues = anonymous = 0
        stances = [0] * len(layout.stances)
        for at in a.attributions:
            if at.continued or at.parent is not None:
                continue
            cues += 1
            anonymous += at.speaker_type == "anonymous"
            stances[stance_index.get(at.verb_stance, 0)] += 1
        if cues:
            u[i, base + 1] = (float(anonymous), float(cues))
            u[i, stance_base:frame_base, 0] = stances
            u[i, stance_base:frame_base, 1] = float(cues)
    return u.reshape(n, 2 * m)


def document_key(index: Any, text: str) -> int:
    """A document's 64-bit key from its index value and its text (so rows of restarted
    per-file indexes still differ), independent of the partition it sits in."""
    h = hashlib.blake2b(digest_size=8)
    h.update(str(index).encode("utf-8"))
    h.update(b"\0")
    h.update(text.encode("utf-8", "surrogatepass"))
    return int.from_bytes(h.digest(), "little")


_GOLDEN = np.uint64(0x9E3779B97F4A7C15)
_MASK = (1 << 64) - 1
# Poisson(1) distribution function at 0, 1, 2, ... (to where it reaches 1 in doubles).
_POISSON_CDF = np.cumsum([math.exp(-1.0) / math.factorial(k) for k in range(24)])


def _mix(z: np.ndarray) -> np.ndarray:
    """SplitMix64's output function (uint64 arithmetic wraps, as it should)."""
    z = (z ^ (z >> np.uint64(30))) * np.uint64(0xBF58476D1CE4E5B9)
    z = (z ^ (z >> np.uint64(27))) * np.uint64(0x94D049BB133111EB)
    out: np.ndarray = z ^ (z >> np.uint64(31))
    return out


def poisson_weights(
    seed: int, keys: Sequence[int], bootstrap: int, units: Sequence[int] | None = None
) -> np.ndarray:
    """Poisson(1) weights of shape (bootstrap, len(keys)): column i is the SplitMix64 stream
    started from (seed, keys[i], units[i]) (units 0 when None) read through the Poisson
    distribution function, so it depends on nothing else, whoever draws it."""
    with np.errstate(over="ignore"):
        k = np.array([x & _MASK for x in keys], dtype=np.uint64)
        u = np.zeros(len(keys), dtype=np.uint64) if units is None else np.array(units, np.uint64)
        start = _mix(_mix(_mix(np.array([seed & _MASK], dtype=np.uint64)) ^ k) ^ u)
        steps = np.arange(1, bootstrap + 1, dtype=np.uint64)[:, None] * _GOLDEN
        bits = _mix(start[None, :] + steps)
    uniform = (bits >> np.uint64(11)).astype(np.float64) * 2.0**-53
    return np.searchsorted(_POISSON_CDF, uniform, side="right").astype(np.float64)


def replicate_sums(
    seed: int, keys: Sequence[int], rows: np.ndarray, bootstrap: int, sentences: bool = False
) -> np.ndarray:
    """Sum over units of weight x unit for every replicate: shape (bootstrap, 2 x measures).
    With ``sentences``, ``rows`` are the sentences of the one document ``keys[0]``."""
    total = np.zeros((bootstrap, rows.shape[1]))
    for start in range(0, rows.shape[0], _CHUNK):
        stop = min(start + _CHUNK, rows.shape[0])
        if sentences:
            w = poisson_weights(
                seed, [keys[0]] * (stop - start), bootstrap, units=range(1 + start, 1 + stop)
            )
        else:
            w = poisson_weights(seed, keys[start:stop], bootstrap)
        total += w @ rows[start:stop]
    return total


def with_squares(rows: np.ndarray) -> np.ndarray:
    """Units with, after their (numerator, denominator) pairs, y², x·y and x² of every measure
    (as the core keeps them for the studentized interval): a replicate's residual sum of squares
    is then Σy² − 2R·Σxy + R²·Σx² of its weighted sums."""
    y, x = rows[:, 0::2], rows[:, 1::2]
    squares = np.stack([y * y, x * y, x * x], axis=2).reshape(rows.shape[0], -1)
    return np.concatenate([rows, squares], axis=1)


def ordered_sum(rows: np.ndarray, start: np.ndarray | None = None) -> np.ndarray:
    """The rows added one after another onto ``start`` (zeros when None): the order the core
    adds them in, so the sums (and the ratios) come out the same to the last bit."""
    s = np.zeros(rows.shape[1]) if start is None else start.copy()
    for row in rows:
        s += row
    return s


@dataclass
class GroupPart:
    """One group's documents in one part."""

    keys: list[int] = field(default_factory=list)
    rows: list[np.ndarray] = field(default_factory=list)
    # The sentences of the group's document when the part holds just one of it.
    sentence_rows: np.ndarray | None = None

    def matrix(self) -> np.ndarray:
        return np.stack(self.rows)


@dataclass
class Part:
    """A part of the corpus, analysed: its groups' units (kept where they were made) and the
    comparison of the part alone (for naming, speakers, distributions and word counts)."""

    layout: Layout | None
    groups: dict[str, GroupPart]
    state: dict[str, Any] | None

    def __sizeof__(self) -> int:
        # Roughly: the units and the part's word counts (Dask places tasks by these sizes).
        rows = sum(len(g.rows) * (g.rows[0].nbytes + 100) for g in self.groups.values())
        words = sum(len(t) for t in self.state["terms"]) if self.state else 0
        return rows + 100 * words


def make_part(
    analyses: Sequence[_framelens.Analysis], labels: Sequence[str], keys: Sequence[int]
) -> Part:
    """A :class:`Part` from analyses with their group labels and document keys."""
    if not analyses:
        return Part(None, {}, None)
    native = _framelens.compare(list(analyses), list(labels), bootstrap=0, permutations=0)
    state = json.loads(native.__reduce__()[1][0])
    first = state["groups"][0]["name"]
    layout = Layout.from_names([r["measure"] for r in state["table"] if r["group"] == first])
    rows = document_units(analyses, layout)
    groups: dict[str, GroupPart] = {}
    for i, (g, k) in enumerate(zip(labels, keys, strict=True)):
        gp = groups.setdefault(g, GroupPart())
        gp.keys.append(k)
        gp.rows.append(rows[i])
    for g, gp in groups.items():
        if len(gp.keys) == 1:
            i = list(labels).index(g)
            gp.sentence_rows = units(analyses[i], layout, by_sentence=True)
    return Part(layout, groups, state)


@dataclass
class Partial:
    """What adds up across parts, per group (in first-seen order)."""

    order: list[str] = field(default_factory=list)
    documents: dict[str, int] = field(default_factory=dict)
    words: dict[str, int] = field(default_factory=dict)
    replicates: dict[str, np.ndarray] = field(default_factory=dict)
    # A group's sentences and their replicates while it has one document.
    single: dict[str, tuple[int, np.ndarray]] = field(default_factory=dict)
    naming: Counter[tuple[str, str, str]] = field(default_factory=Counter)
    sides: dict[str, str | None] = field(default_factory=dict)
    speakers: dict[tuple[str, str], dict[str, Any]] = field(default_factory=dict)
    categories: dict[str, np.ndarray] = field(default_factory=dict)
    frames: dict[str, np.ndarray] = field(default_factory=dict)
    terms: dict[str, Counter[str]] = field(default_factory=dict)
    names: tuple[str, ...] = ()
    options: dict[str, Any] = field(default_factory=dict)

    def __sizeof__(self) -> int:
        # Roughly: the replicate sums and the word counts (Dask places tasks by these sizes).
        return sum(r.nbytes for r in self.replicates.values()) + 100 * sum(
            len(t) for t in self.terms.values()
        )


def partial(part: Part, bootstrap: int, seed: int, studentized: bool = False) -> Partial:
    """The mergeable aggregates of a part, with ``bootstrap`` Poisson replicates; with
    ``studentized``, each replicate also sums the units' squares (:func:`with_squares`)."""
    out = Partial()
    if part.state is None or part.layout is None:
        return out
    st = part.state
    out.names = part.layout.names
    out.options = st["options"]
    for info, dist, terms in zip(st["groups"], st["distributions"], st["terms"], strict=True):
        g = info["name"]
        gp = part.groups[g]
        out.order.append(g)
        out.documents[g] = info["documents"]
        out.words[g] = info["words"]
        rows = with_squares(gp.matrix()) if studentized else gp.matrix()
        out.replicates[g] = replicate_sums(seed, gp.keys, rows, bootstrap)
        if gp.sentence_rows is not None:
            rows = with_squares(gp.sentence_rows) if studentized else gp.sentence_rows
            out.single[g] = (
                rows.shape[0],
                replicate_sums(seed, gp.keys, rows, bootstrap, sentences=True),
            )
        out.categories[g] = np.array(dist["categories"])
        out.frames[g] = np.array(dist["frames"])
        out.terms[g] = Counter(terms)
    for r in st["naming"]:
        out.naming[r["naming_group"], r["variant"], r["group"]] += r["count"]
        out.sides[r["variant"]] = r["side"]
    for r in st["speakers"]:
        out.speakers[r["group"], r["speaker"]] = {
            "count": r["count"],
            "stances": dict(r["stances"]),
            "direct": r["direct"],
        }
    return out


def merge(a: Partial, b: Partial) -> Partial:
    """The aggregates of ``a``'s documents followed by ``b``'s."""
    if not a.order:
        return b
    if not b.order:
        return a
    out = Partial(
        order=a.order + [g for g in b.order if g not in a.documents],
        naming=a.naming + b.naming,
        sides={**a.sides, **b.sides},
        names=a.names,
        options=a.options,
    )
    for g in out.order:
        both = g in a.documents and g in b.documents
        src = a if g in a.documents else b
        out.documents[g] = a.documents.get(g, 0) + b.documents.get(g, 0)
        out.words[g] = a.words.get(g, 0) + b.words.get(g, 0)
        if both:
            out.replicates[g] = a.replicates[g] + b.replicates[g]
            out.categories[g] = a.categories[g] + b.categories[g]
            out.frames[g] = a.frames[g] + b.frames[g]
            small, large = sorted((a.terms[g], b.terms[g]), key=len)
            out.terms[g] = large.copy()
            out.terms[g].update(small)
        else:
            out.replicates[g] = src.replicates[g]
            out.categories[g] = src.categories[g]
            out.frames[g] = src.frames[g]
            out.terms[g] = src.terms[g]
            if g in src.single:
                out.single[g] = src.single[g]
    for key in a.speakers.keys() | b.speakers.keys():
        x, y = a.speakers.get(key), b.speakers.get(key)
        if x is None or y is None:
            out.speakers[key] = a.speakers[key] if y is None else y
        else:
            stances = {s: x["stances"].get(s, 0) + y["stances"].get(s, 0) for s in x["stances"]}
            out.speakers[key] = {
                "count": x["count"] + y["count"],
                "stances": stances,
                "direct": x["direct"] + y["direct"],
            }
    return out


Totals = dict[str, tuple[int, np.ndarray, "np.ndarray | None"]]


def chain_sums(part: Part, before: Totals) -> Totals:
    """Per group: its documents, its ordered unit sums and, while it has one document, the
    ordered sums of that document's sentences, over the parts so far (``before``) and this one."""
    out = dict(before)
    for g, gp in part.groups.items():
        n, s, _ = out.get(g, (0, None, None))
        single = None
        if n == 0 and gp.sentence_rows is not None:
            single = ordered_sum(gp.sentence_rows)
        out[g] = (n + len(gp.keys), ordered_sum(gp.matrix(), s), single)
    return out


def jackknife_moments(part: Part, totals: Totals) -> dict[str, np.ndarray]:
    """Per group, the sums of d, d^2 and d^3 where d is a unit's leave-one-out ratio less the
    group's value, the residual sum of squares Σ(y − R·x)² of the studentized interval's
    standard error, and the number of units whose numerator is not zero (its degrees of
    freedom) (shape (5, measures)); the units are the sentences of a group's one document and
    the documents otherwise."""
    out: dict[str, np.ndarray] = {}
    for g, gp in part.groups.items():
        n, s, single = totals[g]
        rows = gp.matrix()
        if n == 1 and gp.sentence_rows is not None and single is not None:
            rows, s = gp.sentence_rows, single
        value = _ratio(s[0::2], s[1::2])
        d = _ratio(s[0::2] - rows[:, 0::2], s[1::2] - rows[:, 1::2]) - value
        residual = ((rows[:, 0::2] - value * rows[:, 1::2]) ** 2).sum(axis=0)
        carrying = (rows[:, 0::2] != 0).sum(axis=0)
        out[g] = np.stack(
            [d.sum(axis=0), (d**2).sum(axis=0), (d**3).sum(axis=0), residual, carrying]
        )
    return out


def _ratio(num: np.ndarray, den: np.ndarray) -> np.ndarray:
    """num / den, 0 where den is not positive (the core's ``ratio``)."""
    safe = np.where(den > 0, den, 1.0)
    return np.where(den > 0, num / safe, 0.0)


def _quantile(sorted_: np.ndarray, q: float) -> float:
    """The core's ``quantile``: linear interpolation between the sorted values."""
    pos = q * (len(sorted_) - 1)
    lo, hi = int(np.floor(pos)), int(np.ceil(pos))
    return float(sorted_[lo] + (sorted_[hi] - sorted_[lo]) * (pos - lo))


_NORMAL = NormalDist()


def _z(p: float) -> float:
    if p <= 0.0:
        return float("-inf")
    if p >= 1.0:
        return float("inf")
    return _NORMAL.inv_cdf(p)


def bca(
    theta: float, sorted_: np.ndarray, moments: np.ndarray, units: int, level: float = 0.95
) -> tuple[float, float]:
    """The core's BCa interval (``bca_interval``), with the jackknife given by the sums of its
    deviations ``moments`` (d, d^2, d^3 about any centre) over ``units`` units."""
    b = len(sorted_)
    # Ties with the value are counted half below, as in the core; a resample that reproduces the
    # value (all weights equal) is a tie whatever order its sums were added in.
    tol = 1e-12 * abs(theta)
    below = float(np.searchsorted(sorted_, theta - tol, side="left"))
    ties = float(np.searchsorted(sorted_, theta + tol, side="right")) - below
    share = min(max((below + 0.5 * ties) / b, 0.5 / b), 1.0 - 0.5 / b)
    z0 = _z(share)
    s1, s2, s3 = (float(x) for x in moments[:3])
    mean = s1 / units
    # Central sums about the jackknife mean, of (mean - d) as the core takes them.
    c2 = s2 - units * mean * mean
    c3 = -(s3 - 3.0 * mean * s2 + 2.0 * units * mean**3)
    a = c3 / (6.0 * c2**1.5) if c2 > 0.0 else 0.0
    alpha = (1.0 - level) / 2.0

    def adjusted(q: float) -> float | None:
        z = z0 + _z(q)
        den = 1.0 - a * z
        return _NORMAL.cdf(z0 + z / den) if den > 0.0 else None

    lo, hi = adjusted(alpha), adjusted(1.0 - alpha)
    if lo is not None and hi is not None and lo <= hi:
        return _quantile(sorted_, lo), _quantile(sorted_, hi)
    return _quantile(sorted_, alpha), _quantile(sorted_, 1.0 - alpha)


def _ratio_se(residual_squares: np.ndarray, den: np.ndarray, n: int) -> np.ndarray:
    """The core's ``ratio_se``: √(n/(n−1) · Σ(y − R·x)²) / Σx, 0 without a denominator."""
    if n < 2:
        return np.zeros_like(den)
    root = np.sqrt(n / (n - 1) * np.maximum(residual_squares, 0.0))
    return _ratio(root, den)


def _studentized_t(ratios: np.ndarray, reps: np.ndarray, values: np.ndarray, n: int) -> np.ndarray:
    """Each replicate's (R* − R) / se* per measure, as the core's comparison makes them: NaN
    without a denominator, ±infinity where the replicate has no spread but moved, 0 where it
    has none and did not. ``reps`` holds the weighted sums, then the weighted squares."""
    m = len(values)
    den = reps[:, 1 : 2 * m : 2]
    yy, xy, xx = reps[:, 2 * m :: 3], reps[:, 2 * m + 1 :: 3], reps[:, 2 * m + 2 :: 3]
    rss = yy - 2.0 * ratios * xy + ratios * ratios * xx
    # Rounding, not spread: every weighted unit has the same ratio.
    rss = np.where(rss <= 1e-12 * yy, 0.0, rss)
    se = _ratio_se(rss, den, n)
    d = ratios - values
    with np.errstate(divide="ignore", invalid="ignore"):
        t = np.where(
            se > 0,
            d / np.where(se > 0, se, 1.0),
            np.where(np.abs(d) <= 1e-12 * np.abs(values), 0.0, np.sign(d) * np.inf),
        )
    out: np.ndarray = np.where(den > 0, t, np.nan)
    return out


def assemble(
    merged: Partial,
    totals: Totals,
    moments: Sequence[dict[str, np.ndarray]],
    bootstrap: int,
    seed: int,
    interval: str,
) -> dict[str, Any]:
    """The state of a :class:`framelens.Comparison` (no between-group tests) from the merged
    aggregates, the ordered sums and the jackknife moments of every part."""
    names = merged.names
    m = len(names)
    order = merged.order
    jack: dict[str, np.ndarray] = {}
    for part in moments:
        for g, mo in part.items():
            jack[g] = jack[g] + mo if g in jack else mo
    groups, table = [], []
    for g in order:
        one = merged.documents[g] == 1
        if one:
            n, reps = merged.single[g]
            s = totals[g][2]
            assert s is not None
        else:
            n, s, reps = merged.documents[g], totals[g][1], merged.replicates[g]
        groups.append(
            {
                "name": g,
                "documents": merged.documents[g],
                "words": merged.words[g],
                "resampled": "sentences" if one else "documents",
            }
        )
        values = _ratio(s[0::2], s[1::2])
        resamples = t = se = None
        if bootstrap > 0 and n >= 2:
            ratios = _ratio(reps[:, 0 : 2 * m : 2], reps[:, 1 : 2 * m : 2])
            resamples = np.sort(ratios, axis=0)
            if interval == "studentized":
                se = _ratio_se(jack[g][3], s[1::2], n)
                t = _studentized_t(ratios, reps, values, n)
        for k in range(m):
            v = float(values[k])
            # The measure's figures the core's studentized interval reads, before the t values.
            counts = (names[k], one, n, int(jack[g][4, k]), float(s[2 * k]), float(s[2 * k + 1]))
            if bootstrap > 0 and (resamples is None or (one and names[k] in _FLAGS)):
                # One unit (a document of one sentence), or a provenance flag of one document
                # (the same in each of its sentences): nothing to resample. As in the core,
                # whatever the interval method, the exact interval of the count, not the
                # resamples' [value, value].
                low, high = _framelens._studentized_interval(*counts, 0.0, [], (v, v))
            elif resamples is None:
                # bootstrap=0: no interval, as in the core.
                low, high = math.nan, math.nan
            elif interval == "percentile":
                low, high = _quantile(resamples[:, k], 0.025), _quantile(resamples[:, k], 0.975)
            elif t is not None and se is not None:
                low, high = _framelens._studentized_interval(
                    *counts,
                    float(se[k]),
                    t[:, k].tolist(),
                    bca(v, resamples[:, k], jack[g][:, k], n),
                )
            else:
                low, high = bca(v, resamples[:, k], jack[g][:, k], n)
            # Undefined figures (no denominator, no interval) are null, as the core writes NaN.
            defined = s[2 * k + 1] > 0
            row: dict[str, Any] = {"measure": names[k], "group": g}
            for key, x in zip(("value", "low", "high"), (v, low, high), strict=True):
                row[key] = x if defined and not math.isnan(x) else None
            table.append(row)
    index = {g: i for i, g in enumerate(order)}
    naming = [
        {"naming_group": ng, "variant": var, "side": merged.sides[var], "group": g, "count": c}
        for (ng, var, g), c in sorted(
            merged.naming.items(), key=lambda kv: (kv[0][0], kv[0][1], index[kv[0][2]])
        )
    ]
    speakers = [
        {"group": g, "speaker": sp, **v}
        for (g, sp), v in sorted(
            merged.speakers.items(), key=lambda kv: (index[kv[0][0]], -kv[1]["count"], kv[0][1])
        )
    ]
    options = {
        **merged.options,
        "bootstrap": bootstrap,
        "seed": seed,
        "interval": interval,
        "permutations": 0,
    }
    return {
        "groups": groups,
        "table": table,
        "tests": [],
        "naming": naming,
        "speakers": speakers,
        "distributions": [
            {"categories": merged.categories[g].tolist(), "frames": merged.frames[g].tolist()}
            for g in order
        ],
        "options": options,
        "terms": [dict(merged.terms[g]) for g in order],
    }


def comparison(state: dict[str, Any]) -> Any:
    """A :class:`framelens.Comparison` from a state made by :func:`assemble`."""
    from .comparison import Comparison

    native = _framelens.Comparison._from_state(json.dumps(state).encode("utf-8"))
    return Comparison(native)
