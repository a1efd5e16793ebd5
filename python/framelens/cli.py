"""The ``framelens`` command line.

``framelens analyze FILE...``  markers of each article (table, or ``--format json``).
``framelens compare FILE...``  one column per article, one row per profile figure.
``framelens compare CORPUS.jsonl --by COLUMN``  groups of a JSON Lines or CSV corpus, with
95% bootstrap intervals (table, JSON or CSV).
``framelens validate GOLD.jsonl``  precision, recall and F1 against a hand-coded sample.
``-`` reads standard input.
"""

from __future__ import annotations

import argparse
import csv
import io
import json
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from . import CATEGORIES, Analysis, FramelensError, analyze_batch


class InputError(Exception):
    """A file could not be read as text."""


def read_text(name: str, encoding_errors: str = "strict") -> str:
    """Reads a file (or stdin for ``-``) as UTF-8, naming the byte offset of bad input."""
    data = sys.stdin.buffer.read() if name == "-" else Path(name).read_bytes()
    try:
        return data.decode("utf-8", errors=encoding_errors)
    except UnicodeDecodeError as e:
        raise InputError(
            f"{name}: not valid UTF-8 at byte {e.start} "
            f"(use --encoding-errors replace to read it anyway)"
        ) from e


def label_of(name: str) -> str:
    return "stdin" if name == "-" else Path(name).stem


def profile_rows(analyses: Sequence[Analysis]) -> list[tuple[str, list[float]]]:
    """The rows of the side-by-side table: a measure name (unique, the same in every output
    format) and one value per article."""
    rows: list[tuple[str, list[float]]] = []
    profiles = [a.profile for a in analyses]
    rows.append(("words", [p.words for p in profiles]))
    rows.append(("sentences", [p.sentences for p in profiles]))
    rows.append(
        ("quoted_word_share", [p.quoted_words / p.words if p.words else 0.0 for p in profiles])
    )
    for cat in CATEGORIES:
        rates = [p.rates[cat] for p in profiles]
        rows.append((f"{cat}_per_1k", [r["all"] for r in rates]))
        rows.append((f"{cat}_author_per_1k", [r["author"] for r in rates]))
        rows.append((f"{cat}_quoted_per_1k", [r["quoted"] for r in rates]))
    return rows


def format_value(name: str, value: float) -> str:
    """A value as the table prints it: counts whole, shares and rates to two decimals."""
    return str(value) if name in ("words", "sentences") else f"{value:.2f}"


def format_table(header: list[str], rows: list[list[str]]) -> str:
    widths = [max(len(r[i]) for r in [header, *rows]) for i in range(len(header))]
    lines = []
    for k, row in enumerate([header, *rows]):
        cells = [
            row[i].ljust(widths[i]) if i == 0 else row[i].rjust(widths[i]) for i in range(len(row))
        ]
        lines.append("  ".join(cells).rstrip())
        if k == 0:
            lines.append("  ".join("-" * w for w in widths))
    return "\n".join(lines)


def load(files: Sequence[str], encoding_errors: str) -> list[Analysis]:
    docs = [{"text": read_text(f, encoding_errors), "doc_id": label_of(f)} for f in files]
    return analyze_batch(docs)


def stream_jsonl(args: argparse.Namespace) -> int:
    """The JSON Lines output of ``analyze --input``, all in the Rust core with the GIL released:
    one thread reads chunks (bounded by --chunk-size lines and --chunk-bytes bytes) and puts
    finished chunks in input order for a writer thread, while the worker threads parse, analyse
    and serialize."""
    from . import _framelens, default_analyzer

    total, failed = _framelens.stream_jsonl(
        default_analyzer(),
        args.input,
        args.output,
        text_col=args.text_col,
        id_col=args.id_col,
        include_text=args.include_text,
        replace_errors=args.encoding_errors == "replace",
        chunk_size=args.chunk_size,
        chunk_bytes=args.chunk_bytes,
        progress=args.progress,
        threads=args.threads,
        input_format=args.input_format,
    )
    return finish_stream(args, failed, total)


