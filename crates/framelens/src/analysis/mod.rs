//! What an analysis returns: markers with exact spans, quote spans, and the profile.
//!
//! All offsets here are byte offsets into the original text: `&text[m.start..m.end] == m.text`.
//!
//! ```
//! use framelens::{Analyzer, Category, Voice};
//!
//! let text = "Officials baselessly accused the mayor, who called it a \"witch hunt\".";
//! let analysis = Analyzer::new()?.analyze_text(text)?;
//! let quote = &analysis.quotes[0];
//! assert_eq!(&text[quote.start..quote.end], "witch hunt");
//! let hunt = analysis.markers.iter().find(|m| m.text == "witch hunt").unwrap();
//! assert_eq!(hunt.voice, Voice::Quoted);
//! let loaded = analysis.profile.counts[&Category::Loaded];
//! assert_eq!((loaded.author, loaded.quoted), (1, 1));
//! // Every result type is serde-serializable.
//! let json = serde_json::to_value(&analysis)?;
//! assert_eq!(json["markers"][0]["text"], "baselessly");
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

use std::collections::BTreeMap;
use std::sync::Arc;

use compact_str::CompactString;
use serde::{Deserialize, Serialize};
use ustr::Ustr;

use crate::lexicon::Category;

mod frames;
mod json;
pub mod offsets;

pub use frames::{FrameDistribution, SentenceFrame};

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

/// A weight as the number it was written as: the shortest decimal that reads back as the
/// stored 32-bit value (0.3, not 0.30000001192092896), so JSON, dicts, tables and
/// `Marker.weight` all give the same number.
pub fn weight_f64(w: f32) -> f64 {
    if !w.is_finite() {
        return f64::from(w);
    }
    ryu::Buffer::new()
        .format_finite(w)
        .parse()
        .unwrap_or(f64::from(w))
}

fn serialize_weight<S: serde::Serializer>(w: &f32, s: S) -> std::result::Result<S::Ok, S::Error> {
    s.serialize_f64(weight_f64(*w))
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
    /// The entry's weight (written out as [`weight_f64`] gives it).
    #[serde(serialize_with = "serialize_weight")]
    pub weight: f32,
    /// Author or quoted voice.
    pub voice: Voice,
    /// Who is quoted, when the marker is in quoted voice and the speaker is known.
    pub speaker: Option<CompactString>,
    /// The marker is in the scope of a negation ("not unfounded").
    pub negated: bool,
    /// For a marker a model found (entry `model`): its score and top features; `None` for
    /// lexicon markers. Boxed, so a lexicon marker carries one word for it (a marker is kept for
    /// every hit of every document, and output-dense text has one every few bytes). Serialized
    /// as the marker's own `score` and `features` keys.
    #[serde(flatten)]
    pub model: Option<Box<ModelEvidence>>,
}

/// What a model found about a token it marked.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ModelEvidence {
    /// The probability the model gave the token.
    pub score: f64,
    /// The top contributing features and their weights, largest first.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub features: Vec<(String, f64)>,
}

impl Marker {
    /// The model's probability, for a marker a model found.
    pub fn score(&self) -> Option<f64> {
        self.model.as_ref().map(|m| m.score)
    }

    /// The model's top contributing features, largest first (empty for lexicon markers).
    pub fn features(&self) -> &[(String, f64)] {
        self.model.as_ref().map_or(&[], |m| &m.features)
    }
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

/// Who the speaker is, as far as the text says. The rule that assigns a type is in
/// `docs/guide/attribution.md`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SpeakerType {
    /// A person named in the text ("Hassan Rouhani", "Mr. Smith").
    Named,
    /// A pronoun ("he said"); see [`Attribution::resolved_speaker`].
    Pronoun,
    /// An unidentifiable source: "sources said", "an official who asked not to be named",
    /// "people familiar with the matter", "a senior diplomat".
    Anonymous,
    /// A group ("experts", "critics", "residents").
    Collective,
    /// One identifiable person or office named by role ("the senator", "the company's chief
    /// executive", "a spokesman for the ministry").
    Role,
    /// A government body, company, party or outlet ("the White House", "the ministry",
    /// "Moscow").
    Institution,
    /// A report, study, poll, statement or court filing ("the report", "a new poll").
    Document,
}

