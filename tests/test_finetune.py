"""Personalize's training on this CPU with the default model: the corpus, the training process
(``python -m assistant.finetune``), checkpoints and resume, and the decisive check — the exported
adapter lowers held-out perplexity as llama.cpp computes it, not only as PyTorch does."""

from __future__ import annotations

import hashlib
import json
import os
import random
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from assistant.engine.local import LocalEngine
from assistant.finetune import corpus

NOUNS = ["lighthouse", "harbour", "kettle", "lantern", "orchard", "compass", "ledger", "meadow", "violin", "carriage"]
VERBS = ["hums", "glimmers", "waits", "wanders", "sings", "listens", "trembles", "rests"]
ADJS = ["amber", "quiet", "crooked", "silver", "patient", "gentle", "stubborn", "drowsy"]


def keeper_text(rng: random.Random, sentences: int = 8) -> str:
    """Writing in one very distinctive style (what the adapter should learn)."""
    out = []
    for _ in range(sentences):
        n1, n2 = rng.sample(NOUNS, 2)
        out.append(f"Verily, the {rng.choice(ADJS)} {n1} {rng.choice(VERBS)} beside the {rng.choice(ADJS)} {n2}, "
                   "quoth the old keeper.")  # fmt: skip
    return " ".join(out)


@pytest.fixture
def writing(tmp_path: Path) -> Path:
    folder = tmp_path / "my-writing"
    folder.mkdir()
    rng = random.Random(5)
    for i in range(24):
        (folder / f"note{i:02d}.txt").write_text(keeper_text(rng) + "\n")
    return folder


def run_training(default_model: Path, out: Path, data: Path, *extra: str, stop_after_step: int | None = None):
    """Run the training process as the app does; return (events, exit status)."""
    cmd = [sys.executable, "-m", "assistant.finetune", "train", "--base", str(default_model), "--out", str(out),
           "--data", str(data), "--seq", "64", "--batch", "4", "--lr", "2e-3", *extra]  # fmt: skip
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    events = []
    assert proc.stdout is not None
    for line in proc.stdout:
        event = json.loads(line)
        events.append(event)
        if stop_after_step is not None and event.get("event") == "step" and event["step"] == stop_after_step:
            proc.send_signal(signal.SIGTERM)
    return events, proc.wait(timeout=600)


def of(events: list[dict], kind: str) -> list[dict]:
    return [e for e in events if e["event"] == kind]


# --- The corpus ----------------------------------------------------------------------------------


def test_cleaning_takes_out_what_is_not_the_writers_own() -> None:
    mail = (
        "Hi Sam,\n\nThanks, that works.\n\n> On Monday you wrote:\n> old text\n\n"
        "Sent from my iPhone\n-- \nSam Smith\nACME"
    )
    assert corpus.clean(mail) == "Hi Sam,\n\nThanks, that works."


def test_duplicates_and_boilerplate_go_and_the_split_is_by_document() -> None:
    shared = "\n\nA paragraph I pasted into two letters."
    docs = [corpus.Doc(f"d{i}", f"Letterhead of ACME Ltd\n{keeper_text(random.Random(i))}" + (shared if i < 2 else ""))
            for i in range(10)]  # fmt: skip
    built = corpus.build(docs)
    everything = [d.text for d in built.train + built.held_out]
    assert sum("A paragraph I pasted" in t for t in everything) == 1  # a duplicate, kept once
    assert built.removed_paragraphs == 1
    assert not any("Letterhead of ACME Ltd" in t for t in everything)
    assert len(built.held_out) == 1 and len(built.train) == 9
    again = corpus.build(list(reversed(docs)))
    assert [d.name for d in again.held_out] == [d.name for d in built.held_out]  # stable, not order-dependent
    assert built.describe(lambda t: len(t.split()))["train_tokens"] > 0


def test_bad_data_gets_a_clear_message(tmp_path: Path) -> None:
    empty = tmp_path / "empty"
    empty.mkdir()
    docs, skipped = corpus.gather([empty])
    with pytest.raises(corpus.CorpusError, match="no text to learn from"):
        corpus.build(docs, skipped=skipped)

    junk = tmp_path / "junk"
    junk.mkdir()
    (junk / "a.txt").write_bytes(os.urandom(3000))
    (junk / "b.docx").write_bytes(b"PK\x03\x04 not really a docx")
    docs, skipped = corpus.gather([junk])
    assert docs == [] and len(skipped) == 2 and all("a.txt" in s or "b.docx" in s for s in skipped)

    one = tmp_path / "one"
    one.mkdir()
    (one / "only.txt").write_text(keeper_text(random.Random(1), 40))
    with pytest.raises(corpus.CorpusError, match="at least two documents"):
        corpus.build(corpus.gather([one])[0])

    with pytest.raises(corpus.CorpusError, match="Too little to learn from"):
        corpus.build([corpus.Doc("a", "Short note."), corpus.Doc("b", "Another short note.")])

    latin = tmp_path / "latin"
    latin.mkdir()
    (latin / "café.txt").write_bytes("Un café crème, s'il vous plaît. Très bien.".encode("latin-1"))
    docs, _ = corpus.gather([latin])
    assert docs[0].text.startswith("Un café crème")


