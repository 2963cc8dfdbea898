"""assistant.sampling: the settings file, a conversation's overrides and the API accept the same values."""

from __future__ import annotations

import pytest

from assistant.core.conversation import params_with_overrides
from assistant.core.inference import GenerationParams
from assistant.engine.requests import ApiError, parse_params
from assistant.errors import SettingsError
from assistant.sampling import KNOBS, Knob
from assistant.settings import GenerationSettings, Settings


@pytest.mark.parametrize("knob", KNOBS, ids=lambda k: k.name)
def test_every_surface_takes_the_same_range(knob: Knob) -> None:
    for value in (knob.low, knob.high):
        value = knob.kind(value)
        assert getattr(Settings(generation=GenerationSettings(**{knob.name: value})).generation, knob.name) == value
        assert getattr(parse_params({knob.name: value}), knob.name) == value
        assert getattr(params_with_overrides(GenerationParams(), {knob.name: value}), knob.name) == value
    outside = knob.high + 1
    with pytest.raises(SettingsError, match=f"generation.{knob.name} must be between"):
        Settings(generation=GenerationSettings(**{knob.name: knob.kind(outside)}))
    if knob.name != "max_tokens":  # the API's max_tokens goes up to the context window
        with pytest.raises(ApiError):
            parse_params({knob.name: outside})
    # A stored override out of range is not sent; the default stands.
    assert getattr(params_with_overrides(GenerationParams(), {knob.name: outside}), knob.name) == knob.default


def test_the_defaults_are_the_tables() -> None:
    settings, params, api = GenerationSettings(), GenerationParams(), parse_params({"max_tokens": 5})
    for knob in KNOBS:
        assert getattr(settings, knob.name) == getattr(params, knob.name) == knob.default
        if knob.name != "max_tokens":
            assert getattr(api, knob.name) == knob.default


def test_thinking_switches_go_to_chat_requests_only() -> None:
    from assistant.core.inference import GenerationParams

    params = GenerationParams(thinking="off")
    assert params.to_request()["chat_template_kwargs"] == {"enable_thinking": False, "reasoning_effort": "low"}
    assert "chat_template_kwargs" not in params.to_request(chat=False)
    assert "chat_template_kwargs" not in GenerationParams().to_request()
