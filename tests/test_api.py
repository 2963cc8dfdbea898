"""The engine's API as its users' clients see it: the official ``openai`` package, against the real
engine and the real default model.

Judged by the client people use, not by our own: errors must arrive as the ``openai`` exceptions with
the right status, code and parameter; structured output must parse and validate (``jsonschema``); a
thinking model's reasoning must come as ``reasoning_content`` and never as the answer.
"""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import openai
import pytest

from assistant.engine.local import LocalEngine

GREEDY = {"temperature": 0.0, "seed": 1}


def client_for(engine: LocalEngine, key: str | None = None) -> openai.OpenAI:
    return openai.OpenAI(
        base_url=f"http://127.0.0.1:{engine.process.port}/v1",
        api_key=key or engine.process.api_key,
        max_retries=0,
        timeout=120,
    )


@pytest.fixture(scope="module")
def client(engine: LocalEngine) -> openai.OpenAI:
    return client_for(engine)


def ask(text: str) -> list[dict[str, str]]:
    return [{"role": "user", "content": text}]


# -- plain use -------------------------------------------------------------------------------------


def test_models_chat_and_stream_with_usage(client: openai.OpenAI) -> None:
    model = client.models.list().data[0].id
    reply = client.chat.completions.create(model=model, messages=ask("Say hello."), max_tokens=16, **GREEDY)
    assert reply.choices[0].message.content.strip()
    assert reply.usage.completion_tokens > 0
    stream = client.chat.completions.create(
        model=model,
        messages=ask("Say hello."),
        max_tokens=16,
        stream=True,
        stream_options={"include_usage": True},
        **GREEDY,
    )
    chunks = list(stream)
    text = "".join(c.choices[0].delta.content or "" for c in chunks if c.choices)
    assert text == reply.choices[0].message.content, "streamed and whole replies agree under greedy decoding"
    assert any(c.usage and c.usage.completion_tokens for c in chunks)


# -- errors in OpenAI's shape ----------------------------------------------------------------------


def test_wrong_key_is_an_authentication_error(engine: LocalEngine) -> None:
    with pytest.raises(openai.AuthenticationError) as caught:
        client_for(engine, key="wrong").models.list()
    assert caught.value.status_code == 401
    assert caught.value.code == "invalid_api_key"


def test_context_overflow_is_a_400_with_the_numbers(client: openai.OpenAI) -> None:
    with pytest.raises(openai.BadRequestError) as caught:
        client.completions.create(model="m", prompt="word " * 5000, max_tokens=4)
    err = caught.value
    assert err.code == "context_length_exceeded"
    assert err.body["type"] == "exceed_context_size_error"
    assert err.body["n_ctx"] == 2048 and err.body["n_prompt_tokens"] > 2048
    assert "2,048" in err.message


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("n", 2),
        ("tools", [{"type": "function", "function": {"name": "f", "parameters": {"type": "object"}}}]),
        ("logit_bias", {"1": 5}),
        ("mirostat", 2),
    ],
)
def test_an_unsupported_parameter_is_refused_by_name(client: openai.OpenAI, field: str, value: object) -> None:
    with pytest.raises(openai.BadRequestError) as caught:
        client.chat.completions.create(model="m", messages=ask("Hi"), max_tokens=4, extra_body={field: value})
    assert caught.value.param == field
    assert field in caught.value.message


def test_penalties_are_honoured_not_refused(client: openai.OpenAI) -> None:
    plain = client.chat.completions.create(model="m", messages=ask("List fruits."), max_tokens=48, **GREEDY)
    penalised = client.chat.completions.create(
        model="m", messages=ask("List fruits."), max_tokens=48, frequency_penalty=2.0, presence_penalty=2.0, **GREEDY
    )
    assert penalised.choices[0].message.content != plain.choices[0].message.content


# -- structured output -----------------------------------------------------------------------------

