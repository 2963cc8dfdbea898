"""Searching the Hub and downloading from it, against a stand-in Hub on 127.0.0.1 (no internet).

The stand-in (assistant/bench/local_hub.py) speaks the API subset huggingface-hub uses; faults are
switched on per test: a dropped connection, wrong bytes, a server that ignores Range.
"""

from __future__ import annotations

import hashlib
import os
import stat
from pathlib import Path

import pytest

from assistant.bench.local_hub import StubRepo
from assistant.core.cancel import CancelToken
from assistant.errors import Cancelled, DownloadError, HubAccessDenied, HubError
from assistant.models import download, hub, hub_token, store

REPO = "org/tiny-GGUF"
MB = 1024 * 1024


def _data(n: int, seed: int = 1) -> bytes:
    # Incompressible and different per seed, so a wrong byte range shows in the hash.
    return hashlib.shake_256(seed.to_bytes(4, "little")).digest(n)


@pytest.fixture
def files() -> dict[str, bytes]:
    return {
        "tiny-Q4_K_M.gguf": _data(6 * MB, 1),
        "tiny-Q8_0-00001-of-00002.gguf": _data(300_000, 2),
        "tiny-Q8_0-00002-of-00002.gguf": _data(200_000, 3),
        "tiny-F16-00001-of-00002.gguf": _data(1000, 4),  # part 2 missing
        "mmproj-tiny-f16.gguf": _data(1000, 5),
        "README.md": b"# tiny\n",
    }


def _app_dir(app_home) -> Path:
    return app_home.data_dir / "models"


def _run(model: hub.RemoteModel, listing: hub.RepoListing, app_home, cancel: CancelToken | None = None, **kw):
    events = list(
        download.download(
            listing.repo, model, commit=listing.commit, cancel=cancel or CancelToken(), app_dir=_app_dir(app_home), **kw
        )
    )
    assert isinstance(events[-1], download.Done)
    return events


def _model(listing: hub.RepoListing, quant: str) -> hub.RemoteModel:
    return next(m for m in listing.models if m.quant == quant)


def _tree(root: Path) -> dict[str, bytes | str]:
    """Everything under ``root``: file bytes, symlink targets, folders (for byte-identical checks)."""
    out: dict[str, bytes | str] = {}
    for dirpath, dirnames, filenames in os.walk(root):
        for name in dirnames + filenames:
            path = Path(dirpath) / name
            rel = str(path.relative_to(root))
            if path.is_symlink():
                out[rel] = "-> " + os.readlink(path)
            elif path.is_file():
                out[rel] = path.read_bytes()
            else:
                out[rel] = "<dir>"
    return out


def test_search_and_list_join_split_files(local_hub, files) -> None:
    local_hub({REPO: StubRepo(files, downloads=5), "org/other-GGUF": StubRepo({"x.gguf": b"x"}, downloads=9)})
    hits = hub.search("gguf")
    assert [h.repo for h in hits] == ["org/other-GGUF", REPO]  # most downloaded first
    assert [h.repo for h in hub.search("tiny")] == [REPO]

    listing = hub.list_repo(REPO)
    assert listing.licence == "apache-2.0"
    by_quant = {m.quant: m for m in listing.models}
    assert set(by_quant) == {"Q4_K_M", "Q8_0"}  # F16 lacks a part; mmproj is not a chat model
    split = by_quant["Q8_0"]
    assert split.name == "tiny-Q8_0"
    assert [p.filename for p in split.parts] == ["tiny-Q8_0-00001-of-00002.gguf", "tiny-Q8_0-00002-of-00002.gguf"]
    assert split.size == 500_000
    assert split.parts[0].sha256 == hashlib.sha256(files["tiny-Q8_0-00001-of-00002.gguf"]).hexdigest()
    assert listing.incomplete == ("tiny-F16 (1 of 2 parts)",)


