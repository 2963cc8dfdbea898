"""Downloading a model into the Hugging Face cache, checked byte for byte before it is offered.

Why not ``hf_hub_download``: it has no way to stop or pause a transfer, reports progress only through
tqdm, and moves a file under its final name without checking its SHA-256 (huggingface_hub#2364; silent
same-size corruption: #3643). This module keeps the Hub cache's own layout (``blobs/<sha256>``,
``snapshots/<commit>/<name>`` → blob, ``refs/main``), so other tools find what the app fetched and the
app finds what they fetched, and it resumes their ``.incomplete`` files as they resume ours. Metadata,
URLs and the HTTP session still come from huggingface-hub.

A file lives under ``blobs/<sha256>.incomplete`` while it comes in, and is renamed into place only
after its SHA-256 matched; one that does not match is moved out of the cache into the quarantine
folder. Nothing is ever written through a symlink found at a download or temporary path.

Why one file: the cache layout, resuming, checking and quarantining act on the same files in one
sequence; splitting them would spread one invariant over several modules.
"""

from __future__ import annotations

import errno
import hashlib
import json
import os
import re
import shutil
import stat
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import filelock

from assistant.core.cancel import CancelToken
from assistant.errors import DownloadError, HubError, translatable
from assistant.models import hub, naming
from assistant.units import format_bytes

CHUNK = 1024 * 1024
RETRIES = 5
"""Times a dropped connection is picked up again (from the byte it stopped at) before giving up."""
DISK_MARGIN = 256 * 1024**2
"""Left free on the disk after a download, so the system and the app's database keep working."""
_SHA256 = re.compile(r"[0-9a-f]{64}")
_PROGRESS_EVERY = 0.2  # seconds between progress events


@dataclass(frozen=True)
class Progress:
    model: str
    done: int
    """Bytes on disk for the whole model (all parts), including what an earlier attempt left."""
    total: int
    speed: float
    """Bytes per second over the last few seconds."""
    eta: float | None
    """Seconds left at that speed; None until there is a speed."""
    phase: str = "downloading"
    """"downloading", or "verifying" while an already present file is checked."""


@dataclass(frozen=True)
class Done:
    path: Path
    """The file to load: the only file, or part 1 of a split model (llama.cpp finds the other parts)."""
    transferred: int
    """Bytes that came over the network in this run."""
    already_present: bool


DownloadEvent = Progress | Done


def hub_cache() -> Path:
    from huggingface_hub import constants

    return Path(constants.HF_HUB_CACHE)


def repo_folder(repo: str, cache: Path | None = None) -> Path:
    naming.check_repo_id(repo)
    return (cache or hub_cache()) / ("models--" + repo.replace("/", "--"))