# --- Training, measured by llama.cpp ---------------------------------------------------------------


def test_training_stopped_and_resumed_learns_the_style_and_llama_cpp_agrees(
    tmp_path, writing, default_model, engine: LocalEngine
):
    """One training, stopped midway and resumed from its last complete checkpoint (one run of each
    costs as much as the whole test), then measured by llama.cpp."""
    before = {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in writing.iterdir()}
    out = tmp_path / "adapter"
    steps = ("--steps", "12", "--checkpoint-every", "3")
    first, status = run_training(default_model, out, writing, *steps, stop_after_step=4)
    assert status == 130
    assert of(first, "corpus")[0]["documents"] == 24
    stopped = of(first, "stopped")[0]["step"]
    assert stopped >= 4 and not of(first, "done")
    checkpoints = out / "checkpoints"
    assert (checkpoints / f"step-{stopped:06d}" / "COMPLETE").is_file()
    # A save that was cut short (no marker) and a leftover temporary folder are ignored.
    (checkpoints / "step-000010").mkdir()
    (checkpoints / "step-000010" / "adapter.safetensors").write_bytes(b"half")
    (checkpoints / ".step-000011.123.tmp").mkdir()

    events, status = run_training(default_model, out, writing, *steps, "--resume")
    assert status == 0, of(events, "error")
    assert of(events, "resumed")[0]["step"] == stopped
    assert [e["step"] for e in of(events, "step")] == list(range(stopped + 1, 13))
    losses = [e["loss"] for e in of(first, "step") if e["step"] <= stopped] + [e["loss"] for e in of(events, "step")]
    assert len(losses) == 12 and losses[-1] < 0.5 * losses[0]
    ppl = {e["which"]: e["perplexity"] for e in of(events, "eval")}
    assert ppl["adapted"] < 0.5 * ppl["base"]  # in PyTorch, on the held-out documents
    done = of(events, "done")[0]
    assert (out / "adapter.gguf").is_file() and json.loads((out / "adapter.json").read_text())["steps"] == 12
    assert done["held_out_perplexity"] == {"base": ppl["base"], "adapted": ppl["adapted"]}
    assert not list(checkpoints.glob("*.safetensors"))  # checkpoints are folders of safetensors only
    for folder in checkpoints.glob("step-*"):
        assert {p.suffix for p in folder.iterdir()} <= {".safetensors", ".json", ""}

    # The decisive one: through llama.cpp, on the quantised base, on writing it never saw.
    unseen = keeper_text(random.Random(99), 10)
    base = engine.score(unseen)["perplexity"]
    adapted = engine.score(unseen, adapter=str(out / "adapter.gguf"))["perplexity"]
    assert adapted < 0.5 * base, (base, adapted)
    # The user's files were only read.
    assert {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in writing.iterdir()} == before


def test_a_base_that_is_not_a_model_is_refused_in_words(tmp_path, writing) -> None:
    junk = tmp_path / "junk.gguf"
    junk.write_bytes(b"GGUF" + os.urandom(200))
    events, status = run_training(junk, tmp_path / "adapter", writing, "--steps", "2")
    assert status == 2
    assert "junk.gguf" in of(events, "error")[0]["message"]


def test_lora_rows_follow_llama_cpps_query_key_layout(default_model) -> None:
    """llama.cpp's converter reorders llama's q/k rows; the exported lora_B must match that order."""
    import gguf
    import numpy as np

    from assistant.finetune.train import _permute_rows, load_base

    reader = gguf.GGUFReader(str(default_model))
    tensors = {t.name: t for t in reader.tensors}
    model, _ = load_base(default_model, "cpu")
    attn = model.model.layers[0].self_attn
    for name, weight, heads in (
        ("blk.0.attn_q.weight", attn.q_proj.weight, 9),
        ("blk.0.attn_k.weight", attn.k_proj.weight, 3),
    ):
        t = tensors[name]
        in_gguf = gguf.dequantize(t.data, t.tensor_type).reshape([int(d) for d in reversed(t.shape)])
        hf = weight.detach().numpy()
        assert not np.allclose(hf, in_gguf) and np.allclose(_permute_rows(hf, heads), in_gguf)


