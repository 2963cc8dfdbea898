"""The chat templates of the models people load (Qwen 2.5/3, QwQ, DeepSeek-R1, Llama 3.x, Mistral,
Magistral, Devstral, gpt-oss, Gemma 2/4, Phi-3.5, Hermes, Granite, SmolLM3): the real files, as
llama.cpp keeps them for its own tests (``make llama-server`` installs them beside llama-server).

For each: the engine finds the right thinking and tool-call formats and switches; the app's sandboxed
renderer writes the same prompt as llama.cpp's own (``llama-server``'s /apply-template) for a
conversation with tools, a call and its result; and a reply in the family's own format, after that
prompt, comes apart into thinking, answer and calls, streamed a character at a time or whole, with a
call id the template takes back in the next turn."""

from __future__ import annotations

import json
import sys
import urllib.request
from pathlib import Path

import openai
import pytest
from test_remote_engine import KEY, LlamaServer

from assistant.core import reasoning, tool_calls
from assistant.core.inference import Message
from assistant.core.reasoning import ReasoningSplitter, Split
from assistant.core.reply_parts import ReplyParser
from assistant.core.tool_calls import ToolCallCollector
from assistant.engine.chat_template import load_template
from assistant.engine.local import LocalEngine
from assistant.engine.requests import template_messages
from assistant.models.gguf_info import read_info

TEMPLATES = Path(sys.prefix) / "share" / "assistant" / "chat-templates"

WEATHER = {
    "type": "function",
    "function": {
        "name": "get_weather",
        "description": "The weather in a city.",
        "parameters": {"type": "object", "properties": {"city": {"type": "string"}}, "required": ["city"]},
    },
}
NAMES = frozenset({"get_weather"})


class Family:
    def __init__(self, thinking: str, tools: str | None, switches: set[str], reply: str, thought: str = "") -> None:
        self.thinking, self.tools, self.switches = thinking, tools, frozenset(switches)
        self.reply = reply
        """What a model of the family writes when it calls get_weather for Paris (after ``thought``)."""
        self.thought = thought


