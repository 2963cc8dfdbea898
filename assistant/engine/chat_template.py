"""Chat templates from model files, rendered so that a hostile one cannot harm the app.

Why this module exists: a GGUF file carries its prompt format as a Jinja2 template
(``tokenizer.chat_template``), so the template is code from a downloaded, untrusted file.
CVE-2024-34359 in llama-cpp-python was exactly that: a template rendered in an unsandboxed Jinja2
environment ran arbitrary Python. Here templates are rendered in Jinja2's
``ImmutableSandboxedEnvironment`` (jinja2 >= 3.1.6: earlier releases could be escaped through ``|attr``
and ``str.format``), which refuses access to Python internals. This module adds what the sandbox lacks:

* A time cap. ``sys.settrace`` on the rendering thread aborts the template's Python code once a deadline
  passes, because a Python thread cannot be killed and the sandbox has no time limit.
* Size caps, checked *before* the work where a small expression can ask for a huge result:
  ``'x' * 10**10``, ``9 ** (9**9)``, ``'%999999999s' % 1``, ``'{:>999999999}'.format(1)``, ``|center``,
  ``|join``, ``|replace``, ``~``, macro output and so on. That work runs in C, where the time cap cannot
  stop it, and it would use up the machine's memory before any check afterwards could run. The output
  is also counted as it streams.
* No escape gadgets. ``lipsum``, ``cycler`` and ``joiner`` are removed (chat templates never use them,
  and they are the classic way into module globals). Reaching for an unsafe attribute fails at once,
  instead of quietly giving an undefined value that the template could test and keep probing with.

Any failure becomes :class:`~assistant.errors.TemplateRejected` with a reason in plain words. Then
:func:`load_template` falls back to a built-in format (ChatML), so the model is still usable.

Known limits: the caps are estimates tuned for chat templates. A template may still use some hundred MB
for a moment before a check stops it, and a single C call can run past the deadline by the time it
takes (bounded by the size caps). Compiling gets its own, longer cap (MIN_COMPILE_TIME_LIMIT), so a
hostile file can delay loading its model by about that much once. Jinja2 tests (``is divisibleby``
...) are not wrapped; they only compare values. ``_CodeGenerator`` relies on the shape of Jinja2
3.1's code generator for ``~``.
"""

from __future__ import annotations

import functools
import inspect
import json
import logging
import re
import sys
import threading
import time
import types
from collections.abc import Callable, Iterable
from datetime import datetime
from typing import Any, NamedTuple, NoReturn, TypeVar

import jinja2
import jinja2.ext
from jinja2 import nodes
from jinja2.compiler import CodeGenerator, Frame
from jinja2.exceptions import SecurityError, TemplateSyntaxError, UndefinedError
from jinja2.parser import Parser
from jinja2.runtime import Context
from jinja2.sandbox import ImmutableSandboxedEnvironment, SandboxedFormatter
from jinja2.utils import Namespace
from markupsafe import EscapeFormatter, Markup

from assistant.errors import TemplateRejected

log = logging.getLogger(__name__)

T = TypeVar("T")
TraceFunction = Callable[[types.FrameType, str, Any], Any]
Message = dict[str, str]

DEFAULT_TIME_LIMIT = 2.0  # seconds; real chat templates render in milliseconds
# Compiling is Jinja2's own lexer and parser over the source, linear in its length: a large (100 KB)
# template takes about a second on a slow machine, so it gets more time than rendering does.
MIN_COMPILE_TIME_LIMIT = 10.0
MAX_SOURCE_CHARS = 1024 * 1024  # the same bound gguf_info puts on the metadata string
MAX_INT_ARG = 100_000  # widths, counts, padding, byte lengths handed to C code
MAX_INT_BITS = 65_536  # about 20,000 decimal digits; more is only useful for a denial of service
MIN_OUTPUT_CHARS = 1024 * 1024
OUTPUT_CHARS_PER_INPUT_CHAR = 8  # a template adds markup around the messages, never 8x of it
OUTPUT_SLACK_CHARS = 64 * 1024  # room for a long built-in system prompt or tool instructions
WORK_FACTOR = 32  # all text a render builds (including what it throws away), in output caps
MAX_TOJSON_INDENT = 64
MAX_STRFTIME_FORMAT = 256  # time.strftime may allocate up to 256x the format's length
MAX_LIST_SUM_ITEMS = 1_000  # sum(lists) copies quadratically, in C

NO_TEMPLATE_WARNING = "This model has no chat template; a built-in format (ChatML) is used."
REJECTED_WARNING = "This model's chat template was rejected ({reason}), so a built-in format (ChatML) is used instead."
CALL_FALLBACK_WARNING = (
    "This model's chat template failed on this conversation ({reason}), "
    "so a built-in format (ChatML) was used for this reply."
)

