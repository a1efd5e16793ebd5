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


CATEGORY_COLORS = {
    "loaded": "#f4a6a6",
    "hedge": "#b9d7f7",
    "booster": "#f7d59c",
    "factive": "#c9e7b8",
    "naming": "#dcc6f2",
    "frame": "#e6e6e6",
    "scare_quote": "#f7c4e4",
}


def analysis_html(text: str, markers: list[dict[str, Any]], notes: dict[str, str]) -> str:
    """The article with markers highlighted by category. Quoted voice is underlined with a
    dashed line and italic; hovering shows the category, entry, voice, speaker and the entry's
    note. Overlapping markers are shown by their first (outermost) one."""
    parts = []
    pos = 0
    for m in sorted(markers, key=lambda m: (m["start"], -m["end"])):
        if m["start"] < pos:
            continue
        parts.append(escape(text[pos : m["start"]]))
        color = CATEGORY_COLORS.get(m["category"], "#eeeeee")
        quoted = m["voice"] == "quoted"
        style = f"background:{color};border-radius:3px;padding:0 1px;"
        if quoted:
            style += "font-style:italic;border-bottom:2px dashed #555;"
        tip = f"{m['category']}"
        if m.get("subcategory"):
            tip += f"/{m['subcategory']}"
        tip += f" · {m['entry']} · {m['voice']}"
        if m.get("speaker"):
            tip += f" ({m['speaker']})"
        if m.get("negated"):
            tip += " · negated"
        note = notes.get(m["entry"])
        if note:
            tip += f" — {note}"
        parts.append(
            f'<mark class="fl-{escape(m["category"])} fl-{escape(m["voice"])}" '
            f'style="{style}" title="{escape(tip, quote=True)}">'
            f"{escape(text[m['start'] : m['end']])}</mark>"
        )
        pos = m["end"]
    parts.append(escape(text[pos:]))
    legend = " ".join(
        f'<span style="background:{c};padding:0 4px;border-radius:3px">{escape(k)}</span>'
        for k, c in CATEGORY_COLORS.items()
    )
    legend += ' <span style="font-style:italic;border-bottom:2px dashed #555">quoted voice</span>'
    body = "".join(parts).replace("\n", "<br>")
    return (
        f'<div class="framelens-analysis"><div style="margin-bottom:6px;font-size:85%">'
        f'{legend}</div><div style="line-height:1.6">{body}</div></div>'
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
