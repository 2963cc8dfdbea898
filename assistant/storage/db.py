"""The app's database: conversations (trees of messages), drafts, presets and search, in one SQLite file.

Why it is built this way:

- Nothing committed may be lost when the app is killed at any moment. Every change is its own
  short transaction, committed before the method returns; a streaming reply is saved by
  ``update_reply`` as one single-row UPDATE, so the bytes written per update depend on that reply
  only, never on the length of the conversation.
- The journal is a write-ahead log (WAL) with ``synchronous=NORMAL``: a commit is appended to the
  -wal file before the call returns, so it survives the app crashing or being killed (the OS
  holds the write). Only a power cut or OS crash can undo the last few commits, and even then the
  database is never corrupted; ``FULL`` would add an fsync to every commit (and every streamed
  update) for that last case only.
- One damaged row never hides the rest. Rows are decoded one by one and a row that cannot be
  decoded comes back flagged (``damaged=True``, status "damaged") with what could be read.
- A damaged file is never overwritten. ``open`` checks it (``PRAGMA quick_check``) on a read-only
  connection; a file that fails is renamed aside, a fresh database is started in its place, and
  ``salvage`` copies what can still be read from the old file into the new one.
- Deleting goes to a trash first (``deleted_at``); ``purge_trash`` removes for good.

Thread safety: the GUI thread and one streaming worker share a single connection
(``check_same_thread=False``). Every statement and transaction runs while holding ``self._lock``
(re-entrant), so two threads never interleave statements or end up inside each other's transaction.

Schema and migrations are in ``schema.py``; the export format is in ``export.py``.
"""

from __future__ import annotations

import contextlib
import dataclasses
import json
import logging
import sqlite3
import threading
import time
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import datetime
from enum import Enum
from pathlib import Path
from typing import Any

from assistant.errors import AssistantError
from assistant.paths import make_private_dir
from assistant.storage import export, schema
from assistant.storage.export import InvalidImport
from assistant.storage.schema import FINAL_STATUSES, ROLES

__all__ = [
    "KEEP",
    "Conversation",
    "ConversationSummary",
    "Database",
    "InvalidImport",
    "NotFound",
    "Preset",
    "SearchHit",
    "StorageError",
    "StoredMessage",
]

log = logging.getLogger(__name__)

BUSY_TIMEOUT_S = 5.0
"""How long a statement waits for a lock held by another connection (a second app instance, a
backup tool) before giving up."""
DAMAGED_TITLE = "Damaged conversation"
RECOVERED_TITLE = "Recovered conversation"
MATCH_START = "**"
MATCH_END = "**"
"""Around each match in a search snippet (Markdown bold, readable as plain text too)."""
NEW_CHAT_DRAFT = 0
"""The drafts row of the "new chat" box (``save_draft(None, ...)``); real conversation ids start at 1."""

_SALVAGE_CHUNK = 256
_SALVAGE_MAX_EMPTY_CHUNKS = 100
_SALVAGE_MAX_ROWID = 100_000_000

# Sibling position among the non-deleted children of the same parent (roots: of the conversation).
_MESSAGE_COLUMNS = """
    m.*,
    (SELECT count(*) FROM messages AS s
        WHERE s.conversation_id = m.conversation_id AND s.parent_id IS m.parent_id
          AND s.deleted_at IS NULL AND (s.created, s.id) < (m.created, m.id)) AS sibling_index,
    (SELECT count(*) FROM messages AS s
        WHERE s.conversation_id = m.conversation_id AND s.parent_id IS m.parent_id
          AND s.deleted_at IS NULL) AS sibling_count
"""

# A message and its ancestors, in no order (``_ancestors`` orders them). Parameter: id.
# UNION, not UNION ALL, here and below: a cycle of parents (only in a damaged file) must end.
_ANCESTORS = """
WITH RECURSIVE up(id) AS (
    SELECT ?
    UNION
    SELECT m.parent_id FROM messages AS m JOIN up ON m.id = up.id WHERE m.parent_id IS NOT NULL
)
"""

# A message and all its descendants. Parameter: id.
_SUBTREE = """
WITH RECURSIVE subtree(id) AS (
    SELECT ?
    UNION
    SELECT m.id FROM messages AS m JOIN subtree ON m.parent_id = subtree.id
)
"""


class StorageError(AssistantError):
    """The conversation database could not do what was asked; the message says why."""


class NotFound(StorageError):
    """A conversation, message or preset that does not exist (or no longer does)."""


class _Keep(Enum):
    KEEP = "keep"


KEEP = _Keep.KEEP
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


