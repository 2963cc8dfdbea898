"""The GGUF container, read safely: header, key-values and tensor table, every count checked first.

How the parser stays safe on hostile input:

* Every count read from the file is checked *before* anything loops on it or allocates for it,
  against an absolute cap and against what the rest of the file could possibly hold (each entry has a
  known minimum encoded size). So a file of N bytes costs O(N) time whatever it declares, and the
  caps on keys, tensors and array strings bound it whatever the file size (a few seconds at worst).
* Arrays of numbers are skipped by arithmetic, never iterated. Arrays of strings are walked through
  their length prefixes only; no Python string is made per element.
* The file is read front to back through a small window (``_Cursor``) rather than mmap, so memory
  stays small and a file that shrinks while we read it gives an error instead of a SIGBUS crash.
* Arrays of arrays are refused, as llama.cpp refuses them.
* Only short values are kept: long strings and all arrays become summaries like
  ``<array of 49152 str>`` in ``GGUFInfo.metadata``.

Format reference: the ``gguf`` package (``gguf_reader.py``, ``gguf_writer.py``, ``constants.py``) and
llama.cpp's ``ggml/src/gguf.cpp``, whose checks this module mirrors (and in places tightens).
Layout, all little-endian:

    magic "GGUF" | u32 version | u64 tensor_count | u64 kv_count
    kv_count x   (string key | u32 value_type | value)
    tensor_count x (string name | u32 n_dims | n_dims x u64 dim | u32 ggml_type | u64 offset)
    padding to the alignment | tensor data (offsets are relative to its start)

where a string is ``u64 length | bytes`` and an array value is ``u32 element_type | u64 count | elements``.
"""

from __future__ import annotations

import os
import stat
import struct
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import BinaryIO, TypeVar

import gguf

from assistant.errors import ModelFileError, translatable

T = TypeVar("T")


# --- Caps. Real models sit far below each one; a file above one is damaged or hostile. -------------

# Real models have at most a few thousand tensors (MoE experts are stored merged in 3-D tensors).
# The cap bounds time (~5 us per tensor description) and memory (each name is kept to find duplicates).
MAX_TENSORS = 262_144
# Real models have 20-100 keys (per-layer values are arrays, not keys). Each key is kept in a dict.
MAX_KEYS = 65_536
# Real keys are under 100 bytes ("tokenizer.chat_template.tool_use"). Bounds memory for the key dict.
MAX_KEY_BYTES = 1024
# llama.cpp refuses tensor names of GGML_MAX_NAME (64) bytes or more (they must fit with a NUL).
MAX_TENSOR_NAME_BYTES = 63
# No single metadata string may exceed this (the file size bounds them too).
MAX_STRING_BYTES = 256 * 1024 * 1024
# Strings in all arrays together. Real vocabularies plus merges stay under 1.5 million. Walking one
# string costs ~0.2 us, so with this cap (and MAX_KEYS, MAX_TENSORS) parsing takes bounded time
# however large the file; numbers and long strings are skipped in constant time.
MAX_ARRAY_STRINGS = 16 * 1024 * 1024
# ggml tensors have at most 4 dimensions (GGML_MAX_DIMS).
MAX_DIMS = 4
# llama.cpp stores element counts in int64.
MAX_ELEMENTS = 2**63 - 1
# Real files use 32 (the default) or a page size; anything above 1 MiB is nonsense padding.
MAX_ALIGNMENT = 1024 * 1024
# Strings up to this size are kept in `metadata`; longer ones become a summary...
METADATA_STRING_MAX = 64 * 1024
# ...and so does every string once this much text is kept, so `GGUFInfo` stays small.
METADATA_TEXT_BUDGET = 4 * 1024 * 1024
# Real chat templates are 1-50 KB. A larger one is not a template anyone wrote; refuse the file.
MAX_CHAT_TEMPLATE_BYTES = 1024 * 1024
# Per-layer arrays (e.g. head_count_kv) have one entry per layer; llama.cpp allows 512 layers.
MAX_PER_LAYER_ARRAY = 4096

_SUPPORTED_VERSIONS = (2, 3)  # v1 used 32-bit counts and was dropped by llama.cpp; v3 only added big-endian.
_READ_WINDOW = 1024 * 1024

