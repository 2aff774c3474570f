"""Abstractive rewriting against a real local HTTP server that speaks chat-completions JSON."""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from hypothesis import given
from hypothesis import strategies as st

from storyline.cli import main
from storyline.models import Citation, CitedText
from storyline.timeline.rewrite import (
    EndpointClient,
    RewriteError,
    build_messages,
    chat_completions_url,
    parse_rewrite,
    rewrite_summary,
)

SOURCES = (
    CitedText("The council approved the ferry line on Tuesday.", (Citation("a1", 0, 47),)),
    CitedText("The mayor said it would cost $12 million.", (Citation("a1", 48, 89),)),
    CitedText("The budget office later put the cost at $14 million.", (Citation("b2", 10, 62),)),
)


class ChatServer:
    """A chat-completions server on localhost: records requests, answers with ``reply`` or ``status``."""

    def __init__(self) -> None:
        self.requests: list[dict[str, Any]] = []
        self.reply: str = ""
        self.status = 200
        self.raw_body: bytes | None = None
        server = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:  # noqa: N802  (http.server's name)
                length = int(self.headers["Content-Length"])
                body = json.loads(self.rfile.read(length))
                server.requests.append({"path": self.path, "auth": self.headers.get("Authorization"), "body": body})
                payload = server.raw_body or json.dumps({
                    "id": "chatcmpl-1", "object": "chat.completion", "model": body["model"],
                    "choices": [{"index": 0, "finish_reason": "stop",
                                 "message": {"role": "assistant", "content": server.reply}}],
                }).encode()
                self.send_response(server.status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(payload)))
                self.end_headers()
                self.wfile.write(payload)

            def log_message(self, *args: Any) -> None:
                return

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}/v1"


@pytest.fixture()
def chat_server() -> Iterator[ChatServer]:
    server = ChatServer()
    thread = threading.Thread(target=server.httpd.serve_forever, daemon=True)
    thread.start()
    yield server
    server.httpd.shutdown()
    server.httpd.server_close()


def test_endpoint_rewrite_keeps_the_citations_of_its_sources(
    chat_server: ChatServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("STORYLINE_API_KEY", "sk-test")
    chat_server.reply = (
        "The council approved a ferry line on Tuesday. [1]\n"
        "Its cost rose from the mayor's $12 million to $14 million. [2][3]\n"
    )
    result = rewrite_summary(SOURCES, EndpointClient.from_environment(chat_server.url, "tiny-model"))
    (request,) = chat_server.requests
    assert request["path"] == "/v1/chat/completions"
    assert request["auth"] == "Bearer sk-test"
    assert request["body"]["model"] == "tiny-model" and request["body"]["temperature"] == 0
    assert "[3] The budget office later put the cost at $14 million." in request["body"]["messages"][1]["content"]
    assert [s.text for s in result.sentences] == [
        "The council approved a ferry line on Tuesday.",
        "Its cost rose from the mayor's $12 million to $14 million.",
    ]
    assert result.sentences[0].citations == SOURCES[0].citations
    assert result.sentences[1].citations == SOURCES[1].citations + SOURCES[2].citations
    assert result.extractive == SOURCES and result.model == "tiny-model"


def test_no_api_key_means_no_authorization_header(chat_server: ChatServer, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("STORYLINE_API_KEY", raising=False)
    chat_server.reply = "One line without markers."
    result = rewrite_summary(SOURCES, EndpointClient.from_environment(chat_server.url + "/chat/completions", "m"))
    assert chat_server.requests[0]["auth"] is None
    assert chat_server.requests[0]["path"] == "/v1/chat/completions"
    (sentence,) = result.sentences
    assert sentence.citations == tuple(c for s in SOURCES for c in s.citations)


@pytest.mark.parametrize(("status", "body"), [(500, None), (200, b"not json"), (200, b'{"choices": []}'),
                                              (200, b'{"choices": [{"message": {"content": "  "}}]}')])
def test_endpoint_failures_raise_rewrite_error(chat_server: ChatServer, status: int, body: bytes | None) -> None:
    chat_server.status, chat_server.raw_body = status, body
    with pytest.raises(RewriteError):
        rewrite_summary(SOURCES, EndpointClient(chat_server.url, "m"))


def test_unreachable_endpoint_raises_rewrite_error() -> None:
    with pytest.raises(RewriteError):
        EndpointClient("http://127.0.0.1:9/v1", "m", timeout=2).complete(build_messages(SOURCES))


def test_parse_rewrite_markers_prefixes_and_out_of_range_numbers() -> None:
    reply = "1. First point [1, 3]\n\n- Second point [7]\n[2]\n"
    first, second = parse_rewrite(reply, SOURCES)
    assert first.text == "First point"
    assert first.citations == SOURCES[0].citations + SOURCES[2].citations
    assert second.text == "Second point"
    assert second.citations == tuple(c for s in SOURCES for c in s.citations)
    assert chat_completions_url("http://h/v1/") == "http://h/v1/chat/completions"
    assert rewrite_summary((), EndpointClient("http://127.0.0.1:9", "m")).sentences == ()


@given(st.text(alphabet=st.sampled_from("ab [],0123456789\n.-"), max_size=80))
def test_every_rewritten_sentence_cites_only_its_sources(reply: str) -> None:
    allowed = {c for s in SOURCES for c in s.citations}
    for sentence in parse_rewrite(reply, SOURCES):
        assert sentence.text and sentence.text == sentence.text.strip()
        assert sentence.citations and set(sentence.citations) <= allowed
        assert len(set(sentence.citations)) == len(sentence.citations)


def test_rewrite_command_on_a_built_store(tmp_path: Path, chat_server: ChatServer, db_location: str | Path) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "one.txt").write_text(
        "date 2021-03-10\nThe Harbor Council on Tuesday approved a ferry line linking the north and south piers.\n\n"
        "Mayor Lena Ortiz said the ferry line would cost the city about $12 million over three years.\n",
        encoding="utf-8",
    )
    db = db_location
    runner = CliRunner()
    assert runner.invoke(main, ["build", str(corpus), "--db", str(db), "-q"]).exit_code == 0
    chat_server.reply = "A ferry line was approved and will cost $12 million. [1][2]"
    result = runner.invoke(main, ["rewrite", "--db", str(db), "--rewrite-endpoint", chat_server.url,
                                  "--rewrite-model", "m", "--json"])
    assert result.exit_code == 0, result.output
    (story,) = json.loads(result.output)
    (sentence,) = story["rewritten"]
    assert sentence["text"] == "A ferry line was approved and will cost $12 million."
    assert sentence["citations"] and story["extractive"]
    extractive_spans = [c for item in story["extractive"] for c in item["citations"]]
    assert all(c in extractive_spans for c in sentence["citations"])
    plain = runner.invoke(main, ["rewrite", "--db", str(db), "--rewrite-endpoint", chat_server.url,
                                 "--rewrite-model", "m"])
    assert plain.exit_code == 0 and "extractive:" in plain.output
    missing = runner.invoke(main, ["rewrite", "--db", str(db)])
    assert missing.exit_code != 0 and "--rewrite-endpoint" in missing.output