class Database:
    """The open database. Create with ``Database.open(path)``; every method is thread-safe."""

    def __init__(self, conn: sqlite3.Connection, path: Path) -> None:
        self._conn = conn
        self._lock = threading.RLock()
        self._last_time = 0.0
        self._reported_damage: set[tuple[str, object]] = set()
        self.file = path
        """The database file. (Not ``path``: that name is the method giving a conversation's branch.)"""
        self.recovered_from: Path | None = None
        """Where a damaged database file was moved to when this one was opened (None: it was fine)."""
        self.recovery_message: str | None = None
        """What to tell the user when ``recovered_from`` is set."""
        self.interrupted_on_open = 0
        """Replies that were being written when the app last stopped, now marked "interrupted"."""

    # ----------------------------------------------------------------------------------------------
    # Opening and closing

    @classmethod
    def open(cls, path: Path, *, migrations: Sequence[schema.Migration] = schema.MIGRATIONS) -> Database:
        """Open (or create) the database at ``path``, recovering from a damaged file and migrating.

        ``migrations`` is for tests; the app uses the schema's own list.
        """
        path = Path(path)
        if not path.parent.exists():
            make_private_dir(path.parent)  # it holds private conversations
        problem = _integrity_problem(path)
        recovered_from = None
        if problem is not None:
            recovered_from = _set_aside(path)
            log.warning("%s is damaged (%s); moved it to %s and started a new database", path, problem, recovered_from)

        try:
            conn = sqlite3.connect(path, timeout=BUSY_TIMEOUT_S, isolation_level=None, check_same_thread=False)
        except sqlite3.Error as e:
            raise StorageError(f"Cannot open the conversation database {path}: {e}") from e
        try:
            _configure(conn)
            _migrate(conn, path, migrations)
            # Rows still "streaming" were being written when the app died: keep what arrived.
            interrupted = conn.execute("UPDATE messages SET status = 'interrupted' WHERE status = 'streaming'").rowcount
        except BaseException as e:
            conn.close()
            if isinstance(e, sqlite3.Error) and (err := _user_error(e)) is not None:
                raise err from e
            raise

        db = cls(conn, path)
        db.interrupted_on_open = interrupted
        if interrupted:
            log.info("%d reply(s) were cut off when the app last stopped; marked interrupted", interrupted)
        if recovered_from is not None:
            db.recovered_from = recovered_from
            db.recovery_message = (
                f"The conversation database was damaged ({problem}). It was kept as {recovered_from.name} "
                "and a new one was started; conversations that can still be read can be recovered from it."
            )
        return db

    def close(self) -> None:
        with self._lock:
            self._conn.close()

    def __enter__(self) -> Database:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # ----------------------------------------------------------------------------------------------
    # Conversations

    def create_conversation(
        self,
        title: str = "New chat",
        *,
        system_prompt: str = "",
        preset: str | None = None,
        params: dict[str, Any] | None = None,
        model: str | None = None,
    ) -> int:
        now = self._now()
        with self._write() as c:
            cur = c.execute(
                "INSERT INTO conversations (title, created, updated, system_prompt, preset, params, model)"
                " VALUES (?, ?, ?, ?, ?, ?, ?)",
                (title, now, now, system_prompt, preset, _dump(params or {}), model),
            )
            return _rowid(cur)

    def list_conversations(self, *, trash: bool = False) -> list[ConversationSummary]:
        """Pinned first, then most recently updated; with ``trash``, the deleted ones, latest deletion first."""
        if trash:
            sql = "SELECT * FROM conversations WHERE deleted_at IS NOT NULL ORDER BY deleted_at DESC, id DESC"
        else:
            sql = "SELECT * FROM conversations WHERE deleted_at IS NULL ORDER BY pinned DESC, updated DESC, id DESC"
        with self._locked() as c:
            rows = c.execute(sql).fetchall()
        summaries = []
        for row in rows:
            conv = self._conversation(row)
            summaries.append(
                ConversationSummary(conv.id, conv.title, conv.updated, conv.pinned, conv.damaged, conv.deleted_at)
            )
        return summaries

    def get_conversation(self, conversation_id: int) -> Conversation:
        with self._locked() as c:
            row = c.execute("SELECT * FROM conversations WHERE id = ?", (conversation_id,)).fetchone()
        if row is None:
            raise NotFound(f"Conversation {conversation_id} does not exist.")
        return self._conversation(row)

    def rename_conversation(self, conversation_id: int, title: str) -> None:
        self._update_conversation_row(conversation_id, "title = ?", title)

    def set_pinned(self, conversation_id: int, pinned: bool) -> None:
        self._update_conversation_row(conversation_id, "pinned = ?", int(pinned))

    def update_conversation(
        self,
        conversation_id: int,
        *,
        system_prompt: str | _Keep = KEEP,
        preset: str | _Keep | None = KEEP,
        params: dict[str, Any] | _Keep = KEEP,
        model: str | _Keep | None = KEEP,
    ) -> None:
        """Change only the fields given (``None`` clears preset or model)."""
        changes: dict[str, object] = {}
        if system_prompt is not KEEP:
            changes["system_prompt"] = system_prompt
        if preset is not KEEP:
            changes["preset"] = preset
        if params is not KEEP:
            changes["params"] = _dump(params)
        if model is not KEEP:
            changes["model"] = model
        if changes:
            self._update_conversation_row(
                conversation_id, ", ".join(f"{column} = ?" for column in changes), *changes.values()
            )

    def delete_conversation(self, conversation_id: int) -> None:
        """Move to the trash (the messages stay as they are, hidden with it)."""
        with self._write() as c:
            self._require_conversation(c, conversation_id)
            c.execute(
                "UPDATE conversations SET deleted_at = ? WHERE id = ? AND deleted_at IS NULL",
                (self._now(), conversation_id),
            )

    def restore_conversation(self, conversation_id: int) -> None:
        self._update_conversation_row(conversation_id, "deleted_at = NULL")

    def purge_trash(self, *, older_than_days: float = 30, now: float | None = None) -> int:
        """Delete for good what went to the trash more than ``older_than_days`` ago.

        Returns the number of conversations and messages removed (a conversation's own messages
        included). Drafts of removed conversations go with them.
        """
        cutoff = (time.time() if now is None else now) - older_than_days * 86400
        doomed_conversations = "SELECT id FROM conversations WHERE deleted_at < ?"
        with self._write() as c:
            removed = c.execute(
                f"DELETE FROM messages WHERE conversation_id IN ({doomed_conversations})", (cutoff,)
            ).rowcount
            removed += c.execute(f"DELETE FROM conversations WHERE id IN ({doomed_conversations})", (cutoff,)).rowcount
            # Deleting a message deleted its subtree with it, so the subtree is old enough too; it
            # is named explicitly so that no child is ever left pointing to a parent that is gone.
            # (The WITH is inside: sqlite3 reports no rowcount for a statement that starts with WITH.)
            removed += c.execute(
                """
                DELETE FROM messages WHERE id IN (
                    WITH RECURSIVE doomed(id) AS (
                        SELECT id FROM messages WHERE deleted_at < ?
                        UNION
                        SELECT m.id FROM messages AS m JOIN doomed ON m.parent_id = doomed.id
                    )
                    SELECT id FROM doomed
                )
                """,
                (cutoff,),
            ).rowcount
            c.execute(
                "DELETE FROM drafts WHERE conversation_id != ?"
                " AND conversation_id NOT IN (SELECT id FROM conversations)",
                (NEW_CHAT_DRAFT,),
            )
        if removed:
            log.info("purged %d conversation(s) and message(s) from the trash", removed)
        return removed

    # ----------------------------------------------------------------------------------------------
    # Messages

    def add_message(
        self,
        conversation_id: int,
        role: str,
        content: str,
        *,
        parent_id: int | None,
        status: str = "complete",
        meta: dict[str, Any] | None = None,
    ) -> int:
        """Store a message under ``parent_id`` (None: a first message) and make it the current leaf.

        A second child of the same parent is an alternative: regenerate adds an assistant reply
        next to the old one, edit-and-resend a user message next to the old one.
        """
        if role not in ROLES:
            raise ValueError(f"role must be one of {ROLES}, not {role!r}")
        if status not in (*FINAL_STATUSES, "streaming"):
            raise ValueError(f"status must be one of {(*FINAL_STATUSES, 'streaming')}, not {status!r}")
        meta_json = _dump(meta or {})
        with self._write() as c:
            self._require_conversation(c, conversation_id)
            if parent_id is not None:
                parent = self._require_message(c, parent_id)
                if parent["conversation_id"] != conversation_id:
                    raise ValueError(f"message {parent_id} belongs to another conversation")
                if parent["deleted_at"] is not None:
                    raise StorageError("That message was deleted; restore it to reply to it.")
            now = self._now()
            cur = c.execute(
                "INSERT INTO messages (conversation_id, parent_id, role, content, status, created, meta)"
                " VALUES (?, ?, ?, ?, ?, ?, ?)",
                (conversation_id, parent_id, role, content, status, now, meta_json),
            )
            message_id = _rowid(cur)
            c.execute(
                "UPDATE conversations SET current_leaf_id = ?, updated = ? WHERE id = ?",
                (message_id, now, conversation_id),
            )
            return message_id

    def start_reply(self, conversation_id: int, parent_id: int) -> int:
        """An empty assistant message with status "streaming", to be filled by ``update_reply``."""
        return self.add_message(conversation_id, "assistant", "", parent_id=parent_id, status="streaming")

    def update_reply(self, message_id: int, content: str) -> None:
        """Save the reply so far: one single-row UPDATE, its own transaction (call about once a second).

        It does nothing once the reply is finished (a late update from a stopped worker).
        """
        with self._locked() as c:
            cur = c.execute(
                "UPDATE messages SET content = ? WHERE id = ? AND status = 'streaming'", (content, message_id)
            )
        if cur.rowcount == 0:
            log.debug("update_reply(%s): no streaming message with that id", message_id)

    def finish_reply(
        self, message_id: int, content: str, *, status: str = "complete", meta: dict[str, Any] | None = None
    ) -> None:
        """Store the final text and how the reply ended; ``meta`` None keeps the message's meta."""
        if status not in FINAL_STATUSES:
            raise ValueError(f"status must be one of {FINAL_STATUSES}, not {status!r}")
        with self._write() as c:
            row = self._require_message(c, message_id)
            if meta is None:
                c.execute("UPDATE messages SET content = ?, status = ? WHERE id = ?", (content, status, message_id))
            else:
                c.execute(
                    "UPDATE messages SET content = ?, status = ?, meta = ? WHERE id = ?",
                    (content, status, _dump(meta), message_id),
                )
            c.execute("UPDATE conversations SET updated = ? WHERE id = ?", (self._now(), row["conversation_id"]))

    def path(self, conversation_id: int) -> list[StoredMessage]:
        """The branch on screen: root → current leaf."""
        with self._locked() as c:
            row = self._require_conversation(c, conversation_id)
            leaf = row["current_leaf_id"]
            if not isinstance(leaf, int):
                return []
            rows = _ancestors(c, leaf, _MESSAGE_COLUMNS)
        return [self._message(r) for r in reversed(rows)]

    def get_message(self, message_id: int) -> StoredMessage:
        with self._locked() as c:
            row = c.execute(f"SELECT {_MESSAGE_COLUMNS} FROM messages AS m WHERE m.id = ?", (message_id,)).fetchone()
        if row is None:
            raise NotFound(f"Message {message_id} does not exist.")
        return self._message(row)

    def siblings(self, message_id: int) -> list[int]:
        """The alternatives at this message's place (same parent), non-deleted, oldest first."""
        with self._locked() as c:
            self._require_message(c, message_id)
            rows = c.execute(
                "SELECT s.id FROM messages AS m JOIN messages AS s"
                " ON s.conversation_id = m.conversation_id AND s.parent_id IS m.parent_id"
                " WHERE m.id = ? AND s.deleted_at IS NULL ORDER BY s.created, s.id",
                (message_id,),
            ).fetchall()
        return [r["id"] for r in rows]

    def select_branch(self, message_id: int) -> None:
        """Show the branch through this message: its newest leaf descendant becomes the current leaf."""
        with self._write() as c:
            row = self._require_message(c, message_id)
            if row["deleted_at"] is not None:
                raise StorageError("That message was deleted; restore it to show it.")
            leaf = _latest_leaf(c, row["conversation_id"], under=message_id)
            c.execute("UPDATE conversations SET current_leaf_id = ? WHERE id = ?", (leaf, row["conversation_id"]))

    def delete_message(self, message_id: int) -> None:
        """Move a message and everything below it to the trash.

        If it was on the branch on screen, the parent's newest remaining branch is shown instead.
        All rows of one deletion get the same ``deleted_at``: that is how ``restore_message`` tells
        what this deletion hid from what was deleted before.
        """
        with self._write() as c:
            row = self._require_message(c, message_id)
            if row["deleted_at"] is not None:
                return
            conversation_id = row["conversation_id"]
            leaf = c.execute("SELECT current_leaf_id FROM conversations WHERE id = ?", (conversation_id,)).fetchone()[0]
            on_screen = c.execute(f"{_SUBTREE} SELECT 1 FROM subtree WHERE id = ?", (message_id, leaf)).fetchone()
            c.execute(
                f"{_SUBTREE} UPDATE messages SET deleted_at = ?"
                " WHERE id IN (SELECT id FROM subtree) AND deleted_at IS NULL",
                (message_id, self._now()),
            )
            if on_screen:
                new_leaf = _latest_leaf(c, conversation_id, under=row["parent_id"])
                c.execute("UPDATE conversations SET current_leaf_id = ? WHERE id = ?", (new_leaf, conversation_id))

    def restore_message(self, message_id: int) -> None:
        """Undo every deletion that hides this message, and show its branch.

        Each deletion stamped its message and that message's subtree with one time. For each
        stamp on the way from this message up to the root, the topmost message with that stamp is
        the one that was deleted; restoring its subtree's rows with that stamp undoes that deletion
        (and leaves alone what was deleted separately, before it).
        """
        with self._write() as c:
            row = self._require_message(c, message_id)
            deleted_by_stamp: dict[float, int] = {}
            for ancestor in _ancestors(c, message_id, "m.id, m.deleted_at"):  # nearest first: the topmost wins
                if ancestor["deleted_at"] is not None:
                    deleted_by_stamp[ancestor["deleted_at"]] = ancestor["id"]
            if not deleted_by_stamp:
                return
            for stamp, top in deleted_by_stamp.items():
                c.execute(
                    f"{_SUBTREE} UPDATE messages SET deleted_at = NULL"
                    " WHERE id IN (SELECT id FROM subtree) AND deleted_at = ?",
                    (top, stamp),
                )
            leaf = _latest_leaf(c, row["conversation_id"], under=message_id)
            c.execute("UPDATE conversations SET current_leaf_id = ? WHERE id = ?", (leaf, row["conversation_id"]))

    # ----------------------------------------------------------------------------------------------
    # Drafts

    def save_draft(self, conversation_id: int | None, text: str) -> None:
        """Keep what is typed in a conversation's box (None: the new-chat box); "" removes it."""
        key = NEW_CHAT_DRAFT if conversation_id is None else conversation_id
        with self._locked() as c:
            if text:
                c.execute(
                    "INSERT INTO drafts (conversation_id, text, updated) VALUES (?, ?, ?)"
                    " ON CONFLICT (conversation_id) DO UPDATE SET text = excluded.text, updated = excluded.updated",
                    (key, text, time.time()),
                )
            else:
                c.execute("DELETE FROM drafts WHERE conversation_id = ?", (key,))

    def get_draft(self, conversation_id: int | None) -> str:
        key = NEW_CHAT_DRAFT if conversation_id is None else conversation_id
        with self._locked() as c:
            row = c.execute("SELECT text FROM drafts WHERE conversation_id = ?", (key,)).fetchone()
        return "" if row is None else _best_effort_text(row["text"])

    # ----------------------------------------------------------------------------------------------
    # Search

    def search(self, query: str, *, limit: int = 50) -> list[SearchHit]:
        """Messages that contain the query's words, best matches first (deleted ones left out).

        The query is taken as plain words (all must appear; the last one may be unfinished),
        never as FTS5 syntax, so nothing the user types is an error.
        """
        match = fts_query(query)
        if match is None:
            return []
        sql = """
            SELECT m.conversation_id, m.id, c.title, snippet(messages_fts, 0, ?, ?, '…', 12) AS snippet
            FROM messages_fts
            JOIN messages AS m ON m.id = messages_fts.rowid
            JOIN conversations AS c ON c.id = m.conversation_id
            WHERE messages_fts MATCH ? AND m.deleted_at IS NULL AND c.deleted_at IS NULL
            ORDER BY messages_fts.rank
            LIMIT ?
        """
        args = (MATCH_START, MATCH_END, match, limit)
        with self._lock:
            try:
                rows = self._conn.execute(sql, args).fetchall()
            except sqlite3.DatabaseError as e:
                # The index is derived data: if it is damaged (say, the table was edited by hand
                # with the triggers off), rebuild it from the messages and try once more.
                log.warning("search index failed (%s); rebuilding it", e)
                with self._write() as c:
                    c.execute("INSERT INTO messages_fts (messages_fts) VALUES ('rebuild')")
                with self._locked() as c:
                    rows = c.execute(sql, args).fetchall()
        hits = []
        for row in rows:
            title = row["title"]
            hits.append(
                SearchHit(
                    row["conversation_id"],
                    row["id"],
                    title if isinstance(title, str) else DAMAGED_TITLE,
                    _best_effort_text(row["snippet"]),
                )
            )
        return hits

    # ----------------------------------------------------------------------------------------------
    # Presets

    def list_presets(self) -> list[Preset]:
        with self._locked() as c:
            rows = c.execute("SELECT * FROM presets ORDER BY name COLLATE NOCASE, id").fetchall()
        return [Preset(r["id"], _best_effort_text(r["name"]), _best_effort_text(r["system_prompt"])) for r in rows]

    def save_preset(self, name: str, system_prompt: str, preset_id: int | None = None) -> int:
        """Add a preset, or change preset ``preset_id``; returns its id."""
        now = time.time()
        with self._write() as c:
            if preset_id is None:
                cur = c.execute(
                    "INSERT INTO presets (name, system_prompt, created, updated) VALUES (?, ?, ?, ?)",
                    (name, system_prompt, now, now),
                )
                return _rowid(cur)
            cur = c.execute(
                "UPDATE presets SET name = ?, system_prompt = ?, updated = ? WHERE id = ?",
                (name, system_prompt, now, preset_id),
            )
            if cur.rowcount == 0:
                raise NotFound(f"Preset {preset_id} does not exist.")
            return preset_id

    def delete_preset(self, preset_id: int) -> None:
        """Delete at once: a preset is a setting, not something the user wrote to keep."""
        with self._locked() as c:
            if c.execute("DELETE FROM presets WHERE id = ?", (preset_id,)).rowcount == 0:
                raise NotFound(f"Preset {preset_id} does not exist.")

    # ----------------------------------------------------------------------------------------------
    # Export and import (format: export.py)

    def export_json(self, conversation_id: int) -> dict[str, Any]:
        """The conversation with all its branches, as export.py's versioned format."""
        with self._locked() as c:
            conversation = self.get_conversation(conversation_id)
            rows = c.execute(
                f"SELECT {_MESSAGE_COLUMNS} FROM messages AS m"
                " WHERE m.conversation_id = ? AND m.deleted_at IS NULL ORDER BY m.id",
                (conversation_id,),
            ).fetchall()
        return export.to_json(conversation, [self._message(r) for r in rows])

    def export_markdown(self, conversation_id: int) -> str:
        """The branch on screen as Markdown."""
        with self._lock:
            return export.to_markdown(self.get_conversation(conversation_id), self.path(conversation_id))

    def import_json(self, data: dict[str, Any]) -> int:
        """Store an exported conversation as a new one; returns its id. All or nothing."""
        imported = export.parse(data)
        with self._write() as c:
            now = self._now()
            cur = c.execute(
                "INSERT INTO conversations (title, created, updated, system_prompt, preset, params)"
                " VALUES (?, ?, ?, ?, ?, ?)",
                (
                    imported.title,
                    imported.created if imported.created is not None else now,
                    now,
                    imported.system_prompt,
                    imported.preset,
                    _dump(imported.params),
                ),
            )
            conversation_id = _rowid(cur)
            new_ids: dict[int, int] = {}
            for m in imported.messages:  # parents first (export.parse checked)
                cur = c.execute(
                    "INSERT INTO messages (conversation_id, parent_id, role, content, status, created, meta)"
                    " VALUES (?, ?, ?, ?, ?, ?, ?)",
                    (
                        conversation_id,
                        None if m.parent_file_id is None else new_ids[m.parent_file_id],
                        m.role,
                        m.content,
                        m.status,
                        m.created if m.created is not None else self._now(),
                        _dump(m.meta),
                    ),
                )
                new_ids[m.file_id] = _rowid(cur)
            if imported.current_leaf_file_id is not None:
                leaf = new_ids[imported.current_leaf_file_id]
            else:
                leaf = _latest_leaf(c, conversation_id, under=None)
            c.execute("UPDATE conversations SET current_leaf_id = ? WHERE id = ?", (leaf, conversation_id))
        log.info("imported conversation %d (%d messages)", conversation_id, len(imported.messages))
        return conversation_id

    # ----------------------------------------------------------------------------------------------
    # Recovery

    def salvage(self, corrupt_path: Path) -> int:
        """Copy every readable conversation, message, draft and preset of a damaged database file
        into this one; returns the number of rows recovered.

        The damaged file is only read (opened read-only), and row by row where a range of rows
        cannot be read, so one bad page loses only the rows on it. Recovered rows get new ids;
        a message whose parent was lost follows the previous recovered message of its conversation,
        messages whose conversation was lost go into a new conversation titled "Recovered
        conversation", and replies that were being written are marked interrupted. Calling it twice
        copies the rows twice.
        """
        corrupt_path = Path(corrupt_path)
        if corrupt_path.resolve() == self.file.resolve():
            raise StorageError("Cannot salvage the database into itself.")
        if not corrupt_path.is_file():
            raise NotFound(f"{corrupt_path} does not exist.")
        rows = _read_salvageable(corrupt_path)
        with self._write() as c:
            recovered = _Salvage(self, c).copy(rows)
        log.warning("salvaged %d row(s) from %s", recovered, corrupt_path)
        return recovered

    # ----------------------------------------------------------------------------------------------
    # Internals

    @contextlib.contextmanager
    def _write(self) -> Iterator[sqlite3.Connection]:
        """One write transaction under the lock. BEGIN IMMEDIATE takes SQLite's write lock at once,
        so a transaction never fails halfway because another connection holds it."""
        with self._lock:
            try:
                self._conn.execute("BEGIN IMMEDIATE")
                try:
                    yield self._conn
                    self._conn.execute("COMMIT")
                except BaseException:
                    if self._conn.in_transaction:
                        self._conn.execute("ROLLBACK")
                    raise
            except sqlite3.Error as e:
                if (err := _user_error(e)) is not None:
                    raise err from e
                raise

    def locked(self) -> contextlib.AbstractContextManager[sqlite3.Connection]:
        """The connection under the database's lock, for the other stores in this package
        (write_documents.py, summaries.py) that keep their tables in this same file."""
        return self._locked()

    def now(self) -> float:
        """A timestamp that never repeats or goes back (see ``_now``)."""
        return self._now()

    @contextlib.contextmanager
    def _locked(self) -> Iterator[sqlite3.Connection]:
        """Statements under the lock, each its own transaction (also used for single-statement writes)."""
        with self._lock:
            try:
                yield self._conn
            except sqlite3.Error as e:
                if (err := _user_error(e)) is not None:
                    raise err from e
                raise

    def _now(self) -> float:
        # Strictly increasing: "newest branch" and "most recently updated" are decided by time,
        # and two events within the clock's resolution (about 16 ms on Windows) must not tie.
        with self._lock:
            self._last_time = max(time.time(), self._last_time + 1e-6)
            return self._last_time

    def _update_conversation_row(self, conversation_id: int, assignments: str, *values: object) -> None:
        with self._locked() as c:
            cur = c.execute(f"UPDATE conversations SET {assignments} WHERE id = ?", (*values, conversation_id))
        if cur.rowcount == 0:
            raise NotFound(f"Conversation {conversation_id} does not exist.")

    @staticmethod
    def _require_conversation(c: sqlite3.Connection, conversation_id: int) -> sqlite3.Row:
        row = c.execute("SELECT * FROM conversations WHERE id = ?", (conversation_id,)).fetchone()
        if row is None:
            raise NotFound(f"Conversation {conversation_id} does not exist.")
        return row

    @staticmethod
    def _require_message(c: sqlite3.Connection, message_id: int) -> sqlite3.Row:
        row = c.execute("SELECT * FROM messages WHERE id = ?", (message_id,)).fetchone()
        if row is None:
            raise NotFound(f"Message {message_id} does not exist.")
        return row

    def _conversation(self, row: sqlite3.Row) -> Conversation:
        conv, problems = _decode_conversation(row)
        self._report_damage("conversation", conv.id, problems)
        return conv

    def _message(self, row: sqlite3.Row) -> StoredMessage:
        message, problems = _decode_message(row)
        self._report_damage("message", message.id, problems)
        return message

    def _report_damage(self, kind: str, row_id: object, problems: list[str]) -> None:
        # Once per row per run: listings are read again and again.
        if problems and (kind, row_id) not in self._reported_damage:
            self._reported_damage.add((kind, row_id))
            log.warning("%s %s is damaged: %s", kind, row_id, "; ".join(problems))


