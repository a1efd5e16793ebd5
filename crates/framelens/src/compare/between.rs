//! The between-group test of each profile measure: a permutation test of the groups' labels
//! over documents, with Holm's correction across the measures.
//!
//! The statistic of a measure is the weighted spread of the groups' ratios around the pooled
//! ratio, `T = Σ_g D_g (r_g − r)²`, where `D_g` is the group's denominator (its words, its
//! attributions, ...), `r_g` its ratio and `r` the ratio of all documents together. Under the
//! null hypothesis that the documents of every group come from one population, the labels are
//! exchangeable: the p-value is `(1 + #{T* ≥ T}) / (1 + P)` over `P` seeded shuffles of the
//! labels, exact in the sense that it never falls below its level under the null. Holm's
//! step-down correction then holds the chance of any false "differs" across all measures at
//! most the level, whatever the dependence between the measures (they share their documents, so
//! Benjamini–Hochberg's independence or positive-dependence condition is not assured).

use rayon::prelude::*;
use serde::{Deserialize, Serialize};

use super::profile::Unit;
use super::stats::{holm, ratio, SplitMix64};
use super::CompareOptions;
use crate::parallel::CancelToken;

/// The between-group test of one measure.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct MeasureTest {
    /// The measure ("loaded_per_1k", ...).
    pub measure: String,
    /// The weighted spread of the groups' values, `Σ_g D_g (r_g − r)²`.
    pub statistic: f64,
    /// The permutation p-value; `None` for a measure no document has (nothing to test).
    pub p_permutation: Option<f64>,
    /// The p-value after Holm's correction across the tested measures; `None` as above.
    pub p_holm: Option<f64>,
}

/// The statistic of every measure for the group of each document given by `of`.
fn statistics(flat: &[f64], stride: usize, of: &[usize], groups: usize) -> Vec<f64> {
    let mut sums = vec![0.0; groups * stride];
    for (row, &g) in flat.chunks_exact(stride).zip(of) {
        for (s, v) in sums[g * stride..(g + 1) * stride].iter_mut().zip(row) {
            *s += v;
        }
    }
    let m = stride / 2;
    (0..m)
        .map(|k| {
            let (mut num, mut den) = (0.0, 0.0);
            for g in 0..groups {
                num += sums[g * stride + 2 * k];
                den += sums[g * stride + 2 * k + 1];
            }
            let pooled = ratio(num, den);
            (0..groups)
                .map(|g| {
                    let d = sums[g * stride + 2 * k + 1];
                    let r = ratio(sums[g * stride + 2 * k], d);
                    d * (r - pooled) * (r - pooled)
                })
                .sum()
        })
        .collect()
}