VT = gguf.GGUFValueType
# struct code of each fixed-size value type (always read little-endian).
SCALAR_CODES: dict[int, str] = {
    VT.UINT8: "B", VT.INT8: "b", VT.UINT16: "H", VT.INT16: "h",
    VT.UINT32: "I", VT.INT32: "i", VT.FLOAT32: "f", VT.BOOL: "B",
    VT.UINT64: "Q", VT.INT64: "q", VT.FLOAT64: "d",
}  # fmt: skip
_SCALAR_STRUCTS = {vtype: struct.Struct("<" + code) for vtype, code in SCALAR_CODES.items()}
INTEGER_TYPES = frozenset({VT.UINT8, VT.INT8, VT.UINT16, VT.INT16, VT.UINT32, VT.INT32, VT.UINT64, VT.INT64})
# Short names used in messages and array summaries.
_TYPE_NAMES: dict[int, str] = {
    VT.UINT8: "u8", VT.INT8: "i8", VT.UINT16: "u16", VT.INT16: "i16", VT.UINT32: "u32",
    VT.INT32: "i32", VT.FLOAT32: "f32", VT.BOOL: "bool", VT.STRING: "str", VT.ARRAY: "array",
    VT.UINT64: "u64", VT.INT64: "i64", VT.FLOAT64: "f64",
}  # fmt: skip

_U32 = struct.Struct("<I")
_U64 = struct.Struct("<Q")
# What follows a tensor's n_dims, read in one go: its dimensions, ggml type and data offset.
_TENSOR_TAILS = [struct.Struct(f"<{n}QIQ") for n in range(MAX_DIMS + 1)]
# (block size, bytes per block) by ggml type id; a plain dict because the enum is slow to call per tensor.
_TENSOR_TYPE_SIZES: dict[int, tuple[int, int]] = {int(t): sizes for t, sizes in gguf.GGML_QUANT_SIZES.items()}

# Smallest possible encodings, used to reject counts the rest of the file cannot hold.
_MIN_KV_BYTES = 8 + 4 + 1  # key length (empty key) + value type + a 1-byte value
_MIN_TENSOR_INFO_BYTES = 8 + 4 + 4 + 8  # name length (empty name) + n_dims (0) + type + offset
_MIN_STRING_BYTES = 8  # the length prefix of an empty string


@dataclass(frozen=True)
class Array:
    """An array value, remembered by position instead of content (see module docstring)."""

    element_type: int
    count: int
    offset: int  # where the first element starts in the file

    def summary(self) -> str:
        return f"<array of {self.count} {_TYPE_NAMES[self.element_type]}>"


@dataclass(frozen=True)
class LongText:
    """A text value too long to keep (see METADATA_STRING_MAX); only its length is remembered."""

    length: int

    def summary(self) -> str:
        return f"<text of {self.length:,} bytes>"


@dataclass
class _TextBudget:
    """What the rest of the file may still use, shared by all its keys."""

    text_left: int = METADATA_TEXT_BUDGET  # metadata text we may still keep
    strings_left: int = MAX_ARRAY_STRINGS  # array strings we may still walk


def read_file(path: Path, empty: str, parse: Callable[[Cursor], T]) -> T:
    """Open ``path`` as a plain file and run ``parse`` over a bounded cursor on it; an empty file or a
    read error becomes a ``ModelFileError`` naming the file (``empty``: the ``translatable`` message for
    an empty file, with ``{name}`` for the file's name)."""
    with _open_regular_file(path) as file:
        size = os.fstat(file.fileno()).st_size
        if size == 0:
            raise ModelFileError(empty, name=path.name)
        try:
            return parse(Cursor(file, size, path.name))
        except OSError as err:
            raise ModelFileError(
                translatable("{name} could not be read: {reason}."), name=path.name, reason=str(err.strerror or err)
            ) from err


# --- Reading the file ------------------------------------------------------------------------------


