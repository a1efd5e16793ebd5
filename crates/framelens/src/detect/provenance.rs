//! Provenance: datelines, wire agencies, syndication and credit lines, bylines, boilerplate, and
//! the outlet a document resolves to.
//!
//! The detector looks at paragraphs: the dateline and byline at the head, source, credit,
//! copyright and promotional lines anywhere as whole paragraphs (mostly at the tail). Agency
//! mentions anywhere come from one automaton over the registry's agency names, with case rules so
//! that "AP" never matches inside "April" or "apple", nor "AFP" inside a URL.
//!
//! ```
//! use framelens::Analyzer;
//!
//! let text = "WASHINGTON (Reuters) - The Senate voted on Tuesday.\n\nFollow us on Twitter @example";
//! let provenance = Analyzer::new()?.analyze_text(text)?.provenance;
//! let dateline = provenance.dateline.unwrap();
//! assert_eq!(dateline.place.text, "WASHINGTON");
//! assert_eq!(dateline.agency.unwrap().text, "Reuters");
//! assert_eq!(provenance.agencies[0].outlet, "reuters");
//! assert_eq!(provenance.boilerplate[0].text, "Follow us on Twitter @example");
//! # Ok::<(), framelens::Error>(())
//! ```

use std::sync::Arc;

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, Anchored, Input, MatchKind, StartKind};

use crate::analysis::{
    AgencyMention, Dateline, OutletSource, Provenance, SourceLine, SourceLineKind, Span,
};
use crate::registry::{registrable_domain, Outlet, OutletKind, Ownership, Registry};
use crate::text::dateline::dateline_shape;
use crate::text::tokens::TokenKind;
use crate::text::Prepared;

/// The head of the article where a dateline or byline may stand.
const HEAD_PARAGRAPHS: usize = 8;
const HEAD_BYTES: usize = 2000;
/// Longest paragraph (in words) taken as a source, credit or promotional line.
const MAX_LINE_WORDS: usize = 40;

/// Agency names compiled for searching, built once per registry.
#[derive(Debug)]
pub struct AgencyMatcher {
    automaton: AhoCorasick,
    /// For each pattern: the outlet index and whether the case must match exactly.
    patterns: Vec<(usize, bool)>,
    /// Bit `b0 | b1 << 8` is set for the first two bytes (ASCII-lowercased) of every name: a
    /// token whose first two bytes are not among them starts no name, and the automaton is not
    /// called there.
    heads: Vec<u64>,
}

/// Whether `text[s..e]` lies in a URL or an address (its run of non-space characters holds
/// "://", "www." or "@"): "AFP" in `?src=AFP` or `#AFP` names no agency.
fn in_url(text: &str, s: usize, e: usize) -> bool {
    let start = text[..s].rfind(char::is_whitespace).map_or(0, |i| {
        i + text[i..].chars().next().map_or(1, char::len_utf8)
    });
    let end = text[e..]
        .find(char::is_whitespace)
        .map_or(text.len(), |i| e + i);
    let run = &text[start..end];
    run.contains("://") || run.contains("www.") || run.contains('@')
}

/// The index of the first two bytes of a name or text in [`AgencyMatcher::heads`].
fn head(bytes: &[u8]) -> Option<usize> {
    match bytes {
        [a, b, ..] => {
            Some(usize::from(a.to_ascii_lowercase()) | usize::from(b.to_ascii_lowercase()) << 8)
        }
        _ => None,
    }
}