impl SpeakerType {
    /// The lowercase name.
    pub fn as_str(self) -> &'static str {
        match self {
            SpeakerType::Named => "named",
            SpeakerType::Pronoun => "pronoun",
            SpeakerType::Anonymous => "anonymous",
            SpeakerType::Collective => "collective",
            SpeakerType::Role => "role",
            SpeakerType::Institution => "institution",
            SpeakerType::Document => "document",
        }
    }
}

/// What a reporting cue reports (the `kind` of its `report` lexicon entry).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CueKind {
    /// A speech act: said, told, added, warned, a colon before a quotation.
    Speech,
    /// A belief or expectation: believes, expects, fears, is confident that.
    Belief,
    /// Evidence: shows, found, estimated.
    Evidence,
    /// An intention: wants, seeks, plans to, vowed to.
    Intention,
    /// A perception or appearance: saw, heard, learned, seems, appears to.
    Perception,
    /// A noun of saying or thinking: her claim that, Moscow's denials, the allegation that.
    Nominal,
}

impl CueKind {
    /// Every kind.
    pub const ALL: [CueKind; 6] = [
        CueKind::Speech,
        CueKind::Belief,
        CueKind::Evidence,
        CueKind::Intention,
        CueKind::Perception,
        CueKind::Nominal,
    ];

    /// The lowercase name.
    pub fn as_str(self) -> &'static str {
        match self {
            CueKind::Speech => "speech",
            CueKind::Belief => "belief",
            CueKind::Evidence => "evidence",
            CueKind::Intention => "intention",
            CueKind::Perception => "perception",
            CueKind::Nominal => "nominal",
        }
    }

    /// Parses a kind name (the `kind` of a `report` lexicon entry).
    pub fn parse(s: &str) -> Option<CueKind> {
        CueKind::ALL.into_iter().find(|v| v.as_str() == s)
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
    /// What the cue reports: speech, belief, evidence, intention, perception or a noun of saying
    /// (keep [`CueKind::Speech`] for speech only).
    pub cue_kind: CueKind,
    /// The speaker as written, if found.
    pub speaker: Option<Span>,
    /// Named, role, institution, document, collective, anonymous or pronoun.
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
    /// For a cue inside another attribution's content ("Roe said that Pike told her ..."): the
    /// index of that attribution in [`Analysis::attributions`] (the innermost one). Only
    /// top-level attributions (no parent) count in the profile.
    #[serde(default)]
    pub parent: Option<usize>,
}

/// Attribution counts for the profile.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct AttributionProfile {
    /// Attributions found.
    pub total: Count,
    /// Share of sentences that carry at least one attribution cue; `None` (undefined, not 0)
    /// in a document with no sentences.
    pub sentence_share: Option<f64>,
    /// Counts by kind.
    pub by_kind: KindCounts,
    /// Counts by speaker type (`unknown`: no speaker found).
    pub by_speaker_type: SpeakerTypeCounts,
    /// Counts by verb stance.
    pub by_stance: StanceCounts,
    /// Share of attributions whose speaker is `anonymous` (unidentifiable sources only: roles,
    /// institutions and documents are not anonymous); `None` (undefined, not 0) in a document
    /// with no attribution.
    pub anonymous_share: Option<f64>,
    /// Named speakers (pronouns resolved) and how many attributions each has.
    pub speakers: BTreeMap<CompactString, usize>,
}

/// Attributions by kind (fields in alphabetical order, as JSON maps list their keys).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct KindCounts {
    /// "according to X".
    pub according_to: Count,
    /// Quoted words.
    pub direct: Count,
    /// Reported speech.
    pub indirect: Count,
}

impl KindCounts {
    fn add(&mut self, kind: AttributionKind) {
        *match kind {
            AttributionKind::AccordingTo => &mut self.according_to,
            AttributionKind::Direct => &mut self.direct,
            AttributionKind::Indirect => &mut self.indirect,
        } += 1;
    }
}

/// Attributions by speaker type (fields in alphabetical order).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct SpeakerTypeCounts {
    /// Unidentifiable sources.
    pub anonymous: Count,
    /// Groups.
    pub collective: Count,
    /// Reports, studies, polls, statements, filings.
    pub document: Count,
    /// Government bodies, companies, parties, outlets.
    pub institution: Count,
    /// Named speakers.
    pub named: Count,
    /// Pronouns.
    pub pronoun: Count,
    /// People named by role.
    pub role: Count,
    /// No speaker found.
    pub unknown: Count,
}

