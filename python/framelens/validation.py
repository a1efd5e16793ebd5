"""``fl.validate``: check framelens against a sample you have coded by hand.

Gold is what a coder marked in each document, in one of two forms:

- **spans**: a list per document of ``(start, end)`` or ``(start, end, category)`` code-point
  pairs, or dicts with ``start``, ``end`` and ``category`` (default ``"loaded"``);
- **labels** (a sentence or a document coded as a whole): per document ``True``/``False`` (has
  loaded language or not), a category name, a set of the category names present, or a dict
  ``{category: bool}``.

Span matching (``match``): ``"overlap"`` (default) counts a marker as correct when it overlaps a
gold span of its category, and a gold span as found when a marker of its category overlaps it;
``"exact"`` wants the same start and end; ``"partial"`` gives the SemEval-2020 task 11 partial
credit (the share of each span's code points the other side covers, each side merged where its
spans overlap). A label is predicted when the document has a marker of the category.

Precision, recall and F1 are pooled over documents, each with a 95% percentile bootstrap
interval over documents (:func:`framelens.evaluate.bootstrap`, seeded).
"""

from __future__ import annotations

import bisect
import sys
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Literal

from ._framelens import CATEGORIES, Analysis, FramelensError, Marker
from .evaluate import stats
from .evaluate.lexical import merge as _merge
from .evaluate.lexical import overlap as _overlap
from .evaluate.lexical import shared as _shared
from .evaluate.stats import Estimate, f1, ratio

GoldSpan = tuple[int, int, str]

#: The columns of the disagreements table, in order.
DISAGREEMENT_COLUMNS = (
    "doc",
    "doc_id",
    "category",
    "kind",
    "start",
    "end",
    "text",
    "entry",
    "voice",
    "context",
)


class GoldError(FramelensError, ValueError):
    """Gold annotations are malformed; the message names the document and the item."""


# ------------------------------------------------------------------------------- reading gold


def _is_span(item: Any) -> bool:
    if isinstance(item, Mapping):
        return "start" in item
    return isinstance(item, (tuple, list)) and len(item) in (2, 3)


def _span(item: Any, where: str, length: int) -> GoldSpan:
    """One gold span, checked against the text length."""
    if isinstance(item, Mapping):
        if "end" not in item:
            raise GoldError(f"{where}: a span needs 'start' and 'end', got keys {sorted(item)}")
        start, end, cat = item["start"], item["end"], item.get("category", "loaded")
    else:
        start, end = item[0], item[1]
        cat = item[2] if len(item) == 3 else "loaded"
    if isinstance(start, bool) or isinstance(end, bool):
        raise GoldError(f"{where}: start and end must be integers, got {start!r}, {end!r}")
    if not isinstance(start, int) or not isinstance(end, int):
        raise GoldError(f"{where}: start and end must be integers, got {start!r}, {end!r}")
    if not 0 <= start < end <= length:
        raise GoldError(
            f"{where}: span ({start}, {end}) is not inside the text "
            f"({length} code points; start < end needed)"
        )
    return start, end, _category(cat, where)


def _category(cat: Any, where: str) -> str:
    if not isinstance(cat, str) or cat not in CATEGORIES:
        raise GoldError(f"{where}: unknown category {cat!r} (one of {', '.join(CATEGORIES)})")
    return cat


def _labels(item: Any, where: str) -> dict[str, bool]:
    """A label item as ``{category: present}`` (categories it does not name are absent)."""
    if isinstance(item, bool):
        return {"loaded": item}
    if isinstance(item, str):
        return {_category(item, where): True}
    if isinstance(item, (set, frozenset)):
        return {_category(c, where): True for c in item}
    if isinstance(item, Mapping):
        out = {}
        for c, v in item.items():
            if not isinstance(v, bool):
                raise GoldError(f"{where}: label of {c!r} must be True or False, got {v!r}")
            out[_category(c, where)] = v
        return out
    raise GoldError(
        f"{where}: a label is True/False, a category name, a set of them or a dict "
        f"{{category: bool}}; got {type(item).__name__}"
    )


