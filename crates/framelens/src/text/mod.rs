//! The text engine: one pass over an article that every detector reads.
//!
//! [`Prepared::new`] walks the original text once, segment by segment (see [`normalize`]), and
//! while it writes the normalized view it also records the offset map, the word tokens, the line
//! breaks and the quote marks. Sentences (from the tokens) and quote regions (from the marks)
//! follow from those records without reading the text again. Detectors work in normalized
//! offsets and call [`Prepared::span`] to turn a normalized range into an exact original range.
//!
//! ```
//! use framelens::text::Prepared;
//!
//! let text = "\u{201c}Baseless,\u{201d} said Ms. Roe.";
//! let prepared = Prepared::new(text);
//! assert_eq!(prepared.norm, "\"baseless,\" said ms. roe.");
//! // A normalized range maps back to the exact original range.
//! let start = prepared.norm.find("baseless").unwrap();
//! let (s, e) = prepared.span(start, start + "baseless".len());
//! assert_eq!(&text[s..e], "Baseless");
//! assert_eq!((prepared.sentences.len(), prepared.quotes.len()), (1, 1));
//! assert_eq!(prepared.word_count(), 4);
//! ```

pub mod dateline;
pub(crate) mod lang;
pub mod normalize;
pub mod quotes;
pub mod sentences;
pub mod tokens;

use normalize::{segment_at, unify_punct, Cluster, OffsetMap, Segment};
use quotes::{LineBreak, QuoteMark, QuoteRegion};
use sentences::Sentence;
use tokens::{push_paced, Token, Tokenizer};

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
    /// Offsets inside word tokens where a word starts after an apostrophe, period or comma
    /// (`s` in `iran's`), in order. With the token starts, every place a term may start.
    pub inner_starts: Vec<usize>,
    /// The language data the text was prepared with.
    lang: &'static lang::Lang,
}

/// Replaces the chars of `norm[from..]` that the script folds.
fn fold_tail(norm: &mut String, from: usize, fold: &rustc_hash::FxHashMap<char, String>) {
    if !norm[from..].chars().any(|c| fold.contains_key(&c)) {
        return;
    }
    let tail: String = norm[from..].chars().fold(String::new(), |mut out, c| {
        match fold.get(&c) {
            Some(r) => out.push_str(r),
            None => out.push(c),
        }
        out
    });
    norm.truncate(from);
    norm.push_str(&tail);
}

/// Adds to `inner` (kept in order) the offsets right after a clitic prefix at the start of a
/// word token (`و`, `ال`), where a lexicon term may start, when enough of the word follows.
fn clitic_starts(norm: &str, tokens: &[Token], lang: &lang::Lang, inner: &mut Vec<usize>) {
    let before = inner.len();
    for t in tokens.iter().filter(|t| t.is_word()) {
        let word = &norm[t.range()];
        for clitic in &lang.script.clitics {
            if let Some(rest) = word.strip_prefix(clitic.as_str()) {
                if rest.chars().count() >= lang.script.clitic_min_rest {
                    inner.push(t.start() + clitic.len());
                }
            }
        }
    }
    if inner.len() > before {
        inner.sort_unstable();
        inner.dedup();
    }
}

impl<'a> Prepared<'a> {
    /// Prepares `text` in one pass.
    pub fn new(text: &'a str) -> Self {
        Self::build(text, true, lang::english())
    }

    /// Prepares `text` with the rules of the compiled-in language pack `code`
    /// ([`crate::pack::languages`]): its sentence ends, folding and clitics.
    ///
    /// ```
    /// use framelens::text::Prepared;
    ///
    /// assert!(Prepared::for_language("Hello.", "xx").is_err());
    /// assert_eq!(Prepared::for_language("Hello.", "en")?.norm, "hello.");
    /// # Ok::<(), framelens::Error>(())
    /// ```
    pub fn for_language(text: &'a str, code: &str) -> crate::Result<Self> {
        crate::pack::source(code)?;
        let lang = lang::for_code(code).expect("every compiled-in pack has language data");
        Ok(Self::build(text, true, lang))
    }

    /// Prepares `text` with the given language data.
    pub(crate) fn with_lang(text: &'a str, lang: &'static lang::Lang) -> Self {
        Self::build(text, true, lang)
    }

