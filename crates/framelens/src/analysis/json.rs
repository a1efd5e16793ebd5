//! A direct JSON writer for [`Analysis`]: the bytes `serde_json` writes for it, in about half
//! the time. Markers, quotes, attributions and sentences (nearly all of the output) are written
//! here with their keys as constants; the provenance and the profile (one of each per document)
//! go through `serde_json`. A test holds the two equal byte for byte.

use std::io::Write as _;

use crate::analysis::{Analysis, Attribution, Marker, SentenceInfo, Span, SCHEMA_VERSION};

impl Analysis {
    /// Appends the analysis as one JSON object to `out`: the same bytes as
    /// `serde_json::to_writer(&mut out, &analysis)`, in about half the time (the streaming
    /// command writes every analysis this way; `examples/throughput.rs` measures both).
    ///
    /// ```
    /// let analysis = framelens::Analyzer::new()?.analyze_text("The regime lied.")?;
    /// let mut out = Vec::new();
    /// analysis.write_json(&mut out);
    /// assert_eq!(out, serde_json::to_vec(&analysis).unwrap());
    /// # Ok::<(), framelens::Error>(())
    /// ```
    pub fn write_json(&self, out: &mut Vec<u8>) {
        let _ = write!(out, "{{\"schema_version\":{SCHEMA_VERSION},\"language\":");
        opt_str(out, Some(&self.language));
        out.extend_from_slice(b",\"doc_id\":");
        opt_str(out, self.doc_id.as_deref());
        out.extend_from_slice(b",\"outlet\":");
        opt_str(out, self.outlet.as_deref());
        out.extend_from_slice(b",\"url\":");
        opt_str(out, self.url.as_deref());
        out.extend_from_slice(b",\"published\":");
        opt_str(out, self.published.as_deref());
        out.extend_from_slice(b",\"markers\":");
        list(out, &self.markers, marker);
        out.extend_from_slice(b",\"quotes\":");
        list(out, &self.quotes, span);
        out.extend_from_slice(b",\"attributions\":");
        list(out, &self.attributions, attribution);
        out.extend_from_slice(b",\"provenance\":");
        serde(out, &self.provenance);
        out.extend_from_slice(b",\"sentences\":");
        list(out, &self.sentences, sentence);
        out.extend_from_slice(b",\"profile\":");
        serde(out, &self.profile);
        out.push(b'}');
    }
}

fn list<T>(out: &mut Vec<u8>, items: &[T], write: fn(&mut Vec<u8>, &T)) {
    out.push(b'[');
    for (i, item) in items.iter().enumerate() {
        if i > 0 {
            out.push(b',');
        }
        write(out, item);
    }
    out.push(b']');
}

fn marker(out: &mut Vec<u8>, m: &Marker) {
    out.extend_from_slice(b"{\"start\":");
    uint(out, m.start);
    out.extend_from_slice(b",\"end\":");
    uint(out, m.end);
    out.extend_from_slice(b",\"text\":");
    str(out, &m.text);
    out.extend_from_slice(b",\"category\":");
    name(out, m.category.as_str());
    out.extend_from_slice(b",\"subcategory\":");
    opt_str(out, m.subcategory.as_deref());
    out.extend_from_slice(b",\"entry\":");
    str(out, &m.entry);
    out.extend_from_slice(b",\"weight\":");
    if m.weight == 1.0 {
        out.extend_from_slice(b"1.0");
    } else {
        serde(out, &m.weight);
    }
    out.extend_from_slice(b",\"voice\":");
    name(out, m.voice.as_str());
    out.extend_from_slice(b",\"speaker\":");
    opt_str(out, m.speaker.as_deref());
    out.extend_from_slice(b",\"negated\":");
    boolean(out, m.negated);
    if let Some(model) = &m.model {
        out.extend_from_slice(b",\"score\":");
        serde(out, &model.score);
        if !model.features.is_empty() {
            out.extend_from_slice(b",\"features\":");
            serde(out, &model.features);
        }
    }
    out.push(b'}');
}

