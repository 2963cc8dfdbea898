"""Context budgeting: long conversations lose their oldest exchanges, never the system prompt or the
newest message."""

from __future__ import annotations

from assistant.core.context import fit_messages, reply_reserve
from assistant.core.inference import Message


def words(messages) -> int:
    """A stand-in token counter that is exact for this test: one token per word plus 4 per message."""
    return sum(len(m.content.split()) + 4 for m in messages)


def conversation(turns: int) -> list[Message]:
    msgs = [Message("system", "be brief")]
    for i in range(turns):
        msgs += [Message("user", f"question {i} " + "w " * 20), Message("assistant", f"answer {i} " + "w " * 20)]
    return [*msgs, Message("user", "last question")]


def test_short_conversation_is_untouched() -> None:
    msgs = conversation(2)
    fitted = fit_messages(msgs, words, n_ctx=1000, reserve=100)
    assert fitted.messages == msgs and fitted.dropped == 0


def test_oldest_exchanges_are_dropped_whole() -> None:
    msgs = conversation(20)
    fitted = fit_messages(msgs, words, n_ctx=300, reserve=50)
    assert fitted.dropped > 0 and fitted.dropped % 2 == 0
    assert fitted.messages[0] == msgs[0], "the system prompt stays"
    assert fitted.messages[-1] == msgs[-1], "the newest message stays"
    assert fitted.messages[1].role == "user", "the kept history starts with a whole exchange"
    assert words(fitted.messages) + 50 <= 300
    # As much history as fits is kept: one more exchange would not fit.
    one_more = [msgs[0], *msgs[1 + fitted.dropped - 2 :]]
    assert words(one_more) + 50 > 300
    assert fitted.prompt_tokens == words(fitted.messages)


def test_a_newest_message_too_long_alone_is_still_kept() -> None:
    msgs = [Message("system", "s"), Message("user", "old"), Message("assistant", "old"), Message("user", "w " * 1000)]
    fitted = fit_messages(msgs, words, n_ctx=100, reserve=10)
    assert fitted.messages == [msgs[0], msgs[-1]]


def test_counting_is_logarithmic() -> None:
    calls = []

    def counting(msgs):
        calls.append(1)
        return words(msgs)

    fit_messages(conversation(500), counting, n_ctx=400, reserve=50)
    assert len(calls) <= 14


def test_reply_reserve_is_capped_at_half_the_window() -> None:
    assert reply_reserve(4096, 100) == 100
    assert reply_reserve(4096, 100_000) == 2048
