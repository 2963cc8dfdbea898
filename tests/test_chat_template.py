"""Tests for assistant.engine.chat_template: the default model's real template, live escape payloads,
resource-exhaustion templates, the ChatML fallback, and how the time cap treats an existing trace function.

Every escape payload is live: rendered by a plain (unsandboxed) Jinja2 environment, it creates a canary
file, which a test here checks first. Nothing is mocked; every template really renders.
"""

from __future__ import annotations

import json
import shutil
import sys
import time
import types
from collections.abc import Callable
from pathlib import Path
from typing import Any

import gguf
import jinja2
import pytest

from assistant.engine.chat_template import (
    NO_TEMPLATE_WARNING,
    SAMPLE_CONVERSATION,
    ChatTemplate,
    Rendered,
    TemplateRenderer,
    chatml,
    load_template,
)
from assistant.errors import AssistantError, TemplateRejected
from assistant.models.store import default_model_path

CASE_SECONDS = 30.0  # the hard bound each hostile case must meet, even on a slow machine
CONVERSATION = [
    {"role": "system", "content": "You are a concise assistant."},
    {"role": "user", "content": "What is the capital of France?"},
]
SMOLLM2_DEFAULT_SYSTEM = "You are a helpful AI assistant named SmolLM, trained by Hugging Face"
ENDLESS = "{% for i in range(100000) %}{% for j in range(100000) %}{% endfor %}{% endfor %}"  # 10**10 steps


@pytest.fixture(scope="session")
def smollm2_template() -> str:
    """The chat template stored in the default model file (SmolLM2-135M-Instruct), read with gguf."""
    reader = gguf.GGUFReader(default_model_path())
    field = reader.fields["tokenizer.chat_template"]
    return bytes(field.parts[field.data[0]]).decode()


def attempt(source: str, messages: list[dict[str, str]] | None = None, **options: Any) -> str | TemplateRejected:
    """Compiles and renders ``source``; returns the text or the TemplateRejected (any other error fails)."""
    try:
        return ChatTemplate(source, **options).render(CONVERSATION if messages is None else messages)
    except TemplateRejected as err:
        return err


# --- The default model's real template -----------------------------------------------------------


def test_real_template_renders_the_chatml_smollm2_expects(smollm2_template: str) -> None:
    text = ChatTemplate(smollm2_template).render(CONVERSATION)
    assert text == (
        "<|im_start|>system\nYou are a concise assistant.<|im_end|>\n"
        "<|im_start|>user\nWhat is the capital of France?<|im_end|>\n"
        "<|im_start|>assistant\n"
    )
    assert text.startswith("<|im_start|>system\n")
    assert text.endswith("<|im_start|>assistant\n")
    assert text == chatml(CONVERSATION)


def test_real_template_logic_runs(smollm2_template: str) -> None:
    # Without a system message the template inserts its own: proof that its logic ran, not just text.
    user_only = [{"role": "user", "content": "Hi"}]
    text = ChatTemplate(smollm2_template).render(user_only, add_generation_prompt=False)
    assert text == f"<|im_start|>system\n{SMOLLM2_DEFAULT_SYSTEM}<|im_end|>\n<|im_start|>user\nHi<|im_end|>\n"


def test_real_template_renders_a_long_conversation(smollm2_template: str) -> None:
    # 2,000 messages, about 2 MB: far more than any real chat, still well inside the caps and time.
    messages = [
        {"role": "user" if i % 2 == 0 else "assistant", "content": f"message {i} " + "word " * 200} for i in range(2000)
    ]
    started = time.perf_counter()
    text = ChatTemplate(smollm2_template).render(messages)
    assert time.perf_counter() - started < 2.0
    assert text == f"<|im_start|>system\n{SMOLLM2_DEFAULT_SYSTEM}<|im_end|>\n" + chatml(messages)


def test_load_template_uses_the_real_template_without_warning(smollm2_template: str) -> None:
    render, warning = load_template(smollm2_template, bos_token="<|im_start|>", eos_token="<|im_end|>")
    assert warning is None
    assert isinstance(render, TemplateRenderer) and render.uses_model_template
    assert render(CONVERSATION) == Rendered(chatml(CONVERSATION), None)


