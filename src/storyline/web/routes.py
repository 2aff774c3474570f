"""Pages and their ``.json`` twins; the twins form the REST API described at ``/openapi.json``.

Each ``.json`` route is registered before its page route, so ``/stories/x.json`` never reaches
the page handler. Handlers look records up by id and answer a fixed 404 when there is none.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from fastapi import APIRouter, HTTPException, Query
from pydantic import BaseModel
from starlette.datastructures import UploadFile
from starlette.requests import Request
from starlette.responses import JSONResponse, RedirectResponse, Response

from storyline.ingest.readers import SUPPORTED_SUFFIXES
from storyline.web import views
from storyline.web.app import ErrorOut, error_response, render, web_state
from storyline.web.charts import bars_svg, columns_svg, timeline_chart
from storyline.web.data import SNIPPET_CLOSE, SNIPPET_OPEN, Snapshot, search
from storyline.web.highlight import highlight_text
from storyline.web.security import (
    CSRF_FIELD,
    CSRF_HEADER,
    BodyTooLarge,
    origin_allowed,
    same_secret,
)
from storyline.web.uploads import (
    MAX_FILE_BYTES,
    MAX_FILES,
    MAX_TOTAL_BYTES,
    JobOut,
    UploadedFile,
    UploadRejected,
    pasted_text_file,
)

MAX_SEARCH_HITS = 50
MAX_QUERY_LENGTH = 200
NOT_FOUND: dict[int | str, dict[str, Any]] = {404: {"model": ErrorOut, "description": "No such record"}}
router = APIRouter()


class SearchHit(BaseModel):
    """One search result: what it is, a snippet with the matched words, and where it links."""

    kind: str
    title: str
    snippet: str
    highlights: list[tuple[int, int]]
    href: str


class SearchResults(BaseModel):
    """Full-text search results over articles, quotes and timeline entries."""

    query: str
    hits: list[SearchHit]


class UploadLimits(BaseModel):
    """What one upload may contain, and the uploads of this server run."""

    max_files: int
    max_file_bytes: int
    max_total_bytes: int
    supported: str
    jobs: list[JobOut]


def _snapshot(request: Request) -> Snapshot:
    return web_state(request).cache.get()


# --- stories -------------------------------------------------------------------------------


@router.get("/", include_in_schema=False)
def home() -> RedirectResponse:
    """The start page is the stories list."""
    return RedirectResponse("/stories", status_code=307)


@router.get("/stories.json", response_model=views.StoryList, tags=["stories"])
def stories_json(request: Request) -> views.StoryList:
    """All stories with their article counts and date spans."""
    return views.story_list(_snapshot(request))


@router.get("/stories", include_in_schema=False)
def stories_page(request: Request) -> Response:
    """The stories list page."""
    return render(request, "stories.html.j2", "/stories.json", page=views.story_list(_snapshot(request)))


def _story(request: Request, story_id: str) -> tuple[Snapshot, views.StoryPage]:
    snapshot = _snapshot(request)
    story = snapshot.stories.get(story_id)
    if story is None:
        raise HTTPException(404)
    return snapshot, views.story_page(snapshot, story)


@router.get("/stories/{story_id}.json", response_model=views.StoryPage, responses=NOT_FOUND, tags=["stories"])
def story_json(request: Request, story_id: str) -> views.StoryPage:
    """One story: summary, timeline, key people, quotes, figures, disagreements and chart data."""
    return _story(request, story_id)[1]


@router.get("/stories/{story_id}", include_in_schema=False)
def story_page(
    request: Request, story_id: str, start: str | None = Query(None, alias="from"), end: str | None = Query(None, alias="to")
) -> Response:
    """The story page with its zoomable timeline and charts."""
    page = _story(request, story_id)[1]
    base = views.story_href(story_id)
    return render(
        request, "story.html.j2", base + ".json", page=page, base=base,
        timeline=timeline_chart(page.timeline, base, start, end),
        per_day_chart=columns_svg(page.articles_per_day, "Articles per day"),
        quoted_chart=bars_svg(page.quoted, "Who is quoted how often"),
    )


# --- articles and entities -------------------------------------------------------------------


def _article(request: Request, article_id: str) -> views.ArticlePage:
    snapshot = _snapshot(request)
    analyzed = snapshot.articles.get(article_id)
    if analyzed is None:
        raise HTTPException(404)
    return views.article_page(snapshot, analyzed)


@router.get("/articles/{article_id}.json", response_model=views.ArticlePage, responses=NOT_FOUND, tags=["articles"])
def article_json(request: Request, article_id: str) -> views.ArticlePage:
    """An article's cleaned text, every extracted span by offset, and what the cleaner removed."""
    return _article(request, article_id)


