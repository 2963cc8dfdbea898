"""What a new user meets (issue 15, point 4): an empty chat welcomes with things to try and, while the
small built-in model is loaded, the one catalog model this machine runs best; a restart reopens the
conversation last written in. Real Qt (offscreen), real database, the real engine and default model."""

from __future__ import annotations

from PySide6.QtCore import Qt

from assistant.core.inference import GenerationParams
from assistant.models import advice, catalog
from assistant.models.memory import available_ram

from scripted_engine import ScriptedEngine
from test_gui import open_window

TIMEOUT_MS = 120_000


def test_an_empty_chat_welcomes_with_things_to_try_and_a_model_for_this_machine(qtbot) -> None:
    window = open_window(qtbot)
    chat, welcome = window.chat, window.chat.welcome
    assert chat.pages.currentWidget() is welcome and len(welcome.examples) == 4
    # The suggestion is this machine's (a CPU build here: no GPU memory), with its download size.
    qtbot.waitUntil(welcome.advice.isVisible, timeout=30_000)
    expected = advice.first_model(catalog.load(), n_ctx=window.n_ctx, gpu_free=0, ram_free=available_ram())
    assert expected is not None and not expected.on_gpu
    assert expected.model.name in welcome.advice_label.text() and "GB" in welcome.advice_label.text()
    assert "Add a file" in welcome.advice_label.text()  # what to do without internet

    welcome.examples[2].click()  # Write
    assert window.panels.currentWidget() is window.write
    welcome.examples[3].click()  # Summarize
    assert window.panels.currentWidget() is window.summarize
    welcome.download_button.click()  # the Models dialog, at the suggested model's files
    dialog = window.models_dialog
    assert dialog is not None and dialog.isVisible() and dialog.tabs.currentIndex() == 1
    assert dialog.repos.row_at(dialog.repo_view.currentIndex()).repo == expected.model.repo
    dialog.close()

    window.panels.setCurrentWidget(chat)
    welcome.examples[0].click()  # a chat example goes into the box, to send or change
    assert chat.input.toPlainText() == "Explain how a heat pump works, in plain words."
    assert chat.input.hasFocus() or not window.isActiveWindow()
    chat.base_params = GenerationParams(max_tokens=8)
    qtbot.keyClick(chat.input, Qt.Key.Key_Return)
    assert chat.pages.currentWidget() is chat.transcript  # the message shows at once
    qtbot.waitUntil(lambda: chat.job is None, timeout=TIMEOUT_MS)
    chat.open_conversation(None)  # a new chat welcomes again
    assert chat.pages.currentWidget() is welcome

    window._advise(built_in=False)  # another model loaded: nothing to suggest
    assert not welcome.advice.isVisible()
    window.close()


def test_a_restart_reopens_the_conversation_last_written_in(qtbot) -> None:
    window = open_window(qtbot, ScriptedEngine(reply="Fine."))
    for text in ("The first conversation.", "The second conversation."):
        window.new_chat()
        window.chat.input.setPlainText(text)
        window.chat.send()
        qtbot.waitUntil(lambda: window.chat.job is None, timeout=TIMEOUT_MS)
    second = window.chat.conversation_id
    window.close()

    again = open_window(qtbot, ScriptedEngine())
    assert again.chat.conversation_id == second and again.chat.pages.currentWidget() is again.chat.transcript
    assert again.db.path(second)[0].content == "The second conversation."
    assert again.sidebar.list.currentIndex().row() == again.conversations.row_of(second)
    # A new chat with something typed in it: that is what the next start shows, draft and all.
    again.new_chat()
    again.chat.input.setPlainText("Half a thought")
    qtbot.waitUntil(lambda: again.db.get_draft(None) == "Half a thought", timeout=2_000)
    again.close()

    third = open_window(qtbot, ScriptedEngine())
    assert third.chat.conversation_id is None and third.chat.input.toPlainText() == "Half a thought"
    third.close()