# --- Escape payloads -----------------------------------------------------------------------------
# CANARY is replaced by a path in tmp_path. Each payload, if it escaped, would create that file.

ESCAPES: dict[str, str] = {
    "subclasses_to_catch_warnings_sys_modules_os": (
        "{% for c in ''.__class__.__mro__[1].__subclasses__() %}{% if c.__name__ == 'catch_warnings' %}"
        "{{ c.__init__.__globals__['sys'].modules['os'].system('touch CANARY') }}{% endif %}{% endfor %}"
    ),
    "subclasses_to_os_wrap_close": (
        "{% for c in ''.__class__.__mro__[1].__subclasses__() %}{% if c.__name__ == '_wrap_close' %}"
        "{{ c.__init__.__globals__['system']('touch CANARY') }}{% endif %}{% endfor %}"
    ),
    "cycler_globals_os_popen": "{{ cycler.__init__.__globals__.os.popen('touch CANARY').read() }}",
    "lipsum_globals_os": "{{ lipsum.__globals__['os'].popen('touch CANARY').read() }}",
    "joiner_globals_os": "{{ joiner.__init__.__globals__.os.popen('touch CANARY').read() }}",
    "namespace_globals_os": "{{ namespace.__init__.__globals__.os.popen('touch CANARY').read() }}",
    "template_reference_context": (
        "{{ self._TemplateReference__context.cycler.__init__.__globals__.os.popen('touch CANARY').read() }}"
    ),
    "attr_filter_chain": (
        "{% for c in ((''|attr('__class__')|attr('__mro__'))[1]|attr('__subclasses__'))() %}"
        "{% if (c|attr('__name__')) == '_wrap_close' %}"
        "{{ (c|attr('__init__')|attr('__globals__'))['system']('touch CANARY') }}{% endif %}{% endfor %}"
    ),
    "format_filter_with_globals": "{{ '%s'|format(cycler.__init__.__globals__.os.popen('touch CANARY').read()) }}",
    "tuple_base_subclasses_builtins_import": (
        "{% for c in ().__class__.__base__.__subclasses__() %}{% if c.__name__ == 'catch_warnings' %}"
        "{{ c.__init__.__globals__['__builtins__']['__import__']('os').system('touch CANARY') }}"
        "{% endif %}{% endfor %}"
    ),
    "messages_class_walk": (
        "{% for c in messages.__class__.__mro__[1].__subclasses__() %}{% if c.__name__ == '_wrap_close' %}"
        "{{ c.__init__.__globals__['system']('touch CANARY') }}{% endif %}{% endfor %}"
    ),
    "message_content_class_walk": (
        "{% for m in messages %}{% for c in m.content.__class__.__base__.__subclasses__() %}"
        "{% if c.__name__ == '_wrap_close' %}{{ c.__init__.__globals__['popen']('touch CANARY').read() }}"
        "{% endif %}{% endfor %}{% endfor %}"
    ),
}

# Leaks and probes: not code execution even in plain Jinja2, but they must not get through either.
PROBES: dict[str, str] = {
    "str_format_attribute_walk": "{{ '{0.__class__.__init__.__globals__}'.format(messages) }}",
    "attr_format_bypass": "{{ ('{0.__init__.__globals__[os].popen}'|attr('format'))(namespace) }}",
    "format_map_attribute_walk": "{{ '{m.__class__.__mro__}'.format_map({'m': messages}) }}",
    "flask_config_global": "{{ config.__class__.__init__.__globals__['os'].popen('touch CANARY').read() }}",
    "flask_request_global": (
        "{{ request.application.__globals__.__builtins__.__import__('os').popen('touch CANARY').read() }}"
    ),
    "mutating_the_messages": "{{ messages.append({'role': 'user', 'content': 'x'}) }}{{ messages|length }}",
    "loop_internals": "{% for m in messages %}{{ loop.__class__.__init__.__globals__ }}{% endfor %}",
    "undefined_test_then_probe": "{% if ''.__class__ is defined %}{{ ''.__class__.__mro__ }}{% endif %}",
}

NEEDS_TOUCH = pytest.mark.skipif(shutil.which("touch") is None, reason="the payloads run `touch`")


