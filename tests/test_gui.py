"""The window, with real Qt (offscreen), the real database and, for chatting, the real engine with the
default model: it starts, chats, stops, regenerates, branches, searches, exports, remembers, and
never loses what the user wrote."""

from __future__ import annotations

import json
import os
import signal
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractButton, QComboBox, QLineEdit, QPlainTextEdit, QSpinBox

from assistant import paths as paths_mod
from assistant import settings as settings_mod
from assistant.app import build_window, instance_lock
from assistant.core.inference import GenerationParams
from assistant.jobs.chat import PresetEdit
from assistant.paths import DATABASE_NAME
from assistant.storage.db import Database

from scripted_engine import ScriptedEngine

REPLY_TIMEOUT_MS = 120_000


def open_window(qtbot, engine=None):
    window = build_window(paths_mod.get(), engine=engine)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitUntil(lambda: window.host.model is not None, timeout=REPLY_TIMEOUT_MS)
    return window


def send(qtbot, window, text: str) -> None:
    window.chat.input.setPlainText(text)
    qtbot.keyClick(window.chat.input, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.chat.job is None, timeout=REPLY_TIMEOUT_MS)


def path_of(window):
    return window.db.path(window.chat.conversation_id)


def endless(window) -> None:
    window.chat.base_params = GenerationParams(max_tokens=100_000, ignore_eos=True)


def test_chat_with_the_default_model(qtbot) -> None:
    window = open_window(qtbot)
    assert "SmolLM2" in window.model_label.text() and "Q4_1" in window.model_label.text()
    assert window.backend_label.text().startswith(("CPU", "CUDA"))
    window.chat.input.setPlainText("Say hello.")
    qtbot.keyClick(window.chat.input, Qt.Key.Key_Return)
    assert window.chat.input.toPlainText() == "", "Enter sends"
    qtbot.waitUntil(lambda: window.chat.job is None, timeout=REPLY_TIMEOUT_MS)
    messages = path_of(window)
    assert [m.role for m in messages] == ["user", "assistant"]
    assert messages[1].content.strip() and messages[1].status == "complete"
    assert window.chat.transcript.message_text(messages[1].id) == messages[1].content
    assert "tokens/s" in window.speed_label.text()
    qtbot.waitUntil(lambda: "/ 4,096" in window.context_label.text(), timeout=10_000)
    # The first exchange names the conversation (by the model), shown in the sidebar.
    qtbot.waitUntil(
        lambda: window.db.get_conversation(window.chat.conversation_id).title != "New chat", timeout=REPLY_TIMEOUT_MS
    )
    assert window.conversations.rowCount() == 1


def test_shift_enter_adds_a_line_and_the_draft_is_kept(qtbot) -> None:
    window = open_window(qtbot, ScriptedEngine())
    qtbot.keyClicks(window.chat.input, "one")
    qtbot.keyClick(window.chat.input, Qt.Key.Key_Return, Qt.KeyboardModifier.ShiftModifier)
    qtbot.keyClicks(window.chat.input, "two")
    assert window.chat.input.toPlainText() == "one\ntwo"
    qtbot.waitUntil(lambda: window.db.get_draft(None) == "one\ntwo", timeout=2_000)
    window.close()
    again = open_window(qtbot, ScriptedEngine())
    assert again.chat.input.toPlainText() == "one\ntwo", "the draft survives a restart"


def test_stop_keeps_what_arrived(qtbot) -> None:
    window = open_window(qtbot)
    endless(window)
    window.chat.input.setPlainText("Tell me an endless story.")
    window.chat.send()
    reply = window.chat._streaming_id
    qtbot.waitUntil(lambda: len(window.chat.transcript.message_text(reply)) > 20, timeout=REPLY_TIMEOUT_MS)
    qtbot.keyClick(window, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: window.chat.job is None, timeout=5_000)
    stored = window.db.get_message(reply)
    assert stored.status == "interrupted" and len(stored.content) > 20
    # The context counter counts what was kept of the stopped reply.
    counted = window.host.engine.count_chat(window.chat.session.prompt())
    assert counted > window.host.engine.count_chat(window.chat.session.prompt()[:-1]) + 5
    qtbot.waitUntil(lambda: f"context {counted:,} /" in window.context_label.text(), timeout=10_000)


