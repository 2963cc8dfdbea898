"""Read a GGUF model file's metadata without loading the model, and refuse broken or hostile files.

Why this exists: llama.cpp trusts the file it is given. On malformed input it can abort the whole
process (``GGML_ASSERT``), read out of bounds, or try to allocate absurd amounts of memory, and the
user sees only "the engine crashed". So every model file goes through ``read_info`` first: it checks
the whole GGUF container (header, every key/value, every tensor description, where the tensor data
lies) and raises ``ModelFileError`` with a message in plain words when something is wrong. The
``GGUFInfo`` it returns also feeds the memory check (``models.memory.estimate_memory``) and the model list.

Why not ``gguf.GGUFReader``: it has hung on a crafted file of a few dozen bytes (it loops over any
declared array length before checking it against the file size), and it builds one Python object per
array element (a 49,152-token vocabulary becomes ~100k numpy arrays; 3.5 s for our 98 MB default
model). We use the ``gguf`` package only for its constants (type ids, block sizes, key names).

The container itself (header, key-values, tensor table, each checked against the file's size) is
read by ``gguf_reader``; this module turns its raw values into ``GGUFInfo`` and ``AdapterInfo``.
"""

from __future__ import annotations

import logging
import os
import struct
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import gguf

from assistant.errors import ModelFileError, translatable
from assistant.models.gguf_reader import (
    INTEGER_TYPES,
    MAX_CHAT_TEMPLATE_BYTES,
    MAX_PER_LAYER_ARRAY,
    SCALAR_CODES,
    VT,
    Array,
    Cursor,
    LongText,
    Tensors,
    parse_layout,
    read_file,
    shown,
)

logger = logging.getLogger(__name__)

__all__ = ["MAX_CHAT_TEMPLATE_BYTES", "AdapterInfo", "GGUFInfo", "read_adapter_info", "read_info"]


@dataclass(frozen=True)
class GGUFInfo:
    """What a GGUF file says about itself. Everything here was checked by `read_info`."""

    path: Path
    file_size: int
    version: int
    architecture: str
    name: str
    parameters: int
    quantization: str
    file_type: int | None
    context_length: int | None
    block_count: int | None
    embedding_length: int | None
    head_count: int | None
    head_count_kv: int | None
    key_length: int | None
    value_length: int | None
    sliding_window: int | None
    chat_template: str | None
    tool_use_template: str | None
    """A second template for requests with tools (Hermes 2 Pro/3, Command R): llama.cpp's
    ``tokenizer.chat_template.tool_use``, from the repository's named "tool_use" template."""
    bos_token_id: int | None
    eos_token_id: int | None
    vocab_size: int | None
    license: str | None
    tensor_count: int
    kv_count: int
    tensor_data_bytes: int
    # Weights of the largest repeating block ("blk.N.*" tensors): what offloading one layer moves.
    largest_block_bytes: int
    alignment: int
    data_offset: int
    # Scalars and short strings as stored; arrays and long strings as summaries ("<array of 3 i32>").
    metadata: dict[str, object] = field(default_factory=dict, repr=False, compare=False)


# --- Public API ------------------------------------------------------------------------------------


def read_info(path: str | os.PathLike[str]) -> GGUFInfo:
    """Check a GGUF file and return its metadata. Raises `ModelFileError` saying what is wrong."""
    path = Path(path)
    empty = translatable("{name} is empty (0 bytes); it is not a model file.")
    return read_file(path, empty, lambda cur: _parse(cur, path))


# --- Parsing ---------------------------------------------------------------------------------------


def _parse(cur: Cursor, path: Path) -> GGUFInfo:
    version, tensor_count, kv_count, values, tensors, alignment, data_offset = parse_layout(cur, path)
    return _build_info(cur, path, version, tensor_count, kv_count, values, tensors, alignment, data_offset)


@dataclass(frozen=True)
class AdapterInfo:
    """What a LoRA adapter GGUF says about itself (checked by ``read_adapter_info``)."""

    path: Path
    architecture: str
    alpha: float
    tensor_count: int
    name: str
    base_model: str | None


def read_adapter_info(path: str | os.PathLike[str]) -> AdapterInfo:
    """Check a LoRA adapter GGUF with the same bounded reader as models, before llama.cpp sees it.
    Raises ``ModelFileError`` saying what is wrong (not an adapter, damaged, hostile)."""
    path = Path(path)
    cur, (_version, tensor_count, _kv, values, *_rest) = read_file(
        path,
        translatable("{name} is empty (0 bytes); it is not an adapter."),
        lambda cur: (cur, parse_layout(cur, path)),
    )
    fields = _KeyValues(cur, values)
    if fields.text("general.type") != "adapter" or fields.text("adapter.type") != "lora":
        raise ModelFileError(
            translatable("{name} is not a LoRA adapter (a model file, or another kind of GGUF)."), name=path.name
        )
    alpha = values.get("adapter.lora.alpha")
    if isinstance(alpha, bool) or not isinstance(alpha, (int, float)) or not 0 < alpha < 1e6:
        raise ModelFileError(
            translatable("{name} is damaged: its adapter.lora.alpha is missing or not a number."), name=path.name
        )
    if not tensor_count:
        raise ModelFileError(translatable("{name} holds no weights."), name=path.name)
    base = fields.text("assistant.base_model")
    return AdapterInfo(
        path,
        fields.text("general.architecture") or "?",
        float(alpha),
        tensor_count,
        fields.text("general.name") or path.stem,
        base,
    )


