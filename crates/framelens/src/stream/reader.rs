//! Reading a corpus in chunks bounded by lines and bytes: JSON Lines as raw lines (the workers
//! parse them), CSV as records turned into JSON lines here (a record may span lines, so it is
//! read in order), and the fields of one line (text, id, outlet, url) parsed without decoding
//! anything else.

use std::borrow::Cow;
use std::collections::VecDeque;
use std::fmt;
use std::io::{self, BufRead};
use std::ops::Range;

use serde::de::{self, Deserialize, DeserializeSeed, Deserializer, MapAccess, Visitor};
use serde_json::value::RawValue;

use super::StreamOptions;

/// Raw lines of the input: one buffer per chunk, and where each non-blank line is.
pub(super) struct LineReader<R> {
    pub(super) input: R,
    /// Lines read so far (the number of the last line).
    pub(super) n: usize,
    /// Bytes read so far.
    pub(super) offset: usize,
    /// Longer lines are not kept: they are skipped to their end and reported.
    pub(super) max_line: usize,
}

pub(super) struct Chunk {
    pub(super) buf: Vec<u8>,
    pub(super) lines: Vec<LineAt>,
}

pub(super) struct LineAt {
    /// Line number, from 1.
    pub(super) n: usize,
    /// Byte offset of the line in the input.
    pub(super) offset: usize,
    /// The line (with its newline) in the chunk's buffer; empty for a line that was too long.
    pub(super) range: Range<usize>,
    /// Why the line has no document, found while reading it.
    pub(super) problem: Option<Problem>,
}

/// What the reader found wrong with a line.
pub(super) enum Problem {
    /// The line is this long, over the limit; it was skipped.
    TooLong(usize),
    /// A CSV record that cannot be read (the message says why).
    Csv(String),
}

/// Where chunks come from.
pub(super) trait Source: Send {
    /// The next chunk of at most `max_lines` lines and about `max_bytes` bytes; `None` at the
    /// end of the input.
    fn chunk(&mut self, max_lines: usize, max_bytes: usize) -> io::Result<Option<Chunk>>;
    /// Bytes of input read so far.
    fn bytes_read(&self) -> u64;
}

/// The UTF-8 byte-order mark some editors put at the start of a file.
const BOM: &[u8] = b"\xEF\xBB\xBF";

/// Python's `bytes.strip()` whitespace: a line of only these is blank and skipped.
fn is_blank(line: &[u8]) -> bool {
    line.iter()
        .all(|b| matches!(b, b' ' | b'\t' | b'\n' | b'\r' | 0x0b | 0x0c))
}

impl<R: BufRead + Send> Source for LineReader<R> {
    fn chunk(&mut self, max_lines: usize, max_bytes: usize) -> io::Result<Option<Chunk>> {
        let mut buf = Vec::with_capacity(max_bytes.min(1 << 24));
        let mut lines = Vec::new();
        while lines.len() < max_lines && buf.len() < max_bytes {
            let start = buf.len();
            let Some(read) = self.line(&mut buf)? else {
                break;
            };
            self.n += 1;
            let mut offset = self.offset;
            self.offset += read;
            // A byte-order mark at the start of the input is not part of the first line.
            let mut first = start;
            if self.n == 1 && buf[start..].starts_with(BOM) {
                first += BOM.len();
                offset += BOM.len();
            }
            let too_long = read > self.max_line;
            if !too_long && is_blank(&buf[first..]) {
                buf.truncate(start);
            } else {
                lines.push(LineAt {
                    n: self.n,
                    offset,
                    range: first..buf.len(),
                    problem: too_long.then_some(Problem::TooLong(read)),
                });
            }
        }
        Ok((!lines.is_empty()).then_some(Chunk { buf, lines }))
    }

    fn bytes_read(&self) -> u64 {
        self.offset as u64
    }
}

