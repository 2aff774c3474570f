"""TempEval-3 (task A) benchmark: TIMEX3 extraction and normalisation on TimeBank + AQUAINT.

Runs :func:`storyline.dates.extract_timexes` over each ``.tml`` document's TEXT with the
document creation time (DCT) as the publication date and scores as TempEval-3 does:
extraction strict (same span) and relaxed (overlapping span) P/R/F1; over relaxed matches,
value and type accuracy; value F1 (relaxed match AND same value, over system and gold
counts). Per-type error counts go to stderr; the figures are one JSON object on the last
line of stdout.

tempeval3-train is also this project's development set: the rules were tuned on it. A fixed
20% of the documents (every 5th by sorted file name, ``held_out``) is never looked at while
tuning: error examples on stderr come from the other 80% (``dev``) only, and the output gives
the figures for all documents, for ``dev`` and for ``held_out`` separately.

Usage: ``.venv/bin/python benchmarks/tempeval3.py [--data DIR] [--limit N] [--errors N]``
"""

from __future__ import annotations

import argparse
import json
import sys
import time
import xml.etree.ElementTree as ET
from collections import Counter
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, cast

from scoring import f1
from spacy.tokens import Doc, DocBin

from storyline.dates import extract_timexes
from storyline.models import Article, Published, Timex
from storyline.nlp import load_model

REPO_ROOT = Path(__file__).resolve().parents[1]
DEFAULT_DATA = REPO_ROOT.parent / "shared" / "eval-data" / "tempeval3-train"
ANCHORS = {"heideltime_value_f1": 0.78, "heideltime_relaxed_f1": 0.90, "sutime_value_f1": 0.67}
HELD_OUT_EVERY = 5


@dataclass(frozen=True)
class GoldTimex:
    """A TIMEX3 annotation as character offsets into the document's TEXT."""

    start: int
    end: int
    text: str
    type: str
    value: str


@dataclass(frozen=True)
class GoldDocument:
    """One TimeML document: its TEXT, creation date and TIMEX3 annotations."""

    name: str
    text: str
    dct: str
    timexes: tuple[GoldTimex, ...]


def read_document(path: Path) -> GoldDocument:
    """Parse a ``.tml`` file into plain TEXT with TIMEX3 offsets and the DCT day."""
    root = ET.parse(path).getroot()
    dct_element = root.find("DCT/TIMEX3")
    dct = (dct_element.get("value") or "")[:10] if dct_element is not None else ""
    text_element = root.find("TEXT")
    assert text_element is not None, path
    text = "".join(text_element.itertext())
    return GoldDocument(path.stem, text, dct, tuple(_close_spans(text_element, text)))


def _close_spans(text_element: ET.Element, text: str) -> Iterator[GoldTimex]:
    """TIMEX3 spans with their offsets, found by walking the tree once more."""
    offset = 0

    def visit(element: ET.Element) -> Iterator[GoldTimex]:
        nonlocal offset
        start = offset
        offset += len(element.text or "")
        for child in element:
            yield from visit(child)
            offset += len(child.tail or "")
        if element.tag == "TIMEX3":
            yield GoldTimex(start, offset, text[start:offset], element.get("type", ""), element.get("value", ""))

    yield from visit(text_element)


def read_corpus(data: Path, limit: int | None = None) -> list[GoldDocument]:
    """All ``.tml`` documents under ``data`` in path order."""
    paths = sorted(data.rglob("*.tml"))
    return [read_document(path) for path in paths[:limit]]


def is_held_out(index: int) -> bool:
    """True for the documents kept out of tuning: every 5th by sorted file name (1-based)."""
    return index % HELD_OUT_EVERY == HELD_OUT_EVERY - 1


def parse_texts(texts: Sequence[str], cache: Path | None) -> list[Doc]:
    """spaCy docs for ``texts``, read from / written to a DocBin ``cache`` when given."""
    nlp = load_model()
    if cache is not None and cache.exists():
        docs = list(DocBin().from_disk(cache).get_docs(nlp.vocab))
        if [d.text for d in docs] == list(texts):
            return docs
    docs = list(nlp.pipe(texts, batch_size=16))
    if cache is not None:
        DocBin(docs=docs, store_user_data=False).to_disk(cache)
    return docs


def system_timexes(documents: Sequence[GoldDocument], cache: Path | None = None) -> list[tuple[Timex, ...]]:
    """Our timexes per document, with the DCT as the publication date."""
    articles = [
        Article(doc.name, doc.name, None, None, doc.text, Published(doc.dct or None, "day" if doc.dct else None,
                                                                   "metadata"))
        for doc in documents
    ]
    parsed = parse_texts([a.text for a in articles], cache)
    return [extract_timexes(article, spacy_doc) for article, spacy_doc in zip(articles, parsed)]


def _overlaps(a_start: int, a_end: int, b_start: int, b_end: int) -> bool:
    return a_start < b_end and b_start < a_end


@dataclass
class Tally:
    """Counts the TempEval-3 scorer keeps."""

    gold: int = 0
    system: int = 0
    strict: int = 0
    relaxed_system: int = 0
    relaxed_gold: int = 0
    value_correct: int = 0
    type_correct: int = 0


