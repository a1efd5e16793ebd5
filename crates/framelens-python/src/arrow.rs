//! Result tables built in Rust with arrow-rs and handed to pyarrow (or any Arrow consumer)
//! through the Arrow PyCapsule interface, without a copy and without a Python object per row.
//! The columns are those of `framelens.tables.DTYPES` / `SCHEMAS`; a Python test holds the two
//! to each other field for field. Offsets are the code-point offsets of the Python results.
//!
//! A text column of one record batch holds at most 2 GiB (`Utf8` has 32-bit offsets), so a
//! table whose text outgrows that is several record batches of the same schema (see
//! [`build`]); pyarrow reads them as one `Table` with chunked columns.

use std::cell::Cell;
use std::sync::Arc;

use arrow_array::builder::{BooleanBuilder, Float64Builder, Int64Builder, StringBuilder};
use arrow_array::ffi::{FFI_ArrowArray, FFI_ArrowSchema};
use arrow_array::ffi_stream::FFI_ArrowArrayStream;
use arrow_array::{Array, ArrayRef, RecordBatch, RecordBatchIterator, StructArray};
use arrow_schema::{ArrowError, DataType, Field, Schema, SchemaRef};
use pyo3::prelude::*;
use pyo3::types::{PyCapsule, PyTuple};

use framelens::analysis::Analysis;
use framelens::registry::{OutletKind, Ownership};
use framelens::{Category, Error};

use framelens::offsets::to_code_points;
use pyo3::types::PyString;

use crate::analyzer::{pool_for, to_item, PyAnalyzer};
use crate::errors::{opt_count, IntoPy};
use crate::interrupt::cancellable;

/// A table level: one row per document, marker, sentence or attribution.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Level {
    Documents,
    Markers,
    Sentences,
    Attributions,
}

impl Level {
    pub(crate) fn parse(name: &str) -> PyResult<Level> {
        Ok(match name {
            "documents" => Level::Documents,
            "markers" => Level::Markers,
            "sentences" => Level::Sentences,
            "attributions" => Level::Attributions,
            other => {
                return Err(Error::config(format!(
                    "level must be one of documents, markers, sentences, attributions, not \
                     {other:?}"
                )))
                .py()
            }
        })
    }
}

/// The frame sets with a primary frame per document and per sentence, in column order.
const FRAME_SETS: [(Category, &str); 2] = [
    (Category::Frame, "frame"),
    (Category::GenericFrame, "generic_frame"),
];

fn text(name: &str) -> Field {
    Field::new(name, DataType::Utf8, true)
}
fn int(name: &str) -> Field {
    Field::new(name, DataType::Int64, false)
}
fn nullable_int(name: &str) -> Field {
    Field::new(name, DataType::Int64, true)
}
fn float(name: &str) -> Field {
    Field::new(name, DataType::Float64, false)
}
/// A rate or share whose denominator can be zero: null there (undefined, not 0).
fn rate(name: &str) -> Field {
    Field::new(name, DataType::Float64, true)
}
fn boolean(name: &str) -> Field {
    Field::new(name, DataType::Boolean, false)
}

/// The schema of a level: the columns of `framelens.tables.DTYPES[level]`, in order.
pub(crate) fn schema(level: Level) -> Schema {
    let fields = match level {
        Level::Documents => {
            let mut f = vec![
                text("doc_id"),
                text("outlet"),
                text("url"),
                int("words"),
                int("sentences"),
                int("quoted_words"),
                int("markers"),
            ];
            for c in Category::ALL {
                let c = c.as_str();
                f.push(int(&format!("{c}_count")));
                f.push(rate(&format!("{c}_per_1k")));
                f.push(rate(&format!("{c}_author_per_1k")));
                f.push(rate(&format!("{c}_quoted_per_1k")));
            }
            f.extend([
                int("attributions"),
                rate("attributed_sentence_share"),
                rate("anonymous_share"),
                text("outlet_id"),
                text("outlet_country"),
                text("outlet_ownership"),
                text("outlet_kind"),
                text("outlet_source"),
                text("dateline_place"),
                boolean("state_affiliated"),
                boolean("wire_based"),
                boolean("syndicated"),
            ]);
            for (_, name) in FRAME_SETS {
                f.push(text(&format!("{name}_primary")));
            }
            f
        }
        Level::Markers => vec![
            text("doc_id"),
            int("start"),
            int("end"),
            text("text"),
            text("category"),
            text("subcategory"),
            text("entry"),
            float("weight"),
            text("voice"),
            text("speaker"),
            boolean("negated"),
        ],
        Level::Sentences => {
            let mut f = vec![text("doc_id"), int("sentence"), int("start"), int("end")];
            for (_, name) in FRAME_SETS {
                f.push(text(name));
                f.push(float(&format!("{name}_score")));
                f.push(rate(&format!("{name}_share")));
            }
            f
        }
        Level::Attributions => vec![
            text("doc_id"),
            text("kind"),
            text("cue"),
            int("cue_start"),
            int("cue_end"),
            text("entry"),
            text("speaker"),
            text("speaker_type"),
            text("verb_stance"),
            text("content"),
            nullable_int("content_start"),
            nullable_int("content_end"),
            text("speaker_name"),
            boolean("continued"),
            text("cue_kind"),
            nullable_int("parent"),
        ],
    };
    Schema::new(fields)
}

