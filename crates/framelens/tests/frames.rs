//! Policy-frame cues in context: guards keep fixed phrases out of the frames their words name,
//! required context keeps generic words quiet alone, and the generic news frames are a second,
//! separate frame set. One line per case, so a failure names its case.

use framelens::{Analyzer, Category};

/// The (frame, marker text) pairs of `category` found in `text`.
fn cues(text: &str, category: Category) -> Vec<(String, String)> {
    let analysis = Analyzer::new().unwrap().analyze_text(text).unwrap();
    analysis
        .markers
        .iter()
        .filter(|m| m.category == category)
        .map(|m| {
            (
                m.subcategory.map(|s| s.to_string()).unwrap_or_default(),
                m.text.to_lowercase().to_string(),
            )
        })
        .collect()
}

fn has(text: &str, frame: &str, cue: &str) -> bool {
    cues(text, Category::Frame)
        .iter()
        .any(|(f, t)| f == frame && t == cue)
}

fn has_frame(text: &str, frame: &str) -> bool {
    cues(text, Category::Frame).iter().any(|(f, _)| f == frame)
}

/// A case: its name, a text, a frame, a cue, and whether that cue of that frame is found.
type Case<'a> = (&'a str, &'a str, &'a str, &'a str, bool);

/// Checks every case, and names each that fails.
fn check_cases(cases: &[Case<'_>]) {
    let mut failures = Vec::new();
    for &(case, text, frame, cue, expected) in cases {
        if has(text, frame, cue) != expected {
            failures.push(format!(
                "{case}: expected {frame}/{cue} {expected}; found {:?}",
                cues(text, Category::Frame)
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn guards_and_required_context() {
    // (case, text, frame, cue, expected)
    let cases: &[Case<'_>] = &[
        (
            "white house is no chamber",
            "The White House said on Monday it would wait.",
            "political",
            "house",
            false,
        ),
        (
            "the house as a chamber",
            "The measure passed the House by a wide majority.",
            "political",
            "house",
            true,
        ),
        (
            "justice department is legality",
            "The Justice Department opened an inquiry.",
            "legality",
            "justice department",
            true,
        ),
        (
            "justice department is not fairness",
            "The Justice Department opened an inquiry.",
            "fairness_and_equality",
            "justice",
            false,
        ),
        (
            "obstruction of justice is crime",
            "He was charged with obstruction of justice.",
            "crime_and_punishment",
            "obstruction of justice",
            true,
        ),
        (
            "obstruction of justice is not fairness",
            "He was charged with obstruction of justice.",
            "fairness_and_equality",
            "justice",
            false,
        ),
        (
            // Judged wrong in most ABP contexts (tests/data/abp_frame_term_contexts2.tsv): in news
            // "justice" is mostly the legal system or punishment, not fairness.
            "justice is no fairness cue",
            "The families asked for justice and an apology.",
            "fairness_and_equality",
            "justice",
            false,
        ),
        (
            "the court of the supreme court stays legality",
            "The Supreme Court heard the case.",
            "legality",
            "court",
            true,
        ),
        (
            "history alone is no identity",
            "The history of the dispute is long.",
            "cultural_identity",
            "history",
            false,
        ),
        (
            // "history" is mostly a record or a past event in ABP, not heritage.
            "history is no cultural cue",
            "The festival celebrates the history of the Velorian people.",
            "cultural_identity",
            "history",
            false,
        ),
        (
            "should be alone is no prescription",
            "The weather should be better tomorrow.",
            "policy_prescription",
            "should be",
            false,
        ),
        (
            // "should be" prescribed a policy in fewer than half of its ABP contexts.
            "should be is no policy cue",
            "Fuel should be taxed more heavily by the government.",
            "policy_prescription",
            "should be",
            false,
        ),
        (
            "a grammatical sentence",
            "The last sentence of the letter was unclear.",
            "crime_and_punishment",
            "sentence",
            false,
        ),
        (
            "a prison sentence",
            "She received a sentence of five years in prison.",
            "crime_and_punishment",
            "sentence",
            true,
        ),
        (
            "heart attack is no security",
            "He died of a heart attack on Sunday.",
            "security_and_defense",
            "attack",
            false,
        ),
        (
            "social security is no defense",
            "Social security payments rose.",
            "security_and_defense",
            "security",
            false,
        ),
        (
            "a bill before a legislature",
            "The senate passed the bill on Tuesday.",
            "policy_prescription",
            "bill",
            true,
        ),
        (
            "a bill to pay",
            "The restaurant bill came to forty crowns.",
            "policy_prescription",
            "bill",
            false,
        ),
        (
            "a title names a person",
            "Talks went on, and President Varn will visit Ostria.",
            "political",
            "president",
            false,
        ),
        (
            "a lowercase title without politics",
            "The former president spoke about trade at the fair.",
            "political",
            "president",
            false,
        ),
        (
            // Judged wrong in most ABP contexts (tests/data/abp_frame_term_contexts.tsv): an
            // officeholder's title names a person; the campaign carries the frame.
            "a title in an election sentence is no cue",
            "The president's re-election campaign opened in Brelford.",
            "political",
            "president",
            false,
        ),
        (
            "a party name stays",
            "The Republican nominee spoke in Brelford.",
            "political",
            "republican",
            true,
        ),
        (
            "power lines are no politics",
            "Snow brought down power lines across Brelford.",
            "political",
            "power",
            false,
        ),
        (
            "a department name is no policy",
            "He worked at the Department of Housing in Brelford.",
            "policy_prescription",
            "department",
            false,
        ),
        (
            "government alone is no policy",
            "The government cannot detain them indefinitely.",
            "policy_prescription",
            "government",
            false,
        ),
        (
            // "government" names an actor in most ABP contexts; the reform carries the frame.
            "government with a policy is no cue",
            "The government announced a reform of the pension program.",
            "policy_prescription",
            "government",
            false,
        ),
        (
            "a company name is not external",
            "The firm Kestrel Logistics International won the contract.",
            "external_regulation_and_reputation",
            "international",
            false,
        ),
        (
            "international with diplomacy",
            "The international talks ended in a bilateral treaty.",
            "external_regulation_and_reputation",
            "international",
            true,
        ),
        (
            "deaths in a war are no health",
            "More than 400 people have died in the conflict.",
            "health_and_safety",
            "died",
            false,
        ),
        (
            "deaths in an outbreak are health",
            "Forty people have died in the outbreak.",
            "health_and_safety",
            "died",
            true,
        ),
        (
            "a political attack is no security",
            "The latest Republican attack on the plan is simple.",
            "security_and_defense",
            "attack",
            false,
        ),
        (
            "attorney general is a title",
            "Attorney General Mara Senn said she would wait.",
            "legality",
            "attorney",
            false,
        ),
        (
            "the rules of a forum are no law",
            "Posts about the rules of the forum were jokes.",
            "legality",
            "rules",
            false,
        ),
        (
            "rules under a law",
            "The new law rules out such appeals.",
            "legality",
            "appeals",
            true,
        ),
        (
            "a pope as a person",
            "The magazine chose a pope as its person of the year.",
            "morality",
            "pope",
            false,
        ),
        (
            "a generation later is time",
            "A generation later, the state votes the other way.",
            "cultural_identity",
            "generation",
            false,
        ),
        (
            "an immigration agency is no identity",
            "She runs the Citizenship and Immigration Services office.",
            "cultural_identity",
            "immigration",
            false,
        ),
        (
            "immigration and identity",
            "The debate over immigration turned on national identity.",
            "cultural_identity",
            "immigration",
            true,
        ),
        (
            "polling places are no opinion",
            "Close contact at polling places could spread the virus.",
            "public_opinion",
            "polling",
            false,
        ),
        (
            "a public text is no opinion",
            "The text of the contract is not public.",
            "public_opinion",
            "public",
            false,
        ),
        (
            "campaign strategy is no policy",
            "The candidate gave a talk about campaign strategy.",
            "policy_prescription",
            "strategy",
            false,
        ),
        (
            "a trade war is no security",
            "The trade war hurt farmers in Ostria.",
            "security_and_defense",
            "war",
            false,
        ),
    ];
    check_cases(cases);
}

#[test]
fn a_cue_inside_a_proper_name_is_no_marker() {
    // (case, text, frame, cue, expected)
    let cases: &[Case<'_>] = &[
        (
            "company name",
            "Vessmark Entertainment CEO Ilo Parrin advised the president.",
            "cultural_identity",
            "entertainment",
            false,
        ),
        (
            "committee in a title",
            "Pellam, the top Democrat on the House Intelligence Committee, said so.",
            "political",
            "house",
            false,
        ),
        (
            "agency joined by of",
            "The Department of Health and Human Services issued rules on coverage.",
            "health_and_safety",
            "health",
            false,
        ),
        (
            "office joined by of",
            "He met the Minister of National Defence on Wednesday.",
            "security_and_defense",
            "defence",
            false,
        ),
        (
            "a court is named by its head word",
            "The Pennsylvania Supreme Court struck down the map.",
            "legality",
            "court",
            true,
        ),
        (
            "two capitalized words are no name",
            "Key Senate Republicans opposed the deal.",
            "political",
            "republicans",
            true,
        ),
        (
            "lowercase cue",
            "Vessmark Entertainment said health care costs rose.",
            "health_and_safety",
            "health care",
            true,
        ),
        (
            "title-case headline",
            "Varn Blasts Democrats Over Health Care Bill In Fiery Speech",
            "health_and_safety",
            "health care",
            true,
        ),
        (
            "a comma ends the name",
            "Officials from Ohio, Health officials said, met on Monday.",
            "health_and_safety",
            "health",
            true,
        ),
    ];
    check_cases(cases);
}

#[test]
fn no_frame_from_the_white_house_alone() {
    assert!(!has_frame(
        "The White House declined to comment.",
        "political"
    ));
}

#[test]
fn generic_frames_are_their_own_category() {
    let text = "Critics clashed with the mayor over the costs, and the 70-year-old farmer wept \
                as she told her family's story; a solution is needed.";
    let found: Vec<String> = cues(text, Category::GenericFrame)
        .into_iter()
        .map(|(f, _)| f)
        .collect();
    for frame in [
        "conflict",
        "economic_consequences",
        "human_interest",
        "resolution",
    ] {
        assert!(found.iter().any(|f| f == frame), "{frame}: {found:?}");
    }
}

#[test]
fn either_frame_set_can_be_left_out() {
    let text = "Critics clashed with the court over the new tariffs.";
    let lexicon = framelens::Lexicon::default_english().unwrap();
    for (left_out, kept) in [
        (Category::GenericFrame, Category::Frame),
        (Category::Frame, Category::GenericFrame),
    ] {
        let analyzer = Analyzer::with_lexicon(&lexicon.without_categories(&[left_out])).unwrap();
        let a = analyzer.analyze_text(text).unwrap();
        assert!(
            a.markers.iter().all(|m| m.category != left_out),
            "{left_out}"
        );
        assert!(a.markers.iter().any(|m| m.category == kept), "{kept}");
    }
}

#[test]
fn no_frame_entry_is_its_own_context() {
    // A `requires` word that is also one of the entry's terms would let the bare word satisfy
    // its own condition.
    let lexicon = framelens::Lexicon::default_english().unwrap();
    for e in lexicon.entries() {
        if e.category != Category::Frame {
            continue;
        }
        for t in &e.terms {
            assert!(
                !e.requires.iter().any(|r| r == &t.text),
                "entry `{}` requires its own term `{}`",
                e.id,
                t.text
            );
        }
    }
}
