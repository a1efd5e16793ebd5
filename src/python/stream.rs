//! The streaming command's JSON Lines path (`framelens analyze --input X.jsonl --output Y.jsonl`),
//! all in Rust with the GIL released: this thread reads the input in chunks bounded by lines and
//! bytes and puts the finished chunks in input order; the worker threads parse, analyse and
//! serialize; a writer thread writes. A few chunks are in flight at once, each as independent
//! jobs of a few lines, so no worker waits at the end of a chunk for the slowest document of that
//! chunk, nor for the disk, and memory stays bounded by the chunk size.

use std::borrow::Cow;
use std::collections::BTreeMap;
use std::fmt;
use std::fs::File;
use std::io::{self, BufRead, BufReader, BufWriter, Write};
use std::ops::Range;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{mpsc, Arc, Mutex};
use std::thread::{self, JoinHandle};
use std::time::Instant;

use pyo3::exceptions::PyRuntimeError;
use pyo3::prelude::*;
use rayon::ThreadPool;
use serde::de::{self, Deserialize, DeserializeSeed, Deserializer, MapAccess, Visitor};
use serde_json::value::RawValue;

use super::outfile::OutFile;
use super::types::to_code_points;
use crate::error::Error;
use crate::Analyzer;

/// How the streaming command reads and writes.
pub(crate) struct StreamOptions<'a> {
    /// Input path, `-` for standard input.
    pub input: &'a str,
    /// Output path, `-` for standard output.
    pub output: &'a str,
    pub text_col: &'a str,
    pub id_col: &'a str,
    pub include_text: bool,
    /// Invalid UTF-8 is replaced (U+FFFD) instead of failing the line.
    pub replace_errors: bool,
    /// Lines per chunk at most.
    pub chunk_lines: usize,
    /// Input bytes per chunk (about: a chunk ends with the line that reaches it).
    pub chunk_bytes: usize,
    /// A progress line on standard error after each chunk.
    pub progress: bool,
}

/// What a stream did.
pub(crate) struct Totals {
    pub documents: usize,
    pub failed: usize,
}

/// Chunks being analysed at once.
const IN_FLIGHT: usize = 4;
/// Chunks handed out and not yet passed to the writer thread, finished or not.
const UNWRITTEN: usize = 6;
/// Finished chunks waiting for the writer thread (besides the one it is writing). While the
/// disk is slow for a moment they wait here, and this thread goes on handing out work.
const TO_WRITE: usize = 4;
/// Lines serialized into one output buffer by one worker.
const GROUP: usize = 8;
/// Output bytes reserved per input byte (the analyses of news articles take about 5).
const OUTPUT_RATIO: usize = 6;

/// Runs the stream on `pool`.
pub(crate) fn stream_jsonl(
    analyzer: &Analyzer,
    pool: &ThreadPool,
    opts: &StreamOptions<'_>,
) -> PyResult<Totals> {
    if opts.chunk_lines == 0 || opts.chunk_bytes == 0 {
        return Err(Error::config("chunk sizes must be at least 1").into());
    }
    let input: Box<dyn BufRead> = if opts.input == "-" {
        Box::new(io::stdin().lock())
    } else {
        let file = File::open(opts.input).map_err(|e| io_error(e, "cannot read", opts.input))?;
        Box::new(BufReader::with_capacity(1 << 20, file))
    };
    let output: Box<dyn Write + Send> = if opts.output == "-" {
        Box::new(io::stdout())
    } else {
        let file =
            OutFile::create(opts.output).map_err(|e| io_error(e, "cannot write", opts.output))?;
        Box::new(file)
    };
    let mut reader = LineReader {
        input,
        n: 0,
        offset: 0,
        // A JSON line may spell its text out at up to three times its UTF-8 size (`\uXXXX`
        // escapes); a longer line cannot hold a text the analyzer accepts.
        max_line: analyzer
            .max_bytes()
            .saturating_mul(3)
            .saturating_add(1 << 20),
    };
    let mut writer = OrderedWriter {
        disk: Disk::start(output).map_err(|e| io_error(e, "cannot write", opts.output))?,
        next: 0,
        waiting: BTreeMap::new(),
        documents: 0,
        failed: 0,
        text_bytes: 0,
        started: Instant::now(),
        progress: opts.progress,
    };
    let work = Work { analyzer, opts };
    let pumped = pool.in_place_scope(|s| pump(s, &work, &mut reader, &mut writer));
    // After an error the writer still writes what it has: the lines before the error are kept.
    // Its own error comes first (the stream stopped because of it).
    writer
        .disk
        .finish()
        .map_err(|e| io_error(e, "cannot write", opts.output))?;
    pumped?;
    Ok(Totals {
        documents: writer.documents,
        failed: writer.failed,
    })
}

