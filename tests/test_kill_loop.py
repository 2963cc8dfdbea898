"""kill -9 at random moments while typing, streaming, editing and deleting: nothing committed is lost.

Each round starts the real app (tests/kill_driver.py) on the same data folder, lets it work for a
random while, SIGKILLs it, and checks the database against what the app had journaled as done:
the file passes SQLite's integrity check, every sent message is there word for word, a reply that
was streaming lost at most its last second, every saved draft is there, and deletions stayed
deletions (in the trash, restorable). The next round starts on the survivors, as a user would.
"""

from __future__ import annotations

import json
import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from assistant.paths import DATABASE_NAME
from assistant.storage.db import Database

DRIVER = Path(__file__).with_name("kill_driver.py")
LOST_AT_MOST_S = 1.0


def _round(home: Path, journal: Path, seed: int, rng: random.Random) -> float:
    journal.write_text("")
    proc = subprocess.Popen(
        [sys.executable, str(DRIVER), str(home), str(seed), str(journal)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    try:
        deadline = time.monotonic() + 60
        while "started" not in journal.read_text() and time.monotonic() < deadline:
            if proc.poll() is not None:
                raise AssertionError(f"the app died on its own: {proc.stderr.read().decode()[-2000:]}")
            time.sleep(0.02)
        time.sleep(rng.uniform(0.05, 3.0))
        killed_at = time.time()
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait(10)
    finally:
        if proc.poll() is None:
            proc.kill()
        proc.stderr.close()
    return killed_at


def _check(home: Path, journal: Path, killed_at: float) -> None:
    db_file = home / "data" / DATABASE_NAME
    if not db_file.exists():
        return  # killed before the first start finished creating it
    with sqlite3.connect(db_file) as raw:
        assert raw.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    records = [json.loads(line) for line in journal.read_text().splitlines() if line.strip()]
    db = Database.open(db_file)
    try:
        assert db.recovered_from is None, "a kill must never leave the database unreadable"
        deleted_messages = {r["message"] for r in records if r["kind"] == "deleted_message"}
        for r in records:
            if r["kind"] == "sent":
                assert db.get_message(r["message"]).content == r["content"], "a sent message was lost"
        for reply in {r["reply"] for r in records if r["kind"] == "stream"}:
            cutoff = killed_at - LOST_AT_MOST_S
            settled = [
                r["length"] for r in records if r["kind"] == "stream" and r["reply"] == reply and r["t"] <= cutoff
            ]
            if settled:
                stored = db.get_message(reply)
                assert len(stored.content) >= max(settled), (
                    f"reply {reply} lost more than its last second: {len(stored.content)} < {max(settled)} chars"
                )
                assert stored.status in ("interrupted", "complete")
        last_draft: dict[int, str] = {}
        for r in records:
            if r["kind"] == "draft":
                last_draft[r["conversation"]] = r["text"]
        for conversation, text in last_draft.items():
            assert db.get_draft(conversation) == text, "a saved draft was lost"
        for r in records:
            if r["kind"] == "deleted_conversation":
                assert r["conversation"] not in {c.id for c in db.list_conversations()}
                assert r["conversation"] in {c.id for c in db.list_conversations(trash=True)}
        for conversation in {r["conversation"] for r in records if r["kind"] == "deleted_message"}:
            if conversation in {c.id for c in db.list_conversations()}:
                assert not deleted_messages & {m.id for m in db.path(conversation)}, "a deletion came back"
    finally:
        db.close()


def _kill_loop(tmp_path: Path, rounds: int, seed: int) -> None:
    rng = random.Random(seed)
    home = tmp_path / "home"
    journal = tmp_path / "journal.jsonl"
    for i in range(rounds):
        killed_at = _round(home, journal, seed * 1000 + i, rng)
        _check(home, journal, killed_at)


def test_kill_loop(tmp_path: Path) -> None:
    _kill_loop(tmp_path, rounds=15, seed=1)  # 300 in test_kill_loop_long (make test-slow)


@pytest.mark.slow
def test_kill_loop_long(tmp_path: Path) -> None:
    _kill_loop(tmp_path, rounds=300, seed=2)
