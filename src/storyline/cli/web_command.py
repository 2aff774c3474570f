"""`storyline serve`: the local web UI and REST API over the store."""

from __future__ import annotations

import click

from storyline.cli.common import db_option, main, stderr_console

TOKEN_ENV = "STORYLINE_TOKEN"


def check_serve_options(host: str, token: str | None) -> tuple[str, ...] | None:
    """The ``Host`` names to accept; refuse a non-loopback bind without an access token."""
    from storyline.web.security import LOOPBACK_HOSTS, is_loopback

    if is_loopback(host):
        return (*LOOPBACK_HOSTS, host.strip("[]"))
    if not token:
        raise click.UsageError(
            f"--host {host} exposes the store to the network: give --token or set {TOKEN_ENV}"
        )
    return None


@main.command()
@db_option
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to bind (loopback unless told).")
@click.option("--port", default=8000, show_default=True, type=click.IntRange(0, 65535), help="Port to listen on.")
@click.option("--token", envvar=TOKEN_ENV, help=f"Access token every request must carry (or set {TOKEN_ENV}).")
def serve(db_path: str, host: str, port: int, token: str | None) -> None:
    """Open the web UI over the store: stories, timelines, articles, search and uploads.

    Binds to 127.0.0.1 by default. Binding elsewhere (e.g. --host 0.0.0.0) requires a token;
    open http://HOST:PORT/?token=TOKEN once and the browser keeps it in a cookie.
    """
    import uvicorn

    from storyline.store import StoreError
    from storyline.store_backends import display_location

    from storyline.web import create_app

    allowed_hosts = check_serve_options(host, token)
    try:
        app = create_app(db_path, token=token or None, allowed_hosts=allowed_hosts)
    except StoreError as error:
        raise click.ClickException(str(error)) from error
    where = display_location(db_path)
    stderr_console().print(f"serving {where} on http://{host}:{port}/", highlight=False, markup=False)
    uvicorn.run(app, host=host, port=port, log_level="warning")
