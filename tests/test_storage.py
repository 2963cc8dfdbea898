"""The database, on real SQLite files: branches, streaming durability, trash, search, export/import,
damaged rows, damaged files, migrations. Raw SQL is used only to play the part of the outside
world (an older app version, a damaged disk, a crash)."""

from __future__ import annotations

import contextlib
import json
import random
import re
import sqlite3
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from assistant.errors import AssistantError
from assistant.storage import schema
from assistant.storage.db import (
    DAMAGED_TITLE,
    MATCH_END,
    MATCH_START,
    Database,
    InvalidImport,
    NotFound,
    StorageError,
)

DAY = 86400


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "data" / "assistant.db"


@pytest.fixture
def db(db_path: Path):
    database = Database.open(db_path)
    yield database
    database.close()


@contextlib.contextmanager
def raw(path: Path) -> Iterator[sqlite3.Connection]:
    """A second connection, standing for whatever else may touch the file."""
    conn = sqlite3.connect(path, isolation_level=None)
    try:
        yield conn
    finally:
        conn.close()


def contents(db: Database, conversation_id: int) -> list[str]:
    return [m.content for m in db.path(conversation_id)]


def chat(db: Database, *turns: str, title: str = "Chat") -> tuple[int, list[int]]:
    """A conversation with alternating user/assistant messages in one chain."""
    conv = db.create_conversation(title)
    ids: list[int] = []
    for i, text in enumerate(turns):
        role = "user" if i % 2 == 0 else "assistant"
        ids.append(db.add_message(conv, role, text, parent_id=ids[-1] if ids else None))
    return conv, ids


# --------------------------------------------------------------------------------------------------
# Opening, pragmas, conversations


def test_open_creates_a_wal_database_at_the_current_schema_version(db: Database, db_path: Path) -> None:
    assert db.file == db_path and db_path.is_file()
    assert db.recovered_from is None and db.recovery_message is None and db.interrupted_on_open == 0
    with raw(db_path) as other:
        assert other.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert other.execute("PRAGMA user_version").fetchone()[0] == schema.SCHEMA_VERSION >= 1
    assert db._conn.execute("PRAGMA foreign_keys").fetchone()[0] == 1
    assert db._conn.execute("PRAGMA synchronous").fetchone()[0] == 1  # NORMAL
    assert not list(db_path.parent.glob("*.bak-*")), "a new database has nothing to back up"


def test_conversations_create_list_rename_pin_and_order(db: Database) -> None:
    a = db.create_conversation("A")
    b = db.create_conversation("B", system_prompt="Be brief.", preset="Brief", params={"temperature": 0.2}, model="m")
    c = db.create_conversation()
    assert [s.title for s in db.list_conversations()] == ["New chat", "B", "A"]  # newest first

    db.add_message(a, "user", "hi", parent_id=None)  # activity moves A to the top
    assert [s.id for s in db.list_conversations()] == [a, c, b]
    db.set_pinned(b, True)
    assert [s.id for s in db.list_conversations()] == [b, a, c]
    assert db.list_conversations()[0].pinned is True

    db.rename_conversation(c, "Renamed")
    conv = db.get_conversation(b)
    assert (conv.title, conv.system_prompt, conv.preset, conv.params, conv.model) == (
        "B",
        "Be brief.",
        "Brief",
        {"temperature": 0.2},
        "m",
    )
    db.update_conversation(b, params={"top_k": 5}, preset=None)  # only the given fields change
    conv = db.get_conversation(b)
    assert (conv.system_prompt, conv.preset, conv.params, conv.model) == ("Be brief.", None, {"top_k": 5}, "m")
    assert db.get_conversation(c).title == "Renamed"
    assert not any(s.damaged for s in db.list_conversations())


def test_missing_ids_raise_not_found(db: Database) -> None:
    for call in (
        lambda: db.get_conversation(404),
        lambda: db.rename_conversation(404, "x"),
        lambda: db.get_message(404),
        lambda: db.add_message(404, "user", "x", parent_id=None),
        lambda: db.select_branch(404),
        lambda: db.path(404),
        lambda: db.delete_preset(404),
    ):
        with pytest.raises(NotFound):
            call()
    assert issubclass(NotFound, AssistantError)
    conv = db.create_conversation()
    with pytest.raises(ValueError):
        db.add_message(conv, "robot", "x", parent_id=None)


# --------------------------------------------------------------------------------------------------
# Messages, streaming, crash