impl<R: BufRead> LineReader<R> {
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

/// A raw JSON value as Python's `str()` of `json.loads` of it shows it, for document ids given
/// as numbers or strings, or why it cannot be one.
///
/// An integer keeps its digits (Python's `int` is exact; a 64-bit float would merge
/// `123456789012345678901234567890` and `...891`), a number too large for a float is `inf`, as
/// Python reads it, and a string that cannot be decoded (a `\ud800` escape with no pair) is an
/// error rather than no id.
pub(super) fn python_str(raw: &str) -> Result<String, String> {
    let integer = raw.strip_prefix('-').unwrap_or(raw);
    if !integer.is_empty() && integer.bytes().all(|b| b.is_ascii_digit()) {
        return Ok(if integer == "0" { "0" } else { raw }.to_string());
    }
    match serde_json::from_str::<serde_json::Value>(raw) {
        Ok(serde_json::Value::String(s)) => Ok(s),
        Ok(serde_json::Value::Null) => Ok("None".into()),
        Ok(serde_json::Value::Bool(b)) => Ok(if b { "True" } else { "False" }.into()),
        Ok(other) => Ok(other.to_string()),
        Err(_) if raw.starts_with(['-', '0', '1', '2', '3', '4', '5', '6', '7', '8', '9']) => {
            // The line is valid JSON, so this is a number out of a float's range.
            Ok(if raw.starts_with('-') { "-inf" } else { "inf" }.into())
        }
        Err(e) => Err(e.to_string()),
    }
}

/// The fields of an input line the analysis uses. The text borrows from the line unless it has
/// escapes; the other fields are not decoded at all.
pub(super) struct Fields<'a> {
    /// The text, if the text field is a string.
    pub(super) text: Option<Cow<'a, str>>,
    /// Why the text field, a JSON string, could not be decoded.
    pub(super) text_error: Option<String>,
    /// The id field's raw JSON ([`python_str`] reads it).
    pub(super) id: Option<&'a str>,
    pub(super) outlet: Option<Cow<'a, str>>,
    pub(super) url: Option<Cow<'a, str>>,
}

impl<'a> Fields<'a> {
    pub(super) fn parse(line: &'a str, opts: &StreamOptions) -> serde_json::Result<Self> {
        let mut de = serde_json::Deserializer::from_str(line);
        let raw = match (RawFields { opts }).deserialize(&mut de) {
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
        // A JSON string that cannot be decoded (a `\ud800` escape with no pair) is not the same
        // as no text: say why.
        let text_error = raw.text.and_then(|v| {
            let raw = v.get();
            if !raw.starts_with('"') {
                return None;
            }
            serde_json::from_str::<Str<'a>>(raw)
                .err()
                .map(|e| e.to_string())
        });
        Ok(Fields {
            text_error,
            text: string(raw.text),
            id: raw.id.map(|v| v.get()),
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
    opts: &'c StreamOptions,
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
            if key == self.opts.text_col {
                found.text = Some(value);
            }
            if key == self.opts.id_col {
                found.id = Some(value);
            }
            if key == self.opts.outlet_col {
                found.outlet = Some(value);
            }
            if key == self.opts.url_col {
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

/// Why a line gives no document: the message of its error line, and its id when it has one.
pub(super) struct LineError {
    pub(super) doc_id: Option<String>,
    pub(super) message: String,
}

impl LineError {
    fn new(doc_id: Option<String>, message: String) -> Self {
        LineError { doc_id, message }
    }
}

/// A line read as a document; the text borrows from the line unless it has escapes.
pub(super) struct LineDoc<'a> {
    /// The `id_col` value as Python's `str()` shows it, else the line number.
    pub(super) doc_id: String,
    pub(super) text: Cow<'a, str>,
    pub(super) outlet: Option<Cow<'a, str>>,
    pub(super) url: Option<Cow<'a, str>>,
}

/// The line as text: its bytes if they are UTF-8, else replaced (with `replace_errors`) or an
/// error naming the byte offset in the input. `name` is the input's name in messages.
pub(super) fn decode<'a>(
    raw: &'a [u8],
    at: &LineAt,
    opts: &StreamOptions,
    name: &str,
) -> Result<Cow<'a, str>, LineError> {
    let n = at.n;
    match &at.problem {
        Some(Problem::TooLong(len)) => {
            return Err(LineError::new(
                None,
                format!("{name}: line {n} is {len} bytes, too long for one document; skipped"),
            ))
        }
        Some(Problem::Csv(why)) => {
            return Err(LineError::new(None, format!("{name}: line {n}: {why}")))
        }
        None => {}
    }
    match std::str::from_utf8(raw) {
        Ok(s) => Ok(Cow::Borrowed(s)),
        Err(_) if opts.replace_errors => Ok(String::from_utf8_lossy(raw)),
        Err(e) => {
            let at = at.offset + e.valid_up_to();
            Err(LineError::new(
                None,
                format!("{name}: line {n} is not valid UTF-8 at byte {at}"),
            ))
        }
    }
}

/// The document of a decoded line, or why there is none.
pub(super) fn document<'a>(
    line: &'a str,
    at: &LineAt,
    opts: &StreamOptions,
    name: &str,
) -> Result<LineDoc<'a>, LineError> {
    let n = at.n;
    let fields = Fields::parse(line, opts)
        .map_err(|e| LineError::new(None, format!("{name}: line {n} is not valid JSON ({e})")))?;
    let doc_id = match fields.id.map(python_str) {
        None => n.to_string(),
        Some(Ok(id)) => id,
        Some(Err(why)) => {
            let col = &opts.id_col;
            return Err(LineError::new(
                None,
                format!("line {n}: '{col}' is not a valid id ({why})"),
            ));
        }
    };
    if let Some(why) = fields.text_error {
        let col = &opts.text_col;
        return Err(LineError::new(
            Some(doc_id),
            format!("line {n}: '{col}' is not a valid string ({why})"),
        ));
    }
    let Some(text) = fields.text else {
        let col = &opts.text_col;
        return Err(LineError::new(
            Some(doc_id),
            format!("line {n}: no text in '{col}'"),
        ));
    };
    Ok(LineDoc {
        doc_id,
        text,
        outlet: fields.outlet,
        url: fields.url,
    })
}

/// A CSV corpus with a header row: each record becomes a JSON line with its text, id, outlet
/// and url (the columns of those names), so the workers read it like a JSON Lines corpus. The
/// line number of a record is the line it starts on; a record without an id gets that number.
pub(super) struct CsvReader<R: io::Read> {
    records: csv::Reader<LineEndTap<R>>,
    /// The header's number of columns.
    width: usize,
    /// The columns of text, id, outlet and url.
    columns: [Option<usize>; 4],
    /// Their names, the keys of the JSON line a record becomes (those the line's reader looks
    /// for: `--text-col body` reads a record's `body` as its text).
    keys: [String; 4],
    record: csv::ByteRecord,
    max_line: usize,
    replace_errors: bool,
}

impl<R: io::Read> CsvReader<R> {
    /// Reads the header; fails if it cannot be read or has no column `text_col`.
    pub(super) fn new(
        input: R,
        opts: &StreamOptions,
        name: &str,
        max_line: usize,
    ) -> crate::Result<Self> {
        let mut records = csv::ReaderBuilder::new()
            .flexible(true)
            .from_reader(LineEndTap::new(input));
        let header = records
            .byte_headers()
            .map_err(|e| crate::Error::io(csv_io(e), format_args!("cannot read {name}")))?
            .clone();
        let col = |want: &str| header.iter().position(|h| h == want.as_bytes());
        let columns = [
            col(&opts.text_col),
            col(&opts.id_col),
            col(&opts.outlet_col),
            col(&opts.url_col),
        ];
        // An empty input (or one of blank lines) is an empty corpus, as an empty JSON Lines
        // input is: its header is not missing a column, it has none.
        if columns[0].is_none() && !header.is_empty() {
            return Err(crate::Error::config(format!(
                "{name}: the header has no column '{}' (choose one with --text-col)",
                opts.text_col
            )));
        }
        Ok(CsvReader {
            width: header.len(),
            records,
            columns,
            keys: [
                opts.text_col.clone(),
                opts.id_col.clone(),
                opts.outlet_col.clone(),
                opts.url_col.clone(),
            ],
            record: csv::ByteRecord::new(),
            max_line,
            replace_errors: opts.replace_errors,
        })
    }