# --- From raw values to GGUFInfo -------------------------------------------------------------------


def _build_info(
    cur: Cursor,
    path: Path,
    version: int,
    tensor_count: int,
    kv_count: int,
    values: dict[str, object],
    tensors: Tensors,
    alignment: int,
    data_offset: int,
) -> GGUFInfo:
    fields = _KeyValues(cur, values)
    if isinstance(values.get(gguf.Keys.General.ARCHITECTURE), LongText):
        raise ModelFileError(
            translatable("{name} is damaged: its general.architecture is absurdly long."), name=path.name
        )
    architecture = fields.text(gguf.Keys.General.ARCHITECTURE)
    if not architecture:
        raise ModelFileError(
            translatable(
                "{name} does not say which model architecture it is (general.architecture is missing), "
                "so it cannot be loaded."
            ),
            name=path.name,
        )
    vocab_size = _check_tokenizer_arrays(cur, values)
    if vocab_size is None:
        vocab_size = fields.size(gguf.Keys.LLM.VOCAB_SIZE.format(arch=architecture))

    def arch_size(key_template: str, *, allow_per_layer: bool = False) -> int | None:
        return fields.size(key_template.format(arch=architecture), allow_per_layer=allow_per_layer)

    embedding_length = arch_size(gguf.Keys.LLM.EMBEDDING_LENGTH)
    head_count = arch_size(gguf.Keys.Attention.HEAD_COUNT, allow_per_layer=True)
    head_count_kv = arch_size(gguf.Keys.Attention.HEAD_COUNT_KV, allow_per_layer=True)
    if head_count_kv is None:
        head_count_kv = head_count  # llama.cpp's default: no grouped-query attention
    head_dim = embedding_length // head_count if embedding_length and head_count else None
    key_length = arch_size(gguf.Keys.Attention.KEY_LENGTH) or head_dim
    value_length = arch_size(gguf.Keys.Attention.VALUE_LENGTH) or head_dim

    name = fields.text(gguf.Keys.General.NAME)
    file_type = fields.size(gguf.Keys.General.FILE_TYPE)
    info = GGUFInfo(
        path=path,
        file_size=cur.size,
        version=version,
        architecture=architecture,
        name=name if name and len(name) <= 256 else path.stem,
        parameters=tensors.parameters,
        quantization=_quantization_label(file_type, tensors.bytes_by_type),
        file_type=file_type,
        context_length=arch_size(gguf.Keys.LLM.CONTEXT_LENGTH),
        block_count=arch_size(gguf.Keys.LLM.BLOCK_COUNT),
        embedding_length=embedding_length,
        head_count=head_count,
        head_count_kv=head_count_kv,
        key_length=key_length,
        value_length=value_length,
        sliding_window=arch_size(gguf.Keys.Attention.SLIDING_WINDOW),
        chat_template=fields.text(gguf.Keys.Tokenizer.CHAT_TEMPLATE),
        tool_use_template=fields.text(gguf.Keys.Tokenizer.CHAT_TEMPLATE + ".tool_use"),
        bos_token_id=fields.integer(gguf.Keys.Tokenizer.BOS_ID),
        eos_token_id=fields.integer(gguf.Keys.Tokenizer.EOS_ID),
        vocab_size=vocab_size,
        license=fields.text(gguf.Keys.General.LICENSE),
        tensor_count=tensor_count,
        kv_count=kv_count,
        tensor_data_bytes=tensors.tensor_bytes,
        largest_block_bytes=max(tensors.bytes_by_block.values(), default=0),
        alignment=alignment,
        data_offset=data_offset,
        metadata={key: shown(value) for key, value in values.items()},
    )
    logger.debug(
        "%s: %s %s, %s parameters, %s tensors",
        path.name, info.architecture, info.quantization, f"{info.parameters:,}", info.tensor_count,
    )  # fmt: skip
    return info


