"""The Ray engine builds exactly what the local engine builds, from every input shape it reads.

Ray tests share one local Ray session (each ``ray.init`` costs seconds); the Parquet reader
test at the top runs without Ray.
"""

from __future__ import annotations

import io
import json
from collections.abc import Iterator
from datetime import date, datetime
from pathlib import Path
from typing import Any

import pytest
from conftest import EXAMPLES_DIR, SEEDS_DIR

from storyline.export import export_document
from storyline.ingest import ReadError, read_paths
from storyline.models import RawDocument
from storyline.pipeline import BuildReport, build
from storyline.store import Store

DEMO_DIR = EXAMPLES_DIR / "us-japan-trade"
RECORDS = [
    {"title": "Talks resume", "published": "2019-04-15", "text": "Officials met in Washington on Monday."},
    {"title": "No body", "published": "2019-04-16", "text": ""},
    {"title": "Markup", "url": "https://news.example/m", "text": "<p>One.</p><p>Two.</p><div>Three.</div>"},
]


def test_parquet_records_read_like_jsonl(tmp_path: Path) -> None:
    pq = pytest.importorskip("pyarrow.parquet")
    import pyarrow as pa  # type: ignore[import-untyped]

    columns = ("title", "published", "url", "text")  # from_pylist would take the first row's keys only
    pq.write_table(pa.table({name: [r.get(name) for r in RECORDS] for name in columns}), tmp_path / "feed.parquet")
    (tmp_path / "feed.jsonl").write_text("".join(json.dumps(r) + "\n" for r in RECORDS), encoding="utf-8")
    from_parquet = list(read_paths([str(tmp_path / "feed.parquet")]))
    from_jsonl = list(read_paths([str(tmp_path / "feed.jsonl")]))
    assert [_without_source(item) for item in from_parquet] == [_without_source(item) for item in from_jsonl]
    assert [item.path for item in from_parquet] == [f"{tmp_path}/feed.parquet:{n}" for n in (1, 2, 3)]
    assert isinstance(from_parquet[1], ReadError) and from_parquet[1].message.startswith("row 2: no non-empty")


def test_parquet_dates_become_iso_and_damaged_files_are_errors(tmp_path: Path) -> None:
    pq = pytest.importorskip("pyarrow.parquet")
    import pyarrow as pa  # type: ignore[import-untyped]

    table = pa.table({"body": ["Text one.", "Text two."], "date": [date(2020, 5, 1), None],
                      "seen": [datetime(2020, 5, 1, 9, 30), None]})
    pq.write_table(table, tmp_path / "a.parquet")
    (tmp_path / "b.parquet").write_bytes(b"PAR1 this is not parquet")
    items = list(read_paths([str(tmp_path)]))
    assert [(i.content, i.published) for i in items if isinstance(i, RawDocument)] == [
        ("Text one.", "2020-05-01"), ("Text two.", None)]
    errors = [i for i in items if isinstance(i, ReadError)]
    assert [e.path for e in errors] == [str(tmp_path / "b.parquet")]
    assert errors[0].message.startswith("invalid Parquet")


def _without_source(item: RawDocument | ReadError) -> tuple[Any, ...]:
    if isinstance(item, ReadError):
        return ("error", item.message.split(": ", 1)[1])  # "row 2: ..." for Parquet, "line 2: ..." for JSONL
    return (item.content, item.kind, item.title, item.url, item.published)


# --- the Ray engine ---------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def ray_session() -> Iterator[None]:
    """One quiet local Ray for the module; build_with_ray reuses it and leaves it running."""
    ray = pytest.importorskip("ray")
    pytest.importorskip("ray.data")
    started = not ray.is_initialized()
    if started:
        ray.init(num_cpus=3, object_store_memory=256 * 1024 * 1024, include_dashboard=False,
                 logging_level="warning", log_to_driver=False)
    yield
    if started:
        ray.shutdown()


def _both_engines(paths: list[str], folder: Path, locations: Any) -> tuple[BuildReport, dict[str, Any], Any]:
    """Build ``paths`` with the default path (local engine into SQLite) and with Ray into the
    test store (PostgreSQL when the suite runs on it); the Ray report, each export document
    (local first, Ray second) and the Ray store's location."""
    from storyline.ray_engine import build_with_ray

    with Store(folder / "local.db") as store:
        local_report = build(paths, store)
        local = export_document(store)
    ray_db = locations.new(folder, "ray.db")
    with Store(ray_db) as store:
        ray_report = build_with_ray(paths, store, workers=2, batch_size=4)
        on_ray = export_document(store)
    assert ray_report == local_report
    return ray_report, {"local": local, "ray": on_ray}, ray_db