# --- The command line ------------------------------------------------------------------------------


def test_personalize_train_list_eval_and_remove(tmp_path, writing, app_home) -> None:
    from test_cli import assert_user_error, assistant

    trained = assistant("personalize", "train", "--data", str(writing), "--name", "Keeper", "--steps", "6",
                        "--seq", "64", "--lr", "2e-3", timeout=600)  # fmt: skip
    assert trained.returncode == 0, trained.stderr
    adapter = Path(trained.stdout.strip())
    assert adapter.name == "adapter.gguf" and adapter.is_file()
    assert "held-out perplexity" in trained.stderr and "step 6/6" in trained.stderr

    listed = json.loads(assistant("personalize", "list", "--json").stdout)
    assert [r["name"] for r in listed] == ["Keeper"] and listed[0]["base"].endswith(".gguf")
    assert_user_error(assistant("personalize", "train", "--data", str(writing), "--name", "keeper"), "exists")

    unseen = tmp_path / "unseen"
    unseen.mkdir()
    (unseen / "new.txt").write_text(keeper_text(random.Random(123), 10))
    measured = json.loads(assistant("personalize", "eval", "Keeper", "--data", str(unseen), "--json").stdout)
    assert measured["measured_in"] == "llama.cpp" and measured["adapted"] < measured["base"]

    # Exported with the adapter baked in, the model on its own writes like the keeper.
    merged = tmp_path / "keeper-q8.gguf"
    exported = assistant("personalize", "export", "Keeper", "--merged", "--quant", "q8_0", str(merged))
    assert exported.returncode == 0, exported.stderr
    engine = LocalEngine(app_home, merged, {"n_ctx": 2048})
    try:
        alone = engine.score((unseen / "new.txt").read_text())["perplexity"]
    finally:
        engine.close()
    assert alone < 0.8 * measured["base"], (alone, measured)

    assert_user_error(assistant("personalize", "rm", "Keeper"), "--yes")
    assert assistant("personalize", "rm", "Keeper", "--yes").returncode == 0
    assert json.loads(assistant("personalize", "list", "--json").stdout) == []
    assert_user_error(assistant("personalize", "eval", "Keeper"), "no adapter called")

    empty = tmp_path / "empty"
    empty.mkdir()
    assert_user_error(assistant("personalize", "train", "--data", str(empty), "--name", "x"), "no text to learn from")


def test_adapters_are_listed_renamed_and_refused_for_another_base(tmp_path, default_model) -> None:
    import numpy as np

    from assistant.finetune import adapters
    from assistant.finetune.lora_gguf import LoraWeights, write_lora_gguf

    data_dir = tmp_path / "data"
    folder = adapters.folder_for(data_dir, "My Style / v2")
    assert folder.parent == data_dir / "adapters" and folder.name == "my-style-v2"
    weights = {"blk.0.attn_q.weight": LoraWeights(np.zeros((4, 576), np.float32), np.zeros((576, 4), np.float32))}
    write_lora_gguf(folder / "adapter.gguf", architecture="llama", alpha=8, weights=weights,
                    base_model=default_model.name)  # fmt: skip
    summary = {"name": "My Style / v2", "base": str(default_model), "created": "2026-11-23T06:00:00",
               "base_fingerprint": adapters.fingerprint(default_model)}  # fmt: skip
    (folder / "adapter.json").write_text(json.dumps(summary))
    (data_dir / "adapters" / "half-done").mkdir()  # a training that never finished: not listed

    [found] = adapters.list_adapters(data_dir)
    adapters.check_fits(found, default_model)  # the model it was trained on: fine
    other = tmp_path / "other.gguf"
    data = bytearray(default_model.read_bytes())
    data[10 * 1024 * 1024] ^= 0xFF  # same architecture and size, other weights
    other.write_bytes(bytes(data))
    with pytest.raises(adapters.AdapterError, match="was trained on"):
        adapters.check_fits(found, other)

    renamed = adapters.rename(found, "Letters")
    assert adapters.find(data_dir, "letters").folder == folder and renamed.name == "Letters"
    adapters.delete(renamed, data_dir)
    assert adapters.list_adapters(data_dir) == [] and not folder.exists()


