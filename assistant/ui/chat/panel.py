"""The Chat panel: one conversation at a time, stored as it happens.

The flow (store the message, start the reply, save it while it streams, title the chat) is
``jobs.chat.ChatSession``, shared with ``assistant chat``; this panel turns its results and the
reply's chunks into widgets. What is typed is saved as a draft as it is typed. So a kill -9 at any
moment loses at most the last second of a reply.

Branches: regenerate adds another reply to the same message, and editing a sent message sends the
edit as a new branch; the transcript's "‹ 2/3 ›" flips between them.

Why one file: it is one screen's widgets and their slots; the flow is in ``jobs.chat``.
"""

from __future__ import annotations

import dataclasses
import logging
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal, Slot
from PySide6.QtGui import QColor, QDesktopServices, QKeyEvent
from PySide6.QtWidgets import (
    QComboBox,
    QFrame,
    QHBoxLayout,
    QLabel,
    QMenu,
    QPlainTextEdit,
    QPushButton,
    QStackedWidget,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from assistant.core.cancel import CancelToken
from assistant.core.conversation import NEW_CHAT_TITLE
from assistant.core.inference import Chunk, GenerationParams, Timings
from assistant.core.presets import Preset
from assistant.errors import AssistantError, EngineCrashed, EngineUnavailable
from assistant.jobs.chat import SOURCES_KEY, ChatSession, Reply, Sources
from assistant.library import answer as library_answer
from assistant.library.store import LibraryStore
from assistant.settings import LibrarySettings
from assistant.storage.db import Database, StoredMessage
from assistant.storage.records import NotFound
from assistant.ui import theme
from assistant.ui.chat.transcript_view import MessageItem, TranscriptView
from assistant.ui.chat.welcome import WelcomeView
from assistant.ui.conversation_list import display_title
from assistant.ui.conversation_settings import ConversationSettingsDialog
from assistant.ui.error_presenter import message_for
from assistant.ui.icons import themed_icon
from assistant.ui.style_picker import StylePicker
from assistant.workers.engine_host import EngineHost
from assistant.workers.runner import GeneratorJob

log = logging.getLogger(__name__)

_DRAFT_DELAY_MS = 150
"""Typing is saved this soon after the last keystroke: short enough that a crash loses nothing
a person would retype, long enough not to write on every key."""
_COUNT_DELAY_MS = 300


def _item(m: StoredMessage) -> MessageItem:
    return MessageItem(
        id=m.id,
        role=m.role,
        content=m.content,
        status=m.status,
        sibling_index=m.sibling_index,
        sibling_count=m.sibling_count,
        meta=dict(m.meta),
        reasoning=m.reasoning,
        sources=list(m.meta.get(SOURCES_KEY) or []),
    )


class ChatPanel(QWidget):
    """Signals:
    conversation_opened(object): the panel now shows this conversation (id, or None for a new chat).
    conversations_changed(): a conversation was created, renamed or updated (the sidebar refreshes).
    reply_finished(object): a reply ended; its Timings (or None).
    context_measured(int): tokens the current conversation takes in the context window.
    library_requested(): the user wants the Library panel (to make a first collection).
    """

    conversation_opened = Signal(object)
    conversations_changed = Signal()
    reply_finished = Signal(object)
    context_measured = Signal(int)
    library_requested = Signal()

    def __init__(
        self,
        db: Database,
        host: EngineHost,
        params: GenerationParams,
        presets: list[Preset],
        parent: QWidget | None = None,
        *,
        style: StylePicker | None = None,
        library: LibraryStore | None = None,
        library_settings: LibrarySettings | None = None,
        models_dir: Path | None = None,
    ) -> None:
        super().__init__(parent)
        self.db = db
        self.session = ChatSession(
            db, params, library=library, library_settings=library_settings, models_dir=models_dir
        )
        self.style_picker = style
        self.host = host
        self.presets = presets
        self.job: GeneratorJob | None = None
        self._streaming_id: int | None = None
        self._editing: int | None = None
        self._undo: Callable[[], None] | None = None
        self._measured = True
        """Whether the reply streaming now has said how much context it used."""
        self.setAccessibleName(self.tr("Chat"))

        self.title = QLabel(display_title(NEW_CHAT_TITLE))
        self.title.setAccessibleName(self.tr("Conversation title"))
        theme.set_type(self.title, "heading")
        self.title.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.preset = QComboBox()
        self.preset.setAccessibleName(self.tr("System prompt preset"))
        self.preset.setToolTip(self.tr("How the assistant should behave in this conversation"))
        self._fill_presets()
        self.preset.activated.connect(self._preset_chosen)
        # Think: shown only for a model whose template can switch thinking (a menu that could not
        # change anything would be a silent no-op).
        self.think = QComboBox()
        self.think.setAccessibleName(self.tr("Thinking"))
        self.think.setToolTip(
            self.tr("Whether a reasoning model thinks before it answers: slower, often better on hard questions")
        )
        for label, mode in (
            (self.tr("Think: auto"), "auto"),
            (self.tr("Think: on"), "on"),
            (self.tr("Think: off"), "off"),
        ):
            self.think.addItem(label, mode)
        self.think.activated.connect(self._thinking_chosen)
        self.think.hide()
        # Documents: the Library collections this conversation answers from, with citations.
        self.documents = QToolButton()
        self.documents.setAccessibleName(self.tr("Documents"))
        self.documents.setToolTip(self.tr("Answer from your own documents (Library collections), with citations"))
        self.documents.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.documents.setMenu(QMenu(self.documents))
        self.documents.menu().aboutToShow.connect(self._fill_documents)
        self.documents.setVisible(library is not None and models_dir is not None)
        self._show_documents()
        self.settings_button = QPushButton(self.tr("Conversation settings…"))
        self.settings_button.setAccessibleName(self.tr("Conversation settings"))
        self.settings_button.setToolTip(self.tr("This conversation's system prompt and generation settings"))
        self.settings_button.clicked.connect(self.open_settings)
        header = QHBoxLayout()
        header.addWidget(self.title, 1)
        header.addWidget(self.preset)
        header.addWidget(self.documents)
        header.addWidget(self.think)
        if style is not None:
            header.addWidget(style)
            style.changed.connect(self._style_changed)
        header.addWidget(self.settings_button)

        self.transcript = TranscriptView()
        self.transcript.edit_requested.connect(self.edit)
        self.transcript.regenerate_requested.connect(self.regenerate)
        self.transcript.continue_requested.connect(self.continue_reply)
        self.transcript.delete_requested.connect(self.delete_message)
        self.transcript.alternative_requested.connect(self._flip)
        # Opening a link the user clicked is their choice; the view itself never fetches anything.
        self.transcript.link_activated.connect(QDesktopServices.openUrl)
        self.transcript.source_requested.connect(self.open_source)
        # An empty chat shows the welcome (things to try) in the transcript's place.
        self.welcome = WelcomeView()
        self.welcome.prompt_chosen.connect(self._use_example)
        self.pages = QStackedWidget()
        self.pages.addWidget(self.transcript)
        self.pages.addWidget(self.welcome)

        self.trouble = _Banner(self.tr("Restart engine"))
        self.trouble.setAccessibleName(self.tr("Engine problem"))
        self.trouble.action.clicked.connect(self.restart_engine)
        self.notice = _Banner(self.tr("Undo"))
        self.notice.setAccessibleName(self.tr("Notice"))
        self.notice.action.clicked.connect(self.undo)
        self.edit_banner = _Banner(self.tr("Cancel edit"))
        self.edit_banner.setAccessibleName(self.tr("Editing a sent message"))
        self.edit_banner.action.clicked.connect(self.cancel_edit)

        self.input = QPlainTextEdit()
        self.input.setAccessibleName(self.tr("Message"))
        self.input.setPlaceholderText(self.tr("Message the model — Enter sends, Shift+Enter adds a line"))
        self.input.setMaximumHeight(140)
        self.input.installEventFilter(self)
        self.input.textChanged.connect(self._typed)
        self.tokens = QLabel("")
        self.tokens.setAccessibleName(self.tr("Tokens in the message"))
        self.send_button = QPushButton(self.tr("Send"))
        self.send_button.setAccessibleName(self.tr("Send message"))
        self.send_button.setToolTip(self.tr("Send (Enter)"))
        self.send_button.clicked.connect(self.send)
        self.stop_button = QPushButton(self.tr("Stop"))
        self.stop_button.setAccessibleName(self.tr("Stop reply"))
        self.stop_button.setToolTip(self.tr("Stop (Esc)"))
        self.stop_button.clicked.connect(self.stop)
        self.stop_button.setEnabled(False)
        row = QHBoxLayout()
        row.addWidget(self.tokens, 1)
        row.addWidget(self.stop_button)
        row.addWidget(self.send_button)

        layout = QVBoxLayout(self)
        layout.addLayout(header)
        layout.addWidget(self.pages, 1)
        layout.addWidget(self.trouble)
        layout.addWidget(self.notice)
        layout.addWidget(self.edit_banner)
        layout.addWidget(self.input)
        layout.addLayout(row)

        self._draft_timer = QTimer(self, singleShot=True, interval=_DRAFT_DELAY_MS)
        self._draft_timer.timeout.connect(self._save_draft)
        self._count_timer = QTimer(self, singleShot=True, interval=_COUNT_DELAY_MS)
        self._count_timer.timeout.connect(self._count_input)
        try:
            self.open_conversation(self.session.to_reopen())
        except AssistantError as err:  # unreadable now: a new chat; the sidebar still lists it
            log.warning("the last conversation could not be reopened: %s", err)
            self.open_conversation(None)

    # -- conversations --------------------------------------------------------------------------

    def open_conversation(self, conversation_id: int | None) -> None:
        """Show a conversation (None: a new chat), with its draft back in the input box."""
        if self.job is not None and conversation_id != self.conversation_id:
            self.stop()  # the reply is saved as interrupted; the user moved on
        self.flush()
        self.cancel_edit()
        self.session.open(conversation_id)
        self.trouble.hide()
        conversation = self.session.conversation()
        self.title.setText(display_title(conversation.title if conversation else NEW_CHAT_TITLE))
        self._reload()
        if conversation is not None:
            self._select_preset(conversation.preset)
        else:
            self._select_preset(self.presets[0].key if self.presets else None)
        chosen = self.session.params()
        self._show_style(chosen.adapter, chosen.adapter_scale)
        self.think.setCurrentIndex(max(0, self.think.findData(chosen.thinking)))
        self._show_documents()
        self.input.blockSignals(True)
        self.input.setPlainText(self.session.draft())
        self.input.blockSignals(False)
        self._count_timer.start()
        self.conversation_opened.emit(conversation_id)
        self.measure_context()

    def set_icon_color(self, color: QColor) -> None:
        self.send_button.setIcon(themed_icon("send", color))
        self.stop_button.setIcon(themed_icon("stop", color))
        self.welcome.set_icon_color(color)

    def set_model_thinking(self, thinking: object) -> None:
        """The loaded model's thinking (``describe()["thinking"]``): the Think menu shows when its
        template has a switch for it."""
        switches = thinking.get("switches") if isinstance(thinking, dict) else None
        self.think.setVisible(bool(switches))

    @Slot(int)
    def _thinking_chosen(self, _index: int) -> None:
        self.session.set_thinking(str(self.think.currentData()))

    # -- documents (the Library) ----------------------------------------------------------------

    def _fill_documents(self) -> None:
        menu = self.documents.menu()
        menu.clear()
        library = self.session.library
        names = [c.name for c in library.collections()] if library is not None else []
        chosen = set(self.session.collections())
        if not names:
            empty = menu.addAction(self.tr("No collections yet"))
            empty.setEnabled(False)
        for name in names:
            action = menu.addAction(name)
            action.setCheckable(True)
            action.setChecked(name in chosen)
            action.toggled.connect(lambda on, name=name: self.choose_documents(name, on))
        menu.addSeparator()
        menu.addAction(self.tr("Open the Library…"), self.library_requested)

    def choose_documents(self, name: str, on: bool) -> None:
        """Draw on the collection ``name`` (or stop drawing on it) in this conversation."""
        chosen = [n for n in self.session.collections() if n != name]
        self.session.set_library([*chosen, name] if on else chosen)
        self._show_documents()

    def _show_documents(self) -> None:
        chosen = self.session.collections()
        if not chosen:
            text = self.tr("Documents: off")
        elif len(chosen) == 1:
            text = self.tr("Documents: {0}").format(chosen[0])
        else:
            text = self.tr("Documents: {0} collections").format(len(chosen))
        self.documents.setText(text)

    @Slot(int, int)
    def open_source(self, message_id: int, number: int):
        """Show passage ``number`` of a reply's sources (a citation or a listed passage was clicked)."""
        from assistant.ui.library.passage_view import PassageDialog

        widget = self.transcript.message_widget(message_id)
        sources = widget.item.sources if widget is not None else []  # as shown (while streaming: not stored yet)
        if not 1 <= number <= len(sources):
            return None
        dialog = PassageDialog(number, sources[number - 1], self._question_of(message_id), self)
        dialog.open()
        return dialog

    def _question_of(self, reply_id: int) -> str:
        """The user's message a reply answers ("" if it cannot be found)."""
        try:
            parent = self.db.get_message(reply_id).parent_id
            return self.db.get_message(parent).content if parent is not None else ""
        except NotFound:
            return ""

    def _show_style(self, adapter: str, scale: float) -> None:
        if self.style_picker is not None:
            self.style_picker.set_value(adapter, scale)

    @property
    def conversation_id(self) -> int | None:
        return self.session.conversation_id

    @property
    def base_params(self) -> GenerationParams:
        return self.session.base_params

    @base_params.setter
    def base_params(self, params: GenerationParams) -> None:
        self.session.base_params = params

    def _style_changed(self, adapter: str, scale: float) -> None:
        self.session.set_style(adapter, scale)

    def _reload(self) -> None:
        """The branch on screen again; an empty one shows the welcome instead."""
        branch = self.session.branch()
        self.transcript.set_messages([_item(m) for m in branch])
        self.pages.setCurrentWidget(self.transcript if branch else self.welcome)

    def _use_example(self, prompt: str) -> None:
        """An example from the welcome goes into the message box, to send as it is or change first."""
        self.input.setPlainText(prompt)
        self.input.setFocus()

    def _ensure_conversation(self) -> int:
        preset = self._current_preset()
        conversation_id, created = self.session.ensure(
            preset.system_prompt if preset else "", preset.key if preset else None
        )
        if created:
            self.conversation_opened.emit(conversation_id)
            self.conversations_changed.emit()
        return conversation_id

    # -- presets --------------------------------------------------------------------------------

    def _fill_presets(self) -> None:
        self.preset.clear()
        for preset in self.presets:
            self.preset.addItem(preset.name, preset.key)

    def _select_preset(self, key: str | None) -> None:
        index = self.preset.findData(key) if key else -1
        self.preset.setCurrentIndex(index if index >= 0 else 0)

    def _current_preset(self) -> Preset | None:
        key = self.preset.currentData()
        return next((p for p in self.presets if p.key == key), None)

    def _preset_chosen(self, _index: int) -> None:
        preset = self._current_preset()
        if preset is not None:
            self.session.set_preset(preset)

    @Slot()
    def open_settings(self) -> ConversationSettingsDialog:
        """This conversation's system prompt, generation overrides and the user's presets."""
        self._ensure_conversation()
        conversation = self.session.conversation()
        assert conversation is not None
        preset = self._current_preset()
        dialog = ConversationSettingsDialog(
            conversation.system_prompt,
            self.session.params(),
            self.base_params,
            user_preset_name=preset.name if preset is not None and not preset.builtin else None,
            parent=self,
        )
        dialog.accepted.connect(lambda: self.apply_settings(dialog))
        dialog.open()
        return dialog

    def apply_settings(self, dialog: ConversationSettingsDialog) -> None:
        prompt = dialog.prompt()
        self.session.apply_settings(prompt, dialog.overrides())
        if dialog.preset_edit is None:
            return
        edited = self.session.edit_presets(self.presets, self._current_preset(), dialog.preset_edit, prompt)
        if edited is None:
            return
        self.presets[:], chosen = edited  # the list is shared with the main window
        self._fill_presets()
        self._select_preset(chosen)

    # -- sending --------------------------------------------------------------------------------

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
        self._ensure_conversation()
        editing = self._editing
        self.cancel_edit()
        reply = self.session.send(text, replacing=editing)
        self.input.clear()
        self._save_draft()
        self._stream(reply)

    def _stream(self, reply: Reply | None) -> None:
        if reply is None:
            return
        self._reload()
        self._streaming_id = reply.reply_id
        if reply.continuing:  # the same message, written on
            self.transcript.resume_stream(reply.reply_id)
        else:
            self.transcript.begin_stream(MessageItem(reply.reply_id, "assistant", "", status="streaming"))
        self.job = self.host.run(self.session.reply_stream(reply, self.host.engine))
        self.job.yielded.connect(self._on_chunk)
        self.job.finished.connect(self._on_finished)
        self.job.failed.connect(self._on_failed)
        self.trouble.hide()
        self._measured = False
        self.send_button.setEnabled(False)
        self.stop_button.setEnabled(True)

    @Slot()
    def stop(self) -> None:
        if self.job is not None:
            self.job.cancel()

    @Slot(object)
    def _on_chunk(self, chunk: object) -> None:
        assert self._streaming_id is not None
        if isinstance(chunk, Sources):
            sources = [library_answer.source_record(hit) for hit in chunk.hits]
            self.transcript.set_sources(self._streaming_id, sources)
            return
        assert isinstance(chunk, Chunk)
        if chunk.dropped_messages:
            self.show_notice(
                self.tr("{0} older messages were left out to fit the context window.").format(chunk.dropped_messages)
            )
        if chunk.reasoning:
            self.transcript.stream_reasoning(self._streaming_id, chunk.reasoning)
        if chunk.text:
            self.transcript.stream_text(self._streaming_id, chunk.text)
        if chunk.timings:
            self.reply_finished.emit(chunk.timings)
            self._context_from(chunk.timings)
            self._measured = True

    @Slot()
    def _on_finished(self) -> None:
        reply_id = self._streaming_id
        self._end_stream()
        if reply_id is not None:
            self.transcript.finish_stream(reply_id, self.session.status_of(reply_id))
            self._reload()
            if self.session.thought_only(reply_id):
                self.show_notice(
                    self.tr(
                        "The model spent the whole reply thinking and gave no answer. "
                        "Raise the reply length in the chat settings, or regenerate."
                    )
                )
            self._maybe_title()

    @Slot(object)
    def _on_failed(self, err: object) -> None:
        reply_id = self._streaming_id
        self._end_stream()
        if reply_id is not None:
            self.transcript.finish_stream(reply_id, self.session.status_of(reply_id))
            self._reload()
        text = message_for(err) if isinstance(err, BaseException) else str(err)
        if isinstance(err, (EngineCrashed, EngineUnavailable)):
            self.trouble.show_message(text or "", action=True)
        else:
            self.trouble.show_message(text or "", action=False)

    def _end_stream(self) -> None:
        self.job = None
        self._streaming_id = None
        self.send_button.setEnabled(True)
        self.stop_button.setEnabled(False)
        if not self._measured:  # stopped, or failed: no timings came, so the engine counts it
            self.measure_context()

    @Slot()
    def restart_engine(self) -> None:
        self.trouble.hide()
        self.host.start()

    # -- regenerate, edit, delete, alternatives -------------------------------------------------

    def _busy(self) -> bool:
        """While a reply is written, the transcript cannot change under it: said, not silently ignored."""
        if self.job is not None:
            self.show_notice(self.tr("A reply is being written: wait for it, or stop it (Esc), first."))
        return self.job is not None

    @Slot()
    def regenerate_last(self) -> None:
        if self._busy():
            return
        reply = self.session.regenerate_last()
        if reply is None:
            self.show_notice(self.tr("There is no reply to regenerate yet: send a message first."))
        self._stream(reply)

    @Slot(int)
    def regenerate(self, message_id: int) -> None:
        """Another answer to the same message; the earlier ones stay as alternatives."""
        if not self._busy():
            self._stream(self.session.regenerate(message_id))

    @Slot(int)
    def continue_reply(self, message_id: int) -> None:
        """Write on a reply that stopped (the length limit, or Stop) from where it stopped, in the same message."""
        if not self._busy():
            self._stream(self.session.continue_reply(message_id))

    @Slot(int)
    def edit(self, message_id: int) -> None:
        if self._busy():
            return
        self._editing = message_id
        self.input.setPlainText(self.session.message_text(message_id))
        self.edit_banner.show_message(
            self.tr("Editing a sent message: Enter sends it as a new branch; the original stays one click away."),
            action=True,
        )
        self.input.setFocus()

    @Slot()
    def cancel_edit(self) -> None:
        if self._editing is not None:
            self._editing = None
            self.input.clear()
        self.edit_banner.hide()

    @Slot(int)
    def delete_message(self, message_id: int) -> None:
        if self._busy():
            return
        undo = self.session.delete(message_id)
        self._reload()
        self.measure_context()

        def restore() -> None:
            undo()
            self._reload()
            self.measure_context()

        self.show_notice(self.tr("Message deleted."), undo=restore)

    def show_notice(self, text: str, *, undo: Callable[[], None] | None = None, action: str | None = None) -> None:
        """A one-line notice; with ``undo``, a button (labelled ``action``, "Undo" by default) that calls it once."""
        self._undo = undo
        self.notice.action.setText(action or self.tr("Undo"))
        self.notice.action.setAccessibleName(action or self.tr("Undo"))
        self.notice.show_message(text, action=undo is not None)

    def offer_salvage(self, corrupt: Path) -> None:
        """The database was damaged at start: offer to copy what is readable into the new one."""

        def salvage() -> None:
            try:
                rows = self.db.salvage(corrupt)
            except AssistantError as err:
                self.show_notice(message_for(err))
                return
            self.show_notice(self.tr("Recovered {0} records from {1}.").format(rows, corrupt.name))
            self.conversations_changed.emit()

        self.show_notice(
            self.tr("The conversation database was damaged and set aside as {0}; a new one was started.").format(
                corrupt.name
            ),
            undo=salvage,
            action=self.tr("Recover"),
        )

    @Slot()
    def undo(self) -> None:
        undo, self._undo = self._undo, None
        self.notice.hide()
        if undo is not None:
            undo()

    @Slot(int, int)
    def _flip(self, message_id: int, step: int) -> None:
        if self.job is None and self.session.flip(message_id, step):
            self._reload()
            self.measure_context()

    # -- titles, drafts, counts -----------------------------------------------------------------

    def _maybe_title(self) -> None:
        conversation_id = self.conversation_id
        work = self.session.title_work(self.host.engine)
        if conversation_id is None or work is None:
            return

        def done(title: object) -> None:
            if self.session.set_title(conversation_id, str(title)):
                if self.conversation_id == conversation_id:
                    self.title.setText(str(title))
                self.conversations_changed.emit()

        job = self.host.run(work)
        job.yielded.connect(done)
        job.failed.connect(lambda err: log.info("no title: %s", err))

    def _typed(self) -> None:
        self._draft_timer.start()
        self._count_timer.start()

    def _save_draft(self) -> None:
        self._draft_timer.stop()
        if self._editing is None:
            self.session.save_draft(self.input.toPlainText())

    def flush(self) -> None:
        """Write the draft now if typing has not been saved yet (switching chats, closing)."""
        if self._draft_timer.isActive():
            self._save_draft()

    def _count_input(self) -> None:
        text = self.input.toPlainText()
        if not text.strip():
            self.tokens.setText("")
            return
        engine = self.host.engine

        def work(cancel: CancelToken):
            yield engine.count_tokens(text)

        job = self.host.run(work, aux=True)
        job.yielded.connect(lambda n: self.tokens.setText(self.tr("{0} tokens").format(n)))
        job.failed.connect(lambda err: self.tokens.setText(""))

    def measure_context(self) -> None:
        """How much of the context window the conversation uses, counted by the engine."""
        messages = self.session.prompt()
        if not messages:
            self.context_measured.emit(0)
            return
        engine = self.host.engine

        def work(cancel: CancelToken):
            yield engine.count_chat(messages)

        job = self.host.run(work, aux=True)
        job.yielded.connect(lambda n: self.context_measured.emit(int(n)))
        job.failed.connect(lambda err: log.info("context not measured: %s", err))

    def _context_from(self, timings: Timings) -> None:
        self.context_measured.emit(timings.prompt_n + timings.cache_n + timings.predicted_n)

    def set_params(self, params: GenerationParams) -> None:
        self.base_params = dataclasses.replace(params)

    def shutdown(self) -> None:
        self.flush()
        if self.job is not None:
            self.job.cancel()


class _Banner(QFrame):
    """A one-line message in the panel with an optional action button (Undo, Restart engine…)."""

    def __init__(self, action_text: str) -> None:
        super().__init__()
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.label = QLabel()
        self.label.setWordWrap(True)
        self.label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.action = QPushButton(action_text)
        self.action.setAccessibleName(action_text)
        self.close_button = QPushButton("×")
        self.close_button.setAccessibleName(self.tr("Dismiss"))
        self.close_button.setFixedWidth(28)
        self.close_button.clicked.connect(self.hide)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(theme.SPACE[1], theme.SPACE[0], theme.SPACE[1], theme.SPACE[0])
        layout.addWidget(self.label, 1)
        layout.addWidget(self.action)
        layout.addWidget(self.close_button)
        self.hide()

    def show_message(self, text: str, *, action: bool) -> None:
        self.label.setText(text)
        self.action.setVisible(action)
        self.show()

    def text(self) -> str:
        return self.label.text()
