"""``fl.fit`` and ``fl.Model``: a per-token logistic regression fitted to your own annotations.

The Rust core describes every word token by named features (``Analyzer.token_features``: the
word, its lemma and suffix, the two words either side within the sentence, capitalisation,
sentence-initial and in-quote flags, the markers covering it and the categories of those
covering its neighbours, your word lists and a background-frequency bin). :func:`fit` learns a
weight per feature with scikit-learn's logistic regression (``pip install framelens[fit]``),
chooses the decision threshold and the regularisation strength by cross-validation over
grouped folds, and returns a :class:`Model`: weights you can read, save as a plain, versioned
TSV file and load again. Scoring a model needs no scikit-learn.

**Guard against learning who is talked about.** With ``guard=True`` (the default) context
features (``w-2=``, ``w-1=``, ``w+1=``, ``w+2=``) whose word names a group (a nationality, a
party or political camp, a religion, an ethnic or social group: ``group_names.txt``, plus the
single-word terms of the lexicon's naming entries and any ``guard_words``) are not learned, so
a model cannot score text as loaded because of whom it is about. A token's own word is still
a feature. :meth:`Model.report` lists the top weights of every model.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from os import PathLike
from pathlib import Path
from typing import Any

from ._framelens import (
    CATEGORIES,
    Analysis,
    ConfigError,
    Document,
    FramelensIOError,
    ModelError,
)

#: The first line of a model file, and the format version this framelens writes; it reads this
#: one and the earlier ones (version 2 adds the features ``m-1.cat=`` and ``m+1.cat=``).
MODEL_FORMAT = "framelens-model"
MODEL_VERSION = 2
#: Context features the guard drops when their word is a group name.
CONTEXT_PREFIXES = ("w-2=", "w-1=", "w+1=", "w+2=")


def group_names(lexicon: Any = None) -> frozenset[str]:
    """The words the guard treats as group names: ``group_names.txt`` and the single-word
    terms of the naming entries of ``lexicon`` (the default lexicon when None)."""
    from . import Lexicon

    path = Path(__file__).with_name("group_names.txt")
    words = {
        w.strip()
        for w in path.read_text(encoding="utf-8").splitlines()
        if w.strip() and not w.startswith("#")
    }
    lex = lexicon if lexicon is not None else Lexicon.default()
    for e in lex.entries():
        if e.get("category") == "naming":
            for t in e.get("terms", []):
                term = t["text"] if isinstance(t, Mapping) else str(t)
                if " " not in term:
                    words.add(term.lower())
    return frozenset(words)


def _text_of(item: Any, i: int) -> str:
    if isinstance(item, str):
        return item
    if isinstance(item, (Document, Analysis)):
        return item.text
    raise TypeError(f"fit: text {i} is a {type(item).__name__}, not a str, Document or Analysis")


def _gold_spans(item: Any, i: int, length: int, category: str) -> list[tuple[int, int]]:
    """The gold spans of one text that are of ``category``, checked."""
    if not isinstance(item, (list, tuple)):
        raise ConfigError(f"gold[{i}]: expected a list of spans, got {type(item).__name__}")
    out = []
    for j, s in enumerate(item):
        where = f"gold[{i}][{j}]"
        if isinstance(s, Mapping):
            if "start" not in s or "end" not in s:
                raise ConfigError(f"{where}: a span needs 'start' and 'end'")
            start, end, cat = s["start"], s["end"], s.get("category", "loaded")
        elif isinstance(s, (list, tuple)) and len(s) in (2, 3):
            start, end = s[0], s[1]
            cat = s[2] if len(s) == 3 else "loaded"
        else:
            raise ConfigError(f"{where}: a span is (start, end) or a dict, got {s!r}")
        start, end = _offset(start, where), _offset(end, where)
        if not 0 <= start < end <= length:
            raise ConfigError(
                f"{where}: span ({start!r}, {end!r}) is not inside the text ({length} code points)"
            )
        if cat not in CATEGORIES:
            from .validation import GoldError  # imports the evaluation, which imports this

            known = ", ".join(CATEGORIES)
            raise GoldError(f"{where}: unknown category {cat!r} (categories: {known})")
        if cat == category:
            out.append((start, end))
    return out


def _offset(value: Any, where: str) -> int:
    """A span offset as an int: Python and numpy integers (spans read with pandas are numpy
    integers), not bools or floats."""
    import operator

    if isinstance(value, bool) or type(value).__name__ == "bool_":
        raise ConfigError(f"{where}: offsets must be integers, got {value!r}")
    try:
        return operator.index(value)
    except TypeError:
        raise ConfigError(f"{where}: offsets must be integers, got {value!r}") from None


# ---------------------------------------------------------------------------------------- model


@dataclass
class Model:
    """A fitted per-token scoring layer: a weight per feature, an intercept and the decision
    threshold on the probability. ``word_lists`` are the lists the features used (saved with
    the model, so scoring computes the same features); ``info`` holds how it was fitted."""

    weights: dict[str, float]
    intercept: float
    threshold: float
    category: str = "loaded"
    word_lists: dict[str, list[str]] = field(default_factory=dict)
    guard: bool = True
    info: dict[str, str] = field(default_factory=dict)
    #: The language pack the features were computed with; the model scores documents read in
    #: this language only (``fit`` records the language of the texts it was fitted on).
    language: str = "en"

    # -- scoring

    def probability(self, features: Iterable[str]) -> float:
        """The probability that a token with these features is marked (a repeated feature
        counts once, as in fitting)."""
        z = self.intercept + sum(self.weights.get(f, 0.0) for f in set(features))
        return 1.0 / (1.0 + math.exp(-z)) if z > -700 else 0.0

    def explain(self, features: Iterable[str], n: int = 5) -> list[tuple[str, float]]:
        """The ``n`` features with the largest positive weights among ``features``."""
        found = [(f, self.weights[f]) for f in set(features) if self.weights.get(f, 0.0) > 0]
        return sorted(found, key=lambda x: (-x[1], x[0]))[:n]

    def _lists(self) -> list[tuple[str, list[str]]]:
        return sorted(self.word_lists.items())

    def predict(
        self,
        texts: Sequence[str | Document | Analysis],
        analyzer: Any = None,
        threads: int | None = None,
    ) -> list[list[tuple[int, int, float]]]:
        """The tokens the model marks in each text: ``(start, end, probability)``, code-point
        offsets, for tokens whose probability reaches the threshold. As in
        ``Analyzer(model=...)``, a text read in another language than the model's gets none."""
        from . import default_analyzer

        an = analyzer if analyzer is not None else default_analyzer()
        strs = [_text_of(t, i) for i, t in enumerate(texts)]
        rows = an.token_features(strs, word_lists=self._lists(), threads=threads)
        out = []
        for text, tokens in zip(strs, rows, strict=True):
            found: list[tuple[int, int, float]] = []
            if an.detect_language(text) != self.language:
                out.append(found)
                continue
            for s, e, feats in tokens:
                p = self.probability(feats)
                if p >= self.threshold:
                    found.append((s, e, p))
            out.append(found)
        return out

    # -- report

    def top_weights(self, n: int = 20) -> list[tuple[str, float]]:
        """The ``n`` largest positive weights and then the ``n`` most negative."""
        ranked = sorted(self.weights.items(), key=lambda x: (-x[1], x[0]))
        pos = [x for x in ranked if x[1] > 0][:n]
        neg = [x for x in reversed(ranked) if x[1] < 0][:n]
        return pos + neg

    def report(self, n: int = 20) -> str:
        """A plain-text report: how the model was fitted and its top weights."""
        lines = [
            f"framelens model ({self.category}): {len(self.weights)} weights, "
            f"threshold {self.threshold:.3f}, guard {'on' if self.guard else 'off'}"
        ]
        lines += [f"  {k}: {v}" for k, v in sorted(self.info.items())]
        top = self.top_weights(n)
        lines.append(f"top {n} positive weights:")
        lines += [f"  {w:+.3f}  {f}" for f, w in top if w > 0]
        lines.append(f"top {n} negative weights:")
        lines += [f"  {w:+.3f}  {f}" for f, w in top if w < 0]
        return "\n".join(lines)

    # -- files

    def save(self, path: str | PathLike[str]) -> None:
        """Writes the model as a plain, versioned TSV file (see :meth:`load`)."""
        Path(path).write_text(self.dumps(), encoding="utf-8")

    def dumps(self) -> str:
        """The text of the model file :meth:`save` writes; a model that :meth:`load` would
        refuse (an unknown category, a threshold outside [0, 1], a number that is not finite or
        beyond ±1e6, a tab or line break in a name) raises :class:`ModelError` instead."""
        if self.category not in CATEGORIES:
            raise ModelError(f"cannot save: unknown category {self.category!r}")
        numbers = {"intercept": self.intercept, "threshold": self.threshold, **self.weights}
        checked = {k: _checked_number(v, f"cannot save {k!r}") for k, v in numbers.items()}
        if not 0.0 <= checked["threshold"] <= 1.0:
            raise ModelError(f"cannot save: threshold {self.threshold} is not in [0, 1]")
        info = {str(k): str(v) for k, v in self.info.items()}
        texts = [
            self.category,
            self.language,
            *self.weights,
            *self.word_lists,
            *(w for ws in self.word_lists.values() for w in ws),
            *info,
            *info.values(),
        ]
        for text in texts:
            if any(c in text for c in "\t\n\r"):
                raise ModelError(f"cannot save: {text!r} holds a tab or line break")
        lines = [
            f"{MODEL_FORMAT}\t{MODEL_VERSION}",
            "# A framelens model: a logistic regression over token features.",
            "# Lines: key<TAB>value...; weights are 'weight<TAB>feature<TAB>number'.",
            f"category\t{self.category}",
            f"language\t{self.language}",
            f"intercept\t{checked['intercept']!r}",
            f"threshold\t{checked['threshold']!r}",
            f"guard\t{'true' if self.guard else 'false'}",
        ]
        lines += [f"info\t{k}\t{v}" for k, v in sorted(info.items())]
        lines += [f"list\t{k}\t{' '.join(v)}" for k, v in sorted(self.word_lists.items())]
        lines += [f"weight\t{f}\t{checked[f]!r}" for f in sorted(self.weights)]
        return "\n".join(lines) + "\n"

    @classmethod
    def load(cls, path: str | PathLike[str]) -> Model:
        """Reads a model file written by :meth:`save`; a bad line raises :class:`ModelError`
        naming the file and line."""
        name = str(path)
        try:
            text = Path(path).read_text(encoding="utf-8")
        except UnicodeDecodeError as e:
            raise ModelError(f"{name}: not UTF-8 text ({e.reason} at byte {e.start})") from None
        except OSError as e:
            raise FramelensIOError(f"{name}: cannot read the model file: {e.strerror}") from None
        return cls.loads(text, name)

    @classmethod
    def loads(cls, text: str, name: str = "<string>") -> Model:
        """Parses a model from the text of a model file; ``name`` is used in error messages."""
        fields: dict[str, Any] = {}
        weights: dict[str, float] = {}
        lists: dict[str, list[str]] = {}
        info: dict[str, str] = {}
        header = False
        for n, line in enumerate(text.split("\n"), 1):
            line = line.removesuffix("\r")
            where = f"{name}:{n}"
            if not line.strip() or line.startswith("#"):
                continue
            cols = line.split("\t")
            if not header:
                if cols[0] != MODEL_FORMAT or len(cols) != 2:
                    raise ModelError(f"{where}: not a framelens model (expected '{MODEL_FORMAT}')")
                if cols[1] not in {str(v) for v in range(1, MODEL_VERSION + 1)}:
                    raise ModelError(
                        f"{where}: model format version {cols[1]!r}; this framelens reads "
                        f"versions 1 to {MODEL_VERSION}"
                    )
                header = True
                continue
            key = cols[0]
            if key in ("intercept", "threshold"):
                if len(cols) != 2:
                    raise ModelError(f"{where}: '{key}' takes one number")
                fields[key] = _number(cols[1], where)
            elif key == "category":
                if len(cols) != 2 or not cols[1]:
                    raise ModelError(f"{where}: 'category' takes one name")
                if cols[1] not in CATEGORIES:
                    raise ModelError(f"{where}: unknown category {cols[1]!r}")
                fields[key] = cols[1]
            elif key == "language":
                code = cols[1] if len(cols) == 2 else ""
                if not re.fullmatch("[a-z]{2,3}", code):
                    raise ModelError(f"{where}: 'language' takes one ISO 639 code such as en")
                fields[key] = code
            elif key == "guard":
                if len(cols) != 2 or cols[1] not in ("true", "false"):
                    raise ModelError(f"{where}: 'guard' is true or false")
                fields[key] = cols[1] == "true"
            elif key == "weight":
                if len(cols) != 3 or not cols[1]:
                    raise ModelError(f"{where}: 'weight' takes a feature and a number")
                if cols[1] in weights:
                    raise ModelError(f"{where}: feature {cols[1]!r} has a second weight")
                weights[cols[1]] = _number(cols[2], where)
            elif key == "list":
                if len(cols) != 3 or not cols[1]:
                    raise ModelError(f"{where}: 'list' takes a name and space-separated words")
                if cols[1] in lists:
                    raise ModelError(f"{where}: a second list named {cols[1]!r}")
                lists[cols[1]] = cols[2].split()
            elif key == "info":
                if len(cols) != 3:
                    raise ModelError(f"{where}: 'info' takes a key and a value")
                info[cols[1]] = cols[2]
            else:
                raise ModelError(f"{where}: unknown line kind {key!r}")
        if not header:
            raise ModelError(f"{name}: empty; not a framelens model")
        for key in ("intercept", "threshold"):
            if key not in fields:
                raise ModelError(f"{name}: no '{key}' line")
        if not 0.0 <= fields["threshold"] <= 1.0:
            raise ModelError(f"{name}: threshold {fields['threshold']} is not in [0, 1]")
        return cls(
            weights,
            fields["intercept"],
            fields["threshold"],
            category=fields.get("category", "loaded"),
            word_lists=lists,
            guard=fields.get("guard", True),
            info=info,
            language=fields.get("language", "en"),
        )