@NEEDS_TOUCH
@pytest.mark.parametrize("name", sorted(ESCAPES))
def test_escape_payload_is_live_in_plain_jinja2(name: str, tmp_path: Path) -> None:
    """The payload really runs code when the template is not sandboxed, so the next test means something."""
    canary = tmp_path / "canary"
    plain = jinja2.Environment()  # what CVE-2024-34359 did
    plain.from_string(ESCAPES[name].replace("CANARY", str(canary))).render(messages=CONVERSATION)
    assert canary.exists()


@pytest.mark.parametrize("name", sorted(ESCAPES) + sorted(PROBES))
def test_escape_payload_is_refused(name: str, tmp_path: Path) -> None:
    canary = tmp_path / "canary"
    source = (ESCAPES | PROBES)[name].replace("CANARY", str(canary))
    started = time.perf_counter()
    outcome = attempt(source)
    elapsed = time.perf_counter() - started
    assert elapsed < CASE_SECONDS
    assert elapsed < 3.0, f"{name} took {elapsed:.1f} s"
    assert not canary.exists()
    assert isinstance(outcome, TemplateRejected), f"{name} rendered: {outcome!r}"
    # The removed globals are simply undefined; everything else is stopped at the first unsafe attribute
    # (which of the two an escape meets first depends on jinja2's internals: either is the app's refusal).
    assert "does not exist" in str(outcome) or "Python internals" in str(outcome), str(outcome)


# --- Resource exhaustion -------------------------------------------------------------------------

