"""The Write panel: the user's text, the actions on it, and each suggestion as changes to accept or reject.

The action runs on the selection, or on the whole text when nothing is selected. The result
streams into a preview, then becomes a word-level diff against what was sent; Apply writes the
accepted changes into the editor as one undoable step. While a suggestion is open the editor is
read-only, so the diff always matches the text it will change. The editor's text is saved to the
database as it is typed (``storage.write_documents``): a crash loses nothing.
"""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import Qt, QTimer, Signal, Slot
from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QProgressBar,
    QPushButton,
    QSplitter,
    QStackedWidget,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from assistant.core import word_diff, writing
from assistant.core.cancel import CancelToken
from assistant.core.inference import GenerationParams
from assistant.core.writing import Mode, WriteRequest
from assistant.documents.editing import read_for_editing, save_edited
from assistant.errors import AssistantError
from assistant.storage.db import Database
from assistant.storage.write_documents import WriteDocuments
from assistant.ui.data_words import chosen_language, fill_languages, shown
from assistant.ui.enabling import allow
from assistant.ui.error_presenter import message_for
from assistant.ui.style_picker import StylePicker
from assistant.ui.write.diff_view import DiffView
from assistant.workers.engine_host import EngineHost
from assistant.workers.runner import GeneratorJob

log = logging.getLogger(__name__)

_SAVE_DELAY_MS = 300
FILE_FILTER = "Text (*.txt *.md *.docx)"