def test_sigkill_during_checkpoint_saves_never_leaves_resume_without_a_complete_one(tmp_path) -> None:
    """Kill the saver at random moments, several rounds: the newest checkpoint with its marker is
    always complete and loads, and the next round continues after it."""
    import time

    import torch
    from peft import LoraConfig, get_peft_model
    from transformers import LlamaConfig, LlamaForCausalLM

    from assistant.finetune.train import TARGET_MODULES, load_checkpoint, newest_checkpoint

    folder = tmp_path / "checkpoints"
    driver = Path(__file__).with_name("checkpoint_driver.py")
    rng = random.Random(3)
    step = 0
    for _round in range(6):
        proc = subprocess.Popen(
            [sys.executable, str(driver), str(folder), str(step)], stdout=subprocess.PIPE, text=True
        )
        assert proc.stdout is not None and proc.stdout.readline().strip() == "ready"
        # Once this round has saved at least once (however slow the machine), kill it at a random
        # moment: most likely in the middle of a later save.
        deadline = time.monotonic() + 120
        while (newest := newest_checkpoint(folder)) is None or int(newest.name.removeprefix("step-")) <= step:
            assert time.monotonic() < deadline, "the driver saved nothing in two minutes"
            time.sleep(0.02)
        time.sleep(rng.uniform(0.0, 0.5))
        proc.kill()
        proc.wait()
        found = newest_checkpoint(folder)
        assert found is not None
        config = LlamaConfig(vocab_size=256, hidden_size=64, intermediate_size=128, num_hidden_layers=2,
                             num_attention_heads=4, num_key_value_heads=2)  # fmt: skip
        model = get_peft_model(LlamaForCausalLM(config), LoraConfig(r=4, target_modules=list(TARGET_MODULES)))
        optimizer = torch.optim.AdamW([p for p in model.parameters() if p.requires_grad])
        loaded = load_checkpoint(found, model, optimizer)  # complete: every file there and readable
        assert loaded == int(found.name.removeprefix("step-")) and loaded > step
        step = loaded


# --- Full-precision weights from the Hub -----------------------------------------------------------

REPO = "HuggingFaceTB/SmolLM2-135M-Instruct"
COMMIT = "5f0c3b1d2e4a69788796a5b4c3d2e1f0a9b8c7d6"


@pytest.fixture(scope="module")
def safetensors_files(tmp_path_factory, default_model) -> dict[str, bytes]:
    """The default model as its safetensors repository holds it (made here from the GGUF: no internet)."""
    import torch
    from safetensors.torch import save_file
    from transformers import AutoModelForCausalLM, AutoTokenizer

    folder = tmp_path_factory.mktemp("smollm2-safetensors")
    where = {"pretrained_model_name_or_path": str(default_model.parent), "gguf_file": default_model.name}
    AutoTokenizer.from_pretrained(**where).save_pretrained(folder)
    model = AutoModelForCausalLM.from_pretrained(**where, dtype=torch.float32)
    # transformers will not save a model it read from a GGUF; its weights are plain tensors, so write them.
    config = model.config
    if hasattr(config, "quantization_config"):
        del config.quantization_config
    config.save_pretrained(folder)
    state = {k: v.to(torch.bfloat16).contiguous() for k, v in model.state_dict().items()}
    if config.tie_word_embeddings:
        state.pop("lm_head.weight", None)
    save_file(state, str(folder / "model.safetensors"), metadata={"format": "pt"})
    return {p.name: p.read_bytes() for p in folder.iterdir() if p.is_file()}


