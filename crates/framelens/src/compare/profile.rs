//! The profile table: every marker rate (per 1,000 words, overall and by voice), attribution
//! shares, the verb-stance mix, the frame distribution and provenance flags per group, each with
//! a 95% bootstrap interval over units — documents, or sentences when a group has one document —
//! studentized (with exact floors), BCa (the acceleration from a jackknife over the same units)
//! or percentile. Seeded: the same input gives the same numbers on any thread count.
//!
//! Every measure is a ratio of sums over the units. A frame's share is the mean, over the units
//! with a cue of its frame set, of each unit's share (the frame's cue weight over the set's, the
//! unit's frame distribution), so each document counts once however many cues it has: pooling
//! the cues instead let the few documents about a frame carry it (on ABP, 3% of the articles
//! hold 43–48% of the morality, other and health cues) and its intervals held the truth in only
//! 0.88 of samples of 40.

use std::collections::BTreeSet;

use rayon::prelude::*;
use serde::{Deserialize, Serialize};

use super::stats::{
    bca_interval, beta_i, beta_quantile, fnv1a, gamma_p, gamma_quantile, normal_quantile, quantile,
    ratio, studentized_interval, t_quantile, SplitMix64,
};
use super::{same_figure, CompareOptions, Interval};
use crate::analysis::{Analysis, SpeakerType, VerbStance, Voice};
use crate::lexicon::Category;
use crate::parallel::CancelToken;

/// One cell of the profile table: a measure for a group, with its 95% interval.
///
/// A measure whose denominator is zero in the group (a rate of a group with no words, or of
/// quoted voice where nothing is quoted; a share of attributions where there are none) is
/// undefined: its value and interval are NaN (`null` in JSON, `None` in Python's `to_dict`).
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct Measure {
    /// The measure ("loaded_per_1k", "anonymous_share", ...).
    pub measure: String,
    /// The group.
    pub group: String,
    /// The value over the whole group; NaN when undefined (no denominator).
    #[serde(with = "super::nan_as_null")]
    pub value: f64,
    /// Lower end of the 95% bootstrap interval; NaN when there is none.
    #[serde(with = "super::nan_as_null")]
    pub low: f64,
    /// Upper end of the 95% bootstrap interval; NaN when there is none.
    #[serde(with = "super::nan_as_null")]
    pub high: f64,
}

/// Equal figures, an undefined one (NaN) equal to another, so a comparison equals its copy.
impl PartialEq for Measure {
    fn eq(&self, other: &Self) -> bool {
        self.measure == other.measure
            && self.group == other.group
            && same_figure(self.value, other.value)
            && same_figure(self.low, other.low)
            && same_figure(self.high, other.high)
    }
}

/// The measures of the profile table, in order.
pub(super) fn measure_names(frames: &[(Category, String)]) -> Vec<String> {
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
    for (c, f) in frames {
        names.push(format!("{}_{f}_share", c.as_str()));
    }
    for p in FLAGS {
        names.push(p.into());
    }
    names
}

/// (numerator, denominator) of every measure for one unit (a document or a sentence).
pub(super) type Unit = Vec<(f64, f64)>;

pub(super) struct UnitBuilder<'a> {
    /// The frames of both frame sets (policy and generic), each with its category.
    pub(super) frames: &'a [(Category, String)],
}

