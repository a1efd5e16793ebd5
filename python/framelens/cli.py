"""The ``framelens`` command line.

``framelens analyze FILE...``  markers of each article (table, or ``--format json``).
``framelens compare FILE...``  one column per article, one row per profile figure.
``framelens compare CORPUS.jsonl --by COLUMN``  groups of a JSON Lines or CSV corpus, with
95% bootstrap intervals (table, JSON or CSV).
``framelens validate GOLD.jsonl``  precision, recall and F1 against a hand-coded sample.
``framelens terms|naming|speakers|context ...``  distinctive terms, naming variants, quoted
speakers and keyword in context, per group.
``framelens render FILE -o page.html``  the article view as a standalone page.
A folder stands for every ``*.txt``, ``*.jsonl`` and ``*.csv`` file under it; ``-`` reads
standard input.
"""

from __future__ import annotations

import argparse
import csv
import io
import json
import sys
import textwrap
from collections import Counter
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from . import CATEGORIES, Analysis, Analyzer, FramelensError, default_analyzer, tables


class InputError(Exception):
    """A file could not be read as text."""


def read_text(name: str, encoding_errors: str = "strict") -> str:
    """Reads a file (or stdin for ``-``) as UTF-8, naming the byte offset of bad input."""
    data = sys.stdin.buffer.read() if name == "-" else Path(name).read_bytes()
    try:
        return data.decode("utf-8", errors=encoding_errors).removeprefix("\ufeff")
    except UnicodeDecodeError as e:
        raise InputError(
            f"{name}: not valid UTF-8 at byte {e.start} "
            f"(use --encoding-errors replace to read it anyway)"
        ) from e


def label_of(name: str) -> str:
    return "stdin" if name == "-" else Path(name).stem


Value = float | int | str | bool | None

#: Rows of the side-by-side table taken from the documents table as they are: who is quoted,
#: where the story comes from and how it is framed.
DOCUMENT_ROWS = (
    "attributions",
    "attributed_sentence_share",
    "anonymous_share",
    "outlet_id",
    "dateline_place",
    "wire_based",
    "state_affiliated",
    "frame_primary",
    "generic_frame_primary",
)


def profile_rows(analyses: Sequence[Analysis]) -> list[tuple[str, list[Value]]]:
    """The rows of the side-by-side table: a measure name (unique, the same in every output
    format) and one value per article; None where a rate or share has no denominator (a rate
    per 1,000 quoted words of an article with none is undefined, not 0) or where an article
    has no such thing (no dateline, no outlet, no frame cue)."""
    profiles = [a.profile for a in analyses]
    # The rates come from the documents table, which leaves them undefined where they are.
    docs = tables.rows(analyses, "documents")
    rows: list[tuple[str, list[Value]]] = [
        ("words", [p.words for p in profiles]),
        ("sentences", [p.sentences for p in profiles]),
        ("quoted_word_share", [p.quoted_words / p.words if p.words else None for p in profiles]),
    ]
    for cat in CATEGORIES:
        for name in (f"{cat}_per_1k", f"{cat}_author_per_1k", f"{cat}_quoted_per_1k"):
            rows.append((name, [d[name] for d in docs]))
    rows.extend((name, [d[name] for d in docs]) for name in DOCUMENT_ROWS)
    return rows


def format_value(name: str, value: Value) -> str:
    """A value as the table prints it: counts whole, shares and rates to two decimals, "n/a"
    where undefined (no denominator), yes/no, text as it is, "-" for no text."""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, str):
        return value
    if value is None:
        return "-" if name in TEXT_ROWS else "n/a"
    if isinstance(value, int):
        return str(value)
    return f"{value:.2f}"


#: Rows whose values are text: None there is "none found", not "undefined".
TEXT_ROWS = {"outlet_id", "dateline_place", "frame_primary", "generic_frame_primary"}

#: How many distinct marker texts or speakers the evidence lists per line.
EVIDENCE_ITEMS = 8