# A short conversation with every role that matters; a template must render it to be accepted.
SAMPLE_CONVERSATION: list[Message] = [
    {"role": "system", "content": "You are a helpful assistant."},
    {"role": "user", "content": "Hello!"},
    {"role": "assistant", "content": "Hi! How can I help you today?"},
    {"role": "user", "content": "What is 2 + 2?"},
]


# --- Errors -------------------------------------------------------------------------------------


class _Abort(BaseException):
    """Stops a render from inside the template's code.

    A BaseException so that no ``except Exception`` on the way up, in Jinja2 (``Template.generate``,
    constant folding, undefined handling) or in the standard library, can catch it and let the template
    go on.
    """

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


class _Rejected(TemplateRejected):
    """A TemplateRejected that also keeps the bare reason, which load_template puts in its warning."""

    def __init__(self, message: str, reason: str) -> None:
        super().__init__(message)
        self.reason = reason


class _TemplateRaised(_Rejected):
    """The template called ``raise_exception``. It refuses this conversation; nothing unsafe happened."""


def _reason_of(err: TemplateRejected) -> str:
    return err.reason if isinstance(err, _Rejected) else str(err)


def _short(err: BaseException, limit: int = 200) -> str:
    text = str(err).rstrip(".")  # the reason goes inside a sentence that has its own full stop
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _explain(err: BaseException) -> str:
    """Says in plain words why a render or compile failed."""
    if isinstance(err, _Abort):
        return err.reason
    if isinstance(err, SecurityError):
        return f"it tried to reach Python internals ({_short(err)})"
    if isinstance(err, TemplateSyntaxError):
        return f"{err.message or 'syntax error'} (line {err.lineno})"
    if isinstance(err, UndefinedError):
        return f"it used something that does not exist ({_short(err)})"
    if isinstance(err, RecursionError):
        return "it recursed too deeply"
    if isinstance(err, MemoryError):
        return "it ran out of memory"
    if isinstance(err, OverflowError):
        return f"it asked for too much ({_short(err)})"
    return f"it failed with {type(err).__name__}: {_short(err)}"


def _too_big_int() -> _Abort:
    return _Abort(f"it asked for a size or count above {MAX_INT_ARG:,}")


# --- Measuring values ---------------------------------------------------------------------------

_SCALAR_SIZE = 24  # None, bools, floats: at most this many characters as text
_OTHER_SIZE = 64  # any other object: about the length of its repr