impl SpeakerTypeCounts {
    fn add(&mut self, t: Option<SpeakerType>) {
        *match t {
            Some(SpeakerType::Anonymous) => &mut self.anonymous,
            Some(SpeakerType::Collective) => &mut self.collective,
            Some(SpeakerType::Document) => &mut self.document,
            Some(SpeakerType::Institution) => &mut self.institution,
            Some(SpeakerType::Named) => &mut self.named,
            Some(SpeakerType::Pronoun) => &mut self.pronoun,
            Some(SpeakerType::Role) => &mut self.role,
            None => &mut self.unknown,
        } += 1;
    }
}

/// Attributions by verb stance (fields in alphabetical order).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct StanceCounts {
    /// admitted, conceded.
    pub admission: Count,
    /// claimed, alleged.
    pub distancing: Count,
    /// slammed, blasted.
    pub emotive: Count,
    /// confirmed, noted.
    pub endorsing: Count,
    /// said, told.
    pub neutral: Count,
}

impl StanceCounts {
    /// The count of one stance.
    pub fn get(&self, stance: VerbStance) -> Count {
        match stance {
            VerbStance::Admission => self.admission,
            VerbStance::Distancing => self.distancing,
            VerbStance::Emotive => self.emotive,
            VerbStance::Endorsing => self.endorsing,
            VerbStance::Neutral => self.neutral,
        }
    }

    fn add(&mut self, stance: VerbStance) {
        *match stance {
            VerbStance::Admission => &mut self.admission,
            VerbStance::Distancing => &mut self.distancing,
            VerbStance::Emotive => &mut self.emotive,
            VerbStance::Endorsing => &mut self.endorsing,
            VerbStance::Neutral => &mut self.neutral,
        } += 1;
    }
}

/// A value for each marker category, stored inline (a map would cost a heap node per
/// document). Indexed by [`Category`]; serialized as a map in [`Category::ALL`] order.
#[derive(Clone, Copy, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct PerCategory<T> {
    /// Loaded language.
    pub loaded: T,
    /// Hedges.
    pub hedge: T,
    /// Boosters.
    pub booster: T,
    /// Factive verbs.
    pub factive: T,
    /// Naming variants.
    pub naming: T,
    /// Policy-frame cues.
    pub frame: T,
    /// Generic news-frame cues.
    pub generic_frame: T,
    /// Scare quotes.
    pub scare_quote: T,
}

impl<T> PerCategory<T> {
    /// The value of `category`; `None` for a category that is not a marker category.
    pub fn get(&self, category: &Category) -> Option<&T> {
        Some(match category {
            Category::Loaded => &self.loaded,
            Category::Hedge => &self.hedge,
            Category::Booster => &self.booster,
            Category::Factive => &self.factive,
            Category::Naming => &self.naming,
            Category::Frame => &self.frame,
            Category::GenericFrame => &self.generic_frame,
            Category::ScareQuote => &self.scare_quote,
            Category::Report => return None,
        })
    }

    fn get_mut(&mut self, category: Category) -> Option<&mut T> {
        Some(match category {
            Category::Loaded => &mut self.loaded,
            Category::Hedge => &mut self.hedge,
            Category::Booster => &mut self.booster,
            Category::Factive => &mut self.factive,
            Category::Naming => &mut self.naming,
            Category::Frame => &mut self.frame,
            Category::GenericFrame => &mut self.generic_frame,
            Category::ScareQuote => &mut self.scare_quote,
            Category::Report => return None,
        })
    }

    /// Each marker category and its value, in [`Category::ALL`] order.
    pub fn iter(&self) -> impl Iterator<Item = (Category, &T)> {
        Category::ALL
            .iter()
            .filter_map(move |&c| self.get(&c).map(|v| (c, v)))
    }

    /// The values, in [`Category::ALL`] order.
    pub fn values(&self) -> impl Iterator<Item = &T> {
        self.iter().map(|(_, v)| v)
    }

    /// The same categories with `f` applied to each value.
    pub fn map<U>(&self, mut f: impl FnMut(&T) -> U) -> PerCategory<U> {
        PerCategory {
            loaded: f(&self.loaded),
            hedge: f(&self.hedge),
            booster: f(&self.booster),
            factive: f(&self.factive),
            naming: f(&self.naming),
            frame: f(&self.frame),
            generic_frame: f(&self.generic_frame),
            scare_quote: f(&self.scare_quote),
        }
    }
}