fn ownership(o: Ownership) -> &'static str {
    match o {
        Ownership::State => "state",
        Ownership::Public => "public",
        Ownership::Private => "private",
        Ownership::Unknown => "unknown",
    }
}

fn outlet_kind(k: OutletKind) -> &'static str {
    match k {
        OutletKind::Agency => "agency",
        OutletKind::Newspaper => "newspaper",
        OutletKind::Broadcaster => "broadcaster",
        OutletKind::Online => "online",
        OutletKind::Unknown => "unknown",
    }
}

/// An offset or count as an Arrow int64 (a text is far shorter than `i64::MAX`).
fn i64_of(n: usize) -> i64 {
    i64::try_from(n).unwrap_or(i64::MAX)
}

/// The most bytes the values of one `Utf8` column can hold: its offsets are `i32`.
pub(crate) const UTF8_MAX_BYTES: usize = i32::MAX as usize;

/// How full the text columns of the record batch being built are. A batch ends after the
/// document that takes one of them to half of `max_bytes` or more, so that the next document
/// has the other half: only a document whose rows alone put more than that into one column
/// is refused (an error, where arrow's builder would panic on its offset overflow).
struct Fill {
    /// The most bytes one text column of a batch may hold ([`UTF8_MAX_BYTES`]; lower in tests).
    max_bytes: usize,
    /// The bytes of the fullest text column so far.
    fullest: Cell<usize>,
    /// A value was refused: it would have taken its column past `max_bytes`.
    refused: Cell<bool>,
}

impl Fill {
    fn new(max_bytes: usize) -> Self {
        Fill {
            max_bytes: max_bytes.min(UTF8_MAX_BYTES),
            fullest: Cell::new(0),
            refused: Cell::new(false),
        }
    }

    /// Whether the batch takes no further document.
    fn full(&self) -> bool {
        self.refused.get() || self.fullest.get() >= (self.max_bytes / 2).max(1)
    }

    /// A text column builder for `rows` values of about `bytes` bytes in all.
    fn strings(&self, rows: usize, bytes: usize) -> Strings<'_> {
        Strings {
            builder: StringBuilder::with_capacity(rows, bytes.min(self.max_bytes)),
            fill: self,
        }
    }
}

/// A text column builder that keeps its batch's [`Fill`] up to date and refuses a value that
/// would take the column past its `max_bytes`.
struct Strings<'f> {
    builder: StringBuilder,
    fill: &'f Fill,
}

impl Strings<'_> {
    fn append_value(&mut self, value: &str) {
        let bytes = self.builder.values_slice().len() + value.len();
        if bytes > self.fill.max_bytes {
            // The batch is an error now; a null keeps the columns the same length.
            self.fill.refused.set(true);
            self.builder.append_null();
            return;
        }
        self.builder.append_value(value);
        if bytes > self.fill.fullest.get() {
            self.fill.fullest.set(bytes);
        }
    }

    fn append_option(&mut self, value: Option<&str>) {
        match value {
            Some(v) => self.append_value(v),
            None => self.builder.append_null(),
        }
    }
}

fn finish_strings(b: &mut Strings<'_>) -> ArrayRef {
    Arc::new(b.builder.finish())
}
fn finish_ints(b: &mut Int64Builder) -> ArrayRef {
    Arc::new(b.finish())
}
fn finish_floats(b: &mut Float64Builder) -> ArrayRef {
    Arc::new(b.finish())
}
fn finish_bools(b: &mut BooleanBuilder) -> ArrayRef {
    Arc::new(b.finish())
}

fn doc_ids_bytes(analyses: &[&Analysis], rows: impl Fn(&Analysis) -> usize) -> usize {
    analyses
        .iter()
        .map(|a| a.doc_id.as_deref().map_or(0, str::len) * rows(a))
        .sum()
}