#: The largest magnitude of a weight or intercept a model file holds: a fitted logistic weight
#: is a few units, and sums of weights near the float limit overflow to a score that is not a
#: number.
MAX_WEIGHT = 1e6


def _number(text: str, where: str) -> float:
    try:
        x = float(text)
    except ValueError:
        raise ModelError(f"{where}: {text!r} is not a number") from None
    if not math.isfinite(x):
        raise ModelError(f"{where}: {text!r} is not a finite number")
    if abs(x) > MAX_WEIGHT:
        raise ModelError(f"{where}: {text!r} is beyond ±{MAX_WEIGHT:g}")
    return x


def _checked_number(value: Any, where: str) -> float:
    """``value`` as a plain float (numpy scalars included), as :func:`_number` would read it."""
    try:
        x = float(value)
    except (TypeError, ValueError):
        raise ModelError(f"{where}: {value!r} is not a number") from None
    return _number(repr(x), where)


# ------------------------------------------------------------------------------------------ fit


#: The inverse L2 strengths :func:`fit` tries by default, keeping the one the inner
#: cross-validation scores best. On the development halves of BABE, PTC and BASIL together
#: (``benches/fit_recipe.py``) the inner folds of all five outer folds chose 0.2.
C_GRID: tuple[float, ...] = (0.1, 0.2, 0.5, 1.0)


