"""Personalize: LoRA fine-tuning on the user's own writing. PyTorch, transformers and peft are
imported only by the training process (``python -m assistant.finetune``); the modules the GUI or the
engine may reach (``lora_gguf``) need only numpy and gguf."""