    /// The language data the text was prepared with.
    pub(crate) fn lang(&self) -> &'static lang::Lang {
        self.lang
    }

    /// The code of the language pack the text was prepared with.
    pub fn language(&self) -> &'static str {
        self.lang.code
    }

    /// Prepares `text` segment by segment, without the ASCII fast paths of [`Prepared::new`]:
    /// the reference the fast paths are tested against. Same result, slower.
    #[doc(hidden)]
    pub fn new_reference(text: &'a str) -> Self {
        Self::build(text, false, lang::english())
    }

    fn build(text: &'a str, fast: bool, lang: &'static lang::Lang) -> Self {
        let mut norm = String::with_capacity(text.len());
        let mut clusters: Vec<Cluster> = Vec::new();
        let mut breaks = Vec::new();
        let mut marks = Vec::new();
        let mut tokenizer = Tokenizer::for_text(text.len());
        let bytes = text.as_bytes();
        let mut pos = 0;
        while pos < bytes.len() {
            let b = bytes[pos];
            let next = bytes.get(pos + 1).copied();
            // Fast path: a run of ASCII letters and digits. Its last char goes by the slower
            // paths when a non-ASCII char follows (which may be a combining mark on it).
            if fast && b.is_ascii_alphanumeric() {
                let mut end = pos + 1;
                while end < bytes.len() && bytes[end].is_ascii_alphanumeric() {
                    end += 1;
                }
                if end < bytes.len() && bytes[end] >= 0x80 {
                    end -= 1;
                }
                if end > pos {
                    let norm_start = norm.len();
                    norm.push_str(&text[pos..end]);
                    norm[norm_start..].make_ascii_lowercase();
                    let lower = norm.as_bytes();
                    tokenizer.push(
                        norm_start,
                        char::from(lower[norm_start]),
                        b.is_ascii_uppercase(),
                    );
                    if end - pos > 1 {
                        tokenizer.extend_word(norm.len(), char::from(lower[norm.len() - 1]));
                    }
                    pos = end;
                    continue;
                }
            }
            // Fast path: a printable ASCII char not followed by a combining mark or other
            // extender (those are never ASCII) is a one-char segment that maps byte for byte.
            if fast && (0x21..0x7f).contains(&b) && next.is_none_or(|n| n < 0x80) {
                let norm_start = norm.len();
                let ch = match b {
                    b'"' | b'\'' | b'`' => {
                        let ch = if b == b'"' { '"' } else { '\'' };
                        let mark = QuoteMark {
                            pos: norm_start,
                            ch,
                            glyph: normalize::QuoteGlyph::Straight,
                        };
                        push_paced(&mut marks, mark, pos, bytes.len());
                        ch
                    }
                    _ => char::from(b.to_ascii_lowercase()),
                };
                norm.push(ch);
                tokenizer.push(norm_start, ch, b.is_ascii_uppercase());
                pos += 1;
                continue;
            }
            // Fast path: one plain space between printable ASCII chars.
            if fast
                && b == b' '
                && !norm.is_empty()
                && next.is_some_and(|n| (0x21..0x7f).contains(&n))
            {
                tokenizer.push(norm.len(), ' ', false);
                norm.push(' ');
                pos += 1;
                continue;
            }
            let Some(segment) = segment_at(text, pos) else {
                break;
            };
            pos = segment.end();
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
                            token: tokenizer.len(),
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
                Segment::Text { mut start, end } => {
                    // Invisible format characters (a BOM, a zero-width space) before a letter
                    // belong to no span: they map to nothing, like leading whitespace, so
                    // "\u{FEFF}WASHINGTON" gives the place "WASHINGTON", capitalized.
                    let skip = text[start..end]
                        .char_indices()
                        .find(|&(_, c)| !normalize::is_ignorable(c))
                        .map_or(0, |(i, _)| i);
                    if skip > 0 {
                        clusters.push(Cluster {
                            norm_start,
                            norm_len: 0,
                            orig_start: start,
                            orig_len: skip,
                        });
                        start += skip;
                        if start == end {
                            continue;
                        }
                    }
                    let seg = &text[start..end];
                    let first = seg.chars().next().unwrap_or(' ');
                    normalize::normalize_segment(seg, &mut norm);
                    if !lang.fold.is_empty() {
                        fold_tail(&mut norm, norm_start, &lang.fold);
                    }
                    let cap = first.is_uppercase();
                    if let Some((ch, Some(glyph))) = unify_punct(first) {
                        if seg.len() == first.len_utf8() {
                            let mark = QuoteMark {
                                pos: norm_start,
                                ch,
                                glyph,
                            };
                            push_paced(&mut marks, mark, start, bytes.len());
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
        let (tokens, mut inner_starts) = tokenizer.finish(norm.len());
        if !lang.script.clitics.is_empty() {
            clitic_starts(&norm, &tokens, lang, &mut inner_starts);
        }
        let sentences = sentences::sentences(&norm, &tokens, &breaks, lang);
        let mut quotes = quotes::regions(&norm, &marks, &breaks);
        if lang.dash_speech {
            quotes::add_dash_speech(&norm, &breaks, &mut quotes);
        }
        Prepared {
            text,
            map: OffsetMap::new(clusters, text.len()),
            norm,
            tokens,
            sentences,
            breaks,
            quotes,
            inner_starts,
            lang,
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
        &self.norm[t.range()]
    }

    /// The index of the first token that starts at or after normalized offset `pos`.
    pub fn token_at(&self, pos: usize) -> usize {
        self.tokens.partition_point(|t| t.start() < pos)
    }

    /// True when a line break (see [`Prepared::breaks`]) lies in normalized `from..to`; the
    /// normalized text has none of its own, a break being a single space there.
    pub fn line_break_between(&self, from: usize, to: usize) -> bool {
        let at = self.breaks.partition_point(|b| b.pos < from);
        self.breaks.get(at).is_some_and(|b| b.pos < to)
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
