"""Qt item models over the database: the conversation list and full-text search results.

The models read from ``storage.db.Database`` and offer the list's actions (rename, pin, delete,
restore), so views only show and ask; they never touch the database themselves.
"""

from __future__ import annotations

import time

from PySide6.QtCore import QAbstractListModel, QCoreApplication, QModelIndex, QPersistentModelIndex, Qt, Signal

from assistant.core.conversation import NEW_CHAT_TITLE
from assistant.storage.db import ConversationSummary, Database, SearchHit

IdRole = Qt.ItemDataRole.UserRole + 1
PinnedRole = Qt.ItemDataRole.UserRole + 2
DamagedRole = Qt.ItemDataRole.UserRole + 3
MessageIdRole = Qt.ItemDataRole.UserRole + 4
_Index = QModelIndex | QPersistentModelIndex


def display_title(title: str) -> str:
    """Titles are stored as written; the untitled placeholder is shown in the UI's language."""
    return QCoreApplication.translate("Conversations", "New chat") if title == NEW_CHAT_TITLE else title


def _when(epoch: float) -> str:
    age = time.time() - epoch
    if age < 86_400:
        return time.strftime("%H:%M", time.localtime(epoch))
    return time.strftime("%Y-%m-%d", time.localtime(epoch))


class ConversationListModel(QAbstractListModel):
    """Conversations, pinned first, then the most recently used.

    Signals:
        deleted(int, str): a conversation went to the trash (id, title), for an Undo offer.
    """

    deleted = Signal(int, str)

    def __init__(self, db: Database, parent=None) -> None:
        super().__init__(parent)
        self.db = db
        self._rows: list[ConversationSummary] = []
        self.refresh()

    def refresh(self) -> None:
        self.beginResetModel()
        self._rows = self.db.list_conversations()
        self.endResetModel()

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(self._rows)

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        row = self._rows[index.row()]
        title = display_title(row.title)
        if role == Qt.ItemDataRole.DisplayRole:
            return ("⚠ " if row.damaged else "") + ("📌 " if row.pinned else "") + title
        if role == Qt.ItemDataRole.ToolTipRole:
            return f"{title}\n{_when(row.updated)}"
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return title + (", pinned" if row.pinned else "") + (", damaged" if row.damaged else "")
        if role == IdRole:
            return row.id
        if role == PinnedRole:
            return row.pinned
        if role == DamagedRole:
            return row.damaged
        return None

    def row_of(self, conversation_id: int) -> int:
        return next((i for i, r in enumerate(self._rows) if r.id == conversation_id), -1)

    def summary(self, row: int) -> ConversationSummary:
        return self._rows[row]

    # -- actions ----------------------------------------------------------------------------------

    def rename(self, conversation_id: int, title: str) -> None:
        title = " ".join(title.split())
        if title:
            self.db.rename_conversation(conversation_id, title)
            self.refresh()

    def set_pinned(self, conversation_id: int, pinned: bool) -> None:
        self.db.set_pinned(conversation_id, pinned)
        self.refresh()

    def delete(self, conversation_id: int) -> None:
        row = self.row_of(conversation_id)
        title = self._rows[row].title if row >= 0 else ""
        self.db.delete_conversation(conversation_id)
        self.refresh()
        self.deleted.emit(conversation_id, title)

    def restore(self, conversation_id: int) -> None:
        self.db.restore_conversation(conversation_id)
        self.refresh()


class SearchResultsModel(QAbstractListModel):
    """Messages matching a full-text query, best first, each with its conversation's title."""

    def __init__(self, db: Database, parent=None) -> None:
        super().__init__(parent)
        self.db = db
        self._hits: list[SearchHit] = []
        self.query = ""

    def search(self, query: str) -> None:
        self.beginResetModel()
        self.query = query
        self._hits = self.db.search(query) if query.strip() else []
        self.endResetModel()

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(self._hits)

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid() or not 0 <= index.row() < len(self._hits):
            return None
        hit = self._hits[index.row()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return f"{display_title(hit.title)}\n{_plain_snippet(hit.snippet)}"
        if role == Qt.ItemDataRole.ToolTipRole:
            return _plain_snippet(hit.snippet)
        if role == IdRole:
            return hit.conversation_id
        if role == MessageIdRole:
            return hit.message_id
        return None


def _plain_snippet(snippet: str) -> str:
    return " ".join(snippet.split())
