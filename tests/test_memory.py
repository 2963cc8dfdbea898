"""models.memory: one estimate for the fit label before a download and the engine's plan after it."""

from __future__ import annotations

from assistant.models import fit
from assistant.models.gguf_info import read_info
from assistant.models.memory import estimate_memory
from assistant.models.store import default_model_path


def test_the_label_before_a_download_and_the_engines_plan_agree_when_the_shape_is_known() -> None:
    """For the default model, the fit estimate from its size and geometry equals (within its compute
    guess, made without the vocabulary) what the engine plans from the file's header."""
    info = read_info(default_model_path())
    assert info.head_count_kv and info.key_length == info.value_length
    engine = estimate_memory(info, 4096)
    label = fit.estimate(
        info.tensor_data_bytes,
        quant=info.quantization,
        n_ctx=4096,
        gpu_free=0,
        ram_free=1 << 40,
        geometry=fit.Geometry(layers=info.block_count, kv_width=info.head_count_kv * info.key_length),
    )
    assert label.kv_bytes == engine.kv_cache_bytes
    assert label.weights_bytes == engine.weights_bytes
    assert label.need_bytes >= engine.total_bytes  # without the vocabulary it errs high, never low