def read_gold(
    analyses: Sequence[Analysis], gold: Sequence[Any]
) -> tuple[str, list[list[GoldSpan]], list[dict[str, bool]]]:
    """The gold as ``(level, spans per document, labels per document)``: level ``"span"``
    (the labels empty) or ``"label"`` (the spans empty)."""
    if len(gold) != len(analyses):
        raise GoldError(f"{len(analyses)} analyses but {len(gold)} gold items")
    kinds = set()
    for item in gold:
        if isinstance(item, (list, tuple)) and all(_is_span(x) for x in item):
            if item:
                kinds.add("span")
        else:
            kinds.add("label")
    if len(kinds) > 1:
        raise GoldError("gold mixes span lists and labels; code every document the same way")
    level = kinds.pop() if kinds else "span"
    if level == "span":
        spans = []
        for i, (a, item) in enumerate(zip(analyses, gold, strict=True)):
            n = len(a.text)
            spans.append(sorted(_span(x, f"gold[{i}][{j}]", n) for j, x in enumerate(item)))
        return level, spans, []
    return level, [], [_labels(item, f"gold[{i}]") for i, item in enumerate(gold)]


# ---------------------------------------------------------------------------------- matching


def _hit_counts(
    n_pred: int, n_gold: int, extra: Sequence[Marker], missed: Sequence[tuple[int, int]]
) -> dict[str, float]:
    """Counts when each prediction and each gold span is a hit or a miss as a whole."""
    return {
        "tp_pred": float(n_pred - len(extra)),
        "n_pred": float(n_pred),
        "tp_gold": float(n_gold - len(missed)),
        "n_gold": float(n_gold),
    }


def _touches(span: tuple[int, int], merged: Sequence[tuple[int, int]]) -> bool:
    """Whether ``span`` shares a character with any of ``merged`` (sorted, disjoint spans, as
    :func:`_merge` makes them), by binary search: one document with thousands of markers and
    gold spans took minutes when each was tested against all the others."""
    i = bisect.bisect_right(merged, (span[0], sys.maxsize))
    # The last merged span starting at or before span's start, and the one after it.
    return any(_overlap(span, merged[j]) > 0 for j in (i - 1, i) if 0 <= j < len(merged))


def _span_counts(
    pred: Sequence[Marker], gold: Sequence[tuple[int, int]], match: str
) -> tuple[dict[str, float], list[Marker], list[tuple[int, int]]]:
    """Counts of one document and category, with the markers and gold spans nothing matched."""
    ps = [(m.start, m.end) for m in pred]
    if match == "exact":
        gold_set, pred_set = set(gold), set(ps)
        extra = [m for m, p in zip(pred, ps, strict=True) if p not in gold_set]
        missed = [g for g in gold if g not in pred_set]
        return _hit_counts(len(ps), len(gold), extra, missed), extra, missed
    mp, mg = _merge(ps), _merge(gold)
    extra = [m for m, p in zip(pred, ps, strict=True) if not _touches(p, mg)]
    missed = [g for g in gold if not _touches(g, mp)]
    if match == "overlap":
        return _hit_counts(len(ps), len(gold), extra, missed), extra, missed
    in_p, in_g = _shared(mp, mg)
    p_sum = sum(n / (p[1] - p[0]) for n, p in zip(in_p, mp, strict=True))
    r_sum = sum(n / (g[1] - g[0]) for n, g in zip(in_g, mg, strict=True))
    counts = {
        "tp_pred": p_sum,
        "n_pred": float(len(mp)),
        "tp_gold": r_sum,
        "n_gold": float(len(mg)),
    }
    return counts, extra, missed


def _figures(categories: Sequence[str], level: str) -> Any:
    def figures(total: Mapping[str, float]) -> dict[str, float]:
        out: dict[str, float] = {}
        for c in categories:
            g = total.get
            p = ratio(g(f"{c}\0tp_pred", 0.0), g(f"{c}\0n_pred", 0.0))
            r = ratio(g(f"{c}\0tp_gold", 0.0), g(f"{c}\0n_gold", 0.0))
            out[f"{c}\0precision"] = p
            out[f"{c}\0recall"] = r
            out[f"{c}\0f1"] = f1(p, r)
            if level == "label":
                out[f"{c}\0accuracy"] = ratio(g(f"{c}\0correct", 0.0), g(f"{c}\0n", 0.0))
        return out

    return figures


