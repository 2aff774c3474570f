"""Quality gate: the quote-speaker benchmarks on ../shared/eval-data may not fall below their pinned
floors (the figures of stop 19, with the learned speaker fallback, less half a point), so no change lowers them silently.

The benchmarks are store-independent, so they run in the SQLite pass of CI only. Figures are
deterministic for one spaCy model; a floor is raised when a change lifts its figure for good.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import BENCHMARKS, ON_POSTGRES, SHARED, load_benchmark

DATA = BENCHMARKS / "data"
# (benchmark script, gold file, speaker accuracy floor, lenient quote span F1 floor)
FLOORS = [
    ("duc_quote_speakers", "duc2004_quote_speakers.json", 90.7, 95.7),
    ("duc_quote_speakers", "duc2004_quote_speakers_test.json", 88.9, 96.7),
    ("duc_quote_speakers", "duc2004_quote_speakers_test2.json", 92.1, 96.1),
    ("duc_quote_speakers", "duc2004_quote_speakers_test3.json", 86.8, 96.0),
    ("ecbplus_quote_speakers", "ecbplus_quote_speakers.json", 89.6, 95.5),
    ("meantime_quote_speakers", "meantime_quote_speakers.json", 89.1, 94.6),
    ("t17_quote_speakers", "t17_quote_speakers.json", 89.7, 91.0),
    ("t17_quote_speakers", "t17_quote_speakers_test.json", 84.4, 90.8),
    ("t17_quote_speakers", "t17_quote_speakers_test2.json", 84.0, 92.1),
    ("t17_quote_speakers", "t17_quote_speakers_test3.json", 83.9, 90.9),
    ("t17_quote_speakers", "t17_quote_speakers_test4.json", 85.2, 91.7),
    ("tempeval3_quote_speakers", "tempeval3_quote_speakers.json", 91.1, 89.5),
    ("web_quote_speakers", "web_quote_speakers.json", 89.9, 91.1),
]


@pytest.mark.skipif(ON_POSTGRES, reason="store-independent: gated in the SQLite pass")
@pytest.mark.parametrize(("script", "gold", "speaker_floor", "f1_floor"), FLOORS, ids=[g for _, g, _, _ in FLOORS])
def test_speaker_benchmark_stays_above_its_floor(script: str, gold: str, speaker_floor: float, f1_floor: float) -> None:
    benchmark = load_benchmark(script)
    data: Path = benchmark.DEFAULT_DATA
    if not data.is_dir() or not str(data).startswith(str(SHARED)):
        pytest.skip(f"{data} is not present")
    figures = benchmark.run(data, DATA / gold)
    assert figures["speaker_accuracy"] >= speaker_floor, figures
    assert figures["lenient"]["f1"] >= f1_floor, figures["lenient"]