def _text_size(value: object, limit: int) -> int:
    """About the length of ``str(value)``, counted until it passes ``limit`` (then some larger number).

    Shared references count once per reference, on purpose: ``[s] * 1000`` is small in memory but a
    thousand copies of ``s`` once turned into text, and text is what the caps are about. This function
    walks iteratively and is not traced (see ``_TimeLimit``), so it stays fast. Its cost is bounded by
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
_UNTRACED_CODE = frozenset({_text_size.__code__})


class _Budget:
    """The size limits of one render (or compile): the largest value or output, and all text built."""

    __slots__ = ("limit", "work", "work_limit")

    def __init__(self, limit: int) -> None:
        self.limit = limit
        self.work_limit = WORK_FACTOR * limit
        self.work = 0

    @classmethod
    def for_messages(cls, messages: Iterable[object]) -> _Budget:
        # The output cap scales with the input, so long conversations render and tiny ones stay cheap.
        chars = _text_size(list(messages), sys.maxsize)
        return cls(max(MIN_OUTPUT_CHARS, OUTPUT_CHARS_PER_INPUT_CHAR * chars + OUTPUT_SLACK_CHARS))

    def text_size(self, value: object) -> int:
        return _text_size(value, self.limit)

    def need(self, size: int) -> None:
        """Refuses, before it is built, a value of ``size`` characters (or items)."""
        if size > self.limit:
            raise _Abort(f"it tried to build a value of more than {self.limit:,} characters")

    def charge(self, size: int) -> None:
        # Stops loops that keep building large values and dropping them; each value alone passes `need`.
        self.work += size
        if self.work > self.work_limit:
            raise _Abort(f"it built more than {self.work_limit:,} characters of text in all")

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


def _check_int_args(args: Iterable[object], kwargs: dict[str, object]) -> None:
    for value in (*args, *kwargs.values()):
        if isinstance(value, int) and abs(value) > MAX_INT_ARG:
            raise _too_big_int()


def _check_repeat(left: object, right: object, budget: _Budget) -> None:
    """``*``: sequence repetition and big-integer products, refused before they are computed."""
    if isinstance(left, int) and isinstance(right, int):
        if left.bit_length() + right.bit_length() > MAX_INT_BITS:
            raise _Abort(f"it tried to compute a number with more than {MAX_INT_BITS * 3 // 10:,} digits")
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


def _check_power(base: object, exponent: object) -> None:
    if (
        isinstance(base, int)
        and isinstance(exponent, int)
        and exponent > 0
        and abs(base) > 1
        and (exponent > MAX_INT_BITS or exponent * abs(base).bit_length() > MAX_INT_BITS)
    ):
        raise _Abort(f"it tried to compute a number with more than {MAX_INT_BITS * 3 // 10:,} digits")


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
                raise _too_big_int()
            fixed += int(fmt[start:i] or 0)
        count += 1
        fixed += 32  # sign, digits of a number, exponent ...
        i += 1  # the conversion character (h, l, L length modifiers are ignored by CPython)


def _check_percent(fmt: str | bytes, args: object, budget: _Budget) -> None:
    """``fmt % args`` (and the ``format`` filter), refused before formatting if it would be too large."""
    text = fmt.decode("latin-1") if isinstance(fmt, bytes) else fmt
    count, fixed, star = _scan_percent(text)
    if not count:
        return
    if star:
        _check_int_args(args if isinstance(args, tuple) else (args,), {})
    # Each conversion may print any argument (a mapping key can repeat), so count the largest one each time.
    budget.need(len(text) + fixed + count * budget.text_size(args))


_FORMAT_NUMBER = re.compile(r"\d+")


def _check_format_spec(spec: str) -> None:
    # Width and precision in '{:>999999999}' or '{:.999999999f}'; other digits are harmless but rare.
    for digits in _FORMAT_NUMBER.findall(spec):
        if len(digits) > 6 or int(digits) > MAX_INT_ARG:
            raise _too_big_int()


# --- Sandbox hardening --------------------------------------------------------------------------


class _CheckedFormatter(SandboxedFormatter):
    """``str.format`` inside templates: the sandbox's attribute checks, plus width and size caps."""

    def __init__(self, env: _Environment, **kwargs: Any) -> None:
        super().__init__(env, **kwargs)
        self._budget = env.budget
        self._produced = 0

    def convert_field(self, value: Any, conversion: str | None) -> Any:
        if conversion is not None:  # !r, !s and !a turn the value into text
            self._budget.check_text(value)
        return super().convert_field(value, conversion)

    def format_field(self, value: Any, format_spec: str) -> Any:
        _check_format_spec(format_spec)
        self._budget.check_text(value)
        text = super().format_field(value, format_spec)
        self._produced += len(text)
        self._budget.need(self._produced)
        return text


class _CheckedEscapeFormatter(_CheckedFormatter, EscapeFormatter):
    """The same, for ``Markup.format`` (autoescaped text)."""


class _CodeGenerator(CodeGenerator):
    """Routes the ``~`` operator through the environment, so its result is size-checked.

    Jinja2 compiles ``a ~ b`` to a direct call of ``str_join``. A recursive macro that doubles a
    string with ``~`` would reach gigabytes in a few dozen calls, each one too quick for the time cap.
    This mirrors ``CodeGenerator.visit_Concat`` of Jinja2 3.1, without its compile-time folding (that
    joins without any check).
    """

    def visit_Concat(self, node: nodes.Concat, frame: Frame) -> None:
        if frame.eval_ctx.volatile:
            func_name = "(markup_join if context.eval_ctx.volatile else str_join)"
        elif frame.eval_ctx.autoescape:
            func_name = "markup_join"
        else:
            func_name = "str_join"
        self.write(f"environment.concat_operands({func_name}, (")
        for arg in node.nodes:
            self.visit(arg, frame)
            self.write(", ")
        self.write("))")


class _GenerationTag(jinja2.ext.Extension):
    """Accepts ``{% generation %}…{% endgeneration %}`` and renders the body as is.

    transformers uses the tag to mark the assistant's text for training masks, and a few published
    templates contain it. Without the tag they would not compile.
    """

    tags = frozenset({"generation"})

    def parse(self, parser: Parser) -> nodes.Node:
        lineno = next(parser.stream).lineno
        body = parser.parse_statements(("name:endgeneration",), drop_needle=True)
        return nodes.Scope(body, lineno=lineno)


