//! Quote regions: which stretches of the article are someone else's words.
//!
//! The normalizer records every quote character it writes as a [`QuoteMark`] (its normalized
//! offset, `"` or `'`, and whether its glyph opens, closes or is straight). This module pairs the
//! marks in one pass with a stack:
//!
//! - direction comes from context first (space before and a letter after opens; a letter before
//!   and a space or punctuation after closes), then from the glyph, then by toggling;
//! - apostrophes are not quotes: `Iran's`, `don't`, `'90s`, `rock 'n' roll`, `leaders'`;
//! - quotes nest (`"... 'inner' ..."`), and a closer pops any unclosed quote above its opener;
//! - an opener of a kind already open means the earlier one was never closed: it is dropped;
//! - at a paragraph break an open quotation continues only when the next paragraph starts with
//!   the same quote mark (the convention for quotations over several paragraphs); otherwise it is
//!   dropped, so one stray mark never swallows the rest of the article.
//!
//! ```
//! use framelens::text::Prepared;
//!
//! let prepared = Prepared::new("Iran's envoy called it a 'betrayal' of the '90s accord.");
//! assert_eq!(prepared.quotes.len(), 1);
//! let quote = prepared.quotes[0];
//! assert_eq!(&prepared.norm[quote.content_start..quote.content_end], "betrayal");
//! ```

use super::normalize::QuoteGlyph;
use super::tokens::{is_word_char, push_paced};

/// A quote character as written into the normalized text.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct QuoteMark {
    /// Offset of the mark in the normalized text.
    pub pos: usize,
    /// `"` or `'` after unification.
    pub ch: char,
    /// The glyph class of the original character.
    pub glyph: QuoteGlyph,
}

/// A quoted stretch of text, in normalized offsets.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct QuoteRegion {
    /// Offset of the opening mark.
    pub start: usize,
    /// Offset just past the closing mark (or the paragraph end for a continued part).
    pub end: usize,
    /// Start of the quoted words (after the opening mark).
    pub content_start: usize,
    /// End of the quoted words (before the closing mark).
    pub content_end: usize,
    /// 0 for an outermost quote, 1 for a quote inside it, ...
    pub depth: usize,
    /// Parts of one quotation running over several paragraphs share this number.
    pub quotation: usize,
    /// `"` or `'`; `-` for speech a dialogue dash opens (packs with `dash_speech`).
    pub ch: char,
}

#[derive(Clone, Copy)]
struct Open {
    part_start: usize,
    ch: char,
    quotation: usize,
}

/// A line break in the normalized text: the offset of the space it became, and how many
/// newlines the original whitespace run held.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct LineBreak {
    /// Offset of the single space the whitespace run became.
    pub pos: usize,
    /// Number of newlines in the original run (2 or more: a blank line).
    pub newlines: u32,
    /// Index of the first token after the break.
    pub token: usize,
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Dir {
    Open,
    Close,
    Apostrophe,
}

fn char_before(norm: &str, pos: usize) -> Option<char> {
    norm[..pos].chars().next_back()
}

fn char_after(norm: &str, pos: usize) -> Option<char> {
    norm.get(pos + 1..).and_then(|s| s.chars().next())
}

/// Elided forms that start with an apostrophe: `'90s`, `'08`, `'n'`, `'em`, `'til`.
fn is_elision(norm: &str, pos: usize, glyph: QuoteGlyph) -> bool {
    let rest = norm.get(pos + 1..).unwrap_or("");
    let word: &str = rest.split(|c: char| !is_word_char(c)).next().unwrap_or("");
    let digits = word.bytes().take_while(u8::is_ascii_digit).count();
    if digits == 2 && (word.len() == 2 || &word[2..] == "s") {
        // '90s is an elision in any glyph; a bare '08 only when the glyph is not an opener,
        // since ‘25 Years of ...’ opens a title.
        return word.len() == 3 || glyph != QuoteGlyph::Opening;
    }
    super::lang::english().elisions.contains(word)
}

