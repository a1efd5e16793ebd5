//! Language packs: the text engine's per-language rules and the routing of documents to packs.
//! Sentences are written for these tests (fictional people and places).

use framelens::text::Prepared;
use framelens::{Analyzer, Document, Lexicon};

fn sentences<'a>(p: &'a Prepared<'_>) -> Vec<&'a str> {
    p.sentences
        .iter()
        .map(|s| &p.norm[s.start..s.end])
        .collect()
}

#[test]
fn arabic_sentences_end_without_a_capital() {
    let text = "قال الوزير إن المحادثات ستستمر. وأضاف أن الوفد سيصل غدا؟ ولم يعلق المكتب.";
    let en = Prepared::new(text);
    assert_eq!(en.sentences.len(), 1, "the English rules need a capital");
    let ar = Prepared::for_language(text, "ar").unwrap();
    assert_eq!(sentences(&ar).len(), 3, "{:?}", sentences(&ar));
}

#[test]
fn arabic_folding_keeps_the_offset_map() {
    // Alef with hamza, tatweel, a short vowel and Arabic-Indic digits.
    let text = "أعلنت الحكومـــة عن خُطة في ٢٠٢٥ بإشراف الوزير.";
    let p = Prepared::for_language(text, "ar").unwrap();
    assert!(
        p.norm.starts_with("اعلنت الحكومة عن خطة في 2025 باشراف"),
        "{}",
        p.norm
    );
    for (word, orig) in [("الحكومة", "الحكومـــة"), ("خطة", "خُطة"), ("2025", "٢٠٢٥")]
    {
        let s = p.norm.find(word).unwrap();
        let (a, b) = p.span(s, s + word.len());
        assert_eq!(&text[a..b], orig);
    }
}

#[test]
fn a_dialogue_dash_with_only_invisible_chars_after_it_is_no_speech() {
    // A soft hyphen or zero-width char after the dash is dropped from the normalized text,
    // leaving "- ": the speech would end before it starts. Analysed, not a panic.
    let ru = Analyzer::for_languages(&["ru"]).unwrap();
    for invisible in [
        "\u{ad}", "\u{200b}", "\u{200c}", "\u{200d}", "\u{2060}", "\u{feff}",
    ] {
        for dash in ["—", "-"] {
            let text = format!("— Режим лжёт, — сказал министр.\n{dash} {invisible}\n— Нет.");
            let analysis = ru.analyze_text(&text).unwrap();
            assert!(analysis.quotes.iter().all(|q| q.start <= q.end));
            ru.analyze_text(&format!("{dash} {invisible}\n")).unwrap();
        }
    }
}

#[test]
fn russian_folds_yo() {
    let p = Prepared::for_language("Ещё одна ёлка.", "ru").unwrap();
    assert_eq!(p.norm, "еще одна елка.");
}

/// The original text of every lexicon match in `p`, in order.
fn matched<'t>(matcher: &framelens::lexicon::Matcher, p: &Prepared, text: &'t str) -> Vec<&'t str> {
    let mut found = Vec::new();
    matcher.find_prepared(p, &mut found);
    found
        .iter()
        .map(|m| {
            let (a, b) = p.span(m.start, m.end);
            &text[a..b]
        })
        .collect()
}

/// The lexicon of TOML `src` with the script rules of language `code`, compiled.
fn pack_matcher(src: &str, code: &str) -> framelens::lexicon::Matcher {
    Lexicon::from_toml_str(src, "test.toml")
        .unwrap()
        .for_script_of(code)
        .unwrap()
        .compile()
        .unwrap()
}

/// The original text of every match of the lexicon `src` in `text`, read in language `code`.
fn matches_in<'t>(src: &str, code: &str, text: &'t str) -> Vec<&'t str> {
    let p = Prepared::for_language(text, code).unwrap();
    matched(&pack_matcher(src, code), &p, text)
}

