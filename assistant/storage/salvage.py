"""Recovering what can still be read from a damaged database file into a new one (``Database.salvage``)."""

from __future__ import annotations

import contextlib
import logging
import sqlite3
import time
from collections.abc import Callable
from pathlib import Path

from assistant.storage import schema
from assistant.storage.opening import BUSY_TIMEOUT_S, readonly_uri
from assistant.storage.records import NEW_CHAT_DRAFT, RECOVERED_TITLE, Conversation, StoredMessage
from assistant.storage.rows import Fields, decode_conversation, decode_message, dump_json, inserted_id, tolerant_text
from assistant.storage.tree import latest_leaf

log = logging.getLogger(__name__)

_SALVAGE_CHUNK = 256
_SALVAGE_MAX_EMPTY_CHUNKS = 100
_SALVAGE_MAX_ROWID = 100_000_000


def read_salvageable(path: Path) -> dict[str, list[sqlite3.Row]]:
    """Every row of the data tables that can be read from a damaged file (opened read-only)."""
    rows: dict[str, list[sqlite3.Row]] = {table: [] for table in schema.DATA_TABLES}
    # mode=ro sees the file's -wal too; immutable=1 (which skips the -wal and all locking) is the
    # fallback for a file whose -wal or locks are themselves the problem.
    for immutable in (False, True):
        try:
            source = sqlite3.connect(readonly_uri(path, immutable=immutable), uri=True, timeout=BUSY_TIMEOUT_S)
        except sqlite3.Error as e:
            log.warning("salvage: cannot open %s: %s", path, e)
            continue
        try:
            source.row_factory = sqlite3.Row
            source.text_factory = tolerant_text
            tables = {r[0] for r in source.execute("SELECT name FROM sqlite_schema WHERE type = 'table'")}
        except sqlite3.DatabaseError as e:
            log.warning("salvage: cannot read the list of tables in %s: %s", path, e)
            source.close()
            continue
        try:
            for table in schema.DATA_TABLES:
                if table in tables:
                    rows[table] = _read_table(source, table)
        finally:
            source.close()
        return rows
    return rows


def _read_table(source: sqlite3.Connection, table: str) -> list[sqlite3.Row]:
    """All readable rows of ``table``, by ranges of rowids; a range that fails is retried row by
    row, so damage costs only the rows on the damaged pages."""
    try:
        top = source.execute(f"SELECT max(rowid) FROM {table}").fetchone()[0]
    except sqlite3.DatabaseError:
        top = None  # the last page is damaged: read on until long stretches come back empty
    top = min(top, _SALVAGE_MAX_ROWID) if isinstance(top, int) else None
    rows: list[sqlite3.Row] = []
    low, empty_chunks = 0, 0
    while (low <= top) if top is not None else (empty_chunks < _SALVAGE_MAX_EMPTY_CHUNKS):
        high = low + _SALVAGE_CHUNK - 1
        try:
            chunk = source.execute(f"SELECT * FROM {table} WHERE rowid BETWEEN ? AND ?", (low, high)).fetchall()
        except sqlite3.DatabaseError:
            chunk = []
            for rowid in range(low, high + 1):
                with contextlib.suppress(sqlite3.DatabaseError):
                    chunk += source.execute(f"SELECT * FROM {table} WHERE rowid = ?", (rowid,)).fetchall()
        rows += chunk
        empty_chunks = 0 if chunk else empty_chunks + 1
        low = high + 1
    return rows