HERMES_CALL = '<tool_call>\n{"name": "get_weather", "arguments": {"city": "Paris"}}\n</tool_call>'
FAMILIES = {
    "Qwen-Qwen2.5-7B-Instruct": Family("think", "hermes", set(), HERMES_CALL),
    "Qwen-Qwen3-0.6B": Family(
        "think", "hermes", {"enable_thinking"}, "<think>\nParis, so weather.\n</think>\n\n" + HERMES_CALL, "thought"
    ),
    "Qwen-QwQ-32B": Family("think", "hermes", {"enable_thinking"}, "Paris, so weather.\n</think>\n\n" + HERMES_CALL),
    "NousResearch-Hermes-3-Llama-3.1-8B-tool_use": Family("think", "hermes", set(), HERMES_CALL),
    "deepseek-ai-DeepSeek-R1-Distill-Qwen-32B": Family(
        "think", None, {"enable_thinking"}, "Paris, so weather.\n</think>\n\nIt is sunny in Paris."
    ),
    "meta-llama-Llama-3.1-8B-Instruct": Family(
        "think", "llama3", set(), '<|python_tag|>{"name": "get_weather", "parameters": {"city": "Paris"}}'
    ),
    "meta-llama-Llama-3.2-3B-Instruct": Family(
        "think", "llama3", set(), '{"name": "get_weather", "parameters": {"city": "Paris"}}'
    ),
    "meta-llama-Llama-3.3-70B-Instruct": Family(
        "think", "llama3", set(), '{"name": "get_weather", "parameters": {"city": "Paris"}}'
    ),
    "mistralai-Mistral-Nemo-Instruct-2407": Family(
        "think", "mistral", set(), '[TOOL_CALLS][{"name": "get_weather", "arguments": {"city": "Paris"}}]'
    ),
    "Mistral-Small-3.2-24B-Instruct-2506": Family(
        "think", "mistral", set(), '[TOOL_CALLS]get_weather[ARGS]{"city": "Paris"}'
    ),
    "unsloth-mistral-Devstral-Small-2507": Family(
        "think", "mistral", set(), '[TOOL_CALLS]get_weather[ARGS]{"city": "Paris"}'
    ),
    "mistralai-Ministral-3-14B-Reasoning-2512": Family(
        "mistral",
        "mistral",
        {"thinking"},
        '[THINK]Paris, so weather.[/THINK][TOOL_CALLS]get_weather[ARGS]{"city": "Paris"}',
    ),
    "openai-gpt-oss-120b": Family(
        "harmony",
        "harmony",
        {"reasoning_effort", "thinking"},
        "<|channel|>analysis<|message|>Paris, so weather.<|end|><|start|>assistant<|channel|>commentary "
        'to=functions.get_weather <|constrain|>json<|message|>{"city": "Paris"}<|call|>',
    ),
    "google-gemma-4-31B-it": Family(
        "gemma4",
        "gemma4",
        {"enable_thinking", "thinking"},
        '<|channel>thought\nParis, so weather.<channel|><|tool_call>call:get_weather{city:<|"|>Paris<|"|>}<tool_call|>',
    ),
    "ibm-granite-granite-3.3-2B-Instruct": Family(
        "think", "phi4", {"thinking"}, '<|tool_call|>[{"name": "get_weather", "arguments": {"city": "Paris"}}]'
    ),
    "google-gemma-2-2b-it": Family("think", None, set(), "It is sunny in Paris."),
    "microsoft-Phi-3.5-mini-instruct": Family("think", None, set(), "It is sunny in Paris."),
    "HuggingFaceTB-SmolLM3-3B": Family(
        "think", None, {"enable_thinking", "thinking"}, "<think>\nParis, so weather.\n</think>\nIt is sunny in Paris."
    ),
}


def source(name: str) -> str:
    path = TEMPLATES / f"{name}.jinja"
    if not path.is_file():
        pytest.fail(f"{path} is missing: `make llama-server` installs llama.cpp's templates (`make test` does so)")
    return path.read_text(encoding="utf-8")


def conversation(call_id: str, arguments: str = '{"city": "Paris"}') -> list[Message]:
    """A turn with a tool call, its result and a follow-up, as an OpenAI client sends it back."""
    call = {"id": call_id, "type": "function", "function": {"name": "get_weather", "arguments": arguments}}
    return [
        Message("system", "Be brief."),
        Message("user", "What is the weather in Paris?"),
        Message("assistant", "", tool_calls=(call,)),
        Message("tool", "18 C and sunny", tool_call_id=call_id),
        Message("assistant", "It is 18 C and sunny."),
        Message("user", "Thanks! And tomorrow?"),
    ]


def plain() -> list[Message]:
    return [Message("system", "Be brief."), Message("user", "What is the weather in Paris?")]


def render(name: str, messages: list[Message], extra: dict | None = None, tools: list | None = None) -> str:
    """The prompt as the engine renders it (a template refusing a system role gets it folded into
    the first user message); the template is the model's own, never the ChatML fallback."""
    # BOS/EOS as llama-server gives them when it runs the template over the default model (SmolLM2's).
    renderer, warning = load_template(
        source(name), bos_token="<|im_start|>", eos_token="<|im_end|>", for_tools=name.endswith("tool_use")
    )
    assert warning is None, warning
    rendered = renderer(template_messages(messages), extra=extra, tools=tools)
    assert rendered.warning is None, rendered.warning
    return rendered.text


@pytest.mark.parametrize("name", FAMILIES)
def test_the_engine_knows_each_familys_formats_and_switches(name: str) -> None:
    family, text = FAMILIES[name], source(name)
    assert reasoning.detect(text).name == family.thinking
    assert tool_calls.detect(text) == family.tools
    assert reasoning.switches(text) == family.switches


