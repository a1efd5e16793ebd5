"""``framelens.Comparison``: groups of documents side by side, with tables as pandas DataFrames
when pandas is installed (lists of dicts otherwise), an HTML view and plots."""

from __future__ import annotations

from typing import Any

from . import _framelens, display
from ._frames import to_frame


class Comparison:
    """The result of :func:`framelens.compare`: profile rates with intervals per group,
    distinctive terms, naming variants, speakers and divergences."""

    __module__ = "framelens"
    __slots__ = ("_native",)

    def __init__(self, native: _framelens.Comparison) -> None:
        self._native = native

    @property
    def groups(self) -> list[dict[str, Any]]:
        """The groups: name, documents, words, and what the intervals resample."""
        return self._native.groups

    def table(self) -> Any:
        """The profile table: measure, group, value, low, high (95% bootstrap interval)."""
        return to_frame(self._native.table())

    def distinctive_terms(
        self, a: str, b: str | None = None, top: int = 20, min_count: int = 3
    ) -> Any:
        """Words most typical of group ``a`` against ``b`` (or all other groups), by log-odds
        z-score; the ``top`` highest (all when 0). Words seen fewer than ``min_count`` times
        in both groups together are left out."""
        return to_frame(self._native.distinctive_terms(a, b, top=top, min_count=min_count))

    def naming(self) -> Any:
        """Naming variants per group: naming_group, variant, side, group, count."""
        return to_frame(self._native.naming())

    def speakers(self) -> Any:
        """Named speakers per group: group, speaker, count, stances, direct."""
        return to_frame(self._native.speakers())

    def divergence(self) -> Any:
        """Pairwise Jensen-Shannon divergence of marker categories and frames."""
        return to_frame(self._native.divergence())

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

    def plot(self, measures: list[str] | None = None, ax: Any | None = None) -> Any:
        """Draws the chosen measures (default: the marker rates) per group with their 95%
        intervals, on ``ax`` or a new matplotlib figure; returns the axes."""
        return display.plot_comparison(self.groups, self._native.table(), measures, ax)

    def _repr_html_(self) -> str:
        return display.comparison_html(self.groups, self._native.table())

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Comparison):
            return NotImplemented
        return self._native == other._native

    __hash__ = None  # type: ignore[assignment]

    def __repr__(self) -> str:
        names = [g["name"] for g in self.groups]
        documents = sum(g["documents"] for g in self.groups)
        return f"Comparison(groups={names!r}, documents={documents})"

    def __reduce__(self) -> tuple[Any, tuple[Any]]:
        return (Comparison, (self._native,))