impl AgencyMatcher {
    /// Builds the matcher over the names and aliases of the registry's agencies.
    pub fn new(registry: &Registry) -> AgencyMatcher {
        let mut words = Vec::new();
        let mut patterns = Vec::new();
        for (i, o) in registry.outlets().iter().enumerate() {
            if o.kind != OutletKind::Agency {
                continue;
            }
            for n in std::iter::once(&o.name).chain(&o.aliases) {
                if n.chars().count() < 2 {
                    continue;
                }
                // Short all-capital aliases (AP, AFP, SPA) must match in capitals.
                let exact = n.len() <= 6 && n.chars().all(|c| !c.is_lowercase());
                words.push(n.clone());
                patterns.push((i, exact));
            }
        }
        let build = |words: &[String]| {
            AhoCorasickBuilder::new()
                .ascii_case_insensitive(true)
                .match_kind(MatchKind::LeftmostLongest)
                .start_kind(StartKind::Anchored)
                .build(words)
        };
        let automaton = build(&words)
            .or_else(|_| build(&[]))
            .expect("an empty automaton always builds");
        let mut heads = vec![0u64; (1 << 16) / 64];
        for h in words.iter().filter_map(|w| head(w.as_bytes())) {
            heads[h >> 6] |= 1 << (h & 63);
        }
        AgencyMatcher {
            automaton,
            heads,
            patterns: patterns
                .into_iter()
                .zip(words)
                .map(|((i, exact), _)| (i, exact))
                .collect(),
        }
    }

    /// Agency mentions in the original text. A name starts with a capital (or a digit), so the
    /// automaton runs anchored at the tokens that do, not over every byte of the text.
    fn find(&self, p: &Prepared<'_>, registry: &Registry) -> Vec<AgencyMention> {
        let text = p.text;
        let mut out = Vec::new();
        let mut searched_to = 0;
        let mut starts = p.map.starts();
        for t in &p.tokens {
            if !(t.cap || t.kind == TokenKind::Number) {
                continue;
            }
            let start = starts.start(t.start());
            if start < searched_to {
                continue;
            }
            // A name has two bytes or more, and the automaton ignores ASCII case only.
            match head(&text.as_bytes()[start..]) {
                Some(h) if self.heads[h >> 6] >> (h & 63) & 1 != 0 => {}
                _ => continue,
            }
            let input = Input::new(text).range(start..).anchored(Anchored::Yes);
            let Some(m) = self.automaton.find(input) else {
                continue;
            };
            searched_to = m.end();
            let (s, e) = (m.start(), m.end());
            let before = text[..s].chars().next_back();
            let mut after_it = text[e..].chars();
            let after = after_it.next();
            let bad_before = before
                .is_some_and(|c| c.is_alphanumeric() || matches!(c, '.' | '/' | '@' | '_' | '-'));
            let bad_after = after.is_some_and(|c| c.is_alphanumeric() || c == '_')
                || (after == Some('.') && after_it.next().is_some_and(|c| c.is_alphanumeric()));
            if bad_before || bad_after || in_url(text, s, e) {
                continue;
            }
            let (outlet, exact) = self.patterns[m.pattern().as_usize()];
            let o = &registry.outlets()[outlet];
            let found = &text[s..e];
            let ok = if exact {
                std::iter::once(&o.name)
                    .chain(&o.aliases)
                    .any(|n| n == found)
            } else {
                found.chars().next().is_some_and(char::is_uppercase)
            };
            if ok {
                out.push(AgencyMention {
                    span: Span::of(text, s, e),
                    outlet: o.id.clone(),
                });
            }
        }
        out
    }
}

/// A paragraph: its token range and original byte range (trimmed).
struct Paragraph {
    first_token: usize,
    end_token: usize,
    start: usize,
    end: usize,
}

fn paragraphs(p: &Prepared<'_>) -> Vec<Paragraph> {
    let n = p.tokens.len();
    let mut starts = vec![0usize];
    for b in &p.breaks {
        let t = b.token;
        if t > *starts.last().unwrap_or(&0) {
            starts.push(t);
        }
    }
    let mut out = Vec::new();
    let mut spans = p.map.starts();
    for (i, &s) in starts.iter().enumerate() {
        let e = starts.get(i + 1).copied().unwrap_or(n);
        if s >= e {
            continue;
        }
        let (a, b) = spans.span(p.tokens[s].start(), p.tokens[e - 1].end());
        out.push(Paragraph {
            first_token: s,
            end_token: e,
            start: a,
            end: b,
        });
    }
    out
}

/// The first of `prefixes` (lowercase) that `line` starts with, ignoring ASCII case. Compared on
/// the original bytes, so the prefix length is a valid offset into `line`.
fn starts_with_any<'a>(line: &str, prefixes: &'a [String]) -> Option<&'a str> {
    prefixes
        .iter()
        .find(|pre| {
            line.as_bytes()
                .get(..pre.len())
                .is_some_and(|head| head.eq_ignore_ascii_case(pre.as_bytes()))
        })
        .map(String::as_str)
}

