//! Language data the text engine and the detectors need (abbreviations, sentence openers, month
//! names, negation and intensifiers, attribution and provenance word lists), read from each
//! language pack's `text.toml` (folded by its `script.toml`), compiled in and parsed once.

use std::sync::OnceLock;

use rustc_hash::{FxHashMap, FxHashSet};

use serde::Deserialize;

/// A set of lowercase words, looked up by `&str` on nearly every token: a bitmask over each
/// word's first byte and length rules most tokens out before the (fast) hash set is probed.
#[derive(Clone, Debug)]
pub struct WordSet {
    words: FxHashSet<String>,
    /// Bit `min(len, 63)` of `shapes[first byte % 64]` is set for every word.
    shapes: [u64; 64],
}

impl WordSet {
    /// Whether `word` is in the set.
    #[inline]
    pub fn contains(&self, word: &str) -> bool {
        match word.as_bytes().first() {
            Some(&b) => {
                self.shapes[usize::from(b & 63)] >> word.len().min(63) & 1 != 0
                    && self.words.contains(word)
            }
            None => self.words.contains(word),
        }
    }

    /// Whether the set has no word.
    pub fn is_empty(&self) -> bool {
        self.words.is_empty()
    }

    /// The words, in no particular order.
    #[cfg(test)]
    pub fn iter(&self) -> impl Iterator<Item = &str> {
        self.words.iter().map(String::as_str)
    }
}

impl Default for WordSet {
    fn default() -> Self {
        std::iter::empty().collect()
    }
}

impl FromIterator<String> for WordSet {
    fn from_iter<I: IntoIterator<Item = String>>(iter: I) -> Self {
        let mut set = WordSet {
            words: FxHashSet::default(),
            shapes: [0; 64],
        };
        for word in iter {
            if let Some(&b) = word.as_bytes().first() {
                set.shapes[usize::from(b & 63)] |= 1 << word.len().min(63);
            }
            set.words.insert(word);
        }
        set
    }
}

impl<'de> Deserialize<'de> for WordSet {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        Ok(Vec::<String>::deserialize(d)?.into_iter().collect())
    }
}

/// The parsed language data.
#[derive(Debug)]
pub struct Lang {
    pub never_final: WordSet,
    pub before_number: WordSet,
    pub maybe_final: WordSet,
    pub openers: WordSet,
    pub months: WordSet,
    /// Regions a dateline writes after its place (states, provinces, countries).
    pub regions: WordSet,
    /// Lowercase words inside a place name ("de" in "Rio de Janeiro").
    pub place_joiners: WordSet,
    /// Dateline-shaped openings that are labels, not places ("file", "file photo").
    pub not_places: WordSet,
    /// One-word negation cues.
    pub negators: WordSet,
    /// Two-word negation cues: for each second word, the first words before it.
    pub negator_pairs: FxHashMap<String, Vec<String>>,
    /// The second words of the two-word negation cues (the keys of `negator_pairs`).
    pub negator_seconds: WordSet,
    /// How many words before a marker a negation reaches.
    pub negation_window: usize,
    /// Degree words that strengthen the next marker.
    pub intensifiers: WordSet,
    /// How much one intensifier multiplies the next marker's weight.
    pub intensifier_factor: f32,
    /// Attribution word lists.
    pub attribution: Attribution,
    /// Speaker-type word lists.
    pub speakers: Speakers,
    /// Provenance line openings.
    pub provenance: ProvenanceLines,
    /// Words an apostrophe shortens at their start ('em): the mark is not a quote.
    pub elisions: WordSet,
    /// A dash opening a paragraph opens direct speech, up to `, —` (or `!`, `?`, `.`) and the
    /// author's words, which a dash after `.` or `,` may close again (Russian dialogue).
    pub dash_speech: bool,
    /// Proper names that hold a frame cue ("House Judiciary Committee").
    pub names: Names,
    /// The pack's language code.
    pub code: &'static str,
    /// The script rules of the pack.
    pub script: crate::pack::Script,
    /// The punctuation that ends a sentence: `.!?` and the script's own.
    pub terminals: String,
    /// The script's folding, by char.
    pub fold: FxHashMap<char, String>,
}