impl UnitBuilder<'_> {
    pub(super) fn empty(&self) -> Unit {
        vec![(0.0, 0.0); measure_names(self.frames).len()]
    }

    /// Units of a document: itself, or each of its sentences.
    pub(super) fn units(&self, a: &Analysis, by_sentence: bool) -> Vec<Unit> {
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
        // Per unit: each frame's cue weight, and the cue weight of each frame set (policy,
        // generic), added in marker order.
        let sets = [Category::Frame, Category::GenericFrame];
        // The frame set of each frame.
        let set_of: Vec<Option<usize>> = self
            .frames
            .iter()
            .map(|(c, _)| sets.iter().position(|s| s == c))
            .collect();
        let mut frame_weight = vec![vec![0.0_f64; self.frames.len()]; out.len()];
        let mut set_weight = vec![[0.0_f64; 2]; out.len()];
        for m in &a.markers {
            let Some(ci) = Category::ALL.iter().position(|&c| c == m.category) else {
                continue;
            };
            let ui = unit_of(m.start);
            let u = &mut out[ui];
            u[ci * 3].0 += 1.0;
            // As the document's profile counts it: quoted voice, or a speaker's view in
            // indirect speech (whose words are in the quoted words too).
            if m.voice == Voice::Quoted || m.speaker.is_some() {
                u[ci * 3 + 2].0 += 1.0;
            } else {
                u[ci * 3 + 1].0 += 1.0;
            }
            if let Some(si) = sets.iter().position(|&c| c == m.category) {
                let weight = f64::from(m.weight);
                if let Some(fi) = m.subcategory.as_deref().and_then(|s| {
                    self.frames
                        .iter()
                        .position(|(c, f)| *c == m.category && f == s)
                }) {
                    frame_weight[ui][fi] += weight;
                }
                set_weight[ui][si] += weight;
            }
        }
        // A frame's share in a unit is its cue weight over its frame set's (the unit's frame
        // distribution); the group's is the mean over the units with a cue of the set, so
        // each document counts once, however many cues it has.
        for ((u, fw), sw) in out.iter_mut().zip(&frame_weight).zip(&set_weight) {
            for (k, set) in set_of.iter().enumerate() {
                let total = set.map_or(0.0, |si| sw[si]);
                if total > 0.0 {
                    u[frame_base + k] = (fw[k] / total, 1.0);
                }
            }
        }
        // Sentences with an attribution cue; anonymous share and stance mix per attribution.
        let mut cue_units = BTreeSet::new();
        for at in a
            .attributions
            .iter()
            .filter(|x| !x.continued && x.parent.is_none())
        {
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
            // Undefined only with no sentences, where the count is 0 of 0.
            let share = a.profile.attribution.sentence_share.unwrap_or(0.0);
            out[0][base] = (share * s, s);
        } else {
            for (i, u) in out.iter_mut().enumerate() {
                u[base] = (f64::from(u8::from(cue_units.contains(&i))), 1.0);
            }
        }
        out
    }
}

/// The provenance flags: per-document yes/no, so a group's share of documents.
const FLAGS: [&str; 3] = ["state_affiliated", "wire_based", "syndicated"];

/// The exact interval of a measure's effective count, the least a studentized interval spans.
#[derive(Clone, Copy, Debug, PartialEq)]
enum Exact {
    /// A count per 1,000 words: Garwood's Poisson interval of the effective count.
    Rate,
    /// A count of a count (cues of a frame of all frame cues, documents of documents):
    /// Clopper–Pearson of the effective count of the effective trials.
    Share,
    /// A mean of per-unit shares in [0, 1] (a frame's share of its set's cue weight): as
    /// [`Exact::Share`], but the effective trials are capped at [`MEAN_SHARE_TRIALS`] per unit,
    /// not one, since shares vary less than yes/no outcomes; the units where none is observed.
    MeanShare,
    /// A provenance flag when the units are one document's sentences: the flag is the
    /// document's, the same in every sentence, so its sentences cannot be resampled for it; it
    /// is one yes/no trial, and its interval is Clopper–Pearson of 0 or 1 of 1 ([0, 0.975] or
    /// [0.025, 1]).
    DocumentFlag,
}

/// The most yes/no trials one unit's share counts as in [`Exact::MeanShare`]'s effective
/// trials. A rare frame's share is carried by the few documents where the frame dominates; a
/// sample that lacks them shows a small share with a small spread, and n* = p(1 − p) / se²
/// then claims thousands of trials. Capping n* at this many per unit keeps such an interval
/// open upwards. Chosen on ABP articles 3,000 to 5,999 (1,000 samples of 40; `coverage.py
/// --offset 3000`) as the largest of 2, 3, 4, 6, 8, 10, 12 and 16 that lifts the two frame
/// shares below 0.93 there to 0.95 (other 0.906 → 0.962, morality 0.928 → 0.985; 10 gives
/// other 0.941); on articles 0 to 2,999, scored afterwards, other rose from 0.915 to 0.981.
/// Shares of common frames, whose n* is below the cap, keep their interval.
const MEAN_SHARE_TRIALS: f64 = 8.0;

/// The tail probability of each end of a 95% interval.
const TAIL: f64 = 0.025;

impl Exact {
    /// (z / t)² at the 97.5th percentile, t with `n` − 1 degrees of freedom: fewer units,
    /// fewer effective trials.
    fn shrink(n: usize) -> f64 {
        let df = if n > 1 { (n - 1) as f64 } else { 1.0 };
        (normal_quantile(1.0 - TAIL) / t_quantile(1.0 - TAIL, df)).powi(2)
    }

    fn of(name: &str, by_sentence: bool) -> Exact {
        if name.ends_with("_per_1k") {
            Exact::Rate
        } else if (name.starts_with("frame_") || name.starts_with("generic_frame_"))
            && name.ends_with("_share")
        {
            Exact::MeanShare
        } else if by_sentence && FLAGS.contains(&name) {
            Exact::DocumentFlag
        } else {
            Exact::Share
        }
    }

