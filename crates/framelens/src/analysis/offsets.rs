//! Byte offsets and code-point offsets.
//!
//! The core reports spans as byte ranges into the original `&str` (`&text[m.start..m.end]`).
//! Languages that index strings by code point (Python's `str`, JavaScript's UTF-16 aside) need
//! code-point offsets instead: [`to_code_points`] converts a whole [`Analysis`] in place, in
//! one pass over the text, and [`to_bytes`] converts back. [`CodePoints`] and [`ByteOffsets`]
//! convert single offsets.
//!
//! ```
//! use framelens::offsets::{to_bytes, to_code_points};
//!
//! let text = "Ces «experts» baselessly accused the mayor.";
//! let mut analysis = framelens::Analyzer::new()?.analyze_text(text)?;
//! let bytes = analysis.clone();
//! to_code_points(text, &mut analysis);
//! let m = analysis.markers.iter().find(|m| m.text == "baselessly").unwrap();
//! let chars: Vec<char> = text.chars().collect();
//! assert_eq!(chars[m.start..m.end].iter().collect::<String>(), "baselessly");
//! to_bytes(text, &mut analysis);
//! assert_eq!(analysis, bytes);
//! # Ok::<(), framelens::Error>(())
//! ```

use crate::analysis::{Analysis, Attribution, Provenance, Span};

/// Converts byte offsets to code-point offsets: the code-point count at every 8-byte block, then
/// a count of the chars within the block (one masked word).
pub struct CodePoints<'a> {
    bytes: &'a [u8],
    table: Table,
}

enum Table {
    /// ASCII text: byte and code-point offsets are the same.
    Ascii,
    /// Chars before each block, and in the whole text.
    Blocks(Vec<u32>, usize),
    /// A text of 4 GiB or more (counts would not fit the table): count from the start.
    Huge,
}

const CP_BLOCK: usize = 8;

/// The number of UTF-8 continuation bytes (0b10xx_xxxx: bit 7 set, bit 6 clear) in a word.
fn continuation_bytes(w: u64) -> usize {
    (w & !(w << 1) & 0x8080_8080_8080_8080).count_ones() as usize
}

/// Up to eight bytes as a little-endian word (missing bytes are zero, not continuation bytes).
fn word(bytes: &[u8]) -> u64 {
    let mut w = [0u8; 8];
    let n = bytes.len().min(8);
    w[..n].copy_from_slice(&bytes[..n]);
    u64::from_le_bytes(w)
}

/// The number of chars starting in `bytes` (bytes that are not UTF-8 continuation bytes).
fn char_starts(bytes: &[u8]) -> usize {
    bytes.len()
        - bytes
            .chunks(8)
            .map(|c| continuation_bytes(word(c)))
            .sum::<usize>()
}

impl<'a> CodePoints<'a> {
    /// The table for `text` (one pass; nothing is built for ASCII text).
    pub fn new(text: &'a str) -> Self {
        let bytes = text.as_bytes();
        let table = if text.is_ascii() {
            Table::Ascii
        } else if u32::try_from(bytes.len()).is_err() {
            Table::Huge
        } else {
            let mut blocks = Vec::with_capacity(bytes.len() / CP_BLOCK + 1);
            let mut count = 0;
            let mut chunks = bytes.chunks_exact(CP_BLOCK);
            for chunk in &mut chunks {
                // At most the text length, which fits in 32 bits here.
                blocks.push(count as u32);
                count += CP_BLOCK - continuation_bytes(word(chunk));
            }
            let rest = chunks.remainder();
            if !rest.is_empty() {
                blocks.push(count as u32);
                count += rest.len() - continuation_bytes(word(rest));
            }
            Table::Blocks(blocks, count)
        };
        CodePoints { bytes, table }
    }

    /// Whether the text is ASCII (byte and code-point offsets are the same).
    pub fn is_ascii(&self) -> bool {
        matches!(self.table, Table::Ascii)
    }

    /// The code-point offset of byte offset `byte` (a char boundary). An offset past the end
    /// of the text (an analysis of another text) counts as its end, never a panic.
    pub fn get(&self, byte: usize) -> usize {
        let byte = byte.min(self.bytes.len());
        let (block, within) = (byte / CP_BLOCK, byte % CP_BLOCK);
        match &self.table {
            Table::Ascii => byte,
            Table::Blocks(blocks, total) => match blocks.get(block) {
                Some(&before) if within == 0 => before as usize,
                Some(&before) => {
                    let start = block * CP_BLOCK;
                    let w = match self.bytes.get(start..start + CP_BLOCK) {
                        // The whole block, less the bytes from `byte` on.
                        Some(b) => word(b) & ((1 << (8 * within)) - 1),
                        None => word(&self.bytes[start..byte]),
                    };
                    before as usize + within - continuation_bytes(w)
                }
                // `byte` is the end of a text whose length is a multiple of the block size.
                None => *total,
            },
            Table::Huge => char_starts(&self.bytes[..byte]),
        }
    }
}

