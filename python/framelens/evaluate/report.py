"""Text tables of evaluation results: each figure with its interval, procedures side by side."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any


def table(header: Sequence[str], rows: Sequence[Sequence[str]], indent: str = "") -> list[str]:
    """An aligned text table: the first column left-aligned, the others right-aligned."""
    widths = [max(len(r[i]) for r in [header, *rows]) for i in range(len(header))]
    lines = []
    for k, r in enumerate([header, *rows]):
        cells = [
            c.rjust(w) if i else c.ljust(w) for i, (c, w) in enumerate(zip(r, widths, strict=True))
        ]
        lines.append(indent + "  ".join(cells).rstrip())
        if k == 0:
            lines.append(indent + "  ".join("-" * w for w in widths))
    return lines


def format_whole(results: Mapping[str, Mapping[str, Mapping[str, float]]]) -> str:
    """``--whole`` results: per corpus, systems by figures (no intervals: nothing held out)."""
    lines = []
    for corpus, by_system in results.items():
        metrics = list(next(iter(by_system.values())))
        rows = [[name, *(f"{v[m]:.3f}" for m in metrics)] for name, v in by_system.items()]
        lines.append(f"{corpus}")
        lines += table(["system", *metrics], rows)
        lines.append("")
    return "\n".join(lines)


def cell(estimate: Mapping[str, float] | None, signed: bool = False) -> str:
    """``0.460 [0.431, 0.489]``; ``n/a`` when the figure is not available."""
    if estimate is None:
        return "n/a"
    f = "{:+.3f}" if signed else "{:.3f}"
    v, lo, hi = (f.format(estimate[k]) for k in ("value", "low", "high"))
    return f"{v} [{lo}, {hi}]"


def figures_table(report: Mapping[str, Any], order: Sequence[str] | None = None) -> list[str]:
    """Figures (rows) by procedure (columns), then the differences from the first procedure for
    the figures where some procedure differs."""
    figures: Mapping[str, Mapping[str, Any]] = report["figures"]
    procedures = list(figures)
    names = list(order or [])
    for p in procedures:
        names += [k for k in figures[p] if k not in names]
    rows = [[n, *(cell(figures[p].get(n)) for p in procedures)] for n in names]
    lines = table(["figure", *procedures], rows, indent="  ")
    differences: Mapping[str, Mapping[str, Any]] = report.get("differences", {})
    if differences:
        changed = [
            n
            for n in names
            if any(
                d.get(n) and (d[n]["value"] or d[n]["low"] or d[n]["high"])
                for d in differences.values()
            )
        ]
        if changed:
            first = procedures[0]
            lines.append("")
            rows = [
                [n, *(cell(differences[p].get(n), signed=True) for p in differences)]
                for n in changed
            ]
            lines += table(
                [f"difference from {first}", *(f"{p} - {first}" for p in differences)],
                rows,
                indent="  ",
            )
    return lines


def confusion_table(confusion: Mapping[str, Mapping[str, int]]) -> list[str]:
    """Gold (rows) by predicted (columns) counts."""
    gold = sorted(confusion)
    pred = sorted({p for row in confusion.values() for p in row})
    rows = [[g, *(str(confusion[g].get(p, 0) or ".") for p in pred)] for g in gold]
    return table(["gold \\ predicted", *pred], rows, indent="  ")


def fit_line(notes: Mapping[str, Any]) -> str:
    """What a fit chose, as ``key=value`` pairs."""
    parts = []
    for key, value in notes.items():
        if isinstance(value, Mapping):
            parts += [f"{key}.{k}={fmt(v)}" for k, v in value.items()] or [f"{key}=none"]
        else:
            parts.append(f"{key}={fmt(value)}")
    return " ".join(parts)


def fmt(value: Any) -> str:
    if isinstance(value, float):
        return f"{value:.3g}"
    if isinstance(value, list | tuple):
        return ",".join(map(str, value))
    return str(value)


def corpus_block(name: str, report: Mapping[str, Any], title: str) -> list[str]:
    lines = [f"{title} ({report['units']} {report['unit']}s)"]
    for key, value in report.get("notes", {}).items():
        lines.append(f"  {key}: {value}")
    lines += figures_table(report)
    confusion: Mapping[str, Any] = report.get("confusion", {})
    shown: list[Any] = []
    for procedure, table_ in confusion.items():
        if table_ in shown:
            continue
        shown.append(table_)
        lines += ["", f"  confusion ({procedure}; equal for the procedures not shown)"]
        lines += confusion_table(table_)
    for procedure, fits in report.get("fits", {}).items():
        for notes in fits:
            lines.append(f"  fit {procedure}: {fit_line(notes)}")
    lines.append("")
    return lines


def format_evaluation(result: Mapping[str, Any]) -> str:
    """Cross-validation and leave-one-corpus-out results as text tables."""
    lines = []
    level = f"{round(result['level'] * 100)}%"
    boot = (
        f"{level} percentile bootstrap intervals over units ({result['resamples']} resamples, "
        f"seed {result['seed']})"
    )
    cv = result.get("cross_validation")
    if cv:
        lines += [
            f"{result['folds']}-fold cross-validation grouped by unit; figures pooled over the "
            f"held-out folds; {boot}",
            "",
        ]
        for name, report in cv["corpora"].items():
            lines += corpus_block(name, report, name)
        for procedure, fits in cv["fits"].items():
            for notes in fits:
                lines.append(f"fit {procedure}: {fit_line(notes)}")
        if cv["fits"]:
            lines.append("")
    loco = result.get("leave_one_corpus_out")
    if loco:
        lines += [f"Leave one corpus out: fit on the others, score the one named; {boot}", ""]
        for name, report in loco.items():
            title = f"{name}, fitted on {' and '.join(report['train'])}"
            lines += corpus_block(name, report, title)
    lines.append(
        f"({result['seconds']:.1f} s; {result['documents_analysed']} documents analysed, "
        f"{result['threads'] or 'default'} threads)"
    )
    return "\n".join(lines)
