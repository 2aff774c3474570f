"""A killed `storyline build` resumes where it stopped: nothing processed twice, nothing lost.

The build runs in a subprocess on a generated corpus; it is SIGKILLed (with its whole process
group, so a local Ray dies too) right after its first committed batch. The store must then hold
some but not all articles, each with its analyses; a rerun adds exactly the rest and ends with
the export document of a one-shot build.
"""

from __future__ import annotations

import json
import os
import re
import signal
import subprocess
import sys
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest

from storyline.export import export_document
from storyline.pipeline import build
from storyline.store import Store

ARTICLES = 36
SHARDS = 3
BATCH = 4
CLI = [sys.executable, "-c", "from storyline.cli import main; main()"]

_PLACES = ["Ash", "Bright", "Cal", "Dun", "Elm", "Fen", "Glen", "Har", "Iron", "Kes", "Lind", "Mor"]
_PLACE_ENDS = ["ford", "water", "moor"]
_FIRST = ["Ana", "Tomas", "Priya", "Kwame", "Ingrid", "Mateo", "Yuki", "Olu", "Sofia", "Dmitri", "Leila", "Conor"]
_LAST = ["Ruiz", "Berg", "Nair", "Mensah", "Holm", "Vidal", "Sato", "Adeyemi", "Greco", "Petrov", "Haddad", "Walsh"]
_ROLES = ["Mayor", "Councillor", "Engineer", "Director"]
_PROJECTS = [
    "tram line", "flood barrier", "public library", "solar farm", "hospital wing", "river bridge", "bus depot",
    "water plant", "sports hall", "ferry terminal", "housing estate", "wind park",
]
_TEMPLATES = [
    "{place} approved the {project} on {weekday} after a long debate in the town hall.",
    '"We expect the {project} to open by {month}," {role} {name} said on {weekday}.',
    "The {project} will cost ${cost} million, according to the {place} finance office.",
    "Residents of {place} had asked for the {project} since {year}, when {count} families signed a petition.",
    '"This is the largest investment {place} has seen in {count} years," said {name}.',
    "Critics said the {project} would add {count} trucks a day to the narrow streets of {place}.",
    "{name} told reporters that {count} contractors had bid for the work on the {project}.",
    "The regional government in {region} pledged ${grant} million toward the {project} in {month}.",
    "Construction crews in {place} began clearing the site near the old {landmark} this week.",
    "Opposition members in {place} asked whether the ${cost} million budget included the {landmark} repairs.",
    "A survey by the {place} chamber of commerce found that {share} percent of shop owners backed the plan.",
    "{role} {name} first proposed the {project} during the {year} election campaign in {region}.",
]
_MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October"]
_WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday"]
_REGIONS = ["Norland", "Westmark", "Southvale", "Eastreach", "Midshire"]
_LANDMARKS = ["mill", "railway station", "harbour wall", "market hall", "quarry", "castle"]