#[test]
fn arabic_terms_match_after_clitics_and_in_any_spelling() {
    let src = "category = \"loaded\"\n[[entry]]\nid = \"catastrophe\"\nterms = [\"كارثة\"]\n\
               note = \"test\"\n[[entry]]\nid = \"entity\"\nterms = [\"الكيان\"]\nnote = \"test\"\n";
    let matcher = pack_matcher(src, "ar");
    let text = "وصف الكاتب ما جرى بالكارثة، وقال إن الكيـان تجاهلها. وكارثة أخرى.";
    let p = Prepared::for_language(text, "ar").unwrap();
    let got = matched(&matcher, &p, text);
    assert_eq!(got, ["كارثة", "الكيـان", "كارثة"]);
    // The English engine has no clitics: only the bare word at a word start matches.
    let mut plain = Vec::new();
    matcher.find_prepared(&Prepared::new(text), &mut plain);
    assert_eq!(plain.len(), 0);
}

#[test]
fn arabic_words_that_only_hold_a_term_are_not_its_forms() {
    // «كافة» ('all') is ك + «افة» of «آفة» ('scourge'); «ماكرون» (Macron) is «ماكر»
    // ('cunning') + ون; «البشرية» ('humanity') is «بشرى» ('good tidings') + ة: `not_term_words`
    // in `data/ar/script.toml`. The terms themselves still match.
    let analyzer = Analyzer::for_languages(&["ar"]).unwrap();
    let entries = |text: &str| -> Vec<String> {
        let a = analyzer
            .analyze_in(&Document::new(text), Some("ar"))
            .unwrap();
        a.markers.iter().map(|m| m.entry.to_string()).collect()
    };
    let got = entries("شاركت كافة الأطراف وقال ماكرون إن البشرية بخير.");
    for id in ["آفة", "ماكر", "بشرى"] {
        assert!(!got.iter().any(|e| e == id), "{id}: {got:?}");
    }
    let got = entries("إنها آفة خطيرة، وهو سياسي ماكر.");
    for id in ["آفة", "ماكر"] {
        assert!(got.iter().any(|e| e == id), "{id}: {got:?}");
    }
}

#[test]
fn every_not_term_words_entry_is_in_the_arabic_pack() {
    let script =
        framelens::pack::Script::from_toml_str(include_str!("../data/ar/script.toml"), "ar")
            .unwrap();
    let lexicon = Lexicon::for_language("ar").unwrap();
    for id in script.not_term_words.keys() {
        assert!(
            lexicon.entries().iter().any(|e| &*e.id == id.as_str()),
            "not_term_words names no entry `{id}`"
        );
    }
}

#[test]
fn arabic_terms_take_suffixes_and_inner_articles() {
    // A one-word term takes the plural, feminine and pronoun suffixes (taa marbuta becomes taa
    // before a pronoun and drops before a plural ending); a later word of a multiword term may
    // carry the article. One suffix only: `وحشيتهم` stacks two and is not found.
    let src = "category = \"loaded\"\n[[entry]]\nid = \"slap\"\n\
               terms = [\"صفعة\", \"وحشي\", \"عاصفة من انتقادات\", \"ضربة موجعة\", \"أناني\", \"مثير سخرية\"]\n\
               note = \"test\"\n";
    let text = "توالت الصفعات، وكانت صفعته الأولى مؤلمة. هجوم وحشية ووحشيون. \
                واجه عاصفة من الانتقادات، ثم الضربة الموجعة. صفعتين وحشيتهم. موقف أنانية مثير للسخرية.";
    let got = matches_in(src, "ar", text);
    assert_eq!(
        got,
        [
            "صفعات",
            "صفعته",
            "وحشية",
            "وحشيون",
            "عاصفة من الانتقادات",
            "ضربة الموجعة",
            "صفعتين",
            "أنانية",
            "مثير للسخرية"
        ]
    );
}

#[test]
fn arabic_terms_ending_in_hamza_take_pronouns_on_its_seats() {
    // Before a pronoun the hamza of a broken plural sits on yeh (genitive) or waw (nominative):
    // «أعداء» (enemies) is «أعدائه» and «أعداؤه» ('his enemies'); on the line it keeps every
    // suffix («أعداءه»). A word that only shares the letters is no form («أعدائي» takes «ي»).
    let src = "category = \"loaded\"\n[[entry]]\nid = \"enemies\"\nterms = [\"أعداء\"]\n\
               note = \"test\"\n";
    let text = "حذر من أعدائه، فأعداؤه كثر وإن أعداءه يتربصون. أعدائي هنا.";
    assert_eq!(matches_in(src, "ar", text), ["أعدائه", "أعداؤه", "أعداءه"]);
}

