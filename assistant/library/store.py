"""The Library's index: collections, their files and passages, each passage's words (FTS5) and vector.

It is its own SQLite file (``Paths.library_file``) beside the conversations' database, not tables in it:
indexing writes thousands of rows in long transactions, and a chat reply being saved must never wait
behind them (SQLite has one writer per file); and an index can always be rebuilt from the files, so a
damaged one is set aside and started again without touching a single conversation.

Durability is per file: a file's passages, vectors and status are written in one transaction, so a
kill at any moment loses at most the file being indexed, and the next run carries on from there.

Vectors are float32 BLOBs searched by brute force with numpy (``search``): at 100,000 passages of 384
numbers that is one 150 MB matrix product of a few milliseconds, simpler than an ANN index and exact.
"""

from __future__ import annotations

import json
import logging
import os
import sqlite3
import threading
import time
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from assistant.errors import AssistantError, translatable
from assistant.library.passages import Passage
from assistant.storage.opening import LIBRARY_INDEX, integrity_problem, is_corruption, readonly_uri, set_aside

log = logging.getLogger(__name__)

_WHAT = LIBRARY_INDEX  # how messages name this file
INDEXED, SKIPPED, FAILED = "indexed", "skipped", "failed"
"""A file's status. Skipped: not a document the Library reads (and why); failed: it could not be read."""

_SCHEMA = """
CREATE TABLE IF NOT EXISTS collections (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL UNIQUE,
    roots TEXT NOT NULL,          -- JSON list of folders and files
    embedder TEXT NOT NULL,       -- the embedding model the vectors came from
    created REAL NOT NULL,
    generation INTEGER NOT NULL DEFAULT 0  -- bumped on every change, so cached vectors know they are stale
);
CREATE TABLE IF NOT EXISTS files (
    id INTEGER PRIMARY KEY,
    collection_id INTEGER NOT NULL REFERENCES collections(id) ON DELETE CASCADE,
    path TEXT NOT NULL,
    size INTEGER NOT NULL,
    mtime_ns INTEGER NOT NULL,
    status TEXT NOT NULL,
    reason TEXT NOT NULL DEFAULT '',
    passages INTEGER NOT NULL DEFAULT 0,
    UNIQUE (collection_id, path)
);
CREATE TABLE IF NOT EXISTS passages (
    id INTEGER PRIMARY KEY,
    file_id INTEGER NOT NULL REFERENCES files(id) ON DELETE CASCADE,
    section INTEGER NOT NULL,
    label TEXT NOT NULL,
    start INTEGER NOT NULL,
    end INTEGER NOT NULL,
    text TEXT NOT NULL,
    vector BLOB NOT NULL
);
CREATE INDEX IF NOT EXISTS passages_by_file ON passages(file_id);
-- Trigram tokens find words in any script (Chinese has no spaces) and parts of words.
CREATE VIRTUAL TABLE IF NOT EXISTS passages_fts USING fts5(
    text, content='passages', content_rowid='id', tokenize='trigram'
);
CREATE TRIGGER IF NOT EXISTS passages_ai AFTER INSERT ON passages BEGIN
    INSERT INTO passages_fts(rowid, text) VALUES (new.id, new.text);
END;
CREATE TRIGGER IF NOT EXISTS passages_ad AFTER DELETE ON passages BEGIN
    INSERT INTO passages_fts(passages_fts, rowid, text) VALUES ('delete', old.id, old.text);
END;
"""


class LibraryError(AssistantError):
    """A Library request that cannot be done (no such collection, a name in use...), in words."""


@dataclass(frozen=True)
class Collection:
    id: int
    name: str
    roots: tuple[str, ...]
    embedder: str
    generation: int


@dataclass(frozen=True)
class FileRecord:
    path: str
    size: int
    mtime_ns: int
    status: str
    reason: str
    passages: int


@dataclass(frozen=True)
class StoredPassage:
    id: int
    path: str
    section: int
    label: str
    start: int
    end: int
    text: str


def other_model(collection: Collection, have: int, got: int) -> LibraryError:
    """The error for vectors that do not fit a collection's: the engine embeds with another model
    than the one it was indexed with (a remote server uses its own)."""
    return LibraryError(
        translatable(
            "“{name}” was indexed with {embedder} ({have} numbers a passage), but the engine "
            "now embeds with another model ({got}): a remote server uses its own. Use the engine on this computer "
            "(Settings → Engine) to search and index this collection."
        ),
        name=collection.name,
        embedder=collection.embedder,
        have=have,
        got=got,
    )