impl<T> std::ops::Index<&Category> for PerCategory<T> {
    type Output = T;

    /// Panics for [`Category::Report`], which is not a marker category.
    fn index(&self, category: &Category) -> &T {
        self.get(category)
            .unwrap_or_else(|| panic!("{category} is not a marker category"))
    }
}

impl<T> std::ops::Index<Category> for PerCategory<T> {
    type Output = T;

    fn index(&self, category: Category) -> &T {
        &self[&category]
    }
}

/// A dateline: `Tehran, April 17, IRNA -`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Dateline {
    /// The whole dateline, dash included.
    pub span: Span,
    /// The place ("FRANKFORT").
    pub place: Span,
    /// The state, province or country after the place ("Ky.", "Syria"), if given.
    #[serde(default)]
    pub region: Option<Span>,
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
    /// The document's URL or domain, found in the registry.
    Url,
    /// The registrable domain of a URL the registry does not know (ownership unknown).
    Domain,
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
            OutletSource::Domain => "domain",
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
    /// The dateline, if the story opens with one (boxed: most documents have none).
    pub dateline: Option<Box<Dateline>>,
    /// Wire agencies named anywhere in the text.
    pub agencies: Vec<AgencyMention>,
    /// Syndication, credit and copyright lines.
    pub source_lines: Vec<SourceLine>,
    /// The byline ("By Jane Roe"), if any.
    pub byline: Option<Span>,
    /// Promotional and credit boilerplate (social handles, newsletter prompts, source lines);
    /// words and markers inside it are left out of the profile.
    pub boilerplate: Vec<Span>,
    /// The outlet the document resolves to (shared with the registry).
    pub outlet: Option<Arc<crate::registry::Outlet>>,
    /// How it was resolved.
    pub outlet_source: Option<OutletSource>,
    /// The name given with the document when it is an author or byline label, not an outlet.
    pub author_label: Option<String>,
    /// Registry ids from the publisher back to the original source (IRNA reprinting Iran Daily:
    /// `["irna", "iran_daily"]`).
    pub syndication: Vec<String>,
}

/// A count within one document: a document is at most
/// [`MAX_DOCUMENT_BYTES`](crate::MAX_DOCUMENT_BYTES), so nothing in it numbers 2^32, and 32-bit
/// counts keep a short document's [`Profile`] small (it is kept for every document of a batch).
pub type Count = u32;

/// Marker counts split by voice.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct VoiceCounts {
    /// All markers.
    pub all: Count,
    /// Markers in the author's voice.
    pub author: Count,
    /// Markers in quoted voice.
    pub quoted: Count,
}

/// Marker rates per 1,000 words, split by voice. `author` is per 1,000 author-voice words and
/// `quoted` per 1,000 quoted words, so the two compare fairly; `all` is per 1,000 words.
///
/// A rate whose words are none is `None`, not 0: a document that quotes nothing has no rate
/// per 1,000 quoted words (0 would read as "quoted, without a marker"), and one that is all
/// quotation none per 1,000 author-voice words. Serialized as `null`.
#[derive(Clone, Copy, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct VoiceRates {
    /// All markers per 1,000 words; `None` in a document with no words.
    pub all: Option<f64>,
    /// Author-voice markers per 1,000 author-voice words; `None` with no author-voice words.
    pub author: Option<f64>,
    /// Quoted markers per 1,000 quoted words; `None` with no quoted words.
    pub quoted: Option<f64>,
}

