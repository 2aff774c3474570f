"""An article's text as HTML with every extracted span highlighted at its character offsets.

Spans of different kinds overlap freely (an entity inside a quote inside a cited sentence), so the
text is cut at every span boundary and each piece carries the classes of all spans covering it.
Every span also gets an empty anchor (``id="cite-<start>-<end>"``) where it starts, so links land
on it; ``data-c`` on each piece lists the anchors covering it, which the page script uses to mark
the whole span a link landed on. All text is escaped; markup comes only from this module.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from itertools import pairwise

from markupsafe import Markup, escape

from storyline.web.views import SpanOut, cite_anchor


def _anchors_by_offset(spans: Sequence[SpanOut]) -> dict[int, list[str]]:
    anchors: dict[int, list[str]] = defaultdict(list)
    for start, end in sorted({(s.start, s.end) for s in spans}):
        anchors[start].append(cite_anchor(start, end))
    return anchors


def _piece(chunk: str, covering: Sequence[SpanOut]) -> str:
    escaped = str(escape(chunk))
    if not covering:
        return escaped
    classes = " ".join(f"hl-{kind}" for kind in sorted({s.kind for s in covering}))
    title = "; ".join(dict.fromkeys(s.label for s in covering))
    cites = " ".join(sorted({cite_anchor(s.start, s.end) for s in covering}))
    entity = next((s for s in covering if s.kind == "entity" and s.href), None)
    attributes = f'class="{classes}" title="{escape(title)}" data-c="{cites}"'
    if entity is not None:
        return f'<a {attributes} href="{escape(entity.href)}">{escaped}</a>'
    return f"<span {attributes}>{escaped}</span>"


def highlight_text(text: str, spans: Sequence[SpanOut]) -> Markup:
    """Escaped ``text`` with each piece wrapped in the classes of the spans that cover it."""
    inside = [s for s in spans if 0 <= s.start < s.end <= len(text)]
    boundaries = sorted({0, len(text), *(s.start for s in inside), *(s.end for s in inside)})
    anchors = _anchors_by_offset(inside)
    pieces: list[str] = []
    for left, right in pairwise(boundaries):
        pieces += [f'<span class="anchor" id="{ident}"></span>' for ident in anchors.get(left, [])]
        covering = [s for s in inside if s.start <= left and s.end >= right]
        pieces.append(_piece(text[left:right], covering))
    return Markup("".join(pieces))