@router.get("/articles/{article_id}", include_in_schema=False)
def article_page(request: Request, article_id: str) -> Response:
    """The article page with every quote, entity, date and figure highlighted."""
    page = _article(request, article_id)
    return render(request, "article.html.j2", views.article_href(article_id) + ".json",
                  page=page, marked=highlight_text(page.text, page.spans))


def _entity(request: Request, entity_id: str) -> views.EntityPage:
    snapshot = _snapshot(request)
    entity = snapshot.entities.get(entity_id)
    if entity is None:
        raise HTTPException(404)
    return views.entity_page(snapshot, entity)


@router.get("/entities/{entity_id}.json", response_model=views.EntityPage, responses=NOT_FOUND, tags=["entities"])
def entity_json(request: Request, entity_id: str) -> views.EntityPage:
    """An entity: names, titles, articles, quotes and mentions."""
    return _entity(request, entity_id)


@router.get("/entities/{entity_id}", include_in_schema=False)
def entity_page(request: Request, entity_id: str) -> Response:
    """The entity page."""
    return render(request, "entity.html.j2", views.entity_href(entity_id) + ".json", page=_entity(request, entity_id))


# --- search ---------------------------------------------------------------------------------


def _hit(row: Any) -> SearchHit:
    plain, highlights, position, opened = [], [], 0, 0
    for char in row.snippet:
        if char == SNIPPET_OPEN:
            opened = position
        elif char == SNIPPET_CLOSE:
            highlights.append((opened, position))
        else:
            plain.append(char)
            position += 1
    if row.kind == "article" or row.article_id is None:
        href = views.article_href(row.article_id or row.ref)
    elif row.start is not None and row.end is not None:
        href = views.cite_href(row.article_id, row.start, row.end)
    else:
        href = views.article_href(row.article_id)
    return SearchHit(kind=row.kind, title=row.title, snippet="".join(plain), highlights=highlights, href=href)


def _search(request: Request, q: str) -> SearchResults:
    query = q[:MAX_QUERY_LENGTH]
    rows = search(web_state(request).db_path, query, MAX_SEARCH_HITS)
    return SearchResults(query=query, hits=[_hit(r) for r in rows])


@router.get("/search.json", response_model=SearchResults, tags=["search"])
def search_json(request: Request, q: str = "") -> SearchResults:
    """Full-text search over articles, quotes and timeline entries (every word must match)."""
    return _search(request, q)


@router.get("/search", include_in_schema=False)
def search_page(request: Request, q: str = "") -> Response:
    """The search page."""
    results = _search(request, q)
    return render(request, "search.html.j2", "/search.json?" + urlencode({"q": results.query}), page=results)


# --- uploads --------------------------------------------------------------------------------


def _limits(request: Request) -> UploadLimits:
    queue = web_state(request).uploads
    jobs = [job for job in (queue.get(i) for i in list(queue.jobs)) if job]
    return UploadLimits(max_files=MAX_FILES, max_file_bytes=MAX_FILE_BYTES, max_total_bytes=MAX_TOTAL_BYTES,
                        supported=SUPPORTED_SUFFIXES, jobs=list(reversed(jobs)))


@router.get("/upload.json", response_model=UploadLimits, tags=["upload"])
def upload_json(request: Request) -> UploadLimits:
    """Upload limits and this server's uploads, newest first."""
    return _limits(request)


@router.get("/upload", include_in_schema=False)
def upload_page(request: Request) -> Response:
    """The upload page: drop files or a folder, or paste text."""
    return render(request, "upload.html.j2", "/upload.json", page=_limits(request), error=None)


