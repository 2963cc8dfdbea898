"""The one place errors are shown to the user (Anki's pattern): plain words, never a traceback."""

from __future__ import annotations

import logging

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QMessageBox, QWidget

from assistant.errors import AssistantError, Cancelled

log = logging.getLogger(__name__)


def message_for(err: BaseException) -> str | None:
    """What to tell the user, or None when there is nothing to say (the user cancelled)."""
    if isinstance(err, Cancelled):
        return None
    if isinstance(err, AssistantError):
        return translated(err)
    return f"Something went wrong ({type(err).__name__}: {err}). Your work is saved; details are in the log file."


def translated(err: AssistantError) -> str:
    """The error's message in the user's language, where lower layers marked it ``translatable``
    (lupdate files those under the empty context); in English otherwise. Never fails: a message from
    another server may be anything, and a translation may have broken a {name}."""
    template = getattr(err, "template", "")
    if not isinstance(template, str) or not template:
        return str(err)
    try:
        text = QCoreApplication.translate("", template)
        if text == template:
            return str(err)
        return text.format(**err.fields) if err.fields else text
    except Exception:  # the English message is always there to fall back on
        log.warning("no translation shown for %r", template, exc_info=True)
        return str(err)


def show_error(parent: QWidget | None, err: BaseException, *, title: str = "Assistant") -> None:
    text = message_for(err)
    if text is None:
        return
    if not isinstance(err, AssistantError):
        log.error("unexpected error shown to the user", exc_info=err)
    box = QMessageBox(QMessageBox.Icon.Warning, title, text, QMessageBox.StandardButton.Ok, parent)
    box.setAccessibleName("Error")
    box.open()  # not exec(): a modal loop here would stall the streams the window is showing