def download(
    repo: str,
    model: hub.RemoteModel,
    *,
    commit: str,
    cancel: CancelToken,
    app_dir: Path,
    token: str | None = None,
    cache: Path | None = None,
) -> Iterator[DownloadEvent]:
    """Fetch every part of ``model`` from ``repo`` at ``commit``; yield progress, then ``Done``.

    ``app_dir`` is the app's own folder for models (``quarantine/``, ``verified/``), outside the cache.
    Stopping (``cancel``) raises ``Cancelled`` and leaves the partial file for a later resume (pause);
    ``discard_partial`` removes it (cancel). Raises ``DownloadError`` or ``HubError`` with a message.
    """
    naming.check_repo_id(repo)
    for part in model.parts:
        naming.check_filename(part.filename)
        if not part.sha256 or not _SHA256.fullmatch(part.sha256):
            raise DownloadError(
                translatable("The Hub gives no SHA-256 for {name}, so it could not be checked; it is not downloaded."),
                name=part.filename,
            )
    storage = repo_folder(repo, cache)
    blobs = _private_subdir(storage, "blobs")
    _remember_pending(app_dir, repo, model, commit)

    present = [_blob_path(blobs, p) for p in model.parts]
    partial = sum(_regular_size(blobs / f"{p.sha256}.incomplete") for p in model.parts)
    already = sum(p.size for p, b in zip(model.parts, present, strict=True) if _regular_size(b) == p.size)
    _check_disk(blobs, model.size - already - partial, model.name)

    meter = _Meter(model.name, model.size)
    transferred = 0
    for part, blob in zip(model.parts, present, strict=True):
        if _regular_size(blob) == part.size and _is_verified(app_dir, blob, part.sha256 or ""):
            meter.add_done(part.size)
        else:
            if _regular_size(blob) == part.size:
                # Fetched by another tool (or before a crash): check it once, then remember it is good.
                yield from _verify_present(blob, part, meter, cancel, app_dir / "quarantine", repo)
            else:
                quarantine = app_dir / "quarantine"
                try:
                    transferred += yield from _fetch(repo, part, commit, blobs, meter, cancel, quarantine, token)
                except DownloadError:
                    _forget_pending(app_dir, repo, model)  # quarantined or refused: nothing to resume
                    raise
            _mark_verified(app_dir, blob, part.sha256 or "")
        # Also for a blob already here: the same bytes may be new under this name or revision.
        _link_snapshot(storage, commit, part.filename, blob)
    _write_ref(storage, commit)
    _forget_pending(app_dir, repo, model)
    first = storage / "snapshots" / commit / model.first_file
    yield Done(first, transferred, already_present=transferred == 0)


def discard_partial(repo: str, model: hub.RemoteModel, cache: Path | None = None, app_dir: Path | None = None) -> int:
    """Delete what a stopped download left; return the bytes freed. Nothing else is touched."""
    if app_dir is not None:
        _forget_pending(app_dir, repo, model)
    blobs = repo_folder(repo, cache) / "blobs"
    freed = 0
    for part in model.parts:
        if not part.sha256 or not _SHA256.fullmatch(part.sha256):
            continue
        temp = blobs / f"{part.sha256}.incomplete"
        size = _regular_size(temp)
        if os.path.lexists(temp):
            temp.unlink()  # a planted symlink is removed itself, never its target
            freed += size
    return freed


def partial_bytes(repo: str, model: hub.RemoteModel, cache: Path | None = None) -> int:
    """Bytes already fetched by an earlier, stopped download of ``model`` (0 if none)."""
    blobs = repo_folder(repo, cache) / "blobs"
    return sum(
        _regular_size(blobs / f"{p.sha256}.incomplete") for p in model.parts if p.sha256 and _SHA256.fullmatch(p.sha256)
    )


# --- Downloads not finished (paused, dropped, or the app closed) ----------------------------------------
# Remembered in the app's folder so the Models dialog can offer to resume them after a restart.


def _pending_file(app_dir: Path, repo: str, model: hub.RemoteModel) -> Path:
    key = hashlib.sha256(f"{repo}\0{model.name}".encode()).hexdigest()[:24]
    return app_dir / "pending" / f"{key}.json"


def _remember_pending(app_dir: Path, repo: str, model: hub.RemoteModel, commit: str) -> None:
    record = {
        "repo": repo,
        "commit": commit,
        "name": model.name,
        "quant": model.quant,
        "parts": [{"filename": p.filename, "size": p.size, "sha256": p.sha256} for p in model.parts],
    }
    path = _pending_file(app_dir, repo, model)
    path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    temp = path.with_name(path.name + f".{os.getpid()}")
    temp.write_text(json.dumps(record))
    os.replace(temp, path)


def _forget_pending(app_dir: Path, repo: str, model: hub.RemoteModel) -> None:
    _pending_file(app_dir, repo, model).unlink(missing_ok=True)