def evidence(labels: Sequence[str], analyses: Sequence[Analysis]) -> str:
    """What the table's figures count, article by article: the marker texts of each category
    as written (most used first, "xN" for N uses, "[q]" for uses in a speaker's quoted or
    reported words, the quoted voice of the rates) and the speakers of the attributions (type
    and reporting verbs), so each rate can be traced to the words behind it."""
    lines = [
        "",
        "What the rates count (marker texts as written; xN: N uses; [q]: in a speaker's quoted",
        "or reported words) and who is quoted (speaker: type; reporting verbs):",
    ]
    width = max(len(c) for c in [*CATEGORIES, "speakers"])
    for label, a in zip(labels, analyses, strict=True):
        lines.append(f"  {label}")
        for cat in CATEGORIES:
            uses = Counter(
                (m.text.lower(), m.voice == "quoted" or m.speaker is not None)
                for m in a.markers
                if m.category == cat and not m.negated
            )
            if uses:
                items = [
                    f"{text}{' [q]' if quoted else ''}{f' x{n}' if n > 1 else ''}"
                    for (text, quoted), n in uses.most_common()
                ]
                lines.extend(wrapped(f"    {cat.ljust(width)}  ", listing(items)))
        speakers: dict[tuple[str, str], list[str]] = {}
        for x in a.attributions:
            if x.speaker is not None:
                key = (x.speaker.text, x.speaker_type or "unknown")
                speakers.setdefault(key, []).append(x.cue.text.lower())
        if speakers:
            items = [
                f"{name} ({kind}; {', '.join(dict.fromkeys(cues))})"
                for (name, kind), cues in speakers.items()
            ]
            lines.extend(wrapped(f"    {'speakers'.ljust(width)}  ", listing(items)))
    return "\n".join(lines)


def wrapped(lead: str, text: str) -> list[str]:
    """`text` after `lead`, wrapped at 100 columns under its first word."""
    return textwrap.wrap(
        text, 100, initial_indent=lead, subsequent_indent=" " * len(lead), break_on_hyphens=False
    )


def listing(items: Sequence[str]) -> str:
    """The first :data:`EVIDENCE_ITEMS` items joined, with how many more there are."""
    head = ", ".join(items[:EVIDENCE_ITEMS])
    more = len(items) - EVIDENCE_ITEMS
    return f"{head}, and {more} more" if more > 0 else head


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


INPUT_SUFFIXES = (".txt", ".jsonl", ".ndjson", ".csv")


def expand(names: Sequence[str]) -> list[str]:
    """The files named, with each folder replaced by the ``*.txt``, ``*.jsonl``, ``*.ndjson``
    and ``*.csv`` files under it (recursively, sorted; hidden files and folders skipped)."""
    out: list[str] = []
    for name in names:
        path = Path(name)
        if name != "-" and path.is_dir():
            found = sorted(
                str(p)
                for p in path.rglob("*")
                if p.is_file()
                and p.suffix.lower() in INPUT_SUFFIXES
                and not any(part.startswith(".") for part in p.relative_to(path).parts)
            )
            if not found:
                raise InputError(f"{name}: no *.txt, *.jsonl or *.csv files in this folder")
            out.extend(found)
        else:
            out.append(name)
    return out


def make_analyzer(args: argparse.Namespace) -> Analyzer:
    """The default analyzer, or one with the lexicons and registries of ``--lexicon`` and
    ``--registry`` added to the defaults."""
    from . import Lexicon, Registry

    lexicons = getattr(args, "lexicon", None) or []
    registries = getattr(args, "registry", None) or []
    if not lexicons and not registries:
        return default_analyzer()
    lexicon = Lexicon.default()
    for path in lexicons:
        lexicon = lexicon.extend(Lexicon.from_toml(path))
    registry = Registry.default()
    for path in registries:
        registry = registry.extend(Registry.from_toml(path))
    return Analyzer(lexicon=lexicon, registry=registry)


def progress_bar(total: int | None, unit: str, **kw: Any) -> Any:
    """A tqdm progress bar on standard error: count, total, percent, rate and time left."""
    from tqdm import tqdm

    return tqdm(total=total, unit=unit, file=sys.stderr, dynamic_ncols=True, desc="framelens", **kw)


def analyze_docs(docs: list[dict[str, Any]], args: argparse.Namespace) -> list[Analysis]:
    """Analyses documents with the analyzer of the arguments, in chunks (under a progress bar
    when ``--progress`` is given). Between chunks Python runs its signal handlers: one call for
    12,000 documents held Ctrl-C and SIGTERM for the whole 20 s of it."""
    analyzer = make_analyzer(args)
    threads = getattr(args, "threads", None)
    out: list[Analysis] = []
    step = 256
    with progress_bar(len(docs), "doc", disable=not getattr(args, "progress", False)) as bar:
        for i in range(0, len(docs), step):
            out.extend(analyzer.analyze_batch(docs[i : i + step], threads=threads))
            bar.update(len(docs[i : i + step]))
    return out


