//! Frames at three levels, from the frame cues an analysis found: per marker (the markers
//! themselves), per sentence (its primary frame, or none, with a score) and per document (the
//! distribution of cue weight over frames, and the primary frame).
//!
//! A frame set is a marker category whose subcategories name frames: [`Category::Frame`] (the
//! policy frames) or [`Category::GenericFrame`] (the generic news frames). A frame's score in a
//! stretch of text is the summed weight of its cues there; the primary frame is the one with the
//! highest score (ties: more cues, then the earlier first cue). Negated cues count: "not an
//! economic question" is still about the economy.
//!
//! ```
//! use framelens::{Analyzer, Category};
//!
//! let text = "The court struck down the law. Taxpayers will bear the cost of the new tariffs.";
//! let analysis = Analyzer::new()?.analyze_text(text)?;
//! let sentences = analysis.sentence_frames(Category::Frame, None);
//! assert_eq!(sentences[0].frame.as_deref(), Some("legality"));
//! assert_eq!(sentences[1].frame.as_deref(), Some("economic"));
//! let document = analysis.frame_distribution(Category::Frame);
//! assert!(document.primary.is_some());
//! assert!((document.shares.values().sum::<f64>() - 1.0).abs() < 1e-9);
//! # Ok::<(), framelens::Error>(())
//! ```

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};
use ustr::Ustr;

use super::{Analysis, Marker};
use crate::lexicon::Category;

/// The primary frame of one sentence.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SentenceFrame {
    /// The sentence's index in [`Analysis::sentences`].
    pub sentence: usize,
    /// Start of the sentence (the same offsets as the analysis).
    pub start: usize,
    /// End of the sentence (exclusive).
    pub end: usize,
    /// The primary frame (a subcategory of the frame set), or `None` without a cue.
    pub frame: Option<Ustr>,
    /// The summed weight of the primary frame's cues in the sentence (0 without a cue).
    pub score: f64,
    /// The primary frame's share of all frame-cue weight in the sentence: 1 when one frame
    /// alone is cued, lower when frames compete; `None` (undefined, not 0) without a cue.
    pub share: Option<f64>,
    /// Frame cues in the sentence, of any frame.
    pub cues: usize,
}

/// The frames of a whole document.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct FrameDistribution {
    /// The frame set (category) described.
    pub category: Option<Category>,
    /// Summed cue weight per frame.
    pub weights: BTreeMap<Ustr, f64>,
    /// Each frame's share of the summed weight (the shares add up to 1 when there is a cue).
    pub shares: BTreeMap<Ustr, f64>,
    /// Cues per frame.
    pub cues: BTreeMap<Ustr, usize>,
    /// Sentences whose primary frame each frame is.
    pub sentences: BTreeMap<Ustr, usize>,
    /// The frame with the highest summed weight, or `None` without a cue.
    pub primary: Option<Ustr>,
}

/// Running totals per frame: weight, cue count, first cue's start.
#[derive(Default)]
struct Tally(Vec<(Ustr, f64, usize, usize)>);

impl Tally {
    fn add(&mut self, m: &Marker, frame: Ustr) {
        match self.0.iter_mut().find(|t| t.0 == frame) {
            Some(t) => {
                t.1 += f64::from(m.weight);
                t.2 += 1;
            }
            None => self.0.push((frame, f64::from(m.weight), 1, m.start)),
        }
    }

    fn total(&self) -> f64 {
        self.0.iter().map(|t| t.1).sum()
    }

    /// The frame with the highest weight; ties: more cues, then the earlier first cue.
    fn primary(&self) -> Option<(Ustr, f64)> {
        self.0
            .iter()
            .max_by(|a, b| a.1.total_cmp(&b.1).then(a.2.cmp(&b.2)).then(b.3.cmp(&a.3)))
            .map(|t| (t.0, t.1))
    }
}

/// The frame a marker cues in `category`, if it is such a cue and its frame is among `among`.
fn frame_of(m: &Marker, category: Category, among: Option<&[&str]>) -> Option<Ustr> {
    if m.category != category {
        return None;
    }
    let frame = m.subcategory?;
    match among {
        Some(list) if !list.contains(&frame.as_str()) => None,
        _ => Some(frame),
    }
}

impl Analysis {
    /// The primary frame of every sentence, in order, from the cues of `category` (the frame
    /// set: [`Category::Frame`] or [`Category::GenericFrame`]); `among` keeps only the frames
    /// named (a label scheme without some frames), `None` keeps all.
    pub fn sentence_frames(
        &self,
        category: Category,
        among: Option<&[&str]>,
    ) -> Vec<SentenceFrame> {
        let mut out = Vec::with_capacity(self.sentences.len());
        // Markers are sorted by start, sentences are in order: one walk over both.
        let mut k = 0;
        for (i, s) in self.sentences.iter().enumerate() {
            while k < self.markers.len() && self.markers[k].start < s.start {
                k += 1;
            }
            let mut tally = Tally::default();
            let mut cues = 0;
            while k < self.markers.len() && self.markers[k].start < s.end {
                let m = &self.markers[k];
                if let Some(frame) = frame_of(m, category, among) {
                    tally.add(m, frame);
                    cues += 1;
                }
                k += 1;
            }
            let total = tally.total();
            let (frame, score) = match tally.primary() {
                Some((f, w)) => (Some(f), w),
                None => (None, 0.0),
            };
            out.push(SentenceFrame {
                sentence: i,
                start: s.start,
                end: s.end,
                frame,
                score,
                share: (total > 0.0).then(|| score / total),
                cues,
            });
        }
        out
    }

