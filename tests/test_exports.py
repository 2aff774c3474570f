"""Exports of a real store built from a small corpus of our own: every format, round trips,
streaming, story scope, CSV formula injection and the optional-dependency error."""

from __future__ import annotations

import csv
import io
import json
import sys
import tracemalloc
from dataclasses import replace
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from click.testing import CliRunner
from conftest import StoreLocations
from hypothesis import given
from hypothesis import strategies as st

from storyline.cli import main
from storyline.export import export_document, load_schema
from storyline.exports import ExportError, export_store
from storyline.exports.csv_tables import FORMULA_STARTS, neutralize_formula
from storyline.exports.jsonl import export_jsonl
from storyline.exports.records import DOCUMENT_KEYS, scope_for
from storyline.exports.tables import TABLES, Column, table_rows
from storyline.models import (
    AnalyzedArticle,
    Article,
    Claim,
    Disagreement,
    Published,
    Quote,
    Sentence,
    Story,
    TimelineEntry,
)
from storyline.pipeline import build
from storyline.store import DerivedResults, Store

HOSTILE_TITLE = '=HYPERLINK("http://evil.example","x") <script>alert(1)</script>'

FERRY = """date 2021-03-10
Harbor Council approves new ferry line

The Harbor Council on Tuesday approved a ferry line linking the north and south piers, a project that
Mayor Lena Ortiz said would cost $12 million.

"This line will cut the commute in half," Ortiz said at a news conference.

Council member Raj Patel opposed the plan. "We cannot afford it this year," he said.
"""

FERRY_BUDGET = {
    "title": HOSTILE_TITLE,
    "text": (
        "The city's ferry line will cost $14 million, according to the budget office, more than the "
        "$12 million Mayor Lena Ortiz announced last week for the Harbor Council ferry line.\n\n"
        "\"The numbers were updated in February,\" budget director Ana Kim said of the ferry line."
    ),
    "published": "2021-03-17",
    "url": "javascript:alert(1)",
}

ORCHARD = """date 2020-09-02
Orchard growers report record apple harvest in Vell Valley

Apple growers in the Vell Valley picked a record 40,000 tonnes of fruit this season, the growers'
cooperative said on Wednesday.

"We have never seen trees this heavy," cooperative chair Tomas Brandt said.
"""


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory, store_locations: StoreLocations) -> str | Path:
    """A store built by the real pipeline from three short articles (two stories)."""
    folder = tmp_path_factory.mktemp("corpus")
    (folder / "ferry.txt").write_text(FERRY, encoding="utf-8")
    (folder / "budget.jsonl").write_text(json.dumps(FERRY_BUDGET) + "\n", encoding="utf-8")
    (folder / "orchard.txt").write_text(ORCHARD, encoding="utf-8")
    path = store_locations.new(folder, "store.db")
    with Store(path) as store:
        report = build([str(folder)], store)
        assert report.added == 3, report
        derived = store.load_derived()
        claims = [c for a in store.load_analyzed() for c in a.claims]
        assert len(claims) >= 2
        dispute = Disagreement("ferry cost", "ferry cost", (claims[0].id, claims[1].id), "Sources conflict.")
        store.replace_derived(replace(derived, disagreements=(*derived.disagreements, dispute)))
    return path


@pytest.fixture()
def store(db: str | Path) -> Any:
    with Store(db, read_only=True) as opened:
        yield opened


def run_export(db: str | Path, *args: str) -> Any:
    result = CliRunner().invoke(main, ["export", "--db", str(db), *args])
    return result


def jsonl_records(text: str) -> list[dict[str, Any]]:
    return [json.loads(line) for line in text.splitlines()]


def test_json_export_is_the_schema_valid_document(db: str | Path, store: Store) -> None:
    result = run_export(db, "--format", "json")
    assert result.exit_code == 0, result.output
    document = json.loads(result.output)
    jsonschema.validate(document, load_schema())
    assert document == export_document(store)


def test_jsonl_records_equal_the_json_documents_records(db: str | Path, store: Store) -> None:
    result = run_export(db, "--format", "jsonl")
    assert result.exit_code == 0, result.output
    lines = jsonl_records(result.output)
    assert lines[0] == {"type": "export", "schema_version": "1"}
    document = export_document(store)
    for kind, key in DOCUMENT_KEYS.items():
        assert [line["record"] for line in lines if line["type"] == kind] == document[key], kind
    assert document["quotes"] and document["claims"] and document["stories"] and document["disagreements"]
    entries = [line["record"] for line in lines if line["type"] == "timeline_entry"]
    expected = [
        {"story_id": s["id"], "position": n, **entry}
        for s in document["stories"]
        for n, entry in enumerate(s["timeline"])
    ]
    assert entries == expected


