"""engine/structured.py and the grammar sampler in engine/runtime.py, in this process on the real model.

The API tests (test_api.py) judge structured output through the openai client; these check the
engine's own shortcuts give exactly what the plain way gives."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest

from assistant.core.inference import GenerationParams
from assistant.engine import runtime
from assistant.engine.grammar_sampler import GrammarSampler
from assistant.engine.load_options import LoadOptions
from assistant.engine.structured import schema_grammar

SCHEMAS = [
    {"type": "array", "items": {"type": "integer", "minimum": 0, "maximum": 999}, "minItems": 8, "maxItems": 8},
    {
        "type": "object",
        "properties": {
            "name": {"type": "string", "maxLength": 30},
            "tags": {"type": "array", "items": {"enum": ["a", "b"]}, "maxItems": 3},
        },
        "required": ["name", "tags"],
    },
    {"type": "array", "items": {"type": "string", "maxLength": 12}, "minItems": 4, "maxItems": 4},
]


@pytest.fixture(scope="module")
def model(default_model: Path):
    loaded = runtime.LoadedModel(default_model, LoadOptions(n_ctx=1024))
    yield loaded
    loaded.close()


def generate(model, schema: dict, params: GenerationParams) -> str:
    prompt = model.chat_prompt([{"role": "user", "content": "Write some JSON about cats."}]).tokens
    stats = runtime.GenerationStats()
    return "".join(model.generate(prompt, params, lambda: False, stats, grammar=schema_grammar(schema)))


@pytest.mark.parametrize("penalty", [1.0, 1.1])
@pytest.mark.parametrize("schema", SCHEMAS, ids=["integers", "object", "strings"])
def test_the_shortlist_gives_what_asking_the_whole_vocabulary_gives(model, schema, penalty, monkeypatch) -> None:
    params = GenerationParams(max_tokens=200, temperature=0.0, repeat_penalty=penalty)
    shortlist = GrammarSampler._likeliest_allowed
    answers: list[int] = []

    def counted(self, logits):
        answers.append(shortlist(self, logits))
        return answers[-1]

    monkeypatch.setattr(GrammarSampler, "_likeliest_allowed", counted)
    fast = generate(model, schema, params)
    jsonschema.validate(json.loads(fast), schema)
    assert any(a >= 0 for a in answers), "the model's first choice was refused and the shortlist answered"
    monkeypatch.setattr(GrammarSampler, "_likeliest_allowed", lambda self, logits: -1)
    assert generate(model, schema, params) == fast


def test_sampled_output_follows_the_schema_too(model) -> None:
    for seed in range(3):
        params = GenerationParams(max_tokens=200, temperature=0.9, top_k=40, seed=seed)
        jsonschema.validate(json.loads(generate(model, SCHEMAS[1], params)), SCHEMAS[1])
