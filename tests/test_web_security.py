"""Web UI security regressions: escaping, no javascript: links, quiet errors, host/token/CSRF guards,
read-only page connections and upload limits. The store is built from records (no spaCy), with
markup in every user-controlled field."""

from __future__ import annotations

import re
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from fastapi.testclient import TestClient
from starlette.responses import PlainTextResponse

from storyline.cli import main
from storyline.cli.web_command import check_serve_options
from storyline.models import (
    AnalyzedArticle,
    Article,
    Citation,
    CitedText,
    Claim,
    Disagreement,
    Entity,
    Published,
    Quote,
    Removal,
    Sentence,
    Story,
    TimelineEntry,
    Timex,
)
from storyline.pipeline import BuildReport
from storyline.store import DerivedResults, SpeakerLink, Store
from storyline.web import create_app
from storyline.web import data as web_data
from storyline.web.security import BodyLimitMiddleware
from storyline.web.uploads import MAX_FILES

PAYLOAD = '<script>alert("x")</script>'
IMG = "<img src=x onerror=alert(1)>"
TEXT = f"Intro {PAYLOAD} line.\n\"{IMG} is the plan,\" said <b>Evil</b> Smith on 13 November 2018, citing $5 billion."
QUOTE_START = TEXT.index(IMG)
QUOTE_END = TEXT.index(" is the plan") + len(" is the plan")
ARTICLE_ID = "a1b2c3d4e5f60718"


def hostile_records() -> tuple[AnalyzedArticle, DerivedResults]:
    """One article and its derived results with markup in every field a user can control."""
    article = Article(
        id=ARTICLE_ID, path=f"/uploads/{IMG}.txt", title=f"Title {PAYLOAD}", url="javascript:alert(1)",
        text=TEXT, published=Published("2018-11-13", "day", "header"), removals=(Removal(f"junk {IMG}", "ad", 3),),
    )
    sentence = Sentence(0, len(TEXT))
    quote = Quote("q-1", ARTICLE_ID, QUOTE_START, QUOTE_END, TEXT[QUOTE_START:QUOTE_END], "direct",
                  "<b>Evil</b> Smith", None, None, "said", 0, len(TEXT))
    value_start = TEXT.index("$5 billion")
    claim = Claim("c-1", ARTICLE_ID, value_start, value_start + 10, "$5 billion", 5e9, "USD",
                  f"spend {PAYLOAD}", "spend", None, "<i>claimant</i>", 0, len(TEXT))
    date_start = TEXT.index("13 November 2018")
    timex = Timex(ARTICLE_ID, date_start, date_start + 16, "13 November 2018", "DATE", "2018-11-13", "day")
    analyzed = AnalyzedArticle(article, (sentence,), (), (timex,), (quote,), (claim,))
    entity = Entity("e-1", f"{IMG} Smith", "PERSON", (f"{PAYLOAD}",), (ARTICLE_ID,),
                    (Citation(ARTICLE_ID, TEXT.index("<b>Evil"), TEXT.index(" on 13")),), ("<u>Boss</u>",))
    cited = (Citation(ARTICLE_ID, 0, len(TEXT)),)
    story = Story("s-1", f"Story {PAYLOAD}", (ARTICLE_ID,), (CitedText(TEXT, cited),),
                  (TimelineEntry("2018-11-13", "day", f"Event {IMG}", cited),))
    derived = DerivedResults(
        (entity,), (SpeakerLink("q-1", "e-1", f"{IMG} Smith"),),
        (Disagreement(f"spend {PAYLOAD}", "spend", ("c-1",), f"note {IMG}"),), (story,),
    )
    return analyzed, derived


def hostile_store(path: str | Path) -> str | Path:
    """Write the hostile records into a new store at ``path``."""
    analyzed, derived = hostile_records()
    with Store(path) as store:
        store.add_batch([analyzed])
        store.replace_derived(derived)
    return path


