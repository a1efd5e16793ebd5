"""The documentation's Python examples run as written, page by page (docs/**/*.md)."""

import re

import pytest
from conftest import ROOT

# Blocks that read the reader's own files (a lexicon, a corpus) are shown, not run.
NEEDS_USER_FILES = ("my_lexicon.toml", "corpus-*.jsonl")
PAGES = sorted(
    p for p in (ROOT / "docs").rglob("*.md") if "```python" in p.read_text(encoding="utf-8")
)


def test_pages_found():
    assert PAGES


@pytest.mark.parametrize("page", PAGES, ids=lambda p: str(p.relative_to(ROOT / "docs")))
def test_docs_python_examples_run(page, capsys):
    blocks = re.findall(r"```python\n(.*?)```", page.read_text(encoding="utf-8"), flags=re.S)
    runnable = [b for b in blocks if not any(f in b for f in NEEDS_USER_FILES)]
    namespace: dict = {}  # a page's blocks read top to bottom, like a notebook
    for block in runnable:
        exec(compile(block, str(page), "exec"), namespace)
