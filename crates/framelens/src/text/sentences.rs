//! Sentence boundaries for news text.
//!
//! Works over the tokens, in one pass. A sentence ends at `.`, `!`, `?` or an ellipsis (with any
//! closing quotes and brackets right after it) when the next token looks like a sentence start
//! (capitalized, a number, or an opening quote), and at every line break (headlines and paragraphs
//! without final punctuation). A period does not end a sentence after a title or bound
//! abbreviation (Mr., Gen., Jan.), after an initial (J. Smith), after "No." before a number, or
//! after U.S./Inc./etc. unless the next word is a usual sentence opener. A dateline at the start
//! of a paragraph is a sentence of its own.
//!
//! ```
//! use framelens::text::Prepared;
//!
//! let prepared = Prepared::new("Mr. Smith met Gen. Lee on Jan. 5 in the U.S. capital. They talked.");
//! let sentences: Vec<&str> =
//!     prepared.sentences.iter().map(|s| &prepared.norm[s.start..s.end]).collect();
//! assert_eq!(sentences, ["mr. smith met gen. lee on jan. 5 in the u.s. capital.", "they talked."]);
//! ```

use super::dateline::dateline_shape;
use super::lang::Lang;
use super::quotes::LineBreak;
use super::tokens::{Token, TokenKind};

/// A sentence: its token range and its extent in the normalized text.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Sentence {
    /// Index of the first token.
    pub first_token: usize,
    /// Index one past the last token.
    pub end_token: usize,
    /// Start in the normalized text.
    pub start: usize,
    /// End in the normalized text.
    pub end: usize,
}

struct Ctx<'a> {
    norm: &'a str,
    tokens: &'a [Token],
    lang: &'a Lang,
}

impl Ctx<'_> {
    fn text(&self, k: usize) -> &str {
        let t = &self.tokens[k];
        &self.norm[t.range()]
    }

    fn punct_is(&self, k: usize, set: &str) -> bool {
        let t = &self.tokens[k];
        t.kind == TokenKind::Punct && set.contains(self.text(k))
    }

    /// Could token `k` open a sentence?
    fn starts_sentence(&self, k: usize) -> bool {
        let t = &self.tokens[k];
        match t.kind {
            TokenKind::Word => t.cap || self.lang.script.caseless,
            TokenKind::Number => true,
            TokenKind::Punct => {
                if self.punct_is(k, "\"'([") {
                    k + 1 < self.tokens.len() && self.starts_sentence(k + 1)
                } else {
                    self.punct_is(k, "-*•")
                }
            }
        }
    }

    /// Does the terminal punctuation at `i` (extended through `j`) end the sentence?
    fn is_boundary(&self, i: usize, j: usize) -> bool {
        let Some(next) = j.checked_add(1).filter(|&n| n < self.tokens.len()) else {
            return true;
        };
        let tok = &self.tokens[i];
        let dot = self.text(i) == ".";
        let single_dot = dot && !(i + 1 < self.tokens.len() && self.text(i + 1) == ".");
        let prev = i
            .checked_sub(1)
            .filter(|&p| self.tokens[p].end() == tok.start() && self.tokens[p].is_word());
        if single_dot && j == i {
            if let Some(p) = prev {
                let w = self.text(p);
                let lang = self.lang;
                if lang.never_final.contains(w) {
                    return false;
                }
                if lang.before_number.contains(w) && self.tokens[next].kind == TokenKind::Number {
                    return false;
                }
                let pt = &self.tokens[p];
                if pt.kind == TokenKind::Word && pt.cap && w.chars().count() == 1 {
                    // An initial: "J. Smith".
                    return false;
                }
                if lang.maybe_final.contains(w) {
                    return self.tokens[next].cap && lang.openers.contains(self.text(next));
                }
            }
        }
        self.starts_sentence(next)
    }
}

/// Splits the tokens into sentences. `breaks` is sorted by offset.
pub(crate) fn sentences(
    norm: &str,
    tokens: &[Token],
    breaks: &[LineBreak],
    lang: &Lang,
) -> Vec<Sentence> {
    let ctx = Ctx { norm, tokens, lang };
    let mut out = Vec::new();
    let push = |out: &mut Vec<Sentence>, a: usize, b: usize| {
        if b > a {
            out.push(Sentence {
                first_token: a,
                end_token: b,
                start: tokens[a].start(),
                end: tokens[b - 1].end(),
            });
        }
    };
    let n = tokens.len();
    let mut first = 0usize;
    let mut b = 0usize;
    let mut para_start = true;
    let mut i = 0usize;
    while i < n {
        // A line break before token i closes the sentence.
        let mut broke = false;
        while b < breaks.len() && breaks[b].pos < tokens[i].start() {
            broke |= i > 0 && breaks[b].pos >= tokens[i - 1].end();
            b += 1;
        }
        if broke {
            push(&mut out, first, i);
            first = i;
            para_start = true;
        }
        if para_start {
            para_start = false;
            if let Some(shape) = dateline_shape(norm, tokens, i, lang) {
                push(&mut out, first, shape.dash + 1);
                first = shape.dash + 1;
                i = first;
                continue;
            }
        }
        if ctx.punct_is(i, &lang.terminals) {
            let mut j = i;
            while j + 1 < n
                && tokens[j + 1].start() == tokens[j].end()
                && (ctx.punct_is(j + 1, "\"')]") || ctx.punct_is(j + 1, &lang.terminals))
            {
                j += 1;
            }
            if ctx.is_boundary(i, j) {
                push(&mut out, first, j + 1);
                first = j + 1;
            }
            i = j + 1;
            continue;
        }
        i += 1;
    }
    push(&mut out, first, n);
    out
}
