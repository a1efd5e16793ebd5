#!/usr/bin/env python3
"""Makes the README's screenshots from the bundled example articles: the article view and the
comparison table (pages rendered by framelens, photographed by headless Chromium) and the
comparison plot (matplotlib).

    python scripts/screenshots.py [OUT_DIR]     # default: docs/img
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import framelens as fl

ROOT = Path(__file__).resolve().parent.parent


def photograph(html: str, png: Path, width: int, height: int) -> None:
    """Writes ``html`` as a page and takes a screenshot of it with headless Chromium."""
    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    if chromium is None:
        sys.exit("screenshots need chromium (Debian: apt-get install chromium)")
    with tempfile.TemporaryDirectory() as tmp:
        page = Path(tmp) / "page.html"
        page.write_text(
            '<!DOCTYPE html><html><head><meta charset="utf-8"></head>'
            f'<body style="margin:16px;background:#fff">{html}</body></html>',
            encoding="utf-8",
        )
        subprocess.run(
            [
                chromium,
                "--headless=new",
                "--no-sandbox",
                "--disable-gpu",
                "--hide-scrollbars",
                f"--screenshot={png}",
                f"--window-size={width},{height}",
                page.as_uri(),
            ],
            check=True,
            capture_output=True,
        )


def main() -> int:
    out = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "docs" / "img"
    out.mkdir(parents=True, exist_ok=True)
    paths = sorted((ROOT / "examples" / "articles").glob("*.txt"))
    docs = [fl.Document(p.read_text(encoding="utf-8"), doc_id=p.stem) for p in paths]
    analyses = {a.doc_id: a for a in fl.analyze_batch(docs)}
    view = fl.render(analyses["norvan_courier"])
    photograph(
        f'<div style="max-width:820px">{view.html}</div>', out / "article_view.png", 880, 900
    )
    c = fl.compare(list(analyses.values()))
    photograph(c.to_html(), out / "comparison_table.png", 880, 1000)

    import matplotlib

    matplotlib.use("Agg")  # a script writing files, not a notebook
    axes = c.plot(
        order=["meridian_wire", "norvan_courier", "estavian_sentinel"],
        title="Three outlets, one dam: markers and sources",
    )
    axes[0].figure.savefig(out / "comparison_plot.png", dpi=110)
    for name in ("article_view.png", "comparison_table.png", "comparison_plot.png"):
        print(out / name)
    return 0


if __name__ == "__main__":
    sys.exit(main())
