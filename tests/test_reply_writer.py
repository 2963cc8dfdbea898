"""Streaming replies are saved as they arrive: at most once per interval, and always at the end."""

from __future__ import annotations

import pytest

from assistant.core.inference import Chunk, Timings
from assistant.errors import EngineCrashed
from assistant.storage.reply_writer import persist_stream


class Store:
    def __init__(self) -> None:
        self.updates: list[str] = []
        self.reasoning_updates: list[str] = []
        self.finished: tuple[str, str, dict] | None = None
        self.reasoning: str | None = None

    def update_reply(self, message_id: int, content: str, reasoning: str = "") -> None:
        self.updates.append(content)
        self.reasoning_updates.append(reasoning)

    def finish_reply(
        self, message_id: int, content: str, *, status: str = "complete", meta=None, reasoning=None
    ) -> None:
        self.finished = (content, status, meta or {})
        self.reasoning = reasoning


class Clock:
    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        return self.now


def stream(clock: Clock, pieces: list[str], step: float, end: Chunk | None):
    for piece in pieces:
        clock.now += step
        yield Chunk(text=piece)
    if end is not None:
        yield end


def test_writes_at_most_once_per_interval_and_completes() -> None:
    store, clock = Store(), Clock()
    end = Chunk(finish_reason="stop", timings=Timings(predicted_n=40))
    out = list(persist_stream(store, 1, stream(clock, ["ab"] * 40, 0.1, end), interval=1.0, clock=clock))
    assert "".join(c.text for c in out) == "ab" * 40
    assert 3 <= len(store.updates) <= 4, "4 seconds of streaming: one write per second"
    assert all(len(a) < len(b) for a, b in zip(store.updates, store.updates[1:], strict=False))
    content, status, meta = store.finished
    assert content == "ab" * 40 and status == "complete" and meta["timings"]["predicted_n"] == 40


def test_a_stopped_reply_is_kept_as_interrupted() -> None:
    store, clock = Store(), Clock()
    list(persist_stream(store, 1, stream(clock, ["x"] * 3, 0.1, Chunk(finish_reason="cancelled")), clock=clock))
    assert store.finished[:2] == ("xxx", "interrupted")


def test_an_engine_crash_keeps_what_arrived() -> None:
    store, clock = Store(), Clock()

    def crashing():
        yield from stream(clock, ["par", "tial"], 0.1, None)
        raise EngineCrashed("gone")

    with pytest.raises(EngineCrashed):
        list(persist_stream(store, 1, crashing(), clock=clock))
    assert store.finished[:2] == ("partial", "interrupted")


def test_a_consumer_that_walks_away_still_saves() -> None:
    store, clock = Store(), Clock()
    gen = persist_stream(store, 1, stream(clock, ["a", "b", "c"], 0.1, None), clock=clock)
    next(gen)
    gen.close()
    assert store.finished[:2] == ("a", "interrupted")


def test_thinking_is_saved_apart_while_it_streams_with_how_long_it_took() -> None:
    store, clock = Store(), Clock()

    def thinking_then_answer():
        for _ in range(20):  # two seconds of thinking, then the answer
            clock.now += 0.1
            yield Chunk(reasoning="hm ")
        yield from stream(clock, ["Four."], 0.1, Chunk(finish_reason="stop"))

    list(persist_stream(store, 1, thinking_then_answer(), interval=1.0, clock=clock))
    assert store.reasoning_updates and store.reasoning_updates[0].startswith("hm hm")
    assert store.updates[0] == "", "no thinking in the answer's text, even while it streams"
    content, status, meta = store.finished
    assert (content, status) == ("Four.", "complete")
    assert store.reasoning == "hm " * 20
    assert meta["thought_seconds"] == pytest.approx(2.1, abs=0.01)