def test_full_precision_weights_come_from_the_hub_pinned_to_a_commit(
    tmp_path, writing, default_model, local_hub, safetensors_files, engine: LocalEngine
) -> None:
    from assistant.bench.local_hub import StubRepo
    from assistant.models import hub as hub_mod

    files = {**safetensors_files, "pytorch_model.bin": b"a pickle: never fetched", "modeling_x.py": b"raise SystemExit"}
    hub = local_hub({REPO: StubRepo(files, commit=COMMIT)})
    out = tmp_path / "adapter"
    events, status = run_training(default_model, out, writing, "--steps", "8", "--weights", REPO)
    assert status == 0, of(events, "error")
    assert of(events, "loading")[0]["weights"] == {"repo": REPO, "commit": COMMIT}  # "main", pinned
    assert json.loads((out / "adapter.json").read_text())["weights"] == {"repo": REPO, "commit": COMMIT}
    fetched = [path for method, path, _ in hub.requests if method == "GET" and "/resolve/" in path]
    assert any(p.endswith("/model.safetensors") for p in fetched)
    assert all(f"/resolve/{COMMIT}/" in p for p in fetched), fetched  # every file at the one commit
    assert not any(p.endswith((".bin", ".py")) for p in fetched)
    losses = [e["loss"] for e in of(events, "step")]
    assert losses[-1] < 0.7 * losses[0]
    unseen = keeper_text(random.Random(77), 10)
    assert engine.score(unseen, adapter=str(out / "adapter.gguf"))["perplexity"] < engine.score(unseen)["perplexity"]

    # The app and `assistant personalize train --weights` start the same process with the same option.
    from assistant.finetune.launch import TrainingRequest

    request = TrainingRequest(base=default_model, out=out, data=[writing], name="x", weights=REPO)
    assert request.arguments()[-2:] == ["--weights", REPO]

    # Once on disk, that commit needs no Hub.
    hub.__exit__(None, None, None)
    folder, commit = hub_mod.fetch_weights(REPO, COMMIT)
    assert commit == COMMIT and (folder / "model.safetensors").is_file()


def test_weights_that_are_unsafe_or_another_model_are_refused_in_words(tmp_path, local_hub, safetensors_files,
                                                                        default_model) -> None:  # fmt: skip
    from assistant.bench.local_hub import StubRepo
    from assistant.errors import AssistantError, HubError
    from assistant.finetune.train import load_base
    from assistant.models import hub as hub_mod

    pickled = {"config.json": safetensors_files["config.json"], "pytorch_model.bin": b"a pickle"}
    local_hub({"someone/pickled": StubRepo(pickled)})
    with pytest.raises(HubError, match="no safetensors weights"):
        hub_mod.fetch_weights("someone/pickled")
    with pytest.raises(HubError, match="not in the repository"):
        hub_mod.fetch_weights("someone/pickled", "f" * 40)

    def folder_with(config_change: dict) -> Path:
        folder = tmp_path / f"repo{len(list(tmp_path.iterdir()))}"
        folder.mkdir()
        config = {**json.loads(safetensors_files["config.json"]), **config_change}
        (folder / "config.json").write_text(json.dumps(config))
        return folder

    with pytest.raises(AssistantError, match=r"not the model of .*: 12 layers of width 576 where it has 30"):
        load_base(default_model, "cpu", folder_with({"num_hidden_layers": 12}))
    with pytest.raises(AssistantError, match="without running the repository's own code"):
        load_base(default_model, "cpu", folder_with({"model_type": "my-own-llama", "auto_map": {"AutoConfig": "x.C"}}))


# --- Several processes (accelerate) ----------------------------------------------------------------


@pytest.mark.slow
def test_two_processes_train_exactly_as_one_and_resume_only_as_two(tmp_path, writing, default_model) -> None:
    """The multi-GPU path, run here as two CPU processes (torchrun, gloo; FSDP itself needs CUDA):
    each process takes half of every batch, so the losses are those of one process to float rounding;
    one process speaks and writes; each keeps its own optimizer state in the checkpoint."""
    alone, status = run_training(default_model, tmp_path / "one", writing, "--steps", "4", "--checkpoint-every", "2")
    assert status == 0
    out = tmp_path / "two"
    cmd = [sys.executable, "-m", "torch.distributed.run", "--nproc_per_node", "2", "-m", "assistant.finetune",
           "train", "--base", str(default_model), "--out", str(out), "--data", str(writing), "--seq", "64",
           "--batch", "4", "--lr", "2e-3", "--steps", "4", "--checkpoint-every", "2"]  # fmt: skip
    result = subprocess.run(cmd, capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, result.stderr[-3000:]
    events = [json.loads(line) for line in result.stdout.splitlines() if line.startswith("{")]
    assert len(of(events, "corpus")) == 1 and of(events, "loading")[0]["processes"] == 2
    together = [e["loss"] for e in of(events, "step")]
    assert together == pytest.approx([e["loss"] for e in of(alone, "step")], rel=1e-4)
    saved = out / "checkpoints" / "step-000002"
    expected = {"COMPLETE", "adapter.safetensors", "state.json", "optimizer.rank0.safetensors",
                "optimizer.rank1.safetensors"}  # fmt: skip
    assert {p.name for p in saved.iterdir()} == expected
    assert (out / "adapter.gguf").is_file()

    events, status = run_training(default_model, out, writing, "--steps", "6", "--resume")
    assert status == 2 and "saved by 2 training process(es)" in of(events, "error")[0]["message"]
