"""End to end in real headless Chromium: open the story, follow a timeline event to its sentence,
search, upload a file and watch it being ingested, and check a screenshot is not blank."""

from __future__ import annotations

import statistics
import struct
import zlib
from pathlib import Path
from typing import Any

from playwright.sync_api import expect


def _open_story(page: Any, base_url: str) -> None:
    page.goto(f"{base_url}/stories")
    page.click("a.story-link")
    page.wait_for_selector("svg.timeline-chart a.event")


def test_timeline_event_lands_on_its_sentence(page: Any, base_url: str) -> None:
    _open_story(page, base_url)
    events = page.locator("svg.timeline-chart a.event")
    assert events.count() >= 5
    entry_text = page.locator("ol.timeline li").nth(3).inner_text()
    events.nth(3).click()
    page.wait_for_url("**/articles/**#cite-*")
    landed = page.locator(".landed")
    assert landed.count() > 0
    sentence = "".join(landed.all_inner_texts())
    assert sentence and sentence[:40] in entry_text
    assert landed.first.is_visible()
    box = landed.first.bounding_box()
    assert box and 0 <= box["y"] <= 900


def test_timeline_zoom_and_back(page: Any, base_url: str) -> None:
    _open_story(page, base_url)
    shown = page.locator("svg.timeline-chart a.event").count()
    last = page.locator("ol.timeline time").last.get_attribute("datetime")
    ticks = page.locator("a.zoom-tick")
    starts = [ticks.nth(i).get_attribute("data-from") for i in range(ticks.count())]
    ticks.nth(max(i for i, start in enumerate(starts) if start <= last)).click()
    page.wait_for_url("**from=*")
    zoomed = page.locator("svg.timeline-chart a.event").count()
    assert "from=" in page.url and 0 < zoomed < shown


def test_search(page: Any, base_url: str) -> None:
    page.goto(f"{base_url}/stories")
    page.fill("input[name=q]", "abductees")
    page.press("input[name=q]", "Enter")
    page.wait_for_selector("ol.hits li")
    assert page.locator("ol.hits mark").first.inner_text().lower().startswith("abductee")
    page.click("ol.hits li.hit-quote a")
    page.wait_for_url("**/articles/**#cite-*")
    assert "abductees" in "".join(page.locator(".landed").all_inner_texts())


def test_upload_a_file(page: Any, base_url: str, tmp_path: Path) -> None:
    article = tmp_path / "harbour.txt"
    article.write_text(
        "Harbour reopens after storm\n\nThe city harbour reopened on Tuesday, officials said. "
        '"We are open for business again," said Mayor Jane Holloway.\n', encoding="utf-8",
    )
    page.goto(f"{base_url}/upload")
    page.set_input_files("#files", str(article))
    page.click("#upload-form button[type=submit]")
    page.wait_for_url("**/jobs/*")
    expect(page.locator("#job")).to_have_attribute("data-state", "done", timeout=60_000)
    assert "added 1" in page.locator("#job-message").inner_text()
    page.goto(f"{base_url}/search?q=Holloway")
    assert page.locator("ol.hits li").count() >= 1


def _png_gray_values(png: bytes) -> list[int]:
    """Decompressed scanline bytes of a PNG (filter bytes dropped): enough to tell blank from not."""
    _width, height = struct.unpack(">II", png[16:24])
    data, position = b"", 8
    while position < len(png):
        length, kind = struct.unpack(">I4s", png[position:position + 8])
        if kind == b"IDAT":
            data += png[position + 8:position + 8 + length]
        position += 12 + length
    raw = zlib.decompress(data)
    stride = len(raw) // height
    return [b for row in range(0, height, 8) for b in raw[row * stride + 1:(row + 1) * stride:7]]


def test_screenshot_is_not_blank(page: Any, base_url: str) -> None:
    _open_story(page, base_url)
    shot = page.screenshot(full_page=False)
    values = _png_gray_values(shot)
    assert len(values) > 1000
    assert statistics.pvariance(values) > 100