/// The name a source or credit line gives: after the opening phrase (and "in", "on", "by",
/// "from", a year), up to a parenthesis, comma or period.
fn line_name(text: &str, line_start: usize, skip: usize) -> Option<(usize, usize)> {
    let rest = &text[line_start + skip..];
    let mut offset = line_start + skip;
    let mut r = rest;
    loop {
        let trimmed = r.trim_start_matches([' ', ':', '-', '\u{2014}', '\u{2013}']);
        offset += r.len() - trimmed.len();
        r = trimmed;
        let word_end = r.find(' ').unwrap_or(r.len());
        let word = &r[..word_end];
        let lw = word.to_lowercase();
        let skippable = matches!(
            lw.as_str(),
            "in" | "on" | "by" | "from" | "the" | "at" | "of"
        ) || (word.len() == 4 && word.bytes().all(|b| b.is_ascii_digit()))
            || lw == "(c)";
        if skippable && word_end < r.len() && lw != "the" {
            offset += word_end;
            r = &r[word_end..];
            continue;
        }
        break;
    }
    let end_rel = r.find(['(', ',', ';', '|', '\n']).unwrap_or(r.len());
    let name = r[..end_rel].trim_end().trim_end_matches(['.', ':']);
    (!name.is_empty() && name.len() <= 120).then(|| (offset, offset + name.len()))
}

/// Longest head of a paragraph read for a glued dateline.
const MAX_GLUED_DATELINE_BYTES: usize = 80;

/// A dateline with its dash glued on both sides, as some papers write it: "WASHINGTON—The House
/// voted", "WAUKEE, Iowa—Leading candidates". The normalizer joins such a dash into one
/// hyphenated word, so the original text is read: an all-capital place (letters, spaces, periods,
/// apostrophes, hyphens), optionally ", Region" (capitalized words), an em or en dash, and a
/// capital letter or an opening quote after it.
fn glued_dateline(
    text: &str,
    start: usize,
    end: usize,
    lang: &crate::text::lang::Lang,
) -> Option<Dateline> {
    let para = &text[start..end];
    let window = para
        .char_indices()
        .take_while(|&(i, _)| i < MAX_GLUED_DATELINE_BYTES)
        .last()
        .map_or(0, |(i, c)| i + c.len_utf8());
    let (dash, dash_char) = para[..window]
        .char_indices()
        .find(|&(_, c)| matches!(c, '\u{2014}' | '\u{2013}'))?;
    let after = para[dash + dash_char.len_utf8()..].trim_start();
    if !after
        .chars()
        .next()
        .is_some_and(|c| c.is_uppercase() || matches!(c, '"' | '\u{201c}'))
    {
        return None;
    }
    let head = &para[..dash];
    let (place, region) = match head.split_once(", ") {
        Some((place, region)) => (place, Some(region)),
        None => (head, None),
    };
    let place_ok = place.chars().filter(|c| c.is_alphabetic()).count() >= 2
        && place.chars().next().is_some_and(char::is_uppercase)
        && place
            .chars()
            .all(|c| c.is_uppercase() || matches!(c, ' ' | '.' | '\'' | '-' | '\u{2019}'));
    if !place_ok || lang.not_places.contains(&place.trim().to_lowercase()) {
        return None;
    }
    let region_ok = region.is_none_or(|r: &str| {
        r.chars().next().is_some_and(char::is_uppercase)
            && r.split(' ').count() <= 4
            && r.chars()
                .all(|c| c.is_alphabetic() || matches!(c, ' ' | '.'))
    });
    if !region_ok {
        return None;
    }
    let at = |s: &str| start + (s.as_ptr() as usize - para.as_ptr() as usize);
    let place_trim = place.trim_end();
    Some(Dateline {
        span: Span::of(text, start, start + dash + dash_char.len_utf8()),
        place: Span::of(text, start, start + place_trim.len()),
        region: region.map(|r| {
            let r = r.trim_end();
            Span::of(text, at(r), at(r) + r.len())
        }),
        date: None,
        agency: None,
    })
}

