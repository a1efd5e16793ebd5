"""The README's Python examples run as written."""

import re

from conftest import ROOT


def test_readme_python_examples_run(capsys):
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    blocks = re.findall(r"```python\n(.*?)```", readme, flags=re.S)
    assert blocks
    # Blocks that read the reader's own files (a lexicon, a corpus) are shown, not run.
    needs_user_files = ("my_lexicon.toml", "corpus-*.jsonl")
    runnable = [b for b in blocks if not any(f in b for f in needs_user_files)]
    namespace: dict = {}  # the blocks read top to bottom, like a notebook
    for block in runnable:
        exec(compile(block, "README.md", "exec"), namespace)
