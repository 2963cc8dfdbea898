"""Structured output: a JSON Schema (or "any JSON object") turned into a llama.cpp grammar.

The conversion is llama-cpp-python's port of llama.cpp's ``json-schema-to-grammar``
(``llama_cpp.llama_grammar.json_schema_to_gbnf``). That converter quietly ignores what it does not
understand (number bounds, ``multipleOf``, ``not``, ``if``/``then``…), which would let a reply break
the schema the client asked for. So the schema is checked here first, keyword by keyword, and a
keyword the grammar cannot enforce is refused with the place it was found
(``#/properties/age: 'multipleOf' is not supported``) instead of being dropped.

Integer bounds are the one thing added: a range of at most ``MAX_INT_RANGE`` values becomes a rule
of its own, the numbers' digits as a tree (0-999 is ``"0" | [1-9] ([0-9] ([0-9])?)?``), which the
grammar sampler walks cheaply; a flat list of 1,000 alternatives made generation 13 times slower.
Wider ranges and bounds on non-integers are refused.
"""

from __future__ import annotations

import json
import math
import re
from typing import Any

from assistant.errors import AssistantError, translatable

MAX_INT_RANGE = 10_000
_RANGE_MARK = re.compile(r'"\\"__int_range_(-?\d+)_(-?\d+)__\\""')
"""The converter's literal for the placeholder const ``__int_range_LO_HI__`` (swapped for the rule)."""
MAX_SCHEMA_CHARS = 256 * 1024

# Keywords the converter turns into grammar rules; annotations that change nothing about valid output.
_ENFORCED = frozenset(
    {
        "type", "properties", "required", "additionalProperties", "items", "prefixItems", "minItems",
        "maxItems", "enum", "const", "anyOf", "oneOf", "allOf", "$ref", "$defs", "definitions", "pattern",
        "format", "minLength", "maxLength",
    }
)  # fmt: skip
_ANNOTATIONS = frozenset(
    {"title", "description", "$schema", "$id", "$comment", "default", "examples", "deprecated", "readOnly", "writeOnly"}
)
_FORMATS = frozenset({"date", "time", "date-time", "uuid", "uuid1", "uuid2", "uuid3", "uuid4", "uuid5"})
_TYPES = frozenset({"object", "array", "string", "number", "integer", "boolean", "null"})
_BOUNDS = ("minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum")


class SchemaUnsupported(AssistantError):
    """A schema (or part of one) the output grammar cannot enforce. The message names the place."""


def any_object_grammar() -> str:
    """``response_format: json_object``: any JSON object, with bounded whitespace (unbounded lets a
    small model write spaces until the token limit)."""
    return schema_grammar({"type": "object"})


def schema_grammar(schema: object) -> str:
    """GBNF that admits exactly the JSON documents ``schema`` allows. Raises SchemaUnsupported."""
    from llama_cpp.llama_grammar import json_schema_to_gbnf

    if not isinstance(schema, dict):
        raise SchemaUnsupported(translatable("The JSON schema must be an object."))
    if len(json.dumps(schema)) > MAX_SCHEMA_CHARS:
        raise SchemaUnsupported(
            translatable("The JSON schema is larger than {limit:,} characters."), limit=MAX_SCHEMA_CHARS
        )
    prepared = _prepare(schema, "#")
    try:
        grammar = json_schema_to_gbnf(json.dumps(prepared))
    except (AssertionError, ValueError, KeyError, TypeError, RecursionError) as err:
        # The converter's own refusals (a regular expression feature, an unresolvable $ref).
        raise SchemaUnsupported(
            translatable("The JSON schema could not be turned into a grammar: {reason}"), reason=str(err)
        ) from None
    return _int_ranges(_strict_strings(grammar))


def _strict_strings(grammar: str) -> str:
    """The port's string character rule admits raw control characters (a newline inside a string),
    which JSON forbids and ``json.loads`` refuses; llama.cpp's own converter excludes them. Found by
    the API tests with the default model, which wrote a newline into a string."""
    lines = grammar.splitlines()
    for i, line in enumerate(lines):
        if line.startswith(_CHAR_RULE):
            lines[i] = _STRICT_CHAR_RULE + line[len(_CHAR_RULE) :]
    return "\n".join(lines)


_CHAR_RULE = 'char ::= [^"\\\\]'
_STRICT_CHAR_RULE = 'char ::= [^"\\\\\\x7F\\x00-\\x1F]'


