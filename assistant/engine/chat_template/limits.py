"""The size caps: how big a value, an output and all the text of one render may get, checked before the
work (see the package docstring for why before)."""

from __future__ import annotations

import re
import sys
import types
from collections.abc import Iterable

from jinja2.utils import Namespace

from assistant.engine.chat_template.failures import Abort

MAX_INT_ARG = 100_000  # widths, counts, padding, byte lengths handed to C code
MAX_INT_BITS = 65_536  # about 20,000 decimal digits; more is only useful for a denial of service
MIN_OUTPUT_CHARS = 1024 * 1024
OUTPUT_CHARS_PER_INPUT_CHAR = 8  # a template adds markup around the messages, never 8x of it
OUTPUT_SLACK_CHARS = 64 * 1024  # room for a long built-in system prompt or tool instructions
WORK_FACTOR = 32  # all text a render builds (including what it throws away), in output caps
MAX_TOJSON_INDENT = 64
MAX_STRFTIME_FORMAT = 256  # time.strftime may allocate up to 256x the format's length
MAX_LIST_SUM_ITEMS = 1_000  # sum(lists) copies quadratically, in C


def too_big_int() -> Abort:
    return Abort(f"it asked for a size or count above {MAX_INT_ARG:,}")


# --- Measuring values ---------------------------------------------------------------------------

_SCALAR_SIZE = 24  # None, bools, floats: at most this many characters as text
_OTHER_SIZE = 64  # any other object: about the length of its repr


def text_size(value: object, limit: int) -> int:
    """About the length of ``str(value)``, counted until it passes ``limit`` (then some larger number).

    Shared references count once per reference, on purpose: ``[s] * 1000`` is small in memory but a
    thousand copies of ``s`` once turned into text, and text is what the caps are about. This function
    walks iteratively and is not traced (see ``TimeLimit``), so it stays fast. Its cost is bounded by
    ``limit``, because every item adds to the total.
    """
    total = 0
    stack = [value]
    while stack:
        item = stack.pop()
        # issubclass on type(item), not isinstance: isinstance falls back to item.__class__, which for
        # Jinja2's Namespace is a Python-level __getattribute__ call on every check.
        kind = type(item)
        if issubclass(kind, (str, bytes)):
            total += len(item)
        elif item is None or issubclass(kind, (bool, float)):
            total += _SCALAR_SIZE
        elif issubclass(kind, int):
            total += item.bit_length() // 3 + 2  # decimal digits are about 0.3 per bit
        elif issubclass(kind, dict):
            total += 2 + 4 * len(item)
            if total > limit:
                break
            stack.extend(item.keys())
            stack.extend(item.values())
        elif issubclass(kind, (list, tuple, set, frozenset, types.MappingProxyType)) or kind.__name__ in (
            "dict_keys",
            "dict_values",
            "dict_items",
        ):
            total += 2 + 2 * len(item)
            if total > limit:
                break
            stack.extend(item)
        elif kind is Namespace:
            total += 12
            stack.append(object.__getattribute__(item, "_Namespace__attrs"))
        else:
            total += _OTHER_SIZE
        if total > limit:
            break
    return total


# Frames of these functions are not traced: they are bounded by their own limits and run often.
UNTRACED_CODE = frozenset({text_size.__code__})


class Budget:
    """The size limits of one render (or compile): the largest value or output, and all text built."""

    __slots__ = ("limit", "work", "work_limit")

    def __init__(self, limit: int) -> None:
        self.limit = limit
        self.work_limit = WORK_FACTOR * limit
        self.work = 0

    @classmethod
    def for_messages(cls, messages: Iterable[object]) -> Budget:
        # The output cap scales with the input, so long conversations render and tiny ones stay cheap.
        chars = text_size(list(messages), sys.maxsize)
        return cls(max(MIN_OUTPUT_CHARS, OUTPUT_CHARS_PER_INPUT_CHAR * chars + OUTPUT_SLACK_CHARS))

    def text_size(self, value: object) -> int:
        return text_size(value, self.limit)

    def need(self, size: int) -> None:
        """Refuses, before it is built, a value of ``size`` characters (or items)."""
        if size > self.limit:
            raise Abort(f"it tried to build a value of more than {self.limit:,} characters")

    def charge(self, size: int) -> None:
        # Stops loops that keep building large values and dropping them; each value alone passes `need`.
        self.work += size
        if self.work > self.work_limit:
            raise Abort(f"it built more than {self.work_limit:,} characters of text in all")

    def check_text(self, value: object) -> None:
        """Refuses a value whose text form would be too large, before something converts it."""
        if not isinstance(value, (str, int, float, types.NoneType)):
            self.need(self.text_size(value))

    def check_result(self, value: object) -> None:
        """Refuses, and counts, a value that was just built."""
        if isinstance(value, (str, bytes)):
            size = len(value)
            self.need(size)
        elif isinstance(value, (list, tuple, dict, set, frozenset)):
            self.need(self.text_size(value))
            size = len(value)  # memory is the references; their text was checked just above
        else:
            return
        self.charge(size)


