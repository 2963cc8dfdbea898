"""The Chat panel: one conversation at a time, stored as it happens.

What it does with the user's words, in order: the message is committed to the database when sent,
the reply row is created before the first token, the reply is saved at least once a second while
it streams (``storage.reply_writer``), and what is typed is saved as a draft as it is typed. So a
kill -9 at any moment loses at most the last second of a reply.

Branches: regenerate adds another reply to the same message, and editing a sent message sends the
edit as a new branch; the transcript's "‹ 2/3 ›" flips between them.
"""

from __future__ import annotations

import dataclasses
import logging
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal, Slot
from PySide6.QtGui import QDesktopServices, QKeyEvent
from PySide6.QtWidgets import (
    QComboBox,
    QFrame,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from assistant.core.cancel import CancelToken
from assistant.core.conversation import (
    NEW_CHAT_TITLE,
    STYLE_KEYS,
    clean_title,
    first_exchange,
    params_with_overrides,
    prompt_messages,
    title_request,
    with_style,
)
from assistant.core.inference import Chunk, GenerationParams, Timings
from assistant.core.presets import Preset
from assistant.errors import AssistantError, EngineCrashed, EngineUnavailable
from assistant.storage.db import Database, StoredMessage
from assistant.storage.reply_writer import persist_stream
from assistant.ui.chat.transcript_view import MessageItem, TranscriptView
from assistant.ui.conversation_list import display_title
from assistant.ui.conversation_settings import ConversationSettingsDialog
from assistant.ui.error_presenter import message_for
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
    )