def _open_regular_file(path: Path) -> BinaryIO:
    """Open `path` for reading, refusing anything that is not a plain file with a clear message."""
    try:
        # O_NONBLOCK: opening a FIFO must not block forever; it has no effect on regular files.
        flags = os.O_RDONLY | getattr(os, "O_BINARY", 0) | getattr(os, "O_NONBLOCK", 0)
        fd = os.open(path, flags)
    except FileNotFoundError:
        raise ModelFileError(
            translatable("The model file {name} does not exist (looked for {path})."), name=path.name, path=str(path)
        ) from None
    except IsADirectoryError:
        raise _a_folder(path) from None
    except PermissionError:
        raise ModelFileError(
            translatable("{name} cannot be read: permission denied ({path})."), name=path.name, path=str(path)
        ) from None
    except (OSError, ValueError) as err:  # ValueError: a NUL byte in the path
        reason = getattr(err, "strerror", None) or err
        raise ModelFileError(
            translatable("{name} cannot be opened: {reason} ({path})."),
            name=path.name,
            reason=str(reason),
            path=str(path),
        ) from None
    mode = os.fstat(fd).st_mode
    if not stat.S_ISREG(mode):
        os.close(fd)
        if stat.S_ISDIR(mode):
            raise _a_folder(path)
        raise ModelFileError(
            translatable("{name} is not a regular file, not a model file ({path})."), name=path.name, path=str(path)
        )
    return os.fdopen(fd, "rb")


def _a_folder(path: Path) -> ModelFileError:
    return ModelFileError(
        translatable("{name} is a folder, not a model file ({path})."), name=path.name, path=str(path)
    )


class Cursor:
    """Reads little-endian values front to back through a small window, never past the end of the file.

    `size` is the size when the file was opened; reads are checked against it, and a short read (the
    file shrank meanwhile) is reported as damage too.
    """

    def __init__(self, file: BinaryIO, size: int, file_name: str) -> None:
        self.file = file
        self.size = size
        self.file_name = file_name
        self.pos = 0
        self._buf = b""
        self._buf_start = 0

    def remaining(self) -> int:
        return self.size - self.pos

    def truncated(self, what: str) -> ModelFileError:
        return ModelFileError(
            translatable(
                "{name} is damaged: it ends at byte {size:,} but its header needs more "
                "(while reading {what} at byte {where:,}). The file is probably incomplete; download it again."
            ),
            name=self.file_name,
            size=self.size,
            what=what,
            where=self.pos,
        )

    def damaged(self, template: str, at: int | None = None, **fields: object) -> ModelFileError:
        """``template`` is a whole ``translatable`` sentence: "{name} is damaged: … (at byte {where:,})."
        (``name`` and ``where`` are filled in here, the rest from ``fields``)."""
        where = self.pos if at is None else at
        return ModelFileError(template, name=self.file_name, where=where, **fields)

    def _window(self, n: int, what: str) -> tuple[bytes, int]:
        """Bytes [pos, pos + n) as (buffer, index of pos in it), reading from the file if needed."""
        if n > self.size - self.pos:
            raise self.truncated(what)
        rel = self.pos - self._buf_start
        if rel < 0 or rel + n > len(self._buf):
            self.file.seek(self.pos)
            self._buf = self.file.read(max(n, _READ_WINDOW))
            self._buf_start = self.pos
            rel = 0
            if len(self._buf) < n:
                raise self.truncated(what)
        return self._buf, rel

    def unpack(self, st: struct.Struct, what: str) -> tuple:
        buf, rel = self._window(st.size, what)
        self.pos += st.size
        return st.unpack_from(buf, rel)

    def u32(self, what: str) -> int:
        return self.unpack(_U32, what)[0]

    def u64(self, what: str) -> int:
        return self.unpack(_U64, what)[0]

    def read(self, n: int, what: str) -> bytes:
        buf, rel = self._window(n, what)
        self.pos += n
        return buf[rel : rel + n]

    def skip(self, n: int, what: str) -> None:
        if n > self.size - self.pos:
            raise self.truncated(what)
        self.pos += n

    def read_at(self, offset: int, n: int, what: str) -> bytes:
        """Read bytes already walked over (used after parsing for the few arrays we need)."""
        self.file.seek(offset)
        data = self.file.read(n)
        if len(data) < n:
            raise ModelFileError(
                translatable("{name} is damaged: it ends before {what} (at byte {where:,})."),
                name=self.file_name,
                what=what,
                where=offset,
            )
        return data

    def skip_strings(self, count: int, what: str) -> None:
        """Walk `count` length-prefixed strings without making Python strings of them.

        This is the hot loop for vocabularies (~100k strings); it works on the window directly.
        """
        left = count
        while left:
            buf, rel = self._window(_MIN_STRING_BYTES, what)
            start, end = self._buf_start, len(buf) - _MIN_STRING_BYTES
            unpack = _U64.unpack_from
            while left and rel <= end:
                rel += _MIN_STRING_BYTES + unpack(buf, rel)[0]
                left -= 1
            self.pos = start + rel
            if self.pos > self.size:  # a length prefix pointed past the end of the file
                raise self.truncated(what)