class WritePanel(QWidget):
    """Signals:
    status_changed(str): a one-line status for the window (what is running, how far).
    """

    status_changed = Signal(str)

    def __init__(
        self, db: Database, host: EngineHost, parent: QWidget | None = None, *, style: StylePicker | None = None
    ) -> None:
        super().__init__(parent)
        self.host = host
        self.style_picker = style
        self.documents = WriteDocuments(db)
        self.job: GeneratorJob | None = None
        self._target: tuple[int, int] | None = None  # the editor range the suggestion replaces
        self._original = ""
        self._preview: list[str] = []
        self.setAccessibleName(self.tr("Write"))

        self.editor = QPlainTextEdit()
        self.editor.setAccessibleName(self.tr("Your text"))
        self.editor.setPlaceholderText(
            self.tr("Write or paste your text here, or open a file. Select part of it to work on that part only.")
        )
        self.editor.textChanged.connect(self._typed)
        self.file_label = QLabel()
        self.file_label.setAccessibleName(self.tr("File"))

        self.preview = QPlainTextEdit()
        self.preview.setReadOnly(True)
        self.preview.setAccessibleName(self.tr("Suggestion as it is written"))
        self.diff_view = DiffView()
        self.diff_view.changed.connect(self._update_buttons)
        self.report = QTextBrowser()
        self.report.setAccessibleName(self.tr("Tone check"))
        self.report.setOpenLinks(False)
        self.results = QStackedWidget()
        for widget in (self.preview, self.diff_view, self.report):
            self.results.addWidget(widget)

        self.progress = QProgressBar()
        self.progress.setAccessibleName(self.tr("Progress"))
        self.progress.hide()
        self.accept_all = self._button(self.tr("Accept all"), self.diff_view.accept_all)
        self.reject_all = self._button(self.tr("Reject all"), self.diff_view.reject_all)
        self.apply_button = self._button(self.tr("Apply"), self.apply)
        self.apply_button.setToolTip(self.tr("Write the accepted changes into your text (undo with Ctrl+Z)"))
        self.discard_button = self._button(self.tr("Discard"), self.discard)
        self.stop_button = self._button(self.tr("Stop"), self.stop)
        # How to review is said above every suggestion: clicking a change is not something to guess.
        self.review_hint = QLabel(
            self.tr("Click a change (or Tab to it and press Enter) to reject it; click it again to take it back.")
        )
        self.review_hint.setWordWrap(True)
        self.review_hint.hide()
        review = QHBoxLayout()
        review.addWidget(self.progress, 1)
        for b in (self.stop_button, self.accept_all, self.reject_all, self.discard_button, self.apply_button):
            review.addWidget(b)

        self.actions: dict[Mode, QPushButton] = {}
        actions_row = QHBoxLayout()
        for mode, label in (
            (Mode.PROOFREAD, self.tr("Proofread")),
            (Mode.FRIENDLY, self.tr("Friendlier")),
            (Mode.PROFESSIONAL, self.tr("More professional")),
            (Mode.CONCISE, self.tr("More concise")),
            (Mode.EXPAND, self.tr("Expand")),
            (Mode.SHORTEN, self.tr("Shorten")),
            (Mode.CONTINUE, self.tr("Continue")),
            (Mode.TONE, self.tr("Tone check")),
        ):
            self.actions[mode] = self._button(label, lambda _=False, m=mode: self.run(m))
            actions_row.addWidget(self.actions[mode])
        actions_row.addStretch(1)
        if style is not None:
            actions_row.addWidget(style)
        self.language = QComboBox()
        self.language.setEditable(True)
        fill_languages(self.language)
        self.language.setAccessibleName(self.tr("Translate to"))
        self.actions[Mode.TRANSLATE] = self._button(self.tr("Translate to"), lambda: self.run(Mode.TRANSLATE))
        self.instruction = QLineEdit()
        self.instruction.setAccessibleName(self.tr("Instruction"))
        self.instruction.setPlaceholderText(self.tr("Or tell it what to do: “make this sound like a press release”"))
        self.instruction.returnPressed.connect(lambda: self.run(Mode.INSTRUCTION))
        self.actions[Mode.INSTRUCTION] = self._button(self.tr("Do it"), lambda: self.run(Mode.INSTRUCTION))
        second_row = QHBoxLayout()
        second_row.addWidget(self.actions[Mode.TRANSLATE])
        second_row.addWidget(self.language)
        second_row.addWidget(self.instruction, 1)
        second_row.addWidget(self.actions[Mode.INSTRUCTION])

        files = QHBoxLayout()
        files.addWidget(self._button(self.tr("New"), self.new_document))
        files.addWidget(self._button(self.tr("Open…"), self.open_file))
        files.addWidget(self._button(self.tr("Save"), self.save_file))
        files.addWidget(self._button(self.tr("Save as…"), lambda: self.save_file(ask=True)))
        files.addWidget(self.file_label, 1)

        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addLayout(files)
        left_layout.addWidget(self.editor, 1)
        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        right_layout.addWidget(self.review_hint)
        right_layout.addWidget(self.results, 1)
        right_layout.addLayout(review)
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(left)
        splitter.addWidget(right)
        splitter.setSizes([500, 500])

        layout = QVBoxLayout(self)
        layout.addLayout(actions_row)
        layout.addLayout(second_row)
        layout.addWidget(splitter, 1)

        self._save_timer = QTimer(self, singleShot=True, interval=_SAVE_DELAY_MS)
        self._save_timer.timeout.connect(self._save_draft)
        latest = self.documents.latest()
        self.document = latest or self.documents.create()
        self._show_document()
        self._set_reviewing(False)

    def _button(self, text: str, slot) -> QPushButton:
        button = QPushButton(text)
        button.setAccessibleName(text)
        button.clicked.connect(slot)
        return button

    # -- the document ---------------------------------------------------------------------------

    def _show_document(self) -> None:
        self.editor.blockSignals(True)
        self.editor.setPlainText(self.document.text)
        self.editor.blockSignals(False)
        self.file_label.setText(str(self.document.path) if self.document.path else shown(self.document.name))

    def _typed(self) -> None:
        self._save_timer.start()

    def _save_draft(self) -> None:
        self._save_timer.stop()
        self.documents.save_text(self.document.id, self.editor.toPlainText())

    def flush(self) -> None:
        if self._save_timer.isActive():
            self._save_draft()

    @Slot()
    def new_document(self) -> None:
        if self._refused_busy():
            return
        self.flush()
        self.document = self.documents.create()
        self._show_document()

    @Slot()
    def open_file(self) -> None:
        name, _ = QFileDialog.getOpenFileName(self, self.tr("Open"), "", FILE_FILTER)
        if name:
            self.open_path(Path(name))

    def open_path(self, path: Path) -> bool:
        if self._refused_busy():
            return False
        try:
            text = read_for_editing(path)
        except AssistantError as err:
            self.status_changed.emit(message_for(err))
            self.report.setPlainText(message_for(err))
            self.results.setCurrentWidget(self.report)
            return False
        self.flush()
        self.document = self.documents.create(text, name=path.name, path=path)
        self._show_document()
        return True

    @Slot()
    def save_file(self, *, ask: bool = False) -> None:
        path = self.document.path
        if ask or path is None:
            name, _ = QFileDialog.getSaveFileName(self, self.tr("Save"), str(path or self.document.name), FILE_FILTER)
            if not name:
                return
            path = Path(name)
        self.save_to(path)

    def save_to(self, path: Path) -> bool:
        try:
            save_edited(path, self.editor.toPlainText())
        except AssistantError as err:
            self.status_changed.emit(message_for(err))
            return False
        self.flush()
        self.documents.set_file(self.document.id, path)
        self.document = self.documents.get(self.document.id)
        self.file_label.setText(str(path))
        self.status_changed.emit(self.tr("Saved {0}").format(path.name))
        return True

    # -- running an action ----------------------------------------------------------------------

    def run(self, mode: Mode) -> GeneratorJob | None:
        """Work on the selection, or the whole text; the suggestion then waits for review."""
        if self._refused_busy():
            return None
        cursor = self.editor.textCursor()
        if cursor.hasSelection():
            start, end = cursor.selectionStart(), cursor.selectionEnd()
        else:
            start, end = 0, len(self.editor.toPlainText())
        text = self.editor.toPlainText()[start:end]
        if not text.strip():
            self.status_changed.emit(self.tr("There is no text to work on."))
            return None
        language = chosen_language(self.language) if mode == Mode.TRANSLATE else None
        instruction = self.instruction.text().strip() if mode == Mode.INSTRUCTION else None
        if mode == Mode.INSTRUCTION and not instruction:
            self.status_changed.emit(self.tr("Say what to do with the text first."))
            self.instruction.setFocus()
            return None
        self.flush()
        self._target = (start, end)
        self._original = text
        self._preview = []
        self._mode = mode
        request = WriteRequest(mode=mode, text=text, target_language=language, instruction=instruction)
        engine = self.host.engine
        n_ctx = int((self.host.model or {}).get("n_ctx") or 4096)

        params = None
        if self.style_picker is not None and self.style_picker.adapter_path():
            params = GenerationParams(adapter=self.style_picker.adapter_path(), adapter_scale=self.style_picker.scale())

        def work(cancel: CancelToken):
            return writing.run(engine, request, n_ctx=n_ctx, cancel=cancel, params=params)

        self.preview.clear()
        self.results.setCurrentWidget(self.preview)
        self.job = self.host.run(work)
        self.job.yielded.connect(self._on_event)
        self.job.finished.connect(self._on_finished)
        self.job.failed.connect(self._on_failed)
        self._set_reviewing(True, running=True)
        return self.job

    @Slot()
    def stop(self) -> None:
        if self.job is not None:
            self.job.cancel()

    @Slot(object)
    def _on_event(self, event: object) -> None:
        if isinstance(event, writing.Planned):
            self.progress.setRange(0, max(1, event.parts))
            self.progress.setValue(0)
            self.progress.setVisible(event.parts > 1)
        elif isinstance(event, writing.Progress):
            self.progress.setValue(event.done)
            self.status_changed.emit(self.tr("Part {0} of {1} done").format(event.done, event.total))
        elif isinstance(event, writing.Piece):
            self.preview.moveCursor(QTextCursor.MoveOperation.End)
            self.preview.insertPlainText(event.text)
        elif isinstance(event, writing.ToneReport):
            self._tone = event
        elif isinstance(event, writing.Finished):
            self._finish(event)

    def _finish(self, event: writing.Finished) -> None:
        if self._mode == Mode.TONE:
            self.report.setMarkdown(event.result)
            self.results.setCurrentWidget(self.report)
            return
        diff = word_diff.diff(self._original, event.result)
        self.diff_view.set_diff(diff)
        self.results.setCurrentWidget(self.diff_view)
        stopped = self.tr(" (stopped early: the rest is unchanged)") if event.partial else ""
        self.status_changed.emit(self.tr("{0} suggested changes{1}").format(len(diff.changes), stopped))

    @Slot()
    def _on_finished(self) -> None:
        self.job = None
        if self._mode == Mode.TONE or self.diff_view.diff is None:
            self._target = None  # nothing to apply: the editor is free again
            self._set_reviewing(False)
        else:
            self._set_reviewing(True, running=False)

    @Slot(object)
    def _on_failed(self, err: object) -> None:
        self.job = None
        self._target = None
        self._set_reviewing(False)
        text = message_for(err) if isinstance(err, BaseException) else str(err)
        self.report.setPlainText(text or "")
        self.results.setCurrentWidget(self.report)
        self.status_changed.emit(text or "")

    # -- review -----------------------------------------------------------------------------------

    @Slot()
    def apply(self) -> None:
        """Write the accepted changes over the range the suggestion was made for, as one undo step."""
        if self._target is None or self.diff_view.diff is None:
            return
        start, end = self._target
        cursor = QTextCursor(self.editor.document())
        cursor.beginEditBlock()
        cursor.setPosition(start)
        cursor.setPosition(end, QTextCursor.MoveMode.KeepAnchor)
        cursor.insertText(self.diff_view.result())
        cursor.endEditBlock()
        self._close_review()

    @Slot()
    def discard(self) -> None:
        if self.job is None:
            self._close_review()

    def _close_review(self) -> None:
        self._target = None
        self.diff_view.clear_diff()
        self.results.setCurrentWidget(self.preview)
        self.preview.clear()
        self._set_reviewing(False)

    def _set_reviewing(self, reviewing: bool, *, running: bool = False) -> None:
        self.editor.setReadOnly(reviewing)
        for button in self.actions.values():
            allow(button, self._why_busy(running) if reviewing else "")
        self.stop_button.setVisible(running)
        self.progress.setVisible(running and self.progress.maximum() > 1)
        for button in (self.accept_all, self.reject_all, self.apply_button, self.discard_button):
            button.setVisible(reviewing and not running)
        self.review_hint.setVisible(reviewing and not running and self.diff_view.diff is not None)
        self._update_buttons()

    def _why_busy(self, running: bool | None = None) -> str:
        """Why another action cannot start now ("" when it can): one suggestion at a time."""
        if running is None:
            running = self.job is not None
        if running:
            return self.tr("A suggestion is being written: wait for it, or Stop it, first.")
        return self.tr("Apply or discard the suggestion first.") if self._target is not None else ""

    def _refused_busy(self) -> bool:
        """Said in the status bar, not silently ignored, when a suggestion is in the way."""
        why = self._why_busy()
        if why:
            self.status_changed.emit(why)
        return bool(why)

    def _update_buttons(self) -> None:
        has_diff = self.diff_view.diff is not None
        self.apply_button.setEnabled(has_diff)

    def set_dark(self, dark: bool) -> None:
        self.diff_view.set_dark(dark)

    def shutdown(self) -> None:
        self.flush()
        if self.job is not None:
            self.job.cancel()