/// Reads chunks and hands them to the workers, keeping `IN_FLIGHT` chunks being analysed, and
/// passes each finished chunk to the writer thread when its turn comes. When a chunk comes
/// back, the next one is handed out first, so the workers never wait for this thread. Checks
/// for Ctrl-C after each chunk.
fn pump<'s>(
    scope: &rayon::Scope<'s>,
    work: &'s Work<'s>,
    reader: &mut LineReader<Box<dyn BufRead>>,
    writer: &mut OrderedWriter,
) -> PyResult<()> {
    let (tx, rx) = mpsc::channel::<(usize, Option<Vec<Piece>>)>();
    // Chunks handed out, and those of them not back yet.
    let (mut k, mut running) = (0, 0);
    let mut at_end = false;
    loop {
        // A slow chunk holds back the writing of later ones: at most `UNWRITTEN` wait.
        while !at_end && running < IN_FLIGHT && k - writer.next < UNWRITTEN {
            let Some(chunk) = reader
                .chunk(work.opts.chunk_lines, work.opts.chunk_bytes)
                .map_err(|e| io_error(e, "cannot read", work.opts.input))?
            else {
                at_end = true;
                break;
            };
            // One job per group of lines, straight on the pool's queue: a worker that is done
            // takes the next group, of this chunk or the next, without waiting for another.
            let chunk = Arc::new(InFlight::new(chunk));
            for g in 0..groups(&chunk.chunk) {
                let (chunk, tx) = (Arc::clone(&chunk), tx.clone());
                scope.spawn(move |_| {
                    let piece = catch_unwind(AssertUnwindSafe(|| work.group(&chunk.chunk, g)));
                    if let Some(pieces) = chunk.finished(g, piece.ok()) {
                        // The receiver is gone only if the stream already stopped with an error.
                        let _ = tx.send((k, pieces));
                    }
                });
            }
            k += 1;
            running += 1;
        }
        writer
            .write_ready()
            .map_err(|e| io_error(e, "cannot write", work.opts.output))?;
        if running == 0 {
            if at_end {
                // Every chunk is back, so every chunk is written.
                debug_assert_eq!(writer.next, k);
                return Ok(());
            }
            // Held back by the chunks waiting to be written, which now are.
            continue;
        }
        // `tx` is alive, so `recv` waits for a chunk rather than failing.
        let (j, pieces) = rx
            .recv()
            .map_err(|_| PyRuntimeError::new_err("framelens: stream channel closed"))?;
        let pieces =
            pieces.ok_or_else(|| PyRuntimeError::new_err("framelens: a worker thread panicked"))?;
        running -= 1;
        writer.waiting.insert(j, pieces);
        Python::attach(|py| py.check_signals())?;
    }
}

/// An I/O error with what was being done and the path, keeping its kind (so that, for example, a
/// closed pipe is still `BrokenPipeError` in Python).
fn io_error(e: io::Error, doing: &str, path: &str) -> PyErr {
    let path = if path == "-" {
        "the standard stream"
    } else {
        path
    };
    io::Error::new(e.kind(), format!("{doing} {path}: {e}")).into()
}

/// Raw lines of the input: one buffer per chunk, and where each non-blank line is.
struct LineReader<R> {
    input: R,
    /// Lines read so far (the number of the last line).
    n: usize,
    /// Bytes read so far.
    offset: usize,
    /// Longer lines are not kept: they are skipped to their end and reported.
    max_line: usize,
}

struct Chunk {
    buf: Vec<u8>,
    lines: Vec<LineAt>,
}

struct LineAt {
    /// Line number, from 1.
    n: usize,
    /// Byte offset of the line in the input.
    offset: usize,
    /// The line (with its newline) in the chunk's buffer; empty for a line that was too long.
    range: Range<usize>,
    /// The length of a line longer than the limit, which was skipped.
    too_long: Option<usize>,
}

/// Python's `bytes.strip()` whitespace: a line of only these is blank and skipped.
fn is_blank(line: &[u8]) -> bool {
    line.iter()
        .all(|b| matches!(b, b' ' | b'\t' | b'\n' | b'\r' | 0x0b | 0x0c))
}