def test_a_download_completes_verifies_and_lands_in_the_hub_cache_layout(local_hub, files, app_home) -> None:
    server = local_hub({REPO: StubRepo(files)})
    listing = hub.list_repo(REPO)
    model = _model(listing, "Q4_K_M")
    events = _run(model, listing, app_home)
    done = events[-1]
    progress = [e for e in events if isinstance(e, download.Progress)]
    assert [p.done for p in progress] == sorted(p.done for p in progress)
    assert progress[-1].done == progress[-1].total == len(files["tiny-Q4_K_M.gguf"])

    sha = model.parts[0].sha256
    cache = download.hub_cache()
    repo_dir = cache / "models--org--tiny-GGUF"
    assert done.path == repo_dir / "snapshots" / listing.commit / "tiny-Q4_K_M.gguf"
    assert done.path.is_symlink() and Path(os.path.realpath(done.path)) == (repo_dir / "blobs" / sha).resolve()
    assert done.path.read_bytes() == files["tiny-Q4_K_M.gguf"]
    assert (repo_dir / "refs" / "main").read_text() == listing.commit
    assert not list((repo_dir / "blobs").glob("*.incomplete"))
    assert download.is_verified(done.path, _app_dir(app_home))
    assert done.transferred == len(files["tiny-Q4_K_M.gguf"]) and not done.already_present

    # Nothing is downloaded twice: a second pull sends no GET for the file.
    gets_before = [r for r in server.requests if r[0] == "GET" and "/resolve/" in r[1]]
    again = _run(model, listing, app_home)[-1]
    assert again.already_present and again.transferred == 0 and again.path == done.path
    assert [r for r in server.requests if r[0] == "GET" and "/resolve/" in r[1]] == gets_before

    # What huggingface-hub itself would use finds the same file.
    from huggingface_hub import try_to_load_from_cache

    assert Path(try_to_load_from_cache(REPO, "tiny-Q4_K_M.gguf")) == done.path


def test_a_split_model_is_fetched_as_one(local_hub, files, app_home) -> None:
    local_hub({REPO: StubRepo(files)})
    listing = hub.list_repo(REPO)
    done = _run(_model(listing, "Q8_0"), listing, app_home)[-1]
    assert done.path.name == "tiny-Q8_0-00001-of-00002.gguf"
    assert done.path.with_name("tiny-Q8_0-00002-of-00002.gguf").read_bytes() == files["tiny-Q8_0-00002-of-00002.gguf"]
    found = [m for m in store.hf_cache_models(download.hub_cache()) if m.quant == "Q8_0"]
    assert len(found) == 1 and found[0].size == 500_000 and found[0].repo == REPO


def test_a_dropped_connection_resumes_where_it_stopped(local_hub, files, app_home) -> None:
    server = local_hub({REPO: StubRepo(files)})
    listing = hub.list_repo(REPO)
    size = len(files["tiny-Q4_K_M.gguf"])
    server.faults.drop_after["tiny-Q4_K_M.gguf"] = 3 * MB + 12345
    done = _run(_model(listing, "Q4_K_M"), listing, app_home)[-1]
    assert done.path.read_bytes() == files["tiny-Q4_K_M.gguf"]
    ranges = [r[2] for r in server.requests if r[0] == "GET" and "/resolve/" in r[1]]
    assert ranges[0] is None and len(ranges) == 2
    resumed_at = int(ranges[1].removeprefix("bytes=").rstrip("-"))
    assert 2 * MB <= resumed_at <= 3 * MB + 12345  # from what reached the disk, not from zero
    assert server.bytes_sent <= 3 * MB + 12345 + (size - resumed_at)


def test_pause_then_resume_later_transfers_only_the_rest(local_hub, files, app_home) -> None:
    server = local_hub({REPO: StubRepo(files)})
    server.faults.pause_per_piece = 0.03  # ~8 MB/s: progress events come while the file is half done
    listing = hub.list_repo(REPO)
    model = _model(listing, "Q4_K_M")
    size = model.size
    cancel = CancelToken()
    gen = download.download(REPO, model, commit=listing.commit, cancel=cancel, app_dir=_app_dir(app_home))
    with pytest.raises(Cancelled):
        for event in gen:
            if isinstance(event, download.Progress) and event.done >= 2 * MB:
                cancel.cancel()
    kept = download.partial_bytes(REPO, model)
    assert 2 * MB <= kept < size
    # A new run (as after a restart) asks only for the missing bytes.
    server.faults.pause_per_piece = 0
    done = _run(model, listing, app_home)[-1]
    assert done.transferred == size - kept
    resumed = [t for t in server.transfers if t[1] is not None]
    assert resumed == [("tiny-Q4_K_M.gguf", f"bytes={kept}-", size - kept)]
    assert done.path.read_bytes() == files["tiny-Q4_K_M.gguf"]


def test_cancel_discards_the_partial_file(local_hub, files, app_home) -> None:
    local_hub({REPO: StubRepo(files)}).faults.pause_per_piece = 0.03
    listing = hub.list_repo(REPO)
    model = _model(listing, "Q4_K_M")
    cancel = CancelToken()
    with pytest.raises(Cancelled):
        for event in download.download(REPO, model, commit=listing.commit, cancel=cancel, app_dir=_app_dir(app_home)):
            if isinstance(event, download.Progress) and event.done > 0:
                cancel.cancel()
    assert download.partial_bytes(REPO, model) > 0
    assert download.discard_partial(REPO, model) > 0
    assert download.partial_bytes(REPO, model) == 0