def load_documents(args: argparse.Namespace) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """The documents of the inputs (folders expanded): each article file is one document, each
    row of a corpus another. Returns the documents and, for each, its row (an article's row
    has its ``file`` and ``folder``), so ``--by`` can name a corpus column or ``folder``."""
    docs: list[dict[str, Any]] = []
    rows: list[dict[str, Any]] = []
    sources: list[str] = []
    for f in expand(args.files):
        if is_corpus(f):
            for line, r in read_corpus(f, args.text_col, args.encoding_errors):
                docs.append(corpus_document(r, line, args))
                rows.append(r)
                sources.append(f)
        else:
            docs.append({"text": read_text(f, args.encoding_errors), "doc_id": label_of(f)})
            rows.append({"file": f, "folder": "stdin" if f == "-" else Path(f).parent})
            sources.append(f)
    # Names that would merge different things get their paths: article files of one name in
    # different folders ("a/x.txt", "b/x.txt"), folders of one name ("left/news",
    # "right/news"), numbered rows of different corpora.
    folders: set[Path] = {r["folder"] for r in rows if isinstance(r.get("folder"), Path)}
    short = Counter((p.name or ".") for p in folders)
    for r in rows:
        p = r.get("folder")
        if isinstance(p, Path):
            r["folder"] = (p.name or ".") if short[p.name or "."] == 1 else str(p)
    ids = Counter(d["doc_id"] for d in docs)
    for d, r, f in zip(docs, rows, sources, strict=True):
        if ids[d["doc_id"]] > 1 and "file" in r and f != "-":
            d["doc_id"] = str(Path(f).with_suffix(""))
        elif ids[d["doc_id"]] > 1 and args.id_col not in r and len(set(sources)) > 1:
            d["doc_id"] = f"{label_of(f)}:{d['doc_id']}"
    return docs, rows


def unique_labels(docs: Sequence[dict[str, Any]]) -> list[str]:
    """The documents' ids as labels of one group per document; an id that repeats (in the
    corpus's id column) would merge documents, so it is an error."""
    labels = [str(d["doc_id"]) for d in docs]
    repeated = [k for k, n in Counter(labels).items() if n > 1]
    if repeated:
        raise InputError(
            f"document id {repeated[0]!r} is given to {Counter(labels)[repeated[0]]} documents; "
            "each document is its own group, so ids must differ (or group with --by COLUMN)"
        )
    return labels


def corpus_document(row: dict[str, Any], line: int, args: argparse.Namespace) -> dict[str, Any]:
    """A corpus row as a document: the text, id, outlet and url columns of the arguments (a row
    without an id gets the number of the line it starts on)."""

    def text_or_none(col: str) -> str | None:
        v = row.get(col)
        return v if isinstance(v, str) and v else None

    return {
        "text": row[args.text_col],
        "doc_id": str(row.get(args.id_col, line)),
        "outlet": text_or_none(args.outlet_col),
        "url": text_or_none(args.url_col),
    }


def stream_options(args: argparse.Namespace) -> dict[str, Any]:
    """The options ``analyze --input`` gives the core's stream, whatever the output format."""
    return {
        "text_col": args.text_col,
        "id_col": args.id_col,
        "outlet_col": args.outlet_col,
        "url_col": args.url_col,
        "replace_errors": args.encoding_errors == "replace",
        "chunk_size": args.chunk_size,
        "chunk_bytes": args.chunk_bytes,
        "threads": args.threads,
        "input_format": args.input_format,
    }


def stream_jsonl(args: argparse.Namespace) -> int:
    """The JSON Lines output of ``analyze --input``, all in the Rust core with the GIL released:
    one thread reads chunks (bounded by --chunk-size lines and --chunk-bytes bytes) and puts
    finished chunks in input order for a writer thread, while the worker threads parse, analyse
    and serialize."""
    import os

    from . import _framelens

    bar = None
    on_progress = None
    if args.progress:
        size = os.path.getsize(args.input) if args.input != "-" else None
        bar = progress_bar(size, "B", unit_scale=True, unit_divisor=1024)

        def on_progress(documents: int, failed: int, input_bytes: int, text_bytes: int) -> None:
            bar.set_postfix(documents=documents, failed=failed, refresh=False)
            bar.update(input_bytes - bar.n)

    try:
        total, failed = _framelens.stream_jsonl(
            make_analyzer(args),
            args.input,
            args.output,
            include_text=args.include_text,
            on_progress=on_progress,
            **stream_options(args),
        )
    finally:
        if bar is not None:
            bar.close()
    return finish_stream(args, failed, total)


def finish_stream(args: argparse.Namespace, failed: int, total: int) -> int:
    """Reports failures; the exit status."""
    if failed:
        print(
            f"framelens: {failed} of {total} documents failed; their lines in "
            f"{args.output} say why",
            file=sys.stderr,
        )
        return 1
    return 0