def check_int_args(args: Iterable[object], kwargs: dict[str, object]) -> None:
    for value in (*args, *kwargs.values()):
        if isinstance(value, int) and abs(value) > MAX_INT_ARG:
            raise too_big_int()


def check_repeat(left: object, right: object, budget: Budget) -> None:
    """``*``: sequence repetition and big-integer products, refused before they are computed."""
    if isinstance(left, int) and isinstance(right, int):
        if left.bit_length() + right.bit_length() > MAX_INT_BITS:
            raise Abort(f"it tried to compute a number with more than {MAX_INT_BITS * 3 // 10:,} digits")
        return
    if isinstance(right, int):
        sequence, count = left, right
    elif isinstance(left, int):
        sequence, count = right, left
    else:
        return
    if count <= 1:
        return
    if isinstance(sequence, (str, bytes)):
        budget.need(len(sequence) * count)
    elif isinstance(sequence, (list, tuple)) and sequence:
        budget.need(budget.text_size(sequence) * count)


def check_power(base: object, exponent: object) -> None:
    if (
        isinstance(base, int)
        and isinstance(exponent, int)
        and exponent > 0
        and abs(base) > 1
        and (exponent > MAX_INT_BITS or exponent * abs(base).bit_length() > MAX_INT_BITS)
    ):
        raise Abort(f"it tried to compute a number with more than {MAX_INT_BITS * 3 // 10:,} digits")


def _scan_percent(fmt: str) -> tuple[int, int, bool]:
    """Parses a printf-style format string the way CPython does.

    Returns (conversions, total of their widths and precisions plus a margin, whether ``*`` is used).
    Refuses widths and precisions above MAX_INT_ARG: ``'%999999999s' % 1`` is a 1 GB string.
    """
    count = fixed = 0
    star = False
    i, n = 0, len(fmt)
    while True:
        i = fmt.find("%", i)
        if i < 0 or i + 1 >= n:
            return count, fixed, star
        i += 1
        if fmt[i] == "%":
            i += 1
            continue
        if fmt[i] == "(":  # mapping key; CPython allows nested parentheses in it
            depth = 0
            while i < n:
                depth += {"(": 1, ")": -1}.get(fmt[i], 0)
                i += 1
                if depth == 0:
                    break
        while i < n and fmt[i] in "-+ #0":
            i += 1
        for part in range(2):  # width, then precision after a dot
            if part == 1:
                if i >= n or fmt[i] != ".":
                    break
                i += 1
            if i < n and fmt[i] == "*":
                star = True
                fixed += MAX_INT_ARG
                i += 1
                continue
            start = i
            while i < n and "0" <= fmt[i] <= "9":
                i += 1
            if i - start > 6 or (i > start and int(fmt[start:i]) > MAX_INT_ARG):
                raise too_big_int()
            fixed += int(fmt[start:i] or 0)
        count += 1
        fixed += 32  # sign, digits of a number, exponent ...
        i += 1  # the conversion character (h, l, L length modifiers are ignored by CPython)


def check_percent(fmt: str | bytes, args: object, budget: Budget) -> None:
    """``fmt % args`` (and the ``format`` filter), refused before formatting if it would be too large."""
    text = fmt.decode("latin-1") if isinstance(fmt, bytes) else fmt
    count, fixed, star = _scan_percent(text)
    if not count:
        return
    if star:
        check_int_args(args if isinstance(args, tuple) else (args,), {})
    # Each conversion may print any argument (a mapping key can repeat), so count the largest one each time.
    budget.need(len(text) + fixed + count * budget.text_size(args))


_FORMAT_NUMBER = re.compile(r"\d+")


def check_format_spec(spec: str) -> None:
    # Width and precision in '{:>999999999}' or '{:.999999999f}'; other digits are harmless but rare.
    for digits in _FORMAT_NUMBER.findall(spec):
        if len(digits) > 6 or int(digits) > MAX_INT_ARG:
            raise too_big_int()
