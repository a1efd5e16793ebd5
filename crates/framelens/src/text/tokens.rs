//! Word tokens, built while the normalizer writes the normalized text.
//!
//! A word is a run of letters, digits and combining marks; an apostrophe, hyphen or period
//! between two word characters stays inside the word (`iran's`, `so-called`, `u.s`, `3.5`), and a
//! comma between two digits does too (`1,000`). Every other non-space character is a one-char
//! punctuation token. Offsets are byte offsets into the normalized text.
//!
//! ```
//! use framelens::text::tokens::TokenKind;
//! use framelens::text::Prepared;
//!
//! let prepared = Prepared::new("Iran's so-called 1,000 experts!");
//! let tokens: Vec<&str> = (0..prepared.tokens.len()).map(|i| prepared.token_text(i)).collect();
//! assert_eq!(tokens, ["iran's", "so-called", "1,000", "experts", "!"]);
//! assert_eq!(prepared.tokens[2].kind, TokenKind::Number);
//! assert_eq!(prepared.word_count(), 4);
//! ```

use unicode_normalization::char::is_combining_mark;

/// A normalized offset as 32 bits. The analyzer refuses documents whose normalized text could
/// be longer (see [`MAX_DOCUMENT_BYTES`](crate::MAX_DOCUMENT_BYTES)), so this never saturates
/// in an analysis.
#[inline]
fn offset32(pos: usize) -> u32 {
    u32::try_from(pos).unwrap_or(u32::MAX)
}

/// What a token is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TokenKind {
    /// Starts with a letter.
    Word,
    /// Starts with a digit.
    Number,
    /// One punctuation or symbol character.
    Punct,
}

/// One token of the normalized text.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Token {
    /// Start in the normalized text (bytes). Offsets are 32-bit, so a token takes 12 bytes (a
    /// document of punctuation has a token per byte); documents are at most
    /// [`MAX_DOCUMENT_BYTES`](crate::MAX_DOCUMENT_BYTES), whose normalized text fits.
    pub start: u32,
    /// End in the normalized text (bytes, exclusive).
    pub end: u32,
    /// Word, number or punctuation.
    pub kind: TokenKind,
    /// The first character was uppercase in the original text.
    pub cap: bool,
}

impl Token {
    /// The start as a `usize`.
    #[inline]
    pub fn start(&self) -> usize {
        self.start as usize
    }

    /// The end as a `usize`.
    #[inline]
    pub fn end(&self) -> usize {
        self.end as usize
    }

    /// The byte range in the normalized text.
    #[inline]
    pub fn range(&self) -> std::ops::Range<usize> {
        self.start()..self.end()
    }

    /// True for words and numbers (what the profile counts as words).
    pub fn is_word(&self) -> bool {
        !matches!(self.kind, TokenKind::Punct)
    }
}

/// A letter, digit or combining mark: the characters words are made of.
#[inline]
pub fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() || (!c.is_ascii() && is_combining_mark(c))
}

/// The end of the run of ASCII letters and digits that starts at `pos` (`pos` itself when
/// there is none), eight bytes at a time. A non-ASCII byte ends the run.
#[inline]
pub(crate) fn ascii_alnum_end(bytes: &[u8], mut pos: usize) -> usize {
    while let Some(chunk) = bytes.get(pos..pos + 8) {
        let stop = not_ascii_alnum(u64::from_le_bytes(chunk.try_into().unwrap_or_default()));
        if stop != 0 {
            return pos + stop.trailing_zeros() as usize / 8;
        }
        pos += 8;
    }
    while bytes.get(pos).is_some_and(u8::is_ascii_alphanumeric) {
        pos += 1;
    }
    pos
}

/// The high bit of each byte of `x` that is not an ASCII letter or digit (non-ASCII bytes
/// included), the other bits clear.
#[inline]
pub(crate) fn not_ascii_alnum(x: u64) -> u64 {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGH: u64 = 0x8080_8080_8080_8080;
    // The high bit of each byte of `ge(x, n)` is set where that byte of x (below 0x80) >= n;
    // setting the high bit first keeps each byte's subtraction from borrowing from the next.
    let ge = |x: u64, n: u8| ((x | HIGH) - ONES * u64::from(n)) & HIGH;
    let lower = x | (ONES * 0x20);
    let digit = ge(x, b'0') & !ge(x, b'9' + 1);
    let letter = ge(lower, b'a') & !ge(lower, b'z' + 1);
    (!(digit | letter) | x) & HIGH
}

