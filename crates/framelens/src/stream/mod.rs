//! A JSON Lines corpus in, one result line per input line out, in input order, in bounded
//! memory, on a thread pool.
//!
//! ```text
//! input -> reader (this thread): chunks of lines, bounded by lines and bytes
//!       -> workers (the pool): each chunk as jobs of eight lines; parse, analyse, serialize
//!       -> this thread: finished chunks put back in input order
//!       -> writer thread: writes them (the output file with direct I/O on Linux)
//! ```
//!
//! A few chunks are in flight at once, each as independent jobs of a few lines, so no worker
//! waits at the end of a chunk for the slowest document of that chunk, nor for the disk, and
//! memory stays bounded by the chunk size, not the corpus size. Each output line is the
//! analysis (offsets in code points, as Python and JSON readers index text) with the input's
//! line number, or an error line `{"line": n, "schema_version": 2, "doc_id": ..., "error": ...}`
//! for a line that is not JSON, has no text, is not UTF-8 or is too long: one bad line never stops the stream.
//!
//! An [`Observer`] sees progress after each chunk and can stop the stream (the Python bindings
//! stop it on Ctrl-C); the output then holds every line before the stop, whole and in order.
//! [`Batches`] reads the same input the same way and hands back analysed chunks instead, for
//! writers of other formats.
//!
//! ```no_run
//! use framelens::stream::{stream_jsonl, Input, Output, StreamOptions};
//! use framelens::{parallel, Analyzer};
//!
//! let analyzer = Analyzer::new()?;
//! let pool = parallel::pool(None)?; // FRAMELENS_THREADS, else one thread per core
//! let totals = stream_jsonl(
//!     &analyzer,
//!     &pool,
//!     Input::path("corpus.jsonl"),
//!     Output::path("results.jsonl"),
//!     &StreamOptions::default(),
//!     &mut (),
//! )?;
//! println!("{} documents, {} failed", totals.documents, totals.failed);
//! # Ok::<(), framelens::Error>(())
//! ```

mod outfile;
mod reader;

use std::collections::BTreeMap;
use std::fmt;
use std::fs::File;
use std::io::{self, BufRead, BufReader, BufWriter, Write};
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{mpsc, Arc, Mutex};
use std::thread::{self, JoinHandle};
use std::time::{Duration, Instant};

use self::outfile::OutFile;
use self::reader::{decode, document, Chunk, CsvReader, LineAt, LineReader, Source};
use crate::analysis::offsets::to_code_points;
use crate::analysis::{Analysis, SCHEMA_VERSION};
use crate::analyzer::DocumentRef;
use crate::error::{Error, Result};
use crate::parallel::Pool;
use crate::Analyzer;

/// How a stream reads its input and what it writes.
#[derive(Clone, Debug)]
pub struct StreamOptions {
    /// The field holding the text (default `text`).
    pub text_col: String,
    /// The field holding the document id (default `id`); without one, the line number is the id.
    pub id_col: String,
    /// The field holding the outlet's name (default `outlet`).
    pub outlet_col: String,
    /// The field holding the article's URL (default `url`).
    pub url_col: String,
    /// Keep each document's text in its output line (as `text`).
    pub include_text: bool,
    /// Read invalid UTF-8 with U+FFFD in place of the bad bytes instead of failing the line.
    pub replace_errors: bool,
    /// Lines per chunk at most (default 1,000).
    pub chunk_lines: usize,
    /// Input bytes per chunk, about: a chunk ends with the line that reaches it (default
    /// 256,000). With `chunk_lines` this bounds the memory of the stream.
    pub chunk_bytes: usize,
    /// How the input is written.
    pub format: InputFormat,
}

/// How a corpus is written.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum InputFormat {
    /// One JSON object per line.
    #[default]
    JsonLines,
    /// CSV with a header row; a record may span lines.
    Csv,
}

impl InputFormat {
    /// The format a file name's extension says: `.csv` is CSV;
    /// `.jsonl`, `.ndjson` and `.json` are JSON Lines; anything else is `None`.
    pub fn from_path(path: &Path) -> Option<InputFormat> {
        let ext = path.extension()?.to_str()?.to_ascii_lowercase();
        match ext.as_str() {
            "csv" => Some(InputFormat::Csv),
            "jsonl" | "ndjson" | "json" => Some(InputFormat::JsonLines),
            _ => None,
        }
    }
}

