//! What an analysis returns: markers with exact spans, quote spans, and the profile.
//!
//! All offsets here are byte offsets into the original text: `&text[m.start..m.end] == m.text`.

use std::collections::BTreeMap;

use compact_str::CompactString;
use serde::{Deserialize, Serialize};
use ustr::Ustr;

use crate::lexicon::Category;

mod json;
pub mod offsets;

/// A range of the original text and the text it holds.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Span {
    /// Start (bytes into the original text).
    pub start: usize,
    /// End (bytes, exclusive).
    pub end: usize,
    /// `&text[start..end]` (short texts are stored inline, without an allocation).
    pub text: CompactString,
}

impl Span {
    /// The span of `text[start..end]`.
    pub fn of(text: &str, start: usize, end: usize) -> Span {
        Span {
            start,
            end,
            text: CompactString::new(text.get(start..end).unwrap_or_default()),
        }
    }
}

/// Whose words a marker is in.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Voice {
    /// The writer's own words.
    Author,
    /// Words the writer quotes from someone else.
    Quoted,
}

impl Voice {
    /// The lowercase name.
    pub fn as_str(self) -> &'static str {
        match self {
            Voice::Author => "author",
            Voice::Quoted => "quoted",
        }
    }
}

/// A framing marker found in the text: where, what fired, and in whose voice.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Marker {
    /// Start (bytes into the original text).
    pub start: usize,
    /// End (bytes, exclusive).
    pub end: usize,
    /// The original text of the marker (stored inline when short, as nearly all are: finding a
    /// marker allocates nothing for it).
    pub text: CompactString,
    /// The category of the entry that fired.
    pub category: Category,
    /// The entry's subcategory, if any.
    pub subcategory: Option<Ustr>,
    /// The id of the lexicon entry that fired.
    pub entry: Ustr,
    /// The entry's weight.
    pub weight: f32,
    /// Author or quoted voice.
    pub voice: Voice,
    /// Who is quoted, when the marker is in quoted voice and the speaker is known.
    pub speaker: Option<CompactString>,
    /// The marker is in the scope of a negation ("not unfounded").
    pub negated: bool,
}

/// How a claim is attributed.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum AttributionKind {
    /// Quoted words: `"...," he said`.
    Direct,
    /// Reported speech: `X said that ...`.
    Indirect,
    /// `according to X, ...`.
    AccordingTo,
}

impl AttributionKind {
    /// The lowercase name.
    pub fn as_str(self) -> &'static str {
        match self {
            AttributionKind::Direct => "direct",
            AttributionKind::Indirect => "indirect",
            AttributionKind::AccordingTo => "according_to",
        }
    }
}

/// Who the speaker is, as far as the text says.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SpeakerType {
    /// A named person or organisation ("Hassan Rouhani", "the State Department").
    Named,
    /// A pronoun ("he said"); see [`Attribution::resolved_speaker`].
    Pronoun,
    /// An unnamed source ("sources said", "an official who asked not to be named").
    Anonymous,
    /// A group ("experts", "critics", "the West").
    Collective,
}

impl SpeakerType {
    /// The lowercase name.
    pub fn as_str(self) -> &'static str {
        match self {
            SpeakerType::Named => "named",
            SpeakerType::Pronoun => "pronoun",
            SpeakerType::Anonymous => "anonymous",
            SpeakerType::Collective => "collective",
        }
    }
}

/// The stance the writer's reporting verb takes toward what is reported.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum VerbStance {
    /// said, told, added, stated.
    Neutral,
    /// claimed, alleged, insisted, purported.
    Distancing,
    /// confirmed, noted, explained, pointed out, revealed.
    Endorsing,
    /// slammed, blasted, lashed out.
    Emotive,
    /// admitted, conceded.
    Admission,
}

impl VerbStance {
    /// Every stance.
    pub const ALL: [VerbStance; 5] = [
        VerbStance::Neutral,
        VerbStance::Distancing,
        VerbStance::Endorsing,
        VerbStance::Emotive,
        VerbStance::Admission,
    ];

