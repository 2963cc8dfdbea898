"""Saves checkpoints of a tiny LoRA model in a loop, as fast as it can, until killed: the victim of
test_finetune's SIGKILL rounds. Usage: python checkpoint_driver.py FOLDER START_STEP"""

import sys
from pathlib import Path

import torch
from peft import LoraConfig, get_peft_model
from transformers import LlamaConfig, LlamaForCausalLM

from assistant.finetune.train import TARGET_MODULES, save_checkpoint

folder, step = Path(sys.argv[1]), int(sys.argv[2])
torch.manual_seed(0)
config = LlamaConfig(vocab_size=256, hidden_size=64, intermediate_size=128, num_hidden_layers=2,
                     num_attention_heads=4, num_key_value_heads=2)  # fmt: skip
model = get_peft_model(LlamaForCausalLM(config), LoraConfig(r=4, target_modules=list(TARGET_MODULES)))
optimizer = torch.optim.AdamW([p for p in model.parameters() if p.requires_grad])
batch = torch.randint(0, 256, (2, 16))
print("ready", flush=True)
while True:
    model(input_ids=batch, labels=batch).loss.backward()
    optimizer.step()
    optimizer.zero_grad()
    step += 1
    save_checkpoint(folder, step, model, optimizer)
