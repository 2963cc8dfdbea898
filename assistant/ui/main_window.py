"""The app window. For now one chat panel (the full window with its four panels is issue 3's).

It never waits on the model: the engine starts, loads and streams on ``EngineHost``'s worker,
and this window only reacts to signals.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QEvent, QObject, Qt, Slot
from PySide6.QtGui import QFont, QKeyEvent, QKeySequence, QShortcut, QTextCharFormat, QTextCursor
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QMainWindow,
    QPlainTextEdit,
    QPushButton,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from assistant.core.inference import Chunk, GenerationParams, Message
from assistant.errors import AssistantError
from assistant.ui.error_presenter import message_for
from assistant.workers.engine_host import EngineHost
from assistant.workers.runner import GeneratorJob


class MainWindow(QMainWindow):
    def __init__(self, host: EngineHost, params: GenerationParams, notice: str | None = None) -> None:
        super().__init__()
        self.host = host
        self.params = params
        self.history: list[Message] = []
        self.job: GeneratorJob | None = None
        self._reply: list[str] = []
        self.setWindowTitle("Assistant")
        self.resize(900, 700)

        self.transcript = QTextBrowser()
        self.transcript.setAccessibleName("Conversation")
        # The chat view never fetches anything: a remote image in a reply stays a link.
        self.transcript.setOpenLinks(False)
        self.input = QPlainTextEdit()
        self.input.setAccessibleName("Message")
        self.input.setPlaceholderText("Message the model — Enter sends, Shift+Enter adds a line")
        self.input.setMaximumHeight(120)
        self.input.installEventFilter(self)
        self.send_button = QPushButton("Send")
        self.send_button.setAccessibleName("Send message")
        self.stop_button = QPushButton("Stop")
        self.stop_button.setAccessibleName("Stop reply")
        self.stop_button.setEnabled(False)
        self.send_button.clicked.connect(self.send)
        self.stop_button.clicked.connect(self.stop)
        QShortcut(QKeySequence(Qt.Key.Key_Escape), self, activated=self.stop)

        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.stop_button)
        buttons.addWidget(self.send_button)
        layout = QVBoxLayout()
        layout.addWidget(self.transcript, 1)
        layout.addWidget(self.input)
        layout.addLayout(buttons)
        central = QWidget()
        central.setLayout(layout)
        self.setCentralWidget(central)

        self.model_label = QLabel("Starting the engine…")
        self.model_label.setAccessibleName("Model and backend")
        self.speed_label = QLabel("")
        self.speed_label.setAccessibleName("Speed of the last reply")
        self.statusBar().addWidget(self.model_label, 1)
        self.statusBar().addPermanentWidget(self.speed_label)
        self.send_button.setEnabled(False)

        host.ready.connect(self._on_ready)
        host.failed.connect(self._on_engine_failed)
        if notice:
            self._append_note(notice)

    # -- engine state -------------------------------------------------------------------------

    @Slot(dict)
    def _on_ready(self, model: dict) -> None:
        # The file's name reads better than general.name ("Smollm2 135M 8k Lc100K Mix1 Ep2").
        name = Path(model["path"]).name.removesuffix(".gguf") if model.get("path") else model.get("id", "?")
        size = f" · {model['file_size'] / 1024**2:,.0f} MiB" if model.get("file_size") else ""
        self.model_label.setText(f"{name}{size} · {model.get('backend', '')}")
        self.send_button.setEnabled(True)
        if model.get("template_warning"):
            self._append_note(model["template_warning"])

    @Slot(object)
    def _on_engine_failed(self, err: object) -> None:
        self.model_label.setText("The engine is not running")
        self.send_button.setEnabled(True)  # the next message tries to start it again
        self._append_note(message_for(err) or "")

    # -- chat -----------------------------------------------------------------------------------

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.input and isinstance(event, QKeyEvent) and event.type() == QEvent.Type.KeyPress:
            enter = event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
            if enter and not event.modifiers() & Qt.KeyboardModifier.ShiftModifier:
                self.send()
                return True
        return super().eventFilter(watched, event)

    @Slot()
    def send(self) -> None:
        text = self.input.toPlainText().strip()
        if not text or self.job is not None:
            return
        self.input.clear()
        self.history.append(Message("user", text))
        self._append_block("You", text)
        self._append_block("Assistant", "")
        self._reply = []
        self.job = self.host.chat(self.history, self.params)
        self.job.yielded.connect(self._on_chunk)
        self.job.finished.connect(self._on_finished)
        self.job.failed.connect(self._on_failed)
        self.send_button.setEnabled(False)
        self.stop_button.setEnabled(True)

    @Slot()
    def stop(self) -> None:
        if self.job is not None:
            self.job.cancel()

    @Slot(object)
    def _on_chunk(self, chunk: object) -> None:
        assert isinstance(chunk, Chunk)
        if chunk.dropped_messages:
            self._append_note(f"{chunk.dropped_messages} older messages were left out to fit the context window.")
        if chunk.text:
            self._reply.append(chunk.text)
            self._insert(chunk.text)
        if chunk.finish_reason == "cancelled":
            self._insert(" [stopped]")
        if chunk.timings:
            t = chunk.timings
            self.speed_label.setText(f"{t.predicted_per_second:.1f} tokens/s · first token {t.ttft_ms:.0f} ms")

    @Slot()
    def _on_finished(self) -> None:
        if self._reply:
            self.history.append(Message("assistant", "".join(self._reply)))
        self._end_job()

    @Slot(object)
    def _on_failed(self, err: object) -> None:
        if self._reply:  # keep what arrived, marked as cut short
            self.history.append(Message("assistant", "".join(self._reply)))
            self._insert(" [interrupted]")
        self._append_note(message_for(err) if isinstance(err, BaseException) else str(err))
        if isinstance(err, AssistantError):
            self.model_label.setText("The engine stopped; it restarts with the next message")
        self._end_job()

    def _end_job(self) -> None:
        self.job = None
        self._reply = []
        self.send_button.setEnabled(True)
        self.stop_button.setEnabled(False)

    # -- transcript -----------------------------------------------------------------------------

    def _append_block(self, who: str, text: str) -> None:
        """A speaker's label on its own line, then a new paragraph that streamed text goes into."""
        cursor = self._end()
        if not self.transcript.document().isEmpty():
            cursor.insertBlock()
            cursor.insertBlock()
        cursor.insertText(who, _format(bold=True))
        cursor.insertBlock()
        if text:
            self._insert(text)

    def _append_note(self, text: str | None) -> None:
        if text:
            cursor = self._end()
            if not self.transcript.document().isEmpty():
                cursor.insertBlock()
            cursor.insertText(text, _format(italic=True))
            cursor.insertBlock()

    def _insert(self, text: str) -> None:
        # Follow the stream only if the user is at the bottom: never yank them back while reading.
        bar = self.transcript.verticalScrollBar()
        at_bottom = bar.value() >= bar.maximum() - 4
        self._end().insertText(text, _format())
        if at_bottom:
            bar.setValue(bar.maximum())

    def _end(self) -> QTextCursor:
        cursor = self.transcript.textCursor()
        cursor.movePosition(QTextCursor.MoveOperation.End)
        return cursor

    def closeEvent(self, event) -> None:
        self.host.shutdown()
        super().closeEvent(event)


def _format(*, bold: bool = False, italic: bool = False) -> QTextCharFormat:
    fmt = QTextCharFormat()
    fmt.setFontWeight(QFont.Weight.Bold if bold else QFont.Weight.Normal)
    fmt.setFontItalic(italic)
    return fmt
