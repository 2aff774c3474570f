"""Ingest through the pipeline and CLI: near-duplicates, bad inputs, exit status, reruns, `show --removed`."""

from __future__ import annotations

import gzip
import json
import sqlite3
from pathlib import Path

import jsonschema
import psycopg
import pytest
from click.testing import CliRunner
from conftest import StoreLocations

from storyline.cli import main
from storyline.export import export_document, load_schema
from storyline.ingest import near_duplicates
from storyline.ingest.near_duplicates import (
    NearDuplicateIndex,
    shingles,
    signature_from_text,
    signature_to_text,
    stored_index_of,
    text_signature,
)
from storyline.pipeline import build
from storyline.store import Store

ORIGINAL = (
    "The Harbor Council on Tuesday approved a new ferry line linking the north and south piers, "
    "a project that Mayor Lena Ortiz said would cost $12 million and open next spring.\n\n"
    '"This line will cut the commute in half for thousands of workers," Ortiz said at a news conference '
    "at City Hall, adding that the boats would run every twenty minutes during rush hour.\n\n"
    "Council member Raj Patel opposed the plan, arguing that the city could not afford it this year "
    "and that bus service on the east side should come first."
)
# Syndicated copy: another outlet's header and sign-off, one word changed, one sentence added.
SYNDICATED = (
    "title: Ferry line approved\n\n"
    + ORIGINAL.replace("approved a new ferry", "approved a new passenger ferry")
    + "\n\nThe first boats are expected to be delivered in March.\n\nThe Associated Press contributed to this report."
)
DIFFERENT = (
    "The city's ferry plan will cost $14 million, according to the budget office, more than the "
    "$12 million Mayor Lena Ortiz announced last week. Budget director Ana Kim said the numbers were "
    "updated in February after fuel prices rose and two contractors withdrew their bids for the work."
)


def test_shingles_and_index_link_copies_not_different_articles() -> None:
    assert shingles("The cat sat. On the mat") == {"the cat sat", "cat sat on", "sat on the", "on the mat"}
    index = NearDuplicateIndex()
    assert index.link_or_add("a" * 16, ORIGINAL) is None
    assert index.link_or_add("c" * 16, DIFFERENT) is None
    link = index.link_or_add("b" * 16, SYNDICATED)
    assert link is not None and link.canonical_id == "a" * 16 and 0.5 <= link.similarity < 1.0
    assert len(index) == 2
    assert index.link_or_add("d" * 16, "Too short to compare at all.") is None


def test_an_index_of_stored_signatures_matches_like_one_of_the_texts() -> None:
    texts = {"a" * 16: ORIGINAL, "c" * 16: DIFFERENT, "d" * 16: "Too short to compare at all.", "e" * 16: ORIGINAL}
    by_text = NearDuplicateIndex()
    for article_id, text in texts.items():
        by_text.add(article_id, text)
    stored = {i: signature_to_text(text_signature(text)) for i, text in texts.items()}
    assert stored["d" * 16] == near_duplicates.NOT_INDEXED
    by_signature = stored_index_of((i, signature_from_text(data)) for i, data in stored.items())
    assert len(by_signature) == len(by_text) == 3  # the short text is not indexed
    for probe in (SYNDICATED, ORIGINAL, DIFFERENT, DIFFERENT + " The vote is next week.", "Too short."):
        assert by_signature.match(probe) == by_text.match(probe)


