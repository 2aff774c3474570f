"""Schemathesis against the OpenAPI document: generated requests to every JSON operation must get
documented status codes and bodies matching the declared schemas (a bounded number of examples)."""

from __future__ import annotations

import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import schemathesis
from conftest import POSTGRES_URL, StoreLocations
from fastapi.testclient import TestClient
from hypothesis import HealthCheck, settings
from test_web_security import fake_build, hostile_store

from storyline.web import create_app

# Schemathesis parametrizes at collection time, so the app (over a small hostile store) is built on import.
API_LOCATIONS = StoreLocations(POSTGRES_URL)
API_APP = create_app(
    hostile_store(API_LOCATIONS.new(Path(tempfile.mkdtemp(prefix="storyline-api-")), "api.db")), build=fake_build
)
schema = schemathesis.openapi.from_asgi("/openapi.json", API_APP)


@pytest.fixture(scope="module", autouse=True)
def drop_api_store() -> Iterator[None]:
    yield
    API_LOCATIONS.drop()


@pytest.fixture(scope="module")
def api_app() -> Any:
    return API_APP


@schema.parametrize()
@settings(max_examples=15, deadline=None, suppress_health_check=list(HealthCheck))
def test_api_conforms_to_openapi(case: Any) -> None:
    case.call_and_validate()


def test_openapi_lists_every_json_twin(api_app: Any) -> None:
    paths = TestClient(api_app).get("/openapi.json").json()["paths"]
    for path in ("/stories.json", "/stories/{story_id}.json", "/articles/{article_id}.json",
                 "/entities/{entity_id}.json", "/search.json", "/upload.json", "/jobs/{job_id}.json", "/uploads"):
        assert path in paths, path
    assert not [p for p in paths if not (p.endswith(".json") or p == "/uploads")]


def test_known_records_validate(api_app: Any, tmp_path: Path) -> None:
    client = TestClient(api_app)
    for url in ("/stories/s-1.json", "/articles/a1b2c3d4e5f60718.json", "/entities/e-1.json"):
        assert client.get(url).status_code == 200, url
