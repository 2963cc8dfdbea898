"""The Write panel: real Qt offscreen, real database, real files; the real model for proofreading,
and a scripted one where a test is about the panel's own behaviour (selection, stop, autosave)."""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import QAbstractButton

from assistant import paths as paths_mod
from assistant.app import build_window
from assistant.core.cancel import CancelToken
from assistant.core.inference import Chunk, GenerationParams, Message, Timings
from assistant.core.writing import Mode

from scripted_engine import ScriptedEngine

TIMEOUT_MS = 180_000
PLANTED = (
    "Their are many reasons why peoples like to travel. Some people enjoys seeing new places, while other "
    "prefer to relax on the beach.\n\nLast summer my familly visited Lisbon. I would definately go back."
)


class FixingEngine(ScriptedEngine):
    """Answers a writing prompt with the text it was given, "teh" fixed to "the", one word per chunk,
    slowly if asked: enough to test selection, review, stop and apply without a model's whims."""

    def __init__(self, delay: float = 0.0) -> None:
        super().__init__(delay=delay)

    def chat(
        self, messages: Sequence[Message], params: GenerationParams, cancel: CancelToken | None = None
    ) -> Iterator[Chunk]:
        self.requests.append((list(messages), params))
        cancel = cancel or CancelToken()
        match = re.search(r"<<<TEXT\n(.*)\nTEXT>>>", messages[-1].content, re.S)
        text = (match.group(1) if match else "ok").replace("teh", "the")
        for word in re.findall(r"\S+\s*", text):
            if cancel.wait(self.delay) if self.delay else cancel.cancelled:
                yield Chunk(finish_reason="cancelled")
                return
            yield Chunk(text=word)
        yield Chunk(finish_reason="stop", timings=Timings(predicted_n=len(text.split())))


def open_panel(qtbot, engine=None):
    window = build_window(paths_mod.get(), engine=engine)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitUntil(lambda: window.host.model is not None, timeout=TIMEOUT_MS)
    window.panels.setCurrentWidget(window.write)
    return window, window.write


def run_and_wait(qtbot, panel, mode: Mode) -> None:
    assert panel.run(mode) is not None
    qtbot.waitUntil(lambda: panel.job is None, timeout=TIMEOUT_MS)


def test_proofreading_with_the_real_model(qtbot) -> None:
    _window, panel = open_panel(qtbot)
    panel.editor.setPlainText(PLANTED)
    run_and_wait(qtbot, panel, Mode.PROOFREAD)
    diff = panel.diff_view.diff
    assert diff is not None and diff.changes, "the planted errors give at least one change"
    assert panel.editor.isReadOnly(), "the text is locked while its suggestion is reviewed"
    # Reject one change, keep the rest: Apply writes exactly that, as one undoable step.
    first = diff.changes[0].id
    panel.diff_view.toggle(first)
    expected = diff.apply({c.id for c in diff.changes} - {first})
    qtbot.mouseClick(panel.apply_button, Qt.MouseButton.LeftButton)
    assert panel.editor.toPlainText() == expected and not panel.editor.isReadOnly()
    panel.editor.undo()
    assert panel.editor.toPlainText() == PLANTED
    # Reject all, then Apply: the text is byte-identical.
    run_and_wait(qtbot, panel, Mode.PROOFREAD)
    panel.diff_view.reject_all()
    panel.apply()
    assert panel.editor.toPlainText() == PLANTED


def test_an_action_on_the_selection_changes_only_the_selection(qtbot) -> None:
    engine = FixingEngine()
    _window, panel = open_panel(qtbot, engine)
    text = "Keep teh first line.\n\nFix teh second line.\n\nKeep teh third line."
    panel.editor.setPlainText(text)
    cursor = panel.editor.textCursor()
    start = text.index("Fix")
    cursor.setPosition(start)
    cursor.setPosition(start + len("Fix teh second line."), QTextCursor.MoveMode.KeepAnchor)
    panel.editor.setTextCursor(cursor)
    run_and_wait(qtbot, panel, Mode.PROOFREAD)
    sent = engine.requests[-1][0][-1].content
    assert "Fix teh second line." in sent and "first" not in sent and "third" not in sent
    assert [c.new for c in panel.diff_view.diff.changes] == ["the"]
    # How to review is said; a rejected change keeps the original and shows the refused words struck through.
    assert panel.review_hint.isVisible() and "Click a change" in panel.review_hint.text()
    [change] = panel.diff_view.diff.changes
    panel.diff_view.toggle(change.id)
    shown = panel.diff_view.toPlainText()
    assert "Fix tehthe second line." in shown and panel.diff_view.result() == panel._original
    assert "line-through" in panel.diff_view.toHtml()  # the refused "the", struck through
    panel.diff_view.toggle(change.id)
    # While the suggestion waits for review, other actions are off and say why; a direct call says it too.
    proofread = panel.actions[Mode.PROOFREAD]
    assert not proofread.isEnabled() and "Apply or discard" in proofread.toolTip()
    with qtbot.waitSignal(panel.status_changed) as said:
        assert panel.run(Mode.SHORTEN) is None and not panel.new_document()
    assert "Apply or discard" in said.args[0]
    panel.apply()
    assert panel.editor.toPlainText() == "Keep teh first line.\n\nFix the second line.\n\nKeep teh third line."
    assert proofread.isEnabled() and "Apply or discard" not in proofread.toolTip()
    assert not panel.review_hint.isVisible()