def _context(text: str, start: int, end: int, width: int = 40) -> str:
    lo, hi = max(0, start - width), min(len(text), end + width)
    snippet = text[lo:start] + "[" + text[start:end] + "]" + text[end:hi]
    return " ".join(snippet.split())


# ------------------------------------------------------------------------------------- result


@dataclass(frozen=True)
class Validation:
    """What :func:`validate` found: figures per category with intervals, and the disagreements.

    ``scores[category][figure]`` is an :class:`~framelens.evaluate.Estimate` (``value``, ``low``,
    ``high``) for ``precision``, ``recall`` and ``f1`` (and ``accuracy`` for labels);
    ``counts[category]`` holds ``n_gold`` and ``n_pred``. ``disagreements`` is a pandas
    DataFrame when pandas is installed, else a list of dicts, one row per gold span nothing
    found (``kind="missed"``) and per marker that meets no gold (``kind="extra"``), with the
    columns of :data:`DISAGREEMENT_COLUMNS`."""

    level: str
    match: str
    documents: int
    scores: dict[str, dict[str, Estimate]]
    counts: dict[str, dict[str, float]]
    disagreements: Any

    def to_dict(self) -> dict[str, Any]:
        """A JSON-able dict: level, match, documents, scores, counts and disagreements."""
        rows = self.disagreements
        if hasattr(rows, "to_dict"):
            rows = rows.astype(object).where(rows.notna(), None).to_dict("records")
        return {
            "level": self.level,
            "match": self.match,
            "documents": self.documents,
            "scores": {
                c: {k: e.to_dict() for k, e in figs.items()} for c, figs in self.scores.items()
            },
            "counts": self.counts,
            "disagreements": list(rows),
        }

    def table(self) -> str:
        """The scores as a plain-text table, one row per category."""
        figs = ["precision", "recall", "f1"] + (["accuracy"] if self.level == "label" else [])
        header = ["category", *figs, "gold", "predicted"]
        rows = []
        for c, est in self.scores.items():
            cells = [f"{est[f].value:.3f} [{est[f].low:.3f}, {est[f].high:.3f}]" for f in figs]
            n = self.counts[c]
            rows.append([c, *cells, f"{n['n_gold']:g}", f"{n['n_pred']:g}"])
        widths = [max(len(r[i]) for r in [header, *rows]) for i in range(len(header))]
        lines = ["  ".join(h.ljust(w) for h, w in zip(header, widths, strict=True)).rstrip()]
        lines.append("  ".join("-" * w for w in widths))
        lines += ["  ".join(x.ljust(w) for x, w in zip(r, widths, strict=True)) for r in rows]
        unit = "documents" if self.level == "label" else f"documents, {self.match} match"
        return (
            "\n".join(lines) + f"\n({self.documents} {unit}; 95% bootstrap intervals over "
            f"documents; {len(self.disagreements)} disagreements)"
        )

    def __str__(self) -> str:
        return self.table()


def _frame(rows: list[dict[str, Any]]) -> Any:
    try:
        import pandas as pd
    except ImportError:
        return rows
    return pd.DataFrame(rows, columns=list(DISAGREEMENT_COLUMNS))