    /// Appends the record as a JSON line to `buf`, or says why it cannot be read.
    fn json_line(&self, buf: &mut Vec<u8>) -> Result<(), String> {
        // The reader is flexible (a short record, with its last columns left out, is read), but
        // a record with more fields than the header has lost its text to a comma that should
        // have been quoted: its text column would hold only part of the text.
        if self.record.len() > self.width {
            return Err(format!(
                "the record has {} fields and the header {} columns (quote a text that holds \
                 commas)",
                self.record.len(),
                self.width
            ));
        }
        if self.record.as_slice().len() > self.max_line {
            return Err(format!(
                "the record is {} bytes, too long for one document; skipped",
                self.record.as_slice().len()
            ));
        }
        buf.push(b'{');
        let mut first = true;
        for (key, col) in self.keys.iter().zip(self.columns) {
            let Some(field) = col.and_then(|c| self.record.get(c)) else {
                continue;
            };
            let value = match std::str::from_utf8(field) {
                Ok(s) => Cow::Borrowed(s),
                Err(_) if self.replace_errors => String::from_utf8_lossy(field),
                Err(e) => {
                    return Err(format!(
                        "column '{key}' is not valid UTF-8 at byte {} of the field",
                        e.valid_up_to()
                    ))
                }
            };
            if !first {
                buf.push(b',');
            }
            first = false;
            // Writing strings into a Vec cannot fail.
            let _ = serde_json::to_writer(&mut *buf, key);
            buf.push(b':');
            let _ = serde_json::to_writer(&mut *buf, value.as_ref());
        }
        buf.extend_from_slice(b"}\n");
        Ok(())
    }
}

/// The reader under a CSV reader, which notes where the line-end bytes are so that a record's
/// line can be told.
///
/// The csv crate (1.4) gives a record the position where it began to read it, before the line
/// ends it skips: the `\n` of a CR LF, whose `\r` ended the record before (rust-csv issue 395,
/// open), and blank lines. As it counts lines at `\n`, a record after a CR LF or a blank line
/// was put one line early (or more). Windows and spreadsheet exports end lines with CR LF, and a
/// record's line is its error's address and, for a record without an id, its id.
///
/// It also follows the quoting, as the csv crate reads it, to find the two shapes a stray quote
/// leaves, which the crate reads without an error: a quoted field still open at the end of the
/// input (the rest of the file became one field), and a closing quote followed by more of the
/// field (`"a stray" quote`), the usual sign that a quote opened a field by mistake and the
/// records after it, up to the next quote, became part of that field.
pub(super) struct LineEndTap<R> {
    inner: R,
    /// Bytes read so far.
    read: u64,
    /// The offsets of the `\r` and `\n` bytes read and not yet passed by a record, in order,
    /// each with whether it is a `\n`.
    ends: VecDeque<(u64, bool)>,
    /// Where the quoting is, after the bytes read so far.
    quoting: Quoting,
    /// The offsets of closing quotes that more of their field followed, not yet passed by a
    /// record.
    strays: VecDeque<u64>,
    /// The reader under it has ended.
    eof: bool,
}

/// The state of the quoting of a CSV text (comma-separated, `"` quotes, doubled quotes
/// inside quotes; a record ends at `\r` or `\n`), as the csv crate's reader follows it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Quoting {
    /// At the start of a field.
    FieldStart,
    /// In a field that did not start with a quote.
    Unquoted,
    /// In a quoted field.
    Quoted,
    /// At a quote in a quoted field: the field's end, or the first of a doubled quote.
    QuoteInQuoted,
}

