//! The shape of a dateline at the start of a paragraph: `Tehran, April 17, IRNA -`,
//! `WASHINGTON (Reuters) -`, `MOSCOW, Jan. 5 (AP) —`, `GENEVA —`, and the wire style's place with
//! a region: `FRANKFORT, Ky. (AP) —`, `WOLFEBORO, N.H. --`, `PHILADELPHIA, Pennsylvania —`.
//! Photo captions and labels shaped like one (`FILE - In this photo ...`, `FILE PHOTO -`) are
//! not datelines. The parts are read left to right, each token looked at once or twice.
//!
//! The sentence splitter uses it so a dateline does not glue onto the first sentence; the
//! provenance detector reads the same parts (place, date, agency) as spans.
//!
//! ```
//! use framelens::text::Prepared;
//!
//! let prepared = Prepared::new("WASHINGTON (Reuters) - The Senate voted.");
//! let sentences: Vec<&str> =
//!     prepared.sentences.iter().map(|s| &prepared.norm[s.start..s.end]).collect();
//! assert_eq!(sentences, ["washington (reuters) -", "the senate voted."]);
//! ```

use super::lang::Lang;
use super::tokens::{Token, TokenKind};

/// Token index ranges of the parts of a dateline (end exclusive).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DatelineShape {
    /// The place ("Tehran", "NEW YORK").
    pub place: (usize, usize),
    /// The state, province or country after the place ("Ky", "N.H", "Syria"), if any.
    pub region: Option<(usize, usize)>,
    /// The date ("April 17", "Jan. 5, 2018"), if any.
    pub date: Option<(usize, usize)>,
    /// The agency ("IRNA", "Reuters"), if any.
    pub agency: Option<(usize, usize)>,
    /// Index of the last dash token that ends the dateline.
    pub dash: usize,
}

const MAX_PLACE_WORDS: usize = 4;
const MAX_AGENCY_WORDS: usize = 4;
const MAX_REGION_WORDS: usize = 4;
/// Longest capitalized word taken as a region abbreviation without the list ("Penn.", "Nebr.").
const MAX_ABBREVIATION_BYTES: usize = 5;

fn text<'a>(norm: &'a str, t: &Token) -> &'a str {
    &norm[t.range()]
}

fn is_punct(norm: &str, t: &Token, c: &str) -> bool {
    t.kind == TokenKind::Punct && text(norm, t) == c
}

