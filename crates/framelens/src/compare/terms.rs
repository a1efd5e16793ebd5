//! Distinctive terms: the Monroe, Colaresi and Quinn (2008) log-odds ratio with an informative
//! Dirichlet prior, from a built-in background frequency table or from the pooled documents.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::sync::OnceLock;

use serde::{Deserialize, Serialize};

use super::stats::log_odds_dirichlet;
use super::{Comparison, Prior};
use crate::error::Result;

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

/// Counts words in a text: lowercased runs of letters with inner apostrophes or hyphens (the
/// same tokens as the background table). One reused buffer; a string is allocated only for a
/// word not seen before.
pub(super) fn count_terms(text: &str, out: &mut HashMap<String, u64>) {
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
pub(crate) fn background() -> &'static (HashMap<String, f64>, f64) {
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
}
