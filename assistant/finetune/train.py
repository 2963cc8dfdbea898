"""Training a LoRA adapter on the user's writing: PyTorch, transformers and peft live here only.

The base model comes into PyTorch from the GGUF the engine runs (transformers reads GGUF files and
dequantises them), or at full precision from the matching safetensors repository on the Hub, pinned to
a commit; ``trust_remote_code`` stays off either way. Texts are packed into fixed-length blocks, so no
compute goes to padding. LoRA on the attention and MLP projections with peft; fp32 on the CPU, bf16
autocast on CUDA. Progress goes to a callback as plain dicts (the process entry point prints them as
JSON lines). Checkpoints are safetensors only, each complete when a marker written last says so;
resume takes the newest complete one and continues from its step. The result is written as a
llama.cpp LoRA GGUF (``lora_gguf.py``), which the engine applies on top of the quantised base.
"""

from __future__ import annotations

import json
import math
import os
import shutil
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import torch

from assistant.finetune.adapters import fingerprint
from assistant.finetune.distributed import Processes
from assistant.finetune.lora_gguf import LoraWeights, write_lora_gguf

TARGET_MODULES = ("q_proj", "k_proj", "v_proj", "o_proj", "gate_proj", "up_proj", "down_proj")
COMPLETE = "COMPLETE"
"""The marker a checkpoint folder gets last: without it the folder is ignored (a save was cut short)."""
KEEP_CHECKPOINTS = 2

Emit = Callable[[dict], None]


@dataclass
class TrainConfig:
    base: Path
    """The GGUF the engine runs; its weights are dequantised into PyTorch."""
    out_dir: Path
    """The adapter's folder: checkpoints/, adapter.gguf, adapter.json."""
    train_texts: list[str]
    held_out_texts: list[str]
    name: str = "My style"
    steps: int | None = None
    """Optimizer steps; when None, ``epochs`` decides."""
    epochs: float = 1.0
    rank: int = 16
    alpha: float | None = None
    """LoRA alpha; 2 × rank when None (llama.cpp scales by alpha / rank)."""
    lr: float = 1e-3
    seq_len: int = 256
    batch: int = 4
    checkpoint_every: int = 20
    resume: bool = False
    seed: int = 0
    gradient_checkpointing: bool = False
    weights: str | None = None
    """``REPO[@REVISION]``: take the weights at full precision from this safetensors repository on the
    Hub (pinned to one commit) instead of dequantising the GGUF. The GGUF stays the base the adapter is
    for: the repository must hold the same model."""
    extra: dict = field(default_factory=dict)
    """Data description etc., stored in adapter.json."""


class Stopped(Exception):
    """The run was asked to stop; the last checkpoint holds its progress."""