UPLOAD_BODY = {
    "requestBody": {
        "required": True,
        "content": {"multipart/form-data": {"schema": {
            "type": "object",
            "properties": {
                "files": {"type": "array", "items": {"type": "string", "format": "binary"}},
                "text": {"type": "string"}, "title": {"type": "string"}, CSRF_FIELD: {"type": "string"},
            },
        }}},
    }
}
HTML_BODY = {"content": {"text/html": {"schema": {"type": "string"}}}}
UPLOAD_RESPONSES: dict[int | str, dict[str, Any]] = {
    202: {"model": JobOut, "description": "Ingest started (JSON clients)"},
    303: {"description": "Ingest started: redirect to the job page"},
    400: {"model": ErrorOut, "description": "Nothing usable, or over the count or size limits", **HTML_BODY},
    403: {"model": ErrorOut, "description": "Missing or wrong CSRF token, or a foreign Origin", **HTML_BODY},
    413: {"model": ErrorOut, "description": "Request body too large", **HTML_BODY},
}


@router.post("/uploads", tags=["upload"], openapi_extra=UPLOAD_BODY, responses=UPLOAD_RESPONSES, status_code=202)
async def upload(request: Request) -> Response:
    """Ingest uploaded files or pasted text in the background (needs the page's CSRF token)."""
    state = web_state(request)
    accept = request.headers.get("accept", "")
    header_token = request.headers.get(CSRF_HEADER)
    if not origin_allowed(request) or (header_token is not None and not same_secret(header_token, state.csrf_token)):
        return error_response(request.url.path, accept, 403, state.templates)
    try:
        form = await request.form(max_files=MAX_FILES + 1, max_fields=20, max_part_size=MAX_FILE_BYTES)
    except BodyTooLarge:
        return error_response(request.url.path, accept, 413, state.templates)
    except Exception:  # noqa: BLE001  (malformed multipart bodies of every kind)
        return error_response(request.url.path, accept, 400, state.templates)
    field_token = form.get(CSRF_FIELD)
    if header_token is None and not (isinstance(field_token, str) and same_secret(field_token, state.csrf_token)):
        return error_response(request.url.path, accept, 403, state.templates)
    try:
        job = state.uploads.submit(await _uploaded_files(form))
    except UploadRejected as rejected:
        return _rejected(request, str(rejected))
    if "application/json" in accept:
        return JSONResponse(job.model_dump(), status_code=202)
    return RedirectResponse(f"/jobs/{job.id}", status_code=303)


async def _uploaded_files(form: Any) -> list[UploadedFile]:
    files: list[UploadedFile] = []
    for item in form.getlist("files"):
        if isinstance(item, UploadFile) and item.filename:
            files.append(UploadedFile(item.filename, await item.read(MAX_FILE_BYTES + 1)))
    text, title = form.get("text"), form.get("title")
    if isinstance(text, str) and text.strip():
        files.append(pasted_text_file(text, title if isinstance(title, str) else ""))
    return files


def _rejected(request: Request, message: str) -> Response:
    """A 400 for a rejected upload; the message is ours (limits), never the request's content."""
    if "application/json" in request.headers.get("accept", ""):
        return JSONResponse({"error": message, "status": 400}, status_code=400)
    return render(request, "upload.html.j2", "/upload.json", status_code=400, page=_limits(request), error=message)


def _job(request: Request, job_id: str) -> JobOut:
    job = web_state(request).uploads.get(job_id)
    if job is None:
        raise HTTPException(404)
    return job


@router.get("/jobs/{job_id}.json", response_model=JobOut, responses=NOT_FOUND, tags=["upload"])
def job_json(request: Request, job_id: str) -> JobOut:
    """Progress of one upload (poll until ``state`` is ``done`` or ``failed``)."""
    return _job(request, job_id)


@router.get("/jobs/{job_id}", include_in_schema=False)
def job_page(request: Request, job_id: str) -> Response:
    """The progress page of one upload."""
    job = _job(request, job_id)
    return render(request, "job.html.j2", f"/jobs/{job.id}.json", page=job)
