//! The normalized view used for matching, and the exact map back to the original text.
//!
//! Matching runs over a normalized copy of the article: NFKC, lowercased, curly and straight
//! quotes unified (`"` and `'`), dashes unified (`-`), every run of whitespace or control
//! characters collapsed to one space, and invisible format characters (zero-width space, BOM,
//! soft hyphen, bidi marks) dropped. The text is cut into *segments* — a whitespace run, or one
//! base character with the combining marks and format characters that follow it — and each
//! segment is normalized on its own. A segment whose output has the same byte length as its input
//! (one char in, one char of equal width out: `A` -> `a`) maps byte for byte; every other segment
//! is recorded as a [`Cluster`]. Any normalized offset on a char boundary therefore maps back to
//! an original offset on a segment boundary, which is always a char boundary of the original.
//!
//! ```
//! use framelens::text::normalize::normalize_term;
//! use framelens::text::Prepared;
//!
//! assert_eq!(normalize_term("So\u{2011}called  \u{201c}EXPERTS\u{201d}"), "so-called \"experts\"");
//! // NFKC changes lengths (the ligature "ﬁ" is three bytes, "fi" two); the map undoes it exactly.
//! let text = "The \u{fb01}nal report";
//! let prepared = Prepared::new(text);
//! assert_eq!(prepared.norm, "the final report");
//! assert!(!prepared.map.is_identity());
//! let start = prepared.norm.find("final").unwrap();
//! let (s, e) = prepared.span(start, start + "final".len());
//! assert_eq!(&text[s..e], "\u{fb01}nal");
//! ```

use unicode_normalization::char::is_combining_mark;
use unicode_normalization::UnicodeNormalization;

/// A segment whose normalized form differs in length from the original (or spans several chars).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Cluster {
    /// Start of the segment in the normalized text (bytes).
    pub norm_start: usize,
    /// Length of the normalized output (bytes, at least 1).
    pub norm_len: usize,
    /// Start of the segment in the original text (bytes).
    pub orig_start: usize,
    /// Length of the segment in the original text (bytes).
    pub orig_len: usize,
}

/// Maps byte offsets of the normalized text back to byte offsets of the original.
#[derive(Clone, Debug, Default)]
pub struct OffsetMap {
    clusters: Vec<Cluster>,
    orig_len: usize,
}

impl OffsetMap {
    pub(crate) fn new(clusters: Vec<Cluster>, orig_len: usize) -> Self {
        OffsetMap { clusters, orig_len }
    }

    /// True when normalized and original offsets are identical (no cluster was recorded).
    pub fn is_identity(&self) -> bool {
        self.clusters.is_empty()
    }

    /// The original offset where a span starting at normalized offset `pos` starts.
    pub fn start(&self, pos: usize) -> usize {
        self.map(pos, false)
    }

    /// The original offset where a span ending at normalized offset `pos` ends.
    pub fn end(&self, pos: usize) -> usize {
        self.map(pos, true)
    }

    fn map(&self, pos: usize, is_end: bool) -> usize {
        // The last cluster starting at or before `pos` (for an end, strictly before `pos`).
        let idx = self.clusters.partition_point(|c| {
            if is_end {
                c.norm_start < pos
            } else {
                c.norm_start <= pos
            }
        });
        self.map_after(idx, pos, is_end)
    }

    /// Maps `pos` given `idx`, the number of clusters before it (see [`OffsetMap::map`]).
    fn map_after(&self, idx: usize, pos: usize, is_end: bool) -> usize {
        let out = match idx.checked_sub(1).map(|i| self.clusters[i]) {
            None => pos,
            Some(c) => {
                let norm_end = c.norm_start + c.norm_len;
                if pos < norm_end || (is_end && pos == norm_end) {
                    // Inside (or, for an end, at the end of) a cluster: snap to its edges.
                    if is_end && pos > c.norm_start {
                        c.orig_start + c.orig_len
                    } else {
                        c.orig_start
                    }
                } else {
                    pos - norm_end + c.orig_start + c.orig_len
                }
            }
        };
        out.min(self.orig_len)
    }

    /// A cursor that maps span starts given in increasing order, each in amortized constant time
    /// (for walks over the tokens) instead of a binary search per offset.
    pub fn starts(&self) -> StartCursor<'_> {
        StartCursor { map: self, idx: 0 }
    }
}

/// Maps non-decreasing normalized offsets to original span starts; see [`OffsetMap::starts`].
#[derive(Debug)]
pub struct StartCursor<'a> {
    map: &'a OffsetMap,
    idx: usize,
}