fn documents(analyses: &[&Analysis], fill: &Fill) -> (Vec<ArrayRef>, usize) {
    let n = analyses.len();
    let ids_bytes = doc_ids_bytes(analyses, |_| 1);
    let mut doc_id = fill.strings(n, ids_bytes);
    let mut outlet = fill.strings(n, 8 * n);
    let mut url = fill.strings(n, 32 * n);
    let [mut words, mut sentences, mut quoted_words, mut markers, mut attributions] =
        std::array::from_fn(|_| Int64Builder::with_capacity(n));
    let cats = Category::ALL.len();
    let mut counts: Vec<Int64Builder> = (0..cats).map(|_| Int64Builder::with_capacity(n)).collect();
    let mut rates: Vec<[Float64Builder; 3]> = (0..cats)
        .map(|_| std::array::from_fn(|_| Float64Builder::with_capacity(n)))
        .collect();
    let [mut sentence_share, mut anonymous_share] =
        std::array::from_fn(|_| Float64Builder::with_capacity(n));
    let [mut outlet_id, mut outlet_country, mut outlet_ownership, mut outlet_kind_b, mut outlet_source, mut place] =
        std::array::from_fn(|_| fill.strings(n, 8 * n));
    let [mut state_affiliated, mut wire_based, mut syndicated] =
        std::array::from_fn(|_| BooleanBuilder::with_capacity(n));
    let mut primaries: [Strings<'_>; 2] = std::array::from_fn(|_| fill.strings(n, 8 * n));
    let mut taken = 0;
    for a in analyses {
        if fill.full() {
            break;
        }
        taken += 1;
        let p = &a.profile;
        doc_id.append_option(a.doc_id.as_deref());
        outlet.append_option(a.outlet.as_deref());
        url.append_option(a.url.as_deref());
        words.append_value(i64::from(p.words));
        sentences.append_value(i64::from(p.sentences));
        quoted_words.append_value(i64::from(p.quoted_words));
        markers.append_value(i64_of(a.markers.len()));
        let r = p.rates();
        for (k, c) in Category::ALL.iter().enumerate() {
            let count = p.counts.get(c).map_or(0, |v| v.all);
            counts[k].append_value(i64::from(count));
            // None (null) where the rate has no words to be per, as the profile gives it.
            let rate = r.get(c).copied().unwrap_or_default();
            rates[k][0].append_option(rate.all);
            rates[k][1].append_option(rate.author);
            rates[k][2].append_option(rate.quoted);
        }
        let att = &p.attribution;
        attributions.append_value(i64::from(att.total));
        sentence_share.append_option(att.sentence_share);
        anonymous_share.append_option(att.anonymous_share);
        let prov = &a.provenance;
        let o = prov.outlet.as_deref();
        outlet_id.append_option(o.map(|o| o.id.as_str()));
        outlet_country.append_option(o.map(|o| o.country.as_str()));
        outlet_ownership.append_option(o.map(|o| ownership(o.ownership)));
        outlet_kind_b.append_option(o.map(|o| outlet_kind(o.kind)));
        outlet_source.append_option(prov.outlet_source.map(|s| s.as_str()));
        place.append_option(prov.dateline.as_ref().map(|d| d.place.text.as_str()));
        state_affiliated.append_value(p.state_affiliated);
        wire_based.append_value(p.wire_based);
        syndicated.append_value(p.syndicated);
        for (k, (set, _)) in FRAME_SETS.iter().enumerate() {
            let primary = a.frame_primary(*set);
            primaries[k].append_option(primary.as_ref().map(|u| u.as_str()));
        }
    }
    let mut cols = vec![
        finish_strings(&mut doc_id),
        finish_strings(&mut outlet),
        finish_strings(&mut url),
        finish_ints(&mut words),
        finish_ints(&mut sentences),
        finish_ints(&mut quoted_words),
        finish_ints(&mut markers),
    ];
    for (c, r) in counts.iter_mut().zip(rates.iter_mut()) {
        cols.push(finish_ints(c));
        for b in r.iter_mut() {
            cols.push(finish_floats(b));
        }
    }
    cols.extend([
        finish_ints(&mut attributions),
        finish_floats(&mut sentence_share),
        finish_floats(&mut anonymous_share),
        finish_strings(&mut outlet_id),
        finish_strings(&mut outlet_country),
        finish_strings(&mut outlet_ownership),
        finish_strings(&mut outlet_kind_b),
        finish_strings(&mut outlet_source),
        finish_strings(&mut place),
        finish_bools(&mut state_affiliated),
        finish_bools(&mut wire_based),
        finish_bools(&mut syndicated),
    ]);
    cols.extend(primaries.iter_mut().map(finish_strings));
    (cols, taken)
}

fn markers(analyses: &[&Analysis], fill: &Fill) -> (Vec<ArrayRef>, usize) {
    let n: usize = analyses.iter().map(|a| a.markers.len()).sum();
    let text_bytes: usize = analyses
        .iter()
        .flat_map(|a| &a.markers)
        .map(|m| m.text.len())
        .sum();
    let mut doc_id = fill.strings(n, doc_ids_bytes(analyses, |a| a.markers.len()));
    let [mut start, mut end] = std::array::from_fn(|_| Int64Builder::with_capacity(n));
    let mut text_b = fill.strings(n, text_bytes);
    let mut category = fill.strings(n, 8 * n);
    let mut subcategory = fill.strings(n, 8 * n);
    let mut entry = fill.strings(n, text_bytes + 8 * n);
    let mut weight = Float64Builder::with_capacity(n);
    let mut voice = fill.strings(n, 7 * n);
    let mut speaker = fill.strings(n, 0);
    let mut negated = BooleanBuilder::with_capacity(n);
    let mut taken = 0;
    for a in analyses {
        if fill.full() {
            break;
        }
        taken += 1;
        let id = a.doc_id.as_deref();
        for m in &a.markers {
            doc_id.append_option(id);
            start.append_value(i64_of(m.start));
            end.append_value(i64_of(m.end));
            text_b.append_value(m.text.as_str());
            category.append_value(m.category.as_str());
            subcategory.append_option(m.subcategory.as_ref().map(|s| s.as_str()));
            entry.append_value(m.entry.as_str());
            weight.append_value(framelens::analysis::weight_f64(m.weight));
            voice.append_value(m.voice.as_str());
            speaker.append_option(m.speaker.as_deref());
            negated.append_value(m.negated);
        }
    }
    let cols = vec![
        finish_strings(&mut doc_id),
        finish_ints(&mut start),
        finish_ints(&mut end),
        finish_strings(&mut text_b),
        finish_strings(&mut category),
        finish_strings(&mut subcategory),
        finish_strings(&mut entry),
        finish_floats(&mut weight),
        finish_strings(&mut voice),
        finish_strings(&mut speaker),
        finish_bools(&mut negated),
    ];
    (cols, taken)
}

fn sentences(analyses: &[&Analysis], fill: &Fill) -> (Vec<ArrayRef>, usize) {
    let n: usize = analyses.iter().map(|a| a.profile.sentences as usize).sum();
    let mut doc_id = fill.strings(n, doc_ids_bytes(analyses, |a| a.profile.sentences as usize));
    let [mut sentence, mut start, mut end] =
        std::array::from_fn(|_| Int64Builder::with_capacity(n));
    let mut frame: [Strings<'_>; 2] = std::array::from_fn(|_| fill.strings(n, 4 * n));
    let mut score: [Float64Builder; 2] = std::array::from_fn(|_| Float64Builder::with_capacity(n));
    let mut share: [Float64Builder; 2] = std::array::from_fn(|_| Float64Builder::with_capacity(n));
    let mut taken = 0;
    for a in analyses {
        if fill.full() {
            break;
        }
        taken += 1;
        let id = a.doc_id.as_deref();
        let per_set = FRAME_SETS.map(|(set, _)| a.sentence_frames(set, None));
        // As the Python rows: one row per sentence of the policy frame set.
        for (k, s) in per_set[0].iter().enumerate() {
            doc_id.append_option(id);
            sentence.append_value(i64_of(k));
            start.append_value(i64_of(s.start));
            end.append_value(i64_of(s.end));
            for (j, frames) in per_set.iter().enumerate() {
                let f = &frames[k];
                frame[j].append_option(f.frame.as_ref().map(|u| u.as_str()));
                score[j].append_value(f.score);
                share[j].append_option(f.share);
            }
        }
    }
    let mut cols = vec![
        finish_strings(&mut doc_id),
        finish_ints(&mut sentence),
        finish_ints(&mut start),
        finish_ints(&mut end),
    ];
    for j in 0..FRAME_SETS.len() {
        cols.push(finish_strings(&mut frame[j]));
        cols.push(finish_floats(&mut score[j]));
        cols.push(finish_floats(&mut share[j]));
    }
    (cols, taken)
}

fn attributions(analyses: &[&Analysis], fill: &Fill) -> (Vec<ArrayRef>, usize) {
    let n: usize = analyses.iter().map(|a| a.attributions.len()).sum();
    let content_bytes: usize = analyses
        .iter()
        .flat_map(|a| &a.attributions)
        .map(|x| x.content.as_ref().map_or(0, |c| c.text.len()))
        .sum();
    let mut doc_id = fill.strings(n, doc_ids_bytes(analyses, |a| a.attributions.len()));
    let [mut kind, mut cue, mut entry, mut speaker, mut speaker_type, mut verb_stance, mut speaker_name] =
        std::array::from_fn(|_| fill.strings(n, 12 * n));
    let mut content = fill.strings(n, content_bytes);
    let [mut cue_start, mut cue_end, mut content_start, mut content_end] =
        std::array::from_fn(|_| Int64Builder::with_capacity(n));
    let mut continued = BooleanBuilder::with_capacity(n);
    let mut cue_kind = fill.strings(n, 8 * n);
    let mut parent = Int64Builder::with_capacity(n);
    let mut taken = 0;
    for a in analyses {
        if fill.full() {
            break;
        }
        taken += 1;
        let id = a.doc_id.as_deref();
        for x in &a.attributions {
            doc_id.append_option(id);
            kind.append_value(x.kind.as_str());
            cue.append_value(x.cue.text.as_str());
            cue_start.append_value(i64_of(x.cue.start));
            cue_end.append_value(i64_of(x.cue.end));
            entry.append_value(x.entry.as_str());
            speaker.append_option(x.speaker.as_ref().map(|s| s.text.as_str()));
            speaker_type.append_option(x.speaker_type.map(|t| t.as_str()));
            verb_stance.append_value(x.verb_stance.as_str());
            content.append_option(x.content.as_ref().map(|c| c.text.as_str()));
            content_start.append_option(x.content.as_ref().map(|c| i64_of(c.start)));
            content_end.append_option(x.content.as_ref().map(|c| i64_of(c.end)));
            speaker_name.append_option(x.speaker_name.as_deref());
            continued.append_value(x.continued);
            cue_kind.append_value(x.cue_kind.as_str());
            parent.append_option(x.parent.map(i64_of));
        }
    }
    let cols = vec![
        finish_strings(&mut doc_id),
        finish_strings(&mut kind),
        finish_strings(&mut cue),
        finish_ints(&mut cue_start),
        finish_ints(&mut cue_end),
        finish_strings(&mut entry),
        finish_strings(&mut speaker),
        finish_strings(&mut speaker_type),
        finish_strings(&mut verb_stance),
        finish_strings(&mut content),
        finish_ints(&mut content_start),
        finish_ints(&mut content_end),
        finish_strings(&mut speaker_name),
        finish_bools(&mut continued),
        finish_strings(&mut cue_kind),
        finish_ints(&mut parent),
    ];
    (cols, taken)
}

/// The number of rows one analysis gives at `level`.
fn rows_of(level: Level, a: &Analysis) -> usize {
    match level {
        Level::Documents => 1,
        Level::Markers => a.markers.len(),
        Level::Sentences => a.sentences.len(),
        Level::Attributions => a.attributions.len(),
    }
}

/// The name of the column [`build`] adds with `doc_index`: each row's document, by position.
pub(crate) const DOC_INDEX: &str = "__document";

/// The table of `analyses` (code-point offsets) at `level`, as record batches of one schema;
/// with `doc_index`, a last int64 column [`DOC_INDEX`] gives each row's position in
/// `analyses`.
///
/// One batch holds the whole table unless a text column outgrows what one batch can hold
/// (`max_bytes`, [`UTF8_MAX_BYTES`] but in tests): then a batch ends after the document that
/// takes a text column of it to half of `max_bytes`, and the next batch goes on from the next
/// document, so a document's rows are never split. A document whose rows would take a column
/// past `max_bytes` is an error. There is always at least one batch.
pub(crate) fn build(
    level: Level,
    analyses: &[&Analysis],
    doc_index: bool,
    max_bytes: usize,
) -> Result<Vec<RecordBatch>, ArrowError> {
    let mut fields: Vec<Field> = schema(level)
        .fields()
        .iter()
        .map(|f| f.as_ref().clone())
        .collect();
    if doc_index {
        fields.push(int(DOC_INDEX));
    }
    let schema = SchemaRef::new(Schema::new(fields));
    let mut batches = Vec::new();
    let mut start = 0;
    // The documents a batch is built for (its builders reserve room for them): all of them at
    // first; after a batch that filled up, twice as many as it took, so that later batches do
    // not each reserve room for every document left.
    let mut window = analyses.len();
    loop {
        let end = start + window.min(analyses.len() - start);
        let part = &analyses[start..end];
        let fill = Fill::new(max_bytes);
        let (mut columns, taken) = match level {
            Level::Documents => documents(part, &fill),
            Level::Markers => markers(part, &fill),
            Level::Sentences => sentences(part, &fill),
            Level::Attributions => attributions(part, &fill),
        };
        if fill.refused.get() {
            return Err(ArrowError::InvalidArgumentError(format!(
                "document {}: its rows hold more text in one column than a record batch can \
                 ({} bytes)",
                start + taken.saturating_sub(1),
                fill.max_bytes
            )));
        }
        if doc_index {
            let taken_part = &part[..taken];
            let n = taken_part.iter().map(|a| rows_of(level, a)).sum();
            let mut index = Int64Builder::with_capacity(n);
            for (i, a) in taken_part.iter().enumerate() {
                index.append_value_n(i64_of(start + i), rows_of(level, a));
            }
            columns.push(finish_ints(&mut index));
        }
        batches.push(RecordBatch::try_new(Arc::clone(&schema), columns)?);
        start += taken;
        if start >= analyses.len() {
            break;
        }
        if taken == 0 {
            // Not reached: an empty batch takes its first document whatever its size.
            return Err(ArrowError::ComputeError(format!(
                "document {start}: no record batch took it"
            )));
        }
        window = if taken == part.len() {
            // The window ran out before the batch filled: the next may take more.
            window.saturating_mul(2)
        } else {
            taken.saturating_mul(2)
        };
    }
    Ok(batches)
}

fn arrow_error(e: ArrowError) -> PyErr {
    pyo3::exceptions::PyRuntimeError::new_err(format!("building the Arrow table: {e}"))
}

/// A result table for any Arrow consumer: one or more record batches of one schema (more
/// than one only where a text column outgrows the 2 GiB one batch can hold). It offers the
/// Arrow PyCapsule stream interface (`__arrow_c_stream__`: `pyarrow.table(t)` with pyarrow 15
/// or later, polars, DuckDB) for any table, the array interface (`__arrow_c_array__`:
/// `pyarrow.record_batch(t)`) for a table of one batch, and `batches()`. Nothing is copied.
#[pyclass(name = "ArrowTable", module = "framelens._framelens", frozen)]
pub struct PyArrowTable {
    schema: SchemaRef,
    batches: Vec<RecordBatch>,
}

impl PyArrowTable {
    /// The table of `batches`, which [`build`] makes: at least one, all of one schema.
    fn new(batches: Vec<RecordBatch>) -> Self {
        let schema = batches
            .first()
            .map_or_else(|| SchemaRef::new(Schema::empty()), RecordBatch::schema);
        PyArrowTable { schema, batches }
    }
}

fn schema_capsule<'py>(py: Python<'py>, dt: &DataType) -> PyResult<Bound<'py, PyCapsule>> {
    let ffi = FFI_ArrowSchema::try_from(dt).map_err(arrow_error)?;
    PyCapsule::new_with_value(py, ffi, c"arrow_schema")
}

