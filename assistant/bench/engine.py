"""``assistant bench engine``: is the app's path as fast as llama.cpp itself?

Measured in one run, on one model:
  (a) the app's full path: EngineClient → HTTP/SSE → engine process → runtime.py → llama.cpp,
      timed in this process as a user would feel it;
  (b) llama-cpp-python's own high-level API in this process (``Llama.create_completion``), the
      path most Python apps use;
  (c) llama.cpp's ``llama-bench`` (pp = prompt processing, tg = text generation), when it is on
      PATH or in the venv (``make llama-bench`` builds it from the same llama.cpp source).
(a) and (c) run in alternating rounds, so that a noisy machine (a shared cloud CPU drifts by 10 %
over minutes) slows both alike; each figure is the mean over rounds, as llama-bench reports.
Ratios a/c and b/c are printed; the goal is a/c ≥ 0.95 for both prompt and generation speed.

This is a benchmark, not a test: it asserts nothing, and it prints the machine it ran on.
"""

from __future__ import annotations

import argparse
import json
import logging
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from assistant.bench.machine import cpu
from assistant.core.inference import GenerationParams
from assistant.paths import Paths

log = logging.getLogger(__name__)

# A prompt that keeps a small model talking. The app's path ignores end-of-turn, so it always
# produces exactly the requested number of tokens, like llama-bench.
_GEN_PROMPT = "Count from one to one thousand, in words, separated by commas:"
_FILLER = (
    "The quick brown fox jumps over the lazy dog while the committee reviews the quarterly report "
    "and the weather turns from grey drizzle to bright afternoon sun. "
)


@dataclass
class Samples:
    """Per-round measurements of one path."""

    name: str
    prompt_tps: list[float] = field(default_factory=list)
    gen_tps: list[float] = field(default_factory=list)
    ttft_ms: list[float] = field(default_factory=list)
    gen_tokens: int = 0
    note: str = ""

    def summary(self) -> dict[str, object]:
        def mean(xs: list[float]) -> float:
            return round(statistics.fmean(xs), 2) if xs else 0.0

        def sd(xs: list[float]) -> float:
            return round(statistics.stdev(xs), 2) if len(xs) > 1 else 0.0

        return {
            "name": self.name,
            "prompt_tps": mean(self.prompt_tps),
            "prompt_sd": sd(self.prompt_tps),
            "gen_tps": mean(self.gen_tps),
            "gen_sd": sd(self.gen_tps),
            "ttft_ms": mean(self.ttft_ms),
            "gen_tokens": self.gen_tokens,
            "rounds": len(self.gen_tps),
            "note": self.note,
        }


def prompt_text(count_tokens: Callable[[str], int], n_tokens: int, rnd: int) -> str:
    """Text of about ``n_tokens`` tokens; ``rnd`` changes its start so no prompt cache can help."""
    text = f"Round {rnd}. "
    while count_tokens(text) < n_tokens:
        text += _FILLER
    return text


def _time_stream(pieces: Iterator[str]) -> tuple[float, float, float, int]:
    """(start, first piece, last piece, pieces) of a stream of text."""
    started = time.perf_counter()
    first = last = 0.0
    n = 0
    for text in pieces:
        if text:
            last = time.perf_counter()
            first = first or last
            n += 1
    return started, first, last, n


# -- (a) the app's path -----------------------------------------------------------------------


class AppPath:
    def __init__(self, model: Path, paths: Paths, threads: int) -> None:
        from assistant.engine.local import LocalEngine

        self.engine = LocalEngine(paths, model, {"n_ctx": 4096, "threads": threads})
        self.samples = Samples("app (client → HTTP → engine process)")

    def __enter__(self) -> AppPath:
        self.samples.note = str(self.engine.ensure_ready().get("backend", ""))
        list(self.engine.complete("Hello", GenerationParams(max_tokens=8)))  # the first run after a load is slow
        return self

    def __exit__(self, *exc: object) -> None:
        self.engine.close()

    def round(self, rnd: int, n_prompt: int, n_gen: int) -> None:
        engine = self.engine
        text = prompt_text(engine.count_tokens, n_prompt, rnd)
        n = engine.count_tokens(text)
        started = time.perf_counter()
        list(engine.complete(text, GenerationParams(max_tokens=1, temperature=0.0)))
        self.samples.prompt_tps.append(n / (time.perf_counter() - started))

        greedy = GenerationParams(temperature=0.0, repeat_penalty=1.0, max_tokens=n_gen, ignore_eos=True)
        count = 0

        def pieces() -> Iterator[str]:
            nonlocal count
            for chunk in engine.complete(f"{rnd}. {_GEN_PROMPT}", greedy):
                if chunk.timings:
                    count = chunk.timings.predicted_n
                yield chunk.text

        started, first, last, _ = _time_stream(pieces())
        self.samples.ttft_ms.append((first - started) * 1000)
        # Tokens after the first over the time after the first: generation alone, as llama-bench's tg.
        if last > first and count > 1:
            self.samples.gen_tps.append((count - 1) / (last - first))
        self.samples.gen_tokens = count


