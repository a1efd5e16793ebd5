"""``framelens.dask.compare`` on a local Dask cluster against ``fl.compare`` in one process.

    python benches/dask_compare.py ABP_DIR_OR_JSONL [--by lean] [--workers 2] [--blocksize 4MB]

Compares the articles of the JSON Lines file (ABP's dev.jsonl: 6,000) grouped by ``--by`` on a
LocalCluster of ``--workers`` one-thread worker processes, which read the file themselves
(``dd.read_json`` in blocks of ``--blocksize``), and in one process (``fl.analyze_batch`` then
``fl.compare`` without between-group tests, which the Dask comparison does not make), and prints
whether the point values, naming, speakers, divergences and distinctive terms are equal, the
largest difference of the values, how far the Dask intervals lie from the single-process ones
(in interval widths) next to how far ``fl.compare`` with other seeds lies (bootstrap noise),
and the times (the single-process time includes the analysis).
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

import dask.dataframe as dd
import distributed
import framelens as fl
import framelens.dask as fld
import numpy as np
import pandas as pd


def corpus_path(path: str) -> Path:
    p = Path(path)
    return p / "dev.jsonl" if p.is_dir() else p


def endpoint_gap(a: pd.DataFrame, b: pd.DataFrame) -> pd.Series:
    """Per row, the larger endpoint difference of b from a, in a's interval widths (0 where
    both intervals are a point)."""
    width = a["high"] - a["low"]
    gap = np.maximum((a["low"] - b["low"]).abs(), (a["high"] - b["high"]).abs())
    return (gap / width.where(width > 0)).fillna(0.0)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("corpus", help="ABP folder or JSON Lines file")
    ap.add_argument("--by", default="lean", help="the column that names the groups")
    ap.add_argument("--workers", type=int, default=2, help="Dask worker processes")
    ap.add_argument("--blocksize", default="4MB", help="bytes of the file per partition")
    ap.add_argument("--bootstrap", type=int, default=1000, help="bootstrap replicates")
    args = ap.parse_args()

    path = corpus_path(args.corpus)
    columns = ["id", "outlet", args.by, "text"]
    frame = pd.read_json(path, lines=True, dtype=False)[columns]
    print(f"{len(frame):,} articles, groups {sorted(frame[args.by].astype(str).unique())}")

    t = time.perf_counter()
    analyses = fl.analyze_batch(frame, id_col="id", outlet_col="outlet")
    single = fl.compare(
        analyses, by=[str(x) for x in frame[args.by]], bootstrap=args.bootstrap, permutations=0
    )
    t_single = time.perf_counter() - t
    others = [
        fl.compare(
            analyses,
            by=[str(x) for x in frame[args.by]],
            bootstrap=args.bootstrap,
            permutations=0,
            seed=s,
        ).table()
        for s in (1, 2)
    ]
    del analyses

    with (
        distributed.LocalCluster(
            n_workers=args.workers, threads_per_worker=1, processes=True, dashboard_address=":0"
        ) as cluster,
        distributed.Client(cluster),
    ):
        t = time.perf_counter()
        ddf = dd.read_json(path, lines=True, blocksize=args.blocksize, dtype=False)[columns]
        got = fld.compare(
            ddf, by=args.by, id_col="id", outlet_col="outlet", bootstrap=args.bootstrap
        )
        t_dask = time.perf_counter() - t

    s, d = single.table(), got.table()
    same_rows = s[["measure", "group"]].equals(d[["measure", "group"]])
    print(f"point values equal: {same_rows and bool((s['value'] == d['value']).all())}")
    print(f"max |value difference|: {float((s['value'] - d['value']).abs().max()):.3g}")
    print(f"groups equal: {single.groups == got.groups}")
    for name in ("naming", "speakers", "divergence"):
        print(f"{name} equal: {getattr(single, name)().equals(getattr(got, name)())}")
    groups = [g["name"] for g in single.groups]
    terms = all(
        single.distinctive_terms(g, top=0).equals(got.distinctive_terms(g, top=0)) for g in groups
    )
    print(f"distinctive terms equal (each group against the rest): {terms}")
    gap = endpoint_gap(s, d)
    noise = pd.concat([endpoint_gap(s, o) for o in others])
    print(
        "interval endpoints, |dask - single| / single width: "
        f"median {gap.median():.3f}, 90th percentile {gap.quantile(0.9):.3f}, max {gap.max():.3f}"
    )
    print(
        "  the same for fl.compare seeds 1 and 2 against seed 0: "
        f"median {noise.median():.3f}, 90th percentile {noise.quantile(0.9):.3f}, "
        f"max {noise.max():.3f}"
    )
    print(
        f"time: fl.analyze_batch + fl.compare {t_single:.1f} s (this process, all cores); "
        f"fld.compare {t_dask:.1f} s ({args.workers} one-thread workers, "
        f"{ddf.npartitions} partitions, {args.bootstrap} replicates)"
    )


if __name__ == "__main__":
    main()