/// A Russian lexicon of one entry, «жестокий» (cruel).
const CRUEL: &str =
    "category = \"loaded\"\n[[entry]]\nid = \"cruel\"\nterms = [\"жестокий\"]\nnote = \"test\"\n";

#[test]
fn russian_stress_marks_do_not_hide_a_word() {
    // Acute and grave stress marks (U+0301, U+0300) are dropped from the text the matcher reads;
    // the match's span is the original word, marks included.
    let text = "Удар был жесто\u{301}ким, а слова — жесто\u{300}кими.";
    let got = matches_in(CRUEL, "ru", text);
    assert_eq!(got, ["жесто\u{301}ким", "жесто\u{300}кими"]);
}

#[test]
fn russian_terms_match_their_inflections() {
    let text = "Он назвал удар жестоким, а жестокие слова повторил дважды. Жестокость осудили.";
    let got = matches_in(CRUEL, "ru", text);
    assert_eq!(got, ["жестоким", "жестокие", "Жестокость"]);
}

#[test]
fn russian_nouns_with_a_fleeting_vowel_are_found_in_every_form() {
    // «подонок» and «прихвостень» lose their fleeting vowel in the other forms, which the stem
    // of the nominative singular does not begin; the pack lists the plural beside them.
    let analyzer = Analyzer::for_languages(&["ru"]).unwrap();
    let text = "Он назвал их подонками и прихвостнями, а одного подонка прогнали.";
    let a = analyzer.analyze_text(text).unwrap();
    let got: Vec<&str> = a
        .markers
        .iter()
        .filter(|m| m.category == framelens::Category::Loaded)
        .map(|m| m.text.as_str())
        .collect();
    assert_eq!(got, ["подонками", "прихвостнями", "подонка"]);
}

#[test]
fn a_prefix_guard_keeps_a_stem_off_other_words() {
    // A prefix term «подл*» also catches «подлинный»; the guard `подлинн*` keeps it off every
    // word that begins with «подлинн».
    let src = "category = \"loaded\"\n[[entry]]\nid = \"base\"\nterms = [\"подл*\"]\n\
               note = \"test\"\n";
    let text = "Документ подлинный, а поступок подлый. Подлинник нашли, подлость осудили.";
    assert_eq!(
        matches_in(src, "en", text),
        ["подлинный", "подлый", "Подлинник", "подлость"]
    );
    let guarded = src.replace("terms =", "exclude = [\"подлинн*\"]\nterms =");
    assert_eq!(matches_in(&guarded, "en", text), ["подлый", "подлость"]);
    // The Russian pack's `not_stem_forms` guard the stems of a lexicon read with its script.
    let written = src.replace("подл*", "подлый");
    assert_eq!(matches_in(&written, "ru", text), ["подлый", "подлость"]);
}