def test_messages_and_a_streamed_reply(db: Database) -> None:
    conv, (u1,) = chat(db, "What is WAL?")
    updated_before = db.get_conversation(conv).updated
    reply = db.start_reply(conv, u1)
    assert db.get_message(reply).status == "streaming"
    assert db.get_conversation(conv).current_leaf_id == reply
    db.update_reply(reply, "A write-")
    db.update_reply(reply, "A write-ahead log")
    assert db.get_message(reply).content == "A write-ahead log"
    db.finish_reply(reply, "A write-ahead log.", meta={"timings": {"predicted_n": 5}, "finish_reason": "stop"})
    db.update_reply(reply, "late update from a stopped worker")  # ignored once finished

    path = db.path(conv)
    assert [(m.role, m.content, m.status) for m in path] == [
        ("user", "What is WAL?", "complete"),
        ("assistant", "A write-ahead log.", "complete"),
    ]
    assert path[1].meta == {"timings": {"predicted_n": 5}, "finish_reason": "stop"}
    assert path[1].parent_id == u1 and path[1].conversation_id == conv
    assert db.get_conversation(conv).updated > updated_before


def test_update_reply_is_one_single_row_transaction(db: Database) -> None:
    conv, (u1,) = chat(db, "Count to three")
    reply = db.start_reply(conv, u1)
    statements: list[str] = []
    db._conn.set_trace_callback(statements.append)
    before = db._conn.total_changes
    db.update_reply(reply, "one, two")
    db._conn.set_trace_callback(None)
    # total_changes counts rows changed by triggers too: 1 means no search-index work either.
    assert db._conn.total_changes - before == 1
    # Only the writes: how SQLite traces FTS5's own reads (it checks the file's data_version) is SQLite's business.
    writes = {s for s in statements if s.lstrip().upper().startswith(("UPDATE", "INSERT", "DELETE", "REPLACE"))}
    assert len(writes) == 1 and writes.pop().startswith("UPDATE messages SET content"), statements
    assert not db._conn.in_transaction


CRASHING_WRITER = """
import os, signal, sys
from pathlib import Path
from assistant.storage.db import Database
db = Database.open(Path(sys.argv[1]))
conv = db.create_conversation("Crash")
user = db.add_message(conv, "user", "Write a poem", parent_id=None)
reply = db.start_reply(conv, user)
db.update_reply(reply, "Roses are red, violets")
db.save_draft(conv, "unsent words")
os.kill(os.getpid(), signal.SIGKILL) if hasattr(signal, "SIGKILL") else os._exit(1)
"""


def test_a_killed_app_loses_nothing_committed_and_the_cut_reply_is_marked_interrupted(db_path: Path) -> None:
    db_path.parent.mkdir(parents=True)
    proc = subprocess.run([sys.executable, "-c", CRASHING_WRITER, str(db_path)], capture_output=True, timeout=60)
    assert proc.returncode != 0, proc.stderr.decode()
    assert Path(f"{db_path}-wal").exists(), "killed before any checkpoint: the commits are only in the WAL"

    with Database.open(db_path) as db:
        assert db.interrupted_on_open == 1
        conv = db.list_conversations()[0].id
        path = db.path(conv)
        assert [(m.content, m.status) for m in path] == [
            ("Write a poem", "complete"),
            ("Roses are red, violets", "interrupted"),
        ]
        assert db.get_draft(conv) == "unsent words"
        assert [h.message_id for h in db.search("violets")] == [path[1].id]  # indexed once it ended
    with Database.open(db_path) as again:
        assert again.interrupted_on_open == 0


def test_a_second_process_leaves_the_apps_streaming_reply_and_damaged_file_alone(db_path: Path) -> None:
    """``assistant chat`` opens the database beside a running app: a reply the app is writing stays
    "streaming" (the app's saves go on landing), and a damaged file is refused, not moved from under it."""
    with Database.open(db_path) as app:
        conv, ids = chat(app, "Write a poem")
        reply = app.start_reply(conv, ids[-1])
        with Database.open(db_path, only_writer=False) as cli:
            assert cli.interrupted_on_open == 0
            assert cli.get_message(reply).status == "streaming"
        app.update_reply(reply, "Roses are red")
        assert app.get_message(reply).content == "Roses are red"
    size = db_path.stat().st_size
    with open(db_path, "r+b") as f:  # the header page becomes noise
        f.seek(0)
        f.write(random.Random(3).randbytes(min(size, 4096)))
    with pytest.raises(StorageError, match="damaged"):
        Database.open(db_path, only_writer=False)
    assert db_path.exists() and not list(db_path.parent.glob("*.corrupt-*"))


def test_bytes_written_per_update_do_not_grow_with_the_conversation(tmp_path: Path) -> None:
    def wal_growth_of_streaming(n_messages: int) -> int:
        path = tmp_path / f"len{n_messages}.db"
        with Database.open(path) as db:
            long_text = "The quick brown fox jumps over the lazy dog. " * 30  # ~1.4 KB
            conv, ids = chat(db, *(f"{i} {long_text}" for i in range(n_messages)))
            reply = db.start_reply(conv, ids[-1])
            with raw(path) as other:
                assert other.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()[0] == 0  # not busy
            wal = Path(f"{path}-wal")
            assert wal.stat().st_size == 0
            text = ""
            for k in range(50):
                text += f"token{k} and more text "
                db.update_reply(reply, text)
            return wal.stat().st_size

    short, long = wal_growth_of_streaming(10), wal_growth_of_streaming(1000)
    page = 4096
    assert short > 0 and long > 0
    assert long <= 2 * short, (short, long)
    assert long < 50 * 4 * (page + 24), "a few pages per update at most"


