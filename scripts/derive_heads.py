"""Writes the head entries of the default lexicon (``loaded_heads.toml``): the words of
multiword loaded entries that frame on their own, each as an entry of lower weight that names
its parent entry (``head_of``).

Usage::

    python scripts/derive_heads.py LEXICONS_DIR [--out PATH] [--max-count N] [--judged TABLE]

``LEXICONS_DIR`` holds the MPQA subjectivity clues (``subjclueslen1-HLTEMNLP05.tff``, as in
``../shared/data/lexicons``). The script reads no annotated corpus. A word ``w`` of a multiword
term of a ``loaded`` entry ``E`` (in file and entry order) becomes a term of the head entry
``E.head`` when

1. MPQA lists ``w`` as a strong subjectivity clue of negative (or both) prior polarity: a word
   that judges by itself, in the sense loaded language judges;
2. ``w`` is not common in news: fewer than ``--max-count`` (1,000) of the 5.8 million words of
   the background counts (``data/en/background.tsv``), about 170 per million; a word that
   common ("long", "little", "bad") is mostly descriptive;
3. ``w`` is not a verb form of another lemma in the inflection table (``fell`` of ``fall``)
   unless that lemma passes rule 1, since MPQA's clue is then for a homograph;
4. ``w`` is no term of any entry of the lexicon (of any category), matches no wildcard term of
   a loaded entry, and is not a closed-class word;
5. an earlier entry has not already taken ``w`` as a head word;
6. in unannotated news, ``w`` mostly frames where a head entry would find it: of its contexts
   in ABP judged by us (``--judged``, ``tests/data/abp_head_contexts.tsv``, drawn and judged
   with ``scripts/head_contexts.py`` under the rule stated there), at least half are loaded
   language; the contexts of a one-word entry of that id judged in
   ``tests/data/abp_entry_contexts.tsv`` (``--judged-entries``) count for the word too. A word
   with no judged context keeps rules 1-5 alone.

The head entry weighs half its parent, keeps the parent's subcategory, ``lowercase`` and
``requires``, and the parent's ``exclude`` phrases that hold the word. Where the whole phrase
occurs the parent's longer match wins, so a head entry fires only where its word stands alone.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import framelens as fl

sys.path.insert(0, str(Path(__file__).resolve().parent))
from head_contexts import ENTRY_TABLE as JUDGED_ENTRIES  # noqa: E402
from head_contexts import TABLE as JUDGED  # noqa: E402
from head_contexts import judged_shares  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
LEXICON_DIR = ROOT / "crates/framelens/data/en/lexicon"
DATA_DIR = ROOT / "crates/framelens/data/en"
OUT_NAME = "loaded_heads.toml"
FACTOR = 0.5

CLOSED_CLASS = frozenset(
    """a an the this that these those some any no every each all both either neither i you he
    she it we they me him her us them my your his its our their mine yours hers ours theirs who
    whom whose which what and or but nor so yet for of to in on at by with from into onto over
    under up down out off about as than then there here when where why how not is are was were
    be been being am do does did have has had will would shall should can could may might must
    very too more most much many less least few well just only even also still""".split()
)


def mpqa_clues(path: Path) -> dict[str, set[str]]:
    """``{word: {prior polarity, ...}}`` of the strong subjectivity clues."""
    clues: dict[str, set[str]] = {}
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        fields = dict(kv.split("=", 1) for kv in line.split() if "=" in kv)
        if not fields:
            continue
        if "word1" not in fields or "type" not in fields:
            raise SystemExit(f"{path} line {n}: not an MPQA clue line")
        if fields["type"] == "strongsubj":
            clues.setdefault(fields["word1"].lower(), set()).add(fields.get("priorpolarity", ""))
    return clues


def background_counts(path: Path) -> dict[str, int]:
    counts: dict[str, int] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith("#") or not line.strip():
            continue
        word, count = line.split("\t")
        counts[word] = int(count)
    return counts


def verb_forms(path: Path) -> dict[str, set[str]]:
    """``{form: {verb lemma, ...}}`` for every inflected verb form in the table."""
    forms: dict[str, set[str]] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith("#") or not line.strip():
            continue
        lemma, pos, rest = line.split("\t")
        if pos == "verb":
            for f in rest.split():
                if f != lemma:
                    forms.setdefault(f, set()).add(lemma)
    return forms


def load_entries(lexicon_dir: Path) -> list[dict[str, Any]]:
    """The entries of every lexicon file but the head entries' own."""
    entries: list[dict[str, Any]] = []
    for f in sorted(lexicon_dir.glob("*.toml")):
        if f.name != OUT_NAME:
            entries += fl.Lexicon.from_toml(f).entries()
    return entries


def judged_words(heads: Path, entries: Path) -> dict[str, tuple[int, int]]:
    """Rule 6's judgements by word: the head words' contexts, plus the contexts of judged
    entries whose id is one word (tables that are absent count for nothing)."""
    out = judged_shares(heads) if heads.is_file() else {}
    if entries.is_file():
        for entry_id, (good, n) in judged_shares(entries).items():
            if "_" not in entry_id and "." not in entry_id:
                g0, n0 = out.get(entry_id, (0, 0))
                out[entry_id] = (g0 + good, n0 + n)
    return out


