"""Keeps the Library's collections indexed in the background, for the Library panel and the chat.

One collection is indexed at a time, on ``EngineHost``'s background thread, so indexing never holds
up a reply or a token count. What asks for indexing (the app starting, a collection made or
changed, the user, a watched folder) queues the collection; asking again while it runs makes it run
once more afterwards. Pause stops it between two files; since each file is saved whole, Resume (or
the next start of the app) carries on from there and never starts over.

Folders are watched with ``QFileSystemWatcher``: the folders a scan walked (new, moved and deleted
files) and the files indexed, up to ``MAX_WATCHED`` paths (Qt reports a change to a file's contents
only for a watched file). Beyond that, and for anything a watcher misses, every collection is
scanned again every ``RESCAN_MINUTES`` minutes and at each start; a scan of files that did not
change only compares their sizes and times.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from PySide6.QtCore import QFileSystemWatcher, QObject, QThreadPool, QTimer, Signal

from assistant.core.cancel import CancelToken
from assistant.jobs.library import Indexed, Scanned, index_collection
from assistant.library import embedders
from assistant.library.embedders import document_embed
from assistant.library.store import LibraryStore
from assistant.models.download import Done
from assistant.workers.engine_host import EngineHost
from assistant.workers.runner import GeneratorJob

log = logging.getLogger(__name__)

MAX_WATCHED = 8000
"""Paths watched in all (inotify has a per-user limit that other programs share)."""
RESCAN_MINUTES = 10
SETTLE_MS = 1500
"""A burst of changes (a folder copied in, an editor saving) becomes one indexing run."""

IDLE, QUEUED, INDEXING, PAUSED = "idle", "queued", "indexing", "paused"


@dataclass
class _Watched:
    folders: tuple[str, ...] = ()
    files: tuple[str, ...] = ()
    paths: set[str] = field(default_factory=set)


class _Current:
    """The host's engine at the time of each call (settings may replace it while a collection indexes)."""

    def __init__(self, host: EngineHost) -> None:
        self._host = host

    def embed(self, texts, model: str = "", **options) -> list[list[float]]:
        return self._host.engine.embed(texts, model=model, **options)


