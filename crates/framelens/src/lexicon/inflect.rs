//! English inflections for lexicon lemmas, so an entry can say `lemma = "accuse"`,
//! `pos = "verb"` and match accuses, accused, accusing.
//!
//! The forms come from an English inflection table (`data/en/inflections.tsv`: 23,600 verbs,
//! nouns and adjectives of the SPECIALIST Lexicon, through LemmInflect; see
//! `scripts/build_inflections.py`), so "see" gives saw, seen, sees, seeing (not "seed") and
//! "refer" gives referred (not "refered"); an adjective also gets its comparatives and the
//! adverb and nouns derived from it that are words ("bad": worse, worst, badly, badness). A
//! lemma the table does not know is inflected by regular rules.
//!
//! For a multiword lemma the head word is inflected: the first word of a verb phrase
//! ("hatch plots" -> "hatched plots"), the last word of a noun phrase ("witch hunt" ->
//! "witch hunts").
//!
//! ```
//! use framelens::lexicon::inflect::{forms, Pos};
//!
//! assert_eq!(forms("accuse", Pos::Verb, false), ["accuse", "accused", "accusing", "accuses"]);
//! assert!(forms("see", Pos::Verb, false).contains(&"saw".to_string()));
//! assert!(forms("admit", Pos::Verb, true).contains(&"admitted".to_string()));
//! assert!(forms("hatch plots", Pos::Verb, false).contains(&"hatched plots".to_string()));
//! assert!(forms("witch hunt", Pos::Noun, false).contains(&"witch hunts".to_string()));
//! ```

use std::collections::HashMap;
use std::sync::OnceLock;

/// The part of speech whose inflections a lemma gets.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Pos {
    /// -s, -ed, -ing.
    Verb,
    /// plural.
    Noun,
    /// comparatives, and the derived adverb and nouns.
    Adj,
    /// no inflection.
    Other,
}

impl Pos {
    /// Parses `verb`, `noun`, `adj` or `other`.
    pub fn parse(s: &str) -> Option<Pos> {
        Some(match s {
            "verb" => Pos::Verb,
            "noun" => Pos::Noun,
            "adj" => Pos::Adj,
            "other" | "adv" | "phrase" => Pos::Other,
            _ => return None,
        })
    }
}

fn is_vowel(c: u8) -> bool {
    matches!(c, b'a' | b'e' | b'i' | b'o' | b'u')
}

fn vowel_groups(w: &[u8]) -> usize {
    let mut n = 0;
    let mut prev = false;
    for &c in w {
        let v = is_vowel(c) || c == b'y';
        if v && !prev {
            n += 1;
        }
        prev = v;
    }
    n
}

/// Doubles the final consonant before -ed/-ing: slam -> slamm-, but not "claim" or "open".
fn doubles(w: &[u8], force: bool) -> bool {
    let n = w.len();
    if n < 3 {
        return false;
    }
    let (a, b, c) = (w[n - 3], w[n - 2], w[n - 1]);
    let cvc = !is_vowel(a) && is_vowel(b) && !is_vowel(c) && !matches!(c, b'w' | b'x' | b'y');
    cvc && (force || vowel_groups(w) == 1)
}

fn verb_forms(w: &str, double: bool) -> Vec<String> {
    let b = w.as_bytes();
    let n = b.len();
    let mut out = vec![w.to_string()];
    if n == 0 || !w.is_ascii() {
        return out;
    }
    let last = b[n - 1];
    let third = if w.ends_with('s')
        || w.ends_with('x')
        || w.ends_with("ch")
        || w.ends_with("sh")
        || w.ends_with('z')
        || w.ends_with('o')
    {
        format!("{w}es")
    } else if last == b'y' && n > 1 && !is_vowel(b[n - 2]) {
        format!("{}ies", &w[..n - 1])
    } else {
        format!("{w}s")
    };
    let (past, ing) = if last == b'e' {
        let stem = &w[..n - 1];
        let ing = if w.ends_with("ee") || w.ends_with("ye") || w.ends_with("oe") {
            format!("{w}ing")
        } else if w.ends_with("ie") {
            format!("{}ying", &w[..n - 2])
        } else {
            format!("{stem}ing")
        };
        (format!("{w}d"), ing)
    } else if last == b'y' && n > 1 && !is_vowel(b[n - 2]) {
        (format!("{}ied", &w[..n - 1]), format!("{w}ing"))
    } else if doubles(b, double) {
        let c = last as char;
        (format!("{w}{c}ed"), format!("{w}{c}ing"))
    } else {
        (format!("{w}ed"), format!("{w}ing"))
    };
    out.extend([third, past, ing]);
    out
}