# -- (b) llama-cpp-python in-process ----------------------------------------------------------


def bench_llama_cpp_python(model: Path, n_gen: int, n_prompt: int, rounds: int, threads: int, gpu: bool) -> Samples:
    from llama_cpp import Llama

    samples = Samples("llama-cpp-python (Llama.create_completion, in-process)")
    llm = Llama(
        str(model), n_ctx=4096, n_threads=threads, n_threads_batch=threads, n_gpu_layers=-1 if gpu else 0, verbose=False
    )
    try:

        def count(text: str) -> int:
            return len(llm.tokenize(text.encode(), add_bos=False))

        llm.create_completion("Hello", max_tokens=8)
        for rnd in range(rounds):
            text = prompt_text(count, n_prompt, rnd)
            n = count(text)
            llm.reset()
            started = time.perf_counter()
            llm.create_completion(text, max_tokens=1, temperature=0.0)
            samples.prompt_tps.append(n / (time.perf_counter() - started))

            llm.reset()
            # It has no ignore_eos: a prompt that keeps the model counting, and the real count is used.
            stream = llm.create_completion(
                f"{rnd}. {_GEN_PROMPT}", max_tokens=n_gen, temperature=0.0, repeat_penalty=1.0, stream=True
            )
            started, first, last, tokens = _time_stream(part["choices"][0]["text"] for part in stream)
            samples.ttft_ms.append((first - started) * 1000)
            if last > first and tokens > 1:
                samples.gen_tps.append((tokens - 1) / (last - first))
            samples.gen_tokens = tokens
    finally:
        llm.close()
    return samples


# -- (c) llama-bench ----------------------------------------------------------------------------


def find_llama_bench() -> str | None:
    local = Path(sys.executable).with_name("llama-bench")
    return shutil.which("llama-bench") or (str(local) if local.exists() else None)


class LlamaBench:
    def __init__(self, exe: str, model: Path, threads: int, gpu: bool) -> None:
        self.exe, self.model, self.threads, self.gpu = exe, model, threads, gpu
        self.samples = Samples("llama-bench (llama.cpp)")

    def round(self, n_prompt: int, n_gen: int) -> None:
        cmd = [
            self.exe,
            "-m",
            str(self.model),
            "-p",
            str(n_prompt),
            "-n",
            str(n_gen),
            "-r",
            "1",
            "-t",
            str(self.threads),
            "-ngl",
            "99" if self.gpu else "0",
            "-o",
            "json",
        ]
        out = subprocess.run(cmd, capture_output=True, text=True, timeout=1800)
        if out.returncode != 0:
            self.samples.note = f"failed: {' '.join(out.stderr.strip().splitlines()[-1:])}"
            return
        for row in json.loads(out.stdout):
            if row.get("n_prompt", 0) > 0 and row.get("n_gen", 0) == 0:
                self.samples.prompt_tps.append(float(row["avg_ts"]))
            elif row.get("n_gen", 0) > 0 and row.get("n_prompt", 0) == 0:
                self.samples.gen_tps.append(float(row["avg_ts"]))
                self.samples.gen_tokens = int(row["n_gen"])
            self.samples.note = f"{row.get('backends', '')}, build {row.get('build_commit', '?')}"


# -- the command --------------------------------------------------------------------------------


def machine() -> str:
    from assistant.engine.backend import detect

    bk = detect()
    host = cpu()
    gpus = ", ".join(d.description for d in bk.gpus) if bk.gpu_offload else "no GPU"
    return f"{host['cpu']}, {host['physical_cores']} cores, {host['ram_gib']} GiB RAM, {gpus}"