def test_one_worker_thread_streaming_while_the_gui_thread_works(db: Database) -> None:
    conv, (u1,) = chat(db, "Go")
    reply = db.start_reply(conv, u1)
    errors: list[BaseException] = []

    def worker() -> None:
        try:
            for k in range(200):
                db.update_reply(reply, "x" * k)
            db.finish_reply(reply, "done")
        except BaseException as e:
            errors.append(e)

    thread = threading.Thread(target=worker)
    thread.start()
    for i in range(50):
        other = db.create_conversation(f"gui {i}")
        db.add_message(other, "user", "hello", parent_id=None)
        db.list_conversations()
        db.path(conv)
    thread.join()
    assert errors == []
    assert db.get_message(reply).content == "done"
    assert len(db.list_conversations()) == 51


# --------------------------------------------------------------------------------------------------
# Branches


def test_regenerate_makes_alternatives_and_select_branch_flips_between_them(db: Database) -> None:
    conv, (u1, a1, u2, a2) = chat(db, "q1", "answer 1", "q2", "answer 2")
    a1b = db.add_message(conv, "assistant", "answer 1, again", parent_id=u1)  # regenerate a1
    path = db.path(conv)
    assert [m.content for m in path] == ["q1", "answer 1, again"]
    assert (path[1].sibling_index, path[1].sibling_count) == (1, 2)
    assert (path[0].sibling_index, path[0].sibling_count) == (0, 1)
    assert db.siblings(a1b) == db.siblings(a1) == [a1, a1b]

    db.select_branch(a1)  # back to the first answer, with the turns that followed it
    assert contents(db, conv) == ["q1", "answer 1", "q2", "answer 2"]
    assert (db.path(conv)[1].sibling_index, db.path(conv)[1].sibling_count) == (0, 2)
    db.select_branch(a1b)
    assert contents(db, conv) == ["q1", "answer 1, again"]
    db.select_branch(u1)  # the newest leaf below it
    assert contents(db, conv) == ["q1", "answer 1, again"]
    db.select_branch(u2)
    assert db.get_conversation(conv).current_leaf_id == a2


def test_edit_and_resend_adds_a_sibling_user_message(db: Database) -> None:
    conv, (u1, a1, u2, a2) = chat(db, "first", "reply", "second", "reply 2")
    u2b = db.add_message(conv, "user", "second, edited", parent_id=a1)
    a2b = db.add_message(conv, "assistant", "reply to the edit", parent_id=u2b)
    assert contents(db, conv) == ["first", "reply", "second, edited", "reply to the edit"]
    assert db.siblings(u2b) == [u2, u2b]
    assert db.get_message(u2b).sibling_index == 1
    # Editing the very first message: a second root.
    u1b = db.add_message(conv, "user", "first, edited", parent_id=None)
    assert contents(db, conv) == ["first, edited"]
    assert db.siblings(u1) == [u1, u1b]
    assert (db.path(conv)[0].sibling_index, db.path(conv)[0].sibling_count) == (1, 2)
    db.select_branch(u1)
    assert db.get_conversation(conv).current_leaf_id == a2b
    db.select_branch(u2)
    assert db.get_conversation(conv).current_leaf_id == a2


def test_delete_message_hides_its_subtree_and_restore_undoes_it(db: Database) -> None:
    conv, (u1, a1, u2, a2) = chat(db, "q1", "answer one", "q2", "answer two")
    a2b = db.add_message(conv, "assistant", "answer two, again", parent_id=u2)

    db.delete_message(a2b)  # on screen: the parent's remaining branch is shown
    assert contents(db, conv) == ["q1", "answer one", "q2", "answer two"]
    assert db.siblings(a2) == [a2] and db.path(conv)[-1].sibling_count == 1

    db.delete_message(a1)  # on screen, with a subtree: back to the parent
    assert contents(db, conv) == ["q1"]
    assert db.get_message(u2).deleted_at is not None, "the subtree went with it"
    assert db.search("answer") == []

    db.restore_message(a2b)  # undoes both deletions that hid it, and shows it
    assert contents(db, conv) == ["q1", "answer one", "q2", "answer two, again"]
    assert db.siblings(a2b) == [a2, a2b]
    assert len(db.search("answer")) == 3

    db.delete_message(a2)  # off screen: the path stays
    assert contents(db, conv) == ["q1", "answer one", "q2", "answer two, again"]
    db.delete_message(u2)  # then its parent
    assert contents(db, conv) == ["q1", "answer one"]
    db.restore_message(u2)  # brings back what that deletion hid, not what was deleted before it
    assert contents(db, conv) == ["q1", "answer one", "q2", "answer two, again"]
    assert db.siblings(a2b) == [a2b]
    db.restore_message(a2)
    assert contents(db, conv)[-1] == "answer two"

    db.delete_message(u1)  # the root: nothing left to show
    assert db.path(conv) == [] and db.get_conversation(conv).current_leaf_id is None
    with pytest.raises(StorageError):
        db.add_message(conv, "assistant", "reply to a deleted message", parent_id=u1)


