"""The GUI's handle on the engine: starting it, loading models, streaming replies and counting
tokens, all off the UI thread.

Three worker threads, one job each at a time: ``pool`` runs what uses the model's context
(starting, loading, generating: the engine serves one at a time, so these queue here in order),
``aux_pool`` runs token counts, which the engine answers even while a reply streams, and
``background_pool`` runs long work that must hold up neither (the Library's indexing: the engine
embeds in a context of its own, beside the chat model's).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

from PySide6.QtCore import QObject, QThreadPool, QTimer, Signal

from assistant.core.cancel import CancelToken
from assistant.workers.runner import GeneratorJob


class EngineHost(QObject):
    """Signals:
    loading(str): a model started loading (its path, or "" for the configured one).
    ready(dict): the engine is up with a model (its description).
    failed(object): starting or loading failed (an AssistantError for show_error).
    """

    loading = Signal(str)
    ready = Signal(dict)
    failed = Signal(object)

    def __init__(self, engine, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.engine = engine
        self.pool = QThreadPool(self)
        self.pool.setMaxThreadCount(1)
        self.aux_pool = QThreadPool(self)
        self.aux_pool.setMaxThreadCount(1)
        self.background_pool = QThreadPool(self)
        self.background_pool.setMaxThreadCount(1)
        self.model: dict | None = None
        self._jobs: set[GeneratorJob] = set()
        self._closed = False

    # -- engine lifetime ------------------------------------------------------------------------

    def start(self) -> GeneratorJob:
        """Start the engine and load its model in the background."""
        return self._load(lambda: self.engine.ensure_ready(), "")

    def load_model(self, path: Path) -> GeneratorJob:
        """Switch to another model file in the background (local engine only)."""
        return self._load(lambda: self.engine.load_model(path), str(path))

    def replace_engine(self, engine) -> GeneratorJob:
        """Use another engine (settings changed): stop what runs, close the old one, start the new."""
        old = self.engine
        for job in list(self._jobs):
            job.cancel()

        def swap() -> dict:
            old.close()
            self.engine = engine
            return engine.ensure_ready()

        return self._load(swap, "")

    def _load(self, load: Callable[[], dict], label: str) -> GeneratorJob:
        self.model = None
        self.loading.emit(label)

        def work(cancel: CancelToken) -> Iterator[object]:
            yield load()

        job = self.run(work)
        job.yielded.connect(self._on_ready)
        job.failed.connect(self.failed)
        return job

    def _on_ready(self, model: object) -> None:
        self.model = model if isinstance(model, dict) else {}
        self.ready.emit(self.model)

    # -- jobs -----------------------------------------------------------------------------------

    def run(
        self, work: Callable[[CancelToken], Iterator[object]], *, aux: bool = False, background: bool = False
    ) -> GeneratorJob:
        """Run ``work`` (a generator function taking a CancelToken) on the engine's thread, on the
        counting thread when ``aux``, or on the background thread; its signals arrive in the GUI thread."""
        job = GeneratorJob(work, self)
        self._jobs.add(job)
        job.finished.connect(lambda: self._jobs.discard(job))
        job.failed.connect(lambda _err: self._jobs.discard(job))
        # Start on the next turn of the event loop, not now: the caller connects the job's signals
        # after this returns, and a signal emitted (by a job that ends at once) before anything is
        # connected would be lost, leaving the caller waiting for good.
        pool = self.background_pool if background else self.aux_pool if aux else self.pool
        QTimer.singleShot(0, job, lambda: self._start(job, pool))
        return job

    def _start(self, job: GeneratorJob, pool: QThreadPool) -> None:
        if self._closed:
            return  # the window closed meanwhile: starting now could start a new engine
        job.start(pool)

    def busy(self) -> bool:
        return bool(self._jobs)

    def shutdown(self) -> None:
        """Stop running jobs, wait for the workers, close the engine (the window is closing)."""
        self._closed = True
        for job in list(self._jobs):
            job.cancel()
        self.pool.waitForDone(10_000)
        self.aux_pool.waitForDone(10_000)
        self.background_pool.waitForDone(10_000)
        self.engine.close()
