"""The scrolling conversation: one small widget per message, the streaming one re-rendered per frame.

Why widgets per message rather than one big QTextBrowser: a streamed token then touches only its
message's document (``MarkdownRenderer`` re-renders that document's tail), and the height change
of that one widget moves nothing above it, so a conversation of 500 messages streams as fast as an
empty one. Why text arrives through ``stream_text`` into a buffer: tokens come faster than a screen
refreshes, so rendering is coalesced to one pass per frame (``FRAME_MS``).

The view receives ``MessageItem``s and tells its owner what the user asked for through
``*_requested`` signals; it changes no conversation itself.

Why one file: the message widget and the column that streams into it share the frame-coalescing,
following and sizing rules; the Markdown rendering is ``markdown.py``.
"""

from __future__ import annotations

import html
import logging
import math
import time
from dataclasses import dataclass, field
from typing import Any

from PySide6.QtCore import QCoreApplication, QSizeF, Qt, QTimer, QUrl, Signal, Slot
from PySide6.QtGui import QColor, QFont, QGuiApplication, QPainter, QPaintEvent, QPalette, QTextOption, QWheelEvent
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QTextBrowser,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from assistant.library.answer import link_citations
from assistant.ui import theme
from assistant.ui.chat.markdown import COMMON_LANGUAGES, COPY_CODE_SCHEME, MarkdownRenderer, SafeTextDocument, preload
from assistant.ui.data_words import shown_label

log = logging.getLogger(__name__)

# Streamed text is rendered at most once per this many milliseconds (one 60 Hz frame).
FRAME_MS = 16
# Within this many pixels of the bottom counts as "at the bottom": the view then follows new text.
FOLLOW_SLACK_PX = 4

_MESSAGE_MARGIN = theme.SPACE[2]  # px left and right of a message's text
# status -> (light colour, dark colour) of its badge; the badge texts are in _badge_text.
_BADGES = {
    "streaming": ("#57606a", "#8b949e"),
    "interrupted": ("#9a6700", "#d29922"),
    "error": ("#cf222e", "#f85149"),
    "damaged": ("#cf222e", "#f85149"),
}


def _role_name(role: str) -> str:
    names = {
        "user": QCoreApplication.translate("TranscriptView", "You"),
        "assistant": QCoreApplication.translate("TranscriptView", "Assistant"),
        "system": QCoreApplication.translate("TranscriptView", "System"),
        "tool": QCoreApplication.translate("TranscriptView", "Tool"),
    }
    return names.get(role, role.capitalize() or QCoreApplication.translate("TranscriptView", "Message"))


def _badge_text(status: str) -> str:
    texts = {
        "streaming": QCoreApplication.translate("TranscriptView", "Writing…"),
        "interrupted": QCoreApplication.translate("TranscriptView", "Interrupted"),
        "error": QCoreApplication.translate("TranscriptView", "Error"),
        "damaged": QCoreApplication.translate("TranscriptView", "Damaged"),
    }
    return texts[status]


@dataclass
class MessageItem:
    """What the view needs to show one message; the owner builds these from its model."""

    id: int
    role: str
    """"user", "assistant", "system" or "tool"."""
    content: str
    """The message's Markdown."""
    status: str = "complete"
    """"complete", "streaming", "interrupted", "error" or "damaged"."""
    sibling_index: int = 0
    """Which of the alternatives (regenerated replies, edited prompts) this one is, from 0."""
    sibling_count: int = 1
    meta: dict[str, Any] = field(default_factory=dict)
    """Anything else worth a tooltip: "model" is shown on the role label; "thought_seconds" on the
    thinking block."""
    reasoning: str = ""
    """A reasoning model's thinking before this reply: shown folded, above the answer."""
    sources: list[dict[str, Any]] = field(default_factory=list)
    """The Library passages the reply was given (``library.answer.source_record``), numbered from 1:
    listed under the answer, and its citations [n] link to them."""


PASSAGE_SCHEME = "passage"
"""The href of a citation or a listed passage: ``passage:N`` (N from 1)."""