/// The tests of every measure, or none when there are fewer than two groups, a group has fewer
/// than two documents (its interval is over sentences, and one document is no sample of its
/// group's documents) or `permutations` is 0. `None` when `cancel` is cancelled (checked
/// before each permutation).
pub(super) fn tests(
    names: &[String],
    doc_units: &[Unit],
    of: &[usize],
    members: &[Vec<usize>],
    opts: &CompareOptions,
    cancel: &CancelToken,
) -> Option<Vec<MeasureTest>> {
    if members.len() < 2 || members.iter().any(|m| m.len() < 2) || opts.permutations == 0 {
        return Some(Vec::new());
    }
    let m = names.len();
    let stride = 2 * m;
    let flat: Vec<f64> = doc_units
        .iter()
        .flat_map(|u| u.iter().flat_map(|&(a, b)| [a, b]))
        .collect();
    let observed = statistics(&flat, stride, of, members.len());
    // Ties with the observed value (exact in exact arithmetic) count as at least as large.
    let at_least = |t: f64, obs: f64| t >= obs - 1e-12 * obs.abs().max(f64::MIN_POSITIVE);
    let base = opts.seed ^ 0x7065_726d_7574_6521;
    let exceed: Vec<u64> = (0..opts.permutations)
        .into_par_iter()
        .map(|b| {
            // Seeded by its index: stopping early changes no other permutation's shuffle.
            if cancel.is_cancelled() {
                return None;
            }
            let mut rng = SplitMix64::new(base.wrapping_add((b as u64).wrapping_mul(0x9E37_79B9)));
            let mut labels = of.to_vec();
            for i in (1..labels.len()).rev() {
                labels.swap(i, rng.below(i + 1));
            }
            let exceeds = statistics(&flat, stride, &labels, members.len())
                .into_iter()
                .zip(&observed)
                .map(|(t, &obs)| u64::from(at_least(t, obs)))
                .collect::<Vec<u64>>();
            Some(exceeds)
        })
        .try_reduce(
            || vec![0; m],
            |mut a, b| {
                for (x, y) in a.iter_mut().zip(b) {
                    *x += y;
                }
                Some(a)
            },
        )?;
    let seen: Vec<bool> = (0..m)
        .map(|k| flat.chunks_exact(stride).any(|row| row[2 * k] != 0.0))
        .collect();
    let p: Vec<Option<f64>> = (0..m)
        .map(|k| seen[k].then(|| (1.0 + exceed[k] as f64) / (1.0 + opts.permutations as f64)))
        .collect();
    let adjusted = holm(&p);
    let tests = (0..m)
        .map(|k| MeasureTest {
            measure: names[k].clone(),
            statistic: observed[k],
            p_permutation: p[k],
            p_holm: adjusted[k],
        })
        .collect();
    Some(tests)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// [`super::tests`] with a token no one cancels.
    fn tests(
        names: &[String],
        doc_units: &[Unit],
        of: &[usize],
        members: &[Vec<usize>],
        opts: &CompareOptions,
    ) -> Vec<MeasureTest> {
        super::tests(names, doc_units, of, members, opts, &CancelToken::new())
            .expect("never cancelled")
    }

    fn opts(permutations: usize) -> CompareOptions {
        CompareOptions {
            permutations,
            ..Default::default()
        }
    }

    #[test]
    fn a_clear_difference_is_found_and_none_is_invented() {
        let names = vec![
            "differs".to_string(),
            "same".to_string(),
            "never".to_string(),
        ];
        // 20 documents per group: the first measure 2 vs 8 per unit of denominator, the
        // second the same spread of values in both groups, the third always zero.
        let mut units = Vec::new();
        let mut of = Vec::new();
        for g in 0..2 {
            for i in 0..20 {
                let shift = if g == 0 { 2.0 } else { 8.0 };
                units.push(vec![
                    (shift + f64::from(i % 3), 1.0),
                    (f64::from(i % 5), 1.0),
                    (0.0, 1.0),
                ]);
                of.push(g);
            }
        }
        let members = vec![(0..20).collect(), (20..40).collect()];
        let t = tests(&names, &units, &of, &members, &opts(999));
        assert_eq!(t.len(), 3);
        assert_eq!(t[0].p_permutation, Some(0.001));
        assert!(t[0].p_holm.unwrap() <= 0.002 + 1e-12);
        assert!(t[1].p_permutation.unwrap() > 0.5, "{:?}", t[1]);
        assert_eq!(t[2].p_permutation, None);
        // Seeded: the same input, the same p-values.
        assert_eq!(t, tests(&names, &units, &of, &members, &opts(999)));
        // No test with a one-document group, or with no permutations.
        let one = vec![(0..39).collect(), vec![39]];
        let mut of_one = vec![0; 40];
        of_one[39] = 1;
        assert!(tests(&names, &units, &of_one, &one, &opts(999)).is_empty());
        assert!(tests(&names, &units, &of, &members, &opts(0)).is_empty());
    }

    #[test]
    fn under_the_null_the_p_value_is_uniform_enough() {
        // Both groups drawn from one skewed population: p ≤ 0.05 about 5% of the time.
        let names = vec!["rate".to_string()];
        let mut rng = SplitMix64::new(11);
        let mut rejections = 0;
        for _ in 0..200 {
            let units: Vec<Unit> = (0..30)
                .map(|_| {
                    let words = 0.2 + rng.below(1000) as f64 / 500.0;
                    let hits = if rng.below(4) == 0 {
                        rng.below(12) as f64
                    } else {
                        0.0
                    };
                    vec![(hits, words)]
                })
                .collect();
            let of: Vec<usize> = (0..30).map(|i| i % 2).collect();
            let members = vec![(0..30).step_by(2).collect(), (1..30).step_by(2).collect()];
            let t = tests(&names, &units, &of, &members, &opts(199));
            if t[0].p_permutation.unwrap() <= 0.05 {
                rejections += 1;
            }
        }
        // 10 expected of 200; the binomial's 99.9% range is about 2 to 21.
        assert!((2..=21).contains(&rejections), "{rejections} of 200");
    }
}