def article_record(number: int) -> dict[str, str]:
    """One made-up local-news article; articles differ in names, numbers and sentence choice."""
    slots = {
        "place": _PLACES[number % 12] + _PLACE_ENDS[number // 12 % 3],
        "name": f"{_FIRST[number * 5 % 12]} {_LAST[(number * 7 + number // 12) % 12]}",
        "role": _ROLES[number % 4], "project": _PROJECTS[(number * 5 + number // 12) % 12],
        "weekday": _WEEKDAYS[number % 5], "month": _MONTHS[number % 10], "year": str(2005 + number % 13),
        "count": str(12 + number * 3), "cost": str(40 + number * 7), "grant": str(5 + number),
        "share": str(30 + number), "region": _REGIONS[number % 5], "landmark": _LANDMARKS[number % 6],
    }
    chosen = [_TEMPLATES[(number * 5 + step * (1 + number % 5)) % 12] for step in range(6)]
    sentences = list(dict.fromkeys(template.format(**slots) for template in chosen))
    published = date(2021, 1, 4) + timedelta(days=number * 9)
    title = f"{slots['place']} backs {slots['project']}"
    return {"title": title, "published": published.isoformat(), "text": " ".join(sentences)}


def write_corpus(folder: Path, articles: int = ARTICLES, shards: int = SHARDS) -> Path:
    """``articles`` generated articles in ``shards`` JSONL files under ``folder``."""
    folder.mkdir(parents=True, exist_ok=True)
    per_shard = -(-articles // shards)
    for shard in range(shards):
        numbers = range(shard * per_shard, min(articles, (shard + 1) * per_shard))
        lines = [json.dumps(article_record(n)) for n in numbers]
        (folder / f"part-{shard:02d}.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return folder


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The generated corpus (a directory of JSONL shards)."""
    return write_corpus(tmp_path_factory.mktemp("corpus") / "articles")


@pytest.fixture(scope="module")
def one_shot(corpus: Path, store_locations: Any, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    """The export document of one uninterrupted local build of the corpus."""
    with Store(store_locations.new(tmp_path_factory.mktemp("one-shot"))) as store:
        report = build([str(corpus)], store)
        assert (report.added, report.duplicates, report.errors) == (ARTICLES, 0, [])
        return export_document(store)


def build_killed_after_first_batch(corpus: Path, db: str, *engine: str) -> None:
    """Run `storyline build` and SIGKILL its process group once it reports a committed batch."""
    command = [*CLI, "build", str(corpus), "--db", db, "-q", "--progress-lines", "--batch-size", str(BATCH), *engine]
    process = subprocess.Popen(command, stderr=subprocess.PIPE, stdout=subprocess.DEVNULL, text=True,
                               start_new_session=True)
    assert process.stderr is not None
    seen: list[str] = []
    try:
        for line in process.stderr:
            seen.append(line)
            if line.startswith("progress: batch committed"):
                os.killpg(process.pid, signal.SIGKILL)
                break
    finally:
        process.stderr.close()
        returncode = process.wait(timeout=60)
    assert returncode == -signal.SIGKILL, "".join(seen)


def build_to_completion(corpus: Path, db: str, *engine: str) -> dict[str, int]:
    """Run `storyline build` to the end; the counts from its summary line."""
    done = subprocess.run([*CLI, "build", str(corpus), "--db", db, "-q", *engine],
                          capture_output=True, text=True, timeout=600, check=False)
    assert done.returncode == 0, done.stderr
    summary = re.search(r"read (\d+), added (\d+), already stored (\d+)", done.stderr)
    assert summary is not None, done.stderr
    return dict(zip(("read", "added", "skipped"), map(int, summary.groups())))


def assert_consistent(db: str) -> int:
    """Every stored article has its analyses (all generated articles are canonical and have
    sentences, quotes or claims); returns how many are stored."""
    with Store(db) as store:
        analyzed = store.load_analyzed()
        assert store.duplicate_links() == {}
    for item in analyzed:
        assert item.sentences and item.mentions, item.article.id
    return len(analyzed)


def resume_and_compare(corpus: Path, db: str, one_shot: dict[str, Any], *engine: str) -> None:
    """Kill a build after its first batch, check the partial store, finish it, compare."""
    build_killed_after_first_batch(corpus, db, *engine)
    stored = assert_consistent(db)
    assert BATCH <= stored < ARTICLES
    counts = build_to_completion(corpus, db, *engine)
    assert counts == {"read": ARTICLES, "added": ARTICLES - stored, "skipped": stored}
    assert assert_consistent(db) == ARTICLES
    with Store(db) as store:
        document = export_document(store)
    assert [a["id"] for a in document["articles"]] == [a["id"] for a in one_shot["articles"]]
    assert document["quotes"] == one_shot["quotes"]
    assert document["claims"] == one_shot["claims"]
    assert document["stories"] == one_shot["stories"]
    assert document == one_shot


def test_generated_articles_are_distinct_and_rich(one_shot: dict[str, Any]) -> None:
    assert len(one_shot["articles"]) == ARTICLES
    assert len(one_shot["quotes"]) >= ARTICLES // 2
    assert len(one_shot["claims"]) >= ARTICLES // 2


def test_killed_local_build_resumes(corpus: Path, db_location: Any, one_shot: dict[str, Any]) -> None:
    resume_and_compare(corpus, str(db_location), one_shot)


def test_killed_ray_build_resumes(corpus: Path, db_location: Any, one_shot: dict[str, Any]) -> None:
    pytest.importorskip("ray.data")
    resume_and_compare(corpus, str(db_location), one_shot, "--engine", "ray", "--workers", "1")
