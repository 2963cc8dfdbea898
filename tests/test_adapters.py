"""LoRA adapters in the real engine: written with the gguf package as llama.cpp's converter writes
them, applied per request on top of the quantised default model, switched without a reload."""

from __future__ import annotations

from pathlib import Path

import gguf
import numpy as np
import pytest

from assistant.core.inference import GenerationParams, Message
from assistant.engine.local import LocalEngine
from assistant.errors import EngineRequestError, ModelFileError
from assistant.finetune.lora_gguf import LoraWeights, write_lora_gguf
from assistant.models.gguf_info import read_adapter_info

PROMPT = [Message("user", "Write one sentence about the sea.")]
GREEDY = GenerationParams(max_tokens=24, temperature=0.0, repeat_penalty=1.0)


def _shapes(model: Path) -> dict[str, tuple[int, int]]:
    """(out, in) of each attention query/value weight, as PyTorch would hold it."""
    reader = gguf.GGUFReader(str(model))
    shapes = {}
    for t in reader.tensors:
        if t.name.endswith((".attn_q.weight", ".attn_v.weight")):
            n_in, n_out = (int(x) for x in t.shape[:2])  # GGUF lists the fastest-varying dimension first
            shapes[t.name] = (n_out, n_in)
    return shapes


def _adapter(path: Path, shapes: dict[str, tuple[int, int]], *, seed: int = 0, arch: str = "llama", rank: int = 8,
             wrong_shape: bool = False) -> Path:  # fmt: skip
    rng = np.random.default_rng(seed)
    weights = {}
    for name, (n_out, n_in) in shapes.items():
        if wrong_shape:
            n_in += 1
        weights[name] = LoraWeights(
            a=rng.normal(0, 0.08, (rank, n_in)).astype(np.float32),
            b=rng.normal(0, 0.08, (n_out, rank)).astype(np.float32),
        )
    return write_lora_gguf(path, architecture=arch, alpha=2.0 * rank, weights=weights, name="test style")


@pytest.fixture(scope="module")
def adapters(tmp_path_factory, default_model: Path) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("adapters")
    shapes = _shapes(default_model)
    assert len(shapes) == 60  # 30 blocks × (q, v)
    return {
        "style": _adapter(folder / "style.gguf", shapes, seed=1),
        "other": _adapter(folder / "other.gguf", shapes, seed=2),
        "qwen": _adapter(folder / "qwen.gguf", shapes, arch="qwen2"),
        "misfit": _adapter(folder / "misfit.gguf", shapes, wrong_shape=True),
    }


def _reply(engine: LocalEngine, **params) -> str:
    return _reply_and_timings(engine, **params)[0]


def _reply_and_timings(engine: LocalEngine, **params):
    chunks = list(engine.chat(PROMPT, GenerationParams(**{**GREEDY.__dict__, **params})))
    return "".join(c.text for c in chunks), next(c.timings for c in chunks if c.timings is not None)


def test_the_written_file_reads_back_as_an_adapter(adapters) -> None:
    info = read_adapter_info(adapters["style"])
    assert (info.architecture, info.alpha, info.tensor_count, info.name) == ("llama", 16.0, 120, "test style")


def test_an_adapter_changes_the_reply_and_switching_does_not_reload(engine: LocalEngine, adapters) -> None:
    before = engine.ensure_ready()
    pid = engine.process.pid
    plain = _reply(engine)
    styled = _reply(engine, adapter=str(adapters["style"]))
    other = _reply(engine, adapter=str(adapters["other"]))
    assert styled != plain and other != styled
    assert _reply(engine, adapter=str(adapters["style"])) == styled  # the same adapter, the same text
    assert _reply(engine, adapter=str(adapters["style"]), adapter_scale=0.0) == plain  # scale 0: the base model
    half = _reply(engine, adapter=str(adapters["style"]), adapter_scale=0.5)
    assert half != plain
    assert _reply(engine) == plain  # off again: exactly the base model

    # Keys and values computed under one adapter are never reused under another (or none).
    _reply(engine, adapter=str(adapters["style"]))
    _, same = _reply_and_timings(engine, adapter=str(adapters["style"]))
    _, switched = _reply_and_timings(engine, adapter=str(adapters["other"]))
    _, off = _reply_and_timings(engine)
    assert same.cache_n > 0 and switched.cache_n == 0 and off.cache_n == 0
    after = engine.ensure_ready()
    assert after["load_ms"] == before["load_ms"] and engine.process.pid == pid  # no reload, no restart


def test_an_adapter_for_another_architecture_is_refused_clearly(engine: LocalEngine, adapters) -> None:
    with pytest.raises(EngineRequestError, match="made for a qwen2 model"):
        _reply(engine, adapter=str(adapters["qwen"]))
    assert _reply(engine)  # the engine still answers


def test_an_adapter_of_the_wrong_shapes_is_refused_clearly(engine: LocalEngine, adapters) -> None:
    with pytest.raises(EngineRequestError, match=r"does not fit .*another base model"):
        _reply(engine, adapter=str(adapters["misfit"]))
    assert _reply(engine)


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "empty"),
        (b"\x00\x01garbage" * 100, "not a GGUF"),
        (None, "not a LoRA adapter"),  # the model file itself
    ],
)
def test_files_that_are_not_adapters_are_refused(engine: LocalEngine, tmp_path, default_model, content, message):
    path = default_model if content is None else tmp_path / "bad.gguf"
    if content is not None:
        path.write_bytes(content)
    with pytest.raises(ModelFileError, match=message):
        read_adapter_info(path)
    with pytest.raises(EngineRequestError, match=message):
        _reply(engine, adapter=str(path))
    assert _reply(engine)


def test_a_missing_adapter_file_is_a_clear_error(engine: LocalEngine, tmp_path) -> None:
    with pytest.raises(EngineRequestError, match=r"gone\.gguf"):
        _reply(engine, adapter=str(tmp_path / "gone.gguf"))


def test_scores_follow_the_model_and_the_adapter(engine: LocalEngine, adapters) -> None:
    natural = "The sea was calm and the boats rested in the harbour until the morning."
    scrambled = "harbour the calm boats morning sea the was rested until in and the The."
    plain = engine.score(natural)
    assert plain["tokens"] > 10 and plain["perplexity"] == pytest.approx(
        2.718281828 ** (plain["nll"] / plain["tokens"])
    )
    assert engine.score(scrambled)["perplexity"] > 2 * plain["perplexity"]
    assert engine.score(natural) == plain  # deterministic
    noisy = engine.score(natural, adapter=str(adapters["style"]))
    assert noisy["perplexity"] != plain["perplexity"]  # a random adapter changes the prediction
    assert engine.score(natural, adapter=str(adapters["style"]), adapter_scale=0.0) == plain
    assert _reply(engine)  # scoring leaves the engine ready for chat
