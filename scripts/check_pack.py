"""Check the language packs under crates/framelens/data/<lang>/ and count their entries.

    python scripts/check_pack.py                 # the ru and ar packs
    python scripts/check_pack.py ru ar --min-loaded 800
    python scripts/check_pack.py --data DIR xx   # DIR/xx/text.toml and DIR/xx/lexicon/*.toml

For each pack it checks that
- text.toml has every key of data/en/text.toml (a pack may add keys), its lists hold no
  duplicates and no uppercase, the three abbreviation lists share no word, no word is both
  skipped (`between`) and a boundary, and the reporting-cue ids it names exist in
  lexicon/report.toml;
- every lexicon file parses with the project's loader (``framelens.Lexicon.from_toml``, when
  framelens is importable) and with the same rules here: each entry has a category, terms and a
  non-empty note, ids are unique in the pack, a term is in one entry of a category only (terms
  compared as the matchers see them: NFKC, lowercase, «ё» as «е», Arabic alef, yeh and kaf
  variants folded, harakat dropped), weights are positive, `kind` only on reporting cues and one
  of the known kinds, naming entries have a subcategory (the group) and a side, and every
  `exclude` phrase holds one of the entry's terms;
- no two entries of a Russian category share a Snowball stem, the unit the Russian engine
  matches by (checked when snowballstemmer is installed);
- the pack has at least ``--min-loaded`` loaded-language entries.

It prints the entry counts per category and subcategory and exits 1 on any problem.
"""

from __future__ import annotations

import argparse
import sys
import unicodedata
from collections import Counter
from pathlib import Path
from typing import Any

try:
    import tomllib
except ModuleNotFoundError:  # Python 3.10
    import tomli as tomllib  # type: ignore[no-redef,import-not-found]

DATA = Path(__file__).resolve().parent.parent / "crates" / "framelens" / "data"
CATEGORIES = {
    "loaded",
    "hedge",
    "booster",
    "factive",
    "naming",
    "frame",
    "generic_frame",
    "scare_quote",
    "report",
}
CUE_KINDS = {"speech", "belief", "evidence", "intention", "perception", "nominal"}
STANCES = {"neutral", "distancing", "endorsing", "emotive", "admission"}
CUE_LISTS = ("clause_cues", "to_cues", "that_cues", "to_only_cues")


# Arabic letters the Arabic engine folds (alef forms, alef maqsura and Persian yeh, Persian kaf),
# and the marks it drops (tatweel, harakat).
ARABIC_FOLD = str.maketrans(
    {"أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ى": "ي", "ی": "ي", "ک": "ك", "\u0640": None}
    | {chr(c): None for c in range(0x064B, 0x0653)}
)


def norm(term: str) -> str:
    """A term as the matchers compare it: NFKC, lowercase, «ё» as «е», Arabic letter variants
    folded and harakat dropped, spaces collapsed."""
    t = unicodedata.normalize("NFKC", term).lower().replace("ё", "е").translate(ARABIC_FOLD)
    return " ".join(t.split())


def default_id(entry: dict[str, Any]) -> str | None:
    first = entry.get("lemma") or (entry.get("terms") or [None])[0]
    if isinstance(first, list):
        first = first[0] if first else None
    if not first:
        return None
    return norm(str(first).rstrip("*")).replace(" ", "_").replace("-", "_")


def stemmer_for(lang: str) -> Any:
    """The Snowball stemmer the language's engine matches with (Russian), if snowballstemmer is
    installed; None otherwise or for a language matched without stemming."""
    if lang != "ru":
        return None
    try:
        import snowballstemmer  # type: ignore[import-untyped]
    except ImportError:
        return None
    return snowballstemmer.stemmer("russian")


def check_lexicon(lang_dir: Path, problems: list[str]) -> Counter[tuple[str, str]]:
    """Check every lexicon file of a pack; return entry counts per (category, subcategory)."""
    counts: Counter[tuple[str, str]] = Counter()
    ids: dict[str, str] = {}
    terms: dict[tuple[str, str], str] = {}
    stems: dict[tuple[str, str], str] = {}
    stemmer = stemmer_for(lang_dir.name)
    files = sorted((lang_dir / "lexicon").glob("*.toml"))
    if not files:
        problems.append(f"{lang_dir.name}: no lexicon/*.toml files")
    for path in files:
        where = f"{lang_dir.name}/lexicon/{path.name}"
        try:
            raw = tomllib.loads(path.read_text(encoding="utf-8"))
        except tomllib.TOMLDecodeError as e:
            problems.append(f"{where}: {e}")
            continue
        check_with_loader(path, where, problems)
        prefix = raw.get("id_prefix", "")
        for k, entry in enumerate(raw.get("entry", []), start=1):
            eid = entry.get("id") or default_id(entry)
            at = f"{where} entry {k} (`{eid}`)"
            category = entry.get("category", raw.get("category"))
            sub = entry.get("subcategory", raw.get("subcategory")) or ""
            if category not in CATEGORIES:
                problems.append(f"{at}: category `{category}`")
                continue
            if not eid:
                problems.append(f"{at}: no id and no term")
                continue
            full_id = f"{prefix}{eid}"
            if full_id in ids:
                problems.append(f"{at}: id `{full_id}` also in {ids[full_id]}")
            ids[full_id] = at
            if not str(entry.get("note", "")).strip():
                problems.append(f"{at}: no note")
            entry_terms = list(entry.get("terms", []))
            if not entry_terms and not entry.get("lemma"):
                problems.append(f"{at}: no terms")
            for t in entry_terms:
                n = norm(t)
                if not n:
                    problems.append(f"{at}: empty term")
                    continue
                key = (category, n)
                if key in terms and terms[key] != at:
                    problems.append(f"{at}: term `{t}` also in {terms[key]}")
                terms[key] = at
                if stemmer is not None:
                    skey = (category, " ".join(stemmer.stemWords(n.split())))
                    if skey in stems and stems[skey] != at:
                        problems.append(f"{at}: term `{t}` has the stem of a term in {stems[skey]}")
                    stems.setdefault(skey, at)
            weight = entry.get("weight", 1.0)
            if not isinstance(weight, int | float) or weight <= 0:
                problems.append(f"{at}: weight {weight!r}")
            kind = entry.get("kind")
            if category == "report":
                if kind not in CUE_KINDS:
                    problems.append(f"{at}: kind `{kind}`")
                if sub not in STANCES:
                    problems.append(f"{at}: stance `{sub}`")
            elif kind is not None:
                problems.append(f"{at}: kind on a {category} entry")
            if category == "naming" and (not sub or not entry.get("side")):
                problems.append(f"{at}: a naming entry needs a subcategory and a side")
            normed = [norm(t) for t in entry_terms]
            for phrase in entry.get("exclude", []):
                if phrase.endswith("*"):
                    # A prefix guard begins with the first four letters of one of the terms.
                    holds = any(norm(phrase[:-1]).startswith(n[:4]) for n in normed)
                else:
                    p = f" {norm(phrase)} "
                    holds = any(f" {n} " in p for n in normed)
                if not holds:
                    problems.append(f"{at}: exclude `{phrase}` holds none of its terms")
            counts[(category, sub)] += 1
    return counts


