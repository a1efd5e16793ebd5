"""HTML and plots of comparisons for notebooks (the article view is in :mod:`framelens.view`).
Every piece of text is escaped.

Measure names come from the core (``loaded_per_1k``, ``anonymous_share``, ...); the readable
labels here are built from their parts, so a category the core adds later gets a label too.
"""

from __future__ import annotations

import heapq
from collections.abc import Mapping, Sequence
from html import escape
from typing import Any

from .view import OKABE_ITO

CATEGORY_NAMES = {
    "loaded": "Loaded language",
    "hedge": "Hedges",
    "booster": "Boosters",
    "factive": "Factive verbs",
    "naming": "Naming variants",
    "frame": "Frame cues",
    "generic_frame": "Generic frame cues",
    "scare_quote": "Scare quotes",
}

FLAG_NAMES = {
    "state_affiliated": "State-affiliated outlet",
    "wire_based": "Wire-based",
    "syndicated": "Syndicated",
}

SHARE_NAMES = {
    "attributed_sentence_share": "Sentences with an attribution",
    "anonymous_share": "Anonymous sources",
    "quoted_word_share": "Words in quoted voice",
}


def _words(s: str) -> str:
    return s.replace("_", " ")


def measure_kind(name: str) -> str:
    """``rate`` (per 1,000 words), ``share`` (0–1) or ``flag`` (share of documents flagged)."""
    if name.endswith("_per_1k"):
        return "rate"
    if name in FLAG_NAMES:
        return "flag"
    return "share"


def measure_label(name: str) -> str:
    """A readable name for a measure of the comparison table."""
    if name.endswith("_per_1k"):
        stem = name[: -len("_per_1k")]
        voice = ""
        for v, said in (("_author", ", author's voice"), ("_quoted", ", quoted voice")):
            if stem.endswith(v):
                stem, voice = stem[: -len(v)], said
        cat = CATEGORY_NAMES.get(stem, _words(stem).capitalize())
        return f"{cat}{voice}"
    if name in SHARE_NAMES:
        return SHARE_NAMES[name]
    if name in FLAG_NAMES:
        return FLAG_NAMES[name]
    if name.startswith("stance_") and name.endswith("_share"):
        return f"Reporting verbs: {_words(name[len('stance_') : -len('_share')])}"
    if name.startswith("frame_") and name.endswith("_share"):
        return f"Frame: {_words(name[len('frame_') : -len('_share')])}"
    if name.startswith("generic_frame_") and name.endswith("_share"):
        return f"Generic frame: {_words(name[len('generic_frame_') : -len('_share')])}"
    return _words(name).capitalize()


SECTION_TITLES = {
    "rate": "Markers per 1,000 words",
    "share": "Shares (0–1)",
    "flag": "Outlets (share of documents)",
}


def is_missing(x: Any) -> bool:
    """Whether a figure is undefined: ``None`` (lists of dicts, JSON) or NaN (DataFrames). A
    rate or share with no denominator has no value, and a measure without resamples no
    interval."""
    return x is None or x != x


def _by_measure(rows: list[dict[str, Any]]) -> dict[str, dict[str, dict[str, Any]]]:
    cells: dict[str, dict[str, dict[str, Any]]] = {}
    for r in rows:
        cells.setdefault(r["measure"], {})[r["group"]] = r
    return cells


def separated(by_group: Mapping[str, Mapping[str, float]]) -> dict[str, str]:
    """Per group, ``"above"`` when its interval lies wholly above another group's, ``"below"``
    when wholly below one (and not above any); groups that overlap every other are left out, and
    so are groups without an interval (an undefined measure, or no bootstrap).

    A group's interval lies wholly above another's exactly when its low exceeds the lowest high
    of the other groups, so only the two lowest highs (the lowest may be the group's own) and
    the two highest lows are needed: linear in the groups, where comparing every pair is
    quadratic (thousands of one-document groups hung a notebook)."""
    rows = [
        (g, r["low"], r["high"])
        for g, r in by_group.items()
        if not (is_missing(r["low"]) or is_missing(r["high"]))
    ]
    lowest_highs = heapq.nsmallest(2, ((high, i) for i, (_, _, high) in enumerate(rows)))
    highest_lows = heapq.nlargest(2, ((low, i) for i, (_, low, _) in enumerate(rows)))
    out: dict[str, str] = {}
    for i, (g, low, high) in enumerate(rows):
        others_high = next((h for h, j in lowest_highs if j != i), None)
        others_low = next((lo for lo, j in highest_lows if j != i), None)
        if others_high is not None and low > others_high:
            out[g] = "above"
        elif others_low is not None and high < others_low:
            out[g] = "below"
    return out