# --- Parsing ---------------------------------------------------------------------------------------


def parse_layout(cur: Cursor, path: Path) -> tuple[int, int, int, dict[str, object], Tensors, int, int]:
    """Header, key-values and tensor table, each checked against the file's size."""
    tensor_count, kv_count, version = _read_header(cur)
    values = _read_key_values(cur, kv_count)
    alignment = _alignment(cur, values)
    tensors = _read_tensor_infos(cur, tensor_count, alignment)
    data_offset = _align_up(cur.pos, alignment)
    if tensor_count and data_offset + tensors.data_size > cur.size:
        raise ModelFileError(
            translatable(
                "{name} is damaged: its tensor data runs past the end of the file (it needs "
                "{needed:,} bytes, the file has {size:,}). The file is probably "
                "incomplete; download it again."
            ),
            name=path.name,
            needed=data_offset + tensors.data_size,
            size=cur.size,
        )
    return version, tensor_count, kv_count, values, tensors, alignment, data_offset


def _read_header(cur: Cursor) -> tuple[int, int, int]:
    name = cur.file_name
    start = cur.read(min(4, cur.size), "the file type marker")
    if start != b"GGUF":
        if b"GGUF".startswith(start):
            raise ModelFileError(
                translatable("{name} is damaged: it is only {size} bytes long, too short for a GGUF model."),
                name=name,
                size=cur.size,
            )
        raise ModelFileError(
            translatable("{name} is not a GGUF model file (it starts with {start}, not 'GGUF')."),
            name=name,
            start=repr(start.decode("latin-1")),
        )
    version = cur.u32("the format version")
    if version not in _SUPPORTED_VERSIONS:
        swapped = int.from_bytes(version.to_bytes(4, "little"), "big")
        if version & 0xFFFF == 0 and swapped in (1, 2, 3):
            # llama.cpp's own test: a big-endian v3 file reads as 0x03000000 on a little-endian machine.
            raise ModelFileError(
                translatable("{name} is a big-endian GGUF file; only little-endian files are supported."), name=name
            )
        if version == 1:
            raise ModelFileError(
                translatable("{name} uses GGUF version 1, which is too old; download a newer GGUF of this model."),
                name=name,
            )
        raise ModelFileError(
            translatable("{name} uses GGUF version {version:,}, which is not supported (only versions 2 and 3)."),
            name=name,
            version=version,
        )
    tensor_count = cur.u64("the number of tensors")
    kv_count = cur.u64("the number of keys")
    if tensor_count > MAX_TENSORS:
        raise ModelFileError(
            translatable("{name} declares {count:,} tensors, which no real model has."), name=name, count=tensor_count
        )
    if kv_count > MAX_KEYS:
        raise ModelFileError(
            translatable("{name} declares {count:,} metadata keys, which no real model has."), name=name, count=kv_count
        )
    needed = tensor_count * _MIN_TENSOR_INFO_BYTES + kv_count * _MIN_KV_BYTES
    if needed > cur.remaining():
        raise ModelFileError(
            translatable(
                "{name} is damaged: it declares {tensors:,} tensors and {keys:,} keys, which need at "
                "least {needed:,} bytes, but only {left:,} bytes follow the header."
            ),
            name=name,
            tensors=tensor_count,
            keys=kv_count,
            needed=needed,
            left=cur.remaining(),
        )
    return tensor_count, kv_count, version


