"""Schema v2: the Write panel's documents and saved summaries, and the upgrade from v1."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from assistant.storage import schema
from assistant.storage.db import Database
from assistant.storage.summaries import Summaries
from assistant.storage.write_documents import WriteDocuments


def test_upgrade_from_v1_keeps_data_and_a_backup(tmp_path: Path) -> None:
    path = tmp_path / "assistant.db"
    with Database.open(path, migrations=schema.MIGRATIONS[:1]) as old:
        conversation = old.create_conversation("Before the upgrade")
    with Database.open(path) as db:
        assert db.get_conversation(conversation).title == "Before the upgrade"
        assert WriteDocuments(db).latest() is None
    with sqlite3.connect(path) as raw:
        assert raw.execute("PRAGMA user_version").fetchone()[0] == schema.SCHEMA_VERSION
    backup = tmp_path / "assistant.db.bak-v1"
    with sqlite3.connect(backup) as raw:
        assert raw.execute("SELECT title FROM conversations").fetchall() == [("Before the upgrade",)]


def test_write_documents_are_saved_as_typed(tmp_path: Path) -> None:
    with Database.open(tmp_path / "a.db") as db:
        docs = WriteDocuments(db)
        first = docs.create("draft one")
        second = docs.create("")
        docs.save_text(second.id, "typed text")
        docs.set_file(second.id, tmp_path / "letter.docx")
        latest = docs.latest()
        assert latest.id == second.id and latest.text == "typed text" and latest.name == "letter.docx"
        assert docs.get(first.id).text == "draft one"
    with Database.open(tmp_path / "a.db") as again:
        assert WriteDocuments(again).latest().text == "typed text", "survives a restart"


def test_summaries_keep_their_sources_and_survive_a_damaged_column(tmp_path: Path) -> None:
    with Database.open(tmp_path / "a.db") as db:
        store = Summaries(db)
        kept = store.save(
            "Report",
            request={"style": "keypoints"},
            text="- one",
            partial=False,
            points=[{"text": "one", "sources": [{"chunk": 0, "document": "r.pdf", "label": "page 2"}]}],
            sources=[{"name": "r.pdf", "sha256": "ab" * 32, "size": 1234}],
        )
        damaged = store.save("Broken", request={}, text="x", points=[], sources=[])
        with db.locked() as c:
            c.execute("UPDATE summaries SET points = 'not json' WHERE id = ?", (damaged,))
        listed = store.list()
        assert [s.title for s in listed] == ["Broken", "Report"]
        assert store.get(damaged).points == []
        report = store.get(kept)
        assert report.sources[0]["name"] == "r.pdf" and report.points[0]["sources"][0]["label"] == "page 2"
        store.delete(kept)
        assert [s.id for s in store.list()] == [damaged]
