"""Context budgeting: make a conversation fit the model's context window.

A conversation longer than the window must never fail mid-chat. The oldest turns after the
system prompt are dropped, a whole user/assistant exchange at a time, until the prompt plus room
for the reply fits; the caller tells the user how many were left out. The newest user message is
always kept (if it alone is too long, it is kept anyway and the engine cuts the reply short).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from assistant.core.inference import Message


@dataclass(frozen=True)
class Fitted:
    messages: list[Message]
    dropped: int
    """How many messages were left out."""
    prompt_tokens: int
    """Size of the kept prompt as measured by the counter."""


def reply_reserve(n_ctx: int, max_tokens: int) -> int:
    """Room kept free for the reply: what was asked for, but never more than half the window."""
    return max(1, min(max_tokens, n_ctx // 2))


def fit_messages(
    messages: Sequence[Message],
    count_tokens: Callable[[Sequence[Message]], int],
    n_ctx: int,
    reserve: int,
) -> Fitted:
    """Drop the oldest turns after the system prompt until ``count_tokens(kept) + reserve <= n_ctx``.

    ``count_tokens`` measures a whole prompt (so chat-template overhead is counted exactly).
    Counting is by bisection over how many leading turns to drop, so a long conversation costs
    O(log n) counts rather than one per dropped turn.
    """
    messages = list(messages)
    head = [m for m in messages[:1] if m.role == "system"]
    body = messages[len(head) :]
    budget = n_ctx - reserve

    total = count_tokens(messages)
    if total <= budget or len(body) <= 1:
        return Fitted(messages, 0, total)

    # Cut points: drop body[:k]. Only cut before a user message so an exchange stays whole,
    # and never drop the last message.
    cuts = [k for k in range(1, len(body)) if body[k].role == "user"] or [len(body) - 1]
    lo, hi = 0, len(cuts) - 1
    best = cuts[-1]
    best_tokens: int | None = None
    while lo <= hi:
        mid = (lo + hi) // 2
        kept = head + body[cuts[mid] :]
        tokens = count_tokens(kept)
        if tokens <= budget:
            best, best_tokens = cuts[mid], tokens
            hi = mid - 1
        else:
            lo = mid + 1
    if best_tokens is None:
        best_tokens = count_tokens(head + body[best:])
    return Fitted(head + body[best:], best, best_tokens)