#[test]
fn the_russian_pack_keeps_stems_off_unrelated_words() {
    // Each of these begins with the stem of a Russian pack entry (подлый, провал, долг, плата,
    // банда, псевдо) and is none of its forms: `not_stem_forms` in `data/ru/script.toml`.
    let analyzer = Analyzer::for_languages(&["ru"]).unwrap();
    let words = [
        "подлежит",
        "Подлодка",
        "Провайдер",
        "Долгота",
        "Платформа",
        "бандероль",
        "псевдонимом",
    ];
    let text = "Вопрос не подлежит обсуждению. Подлодка вышла в море. Провайдер отключил связь. \
                Долгота и широта. Платформа работает. Пришла бандероль. Он писал под псевдонимом.";
    let a = analyzer.analyze_text(text).unwrap();
    let got: Vec<&str> = a.markers.iter().map(|m| m.text.as_str()).collect();
    assert!(got.iter().all(|m| !words.contains(m)), "{got:?}");
    // «так называемые» ('so-called') reports nobody's words: no attribution.
    let a = analyzer
        .analyze_text("Так называемые «освободители» вошли в город.")
        .unwrap();
    assert!(a.attributions.is_empty(), "{:?}", a.attributions);
    // A form of another word equal to a stem («прибыл», 'arrived', and «прибыль», 'profit')
    // is guarded as a whole word, so the stem's own forms still match.
    let a = analyzer
        .analyze_text("Делегация прибыла, министр прибыл. Прибыль выросла.")
        .unwrap();
    let got: Vec<&str> = a.markers.iter().map(|m| m.text.as_str()).collect();
    assert!(
        !got.contains(&"прибыла") && !got.contains(&"прибыл"),
        "{got:?}"
    );
    assert!(got.contains(&"Прибыль"), "{got:?}");
    // Entries whose sense is one form of a word guard the others: the hedge «говорят»
    // ('they say') is not «он говорит»; the booster «прямо» is not the adjective «прямой».
    let a = analyzer
        .analyze_text(
            "Он говорит, что это прямой эфир. Говорят, наверняка будет дождь. Всё в порядке, \
             штат Колорадо прислал доказательства в указанных документах.",
        )
        .unwrap();
    let got: Vec<(&str, String)> = a
        .markers
        .iter()
        .map(|m| (m.text.as_str(), m.entry.to_string()))
        .collect();
    for (word, entry) in [
        ("говорит", "говорят"),
        ("прямой", "прямо"),
        ("наверняка", "наверное"),
        ("порядке", "порядка"),
        ("Колорадо", "колорад"),
        ("доказательства", "доказать"),
        ("указанных", "указать"),
    ] {
        assert!(
            !got.iter().any(|(t, e)| *t == word && e == entry),
            "{word} as {entry}: {got:?}"
        );
    }
    assert!(got.iter().any(|(t, _)| *t == "Говорят"), "{got:?}");
    // Their forms still match.
    let text = "Подлость и провалы, долги и бандиты.";
    let a = analyzer.analyze_text(text).unwrap();
    let got: Vec<&str> = a.markers.iter().map(|m| m.text.as_str()).collect();
    for word in ["Подлость", "провалы", "долги", "бандиты"] {
        assert!(got.contains(&word), "{word}: {got:?}");
    }
}

#[test]
fn russian_context_words_match_in_any_form() {
    // `requires` words match by stem too: «санкция» is found as «санкций».
    let src = "category = \"loaded\"\n[[entry]]\nid = \"storm\"\nterms = [\"буря\"]\n\
               requires = [\"санкция\"]\nnote = \"test\"\n";
    let text = "Поднялась буря новых санкций. Ночью над морем была буря.";
    assert_eq!(matches_in(src, "ru", text), ["буря"]);
    let with_star = src.replace("санкция", "санкц*");
    assert_eq!(matches_in(&with_star, "en", "A буря of санкций."), ["буря"]);
}

#[test]
fn russian_multiword_terms_decline() {
    // Adjectives agree with each other and take every case; the last word matches by stem; a
    // word that is no adjective stays as written.
    let src = "category = \"loaded\"\n[[entry]]\nid = \"double\"\n\
               terms = [\"двойные стандарты\", \"мировая закулиса\", \"киевский режим\", \"фабрика троллей\"]\n\
               note = \"test\"\n";
    let text = "Это политика двойных стандартов. Двойные стандарты видны всем. Речь шла о мировой \
                закулисе, о киевском режиме и о фабрике троллей; фабрика троллей работала.";
    let got = matches_in(src, "ru", text);
    assert_eq!(
        got,
        [
            "двойных стандартов",
            "Двойные стандарты",
            "мировой закулисе",
            "киевском режиме",
            "фабрика троллей"
        ]
    );
    // Where only the last word is an adjective, it alone declines.
    let src = "category = \"scare_quote\"\n[[entry]]\nid = \"so_called\"\n\
               terms = [\"так называемый\"]\nnote = \"test\"\n";
    let text = "Так называемая оппозиция и так называемых выборов не было.";
    assert_eq!(
        matches_in(src, "ru", text),
        ["Так называемая", "так называемых"]
    );
}