def _read_string(cur: Cursor, what: str, limit: int) -> bytes:
    at = cur.pos
    length = cur.u64(f"the length of {what}")
    if length > limit:
        raise cur.damaged(
            translatable(
                "{name} is damaged: {what} claims to be {length:,} bytes long (the limit is {limit:,}) "
                "(at byte {where:,})."
            ),
            at,
            what=what,
            length=length,
            limit=limit,
        )
    return cur.read(length, what)


def _read_key_values(cur: Cursor, kv_count: int) -> dict[str, object]:
    values: dict[str, object] = {}
    budget = _TextBudget()
    for index in range(kv_count):
        at = cur.pos
        raw_key = _read_string(cur, f"the name of key #{index + 1}", MAX_KEY_BYTES)
        try:
            key = raw_key.decode("utf-8")
        except UnicodeDecodeError:
            raise cur.damaged(
                translatable(
                    "{name} is damaged: the name of key #{number} is not valid UTF-8 text ({raw}) (at byte {where:,})."
                ),
                at,
                number=index + 1,
                raw=repr(raw_key[:40]),
            ) from None
        if key in values:
            raise cur.damaged(
                translatable("{name} is damaged: the key {key} appears twice (at byte {where:,})."), at, key=repr(key)
            )
        type_at = cur.pos
        value_type = cur.u32(f"the type of key {key!r}")
        if key == gguf.Keys.General.ALIGNMENT and value_type != VT.UINT32:
            # llama.cpp asserts (aborts the process) if this key is not a u32.
            raise cur.damaged(
                translatable("{name} is damaged: {key} must be a u32 but has type {type} (at byte {where:,})."),
                type_at,
                key=key,
                type=type_name(value_type),
            )
        values[key] = _read_value(cur, key, value_type, type_at, budget)
    return values


def _read_value(cur: Cursor, key: str, value_type: int, type_at: int, budget: _TextBudget) -> object:
    scalar = _SCALAR_STRUCTS.get(value_type)
    if scalar is not None:
        value_at = cur.pos
        (value,) = cur.unpack(scalar, f"the value of key {key!r}")
        if value_type == VT.BOOL:
            if value > 1:
                raise cur.damaged(
                    translatable(
                        "{name} is damaged: key {key} is a true/false value but holds {value} (at byte {where:,})."
                    ),
                    value_at,
                    key=repr(key),
                    value=value,
                )
            return bool(value)
        return value
    if value_type == VT.STRING:
        return _read_text_value(cur, key, budget)
    if value_type == VT.ARRAY:
        return _read_array(cur, key, budget)
    raise cur.damaged(
        translatable("{name} is damaged: key {key} has an unknown value type {type:,} (at byte {where:,})."),
        type_at,
        key=repr(key),
        type=value_type,
    )


def _read_text_value(cur: Cursor, key: str, budget: _TextBudget) -> str | LongText:
    at = cur.pos
    length = cur.u64(f"the length of key {key!r}")
    if length > MAX_STRING_BYTES:
        raise cur.damaged(
            translatable(
                "{name} is damaged: key {key} claims a text of {length:,} bytes (the limit is {limit:,}) "
                "(at byte {where:,})."
            ),
            at,
            key=repr(key),
            length=length,
            limit=MAX_STRING_BYTES,
        )
    if key == gguf.Keys.Tokenizer.CHAT_TEMPLATE:
        if length > MAX_CHAT_TEMPLATE_BYTES:
            raise ModelFileError(
                translatable(
                    "{name} has a chat template of {length:,} bytes, far larger than any real one "
                    "(the limit is {limit:,}); the file is not usable."
                ),
                name=cur.file_name,
                length=length,
                limit=MAX_CHAT_TEMPLATE_BYTES,
            )
        # Kept whole and outside the budget: the app needs the exact template.
        return cur.read(length, f"key {key!r}").decode("utf-8", errors="replace")
    if length > METADATA_STRING_MAX or length > budget.text_left:
        cur.skip(length, f"key {key!r}")
        return LongText(length)
    budget.text_left -= length
    return cur.read(length, f"key {key!r}").decode("utf-8", errors="replace")


