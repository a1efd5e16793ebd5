"""``framelens.Comparison``: groups of documents side by side, with tables as pandas DataFrames
when pandas is installed (lists of dicts otherwise), an HTML view and plots."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from html import escape
from importlib import resources
from typing import Any

from . import _framelens, display
from ._frames import to_frame

_CACHE: dict[str, Any] = {}


def skip_words() -> frozenset[str]:
    """The words :meth:`Comparison.distinctive_terms` leaves out by default: English function
    words and page furniture (``data/distinctive_skip_en.txt``)."""
    if "skip" not in _CACHE:
        path = resources.files("framelens").joinpath("data/distinctive_skip_en.txt")
        _CACHE["skip"] = frozenset(
            w
            for line in path.read_text("utf-8").splitlines()
            if (w := line.split("#", 1)[0].strip().lower())
        )
    words: frozenset[str] = _CACHE["skip"]
    return words


def _naming_terms() -> dict[str, str]:
    """Lowercased term -> naming entry id, from the default lexicon's naming entries."""
    if "naming" not in _CACHE:
        from . import default_analyzer

        out: dict[str, str] = {}
        for e in default_analyzer().lexicon.entries():
            if e["category"] == "naming":
                for t in e["terms"]:
                    out.setdefault(t["text"].lower(), e["id"])
        _CACHE["naming"] = out
    terms: dict[str, str] = _CACHE["naming"]
    return terms


def _where(row: dict[str, Any]) -> str:
    """group/document, or the group alone when the document is the group."""
    same = row["group"] == row["doc_id"]
    return str(row["group"]) if same else f"{row['group']}/{row['doc_id']}"


def _one_line(s: str) -> str:
    """Context on one line: each run of whitespace (line breaks too) as one space."""
    return re.sub(r"\s+", " ", s)


def _naming_of(term: str, naming: dict[str, str]) -> str:
    """The naming entry of a term, its possessive ("regime's") included; "" when none."""
    t = term.lower()
    for suffix in ("'s", "\u2019s"):
        if t.endswith(suffix) and t not in naming:
            t = t[: -len(suffix)]
    return naming.get(t, "")


def _floats(frame: Any, columns: Sequence[str]) -> Any:
    """A DataFrame's ``columns`` as floats, an undefined figure (``None``) as NaN even where a
    column has no other value; a list of dicts as it is."""
    if isinstance(frame, list) or frame.empty:
        return frame
    return frame.astype({c: float for c in columns})


class KeywordInContext:
    """The passages where a term occurs (keyword in context): one row per occurrence with its
    group, document, offsets and the text to its left and right. Prints as aligned lines and
    shows as an HTML table in notebooks; :meth:`table` gives the rows."""

    __module__ = "framelens"

    def __init__(self, term: str, rows: list[dict[str, Any]]) -> None:
        self.term = term
        self.rows = rows

    def table(self) -> Any:
        """The rows: group, doc_id, start, end, left, match, right (a DataFrame with pandas)."""
        return to_frame(self.rows)

    def __len__(self) -> int:
        return len(self.rows)

    def __str__(self) -> str:
        if not self.rows:
            return f"no passages use {self.term!r}"
        width = max(len(r["left"]) for r in self.rows)
        return "\n".join(
            f"{_where(r)}: {r['left'].rjust(width)} [{r['match']}] {r['right']}" for r in self.rows
        )

    def __repr__(self) -> str:
        return f"KeywordInContext({self.term!r}, {len(self.rows)} passages)"

    def _repr_html_(self) -> str:
        trs = "".join(
            f"<tr><td>{escape(r['group'])}</td><td>{escape(r['doc_id'])}</td>"
            f'<td style="text-align:right;white-space:pre">{escape(r["left"])}</td>'
            f'<td style="white-space:pre"><b style="background:#FBE3CC">{escape(r["match"])}'
            f"</b>{escape(r['right'])}</td></tr>"
            for r in self.rows
        )
        return (
            f'<table class="framelens-kwic"><caption>{len(self.rows)} passages using '
            f"“{escape(self.term)}”</caption><thead><tr><th>group</th><th>document</th>"
            f"<th></th><th></th></tr></thead><tbody>{trs}</tbody></table>"
        )


