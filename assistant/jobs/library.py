"""The Library's flows, as the panel and the command line both run them: index a collection, ask it.

``index_collection`` compares the collection's folders with the index (size and modification time),
reads each new or changed file in the sandboxed reader while the engine embeds the one before (the
two overlap), and saves each file whole once its passages are embedded. Small files' passages are
embedded together, ``EMBED_BATCH`` at a time, so a stop or a kill loses at most the few files
the next run carries on from there. A folder that is not there (a drive that was removed)
is reported and its files are kept in the index, not forgotten. Every file ends indexed, skipped or
failed, with the reason in words.

``ask`` finds the passages, answers itself when there are none (not found, or nothing indexed yet),
and otherwise streams the model's answer and then the passages it cited.
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from assistant.core.cancel import CancelToken
from assistant.core.inference import GenerationParams
from assistant.documents.document import Document, DocumentError
from assistant.documents.sandbox import read_document
from assistant.errors import Cancelled, EngineRequestError
from assistant.library import answer as answer_mod
from assistant.library.embedders import BUILT_IN
from assistant.library.passages import passages
from assistant.library.search import MIN_SIMILARITY, Embed, Hit
from assistant.library.store import FAILED, INDEXED, SKIPPED, Collection, LibraryStore, is_under
from assistant.units import format_bytes

_NOT_DOCUMENTS = """
    .png .jpg .jpeg .gif .bmp .webp .tif .tiff .ico .heic .svgz .mp3 .wav .flac .ogg .m4a .mp4 .mkv .mov .avi
    .webm .zip .gz .tgz .bz2 .xz .7z .rar .zst .tar .iso .dmg .exe .dll .so .dylib .o .a .class .jar .pyc .whl
    .gguf .bin .safetensors .pt .onnx .sqlite .sqlite3 .db .woff .woff2 .ttf .otf .xlsx .pptx .odt .doc
    """
NOT_DOCUMENTS = frozenset(_NOT_DOCUMENTS.split())
"""Kinds of file skipped by name. Anything else is offered to the sandboxed reader, which tells text
(source code, notes without an extension, README) from binary by content."""
MAX_FILE_BYTES = 64 * 1024 * 1024
"""Larger files are skipped (with that reason): a 500 MB log is not a document to ask questions of."""
EMBED_BATCH = 32
"""Passages per embedding request: large enough to keep the engine busy, small enough to stop quickly."""
BUILT_IN_EMBEDDER = BUILT_IN.name


@dataclass(frozen=True)
class Scanned:
    """What indexing will do: ``pending`` files to (re)read, ``gone`` files to forget, ``unreachable``
    folders (kept as they are in the index)."""

    pending: tuple[tuple[str, int, int], ...]
    gone: tuple[str, ...]
    unreachable: tuple[str, ...]
    unchanged: int
    folders: tuple[str, ...] = ()
    """Every folder the scan walked (for a watcher to watch)."""


@dataclass(frozen=True)
class FileDone:
    path: str
    status: str
    reason: str
    passages: int


@dataclass(frozen=True)
class Progress:
    files_done: int
    files_total: int
    passages: int
    seconds: float
    seconds_left: float | None
    """An estimate from the bytes read so far; None until there is something to go by."""


@dataclass(frozen=True)
class Indexed:
    files: int
    passages: int
    seconds: float
    unreachable: tuple[str, ...]


def scan(store: LibraryStore, collection: Collection) -> Scanned:
    known = store.files(collection)
    found: dict[str, tuple[int, int]] = {}
    unreachable: list[str] = []
    folders: list[str] = []
    for root in collection.roots:
        top = Path(root)
        if not top.exists():
            unreachable.append(root)
            continue
        for path in _walk(top, folders):
            try:
                st = path.stat()
            except OSError:
                continue  # gone between the listing and now
            found[str(path)] = (st.st_size, st.st_mtime_ns)
    pending = tuple(
        (path, size, mtime)
        for path, (size, mtime) in sorted(found.items())
        if path not in known or (known[path].size, known[path].mtime_ns) != (size, mtime)
    )
    gone = tuple(path for path in known if path not in found and not any(is_under(path, r) for r in unreachable))
    return Scanned(pending, gone, tuple(unreachable), len(found) - len(pending), tuple(folders))


def _walk(top: Path, folders: list[str]) -> Iterator[Path]:
    """Every regular file under ``top`` (or ``top`` itself), adding each folder walked to ``folders``.
    Folder links are not followed, so a link loop cannot trap the scan; a file link counts once,
    under its own name."""
    if top.is_file():
        yield top
        return
    for folder, dirs, files in os.walk(top, followlinks=False, onerror=lambda err: None):
        folders.append(folder)
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(files):
            if not name.startswith("."):
                path = Path(folder, name)
                if path.is_file():
                    yield path


def index_collection(
    store: LibraryStore,
    collection: Collection,
    embed: Embed,
    cancel: CancelToken | None = None,
    *,
    read: Callable[..., Document] = read_document,
) -> Iterator[Scanned | FileDone | Progress | Indexed]:
    """Bring the index up to date with the collection's folders, yielding what happens as it goes.
    Stops with ``Cancelled`` between files (and between embedding batches) when ``cancel`` is set."""
    cancel = cancel or CancelToken()
    started = time.monotonic()
    plan = scan(store, collection)
    yield plan
    if plan.gone:
        store.forget_files(collection, plan.gone)
    total_bytes = sum(size for _, size, _ in plan.pending) or 1
    done_bytes = 0
    total_passages = 0

    def load(path: str, size: int) -> Document | str:
        """The document, or why it is skipped (a string); a DocumentError is a failure."""
        suffix = Path(path).suffix.lower()
        if suffix in NOT_DOCUMENTS:
            return f"not a document the Library reads ({suffix} file)"
        if size > MAX_FILE_BYTES:
            return f"too large ({format_bytes(size)}; the Library reads files up to {format_bytes(MAX_FILE_BYTES)})"
        return read(Path(path), cancel=cancel)

    # Passages of small files wait here until there are EMBED_BATCH of them: a folder of notes then
    # costs one embedding request per batch, not one per file.
    waiting: list[tuple[tuple[str, int, int], list]] = []
    finished = 0

    def done(entry: tuple[str, int, int], status: str, reason: str, found=(), vectors=()) -> Iterator[object]:
        nonlocal finished, done_bytes, total_passages
        path, size, mtime = entry
        store.save_file(collection, path, size, mtime, status, reason, found, vectors)
        finished += 1
        done_bytes += size
        total_passages += len(found)
        yield FileDone(path, status, reason, len(found))
        elapsed = time.monotonic() - started
        left = elapsed * (total_bytes - done_bytes) / done_bytes if done_bytes else None
        yield Progress(finished, len(plan.pending), total_passages, elapsed, left)

    def embed_all(texts: list[str]) -> list[list[float]]:
        vectors: list[list[float]] = []
        for at in range(0, len(texts), EMBED_BATCH):
            cancel.raise_if_cancelled()
            vectors += embed(texts[at : at + EMBED_BATCH])
        return vectors

    def embed_waiting() -> Iterator[object]:
        try:
            vectors = embed_all([p.text for _, found in waiting for p in found])
        except EngineRequestError:
            # The engine refused some passage (another server may not cut what is too long): each
            # file on its own, so that only the file holding it fails.
            for entry, found in waiting:
                try:
                    mine = embed_all([p.text for p in found])
                except EngineRequestError as err:
                    yield from done(entry, FAILED, f"its text could not be embedded ({err})")
                else:
                    yield from done(entry, INDEXED, "", found, mine)
        else:
            at = 0
            for entry, found in waiting:
                yield from done(entry, INDEXED, "", found, vectors[at : at + len(found)])
                at += len(found)
        waiting.clear()

    with ThreadPoolExecutor(1, thread_name_prefix="library-read") as reader:
        upcoming: Future | None = None
        for number, entry in enumerate(plan.pending):
            path, size, _mtime = entry
            cancel.raise_if_cancelled()
            current = upcoming or reader.submit(load, path, size)
            # Read the next file while this one is embedded.
            if number + 1 < len(plan.pending):
                next_path, next_size, _ = plan.pending[number + 1]
                upcoming = reader.submit(load, next_path, next_size)
            else:
                upcoming = None
            try:
                loaded = current.result()
            except Cancelled:
                raise
            except (DocumentError, OSError) as err:  # OSError: it went away or became unreadable meanwhile
                loaded = err
            if isinstance(loaded, Document):
                found = passages(loaded)
                if found:
                    waiting.append((entry, found))
                    if sum(len(f) for _, f in waiting) >= EMBED_BATCH:
                        yield from embed_waiting()
                else:
                    yield from done(entry, SKIPPED, "no text in it")
            elif isinstance(loaded, str):
                yield from done(entry, SKIPPED, loaded)
            else:
                reason = str(loaded) if isinstance(loaded, DocumentError) else _os_reason(path, loaded)
                yield from done(entry, FAILED, reason)
        yield from embed_waiting()
        if upcoming is not None:
            upcoming.cancel()
    yield Indexed(len(plan.pending), total_passages, time.monotonic() - started, plan.unreachable)


def _os_reason(path: str, err: OSError) -> str:
    return f"{Path(path).name} could not be read ({(err.strerror or str(err)).lower()})"


# -- asking ----------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Found:
    """The passages that go into the prompt (empty: the app answers itself, ``library.answer.retrieve``)."""

    hits: tuple[Hit, ...]


@dataclass(frozen=True)
class AnswerText:
    text: str


@dataclass(frozen=True)
class Answered:
    text: str
    citations: tuple[answer_mod.Citation, ...]
    finish_reason: str


def ask(
    store: LibraryStore,
    collection: Collection,
    question: str,
    engine,
    params: GenerationParams,
    cancel: CancelToken | None = None,
    *,
    limit: int = 5,
    min_similarity: float = MIN_SIMILARITY,
    reranker: str = "",
    models_dir: Path,
) -> Iterator[Found | AnswerText | Answered]:
    hits, said = answer_mod.retrieve(
        store, [collection], question, engine, models_dir,
        limit=limit, min_similarity=min_similarity, reranker=reranker,
    )  # fmt: skip
    yield Found(tuple(hits))
    if said is not None:
        yield AnswerText(said)
        yield Answered(said, (), "stop")
        return
    text, finish = "", "stop"
    # An answer grounded in passages gains nothing from thinking aloud; it stays fast.
    for chunk in engine.chat(answer_mod.messages(question, hits), params.without_thinking(), cancel):
        if chunk.text:
            text += chunk.text
            yield AnswerText(chunk.text)
        if chunk.finish_reason:
            finish = chunk.finish_reason
    yield Answered(text, tuple(answer_mod.citations(text, hits)), finish)
