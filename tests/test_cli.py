"""The command line on small corpora of our own: build, rerun, read commands, errors, docs."""

from __future__ import annotations

import json
import re
from pathlib import Path

import jsonschema
import pytest
from click.testing import CliRunner

from storyline.cli import main
from storyline.export import load_schema

REPO_ROOT = Path(__file__).resolve().parents[1]

ARTICLE_ONE = """date 2021-03-10
Harbor Council approves new ferry line

The Harbor Council on Tuesday approved a ferry line linking the north and south piers, a project that
Mayor Lena Ortiz said would cost $12 million.

"This line will cut the commute in half," Ortiz said at a news conference.

Council member Raj Patel opposed the plan. "We cannot afford it this year," he said.
"""

ARTICLE_TWO = {
    "title": "Ferry plan faces budget questions",
    "text": (
        "The city's ferry plan will cost $14 million, according to the budget office, more than the "
        "$12 million Mayor Lena Ortiz announced last week.\n\n"
        "\"The numbers were updated in February,\" budget director Ana Kim said."
    ),
    "published": "2021-03-17",
    "url": "https://example.org/ferry-budget",
}


@pytest.fixture()
def corpus(tmp_path: Path) -> Path:
    folder = tmp_path / "corpus"
    folder.mkdir()
    (folder / "one.txt").write_text(ARTICLE_ONE, encoding="utf-8")
    (folder / "two.jsonl").write_text(json.dumps(ARTICLE_TWO) + "\n", encoding="utf-8")
    return folder


def test_build_then_rerun_adds_nothing(tmp_path: Path, corpus: Path, db_location: str | Path) -> None:
    runner = CliRunner()
    db = db_location
    html = tmp_path / "r.html"
    out = tmp_path / "e.json"
    first = runner.invoke(main, ["build", str(corpus), "--db", str(db), "--html", str(html), "--json", str(out)])
    assert first.exit_code == 0, first.output
    assert "added 2" in first.output
    assert "Ortiz" in first.output
    document = json.loads(out.read_text(encoding="utf-8"))
    jsonschema.validate(document, load_schema())
    assert {a["published"]["date"] for a in document["articles"]} == {"2021-03-10", "2021-03-17"}
    assert "<html" in html.read_text(encoding="utf-8")
    second = runner.invoke(main, ["build", str(corpus), "--db", str(db), "--quiet", "--json", str(out)])
    assert second.exit_code == 0
    assert "added 0" in second.output and "already stored 2" in second.output
    assert json.loads(out.read_text(encoding="utf-8")) == document


def test_adding_an_article_updates_the_story(tmp_path: Path, corpus: Path, db_location: str | Path) -> None:
    runner = CliRunner()
    db = db_location
    assert runner.invoke(main, ["build", str(corpus / "one.txt"), "--db", str(db), "-q"]).exit_code == 0
    assert runner.invoke(main, ["build", str(corpus), "--db", str(db), "-q"]).exit_code == 0
    shown = json.loads(runner.invoke(main, ["show", "--db", str(db), "--json"]).output)
    assert sum(len(s["article_ids"]) for s in shown) == 2


def test_read_command_formats(tmp_path: Path, corpus: Path, db_location: str | Path) -> None:
    runner = CliRunner()
    db = db_location
    runner.invoke(main, ["build", str(corpus), "--db", str(db), "-q"])
    quotes = json.loads(runner.invoke(main, ["quotes", "--db", str(db), "--json"]).output)
    assert any("cut the commute" in q["text"] for q in quotes)
    nl = runner.invoke(main, ["quotes", "--db", str(db), "--nl"]).output.strip().splitlines()
    assert [json.loads(line) for line in nl] == quotes
    csv_out = runner.invoke(main, ["figures", "--db", str(db), "--csv"]).output
    assert csv_out.splitlines()[0].count(",") >= 2
    table = runner.invoke(main, ["timeline", "--db", str(db)])
    assert table.exit_code == 0


def test_bad_input_is_reported_and_nothing_stored_is_lost(tmp_path: Path, corpus: Path, db_location: str | Path) -> None:
    runner = CliRunner()
    db = db_location
    runner.invoke(main, ["build", str(corpus), "--db", str(db), "-q"])
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"\x00\x01\x02binary\x00" * 50)
    result = runner.invoke(main, ["build", str(bad), "--db", str(db), "-q"])
    assert result.exit_code == 1
    assert "bad.txt" in result.output
    mixed = runner.invoke(main, ["build", str(bad), str(corpus), "--db", str(db), "-q"])
    assert mixed.exit_code == 2
    shown = json.loads(runner.invoke(main, ["show", "--db", str(db), "--json"]).output)
    assert sum(len(s["article_ids"]) for s in shown) == 2


def test_read_commands_without_a_database(db_location: str | Path) -> None:
    result = CliRunner().invoke(main, ["show", "--db", str(db_location)])
    assert result.exit_code != 0
    assert "storyline build" in result.output
    if isinstance(db_location, Path):
        assert not db_location.exists()


def test_readme_commands_exist_in_help() -> None:
    readme = (REPO_ROOT / "README.md").read_text(encoding="utf-8")
    commands = set(re.findall(r"^\$ storyline (\w+)", readme, flags=re.MULTILINE))
    assert {"build", "show", "timeline", "quotes", "figures", "export"} <= commands
    top_help = CliRunner().invoke(main, ["--help"]).output
    for command in commands:
        assert command in top_help
        help_text = CliRunner().invoke(main, [command, "--help"]).output
        for option in re.findall(rf"^\$ storyline {command} .*$", readme, flags=re.MULTILINE):
            for flag in re.findall(r"(--[a-z-]+)", option):
                assert flag in help_text, (command, flag)