class ChatPanel(QWidget):
    """Signals:
    conversation_opened(object): the panel now shows this conversation (id, or None for a new chat).
    conversations_changed(): a conversation was created, renamed or updated (the sidebar refreshes).
    reply_finished(object): a reply ended; its Timings (or None).
    context_measured(int): tokens the current conversation takes in the context window.
    """

    conversation_opened = Signal(object)
    conversations_changed = Signal()
    reply_finished = Signal(object)
    context_measured = Signal(int)

    def __init__(
        self,
        db: Database,
        host: EngineHost,
        params: GenerationParams,
        presets: list[Preset],
        parent: QWidget | None = None,
        *,
        style: StylePicker | None = None,
    ) -> None:
        super().__init__(parent)
        self.db = db
        self.style_picker = style
        self._pending_style: tuple[str, float] = ("", 1.0)  # for a chat not saved yet
        self.host = host
        self.base_params = params
        self.presets = presets
        self.conversation_id: int | None = None
        self.job: GeneratorJob | None = None
        self._streaming_id: int | None = None
        self._editing: int | None = None
        self._undo: Callable[[], None] | None = None
        self.setAccessibleName(self.tr("Chat"))

        self.title = QLabel(display_title(NEW_CHAT_TITLE))
        self.title.setAccessibleName(self.tr("Conversation title"))
        self.title.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.preset = QComboBox()
        self.preset.setAccessibleName(self.tr("System prompt preset"))
        self.preset.setToolTip(self.tr("How the assistant should behave in this conversation"))
        self._fill_presets()
        self.preset.activated.connect(self._preset_chosen)
        self.settings_button = QPushButton(self.tr("Conversation settings…"))
        self.settings_button.setAccessibleName(self.tr("Conversation settings"))
        self.settings_button.setToolTip(self.tr("This conversation's system prompt and generation settings"))
        self.settings_button.clicked.connect(self.open_settings)
        header = QHBoxLayout()
        header.addWidget(self.title, 1)
        header.addWidget(self.preset)
        if style is not None:
            header.addWidget(style)
            style.changed.connect(self._style_changed)
        header.addWidget(self.settings_button)

        self.transcript = TranscriptView()
        self.transcript.edit_requested.connect(self.edit)
        self.transcript.regenerate_requested.connect(self.regenerate)
        self.transcript.delete_requested.connect(self.delete_message)
        self.transcript.alternative_requested.connect(self._flip)
        # Opening a link the user clicked is their choice; the view itself never fetches anything.
        self.transcript.link_activated.connect(QDesktopServices.openUrl)

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
        layout.addWidget(self.transcript, 1)
        layout.addWidget(self.trouble)
        layout.addWidget(self.notice)
        layout.addWidget(self.edit_banner)
        layout.addWidget(self.input)
        layout.addLayout(row)

        self._draft_timer = QTimer(self, singleShot=True, interval=_DRAFT_DELAY_MS)
        self._draft_timer.timeout.connect(self._save_draft)
        self._count_timer = QTimer(self, singleShot=True, interval=_COUNT_DELAY_MS)
        self._count_timer.timeout.connect(self._count_input)
        self.open_conversation(None)

    # -- conversations --------------------------------------------------------------------------

    def open_conversation(self, conversation_id: int | None) -> None:
        """Show a conversation (None: a new chat), with its draft back in the input box."""
        if self.job is not None and conversation_id != self.conversation_id:
            self.stop()  # the reply is saved as interrupted; the user moved on
        self.flush()
        self.cancel_edit()
        self.conversation_id = conversation_id
        self.trouble.hide()
        if conversation_id is None:
            self.title.setText(display_title(NEW_CHAT_TITLE))
            self.transcript.set_messages([])
            self._select_preset(self.presets[0].key if self.presets else None)
            self._pending_style = ("", 1.0)
            self._show_style("", 1.0)
        else:
            conversation = self.db.get_conversation(conversation_id)
            self.title.setText(display_title(conversation.title))
            self.transcript.set_messages([_item(m) for m in self.db.path(conversation_id)])
            self._select_preset(conversation.preset)
            chosen = params_with_overrides(self.base_params, conversation.params)
            self._show_style(chosen.adapter, chosen.adapter_scale)
        self.input.blockSignals(True)
        self.input.setPlainText(self.db.get_draft(conversation_id))
        self.input.blockSignals(False)
        self._count_timer.start()
        self.conversation_opened.emit(conversation_id)
        self.measure_context()

    def _show_style(self, adapter: str, scale: float) -> None:
        if self.style_picker is not None:
            self.style_picker.set_value(adapter, scale)

    def _style_changed(self, adapter: str, scale: float) -> None:
        """ "My style" is remembered per conversation (a chat not saved yet gets it when it is)."""
        if self.conversation_id is None:
            self._pending_style = (adapter, scale)
            return
        conversation = self.db.get_conversation(self.conversation_id)
        self.db.update_conversation(self.conversation_id, params=with_style(conversation.params, adapter, scale))

    def _reload(self) -> None:
        assert self.conversation_id is not None
        self.transcript.set_messages([_item(m) for m in self.db.path(self.conversation_id)])

    def _ensure_conversation(self) -> int:
        if self.conversation_id is None:
            preset = self._current_preset()
            self.conversation_id = self.db.create_conversation(
                NEW_CHAT_TITLE,
                system_prompt=preset.system_prompt if preset else "",
                preset=preset.key if preset else None,
            )
            self.db.save_draft(None, "")
            if self._pending_style[0]:
                self.db.update_conversation(self.conversation_id, params=with_style({}, *self._pending_style))
            self.conversation_opened.emit(self.conversation_id)
            self.conversations_changed.emit()
        return self.conversation_id

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
        if preset is not None and self.conversation_id is not None:
            self.db.update_conversation(self.conversation_id, system_prompt=preset.system_prompt, preset=preset.key)

    @Slot()
    def open_settings(self) -> ConversationSettingsDialog:
        """This conversation's system prompt, generation overrides and the user's presets."""
        conversation_id = self._ensure_conversation()
        conversation = self.db.get_conversation(conversation_id)
        preset = self._current_preset()
        dialog = ConversationSettingsDialog(
            conversation.system_prompt,
            params_with_overrides(self.base_params, conversation.params),
            self.base_params,
            user_preset_name=preset.name if preset is not None and not preset.builtin else None,
            parent=self,
        )
        dialog.accepted.connect(lambda: self.apply_settings(dialog))
        dialog.open()
        return dialog

    def apply_settings(self, dialog: ConversationSettingsDialog) -> None:
        assert self.conversation_id is not None
        prompt = dialog.prompt()
        conversation = self.db.get_conversation(self.conversation_id)
        style = {k: v for k, v in conversation.params.items() if k in STYLE_KEYS}  # not the dialog's to change
        self.db.update_conversation(self.conversation_id, system_prompt=prompt, params={**dialog.overrides(), **style})
        edit = dialog.preset_edit
        current = self._current_preset()
        if edit is None:
            return
        if edit.action == "save":
            preset_id = self.db.save_preset(edit.name, prompt)
            self.presets.append(Preset(f"user:{preset_id}", edit.name, prompt, False))
            chosen: str | None = f"user:{preset_id}"
        elif current is not None and not current.builtin and edit.action == "update":
            self.db.save_preset(current.name, prompt, preset_id=int(current.key.split(":", 1)[1]))
            self.presets[self.presets.index(current)] = Preset(current.key, current.name, prompt, False)
            chosen = current.key
        elif current is not None and not current.builtin and edit.action == "delete":
            self.db.delete_preset(int(current.key.split(":", 1)[1]))
            self.presets.remove(current)
            chosen = None
        else:
            return
        self._fill_presets()
        self._select_preset(chosen)
        self.db.update_conversation(self.conversation_id, preset=chosen)

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
        conversation_id = self._ensure_conversation()
        if self._editing is not None:
            # The edit becomes a sibling of the original: a new branch; the old one stays reachable.
            parent = self.db.get_message(self._editing).parent_id
            self.cancel_edit()
        else:
            parent = self.db.get_conversation(conversation_id).current_leaf_id
        self.db.add_message(conversation_id, "user", text, parent_id=parent)
        self.input.clear()
        self._save_draft()
        self._reply_to_current(conversation_id)

    def _reply_to_current(self, conversation_id: int) -> None:
        path = self.db.path(conversation_id)
        if path:
            self._reply_to(conversation_id, path[-1].id)

    def _reply_to(self, conversation_id: int, parent_id: int) -> None:
        """Start a reply under ``parent_id`` (a new sibling if it already has one) and stream it."""
        reply_id = self.db.start_reply(conversation_id, parent_id)
        path = self.db.path(conversation_id)  # now ends with the new, empty reply
        conversation = self.db.get_conversation(conversation_id)
        messages = prompt_messages(conversation.system_prompt, [m for m in path if m.id != reply_id])
        params = params_with_overrides(self.base_params, conversation.params)
        self._reload()
        self._start_stream(reply_id, messages, params)

    def _start_stream(self, reply_id: int, messages, params: GenerationParams) -> None:
        self._streaming_id = reply_id
        self.transcript.begin_stream(MessageItem(id=reply_id, role="assistant", content="", status="streaming"))
        db, engine = self.db, self.host.engine

        def work(cancel: CancelToken):
            return persist_stream(db, reply_id, engine.chat(messages, params, cancel))

        self.job = self.host.run(work)
        self.job.yielded.connect(self._on_chunk)
        self.job.finished.connect(self._on_finished)
        self.job.failed.connect(self._on_failed)
        self.trouble.hide()
        self.send_button.setEnabled(False)
        self.stop_button.setEnabled(True)

    @Slot()
    def stop(self) -> None:
        if self.job is not None:
            self.job.cancel()

    @Slot(object)
    def _on_chunk(self, chunk: object) -> None:
        assert isinstance(chunk, Chunk) and self._streaming_id is not None
        if chunk.dropped_messages:
            self.show_notice(
                self.tr("{0} older messages were left out to fit the context window.").format(chunk.dropped_messages)
            )
        if chunk.text:
            self.transcript.stream_text(self._streaming_id, chunk.text)
        if chunk.timings:
            self.reply_finished.emit(chunk.timings)
            self._context_from(chunk.timings)

    @Slot()
    def _on_finished(self) -> None:
        reply_id = self._streaming_id
        self._end_stream()
        if reply_id is not None:
            stored = self.db.get_message(reply_id)
            self.transcript.finish_stream(reply_id, stored.status)
            self._reload()
            self._maybe_title()

    @Slot(object)
    def _on_failed(self, err: object) -> None:
        reply_id = self._streaming_id
        self._end_stream()
        if reply_id is not None:
            self.transcript.finish_stream(reply_id, self.db.get_message(reply_id).status)
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

    @Slot()
    def restart_engine(self) -> None:
        self.trouble.hide()
        self.host.start()

    # -- regenerate, edit, delete, alternatives -------------------------------------------------

    @Slot()
    def regenerate_last(self) -> None:
        if self.conversation_id is None or self.job is not None:
            return
        path = self.db.path(self.conversation_id)
        last_reply = next((m for m in reversed(path) if m.role == "assistant"), None)
        if last_reply is not None:
            self.regenerate(last_reply.id)
        elif path and path[-1].role == "user":
            self._reply_to_current(self.conversation_id)

    @Slot(int)
    def regenerate(self, message_id: int) -> None:
        """Another answer to the same message; the earlier ones stay as alternatives."""
        if self.job is not None or self.conversation_id is None:
            return
        reply = self.db.get_message(message_id)
        if reply.parent_id is not None:
            self._reply_to(self.conversation_id, reply.parent_id)

    @Slot(int)
    def edit(self, message_id: int) -> None:
        if self.job is not None:
            return
        self._editing = message_id
        self.input.setPlainText(self.db.get_message(message_id).content)
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
        if self.job is not None:
            return
        self.db.delete_message(message_id)
        self._reload()

        def restore() -> None:
            self.db.restore_message(message_id)
            if self.conversation_id is not None:
                self._reload()

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
                self.show_notice(str(err))
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
        if self.job is not None:
            return
        siblings = self.db.siblings(message_id)
        if message_id not in siblings:
            return
        target = siblings[(siblings.index(message_id) + step) % len(siblings)]
        self.db.select_branch(target)
        self._reload()
        self.measure_context()

    # -- titles, drafts, counts -----------------------------------------------------------------

    def _maybe_title(self) -> None:
        conversation_id = self.conversation_id
        if conversation_id is None or self.db.get_conversation(conversation_id).title != NEW_CHAT_TITLE:
            return
        exchange = first_exchange(self.db.path(conversation_id))
        if exchange is None:
            return
        messages, params = title_request(*exchange)
        engine = self.host.engine

        def work(cancel: CancelToken):
            text = "".join(c.text for c in engine.chat(messages, params, cancel))
            yield clean_title(text, exchange[0])

        def done(title: object) -> None:
            # Only if the user has not named it meanwhile.
            if self.db.get_conversation(conversation_id).title == NEW_CHAT_TITLE:
                self.db.rename_conversation(conversation_id, str(title))
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
            self.db.save_draft(self.conversation_id, self.input.toPlainText())

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
        if self.conversation_id is None:
            self.context_measured.emit(0)
            return
        conversation = self.db.get_conversation(self.conversation_id)
        messages = prompt_messages(conversation.system_prompt, self.db.path(self.conversation_id))
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
        layout.setContentsMargins(8, 4, 8, 4)
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