    /// The lowercase name.
    pub fn as_str(self) -> &'static str {
        match self {
            VerbStance::Neutral => "neutral",
            VerbStance::Distancing => "distancing",
            VerbStance::Endorsing => "endorsing",
            VerbStance::Emotive => "emotive",
            VerbStance::Admission => "admission",
        }
    }

    /// Parses a stance name (the subcategory of a `report` lexicon entry).
    pub fn parse(s: &str) -> Option<VerbStance> {
        VerbStance::ALL.into_iter().find(|v| v.as_str() == s)
    }
}

/// Who says what: a reporting cue with its speaker and content.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Attribution {
    /// Direct quote, indirect speech or "according to".
    pub kind: AttributionKind,
    /// The reporting verb or phrase.
    pub cue: Span,
    /// The id of the `report` lexicon entry that fired for the cue.
    pub entry: Ustr,
    /// The speaker as written, if found.
    pub speaker: Option<Span>,
    /// Named, pronoun, anonymous or collective.
    pub speaker_type: Option<SpeakerType>,
    /// What is attributed: the quoted words, or the reported clause.
    pub content: Option<Span>,
    /// The stance of the reporting verb.
    pub verb_stance: VerbStance,
    /// For a pronoun speaker: the named speaker it refers to (the most recent compatible one).
    pub resolved_speaker: Option<Span>,
    /// The name markers inside the content are credited to.
    pub speaker_name: Option<CompactString>,
    /// A quotation that goes on after an attributed one without a cue of its own.
    pub continued: bool,
}

/// Attribution counts for the profile.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct AttributionProfile {
    /// Attributions found.
    pub total: usize,
    /// Share of sentences that carry at least one attribution cue.
    pub sentence_share: f64,
    /// Counts by kind (`direct`, `indirect`, `according_to`).
    pub by_kind: BTreeMap<CompactString, usize>,
    /// Counts by speaker type (`named`, `pronoun`, `anonymous`, `collective`, `unknown`).
    pub by_speaker_type: BTreeMap<CompactString, usize>,
    /// Counts by verb stance.
    pub by_stance: BTreeMap<CompactString, usize>,
    /// Share of attributions with an anonymous speaker.
    pub anonymous_share: f64,
    /// Named speakers (pronouns resolved) and how many attributions each has.
    pub speakers: BTreeMap<CompactString, usize>,
}

/// A dateline: `Tehran, April 17, IRNA -`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Dateline {
    /// The whole dateline, dash included.
    pub span: Span,
    /// The place.
    pub place: Span,
    /// The date, if given.
    pub date: Option<Span>,
    /// The agency, if given.
    pub agency: Option<Span>,
}

/// A syndication, credit or copyright line ("Source: Iran Daily (...)").
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SourceLine {
    /// The whole line.
    pub span: Span,
    /// What kind of line it is.
    pub kind: SourceLineKind,
    /// The name it gives, if any ("Iran Daily").
    pub name: Option<Span>,
    /// The registry id of that name, if it resolves.
    pub outlet: Option<String>,
}

/// What a source line says.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SourceLineKind {
    /// Where the story comes from ("Source: Iran Daily").
    Source,
    /// Where it first appeared ("This article originally appeared in ...").
    Original,
    /// A copyright notice ("(c) 2018 ...").
    Copyright,
    /// A reporting or editing credit ("Additional reporting by ...").
    Credit,
}

impl SourceLineKind {
    /// The lowercase name.
    pub fn as_str(self) -> &'static str {
        match self {
            SourceLineKind::Source => "source",
            SourceLineKind::Original => "original",
            SourceLineKind::Copyright => "copyright",
            SourceLineKind::Credit => "credit",
        }
    }

    /// Whether the line names the story's origin (a source or an original publication).
    pub fn names_origin(self) -> bool {
        matches!(self, SourceLineKind::Source | SourceLineKind::Original)
    }
}