impl<R> LineEndTap<R> {
    fn new(inner: R) -> Self {
        LineEndTap {
            inner,
            read: 0,
            ends: VecDeque::new(),
            quoting: Quoting::FieldStart,
            strays: VecDeque::new(),
            eof: false,
        }
    }

    /// Follows the quoting over `bytes`, which start at offset `at` of the input, and notes
    /// their line ends (in the same pass over them).
    fn follow(&mut self, bytes: &[u8], at: u64) {
        let mut state = self.quoting;
        for (i, &b) in bytes.iter().enumerate() {
            if b == b'\r' || b == b'\n' {
                self.ends.push_back((at + i as u64, b == b'\n'));
            }
            state = match (state, b) {
                (Quoting::Quoted, b'"') => Quoting::QuoteInQuoted,
                (Quoting::Quoted, _) => Quoting::Quoted,
                (Quoting::QuoteInQuoted, b'"') => Quoting::Quoted,
                (_, b',' | b'\r' | b'\n') => Quoting::FieldStart,
                (Quoting::FieldStart, b'"') => Quoting::Quoted,
                // A UTF-8 byte order mark before the first field is not part of it (the csv
                // crate drops it).
                (Quoting::FieldStart, 0xEF | 0xBB | 0xBF) if at + (i as u64) < 3 => {
                    Quoting::FieldStart
                }
                (Quoting::QuoteInQuoted, _) => {
                    self.strays.push_back(at + i as u64 - 1);
                    Quoting::Unquoted
                }
                _ => Quoting::Unquoted,
            };
        }
        self.quoting = state;
    }

    /// Whether a closing quote of the record that starts at byte `start` and ends before byte
    /// `end` was followed by more of its field (forgetting those before `end`).
    fn stray_in(&mut self, start: u64, end: u64) -> bool {
        let mut found = false;
        while let Some(&at) = self.strays.front() {
            if at >= end {
                break;
            }
            found |= at >= start;
            self.strays.pop_front();
        }
        found
    }

    /// Whether the input ended inside a quoted field.
    fn open_at_end(&self) -> bool {
        self.quoting == Quoting::Quoted
    }

    /// The line and byte offset where a record the csv crate puts at `at` starts: past the
    /// line-end bytes there, one line on for each `\n` among them (records come in order).
    fn place(&mut self, at: Option<&csv::Position>) -> (usize, usize) {
        let Some(at) = at else {
            return (0, 0);
        };
        let (mut line, mut byte) = (at.line(), at.byte());
        while let Some(&(offset, feed)) = self.ends.front() {
            if offset > byte {
                break;
            }
            if offset == byte {
                line += u64::from(feed);
                byte += 1;
            }
            self.ends.pop_front();
        }
        (line as usize, byte as usize)
    }
}

