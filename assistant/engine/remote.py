"""The engine as another server: any OpenAI-compatible one, on this machine or another."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import Any

from assistant.core.cancel import CancelToken
from assistant.core.inference import Chunk, GenerationParams, Message
from assistant.engine.client import EngineClient
from assistant.errors import EngineRequestError


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
                raise EngineRequestError(f"The server at {self.client.base_url} has no model loaded.")
            first = models[0]
            self.model = {"id": first.get("id", "?"), "backend": self.client.base_url, **first.get("meta", {})}
        return self.model

    def chat(
        self, messages: Sequence[Message], params: GenerationParams, cancel: CancelToken | None = None
    ) -> Iterator[Chunk]:
        return self.client.chat(messages, params, cancel)

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
