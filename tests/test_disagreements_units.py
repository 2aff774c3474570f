"""One measure disagreeing in two units gives two disagreements with distinct keys (regression:
the store's primary key on measure_key rejected the second one and the whole build failed)."""

from __future__ import annotations

from pathlib import Path

from conftest import StoreLocations
from storyline.models import Claim, Published
from storyline.store import DerivedResults, Store
from storyline.timeline.disagreements import find_disagreements


def _claim(claim_id: str, article_id: str, value: float, unit: str) -> Claim:
    return Claim(claim_id, article_id, 0, 5, "text", value, unit, "unemployment", "unemployment", None, None, 0, 9)


CLAIMS = [
    _claim("c1", "a", 120.0, "count"), _claim("c2", "b", 150.0, "count"),
    _claim("c3", "a", 4.0, "%"), _claim("c4", "b", 5.5, "%"),
]


def test_each_unit_gets_its_own_key() -> None:
    published = {"a": Published("2020-01-01", "day", "header"), "b": Published("2020-01-02", "day", "header")}
    found = find_disagreements(CLAIMS, published)
    assert sorted(d.measure_key for d in found) == ["unemployment [%]", "unemployment [count]"]
    assert {d.measure_key: d.claim_ids for d in found}["unemployment [%]"] == ("c3", "c4")


def test_a_single_unit_keeps_the_plain_key() -> None:
    found = find_disagreements(CLAIMS[:2], {})
    assert [d.measure_key for d in found] == ["unemployment"]


def test_both_are_stored(tmp_path: Path, store_locations: StoreLocations) -> None:
    found = find_disagreements(CLAIMS, {})
    with Store(store_locations.new(tmp_path, "s.db")) as store:
        store.replace_derived(DerivedResults((), (), found, ()))
        assert len(store.load_derived().disagreements) == 2
