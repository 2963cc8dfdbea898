"""The Summarize panel: files and pasted text in, a summary whose points link back to their passages out.

Everything slow runs in one job on the engine host (``jobs.summarize.summary_job``): each file is read in the
sandboxed reader process, the pasted text is cut into sections, and ``core.summarize`` does the
map/reduce work; the panel only reacts to the job's events (reading, progress, each part's key
points, the final text as it streams). Stop is normal: the summarizer then finishes with what was
done, which is shown, marked as stopped early, and saved like any other summary.

Each point of a summary is a ``point:N`` link. Its sources name a chunk of a document by span
("report.pdf, pages 3–5"); the panel keeps the sections the job read, so it can show that passage,
with the point's words highlighted, beside the summary. A summary from the history made in an
earlier run may no longer have its documents loaded: then the passage says so.

The views never load anything: no network, no local files (``SafeTextDocument``), and the summary is
rendered from escaped text, so whatever the model writes stays text.

Why one file: one screen's widgets and slots; the flow is ``jobs.summarize`` and the HTML ``render.py``.
"""

from __future__ import annotations

import dataclasses
import html
import logging
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from PySide6.QtCore import QMimeData, Qt, QUrl, Signal, Slot
from PySide6.QtGui import QDragEnterEvent, QDragMoveEvent, QDropEvent, QTextCursor
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QProgressBar,
    QPushButton,
    QSplitter,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from assistant.core.chunking import SourceSection, passage_sections
from assistant.core.inference import GenerationParams
from assistant.core.summarize import (
    Finished,
    Length,
    Partial,
    Piece,
    Planned,
    Progress,
    Stage,
    Style,
    Summary,
    SummaryRequest,
    shown_while_streaming,
    to_markdown,
)
from assistant.core.text import distinctive_terms
from assistant.documents.document import PASTED_TEXT_NAME
from assistant.errors import AssistantError
from assistant.jobs.summarize import Loaded, Reading, Saved, summary_from_saved, summary_job
from assistant.storage.db import Database
from assistant.storage.summaries import Summaries
from assistant.ui.chat.markdown import SafeTextDocument
from assistant.ui.data_words import chosen_language, fill_languages, shown_label
from assistant.ui.error_presenter import message_for
from assistant.ui.highlight import highlighted
from assistant.ui.summarize.render import SummaryWords, inline_html, summary_html
from assistant.workers.engine_host import EngineHost
from assistant.workers.runner import GeneratorJob

log = logging.getLogger(__name__)

DEFAULT_N_CTX = 4096
"""The context window assumed while the engine has not said its own."""
KEPT_RUNS = 8
"""Summaries made in this session whose sections stay in memory, so that their passages can be shown
again from the history."""

# --- The panel -------------------------------------------------------------------------------------


@dataclass
class _Run:
    """What the running job has told the panel so far."""

    request: SummaryRequest
    title: str
    sections: dict[str, list[SourceSection]] = field(default_factory=dict)
    chunks: int = 0
    partials: dict[int, str] = field(default_factory=dict)
    streamed: list[str] = field(default_factory=list)
    saved: Saved | None = None
    finished: bool = False


@dataclass
class _Shown:
    """The summary in the result view."""

    summary: Summary
    title: str
    sections: dict[str, list[SourceSection]] | None
    """Each document's sections, for the passages; None when its documents are not loaded."""
    saved_id: int | None = None


