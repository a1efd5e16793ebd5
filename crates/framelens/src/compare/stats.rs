//! The statistics the comparison needs: a seeded random generator, percentile and
//! bias-corrected and accelerated (BCa) bootstrap intervals of ratios, the normal distribution
//! they use, Holm's multiple-comparison correction, the Monroe, Colaresi and Quinn (2008)
//! log-odds ratio with an informative Dirichlet prior, and the Jensen–Shannon divergence.
//!
//! ```
//! use framelens::compare::stats::{
//!     holm, jensen_shannon, log_odds_dirichlet, normal_cdf, normal_quantile, quantile, SplitMix64,
//! };
//!
//! // The same seed gives the same draws, so a bootstrap repeats exactly.
//! let (mut a, mut b) = (SplitMix64::new(7), SplitMix64::new(7));
//! assert_eq!(a.next_u64(), b.next_u64());
//! assert!(a.below(10) < 10);
//! assert_eq!(quantile(&[1.0, 2.0, 3.0, 4.0, 5.0], 0.5), 3.0);
//! // Same proportions: no divergence; nothing in common: the maximum, 1.
//! assert_eq!(jensen_shannon(&[1.0, 3.0], &[2.0, 6.0]), 0.0);
//! assert!((jensen_shannon(&[1.0, 0.0], &[0.0, 1.0]) - 1.0).abs() < 1e-12);
//! // A word used 30 times in 1,000 words against 5 times in 1,000: typical of the first.
//! let (delta, z) = log_odds_dirichlet(30.0, 1000.0, 5.0, 1000.0, 0.1, 100.0);
//! assert!(delta > 0.0 && z > 1.96);
//! // The normal quantile inverts the normal distribution function.
//! assert!((normal_quantile(0.975) - 1.959964).abs() < 1e-6);
//! assert!((normal_cdf(normal_quantile(0.3)) - 0.3).abs() < 1e-7);
//! // Holm: the smallest p-value times 3, the next times 2 (never below the one before).
//! assert_eq!(holm(&[Some(0.01), None, Some(0.04), Some(0.03)]), [Some(0.03), None, Some(0.06), Some(0.06)]);
//! ```

/// SplitMix64: small, fast and fully determined by its seed, so bootstraps repeat exactly.
#[derive(Clone, Debug)]
pub struct SplitMix64(u64);

impl SplitMix64 {
    /// A generator started from `seed`.
    pub fn new(seed: u64) -> Self {
        SplitMix64(seed)
    }

    /// The next 64 random bits.
    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A uniform index below `n` (n > 0).
    pub fn below(&mut self, n: usize) -> usize {
        ((self.next_u64() as u128 * n as u128) >> 64) as usize
    }
}