/// When a capitalized frame cue is part of a proper name (an organisation, an office, a work:
/// "Vessmark Entertainment Inc.", "Department of Health and Human Services"), which names its
/// subject rather than framing it: a run of at least `min_words` capitalized words around it,
/// or of two joined by one of `connectors`. `min_words` 0 turns the guard off.
#[derive(Debug, Default, Deserialize)]
pub struct Names {
    pub min_words: usize,
    pub connectors: WordSet,
}

/// Paragraph openings the provenance detector recognizes (lowercase).
#[derive(Debug, Deserialize)]
pub struct ProvenanceLines {
    pub source: Vec<String>,
    pub original: Vec<String>,
    pub copyright: Vec<String>,
    pub credit: Vec<String>,
    pub promo: Vec<String>,
}

/// Word lists the attribution detector uses.
#[derive(Debug, Deserialize)]
pub struct Attribution {
    pub determiners: WordSet,
    pub relatives: WordSet,
    pub complementizers: WordSet,
    pub group_heads: WordSet,
    pub pronouns: WordSet,
    pub between: WordSet,
    /// Endings of manner adverbs ("ly": "baselessly", "falsely"): a lowercase word with one,
    /// of at least five letters, stands between a speaker and its cue as the `between` words
    /// do ("officials baselessly claim"), unless it is one of `not_adverbs` (nouns and
    /// adjectives with the ending that end a speaker phrase: "the family said").
    #[serde(default)]
    pub adverb_endings: Vec<String>,
    #[serde(default = "empty_set")]
    pub not_adverbs: WordSet,
    /// The endings of a participle ("saying", "calling it"): a participle cue after a comma
    /// shares the sentence's subject or an earlier cue's speaker.
    #[serde(default)]
    pub participle_endings: Vec<String>,
    /// Subjects that stand for no one ("it") and the auxiliaries of a passive ("is", "was"):
    /// before a passive cue ("It is believed that ...") they leave the attribution without a
    /// speaker.
    #[serde(default = "empty_set")]
    pub expletives: WordSet,
    #[serde(default = "empty_set")]
    pub passive_auxiliaries: WordSet,
    /// Cues (entry ids) whose subject is what is perceived ("the plan seems doomed"): they
    /// name a speaker only before `to` and a verb not in `raising_copulas` ("voters seem to
    /// think").
    #[serde(default = "empty_set")]
    pub raising_cues: WordSet,
    #[serde(default = "empty_set")]
    pub raising_copulas: WordSet,
    pub boundaries: WordSet,
    pub addressees: Vec<String>,
    pub anonymous_markers: Vec<String>,
    pub anonymous_heads: WordSet,
    pub collective_heads: WordSet,
    pub titles: WordSet,
    pub clause_cues: WordSet,
    pub to_cues: WordSet,
    pub that_cues: WordSet,
    pub to_only_cues: WordSet,
    /// Cues that report speech only next to a quotation: verbs of the manner of speaking
    /// ("sighed", "roared"), which without one describe a sound ("the crowd roared").
    #[serde(default = "empty_set")]
    pub quote_cues: WordSet,
    pub clause_openers: WordSet,
    pub nominal_cues: WordSet,
    /// Endings that mark a lowercase word as an adjective ("mayoral", "economic"), so that "his
    /// mayoral" before "hopes" is read as part of a noun phrase, not a speaker.
    pub adjective_suffixes: Vec<String>,
    pub possessive_pronouns: std::collections::BTreeMap<String, String>,
    /// Lowercase words a quoted title may hold inside ("The Lord of the Rings"): a quotation of
    /// capitalized words and these is a title, not someone's words.
    #[serde(default = "empty_set")]
    pub title_small_words: WordSet,
    /// Names and titles are quoted in sentence case (Russian: «Газпром», «Слуга народа», «Война
    /// и мир»): a quotation inside a sentence whose first word is capitalized, of at most five
    /// words and no sentence punctuation, is a name or a title, not someone's words and no
    /// scare quote.
    #[serde(default)]
    pub sentence_case_titles: bool,
    /// Nouns that a name in quotation marks follows ("the tanker "Orion"", «حزب "الأمل"»:
    /// newspapers, parties, companies, ships, works): a quotation right after one, with no
    /// sentence punctuation, is a name, not someone's words and no scare quote. In a caseless
    /// script (Arabic) it has at most five words and the noun may carry a clitic prefix (`وال`,
    /// `بال`); in a cased one it is one capitalized word (longer names are titles already).
    #[serde(default = "empty_set")]
    pub name_nouns: WordSet,
    /// Adjectives that may stand between a name noun and its quoted name, by shape: a word that
    /// starts with one of `name_adjective_prefixes` and ends with one of
    /// `name_adjective_endings` (Arabic: the article and a nisba ending, «الصحيفة الأمريكية
    /// "نيويورك تايمز"»). At most two; none where the lists are empty.
    #[serde(default)]
    pub name_adjective_prefixes: Vec<String>,
    #[serde(default)]
    pub name_adjective_endings: Vec<String>,
    /// Auxiliaries and modals ("are", "would"): in a speaker phrase before its cue, one that no
    /// relative word ("who", "which") precedes means the phrase runs over a clause boundary
    /// ("people in the industry are | growing worried"), so it is no speaker.
    #[serde(default = "empty_set")]
    pub clause_verbs: WordSet,
    /// Words no speaker phrase ends with (prepositions, "to", determiners: "pledged to | seek")
    /// or holds anywhere (question words: "what people think").
    #[serde(default = "empty_set")]
    pub speaker_never_last: WordSet,
    #[serde(default = "empty_set")]
    pub speaker_never_inside: WordSet,
    /// Words no speaker phrase opens with (prepositions: "to employees about ...").
    #[serde(default = "empty_set")]
    pub speaker_never_first: WordSet,
    /// Conjunctions that join a reporting verb to an earlier verb of the same subject ("The
    /// campaign announced new support and said ..."): after one, the cue's speaker is the
    /// sentence's subject.
    #[serde(default = "empty_set")]
    pub coordinators: WordSet,
}