class _Browser(QTextBrowser):
    """A read-only rich text view that follows no link and loads nothing (not even local files)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setDocument(SafeTextDocument(self))
        self.setOpenLinks(False)
        self.setOpenExternalLinks(False)

    def loadResource(self, type: int, name: QUrl) -> object:
        if name.scheme() in ("data", "qrc"):
            return super().loadResource(type, name)
        return None


class _PasteBox(QPlainTextEdit):
    """The pasted-text box; files dropped on it join the file list instead of becoming their paths as text."""

    files_dropped = Signal(list)

    def canInsertFromMimeData(self, source: QMimeData) -> bool:
        return bool(_local_files(source)) or super().canInsertFromMimeData(source)

    def insertFromMimeData(self, source: QMimeData) -> None:
        files = _local_files(source)
        if files:
            self.files_dropped.emit(files)
        else:
            super().insertFromMimeData(source)


def _local_files(mime: QMimeData | None) -> list[Path]:
    if mime is None or not mime.hasUrls():
        return []
    return [Path(url.toLocalFile()) for url in mime.urls() if url.isLocalFile() and url.toLocalFile()]


class SummarizePanel(QWidget):
    """Summaries of files and pasted text, each point linked to the passage it came from.

    Signals:
        status_changed(str): a one-line status for the window (what is running, how far, what went wrong).
    """

    status_changed = Signal(str)

    def __init__(self, db: Database, host: EngineHost, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db = db
        self.host = host
        self.summaries = Summaries(db)
        self.params: GenerationParams | None = None
        """The user's sampling settings for the final call (None: the defaults); see ``set_params``."""
        self.job: GeneratorJob | None = None
        self._run: _Run | None = None
        self._shown: _Shown | None = None
        self._kept: dict[int, dict[str, list[SourceSection]]] = {}
        """Sections of the summaries made in this session, by saved id (the last ``KEPT_RUNS``)."""
        self._dark = False
        self._point: int | None = None
        self.setAccessibleName(self.tr("Summarize"))
        self.setAcceptDrops(True)

        # Inputs.
        self.files = QListWidget()
        self.files.setAccessibleName(self.tr("Files to summarize"))
        self.files.setToolTip(self.tr("Add files with the button or drop them here"))
        self.files.setSelectionMode(QListWidget.SelectionMode.ExtendedSelection)
        self.files.itemSelectionChanged.connect(self._update_buttons)
        self.add_button = self._button(self.tr("Add files…"), self.choose_files)
        self.add_button.setToolTip(self.tr("Text, Markdown, PDF, Word and HTML files"))
        self.remove_button = self._button(self.tr("Remove"), self.remove_selected)
        self.remove_button.setAccessibleName(self.tr("Remove the selected files"))
        self.paste = _PasteBox()
        self.paste.setAccessibleName(self.tr("Pasted text"))
        self.paste.setPlaceholderText(self.tr("Or paste text to summarize here"))
        self.paste.files_dropped.connect(self.add_files)

        # Options.
        self.style_combo = QComboBox()
        self.style_combo.setAccessibleName(self.tr("Style"))
        for style, text in (
            (Style.TLDR, self.tr("TL;DR")),
            (Style.KEYPOINTS, self.tr("Key points")),
            (Style.OUTLINE, self.tr("Outline")),
            (Style.EXECUTIVE, self.tr("Executive summary")),
            (Style.QUESTION, self.tr("Answer a question")),
        ):
            self.style_combo.addItem(text, style.value)
        self.style_combo.setCurrentIndex(self.style_combo.findData(Style.KEYPOINTS.value))
        self.style_combo.currentIndexChanged.connect(self._style_changed)
        self.length = QComboBox()
        self.length.setAccessibleName(self.tr("Length"))
        for length, text in (
            (Length.SHORT, self.tr("Short")),
            (Length.MEDIUM, self.tr("Medium")),
            (Length.LONG, self.tr("Long")),
        ):
            self.length.addItem(text, length.value)
        self.length.setCurrentIndex(self.length.findData(Length.MEDIUM.value))
        self.language = QComboBox()
        self.language.setEditable(True)
        self.language.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.language.setAccessibleName(self.tr("Output language"))
        self.language.setToolTip(self.tr("Pick a language or type another"))
        self.language.addItem(self.tr("Same as the source"), None)
        fill_languages(self.language)
        self.language.setCurrentIndex(0)
        line = self.language.lineEdit()
        if line is not None:
            line.setAccessibleName(self.tr("Output language"))
        self.question = QLineEdit()
        self.question.setAccessibleName(self.tr("Question"))
        self.question.setPlaceholderText(self.tr("What should the summary answer?"))
        self.question.returnPressed.connect(self.start)
        options = QFormLayout()
        options.addRow(self.tr("Style"), self.style_combo)
        options.addRow(self.tr("Length"), self.length)
        options.addRow(self.tr("Language"), self.language)
        options.addRow(self.tr("Question"), self.question)

        # Running.
        self.summarize_button = self._button(self.tr("Summarize"), self.start)
        self.stop_button = self._button(self.tr("Stop"), self.stop)
        self.stop_button.setToolTip(self.tr("Stop and keep a summary of the parts done"))
        self.progress = QProgressBar()
        self.progress.setAccessibleName(self.tr("Progress"))
        self.progress.setRange(0, 1)
        self.progress.setValue(0)
        self.progress_label = QLabel()
        self.progress_label.setAccessibleName(self.tr("Progress details"))
        self.problem = QLabel()
        self.problem.setAccessibleName(self.tr("Problem"))
        self.problem.setWordWrap(True)
        self.problem.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.problem.setStyleSheet("color: #c62828;")
        self.problem.hide()

        # Results.
        self.history = QComboBox()
        self.history.setAccessibleName(self.tr("Saved summaries"))
        self.history.setPlaceholderText(self.tr("Saved summaries"))
        self.history.setToolTip(self.tr("Show a summary made earlier"))
        self.history.activated.connect(self._history_chosen)
        self.history.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.history.setMinimumContentsLength(24)
        self.export_button = self._button(self.tr("Export…"), self.export)
        self.export_button.setAccessibleName(self.tr("Export the summary as Markdown"))
        self.result = _Browser()
        self.result.setAccessibleName(self.tr("Summary"))
        self.result.setPlaceholderText(self.tr("The summary appears here. Click a point to see where it came from."))
        self.result.anchorClicked.connect(self.open_link)
        self.passage = _Browser()
        self.passage.setAccessibleName(self.tr("Source passage"))
        self.passage.setPlaceholderText(self.tr("The passage a point came from appears here."))

        # Layout.
        file_buttons = QHBoxLayout()
        file_buttons.addWidget(self.add_button)
        file_buttons.addWidget(self.remove_button)
        file_buttons.addStretch(1)
        run_row = QHBoxLayout()
        run_row.addWidget(self.summarize_button)
        run_row.addWidget(self.stop_button)
        run_row.addStretch(1)
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(QLabel(self.tr("Files")))
        left_layout.addWidget(self.files, 1)
        left_layout.addLayout(file_buttons)
        left_layout.addWidget(QLabel(self.tr("Text")))
        left_layout.addWidget(self.paste, 1)
        left_layout.addLayout(options)
        left_layout.addLayout(run_row)
        left_layout.addWidget(self.progress)
        left_layout.addWidget(self.progress_label)
        left_layout.addWidget(self.problem)

        result_row = QHBoxLayout()
        result_row.addWidget(QLabel(self.tr("History")))
        result_row.addWidget(self.history, 1)
        result_row.addWidget(self.export_button)
        views = QSplitter(Qt.Orientation.Horizontal)
        views.addWidget(self.result)
        views.addWidget(self.passage)
        views.setSizes([420, 300])
        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        right_layout.addLayout(result_row)
        right_layout.addWidget(views, 1)

        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(left)
        splitter.addWidget(right)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([330, 720])
        layout = QVBoxLayout(self)
        layout.addWidget(splitter)

        self._style_changed()
        self.refresh_history()
        self._set_running(False)

    def _button(self, text: str, slot) -> QPushButton:
        button = QPushButton(text)
        button.setAccessibleName(text)
        button.clicked.connect(slot)
        return button

    # -- inputs -----------------------------------------------------------------------------------

    def add_files(self, paths: list[Path]) -> None:
        """Add files to the list (each once); they are read when Summarize starts."""
        listed = {str(p) for p in self.file_paths()}
        for path in paths:
            path = Path(path)
            key = str(path.absolute())
            if key in listed:
                continue
            listed.add(key)
            item = QListWidgetItem(path.name or key)
            item.setData(Qt.ItemDataRole.UserRole, key)
            item.setToolTip(key)
            self.files.addItem(item)
        self._update_buttons()

    def file_paths(self) -> list[Path]:
        return [Path(self.files.item(i).data(Qt.ItemDataRole.UserRole)) for i in range(self.files.count())]

    @Slot()
    def choose_files(self) -> None:
        names, _ = QFileDialog.getOpenFileNames(
            self,
            self.tr("Add files to summarize"),
            "",
            self.tr("Documents (*.txt *.md *.pdf *.docx *.html *.htm);;All files (*)"),
        )
        if names:
            self.add_files([Path(n) for n in names])

    @Slot()
    def remove_selected(self) -> None:
        for item in self.files.selectedItems():
            self.files.takeItem(self.files.row(item))
        self._update_buttons()

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if _local_files(event.mimeData()):
            event.acceptProposedAction()
        else:
            event.ignore()

    def dragMoveEvent(self, event: QDragMoveEvent) -> None:
        if _local_files(event.mimeData()):
            event.acceptProposedAction()
        else:
            event.ignore()

    def dropEvent(self, event: QDropEvent) -> None:
        files = _local_files(event.mimeData())
        if files:
            self.add_files(files)
            event.acceptProposedAction()
        else:
            event.ignore()

    def _style_changed(self, _index: int = 0) -> None:
        asking = self.style_combo.currentData() == Style.QUESTION.value
        self.question.setEnabled(asking)

    def output_language(self) -> str | None:
        """The language to write in (English name for the listed ones), or None for the source's own."""
        return chosen_language(self.language) or None

    # -- running ----------------------------------------------------------------------------------

    @Slot()
    def start(self) -> GeneratorJob | None:
        """Start summarizing the listed files and the pasted text; None if that cannot start (said why)."""
        if self.job is not None:
            return None
        files = self.file_paths()
        pasted = self.paste.toPlainText()
        if not files and not pasted.strip():
            self._show_problem(self.tr("Add a file or paste some text to summarize."))
            return None
        style = Style(self.style_combo.currentData())
        question = self.question.text().strip()
        if style == Style.QUESTION and not question:
            self._show_problem(self.tr("Type the question the summary should answer."))
            self.question.setFocus()
            return None
        request = SummaryRequest(
            style=style,
            length=Length(self.length.currentData()),
            language=self.output_language(),
            question=question if style == Style.QUESTION else None,
        )
        n_ctx = int((self.host.model or {}).get("n_ctx") or DEFAULT_N_CTX)
        self._show_problem("")
        names = [path.name or str(path) for path in files] + ([PASTED_TEXT_NAME] if pasted.strip() else [])
        title = self._title(names)
        self._run = _Run(request, title)
        self._point = None
        self.result.clear()
        self.passage.clear()
        self.progress.setRange(0, 0)  # busy until the plan is known
        self.progress_label.setText(self.tr("Starting…"))
        work = summary_job(
            self.host.engine,
            files,
            pasted,
            request,
            n_ctx=n_ctx,
            title=title,
            store=self.summaries,
            params=self.params,
        )
        # EngineHost starts the job on the next event-loop turn, after these connections.
        self.job = self.host.run(work)
        self.job.yielded.connect(self._on_event)
        self.job.finished.connect(self._on_finished)
        self.job.failed.connect(self._on_failed)
        self._set_running(True)
        return self.job

    @Slot()
    def stop(self) -> None:
        if self.job is not None:
            self.job.cancel()
            self.stop_button.setEnabled(False)
            self.progress_label.setText(self.tr("Stopping…"))

    @Slot(object)
    def _on_event(self, event: object) -> None:
        run = self._run
        if run is None:
            return
        if isinstance(event, Reading):
            self._status(self.tr("Reading {0}…").format(event.name))
        elif isinstance(event, Saved):
            run.saved = event
        elif isinstance(event, Loaded):
            for section in event.sections:
                run.sections.setdefault(section.document, []).append(section)
            self._status(self.tr("Summarizing…"))
        elif isinstance(event, Planned):
            run.chunks = event.chunks
        elif isinstance(event, Progress):
            self.progress.setRange(0, max(1, event.total))
            self.progress.setValue(min(event.done, event.total))
            self._status(self._progress_text(event))
        elif isinstance(event, Partial):
            run.partials[event.chunk] = event.text
            if not run.streamed:
                self._show_partials(run)
        elif isinstance(event, Piece):
            run.streamed.append(event.text)
            self.result.setPlainText(shown_while_streaming("".join(run.streamed)))
            self.result.moveCursor(QTextCursor.MoveOperation.End)
        elif isinstance(event, Finished):
            run.finished = True
            self._finish(run, event.summary)

    def _progress_text(self, event: Progress) -> str:
        """What the call under way does, in the user's terms (parts, then combining, then writing)."""
        if event.done >= event.total:
            return self.tr("Done")
        if event.stage == Stage.READING:
            text = self.tr("Reading part {0} of {1}").format(event.done + 1, event.parts)
        elif event.stage == Stage.COMBINING:
            text = self.tr("Combining the notes of {0} parts").format(event.parts)
        else:
            text = self.tr("Writing the summary")
        eta = event.eta_seconds
        if eta is not None and event.done < event.total:
            if eta > 90:
                text += " · " + self.tr("about {0} min left").format(max(2, round(eta / 60)))
            else:
                text += " · " + self.tr("about {0} s left").format(max(1, round(eta)))
        return text

    def _status(self, text: str) -> None:
        self.progress_label.setText(text)
        self.status_changed.emit(text)

    def _show_partials(self, run: _Run) -> None:
        intro = self.tr("Key points of the parts read so far:")
        parts = [f"<p><i>{html.escape(intro)}</i></p>"]
        for chunk in sorted(run.partials):
            heading = self.tr("Part {0} of {1}").format(chunk + 1, max(run.chunks, chunk + 1))
            body = html.escape(run.partials[chunk]).replace("\n", "<br>")
            parts.append(f"<h4>{html.escape(heading)}</h4><p>{body}</p>")
        self.result.setHtml("".join(parts))

    def _finish(self, run: _Run, summary: Summary) -> None:
        saved = run.saved or Saved(None)
        self._shown = _Shown(summary, run.title, run.sections, saved.summary_id)
        if saved.summary_id is not None:
            self._kept[saved.summary_id] = run.sections
            while len(self._kept) > KEPT_RUNS:
                del self._kept[next(iter(self._kept))]
        self.refresh_history()
        self._render()
        if saved.problem is not None:
            self._show_problem(message_for(saved.problem) or str(saved.problem))
        elif not summary.text.strip():
            self._status(
                self.tr("Stopped before any part was summarized; nothing was saved.")
                if summary.partial
                else self.tr("The model found nothing to summarize.")
            )
        elif summary.partial:
            self._status(self.tr("Stopped early: the summary is made from the parts done, and saved."))
        else:
            self._status(self.tr("Summary saved."))

    def _title(self, names: Sequence[str]) -> str:
        first = names[0] if names and names[0] != PASTED_TEXT_NAME else self.tr("Pasted text")
        if len(names) <= 1:
            return first
        return self.tr("{0} and {1} more").format(first, len(names) - 1)

    @Slot()
    def _on_finished(self) -> None:
        run = self._run
        self.job = None
        self._run = None
        self._set_running(False)
        if run is not None and not run.finished:  # stopped while reading the files
            self._status(self.tr("Stopped before the summary began."))
            self._render()

    @Slot(object)
    def _on_failed(self, err: object) -> None:
        run = self._run
        self.job = None
        self._run = None
        self._set_running(False)
        text = message_for(err) if isinstance(err, BaseException) else str(err)
        self.progress_label.setText("")
        self._show_problem(text or "")
        if run is None or not (run.partials or run.streamed):
            self._render()  # what was shown before stays
        else:
            self._shown = None  # the unfinished parts stay in view, to read; the earlier summary is in the history
            self._update_buttons()

    def _set_running(self, running: bool) -> None:
        self.summarize_button.setEnabled(not running)
        self.stop_button.setEnabled(running)
        self.history.setEnabled(not running and self.history.count() > 0)
        if not running and self.progress.maximum() == 0:
            self.progress.setRange(0, 1)
        self._update_buttons()

    def _update_buttons(self) -> None:
        self.remove_button.setEnabled(bool(self.files.selectedItems()))
        self.export_button.setEnabled(self.job is None and self._shown is not None)

    def _show_problem(self, text: str) -> None:
        self.problem.setText(text)
        self.problem.setVisible(bool(text))
        if text:
            self.status_changed.emit(text)

    # -- showing a summary ------------------------------------------------------------------------

    def _render(self) -> None:
        self._point = None
        self.passage.clear()
        self._update_buttons()
        if self._shown is None:
            self.result.clear()
            return
        self.result.setHtml(self._summary_html(self._shown.summary))

    def _summary_html(self, summary: Summary) -> str:
        words = SummaryWords(
            stopped_early=self.tr("Stopped early: made from the parts done."),
            empty=self.tr("There is no summary: nothing was finished."),
            sources=self.tr("Sources"),
            no_source=self.tr("no source found"),
        )
        return summary_html(summary, words)

    @Slot(QUrl)
    def open_link(self, url: QUrl) -> None:
        """A link in the summary was clicked (or chosen with Tab and Enter): ``point:N`` shows its passage."""
        if url.scheme() != "point":
            return  # nothing else is ever followed
        try:
            index = int(url.path())
        except ValueError:
            return
        self.show_point(index)

    def show_point(self, index: int) -> None:
        """Show beside the summary the passage(s) that point ``index`` came from."""
        shown = self._shown
        if shown is None or not 0 <= index < len(shown.summary.points):
            return
        self._point = index
        point = shown.summary.points[index]
        words = distinctive_terms(point.text)  # the words that linked the point here
        mark = "background-color: #6b5800; color: white;" if self._dark else "background-color: #fff176;"
        out = [f"<p><b>{inline_html(point.text)}</b></p>"]
        if not point.sources:
            none = self.tr("No passage of the sources matches this point closely.")
            out.append(f"<p><i>{html.escape(none)}</i></p>")
        for ref in point.sources:
            out.append(f"<h3>{html.escape(ref.document)} — {html.escape(shown_label(ref.label))}</h3>")
            sections = (shown.sections or {}).get(ref.document)
            found = passage_sections(sections, ref.label) if sections else []
            if sections is None:
                note = self.tr("{0} is not loaded, so this passage cannot be shown. Summarize it again to see it.")
                out.append(f"<p><i>{html.escape(note.format(ref.document))}</i></p>")
            elif not found:
                missing = self.tr("This passage could not be found in the document.")
                out.append(f"<p><i>{html.escape(missing)}</i></p>")
            for section in found:
                if len(found) > 1:
                    out.append(f"<p><b>{html.escape(shown_label(section.label))}</b></p>")
                for paragraph in re.split(r"\n[ \t]*\n", section.text.strip()):
                    out.append(f"<p>{highlighted(paragraph, words, mark)}</p>")
        self.passage.setHtml("".join(out))

    # -- history and export -----------------------------------------------------------------------

    def refresh_history(self) -> None:
        """List the saved summaries, newest first (the one shown stays selected)."""
        self.history.blockSignals(True)
        self.history.clear()
        try:
            saved = self.summaries.list()
        except AssistantError as err:
            saved = []
            self._show_problem(message_for(err) or "")
        for item in saved:
            when = datetime.fromtimestamp(item.created).strftime("%Y-%m-%d %H:%M")
            text = (self.tr("{0} · {1} (stopped early)") if item.partial else self.tr("{0} · {1}")).format(
                item.title, when
            )
            self.history.addItem(text, item.id)
        selected = self.history.findData(self._shown.saved_id) if self._shown is not None else -1
        self.history.setCurrentIndex(selected)
        self.history.blockSignals(False)
        self.history.setEnabled(self.job is None and self.history.count() > 0)

    @Slot(int)
    def _history_chosen(self, index: int) -> None:
        summary_id = self.history.itemData(index)
        if summary_id is not None:
            self.show_saved(int(summary_id))

    def show_saved(self, summary_id: int) -> None:
        """Show a saved summary again; its passages only if its documents were read in this session."""
        if self.job is not None:
            return
        try:
            saved = self.summaries.get(summary_id)
        except AssistantError as err:
            self._show_problem(message_for(err) or "")
            self.refresh_history()
            return
        self._show_problem("")
        self._shown = _Shown(summary_from_saved(saved), saved.title, self._kept.get(saved.id), saved.id)
        self.history.setCurrentIndex(self.history.findData(saved.id))
        self._render()
        self._status(self.tr("Showing “{0}”.").format(saved.title))

    def markdown(self) -> str | None:
        """The summary shown, as exported (``core.summarize.to_markdown``); None when nothing is shown."""
        if self._shown is None:
            return None
        return to_markdown(self._shown.summary, self._shown.title)

    @Slot()
    def export(self) -> None:
        if self._shown is None:
            return
        safe = "".join(c if c.isalnum() or c in " -_." else "_" for c in self._shown.title).strip()[:60]
        name, _ = QFileDialog.getSaveFileName(
            self, self.tr("Export summary"), (safe or "summary") + ".md", self.tr("Markdown (*.md)")
        )
        if name:
            self.export_to(Path(name))

    def export_to(self, path: Path) -> bool:
        """Write the summary shown, as Markdown with its sources, to ``path``."""
        text = self.markdown()
        if text is None:
            return False
        try:
            Path(path).write_text(text, encoding="utf-8")
        except OSError as err:
            self._show_problem(self.tr("Could not write {0}: {1}").format(path, err.strerror or err))
            return False
        self._status(self.tr("Exported to {0}").format(Path(path).name))
        return True

    # -- window hooks -----------------------------------------------------------------------------

    def set_params(self, params: GenerationParams | None) -> None:
        """Sampling settings for the next summaries (the window passes the user's generation settings)."""
        self.params = dataclasses.replace(params) if params is not None else None

    def set_dark(self, dark: bool) -> None:
        self._dark = dark
        if self._point is not None:
            self.show_point(self._point)

    def shutdown(self) -> None:
        """Stop a running job (the window is closing)."""
        if self.job is not None:
            self.job.cancel()