    /// The interval `lo..=hi` widened to hold the exact 95% interval of the ratio `num / den`
    /// with standard error `se`, `shrink` being (z / t)² for the units' degrees of freedom. Cues cluster in documents, so the pooled count
    /// overstates what is known: the exact interval is of the effective count (Korn and
    /// Graubard 1998 for a share: n* = p(1 − p) / se² trials, times (z / t₍ₙ₋₁₎)² for the
    /// units' degrees of freedom; for a rate the Poisson count with the same variance,
    /// k* = R² / se², as Fay and Feuer's 1997 gamma interval), never more than the pooled
    /// count; the pooled count where the estimate has no spread (none observed). One
    /// distribution-function value per end tells whether the exact end lies outside; only then
    /// is it solved for.
    fn widen(self, num: f64, den: f64, se: f64, shrink: f64, lo: f64, hi: f64) -> (f64, f64) {
        let value = num / den;
        match self {
            Exact::Rate => {
                // The effective count k and the exposure over which it is counted.
                let (k, exposure) = if se > 0.0 && value > 0.0 {
                    let k = ((value / se).powi(2) * shrink).min(num);
                    (k, k / value)
                } else {
                    (num.round(), den)
                };
                (
                    if k > 0.0 && gamma_p(k, lo * exposure) > TAIL {
                        lo.min(gamma_quantile(TAIL, k) / exposure)
                    } else {
                        lo
                    },
                    if gamma_p(k + 1.0, hi * exposure) < 1.0 - TAIL {
                        hi.max(gamma_quantile(1.0 - TAIL, k + 1.0) / exposure)
                    } else {
                        hi
                    },
                )
            }
            Exact::Share | Exact::MeanShare | Exact::DocumentFlag => {
                let cap = if self == Exact::Share {
                    den
                } else {
                    MEAN_SHARE_TRIALS * den
                };
                let (k, trials) = if self == Exact::DocumentFlag {
                    (value.round().clamp(0.0, 1.0), 1.0)
                } else if se > 0.0 && value > 0.0 && value < 1.0 {
                    let trials = (value * (1.0 - value) / (se * se) * shrink).min(cap);
                    (value * trials, trials)
                } else {
                    let trials = den.round();
                    (num.round().min(trials), trials)
                };
                (
                    if k > 0.0 && beta_i(k, trials - k + 1.0, lo) > TAIL {
                        lo.min(beta_quantile(TAIL, k, trials - k + 1.0))
                    } else {
                        lo
                    },
                    if k < trials && beta_i(k + 1.0, trials - k, hi) < 1.0 - TAIL {
                        hi.max(beta_quantile(1.0 - TAIL, k + 1.0, trials - k))
                    } else {
                        hi
                    },
                )
            }
        }
    }
}

/// A measure's ratio of sums over a group's units, with its linearised standard error.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct RatioEstimate {
    /// Σy: the numerator summed over the units.
    pub num: f64,
    /// Σx: the denominator summed over the units.
    pub den: f64,
    /// The delta-method standard error of Σy / Σx, `√(n/(n−1) · Σ(y − R·x)²) / Σx`.
    pub se: f64,
    /// The number of units (documents, or one document's sentences).
    pub units: usize,
    /// The units whose numerator is not zero. The standard error of a measure most units lack
    /// (a rare frame's share, a rare rate) is estimated from these few alone, so its degrees of
    /// freedom are theirs: the exact interval the studentized one is widened to uses
    /// t with `carrying` − 1 degrees of freedom (or `units` − 1, when fewer).
    pub carrying: usize,
}

/// The default (studentized) 95% interval of one profile measure: the bootstrap-t interval
/// from `sorted_t` (each resample's (R* − R) / se*, sorted; NaN left out), an end where more
/// than 2.5% of the resamples have no spread taken from `fallback` (the BCa interval), widened
/// to hold the exact interval of the measure's effective count and clamped to the measure's
/// range. `measure` is the profile measure's name (it tells a rate from a share) and
/// `by_sentence` whether the units are one document's sentences. A measure with no
/// denominator (`den` not above 0) is undefined and has no interval: (NaN, NaN). [`Comparison`] uses it for
/// every measure; the Python package's cluster comparison (`framelens.dask`), which gathers
/// the same sums from its partitions, calls it too, so both give the same kind of interval.
///
/// [`Comparison`]: super::Comparison
pub fn studentized_measure_interval(
    measure: &str,
    by_sentence: bool,
    estimate: RatioEstimate,
    sorted_t: &[f64],
    fallback: impl FnOnce() -> (f64, f64),
) -> (f64, f64) {
    let RatioEstimate {
        num,
        den,
        se,
        units,
        carrying,
    } = estimate;
    if den.is_nan() || den <= 0.0 {
        return (f64::NAN, f64::NAN);
    }
    let (lo, hi) = match studentized_interval(ratio(num, den), se, sorted_t, 0.95) {
        (Some(lo), Some(hi)) => (lo, hi),
        (lo, hi) => {
            let (bl, bh) = fallback();
            (lo.unwrap_or(bl), hi.unwrap_or(bh))
        }
    };
    let exact = Exact::of(measure, by_sentence);
    let (lo, hi) = exact.widen(num, den, se, Exact::shrink(units.min(carrying)), lo, hi);
    let hi = if exact != Exact::Rate {
        hi.min(1.0)
    } else if ONE_PER_WORD.iter().any(|c| measure.starts_with(c)) {
        // No word carries two markers of these categories, so no rate exceeds 1,000 per 1,000
        // words: a group of two or three documents had bounds of 6,632 and 18,456, and the
        // one-word document "Taxes." a frame-cue bound of 5,572.
        hi.min(1000.0)
    } else {
        hi
    };
    (lo.max(0.0), hi)
}

