"""Finding models already on disk: the Hub cache, LM Studio, GPT4All, Ollama and the user's folders,
laid out by the test as those apps lay them out. Nothing is copied; only the app's own files are deleted."""

from __future__ import annotations

import hashlib
import json
import os
import shutil
from pathlib import Path

import pytest

from assistant.bench.local_hub import StubRepo
from assistant.core.cancel import CancelToken
from assistant.errors import AssistantError
from assistant.models import download, hub, store


def _write(path: Path, data: bytes = b"GGUF" + b"\0" * 60) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    return path


@pytest.fixture
def home(tmp_path: Path) -> Path:
    return tmp_path / "userhome"


def _places(home: Path) -> store.Places:
    return store.Places.for_home(home, hf_cache=download.hub_cache())


def _ollama(home: Path, default_model: Path, name: str = "smollm2", tag: str = "135m") -> Path:
    root = home / ".ollama" / "models"
    data = default_model.read_bytes()
    digest = hashlib.sha256(data).hexdigest()
    blob = _write(root / "blobs" / f"sha256-{digest}", data)
    manifest = {
        "schemaVersion": 2,
        "layers": [
            {"mediaType": "application/vnd.ollama.image.template", "digest": "sha256:" + "1" * 64, "size": 10},
            {"mediaType": "application/vnd.ollama.image.model", "digest": f"sha256:{digest}", "size": len(data)},
        ],
    }
    _write(root / "manifests" / "registry.ollama.ai" / "library" / name / tag, json.dumps(manifest).encode())
    return blob


def test_each_other_app_is_found_in_place(home: Path, default_model: Path) -> None:
    lm = _write(home / ".lmstudio" / "models" / "bartowski" / "Llama-3.2-1B-GGUF" / "Llama-3.2-1B-Q4_K_M.gguf")
    old_lm = _write(home / ".cache" / "lm-studio" / "models" / "x" / "y" / "phi-Q8_0.gguf")
    g4a = _write(home / ".local" / "share" / "nomic.ai" / "GPT4All" / "qwen2-1_5b-instruct-q4_0.gguf")
    blob = _ollama(home, default_model)
    # Not models: an mmproj file, a half-present split model, a text file, a hidden folder.
    _write(home / ".lmstudio" / "models" / "a" / "b" / "mmproj-f16.gguf")
    _write(home / ".lmstudio" / "models" / "a" / "b" / "big-Q4_K_M-00001-of-00002.gguf")
    _write(home / ".lmstudio" / "models" / "a" / "b" / "notes.txt")
    _write(home / ".lmstudio" / "models" / ".trash" / "gone-Q4_0.gguf")

    found = {m.path: m for m in store.discover(_places(home), include_default=False)}
    if os.uname().sysname == "Linux":
        assert set(found) == {lm, old_lm, g4a, blob}
    assert found[lm].source == store.LM_STUDIO and found[lm].quant == "Q4_K_M"
    assert found[g4a].source == store.GPT4ALL and found[g4a].quant == "Q4_0"
    assert found[blob].source == store.OLLAMA
    assert found[blob].name == "smollm2:135m"
    assert found[blob].quant == "Q4_1"  # the blob has no name: read from the GGUF itself
    assert not any(m.owned for m in found.values())


def test_split_models_are_listed_once_with_their_whole_size(home: Path) -> None:
    folder = home / "models"
    _write(folder / "m-Q4_K_M-00001-of-00002.gguf", b"a" * 100)
    _write(folder / "m-Q4_K_M-00002-of-00002.gguf", b"b" * 50)
    found = store.discover(_places(home), added=[str(folder)], include_default=False)
    assert [(m.name, m.size, m.source) for m in found] == [("m-Q4_K_M", 150, store.ADDED)]


def test_added_files_hidden_models_and_the_built_in_one(home: Path, default_model: Path) -> None:
    single = _write(home / "elsewhere" / "mine-Q5_K_M.gguf")
    lm = _write(home / ".lmstudio" / "models" / "p" / "r" / "x-Q4_K_M.gguf")
    found = store.discover(_places(home), added=[str(single)])
    assert found[0].source == store.BUILT_IN and found[0].path == default_model
    assert {m.path for m in found} == {default_model, single, lm}
    hidden = store.discover(_places(home), added=[str(single)], hidden=[str(lm)])
    assert lm not in {m.path for m in hidden}
    no_apps = store.discover(_places(home), added=[str(single)], other_apps=False)
    assert lm not in {m.path for m in no_apps}


