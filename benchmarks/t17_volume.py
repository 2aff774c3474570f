"""Volume corpora for the scale benchmarks: the T17 articles repeated with perturbations.

Not a benchmark itself: ``scale_build.py`` and ``scale_throughput.py`` import it. Run directly it
writes a corpus (``--articles N --out DIR``) as JSONL shards of 1,000 records.

Copy ``c`` of T17 article ``a`` keeps a random 40% of ``a``'s sentences, mixes in as many (plus two)
sentences drawn from other articles of the same topic, shuffles them in small windows and is dated
``c * SHIFT_DAYS`` days after ``a``. Copies therefore stay about the same subject (the stories stay
realistic) while sharing far fewer shingles than the near-duplicate threshold (Jaccard 0.5), so every
copy is a new article that goes through the whole pipeline; the date shift spreads the volume over
time like a long-running news feed. Deterministic for a given seed.
"""

from __future__ import annotations

import argparse
import csv
import json
import random
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[1]
DEFAULT_DATA = REPO_ROOT.parent / "shared" / "eval-data" / "t17"
SHIFT_DAYS = 9
SHARD_SIZE = 1000


@dataclass(frozen=True)
class SourceArticle:
    """One T17 article: topic, publication date and its sentences (one per line in T17)."""

    topic: str
    published: date
    sentences: tuple[str, ...]


def load_t17(data: Path) -> list[SourceArticle]:
    """Every article of every topic folder (``<topic>/articles.csv``: date,text), in a fixed order."""
    csv.field_size_limit(sys.maxsize)
    articles: list[SourceArticle] = []
    for path in sorted(data.glob("*/articles.csv")):
        with path.open(encoding="utf-8", newline="") as handle:
            for row in csv.DictReader(handle):
                lines = tuple(line.strip() for line in row["text"].splitlines() if line.strip())
                if lines:
                    articles.append(SourceArticle(path.parent.name, date.fromisoformat(row["date"][:10]), lines))
    if not articles:
        raise SystemExit(f"no T17 articles under {data} (expected <topic>/articles.csv)")
    return articles


def perturbed(articles: list[SourceArticle], count: int, seed: int = 17) -> Iterator[dict[str, str]]:
    """``count`` records (id, date, title, text): copies of the articles in turn, each one perturbed."""
    by_topic: dict[str, list[SourceArticle]] = {}
    for article in articles:
        by_topic.setdefault(article.topic, []).append(article)
    for number in range(count):
        copy, index = divmod(number, len(articles))
        source = articles[index]
        rng = random.Random(f"{seed}/{copy}/{index}")
        sentences = _mixed_sentences(source, by_topic[source.topic], rng) if copy else list(source.sentences)
        published = source.published + timedelta(days=copy * SHIFT_DAYS)
        yield {
            "id": f"t17-{copy}-{index}", "date": published.isoformat(),
            "title": sentences[0][:120], "text": "\n".join(sentences),
        }


def _mixed_sentences(source: SourceArticle, topic: list[SourceArticle], rng: random.Random) -> list[str]:
    own = [s for s in source.sentences if rng.random() < 0.4] or list(source.sentences[:1])
    borrowed = [rng.choice(rng.choice(topic).sentences) for _ in range(len(own) + 2)]
    mixed = [s for pair in zip(own, borrowed, strict=False) for s in pair] + borrowed[len(own):]
    for start in range(0, len(mixed) - 1, 4):
        window = mixed[start:start + 4]
        rng.shuffle(window)
        mixed[start:start + 4] = window
    return mixed


def write_corpus(records: Iterator[dict[str, str]], folder: Path) -> list[Path]:
    """Write records as ``shard-00000.jsonl`` files of :data:`SHARD_SIZE` lines; return their paths."""
    folder.mkdir(parents=True, exist_ok=True)
    shards: list[Path] = []
    handle = None
    for number, record in enumerate(records):
        if number % SHARD_SIZE == 0:
            if handle:
                handle.close()
            shards.append(folder / f"shard-{len(shards):05d}.jsonl")
            handle = shards[-1].open("w", encoding="utf-8")
        assert handle is not None
        handle.write(json.dumps(record) + "\n")
    if handle:
        handle.close()
    return shards


def main() -> None:
    """Write a perturbed corpus of ``--articles`` records to ``--out``."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--articles", type=int, default=1000)
    parser.add_argument("--out", type=Path, required=True)
    args = parser.parse_args()
    shards = write_corpus(perturbed(load_t17(args.data), args.articles), args.out)
    print(json.dumps({"articles": args.articles, "shards": len(shards), "folder": str(args.out)}))


if __name__ == "__main__":
    main()