RESOURCE_CASES: list[tuple[str, str, str | None]] = [
    # (name, template, expected reason; None when it must render harmlessly)
    (
        "nested_range_loops",
        "{% for a in range(100000) %}{% for b in range(100000) %}{% for c in range(100000) %}"
        "{% endfor %}{% endfor %}{% endfor %}",
        "took longer than 2 s",
    ),
    ("endless_macro_recursion", "{% macro f(n) %}{{ f(n + 1) }}{% endmacro %}{{ f(0) }}", "recursed too deeply"),
    (
        "exponential_macro_calls",
        "{% macro f(n) %}{% if n > 0 %}{{ f(n - 1) }}{{ f(n - 1) }}{% endif %}{% endmacro %}{{ f(60) }}",
        "took longer than 2 s",
    ),
    ("block_calls_itself", "{% block a %}{{ self.a() }}{% endblock %}", "recursed too deeply"),
    ("string_times_ten_billion", "{{ 'x' * 10**10 }}", "more than 1,048,576 characters"),
    ("big_string_times_big_count", "{{ ('x' * 100000) * 100000 }}", "more than 1,048,576 characters"),
    ("center_huge_width", "{{ 'x'|center(999999999) }}", "size or count above 100,000"),
    ("format_filter_huge_width", "{{ '%999999999s'|format(1) }}", "size or count above 100,000"),
    ("percent_operator_huge_precision", "{{ '%.999999999f' % 1.5 }}", "size or count above 100,000"),
    ("percent_width_after_nested_key", "{{ '%(a(b))999999999s' % {'a(b)': 1} }}", "size or count above 100,000"),
    ("percent_star_width", "{{ '%*s' % (999999999, 'x') }}", "size or count above 100,000"),
    ("str_format_huge_width", "{{ '{:>999999999}'.format(1) }}", "size or count above 100,000"),
    ("attr_format_huge_width", "{{ ('{:>999999999}'|attr('format'))(1) }}", "size or count above 100,000"),
    ("str_format_nested_width", "{{ '{0:{1}}'.format(1, 999999999) }}", "size or count above 100,000"),
    ("str_format_repeated_field", "{{ ('{0}' * 100000).format('x' * 100000) }}", "characters"),
    ("join_then_repeat", "{{ range(99999)|join(',') * 99999 }}", "more than 1,048,576 characters"),
    ("power_tower_is_left_associative", "{{ 9**9**9 }}", None),  # (9**9)**9: 78 digits, harmless
    ("power_huge", "{{ 9**(9**9) }}", "number with more than"),
    (
        "squaring_in_a_loop",
        "{% set ns = namespace(n=3) %}{% for i in range(40) %}{% set ns.n = ns.n * ns.n %}{% endfor %}{{ ns.n }}",
        "number with more than",
    ),
    (
        "output_from_nested_loops",
        "{% for i in range(100000) %}{% for j in range(100000) %}{{ 'x' * 50 }}{% endfor %}{% endfor %}",
        "produced more than 1,048,576 characters",
    ),
    (
        "tilde_doubling_in_recursion",
        "{% macro d(s, n) %}{% if n %}{{ d(s ~ s, n - 1) }}{% else %}{{ s|length }}{% endif %}{% endmacro %}"
        "{{ d('x', 64) }}",
        "characters",
    ),
    (
        "plus_doubling_in_a_loop",
        "{% set ns = namespace(s='x') %}{% for i in range(64) %}{% set ns.s = ns.s + ns.s %}{% endfor %}"
        "{{ ns.s|length }}",
        "characters",
    ),
    (
        "macro_output_doubling",
        "{% macro d(s) %}{{ s }}{{ s }}{% endmacro %}{{ " + "d(" * 30 + "'x' * 1000" + ")" * 30 + "|length }}",
        "characters",
    ),
    (
        "set_block_doubling",
        "{% set ns = namespace(s='x' * 1000) %}{% for i in range(64) %}{% set t %}{{ ns.s }}{{ ns.s }}{% endset %}"
        "{% set ns.s = t %}{% endfor %}{{ ns.s|length }}",
        "characters",
    ),
    (
        "work_thrown_away_in_a_macro",
        "{% macro m() %}{% for i in range(100000) %}{{ 'x' * 100000 }}{% endfor %}{% endmacro %}{{ m()|length }}",
        "in all",
    ),
    ("list_of_references_repeated", "{% set big = 'x' * 100000 %}{{ ([big] * 100000)|join }}", "characters"),
    (
        "map_default_join",
        "{% set big = 'x' * 500000 %}{{ range(10000)|map(attribute='nope', default=big)|join }}",
        "characters",
    ),
    (
        "map_default_printed_as_list",
        "{% set big = 'x' * 500000 %}{{ range(10000)|map(attribute='nope', default=big)|list }}",
        "characters",
    ),
    ("dict_fromkeys_as_text", "{{ dict.fromkeys(range(10000), 'x' * 500000)|string }}", "characters"),
    ("int_to_bytes", "{{ (1).to_bytes(10**9, 'big') }}", "size or count above 100,000"),
    ("str_ljust", "{{ 'x'.ljust(10**9) }}", "size or count above 100,000"),
    ("str_replace_empty", "{{ ('a' * 100000).replace('', 'b' * 100000) }}", "characters"),
    ("replace_filter_empty", "{{ ('a' * 100000)|replace('', 'b' * 100000) }}", "characters"),
    ("str_expandtabs", "{{ ('\\t' * 100000).expandtabs(100000) }}", "characters"),
    ("str_translate", "{{ ('a' * 100000).translate({97: 'b' * 100000}) }}", "characters"),
    ("str_join_repeats_separator", "{{ ('y' * 100000).join('a' * 100000) }}", "characters"),
    ("indent_with_long_string", "{{ ('a\\n' * 50000)|indent('y' * 100000) }}", "characters"),
    ("wordwrap_long_wrapstring", "{{ ('a ' * 50000)|wordwrap(1, wrapstring='y' * 100000) }}", "characters"),
    ("tojson_huge_indent", "{{ range(1000)|list|tojson(indent=999999999) }}", "size or count above 100,000"),
    ("tojson_large_indent", "{{ range(1000)|list|tojson(indent=1000) }}", "indent above 64"),
    (
        "percent_with_repeated_tuple",
        "{% set big = 'x' * 100000 %}{{ ('%s' * 10000) % ((big,) * 10000) }}",
        "characters",
    ),
    ("percent_with_many_conversions", "{% set big = 'x' * 100000 %}{{ ('%s' * 100) % big }}", "characters"),
    ("sum_of_many_lists", "{{ range(50000)|batch(1)|list|sum(start=[]) }}", "add up more than"),
    ("strftime_long_format", "{{ strftime_now('%999999999Y' * 100) }}", "date format longer"),
    ("strftime_padded_year", "{{ strftime_now('%999999999Y')|length < 100000 }}", None),
    ("range_of_a_billion", "{% for i in range(10**9) %}{% endfor %}", "asked for too much"),
    ("lipsum_is_gone", "{{ lipsum(n=10**9) }}", "does not exist"),
    ("cycler_is_gone", "{{ cycler(*range(100000)).next() }}", "does not exist"),
]