def _prepare(node: Any, where: str) -> Any:
    """A copy of ``node`` with integer bounds as enums; SchemaUnsupported for what cannot be enforced."""
    if isinstance(node, bool):
        if node is False:
            raise SchemaUnsupported(translatable("{where}: a schema of false allows nothing."), where=where)
        return {}
    if not isinstance(node, dict):
        raise SchemaUnsupported(
            translatable("{where}: expected a schema (an object), got {kind}."), where=where, kind=type(node).__name__
        )
    out: dict[str, Any] = {}
    for key, value in node.items():
        here = f"{where}/{key}"
        if key in _ANNOTATIONS or key in _BOUNDS:
            continue
        if key not in _ENFORCED:
            raise SchemaUnsupported(
                translatable("{where}: '{key}' is not supported in structured output."), where=where, key=key
            )
        if key == "type":
            types = value if isinstance(value, list) else [value]
            if not types or any(t not in _TYPES for t in types):
                raise SchemaUnsupported(translatable("{where}: unknown type {value}."), where=here, value=repr(value))
            out[key] = value
        elif key in ("properties", "$defs", "definitions"):
            if not isinstance(value, dict):
                raise SchemaUnsupported(translatable("{where}: must be an object."), where=here)
            out[key] = {name: _prepare(sub, f"{here}/{name}") for name, sub in value.items()}
        elif key in ("anyOf", "oneOf", "allOf", "prefixItems"):
            if not isinstance(value, list) or not value:
                raise SchemaUnsupported(translatable("{where}: must be a non-empty list."), where=here)
            out[key] = [_prepare(sub, f"{here}/{i}") for i, sub in enumerate(value)]
        elif key == "items" or (key == "additionalProperties" and isinstance(value, dict)):
            out[key] = _prepare(value, here)
        elif key == "format":
            if value not in _FORMATS:
                raise SchemaUnsupported(
                    translatable("{where}: the format {value} is not supported (only {formats})."),
                    where=here,
                    value=repr(value),
                    formats=", ".join(sorted(_FORMATS)),
                )
            out[key] = value
        elif key == "pattern":
            if not isinstance(value, str):
                raise SchemaUnsupported(translatable("{where}: must be a regular expression."), where=here)
            # JSON Schema patterns match anywhere; the grammar needs the whole string. Anchoring it is
            # stricter than the schema, so what it admits is still valid.
            core = value[1:] if value.startswith("^") else value
            core = core[:-1] if core.endswith("$") and not core.endswith("\\$") else core
            out[key] = f"^({core})$"
        elif key == "$ref":
            if not isinstance(value, str) or not value.startswith("#"):
                raise SchemaUnsupported(
                    translatable("{where}: only references inside the schema (#/…) are supported."), where=here
                )
            out[key] = value
        else:
            out[key] = value
    _bounds(node, out, where)
    return out


def _bounds(node: dict[str, Any], out: dict[str, Any], where: str) -> None:
    present = [k for k in _BOUNDS if k in node]
    if not present:
        return
    if node.get("type") != "integer":
        raise SchemaUnsupported(
            translatable("{where}: '{key}' is supported on integers only."), where=where, key=present[0]
        )
    values = [node[k] for k in present]
    if any(isinstance(v, bool) or not isinstance(v, (int, float)) for v in values):
        raise SchemaUnsupported(translatable("{where}: '{key}' must be a number."), where=where, key=present[0])
    low = high = None
    if "minimum" in node:
        low = math.ceil(node["minimum"])
    if "exclusiveMinimum" in node:
        low = _merge(low, math.floor(node["exclusiveMinimum"]) + 1, max)
    if "maximum" in node:
        high = math.floor(node["maximum"])
    if "exclusiveMaximum" in node:
        high = _merge(high, math.ceil(node["exclusiveMaximum"]) - 1, min)
    if low is None or high is None or high - low + 1 > MAX_INT_RANGE:
        raise SchemaUnsupported(
            translatable(
                "{where}: integer bounds are supported when both ends are given and at most "
                "{limit:,} values lie between them."
            ),
            where=where,
            limit=MAX_INT_RANGE,
        )
    if high < low:
        raise SchemaUnsupported(translatable("{where}: no integer lies between the bounds."), where=where)
    out.pop("type", None)
    if "enum" in node:
        out["enum"] = [v for v in node["enum"] if low <= v <= high]
    else:
        out["const"] = f"__int_range_{low}_{high}__"  # a placeholder: see _int_ranges


def _int_ranges(grammar: str) -> str:
    return _RANGE_MARK.sub(lambda m: "(" + _range_rule(int(m.group(1)), int(m.group(2))) + ")", grammar)


def _range_rule(low: int, high: int) -> str:
    """GBNF for the integers low..high, as a tree of their digits."""
    tree: dict[str, dict] = {}
    for n in range(low, high + 1):
        node = tree
        for ch in str(n):
            node = node.setdefault(ch, {})
        node[""] = {}  # a number may end here
    return _alternatives(tree)


def _alternatives(node: dict[str, dict]) -> str:
    groups: dict[tuple[bool, str, bool], list[str]] = {}
    for ch, child in node.items():
        if ch == "":
            continue
        ends = "" in child
        rest = _alternatives(child) if len(child) > ends else ""
        groups.setdefault((ends, rest, ch == "-"), []).append(ch)
    parts = []
    for (ends, rest, _minus), chars in groups.items():
        head = _char_class(chars)
        parts.append(head if not rest else f"{head} ({rest})" + ("?" if ends else ""))
    return " | ".join(parts)


def _char_class(chars: list[str]) -> str:
    if len(chars) == 1:
        return f'"{chars[0]}"'
    digits = sorted(int(c) for c in chars)
    runs: list[list[int]] = []
    for d in digits:
        if runs and d == runs[-1][-1] + 1:
            runs[-1].append(d)
        else:
            runs.append([d])
    return "[" + "".join(f"{r[0]}-{r[-1]}" if len(r) > 1 else f"{r[0]}" for r in runs) + "]"


def _merge(a: int | None, b: int | None, pick) -> int | None:
    if a is None:
        return b
    if b is None:
        return a
    return pick(a, b)