impl StartCursor<'_> {
    /// The original offset where a span starting at normalized offset `pos` starts. `pos` must
    /// not be smaller than the previous call's.
    pub fn start(&mut self, pos: usize) -> usize {
        let clusters = &self.map.clusters;
        while self.idx < clusters.len() && clusters[self.idx].norm_start <= pos {
            self.idx += 1;
        }
        self.map.map_after(self.idx, pos, false)
    }

    /// The original range of the normalized range `start..end` (as `Prepared::span` gives it),
    /// for ranges given in order of their starts.
    pub fn span(&mut self, start: usize, end: usize) -> (usize, usize) {
        let s = self.start(start);
        let e = if end > start {
            // The clusters starting before `end`: those up to `start`, and any after it.
            let clusters = &self.map.clusters;
            let mut j = self.idx;
            while j < clusters.len() && clusters[j].norm_start < end {
                j += 1;
            }
            self.map.map_after(j, end, true)
        } else {
            self.map.end(end)
        };
        (s, e.max(s))
    }
}

/// Characters that carry no letter and are dropped from the normalized view.
pub(crate) fn is_ignorable(c: char) -> bool {
    matches!(c,
        '\u{00AD}' | '\u{061C}' | '\u{180E}' | '\u{200B}'..='\u{200F}' | '\u{202A}'..='\u{202E}'
        | '\u{2060}'..='\u{2064}' | '\u{2066}'..='\u{206F}' | '\u{FEFF}' | '\u{FFF9}'..='\u{FFFB}')
}

/// Characters that separate words like a space does.
pub(crate) fn is_space(c: char) -> bool {
    c.is_whitespace() || (c.is_control() && !is_ignorable(c))
}

/// Characters that continue the segment of the base char before them.
fn is_extender(c: char) -> bool {
    is_combining_mark(c) || is_ignorable(c) || ('\u{FE00}'..='\u{FE0F}').contains(&c)
}

/// Which quote glyph a character is, before unification.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum QuoteGlyph {
    /// `"` or `'`: direction from context only.
    Straight,
    /// “ ‘ « ‹ and the low-9 „ ‚: opening by form.
    Opening,
    /// ” ’ » ›: closing by form.
    Closing,
}

/// The unified form of a quote, dash or apostrophe character, with its glyph class.
pub(crate) fn unify_punct(c: char) -> Option<(char, Option<QuoteGlyph>)> {
    use QuoteGlyph::*;
    Some(match c {
        '"' | '\u{FF02}' | '\u{2033}' => ('"', Some(Straight)),
        '\u{201C}' | '\u{201E}' | '\u{201F}' | '\u{00AB}' | '\u{301D}' => ('"', Some(Opening)),
        '\u{201D}' | '\u{00BB}' | '\u{301E}' => ('"', Some(Closing)),
        '\'' | '\u{FF07}' | '`' | '\u{00B4}' | '\u{2032}' => ('\'', Some(Straight)),
        '\u{2018}' | '\u{201A}' | '\u{201B}' | '\u{2039}' => ('\'', Some(Opening)),
        '\u{2019}' | '\u{203A}' => ('\'', Some(Closing)),
        '\u{2010}'..='\u{2015}'
        | '\u{2212}'
        | '\u{2043}'
        | '\u{FE58}'
        | '\u{FE63}'
        | '\u{FF0D}' => ('-', None),
        _ => return None,
    })
}

/// Appends the normalized form of `segment` (one base char and its extenders) to `out`.
pub(crate) fn normalize_segment(segment: &str, out: &mut String) {
    let mut chars = segment.chars();
    if let (Some(c), None) = (chars.next(), chars.next()) {
        if c.is_ascii() {
            out.push(match unify_punct(c) {
                Some((u, _)) => u,
                None => c.to_ascii_lowercase(),
            });
            return;
        }
        if let Some((u, _)) = unify_punct(c) {
            out.push(u);
            return;
        }
    }
    for c in segment.nfkc() {
        if is_ignorable(c) {
            continue;
        }
        if let Some((u, _)) = unify_punct(c) {
            out.push(u);
        } else if is_space(c) {
            // NFKC can produce spaces (e.g. from U+00A0 inside a segment); keep words apart.
            out.push(' ');
        } else {
            out.extend(c.to_lowercase());
        }
    }
}

/// Normalizes a lexicon term the same way article text is normalized, so they match.
pub fn normalize_term(term: &str) -> String {
    let mut out = String::with_capacity(term.len());
    let mut pending_space = false;
    for segment in segments(term) {
        match segment {
            Segment::Space { .. } => pending_space = !out.is_empty(),
            Segment::Text { start, end } => {
                if pending_space {
                    out.push(' ');
                    pending_space = false;
                }
                normalize_segment(&term[start..end], &mut out);
            }
        }
    }
    out
}

/// A piece of the original text, as the normalizer cuts it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Segment {
    /// A run of whitespace/control chars, with how many line breaks it holds.
    Space {
        start: usize,
        end: usize,
        newlines: u32,
    },
    /// A base char and the extenders that follow it.
    Text { start: usize, end: usize },
}

