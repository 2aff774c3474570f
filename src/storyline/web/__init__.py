"""The local web UI and REST API over a Storyline store (``storyline serve``)."""

from storyline.web.app import create_app

__all__ = ["create_app"]
