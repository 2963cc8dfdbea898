"""A reranker GGUF for tests, made from the built-in all-MiniLM-L6-v2 with the ``gguf`` package.

No reranker can be downloaded here and none ships on PyPI, so the tests build one: MiniLM's layers,
"rank" pooling, and a one-output classification head (``cls.output``) given by the test. llama.cpp
then scores a (question, passage) pair as head · h + bias, h being the final hidden state of the
[CLS] token of "[CLS] question [SEP] passage [SEP]" — the same thing a cross-encoder such as
ms-marco-MiniLM computes, with weights the test knows, so its scores can be checked against the
PyTorch model.
"""

from __future__ import annotations

from pathlib import Path

import gguf
import numpy as np

from assistant.models.store import built_in_embedding_path

RANK = 4  # LLAMA_POOLING_TYPE_RANK


def make_reranker(out: Path, head: np.ndarray, bias: float = 0.0) -> Path:
    reader = gguf.GGUFReader(built_in_embedding_path())
    arch = reader.fields["general.architecture"].contents()
    writer = gguf.GGUFWriter(out, arch)
    for name, field in reader.fields.items():
        if name.startswith("GGUF.") or name == "general.architecture":
            continue
        value = RANK if name == f"{arch}.pooling_type" else field.contents()
        sub_type = field.types[-1] if field.types[0] == gguf.GGUFValueType.ARRAY else None
        writer.add_key_value(name, value, field.types[0], sub_type=sub_type)
    writer.add_key_value(f"{arch}.classifier.output_labels", ["relevant"], gguf.GGUFValueType.ARRAY,
                         sub_type=gguf.GGUFValueType.STRING)  # fmt: skip
    for tensor in reader.tensors:
        shape = [int(n) for n in reversed(tensor.shape)]
        writer.add_tensor(tensor.name, np.asarray(tensor.data).reshape(shape), raw_dtype=tensor.tensor_type)
    writer.add_tensor("cls.output.weight", head.astype(np.float32).reshape(1, -1))
    writer.add_tensor("cls.output.bias", np.array([bias], dtype=np.float32))
    writer.write_header_to_file()
    writer.write_kv_data_to_file()
    writer.write_tensors_to_file()
    writer.close()
    return out
