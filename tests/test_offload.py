"""Where layers go, decided before loading from the estimate and the free memory."""

from __future__ import annotations

import pytest

from assistant.engine.offload import ALL_LAYERS, plan_offload
from assistant.errors import ModelTooLarge
from assistant.models.memory import MemoryEstimate

GB = 1_000_000_000


def estimate(total_gb: float, layers: int = 32) -> MemoryEstimate:
    total = int(total_gb * GB)
    per_layer = int(total * 0.9 / layers)
    return MemoryEstimate(
        weights_bytes=int(total * 0.8),
        kv_cache_bytes=int(total * 0.15),
        compute_bytes=int(total * 0.05),
        total_bytes=total,
        per_layer_bytes=per_layer,
    )


def plan(total_gb, gpu_gb, ram_gb, requested=-1):
    return plan_offload(
        estimate(total_gb),
        block_count=32,
        model_name="Big",
        n_ctx=4096,
        gpu_free=int(gpu_gb * GB),
        ram_free=int(ram_gb * GB),
        requested_layers=requested,
    )


def test_fits_on_gpu_means_all_layers() -> None:
    assert plan(6, gpu_gb=24, ram_gb=16).n_gpu_layers == ALL_LAYERS


def test_partial_offload_when_gpu_is_short() -> None:
    chosen = plan(20, gpu_gb=12, ram_gb=32)
    assert 0 < chosen.n_gpu_layers < 32
    assert "layers on the GPU" in chosen.reason


def test_cpu_only_when_no_gpu() -> None:
    assert plan(6, gpu_gb=0, ram_gb=16).n_gpu_layers == 0


def test_user_setting_is_kept() -> None:
    assert plan(6, gpu_gb=24, ram_gb=16, requested=10).n_gpu_layers == 10
    assert plan(6, gpu_gb=24, ram_gb=16, requested=0).n_gpu_layers == 0


@pytest.mark.parametrize("gpu_gb, ram_gb, where", [(0, 6.2, "memory"), (4, 3, "GPU memory and RAM together")])
def test_too_large_is_refused_with_numbers(gpu_gb, ram_gb, where) -> None:
    with pytest.raises(ModelTooLarge) as caught:
        plan(9.1, gpu_gb=gpu_gb, ram_gb=ram_gb)
    message = str(caught.value)
    assert "Big needs 9.1 GB" in message and where in message and "free" in message
