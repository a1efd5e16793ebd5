//! Comparison: articles and outlets side by side, with sound statistics.
//!
//! [`Comparison::new`] takes analysed documents (with their texts) and a group label for each:
//! an outlet, a label of the user's, or one group per document. It computes
//!
//! - a profile table: every marker rate (per 1,000 words, overall and by voice), attribution
//!   shares, the verb-stance mix, the policy- and generic-frame shares and provenance flags per
//!   group, each with a 95% bootstrap interval — studentized (bootstrap-t, never narrower than
//!   the exact interval of the pooled count) by default, or BCa, or percentile — over
//!   documents, or over sentences when a group has one document, seeded, so the same input
//!   gives the same numbers on any thread count;
//! - a between-group permutation test for each measure, with Holm's correction across the
//!   measures ([`MeasureTest`]);
//! - distinctive terms: the Monroe, Colaresi and Quinn (2008) log-odds ratio with an informative
//!   Dirichlet prior from a built-in background frequency table or from the pooled documents;
//! - the naming table, the speakers each group quotes, and pairwise Jensen–Shannon divergence of
//!   the marker-category and frame distributions.
//!
//! ```
//! use framelens::{Analyzer, CompareInput, CompareOptions, Comparison};
//!
//! let analyzer = Analyzer::new()?;
//! let docs = [
//!     ("left", "Undocumented immigrants rallied. Jane Roe said the plan was a disaster."),
//!     ("right", "Illegal aliens crossed the border. Omar Haddad said the crisis grew."),
//! ];
//! let analyses = docs
//!     .iter()
//!     .map(|(_, text)| analyzer.analyze_text(text))
//!     .collect::<Result<Vec<_>, _>>()?;
//! let inputs: Vec<CompareInput<'_>> = docs
//!     .iter()
//!     .zip(&analyses)
//!     .map(|((group, text), analysis)| CompareInput { analysis, text, group })
//!     .collect();
//! let comparison = Comparison::new(&inputs, analyzer.lexicon(), CompareOptions::default())?;
//! let loaded = comparison
//!     .table
//!     .iter()
//!     .find(|m| m.measure == "loaded_per_1k" && m.group == "left")
//!     .unwrap();
//! assert!(loaded.low <= loaded.value && loaded.value <= loaded.high);
//! let left_naming: Vec<_> = comparison
//!     .naming
//!     .iter()
//!     .filter(|n| n.group == "left")
//!     .map(|n| n.variant.as_str())
//!     .collect();
//! assert_eq!(left_naming, ["immigrants.undocumented"]);
//! # Ok::<(), framelens::Error>(())
//! ```

mod between;
mod divergence;
mod naming;
mod profile;
mod speakers;
pub mod stats;
pub(crate) mod terms;

use std::collections::{BTreeMap, BTreeSet, HashMap};

use rayon::prelude::*;
use serde::{Deserialize, Serialize};

use crate::analysis::Analysis;
use crate::error::{Error, Result};
use crate::lexicon::{Category, Lexicon};
use crate::parallel::CancelToken;

pub use between::MeasureTest;
pub use divergence::{Distribution, Divergence};
pub use naming::NamingUse;
pub use profile::{studentized_measure_interval, Measure, RatioEstimate};
pub use speakers::SpeakerUse;
pub use terms::TermScore;

/// Serde for a figure that may be undefined (NaN: a rate or share with no denominator, a
/// divergence of a group with no markers): NaN is written as `null` (JSON has no NaN, and
/// Python's `to_dict` gives `None`) and `null` is read back as NaN.
pub(crate) mod nan_as_null {
    use serde::{Deserialize, Deserializer, Serializer};

    pub(crate) fn serialize<S: Serializer>(x: &f64, s: S) -> Result<S::Ok, S::Error> {
        if x.is_nan() {
            s.serialize_none()
        } else {
            s.serialize_f64(*x)
        }
    }

    pub(crate) fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<f64, D::Error> {
        Ok(Option::<f64>::deserialize(d)?.unwrap_or(f64::NAN))
    }
}

/// Whether two figures are the same, an undefined one (NaN) being the same as another.
pub(crate) fn same_figure(a: f64, b: f64) -> bool {
    a == b || (a.is_nan() && b.is_nan())
}

/// Where the distinctive-terms prior comes from.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Prior {
    /// The built-in English background frequencies (`data/en/background.tsv`).
    Background,
    /// The pooled word counts of all compared documents.
    Pooled,
}

