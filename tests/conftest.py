"""Shared fixtures: the spaCy model, the seed articles under ../shared, small article builders."""

from __future__ import annotations

import hashlib
from pathlib import Path

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
