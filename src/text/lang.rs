//! Language data the text engine needs (abbreviations, sentence openers, month names), read from
//! `data/text_en.toml`, compiled in and parsed once.

use std::collections::HashSet;
use std::sync::OnceLock;

use serde::Deserialize;

const TEXT_EN: &str = include_str!("../../data/text_en.toml");

/// The parsed language data.
#[derive(Debug)]
pub(crate) struct Lang {
    pub never_final: HashSet<String>,
    pub before_number: HashSet<String>,
    pub maybe_final: HashSet<String>,
    pub openers: HashSet<String>,
    pub months: HashSet<String>,
}

#[derive(Deserialize)]
struct Raw {
    abbreviations: RawAbbr,
    sentence: RawSentence,
    dateline: RawDateline,
}

#[derive(Deserialize)]
struct RawAbbr {
    never_final: Vec<String>,
    before_number: Vec<String>,
    maybe_final: Vec<String>,
}

#[derive(Deserialize)]
struct RawSentence {
    openers: Vec<String>,
}

#[derive(Deserialize)]
struct RawDateline {
    months: Vec<String>,
}

/// The English language data, parsed on first use.
pub(crate) fn english() -> &'static Lang {
    static LANG: OnceLock<Lang> = OnceLock::new();
    LANG.get_or_init(|| {
        // The file is compiled in and validated by the test below, so a parse failure here is a
        // build defect, not an input error.
        let raw: Raw = toml::from_str(TEXT_EN).expect("data/text_en.toml is valid");
        let set = |v: Vec<String>| v.into_iter().collect::<HashSet<_>>();
        Lang {
            never_final: set(raw.abbreviations.never_final),
            before_number: set(raw.abbreviations.before_number),
            maybe_final: set(raw.abbreviations.maybe_final),
            openers: set(raw.sentence.openers),
            months: set(raw.dateline.months),
        }
    })
}

#[cfg(test)]
mod tests {
    #[test]
    fn language_data_parses_and_is_lowercase() {
        let lang = super::english();
        assert!(lang.never_final.contains("mr"));
        assert!(lang.maybe_final.contains("u.s"));
        assert!(lang.months.contains("april"));
        for set in [
            &lang.never_final,
            &lang.maybe_final,
            &lang.openers,
            &lang.months,
        ] {
            for w in set {
                assert_eq!(w, &w.to_lowercase());
            }
        }
    }
}
