"""Outlet resolution and left-against-right naming on Article-Bias-Prediction (Baly et al. 2020).
Nothing here is fitted or scored against span annotations, so ABP runs in ``--whole`` mode only.

Outlet resolution from the URL and from the outlet name (author and byline labels count as
resolved names; ``name_is_outlet`` counts only names that are outlets); then left against right:
of the naming groups with left- and right-labelled variants used at least 20 times, how many come
out on the expected side (z >= 1.96 for the left variants in left outlets) and how many on the
opposite side, and how long the comparison of those articles takes.
"""

from __future__ import annotations

import time
from collections.abc import Sequence
from typing import Any

from .. import Analyzer

NAMING_MIN_USES = 20


def eval_abp(rows: Sequence[dict[str, Any]], analyzer: Analyzer) -> dict[str, float]:
    """Outlet resolution on the ABP corpus: share of articles whose URL resolves to a registry
    outlet, and share whose outlet name resolves to an outlet or a known author label."""
    registry = analyzer.registry
    by_url = sum(registry.by_url(r.get("url") or "") is not None for r in rows)
    by_name = sum(
        registry.by_name(r["outlet"]) is not None or registry.is_author(r["outlet"]) for r in rows
    )
    names_are_outlets = sum(registry.by_name(r["outlet"]) is not None for r in rows)
    n = len(rows) or 1
    out = {
        "url_resolved": by_url / n,
        "name_resolved": by_name / n,
        "name_is_outlet": names_are_outlets / n,
        "articles": float(len(rows)),
    }
    # Left against right: which naming variants each side uses.
    if any(r.get("lean") for r in rows):
        from .. import compare

        analyses = analyzer.analyze_batch(
            [{"text": r["text"], "url": r.get("url"), "outlet": r.get("outlet")} for r in rows]
        )
        # The timing case: every article, two groups (left and the rest).
        start = time.perf_counter()
        compare(analyses, by=["left" if r.get("lean") == "left" else "other" for r in rows])
        out["compare_seconds"] = time.perf_counter() - start
        c = compare(analyses, by=[r.get("lean") or "unknown" for r in rows])
        pairs = [x for x in c.naming_contrast("left", "right") if x[1] >= NAMING_MIN_USES]
        out["naming_pairs"] = float(len(pairs))
        out["naming_expected_side"] = float(sum(z >= 1.96 for _, _, z in pairs))
        out["naming_opposite_side"] = float(sum(z <= -1.96 for _, _, z in pairs))
    return out
