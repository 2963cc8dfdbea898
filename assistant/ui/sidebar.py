"""The conversation sidebar: new chat, search (Ctrl+K), the list, and each conversation's actions."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPoint, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QColor
from PySide6.QtWidgets import (
    QInputDialog,
    QLineEdit,
    QListView,
    QMenu,
    QPushButton,
    QStackedWidget,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from assistant.ui.conversation_list import ConversationListModel, IdRole, PinnedRole, SearchResultsModel
from assistant.ui.icons import themed_icon

_SEARCH_DELAY_MS = 200


class Sidebar(QWidget):
    """Signals:
    conversation_selected(int): the user opened a conversation.
    new_chat_requested(): the user asked for a new, empty chat.
    export_requested(int, str): export a conversation ("markdown" or "json").
    import_requested(): import a conversation from a JSON export.
    """

    conversation_selected = Signal(int)
    new_chat_requested = Signal()
    export_requested = Signal(int, str)
    import_requested = Signal()

    def __init__(self, conversations: ConversationListModel, results: SearchResultsModel, parent=None) -> None:
        super().__init__(parent)
        self.conversations = conversations
        self.results = results
        self.setAccessibleName(self.tr("Conversations"))

        self.new_button = QPushButton(self.tr("New chat"))
        self.new_button.setAccessibleName(self.tr("New chat"))
        self.new_button.setToolTip(self.tr("New chat (Ctrl+N)"))
        self.new_button.clicked.connect(self.new_chat_requested)
        self.search = QLineEdit()
        self.search.setPlaceholderText(self.tr("Search all chats (Ctrl+K)"))
        self.search.setAccessibleName(self.tr("Search conversations"))
        self.search.setClearButtonEnabled(True)
        self._search_icon = QAction(self.tr("Search"), self.search)
        self._search_icon.triggered.connect(self.focus_search)
        self.search.addAction(self._search_icon, QLineEdit.ActionPosition.LeadingPosition)
        for button in self.search.findChildren(QToolButton):
            if button.defaultAction() is self._search_icon:
                button.setAccessibleName(self.tr("Search"))
        self._search_timer = QTimer(self, singleShot=True, interval=_SEARCH_DELAY_MS)
        self._search_timer.timeout.connect(self._run_search)
        self.search.textChanged.connect(lambda _t: self._search_timer.start())

        self.list = QListView()
        self.list.setModel(conversations)
        self.list.setAccessibleName(self.tr("Conversation list"))
        # Long titles end in "…" (the whole title is the tooltip), never a sideways scroll bar.
        self.list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.list.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.list.setEditTriggers(QListView.EditTrigger.NoEditTriggers)
        self.list.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.list.customContextMenuRequested.connect(self._menu)
        self.list.activated.connect(self._open)
        self.list.clicked.connect(self._open)
        self.hits = QListView()
        self.hits.setModel(results)
        self.hits.setAccessibleName(self.tr("Search results"))
        self.hits.setWordWrap(True)
        self.hits.activated.connect(self._open)
        self.hits.clicked.connect(self._open)
        self.stack = QStackedWidget()
        self.stack.addWidget(self.list)
        self.stack.addWidget(self.hits)

        self.import_button = QPushButton(self.tr("Import…"))
        self.import_button.setAccessibleName(self.tr("Import a conversation"))
        self.import_button.clicked.connect(self.import_requested)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.new_button)
        layout.addWidget(self.search)
        layout.addWidget(self.stack, 1)
        layout.addWidget(self.import_button)

    def set_icon_color(self, color: QColor) -> None:
        self.new_button.setIcon(themed_icon("new", color))
        self._search_icon.setIcon(themed_icon("search", color))

    def focus_search(self) -> None:
        self.search.setFocus()
        self.search.selectAll()

    def select(self, conversation_id: int | None) -> None:
        row = self.conversations.row_of(conversation_id) if conversation_id is not None else -1
        if row >= 0:
            self.list.setCurrentIndex(self.conversations.index(row))
        else:
            self.list.clearSelection()

    def _run_search(self) -> None:
        query = self.search.text()
        self.results.search(query)
        self.stack.setCurrentWidget(self.hits if query.strip() else self.list)

    def _open(self, index: QModelIndex) -> None:
        conversation_id = index.data(IdRole)
        if conversation_id is not None:
            self.conversation_selected.emit(int(conversation_id))

    def keyPressEvent(self, event) -> None:
        index = self.list.currentIndex()
        if index.isValid() and self.list.hasFocus():
            if event.key() == Qt.Key.Key_F2:
                self.rename(int(index.data(IdRole)))
                return
            if event.key() == Qt.Key.Key_Delete:
                self.conversations.delete(int(index.data(IdRole)))
                return
        super().keyPressEvent(event)

    def _menu(self, pos: QPoint) -> None:
        index = self.list.indexAt(pos)
        if not index.isValid():
            return
        conversation_id = int(index.data(IdRole))
        pinned = bool(index.data(PinnedRole))
        menu = QMenu(self)
        menu.addAction(self.tr("Rename…"), lambda: self.rename(conversation_id))
        menu.addAction(
            self.tr("Unpin") if pinned else self.tr("Pin"),
            lambda: self.conversations.set_pinned(conversation_id, not pinned),
        )
        menu.addSeparator()
        menu.addAction(self.tr("Export as Markdown…"), lambda: self.export_requested.emit(conversation_id, "markdown"))
        menu.addAction(self.tr("Export as JSON…"), lambda: self.export_requested.emit(conversation_id, "json"))
        menu.addSeparator()
        menu.addAction(self.tr("Delete"), lambda: self.conversations.delete(conversation_id))
        menu.popup(self.list.viewport().mapToGlobal(pos))

    def rename(self, conversation_id: int) -> None:
        row = self.conversations.row_of(conversation_id)
        current = self.conversations.summary(row).title if row >= 0 else ""
        title, ok = QInputDialog.getText(self, self.tr("Rename"), self.tr("Title:"), text=current)
        if ok:
            self.conversations.rename(conversation_id, title)
