"""A collection's files as a table: name, status in words, details (passages, or why not), folder.

An item model rather than a table widget: a collection of 20,000 files fills it at once, and the
rows that change while indexing are updated one by one.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, Qt

from assistant.library.store import FAILED, INDEXED, SKIPPED, FileRecord

PathRole = Qt.ItemDataRole.UserRole + 1
StatusRole = Qt.ItemDataRole.UserRole + 2


class FilesModel(QAbstractTableModel):
    NAME, STATUS, DETAILS, FOLDER = range(4)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._rows: list[FileRecord] = []
        self._row_of: dict[str, int] = {}
        self._headers = (self.tr("File"), self.tr("Status"), self.tr("Details"), self.tr("Folder"))
        self._status_words = {INDEXED: self.tr("Indexed"), SKIPPED: self.tr("Skipped"), FAILED: self.tr("Failed")}

    def set_files(self, records: list[FileRecord]) -> None:
        self.beginResetModel()
        self._rows = sorted(records, key=lambda r: r.path)
        self._row_of = {r.path: i for i, r in enumerate(self._rows)}
        self.endResetModel()

    def update(self, record: FileRecord) -> None:
        """One file's new state (a row added if the file is new)."""
        row = self._row_of.get(record.path)
        if row is None:
            row = len(self._rows)
            self.beginInsertRows(QModelIndex(), row, row)
            self._rows.append(record)
            self._row_of[record.path] = row
            self.endInsertRows()
        else:
            self._rows[row] = record
            self.dataChanged.emit(self.index(row, 0), self.index(row, self.columnCount() - 1))

    def record(self, row: int) -> FileRecord:
        return self._rows[row]

    def counts(self) -> dict[str, int]:
        counts = {INDEXED: 0, SKIPPED: 0, FAILED: 0}
        for record in self._rows:
            counts[record.status] = counts.get(record.status, 0) + 1
        return counts

    def rowCount(self, parent: QModelIndex = QModelIndex()) -> int:  # noqa: B008 (Qt's signature)
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: QModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else 4

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self._headers[section]
        return None

    def data(self, index: QModelIndex, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        record = self._rows[index.row()]
        path = Path(record.path)
        if role == PathRole:
            return record.path
        if role == StatusRole:
            return record.status
        if role == Qt.ItemDataRole.ToolTipRole:
            return record.path if not record.reason else f"{record.path}\n{record.reason}"
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        column = index.column()
        if column == self.NAME:
            return path.name
        if column == self.STATUS:
            return self._status_words.get(record.status, record.status)
        if column == self.DETAILS:
            return record.reason or self.tr("%n passage(s)", "", record.passages)
        return str(path.parent)