impl Default for StreamOptions {
    fn default() -> Self {
        StreamOptions {
            text_col: "text".into(),
            id_col: "id".into(),
            outlet_col: "outlet".into(),
            url_col: "url".into(),
            include_text: false,
            replace_errors: false,
            chunk_lines: 1000,
            chunk_bytes: 256_000,
            format: InputFormat::JsonLines,
        }
    }
}

impl StreamOptions {
    fn check(&self) -> Result<()> {
        if self.chunk_lines == 0 || self.chunk_bytes == 0 {
            return Err(Error::config("chunk sizes must be at least 1"));
        }
        Ok(())
    }
}

/// Where a stream reads from.
pub enum Input {
    /// Standard input (named `-` in messages).
    Stdin,
    /// A file.
    Path(PathBuf),
    /// Any buffered reader, named `name` in messages.
    Reader {
        /// The reader.
        reader: Box<dyn BufRead + Send>,
        /// Its name in error messages.
        name: String,
    },
}

impl Input {
    /// A file; `-` means standard input.
    pub fn path(path: impl AsRef<Path>) -> Input {
        let path = path.as_ref();
        if path == Path::new("-") {
            Input::Stdin
        } else {
            Input::Path(path.to_path_buf())
        }
    }

    /// The name error lines use for the input.
    fn name(&self) -> String {
        match self {
            Input::Stdin => "-".into(),
            Input::Path(p) => p.display().to_string(),
            Input::Reader { name, .. } => name.clone(),
        }
    }

    fn open(self) -> Result<(Box<dyn BufRead + Send>, String)> {
        let name = self.name();
        let reader: Box<dyn BufRead + Send> = match self {
            Input::Stdin => Box::new(BufReader::with_capacity(1 << 20, io::stdin())),
            Input::Path(p) => {
                let file =
                    File::open(&p).map_err(|e| Error::io(e, format!("cannot read {name}")))?;
                Box::new(BufReader::with_capacity(1 << 20, file))
            }
            Input::Reader { reader, .. } => reader,
        };
        Ok((reader, name))
    }
}

impl fmt::Debug for Input {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Input({})", self.name())
    }
}

/// Where a stream writes.
pub enum Output {
    /// Standard output.
    Stdout,
    /// A file.
    Path(PathBuf),
    /// Any writer, named `name` in messages.
    Writer {
        /// The writer.
        writer: Box<dyn Write + Send>,
        /// Its name in error messages.
        name: String,
    },
}

impl Output {
    /// A file; `-` means standard output.
    pub fn path(path: impl AsRef<Path>) -> Output {
        let path = path.as_ref();
        if path == Path::new("-") {
            Output::Stdout
        } else {
            Output::Path(path.to_path_buf())
        }
    }

    fn name(&self) -> String {
        match self {
            Output::Stdout => "the standard output".into(),
            Output::Path(p) => p.display().to_string(),
            Output::Writer { name, .. } => name.clone(),
        }
    }

    /// Opens the output. A file is written under a temporary name in its directory and
    /// renamed into place by [`Opened::finish`], so a stream that fails never leaves a
    /// half-written file under the final name (an existing device or pipe is written as it is).
    fn open(self) -> Result<Opened> {
        let name = self.name();
        let cannot = |e: io::Error| Error::io(e, format!("cannot write {name}"));
        let (writer, rename): (Box<dyn Write + Send>, _) = match self {
            Output::Stdout => (Box::new(io::stdout()), None),
            Output::Writer { writer, .. } => (writer, None),
            Output::Path(p) => {
                // Through a link to a file, the file is written (renaming onto the link would
                // replace the link and put the output on the link's disk).
                let is_link = std::fs::symlink_metadata(&p).is_ok_and(|m| m.is_symlink());
                let p = if is_link {
                    std::fs::canonicalize(&p).unwrap_or(p)
                } else {
                    p
                };
                let existing = std::fs::metadata(&p).ok();
                if existing.as_ref().is_some_and(|m| !m.is_file()) {
                    (Box::new(OutFile::create(&p).map_err(cannot)?), None)
                } else {
                    let (file, temp) = staged_file(&p, existing.as_ref()).map_err(cannot)?;
                    (Box::new(OutFile::from_file(file)), Some((temp, p)))
                }
            }
        };
        Ok(Opened {
            writer,
            rename,
            name,
        })
    }
}

