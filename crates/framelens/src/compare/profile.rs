//! The profile table: every marker rate (per 1,000 words, overall and by voice), attribution
//! shares, the verb-stance mix, the frame distribution and provenance flags per group, each with
//! a 95% bootstrap interval over units — documents, or sentences when a group has one document —
//! BCa (the acceleration from a jackknife over the same units) or percentile. Seeded: the same
//! input gives the same numbers on any thread count.

use std::collections::BTreeSet;

use rayon::prelude::*;
use serde::{Deserialize, Serialize};

use super::stats::{bca_interval, fnv1a, quantile, ratio, SplitMix64};
use super::{CompareOptions, Interval};
use crate::analysis::{Analysis, SpeakerType, VerbStance, Voice};
use crate::lexicon::Category;

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
    for p in ["state_affiliated", "wire_based", "syndicated"] {
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
            if matches!(m.category, Category::Frame | Category::GenericFrame) {
                if let Some(fi) = m.subcategory.as_deref().and_then(|s| {
                    self.frames
                        .iter()
                        .position(|(c, f)| *c == m.category && f == s)
                }) {
                    u[frame_base + fi].0 += 1.0;
                }
                // A frame's share is of the cues of its own frame set.
                for (k, (c, _)) in self.frames.iter().enumerate() {
                    if *c == m.category {
                        u[frame_base + k].1 += 1.0;
                    }
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
            out[0][base] = (a.profile.attribution.sentence_share * s, s);
        } else {
            for (i, u) in out.iter_mut().enumerate() {
                u[base] = (f64::from(u8::from(cue_units.contains(&i))), 1.0);
            }
        }
        out
    }
}

/// Point values and bootstrap intervals of every measure for one group.
pub(super) fn summarize(
    group: &str,
    names: &[String],
    units: &[Unit],
    opts: &CompareOptions,
) -> Vec<Measure> {
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
                match opts.interval {
                    Interval::Percentile => (quantile(&col, 0.025), quantile(&col, 0.975)),
                    Interval::Bca => {
                        // Leave-one-unit-out values of the ratio, for the acceleration.
                        let (num, den) = (sums[2 * k], sums[2 * k + 1]);
                        let jackknife: Vec<f64> = flat
                            .chunks_exact(stride)
                            .map(|row| ratio(num - row[2 * k], den - row[2 * k + 1]))
                            .collect();
                        bca_interval(values[k], &col, &jackknife, 0.95)
                    }
                }
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

#[cfg(test)]
mod tests {
    use super::*;

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

    /// Coverage of the 95% intervals of `samples` samples of `n` units from `population`.
    fn coverage(population: &[Unit], n: usize, samples: usize, interval: Interval) -> f64 {
        let (num, den) = population
            .iter()
            .fold((0.0, 0.0), |(a, b), u| (a + u[0].0, b + u[0].1));
        let truth = num / den;
        let names = vec!["rate".to_string()];
        let opts = CompareOptions {
            interval,
            ..Default::default()
        };
        let mut rng = SplitMix64::new(7);
        let mut held = 0;
        for s in 0..samples {
            let units: Vec<Unit> = (0..n)
                .map(|_| population[rng.below(population.len())].clone())
                .collect();
            let m = &summarize(&format!("sample{s}"), &names, &units, &opts)[0];
            if m.low <= truth && truth <= m.high {
                held += 1;
            }
        }
        f64::from(held) / samples as f64
    }

    #[test]
    fn bca_keeps_its_95_percent_on_a_skewed_rate_where_percentile_does_not() {
        let population = skewed_population(3000);
        let bca = coverage(&population, 40, 600, Interval::Bca);
        let percentile = coverage(&population, 40, 600, Interval::Percentile);
        eprintln!("coverage at 40 units: BCa {bca:.3}, percentile {percentile:.3}");
        assert!(bca >= 0.93, "BCa covers {bca:.3}");
        assert!(
            percentile < 0.93,
            "percentile covers {percentile:.3}: the test is too easy"
        );
    }
}
