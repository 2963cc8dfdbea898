"""Decide, before loading, where a model's layers go: all on the GPU, some, or none; or refuse.

llama.cpp itself would try to allocate and then abort or crawl in swap. Comparing the estimate
(weights + KV cache + compute buffers, from ``models.memory.estimate_memory``) with the free
memory we can see lets us pick the offload or refuse with numbers the user can act on.
Pure functions: the numbers come in as arguments, so every branch is tested without a GPU.
"""

from __future__ import annotations

from dataclasses import dataclass

from assistant.errors import ModelTooLarge, translatable
from assistant.models.fit import usable_gpu as usable_gpu_memory
from assistant.models.memory import MemoryEstimate
from assistant.units import format_bytes

ALL_LAYERS = 999
"""What llama.cpp takes as "every layer" (any number above the layer count)."""


@dataclass(frozen=True)
class OffloadPlan:
    n_gpu_layers: int
    """0: CPU only; ALL_LAYERS: everything on the GPU; otherwise that many layers."""
    reason: str
    """One line for the log and the model details: why this choice."""


def plan_offload(
    estimate: MemoryEstimate,
    *,
    block_count: int,
    model_name: str,
    n_ctx: int,
    gpu_free: int,
    ram_free: int,
    requested_layers: int = -1,
) -> OffloadPlan:
    """Choose ``n_gpu_layers``; raise ``ModelTooLarge`` when GPU and RAM together cannot hold it.

    ``gpu_free`` is 0 when there is no usable GPU (a CPU build, or no device).
    ``requested_layers`` is the user's setting: -1 decides here, any other number is kept.
    """
    need = estimate.total_bytes
    if gpu_free <= 0 or requested_layers == 0:
        if need > ram_free:
            raise _too_large(model_name, need, ram_free, n_ctx, gpu=False)
        return OffloadPlan(0, f"CPU: needs {format_bytes(need)}, {format_bytes(ram_free)} RAM free")

    usable_gpu = usable_gpu_memory(gpu_free)
    if need > usable_gpu + ram_free:
        raise _too_large(model_name, need, usable_gpu + ram_free, n_ctx, gpu=True)
    if requested_layers > 0:
        return OffloadPlan(requested_layers, f"{requested_layers} layers on the GPU, as set in settings")
    if need <= usable_gpu:
        return OffloadPlan(
            ALL_LAYERS, f"all layers on the GPU: needs {format_bytes(need)}, {format_bytes(usable_gpu)} usable"
        )

    # Partial offload: what is not per-layer (embeddings, output head, compute buffers) is
    # counted against the GPU first, then as many whole layers as fit.
    fixed = max(0, need - estimate.per_layer_bytes * block_count)
    room = usable_gpu - fixed
    layers = max(0, min(block_count, room // estimate.per_layer_bytes if estimate.per_layer_bytes else 0))
    return OffloadPlan(
        int(layers),
        f"{layers} of {block_count} layers on the GPU: needs {format_bytes(need)}, "
        f"{format_bytes(usable_gpu)} usable on the GPU",
    )


def _too_large(model_name: str, need: int, free: int, n_ctx: int, *, gpu: bool) -> ModelTooLarge:
    """``free``: of RAM, or with ``gpu`` of GPU memory and RAM together."""
    template = (
        translatable(
            "{name} needs {need} at a context of {n_ctx:,} tokens, but only {free} of GPU memory and RAM together "
            "is free. Close other programs, choose a smaller context size, or a smaller model or quantisation."
        )
        if gpu
        else translatable(
            "{name} needs {need} at a context of {n_ctx:,} tokens, but only {free} of memory is free. "
            "Close other programs, choose a smaller context size, or a smaller model or quantisation."
        )
    )
    return ModelTooLarge(template, name=model_name, need=format_bytes(need), free=format_bytes(free), n_ctx=n_ctx)