def comparison_html(
    groups: list[dict[str, Any]],
    rows: list[dict[str, Any]],
    all_rows: bool = False,
    tests: list[dict[str, Any]] | None = None,
) -> str:
    """The comparison as a styled table: one row per measure under a readable name, one
    column per group, value and 95% interval, and (given ``tests``) a last column with the
    between-group permutation p-value after Holm's correction. Rows that are zero (or undefined)
    in every group are left out (unless ``all_rows``); a value whose interval lies wholly above
    another group's is marked ▲, wholly below ▼. An undefined value (no denominator: a group
    with no words, no attributions) shows as "n/a" and an interval that was not made as "–"."""
    names = [g["name"] for g in groups]
    p_holm = {t["measure"]: t["p_holm"] for t in tests or []}
    cells = _by_measure(rows)
    hidden = 0
    sections: dict[str, list[str]] = {"rate": [], "share": [], "flag": []}
    for measure, by_group in cells.items():
        # A measure no group has: its value is 0 (or undefined) everywhere (its interval still
        # has an upper bound, the exact one of a count of 0).
        if not all_rows and all(
            is_missing(r["value"]) or r["value"] == 0 for r in by_group.values()
        ):
            hidden += 1
            continue
        marks = separated(by_group)
        kind = measure_kind(measure)
        fmt = "{:.1f}" if kind == "rate" else "{:.2f}"
        tds = []
        for n in names:
            cell = by_group.get(n)
            if cell is None:
                tds.append("<td></td>")
                continue
            side = marks.get(n)
            sign = {"above": " ▲", "below": " ▼"}.get(side or "", "")
            cls = f' class="fl-{side}"' if side else ""
            if is_missing(cell["value"]):
                tds.append('<td title="undefined: no denominator">n/a</td>')
                continue
            interval = (
                "–"
                if is_missing(cell["low"]) or is_missing(cell["high"])
                else f"[{fmt.format(cell['low'])}, {fmt.format(cell['high'])}]"
            )
            tds.append(
                f"<td{cls}>{fmt.format(cell['value'])}{sign}<br><small>{interval}</small></td>"
            )
        if p_holm:
            p = p_holm.get(measure)
            tds.append(f"<td>{'' if p is None else f'{p:.3f}'}</td>")
        sections[kind].append(
            f'<tr><th title="{escape(measure)}">{escape(measure_label(measure))}</th>'
            f"{''.join(tds)}</tr>"
        )
    head = "".join(
        f"<th>{escape(g['name'])}<br><small>{g['documents']} docs, {g['words']:,} words"
        "</small></th>"
        for g in groups
    )
    if p_holm:
        head += "<th>p_holm<br><small>between groups</small></th>"
    body = []
    for kind, trs in sections.items():
        if trs:
            span = len(names) + 1 + bool(p_holm)
            body.append(f'<tr class="fl-sec"><td colspan="{span}">{SECTION_TITLES[kind]}</td></tr>')
            body.extend(trs)
    note = (
        "Value and 95% bootstrap interval. ▲/▼: the interval lies wholly above/below another "
        "group's. n/a: undefined (no words, attributions or quoted words to measure it over)."
    )
    if p_holm:
        note += (
            " p_holm: permutation test that the groups differ on the measure, Holm-corrected "
            "across the measures."
        )
    if hidden:
        note += f" {hidden} measures that are zero in every group are not shown."
    style = (
        "<style>.framelens-comparison{border-collapse:collapse;font-size:88%}"
        ".framelens-comparison th,.framelens-comparison td{padding:3px 8px;"
        "border-bottom:1px solid #e3e3e3;text-align:right;vertical-align:top}"
        ".framelens-comparison tbody th{text-align:left;font-weight:normal}"
        ".framelens-comparison small{color:#666}"
        ".framelens-comparison .fl-sec td{text-align:left;font-weight:bold;background:#f4f4f4}"
        ".framelens-comparison .fl-above{background:#FBE3CC;font-weight:bold}"
        ".framelens-comparison .fl-below{background:#D6EAF8}"
        ".framelens-comparison caption{caption-side:bottom;text-align:left;color:#555;"
        "font-size:90%;padding-top:4px}</style>"
    )
    return (
        f'{style}<table class="framelens-comparison"><caption>{escape(note)}</caption>'
        f"<thead><tr><th>measure</th>{head}</tr></thead><tbody>{''.join(body)}</tbody></table>"
    )