def refuse_input_as_output(output: str, inputs: Sequence[str]) -> None:
    """Raises :class:`InputError` when ``output`` is one of ``inputs`` (see
    :func:`input_file_of`)."""
    same = input_file_of(output, inputs)
    if same is not None:
        what = "standard output" if output == "-" else output
        source = "standard input" if same == "-" else same
        raise InputError(
            f"cannot write {what}: it is the input file {source}; choose another output"
        )


def input_file_of(output: str, inputs: Sequence[str]) -> str | None:
    """The input that ``output`` is (the same file, through a link or not; ``-`` for standard
    input and output, when they are files), or None."""
    import os
    import stat

    def identity(name: str, fd: int) -> tuple[int, int] | None:
        try:
            st = os.fstat(fd) if name == "-" else os.stat(name)
        except (OSError, ValueError):
            return None
        return (st.st_dev, st.st_ino) if stat.S_ISREG(st.st_mode) else None

    out = identity(output, 1)
    if out is None:
        return None
    return next((name for name in inputs if identity(name, 0) == out), None)


class StagedOutput:
    """An output file written under a temporary name in its directory and renamed into place by
    :meth:`commit`, so a run that fails leaves nothing half-written under the final name
    (:meth:`abort` deletes it). Standard output (``-``), devices and pipes are written as they
    are. An output that is one of the input files (``inputs``; ``-`` is standard input), through
    a link or not, is refused, and so is standard output redirected to an input file. Through a
    link, the file it points to is written; a file replaced keeps its permissions."""

    def __init__(self, path: str, inputs: str | Sequence[str]) -> None:
        import os
        import tempfile

        self.path = path
        self.temp: str | None = None
        refuse_input_as_output(path, [inputs] if isinstance(inputs, str) else inputs)
        if path == "-":
            self.target = path
            return
        if os.path.exists(path) and not os.path.isfile(path):
            self.target = path
            return
        # Through a link to a file, the file is written (renaming onto the link would replace
        # the link and put the output on the link's disk).
        if os.path.islink(path):
            self.path = path = os.path.realpath(path)
        folder, name = os.path.split(path)
        fd, self.temp = tempfile.mkstemp(
            dir=folder or ".", prefix=f".{name}.", suffix=".framelens-tmp"
        )
        os.close(fd)
        if os.path.isfile(path):
            # The replaced file's mode: a private output stays private.
            os.chmod(self.temp, os.stat(path).st_mode & 0o7777)
        else:
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

    def __enter__(self) -> str:
        """The name to write to; leaving the block commits, or aborts on an exception."""
        return self.target

    def __exit__(self, kind: Any, error: Any, trace: Any) -> None:
        if kind is None:
            self.commit()
        else:
            self.abort()


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
    import os

    from . import _framelens
    from .tables import DTYPES, arrow_fields, document_row

    suffix = args.output.lower()
    out_format = args.output_format or (
        "csv" if suffix.endswith(".csv") else "parquet" if suffix.endswith(".parquet") else "jsonl"
    )
    if out_format == "jsonl":
        return stream_jsonl(args)
    if out_format == "parquet" and args.output == "-":
        raise InputError("Parquet output needs a file name (--output results.parquet), not -")
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
        make_analyzer(args),
        args.input,
        **stream_options(args),
    )
    staged = StagedOutput(args.output, args.input)
    failed = total = 0
    bar = None
    if args.progress:
        size = os.path.getsize(args.input) if args.input != "-" else None
        bar = progress_bar(size, "B", unit_scale=True, unit_divisor=1024)
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
                        records.append({"line": line_no, **document_row(item), "error": None})
                total += len(batch)
                if out_format == "csv":
                    if not args.csv_raw:
                        records = [{k: escape_cell(v) for k, v in r.items()} for r in records]
                    writer.writerows(records)
                else:
                    writer.write_table(pa.Table.from_pylist(records, schema=schema))
                if bar is not None:
                    bar.set_postfix(documents=total, failed=failed, refresh=False)
                    bar.update(batches.input_bytes - bar.n)
        finally:
            if bar is not None:
                bar.close()
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
        refuse_input_as_output(args.output, [args.input])
        return cmd_analyze_stream(args)
    if args.output:
        raise InputError(
            "--output goes with --input CORPUS; the results of files print to standard output"
        )
    if not args.files:
        raise InputError(
            "give text files or folders to analyze, or --input CORPUS.jsonl --output FILE"
        )
    docs, _ = load_documents(args)
    analyses = analyze_docs(docs, args)
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


