"""Roles as articles state them (titles, lowercase roles, appositions) with dates; entity commands."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest
from click.testing import CliRunner
from conftest import StoreLocations, make_article
from spacy.language import Language

from storyline.cli import main
from storyline.export import export_document, load_schema
from storyline.extract.entities import canonicalize_entities
from storyline.extract.entities_profile import entity_rows, find_entity
from storyline.extract.entities_roles import stated_roles
from storyline.models import AnalyzedArticle, Entity, Mention, Sentence, Timex
from storyline.nlp import mentions_of, sentences_of
from storyline.store import Store


def _roles_at(text: str, name: str) -> list[tuple[str, str]]:
    start = text.index(name)
    return [(r.title, text[r.start : r.end]) for r in stated_roles(text, start, start + len(name))]


@pytest.mark.parametrize(
    ("text", "name", "expected"),
    [
        (
            "Kim Eui-kyeom, a South Korean presidential official, downplayed it.",
            "Kim Eui-kyeom",
            [("South Korean presidential official", "Kim Eui-kyeom, a South Korean presidential official")],
        ),
        (
            "Ross met his counterpart, trade minister Hiroshige Seko, in Tokyo.",
            "Hiroshige Seko",
            [("trade minister", "trade minister Hiroshige Seko")],
        ),
        (
            "Japan's trade minister, Hiroshige Seko, said it was regrettable.",
            "Hiroshige Seko",
            [("Japan's trade minister", "Japan's trade minister, Hiroshige Seko")],
        ),
        (
            "Talks were held with Deputy Prime Minister Taro Aso on Tuesday.",
            "Taro Aso",
            [("Deputy Prime Minister", "Deputy Prime Minister Taro Aso")],
        ),
        ("As Indiana governor, Pence saw the plants.", "Pence", [("Indiana governor", "Indiana governor, Pence")]),
        (
            "Taro Aso, who is also Japan's finance minister, spoke.",
            "Taro Aso",
            [("Japan's finance minister", "Taro Aso, who is also Japan's finance minister")],
        ),
        (
            "He would meet North Korean leader Kim Jong Un today.",
            "Kim Jong Un",
            [("North Korean leader", "North Korean leader Kim Jong Un")],
        ),
    ],
)
def test_stated_roles(text: str, name: str, expected: list[tuple[str, str]]) -> None:
    assert _roles_at(text, name) == expected


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Before meeting with the prime minister, Pence said he was grateful.", "Pence"),
        ("Pence, who arrived on Monday, spoke.", "Pence"),
        ("The minister said Abe would go.", "Abe"),
    ],
)
def test_no_role_where_none_is_stated(text: str, name: str) -> None:
    assert _roles_at(text, name) == []


def _analyzed(
    text: str, marks: list[tuple[str, str]], article_id: str, published: str | None, timexes: tuple[Timex, ...] = ()
) -> AnalyzedArticle:
    article = make_article(text, published=published, article_id=article_id)
    mentions = tuple(Mention(article_id, text.index(s), text.index(s) + len(s), s, label) for s, label in marks)
    return AnalyzedArticle(article, (Sentence(0, len(text)),), mentions, timexes, (), ())


def test_roles_are_dated_by_sentence_date_else_publication() -> None:
    first_text = "On March 9, 2018, economy minister Toshimitsu Motegi signed the pact."
    day = first_text.index("March 9, 2018")
    first = _analyzed(
        first_text,
        [("Toshimitsu Motegi", "PERSON")],
        "a1",
        "2018-03-10",
        (Timex("a1", day, day + 13, "March 9, 2018", "DATE", "2018-03-09", "day"),),
    )
    second = _analyzed(
        "Japan's economy minister, Toshimitsu Motegi, will lead the talks.",
        [("Toshimitsu Motegi", "PERSON")],
        "a2",
        "2018-09-26",
    )
    # The bare surname is found by scanning for the known full name; its role is undated (no date at all).
    third = _analyzed(
        "Economy minister Motegi met Toshimitsu Motegi's aides.", [("Toshimitsu Motegi", "PERSON")], "a3", None
    )
    (motegi,) = [e for e in canonicalize_entities([first, second, third]).entities if e.name == "Toshimitsu Motegi"]
    assert [(r.title, r.date, r.citation.article_id) for r in motegi.roles] == [
        ("economy minister", "2018-03-09", "a1"),
        ("Japan's economy minister", "2018-09-26", "a2"),
        ("Economy minister", None, "a3"),
    ]
    assert "economy minister" in motegi.titles


def test_place_label_yields_to_a_person_named_in_the_same_article() -> None:
    text = "Secretary of State Mike Pompeo flew in. Pompeo met Abe. Later Pompeo left."
    marks = [("Mike Pompeo", "PERSON"), ("Pompeo met", "GPE")]
    article = make_article(text, article_id="p1")
    mentions = [
        Mention(
            "p1",
            text.index(s),
            text.index(s) + len(s.split()[0]) if s.endswith("met") else text.index(s) + len(s),
            s.split()[0] if s.endswith("met") else s,
            label,
        )
        for s, label in marks
    ]
    other = make_article("Pompeo visited Seoul. Mike Pompeo spoke.", article_id="p2")
    other_mentions = [Mention("p2", 0, 6, "Pompeo", "GPE"), Mention("p2", 22, 33, "Mike Pompeo", "PERSON")]
    index = canonicalize_entities(
        [
            AnalyzedArticle(article, (), tuple(mentions), (), (), ()),
            AnalyzedArticle(other, (), tuple(other_mentions), (), (), ()),
        ]
    )
    assert [e.type for e in index.entities if "Pompeo" in e.aliases] == ["PERSON"]


def test_find_entity_and_rows() -> None:
    people = [
        Entity("e1", "Shinzo Abe", "PERSON", ("Abe", "Shinzo Abe"), ("a",), ()),
        Entity("e2", "Kim Jong Un", "PERSON", ("Kim", "Kim Jong Un"), ("a",), ()),
        Entity("e3", "Japan", "GPE", ("Japan",), ("a",), ()),
    ]
    assert [e.id for e in find_entity(people, "Mr Abe")] == ["e1"]
    assert [e.id for e in find_entity(people, "Prime Minister Shinzo Abe")] == ["e1"]
    assert [e.id for e in find_entity(people, "jong")] == ["e2"]
    assert find_entity(people, "Pence") == []
    assert [r["name"] for r in entity_rows(people, "person")] == ["Kim Jong Un", "Shinzo Abe"]


@pytest.fixture(scope="module")
def seed_db(
    tmp_path_factory: pytest.TempPathFactory, seed_paths: list[Path], store_locations: StoreLocations
) -> str | Path:
    db = store_locations.new(tmp_path_factory.mktemp("entities"), "seeds.db")
    result = CliRunner().invoke(main, ["build", str(seed_paths[0].parent), "--db", str(db)])
    assert result.exit_code == 0, result.output
    return db


def test_seed_people_have_dated_roles(seed_db: str | Path) -> None:
    with Store(seed_db, read_only=True) as store:
        document = export_document(store)
    jsonschema.validate(document, load_schema())
    people = {e["name"]: e for e in document["entities"] if e["type"] == "PERSON"}
    assert {r["title"] for r in people["Kim Eui-kyeom"]["roles"]} == {"South Korean presidential official"}
    assert {r["title"] for r in people["Hiroshige Seko"]["roles"]} == {"trade minister"}
    assert {(r["title"], r["date"]) for r in people["Mike Pence"]["roles"]} >= {("Vice President", "2018-11-13")}
    texts = {a["id"]: a["text"] for a in document["articles"]}
    for person in people.values():
        for role in person["roles"]:
            assert role["title"].split()[-1] in texts[role["article_id"]][role["start"] : role["end"]]


def test_entities_command(seed_db: str | Path) -> None:
    result = CliRunner().invoke(main, ["entities", "--db", str(seed_db), "--type", "PERSON", "--json"])
    assert result.exit_code == 0, result.output
    rows = json.loads(result.output)
    names = [r["name"] for r in rows]
    assert names[:3] == ["Donald Trump", "Mike Pence", "Shinzo Abe"]
    assert all(r["type"] == "PERSON" for r in rows)


def test_entity_command(seed_db: str | Path) -> None:
    result = CliRunner().invoke(main, ["entity", "Mr Abe", "--db", str(seed_db), "--json"])
    assert result.exit_code == 0, result.output
    profile = json.loads(result.output)
    assert profile["name"] == "Shinzo Abe"
    assert profile["quotes"] and all(q["text"] for q in profile["quotes"])
    assert any("Abe" in m["sentence"] for m in profile["mentions"])
    company = [c for c in profile["co_occurring"] if c["type"] == "PERSON"]
    assert company[0]["name"] == "Donald Trump" and "Mike Pence" in {c["name"] for c in company}
    assert [c["sentences"] for c in profile["co_occurring"]] == sorted(
        (c["sentences"] for c in profile["co_occurring"]), reverse=True
    )
    plain = CliRunner().invoke(main, ["entity", "Abe", "--db", str(seed_db)])
    assert plain.exit_code == 0 and "Prime Minister" in plain.output
    missing = CliRunner().invoke(main, ["entity", "Nobody Atall", "--db", str(seed_db)])
    assert missing.exit_code != 0 and "no entity matches" in missing.output


def test_seed_people_titles_with_spacy(nlp: Language, seed_raw_texts: dict[str, str]) -> None:
    analyzed = []
    for raw in seed_raw_texts.values():
        article = make_article(raw)
        doc = nlp(article.text)
        analyzed.append(AnalyzedArticle(article, sentences_of(doc), mentions_of(article.id, doc), (), (), ()))
    people = {e.name: e for e in canonicalize_entities(analyzed).entities if e.type == "PERSON"}
    assert "North Korean leader" in people["Kim Jong Un"].titles
    assert people["Kim Eui-kyeom"].titles == ("South Korean presidential official",)