def pending(app_dir: Path) -> list[tuple[str, hub.RemoteModel, str]]:
    """Downloads started and not finished: (repo, model, commit), oldest first. Records that do not
    read back as safe names and checksums are skipped."""
    found = []
    folder = app_dir / "pending"
    for path in sorted(folder.glob("*.json"), key=lambda p: p.stat().st_mtime) if folder.is_dir() else ():
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
            repo = naming.check_repo_id(str(data["repo"]))
            parts = tuple(
                hub.RemoteFile(naming.check_filename(str(p["filename"])), int(p["size"]), str(p["sha256"]))
                for p in data["parts"]
            )
            if not parts or not all(_SHA256.fullmatch(p.sha256 or "") for p in parts):
                continue
            model = hub.RemoteModel(str(data["name"]), data.get("quant"), parts)
            found.append((repo, model, str(data["commit"])))
        except (OSError, ValueError, KeyError, TypeError, DownloadError):
            continue
    return found


# --- Checking a file already in the cache ------------------------------------------------------------


def needs_check(path: Path, app_dir: Path) -> bool:
    """True for a Hugging Face cache file (one whose blob is named by its SHA-256) not checked yet:
    it must pass ``verify_cached`` before it is loaded. Other files have no checksum to check by."""
    blob = Path(os.path.realpath(path))
    return _SHA256.fullmatch(blob.name) is not None and not _is_verified(app_dir, blob, blob.name)


def verify_cached(path: Path, app_dir: Path, cancel: CancelToken) -> Iterator[Progress]:
    """Check a Hub-cache model (every part of a split one) against the SHA-256 its blob is named by,
    before it is loaded; remember the answer. A file that does not match is moved to quarantine."""
    split = naming.split_name(path.name)
    files = [path]
    if split:
        files = [path.with_name(f"{split.stem}-{i:05d}-of-{split.total:05d}.gguf") for i in range(1, split.total + 1)]
    blobs = [Path(os.path.realpath(f)) for f in files]
    if not all(_SHA256.fullmatch(b.name) for b in blobs):
        raise DownloadError(
            translatable("{name} is not a Hugging Face cache file, so there is no checksum to check it by."),
            name=path.name,
        )
    todo = [(f, b) for f, b in zip(files, blobs, strict=True) if not _is_verified(app_dir, b, b.name)]
    meter = _Meter(path.name, sum(_regular_size(b) for _, b in todo))
    for file, blob in todo:
        part = hub.RemoteFile(file.name, _regular_size(blob), blob.name)
        yield from _verify_present(blob, part, meter, cancel, app_dir / "quarantine", "local")
        _mark_verified(app_dir, blob, blob.name)


# --- One file -------------------------------------------------------------------------------------


