"""Shared fixtures: the spaCy model, the seed articles under ../shared, small article builders, store locations."""

from __future__ import annotations

import hashlib
import importlib.util
import os
import secrets
import sqlite3
import sys
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType

import psycopg
import pytest
from spacy.language import Language

from storyline.models import Article, Published
from storyline.nlp import load_model

REPO_ROOT = Path(__file__).resolve().parents[1]
SHARED = REPO_ROOT.parent / "shared"
SEEDS_DIR = SHARED / "seeds"
EXAMPLES_DIR = REPO_ROOT / "examples"


def make_article(
    text: str,
    published: str | None = None,
    article_id: str | None = None,
    granularity: str = "day",
) -> Article:
    """Build an Article from already-clean text (for stage tests that skip ingest)."""
    pub = Published(published, granularity, "header") if published else Published()  # type: ignore[arg-type]
    aid = article_id or hashlib.sha256(text.encode()).hexdigest()[:16]
    return Article(id=aid, path=f"{aid}.txt", title=None, url=None, text=text, published=pub)


def direct_speaker(nlp: Language, text: str, words: str) -> str | None:
    """The speaker of the one direct quote of ``text`` that starts with ``words`` (its offsets checked)."""
    from storyline.extract.quotes import extract_quotes

    article = make_article(text)
    quotes = [q for q in extract_quotes(article, nlp(text)) if q.kind == "direct" and q.text.startswith(words)]
    assert len(quotes) == 1, quotes
    quote = quotes[0]
    if quote.speaker_start is not None:
        assert article.text[quote.speaker_start : quote.speaker_end] == quote.speaker_text
    return quote.speaker_text


@pytest.fixture(scope="session")
def nlp() -> Language:
    """The English spaCy pipeline, loaded once per test session."""
    return load_model()


@pytest.fixture(scope="session")
def seed_paths() -> list[Path]:
    """The five real seed articles (third-party text, read from ../shared, never copied)."""
    if not SEEDS_DIR.is_dir():
        pytest.skip("../shared/seeds is not present")
    return sorted(SEEDS_DIR.glob("*.txt"))


@pytest.fixture(scope="session")
def seed_raw_texts(seed_paths: list[Path]) -> dict[str, str]:
    """Raw seed texts keyed by file name."""
    return {p.name: p.read_text(encoding="utf-8") for p in seed_paths}


# --- where tests put their stores: SQLite files, or PostgreSQL schemas when STORYLINE_TEST_POSTGRES is set ---

POSTGRES_URL = os.environ.get("STORYLINE_TEST_POSTGRES", "")
ON_POSTGRES = bool(POSTGRES_URL)
sqlite_only = pytest.mark.skipif(ON_POSTGRES, reason="about SQLite files themselves (STORYLINE_TEST_POSTGRES is set)")
INTEGRITY_ERRORS = (sqlite3.IntegrityError, psycopg.IntegrityError)
READ_ONLY_ERRORS = (sqlite3.OperationalError, psycopg.errors.ReadOnlySqlTransaction)


class StoreLocations:
    """Hands out fresh store locations: ``folder/name`` files, or a new Postgres schema each (dropped later)."""

    def __init__(self, base_url: str) -> None:
        self.base_url = base_url
        self.schemas: list[str] = []

    def new(self, folder: Path, name: str = "s.db") -> str | Path:
        """A location no store uses yet."""
        if not self.base_url:
            return folder / name
        import psycopg
        from psycopg import sql

        schema = f"t_{secrets.token_hex(6)}"
        with psycopg.connect(self.base_url, autocommit=True) as conn:
            conn.execute(sql.SQL("CREATE SCHEMA {}").format(sql.Identifier(schema)))
        self.schemas.append(schema)
        separator = "&" if "?" in self.base_url else "?"
        return f"{self.base_url}{separator}options=-csearch_path%3D{schema}"

    def drop(self) -> None:
        """Drop every schema handed out so far."""
        if not self.schemas:
            return
        import psycopg
        from psycopg import sql

        with psycopg.connect(self.base_url, autocommit=True) as conn:
            for schema in self.schemas:
                conn.execute(sql.SQL("DROP SCHEMA IF EXISTS {} CASCADE").format(sql.Identifier(schema)))
        self.schemas.clear()


@pytest.fixture(scope="session")
def store_locations() -> Iterator[StoreLocations]:
    """The factory for module- and session-scoped store fixtures (their schemas are dropped at the end)."""
    locations = StoreLocations(POSTGRES_URL)
    yield locations
    locations.drop()


@pytest.fixture()
def db_location(tmp_path: Path) -> Iterator[str | Path]:
    """A fresh store location for one test: ``tmp_path/"s.db"``, or its own Postgres schema."""
    locations = StoreLocations(POSTGRES_URL)
    yield locations.new(tmp_path)
    locations.drop()


BENCHMARKS = Path(__file__).resolve().parents[1] / "benchmarks"


def load_benchmark(name: str) -> ModuleType:
    """Import a benchmark script as a module (benchmarks/ is not a package; its scripts import
    their shared helpers, such as ``scoring``, from their own folder)."""
    if str(BENCHMARKS) not in sys.path:
        sys.path.insert(0, str(BENCHMARKS))
    spec = importlib.util.spec_from_file_location(name, BENCHMARKS / f"{name}.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module