def _learner(c: float) -> Any:
    try:
        from sklearn.linear_model import LogisticRegression
    except ImportError:
        raise ImportError(
            "framelens.fit needs scikit-learn: pip install 'framelens[fit]'"
        ) from None
    return LogisticRegression(C=c, solver="liblinear", tol=1e-3)


class _Tokens:
    """Every token's features as one sparse 0/1 matrix (rows: tokens, columns: feature ids),
    built once; each fit takes rows and keeps the columns seen often enough in them."""

    def __init__(self, rows: Iterable[Iterable[str]]) -> None:
        import numpy as np
        from scipy.sparse import csr_matrix

        ids: dict[str, int] = {}
        indices: list[int] = []
        indptr = [0]
        for feats in rows:
            indices.extend({ids.setdefault(f, len(ids)) for f in feats})
            indptr.append(len(indices))
        self.names = list(ids)
        data = np.ones(len(indices), dtype=np.float64)
        self.x = csr_matrix((data, indices, indptr), shape=(len(indptr) - 1, len(ids)))

    def train(
        self, rows: Any, y: Any, c: float, min_count: int, what: str = "all texts"
    ) -> tuple[Any, float]:
        """Fits on the given rows (``what`` names them in errors): (weight per feature id,
        intercept)."""
        import numpy as np

        x = self.x[rows]
        counts = np.asarray(x.sum(axis=0)).ravel()
        cols = np.flatnonzero(counts >= min_count)
        yr = y[rows]
        if cols.size == 0 or yr.min() == yr.max():
            raise ConfigError(
                f"fit needs marked and unmarked tokens (and features seen at least min_count "
                f"times) in {what}: {int(yr.sum())} of {yr.size} tokens are marked"
                + (
                    "; with few marked texts, use fewer folds or group the texts"
                    if what != "all texts"
                    else ""
                )
            )
        clf = _learner(c)
        clf.fit(x[:, cols], yr)
        w = np.zeros(len(self.names))
        w[cols] = clf.coef_[0]
        return w, float(clf.intercept_[0])