#[pymethods]
impl PyArrowTable {
    /// The number of rows.
    fn __len__(&self) -> usize {
        self.batches.iter().map(RecordBatch::num_rows).sum()
    }
    /// The Arrow PyCapsule interface: the schema, as a struct type.
    fn __arrow_c_schema__<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyCapsule>> {
        let dt = DataType::Struct(self.schema.fields().clone());
        schema_capsule(py, &dt)
    }
    /// The Arrow PyCapsule interface: the batch as a struct array (schema and array capsules),
    /// for a table of one batch; a table of several is a ValueError here (read it through
    /// `__arrow_c_stream__` or `batches()`). A requested schema is not honoured: the table has
    /// one schema.
    #[pyo3(signature = (requested_schema=None))]
    fn __arrow_c_array__<'py>(
        &self,
        py: Python<'py>,
        requested_schema: Option<Bound<'py, PyAny>>,
    ) -> PyResult<Bound<'py, PyTuple>> {
        let _ = requested_schema;
        let [batch] = self.batches.as_slice() else {
            return Err(pyo3::exceptions::PyValueError::new_err(format!(
                "this table is {} record batches (a text column holds more than one batch \
                 can): read it through __arrow_c_stream__ (pyarrow.table) or batches()",
                self.batches.len()
            )));
        };
        let data = StructArray::from(batch.clone()).into_data();
        let schema = schema_capsule(py, data.data_type())?;
        let array = PyCapsule::new_with_value(py, FFI_ArrowArray::new(&data), c"arrow_array")?;
        PyTuple::new(py, [schema.into_any(), array.into_any()])
    }
    /// The Arrow PyCapsule stream interface: every batch, in order. A requested schema is not
    /// honoured: the table has one schema.
    #[pyo3(signature = (requested_schema=None))]
    fn __arrow_c_stream__<'py>(
        &self,
        py: Python<'py>,
        requested_schema: Option<Bound<'py, PyAny>>,
    ) -> PyResult<Bound<'py, PyCapsule>> {
        let _ = requested_schema;
        let reader = RecordBatchIterator::new(
            self.batches.clone().into_iter().map(Ok),
            Arc::clone(&self.schema),
        );
        let stream = FFI_ArrowArrayStream::new(Box::new(reader));
        PyCapsule::new_with_value(py, stream, c"arrow_array_stream")
    }
    /// The record batches, each a table of one batch (`pyarrow.record_batch` takes each).
    fn batches(&self) -> Vec<PyArrowTable> {
        self.batches
            .iter()
            .map(|b| PyArrowTable::new(vec![b.clone()]))
            .collect()
    }
    fn __repr__(&self) -> String {
        format!(
            "ArrowTable(rows={}, columns={}, batches={})",
            self.__len__(),
            self.schema.fields().len(),
            self.batches.len()
        )
    }
}

