//! The text engine: one pass over an article that every detector reads.
//!
//! [`Prepared::new`] walks the original text once, segment by segment (see [`normalize`]), and
//! while it writes the normalized view it also records the offset map, the word tokens, the line
//! breaks and the quote marks. Sentences (from the tokens) and quote regions (from the marks)
//! follow from those records without reading the text again. Detectors work in normalized
//! offsets and call [`Prepared::span`] to turn a normalized range into an exact original range.

pub mod dateline;
pub(crate) mod lang;
pub mod normalize;
pub mod quotes;
pub mod sentences;
pub mod tokens;

use normalize::{segments, unify_punct, Cluster, OffsetMap, Segment};
use quotes::{LineBreak, QuoteMark, QuoteRegion};
use sentences::Sentence;
use tokens::{Token, Tokenizer};

/// An article prepared for the detectors: normalized view, offset map, tokens, sentences and
/// quote regions. All offsets inside are byte offsets of the normalized text unless a method
/// says otherwise.
#[derive(Debug)]
pub struct Prepared<'a> {
    /// The original text.
    pub text: &'a str,
    /// The normalized view (NFKC, lowercase, quotes/dashes unified, whitespace collapsed).
    pub norm: String,
    /// Maps normalized offsets back to the original.
    pub map: OffsetMap,
    /// Word, number and punctuation tokens.
    pub tokens: Vec<Token>,
    /// Sentences, in order.
    pub sentences: Vec<Sentence>,
    /// Line breaks of the original, in order.
    pub breaks: Vec<LineBreak>,
    /// Quote regions, sorted by start (outer before inner).
    pub quotes: Vec<QuoteRegion>,
}

impl<'a> Prepared<'a> {
    /// Prepares `text` in one pass.
    pub fn new(text: &'a str) -> Self {
        let mut norm = String::with_capacity(text.len());
        let mut clusters: Vec<Cluster> = Vec::new();
        let mut breaks = Vec::new();
        let mut marks = Vec::new();
        let mut tokenizer = Tokenizer::with_capacity(text.len() / 5);
        for segment in segments(text) {
            let norm_start = norm.len();
            match segment {
                Segment::Space {
                    start,
                    end,
                    newlines,
                } => {
                    if norm.is_empty() {
                        // Leading whitespace becomes nothing: a zero-length cluster, which
                        // shifts every later offset past it.
                        clusters.push(Cluster {
                            norm_start: 0,
                            norm_len: 0,
                            orig_start: start,
                            orig_len: end - start,
                        });
                        continue;
                    }
                    norm.push(' ');
                    tokenizer.push(norm_start, ' ', false);
                    if newlines > 0 {
                        breaks.push(LineBreak {
                            pos: norm_start,
                            newlines,
                        });
                    }
                    if end - start != 1 || text.as_bytes()[start] != b' ' {
                        clusters.push(Cluster {
                            norm_start,
                            norm_len: 1,
                            orig_start: start,
                            orig_len: end - start,
                        });
                    }
                }
                Segment::Text { start, end } => {
                    let seg = &text[start..end];
                    let first = seg.chars().next().unwrap_or(' ');
                    normalize::normalize_segment(seg, &mut norm);
                    let cap = first.is_uppercase();
                    if let Some((ch, Some(glyph))) = unify_punct(first) {
                        if seg.len() == first.len_utf8() {
                            marks.push(QuoteMark {
                                pos: norm_start,
                                ch,
                                glyph,
                            });
                        }
                    }
                    for (k, c) in norm[norm_start..].char_indices() {
                        tokenizer.push(norm_start + k, c, cap);
                    }
                    let norm_len = norm.len() - norm_start;
                    // Byte-for-byte only when one char became one char of the same width
                    // ("A" -> "a"); "\u{FE78}" -> " \u{64F}" has the same length but two chars.
                    let single = seg.len() == first.len_utf8();
                    let one_out = norm[norm_start..].chars().nth(1).is_none();
                    if !(single && one_out && norm_len == seg.len()) {
                        clusters.push(Cluster {
                            norm_start,
                            norm_len,
                            orig_start: start,
                            orig_len: end - start,
                        });
                    }
                }
            }
        }
        // A trailing space run (the text ended in whitespace) is not part of any word.
        if norm.ends_with(' ') {
            norm.pop();
            if let Some(last) = clusters.last_mut() {
                if last.norm_start == norm.len() {
                    last.norm_len = 0;
                }
            }
            while breaks.last().is_some_and(|b| b.pos >= norm.len()) {
                breaks.pop();
            }
        }
        let tokens = tokenizer.finish(norm.len());
        let lang = lang::english();
        let sentences = sentences::sentences(&norm, &tokens, &breaks, lang);
        let quotes = quotes::regions(&norm, &marks, &breaks);
        Prepared {
            text,
            map: OffsetMap::new(clusters, text.len()),
            norm,
            tokens,
            sentences,
            breaks,
            quotes,
        }
    }

    /// The original byte range of the normalized range `start..end`.
    pub fn span(&self, start: usize, end: usize) -> (usize, usize) {
        let s = self.map.start(start);
        let e = self.map.end(end).max(s);
        (s, e)
    }

    /// The normalized text of token `i`.
    pub fn token_text(&self, i: usize) -> &str {
        let t = &self.tokens[i];
        &self.norm[t.start..t.end]
    }

    /// The index of the first token that starts at or after normalized offset `pos`.
    pub fn token_at(&self, pos: usize) -> usize {
        self.tokens.partition_point(|t| t.start < pos)
    }

    /// True when token `i` is the first token of a sentence.
    pub fn starts_sentence(&self, i: usize) -> bool {
        let k = self.sentences.partition_point(|s| s.first_token < i);
        self.sentences.get(k).is_some_and(|s| s.first_token == i)
    }

    /// The number of word and number tokens.
    pub fn word_count(&self) -> usize {
        self.tokens.iter().filter(|t| t.is_word()).count()
    }

    /// The innermost quote region whose content holds the normalized range `start..end`.
    pub fn quote_at(&self, start: usize, end: usize) -> Option<&QuoteRegion> {
        // Regions are sorted by start; the candidates start at or before `start`.
        // The containing region with the latest start is the innermost. Outermost regions are
        // disjoint, so once one ends before `start` no earlier region can contain the range.
        let upto = self.quotes.partition_point(|q| q.content_start <= start);
        for q in self.quotes[..upto].iter().rev() {
            if end <= q.content_end {
                return Some(q);
            }
            if q.depth == 0 && q.end <= start {
                break;
            }
        }
        None
    }
}