def test_a_symlink_loop_and_unreadable_manifests_do_not_stop_discovery(home: Path) -> None:
    folder = home / ".lmstudio" / "models"
    _write(folder / "a" / "ok-Q4_0.gguf")
    (folder / "a" / "loop").symlink_to(folder, target_is_directory=True)
    manifests = home / ".ollama" / "models" / "manifests" / "registry.ollama.ai" / "library"
    _write(manifests / "junk" / "latest", b"\xff\xfe not json")
    evil = {"layers": [{"mediaType": "application/vnd.ollama.image.model", "digest": "sha256:../../../../etc/passwd"}]}
    _write(manifests / "evil" / "latest", json.dumps(evil).encode())
    found = store.discover(_places(home), include_default=False)
    assert [m.name for m in found] == ["ok-Q4_0"]


def _pull(local_hub, app_home, files: dict[str, bytes], quant: str):
    listing = hub.list_repo("org/m-GGUF")
    model = next(m for m in listing.models if m.quant == quant)
    events = list(
        download.download(
            "org/m-GGUF", model, commit=listing.commit, cancel=CancelToken(), app_dir=app_home.data_dir / "models"
        )
    )
    return events[-1].path


def test_deleting_a_downloaded_model_frees_its_blob_but_not_a_shared_one(local_hub, app_home, home) -> None:
    same = os.urandom(1000)
    files = {"m-Q4_0.gguf": os.urandom(2000), "m-Q8_0.gguf": same, "copy/m-Q8_0.gguf": same}
    local_hub({"org/m-GGUF": StubRepo(files)})
    q4 = _pull(local_hub, app_home, files, "Q4_0")
    found = {m.path: m for m in store.discover(_places(home), include_default=False)}
    assert found[q4].owned and found[q4].repo == "org/m-GGUF" and found[q4].source == store.HF_CACHE
    blob = Path(os.path.realpath(q4))
    assert store.delete(found[q4]) == 2000
    assert not os.path.lexists(q4) and not blob.exists()

    # Two snapshot entries pointing at one blob: deleting one keeps the blob for the other.
    listing = hub.list_repo("org/m-GGUF")
    for model in listing.models:
        list(download.download("org/m-GGUF", model, commit=listing.commit, cancel=CancelToken(),
                               app_dir=app_home.data_dir / "models"))  # fmt: skip
    snapshot = download.hub_cache() / "models--org--m-GGUF" / "snapshots" / listing.commit
    # Listed once (one file on disk), though two names point at it.
    listed = [m for m in store.discover(_places(home), include_default=False) if m.quant == "Q8_0"]
    assert len(listed) == 1
    models = [store.model_from_file(p, store.HF_CACHE, repo="org/m-GGUF")
              for p in (snapshot / "m-Q8_0.gguf", snapshot / "copy" / "m-Q8_0.gguf")]  # fmt: skip
    assert store.delete(models[0]) == 0
    assert models[1].path.read_bytes() == same


def test_models_other_apps_own_are_never_deleted(home: Path) -> None:
    lm = _write(home / ".lmstudio" / "models" / "p" / "r" / "x-Q4_K_M.gguf")
    model = store.discover(_places(home), include_default=False)[0]
    with pytest.raises(AssistantError, match="only forgets"):
        store.delete(model)
    assert lm.exists()


def test_a_model_fetched_by_huggingface_hub_itself_is_found_and_checked(local_hub, app_home, home) -> None:
    from huggingface_hub import hf_hub_download

    data = os.urandom(4000)
    local_hub({"org/m-GGUF": StubRepo({"m-Q4_0.gguf": data})})
    path = Path(hf_hub_download("org/m-GGUF", "m-Q4_0.gguf"))
    found = store.discover(_places(home), include_default=False)
    assert [m.path for m in found] == [path]
    app_dir = app_home.data_dir / "models"
    assert not download.is_verified(path, app_dir)
    # Pulling it through the app reads and checks it instead of downloading again.
    listing = hub.list_repo("org/m-GGUF")
    events = list(download.download("org/m-GGUF", listing.models[0], commit=listing.commit, cancel=CancelToken(),
                                    app_dir=app_dir))  # fmt: skip
    assert events[-1].already_present and events[-1].transferred == 0
    assert download.is_verified(path, app_dir)
    # A file changed afterwards is no longer taken as checked.
    blob = Path(os.path.realpath(path))
    shutil.copyfile(blob, blob.with_suffix(".tmp"))
    os.replace(blob.with_suffix(".tmp"), blob)
    os.utime(blob, ns=(1, 1))
    assert not download.is_verified(path, app_dir)