/// A new file in the directory of `dest`, under a hidden temporary name, with the permissions of
/// the file it replaces (`existing`; a private output stays private) or else those a new file
/// gets (0666 less the umask on Unix, not the 0600 of temporary files).
fn staged_file(
    dest: &Path,
    existing: Option<&std::fs::Metadata>,
) -> io::Result<(File, tempfile::TempPath)> {
    let dir = match dest.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    };
    let stem = dest
        .file_name()
        .map_or_else(Default::default, |n| n.to_string_lossy());
    let prefix = format!(".{stem}.");
    let mut builder = tempfile::Builder::new();
    builder.prefix(&prefix).suffix(".framelens-tmp");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = existing.map_or(0o666, |m| m.permissions().mode() & 0o7777);
        builder.permissions(std::fs::Permissions::from_mode(mode));
    }
    let (file, temp) = builder.tempfile_in(dir)?.into_parts();
    // The umask applied at creation; the replaced file's own mode is kept as it was.
    if let Some(m) = existing {
        file.set_permissions(m.permissions())?;
    }
    Ok((file, temp))
}

/// An opened output: the writer, and the temporary file to rename into place when the stream
/// is done.
struct Opened {
    writer: Box<dyn Write + Send>,
    rename: Option<(tempfile::TempPath, PathBuf)>,
    name: String,
}

impl Opened {
    /// Puts the output under its final name (once everything written is flushed and closed):
    /// after a stream that ended or was stopped, whose lines are all whole. Dropping the
    /// temporary file instead deletes it.
    fn finish(rename: Option<(tempfile::TempPath, PathBuf)>, name: &str) -> Result<()> {
        if let Some((temp, dest)) = rename {
            temp.persist(&dest)
                .map_err(|e| Error::io(e.error, format!("cannot write {name}")))?;
        }
        Ok(())
    }
}

/// Refuses to write a file that is the input (the same file, through a link or not, or
/// standard input or output redirected to it): opening it for writing would wipe the input
/// before it is read, and appending to it would feed the results back in as input.
fn check_not_input(input: &Input, output: &Output) -> Result<()> {
    use same_file::Handle;
    // Only a regular file is wiped or fed back: standard input and output on one terminal are
    // the same device too.
    let same = |a: io::Result<Handle>, b: io::Result<Handle>| match (a, b) {
        (Ok(a), Ok(b)) => a == b && a.as_file().metadata().is_ok_and(|m| m.is_file()),
        _ => false,
    };
    let clash = match (input, output) {
        (Input::Path(i), Output::Path(o)) => {
            o.exists() && same(Handle::from_path(i), Handle::from_path(o))
        }
        (Input::Stdin, Output::Path(o)) => {
            o.exists() && same(Handle::stdin(), Handle::from_path(o))
        }
        (Input::Path(i), Output::Stdout) => same(Handle::from_path(i), Handle::stdout()),
        (Input::Stdin, Output::Stdout) => same(Handle::stdin(), Handle::stdout()),
        _ => false,
    };
    if clash {
        let what = match input {
            Input::Path(i) => format!("file {}", i.display()),
            _ => input.name(),
        };
        let e = io::Error::new(
            io::ErrorKind::InvalidInput,
            format!("it is the input {what}; choose another output"),
        );
        return Err(Error::io(e, format!("cannot write {}", output.name())));
    }
    Ok(())
}

impl fmt::Debug for Output {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Output({})", self.name())
    }
}

/// How far a stream has come, after each chunk written.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Progress {
    /// Input lines written so far (documents and error lines).
    pub documents: usize,
    /// Error lines among them.
    pub failed: usize,
    /// Bytes of text analysed.
    pub text_bytes: usize,
    /// Bytes of input read (for a percentage of a file's size).
    pub input_bytes: u64,
    /// Time since the stream started.
    pub elapsed: Duration,
}

/// What a stream did.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Totals {
    /// Input lines with an output line (documents and error lines).
    pub documents: usize,
    /// Error lines among them.
    pub failed: usize,
    /// The observer stopped the stream before the end of the input.
    pub stopped: bool,
}