/// Pushes `item` onto `v`, which holds what the first `done` of `total` units of a text gave:
/// when `v` is full it grows to what the whole text will give at that pace (and a little more),
/// by at least a quarter, so pushing stays amortized linear.
///
/// A vector that doubles holds up to twice what it needs at the end, and the blocks it outgrew
/// stay with the allocator for a while; on a document of quote marks alone (a token and a mark
/// per byte) paced growth took the peak from 56 to 26 MB per MB of text (`benches/memory.py`).
#[inline]
pub(crate) fn push_paced<T>(v: &mut Vec<T>, item: T, done: usize, total: usize) {
    if v.len() == v.capacity() {
        grow_paced(v, done, total);
    }
    v.push(item);
}

#[cold]
#[inline(never)]
fn grow_paced<T>(v: &mut Vec<T>, done: usize, total: usize) {
    let len = v.len();
    // A pace is read from a few thousand items at least; until then the vector doubles.
    let want = if len < PACE_SAMPLE {
        (2 * len).max(16)
    } else {
        let expected = len.saturating_mul(total.max(done)) / done.max(1);
        expected.saturating_add(expected / 32).max(len + len / 4)
    };
    v.reserve_exact(want - len);
}

/// The items [`push_paced`] sees before it trusts their pace.
const PACE_SAMPLE: usize = 4096;

/// Streaming tokenizer: the normalizer feeds it every char it writes, in order.
#[derive(Default)]
pub(crate) struct Tokenizer {
    tokens: Vec<Token>,
    /// Offsets right after an apostrophe, period or comma inside a word (`iran's`, `u.s`):
    /// places where a word starts although no token does.
    inner_starts: Vec<usize>,
    /// The word being built: start, kind, cap, and the last char written to it.
    word: Option<(usize, TokenKind, bool, char)>,
    /// A joiner seen right after a word char, waiting for the next char to decide.
    pending: Option<(usize, char, bool)>,
    end: usize,
    /// The length of the text being tokenized, which paces the growth of `tokens`.
    total: usize,
}

impl Tokenizer {
    /// A tokenizer for a text of `len` bytes: room for a token per five bytes (news text has
    /// about one), and more as the text needs it ([`push_paced`]).
    pub(crate) fn for_text(len: usize) -> Self {
        Tokenizer {
            tokens: Vec::with_capacity(len / 5),
            total: len,
            ..Default::default()
        }
    }

    /// Feeds the char `c` written at normalized offset `pos`; `cap` tells whether the original
    /// char it came from was uppercase.
    #[inline]
    pub(crate) fn push(&mut self, pos: usize, c: char, cap: bool) {
        let word_char = is_word_char(c);
        if let Some((jpos, j, jcap)) = self.pending.take() {
            // A joiner is only ever pending right after a word char, so `word` is set.
            if let Some((wstart, kind, wcap, last)) = self.word {
                let joins =
                    word_char && (j != ',' || (last.is_ascii_digit() && c.is_ascii_digit()));
                if joins {
                    if j != '-' {
                        self.inner_starts.push(pos);
                    }
                    self.word = Some((wstart, kind, wcap, c));
                    self.end = pos + c.len_utf8();
                    return;
                }
            }
            self.close_word(jpos);
            self.punct(jpos, j, jcap);
        }
        if word_char {
            match &mut self.word {
                Some(w) => w.3 = c,
                None => {
                    let kind = if c.is_numeric() {
                        TokenKind::Number
                    } else {
                        TokenKind::Word
                    };
                    self.word = Some((pos, kind, cap, c));
                }
            }
            self.end = pos + c.len_utf8();
            return;
        }
        if self.word.is_some() && matches!(c, '\'' | '-' | '.' | ',') {
            self.pending = Some((pos, c, cap));
            return;
        }
        self.close_word(pos);
        if c != ' ' {
            self.punct(pos, c, cap);
        }
    }

    /// The number of tokens closed so far: after a space, the index of the next token.
    pub(crate) fn len(&self) -> usize {
        self.tokens.len()
    }

