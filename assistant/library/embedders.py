"""The embedding models a collection can be indexed with, where each one's file is, and how a
collection's texts are embedded with it.

A collection keeps the name of its model: its vectors only compare with vectors of the same model
(other models' have other meanings, and often other lengths), so changing the model re-indexes the
collection (``LibraryStore.set_embedder``). The built-in all-MiniLM-L6-v2 is made at set-up and is
always there; the catalog's (``resources/models/catalog.toml``) come from the Hugging Face Hub once,
checked against their SHA-256 like chat models, and are then found in the Hub cache offline.

Each model gets the text its card asks for in front of a question and of a passage
(``query_prefix``, ``document_prefix``); the engine is told which model by the file's path, so
collections with different models can be indexed and searched side by side.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from assistant.core.cancel import CancelToken
from assistant.errors import translatable
from assistant.library.search import Embed
from assistant.library.store import Collection, LibraryError
from assistant.models import catalog, download, hub
from assistant.models.catalog import EmbeddingEntry
from assistant.models.store import built_in_embedding_path

BUILT_IN = EmbeddingEntry(
    name="all-MiniLM-L6-v2",
    repo="",
    file="",
    licence="Apache-2.0",
    size_mb=0,
    dimensions=384,
    languages=("en",),
    query_prefix="",
    document_prefix="",
    summary="Built in: small and quick, English.",
)


def available() -> list[EmbeddingEntry]:
    """The built-in model first, then the catalog's."""
    return [BUILT_IN, *catalog.load_embeddings()]


def find(name: str) -> EmbeddingEntry:
    for entry in available():
        if entry.name == name:
            return entry
    raise LibraryError(
        translatable("“{name}” is not an embedding model the Library knows; choose one of: {known}"),
        name=name,
        known=", ".join(e.name for e in available()),
    )


def local_path(entry: EmbeddingEntry, app_dir: Path) -> Path | None:
    """The model's file on this computer, checked against its SHA-256; None if it is not here
    (or not checked yet: fetching it then checks the file that is there without downloading it)."""
    if entry is BUILT_IN or not entry.repo:
        path = built_in_embedding_path()
        return path if path.is_file() else None
    snapshots = download.repo_folder(entry.repo) / "snapshots"
    found = sorted(snapshots.glob(f"*/{entry.file}"), key=lambda p: p.stat().st_mtime, reverse=True)
    return next((p for p in found if download.is_verified(p, app_dir)), None)


def fetch(
    entry: EmbeddingEntry, *, app_dir: Path, cancel: CancelToken, token: str | None = None
) -> Iterator[download.DownloadEvent]:
    """Download the model's file from the Hub (resuming a partial one), checked like a chat model's."""
    listing = hub.list_repo(entry.repo, token=token)
    model = next((m for m in listing.models if m.first_file == entry.file), None)
    if model is None:
        raise LibraryError(
            translatable("{repo} on the Hugging Face Hub has no file {file} (any more)."),
            repo=entry.repo,
            file=entry.file,
        )
    yield from download.download(entry.repo, model, commit=listing.commit, cancel=cancel, app_dir=app_dir, token=token)


def _path_for(collection: Collection, app_dir: Path) -> tuple[EmbeddingEntry, Path]:
    entry = find(collection.embedder)
    path = local_path(entry, app_dir)
    if path is None:
        raise LibraryError(
            translatable(
                "The embedding model of “{collection}”, {model}, is not on this computer. "
                "Download it from the Library panel (Embedding model), or choose another."
            ),
            collection=collection.name,
            model=entry.name,
        )
    return entry, path


def document_embed(engine, collection: Collection, app_dir: Path) -> Embed:
    """How the collection's passages are embedded (its model, with its passage prefix)."""
    entry, path = _path_for(collection, app_dir)
    # Passages are cut by characters; dense text (hashes, URLs) can still outrun the model's tokens:
    # its start then stands for it, rather than the file failing.
    return lambda texts: engine.embed([entry.document_prefix + t for t in texts], model=str(path), truncate=True)


def query_embed(engine, collection: Collection, app_dir: Path) -> Embed:
    """How a question to the collection is embedded (its model, with its question prefix)."""
    entry, path = _path_for(collection, app_dir)
    return lambda texts: engine.embed([entry.query_prefix + t for t in texts], model=str(path), truncate=True)