def read_corpus(path: str, text_col: str, encoding_errors: str) -> list[tuple[int, dict[str, Any]]]:
    """Rows of a JSON Lines or CSV corpus, each with a text column, and the line each starts on
    (as ``analyze --input`` numbers them: a row without an id gets its line as its id)."""
    raw = read_text(path, encoding_errors)
    rows: list[tuple[int, dict[str, Any]]] = []
    if path.lower().endswith(".csv"):
        # A news article can be longer than the csv module's default field limit (128 KiB).
        csv.field_size_limit(2**31 - 1)
        # Strict: a stray quote opens a field that swallows the records after it, up to the
        # next quote (which is then followed by more of the field) or to the end of the file;
        # the lenient reader merges them into one text without a word.
        reader = csv.reader(io.StringIO(raw, newline=""), strict=True)
        header = next(reader, [])
        ended = reader.line_num  # the line the last record read ended on
        while True:
            try:
                fields = next(reader)
            except StopIteration:
                break
            except csv.Error as e:
                raise InputError(
                    f"{path} line {ended + 1}: not valid CSV ({e}): a stray quote? Quote the "
                    "whole field and double each quote inside it"
                ) from e
            start, ended = ended + 1, reader.line_num
            if not fields:  # a blank line
                continue
            if len(fields) > len(header):
                raise InputError(
                    f"{path} line {start}: more fields than the header has columns "
                    "(quote a text that holds commas)"
                )
            rows.append((start, dict(zip(header, fields, strict=False))))
    else:
        # JSON Lines end lines with \n only: str.splitlines would also break at U+2028,
        # U+2029 and U+0085, which JSON leaves unescaped inside strings.
        for n, line in enumerate(raw.split("\n"), 1):
            if line.strip():
                try:
                    row = json.loads(line)
                except json.JSONDecodeError as e:
                    raise InputError(f"{path} line {n}: not valid JSON ({e.msg})") from e
                if not isinstance(row, dict):
                    raise InputError(f"{path} line {n}: not a JSON object")
                rows.append((n, row))
    for n, row in rows:
        if not isinstance(row.get(text_col), str):
            raise InputError(f"{path} line {n}: no text in column {text_col!r}")
    return rows


def cmd_compare_corpus(args: argparse.Namespace) -> int:
    from .display import is_missing

    c, analyses = comparison_of(args)
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
    # The between-group test of each measure, repeated on each of its rows in CSV.
    tests = {t["measure"]: t for t in records(c.tests())}

    def p_text(measure: str, key: str) -> str:
        p = tests.get(measure, {}).get(key)
        return "" if p is None or p != p else f"{p:.4g}"

    def figure(x: Any) -> Any:
        """A figure for CSV: an empty cell where it is undefined (None or NaN)."""
        return "" if is_missing(x) else x

    def cell(r: dict[str, Any]) -> str:
        """Value and interval for the table: "n/a" when undefined (no denominator), "[–]"
        when no interval was made."""
        if is_missing(r["value"]):
            return "n/a"
        if is_missing(r["low"]) or is_missing(r["high"]):
            return f"{r['value']:.2f} [–]"
        return f"{r['value']:.2f} [{r['low']:.2f}, {r['high']:.2f}]"

    if args.format == "csv":
        w = csv.writer(sys.stdout)
        w.writerow(["measure", "group", "value", "low", "high", "p_permutation", "p_holm"])
        for r in rows_out:
            m = r["measure"]
            w.writerow(
                [
                    m,
                    escape_cell(r["group"]),
                    figure(r["value"]),
                    figure(r["low"]),
                    figure(r["high"]),
                    p_text(m, "p_permutation"),
                    p_text(m, "p_holm"),
                ]
            )
        return 0
    table = [
        [
            m,
            *(cell(by[g]) for g in groups),
            *([p_text(m, "p_holm")] if tests else []),
        ]
        for m, by in cells.items()
    ]
    sizes = ", ".join(f"{g['name']}: {g['documents']} docs" for g in c.groups)
    kind = {"studentized": "studentized", "bca": "BCa"}.get(args.interval, "percentile")
    print(
        f"{len(analyses)} documents in {len(groups)} groups ({sizes}); 95% {kind} bootstrap "
        "intervals" + ("; p_holm: permutation test across groups, Holm-corrected" if tests else "")
    )
    print(format_table(["measure", *groups, *(["p_holm"] if tests else [])], table))
    return 0