def _raise_exception(message: object) -> NoReturn:
    """``raise_exception(msg)``: how Hugging Face templates refuse a conversation (roles out of order ...)."""
    text = message if isinstance(message, str) else type(message).__name__
    text = text if len(text) <= 500 else text[:499] + "…"
    raise _TemplateRaised(f"The chat template refused this conversation: {text}", f"it reported an error: {text}")


def _strftime_now(fmt: object) -> str:
    """``strftime_now(fmt)``: the current local time, which Llama 3.x templates put in the system prompt."""
    fmt = str(fmt)
    if len(fmt) > MAX_STRFTIME_FORMAT:
        raise _Abort(f"it asked for a date format longer than {MAX_STRFTIME_FORMAT} characters")
    return datetime.now().strftime(fmt)


# Filters whose result can be far larger than their arguments: each gets a check before the call.
# They receive the bound arguments (by the filter's own parameter names) and may replace some.
def _estimate_join(arguments: dict[str, Any], budget: _Budget) -> None:
    items = list(arguments["value"])  # a generator (|map) must be measured before the join
    arguments["value"] = items
    separator = str(arguments.get("d", ""))
    budget.need(budget.text_size(items) + len(separator) * max(len(items) - 1, 0))


def _estimate_replace(arguments: dict[str, Any], budget: _Budget) -> None:
    text, old, new = str(arguments["s"]), str(arguments["old"]), str(arguments["new"])
    hits = text.count(old) if old else len(text) + 1
    count = arguments.get("count")
    if isinstance(count, int) and count >= 0:
        hits = min(hits, count)
    budget.need(len(text) + hits * max(len(new) - len(old), 0))


def _estimate_indent(arguments: dict[str, Any], budget: _Budget) -> None:
    text, width = str(arguments["s"]), arguments.get("width", 4)
    unit = len(width) if isinstance(width, str) else width if isinstance(width, int) else 0
    budget.need(len(text) + (text.count("\n") + 1) * max(unit, 0))


def _estimate_format(arguments: dict[str, Any], budget: _Budget) -> None:
    _check_percent(str(arguments["value"]), arguments.get("kwargs") or arguments.get("args", ()), budget)


def _estimate_wordwrap(arguments: dict[str, Any], budget: _Budget) -> None:
    text = str(arguments["s"])
    wrap = arguments.get("wrapstring") or arguments["environment"].newline_sequence
    budget.need(len(text) + (len(text) + 1) * len(str(wrap)))


def _estimate_sum(arguments: dict[str, Any], budget: _Budget) -> None:
    if not isinstance(arguments.get("start", 0), (int, float)):
        items = list(arguments["iterable"])
        arguments["iterable"] = items
        if len(items) > MAX_LIST_SUM_ITEMS:
            raise _Abort(f"it tried to add up more than {MAX_LIST_SUM_ITEMS:,} lists")


_FILTER_ESTIMATES: dict[str, Callable[[dict[str, Any], _Budget], None]] = {
    "join": _estimate_join,
    "replace": _estimate_replace,
    "indent": _estimate_indent,
    "format": _estimate_format,
    "wordwrap": _estimate_wordwrap,
    "sum": _estimate_sum,
}

# Callables that only store their arguments: big integers are data to them, not sizes.
_STORING_TYPES = (dict, Namespace)
_BUILTIN_CALLABLES = (
    types.BuiltinFunctionType,
    types.MethodWrapperType,
    types.WrapperDescriptorType,
    types.MethodDescriptorType,
    types.ClassMethodDescriptorType,
    type,
)


def _text_method(obj: object) -> tuple[str | bytes, str] | None:
    """(the string, the method's name) when ``obj`` is a bound method of a str, Markup or bytes."""
    if isinstance(obj, (types.BuiltinMethodType, types.MethodType)):
        owner = obj.__self__
        if isinstance(owner, (str, bytes)):
            return owner, obj.__name__
    return None


def _check_text_method(
    owner: str | bytes, name: str, args: tuple[Any, ...], kwargs: dict[str, Any], budget: _Budget
) -> tuple[Any, ...]:
    """Checks a call of a str/bytes method that can grow its input; may return materialized arguments."""
    if name in ("format", "format_map"):
        # The sandbox wraps these on attribute access; a raw one here would mean that wrapping was bypassed.
        raise SecurityError("str.format reached without the sandbox's formatter")
    try:
        if name == "join" and args:
            items = list(args[0])
            budget.need(budget.text_size(items) + len(owner) * max(len(items) - 1, 0))
            return (items, *args[1:])
        if name == "replace" and len(args) >= 2:
            old, new = args[0], args[1]
            hits = owner.count(old) if old else len(owner) + 1
            count = args[2] if len(args) > 2 else kwargs.get("count", -1)
            if isinstance(count, int) and count >= 0:
                hits = min(hits, count)
            budget.need(len(owner) + hits * max(len(new) - len(old), 0))
        elif name == "expandtabs":
            tabsize = args[0] if args else kwargs.get("tabsize", 8)
            tab = "\t" if isinstance(owner, str) else b"\t"
            if isinstance(tabsize, int):
                budget.need(len(owner) + owner.count(tab) * max(tabsize, 0))  # type: ignore[arg-type]
        elif name == "translate" and args and isinstance(args[0], dict):
            longest = max((len(v) for v in args[0].values() if isinstance(v, (str, bytes))), default=1)
            budget.need(len(owner) * max(longest, 1))
    except TypeError:
        pass  # wrong argument types: the call itself will fail with a clear message
    return args


