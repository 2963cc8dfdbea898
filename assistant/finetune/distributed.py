"""One training process, or one of several under ``accelerate launch`` (data parallel, or FSDP for a
model too big for one GPU), behind the few calls the training loop makes.

The single process is the path the app, the CLI and the tests take: no accelerate, plain PyTorch. With
``WORLD_SIZE`` > 1 (set by ``accelerate launch``) the model and optimizer go through accelerate's
``prepare``, which applies the launch's DDP or FSDP settings (``resources/accelerate/fsdp.yaml``); every
process works on its share of each batch; only the first writes events, checkpoints and the adapter.
"""

from __future__ import annotations

import os

import torch


class Processes:
    def __init__(self) -> None:
        self.world = int(os.environ.get("WORLD_SIZE", "1"))
        self.accelerator = None
        if self.world > 1:
            from accelerate import Accelerator

            cuda = torch.cuda.is_available()
            # cpu=True is what makes accelerate join CPU processes (gloo); without it each would train alone.
            self.accelerator = Accelerator(mixed_precision="bf16" if cuda else "no", cpu=not cuda)
            if self.accelerator.num_processes != self.world:
                raise RuntimeError(f"accelerate joined {self.accelerator.num_processes} of {self.world} processes")
        self.rank = self.accelerator.process_index if self.accelerator else 0
        self.main = self.rank == 0
        if self.accelerator:
            self.device = str(self.accelerator.device)
        else:
            self.device = "cuda" if torch.cuda.is_available() else "cpu"

    @property
    def cuda(self) -> bool:
        return self.device.startswith("cuda")

    def prepare(self, model, optimizer):
        if self.accelerator is None:
            return model, optimizer
        plugin = getattr(self.accelerator.state, "fsdp_plugin", None)
        if plugin is not None:
            # peft's policy wraps LoRA layers on their own, so trainable and frozen weights never share
            # one FSDP unit (they differ in dtype and in requires_grad).
            from peft.utils.other import fsdp_auto_wrap_policy

            plugin.auto_wrap_policy = fsdp_auto_wrap_policy(model)
        return self.accelerator.prepare(model, optimizer)

    def my_rows(self, batch: torch.Tensor) -> torch.Tensor:
        """This process's share of a batch (all of it when alone)."""
        return batch[self.rank :: self.world] if self.world > 1 else batch

    def backward(self, loss) -> None:
        if self.accelerator is None:
            loss.backward()
        else:
            self.accelerator.backward(loss)

    def clip(self, model, params, max_norm: float) -> None:
        if self.accelerator is None:
            torch.nn.utils.clip_grad_norm_(params, max_norm)
        else:
            self.accelerator.clip_grad_norm_(model.parameters(), max_norm)

    def any_stop(self, asked: bool) -> bool:
        """True on every process when any was asked to stop (a Ctrl-C reaches them one by one)."""
        if self.accelerator is None:
            return asked
        if asked:
            self.accelerator.set_trigger()
        return self.accelerator.check_trigger()

    def wait(self) -> None:
        if self.accelerator is not None:
            self.accelerator.wait_for_everyone()

    def full_state_dict(self, model) -> dict:
        """The whole model's weights on every process (FSDP gathers its shards)."""
        return model.state_dict() if self.accelerator is None else self.accelerator.get_state_dict(model)

    def unwrap(self, model):
        return model if self.accelerator is None else self.accelerator.unwrap_model(model)

    def mean(self, value: float) -> float:
        if self.accelerator is None:
            return value
        t = torch.tensor([value], device=self.device)
        return float(self.accelerator.reduce(t, reduction="mean"))
