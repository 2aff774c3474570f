"""Timeline17 benchmark: our DATEWISE-style timelines scored exactly as news-tls scores them.

For every reference timeline of every topic (``<topic>/articles.csv``: ``date,text`` with one
tokenised sentence per line; ``<topic>/gold.txt``: tilse layout, several timelines concatenated,
a new one starting whenever the date goes back), as news-tls ``experiments/evaluate.py`` does:

* the input is restricted to articles published inside the reference timeline's date range, and
  timeline dates to that range (news-tls ``get_input_time_span`` with extension 0);
* the system is given the gold number of dates and the rounded mean gold sentences per date;
* metrics: tilse ``TimelineRougeEvaluator`` with ``align_date_content_costs_many_to_one``
  (ROUGE-1/2 F1) and date P/R/F1; averaged over timelines by averaging precision and recall and
  taking F1 of the averages (news-tls ``get_average_results``).

Analysis: sentences are the given lines; temporal expressions come from
:func:`storyline.dates.extract_timexes` with each article's date as the anchor. ``--parse rules``
(default) runs the date rules over each whole article and no spaCy at all (no tense: a bare
weekday resolves without it); ``--parse dated`` also runs the full spaCy pipeline over every line
that holds a date (for tense and NER) - as good on T17 and several times slower. Times are wall seconds per topic: analysis,
and timeline building for all the topic's reference timelines.

Needs ``tilse`` (``pip install -e '.[bench]'`` in a separate venv, plus Debian ``libxml-dom-perl``).
Usage: ``python benchmarks/t17_timelines.py [--data DIR] [--topics egypt,mj] [--parse dated|rules]``
"""

from __future__ import annotations

import argparse
import ast
import csv
import datetime
import hashlib
import json
import sys
import time
from bisect import bisect_left
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from scoring import f1

from storyline.dates import extract_timexes
from storyline.models import (
    AnalyzedArticle,
    Article,
    Published,
    Sentence,
    TimelineEntry,
    Timex,
)
from storyline.nlp import load_model
from storyline.timeline.events import TimelineOptions, build_timeline

REPO_ROOT = Path(__file__).resolve().parents[1]
DEFAULT_DATA = REPO_ROOT.parent / "shared" / "eval-data" / "t17"
TOPICS = ("egypt", "mj", "finan", "h1n1")
ANCHORS = {
    "datewise": {"rouge_1_f": 0.120, "rouge_2_f": 0.035, "date_f": 0.544, "seconds_per_topic": 16.0},
    "clust": {"rouge_1_f": 0.082, "rouge_2_f": 0.020, "date_f": 0.407},
}
LEAD_SENTENCES = 5
MAX_WORDS = 35

GoldTimeline = dict[datetime.date, list[str]]


@dataclass(frozen=True)
class Line:
    """One given sentence of an article, with its character offsets."""

    start: int
    end: int
    text: str


def read_articles(topic_dir: Path) -> list[Article]:
    """The topic's articles, dated by the CSV, text as given (``\\/`` unescaped)."""
    csv.field_size_limit(sys.maxsize)
    with (topic_dir / "articles.csv").open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    articles = []
    for number, row in enumerate(rows):
        text = row["text"].replace("\\/", "/")
        article_id = f"{number:04d}-" + hashlib.sha256(text.encode()).hexdigest()[:8]
        published = Published(row["date"][:10], "day", "metadata")
        articles.append(Article(article_id, f"{topic_dir.name}/{number}", None, None, text, published))
    return articles


def read_gold(path: Path) -> list[GoldTimeline]:
    """Reference timelines from a tilse-layout file; a date earlier than the last starts a new one."""
    timelines: list[GoldTimeline] = []
    lines = [line.strip() for line in path.read_text(encoding="utf-8").splitlines()]
    blocks = [lines[i : i + 2] for i, line in enumerate(lines) if _is_date(line)]
    previous: datetime.date | None = None
    for date_line, sentences_line in blocks:
        day = datetime.date.fromisoformat(date_line)
        if previous is None or day <= previous:
            timelines.append({})
        listed = next(csv.reader([sentences_line]))[0]
        timelines[-1][day] = [str(s) for s in ast.literal_eval(listed)]
        previous = day
    return timelines


def _is_date(line: str) -> bool:
    try:
        datetime.date.fromisoformat(line)
    except ValueError:
        return False
    return True


def lines_of(text: str) -> list[Line]:
    """Non-empty lines (the dataset's sentences) with offsets, surrounding spaces trimmed."""
    found, offset = [], 0
    for raw in text.split("\n"):
        stripped = raw.strip()
        if stripped:
            start = offset + raw.index(stripped)
            found.append(Line(start, start + len(stripped), stripped))
        offset += len(raw) + 1
    return found


def analyze(articles: Sequence[Article], use_spacy: bool) -> list[AnalyzedArticle]:
    """Sentences from the lines; timexes by rules over the whole article, and with spaCy (tense,
    NER) over each line that holds one when asked."""
    nlp = load_model()
    blank = nlp.make_doc("")
    pending: list[tuple[int, Line, Article]] = []
    timexes: list[list[Timex]] = [[] for _ in articles]
    for number, article in enumerate(articles):
        found = [t for t in extract_timexes(article, blank) if "\n" not in t.text]
        if not use_spacy:
            timexes[number] = found
            continue
        starts = sorted(t.start for t in found)
        for line in lines_of(article.text):
            if starts and starts[min(bisect_left(starts, line.start), len(starts) - 1)] in range(line.start, line.end):
                pending.append((number, line, replace(article, text=line.text)))
    if pending:
        docs = nlp.pipe((sub.text for _, _, sub in pending), batch_size=64)
        for (number, line, sub), doc in zip(pending, docs, strict=True):
            timexes[number].extend(_shift(t, line.start, sub.id) for t in extract_timexes(sub, doc))
    return [
        AnalyzedArticle(article, tuple(Sentence(x.start, x.end) for x in lines_of(article.text)), (),
                        tuple(sorted(timexes[n], key=lambda t: (t.start, t.end))), (), ())
        for n, article in enumerate(articles)
    ]