def test_what_cannot_act_while_a_reply_is_written_says_why(qtbot) -> None:
    window = open_window(qtbot)
    qtbot.keyClick(window, Qt.Key.Key_R, Qt.KeyboardModifier.ControlModifier)  # nothing to regenerate yet
    assert window.chat.job is None and "no reply to regenerate" in window.chat.notice.text()
    endless(window)
    window.chat.input.setPlainText("Tell me an endless story.")
    window.chat.send()
    reply = window.chat._streaming_id
    asked = path_of(window)[0]
    qtbot.waitUntil(lambda: len(window.chat.transcript.message_text(reply)) > 5, timeout=REPLY_TIMEOUT_MS)
    window.chat.notice.hide()
    qtbot.keyClick(window, Qt.Key.Key_R, Qt.KeyboardModifier.ControlModifier)
    assert window.chat._streaming_id == reply and "stop it (Esc)" in window.chat.notice.text()
    window.chat.notice.hide()
    window.chat.edit(asked.id)
    assert window.chat.notice.isVisible() and window.chat.input.toPlainText() == "" and window.chat._editing is None
    window.chat.delete_message(asked.id)
    assert path_of(window)[0].id == asked.id and window.chat._streaming_id == reply
    window.chat.stop()
    qtbot.waitUntil(lambda: window.chat.job is None, timeout=5_000)


def test_regenerate_keeps_the_earlier_answer_as_an_alternative(qtbot) -> None:
    window = open_window(qtbot)
    window.chat.base_params = GenerationParams(max_tokens=24, temperature=1.0)
    send(qtbot, window, "Name a fruit.")
    first = path_of(window)[-1]
    qtbot.keyClick(window, Qt.Key.Key_R, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: window.chat.job is None and path_of(window)[-1].id != first.id, timeout=REPLY_TIMEOUT_MS)
    second = path_of(window)[-1]
    assert second.sibling_count == 2 and second.sibling_index == 1
    window.chat._flip(second.id, -1)
    assert path_of(window)[-1].id == first.id, "the earlier answer is one flip away"


def test_edit_and_resend_makes_a_branch(qtbot) -> None:
    window = open_window(qtbot)
    window.chat.base_params = GenerationParams(max_tokens=16)
    send(qtbot, window, "What is 2+2?")
    original = path_of(window)
    window.chat.edit(original[0].id)
    assert window.chat.input.toPlainText() == "What is 2+2?" and window.chat.edit_banner.isVisible()
    window.chat.input.setPlainText("What is 3+3?")
    window.chat.send()
    qtbot.waitUntil(lambda: window.chat.job is None, timeout=REPLY_TIMEOUT_MS)
    edited = path_of(window)
    assert edited[0].content == "What is 3+3?" and edited[0].sibling_count == 2
    window.db.select_branch(original[0].id)
    assert [m.id for m in path_of(window)] == [m.id for m in original], "the old branch stays reachable"


def test_killing_the_engine_mid_reply_keeps_the_reply_and_the_next_send_works(qtbot) -> None:
    window = open_window(qtbot)
    endless(window)
    window.chat.input.setPlainText("Keep talking.")
    window.chat.send()
    reply = window.chat._streaming_id
    qtbot.waitUntil(lambda: len(window.chat.transcript.message_text(reply)) > 10, timeout=REPLY_TIMEOUT_MS)
    os.kill(window.host.engine.process.pid, signal.SIGKILL)
    qtbot.waitUntil(lambda: window.chat.job is None, timeout=30_000)
    assert window.chat.trouble.isVisible() and "stopped unexpectedly" in window.chat.trouble.text()
    assert window.chat.trouble.action.isVisible(), "a Restart engine button"
    assert window.db.get_message(reply).status == "interrupted" and window.db.get_message(reply).content
    window.chat.base_params = GenerationParams(max_tokens=8)
    send(qtbot, window, "Are you back?")
    assert path_of(window)[-1].status == "complete" and path_of(window)[-1].content


