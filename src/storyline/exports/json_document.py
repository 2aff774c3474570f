"""JSON export: the export document itself (schema in ``storyline/schema/export.schema.json``)."""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any


def render_json(document: Mapping[str, Any]) -> str:
    """The export document as indented JSON (non-ASCII text kept as is)."""
    return json.dumps(document, ensure_ascii=False, indent=2)
