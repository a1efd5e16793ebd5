"""The ``python -m framelens.evaluate`` command."""

from __future__ import annotations

import argparse
import json
import math
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from .. import Analyzer, Lexicon
from . import __doc__ as package_doc
from .base import AnalysisCache
from .report import format_evaluation, format_whole
from .runner import (
    PROCEDURES,
    SCORED,
    WHOLE,
    cross_validate,
    leave_one_corpus_out,
    load_units,
    make_corpora,
    make_procedure,
    run,
)
from .stats import DEFAULT_RESAMPLES, DEFAULT_SEED


def json_safe(value: Any) -> Any:
    """``value`` with non-finite floats (an "always no" threshold) as strings, so the output is
    standard JSON."""
    if isinstance(value, float) and not math.isfinite(value):
        return str(value)
    if isinstance(value, dict):
        return {k: json_safe(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [json_safe(v) for v in value]
    return value


def load_lexicon(paths: Sequence[Path]) -> Lexicon:
    """One lexicon from TOML files and folders of them (their ``*.toml`` files, sorted)."""
    files: list[Path] = []
    for p in paths:
        files.extend(sorted(p.glob("*.toml")) if p.is_dir() else [p])
    if not files:
        raise SystemExit(f"no lexicon files in {', '.join(map(str, paths))}")
    lexicon = Lexicon.from_toml(files[0])
    for f in files[1:]:
        lexicon = lexicon.extend(Lexicon.from_toml(f))
    return lexicon


def split(value: str) -> list[str]:
    return [c.strip() for c in value.split(",") if c.strip()]


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m framelens.evaluate",
        description=package_doc,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("data_dir", type=Path)
    mode = parser.add_mutually_exclusive_group()
    mode.add_argument(
        "--whole",
        action="store_true",
        help="score every unit with the default lexicon and the published word lists, nothing "
        "held out (fitted figures, no intervals)",
    )
    mode.add_argument(
        "--folds", type=int, default=5, metavar="K", help="cross-validation folds (default 5)"
    )
    parser.add_argument(
        "--leave-one-corpus-out",
        action="store_true",
        help="also fit on two of BABE, PTC and BASIL and score the third, every way round",
    )
    parser.add_argument(
        "--corpora",
        help="comma-separated; default and choices: "
        + ", ".join(SCORED)
        + " (with --whole also abp: "
        + ", ".join(WHOLE)
        + ")",
    )
    parser.add_argument(
        "--procedures",
        default=",".join(PROCEDURES),
        help="comma-separated fitting procedures, the first the reference for differences "
        "(default: %(default)s)",
    )
    parser.add_argument(
        "--lexicon",
        action="append",
        type=Path,
        metavar="PATH",
        help="evaluate this lexicon instead of the default: TOML files or folders of them "
        "(repeatable; all of them make one lexicon)",
    )
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED, help="folds and resamples")
    parser.add_argument("--resamples", type=int, default=DEFAULT_RESAMPLES)
    parser.add_argument("--threads", type=int, default=None, help="analysis threads")
    parser.add_argument(
        "--no-baselines", action="store_true", help="with --whole: evaluate framelens only"
    )
    parser.add_argument("--format", choices=["table", "json"], default="table")
    args = parser.parse_args(argv)
    known = WHOLE if args.whole else SCORED
    corpora = split(args.corpora) if args.corpora else list(known)
    unknown = [c for c in corpora if c not in known]
    if unknown:
        extra = " (abp runs with --whole only)" if "abp" in unknown else ""
        parser.error(f"unknown corpora: {', '.join(unknown)}{extra}")
    start = time.perf_counter()
    cache = AnalysisCache(threads=args.threads)
    base = Analyzer(lexicon=load_lexicon(args.lexicon)) if args.lexicon else Analyzer()
    if args.whole:
        results = run(
            args.data_dir, corpora, baselines=not args.no_baselines, cache=cache, framelens=base
        )
        if args.format == "json":
            print(json.dumps(results, indent=2))
        else:
            print(format_whole(results))
            print(f"({time.perf_counter() - start:.1f} s)")
        return 0
    if args.folds < 2:
        parser.error("--folds must be at least 2")
    try:
        procedures = [make_procedure(p, args.seed) for p in split(args.procedures)]
    except ValueError as e:
        parser.error(str(e))
    if not procedures:
        parser.error("--procedures is empty")
    known_corpora = make_corpora(base)
    units = load_units(args.data_dir, known_corpora, corpora)
    common = {"seed": args.seed, "resamples": args.resamples}
    result: dict[str, Any] = {
        "folds": args.folds,
        "level": 0.95,
        **common,
        "procedures": [p.name for p in procedures],
        "threads": args.threads,
    }
    result["cross_validation"] = cross_validate(
        known_corpora, units, procedures, args.folds, cache, base, **common
    )
    if args.leave_one_corpus_out:
        result["leave_one_corpus_out"] = leave_one_corpus_out(
            known_corpora, units, procedures, cache, base, **common
        )
    result["seconds"] = time.perf_counter() - start
    result["documents_analysed"] = cache.documents_analysed
    if args.format == "json":
        print(json.dumps(json_safe(result), indent=2))
    else:
        print(format_evaluation(result))
    return 0