class _Environment(ImmutableSandboxedEnvironment):
    """The sandbox with the caps and options described in the module docstring.

    The options match what transformers' ``apply_chat_template`` uses, so published templates render
    the same: trim_blocks, lstrip_blocks, loop controls (``{% break %}``), a ``tojson`` that does not
    HTML-escape, and the globals ``raise_exception`` and ``strftime_now``.
    """

    intercepted_binops = frozenset({"*", "**", "%", "+"})
    code_generator_class = _CodeGenerator

    def __init__(self) -> None:
        super().__init__(
            trim_blocks=True,
            lstrip_blocks=True,
            extensions=[jinja2.ext.loopcontrols, _GenerationTag],
            finalize=self._finalize,
        )
        self.local = threading.local()  # .budget: the render running on this thread
        for name in ("lipsum", "cycler", "joiner"):
            del self.globals[name]
        self.globals["raise_exception"] = _raise_exception
        self.globals["strftime_now"] = _strftime_now
        self.filters["tojson"] = self._tojson
        del self.filters["urlize"]  # regular expressions on template-built text; HTML, not chat
        for name, func in list(self.filters.items()):
            self.filters[name] = self._guard_filter(name, func)

    @property
    def budget(self) -> _Budget:
        # Outside a render (nothing should run then) a fresh budget still applies the default caps.
        return getattr(self.local, "budget", None) or _Budget(MIN_OUTPUT_CHARS)

    # -- the sandbox's hooks --

    def unsafe_undefined(self, obj: Any, attribute: str) -> NoReturn:
        # The sandbox returns an undefined value that fails only when used, which a template can test
        # (``is defined``) and go on probing with. No real chat template reads these attributes.
        raise _Abort(f"it tried to reach Python internals ({type(obj).__name__}.{attribute})")

    def call_binop(self, context: Context, operator: str, left: Any, right: Any) -> Any:
        budget = self.budget
        if operator == "*":
            _check_repeat(left, right, budget)
        elif operator == "**":
            _check_power(left, right)
        elif operator == "%" and isinstance(left, (str, bytes)):
            _check_percent(left, right, budget)
        elif operator == "+" and isinstance(left, (str, bytes)) and isinstance(right, (str, bytes)):
            budget.need(len(left) + len(right))
        result = self.binop_table[operator](left, right)
        budget.check_result(result)
        return result

    def call(self, context: Context, obj: Any, /, *args: Any, **kwargs: Any) -> Any:
        budget = self.budget
        method = _text_method(obj)
        if method is not None or (isinstance(obj, _BUILTIN_CALLABLES) and obj not in _STORING_TYPES):
            # C code takes these integers as sizes: 'x'.ljust(10**9), (1).to_bytes(10**9, 'big').
            _check_int_args(args, kwargs)
        if method is not None:
            args = _check_text_method(method[0], method[1], args, kwargs, budget)
        result = super().call(context, obj, *args, **kwargs)
        budget.check_result(result)
        return result

    def wrap_str_format(self, value: Any) -> Callable[..., str] | None:
        # Same as the sandbox's own, with a formatter that also caps widths and the total size.
        if not isinstance(value, (types.MethodType, types.BuiltinMethodType)) or value.__name__ not in (
            "format",
            "format_map",
        ):
            return None
        owner = value.__self__
        if not isinstance(owner, str):
            return None
        is_format_map = value.__name__ == "format_map"
        str_type = type(owner)

        def wrapper(*args: Any, **kwargs: Any) -> str:
            if is_format_map:
                if kwargs:
                    raise TypeError("format_map() takes no keyword arguments")
                if len(args) != 1:
                    raise TypeError(f"format_map() takes exactly one argument ({len(args)} given)")
                kwargs = args[0]
                args = ()
            formatter: _CheckedFormatter
            if isinstance(owner, Markup):
                formatter = _CheckedEscapeFormatter(self, escape=owner.escape)
            else:
                formatter = _CheckedFormatter(self)
            return str_type(formatter.vformat(owner, args, kwargs))

        return functools.update_wrapper(wrapper, value)

    # -- where Jinja2 turns values into text --

    def _finalize(self, value: Any) -> Any:
        # ``{{ value }}`` calls str(value) right after this. A list of many references to one long
        # string is small in memory but huge as text, so measure it first.
        if not isinstance(value, str):
            self.budget.check_text(value)
        return value

    def concat(self, parts: Iterable[str]) -> str:  # type: ignore[override]
        # Jinja2 joins buffered output with this: macro results, {% set %} blocks, {% filter %} and
        # {% call %} bodies. Nested macros that each repeat their argument would grow without bound.
        budget = self.budget
        pieces: list[str] = []
        total = 0
        for piece in parts:
            total += len(piece)
            if total > budget.limit:
                budget.need(total)
            pieces.append(piece)
        budget.charge(total)
        return "".join(pieces)

    def concat_operands(self, join: Callable[[Iterable[Any]], str], values: tuple[Any, ...]) -> str:
        """The ``~`` operator (see ``_CodeGenerator``)."""
        budget = self.budget
        budget.need(sum(budget.text_size(value) for value in values))
        result = join(values)
        budget.check_result(result)
        return result

    def _tojson(
        self,
        x: Any,
        ensure_ascii: bool = False,
        indent: int | str | None = None,
        separators: tuple[str, str] | None = None,
        sort_keys: bool = False,
    ) -> str:
        # The signature of transformers' override, which (unlike Jinja2's own tojson) does not
        # HTML-escape. The text is encoded piece by piece, so a deep or wide value cannot produce
        # unbounded text.
        if (isinstance(indent, int) and indent > MAX_TOJSON_INDENT) or (
            isinstance(indent, str) and len(indent) > MAX_TOJSON_INDENT
        ):
            raise _Abort(f"it asked tojson for an indent above {MAX_TOJSON_INDENT}")
        encoder = json.JSONEncoder(ensure_ascii=ensure_ascii, indent=indent, separators=separators, sort_keys=sort_keys)
        budget = self.budget
        pieces: list[str] = []
        total = 0
        for piece in encoder.iterencode(x):
            total += len(piece)
            if total > budget.limit:
                budget.need(total)
            pieces.append(piece)
        return "".join(pieces)

    def _guard_filter(self, name: str, func: Callable[..., Any]) -> Callable[..., Any]:
        """Wraps a filter with integer caps, text-size checks before, and a result check after.

        Wrapped filters take the context. That also stops Jinja2 from running them at compile time
        to fold constants, where no render budget or time cap would apply.
        """
        pass_arg = getattr(getattr(func, "jinja_pass_arg", None), "name", None)
        estimate = _FILTER_ESTIMATES.get(name)
        signature = inspect.signature(func) if estimate is not None else None
        env = self

        @functools.wraps(func)
        def guarded(context: Context, *args: Any, **kwargs: Any) -> Any:
            budget = env.budget
            _check_int_args(args[1:], kwargs)  # args[0] is the filtered value: data, not a size
            for value in (*args, *kwargs.values()):
                budget.check_text(value)
            if pass_arg == "context":
                lead: tuple[Any, ...] = (context,)
            elif pass_arg == "eval_context":
                lead = (context.eval_ctx,)
            elif pass_arg == "environment":
                lead = (context.environment,)
            else:
                lead = ()
            if estimate is not None and signature is not None:
                bound = signature.bind(*lead, *args, **kwargs)
                estimate(bound.arguments, budget)
                result = func(*bound.args, **bound.kwargs)
            else:
                result = func(*lead, *args, **kwargs)
            budget.check_result(result)
            return result

        return jinja2.pass_context(guarded)


