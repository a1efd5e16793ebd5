//! The text engine on news-shaped input: sentences, quote regions, offsets.

use framelens::text::Prepared;

fn sentences(text: &str) -> Vec<String> {
    let p = Prepared::new(text);
    p.sentences
        .iter()
        .map(|s| {
            let (a, b) = p.span(s.start, s.end);
            text[a..b].to_string()
        })
        .collect()
}

fn quotes(text: &str) -> Vec<String> {
    let p = Prepared::new(text);
    p.quotes
        .iter()
        .map(|q| {
            let (a, b) = p.span(q.content_start, q.content_end);
            text[a..b].to_string()
        })
        .collect()
}

#[test]
fn sentences_survive_news_text() {
    let cases: &[(&str, &[&str])] = &[
        (
            "Mr. Smith met Gen. Jones in Jan. 2019. They talked.",
            &["Mr. Smith met Gen. Jones in Jan. 2019.", "They talked."],
        ),
        (
            "The U.S. envoy arrived. Talks with the U.S. The next day failed.",
            &[
                "The U.S. envoy arrived.",
                "Talks with the U.S.",
                "The next day failed.",
            ],
        ),
        (
            "J. R. Hartley wrote it. He left.",
            &["J. R. Hartley wrote it.", "He left."],
        ),
        (
            "Prices rose 3.5 percent to $2.50 a litre. Sales fell.",
            &["Prices rose 3.5 percent to $2.50 a litre.", "Sales fell."],
        ),
        (
            "He paused... then went on. Later... Nothing.",
            &["He paused... then went on.", "Later...", "Nothing."],
        ),
        (
            "She said \"no.\" He agreed. \"Why?\" he asked.",
            &["She said \"no.\"", "He agreed.", "\"Why?\" he asked."],
        ),
        (
            "Tehran, April 17, IRNA - Policies are changing. Ties grow.",
            &[
                "Tehran, April 17, IRNA -",
                "Policies are changing.",
                "Ties grow.",
            ],
        ),
        (
            "WASHINGTON (Reuters) \u{2014} The vote failed.",
            &["WASHINGTON (Reuters) \u{2014}", "The vote failed."],
        ),
        (
            "Tehran, Moscow boosting strategic relations\n\nThe talks went on",
            &[
                "Tehran, Moscow boosting strategic relations",
                "The talks went on",
            ],
        ),
        (
            "See No. 10 on the list. Done.",
            &["See No. 10 on the list.", "Done."],
        ),
        (
            "It ended in a no. Then more.",
            &["It ended in a no.", "Then more."],
        ),
    ];
    for (text, want) in cases {
        assert_eq!(sentences(text), *want, "text {text:?}");
    }
}

#[test]
fn quote_regions() {
    let cases: &[(&str, &[&str])] = &[
        (
            "Trump called it the \u{201C}worst deal ever\u{201D}, he said.",
            &["worst deal ever"],
        ),
        ("He said \"stop\" and left.", &["stop"]),
        ("\u{00AB}Non\u{00BB}, dit-il.", &["Non"]),
        (
            "\"They said 'never' again,\" she recalled.",
            &["They said 'never' again,", "never"],
        ),
        ("Iran's and Russia's ties since the '90s grew.", &[]),
        ("They played rock 'n' roll all night.", &[]),
        ("The leaders' talks were about 'trust'.", &["trust"]),
        (
            "\u{2018}25 Years of Cooperation\u{2019} was the title.",
            &["25 Years of Cooperation"],
        ),
        // An unbalanced mark does not swallow the rest of the article.
        (
            "He said \"this is wrong.\n\nThe next paragraph is the writer's.",
            &[],
        ),
        (
            "\"First part of a long quote.\n\n\"Second part,\" she said.",
            &["First part of a long quote.", "Second part,"],
        ),
        (
            "She said \u{201C}a\u{201D} and \u{201C}b\u{201D}.",
            &["a", "b"],
        ),
    ];
    for (text, want) in cases {
        assert_eq!(quotes(text), *want, "text {text:?}");
    }
}

#[test]
fn continued_quotation_shares_one_quotation_number() {
    let text = "\"One.\n\n\"Two.\n\n\"Three,\" he said.";
    let p = Prepared::new(text);
    assert_eq!(p.quotes.len(), 3);
    assert!(p
        .quotes
        .iter()
        .all(|q| q.quotation == p.quotes[0].quotation));
}

#[test]
fn a_thousand_stray_quotes_stay_linear_and_bounded() {
    let text = "\" a ' b \u{201C} c \u{2019} ".repeat(1000);
    let p = Prepared::new(&text);
    for q in &p.quotes {
        assert!(q.content_end <= p.norm.len());
    }
}

#[test]
fn offsets_map_back_through_unicode() {
    let text = "  \u{0130}stanbul \u{FB01}nal caf\u{0065}\u{0301} \u{1F469}\u{200D}\u{1F4BB} \u{05E9}\u{05DC}\u{05D5}\u{05DD}\r\nend\u{200B}";
    let p = Prepared::new(text);
    for t in &p.tokens {
        let (a, b) = p.span(t.start(), t.end());
        assert!(text.is_char_boundary(a) && text.is_char_boundary(b));
        assert!(a <= b);
    }
    let words: Vec<_> = p
        .tokens
        .iter()
        .filter(|t| t.is_word())
        .map(|t| {
            let (a, b) = p.span(t.start(), t.end());
            &text[a..b]
        })
        .collect();
    assert_eq!(words[0], "\u{0130}stanbul");
    assert_eq!(words[1], "\u{FB01}nal");
    assert_eq!(words[2], "caf\u{0065}\u{0301}");
}

#[test]
fn compatibility_chars_that_expand_to_several_chars_keep_offsets_on_boundaries() {
    // U+FE78 normalizes to a space and a combining mark: same byte length, two chars.
    for text in [
        "\u{FE78}",
        "a\u{FE78}b regime",
        "\u{FE78}\n\nSource: x",
        "\u{2474} \u{FB03} \u{3392}",
    ] {
        let p = Prepared::new(text);
        for t in &p.tokens {
            let (a, b) = p.span(t.start(), t.end());
            assert!(
                text.is_char_boundary(a) && text.is_char_boundary(b),
                "{text:?}"
            );
        }
    }
}