def test_a_later_build_indexes_stored_signatures_without_reshingling_old_texts(
    tmp_path: Path, db_location: str | Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    first, second = tmp_path / "first", tmp_path / "second"
    first.mkdir(), second.mkdir()
    (first / "a.txt").write_text(ORIGINAL, encoding="utf-8")
    (first / "c.txt").write_text(DIFFERENT, encoding="utf-8")
    (second / "b.txt").write_text(SYNDICATED, encoding="utf-8")
    with Store(db_location) as store:
        build([str(first)], store)
        assert len(list(store.load_digests("signatures", near_duplicates.SIGNATURE_VERSION))) == 2
        shingled: list[str] = []
        original = near_duplicates.shingles
        monkeypatch.setattr(near_duplicates, "shingles", lambda text: shingled.append(text) or original(text))
        report = build([str(second)], store)
        assert report.duplicates == 1 and len(shingled) == 1  # only the new article's text
        with store.db.transaction():
            store.db.execute("DELETE FROM near_duplicate_signatures")  # as a store from before signatures
        shingled.clear()
        assert build([str(second)], store).skipped == 1 and shingled == []  # nothing new: no index
        (second / "c2.txt").write_text(DIFFERENT + " The vote is next week.", encoding="utf-8")
        assert build([str(second)], store).duplicates == 1
        assert len(shingled) == 3  # the two canonical old texts once, then the new one
        kept = dict(store.load_digests("signatures", near_duplicates.SIGNATURE_VERSION))
        assert len(kept) == 2 and near_duplicates.NOT_INDEXED not in kept.values()  # canonical ones only


@pytest.fixture()
def mixed_folder(tmp_path: Path) -> Path:
    """Good inputs in several formats, a syndicated copy, and a set of bad files."""
    folder = tmp_path / "inputs"
    folder.mkdir()
    (folder / "a_original.txt").write_text("date 2021-03-10\n" + ORIGINAL, encoding="utf-8")
    (folder / "b_copy.txt.gz").write_bytes(gzip.compress(SYNDICATED.encode()))
    lines = [json.dumps({"body": DIFFERENT, "pubDate": "2021-03-17"}), '{"body": "broken', ""]
    (folder / "c_feed.jsonl").write_text("\n".join(lines), encoding="utf-8")
    (folder / "d_binary.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" * 10)
    (folder / "e_empty.html").write_bytes(b"")
    (folder / "f_bomb.txt.gz").write_bytes(gzip.compress(b"\0" * 5_000_000))
    with (folder / "g_big.txt").open("wb") as handle:
        handle.truncate(200_000_000)
    return folder


def _dump(db: str | Path) -> dict[str, list[tuple[object, ...]]]:
    """Every table's rows (sorted), leaving out the engine's and full-text search's internal tables."""
    if not isinstance(db, Path):
        return _dump_postgres(db)
    with sqlite3.connect(db) as conn:
        names = [r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")]
        wanted = [n for n in names if not n.startswith(("sqlite_", "search_index_"))]
        return {n: sorted(conn.execute(f'SELECT * FROM "{n}"'), key=repr) for n in wanted}


def _dump_postgres(url: str) -> dict[str, list[tuple[object, ...]]]:
    """As :func:`_dump`, without the write counter and, as SQLite's ``SELECT *``, without rowid columns."""
    query = (
        "SELECT table_name, string_agg(quote_ident(column_name), ', ' ORDER BY ordinal_position)"
        " FROM information_schema.columns WHERE table_schema = current_schema() AND column_name <> 'rowid'"
        " AND table_name <> 'storyline_version' GROUP BY table_name"
    )
    with psycopg.connect(url) as pg:
        tables = pg.execute(query).fetchall()
        return {n: sorted(pg.execute(f'SELECT {columns} FROM "{n}"').fetchall(), key=repr) for n, columns in tables}


def test_build_links_duplicates_records_errors_and_rerun_changes_nothing(
    mixed_folder: Path, db_location: str | Path
) -> None:
    db = db_location
    with Store(db) as store:
        report = build([str(mixed_folder)], store)
        assert (report.added, report.duplicates, report.skipped) == (3, 1, 0)
        errors = dict(store.errors())
        document = export_document(store)
    failed = {Path(path.split(":")[0]).name for path in errors}
    assert failed == {"c_feed.jsonl", "d_binary.txt", "e_empty.html", "f_bomb.txt.gz", "g_big.txt"}
    assert any(path.endswith("c_feed.jsonl:2") and message.startswith("line 2:") for path, message in errors.items())
    jsonschema.validate(document, load_schema())
    by_name = {Path(a["path"].split(":")[0]).name: a for a in document["articles"]}
    assert by_name["b_copy.txt.gz"]["duplicate_of"] == by_name["a_original.txt"]["id"]
    assert "duplicate_of" not in by_name["a_original.txt"]
    copy_id = by_name["b_copy.txt.gz"]["id"]
    story_ids = {i for story in document["stories"] for i in story["article_ids"]}
    assert copy_id not in story_ids and by_name["a_original.txt"]["id"] in story_ids
    assert all(q["article_id"] != copy_id for q in document["quotes"])
    assert all(copy_id not in e["article_ids"] for e in document["entities"])
    before = _dump(db)
    with Store(db) as store:
        again = build([str(mixed_folder)], store)
    assert (again.added, again.duplicates, again.skipped) == (0, 0, 3)
    assert _dump(db) == before


def test_cli_exit_status_errors_and_show_removed(
    tmp_path: Path, mixed_folder: Path, db_location: str | Path, store_locations: StoreLocations
) -> None:
    runner = CliRunner()
    db = db_location
    built = runner.invoke(main, ["build", str(mixed_folder), "--db", str(db), "-q"])
    assert built.exit_code == 2, built.output
    assert "near-duplicates 1" in built.output and "g_big.txt" in built.output
    assert "Exit status" in runner.invoke(main, ["build", "--help"]).output
    other = str(store_locations.new(tmp_path, "t.db"))
    nothing = runner.invoke(main, ["build", str(mixed_folder / "d_binary.txt"), "--db", other, "-q"])
    assert nothing.exit_code == 1
    listed = json.loads(runner.invoke(main, ["errors", "--db", str(db), "--json"]).output)
    assert {Path(row["path"]).name for row in listed} >= {"d_binary.txt", "g_big.txt", "f_bomb.txt.gz"}
    removed = runner.invoke(main, ["show", "b_copy.txt.gz", "--removed", "--db", str(db)])
    assert removed.exit_code == 0, removed.output
    assert "header" in removed.output and "title: Ferry line approved" in removed.output
    assert "contributor" in removed.output and "contributed to this report" in removed.output
    shown = runner.invoke(main, ["show", "b_copy.txt.gz", "--db", str(db)])
    assert "duplicate of:" in shown.output and "The Harbor Council on Tuesday" in shown.output
    record = json.loads(runner.invoke(main, ["show", "a_original.txt", "--json", "--db", str(db)]).output)
    by_prefix = runner.invoke(main, ["show", record["id"][:6], "--db", str(db)])
    assert f"id:        {record['id']}" in by_prefix.output
    assert runner.invoke(main, ["show", "zzz-none", "--db", str(db)]).exit_code != 0


def test_cli_field_options(tmp_path: Path, db_location: str | Path) -> None:
    feed = tmp_path / "api.jsonl"
    feed.write_text(json.dumps({"story": DIFFERENT, "head": "Ferry costs rise", "when": "2021-03-17",
                                "href": "https://x.example/f"}) + "\n", encoding="utf-8")
    db, out = db_location, tmp_path / "e.json"
    args = ["build", str(feed), "--db", str(db), "-q", "--json", str(out), "--text-field", "story",
            "--title-field", "head", "--date-field", "when", "--url-field", "href"]
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 0, result.output
    [article] = json.loads(out.read_text(encoding="utf-8"))["articles"]
    assert (article["title"], article["url"], article["published"]["date"]) == (
        "Ferry costs rise", "https://x.example/f", "2021-03-17"
    )
