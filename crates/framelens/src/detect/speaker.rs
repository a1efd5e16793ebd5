//! Speaker types: who a speaker phrase found by the attribution detector is, as far as the text
//! says. The word lists are in the language data (`[speakers]` and `[attribution]` of
//! `data/en/text.toml`); the rule is in `docs/guide/attribution.md`.
//!
//! The type follows the phrase's head: the last word before the first comma, parenthesis or
//! `post_head` word ("a spokesman | for the ministry", "people | familiar with the matter").

use crate::analysis::SpeakerType;
use crate::text::lang::Lang;
use crate::text::tokens::TokenKind;
use crate::text::Prepared;

/// Punctuation that ends the head part of a speaker phrase.
const HEAD_STOPS: &str = ",;:()[]\"'\u{201c}\u{201d}\u{2018}\u{2019}";

/// The head token of the speaker phrase `s..e` (token indices), and the end of its head part.
pub(crate) fn head(p: &Prepared<'_>, lang: &Lang, s: usize, e: usize) -> Option<(usize, usize)> {
    let post = &lang.speakers.post_head;
    let mut head = None;
    let mut i = s;
    while i < e {
        let t = &p.tokens[i];
        let text = p.token_text(i);
        if t.kind == TokenKind::Punct {
            // A scare-quoted word or three ('Estavian "experts"') is part of the phrase.
            let scare_quote = scare_quote_marks(p, i).is_some_and(|(_, close)| close < e);
            if HEAD_STOPS.contains(text) && head.is_some() && !scare_quote {
                break;
            }
        } else if head.is_some() && post.contains(text) {
            break;
        } else if t.kind == TokenKind::Word {
            head = Some(i);
        }
        i += 1;
    }
    head.map(|h| (h, i))
}

/// The tokens of the opening and closing marks of the scare quote one of whose marks is token
/// `i`: a quotation the quote scanner paired, in double marks, of one to three words and no
/// punctuation ('Estavian "experts"').
pub(super) fn scare_quote_marks(p: &Prepared<'_>, i: usize) -> Option<(usize, usize)> {
    let t = &p.tokens[i];
    if t.kind != TokenKind::Punct {
        return None;
    }
    // An opening mark starts its region; a closing mark starts where the content ends.
    let at = p.quotes.partition_point(|q| q.start < t.start());
    let opening = p.quotes.get(at).filter(|q| q.start == t.start());
    let q = opening.or_else(|| {
        let inner = t.start().checked_sub(1)?;
        p.quote_at(inner, t.start())
            .filter(|q| q.content_end == t.start())
    })?;
    let (open, close) = (p.token_at(q.start), p.token_at(q.content_end));
    let words = close.checked_sub(open + 1)?;
    let plain = (open + 1..close).all(|k| p.tokens[k].kind != TokenKind::Punct);
    (q.ch == '"' && (1..=3).contains(&words) && plain && close < p.tokens.len())
        .then_some((open, close))
}

/// Does the phrase `s..e` (token indices) hold an anonymity phrase ("asked not to be named",
/// "familiar with")? Such a speaker is anonymous whatever its head.
pub(super) fn anonymity_phrase(p: &Prepared<'_>, lang: &Lang, s: usize, e: usize) -> bool {
    let phrase = &p.norm[p.tokens[s].start()..p.tokens[e - 1].end()];
    lang.attribution
        .anonymous_markers
        .iter()
        .any(|m| phrase.contains(m.as_str()))
}

/// Is `word` a noun some head list of the speaker types names (a person, a role, a document,
/// an institution, an anonymous source, a group)?
pub(super) fn speaker_noun(lang: &Lang, word: &str) -> bool {
    let (a, sp) = (&lang.attribution, &lang.speakers);
    [
        &sp.person_heads,
        &sp.role_heads,
        &sp.document_heads,
        &sp.institution_heads,
        &a.anonymous_heads,
        &a.collective_heads,
        &a.group_heads,
    ]
    .iter()
    .any(|list| list.contains(word))
}