class LibraryIndexer(QObject):
    """Signals:
    state_changed(str, str): a collection's name and its new state (IDLE, QUEUED, INDEXING, PAUSED).
    event(str, object): a collection's name and an event of ``jobs.library.index_collection`` (or,
        while its new embedding model downloads, of ``models.download``).
    failed(str, object): indexing a collection failed as a whole (the engine could not embed...).
    damaged(str): the index was found damaged at start, set aside and started again (what was wrong).
    """

    state_changed = Signal(str, str)
    event = Signal(str, object)
    failed = Signal(str, object)
    damaged = Signal(str)

    def __init__(self, host: EngineHost, store: LibraryStore, models_dir: Path, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.host = host
        self.store = store
        self.models_dir = models_dir
        self._queue: list[str] = []
        self._paused: set[str] = set()
        self._again: set[str] = set()
        self._running: tuple[str, GeneratorJob] | None = None
        self._on_stop: dict[str, list] = {}
        self._watched: dict[str, _Watched] = {}
        self._owners: dict[str, set[str]] = {}
        self._changed: set[str] = set()
        self.watcher = QFileSystemWatcher(self)
        self.watcher.directoryChanged.connect(self._on_change)
        self.watcher.fileChanged.connect(self._on_change)
        self._settle = QTimer(self, singleShot=True, interval=SETTLE_MS)
        self._settle.timeout.connect(self._index_changed)
        self._rescan = QTimer(self, interval=RESCAN_MINUTES * 60_000)
        self._rescan.timeout.connect(self.index_all)
        self._rescan.start()
        self._downloads: dict[str, GeneratorJob] = {}
        self._download_pool = QThreadPool(self)  # a download never waits behind indexing
        self._download_pool.setMaxThreadCount(1)

    # -- asking -----------------------------------------------------------------------------------

    def state(self, name: str) -> str:
        if self._running and self._running[0] == name:
            return INDEXING
        if name in self._paused:
            return PAUSED
        return QUEUED if name in self._queue else IDLE

    def index(self, name: str) -> None:
        """Bring ``name`` up to date (after what runs now). A paused collection stays paused."""
        if name in self._paused:
            return
        if self._running and self._running[0] == name:
            self._again.add(name)
        elif name not in self._queue:
            self._queue.append(name)
            self.state_changed.emit(name, QUEUED)
        self._next()

    def index_all(self) -> None:
        for collection in self.store.collections():
            self.index(collection.name)

    def start(self) -> None:
        """At the app's start: check the whole index off the window's thread (seconds for a large
        one; a damaged one is set aside and ``damaged`` says so), then bring every collection up to
        date. Indexing asked for meanwhile waits for the check."""
        store = self.store

        def check(cancel: CancelToken) -> Iterator[object]:
            problem = store.check()
            if problem:
                yield problem

        job = self.host.run(check, background=True)
        self._running = ("", job)
        job.yielded.connect(self.damaged.emit)
        job.finished.connect(self._checked)
        job.failed.connect(self._check_failed)

    def _check_failed(self, err: object) -> None:
        # Not damage (the file could not be read at all, say): indexing then says what is wrong.
        log.warning("checking the Library's index failed: %s", err)
        self._checked()

    def _checked(self) -> None:
        self._running = None
        if self._rescan.isActive():  # not shut down meanwhile
            self.index_all()
        self._next()

    def pause(self, name: str) -> None:
        self._paused.add(name)
        self._again.discard(name)
        if name in self._queue:
            self._queue.remove(name)
        if self._running and self._running[0] == name:
            self._running[1].cancel()  # the state becomes PAUSED when the job has stopped
        else:
            self.state_changed.emit(name, PAUSED)

    def resume(self, name: str) -> None:
        self._paused.discard(name)
        self.index(name)

    def when_stopped(self, name: str, then) -> None:
        """Stop indexing ``name`` (if it runs or waits) and call ``then()`` once nothing touches it."""
        self._again.discard(name)
        self._paused.discard(name)
        if name in self._queue:
            self._queue.remove(name)
        if self._running and self._running[0] == name:
            self._on_stop.setdefault(name, []).append(then)
            self._running[1].cancel()
        else:
            then()

    def change_embedder(self, name: str, model: str) -> None:
        """Index ``name`` again with the embedding model ``model``, downloading it first when it is
        not on this computer (its progress comes as ``event``s of ``models.download.Progress``)."""
        entry = embedders.find(model)

        def switch() -> None:
            self.store.set_embedder(self.store.get(name), model)
            self.index(name)

        if embedders.local_path(entry, self.models_dir) is not None:
            self.when_stopped(name, switch)
            return
        models_dir = self.models_dir

        def fetch(cancel: CancelToken) -> Iterator[object]:
            from assistant.models import hub_token

            yield from embedders.fetch(entry, app_dir=models_dir, cancel=cancel, token=hub_token.load())

        job = GeneratorJob(fetch, self)
        self._downloads[name] = job
        fetched: list[object] = []
        job.yielded.connect(lambda item: (fetched.append(item), self.event.emit(name, item)))
        job.finished.connect(lambda: self._downloaded(name, any(isinstance(i, Done) for i in fetched), switch))
        job.failed.connect(lambda err: (self._downloads.pop(name, None), self.failed.emit(name, err)))
        job.start(self._download_pool)
        self.state_changed.emit(name, self.state(name))

    def _downloaded(self, name: str, done: bool, switch) -> None:
        self._downloads.pop(name, None)
        if done:
            self.when_stopped(name, switch)
        else:  # stopped by the user: the partial file stays for a later try
            self.state_changed.emit(name, self.state(name))

    def downloading(self, name: str) -> bool:
        return name in self._downloads

    def stop_download(self, name: str) -> None:
        job = self._downloads.get(name)
        if job is not None:
            job.cancel()

    def forget(self, name: str) -> None:
        """The collection was removed: stop watching its folders."""
        self._paused.discard(name)
        self._watched.pop(name, None)
        self._rewatch()

    def shutdown(self) -> None:
        self._rescan.stop()
        self._settle.stop()
        self._queue.clear()
        if self._running:
            self._running[1].cancel()
        for job in self._downloads.values():
            job.cancel()
        self._download_pool.waitForDone(10_000)

    # -- running ----------------------------------------------------------------------------------

    def _next(self) -> None:
        if self._running or not self._queue:
            return
        name = self._queue.pop(0)
        store, host, models_dir = self.store, self.host, self.models_dir

        def work(cancel: CancelToken) -> Iterator[object]:
            collection = store.get(name)
            # The engine may be replaced (settings) between runs: embed with the current one.
            embed = document_embed(_Current(host), collection, models_dir)
            yield from index_collection(store, collection, embed, cancel)
            # Load its vectors now, off the window's thread: the first question then does not wait
            # for them (about a second at 100,000 passages).
            store.vectors(collection)

        job = self.host.run(work, background=True)
        self._running = (name, job)
        job.yielded.connect(lambda item: self._on_event(name, item))
        job.finished.connect(lambda: self._stopped(name, None))
        job.failed.connect(lambda err: self._stopped(name, err))
        self.state_changed.emit(name, INDEXING)

    def _on_event(self, name: str, item: object) -> None:
        if isinstance(item, Scanned):
            self._watched.setdefault(name, _Watched()).folders = item.folders
            self._rewatch()
        elif isinstance(item, Indexed):
            self._watch_files(name)
        self.event.emit(name, item)

    def _stopped(self, name: str, err: object | None) -> None:
        self._running = None
        if err is not None:
            self.failed.emit(name, err)
        for then in self._on_stop.pop(name, []):
            then()
        if name in self._again:
            self._again.discard(name)
            self._queue.append(name)
        self.state_changed.emit(name, self.state(name))
        self._next()

    # -- watching ---------------------------------------------------------------------------------

    def _watch_files(self, name: str) -> None:
        try:
            files = tuple(self.store.files(self.store.get(name)))
        except Exception:  # the collection went meanwhile
            log.debug("collection %s gone before its files were watched", name, exc_info=True)
            return
        self._watched.setdefault(name, _Watched()).files = files
        self._rewatch()

    def _rewatch(self) -> None:
        """Watch every collection's folders first, then their files, up to ``MAX_WATCHED`` in all."""
        wanted: dict[str, None] = {}  # ordered: folders before files
        owners: dict[str, set[str]] = {}
        for kind in ("folders", "files"):
            for name, watched in self._watched.items():
                for path in getattr(watched, kind):
                    owners.setdefault(path, set()).add(name)
                    if len(wanted) < MAX_WATCHED:
                        wanted[path] = None
        self._owners = owners
        current = set(self.watched_paths())
        stale = [p for p in current if p not in wanted]
        if stale:
            self.watcher.removePaths(stale)
        new = [p for p in wanted if p not in current]
        if new:
            self.watcher.addPaths(new)  # a path that vanished meanwhile is skipped by Qt

    def watched_paths(self) -> list[str]:
        return sorted(set(self.watcher.files()) | set(self.watcher.directories()))

    def _on_change(self, path: str) -> None:
        self._changed |= self._owners.get(path, set())
        self._settle.start()

    def _index_changed(self) -> None:
        changed, self._changed = self._changed, set()
        for name in sorted(changed):
            self.index(name)