def fake_build(paths: Sequence[str], store: Store, progress: Any = None, *_: Any) -> BuildReport:
    """Stands in for the pipeline: counts the files it was given."""
    if progress:
        progress(len(paths))
    return BuildReport(read=len(paths), added=len(paths))


@pytest.fixture()
def hostile_db(db_location: str | Path) -> str | Path:
    return hostile_store(db_location)


@pytest.fixture()
def client(hostile_db: str | Path) -> TestClient:
    return TestClient(create_app(hostile_db, build=fake_build))


PAGES = ["/stories", "/stories/s-1", f"/articles/{ARTICLE_ID}", "/entities/e-1", "/search?q=script+plan", "/upload"]


@pytest.mark.parametrize("url", PAGES)
def test_every_user_field_is_escaped(client: TestClient, url: str) -> None:
    response = client.get(url)
    assert response.status_code == 200
    html = response.text
    for raw in (PAYLOAD, IMG, "<b>Evil</b>", "<i>claimant</i>", "<u>Boss</u>"):
        assert raw not in html, (url, raw)
    assert re.findall(r"<script\b[^>]*>", html) == ['<script src="/static/app.js" defer>']
    assert "onerror=" not in html.replace("onerror=alert(1)&gt;", "")


def test_escaped_text_is_still_shown(client: TestClient) -> None:
    story = client.get("/stories/s-1").text
    assert "Story &lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt;" in story
    article = client.get(f"/articles/{ARTICLE_ID}").text
    assert "&lt;img src=x onerror=alert(1)&gt;.txt" in article
    assert "junk &lt;img src=x onerror=alert(1)&gt;" in article


@pytest.mark.parametrize("url", PAGES)
def test_javascript_urls_never_become_links(client: TestClient, url: str) -> None:
    html = client.get(url).text
    hrefs = re.findall(r'href="([^"]*)"', html)
    assert hrefs
    assert not [h for h in hrefs if not (h.startswith(("/", "#", "data:,")))], url
    assert "javascript:" not in html.lower()


def test_article_json_drops_unsafe_url(client: TestClient) -> None:
    assert client.get(f"/articles/{ARTICLE_ID}.json").json()["url"] is None


@pytest.mark.parametrize("url", [
    "/articles/<script>probe4711</script>", "/articles/probe4711.json", "/entities/%3Cb%3Eprobe4711",
    "/stories/probe4711?from=<x>probe4711", "/no/such/probe4711", "/jobs/probe4711.json",
])
def test_error_pages_do_not_echo_input(client: TestClient, url: str) -> None:
    response = client.get(url)
    assert response.status_code == 404
    assert "probe4711" not in response.text


def test_wrong_method_error_does_not_echo(client: TestClient) -> None:
    response = client.post("/stories?probe4711=1", content=b"probe4711")
    assert response.status_code == 405 and "probe4711" not in response.text


def test_security_headers(client: TestClient) -> None:
    headers = client.get("/stories").headers
    assert "script-src 'self'" in headers["content-security-policy"]
    assert headers["x-content-type-options"] == "nosniff" and headers["referrer-policy"] == "same-origin"


def test_serve_binds_loopback_unless_told() -> None:
    host_option = next(p for p in main.commands["serve"].params if p.name == "host")
    assert host_option.default == "127.0.0.1"
    assert "127.0.0.1" in (check_serve_options("127.0.0.1", None) or ())
    assert check_serve_options("0.0.0.0", "secret") is None