# --- The time cap -------------------------------------------------------------------------------


class _TimeLimit:
    """A deadline for the Python code that runs on this thread, enforced with ``sys.settrace``.

    Why a trace function: a Python thread cannot be killed from outside, the sandbox has no time limit,
    and signals (SIGALRM) reach only the main thread while templates render on workers. The trace
    function runs on each line of Python (the template's compiled code, Jinja2's runtime, our checks)
    and raises once the deadline has passed. C calls are not interrupted; the size caps keep each one
    short.

    A trace function already set (a debugger, coverage) is chained to, and put back afterwards by the
    caller (see ``ChatTemplate._guarded``). Restoring happens in the caller's untraced frame, so no
    check can fire halfway through it.
    """

    def __init__(self, seconds: float, *, lines: bool = True) -> None:
        self.seconds = seconds
        # Checking on every line costs a Python call per line. Rendering needs it (a template loop can
        # spin without calling anything), compiling does not (Jinja2's lexer and parser call functions
        # all the time), so compiling checks only when functions are called and runs several times faster.
        self.lines = lines
        self.deadline = 0.0
        self.active = False
        self.previous: TraceFunction | None = None
        # Bound once: sys.gettrace() is compared by identity, and a fresh bound method per line is waste.
        self.on_call: TraceFunction = self._on_call
        self._on_line_bound: TraceFunction = self._on_line

    def start(self) -> None:
        self.previous = sys.gettrace()
        self.deadline = time.perf_counter() + self.seconds
        self.active = True
        sys.settrace(self.on_call)

    def _expired(self) -> _Abort:
        return _Abort(f"it took longer than {self.seconds:g} s")

    def _on_call(self, frame: types.FrameType, event: str, arg: Any) -> TraceFunction | None:
        previous = self.previous
        if not self.active or frame.f_code in _UNTRACED_CODE:
            return previous(frame, event, arg) if previous is not None else None
        if time.perf_counter() > self.deadline:
            raise self._expired()
        if previous is None:
            return self._on_line_bound if self.lines else None
        inner = previous(frame, event, arg)
        if sys.gettrace() is not self.on_call:
            # coverage.py's C tracer puts itself back as the thread's tracer when called; take it back.
            sys.settrace(self.on_call)
        return self._chain(inner) if self.lines else inner

    def _on_line(self, frame: types.FrameType, event: str, arg: Any) -> TraceFunction | None:
        if event == "line" and self.active and time.perf_counter() > self.deadline:
            raise self._expired()
        return self._on_line_bound

    def _chain(self, inner: TraceFunction | None) -> TraceFunction:
        def local(frame: types.FrameType, event: str, arg: Any) -> TraceFunction | None:
            nonlocal inner
            if inner is not None:
                inner = inner(frame, event, arg)
            if not self.active:
                return inner
            if event == "line" and time.perf_counter() > self.deadline:
                raise self._expired()
            return local

        return local