impl<R: BufRead> LineReader<R> {
    fn chunk(&mut self, max_lines: usize, max_bytes: usize) -> io::Result<Option<Chunk>> {
        let mut buf = Vec::with_capacity(max_bytes.min(1 << 24));
        let mut lines = Vec::new();
        while lines.len() < max_lines && buf.len() < max_bytes {
            let start = buf.len();
            let Some(read) = self.line(&mut buf)? else {
                break;
            };
            self.n += 1;
            let offset = self.offset;
            self.offset += read;
            let too_long = (read > self.max_line).then_some(read);
            if too_long.is_none() && is_blank(&buf[start..]) {
                buf.truncate(start);
            } else {
                lines.push(LineAt {
                    n: self.n,
                    offset,
                    range: start..buf.len(),
                    too_long,
                });
            }
        }
        Ok((!lines.is_empty()).then_some(Chunk { buf, lines }))
    }

    /// Appends the next line (with its newline) to `buf` and returns its length, `None` at the
    /// end of the input. A line longer than `max_line` is read to its end but not kept.
    fn line(&mut self, buf: &mut Vec<u8>) -> io::Result<Option<usize>> {
        let start = buf.len();
        let mut read = 0;
        loop {
            let available = match self.input.fill_buf() {
                Ok(b) => b,
                Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
                Err(e) => return Err(e),
            };
            if available.is_empty() {
                return Ok((read > 0).then_some(read));
            }
            let (take, done) = match memchr::memchr(b'\n', available) {
                Some(i) => (i + 1, true),
                None => (available.len(), false),
            };
            if read + take <= self.max_line {
                buf.extend_from_slice(&available[..take]);
            } else {
                buf.truncate(start);
            }
            read += take;
            self.input.consume(take);
            if done {
                return Ok(Some(read));
            }
        }
    }
}

/// The groups of `GROUP` lines of a chunk (the last may be shorter).
fn groups(chunk: &Chunk) -> usize {
    chunk.lines.len().div_ceil(GROUP)
}

/// A chunk being analysed, group by group.
struct InFlight {
    chunk: Chunk,
    /// The output of each group, as it comes (`None` before, or if the group panicked).
    pieces: Mutex<Vec<Option<Piece>>>,
    /// Groups not finished yet.
    left: AtomicUsize,
}

impl InFlight {
    fn new(chunk: Chunk) -> Self {
        // A chunk has a line at least (the reader gives none without), so it has a group, and
        // the last group to finish sends it: the pump never waits for a chunk that cannot come.
        debug_assert!(!chunk.lines.is_empty());
        let groups = groups(&chunk);
        InFlight {
            chunk,
            pieces: Mutex::new((0..groups).map(|_| None).collect()),
            left: AtomicUsize::new(groups),
        }
    }

    /// Records the output of group `g` (`None`: it panicked). The last group to finish gets
    /// the chunk's output in order, or `None` if a group panicked.
    fn finished(&self, g: usize, piece: Option<Piece>) -> Option<Option<Vec<Piece>>> {
        // A poisoned lock means a panic while holding it, which these few lines cannot cause.
        let mut pieces = self.pieces.lock().unwrap_or_else(|e| e.into_inner());
        pieces[g] = piece;
        if self.left.fetch_sub(1, Ordering::AcqRel) != 1 {
            return None;
        }
        Some(std::mem::take(&mut *pieces).into_iter().collect())
    }
}

/// The output of a few consecutive lines.
struct Piece {
    out: Vec<u8>,
    lines: usize,
    failed: usize,
    text_bytes: usize,
}

/// What the workers share.
struct Work<'a> {
    analyzer: &'a Analyzer,
    opts: &'a StreamOptions<'a>,
}

impl Work<'_> {
    /// The output of group `g` of a chunk: its lines `GROUP * g` to `GROUP * (g + 1)`.
    fn group(&self, chunk: &Chunk, g: usize) -> Piece {
        let end = chunk.lines.len().min((g + 1) * GROUP);
        let group = &chunk.lines[g * GROUP..end];
        // Output is about five times the input: reserved at once, not grown by doubling.
        let input: usize = group.iter().map(|l| l.range.len()).sum();
        let mut piece = Piece {
            out: Vec::with_capacity(input * OUTPUT_RATIO + 1024),
            lines: group.len(),
            failed: 0,
            text_bytes: 0,
        };
        for line in group {
            let raw = &chunk.buf[line.range.clone()];
            match stream_line(self.analyzer, &mut piece.out, raw, line, self.opts) {
                Some(bytes) => piece.text_bytes += bytes,
                None => piece.failed += 1,
            }
        }
        piece
    }
}

/// The writer thread: writes the chunks it is sent, in the order sent.
struct Disk {
    /// `None` once finished.
    to_write: Option<mpsc::SyncSender<Vec<Piece>>>,
    thread: Option<JoinHandle<io::Result<()>>>,
}

