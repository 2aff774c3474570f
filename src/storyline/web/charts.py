"""Charts drawn with matplotlib as server-side SVG: the zoomable timeline, articles per day, who is
quoted how often.

matplotlib is a maintained plotting library that renders offline to SVG: no JavaScript, no CDN and no
asset in the repository, and the page keeps a strict ``script-src 'self'`` CSP. matplotlib writes
hyperlinks for artists given a URL; each link is drawn with a placeholder URL that is then replaced by
our escaped ``<a>`` (class, id, data attributes, real href), so event markers link to their source
sentence. Text is drawn with maths parsing off and escaped by matplotlib's SVG writer. Zooming is done
by the server: the window is the ``from``/``to`` query, and zoom/pan links and clickable axis labels
change it, so it also works with scripts off.
"""

from __future__ import annotations

import calendar
import io
import math
import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any
from urllib.parse import urlencode

import matplotlib
from markupsafe import Markup, escape
from matplotlib.figure import Figure

from storyline.web.views import Bar, TimelineEntryOut

WIDTH = 960
MARGIN = 40
ROW = 18
DPI = 72
_LINK_PLACEHOLDER = re.compile(r'<a xlink:href="#storyline-link-(\d+)"[^>]*>')
_STYLE_ATTRIBUTE = re.compile(r'style="([^"]*)"')
_STYLE_ELEMENT = re.compile(r"<style[^>]*>.*?</style>", re.DOTALL)
matplotlib.rcParams.update({"svg.fonttype": "none", "text.parse_math": False, "svg.hashsalt": "storyline"})
MIN_WINDOW_DAYS = 7
_ISO = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")
_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


@dataclass(frozen=True)
class Window:
    """The date range a timeline chart shows (both ends included)."""

    start: date
    end: date

    @property
    def days(self) -> int:
        """Length of the window in days, at least one."""
        return max(1, (self.end - self.start).days)

    def query(self) -> str:
        """The ``?from=…&to=…`` query that shows this window."""
        return "?" + urlencode({"from": self.start.isoformat(), "to": self.end.isoformat()})


@dataclass(frozen=True)
class TimelineChart:
    """The timeline SVG plus its zoom and pan links."""

    svg: Markup
    window: Window
    shown: int
    hidden: int
    zoom_in: str
    zoom_out: str
    earlier: str
    later: str


def period(iso: str, last: bool = False) -> date | None:
    """First (or last) day of ``2018``, ``2018-11`` or ``2018-11-13``; ``None`` if not such a date."""
    match = _ISO.match(iso.strip()) if isinstance(iso, str) else None
    if not match:
        return None
    year, month, day = int(match[1]), int(match[2] or (12 if last else 1)), match[3]
    try:
        if day is not None:
            return date(year, month, int(day))
        return date(year, month, calendar.monthrange(year, month)[1] if last else 1)
    except ValueError:
        return None