impl<R: io::Read> io::Read for LineEndTap<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.follow(&buf[..n], self.read);
        self.read += n as u64;
        self.eof |= n == 0 && !buf.is_empty();
        Ok(n)
    }
}

/// The `io::Error` behind a CSV error, or the CSV error itself as one.
fn csv_io(e: csv::Error) -> io::Error {
    match e.into_kind() {
        csv::ErrorKind::Io(e) => e,
        other => io::Error::new(io::ErrorKind::InvalidData, format!("{other:?}")),
    }
}

impl<R: io::Read + Send> Source for CsvReader<R> {
    fn chunk(&mut self, max_lines: usize, max_bytes: usize) -> io::Result<Option<Chunk>> {
        let mut buf = Vec::with_capacity(max_bytes.min(1 << 24));
        let mut lines = Vec::new();
        while lines.len() < max_lines && buf.len() < max_bytes && self.width > 0 {
            match self.records.read_byte_record(&mut self.record) {
                Ok(false) => break,
                Ok(true) => {
                    let (n, offset) = self.records.get_mut().place(self.record.position());
                    let start = buf.len();
                    let end = self.records.position().byte();
                    let tap = self.records.get_mut();
                    let quoting = if tap.stray_in(offset as u64, end) {
                        Some(
                            "a quoted field's closing quote is followed by more of the field: a \
                             stray quote? The lines after it, up to the next quote, are part of \
                             this field and are not read as records (quote the whole field and \
                             double each quote inside it)",
                        )
                    } else if tap.eof && tap.open_at_end() {
                        Some(
                            "a quoted field is never closed: a stray quote? The rest of the \
                             input is part of this field and is not read as records (quote the \
                             whole field and double each quote inside it)",
                        )
                    } else {
                        None
                    };
                    let problem = match quoting {
                        Some(why) => Some(Problem::Csv(why.to_string())),
                        None => self.json_line(&mut buf).err().map(|why| {
                            buf.truncate(start);
                            Problem::Csv(why)
                        }),
                    };
                    lines.push(LineAt {
                        n,
                        offset,
                        range: start..buf.len(),
                        problem,
                    });
                }
                Err(e) => {
                    let (n, offset) = self.records.get_mut().place(e.position());
                    match e.into_kind() {
                        csv::ErrorKind::Io(e) => return Err(e),
                        other => lines.push(LineAt {
                            n,
                            offset,
                            range: buf.len()..buf.len(),
                            problem: Some(Problem::Csv(format!(
                                "not a valid CSV record ({other:?})"
                            ))),
                        }),
                    }
                }
            }
        }
        Ok((!lines.is_empty()).then_some(Chunk { buf, lines }))
    }

    fn bytes_read(&self) -> u64 {
        self.records.position().byte()
    }
}

#[cfg(test)]
mod tests {
    use std::io::Read;

    use super::*;

    /// Reads all of `input` through a tap, a few bytes at a time (so the quoting is followed
    /// across reads), and returns the stray quotes' offsets and whether a field was open at
    /// the end.
    fn quoting(input: &[u8]) -> (Vec<u64>, bool) {
        let mut tap = LineEndTap::new(input);
        let mut buf = [0u8; 3];
        while tap.read(&mut buf).unwrap() > 0 {}
        assert!(tap.eof);
        (tap.strays.iter().copied().collect(), tap.open_at_end())
    }

    #[test]
    fn the_tap_follows_the_quoting_as_the_csv_crate_does() {
        // Well formed: doubled quotes, a comma and line ends inside quotes, a quote inside an
        // unquoted field, a byte order mark before a quoted first field, CR LF line ends.
        let fine: [&[u8]; 5] = [
            b"id,text\n1,\"a \"\"b\"\", c\nd\"\n2,x\n",
            b"id,text\n1,5\" screen\n",
            b"\xef\xbb\xbf\"text\"\r\n\"a\"\r\n",
            b"text\n\"\"\n",
            b"text\n\"no end line\"",
        ];
        for input in fine {
            assert_eq!(quoting(input), (vec![], false), "{input:?}");
        }
        // A quote closed and followed by more of its field; a quote never closed.
        assert_eq!(quoting(b"text\n\"a\nb,\"c\"\n"), (vec![10], false));
        assert_eq!(quoting(b"text\n\"a\nb\n"), (vec![], true));
    }
}