def _fetch(
    repo: str,
    part: hub.RemoteFile,
    commit: str,
    blobs: Path,
    meter: _Meter,
    cancel: CancelToken,
    quarantine_dir: Path,
    token: str | None,
) -> Iterator[DownloadEvent]:
    """Download one file into ``blobs/<sha>.incomplete``, check it, rename it into place.
    Returns (as the generator's value) the bytes transferred."""
    from huggingface_hub import get_hf_file_metadata, hf_hub_url

    sha = part.sha256 or ""
    url = hf_hub_url(repo, part.filename, revision=commit)
    with hub.hub_errors(part.filename):
        meta = get_hf_file_metadata(url, token=token)
    # The Hub answers an LFS file with a signed CDN address: the token goes to the Hub only.
    auth = _same_host(url, meta.location)
    if meta.size is not None and meta.size != part.size:
        raise HubError(
            translatable("{name}: the Hub's listing and the file disagree on its size; try again later."),
            name=part.filename,
        )
    # The same lock huggingface-hub takes, so the app and other Hugging Face tools never write one
    # partial file at once (two writers would interleave bytes; the checksum would then refuse it).
    lock = _blob_lock(blobs, sha)
    try:
        lock.acquire(timeout=0)
    except filelock.Timeout:
        raise DownloadError(
            translatable("{name} is being downloaded by another window or program; wait for it to finish."),
            name=part.filename,
        ) from None
    try:
        temp = blobs / f"{sha}.incomplete"
        fd = _open_partial(temp)
        transferred = 0
        hasher = _Hasher(fd)
        try:
            offset = _hash_existing(fd, hasher, part.size)
            meter.add_done(offset)
            yield meter.event()
            attempts = 0
            while offset < part.size:
                cancel.raise_if_cancelled()
                try:
                    for chunk in _stream(meta.location, offset, token if auth else False, cancel):
                        if offset + len(chunk) > part.size:
                            raise DownloadError(
                                translatable("{name}: the server sent more bytes than the file has."),
                                name=part.filename,
                            )
                        _write_all(fd, chunk)
                        hasher.update(chunk)
                        offset += len(chunk)
                        transferred += len(chunk)
                        meter.add_done(len(chunk))
                        if meter.due():
                            yield meter.event()
                        if cancel.cancelled:
                            break
                except _Restart:
                    os.ftruncate(fd, 0)
                    os.lseek(fd, 0, os.SEEK_SET)
                    meter.add_done(-offset)
                    hasher.reset()
                    offset = 0
                except Exception as err:
                    if isinstance(err, OSError) and err.errno == errno.ENOSPC:
                        raise DownloadError(
                            translatable(
                                "The disk is full: {name} stopped at {done} of {size}. "
                                "Free some space and start it again; it will continue."
                            ),
                            name=part.filename,
                            done=format_bytes(offset),
                            size=format_bytes(part.size),
                        ) from err
                    if not _transient(err):
                        raise
                    attempts += 1
                    if attempts > RETRIES:
                        raise HubError(
                            translatable(
                                "{name}: the connection kept dropping ({reason}). What arrived "
                                "is kept; start the download again to continue."
                            ),
                            name=part.filename,
                            reason=hub._reason(err),
                        ) from err
                    if cancel.wait(min(8.0, 0.5 * 2**attempts)):
                        break
            cancel.raise_if_cancelled()
            actual = hasher.hexdigest()
            os.fsync(fd)  # the bytes are on the disk before the file takes its final name
        finally:
            hasher.close()
            os.close(fd)
        yield meter.event()
        if actual != sha:
            _quarantine(temp, quarantine_dir, repo, part.filename)
            raise DownloadError(
                translatable(
                    "{name} arrived damaged: its SHA-256 does not match the Hub's. It was set aside and "
                    "will not be offered for loading; download it again."
                ),
                name=part.filename,
            )
        os.replace(temp, blobs / sha)
        return transferred
    finally:
        lock.release()


def _blob_lock(blobs: Path, sha: str) -> filelock.BaseFileLock:
    """``<cache>/.locks/<repo folder>/<sha>.lock``: where huggingface-hub locks the same download."""
    storage = blobs.parent
    path = storage.parent / ".locks" / storage.name / f"{sha}.lock"
    path.parent.mkdir(parents=True, exist_ok=True)
    return filelock.FileLock(path)


class _Restart(Exception):
    """The server ignored the Range header: start the file from byte 0."""


class _ServerTrouble(Exception):
    """A 5xx or 429 answer: worth asking again after a pause."""


def _transient(err: Exception) -> bool:
    """A failure that asking again (from the byte reached) may get past: the network, a busy server."""
    if isinstance(err, (_ServerTrouble, ConnectionError, TimeoutError)):
        return True
    if isinstance(err, OSError):
        return err.errno in (errno.ECONNRESET, errno.ECONNABORTED, errno.EPIPE, errno.ETIMEDOUT)
    # httpx2's transport errors (connection dropped, read timeout) are not OSErrors.
    return type(err).__module__.startswith(("httpx", "httpcore"))


def _same_host(a: str, b: str) -> bool:
    from urllib.parse import urlsplit

    return urlsplit(a).netloc.lower() == urlsplit(b).netloc.lower()


