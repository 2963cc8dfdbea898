"""The one-folder build (PyInstaller) starts, and its engine (the same executable) answers."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).parent.parent


def test_packaged_app_runs(tmp_path: Path) -> None:
    pyinstaller = Path(sys.executable).with_name("pyinstaller")
    build = subprocess.run(
        [
            str(pyinstaller),
            "--noconfirm",
            "--log-level",
            "ERROR",
            "--distpath",
            str(tmp_path / "dist"),
            "--workpath",
            str(tmp_path / "build"),
            str(ROOT / "packaging" / "assistant.spec"),
        ],
        capture_output=True,
        text=True,
        timeout=900,
        cwd=tmp_path,
    )
    assert build.returncode == 0, build.stderr[-3000:]
    exe = tmp_path / "dist" / "assistant" / "assistant"
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "VIRTUAL_ENV")}
    version = subprocess.run([str(exe), "--version"], capture_output=True, text=True, timeout=60, env=env)
    assert version.returncode == 0 and version.stdout.startswith("assistant "), version.stderr
    # The packaged engine: the app starts itself as `assistant engine-server` and loads the model it carries.
    ask = subprocess.run(
        [str(exe), "ask", "Say hi", "--max-tokens", "4", "--json"], capture_output=True, text=True, timeout=120, env=env
    )
    assert ask.returncode == 0, ask.stderr
    assert json.loads(ask.stdout)["timings"]["predicted_n"] > 0
