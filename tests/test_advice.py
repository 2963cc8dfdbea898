"""The one model the welcome suggests, from the real catalog, for machines this one is not."""

from __future__ import annotations

from assistant.models import catalog
from assistant.models.advice import first_model

GB = 1024**3
MODELS = catalog.load()


def test_with_a_gpu_the_largest_model_that_runs_entirely_on_it() -> None:
    small_gpu = first_model(MODELS, n_ctx=4096, gpu_free=6 * GB, ram_free=16 * GB)
    big_gpu = first_model(MODELS, n_ctx=4096, gpu_free=24 * GB, ram_free=16 * GB)
    assert small_gpu is not None and big_gpu is not None and small_gpu.on_gpu and big_gpu.on_gpu
    assert small_gpu.model.parameters < big_gpu.model.parameters
    assert big_gpu.model.size == "large"
    for advice, free in ((small_gpu, 6 * GB), (big_gpu, 24 * GB)):
        estimate = advice.model.estimates(n_ctx=4096, gpu_free=free, ram_free=16 * GB)[advice.quant]
        assert estimate.fit.name == "GPU" and advice.download_bytes == advice.model.approx_bytes(advice.quant)


def test_on_a_cpu_a_small_model_however_much_memory_there_is() -> None:
    laptop = first_model(MODELS, n_ctx=4096, gpu_free=0, ram_free=6 * GB)
    workstation = first_model(MODELS, n_ctx=4096, gpu_free=0, ram_free=64 * GB)
    assert laptop is not None and not laptop.on_gpu and laptop.model.size == "small"
    assert workstation == laptop  # more RAM does not make a CPU faster
    assert laptop.quant == "Q4_K_M"
    # Little memory: a smaller one; almost none: no suggestion at all.
    tight = first_model(MODELS, n_ctx=4096, gpu_free=0, ram_free=int(1.6 * GB))
    assert tight is not None and tight.model.parameters < laptop.model.parameters
    assert first_model(MODELS, n_ctx=4096, gpu_free=0, ram_free=200 * 1024**2) is None


def test_a_model_that_speaks_the_users_language_comes_first() -> None:
    chinese = first_model(MODELS, n_ctx=4096, gpu_free=0, ram_free=6 * GB, language="zh_CN")
    assert chinese is not None and "zh" in chinese.model.languages
    on_gpu = first_model(MODELS, n_ctx=4096, gpu_free=10 * GB, ram_free=16 * GB, language="zh_CN")
    assert on_gpu is not None and on_gpu.on_gpu and "zh" in on_gpu.model.languages