# --------------------------------------------------------------------------------------------------
# Trash, drafts, presets


def test_delete_restore_and_purge_conversations(db: Database, db_path: Path) -> None:
    old, (m_old,) = chat(db, "old thing", title="Old")
    recent, _ = chat(db, "recent thing", title="Recent")
    keep, (_, k2) = chat(db, "kept", "answer", title="Keep")
    db.save_draft(old, "draft of old")

    db.delete_conversation(old)
    assert [s.id for s in db.list_conversations()] == [keep, recent]
    assert [s.id for s in db.list_conversations(trash=True)] == [old]
    assert db.list_conversations(trash=True)[0].deleted_at is not None
    assert db.search("old") == []
    db.restore_conversation(old)
    assert {s.id for s in db.list_conversations()} == {old, recent, keep}
    assert db.search("old")[0].conversation_id == old

    db.delete_conversation(old)
    db.delete_conversation(recent)
    db.delete_message(k2)
    now = time.time()
    assert db.purge_trash(now=now + 29 * DAY) == 0
    assert len(db.list_conversations(trash=True)) == 2

    # The old deletion happened 40 days ago; the recent one now: only the old one goes.
    with raw(db_path) as other:
        other.execute("UPDATE conversations SET deleted_at = ? WHERE id = ?", (now - 40 * DAY, old))
    assert db.purge_trash() == 2  # the conversation and its message
    assert [s.id for s in db.list_conversations(trash=True)] == [recent]
    with pytest.raises(NotFound):
        db.get_conversation(old)
    with pytest.raises(NotFound):
        db.get_message(m_old)
    assert db.get_draft(old) == ""

    assert db.purge_trash(now=now + 31 * DAY) == 3  # "recent" with its message, and k2
    assert db.list_conversations(trash=True) == []
    with pytest.raises(NotFound):
        db.get_message(k2)
    assert contents(db, keep) == ["kept"]


def test_long_conversations_delete_restore_and_purge(db: Database) -> None:
    # Longer than SQLite's 1000-level trigger recursion limit, which cascading deletes would hit.
    n = 1100
    messages = [
        {"id": i, "parent_id": i - 1 if i else None, "role": "user" if i % 2 == 0 else "assistant", "content": f"m{i}"}
        for i in range(n)
    ]
    conv = db.import_json({"format": "assistant-conversation", "version": 1, "messages": messages})
    assert len(db.path(conv)) == n
    root = db.path(conv)[0].id
    db.delete_message(root)
    assert db.path(conv) == []
    db.restore_message(root)
    assert len(db.path(conv)) == n
    db.delete_message(root)
    assert db.purge_trash(now=time.time() + 31 * DAY) == n
    db.delete_conversation(conv)
    assert db.purge_trash(now=time.time() + 31 * DAY) == 1


def test_drafts(db: Database, db_path: Path) -> None:
    a = db.create_conversation()
    b = db.create_conversation()
    assert db.get_draft(a) == db.get_draft(None) == ""
    db.save_draft(a, "half a thought")
    db.save_draft(None, "new chat text")
    db.save_draft(b, "other")
    db.save_draft(a, "half a thought, continued")
    db.close()
    with Database.open(db_path) as again:
        assert again.get_draft(a) == "half a thought, continued"
        assert again.get_draft(None) == "new chat text"
        assert again.get_draft(b) == "other"
        again.save_draft(b, "")
        assert again.get_draft(b) == ""


def test_presets(db: Database) -> None:
    writer = db.save_preset("writer", "You write well.")
    coder = db.save_preset("Coder", "You write code.")
    assert [(p.id, p.name) for p in db.list_presets()] == [(coder, "Coder"), (writer, "writer")]
    assert db.save_preset("Writer", "You write very well.", preset_id=writer) == writer
    assert db.list_presets()[1].system_prompt == "You write very well."
    db.delete_preset(coder)
    assert [p.name for p in db.list_presets()] == ["Writer"]
    with pytest.raises(NotFound):
        db.save_preset("x", "y", preset_id=coder)


# --------------------------------------------------------------------------------------------------
# Search