/// A level's schema for any Arrow consumer: `pyarrow.schema(s)` reads it through
/// `__arrow_c_schema__`.
#[pyclass(name = "ArrowSchema", module = "framelens._framelens", frozen)]
pub struct PyArrowSchema {
    schema: Schema,
}

#[pymethods]
impl PyArrowSchema {
    fn __arrow_c_schema__<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyCapsule>> {
        let ffi = FFI_ArrowSchema::try_from(&self.schema).map_err(arrow_error)?;
        PyCapsule::new_with_value(py, ffi, c"arrow_schema")
    }
}

/// The Arrow schema the native tables of `level` have.
#[pyfunction(name = "arrow_schema")]
pub(crate) fn level_schema(level: &str) -> PyResult<PyArrowSchema> {
    Ok(PyArrowSchema {
        schema: schema(Level::parse(level)?),
    })
}

/// The table of `analyses` (a list of Analysis) at `level`, built without the GIL.
/// `max_column_bytes` lowers the bytes one text column of a record batch may hold (by default
/// and at most 2 GiB less a byte, `Utf8`'s limit), so that tests see a table of several
/// batches without 2 GiB of text.
#[pyfunction]
#[pyo3(signature = (analyses, level, *, max_column_bytes=None))]
pub(crate) fn arrow_table(
    py: Python<'_>,
    analyses: Vec<PyRef<'_, crate::types::PyAnalysis>>,
    level: &str,
    max_column_bytes: Option<usize>,
) -> PyResult<PyArrowTable> {
    let level = Level::parse(level)?;
    let max_bytes = max_column_bytes.unwrap_or(UTF8_MAX_BYTES);
    let states: Vec<_> = analyses.iter().map(|a| Arc::clone(&a.state)).collect();
    drop(analyses);
    let batch = py.detach(|| {
        let refs: Vec<&Analysis> = states.iter().map(|s| &s.analysis).collect();
        build(level, &refs, false, max_bytes)
    });
    batch.map(PyArrowTable::new).map_err(arrow_error)
}

