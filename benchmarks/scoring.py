"""Precision, recall and F1, and our predicted quotes, shared by the benchmark scripts."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

LONG_NAMES = ("precision", "recall", "f1")


def f1(precision: float, recall: float) -> float:
    """Harmonic mean of precision and recall (0 when both are 0)."""
    return 2 * precision * recall / (precision + recall) if precision + recall else 0.0


def prf(
    correct: int, predicted: int, gold: int, *, found: int | None = None, digits: int = 1,
    names: Sequence[str] = LONG_NAMES,
) -> dict[str, float]:
    """Percent precision (correct / predicted), recall (found / gold; ``found`` defaults to
    ``correct``) and F1, rounded to ``digits``, under the keys ``names``."""
    precision = correct / predicted if predicted else 0.0
    recall = (correct if found is None else found) / gold if gold else 0.0
    values = (precision, recall, f1(precision, recall))
    return {name: round(100 * value, digits) for name, value in zip(names, values, strict=True)}


@dataclass(frozen=True)
class Predicted:
    """One of our direct quotes, as spans: the quote and its resolved speaker."""

    start: int
    end: int
    speaker: tuple[int, int] | None
    speaker_text: str | None

    @classmethod
    def quoted_words(cls, quote: Any) -> Predicted:
        """A :class:`storyline.models.Quote` as its quoted words and speaker."""
        speaker = (quote.speaker_start, quote.speaker_end) if quote.speaker_start is not None else None
        return cls(quote.start, quote.end, speaker, quote.speaker_text)


@dataclass
class MatchCounts:
    """Gold items, gold items found, predictions, and predictions that were right."""

    gold: int = 0
    found: int = 0
    predicted: int = 0
    correct: int = 0