impl Segment {
    /// The end of the segment in the original text (bytes).
    pub(crate) fn end(&self) -> usize {
        match *self {
            Segment::Space { end, .. } | Segment::Text { end, .. } => end,
        }
    }
}

/// The segment of `text` that starts at byte `pos` (a segment boundary), or `None` at the end.
pub(crate) fn segment_at(text: &str, pos: usize) -> Option<Segment> {
    Segments {
        text,
        bytes: text.as_bytes(),
        pos,
    }
    .next()
}

/// Cuts `text` into segments, in order, covering every byte.
pub(crate) fn segments(text: &str) -> Segments<'_> {
    Segments {
        text,
        bytes: text.as_bytes(),
        pos: 0,
    }
}

pub(crate) struct Segments<'a> {
    text: &'a str,
    bytes: &'a [u8],
    pos: usize,
}

impl Segments<'_> {
    fn char_at(&self, pos: usize) -> Option<char> {
        // Fast path for ASCII; `pos` is always a char boundary here.
        match self.bytes.get(pos) {
            None => None,
            Some(&b) if b < 0x80 => Some(b as char),
            Some(_) => self.text[pos..].chars().next(),
        }
    }
}

impl Iterator for Segments<'_> {
    type Item = Segment;

    fn next(&mut self) -> Option<Segment> {
        let start = self.pos;
        let first = self.char_at(start)?;
        let mut pos = start + first.len_utf8();
        if is_space(first) {
            let mut newlines = 0u32;
            let mut prev = first;
            let count = |c: char, prev: char| match c {
                '\n' if prev == '\r' => 0,
                '\n' | '\r' | '\u{0B}' | '\u{0C}' | '\u{85}' | '\u{2028}' => 1,
                '\u{2029}' => 2,
                _ => 0,
            };
            newlines += count(first, '\0');
            while let Some(c) = self.char_at(pos) {
                if !is_space(c) {
                    break;
                }
                newlines += count(c, prev);
                prev = c;
                pos += c.len_utf8();
            }
            self.pos = pos;
            return Some(Segment::Space {
                start,
                end: pos,
                newlines,
            });
        }
        while let Some(c) = self.char_at(pos) {
            if !is_extender(c) {
                break;
            }
            pos += c.len_utf8();
        }
        // Leading extenders (text starting with a combining mark or a zero-width space) take the
        // following base char with them, so no segment normalizes to nothing when avoidable.
        if is_extender(first) {
            if let Some(c) = self.char_at(pos) {
                if !is_space(c) {
                    pos += c.len_utf8();
                    while let Some(c) = self.char_at(pos) {
                        if !is_extender(c) {
                            break;
                        }
                        pos += c.len_utf8();
                    }
                }
            }
        }
        self.pos = pos;
        Some(Segment::Text { start, end: pos })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn terms_normalize_like_text() {
        let cases = [
            ("Unfounded  Claims", "unfounded claims"),
            ("so\u{2013}called", "so-called"),
            ("Iran\u{2019}s", "iran's"),
            ("\u{201C}worst deal ever\u{201D}", "\"worst deal ever\""),
            ("\u{FB01}nal", "final"),
            ("  padded\t", "padded"),
            ("caf\u{0065}\u{0301}", "caf\u{00E9}"),
            ("zero\u{200B}width", "zerowidth"),
        ];
        for (input, want) in cases {
            assert_eq!(normalize_term(input), want, "input {input:?}");
        }
    }

    #[test]
    fn segments_cover_every_byte() {
        let text = "A\u{0301}b \r\n\r\n\u{200B}x\u{1F469}\u{200D}\u{1F4BB} end";
        let mut pos = 0;
        for seg in segments(text) {
            let (s, e) = match seg {
                Segment::Space { start, end, .. } | Segment::Text { start, end } => (start, end),
            };
            assert_eq!(s, pos);
            assert!(e > s);
            pos = e;
        }
        assert_eq!(pos, text.len());
    }

    #[test]
    fn crlf_counts_once() {
        let segs: Vec<_> = segments("a\r\n\r\nb").collect();
        assert!(matches!(segs[1], Segment::Space { newlines: 2, .. }));
    }

    #[test]
    fn offset_map_snaps_inside_clusters() {
        // Original "x\u{2014}y" (em dash, 3 bytes) normalizes to "x-y".
        let map = OffsetMap::new(
            vec![Cluster {
                norm_start: 1,
                norm_len: 1,
                orig_start: 1,
                orig_len: 3,
            }],
            5,
        );
        assert_eq!(map.start(0), 0);
        assert_eq!(map.start(1), 1);
        assert_eq!(map.end(2), 4);
        assert_eq!(map.start(2), 4);
        assert_eq!(map.end(3), 5);
    }
}
