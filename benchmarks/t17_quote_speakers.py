"""Direct quotes and their speakers on Timeline17 news, against a blind hand annotation (a sealed test).

A fifth speaker benchmark beside ``polnear_quotes.py``, ``duc_quote_speakers.py``,
``ecbplus_quote_speakers.py`` and ``meantime_quote_speakers.py``, made at stop 16 on text no
speaker rule was tuned on: Timeline17 articles (2009-2011, CNN, BBC, Guardian, Reuters and others)
on Egypt's revolution, the financial crisis, H1N1 and Michael Jackson's death. The corpus is
tokenised, one sentence per line; ``t17_text`` joins the tokens into prose (PTB marks become curly
marks on their words, ``-LRB-`` a bracket, ``\\/`` a slash), so the gold offsets index that text.
Before parsing each newline becomes a space, moving no offset.

The annotated articles are ``sample_articles``: per topic, the articles with at least four double
quotation marks and at most 6,000 characters, in the order of a hash of their name, the first 15.
Gold: ``--gold`` (default benchmarks/data/t17_quote_speakers.json), made blind by three annotators
from the article text only, with the rules of the DUC, ECB+ and MEANTIME sets. Offsets only.
A second set, ``--gold benchmarks/data/t17_quote_speakers_test.json``, annotates the next 15
articles per topic of the same hashed order (one near-duplicate of a first-set article swapped for
the 31st): 60 articles, 312 quotes, three blind annotators at stop 18. Read once, sealed, after that
stop's first rules: 80.2 on 298 quotes with a speaker (the stop-17 code: 79.9), span F1 91.3. A third,
``--gold benchmarks/data/t17_quote_speakers_test2.json``, takes the next 15 per topic after the 30th
(near-duplicates of articles already taken skipped): 60 articles, 251 quotes, three blind annotators
at stop 18, read once after all of that stop's rules: 82.0 on 245 (the stop-17 code: 81.2; the code
of the second set's read: 82.0), span F1 92.6. A fourth, ``--gold
benchmarks/data/t17_quote_speakers_test3.json``, takes the next 15 per topic after the 45th the same
way: 60 articles, 275 quotes, three blind annotators at stop 19 (quote and speaker given as strings,
converted to offsets), read once after the learned speaker fallback: 81.5 on 270 (the stop-18 code:
81.1), span F1 91.4. A fifth, ``--gold benchmarks/data/t17_quote_speakers_test4.json``, takes the
articles after the 60th per topic (15 egypt, 15 finan, 25 h1n1, the 5 mj left): 60 articles, 316
quotes, made the same way, read once after all of stop 19's speaker changes: 84.1 on 308 (the stop-18
code: 82.1; stop 19's rules without the fallback: 82.8), span F1 92.2.
Scoring is ``quote_gold.py``'s. Prints one JSON object on its last line. Anchor:
GenderGapTracker's speaker accuracy, about 87% on its own data.
"""

from __future__ import annotations

import csv
import hashlib
import re
from collections.abc import Sequence
from pathlib import Path

from quote_gold import benchmark_main, score_texts

REPO_ROOT = Path(__file__).resolve().parents[1]
DEFAULT_DATA = REPO_ROOT.parent / "shared" / "eval-data" / "t17"
DEFAULT_GOLD = REPO_ROOT / "benchmarks" / "data" / "t17_quote_speakers.json"
PER_TOPIC = 15
MAX_CHARS = 6000
_TOKEN_FORMS = {
    "``": "\u201c", "''": "\u201d", "`": "\u2018", "'": "\u2019",
    "-LRB-": "(", "-RRB-": ")", "-LCB-": "{", "-RCB-": "}", "-LSB-": "[", "-RSB-": "]",
}
_NO_SPACE_BEFORE = re.compile(r" ([,.;:!?%)\]}\u201d\u2019]|n't|'s|'re|'ll|'ve|'d|'m)(?= |$)")
_NO_SPACE_AFTER = re.compile(r"([(\[{$\u201c\u2018]) ")


def t17_line(tokens: Sequence[str]) -> str:
    """One tokenised sentence as prose: marks and brackets on their words, escapes undone."""
    words = [_TOKEN_FORMS.get(token, token.replace("\\/", "/").replace("\\*", "*")) for token in tokens]
    return _NO_SPACE_AFTER.sub(r"\1", _NO_SPACE_BEFORE.sub(r"\1", " ".join(words)))


def t17_text(raw: str) -> str:
    """Readable text of one tokenised article, one sentence per line."""
    return "\n".join(t17_line(line.split()) for line in raw.splitlines() if line.strip())


def read_t17(data: Path) -> dict[str, str]:
    """Text of every article under ``data`` (``<topic>/articles.csv``), by ``<topic>/<row index>``."""
    csv.field_size_limit(1 << 30)
    texts: dict[str, str] = {}
    for path in sorted(data.glob("*/articles.csv")):
        with path.open(encoding="utf-8", newline="") as handle:
            for index, row in enumerate(csv.DictReader(handle)):
                texts[f"{path.parent.name}/{index:04d}"] = t17_text(row["text"])
    return texts


def sample_articles(texts: dict[str, str], per_topic: int = PER_TOPIC) -> list[str]:
    """The annotated sample: per topic, quoted articles of a readable length, in hashed order."""
    chosen: list[str] = []
    for topic in sorted({name.split("/")[0] for name in texts}):
        eligible = [
            name for name, text in texts.items()
            if name.startswith(topic + "/") and len(text) <= MAX_CHARS
            and text.count("\u201c") + text.count("\u201d") >= 4
        ]
        eligible.sort(key=lambda name: hashlib.sha1(name.encode()).hexdigest())
        chosen.extend(sorted(eligible[:per_topic]))
    return chosen


def run(data: Path, gold_path: Path, show: int = 0) -> dict[str, object]:
    """Parse, extract and score every annotated article; ``show`` speaker errors go to stderr."""
    texts = {name: text.replace("\n", " ") for name, text in read_t17(data).items()}
    return score_texts("t17_quote_speakers", texts, gold_path, show)


def main(argv: Sequence[str] | None = None) -> None:
    """Command line: ``python benchmarks/t17_quote_speakers.py [--data DIR] [--gold FILE] [--show N]``."""
    benchmark_main(__doc__, run, DEFAULT_DATA, DEFAULT_GOLD, "Timeline17 folder (<topic>/articles.csv)", argv)


if __name__ == "__main__":
    main()
