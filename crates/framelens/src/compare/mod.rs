//! Comparison: articles and outlets side by side, with sound statistics.
//!
//! [`Comparison::new`] takes analysed documents (with their texts) and a group label for each:
//! an outlet, a label of the user's, or one group per document. It computes
//!
//! - a profile table: every marker rate (per 1,000 words, overall and by voice), attribution
//!   shares, the verb-stance mix, the frame distribution and provenance flags per group, each
//!   with a 95% percentile-bootstrap interval — over documents, or over sentences when a group
//!   has one document — seeded, so the same input gives the same numbers on any thread count;
//! - distinctive terms: the Monroe, Colaresi and Quinn (2008) log-odds ratio with an informative
//!   Dirichlet prior from a built-in background frequency table or from the pooled documents;
//! - the naming table, the speakers each group quotes, and pairwise Jensen–Shannon divergence of
//!   the marker-category and frame distributions.

pub mod stats;

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::sync::OnceLock;

use rayon::prelude::*;
use serde::{Deserialize, Serialize};

use crate::analysis::{Analysis, AttributionKind, SpeakerType, VerbStance, Voice};
use crate::error::{Error, Result};
use crate::lexicon::{Category, Lexicon};
use stats::{fnv1a, jensen_shannon, log_odds_dirichlet, quantile, ratio, SplitMix64};

/// Where the distinctive-terms prior comes from.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Prior {
    /// The built-in English background frequencies (`data/background_en.tsv`).
    Background,
    /// The pooled word counts of all compared documents.
    Pooled,
}

/// Options of a comparison.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct CompareOptions {
    /// Bootstrap resamples for the intervals (0 turns intervals off).
    pub bootstrap: usize,
    /// Seed of the bootstrap.
    pub seed: u64,
    /// Where the distinctive-terms prior comes from.
    pub prior: Prior,
    /// Total pseudo-count of the Dirichlet prior.
    pub prior_mass: f64,
}

impl Default for CompareOptions {
    fn default() -> Self {
        CompareOptions {
            bootstrap: 1000,
            seed: 0,
            prior: Prior::Background,
            prior_mass: 1000.0,
        }
    }
}

/// One compared document: its analysis, its text and its group.
#[derive(Clone, Copy, Debug)]
pub struct CompareInput<'a> {
    /// The analysis (offsets must refer to `text`).
    pub analysis: &'a Analysis,
    /// The analysed text.
    pub text: &'a str,
    /// The group label.
    pub group: &'a str,
}

/// A group's size.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct GroupInfo {
    /// The group label.
    pub name: String,
    /// Documents in the group.
    pub documents: usize,
    /// Words in the group.
    pub words: usize,
    /// What the intervals resample: `documents` or `sentences`.
    pub resampled: String,
}

/// One cell of the profile table: a measure for a group, with its 95% interval.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Measure {
    /// The measure ("loaded_per_1k", "anonymous_share", ...).
    pub measure: String,
    /// The group.
    pub group: String,
    /// The value over the whole group.
    pub value: f64,
    /// Lower end of the 95% bootstrap interval.
    pub low: f64,
    /// Upper end of the 95% bootstrap interval.
    pub high: f64,
}

/// How often a group used one variant of a naming group.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct NamingUse {
    /// The naming group (the referent, e.g. `undocumented_immigrants`).
    pub naming_group: String,
    /// The variant's lexicon entry ("immigrants.illegal").
    pub variant: String,
    /// Who tends to use the variant.
    pub side: Option<String>,
    /// The compared group.
    pub group: String,
    /// Occurrences.
    pub count: usize,
}

/// A speaker quoted by a group.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SpeakerUse {
    /// The compared group.
    pub group: String,
    /// The speaker (named, or a pronoun linked to a name).
    pub speaker: String,
    /// Attributions.
    pub count: usize,
    /// Attributions by verb stance.
    pub stances: BTreeMap<String, usize>,
    /// Direct quotations among them.
    pub direct: usize,
}