#[test]
fn documents_are_routed_to_their_language() {
    let analyzer = Analyzer::for_languages(&["en", "ru", "ar"]).unwrap();
    let docs = [
        Document::new("The minister said the talks would resume on Thursday in Norvale."),
        Document::new("Министр заявил, что переговоры возобновятся в четверг в Норвейле."),
        Document::new("قال الوزير إن المحادثات ستستأنف يوم الخميس في نورفيل."),
    ];
    let langs: Vec<String> = analyzer
        .analyze_batch(&docs)
        .into_iter()
        .map(|r| r.unwrap().language)
        .collect();
    assert_eq!(langs, ["en", "ru", "ar"]);
    // Forcing a language overrides detection; a language not loaded is an error naming it.
    let forced = analyzer.analyze_in(&docs[0], Some("ru")).unwrap();
    assert_eq!(forced.language, "ru");
    let err = Analyzer::for_languages(&["en"])
        .unwrap()
        .analyze_in(&docs[1], Some("ru"))
        .unwrap_err();
    assert!(err.to_string().contains("`ru` is not loaded"), "{err}");
    // One language loaded: no detection, every text is read in it.
    let en = Analyzer::new().unwrap();
    assert_eq!(en.analyze(&docs[2]).unwrap().language, "en");
}

#[test]
fn english_pack_is_the_default_lexicon() {
    assert_eq!(
        Lexicon::for_language("en").unwrap(),
        Lexicon::default_english().unwrap()
    );
    assert!(Lexicon::for_language("xx")
        .unwrap_err()
        .to_string()
        .contains("no language pack `xx`"));
}

/// The texts of an analysis's scare-quote markers, in order.
fn scare_quotes(analysis: &framelens::Analysis) -> Vec<String> {
    analysis
        .markers
        .iter()
        .filter(|m| m.category == framelens::Category::ScareQuote)
        .map(|m| m.text.to_string())
        .collect()
}

#[test]
fn russian_names_in_quotation_marks_are_no_scare_quotes() {
    // Russian quotes names in sentence case («Вестпром», «Ночной ветер»); a scare quote is in
    // lowercase. Speech after a colon or «что» keeps its capital and stays speech.
    let analyzer = Analyzer::for_languages(&["ru"]).unwrap();
    let analyze = |text: &str| {
        analyzer
            .analyze_in(&Document::new(text), Some("ru"))
            .unwrap()
    };
    let scare = |text: &str| scare_quotes(&analyze(text));
    assert_eq!(
        scare("Он работает в «Вестпроме», а комплексы «Ночной ветер» стоят у реки."),
        Vec::<String>::new()
    );
    assert_eq!(
        scare("Так пришли эти «освободители» в город."),
        ["«освободители»"]
    );
    // At a sentence start, a name is followed by a lowercase word.
    assert_eq!(
        scare("«Вестпром» сократил поставки. «Ночной ветер», «Гроза» и «Сталь» стоят рядом."),
        Vec::<String>::new()
    );
    let a = analyze("Министр Арвид Кель заявил: «Мы не отступим».");
    let x = a
        .attributions
        .iter()
        .find(|x| x.cue.text == "заявил")
        .unwrap();
    assert_eq!(
        x.content.as_ref().map(|c| c.text.as_str()),
        Some("Мы не отступим")
    );
    let a = analyze("Министр заявил, что «Вестпром сдержит слово».");
    let x = a
        .attributions
        .iter()
        .find(|x| x.cue.text == "заявил")
        .unwrap();
    assert!(x
        .content
        .as_ref()
        .unwrap()
        .text
        .contains("Вестпром сдержит слово"));
}