@pytest.mark.parametrize(("name", "source", "expected"), RESOURCE_CASES, ids=[c[0] for c in RESOURCE_CASES])
def test_resource_exhaustion_is_capped(name: str, source: str, expected: str | None) -> None:
    started = time.perf_counter()
    outcome = attempt(source)
    elapsed = time.perf_counter() - started
    assert elapsed < CASE_SECONDS
    if expected is None:
        assert isinstance(outcome, str) and len(outcome) < 1000, f"{name}: {outcome!r}"
    else:
        assert isinstance(outcome, TemplateRejected), f"{name} rendered {len(outcome)} characters"
        assert expected in str(outcome)
        assert "longer than" in expected or elapsed < 3.0, f"{name} took {elapsed:.1f} s"


def test_output_cap_grows_with_the_conversation() -> None:
    # 300,000 characters of messages allow 8 x 300,000 + 64 KiB of output: a template repeating
    # each message three times passes, one repeating it ten times does not.
    messages = [{"role": "user", "content": "x" * 100_000} for _ in range(3)]
    three = "{% for m in messages %}{{ m.content }}{{ m.content }}{{ m.content }}{% endfor %}"
    ten = "{% for m in messages %}{% for i in range(10) %}{{ m.content }}{% endfor %}{% endfor %}"
    assert len(ChatTemplate(three).render(messages)) == 900_000
    with pytest.raises(TemplateRejected, match=r"produced more than 2,4\d\d,\d\d\d characters"):
        ChatTemplate(ten).render(messages)


def test_raise_exception_carries_the_templates_message() -> None:
    with pytest.raises(TemplateRejected, match="boom"):
        ChatTemplate("{{ raise_exception('boom') }}").render(CONVERSATION)


@pytest.mark.parametrize(
    "source",
    [
        "{{ 1 / 0 }}",
        "{{ messages|map('no_such_filter')|list }}",
        "{% include 'other.jinja' %}",
        "{% extends 'base.jinja' %}",
        "{{ messages[0]['content'] + 1 }}",
        "{{ undefined_thing.attribute }}",
        "{{ messages[0].content.upper(1) }}",
        "{{ messages|tojson(sort_keys=True, indent=2)|int }}{{ {1: 'a', 'b': 2}|tojson(sort_keys=True) }}",
        "{% for %}",
        "{{ 'unclosed",
        "{{ " + "(" * 2000 + "1" + ")" * 2000 + " }}",
        "{{ " + "[" * 20000 + "]" * 20000 + " }}",
    ],
)
def test_every_failure_is_template_rejected(source: str) -> None:
    outcome = attempt(source)
    assert isinstance(outcome, TemplateRejected) and isinstance(outcome, AssistantError)
    assert str(outcome).startswith(("The chat template was rejected: ", "The chat template could not be read: "))


def test_syntax_error_says_the_template_could_not_be_read() -> None:
    with pytest.raises(TemplateRejected, match=r"^The chat template could not be read: .*\(line 2\)\.$"):
        ChatTemplate("fine\n{% if %}")


def test_oversized_source_is_refused_before_compiling() -> None:
    with pytest.raises(TemplateRejected, match="longer than 1,048,576 characters"):
        ChatTemplate("x" * (1024 * 1024 + 1))


# --- What real templates rely on -----------------------------------------------------------------


def test_transformers_compatible_environment() -> None:
    source = (
        "{{ bos_token }}\n"
        "{% for m in messages %}\n"
        "    {% if loop.index > 1 %}{% break %}{% endif %}\n"
        "{{ m.role }}: {{ m['content'] }}\n"
        "{% endfor %}\n"
        "{{ {'text': '<b>&</b>', 'n': 1}|tojson }}|{{ [1]|tojson(indent=2) }}|{{ tools is none }}\n"
        "{% generation %}{{ eos_token }}{% endgeneration %}"
    )
    text = ChatTemplate(source, bos_token="<s>", eos_token="</s>").render(CONVERSATION)
    # trim_blocks and lstrip_blocks remove the block lines; tojson does not HTML-escape.
    assert text == ('<s>\nsystem: You are a concise assistant.\n{"text": "<b>&</b>", "n": 1}|[\n  1\n]|True\n</s>')


