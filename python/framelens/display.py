"""HTML views for notebooks. Every piece of text is escaped."""

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
            r = by_group.get(n)
            if r is None:
                tds.append("<td></td>")
            else:
                tds.append(
                    f"<td>{r['value']:.3g} <small>[{r['low']:.3g}, {r['high']:.3g}]</small></td>"
                )
        body.append(f"<tr><th>{escape(measure)}</th>{''.join(tds)}</tr>")
    return (
        '<table class="framelens-comparison"><thead><tr><th>measure</th>'
        f"{head}</tr></thead><tbody>{''.join(body)}</tbody></table>"
    )
