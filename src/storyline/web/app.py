"""The web app: FastAPI over a Storyline store, HTML pages with ``.json`` twins, and its guards.

Pages read through read-only connections (SQLite or PostgreSQL); only the upload worker opens the
store for writing. Error responses carry a fixed message per status code and never repeat the request.
"""

from __future__ import annotations

import secrets
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from http import HTTPStatus
from importlib import resources
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

from fastapi import FastAPI
from fastapi.exceptions import RequestValidationError
from fastapi.staticfiles import StaticFiles
from jinja2 import Environment, PackageLoader, StrictUndefined
from pydantic import BaseModel
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.requests import Request
from starlette.responses import HTMLResponse, JSONResponse, RedirectResponse, Response
from starlette.types import Scope

from storyline.store_backends import is_postgres_location
from storyline.web.data import SnapshotCache, ensure_store

from storyline.web.security import (
    TOKEN_COOKIE,
    TOKEN_QUERY,
    BodyLimitMiddleware,
    add_security_headers,
    request_hostname,
    same_secret,
    supplied_token,
)
from storyline.web.uploads import MAX_TOTAL_BYTES, BuildFunction, IngestQueue

BODY_LIMIT = MAX_TOTAL_BYTES + 1_000_000
ERROR_MESSAGES = {
    400: "The request could not be understood.",
    401: "This server needs an access token.",
    403: "This request is not allowed.",
    404: "Nothing here: the page or record does not exist.",
    405: "This address does not accept that method.",
    413: "The upload is too large.",
    422: "The request had invalid parameters.",
    500: "Something went wrong on the server.",
}


class ErrorOut(BaseModel):
    """The body of every JSON error response (fixed text; never echoes the request)."""

    error: str
    status: int


@dataclass
class WebState:
    """What request handlers share: the store, the templates, secrets and the upload queue."""

    db_path: str | Path
    cache: SnapshotCache
    templates: Environment
    csrf_token: str
    uploads: IngestQueue


def web_state(request: Request) -> WebState:
    """The app's shared state."""
    state: WebState = request.app.state.web
    return state


def template_environment() -> Environment:
    """Jinja2 templates of the web pages, autoescaping everything."""
    return Environment(
        loader=PackageLoader("storyline.web", "templates"), autoescape=True, undefined=StrictUndefined,
        trim_blocks=True, lstrip_blocks=True,
    )


def render(request: Request, template: str, json_href: str, status_code: int = 200, **context: Any) -> HTMLResponse:
    """Render a page template with the shared context (CSRF token, JSON twin link)."""
    state = web_state(request)
    html = state.templates.get_template(template).render(
        csrf_token=state.csrf_token, json_href=json_href, **context
    )
    return HTMLResponse(html, status_code=status_code)


def wants_json(path: str, accept: str) -> bool:
    """Whether an error for this request should be JSON (a ``.json`` twin or an API client)."""
    return path.endswith(".json") or ("application/json" in accept and "text/html" not in accept)


def error_response(request_path: str, accept: str, status: int, templates: Environment) -> Response:
    """A fixed-text error page or JSON body for ``status``; nothing from the request is shown."""
    message = ERROR_MESSAGES.get(status, ERROR_MESSAGES[500 if status >= 500 else 400])
    if wants_json(request_path, accept):
        response: Response = JSONResponse({"error": message, "status": status}, status_code=status)
    else:
        title = HTTPStatus(status).phrase if status in HTTPStatus._value2member_map_ else "Error"
        html = templates.get_template("error.html.j2").render(
            status=status, title=title, message=message, csrf_token="", json_href=""
        )
        response = HTMLResponse(html, status_code=status)
    return add_security_headers(response)


def _install_error_handlers(app: FastAPI, templates: Environment) -> None:
    def handle(request: Request, status: int) -> Response:
        return error_response(request.url.path, request.headers.get("accept", ""), status, templates)

    async def http_error(request: Request, exc: Exception) -> Response:
        response = handle(request, getattr(exc, "status_code", 500))
        for name, value in (getattr(exc, "headers", None) or {}).items():
            if name.lower() == "allow":
                response.headers["allow"] = value
        return response

    async def validation_error(request: Request, exc: Exception) -> Response:
        return handle(request, 422)

    async def server_error(request: Request, exc: Exception) -> Response:
        return handle(request, 500)

    app.add_exception_handler(StarletteHTTPException, http_error)
    app.add_exception_handler(RequestValidationError, validation_error)
    app.add_exception_handler(Exception, server_error)


def _guard(
    token: str | None, allowed_hosts: tuple[str, ...] | None, templates: Environment
) -> Callable[[Request, Callable[[Request], Awaitable[Response]]], Awaitable[Response]]:
    async def guard(request: Request, call_next: Callable[[Request], Awaitable[Response]]) -> Response:
        accept = request.headers.get("accept", "")
        if allowed_hosts is not None and request_hostname(request) not in allowed_hosts:
            return error_response(request.url.path, accept, 400, templates)
        if token is not None:
            if not same_secret(supplied_token(request), token):
                return error_response(request.url.path, accept, 401, templates)
            if TOKEN_QUERY in request.query_params:
                return _drop_token_from_url(request, token)
        return add_security_headers(await call_next(request))

    return guard


def _drop_token_from_url(request: Request, token: str) -> Response:
    """Move a ``?token=`` into an HttpOnly cookie and redirect to the same page without it."""
    rest = [(k, v) for k, v in request.query_params.multi_items() if k != TOKEN_QUERY]
    target = request.url.path + (f"?{urlencode(rest)}" if rest else "")
    response = RedirectResponse(target, status_code=303)
    response.set_cookie(TOKEN_COOKIE, token, httponly=True, samesite="strict", path="/")
    return add_security_headers(response)


def create_app(
    db_path: str | Path,
    token: str | None = None,
    allowed_hosts: tuple[str, ...] | None = None,
    build: BuildFunction | None = None,
) -> FastAPI:
    """The web app over the store at ``db_path``, a SQLite path or PostgreSQL URL (created if missing).

    ``token``: every request must carry it (bearer header, cookie, or ``?token=`` once).
    ``allowed_hosts``: accepted ``Host`` names (guards a loopback server from DNS rebinding).
    ``build``: the ingest function for uploads (default :func:`storyline.pipeline.build`).
    """
    from storyline.web.routes import router

    path = db_path if is_postgres_location(db_path) else Path(db_path)
    ensure_store(path)
    templates = template_environment()
    cache = SnapshotCache(path)
    if build is None:
        from storyline.pipeline import build as pipeline_build

        build = pipeline_build  # type: ignore[assignment]
    app = FastAPI(
        title="Storyline", version="1", docs_url=None, redoc_url=None, openapi_url="/openapi.json",
        description="Stories, timelines, quotes and figures from news articles; every fact cites its source.",
    )
    app.state.web = WebState(
        db_path=path, cache=cache, templates=templates, csrf_token=secrets.token_urlsafe(32),
        uploads=IngestQueue(path, build, cache.invalidate),  # type: ignore[arg-type]
    )
    static = resources.files("storyline.web").joinpath("static")
    app.mount("/static", StaticFiles(directory=str(static)), name="static")
    app.include_router(router)
    _install_error_handlers(app, templates)
    app.middleware("http")(_guard(token, allowed_hosts, templates))

    async def too_large(scope: Scope) -> Response:
        return error_response(scope.get("path", ""), "", 413, templates)

    app.add_middleware(BodyLimitMiddleware, limit=BODY_LIMIT, on_reject=too_large)
    return app
