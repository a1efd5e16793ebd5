"""HTML and plots of comparisons for notebooks (the article view is rendered by the core).
Every piece of text is escaped."""

from __future__ import annotations

from html import escape
from typing import Any


def comparison_html(groups: list[dict[str, Any]], rows: list[dict[str, Any]]) -> str:
    """A side-by-side table: one row per measure, one column per group, value [low, high]."""
    names = [g["name"] for g in groups]
    cells: dict[str, dict[str, dict[str, Any]]] = {}
    for r in rows:
        cells.setdefault(r["measure"], {})[r["group"]] = r
    head = "".join(
        f"<th>{escape(g['name'])}<br><small>{g['documents']} docs, {g['words']} words</small></th>"
        for g in groups
    )
    body = []
    for measure, by_group in cells.items():
        tds = []
        for n in names:
            cell = by_group.get(n)
            if cell is None:
                tds.append("<td></td>")
            else:
                tds.append(
                    f"<td>{cell['value']:.3g} <small>[{cell['low']:.3g}, "
                    f"{cell['high']:.3g}]</small></td>"
                )
        body.append(f"<tr><th>{escape(measure)}</th>{''.join(tds)}</tr>")
    return (
        '<table class="framelens-comparison"><thead><tr><th>measure</th>'
        f"{head}</tr></thead><tbody>{''.join(body)}</tbody></table>"
    )


def plot_comparison(
    groups: list[dict[str, Any]],
    rows: list[dict[str, Any]],
    measures: list[str] | None = None,
    ax: Any = None,
) -> Any:
    """Draws each measure's value per group with its 95% interval (needs matplotlib)."""
    try:
        import matplotlib.pyplot as plt
    except ImportError as e:
        raise ImportError("Comparison.plot needs matplotlib: pip install 'framelens[plot]'") from e
    if measures is None:
        measures = [f"{c}_per_1k" for c in ("loaded", "hedge", "booster", "factive", "scare_quote")]
    names = [g["name"] for g in groups]
    by = {(r["measure"], r["group"]): r for r in rows}
    if ax is None:
        _, ax = plt.subplots(figsize=(max(6, 1.2 * len(measures) * len(names)), 4))
    width = 0.8 / max(len(names), 1)
    for gi, name in enumerate(names):
        xs, ys, lo, hi = [], [], [], []
        for mi, m in enumerate(measures):
            r = by.get((m, name))
            if r is None:
                continue
            xs.append(mi + gi * width)
            ys.append(r["value"])
            lo.append(r["value"] - r["low"])
            hi.append(r["high"] - r["value"])
        ax.bar(xs, ys, width=width, label=name, yerr=[lo, hi], capsize=3)
    ax.set_xticks([i + width * (len(names) - 1) / 2 for i in range(len(measures))])
    ax.set_xticklabels(measures, rotation=30, ha="right")
    ax.set_ylabel("value (rates per 1,000 words; shares 0-1)")
    ax.legend()
    return ax