#[test]
fn names_after_a_name_noun_are_no_scare_quotes() {
    // Arabic has no capitals: a quoted name is told by the noun before it («صحيفة "الفجر"»,
    // with a clitic: «لحزب "الأمل"»); a quotation after other words, or after a noun whose
    // quoted complement is often the writer's distancing («العملية "السلمية"»), stays one.
    let scare = |language: &str, text: &str| {
        let analyzer = Analyzer::for_languages(&[language]).unwrap();
        scare_quotes(
            &analyzer
                .analyze_in(&Document::new(text), Some(language))
                .unwrap(),
        )
    };
    assert_eq!(
        scare(
            "ar",
            "نشرت صحيفة \"الفجر\" تقريرا عن مصنع \"النور\" في المدينة."
        ),
        Vec::<String>::new()
    );
    assert_eq!(
        scare("ar", "وقدم الدعم لحزب «الأمل الجديد» قبل الانتخابات."),
        Vec::<String>::new()
    );
    assert_eq!(
        scare(
            "ar",
            "وصلت قوات \"التحرير\" إلى البلدة بعد أن تعثرت العملية \"السلمية\"."
        ),
        ["\"التحرير\"", "\"السلمية\""]
    );
    // Up to two adjectives of nationality or kind may stand between the noun and the name;
    // other words between them, or a third adjective, do not.
    assert_eq!(
        scare(
            "ar",
            "ونقلت الصحيفة الأمريكية \"الرائد\" عن المنظمة الحقوقية الدولية \"شهود\" أن \
             السجناء بخير."
        ),
        Vec::<String>::new()
    );
    assert_eq!(
        scare(
            "ar",
            "ونقلت الصحيفة الكبيرة \"الرائد\" عن المنظمة الحقوقية الدولية الأوروبية \"شهود\" \
             ما جرى."
        ),
        ["\"الرائد\"", "\"شهود\""]
    );
    // A cased script needs the capital as well: a lowercase quotation after the noun is the
    // writer's distancing.
    assert_eq!(
        scare(
            "en",
            "The newspaper \"Ledger\" ran the story, and the tanker \"Orion\" sailed."
        ),
        Vec::<String>::new()
    );
    assert_eq!(
        scare(
            "en",
            "The group \"experts\" met the council's \"Reformers\" on Tuesday."
        ),
        ["\"experts\"", "\"Reformers\""]
    );
}

#[test]
fn russian_dialogue_dashes_open_direct_speech() {
    let analyzer = Analyzer::for_languages(&["ru"]).unwrap();
    let analyze = |text: &str| {
        analyzer
            .analyze_in(&Document::new(text), Some("ru"))
            .unwrap()
    };
    // The speech runs to ", —", the author's words name the speaker after the cue, and ". —"
    // resumes the same quotation.
    let text = "— Мы не отступим, — заявил министр обороны Арвид Кель. — Это наш долг.";
    let a = analyze(text);
    assert_eq!(a.quotes.len(), 2, "{:?}", a.quotes);
    let x = a
        .attributions
        .iter()
        .find(|x| x.cue.text == "заявил")
        .expect("an attribution");
    assert_eq!(x.kind, framelens::AttributionKind::Direct);
    assert_eq!(
        x.speaker.as_ref().map(|s| s.text.as_str()),
        Some("министр обороны Арвид Кель")
    );
    let content = x.content.as_ref().expect("content");
    assert!(content.text.starts_with("Мы не отступим") && content.text.ends_with("наш долг."));
    // Quotation marks before the dash: the same order of speaker and cue.
    let a = analyze("«Мы готовы к диалогу», — сказал посол.");
    let x = &a.attributions[0];
    assert_eq!(
        (
            x.cue.text.as_str(),
            x.speaker.as_ref().map(|s| s.text.as_str())
        ),
        ("сказал", Some("посол"))
    );
    // A bare role noun after the cue is the speaker: a journalist, an eyewitness.
    for (text, speaker) in [
        ("— Почему? — спросил журналист.", "журналист"),
        ("— Было страшно, — рассказал очевидец.", "очевидец"),
    ] {
        let a = analyze(text);
        let x = a.attributions.first().expect(text);
        assert_eq!(x.speaker.as_ref().map(|s| s.text.as_str()), Some(speaker));
        assert_eq!(x.speaker_type, Some(framelens::SpeakerType::Role));
    }
    // A short line of dialogue with no speaker is no scare quote.
    let a = analyze("— Нет.\nЗал молчал.");
    assert_eq!(a.quotes.len(), 1);
    assert!(a
        .markers
        .iter()
        .all(|m| m.category != framelens::Category::ScareQuote));
    // English does not read a dash at a paragraph's start as speech (a list item).
    let en = Analyzer::new().unwrap();
    let a = en.analyze_text("- The council met on Tuesday.").unwrap();
    assert!(a.quotes.is_empty());
}
