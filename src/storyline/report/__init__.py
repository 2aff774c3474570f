"""Report stage: terminal (rich) and static HTML (Jinja2) renderings of the export document."""

from storyline.report.html import render_html
from storyline.report.terminal import (
    figure_rows,
    format_date,
    format_value,
    print_rows,
    quote_rows,
    render_terminal,
    timeline_rows,
)

__all__ = [
    "figure_rows",
    "format_date",
    "format_value",
    "print_rows",
    "quote_rows",
    "render_html",
    "render_terminal",
    "timeline_rows",
]
