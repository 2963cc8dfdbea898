"""How a model is loaded: context size, GPU layers, threads, flash attention, batch sizes.

One definition for the user's engine settings, the app's request to its engine process (as JSON)
and the runtime that loads the model. Kept apart from ``runtime`` so the GUI process can build one
without importing llama.cpp.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from typing import Any

from assistant.settings import EngineSettings


@dataclass(frozen=True)
class LoadOptions:
    n_ctx: int = 4096
    """Requested context; capped by the model's trained context."""
    n_gpu_layers: int = -1
    """-1: decide from free memory; 0: CPU only; N: that many layers on the GPU."""
    threads: int = 0
    """0: one per physical core."""
    flash_attn: str = "auto"
    n_batch: int = 2048
    n_ubatch: int = 512

    @classmethod
    def from_settings(cls, settings: EngineSettings) -> LoadOptions:
        return cls(
            n_ctx=settings.n_ctx,
            n_gpu_layers=settings.n_gpu_layers,
            threads=settings.threads,
            flash_attn=settings.flash_attn,
        )

    def to_dict(self) -> dict[str, Any]:
        """As it travels to the engine process."""
        return dataclasses.asdict(self)

    @classmethod
    def from_dict(cls, raw: dict[str, Any]) -> LoadOptions:
        """From a request; unknown keys (a newer app talking to an older engine) are left out."""
        known = {f.name for f in dataclasses.fields(cls)}
        return cls(**{k: v for k, v in raw.items() if k in known})