/// Counts and rates that summarise one document.
#[derive(Clone, Debug, Default, PartialEq, Deserialize)]
#[serde(from = "ProfileFields")]
pub struct Profile {
    /// Word and number tokens.
    pub words: Count,
    /// Words in the writer's own voice: outside quotations and reported speech.
    pub author_words: Count,
    /// Words inside quotations, and in the reported clause of indirect speech with a speaker.
    pub quoted_words: Count,
    /// Sentences.
    pub sentences: Count,
    /// Marker counts per category.
    pub counts: PerCategory<VoiceCounts>,
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

/// `n` as a [`Count`] (saturating; see [`Count`] for why it fits).
fn count(n: usize) -> Count {
    Count::try_from(n).unwrap_or(Count::MAX)
}

/// `n` per 1,000 `words`; `None` when there are no words (a rate of nothing is undefined).
fn per_thousand(n: Count, words: Count) -> Option<f64> {
    (words > 0).then(|| f64::from(n) * 1000.0 / f64::from(words))
}

/// `part` of `whole`; `None` when `whole` is 0.
fn share(part: usize, whole: usize) -> Option<f64> {
    (whole > 0).then(|| part as f64 / whole as f64)
}

/// The fields of a [`Profile`] as read from JSON, before [`Profile::from`] drops the shares
/// that have no denominator.
#[derive(Deserialize)]
struct ProfileFields {
    words: Count,
    author_words: Count,
    quoted_words: Count,
    sentences: Count,
    counts: PerCategory<VoiceCounts>,
    attribution: AttributionProfile,
    state_affiliated: bool,
    wire_based: bool,
    syndicated: bool,
}

/// Output written before the shares could be undefined (framelens 0.1.0, and schema version 2
/// before the change) gives 0 for a share with no denominator: read as `None`, as this
/// framelens would have written it. (`rates` are not read: they are computed from the counts.)
impl From<ProfileFields> for Profile {
    fn from(f: ProfileFields) -> Profile {
        let mut attribution = f.attribution;
        if f.sentences == 0 {
            attribution.sentence_share = None;
        }
        if attribution.total == 0 {
            attribution.anonymous_share = None;
        }
        Profile {
            words: f.words,
            author_words: f.author_words,
            quoted_words: f.quoted_words,
            sentences: f.sentences,
            counts: f.counts,
            attribution,
            state_affiliated: f.state_affiliated,
            wire_based: f.wire_based,
            syndicated: f.syndicated,
        }
    }
}

impl Profile {
    /// Builds the profile from word counts and markers. A marker counts as quoted when it is in
    /// quoted voice or reports a speaker's view (indirect speech: its voice stays the author's,
    /// since the wording is the writer's, but the view is the speaker's); `quoted_words` counts
    /// the words of both.
    pub fn new(words: usize, quoted_words: usize, sentences: usize, markers: &[Marker]) -> Self {
        let mut counts = PerCategory::<VoiceCounts>::default();
        for m in markers {
            let Some(c) = counts.get_mut(m.category) else {
                continue;
            };
            c.all += 1;
            if m.voice == Voice::Quoted || m.speaker.is_some() {
                c.quoted += 1;
            } else {
                c.author += 1;
            }
        }
        Profile {
            words: count(words),
            author_words: count(words.saturating_sub(quoted_words)),
            quoted_words: count(quoted_words),
            sentences: count(sentences),
            counts,
            attribution: AttributionProfile::default(),
            state_affiliated: false,
            wire_based: false,
            syndicated: false,
        }
    }

    /// Marker rates per 1,000 words per category: all markers per 1,000 words, author-voice
    /// markers per 1,000 author-voice words, quoted markers per 1,000 quoted words, each `None`
    /// where its words are none. Computed from the counts (and serialized as `rates`).
    ///
    /// ```
    /// let a = framelens::Analyzer::new()?.analyze_text("The regime lied about the plan.")?;
    /// let loaded = a.profile.rates().loaded;
    /// assert!(loaded.author.is_some_and(|r| r > 0.0));
    /// // Nothing is quoted: there is no rate per 1,000 quoted words, not a rate of 0.
    /// assert_eq!(loaded.quoted, None);
    /// # Ok::<(), framelens::Error>(())
    /// ```
    pub fn rates(&self) -> PerCategory<VoiceRates> {
        self.counts.map(|c| VoiceRates {
            all: per_thousand(c.all, self.words),
            author: per_thousand(c.author, self.author_words),
            quoted: per_thousand(c.quoted, self.quoted_words),
        })
    }
}

/// The fields in declaration order, with the computed `rates` after `counts` (where the field
/// used to be, so the JSON is the same).
impl Serialize for Profile {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct;
        let mut st = s.serialize_struct("Profile", 10)?;
        st.serialize_field("words", &self.words)?;
        st.serialize_field("author_words", &self.author_words)?;
        st.serialize_field("quoted_words", &self.quoted_words)?;
        st.serialize_field("sentences", &self.sentences)?;
        st.serialize_field("counts", &self.counts)?;
        st.serialize_field("rates", &self.rates())?;
        st.serialize_field("attribution", &self.attribution)?;
        st.serialize_field("state_affiliated", &self.state_affiliated)?;
        st.serialize_field("wire_based", &self.wire_based)?;
        st.serialize_field("syndicated", &self.syndicated)?;
        st.end()
    }
}

