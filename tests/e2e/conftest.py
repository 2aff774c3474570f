"""Browser test fixtures: a copy of the seeds store served by uvicorn in a thread, and headless Chromium."""

from __future__ import annotations

import socket
import sqlite3
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from conftest import StoreLocations

from storyline.pipeline import build
from storyline.store import Store

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
    "--disable-component-update", "--no-first-run", "--disable-sync",
]


@pytest.fixture(scope="session")
def served_db(
    tmp_path_factory: pytest.TempPathFactory, seed_paths: list[Path], store_locations: StoreLocations
) -> str | Path:
    """A private copy of the seeds store (uploads in the browser test must not touch other tests' store).

    On PostgreSQL (STORYLINE_TEST_POSTGRES) the seeds are built into a schema of its own instead.
    """
    private = store_locations.new(tmp_path_factory.mktemp("browser"), "served.db")
    if not isinstance(private, Path):
        with Store(private) as store:
            build([str(p) for p in seed_paths], store)
        return private
    shared = tmp_path_factory.getbasetemp() / "web-seeds.db"
    if not shared.exists():
        with Store(shared) as store:
            build([str(p) for p in seed_paths], store)
    with sqlite3.connect(shared) as source, sqlite3.connect(private) as target:
        source.backup(target)
    return private


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@pytest.fixture(scope="session")
def base_url(served_db: str | Path) -> Iterator[str]:
    """``storyline serve``'s app on a free loopback port, in a background thread."""
    import uvicorn

    from storyline.web import create_app

    port = _free_port()
    app = create_app(served_db, allowed_hosts=("127.0.0.1", "localhost"))
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started and time.monotonic() < deadline:
        time.sleep(0.05)
    assert server.started, "web server did not start"
    yield f"http://127.0.0.1:{port}"
    server.should_exit = True
    thread.join(timeout=10)


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    """Headless Debian Chromium driven by Playwright."""
    if not CHROMIUM.exists():
        pytest.skip("browser tests need Debian chromium at /usr/bin/chromium (make browser installs it)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield launched
        launched.close()


@pytest.fixture()
def page(browser: Any) -> Iterator[Any]:
    """A fresh page; fails the test on any script error in the page."""
    context = browser.new_context(viewport={"width": 1200, "height": 900})
    opened = context.new_page()
    errors: list[str] = []
    opened.on("pageerror", lambda error: errors.append(str(error)))
    yield opened
    context.close()
    assert not errors, errors