def best_threshold(scores: Sequence[float], y: Sequence[int]) -> tuple[float, float]:
    """The threshold on ``scores`` that maximises F1 of the positive class, and that F1
    (ties go to the higher threshold)."""
    order = sorted(range(len(scores)), key=lambda i: -scores[i])
    total = sum(y)
    best = (1.0, 0.0)
    tp = 0
    for k, i in enumerate(order, 1):
        tp += y[i]
        if k < len(order) and scores[order[k]] == scores[i]:
            continue
        p, r = tp / k, (tp / total if total else 0.0)
        f = 2 * p * r / (p + r) if p + r else 0.0
        if f > best[1]:
            best = (float(scores[i]), f)
    return best


def fit(
    texts: Sequence[str | Document | Analysis],
    gold: Sequence[Sequence[Any]],
    *,
    category: str = "loaded",
    word_lists: Mapping[str, Iterable[str]] | None = None,
    guard: bool = True,
    guard_words: Iterable[str] = (),
    groups: Sequence[str] | None = None,
    folds: int = 5,
    c: float | Sequence[float] = C_GRID,
    min_count: int = 2,
    seed: int = 0,
    analyzer: Any = None,
    threads: int | None = None,
) -> Model:
    """Fits a :class:`Model` to hand-coded spans.

    ``gold`` holds one list per text of the spans a coder marked, as ``(start, end)``
    code-point pairs or dicts with ``start``, ``end`` and ``category`` (default "loaded"); a
    token is marked when it overlaps a span of ``category``. Texts may be strings, Documents
    or Analyses. ``word_lists`` (``{name: words}``) add the feature ``list=name``.

    The threshold is chosen by ``folds``-fold cross-validation: texts are grouped by
    ``groups`` (one label per text; default: each text its own group), each fold's model is
    fitted on the other folds, and the threshold maximising token F1 over the held-out
    probabilities is kept; the returned model is then fitted on every text. ``c`` is the
    inverse L2 strength, or several (default :data:`C_GRID`), of which the same
    cross-validation keeps the one whose best threshold gives the highest held-out token F1
    (``model.info["c"]``; each costs one fit per fold). Features seen in fewer than
    ``min_count`` training tokens are left out. With ``guard`` (default) context features naming
    groups are not learned (module docs). Needs scikit-learn (``pip install 'framelens[fit]'``).
    """
    import numpy as np

    from . import default_analyzer
    from .evaluate.stats import fold_of

    if isinstance(texts, str):
        raise TypeError("fit: texts is one string; pass a list of texts")
    strs = [_text_of(t, i) for i, t in enumerate(texts)]
    if len(gold) != len(strs):
        raise ConfigError(f"{len(strs)} texts but {len(gold)} gold items")
    if groups is not None and len(groups) != len(strs):
        raise ConfigError(f"{len(strs)} texts but {len(groups)} group labels")
    if category not in CATEGORIES:
        raise ConfigError(f"unknown category {category!r} (categories: {', '.join(CATEGORIES)})")
    if isinstance(folds, bool) or not isinstance(folds, int) or folds < 2:
        raise ConfigError(f"folds must be at least 2 (an integer), not {folds!r}")
    try:
        grid = [float(c)] if isinstance(c, int | float) else [float(x) for x in c]
    except (TypeError, ValueError):
        grid = []
    if not grid or any(not math.isfinite(x) or x <= 0 for x in grid):
        raise ConfigError(f"c must be positive, or a non-empty sequence of such, not {c!r}")
    for name, given in (("word_lists", word_lists), ("guard_words", guard_words)):
        values = given.values() if isinstance(given, Mapping) else [given]
        if any(isinstance(v, str) for v in values):
            raise TypeError(f"fit: {name} takes lists of words, not a string")
    spans = [
        _gold_spans(g, i, len(t), category) for i, (g, t) in enumerate(zip(gold, strs, strict=True))
    ]
    lists = {k: sorted({w.lower() for w in v}) for k, v in (word_lists or {}).items()}
    for k, ws in lists.items():
        if not k or any(ch.isspace() for ch in k) or any(not w or " " in w for w in ws):
            raise ConfigError(f"word list {k!r}: names and words must be single words")
    _learner(grid[0])  # scikit-learn is there, before the features are computed
    an = analyzer if analyzer is not None else default_analyzer()
    feats = an.token_features(strs, word_lists=sorted(lists.items()), threads=threads)
    # The features are read in each text's language, and a model scores documents of its own
    # language only: one language per fit.
    languages = sorted({an.detect_language(t) for t in strs})
    if len(languages) > 1:
        raise ConfigError(
            f"fit: the texts are in several languages ({', '.join(languages)}); fit one model "
            "per language"
        )
    blocked: frozenset[str] = frozenset()
    if guard:
        names = group_names(an.lexicon) | {w.lower() for w in guard_words}
        blocked = frozenset(p + w for p in CONTEXT_PREFIXES for w in names)
    labels = list(groups) if groups is not None else [str(i) for i in range(len(strs))]
    doc_fold = [fold_of(label, folds, seed=seed, salt="fit") for label in labels]
    ys: list[int] = []
    fold_list: list[int] = []

    def rows() -> Iterable[Iterable[str]]:
        for d, (tokens, gs) in enumerate(zip(feats, spans, strict=True)):
            for s, e, fs in tokens:
                ys.append(int(any(s < ge and gs_ < e for gs_, ge in gs)))
                fold_list.append(doc_fold[d])
                yield (f for f in fs if f not in blocked) if blocked else fs

    tokens = _Tokens(rows())
    y = np.asarray(ys, dtype=np.int64)
    fold = np.asarray(fold_list)
    best: tuple[float, float, float] | None = None  # (cv F1, threshold, c)
    for ci in grid:
        held = np.zeros(len(y))
        for part in range(folds):
            test = np.flatnonzero(fold == part)
            if test.size == 0:
                continue
            w, b = tokens.train(
                np.flatnonzero(fold != part), y, ci, min_count, f"the training texts of fold {part}"
            )
            held[test] = 1.0 / (1.0 + np.exp(-(tokens.x[test] @ w + b)))
        threshold, cv_f1 = best_threshold(held.tolist(), ys)
        if best is None or cv_f1 > best[0]:
            best = (cv_f1, threshold, ci)
    assert best is not None
    cv_f1, threshold, chosen = best
    w, b = tokens.train(np.arange(len(y)), y, chosen, min_count)
    weights = {tokens.names[i]: float(w[i]) for i in np.flatnonzero(w)}
    info = {
        "texts": str(len(strs)),
        "tokens": str(len(ys)),
        "marked_tokens": str(sum(ys)),
        "folds": str(folds),
        "c": repr(chosen),
        "min_count": str(min_count),
        "cv_token_f1": f"{cv_f1:.4f}",
    }
    return Model(
        weights,
        b,
        threshold,
        category,
        lists,
        guard,
        info,
        language=languages[0] if languages else "en",
    )