def test_delete_and_undo(qtbot) -> None:
    window = open_window(qtbot, ScriptedEngine())
    send(qtbot, window, "first")
    send(qtbot, window, "second")
    conversation = window.chat.conversation_id
    victim = path_of(window)[2]
    window.chat.delete_message(victim.id)
    assert victim.id not in [m.id for m in path_of(window)]
    window.chat.undo()
    assert victim.id in [m.id for m in path_of(window)]
    window.conversations.delete(conversation)
    assert window.conversations.rowCount() == 0 and window.chat.conversation_id is None
    assert window.chat.notice.isVisible()
    window.chat.undo()
    assert window.conversations.rowCount() == 1


def test_search_export_and_import(qtbot, tmp_path: Path) -> None:
    window = open_window(qtbot, ScriptedEngine())
    send(qtbot, window, "Where do flamingos sleep?")
    conversation = window.chat.conversation_id
    qtbot.keyClick(window, Qt.Key.Key_K, Qt.KeyboardModifier.ControlModifier)
    assert window.sidebar.search.hasFocus()
    qtbot.keyClicks(window.sidebar.search, "flamingo")
    qtbot.waitUntil(lambda: window.results.rowCount() == 1, timeout=2_000)
    assert window.sidebar.stack.currentWidget() is window.sidebar.hits
    exported = tmp_path / "chat.json"
    window.write_export(conversation, "json", exported)
    window.write_export(conversation, "markdown", tmp_path / "chat.md")
    assert "flamingos" in (tmp_path / "chat.md").read_text()
    imported = window.read_import(exported)
    assert imported is not None and imported != conversation and window.chat.conversation_id == imported
    original, copy = window.db.export_json(conversation), window.db.export_json(imported)
    assert [m["content"] for m in original["messages"]] == [m["content"] for m in copy["messages"]]
    broken = tmp_path / "broken.json"
    broken.write_text(json.dumps({"format": "something else"}))
    assert window.read_import(broken) is None


def test_settings_persist_across_a_restart(qtbot) -> None:
    window = open_window(qtbot, ScriptedEngine())
    changed = settings_mod.Settings(
        engine=window.settings.engine,
        generation=settings_mod.GenerationSettings(temperature=0.3, max_tokens=77),
        ui=settings_mod.UiSettings(theme="dark"),
    )
    window.apply_settings(changed)
    assert window.chat.base_params.temperature == 0.3 and window.dark
    window.close()
    again = open_window(qtbot, ScriptedEngine())
    assert again.settings == changed and again.chat.base_params.max_tokens == 77


def test_settings_dialog_edits_and_validates(qtbot) -> None:
    window = open_window(qtbot, ScriptedEngine())
    qtbot.keyClick(window, Qt.Key.Key_Comma, Qt.KeyboardModifier.ControlModifier)
    from assistant.ui.settings_dialog import SettingsDialog

    dialog = window.findChild(SettingsDialog)
    assert dialog is not None and dialog.isVisible()
    dialog.generation.temperature.setValue(1.25)
    dialog.mode.setCurrentIndex(1)  # remote, without a URL: refused with the reason
    assert dialog.remote_url.isEnabled()
    with pytest.raises(settings_mod.SettingsError, match="remote_url"):
        dialog.collect()
    dialog.mode.setCurrentIndex(0)
    assert dialog.collect().generation.temperature == 1.25
    dialog.reject()


def test_a_corrupt_database_is_set_aside_untouched_and_recovery_is_offered(qtbot) -> None:
    paths = paths_mod.get().ensure()
    corrupt = paths.data_dir / DATABASE_NAME
    garbage = os.urandom(64 * 1024)
    corrupt.write_bytes(garbage)
    window = open_window(qtbot, ScriptedEngine())
    set_aside = list(paths.data_dir.glob(DATABASE_NAME + ".corrupt-*"))
    assert len(set_aside) == 1 and set_aside[0].read_bytes() == garbage, "the damaged file is kept as it was"
    assert window.chat.notice.isVisible() and window.chat.notice.action.text() == "Recover"
    send(qtbot, window, "still works")
    assert path_of(window)[-1].status == "complete"


