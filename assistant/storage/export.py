"""Conversations as files: a versioned JSON format (export and import) and readable Markdown.

The JSON format, version 1::

    {
      "format": "assistant-conversation",   # required, exactly this
      "version": 1,                          # required; newer versions are refused, not guessed at
      "title": "Trip to Lisbon",             # optional, default "Imported chat"
      "created": 1718000000.0,               # optional, epoch seconds; default: time of import
      "system_prompt": "",                   # optional
      "preset": null,                        # optional: name of the system-prompt preset
      "params": {},                          # optional: per-conversation generation overrides
      "messages": [                          # required; every branch, parents listed before children
        {"id": 1, "parent_id": null, "role": "user", "content": "Hi", "status": "complete",
         "created": 1718000001.0, "meta": {}}
      ],
      "current_leaf_id": 2                   # optional: the branch on screen; default the newest leaf
    }

In a message, ``id``, ``parent_id`` (null for a first message), ``role`` and ``content`` are required;
``status`` (default "complete"), ``created`` (default: time of import) and ``meta`` (default {}) are
optional. Ids are the file's own: any distinct integers, remapped to new ids on import.

What an export → import → export round trip keeps: everything above except the message ids (and so
``current_leaf_id``, which still names the same message). Not exported: pinning, the last-updated
time, the model (it may name a file on this machine) and deleted messages.

Import is strict: anything missing, of the wrong type, or inconsistent (a parent that does not
exist, a cycle of parents) is refused with one ``InvalidImport`` listing the problems, and nothing
is stored (db.py imports in one transaction).
"""

from __future__ import annotations

import json
import math
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from assistant.errors import AssistantError, translatable
from assistant.storage.records import Conversation, StoredMessage
from assistant.storage.schema import ROLES, STATUSES

FORMAT = "assistant-conversation"
FORMAT_VERSION = 1
DEFAULT_IMPORT_TITLE = "Imported chat"
_MAX_LISTED_PROBLEMS = 10


class InvalidImport(AssistantError):
    """A file to import is not a conversation this app can read; the message names the problems."""


# --------------------------------------------------------------------------------------------------
# Export


def to_json(conversation: Conversation, messages: Sequence[StoredMessage]) -> dict[str, Any]:
    """The export of one conversation; ``messages`` are all its non-deleted messages, oldest first."""
    ids = {m.id for m in messages}
    return {
        "format": FORMAT,
        "version": FORMAT_VERSION,
        "title": conversation.title,
        "created": conversation.created,
        "system_prompt": conversation.system_prompt,
        "preset": conversation.preset,
        "params": conversation.params,
        "messages": [
            {
                "id": m.id,
                # A parent that is not exported (only possible in a damaged database) would make
                # the file unreadable: the message starts a branch of its own instead.
                "parent_id": m.parent_id if m.parent_id in ids else None,
                "role": m.role,
                "content": m.content,
                "status": m.status,
                "created": m.created,
                "meta": m.meta,
            }
            for m in messages
        ],
        "current_leaf_id": conversation.current_leaf_id if conversation.current_leaf_id in ids else None,
    }


_STATUS_NOTES = {
    "streaming": "(This reply was still being written.)",
    "interrupted": "(This reply was interrupted.)",
    "error": "(This reply ended with an error.)",
    "damaged": "(This message is damaged; what could be read is shown.)",
}


def to_markdown(conversation: Conversation, path: Sequence[StoredMessage]) -> str:
    """The branch on screen as Markdown: the title as heading, then one section per message."""
    title = " ".join(conversation.title.split()) or "Untitled"
    parts = [f"# {title}"]
    if conversation.system_prompt.strip():
        parts.append(f"## System\n\n{conversation.system_prompt.strip()}")
    for message in path:
        section = f"## {message.role.capitalize()}\n\n{message.content.strip()}"
        note = _STATUS_NOTES.get(message.status)
        if note:
            section += f"\n\n*{note}*"
        parts.append(section)
    return "\n\n".join(parts) + "\n"


# --------------------------------------------------------------------------------------------------
# Import


@dataclass(frozen=True)
class ImportedMessage:
    file_id: int
    parent_file_id: int | None
    role: str
    content: str
    status: str
    created: float | None
    meta: dict[str, Any]


@dataclass(frozen=True)
class ImportedConversation:
    title: str
    created: float | None
    system_prompt: str
    preset: str | None
    params: dict[str, Any]
    messages: list[ImportedMessage] = field(default_factory=list)
    """In file order, which is parents before children."""
    current_leaf_file_id: int | None = None


def parse(data: object) -> ImportedConversation:
    """Check an export in full; raise ``InvalidImport`` naming every problem found."""
    if not isinstance(data, dict):
        raise InvalidImport(translatable("This is not a conversation export: the file must hold a JSON object."))
    if data.get("format") != FORMAT:
        raise InvalidImport(
            translatable('This is not a conversation export: "format" must be "{format}".'), format=FORMAT
        )
    version = data.get("version")
    if not _is_int(version) or version < 1:
        raise InvalidImport(translatable('The conversation file has no valid "version" (a whole number, 1 or more).'))
    if version > FORMAT_VERSION:
        raise InvalidImport(
            translatable(
                "The conversation file was made by a newer version of the app (format version {version}; "
                "this version reads up to {known}). Update the app to import it."
            ),
            version=version,
            known=FORMAT_VERSION,
        )

    check = _Checker()
    title = check.get(data, "title", str, "", default=DEFAULT_IMPORT_TITLE)
    created = check.get(data, "created", float, "", default=None)
    system_prompt = check.get(data, "system_prompt", str, "", default="")
    preset = check.get(data, "preset", str, "", default=None)
    params = check.get(data, "params", dict, "", default={})
    leaf = check.get(data, "current_leaf_id", int, "", default=None)
    raw_messages = check.get(data, "messages", list, "", default=None, required=True)

    messages = _parse_messages(raw_messages or [], check)
    if leaf is not None and leaf not in {m.file_id for m in messages}:
        check.problem(f'"current_leaf_id" {leaf} does not match any message in the file')
    check.raise_if_any()
    return ImportedConversation(title, created, system_prompt, preset, params, messages, leaf)


