"""The app's client against llama.cpp's own ``llama-server`` as a remote engine: the server users point
the app at, not a second copy of our engine. ``make test`` builds it (``make llama-server``) from the
llama.cpp that llama-cpp-python vendors."""

from __future__ import annotations

import json
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import jsonschema
import numpy as np
import pytest

from assistant.core.cancel import CancelToken
from assistant.core.inference import GenerationParams, Message
from assistant.engine.local import LocalEngine
from assistant.engine.remote import RemoteEngine
from assistant.errors import EngineAuthError, EngineRequestError
from assistant.models.store import built_in_embedding_path

KEY = "remote-key"
GREEDY = GenerationParams(max_tokens=24, temperature=0.0, seed=1)
HELLO = [Message("user", "What is 2+2?")]


def llama_server_binary() -> Path:
    found = Path(sys.executable).parent / "llama-server"
    if not found.is_file():
        pytest.fail("llama-server is not built: `make llama-server` builds it (`make test` does so itself)")
    return found


class LlamaServer:
    def __init__(self, model: Path, *args: str) -> None:
        with socket.socket() as s:
            s.bind(("127.0.0.1", 0))
            self.port = s.getsockname()[1]
        self.url = f"http://127.0.0.1:{self.port}"
        self.process = subprocess.Popen(
            [str(llama_server_binary()), "-m", str(model), "--host", "127.0.0.1", "--port", str(self.port),
             "--api-key", KEY, "-c", "2048", "-np", "1", "-t", "2", *args],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
        )  # fmt: skip
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"llama-server exited: {self.process.stderr.read().decode()[-2000:]}")
            try:
                with urllib.request.urlopen(f"{self.url}/health", timeout=2) as reply:
                    if reply.status == 200:
                        return
            except (urllib.error.URLError, OSError):
                pass
            time.sleep(0.2)
        self.close()
        raise RuntimeError("llama-server did not become ready in 60 s")

    def close(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(10)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        self.process.stderr.close()


@pytest.fixture
def server(default_model: Path):
    running = LlamaServer(default_model)
    yield running
    running.close()


def test_chat_streams_with_llama_servers_timings(server: LlamaServer) -> None:
    remote = RemoteEngine(server.url + "/v1", KEY)
    assert remote.ensure_ready()["id"]
    chunks = list(remote.chat(HELLO, GREEDY))
    assert "".join(c.text for c in chunks).strip()
    last = chunks[-1]
    assert last.finish_reason in ("stop", "length")
    assert last.timings.predicted_n > 0 and last.timings.predicted_per_second > 0
    assert remote.count_tokens("hello world") >= 2, "llama-server's /tokenize"


def test_stop_ends_a_remote_reply_at_once(server: LlamaServer) -> None:
    remote = RemoteEngine(server.url, KEY)
    cancel = CancelToken()
    long = GenerationParams(max_tokens=4000, temperature=0.0, ignore_eos=True)
    stream = remote.chat([Message("user", "Count to a thousand.")], long, cancel)
    first = next(stream)
    assert first is not None
    stopped = time.perf_counter()
    cancel.cancel()
    rest = list(stream)
    assert rest[-1].finish_reason == "cancelled"
    assert time.perf_counter() - stopped < 1.0


def test_a_wrong_key_is_said_plainly(server: LlamaServer) -> None:
    wrong = RemoteEngine(server.url, "not-the-key")
    with pytest.raises(EngineAuthError, match="refused the API key"):
        wrong.ensure_ready()
    with pytest.raises(EngineAuthError):
        list(wrong.chat(HELLO, GREEDY))


def test_structured_output_through_llama_server(server: LlamaServer) -> None:
    schema = {"type": "object", "properties": {"answer": {"type": "integer"}}, "required": ["answer"]}
    params = GenerationParams(max_tokens=40, temperature=0.0, json_schema=json.dumps(schema))
    text = "".join(c.text for c in RemoteEngine(server.url, KEY).chat(HELLO, params))
    jsonschema.validate(json.loads(text), schema)


def test_a_prompt_too_long_for_llama_server_is_a_clear_error(server: LlamaServer) -> None:
    with pytest.raises(EngineRequestError):
        list(RemoteEngine(server.url, KEY).complete("word " * 5000, GenerationParams(max_tokens=4)))


def test_thinking_arrives_apart_from_the_answer_as_from_our_engine(thinking_model: Path, session_paths) -> None:
    remote_server = LlamaServer(thinking_model)
    local = LocalEngine(session_paths, thinking_model, {"n_ctx": 2048})
    try:
        theirs = list(RemoteEngine(remote_server.url, KEY).chat(HELLO, GREEDY))
        ours = list(local.chat(HELLO, GREEDY))
        for chunks in (theirs, ours):
            assert "".join(c.reasoning for c in chunks).strip(), "thinking, as reasoning"
            assert not "".join(c.text for c in chunks).strip(), "the small model never closes the block"
    finally:
        remote_server.close()
        local.close()


def test_embeddings_agree_with_our_engine(engine: LocalEngine) -> None:
    texts = ["The cat sits on the mat.", "Interest rates rose again.", "把这份报告翻译成英文。"]
    remote_server = LlamaServer(built_in_embedding_path(), "--embeddings")
    try:
        theirs = np.array(RemoteEngine(remote_server.url, KEY).embed(texts))
    finally:
        remote_server.close()
    ours = np.array(engine.embed(texts))
    assert theirs.shape == ours.shape == (3, 384)
    assert (theirs * ours).sum(axis=1).min() > 0.999


def test_reranking_agrees_with_our_engine(engine: LocalEngine, tmp_path: Path) -> None:
    """The same reranker GGUF scores the same pairs alike in llama-server (``--reranking``) and ours:
    the pair is built the same way and the same classification head applied."""
    from reranker_model import make_reranker

    reranker = make_reranker(tmp_path / "reranker.gguf", np.random.default_rng(7).standard_normal(384), 0.25)
    question = "How do I stop a reply?"
    documents = ["Press Esc to stop the reply.", "Interest rates rose again.", "把这份报告翻译成英文。"]
    remote_server = LlamaServer(reranker, "--reranking")
    try:
        theirs = np.array(RemoteEngine(remote_server.url, KEY).rerank(question, documents))
    finally:
        remote_server.close()
    ours = np.array(engine.rerank(question, documents, str(reranker)))
    assert np.abs(theirs - ours).max() < 1e-3 * np.abs(ours).max(), (theirs, ours)


def test_a_collection_indexed_here_is_not_searched_with_a_remote_servers_other_model(
    engine: LocalEngine, default_model: Path, tmp_path: Path
) -> None:
    """A remote server embeds with its own model; vectors of another model (here SmolLM2's 576 numbers
    against MiniLM's 384) are refused in words, for a question and for new passages alike."""
    import shutil

    from assistant.jobs.library import index_collection
    from assistant.library.embedders import document_embed, query_embed
    from assistant.library.search import search
    from assistant.library.store import LibraryError, LibraryStore

    docs = tmp_path / "docs"
    docs.mkdir()
    shutil.copyfile("/usr/share/common-licenses/BSD", docs / "BSD")
    store = LibraryStore(tmp_path / "library.sqlite3")
    collection = store.create("Licences", [docs], "all-MiniLM-L6-v2")
    list(index_collection(store, collection, document_embed(engine, collection, tmp_path)))
    remote_server = LlamaServer(default_model, "--embeddings", "--pooling", "mean")
    try:
        remote = RemoteEngine(remote_server.url, KEY)
        with pytest.raises(LibraryError, match=r"“Licences” was indexed with all-MiniLM-L6-v2 \(384.*\(576\)"):
            search(store, collection, "redistribution", query_embed(remote, collection, tmp_path))
        (docs / "more.txt").write_text("Another licence, added while the remote server was in use.\n")
        with pytest.raises(LibraryError, match="Settings → Engine"):
            list(index_collection(store, collection, document_embed(remote, collection, tmp_path)))
    finally:
        remote_server.close()
    assert store.files(collection)[str((docs / "BSD").resolve())].status == "indexed", "what was indexed stays"
    assert search(store, collection, "redistribution", query_embed(engine, collection, tmp_path))
    store.close()