def choose_window(entries: Sequence[TimelineEntryOut], start: str | None, end: str | None) -> Window | None:
    """The requested window when valid, else all entries with a little room on each side."""
    first = period(start) if start else None
    last = period(end, last=True) if end else None
    if first and last and first <= last:
        return Window(first, max(last, _add(first, 1)))
    dated = [d for d in (period(e.date) for e in entries) if d]
    if not dated:
        return None
    low, high = min(dated), max(dated)
    pad = max(MIN_WINDOW_DAYS, (high - low).days // 20)
    return Window(_add(low, -pad), _add(high, pad))


def _ticks(window: Window) -> list[tuple[date, str, str | None]]:
    """Axis ticks ``(day, label, zoom query)``: years, months or days depending on the window."""
    if window.days > 3 * 366:
        step = math.ceil((window.end.year - window.start.year + 1) / 10)
        years = range(window.start.year + 1, window.end.year + 1, step)
        return [(date(y, 1, 1), str(y), Window(date(y, 1, 1), date(y, 12, 31)).query()) for y in years]
    if window.days > 92:
        ticks: list[tuple[date, str, str | None]] = []
        month = date(window.start.year, window.start.month, 1)
        step = math.ceil(window.days / 30 / 12)
        while month <= window.end:
            if month >= window.start and (month.year * 12 + month.month) % step == 0:
                until = _add(_month_after(month, step), -1)
                ticks.append((month, f"{_MONTHS[month.month - 1]} {month.year}", Window(month, until).query()))
            month = date(month.year + month.month // 12, month.month % 12 + 1, 1)
        return ticks
    step = math.ceil(window.days / 10)
    days = (window.start + timedelta(days=n) for n in range(0, window.days + 1, step))
    return [(d, f"{d.day} {_MONTHS[d.month - 1]}", None) for d in days]


def _month_after(month: date, count: int) -> date:
    """The first day of the month ``count`` months after ``month``."""
    index = month.year * 12 + month.month - 1 + count
    return date(index // 12, index % 12 + 1, 1)


class _Links:
    """Placeholder URLs for matplotlib artists, swapped for our own ``<a>`` tags after rendering."""

    def __init__(self) -> None:
        self.tags: list[str] = []

    def add(self, attributes: dict[str, str]) -> str:
        """Register an ``<a>`` with these attributes (escaped here); returns the placeholder URL."""
        self.tags.append("<a " + " ".join(f'{k}="{escape(v)}"' for k, v in attributes.items()) + ">")
        return f"#storyline-link-{len(self.tags) - 1}"

    def render(self, figure: Figure, css_class: str, label: str) -> Markup:
        """The figure as inline SVG with the real links and our class and label on the root."""
        buffer = io.StringIO()
        figure.savefig(buffer, format="svg", metadata={"Date": None, "Creator": None})
        svg = buffer.getvalue()
        svg = svg[svg.index("<svg"):]
        svg = _LINK_PLACEHOLDER.sub(lambda m: self.tags[int(m[1])], svg)
        svg = _STYLE_ATTRIBUTE.sub(_presentation_attributes, _STYLE_ELEMENT.sub("", svg))
        svg = svg.replace("<svg ", f'<svg class="{escape(css_class)}" role="img" aria-label="{escape(label)}" ', 1)
        return Markup(svg)


def _presentation_attributes(match: re.Match[str]) -> str:
    """``style="fill: #fff; stroke: none"`` as ``fill="#fff" stroke="none"``: the page's CSP forbids
    inline styles, while SVG presentation attributes are allowed. The values come from matplotlib."""
    pairs = (part.split(":", 1) for part in match[1].split(";") if ":" in part)
    return " ".join(f'{name.strip()}="{value.strip()}"' for name, value in pairs)


def _figure(width: float, height: float) -> Figure:
    figure = Figure(figsize=(width / DPI, height / DPI), dpi=DPI)
    figure.patch.set_alpha(0)
    return figure


def _short(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _stacked(xs: Sequence[float]) -> list[int]:
    """Row of each marker so markers closer than a marker's width stack upwards."""
    rows: list[int] = []
    last_x: dict[int, float] = {}
    for x in xs:
        row = next(r for r in range(len(xs) + 1) if x - last_x.get(r, -1e9) >= 16)
        last_x[row] = x
        rows.append(row)
    return rows


def timeline_chart(
    entries: Sequence[TimelineEntryOut], base_url: str, start: str | None = None, end: str | None = None
) -> TimelineChart | None:
    """The zoomable timeline of a story; ``None`` when no entry has a date."""
    window = choose_window(entries, start, end)
    if window is None:
        return None
    placed = [(e, d, i) for i, e in enumerate(entries) if (d := period(e.date)) and window.start <= d <= window.end]
    days = [(d - window.start).days for _e, d, _i in placed]
    rows = _stacked([MARGIN + day / window.days * (WIDTH - 2 * MARGIN) for day in days])
    height = 60 + ROW * (max(rows, default=0) + 1)
    figure, links = _figure(WIDTH, height), _Links()
    axes = figure.add_axes((MARGIN / WIDTH, 30 / height, 1 - 2 * MARGIN / WIDTH, 1 - 36 / height))
    axes.set_xlim(0, window.days)
    axes.set_ylim(-0.5, max(rows, default=0) + 0.8)
    for (entry, _d, index), day, row in zip(placed, days, rows):
        marker = axes.scatter([day], [row], s=110, zorder=3, color=_MARKER_COLOURS.get(entry.granularity, "#555"))
        if entry.citations:
            marker.set_urls([links.add(_event_link(entry, index))])
    _draw_axis(axes, window, base_url, links)
    svg = links.render(figure, "chart timeline-chart", f"Timeline, {len(placed)} events")
    return TimelineChart(svg, window, len(placed), len(entries) - len(placed), *_zoom_links(window, base_url))


_MARKER_COLOURS = {"day": "#1f5fa8", "month": "#4f8fd0", "year": "#9bbde6"}


def _event_link(entry: TimelineEntryOut, index: int) -> dict[str, str]:
    label = f"{entry.when}: {_short(entry.text, 160)}"
    return {"class": "event", "id": f"event-{index}", "href": entry.citations[0].href,
            "data-date": entry.date, "aria-label": label}


def _draw_axis(axes: Any, window: Window, base_url: str, links: _Links) -> None:
    axes.set_yticks([])
    for side in ("left", "right", "top"):
        axes.spines[side].set_visible(False)
    ticks = _ticks(window)
    axes.set_xticks([(day - window.start).days for day, _label, _query in ticks])
    labels = axes.set_xticklabels([label for _day, label, _query in ticks], fontsize=11)
    for text, (day, _label, query) in zip(labels, ticks):
        if query:
            text.set_url(links.add({"class": "zoom-tick", "data-from": day.isoformat(),
                                    "href": f"{base_url}{query}#timeline"}))


def _add(day: date, days: int) -> date:
    """``day`` moved by ``days``, kept inside the dates Python can represent."""
    ordinal = min(max(day.toordinal() + days, date.min.toordinal()), date.max.toordinal())
    return date.fromordinal(ordinal)


def _zoom_links(window: Window, base_url: str) -> tuple[str, str, str, str]:
    days, middle = window.days, _add(window.start, window.days // 2)
    half, shift = max(MIN_WINDOW_DAYS, days // 4), max(1, days // 2)
    zoom_in = Window(_add(middle, -half), _add(middle, half))
    zoom_out = Window(_add(middle, -days), _add(middle, days))
    earlier = Window(_add(window.start, -shift), _add(window.end, -shift))
    later = Window(_add(window.start, shift), _add(window.end, shift))
    return tuple(f"{base_url}{w.query()}#timeline" for w in (zoom_in, zoom_out, earlier, later))  # type: ignore[return-value]


def columns_svg(bars: Sequence[Bar], label: str) -> Markup:
    """A column chart (articles per day): one labelled column per bar, in the given order."""
    if not bars:
        return Markup("")
    width = max(240, min(WIDTH, 70 * len(bars) + 2 * MARGIN))
    figure, links = _figure(width, 170), _Links()
    axes = figure.add_axes((MARGIN / width, 0.2, 1 - 2 * MARGIN / width, 0.72))
    positions = range(len(bars))
    drawn = axes.bar(positions, [b.count for b in bars], color="#4f8fd0")
    axes.bar_label(drawn, fontsize=10)
    axes.set_xticks(list(positions), [_short(b.label, 14) for b in bars], fontsize=10)
    axes.set_yticks([])
    for side in ("left", "right", "top"):
        axes.spines[side].set_visible(False)
    return links.render(figure, "chart", label)


def bars_svg(bars: Sequence[Bar], label: str) -> Markup:
    """A horizontal bar chart (who is quoted how often); bars with an ``href`` are links."""
    if not bars:
        return Markup("")
    height = 24 * len(bars) + 20
    figure, links = _figure(WIDTH, height), _Links()
    axes = figure.add_axes((230 / WIDTH, 10 / height, 1 - 290 / WIDTH, 1 - 20 / height))
    positions = list(range(len(bars)))
    drawn = axes.barh(positions, [b.count for b in bars], color="#4f8fd0", height=0.75)
    axes.bar_label(drawn, fontsize=10, padding=4)
    axes.set_yticks(positions, [_short(b.label, 32) for b in bars], fontsize=11)
    axes.invert_yaxis()
    axes.set_xticks([])
    for side in ("right", "top", "bottom"):
        axes.spines[side].set_visible(False)
    for patch, bar in zip(drawn.patches, bars):
        if bar.href:
            patch.set_url(links.add({"href": bar.href}))
    return links.render(figure, "chart", label)