/// Watches a stream: told of progress after each chunk, asked whether to stop.
pub trait Observer {
    /// Called after each chunk is passed to the writer.
    fn progress(&mut self, _progress: &Progress) {}
    /// Called after each chunk comes back from the workers; `true` stops the stream (the chunks
    /// before are written, whole and in order).
    fn stop(&mut self) -> bool {
        false
    }
}

/// No observer.
impl Observer for () {}

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

/// The chunks of `input` in the options' format. A JSON line may spell its text out at up to
/// three times its UTF-8 size (`\uXXXX` escapes); a longer line cannot hold a text the
/// analyzer accepts, and is skipped.
fn source(
    input: Box<dyn BufRead + Send>,
    name: &str,
    analyzer: &Analyzer,
    opts: &StreamOptions,
) -> Result<Box<dyn Source>> {
    let max_line = analyzer
        .max_bytes()
        .saturating_mul(3)
        .saturating_add(1 << 20);
    Ok(match opts.format {
        InputFormat::JsonLines => Box::new(LineReader {
            input,
            n: 0,
            offset: 0,
            max_line,
        }),
        InputFormat::Csv => Box::new(CsvReader::new(input, opts, name, max_line)?),
    })
}

/// Streams `input` through `analyzer` on `pool` into `output`: one JSON line per input line, in
/// input order (blank lines are skipped). Fails only when the input cannot be read or the
/// output written; a bad line gets an error line and the stream goes on.
pub fn stream_jsonl(
    analyzer: &Analyzer,
    pool: &Pool,
    input: Input,
    output: Output,
    opts: &StreamOptions,
    observer: &mut dyn Observer,
) -> Result<Totals> {
    opts.check()?;
    check_not_input(&input, &output)?;
    let (input, input_name) = input.open()?;
    let Opened {
        writer: output,
        rename,
        name: output_name,
    } = output.open()?;
    let write_error = |e: io::Error| Error::io(e, format!("cannot write {output_name}"));
    let mut reader = source(input, &input_name, analyzer, opts)?;
    let mut writer = OrderedWriter {
        disk: Disk::start(output).map_err(write_error)?,
        next: 0,
        waiting: BTreeMap::new(),
        progress: Progress::default(),
        started: Instant::now(),
    };
    let work = Work {
        analyzer,
        opts,
        input_name: &input_name,
    };
    let pumped = pool
        .rayon()
        .in_place_scope(|s| pump(s, &work, &mut reader, &mut writer, observer));
    // After an error the writer still writes what it has: the lines before the error are kept.
    // Its own error comes first (the stream stopped because of it).
    writer.disk.finish().map_err(write_error)?;
    let stopped = match pumped {
        Ok(stopped) => stopped,
        // The input failed part way (a network file, a disk): the lines analysed before it are
        // whole and in order, but not the output asked for, so an older file of that name stays
        // as it was and they are kept beside it as `NAME.partial` (hours of work are not thrown
        // away with the temporary file); the error says where they are.
        Err(Pumped::Read(e)) => {
            let done = writer.progress.documents;
            let kept = match rename {
                Some((temp, dest)) => {
                    let mut partial = dest.into_os_string();
                    partial.push(".partial");
                    let partial = PathBuf::from(partial);
                    let name = partial.display().to_string();
                    Opened::finish(Some((temp, partial)), &name)?;
                    name
                }
                None => output_name.clone(),
            };
            return Err(Error::io(
                e,
                format!("cannot read {input_name} (the {done} lines before are in {kept})"),
            ));
        }
        Err(Pumped::Write(e)) => return Err(write_error(e)),
        Err(Pumped::Failed(e)) => return Err(e),
    };
    // Only now, with every line written whole, does the output get its name.
    Opened::finish(rename, &output_name)?;
    Ok(Totals {
        documents: writer.progress.documents,
        failed: writer.progress.failed,
        stopped,
    })
}

/// Why the pump stopped early.
enum Pumped {
    Read(io::Error),
    Write(io::Error),
    Failed(Error),
}

