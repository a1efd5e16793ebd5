"""Contexts of the head entries' words in unannotated news, for judging whether each word frames
on its own (``scripts/derive_heads.py --judged`` leaves out the words that mostly do not).

ABP text may not be copied into the repository, so the table holds only the article id, the
word's code-point offsets in the article's ``text``, the head word, our judgement and a short
reason in our own words for each rejection (``tests/data/abp_head_contexts.tsv``). That table
was drawn (seed 31) with the lexicon of commit 4e23a16, before its judgements pruned the head
entries: ``sample`` with today's lexicon draws from the words left. Likewise the entry table
(seed 37) was drawn with the lexicon of commit 5ebfdca, before its judgements removed 45 entries,
the first frame-term table (seed 41) with that of commit beac23b, the second
(seed 43, ``--skip`` the first) with that of commit 4962c6c, and the third (seed 47, ``--skip``
both) and its re-judgement (seed 53, ``--again`` the first two) with that of commit 7b798d3;
the third round's removals were not applied (``docs/guide/evaluation.md``).

The judging rule: a context is 1 when the word, read in its sentence, is loaded language, that
is, it judges or dramatises what it describes ("a *sorry* spectacle", "a *shadowy* network"),
and 0 when it describes, measures or names something without judging it ("*cross* the river",
"the *worst* famine in decades" as a ranking, "*severe* weather", an office or a title) or is
another sense of the word.

    python scripts/head_contexts.py sample ABP.jsonl [--per-word 6] [--seed 31] > TABLE
    python scripts/head_contexts.py sample ABP.jsonl --top 150 --seed 37 > TABLE
    python scripts/head_contexts.py sample ABP.jsonl --frames 120 --per-word 5 --seed 41 > TABLE
    python scripts/head_contexts.py sample ABP.jsonl --frames 120 --per-word 5 --seed 43 \
        --skip tests/data/abp_frame_term_contexts.tsv > TABLE2
    python scripts/head_contexts.py sample ABP.jsonl --frames 200 --per-word 5 --seed 47 \
        --skip tests/data/abp_frame_term_contexts.tsv \
        --skip tests/data/abp_frame_term_contexts2.tsv > TABLE3
    python scripts/head_contexts.py sample ABP.jsonl --frames 1 --per-word 10 --seed 53 \
        --again tests/data/abp_frame_term_contexts.tsv \
        --again tests/data/abp_frame_term_contexts2.tsv > TABLE3B
    python scripts/head_contexts.py show ABP.jsonl --table TABLE

``sample`` analyses every article with the default lexicon and draws, for each head word, up to
``--per-word`` of its markers from different articles (seeded), with each context on stderr.
With ``--top N`` it does the same for each of the ``N`` loaded entries (head entries aside) with
the most markers in the corpus, by entry id (``tests/data/abp_entry_contexts.tsv``). With
``--frames N`` it draws contexts of the ``N`` commonest policy-frame terms, keyed
``<entry>/<term>`` (``tests/data/abp_frame_term_contexts.tsv``), judged under the frame rule of
``scripts/abp_frame_markers.py`` instead. ``--skip TABLE`` leaves out the keys a judged table
already holds, so a second round takes the next commonest. ``--again TABLE`` (repeatable)
draws ``--per-word`` further contexts, from articles not yet judged for it, of each key that
TABLE judged right at most ``--below`` (0.6) of the time, for a firmer share; ``--frames`` or
``--top`` then only says which kind of key, its N is not used. ``show``
prints the judged contexts and each word's (or entry's) share of contexts judged 1. No annotated
corpus is read.
"""

from __future__ import annotations

import argparse
import csv
import random
import sys
from collections import defaultdict
from pathlib import Path

import framelens as fl

sys.path.insert(0, str(Path(__file__).resolve().parent))
from abp_frame_markers import context, read_rows  # noqa: E402

TABLE = Path(__file__).resolve().parent.parent / "tests" / "data" / "abp_head_contexts.tsv"
ENTRY_TABLE = TABLE.with_name("abp_entry_contexts.tsv")
COLUMNS = ("article_id", "start", "end", "word", "entry", "judgement", "reason")
CONTEXT = 100


def key_of(m: fl.Marker, top: int, frames: int) -> str | None:
    """The key a marker is sampled under, or None when the mode leaves it out."""
    if frames:
        return f"{m.entry}/{m.text.lower()}" if m.category == "frame" else None
    if m.category != "loaded" or m.entry.endswith(".head") != (top == 0):
        return None
    return m.entry if top else m.text.lower()