def test_search_finds_user_and_assistant_text_best_first(db: Database) -> None:
    recipes, (q, a) = chat(db, "How do I bake bread?", "Mix flour, water and yeast.", title="Recipes")
    other, (x, y) = chat(
        db,
        "Tell me a long story about a journey across a desert and a boat trip, with a little flour at the end.",
        "Flour, flour, flour: nothing but flour.",
        title="Story",
    )
    hits = db.search("flour")
    assert hits[0].message_id == y, "the message about flour ranks first"
    assert {h.message_id for h in hits} == {a, x, y}
    hit = next(h for h in hits if h.message_id == a)
    assert (hit.conversation_id, hit.title) == (recipes, "Recipes")
    assert f"{MATCH_START}flour{MATCH_END}" in hit.snippet.lower()

    assert [h.message_id for h in db.search("bake")] == [q]  # user text
    assert [h.message_id for h in db.search("BREAD yeast")] == []  # all words in one message
    assert [h.message_id for h in db.search("bake bread")] == [q]
    assert [h.message_id for h in db.search("yea")] == [a]  # the last word may be unfinished
    assert db.search("desert flour")[0].conversation_id == other

    streaming = db.start_reply(recipes, q)
    db.update_reply(streaming, "zebra")
    assert db.search("zebra") == [], "a reply is indexed when it ends, not on every update"
    db.finish_reply(streaming, "zebra crossing")
    assert [h.message_id for h in db.search("zebra")] == [streaming]


def test_search_takes_any_input_as_words(db: Database) -> None:
    chat(db, 'He said "AND" or NEAR(x) * (y) — café, naïve', "Ünïcödé text; col:value ^caret -minus")
    hostile = [
        "",
        "   ",
        '"',
        '""',
        '"unterminated',
        "AND",
        "OR",
        "NOT",
        "a AND",
        "*",
        "**",
        "NEAR(",
        "NEAR(a b",
        ")",
        "(",
        "col:value",
        "content:x",
        "^caret",
        "-minus",
        "+",
        "'",
        "\\",
        "\x00",
        "a\x00b",
        "{a b}",
        "[x]",
        "🙂",
        "é",
        "ÜNÏCÖDÉ",
        "😀 café",
        "x" * 5000,
    ]
    for query in hostile:
        assert isinstance(db.search(query), list), query
    assert db.search("") == [] and db.search("   ") == [] and db.search('"') == []
    assert len(db.search("NEAR(x)")) == 1
    assert len(db.search('"AND"')) == 1
    assert len(db.search("cafe")) == 1, "diacritics are folded"
    assert len(db.search("unicode")) == 1
    assert len(db.search("col:value")) == 1


def test_search_in_chinese_finds_whole_runs(db: Database) -> None:
    _, (m,) = chat(db, "我喜欢猫。你呢？")
    assert [h.message_id for h in db.search("我喜欢猫")] == [m]
    assert [h.message_id for h in db.search("你呢")] == [m]
    assert [h.message_id for h in db.search("我喜")] == [m]  # as typed: the beginning of a run
    # Limitation of the unicode61 tokenizer (schema.py): a word inside a run is not found.
    assert db.search("猫") == []


# --------------------------------------------------------------------------------------------------
# Export and import


def canonical(export: dict) -> dict:
    """An export with ids replaced by positions: what a round trip must keep."""
    position = {m["id"]: i for i, m in enumerate(export["messages"])}
    out = dict(export)
    out["messages"] = [
        {**m, "id": position[m["id"]], "parent_id": None if m["parent_id"] is None else position[m["parent_id"]]}
        for m in export["messages"]
    ]
    out["current_leaf_id"] = position[export["current_leaf_id"]]
    return out


def branched(db: Database) -> int:
    conv = db.create_conversation(
        "Branches", system_prompt="Be kind.", preset="Kind", params={"temperature": 0.5, "stop": ["END"]}
    )
    u1 = db.add_message(conv, "user", "Hello", parent_id=None)
    a1 = db.add_message(conv, "assistant", "Hi!", parent_id=u1, meta={"timings": {"predicted_n": 2}})
    db.add_message(conv, "assistant", "Hello there!", parent_id=u1, meta={"finish_reason": "stop"})
    u2 = db.add_message(conv, "user", "Bye", parent_id=a1)
    db.add_message(conv, "assistant", "See you", parent_id=u2, status="interrupted")
    gone = db.add_message(conv, "user", "deleted", parent_id=a1)
    db.delete_message(gone)
    db.add_message(conv, "user", "Hello (edited)", parent_id=None)
    db.select_branch(u2)  # the branch on screen is not the newest one
    return conv


def test_export_import_round_trip_keeps_branches_and_meta(db: Database) -> None:
    conv = branched(db)
    first = db.export_json(conv)
    assert first["format"] == "assistant-conversation" and first["version"] == 1
    assert len(first["messages"]) == 6, "deleted messages are not exported"
    assert "deleted" not in json.dumps(first)

    copy = db.import_json(json.loads(json.dumps(first)))  # through real JSON text
    assert copy != conv
    second = db.export_json(copy)
    assert canonical(second) == canonical(first)
    assert {m["id"] for m in second["messages"]}.isdisjoint({m["id"] for m in first["messages"]})
    assert contents(db, copy) == contents(db, conv) == ["Hello", "Hi!", "Bye", "See you"]
    assert [m.sibling_count for m in db.path(copy)] == [2, 2, 1, 1]
    assert db.get_conversation(copy).params == {"temperature": 0.5, "stop": ["END"]}


