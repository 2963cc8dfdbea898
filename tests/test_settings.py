"""Settings: validated dataclasses in TOML; a damaged file never stops the app and is kept."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from assistant import settings as settings_mod
from assistant.errors import SettingsError
from assistant.settings import EngineSettings, GenerationSettings, Settings


def test_defaults_are_valid_and_round_trip(tmp_path: Path) -> None:
    path = tmp_path / "settings.toml"
    original = Settings(generation=GenerationSettings(temperature=0.2, seed=7), engine=EngineSettings(n_ctx=8192))
    settings_mod.save(original, path)
    loaded, warning = settings_mod.load(path)
    assert warning is None
    assert loaded == original
    if os.name == "posix":
        assert path.stat().st_mode & 0o777 == 0o600, "the file may hold API keys"


def test_missing_file_gives_defaults_without_warning(tmp_path: Path) -> None:
    assert settings_mod.load(tmp_path / "none.toml") == (Settings(), None)


def test_every_problem_is_reported_at_once() -> None:
    with pytest.raises(SettingsError) as caught:
        Settings(engine=EngineSettings(n_ctx=10, flash_attn="maybe"), generation=GenerationSettings(top_p=2.0))
    message = str(caught.value)
    assert "n_ctx" in message and "flash_attn" in message and "top_p" in message


@pytest.mark.parametrize(
    "text, expected",
    [
        ("[engine]\nn_ctx = 'big'\n", "engine.n_ctx must be int"),
        ("[engine]\nn_ctxx = 4096\n", "unknown setting engine.n_ctxx"),
        ("[nonsense]\n", "unknown section [nonsense]"),
        ("[generation]\ntemperature = true\n", "generation.temperature must be float"),
        ("this is = = not toml", "damaged"),
        ("\x00\x01binary", "damaged"),
    ],
)
def test_damaged_file_gives_defaults_a_warning_and_a_kept_copy(tmp_path: Path, text: str, expected: str) -> None:
    path = tmp_path / "settings.toml"
    path.write_text(text, encoding="utf-8")
    loaded, warning = settings_mod.load(path)
    assert loaded == Settings()
    assert warning and expected in warning
    assert (tmp_path / "settings.toml.bad").read_text(encoding="utf-8") == text


def test_ints_are_accepted_for_float_settings(tmp_path: Path) -> None:
    path = tmp_path / "settings.toml"
    path.write_text("[generation]\ntemperature = 1\n", encoding="utf-8")
    loaded, warning = settings_mod.load(path)
    assert warning is None and loaded.generation.temperature == 1.0
