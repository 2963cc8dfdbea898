"""Conversation logic that is neither storage nor screen: what the model is sent, and titles.

The stored conversation is a tree (regenerate and edit-and-resend make branches); what the model
sees is one path through it, with the conversation's system prompt in front.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Iterable, Sequence
from typing import Protocol

from assistant.core.inference import THINKING_MODES, GenerationParams, Message
from assistant.sampling import KNOBS

NEW_CHAT_TITLE = "New chat"
TITLE_MAX_CHARS = 60
_SENT_STATUSES = frozenset({"complete", "interrupted"})
"""Replies the model is shown again: finished ones, and cut-off ones (the user saw them too)."""


class PathMessage(Protocol):
    role: str
    content: str
    status: str


def prompt_messages(system_prompt: str, path: Iterable[PathMessage]) -> list[Message]:
    """The messages to send for the next reply: the system prompt, then the branch as shown.

    Failed or damaged replies and empty messages are left out; they are the app's trouble, not
    part of what was said.
    """
    messages = [Message("system", system_prompt)] if system_prompt.strip() else []
    for item in path:
        if item.role not in ("user", "assistant") or not item.content.strip():
            continue
        if item.role == "assistant" and item.status not in _SENT_STATUSES:
            continue
        messages.append(Message(item.role, item.content))  # type: ignore[arg-type]
    return messages


def params_with_overrides(base: GenerationParams, overrides: dict[str, object]) -> GenerationParams:
    """Per-conversation settings on top of the defaults; unknown or ill-typed keys are ignored."""
    values: dict[str, object] = {}
    for knob in KNOBS:
        value = overrides.get(knob.name)
        if knob.problem(value) is None:  # a stored value outside the range is ignored, not sent
            values[knob.name] = knob.kind(value)
    # "My style": the conversation's adapter and its strength.
    adapter, scale = overrides.get("adapter"), overrides.get("adapter_scale")
    if isinstance(adapter, str):
        values["adapter"] = adapter
    if isinstance(scale, (int, float)) and not isinstance(scale, bool):
        values["adapter_scale"] = float(scale)
    if overrides.get(THINKING_KEY) in THINKING_MODES:
        values["thinking"] = overrides[THINKING_KEY]
    return dataclasses.replace(base, **values)


STYLE_KEYS = ("adapter", "adapter_scale")
"""The per-conversation override keys that belong to "My style"."""
THINKING_KEY = "thinking"
LIBRARY_KEY = "library"
"""The Library collections a conversation draws on (a list of names)."""
HEADER_KEYS = (*STYLE_KEYS, THINKING_KEY, LIBRARY_KEY)
"""Override keys set from the chat's header ("My style", Think, Documents), not by the settings dialog."""


def with_thinking(overrides: dict[str, object], mode: str) -> dict[str, object]:
    """A conversation's overrides with its Think choice set ("auto" leaves it to the model)."""
    kept = {k: v for k, v in overrides.items() if k != THINKING_KEY}
    return kept if mode == "auto" else {**kept, THINKING_KEY: mode}


def with_library(overrides: dict[str, object], names: Sequence[str]) -> dict[str, object]:
    """A conversation's overrides drawing on the collections ``names`` (none: an ordinary chat)."""
    kept = {k: v for k, v in overrides.items() if k != LIBRARY_KEY}
    return {**kept, LIBRARY_KEY: list(names)} if names else kept


def library_of(overrides: dict[str, object]) -> tuple[str, ...]:
    """The collections a conversation draws on (ill-typed stored values count as none)."""
    names = overrides.get(LIBRARY_KEY)
    return tuple(n for n in names if isinstance(n, str)) if isinstance(names, list) else ()


def with_style(overrides: dict[str, object], adapter: str, scale: float) -> dict[str, object]:
    """A conversation's overrides with its "My style" choice set ("" for off)."""
    kept = {k: v for k, v in overrides.items() if k not in STYLE_KEYS}
    return {**kept, "adapter": adapter, "adapter_scale": scale} if adapter else kept


def title_request(user_text: str, reply_text: str) -> tuple[list[Message], GenerationParams]:
    """Ask the model for a short title for a conversation that starts with this exchange."""
    excerpt_user = user_text.strip()[:600]
    excerpt_reply = reply_text.strip()[:600]
    messages = [
        Message("system", "You write short, specific titles. Reply with the title only."),
        Message(
            "user",
            f"Write a title of at most six words for this conversation.\n\nUser: {excerpt_user}\n"
            f"Assistant: {excerpt_reply}\n\nTitle:",
        ),
    ]
    # No thinking: a reasoning model would spend the 20 tokens on it (and a title is the answer alone).
    return messages, GenerationParams(max_tokens=20, temperature=0.2, top_p=0.9, repeat_penalty=1.1, thinking="off")


def clean_title(raw: str, fallback_from: str) -> str:
    """The model's title made presentable, or a title from the first message if it gave nothing usable."""
    line = next((ln for ln in raw.strip().splitlines() if ln.strip()), "")
    line = re.sub(r"^(title\s*:\s*)", "", line.strip(), flags=re.IGNORECASE)
    line = re.sub(r"\*\*|__|`", "", line)  # Markdown emphasis inside: a title is plain text
    line = line.strip().strip("\"'“”‘’*#`").strip()
    line = line.rstrip(".:;,")
    if len(line) < 3 or len(line) > 2 * TITLE_MAX_CHARS:
        return fallback_title(fallback_from)
    return _shorten(line)


def fallback_title(text: str) -> str:
    """The first line of the user's first message, cut at a word boundary."""
    first = next((ln.strip() for ln in text.splitlines() if ln.strip()), "")
    return _shorten(first) if first else NEW_CHAT_TITLE


def _shorten(text: str) -> str:
    text = " ".join(text.split())
    if len(text) <= TITLE_MAX_CHARS:
        return text
    cut = text[:TITLE_MAX_CHARS].rsplit(" ", 1)[0]
    return (cut or text[:TITLE_MAX_CHARS]) + "…"


def first_exchange(path: Sequence[PathMessage]) -> tuple[str, str] | None:
    """The first user message and the reply to it, once the conversation has exactly that."""
    said = [m for m in path if m.role in ("user", "assistant")]
    if len(said) == 2 and said[0].role == "user" and said[1].role == "assistant" and said[1].status == "complete":
        return said[0].content, said[1].content
    return None
