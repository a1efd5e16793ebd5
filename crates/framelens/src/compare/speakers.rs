//! Who each group quotes: named speakers (and pronouns linked to a name), how often, with which
//! verb stances, and how many direct quotations.

use std::collections::{BTreeMap, BTreeSet};

use serde::{Deserialize, Serialize};

use super::Comparison;
use crate::analysis::{Analysis, AttributionKind, SpeakerType, VerbStance};
use crate::error::Result;

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

/// The speakers table of documents whose group indices are `group_of`, groups named `order`:
/// by group (in `order`), then most quoted first.
pub(super) fn table(
    analyses: &[&Analysis],
    group_of: &[usize],
    order: &[String],
) -> Vec<SpeakerUse> {
    let mut speakers: BTreeMap<(usize, String), SpeakerUse> = BTreeMap::new();
    for (a, &gi) in analyses.iter().zip(group_of) {
        for at in a.attributions.iter().filter(|x| !x.continued) {
            let named = at.speaker_type == Some(SpeakerType::Named)
                || (at.speaker_type == Some(SpeakerType::Pronoun) && at.resolved_speaker.is_some());
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
    // Keyed by (group index, speaker): sort by group, then most quoted first.
    let mut out: Vec<((usize, String), SpeakerUse)> = speakers.into_iter().collect();
    out.sort_by(|((ga, _), a), ((gb, _), b)| {
        (ga, std::cmp::Reverse(a.count), &a.speaker).cmp(&(
            gb,
            std::cmp::Reverse(b.count),
            &b.speaker,
        ))
    });
    out.into_iter().map(|(_, s)| s).collect()
}

impl Comparison {
    /// Speakers quoted by group `a` that group `b` never quotes; an unknown group is an error.
    pub fn exclusive_speakers(&self, a: &str, b: &str) -> Result<Vec<&SpeakerUse>> {
        self.group_index(a)?;
        self.group_index(b)?;
        let in_b: BTreeSet<&str> = self
            .speakers
            .iter()
            .filter(|s| s.group == b)
            .map(|s| s.speaker.as_str())
            .collect();
        Ok(self
            .speakers
            .iter()
            .filter(|s| s.group == a && !in_b.contains(s.speaker.as_str()))
            .collect())
    }
}
