"""The article view (framelens.render): layers, stacked underlines, labels, escaping, the page."""

import re
from html import unescape

import framelens as fl
import pytest
from conftest import ARTICLE, EXAMPLES
from framelens.view import CATEGORY_COLORS, OKABE_ITO, palette

HOSTILE = (
    "VELSKA — The regime's <script>alert('x')</script> reckless plan & "
    '<img src=x onerror="alert(2)"> was, officials said, "a witch hunt".'
)


def labels(html: str) -> list[str]:
    """The small-caps labels drawn beside the spans, in order."""
    return re.findall(
        r'<span class="fl-tag[^"]*"[^>]*><span class="fl-sw"[^>]*></span>([^<]*)', html
    )


def visible_text(html: str) -> str:
    """The body's text without its labels: the article as written."""
    body = html.split('<div class="fl-body">', 1)[1]
    body = re.sub(
        r'<span class="fl-tag[^"]*"[^>]*><span class="fl-sw"[^>]*></span>[^<]*</span>', "", body
    )
    return unescape(re.sub(r"<[^>]+>", "", body))


def test_article_text_is_escaped_everywhere():
    html = fl.render(fl.analyze(HOSTILE)).html
    assert "<script>" not in html and "<img" not in html
    assert "&lt;script&gt;" in html and "&lt;/script&gt;" in html
    assert "onerror=" in html and visible_text(html) == fl.analyze(HOSTILE).text


def test_every_marker_is_drawn_even_when_markers_overlap():
    a = fl.analyze(ARTICLE)
    html = fl.render(a).html
    got = labels(html)
    for cat in {m.category for m in a.markers}:
        assert got.count(cat) == sum(m.category == cat for m in a.markers), cat
    # The seed-like article has overlapping markers: they get different underline depths.
    spans = sorted((m.start, m.end) for m in a.markers)
    overlapping = any(s2 < e1 for (s1, e1), (s2, _) in zip(spans, spans[1:], strict=False))
    assert overlapping
    assert "calc(100% - 4px)" in html  # a second, stacked underline


def test_text_survives_whole():
    a = fl.analyze(ARTICLE)
    html = fl.render(a).html
    assert visible_text(html) == a.text


def test_tooltips_name_the_entry_and_its_note():
    a = fl.analyze("Officials baselessly accused the mayor.")
    html = fl.render(a).html
    assert "entry baseless" in html and "declares a claim to have no basis" in html


def test_tooltips_show_the_notes_of_the_lexicon_given_each_time():
    # The notes were cached by the lexicon's id(): a lexicon made after the last one was freed
    # often got its address, and its view showed the old lexicon's notes (29 times in 30).
    def lexicon(note: str) -> fl.Lexicon:
        return fl.Lexicon.from_toml_str(
            f'[[entry]]\nid = "x"\ncategory = "loaded"\nterms = ["fiasco"]\nnote = "{note}"\n'
        )

    a = fl.Analyzer(lexicon=lexicon("first")).analyze("The launch was a fiasco.")
    for i in range(10):
        assert f"draft {i}" in fl.render(a, lexicon=lexicon(f"draft {i}")).html


def test_frames_start_hidden_and_other_layers_on():
    html = fl.render(fl.analyze(ARTICLE)).html
    toggles = dict(re.findall(r'aria-label="([^"]+)"( checked)?>', html))
    assert toggles["frame"] == "" and toggles["loaded"] == " checked"
    for layer in ("quotes", "speakers", "reporting cues", "dateline", "boilerplate"):
        assert toggles[layer] == " checked", layer
    shown = fl.render(fl.analyze(ARTICLE), hidden=[]).html
    assert ' aria-label="frame" checked' in shown


def test_categories_filter_and_unknown_names_are_errors():
    a = fl.analyze(ARTICLE)
    html = fl.render(a, categories=["loaded"]).html
    assert set(labels(html)) <= {"loaded", "dateline", "byline", "source"} | {
        x for x in labels(html) if x.startswith("— ")
    }
    with pytest.raises(ValueError, match="unknown categories"):
        fl.render(a, categories=["nope"])
    with pytest.raises(ValueError, match="unknown layers"):
        fl.render(a, hidden=["nope"])
    with pytest.raises(TypeError, match="expected an Analysis"):
        fl.render("text")  # type: ignore[arg-type]


def test_quotations_name_their_speaker_and_cues_link_to_speakers():
    a = fl.analyze('The envoy said, "Every time we met, it was a step forward."')
    html = fl.render(a).html
    assert "— The envoy" in html or "— envoy" in html
    assert "fl-a0-c" in html and "fl-a0-s" in html
    assert ":has(.fl-a0-c:hover) .fl-a0-s" in html


def test_provenance_card_and_layers():
    text = (EXAMPLES[0]).read_text(encoding="utf-8")
    a = fl.analyze(text, outlet="Meridian Wire")
    html = fl.render(a).html
    assert 'class="fl-card"' in html
    if a.provenance.dateline:
        assert "dateline" in labels(html)


def test_palette_is_colour_blind_safe_and_data_driven():
    cats = [*fl.CATEGORIES, "user_frame", "new_one", "another"]
    colors = palette(cats)
    assert set(colors) == set(cats)
    for c in fl.CATEGORIES:
        assert colors[c] == CATEGORY_COLORS[c]
    assert colors["generic_frame"] == colors["user_frame"] == colors["frame"]
    assert colors["new_one"] in OKABE_ITO and colors["new_one"] not in CATEGORY_COLORS.values()
    # No two shipped categories share a colour (loaded and scare_quote were both pink), apart
    # from the two frame sets, grey and hidden at first.
    shipped = [colors[c] for c in fl.CATEGORIES if c != "generic_frame"]
    assert len(set(shipped)) == len(shipped)


def test_write_a_standalone_page(tmp_path):
    path = tmp_path / "page.html"
    view = fl.render(fl.analyze(HOSTILE), file=path)
    page = path.read_text(encoding="utf-8")
    assert page.startswith("<!DOCTYPE html>") and view.html in page
    assert "<script" not in page and "http" not in page.split("<body", 1)[1].split("fl-card")[0]
    assert not [p for p in tmp_path.iterdir() if p.name != "page.html"]
    with pytest.raises(OSError):
        fl.render(fl.analyze("x"), file=tmp_path / "missing" / "page.html")
    assert not list((tmp_path).glob(".*framelens-tmp"))


def test_view_shows_itself_in_notebooks():
    view = fl.render(fl.analyze("The regime lied."))
    assert view._repr_html_() == view.html and "ArticleView" in repr(view)


def test_card_names_outlet_agency_and_syndication():
    a = fl.analyze("LONDON, May 4 (Reuters) - The talks went on, officials said.")
    card = fl.render(a).html.split('<div class="fl-card">', 1)[1].split("</div>", 1)[0]
    for expected in ("Reuters (GB, private)", "agencies</span> Reuters", "syndication"):
        assert expected in card, expected
