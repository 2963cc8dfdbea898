"""The sampling settings, defined once: each one's type, default, allowed values and meaning.

Everything that takes these values reads this table: the user's defaults (``settings.GenerationSettings``),
a request (``core.inference.GenerationParams``), a conversation's own overrides
(``core.conversation.params_with_overrides``), the API server's checks (``engine.requests.parse_params``)
and the form fields in Settings and a conversation's settings (``ui.generation_fields``). So the app,
its settings file and its API accept the same values and start from the same defaults.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Knob:
    name: str
    kind: type
    """``int`` or ``float``."""
    default: float
    low: float
    high: float
    """The values allowed, both ends included."""
    doc: str

    def problem(self, value: object) -> str | None:
        """Why ``value`` is not allowed, in words (None if it is)."""
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            return f"{self.name} must be a number, not {value!r}"
        if self.kind is int and not float(value).is_integer():
            return f"{self.name} must be a whole number, not {value}"
        if not self.low <= value <= self.high:
            return f"{self.name} must be between {self.low:g} and {self.high:g}, not {value:g}"
        return None


KNOBS: tuple[Knob, ...] = (
    Knob("temperature", float, 0.7, 0.0, 5.0, "Randomness; 0 always picks the most likely token."),
    Knob("top_p", float, 0.95, 0.0, 1.0, "Keep the smallest set of likely tokens whose probability adds up to this."),
    Knob("top_k", int, 40, 0, 1_000_000, "Keep only this many most likely tokens (0: no limit)."),
    Knob("min_p", float, 0.05, 0.0, 1.0, "Drop tokens less likely than this fraction of the most likely one."),
    # Below 0.5 or above 2 the text turns to nonsense (at 0 llama.cpp divides by zero), so neither the
    # settings nor the API accept it.
    Knob("repeat_penalty", float, 1.1, 0.5, 2.0, "Penalty for repeating recent tokens (1: none)."),
    Knob("max_tokens", int, 1024, 1, 1_000_000, "Longest reply, in tokens."),
    Knob("seed", int, -1, -1, 2**32 - 1, "Random seed, for repeatable replies; -1 picks a new one each time."),
)
BY_NAME: dict[str, Knob] = {knob.name: knob for knob in KNOBS}
NAMES: tuple[str, ...] = tuple(BY_NAME)