/// Converts the byte offsets of an analysis of `text` to code-point offsets, in place.
pub fn to_code_points(text: &str, analysis: &mut Analysis) {
    let cps = CodePoints::new(text);
    if cps.is_ascii() {
        return;
    }
    for m in &mut analysis.markers {
        m.start = cps.get(m.start);
        m.end = cps.get(m.end);
    }
    for q in &mut analysis.quotes {
        q.start = cps.get(q.start);
        q.end = cps.get(q.end);
    }
    for a in &mut analysis.attributions {
        for sp in attribution_spans_mut(a) {
            sp.start = cps.get(sp.start);
            sp.end = cps.get(sp.end);
        }
    }
    for sp in provenance_spans(&mut analysis.provenance) {
        sp.start = cps.get(sp.start);
        sp.end = cps.get(sp.end);
    }
    for s in &mut analysis.sentences {
        s.start = cps.get(s.start);
        s.end = cps.get(s.end);
    }
}

fn attribution_spans_mut(a: &mut Attribution) -> impl Iterator<Item = &mut Span> {
    std::iter::once(&mut a.cue)
        .chain(a.speaker.as_mut())
        .chain(a.content.as_mut())
        .chain(a.resolved_speaker.as_mut())
}

fn provenance_spans(p: &mut Provenance) -> Vec<&mut Span> {
    let mut out: Vec<&mut Span> = Vec::new();
    if let Some(d) = p.dateline.as_mut() {
        out.push(&mut d.span);
        out.push(&mut d.place);
        out.extend(d.region.as_mut());
        out.extend(d.date.as_mut());
        out.extend(d.agency.as_mut());
    }
    out.extend(p.agencies.iter_mut().map(|a| &mut a.span));
    for l in &mut p.source_lines {
        out.push(&mut l.span);
        out.extend(l.name.as_mut());
    }
    out.extend(p.byline.as_mut());
    out.extend(p.boilerplate.iter_mut());
    out
}

/// Converts code-point offsets into `text` back to byte offsets: the byte offset of every
/// char start, built once.
pub struct ByteOffsets {
    /// `None` for ASCII text (the offsets are the same).
    starts: Option<Vec<usize>>,
    len: usize,
}

impl ByteOffsets {
    /// The table for `text`.
    pub fn new(text: &str) -> Self {
        let starts = (!text.is_ascii()).then(|| text.char_indices().map(|(i, _)| i).collect());
        ByteOffsets {
            starts,
            len: text.len(),
        }
    }

    /// The byte offset of code-point offset `cp`, or `None` past the end of the text.
    pub fn get(&self, cp: usize) -> Option<usize> {
        match &self.starts {
            None => (cp <= self.len).then_some(cp),
            Some(starts) => match starts.get(cp) {
                Some(&b) => Some(b),
                None => (cp == starts.len()).then_some(self.len),
            },
        }
    }
}

/// Converts the code-point offsets of an analysis of `text` (as [`to_code_points`] made them)
/// back to byte offsets, in place. Offsets past the end of the text become its length.
pub fn to_bytes(text: &str, analysis: &mut Analysis) {
    if text.is_ascii() {
        return;
    }
    let table = ByteOffsets::new(text);
    let b = |cp: usize| table.get(cp).unwrap_or(text.len());
    for m in &mut analysis.markers {
        m.start = b(m.start);
        m.end = b(m.end);
    }
    for q in &mut analysis.quotes {
        q.start = b(q.start);
        q.end = b(q.end);
    }
    for a in &mut analysis.attributions {
        for sp in attribution_spans_mut(a) {
            sp.start = b(sp.start);
            sp.end = b(sp.end);
        }
    }
    for sp in provenance_spans(&mut analysis.provenance) {
        sp.start = b(sp.start);
        sp.end = b(sp.end);
    }
    for s in &mut analysis.sentences {
        s.start = b(s.start);
        s.end = b(s.end);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn offsets_past_the_end_count_as_the_end() {
        for text in ["éé", "é x", "abc", "日本語のテキスト"] {
            let cps = CodePoints::new(text);
            let n = text.chars().count();
            for byte in [text.len(), text.len() + 1, text.len() + 7, 100] {
                assert_eq!(cps.get(byte), n, "{text:?} {byte}");
            }
        }
        // An analysis of a longer text converted against a shorter one: clamped, no panic.
        let mut a = crate::Analyzer::new()
            .unwrap()
            .analyze_text("éé baselessly accused the regime.")
            .unwrap();
        to_code_points("é x", &mut a);
        assert!(a.markers.iter().all(|m| m.end <= 3));
    }

    #[test]
    fn code_points_and_bytes_round_trip() {
        for text in [
            "plain ascii",
            "é«»",
            "a\u{1F600}b\u{301}c",
            "",
            "\u{10FFFF}xyz\u{80}",
        ] {
            let cps = CodePoints::new(text);
            let bytes = ByteOffsets::new(text);
            for (cp, (byte, _)) in text.char_indices().enumerate() {
                assert_eq!(cps.get(byte), cp, "{text:?} byte {byte}");
                assert_eq!(bytes.get(cp), Some(byte), "{text:?} cp {cp}");
            }
            let n = text.chars().count();
            assert_eq!(cps.get(text.len()), n);
            assert_eq!(bytes.get(n), Some(text.len()));
            assert_eq!(bytes.get(n + 1), None);
        }
    }
}
