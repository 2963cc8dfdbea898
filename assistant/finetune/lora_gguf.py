"""Writing a LoRA adapter as llama.cpp loads it: a GGUF file of ``general.type = "adapter"``.

The layout is the one llama.cpp's ``convert_lora_to_gguf.py`` writes and ``llama-adapter.cpp``
checks: the base model's architecture name, ``adapter.type = "lora"``, ``adapter.lora.alpha``, and
for each adapted weight ``<base tensor name>.lora_a`` (rank × in, as PyTorch holds it) and
``.lora_b`` (out × rank). llama.cpp applies ``scale × alpha / rank × B·A`` on top of the base weight,
so the adapter works on the quantised base model as it is. Written with the ``gguf`` package's own
writer; numpy only, no torch, so the engine's tests can make adapters too.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

import numpy as np


@dataclass(frozen=True)
class LoraWeights:
    a: np.ndarray
    """(rank, in_features)"""
    b: np.ndarray
    """(out_features, rank)"""


def write_lora_gguf(
    path: Path,
    *,
    architecture: str,
    alpha: float,
    weights: Mapping[str, LoraWeights],
    name: str = "",
    base_model: str = "",
) -> Path:
    """Write ``weights`` (keyed by the base model's GGUF tensor names, e.g. "blk.0.attn_q.weight")
    to ``path`` atomically; return the path. Tensors are stored as f32 (small next to the model).
    Raises ValueError when a pair's shapes do not fit together."""
    import gguf

    if not weights:
        raise ValueError("an adapter needs at least one adapted weight")
    for tensor, w in weights.items():
        if w.a.ndim != 2 or w.b.ndim != 2 or w.a.shape[0] != w.b.shape[1]:
            raise ValueError(f"{tensor}: lora_a {w.a.shape} and lora_b {w.b.shape} do not share a rank")
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    temp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    writer = gguf.GGUFWriter(str(temp), architecture)
    done = False
    try:
        writer.add_type(gguf.GGUFType.ADAPTER)
        writer.add_string(gguf.Keys.Adapter.TYPE, "lora")
        writer.add_float32(gguf.Keys.Adapter.LORA_ALPHA, float(alpha))
        if name:
            writer.add_name(name)
        if base_model:
            writer.add_string("assistant.base_model", base_model)
        for tensor, w in sorted(weights.items()):
            writer.add_tensor(f"{tensor}.lora_a", np.ascontiguousarray(w.a, dtype=np.float32))
            writer.add_tensor(f"{tensor}.lora_b", np.ascontiguousarray(w.b, dtype=np.float32))
        writer.write_header_to_file()
        writer.write_kv_data_to_file()
        writer.write_tensors_to_file()
        done = True
    finally:
        writer.close()
        if not done:
            temp.unlink(missing_ok=True)
    os.replace(temp, path)
    return path