def train(config: TrainConfig, emit: Emit, should_stop: Callable[[], bool] = lambda: False) -> dict:
    """Train, measure, export. Returns the summary also written to ``adapter.json``."""
    from peft import LoraConfig, get_peft_model

    torch.manual_seed(config.seed)
    procs = Processes()
    if config.batch % procs.world:
        raise ValueError(f"The batch ({config.batch}) must split evenly over the {procs.world} training processes.")
    device = procs.device
    if not procs.main:
        emit = _quiet  # one voice: the first process speaks for all
    folder, source = None, {"from": config.base.name}
    if config.weights:
        if procs.main:  # one download; the others find it in the cache once it is there
            folder, source = pinned_weights(config.weights, config.out_dir, resume=config.resume)
        procs.wait()
        if not procs.main:
            folder, source = pinned_weights(config.weights, config.out_dir, resume=True)
    emit({"event": "loading", "base": str(config.base), "device": device, "weights": source,
          "processes": procs.world})  # fmt: skip
    # Under accelerate the model is loaded on the CPU and placed (or sharded, with FSDP) by prepare().
    model, tokenizer = load_base(config.base, "cpu" if procs.accelerator else device, folder, bf16=procs.cuda)
    train_blocks = pack(tokenizer, config.train_texts, config.seq_len)
    held_blocks = pack(tokenizer, config.held_out_texts, config.seq_len)
    if not len(train_blocks) or not len(held_blocks):
        raise ValueError("The writing is too short for one training block; add more.")
    steps = config.steps or max(1, math.ceil(config.epochs * len(train_blocks) / config.batch))
    emit({"event": "ready", "train_tokens": int(train_blocks.numel()), "held_out_tokens": int(held_blocks.numel()),
          "steps": steps, "device": device})  # fmt: skip

    base_ppl = perplexity(model, held_blocks, device)
    emit({"event": "eval", "which": "base", "perplexity": base_ppl})

    alpha = config.alpha or 2.0 * config.rank
    lora = LoraConfig(r=config.rank, lora_alpha=alpha, lora_dropout=0.0, bias="none",
                      target_modules=list(TARGET_MODULES), task_type="CAUSAL_LM")  # fmt: skip
    model = get_peft_model(model, lora)
    if config.gradient_checkpointing:
        model.gradient_checkpointing_enable()
        model.enable_input_require_grads()
    params = [p for p in model.parameters() if p.requires_grad]
    optimizer = torch.optim.AdamW(params, lr=config.lr, weight_decay=0.0)
    model, optimizer = procs.prepare(model, optimizer)

    checkpoints = config.out_dir / "checkpoints"
    start = 0
    if config.resume:
        found = newest_checkpoint(checkpoints)
        if found is not None:
            start = load_checkpoint(found, model, optimizer, procs)
            emit({"event": "resumed", "step": start})

    model.train()
    losses: list[float] = []
    started, tokens_done = time.perf_counter(), 0
    step = start
    for step in range(start, steps):
        if procs.any_stop(should_stop()):
            save_checkpoint(checkpoints, step, model, optimizer, procs)
            emit({"event": "stopped", "step": step})
            raise Stopped()
        for group in optimizer.param_groups:
            group["lr"] = learning_rate(step, steps, config.lr)
        batch = batch_for(step, train_blocks, config.batch, config.seed)
        mine = procs.my_rows(batch).to(device)
        with torch.autocast(device_type="cuda", dtype=torch.bfloat16, enabled=device == "cuda"):
            loss = model(input_ids=mine, labels=mine).loss
        procs.backward(loss)
        procs.clip(model, params, 1.0)
        optimizer.step()
        optimizer.zero_grad(set_to_none=True)
        losses.append(procs.mean(float(loss.detach())))
        tokens_done += batch.numel()
        elapsed = time.perf_counter() - started
        rate = tokens_done / elapsed if elapsed > 0 else 0.0
        left = (steps - step - 1) * batch.numel() / rate if rate else None
        emit({"event": "step", "step": step + 1, "steps": steps, "loss": losses[-1], "tokens_per_s": rate,
              "eta_s": left})  # fmt: skip
        if (step + 1) % config.checkpoint_every == 0 and step + 1 < steps:
            save_checkpoint(checkpoints, step + 1, model, optimizer, procs)
            emit({"event": "checkpoint", "step": step + 1})

    model.eval()
    adapted_ppl = perplexity(model, held_blocks, device)
    emit({"event": "eval", "which": "adapted", "perplexity": adapted_ppl})
    state = procs.full_state_dict(model)
    if not procs.main:
        procs.wait()
        return {}
    adapter_path = export_gguf(state, config, alpha)
    summary = {
        "name": config.name,
        "base": str(config.base),
        "base_fingerprint": fingerprint(config.base),
        "rank": config.rank,
        "alpha": alpha,
        "steps": steps,
        "seq_len": config.seq_len,
        "batch": config.batch,
        "lr": config.lr,
        "first_loss": losses[0] if losses else None,
        "last_loss": losses[-1] if losses else None,
        "held_out_perplexity": {"base": base_ppl, "adapted": adapted_ppl},
        "created": time.strftime("%Y-%m-%dT%H:%M:%S"),
        "adapter": adapter_path.name,
        "weights": source,
        **config.extra,
    }
    _write_json(config.out_dir / "adapter.json", summary)
    cuda_peak = {"cuda_peak_bytes": torch.cuda.max_memory_allocated()} if procs.cuda else {}
    emit({"event": "done", **summary, "adapter_path": str(adapter_path), **cuda_peak})
    procs.wait()
    return summary


def _quiet(event: dict) -> None:
    pass


# --- Model and data ------------------------------------------------------------------------------


