"""The database schema, as an ordered list of migrations.

``MIGRATIONS[i]`` takes a database from version ``i`` to ``i + 1`` (``PRAGMA user_version`` holds the
version; a new file is version 0). To change the schema, append a migration, never edit a released
one: users' databases were built by the old text. A migration is either an SQL script or a function
of the connection (for changes SQL alone cannot express, such as rewriting JSON). ``db.py`` runs
each one in its own transaction, after backing the file up.

Design notes for v1:

- Conversations are trees of messages: ``messages.parent_id`` points to the message it answers or
  follows, and ``conversations.current_leaf_id`` picks the branch on screen. The visible path is
  found by walking parents from the leaf (a recursive CTE in db.py).
- Soft delete: ``deleted_at`` (epoch seconds) instead of DELETE; ``purge_trash`` deletes for good.
- Free-text columns (title, content, params, meta) are not declared NOT NULL or STRICT: readers
  decode every row defensively, and a damaged value must spoil one row, never a whole listing.
- ``parent_id`` has no ON DELETE CASCADE on purpose: SQLite runs cascades recursively, one level
  per generation, and stops at 1000 levels ("too many levels of trigger recursion"), so a long
  chat could not be purged. db.py deletes whole subtrees in one statement instead.
- Search: an FTS5 index over message text with external content (the text is stored once, in
  ``messages``). Streaming replies are left out of the index until they end, so the once-a-second
  ``update_reply`` stays a single-row write with no index work; the view ``searchable_messages``
  is the content table so that FTS5's 'rebuild' also leaves them out.
- Tokenizer: unicode61 (diacritics folded, so "cafe" finds "café"). It splits on spaces and
  punctuation, so Chinese or Japanese text without spaces is indexed as one token per run of
  characters: a search finds whole runs (and, as typed, their beginnings), not words inside them.
  The trigram tokenizer would find substrings, at about three times the index size, and never
  for queries shorter than three characters.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Sequence

Migration = str | Callable[[sqlite3.Connection], None]

ROLES = ("system", "user", "assistant")
STATUSES = ("complete", "streaming", "interrupted", "error", "damaged")
"""A message's status. "damaged" is never stored: readers report it for a row they cannot decode."""
FINAL_STATUSES = ("complete", "interrupted", "error")
"""How a reply can end (finish_reply)."""