def validate(
    analyses: Sequence[Analysis],
    gold: Sequence[Any],
    *,
    categories: Sequence[str] | None = None,
    match: Literal["overlap", "exact", "partial"] = "overlap",
    voice: Literal["author", "quoted"] | None = None,
    include_negated: bool = False,
    bootstrap: int = 1000,
    seed: int = 0,
) -> Validation:
    """Scores ``analyses`` against the hand-coded ``gold`` (one item per analysis, see the
    module docs): precision, recall and F1 per category with 95% bootstrap intervals over
    documents, and the disagreements to inspect.

    ``categories`` defaults to the categories the gold mentions. Markers in the scope of a
    negation are left out unless ``include_negated``; ``voice`` keeps only markers of one voice.
    """
    analyses = list(analyses)
    for i, a in enumerate(analyses):
        if not isinstance(a, Analysis):
            raise TypeError(f"validate: item {i} is a {type(a).__name__}, not an Analysis")
    if match not in ("overlap", "exact", "partial"):
        raise GoldError(f"match must be 'overlap', 'exact' or 'partial', not {match!r}")
    if voice not in (None, "author", "quoted"):
        raise GoldError(f"voice must be None, 'author' or 'quoted', not {voice!r}")
    level, gold_spans, gold_labels = read_gold(analyses, list(gold))
    if categories is None:
        found: set[str] = set()
        for sp in gold_spans:
            found |= {x[2] for x in sp}
        for lab in gold_labels:
            found |= set(lab)
        cats = [c for c in CATEGORIES if c in found] or ["loaded"]
    else:
        cats = [_category(c, "categories") for c in categories]

    def kept(m: Marker, c: str) -> bool:
        return (
            m.category == c
            and (include_negated or not m.negated)
            and (voice is None or m.voice == voice)
        )

    units: list[dict[str, float]] = []
    rows: list[dict[str, Any]] = []
    for i, a in enumerate(analyses):
        unit: dict[str, float] = {}
        markers = a.markers
        for c in cats:
            pred = [m for m in markers if kept(m, c)]
            if level == "span":
                g = [(x[0], x[1]) for x in gold_spans[i] if x[2] == c]
                counts, extra, missed = _span_counts(pred, g, match)
                for k, v in counts.items():
                    unit[f"{c}\0{k}"] = v
                for s, e in missed:
                    rows.append(_row(i, a, c, "missed", s, e, None, None))
                for m in extra:
                    rows.append(_row(i, a, c, "extra", m.start, m.end, m.entry, m.voice))
                continue
            says = bool(pred)
            is_ = gold_labels[i].get(c, False)
            unit.update(
                {
                    f"{c}\0tp_pred": float(says and is_),
                    f"{c}\0tp_gold": float(says and is_),
                    f"{c}\0n_pred": float(says),
                    f"{c}\0n_gold": float(is_),
                    f"{c}\0correct": float(says == is_),
                    f"{c}\0n": 1.0,
                }
            )
            if says != is_:
                row = dict.fromkeys(DISAGREEMENT_COLUMNS)
                row.update(doc=i, doc_id=a.doc_id, category=c)
                row["kind"] = "extra" if says else "missed"
                row["text"] = "; ".join(m.text for m in pred) if says else a.text[:200]
                row["entry"] = "; ".join(m.entry for m in pred) if says else None
                rows.append(row)
        units.append(unit)
    est = stats.bootstrap(units, _figures(cats, level), resamples=bootstrap, seed=seed)
    scores: dict[str, dict[str, Estimate]] = {c: {} for c in cats}
    for key, estimate in est.items():
        cat, fig = key.split("\0")
        scores[cat][fig] = estimate
    totals = {
        c: {k: sum(u.get(f"{c}\0{k}", 0.0) for u in units) for k in ("n_gold", "n_pred")}
        for c in cats
    }
    return Validation(level, match, len(analyses), scores, totals, _frame(rows))


def _row(
    i: int,
    a: Analysis,
    category: str,
    kind: str,
    start: int,
    end: int,
    entry: str | None,
    voice: str | None,
) -> dict[str, Any]:
    text = a.text
    return {
        "doc": i,
        "doc_id": a.doc_id,
        "category": category,
        "kind": kind,
        "start": start,
        "end": end,
        "text": text[start:end],
        "entry": entry,
        "voice": voice,
        "context": _context(text, start, end),
    }


# -------------------------------------------------------------------------------- command line


