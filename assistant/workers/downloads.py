"""Model downloads for the Models dialog: several at once, each pausable, resumable and cancellable.

Each download is ``models.download.download`` (Qt-free, the same code as ``assistant models pull``)
run by a ``GeneratorJob`` on a small pool of its own, so a download never waits behind the model
and the model never waits behind a download. Pause stops the job and keeps the partial file;
cancel stops it and deletes the partial file; resume starts the same download again, which
continues from the bytes on disk (also after a restart of the app).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QObject, QThreadPool, Signal

from assistant.models import download
from assistant.models.hub import RemoteModel
from assistant.workers.runner import GeneratorJob

MAX_AT_ONCE = 3
"""Downloads running together; more wait in the pool's queue."""


@dataclass(frozen=True)
class DownloadKey:
    repo: str
    model: str

    def __str__(self) -> str:
        return f"{self.repo}: {self.model}"


@dataclass
class _Entry:
    model: RemoteModel
    commit: str
    job: GeneratorJob | None = None
    discard: bool = False


class DownloadManager(QObject):
    """Signals (all carry the DownloadKey first):
    progress(key, download.Progress)
    completed(key, Path): the model is on disk and its SHA-256 matched; ready to load.
    stopped(key, bool): paused (False: the partial file is kept) or cancelled (True: it was deleted).
    failed(key, error): an AssistantError (or other exception) to show.
    """

    progress = Signal(object, object)
    completed = Signal(object, object)
    stopped = Signal(object, bool)
    failed = Signal(object, object)

    def __init__(self, app_dir: Path, token_source, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._app_dir = app_dir
        self._token_source = token_source
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(MAX_AT_ONCE)
        self._entries: dict[DownloadKey, _Entry] = {}

    @property
    def app_dir(self) -> Path:
        return self._app_dir

    def is_running(self, key: DownloadKey) -> bool:
        entry = self._entries.get(key)
        return bool(entry and entry.job and not entry.job.done)

    def start(self, repo: str, model: RemoteModel, commit: str) -> DownloadKey:
        """Start (or resume) a download; a second start of a running one does nothing."""
        key = DownloadKey(repo, model.name)
        entry = self._entries.get(key)
        if entry and entry.job and not entry.job.done:
            return key
        entry = _Entry(model, commit)
        self._entries[key] = entry
        token = self._token_source()
        app_dir = self._app_dir

        def work(cancel):
            return download.download(repo, model, commit=commit, cancel=cancel, app_dir=app_dir, token=token)

        job = GeneratorJob(work, self)
        entry.job = job
        job.yielded.connect(lambda event, k=key: self._on_event(k, event))
        job.finished.connect(lambda k=key: self._on_finished(k))
        job.failed.connect(lambda err, k=key: self._on_failed(k, err))
        job.start(self._pool)
        return key

    def pause(self, key: DownloadKey) -> None:
        entry = self._entries.get(key)
        if entry and entry.job and not entry.job.done:
            entry.job.cancel()

    def forget(self, key: DownloadKey, model: RemoteModel) -> None:
        """Cancel a download that is not running (one paused before the app last closed)."""
        if key not in self._entries:
            self._entries[key] = _Entry(model, "")
        self.cancel(key)

    def cancel(self, key: DownloadKey) -> None:
        """Stop and delete what was fetched (now, or as soon as the transfer has stopped)."""
        entry = self._entries.get(key)
        if entry is None:
            return
        entry.discard = True
        if entry.job and not entry.job.done:
            entry.job.cancel()
        else:
            download.discard_partial(key.repo, entry.model, app_dir=self._app_dir)
            self._entries.pop(key, None)
            self.stopped.emit(key, True)

    def running(self) -> list[DownloadKey]:
        return [k for k, e in self._entries.items() if e.job and not e.job.done]

    def shutdown(self) -> None:
        """Pause every download (partial files stay for next time) and wait for the threads."""
        for entry in self._entries.values():
            if entry.job and not entry.job.done:
                entry.job.cancel()
        self._pool.waitForDone(5000)

    # -- from the jobs --

    def _on_event(self, key: DownloadKey, event: object) -> None:
        if isinstance(event, download.Done):
            self._entries.pop(key, None)
            self.completed.emit(key, event.path)
        else:
            self.progress.emit(key, event)

    def _on_finished(self, key: DownloadKey) -> None:
        entry = self._entries.get(key)
        if entry is None:
            return  # completed
        if entry.discard:
            download.discard_partial(key.repo, entry.model, app_dir=self._app_dir)
            self._entries.pop(key, None)
        self.stopped.emit(key, entry.discard)

    def _on_failed(self, key: DownloadKey, err: object) -> None:
        self._entries.pop(key, None)
        self.failed.emit(key, err)