fn noun_forms(w: &str) -> Vec<String> {
    let b = w.as_bytes();
    let n = b.len();
    let mut out = vec![w.to_string()];
    if n == 0 || !w.is_ascii() {
        return out;
    }
    let plural = if w.ends_with("is") && n > 3 {
        format!("{}es", &w[..n - 2])
    } else if w.ends_with('s')
        || w.ends_with('x')
        || w.ends_with("ch")
        || w.ends_with("sh")
        || w.ends_with('z')
    {
        format!("{w}es")
    } else if b[n - 1] == b'y' && n > 1 && !is_vowel(b[n - 2]) {
        format!("{}ies", &w[..n - 1])
    } else {
        format!("{w}s")
    };
    out.push(plural);
    out
}

fn adj_forms(w: &str) -> Vec<String> {
    let n = w.len();
    let mut out = vec![w.to_string()];
    if n < 3 || !w.is_ascii() {
        return out;
    }
    let adverb = if w.ends_with("ly") {
        return out;
    } else if w.ends_with("ic") {
        format!("{w}ally")
    } else if w.ends_with("le") && !w.ends_with("ile") {
        format!("{}y", &w[..n - 1])
    } else if w.ends_with('y') && !is_vowel(w.as_bytes()[n - 2]) {
        format!("{}ily", &w[..n - 1])
    } else if w.ends_with("ll") {
        format!("{w}y")
    } else {
        format!("{w}ly")
    };
    out.push(adverb);
    out
}

/// The inflection table, parsed on first use: (lemma, part of speech) -> forms.
fn table() -> &'static HashMap<(&'static str, Pos), Vec<&'static str>> {
    static TABLE: OnceLock<HashMap<(&'static str, Pos), Vec<&'static str>>> = OnceLock::new();
    TABLE.get_or_init(|| {
        include_str!("../../data/en/inflections.tsv")
            .lines()
            .filter(|l| !l.starts_with('#'))
            .filter_map(|l| {
                let mut cols = l.split('\t');
                let (lemma, pos, forms) = (cols.next()?, cols.next()?, cols.next()?);
                Some(((lemma, Pos::parse(pos)?), forms.split(' ').collect()))
            })
            .collect()
    })
}

/// The lemma of an inflected or derived form in the table (`"accused"` -> `"accuse"`), the
/// first listed when several lemmas share the form; None for a form the table does not list
/// (lemmas themselves included).
pub fn lemma(form: &str) -> Option<&'static str> {
    static LEMMAS: OnceLock<HashMap<&'static str, &'static str>> = OnceLock::new();
    LEMMAS
        .get_or_init(|| {
            let mut out = HashMap::new();
            for line in include_str!("../../data/en/inflections.tsv").lines() {
                if line.starts_with('#') {
                    continue;
                }
                let mut cols = line.split('\t');
                let (Some(lemma), Some(_), Some(forms)) = (cols.next(), cols.next(), cols.next())
                else {
                    continue;
                };
                for f in forms.split(' ').filter(|f| *f != lemma) {
                    out.entry(f).or_insert(lemma);
                }
            }
            out
        })
        .get(form)
        .copied()
}

/// The forms of one word: the table's, else the regular rules'.
fn word_forms(word: &str, pos: Pos, double: bool) -> Vec<String> {
    if let Some(forms) = table().get(&(word, pos)) {
        return std::iter::once(word)
            .chain(forms.iter().copied())
            .map(str::to_string)
            .collect();
    }
    match pos {
        Pos::Verb => verb_forms(word, double),
        Pos::Noun => noun_forms(word),
        Pos::Adj => adj_forms(word),
        Pos::Other => vec![word.to_string()],
    }
}