def _parse_messages(raw: list[Any], check: _Checker) -> list[ImportedMessage]:
    messages: list[ImportedMessage] = []
    parents: dict[int, int | None] = {}  # every readable id -> its parent, to tell cycles apart
    for i, item in enumerate(raw):
        where = f"messages[{i}]"
        if not isinstance(item, dict):
            check.problem(f"{where} must be an object")
            continue
        file_id = check.get(item, "id", int, where, required=True)
        parent = check.get(item, "parent_id", int, where, required=True, nullable=True)
        role = check.get(item, "role", str, where, required=True)
        content = check.get(item, "content", str, where, required=True)
        status = check.get(item, "status", str, where, default="complete")
        created = check.get(item, "created", float, where, default=None)
        meta = check.get(item, "meta", dict, where, default={})
        if role is not None and role not in ROLES:
            check.problem(f'{where}.role must be one of {", ".join(ROLES)}, not "{role}"')
        if status is not None and status not in STATUSES:
            check.problem(f'{where}.status must be one of {", ".join(STATUSES)}, not "{status}"')
        if file_id is None:
            continue
        if file_id in parents:
            check.problem(f"{where}.id {file_id} is used by an earlier message too")
            continue
        parents[file_id] = parent
        if None in (role, content, status, meta):
            continue
        messages.append(
            ImportedMessage(
                file_id,
                parent,
                role,
                content,
                # A reply that was being written when the file was made will never be finished.
                "interrupted" if status == "streaming" else status,
                created,
                meta,
            )
        )

    # Parents first: then each message's parent is already stored when it is, and a cycle (which
    # cannot be listed parents-first) is caught by the same rule. The messages are told apart only
    # to say clearly what is wrong.
    listed: set[int] = set()
    for i, message in enumerate(messages):
        parent = message.parent_file_id
        if parent is not None and parent not in listed:
            if parent not in parents:
                check.problem(f"messages[{i}] (id {message.file_id}): parent_id {parent} matches no message")
            elif (cycle := _cycle_through(message.file_id, parents)) is not None:
                check.problem(f"messages[{i}] (id {message.file_id}) is in a cycle of parents: {cycle}")
            else:
                check.problem(f"messages[{i}] (id {message.file_id}) comes before its parent {parent}")
        listed.add(message.file_id)
    return messages


def _cycle_through(start: int, parents: dict[int, int | None]) -> str | None:
    """ "3 → 5 → 3" when following parents from ``start`` comes back to it, else None."""
    chain = [start]
    seen = {start}
    current = parents.get(start)
    while current is not None and current in parents:
        chain.append(current)
        if current == start:
            return " → ".join(map(str, chain[:12])) + (" → …" if len(chain) > 12 else "")
        if current in seen:
            return None  # a cycle further up, reported for the messages in it
        seen.add(current)
        current = parents.get(current)
    return None


_TYPE_NAMES = {str: "text", int: "a whole number", float: "a number", dict: "an object", list: "a list"}


class _Checker:
    """Collects every problem, so the user fixes a file once rather than once per error."""

    def __init__(self) -> None:
        self.problems: list[str] = []

    def problem(self, text: str) -> None:
        self.problems.append(text)

    def get(
        self,
        obj: dict[str, Any],
        key: str,
        kind: type,
        where: str,
        *,
        default: Any = None,
        required: bool = False,
        nullable: bool = False,
    ) -> Any:
        """``obj[key]`` if it is of ``kind`` (float accepts whole numbers, no kind accepts booleans)."""
        name = f"{where}.{key}" if where else f'"{key}"'
        if key not in obj:
            if required:
                self.problem(f"{name} is missing")
            return default
        value = obj[key]
        if value is None and (nullable or not required):
            return None if nullable else default
        ok = _is_float(value) if kind is float else isinstance(value, kind) and not isinstance(value, bool)
        if kind is dict and ok:
            ok = _is_json(value)
            if not ok:
                self.problem(f"{name} holds values that are not JSON")
                return None
        if not ok:
            self.problem(f"{name} must be {_TYPE_NAMES[kind]}, not {type(value).__name__}")
            return None
        return float(value) if kind is float else value

    def raise_if_any(self) -> None:
        if not self.problems:
            return
        shown = self.problems[:_MAX_LISTED_PROBLEMS]
        more = len(self.problems) - len(shown)
        text = "; ".join(shown) + (f"; and {more} more" if more else "")
        raise InvalidImport(translatable("The conversation file cannot be imported: {problems}."), problems=text)


def _is_int(value: object) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _is_float(value: object) -> bool:
    return (isinstance(value, float) and math.isfinite(value)) or _is_int(value)


def _is_json(value: object) -> bool:
    try:
        json.dumps(value, allow_nan=False)
    except (TypeError, ValueError):
        return False
    return True
