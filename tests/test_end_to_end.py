"""End to end on the real seeds: `storyline build` through the export document."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from click.testing import CliRunner
from conftest import StoreLocations

from storyline import pipeline
from storyline.cli import main
from storyline.digests import stored_digests
from storyline.export import export_document, load_schema
from storyline.pipeline import build, derive
from storyline.store import Store

SEED_DATES = {
    "000_99cd908009cf3662.txt": ("2018-11-13", "text"),
    "001_78e804032ec4dd24.txt": (None, None),
    "002_8e86a603c9110df6.txt": (None, None),
    "003_d1d0bc85015c7f40.txt": ("2018-10-07", "header"),
    "004_e0f72f8ea7d01352.txt": ("2018-04-19", "header"),
}

JUNK = [
    "{{#rendered}}", "By subscribing", "contributed to this report", "?North Korea", "date 2018-10-07",
    "date 2018-04-19", "REUTERS", "___", "quality journalism is more crucial",
    "U.S. Vice President Mike Pence, second right, and\n",
]


@pytest.fixture(scope="module")
def seed_db(
    tmp_path_factory: pytest.TempPathFactory, seed_paths: list[Path], store_locations: StoreLocations
) -> str | Path:
    db = store_locations.new(tmp_path_factory.mktemp("seeds"), "seeds.db")
    with Store(db) as store:
        report = build([str(p) for p in seed_paths], store)
    assert report.added == 5 and not report.errors
    return db


@pytest.fixture(scope="module")
def document(seed_db: str | Path) -> dict[str, Any]:
    with Store(seed_db, read_only=True) as store:
        return export_document(store)


def _article(document: dict[str, Any], name: str) -> dict[str, Any]:
    return next(a for a in document["articles"] if Path(a["path"]).name == name)


def test_export_matches_schema(document: dict[str, Any]) -> None:
    jsonschema.validate(document, load_schema())


@pytest.mark.parametrize("name", sorted(SEED_DATES))
def test_publication_dates(document: dict[str, Any], name: str) -> None:
    published = _article(document, name)["published"]
    assert (published["date"], published["source"]) == SEED_DATES[name]


def test_junk_is_gone_and_body_kept(document: dict[str, Any]) -> None:
    for article in document["articles"]:
        for junk in JUNK:
            assert junk not in article["text"], (article["path"], junk)
        lines = [line for line in article["text"].split("\n") if line.strip()]
        assert len(lines) == len(set(lines)), article["path"]
    text_000 = _article(document, "000_99cd908009cf3662.txt")["text"]
    assert "North Korea\n" in text_000
    assert '"The United States, Japan, and the world will accept nothing less," Pence said.' in text_000


def _all_citations(document: dict[str, Any]) -> list[tuple[str, int, int, str | None]]:
    found: list[tuple[str, int, int, str | None]] = []
    for key in ("quotes", "claims", "timexes"):
        for item in document[key]:
            found.append((item["article_id"], item["start"], item["end"], item.get("text")))
    for story in document["stories"]:
        for entry in story["summary"] + story["timeline"]:
            for c in entry["citations"]:
                found.append((c["article_id"], c["start"], c["end"], None))
                assert entry["text"] in _texts(document)[c["article_id"]]
    return found


def _texts(document: dict[str, Any]) -> dict[str, str]:
    return {a["id"]: a["text"] for a in document["articles"]}


def test_every_offset_is_the_cited_span(document: dict[str, Any]) -> None:
    texts = _texts(document)
    citations = _all_citations(document)
    assert len(citations) > 100
    for article_id, start, end, text in citations:
        assert 0 <= start < end <= len(texts[article_id])
        if text is not None:
            assert texts[article_id][start:end] == text
    for story in document["stories"]:
        for entry in story["summary"] + story["timeline"]:
            cited = " ".join(texts[c["article_id"]][c["start"]:c["end"]] for c in entry["citations"][:1])
            assert cited == entry["text"]


def test_one_story_with_dated_timeline(document: dict[str, Any]) -> None:
    assert len(document["stories"]) == 1
    story = document["stories"][0]
    assert len(story["article_ids"]) == 5
    dates = [e["date"] for e in story["timeline"]]
    assert dates == sorted(dates)
    assert dates[0].startswith("2017")
    assert "2017-01" in dates
    assert dates[-1].startswith("2018-11")
    assert 3 <= len(story["summary"]) <= 6


def test_key_people_are_one_entity_each(document: dict[str, Any]) -> None:
    people = [e for e in document["entities"] if e["type"] == "PERSON"]
    for surname, full in [("Pence", "Mike Pence"), ("Abe", "Shinzo Abe"), ("Trump", "Donald Trump"),
                          ("Aso", "Taro Aso"), ("Pompeo", "Mike Pompeo")]:
        matching = [e for e in document["entities"] if surname in e["name"].split()]
        assert [e["name"] for e in matching] == [full], surname
        assert matching[0] in people


EXPECTED_SPEAKERS = [
    ("000", "American products and services", "Mike Pence"),
    ("000", "We are grateful Mr. Prime Minister", "Mike Pence"),
    ("000", "What we found were a network", "Joseph Bermudez"),
    ("000", "The United States, Japan, and the world", "Mike Pence"),
    ("001", "We seek trade that is free", "Mike Pence"),
    ("001", "The economic relations between Japan", "Taro Aso"),
    ("001", "It’s a little bit too early", "Wilbur Ross"),
    ("001", "We made good progress", "Wilbur Ross"),
    ("002", "We're reviewing all of our trade agreements", "Mike Pence"),
    ("003", "We will have a fully coordinated", "Mike Pompeo"),
    ("003", "We will bring up the issue of the abductees", "Mike Pompeo"),
    ("004", "The U.S. is committed to free, fair", "Donald Trump"),
    ("004", "Based on that position", "Shinzo Abe"),
    ("004", "I don’t want to go back into TPP", "Donald Trump"),
    ("004", "That would certainly be something", "Donald Trump"),
    ("004", "Just because North Korea is responding", "Shinzo Abe"),
    ("004", "On this point, President Trump and I", "Shinzo Abe"),
    ("004", "The situation surrounding North Korea", "Shinzo Abe"),
]


def test_direct_quotes_have_the_right_speaker(document: dict[str, Any]) -> None:
    by_prefix = {a["id"]: Path(a["path"]).name[:3] for a in document["articles"]}
    direct = [q for q in document["quotes"] if q["kind"] == "direct"]
    right = 0
    for prefix, opening, speaker in EXPECTED_SPEAKERS:
        found = [q for q in direct if by_prefix[q["article_id"]] == prefix and q["text"].startswith(opening)]
        assert found, (prefix, opening)
        right += found[0]["speaker"] == speaker
    assert right >= 16
    assert len([q for q in direct if q["speaker_entity_id"]]) >= 15


def test_trade_balance_disagreement(document: dict[str, Any]) -> None:
    claims = {c["id"]: c for c in document["claims"]}
    trade = [d for d in document["disagreements"]
             if {69e9, 68.9e9, 56.1e9} <= {claims[i]["value"] for i in d["claim_ids"]}]
    assert len(trade) == 1
    articles = {claims[i]["article_id"] for i in trade[0]["claim_ids"]}
    assert len(articles) >= 3
    assert trade[0]["note"]


def test_abductee_disagreement(document: dict[str, Any]) -> None:
    claims = {c["id"]: c for c in document["claims"]}
    found = [d for d in document["disagreements"]
             if {13, 17} <= {claims[i]["value"] for i in d["claim_ids"]} and "abduct" in d["measure_key"]]
    assert len(found) == 1
    assert re.search("Pyongyang", found[0]["note"]) and re.search("Tokyo", found[0]["note"])


def test_rerun_adds_nothing(seed_db: str | Path, seed_paths: list[Path], document: dict[str, Any]) -> None:
    with Store(seed_db) as store:
        report = build([str(p) for p in seed_paths], store)
        assert (report.added, report.skipped) == (0, 5)
        assert export_document(store) == document


def test_cli_read_commands(seed_db: str | Path) -> None:
    runner = CliRunner()
    for command in ("timeline", "quotes", "figures"):
        result = runner.invoke(main, [command, "--db", str(seed_db), "--json"])
        assert result.exit_code == 0, result.output
        rows = json.loads(result.output)
        assert isinstance(rows, list) and rows
    shown = runner.invoke(main, ["show", "--db", str(seed_db)])
    assert shown.exit_code == 0 and "Pence" in shown.output
    exported = runner.invoke(main, ["export", "--db", str(seed_db), "--format", "json"])
    jsonschema.validate(json.loads(exported.output), load_schema())


def test_lean_analyses_completed_equal_the_full_ones(seed_db: str | Path) -> None:
    with Store(seed_db, read_only=True) as store:
        lean = store.load_analyzed(lean=True)
        assert all(not item.sentences and not item.mentions and not item.timexes for item in lean)
        assert any(item.quotes for item in lean) and any(item.claims for item in lean)
        assert store.complete_analyses(lean) == store.load_analyzed()
        assert store.complete_analyses(lean[1:3]) == store.load_analyzed()[1:3]


@pytest.mark.parametrize("chunk", [500, 1])  # 1: every rebuilt story's members read in a batch of their own
def test_the_cross_article_pass_over_lean_articles_equals_the_full_one(
    seed_db: str | Path, chunk: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(pipeline, "COMPLETE_BATCH", chunk)
    with Store(seed_db) as store:
        full = store.load_analyzed()
        lean = store.load_analyzed(lean=True)
        assert any(item.article.published.date is None for item in lean)  # undated seeds are read in full
        expected = derive(full, digests=stored_digests(store, full))
        assert derive(lean, digests=stored_digests(store, lean, lean=True), complete=store.complete_analyses) == expected
