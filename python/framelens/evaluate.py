"""Evaluate framelens and published word lists on annotated corpora, side by side.

    python -m framelens.evaluate DATA_DIR [--corpora babe,ptc,basil] [--format table|json]

DATA_DIR holds the corpora in the formats described in the project's data notes:
``babe/dev.jsonl``, ``ptc/dev.jsonl``, ``basil/dev.jsonl`` and, for the baselines, the published
lists in ``lexicons/``. Every system runs through the same framelens engine (tokenization,
whole-word matching, quote regions), so the comparison is of the word lists alone.

Metrics (all over every sentence/article, nothing sampled):

- BABE word level: micro precision/recall/F1 over (sentence, word) pairs; gold words are the
  annotators' biased words, predicted words are the words inside ``loaded`` markers.
  BABE sentence level: accuracy of "has an author-voice loaded marker" against the Biased label.
- PTC: SemEval-2020 task 11 span identification precision/recall/F1 (partial overlap credit) of
  ``loaded`` markers against the gold Loaded_Language and Name_Calling,Labeling spans.
- PolNeAR: attribution cue precision/recall/F1 (a predicted cue matches a gold cue on overlap);
  for matched cues, the share whose speaker overlaps the gold source, and the mean token F1 of
  the content.
- ABP: outlet resolution from the URL and from the outlet name (author and byline labels count as
  resolved names; ``name_is_outlet`` counts only names that are outlets); then left against
  right: of the naming groups with left- and right-labelled variants used at least 20 times,
  how many come out on the expected side (z >= 1.96 for the left variants in left outlets) and
  how many on the opposite side, and how long the comparison of those articles takes.
- BASIL: recall of gold lexical-bias spans outside quotes by author-voice loaded markers (and of
  those inside quotes by quoted markers); precision proxy = share of author-voice loaded markers
  that overlap any gold bias span; triplet hit rate = share of triplets whose densest article (in
  author-voice loaded markers per 1,000 author words) is the one densest in gold lexical-bias
  spans (per 1,000 words; a tie for the densest counts for each tied article).
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import time
from collections import defaultdict
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

from . import Analysis, Analyzer, Lexicon

WORD = re.compile(r"[\w][\w'’-]*")

PTC_GOLD = {"Loaded_Language", "Name_Calling,Labeling"}


def read_jsonl(path: Path) -> list[dict[str, Any]]:
    with path.open(encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


def systems(data_dir: Path, baselines: bool) -> dict[str, Analyzer]:
    out = {"framelens": Analyzer()}
    if not baselines:
        return out
    lex = data_dir / "lexicons"
    lists = {
        "mpqa_strong": (lex / "subjclueslen1-HLTEMNLP05.tff", "mpqa"),
        "spinde2021": (lex / "bias_word_lexicon_spinde2021.txt", "list"),
        "recasens2013": (lex / "bias-lexicon_recasens2013_654.txt", "list"),
    }
    for name, (path, kind) in lists.items():
        if not path.exists():
            print(f"note: {path} not found; baseline {name} skipped", file=sys.stderr)
            continue
        lexicon = (
            Lexicon.from_mpqa(path, strength="strong")
            if kind == "mpqa"
            else Lexicon.from_wordlist(path)
        )
        out[name] = Analyzer(lexicon)
    return out


def loaded(a: Analysis, voice: str | None = None) -> list[Any]:
    return [
        m
        for m in a.markers
        if m.category == "loaded" and (voice is None or m.voice == voice) and not m.negated
    ]


def prf(tp: float, n_pred: float, n_gold: float) -> dict[str, float]:
    p = tp / n_pred if n_pred else 0.0
    r = tp / n_gold if n_gold else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {"precision": p, "recall": r, "f1": f}


# ---------------------------------------------------------------------------------------- BABE


def eval_babe(rows: Sequence[dict[str, Any]], analyzer: Analyzer) -> dict[str, float]:
    analyses = analyzer.analyze_batch([r["text"] for r in rows])
    tp = n_pred = n_gold = 0
    correct = 0
    for row, a in zip(rows, analyses, strict=True):
        gold = {w.lower() for phrase in row["biased_words"] for w in WORD.findall(phrase)}
        pred = {w.lower() for m in loaded(a) for w in WORD.findall(m.text)}
        tp += len(gold & pred)
        n_pred += len(pred)
        n_gold += len(gold)
        says_biased = bool(loaded(a, "author"))
        correct += says_biased == (row["label_bias"] == "Biased")
    out = {f"word_{k}": v for k, v in prf(tp, n_pred, n_gold).items()}
    out["sentence_accuracy"] = correct / len(rows) if rows else 0.0
    return out


# ----------------------------------------------------------------------------------------- PTC


def merge(spans: Iterable[tuple[int, int]]) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    for s, e in sorted(spans):
        if out and s <= out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], e))
        else:
            out.append((s, e))
    return out


def overlap(a: tuple[int, int], b: tuple[int, int]) -> int:
    return max(0, min(a[1], b[1]) - max(a[0], b[0]))


def eval_ptc(rows: Sequence[dict[str, Any]], analyzer: Analyzer) -> dict[str, float]:
    analyses = analyzer.analyze_batch([r["text"] for r in rows])
    p_sum = r_sum = 0.0
    n_pred = n_gold = 0
    for row, a in zip(rows, analyses, strict=True):
        gold = merge((s["start"], s["end"]) for s in row["spans"] if s["technique"] in PTC_GOLD)
        pred = merge((m.start, m.end) for m in loaded(a))
        for s in pred:
            p_sum += sum(overlap(s, t) for t in gold) / (s[1] - s[0])
        for t in gold:
            r_sum += sum(overlap(s, t) for s in pred) / (t[1] - t[0])
        n_pred += len(pred)
        n_gold += len(gold)
    p = p_sum / n_pred if n_pred else 0.0
    r = r_sum / n_gold if n_gold else 0.0
    return {"precision": p, "recall": r, "f1": 2 * p * r / (p + r) if p + r else 0.0}


# --------------------------------------------------------------------------------------- BASIL


def basil_text(article: dict[str, Any]) -> tuple[str, list[int]]:
    """The article text (sentences joined by spaces, paragraphs by blank lines) and the offset
    of every sentence in it."""
    parts: list[str] = []
    offsets: list[int] = []
    pos = 0
    for p, paragraph in enumerate(article["paragraphs"]):
        if p:
            parts.append("\n\n")
            pos += 2
        for s, sentence in enumerate(paragraph):
            if s:
                parts.append(" ")
                pos += 1
            offsets.append(pos)
            parts.append(sentence)
            pos += len(sentence)
    return "".join(parts), offsets


def eval_basil(rows: Sequence[dict[str, Any]], analyzer: Analyzer) -> dict[str, float]:
    texts = [basil_text(r) for r in rows]
    analyses = analyzer.analyze_batch([t for t, _ in texts])
    author_hit = author_n = quoted_hit = quoted_n = 0
    prox_hit = prox_n = 0
    by_triplet: dict[str, list[tuple[float, float]]] = defaultdict(list)
    for row, (_, offsets), a in zip(rows, texts, analyses, strict=True):
        gold_all = []
        lex_count = 0
        for sp in row["spans"]:
            if sp.get("sentence") is None or sp["sentence"] >= len(offsets):
                continue  # a few gold spans have no sentence index: they cannot be located
            base = offsets[sp["sentence"]]
            span = (base + sp["start"], base + sp["end"])
            gold_all.append(span)
            if sp["bias"] != "lex":
                continue
            lex_count += 1
            quoted = sp["quote"] == "yes"
            voice = "quoted" if quoted else "author"
            hit = any(overlap(span, (m.start, m.end)) for m in loaded(a, voice))
            if quoted:
                quoted_n += 1
                quoted_hit += hit
            else:
                author_n += 1
                author_hit += hit
        author_markers = loaded(a, "author")
        prox_n += len(author_markers)
        prox_hit += sum(any(overlap((m.start, m.end), g) for g in gold_all) for m in author_markers)
        author_words = a.profile.author_words or 1
        words = a.profile.words or 1
        by_triplet[row["triplet"]].append(
            (len(author_markers) * 1000 / author_words, lex_count * 1000 / words)
        )
    hits = total = 0
    for arts in by_triplet.values():
        if len(arts) < 2:
            continue
        total += 1
        densest = max(range(len(arts)), key=lambda i: arts[i][0])
        hits += arts[densest][1] == max(c for _, c in arts)
    return {
        "author_lex_recall": author_hit / author_n if author_n else 0.0,
        "quoted_lex_recall": quoted_hit / quoted_n if quoted_n else 0.0,
        "author_precision_proxy": prox_hit / prox_n if prox_n else 0.0,
        "triplet_hit_rate": hits / total if total else 0.0,
    }


# ------------------------------------------------------------------------------------- PolNeAR


def word_positions(text: str, spans: Iterable[tuple[int, int]]) -> set[int]:
    """Start offsets of the words inside the spans (a bag of token positions)."""
    out: set[int] = set()
    for s, e in spans:
        out.update(s + m.start() for m in WORD.finditer(text[s:e]))
    return out


def eval_polnear(rows: Sequence[dict[str, Any]], analyzer: Analyzer) -> dict[str, float]:
    analyses = analyzer.analyze_batch([r["text"] for r in rows])
    n_pred = n_pred_hit = n_gold = n_gold_hit = 0
    speaker_n = speaker_hit = 0
    content_f1: list[float] = []
    for row, a in zip(rows, analyses, strict=True):
        text = row["text"]
        gold = [g for g in row["attributions"] if g.get("cue")]
        n_gold += len(gold)
        matched: set[int] = set()
        for att in a.attributions:
            if att.continued:
                continue  # a continuation repeats its cue; count each cue once
            n_pred += 1
            cue = (att.cue.start, att.cue.end)
            hits = [i for i, g in enumerate(gold) if any(overlap(cue, (s, e)) for s, e in g["cue"])]
            if not hits:
                continue
            n_pred_hit += 1
            i = next((h for h in hits if h not in matched), hits[0])
            matched.add(i)
            g = gold[i]
            if g.get("source"):
                speaker_n += 1
                sp = att.speaker
                speaker_hit += sp is not None and any(
                    overlap((sp.start, sp.end), (s, e)) for s, e in g["source"]
                )
            if g.get("content"):
                gold_words = word_positions(text, [(s, e) for s, e in g["content"]])
                c = att.content
                pred_words = word_positions(text, [(c.start, c.end)]) if c else set()
                tp = len(gold_words & pred_words)
                content_f1.append(prf(tp, len(pred_words), len(gold_words))["f1"])
        n_gold_hit += len(matched)
    out = {f"cue_{k}": v for k, v in prf(n_pred_hit, n_pred, n_gold).items()}
    out["cue_recall"] = n_gold_hit / n_gold if n_gold else 0.0
    p, r = out["cue_precision"], out["cue_recall"]
    out["cue_f1"] = 2 * p * r / (p + r) if p + r else 0.0
    out["speaker_match"] = speaker_hit / speaker_n if speaker_n else 0.0
    out["content_token_f1"] = sum(content_f1) / len(content_f1) if content_f1 else 0.0
    return out


# ----------------------------------------------------------------------------------------- ABP


def eval_abp(rows: Sequence[dict[str, Any]], analyzer: Analyzer) -> dict[str, float]:
    """Outlet resolution on the ABP corpus: share of articles whose URL resolves to a registry
    outlet, and share whose outlet name resolves to an outlet or a known author label."""
    registry = analyzer.registry
    by_url = sum(registry.by_url(r.get("url") or "") is not None for r in rows)
    by_name = sum(
        registry.by_name(r["outlet"]) is not None or registry.is_author(r["outlet"]) for r in rows
    )
    names_are_outlets = sum(registry.by_name(r["outlet"]) is not None for r in rows)
    n = len(rows) or 1
    out = {
        "url_resolved": by_url / n,
        "name_resolved": by_name / n,
        "name_is_outlet": names_are_outlets / n,
        "articles": float(len(rows)),
    }
    # Left against right: which naming variants each side uses.
    if any(r.get("lean") for r in rows):
        from . import compare

        analyses = analyzer.analyze_batch(
            [{"text": r["text"], "url": r.get("url"), "outlet": r.get("outlet")} for r in rows]
        )
        # The timing case: every article, two groups (left and the rest).
        start = time.perf_counter()
        compare(analyses, by=["left" if r.get("lean") == "left" else "other" for r in rows])
        out["compare_seconds"] = time.perf_counter() - start
        c = compare(analyses, by=[r.get("lean") or "unknown" for r in rows])
        pairs = [x for x in c.naming_contrast("left", "right") if x[1] >= NAMING_MIN_USES]
        out["naming_pairs"] = float(len(pairs))
        out["naming_expected_side"] = float(sum(z >= 1.96 for _, _, z in pairs))
        out["naming_opposite_side"] = float(sum(z <= -1.96 for _, _, z in pairs))
    return out


NAMING_MIN_USES = 20


EVALUATORS = {
    "babe": eval_babe,
    "ptc": eval_ptc,
    "basil": eval_basil,
    "polnear": eval_polnear,
    "abp": eval_abp,
}
# The published word lists have no attribution; PolNeAR is run for framelens only.
LEXICON_ONLY = {"babe", "ptc", "basil"}


def run(
    data_dir: Path, corpora: Sequence[str], baselines: bool = True
) -> dict[str, dict[str, dict[str, float]]]:
    """``{corpus: {system: {metric: value}}}``."""
    results: dict[str, dict[str, dict[str, float]]] = {}
    analyzers = systems(data_dir, baselines)
    for corpus in corpora:
        path = data_dir / corpus / "dev.jsonl"
        if not path.exists():
            print(f"note: {path} not found; {corpus} skipped", file=sys.stderr)
            continue
        rows = read_jsonl(path)
        results[corpus] = {
            name: EVALUATORS[corpus](rows, analyzer)
            for name, analyzer in analyzers.items()
            if corpus in LEXICON_ONLY or name == "framelens"
        }
    return results


def format_results(results: dict[str, dict[str, dict[str, float]]]) -> str:
    lines = []
    for corpus, by_system in results.items():
        metrics = list(next(iter(by_system.values())))
        header = ["system", *metrics]
        rows = [[name, *(f"{v[m]:.3f}" for m in metrics)] for name, v in by_system.items()]
        widths = [max(len(r[i]) for r in [header, *rows]) for i in range(len(header))]
        lines.append(f"{corpus}")
        for k, r in enumerate([header, *rows]):
            lines.append(
                "  ".join(
                    c.rjust(w) if i else c.ljust(w)
                    for i, (c, w) in enumerate(zip(r, widths, strict=True))
                )
            )
            if k == 0:
                lines.append("  ".join("-" * w for w in widths))
        lines.append("")
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m framelens.evaluate",
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("data_dir", type=Path)
    parser.add_argument(
        "--corpora", default=",".join(EVALUATORS), help="comma-separated: " + ", ".join(EVALUATORS)
    )
    parser.add_argument("--no-baselines", action="store_true", help="evaluate framelens only")
    parser.add_argument("--format", choices=["table", "json"], default="table")
    args = parser.parse_args(argv)
    corpora = [c.strip() for c in args.corpora.split(",") if c.strip()]
    unknown = [c for c in corpora if c not in EVALUATORS]
    if unknown:
        parser.error(f"unknown corpora: {', '.join(unknown)}")
    start = time.perf_counter()
    results = run(args.data_dir, corpora, baselines=not args.no_baselines)
    if args.format == "json":
        print(json.dumps(results, indent=2))
    else:
        print(format_results(results))
        print(f"({time.perf_counter() - start:.1f} s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
