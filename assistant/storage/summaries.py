"""Saved summaries, each with what it was made from (name, SHA-256 and size of every source)."""

from __future__ import annotations

import json
from dataclasses import dataclass, field

from assistant.errors import translatable
from assistant.storage.db import Database, NotFound


@dataclass(frozen=True)
class SavedSummary:
    id: int
    created: float
    title: str
    request: dict = field(default_factory=dict)
    """style, length, language, question."""
    text: str = ""
    """The summary, Markdown."""
    points: list = field(default_factory=list)
    """[{text, sources: [{chunk, document, label}]}]: each key point and where it came from."""
    sources: list = field(default_factory=list)
    """[{name, sha256, size}]: the documents summarised."""
    partial: bool = False
    """Stopped before the end: made from what was done."""


class Summaries:
    def __init__(self, db: Database) -> None:
        self.db = db

    def save(self, title: str, *, request: dict, text: str, points: list, sources: list, partial: bool = False) -> int:
        with self.db.locked() as c:
            cur = c.execute(
                "INSERT INTO summaries (created, title, request, text, points, sources, partial)"
                " VALUES (?, ?, ?, ?, ?, ?, ?)",
                (
                    self.db.now(),
                    title,
                    json.dumps(request),
                    text,
                    json.dumps(points),
                    json.dumps(sources),
                    int(partial),
                ),
            )
        return int(cur.lastrowid)

    def list(self) -> list[SavedSummary]:
        """Newest first."""
        with self.db.locked() as c:
            rows = c.execute("SELECT * FROM summaries ORDER BY created DESC").fetchall()
        return [_summary(r) for r in rows]

    def get(self, summary_id: int) -> SavedSummary:
        with self.db.locked() as c:
            row = c.execute("SELECT * FROM summaries WHERE id = ?", (summary_id,)).fetchone()
        if row is None:
            raise NotFound(translatable("Summary {id} does not exist."), id=summary_id)
        return _summary(row)

    def delete(self, summary_id: int) -> None:
        with self.db.locked() as c:
            c.execute("DELETE FROM summaries WHERE id = ?", (summary_id,))


def _json(value: object, default: object) -> object:
    """Defensive: one damaged column must not hide the summary (or the list)."""
    try:
        loaded = json.loads(value) if isinstance(value, (str, bytes)) else default
    except ValueError:
        return default
    return loaded if isinstance(loaded, type(default)) else default


def _summary(row) -> SavedSummary:
    text = row["text"]
    return SavedSummary(
        id=int(row["id"]),
        created=float(row["created"]),
        title=str(row["title"] or ""),
        request=_json(row["request"], {}),  # type: ignore[arg-type]
        text=text if isinstance(text, str) else "",
        points=_json(row["points"], []),  # type: ignore[arg-type]
        sources=_json(row["sources"], []),  # type: ignore[arg-type]
        partial=bool(row["partial"]),
    )