fn resolve_dateline(p: &Prepared<'_>, paras: &[Paragraph]) -> Option<Dateline> {
    let lang = p.lang();
    for para in paras.iter().take(HEAD_PARAGRAPHS) {
        if para.start > HEAD_BYTES {
            break;
        }
        let Some(shape) = dateline_shape(&p.norm, &p.tokens, para.first_token, lang) else {
            if let Some(d) = glued_dateline(p.text, para.start, para.end, lang) {
                return Some(d);
            }
            continue;
        };
        // The story opens with a capital, or with a quotation ("EAST LAS VEGAS — \"Nevada ...").
        let mut next = shape.dash + 1;
        if p.tokens
            .get(next)
            .is_some_and(|t| t.kind == TokenKind::Punct && matches!(&p.norm[t.range()], "\"" | "'"))
        {
            next += 1;
        }
        if next >= para.end_token || !p.tokens[next].cap {
            continue;
        }
        let span = |(a, b): (usize, usize)| {
            let (s, e) = p.span(p.tokens[a].start(), p.tokens[b - 1].end());
            Span::of(p.text, s, e)
        };
        return Some(Dateline {
            span: span((para.first_token, shape.dash + 1)),
            place: span(shape.place),
            region: shape.region.map(|(a, b)| {
                // An abbreviation keeps its period ("Ky.").
                let b = if p.tokens.get(b).is_some_and(|t| {
                    t.kind == TokenKind::Punct
                        && &p.norm[t.range()] == "."
                        && t.start() == p.tokens[b - 1].end()
                }) {
                    b + 1
                } else {
                    b
                };
                span((a, b))
            }),
            date: shape.date.map(span),
            agency: shape.agency.map(span),
        });
    }
    None
}

/// Detects the provenance of a prepared document and resolves its outlet.
pub(crate) fn detect_provenance(
    p: &Prepared<'_>,
    registry: &Registry,
    agencies: &AgencyMatcher,
    outlet_name: Option<&str>,
    url: Option<&str>,
) -> (Provenance, Vec<(usize, usize)>) {
    let lang = &p.lang().provenance;
    let text = p.text;
    let paras = paragraphs(p);
    let mut prov = Provenance {
        dateline: resolve_dateline(p, &paras).map(Box::new),
        agencies: agencies.find(p, registry),
        ..Default::default()
    };
    // Token ranges of boilerplate paragraphs, in order (left out of word counts).
    let mut boilerplate_tokens = Vec::new();
    for (i, para) in paras.iter().enumerate() {
        let words = (para.first_token..para.end_token)
            .filter(|&t| p.tokens[t].is_word())
            .count();
        if words > MAX_LINE_WORDS {
            continue;
        }
        let line = &text[para.start..para.end];
        let span = || Span::of(text, para.start, para.end);
        let kinds = [
            (SourceLineKind::Source, &lang.source),
            (SourceLineKind::Original, &lang.original),
            (SourceLineKind::Copyright, &lang.copyright),
            (SourceLineKind::Credit, &lang.credit),
        ];
        if let Some((kind, prefix)) = kinds
            .iter()
            .find_map(|(k, list)| starts_with_any(line, list).map(|pre| (*k, pre)))
        {
            let name = line_name(text, para.start, prefix.len());
            let outlet = name
                .and_then(|(a, b)| registry.by_name(&text[a..b]))
                .map(|o| o.id.clone());
            prov.source_lines.push(SourceLine {
                span: span(),
                kind,
                name: name.map(|(a, b)| Span::of(text, a, b)),
                outlet,
            });
            prov.boilerplate.push(span());
            boilerplate_tokens.push((para.first_token, para.end_token));
            continue;
        }
        let handle_only = line
            .split_whitespace()
            .all(|w| w.starts_with('@') || w.starts_with("http"));
        if starts_with_any(line, &lang.promo).is_some() || handle_only {
            prov.boilerplate.push(span());
            boilerplate_tokens.push((para.first_token, para.end_token));
            continue;
        }
        if i < HEAD_PARAGRAPHS && prov.byline.is_none() && words <= 12 && line.starts_with("By ") {
            let rest = &line[3..];
            if rest.chars().next().is_some_and(char::is_uppercase) && !line.ends_with('.') {
                prov.byline = Some(span());
            }
        }
    }
    resolve_outlet(&mut prov, registry, outlet_name, url, text);
    (prov, boilerplate_tokens)
}