def test_markdown_export_shows_the_branch_on_screen(db: Database) -> None:
    md = db.export_markdown(branched(db))
    assert md.startswith("# Branches\n")
    assert "## System\n\nBe kind." in md
    assert re.findall(r"^## (\w+)$", md, re.M) == ["System", "User", "Assistant", "User", "Assistant"]
    assert "Hi!" in md and "See you" in md and "interrupted" in md
    assert "Hello there!" not in md and "edited" not in md


def valid_export() -> dict:
    return {
        "format": "assistant-conversation",
        "version": 1,
        "title": "T",
        "messages": [
            {"id": 10, "parent_id": None, "role": "user", "content": "a"},
            {"id": 20, "parent_id": 10, "role": "assistant", "content": "b"},
        ],
    }


def edited(change) -> dict:
    data = valid_export()
    change(data)
    return data


MALFORMED = {
    "not an object": ([1, 2], "JSON object"),
    "wrong format": (edited(lambda d: d.update(format="chatgpt")), "format"),
    "newer version": (edited(lambda d: d.update(version=2)), "newer version"),
    "version as text": (edited(lambda d: d.update(version="1")), "version"),
    "no messages": (edited(lambda d: d.pop("messages")), '"messages" is missing'),
    "messages not a list": (edited(lambda d: d.update(messages={"a": 1})), '"messages" must be a list'),
    "message not an object": (edited(lambda d: d["messages"].append("hi")), r"messages\[2\] must be an object"),
    "missing content": (edited(lambda d: d["messages"][1].pop("content")), r"messages\[1\].content is missing"),
    "missing parent_id": (edited(lambda d: d["messages"][1].pop("parent_id")), r"parent_id is missing"),
    "id as text": (edited(lambda d: d["messages"][0].update(id="10")), r"messages\[0\].id must be a whole number"),
    "id as bool": (edited(lambda d: d["messages"][0].update(id=True)), r"messages\[0\].id must be a whole number"),
    "content not text": (edited(lambda d: d["messages"][1].update(content=5)), r"content must be text"),
    "unknown role": (edited(lambda d: d["messages"][1].update(role="robot")), "robot"),
    "unknown status": (edited(lambda d: d["messages"][1].update(status="great")), "great"),
    "meta not an object": (edited(lambda d: d["messages"][1].update(meta=[1])), "meta must be an object"),
    "created as text": (edited(lambda d: d["messages"][1].update(created="today")), "created must be a number"),
    "params not an object": (edited(lambda d: d.update(params="hot")), '"params" must be an object'),
    "duplicate ids": (edited(lambda d: d["messages"][1].update(id=10)), "used by an earlier message"),
    "parent points nowhere": (edited(lambda d: d["messages"][1].update(parent_id=99)), "99 matches no message"),
    "own parent": (edited(lambda d: d["messages"][0].update(parent_id=10)), "cycle of parents: 10 → 10"),
    "cycle": (edited(lambda d: d["messages"][0].update(parent_id=20)), "cycle of parents: 10 → 20 → 10"),
    "child before parent": (
        edited(lambda d: d["messages"].reverse()),
        r"messages\[0\] \(id 20\) comes before its parent 10",
    ),
    "leaf points nowhere": (edited(lambda d: d.update(current_leaf_id=7)), '"current_leaf_id" 7'),
}


@pytest.mark.parametrize("case", MALFORMED)
def test_import_refuses_malformed_files_and_stores_nothing(db: Database, db_path: Path, case: str) -> None:
    db.import_json(valid_export())  # the unchanged file is fine
    data, problem = MALFORMED[case]
    counts = "SELECT (SELECT count(*) FROM conversations), (SELECT count(*) FROM messages)"
    with raw(db_path) as other:
        before = other.execute(counts).fetchone()
    with pytest.raises(InvalidImport, match=problem) as caught:
        db.import_json(data)
    assert isinstance(caught.value, AssistantError)
    with raw(db_path) as other:
        after = other.execute(counts).fetchone()
    assert after == before


def test_import_lists_every_problem_at_once(db: Database) -> None:
    data = valid_export()
    data["messages"][0]["role"] = "robot"
    data["messages"][1]["content"] = None
    with pytest.raises(InvalidImport) as caught:
        db.import_json(data)
    assert "robot" in str(caught.value) and "messages[1].content" in str(caught.value)


# --------------------------------------------------------------------------------------------------
# Damaged rows