/// How the outlet of a document was found.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum OutletSource {
    /// The outlet name given with the document.
    Explicit,
    /// The document's URL or domain.
    Url,
    /// The agency of the dateline.
    Dateline,
    /// A social handle in a promotional line.
    Handle,
    /// A source line.
    SourceLine,
}

impl OutletSource {
    /// The lowercase name.
    pub fn as_str(self) -> &'static str {
        match self {
            OutletSource::Explicit => "explicit",
            OutletSource::Url => "url",
            OutletSource::Dateline => "dateline",
            OutletSource::Handle => "handle",
            OutletSource::SourceLine => "source_line",
        }
    }
}

/// A wire agency named in the text.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AgencyMention {
    /// Where it is named.
    pub span: Span,
    /// Its registry id.
    pub outlet: String,
}

/// Where a story comes from.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Provenance {
    /// The dateline, if the story opens with one.
    pub dateline: Option<Dateline>,
    /// Wire agencies named anywhere in the text.
    pub agencies: Vec<AgencyMention>,
    /// Syndication, credit and copyright lines.
    pub source_lines: Vec<SourceLine>,
    /// The byline ("By Jane Roe"), if any.
    pub byline: Option<Span>,
    /// Promotional and credit boilerplate (social handles, newsletter prompts, source lines);
    /// words and markers inside it are left out of the profile.
    pub boilerplate: Vec<Span>,
    /// The outlet the document resolves to.
    pub outlet: Option<crate::registry::Outlet>,
    /// How it was resolved.
    pub outlet_source: Option<OutletSource>,
    /// The name given with the document when it is an author or byline label, not an outlet.
    pub author_label: Option<String>,
    /// Registry ids from the publisher back to the original source (IRNA reprinting Iran Daily:
    /// `["irna", "iran_daily"]`).
    pub syndication: Vec<String>,
}

/// Marker counts split by voice.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct VoiceCounts {
    /// All markers.
    pub all: usize,
    /// Markers in the author's voice.
    pub author: usize,
    /// Markers in quoted voice.
    pub quoted: usize,
}

/// Marker rates per 1,000 words, split by voice. `author` is per 1,000 author-voice words and
/// `quoted` per 1,000 quoted words, so the two compare fairly; `all` is per 1,000 words.
#[derive(Clone, Copy, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct VoiceRates {
    /// All markers per 1,000 words.
    pub all: f64,
    /// Author-voice markers per 1,000 author-voice words.
    pub author: f64,
    /// Quoted markers per 1,000 quoted words.
    pub quoted: f64,
}

/// Counts and rates that summarise one document.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Profile {
    /// Word and number tokens.
    pub words: usize,
    /// Words outside quotations.
    pub author_words: usize,
    /// Words inside quotations.
    pub quoted_words: usize,
    /// Sentences.
    pub sentences: usize,
    /// Marker counts per category (every category is present).
    pub counts: BTreeMap<Category, VoiceCounts>,
    /// Marker rates per 1,000 words per category (every category is present).
    pub rates: BTreeMap<Category, VoiceRates>,
    /// Attribution counts and shares.
    pub attribution: AttributionProfile,
    /// The outlet (or an outlet in its syndication chain, or its dateline agency) is state-owned
    /// or state-controlled.
    pub state_affiliated: bool,
    /// The story carries a wire agency's dateline or credit, or the outlet is an agency.
    pub wire_based: bool,
    /// The story names an original source other than its publisher.
    pub syndicated: bool,
}

fn per_thousand(n: usize, words: usize) -> f64 {
    if words == 0 {
        0.0
    } else {
        n as f64 * 1000.0 / words as f64
    }
}