# --------------------------------------------------------------------------------------------------
# Decoding rows defensively


def _tolerant_text(raw: bytes) -> str | bytes:
    """The connections' text_factory: TEXT that is not UTF-8 comes back as bytes (which the
    decoders below report as damage) instead of sqlite3 raising for the whole query."""
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        return raw


def _best_effort_text(value: object) -> str:
    if isinstance(value, str):
        return value
    if isinstance(value, bytes):
        return value.decode("utf-8", errors="replace")
    return "" if value is None else str(value)


class _Fields:
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
        self.problems.append(f"{column} is {_describe(value)}, not text")
        return default if value is None else _best_effort_text(value)

    def optional_text(self, column: str) -> str | None:
        _, value = self._get(column)
        return None if value is None else self.text(column)

    def number(self, column: str, default: float = 0.0) -> float:
        present, value = self._get(column)
        if not present:
            return default
        if isinstance(value, int | float):
            return float(value)
        self.problems.append(f"{column} is {_describe(value)}, not a number")
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
        self.problems.append(f"{column} is {_describe(value)}, not a whole number")
        return default

    def optional_integer(self, column: str) -> int | None:
        _, value = self._get(column)
        if value is None:
            return None
        if isinstance(value, int):
            return value
        self.problems.append(f"{column} is {_describe(value)}, not an id")
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
        self.problems.append(f"{column} is {_describe(value)}, not a JSON object")
        return {}