def test_llama3_style_template() -> None:
    source = (
        "{{- bos_token }}{%- set date_string = strftime_now('%d %b %Y') %}"
        "{%- set ns = namespace(system='') %}"
        "{%- if messages[0]['role'] == 'system' %}{%- set ns.system = messages[0]['content']|trim %}{%- endif %}"
        "{{- '<|start_header_id|>system<|end_header_id|>\\n\\nToday Date: ' + date_string + '\\n\\n' }}"
        "{{- ns.system + '<|eot_id|>' }}"
        "{%- for message in messages if message.role != 'system' %}"
        "{{- '<|start_header_id|>' + message['role'] + '<|end_header_id|>\\n\\n' + message['content'] | trim }}"
        "{{- '<|eot_id|>' }}{%- endfor %}"
        "{%- if add_generation_prompt %}{{- '<|start_header_id|>assistant<|end_header_id|>\\n\\n' }}{%- endif %}"
    )
    render, warning = load_template(source, bos_token="<|begin_of_text|>")
    assert warning is None
    rendered = render(CONVERSATION)
    assert rendered.warning is None
    assert rendered.text.startswith("<|begin_of_text|><|start_header_id|>system<|end_header_id|>\n\nToday Date: ")
    assert "You are a concise assistant.<|eot_id|><|start_header_id|>user" in rendered.text
    assert rendered.text.endswith("<|start_header_id|>assistant<|end_header_id|>\n\n")


# Ordinary template code that passes through every check; the hardened environment must render it exactly
# like a plain Jinja2 environment set up the way transformers does.
BENIGN: list[str] = [
    "{{ messages|map(attribute='content')|join(' | ') }}",
    "{{ '%s said %d words'|format(messages[0].role, 3) }}|{{ '%-8s|' % 'left' }}{{ '%(n)05.1f' % {'n': 2.5} }}",
    "{{ '{0!r} {1:>6} {name:.3}'.format('a', 42, name='abcdef') }} {{ '{x}'.format_map({'x': 1}) }}",
    "{{ messages[1].content|replace('France', 'Italy')|upper|center(50)|trim }}",
    "{{ 'line one\\nline two'|indent(4, true) }}|{{ ('word ' * 30)|wordwrap(20) }}",
    "{{ range(10)|sum }} {{ [[1], [2, 3]]|sum(start=[]) }} {{ [3, 1, 2]|sort|join(',') }}",
    "{% autoescape true %}{{ 'a' ~ '<b>' ~ 1 }}{% endautoescape %}{{ 'x' ~ 2 ~ none }}",
    "{% set ns = namespace(n=0, s='') %}{% for m in messages %}{% set ns.n = ns.n + 1 %}"
    "{% set ns.s = ns.s + m.role[0] %}{% endfor %}{{ ns.n }} {{ ns.s }}",
    "{% for m in messages %}{{ loop.cycle('odd', 'even') }}:{{ m.content.split(' ')|length }}:"
    "{{ m.content.strip('?.') }}{% if not loop.last %}, {% endif %}{% endfor %}",
    "{% for k, v in messages[0].items() %}{{ k }}={{ v|length }};{% endfor %}"
    "{{ messages|selectattr('role', 'equalto', 'user')|list|length }}",
    "{{ ', '.join(['a', 'b']) }} {{ 'ab'.ljust(5, '.') }} {{ 'x\\ty'.expandtabs(4) }} {{ 'abc'.translate({97: 'A'}) }}"
    " {{ 'aXa'.replace('a', 'bb') }} {{ 2 ** 10 }} {{ 7 * 6 }} {{ [0] * 3 }} {{ 'ab' * 3 }} {{ 3 * 'c' }}",
    "{% macro greet(name) %}Hello {{ name }}{% endmacro %}{{ greet('you') }} "
    "{% macro wrap() %}[{{ caller() }}]{% endmacro %}{% call wrap() %}inner{% endcall %}",
    "{% filter upper %}{{ messages[0].role }}{% endfilter %}"
    "{% set block %}captured {{ 1 + 1 }}{% endset %} {{ block }}",
    "{{ messages[0].content[:10] }} {{ messages|first|attr('get') is defined }} {{ messages|length is divisibleby 2 }}",
    "{{ {'a': [1, 2], 'b': '<&>'}|tojson }} {{ messages|tojson(indent=2) }}",
    "{{ messages|map(attribute='role')|unique|list }} {{ messages|groupby('role')|map(attribute='grouper')|join }}",
    "{{ '%c%%' % 65 }} {{ 'é'.encode('utf-8')|length }} {{ messages }} {{ messages[0] }}",
]


