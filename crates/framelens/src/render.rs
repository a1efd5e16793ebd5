//! HTML views of an analysis: the article with its markers highlighted, for notebooks and
//! standalone pages. Every piece of article text (and every entry, note and speaker) is
//! escaped, so nothing in an article can run as markup or script.
//!
//! ```
//! let text = "Officials <b>baselessly</b> accused the mayor.";
//! let analysis = framelens::Analyzer::new()?.analyze_text(text)?;
//! let html = framelens::render::analysis_html(text, &analysis, |_| None);
//! assert!(html.contains("&lt;b&gt;"));
//! assert!(html.contains(">baselessly</mark>"));
//! # Ok::<(), framelens::Error>(())
//! ```

use std::fmt::Write;

use crate::analysis::{Analysis, Voice};
use crate::lexicon::Category;

/// The background colour of each category's highlight.
pub fn category_color(category: Category) -> &'static str {
    match category {
        Category::Loaded => "#f4a6a6",
        Category::Hedge => "#b9d7f7",
        Category::Booster => "#f7d59c",
        Category::Factive => "#c9e7b8",
        Category::Naming => "#dcc6f2",
        Category::Frame => "#e6e6e6",
        Category::GenericFrame => "#d9eef0",
        Category::ScareQuote => "#f7c4e4",
        Category::Report => "#eeeeee",
    }
}

/// Escapes `s` for HTML text and attribute values (`&`, `<`, `>`, `"` and `'`).
pub fn escape(s: &str, out: &mut String) {
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#x27;"),
            c => out.push(c),
        }
    }
}

fn escaped(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    escape(s, &mut out);
    out
}

/// The article `text` with the markers of `analysis` (byte offsets into `text`) highlighted by
/// category. Quoted voice is italic with a dashed underline; hovering shows the category,
/// entry, voice, speaker and the entry's note (from `notes`, by entry id). Overlapping markers
/// are shown by their first (outermost) one.
pub fn analysis_html<'n>(
    text: &str,
    analysis: &Analysis,
    notes: impl Fn(&str) -> Option<&'n str>,
) -> String {
    let mut markers: Vec<_> = analysis.markers.iter().collect();
    markers.sort_by_key(|m| (m.start, std::cmp::Reverse(m.end)));
    let mut body = String::with_capacity(text.len() * 2);
    let mut pos = 0;
    for m in markers {
        let (Some(before), Some(inside)) = (text.get(pos..m.start), text.get(m.start..m.end))
        else {
            continue;
        };
        if m.start < pos {
            continue;
        }
        escape(before, &mut body);
        let category = m.category.as_str();
        let voice = m.voice.as_str();
        let mut style = format!(
            "background:{};border-radius:3px;padding:0 1px;",
            category_color(m.category)
        );
        if m.voice == Voice::Quoted {
            style.push_str("font-style:italic;border-bottom:2px dashed #555;");
        }
        let mut tip = category.to_string();
        if let Some(sub) = m.subcategory {
            let _ = write!(tip, "/{sub}");
        }
        let _ = write!(tip, " · {} · {voice}", m.entry);
        if let Some(speaker) = &m.speaker {
            let _ = write!(tip, " ({speaker})");
        }
        if m.negated {
            tip.push_str(" · negated");
        }
        if let Some(note) = notes(&m.entry).filter(|n| !n.is_empty()) {
            let _ = write!(tip, " — {note}");
        }
        let _ = write!(
            body,
            "<mark class=\"fl-{} fl-{}\" style=\"{style}\" title=\"{}\">{}</mark>",
            escaped(category),
            escaped(voice),
            escaped(&tip),
            escaped(inside)
        );
        pos = m.end;
    }
    escape(text.get(pos..).unwrap_or_default(), &mut body);
    let mut legend = String::new();
    for (i, c) in Category::ALL.iter().enumerate() {
        if i > 0 {
            legend.push(' ');
        }
        let _ = write!(
            legend,
            "<span style=\"background:{};padding:0 4px;border-radius:3px\">{}</span>",
            category_color(*c),
            escaped(c.as_str())
        );
    }
    legend.push_str(
        " <span style=\"font-style:italic;border-bottom:2px dashed #555\">quoted voice</span>",
    );
    format!(
        "<div class=\"framelens-analysis\"><div style=\"margin-bottom:6px;font-size:85%\">\
         {legend}</div><div style=\"line-height:1.6\">{}</div></div>",
        body.replace('\n', "<br>")
    )
}