def test_wrong_bytes_are_quarantined_and_never_offered(local_hub, files, app_home) -> None:
    server = local_hub({REPO: StubRepo(files)})
    server.faults.corrupt.add("tiny-Q4_K_M.gguf")  # same size, one byte changed
    listing = hub.list_repo(REPO)
    model = _model(listing, "Q4_K_M")
    with pytest.raises(DownloadError, match="SHA-256 does not match"):
        _run(model, listing, app_home)
    repo_dir = download.hub_cache() / "models--org--tiny-GGUF"
    assert not (repo_dir / "blobs" / model.parts[0].sha256).exists()
    assert not list((repo_dir / "blobs").glob("*.incomplete"))
    assert not (repo_dir / "snapshots").exists() or not list((repo_dir / "snapshots").rglob("*.gguf"))
    quarantined = list((_app_dir(app_home) / "quarantine").iterdir())
    assert len(quarantined) == 1 and quarantined[0].stat().st_size == model.size
    assert store.discover(store.Places.for_home(app_home.data_dir), include_default=False) == []


def test_a_server_that_ignores_range_restarts_the_file(local_hub, files, app_home) -> None:
    server = local_hub({REPO: StubRepo(files)})
    listing = hub.list_repo(REPO)
    model = _model(listing, "Q4_K_M")
    server.faults.drop_after["tiny-Q4_K_M.gguf"] = 2 * MB + 7
    server.faults.ignore_range = True
    done = _run(model, listing, app_home)[-1]
    assert done.path.read_bytes() == files["tiny-Q4_K_M.gguf"]


def test_too_little_disk_space_is_refused_before_any_byte(local_hub, files, app_home, monkeypatch) -> None:
    server = local_hub({REPO: StubRepo(files)})
    listing = hub.list_repo(REPO)
    model = _model(listing, "Q4_K_M")
    real = download.shutil.disk_usage

    def small_disk(path):  # the filesystem's real numbers, with only 1 MB free
        usage = real(path)
        return usage._replace(free=1_000_000)

    monkeypatch.setattr(download.shutil, "disk_usage", small_disk)
    with pytest.raises(DownloadError, match=r"Not enough disk space .* needs 6.3 MB more"):
        _run(model, listing, app_home)
    assert not [r for r in server.requests if r[0] == "GET" and "/resolve/" in r[1]]


@pytest.mark.parametrize(
    "bad", ["../../escape.gguf", "..\\..\\escape.gguf", "/tmp/abs.gguf", "C:\\x.gguf", "x.gguf.", "n\x00ul.gguf"]
)
def test_unsafe_names_never_touch_the_disk(local_hub, app_home, tmp_path, bad) -> None:
    local_hub({REPO: StubRepo({bad: b"evil", "ok-Q4_0.gguf": b"fine"})})
    before = _tree(tmp_path)
    listing = hub.list_repo(REPO)
    assert [m.name for m in listing.models] == ["ok-Q4_0.gguf"]  # the unsafe one is not offered
    evil = hub.RemoteModel(bad, None, (hub.RemoteFile(bad, 4, hashlib.sha256(b"evil").hexdigest()),))
    with pytest.raises(DownloadError, match="not safe"):
        _run(evil, listing, app_home)
    for repo in ("../x", "org/..", "C:/x", "org/x."):
        with pytest.raises(DownloadError):
            _run(listing.models[0], hub.RepoListing(repo, listing.commit, None, False, listing.models), app_home)
    assert _tree(tmp_path) == before


def test_symlinks_planted_at_download_paths_are_not_followed(local_hub, files, app_home, tmp_path) -> None:
    local_hub({REPO: StubRepo(files)})
    listing = hub.list_repo(REPO)
    model = _model(listing, "Q4_K_M")
    sha = model.parts[0].sha256
    victim = tmp_path / "victim.txt"
    victim.write_bytes(b"do not touch")
    repo_dir = download.hub_cache() / "models--org--tiny-GGUF"
    (repo_dir / "blobs").mkdir(parents=True)
    (repo_dir / "blobs" / f"{sha}.incomplete").symlink_to(victim)
    pointer = repo_dir / "snapshots" / listing.commit / "tiny-Q4_K_M.gguf"
    pointer.parent.mkdir(parents=True)
    pointer.symlink_to(victim)
    done = _run(model, listing, app_home)[-1]
    assert victim.read_bytes() == b"do not touch"
    assert done.path.read_bytes() == files["tiny-Q4_K_M.gguf"]
    assert Path(os.path.realpath(done.path)).parent == (repo_dir / "blobs").resolve()