/// How the 95% intervals are read off the bootstrap resamples.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Interval {
    /// The studentized bootstrap (bootstrap-t): each resample's ratio is studentized by its
    /// linearised (delta-method) standard error, which follows the skew of a ratio of sums to
    /// second order. Never narrower than the exact interval of the pooled count — Clopper–Pearson
    /// for a share, Garwood's Poisson interval for a rate — which decides the interval of a rare
    /// measure (none or a few occurrences, where the bootstrap has nothing to resample); where
    /// too few resamples have any spread for a t quantile, that end is BCa's.
    #[default]
    Studentized,
    /// Bias-corrected and accelerated (Efron 1987), the acceleration from a jackknife over the
    /// units: better than the percentile interval on skewed measures, still short of 95% on
    /// rare ones and on the shares at 40 documents.
    Bca,
    /// The 2.5th and 97.5th percentiles of the resamples.
    Percentile,
}

impl Interval {
    /// What comparisons made before the option existed used.
    fn legacy() -> Self {
        Interval::Percentile
    }
}

/// The most bootstrap resamples or label permutations a comparison takes: each resample's
/// figures are kept, and a count of 10^12 asked for 48 TB and aborted the process.
pub const MAX_RESAMPLES: usize = 1_000_000;

/// Options of a comparison.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct CompareOptions {
    /// Bootstrap resamples for the intervals (0 turns intervals off: every measure's `low` and
    /// `high` are NaN, so no interval claims a certainty it was never asked for).
    pub bootstrap: usize,
    /// Seed of the bootstrap and of the permutation tests.
    pub seed: u64,
    /// How the intervals are read off the resamples.
    #[serde(default = "Interval::legacy")]
    pub interval: Interval,
    /// Label permutations of the between-group test of each measure (0 turns the tests off).
    #[serde(default)]
    pub permutations: usize,
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
            interval: Interval::Studentized,
            permutations: 1000,
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
    /// What the intervals resample.
    pub resampled: Resampled,
}

/// What a group's intervals resample.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Resampled {
    /// Its documents (a group of two or more).
    Documents,
    /// The sentences of its one document.
    Sentences,
}

/// The result of comparing groups of documents.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Comparison {
    /// The groups, in first-seen order.
    pub groups: Vec<GroupInfo>,
    /// The profile table.
    pub table: Vec<Measure>,
    /// The between-group test of each measure (empty when not made: see [`MeasureTest`]).
    #[serde(default)]
    pub tests: Vec<MeasureTest>,
    /// Naming variants used, per group.
    pub naming: Vec<NamingUse>,
    /// Speakers quoted, per group.
    pub speakers: Vec<SpeakerUse>,
    /// Marker counts by category and frame, per group (for [`Comparison::divergence`]).
    pub distributions: Vec<Distribution>,
    /// The options used.
    pub options: CompareOptions,
    /// Word counts per group (for distinctive terms).
    terms: Vec<BTreeMap<String, u64>>,
}

/// The groups of the compared documents: their labels in first-seen order, and each
/// document's group index (worked out once; every table reads it).
struct Groups {
    order: Vec<String>,
    of: Vec<usize>,
    members: Vec<Vec<usize>>,
}