class MessageTextView(QTextBrowser):
    """A read-only, selectable text view exactly as tall as its document, with no scroll bars of its own.

    The transcript scrolls, not the message: wheel events go on to the scroll area.
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setDocument(SafeTextDocument(self))
        self.setOpenLinks(False)
        self.setOpenExternalLinks(False)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        # Long words and URLs wrap anywhere: with no horizontal scroll bar they would be cut off.
        self.setWordWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)
        self.document().setDocumentMargin(2)
        self.document().documentLayout().documentSizeChanged.connect(self._fit)
        self.setFixedHeight(self._height_for(self.document().size()))

    def _height_for(self, size: QSizeF) -> int:
        return math.ceil(size.height()) + 2 * self.frameWidth()

    @Slot(QSizeF)
    def _fit(self, size: QSizeF) -> None:
        height = self._height_for(size)
        if height != self.height():
            self.setFixedHeight(height)

    def wheelEvent(self, event: QWheelEvent) -> None:
        event.ignore()

    def loadResource(self, type: int, name: QUrl) -> object:
        # QTextBrowser would read local files; SafeTextDocument already refuses, this is the second lock.
        if name.scheme() in ("data", "qrc"):
            return super().loadResource(type, name)
        return None


class MessageWidget(QFrame):
    """One message: who wrote it, a status badge, the tool buttons, and the rendered text.

    Signals:
        copy_requested(int): Copy was clicked (the message's id).
        edit_requested(int): Edit was clicked (user messages).
        regenerate_requested(int): Regenerate was clicked (assistant messages).
        delete_requested(int): Delete was clicked.
        alternative_requested(int, int): ‹ or › was clicked: the id and -1 or +1.
        link_activated(QUrl): a link other than a "Copy code" one or a citation was clicked.
        source_requested(int, int): a citation or a listed passage was clicked: the id and its number.
        continue_requested(int): Continue was clicked (a reply cut off at the length limit, or stopped).
    """

    continue_requested = Signal(int)
    copy_requested = Signal(int)
    edit_requested = Signal(int)
    regenerate_requested = Signal(int)
    delete_requested = Signal(int)
    alternative_requested = Signal(int, int)
    link_activated = Signal(QUrl)
    source_requested = Signal(int, int)

    def __init__(
        self, item: MessageItem, *, dark: bool = False, text_width: int = 0, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.item = item
        self.content = ""
        self.streaming = False
        self._dark = dark
        self.setFrameShape(QFrame.Shape.NoFrame)

        self.role_label = QLabel()
        bold = QFont(self.role_label.font())
        bold.setBold(True)
        self.role_label.setFont(bold)
        self.badge = QLabel()
        self.badge.hide()
        self.prev_button = self._button("‹", self.tr("Previous alternative"), self.tr("Show the previous alternative"))
        self.alt_label = QLabel()
        self.next_button = self._button("›", self.tr("Next alternative"), self.tr("Show the next alternative"))
        self.copy_button = self._button(
            self.tr("Copy"), self.tr("Copy message"), self.tr("Copy this message's text to the clipboard")
        )
        self.edit_button = self._button(
            self.tr("Edit"), self.tr("Edit message"), self.tr("Edit this message and send it again")
        )
        self.regenerate_button = self._button(
            self.tr("Regenerate"), self.tr("Regenerate reply"), self.tr("Write this reply again")
        )
        self.delete_button = self._button(self.tr("Delete"), self.tr("Delete message"), self.tr("Delete this message"))
        # A reasoning model's thinking: folded under a "Thought for 12 s" button, open on request.
        self.thinking_button = QToolButton(self)
        self.thinking_button.setCheckable(True)
        self.thinking_button.setAutoRaise(True)
        self.thinking_button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.thinking_button.setArrowType(Qt.ArrowType.RightArrow)
        self.thinking_button.setToolTip(self.tr("Show or hide what the model thought before answering"))
        self.thinking_button.setAccessibleName(self.tr("Thoughts"))
        self.thinking_button.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.thinking_button.hide()
        self.thinking_text = QLabel(self)
        self.thinking_text.setTextFormat(Qt.TextFormat.PlainText)
        self.thinking_text.setWordWrap(True)
        self.thinking_text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.thinking_text.setAccessibleName(self.tr("The model's thinking"))
        self.thinking_text.hide()
        self.reasoning = ""
        self._thinking_since: float | None = None
        self.text = MessageTextView(self)
        if text_width > 0:
            # Lay the text out at the width it will have, not at a new widget's 100 px and then again.
            self.text.document().setTextWidth(text_width)
        self.renderer = MarkdownRenderer(self.text.document(), dark=dark)
        # The message's own block shows through its text (see paintEvent).
        clear = self.text.palette()
        clear.setColor(QPalette.ColorRole.Base, QColor(0, 0, 0, 0))
        self.text.setPalette(clear)
        # The passages a Library answer was given, listed under it.
        self.sources_label = QLabel(self)
        self.sources_label.setTextFormat(Qt.TextFormat.RichText)
        self.sources_label.setWordWrap(True)
        self.sources_label.setAccessibleName(self.tr("Passages used"))
        self.sources_label.setTextInteractionFlags(Qt.TextInteractionFlag.LinksAccessibleByMouse)
        self.sources_label.linkActivated.connect(lambda href: self._on_anchor(QUrl(href)))
        self.sources_label.hide()
        # A reply that stopped before its end (the length limit, or Stop) says so and can go on.
        self.cut_label = QLabel(self)
        self.cut_label.setWordWrap(True)
        self.continue_button = QPushButton(self.tr("Continue"), self)
        self.continue_button.setAccessibleName(self.tr("Continue reply"))
        self.continue_button.setToolTip(self.tr("Write on from where the reply stopped, in the same message"))
        self.cut_row = QWidget(self)
        cut = QHBoxLayout(self.cut_row)
        cut.setContentsMargins(0, theme.SPACE[0], 0, 0)
        cut.addWidget(self.cut_label, 1)
        cut.addWidget(self.continue_button)
        self.cut_row.hide()

        header = QHBoxLayout()
        header.setContentsMargins(0, 0, 0, 0)
        header.setSpacing(theme.SPACE[0])
        header.addWidget(self.role_label)
        header.addWidget(self.badge)
        header.addStretch(1)
        for w in (self.prev_button, self.alt_label, self.next_button, self.copy_button, self.edit_button):
            header.addWidget(w)
        header.addWidget(self.regenerate_button)
        header.addWidget(self.delete_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(_MESSAGE_MARGIN, theme.SPACE[1], _MESSAGE_MARGIN, theme.SPACE[1])
        layout.setSpacing(theme.SPACE[0])
        layout.addLayout(header)
        layout.addWidget(self.thinking_button)
        layout.addWidget(self.thinking_text)
        layout.addWidget(self.text)
        layout.addWidget(self.sources_label)
        layout.addWidget(self.cut_row)
        self.thinking_button.toggled.connect(self._show_thinking)
        self.continue_button.clicked.connect(lambda: self.continue_requested.emit(self.item.id))

        self.copy_button.clicked.connect(lambda: self.copy_requested.emit(self.item.id))
        self.edit_button.clicked.connect(lambda: self.edit_requested.emit(self.item.id))
        self.regenerate_button.clicked.connect(lambda: self.regenerate_requested.emit(self.item.id))
        self.delete_button.clicked.connect(lambda: self.delete_requested.emit(self.item.id))
        self.prev_button.clicked.connect(lambda: self.alternative_requested.emit(self.item.id, -1))
        self.next_button.clicked.connect(lambda: self.alternative_requested.emit(self.item.id, 1))
        self.text.anchorClicked.connect(self._on_anchor)
        self.set_item(item)

    def _button(self, text: str, name: str, tip: str) -> QToolButton:
        button = QToolButton(self)
        button.setText(text)
        button.setAccessibleName(name)
        button.setToolTip(tip)
        button.setAutoRaise(True)
        button.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        return button

    # -- data in --------------------------------------------------------------------------------

    def set_item(self, item: MessageItem) -> None:
        self.item = item
        role = _role_name(item.role)
        self.role_label.setText(role)
        self.role_label.setAccessibleName(self.tr("{0} wrote").format(role))
        self.role_label.setToolTip(str(item.meta["model"]) if item.meta.get("model") else "")
        self.text.setAccessibleName(self.tr("{0} message").format(role))
        self.set_sources(item.sources)
        self.set_content(item.content)
        self.set_reasoning(item.reasoning)
        self._update_controls()

    def set_sources(self, sources: list[dict[str, Any]]) -> None:
        self.item.sources = list(sources)
        if not sources:
            self.sources_label.hide()
            return
        lines = [html.escape(self.tr("Passages used:"))]
        for number, source in enumerate(sources, 1):
            name = html.escape(QUrl.fromLocalFile(str(source.get("path", ""))).fileName())
            where = html.escape(shown_label(str(source.get("label", ""))))
            lines.append(f'<a href="{PASSAGE_SCHEME}:{number}">[{number}] {name}</a> · {where}')
        self.sources_label.setText("<br>".join(lines))
        self.sources_label.show()
        if self.content:
            self.set_content(self.content)

    def set_content(self, content: str) -> None:
        self.content = content
        sources = len(self.item.sources)
        self.renderer.set_text(link_citations(content, sources, PASSAGE_SCHEME) if sources else content)
        if self.streaming and content and self._thinking_since is not None:
            # The answer began: until the stored figure arrives, say how long the thinking took.
            self.item.meta.setdefault("thought_seconds", time.monotonic() - self._thinking_since)
            self._thinking_since = None
        self._update_thinking()

    def set_reasoning(self, reasoning: str) -> None:
        self.reasoning = reasoning
        self.thinking_text.setText(reasoning.strip())
        self._update_thinking()

    def add_reasoning(self, delta: str) -> None:
        if self._thinking_since is None and not self.reasoning:
            self._thinking_since = time.monotonic()
        self.set_reasoning(self.reasoning + delta)

    def _update_thinking(self) -> None:
        shown = bool(self.reasoning.strip())
        self.thinking_button.setVisible(shown)
        self.thinking_text.setVisible(shown and self.thinking_button.isChecked())
        if not shown:
            return
        seconds = self.item.meta.get("thought_seconds")
        if self.streaming and not self.content:
            label = self.tr("Thinking…")
        elif isinstance(seconds, (int, float)):
            label = self.tr("Thought for {0} s").format(max(1, round(seconds)))
        else:
            label = self.tr("Thoughts")
        self.thinking_button.setText(label)
        self.thinking_button.setAccessibleName(label)

    @Slot(bool)
    def _show_thinking(self, shown: bool) -> None:
        self.thinking_button.setArrowType(Qt.ArrowType.DownArrow if shown else Qt.ArrowType.RightArrow)
        self.thinking_text.setVisible(shown)

    def set_streaming(self, streaming: bool, status: str | None = None) -> None:
        self.streaming = streaming
        if status is not None:
            self.item.status = status
        self._update_controls()
        self._update_thinking()

    def set_dark(self, dark: bool) -> None:
        self._dark = dark
        self.renderer.set_dark(dark)
        self._update_badge()
        self.update()

    def paintEvent(self, event: QPaintEvent) -> None:
        """Each message is a block: the user's tinted with the accent colour, the model's in the
        page's own colour with a hairline, so who said what is seen at a glance."""
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        block = self.rect().adjusted(1, 2, -1, -2)
        if self.item.role == "user":
            tint = QColor(self.palette().color(QPalette.ColorRole.Highlight))
            tint.setAlpha(48 if self._dark else 28)
            painter.setBrush(tint)
            painter.setPen(Qt.PenStyle.NoPen)
        else:
            line = QColor(self.palette().color(QPalette.ColorRole.Mid))
            line.setAlpha(90)
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.setPen(line)
        painter.drawRoundedRect(block, 8, 8)
        painter.end()
        super().paintEvent(event)

    def _update_controls(self) -> None:
        item = self.item
        self.edit_button.setVisible(item.role == "user")
        self.regenerate_button.setVisible(item.role == "assistant")
        alternatives = item.sibling_count > 1
        for w in (self.prev_button, self.alt_label, self.next_button):
            w.setVisible(alternatives)
        if alternatives:
            self.alt_label.setText(f"{item.sibling_index + 1}/{item.sibling_count}")
            self.alt_label.setAccessibleName(
                self.tr("Alternative {0} of {1}").format(item.sibling_index + 1, item.sibling_count)
            )
        # A reply being written cannot be regenerated, deleted or swapped for another yet.
        busy = self.streaming
        self.prev_button.setEnabled(not busy and item.sibling_index > 0)
        self.next_button.setEnabled(not busy and item.sibling_index < item.sibling_count - 1)
        for button in (self.edit_button, self.regenerate_button, self.delete_button):
            button.setEnabled(not busy)
        at_limit = item.meta.get("finish_reason") == "length"
        cut = item.role == "assistant" and not busy and bool(item.content.strip())
        cut = cut and (at_limit or item.status == "interrupted")
        if cut:
            self.cut_label.setText(
                self.tr("The reply reached the length limit.") if at_limit else self.tr("The reply was stopped.")
            )
        self.cut_row.setVisible(cut)
        self._update_badge()

    def _update_badge(self) -> None:
        status = "streaming" if self.streaming else self.item.status
        badge = _BADGES.get(status)
        if badge is None:
            self.badge.hide()
            return
        light, dark = badge
        text = _badge_text(status)
        self.badge.setText(text)
        self.badge.setAccessibleName(self.tr("Status: {0}").format(text))
        self.badge.setStyleSheet(f"color: {dark if self._dark else light}; font-weight: bold;")
        self.badge.show()

    # -- links ----------------------------------------------------------------------------------

    @Slot(QUrl)
    def _on_anchor(self, url: QUrl) -> None:
        if url.scheme() == COPY_CODE_SCHEME:
            blocks = self.renderer.code_blocks()
            try:
                code = blocks[int(url.path())]
            except (ValueError, IndexError):
                log.warning("no code block for %s", url.toString())
                return
            QGuiApplication.clipboard().setText(code)
            return
        if url.scheme() == PASSAGE_SCHEME:
            try:
                self.source_requested.emit(self.item.id, int(url.path()))
            except ValueError:
                log.warning("not a passage number: %s", url.toString())
            return
        self.link_activated.emit(url)


class TranscriptView(QScrollArea):
    """One conversation as a column of messages, with streaming, following and per-message actions.

    Data in: ``set_messages``, ``append_message``, ``update_message``, ``remove_message``, and for a
    reply being written ``begin_stream`` → ``stream_text``… → ``finish_stream``.

    It follows new text only while the user is at the bottom; once they scroll up it never moves
    them. Copy puts the message's Markdown on the clipboard itself (and says so through
    ``copy_requested``); a "Copy code" link copies that code block.

    Signals:
        copy_requested(int): the user copied a message (already on the clipboard).
        edit_requested(int): the user wants to edit a (user) message.
        regenerate_requested(int): the user wants another reply in place of this one.
        delete_requested(int): the user wants this message deleted.
        alternative_requested(int, int): show the previous (-1) or next (+1) alternative of a message.
        link_activated(QUrl): a link in a message was clicked; the owner decides whether to open it.
        source_requested(int, int): a citation or a listed passage of a message was clicked (id, number).
        continue_requested(int): the user wants a cut-off reply written on, in the same message.
    """

    continue_requested = Signal(int)
    copy_requested = Signal(int)
    edit_requested = Signal(int)
    regenerate_requested = Signal(int)
    delete_requested = Signal(int)
    alternative_requested = Signal(int, int)
    link_activated = Signal(QUrl)
    source_requested = Signal(int, int)

    def __init__(self, parent: QWidget | None = None, *, dark: bool = False) -> None:
        super().__init__(parent)
        self.setAccessibleName(self.tr("Conversation"))
        self.setWidgetResizable(True)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self._dark = dark
        self._widgets: dict[int, MessageWidget] = {}
        self._pending: dict[int, list[str]] = {}
        self._pending_thinking: dict[int, list[str]] = {}  # thinking streamed, not yet shown
        self._at_bottom = True

        self._container = QWidget()
        self._container.setAccessibleName(self.tr("Messages"))
        self._column = QVBoxLayout(self._container)
        self._column.setContentsMargins(0, 0, 0, 0)
        self._column.setSpacing(0)
        self._column.addStretch(1)
        self.setWidget(self._container)

        self._frame_timer = QTimer(self)
        self._frame_timer.setSingleShot(True)
        self._frame_timer.setInterval(FRAME_MS)
        self._frame_timer.timeout.connect(self._render_pending)

        bar = self.verticalScrollBar()
        bar.valueChanged.connect(self._on_scrolled)
        bar.rangeChanged.connect(self._on_range_changed)

        # Load pygments' lexers at idle time, one per turn of the event loop, so that the first
        # Python block of a reply does not stall the stream on an import.
        self._to_preload = [None, *COMMON_LANGUAGES]
        self._preload_timer = QTimer(self)
        self._preload_timer.setInterval(0)
        self._preload_timer.timeout.connect(self._preload_next)
        self._preload_timer.start()

    # -- data in --------------------------------------------------------------------------------

    def set_messages(self, items: list[MessageItem]) -> None:
        """Show a conversation, replacing whatever was shown (and any stream in progress)."""
        self._frame_timer.stop()
        self._pending.clear()
        self._pending_thinking.clear()
        self._container.setUpdatesEnabled(False)
        try:
            for widget in self._widgets.values():
                self._column.removeWidget(widget)
                widget.hide()
                widget.deleteLater()
            self._widgets.clear()
            self._at_bottom = True  # a conversation opens at its latest message
            for item in items:
                self._add(item)
        finally:
            self._container.setUpdatesEnabled(True)

    def append_message(self, item: MessageItem) -> None:
        if item.id in self._widgets:
            self.update_message(item)
        else:
            self._add(item)

    def update_message(self, item: MessageItem) -> None:
        """Show a message's new content, status or alternatives (pending streamed text is dropped)."""
        widget = self._widgets.get(item.id)
        if widget is None:
            log.debug("update of message %s, which is not shown", item.id)
            return
        self._drop_pending(item.id)
        widget.set_item(item)

    def remove_message(self, message_id: int) -> None:
        widget = self._widgets.pop(message_id, None)
        self._drop_pending(message_id)
        if widget is not None:
            self._column.removeWidget(widget)
            widget.hide()
            widget.deleteLater()

    def begin_stream(self, item: MessageItem) -> None:
        """Show a reply that is about to arrive in pieces through ``stream_text``."""
        self.append_message(item)
        self._widgets[item.id].set_streaming(True)

    def resume_stream(self, message_id: int) -> None:
        """A shown reply gets more text through ``stream_text`` (it is continued)."""
        widget = self._widgets.get(message_id)
        if widget is not None:
            widget.set_streaming(True)

    def set_sources(self, message_id: int, sources: list[dict[str, Any]]) -> None:
        """The passages a reply being written was given (listed under it; its citations link to them)."""
        widget = self._widgets.get(message_id)
        if widget is not None:
            widget.set_sources(sources)

    def stream_text(self, message_id: int, delta: str) -> None:
        """Add text to a streaming message. Cheap: it is rendered with the next frame."""
        self._queue(self._pending, message_id, delta)

    def stream_reasoning(self, message_id: int, delta: str) -> None:
        """Add thinking to a streaming message (shown folded; its label says the model is thinking).
        Like text, it is shown with the next frame."""
        self._queue(self._pending_thinking, message_id, delta)

    def _queue(self, pending: dict[int, list[str]], message_id: int, delta: str) -> None:
        if not delta:
            return
        parts = pending.get(message_id)
        if parts is None:
            if message_id not in self._widgets:
                log.debug("text for message %s, which is not shown", message_id)
                return
            parts = pending[message_id] = []
        parts.append(delta)
        if not self._frame_timer.isActive():
            self._frame_timer.start()

    def _drop_pending(self, message_id: int) -> None:
        self._pending.pop(message_id, None)
        self._pending_thinking.pop(message_id, None)

    def finish_stream(self, message_id: int, status: str = "complete") -> None:
        """Render what is still pending now and mark the message finished with ``status``."""
        widget = self._widgets.get(message_id)
        if widget is None:
            self._drop_pending(message_id)
            return
        self._flush(message_id)
        widget.set_streaming(False, status)

    def set_dark(self, dark: bool) -> None:
        self._dark = dark
        for widget in self._widgets.values():
            widget.set_dark(dark)

    # -- queries --------------------------------------------------------------------------------

    def message_text(self, message_id: int) -> str:
        """The raw Markdown of a message, including text streamed but not yet rendered."""
        widget = self._widgets.get(message_id)
        if widget is None:
            return ""
        return widget.content + "".join(self._pending.get(message_id, ()))

    def message_widget(self, message_id: int) -> MessageWidget | None:
        return self._widgets.get(message_id)

    def message_ids(self) -> list[int]:
        return list(self._widgets)

    @property
    def following(self) -> bool:
        """Whether new text scrolls the view (the user is at the bottom)."""
        return self._at_bottom

    # -- internals ------------------------------------------------------------------------------

    def _add(self, item: MessageItem) -> MessageWidget:
        margins = _MESSAGE_MARGIN * 2 + 2 * self._container.layout().contentsMargins().left()
        width = self.viewport().width() - margins
        widget = MessageWidget(item, dark=self._dark, text_width=width, parent=self._container)
        widget.copy_requested.connect(self._copy)
        widget.edit_requested.connect(self.edit_requested)
        widget.regenerate_requested.connect(self.regenerate_requested)
        widget.continue_requested.connect(self.continue_requested)
        widget.delete_requested.connect(self.delete_requested)
        widget.alternative_requested.connect(self.alternative_requested)
        widget.link_activated.connect(self.link_activated)
        widget.source_requested.connect(self.source_requested)
        self._widgets[item.id] = widget
        self._column.insertWidget(self._column.count() - 1, widget)  # before the stretch
        return widget

    @Slot()
    def _preload_next(self) -> None:
        if not self._to_preload:
            self._preload_timer.stop()
            return
        preload(self._to_preload.pop(0))

    @Slot(int)
    def _copy(self, message_id: int) -> None:
        QGuiApplication.clipboard().setText(self.message_text(message_id))
        self.copy_requested.emit(message_id)

    @Slot()
    def _render_pending(self) -> None:
        for message_id in {*self._pending, *self._pending_thinking}:
            self._flush(message_id)

    def _flush(self, message_id: int) -> None:
        thinking = self._pending_thinking.pop(message_id, None)
        parts = self._pending.pop(message_id, None)
        widget = self._widgets.get(message_id)
        if widget is None:
            return
        if thinking:  # first: the answer's first text ends the thinking time
            widget.add_reasoning("".join(thinking))
        if parts:
            widget.set_content(widget.content + "".join(parts))

    @Slot(int)
    def _on_scrolled(self, value: int) -> None:
        self._at_bottom = value >= self.verticalScrollBar().maximum() - FOLLOW_SLACK_PX

    @Slot(int, int)
    def _on_range_changed(self, _minimum: int, maximum: int) -> None:
        # Content grew (or shrank): stay at the bottom if the user was there, else leave them be.
        if self._at_bottom:
            self.verticalScrollBar().setValue(maximum)