impl Disk {
    fn start(output: Box<dyn Write + Send>) -> io::Result<Self> {
        let (to_write, chunks) = mpsc::sync_channel::<Vec<Piece>>(TO_WRITE);
        let thread = thread::Builder::new()
            .name("framelens-writer".into())
            .spawn(move || {
                // Small: pieces bigger than the buffer (most) go to the output as they are.
                let mut out = BufWriter::with_capacity(64 << 10, output);
                for pieces in chunks {
                    for p in &pieces {
                        out.write_all(&p.out)?;
                    }
                }
                out.flush()
            })?;
        Ok(Disk {
            to_write: Some(to_write),
            thread: Some(thread),
        })
    }

    /// Queues a chunk; fails if the writer thread stopped on an error (which `finish` tells).
    fn write(&self, pieces: Vec<Piece>) -> io::Result<()> {
        let sent = self.to_write.as_ref().map(|to_write| to_write.send(pieces));
        match sent {
            Some(Ok(())) => Ok(()),
            _ => Err(io::Error::other("the writer thread stopped")),
        }
    }

    /// Waits until everything queued is written and flushed; the writer's error if it failed.
    fn finish(&mut self) -> io::Result<()> {
        self.to_write = None;
        match self.thread.take().map(JoinHandle::join) {
            Some(Ok(written)) => written,
            Some(Err(_)) => Err(io::Error::other("the writer thread panicked")),
            None => Ok(()),
        }
    }
}

/// Puts finished chunks in input order and passes them to the writer thread.
struct OrderedWriter {
    disk: Disk,
    /// The chunk to write next.
    next: usize,
    waiting: BTreeMap<usize, Vec<Piece>>,
    documents: usize,
    failed: usize,
    text_bytes: usize,
    started: Instant,
    progress: bool,
}

impl OrderedWriter {
    /// Passes every waiting chunk whose turn has come to the writer thread.
    fn write_ready(&mut self) -> io::Result<()> {
        while let Some(pieces) = self.waiting.remove(&self.next) {
            for p in &pieces {
                self.documents += p.lines;
                self.failed += p.failed;
                self.text_bytes += p.text_bytes;
            }
            self.disk.write(pieces)?;
            self.next += 1;
            if self.progress {
                let seconds = self.started.elapsed().as_secs_f64().max(1e-9);
                eprint!(
                    "\rframelens: {} documents, {:.1} MB/s",
                    self.documents,
                    self.text_bytes as f64 / 1e6 / seconds
                );
            }
        }
        Ok(())
    }
}

/// Writes the output line of one input line into `out` (with its newline): the analysis, or an
/// error line; the text bytes analysed, or `None` for an error.
fn stream_line(
    analyzer: &Analyzer,
    out: &mut Vec<u8>,
    raw: &[u8],
    at: &LineAt,
    opts: &StreamOptions<'_>,
) -> Option<usize> {
    let n = at.n;
    if let Some(len) = at.too_long {
        let path = opts.input;
        error_line(
            out,
            n,
            None,
            format_args!("{path}: line {n} is {len} bytes, too long for one document; skipped"),
        );
        return None;
    }
    let line = match std::str::from_utf8(raw) {
        Ok(s) => Cow::Borrowed(s),
        Err(_) if opts.replace_errors => String::from_utf8_lossy(raw),
        Err(e) => {
            let at = at.offset + e.valid_up_to();
            let path = opts.input;
            error_line(
                out,
                n,
                None,
                format_args!("{path}: line {n} is not valid UTF-8 at byte {at}"),
            );
            return None;
        }
    };
    let fields = match Fields::parse(&line, opts.text_col, opts.id_col) {
        Ok(f) => f,
        Err(e) => {
            let path = opts.input;
            error_line(
                out,
                n,
                None,
                format_args!("{path}: line {n} is not valid JSON ({e})"),
            );
            return None;
        }
    };
    let doc_id = fields.id.as_ref().map_or_else(|| n.to_string(), python_str);
    let Some(text) = fields.text else {
        let col = opts.text_col;
        error_line(
            out,
            n,
            Some(&doc_id),
            format_args!("line {n}: no text in '{col}'"),
        );
        return None;
    };
    let result = analyzer.analyze_fields(
        &text,
        Some(&doc_id),
        fields.outlet.as_deref(),
        fields.url.as_deref(),
        None,
    );
    let mut analysis = match result {
        Ok(a) => a,
        Err(e) => {
            let e = e.with_context(format_args!("line {n}"));
            error_line(out, n, Some(&doc_id), format_args!("{e}"));
            return None;
        }
    };
    to_code_points(&text, &mut analysis);
    // `{"line":n,` then the fields of the analysis: its opening brace becomes the comma.
    let _ = write!(out, "{{\"line\":{n}");
    let brace = out.len();
    analysis.write_json(out);
    out[brace] = b',';
    if opts.include_text {
        out.pop();
        out.extend_from_slice(b",\"text\":");
        // Writing a str into a Vec cannot fail.
        let _ = serde_json::to_writer(&mut *out, text.as_ref());
        out.push(b'}');
    }
    out.push(b'\n');
    Some(text.len())
}

