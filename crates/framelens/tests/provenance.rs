//! Provenance: datelines (measured on a written test set), agencies, source lines, resolution.

use framelens::{Analyzer, Document, OutletKind, OutletSource, Ownership};

/// Dateline openings in the common forms, generated from parts written for this test.
fn dateline_openings() -> Vec<(String, &'static str)> {
    let places = [
        "Tehran",
        "WASHINGTON",
        "New York",
        "GENEVA",
        "Moscow",
        "BEIJING",
        "Harbor City",
        "ST. LOUIS",
        "Kyiv",
        "NAIROBI",
        "Buenos Aires",
        "SAN FRANCISCO",
        "Brussels",
        "DOHA",
        "Port-au-Prince",
    ];
    let dates = ["April 17", "Jan. 5", "March 3, 2019", "Dec. 12"];
    let agencies = [
        "IRNA", "Reuters", "AP", "AFP", "Xinhua", "TASS", "Anadolu", "Kyodo",
    ];
    let dashes = [" -", " \u{2014}", " \u{2013}", " --"];
    let mut out = Vec::new();
    for (i, place) in places.iter().enumerate() {
        let date = dates[i % dates.len()];
        let agency = agencies[i % agencies.len()];
        let dash = dashes[i % dashes.len()];
        let forms = [
            format!("{place}, {date}, {agency}{dash} "),
            format!("{place} ({agency}){dash} "),
            format!("{place}, {date} ({agency}){dash} "),
            format!("{place}{dash} "),
            format!("{place}, {date}{dash} "),
        ];
        for f in forms {
            out.push((f, *place));
        }
    }
    out
}

/// Openings that are not datelines: headlines and sentences with commas, dashes and names.
fn non_dateline_openings() -> Vec<String> {
    let starts = [
        "Officials in Tehran said on Monday - without giving details - that",
        "The talks, held in Geneva, ended early -",
        "In a statement, the ministry said the",
        "By Jane Roe and Omar Haddad",
        "Washington's allies - France and Britain - voted",
        "Prices rose 3.5 percent in March, the agency said.",
        "\"We will not leave,\" she said -",
        "Meanwhile, in Moscow, the parliament met -",
        "It was a long day in Kyiv.",
        "According to Reuters, the vote failed.",
        "The AP reported that",
        "Reuters and AFP both said",
        "What happened in Beijing - and why it matters",
        "Analysis: the dam - a timeline",
        "the city of Doha - once a village -",
        "Tehran-based analysts say the",
        "Two years ago, in April, the",
        "Protesters gathered - thousands of them - outside",
        "On Tuesday - a holiday - shops closed",
        "A spokesman, speaking in Nairobi, said",
        "Nobody expected this - least of all the",
        "Harbor City officials - who declined - said",
        "5 things to know - the dam dispute",
        "Update: talks resume",
        "Editor's note - this story was updated",
        "Opinion - why the deal matters",
        "Live updates - the vote",
        "San Francisco is known for fog - and for",
        "The leaders met, and - after hours - agreed",
        "Trade fell 2.1 percent, figures show -",
    ];
    let tails = [
        " the vote.",
        " the deal collapsed.",
        " nothing changed.",
        " more to come.",
        " the plan.",
    ];
    starts
        .iter()
        .flat_map(|s| tails.iter().map(move |t| format!("{s}{t}")))
        .collect()
}

#[test]
fn dateline_precision_and_recall_on_written_openings() {
    let analyzer = Analyzer::new().unwrap();
    let positives = dateline_openings();
    let negatives = non_dateline_openings();
    assert!(positives.len() + negatives.len() >= 150);
    let mut tp = 0;
    let mut fp = 0;
    for (opening, place) in &positives {
        let text = format!("{opening}The council voted on the dam plan on Tuesday.");
        let a = analyzer.analyze_text(&text).unwrap();
        match &a.provenance.dateline {
            Some(d) if d.place.text == *place => tp += 1,
            other => eprintln!("missed: {text:?} -> {other:?}"),
        }
    }
    for text in &negatives {
        let a = analyzer.analyze_text(text).unwrap();
        if let Some(d) = &a.provenance.dateline {
            fp += 1;
            eprintln!("false dateline: {text:?} -> {:?}", d.span.text);
        }
    }
    let recall = tp as f64 / positives.len() as f64;
    let precision = tp as f64 / (tp + fp) as f64;
    println!(
        "datelines: {} positive, {} negative openings; precision {precision:.3}, recall {recall:.3}",
        positives.len(),
        negatives.len()
    );
    assert!(recall >= 0.95, "recall {recall}");
    assert!(precision >= 0.95, "precision {precision}");
}

#[test]
fn dateline_parts() {
    let a = Analyzer::new()
        .unwrap()
        .analyze_text("MOSCOW, Jan. 5 (TASS) \u{2014} The Duma met.")
        .unwrap();
    let d = a.provenance.dateline.unwrap();
    assert_eq!(d.place.text, "MOSCOW");
    assert_eq!(d.date.unwrap().text, "Jan. 5");
    assert_eq!(d.agency.unwrap().text, "TASS");
}

#[test]
fn agencies_without_false_hits() {
    let text = "In April the AP and Reuters reported it; an apple, a spa, tass.com and \
                https://www.afp.com/en were not agencies, nor was Tasnimology. AFP added more.";
    let a = Analyzer::new().unwrap().analyze_text(text).unwrap();
    let found: Vec<_> = a
        .provenance
        .agencies
        .iter()
        .map(|m| m.outlet.as_str())
        .collect();
    assert_eq!(found, ["ap", "reuters", "afp"]);
    for m in &a.provenance.agencies {
        assert_eq!(&text[m.span.start..m.span.end], m.span.text);
    }
}

