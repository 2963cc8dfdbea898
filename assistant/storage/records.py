"""What the database stores, as the rest of the app sees it: conversations, messages, presets, search
hits, and the errors storage raises. Plain dataclasses, so the export format and the panels can use
them without the database itself."""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum
from typing import Any

from assistant.errors import AssistantError

DAMAGED_TITLE = "Damaged conversation"
RECOVERED_TITLE = "Recovered conversation"
MATCH_START = "**"
MATCH_END = "**"
"""Around each match in a search snippet (Markdown bold, readable as plain text too)."""
NEW_CHAT_DRAFT = 0
"""The drafts row of the "new chat" box (``save_draft(None, ...)``); real conversation ids start at 1."""


class StorageError(AssistantError):
    """The conversation database could not do what was asked; the message says why."""


class NotFound(StorageError):
    """A conversation, message or preset that does not exist (or no longer does)."""


class Keep(Enum):
    KEEP = "keep"


KEEP = Keep.KEEP
"""Default of ``update_conversation``'s fields: leave this one as it is."""


@dataclass(frozen=True)
class ConversationSummary:
    id: int
    title: str
    updated: float
    pinned: bool
    damaged: bool
    """Some of the row could not be read; the rest of it is shown as well as it could be."""
    deleted_at: float | None


@dataclass(frozen=True)
class Conversation:
    id: int
    title: str
    created: float
    updated: float
    pinned: bool
    system_prompt: str
    preset: str | None
    params: dict[str, Any]
    """Per-conversation generation overrides (GenerationParams field names)."""
    model: str | None
    current_leaf_id: int | None
    damaged: bool = False
    deleted_at: float | None = None


@dataclass(frozen=True)
class StoredMessage:
    id: int
    conversation_id: int
    parent_id: int | None
    role: str
    """"system", "user" or "assistant"."""
    content: str
    status: str
    """"complete", "streaming", "interrupted", "error", or "damaged" (the row could not be read)."""
    created: float
    meta: dict[str, Any]
    """E.g. {"timings": Timings.to_dict(), "finish_reason": "stop"}."""
    sibling_index: int
    """Position among the non-deleted alternatives (same parent), oldest first."""
    sibling_count: int
    deleted_at: float | None = None
    reasoning: str = ""
    """An assistant reply's thinking (a reasoning model's), shown folded; never sent back to the model."""


@dataclass(frozen=True)
class SearchHit:
    conversation_id: int
    message_id: int
    title: str
    snippet: str
    """Text around the match, matches between MATCH_START and MATCH_END."""


@dataclass(frozen=True)
class Preset:
    id: int
    name: str
    system_prompt: str