/// Jensen–Shannon divergence between two groups.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Divergence {
    /// One group.
    pub a: String,
    /// The other group.
    pub b: String,
    /// Over the distribution of marker categories.
    pub categories: f64,
    /// Over the distribution of policy frames.
    pub frames: f64,
}

/// A word's log-odds score between two groups (positive: more typical of the first).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct TermScore {
    /// The word.
    pub term: String,
    /// Occurrences in the first group.
    pub count_a: u64,
    /// Occurrences in the second group (or the rest).
    pub count_b: u64,
    /// Log-odds ratio.
    pub delta: f64,
    /// z-score.
    pub z: f64,
}

/// The result of comparing groups of documents.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Comparison {
    /// The groups, in first-seen order.
    pub groups: Vec<GroupInfo>,
    /// The profile table.
    pub table: Vec<Measure>,
    /// Naming variants used, per group.
    pub naming: Vec<NamingUse>,
    /// Speakers quoted, per group.
    pub speakers: Vec<SpeakerUse>,
    /// Pairwise divergence.
    pub divergence: Vec<Divergence>,
    /// The options used.
    pub options: CompareOptions,
    /// Word counts per group (for distinctive terms).
    terms: Vec<BTreeMap<String, u64>>,
}

/// The measures of the profile table, in order.
fn measure_names(frames: &[String]) -> Vec<String> {
    let mut names = Vec::new();
    for c in Category::ALL {
        for v in ["", "_author", "_quoted"] {
            names.push(format!("{}{v}_per_1k", c.as_str()));
        }
    }
    names.push("attributed_sentence_share".into());
    names.push("anonymous_share".into());
    for s in VerbStance::ALL {
        names.push(format!("stance_{}_share", s.as_str()));
    }
    for f in frames {
        names.push(format!("frame_{f}_share"));
    }
    for p in ["state_affiliated", "wire_based", "syndicated"] {
        names.push(p.into());
    }
    names
}

/// (numerator, denominator) of every measure for one unit (a document or a sentence).
type Unit = Vec<(f64, f64)>;

struct UnitBuilder<'a> {
    frames: &'a [String],
}

impl UnitBuilder<'_> {
    fn empty(&self) -> Unit {
        vec![(0.0, 0.0); measure_names(self.frames).len()]
    }

    /// Units of a document: itself, or each of its sentences.
    fn units(&self, a: &Analysis, by_sentence: bool) -> Vec<Unit> {
        let ranges: Vec<(usize, usize, f64, f64)> = if by_sentence && !a.sentences.is_empty() {
            a.sentences
                .iter()
                .map(|s| (s.start, s.end, s.words as f64, s.quoted_words as f64))
                .collect()
        } else {
            let p = &a.profile;
            vec![(0, usize::MAX, p.words as f64, p.quoted_words as f64)]
        };
        let flags = [
            a.profile.state_affiliated,
            a.profile.wire_based,
            a.profile.syndicated,
        ];
        let mut out: Vec<Unit> = ranges
            .iter()
            .map(|&(_, _, words, quoted)| {
                let mut u = self.empty();
                let author = (words - quoted).max(0.0);
                for (ci, _) in Category::ALL.iter().enumerate() {
                    u[ci * 3] = (0.0, words / 1000.0);
                    u[ci * 3 + 1] = (0.0, author / 1000.0);
                    u[ci * 3 + 2] = (0.0, quoted / 1000.0);
                }
                let base = Category::ALL.len() * 3;
                u[base] = (0.0, 0.0);
                let tail = u.len() - 3;
                for (k, f) in flags.iter().enumerate() {
                    u[tail + k] = (f64::from(u8::from(*f)), 1.0);
                }
                u
            })
            .collect();
        let unit_of = |pos: usize| -> usize {
            if ranges.len() == 1 {
                0
            } else {
                ranges.partition_point(|r| r.1 <= pos).min(ranges.len() - 1)
            }
        };
        let base = Category::ALL.len() * 3;
        let stance_base = base + 2;
        let frame_base = stance_base + VerbStance::ALL.len();
        for m in &a.markers {
            let Some(ci) = Category::ALL.iter().position(|&c| c == m.category) else {
                continue;
            };
            let u = &mut out[unit_of(m.start)];
            u[ci * 3].0 += 1.0;
            match m.voice {
                Voice::Author => u[ci * 3 + 1].0 += 1.0,
                Voice::Quoted => u[ci * 3 + 2].0 += 1.0,
            }
            if m.category == Category::Frame {
                if let Some(fi) = m
                    .subcategory
                    .as_deref()
                    .and_then(|s| self.frames.iter().position(|f| f == s))
                {
                    u[frame_base + fi].0 += 1.0;
                }
                for k in 0..self.frames.len() {
                    u[frame_base + k].1 += 1.0;
                }
            }
        }
        // Sentences with an attribution cue; anonymous share and stance mix per attribution.
        let mut cue_units = BTreeSet::new();
        for at in a.attributions.iter().filter(|x| !x.continued) {
            let ui = unit_of(at.cue.start);
            cue_units.insert(ui);
            let u = &mut out[ui];
            u[base + 1].1 += 1.0;
            if at.speaker_type == Some(SpeakerType::Anonymous) {
                u[base + 1].0 += 1.0;
            }
            let si = VerbStance::ALL
                .iter()
                .position(|&s| s == at.verb_stance)
                .unwrap_or(0);
            for k in 0..VerbStance::ALL.len() {
                u[stance_base + k].1 += 1.0;
            }
            u[stance_base + si].0 += 1.0;
        }
        if ranges.len() == 1 {
            let s = a.profile.sentences as f64;
            out[0][base] = (a.profile.attribution.sentence_share * s, s);
        } else {
            for (i, u) in out.iter_mut().enumerate() {
                u[base] = (f64::from(u8::from(cue_units.contains(&i))), 1.0);
            }
        }
        out
    }
}

