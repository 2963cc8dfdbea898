"""Prompt-lookup drafting (pure) and prompt-lookup decoding in the real engine."""

from __future__ import annotations

from assistant.core.inference import GenerationParams, Message
from assistant.engine.lookup import PromptLookup

SOURCE = [10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 11, 12, 30, 31]


def test_copy_in_order_continues_from_the_cursor() -> None:
    lookup = PromptLookup(SOURCE)
    assert lookup.draft([10, 11, 12], 4) == [13, 14, 15, 16], "a 3-gram match"
    lookup.accept(4, 4)  # all four taken, then the model chose its own next token (17)
    assert lookup.draft([10, 11, 12, 13, 14, 15, 16, 17], 3) == [18, 19, 20], "goes on where the copy left off"


def test_a_correction_skips_the_replaced_token() -> None:
    lookup = PromptLookup(SOURCE)
    assert lookup.draft([13, 14], 4) == [15, 16, 17, 18]
    lookup.accept(4, 1)  # 15 kept, then the model wrote 99 instead of 16
    assert lookup.draft([13, 14, 15, 99], 3) == [17, 18, 19], "after a substitution the source goes on"


def test_the_occurrence_after_the_cursor_is_preferred() -> None:
    lookup = PromptLookup(SOURCE)
    lookup.cursor = 12
    assert lookup.draft([5, 11, 12], 2) == [30, 31], "the second '11 12', not the first"


def test_nothing_to_draft() -> None:
    lookup = PromptLookup(SOURCE)
    assert lookup.draft([], 4) == [] and lookup.draft([77, 78], 4) == [] and lookup.draft([11, 12], 0) == []


PROOFREAD = [
    Message("system", "Correct the spelling and grammar of the user's text. Reply with the corrected text only."),
    Message(
        "user",
        "Text:\nTheir are many reasons why peoples like to travel. Some people enjoys seeing new places, while "
        "other prefer to relax on the beach. Last summer my familly visited Lisbon and we ate grilled sardines."
        "\n\nCorrected text:",
    ),
]


def test_prompt_lookup_drafts_are_verified_and_the_text_is_the_greedy_one(engine) -> None:
    plain = list(engine.chat(PROOFREAD, GenerationParams(temperature=0, repeat_penalty=1.0, max_tokens=80)))
    drafted = list(
        engine.chat(PROOFREAD, GenerationParams(temperature=0, repeat_penalty=1.0, max_tokens=80, prompt_lookup=True))
    )
    assert "".join(c.text for c in drafted) == "".join(c.text for c in plain)
    timings = drafted[-1].timings
    assert timings.draft_n > 0 and 0 < timings.draft_n_accepted <= timings.draft_n
    assert timings.predicted_n == plain[-1].timings.predicted_n
    # Sampling (temperature > 0) ignores the flag: nothing is drafted.
    sampled = list(engine.chat(PROOFREAD, GenerationParams(temperature=0.8, max_tokens=20, prompt_lookup=True)))
    assert sampled[-1].timings.draft_n == 0
