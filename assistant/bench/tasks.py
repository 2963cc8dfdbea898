"""``assistant bench writing`` and ``assistant bench summarize``: the Write and Summarize paths, timed.

writing: proofread and rewrite (more concise) a fixed ~1,500-word text with planted errors, with
and without prompt-lookup decoding, same model, same run; prints generated tokens per second for
both and the ratio. Prompt lookup pays where a batch of tokens costs little more than one (GPUs,
big models); on a small CPU a verified draft token costs nearly a full one, so expect less there.

summarize: summarise a generated ~50,000-token document and print the total time, the prompt
speed the map-reduce achieved next to the engine's own prompt speed measured in the same run
(the map step should keep the engine busy: its prompts share an instruction prefix whose KV
cache is reused), and the peak memory of the app and of the engine process.

Benchmarks, not tests: they assert nothing and print the machine they ran on.
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import random
import sys
import tempfile
import threading
import time
from collections.abc import Iterator, Sequence
from pathlib import Path

from assistant.bench.machine import cpu
from assistant.core.cancel import CancelToken
from assistant.core.inference import Chunk, GenerationParams, Message
from assistant.paths import Paths

_SENTENCES = [
    "Their are many reasons why peoples like to travel abroad during the summer holidays.",
    "Some people enjoys seeing new places, while other prefer to relax on a quiet beach.",
    "Travelling also help us learn about different culture, history and the way people lives.",
    "However, it can be expensive and tiring, specially when flights are delayed for hours.",
    "Last year my familly visited Lisbon for the first time and we was amazed by the light.",
    "We walked up steep hills, ate grilled sardines and listened to fado music in small bars.",
    "The weather was hot but the sea breeze made the evenings pleasent and calm.",
    "Our hotel was near the river, so we could walk to the old town in ten minute.",
    "I would definately recommend visiting the tiled churches and the botanical garden.",
    "Next year we plan to go to Porto, which is famous for it's bridges and wine cellars.",
]


def writing_text(words: int = 1500, seed: int = 7) -> str:
    """A fixed text of about ``words`` words with planted errors, in paragraphs of four sentences."""
    rng = random.Random(seed)
    sentences: list[str] = []
    while sum(len(s.split()) for s in sentences) < words:
        sentences.append(rng.choice(_SENTENCES))
    paragraphs = [" ".join(sentences[i : i + 4]) for i in range(0, len(sentences), 4)]
    return "\n\n".join(paragraphs)


def document_sections(tokens: int = 50_000, seed: int = 11) -> list[tuple[str, str]]:
    """(label, text) pairs of a generated report of about ``tokens`` tokens (words × 1.3)."""
    rng = random.Random(seed)
    topics = ["harbour", "railway", "orchard", "library", "observatory", "brewery", "glacier", "vineyard"]
    verbs = ["expanded", "reduced", "measured", "rebuilt", "surveyed", "funded", "delayed", "improved"]
    sections, words, n = [], 0, 0
    while words * 1.3 < tokens:
        n += 1
        topic = rng.choice(topics)
        lines = [
            f"In {1900 + rng.randrange(120)}, the {topic} of district {n} was {rng.choice(verbs)} by "
            f"{rng.randrange(3, 95)} percent, according to the council's {rng.choice(['annual', 'quarterly'])} "
            f"report number {rng.randrange(100, 999)}."
            for _ in range(12)
        ]
        text = " ".join(lines)
        sections.append((f"§ District {n}", text))
        words += len(text.split())
    return sections


class _Recorder:
    """An Engine wrapper that keeps the timings of every reply (and can turn prompt lookup off)."""

    def __init__(self, engine, *, prompt_lookup: bool | None = None) -> None:
        self.engine = engine
        self.prompt_lookup = prompt_lookup
        self.timings: list = []

    def chat(
        self, messages: Sequence[Message], params: GenerationParams, cancel: CancelToken | None = None
    ) -> Iterator[Chunk]:
        if self.prompt_lookup is not None:
            params = dataclasses.replace(params, prompt_lookup=self.prompt_lookup)
        for chunk in self.engine.chat(messages, params, cancel):
            if chunk.timings is not None:
                self.timings.append(chunk.timings)
            yield chunk

    def count_tokens(self, text: str) -> int:
        return self.engine.count_tokens(text)

    def count_chat(self, messages: Sequence[Message]) -> int:
        return self.engine.count_chat(messages)

    def generation_rate(self) -> tuple[int, float]:
        n = sum(t.predicted_n for t in self.timings)
        ms = sum(t.predicted_ms for t in self.timings)
        return n, (n / ms * 1000 if ms else 0.0)

    def prompt_rate(self) -> tuple[int, float]:
        n = sum(t.prompt_n for t in self.timings)
        ms = sum(t.prompt_ms for t in self.timings)
        return n, (n / ms * 1000 if ms else 0.0)


def bench_writing(engine, n_ctx: int) -> dict[str, object]:
    """Each paragraph is edited twice in a row, once without and once with prompt lookup, the order
    alternating from one paragraph to the next: on a shared VM the machine's speed drifts by ±15 %
    over minutes, and interleaving cancels that drift out of the ratio."""
    from assistant.core import writing

    text = writing_text()
    paragraphs = text.split("\n\n")
    results = []
    for mode in (writing.Mode.PROOFREAD, writing.Mode.CONCISE):
        recorders = {False: _Recorder(engine, prompt_lookup=False), True: _Recorder(engine, prompt_lookup=True)}
        seconds = {False: 0.0, True: 0.0}
        for i, paragraph in enumerate(paragraphs):
            for lookup in (False, True) if i % 2 == 0 else (True, False):
                started = time.perf_counter()
                request = writing.WriteRequest(mode=mode, text=paragraph)
                for _event in writing.run(recorders[lookup], request, n_ctx=n_ctx):
                    pass
                seconds[lookup] += time.perf_counter() - started
        row: dict[str, object] = {"mode": mode.value}
        for lookup, recorder in recorders.items():
            n, rate = recorder.generation_rate()
            row["with_lookup" if lookup else "without_lookup"] = {
                "tokens": n,
                "gen_tps": round(rate, 1),
                "seconds": round(seconds[lookup], 2),
                "drafted": sum(t.draft_n for t in recorder.timings),
                "accepted": sum(t.draft_n_accepted for t in recorder.timings),
            }
        row["ratio"] = round(row["with_lookup"]["gen_tps"] / row["without_lookup"]["gen_tps"], 3)  # type: ignore[index]
        results.append(row)
    return {"words": len(text.split()), "paragraphs": len(paragraphs), "results": results}


def bench_summarize(engine, n_ctx: int) -> dict[str, object]:
    import psutil

    from assistant.bench.engine import prompt_text
    from assistant.core import summarize as summ

    def engine_prompt_speed(tokens: int) -> float:
        """The engine's own prompt speed on this model, same run: a fresh prompt of ``tokens``, best of 3."""
        speeds = []
        for rnd in range(3):
            text = prompt_text(engine.count_tokens, tokens, 100 + rnd)
            recorder = _Recorder(engine)
            list(recorder.chat([Message("user", text)], GenerationParams(max_tokens=1, temperature=0)))
            speeds.append(recorder.prompt_rate()[1])
        return max(speeds)

    engine_prompt_tps = engine_prompt_speed(512)

    sections = [summ.SourceSection("report.txt", label, text) for label, text in document_sections()]
    tokens = sum(engine.count_tokens(s.text) for s in sections)
    recorder = _Recorder(engine)
    peaks = {"app": 0, "engine": 0}
    engine_pid = getattr(getattr(engine, "process", None), "pid", None)
    done = threading.Event()

    def sample() -> None:
        me = psutil.Process()
        other = psutil.Process(engine_pid) if engine_pid else None
        while not done.wait(0.2):
            peaks["app"] = max(peaks["app"], me.memory_info().rss)
            if other is not None:
                try:
                    peaks["engine"] = max(peaks["engine"], other.memory_info().rss)
                except psutil.Error:
                    other = None

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    started = time.perf_counter()
    summary = None
    calls = 0
    for event in summ.summarize(recorder, sections, summ.SummaryRequest(), n_ctx=n_ctx):
        if isinstance(event, summ.Progress):
            calls = event.total
            sys.stderr.write(f"\r{event.done}/{event.total} calls")
            sys.stderr.flush()
        elif isinstance(event, summ.Finished):
            summary = event.summary
    total = time.perf_counter() - started
    done.set()
    sampler.join()
    sys.stderr.write("\n")
    prompt_n, prompt_tps = recorder.prompt_rate()
    # Prompt speed falls as prompts grow (attention), so also measure the engine at the map prompts' size.
    typical = round(sum(t.prompt_n + t.cache_n for t in recorder.timings) / max(1, len(recorder.timings)))
    engine_at_typical = engine_prompt_speed(typical)
    cached = sum(t.cache_n for t in recorder.timings)
    prompt_ms = sum(t.prompt_ms for t in recorder.timings)
    # What the map-reduce got through per second of prompt work, counting the shared prefix the
    # engine did not have to evaluate again: the figure to hold against the engine's raw speed.
    effective = (prompt_n + cached) / prompt_ms * 1000 if prompt_ms else 0.0
    return {
        "document_tokens": tokens,
        "chunks": summary.chunks if summary else 0,
        "calls": calls,
        "total_seconds": round(total, 1),
        "prompt_tokens_evaluated": prompt_n,
        "prompt_tokens_reused_from_cache": cached,
        "prompt_tps": round(prompt_tps, 1),
        "effective_prompt_tps": round(effective, 1),
        "engine_prompt_tps": round(engine_prompt_tps, 1),
        "ratio": round(effective / engine_prompt_tps, 3) if engine_prompt_tps else None,
        "typical_prompt_tokens": typical,
        "engine_prompt_tps_at_typical": round(engine_at_typical, 1),
        "ratio_at_typical": round(effective / engine_at_typical, 3) if engine_at_typical else None,
        "peak_rss_mib": {k: round(v / 1024**2) for k, v in peaks.items()},
    }


