//! The statistics the comparison needs: a seeded random generator, percentile bootstrap of
//! ratios, the Monroe, Colaresi and Quinn (2008) log-odds ratio with an informative Dirichlet
//! prior, and the Jensen–Shannon divergence.
//!
//! ```
//! use framelens::compare::stats::{jensen_shannon, log_odds_dirichlet, quantile, SplitMix64};
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
    fn rng_is_deterministic() {
        let mut a = SplitMix64::new(7);
        let mut b = SplitMix64::new(7);
        for _ in 0..100 {
            assert_eq!(a.below(10), b.below(10));
        }
    }
}