def _describe(value: object) -> str:
    if value is None:
        return "empty (NULL)"
    if isinstance(value, bytes):
        return f"{len(value)} bytes that are not UTF-8 text"
    return f"a {type(value).__name__}"


def _decode_conversation(row: sqlite3.Row) -> tuple[Conversation, list[str]]:
    f = _Fields(row)
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


def _decode_message(row: sqlite3.Row) -> tuple[StoredMessage, list[str]]:
    f = _Fields(row)
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
    )
    if f.problems:
        message = dataclasses.replace(message, status="damaged")
    return message, f.problems


# --------------------------------------------------------------------------------------------------
# Opening: integrity, setting aside, configuration, migrations


def _user_error(e: sqlite3.Error) -> StorageError | None:
    """The StorageError to show for a failure of the disk or the file; None for anything else
    (a programming error, which must surface as the bug it is)."""
    reasons = {
        sqlite3.SQLITE_FULL: "the disk is full",
        sqlite3.SQLITE_IOERR: "the disk could not be read or written",
        sqlite3.SQLITE_BUSY: "another program is using the database",
        sqlite3.SQLITE_LOCKED: "another program is using the database",
        sqlite3.SQLITE_READONLY: "the database file is read-only",
        sqlite3.SQLITE_CANTOPEN: "the database file cannot be opened",
        sqlite3.SQLITE_PERM: "access to the database file was denied",
        sqlite3.SQLITE_CORRUPT: "the database file is damaged (restart the app to recover it)",
        sqlite3.SQLITE_NOTADB: "the database file is damaged (restart the app to recover it)",
    }
    code = getattr(e, "sqlite_errorcode", None)
    reason = reasons.get(code & 0xFF) if isinstance(code, int) else None
    return None if reason is None else StorageError(f"Could not use the conversation database: {reason} ({e}).")