def test_open_host_needs_a_token(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("STORYLINE_TOKEN", raising=False)
    result = CliRunner().invoke(main, ["serve", "--db", str(tmp_path / "x.db"), "--host", "0.0.0.0"])
    assert result.exit_code != 0 and "token" in result.output


def test_token_is_required_when_set(hostile_db: str | Path) -> None:
    client = TestClient(create_app(hostile_db, token="s3cret-token"))
    assert client.get("/stories").status_code == 401
    assert client.get("/stories.json", headers={"Authorization": "Bearer wrong"}).status_code == 401
    assert client.get("/stories.json", headers={"Authorization": "Bearer s3cret-token"}).status_code == 200
    first = client.get("/stories?token=s3cret-token", follow_redirects=False)
    assert first.status_code == 303 and "token" not in first.headers["location"]
    assert client.get("/stories").status_code == 200


def test_foreign_host_is_refused(hostile_db: str | Path) -> None:
    client = TestClient(create_app(hostile_db, allowed_hosts=("127.0.0.1", "localhost")))
    assert client.get("/stories", headers={"host": "evil.example:8000"}).status_code == 400
    assert client.get("/stories", headers={"host": "127.0.0.1:8000"}).status_code == 200


def _csrf(client: TestClient) -> str:
    match = re.search(r'name="csrf_token" value="([^"]+)"', client.get("/upload").text)
    assert match
    return match[1]


def _upload(client: TestClient, data: dict[str, str], files: list[tuple[str, tuple[str, bytes]]] | None = None,
            **headers: str) -> Any:
    return client.post("/uploads", data=data, files=files or [("files", ("a.txt", b"Some text."))],
                       headers=headers, follow_redirects=False)


def test_upload_needs_post_and_csrf_token(client: TestClient) -> None:
    assert client.get("/upload?text=hello").status_code == 200  # GET changes nothing
    assert client.get("/upload.json").json()["jobs"] == []
    assert _upload(client, {}).status_code == 403
    assert _upload(client, {"csrf_token": "forged"}).status_code == 403
    assert _upload(client, {"csrf_token": _csrf(client)}, origin="http://evil.example").status_code == 403
    assert client.get("/upload.json").json()["jobs"] == []
    accepted = _upload(client, {"csrf_token": _csrf(client)})
    assert accepted.status_code == 303 and accepted.headers["location"].startswith("/jobs/")


def test_upload_count_and_size_limits(client: TestClient, monkeypatch: pytest.MonkeyPatch) -> None:
    token = _csrf(client)
    many = [("files", (f"{i}.txt", b"x")) for i in range(MAX_FILES + 1)]
    assert _upload(client, {"csrf_token": token}, many).status_code == 400
    big = [("files", ("big.txt", b"x" * 5_000_001))]
    assert _upload(client, {"csrf_token": token}, big).status_code == 400
    unsupported = [("files", ("evil.exe", b"MZ"))]
    assert _upload(client, {"csrf_token": token}, unsupported).status_code == 400
    assert client.get("/upload.json").json()["jobs"] == []


def test_body_limit_answers_413() -> None:
    async def too_large(scope: Any) -> PlainTextResponse:
        return PlainTextResponse("too large", status_code=413)

    async def echo(scope: Any, receive: Any, send: Any) -> None:
        while (await receive()).get("more_body"):
            pass
        await PlainTextResponse("ok")(scope, receive, send)

    client = TestClient(BodyLimitMiddleware(echo, limit=10, on_reject=too_large))
    assert client.post("/", content=b"x" * 5).status_code == 200
    assert client.post("/", content=b"x" * 11).status_code == 413
    assert client.post("/", content=iter([b"x" * 6, b"x" * 6])).status_code == 413


def test_pages_read_through_read_only_connections(hostile_db: str | Path, monkeypatch: pytest.MonkeyPatch) -> None:
    client = TestClient(create_app(hostile_db))
    opened: list[bool] = []
    real_store = web_data.Store

    def spy(path: Any, read_only: bool = False) -> Store:
        opened.append(read_only)
        return real_store(path, read_only=read_only)

    monkeypatch.setattr(web_data, "Store", spy)
    for url in PAGES + ["/stories.json", f"/articles/{ARTICLE_ID}.json", "/search.json?q=plan"]:
        assert client.get(url).status_code == 200
    assert opened and all(opened)