V1 = """
CREATE TABLE conversations (
    id              INTEGER PRIMARY KEY,
    title           TEXT,
    created         REAL NOT NULL,
    updated         REAL NOT NULL,
    pinned          INTEGER NOT NULL DEFAULT 0,
    system_prompt   TEXT DEFAULT '',
    preset          TEXT,
    params          TEXT DEFAULT '{}',      -- JSON object: per-conversation generation overrides
    model           TEXT,
    current_leaf_id INTEGER REFERENCES messages(id) ON DELETE SET NULL,
    deleted_at      REAL
);

CREATE TABLE messages (
    id              INTEGER PRIMARY KEY,
    conversation_id INTEGER NOT NULL REFERENCES conversations(id) ON DELETE CASCADE,
    parent_id       INTEGER REFERENCES messages(id),
    role            TEXT NOT NULL,
    content         TEXT DEFAULT '',
    status          TEXT NOT NULL DEFAULT 'complete',
    created         REAL NOT NULL,
    meta            TEXT DEFAULT '{}',      -- JSON object: timings, finish reason, ...
    deleted_at      REAL
);
-- Roots (parent_id IS NULL) and sibling counts are looked up per conversation.
CREATE INDEX messages_by_conversation ON messages(conversation_id, parent_id);
-- Children of a message: subtrees, leaves, and the foreign-key check when a parent is purged.
CREATE INDEX messages_by_parent ON messages(parent_id);
-- Opening the database looks for replies cut off by a crash; purging looks for old trash.
-- Partial indexes stay tiny and are not touched by update_reply (it changes neither column).
CREATE INDEX messages_streaming ON messages(status) WHERE status = 'streaming';
CREATE INDEX messages_deleted ON messages(deleted_at) WHERE deleted_at IS NOT NULL;

-- One draft per conversation; conversation_id 0 is the "new chat" draft (real ids start at 1).
CREATE TABLE drafts (
    conversation_id INTEGER PRIMARY KEY,
    text            TEXT,
    updated         REAL NOT NULL
);

-- The user's own system-prompt presets (the built-in ones ship as a data file).
CREATE TABLE presets (
    id              INTEGER PRIMARY KEY,
    name            TEXT,
    system_prompt   TEXT,
    created         REAL NOT NULL,
    updated         REAL NOT NULL
);

CREATE VIEW searchable_messages AS
    SELECT id, content FROM messages WHERE status IS NOT 'streaming';

CREATE VIRTUAL TABLE messages_fts USING fts5(
    content,
    content = 'searchable_messages',
    content_rowid = 'id',
    tokenize = 'unicode61 remove_diacritics 2'
);

-- Keep the index in step with searchable_messages, in the same transaction as the change.
-- An external-content index must be told the exact old text to remove it.
CREATE TRIGGER messages_fts_insert AFTER INSERT ON messages
WHEN new.status IS NOT 'streaming' BEGIN
    INSERT INTO messages_fts(rowid, content) VALUES (new.id, new.content);
END;

CREATE TRIGGER messages_fts_delete AFTER DELETE ON messages
WHEN old.status IS NOT 'streaming' BEGIN
    INSERT INTO messages_fts(messages_fts, rowid, content) VALUES ('delete', old.id, old.content);
END;

-- One trigger, not two: SQLite does not promise the order in which several triggers fire, and the
-- old text must be removed before the new text is added (both may share tokens).
CREATE TRIGGER messages_fts_update AFTER UPDATE OF content, status ON messages
WHEN old.status IS NOT 'streaming' OR new.status IS NOT 'streaming' BEGIN
    INSERT INTO messages_fts(messages_fts, rowid, content)
        SELECT 'delete', old.id, old.content WHERE old.status IS NOT 'streaming';
    INSERT INTO messages_fts(rowid, content)
        SELECT new.id, new.content WHERE new.status IS NOT 'streaming';
END;
"""

V2 = """
-- The Write panel's documents: what is in its editor, saved as the user types.
CREATE TABLE write_documents (
    id       INTEGER PRIMARY KEY,
    name     TEXT,                -- the file's name, or "Untitled"
    path     TEXT,                -- where it was opened from or saved to, if anywhere
    text     TEXT DEFAULT '',
    created  REAL NOT NULL,
    updated  REAL NOT NULL
);
CREATE INDEX write_documents_by_updated ON write_documents(updated);

-- Summaries, with what they were made from (name, SHA-256 and size of each source).
CREATE TABLE summaries (
    id       INTEGER PRIMARY KEY,
    created  REAL NOT NULL,
    title    TEXT,
    request  TEXT DEFAULT '{}',   -- JSON: style, length, language, question
    text     TEXT,                -- the summary, Markdown
    points   TEXT DEFAULT '[]',   -- JSON: [{text, sources: [{chunk, document, label}]}]
    sources  TEXT DEFAULT '[]',   -- JSON: [{name, sha256, size}]
    partial  INTEGER NOT NULL DEFAULT 0
);
"""

V3 = """
-- A reasoning model's thinking, kept beside the reply and out of the search index (core.reasoning).
ALTER TABLE messages ADD COLUMN reasoning TEXT DEFAULT '';
"""

MIGRATIONS: Sequence[Migration] = (V1, V2, V3)
"""Every migration in order; the current schema version is ``len(MIGRATIONS)``."""

SCHEMA_VERSION = len(MIGRATIONS)

# Tables whose rows are the user's data (what salvage copies and what "has data" means).
DATA_TABLES = ("conversations", "messages", "drafts", "presets")