impl Profile {
    /// Builds the profile from word counts and markers.
    pub fn new(words: usize, quoted_words: usize, sentences: usize, markers: &[Marker]) -> Self {
        let mut counts: BTreeMap<Category, VoiceCounts> = Category::ALL
            .iter()
            .map(|&c| (c, VoiceCounts::default()))
            .collect();
        for m in markers {
            let c = counts.entry(m.category).or_default();
            c.all += 1;
            match m.voice {
                Voice::Author => c.author += 1,
                Voice::Quoted => c.quoted += 1,
            }
        }
        let author_words = words.saturating_sub(quoted_words);
        let rates = counts
            .iter()
            .map(|(&cat, c)| {
                (
                    cat,
                    VoiceRates {
                        all: per_thousand(c.all, words),
                        author: per_thousand(c.author, author_words),
                        quoted: per_thousand(c.quoted, quoted_words),
                    },
                )
            })
            .collect();
        Profile {
            words,
            author_words,
            quoted_words,
            sentences,
            counts,
            rates,
            attribution: AttributionProfile::default(),
            state_affiliated: false,
            wire_based: false,
            syndicated: false,
        }
    }
}

impl AttributionProfile {
    /// Builds the attribution profile; `cue_sentences` is the number of sentences with a cue.
    pub fn new(attributions: &[Attribution], cue_sentences: usize, sentences: usize) -> Self {
        let mut p = AttributionProfile {
            total: attributions.len(),
            sentence_share: if sentences == 0 {
                0.0
            } else {
                cue_sentences as f64 / sentences as f64
            },
            ..Default::default()
        };
        // Keys are short names (stored inline: no allocation per key).
        for k in ["direct", "indirect", "according_to"] {
            p.by_kind.insert(CompactString::const_new(k), 0);
        }
        for k in ["named", "pronoun", "anonymous", "collective", "unknown"] {
            p.by_speaker_type.insert(CompactString::const_new(k), 0);
        }
        for s in VerbStance::ALL {
            p.by_stance.insert(CompactString::const_new(s.as_str()), 0);
        }
        let mut anonymous = 0;
        for a in attributions {
            let t = a.speaker_type.map_or("unknown", SpeakerType::as_str);
            for (map, key) in [
                (&mut p.by_kind, a.kind.as_str()),
                (&mut p.by_speaker_type, t),
                (&mut p.by_stance, a.verb_stance.as_str()),
            ] {
                *map.entry(CompactString::const_new(key)).or_default() += 1;
            }
            anonymous += usize::from(a.speaker_type == Some(SpeakerType::Anonymous));
            let named = a.speaker_type == Some(SpeakerType::Named)
                || (a.speaker_type == Some(SpeakerType::Pronoun) && a.resolved_speaker.is_some());
            if named {
                if let Some(name) = &a.speaker_name {
                    *p.speakers.entry(name.clone()).or_default() += 1;
                }
            }
        }
        p.anonymous_share = if attributions.is_empty() {
            0.0
        } else {
            anonymous as f64 / attributions.len() as f64
        };
        p
    }
}

/// One sentence: where it is and how many words it has (the unit of the comparison's bootstrap
/// when a group has a single document).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SentenceInfo {
    /// Start (bytes into the original text).
    pub start: usize,
    /// End (bytes, exclusive).
    pub end: usize,
    /// Word and number tokens.
    pub words: usize,
    /// Of those, the words inside quotations.
    pub quoted_words: usize,
}

/// The analysis of one document.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Analysis {
    /// The document id, if one was given.
    pub doc_id: Option<String>,
    /// The outlet given with the document, if any.
    pub outlet: Option<String>,
    /// The URL given with the document, if any.
    pub url: Option<String>,
    /// The publication date given with the document, if any.
    pub published: Option<String>,
    /// Markers, sorted by start.
    pub markers: Vec<Marker>,
    /// Quoted stretches (the words inside the quote marks), sorted by start.
    pub quotes: Vec<Span>,
    /// Attributions (who says what), sorted by cue.
    pub attributions: Vec<Attribution>,
    /// Where the story comes from.
    pub provenance: Provenance,
    /// Sentences, in order.
    pub sentences: Vec<SentenceInfo>,
    /// Counts and rates.
    pub profile: Profile,
}