fn span(out: &mut Vec<u8>, s: &Span) {
    out.extend_from_slice(b"{\"start\":");
    uint(out, s.start);
    out.extend_from_slice(b",\"end\":");
    uint(out, s.end);
    out.extend_from_slice(b",\"text\":");
    str(out, &s.text);
    out.push(b'}');
}

fn opt_span(out: &mut Vec<u8>, s: Option<&Span>) {
    match s {
        Some(s) => span(out, s),
        None => out.extend_from_slice(b"null"),
    }
}

fn attribution(out: &mut Vec<u8>, a: &Attribution) {
    out.extend_from_slice(b"{\"kind\":");
    name(out, a.kind.as_str());
    out.extend_from_slice(b",\"cue\":");
    span(out, &a.cue);
    out.extend_from_slice(b",\"entry\":");
    str(out, &a.entry);
    out.extend_from_slice(b",\"cue_kind\":");
    name(out, a.cue_kind.as_str());
    out.extend_from_slice(b",\"speaker\":");
    opt_span(out, a.speaker.as_ref());
    out.extend_from_slice(b",\"speaker_type\":");
    match a.speaker_type {
        Some(t) => name(out, t.as_str()),
        None => out.extend_from_slice(b"null"),
    }
    out.extend_from_slice(b",\"content\":");
    opt_span(out, a.content.as_ref());
    out.extend_from_slice(b",\"verb_stance\":");
    name(out, a.verb_stance.as_str());
    out.extend_from_slice(b",\"resolved_speaker\":");
    opt_span(out, a.resolved_speaker.as_ref());
    out.extend_from_slice(b",\"speaker_name\":");
    opt_str(out, a.speaker_name.as_deref());
    out.extend_from_slice(b",\"continued\":");
    boolean(out, a.continued);
    out.extend_from_slice(b",\"parent\":");
    match a.parent {
        Some(i) => uint(out, i),
        None => out.extend_from_slice(b"null"),
    }
    out.push(b'}');
}

fn sentence(out: &mut Vec<u8>, s: &SentenceInfo) {
    out.extend_from_slice(b"{\"start\":");
    uint(out, s.start);
    out.extend_from_slice(b",\"end\":");
    uint(out, s.end);
    out.extend_from_slice(b",\"words\":");
    uint(out, s.words);
    out.extend_from_slice(b",\"quoted_words\":");
    uint(out, s.quoted_words);
    out.push(b'}');
}

fn serde<T: serde::Serialize + ?Sized>(out: &mut Vec<u8>, value: &T) {
    // Serializing these types (strings, numbers, maps with string keys) into a Vec cannot fail.
    let _ = serde_json::to_writer(&mut *out, value);
}

fn uint(out: &mut Vec<u8>, n: usize) {
    out.extend_from_slice(itoa::Buffer::new().format(n).as_bytes());
}

fn boolean(out: &mut Vec<u8>, b: bool) {
    out.extend_from_slice(if b { b"true" } else { b"false" });
}

/// An enum's name (lowercase letters and underscores: nothing to escape).
fn name(out: &mut Vec<u8>, name: &str) {
    debug_assert!(name.bytes().all(|b| b.is_ascii_lowercase() || b == b'_'));
    out.push(b'"');
    out.extend_from_slice(name.as_bytes());
    out.push(b'"');
}

fn opt_str(out: &mut Vec<u8>, s: Option<&str>) {
    match s {
        Some(s) => str(out, s),
        None => out.extend_from_slice(b"null"),
    }
}

