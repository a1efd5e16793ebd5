//! Hostile input: nothing panics, every span slices the text, counts stay consistent.

use framelens::{Analysis, Analyzer, Category, Voice};

fn check(text: &str) -> Analysis {
    let a = Analyzer::new().unwrap().analyze_text(text).unwrap();
    for m in &a.markers {
        assert!(text.is_char_boundary(m.start) && text.is_char_boundary(m.end));
        assert_eq!(
            &text[m.start..m.end],
            m.text,
            "marker in {:?}",
            &text[..text.len().min(80)]
        );
    }
    for q in &a.quotes {
        assert_eq!(&text[q.start..q.end], q.text);
    }
    for x in &a.attributions {
        for s in [Some(&x.cue), x.speaker.as_ref(), x.content.as_ref()]
            .into_iter()
            .flatten()
        {
            assert_eq!(&text[s.start..s.end], s.text);
        }
    }
    let p = &a.provenance;
    for s in p.boilerplate.iter().chain(p.byline.as_ref()) {
        assert_eq!(&text[s.start..s.end], s.text);
    }
    let c = &a.profile.counts;
    assert_eq!(
        c.values().map(|v| v.all as usize).sum::<usize>(),
        a.markers.len()
    );
    assert!(a.profile.quoted_words <= a.profile.words);
    assert_eq!(
        a.profile.words as usize,
        a.sentences.iter().map(|s| s.words).sum::<usize>()
    );
    a
}

#[test]
fn empty_whitespace_and_control_characters() {
    for text in [
        "",
        " ",
        "\n\n\n",
        "\t \r\n ",
        "\0",
        "\0\0 regime \0",
        "\u{7}\u{1b}[31mregime\u{1b}[0m",
    ] {
        let a = check(text);
        assert!(a.profile.words <= 3);
    }
}

#[test]
fn a_thousand_unbalanced_and_nested_quotes() {
    let texts = [
        "\"".repeat(1000),
        "\u{201C}".repeat(1000) + " regime",
        "'\"".repeat(1000),
        format!(
            "{} regime {}",
            "\u{00AB}".repeat(500),
            "\u{00BB}".repeat(499)
        ),
        "\"a 'b \"c 'd ".repeat(250),
    ];
    for t in &texts {
        check(t);
    }
}

#[test]
fn very_long_lines_and_words() {
    let long_word = "a".repeat(1_000_000);
    check(&long_word);
    let long_line = "the regime said so and ".repeat(50_000);
    let a = check(&long_line);
    assert!(a.markers.iter().any(|m| m.entry.as_str() == "regime"));
    check(&"-".repeat(100_000));
    check(&".".repeat(100_000));
    check(&"U.S. ".repeat(20_000));
}

#[test]
fn right_to_left_and_zero_width() {
    check("\u{202E}emiger\u{202C} regime \u{200F}\u{05E9}\u{05DC}\u{05D5}\u{05DD}\u{200E}");
    check("re\u{200B}gime reg\u{200D}ime \u{FEFF}regime\u{FEFF}");
    check("\u{0645}\u{0631}\u{062D}\u{0628}\u{0627} \"baselessly\" \u{0645}\u{0631}\u{062D}\u{0628}\u{0627}");
}

#[test]
fn html_and_markdown_remnants() {
    let a = check("<p>The <b>regime</b> &amp; its &quot;thugs&quot;</p><script>alert(1)</script>\n\n## Heading\n\n* **baselessly** [link](http://x.test/regime)");
    assert!(a.markers.iter().any(|m| m.text == "regime"));
}

#[test]
fn every_category_in_both_voices() {
    let author =
        "The regime, reportedly, clearly revealed a so-called plan on taxes against Houthi rebels.";
    let quoted = format!("\"{author}\" she said.");
    let a = check(author);
    let q = check(&quoted);
    for cat in [
        Category::Loaded,
        Category::Hedge,
        Category::Booster,
        Category::Factive,
        Category::Naming,
        Category::Frame,
        Category::ScareQuote,
    ] {
        assert!(
            a.markers
                .iter()
                .any(|m| m.category == cat && m.voice == Voice::Author),
            "{cat} author"
        );
        assert!(
            q.markers
                .iter()
                .any(|m| m.category == cat && m.voice == Voice::Quoted),
            "{cat} quoted"
        );
    }
}

#[test]
fn every_unicode_scalar_class_in_a_row() {
    // A sample of every plane and category boundary, including combining marks alone.
    let mut s = String::new();
    for cp in (0u32..0x3_0000).step_by(97) {
        if let Some(c) = char::from_u32(cp) {
            s.push(c);
            if cp % 7 == 0 {
                s.push_str(" regime ");
            }
        }
    }
    check(&s);
}

#[test]
fn size_limit_is_a_clear_error() {
    let an = Analyzer::new().unwrap().with_max_bytes(1_000);
    let err = an.analyze_text(&"x".repeat(1_001)).unwrap_err();
    assert_eq!(err.kind(), framelens::ErrorKind::Document);
    assert!(err
        .message()
        .contains("1001 bytes, over the limit of 1000 bytes"));
}

#[test]
fn quotations_inside_boilerplate_are_not_counted() {
    // Found by proptest: a copyright line holding a quotation.
    let a = check("\u{00A9}'\u{1DF00}baselessly'{baselessly");
    assert!(a.profile.quoted_words <= a.profile.words);
    let b = check("The regime spoke.\n\nSource: \"Harbor Daily\" and \"more words here\"");
    assert!(b.profile.quoted_words <= b.profile.words);
    assert_eq!(
        b.profile.words as usize,
        b.sentences.iter().map(|s| s.words).sum::<usize>()
    );
}