def finish_stream(args: argparse.Namespace, failed: int, total: int) -> int:
    """Ends the progress line and reports failures; the exit status."""
    if args.progress:
        print(file=sys.stderr)
    if failed:
        print(
            f"framelens: {failed} of {total} documents failed; their lines in "
            f"{args.output} say why",
            file=sys.stderr,
        )
        return 1
    return 0


class StagedOutput:
    """An output file written under a temporary name in its directory and renamed into place by
    :meth:`commit`, so a run that fails leaves nothing half-written under the final name
    (:meth:`abort` deletes it). Standard output (``-``), devices and pipes are written as they
    are. An output that is the input file, through a link or not, is refused."""

    def __init__(self, path: str, input_path: str) -> None:
        import os
        import tempfile

        self.path = path
        self.temp: str | None = None
        if path == "-":
            self.target = path
            return
        if input_path != "-" and os.path.exists(path) and os.path.samefile(input_path, path):
            raise InputError(
                f"cannot write {path}: it is the input file {input_path}; choose another output"
            )
        if os.path.exists(path) and not os.path.isfile(path):
            self.target = path
            return
        folder, name = os.path.split(path)
        fd, self.temp = tempfile.mkstemp(
            dir=folder or ".", prefix=f".{name}.", suffix=".framelens-tmp"
        )
        os.close(fd)
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(self.temp, 0o666 & ~umask)
        self.target = self.temp

    def commit(self) -> None:
        """Puts the written file under its final name."""
        import os

        if self.temp is not None:
            os.replace(self.temp, self.path)
            self.temp = None

    def abort(self) -> None:
        """Deletes the temporary file."""
        import os

        if self.temp is not None:
            os.unlink(self.temp)
            self.temp = None


def escape_cell(value: Any) -> Any:
    """A text cell that a spreadsheet would run as a formula (it starts with ``=``, ``+``,
    ``-``, ``@``, a tab or a carriage return) gets a leading apostrophe, as OWASP advises."""
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + value
    return value


def cmd_analyze_stream(args: argparse.Namespace) -> int:
    """Streams a JSON Lines corpus through framelens in bounded chunks, writing one output line
    or row per input line (analyses and errors alike) in input order. JSON Lines output runs
    all in the core; CSV and Parquet rows are written here from the core's analysed chunks,
    with one fixed set of columns."""
    import time

    from . import _framelens, default_analyzer
    from .tables import DTYPES, arrow_fields, document_row

    out_format = args.output_format or (
        "csv"
        if args.output.endswith(".csv")
        else "parquet"
        if args.output.endswith(".parquet")
        else "jsonl"
    )
    if out_format == "jsonl":
        return stream_jsonl(args)
    if out_format == "parquet":
        try:
            import pyarrow as pa
            import pyarrow.parquet as pq
        except ImportError as e:
            raise InputError("--output ...parquet needs pyarrow: pip install pyarrow") from e
        schema = pa.schema(
            [
                pa.field("line", pa.int64()),
                # An error line has no results: every column may be null there.
                *(f.with_nullable(True) for f in arrow_fields("documents")),
                pa.field("error", pa.string()),
            ]
        )
    columns = ["line", *DTYPES["documents"], "error"]
    # The input opens first: a missing input creates no output at all.
    batches = _framelens.StreamBatches(
        default_analyzer(),
        args.input,
        text_col=args.text_col,
        id_col=args.id_col,
        replace_errors=args.encoding_errors == "replace",
        chunk_size=args.chunk_size,
        chunk_bytes=args.chunk_bytes,
        threads=args.threads,
        input_format=args.input_format,
    )
    staged = StagedOutput(args.output, args.input)
    failed = total = text_bytes = 0
    started = time.perf_counter()
    out: Any = None
    writer: Any = None
    try:
        if out_format == "csv":
            out = (
                sys.stdout
                if staged.target == "-"
                else open(staged.target, "w", encoding="utf-8", newline="")  # noqa: SIM115
            )
            writer = csv.DictWriter(out, fieldnames=columns)
            writer.writeheader()
        else:
            writer = pq.ParquetWriter(staged.target, schema)
        try:
            for batch in batches:
                records: list[dict[str, Any]] = []
                for line_no, doc_id, item in batch:
                    if isinstance(item, str):
                        failed += 1
                        records.append({"line": line_no, "doc_id": doc_id, "error": item})
                    else:
                        text_bytes += len(item.text.encode("utf-8", errors="replace"))
                        records.append({"line": line_no, **document_row(item), "error": None})
                total += len(batch)
                if out_format == "csv":
                    if not args.csv_raw:
                        records = [{k: escape_cell(v) for k, v in r.items()} for r in records]
                    writer.writerows(records)
                else:
                    writer.write_table(pa.Table.from_pylist(records, schema=schema))
                if args.progress:
                    rate = text_bytes / 1e6 / max(time.perf_counter() - started, 1e-9)
                    print(
                        f"\rframelens: {total} documents, {rate:.1f} MB/s", end="", file=sys.stderr
                    )
        finally:
            # Also after Ctrl-C: the rows before the stop are written whole (and Parquet gets
            # its footer).
            if out_format == "parquet":
                writer.close()
            elif out is not None and out is not sys.stdout:
                out.close()
    except KeyboardInterrupt:
        staged.commit()
        raise
    except BaseException:
        staged.abort()
        raise
    staged.commit()
    return finish_stream(args, failed, total)


