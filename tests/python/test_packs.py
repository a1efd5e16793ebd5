"""The Russian and Arabic language packs (crates/framelens/data/ru, data/ar): scripts/check_pack.py
must pass on them, and must fail on the defects it is there to catch."""

import importlib.util
import shutil

import framelens as fl
import pytest
from conftest import ROOT

try:
    import tomllib
except ModuleNotFoundError:  # Python 3.10: the check needs tomli there
    tomllib = pytest.importorskip("tomli")

DATA = ROOT / "crates" / "framelens" / "data"
SPEC = importlib.util.spec_from_file_location("check_pack", ROOT / "scripts" / "check_pack.py")
assert SPEC is not None and SPEC.loader is not None
check_pack = importlib.util.module_from_spec(SPEC)
SPEC.loader.exec_module(check_pack)


def test_the_packs_pass_the_check(capsys):
    assert check_pack.main(["ru", "ar", "--min-loaded", "800"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("ru: ") and "\nar: " in out


@pytest.mark.parametrize("lang", ["ru", "ar"])
def test_every_lexicon_file_loads_with_notes(lang):
    """Each file parses with the project's loader; every entry has a note."""
    files = sorted((DATA / lang / "lexicon").glob("*.toml"))
    assert {f.name for f in files} >= {
        "report.toml",
        "naming.toml",
        "hedge.toml",
        "booster.toml",
        "factive.toml",
        "scare_quote.toml",
        "loaded_pejorative.toml",
        "loaded_evaluative.toml",
    }
    loaded = 0
    for f in files:
        entries = fl.Lexicon.from_toml(f).entries()
        assert entries, f
        assert all(e["note"].strip() for e in entries), f
        loaded += sum(e["category"] == "loaded" for e in entries)
    assert loaded >= 800


@pytest.mark.parametrize("lang", ["ru", "ar"])
def test_text_toml_has_the_english_keys(lang):
    en = tomllib.loads((DATA / "en" / "text.toml").read_text(encoding="utf-8"))
    pack = tomllib.loads((DATA / lang / "text.toml").read_text(encoding="utf-8"))
    for section, keys in en.items():
        assert set(keys) <= set(pack[section]), (lang, section)
    assert pack["dateline"]["agencies"]  # the wire agencies are listed by name


def test_the_issue_examples_are_in_the_packs():
    ru = (DATA / "ru" / "text.toml").read_text(encoding="utf-8")
    ar = (DATA / "ar" / "text.toml").read_text(encoding="utf-8")
    assert '"знакомый с ситуацией"' in ru and '"источник"' in ru
    assert all(f'"{a}"' in ru for a in ("тасс", "риа новости", "интерфакс"))
    assert '"مطلع"' in ar and '"مصدر"' in ar
    assert all(f'"{a}"' in ar for a in ("واس", "وفا", "قنا"))
    ru_naming = fl.Lexicon.from_toml(DATA / "ru" / "lexicon" / "naming.toml").entries()
    ar_naming = fl.Lexicon.from_toml(DATA / "ar" / "lexicon" / "naming.toml").entries()

    def group(entries, term):
        return next(e["subcategory"] for e in entries if term in [t["text"] for t in e["terms"]])

    assert group(ru_naming, "специальная военная операция") == group(ru_naming, "вторжение")
    assert group(ru_naming, "киевский режим") == group(ru_naming, "правительство украины")
    assert group(ar_naming, "كيان صهيوني") == group(ar_naming, "إسرائيل")
    assert group(ar_naming, "شهيد") == group(ar_naming, "قتيل")


def _copy_pack(tmp_path, lang="ru"):
    dst = tmp_path / lang
    shutil.copytree(DATA / lang, dst)
    return dst


def _edit(path, old, new):
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_the_check_fails_on_a_duplicate_term(tmp_path, capsys):
    pack = _copy_pack(tmp_path)
    _edit(
        pack / "lexicon" / "loaded_emotive.toml",
        '{ terms = ["ужас"], note',
        '{ terms = ["ужас", "позорный"], note',
    )
    assert check_pack.main(["--data", str(tmp_path), "ru"]) == 1
    assert "term `позорный` also in" in capsys.readouterr().err


def test_the_check_fails_on_an_entry_without_a_note(tmp_path, capsys):
    pack = _copy_pack(tmp_path, "ar")
    _edit(
        pack / "lexicon" / "loaded_evaluative.toml",
        ', note = "condemns as barbaric [own]" }',
        " }",
    )
    assert check_pack.main(["--data", str(tmp_path), "ar"]) == 1
    assert "(`همجي`): no note" in capsys.readouterr().err


def test_the_check_fails_on_a_missing_key_and_too_few_entries(tmp_path, capsys):
    pack = _copy_pack(tmp_path)
    _edit(pack / "text.toml", "window = 3\n", "")
    assert check_pack.main(["--data", str(tmp_path), "ru", "--min-loaded", "5000"]) == 1
    err = capsys.readouterr().err
    assert "no `negation.window`" in err
    assert "fewer than 5000" in err


def test_the_check_fails_on_two_russian_entries_with_one_stem(tmp_path, capsys):
    pytest.importorskip("snowballstemmer")
    pack = _copy_pack(tmp_path)
    _edit(
        pack / "lexicon" / "loaded_emotive.toml",
        '{ terms = ["ужас"], note',
        '{ terms = ["позорная"], id = "p2", note = "x" },\n  { terms = ["ужас"], note',
    )
    assert check_pack.main(["--data", str(tmp_path), "ru"]) == 1
    err = capsys.readouterr().err
    assert "has the stem of a term in" in err and "(`p2`)" in err


def _pack_lexicon(lang, names):
    lex = fl.Lexicon.from_toml(DATA / lang / "lexicon" / f"{names[0]}.toml")
    for name in names[1:]:
        lex = lex.extend(fl.Lexicon.from_toml(DATA / lang / "lexicon" / f"{name}.toml"))
    return lex


def test_dictionary_forms_match_with_todays_matcher():
    """Written sentences (fictional outlets) in dictionary forms: the pack entries fire through
    the current matcher; inflected and clitic forms wait for the language engines."""
    ru = _pack_lexicon("ru", ["loaded_evaluative", "hedge", "naming"])
    text = (
        "Вымышленная газета назвала позорный шаг провокация, и это, вероятно, так: "
        "специальная военная операция продолжается."
    )
    found = {(m.text, m.category) for m in fl.Analyzer(ru).analyze(text).markers}
    assert {
        ("позорный", "loaded"),
        ("провокация", "loaded"),
        ("вероятно", "hedge"),
        ("специальная военная операция", "naming"),
    } <= found
    ar = _pack_lexicon("ar", ["loaded_evaluative", "naming"])
    text = "قالت صحيفة الوادي المتخيلة إن الهجوم أسفر عن سقوط شهيد. وهذا اعتداء همجي."
    found = {(m.text, m.category) for m in fl.Analyzer(ar).analyze(text).markers}
    assert {("شهيد", "naming"), ("همجي", "loaded")} <= found
