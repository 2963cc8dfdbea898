"""Models whose loading killed the engine: remembered so the app does not load them again at start."""

from __future__ import annotations

import json
import os
from pathlib import Path

from assistant.paths import Paths


class Quarantine:
    """Models whose loading killed the engine, kept in ``state_dir/quarantine.json``."""

    def __init__(self, paths: Paths) -> None:
        self.file = paths.state_dir / "quarantine.json"

    def entries(self) -> dict[str, str]:
        try:
            data = json.loads(self.file.read_text(encoding="utf-8"))
            return {str(k): str(v) for k, v in data.items()} if isinstance(data, dict) else {}
        except (OSError, ValueError):
            return {}

    def reason(self, path: Path) -> str | None:
        return self.entries().get(str(path))

    def add(self, path: Path, reason: str) -> None:
        self._write({**self.entries(), str(path): reason})

    def remove(self, path: Path) -> None:
        entries = self.entries()
        if entries.pop(str(path), None) is not None:
            self._write(entries)

    def _write(self, entries: dict[str, str]) -> None:
        self.file.parent.mkdir(parents=True, exist_ok=True)
        tmp = self.file.with_suffix(".tmp")
        tmp.write_text(json.dumps(entries, indent=1), encoding="utf-8")
        os.replace(tmp, self.file)
