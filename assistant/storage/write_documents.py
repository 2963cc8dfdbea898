"""The Write panel's documents, saved as the user types so a crash loses nothing."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from assistant.errors import translatable
from assistant.storage.db import Database, NotFound

UNTITLED = "Untitled"


@dataclass(frozen=True)
class WriteDocument:
    id: int
    name: str
    path: Path | None
    text: str
    updated: float


class WriteDocuments:
    def __init__(self, db: Database) -> None:
        self.db = db

    def create(self, text: str = "", *, name: str = UNTITLED, path: Path | None = None) -> WriteDocument:
        now = self.db.now()
        with self.db.locked() as c:
            cur = c.execute(
                "INSERT INTO write_documents (name, path, text, created, updated) VALUES (?, ?, ?, ?, ?)",
                (name, str(path) if path else None, text, now, now),
            )
        return self.get(int(cur.lastrowid))

    def get(self, document_id: int) -> WriteDocument:
        with self.db.locked() as c:
            row = c.execute("SELECT * FROM write_documents WHERE id = ?", (document_id,)).fetchone()
        if row is None:
            raise NotFound(translatable("Write document {id} does not exist."), id=document_id)
        return _document(row)

    def latest(self) -> WriteDocument | None:
        """The document the user worked on last (reopened at start)."""
        with self.db.locked() as c:
            row = c.execute("SELECT * FROM write_documents ORDER BY updated DESC LIMIT 1").fetchone()
        return None if row is None else _document(row)

    def save_text(self, document_id: int, text: str) -> None:
        """One single-row UPDATE: called as the user types (debounced by the panel)."""
        with self.db.locked() as c:
            c.execute(
                "UPDATE write_documents SET text = ?, updated = ? WHERE id = ?", (text, self.db.now(), document_id)
            )

    def set_file(self, document_id: int, path: Path) -> None:
        with self.db.locked() as c:
            c.execute(
                "UPDATE write_documents SET name = ?, path = ?, updated = ? WHERE id = ?",
                (path.name, str(path), self.db.now(), document_id),
            )


def _document(row) -> WriteDocument:
    text = row["text"]
    if isinstance(text, bytes):  # a damaged row: keep what can be read
        text = text.decode("utf-8", errors="replace")
    return WriteDocument(
        id=int(row["id"]),
        name=str(row["name"] or UNTITLED),
        path=Path(row["path"]) if row["path"] else None,
        text=text if isinstance(text, str) else "",
        updated=float(row["updated"]),
    )
