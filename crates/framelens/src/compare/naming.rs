//! The naming table: which variant of each naming group (competing names for one referent) each
//! group used, how often, and the side that tends to use it.

use std::collections::{BTreeMap, HashMap};

use serde::{Deserialize, Serialize};

use super::Comparison;
use crate::analysis::Analysis;
use crate::error::Result;
use crate::lexicon::{Category, Lexicon};

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

/// The naming table of documents whose group indices are `group_of`, groups named `order`.
pub(super) fn table(
    analyses: &[&Analysis],
    group_of: &[usize],
    order: &[String],
    lexicon: &Lexicon,
) -> Vec<NamingUse> {
    let sides: HashMap<&str, Option<&str>> = lexicon
        .entries()
        .iter()
        .filter(|e| e.category == Category::Naming)
        .map(|e| (&*e.id, e.side.as_deref()))
        .collect();
    let mut naming: BTreeMap<(String, String, usize), usize> = BTreeMap::new();
    for (a, &gi) in analyses.iter().zip(group_of) {
        for m in a.markers.iter().filter(|m| m.category == Category::Naming) {
            let group = m.subcategory.as_deref().unwrap_or("").to_string();
            *naming.entry((group, m.entry.to_string(), gi)).or_default() += 1;
        }
    }
    naming
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
        .collect()
}

impl Comparison {
    /// For each naming group with side-labelled variants: a z-score of whether group `a` uses
    /// the `side_a` variants (against the `side_b` ones) more than group `b` does — the log odds
    /// ratio of a 2×2 table with 0.5 added to each cell. Returns (naming group, total uses, z);
    /// an unknown group is an error.
    pub fn naming_contrast(
        &self,
        a: &str,
        b: &str,
        side_a: &str,
        side_b: &str,
    ) -> Result<Vec<(String, usize, f64)>> {
        self.group_index(a)?;
        self.group_index(b)?;
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
        Ok(cells
            .into_iter()
            .filter(|(_, c)| (c[0] + c[2]) > 0.0 && (c[1] + c[3]) > 0.0)
            .map(|(g, c)| {
                let [aa, ab, ba, bb] = c.map(|x| x + 0.5);
                let lor = (aa * bb / (ab * ba)).ln();
                let se = (1.0 / aa + 1.0 / ab + 1.0 / ba + 1.0 / bb).sqrt();
                let total = c.iter().sum::<f64>() as usize;
                (g.to_string(), total, lor / se)
            })
            .collect())
    }
}