def toml_str(s: str) -> str:
    return '"' + s.replace("\\", "\\\\").replace('"', '\\"') + '"'


def toml_list(items: Iterable[str]) -> str:
    return "[" + ", ".join(toml_str(i) for i in items) + "]"


def derive(
    entries: list[dict[str, Any]],
    clues: dict[str, set[str]],
    counts: dict[str, int],
    forms: dict[str, set[str]],
    max_count: int,
    judged: dict[str, tuple[int, int]] | None = None,
) -> list[tuple[dict[str, Any], list[tuple[str, str]]]]:
    """``[(parent entry, [(head word, the parent's term it is taken from)])]`` under the
    module's rule."""
    taken = {t["text"].lower() for e in entries for t in e["terms"] if " " not in t["text"].strip()}
    stems = [
        t["text"].lower()
        for e in entries
        if e["category"] == "loaded"
        for t in e["terms"]
        if t["wildcard"]
    ]

    def judges(w: str) -> bool:
        return bool(clues.get(w, set()) & {"negative", "both"})

    def frames_in_news(w: str) -> bool:
        good, n = (judged or {}).get(w, (0, 0))
        return n == 0 or 2 * good >= n

    out: list[tuple[dict[str, Any], list[tuple[str, str]]]] = []
    for e in entries:
        if e["category"] != "loaded":
            continue
        heads: list[tuple[str, str]] = []
        for t in e["terms"]:
            text = t["text"].lower()
            if t["wildcard"] or " " not in text.strip():
                continue
            for w in text.split():
                if (
                    w in taken
                    or w in CLOSED_CLASS
                    or not judges(w)
                    or counts.get(w, 0) >= max_count
                    or any(not judges(lemma) for lemma in forms.get(w, ()))
                    or any(w.startswith(s) for s in stems)
                    or not frames_in_news(w)
                ):
                    continue
                heads.append((w, text))
                taken.add(w)
        if heads:
            out.append((e, heads))
    return out


def render(derived: list[tuple[dict[str, Any], list[tuple[str, str]]]], max_count: int) -> str:
    lines = [
        "# Loaded language, head words: a word of a multiword loaded entry that frames on its own",
        '# ("unfounded" of "unfounded claims"), at half its parent\'s weight; `head_of` names the',
        "# parent. Written by scripts/derive_heads.py from the MPQA subjectivity clues (strong,",
        f"# negative or both), the background counts (fewer than {max_count:,}) and our",
        "# judgements of the words in unannotated news (tests/data/abp_head_contexts.tsv); no",
        "# annotated corpus was read. The rule is in the script and in README.md. Do not edit by",
        "# hand.",
        'category = "loaded"',
        "",
        "entry = [",
    ]
    for e, pairs in derived:
        heads = [w for w, _ in pairs]
        weight = round(float(e["weight"]) * FACTOR, 3)
        fields = [
            f"head_of = {toml_str(e['id'])}",
            f"terms = {toml_list(heads)}",
            f"weight = {weight}",
        ]
        if e.get("subcategory"):
            fields.append(f"subcategory = {toml_str(e['subcategory'])}")
        if e.get("lowercase"):
            fields.append("lowercase = true")
        if e.get("requires"):
            fields.append(f"requires = {toml_list(e['requires'])}")
        exclude = [x for x in e.get("exclude", []) if set(x.lower().split()) & set(heads)]
        if exclude:
            fields.append(f"exclude = {toml_list(exclude)}")
        words = "; ".join(f"`{w}` of `{t}`" for w, t in pairs)
        note = f"{words} on its own, a strong negative clue [mpqa]"
        fields.append(f"note = {toml_str(note)}")
        lines.append("  { " + ", ".join(fields) + " },")
    lines.append("]")
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("lexicons_dir", type=Path, help="folder with the MPQA clues (.tff)")
    parser.add_argument("--out", type=Path, default=LEXICON_DIR / OUT_NAME)
    parser.add_argument("--max-count", type=int, default=1000)
    parser.add_argument(
        "--judged", type=Path, default=JUDGED, help="judged contexts (rule 6; absent: skipped)"
    )
    parser.add_argument(
        "--judged-entries",
        type=Path,
        default=JUDGED_ENTRIES,
        help="judged contexts of entries (rule 6, by one-word id; absent: skipped)",
    )
    args = parser.parse_args(argv)
    tff = args.lexicons_dir / "subjclueslen1-HLTEMNLP05.tff"
    if not tff.is_file():
        parser.error(f"no MPQA clues at {tff}")
    derived = derive(
        load_entries(LEXICON_DIR),
        mpqa_clues(tff),
        background_counts(DATA_DIR / "background.tsv"),
        verb_forms(DATA_DIR / "inflections.tsv"),
        args.max_count,
        judged_words(args.judged, args.judged_entries),
    )
    args.out.write_text(render(derived, args.max_count), encoding="utf-8")
    words = sum(len(h) for _, h in derived)
    print(f"{len(derived)} head entries, {words} words -> {args.out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
