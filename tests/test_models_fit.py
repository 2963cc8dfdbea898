"""Names from the Hub, fit estimates and the curated catalog: no network, no engine."""

from __future__ import annotations

import pytest

from assistant.errors import AssistantError, DownloadError
from assistant.models import catalog, fit, naming

GB = 1000**3


@pytest.mark.parametrize(
    "repo",
    ["..", "../x", "org/..", "org/../x", "org\\x", "/etc/passwd", "C:/x", "org/x/y", "org/x.", "org/ x",
     "org/x\x00y", "", "org/", "/x", "org/.hidden"],
)  # fmt: skip
def test_unsafe_repo_ids_are_refused(repo: str) -> None:
    with pytest.raises(DownloadError, match="not a Hugging Face repository name"):
        naming.check_repo_id(repo)


@pytest.mark.parametrize("repo", ["Qwen/Qwen2.5-7B-Instruct-GGUF", "bartowski/google_gemma-3-4b-it-GGUF", "a/b"])
def test_real_repo_ids_pass(repo: str) -> None:
    assert naming.check_repo_id(repo) == repo


@pytest.mark.parametrize(
    "name",
    ["../model.gguf", "..\\model.gguf", "a/../../model.gguf", "/etc/model.gguf", "C:\\model.gguf", "c:model.gguf",
     "model.gguf.", "model.gguf ", "dir./model.gguf", "mod\x00el.gguf", "a//b.gguf", "./model.gguf", "",
     "nul.gguf", "COM1", "a:b.gguf", "x\nb.gguf"],
)  # fmt: skip
def test_unsafe_file_names_are_refused(name: str) -> None:
    with pytest.raises(DownloadError, match="not safe to save"):
        naming.check_filename(name)


@pytest.mark.parametrize("name", ["model-Q4_K_M.gguf", "Q8_0/model-Q8_0-00001-of-00002.gguf", "a.b-c_d.gguf"])
def test_ordinary_file_names_pass(name: str) -> None:
    assert naming.check_filename(name) == name


@pytest.mark.parametrize(
    ("name", "quant"),
    [
        ("Qwen2.5-7B-Instruct-Q4_K_M.gguf", "Q4_K_M"),
        ("Meta-Llama-3.1-8B-Instruct-IQ4_XS.gguf", "IQ4_XS"),
        ("smollm2-135m-instruct-q4_1.gguf", "Q4_1"),
        ("phi-4-f16.gguf", "F16"),
        ("model.fp16.gguf", "F16"),
        ("gemma-3-4b-it-bf16-00001-of-00002.gguf", "BF16"),
        ("Q8-model.Q4_0.gguf", "Q4_0"),
        ("model.gguf", None),
    ],
)
def test_quant_label_from_file_name(name: str, quant: str | None) -> None:
    assert naming.quant_label(name) == quant


def test_split_names() -> None:
    assert naming.split_name("dir/x-Q4_K_M-00002-of-00003.gguf") == naming.SplitName("x-Q4_K_M", 2, 3)
    assert naming.split_name("x-00004-of-00003.gguf") is None  # a part past the end is not a part
    assert naming.split_name("x-Q4_K_M.gguf") is None


def test_fit_labels_follow_free_memory() -> None:
    size = 4 * GB  # a 7B model at ~Q4
    geometry = fit.Geometry(layers=32, kv_width=1024)
    kw = {"quant": "Q4_K_M", "n_ctx": 4096, "geometry": geometry}
    # KV: 2 × 32 layers × 1024 × 4096 tokens × 2 bytes = 512 MiB; plus ~400 MiB of compute buffers.
    on_gpu = fit.estimate(size, gpu_free=24 * GB, ram_free=16 * GB, **kw)
    assert on_gpu.fit is fit.Fit.GPU
    assert on_gpu.kv_bytes == 2 * 32 * 1024 * 4096 * 2
    assert fit.estimate(size, gpu_free=3 * GB, ram_free=16 * GB, **kw).fit is fit.Fit.PARTLY_GPU
    assert fit.estimate(size, gpu_free=0, ram_free=8 * GB, **kw).fit is fit.Fit.CPU_ONLY
    assert fit.estimate(size, gpu_free=0, ram_free=4 * GB, **kw).fit is fit.Fit.TOO_LARGE
    assert fit.estimate(size, gpu_free=1 * GB, ram_free=2 * GB, **kw).fit is fit.Fit.TOO_LARGE


def test_a_longer_context_needs_more_memory() -> None:
    small = fit.estimate(4 * GB, quant="Q4_K_M", n_ctx=2048, gpu_free=0, ram_free=64 * GB)
    large = fit.estimate(4 * GB, quant="Q4_K_M", n_ctx=32768, gpu_free=0, ram_free=64 * GB)
    assert large.need_bytes > small.need_bytes
    assert large.kv_bytes == pytest.approx(small.kv_bytes * 16, rel=0.01)


def _estimates(sizes: dict[str, int], gpu: int, ram: int) -> list[tuple[str, fit.Estimate]]:
    return [(q, fit.estimate(s, quant=q, n_ctx=4096, gpu_free=gpu, ram_free=ram)) for q, s in sizes.items()]


SEVEN_B = {"Q2_K": 3 * GB, "Q4_K_M": 4_700_000_000, "Q5_K_M": 5_400_000_000, "Q6_K": 6_300_000_000,
           "Q8_0": 8_100_000_000, "F16": 15_200_000_000}  # fmt: skip


def test_recommendation_takes_the_best_quality_that_runs_on_the_gpu() -> None:
    assert fit.recommend(_estimates(SEVEN_B, gpu=80 * GB, ram=64 * GB)) == "Q8_0"  # not F16: no gain
    assert fit.recommend(_estimates(SEVEN_B, gpu=8 * GB, ram=64 * GB)) == "Q6_K"


def test_recommendation_on_cpu_is_the_sweet_spot_or_smaller() -> None:
    assert fit.recommend(_estimates(SEVEN_B, gpu=0, ram=32 * GB)) == "Q4_K_M"
    assert fit.recommend(_estimates(SEVEN_B, gpu=0, ram=5 * GB)) == "Q2_K"
    assert fit.recommend(_estimates(SEVEN_B, gpu=0, ram=2 * GB)) is None


def test_catalog_loads_and_every_entry_is_usable() -> None:
    models = catalog.load()
    assert len(models) >= 12
    assert {m.size for m in models} == set(catalog.SIZES)
    assert {"Qwen", "Llama", "Gemma", "Phi", "SmolLM", "Mistral"} <= {m.family for m in models}
    for m in models:
        assert m.licence and m.languages and m.context >= 4096
        estimates = m.estimates(n_ctx=4096, gpu_free=0, ram_free=64 * GB)
        assert set(estimates) == set(m.quants)
        # Bigger quantisations take more disk.
        sizes = [m.approx_bytes(q) for q in fit.best_of(list(m.quants))]
        assert sizes == sorted(sizes, reverse=True)
    assert catalog.find("qwen/qwen2.5-7b-instruct-gguf", models) is not None


def test_a_broken_catalog_entry_is_named(tmp_path) -> None:
    path = tmp_path / "catalog.toml"
    path.write_text('quants = ["Q4_K_M"]\n[[model]]\nname = "x"\nrepo = "../x"\n')
    with pytest.raises(AssistantError, match="entry 1"):
        catalog.load(path)
