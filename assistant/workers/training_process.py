"""Drives the training process (``python -m assistant.finetune train``) for the Personalize panel.

Training runs in a process of its own, started with QProcess: the GUI process never imports torch,
and an out-of-memory or a crash in training costs that process, not the window. Its stdout is JSON
lines; each becomes an ``event`` signal. An ``error`` event's template and fields are rebuilt into an
``AssistantError`` (``error``), so the panel can show it in the user's language. Stop sends SIGTERM, and
the process saves a checkpoint at the next step and exits; resume starts it again with ``--resume``.
"""

from __future__ import annotations

import logging
import sys

from PySide6.QtCore import QObject, QProcess, Signal

from assistant.errors import AssistantError, rebuilt, translatable
from assistant.finetune.launch import EXIT_STOPPED, TrainingRequest, read_event

log = logging.getLogger(__name__)


class TrainingProcess(QObject):
    """Signals:
    event(dict): one line of the process's progress (``{"event": "step", …}`` etc.).
    finished(int, str): the exit status (0 done, 130 stopped, other: failed) and the error message, if any
    (in English; ``error`` holds it as an AssistantError, set before ``finished`` is emitted).
    """

    event = Signal(dict)
    finished = Signal(int, str)

    def __init__(self, parent: QObject | None = None, *, python: str = sys.executable) -> None:
        super().__init__(parent)
        self._python = python
        self._process: QProcess | None = None
        self._buffer = b""
        self._error: AssistantError | None = None
        self._stderr_tail = b""

    @property
    def error(self) -> AssistantError | None:
        """Why the last run failed, or None: for ``ui/error_presenter.message_for`` (translated)."""
        return self._error

    @property
    def running(self) -> bool:
        return self._process is not None and self._process.state() != QProcess.ProcessState.NotRunning

    def start(self, request: TrainingRequest) -> None:
        if self.running:
            return
        self._buffer, self._error, self._stderr_tail = b"", None, b""
        process = QProcess(self)
        process.setProcessChannelMode(QProcess.ProcessChannelMode.SeparateChannels)
        process.readyReadStandardError.connect(self._read_errors)  # library chatter; events are on stdout
        process.readyReadStandardOutput.connect(self._read)
        process.finished.connect(self._ended)
        process.errorOccurred.connect(self._failed_to_start)
        self._process = process
        process.start(self._python, request.arguments())

    def stop(self) -> None:
        """Ask for a stop at the next step (a checkpoint is saved first)."""
        if self.running:
            self._process.terminate()  # type: ignore[union-attr]  # SIGTERM on POSIX

    def wait(self, msecs: int) -> bool:
        """Block until the process ends (tests and shutdown only)."""
        return self._process is None or self._process.waitForFinished(msecs)

    def _read(self) -> None:
        assert self._process is not None
        self._buffer += bytes(self._process.readAllStandardOutput().data())
        *lines, self._buffer = self._buffer.split(b"\n")
        for line in lines:
            event = read_event(line)
            if event is not None:
                if event.get("event") == "error":
                    self._error = error_from(event)
                self.event.emit(event)

    def _read_errors(self) -> None:
        assert self._process is not None
        # Only the end is kept: for the log when the process fails (a usage error, a traceback).
        self._stderr_tail = (self._stderr_tail + bytes(self._process.readAllStandardError().data()))[-4000:]

    def _ended(self, status: int, exit_status: QProcess.ExitStatus) -> None:
        self._read()
        said = str(self._error or "")
        if exit_status == QProcess.ExitStatus.CrashExit and not said:
            self._error = AssistantError(
                translatable(
                    "The training process stopped unexpectedly (it may have run out of memory). "
                    "The last checkpoint is kept: Resume continues from it."
                )
            )
        if exit_status == QProcess.ExitStatus.NormalExit and status not in (0, EXIT_STOPPED) and not said:
            self._error = AssistantError(
                translatable("The training process ended without saying why (exit status {status}); the log has more."),
                status=status,
            )
        message = str(self._error) if self._error is not None else ""
        log.info("training process ended: status %s, %s", status, message or "ok")
        if status != 0 and self._stderr_tail:
            log.warning("training process said on stderr: %s", self._stderr_tail.decode("utf-8", "replace"))
        self.finished.emit(status if exit_status == QProcess.ExitStatus.NormalExit else -1, message)

    def _failed_to_start(self, error: QProcess.ProcessError) -> None:
        if error == QProcess.ProcessError.FailedToStart:
            self._error = AssistantError(
                translatable("The training process could not start (is the app's Python environment complete?).")
            )
            self.finished.emit(-1, str(self._error))


def error_from(event: dict) -> AssistantError:
    """The AssistantError an ``error`` event describes: rebuilt from its template and fields where they
    make its message (so it can be shown translated), from its English message otherwise."""
    return rebuilt(AssistantError, str(event.get("message", "")), event.get("template"), event.get("fields"))