class Salvage:
    """Copies rows read from a damaged file into the open database, with new ids."""

    def __init__(self, c: sqlite3.Connection, now: Callable[[], float]) -> None:
        self.now = now
        self.c = c
        self.conversations: dict[int, int] = {}  # old id -> new id
        self.messages: dict[int, tuple[int, int]] = {}  # old id -> (new id, new conversation id)
        self.old_leaves: dict[int, int | None] = {}  # new conversation id -> old current leaf id
        self.last_message: dict[int, int] = {}  # new conversation id -> newest message copied into it

    def copy(self, rows: dict[str, list[sqlite3.Row]]) -> int:
        count = 0
        for row in rows["conversations"]:
            conv, _ = decode_conversation(row)
            self.conversations[conv.id] = self._insert_conversation(conv)
            self.old_leaves[self.conversations[conv.id]] = conv.current_leaf_id
            count += 1
        # Oldest first, so that a parent is copied before its children.
        for row in sorted(rows["messages"], key=lambda r: Fields(r).integer("id")):
            message, _ = decode_message(row)
            self._insert_message(message)
            count += 1
        for new_id, old_leaf in self.old_leaves.items():
            self._set_leaf(new_id, old_leaf)
        for row in rows["drafts"]:
            count += self._insert_draft(row)
        for row in rows["presets"]:
            f = Fields(row)
            self.c.execute(
                "INSERT INTO presets (name, system_prompt, created, updated) VALUES (?, ?, ?, ?)",
                (f.text("name"), f.text("system_prompt"), f.number("created"), f.number("updated")),
            )
            count += 1
        return count

    def _insert_conversation(self, conv: Conversation) -> int:
        cur = self.c.execute(
            "INSERT INTO conversations (title, created, updated, pinned, system_prompt, preset, params, model,"
            " deleted_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                conv.title,
                conv.created,
                conv.updated,
                int(conv.pinned),
                conv.system_prompt,
                conv.preset,
                dump_json(conv.params),
                conv.model,
                conv.deleted_at,
            ),
        )
        return inserted_id(cur)

    def _insert_message(self, m: StoredMessage) -> None:
        conversation_id = self.conversations.get(m.conversation_id)
        if conversation_id is None:  # its conversation's row was lost
            now = self.now()
            conversation_id = self._insert_conversation(
                Conversation(0, RECOVERED_TITLE, now, now, False, "", None, {}, None, None)
            )
            self.conversations[m.conversation_id] = conversation_id
            self.old_leaves[conversation_id] = None
        parent_id = None
        if m.parent_id is not None:
            parent = self.messages.get(m.parent_id)
            if parent is not None and parent[1] == conversation_id:
                parent_id = parent[0]
            else:
                # The parent was lost: follow on from the conversation's previous recovered message,
                # which in a chat without branches is the lost one's parent, so the rest still reads
                # in order (with a gap) instead of breaking into pieces.
                parent_id = self.last_message.get(conversation_id)
        cur = self.c.execute(
            "INSERT INTO messages (conversation_id, parent_id, role, content, status, created, meta, deleted_at)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            (
                conversation_id,
                parent_id,
                m.role,
                m.content,
                "interrupted" if m.status == "streaming" else m.status,
                m.created,
                dump_json(m.meta),
                m.deleted_at,
            ),
        )
        self.messages[m.id] = (inserted_id(cur), conversation_id)
        self.last_message[conversation_id] = inserted_id(cur)

    def _set_leaf(self, conversation_id: int, old_leaf: int | None) -> None:
        found = self.messages.get(old_leaf) if old_leaf is not None else None
        leaf = found[0] if found is not None and found[1] == conversation_id else None
        if leaf is not None:
            row = self.c.execute("SELECT deleted_at FROM messages WHERE id = ?", (leaf,)).fetchone()
            if row["deleted_at"] is not None:
                leaf = None
        if leaf is None:
            leaf = latest_leaf(self.c, conversation_id, under=None)
        self.c.execute("UPDATE conversations SET current_leaf_id = ? WHERE id = ?", (leaf, conversation_id))

    def _insert_draft(self, row: sqlite3.Row) -> int:
        f = Fields(row)
        old = f.integer("conversation_id", -1)
        key = NEW_CHAT_DRAFT if old == NEW_CHAT_DRAFT else self.conversations.get(old)
        if key is None:
            return 0
        # OR IGNORE: a draft typed into the new database since it was started is newer.
        cur = self.c.execute(
            "INSERT OR IGNORE INTO drafts (conversation_id, text, updated) VALUES (?, ?, ?)",
            (key, f.text("text"), f.number("updated", time.time())),
        )
        return cur.rowcount
