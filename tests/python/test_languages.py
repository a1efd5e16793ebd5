"""Language packs from Python: detection, forcing, limiting and pickling (sentences ours)."""

import pickle

import framelens as fl
import pytest

EN = "The minister said the talks would resume on Thursday in Norvale."
RU = "Министр заявил, что переговоры возобновятся в четверг в Норвейле."
AR = "قال الوزير إن المحادثات ستستأنف يوم الخميس في نورفيل."


def test_the_language_is_detected_or_forced() -> None:
    assert [fl.analyze(t).language for t in (EN, RU, AR)] == ["en", "ru", "ar"]
    assert fl.analyze(EN, language="ru").language == "ru"
    assert fl.default_analyzer().detect_language(AR) == "ar"


def test_a_mixed_batch_reads_each_document_with_its_pack() -> None:
    out = fl.analyze_batch([RU, EN, AR])
    assert [a.language for a in out] == ["ru", "en", "ar"]
    assert '"language":"ru"' in out[0].to_json()


def test_languages_limit_the_packs_loaded() -> None:
    analyzer = fl.Analyzer(languages=["en", "ar"])
    assert analyzer.languages == ["en", "ar"]
    # Cyrillic has no loaded pack: the default (first) reads it.
    assert analyzer.analyze(RU).language == "en"
    with pytest.raises(fl.FramelensError, match="`ru` is not loaded"):
        analyzer.analyze(RU, language="ru")
    with pytest.raises(fl.FramelensError, match="no language pack `xx`"):
        fl.Analyzer(languages=["xx"])
    again = pickle.loads(pickle.dumps(analyzer))
    assert again.languages == ["en", "ar"]


def test_a_lexicon_of_ones_own_is_read_as_english() -> None:
    mine = fl.Lexicon.from_toml_str(
        'category = "loaded"\n[[entry]]\nterms = ["dire"]\nnote = "ours"\n'
    )
    analyzer = fl.Analyzer(lexicon=mine)
    assert analyzer.languages == ["en"]
    assert analyzer.analyze(RU).language == "en"
    with pytest.raises(fl.FramelensError, match="not both"):
        fl.Analyzer(lexicon=mine, languages=["ru"])


def test_an_analyzer_gives_the_lexicon_of_its_default_language():
    russian = fl.Analyzer(languages=["ru"])
    fired = {m.entry for m in russian.analyze("Это наглая ложь.").markers}
    ids = {e["id"] for e in russian.lexicon.entries()}
    assert fired and fired <= ids
    assert fl.Analyzer(languages=["en", "ru"]).lexicon == fl.Lexicon.default()
