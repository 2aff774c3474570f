"""Web UI over the real seeds: pages and their JSON twins, links landing on cited sentences, search,
timeline zoom, highlighting, and the upload job flow."""

from __future__ import annotations

import json
import re
import sqlite3
import time
from pathlib import Path
from typing import Any

import pytest
from conftest import StoreLocations
from fastapi.testclient import TestClient
from hypothesis import given, settings
from hypothesis import strategies as st
from test_web_security import fake_build

from storyline.pipeline import build
from storyline.store import MIGRATIONS, Store
from storyline.web import create_app
from storyline.web.charts import period, timeline_chart
from storyline.web.data import match_expression
from storyline.web.highlight import highlight_text
from storyline.web.views import SpanOut, TimelineEntryOut


@pytest.fixture(scope="module")
def seeds_db(
    tmp_path_factory: pytest.TempPathFactory, seed_paths: list[Path], store_locations: StoreLocations
) -> str | Path:
    db = store_locations.new(tmp_path_factory.getbasetemp(), "web-seeds.db")
    if not isinstance(db, Path) or not db.exists():
        with Store(db) as store:
            build([str(p) for p in seed_paths], store)
    return db


@pytest.fixture(scope="module")
def client(seeds_db: str | Path) -> TestClient:
    return TestClient(create_app(seeds_db, build=fake_build))


@pytest.fixture(scope="module")
def story(client: TestClient) -> dict[str, Any]:
    stories = client.get("/stories.json").json()["stories"]
    assert len(stories) == 1 and stories[0]["article_count"] == 5
    assert stories[0]["first_date"] == "2018-04-19" and stories[0]["last_date"] == "2018-11-13"
    return dict(client.get(stories[0]["href"] + ".json").json())


def test_every_page_has_a_json_twin(client: TestClient, story: dict[str, Any]) -> None:
    pages = ["/stories", f"/stories/{story['id']}", story["articles"][0]["href"], story["people"][0]["href"],
             "/search?q=Pence", "/upload"]
    for page in pages:
        html = client.get(page)
        assert html.status_code == 200 and html.headers["content-type"].startswith("text/html"), page
        twin = re.search(r'class="json-twin" href="([^"]+)"', html.text)
        assert twin, page
        data = client.get(twin[1].replace("&amp;", "&"))
        assert data.status_code == 200 and isinstance(data.json(), dict), page


def test_story_page_sections(client: TestClient, story: dict[str, Any]) -> None:
    assert {"Donald Trump", "Mike Pence", "Shinzo Abe"} <= {p["name"] for p in story["people"][:5]}
    assert story["quotes"] and story["figures"] and story["disagreements"]
    assert sum(b["count"] for b in story["articles_per_day"]) + story["undated_articles"] == 5
    counts = [b["count"] for b in story["quoted"]]
    assert counts == sorted(counts, reverse=True) and counts[0] >= 5
    assert {"Mike Pence", "Donald Trump", "Shinzo Abe"} <= {b["label"] for b in story["quoted"]}
    html = client.get(f"/stories/{story['id']}").text
    for section in ("summary", "timeline", "people", "quotes", "disagreements", "figures"):
        assert f'id="{section}"' in html
    assert html.count('class="event"') == len(story["timeline"])


def _cited_text(client: TestClient, href: str) -> str:
    """The article text at the span a citation link lands on (and the anchor is on the page)."""
    path, anchor = href.split("#")
    assert f'id="{anchor}"' in client.get(path).text
    start, end = map(int, anchor.split("-")[1:])
    return str(client.get(path + ".json").json()["text"][start:end])


def test_every_claim_on_the_story_page_links_to_its_source(client: TestClient, story: dict[str, Any]) -> None:
    for entry in story["timeline"] + story["summary"]:
        assert _cited_text(client, entry["citations"][0]["href"]) == entry["text"]
    for quote in story["quotes"][:5]:
        assert _cited_text(client, quote["citation"]["href"]) == quote["text"]
    for figure in story["figures"][:5]:
        assert _cited_text(client, figure["citation"]["href"]) == figure["text"]


def test_article_page_highlights_every_kind(client: TestClient, story: dict[str, Any]) -> None:
    href = story["articles"][-1]["href"]
    page = client.get(href + ".json").json()
    assert {s["kind"] for s in page["spans"]} == {"cited", "quote", "entity", "date", "claim"}
    html = client.get(href).text
    for kind in ("cited", "quote", "entity", "date", "claim"):
        assert f"hl-{kind}" in html
    assert "What the cleaner removed" in html and page["removed"]