def check_with_loader(path: Path, where: str, problems: list[str]) -> None:
    """Parse one file with the project's own loader, when framelens is installed."""
    try:
        import framelens
    except ImportError:
        return
    try:
        framelens.Lexicon.from_toml(path)
    except Exception as e:  # noqa: BLE001 - the loader's typed error, reported with its message
        problems.append(f"{where}: the framelens loader says: {e}")


def check_text(lang_dir: Path, english: dict[str, Any], problems: list[str]) -> None:
    """Check a pack's text.toml against the keys of the English one."""
    where = f"{lang_dir.name}/text.toml"
    path = lang_dir / "text.toml"
    if not path.exists():
        problems.append(f"{where}: missing")
        return
    try:
        text = tomllib.loads(path.read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError as e:
        problems.append(f"{where}: {e}")
        return
    for section, keys in english.items():
        for key in keys:
            if key not in text.get(section, {}):
                problems.append(f"{where}: no `{section}.{key}` (the English file has it)")
    for section, keys in text.items():
        for key, value in keys.items():
            if isinstance(value, list):
                dup = [w for w, c in Counter(value).items() if c > 1]
                if dup:
                    problems.append(f"{where}: `{section}.{key}` repeats {dup}")
                upper = [w for w in value if isinstance(w, str) and w != w.lower()]
                if upper:
                    problems.append(f"{where}: `{section}.{key}` has uppercase {upper}")
    abbr = text.get("abbreviations", {})
    lists = ("never_final", "before_number", "maybe_final")
    for k, a in enumerate(lists):
        for b in lists[k + 1 :]:
            both = sorted(set(abbr.get(a, [])) & set(abbr.get(b, [])))
            if both:
                problems.append(f"{where}: `abbreviations.{a}` and `.{b}` share {both}")
    attribution = text.get("attribution", {})
    both = sorted(set(attribution.get("between", [])) & set(attribution.get("boundaries", [])))
    if both:
        problems.append(f"{where}: `attribution.between` and `.boundaries` share {both}")
    report = lang_dir / "lexicon" / "report.toml"
    if report.exists():
        raw = tomllib.loads(report.read_text(encoding="utf-8"))
        prefix = raw.get("id_prefix", "")
        known = {f"{prefix}{e.get('id') or default_id(e)}" for e in raw.get("entry", [])}
        for key in CUE_LISTS:
            for cue in text.get("attribution", {}).get(key, []):
                if cue not in known:
                    problems.append(
                        f"{where}: `attribution.{key}` names `{cue}`, not in report.toml"
                    )


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("langs", nargs="*", default=["ru", "ar"], help="pack folders to check")
    ap.add_argument("--data", type=Path, default=DATA, help="the data folder holding the packs")
    ap.add_argument("--min-loaded", type=int, default=800, help="loaded entries a pack needs")
    args = ap.parse_args(argv)
    english = tomllib.loads((DATA / "en" / "text.toml").read_text(encoding="utf-8"))
    problems: list[str] = []
    for lang in args.langs:
        lang_dir = args.data / lang
        check_text(lang_dir, english, problems)
        counts = check_lexicon(lang_dir, problems)
        loaded = sum(n for (cat, _), n in counts.items() if cat == "loaded")
        if loaded < args.min_loaded:
            problems.append(f"{lang}: {loaded} loaded entries, fewer than {args.min_loaded}")
        print(f"{lang}: {sum(counts.values())} entries")
        for cat in sorted({c for c, _ in counts}):
            total = sum(n for (c, _), n in counts.items() if c == cat)
            subs = ", ".join(f"{s or '-'} {n}" for (c, s), n in sorted(counts.items()) if c == cat)
            print(
                f"  {cat:14} {total:5}  ({subs})"
                if cat in ("loaded", "report")
                else f"  {cat:14} {total:5}"
            )
    for p in problems:
        print(f"problem: {p}", file=sys.stderr)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
