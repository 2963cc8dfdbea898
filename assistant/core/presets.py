"""System-prompt presets: a few good ones ship in ``resources/presets.toml``; the user's own are stored
in the database and listed after them."""

from __future__ import annotations

import logging
import tomllib
from dataclasses import dataclass
from pathlib import Path

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Preset:
    key: str
    """Stable identifier: "builtin:<id>" for shipped presets, "user:<row id>" for the user's."""
    name: str
    system_prompt: str
    builtin: bool


def load_builtin(path: Path) -> list[Preset]:
    """The shipped presets. A missing or broken file gives none (and a log line), never a crash."""
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError) as err:
        log.warning("built-in presets unavailable (%s): %s", path, err)
        return []
    presets = []
    for entry in data.get("preset", []):
        if isinstance(entry, dict) and isinstance(entry.get("id"), str) and isinstance(entry.get("name"), str):
            presets.append(Preset(f"builtin:{entry['id']}", entry["name"], str(entry.get("system_prompt", "")), True))
    return presets