def _is_corruption(e: sqlite3.Error) -> bool:
    code = getattr(e, "sqlite_errorcode", None)
    return isinstance(code, int) and code & 0xFF in (sqlite3.SQLITE_CORRUPT, sqlite3.SQLITE_NOTADB)


def _readonly_uri(path: Path, *, immutable: bool = False) -> str:
    return f"{path.resolve().as_uri()}?{'immutable=1' if immutable else 'mode=ro'}"


def _integrity_problem(path: Path) -> str | None:
    """Why the file at ``path`` is damaged, or None when it is fine (or does not exist yet).

    Read-only on purpose: closing the last read-write connection of a WAL database writes to the
    file (a checkpoint), and a damaged file must stay exactly as it was.
    """
    if not path.exists() or path.stat().st_size == 0:
        return None
    try:
        probe = sqlite3.connect(_readonly_uri(path), uri=True, timeout=BUSY_TIMEOUT_S)
    except sqlite3.Error as e:
        raise StorageError(f"Cannot open the conversation database {path}: {e}") from e
    try:
        # quick_check reads every page (O(file size): about a second per GB) but not index
        # contents against tables, which a full integrity_check would add at many times the cost.
        results = [row[0] for row in probe.execute("PRAGMA quick_check").fetchall()]
    except sqlite3.DatabaseError as e:
        if _is_corruption(e):
            return str(e)
        raise StorageError(f"Cannot open the conversation database {path}: {e}") from e
    finally:
        probe.close()
    if results == ["ok"]:
        return None
    return "; ".join(_best_effort_text(r) for r in results[:3])


