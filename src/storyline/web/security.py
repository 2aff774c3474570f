"""Request guards: host check, access token, CSRF token, request body limit and response headers."""

from __future__ import annotations

import hmac
from collections.abc import Awaitable, Callable, Iterable
from urllib.parse import urlsplit

from starlette.requests import Request
from starlette.responses import Response
from starlette.types import ASGIApp, Message, Receive, Scope, Send

LOOPBACK_HOSTS = ("127.0.0.1", "localhost", "::1")
TOKEN_COOKIE = "storyline_token"
TOKEN_QUERY = "token"
CSRF_HEADER = "x-csrf-token"
CSRF_FIELD = "csrf_token"
CONTENT_SECURITY_POLICY = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; object-src 'none'; "
    "base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
)
SECURITY_HEADERS = {
    "content-security-policy": CONTENT_SECURITY_POLICY,
    "x-content-type-options": "nosniff",
    "referrer-policy": "same-origin",
    "x-frame-options": "DENY",
    "cross-origin-opener-policy": "same-origin",
}


def is_loopback(host: str) -> bool:
    """Whether binding to ``host`` only accepts connections from this machine."""
    return host.strip("[]") in LOOPBACK_HOSTS or host.startswith("127.")


def request_hostname(request: Request) -> str:
    """The host name the client asked for (``Host`` header without the port), lower-cased."""
    try:
        return (urlsplit("//" + request.headers.get("host", "")).hostname or "").lower()
    except ValueError:
        return ""


def same_secret(supplied: str | None, expected: str) -> bool:
    """Constant-time comparison of a supplied secret with the expected one."""
    return supplied is not None and hmac.compare_digest(supplied.encode(), expected.encode())


def supplied_token(request: Request) -> str | None:
    """The access token a request carries: bearer header, then cookie, then ``?token=``."""
    header = request.headers.get("authorization", "")
    if header.lower().startswith("bearer "):
        return header[7:].strip()
    return request.cookies.get(TOKEN_COOKIE) or request.query_params.get(TOKEN_QUERY)


def origin_allowed(request: Request) -> bool:
    """A state-changing request's ``Origin`` (when sent) must be this server."""
    origin = request.headers.get("origin")
    if origin is None:
        return True
    try:
        parts = urlsplit(origin)
    except ValueError:
        return False
    return parts.netloc.lower() == request.headers.get("host", "").lower()


def add_security_headers(response: Response) -> Response:
    """Set the CSP and the other hardening headers on a response."""
    for name, value in SECURITY_HEADERS.items():
        response.headers.setdefault(name, value)
    return response


class BodyTooLarge(Exception):
    """The request body went over the limit."""


class BodyLimitMiddleware:
    """Refuse request bodies over ``limit`` bytes with 413, whether or not Content-Length is sent."""

    def __init__(self, app: ASGIApp, limit: int, on_reject: Callable[[Scope], Awaitable[Response]]) -> None:
        """Wrap ``app``; ``on_reject`` builds the 413 response."""
        self.app = app
        self.limit = limit
        self.on_reject = on_reject

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        """Count body bytes as the app reads them; answer 413 once over the limit."""
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        if _declared_length(scope.get("headers", ())) > self.limit:
            await (await self.on_reject(scope))(scope, receive, send)
            return
        received = 0
        started = False

        async def counting_receive() -> Message:
            nonlocal received
            message = await receive()
            received += len(message.get("body", b""))
            if received > self.limit:
                raise BodyTooLarge
            return message

        async def tracking_send(message: Message) -> None:
            nonlocal started
            started = started or message["type"] == "http.response.start"
            await send(message)

        try:
            await self.app(scope, counting_receive, tracking_send)
        except BodyTooLarge:
            if not started:
                await (await self.on_reject(scope))(scope, receive, send)


def _declared_length(headers: Iterable[tuple[bytes, bytes]]) -> int:
    for name, value in headers:
        if name.lower() == b"content-length":
            try:
                return int(value)
            except ValueError:
                return 0
    return 0