/// Word lists that give a speaker phrase its type (see `detect::speaker`).
#[derive(Debug, Deserialize)]
#[serde(default)]
pub struct Speakers {
    pub post_head: WordSet,
    pub indefinite: WordSet,
    pub affiliation: WordSet,
    pub document_heads: WordSet,
    pub institution_heads: WordSet,
    pub institution_name_heads: WordSet,
    pub institution_names: WordSet,
    pub capitals: WordSet,
    pub role_heads: WordSet,
    pub role_modifiers: WordSet,
    /// Nouns of people who can speak ("man", "resident", "reporter"), beside the other head
    /// lists: a speaker phrase opened by an indefinite word needs a head from one of them or a
    /// capitalized one, so that "a dry weather | forecast" is no speaker. Empty: the check is
    /// off (a pack without the list).
    pub person_heads: WordSet,
}

#[derive(Deserialize)]
struct Raw {
    abbreviations: RawAbbr,
    sentence: RawSentence,
    dateline: RawDateline,
    negation: RawNegation,
    intensifiers: RawIntensifiers,
    attribution: Attribution,
    /// A pack without speaker-type lists types every unnamed speaker by the generic rules only.
    #[serde(default)]
    speakers: Speakers,
    provenance: ProvenanceLines,
    quotes: RawQuotes,
    /// A pack without it has no name guard for frame cues.
    #[serde(default)]
    names: Names,
}

#[derive(Deserialize)]
struct RawQuotes {
    elisions: Vec<String>,
    #[serde(default)]
    dash_speech: bool,
}

#[derive(Deserialize)]
struct RawNegation {
    cues: Vec<String>,
    window: usize,
}

#[derive(Deserialize)]
struct RawIntensifiers {
    words: Vec<String>,
    factor: f32,
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
    regions: Vec<String>,
    place_joiners: Vec<String>,
    not_places: Vec<String>,
}

impl Default for Speakers {
    fn default() -> Self {
        Speakers {
            post_head: empty_set(),
            indefinite: empty_set(),
            affiliation: empty_set(),
            document_heads: empty_set(),
            institution_heads: empty_set(),
            institution_name_heads: empty_set(),
            institution_names: empty_set(),
            capitals: empty_set(),
            role_heads: empty_set(),
            role_modifiers: empty_set(),
            person_heads: empty_set(),
        }
    }
}

