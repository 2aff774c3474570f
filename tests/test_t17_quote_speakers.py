"""The Timeline17 quote-speaker benchmark's text rebuilding and sample (benchmarks/t17_quote_speakers.py)."""

from __future__ import annotations

from pathlib import Path

from conftest import load_benchmark


def test_tokens_become_prose_with_curly_marks_brackets_and_slashes() -> None:
    t17 = load_benchmark("t17_quote_speakers")
    raw = (
        "`` We are ready , '' said Ann Lee -LRB- pictured -RRB- on 9\\/11 .\n"
        "\n"
        "He called it `` the ` big ' day '' and did n't stay .\n"
    )
    assert t17.t17_text(raw).split("\n") == [
        "\u201cWe are ready,\u201d said Ann Lee (pictured) on 9/11.",
        "He called it \u201cthe \u2018big\u2019 day\u201d and didn't stay.",
    ]


def test_articles_are_named_by_topic_and_row_and_sampled_when_quoted(tmp_path: Path) -> None:
    t17 = load_benchmark("t17_quote_speakers")
    topic = tmp_path / "floods"
    topic.mkdir()
    quoted = '"`` Go , \'\' she said . `` Now , \'\' he said ."'
    (topic / "articles.csv").write_text(f'date,text\n2011-01-02,"No quotes here ."\n2011-01-03,{quoted}\n')
    texts = t17.read_t17(tmp_path)
    assert texts == {
        "floods/0000": "No quotes here.",
        "floods/0001": "\u201cGo,\u201d she said. \u201cNow,\u201d he said.",
    }
    assert t17.sample_articles(texts) == ["floods/0001"]