fn direction(norm: &str, mark: &QuoteMark, single_open: bool, same_open: bool) -> Dir {
    let prev = char_before(norm, mark.pos);
    let next = char_after(norm, mark.pos);
    let prev_word = prev.is_some_and(is_word_char);
    let next_word = next.is_some_and(is_word_char);
    if mark.ch == '\'' {
        if prev_word && next_word {
            return Dir::Apostrophe;
        }
        if !prev_word && next_word && is_elision(norm, mark.pos, mark.glyph) {
            return Dir::Apostrophe;
        }
        if mark.glyph == QuoteGlyph::Closing && next_word {
            return Dir::Apostrophe;
        }
        if prev_word && !next_word && !single_open {
            // leaders' talks: a plural possessive, since no single quote is open.
            return Dir::Apostrophe;
        }
    }
    let opens_ctx = prev
        .is_none_or(|c| matches!(c, ' ' | '(' | '[' | '{' | '-' | '/' | '"' | '\''))
        && next.is_some_and(|c| c != ' ');
    let closes_ctx = prev.is_some_and(|c| c != ' ') && next.is_none_or(|c| !is_word_char(c));
    match (opens_ctx, closes_ctx) {
        (true, false) => Dir::Open,
        (false, true) => Dir::Close,
        _ => match mark.glyph {
            QuoteGlyph::Opening => Dir::Open,
            QuoteGlyph::Closing => Dir::Close,
            QuoteGlyph::Straight if same_open => Dir::Close,
            QuoteGlyph::Straight => Dir::Open,
        },
    }
}

/// Pairs quote marks into regions. `marks` and `breaks` are sorted by offset.
pub(crate) fn regions(norm: &str, marks: &[QuoteMark], breaks: &[LineBreak]) -> Vec<QuoteRegion> {
    let mut out = Vec::new();
    let mut stack: Vec<Open> = Vec::new();
    let mut next_quotation = 0usize;
    let mut skip_mark: Option<usize> = None;
    let mut b = 0usize;
    for (i, mark) in marks.iter().enumerate() {
        while b < breaks.len() && breaks[b].pos < mark.pos {
            paragraph_break(
                norm,
                breaks[b],
                &marks[i..],
                &mut stack,
                &mut out,
                &mut skip_mark,
            );
            b += 1;
        }
        if skip_mark == Some(mark.pos) {
            skip_mark = None;
            continue;
        }
        let single_open = stack.iter().any(|o| o.ch == '\'');
        let same_open = stack.iter().any(|o| o.ch == mark.ch);
        match direction(norm, mark, single_open, same_open) {
            Dir::Apostrophe => {}
            Dir::Open => {
                if let Some(k) = stack.iter().position(|o| o.ch == mark.ch) {
                    stack.truncate(k);
                }
                stack.push(Open {
                    part_start: mark.pos,
                    ch: mark.ch,
                    quotation: next_quotation,
                });
                next_quotation += 1;
            }
            Dir::Close => {
                if let Some(k) = stack.iter().rposition(|o| o.ch == mark.ch) {
                    let open = stack[k];
                    stack.truncate(k);
                    // Marks around nothing that is a word (`""`, `" - "`) quote nothing.
                    let content = &norm[open.part_start + 1..mark.pos];
                    if !content.chars().any(is_word_char) {
                        continue;
                    }
                    let region = QuoteRegion {
                        start: open.part_start,
                        end: mark.pos + 1,
                        content_start: open.part_start + 1,
                        content_end: mark.pos,
                        depth: k,
                        quotation: open.quotation,
                        ch: open.ch,
                    };
                    push_paced(&mut out, region, mark.pos, norm.len());
                }
            }
        }
    }
    // Quotes still open at the end of the text were never closed: drop them.
    out.sort_by_key(|r| (r.start, std::cmp::Reverse(r.end)));
    out
}