def _read_array(cur: Cursor, key: str, budget: _TextBudget) -> Array:
    what = f"the array in key {key!r}"
    type_at = cur.pos
    element_type = cur.u32(f"the element type of {what}")
    count = cur.u64(f"the length of {what}")
    offset = cur.pos
    if element_type == VT.ARRAY:
        # llama.cpp's gguf.cpp refuses nested arrays, so such a model could not be used anyway. Refusing
        # them here also removes the only recursive (and slowest) path through the format.
        raise cur.damaged(
            translatable(
                "{name} is damaged: key {key} holds an array of arrays, which llama.cpp cannot read "
                "(at byte {where:,})."
            ),
            type_at,
            key=repr(key),
        )
    scalar = _SCALAR_STRUCTS.get(element_type)
    if scalar is None and element_type != VT.STRING:
        raise cur.damaged(
            translatable("{name} is damaged: {what} has an unknown element type {type:,} (at byte {where:,})."),
            type_at,
            what=what,
            type=element_type,
        )
    if scalar is None:
        if count > budget.strings_left:
            raise cur.damaged(
                translatable(
                    "{name} is damaged: {what} brings its arrays to more than {limit:,} strings, which no real "
                    "model has (at byte {where:,})."
                ),
                type_at,
                what=what,
                limit=MAX_ARRAY_STRINGS,
            )
        budget.strings_left -= count
    element_min = scalar.size if scalar is not None else _MIN_STRING_BYTES
    if count * element_min > cur.remaining():
        raise cur.damaged(
            translatable(
                "{name} is damaged: {what} declares {count:,} elements, more than the remaining {left:,} bytes "
                "could hold (at byte {where:,})."
            ),
            type_at,
            what=what,
            count=count,
            left=cur.remaining(),
        )
    if scalar is not None:
        cur.skip(count * scalar.size, what)
    else:
        cur.skip_strings(count, what)
    return Array(element_type, count, offset)


def _alignment(cur: Cursor, values: dict[str, object]) -> int:
    alignment = values.get(gguf.Keys.General.ALIGNMENT, gguf.GGUF_DEFAULT_ALIGNMENT)
    assert isinstance(alignment, int)  # its type was checked while reading the key
    if alignment == 0 or alignment & (alignment - 1) or alignment > MAX_ALIGNMENT:
        raise ModelFileError(
            translatable(
                "{name} is damaged: its data alignment is {alignment:,}, but it must be a power of two "
                "no larger than {limit:,}."
            ),
            name=cur.file_name,
            alignment=alignment,
            limit=MAX_ALIGNMENT,
        )
    return alignment


@dataclass
class Tensors:
    """Totals gathered from the tensor descriptions; the descriptions themselves are not kept."""

    parameters: int = 0
    data_size: int = 0  # end of the last tensor, relative to the start of the data section
    tensor_bytes: int = 0
    bytes_by_type: dict[int, int] = field(default_factory=dict)
    bytes_by_block: dict[int, int] = field(default_factory=dict)