def test_one_bad_record_does_not_hide_the_others(qtbot) -> None:
    paths = paths_mod.get().ensure()
    with Database.open(paths.data_dir / DATABASE_NAME) as db:
        good = db.create_conversation("Good one")
        bad = db.create_conversation("Bad one")
        db._conn.execute("UPDATE conversations SET params = 'not json{', title = x'fffe' WHERE id = ?", (bad,))
    window = open_window(qtbot, ScriptedEngine())
    assert window.conversations.rowCount() == 2
    shown = [window.conversations.index(i).data() for i in range(2)]
    assert "Good one" in shown and any(title.startswith("⚠") for title in shown), "the bad one is marked"
    window.open_conversation(good)
    assert window.chat.conversation_id == good


def test_a_second_instance_is_refused(qtbot) -> None:
    paths = paths_mod.get().ensure()
    first = instance_lock(paths)
    assert first is not None
    assert instance_lock(paths) is None
    first.unlock()
    again = instance_lock(paths)
    assert again is not None
    again.unlock()


def test_panels_are_chosen_from_a_rail_by_keyboard_and_chat_keeps_its_list(qtbot) -> None:
    window = open_window(qtbot, ScriptedEngine())
    rail = window.panels.rail
    assert [window.panels.panel_text(i) for i in range(5)] == ["Chat", "Write", "Summarize", "Personalize", "Library"]
    assert window.sidebar.isVisible()  # Chat shows its conversation list beside it
    rail.setFocus()
    qtbot.keyClick(rail, Qt.Key.Key_Down)
    assert window.panels.currentWidget() is window.write and window.write.isVisible()
    assert not window.sidebar.isVisible()  # the other panels get the whole width
    qtbot.keyClick(rail, Qt.Key.Key_End)
    assert window.panels.currentWidget() is window.library
    # Search (Ctrl+K) from another panel brings back Chat with the list, its search field focused.
    qtbot.keyClick(window, Qt.Key.Key_K, Qt.KeyboardModifier.ControlModifier)
    assert window.panels.currentWidget() is window.chat and window.sidebar.search.hasFocus()
    # The rail is as wide as its widest name and no wider than a rail should be.
    assert rail.fontMetrics().horizontalAdvance("Personalize") < rail.width() < 160


def test_keyboard_shortcuts_and_accessible_names(qtbot) -> None:
    window = open_window(qtbot, ScriptedEngine())
    send(qtbot, window, "hello")
    qtbot.keyClick(window, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    assert window.chat.conversation_id is None
    for i, index in ((Qt.Key.Key_2, 1), (Qt.Key.Key_1, 0)):
        qtbot.keyClick(window, i, Qt.KeyboardModifier.ControlModifier)
        assert window.panels.currentIndex() == index
    unnamed = []
    for widget in (
        window.findChildren(QAbstractButton)
        + window.findChildren(QLineEdit)
        + window.findChildren(QPlainTextEdit)
        + window.findChildren(QComboBox)
        + window.findChildren(QSpinBox)
    ):
        label = widget.accessibleName() or (widget.text() if isinstance(widget, QAbstractButton) else "")
        if not label.strip() and widget.isVisibleTo(window):
            unnamed.append(f"{type(widget).__name__} {widget.objectName()}")
    assert not unnamed, f"controls without an accessible name: {unnamed}"


def test_conversation_settings_and_user_presets(qtbot) -> None:
    engine = ScriptedEngine()
    window = open_window(qtbot, engine)
    send(qtbot, window, "hello")
    dialog = window.chat.open_settings()
    dialog.system_prompt.setPlainText("Answer like a pirate.")
    dialog.generation.temperature.setValue(0.2)
    dialog.accept()
    conversation = window.db.get_conversation(window.chat.conversation_id)
    assert conversation.system_prompt == "Answer like a pirate." and conversation.params == {"temperature": 0.2}
    send(qtbot, window, "again")
    messages, params = engine.requests[-1]
    assert messages[0].content == "Answer like a pirate." and params.temperature == 0.2
    # Save it as the user's own preset; it is listed, chosen, and can be deleted again.
    dialog = window.chat.open_settings()
    dialog._finish_with(PresetEdit("save", "Pirate"))
    assert window.chat.preset.currentText() == "Pirate"
    assert [p.name for p in window.db.list_presets()] == ["Pirate"]
    dialog = window.chat.open_settings()
    dialog._finish_with(PresetEdit("delete", "Pirate"))
    assert window.db.list_presets() == [] and window.chat.preset.findText("Pirate") < 0
