"""Runs the real window and uses it at random, journaling what it has committed, until it is killed.

    python tests/kill_driver.py HOME SEED JOURNAL

Used by tests/test_kill_loop.py, which SIGKILLs this process at a random moment and then checks
the database against the journal. The engine is the scripted one (a steady token stream), because
what is tested is storage under kill -9, not the model; everything else is the real app: window,
panel, transcript, workers, database and reply writer. Journal lines are written (and fsynced)
only after the database call they describe has returned.
"""

from __future__ import annotations

import json
import os
import random
import sys
import time
from pathlib import Path

home, seed, journal_path = sys.argv[1], int(sys.argv[2]), sys.argv[3]
os.environ["ASSISTANT_HOME"] = home
os.environ["QT_QPA_PLATFORM"] = "offscreen"
sys.path.insert(0, str(Path(__file__).parent))

from PySide6.QtCore import QTimer  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from assistant import paths  # noqa: E402
from assistant.app import build_window  # noqa: E402

from scripted_engine import REPLY, ScriptedEngine  # noqa: E402

rng = random.Random(seed)
journal = open(journal_path, "a", encoding="utf-8")  # noqa: SIM115 - open for the process's life


def log(kind: str, **fields: object) -> None:
    journal.write(json.dumps({"t": time.time(), "kind": kind, **fields}) + "\n")
    journal.flush()
    os.fsync(journal.fileno())


app = QApplication([])
# Replies take a few seconds, so that kills land mid-reply after more than a second of streaming.
window = build_window(paths.get(), engine=ScriptedEngine(reply=REPLY * 2, delay=0.012))
panel = window.chat
db = window.db

# Journal every draft save, whichever path triggers it (the typing timer, send, switching chats).
_save_draft = panel._save_draft


def _save_and_log() -> None:
    _save_draft()
    if panel._editing is None and panel.conversation_id is not None:
        log("draft", conversation=panel.conversation_id, text=panel.input.toPlainText())


panel._draft_timer.timeout.disconnect()
panel._save_draft = _save_and_log
panel._draft_timer.timeout.connect(_save_and_log)

seen: dict[int, int] = {}  # reply id -> characters shown so far


def on_chunk(chunk: object) -> None:
    reply = panel._streaming_id
    if reply is not None and getattr(chunk, "text", ""):
        seen[reply] = seen.get(reply, 0) + len(chunk.text)
        log("stream", reply=reply, length=seen[reply])


WORDS = ["alpha", "beta", "gamma", "delta", "你好", "世界", "énorme", "naïve", "quick", "brown", "fox", "jumps"]


def send(text: str) -> None:
    panel.input.setPlainText(text)
    panel.send()
    reply = panel._streaming_id
    if reply is not None:
        user = db.get_message(reply).parent_id
        log("sent", conversation=panel.conversation_id, message=user, content=text)
        panel.job.yielded.connect(on_chunk)


def act() -> None:
    path = db.path(panel.conversation_id) if panel.conversation_id is not None else []
    roll = rng.random()
    if panel.job is not None:
        if roll < 0.004:  # now and then the user stops a reply (about once every 4 s of streaming)
            panel.stop()
        return
    if roll < 0.35:
        panel.input.insertPlainText(" ".join(rng.choice(WORDS) for _ in range(rng.randint(1, 4))) + " ")
    elif roll < 0.6:
        send(" ".join(rng.choice(WORDS) for _ in range(rng.randint(2, 8))))
    elif roll < 0.7 and any(m.role == "user" for m in path):
        target = rng.choice([m for m in path if m.role == "user"])
        panel.edit(target.id)
        send(target.content + " (edited)")
    elif roll < 0.78 and path:
        target = rng.choice(path)
        panel.delete_message(target.id)
        log("deleted_message", conversation=panel.conversation_id, message=target.id)
    elif roll < 0.83 and panel.conversation_id is not None:
        gone = panel.conversation_id
        window.conversations.delete(gone)
        log("deleted_conversation", conversation=gone)
    elif roll < 0.9:
        window.new_chat()
    else:
        rows = db.list_conversations()
        if rows:
            window.open_conversation(rng.choice(rows).id)


timer = QTimer()
timer.timeout.connect(act)
timer.start(15)
log("started")
app.exec()
