"""HTML export: the static report page (:func:`storyline.report.render_html`)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from storyline.report import render_html


def render_html_report(document: Mapping[str, Any]) -> str:
    """The self-contained HTML report of the export document."""
    return render_html(document)