/// A stable 64-bit hash of a string (FNV-1a), to derive per-group seeds.
pub fn fnv1a(s: &str) -> u64 {
    s.bytes().fold(0xcbf2_9ce4_8422_2325, |h, b| {
        (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
    })
}

/// `num / den`, or 0 when `den` is 0.
pub fn ratio(num: f64, den: f64) -> f64 {
    if den > 0.0 {
        num / den
    } else {
        0.0
    }
}

/// The `q` quantile (0..=1) of sorted values, by linear interpolation.
pub fn quantile(sorted: &[f64], q: f64) -> f64 {
    if sorted.is_empty() {
        return 0.0;
    }
    let pos = q * (sorted.len() - 1) as f64;
    let lo = pos.floor() as usize;
    let hi = pos.ceil() as usize;
    sorted[lo] + (sorted[hi] - sorted[lo]) * (pos - lo as f64)
}

/// The standard normal distribution function Φ(x) (absolute error below 1e-7: W. J. Cody's
/// rational approximations of erfc, as in Numerical Recipes' `erfcc`).
pub fn normal_cdf(x: f64) -> f64 {
    let z = x.abs() / std::f64::consts::SQRT_2;
    let t = 1.0 / (1.0 + 0.5 * z);
    let poly = -z * z - 1.265_512_23
        + t * (1.000_023_68
            + t * (0.374_091_96
                + t * (0.096_784_18
                    + t * (-0.186_288_06
                        + t * (0.278_868_07
                            + t * (-1.135_203_98
                                + t * (1.488_515_87 + t * (-0.822_152_23 + t * 0.170_872_77))))))));
    let erfc = t * poly.exp();
    if x >= 0.0 {
        1.0 - 0.5 * erfc
    } else {
        0.5 * erfc
    }
}

/// The standard normal quantile Φ⁻¹(p) for 0 < p < 1 (P. J. Acklam's rational approximation,
/// relative error below 1.2e-9); ±infinity at 0 and 1.
pub fn normal_quantile(p: f64) -> f64 {
    const A: [f64; 6] = [
        -3.969_683_028_665_376e1,
        2.209_460_984_245_205e2,
        -2.759_285_104_469_687e2,
        1.383_577_518_672_69e2,
        -3.066_479_806_614_716e1,
        2.506_628_277_459_239,
    ];
    const B: [f64; 5] = [
        -5.447_609_879_822_406e1,
        1.615_858_368_580_409e2,
        -1.556_989_798_598_866e2,
        6.680_131_188_771_972e1,
        -1.328_068_155_288_572e1,
    ];
    const C: [f64; 6] = [
        -7.784_894_002_430_293e-3,
        -3.223_964_580_411_365e-1,
        -2.400_758_277_161_838,
        -2.549_732_539_343_734,
        4.374_664_141_464_968,
        2.938_163_982_698_783,
    ];
    const D: [f64; 4] = [
        7.784_695_709_041_462e-3,
        3.224_671_290_700_398e-1,
        2.445_134_137_142_996,
        3.754_408_661_907_416,
    ];
    if p <= 0.0 {
        return f64::NEG_INFINITY;
    }
    if p >= 1.0 {
        return f64::INFINITY;
    }
    let tail = |q: f64| {
        (((((C[0] * q + C[1]) * q + C[2]) * q + C[3]) * q + C[4]) * q + C[5])
            / ((((D[0] * q + D[1]) * q + D[2]) * q + D[3]) * q + 1.0)
    };
    if p < 0.024_25 {
        tail((-2.0 * p.ln()).sqrt())
    } else if p > 1.0 - 0.024_25 {
        -tail((-2.0 * (1.0 - p).ln()).sqrt())
    } else {
        let q = p - 0.5;
        let r = q * q;
        (((((A[0] * r + A[1]) * r + A[2]) * r + A[3]) * r + A[4]) * r + A[5]) * q
            / (((((B[0] * r + B[1]) * r + B[2]) * r + B[3]) * r + B[4]) * r + 1.0)
    }
}

/// The bias-corrected and accelerated (BCa; Efron 1987) interval of a ratio at `level`
/// (0.95 for 95%), from its value `theta` over all units, its sorted bootstrap resamples
/// `sorted` and its leave-one-unit-out (jackknife) values `jackknife`. The bias correction
/// counts ties with the value as half below, so a measure that is mostly zero is not pushed
/// off its value; the acceleration is the jackknife skewness. Falls back to the percentile
/// interval where the correction is undefined (an acceleration that folds the interval).
pub fn bca_interval(theta: f64, sorted: &[f64], jackknife: &[f64], level: f64) -> (f64, f64) {
    let b = sorted.len() as f64;
    let below = sorted.partition_point(|&x| x < theta) as f64;
    let ties = sorted.partition_point(|&x| x <= theta) as f64 - below;
    // Kept inside (0, 1), so that one-sided resamples give a finite correction.
    let share = ((below + 0.5 * ties) / b).clamp(0.5 / b, 1.0 - 0.5 / b);
    let z0 = normal_quantile(share);
    let n = jackknife.len() as f64;
    let mean = jackknife.iter().sum::<f64>() / n;
    let (mut s2, mut s3) = (0.0, 0.0);
    for &t in jackknife {
        let d = mean - t;
        s2 += d * d;
        s3 += d * d * d;
    }
    let a = if s2 > 0.0 {
        s3 / (6.0 * s2.powf(1.5))
    } else {
        0.0
    };
    let alpha = (1.0 - level) / 2.0;
    let adjusted = |q: f64| -> Option<f64> {
        let z = z0 + normal_quantile(q);
        let den = 1.0 - a * z;
        (den > 0.0).then(|| normal_cdf(z0 + z / den))
    };
    match (adjusted(alpha), adjusted(1.0 - alpha)) {
        (Some(lo), Some(hi)) if lo <= hi => (quantile(sorted, lo), quantile(sorted, hi)),
        _ => (quantile(sorted, alpha), quantile(sorted, 1.0 - alpha)),
    }
}

/// Holm's (1979) step-down adjustment of p-values, which holds the family-wise error rate
/// whatever the dependence between the tests. `None` (a test not made) stays `None` and does
/// not count as a test.
pub fn holm(p: &[Option<f64>]) -> Vec<Option<f64>> {
    let mut order: Vec<(usize, f64)> = p
        .iter()
        .enumerate()
        .filter_map(|(i, v)| v.map(|v| (i, v)))
        .collect();
    order.sort_by(|x, y| x.1.total_cmp(&y.1));
    let m = order.len();
    let mut out = vec![None; p.len()];
    let mut running: f64 = 0.0;
    for (rank, (i, v)) in order.into_iter().enumerate() {
        running = running.max(((m - rank) as f64 * v).min(1.0));
        out[i] = Some(running);
    }
    out
}

/// Log-odds ratio with an informative Dirichlet prior for one word: counts `ya`, `yb` in
/// corpora of sizes `na`, `nb`, prior pseudo-count `alpha_w` out of total prior mass `alpha0`.
/// Returns (delta, z).
pub fn log_odds_dirichlet(
    ya: f64,
    na: f64,
    yb: f64,
    nb: f64,
    alpha_w: f64,
    alpha0: f64,
) -> (f64, f64) {
    let la = ((ya + alpha_w) / (na + alpha0 - ya - alpha_w)).ln();
    let lb = ((yb + alpha_w) / (nb + alpha0 - yb - alpha_w)).ln();
    let delta = la - lb;
    let var = 1.0 / (ya + alpha_w) + 1.0 / (yb + alpha_w);
    (delta, delta / var.sqrt())
}

/// Jensen–Shannon divergence (base 2, in 0..=1) between two count vectors.
pub fn jensen_shannon(a: &[f64], b: &[f64]) -> f64 {
    let (sa, sb): (f64, f64) = (a.iter().sum(), b.iter().sum());
    if sa == 0.0 || sb == 0.0 {
        return 0.0;
    }
    let kl = |p: f64, m: f64| if p > 0.0 { p * (p / m).log2() } else { 0.0 };
    let mut js = 0.0;
    for (x, y) in a.iter().zip(b) {
        let (p, q) = (x / sa, y / sb);
        let m = (p + q) / 2.0;
        if m > 0.0 {
            js += 0.5 * kl(p, m) + 0.5 * kl(q, m);
        }
    }
    js.clamp(0.0, 1.0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quantiles_and_divergence() {
        let v = [1.0, 2.0, 3.0, 4.0, 5.0];
        assert_eq!(quantile(&v, 0.5), 3.0);
        assert_eq!(quantile(&v, 0.25), 2.0);
        assert!((jensen_shannon(&[1.0, 0.0], &[0.0, 1.0]) - 1.0).abs() < 1e-12);
        assert_eq!(jensen_shannon(&[2.0, 2.0], &[1.0, 1.0]), 0.0);
    }

    #[test]
    fn log_odds_signs_and_symmetry() {
        let (d, z) = log_odds_dirichlet(30.0, 1000.0, 5.0, 1000.0, 1.0, 100.0);
        assert!(d > 0.0 && z > 1.96);
        let (d2, z2) = log_odds_dirichlet(5.0, 1000.0, 30.0, 1000.0, 1.0, 100.0);
        assert!((d + d2).abs() < 1e-12 && (z + z2).abs() < 1e-12);
    }

    #[test]
    fn normal_distribution_round_trips() {
        for &p in &[1e-6, 0.001, 0.025, 0.2, 0.5, 0.8, 0.975, 0.999] {
            let x = normal_quantile(p);
            assert!((normal_cdf(x) - p).abs() < 2e-7 * p.max(1e-2), "{p} {x}");
        }
        assert!((normal_quantile(0.5)).abs() < 1e-12);
        assert!((normal_cdf(1.0) - 0.841_344_746).abs() < 1e-7);
    }

    #[test]
    fn bca_without_bias_or_skew_is_the_percentile_interval() {
        // Symmetric resamples centred on the value and a symmetric jackknife: z0 = a = 0.
        let sorted: Vec<f64> = (0..=1000).map(|i| f64::from(i) / 1000.0).collect();
        let jack = [0.4, 0.5, 0.6];
        let (lo, hi) = bca_interval(0.5, &sorted, &jack, 0.95);
        assert!((lo - quantile(&sorted, 0.025)).abs() < 1e-6);
        assert!((hi - quantile(&sorted, 0.975)).abs() < 1e-6);
        // A value above most resamples moves the interval up.
        let (lo2, hi2) = bca_interval(0.6, &sorted, &jack, 0.95);
        assert!(lo2 > lo && hi2 > hi);
        // Right skew in the jackknife (one unit far below the rest) moves it up too.
        let (lo3, hi3) = bca_interval(0.5, &sorted, &[0.0, 0.6, 0.6, 0.6], 0.95);
        assert!(lo3 > lo && hi3 > hi);
    }

    #[test]
    fn holm_adjusts_step_down() {
        let adj = holm(&[Some(0.04), Some(0.01), Some(0.5), None]);
        assert_eq!(adj[3], None);
        assert!((adj[1].unwrap() - 0.03).abs() < 1e-12);
        assert!((adj[0].unwrap() - 0.08).abs() < 1e-12);
        assert!((adj[2].unwrap() - 0.5).abs() < 1e-12);
    }

    #[test]
    fn rng_is_deterministic() {
        let mut a = SplitMix64::new(7);
        let mut b = SplitMix64::new(7);
        for _ in 0..100 {
            assert_eq!(a.below(10), b.below(10));
        }
    }
}