    /// Continues the word that the last pushed char started or extended with more word chars,
    /// the last of them `last`, up to normalized offset `end`.
    #[inline]
    pub(crate) fn extend_word(&mut self, end: usize, last: char) {
        if let Some(w) = &mut self.word {
            w.3 = last;
            self.end = end;
        }
    }

    fn punct(&mut self, pos: usize, c: char, cap: bool) {
        let token = Token {
            start: offset32(pos),
            end: offset32(pos + c.len_utf8()),
            kind: TokenKind::Punct,
            cap,
        };
        push_paced(&mut self.tokens, token, pos, self.total);
    }

    fn close_word(&mut self, end: usize) {
        if let Some((start, kind, cap, _)) = self.word.take() {
            let token = Token {
                start: offset32(start),
                end: offset32(end.min(self.end).max(start)),
                kind,
                cap,
            };
            push_paced(&mut self.tokens, token, start, self.total);
        }
    }

    /// The tokens, and the word starts inside tokens.
    pub(crate) fn finish(mut self, len: usize) -> (Vec<Token>, Vec<usize>) {
        if let Some((jpos, j, jcap)) = self.pending.take() {
            self.close_word(jpos);
            self.punct(jpos, j, jcap);
        }
        self.close_word(len);
        (self.tokens, self.inner_starts)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paced_growth_ends_near_the_length_needed() {
        // One item per 4 units of a 400,000-unit text: doubling would end at 131,072 slots.
        let mut v: Vec<usize> = Vec::new();
        for done in (0..400_000).step_by(4) {
            push_paced(&mut v, done, done, 400_000);
        }
        assert_eq!(v.len(), 100_000);
        assert!(v.capacity() <= 100_000 * 21 / 20, "{}", v.capacity());
        // Items that come faster than the pace read so far still fit, in amortized linear
        // time: each growth adds at least a quarter.
        let mut v: Vec<usize> = Vec::new();
        let mut grows = 0;
        for done in 0..200_000 {
            let cap = v.capacity();
            push_paced(&mut v, done, done / 8 + 1, 1_000);
            grows += usize::from(v.capacity() != cap);
        }
        assert!(grows < 60, "{grows}");
    }

    fn tokens(s: &str) -> Vec<(&str, TokenKind)> {
        let mut t = Tokenizer::default();
        for (i, c) in s.char_indices() {
            t.push(i, c, false);
        }
        t.finish(s.len())
            .0
            .into_iter()
            .map(|tok| (&s[tok.range()], tok.kind))
            .collect()
    }

    #[test]
    fn joiners_stay_inside_words() {
        use TokenKind::*;
        let cases: &[(&str, &[(&str, TokenKind)])] = &[
            ("iran's so-called", &[("iran's", Word), ("so-called", Word)]),
            (
                "u.s. sanctions",
                &[("u.s", Word), (".", Punct), ("sanctions", Word)],
            ),
            (
                "$2.5 billion",
                &[("$", Punct), ("2.5", Number), ("billion", Word)],
            ),
            (
                "1,000, then",
                &[("1,000", Number), (",", Punct), ("then", Word)],
            ),
            (
                "leaders' talks",
                &[("leaders", Word), ("'", Punct), ("talks", Word)],
            ),
            ("end.", &[("end", Word), (".", Punct)]),
            ("a - b", &[("a", Word), ("-", Punct), ("b", Word)]),
            ("well-", &[("well", Word), ("-", Punct)]),
        ];
        for (input, want) in cases {
            assert_eq!(&tokens(input), want, "input {input:?}");
        }
    }

    #[test]
    fn ascii_alnum_end_equals_the_byte_loop() {
        // Every byte value at every offset of a 20-byte run, and runs ending at the text's end.
        for b in 0..=255u8 {
            for at in 0..20 {
                let mut bytes = b"abcdefghijklmnopqrstuvwxyz".to_vec();
                bytes[at] = b;
                for len in [at + 1, bytes.len()] {
                    let bytes = &bytes[..len];
                    for pos in 0..len {
                        let mut want = pos;
                        while want < len && bytes[want].is_ascii_alphanumeric() {
                            want += 1;
                        }
                        assert_eq!(ascii_alnum_end(bytes, pos), want, "{bytes:?} at {pos}");
                    }
                }
            }
        }
    }
}
