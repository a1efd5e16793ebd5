"""Analyse and compare the bundled example articles (checked with mypy --strict)."""

from __future__ import annotations

from pathlib import Path

import framelens as fl

HERE = Path(__file__).parent


def main() -> None:
    paths = sorted((HERE / "articles").glob("*.txt"))
    docs = [fl.Document(p.read_text(encoding="utf-8"), doc_id=p.stem) for p in paths]
    analyses: list[fl.Analysis] = fl.analyze_batch(docs)
    for a in analyses:
        # None where there is nothing to divide by (no author-voice words, no attribution).
        loaded = a.profile.rates["loaded"]["author"]
        anonymous = a.profile.attribution["anonymous_share"]
        loaded_text = "n/a" if loaded is None else f"{loaded:.1f}"
        anonymous_text = "n/a" if anonymous is None else f"{anonymous:.0%}"
        outlet = a.provenance.outlet
        print(
            f"{a.doc_id}: loaded {loaded_text}/1k author words, anonymous {anonymous_text}, "
            f"dateline {a.provenance.place.text if a.provenance.place else '-'}, "
            f"outlet {outlet.id if outlet else '-'}"
        )
        for m in a.markers:
            if m.category == "loaded":
                print(f"  {m.text!r} ({m.entry}, {m.voice})")
    comparison = fl.compare(analyses)
    print(comparison)


if __name__ == "__main__":
    main()