def score_document(doc: GoldDocument, found: Sequence[Timex], tally: Tally, errors: list[tuple[str, ...]]) -> None:
    """Add one document's matches to ``tally``; record misses, false alarms and wrong values."""
    tally.gold += len(doc.timexes)
    tally.system += len(found)
    gold_spans = {(g.start, g.end) for g in doc.timexes}
    tally.strict += sum((t.start, t.end) in gold_spans for t in found)
    for gold in doc.timexes:
        matches = [t for t in found if _overlaps(t.start, t.end, gold.start, gold.end)]
        if not matches:
            errors.append(("missed", gold.type, gold.text, gold.value, doc.name))
            continue
        tally.relaxed_gold += 1
        best = max(matches, key=lambda t: min(t.end, gold.end) - max(t.start, gold.start))
        tally.value_correct += (best.value or "") == gold.value
        tally.type_correct += best.type == gold.type
        if (best.value or "") != gold.value:
            errors.append(("value", gold.type, f"{gold.text} | {best.text}", f"{gold.value} | {best.value}", doc.name))
    for timex in found:
        if any(_overlaps(timex.start, timex.end, g.start, g.end) for g in doc.timexes):
            tally.relaxed_system += 1
        else:
            errors.append(("spurious", timex.type, timex.text, str(timex.value), doc.name))


def figures(tally: Tally) -> dict[str, float | int]:
    """TempEval-3 figures from the counts."""
    strict_p, strict_r = tally.strict / max(tally.system, 1), tally.strict / max(tally.gold, 1)
    relaxed_p, relaxed_r = tally.relaxed_system / max(tally.system, 1), tally.relaxed_gold / max(tally.gold, 1)
    value_p, value_r = tally.value_correct / max(tally.system, 1), tally.value_correct / max(tally.gold, 1)
    return {
        "documents": 0, "gold_timexes": tally.gold, "system_timexes": tally.system,
        "strict_precision": round(strict_p, 4), "strict_recall": round(strict_r, 4),
        "strict_f1": round(f1(strict_p, strict_r), 4),
        "relaxed_precision": round(relaxed_p, 4), "relaxed_recall": round(relaxed_r, 4),
        "relaxed_f1": round(f1(relaxed_p, relaxed_r), 4),
        "value_accuracy": round(tally.value_correct / max(tally.relaxed_gold, 1), 4),
        "type_accuracy": round(tally.type_correct / max(tally.relaxed_gold, 1), 4),
        "value_f1": round(f1(value_p, value_r), 4),
    }


def report_errors(errors: Sequence[tuple[str, ...]], show: int) -> None:
    """Per-kind, per-type error counts to stderr, with the commonest examples."""
    counts = Counter((kind, kind_type) for kind, kind_type, *_ in errors)
    for (kind, kind_type), count in counts.most_common():
        print(f"{kind:9s} {kind_type:9s} {count}", file=sys.stderr)
    if show:
        examples = Counter((kind, kind_type, text, value) for kind, kind_type, text, value, _ in errors)
        for (kind, kind_type, text, value), count in examples.most_common(show):
            print(f"  {count:3d} {kind:8s} {kind_type:8s} {text!r:45s} {value}", file=sys.stderr)


def main(argv: Sequence[str] | None = None) -> None:
    """Score the corpus and print the figures as one JSON line."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--limit", type=int, default=None, help="score only the first N documents")
    parser.add_argument("--errors", type=int, default=40, help="how many error examples to print to stderr")
    parser.add_argument("--cache", type=Path, default=None,
                        help="DocBin file caching the spaCy parses between runs (speeds up rule work)")
    args = parser.parse_args(argv)
    began = time.perf_counter()
    documents = read_corpus(args.data, args.limit)
    if not documents:
        sys.exit(f"no .tml documents under {args.data}")
    tallies = {"dev": Tally(), "held_out": Tally()}
    dev_errors, held_out_errors = cast(list[tuple[str, ...]], []), cast(list[tuple[str, ...]], [])
    for index, (doc, found) in enumerate(zip(documents, system_timexes(documents, args.cache))):
        held_out = is_held_out(index)
        score_document(doc, found, tallies["held_out" if held_out else "dev"], held_out_errors if held_out else dev_errors)
    report_errors(dev_errors, args.errors)
    print(json.dumps(summary(tallies, len(documents), time.perf_counter() - began)))


def summary(tallies: dict[str, Tally], documents: int, seconds: float) -> dict[str, Any]:
    """All-document figures, the dev and held-out figures, anchors and the verdict."""
    dev, held_out = tallies["dev"], tallies["held_out"]
    total = Tally(*(getattr(dev, name) + getattr(held_out, name) for name in vars(dev)))
    result: dict[str, Any] = figures(total) | {"documents": documents, "seconds": round(seconds, 1)}
    result["dev"] = figures(dev) | {"documents": documents - documents // HELD_OUT_EVERY}
    result["held_out"] = figures(held_out) | {"documents": documents // HELD_OUT_EVERY}
    result["note"] = ("tempeval3-train is also the development set: rules were tuned on 'dev'; "
                      "'held_out' (every 5th document by sorted name) was never used for tuning")
    result |= {"anchors": ANCHORS, "beats_heideltime_value_f1": result["value_f1"] > ANCHORS["heideltime_value_f1"],
               "held_out_beats_heideltime_value_f1": result["held_out"]["value_f1"] > ANCHORS["heideltime_value_f1"]}
    return result


if __name__ == "__main__":
    main()