# --- Public API ---------------------------------------------------------------------------------


class ChatTemplate:
    """A model's chat template, compiled in the hardened sandbox. ``render`` turns messages into a prompt.

    Both the constructor and ``render`` raise only TemplateRejected, with a reason in plain words.
    ``time_limit`` caps each render; compiling may take up to ``max(time_limit, MIN_COMPILE_TIME_LIMIT)``.
    """

    def __init__(
        self, source: str, *, bos_token: str = "", eos_token: str = "", time_limit: float = DEFAULT_TIME_LIMIT
    ) -> None:
        self.bos_token = bos_token
        self.eos_token = eos_token
        self.time_limit = time_limit
        self._env = _Environment()
        if len(source) > MAX_SOURCE_CHARS:
            reason = f"it is longer than {MAX_SOURCE_CHARS:,} characters"
            raise _Rejected(f"The chat template could not be read: {reason}.", reason)
        # Compiling runs template-controlled code too (Jinja2 folds constant expressions), so it is guarded.
        self._template = self._guarded(lambda: self._env.from_string(source), _Budget(MIN_OUTPUT_CHARS), compiling=True)

    def render(self, messages: list[Message], *, add_generation_prompt: bool = True) -> str:
        budget = _Budget.for_messages(messages)
        variables = {
            # The variables transformers' apply_chat_template passes.
            "messages": [dict(message) for message in messages],
            "add_generation_prompt": bool(add_generation_prompt),
            "bos_token": self.bos_token,
            "eos_token": self.eos_token,
            "tools": None,
            "documents": None,
        }
        return self._guarded(lambda: self._stream(variables, budget), budget)

    def _stream(self, variables: dict[str, Any], budget: _Budget) -> str:
        pieces: list[str] = []
        total = 0
        generator = self._template.generate(**variables)
        try:
            for piece in generator:
                total += len(piece)
                if total > budget.limit:
                    raise _Abort(f"it produced more than {budget.limit:,} characters")
                pieces.append(piece)
        finally:
            generator.close()
        return "".join(pieces)

    def _guarded(self, work: Callable[[], T], budget: _Budget, *, compiling: bool = False) -> T:
        """Runs ``work`` under the time cap and ``budget``; turns every failure into TemplateRejected."""
        if compiling:
            limit = _TimeLimit(max(self.time_limit, MIN_COMPILE_TIME_LIMIT), lines=False)
        else:
            limit = _TimeLimit(self.time_limit)
        failure: BaseException
        self._env.local.budget = budget
        limit.start()
        # From here to the `finally`, this frame runs untraced (it started before settrace). It only
        # stores attributes and calls C functions, so no check can fire inside the cleanup.
        try:
            return work()
        except (_Abort, Exception) as err:
            failure = err
        finally:
            limit.active = False
            sys.settrace(limit.previous)
            self._env.local.budget = None
        if isinstance(failure, TemplateRejected):
            raise failure
        log.debug("Chat template failed", exc_info=failure)
        reason = _explain(failure)
        if compiling and not isinstance(failure, _Abort):
            raise _Rejected(f"The chat template could not be read: {reason}.", reason)
        raise _Rejected(f"The chat template was rejected: {reason}.", reason)