impl AttributionProfile {
    /// Builds the attribution profile; `cue_sentences` is the number of sentences with a cue.
    pub fn new(attributions: &[Attribution], cue_sentences: usize, sentences: usize) -> Self {
        // Nested attributions (a cue inside another's content) are part of their parent's words.
        let top: Vec<&Attribution> = attributions.iter().filter(|a| a.parent.is_none()).collect();
        let mut p = AttributionProfile {
            total: count(top.len()),
            sentence_share: share(cue_sentences, sentences),
            ..Default::default()
        };
        let mut anonymous = 0;
        for a in &top {
            p.by_kind.add(a.kind);
            p.by_speaker_type.add(a.speaker_type);
            p.by_stance.add(a.verb_stance);
            anonymous += usize::from(a.speaker_type == Some(SpeakerType::Anonymous));
            let named = a.speaker_type == Some(SpeakerType::Named)
                || (a.speaker_type == Some(SpeakerType::Pronoun) && a.resolved_speaker.is_some());
            if named {
                if let Some(name) = &a.speaker_name {
                    *p.speakers.entry(name.clone()).or_default() += 1;
                }
            }
        }
        p.anonymous_share = share(anonymous, top.len());
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

/// The version of the JSON form of an [`Analysis`] this framelens writes (see
/// `docs/schema.md`): incremented when a change could break a reader of the previous version.
/// Version 2 added values to closed sets (the marker category `generic_frame`; ownership and
/// outlet kind `unknown`, outlet source `domain`), and made a profile rate or share with no
/// denominator `null` (version 1 wrote 0).
pub const SCHEMA_VERSION: u32 = 2;

/// The oldest version this framelens reads: every version from it to [`SCHEMA_VERSION`] reads
/// into the current types (versions so far added values, and version 1's 0 for a share with no
/// denominator reads as `None`).
pub const OLDEST_READABLE_SCHEMA_VERSION: u32 = 1;

/// The `schema_version` key of an [`Analysis`]: no data, written as [`SCHEMA_VERSION`].
/// Reading accepts a missing key (output older than the key is version 1) and any version from
/// [`OLDEST_READABLE_SCHEMA_VERSION`] to [`SCHEMA_VERSION`], and refuses others with an error
/// that names both.
///
/// ```
/// let a = framelens::Analyzer::new()?.analyze_text("Officials said the plan works.")?;
/// let json = serde_json::to_string(&a).unwrap();
/// assert!(json.starts_with(r#"{"schema_version":2,"#));
/// let old = json.replacen(r#""schema_version":2"#, r#""schema_version":1"#, 1);
/// assert_eq!(serde_json::from_str::<framelens::Analysis>(&old).unwrap(), a);
/// let wrong = json.replacen(r#""schema_version":2"#, r#""schema_version":9"#, 1);
/// let err = serde_json::from_str::<framelens::Analysis>(&wrong).unwrap_err();
/// assert!(err.to_string().contains("schema_version 9"));
/// # Ok::<(), framelens::Error>(())
/// ```
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub struct SchemaVersion;

impl Serialize for SchemaVersion {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_u32(SCHEMA_VERSION)
    }
}

impl<'de> Deserialize<'de> for SchemaVersion {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let version = u32::deserialize(deserializer)?;
        if (OLDEST_READABLE_SCHEMA_VERSION..=SCHEMA_VERSION).contains(&version) {
            Ok(SchemaVersion)
        } else {
            Err(serde::de::Error::custom(format_args!(
                "schema_version {version} is not supported: this framelens reads versions \
                 {OLDEST_READABLE_SCHEMA_VERSION} to {SCHEMA_VERSION}"
            )))
        }
    }
}

fn english_code() -> String {
    "en".to_string()
}

/// The analysis of one document.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Analysis {
    /// The version of this JSON form ([`SCHEMA_VERSION`]), written first.
    #[serde(default)]
    pub schema_version: SchemaVersion,
    /// The language the document was analysed in (the ISO 639-1 code of a language pack).
    #[serde(default = "english_code")]
    pub language: String,
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
