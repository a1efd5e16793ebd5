//! Any text: no panic, no error below the size limit, every span slices the text, counts add up.
#![no_main]

use std::sync::OnceLock;

use framelens::{Analyzer, Voice};
use libfuzzer_sys::fuzz_target;

fn analyzer() -> &'static Analyzer {
    static A: OnceLock<Analyzer> = OnceLock::new();
    A.get_or_init(|| Analyzer::new().expect("default analyzer"))
}

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let a = analyzer().analyze_text(&text).expect("analysis of any text succeeds");
    let ok = |s: usize, e: usize, t: &str| {
        assert!(s <= e && e <= text.len());
        assert!(text.is_char_boundary(s) && text.is_char_boundary(e));
        assert_eq!(&text[s..e], t);
    };
    for m in &a.markers {
        ok(m.start, m.end, &m.text);
    }
    for q in &a.quotes {
        ok(q.start, q.end, &q.text);
    }
    for x in &a.attributions {
        ok(x.cue.start, x.cue.end, &x.cue.text);
        for s in [&x.speaker, &x.content, &x.resolved_speaker].into_iter().flatten() {
            ok(s.start, s.end, &s.text);
        }
    }
    let p = &a.provenance;
    for s in p.boilerplate.iter().chain(&p.byline) {
        ok(s.start, s.end, &s.text);
    }
    if let Some(d) = &p.dateline {
        ok(d.span.start, d.span.end, &d.span.text);
        ok(d.place.start, d.place.end, &d.place.text);
    }
    for s in &a.sentences {
        assert!(s.start <= s.end && s.end <= text.len() && s.quoted_words <= s.words);
    }
    let counts = &a.profile.counts;
    assert_eq!(counts.values().map(|c| c.all).sum::<usize>(), a.markers.len());
    for c in counts.values() {
        assert_eq!(c.author + c.quoted, c.all);
    }
    let quoted = a.markers.iter().filter(|m| m.voice == Voice::Quoted).count();
    assert_eq!(counts.values().map(|c| c.quoted).sum::<usize>(), quoted);
    assert!(a.profile.quoted_words <= a.profile.words);
    assert_eq!(a.profile.author_words + a.profile.quoted_words, a.profile.words);
    assert_eq!(a.sentences.iter().map(|s| s.words).sum::<usize>(), a.profile.words);
});