def _unused_name(candidate: Path) -> Path:
    n = 2
    found = candidate
    while found.exists():
        found = candidate.with_name(f"{candidate.name}-{n}")
        n += 1
    return found


def _set_aside(path: Path) -> Path:
    """Rename a damaged database (and its -wal and -shm) to ``<name>.corrupt-YYYYmmdd-HHMMSS``."""
    target = _unused_name(path.with_name(f"{path.name}.corrupt-{datetime.now():%Y%m%d-%H%M%S}"))
    try:
        path.rename(target)
        # The -wal must go with it: a new database beside an old -wal would read its pages.
        for suffix in ("-wal", "-shm"):
            side = path.with_name(path.name + suffix)
            if side.exists():
                side.rename(target.with_name(target.name + suffix))
    except OSError as e:
        raise StorageError(f"The conversation database {path} is damaged and could not be moved aside: {e}") from e
    return target


def _configure(conn: sqlite3.Connection) -> None:
    conn.row_factory = sqlite3.Row
    conn.text_factory = _tolerant_text
    mode = conn.execute("PRAGMA journal_mode = WAL").fetchone()[0]
    if mode != "wal":
        log.warning("the database could not use WAL (journal mode is %s); it works, but slower", mode)
    conn.execute("PRAGMA synchronous = NORMAL")  # why NORMAL is enough: module docstring
    conn.execute("PRAGMA foreign_keys = ON")