/// Adds the direct speech that dialogue dashes open (see `Lang::dash_speech`) to `regions`,
/// where no quotation marks already cover it. In the normalized text every dash is `-`. A
/// paragraph whose first character is `-` followed by a space is speech up to the first `, - `
/// (or `!`, `?`, `.` before the dash: they stay with the speech), or to the paragraph's end;
/// after the author's words, `. - ` or `, - ` opens a second part of the same quotation, to the
/// paragraph's end. Each part is a region whose `start` is its dash and whose `end` is the end
/// of its words (no closing mark), with `ch` `-`.
pub(crate) fn add_dash_speech(norm: &str, breaks: &[LineBreak], regions: &mut Vec<QuoteRegion>) {
    let bytes = norm.as_bytes();
    let mut next_quotation = regions.iter().map(|r| r.quotation + 1).max().unwrap_or(0);
    let starts = std::iter::once(0).chain(breaks.iter().map(|b| b.pos + 1));
    let ends = breaks
        .iter()
        .map(|b| b.pos)
        .chain(std::iter::once(norm.len()));
    let mut found = Vec::new();
    for (ps, pe) in starts.zip(ends) {
        if ps + 2 > pe || bytes[ps] != b'-' || bytes[ps + 1] != b' ' {
            continue;
        }
        let para = &norm[ps..pe];
        // The speech ends at a dash after punctuation: ", - ", "! - ", "? - ", ". - ".
        let close = |from: usize| -> Option<(usize, usize)> {
            let mut k = from;
            while let Some(i) = para[k..].find(" - ") {
                let at = k + i;
                match para[..at].chars().next_back() {
                    Some(',') => return Some((at - 1, at + 3)),
                    Some('!' | '?' | '.') => return Some((at, at + 3)),
                    _ => k = at + 3,
                }
            }
            None
        };
        let content_start = 2;
        let trimmed_end = para.trim_end().len();
        let quotation = next_quotation;
        next_quotation += 1;
        let mut push = |s: usize, cs: usize, ce: usize| {
            // A dash with nothing after it but spaces ("- " once invisible chars are dropped)
            // ends before its speech would start: no region.
            if ce > cs && norm[ps + cs..ps + ce].chars().any(is_word_char) {
                found.push(QuoteRegion {
                    start: ps + s,
                    end: ps + ce,
                    content_start: ps + cs,
                    content_end: ps + ce,
                    depth: 0,
                    quotation,
                    ch: '-',
                });
            }
        };
        match close(content_start) {
            None => push(0, content_start, trimmed_end),
            Some((content_end, author)) => {
                push(0, content_start, content_end);
                // The speech goes on after the author's words: ". - " or ", - ".
                let mut k = author;
                while let Some(i) = para[k..].find(" - ") {
                    let at = k + i;
                    if matches!(para[..at].chars().next_back(), Some('.' | ',')) {
                        push(at + 1, at + 3, trimmed_end);
                        break;
                    }
                    k = at + 3;
                }
            }
        }
    }
    // Quotation marks already cover it, or it covers them: keep the marks' regions. `regions`
    // is sorted by start: a dash region overlaps one of them when the furthest end among those
    // starting before its end lies past its start (a binary search each, so a document of many
    // dialogue lines and quotations stays linear).
    let mut furthest = Vec::with_capacity(regions.len());
    let mut far = 0;
    for r in regions.iter() {
        far = far.max(r.end);
        furthest.push(far);
    }
    found.retain(|d| {
        let before = regions.partition_point(|r| r.start < d.end);
        before == 0 || furthest[before - 1] <= d.start
    });
    if !found.is_empty() {
        regions.extend(found);
        regions.sort_by_key(|r| (r.start, std::cmp::Reverse(r.end)));
    }
}

fn paragraph_break(
    norm: &str,
    brk: LineBreak,
    rest: &[QuoteMark],
    stack: &mut Vec<Open>,
    out: &mut Vec<QuoteRegion>,
    skip_mark: &mut Option<usize>,
) {
    let Some(outer) = stack.first().copied() else {
        return;
    };
    let reopens = rest.first().is_some_and(|m| {
        m.pos == brk.pos + 1 && m.ch == outer.ch && direction(norm, m, false, false) == Dir::Open
    });
    if reopens {
        let Some(next) = rest.first() else { return };
        out.push(QuoteRegion {
            start: outer.part_start,
            end: brk.pos,
            content_start: outer.part_start + 1,
            content_end: brk.pos,
            depth: 0,
            quotation: outer.quotation,
            ch: outer.ch,
        });
        stack.truncate(1);
        stack[0].part_start = next.pos;
        *skip_mark = Some(next.pos);
    } else {
        stack.clear();
    }
}
