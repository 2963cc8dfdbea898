"""How much memory a model needs at a context length: weights + KV cache + compute buffers.

One formula for both questions the app asks: the engine's offload plan, from a model file's GGUF
header (``estimate_memory``), and the fit label before a download, from a file size and, for catalog
models, the layer geometry (``models.fit.estimate`` via ``estimate``). Where a number is unknown a rule
of thumb stands in for it, and every rule errs high, so a model labelled "fits" is not refused when
it loads.
"""

from __future__ import annotations

from dataclasses import dataclass

from assistant.models.gguf_info import GGUFInfo

KV_BYTES_PER_VALUE = 2.0
"""Keys and values are stored as f16 unless the user asks llama.cpp for a quantised cache."""

# llama.cpp's default micro-batch (n_ubatch): the compute buffers are sized for this many tokens.
_COMPUTE_BATCH_TOKENS = 512
# Graph bookkeeping, small scratch tensors and allocator slack, whatever the model.
_COMPUTE_FIXED_BYTES = 64 * 1024 * 1024
# Compute buffers when the vocabulary and width are not known (before a download): a typical
# 150k-token vocabulary and 4k-wide model make them ~0.4 GB.
_COMPUTE_UNKNOWN_BYTES = 400 * 1024**2
# KV values per token and layer for each billion parameters, from common GQA models (Llama-3-8B,
# Qwen2.5-7B, Gemma-2-2B): used only when the geometry is unknown.
_KV_VALUES_PER_TOKEN_PER_BPARAM = 8192


@dataclass(frozen=True)
class MemoryEstimate:
    """Bytes needed to run a model at a given context length (an estimate that errs high)."""

    weights_bytes: int
    kv_cache_bytes: int
    compute_bytes: int
    total_bytes: int
    per_layer_bytes: int
    """One repeating layer: its weights plus its share of the KV cache. For choosing how many to offload."""


def estimate(
    weights_bytes: int,
    n_ctx: int,
    *,
    layers: int,
    kv_values_per_layer: int,
    largest_layer_bytes: int = 0,
    vocab: int | None = None,
    width: int | None = None,
    kv_bytes_per_value: float = KV_BYTES_PER_VALUE,
) -> MemoryEstimate:
    """The estimate from the model's shape: ``kv_values_per_layer`` is what one token stores per layer
    (keys and values together); ``vocab`` and ``width`` size the compute buffers when known."""
    if n_ctx < 1:
        raise ValueError(f"n_ctx must be at least 1, got {n_ctx}")
    kv_per_layer = round(n_ctx * kv_values_per_layer * kv_bytes_per_value)
    kv_cache = layers * kv_per_layer
    compute = _compute_bytes(vocab, width)
    return MemoryEstimate(
        weights_bytes=weights_bytes,
        kv_cache_bytes=kv_cache,
        compute_bytes=compute,
        total_bytes=weights_bytes + kv_cache + compute,
        per_layer_bytes=largest_layer_bytes + kv_per_layer,
    )


def estimate_memory(info: GGUFInfo, n_ctx: int, *, kv_bytes_per_value: float = KV_BYTES_PER_VALUE) -> MemoryEstimate:
    """The estimate for a model file, from its header.

    Weights: llama.cpp maps the tensor data as it is in the file, so their size is the data size.
    KV cache: per layer and per token, one key and one value vector for each KV head. Sliding-window
    layers are counted as full ones: an overestimate is safe.
    """
    k_width, v_width = _kv_widths(info)
    return estimate(
        info.tensor_data_bytes,
        n_ctx,
        layers=info.block_count or 0,
        kv_values_per_layer=k_width + v_width,
        largest_layer_bytes=info.largest_block_bytes,
        vocab=info.vocab_size,
        width=info.embedding_length,
        kv_bytes_per_value=kv_bytes_per_value,
    )


def kv_values_guess(parameters: float) -> int:
    """KV values per token (all layers together) for a model of this many parameters, geometry unknown."""
    return round(_KV_VALUES_PER_TOKEN_PER_BPARAM * parameters / 1e9)


def _compute_bytes(vocab: int | None, width: int | None) -> int:
    """A modest guess at llama.cpp's compute buffers, which do not depend much on the context length.

    Per token of a batch: f32 logits over the vocabulary, plus a handful (8) of f32 activation
    vectors of the embedding width alive at once. Attention scores are left out: with flash attention
    (llama.cpp's default where supported) they are not materialised.
    """
    if not vocab and not width:
        return _COMPUTE_UNKNOWN_BYTES
    per_token = ((vocab or 0) + 8 * (width or 0)) * 4
    return _COMPUTE_FIXED_BYTES + _COMPUTE_BATCH_TOKENS * per_token


def _kv_widths(info: GGUFInfo) -> tuple[int, int]:
    """Numbers stored per token and layer for keys and for values."""
    if info.head_count_kv and info.key_length and info.value_length:
        return info.head_count_kv * info.key_length, info.head_count_kv * info.value_length
    # Without head geometry assume plain multi-head attention: as wide as the embedding (an upper bound).
    width = info.embedding_length or 0
    return width, width


def available_ram() -> int:
    """RAM the OS could give a new allocation now (MemAvailable, not MemFree: caches count)."""
    import psutil

    return int(psutil.virtual_memory().available)
