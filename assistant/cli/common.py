"""What every command shares: the user's settings, the engine (the configured one or ``--model``), the
sampling settings with the command's flags on top, and notes about a reply on stderr."""

from __future__ import annotations

import argparse
import logging
import sys
from pathlib import Path

from assistant import paths as paths_mod
from assistant import settings as settings_mod
from assistant.core.inference import Chunk, GenerationParams
from assistant.errors import AssistantError
from assistant.sampling import BY_NAME

log = logging.getLogger(__name__)


def load_settings(paths: paths_mod.Paths) -> settings_mod.Settings:
    settings, warning = settings_mod.load(paths.settings_file)
    if warning:
        sys.stderr.write(f"warning: {warning}\n")
    return settings


def checked_model(path: Path | None) -> Path | None:
    """Validate ``--model`` here, before any engine starts, so the error names the file at once."""
    if path is None:
        return None
    from assistant.models.gguf_info import read_info

    read_info(path)
    return path.resolve()


def open_engine_for(args: argparse.Namespace, paths: paths_mod.Paths, settings: settings_mod.Settings):
    from assistant.engine.connect import open_engine

    engine, notice = open_engine(settings.engine, paths, checked_model(args.model))
    if notice:
        sys.stderr.write(f"note: {notice}\n")
    return engine


def generation_params(settings: settings_mod.Settings, args: argparse.Namespace) -> GenerationParams:
    params = GenerationParams.from_settings(
        settings.generation,
        max_tokens=getattr(args, "max_tokens", None),
        temperature=getattr(args, "temperature", None),
        seed=getattr(args, "seed", None),
    )
    for name in ("max_tokens", "temperature", "seed"):
        problem = BY_NAME[name].problem(getattr(params, name))
        if problem:
            raise AssistantError("--" + problem.replace("_", "-"))
    return params


def note_chunk(chunk: Chunk, *, at_limit: str = "--max-tokens raises the limit") -> None:
    """What the user should know about a reply besides its text, on stderr; ``at_limit``: what to do
    about a reply cut off at the length limit."""
    if chunk.finish_reason == "length":
        sys.stderr.write(f"\nnote: the reply reached the length limit; {at_limit}\n")
    if chunk.dropped_messages:
        sys.stderr.write(f"note: {chunk.dropped_messages} older messages were left out to fit the context window\n")
    for warning in chunk.warnings:
        sys.stderr.write(f"warning: {warning}\n")


def model_flag(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--model", type=Path, help="GGUF file to use instead of the configured model")