#[pymethods]
impl PyAnalyzer {
    /// Analyses `items` (as `analyze_batch` takes them) and returns their table at `level`,
    /// built in Rust: no Python object is made per result. The first bad document raises.
    /// With `doc_index`, a last int64 column `__document` gives each row's item position.
    #[pyo3(signature = (items, level="documents", threads=None, doc_index=false))]
    fn analyze_arrow(
        &self,
        py: Python<'_>,
        items: &Bound<'_, PyAny>,
        level: &str,
        threads: Option<i64>,
        doc_index: bool,
    ) -> PyResult<PyArrowTable> {
        let level = Level::parse(level)?;
        let threads = opt_count("threads", threads, 1)?;
        if items.is_instance_of::<PyString>() {
            return Err(pyo3::exceptions::PyTypeError::new_err(
                "analyze_arrow takes a list of texts, Documents or dicts, not one str",
            ));
        }
        let pool = pool_for(py, threads)?;
        let mut held = Vec::new();
        for (i, item) in items.try_iter()?.enumerate() {
            held.push(to_item(item?, i).py()?);
        }
        let docs = held
            .iter()
            .enumerate()
            .map(|(i, item)| item.view(i).map(|view| (i, view)))
            .collect::<framelens::Result<Vec<_>>>()
            .py()?;
        // Ctrl-C stops it between documents.
        let analysed = cancellable(py, &pool, |cancel| {
            let analyse = |(i, doc): &(usize, framelens::DocumentRef<'_>)| {
                self.analyzer
                    .analyze_ref(doc)
                    .map(|mut a| {
                        to_code_points(doc.text, &mut a);
                        a
                    })
                    .map_err(|e| e.with_context(format_args!("document {i}")))
            };
            pool.map_cancellable(&docs, analyse, cancel).map(|all| {
                all.into_iter()
                    .collect::<framelens::Result<Vec<Analysis>>>()
            })
        })?;
        let analyses = analysed.py()?;
        let batch = py.detach(|| {
            let refs: Vec<&Analysis> = analyses.iter().collect();
            build(level, &refs, doc_index, UTF8_MAX_BYTES)
        });
        batch.map(PyArrowTable::new).map_err(arrow_error)
    }
}

