//! Regular English inflections for lexicon lemmas, so an entry can say `lemma = "accuse"`,
//! `pos = "verb"` and match accuses, accused, accusing. Irregular forms are listed as terms.
//!
//! For a multiword lemma the head word is inflected: the first word of a verb phrase
//! ("hatch plots" -> "hatched plots"), the last word of a noun phrase ("witch hunt" ->
//! "witch hunts").
//!
//! ```
//! use framelens::lexicon::inflect::{forms, Pos};
//!
//! assert_eq!(forms("accuse", Pos::Verb, false), ["accuse", "accuses", "accused", "accusing"]);
//! assert!(forms("admit", Pos::Verb, true).contains(&"admitted".to_string()));
//! assert!(forms("hatch plots", Pos::Verb, false).contains(&"hatched plots".to_string()));
//! assert!(forms("witch hunt", Pos::Noun, false).contains(&"witch hunts".to_string()));
//! ```

/// The part of speech whose inflections a lemma gets.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Pos {
    /// -s, -ed, -ing.
    Verb,
    /// plural.
    Noun,
    /// the -ly adverb.
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

/// All forms of `lemma` for `pos` (the lemma itself first). `double` forces consonant doubling
/// for verbs of more than one syllable stressed on the last (admit -> admitted).
pub fn forms(lemma: &str, pos: Pos, double: bool) -> Vec<String> {
    let words: Vec<&str> = lemma.split_whitespace().collect();
    let Some((&first, rest)) = words.split_first() else {
        return Vec::new();
    };
    match pos {
        Pos::Verb => verb_forms(first, double)
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
            noun_forms(last)
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
        Pos::Adj if rest.is_empty() => adj_forms(first),
        _ => vec![words.join(" ")],
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn regular_inflections() {
        let cases: &[(&str, Pos, bool, &[&str])] = &[
            (
                "accuse",
                Pos::Verb,
                false,
                &["accuse", "accuses", "accused", "accusing"],
            ),
            (
                "slam",
                Pos::Verb,
                false,
                &["slam", "slams", "slammed", "slamming"],
            ),
            (
                "claim",
                Pos::Verb,
                false,
                &["claim", "claims", "claimed", "claiming"],
            ),
            (
                "admit",
                Pos::Verb,
                true,
                &["admit", "admits", "admitted", "admitting"],
            ),
            (
                "deny",
                Pos::Verb,
                false,
                &["deny", "denies", "denied", "denying"],
            ),
            (
                "hatch plots",
                Pos::Verb,
                false,
                &[
                    "hatch plots",
                    "hatches plots",
                    "hatched plots",
                    "hatching plots",
                ],
            ),
            ("baseless", Pos::Adj, false, &["baseless", "baselessly"]),
            ("angry", Pos::Adj, false, &["angry", "angrily"]),
            ("terrible", Pos::Adj, false, &["terrible", "terribly"]),
            ("horrific", Pos::Adj, false, &["horrific", "horrifically"]),
            (
                "witch hunt",
                Pos::Noun,
                false,
                &["witch hunt", "witch hunts"],
            ),
            ("atrocity", Pos::Noun, false, &["atrocity", "atrocities"]),
            ("crisis", Pos::Noun, false, &["crisis", "crises"]),
        ];
        for (lemma, pos, double, want) in cases {
            assert_eq!(forms(lemma, *pos, *double), *want, "lemma {lemma}");
        }
    }
}
