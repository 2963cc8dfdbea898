"""Opening the database file: the integrity check, setting a damaged file aside, the connection's
settings and the migrations (each after a backup)."""

from __future__ import annotations

import logging
import sqlite3
from collections.abc import Sequence
from datetime import datetime
from pathlib import Path

from assistant.storage import schema
from assistant.storage.records import StorageError
from assistant.storage.rows import best_effort_text, tolerant_text

log = logging.getLogger(__name__)

BUSY_TIMEOUT_S = 5.0
"""How long a statement waits for a lock held by another connection (a second app instance, a
backup tool) before giving up."""


def user_error(e: sqlite3.Error) -> StorageError | None:
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


def is_corruption(e: sqlite3.Error) -> bool:
    code = getattr(e, "sqlite_errorcode", None)
    return isinstance(code, int) and code & 0xFF in (sqlite3.SQLITE_CORRUPT, sqlite3.SQLITE_NOTADB)


def readonly_uri(path: Path, *, immutable: bool = False) -> str:
    return f"{path.resolve().as_uri()}?{'immutable=1' if immutable else 'mode=ro'}"


def integrity_problem(path: Path, *, what: str = "conversation database") -> str | None:
    """Why the file at ``path`` is damaged, or None when it is fine (or does not exist yet).
    ``what`` names the file in a message (the Library's index uses this too).

    Read-only on purpose: closing the last read-write connection of a WAL database writes to the
    file (a checkpoint), and a damaged file must stay exactly as it was.
    """
    if not path.exists() or path.stat().st_size == 0:
        return None
    try:
        probe = sqlite3.connect(readonly_uri(path), uri=True, timeout=BUSY_TIMEOUT_S)
    except sqlite3.Error as e:
        raise StorageError(f"Cannot open the {what} {path}: {e}") from e
    try:
        # quick_check reads every page (O(file size): about a second per GB) but not index
        # contents against tables, which a full integrity_check would add at many times the cost.
        results = [row[0] for row in probe.execute("PRAGMA quick_check").fetchall()]
    except sqlite3.DatabaseError as e:
        if is_corruption(e):
            return str(e)
        raise StorageError(f"Cannot open the {what} {path}: {e}") from e
    finally:
        probe.close()
    if results == ["ok"]:
        return None
    return "; ".join(best_effort_text(r) for r in results[:3])


def _unused_name(candidate: Path) -> Path:
    n = 2
    found = candidate
    while found.exists():
        found = candidate.with_name(f"{candidate.name}-{n}")
        n += 1
    return found


def set_aside(path: Path, *, label: str = "corrupt", what: str = "conversation database") -> Path:
    """Rename a damaged database (and its -wal and -shm) to ``<name>.<label>-YYYYmmdd-HHMMSS``."""
    target = _unused_name(path.with_name(f"{path.name}.{label}-{datetime.now():%Y%m%d-%H%M%S}"))
    try:
        path.rename(target)
        # The -wal must go with it: a new database beside an old -wal would read its pages.
        for suffix in ("-wal", "-shm"):
            side = path.with_name(path.name + suffix)
            if side.exists():
                side.rename(target.with_name(target.name + suffix))
    except OSError as e:
        raise StorageError(f"The {what} {path} is damaged and could not be moved aside: {e}") from e
    return target


def configure(conn: sqlite3.Connection) -> None:
    conn.row_factory = sqlite3.Row
    conn.text_factory = tolerant_text
    mode = conn.execute("PRAGMA journal_mode = WAL").fetchone()[0]
    if mode != "wal":
        log.warning("the database could not use WAL (journal mode is %s); it works, but slower", mode)
    conn.execute("PRAGMA synchronous = NORMAL")  # why NORMAL is enough: module docstring
    conn.execute("PRAGMA foreign_keys = ON")


def migrate(conn: sqlite3.Connection, path: Path, migrations: Sequence[schema.Migration]) -> None:
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