impl Groups {
    fn of(inputs: &[CompareInput<'_>]) -> Groups {
        let mut index: HashMap<&str, usize> = HashMap::new();
        let mut groups = Groups {
            order: Vec::new(),
            of: Vec::with_capacity(inputs.len()),
            members: Vec::new(),
        };
        for (i, inp) in inputs.iter().enumerate() {
            let gi = *index.entry(inp.group).or_insert_with(|| {
                groups.order.push(inp.group.to_string());
                groups.members.push(Vec::new());
                groups.order.len() - 1
            });
            groups.of.push(gi);
            groups.members[gi].push(i);
        }
        groups
    }
}

impl Comparison {
    /// Compares documents grouped by their labels. `lexicon` supplies the policy frames and the
    /// sides of naming variants.
    pub fn new(
        inputs: &[CompareInput<'_>],
        lexicon: &Lexicon,
        options: CompareOptions,
    ) -> Result<Self> {
        let comparison = Self::new_cancellable(inputs, lexicon, options, &CancelToken::new())?;
        Ok(comparison.expect("a token no one holds is never cancelled"))
    }

    /// [`Comparison::new`] that stops early, with `Ok(None)` and nothing of its work kept,
    /// once `cancel` is cancelled (from another thread: a binding that sees Ctrl-C). It is
    /// checked before each bootstrap resample, each permutation and each measure's interval, so
    /// it stops within one of those whatever `bootstrap` and `permutations` are. A comparison
    /// that runs to the end is the same as [`Comparison::new`]'s: every resample and
    /// permutation is seeded by its own index.
    ///
    /// ```
    /// use framelens::parallel::CancelToken;
    /// use framelens::{Analyzer, CompareInput, CompareOptions, Comparison};
    ///
    /// let analyzer = Analyzer::new()?;
    /// let analysis = analyzer.analyze_text("Officials said the plan was a disaster.")?;
    /// let text = "Officials said the plan was a disaster.";
    /// let inputs = [CompareInput { analysis: &analysis, text, group: "a" }];
    /// let cancel = CancelToken::new();
    /// cancel.cancel();
    /// let options = CompareOptions::default();
    /// let stopped = Comparison::new_cancellable(&inputs, analyzer.lexicon(), options, &cancel)?;
    /// assert!(stopped.is_none());
    /// # Ok::<(), framelens::Error>(())
    /// ```
    pub fn new_cancellable(
        inputs: &[CompareInput<'_>],
        lexicon: &Lexicon,
        options: CompareOptions,
        cancel: &CancelToken,
    ) -> Result<Option<Self>> {
        if inputs.is_empty() {
            return Err(Error::config("compare needs at least one document"));
        }
        for (name, n) in [
            ("bootstrap", options.bootstrap),
            ("permutations", options.permutations),
        ] {
            if n > MAX_RESAMPLES {
                return Err(Error::config(format!(
                    "{name} must be at most {MAX_RESAMPLES}, not {n} (the resamples are kept \
                     in memory)"
                )));
            }
        }
        // Policy frames, then generic frames, each in name order.
        let frame_sets: Vec<(Category, String)> = {
            let set: BTreeSet<(Category, String)> = lexicon
                .entries()
                .iter()
                .filter(|e| matches!(e.category, Category::Frame | Category::GenericFrame))
                .filter_map(|e| {
                    e.subcategory
                        .as_deref()
                        .map(|s| (e.category, s.to_string()))
                })
                .collect();
            set.into_iter().collect()
        };
        let frames: Vec<String> = frame_sets
            .iter()
            .filter(|(c, _)| *c == Category::Frame)
            .map(|(_, f)| f.clone())
            .collect();
        let names = profile::measure_names(&frame_sets);
        let groups = Groups::of(inputs);
        let builder = profile::UnitBuilder {
            frames: &frame_sets,
        };
        // Each document as one unit, for the groups of two or more and for the tests.
        let doc_units: Vec<profile::Unit> = inputs
            .par_iter()
            .map(|inp| {
                builder
                    .units(inp.analysis, false)
                    .pop()
                    .unwrap_or_else(|| builder.empty())
            })
            .collect();
        let Some(per_group): Option<Vec<_>> = groups
            .order
            .par_iter()
            .zip(&groups.members)
            .map(|(g, idx)| {
                let by_sentence = idx.len() == 1;
                let units: Vec<profile::Unit> = if by_sentence {
                    builder.units(inputs[idx[0]].analysis, true)
                } else {
                    idx.iter().map(|&i| doc_units[i].clone()).collect()
                };
                let measures =
                    profile::summarize(g, &names, &units, by_sentence, &options, cancel)?;
                let mut counts: HashMap<String, u64> = HashMap::new();
                for &i in idx {
                    terms::count_terms(inputs[i].text, &mut counts);
                }
                let info = GroupInfo {
                    name: g.clone(),
                    documents: idx.len(),
                    words: idx
                        .iter()
                        .map(|&i| inputs[i].analysis.profile.words as usize)
                        .sum(),
                    resampled: if by_sentence {
                        Resampled::Sentences
                    } else {
                        Resampled::Documents
                    },
                };
                Some((info, measures, counts.into_iter().collect()))
            })
            .collect()
        else {
            return Ok(None);
        };
        let mut infos = Vec::new();
        let mut table = Vec::new();
        let mut term_counts = Vec::new();
        for (info, measures, counts) in per_group {
            infos.push(info);
            table.extend(measures);
            term_counts.push(counts);
        }
        let Some(tests) = between::tests(
            &names,
            &doc_units,
            &groups.of,
            &groups.members,
            &options,
            cancel,
        ) else {
            return Ok(None);
        };
        let analyses: Vec<&Analysis> = inputs.iter().map(|i| i.analysis).collect();
        Ok(Some(Comparison {
            naming: naming::table(&analyses, &groups.of, &groups.order, lexicon),
            speakers: speakers::table(&analyses, &groups.of, &groups.order),
            distributions: divergence::distributions(
                &analyses,
                &groups.of,
                groups.order.len(),
                &frames,
            ),
            groups: infos,
            table,
            tests,
            options,
            terms: term_counts,
        }))
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
}