pub(crate) fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_class::<PyArrowTable>()?;
    m.add_class::<PyArrowSchema>()?;
    m.add_function(wrap_pyfunction!(level_schema, m)?)?;
    m.add_function(wrap_pyfunction!(arrow_table, m)?)?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use arrow_array::StringArray;
    use framelens::{Analyzer, Document};

    const LEVELS: [Level; 4] = [
        Level::Documents,
        Level::Markers,
        Level::Sentences,
        Level::Attributions,
    ];

    fn analyses() -> Vec<Analysis> {
        let analyzer = Analyzer::new().unwrap();
        let texts = [
            "The regime said the plan was reckless. \u{201c}A disgrace,\u{201d} Jane Roe said.",
            "Critics slammed the so-called reform, sources said.",
            "",
            "Talks went on quietly in Eastvale, officials said. The economy suffered.",
            "The thugs baselessly claimed victory, an aide said.",
        ];
        // Each text four times, under ids of its own.
        texts
            .iter()
            .cycle()
            .take(4 * texts.len())
            .enumerate()
            .map(|(i, t)| {
                let doc = Document::new(*t).with_id(format!("harbor-daily-{i}"));
                let mut a = analyzer.analyze(&doc).unwrap();
                to_code_points(t, &mut a);
                a
            })
            .collect()
    }

    /// The bytes of the fullest text column of a batch.
    fn fullest(batch: &RecordBatch) -> usize {
        batch
            .columns()
            .iter()
            .filter_map(|c| c.as_any().downcast_ref::<StringArray>())
            .map(|s| s.value_data().len())
            .max()
            .unwrap_or(0)
    }

    #[test]
    fn a_text_column_past_the_limit_is_several_batches_not_a_panic() {
        let owned = analyses();
        let refs: Vec<&Analysis> = owned.iter().collect();
        for level in LEVELS {
            let whole = build(level, &refs, true, UTF8_MAX_BYTES).unwrap();
            assert_eq!(whole.len(), 1, "{level:?}");
            let whole = &whole[0];
            // A limit twice the most text one document puts in one column: every document
            // fits in the half a batch has left when it closes, and the whole table does not
            // fit in one batch.
            let one = refs
                .iter()
                .map(|a| fullest(&build(level, &[a], false, UTF8_MAX_BYTES).unwrap()[0]))
                .max()
                .unwrap();
            let limit = 2 * one;
            assert!(fullest(whole) > limit, "{level:?}");
            let split = build(level, &refs, true, limit).unwrap();
            assert!(split.len() > 1, "{level:?}: {} batch", split.len());
            let mut offset = 0;
            for batch in &split {
                assert_eq!(batch.schema(), whole.schema(), "{level:?}");
                assert!(
                    fullest(batch) <= limit,
                    "{level:?}: {} bytes",
                    fullest(batch)
                );
                assert_eq!(
                    batch,
                    &whole.slice(offset, batch.num_rows()),
                    "{level:?} at row {offset}"
                );
                offset += batch.num_rows();
            }
            assert_eq!(offset, whole.num_rows(), "{level:?}");
        }
    }

    #[test]
    fn a_document_past_the_limit_alone_is_an_error_not_a_panic() {
        let owned = analyses();
        let refs: Vec<&Analysis> = owned.iter().collect();
        // Fewer bytes than one doc_id ("harbor-daily-0").
        let err = build(Level::Documents, &refs, false, 10).unwrap_err();
        assert!(err.to_string().contains("document 0"), "{err}");
    }

    #[test]
    fn no_analyses_is_one_empty_batch() {
        for level in LEVELS {
            let batches = build(level, &[], false, UTF8_MAX_BYTES).unwrap();
            assert_eq!(batches.len(), 1, "{level:?}");
            assert_eq!(batches[0].num_rows(), 0, "{level:?}");
        }
    }
}