def test_damaged_rows_show_as_damaged_and_hide_nothing(db: Database, db_path: Path) -> None:
    bad_params, _ = chat(db, "fine message", title="Bad params")
    blob_title = db.create_conversation("will be a blob")
    bad_utf8_title = db.create_conversation("will be bad UTF-8")
    bad_updated = db.create_conversation("Bad time")
    good, ids = chat(db, "one", "two", "three", "four", "five", "six", title="Good")
    cycle, (c1, c2, c3) = chat(db, "round", "and round", "it goes", title="Cycle")
    with raw(db_path) as other:
        other.execute("UPDATE conversations SET params = '{not json' WHERE id = ?", (bad_params,))
        other.execute("UPDATE conversations SET title = x'fffe00' WHERE id = ?", (blob_title,))
        other.execute("UPDATE conversations SET title = CAST(x'c328' AS TEXT) WHERE id = ?", (bad_utf8_title,))
        other.execute("UPDATE conversations SET updated = 'yesterday' WHERE id = ?", (bad_updated,))
        other.execute("UPDATE messages SET content = NULL WHERE id = ?", (ids[1],))
        other.execute("UPDATE messages SET meta = '[1, 2' WHERE id = ?", (ids[2],))
        other.execute("UPDATE messages SET content = x'c328ff' WHERE id = ?", (ids[3],))
        other.execute("UPDATE messages SET role = 'robot' WHERE id = ?", (ids[4],))
        other.execute("UPDATE messages SET parent_id = ? WHERE id = ?", (c3, c1))  # a cycle of parents

    listed = {s.id: s for s in db.list_conversations()}
    assert set(listed) == {bad_params, blob_title, bad_utf8_title, bad_updated, good, cycle}
    assert {i for i, s in listed.items() if s.damaged} == {bad_params, blob_title, bad_utf8_title, bad_updated}
    assert listed[bad_params].title == "Bad params", "a readable title is kept"
    assert listed[blob_title].title == listed[bad_utf8_title].title == DAMAGED_TITLE
    assert listed[good].title == "Good"

    conv = db.get_conversation(bad_params)
    assert conv.damaged and conv.params == {}
    assert contents(db, bad_params) == ["fine message"]
    db.update_conversation(bad_params, params={})  # writing a good value repairs it
    assert not db.get_conversation(bad_params).damaged

    path = db.path(good)
    assert [m.status for m in path] == ["complete", "damaged", "damaged", "damaged", "damaged", "complete"]
    assert path[1].content == ""
    assert path[2].content == "three" and path[2].meta == {}
    assert path[3].content == "\ufffd(\ufffd"  # what could be decoded
    assert path[4].role == "assistant"
    assert [h.message_id for h in db.search("six")] == [ids[5]]
    assert len(db.export_json(good)["messages"]) == 6
    assert "## " in db.export_markdown(good)

    assert contents(db, cycle) == ["round", "and round", "it goes"]  # each message once, no endless walk
    db.delete_message(c2)  # in a cycle, everything is below everything
    assert contents(db, cycle) == []
    db.restore_message(c2)
    assert contents(db, cycle) == ["round", "and round", "it goes"]


# --------------------------------------------------------------------------------------------------
# Damaged files


def test_a_file_that_is_not_a_database_is_set_aside_untouched(db_path: Path) -> None:
    db_path.parent.mkdir(parents=True)
    garbage = random.Random(1).randbytes(64 * 1024)
    db_path.write_bytes(garbage)
    with Database.open(db_path) as db:
        assert db.recovered_from is not None
        assert re.fullmatch(r"assistant\.db\.corrupt-\d{8}-\d{6}", db.recovered_from.name)
        assert db.recovered_from.read_bytes() == garbage
        assert db.recovery_message and db.recovered_from.name in db.recovery_message
        conv = db.create_conversation("Fresh start")  # the new database works
        db.add_message(conv, "user", "hello", parent_id=None)
        assert [s.title for s in db.list_conversations()] == ["Fresh start"]
        assert db.salvage(db.recovered_from) == 0
        assert db.recovered_from.read_bytes() == garbage
    with Database.open(db_path) as again:
        assert again.recovered_from is None
        assert len(again.list_conversations()) == 1