/// Is token `i` an acronym in the original text ("NATO", "the FBI", "U.N.")?
pub(super) fn acronym(p: &Prepared<'_>, i: usize) -> bool {
    let t = &p.tokens[i];
    let (a, b) = p.span(t.start(), t.end());
    let word = &p.text[a..b];
    let letters = word.chars().filter(|c| c.is_alphabetic()).count();
    letters >= 2
        && word
            .chars()
            .all(|c| c.is_ascii_uppercase() || c == '.' || c == '&')
}

/// The type of the speaker phrase `s..e` (token indices) in the sentence starting at token
/// `sent_first`.
pub(crate) fn speaker_type(
    p: &Prepared<'_>,
    lang: &Lang,
    s: usize,
    e: usize,
    sent_first: usize,
) -> SpeakerType {
    let a = &lang.attribution;
    let sp = &lang.speakers;
    let words: Vec<usize> = (s..e)
        .filter(|&i| p.tokens[i].kind != TokenKind::Punct)
        .collect();
    let (Some(&first), Some(&last)) = (words.first(), words.last()) else {
        return SpeakerType::Anonymous;
    };
    if words.len() == 1 && a.pronouns.contains(p.token_text(last)) {
        return SpeakerType::Pronoun;
    }
    if anonymity_phrase(p, lang, s, e) {
        return SpeakerType::Anonymous;
    }
    let Some((h, head_end)) = head(p, lang, s, e) else {
        return SpeakerType::Anonymous;
    };
    let word = p.token_text(h);
    // A capital that only opens the sentence is not a name ("Sources said").
    let cap = p.tokens[h].cap && h != sent_first;
    if cap && sp.institution_name_heads.contains(word) {
        return SpeakerType::Institution;
    }
    if sp.document_heads.contains(word) {
        return SpeakerType::Document;
    }
    if sp.institution_heads.contains(word) {
        return SpeakerType::Institution;
    }
    let modified_role = (first..h).any(|i| sp.role_modifiers.contains(p.token_text(i)));
    if sp.role_heads.contains(word) || (modified_role && a.anonymous_heads.contains(word)) {
        // "a judge said" names nobody in particular; "a lawyer for the family" does, and so
        // does a role head after a capitalized affiliation ("a Justice Department spokesman").
        let indefinite = sp.indefinite.contains(p.token_text(first));
        let affiliated = (head_end..e).any(|i| sp.affiliation.contains(p.token_text(i)))
            || (sp.role_heads.contains(word)
                && (first + 1..h).any(|i| p.tokens[i].cap && p.tokens[i].kind != TokenKind::Punct));
        return if indefinite && !affiliated {
            SpeakerType::Anonymous
        } else {
            SpeakerType::Role
        };
    }
    if a.anonymous_heads.contains(word) {
        return SpeakerType::Anonymous;
    }
    if a.collective_heads.contains(word) {
        return SpeakerType::Collective;
    }
    if p.tokens[h].cap {
        // Capitalized words only, after an optional determiner: "Moscow", "the Kremlin".
        let name_from = if a.determiners.contains(p.token_text(first)) {
            first + 1
        } else {
            first
        };
        let name = &p.norm[p.tokens[name_from.min(h)].start()..p.tokens[h].end()];
        if sp.institution_names.contains(name)
            || sp.capitals.contains(name)
            || lang.regions.contains(name)
            || acronym(p, h)
        {
            return SpeakerType::Institution;
        }
        return SpeakerType::Named;
    }
    // A lowercase head outside the lists: a capitalized word after it names the speaker (the
    // phrase may be longer than the speaker); capitalized words before it only modify it
    // ("Norvanian engineers", "Estavia's negotiators", "Trump aides"), so the head gives the
    // type: a plural is a group; "a man" or "one resident" is an unnamed individual; "the
    // girl", "the 45-year-old" is one the text identifies.
    let named = (h + 1..e).any(|i| {
        p.tokens[i].cap
            && p.tokens[i].kind != TokenKind::Punct
            && !(i == sent_first && a.determiners.contains(p.token_text(i)))
    });
    if named {
        SpeakerType::Named
    } else if word.ends_with('s') && !word.ends_with("ss") {
        SpeakerType::Collective
    } else if sp.indefinite.contains(p.token_text(first)) {
        SpeakerType::Anonymous
    } else {
        SpeakerType::Role
    }
}
