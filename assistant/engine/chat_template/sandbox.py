"""The hardened Jinja2 environment: the sandbox with the size caps wired into every operation that can
grow a value, no escape gadgets, and the options transformers renders with."""

from __future__ import annotations

import functools
import inspect
import json
import threading
import types
from collections.abc import Callable, Iterable
from datetime import datetime
from typing import Any, NoReturn

import jinja2
import jinja2.ext
from jinja2 import nodes
from jinja2.compiler import CodeGenerator, Frame
from jinja2.exceptions import SecurityError
from jinja2.parser import Parser
from jinja2.runtime import Context
from jinja2.sandbox import ImmutableSandboxedEnvironment, SandboxedFormatter
from jinja2.utils import Namespace
from markupsafe import EscapeFormatter, Markup

from assistant.engine.chat_template.failures import Abort, TemplateRaised
from assistant.engine.chat_template.limits import (
    MAX_LIST_SUM_ITEMS,
    MAX_STRFTIME_FORMAT,
    MAX_TOJSON_INDENT,
    MIN_OUTPUT_CHARS,
    Budget,
    check_format_spec,
    check_int_args,
    check_percent,
    check_power,
    check_repeat,
)
from assistant.errors import translatable


class CheckedFormatter(SandboxedFormatter):
    """``str.format`` inside templates: the sandbox's attribute checks, plus width and size caps."""

    def __init__(self, env: Environment, **kwargs: Any) -> None:
        super().__init__(env, **kwargs)
        self._budget = env.budget
        self._produced = 0

    def convert_field(self, value: Any, conversion: str | None) -> Any:
        if conversion is not None:  # !r, !s and !a turn the value into text
            self._budget.check_text(value)
        return super().convert_field(value, conversion)

    def format_field(self, value: Any, format_spec: str) -> Any:
        check_format_spec(format_spec)
        self._budget.check_text(value)
        text = super().format_field(value, format_spec)
        self._produced += len(text)
        self._budget.need(self._produced)
        return text


class CheckedEscapeFormatter(CheckedFormatter, EscapeFormatter):
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
    raise TemplateRaised(
        translatable("The chat template refused this conversation: {text}"), f"it reported an error: {text}", text=text
    )


def _strftime_now(fmt: object) -> str:
    """``strftime_now(fmt)``: the current local time, which Llama 3.x templates put in the system prompt."""
    fmt = str(fmt)
    if len(fmt) > MAX_STRFTIME_FORMAT:
        raise Abort(f"it asked for a date format longer than {MAX_STRFTIME_FORMAT} characters")
    return datetime.now().strftime(fmt)


# Filters whose result can be far larger than their arguments: each gets a check before the call.
# They receive the bound arguments (by the filter's own parameter names) and may replace some.
def _estimate_join(arguments: dict[str, Any], budget: Budget) -> None:
    items = list(arguments["value"])  # a generator (|map) must be measured before the join
    arguments["value"] = items
    separator = str(arguments.get("d", ""))
    budget.need(budget.text_size(items) + len(separator) * max(len(items) - 1, 0))


def _estimate_replace(arguments: dict[str, Any], budget: Budget) -> None:
    text, old, new = str(arguments["s"]), str(arguments["old"]), str(arguments["new"])
    hits = text.count(old) if old else len(text) + 1
    count = arguments.get("count")
    if isinstance(count, int) and count >= 0:
        hits = min(hits, count)
    budget.need(len(text) + hits * max(len(new) - len(old), 0))


def _estimate_indent(arguments: dict[str, Any], budget: Budget) -> None:
    text, width = str(arguments["s"]), arguments.get("width", 4)
    unit = len(width) if isinstance(width, str) else width if isinstance(width, int) else 0
    budget.need(len(text) + (text.count("\n") + 1) * max(unit, 0))


def _estimate_format(arguments: dict[str, Any], budget: Budget) -> None:
    check_percent(str(arguments["value"]), arguments.get("kwargs") or arguments.get("args", ()), budget)


def _estimate_wordwrap(arguments: dict[str, Any], budget: Budget) -> None:
    text = str(arguments["s"])
    wrap = arguments.get("wrapstring") or arguments["environment"].newline_sequence
    budget.need(len(text) + (len(text) + 1) * len(str(wrap)))


def _estimate_sum(arguments: dict[str, Any], budget: Budget) -> None:
    if not isinstance(arguments.get("start", 0), (int, float)):
        items = list(arguments["iterable"])
        arguments["iterable"] = items
        if len(items) > MAX_LIST_SUM_ITEMS:
            raise Abort(f"it tried to add up more than {MAX_LIST_SUM_ITEMS:,} lists")


_FILTER_ESTIMATES: dict[str, Callable[[dict[str, Any], Budget], None]] = {
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
    owner: str | bytes, name: str, args: tuple[Any, ...], kwargs: dict[str, Any], budget: Budget
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


class Environment(ImmutableSandboxedEnvironment):
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
    def budget(self) -> Budget:
        # Outside a render (nothing should run then) a fresh budget still applies the default caps.
        return getattr(self.local, "budget", None) or Budget(MIN_OUTPUT_CHARS)

    # -- the sandbox's hooks --

    def unsafe_undefined(self, obj: Any, attribute: str) -> NoReturn:
        # The sandbox returns an undefined value that fails only when used, which a template can test
        # (``is defined``) and go on probing with. No real chat template reads these attributes.
        raise Abort(f"it tried to reach Python internals ({type(obj).__name__}.{attribute})")

    def call_binop(self, context: Context, operator: str, left: Any, right: Any) -> Any:
        budget = self.budget
        if operator == "*":
            check_repeat(left, right, budget)
        elif operator == "**":
            check_power(left, right)
        elif operator == "%" and isinstance(left, (str, bytes)):
            check_percent(left, right, budget)
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
            check_int_args(args, kwargs)
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
            formatter: CheckedFormatter
            if isinstance(owner, Markup):
                formatter = CheckedEscapeFormatter(self, escape=owner.escape)
            else:
                formatter = CheckedFormatter(self)
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
            raise Abort(f"it asked tojson for an indent above {MAX_TOJSON_INDENT}")
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
            check_int_args(args[1:], kwargs)  # args[0] is the filtered value: data, not a size
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
