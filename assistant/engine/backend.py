"""What hardware llama.cpp can use here: the build (CUDA or CPU), GPU devices and their free memory.

Asked of ggml's own device registry (``ggml_backend_dev_*`` in libggml) so the answer is the one
llama.cpp acts on, not a guess from ``nvidia-smi``. Imports llama_cpp: call it from the engine
process or the CLI, never from the GUI process.
"""

from __future__ import annotations

import ctypes
import functools
import os
from dataclasses import dataclass

# enum ggml_backend_dev_type
_DEV_TYPE_CPU, _DEV_TYPE_GPU, _DEV_TYPE_IGPU = 0, 1, 2


@dataclass(frozen=True)
class Device:
    name: str
    """ggml's name, e.g. "CUDA0" or "CPU"."""
    description: str
    """The hardware, e.g. "NVIDIA H100 80GB HBM3"."""
    is_gpu: bool
    free_bytes: int
    total_bytes: int


@dataclass(frozen=True)
class Backend:
    gpu_offload: bool
    """True when this llama.cpp build can put layers on a GPU (a CUDA build with a device)."""
    devices: tuple[Device, ...]
    threads: int
    """CPU threads the engine uses by default."""

    @property
    def gpus(self) -> tuple[Device, ...]:
        return tuple(d for d in self.devices if d.is_gpu)

    def label(self, threads: int | None = None) -> str:
        """One line for status bars and timings: "CUDA: NVIDIA H100 80GB HBM3" or "CPU (2 threads)"."""
        if self.gpu_offload and self.gpus:
            return "CUDA: " + ", ".join(d.description for d in self.gpus)
        return f"CPU ({threads or self.threads} threads)"


def default_threads() -> int:
    """One thread per physical core, as llama.cpp's own tools default to (hyper-threads slow it down)."""
    try:
        import psutil

        physical = psutil.cpu_count(logical=False)
    except ImportError:
        physical = None
    usable = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)
    return max(1, min(physical or usable, usable))


def _bind(lib: ctypes.CDLL) -> None:
    lib.ggml_backend_dev_count.restype = ctypes.c_size_t
    lib.ggml_backend_dev_get.argtypes = [ctypes.c_size_t]
    lib.ggml_backend_dev_get.restype = ctypes.c_void_p
    lib.ggml_backend_dev_name.argtypes = [ctypes.c_void_p]
    lib.ggml_backend_dev_name.restype = ctypes.c_char_p
    lib.ggml_backend_dev_description.argtypes = [ctypes.c_void_p]
    lib.ggml_backend_dev_description.restype = ctypes.c_char_p
    lib.ggml_backend_dev_type.argtypes = [ctypes.c_void_p]
    lib.ggml_backend_dev_type.restype = ctypes.c_int
    lib.ggml_backend_dev_memory.argtypes = [
        ctypes.c_void_p,
        ctypes.POINTER(ctypes.c_size_t),
        ctypes.POINTER(ctypes.c_size_t),
    ]
    lib.ggml_backend_dev_memory.restype = None


@functools.cache
def _ggml() -> ctypes.CDLL:
    import llama_cpp
    from llama_cpp import _ggml

    llama_cpp.llama_backend_init()
    _bind(_ggml.libggml)
    return _ggml.libggml


def devices() -> tuple[Device, ...]:
    """Every device ggml sees, with free memory read now (it changes as models load)."""
    lib = _ggml()
    found = []
    for i in range(lib.ggml_backend_dev_count()):
        dev = lib.ggml_backend_dev_get(i)
        free, total = ctypes.c_size_t(), ctypes.c_size_t()
        lib.ggml_backend_dev_memory(dev, ctypes.byref(free), ctypes.byref(total))
        kind = lib.ggml_backend_dev_type(dev)
        found.append(
            Device(
                name=(lib.ggml_backend_dev_name(dev) or b"").decode(errors="replace"),
                description=(lib.ggml_backend_dev_description(dev) or b"").decode(errors="replace"),
                is_gpu=kind in (_DEV_TYPE_GPU, _DEV_TYPE_IGPU),
                free_bytes=free.value,
                total_bytes=total.value,
            )
        )
    return tuple(found)


def detect() -> Backend:
    import llama_cpp

    found = devices()
    gpu = bool(llama_cpp.llama_supports_gpu_offload()) and any(d.is_gpu for d in found)
    return Backend(gpu_offload=gpu, devices=found, threads=default_threads())