/// A JSON string as `serde_json` writes it: `"` and `\` escaped with a backslash, control
/// characters as `\b \t \n \f \r` or `\u00XX` (lowercase hex), everything else as is.
fn str(out: &mut Vec<u8>, s: &str) {
    let bytes = s.as_bytes();
    out.reserve(bytes.len() + 2);
    out.push(b'"');
    let mut start = 0;
    let mut i = 0;
    while i < bytes.len() {
        // Eight bytes at a time while none needs an escape.
        if i + 8 <= bytes.len() {
            let word = u64::from_le_bytes(bytes[i..i + 8].try_into().unwrap_or([0; 8]));
            if !needs_escape(word) {
                i += 8;
                continue;
            }
        }
        let b = bytes[i];
        let escape: &[u8] = match b {
            b'"' => b"\\\"",
            b'\\' => b"\\\\",
            b'\n' => b"\\n",
            b'\t' => b"\\t",
            b'\r' => b"\\r",
            0x08 => b"\\b",
            0x0c => b"\\f",
            0..=0x1f => {
                out.extend_from_slice(&bytes[start..i]);
                const HEX: &[u8; 16] = b"0123456789abcdef";
                let code = [
                    b'\\',
                    b'u',
                    b'0',
                    b'0',
                    HEX[usize::from(b >> 4)],
                    HEX[usize::from(b & 0xf)],
                ];
                out.extend_from_slice(&code);
                i += 1;
                start = i;
                continue;
            }
            _ => {
                i += 1;
                continue;
            }
        };
        out.extend_from_slice(&bytes[start..i]);
        out.extend_from_slice(escape);
        i += 1;
        start = i;
    }
    out.extend_from_slice(&bytes[start..]);
    out.push(b'"');
}

/// Whether any of the eight bytes of `word` is `"`, `\` or a control character (below 0x20).
fn needs_escape(word: u64) -> bool {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGH: u64 = 0x8080_8080_8080_8080;
    // A byte below n (n <= 128) sets its high bit in (x - n) & !x.
    let below_space = word.wrapping_sub(ONES * 0x20) & !word;
    let quote = word ^ (ONES * u64::from(b'"'));
    let backslash = word ^ (ONES * u64::from(b'\\'));
    let has_zero = |x: u64| x.wrapping_sub(ONES) & !x;
    (below_space | has_zero(quote) | has_zero(backslash)) & HIGH != 0
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strings_escape_as_serde_json_does() {
        let mut all = String::new();
        for c in (0u32..0x80).chain([0xe9, 0x2028, 0x1f600]) {
            all.push(char::from_u32(c).unwrap_or('?'));
        }
        let cases = [
            "",
            "plain text, longer than eight bytes",
            "say \"no\"",
            "back\\slash",
            "tab\there\nnew\rline\u{8}\u{c}\u{1}\u{1f}\u{7f}",
            "caf\u{e9} \u{201c}quoted\u{201d}",
            all.as_str(),
        ];
        for case in cases {
            let mut out = Vec::new();
            str(&mut out, case);
            assert_eq!(out, serde_json::to_vec(case).unwrap(), "{case:?}");
            // Every starting alignment of the eight-byte scan.
            for cut in 0..case.len().min(9) {
                if let Some(tail) = case.get(cut..) {
                    let mut out = Vec::new();
                    str(&mut out, tail);
                    assert_eq!(out, serde_json::to_vec(tail).unwrap(), "{tail:?}");
                }
            }
        }
    }

    #[test]
    fn an_escape_is_found_at_every_position_of_a_long_string() {
        // In every eight-byte word and in the tail, after ASCII and after two-byte characters.
        for special in ['"', '\\', '\n', '\u{1}', '\u{1f}'] {
            for at in 0..100 {
                let mut s: String = "abcdefghij\u{e9}".repeat(10).chars().take(100).collect();
                let (i, c) = s.char_indices().nth(at).unwrap();
                s.replace_range(i..i + c.len_utf8(), &special.to_string());
                let mut out = Vec::new();
                str(&mut out, &s);
                assert_eq!(out, serde_json::to_vec(&s).unwrap(), "{special:?} at {at}");
            }
        }
    }

    #[test]
    fn needs_escape_checks_each_byte() {
        for b in 0u8..=255 {
            for pos in 0..8 {
                let mut bytes = [b'a'; 8];
                bytes[pos] = b;
                let expected = b < 0x20 || b == b'"' || b == b'\\';
                assert_eq!(
                    needs_escape(u64::from_le_bytes(bytes)),
                    expected,
                    "{b} at {pos}"
                );
            }
        }
    }
}
