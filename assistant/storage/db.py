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

Also here: ``records.py`` (what is stored, as dataclasses), ``rows.py`` (decoding rows defensively),
``tree.py`` (the message tree in SQL), ``opening.py`` (integrity check, migrations), ``salvage.py``,
``schema.py`` and the export format, ``export.py``. This file is one class because every statement
runs on the one connection under the one lock.
"""

from __future__ import annotations

import contextlib
import logging
import sqlite3
import threading
import time
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

from assistant.errors import translatable
from assistant.paths import make_private_dir
from assistant.storage import export, schema
from assistant.storage.export import InvalidImport
from assistant.storage.opening import (
    BUSY_TIMEOUT_S,
    configure,
    integrity_problem,
    migrate,
    set_aside,
    user_error,
)
from assistant.storage.records import (
    DAMAGED_TITLE,
    KEEP,
    MATCH_END,
    MATCH_START,
    NEW_CHAT_DRAFT,
    Conversation,
    ConversationSummary,
    Keep,
    NotFound,
    Preset,
    SearchHit,
    StorageError,
    StoredMessage,
)
from assistant.storage.rows import best_effort_text, decode_conversation, decode_message, dump_json, inserted_id
from assistant.storage.salvage import Salvage, read_salvageable
from assistant.storage.schema import FINAL_STATUSES, ROLES
from assistant.storage.tree import SUBTREE, ancestors, latest_leaf

__all__ = [
    "DAMAGED_TITLE",
    "KEEP",
    "MATCH_END",
    "MATCH_START",
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
"""The records are defined in ``records.py``; they are here too so that callers import one module."""

log = logging.getLogger(__name__)

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
    def open(
        cls,
        path: Path,
        *,
        migrations: Sequence[schema.Migration] = schema.MIGRATIONS,
        only_writer: bool = True,
    ) -> Database:
        """Open (or create) the database at ``path``, recovering from a damaged file and migrating.

        ``only_writer=False`` is for a second process beside a running app (``assistant chat``): it
        leaves replies marked "streaming" as they are (the app may be writing one) and refuses a damaged
        file instead of setting it aside under the app. ``migrations`` is for tests; the app uses the
        schema's own list.
        """
        path = Path(path)
        if not path.parent.exists():
            make_private_dir(path.parent)  # it holds private conversations
        problem = integrity_problem(path)
        recovered_from = None
        if problem is not None and not only_writer:
            raise StorageError(
                translatable("The conversation database is damaged ({problem}); open the app to recover it."),
                problem=problem,
            )
        if problem is not None:
            recovered_from = set_aside(path)
            log.warning("%s is damaged (%s); moved it to %s and started a new database", path, problem, recovered_from)

        try:
            conn = sqlite3.connect(path, timeout=BUSY_TIMEOUT_S, isolation_level=None, check_same_thread=False)
        except sqlite3.Error as e:
            raise StorageError(
                translatable("Cannot open the conversation database {path}: {error}"), path=str(path), error=str(e)
            ) from e
        try:
            configure(conn)
            migrate(conn, path, migrations)
            # Rows still "streaming" were being written when the app died: keep what arrived. Not when
            # another process may be streaming into this file right now (``only_writer=False``).
            interrupted = 0
            if only_writer:
                interrupted = conn.execute(
                    "UPDATE messages SET status = 'interrupted' WHERE status = 'streaming'"
                ).rowcount
        except BaseException as e:
            conn.close()
            if isinstance(e, sqlite3.Error) and (err := user_error(e)) is not None:
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
                (title, now, now, system_prompt, preset, dump_json(params or {}), model),
            )
            return inserted_id(cur)

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
            raise no_conversation(conversation_id)
        return self._conversation(row)

    def rename_conversation(self, conversation_id: int, title: str) -> None:
        self._update_conversation_row(conversation_id, "title = ?", title)

    def set_pinned(self, conversation_id: int, pinned: bool) -> None:
        self._update_conversation_row(conversation_id, "pinned = ?", int(pinned))

    def update_conversation(
        self,
        conversation_id: int,
        *,
        system_prompt: str | Keep = KEEP,
        preset: str | Keep | None = KEEP,
        params: dict[str, Any] | Keep = KEEP,
        model: str | Keep | None = KEEP,
    ) -> None:
        """Change only the fields given (``None`` clears preset or model)."""
        changes: dict[str, object] = {}
        if system_prompt is not KEEP:
            changes["system_prompt"] = system_prompt
        if preset is not KEEP:
            changes["preset"] = preset
        if params is not KEEP:
            changes["params"] = dump_json(params)
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
        meta_json = dump_json(meta or {})
        with self._write() as c:
            self._require_conversation(c, conversation_id)
            if parent_id is not None:
                parent = self._require_message(c, parent_id)
                if parent["conversation_id"] != conversation_id:
                    raise ValueError(f"message {parent_id} belongs to another conversation")
                if parent["deleted_at"] is not None:
                    raise StorageError(translatable("That message was deleted; restore it to reply to it."))
            now = self._now()
            cur = c.execute(
                "INSERT INTO messages (conversation_id, parent_id, role, content, status, created, meta)"
                " VALUES (?, ?, ?, ?, ?, ?, ?)",
                (conversation_id, parent_id, role, content, status, now, meta_json),
            )
            message_id = inserted_id(cur)
            c.execute(
                "UPDATE conversations SET current_leaf_id = ?, updated = ? WHERE id = ?",
                (message_id, now, conversation_id),
            )
            return message_id

    def start_reply(self, conversation_id: int, parent_id: int) -> int:
        """An empty assistant message with status "streaming", to be filled by ``update_reply``."""
        return self.add_message(conversation_id, "assistant", "", parent_id=parent_id, status="streaming")

    def resume_reply(self, message_id: int) -> None:
        """A finished reply is written on ("Continue" after the length limit): "streaming" again, its
        text kept; ``update_reply`` and ``finish_reply`` then store it whole, old text and new."""
        with self._write() as c:
            self._require_message(c, message_id)
            c.execute("UPDATE messages SET status = 'streaming' WHERE id = ?", (message_id,))

    def update_reply(self, message_id: int, content: str, reasoning: str = "") -> None:
        """Save the reply so far: one single-row UPDATE, its own transaction (call about once a second).

        It does nothing once the reply is finished (a late update from a stopped worker).
        """
        with self._locked() as c:
            cur = c.execute(
                "UPDATE messages SET content = ?, reasoning = ? WHERE id = ? AND status = 'streaming'",
                (content, reasoning, message_id),
            )
        if cur.rowcount == 0:
            log.debug("update_reply(%s): no streaming message with that id", message_id)

    def finish_reply(
        self,
        message_id: int,
        content: str,
        *,
        status: str = "complete",
        meta: dict[str, Any] | None = None,
        reasoning: str | None = None,
    ) -> None:
        """Store the final text and how the reply ended; ``meta`` or ``reasoning`` None keeps what is stored."""
        if status not in FINAL_STATUSES:
            raise ValueError(f"status must be one of {FINAL_STATUSES}, not {status!r}")
        with self._write() as c:
            row = self._require_message(c, message_id)
            c.execute(
                "UPDATE messages SET content = ?, status = ?, meta = coalesce(?, meta), "
                "reasoning = coalesce(?, reasoning) WHERE id = ?",
                (content, status, None if meta is None else dump_json(meta), reasoning, message_id),
            )
            c.execute("UPDATE conversations SET updated = ? WHERE id = ?", (self._now(), row["conversation_id"]))

    def path(self, conversation_id: int) -> list[StoredMessage]:
        """The branch on screen: root → current leaf."""
        with self._locked() as c:
            row = self._require_conversation(c, conversation_id)
            leaf = row["current_leaf_id"]
            if not isinstance(leaf, int):
                return []
            rows = ancestors(c, leaf, _MESSAGE_COLUMNS)
        return [self._message(r) for r in reversed(rows)]

    def get_message(self, message_id: int) -> StoredMessage:
        with self._locked() as c:
            row = c.execute(f"SELECT {_MESSAGE_COLUMNS} FROM messages AS m WHERE m.id = ?", (message_id,)).fetchone()
        if row is None:
            raise no_message(message_id)
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
                raise StorageError(translatable("That message was deleted; restore it to show it."))
            leaf = latest_leaf(c, row["conversation_id"], under=message_id)
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
            on_screen = c.execute(f"{SUBTREE} SELECT 1 FROM subtree WHERE id = ?", (message_id, leaf)).fetchone()
            c.execute(
                f"{SUBTREE} UPDATE messages SET deleted_at = ?"
                " WHERE id IN (SELECT id FROM subtree) AND deleted_at IS NULL",
                (message_id, self._now()),
            )
            if on_screen:
                new_leaf = latest_leaf(c, conversation_id, under=row["parent_id"])
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
            for ancestor in ancestors(c, message_id, "m.id, m.deleted_at"):  # nearest first: the topmost wins
                if ancestor["deleted_at"] is not None:
                    deleted_by_stamp[ancestor["deleted_at"]] = ancestor["id"]
            if not deleted_by_stamp:
                return
            for stamp, top in deleted_by_stamp.items():
                c.execute(
                    f"{SUBTREE} UPDATE messages SET deleted_at = NULL"
                    " WHERE id IN (SELECT id FROM subtree) AND deleted_at = ?",
                    (top, stamp),
                )
            leaf = latest_leaf(c, row["conversation_id"], under=message_id)
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
        return "" if row is None else best_effort_text(row["text"])

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
                    best_effort_text(row["snippet"]),
                )
            )
        return hits

    # ----------------------------------------------------------------------------------------------
    # Presets

    def list_presets(self) -> list[Preset]:
        with self._locked() as c:
            rows = c.execute("SELECT * FROM presets ORDER BY name COLLATE NOCASE, id").fetchall()
        return [Preset(r["id"], best_effort_text(r["name"]), best_effort_text(r["system_prompt"])) for r in rows]

    def save_preset(self, name: str, system_prompt: str, preset_id: int | None = None) -> int:
        """Add a preset, or change preset ``preset_id``; returns its id."""
        now = time.time()
        with self._write() as c:
            if preset_id is None:
                cur = c.execute(
                    "INSERT INTO presets (name, system_prompt, created, updated) VALUES (?, ?, ?, ?)",
                    (name, system_prompt, now, now),
                )
                return inserted_id(cur)
            cur = c.execute(
                "UPDATE presets SET name = ?, system_prompt = ?, updated = ? WHERE id = ?",
                (name, system_prompt, now, preset_id),
            )
            if cur.rowcount == 0:
                raise NotFound(translatable("Preset {id} does not exist."), id=preset_id)
            return preset_id

    def delete_preset(self, preset_id: int) -> None:
        """Delete at once: a preset is a setting, not something the user wrote to keep."""
        with self._locked() as c:
            if c.execute("DELETE FROM presets WHERE id = ?", (preset_id,)).rowcount == 0:
                raise NotFound(translatable("Preset {id} does not exist."), id=preset_id)

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
                    dump_json(imported.params),
                ),
            )
            conversation_id = inserted_id(cur)
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
                        dump_json(m.meta),
                    ),
                )
                new_ids[m.file_id] = inserted_id(cur)
            if imported.current_leaf_file_id is not None:
                leaf = new_ids[imported.current_leaf_file_id]
            else:
                leaf = latest_leaf(c, conversation_id, under=None)
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
            raise StorageError(translatable("Cannot salvage the database into itself."))
        if not corrupt_path.is_file():
            raise NotFound(translatable("{path} does not exist."), path=str(corrupt_path))
        rows = read_salvageable(corrupt_path)
        with self._write() as c:
            recovered = Salvage(c, self._now).copy(rows)
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
                if (err := user_error(e)) is not None:
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
                if (err := user_error(e)) is not None:
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
            raise no_conversation(conversation_id)

    @staticmethod
    def _require_conversation(c: sqlite3.Connection, conversation_id: int) -> sqlite3.Row:
        row = c.execute("SELECT * FROM conversations WHERE id = ?", (conversation_id,)).fetchone()
        if row is None:
            raise no_conversation(conversation_id)
        return row

    @staticmethod
    def _require_message(c: sqlite3.Connection, message_id: int) -> sqlite3.Row:
        row = c.execute("SELECT * FROM messages WHERE id = ?", (message_id,)).fetchone()
        if row is None:
            raise no_message(message_id)
        return row

    def _conversation(self, row: sqlite3.Row) -> Conversation:
        conv, problems = decode_conversation(row)
        self._report_damage("conversation", conv.id, problems)
        return conv

    def _message(self, row: sqlite3.Row) -> StoredMessage:
        message, problems = decode_message(row)
        self._report_damage("message", message.id, problems)
        return message

    def _report_damage(self, kind: str, row_id: object, problems: list[str]) -> None:
        # Once per row per run: listings are read again and again.
        if problems and (kind, row_id) not in self._reported_damage:
            self._reported_damage.add((kind, row_id))
            log.warning("%s %s is damaged: %s", kind, row_id, "; ".join(problems))


def no_conversation(conversation_id: int) -> NotFound:
    return NotFound(translatable("Conversation {id} does not exist."), id=conversation_id)


def no_message(message_id: int) -> NotFound:
    return NotFound(translatable("Message {id} does not exist."), id=message_id)


def fts_query(text: str) -> str | None:
    """The FTS5 query for what the user typed: each word a quoted phrase (so ", AND, *, NEAR(...
    are just text), all required, the last a prefix; None when there is nothing to search for."""
    words = [w for w in text.replace("\x00", " ").split() if any(ch.isalnum() for ch in w)]
    if not words:
        return None
    phrases = ['"' + w.replace('"', '""') + '"' for w in words]
    phrases[-1] += "*"  # the last word may still be being typed
    return " ".join(phrases)
