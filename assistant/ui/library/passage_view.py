"""One passage a Library answer was given: where it is (file, and page, section or lines), its text
with the words it shares with the question marked, and the file itself one click away.

The passage is shown from what the reply kept (``library.answer.source_record``), so it opens even
after the file changed or went; then Open says the file is not there any more.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QPushButton, QTextBrowser, QVBoxLayout, QWidget

from assistant.core.text import distinctive_terms
from assistant.ui import theme
from assistant.ui.data_words import shown_label
from assistant.ui.highlight import highlighted

MARK_STYLE = "background-color: #fff3b0; color: #000000;"


class PassageDialog(QDialog):
    def __init__(self, number: int, source: dict[str, Any], question: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.source = source
        self.path = Path(str(source.get("path", "")))
        self.setWindowTitle(self.tr("Passage [{0}]").format(number))
        self.resize(640, 480)

        self.where = QLabel(f"[{number}] {self.path.name} · {shown_label(str(source.get('label', '')))}")
        self.where.setTextFormat(Qt.TextFormat.PlainText)
        theme.set_type(self.where, "heading")
        self.folder = QLabel(str(self.path.parent))
        self.folder.setTextFormat(Qt.TextFormat.PlainText)
        self.folder.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.text = QTextBrowser()
        self.text.setOpenLinks(False)
        self.text.setAccessibleName(self.tr("Passage text"))
        text = str(source.get("text", ""))
        self.matched = {w for w in distinctive_terms(question) if w in text.lower()}
        self.text.setHtml(highlighted(text, self.matched, MARK_STYLE))

        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        self.open_button = QPushButton(self.tr("Open file"))
        self.open_button.clicked.connect(lambda: QDesktopServices.openUrl(QUrl.fromLocalFile(str(self.path))))
        self.folder_button = QPushButton(self.tr("Show folder"))
        self.folder_button.clicked.connect(lambda: QDesktopServices.openUrl(QUrl.fromLocalFile(str(self.path.parent))))
        buttons.addButton(self.open_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(self.folder_button, QDialogButtonBox.ButtonRole.ActionRole)
        if not self.path.is_file():
            self.open_button.setEnabled(False)
            self.open_button.setToolTip(
                self.tr("The file is not there any more (moved, deleted or on a removed drive)")
            )
            self.folder_button.setEnabled(self.path.parent.is_dir())

        layout = QVBoxLayout(self)
        layout.addWidget(self.where)
        layout.addWidget(self.folder)
        layout.addWidget(self.text, 1)
        layout.addWidget(buttons)