/// Counts words in a text: lowercased runs of letters with inner apostrophes or hyphens (the
/// same tokens as the background table). One reused buffer; a string is allocated only for a
/// word not seen before.
fn count_terms(text: &str, out: &mut HashMap<String, u64>) {
    fn flush(word: &mut String, out: &mut HashMap<String, u64>) {
        if word.is_empty() {
            return;
        }
        match out.get_mut(word.as_str()) {
            Some(n) => *n += 1,
            None => {
                out.insert(word.clone(), 1);
            }
        }
        word.clear();
    }
    let mut word = String::new();
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        if c.is_alphabetic() {
            if c.is_ascii() {
                word.push(c.to_ascii_lowercase());
            } else {
                word.extend(c.to_lowercase());
            }
            continue;
        }
        let joiner = matches!(c, '\'' | '\u{2019}' | '-');
        if joiner && !word.is_empty() && chars.peek().is_some_and(|n| n.is_alphabetic()) {
            word.push(if c == '-' { '-' } else { '\'' });
            continue;
        }
        flush(&mut word, out);
    }
    flush(&mut word, out);
}

/// The built-in background word frequencies: (counts, total).
fn background() -> &'static (HashMap<String, f64>, f64) {
    static BG: OnceLock<(HashMap<String, f64>, f64)> = OnceLock::new();
    BG.get_or_init(|| {
        let src = include_str!("../../data/en/background.tsv");
        let mut map = HashMap::new();
        let mut total = 0.0;
        for line in src.lines() {
            if let Some(rest) = line.strip_prefix("# English background word counts; ") {
                total = rest
                    .split_whitespace()
                    .next()
                    .and_then(|n| n.parse().ok())
                    .unwrap_or(0.0);
                continue;
            }
            if line.starts_with('#') {
                continue;
            }
            if let Some((w, n)) = line.split_once('\t') {
                if let Ok(n) = n.trim().parse::<f64>() {
                    map.insert(w.to_string(), n);
                }
            }
        }
        if total == 0.0 {
            total = map.values().sum();
        }
        (map, total)
    })
}