/// Recognizes a dateline starting at token `i`; returns its parts.
pub(crate) fn dateline_shape(
    norm: &str,
    tokens: &[Token],
    i: usize,
    lang: &Lang,
) -> Option<DatelineShape> {
    let tok = |k: usize| tokens.get(k);
    let is_cap_word = |k: usize| tok(k).is_some_and(|t| t.kind == TokenKind::Word && t.cap);
    let is_punct_at = |k: usize, c: &str| tok(k).is_some_and(|t| is_punct(norm, t, c));
    // Place: capitalized words, allowing "St. Louis" and "Rio de Janeiro".
    let mut k = i;
    let mut words = 0;
    while is_cap_word(k) && words < MAX_PLACE_WORDS {
        if lang.months.contains(text(norm, &tokens[k])) && words > 0 {
            break;
        }
        words += 1;
        k += 1;
        if is_punct_at(k, ".") && is_cap_word(k + 1) {
            k += 1;
            continue;
        }
        let mut j = k;
        while tok(j).is_some_and(|t| {
            t.kind == TokenKind::Word && !t.cap && lang.place_joiners.contains(text(norm, t))
        }) && j - k < 2
        {
            j += 1;
        }
        if j > k && is_cap_word(j) && words < MAX_PLACE_WORDS {
            k = j;
        }
    }
    if words == 0 {
        return None;
    }
    let place = (i, k);
    // A caption or label shaped like a dateline ("FILE -", "FILE PHOTO -").
    if k - i <= 3 {
        let mut key = String::new();
        for t in &tokens[i..k] {
            if !key.is_empty() {
                key.push(' ');
            }
            key.push_str(text(norm, t));
        }
        if lang.not_places.contains(&key) {
            return None;
        }
    }
    // ", Region": a listed state, province or country (the longest of up to four words), else a
    // short word with a period ("Penn.") or words before an agency in parentheses.
    let mut region = None;
    if is_punct_at(k, ",")
        && is_cap_word(k + 1)
        && !lang.months.contains(text(norm, &tokens[k + 1]))
    {
        let start = k + 1;
        let mut m = start;
        let mut key = String::new();
        let mut listed = None;
        while is_cap_word(m) && m - start < MAX_REGION_WORDS {
            if m > start {
                key.push(' ');
            }
            key.push_str(text(norm, &tokens[m]));
            m += 1;
            if lang.regions.contains(&key) {
                listed = Some(m);
            }
        }
        let glued_period =
            |e: usize| is_punct_at(e, ".") && tokens[e].start() == tokens[e - 1].end();
        let abbreviation = m == start + 1
            && glued_period(m)
            && tokens[start].end() - tokens[start].start() <= MAX_ABBREVIATION_BYTES;
        let before_agency = is_punct_at(m, "(");
        if let Some(end) = listed.or((abbreviation || before_agency).then_some(m)) {
            region = Some((start, end));
            k = end;
            if glued_period(k) {
                k += 1;
            }
        }
    }
    let mut date = None;
    let mut agency = None;
    // ", Month Day[, Year]"
    if tok(k).is_some_and(|t| is_punct(norm, t, ","))
        && is_cap_word(k + 1)
        && lang.months.contains(text(norm, &tokens[k + 1]))
    {
        let start = k + 1;
        let mut m = k + 2;
        if tok(m).is_some_and(|t| is_punct(norm, t, ".")) {
            m += 1;
        }
        if tok(m).is_some_and(|t| t.kind == TokenKind::Number && t.end() - t.start() <= 2) {
            m += 1;
            if tok(m).is_some_and(|t| is_punct(norm, t, ","))
                && tok(m + 1)
                    .is_some_and(|t| t.kind == TokenKind::Number && t.end() - t.start() == 4)
            {
                m += 2;
            }
            date = Some((start, m));
            k = m;
        } else {
            return None;
        }
    }
    // ", AGENCY" or "(AGENCY)"
    if tok(k).is_some_and(|t| is_punct(norm, t, "(")) {
        let start = k + 1;
        let mut m = start;
        while is_cap_word(m) && m - start < MAX_AGENCY_WORDS {
            m += 1;
        }
        if m == start || !tok(m).is_some_and(|t| is_punct(norm, t, ")")) {
            return None;
        }
        agency = Some((start, m));
        k = m + 1;
    } else if tok(k).is_some_and(|t| is_punct(norm, t, ",")) && is_cap_word(k + 1) {
        let start = k + 1;
        let mut m = start;
        while is_cap_word(m) && m - start < MAX_AGENCY_WORDS {
            m += 1;
        }
        agency = Some((start, m));
        k = m;
    }
    // The dash (or dashes: "--"), spaced from the place, with text after it.
    let dash_start = k;
    while tok(k).is_some_and(|t| is_punct(norm, t, "-")) {
        k += 1;
    }
    if k == dash_start || k >= tokens.len() {
        return None;
    }
    let before = &tokens[dash_start - 1];
    let glued_before =
        tokens[dash_start].start() == before.end() && before.kind != TokenKind::Punct;
    let spaced_after = tokens[k].start() > tokens[k - 1].end();
    if glued_before && !(spaced_after && tokens[k].cap) {
        // "Tehran- and Moscow-based" is a compound in progress, not a dateline dash;
        // "LAS VEGAS— Hillary" (a dash glued to the place, a space and a capital) is a dateline.
        return None;
    }
    Some(DatelineShape {
        place,
        region,
        date,
        agency,
        dash: k - 1,
    })
}
