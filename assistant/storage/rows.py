"""Decoding rows defensively: a row that cannot be read comes back flagged with what could be read,
so one damaged row never hides the rest (the database and salvage both read through this)."""

from __future__ import annotations

import dataclasses
import json
import sqlite3
from typing import Any

from assistant.storage import schema
from assistant.storage.records import DAMAGED_TITLE, Conversation, StoredMessage
from assistant.storage.schema import ROLES


def tolerant_text(raw: bytes) -> str | bytes:
    """The connections' text_factory: TEXT that is not UTF-8 comes back as bytes (which the
    decoders below report as damage) instead of sqlite3 raising for the whole query."""
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        return raw


def best_effort_text(value: object) -> str:
    if isinstance(value, str):
        return value
    if isinstance(value, bytes):
        return value.decode("utf-8", errors="replace")
    return "" if value is None else str(value)


class Fields:
    """Reads one row's columns by name, noting what is wrong instead of raising."""

    def __init__(self, row: sqlite3.Row) -> None:
        self._row = row
        self._columns = set(row.keys())
        self.problems: list[str] = []

    def _get(self, column: str) -> tuple[bool, Any]:
        # A column an older schema lacks is not damage: the caller's default applies.
        return (True, self._row[column]) if column in self._columns else (False, None)

    def text(self, column: str, default: str = "") -> str:
        present, value = self._get(column)
        if not present or isinstance(value, str):
            return value if present else default
        self.problems.append(f"{column} is {describe(value)}, not text")
        return default if value is None else best_effort_text(value)

    def optional_text(self, column: str) -> str | None:
        _, value = self._get(column)
        return None if value is None else self.text(column)

    def number(self, column: str, default: float = 0.0) -> float:
        present, value = self._get(column)
        if not present:
            return default
        if isinstance(value, int | float):
            return float(value)
        self.problems.append(f"{column} is {describe(value)}, not a number")
        return default

    def optional_number(self, column: str) -> float | None:
        _, value = self._get(column)
        return None if value is None else self.number(column)

    def integer(self, column: str, default: int = 0) -> int:
        present, value = self._get(column)
        if not present:
            return default
        if isinstance(value, int):
            return value
        self.problems.append(f"{column} is {describe(value)}, not a whole number")
        return default

    def optional_integer(self, column: str) -> int | None:
        _, value = self._get(column)
        if value is None:
            return None
        if isinstance(value, int):
            return value
        self.problems.append(f"{column} is {describe(value)}, not an id")
        return None

    def json_object(self, column: str) -> dict[str, Any]:
        present, value = self._get(column)
        if not present:
            return {}
        if isinstance(value, str):
            try:
                decoded = json.loads(value)
            except ValueError:
                self.problems.append(f"{column} is not valid JSON")
                return {}
            if isinstance(decoded, dict):
                return decoded
        self.problems.append(f"{column} is {describe(value)}, not a JSON object")
        return {}


def describe(value: object) -> str:
    if value is None:
        return "empty (NULL)"
    if isinstance(value, bytes):
        return f"{len(value)} bytes that are not UTF-8 text"
    return f"a {type(value).__name__}"


def decode_conversation(row: sqlite3.Row) -> tuple[Conversation, list[str]]:
    f = Fields(row)
    title = f.text("title", "")
    title_ok = not f.problems
    conv = Conversation(
        id=f.integer("id"),
        title=title if title_ok else DAMAGED_TITLE,
        created=f.number("created"),
        updated=f.number("updated"),
        pinned=bool(f.integer("pinned")),
        system_prompt=f.text("system_prompt"),
        preset=f.optional_text("preset"),
        params=f.json_object("params"),
        model=f.optional_text("model"),
        current_leaf_id=f.optional_integer("current_leaf_id"),
        damaged=False,
        deleted_at=f.optional_number("deleted_at"),
    )
    if f.problems:
        # A readable title is kept (the list shows the damage flag beside it).
        conv = dataclasses.replace(conv, damaged=True)
    return conv, f.problems


def decode_message(row: sqlite3.Row) -> tuple[StoredMessage, list[str]]:
    f = Fields(row)
    role = f.text("role", "assistant")
    if role not in ROLES:
        f.problems.append(f"role {role!r} is unknown")
        role = "assistant"
    status = f.text("status", "complete")
    if status not in schema.STATUSES:
        f.problems.append(f"status {status!r} is unknown")
    message = StoredMessage(
        id=f.integer("id"),
        conversation_id=f.integer("conversation_id"),
        parent_id=f.optional_integer("parent_id"),
        role=role,
        content=f.text("content"),
        status=status,
        created=f.number("created"),
        meta=f.json_object("meta"),
        sibling_index=f.integer("sibling_index", 0),
        sibling_count=f.integer("sibling_count", 1),
        deleted_at=f.optional_number("deleted_at"),
        reasoning=f.text("reasoning"),
    )
    if f.problems:
        message = dataclasses.replace(message, status="damaged")
    return message, f.problems


def dump_json(value: dict[str, Any]) -> str:
    return json.dumps(value, ensure_ascii=False, allow_nan=False)


def inserted_id(cur: sqlite3.Cursor) -> int:
    assert cur.lastrowid is not None
    return cur.lastrowid
