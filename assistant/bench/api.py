"""What the API's newer features cost, as part of ``assistant bench engine``:

* **Structured output**: generation speed under a JSON-schema grammar ÷ free generation, per schema,
  through the app's full path (llama.cpp's grammar sampler is known to cost much more on some
  schemas than others, so each is reported). Goal ≥ 0.9.
* **Embeddings**: inputs/s and tokens/s of the engine's ``/v1/embeddings`` (the built-in embedding
  model, one batched request) ÷ llama-cpp-python's ``Llama.embed`` in this process on the same texts.
  Goal ≥ 0.95. Rounds alternate between the two.

A benchmark, not a test: it asserts nothing.
"""

from __future__ import annotations

import json
import statistics
import sys
import time
from pathlib import Path

from assistant.core.inference import GenerationParams, Message

_INT = {"type": "integer", "minimum": 0, "maximum": 999}
SCHEMAS: dict[str, dict] = {
    "60 integers": {"type": "array", "items": _INT, "minItems": 60, "maxItems": 60},
    "12 objects with an enum": {
        "type": "array",
        "items": {
            "type": "object",
            "properties": {"id": _INT, "tag": {"enum": ["red", "green", "blue"]}},
            "required": ["id", "tag"],
        },
        "minItems": 12,
        "maxItems": 12,
    },
    "10 short strings": {
        "type": "array",
        "items": {"type": "string", "minLength": 3, "maxLength": 20},
        "minItems": 10,
        "maxItems": 10,
    },
}
_ASK = [Message("user", "List some things as JSON.")]
_SENTENCES = [
    "The committee reviewed the quarterly report on Tuesday.",
    "Rain is expected over the mountains by the weekend.",
    "She fixed the bug by checking the length before the copy.",
    "Our train was delayed forty minutes outside the station.",
    "The recipe needs two eggs, flour, and a pinch of salt.",
    "Interest rates rose again after the central bank met.",
    "He learned to play the cello at the age of fifty.",
    "The library opens late on Thursdays during the summer.",
]


def grammar_ratios(engine, rounds: int, progress=sys.stderr) -> list[dict[str, object]]:
    """Per schema: generation tok/s with the grammar ÷ without, over the same number of tokens."""
    rows = []
    for name, schema in SCHEMAS.items():
        constrained, free = [], []
        for rnd in range(rounds):
            progress.write(f"structured output: {name}, round {rnd + 1}/{rounds}\n")
            params = GenerationParams(max_tokens=400, temperature=0.0, seed=rnd, json_schema=json.dumps(schema))
            timings = _last_timings(engine.chat(_ASK, params))
            constrained.append(timings.predicted_per_second)
            # The same number of tokens with no grammar (end-of-turn ignored, so the count matches).
            plain = GenerationParams(max_tokens=timings.predicted_n, temperature=0.0, seed=rnd, ignore_eos=True)
            free.append(_last_timings(engine.chat(_ASK, plain)).predicted_per_second)
        rows.append(
            {
                "schema": name,
                "tokens": timings.predicted_n,
                "grammar_tps": round(statistics.fmean(constrained), 1),
                "free_tps": round(statistics.fmean(free), 1),
                "ratio": round(statistics.fmean(constrained) / statistics.fmean(free), 3),
            }
        )
    return rows


def embedding_ratio(engine, embedding_model: Path, rounds: int, progress=sys.stderr) -> dict[str, object]:
    """The engine's /v1/embeddings ÷ llama-cpp-python's ``Llama.embed`` on 256 sentences."""
    from llama_cpp import Llama

    texts = [f"{s} ({i})" for i, s in enumerate(_SENTENCES * 32)]
    local = Llama(str(embedding_model), embedding=True, n_ctx=512, n_batch=512, verbose=False)
    tokens = sum(len(local.tokenize(t.encode())) for t in texts)
    app, lcp = [], []
    engine.embed(texts[:4])  # loads the embedding model
    for rnd in range(rounds):
        progress.write(f"embeddings: round {rnd + 1}/{rounds}\n")
        started = time.perf_counter()
        engine.embed(texts)
        app.append(time.perf_counter() - started)
        started = time.perf_counter()
        local.embed(texts)
        lcp.append(time.perf_counter() - started)
    local.close()
    app_s, lcp_s = statistics.fmean(app), statistics.fmean(lcp)
    return {
        "inputs": len(texts),
        "tokens": tokens,
        "app_inputs_per_s": round(len(texts) / app_s, 1),
        "app_tokens_per_s": round(tokens / app_s),
        "llama_cpp_python_inputs_per_s": round(len(texts) / lcp_s, 1),
        "llama_cpp_python_tokens_per_s": round(tokens / lcp_s),
        "ratio": round(lcp_s / app_s, 3),
    }


def _last_timings(chunks):
    last = None
    for chunk in chunks:
        last = chunk
    assert last is not None and last.timings is not None
    return last.timings
