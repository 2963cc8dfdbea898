"""Which one model to suggest to a new user, for this machine (issue 15: the first start).

The built-in model is there so the app works offline from the first second; it is too small for good
writing help. The welcome suggests one catalog model, picked from the free memory the machine has now:

- with a GPU: the largest model whose recommended quantisation runs entirely on it;
- without one: the largest *small* model that takes at most half the free RAM. On a CPU a reply's
  speed is bound by memory bandwidth over the weights' size, so beyond ~2.5B parameters replies
  crawl on an ordinary laptop, however much RAM it has; half, because the user's other programs stay.

A model that speaks the user's language is preferred when there is one. Pure: the free memory comes
in as arguments, so every case is tested without the hardware.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from assistant.models import fit
from assistant.models.catalog import CatalogModel

CPU_SIZES = ("small",)
RAM_SHARE = 0.5


@dataclass(frozen=True)
class Advice:
    model: CatalogModel
    quant: str
    download_bytes: int
    on_gpu: bool


def first_model(
    models: Sequence[CatalogModel], *, n_ctx: int, gpu_free: int, ram_free: int, language: str = "en"
) -> Advice | None:
    """The model to suggest, or None when nothing in the catalog would run well here."""
    candidates: list[Advice] = []
    for model in models:
        if gpu_free > 0:
            estimates = model.estimates(n_ctx=n_ctx, gpu_free=gpu_free, ram_free=ram_free)
            quant = fit.recommend(estimates.items())
            if quant is not None and estimates[quant].fit is fit.Fit.GPU:
                candidates.append(Advice(model, quant, model.approx_bytes(quant), on_gpu=True))
                continue
        if model.size in CPU_SIZES:
            estimates = model.estimates(n_ctx=n_ctx, gpu_free=0, ram_free=int(ram_free * RAM_SHARE))
            quant = fit.recommend(estimates.items())
            if quant is not None:
                candidates.append(Advice(model, quant, model.approx_bytes(quant), on_gpu=False))
    if not candidates:
        return None
    speaks = [a for a in candidates if language.split("_")[0] in a.model.languages]
    pool = speaks or candidates
    on_gpu = [a for a in pool if a.on_gpu]
    return max(on_gpu or pool, key=lambda a: a.model.parameters)