def _shift(timex: Timex, offset: int, article_id: str) -> Timex:
    return replace(timex, article_id=article_id, start=timex.start + offset, end=timex.end + offset)


def predict(
    analyzed: Sequence[AnalyzedArticle], gold: GoldTimeline, lead: int, max_words: int = MAX_WORDS
) -> dict[datetime.date, list[str]]:
    """Our timeline for one reference: its date range, its number of dates and sentences per date."""
    start, end = min(gold), max(gold)
    inside = [a for a in analyzed if start.isoformat() <= (a.article.published.date or "") <= end.isoformat()]
    per_date = round(sum(len(s) for s in gold.values()) / len(gold))
    options = TimelineOptions(start=start.isoformat(), end=end.isoformat(), day_only=True, lead_sentences=lead,
                              max_words=max_words)
    entries = build_timeline(inside, max_dates=len(gold), sentences_per_date=per_date, options=options)
    return _as_dates(entries)


def _as_dates(entries: Sequence[TimelineEntry]) -> dict[datetime.date, list[str]]:
    predicted: dict[datetime.date, list[str]] = {}
    for entry in entries:
        predicted.setdefault(datetime.date.fromisoformat(entry.date), []).append(entry.text)
    return predicted


def score(predicted: dict[datetime.date, list[str]], gold: GoldTimeline) -> dict[str, dict[str, float]]:
    """tilse alignment ROUGE (many-to-one) and date P/R/F1 for one timeline, as news-tls computes them."""
    from tilse.data.timelines import GroundTruth, Timeline  # type: ignore[import-not-found]
    from tilse.evaluation import rouge  # type: ignore[import-not-found]

    evaluator = rouge.TimelineRougeEvaluator(measures=["rouge_1", "rouge_2"])
    ground_truth = GroundTruth([Timeline(gold)])
    pred = Timeline(predicted)
    scores = dict(evaluator.evaluate_align_date_content_costs_many_to_one(pred, ground_truth))
    shared = len(set(predicted) & set(gold))
    precision = shared / len(predicted) if predicted else 0.0
    recall = shared / len(gold)
    scores["date"] = {"precision": precision, "recall": recall, "f_score": f1(precision, recall)}
    return scores


def average(results: Sequence[dict[str, dict[str, float]]]) -> dict[str, float]:
    """news-tls averaging: mean precision and recall over timelines, F1 of the means."""
    summary: dict[str, float] = {}
    for metric in ("rouge_1", "rouge_2", "date"):
        precision = sum(r[metric]["precision"] for r in results) / len(results)
        recall = sum(r[metric]["recall"] for r in results) / len(results)
        summary[f"{metric}_f"] = round(f1(precision, recall), 4)
    return summary


def run_topic(topic_dir: Path, use_spacy: bool, lead: int, max_words: int) -> Iterator[dict[str, Any]]:
    """Analyse one topic once, then predict and score each of its reference timelines."""
    began = time.perf_counter()
    articles = read_articles(topic_dir)
    golds = read_gold(topic_dir / "gold.txt")
    analyzed = analyze(articles, use_spacy)
    analysis_seconds = time.perf_counter() - began
    for number, gold in enumerate(golds):
        began = time.perf_counter()
        predicted = predict(analyzed, gold, lead, max_words)
        timeline_seconds = time.perf_counter() - began
        scores = score(predicted, gold)
        yield {"topic": topic_dir.name, "timeline": number, "scores": scores,
               "analysis_s": analysis_seconds if number == 0 else 0.0, "timeline_s": timeline_seconds,
               "dates": len(predicted), "gold_dates": len(gold)}


def main(argv: Sequence[str] | None = None) -> None:
    """Run the benchmark and print one JSON object on the last line."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--topics", default=",".join(TOPICS))
    parser.add_argument("--parse", choices=("rules", "dated"), default="rules")
    parser.add_argument("--lead", type=int, default=LEAD_SENTENCES, help="undated lead sentences per article")
    parser.add_argument("--max-words", type=int, default=MAX_WORDS, help="longest timeline sentence")
    args = parser.parse_args(argv)
    load_model()
    rows: list[dict[str, Any]] = []
    per_topic: dict[str, dict[str, Any]] = {}
    for topic in args.topics.split(","):
        topic_rows = list(run_topic(args.data / topic, args.parse == "dated", args.lead, args.max_words))
        rows.extend(topic_rows)
        seconds = sum(r["analysis_s"] + r["timeline_s"] for r in topic_rows)
        per_topic[topic] = {**average([r["scores"] for r in topic_rows]), "timelines": len(topic_rows),
                            "seconds": round(seconds, 2),
                            "analysis_seconds": round(sum(r["analysis_s"] for r in topic_rows), 2)}
        print(topic, json.dumps(per_topic[topic]), file=sys.stderr)
    overall = average([r["scores"] for r in rows])
    seconds = [t["seconds"] for t in per_topic.values()]
    print(json.dumps({
        "benchmark": "t17_timelines", "parse": args.parse, "lead_sentences": args.lead, "max_words": args.max_words, **overall,
        "timelines": len(rows), "seconds_per_topic": round(sum(seconds) / len(seconds), 2),
        "per_topic": per_topic, "anchors": ANCHORS,
    }))


if __name__ == "__main__":
    main()
