"""Exporting a personalised model as one GGUF (``finetune/merge.py``, ``assistant personalize export
--merged``): llama.cpp must see the merged file exactly as it sees the base with the adapter loaded,
and a merge that cannot be done says why and leaves no file behind."""

from __future__ import annotations

import json
import resource
import signal
import subprocess
import sys
from pathlib import Path

import gguf
import numpy as np
import pytest

from assistant import paths as paths_mod
from assistant.engine.local import LocalEngine
from assistant.errors import Cancelled, ModelFileError
from assistant.finetune import adapters
from assistant.finetune.lora_gguf import LoraWeights, write_lora_gguf
from assistant.finetune.merge import MergeError, merge, merging

TEXT = (
    "The committee met on Tuesday to review the budget for the coming year. After a long discussion, "
    "the members agreed to fund the new library wing and to postpone the repairs to the old bridge. "
) * 4


def random_adapter(path: Path, *, rank: int = 4, size: float = 0.05, architecture: str = "llama",
                   q_in: int = 576) -> Path:  # fmt: skip
    """An adapter on every layer's query and down projections, big enough to change the output."""
    rng = np.random.default_rng(7)

    def pair(n_in: int) -> LoraWeights:
        return LoraWeights(rng.normal(0, size, (rank, n_in)).astype(np.float32),
                           rng.normal(0, size, (576, rank)).astype(np.float32))  # fmt: skip

    weights = {}
    for i in range(30):
        weights[f"blk.{i}.attn_q.weight"] = pair(q_in)
        weights[f"blk.{i}.ffn_down.weight"] = pair(1536)
    return write_lora_gguf(path, architecture=architecture, alpha=2 * rank, weights=weights)


def perplexity(paths: paths_mod.Paths, model: Path, adapter: str = "") -> float:
    engine = LocalEngine(paths, model, {"n_ctx": 2048})
    try:
        return engine.score(TEXT, adapter=adapter)["perplexity"]
    finally:
        engine.close()


def test_llama_cpp_sees_the_merged_model_as_the_base_with_the_adapter(tmp_path, app_home, default_model) -> None:
    adapter = random_adapter(tmp_path / "adapter.gguf")
    merged = merge(default_model, adapter, tmp_path / "merged.gguf", quant="f16", name="Merged")
    # The same base converted without the adapter (scale 0): the fair reference, as the merged file
    # holds F16 weights where the base holds Q4_1 ones.
    converted = merge(default_model, adapter, tmp_path / "converted.gguf", quant="f16", scale=0.0)

    with_adapter = perplexity(app_home, converted, str(adapter))
    without = perplexity(app_home, converted)
    baked_in = perplexity(app_home, merged)
    assert abs(with_adapter - without) > 0.05 * without  # the adapter matters…
    assert baked_in == pytest.approx(with_adapter, rel=0.005)  # …and the merge is what llama.cpp applies

    as_q8 = merge(default_model, adapter, tmp_path / "merged-q8.gguf", quant="q8_0")
    assert perplexity(app_home, as_q8) == pytest.approx(baked_in, rel=0.02)
    assert as_q8.stat().st_size < 0.6 * merged.stat().st_size

    # Everything but the weights is the base's: tokenizer, chat template, hyperparameters.
    base_fields = gguf.GGUFReader(str(default_model)).fields
    merged_fields = gguf.GGUFReader(str(merged)).fields
    for key in ("tokenizer.chat_template", "tokenizer.ggml.tokens", "tokenizer.ggml.merges", "llama.block_count",
                "llama.rope.freq_base", "tokenizer.ggml.eos_token_id"):  # fmt: skip
        assert merged_fields[key].contents() == base_fields[key].contents(), key
    assert merged_fields["general.name"].contents() == "Merged"
    assert merged_fields["general.file_type"].contents() == gguf.LlamaFileType.MOSTLY_F16
    assert not list(tmp_path.glob(".*partial"))


