"""A word-level diff the user accepts or rejects change by change.

Each change is a link in the text: deletions struck through in red, insertions underlined in
green. Clicking a change (or Tab to it and Enter) flips it between accepted and rejected; a
rejected change shows the original words, greyed, and the refused suggestion struck through in
grey after them (a rejected insertion stays visible, to be taken back), so what is not struck
through is what Apply will write.
Colours are chosen per theme so both stay readable.
"""

from __future__ import annotations

import html

from PySide6.QtCore import QUrl, Signal, Slot
from PySide6.QtWidgets import QTextBrowser, QWidget

from assistant.core.word_diff import Diff

_SCHEME = "change"
# (deleted, inserted, rejected) colours, light and dark
_COLOURS = {False: ("#b42318", "#067647", "#8a8f98"), True: ("#ff7b72", "#56d364", "#8b949e")}


class DiffView(QTextBrowser):
    """Signals:
    changed(): the set of accepted changes changed.
    """

    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName(self.tr("Suggested changes"))
        self.setOpenLinks(False)  # links here are changes to flip, never URLs to open
        self.anchorClicked.connect(self._on_anchor)
        self.diff: Diff | None = None
        self.accepted: set[int] = set()
        self._dark = False

    def set_diff(self, diff: Diff, *, accept_all: bool = True) -> None:
        self.diff = diff
        self.accepted = {c.id for c in diff.changes} if accept_all else set()
        self._render()

    def clear_diff(self) -> None:
        self.diff = None
        self.accepted = set()
        self.clear()

    def set_dark(self, dark: bool) -> None:
        self._dark = dark
        if self.diff is not None:
            self._render()

    def accept_all(self) -> None:
        if self.diff is not None:
            self.accepted = {c.id for c in self.diff.changes}
            self._render()
            self.changed.emit()

    def reject_all(self) -> None:
        self.accepted = set()
        if self.diff is not None:
            self._render()
        self.changed.emit()

    def toggle(self, change_id: int) -> None:
        self.accepted ^= {change_id}
        self._render()
        self.changed.emit()

    def result(self) -> str:
        """The text with the accepted changes applied (the original where rejected)."""
        assert self.diff is not None
        return self.diff.apply(self.accepted)

    @Slot(QUrl)
    def _on_anchor(self, url: QUrl) -> None:
        if url.scheme() == _SCHEME and url.path().isdigit():
            self.toggle(int(url.path()))

    def _render(self) -> None:
        assert self.diff is not None
        deleted, inserted, rejected = _COLOURS[self._dark]
        why = {c.id: c.why for c in self.diff.changes}
        parts = ['<div style="white-space: pre-wrap">']
        for seg in self.diff.segments:
            if seg.change_id is None:
                parts.append(html.escape(seg.old))
                continue
            tip = html.escape(why.get(seg.change_id) or "", quote=True)
            href = f"{_SCHEME}:{seg.change_id}"
            if seg.change_id in self.accepted:
                old = f'<s style="color:{deleted}">{html.escape(seg.old)}</s>' if seg.old else ""
                new = f'<u style="color:{inserted}">{html.escape(seg.new)}</u>' if seg.new else ""
                body = old + new
            else:  # rejected: the original words stay, greyed; the suggestion is struck through
                old = f'<span style="color:{rejected}">{html.escape(seg.old)}</span>' if seg.old else ""
                new = f'<s style="color:{rejected}">{html.escape(seg.new)}</s>' if seg.new else ""
                body = old + new
            parts.append(f'<a href="{href}" title="{tip}" style="text-decoration:none">{body}</a>')
        parts.append("</div>")
        bar = self.verticalScrollBar().value()
        self.setHtml("".join(parts))
        self.verticalScrollBar().setValue(bar)
