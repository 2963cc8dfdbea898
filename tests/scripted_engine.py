"""A stand-in engine that streams a fixed text at a steady pace, for tests about storage and the
window's behaviour rather than the model (the real model's replies would make them slow or flaky).
Every test about what the model does uses the real engine instead."""

from __future__ import annotations

import time
from collections.abc import Iterator, Sequence

from assistant.core.cancel import CancelToken
from assistant.core.inference import Chunk, GenerationParams, Message, Timings

REPLY = (
    "Here is a reply with **Markdown**, a list:\n\n- one\n- two\n\n```python\nprint('hello')\n```\n\n"
    "and a closing paragraph that goes on for a while so that streaming takes some time. "
) * 3


class ScriptedEngine:
    def __init__(self, *, reply: str = REPLY, delay: float = 0.004) -> None:
        self.reply = reply
        self.delay = delay
        self.model = {"id": "scripted", "path": "", "backend": "scripted", "n_ctx": 4096}
        self.requests: list[tuple[list[Message], GenerationParams]] = []

    def ensure_ready(self) -> dict:
        return self.model

    def load_model(self, path) -> dict:
        return self.model

    def close(self) -> None:
        pass

    def count_tokens(self, text: str) -> int:
        return max(1, len(text.split()))

    def count_chat(self, messages: Sequence[Message]) -> int:
        return sum(self.count_tokens(m.content) + 4 for m in messages)

    def chat(
        self, messages: Sequence[Message], params: GenerationParams, cancel: CancelToken | None = None
    ) -> Iterator[Chunk]:
        self.requests.append((list(messages), params))
        cancel = cancel or CancelToken()
        words = self.reply.split(" ")
        started = time.perf_counter()
        for i, word in enumerate(words[: params.max_tokens]):
            if cancel.wait(self.delay):
                yield Chunk(finish_reason="cancelled")
                return
            yield Chunk(text=word + (" " if i < len(words) - 1 else ""))
        elapsed = (time.perf_counter() - started) * 1000
        n = min(len(words), params.max_tokens)
        yield Chunk(
            finish_reason="stop",
            timings=Timings(
                prompt_n=10,
                predicted_n=n,
                predicted_ms=elapsed,
                predicted_per_second=n / elapsed * 1000,
                ttft_ms=5.0,
                backend="scripted",
            ),
        )

    complete = None  # not needed by the window
