"""The window, with real Qt (offscreen) and the real engine: it starts, chats, stops, and never blocks."""

from __future__ import annotations

import os
import signal

from PySide6.QtCore import Qt

from assistant import paths as paths_mod
from assistant.app import build_window
from assistant.core.inference import GenerationParams

REPLY_TIMEOUT_MS = 120_000


def open_window(qtbot):
    window = build_window(paths_mod.get())
    qtbot.addWidget(window)
    window.show()
    qtbot.waitUntil(lambda: window.send_button.isEnabled(), timeout=REPLY_TIMEOUT_MS)
    return window


def test_window_starts_on_the_default_model_and_replies(qtbot) -> None:
    window = open_window(qtbot)
    assert "SmolLM2" in window.model_label.text() or "smollm" in window.model_label.text().lower()
    assert "CPU" in window.model_label.text() or "CUDA" in window.model_label.text()
    qtbot.keyClicks(window.input, "Say hello.")
    qtbot.keyClick(window.input, Qt.Key.Key_Return)
    assert window.input.toPlainText() == "", "Enter sends"
    qtbot.waitUntil(lambda: window.job is None, timeout=REPLY_TIMEOUT_MS)
    assert [m.role for m in window.history] == ["user", "assistant"]
    assert window.history[1].content.strip()
    assert "tokens/s" in window.speed_label.text()
    window.close()


def test_shift_enter_adds_a_line_instead_of_sending(qtbot) -> None:
    window = open_window(qtbot)
    qtbot.keyClicks(window.input, "one")
    qtbot.keyClick(window.input, Qt.Key.Key_Return, Qt.KeyboardModifier.ShiftModifier)
    qtbot.keyClicks(window.input, "two")
    assert window.input.toPlainText() == "one\ntwo"
    assert window.history == []
    window.close()


def start_endless_reply(qtbot, window, prompt: str) -> None:
    """Send ``prompt`` with end-of-turn ignored, so the reply goes on until something stops it."""
    window.params = GenerationParams(max_tokens=100_000, ignore_eos=True)
    window.input.setPlainText(prompt)
    window.send()
    qtbot.waitUntil(lambda: len(window._reply) >= 3, timeout=REPLY_TIMEOUT_MS)


def test_stop_ends_the_reply_and_keeps_what_arrived(qtbot) -> None:
    window = open_window(qtbot)
    start_endless_reply(qtbot, window, "Tell me an endless story.")
    qtbot.keyClick(window, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: window.job is None, timeout=5_000)
    assert window.history[-1].role == "assistant" and window.history[-1].content
    assert "[stopped]" in window.transcript.toPlainText()
    window.close()


def test_engine_crash_is_shown_in_the_window_and_the_next_message_works(qtbot) -> None:
    window = open_window(qtbot)
    start_endless_reply(qtbot, window, "Keep talking.")
    os.kill(window.host.engine.process.pid, signal.SIGKILL)
    qtbot.waitUntil(lambda: window.job is None, timeout=30_000)
    text = window.transcript.toPlainText()
    assert "stopped unexpectedly" in text and "[interrupted]" in text
    kept = list(window.history)
    window.params = GenerationParams(max_tokens=16)
    window.input.setPlainText("Are you back?")
    window.send()
    qtbot.waitUntil(lambda: window.job is None, timeout=REPLY_TIMEOUT_MS)
    assert window.history[: len(kept)] == kept, "nothing the user had is lost"
    assert window.history[-1].role == "assistant"
    window.close()
