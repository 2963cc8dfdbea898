"""Save a reply while it streams, so that killing the app loses at most its last second.

A wrapper around the engine's chunk stream: it passes every chunk on unchanged and writes the
reply so far into its (already created) message row at most once per ``interval``, then the final
text and status at the end, whatever the end is: finished, stopped, the engine crashed, or the
consumer walked away. Each write is one single-row UPDATE, so the bytes written per second depend
on the reply's length, never on the conversation's.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from typing import Protocol

from assistant.core.inference import Chunk


class ReplyStore(Protocol):
    def update_reply(self, message_id: int, content: str, reasoning: str = "") -> None: ...

    def finish_reply(
        self,
        message_id: int,
        content: str,
        *,
        status: str = "complete",
        meta: dict | None = None,
        reasoning: str | None = None,
    ) -> None: ...


def persist_stream(
    store: ReplyStore,
    message_id: int,
    chunks: Iterator[Chunk],
    *,
    interval: float = 1.0,
    clock: Callable[[], float] = time.monotonic,
    meta: dict[str, object] | None = None,
    before: str = "",
    thought: str = "",
) -> Iterator[Chunk]:
    """``meta``: what to keep with the reply besides how it ended (the passages it was given...).
    ``before`` and ``thought``: the text and thinking already in the message, when the stream
    continues it (the new text is stored after them)."""
    parts: list[str] = [before] if before else []
    thinking: list[str] = [thought] if thought else []
    thought_more = False
    status = "interrupted"  # unless the stream says otherwise, it was cut short
    meta = dict(meta or {})
    last_write = started = clock()
    thought_until: float | None = None
    try:
        for chunk in chunks:
            if chunk.reasoning:
                thinking.append(chunk.reasoning)
                thought_more = True
            if chunk.text:
                if thought_more and thought_until is None:
                    thought_until = clock()  # the answer began: the thinking took this long
                parts.append(chunk.text)
            if chunk.text or chunk.reasoning:
                now = clock()
                if now - last_write >= interval:
                    store.update_reply(message_id, "".join(parts), "".join(thinking))
                    last_write = now
            if chunk.dropped_messages:
                meta["dropped_messages"] = chunk.dropped_messages
            if chunk.warnings:
                meta["warnings"] = list(chunk.warnings)
            if chunk.finish_reason:
                status = "interrupted" if chunk.finish_reason == "cancelled" else "complete"
                meta["finish_reason"] = chunk.finish_reason
                if chunk.timings:
                    meta["timings"] = chunk.timings.to_dict()
            yield chunk
    except BaseException:
        # The engine failed (or the thread is being torn down): keep the text as cut short.
        status = "interrupted" if parts else "error"
        raise
    finally:
        if thought_more:
            meta["thought_seconds"] = round((thought_until or clock()) - started, 1)
        store.finish_reply(message_id, "".join(parts), status=status, meta=meta, reasoning="".join(thinking))
