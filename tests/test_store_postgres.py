"""PostgreSQL only (skipped unless STORYLINE_TEST_POSTGRES names a server): full-text search, read-only
connections, migrations (repeated and racing), clear errors, and the same outputs as SQLite on real corpora."""

from __future__ import annotations

import io
import threading
from pathlib import Path

import psycopg
import pytest
from conftest import EXAMPLES_DIR, POSTGRES_URL, SEEDS_DIR, StoreLocations
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from storyline.export import export_document
from storyline.exports.jsonl import export_jsonl
from storyline.models import AnalyzedArticle, Article, Published, Quote
from storyline.pipeline import build
from storyline.store import Store, StoreError
from storyline.store_backends import (
    SNIPPET_CLOSE,
    SNIPPET_OPEN,
    display_location,
    tsquery_text,
)
from storyline.store_schema_postgres import MIGRATIONS

needs_postgres = pytest.mark.skipif(not POSTGRES_URL, reason="set STORYLINE_TEST_POSTGRES to a PostgreSQL URL")

FERRY = "The harbor council approved the ferry line on Tuesday. " * 3 + "Abductees were not mentioned."
BUDGET = "Officials said the city budget would grow. The ferry was discussed briefly at the end."


def _article(article_id: str, title: str, text: str) -> AnalyzedArticle:
    article = Article(article_id, f"{article_id}.txt", title, None, text, Published())
    quote = Quote(f"q-{article_id}", article_id, 0, 20, text[:20], "direct", "Mayor Lena Ortiz", None, None,
                  "said", 0, 20)
    return AnalyzedArticle(article, (), (), (), (quote,), ())


@pytest.fixture()
def small_store(db_location: str | Path) -> str | Path:
    with Store(db_location) as store:
        store.add_batch([
            _article("a" * 16, "Ferry line approved", FERRY),
            _article("b" * 16, "City budget grows", BUDGET),
            _article("c" * 16, "100% of 50%? A 'quoted' title", "Percent signs and question marks survive: 100%?"),
        ])
    return db_location


def test_display_location_hides_passwords() -> None:
    shown = display_location("postgresql://writer:s3cret@db.example:5432/news?password=other&sslmode=require")
    assert "s3cret" not in shown and "other" not in shown
    assert shown.startswith("postgresql://writer:***@db.example:5432/news") and "sslmode=require" in shown
    assert display_location(Path("x/storyline.db")) == "x/storyline.db"


@given(st.text(max_size=60))
@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@needs_postgres
def test_tsquery_text_is_always_valid(query: str) -> None:
    text = tsquery_text(query)
    if text:
        with psycopg.connect(POSTGRES_URL) as conn:
            conn.execute("SELECT to_tsquery('english', %s)", (text,)).fetchone()


@needs_postgres
def test_search_ranks_titles_first_marks_snippets_and_matches_prefixes(small_store: str | Path) -> None:
    with Store(small_store, read_only=True) as store:
        ferry = store.search("ferry", 10)
        assert [r["ref"] for r in ferry if r["kind"] == "article"] == ["a" * 16, "b" * 16], "title match ranks first"
        snippet = ferry[0]["snip"]
        assert f"{SNIPPET_OPEN}ferry{SNIPPET_CLOSE}" in snippet and SNIPPET_OPEN not in ferry[0]["title"]
        assert [r["ref"] for r in store.search("abduct", 10)] == ["a" * 16], "the last word is a prefix"
        assert [r["ref"] for r in store.search("harbor ferr", 10)] == ["a" * 16], "every word must occur"
        assert store.search("ferry nosuchword", 10) == []
        quotes = store.search("Ortiz", 10)
        assert {r["kind"] for r in quotes} == {"quote"} and len(quotes) == 3
        assert store.search("'); DROP TABLE articles; --", 10) == []
        assert store.search("%s ? %", 10) == []
        percent = [r for r in store.search("percent signs", 5) if r["kind"] == "article"]
        assert [r["title"] for r in percent] == ["100% of 50%? A 'quoted' title"]
        assert "100%?" in percent[0]["snip"]
        assert store.article_count() == 3


@needs_postgres
def test_read_only_connection_refuses_writes(small_store: str | Path) -> None:
    with Store(small_store, read_only=True) as store:
        with pytest.raises(psycopg.errors.ReadOnlySqlTransaction):
            store.conn.execute("DELETE FROM articles")
        with pytest.raises(psycopg.errors.ReadOnlySqlTransaction):
            store.record_errors([("x.txt", "broken")])
        assert store.article_count() == 3 and store.errors() == []


@needs_postgres
def test_migrations_are_idempotent_and_racing_builds_migrate_once(db_location: str | Path) -> None:
    errors: list[BaseException] = []

    def open_and_close() -> None:
        try:
            Store(db_location).close()
        except BaseException as error:  # noqa: BLE001  (collected and asserted below)
            errors.append(error)

    threads = [threading.Thread(target=open_and_close) for _ in range(6)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    Store(db_location).close()
    with psycopg.connect(str(db_location)) as conn:
        assert conn.execute("SELECT version FROM storyline_version").fetchall() == [(len(MIGRATIONS),)]


@needs_postgres
def test_clear_errors_for_unusable_databases(db_location: str | Path) -> None:
    with pytest.raises(StoreError, match="storyline build"):
        Store(db_location, read_only=True)
    Store(db_location).close()
    with psycopg.connect(str(db_location), autocommit=True) as conn:
        conn.execute("UPDATE storyline_version SET version = version + 1")
    with pytest.raises(StoreError, match="not a Storyline database of this version"):
        Store(db_location, read_only=True)
    with pytest.raises(StoreError, match="not a Storyline database of this version"):
        Store(db_location)
    closed = "postgresql://someone:s3cret@127.0.0.1:1/none"
    with pytest.raises(StoreError, match="cannot connect") as raised:
        Store(closed)
    assert "s3cret" not in str(raised.value)


@needs_postgres
def test_generation_moves_on_every_write(db_location: str | Path) -> None:
    from storyline.store_backends import change_key

    Store(db_location).close()
    before = change_key(db_location)
    with Store(db_location) as store:
        store.record_errors([("x.txt", "broken")])
    assert change_key(db_location) != before


CORPORA = {"seeds": SEEDS_DIR, "demo": EXAMPLES_DIR / "us-japan-trade"}


@needs_postgres
@pytest.mark.parametrize("corpus", sorted(CORPORA))
def test_corpus_gives_the_same_outputs_as_sqlite(
    corpus: str, tmp_path: Path, db_location: str | Path, store_locations: StoreLocations
) -> None:
    folder = CORPORA[corpus]
    if not folder.is_dir():
        pytest.skip(f"{folder} is not present")
    sqlite_path = tmp_path / "sqlite.db"
    outputs = []
    for location in (sqlite_path, db_location):
        with Store(location) as store:
            report = build([str(folder)], store)
            assert report.added > 0 and not report.errors
        with Store(location, read_only=True) as store:
            stream = io.StringIO()
            export_jsonl(store, stream)
            outputs.append((export_document(store), stream.getvalue(), store.search("trade Japan", 20)))
    (sqlite_document, sqlite_jsonl, _), (postgres_document, postgres_jsonl, postgres_hits) = outputs
    assert postgres_document == sqlite_document
    assert postgres_jsonl == sqlite_jsonl
    if corpus == "demo":
        assert postgres_hits and all(SNIPPET_OPEN in r["snip"] or r["kind"] != "article" for r in postgres_hits)
