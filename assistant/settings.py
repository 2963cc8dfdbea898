"""The user's settings: dataclasses (a docstring under each field), stored as TOML.

Every value is checked when a ``Settings`` is built; all problems are collected and raised
together as one ``SettingsError``. A damaged settings file never stops the app: ``load`` keeps a
copy of it next to the original and carries on with defaults, saying what happened.
"""

from __future__ import annotations

import dataclasses
import logging
import os
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from assistant.errors import SettingsError
from assistant.sampling import BY_NAME, KNOBS

log = logging.getLogger(__name__)

SCHEMA_VERSION = 1


@dataclass
class EngineSettings:
    mode: str = "local"
    """"local": the app runs llama.cpp in its own engine process. "remote": use remote_url."""
    remote_url: str = ""
    """Base URL of any OpenAI-compatible server (llama-server, vLLM, Ollama's /v1)."""
    remote_api_key: str = ""
    """Bearer key for the remote server, if it needs one."""
    model_path: str = ""
    """GGUF file to load at start; empty means the embedded default model."""
    n_ctx: int = 4096
    """Context window in tokens; capped by what the model was trained on."""
    n_gpu_layers: int = -1
    """Layers to put on the GPU: -1 decides from free memory, 0 keeps everything on the CPU."""
    threads: int = 0
    """CPU threads for generation; 0 uses one per physical core."""
    flash_attn: str = "auto"
    """Flash attention: "auto", "on" or "off"."""

    def problems(self) -> list[str]:
        found = []
        if self.mode not in ("local", "remote"):
            found.append(f'engine.mode must be "local" or "remote", not "{self.mode}"')
        if self.mode == "remote" and not self.remote_url.startswith(("http://", "https://")):
            found.append("engine.remote_url must start with http:// or https://")
        if not 256 <= self.n_ctx <= 1_048_576:
            found.append(f"engine.n_ctx must be between 256 and 1048576, not {self.n_ctx}")
        if self.n_gpu_layers < -1:
            found.append(f"engine.n_gpu_layers must be -1 (auto) or at least 0, not {self.n_gpu_layers}")
        if not 0 <= self.threads <= 1024:
            found.append(f"engine.threads must be between 0 (auto) and 1024, not {self.threads}")
        if self.flash_attn not in ("auto", "on", "off"):
            found.append(f'engine.flash_attn must be "auto", "on" or "off", not "{self.flash_attn}"')
        return found


@dataclass
class GenerationSettings:
    """Defaults for new replies; what each one means and allows is in ``assistant.sampling``."""

    temperature: float = BY_NAME["temperature"].default
    top_p: float = BY_NAME["top_p"].default
    top_k: int = int(BY_NAME["top_k"].default)
    min_p: float = BY_NAME["min_p"].default
    repeat_penalty: float = BY_NAME["repeat_penalty"].default
    max_tokens: int = int(BY_NAME["max_tokens"].default)
    seed: int = int(BY_NAME["seed"].default)

    def problems(self) -> list[str]:
        found = (knob.problem(getattr(self, knob.name)) for knob in KNOBS)
        return [f"generation.{problem}" for problem in found if problem]


@dataclass
class UiSettings:
    theme: str = "system"
    """"system", "light" or "dark"."""
    language: str = "en"
    """"en" or "zh_CN"."""

    def problems(self) -> list[str]:
        found = []
        if self.theme not in ("system", "light", "dark"):
            found.append(f'ui.theme must be "system", "light" or "dark", not "{self.theme}"')
        if self.language not in ("en", "zh_CN"):
            found.append(f'ui.language must be "en" or "zh_CN", not "{self.language}"')
        return found


@dataclass
class ModelSettings:
    folders: list[str] = field(default_factory=list)
    """Folders and GGUF files the user added to the model list; the files stay where they are."""
    hidden: list[str] = field(default_factory=list)
    """Models another app keeps that the user removed from the list: forgotten here, not deleted."""
    other_apps: bool = True
    """Also list the models LM Studio, GPT4All and Ollama keep (used in place, never copied)."""

    def problems(self) -> list[str]:
        found = []
        for name in ("folders", "hidden"):
            if not all(isinstance(x, str) for x in getattr(self, name)):
                found.append(f"models.{name} must be a list of paths (strings)")
        return found