def sample(
    path: Path,
    per_word: int,
    seed: int,
    top: int = 0,
    frames: int = 0,
    skip: frozenset[str] = frozenset(),
    again: dict[str, set[str]] | None = None,
) -> int:
    """Contexts of each head word, of each of the ``top`` commonest loaded entries that are not
    head entries, or of each of the ``frames`` commonest frame terms; the key column holds the
    word, the entry id, or ``<entry>/<term>``. With ``again`` (``{key: articles judged}``) it
    draws further contexts of those keys only, from articles not yet judged for them."""
    rows = read_rows(path)
    ids = sorted(rows)
    analyses = fl.analyze_batch([rows[i]["text"] for i in ids])
    found: dict[str, list[tuple[str, int, int, str]]] = defaultdict(list)
    markers: dict[str, int] = defaultdict(int)
    for article_id, a in zip(ids, analyses, strict=True):
        seen: set[str] = set()
        for m in a.markers:
            key = key_of(m, top, frames)
            if key is None or key in skip or (again is not None and key not in again):
                continue
            markers[key] += 1
            if key in seen or (again is not None and article_id in again[key]):
                continue
            seen.add(key)
            found[key].append((article_id, m.start, m.end, m.entry))
    if (top or frames) and again is None:
        keep = set(sorted(markers, key=lambda k: (-markers[k], k))[: top or frames])
        found = defaultdict(list, {k: v for k, v in found.items() if k in keep})
    rng = random.Random(seed)
    out = csv.writer(sys.stdout, delimiter="\t", lineterminator="\n")
    out.writerow(COLUMNS)
    for word in sorted(found):
        hits = found[word]
        for article_id, start, end, entry in rng.sample(hits, min(per_word, len(hits))):
            out.writerow([article_id, start, end, word, entry, "", ""])
            text = rows[article_id]["text"]
            print(f"# {word}\t{article_id}\t{context(text, start, end, CONTEXT)}", file=sys.stderr)
    return 0


def judged_shares(table: Path) -> dict[str, tuple[int, int]]:
    """``{word: (contexts judged 1, contexts judged)}`` of a judged table."""
    out: dict[str, tuple[int, int]] = {}
    with table.open(encoding="utf-8") as f:
        for r in csv.DictReader(f, delimiter="\t"):
            if r["judgement"].strip() not in ("0", "1"):
                raise SystemExit(f"{table}: {r['word']} at {r['article_id']} is not judged 0 or 1")
            good, n = out.get(r["word"], (0, 0))
            out[r["word"]] = (good + (r["judgement"].strip() == "1"), n + 1)
    return out


def judged_below(table: Path, share: float) -> dict[str, set[str]]:
    """``{key: articles judged}`` of a judged table's keys whose share judged 1 is at most
    ``share``."""
    low = {k for k, (good, n) in judged_shares(table).items() if good <= share * n}
    out: dict[str, set[str]] = {k: set() for k in low}
    with table.open(encoding="utf-8") as f:
        for r in csv.DictReader(f, delimiter="\t"):
            if r["word"] in out:
                out[r["word"]].add(r["article_id"])
    return out


def show(path: Path, table: Path) -> int:
    rows = read_rows(path)
    with table.open(encoding="utf-8") as f:
        judged = list(csv.DictReader(f, delimiter="\t"))
    for j in judged:
        text = rows[j["article_id"]]["text"]
        sign = "+" if j["judgement"].strip() == "1" else "-"
        print(f"{sign} {j['word']:<14} {context(text, int(j['start']), int(j['end']), CONTEXT)}")
    print()
    for word, (good, n) in sorted(judged_shares(table).items()):
        print(f"{word:<16} {good}/{n}")
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    sub = parser.add_subparsers(dest="command", required=True)
    s = sub.add_parser("sample", help="print contexts of the head words to judge")
    s.add_argument("abp", type=Path, help="the ABP JSON Lines file")
    s.add_argument("--per-word", type=int, default=6)
    s.add_argument("--seed", type=int, default=31)
    s.add_argument("--top", type=int, default=0, help="the N commonest entries, not head words")
    s.add_argument("--frames", type=int, default=0, help="the N commonest frame terms")
    s.add_argument(
        "--skip", type=Path, action="append", default=[], help="leave out a judged table's keys"
    )
    s.add_argument(
        "--again",
        type=Path,
        action="append",
        default=[],
        help="draw further contexts of a judged table's keys judged 1 at most --below of the time",
    )
    s.add_argument("--below", type=float, default=0.6)
    c = sub.add_parser("show", help="print the judged contexts and each word's share")
    c.add_argument("abp", type=Path, help="the ABP JSON Lines file")
    c.add_argument("--table", type=Path, default=TABLE)
    args = parser.parse_args(argv)
    if args.command == "sample":
        skip = frozenset(k for t in args.skip for k in judged_shares(t))
        again = {k: v for t in args.again for k, v in judged_below(t, args.below).items()} or None
        return sample(args.abp, args.per_word, args.seed, args.top, args.frames, skip, again)
    return show(args.abp, args.table)


if __name__ == "__main__":
    sys.exit(main())