def read_gold_jsonl(
    path: str, text_col: str = "text", id_col: str = "id"
) -> tuple[list[dict[str, Any]], list[Any]]:
    """Documents and gold from a JSON Lines file (``-`` for standard input): each line has the
    text and either ``spans`` (a list of ``[start, end]`` pairs or ``{start, end, category}``
    dicts) or ``label``/``labels`` (true/false, a category, a list of categories or a dict
    ``{category: bool}``)."""
    import json
    import sys
    from pathlib import Path

    try:
        raw = sys.stdin.read() if path == "-" else Path(path).read_text(encoding="utf-8")
    except UnicodeDecodeError as e:
        raise GoldError(f"{path}: not UTF-8 text ({e.reason} at byte {e.start})") from None
    raw = raw.removeprefix("\ufeff")
    docs: list[dict[str, Any]] = []
    gold: list[Any] = []
    # Lines end with \n only: str.splitlines would also break at U+2028, U+2029 and U+0085,
    # which JSON leaves unescaped inside strings.
    for n, line in enumerate(raw.split("\n"), 1):
        if not line.strip():
            continue
        where = f"{path}:{n}"
        try:
            row = json.loads(line)
        except json.JSONDecodeError as e:
            raise GoldError(f"{where}: not JSON ({e.msg})") from None
        if not isinstance(row, dict) or not isinstance(row.get(text_col), str):
            raise GoldError(f"{where}: expected an object with a {text_col!r} string")
        if "spans" in row:
            if not isinstance(row["spans"], list):
                raise GoldError(f"{where}: 'spans' must be a list")
            item: Any = [tuple(s) if isinstance(s, list) else s for s in row["spans"]]
        elif "labels" in row or "label" in row:
            item = row.get("labels", row.get("label"))
            if isinstance(item, list):
                if not all(isinstance(x, str) for x in item):
                    raise GoldError(f"{where}: a list of labels holds category names only")
                item = set(item)
        else:
            raise GoldError(f"{where}: no 'spans', 'label' or 'labels' to validate against")
        doc_id = row.get(id_col)
        docs.append({"text": row[text_col], "doc_id": None if doc_id is None else str(doc_id)})
        gold.append(item)
    return docs, gold


def add_command(sub: Any) -> None:
    """Adds ``framelens validate`` to the command line's subparsers."""
    from .cli import positive_int

    v = sub.add_parser(
        "validate",
        help="score framelens against a hand-coded JSON Lines sample (spans or labels)",
    )
    v.add_argument("gold", help="JSON Lines: text and spans, or text and label(s) ('-': stdin)")
    v.add_argument("--text-col", default="text", help="field with the text (default: text)")
    v.add_argument("--id-col", default="id", help="field with the document id (default: id)")
    v.add_argument("--match", choices=["overlap", "exact", "partial"], default="overlap")
    v.add_argument("--voice", choices=["author", "quoted"], default=None)
    v.add_argument("--format", choices=["table", "json"], default="table")
    v.add_argument("--disagreements", help="write the disagreements to this CSV file")
    v.add_argument("--bootstrap", type=positive_int, default=1000, help="bootstrap resamples")
    v.add_argument("--seed", type=int, default=0, help="bootstrap seed")
    v.set_defaults(func=run_command)


def run_command(args: Any) -> int:
    """Runs ``framelens validate``."""
    import csv
    import json

    from . import analyze_batch

    docs, gold = read_gold_jsonl(args.gold, args.text_col, args.id_col)
    result = validate(
        analyze_batch(docs),
        gold,
        match=args.match,
        voice=args.voice,
        bootstrap=args.bootstrap,
        seed=args.seed,
    )
    data = result.to_dict()
    if args.disagreements:
        from .cli import StagedOutput, escape_cell

        with (
            StagedOutput(args.disagreements, args.gold) as target,
            open(target, "w", newline="", encoding="utf-8") as f,
        ):
            w = csv.DictWriter(f, fieldnames=list(DISAGREEMENT_COLUMNS))
            w.writeheader()
            rows = data["disagreements"]
            w.writerows({k: escape_cell(v) for k, v in row.items()} for row in rows)
    if args.format == "json":
        print(json.dumps(data, ensure_ascii=False))
    else:
        print(result.table())
    return 0
