"""The Python examples of the README and of every user-guide page run as written."""

import re

import pytest
from conftest import ROOT

PAGES = [
    "README.md",
    *sorted(p.relative_to(ROOT).as_posix() for p in (ROOT / "docs").rglob("*.md")),
]


@pytest.mark.parametrize("page", PAGES)
def test_python_examples_run(page, capsys):
    blocks = re.findall(
        r"```python\n(.*?)```", (ROOT / page).read_text(encoding="utf-8"), flags=re.S
    )
    # Blocks that read the reader's own files (a lexicon, a corpus) are shown, not run.
    needs_user_files = ("my_lexicon.toml", "corpus-*.jsonl")
    runnable = [b for b in blocks if not any(f in b for f in needs_user_files)]
    namespace: dict = {}  # a page's blocks read top to bottom, like a notebook
    for block in runnable:
        exec(compile(block, page, "exec"), namespace)


def test_the_readme_and_the_guide_show_examples():
    assert "```python" in (ROOT / "README.md").read_text(encoding="utf-8")
    assert "```rust" in (ROOT / "docs/guide/rust.md").read_text(encoding="utf-8")