    /// The document's primary frame over the cues of `category`: the `primary` of
    /// [`Analysis::frame_distribution`], without building the distribution.
    pub fn frame_primary(&self, category: Category) -> Option<Ustr> {
        let mut tally = Tally::default();
        for m in &self.markers {
            if let Some(frame) = frame_of(m, category, None) {
                tally.add(m, frame);
            }
        }
        tally.primary().map(|p| p.0)
    }

    /// The document's frame distribution over the cues of `category`, with its primary frame
    /// and how many sentences each frame leads.
    pub fn frame_distribution(&self, category: Category) -> FrameDistribution {
        let mut tally = Tally::default();
        for m in &self.markers {
            if let Some(frame) = frame_of(m, category, None) {
                tally.add(m, frame);
            }
        }
        let total = tally.total();
        let mut out = FrameDistribution {
            category: Some(category),
            primary: tally.primary().map(|p| p.0),
            ..FrameDistribution::default()
        };
        for &(frame, weight, cues, _) in &tally.0 {
            out.weights.insert(frame, weight);
            out.shares
                .insert(frame, if total > 0.0 { weight / total } else { 0.0 });
            out.cues.insert(frame, cues);
        }
        for s in self.sentence_frames(category, None) {
            if let Some(frame) = s.frame {
                *out.sentences.entry(frame).or_default() += 1;
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Analyzer;

    fn frames(text: &str, category: Category) -> Vec<Option<String>> {
        let a = Analyzer::new().unwrap().analyze_text(text).unwrap();
        a.sentence_frames(category, None)
            .into_iter()
            .map(|s| s.frame.map(|f| f.to_string()))
            .collect()
    }

    #[test]
    fn each_sentence_gets_its_own_primary_frame_or_none() {
        let text = "Troops crossed the border at dawn. The weather was mild. \
                    The judge ruled the ban unconstitutional.";
        assert_eq!(
            frames(text, Category::Frame),
            [
                Some("security_and_defense".into()),
                Some("other".into()),
                Some("legality".into())
            ]
        );
        assert_eq!(frames("Nothing here at all.", Category::Frame), [None]);
    }

    #[test]
    fn among_restricts_the_frames_a_sentence_can_take() {
        let a = Analyzer::new()
            .unwrap()
            .analyze_text("Soldiers defended the embassy, and diplomats met the ambassador.")
            .unwrap();
        let all = a.sentence_frames(Category::Frame, None);
        assert_eq!(
            all[0].frame.as_deref(),
            Some("external_regulation_and_reputation")
        );
        assert!(
            all[0].share.is_some_and(|x| x < 1.0),
            "two frames compete: {all:?}"
        );
        let only = a.sentence_frames(Category::Frame, Some(&["security_and_defense"]));
        assert_eq!(only[0].frame.as_deref(), Some("security_and_defense"));
        assert!(only[0].share.is_some_and(|x| (x - 1.0).abs() < 1e-9));
    }

    #[test]
    fn a_sentence_without_a_cue_has_no_share() {
        // "The rain stopped." cues nothing: no frame, a score of 0 and no share (not 0).
        let a = Analyzer::new()
            .unwrap()
            .analyze_text("Taxpayers paid for the tariffs. The rain stopped.")
            .unwrap();
        let frames = a.sentence_frames(Category::Frame, None);
        assert!(frames[0].share.is_some());
        assert_eq!(
            (frames[1].frame, frames[1].score, frames[1].share),
            (None, 0.0, None)
        );
    }

    #[test]
    fn the_distribution_sums_weights_and_counts_leading_sentences() {
        let text = "Taxpayers paid for the tariffs. Investors fear a recession. Troops left.";
        let a = Analyzer::new().unwrap().analyze_text(text).unwrap();
        let d = a.frame_distribution(Category::Frame);
        assert_eq!(d.primary.as_deref(), Some("economic"));
        assert_eq!(d.sentences[&Ustr::from("economic")], 2);
        assert_eq!(d.sentences[&Ustr::from("security_and_defense")], 1);
        assert!((d.shares.values().sum::<f64>() - 1.0).abs() < 1e-9);
        let empty = Analyzer::new().unwrap().analyze_text("Hello.").unwrap();
        let e = empty.frame_distribution(Category::Frame);
        assert!(e.primary.is_none() && e.weights.is_empty());
    }

    #[test]
    fn generic_frames_are_a_second_frame_set() {
        let text = "Critics clashed with the minister over the plan.";
        let f = frames(text, Category::GenericFrame);
        assert_eq!(f, [Some("conflict".into())]);
    }
}
