"""Builds data/background_en.tsv, the English background word frequencies that the comparison's
informative Dirichlet prior uses, from a JSON Lines corpus with a `text` field.

The shipped table was built from the Article-Bias-Prediction corpus (Baly et al. 2020,
Apache-2.0) with:

    python scripts/build_background.py ../shared/data/abp/dev.jsonl data/background_en.tsv

Words are lowercased runs of letters (with inner apostrophes and hyphens), the same way the
comparison counts them; the table keeps the most frequent words.
"""

from __future__ import annotations

import json
import re
import sys
from collections import Counter

WORD = re.compile(r"[^\W\d_]+(?:['\u2019-][^\W\d_]+)*")
KEEP = 30000


def main(src: str, dst: str) -> None:
    counts: Counter[str] = Counter()
    with open(src, encoding="utf-8") as f:
        for line in f:
            text = json.loads(line).get("text") or ""
            counts.update(w.lower().replace("\u2019", "'") for w in WORD.findall(text))
    total = sum(counts.values())
    with open(dst, "w", encoding="utf-8") as out:
        out.write(f"# English background word counts; {total} tokens in the source corpus.\n")
        out.write("# Built by scripts/build_background.py from the Article-Bias-Prediction\n")
        out.write("# corpus (Baly et al. 2020), Apache-2.0. Columns: word, count.\n")
        for word, n in counts.most_common(KEEP):
            if n < 3:
                break
            out.write(f"{word}\t{n}\n")


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