@dataclass
class LibrarySettings:
    min_similarity: float = 0.25
    """How close (cosine, 0-1) a passage must be to a question to be given to the model; below it for
    every passage, the answer is "I could not find this in your documents". Measured with the
    built-in embedding model on the tests' licence corpus: the passage answering a question scored
    0.52-0.72, the best passage for an unrelated question 0.18 at most."""
    passages: int = 5
    """Passages given to the model per answer."""
    reranker: str = ""
    """A reranking GGUF (bge-reranker, Qwen3-Reranker), by path, that reorders the passages found
    before the best are given to the model; empty: none."""

    def problems(self) -> list[str]:
        found = []
        if self.reranker and not self.reranker.lower().endswith(".gguf"):
            found.append(f"library.reranker must be a .gguf file, not {self.reranker}")
        if not 0.0 <= self.min_similarity < 1.0:
            found.append(f"library.min_similarity must be from 0 to below 1, not {self.min_similarity}")
        if not 1 <= self.passages <= 20:
            found.append(f"library.passages must be from 1 to 20, not {self.passages}")
        return found


@dataclass
class Settings:
    engine: EngineSettings = field(default_factory=EngineSettings)
    """Which engine runs the model, and how."""
    generation: GenerationSettings = field(default_factory=GenerationSettings)
    """Defaults for new replies."""
    ui: UiSettings = field(default_factory=UiSettings)
    """Appearance and language."""
    models: ModelSettings = field(default_factory=ModelSettings)
    """Where models are found besides the Hugging Face cache."""
    library: LibrarySettings = field(default_factory=LibrarySettings)
    """How the Library finds passages for a question."""
    schema_version: int = SCHEMA_VERSION
    """Version of this layout; older files are upgraded when read."""

    def __post_init__(self) -> None:
        problems = [
            *self.engine.problems(),
            *self.generation.problems(),
            *self.ui.problems(),
            *self.models.problems(),
            *self.library.problems(),
        ]
        if problems:
            raise SettingsError("Invalid settings:\n- " + "\n- ".join(problems))

    def to_dict(self) -> dict[str, Any]:
        return dataclasses.asdict(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Settings:
        """Build from parsed TOML. Unknown keys are errors, so a typo never goes unnoticed."""
        problems: list[str] = []
        sections: dict[str, Any] = {}
        for f in dataclasses.fields(cls):
            if f.name == "schema_version":
                continue
            section_cls = f.default_factory  # type: ignore[misc]
            raw = data.get(f.name, {})
            if not isinstance(raw, dict):
                problems.append(f"[{f.name}] must be a table")
                continue
            known = {sf.name: sf for sf in dataclasses.fields(section_cls)}
            values = {}
            for key, value in raw.items():
                if key not in known:
                    problems.append(f"unknown setting {f.name}.{key}")
                    continue
                expected = type(getattr(section_cls(), key))
                if expected is float and isinstance(value, int) and not isinstance(value, bool):
                    value = float(value)
                if not isinstance(value, expected) or isinstance(value, bool) != (expected is bool):
                    problems.append(f"{f.name}.{key} must be {expected.__name__}, not {value!r}")
                    continue
                values[key] = value
            sections[f.name] = section_cls(**values)
        for key in data:
            if key not in {f.name for f in dataclasses.fields(cls)}:
                problems.append(f"unknown section [{key}]")
        if problems:
            raise SettingsError("Invalid settings:\n- " + "\n- ".join(problems))
        return cls(**sections)


def load(path: Path) -> tuple[Settings, str | None]:
    """Read settings from ``path``. Returns (settings, warning).

    A missing file gives defaults and no warning. A damaged or invalid file gives defaults and a
    warning; the file is kept as ``settings.toml.bad`` so nothing the user wrote is lost.
    """
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return Settings(), None
    except OSError as err:
        return Settings(), f"Could not read the settings file {path} ({err.strerror}); using defaults."
    try:
        return Settings.from_dict(tomllib.loads(text)), None
    except (tomllib.TOMLDecodeError, SettingsError) as err:
        backup = path.with_name(path.name + ".bad")
        try:
            backup.write_text(text, encoding="utf-8")
        except OSError:
            log.warning("could not keep a copy of the damaged settings file", exc_info=True)
        return (
            Settings(),
            f"The settings file {path} is damaged, so defaults are used. A copy is kept as {backup.name}. {err}",
        )


def save(settings: Settings, path: Path) -> None:
    """Write atomically (a crash mid-write leaves the old file) and privately (it may hold keys)."""
    import tomli_w

    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(path.name + ".tmp")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "wb") as out:
        tomli_w.dump(settings.to_dict(), out)
        out.flush()
        os.fsync(out.fileno())
    os.replace(tmp, path)
