"""The GUI's handle on the engine: starting it, loading the model and streaming replies, all off
the UI thread.

One worker thread only (``setMaxThreadCount(1)``): the engine serves one generation at a time,
so jobs queue here in order instead of racing each other.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from PySide6.QtCore import QObject, QThreadPool, Signal

from assistant.core.cancel import CancelToken
from assistant.core.inference import Chunk, GenerationParams, Message
from assistant.workers.runner import GeneratorJob


class EngineHost(QObject):
    """Signals:
    ready(dict): the engine is up with a model (its description).
    failed(object): starting or loading failed (an AssistantError for show_error).
    """

    ready = Signal(dict)
    failed = Signal(object)

    def __init__(self, engine, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.engine = engine
        self.pool = QThreadPool(self)
        self.pool.setMaxThreadCount(1)
        self.model: dict | None = None
        self._jobs: set[GeneratorJob] = set()

    def start(self) -> GeneratorJob:
        """Start the engine and load the model in the background."""

        def work(cancel: CancelToken) -> Iterator[object]:
            yield self.engine.ensure_ready()

        job = self._run(work)
        job.yielded.connect(self._on_ready)
        job.failed.connect(self.failed)
        return job

    def _on_ready(self, model: object) -> None:
        self.model = model if isinstance(model, dict) else None
        self.ready.emit(self.model or {})

    def chat(self, messages: Sequence[Message], params: GenerationParams) -> GeneratorJob:
        """Stream a reply; the job yields ``Chunk``s."""
        messages = list(messages)

        def work(cancel: CancelToken) -> Iterator[Chunk]:
            return self.engine.chat(messages, params, cancel)

        return self._run(work)

    def _run(self, work) -> GeneratorJob:
        job = GeneratorJob(work, self)
        self._jobs.add(job)
        job.finished.connect(lambda: self._jobs.discard(job))
        job.failed.connect(lambda _err: self._jobs.discard(job))
        job.start(self.pool)
        return job

    def shutdown(self) -> None:
        """Stop running jobs, wait for the worker, close the engine (the window is closing)."""
        for job in list(self._jobs):
            job.cancel()
        self.pool.waitForDone(10_000)
        self.engine.close()
