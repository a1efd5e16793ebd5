"""Prints how the URLs of a JSON Lines corpus (Article-Bias-Prediction rows with a `url` field)
resolve to an outlet id: from the registry, from the URL's registrable domain (public suffix
list), or not at all; how many would resolve with an empty registry (by domain alone); then the
domains most often resolved only by domain.

    python scripts/abp_outlets.py ../shared/data/abp/dev.jsonl

Needs the framelens extension installed (`maturin develop --release`).
"""

from __future__ import annotations

import json
import sys
from collections import Counter

import framelens as fl


def main(path: str) -> None:
    registry = fl.Registry.default()
    # An empty registry: every URL must then resolve by its registrable domain alone.
    empty = fl.Registry.from_toml_str("outlet = []", "empty")
    counts: Counter[str] = Counter()
    by_domain: Counter[str] = Counter()
    unresolved: list[str] = []
    with open(path, encoding="utf-8") as f:
        for line in f:
            url = json.loads(line).get("url") or ""
            counts["articles"] += 1
            counts["domain alone"] += bool(url) and empty.outlet_for_url(url) is not None
            if not url:
                counts["no url"] += 1
            elif registry.by_url(url) is not None:
                counts["registry"] += 1
            elif (o := registry.outlet_for_url(url)) is not None:
                counts["domain"] += 1
                by_domain[o.id] += 1
            else:
                counts["unresolved"] += 1
                unresolved.append(url)
    n = counts["articles"] or 1
    resolved = counts["registry"] + counts["domain"]
    print(f"articles: {counts['articles']}  without a URL: {counts['no url']}")
    print(f"URL resolves to an outlet id: {resolved} ({resolved / n:.4f})")
    print(f"  from the registry: {counts['registry']} ({counts['registry'] / n:.4f})")
    print(f"  from the registrable domain: {counts['domain']} ({counts['domain'] / n:.4f})")
    alone = counts["domain alone"]
    print(f"by the registrable domain alone (empty registry): {alone} ({alone / n:.4f})")
    print(f"unresolved: {counts['unresolved']}")
    for url in unresolved[:10]:
        print(f"  {url}")
    if by_domain:
        print("most frequent domain-only outlets:")
        for domain, c in by_domain.most_common(15):
            print(f"  {c:5d}  {domain}")


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit(f"usage: {sys.argv[0]} CORPUS.jsonl")
    main(sys.argv[1])
