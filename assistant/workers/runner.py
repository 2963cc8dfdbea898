"""Run a generator on a worker thread and turn what it yields into Qt signals.

The generator is ordinary Qt-free code (the engine client's ``chat``, a summariser's map step, …)
that takes a ``CancelToken``; the same code serves the CLI and the tests. Signals are emitted from
the worker thread and, because the job lives in the GUI thread, Qt queues them to it.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable, Iterator

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal

from assistant.core.cancel import CancelToken
from assistant.errors import AssistantError, Cancelled

log = logging.getLogger(__name__)

_running: set[str] = set()
_running_lock = threading.Lock()


def running_jobs() -> list[str]:
    """The work running on a pool thread now, by name. Qt's pool threads are invisible to
    ``threading.enumerate``; this is how the tests find work a test left running."""
    with _running_lock:
        return sorted(_running)


class GeneratorJob(QObject):
    """One run of a generator.

    Signals:
        yielded(object): each item the generator yields, in order.
        finished(): the generator ended normally (also after a cancel that it honoured).
        failed(object): it raised; the exception, for ``ui.error_presenter.show_error``.
    """

    yielded = Signal(object)
    finished = Signal()
    failed = Signal(object)

    def __init__(self, make: Callable[[CancelToken], Iterator[object]], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._make = make
        self.cancel_token = CancelToken()
        self.done = False
        self.finished.connect(self._mark_done)
        self.failed.connect(self._mark_done)

    def start(self, pool: QThreadPool) -> None:
        pool.start(_Runnable(self))

    def cancel(self) -> None:
        """Ask the work to stop; ``finished`` follows once it has."""
        self.cancel_token.cancel()

    def _mark_done(self, *_: object) -> None:
        self.done = True

    def _run(self) -> None:
        try:
            for item in self._make(self.cancel_token):
                self.yielded.emit(item)
        except Cancelled:
            self.finished.emit()
        except Exception as err:  # handed to the GUI thread, which shows it
            # An AssistantError is an expected, explained failure; anything else is a bug worth a traceback.
            log.log(
                logging.INFO if isinstance(err, AssistantError) else logging.ERROR,
                "job failed: %s",
                err,
                exc_info=not isinstance(err, AssistantError),
            )
            self.failed.emit(err)
        else:
            self.finished.emit()


class _Runnable(QRunnable):
    def __init__(self, job: GeneratorJob) -> None:
        super().__init__()
        self.job = job

    def run(self) -> None:
        name = f"{getattr(self.job._make, '__qualname__', 'job')}@{id(self.job):x}"
        with _running_lock:
            _running.add(name)
        try:
            self.job._run()
        finally:
            with _running_lock:
                _running.discard(name)