class ChattyFixingEngine(FixingEngine):
    """Fixes "teh" and then, as small models do, adds a sentence of its own."""

    def chat(self, messages, params, cancel=None):
        yield from super().chat(messages, params, cancel)
        yield Chunk(text=" This is a corrected version of the text.", finish_reason="stop")


def test_a_proofread_that_adds_a_sentence_is_cut_to_the_correction(qtbot) -> None:
    _window, panel = open_panel(qtbot, ChattyFixingEngine())
    panel.editor.setPlainText("I read teh letter twice.")
    run_and_wait(qtbot, panel, Mode.PROOFREAD)
    assert [(c.old, c.new) for c in panel.diff_view.diff.changes] == [("teh", "the")]
    panel.apply()
    assert panel.editor.toPlainText() == "I read the letter twice."


def test_translate_tells_the_model_the_languages_english_name(qtbot) -> None:
    engine = FixingEngine()
    _window, panel = open_panel(qtbot, engine)
    panel.editor.setPlainText("Good morning.")
    panel.language.setCurrentIndex(panel.language.findData("German"))
    assert panel.language.currentText() == "German (Deutsch)"
    run_and_wait(qtbot, panel, Mode.TRANSLATE)
    assert "German" in engine.requests[-1][0][0].content + engine.requests[-1][0][-1].content
    panel.discard()
    panel.language.setEditText("Klingon")  # any language can be typed
    run_and_wait(qtbot, panel, Mode.TRANSLATE)
    assert "Klingon" in engine.requests[-1][0][0].content + engine.requests[-1][0][-1].content


def test_stop_keeps_the_parts_done(qtbot) -> None:
    window, panel = open_panel(qtbot, FixingEngine(delay=0.05))
    window.host.model = {**window.host.model, "n_ctx": 300}  # a small window: the text goes in several parts
    paragraphs = [f"Paragraph {i}: teh " + "word " * 40 for i in range(6)]
    panel.editor.setPlainText("\n\n".join(paragraphs))
    panel.run(Mode.PROOFREAD)
    qtbot.waitUntil(lambda: panel.progress.value() >= 1, timeout=TIMEOUT_MS)
    panel.stop()
    qtbot.waitUntil(lambda: panel.job is None, timeout=10_000)
    result = panel.diff_view.result()
    assert result.startswith("Paragraph 0: the "), "the first part was done"
    assert result.endswith(paragraphs[-1]), "the rest is the original, unchanged"


def test_tone_check_shows_a_report_and_leaves_the_text_editable(qtbot) -> None:
    _window, panel = open_panel(qtbot, FixingEngine())
    panel.editor.setPlainText("This is AWFUL!!! I hate it, honestly the worst service ever.")
    run_and_wait(qtbot, panel, Mode.TONE)
    assert panel.results.currentWidget() is panel.report
    assert "negative" in panel.report.toPlainText().lower()
    assert not panel.editor.isReadOnly()


def test_typing_is_saved_and_files_open_and_save(qtbot, tmp_path: Path) -> None:
    window, panel = open_panel(qtbot, FixingEngine())
    qtbot.keyClicks(panel.editor, "A draft that must survive.")
    qtbot.waitUntil(lambda: panel.documents.latest().text == "A draft that must survive.", timeout=3_000)
    window.close()
    _window, panel = open_panel(qtbot, FixingEngine())
    assert panel.editor.toPlainText() == "A draft that must survive."
    source = tmp_path / "letter.md"
    source.write_text("# Letter\n\nDear teh reader,\n")
    assert panel.open_path(source)
    assert panel.editor.toPlainText() == "# Letter\n\nDear teh reader,\n"
    out = tmp_path / "letter.docx"
    assert panel.save_to(out) and out.stat().st_size > 0
    assert panel.file_label.text() == str(out)
    junk = tmp_path / "junk.docx"
    junk.write_bytes(b"PK\x03\x04 not really")
    assert not panel.open_path(junk)
    assert "junk.docx" in panel.report.toPlainText()
    assert panel.editor.toPlainText() == "# Letter\n\nDear teh reader,\n", "nothing the user had is lost"


def test_every_control_in_the_panel_is_named(qtbot) -> None:
    _window, panel = open_panel(qtbot, FixingEngine())
    panel.editor.setPlainText("teh text")
    run_and_wait(qtbot, panel, Mode.PROOFREAD)
    unnamed = [b.text() for b in panel.findChildren(QAbstractButton) if b.isVisible() and not b.accessibleName()]
    assert not unnamed