def test_search_finds_quotes_articles_and_timeline(client: TestClient) -> None:
    hits = client.get("/search.json", params={"q": "abductees"}).json()["hits"]
    assert {"quote", "article"} <= {h["kind"] for h in hits}
    for hit in hits:
        start, end = hit["highlights"][0]
        assert hit["snippet"][start:end].lower().startswith("abductee")
    timeline = client.get("/search.json", params={"q": "Trans-Pacific Partnership"}).json()["hits"]
    assert any(h["kind"] == "timeline" and "#cite-" in h["href"] for h in timeline)
    assert client.get("/search.json", params={"q": '" NEAR( * OR'}).json()["hits"] is not None


@given(st.text(max_size=60))
@settings(max_examples=60, deadline=None)
def test_match_expression_is_always_valid_fts(query: str) -> None:
    connection = sqlite3.connect(":memory:")
    connection.execute("CREATE VIRTUAL TABLE t USING fts5(body)")
    expression = match_expression(query)
    if expression:
        connection.execute("SELECT * FROM t WHERE t MATCH ?", (expression,)).fetchall()


def test_search_index_migration_backfills_existing_rows() -> None:
    index = next(i for i, script in enumerate(MIGRATIONS) if "search_index" in script)
    connection = sqlite3.connect(":memory:")
    for script in MIGRATIONS[:index]:
        connection.executescript(script)
    connection.execute("INSERT INTO articles(id, path, title, text) VALUES ('a', 'a.txt', 'T', 'words here')")
    connection.execute(
        "INSERT INTO stories(id, title, article_ids, summary, timeline) VALUES ('s', 'S', '[]', '[]', ?)",
        (json.dumps([{"date": "2018", "granularity": "year", "text": "an event",
                      "citations": [{"article_id": "a", "start": 0, "end": 5}]}]),),
    )
    connection.executescript(MIGRATIONS[index])
    rows = connection.execute("SELECT kind, article_id, start_offset, body FROM search_index ORDER BY kind").fetchall()
    assert rows == [("article", "a", 0, "words here"), ("timeline", "a", 0, "an event")]


def _entry(iso: str, granularity: str = "day") -> TimelineEntryOut:
    return TimelineEntryOut(date=iso, granularity=granularity, when=iso, text=f"event {iso}", citations=[])


def test_timeline_zoom_window() -> None:
    entries = [_entry("2017", "year"), _entry("2018-04-19"), _entry("2018-11-13")]
    whole = timeline_chart(entries, "/stories/s")
    assert whole and whole.shown == 3 and whole.hidden == 0
    zoomed = timeline_chart(entries, "/stories/s", "2018-11", "2018-11")
    assert zoomed and (zoomed.shown, zoomed.hidden) == (1, 2)
    assert "from=2018-11-01" not in zoomed.zoom_in and "#timeline" in zoomed.zoom_in
    assert timeline_chart(entries, "/stories/s", "junk", "<x>") == whole
    extreme = timeline_chart(entries, "/stories/s", "0001-01-01", "9999-12-31")
    assert extreme and extreme.zoom_out
    assert period("2018-02", last=True) == period("2018-02-28") and period("2018-13") is None


def test_highlight_overlapping_spans() -> None:
    text = "A <b> said X"
    spans = [SpanOut(kind="cited", start=0, end=12, label="s", href=None),
             SpanOut(kind="entity", start=2, end=5, label="<e>", href="/entities/e")]
    html = str(highlight_text(text, spans))
    assert "&lt;b&gt;" in html and "<b>" not in html and "&lt;e&gt;" in html
    assert html.count('id="cite-0-12"') == 1 and 'id="cite-2-5"' in html
    assert re.sub(r"<[^>]+>", "", html).replace("&lt;", "<").replace("&gt;", ">") == text


def test_upload_job_runs_in_background_and_reports_progress(client: TestClient) -> None:
    token = re.search(r'name="csrf_token" value="([^"]+)"', client.get("/upload").text)
    assert token
    response = client.post("/uploads", data={"csrf_token": token[1], "text": "Pasted words.", "title": "T"},
                           headers={"accept": "application/json"})
    assert response.status_code == 202
    job_url = f"/jobs/{response.json()['id']}.json"
    for _ in range(100):
        job = client.get(job_url).json()
        if job["state"] == "done":
            break
        time.sleep(0.05)
    assert job["state"] == "done" and job["added"] == 1 and job["processed"] == job["files"] == 1


def test_charts_are_matplotlib_svg_without_inline_styles() -> None:
    from storyline.web.charts import bars_svg
    from storyline.web.views import Bar

    svg = str(bars_svg([Bar(label="<b>$x$ & Co</b>", count=3, href="/entities/e-1"), Bar(label="B", count=1)], "who"))
    assert "Matplotlib" in svg or "matplotlib" in svg
    assert 'style="' not in svg and "<style" not in svg
    assert "<b>" not in svg and "&lt;b&gt;$x$ &amp; Co&lt;/b&gt;" in svg
    assert svg.count('href="/entities/e-1"') == 1