def test_what_cannot_be_merged_is_refused_in_words_and_leaves_no_file(tmp_path, default_model) -> None:
    out = tmp_path / "merged.gguf"
    wrong_shape = random_adapter(tmp_path / "wide.gguf", q_in=600)
    with pytest.raises(MergeError, match=r"does not fit SmolLM2.*attn_q"):
        merge(default_model, wrong_shape, out)
    other_arch = random_adapter(tmp_path / "qwen.gguf", architecture="qwen2")
    with pytest.raises(MergeError, match="for a qwen2 model"):
        merge(default_model, other_arch, out)
    with pytest.raises(MergeError, match="f16 or q8_0"):
        merge(default_model, random_adapter(tmp_path / "fine.gguf"), out, quant="q4_0")

    half = tmp_path / "half.gguf"  # a lora_a without its lora_b
    writer = gguf.GGUFWriter(str(half), "llama")
    writer.add_type(gguf.GGUFType.ADAPTER)
    writer.add_string(gguf.Keys.Adapter.TYPE, "lora")
    writer.add_float32(gguf.Keys.Adapter.LORA_ALPHA, 8.0)
    writer.add_tensor("blk.0.attn_q.weight.lora_a", np.zeros((4, 576), np.float32))
    writer.write_header_to_file()
    writer.write_kv_data_to_file()
    writer.write_tensors_to_file()
    writer.close()
    with pytest.raises(MergeError, match="damaged"):
        merge(default_model, half, out)

    junk = tmp_path / "junk.gguf"
    junk.write_bytes(b"GGUF" + bytes(range(256)) * 10)
    with pytest.raises(ModelFileError, match=r"junk\.gguf"):
        merge(default_model, junk, out)
    assert list(tmp_path.glob("merged*")) == [] and not list(tmp_path.glob(".*partial"))


def test_a_stopped_merge_leaves_nothing(tmp_path, default_model) -> None:
    from assistant.core.cancel import CancelToken

    cancel = CancelToken()
    out = tmp_path / "merged.gguf"
    seen = []
    with pytest.raises(Cancelled):
        for done, total in merging(default_model, random_adapter(tmp_path / "a.gguf"), out, cancel=cancel):
            seen.append((done, total))
            if done == 20:
                cancel.cancel()
    assert [d for d, _ in seen] == list(range(1, 21)) and seen[-1][1] > 200
    assert not out.exists() and sorted(p.name for p in tmp_path.glob("*.gguf*")) == ["a.gguf"]
    assert not list(tmp_path.glob(".*partial"))


def register(data_dir: Path, name: str, adapter_source: Path, base: Path) -> adapters.Adapter:
    """An adapter in the app's adapters folder, as training leaves it."""
    folder = adapters.folder_for(data_dir, name)
    folder.mkdir(parents=True)
    (folder / adapters.ADAPTER_FILE).write_bytes(adapter_source.read_bytes())
    summary = {"name": name, "base": str(base), "base_fingerprint": adapters.fingerprint(base),
               "created": "2026-11-23T08:00:00"}  # fmt: skip
    (folder / adapters.SUMMARY_FILE).write_text(json.dumps(summary))
    return adapters.find(data_dir, name)


def test_export_from_the_command_line(tmp_path, app_home, default_model) -> None:
    from test_cli import assert_user_error, assistant

    adapter = register(app_home.data_dir, "Letters", random_adapter(tmp_path / "a.gguf"), default_model)
    copied = assistant("personalize", "export", "Letters", str(tmp_path / "letters-lora.gguf"))
    assert copied.returncode == 0, copied.stderr
    assert (tmp_path / "letters-lora.gguf").read_bytes() == adapter.path.read_bytes()

    merged = assistant("personalize", "export", "Letters", "--merged", "--quant", "q8_0", str(tmp_path / "m.gguf"))
    assert merged.returncode == 0, merged.stderr
    assert "merging: 100%" in merged.stderr and Path(merged.stdout.strip()) == tmp_path / "m.gguf"
    fields = gguf.GGUFReader(str(tmp_path / "m.gguf")).fields
    assert fields["general.file_type"].contents() == gguf.LlamaFileType.MOSTLY_Q8_0
    assert fields["general.name"].contents() == f"{default_model.stem} + Letters"

    assert_user_error(assistant("personalize", "export", "Nobody", "--merged", str(tmp_path / "x.gguf")),
                      "no adapter called")  # fmt: skip
    assert_user_error(assistant("personalize", "export", "Letters", "--merged", str(tmp_path / "no" / "x.gguf")),
                      "does not exist")  # fmt: skip


def test_a_write_that_fails_midway_says_so_and_leaves_no_half_model(tmp_path, app_home, default_model) -> None:
    """The file-size limit makes the write fail partway, as a full disk does (EFBIG instead of ENOSPC)."""
    register(app_home.data_dir, "Letters", random_adapter(tmp_path / "a.gguf"), default_model)

    def small_files() -> None:
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # a failed write(), not a killed process
        resource.setrlimit(resource.RLIMIT_FSIZE, (40 << 20, 40 << 20))

    out = tmp_path / "out"
    out.mkdir()
    result = subprocess.run([sys.executable, "-m", "assistant", "personalize", "export", "Letters", "--merged",
                             str(out / "m.gguf")], capture_output=True, text=True, timeout=300,
                            preexec_fn=small_files)  # fmt: skip
    assert result.returncode == 2, result.stderr
    assert "could not be written" in result.stderr and "check the free space" in result.stderr
    assert "Traceback" not in result.stderr
    assert list(out.iterdir()) == []