#[test]
fn source_lines_boilerplate_and_chain() {
    let text = "Harbor City, May 4, IRNA - The council met.\n\nIt voted twice.\n\n\
                Source: Iran Daily (an English-language newspaper)\n\n\
                Follow us on Twitter @IrnaEnglish";
    let a = Analyzer::new().unwrap().analyze_text(text).unwrap();
    let p = &a.provenance;
    let outlet = p.outlet.as_ref().unwrap();
    assert_eq!(
        (outlet.id.as_str(), outlet.ownership, outlet.kind),
        ("irna", Ownership::State, OutletKind::Agency)
    );
    assert_eq!(outlet.country, "IR");
    assert_eq!(p.outlet_source, Some(OutletSource::Dateline));
    assert_eq!(p.source_lines[0].name.as_ref().unwrap().text, "Iran Daily");
    assert_eq!(p.syndication, ["irna", "iran_daily"]);
    assert_eq!(p.boilerplate.len(), 2);
    assert!(p.boilerplate[1].text.contains("@IrnaEnglish"));
    assert!(a.profile.state_affiliated && a.profile.wire_based && a.profile.syndicated);
    // Boilerplate words are not counted.
    assert_eq!(a.profile.words, 11);
}

#[test]
fn outlet_resolution_order() {
    let analyzer = Analyzer::new().unwrap();
    let doc = |outlet: Option<&str>, url: Option<&str>| Document {
        text: "WASHINGTON (Reuters) - The vote failed.".into(),
        outlet: outlet.map(str::to_string),
        url: url.map(str::to_string),
        ..Default::default()
    };
    let how = |d: &Document| {
        let a = analyzer.analyze(d).unwrap();
        (
            a.provenance.outlet.map(|o| o.id.clone()),
            a.provenance.outlet_source,
            a.provenance.author_label,
        )
    };
    assert_eq!(
        how(&doc(Some("The Guardian"), Some("https://nytimes.com/x")))
            .0
            .as_deref(),
        Some("guardian")
    );
    assert_eq!(
        how(&doc(None, Some("https://m.nytimes.com/x"))).1,
        Some(OutletSource::Url)
    );
    assert_eq!(how(&doc(None, None)).0.as_deref(), Some("reuters"));
    let (o, _, author) = how(&doc(
        Some("Guest Writer - Right"),
        Some("https://www.foxnews.com/a"),
    ));
    assert_eq!(
        (o.as_deref(), author.as_deref()),
        (Some("fox_news"), Some("Guest Writer - Right"))
    );
}

#[test]
fn unknown_url_resolves_to_its_registrable_domain() {
    let analyzer = Analyzer::new().unwrap();
    let resolve = |text: &str, url: &str| {
        let doc = Document {
            text: text.into(),
            url: Some(url.into()),
            ..Default::default()
        };
        analyzer.analyze(&doc).unwrap().provenance
    };
    let p = resolve(
        "The council met on Monday.",
        "https://news.harborcity-ledger.co.uk/2019/05/council?ref=x",
    );
    let o = p.outlet.as_ref().unwrap();
    assert_eq!(p.outlet_source, Some(OutletSource::Domain));
    assert_eq!(
        (o.id.as_str(), o.ownership, o.kind, o.country.as_str()),
        (
            "harborcity-ledger.co.uk",
            Ownership::Unknown,
            OutletKind::Unknown,
            "ZZ"
        )
    );
    assert!(p.syndication.is_empty());
    // The domain wins over a registry outlet named in the dateline, as a known URL does
    // (see an_unknown_url_names_the_outlet_before_the_dateline_does).
    let p = resolve(
        "WASHINGTON (Reuters) - The vote failed.",
        "https://velska-post.example.net/a",
    );
    assert_eq!(p.outlet.unwrap().id, "example.net");
    // Hosts that are not under a listed suffix, or are suffixes themselves, name no outlet.
    for url in [
        "http://192.168.0.7/a",
        "https://co.uk/x",
        "http://intranet.local/x",
        "x",
    ] {
        assert!(resolve("Text.", url).outlet.is_none(), "{url}");
    }
}

#[test]
fn byline_is_found() {
    let a = Analyzer::new()
        .unwrap()
        .analyze_text("Dam talks stall\n\nBy Jane Roe\n\nVELSKA \u{2014} Talks stalled.")
        .unwrap();
    assert_eq!(a.provenance.byline.unwrap().text, "By Jane Roe");
    assert_eq!(a.provenance.dateline.unwrap().place.text, "VELSKA");
}

#[test]
fn an_unknown_url_names_the_outlet_before_the_dateline_does() {
    // A wire story on a site the registry does not know: the site publishes it (so all of its
    // articles group under one outlet), and the wire stays in the flags.
    let analyzer = Analyzer::new().unwrap();
    let doc = Document {
        text: "WASHINGTON (Reuters) - The vote failed.".into(),
        url: Some("https://news.harborcity-ledger.co.uk/2019/05/vote".into()),
        ..Default::default()
    };
    let a = analyzer.analyze(&doc).unwrap();
    let p = &a.provenance;
    assert_eq!(
        (p.outlet.as_ref().map(|o| o.id.as_str()), p.outlet_source),
        (Some("harborcity-ledger.co.uk"), Some(OutletSource::Domain))
    );
    assert!(a.profile.wire_based);
    // Without a URL the dateline's agency is the outlet, as before.
    let a = analyzer
        .analyze_text("WASHINGTON (Reuters) - The vote failed.")
        .unwrap();
    assert_eq!(a.provenance.outlet_source, Some(OutletSource::Dateline));
}
