"""``assistant info`` and ``bench``: what this installation is and runs on, and the benchmarks."""

from __future__ import annotations

import argparse
import json
import os
import sys

from assistant import __version__
from assistant import paths as paths_mod
from assistant import settings as settings_mod
from assistant.errors import AssistantError


def cmd_info(args: argparse.Namespace, paths: paths_mod.Paths) -> int:
    from assistant.engine.backend import detect
    from assistant.models.store import default_model_path

    settings, warning = settings_mod.load(paths.settings_file)
    bk = detect()
    try:
        default_model = str(default_model_path())
    except AssistantError as err:
        default_model = f"missing: {err}"
    data = {
        "version": __version__,
        "python": sys.version.split()[0],
        "backend": bk.label(),
        "gpu_offload": bk.gpu_offload,
        "devices": [
            {
                "name": d.name,
                "description": d.description,
                "gpu": d.is_gpu,
                "free_bytes": d.free_bytes,
                "total_bytes": d.total_bytes,
            }
            for d in bk.devices
        ],
        "engine": settings.engine.mode if settings.engine.mode == "local" else f"remote: {settings.engine.remote_url}",
        "default_model": default_model,
        "paths": {
            "config": str(paths.config_dir),
            "settings": str(paths.settings_file),
            "data": str(paths.data_dir),
            "cache": str(paths.cache_dir),
            "logs": str(paths.log_dir),
            "state": str(paths.state_dir),
        },
        "settings_warning": warning,
    }
    if args.json:
        sys.stdout.write(json.dumps(data, indent=2) + "\n")
        return 0
    lines = [
        f"assistant {data['version']} (Python {data['python']})",
        f"backend:       {data['backend']}",
        f"engine:        {data['engine']}",
        f"default model: {data['default_model']}",
    ]
    lines += [f"{k + ':':<15}{v}" for k, v in data["paths"].items()]
    if warning:
        lines.append(f"warning: {warning}")
    sys.stdout.write("\n".join(lines) + "\n")
    return 0


def cmd_bench(args: argparse.Namespace, paths: paths_mod.Paths) -> int:
    if args.bench in ("writing", "summarize"):
        from assistant.bench import tasks

        return tasks.main(args, paths)
    if args.bench == "finetune":
        from assistant.bench import finetune as bench_finetune

        return bench_finetune.main(args, paths)
    if args.bench == "models":
        from assistant.bench import models as bench_models

        return bench_models.main(args, paths)
    if args.bench == "library":
        from assistant.bench import library as bench_library

        return bench_library.main(args, paths)
    if args.bench == "ui":
        if not os.environ.get("DISPLAY") and not os.environ.get("WAYLAND_DISPLAY"):
            os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
        from assistant.ui.chat import bench as bench_ui

        return bench_ui.main(args)
    from assistant.bench import engine as bench_engine

    return bench_engine.main(args, paths)