def _readable_collections(path: Path) -> list[tuple]:
    """The collections a damaged index still names, as rows, or none where they cannot be read."""
    try:
        probe = sqlite3.connect(readonly_uri(path), uri=True)
        try:
            rows = probe.execute("SELECT name, roots, embedder, created FROM collections").fetchall()
        finally:
            probe.close()
    except sqlite3.Error:
        return []
    good = []
    for row in rows:
        try:
            if isinstance(row[0], str) and isinstance(json.loads(row[1]), list) and isinstance(row[2], str):
                good.append((row[0], row[1], row[2], float(row[3])))
        except (TypeError, ValueError):
            continue  # a damaged row: that one collection is lost
    return good


class LibraryStore:
    """One connection, shared by the threads that use it under one lock (indexing in a worker, searches
    from another): SQLite's own locking is then never in the way."""

    def __init__(self, path: Path, *, check: bool = True) -> None:
        """Opens (or makes) the index at ``path``. With ``check`` the whole file is read first and a
        damaged one set aside (``check()``); the app passes False and checks in the background, since
        reading a large index takes seconds (6 s at 100,000 passages on two cores)."""
        self.path = path
        self._lock = threading.RLock()
        self._vectors: dict[int, tuple[int, np.ndarray, np.ndarray]] = {}
        path.parent.mkdir(parents=True, exist_ok=True)
        kept = self._set_aside_if_damaged() if check else []
        try:
            self._db = self._connect()
            self._restore(kept)
        except sqlite3.DatabaseError as err:
            if not is_corruption(err):
                raise
            kept = self._set_aside_if_damaged(str(err))  # so damaged that it does not open: no need to read it all
            self._db = self._connect()
            self._restore(kept)

    def check(self) -> str | None:
        """Read the whole index; if it is damaged, set it aside and start a new one with the same
        collections (their files are indexed again). Says what was wrong, or None. Safe while other
        threads use the store."""
        problem = integrity_problem(self.path, what=_WHAT)
        if problem is None:
            return None
        with self._lock:
            self._db.close()
            self._vectors.clear()
            kept = self._set_aside_if_damaged(problem)
            self._db = self._connect()
            self._restore(kept)
        return problem

    def _set_aside_if_damaged(self, problem: str | None = None) -> list[tuple]:
        """Set a damaged index aside; the collections it still names (their folders and models), read
        from it first as far as it can be read, come back for ``_restore``: the user's collections are
        kept and their files indexed again, only the passages are lost."""
        problem = problem or integrity_problem(self.path, what=_WHAT)
        if problem is None:
            return []
        kept = _readable_collections(self.path)
        aside = set_aside(self.path, label="damaged", what=_WHAT)
        log.warning("The Library's index was damaged (%s); it was moved to %s and %d collections are rebuilt from "
                    "the files.", problem, aside, len(kept))  # fmt: skip
        return kept

    def _restore(self, kept: list[tuple]) -> None:
        for name, roots, embedder, created in kept:
            self._db.execute(
                "INSERT OR IGNORE INTO collections(name, roots, embedder, created) VALUES (?, ?, ?, ?)",
                (name, roots, embedder, created),
            )

    def _connect(self) -> sqlite3.Connection:
        db = sqlite3.connect(self.path, check_same_thread=False, isolation_level=None)
        try:
            db.execute("PRAGMA journal_mode=WAL")
            db.execute("PRAGMA synchronous=NORMAL")
            db.execute("PRAGMA foreign_keys=ON")
            db.execute("PRAGMA busy_timeout=10000")
            db.executescript(_SCHEMA)
        except sqlite3.DatabaseError:
            db.close()
            raise
        return db

    def close(self) -> None:
        with self._lock:
            self._db.close()

    # -- collections -----------------------------------------------------------------------------

    def create(self, name: str, roots: Sequence[Path], embedder: str) -> Collection:
        name = name.strip()
        if not name:
            raise LibraryError(translatable("A collection needs a name."))
        with self._lock:
            if self._row(name):
                raise LibraryError(translatable("There is already a collection called “{name}”."), name=name)
            self._db.execute(
                "INSERT INTO collections(name, roots, embedder, created) VALUES (?, ?, ?, ?)",
                (name, json.dumps([str(Path(r).resolve()) for r in roots]), embedder, time.time()),
            )
        return self.get(name)

    def collections(self) -> list[Collection]:
        with self._lock:
            rows = self._db.execute("SELECT id, name, roots, embedder, generation FROM collections ORDER BY name")
            return [_collection(row) for row in rows.fetchall()]

    def get(self, name: str) -> Collection:
        with self._lock:
            row = self._row(name)
        if row is None:
            raise LibraryError(translatable("There is no collection called “{name}”."), name=name)
        return _collection(row)

    def set_roots(self, collection: Collection, roots: Sequence[Path | str]) -> Collection:
        """The collection's folders and files, changed (added to or taken from); the next indexing
        reads what was added and forgets the files of what was taken away."""
        kept: list[str] = []
        for root in roots:
            resolved = str(Path(root).resolve())
            if resolved not in kept:
                kept.append(resolved)
        if not kept:
            raise LibraryError(translatable("A collection needs at least one folder or file."))
        with self._lock, self._transaction():
            self._db.execute("UPDATE collections SET roots = ? WHERE id = ?", (json.dumps(kept), collection.id))
            gone = [
                (collection.id, path)
                for (path,) in self._db.execute("SELECT path FROM files WHERE collection_id = ?", (collection.id,))
                if not any(is_under(path, root) for root in kept)
            ]
            self._db.executemany("DELETE FROM files WHERE collection_id = ? AND path = ?", gone)
            self._bump(collection)
        return self.get(collection.name)

    def set_embedder(self, collection: Collection, embedder: str) -> Collection:
        """Index the collection with another embedding model: its passages go (their vectors mean
        nothing to the new model) and every file is read again by the next indexing."""
        with self._lock, self._transaction():
            self._db.execute("DELETE FROM files WHERE collection_id = ?", (collection.id,))
            self._db.execute("UPDATE collections SET embedder = ? WHERE id = ?", (embedder, collection.id))
            self._bump(collection)
            self._vectors.pop(collection.id, None)
        return self.get(collection.name)

    def remove(self, name: str) -> None:
        collection = self.get(name)
        with self._lock:
            self._db.execute("DELETE FROM collections WHERE id = ?", (collection.id,))
            self._vectors.pop(collection.id, None)

    def _row(self, name: str):
        return self._db.execute(
            "SELECT id, name, roots, embedder, generation FROM collections WHERE name = ?", (name,)
        ).fetchone()

    # -- files -----------------------------------------------------------------------------------

    def files(self, collection: Collection) -> dict[str, FileRecord]:
        with self._lock:
            rows = self._db.execute(
                "SELECT path, size, mtime_ns, status, reason, passages FROM files WHERE collection_id = ?",
                (collection.id,),
            ).fetchall()
        return {row[0]: FileRecord(*row) for row in rows}

    def save_file(
        self,
        collection: Collection,
        path: str,
        size: int,
        mtime_ns: int,
        status: str,
        reason: str = "",
        passages: Sequence[Passage] = (),
        vectors: Sequence[Sequence[float]] = (),
    ) -> None:
        """A file's new state, whole: its old passages go and the new ones come, in one transaction.
        Vectors of another length than the collection's (another model's) are refused."""
        assert len(passages) == len(vectors)
        with self._lock, self._transaction():
            if len(vectors):  # a numpy array has no truth value
                have = self._db.execute(
                    "SELECT length(p.vector) / 4 FROM passages p JOIN files f ON f.id = p.file_id "
                    "WHERE f.collection_id = ? LIMIT 1",
                    (collection.id,),
                ).fetchone()
                if have and have[0] != len(vectors[0]):
                    raise other_model(collection, have[0], len(vectors[0]))
            self._db.execute("DELETE FROM files WHERE collection_id = ? AND path = ?", (collection.id, path))
            file_id = self._db.execute(
                "INSERT INTO files(collection_id, path, size, mtime_ns, status, reason, passages) "
                "VALUES (?, ?, ?, ?, ?, ?, ?)",
                (collection.id, path, size, mtime_ns, status, reason, len(passages)),
            ).lastrowid
            self._db.executemany(
                "INSERT INTO passages(file_id, section, label, start, end, text, vector) VALUES (?, ?, ?, ?, ?, ?, ?)",
                [
                    (file_id, p.section, p.label, p.start, p.end, p.text, np.asarray(v, dtype=np.float32).tobytes())
                    for p, v in zip(passages, vectors, strict=True)
                ],
            )
            self._bump(collection)

    def forget_files(self, collection: Collection, paths: Iterable[str]) -> None:
        with self._lock, self._transaction():
            self._db.executemany(
                "DELETE FROM files WHERE collection_id = ? AND path = ?", [(collection.id, p) for p in paths]
            )
            self._bump(collection)

    def _bump(self, collection: Collection) -> None:
        self._db.execute("UPDATE collections SET generation = generation + 1 WHERE id = ?", (collection.id,))

    def _transaction(self):
        db = self._db

        class _Tx:
            def __enter__(self) -> None:
                db.execute("BEGIN IMMEDIATE")

            def __exit__(self, kind, value, tb) -> None:
                db.execute("COMMIT" if kind is None else "ROLLBACK")

        return _Tx()

    # -- search support --------------------------------------------------------------------------

    def vectors(self, collection: Collection) -> tuple[np.ndarray, np.ndarray]:
        """(passage ids in ascending order, their unit vectors as one float32 matrix), cached until the
        collection changes."""
        with self._lock:
            generation = self._db.execute(
                "SELECT generation FROM collections WHERE id = ?", (collection.id,)
            ).fetchone()[0]
            cached = self._vectors.get(collection.id)
            if cached and cached[0] == generation:
                return cached[1], cached[2]
            rows = self._db.execute(
                "SELECT p.id, p.vector FROM passages p JOIN files f ON f.id = p.file_id WHERE f.collection_id = ? "
                "ORDER BY p.id",  # sorted: a passage's row is then found by binary search
                (collection.id,),
            ).fetchall()
        ids = np.fromiter((row[0] for row in rows), dtype=np.int64, count=len(rows))
        matrix = np.frombuffer(b"".join(row[1] for row in rows), dtype=np.float32)
        matrix = matrix.reshape(len(rows), -1) if rows else np.zeros((0, 0), dtype=np.float32)
        with self._lock:
            self._vectors[collection.id] = (generation, ids, matrix)
        return ids, matrix

    def keyword_search(self, collection: Collection, query: str, limit: int) -> list[int]:
        """Passage ids by BM25 for an FTS5 ``query``, best first.

        The full-text index is ranked alone first (FTS5's own fast path), then kept to this
        collection; only when other collections crowd this one out of that list is the slower
        ranking joined with the collection's files needed."""
        wide = limit * 4
        with self._lock:
            ranked = [
                row[0]
                for row in self._db.execute(
                    "SELECT rowid FROM passages_fts WHERE passages_fts MATCH ? ORDER BY rank LIMIT ?", (query, wide)
                )
            ]
            marks = ",".join("?" * len(ranked))
            mine = {
                row[0]
                for row in self._db.execute(
                    f"SELECT p.id FROM passages p CROSS JOIN files f ON f.id = p.file_id "  # passages first: by id
                    f"WHERE p.id IN ({marks}) AND f.collection_id = ?",
                    [*ranked, collection.id],
                )
            }
            found = [pid for pid in ranked if pid in mine]
            if len(found) >= limit or len(ranked) < wide:
                return found[:limit]
            rows = self._db.execute(
                "SELECT p.id FROM passages_fts JOIN passages p ON p.id = passages_fts.rowid "
                "JOIN files f ON f.id = p.file_id "
                "WHERE passages_fts MATCH ? AND f.collection_id = ? ORDER BY bm25(passages_fts) LIMIT ?",
                (query, collection.id, limit),
            ).fetchall()
        return [row[0] for row in rows]

    def term_counts(self, terms: Sequence[str], cap: int) -> dict[str, int]:
        """How many passages (in all collections) hold each term, counted up to ``cap``: enough to
        tell a rare word from a common one without counting every passage of a common one."""
        counts = {}
        with self._lock:
            for term in terms:
                counts[term] = self._db.execute(
                    "SELECT count(*) FROM (SELECT rowid FROM passages_fts WHERE passages_fts MATCH ? LIMIT ?)",
                    ('"' + term.replace('"', '""') + '"', cap),
                ).fetchone()[0]
        return counts

    def passages(self, ids: Sequence[int]) -> dict[int, StoredPassage]:
        if not ids:
            return {}
        marks = ",".join("?" * len(ids))
        with self._lock:
            rows = self._db.execute(
                "SELECT p.id, f.path, p.section, p.label, p.start, p.end, p.text FROM passages p "
                f"JOIN files f ON f.id = p.file_id WHERE p.id IN ({marks})",
                list(ids),
            ).fetchall()
        return {row[0]: StoredPassage(*row) for row in rows}


def is_under(path: str, root: str) -> bool:
    """Whether ``path`` is ``root`` or inside it (as strings, the way the index keeps paths)."""
    return path == root or path.startswith(root.rstrip(os.sep) + os.sep)


def _collection(row) -> Collection:
    return Collection(row[0], row[1], tuple(json.loads(row[2])), row[3], row[4])
