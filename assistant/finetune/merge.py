"""One GGUF with the adapter baked in: for sharing the personalised model, or running it in another
llama.cpp app that has no adapter switch.

Each weight the adapter touches becomes ``W + scale × alpha / rank × B·A`` — exactly what llama.cpp
adds at run time when the adapter is loaded on the base — on the base weight dequantised to float32.
The result is written as F16 or Q8_0 (as llama.cpp's converter does it: 1-D tensors such as norms stay
F32; a row length Q8_0 cannot hold falls back to F16), with the base's metadata, tokenizer and chat
template copied across. Both files go through the ``gguf`` package: numpy only, no torch, and one tensor
in memory at a time, so a model bigger than RAM merges too. Written to a temporary file next to the
output and renamed at the end, so a full disk or a stop leaves no half a model under the final name.
"""

from __future__ import annotations

import errno
import os
import shutil
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from assistant.core.cancel import CancelToken
from assistant.errors import AssistantError, translatable
from assistant.units import format_bytes

QUANTS = ("f16", "q8_0")
SKIPPED_KEYS = ("GGUF.", "general.architecture", "general.alignment", "general.file_type", "general.name")
"""Keys the writer sets itself (header fields, architecture, alignment) or the merge changes."""

Progress = Callable[[int, int], None]


class MergeError(AssistantError):
    """The adapter and the base cannot be merged, or the merged file cannot be written."""


@dataclass(frozen=True)
class _Plan:
    name: str
    shape: tuple[int, ...]
    """The weight's numpy shape (rows, columns) as the engine sees it."""
    out_type: object
    """gguf.GGMLQuantizationType of the written tensor."""
    nbytes: int


def merge(base: Path, adapter: Path, out: Path, *, quant: str = "f16", scale: float = 1.0, name: str = "",
          progress: Progress | None = None) -> Path:  # fmt: skip
    """Write ``base`` with ``adapter`` applied at ``scale`` to ``out`` as one GGUF; return ``out``.
    Raises MergeError, in words, when they do not fit together or the file cannot be written."""
    for done, total in merging(base, adapter, out, quant=quant, scale=scale, name=name):
        if progress:
            progress(done, total)
    return Path(out)


def merging(base: Path, adapter: Path, out: Path, *, quant: str = "f16", scale: float = 1.0, name: str = "",
            cancel: CancelToken | None = None) -> Iterator[tuple[int, int]]:  # fmt: skip
    """``merge`` as a generator of (tensors written, tensors in all), for a worker thread: a cancel
    stops it between tensors, leaving nothing behind."""
    import gguf

    from assistant.models.gguf_info import read_adapter_info, read_info

    if quant not in QUANTS:
        raise MergeError(
            translatable("Merged models are written as {choices}, not {quant!r}."),
            choices=" or ".join(QUANTS),
            quant=quant,
        )
    base_info = read_info(base)  # clear messages for a file that is not a model / not an adapter
    adapter_info = read_adapter_info(adapter)
    if adapter_info.architecture != base_info.architecture:
        raise MergeError(
            translatable("The adapter is for a {architecture} model and {base} is {base_architecture}."),
            architecture=adapter_info.architecture,
            base=base.name,
            base_architecture=base_info.architecture,
        )
    base_reader = gguf.GGUFReader(str(base))
    pairs = _lora_pairs(gguf.GGUFReader(str(adapter)))
    alpha = adapter_info.alpha
    tensors = {t.name: t for t in base_reader.tensors}
    for target, (a, b) in pairs.items():
        t = tensors.get(target)
        if t is None or len(t.shape) != 2 or (int(t.shape[1]), int(t.shape[0])) != (b.shape[0], a.shape[1]):
            raise MergeError(
                translatable("The adapter does not fit {base}: its {tensor} has another shape."),
                base=base.name,
                tensor=target,
            )

    out_type = {"f16": gguf.GGMLQuantizationType.F16, "q8_0": gguf.GGMLQuantizationType.Q8_0}[quant]
    plans = [_plan(t, out_type) for t in base_reader.tensors]
    out = Path(out)
    _check_space(out, sum(p.nbytes for p in plans) + (1 << 20))

    temp = out.with_name(f".{out.name}.{os.getpid()}.partial")
    writer = gguf.GGUFWriter(str(temp), base_info.architecture)
    finished = False
    try:
        _copy_metadata(base_reader, writer)
        file_type = gguf.LlamaFileType.MOSTLY_F16 if quant == "f16" else gguf.LlamaFileType.MOSTLY_Q8_0
        writer.add_file_type(int(file_type))
        writer.add_name(name or f"{base.stem} (personalised)")
        for p in plans:
            stored_shape, dtype, raw = _stored(p, gguf)
            writer.add_tensor_info(p.name, stored_shape, dtype, p.nbytes, raw_dtype=raw)
        writer.write_header_to_file()
        writer.write_kv_data_to_file()
        writer.write_ti_data_to_file()
        for i, (t, p) in enumerate(zip(base_reader.tensors, plans, strict=True)):
            weight = _dequantized(t, gguf)
            if t.name in pairs:
                a, b = pairs[t.name]
                weight = weight + (scale * alpha / a.shape[0]) * (b @ a)
            writer.write_tensor_data(_encoded(weight, p.out_type, gguf))
            yield i + 1, len(plans)
            if cancel is not None:
                cancel.raise_if_cancelled()
        writer.close()
        with open(temp, "rb") as f:
            os.fsync(f.fileno())
        os.replace(temp, out)
        finished = True
    except OSError as err:
        raise MergeError(
            translatable(
                "The merged model could not be written to {path}: {reason}. Nothing was left behind; check the "
                "free space there and try again."
            ),
            path=str(out),
            reason=_why(err),
        ) from err
    finally:
        if not finished:
            writer.close()
            temp.unlink(missing_ok=True)