_NAME = {"type": "string", "maxLength": 24}
SCHEMAS: list[dict] = [
    {"type": "object", "properties": {"name": _NAME}, "required": ["name"]},
    {"type": "object", "properties": {"age": {"type": "integer", "minimum": 0, "maximum": 120}}, "required": ["age"]},
    {"type": "object", "properties": {"ok": {"type": "boolean"}}, "required": ["ok"]},
    {"type": "object", "properties": {"color": {"enum": ["red", "green", "blue"]}}, "required": ["color"]},
    {"type": "object", "properties": {"tags": {"type": "array", "items": _NAME, "maxItems": 3}}, "required": ["tags"]},
    {
        "type": "object",
        "properties": {
            "point": {
                "type": "object",
                "properties": {"x": {"type": "integer"}, "y": {"type": "integer"}},
                "required": ["x", "y"],
            }
        },
        "required": ["point"],
    },
    {"type": "object", "properties": {"score": {"type": "number"}}, "required": ["score"]},
    {
        "type": "object",
        "properties": {"title": _NAME, "year": {"type": "integer", "minimum": 1900, "maximum": 2100}},
        "required": ["title", "year"],
    },
    {"type": "object", "properties": {"when": {"type": "string", "format": "date"}}, "required": ["when"]},
    {"type": "object", "properties": {"id": {"type": "string", "pattern": "^[A-Z]{3}-[0-9]{4}$"}}, "required": ["id"]},
    {
        "type": "object",
        "properties": {"a": _NAME, "b": {"type": "integer"}},
        "required": ["a"],
        "additionalProperties": False,
    },
    {
        "type": "object",
        "properties": {"value": {"anyOf": [{"type": "integer"}, {"type": "null"}]}},
        "required": ["value"],
    },
    {"type": "array", "items": {"type": "integer", "minimum": 1, "maximum": 9}, "minItems": 2, "maxItems": 4},
    {"type": "object", "properties": {"mood": {"const": "happy"}}, "required": ["mood"]},
    {
        "type": "object",
        "properties": {"people": {"type": "array", "items": {"$ref": "#/$defs/person"}, "maxItems": 2}},
        "required": ["people"],
        "$defs": {"person": {"type": "object", "properties": {"name": _NAME}, "required": ["name"]}},
    },
    {
        "type": "object",
        "properties": {"level": {"type": "integer", "exclusiveMinimum": 0, "exclusiveMaximum": 6}},
        "required": ["level"],
    },
    {
        "type": "object",
        "properties": {"pair": {"type": "array", "prefixItems": [_NAME, {"type": "integer"}]}},
        "required": ["pair"],
    },
    {
        "type": "object",
        "properties": {"short": {"type": "string", "minLength": 2, "maxLength": 5}},
        "required": ["short"],
    },
    {"type": "object", "properties": {"n": {"type": ["integer", "string"]}}, "required": ["n"]},
    {
        "type": "object",
        "properties": {"name": _NAME, "nick": _NAME},
        "required": ["name"],
        "title": "Person",
        "description": "A person.",
    },
]


@pytest.mark.parametrize("schema", SCHEMAS, ids=[f"schema{i}" for i in range(len(SCHEMAS))])
def test_json_schema_replies_parse_and_validate(client: openai.OpenAI, schema: dict) -> None:
    reply = client.chat.completions.create(
        model="m",
        messages=ask("Describe a person as JSON."),
        max_tokens=200,
        response_format={"type": "json_schema", "json_schema": {"name": "out", "strict": True, "schema": schema}},
        **GREEDY,
    )
    choice = reply.choices[0]
    assert choice.finish_reason == "stop", choice.message.content
    jsonschema.validate(json.loads(choice.message.content), schema)


def test_json_object_replies_are_objects(client: openai.OpenAI) -> None:
    reply = client.chat.completions.create(
        model="m",
        messages=ask("Give me a JSON object about a cat."),
        max_tokens=200,
        response_format={"type": "json_object"},
        **GREEDY,
    )
    assert isinstance(json.loads(reply.choices[0].message.content), dict)


def test_structured_completions_too(client: openai.OpenAI) -> None:
    schema = {"type": "object", "properties": {"n": {"type": "integer", "minimum": 1, "maximum": 3}}, "required": ["n"]}
    reply = client.completions.create(
        model="m", prompt="A number: ", max_tokens=40, extra_body={"json_schema": schema}, **GREEDY
    )
    jsonschema.validate(json.loads(reply.choices[0].text), schema)


@pytest.mark.parametrize(
    ("schema", "named"),
    [
        ({"type": "object", "properties": {"n": {"type": "integer", "multipleOf": 3}}}, "multipleOf"),
        ({"type": "object", "properties": {"x": {"type": "number", "minimum": 0}}}, "#/properties/x"),
        ({"type": "object", "properties": {"n": {"type": "integer", "minimum": 0}}}, "#/properties/n"),
        ({"type": "object", "not": {"type": "null"}}, "'not'"),
        ({"type": "string", "format": "email"}, "email"),
    ],
)
def test_a_schema_the_grammar_cannot_enforce_is_a_400_that_says_which_part(
    client: openai.OpenAI, schema: dict, named: str
) -> None:
    with pytest.raises(openai.BadRequestError) as caught:
        client.chat.completions.create(
            model="m",
            messages=ask("Hi"),
            max_tokens=8,
            response_format={"type": "json_schema", "json_schema": {"name": "x", "schema": schema}},
        )
    assert caught.value.code == "unsupported_schema"
    assert named in caught.value.message


# -- thinking --------------------------------------------------------------------------------------


@pytest.fixture
def thinking_engine(session_paths, thinking_model: Path):
    local = LocalEngine(session_paths, thinking_model, {"n_ctx": 1024})
    local.ensure_ready()
    yield local
    local.close()