/// Reads chunks and hands them to the workers, keeping `IN_FLIGHT` chunks being analysed, and
/// passes each finished chunk to the writer thread when its turn comes. When a chunk comes
/// back, the next one is handed out first, so the workers never wait for this thread. Asks the
/// observer whether to stop after each chunk; returns whether it did.
fn pump<'s>(
    scope: &rayon::Scope<'s>,
    work: &'s Work<'s>,
    reader: &mut Box<dyn Source>,
    writer: &mut OrderedWriter,
    observer: &mut dyn Observer,
) -> std::result::Result<bool, Pumped> {
    let (tx, rx) = mpsc::channel::<(usize, Option<Vec<Piece>>)>();
    // Chunks handed out, and those of them not back yet.
    let (mut k, mut running) = (0, 0);
    let mut at_end = false;
    let mut stopped = false;
    loop {
        // A slow chunk holds back the writing of later ones: at most `UNWRITTEN` wait.
        while !at_end && !stopped && running < IN_FLIGHT && k - writer.next < UNWRITTEN {
            let Some(chunk) = reader
                .chunk(work.opts.chunk_lines, work.opts.chunk_bytes)
                .map_err(Pumped::Read)?
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
        writer.progress.input_bytes = reader.bytes_read();
        writer
            .write_ready(observer, stopped)
            .map_err(Pumped::Write)?;
        if running == 0 {
            if at_end || stopped {
                return Ok(stopped);
            }
            // Held back by the chunks waiting to be written, which now are.
            continue;
        }
        // `tx` is alive, so `recv` waits for a chunk rather than failing.
        let (j, pieces) = rx.recv().map_err(|_| {
            Pumped::Failed(Error::document("internal error: a stream channel closed"))
        })?;
        let pieces = pieces.ok_or_else(|| {
            Pumped::Failed(Error::document("internal error: a worker thread panicked"))
        })?;
        running -= 1;
        writer.waiting.insert(j, pieces);
        if !stopped && observer.stop() {
            // The chunks handed out still come back and are written; no more are read.
            stopped = true;
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
    opts: &'a StreamOptions,
    input_name: &'a str,
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
            match self.line(&mut piece.out, raw, line) {
                Some(bytes) => piece.text_bytes += bytes,
                None => piece.failed += 1,
            }
        }
        piece
    }

    /// Writes the output line of one input line into `out` (with its newline): the analysis,
    /// or an error line; the text bytes analysed, or `None` for an error.
    fn line(&self, out: &mut Vec<u8>, raw: &[u8], at: &LineAt) -> Option<usize> {
        let n = at.n;
        let fail = |out: &mut Vec<u8>, e: reader::LineError| {
            error_line(out, n, e.doc_id.as_deref(), &e.message);
            None
        };
        let line = match decode(raw, at, self.opts, self.input_name) {
            Ok(line) => line,
            Err(e) => return fail(out, e),
        };
        let doc = match document(&line, at, self.opts, self.input_name) {
            Ok(doc) => doc,
            Err(e) => return fail(out, e),
        };
        let mut analysis = match analyze_line(self.analyzer, &doc, n) {
            Ok(a) => a,
            Err(e) => return fail(out, e),
        };
        to_code_points(&doc.text, &mut analysis);
        // `{"line":n,` then the fields of the analysis: its opening brace becomes the comma.
        let _ = write!(out, "{{\"line\":{n}");
        let brace = out.len();
        analysis.write_json(out);
        out[brace] = b',';
        if self.opts.include_text {
            out.pop();
            out.extend_from_slice(b",\"text\":");
            // Writing a str into a Vec cannot fail.
            let _ = serde_json::to_writer(&mut *out, doc.text.as_ref());
            out.push(b'}');
        }
        out.push(b'\n');
        Some(doc.text.len())
    }
}

/// The analysis of a line's document (byte offsets), or its error line.
fn analyze_line(
    analyzer: &Analyzer,
    doc: &reader::LineDoc<'_>,
    n: usize,
) -> std::result::Result<Analysis, reader::LineError> {
    analyzer
        .analyze_ref(&DocumentRef {
            text: &doc.text,
            id: Some(&doc.doc_id),
            outlet: doc.outlet.as_deref(),
            url: doc.url.as_deref(),
            published: None,
        })
        .map_err(|e| reader::LineError {
            doc_id: Some(doc.doc_id.clone()),
            message: e.with_context(format_args!("line {n}")).to_string(),
        })
}

/// An error line: `{"line":n,"schema_version":2,"doc_id":...,"error":"..."}`.
fn error_line(out: &mut Vec<u8>, n: usize, doc_id: Option<&str>, message: &str) {
    let _ = write!(
        out,
        "{{\"line\":{n},\"schema_version\":{SCHEMA_VERSION},\"doc_id\":"
    );
    let _ = serde_json::to_writer(&mut *out, &doc_id);
    out.extend_from_slice(b",\"error\":");
    let _ = serde_json::to_writer(&mut *out, message);
    out.extend_from_slice(b"}\n");
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
    progress: Progress,
    started: Instant,
}

impl OrderedWriter {
    /// Passes every waiting chunk whose turn has come to the writer thread, and tells the
    /// observer (not once the stream is stopping: the observer may be gone to its own work).
    fn write_ready(&mut self, observer: &mut dyn Observer, stopping: bool) -> io::Result<()> {
        while let Some(pieces) = self.waiting.remove(&self.next) {
            for p in &pieces {
                self.progress.documents += p.lines;
                self.progress.failed += p.failed;
                self.progress.text_bytes += p.text_bytes;
            }
            self.disk.write(pieces)?;
            self.next += 1;
            if !stopping {
                self.progress.elapsed = self.started.elapsed();
                observer.progress(&self.progress);
            }
        }
        Ok(())
    }
}

/// One input line read through [`Batches`]: its line number and id, and its analysis or the
/// message of its error line.
#[derive(Clone, Debug, PartialEq)]
pub struct LineResult {
    /// The line number, from 1.
    pub line: usize,
    /// The document id (the `id_col` value, else the line number), when the line has one.
    pub doc_id: Option<String>,
    /// The text and its analysis (byte offsets), or the error line's message.
    pub result: std::result::Result<Analyzed, String>,
}

/// A document's text and its analysis.
#[derive(Clone, Debug, PartialEq)]
pub struct Analyzed {
    /// The text.
    pub text: String,
    /// Its analysis, with byte offsets into `text`.
    pub analysis: Analysis,
}

/// The lines of a JSON Lines input, read as [`stream_jsonl`] reads them (the same chunks, the
/// same error messages) and analysed a chunk at a time on a pool, for writers of other
/// formats: each item is one chunk's lines in input order.
pub struct Batches {
    analyzer: Analyzer,
    pool: Arc<Pool>,
    reader: Box<dyn Source>,
    opts: StreamOptions,
    name: String,
}

impl Batches {
    /// Opens `input`; fails if it cannot be opened or the options are invalid.
    pub fn new(
        analyzer: Analyzer,
        pool: Arc<Pool>,
        input: Input,
        opts: StreamOptions,
    ) -> Result<Batches> {
        opts.check()?;
        let (input, name) = input.open()?;
        let reader = source(input, &name, &analyzer, &opts)?;
        Ok(Batches {
            analyzer,
            pool,
            reader,
            opts,
            name,
        })
    }

    /// Bytes of input read so far.
    pub fn input_bytes(&self) -> u64 {
        self.reader.bytes_read()
    }

    fn analyse(&self, chunk: &Chunk) -> Vec<LineResult> {
        let (analyzer, opts, name) = (&self.analyzer, &self.opts, self.name.as_str());
        let one = |at: &LineAt| {
            let raw = &chunk.buf[at.range.clone()];
            let result = decode(raw, at, opts, name).and_then(|line| {
                let doc = document(&line, at, opts, name)?;
                let analysis = analyze_line(analyzer, &doc, at.n)?;
                Ok((doc.doc_id, doc.text.into_owned(), analysis))
            });
            match result {
                Ok((doc_id, text, analysis)) => LineResult {
                    line: at.n,
                    doc_id: Some(doc_id),
                    result: Ok(Analyzed { text, analysis }),
                },
                Err(e) => LineResult {
                    line: at.n,
                    doc_id: e.doc_id,
                    result: Err(e.message),
                },
            }
        };
        self.pool.map(&chunk.lines, one)
    }
}

impl Iterator for Batches {
    type Item = Result<Vec<LineResult>>;

    fn next(&mut self) -> Option<Self::Item> {
        match self
            .reader
            .chunk(self.opts.chunk_lines, self.opts.chunk_bytes)
        {
            Ok(Some(chunk)) => Some(Ok(self.analyse(&chunk))),
            Ok(None) => None,
            Err(e) => Some(Err(Error::io(e, format!("cannot read {}", self.name)))),
        }
    }
}

impl fmt::Debug for Batches {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Batches({})", self.name)
    }
}
