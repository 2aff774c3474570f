"""Charts as server-side SVG: the zoomable timeline, articles per day, who is quoted how often.

Why SVG made here rather than a plotting library: it needs no JavaScript and no third-party
asset at all (works offline, passes a strict ``script-src 'self'`` CSP), each event marker is an
ordinary ``<a>`` link to its source sentence, and all text goes through ``markupsafe.escape``.
Zooming is done by the server: the window is the ``from``/``to`` query, and zoom/pan links and
clickable axis labels change it, so it also works with scripts off.
"""

from __future__ import annotations

import calendar
import math
import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from urllib.parse import urlencode

from markupsafe import Markup, escape

from storyline.web.views import Bar, TimelineEntryOut

WIDTH = 960
MARGIN = 40
ROW = 18
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


def _x(day: date, window: Window) -> float:
    return MARGIN + (day - window.start).days / window.days * (WIDTH - 2 * MARGIN)


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


def _axis(window: Window, axis_y: int, base_url: str) -> list[str]:
    parts = [f'<line class="axis" x1="{MARGIN}" y1="{axis_y}" x2="{WIDTH - MARGIN}" y2="{axis_y}"/>']
    for day, label, query in _ticks(window):
        x = _x(day, window)
        text = f'<text class="tick" x="{x:.1f}" y="{axis_y + 18}" text-anchor="middle">{escape(label)}</text>'
        if query:
            text = (f'<a class="zoom-tick" data-from="{day.isoformat()}"'
                    f' href="{escape(base_url + query)}#timeline">{text}</a>')
        parts += [f'<line class="tick" x1="{x:.1f}" y1="{axis_y}" x2="{x:.1f}" y2="{axis_y + 5}"/>', text]
    return parts


def _marker(entry: TimelineEntryOut, x: float, y: float, index: int) -> str:
    summary = entry.text if len(entry.text) <= 160 else entry.text[:157] + "…"
    circle = (f'<circle class="marker marker-{escape(entry.granularity)}" cx="{x:.1f}" cy="{y:.1f}" r="7"/>'
              f"<title>{escape(entry.when)}: {escape(summary)}</title>")
    if not entry.citations:
        return circle
    href = escape(entry.citations[0].href)
    return (f'<a class="event" id="event-{index}" href="{href}" data-date="{escape(entry.date)}"'
            f' aria-label="{escape(entry.when)}: {escape(summary)}">{circle}</a>')


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
    xs = [_x(d, window) for _e, d, _i in placed]
    rows = _stacked(xs)
    axis_y = 30 + ROW * (max(rows, default=0) + 1)
    body = [_marker(e, x, axis_y - 12 - ROW * row, i) for (e, _d, i), x, row in zip(placed, xs, rows)]
    body += _axis(window, axis_y, base_url)
    height = axis_y + 30
    svg = Markup(
        f'<svg class="chart timeline-chart" viewBox="0 0 {WIDTH} {height}" role="img"'
        f' aria-label="Timeline, {len(placed)} events">{"".join(body)}</svg>'
    )
    return TimelineChart(svg, window, len(placed), len(entries) - len(placed), *_zoom_links(window, base_url))


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
    top = max(b.count for b in bars)
    width = max(240, min(WIDTH, 70 * len(bars) + 2 * MARGIN))
    slot = (width - 2 * MARGIN) / len(bars)
    parts: list[str] = []
    for index, bar in enumerate(bars):
        height = 100 * bar.count / top
        x = MARGIN + index * slot + slot * 0.15
        parts.append(
            f'<rect class="bar" x="{x:.1f}" y="{130 - height:.1f}" width="{slot * 0.7:.1f}" height="{height:.1f}">'
            f"<title>{escape(bar.label)}: {bar.count}</title></rect>"
            f'<text class="count" x="{x + slot * 0.35:.1f}" y="{124 - height:.1f}" text-anchor="middle">{bar.count}</text>'
            f'<text class="tick" x="{x + slot * 0.35:.1f}" y="148" text-anchor="middle">{escape(bar.label)}</text>'
        )
    return Markup(f'<svg class="chart" viewBox="0 0 {width} 160" role="img" aria-label="{escape(label)}">'
                  f'{"".join(parts)}</svg>')


def bars_svg(bars: Sequence[Bar], label: str) -> Markup:
    """A horizontal bar chart (who is quoted how often); bars with an ``href`` are links."""
    if not bars:
        return Markup("")
    top, left, height = max(b.count for b in bars), 220, 24 * len(bars) + 10
    parts: list[str] = []
    for index, bar in enumerate(bars):
        y, length = 5 + 24 * index, (WIDTH - left - 60) * bar.count / top
        name = bar.label if len(bar.label) <= 32 else bar.label[:31] + "…"
        row = (f'<text class="tick" x="{left - 8}" y="{y + 14}" text-anchor="end">{escape(name)}</text>'
               f'<rect class="bar" x="{left}" y="{y}" width="{length:.1f}" height="18">'
               f"<title>{escape(bar.label)}: {bar.count}</title></rect>"
               f'<text class="count" x="{left + length + 6:.1f}" y="{y + 14}">{bar.count}</text>')
        if bar.href:
            row = f'<a href="{escape(bar.href)}">{row}</a>'
        parts.append(row)
    return Markup(f'<svg class="chart" viewBox="0 0 {WIDTH} {height}" role="img" aria-label="{escape(label)}">'
                  f'{"".join(parts)}</svg>')