impl Comparison {
    /// Compares documents grouped by their labels. `lexicon` supplies the sides of naming
    /// variants.
    pub fn new(
        inputs: &[CompareInput<'_>],
        lexicon: &Lexicon,
        options: CompareOptions,
    ) -> Result<Self> {
        if inputs.is_empty() {
            return Err(Error::config("compare needs at least one document"));
        }
        let frames: Vec<String> = {
            let set: BTreeSet<String> = lexicon
                .entries()
                .iter()
                .filter(|e| e.category == Category::Frame)
                .filter_map(|e| e.subcategory.as_deref().map(str::to_string))
                .collect();
            set.into_iter().collect()
        };
        let names = measure_names(&frames);
        let mut order: Vec<String> = Vec::new();
        let mut members: HashMap<&str, Vec<usize>> = HashMap::new();
        for (i, inp) in inputs.iter().enumerate() {
            if !members.contains_key(inp.group) {
                order.push(inp.group.to_string());
            }
            members.entry(inp.group).or_default().push(i);
        }
        let builder = UnitBuilder { frames: &frames };
        let per_group: Vec<(GroupInfo, Vec<Measure>, BTreeMap<String, u64>)> = order
            .par_iter()
            .map(|g| {
                let idx = &members[g.as_str()];
                let by_sentence = idx.len() == 1;
                let units: Vec<Unit> = idx
                    .iter()
                    .flat_map(|&i| builder.units(inputs[i].analysis, by_sentence))
                    .collect();
                let measures = summarize(g, &names, &units, &options);
                let mut counts: HashMap<String, u64> = HashMap::new();
                for &i in idx {
                    count_terms(inputs[i].text, &mut counts);
                }
                let info = GroupInfo {
                    name: g.clone(),
                    documents: idx.len(),
                    words: idx.iter().map(|&i| inputs[i].analysis.profile.words).sum(),
                    resampled: if by_sentence {
                        "sentences"
                    } else {
                        "documents"
                    }
                    .into(),
                };
                (info, measures, counts.into_iter().collect())
            })
            .collect();
        let mut groups = Vec::new();
        let mut table = Vec::new();
        let mut terms = Vec::new();
        for (info, measures, counts) in per_group {
            groups.push(info);
            table.extend(measures);
            terms.push(counts);
        }
        let sides: HashMap<&str, Option<&str>> = lexicon
            .entries()
            .iter()
            .filter(|e| e.category == Category::Naming)
            .map(|e| (&*e.id, e.side.as_deref()))
            .collect();
        let mut naming: BTreeMap<(String, String, usize), usize> = BTreeMap::new();
        let mut speakers: BTreeMap<(usize, String), SpeakerUse> = BTreeMap::new();
        let mut cat_counts = vec![vec![0.0; Category::ALL.len()]; order.len()];
        let mut frame_counts = vec![vec![0.0; frames.len()]; order.len()];
        for inp in inputs {
            let gi = order.iter().position(|g| g == inp.group).unwrap_or(0);
            for m in &inp.analysis.markers {
                if let Some(ci) = Category::ALL.iter().position(|&c| c == m.category) {
                    cat_counts[gi][ci] += 1.0;
                }
                match m.category {
                    Category::Naming => {
                        let group = m.subcategory.as_deref().unwrap_or("").to_string();
                        *naming.entry((group, m.entry.to_string(), gi)).or_default() += 1;
                    }
                    Category::Frame => {
                        if let Some(fi) = m
                            .subcategory
                            .as_deref()
                            .and_then(|s| frames.iter().position(|f| f == s))
                        {
                            frame_counts[gi][fi] += 1.0;
                        }
                    }
                    _ => {}
                }
            }
            for at in inp.analysis.attributions.iter().filter(|x| !x.continued) {
                let named = at.speaker_type == Some(SpeakerType::Named)
                    || (at.speaker_type == Some(SpeakerType::Pronoun)
                        && at.resolved_speaker.is_some());
                let Some(name) = at.speaker_name.as_ref().filter(|_| named) else {
                    continue;
                };
                let s = speakers
                    .entry((gi, name.to_string()))
                    .or_insert_with(|| SpeakerUse {
                        group: order[gi].clone(),
                        speaker: name.to_string(),
                        count: 0,
                        stances: VerbStance::ALL
                            .iter()
                            .map(|v| (v.as_str().to_string(), 0))
                            .collect(),
                        direct: 0,
                    });
                s.count += 1;
                *s.stances
                    .entry(at.verb_stance.as_str().to_string())
                    .or_default() += 1;
                s.direct += usize::from(at.kind == AttributionKind::Direct);
            }
        }
        let naming = naming
            .into_iter()
            .map(|((naming_group, variant, gi), count)| NamingUse {
                side: sides
                    .get(variant.as_str())
                    .copied()
                    .flatten()
                    .map(str::to_string),
                naming_group,
                variant,
                group: order[gi].clone(),
                count,
            })
            .collect();
        let mut speakers: Vec<SpeakerUse> = speakers.into_values().collect();
        speakers.sort_by(|a, b| {
            (
                order.iter().position(|g| *g == a.group),
                std::cmp::Reverse(a.count),
                &a.speaker,
            )
                .cmp(&(
                    order.iter().position(|g| *g == b.group),
                    std::cmp::Reverse(b.count),
                    &b.speaker,
                ))
        });
        let mut divergence = Vec::new();
        for i in 0..order.len() {
            for j in i + 1..order.len() {
                divergence.push(Divergence {
                    a: order[i].clone(),
                    b: order[j].clone(),
                    categories: jensen_shannon(&cat_counts[i], &cat_counts[j]),
                    frames: jensen_shannon(&frame_counts[i], &frame_counts[j]),
                });
            }
        }
        Ok(Comparison {
            groups,
            table,
            naming,
            speakers,
            divergence,
            options,
            terms,
        })
    }

    fn group_index(&self, name: &str) -> Result<usize> {
        self.groups
            .iter()
            .position(|g| g.name == name)
            .ok_or_else(|| {
                let known: Vec<_> = self.groups.iter().map(|g| g.name.as_str()).collect();
                Error::config(format!("no group `{name}` (groups: {})", known.join(", ")))
            })
    }

    /// Words most typical of group `a` against group `b` (or against all other groups when `b`
    /// is None), by log-odds z-score, highest first; words seen fewer than `min_count` times in
    /// both together are left out. The most typical words of `b` are the list's end.
    pub fn distinctive_terms(
        &self,
        a: &str,
        b: Option<&str>,
        min_count: u64,
    ) -> Result<Vec<TermScore>> {
        let ia = self.group_index(a)?;
        let ca = &self.terms[ia];
        let rest: BTreeMap<String, u64>;
        let cb: &BTreeMap<String, u64> = match b {
            Some(b) => &self.terms[self.group_index(b)?],
            None => {
                let mut m = BTreeMap::new();
                for (k, t) in self.terms.iter().enumerate() {
                    if k != ia {
                        for (w, n) in t {
                            *m.entry(w.clone()).or_default() += n;
                        }
                    }
                }
                rest = m;
                &rest
            }
        };
        let na: f64 = ca.values().sum::<u64>() as f64;
        let nb: f64 = cb.values().sum::<u64>() as f64;
        let alpha0 = self.options.prior_mass;
        let (bg, bg_total) = background();
        let pooled_total = na + nb;
        let words: BTreeSet<&String> = ca.keys().chain(cb.keys()).collect();
        let mut out: Vec<TermScore> = words
            .into_iter()
            .filter_map(|w| {
                let ya = *ca.get(w).unwrap_or(&0) as f64;
                let yb = *cb.get(w).unwrap_or(&0) as f64;
                if ((ya + yb) as u64) < min_count {
                    return None;
                }
                let pi = match self.options.prior {
                    Prior::Background => bg.get(w.as_str()).copied().unwrap_or(0.5) / bg_total,
                    Prior::Pooled => (ya + yb) / pooled_total,
                };
                let alpha_w = (alpha0 * pi).max(1e-3);
                let (delta, z) = log_odds_dirichlet(ya, na, yb, nb, alpha_w, alpha0);
                Some(TermScore {
                    term: w.clone(),
                    count_a: ya as u64,
                    count_b: yb as u64,
                    delta,
                    z,
                })
            })
            .collect();
        out.sort_by(|x, y| y.z.total_cmp(&x.z).then_with(|| x.term.cmp(&y.term)));
        Ok(out)
    }

    /// For each naming group with side-labelled variants: a z-score of whether group `a` uses
    /// the `side_a` variants (against the `side_b` ones) more than group `b` does — the log odds
    /// ratio of a 2×2 table with 0.5 added to each cell. Returns (naming group, total uses, z).
    pub fn naming_contrast(
        &self,
        a: &str,
        b: &str,
        side_a: &str,
        side_b: &str,
    ) -> Vec<(String, usize, f64)> {
        let mut cells: BTreeMap<&str, [f64; 4]> = BTreeMap::new();
        for n in &self.naming {
            let side = n.side.as_deref();
            let col = if side == Some(side_a) {
                0
            } else if side == Some(side_b) {
                1
            } else {
                continue;
            };
            let row = if n.group == a {
                0
            } else if n.group == b {
                1
            } else {
                continue;
            };
            cells.entry(&n.naming_group).or_insert([0.0; 4])[row * 2 + col] += n.count as f64;
        }
        cells
            .into_iter()
            .filter(|(_, c)| (c[0] + c[2]) > 0.0 && (c[1] + c[3]) > 0.0)
            .map(|(g, c)| {
                let [aa, ab, ba, bb] = c.map(|x| x + 0.5);
                let lor = (aa * bb / (ab * ba)).ln();
                let se = (1.0 / aa + 1.0 / ab + 1.0 / ba + 1.0 / bb).sqrt();
                let total = c.iter().sum::<f64>() as usize;
                (g.to_string(), total, lor / se)
            })
            .collect()
    }

    /// Speakers quoted by group `a` that group `b` never quotes.
    pub fn exclusive_speakers(&self, a: &str, b: &str) -> Vec<&SpeakerUse> {
        let in_b: BTreeSet<&str> = self
            .speakers
            .iter()
            .filter(|s| s.group == b)
            .map(|s| s.speaker.as_str())
            .collect();
        self.speakers
            .iter()
            .filter(|s| s.group == a && !in_b.contains(s.speaker.as_str()))
            .collect()
    }
}

/// Point values and bootstrap intervals of every measure for one group.
fn summarize(group: &str, names: &[String], units: &[Unit], opts: &CompareOptions) -> Vec<Measure> {
    let m = names.len();
    // One contiguous array, (numerator, denominator) per measure per unit, so resampling reads
    // memory in order instead of chasing a pointer per unit.
    let flat: Vec<f64> = units
        .iter()
        .flat_map(|u| u.iter().flat_map(|&(a, b)| [a, b]))
        .collect();
    let stride = 2 * m;
    let mut sums = vec![0.0; stride];
    for row in flat.chunks_exact(stride) {
        for (s, v) in sums.iter_mut().zip(row) {
            *s += v;
        }
    }
    let values: Vec<f64> = (0..m)
        .map(|k| ratio(sums[2 * k], sums[2 * k + 1]))
        .collect();
    let n = units.len();
    let resamples: Vec<Vec<f64>> = if opts.bootstrap == 0 || n < 2 {
        Vec::new()
    } else {
        let base = opts.seed ^ fnv1a(group);
        (0..opts.bootstrap)
            .into_par_iter()
            .map(|b| {
                let mut rng =
                    SplitMix64::new(base.wrapping_add((b as u64).wrapping_mul(0x9E37_79B9)));
                let mut s = vec![0.0; stride];
                for _ in 0..n {
                    let i = rng.below(n) * stride;
                    for (acc, v) in s.iter_mut().zip(&flat[i..i + stride]) {
                        *acc += v;
                    }
                }
                (0..m).map(|k| ratio(s[2 * k], s[2 * k + 1])).collect()
            })
            .collect()
    };
    (0..m)
        .map(|k| {
            let (low, high) = if resamples.is_empty() {
                (values[k], values[k])
            } else {
                let mut col: Vec<f64> = resamples.iter().map(|r| r[k]).collect();
                col.sort_by(f64::total_cmp);
                (quantile(&col, 0.025), quantile(&col, 0.975))
            };
            Measure {
                measure: names[k].clone(),
                group: group.to_string(),
                value: values[k],
                low,
                high,
            }
        })
        .collect()
}