/// An error line: `{"line":n,"doc_id":...,"error":"..."}`.
fn error_line(out: &mut Vec<u8>, n: usize, doc_id: Option<&str>, message: fmt::Arguments<'_>) {
    let message = message.to_string();
    let _ = write!(out, "{{\"line\":{n},\"doc_id\":");
    let _ = serde_json::to_writer(&mut *out, &doc_id);
    out.extend_from_slice(b",\"error\":");
    let _ = serde_json::to_writer(&mut *out, &message);
    out.extend_from_slice(b"}\n");
}

/// A JSON value as Python's `str()` shows it, for document ids given as numbers or strings.
fn python_str(v: &serde_json::Value) -> String {
    match v {
        serde_json::Value::String(s) => s.clone(),
        serde_json::Value::Null => "None".into(),
        serde_json::Value::Bool(true) => "True".into(),
        serde_json::Value::Bool(false) => "False".into(),
        other => other.to_string(),
    }
}

/// The fields of an input line the analysis uses. The text borrows from the line unless it has
/// escapes; the other fields are not decoded at all.
struct Fields<'a> {
    /// The text, if the text field is a string.
    text: Option<Cow<'a, str>>,
    id: Option<serde_json::Value>,
    outlet: Option<Cow<'a, str>>,
    url: Option<Cow<'a, str>>,
}

impl<'a> Fields<'a> {
    fn parse(line: &'a str, text_col: &str, id_col: &str) -> serde_json::Result<Self> {
        let mut de = serde_json::Deserializer::from_str(line);
        let raw = match (RawFields { text_col, id_col }).deserialize(&mut de) {
            Ok(raw) => {
                de.end()?;
                raw
            }
            // Valid JSON that is not an object has no fields.
            Err(e) => match serde_json::from_str::<de::IgnoredAny>(line) {
                Ok(_) => Found::default(),
                Err(_) => return Err(e),
            },
        };
        let string = |v: Option<&'a RawValue>| {
            v.and_then(|v| serde_json::from_str::<Str<'a>>(v.get()).ok())
                .map(|s| s.0)
        };
        Ok(Fields {
            text: string(raw.text),
            id: raw.id.and_then(|v| serde_json::from_str(v.get()).ok()),
            outlet: string(raw.outlet),
            url: string(raw.url),
        })
    }
}

/// The raw values of the wanted fields (the last one when a key repeats, as Python's `json`).
#[derive(Default)]
struct Found<'a> {
    text: Option<&'a RawValue>,
    id: Option<&'a RawValue>,
    outlet: Option<&'a RawValue>,
    url: Option<&'a RawValue>,
}

struct RawFields<'c> {
    text_col: &'c str,
    id_col: &'c str,
}

impl<'de> DeserializeSeed<'de> for RawFields<'_> {
    type Value = Found<'de>;

    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
        d.deserialize_map(self)
    }
}

impl<'de> Visitor<'de> for RawFields<'_> {
    type Value = Found<'de>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a JSON object")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
        let mut found = Found::default();
        while let Some(Str(key)) = map.next_key::<Str<'de>>()? {
            let value: &'de RawValue = map.next_value()?;
            if key == self.text_col {
                found.text = Some(value);
            }
            if key == self.id_col {
                found.id = Some(value);
            }
            if key == "outlet" {
                found.outlet = Some(value);
            }
            if key == "url" {
                found.url = Some(value);
            }
        }
        Ok(found)
    }
}

/// A JSON string, borrowed from the input when it has no escapes.
struct Str<'a>(Cow<'a, str>);

impl<'de> Deserialize<'de> for Str<'de> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = Str<'de>;

            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a string")
            }

            fn visit_borrowed_str<E: de::Error>(self, v: &'de str) -> Result<Self::Value, E> {
                Ok(Str(Cow::Borrowed(v)))
            }

            fn visit_str<E: de::Error>(self, v: &str) -> Result<Self::Value, E> {
                Ok(Str(Cow::Owned(v.to_owned())))
            }

            fn visit_string<E: de::Error>(self, v: String) -> Result<Self::Value, E> {
                Ok(Str(Cow::Owned(v)))
            }
        }
        d.deserialize_str(V)
    }
}
