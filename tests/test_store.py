"""The store on either backend: round trips, migrations, read-only access, crash safety."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from conftest import INTEGRITY_ERRORS, READ_ONLY_ERRORS, StoreLocations, sqlite_only
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from storyline.models import (
    AnalyzedArticle,
    Article,
    Citation,
    CitedText,
    Claim,
    Disagreement,
    Entity,
    Mention,
    Published,
    Quote,
    Removal,
    Sentence,
    Story,
    TimelineEntry,
    Timex,
)
from storyline.store import MIGRATIONS, DerivedResults, SpeakerLink, Store, StoreError

# PostgreSQL text cannot hold NUL; stored articles never do (ingest/clean.py removes control characters).
texts = st.text(st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00"), min_size=1, max_size=60)
offsets = st.integers(min_value=0, max_value=10_000)


@st.composite
def analyzed_articles(draw: st.DrawFn) -> AnalyzedArticle:
    aid = draw(st.text(alphabet="0123456789abcdef", min_size=16, max_size=16))
    text = draw(texts)
    published = draw(st.sampled_from([
        Published(), Published("2018-11-13", "day", "text", Citation(aid, 0, 1)),
        Published("2018-11", "month", "header"),
    ]))
    removals = tuple(draw(st.lists(st.builds(Removal, texts, texts, offsets), max_size=3)))
    article = Article(aid, draw(texts), draw(st.none() | texts), None, text, published, removals)
    quote = Quote(f"q-{aid}-1", aid, 1, 5, draw(texts), "direct", draw(st.none() | texts), None, None,
                  "said", 0, 9)
    claim = Claim(f"c-{aid}-2", aid, 2, 4, "$5", draw(st.floats(allow_nan=False, allow_infinity=False)),
                  "USD", "deficit", "trade balance:JP-US", draw(st.none() | texts), None, 0, 9, True)
    return AnalyzedArticle(
        article=article,
        sentences=tuple(Sentence(i, i + 3) for i in sorted(draw(st.sets(offsets, max_size=4)))),
        mentions=(Mention(aid, 0, 3, draw(texts), "PERSON"),),
        timexes=(Timex(aid, 4, 8, draw(texts), "DATE", draw(st.none() | st.just("2018-09")), "month"),),
        quotes=(quote,),
        claims=(claim,),
    )


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(analyzed_articles(), max_size=4, unique_by=lambda a: a.article.id))
def test_analyzed_round_trip(tmp_path: Path, store_locations: StoreLocations, batch: list[AnalyzedArticle]) -> None:
    db = store_locations.new(tmp_path, f"rt-{abs(hash(tuple(a.article.id for a in batch)))}.db")
    if isinstance(db, Path):
        db.unlink(missing_ok=True)
    with Store(db) as store:
        store.add_batch(batch)
    with Store(db, read_only=True) as store:
        assert store.load_analyzed() == batch
        assert list(store.iter_analyzed()) == batch


def test_derived_round_trip_and_replace(db_location: str | Path) -> None:
    cite = Citation("a" * 16, 0, 4)
    derived = DerivedResults(
        entities=(Entity("e-1", "Mike Pence", "PERSON", ("Pence",), ("a" * 16,), (cite,), ("Vice President",)),),
        speakers=(SpeakerLink("q-1", "e-1", "Mike Pence"),),
        disagreements=(Disagreement("trade deficit", "trade balance:JP-US", ("c-1", "c-2"), "rounding"),),
        stories=(Story("s-1", "Trade", ("a" * 16,), (CitedText("Text", (cite,)),),
                       (TimelineEntry("2018-11", "month", "Text", (cite,)),)),),
    )
    article = Article("a" * 16, "a.txt", None, None, "Text here.", Published())
    quote = Quote("q-1", article.id, 0, 4, "Text", "direct", None, None, None, None, 0, 10)
    with Store(db_location) as store:
        store.add_batch([AnalyzedArticle(article, (), (), (), (quote,), ())])
        store.replace_derived(derived)
        store.replace_derived(derived)
        assert store.load_derived() == derived


def test_read_only_store_refuses_writes_and_missing_files(db_location: str | Path) -> None:
    with pytest.raises(StoreError, match="storyline build"):
        Store(db_location, read_only=True)
    Store(db_location).close()
    with Store(db_location, read_only=True) as store:
        with pytest.raises(READ_ONLY_ERRORS):
            store.record_errors([("x", "y")])
        assert store.errors() == []


@sqlite_only
def test_not_a_database(tmp_path: Path) -> None:
    bogus = tmp_path / "bogus.db"
    bogus.write_bytes(b"this is not sqlite" * 100)
    with pytest.raises(StoreError):
        Store(bogus)


@sqlite_only
def test_migrations_set_version(tmp_path: Path) -> None:
    Store(tmp_path / "v.db").close()
    conn = sqlite3.connect(tmp_path / "v.db")
    assert conn.execute("PRAGMA user_version").fetchone()[0] == len(MIGRATIONS)


def test_failed_batch_keeps_committed_batches(db_location: str | Path) -> None:
    article = Article("b" * 16, "x.txt", None, None, "Some text.", Published())
    first = AnalyzedArticle(article, (Sentence(0, 10),), (), (), (), ())
    with Store(db_location) as store:
        store.add_batch([first])
        with pytest.raises(INTEGRITY_ERRORS):

            store.add_batch([AnalyzedArticle(article, (), (), (), (), ())])  # duplicate id: whole batch rolls back
        assert store.load_analyzed() == [first]
