"""``assistant bench finetune``: the app's training loop against a plain Hugging Face Trainer + peft
loop, same model, data and settings, same run.

Each side runs in a process of its own (so peak memory is its own): the app's side is the training
process the Personalize panel runs (``python -m assistant.finetune train``), the baseline is
``python -m assistant.bench.finetune baseline``: ``transformers.Trainer`` with the same LoRA
configuration on the same packed blocks. Reported: training tokens per second (all steps, the first
included on both sides), peak memory (RSS on the CPU, CUDA's peak allocation on a GPU) and the
ratios. A benchmark, not a test: it asserts nothing and prints the machine it ran on.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

from assistant.bench.machine import cpu
from assistant.finetune.launch import read_event
from assistant.paths import Paths


def _corpus(folder: Path, documents: int = 40) -> Path:
    from assistant.bench.tasks import writing_text

    folder.mkdir(parents=True, exist_ok=True)
    for i in range(documents):
        (folder / f"doc{i:03d}.txt").write_text(writing_text(400, seed=i), encoding="utf-8")
    return folder


def _run(cmd: list[str]) -> tuple[list[dict], int]:
    """Run a side; return its JSON events and its peak resident memory in bytes."""
    import psutil

    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    peak = [0]

    def sample() -> None:
        try:
            p = psutil.Process(proc.pid)
            while proc.poll() is None:
                peak[0] = max(peak[0], p.memory_info().rss)
                time.sleep(0.05)
        except psutil.Error:
            pass

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    assert proc.stdout is not None
    events = [e for e in map(read_event, proc.stdout) if e is not None]
    proc.wait()
    sampler.join()
    return events, peak[0]


def run(model: Path, seq: int, batch: int, steps: int, rank: int) -> dict[str, object]:
    with tempfile.TemporaryDirectory(prefix="assistant-bench-finetune-") as tmp:
        data = _corpus(Path(tmp) / "data")
        common = ["--base", str(model), "--seq", str(seq), "--batch", str(batch), "--steps", str(steps),
                  "--rank", str(rank), "--data", str(data)]  # fmt: skip
        app_events, app_peak = _run([sys.executable, "-m", "assistant.finetune", "train", "--out",
                                     str(Path(tmp) / "app"), *common])  # fmt: skip
        base_events, base_peak = _run([sys.executable, "-m", "assistant.bench.finetune", "baseline", *common])
    app_steps = [e for e in app_events if e.get("event") == "step"]
    base_done = next((e for e in base_events if e.get("event") == "done"), None)
    errors = [e["message"] for e in app_events + base_events if e.get("event") == "error"]
    if not app_steps or base_done is None:
        raise RuntimeError("a side of the benchmark failed: " + "; ".join(errors or ["no result"]))
    app_rate = float(app_steps[-1]["tokens_per_s"])
    base_rate = float(base_done["tokens_per_s"])
    device = next((e.get("device") for e in app_events if e.get("event") == "ready"), "cpu")
    app_mem = next((e.get("cuda_peak_bytes") for e in app_events if e.get("event") == "done"), None) or app_peak
    base_mem = base_done.get("cuda_peak_bytes") or base_peak
    return {
        "machine": cpu(),
        "device": device,
        "model": model.name,
        "seq": seq,
        "batch": batch,
        "steps": steps,
        "rank": rank,
        "app_tokens_per_s": round(app_rate, 1),
        "trainer_tokens_per_s": round(base_rate, 1),
        "ratio": round(app_rate / base_rate, 3) if base_rate else None,
        "app_peak_memory_mib": round(app_mem / 1024**2),
        "trainer_peak_memory_mib": round(base_mem / 1024**2),
        "memory_ratio": round(app_mem / base_mem, 3) if base_mem else None,
    }


def main(args: argparse.Namespace, paths: Paths) -> int:
    from assistant.models.store import default_model_path

    report = run((args.model or default_model_path()).resolve(), args.seq, args.batch, args.steps, args.rank)
    if args.json:
        sys.stdout.write(json.dumps(report, indent=2) + "\n")
        return 0
    m = report["machine"]
    sys.stdout.write(
        f"{report['model']} on {report['device']}; {m['cpu']}, {m['physical_cores']} cores; "  # type: ignore[index]
        f"seq {report['seq']}, batch {report['batch']}, {report['steps']} steps, rank {report['rank']}\n"
        f"app loop          {report['app_tokens_per_s']:>8,.1f} tok/s   peak {report['app_peak_memory_mib']:,} MiB\n"
        f"Trainer + peft    {report['trainer_tokens_per_s']:>8,.1f} tok/s   peak "
        f"{report['trainer_peak_memory_mib']:,} MiB\n"
        f"ratio             {report['ratio']:>8}   memory {report['memory_ratio']}\n"
    )
    return 0


# --- The baseline side (its own process) ---------------------------------------------------------


def baseline(argv: list[str]) -> int:
    """A plain Trainer + peft loop on the same packed blocks: what a Hugging Face tutorial does."""
    parser = argparse.ArgumentParser()
    for flag, kind in (("--base", Path), ("--seq", int), ("--batch", int), ("--steps", int), ("--rank", int),
                       ("--data", Path)):  # fmt: skip
        parser.add_argument(flag, type=kind, required=True)
    args = parser.parse_args(argv)

    import torch
    from peft import LoraConfig, get_peft_model
    from transformers import Trainer, TrainingArguments

    from assistant.finetune import corpus
    from assistant.finetune.train import TARGET_MODULES, load_base, pack

    device = "cuda" if torch.cuda.is_available() else "cpu"
    model, tokenizer = load_base(args.base, device)
    docs, _ = corpus.gather([args.data])
    blocks = pack(tokenizer, [d.text for d in corpus.build(docs).train], args.seq)
    # transformers labels a model read from a GGUF as "quantised" and Trainer then refuses it, though
    # its weights were dequantised to full precision on loading: drop the label, as a user would.
    model.is_quantized = False
    model.hf_quantizer = None
    model = get_peft_model(model, LoraConfig(r=args.rank, lora_alpha=2 * args.rank, lora_dropout=0.0,
                                             target_modules=list(TARGET_MODULES), task_type="CAUSAL_LM"))  # fmt: skip

    class Blocks(torch.utils.data.Dataset):
        def __len__(self) -> int:
            return len(blocks)

        def __getitem__(self, i: int) -> dict:
            return {"input_ids": blocks[i], "labels": blocks[i]}

    with tempfile.TemporaryDirectory() as out:
        trainer = Trainer(
            model=model,
            args=TrainingArguments(output_dir=out, per_device_train_batch_size=args.batch, max_steps=args.steps,
                                   learning_rate=1e-3, save_strategy="no", report_to=[], logging_steps=10**9,
                                   bf16=device == "cuda", use_cpu=device == "cpu", dataloader_num_workers=0),
            train_dataset=Blocks(),
        )  # fmt: skip
        started = time.perf_counter()
        trainer.train()
        seconds = time.perf_counter() - started
    done = {"event": "done", "tokens_per_s": args.steps * args.batch * args.seq / seconds}
    if device == "cuda":
        done["cuda_peak_bytes"] = torch.cuda.max_memory_allocated()
    sys.stdout.write(json.dumps(done) + "\n")
    return 0


if __name__ == "__main__":
    if sys.argv[1:2] == ["baseline"]:
        sys.exit(baseline(sys.argv[2:]))
    sys.exit(2)