class Comparison:
    """The result of :func:`framelens.compare`: profile rates with intervals per group,
    distinctive terms, naming variants, speakers and divergences."""

    __module__ = "framelens"
    __slots__ = ("_native", "_analyses", "_labels")

    def __init__(
        self,
        native: _framelens.Comparison,
        analyses: Sequence[_framelens.Analysis] | None = None,
        labels: Sequence[str] | None = None,
    ) -> None:
        self._native = native
        self._analyses = list(analyses) if analyses is not None else None
        self._labels = list(labels) if labels is not None else None

    @property
    def groups(self) -> list[dict[str, Any]]:
        """The groups: name, documents, words, and what the intervals resample."""
        return self._native.groups

    def table(self) -> Any:
        """The profile table: measure, group, value, low, high (95% bootstrap interval). An
        undefined figure (no denominator; no interval with ``bootstrap=0``) is ``None`` without
        pandas and NaN in a DataFrame."""
        return _floats(to_frame(self._native.table()), ("value", "low", "high"))

    def tests(self) -> Any:
        """The between-group test of each measure: measure, statistic (the groups' weighted
        spread around the pooled value), p_permutation (a seeded permutation test of the group
        labels over documents) and p_holm (after Holm's correction across the measures, which
        holds whatever their dependence). ``None`` for a measure no document has; no rows when
        a group has fewer than two documents or ``permutations=0``."""
        return to_frame(self._native.tests())

    def distinctive_terms(
        self,
        a: str,
        b: str | None = None,
        top: int = 20,
        min_count: int = 3,
        keep_stop_words: bool = False,
    ) -> Any:
        """Words most typical of group ``a`` against ``b`` (or all other groups), by log-odds
        z-score; the ``top`` highest (all when 0). Words seen fewer than ``min_count`` times
        in both groups together are left out, and so are function words and page furniture
        ("photos", "caption": :func:`skip_words`) unless ``keep_stop_words``. The ``naming``
        column names the naming entry a term is a variant of ("" when none)."""
        if top < 0:
            raise _framelens.ConfigError(f"top must be at least 0, not {top}")
        rows = self._native.distinctive_terms(a, b, top=0, min_count=min_count)
        if not keep_stop_words:
            skip = skip_words()
            rows = [r for r in rows if r["term"].lower() not in skip]
        if top:
            rows = rows[:top]
        naming = _naming_terms()
        rows = [{**r, "naming": _naming_of(r["term"], naming)} for r in rows]
        return to_frame(rows)

    def context(
        self, term: str, group: str | None = None, width: int = 40, limit: int | None = None
    ) -> KeywordInContext:
        """The passages where ``term`` occurs as a whole word or phrase (any case), in ``group``
        or in all groups, with ``width`` characters either side; at most ``limit`` rows."""
        if self._analyses is None or self._labels is None:
            raise _framelens.ConfigError(
                "context needs the analyses: make the comparison with framelens.compare"
            )
        names = [g["name"] for g in self.groups]
        if group is not None and group not in names:
            raise _framelens.ConfigError(f"context: no group {group!r}; groups: {names}")
        if not term.strip():
            raise _framelens.ConfigError("context: the term is empty")
        if width < 0:
            raise _framelens.ConfigError(f"context: width must be at least 0, not {width}")
        words = [re.escape(w) for w in term.split()]
        pattern = re.compile(r"(?<!\w)" + r"\s+".join(words) + r"(?!\w)", re.IGNORECASE)
        rows: list[dict[str, Any]] = []
        for i, (an, label) in enumerate(zip(self._analyses, self._labels, strict=False)):
            if group is not None and label != group:
                continue
            text = an.text
            for m in pattern.finditer(text):
                left = text[max(m.start() - width, 0) : m.start()]
                right = text[m.end() : m.end() + width]
                rows.append(
                    {
                        "group": label,
                        "doc_id": an.doc_id or f"doc{i}",
                        "start": m.start(),
                        "end": m.end(),
                        "left": _one_line(left),
                        "match": m.group(0),
                        "right": _one_line(right),
                    }
                )
                if limit is not None and len(rows) >= limit:
                    return KeywordInContext(term, rows)
        return KeywordInContext(term, rows)

    def naming(self) -> Any:
        """Naming variants per group: naming_group, variant, side, group, count."""
        return to_frame(self._native.naming())

    def speakers(self) -> Any:
        """Named speakers per group: group, speaker, count, stances, direct."""
        return to_frame(self._native.speakers())

    def divergence(self) -> Any:
        """Pairwise Jensen-Shannon divergence (0 to 1) of marker categories and of policy
        frames; undefined (``None`` without pandas, NaN in a DataFrame) where a group has no
        markers, or no policy-frame cue, to compare."""
        return _floats(to_frame(self._native.divergence()), ("categories", "frames"))

    def naming_contrast(
        self, a: str, b: str, side_a: str = "left", side_b: str = "right"
    ) -> list[tuple[str, int, float]]:
        """Per naming group: z of group ``a`` using ``side_a`` variants more than ``b`` does."""
        return self._native.naming_contrast(a, b, side_a, side_b)

    def exclusive_speakers(self, a: str, b: str) -> list[str]:
        """Speakers that group ``a`` quotes and group ``b`` never does."""
        return self._native.exclusive_speakers(a, b)

    def to_dict(self) -> dict[str, Any]:
        """A plain dict of the whole comparison."""
        d: dict[str, Any] = self._native.to_dict()
        return d

    def plot(
        self,
        measures: list[str] | None = None,
        ax: Any | None = None,
        order: Sequence[str] | None = None,
        colors: Sequence[str] | Mapping[str, str] | None = None,
        title: str | None = None,
    ) -> list[Any]:
        """Draws the chosen measures (default: the marker rates and the attribution shares that
        are not all zero) per group with their 95% intervals, rates per 1,000 words and 0–1
        shares in separate panels, on ``ax`` (one axes per panel) or a new matplotlib figure.
        ``order`` picks and orders the groups; ``colors`` is a list or a group -> colour map
        (default: the Okabe–Ito palette). Returns the panels' axes."""
        return display.plot_comparison(
            self.groups, self._native.table(), measures, ax, order, colors, title
        )

    def to_html(self, all_rows: bool = False) -> str:
        """The styled table: readable measure names, 95% intervals, ▲/▼ where a group's
        interval lies wholly above/below another's, the Holm-corrected between-group p-value
        (``p_holm``) where the tests were made; all-zero rows left out unless ``all_rows``."""
        return display.comparison_html(
            self.groups, self._native.table(), all_rows, self._native.tests()
        )

    def _repr_html_(self) -> str:
        return self.to_html()

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Comparison):
            return NotImplemented
        return self._native == other._native

    __hash__ = None  # type: ignore[assignment]

    def __repr__(self) -> str:
        names = [g["name"] for g in self.groups]
        documents = sum(g["documents"] for g in self.groups)
        return f"Comparison(groups={names!r}, documents={documents})"

    def __reduce__(self) -> tuple[Any, tuple[Any, ...]]:
        return (Comparison, (self._native, self._analyses, self._labels))
