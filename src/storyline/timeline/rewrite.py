"""Optional abstractive rewriting of an extractive summary, keeping its citations.

The extractive sentences are numbered ``[1]``..``[n]`` in the prompt and the model is asked to
write one sentence per line, each ending with the numbers of the sentences it was made from
(``... [1][3]``). A rewritten sentence cites exactly the spans of those source sentences; a line
whose markers are missing or out of range cites every source sentence, so no rewritten text is
ever left without evidence. The extractive summary is returned beside the rewrite, unchanged.

Two back ends: any OpenAI-compatible chat-completions endpoint (:class:`EndpointClient`, API key
from ``STORYLINE_API_KEY``), or a local GGUF model through ``llama-cpp-python``
(:class:`LlamaCppClient`, the optional ``llm`` extra, imported only when used).
"""

from __future__ import annotations

import os
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, Protocol

import httpx

from storyline.models import Citation, CitedText

API_KEY_VARIABLE = "STORYLINE_API_KEY"
SYSTEM_PROMPT = (
    "You rewrite news summaries. Use only facts stated in the numbered source sentences. "
    "Write at most as many sentences as there are sources, one sentence per line, and end every "
    "sentence with the numbers of the source sentences it uses, like [1][3]. No other text."
)
_MARKERS = re.compile(r"\s*\[(\d+(?:\s*,\s*\d+)*)\]")
_LIST_PREFIX = re.compile(r"^\s*(?:[-*•]|\d+[.)])\s+")

Message = dict[str, str]


class RewriteError(RuntimeError):
    """The language model could not be reached or gave no usable answer."""


class ChatClient(Protocol):
    """Anything that turns chat messages into the assistant's reply text."""

    model: str

    def complete(self, messages: Sequence[Message]) -> str:
        """The assistant's reply to ``messages``."""
        ...


@dataclass(frozen=True)
class RewrittenSummary:
    """A rewritten summary (each sentence citing its sources) beside the extractive one."""

    sentences: tuple[CitedText, ...]
    extractive: tuple[CitedText, ...]
    model: str


def chat_completions_url(endpoint: str) -> str:
    """The chat-completions URL of an endpoint given as a base (``.../v1``) or as the full URL."""
    trimmed = endpoint.rstrip("/")
    return trimmed if trimmed.endswith("/chat/completions") else trimmed + "/chat/completions"


@dataclass(frozen=True)
class EndpointClient:
    """An OpenAI-compatible chat-completions endpoint, called with ``httpx``."""

    endpoint: str
    model: str
    api_key: str | None = None
    timeout: float = 120.0

    @classmethod
    def from_environment(cls, endpoint: str, model: str) -> EndpointClient:
        """A client whose API key (if any) comes from ``STORYLINE_API_KEY``."""
        return cls(endpoint, model, os.environ.get(API_KEY_VARIABLE) or None)

    def complete(self, messages: Sequence[Message]) -> str:
        """POST the messages (temperature 0) and return the first choice's message content."""
        headers = {"Authorization": f"Bearer {self.api_key}"} if self.api_key else {}
        body = {"model": self.model, "messages": list(messages), "temperature": 0}
        try:
            response = httpx.post(chat_completions_url(self.endpoint), json=body, headers=headers,
                                  timeout=self.timeout)
            response.raise_for_status()
            return _reply_text(response.json())
        except (httpx.HTTPError, ValueError) as error:
            raise RewriteError(f"rewrite endpoint failed: {error}") from error


def _reply_text(payload: Any) -> str:
    try:
        content = payload["choices"][0]["message"]["content"]
    except (KeyError, IndexError, TypeError) as error:
        raise RewriteError("rewrite endpoint answered without choices[0].message.content") from error
    if not isinstance(content, str) or not content.strip():
        raise RewriteError("rewrite endpoint answered with empty content")
    return content


@dataclass
class LlamaCppClient:
    """A local GGUF model through ``llama-cpp-python`` (install the ``llm`` extra)."""

    model_path: str
    context_size: int = 4096
    _llama: Any = None

    @property
    def model(self) -> str:
        """The model file's name, recorded with the rewrite."""
        return os.path.basename(self.model_path)

    def complete(self, messages: Sequence[Message]) -> str:
        """Run the chat completion locally (the model is loaded on first use)."""
        if self._llama is None:
            try:
                from llama_cpp import Llama  # type: ignore[import-not-found]
            except ImportError as error:
                raise RewriteError("local rewriting needs llama-cpp-python: pip install 'storyline[llm]'") from error
            self._llama = Llama(model_path=self.model_path, n_ctx=self.context_size, verbose=False)
        result = self._llama.create_chat_completion(messages=list(messages), temperature=0.0)
        return _reply_text(result)


def build_messages(sources: Sequence[CitedText]) -> list[Message]:
    """The system instruction and the numbered source sentences."""
    numbered = "\n".join(f"[{number}] {source.text}" for number, source in enumerate(sources, start=1))
    return [{"role": "system", "content": SYSTEM_PROMPT},
            {"role": "user", "content": f"Source sentences:\n{numbered}\n\nRewrite them as a short summary."}]


def parse_rewrite(reply: str, sources: Sequence[CitedText]) -> tuple[CitedText, ...]:
    """Rewritten sentences with the citations of the source sentences their markers name."""
    sentences: list[CitedText] = []
    for line in reply.splitlines():
        numbers = [int(n) for group in _MARKERS.findall(line) for n in group.split(",")]
        text = _LIST_PREFIX.sub("", _MARKERS.sub("", line)).strip()
        if not text:
            continue
        used = sorted({n for n in numbers if 1 <= n <= len(sources)}) or list(range(1, len(sources) + 1))
        sentences.append(CitedText(text, _merged_citations(sources[n - 1] for n in used)))
    return tuple(sentences)


def _merged_citations(sources: Any) -> tuple[Citation, ...]:
    merged: list[Citation] = []
    for source in sources:
        merged.extend(c for c in source.citations if c not in merged)
    return tuple(merged)


def rewrite_summary(sources: Sequence[CitedText], client: ChatClient) -> RewrittenSummary:
    """Ask ``client`` to rewrite ``sources``; the extractive sentences stay available beside it."""
    extractive = tuple(sources)
    if not extractive:
        return RewrittenSummary((), (), client.model)
    rewritten = parse_rewrite(client.complete(build_messages(extractive)), extractive)
    if not rewritten:
        raise RewriteError("the model's answer contained no sentences")
    return RewrittenSummary(rewritten, extractive, client.model)