def run(model: Path, *, n_gen: int, n_prompt: int, rounds: int, progress=sys.stderr) -> dict[str, object]:
    from assistant.bench import api
    from assistant.engine.backend import detect
    from assistant.models.gguf_info import read_info
    from assistant.models.store import built_in_embedding_path

    info = read_info(model)
    bk = detect()
    threads, gpu = bk.threads, bk.gpu_offload
    report: dict[str, object] = {
        "model": f"{model.name} ({info.quantization}, {info.file_size / 1024**2:.0f} MiB)",
        "machine": machine(),
        "threads": threads,
        "prompt_tokens": n_prompt,
        "gen_tokens": n_gen,
    }
    progress.write(f"model: {report['model']}\nmachine: {report['machine']}\n")
    exe = find_llama_bench()
    base = LlamaBench(exe, model, threads, gpu) if exe else None
    if base is None:
        progress.write("llama-bench not found (`make llama-bench` builds it): no baseline ratios\n")
    with tempfile.TemporaryDirectory(prefix="assistant-bench-") as tmp:
        bench_paths = Paths(*(Path(tmp) / d for d in ("config", "data", "cache", "logs", "state")))
        with AppPath(model, bench_paths, threads) as app:
            for rnd in range(rounds):
                progress.write(f"round {rnd + 1}/{rounds}: (a) app path{', (c) llama-bench' if base else ''}\n")
                app.round(rnd, n_prompt, n_gen)
                if base:
                    base.round(n_prompt, n_gen)
            report["structured_output"] = api.grammar_ratios(app.engine, min(rounds, 3), progress)
            embedding_model = built_in_embedding_path()
            if embedding_model.is_file():
                report["embeddings"] = api.embedding_ratio(app.engine, embedding_model, min(rounds, 3), progress)
    progress.write("(b) llama-cpp-python\n")
    lcp = bench_llama_cpp_python(model, n_gen, n_prompt, rounds, threads, gpu)

    results = [app.samples.summary(), lcp.summary()] + ([base.samples.summary()] if base else [])
    report["results"] = results
    if base and base.samples.gen_tps and base.samples.prompt_tps:
        a, b, c = results

        def ratio(x: str, y: dict[str, object]) -> float:
            return round(float(y[x]) / float(c[x]), 3)

        report["ratios"] = {
            "app/llama-bench prompt": ratio("prompt_tps", a),
            "app/llama-bench gen": ratio("gen_tps", a),
            "llama-cpp-python/llama-bench prompt": ratio("prompt_tps", b),
            "llama-cpp-python/llama-bench gen": ratio("gen_tps", b),
        }
    return report


def print_table(report: dict[str, object], out=sys.stdout) -> None:
    rows = [("path", "prompt tok/s", "gen tok/s", "TTFT ms", "tokens")]
    for r in report["results"]:  # type: ignore[union-attr]
        prompt = f"{r['prompt_tps']:,.0f} ± {r['prompt_sd']:,.0f}"
        gen = f"{r['gen_tps']:,.1f} ± {r['gen_sd']:,.1f}"
        ttft = f"{r['ttft_ms']:,.1f}" if r["ttft_ms"] else "-"
        rows.append((r["name"], prompt, gen, ttft, str(r["gen_tokens"])))
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
    for row in rows:
        out.write("  ".join(c.ljust(widths[i]) if i == 0 else c.rjust(widths[i]) for i, c in enumerate(row)) + "\n")
    for name, value in (report.get("ratios") or {}).items():  # type: ignore[union-attr]
        out.write(f"{name}: {value}\n")
    for row in report.get("structured_output") or ():  # type: ignore[union-attr]
        out.write(
            f"JSON schema '{row['schema']}' ({row['tokens']} tokens): {row['grammar_tps']} tok/s with the grammar, "
            f"{row['free_tps']} without: {row['ratio']}\n"
        )
    if emb := report.get("embeddings"):
        out.write(
            f"embeddings, {emb['inputs']} inputs ({emb['tokens']} tokens): app {emb['app_inputs_per_s']} inputs/s, "
            f"llama-cpp-python Llama.embed {emb['llama_cpp_python_inputs_per_s']} inputs/s: {emb['ratio']}\n"
        )


def main(args: argparse.Namespace, paths: Paths) -> int:
    from assistant.models.store import default_model_path

    model = (args.model or default_model_path()).resolve()
    report = run(model, n_gen=args.tokens, n_prompt=args.prompt_tokens, rounds=args.reps)
    if args.json:
        sys.stdout.write(json.dumps(report, indent=2) + "\n")
    else:
        print_table(report)
    return 0