def comparison_of(args: argparse.Namespace) -> tuple[Any, list[Analysis]]:
    """The comparison of the inputs, grouped by ``--by`` (a corpus column, or ``folder`` for
    article files) or one group per document."""
    from . import compare

    docs, rows = load_documents(args)
    if not docs:
        raise InputError("no documents in the input")
    analyses = analyze_docs(docs, args)
    if args.by:
        missing = [i for i, r in enumerate(rows, 1) if args.by not in r]
        if missing:
            raise InputError(f"row {missing[0]}: no column {args.by!r} to group by")
        labels = [str(r[args.by]) for r in rows]
    else:
        labels = unique_labels(docs)
    c = compare(
        analyses,
        by=labels,
        bootstrap=args.bootstrap,
        seed=args.seed,
        interval=args.interval,
        permutations=args.permutations,
    )
    return c, analyses


def records(frame: Any) -> list[dict[str, Any]]:
    """Rows as dicts, from a DataFrame or a list."""
    return frame if isinstance(frame, list) else frame.to_dict("records")


def print_records(rows: list[dict[str, Any]], fmt: str, columns: list[str] | None = None) -> None:
    """Prints rows as an aligned table, JSON or CSV (text cells escaped for spreadsheets)."""
    columns = columns or (list(rows[0]) if rows else [])
    if fmt == "json":
        json.dump([{k: r[k] for k in columns} for r in rows], sys.stdout, indent=2)
        sys.stdout.write("\n")
    elif fmt == "csv":
        w = csv.writer(sys.stdout)
        w.writerow(columns)
        for r in rows:
            w.writerow([escape_cell(r[k]) for k in columns])
    else:

        def cell(v: Any) -> str:
            if isinstance(v, float):
                return f"{v:.2f}"
            if isinstance(v, (list, tuple)):
                return ", ".join(map(str, v))
            if isinstance(v, dict):
                return ", ".join(f"{k}: {x}" for k, x in v.items())
            return str(v)

        print(format_table(columns, [[cell(r[k]) for k in columns] for r in rows]))


def cmd_terms(args: argparse.Namespace) -> int:
    c, _ = comparison_of(args)
    rows = records(
        c.distinctive_terms(
            args.group,
            args.other,
            top=args.top,
            min_count=args.min_count,
            keep_stop_words=args.keep_stop_words,
        )
    )
    against = args.other or "all other groups"
    if args.format == "table":
        print(f"terms typical of {args.group} against {against} (log-odds z-score)")
    print_records(rows, args.format, ["term", "count_a", "count_b", "z", "naming"])
    return 0


# The columns of the naming and speakers tables, printed even when a table has no rows (a CSV
# of no rows still has its header).
NAMING_COLUMNS = ["naming_group", "variant", "side", "group", "count"]
SPEAKER_COLUMNS = ["group", "speaker", "count", "stances", "direct"]


def cmd_naming(args: argparse.Namespace) -> int:
    c, _ = comparison_of(args)
    print_records(records(c.naming()), args.format, NAMING_COLUMNS)
    return 0


def cmd_speakers(args: argparse.Namespace) -> int:
    c, _ = comparison_of(args)
    rows = records(c.speakers())
    if args.top:
        rows = sorted(rows, key=lambda r: -r["count"])[: args.top]
    print_records(rows, args.format, SPEAKER_COLUMNS)
    return 0


def cmd_context(args: argparse.Namespace) -> int:
    c, _ = comparison_of(args)
    k = c.context(args.term, group=args.group, width=args.width, limit=args.limit)
    if args.format == "table":
        print(k)
    else:
        print_records(
            k.rows, args.format, ["group", "doc_id", "start", "end", "left", "match", "right"]
        )
    return 0


def cmd_render(args: argparse.Namespace) -> int:
    from .view import render

    docs, _ = load_documents(args)
    if args.doc is not None:
        docs = [d for d in docs if d["doc_id"] == args.doc]
        if not docs:
            raise InputError(f"no document with id {args.doc!r} in the input")
    if len(docs) != 1:
        raise InputError(
            f"render draws one article; the input holds {len(docs)} documents "
            "(pick one with --doc ID)"
        )
    (analysis,) = analyze_docs(docs, args)
    hidden: list[str] | None = [] if args.show_frames else None
    try:
        view = render(analysis, categories=args.categories, hidden=hidden, title=args.title)
    except ValueError as e:  # an unknown category
        raise InputError(str(e)) from None
    if args.output == "-":
        sys.stdout.write(view.page())
    else:
        with (
            StagedOutput(args.output, expand(args.files)) as target,
            open(target, "w", encoding="utf-8") as f,
        ):
            f.write(view.page())
    return 0


def is_corpus(name: str) -> bool:
    """Whether a file is a corpus (JSON Lines or CSV, by its extension) rather than an article."""
    return name != "-" and name.lower().endswith(CORPUS_SUFFIXES)