def cmd_analyze(args: argparse.Namespace) -> int:
    if args.input:
        if not args.output:
            raise InputError("--input needs --output (a file, or - for standard output)")
        return cmd_analyze_stream(args)
    if not args.files:
        raise InputError("give text files to analyze, or --input CORPUS.jsonl --output FILE")
    analyses = load(args.files, args.encoding_errors)
    if args.format == "json":
        json.dump([a.to_dict() for a in analyses], sys.stdout, ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
        return 0
    for a in analyses:
        p = a.profile
        print(
            f"== {a.doc_id}: {p.words} words, {p.sentences} sentences, "
            f"{len(a.markers)} markers, {len(a.quotes)} quotes"
        )
        rows = [[f"{m.start}-{m.end}", m.category, m.voice, m.entry, m.text] for m in a.markers]
        if rows:
            print(format_table(["span", "category", "voice", "entry", "text"], rows))
        print()
    return 0


CORPUS_SUFFIXES = (".jsonl", ".ndjson", ".csv")


def read_corpus(path: str, text_col: str, encoding_errors: str) -> list[dict[str, str]]:
    """Rows of a JSON Lines or CSV corpus, each with a text column."""
    raw = read_text(path, encoding_errors)
    if path.lower().endswith(".csv"):
        rows = list(csv.DictReader(io.StringIO(raw, newline="")))
    else:
        rows = []
        for n, line in enumerate(raw.splitlines(), 1):
            if line.strip():
                try:
                    rows.append(json.loads(line))
                except json.JSONDecodeError as e:
                    raise InputError(f"{path} line {n}: not valid JSON ({e.msg})") from e
    for n, row in enumerate(rows, 1):
        if not isinstance(row.get(text_col), str):
            raise InputError(f"{path} row {n}: no text in column {text_col!r}")
    return rows


def cmd_compare_corpus(args: argparse.Namespace) -> int:
    from . import compare

    rows = [r for f in args.files for r in read_corpus(f, args.text_col, args.encoding_errors)]
    docs: list[dict[str, Any]] = [
        {
            "text": r[args.text_col],
            "doc_id": str(r.get(args.id_col, i)),
            "outlet": r.get("outlet") if isinstance(r.get("outlet"), str) else None,
            "url": r.get("url") if isinstance(r.get("url"), str) else None,
        }
        for i, r in enumerate(rows)
    ]
    analyses = analyze_batch(docs)
    if args.by:
        missing = [i for i, r in enumerate(rows, 1) if args.by not in r]
        if missing:
            raise InputError(f"row {missing[0]}: no column {args.by!r} to group by")
        labels = [str(r[args.by]) for r in rows]
    else:
        labels = [str(d["doc_id"]) for d in docs]
    c = compare(analyses, by=labels, bootstrap=args.bootstrap, seed=args.seed)
    rows_out = c.table()
    if not isinstance(rows_out, list):
        rows_out = rows_out.to_dict("records")
    groups = [g["name"] for g in c.groups]
    if args.format == "json":
        json.dump(c.to_dict(), sys.stdout, indent=2)
        sys.stdout.write("\n")
        return 0
    cells: dict[str, dict[str, dict[str, float]]] = {}
    for r in rows_out:
        cells.setdefault(r["measure"], {})[r["group"]] = r
    if args.format == "csv":
        w = csv.writer(sys.stdout)
        w.writerow(["measure", "group", "value", "low", "high"])
        for r in rows_out:
            w.writerow([r["measure"], r["group"], r["value"], r["low"], r["high"]])
        return 0
    table = [
        [m, *(f"{by[g]['value']:.2f} [{by[g]['low']:.2f}, {by[g]['high']:.2f}]" for g in groups)]
        for m, by in cells.items()
    ]
    sizes = ", ".join(f"{g['name']}: {g['documents']} docs" for g in c.groups)
    print(f"{len(analyses)} documents in {len(groups)} groups ({sizes}); 95% bootstrap intervals")
    print(format_table(["measure", *groups], table))
    return 0


def is_corpus(name: str) -> bool:
    """Whether a file is a corpus (JSON Lines or CSV, by its extension) rather than an article."""
    return name != "-" and name.lower().endswith(CORPUS_SUFFIXES)


def cmd_compare(args: argparse.Namespace) -> int:
    corpora = [f for f in args.files if is_corpus(f)]
    if corpora and len(corpora) < len(args.files):
        articles = [f for f in args.files if not is_corpus(f)]
        raise InputError(
            f"give either corpora ({', '.join(corpora)}) or article files "
            f"({', '.join(articles)}), not both"
        )
    if corpora:
        return cmd_compare_corpus(args)
    analyses = load(args.files, args.encoding_errors)
    labels = [a.doc_id or f"doc{i}" for i, a in enumerate(analyses)]
    rows = profile_rows(analyses)
    if args.format == "json":
        out = {label: {name: vals[i] for name, vals in rows} for i, label in enumerate(labels)}
        json.dump(out, sys.stdout, indent=2)
        sys.stdout.write("\n")
    elif args.format == "csv":
        w = csv.writer(sys.stdout)
        w.writerow(["measure", *(escape_cell(x) for x in labels)])
        for name, vals in rows:
            w.writerow([name, *vals])
    else:
        table = [[name, *(format_value(name, v) for v in vals)] for name, vals in rows]
        print(format_table(["measure", *labels], table))
    return 0


def positive_int(value: str) -> int:
    """An argparse type: a whole number of at least 1."""
    try:
        n = int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a whole number: {value!r}") from None
    if n < 1:
        raise argparse.ArgumentTypeError(f"must be at least 1, not {n}")
    return n


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="framelens", description="Measure how news articles frame a story."
    )
    parser.add_argument("--version", action="store_true", help="print the version and exit")
    sub = parser.add_subparsers(dest="command")

    def common(p: argparse.ArgumentParser, required: bool = True) -> None:
        p.add_argument(
            "files", nargs="+" if required else "*", help="text files ('-' for standard input)"
        )
        p.add_argument(
            "--encoding-errors",
            choices=["strict", "replace"],
            default="strict",
            help="what to do with bytes that are not UTF-8 (default: strict, an error)",
        )

    a = sub.add_parser(
        "analyze",
        help="list the framing markers of each article, or stream a corpus (--input/--output)",
    )
    common(a, required=False)
    a.add_argument("--format", choices=["table", "json"], default="table")
    a.add_argument("--input", help="a JSON Lines or CSV corpus to stream ('-' for standard input)")
    a.add_argument(
        "--input-format",
        choices=["jsonl", "csv"],
        help="default: from the --input file's extension (.jsonl, .csv); jsonl for '-'",
    )
    a.add_argument("--output", help="where results go: .jsonl, .csv or .parquet ('-': stdout)")
    a.add_argument(
        "--output-format", choices=["jsonl", "csv", "parquet"], help="default: from --output"
    )
    a.add_argument("--text-col", default="text", help="field with the text (default: text)")
    a.add_argument("--id-col", default="id", help="field with the document id (default: id)")
    a.add_argument(
        "--chunk-size", type=positive_int, default=1000, help="documents per parallel chunk"
    )
    a.add_argument(
        "--chunk-bytes",
        type=positive_int,
        default=256_000,
        help="input bytes per chunk at most (JSON Lines output; bounds memory)",
    )
    a.add_argument(
        "--threads", type=positive_int, default=None, help="threads (default: all cores)"
    )
    a.add_argument("--progress", action="store_true", help="show progress on standard error")
    a.add_argument(
        "--include-text", action="store_true", help="keep each document's text in JSON output"
    )
    a.add_argument(
        "--csv-raw",
        action="store_true",
        help="write CSV text cells as they are (by default a cell starting with =, +, -, @ "
        "gets a leading ' so spreadsheets do not run it as a formula)",
    )
    a.set_defaults(func=cmd_analyze)

    c = sub.add_parser(
        "compare",
        help="compare articles side by side (text files), or groups of a JSON Lines / CSV corpus",
    )
    common(c)
    c.add_argument("--format", choices=["table", "json", "csv"], default="table")
    c.add_argument("--text-col", default="text", help="corpus column with the text")
    c.add_argument("--id-col", default="id", help="corpus column with the document id")
    c.add_argument("--by", help="corpus column to group by (default: one group per document)")
    c.add_argument("--bootstrap", type=positive_int, default=1000, help="bootstrap resamples")
    c.add_argument("--seed", type=int, default=0, help="bootstrap seed")
    c.set_defaults(func=cmd_compare)
    from .validation import add_command as add_validate

    add_validate(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.version:
        from . import __version__

        print(f"framelens {__version__}")
        return 0
    if not getattr(args, "func", None):
        parser.print_help()
        return 2
    import signal
    import threading

    # SIGTERM stops a run as Ctrl-C does: the output keeps what was written before it, whole.
    on_main = threading.current_thread() is threading.main_thread()
    previous = signal.signal(signal.SIGTERM, _terminated) if on_main else None
    previous = signal.SIG_DFL if on_main and previous is None else previous
    try:
        return int(args.func(args))
    except Terminated:
        print(
            "framelens: terminated (SIGTERM); the output keeps the lines before it", file=sys.stderr
        )
        return 128 + signal.SIGTERM
    except KeyboardInterrupt:
        print(
            "framelens: interrupted (KeyboardInterrupt); the output keeps the lines before it",
            file=sys.stderr,
        )
        return 128 + signal.SIGINT
    except BrokenPipeError:
        # The reader went away (`framelens compare ... | head`): stop quietly.
        import os

        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0
    except (InputError, FramelensError, OSError) as e:
        print(f"framelens: error: {e}", file=sys.stderr)
        return 1
    finally:
        if previous is not None:
            signal.signal(signal.SIGTERM, previous)


class Terminated(KeyboardInterrupt):
    """Raised by the SIGTERM handler, so a run stops the way Ctrl-C stops it."""


def _terminated(signum: int, frame: Any) -> None:
    raise Terminated


if __name__ == "__main__":
    sys.exit(main())
