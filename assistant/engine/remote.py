"""The engine as another server: any OpenAI-compatible one, on this machine or another."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import replace
from typing import Any

from assistant.core.cancel import CancelToken
from assistant.core.inference import Chunk, GenerationParams, Message
from assistant.engine.client import EngineClient
from assistant.errors import EngineRequestError, translatable


class RemoteEngine:
    """Any OpenAI-compatible server (llama-server, vLLM, Ollama's /v1, another copy of this app).

    The same surface as ``LocalEngine``, minus what only our own engine can do (choose the model file).
    """

    def __init__(self, url: str, api_key: str = "") -> None:
        self.client = EngineClient(url, api_key)
        self.model: dict[str, Any] | None = None

    def ensure_ready(self) -> dict[str, Any]:
        if self.model is None:
            models = self.client.models()
            if not models:
                raise EngineRequestError(
                    translatable("The server at {url} has no model loaded."), url=self.client.base_url
                )
            first = models[0]
            self.model = {"id": first.get("id", "?"), "backend": self.client.base_url, **first.get("meta", {})}
        return self.model

    def chat(
        self, messages: Sequence[Message], params: GenerationParams, cancel: CancelToken | None = None
    ) -> Iterator[Chunk]:
        chunks = self.client.chat(messages, params, cancel)
        last = messages[-1] if messages else None
        if last is not None and last.role == "assistant" and last.content and len(messages) > 1:
            return _without_echo(chunks, last.content)
        return chunks

    def complete(self, prompt: str, params: GenerationParams, cancel: CancelToken | None = None) -> Iterator[Chunk]:
        return self.client.complete(prompt, params, cancel)

    def count_tokens(self, text: str) -> int:
        return self.client.count_tokens(text)

    def count_chat(self, messages: Sequence[Message]) -> int:
        return self.client.count_chat(messages)

    def embed(self, texts: Sequence[str], model: str = "", *, truncate: bool = False) -> list[list[float]]:
        """The server's embeddings (llama-server needs ``--embeddings`` and an embedding model).
        ``model``, a file on this machine, means nothing to that server: its own model is used."""
        return self.client.embed(texts, truncate=truncate)

    def rerank(self, query: str, documents: Sequence[str], model: str = "") -> list[float]:
        """The server's reranker (llama-server needs ``--reranking`` and a reranking model); as with
        ``embed``, a file on this machine means nothing to that server."""
        return self.client.rerank(query, documents)

    def close(self) -> None:
        self.model = None


def _without_echo(chunks: Iterator[Chunk], begun: str) -> Iterator[Chunk]:
    """A continued reply's new text only. llama-server continues a last assistant message as our
    engine does, but sends the message whole, the text it was given first; that text is dropped
    here as it arrives (held back only while it could still be that echo)."""
    held = ""
    echoing = True
    for chunk in chunks:
        if not echoing or not chunk.text:
            yield chunk
            continue
        held += chunk.text
        if begun.startswith(held):  # all of it may still be the echo
            if chunk.finish_reason:
                yield replace(chunk, text="")
            continue
        echoing = False
        yield replace(chunk, text=held[len(begun) :] if held.startswith(begun) else held)
