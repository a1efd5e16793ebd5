//! How far apart two groups are: the Jensen–Shannon divergence of their marker-category and
//! policy-frame distributions. The distributions are kept per group and the pairs computed on
//! request, so a comparison of many groups (one per document) does not hold a row per pair.

use serde::{Deserialize, Serialize};

use super::stats::jensen_shannon;
use super::Comparison;
use crate::analysis::Analysis;
use crate::error::Result;
use crate::lexicon::Category;

/// Jensen–Shannon divergence between two groups. A divergence is undefined (NaN; `null` in
/// JSON, `None` in Python's plain data) where either group has no markers of the kind (no
/// markers at all, or no policy-frame cue): a group with nothing to compare is neither the
/// same as the other (0) nor apart from it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Divergence {
    /// One group.
    pub a: String,
    /// The other group.
    pub b: String,
    /// Over the distribution of marker categories; NaN when a group has no markers.
    #[serde(with = "super::nan_as_null")]
    pub categories: f64,
    /// Over the distribution of policy frames; NaN when a group has no policy-frame cue.
    #[serde(with = "super::nan_as_null")]
    pub frames: f64,
}

/// A group's marker counts by category (in [`Category::ALL`] order) and by policy frame (in
/// the comparison's frame order).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Distribution {
    /// Markers per category.
    pub categories: Vec<f64>,
    /// Frame markers per frame.
    pub frames: Vec<f64>,
}

/// The distribution of each group.
pub(super) fn distributions(
    analyses: &[&Analysis],
    group_of: &[usize],
    groups: usize,
    frames: &[String],
) -> Vec<Distribution> {
    let mut out = vec![
        Distribution {
            categories: vec![0.0; Category::ALL.len()],
            frames: vec![0.0; frames.len()],
        };
        groups
    ];
    for (a, &gi) in analyses.iter().zip(group_of) {
        let d = &mut out[gi];
        for m in &a.markers {
            if let Some(ci) = Category::ALL.iter().position(|&c| c == m.category) {
                d.categories[ci] += 1.0;
            }
            if m.category == Category::Frame {
                if let Some(fi) = m
                    .subcategory
                    .as_deref()
                    .and_then(|s| frames.iter().position(|f| f == s))
                {
                    d.frames[fi] += 1.0;
                }
            }
        }
    }
    out
}

impl Comparison {
    /// The divergence of every pair of groups, in group order (`n(n-1)/2` rows: with many
    /// groups, ask for the pairs you need with [`Comparison::divergence_between`]).
    pub fn divergence(&self) -> Vec<Divergence> {
        let n = self.groups.len();
        let mut out = Vec::with_capacity(n * n.saturating_sub(1) / 2);
        for i in 0..n {
            for j in i + 1..n {
                out.push(self.pair(i, j));
            }
        }
        out
    }

    /// The divergence between groups `a` and `b`.
    pub fn divergence_between(&self, a: &str, b: &str) -> Result<Divergence> {
        Ok(self.pair(self.group_index(a)?, self.group_index(b)?))
    }

    fn pair(&self, i: usize, j: usize) -> Divergence {
        let (x, y) = (&self.distributions[i], &self.distributions[j]);
        Divergence {
            a: self.groups[i].name.clone(),
            b: self.groups[j].name.clone(),
            categories: jensen_shannon(&x.categories, &y.categories),
            frames: jensen_shannon(&x.frames, &y.frames),
        }
    }
}