def cmd_compare(args: argparse.Namespace) -> int:
    files = expand(args.files)
    corpora = [f for f in files if is_corpus(f)]
    if corpora and len(corpora) < len(files):
        articles = [f for f in files if not is_corpus(f)]
        raise InputError(
            f"give either corpora ({', '.join(corpora)}) or article files "
            f"({', '.join(articles)}), not both"
        )
    if corpora or args.by:
        return cmd_compare_corpus(args)
    docs, _ = load_documents(args)
    labels = unique_labels(docs)
    analyses = analyze_docs(docs, args)
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
        print(evidence(labels, analyses))
    return 0


def whole_number(value: str, least: int) -> int:
    """A whole number of at least ``least``, or an argparse error that says why not."""
    try:
        n = int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a whole number: {value!r}") from None
    if n < least:
        raise argparse.ArgumentTypeError(f"must be at least {least}, not {n}")
    if n > MOST:
        raise argparse.ArgumentTypeError(f"must be at most {MOST}, not {n}")
    return n


#: The largest count an option takes (a larger one overflowed the core's integers).
MOST = 10**9


def positive_int(value: str) -> int:
    """An argparse type: a whole number of at least 1."""
    return whole_number(value, 1)


def non_negative_int(value: str) -> int:
    """An argparse type: a whole number of at least 0."""
    return whole_number(value, 0)


