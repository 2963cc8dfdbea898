"""Starting the training process and reading what it says: shared by the Personalize panel
(``workers/training_process.py``), ``assistant personalize train`` and ``assistant bench finetune``.
No torch and no Qt here."""

from __future__ import annotations

import json
import sys
from dataclasses import dataclass
from pathlib import Path

EXIT_STOPPED = 130
"""The training process's exit status after a stop it was asked for (a checkpoint is saved)."""


@dataclass
class TrainingRequest:
    base: Path
    out: Path
    data: list[Path]
    name: str
    steps: int | None = None
    epochs: float | None = None
    rank: int = 16
    lr: float = 1e-3
    seq: int = 256
    batch: int = 4
    resume: bool = False
    weights: str | None = None
    """``REPO[@REVISION]`` of full-precision safetensors weights, or None to dequantise the GGUF."""

    def arguments(self) -> list[str]:
        """The arguments after the Python executable: ``-m assistant.finetune train …``."""
        args = ["-m", "assistant.finetune", "train", "--base", str(self.base), "--out", str(self.out),
                "--name", self.name, "--rank", str(self.rank), "--lr", str(self.lr), "--seq", str(self.seq),
                "--batch", str(self.batch), "--data", *map(str, self.data)]  # fmt: skip
        if self.steps:
            args += ["--steps", str(self.steps)]
        if self.epochs:
            args += ["--epochs", str(self.epochs)]
        if self.resume:
            args.append("--resume")
        if self.weights:
            args += ["--weights", self.weights]
        return args

    def command(self) -> list[str]:
        return [sys.executable, *self.arguments()]


def read_event(line: str | bytes) -> dict | None:
    """One line of the process's stdout as an event, or None for anything else printed there
    (libraries print their own lines, Trainer its dicts as Python reprs)."""
    try:
        event = json.loads(line)
    except ValueError:
        return None
    return event if isinstance(event, dict) else None