def load_base(gguf_path: Path, device: str, weights_folder: Path | None = None, *, bf16: bool | None = None):
    """The base model and tokenizer (bf16 on CUDA, fp32 on CPU): from the GGUF itself, dequantised, or
    from a safetensors repository's files when ``weights_folder`` is given (checked to be the same
    model as the GGUF first)."""
    from transformers import AutoModelForCausalLM, AutoTokenizer

    dtype = torch.bfloat16 if (device == "cuda" if bf16 is None else bf16) else torch.float32
    if weights_folder is None:
        folder, name = str(gguf_path.parent), gguf_path.name
        tokenizer = AutoTokenizer.from_pretrained(folder, gguf_file=name, trust_remote_code=False)
        model = AutoModelForCausalLM.from_pretrained(folder, gguf_file=name, dtype=dtype, trust_remote_code=False)
        return model.to(device), tokenizer
    _check_same_model(weights_folder, gguf_path)
    tokenizer = AutoTokenizer.from_pretrained(str(weights_folder), trust_remote_code=False)
    model = AutoModelForCausalLM.from_pretrained(str(weights_folder), dtype=dtype, trust_remote_code=False,
                                                 use_safetensors=True)  # fmt: skip
    return model.to(device), tokenizer


def pinned_weights(spec: str, out_dir: Path, *, resume: bool) -> tuple[Path, dict]:
    """Fetch ``REPO[@REVISION]`` at one commit. The commit is written to ``weights.json`` in the
    adapter's folder, and a resumed run uses that commit whatever the branch points at now."""
    from assistant.models import hub, hub_token

    repo, _, revision = spec.partition("@")
    pin = out_dir / "weights.json"
    if resume and pin.is_file():
        pinned = json.loads(pin.read_text())
        if pinned.get("repo") == repo:
            revision = str(pinned["commit"])
    folder, commit = hub.fetch_weights(repo, revision or None, token=hub_token.load())
    source = {"repo": repo, "commit": commit}
    out_dir.mkdir(parents=True, exist_ok=True)
    _write_json(pin, source)
    return folder, source


def _check_same_model(folder: Path, gguf_path: Path) -> None:
    from transformers import AutoConfig

    from assistant.errors import AssistantError, translatable
    from assistant.models.gguf_info import read_info

    try:
        config = AutoConfig.from_pretrained(str(folder), trust_remote_code=False)
    except (ValueError, KeyError, OSError) as err:
        raise AssistantError(
            translatable(
                "The full-precision weights cannot be read by transformers without running the repository's own "
                "code, which the app never does ({reason})."
            ),
            reason=str(err),
        ) from err
    info = read_info(gguf_path)
    theirs = (getattr(config, "num_hidden_layers", None), getattr(config, "hidden_size", None))
    ours = (info.block_count, info.embedding_length)
    if theirs != ours:
        raise AssistantError(
            translatable(
                "The full-precision weights are not the model of {model}: {layers} layers of width {width} where it "
                "has {model_layers} of width {model_width}. Choose the repository {model} was made from."
            ),
            model=gguf_path.name,
            layers=theirs[0],
            width=theirs[1],
            model_layers=ours[0],
            model_width=ours[1],
        )


def pack(tokenizer, texts: list[str], seq_len: int) -> torch.Tensor:
    """All texts as one stream (each ended by the end-of-text token), cut into ``seq_len`` blocks.
    The tail shorter than a block is dropped: no padding, so no compute spent on it."""
    eos = tokenizer.eos_token_id
    stream: list[int] = []
    for text in texts:
        stream += tokenizer(text, add_special_tokens=False)["input_ids"]
        if eos is not None:
            stream.append(eos)
    n = len(stream) // seq_len
    return torch.tensor(stream[: n * seq_len], dtype=torch.long).view(n, seq_len)


def batch_for(step: int, blocks: torch.Tensor, batch: int, seed: int) -> torch.Tensor:
    """The blocks of optimizer step ``step``: every epoch in a fresh seeded order, computed from the
    step alone, so a resumed run sees exactly the batches an uninterrupted one would."""
    n = len(blocks)
    rows = []
    for j in range(batch):
        g = step * batch + j
        epoch, within = divmod(g, n)
        order = np.random.default_rng(seed * 1_000_003 + epoch).permutation(n)
        rows.append(int(order[within]))
    return blocks[rows]