EXAMPLES = """\
examples:
  framelens analyze article.txt                     markers of one article, as a table
  framelens analyze articles/ --format json         every *.txt, *.jsonl, *.csv under a folder
  framelens analyze --input corpus.jsonl --output results.parquet --progress
  framelens compare a.txt b.txt c.txt               three articles side by side
  framelens compare corpus.jsonl --by lean          groups of a corpus, 95% intervals
  framelens compare outlets/ --by folder            one group per sub-folder of articles
  framelens terms left corpus.jsonl --by lean       distinctive terms of one group
  framelens context regime corpus.jsonl --by lean   the passages that use "regime"
  framelens naming corpus.jsonl --by lean           naming variants per group
  framelens speakers corpus.jsonl --by outlet       who each group quotes
  framelens render article.txt -o article.html      the article view as a page
  framelens analyze story.txt --lexicon mine.toml --registry outlets.toml
"""


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="framelens",
        description="Measure how news articles frame a story.",
        epilog=EXAMPLES,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--version", action="store_true", help="print the version and exit")
    sub = parser.add_subparsers(dest="command")

    def add(name: str, help: str, examples: str) -> argparse.ArgumentParser:
        return sub.add_parser(
            name,
            help=help,
            description=help[0].upper() + help[1:] + ".",
            epilog="examples:\n" + examples,
            formatter_class=argparse.RawDescriptionHelpFormatter,
        )

    def common(p: argparse.ArgumentParser, required: bool = True) -> None:
        p.add_argument(
            "files",
            nargs="+" if required else "*",
            help="text files, JSON Lines or CSV corpora, or folders of them ('-': stdin)",
        )
        p.add_argument(
            "--encoding-errors",
            choices=["strict", "replace"],
            default="strict",
            help="what to do with bytes that are not UTF-8 (default: strict, an error)",
        )
        p.add_argument(
            "--lexicon",
            action="append",
            metavar="TOML",
            help="a lexicon file whose entries are added to the default lexicon (repeatable; "
            "a term the default lexicon has already keeps the default entry)",
        )
        p.add_argument(
            "--registry",
            action="append",
            metavar="TOML",
            help="an outlet registry added to the default one (repeatable)",
        )
        p.add_argument("--text-col", default="text", help="corpus column with the text")
        p.add_argument("--id-col", default="id", help="corpus column with the document id")
        p.add_argument(
            "--outlet-col", default="outlet", help="corpus column with the outlet's name"
        )
        p.add_argument("--url-col", default="url", help="corpus column with the article's URL")
        p.add_argument(
            "--threads", type=positive_int, default=None, help="threads (default: all cores)"
        )
        p.add_argument(
            "--progress",
            action="store_true",
            help="show a progress bar on standard error (count, percent, rate, time left)",
        )

    def grouped(p: argparse.ArgumentParser) -> None:
        p.add_argument(
            "--by",
            help="corpus column to group by, or 'folder' to group article files by their "
            "folder (default: one group per document)",
        )
        p.add_argument("--bootstrap", type=positive_int, default=1000, help="bootstrap resamples")
        p.add_argument("--seed", type=int, default=0, help="bootstrap and permutation seed")
        p.add_argument(
            "--interval",
            choices=["studentized", "bca", "percentile"],
            default="studentized",
            help="bootstrap interval: studentized, never narrower than the exact interval of "
            "the pooled count (default), bias-corrected and accelerated, or percentile",
        )
        p.add_argument(
            "--permutations",
            type=non_negative_int,
            default=1000,
            help="label permutations of the between-group test of each measure (0: no tests)",
        )

    a = add(
        "analyze",
        "list the framing markers of each article, or stream a corpus (--input/--output)",
        "  framelens analyze article.txt\n"
        "  framelens analyze articles/ --format json\n"
        "  framelens analyze --input corpus.jsonl --output results.csv --progress\n",
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
        "--include-text", action="store_true", help="keep each document's text in JSON output"
    )
    a.add_argument(
        "--csv-raw",
        action="store_true",
        help="write CSV text cells as they are (by default a cell starting with =, +, -, @ "
        "gets a leading ' so spreadsheets do not run it as a formula)",
    )
    a.set_defaults(func=cmd_analyze)

    c = add(
        "compare",
        "compare articles side by side (text files), or groups of a JSON Lines / CSV corpus",
        "  framelens compare a.txt b.txt\n"
        "  framelens compare corpus.jsonl --by lean --format csv\n"
        "  framelens compare outlets/ --by folder\n",
    )
    common(c)
    grouped(c)
    c.add_argument("--format", choices=["table", "json", "csv"], default="table")
    c.set_defaults(func=cmd_compare)
    from .validation import add_command as add_validate

    add_validate(sub)

    t = add(
        "terms",
        "words most typical of one group against another (or all others), by log-odds z",
        "  framelens terms left corpus.jsonl --by lean --against right\n"
        "  framelens terms sentinel outlets/ --by folder --top 30 --keep-stop-words\n",
    )
    t.add_argument("group", help="the group whose terms to list")
    t.add_argument(
        "--against", dest="other", help="the group to contrast with (default: all others)"
    )
    common(t)
    grouped(t)
    t.add_argument("--top", type=non_negative_int, default=20, help="how many terms (0: all)")
    t.add_argument(
        "--min-count", type=non_negative_int, default=3, help="fewest uses in the two groups"
    )
    t.add_argument(
        "--keep-stop-words",
        action="store_true",
        help="keep function words and page furniture (photos, caption, ...)",
    )
    t.add_argument("--format", choices=["table", "json", "csv"], default="table")
    t.set_defaults(func=cmd_terms)

    k = add(
        "context",
        "the passages where a word or phrase occurs (keyword in context)",
        "  framelens context regime corpus.jsonl --by lean --group right\n"
        '  framelens context "witch hunt" articles/ --width 60\n',
    )
    k.add_argument("term", help="a word or phrase (any case, whole words)")
    common(k)
    grouped(k)
    k.add_argument("--group", help="only this group's passages")
    k.add_argument("--width", type=non_negative_int, default=40, help="characters either side")
    k.add_argument("--limit", type=positive_int, help="at most this many passages")
    k.add_argument("--format", choices=["table", "json", "csv"], default="table")
    k.set_defaults(func=cmd_context)

    n = add(
        "naming",
        "naming variants per group (the words each group uses for the same thing)",
        "  framelens naming corpus.jsonl --by lean\n",
    )
    common(n)
    grouped(n)
    n.add_argument("--format", choices=["table", "json", "csv"], default="table")
    n.set_defaults(func=cmd_naming)

    s = add(
        "speakers",
        "named speakers per group: how often each is quoted, with which stances",
        "  framelens speakers corpus.jsonl --by outlet --top 20\n",
    )
    common(s)
    grouped(s)
    s.add_argument("--top", type=non_negative_int, default=0, help="the most quoted only (0: all)")
    s.add_argument("--format", choices=["table", "json", "csv"], default="table")
    s.set_defaults(func=cmd_speakers)

    r = add(
        "render",
        "write the article view (markers, speakers, provenance as layers) as an HTML page",
        "  framelens render article.txt -o article.html\n"
        "  framelens render corpus.jsonl --doc 42 -o doc42.html --show-frames\n",
    )
    common(r)
    r.add_argument("-o", "--output", required=True, help="the page to write ('-': stdout)")
    r.add_argument("--doc", help="the id of the document to draw, from a corpus")
    r.add_argument(
        "--categories", nargs="+", metavar="CATEGORY", help="only these marker categories"
    )
    r.add_argument("--show-frames", action="store_true", help="frame cues shown at first")
    r.add_argument("--title", help="the page title (default: the document id)")
    r.set_defaults(func=cmd_render)
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