fn resolve_outlet(
    prov: &mut Provenance,
    registry: &Registry,
    outlet_name: Option<&str>,
    url: Option<&str>,
    text: &str,
) {
    let mut found: Option<(&Arc<Outlet>, OutletSource)> = None;
    if let Some(name) = outlet_name {
        if let Some(o) = registry.by_name(name) {
            found = Some((o, OutletSource::Explicit));
        } else if registry.is_author(name) {
            prov.author_label = Some(name.to_string());
        }
    }
    if found.is_none() {
        if let Some(o) = url.and_then(|u| registry.by_url(u)) {
            found = Some((o, OutletSource::Url));
        }
    }
    // A URL names its publisher even where the registry does not know the site: its domain
    // wins over what the text says of the story's origin (a wire in the dateline, a handle, a
    // source line), which the flags and the syndication chain keep. Otherwise one site's
    // articles would split between its domain and the wires it carries.
    let domain = found
        .is_none()
        .then(|| url.and_then(registrable_domain))
        .flatten();
    if found.is_none() && domain.is_none() {
        if let Some(o) = prov
            .dateline
            .as_ref()
            .and_then(|d| d.agency.as_ref())
            .and_then(|a| registry.by_name(&a.text))
        {
            found = Some((o, OutletSource::Dateline));
        }
    }
    if found.is_none() && domain.is_none() {
        // Social handles in promotional lines ("Follow us on Twitter @IrnaEnglish").
        for b in &prov.boilerplate {
            for w in text[b.start..b.end].split_whitespace() {
                if let Some(h) = w.strip_prefix('@') {
                    if let Some(o) = registry.by_name(h.trim_end_matches(['.', ',', ')'])) {
                        found = Some((o, OutletSource::Handle));
                    }
                }
            }
        }
    }
    if found.is_none() && domain.is_none() {
        if let Some(o) = prov
            .source_lines
            .iter()
            .filter_map(|l| l.outlet.as_deref())
            .find_map(|id| registry.get(id))
        {
            found = Some((o, OutletSource::SourceLine));
        }
    }
    if let Some((o, how)) = found {
        prov.outlet = Some(Arc::clone(o));
        prov.outlet_source = Some(how);
        prov.syndication.push(o.id.clone());
    } else if let Some(domain) = domain {
        // A URL the registry does not know still names its site. Not a registry id, so it
        // stays out of the syndication chain.
        prov.outlet = Some(Arc::new(Outlet::from_domain(domain)));
        prov.outlet_source = Some(OutletSource::Domain);
    }
    for l in &prov.source_lines {
        if l.kind.names_origin() {
            if let Some(id) = &l.outlet {
                if !prov.syndication.contains(id) {
                    prov.syndication.push(id.clone());
                }
            }
        }
    }
}

/// The profile flags that follow from provenance: state-affiliated, wire-based, syndicated.
pub(crate) fn flags(prov: &Provenance, registry: &Registry) -> (bool, bool, bool) {
    let outlet = |id: &str| registry.get(id);
    let dateline_agency = prov
        .dateline
        .as_ref()
        .and_then(|d| d.agency.as_ref())
        .and_then(|a| registry.by_name(&a.text));
    let state = prov
        .syndication
        .iter()
        .filter_map(|id| outlet(id))
        .chain(dateline_agency)
        .any(|o| o.ownership == Ownership::State);
    let credit_agency = prov.source_lines.iter().any(|l| {
        l.outlet
            .as_deref()
            .and_then(outlet)
            .is_some_and(|o| o.kind == OutletKind::Agency)
    });
    let wire = dateline_agency.is_some_and(|o| o.kind == OutletKind::Agency)
        || credit_agency
        || prov
            .outlet
            .as_ref()
            .is_some_and(|o| o.kind == OutletKind::Agency);
    let syndicated =
        prov.syndication.len() > 1 || prov.source_lines.iter().any(|l| l.kind.names_origin());
    (state, wire, syndicated)
}