def variants(family: Family) -> list[dict]:
    """The template variables to compare under: llama-server turns thinking on by default where a
    template has a switch (the app leaves it to the template), so both are told explicitly."""
    if "enable_thinking" in family.switches:
        return [{"enable_thinking": True}, {"enable_thinking": False}]
    if "reasoning_effort" in family.switches:
        return [{"reasoning_effort": "low"}, {"reasoning_effort": "high"}]
    return [{}]


def apply_template(server: LlamaServer, messages: list[Message], extra: dict, tools: list | None) -> str:
    """llama.cpp's own rendering of ``messages``: llama-server's /apply-template."""
    body = {"messages": [m.to_dict() for m in messages], "chat_template_kwargs": extra}
    if tools:
        body["tools"] = tools
    request = urllib.request.Request(
        f"{server.url}/apply-template",
        data=json.dumps(body).encode(),
        headers={"Content-Type": "application/json", "Authorization": f"Bearer {KEY}"},
    )
    with urllib.request.urlopen(request, timeout=30) as reply:
        return json.load(reply)["prompt"]


@pytest.mark.parametrize("name", [n for n, f in FAMILIES.items() if f.tools or f.switches])
def test_the_app_renders_the_same_prompt_as_llama_cpp(name: str, default_model: Path) -> None:
    family = FAMILIES[name]
    # Mistral's templates take only 9-character call ids; the others take any.
    messages = conversation(tool_calls.new_call_id(family.tools)) if family.tools else plain()
    tools = [WEATHER] if family.tools else None
    server = LlamaServer(default_model, "--jinja", "--chat-template-file", str(TEMPLATES / f"{name}.jinja"))
    try:
        for extra in variants(family):
            assert render(name, messages, extra, tools) == apply_template(server, messages, extra, tools), extra
    finally:
        server.close()


