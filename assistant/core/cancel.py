"""CancelToken: how the user's "Stop" reaches long work running elsewhere."""

from __future__ import annotations

import threading
from collections.abc import Callable

from assistant.errors import Cancelled


class CancelToken:
    """A flag set once, from any thread, and checked by the work between steps.

    Work that blocks (a socket read, say) registers a callback with ``on_cancel`` so that
    cancelling can interrupt it at once instead of waiting for the next check.
    """

    def __init__(self) -> None:
        self._event = threading.Event()
        self._lock = threading.Lock()
        self._callbacks: list[Callable[[], None]] = []

    @property
    def cancelled(self) -> bool:
        return self._event.is_set()

    def cancel(self) -> None:
        with self._lock:
            if self._event.is_set():
                return
            self._event.set()
            callbacks, self._callbacks = self._callbacks, []
        for callback in callbacks:
            callback()

    def raise_if_cancelled(self) -> None:
        if self._event.is_set():
            raise Cancelled()

    def on_cancel(self, callback: Callable[[], None]) -> Callable[[], None]:
        """Call ``callback`` when cancelled (at once if already). Returns a function that unregisters it."""
        with self._lock:
            if not self._event.is_set():
                self._callbacks.append(callback)
                return lambda: self._remove(callback)
        callback()
        return lambda: None

    def _remove(self, callback: Callable[[], None]) -> None:
        with self._lock:
            if callback in self._callbacks:
                self._callbacks.remove(callback)

    def wait(self, timeout: float) -> bool:
        """Sleep up to ``timeout`` seconds, waking early when cancelled. True if cancelled."""
        return self._event.wait(timeout)


def ctrl_c_cancels() -> CancelToken:
    """A CancelToken that Ctrl-C (SIGINT) sets: terminal work then ends with what is done, not a traceback."""
    import signal

    cancel = CancelToken()
    signal.signal(signal.SIGINT, lambda *_: cancel.cancel())
    return cancel