def _stream(url: str, offset: int, token: str | bool | None, cancel: CancelToken) -> Iterator[bytes]:
    """GET ``url`` from byte ``offset``. ``token``: a token, None for the stored one, False for none."""
    from huggingface_hub import get_session
    from huggingface_hub.utils import build_hf_headers

    headers = build_hf_headers(token=token)
    headers["Accept-Encoding"] = "identity"
    if offset:
        headers["Range"] = f"bytes={offset}-"
    with get_session().stream("GET", url, headers=headers, follow_redirects=True, timeout=30) as response:
        if response.status_code in (401, 403):
            raise hub.denied(url.rsplit("/", 1)[-1])
        if response.status_code == 416:
            return  # nothing left to send: the file is complete
        if response.status_code == 429 or response.status_code >= 500:
            raise _ServerTrouble(f"the Hub answered {response.status_code}")
        if response.status_code >= 400:
            raise HubError(
                translatable("The Hub answered {status} for {name}."),
                status=response.status_code,
                name=url.rsplit("/", 1)[-1],
            )
        if offset and response.status_code != 206:
            raise _Restart()
        # Closing the response from another thread ends a read that is waiting on the network.
        unregister = cancel.on_cancel(response.close)
        try:
            yield from response.iter_bytes(CHUNK)
        except Exception:
            if cancel.cancelled:
                return
            raise
        finally:
            unregister()


class _Hasher:
    """SHA-256 of what is written, computed on a thread of its own so that hashing (hashlib lets go of
    the GIL) overlaps the network; the same thread flushes the file to disk every so often, so the
    fsync before the final rename has little left to do. Together these took a 200 MB download on
    loopback from 0.89 to about 1.0 of ``hf_hub_download``'s speed (which neither checks nor syncs)."""

    _SYNC_EVERY = 64 * 1024 * 1024

    def __init__(self, fd: int) -> None:
        self._fd = fd
        self._start()

    def _start(self) -> None:
        import queue
        import threading

        self._digest = hashlib.sha256()
        self._queue: queue.Queue[bytes | None] = queue.Queue(maxsize=16)
        self._unsynced = 0
        self._error: BaseException | None = None
        self._thread = threading.Thread(target=self._run, name="download-hash", daemon=True)
        self._thread.start()

    def _run(self) -> None:
        while (chunk := self._queue.get()) is not None:
            try:
                self._digest.update(chunk)
                self._unsynced += len(chunk)
                if self._unsynced >= self._SYNC_EVERY:
                    self._unsynced = 0
                    os.fdatasync(self._fd) if hasattr(os, "fdatasync") else os.fsync(self._fd)
            except BaseException as err:  # reported by hexdigest(); the loop keeps draining
                self._error = err

    def update(self, chunk: bytes) -> None:
        self._queue.put(chunk)

    def reset(self) -> None:
        """Start over from byte 0 (the server ignored a Range request)."""
        self._finish()
        self._start()

    def hexdigest(self) -> str:
        self._finish()
        if self._error is not None:
            raise self._error
        return self._digest.hexdigest()

    def _finish(self) -> None:
        if self._thread.is_alive():
            self._queue.put(None)
            self._thread.join()

    close = _finish


def _hash_existing(fd: int, digest: _Hasher, size: int) -> int:
    """Feed what an earlier attempt left to the digest; return its length (0 if it was too long)."""
    length = os.fstat(fd).st_size
    if length > size:
        os.ftruncate(fd, 0)
        length = 0
    os.lseek(fd, 0, os.SEEK_SET)
    left = length
    while left:
        block = os.read(fd, min(CHUNK * 8, left))
        if not block:
            break
        digest.update(block)
        left -= len(block)
    os.lseek(fd, 0, os.SEEK_END)
    return length - left


