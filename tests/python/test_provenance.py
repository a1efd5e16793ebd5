import pickle

import framelens as fl
import pytest
from conftest import ARTICLE

SEEDLIKE = (
    "Tehran, April 17, IRNA - Ties between the two capitals are growing.\n\n"
    "The council met twice.\n\n"
    "Source: Iran Daily (Tehran-based English language newspaper)\n\n\n"
    "Follow us on Twitter @IrnaEnglish"
)


def test_seedlike_provenance():
    a = fl.analyze(SEEDLIKE)
    p = a.provenance
    assert p.place.text == "Tehran"
    assert p.dateline["date"]["text"] == "April 17"
    assert p.dateline["agency"]["text"] == "IRNA"
    o = p.outlet
    assert (o.id, o.ownership, o.country, o.kind) == ("irna", "state", "IR", "agency")
    assert p.outlet_source == "dateline"
    assert p.source_lines[0]["name"]["text"] == "Iran Daily"
    assert p.syndication == ["irna", "iran_daily"]
    assert any("@IrnaEnglish" in b.text for b in p.boilerplate)
    for b in p.boilerplate:
        assert SEEDLIKE[b.start : b.end] == b.text
    prof = a.profile
    assert prof.state_affiliated and prof.wire_based and prof.syndicated


def test_resolution_from_url_and_name():
    a = fl.analyze("Short text.", url="https://m.nytimes.com/2020/01/01/us/x.html")
    assert a.provenance.outlet.id == "nyt" and a.provenance.outlet_source == "url"
    b = fl.analyze("Short text.", outlet="Guest Writer - Right", url="https://www.foxnews.com/x")
    assert b.provenance.author_label == "Guest Writer - Right"
    assert b.provenance.outlet.id == "fox_news"


def test_unknown_url_resolves_to_its_domain():
    a = fl.analyze("Short text.", url="https://news.velska-ledger.co.nz/2021/x")
    o = a.provenance.outlet
    assert a.provenance.outlet_source == "domain"
    assert (o.id, o.ownership, o.kind, o.country) == (
        "velska-ledger.co.nz",
        "unknown",
        "unknown",
        "ZZ",
    )
    reg = fl.Registry.default()
    assert reg.by_url("https://velska-ledger.co.nz") is None
    assert reg.outlet_for_url("https://velska-ledger.co.nz").id == "velska-ledger.co.nz"
    assert reg.outlet_for_url("https://www.apnews.com/a").id == "ap"
    assert reg.outlet_for_url("http://10.0.0.1/x") is None


def test_registry_api_and_custom_registry(tmp_path):
    reg = fl.Registry.default()
    assert len(reg) >= 300
    assert reg.by_url("https://en.irna.ir/news/1").id == "irna"
    assert reg.by_name("The Guardian").country == "GB"
    states = {o.country for o in reg.outlets() if o.ownership == "state"}
    assert len(states) >= 30
    mine = fl.Registry.from_toml_str(
        'outlet = [{ id = "harbor_daily", name = "Harbor Daily", domains = ["harbordaily.test"],'
        ' country = "NZ", ownership = "private", kind = "newspaper", note = "ours" }]'
    )
    both = reg.extend(mine)
    an = fl.Analyzer(registry=both)
    got = an.analyze("Text.", url="https://harbordaily.test/a").provenance.outlet
    assert got.id == "harbor_daily"
    back = pickle.loads(pickle.dumps(an))
    assert back.analyze("Text.", url="https://harbordaily.test/a").provenance.outlet == got
    assert pickle.loads(pickle.dumps(both)) == both
    with pytest.raises(fl.RegistryError, match="line 1: outlet `x` has country `xx`"):
        fl.Registry.from_toml_str(
            'outlet = [{ id = "x", name = "X", country = "xx", ownership = "state",'
            ' kind = "agency" }]'
        )


def test_provenance_pickles_and_dicts():
    p = fl.analyze(ARTICLE).provenance
    assert pickle.loads(pickle.dumps(p)) == p
    o = fl.Registry.default().get("irna")
    assert pickle.loads(pickle.dumps(o)) == o
    assert p.to_dict()["dateline"]["place"]["text"] == "Harbor City"
