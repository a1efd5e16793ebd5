"""The streaming command on a big corpus against the in-memory batch, in one run.

    python benches/streaming.py CORPUS.jsonl [--copies N] [--keep-output]

Writes CORPUS.jsonl N times (default 28: about 1 GB from the 36 MB ABP corpus) into a temporary
file, streams it with ``framelens analyze --input BIG --output OUT.jsonl`` in a child process
(wall time and peak resident memory of that process), then analyses CORPUS.jsonl in memory with
``analyze_batch`` on all threads (the first run, with fresh memory for the results like the
stream's, and the best of 3) and prints the throughputs in MB of text per second and the
ratios, and the CPU time of each for the same text (the stream's user and system time; the
batch's best run, scaled to the streamed copies). A batch run ends when its pool has taken up
freeing its results, as the stream frees each chunk's. The output file is deleted unless
--keep-output is given.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time

import framelens as fl


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus")
    parser.add_argument("--copies", type=int, default=28)
    parser.add_argument("--keep-output", action="store_true")
    args = parser.parse_args()
    # The stream runs before this process reads the corpus: a child's peak memory as the
    # system reports it (ru_maxrss) includes what its parent held when it was started.
    with open(args.corpus, "rb") as f:
        f.seek(-1, os.SEEK_END)
        newline = f.read(1) == b"\n"
    with tempfile.TemporaryDirectory() as tmp:
        big = os.path.join(tmp, "big.jsonl")
        out = os.path.join(tmp, "out.jsonl")
        with open(big, "wb") as f:
            for _ in range(args.copies):
                with open(args.corpus, "rb") as corpus:
                    shutil.copyfileobj(corpus, f, 1 << 20)
                if not newline:
                    f.write(b"\n")
        size_gb = os.path.getsize(big) / 1e9
        # The corpus is on disk before the run, as a real one is: its writeback is not timed.
        os.sync()
        cmd = [sys.executable, "-m", "framelens.cli", "analyze", "--input", big, "--output", out]
        start = time.perf_counter()
        subprocess.run(cmd, check=True)
        stream_s = time.perf_counter() - start
        child = resource.getrusage(resource.RUSAGE_CHILDREN)
        peak_mb = child.ru_maxrss / 1024
        out_gb = os.path.getsize(out) / 1e9
        if args.keep_output:
            os.replace(out, "streaming-output.jsonl")
    with open(args.corpus, "rb") as f:
        docs = [json.loads(line) for line in f if line.strip()]
    text_mb = sum(len(d["text"].encode("utf-8")) for d in docs) / 1e6
    stream_rate = text_mb * args.copies / stream_s
    items = [{"text": d["text"], "doc_id": d.get("id"), "outlet": d.get("outlet")} for d in docs]
    an = fl.Analyzer()
    times, cpus = [], []
    for _ in range(3):
        before = resource.getrusage(resource.RUSAGE_SELF)
        start = time.perf_counter()
        an.analyze_batch(items)  # the results are dropped here: the pool frees them
        an.analyze_batch([])  # returns once the pool has taken up those frees
        times.append(time.perf_counter() - start)
        after = resource.getrusage(resource.RUSAGE_SELF)
        cpus.append(
            after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime,
        )
    first_rate, batch_rate = text_mb / times[0], text_mb / min(times)
    batch_cpu = cpus[times.index(min(times))] * args.copies
    print(f"corpus: {len(docs)} documents, {text_mb:.1f} MB of text; streamed {args.copies} copies")
    print(f"streaming {size_gb:.2f} GB of JSON Lines: {stream_s:.1f} s, {stream_rate:.1f} MB/s")
    print(f"  peak resident memory {peak_mb:.0f} MB, output {out_gb:.2f} GB")
    print(
        f"in-memory analyze_batch, all threads: first run {first_rate:.1f} MB/s, "
        f"best of 3 {batch_rate:.1f} MB/s"
    )
    print(
        f"streaming / in-memory: {stream_rate / first_rate:.2f} of the first run, "
        f"{stream_rate / batch_rate:.2f} of the best"
    )
    print(
        f"CPU time for the same text: stream {child.ru_utime:.1f} s user + "
        f"{child.ru_stime:.1f} s system, in-memory batch {batch_cpu:.1f} s"
    )


if __name__ == "__main__":
    main()