/// All forms of `lemma` for `pos` (the lemma itself first). `double` forces consonant doubling
/// for a verb the table does not know, of more than one syllable stressed on the last
/// (admit -> admitted).
pub fn forms(lemma: &str, pos: Pos, double: bool) -> Vec<String> {
    let words: Vec<&str> = lemma.split_whitespace().collect();
    let Some((&first, rest)) = words.split_first() else {
        return Vec::new();
    };
    match pos {
        Pos::Verb => word_forms(first, Pos::Verb, double)
            .into_iter()
            .map(|f| {
                std::iter::once(f.as_str())
                    .chain(rest.iter().copied())
                    .collect::<Vec<_>>()
                    .join(" ")
            })
            .collect(),
        Pos::Noun => {
            let (&last, init) = words.split_last().unwrap_or((&first, &[]));
            word_forms(last, Pos::Noun, false)
                .into_iter()
                .map(|f| {
                    init.iter()
                        .copied()
                        .chain(std::iter::once(f.as_str()))
                        .collect::<Vec<_>>()
                        .join(" ")
                })
                .collect()
        }
        Pos::Adj if rest.is_empty() => word_forms(first, Pos::Adj, false),
        _ => vec![words.join(" ")],
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// (lemma, part of speech, forced doubling, every form, in any order)
    #[rustfmt::skip]
    const CASES: &[(&str, Pos, bool, &[&str])] = &[
        ("accuse", Pos::Verb, false, &["accuse", "accuses", "accused", "accusing"]),
        ("slam", Pos::Verb, false, &["slam", "slams", "slammed", "slamming"]),
        ("claim", Pos::Verb, false, &["claim", "claims", "claimed", "claiming"]),
        ("admit", Pos::Verb, false, &["admit", "admits", "admitted", "admitting"]),
        ("deny", Pos::Verb, false, &["deny", "denies", "denied", "denying"]),
        // Irregular verbs and doubling the rules got wrong ("seed", "refered").
        ("see", Pos::Verb, false, &["see", "sees", "saw", "seen", "seeing"]),
        ("refer", Pos::Verb, false, &["refer", "refers", "referred", "referring"]),
        ("tell", Pos::Verb, false, &["tell", "tells", "told", "telling"]),
        ("hatch plots", Pos::Verb, false, &["hatch plots", "hatches plots", "hatched plots", "hatching plots"]),
        // A verb no table knows: the rules, and `double` where asked.
        ("zorgle", Pos::Verb, false, &["zorgle", "zorgles", "zorgled", "zorgling"]),
        ("blarpet", Pos::Verb, true, &["blarpet", "blarpets", "blarpetted", "blarpetting"]),
        // Adjectives: comparatives, and the adverb and nouns that are words.
        ("baseless", Pos::Adj, false, &["baseless", "baselessly"]),
        ("angry", Pos::Adj, false, &["angry", "angrier", "angriest", "angrily"]),
        ("bad", Pos::Adj, false, &["bad", "worse", "worst", "badly", "badness"]),
        ("reckless", Pos::Adj, false, &["reckless", "recklessly", "recklessness"]),
        ("absurd", Pos::Adj, false, &["absurd", "absurdly", "absurdity"]),
        ("terrible", Pos::Adj, false, &["terrible", "terribly"]),
        ("witch hunt", Pos::Noun, false, &["witch hunt", "witch hunts"]),
        ("atrocity", Pos::Noun, false, &["atrocity", "atrocities"]),
        ("crisis", Pos::Noun, false, &["crisis", "crises"]),
    ];

    #[test]
    fn inflections_and_derivations() {
        let mut failures = Vec::new();
        for &(lemma, pos, double, want) in CASES {
            let got = forms(lemma, pos, double);
            let mut sorted = got.clone();
            sorted.sort();
            let mut want: Vec<String> = want.iter().map(|w| w.to_string()).collect();
            want.sort();
            if sorted != want || got[0] != lemma {
                failures.push(format!("{lemma}: got {got:?}, want {want:?} (lemma first)"));
            }
        }
        assert!(failures.is_empty(), "{}", failures.join("\n"));
    }
}