def main(args: argparse.Namespace, paths: Paths) -> int:
    from assistant.engine.local import LocalEngine
    from assistant.models.gguf_info import read_info
    from assistant.models.store import default_model_path

    model = (args.model or default_model_path()).resolve()
    info = read_info(model)
    report: dict[str, object] = {"model": f"{model.name} ({info.quantization})", "machine": cpu()}
    with tempfile.TemporaryDirectory(prefix="assistant-bench-") as tmp:
        bench_paths = Paths(*(Path(tmp) / d for d in ("config", "data", "cache", "logs", "state")))
        engine = LocalEngine(bench_paths, model, {"n_ctx": 4096})
        try:
            described = engine.ensure_ready()
            report["backend"] = described.get("backend")
            n_ctx = int(described.get("n_ctx") or 4096)
            report["n_ctx"] = n_ctx
            if args.bench == "writing":
                report |= bench_writing(engine, n_ctx)
            else:
                report |= bench_summarize(engine, n_ctx)
        finally:
            engine.close()
    if args.json:
        sys.stdout.write(json.dumps(report, indent=2, ensure_ascii=False) + "\n")
        return 0
    m = report["machine"]
    sys.stdout.write(f"model: {report['model']} on {report['backend']}; {m['cpu']}, {m['physical_cores']} cores\n")  # type: ignore[index]
    if args.bench == "writing":
        sys.stdout.write(f"{report['words']} words\n")
        for row in report["results"]:  # type: ignore[union-attr]
            a, b = row["without_lookup"], row["with_lookup"]
            sys.stdout.write(
                f"{row['mode']:<10} without lookup {a['gen_tps']:>7.1f} tok/s   with lookup {b['gen_tps']:>7.1f} tok/s"
                f" ({b['accepted']}/{b['drafted']} drafts kept)   ratio {row['ratio']}\n"
            )
    else:
        sys.stdout.write(
            f"{report['document_tokens']:,} tokens in {report['chunks']} chunks, {report['calls']} calls: "
            f"{report['total_seconds']} s\nprompt speed achieved {report['effective_prompt_tps']:,.0f} tok/s "
            f"(evaluated {report['prompt_tps']:,.0f} tok/s, the rest reused from cache) vs the engine's "
            f"{report['engine_prompt_tps']:,.0f} tok/s at 512 tokens: ratio {report['ratio']} "
            f"(at the calls' typical {report['typical_prompt_tokens']:,} tokens the engine reads "
            f"{report['engine_prompt_tps_at_typical']:,.0f} tok/s: ratio {report['ratio_at_typical']})\n"
            f"prompt tokens evaluated {report['prompt_tokens_evaluated']:,}, reused from cache "
            f"{report['prompt_tokens_reused_from_cache']:,}\npeak memory: app {report['peak_rss_mib']['app']} MiB, "  # type: ignore[index]
            f"engine {report['peak_rss_mib']['engine']} MiB\n"  # type: ignore[index]
        )
    return 0