def default_plot_measures(rows: list[dict[str, Any]]) -> list[str]:
    """The marker rates (frame cues aside) and the attribution shares that are not zero in
    every group."""
    cells = _by_measure(rows)
    wanted = [
        m
        for m in cells
        if (
            m.endswith("_per_1k")
            and not m.endswith(("_author_per_1k", "_quoted_per_1k"))
            and not m.startswith(("frame", "generic_frame"))
        )
        or m in ("attributed_sentence_share", "anonymous_share")
    ]
    return [
        m
        for m in wanted
        if any(not is_missing(r["value"]) and r["value"] > 0 for r in cells[m].values())
    ]


def plot_comparison(
    groups: list[dict[str, Any]],
    rows: list[dict[str, Any]],
    measures: list[str] | None = None,
    ax: Any = None,
    order: Sequence[str] | None = None,
    colors: Sequence[str] | Mapping[str, str] | None = None,
    title: str | None = None,
) -> list[Any]:
    """Horizontal bars of each measure per group with its 95% interval: rates per 1,000 words
    and 0–1 shares in separate panels (needs matplotlib). Returns the panels' axes."""
    try:
        import matplotlib.pyplot as plt
    except ImportError as e:
        raise ImportError("Comparison.plot needs matplotlib: pip install 'framelens[plot]'") from e
    names = [g["name"] for g in groups]
    if order is not None:
        unknown = [o for o in order if o not in names]
        if unknown:
            raise ValueError(f"plot: order names unknown groups {unknown}; groups: {names}")
        names = list(order)
    if colors is None:
        palette = {n: OKABE_ITO[i % len(OKABE_ITO)] for i, n in enumerate(names)}
    elif isinstance(colors, Mapping):
        missing = [n for n in names if n not in colors]
        if missing:
            raise ValueError(f"plot: colors has no colour for groups {missing}")
        palette = {n: colors[n] for n in names}
    else:
        if not colors:
            raise ValueError("plot: colors is empty")
        palette = {n: colors[i % len(colors)] for i, n in enumerate(names)}
    by = {(r["measure"], r["group"]): r for r in rows}
    known = {r["measure"] for r in rows}
    if measures is None:
        measures = default_plot_measures(rows)
    unknown = [m for m in measures if m not in known]
    if unknown:
        raise ValueError(f"plot: unknown measures {unknown}")
    panels = [
        (kind, [m for m in measures if (measure_kind(m) == "rate") == (kind == "rate")])
        for kind in ("rate", "share")
    ]
    panels = [(k, ms) for k, ms in panels if ms]
    if not panels:
        raise ValueError("plot: no measures to draw")
    if ax is None:
        tallest = max(len(ms) for _, ms in panels)
        _, axes = plt.subplots(
            1,
            len(panels),
            figsize=(5.5 * len(panels), 1.0 + 0.28 * tallest * max(len(names), 2)),
            squeeze=False,
            constrained_layout=True,
        )
        axes_list = list(axes[0])
    else:
        axes_list = list(ax) if isinstance(ax, (list, tuple)) else [ax]
        if len(axes_list) != len(panels):
            raise ValueError(
                f"plot: {len(panels)} panels (rates and shares apart) but {len(axes_list)} axes"
            )
    height = 0.8 / max(len(names), 1)
    for (kind, ms), axis in zip(panels, axes_list, strict=False):
        for gi, name in enumerate(names):
            ys, xs, lo, hi = [], [], [], []
            for mi, m in enumerate(ms):
                r = by.get((m, name))
                if r is None or is_missing(r["value"]):
                    continue
                ys.append(mi + gi * height)
                xs.append(r["value"])
                bare = is_missing(r["low"]) or is_missing(r["high"])
                lo.append(0.0 if bare else max(r["value"] - r["low"], 0.0))
                hi.append(0.0 if bare else max(r["high"] - r["value"], 0.0))
            axis.barh(
                ys,
                xs,
                height=height,
                xerr=[lo, hi],
                capsize=2,
                color=palette[name],
                label=name,
                error_kw={"elinewidth": 0.8, "ecolor": "#333333"},
            )
        axis.set_yticks([i + height * (len(names) - 1) / 2 for i in range(len(ms))])
        axis.set_yticklabels([measure_label(m) for m in ms])
        axis.invert_yaxis()
        axis.set_xlabel("per 1,000 words" if kind == "rate" else "share (0–1)")
        if kind != "rate":
            axis.set_xlim(0, 1)
        axis.spines[["top", "right"]].set_visible(False)
    axes_list[-1].legend(frameon=False, loc="best")
    fig = axes_list[0].figure
    fig.suptitle(title or f"{' · '.join(names)}: value and 95% bootstrap interval")
    return axes_list