def parse(name: str, reply: str, prompt: str, pieces: int) -> tuple[Split, list]:
    family = FAMILIES[name]
    fmt = reasoning.detect(source(name))
    calling = ToolCallCollector(family.tools, NAMES) if family.tools else None
    parser = ReplyParser(ReasoningSplitter(fmt, prompt), calling)
    whole = Split()
    size = max(1, len(reply) // pieces)
    for at in range(0, len(reply), size):
        whole.add(parser.feed(reply[at : at + size]))
    tail, calls = parser.finish()
    whole.add(tail)
    return whole, calls


@pytest.mark.parametrize("name", FAMILIES)
@pytest.mark.parametrize("pieces", [1, 7, 10_000])
def test_a_reply_in_the_familys_format_comes_apart(name: str, pieces: int) -> None:
    family = FAMILIES[name]
    on = {"enable_thinking": True} if "enable_thinking" in family.switches else {}
    prompt = render(name, plain(), on, [WEATHER] if family.tools else None)
    split, calls = parse(name, family.reply, prompt, pieces)
    if "Paris, so weather." in family.reply:
        assert split.reasoning.strip() == "Paris, so weather.", "the thinking, apart"
    else:
        assert not split.reasoning
    for marker in ("<think>", "</think>", "[THINK]", "<|channel", "<channel|>", "<tool_call", "[TOOL_CALLS]"):
        assert marker not in split.content, "no markup in the answer"
    if family.tools:
        [call] = calls
        assert call.name == "get_weather" and json.loads(call.arguments) == {"city": "Paris"}
        assert not split.content.strip()
        # The call goes back to the template with the id it was given, in the next request.
        after = render(name, conversation(call.id, call.arguments), on, [WEATHER])
        assert "18 C and sunny" in after
    else:
        assert split.content.strip() == "It is sunny in Paris."


def test_a_template_that_opens_the_thinking_block_is_seen_to_have_done_so() -> None:
    """DeepSeek-R1's template ends the prompt inside <think>: the reply's first words are thinking."""
    name = "deepseek-ai-DeepSeek-R1-Distill-Qwen-32B"
    prompt = render(name, plain(), {"enable_thinking": True})
    assert prompt.rstrip().endswith("<think>")
    split, _ = parse(name, "Paris, so weather.\n</think>\n\nIt is sunny in Paris.", prompt, 3)
    assert split.reasoning.strip() == "Paris, so weather."
    off = render(name, plain(), {"enable_thinking": False})
    split, _ = parse(name, "It is sunny in Paris.", off, 3)
    assert not split.reasoning and split.content.strip() == "It is sunny in Paris."


# -- the real engine with real templates -----------------------------------------------------------


def client_for(engine: LocalEngine) -> openai.OpenAI:
    return openai.OpenAI(
        base_url=f"http://127.0.0.1:{engine.process.port}/v1", api_key=engine.process.api_key, max_retries=0
    )


@pytest.mark.parametrize(
    "name",
    [
        "Qwen-Qwen3-0.6B",
        "meta-llama-Llama-3.1-8B-Instruct",
        "mistralai-Mistral-Nemo-Instruct-2407",
        "openai-gpt-oss-120b",
        "google-gemma-4-31B-it",
    ],
)
def test_a_forced_call_and_its_result_go_through_the_real_template(
    name: str, model_with_templates, session_paths
) -> None:
    family = FAMILIES[name]
    engine = LocalEngine(session_paths, model_with_templates(f"{name}.gguf", default=source(name)), {"n_ctx": 4096})
    try:
        assert engine.ensure_ready()["tool_format"] == family.tools
        client = client_for(engine)
        reply = client.chat.completions.create(
            model="m",
            messages=[{"role": "user", "content": "What is the weather in Paris?"}],
            tools=[WEATHER],
            tool_choice={"type": "function", "function": {"name": "get_weather"}},
            max_tokens=40,
            temperature=0.0,
        )
        [call] = reply.choices[0].message.tool_calls
        assert call.function.name == "get_weather" and "city" in json.loads(call.function.arguments)
        # The client sends the call and its result back; the model's template takes them (no fallback).
        history = [
            {"role": "user", "content": "What is the weather in Paris?"},
            {"role": "assistant", "content": None, "tool_calls": [call.model_dump(exclude_none=True)]},
            {"role": "tool", "tool_call_id": call.id, "content": "18 C and sunny"},
        ]
        answer = client.chat.completions.with_raw_response.create(
            model="m", messages=history, tools=[WEATHER], tool_choice="none", max_tokens=8, temperature=0.0
        )
        assert json.loads(answer.text)["x_assistant"]["warnings"] == []
    finally:
        engine.close()


def test_tools_go_through_the_models_tool_use_template(model_with_templates, session_paths, default_model) -> None:
    """Hermes 2 Pro/3 carry a second template for requests with tools; the plain one has no tools support."""
    own = read_info(default_model).chat_template
    path = model_with_templates(
        "hermes.gguf", default=own, tool_use=source("NousResearch-Hermes-3-Llama-3.1-8B-tool_use")
    )
    engine = LocalEngine(session_paths, path, {"n_ctx": 4096})
    try:
        assert engine.ensure_ready()["tool_format"] == "hermes"
        client = client_for(engine)
        ask = [{"role": "user", "content": "What is the weather in Paris?"}]
        plain = client.chat.completions.create(model="m", messages=ask, max_tokens=1)
        reply = client.chat.completions.create(
            model="m", messages=ask, tools=[WEATHER], tool_choice="required", max_tokens=40, temperature=0.0
        )
        [call] = reply.choices[0].message.tool_calls
        assert call.function.name == "get_weather"
        # The tool-use template wrote the function signatures into the prompt; the plain one did not.
        assert reply.usage.prompt_tokens > plain.usage.prompt_tokens + 100
    finally:
        engine.close()