def learning_rate(step: int, steps: int, peak: float) -> float:
    """Linear warm-up over the first 5 % of steps, then cosine down to a tenth of the peak."""
    warm = max(1, steps // 20)
    if step < warm:
        return peak * (step + 1) / warm
    progress = (step - warm) / max(1, steps - warm)
    return peak * (0.1 + 0.9 * 0.5 * (1 + math.cos(math.pi * progress)))


@torch.no_grad()
def perplexity(model, blocks: torch.Tensor, device: str, batch: int = 4) -> float:
    """exp(mean negative log-likelihood per predicted token) over ``blocks``."""
    was_training = model.training
    model.eval()
    nll, count = 0.0, 0
    for i in range(0, len(blocks), batch):
        part = blocks[i : i + batch].to(device)
        with torch.autocast(device_type="cuda", dtype=torch.bfloat16, enabled=device == "cuda"):
            loss = model(input_ids=part, labels=part).loss
        predicted = part.shape[0] * (part.shape[1] - 1)
        nll += float(loss) * predicted
        count += predicted
    if was_training:
        model.train()
    return math.exp(nll / count)


# --- Checkpoints ---------------------------------------------------------------------------------


def save_checkpoint(folder: Path, step: int, model, optimizer, procs: Processes | None = None) -> Path:
    """Write ``step-NNNNNN/`` atomically: files into a temporary folder, synced, the COMPLETE marker
    last, then one rename. Older checkpoints beyond the newest two are removed. Under accelerate each
    process writes its own optimizer state (FSDP shards it), the first the adapter and the marker."""
    from peft import get_peft_model_state_dict
    from safetensors.torch import save_file

    procs = procs or Processes()
    final = folder / f"step-{step:06d}"
    temp = folder / (f".step-{step:06d}.{os.getpid()}.tmp" if procs.world == 1 else f".step-{step:06d}.tmp")
    state = procs.full_state_dict(model)
    if procs.main:
        folder.mkdir(parents=True, exist_ok=True)
        shutil.rmtree(temp, ignore_errors=True)
        temp.mkdir()
        lora = get_peft_model_state_dict(procs.unwrap(model), state_dict=state)
        save_file({k: v.detach().cpu().contiguous() for k, v in lora.items()}, str(temp / "adapter.safetensors"))
        _write_json(temp / "state.json", {"step": step, "processes": procs.world})
    procs.wait()
    optimizer_file = _optimizer_file(procs)
    tensors, meta = _optimizer_tensors(optimizer)
    save_file(tensors, str(temp / optimizer_file), metadata={"param_groups": json.dumps(meta)})
    _fsync(temp / optimizer_file)
    procs.wait()
    if not procs.main:
        procs.wait()
        return final
    for name in ("adapter.safetensors", "state.json"):
        _fsync(temp / name)
    (temp / COMPLETE).write_text(str(step))
    _fsync(temp / COMPLETE)
    if final.exists():
        shutil.rmtree(final)
    os.replace(temp, final)
    for old in sorted(p for p in folder.glob("step-*") if p.is_dir())[:-KEEP_CHECKPOINTS]:
        shutil.rmtree(old, ignore_errors=True)
    procs.wait()
    return final


def _optimizer_file(procs: Processes) -> str:
    return "optimizer.safetensors" if procs.world == 1 else f"optimizer.rank{procs.rank}.safetensors"


def newest_checkpoint(folder: Path) -> Path | None:
    """The newest checkpoint whose COMPLETE marker is there (a save cut short has none)."""
    if not folder.is_dir():
        return None
    done = [p for p in folder.glob("step-*") if (p / COMPLETE).is_file()]
    return max(done, key=lambda p: p.name) if done else None


def load_checkpoint(path: Path, model, optimizer, procs: Processes | None = None) -> int:
    """Restore the adapter weights and the optimizer; return the step to continue from."""
    from peft import set_peft_model_state_dict
    from safetensors import safe_open
    from safetensors.torch import load_file

    procs = procs or Processes()
    saved = json.loads((path / "state.json").read_text())
    if int(saved.get("processes", 1)) != procs.world:
        from assistant.errors import AssistantError, translatable

        raise AssistantError(
            translatable("This run was saved by {saved} training process(es); resume it with as many (now {now})."),
            saved=int(saved.get("processes", 1)),
            now=procs.world,
        )
    set_peft_model_state_dict(procs.unwrap(model), load_file(str(path / "adapter.safetensors")))
    with safe_open(str(path / _optimizer_file(procs)), framework="pt") as f:
        groups = json.loads((f.metadata() or {})["param_groups"])
        tensors = {k: f.get_tensor(k) for k in f.keys()}  # noqa: SIM118 - safe_open has no __iter__
    state: dict[int, dict[str, torch.Tensor]] = {}
    for key, value in tensors.items():
        index, name = key.split(".", 1)
        state.setdefault(int(index), {})[name] = value
    optimizer.load_state_dict({"state": state, "param_groups": groups})
    return int(saved["step"])


def _optimizer_tensors(optimizer) -> tuple[dict[str, torch.Tensor], list[dict]]:
    saved = optimizer.state_dict()
    tensors = {}
    for index, values in saved["state"].items():
        for name, value in values.items():
            t = value if torch.is_tensor(value) else torch.tensor(value)
            tensors[f"{index}.{name}"] = t.detach().cpu().contiguous()
    return tensors, saved["param_groups"]


# --- Export --------------------------------------------------------------------------------------


def export_gguf(state: dict, config: TrainConfig, alpha: float) -> Path:
    """The trained LoRA (from the model's full state dict) as a llama.cpp adapter GGUF next to the
    checkpoints."""
    from assistant.models.gguf_info import read_info

    info = read_info(config.base)
    weights = lora_weights_for_gguf(state, info.architecture, info.block_count or 0,
                                    info.head_count or 0, info.head_count_kv or info.head_count or 0)  # fmt: skip
    if not weights:
        raise ValueError("no LoRA weights matched the base model's tensor names")
    return write_lora_gguf(config.out_dir / "adapter.gguf", architecture=info.architecture, alpha=alpha,
                           weights=weights, name=config.name, base_model=config.base.name)  # fmt: skip


def lora_weights_for_gguf(state: dict, architecture: str, n_blocks: int, n_head: int, n_head_kv: int) -> dict:
    """peft's lora_A/lora_B per module, renamed to the GGUF tensor they adapt ("blk.0.attn_q.weight")
    with the gguf package's own name map, and laid out as llama.cpp's converter lays out the base:
    for llama-family models it reorders the query and key rows (rotary embedding layout), so the
    lora_B of q_proj and k_proj is reordered the same way."""
    import gguf

    arch = next(a for a, n in gguf.MODEL_ARCH_NAMES.items() if n == architecture)
    names = gguf.get_tensor_name_map(arch, n_blocks)
    pairs: dict[str, dict[str, np.ndarray]] = {}
    for key, value in state.items():
        if ".lora_A." not in key and ".lora_B." not in key:
            continue
        module = key.split(".lora_")[0].removeprefix("base_model.model.")
        which = "a" if ".lora_A." in key else "b"
        pairs.setdefault(module, {})[which] = value.detach().float().cpu().numpy()
    weights = {}
    for module, ab in pairs.items():
        target = names.get_name(module)
        if target is None:
            raise ValueError(f"no GGUF tensor for {module}")
        b = ab["b"]
        if architecture == "llama" and module.endswith(("q_proj", "k_proj")):
            heads = n_head if module.endswith("q_proj") else n_head_kv
            b = _permute_rows(b, heads)
        weights[f"{target}.weight"] = LoraWeights(a=ab["a"], b=b)
    return weights


def _permute_rows(w: np.ndarray, n_head: int) -> np.ndarray:
    """The row order convert_hf_to_gguf.py gives llama's q/k weights (pairs of halves per head)."""
    return w.reshape(n_head, 2, w.shape[0] // n_head // 2, *w.shape[1:]).swapaxes(1, 2).reshape(w.shape)


# --- Small helpers -------------------------------------------------------------------------------


def _write_json(path: Path, data: dict) -> None:
    temp = path.with_name(path.name + ".tmp")
    temp.write_text(json.dumps(data, indent=2, default=str))
    os.replace(temp, path)


def _fsync(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