def test_a_symlinked_cache_folder_leading_outside_is_refused(local_hub, files, app_home, tmp_path) -> None:
    local_hub({REPO: StubRepo(files)})
    listing = hub.list_repo(REPO)
    outside = tmp_path / "outside"
    outside.mkdir()
    repo_dir = download.hub_cache() / "models--org--tiny-GGUF"
    repo_dir.mkdir(parents=True)
    (repo_dir / "blobs").symlink_to(outside, target_is_directory=True)
    with pytest.raises(DownloadError, match="outside the model cache"):
        _run(_model(listing, "Q4_K_M"), listing, app_home)
    assert list(outside.iterdir()) == []


def test_one_file_is_never_written_by_two_downloads_at_once(local_hub, files, app_home) -> None:
    import filelock

    local_hub({REPO: StubRepo(files)})
    listing = hub.list_repo(REPO)
    model = _model(listing, "Q4_K_M")
    sha = model.parts[0].sha256
    # huggingface-hub's own lock for this file, as another tool downloading it would hold it.
    lock_path = download.hub_cache() / ".locks" / "models--org--tiny-GGUF" / f"{sha}.lock"
    lock_path.parent.mkdir(parents=True)
    with filelock.FileLock(lock_path), pytest.raises(DownloadError, match="being downloaded by another"):
        _run(model, listing, app_home)
    done = _run(model, listing, app_home)[-1]  # once it is free, the download goes ahead
    assert done.path.read_bytes() == files["tiny-Q4_K_M.gguf"]


def test_gated_repo_without_a_token_says_what_to_do_and_with_one_works(local_hub, files, app_home) -> None:
    server = local_hub({REPO: StubRepo(files, gated=True)}, token="hf_secret")
    listing = hub.list_repo(REPO)  # the listing of a gated repo is public, as on the Hub
    model = _model(listing, "Q8_0")
    with pytest.raises(HubAccessDenied, match=r"gated.*access token"):
        _run(model, listing, app_home)
    with pytest.raises(HubAccessDenied, match="token"):
        _run(model, listing, app_home, token="hf_wrong")
    done = _run(model, listing, app_home, token="hf_secret")[-1]
    assert done.path.read_bytes() == files["tiny-Q8_0-00001-of-00002.gguf"]
    assert server.requests


def test_the_token_goes_to_the_hub_and_never_to_the_cdn(local_hub, files, app_home) -> None:
    server = local_hub({REPO: StubRepo(files, gated=True)}, token="hf_secret")
    server.faults.cdn = True  # file requests are redirected to another host, as LFS files are
    listing = hub.list_repo(REPO)
    done = _run(_model(listing, "Q8_0"), listing, app_home, token="hf_secret")[-1]
    assert done.path.read_bytes() == files["tiny-Q8_0-00001-of-00002.gguf"]
    assert server.cdn_auth and server.cdn_auth == [None] * len(server.cdn_auth)
    heads = [r for r in server.requests if r[0] == "HEAD"]
    assert heads  # the Hub itself was asked (with the token: it is gated and answered)


def test_private_repo_gives_the_token_message(local_hub, files) -> None:
    local_hub({REPO: StubRepo(files, private=True)}, token="hf_secret")
    with pytest.raises(HubAccessDenied, match="access token"):
        hub.list_repo(REPO)
    assert hub.list_repo(REPO, token="hf_secret").models


def test_missing_repo_and_unreachable_hub_are_told_apart(local_hub) -> None:
    with pytest.raises(HubError, match="could not be reached"):  # nobody listens on the default endpoint
        hub.search("qwen")
    local_hub({})
    with pytest.raises(HubError, match=r"token|no such repository"):
        hub.list_repo("org/missing")


def test_a_stored_token_is_private_and_read_back(hub_sandbox) -> None:
    assert hub_token.load() is None
    path = hub_token.save("hf_abc123")
    assert path == hub_sandbox / "token"
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert hub_token.load() == "hf_abc123"
    hub_token.forget()
    assert hub_token.load() is None
    with pytest.raises(HubError, match="no spaces"):
        hub_token.save("hf abc")


def test_app_folders_are_private(app_home) -> None:
    for folder in (app_home.config_dir, app_home.data_dir, app_home.cache_dir, app_home.state_dir):
        assert stat.S_IMODE(folder.stat().st_mode) == 0o700
