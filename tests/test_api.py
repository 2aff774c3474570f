"""The notebook API: storyline.open(db) collections, their DataFrames, and the read-only connection."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

import pytest
from conftest import READ_ONLY_ERRORS, StoreLocations

import storyline
from storyline.export import export_document
from storyline.exports.optional import MissingDependency
from storyline.exports.tables import TABLES, table_rows
from storyline.models import Article, Entity, Quote, Story, TimelineEntry
from storyline.pipeline import build
from storyline.store import Store, StoreError

ARTICLES = {
    "vote.txt": """date 2022-05-04
Riverton votes to rebuild the old mill bridge

The Riverton town board voted on Tuesday to rebuild the old mill bridge, a project that
supervisor Clara Voss said would cost $3 million.

"The bridge has carried this town for a century," Voss said after the vote.
""",
    "bids.txt": """date 2022-06-20
Mill bridge bids come in above estimate

Bids to rebuild the Riverton mill bridge came in at $4 million, above the $3 million estimate,
town engineer Omar Reyes said on Monday.

"We will ask the state for help with the difference," Reyes said of the mill bridge.
""",
}


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory, store_locations: StoreLocations) -> str | Path:
    folder = tmp_path_factory.mktemp("api")
    for name, text in ARTICLES.items():
        (folder / name).write_text(text, encoding="utf-8")
    path = store_locations.new(folder, "store.db")
    with Store(path) as store:
        build([str(folder)], store)
    return path


@pytest.fixture()
def opened(db: str | Path) -> Any:
    with storyline.open(db) as handle:
        yield handle


@pytest.fixture()
def document(db: str | Path) -> dict[str, Any]:
    with Store(db, read_only=True) as store:
        return export_document(store)


def test_collections_iterate_as_records(opened: storyline.Storyline, document: dict[str, Any]) -> None:
    articles = list(opened.articles)
    assert all(isinstance(a, Article) for a in articles)
    assert [a.id for a in articles] == [a["id"] for a in document["articles"]]
    quotes = list(opened.quotes)
    assert quotes and all(isinstance(q, Quote) for q in quotes)
    assert [q.id for q in quotes] == [q["id"] for q in document["quotes"]]
    texts = {a.id: a.text for a in articles}
    assert all(texts[q.article_id][q.start : q.end] == q.text for q in quotes)
    assert [c.id for c in opened.claims] == [c["id"] for c in document["claims"]]
    assert all(isinstance(e, Entity) for e in opened.entities)
    assert [e.id for e in opened.entities] == [e["id"] for e in document["entities"]]
    stories = list(opened.stories)
    assert all(isinstance(s, Story) for s in stories) and [s.id for s in stories] == [
        s["id"] for s in document["stories"]
    ]
    entries = list(opened.timeline)
    assert all(isinstance(e, TimelineEntry) for e in entries)
    assert len(entries) == sum(len(s["timeline"]) for s in document["stories"])
    first = next(e for e in entries if e.citations)
    assert opened.cited_text(first.citations[0]) in texts[first.citations[0].article_id]


def test_to_pandas_holds_the_table_rows(opened: storyline.Storyline, db: str | Path) -> None:
    pytest.importorskip("pandas")
    collections = {
        "articles": opened.articles, "quotes": opened.quotes, "claims": opened.claims,
        "entities": opened.entities, "stories": opened.stories, "timeline": opened.timeline,
    }
    with Store(db, read_only=True) as store:
        for table, collection in collections.items():
            frame = collection.to_pandas()
            rows = list(table_rows(store, table))
            assert list(frame.columns) == [c.name for c in TABLES[table]]
            assert len(frame) == len(rows), table
            back = json.loads(frame.to_json(orient="records"))
            assert back == json.loads(json.dumps(rows)), table
    quotes = opened.quotes.to_pandas()
    assert "Clara Voss" in set(quotes["speaker"]) or "Voss" in " ".join(map(str, quotes["speaker"]))
    assert str(quotes["start"].dtype) == "int64"


def test_the_connection_is_read_only(opened: storyline.Storyline) -> None:
    with pytest.raises(READ_ONLY_ERRORS, match="read-?only"):
        opened.store.conn.execute("DELETE FROM articles")


def test_open_without_a_database(db_location: str | Path) -> None:
    with pytest.raises(StoreError, match="storyline build"):
        storyline.open(db_location)
    if isinstance(db_location, Path):
        assert not db_location.exists()


def test_to_pandas_without_pandas_says_how_to_install(
    opened: storyline.Storyline, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(sys.modules, "pandas", None)
    with pytest.raises(MissingDependency, match=r"storyline\[data\]"):
        opened.quotes.to_pandas()
    assert list(opened.quotes)