def chatml(messages: list[Message], *, add_generation_prompt: bool = True) -> str:
    """The built-in fallback format (ChatML). Many instruct models were trained on it, SmolLM2 among them."""
    parts = [f"<|im_start|>{m.get('role') or 'user'}\n{m.get('content') or ''}<|im_end|>\n" for m in messages]
    if add_generation_prompt:
        parts.append("<|im_start|>assistant\n")
    return "".join(parts)


class Rendered(NamedTuple):
    """A rendered prompt. ``warning`` is None unless this call had to fall back to ChatML."""

    text: str
    warning: str | None = None


def _merge_system(messages: list[Message]) -> list[Message] | None:
    """The conversation with its leading system message folded into the first user message.

    Some templates (Gemma's, for one) refuse a system role with raise_exception; this is the usual workaround.
    None when there is nothing to merge.
    """
    if not messages or messages[0].get("role") != "system":
        return None
    rest = [dict(m) for m in messages[1:]]
    for message in rest:
        if message.get("role") == "user":
            message["content"] = f"{messages[0].get('content') or ''}\n\n{message.get('content') or ''}"
            return rest
    return None


class TemplateRenderer:
    """What load_template returns: call it with messages to get a :class:`Rendered` prompt.

    It renders with the model's template when load_template accepted it, otherwise with ChatML (and
    load_template's warning said so). If the accepted template still fails on a real conversation,
    that call falls back to ChatML and its ``Rendered.warning`` says why (also logged). The caller
    learns of a fallback through that warning, which is None on every normal call.
    """

    def __init__(self, template: ChatTemplate | None) -> None:
        self.template = template

    @property
    def uses_model_template(self) -> bool:
        return self.template is not None

    def __call__(self, messages: list[Message], *, add_generation_prompt: bool = True) -> Rendered:
        if self.template is None:
            return Rendered(chatml(messages, add_generation_prompt=add_generation_prompt))
        failure: TemplateRejected
        try:
            return Rendered(self.template.render(messages, add_generation_prompt=add_generation_prompt))
        except _TemplateRaised as err:
            failure = err
            merged = _merge_system(messages)
            if merged is not None:
                try:
                    text = self.template.render(merged, add_generation_prompt=add_generation_prompt)
                except TemplateRejected:
                    pass
                else:
                    log.info(
                        "The chat template refuses system messages; the system prompt went into the first user message."
                    )
                    return Rendered(text)
        except TemplateRejected as err:
            failure = err
        warning = CALL_FALLBACK_WARNING.format(reason=_reason_of(failure))
        log.warning("%s", warning)
        return Rendered(chatml(messages, add_generation_prompt=add_generation_prompt), warning)


def _trial_render(template: ChatTemplate) -> None:
    """Raises TemplateRejected unless the template renders a short sample conversation."""
    try:
        template.render(SAMPLE_CONVERSATION)
    except _TemplateRaised:
        # A template may refuse system messages and still be fine (TemplateRenderer merges them).
        merged = _merge_system(SAMPLE_CONVERSATION)
        assert merged is not None
        template.render(merged)


def load_template(
    source: str | None, *, bos_token: str = "", eos_token: str = ""
) -> tuple[TemplateRenderer, str | None]:
    """The render function for a model's chat template, and a warning (None when the model's own is used).

    With no template, or one that fails to compile or to render a sample conversation, the function
    renders ChatML and the warning says why.
    """
    if source is None or not source.strip():
        log.info("%s", NO_TEMPLATE_WARNING)
        return TemplateRenderer(None), NO_TEMPLATE_WARNING
    try:
        template = ChatTemplate(source, bos_token=bos_token, eos_token=eos_token)
        _trial_render(template)
    except TemplateRejected as err:
        warning = REJECTED_WARNING.format(reason=_reason_of(err))
        log.warning("%s", warning)
        return TemplateRenderer(None), warning
    return TemplateRenderer(template), None
