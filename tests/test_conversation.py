"""What the model is sent from a conversation branch, and conversation titles."""

from __future__ import annotations

from dataclasses import dataclass

from assistant.core.conversation import (
    NEW_CHAT_TITLE,
    clean_title,
    fallback_title,
    first_exchange,
    params_with_overrides,
    prompt_messages,
)
from assistant.core.inference import GenerationParams, Message
from assistant.core.presets import load_builtin
from assistant.paths import resources_dir


@dataclass
class Item:
    role: str
    content: str
    status: str = "complete"


def test_prompt_has_system_prompt_then_the_branch_without_failed_replies() -> None:
    path = [
        Item("user", "Hi"),
        Item("assistant", "", "error"),
        Item("assistant", "Partial", "interrupted"),
        Item("user", "And?"),
        Item("assistant", "garbage", "damaged"),
    ]
    assert prompt_messages("Be brief.", path) == [
        Message("system", "Be brief."),
        Message("user", "Hi"),
        Message("assistant", "Partial"),
        Message("user", "And?"),
    ]
    assert prompt_messages("  ", [Item("user", "x")]) == [Message("user", "x")]


def test_per_conversation_overrides() -> None:
    base = GenerationParams(temperature=0.7, max_tokens=100)
    got = params_with_overrides(base, {"temperature": 0, "max_tokens": 50, "seed": "x", "bogus": 1, "top_k": True})
    assert got.temperature == 0.0 and got.max_tokens == 50 and got.seed == base.seed and got.top_k == base.top_k


def test_titles_are_cleaned_or_fall_back() -> None:
    assert clean_title('Title: "Planning a Trip to Kyoto."\nmore', "x") == "Planning a Trip to Kyoto"
    assert clean_title("", "How do I bake bread?\nsecond line") == "How do I bake bread?"
    assert clean_title("**", "") == NEW_CHAT_TITLE
    assert clean_title("Trip to **Kyoto** with `kids`", "x") == "Trip to Kyoto with kids"
    long = clean_title("word " * 20, "x")
    assert len(long) <= 61 and long.endswith("…")
    assert fallback_title("\n\n  first line  \n") == "first line"


def test_first_exchange_is_found_once() -> None:
    assert first_exchange([Item("user", "q"), Item("assistant", "a")]) == ("q", "a")
    assert first_exchange([Item("user", "q"), Item("assistant", "a", "interrupted")]) is None
    assert first_exchange([Item("user", "q"), Item("assistant", "a"), Item("user", "q2")]) is None


def test_builtin_presets_ship_and_a_broken_file_gives_none(tmp_path) -> None:
    presets = load_builtin(resources_dir() / "presets.toml")
    assert len(presets) >= 4 and all(p.builtin and p.system_prompt and p.key.startswith("builtin:") for p in presets)
    bad = tmp_path / "presets.toml"
    bad.write_text("[[preset]\nbroken", encoding="utf-8")
    assert load_builtin(bad) == []


def test_my_style_is_a_conversation_override_of_its_own() -> None:
    from assistant.core.conversation import params_with_overrides, with_style

    base = GenerationParams(temperature=0.7)
    overrides = with_style({"temperature": 0.2}, "/a/style.gguf", 0.8)
    params = params_with_overrides(base, overrides)
    assert (params.adapter, params.adapter_scale, params.temperature) == ("/a/style.gguf", 0.8, 0.2)
    assert with_style(overrides, "", 1.0) == {"temperature": 0.2}  # off: the keys go, the rest stays
    assert params_with_overrides(base, {"adapter": 3, "adapter_scale": "x"}).adapter == ""  # ill-typed: ignored