def test_thinking_comes_as_reasoning_content_never_as_the_answer(thinking_engine: LocalEngine) -> None:
    client = client_for(thinking_engine)
    # The template opened the block and the small model never closes it: all of it is thinking.
    reply = client.chat.completions.create(model="m", messages=ask("What is 2+2?"), max_tokens=24, **GREEDY)
    message = reply.choices[0].message
    assert message.model_extra["reasoning_content"].strip()
    assert message.content == ""
    # Streamed the same way.
    chunks = list(
        client.chat.completions.create(model="m", messages=ask("What is 2+2?"), max_tokens=24, stream=True, **GREEDY)
    )
    streamed = "".join(
        (c.choices[0].delta.model_extra or {}).get("reasoning_content") or "" for c in chunks if c.choices
    )
    assert streamed == message.model_extra["reasoning_content"]
    assert not "".join(c.choices[0].delta.content or "" for c in chunks if c.choices)


def test_thinking_off_through_the_templates_own_switch(thinking_engine: LocalEngine) -> None:
    client = client_for(thinking_engine)
    reply = client.chat.completions.create(
        model="m",
        messages=ask("What is 2+2?"),
        max_tokens=24,
        extra_body={"chat_template_kwargs": {"enable_thinking": False}},
        **GREEDY,
    )
    message = reply.choices[0].message
    assert message.content.strip()
    assert not (message.model_extra or {}).get("reasoning_content")


def test_reasoning_format_none_leaves_the_text_as_written(thinking_engine: LocalEngine) -> None:
    client = client_for(thinking_engine)
    split = client.chat.completions.create(model="m", messages=ask("Hi"), max_tokens=16, **GREEDY)
    raw = client.chat.completions.create(
        model="m", messages=ask("Hi"), max_tokens=16, extra_body={"reasoning_format": "none"}, **GREEDY
    )
    assert raw.choices[0].message.content == split.choices[0].message.model_extra["reasoning_content"]


def test_the_model_describes_how_it_thinks(thinking_engine: LocalEngine, engine: LocalEngine) -> None:
    described = thinking_engine.ensure_ready()
    assert described["thinking"] == {"format": "think", "switches": ["enable_thinking"]}
    assert engine.ensure_ready()["thinking"]["switches"] == []


# -- log-probabilities -----------------------------------------------------------------------------


def test_chat_logprobs_whole_and_streamed(client: openai.OpenAI) -> None:
    plain = {**GREEDY, "extra_body": {"repeat_penalty": 1.0}}  # the raw distribution decides alone
    reply = client.chat.completions.create(
        model="m", messages=ask("Say hello."), max_tokens=12, logprobs=True, top_logprobs=3, **plain
    )
    content = reply.choices[0].logprobs.content
    assert content and "".join(t.token for t in content) == reply.choices[0].message.content
    for t in content:
        assert t.logprob <= 0 and len(t.top_logprobs) == 3
        assert bytes(t.bytes).decode("utf-8", errors="replace") == t.token
        # Greedy decoding picks the likeliest token, so it heads its own top list.
        assert t.top_logprobs[0].token == t.token and t.top_logprobs[0].logprob == pytest.approx(t.logprob)
        assert [a.logprob for a in t.top_logprobs] == sorted((a.logprob for a in t.top_logprobs), reverse=True)
    chunks = list(
        client.chat.completions.create(
            model="m", messages=ask("Say hello."), max_tokens=12, logprobs=True, top_logprobs=3, stream=True, **plain
        )
    )
    streamed = [t for c in chunks if c.choices and c.choices[0].logprobs for t in c.choices[0].logprobs.content]
    assert [t.token for t in streamed] == [t.token for t in content]


def test_completion_logprobs(client: openai.OpenAI) -> None:
    reply = client.completions.create(model="m", prompt="The capital of France is", max_tokens=5, logprobs=2, **GREEDY)
    lp = reply.choices[0].logprobs
    assert "".join(lp.tokens) == reply.choices[0].text
    assert len(lp.token_logprobs) == len(lp.tokens) == len(lp.top_logprobs) == len(lp.text_offset)
    assert lp.text_offset[0] == 0 and all(len(top) == 2 for top in lp.top_logprobs)


def test_top_logprobs_without_logprobs_is_refused(client: openai.OpenAI) -> None:
    with pytest.raises(openai.BadRequestError) as caught:
        client.chat.completions.create(model="m", messages=ask("Hi"), max_tokens=4, top_logprobs=2)
    assert caught.value.param == "top_logprobs"


# -- tool calls ------------------------------------------------------------------------------------