def test_a_database_damaged_mid_file_is_set_aside_and_salvaged(db_path: Path) -> None:
    originals: dict[str, str] = {}  # content -> conversation title
    with Database.open(db_path) as db:
        for c in range(4):
            title = f"Conversation {c}"
            texts = [f"conversation {c} message {i}: " + "lorem ipsum dolor sit amet " * 20 for i in range(100)]
            chat(db, *texts, title=title)
            originals.update(dict.fromkeys(texts, title))
        db.save_draft(None, "a draft")
    size = db_path.stat().st_size
    page = 4096
    assert size > 100 * page
    with open(db_path, "r+b") as f:  # three pages in the middle become noise
        f.seek((size // page // 2) * page)
        f.write(random.Random(7).randbytes(3 * page))
    damaged = db_path.read_bytes()

    with Database.open(db_path) as db:
        assert db.recovered_from is not None
        assert db.recovered_from.read_bytes() == damaged
        assert db.list_conversations() == []
        recovered = db.salvage(db.recovered_from)
        assert db.recovered_from.read_bytes() == damaged, "salvage only reads"

        found = {}
        for summary in db.list_conversations():
            for message in db.export_json(summary.id)["messages"]:
                found[message["content"]] = summary.title
        assert recovered > 0
        assert len(found) >= len(originals) // 2
        for text, title in found.items():
            assert originals[text] == title or title == "Recovered conversation"
        assert db.get_draft(None) == "a draft"
        # A message whose parent was lost follows the previous recovered one: each chat still reads
        # in order, every recovered message on the branch shown.
        shown = 0
        for summary in db.list_conversations():
            numbers = [int(m.content.split(":")[0].split()[-1]) for m in db.path(summary.id)]
            assert numbers == sorted(numbers) and numbers
            shown += len(numbers)
        assert shown == len(found)


# --------------------------------------------------------------------------------------------------
# Migrations


def test_an_unversioned_database_with_data_is_backed_up_before_migrating(db_path: Path) -> None:
    db_path.parent.mkdir(parents=True)
    with raw(db_path) as old:
        old.execute("CREATE TABLE notes (text TEXT)")
        old.execute("INSERT INTO notes VALUES ('written by an old version')")
    with Database.open(db_path) as db:
        db.create_conversation("new")
    backup = db_path.with_name("assistant.db.bak-v0")
    with raw(backup) as copy:
        assert copy.execute("SELECT text FROM notes").fetchall() == [("written by an old version",)]
        assert copy.execute("PRAGMA user_version").fetchone()[0] == 0
        assert copy.execute("SELECT count(*) FROM sqlite_schema WHERE name = 'conversations'").fetchone()[0] == 0
    with raw(db_path) as current:
        assert current.execute("PRAGMA user_version").fetchone()[0] == schema.SCHEMA_VERSION


def test_later_migrations_run_in_order_after_a_backup(db_path: Path) -> None:
    with Database.open(db_path) as db:
        conv = db.create_conversation("Before v2")
        db.add_message(conv, "user", "kept", parent_id=None)

    def v3(conn: sqlite3.Connection) -> None:
        conn.execute("UPDATE conversations SET colour = upper(colour)")

    later = [*schema.MIGRATIONS, "ALTER TABLE conversations ADD COLUMN colour TEXT DEFAULT 'blue';", v3]
    with Database.open(db_path, migrations=later) as db:
        assert [s.title for s in db.list_conversations()] == ["Before v2"]
        assert contents(db, conv) == ["kept"]
    with raw(db_path) as current:
        assert current.execute("PRAGMA user_version").fetchone()[0] == len(later)
        assert current.execute("SELECT colour FROM conversations").fetchall() == [("BLUE",)]
    backup = db_path.with_name(f"assistant.db.bak-v{schema.SCHEMA_VERSION}")
    with raw(backup) as copy:
        assert copy.execute("SELECT title FROM conversations").fetchall() == [("Before v2",)]
        assert "colour" not in [r[1] for r in copy.execute("PRAGMA table_info(conversations)")]
    assert sorted(p.name for p in db_path.parent.glob("*.bak-*")) == [backup.name]


def test_a_failing_migration_changes_nothing(db_path: Path) -> None:
    with Database.open(db_path) as db:
        db.create_conversation("Safe")
    broken = [*schema.MIGRATIONS, "CREATE TABLE half (a); INSERT INTO no_such_table VALUES (1);"]
    with pytest.raises(StorageError, match="Could not upgrade"):
        Database.open(db_path, migrations=broken)
    with raw(db_path) as current:
        assert current.execute("PRAGMA user_version").fetchone()[0] == schema.SCHEMA_VERSION
        assert current.execute("SELECT count(*) FROM sqlite_schema WHERE name = 'half'").fetchone()[0] == 0
    with Database.open(db_path) as db:
        assert [s.title for s in db.list_conversations()] == ["Safe"]


def test_a_database_from_a_newer_app_is_refused(db_path: Path) -> None:
    with Database.open(db_path) as db:
        db.create_conversation("From the future")
    with raw(db_path) as other:
        other.execute("PRAGMA user_version = 99")
    with pytest.raises(StorageError, match="newer version"):
        Database.open(db_path)
    with raw(db_path) as other:
        assert other.execute("SELECT title FROM conversations").fetchall() == [("From the future",)]


def test_a_file_that_cannot_be_opened_is_an_error_not_corruption(db_path: Path) -> None:
    # A folder where the database should be: SQLite cannot open it, yet nothing in it is corrupt.
    # (File permissions would be the natural case, but root, as on CI, ignores them.)
    db_path.mkdir(parents=True)
    (db_path / "keep.txt").write_text("mine")
    with pytest.raises(StorageError):
        Database.open(db_path)
    assert (db_path / "keep.txt").read_text() == "mine"
    assert not list(db_path.parent.glob("*.corrupt-*")), "what cannot be opened is not set aside"