def _verify_present(
    blob: Path, part: hub.RemoteFile, meter: _Meter, cancel: CancelToken, quarantine_dir: Path, repo: str
) -> Iterator[DownloadEvent]:
    digest = hashlib.sha256()
    fd = os.open(blob, os.O_RDONLY | _NOFOLLOW)
    try:
        while block := os.read(fd, CHUNK * 8):
            digest.update(block)
            meter.add_done(len(block))
            if meter.due():
                yield meter.event("verifying")
            cancel.raise_if_cancelled()
    finally:
        os.close(fd)
    if digest.hexdigest() != part.sha256:
        _quarantine(blob, quarantine_dir, repo, part.filename)
        raise DownloadError(
            translatable(
                "{name} in the Hugging Face cache is damaged (its SHA-256 does not match). It was set "
                "aside; download it again."
            ),
            name=part.filename,
        )


_NOFOLLOW = getattr(os, "O_NOFOLLOW", 0)


def _open_partial(temp: Path) -> int:
    """Open (or create) a partial file for appending, never through a symlink someone put there."""
    flags = os.O_RDWR | os.O_CREAT | _NOFOLLOW | getattr(os, "O_BINARY", 0)
    for _ in range(2):
        try:
            fd = os.open(temp, flags, 0o600)
        except OSError as err:
            if err.errno in (errno.ELOOP, errno.EMLINK) or temp.is_symlink():
                temp.unlink()  # removes the link itself; its target is not touched
                continue
            raise
        if not _is_regular(fd):
            os.close(fd)
            raise DownloadError(translatable("{path} is not a regular file; remove it and try again."), path=str(temp))
        return fd
    raise DownloadError(translatable("{path} could not be opened safely."), path=str(temp))


def _is_regular(fd: int) -> bool:
    return stat.S_ISREG(os.fstat(fd).st_mode)


def _write_all(fd: int, data: bytes) -> None:
    view = memoryview(data)
    while view:
        written = os.write(fd, view)
        view = view[written:]


def _regular_size(path: Path) -> int:
    """Size of a regular file at ``path`` (not following symlinks); 0 if there is none."""
    try:
        st = os.lstat(path)
    except OSError:
        return 0
    return st.st_size if stat.S_ISREG(st.st_mode) else 0


def _blob_path(blobs: Path, part: hub.RemoteFile) -> Path:
    return blobs / (part.sha256 or "")


def _check_disk(folder: Path, needed: int, name: str) -> None:
    if needed <= 0:
        return
    free = shutil.disk_usage(folder).free
    if needed + DISK_MARGIN > free:
        raise DownloadError(
            translatable(
                "Not enough disk space for {name}: it needs {needed} more, and "
                "{free} is free on that disk (keeping {spare} spare). "
                "Free some space, or choose a smaller quantisation."
            ),
            name=name,
            needed=format_bytes(needed),
            free=format_bytes(free),
            spare=format_bytes(DISK_MARGIN),
        )


def _private_subdir(storage: Path, *parts: str) -> Path:
    """A folder inside the repo's cache folder, refusing one that a symlink leads outside it."""
    storage.mkdir(parents=True, exist_ok=True)
    folder = storage.joinpath(*parts)
    folder.mkdir(parents=True, exist_ok=True)
    real_storage = storage.resolve()
    real = folder.resolve()
    if real != real_storage and real_storage not in real.parents:
        raise DownloadError(
            translatable("{path} leads outside the model cache (a symbolic link?); it is not used."), path=str(folder)
        )
    return folder