@pytest.mark.usefixtures("ray_session")
def test_seeds_and_demo_match_local_and_rerun_adds_nothing(tmp_path: Path, store_locations: Any) -> None:
    if not SEEDS_DIR.is_dir():
        pytest.skip("../shared/seeds is not present")
    from storyline.ray_engine import build_with_ray

    paths = [str(SEEDS_DIR), str(DEMO_DIR)]
    report, documents, ray_db = _both_engines(paths, tmp_path, store_locations)
    assert report.added == report.read > 10 and not report.errors
    assert documents["ray"] == documents["local"]
    with Store(ray_db) as store:
        again = build_with_ray(paths, store, workers=2)
        assert (again.read, again.added, again.skipped) == (report.read, 0, report.read)
        assert export_document(store) == documents["local"]


def _warc_gz(pages: list[tuple[str, str]]) -> bytes:
    from warcio.statusandheaders import StatusAndHeaders  # type: ignore[import-untyped]
    from warcio.warcwriter import WARCWriter  # type: ignore[import-untyped]

    buffer = io.BytesIO()
    writer = WARCWriter(buffer, gzip=True)
    for uri, html in pages:
        headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1")
        writer.write_record(writer.create_warc_record(uri, "response", payload=io.BytesIO(html.encode()),
                                                      http_headers=headers))
    return buffer.getvalue()


def _write_shards(folder: Path) -> None:
    """The demo articles spread over JSONL, Parquet and WARC shards, plus broken shards."""
    import pyarrow as pa  # type: ignore[import-untyped]
    import pyarrow.parquet as pq  # type: ignore[import-untyped]

    texts = [{"text": p.read_text(encoding="utf-8"), "title": p.stem} for p in sorted(DEMO_DIR.glob("*.txt"))]
    pages = [(f"https://news.example/{p.stem}", p.read_text(encoding="utf-8")) for p in sorted(DEMO_DIR.glob("*.html"))]
    folder.mkdir()
    (folder / "a.jsonl").write_text("".join(json.dumps(r) + "\n" for r in texts[:3]), encoding="utf-8")
    pq.write_table(pa.Table.from_pylist(texts[3:]), folder / "b.parquet")
    (folder / "c.warc.gz").write_bytes(_warc_gz(pages))
    (folder / "d-broken.jsonl").write_text('{"text": "A lone good line about trade talks."}\n{not json\n')
    (folder / "e-broken.parquet").write_bytes(b"PAR1 truncated")
    (folder / "f-copy.jsonl").write_text(json.dumps(texts[0]) + "\n", encoding="utf-8")


@pytest.mark.usefixtures("ray_session")
def test_sharded_jsonl_parquet_warc_with_errors_per_file(tmp_path: Path, store_locations: Any) -> None:
    pytest.importorskip("pyarrow")
    shards = tmp_path / "shards"
    _write_shards(shards)
    report, documents, _ = _both_engines([str(shards)], tmp_path, store_locations)
    assert documents["ray"] == documents["local"]
    assert report.skipped == 1  # f-copy.jsonl repeats an article of a.jsonl
    assert sorted(path.removeprefix(f"{shards}/") for path, _ in report.errors) == [
        "d-broken.jsonl:2", "e-broken.parquet"]
    sources = {a["path"].removeprefix(f"{shards}/").split(":")[0].split("!")[0] for a in documents["ray"]["articles"]}
    assert sources == {"a.jsonl", "b.parquet", "c.warc.gz", "d-broken.jsonl"}


def test_missing_ray_is_a_clear_error(monkeypatch: pytest.MonkeyPatch, db_location: Any) -> None:
    import sys

    from storyline.ray_engine import RayUnavailable, build_with_ray

    monkeypatch.setitem(sys.modules, "ray", None)
    with Store(db_location) as store, pytest.raises(RayUnavailable, match=r"pip install 'storyline\[ray\]'"):
        build_with_ray([str(DEMO_DIR)], store)