def _read_tensor_infos(cur: Cursor, tensor_count: int, alignment: int) -> Tensors:
    # This loop can run up to MAX_TENSORS times on a hostile file, so it makes few calls per tensor
    # and builds message text only when it raises.
    totals = Tensors()
    seen_names: set[bytes] = set()
    expected_offset = 0  # llama.cpp requires tensors stored back to back, in order, each padded to the alignment
    for _ in range(tensor_count):
        at = cur.pos
        raw_name = _read_string(cur, "a tensor name", MAX_TENSOR_NAME_BYTES)
        if raw_name in seen_names:
            raise cur.damaged(
                translatable("{name} is damaged: two tensors are named {tensor} (at byte {where:,})."),
                at,
                tensor=_shown_name(raw_name),
            )
        seen_names.add(raw_name)

        dims_at = cur.pos
        n_dims = cur.u32("a tensor's number of dimensions")
        if n_dims > MAX_DIMS:
            raise cur.damaged(
                translatable(
                    "{name} is damaged: tensor {tensor} has {dims:,} dimensions (at most {limit} are possible) "
                    "(at byte {where:,})."
                ),
                dims_at,
                tensor=_shown_name(raw_name),
                dims=n_dims,
                limit=MAX_DIMS,
            )
        *dims, type_id, offset = cur.unpack(_TENSOR_TAILS[n_dims], "a tensor's shape, type and offset")
        type_at = dims_at + 4 + 8 * n_dims

        n_elements = 1
        for dim in dims:
            n_elements *= dim  # Python ints do not overflow; the checks below catch absurd products
        if n_elements == 0:
            raise cur.damaged(
                translatable(
                    "{name} is damaged: tensor {tensor} has a dimension of size 0 (shape {shape}) (at byte {where:,})."
                ),
                dims_at,
                tensor=_shown_name(raw_name),
                shape=str(dims),
            )
        if n_elements > MAX_ELEMENTS:
            raise cur.damaged(
                translatable(
                    "{name} is damaged: tensor {tensor} has shape {shape}, whose element count overflows "
                    "(at byte {where:,})."
                ),
                dims_at,
                tensor=_shown_name(raw_name),
                shape=str(dims),
            )

        sizes = _TENSOR_TYPE_SIZES.get(type_id)
        if sizes is None:
            raise cur.damaged(
                translatable(
                    "{name} is damaged: tensor {tensor} has an unknown data type {type:,} (at byte {where:,})."
                ),
                type_at,
                tensor=_shown_name(raw_name),
                type=type_id,
            )
        block_size, type_size = sizes
        row = dims[0] if dims else 1
        if row % block_size:
            raise cur.damaged(
                translatable(
                    "{name} is damaged: tensor {tensor} has rows of {row:,} values, not a multiple of its type's "
                    "block of {block} (at byte {where:,})."
                ),
                type_at,
                tensor=_shown_name(raw_name),
                row=row,
                block=block_size,
            )
        n_bytes = n_elements // block_size * type_size

        # The data section starts after this description at the earliest, so this is a safe early test.
        if cur.pos + offset + n_bytes > cur.size:
            raise ModelFileError(
                translatable(
                    "{name} is damaged: the data of tensor {tensor} would run past the end of "
                    "the file (it starts {offset:,} bytes into the data section and is {length:,} bytes long; the "
                    "file has {size:,} bytes). The file is probably incomplete; download it again."
                ),
                name=cur.file_name,
                tensor=_shown_name(raw_name),
                offset=offset,
                length=n_bytes,
                size=cur.size,
            )
        if offset != expected_offset:
            raise cur.damaged(
                translatable(
                    "{name} is damaged: tensor {tensor} starts at data offset {offset:,} but should start at "
                    "{expected:,} (tensors must follow each other, aligned, without gaps or overlaps) "
                    "(at byte {where:,})."
                ),
                type_at + 4,
                tensor=_shown_name(raw_name),
                offset=offset,
                expected=expected_offset,
            )
        expected_offset = _align_up(offset + n_bytes, alignment)

        totals.parameters += n_elements
        totals.tensor_bytes += n_bytes
        totals.data_size = offset + n_bytes
        totals.bytes_by_type[type_id] = totals.bytes_by_type.get(type_id, 0) + n_bytes
        block = _block_index(raw_name)
        if block is not None:
            totals.bytes_by_block[block] = totals.bytes_by_block.get(block, 0) + n_bytes
    return totals


def _shown_name(raw_name: bytes) -> str:
    return repr(raw_name.decode("utf-8", errors="replace"))


def _block_index(raw_name: bytes) -> int | None:
    """The layer number of a "blk.<N>.<...>" tensor, else None."""
    if not raw_name.startswith(b"blk."):
        return None
    number = raw_name[4:].split(b".", 1)[0]
    return int(number) if number.isdigit() and len(number) <= 6 else None


def _align_up(n: int, alignment: int) -> int:
    return (n + alignment - 1) // alignment * alignment


def shown(value: object) -> object:
    """How a raw value appears in GGUFInfo.metadata."""
    return value.summary() if isinstance(value, (Array, LongText)) else value


def type_name(value_type: int) -> str:
    return _TYPE_NAMES.get(value_type, f"unknown type {value_type:,}")
