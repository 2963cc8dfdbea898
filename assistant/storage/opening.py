"""Opening the database file: the integrity check, setting a damaged file aside, the connection's
settings and the migrations (each after a backup)."""

from __future__ import annotations

import logging
import sqlite3
from collections.abc import Sequence
from datetime import datetime
from pathlib import Path

from assistant.errors import translatable
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
    busy = translatable("Could not use the conversation database: another program is using the database ({error}).")
    damaged = translatable(
        "Could not use the conversation database: the database file is damaged (restart the app to recover it) "
        "({error})."
    )
    messages = {
        sqlite3.SQLITE_FULL: translatable("Could not use the conversation database: the disk is full ({error})."),
        sqlite3.SQLITE_IOERR: translatable(
            "Could not use the conversation database: the disk could not be read or written ({error})."
        ),
        sqlite3.SQLITE_BUSY: busy,
        sqlite3.SQLITE_LOCKED: busy,
        sqlite3.SQLITE_READONLY: translatable(
            "Could not use the conversation database: the database file is read-only ({error})."
        ),
        sqlite3.SQLITE_CANTOPEN: translatable(
            "Could not use the conversation database: the database file cannot be opened ({error})."
        ),
        sqlite3.SQLITE_PERM: translatable(
            "Could not use the conversation database: access to the database file was denied ({error})."
        ),
        sqlite3.SQLITE_CORRUPT: damaged,
        sqlite3.SQLITE_NOTADB: damaged,
    }
    code = getattr(e, "sqlite_errorcode", None)
    message = messages.get(code & 0xFF) if isinstance(code, int) else None
    return None if message is None else StorageError(message, error=str(e))


def is_corruption(e: sqlite3.Error) -> bool:
    code = getattr(e, "sqlite_errorcode", None)
    return isinstance(code, int) and code & 0xFF in (sqlite3.SQLITE_CORRUPT, sqlite3.SQLITE_NOTADB)


def readonly_uri(path: Path, *, immutable: bool = False) -> str:
    return f"{path.resolve().as_uri()}?{'immutable=1' if immutable else 'mode=ro'}"


CONVERSATIONS = "conversation database"
LIBRARY_INDEX = "Library's index"
"""The files opened here, as ``what`` names them; each message about them is written out for each
(one whole sentence for the translators)."""


def _cannot_open(what: str, path: Path, e: sqlite3.Error) -> StorageError:
    if what == LIBRARY_INDEX:
        template = translatable("Cannot open the Library's index {path}: {error}")
    else:
        template = translatable("Cannot open the conversation database {path}: {error}")
    return StorageError(template, path=str(path), error=str(e))


def integrity_problem(path: Path, *, what: str = CONVERSATIONS) -> str | None:
    """Why the file at ``path`` is damaged, or None when it is fine (or does not exist yet).
    ``what`` names the file in a message: ``CONVERSATIONS`` or ``LIBRARY_INDEX``.

    Read-only on purpose: closing the last read-write connection of a WAL database writes to the
    file (a checkpoint), and a damaged file must stay exactly as it was.
    """
    if not path.exists() or path.stat().st_size == 0:
        return None
    try:
        probe = sqlite3.connect(readonly_uri(path), uri=True, timeout=BUSY_TIMEOUT_S)
    except sqlite3.Error as e:
        raise _cannot_open(what, path, e) from e
    try:
        # quick_check reads every page (O(file size): about a second per GB) but not index
        # contents against tables, which a full integrity_check would add at many times the cost.
        results = [row[0] for row in probe.execute("PRAGMA quick_check").fetchall()]
    except sqlite3.DatabaseError as e:
        if is_corruption(e):
            return str(e)
        raise _cannot_open(what, path, e) from e
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


def set_aside(path: Path, *, label: str = "corrupt", what: str = CONVERSATIONS) -> Path:
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
        if what == LIBRARY_INDEX:
            template = translatable("The Library's index {path} is damaged and could not be moved aside: {error}")
        else:
            template = translatable("The conversation database {path} is damaged and could not be moved aside: {error}")
        raise StorageError(template, path=str(path), error=str(e)) from e
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
            translatable(
                "The conversation database {path} was written by a newer version of the app "
                "(schema version {version}; this version knows up to {target}). Update the app to open it."
            ),
            path=str(path),
            version=version,
            target=target,
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
            if backup:
                raise StorageError(
                    translatable(
                        "Could not upgrade the conversation database to schema version {version}: {error}. "
                        "It was left at version {previous}, unchanged; a copy of it from before the upgrade is "
                        "{backup}."
                    ),
                    version=to_version,
                    error=str(e),
                    previous=to_version - 1,
                    backup=str(backup),
                ) from e
            raise StorageError(
                translatable(
                    "Could not upgrade the conversation database to schema version {version}: {error}. "
                    "It was left at version {previous}, unchanged."
                ),
                version=to_version,
                error=str(e),
                previous=to_version - 1,
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