/// An empty word set (a pack without the list).
fn empty_set() -> WordSet {
    WordSet::from_iter(Vec::new())
}

/// The English language data, parsed on first use.
pub fn english() -> &'static Lang {
    for_code("en").expect("the English pack is compiled in")
}

/// The language data of a compiled-in pack, parsed on first use (all packs at once).
pub fn for_code(code: &str) -> Option<&'static Lang> {
    static LANGS: OnceLock<Vec<Lang>> = OnceLock::new();
    LANGS
        .get_or_init(|| {
            crate::pack::SOURCES
                .iter()
                .map(|src| {
                    // The files are compiled in and validated by the tests below, so a parse
                    // failure here is a build defect, not an input error.
                    parse(src).unwrap_or_else(|e| panic!("language pack `{}`: {e}", src.code))
                })
                .collect()
        })
        .iter()
        .find(|l| l.code == code)
}

fn parse(src: &crate::pack::PackSource) -> crate::Result<Lang> {
    let script = crate::pack::script_of(src)?;
    let text = script.fold(src.text);
    let raw: Raw = toml::from_str(&text)
        .map_err(|e| crate::Error::lexicon(format!("data/{}/text.toml: {e}", src.code)))?;
    let set = |v: Vec<String>| v.into_iter().collect::<WordSet>();
    let mut negator_pairs: FxHashMap<String, Vec<String>> = FxHashMap::default();
    for (first, second) in raw.negation.cues.iter().filter_map(|c| c.split_once(' ')) {
        negator_pairs
            .entry(second.to_string())
            .or_default()
            .push(first.to_string());
    }
    let mut terminals = String::from(".!?");
    for end in &script.sentence_ends {
        terminals.push_str(end);
    }
    let fold = script
        .fold
        .iter()
        .filter_map(|(k, v)| Some((k.chars().next()?, v.clone())))
        .collect();
    Ok(Lang {
        never_final: set(raw.abbreviations.never_final),
        before_number: set(raw.abbreviations.before_number),
        maybe_final: set(raw.abbreviations.maybe_final),
        openers: set(raw.sentence.openers),
        months: set(raw.dateline.months),
        regions: set(raw.dateline.regions),
        place_joiners: set(raw.dateline.place_joiners),
        not_places: set(raw.dateline.not_places),
        negators: raw
            .negation
            .cues
            .iter()
            .filter(|c| !c.contains(' '))
            .cloned()
            .collect(),
        negator_seconds: negator_pairs.keys().cloned().collect(),
        negator_pairs,
        negation_window: raw.negation.window,
        intensifiers: set(raw.intensifiers.words),
        intensifier_factor: raw.intensifiers.factor,
        attribution: raw.attribution,
        speakers: raw.speakers,
        provenance: raw.provenance,
        elisions: set(raw.quotes.elisions),
        dash_speech: raw.quotes.dash_speech,
        names: raw.names,
        code: src.code,
        terminals,
        fold,
        script,
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
            &lang.regions,
            &lang.place_joiners,
            &lang.not_places,
        ] {
            for w in set.iter() {
                assert_eq!(w, w.to_lowercase());
            }
        }
    }

    #[test]
    fn every_pack_parses() {
        for src in crate::pack::SOURCES {
            let lang = super::parse(src).unwrap_or_else(|e| panic!("{e}"));
            assert_eq!(super::for_code(src.code).map(|l| l.code), Some(lang.code));
        }
        assert!(super::for_code("xx").is_none());
    }

    #[test]
    fn word_set_finds_exactly_its_words() {
        let long = "x".repeat(70);
        let words = [
            "",
            "a",
            "not",
            "never",
            "n't",
            "\u{e9}t\u{e9}",
            &long,
            "A",
            "?",
        ];
        let set: super::WordSet = words.iter().map(|w| w.to_string()).collect();
        for w in words {
            assert!(set.contains(w), "{w:?}");
        }
        let longer = "x".repeat(71);
        for w in [
            "b",
            "no",
            "nots",
            "n'",
            "\u{e9}t",
            &longer,
            "a ",
            "!",
            "\u{c9}t\u{e9}",
        ] {
            assert!(!set.contains(w), "{w:?}");
        }
    }
}
