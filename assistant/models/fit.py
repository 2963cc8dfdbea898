"""Will a model file run here, and which quantisation should this machine take?

Before a download there is no GGUF to read, only a file size, a quantisation label and, for catalog
models, the layer geometry. The estimate is ``models.memory``'s, the one the engine plans with after
loading, with its rules of thumb where a number is unknown; it errs high. Pure functions: free memory
comes in as arguments, so every label is tested without a GPU.
"""

from __future__ import annotations

import enum
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from assistant.models import memory

# Room left free on the GPU for the CUDA context, cuBLAS workspaces and other programs' use.
GPU_HEADROOM_FRACTION = 0.05
GPU_HEADROOM_MIN = 512 * 1024**2

# Bits per weight of each quantisation, as llama.cpp's quantize tool reports them for a 7-8B model
# (embeddings and output kept at higher precision included).
BITS_PER_WEIGHT: dict[str, float] = {
    "IQ1_S": 1.56, "IQ1_M": 1.75, "IQ2_XXS": 2.06, "IQ2_XS": 2.31, "IQ2_S": 2.5, "IQ2_M": 2.7,
    "Q2_K": 3.35, "IQ3_XXS": 3.06, "IQ3_XS": 3.3, "IQ3_S": 3.44, "IQ3_M": 3.66, "Q3_K_S": 3.5,
    "Q3_K_M": 3.91, "Q3_K_L": 4.27, "IQ4_XS": 4.25, "IQ4_NL": 4.5, "Q4_0": 4.55, "Q4_K_S": 4.58,
    "Q4_K_M": 4.85, "Q4_1": 5.0, "MXFP4": 4.25, "MXFP4_MOE": 4.25, "Q5_0": 5.54, "Q5_K_S": 5.54,
    "Q5_K_M": 5.69, "Q5_1": 6.0, "Q6_K": 6.56, "Q8_0": 8.5, "F16": 16.0, "BF16": 16.0, "F32": 32.0,
}  # fmt: skip

SWEET_SPOT = "Q4_K_M"
"""Where quality per byte levels off (llama.cpp's perplexity tables): the pick when a model does not
fit entirely on a GPU, since CPU speed is bound by memory bandwidth and smaller is faster."""
BEST_USEFUL = "Q8_0"
"""Above this the quality gain is not measurable in chat use; F16/F32 only double the download."""


class Fit(enum.Enum):
    GPU = "fits on GPU"
    PARTLY_GPU = "partly on GPU"
    CPU_ONLY = "CPU only"
    TOO_LARGE = "too large"


@dataclass(frozen=True)
class Geometry:
    """What sets the KV cache's size: layers × (KV heads × head width) per token."""

    layers: int
    kv_width: int


@dataclass(frozen=True)
class Estimate:
    fit: Fit
    need_bytes: int
    weights_bytes: int
    kv_bytes: int


def usable_gpu(gpu_free: int) -> int:
    """GPU memory a model may take, leaving headroom for the CUDA context and other programs."""
    if gpu_free <= 0:
        return 0
    return max(0, gpu_free - max(GPU_HEADROOM_MIN, int(gpu_free * GPU_HEADROOM_FRACTION)))


def parameters_from_size(size_bytes: int, quant: str | None) -> float:
    """Parameters a file of this size and quantisation holds (an estimate; 4.85 bits if unknown)."""
    bpw = BITS_PER_WEIGHT.get(quant or "", BITS_PER_WEIGHT[SWEET_SPOT])
    return size_bytes * 8 / bpw


def estimate(
    size_bytes: int,
    *,
    quant: str | None,
    n_ctx: int,
    gpu_free: int,
    ram_free: int,
    geometry: Geometry | None = None,
    parameters: float | None = None,
) -> Estimate:
    """Where a model file of ``size_bytes`` would run with a context of ``n_ctx`` tokens."""
    if geometry is not None:  # keys and values: kv_width each
        shape = {"layers": geometry.layers, "kv_values_per_layer": 2 * geometry.kv_width}
    else:
        params = parameters or parameters_from_size(size_bytes, quant)
        shape = {"layers": 1, "kv_values_per_layer": memory.kv_values_guess(params)}
    needs = memory.estimate(size_bytes, n_ctx, **shape)
    need, kv = needs.total_bytes, needs.kv_cache_bytes
    gpu = usable_gpu(gpu_free)
    if gpu and need <= gpu:
        fit = Fit.GPU
    elif gpu and need <= gpu + ram_free:
        fit = Fit.PARTLY_GPU
    elif not gpu and need <= ram_free:
        fit = Fit.CPU_ONLY
    else:
        fit = Fit.TOO_LARGE
    return Estimate(fit, need, size_bytes, kv)


def recommend(estimates: Iterable[tuple[str, Estimate]]) -> str | None:
    """The quantisation to highlight for this machine among ``(quant, estimate)`` pairs.

    The best quality that runs entirely on the GPU (up to Q8_0); otherwise the sweet spot (Q4_K_M,
    or the nearest smaller one) among those that run at all; otherwise the largest that runs.
    """
    runnable = [(q, e) for q, e in estimates if e.fit is not Fit.TOO_LARGE and q in BITS_PER_WEIGHT]
    if not runnable:
        return None
    best_useful = BITS_PER_WEIGHT[BEST_USEFUL]
    on_gpu = [(BITS_PER_WEIGHT[q], q) for q, e in runnable if e.fit is Fit.GPU and BITS_PER_WEIGHT[q] <= best_useful]
    if on_gpu:
        return max(on_gpu)[1]
    sweet = BITS_PER_WEIGHT[SWEET_SPOT]
    at_most_sweet = [(BITS_PER_WEIGHT[q], q) for q, _ in runnable if BITS_PER_WEIGHT[q] <= sweet]
    if at_most_sweet:
        return max(at_most_sweet)[1]
    return min((BITS_PER_WEIGHT[q], q) for q, _ in runnable)[1]


def best_of(labels: Sequence[str]) -> list[str]:
    """Quantisation labels ordered from the highest precision to the lowest (unknown ones last)."""
    return sorted(labels, key=lambda q: -BITS_PER_WEIGHT.get(q, 0.0))