def test_jsonl_streams_without_loading_the_whole_store(db: str | Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def forbidden(*args: object, **kwargs: object) -> None:
        raise AssertionError("a streaming export must not load the whole store")

    monkeypatch.setattr("storyline.export.export_document", forbidden)
    for name in ("load_analyzed", "load_derived", "load_articles"):
        monkeypatch.setattr(Store, name, forbidden)
    result = run_export(db, "--format", "jsonl")
    assert result.exit_code == 0, result.output
    assert {line["type"] for line in jsonl_records(result.output)} >= {"article", "quote", "story"}


def _synthetic_article(number: int, size: int) -> AnalyzedArticle:
    text = (f"Article {number} says the harbor ferry will cost $12 million. " * (size // 60))[:size]
    article = Article(
        id=f"{number:016x}", path=f"synthetic/{number}.txt", title=f"Synthetic {number}", url=None,
        text=text, published=Published("2021-03-10", "day", "header"),
    )
    quote = Quote(
        id=f"q-{number}", article_id=article.id, start=0, end=30, text=text[:30], kind="direct",
        speaker_text=None, speaker_start=None, speaker_end=None, cue="says", sentence_start=0, sentence_end=60,
    )
    claim = Claim(
        id=f"c-{number}", article_id=article.id, start=42, end=53, text=text[42:53], value=12e6, unit="USD",
        measure="ferry cost", measure_key="ferry cost", period=None, claimant=None, sentence_start=0,
        sentence_end=60,
    )
    return AnalyzedArticle(article, (Sentence(0, 60),), (), (), (quote,), (claim,))


def test_jsonl_export_memory_stays_bounded(tmp_path: Path, db_location: str | Path) -> None:
    articles, size = 300, 20_000
    path = db_location
    with Store(path) as store:
        batch = [_synthetic_article(n, size) for n in range(articles)]
        store.add_batch(batch)
        entry = TimelineEntry("2021-03-10", "day", "The ferry was approved.", ())
        story = Story("s-big", "Big story", tuple(a.article.id for a in batch), (), (entry,))
        store.replace_derived(DerivedResults((), (), (), (story,)))
        del batch
    with Store(path, read_only=True) as store, (tmp_path / "out.jsonl").open("w", encoding="utf-8") as out:
        tracemalloc.start()
        count = export_jsonl(store, out)
        _, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
    assert count == articles * 3 + 2
    assert peak < articles * size / 10, f"peak {peak} bytes for {articles * size} bytes of text"


def test_story_scope_keeps_one_story_and_its_articles(db: str | Path, store: Store) -> None:
    document = export_document(store)
    assert len(document["stories"]) == 2, [s["title"] for s in document["stories"]]
    story = next(s for s in document["stories"] if "Orchard" in s["title"] or "apple" in s["title"].lower())
    lines = jsonl_records(run_export(db, "--format", "jsonl", "--story", story["id"]).output)
    assert [r["record"]["id"] for r in lines if r["type"] == "story"] == [story["id"]]
    assert {r["record"]["id"] for r in lines if r["type"] == "article"} == set(story["article_ids"])
    assert all(r["record"]["article_id"] in story["article_ids"] for r in lines if r["type"] in ("quote", "claim"))
    scoped = json.loads(run_export(db, "--format", "json", "--story", story["id"]).output)
    jsonschema.validate(scoped, load_schema())
    assert [a["id"] for a in scoped["articles"]] == story["article_ids"]
    assert not scoped["disagreements"]
    ferry = next(s for s in document["stories"] if s["id"] != story["id"])
    ferry_scoped = json.loads(run_export(db, "--format", "json", "--story", ferry["id"]).output)
    assert ferry_scoped["disagreements"] == document["disagreements"]
    unknown = run_export(db, "--format", "jsonl", "--story", "s-nope")
    assert unknown.exit_code != 0 and "no story with id 's-nope'" in unknown.output


def _decode(cell: str, column: Column) -> Any:
    """A CSV cell back to its value, the way an analyst's reader would."""
    if cell == "" and column.nullable:
        return None
    if column.kind == "list":
        return json.loads(cell)
    if column.kind == "integer":
        return int(cell)
    if column.kind == "number":
        return float(cell)
    if column.kind == "boolean":
        return {"true": True, "false": False}[cell]
    return cell[1:] if cell[:2] in {f"'{c}" for c in FORMULA_STARTS} else cell


def test_csv_directory_reads_back_equal_with_pandas(db: str | Path, store: Store, tmp_path: Path) -> None:
    pandas = pytest.importorskip("pandas")
    out = tmp_path / "csv"
    result = run_export(db, "--format", "csv", "-o", str(out))
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in out.iterdir()) == sorted(f"{t}.csv" for t in TABLES)
    for table, columns in TABLES.items():
        frame = pandas.read_csv(out / f"{table}.csv", dtype=str, keep_default_na=False)
        assert list(frame.columns) == [c.name for c in columns]
        back = [
            {c.name: _decode(row[c.name], c) for c in columns} for row in frame.to_dict(orient="records")
        ]
        assert back == list(table_rows(store, table)), table
    assert len(pandas.read_csv(out / "quotes.csv")) >= 3


def test_csv_single_table_to_stdout(db: str | Path, store: Store) -> None:
    result = run_export(db, "--format", "csv", "--table", "quotes")
    assert result.exit_code == 0, result.output
    rows = list(csv.DictReader(io.StringIO(result.output)))
    assert [r["id"] for r in rows] == [r["id"] for r in table_rows(store, "quotes")]
    assert any("cut the commute" in r["text"] for r in rows)
    assert run_export(db, "--format", "csv").exit_code != 0
    bad = run_export(db, "--format", "csv", "--table", "nope")
    assert bad.exit_code != 0 and "no table 'nope'" in bad.output


def test_csv_neutralizes_formulas_in_hostile_titles(db: str | Path, tmp_path: Path) -> None:
    out = tmp_path / "csv"
    assert run_export(db, "--format", "csv", "-o", str(out)).exit_code == 0
    with (out / "articles.csv").open(encoding="utf-8", newline="") as handle:
        titles = [row["title"] for row in csv.DictReader(handle)]
    assert "'" + HOSTILE_TITLE in titles
    for path in out.iterdir():
        with path.open(encoding="utf-8", newline="") as handle:
            for row in csv.reader(handle):
                assert not any(cell.startswith(("=", "@")) for cell in row), (path.name, row)


@given(st.text(max_size=40))
def test_neutralized_text_never_starts_a_formula(text: str) -> None:
    safe = neutralize_formula(text)
    assert not safe.startswith(FORMULA_STARTS)
    assert safe in (text, "'" + text)


def test_parquet_reads_back_equal_with_pyarrow(db: str | Path, store: Store, tmp_path: Path) -> None:
    parquet = pytest.importorskip("pyarrow.parquet")
    out = tmp_path / "parquet"
    result = run_export(db, "--format", "parquet", "-o", str(out))
    assert result.exit_code == 0, result.output
    for table in TABLES:
        read = parquet.read_table(out / f"{table}.parquet")
        assert read.column_names == [c.name for c in TABLES[table]]
        assert read.to_pylist() == list(table_rows(store, table)), table
    single = tmp_path / "claims.parquet"
    assert run_export(db, "--format", "parquet", "--table", "claims", "-o", str(single)).exit_code == 0
    assert parquet.read_table(single).to_pylist() == list(table_rows(store, "claims"))
    assert any(row["disputed"] for row in table_rows(store, "claims"))


def test_parquet_without_pyarrow_says_how_to_install(
    db: str | Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(sys.modules, "pyarrow", None)
    monkeypatch.setitem(sys.modules, "pyarrow.parquet", None)
    result = run_export(db, "--format", "parquet", "-o", str(tmp_path / "p"))
    assert result.exit_code != 0
    assert "pyarrow" in result.output and "storyline[data]" in result.output


def test_document_formats_from_the_store(db: str | Path, store: Store, tmp_path: Path) -> None:
    html = tmp_path / "r.html"
    assert run_export(db, "--format", "html", "-o", str(html)).exit_code == 0
    page = html.read_text(encoding="utf-8")
    assert "<html" in page and "<script>alert(1)" not in page
    markdown = run_export(db, "--format", "markdown").output
    assert markdown.startswith("# ") and "## Sources" in markdown and "[^1]:" in markdown
    assert "<script>" not in markdown and "](javascript" not in markdown and "<javascript" not in markdown
    timeline = json.loads(run_export(db, "--format", "timelinejs").output)
    assert timeline["events"] and all("year" in e["start_date"] for e in timeline["events"])
    assert "javascript:" not in json.dumps(timeline) and "<script>" not in json.dumps(timeline)


def test_export_errors_are_clear(db: str | Path, db_location: str | Path, store: Store) -> None:
    missing = run_export(db_location, "--format", "jsonl")
    assert missing.exit_code != 0 and "storyline build" in missing.output
    if isinstance(db_location, Path):
        assert not db_location.exists()
    with pytest.raises(ExportError, match="--table"):
        export_store(store, "jsonl", "-", io.StringIO(), table="quotes")
    assert scope_for(store, None).story_id is None