WEATHER = {
    "type": "function",
    "function": {
        "name": "get_weather",
        "description": "The weather in a city.",
        "parameters": {
            "type": "object",
            "properties": {"city": {"type": "string", "maxLength": 30}, "unit": {"enum": ["C", "F"]}},
            "required": ["city", "unit"],
        },
    },
}
TIME = {
    "type": "function",
    "function": {
        "name": "get_time",
        "parameters": {
            "type": "object",
            "properties": {"zone": {"type": "string", "maxLength": 10}},
            "required": ["zone"],
        },
    },
}


@pytest.fixture
def tools_engine(session_paths, tools_model: Path):
    local = LocalEngine(session_paths, tools_model, {"n_ctx": 2048})
    local.ensure_ready()
    yield local
    local.close()


def test_a_named_tool_choice_returns_a_valid_call(tools_engine: LocalEngine) -> None:
    client = client_for(tools_engine)
    for stream in (False, True):
        kwargs = dict(
            model="m",
            messages=ask("What is the weather in Paris?"),
            tools=[WEATHER, TIME],
            tool_choice={"type": "function", "function": {"name": "get_weather"}},
            max_tokens=60,
            **GREEDY,
        )
        if stream:
            chunks = list(client.chat.completions.create(stream=True, **kwargs))
            calls = [c for ch in chunks if ch.choices for c in (ch.choices[0].delta.tool_calls or [])]
            finish = [ch.choices[0].finish_reason for ch in chunks if ch.choices and ch.choices[0].finish_reason]
            assert finish == ["tool_calls"]
        else:
            reply = client.chat.completions.create(**kwargs)
            assert reply.choices[0].finish_reason == "tool_calls"
            assert reply.choices[0].message.content is None
            calls = reply.choices[0].message.tool_calls
        [call] = calls
        assert call.type == "function" and call.id.startswith("call_")
        assert call.function.name == "get_weather"
        jsonschema.validate(json.loads(call.function.arguments), WEATHER["function"]["parameters"])


def test_required_calls_one_of_the_tools(tools_engine: LocalEngine) -> None:
    reply = client_for(tools_engine).chat.completions.create(
        model="m",
        messages=ask("What time is it in Tokyo?"),
        tools=[WEATHER, TIME],
        tool_choice="required",
        max_tokens=60,
        **GREEDY,
    )
    [call] = reply.choices[0].message.tool_calls
    tool = {"get_weather": WEATHER, "get_time": TIME}[call.function.name]
    jsonschema.validate(json.loads(call.function.arguments), tool["function"]["parameters"])


def test_auto_is_text_or_a_call_and_a_tool_result_goes_back_through_the_template(tools_engine: LocalEngine) -> None:
    client = client_for(tools_engine)
    reply = client.chat.completions.create(
        model="m", messages=ask("What is the weather in Paris?"), tools=[WEATHER], max_tokens=60, **GREEDY
    )
    message = reply.choices[0].message
    assert bool(message.tool_calls) == (reply.choices[0].finish_reason == "tool_calls")
    assert "<tool_call>" not in (message.content or ""), "markup never reaches the answer"
    history = [
        *ask("What is the weather in Paris?"),
        {
            "role": "assistant",
            "content": None,
            "tool_calls": [
                {
                    "id": "call_1",
                    "type": "function",
                    "function": {"name": "get_weather", "arguments": '{"city": "Paris", "unit": "C"}'},
                }
            ],
        },
        {"role": "tool", "tool_call_id": "call_1", "content": "18 C and sunny"},
    ]
    answer = client.chat.completions.create(
        model="m", messages=history, tools=[WEATHER], tool_choice="none", max_tokens=30, **GREEDY
    )
    assert answer.choices[0].message.content.strip()


def test_tools_for_a_template_without_tools_support_are_refused(client: openai.OpenAI) -> None:
    with pytest.raises(openai.BadRequestError) as caught:
        client.chat.completions.create(model="m", messages=ask("Weather?"), tools=[WEATHER], max_tokens=8)
    assert caught.value.code == "tools_unsupported" and caught.value.param == "tools"


def test_a_tool_choice_naming_no_tool_is_refused(tools_engine: LocalEngine) -> None:
    with pytest.raises(openai.BadRequestError) as caught:
        client_for(tools_engine).chat.completions.create(
            model="m",
            messages=ask("Hi"),
            tools=[WEATHER],
            tool_choice={"type": "function", "function": {"name": "nope"}},
        )
    assert caught.value.param == "tool_choice"


def test_integer_ranges_become_digit_rules_that_admit_exactly_the_range() -> None:
    import re

    from assistant.engine.structured import _range_rule

    for low, high in ((0, 999), (-5, 12), (1900, 2100), (7, 7), (-120, -3)):
        rule = _range_rule(low, high)
        # GBNF of this shape reads as a regular expression once its quotes go.
        pattern = re.compile(rule.replace('"', "").replace(" ", ""))
        for n in range(low - 50, high + 50):
            assert bool(pattern.fullmatch(str(n))) == (low <= n <= high), (rule, n)
