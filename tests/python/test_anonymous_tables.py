"""The published labels of ABP speakers typed anonymous (scripts/anonymous_sample.py): ids,
offsets, labels and reasons only, and the precision the guide states for each."""

import csv
from pathlib import Path

import pytest

DATA = Path(__file__).resolve().parents[2] / "tests" / "data"
GUIDE = Path(__file__).resolve().parents[2] / "docs" / "guide" / "attribution.md"
TABLES = {"20261202": "0.660", "20261203": "0.720", "20261204": "0.800"}


@pytest.mark.parametrize("seed", sorted(TABLES))
def test_each_table_holds_labels_only_and_gives_the_stated_precision(seed):
    path = DATA / f"anonymous_speakers_{seed}.tsv"
    with path.open(encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f, delimiter="\t"))
    assert list(rows[0]) == ["article_id", "speaker_start", "speaker_end", "label", "reason"]
    assert len(rows) == 100
    keys = {(r["article_id"], r["speaker_start"]) for r in rows}
    assert len(keys) == 100
    for r in rows:
        assert r["label"] in ("0", "1")
        assert int(r["speaker_start"]) < int(r["speaker_end"])
        # Every rejection says why, in our words; no article text is copied.
        assert (r["label"] == "0") == bool(r["reason"]), r
        assert len(r["reason"]) < 60
    precision = sum(r["label"] == "1" for r in rows) / len(rows)
    assert f"{precision:.3f}" == TABLES[seed]
    assert f"anonymous_speakers_{seed}.tsv" in GUIDE.read_text(encoding="utf-8")


def test_the_samples_share_no_article():
    seen: dict[str, str] = {}
    for seed in TABLES:
        with (DATA / f"anonymous_speakers_{seed}.tsv").open(encoding="utf-8", newline="") as f:
            for r in csv.DictReader(f, delimiter="\t"):
                assert seen.setdefault(r["article_id"], seed) == seed, r["article_id"]
