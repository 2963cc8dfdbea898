"""What machine a benchmark ran on, for its report (no llama.cpp, no Qt: every benchmark can use it)."""

from __future__ import annotations

import os
import platform


def cpu_model() -> str:
    """The processor's marketing name ("AMD EPYC 7B13"), or what the platform module knows."""
    name = platform.processor() or platform.machine()
    try:
        with open("/proc/cpuinfo", encoding="utf-8") as f:
            return next((ln.split(":", 1)[1].strip() for ln in f if ln.startswith("model name")), name)
    except OSError:
        return name


def cpu() -> dict[str, object]:
    import psutil

    return {
        "cpu": cpu_model(),
        "logical_cores": os.cpu_count(),
        "physical_cores": psutil.cpu_count(logical=False),
        "ram_gib": round(psutil.virtual_memory().total / 1024**3),
        "system": platform.system(),
    }