def _transformers_like_environment() -> jinja2.Environment:
    env = jinja2.Environment(trim_blocks=True, lstrip_blocks=True, extensions=["jinja2.ext.loopcontrols"])
    env.filters["tojson"] = lambda x, ensure_ascii=False, indent=None, separators=None, sort_keys=False: json.dumps(
        x, ensure_ascii=ensure_ascii, indent=indent, separators=separators, sort_keys=sort_keys
    )
    return env


@pytest.mark.parametrize("source", BENIGN)
def test_ordinary_template_code_renders_like_plain_jinja2(source: str) -> None:
    expected = _transformers_like_environment().from_string(source).render(messages=CONVERSATION)
    assert ChatTemplate(source).render(CONVERSATION) == expected


# --- load_template and the ChatML fallback -------------------------------------------------------


@pytest.mark.parametrize("source", [None, "", "  \n"])
def test_no_template_falls_back_to_chatml(source: str | None) -> None:
    render, warning = load_template(source)
    assert warning == NO_TEMPLATE_WARNING == "This model has no chat template; a built-in format (ChatML) is used."
    assert not render.uses_model_template
    assert render(CONVERSATION) == Rendered(chatml(CONVERSATION), None)


def test_syntax_error_falls_back_to_chatml() -> None:
    render, warning = load_template("{% for message in messages %}{{ message.content }")
    assert warning is not None
    assert warning.startswith("This model's chat template was rejected (")
    assert warning.endswith("), so a built-in format (ChatML) is used instead.")
    assert render(CONVERSATION).text == chatml(CONVERSATION)


def test_hostile_template_falls_back_to_chatml(tmp_path: Path) -> None:
    canary = tmp_path / "canary"
    render, warning = load_template(ESCAPES["cycler_globals_os_popen"].replace("CANARY", str(canary)))
    # What follows "Python internals" names jinja2's own attribute, which is jinja2's business.
    assert warning.startswith("This model's chat template was rejected (it tried to reach Python internals")
    assert warning.endswith("), so a built-in format (ChatML) is used instead.")
    assert render(CONVERSATION).text == chatml(CONVERSATION)
    assert not canary.exists()


def test_slow_template_falls_back_to_chatml() -> None:
    started = time.perf_counter()
    render, warning = load_template(ENDLESS)
    assert warning is not None and "it took longer than 2 s" in warning
    assert time.perf_counter() - started < 5.0
    assert not render.uses_model_template


def test_template_failing_later_falls_back_for_that_call() -> None:
    # Passes the 4-message trial, then reaches for internals on a longer conversation.
    source = "{% if messages|length > 4 %}{{ messages.__class__ }}{% endif %}" + "{{ messages|length }}"
    render, warning = load_template(source)
    assert warning is None and render.uses_model_template
    assert render(CONVERSATION) == Rendered("2", None)
    long = [*SAMPLE_CONVERSATION, {"role": "assistant", "content": "4"}]
    rendered = render(long)
    assert rendered.text == chatml(long)
    assert rendered.warning is not None
    assert rendered.warning.startswith("This model's chat template failed on this conversation (it tried to reach")
    assert render(CONVERSATION) == Rendered("2", None)  # one bad call does not disable the template


