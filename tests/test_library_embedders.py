"""A collection's embedding model: the catalog's models with the prefixes they expect, fetched from a
stand-in Hub (the real download path: listing, resume, SHA-256) and loaded by the real engine beside
the built-in one; changing a collection's model indexes it again, in the panel and on the command line.

The stand-in serves the built-in model's GGUF under a catalog model's name (the real files are
hundreds of MB and the Hub cannot be reached here): the engine and the prefixes are real, so the
vectors show which text was embedded."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from assistant import paths as paths_mod
from assistant.bench.local_hub import StubRepo
from assistant.errors import AssistantError
from assistant.jobs.library import index_collection
from assistant.library import embedders
from assistant.library.search import search
from assistant.library.store import LibraryStore
from assistant.models import catalog
from assistant.models.store import built_in_embedding_path
from assistant.ui.library.panel import LibraryPanel
from assistant.workers.engine_host import EngineHost
from assistant.workers.library_indexer import IDLE, LibraryIndexer

LICENSES = Path("/usr/share/common-licenses")
NOMIC = "nomic-embed-text v1.5"
TIMEOUT_MS = 180_000


@pytest.fixture
def nomic(local_hub) -> catalog.EmbeddingEntry:
    """The catalog's nomic-embed entry, its repository served by the stand-in Hub."""
    entry = embedders.find(NOMIC)
    local_hub({entry.repo: StubRepo({entry.file: built_in_embedding_path().read_bytes()})})
    return entry


@pytest.fixture
def docs(tmp_path: Path) -> Path:
    folder = tmp_path / "docs"
    folder.mkdir()
    for name in ("CC0-1.0", "BSD", "Apache-2.0"):
        shutil.copyfile(LICENSES / name, folder / name)
    return folder


def test_the_catalog_lists_embedding_models_with_their_prefixes() -> None:
    entries = {e.name: e for e in embedders.available()}
    assert next(iter(entries)) == embedders.BUILT_IN.name
    assert {"Qwen3 Embedding 0.6B", "EmbeddingGemma 300M", NOMIC, "BGE-M3"} <= set(entries)
    assert entries[NOMIC].query_prefix == "search_query: " and entries[NOMIC].document_prefix == "search_document: "
    assert entries["EmbeddingGemma 300M"].document_prefix.startswith("title: none")
    assert entries["Qwen3 Embedding 0.6B"].query_prefix.startswith("Instruct: ")
    with pytest.raises(AssistantError, match="not an embedding model the Library knows"):
        embedders.find("text-embedding-3-small")


def test_a_catalog_model_is_fetched_once_and_its_prefixes_are_used(nomic, docs, tmp_path, engine) -> None:
    models_dir = paths_mod.get().models_dir
    assert embedders.local_path(nomic, models_dir) is None
    store = LibraryStore(tmp_path / "library.sqlite3")
    collection = store.create("Licences", [docs], nomic.name)
    with pytest.raises(AssistantError, match="not on this computer"):
        embedders.document_embed(engine, collection, models_dir)

    from assistant.core.cancel import CancelToken

    events = list(embedders.fetch(nomic, app_dir=models_dir, cancel=CancelToken()))
    path = embedders.local_path(nomic, models_dir)
    assert path is not None and path.name == nomic.file and events[-1].path == path

    list(index_collection(store, collection, embedders.document_embed(engine, collection, models_dir)))
    ids, matrix = store.vectors(collection)
    text = store.passages([int(ids[0])])[int(ids[0])].text
    prefixed = np.array(engine.embed(["search_document: " + text], model=str(path))[0], dtype=np.float32)
    plain = np.array(engine.embed([text])[0], dtype=np.float32)
    assert np.abs(matrix[0] - prefixed).max() < 1e-4 < np.abs(matrix[0] - plain).max()

    question = "How do I waive copyright and dedicate a work to the public domain?"
    [hit] = search(store, collection, question, embedders.query_embed(engine, collection, models_dir), limit=1)
    asked = np.array(engine.embed(["search_query: " + question], model=str(path))[0], dtype=np.float32)
    stored = matrix[list(ids).index(hit.passage.id)]
    assert Path(hit.passage.path).name == "CC0-1.0" and abs(hit.similarity - float(stored @ asked)) < 1e-4
    store.close()


def test_changing_the_model_in_the_panel_downloads_it_and_indexes_again(qtbot, nomic, docs, tmp_path, engine) -> None:
    host = EngineHost(engine)
    store = LibraryStore(tmp_path / "library.sqlite3")
    indexer = LibraryIndexer(host, store, paths_mod.get().models_dir)
    panel = LibraryPanel(store, indexer)
    qtbot.addWidget(panel)
    try:
        panel.create_collection("Licences", [docs])
        qtbot.waitUntil(lambda: indexer.state("Licences") == IDLE, timeout=TIMEOUT_MS)
        before = store.vectors(store.get("Licences"))[1].copy()
        offered = [panel.embedder.itemText(i) for i in range(panel.embedder.count())]
        assert offered[0] == embedders.BUILT_IN.name and f"{NOMIC} — download {nomic.size_mb} MB" in offered

        seen: list[str] = []
        indexer.event.connect(lambda _n, e: seen.append(type(e).__name__))
        panel.change_embedder("Licences", NOMIC, confirm=False)
        qtbot.waitUntil(
            lambda: store.get("Licences").embedder == NOMIC and indexer.state("Licences") == IDLE
            and not indexer.downloading("Licences"),
            timeout=TIMEOUT_MS,
        )  # fmt: skip
        assert "Done" in seen and seen.index("Done") < seen.index("Scanned")
        after = store.vectors(store.get("Licences"))[1]
        assert after.shape == before.shape and np.abs(after - before).max() > 1e-3, "re-embedded with the prefix"
        assert panel.files.counts()["indexed"] == 3
        assert panel.embedder.currentText() == NOMIC  # on disk now: no "download" any more
    finally:
        indexer.shutdown()
        host.background_pool.waitForDone(30_000)
        store.close()


def test_the_command_line_lists_sets_and_uses_embedding_models(nomic, docs, local_hub) -> None:
    def cli(*args: str) -> subprocess.CompletedProcess:
        return subprocess.run([sys.executable, "-m", "assistant", "library", *args], capture_output=True,
                              text=True, timeout=300)  # fmt: skip

    listed = cli("embedders")
    assert listed.returncode == 0 and f"{NOMIC}:" in listed.stdout and "download 146 MB" in listed.stdout
    assert cli("create", "Licences", str(docs)).returncode == 0
    assert cli("index", "Licences").returncode == 0
    changed = cli("embedder", "Licences", NOMIC)
    assert changed.returncode == 0, changed.stderr
    assert "now uses" in changed.stdout
    assert cli("index", "Licences").returncode == 0
    [row] = json.loads(cli("ls", "--json").stdout)
    assert row["embedder"] == NOMIC and row["files"]["indexed"] == 3
    wrong = cli("embedder", "Licences", "no-such-model")
    assert wrong.returncode != 0 and "not an embedding model the Library knows" in wrong.stderr