def _lora_pairs(reader) -> dict[str, tuple[np.ndarray, np.ndarray]]:
    """{base tensor name: (A, B)} from an adapter GGUF."""
    halves: dict[str, dict[str, np.ndarray]] = {}
    for t in reader.tensors:
        stem, _, which = t.name.rpartition(".lora_")
        if which not in ("a", "b") or t.tensor_type.name not in ("F32", "F16"):
            raise MergeError(
                translatable("The adapter has a tensor this app cannot merge: {tensor} ({type})."),
                tensor=t.name,
                type=t.tensor_type.name,
            )
        halves.setdefault(stem, {})[which] = np.asarray(t.data, dtype=np.float32)
    pairs = {}
    for stem, ab in halves.items():
        a, b = ab.get("a"), ab.get("b")
        if a is None or b is None or a.ndim != 2 or b.ndim != 2 or a.shape[0] != b.shape[1]:
            raise MergeError(
                translatable("The adapter is damaged: {tensor} has no matching lora_a/lora_b pair."), tensor=stem
            )
        pairs[stem] = (a, b)
    if not pairs:
        raise MergeError(translatable("The adapter holds no weights to merge."))
    return pairs


def _plan(t, wanted) -> _Plan:
    import gguf

    shape = tuple(int(n) for n in reversed(t.shape))  # ggml lists the fastest-changing axis first
    if len(shape) == 1:
        out_type = gguf.GGMLQuantizationType.F32
    elif wanted == gguf.GGMLQuantizationType.Q8_0 and shape[-1] % gguf.GGML_QUANT_SIZES[wanted][0]:
        out_type = gguf.GGMLQuantizationType.F16
    else:
        out_type = wanted
    count = int(np.prod(shape))
    if out_type == gguf.GGMLQuantizationType.F32:
        nbytes = 4 * count
    elif out_type == gguf.GGMLQuantizationType.F16:
        nbytes = 2 * count
    else:
        nbytes = int(np.prod(gguf.quant_shape_to_byte_shape(shape, out_type)))
    return _Plan(t.name, shape, out_type, nbytes)


def _stored(p: _Plan, gguf) -> tuple[tuple[int, ...], np.dtype, object]:
    if p.out_type == gguf.GGMLQuantizationType.F32:
        return p.shape, np.dtype(np.float32), None
    if p.out_type == gguf.GGMLQuantizationType.F16:
        return p.shape, np.dtype(np.float16), None
    return tuple(gguf.quant_shape_to_byte_shape(p.shape, p.out_type)), np.dtype(np.uint8), p.out_type


def _dequantized(t, gguf) -> np.ndarray:
    try:
        return np.asarray(gguf.quants.dequantize(t.data, t.tensor_type), dtype=np.float32)
    except NotImplementedError as err:
        raise MergeError(
            translatable("The base model's {type} weights cannot be unpacked here; export the adapter on its own."),
            type=t.tensor_type.name,
        ) from err


def _encoded(weight: np.ndarray, out_type, gguf) -> np.ndarray:
    if out_type == gguf.GGMLQuantizationType.F32:
        return np.ascontiguousarray(weight, dtype=np.float32)
    if out_type == gguf.GGMLQuantizationType.F16:
        return np.ascontiguousarray(weight, dtype=np.float16)
    return gguf.quants.quantize(np.ascontiguousarray(weight, dtype=np.float32), out_type)


def _copy_metadata(reader, writer) -> None:
    """Every key of the base (tokenizer, chat template, hyperparameters) but those the writer or the
    merge sets."""
    for field in reader.fields.values():
        if field.name.startswith(SKIPPED_KEYS):
            continue
        main = field.types[0]
        sub = field.types[-1] if len(field.types) > 1 else None
        writer.add_key_value(field.name, field.contents(), main, sub_type=sub)


def _why(err: OSError) -> str:
    if err.errno in (errno.ENOSPC, errno.EDQUOT):
        return "the disk is full"
    if err.errno is None:  # numpy's tofile reports a short write without an errno
        return "the disk took only part of it"
    return err.strerror or str(err)


def _check_space(out: Path, needed: int) -> None:
    folder = out.parent
    if not folder.is_dir():
        raise MergeError(translatable("The folder {folder} does not exist."), folder=str(folder))
    free = shutil.disk_usage(folder).free
    if free < needed:
        raise MergeError(
            translatable("Not enough disk space in {folder}: the merged model needs {needed}, {free} is free."),
            folder=str(folder),
            needed=format_bytes(needed),
            free=format_bytes(free),
        )