class _KeyValues:
    """Typed access to the raw key values. A known key with the wrong type is damage, not a default."""

    def __init__(self, cur: Cursor, values: dict[str, object]) -> None:
        self.cur = cur
        self.values = values

    def _wrong(self, key: str, template: str, **fields: object) -> ModelFileError:
        """``template``: a whole sentence, "{name} is damaged: {key} should be … but is {actual}."."""
        value = self.values[key]
        actual = value.summary() if isinstance(value, Array) else _TYPE_WORDS.get(type(value), "something else")
        return ModelFileError(template, name=self.cur.file_name, key=key, actual=actual, **fields)

    def text(self, key: str) -> str | None:
        """A text value; None when absent or too long to have been kept."""
        value = self.values.get(key)
        if value is None or isinstance(value, LongText):
            return None
        if isinstance(value, str):
            return value
        raise self._wrong(key, translatable("{name} is damaged: {key} should be text but is {actual}."))

    def integer(self, key: str) -> int | None:
        value = self.values.get(key)
        if value is None or (isinstance(value, int) and not isinstance(value, bool)):
            return value
        raise self._wrong(key, translatable("{name} is damaged: {key} should be a whole number but is {actual}."))

    def size(self, key: str, *, allow_per_layer: bool = False) -> int | None:
        """A count or length: a non-negative integer, or (per-layer keys) the largest of a small array."""
        value = self.values.get(key)
        if isinstance(value, Array) and allow_per_layer:
            value = self._largest_in_array(key, value)
        else:
            value = self.integer(key)
        if value is not None and value < 0:
            raise ModelFileError(
                translatable("{name} is damaged: {key} is {value:,}, which is not a valid size."),
                name=self.cur.file_name,
                key=key,
                value=value,
            )
        return value

    def _largest_in_array(self, key: str, array: Array) -> int | None:
        # Some models give per-layer values (e.g. head_count_kv); memory planning needs the largest.
        if array.element_type not in INTEGER_TYPES or array.count > MAX_PER_LAYER_ARRAY:
            raise self._wrong(
                key,
                translatable(
                    "{name} is damaged: {key} should be a whole number or an array of at most {limit} whole numbers "
                    "but is {actual}."
                ),
                limit=MAX_PER_LAYER_ARRAY,
            )
        if array.count == 0:
            return None
        numbers = struct.Struct(f"<{array.count}{SCALAR_CODES[array.element_type]}")
        raw = self.cur.read_at(array.offset, numbers.size, f"the array in key {key!r}")
        return max(numbers.unpack(raw))


def _check_tokenizer_arrays(cur: Cursor, values: dict[str, object]) -> int | None:
    """Check the vocabulary arrays and return the vocabulary size (None without a vocabulary).

    Older llama.cpp builds read the scores and token types as raw float/int arrays of the vocabulary's
    length without checking their type or length: a short or mistyped array means reads out of bounds.
    """
    keys = gguf.Keys.Tokenizer
    tokens = values.get(keys.LIST)
    if tokens is None:
        return None
    name = cur.file_name
    if not isinstance(tokens, Array) or tokens.element_type != VT.STRING:
        raise ModelFileError(
            translatable("{name} is damaged: {key} should be an array of text."), name=name, key=keys.LIST
        )
    checks: list[tuple[str, Callable[[int], bool], str]] = [
        (
            keys.SCORES,
            lambda t: t in (VT.FLOAT32, VT.INT32, VT.UINT32),
            translatable("{name} is damaged: {key} should be an array of 4-byte numbers."),
        ),
        (keys.TOKEN_TYPE, lambda t: t == VT.INT32, translatable("{name} is damaged: {key} should be an array of i32.")),
    ]
    for key, type_ok, wrong_type in checks:
        array = values.get(key)
        if array is None:
            continue
        if not isinstance(array, Array) or not type_ok(array.element_type):
            raise ModelFileError(wrong_type, name=name, key=key)
        if array.count < tokens.count:
            raise ModelFileError(
                translatable(
                    "{name} is damaged: {key} has {count:,} entries but the vocabulary has {tokens:,} tokens."
                ),
                name=name,
                key=key,
                count=array.count,
                tokens=tokens.count,
            )
    merges = values.get(keys.MERGES)
    if merges is not None and not (isinstance(merges, Array) and merges.element_type == VT.STRING):
        raise ModelFileError(
            translatable("{name} is damaged: {key} should be an array of text."), name=name, key=keys.MERGES
        )
    return tokens.count


def _quantization_label(file_type: int | None, bytes_by_type: dict[int, int]) -> str:
    """A short label like "Q4_K_M": from general.file_type, else the tensor type holding the most bytes."""
    if file_type is not None:
        try:
            name = gguf.LlamaFileType(file_type).name
        except ValueError:
            name = ""  # a file type newer than our gguf package: fall back to the tensors
        if name and name != gguf.LlamaFileType.GUESSED.name:
            return name.removeprefix("MOSTLY_").removeprefix("ALL_")
    if not bytes_by_type:
        return "unknown"
    largest = max(bytes_by_type, key=lambda type_id: bytes_by_type[type_id])
    return gguf.GGMLQuantizationType(largest).name


_TYPE_WORDS: dict[type, str] = {
    bool: "a true/false value", int: "a whole number", float: "a number", str: "text", LongText: "text",
}  # fmt: skip