def _link_snapshot(storage: Path, commit: str, filename: str, blob: Path) -> None:
    """Point ``snapshots/<commit>/<filename>`` at the blob, as huggingface-hub does (a relative symlink,
    or the blob itself moved there where symlinks are not allowed)."""
    if not re.fullmatch(r"[0-9a-f]{40}|[A-Za-z0-9._-]{1,100}", commit) or commit in (".", ".."):
        raise DownloadError(translatable("{revision} is not a revision name the app can use."), revision=repr(commit))
    subdirs = filename.split("/")[:-1]
    folder = _private_subdir(storage, "snapshots", commit, *subdirs)
    pointer = folder / filename.rsplit("/", 1)[-1]
    temp = folder / f".{pointer.name}.{os.getpid()}.link"
    if os.path.lexists(temp):
        temp.unlink()
    try:
        os.symlink(os.path.relpath(blob, folder), temp)
    except OSError:
        shutil.copyfile(blob, temp, follow_symlinks=False)
    os.replace(temp, pointer)  # replaces whatever was there, a planted symlink included, without following it


def _write_ref(storage: Path, commit: str) -> None:
    refs = _private_subdir(storage, "refs")
    main = refs / "main"
    if re.fullmatch(r"[0-9a-f]{40}", commit) and not main.is_symlink():
        temp = refs / f".main.{os.getpid()}"
        temp.write_text(commit)
        os.replace(temp, main)


def _quarantine(path: Path, quarantine_dir: Path, repo: str, filename: str) -> None:
    quarantine_dir.mkdir(parents=True, exist_ok=True, mode=0o700)
    name = f"{repo.replace('/', '--')}--{filename.replace('/', '--')}--{int(time.time())}"
    try:
        shutil.move(str(path), quarantine_dir / name)
    except OSError:
        path.unlink(missing_ok=True)


# --- Which blobs the app has checked -----------------------------------------------------------------
# A blob's name is its SHA-256, but only a read proves the content. The proof is remembered in the
# app's folder (not the shared cache) by size and modification time, so a checked file is not read
# again at every start, and a file changed since is checked again.


def _verified_marker(app_dir: Path, sha: str) -> Path:
    return app_dir / "verified" / f"{sha}.json"


def _is_verified(app_dir: Path, blob: Path, sha: str) -> bool:
    try:
        st = os.lstat(blob)
        data = json.loads(_verified_marker(app_dir, sha).read_text())
    except (OSError, ValueError):
        return False
    return data == {"sha256": sha, "size": st.st_size, "mtime_ns": st.st_mtime_ns, "blob": str(blob)}


def _mark_verified(app_dir: Path, blob: Path, sha: str) -> None:
    st = os.lstat(blob)
    marker = _verified_marker(app_dir, sha)
    marker.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    temp = marker.with_name(marker.name + f".{os.getpid()}")
    temp.write_text(json.dumps({"sha256": sha, "size": st.st_size, "mtime_ns": st.st_mtime_ns, "blob": str(blob)}))
    os.replace(temp, marker)


def is_verified(path: Path, app_dir: Path) -> bool:
    """True when ``path`` (a snapshot file or blob in the Hub cache) was checked against its SHA-256
    and has not changed since."""
    blob = Path(os.path.realpath(path))
    return _SHA256.fullmatch(blob.name) is not None and _is_verified(app_dir, blob, blob.name)


class _Meter:
    """Bytes done for a whole model, and a speed over the last few seconds."""

    def __init__(self, model: str, total: int) -> None:
        self.model, self.total = model, total
        self.done = 0
        self._last_event = 0.0
        self._window: list[tuple[float, int]] = []

    def add_done(self, n: int) -> None:
        self.done += n

    def due(self) -> bool:
        return time.monotonic() - self._last_event >= _PROGRESS_EVERY

    def event(self, phase: str = "downloading") -> Progress:
        now = time.monotonic()
        self._last_event = now
        self._window.append((now, self.done))
        self._window = [(t, d) for t, d in self._window if now - t <= 5.0]
        t0, d0 = self._window[0]
        speed = (self.done - d0) / (now - t0) if now > t0 else 0.0
        eta = (self.total - self.done) / speed if speed > 0 else None
        return Progress(self.model, self.done, self.total, speed, eta, phase)