def _migrate(conn: sqlite3.Connection, path: Path, migrations: Sequence[schema.Migration]) -> None:
    version = conn.execute("PRAGMA user_version").fetchone()[0]
    target = len(migrations)
    if version > target:
        raise StorageError(
            f"The conversation database {path} was written by a newer version of the app "
            f"(schema version {version}; this version knows up to {target}). Update the app to open it."
        )
    if version == target:
        return
    backup = None
    if version > 0 or conn.execute("SELECT count(*) FROM sqlite_schema").fetchone()[0]:
        backup = _backup(conn, path, version)
    for to_version in range(version + 1, target + 1):
        log.info("migrating %s to schema version %d", path, to_version)
        try:
            _apply(conn, migrations[to_version - 1], to_version)
        except sqlite3.Error as e:
            kept = f"; a copy of it from before the upgrade is {backup}" if backup else ""
            raise StorageError(
                f"Could not upgrade the conversation database to schema version {to_version}: {e}. "
                f"It was left at version {to_version - 1}, unchanged{kept}."
            ) from e


def _backup(conn: sqlite3.Connection, path: Path, version: int) -> Path:
    """Copy the database to ``<name>.bak-v<version>`` with SQLite's online backup (WAL included)."""
    target = _unused_name(path.with_name(f"{path.name}.bak-v{version}"))
    dest = sqlite3.connect(target)
    try:
        conn.backup(dest)
        # One self-contained file (the copy would otherwise be in WAL mode, like its source).
        dest.execute("PRAGMA journal_mode = DELETE")
    finally:
        dest.close()
    log.info("backed up %s (schema version %d) to %s before migrating", path, version, target)
    return target


def _apply(conn: sqlite3.Connection, migration: schema.Migration, to_version: int) -> None:
    """Run one migration and record its version in one transaction: all of it or none of it."""
    try:
        if isinstance(migration, str):
            # executescript() commits any open transaction before it runs, so the script carries
            # its own BEGIN and COMMIT.
            conn.executescript(f"BEGIN IMMEDIATE;\n{migration}\n;PRAGMA user_version = {to_version};\nCOMMIT;")
        else:
            conn.execute("BEGIN IMMEDIATE")
            migration(conn)
            conn.execute(f"PRAGMA user_version = {to_version}")
            conn.execute("COMMIT")
    except BaseException:
        if conn.in_transaction:
            conn.execute("ROLLBACK")
        raise


# --------------------------------------------------------------------------------------------------
# Tree helpers (inside a transaction)


def _ancestors(c: sqlite3.Connection, message_id: int, columns: str) -> list[sqlite3.Row]:
    """The message and its ancestors, nearest first (``columns`` select from ``messages AS m``)."""
    rows = c.execute(
        f"{_ANCESTORS} SELECT {columns}, m.parent_id AS _parent FROM up JOIN messages AS m USING (id)", (message_id,)
    ).fetchall()
    by_id = {r["id"]: r for r in rows}
    chain: list[sqlite3.Row] = []
    current = by_id.get(message_id)
    while current is not None and len(chain) < len(by_id):  # the length bound ends a cycle
        chain.append(current)
        current = by_id.get(current["_parent"])
    return chain