/// The categories whose markers never share a word: their rates per 1,000 words are at most
/// 1,000. The matcher keeps the leftmost-longest match of each category, whatever its entry
/// or subcategory (`keep_leftmost_longest` has one slot per category), so two policy-frame
/// cues, or two generic-frame cues, never cover one word, however many entries or frames list
/// it ("equal pay" and "pay" give one cue); a fitted model marks at most one per word, in
/// place of its category's. Scare quotes are not a lexicon category: they can nest (a quoted
/// phrase inside a quoted phrase), so their rate has no such bound.
const ONE_PER_WORD: [&str; 7] = [
    "loaded_",
    "hedge_",
    "booster_",
    "factive_",
    "naming_",
    "frame_",
    "generic_frame_",
];

/// The linearised (delta-method) standard error of a ratio of sums Σy / Σx over `n` units,
/// from the sum of squared residuals Σ(y − R·x)²: √(n/(n−1) · Σ(y − R·x)²) / Σx.
fn ratio_se(residual_squares: f64, den: f64, n: usize) -> f64 {
    if den > 0.0 && n > 1 {
        (n as f64 / (n - 1) as f64 * residual_squares.max(0.0)).sqrt() / den
    } else {
        0.0
    }
}

/// Point values and bootstrap intervals of every measure for one group. `by_sentence`: the
/// units are the sentences of one document. `None` when `cancel` is cancelled (checked before
/// each resample and each measure's interval).
pub(super) fn summarize(
    group: &str,
    names: &[String],
    units: &[Unit],
    by_sentence: bool,
    opts: &CompareOptions,
    cancel: &CancelToken,
) -> Option<Vec<Measure>> {
    let m = names.len();
    // One contiguous array, (numerator, denominator) per measure per unit, so resampling reads
    // memory in order instead of chasing a pointer per unit.
    let flat: Vec<f64> = units
        .iter()
        .flat_map(|u| u.iter().flat_map(|&(a, b)| [a, b]))
        .collect();
    let stride = 2 * m;
    let mut sums = vec![0.0; stride];
    // Per measure, the units whose numerator is not zero (the studentized interval's degrees
    // of freedom).
    let mut carrying = vec![0_usize; m];
    for row in flat.chunks_exact(stride) {
        for (s, v) in sums.iter_mut().zip(row) {
            *s += v;
        }
        for (c, pair) in carrying.iter_mut().zip(row.chunks_exact(2)) {
            *c += usize::from(pair[0] != 0.0);
        }
    }
    let values: Vec<f64> = (0..m)
        .map(|k| ratio(sums[2 * k], sums[2 * k + 1]))
        .collect();
    let n = units.len();
    let studentized = opts.interval == Interval::Studentized;
    // For the studentized intervals: y², x·y and x² per measure per unit (a resample's
    // residual sum of squares is Σy² − 2R·Σxy + R²·Σx²), and the observed standard errors.
    let squares: Vec<f64> = if studentized {
        flat.chunks_exact(2)
            .flat_map(|p| [p[0] * p[0], p[0] * p[1], p[1] * p[1]])
            .collect()
    } else {
        Vec::new()
    };
    let se: Vec<f64> = if studentized {
        (0..m)
            .map(|k| {
                let rss: f64 = flat
                    .chunks_exact(stride)
                    .map(|row| (row[2 * k] - values[k] * row[2 * k + 1]).powi(2))
                    .sum();
                ratio_se(rss, sums[2 * k + 1], n)
            })
            .collect()
    } else {
        Vec::new()
    };
    // Per resample: each measure's ratio, and (studentized) its t = (ratio − value) / se*,
    // NaN where the resample has no denominator. Each resample draws from a generator seeded by
    // its index, so stopping early, or the order the threads take them in, changes no draw.
    let resamples: Vec<(Vec<f64>, Vec<f64>)> = if opts.bootstrap == 0 || n < 2 {
        Vec::new()
    } else {
        let base = opts.seed ^ fnv1a(group);
        (0..opts.bootstrap)
            .into_par_iter()
            .map(|b| {
                if cancel.is_cancelled() {
                    return None;
                }
                let mut rng =
                    SplitMix64::new(base.wrapping_add((b as u64).wrapping_mul(0x9E37_79B9)));
                let mut s = vec![0.0; stride];
                let mut q = vec![0.0; if studentized { 3 * m } else { 0 }];
                for _ in 0..n {
                    let i = rng.below(n);
                    for (acc, v) in s.iter_mut().zip(&flat[i * stride..(i + 1) * stride]) {
                        *acc += v;
                    }
                    if studentized {
                        for (acc, v) in q.iter_mut().zip(&squares[i * 3 * m..(i + 1) * 3 * m]) {
                            *acc += v;
                        }
                    }
                }
                let r: Vec<f64> = (0..m).map(|k| ratio(s[2 * k], s[2 * k + 1])).collect();
                let t: Vec<f64> = if studentized {
                    (0..m)
                        .map(|k| {
                            let den = s[2 * k + 1];
                            if den <= 0.0 {
                                return f64::NAN;
                            }
                            let (yy, xy, xx) = (q[3 * k], q[3 * k + 1], q[3 * k + 2]);
                            let mut rss = yy - 2.0 * r[k] * xy + r[k] * r[k] * xx;
                            // Rounding, not spread: every resampled unit has the same ratio.
                            if rss <= 1e-12 * yy {
                                rss = 0.0;
                            }
                            let se_b = ratio_se(rss, den, n);
                            let d = r[k] - values[k];
                            if se_b > 0.0 {
                                d / se_b
                            } else if d.abs() <= 1e-12 * values[k].abs() {
                                0.0
                            } else {
                                d.signum() * f64::INFINITY
                            }
                        })
                        .collect()
                } else {
                    Vec::new()
                };
                Some((r, t))
            })
            .collect::<Option<_>>()?
    };
    (0..m)
        .map(|k| {
            // Sorting a column of many resamples takes milliseconds; a group has dozens.
            if cancel.is_cancelled() {
                return None;
            }
            let (low, high) = if opts.bootstrap == 0 {
                // No resamples asked for: no interval, rather than [value, value], which read
                // as certainty (and the HTML marked groups apart on it).
                (f64::NAN, f64::NAN)
            } else if resamples.is_empty()
                || Exact::of(&names[k], by_sentence) == Exact::DocumentFlag
            {
                // One unit (a document of one sentence), or a provenance flag of one document
                // (the same in each of its sentences): nothing to resample, and a percentile or
                // BCa interval of the resamples was [value, value], which read as certainty.
                // Whatever the interval method, it is the exact interval of the count.
                let ratio = RatioEstimate {
                    num: sums[2 * k],
                    den: sums[2 * k + 1],
                    se: 0.0,
                    units: n,
                    carrying: carrying[k],
                };
                studentized_measure_interval(&names[k], by_sentence, ratio, &[], || {
                    (values[k], values[k])
                })
            } else {
                let mut col: Vec<f64> = resamples.iter().map(|r| r.0[k]).collect();
                col.sort_by(f64::total_cmp);
                let bca = || {
                    // Leave-one-unit-out values of the ratio, for the acceleration.
                    let (num, den) = (sums[2 * k], sums[2 * k + 1]);
                    let jackknife: Vec<f64> = flat
                        .chunks_exact(stride)
                        .map(|row| ratio(num - row[2 * k], den - row[2 * k + 1]))
                        .collect();
                    bca_interval(values[k], &col, &jackknife, 0.95)
                };
                match opts.interval {
                    Interval::Percentile => (quantile(&col, 0.025), quantile(&col, 0.975)),
                    Interval::Bca => bca(),
                    Interval::Studentized => {
                        let mut t: Vec<f64> = resamples
                            .iter()
                            .map(|r| r.1[k])
                            .filter(|x| !x.is_nan())
                            .collect();
                        t.sort_by(f64::total_cmp);
                        let ratio = RatioEstimate {
                            num: sums[2 * k],
                            den: sums[2 * k + 1],
                            se: se[k],
                            units: n,
                            carrying: carrying[k],
                        };
                        studentized_measure_interval(&names[k], by_sentence, ratio, &t, bca)
                    }
                }
            };
            // No denominator (no words, no attributions, no quoted voice): the measure is
            // undefined, not zero, and has no interval.
            let defined = sums[2 * k + 1] > 0.0;
            let undefined = |x: f64| if defined { x } else { f64::NAN };
            Some(Measure {
                measure: names[k].clone(),
                group: group.to_string(),
                value: undefined(values[k]),
                low: undefined(low),
                high: undefined(high),
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// [`super::summarize`] with a token no one cancels.
    fn summarize(
        group: &str,
        names: &[String],
        units: &[Unit],
        by_sentence: bool,
        opts: &CompareOptions,
    ) -> Vec<Measure> {
        super::summarize(group, names, units, by_sentence, opts, &CancelToken::new())
            .expect("never cancelled")
    }

    #[test]
    fn a_cancelled_summary_is_none() {
        let units = skewed_population(50);
        let names = vec!["rate".to_string()];
        let cancel = CancelToken::new();
        let opts = CompareOptions::default();
        assert!(super::summarize("g", &names, &units, false, &opts, &cancel).is_some());
        cancel.cancel();
        assert_eq!(
            super::summarize("g", &names, &units, false, &opts, &cancel),
            None
        );
    }

    /// A population of documents with a skewed rate, as loaded words are: most documents
    /// have none, a few have many (a heavy right tail), and lengths vary.
    fn skewed_population(size: usize) -> Vec<Unit> {
        let mut rng = SplitMix64::new(2024);
        (0..size)
            .map(|_| {
                let words = 0.1 + rng.below(1_900) as f64 / 1000.0;
                let hits = if rng.below(10) < 8 {
                    0.0
                } else {
                    // A Pareto tail: P(hits > x) falls as x^-2.9.
                    let u = (1 + rng.below(1000)) as f64 / 1000.0;
                    (2.0 / u.powf(0.35)).floor()
                };
                vec![(hits, words)]
            })
            .collect()
    }

    /// The quantile function, piecewise linear, of ABP's "other" frame share over the articles
    /// (3,000 to 5,999) that have it.
    fn tail_quantile(u: f64) -> f64 {
        const AT: [f64; 14] = [
            0.0, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 0.95, 0.98, 0.99, 1.0,
        ];
        const QUANTILES: [f64; 14] = [
            0.002, 0.009, 0.014, 0.017, 0.021, 0.027, 0.035, 0.05, 0.088, 0.2, 0.353, 0.486, 0.578,
            1.0,
        ];
        let i = AT
            .iter()
            .rposition(|&a| a <= u)
            .unwrap_or(0)
            .min(AT.len() - 2);
        let t = (u - AT[i]) / (AT[i + 1] - AT[i]);
        QUANTILES[i] + t * (QUANTILES[i + 1] - QUANTILES[i])
    }

    /// A population of documents with the measures that are hard to cover at 40 documents, as
    /// the news has them: a skewed rate; a rare rate (about 0.02 per 1,000 words, one to three
    /// at a time in about one document in eighty); a rare and an uncommon document flag (0.7%
    /// and 3% of documents); a frame's share of each document's frame cues, averaged over the
    /// documents with cues, as the comparison measures it (most documents have none of it, one
    /// in seven is about it); and the anonymous share of a handful of attributions per
    /// document, clustered in the documents that lean on anonymous sources; and a rare frame's
    /// share (one or two of a document's cues in one document in twenty), whose standard error
    /// rests on the two or so documents of a sample that have it; and a heavy-tailed frame share
    /// shaped as ABP's "other" ([`tail_quantile`]).
    fn news_like_population(size: usize) -> (Vec<String>, Vec<Unit>) {
        let names = [
            "skewed_per_1k",
            "rare_per_1k",
            "syndicated",
            "wire_based",
            "frame_x_share",
            "anonymous_share",
            "frame_rare_share",
            "frame_tail_share",
        ];
        let mut rng = SplitMix64::new(2025);
        // Its own stream, so the other measures keep their draws.
        let mut tail_rng = SplitMix64::new(2026);
        let skewed = skewed_population(size);
        let units = skewed
            .into_iter()
            .map(|first| {
                let words = first[0].1;
                let mut chance = |per_10k: usize| rng.below(10_000) < per_10k;
                let rare = if chance(125) { 1.0 } else { 0.0 };
                let syndicated = f64::from(u8::from(chance(70)));
                let wire = f64::from(u8::from(chance(300)));
                let about = chance(1_400);
                let cues = rng.below(60);
                let mut frame = 0.0;
                for _ in 0..cues {
                    if rng.below(100) < if about { 40 } else { 1 } {
                        frame += 1.0;
                    }
                }
                let leans = rng.below(10) == 0;
                let attributions = rng.below(12);
                let mut anonymous = 0.0;
                for _ in 0..attributions {
                    if rng.below(100) < if leans { 30 } else { 2 } {
                        anonymous += 1.0;
                    }
                }
                let rare_hits = rare * (1 + rng.below(3)) as f64;
                let rare_frame = if cues > 0 && rng.below(100) < 5 {
                    (1 + rng.below(2)).min(cues) as f64
                } else {
                    0.0
                };
                vec![
                    first[0],
                    (rare_hits, words),
                    (syndicated, 1.0),
                    (wire, 1.0),
                    if cues > 0 {
                        (frame / cues as f64, 1.0)
                    } else {
                        (0.0, 0.0)
                    },
                    (anonymous, attributions as f64),
                    if cues > 0 {
                        (rare_frame / cues as f64, 1.0)
                    } else {
                        (0.0, 0.0)
                    },
                    // A frame many documents touch a little and a few are about, as ABP's
                    // "other": a third of the articles have it, their shares following the
                    // quantiles of articles 3,000 to 5,999 (`QUANTILES`, at 0, 0.1, ..., 0.9,
                    // 0.95, 0.98, 0.99 and 1).
                    if cues > 0 {
                        let share = if tail_rng.below(1_000) < 330 {
                            tail_quantile(tail_rng.below(10_000) as f64 / 10_000.0)
                        } else {
                            0.0
                        };
                        (share, 1.0)
                    } else {
                        (0.0, 0.0)
                    },
                ]
            })
            .collect();
        (names.iter().map(|n| n.to_string()).collect(), units)
    }

    /// Coverage per measure of the 95% intervals of `samples` samples of `n` units from
    /// `population`, the truth being each measure's ratio over the whole population.
    fn coverage(
        names: &[String],
        population: &[Unit],
        n: usize,
        samples: usize,
        interval: Interval,
    ) -> Vec<f64> {
        let m = names.len();
        let truth: Vec<f64> = (0..m)
            .map(|k| {
                let (num, den) = population
                    .iter()
                    .fold((0.0, 0.0), |(a, b), u| (a + u[k].0, b + u[k].1));
                num / den
            })
            .collect();
        let opts = CompareOptions {
            interval,
            ..Default::default()
        };
        let mut rng = SplitMix64::new(7);
        let mut held = vec![0; m];
        for s in 0..samples {
            let units: Vec<Unit> = (0..n)
                .map(|_| population[rng.below(population.len())].clone())
                .collect();
            let measures = summarize(&format!("sample{s}"), names, &units, false, &opts);
            for (k, c) in measures.iter().enumerate() {
                if c.low <= truth[k] && truth[k] <= c.high {
                    held[k] += 1;
                }
            }
        }
        held.iter()
            .map(|&h| f64::from(h) / samples as f64)
            .collect()
    }

    #[test]
    fn a_measure_with_no_denominator_is_undefined_in_every_interval() {
        // Two documents with no words and no attributions: a rate and a share of nothing.
        let names = vec!["loaded_per_1k".to_string(), "anonymous_share".to_string()];
        let units = vec![vec![(0.0, 0.0), (0.0, 0.0)]; 2];
        for interval in [Interval::Studentized, Interval::Bca, Interval::Percentile] {
            let opts = CompareOptions {
                interval,
                ..Default::default()
            };
            for m in summarize("empty", &names, &units, false, &opts) {
                assert!(
                    m.value.is_nan() && m.low.is_nan() && m.high.is_nan(),
                    "{interval:?}: {m:?}"
                );
                let json = serde_json::to_string(&m).unwrap();
                assert!(
                    json.contains(r#""value":null,"low":null,"high":null"#),
                    "{json}"
                );
                assert_eq!(serde_json::from_str::<Measure>(&json).unwrap(), m);
            }
        }
        let estimate = RatioEstimate {
            num: 0.0,
            den: 0.0,
            se: 0.0,
            units: 1,
            carrying: 0,
        };
        let (lo, hi) =
            studentized_measure_interval("loaded_per_1k", false, estimate, &[], || (0.0, 0.0));
        assert!(lo.is_nan() && hi.is_nan());
    }

    #[test]
    fn a_document_flag_of_one_document_gets_the_exact_interval_of_one_trial() {
        // A group of one document of three sentences: its flags are the document's, the same in
        // every sentence, so resampling the sentences gives [0, 0] or [1, 1]. One document is
        // one trial: Clopper–Pearson of 0 of 1 is [0, 0.975], of 1 of 1 [0.025, 1].
        let names: Vec<String> = FLAGS.iter().map(|f| f.to_string()).collect();
        for (flag, want) in [(0.0, (0.0, 0.975)), (1.0, (0.025, 1.0))] {
            let units = vec![vec![(flag, 1.0); FLAGS.len()]; 3];
            for m in summarize("one", &names, &units, true, &CompareOptions::default()) {
                assert_eq!(m.value, flag, "{m:?}");
                assert!(
                    (m.low - want.0).abs() < 1e-9 && (m.high - want.1).abs() < 1e-9,
                    "{m:?}"
                );
            }
            // Of one sentence: nothing to resample, the same exact interval; and so with the
            // percentile and BCa intervals, which resampled the sentences to [flag, flag].
            let one = vec![vec![(flag, 1.0); FLAGS.len()]];
            for interval in [Interval::Studentized, Interval::Bca, Interval::Percentile] {
                let opts = CompareOptions {
                    interval,
                    ..Default::default()
                };
                for units in [&units, &one] {
                    let m = &summarize("one", &names, units, true, &opts)[0];
                    assert!(
                        (m.low - want.0).abs() < 1e-9 && (m.high - want.1).abs() < 1e-9,
                        "{interval:?}: {m:?}"
                    );
                }
            }
        }
    }

    #[test]
    fn a_group_of_one_unit_has_no_interval_of_certainty() {
        // One document of one sentence: nothing to resample. Every interval method gives the
        // exact interval of its count (Garwood's, for 2 markers in 40 words), not [value,
        // value].
        let names = vec!["loaded_per_1k".to_string()];
        let one = [vec![(2.0, 0.04)]];
        for interval in [Interval::Studentized, Interval::Bca, Interval::Percentile] {
            let opts = CompareOptions {
                interval,
                ..Default::default()
            };
            let m = &summarize("g", &names, &one, true, &opts)[0];
            assert!((m.value - 50.0).abs() < 1e-9, "{interval:?}: {m:?}");
            assert!(m.low < 10.0 && m.high > 150.0, "{interval:?}: {m:?}");
        }
    }

    #[test]
    fn no_bootstrap_makes_no_interval() {
        let names = vec!["loaded_per_1k".to_string()];
        let units = [vec![(2.0, 0.1)], vec![(0.0, 0.2)], vec![(1.0, 0.1)]];
        for interval in [Interval::Studentized, Interval::Bca, Interval::Percentile] {
            let opts = CompareOptions {
                bootstrap: 0,
                interval,
                ..Default::default()
            };
            for (units, by_sentence) in [(&units[..], false), (&units[..1], true)] {
                let m = &summarize("g", &names, units, by_sentence, &opts)[0];
                assert!(m.value > 0.0, "{interval:?}: {m:?}");
                assert!(m.low.is_nan() && m.high.is_nan(), "{interval:?}: {m:?}");
            }
        }
    }

    #[test]
    fn rates_of_markers_that_never_share_a_word_stay_within_1000_per_1000_words() {
        // One word with one marker (a document "Taxes."): the exact Poisson bound of 1 in
        // 0.001 thousand words is 5,572; no word carries two markers of these categories.
        let one = RatioEstimate {
            num: 1.0,
            den: 0.001,
            se: 0.0,
            units: 1,
            carrying: 1,
        };
        for measure in [
            "loaded_per_1k",
            "frame_per_1k",
            "frame_author_per_1k",
            "generic_frame_per_1k",
            "generic_frame_quoted_per_1k",
        ] {
            let (lo, hi) = studentized_measure_interval(measure, false, one, &[], || (1e3, 1e3));
            assert!(lo < 1000.0 && hi == 1000.0, "{measure}: [{lo}, {hi}]");
        }
        // Scare quotes nest: not bounded by the words.
        let (_, hi) =
            studentized_measure_interval("scare_quote_per_1k", false, one, &[], || (1e3, 1e3));
        assert!(hi > 1000.0);
    }

    #[test]
    fn bca_keeps_its_95_percent_on_a_skewed_rate_where_percentile_does_not() {
        let population = skewed_population(3000);
        let names = vec!["rate".to_string()];
        let bca = coverage(&names, &population, 40, 600, Interval::Bca)[0];
        let percentile = coverage(&names, &population, 40, 600, Interval::Percentile)[0];
        eprintln!("coverage at 40 units: BCa {bca:.3}, percentile {percentile:.3}");
        assert!(bca >= 0.93, "BCa covers {bca:.3}");
        assert!(
            percentile < 0.93,
            "percentile covers {percentile:.3}: the test is too easy"
        );
    }

    #[test]
    fn studentized_keeps_its_95_percent_on_every_kind_of_measure_at_40_documents() {
        let (names, population) = news_like_population(3000);
        // 300 samples: a coverage figure's standard error is about 0.013.
        let studentized = coverage(&names, &population, 40, 300, Interval::Studentized);
        let bca = coverage(&names, &population, 40, 100, Interval::Bca);
        for (k, name) in names.iter().enumerate() {
            eprintln!(
                "{name}: studentized {:.3}, BCa {:.3}",
                studentized[k], bca[k]
            );
        }
        for (k, name) in names.iter().enumerate() {
            assert!(
                studentized[k] >= 0.93,
                "{name}: the studentized interval covers {:.3}",
                studentized[k]
            );
        }
        // Not a test that cannot fail: BCa falls short on the rare measures.
        assert!(bca.iter().any(|&c| c < 0.93), "BCa covers {bca:?}");
    }
}