def test_template_refusing_system_messages_gets_them_merged() -> None:
    # Like Gemma's template: no system role, strict alternation.
    source = (
        "{% if messages[0]['role'] == 'system' %}{{ raise_exception('System role not supported') }}{% endif %}"
        "{% for m in messages %}{% if (m['role'] == 'user') != (loop.index0 % 2 == 0) %}"
        "{{ raise_exception('Conversation roles must alternate user/assistant/user/assistant/...') }}{% endif %}"
        "<start_of_turn>{{ m['role'] }}\n{{ m['content'] }}<end_of_turn>\n{% endfor %}"
    )
    render, warning = load_template(source)
    assert warning is None
    rendered = render(CONVERSATION)
    assert rendered == Rendered(
        "<start_of_turn>user\nYou are a concise assistant.\n\nWhat is the capital of France?<end_of_turn>\n", None
    )
    bad = [{"role": "assistant", "content": "I speak first"}]
    rendered = render(bad)
    assert rendered.text == chatml(bad)
    assert rendered.warning is not None and "Conversation roles must alternate" in rendered.warning


def test_template_that_always_raises_is_rejected() -> None:
    render, warning = load_template("{{ raise_exception('boom') }}")
    assert warning == (
        "This model's chat template was rejected (it reported an error: boom), "
        "so a built-in format (ChatML) is used instead."
    )
    assert not render.uses_model_template


# --- The time cap and other trace functions ------------------------------------------------------


def _recording_tracer(events: list[str]) -> Callable[[types.FrameType, str, Any], Any]:
    def tracer(frame: types.FrameType, event: str, arg: Any) -> Any:
        if frame.f_code.co_filename == "<template>":  # the template's compiled code
            events.append(event)
            return tracer
        return None

    return tracer


def test_time_cap_restores_and_chains_a_previous_trace_function(smollm2_template: str) -> None:
    before = sys.gettrace()  # None, or coverage's tracer when measured
    events: list[str] = []
    tracer = _recording_tracer(events)
    template = ChatTemplate(smollm2_template)
    sys.settrace(tracer)
    try:
        text = template.render(CONVERSATION)
        assert sys.gettrace() is tracer
    finally:
        sys.settrace(before)
    assert text == chatml(CONVERSATION)
    assert "call" in events and "line" in events  # the previous tracer kept seeing the template's code


def test_time_cap_still_works_under_a_previous_trace_function() -> None:
    before = sys.gettrace()
    events: list[str] = []
    tracer = _recording_tracer(events)
    template = ChatTemplate(ENDLESS, time_limit=0.5)
    sys.settrace(tracer)
    started = time.perf_counter()
    try:
        with pytest.raises(TemplateRejected, match=r"took longer than 0\.5 s"):
            template.render(CONVERSATION)
        assert sys.gettrace() is tracer
    finally:
        sys.settrace(before)
    assert time.perf_counter() - started < 3.0
    assert events


def test_time_cap_leaves_no_trace_function_behind() -> None:
    before = sys.gettrace()
    with pytest.raises(TemplateRejected, match=r"took longer than 0\.3 s"):
        ChatTemplate(ENDLESS, time_limit=0.3).render(CONVERSATION)
    assert sys.gettrace() is before
    assert ChatTemplate("ok").render(CONVERSATION) == "ok"
    assert sys.gettrace() is before


@pytest.mark.parametrize(
    "source",
    [
        "{{ a ~ b ~ 1 }}",
        "{% autoescape true %}{{ a ~ b }}{% endautoescape %}",
        "{% autoescape flag %}{{ a ~ b }}{% endautoescape %}",  # decided when it renders
    ],
)
def test_the_size_checked_concat_is_jinjas_own_code_but_for_the_check(source: str) -> None:
    """``_CodeGenerator.visit_Concat`` is a copy of Jinja2's with one change (the result goes through
    the size check). If a Jinja2 release changes its own, this fails, rather than templates rendering
    differently from transformers."""
    import re

    from jinja2.compiler import CodeGenerator

    from assistant.engine.chat_template.sandbox import Environment

    env = Environment()
    ours = env.compile(source, raw=True)
    env.code_generator_class = CodeGenerator
    stock = env.compile(source, raw=True)
    assert "environment.concat_operands(" in ours
    assert re.sub(r"environment\.concat_operands\(([^,]+), \(", r"\1((", ours) == stock