def _latest_leaf(c: sqlite3.Connection, conversation_id: int, *, under: int | None) -> int | None:
    """The newest non-deleted leaf at or below ``under`` (None: below any first message), or None."""
    if under is None:
        seed = "SELECT id FROM messages WHERE conversation_id = ? AND parent_id IS NULL AND deleted_at IS NULL"
        arg = conversation_id
    else:
        seed = "SELECT id FROM messages WHERE id = ? AND deleted_at IS NULL"
        arg = under
    row = c.execute(
        f"""
        WITH RECURSIVE below(id) AS (
            {seed}
            UNION
            SELECT m.id FROM messages AS m JOIN below ON m.parent_id = below.id WHERE m.deleted_at IS NULL
        )
        SELECT m.id FROM messages AS m JOIN below ON m.id = below.id
        -- Leaves first; "no leaf at all" happens only in a cycle of parents (a damaged file).
        ORDER BY NOT EXISTS (SELECT 1 FROM messages AS child WHERE child.parent_id = m.id AND child.deleted_at IS NULL)
            DESC, m.created DESC, m.id DESC
        LIMIT 1
        """,
        (arg,),
    ).fetchone()
    return None if row is None else row[0]


def _dump(value: dict[str, Any]) -> str:
    return json.dumps(value, ensure_ascii=False, allow_nan=False)


def _rowid(cur: sqlite3.Cursor) -> int:
    assert cur.lastrowid is not None
    return cur.lastrowid


def fts_query(text: str) -> str | None:
    """The FTS5 query for what the user typed: each word a quoted phrase (so ", AND, *, NEAR(...
    are just text), all required, the last a prefix; None when there is nothing to search for."""
    words = [w for w in text.replace("\x00", " ").split() if any(ch.isalnum() for ch in w)]
    if not words:
        return None
    phrases = ['"' + w.replace('"', '""') + '"' for w in words]
    phrases[-1] += "*"  # the last word may still be being typed
    return " ".join(phrases)


# --------------------------------------------------------------------------------------------------
# Salvage


def _read_salvageable(path: Path) -> dict[str, list[sqlite3.Row]]:
    """Every row of the data tables that can be read from a damaged file (opened read-only)."""
    rows: dict[str, list[sqlite3.Row]] = {table: [] for table in schema.DATA_TABLES}
    # mode=ro sees the file's -wal too; immutable=1 (which skips the -wal and all locking) is the
    # fallback for a file whose -wal or locks are themselves the problem.
    for immutable in (False, True):
        try:
            source = sqlite3.connect(_readonly_uri(path, immutable=immutable), uri=True, timeout=BUSY_TIMEOUT_S)
        except sqlite3.Error as e:
            log.warning("salvage: cannot open %s: %s", path, e)
            continue
        try:
            source.row_factory = sqlite3.Row
            source.text_factory = _tolerant_text
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


class _Salvage:
    """Copies rows read from a damaged file into the open database, with new ids."""

    def __init__(self, db: Database, c: sqlite3.Connection) -> None:
        self.db = db
        self.c = c
        self.conversations: dict[int, int] = {}  # old id -> new id
        self.messages: dict[int, tuple[int, int]] = {}  # old id -> (new id, new conversation id)
        self.old_leaves: dict[int, int | None] = {}  # new conversation id -> old current leaf id
        self.last_message: dict[int, int] = {}  # new conversation id -> newest message copied into it

    def copy(self, rows: dict[str, list[sqlite3.Row]]) -> int:
        count = 0
        for row in rows["conversations"]:
            conv, _ = _decode_conversation(row)
            self.conversations[conv.id] = self._insert_conversation(conv)
            self.old_leaves[self.conversations[conv.id]] = conv.current_leaf_id
            count += 1
        # Oldest first, so that a parent is copied before its children.
        for row in sorted(rows["messages"], key=lambda r: _Fields(r).integer("id")):
            message, _ = _decode_message(row)
            self._insert_message(message)
            count += 1
        for new_id, old_leaf in self.old_leaves.items():
            self._set_leaf(new_id, old_leaf)
        for row in rows["drafts"]:
            count += self._insert_draft(row)
        for row in rows["presets"]:
            f = _Fields(row)
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
                _dump(conv.params),
                conv.model,
                conv.deleted_at,
            ),
        )
        return _rowid(cur)

    def _insert_message(self, m: StoredMessage) -> None:
        conversation_id = self.conversations.get(m.conversation_id)
        if conversation_id is None:  # its conversation's row was lost
            now = self.db._now()
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
                _dump(m.meta),
                m.deleted_at,
            ),
        )
        self.messages[m.id] = (_rowid(cur), conversation_id)
        self.last_message[conversation_id] = _rowid(cur)

    def _set_leaf(self, conversation_id: int, old_leaf: int | None) -> None:
        found = self.messages.get(old_leaf) if old_leaf is not None else None
        leaf = found[0] if found is not None and found[1] == conversation_id else None
        if leaf is not None:
            row = self.c.execute("SELECT deleted_at FROM messages WHERE id = ?", (leaf,)).fetchone()
            if row["deleted_at"] is not None:
                leaf = None
        if leaf is None:
            leaf = _latest_leaf(self.c, conversation_id, under=None)
        self.c.execute("UPDATE conversations SET current_leaf_id = ? WHERE id = ?", (leaf, conversation_id))

    def _insert_draft(self, row: sqlite3.Row) -> int:
        f = _Fields(row)
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
