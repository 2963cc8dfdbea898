"""Tests for assistant.models.gguf_info: the real default model, hand-built hostile files, mutants of the
real model's header, and a file written by the gguf package's own writer.

Every hostile file is built by hand with struct.pack from a valid baseline, changing one thing, so each
case says exactly what it breaks. Nothing is mocked: every test reads real bytes from disk.
"""

from __future__ import annotations

import dataclasses
import os
import random
import shutil
import struct
import time
from collections.abc import Callable
from pathlib import Path

import gguf
import numpy as np
import pytest

from assistant.errors import ModelFileError
from assistant.models.gguf_info import (
    MAX_CHAT_TEMPLATE_BYTES,
    GGUFInfo,
    read_info,
)
from assistant.models.memory import estimate_memory
from assistant.models.store import default_model_path

VT = gguf.GGUFValueType
QT = gguf.GGMLQuantizationType
CASE_SECONDS = 5.0  # generous for a slow 2-core machine; each case takes milliseconds here


@pytest.fixture(scope="module")
def model_path() -> Path:
    return default_model_path()


@pytest.fixture(scope="module")
def model_info(model_path: Path) -> GGUFInfo:
    return read_info(model_path)


# --- Building GGUF bytes by hand -------------------------------------------------------------------


def gstr(text: str | bytes) -> bytes:
    raw = text.encode("utf-8") if isinstance(text, str) else text
    return struct.pack("<Q", len(raw)) + raw


def header(n_tensors: int, n_kv: int, *, version: int = 3, magic: bytes = b"GGUF") -> bytes:
    return magic + struct.pack("<IQQ", version, n_tensors, n_kv)


def kv(key: str | bytes, value_type: int, payload: bytes) -> bytes:
    return gstr(key) + struct.pack("<I", value_type) + payload


def kv_str(key: str, value: str | bytes) -> bytes:
    return kv(key, VT.STRING, gstr(value))


def kv_u32(key: str, value: int) -> bytes:
    return kv(key, VT.UINT32, struct.pack("<I", value))


def kv_array(key: str, element_type: int, count: int, elements: bytes) -> bytes:
    return kv(key, VT.ARRAY, struct.pack("<IQ", element_type, count) + elements)


def tensor_info(name: str | bytes, dims: list[int], tensor_type: int, offset: int) -> bytes:
    return gstr(name) + struct.pack(f"<I{len(dims)}QIQ", len(dims), *dims, tensor_type, offset)


ARCH = kv_str("general.architecture", "llama")
ONE_TENSOR = tensor_info("blk.0.attn_norm.weight", [4], QT.F32, 0)  # 4 floats = 16 bytes of data


def build(
    kvs: list[bytes],
    tensors: list[bytes],
    data: bytes = bytes(16),
    *,
    n_tensors: int | None = None,
    n_kv: int | None = None,
    alignment: int = 32,
) -> bytes:
    """A GGUF file: header, KVs, tensor infos, padding to `alignment`, tensor data."""
    n_tensors = len(tensors) if n_tensors is None else n_tensors
    n_kv = len(kvs) if n_kv is None else n_kv
    head = header(n_tensors, n_kv) + b"".join(kvs) + b"".join(tensors)
    return head + bytes(-len(head) % alignment) + data


def valid_file() -> bytes:
    return build([ARCH], [ONE_TENSOR])


def assert_refused(path: Path, *, contains: str = "") -> str:
    """read_info(path) must raise ModelFileError, quickly, with a message naming the file."""
    start = time.perf_counter()
    with pytest.raises(ModelFileError) as caught:
        read_info(path)
    elapsed = time.perf_counter() - start
    message = str(caught.value)
    assert elapsed < CASE_SECONDS, f"took {elapsed:.1f}s: {message}"
    assert path.name in message
    assert contains.lower() in message.lower(), message
    return message


# --- 1. The real default model ---------------------------------------------------------------------


def test_default_model_info(model_path: Path) -> None:
    start = time.perf_counter()
    info = read_info(model_path)
    elapsed = time.perf_counter() - start
    assert elapsed < 2.0
    assert info.architecture == "llama"
    assert info.quantization == "Q4_1"
    assert info.file_type == 3
    assert info.version == 3
    assert info.context_length == 8192
    assert info.block_count == 30
    assert info.embedding_length == 576
    assert (info.head_count, info.head_count_kv) == (9, 3)
    assert (info.key_length, info.value_length) == (64, 64)  # no key_length key: 576 // 9
    assert info.sliding_window is None
    assert 130e6 <= info.parameters <= 140e6
    assert info.chat_template is not None and "<|im_start|>" in info.chat_template
    assert info.vocab_size == 49152
    assert (info.bos_token_id, info.eos_token_id) == (1, 2)
    assert info.license == "apache-2.0"
    assert info.tensor_count == 272
    assert info.kv_count == 33 == len(info.metadata)
    assert info.file_size == model_path.stat().st_size
    # The last tensor ends exactly at the end of the file in this model.
    assert info.data_offset + info.tensor_data_bytes == info.file_size
    assert info.metadata["tokenizer.ggml.tokens"] == "<array of 49152 str>"
    assert info.metadata["tokenizer.ggml.token_type"] == "<array of 49152 i32>"
    assert info.metadata["llama.rope.freq_base"] == pytest.approx(100000.0)
    assert 0 < info.largest_block_bytes < info.tensor_data_bytes // 30


def test_estimate_memory_default_model(model_info: GGUFInfo) -> None:
    estimate = estimate_memory(model_info, 8192)
    assert estimate.weights_bytes == model_info.tensor_data_bytes
    assert estimate.kv_cache_bytes == 30 * 8192 * 3 * (64 + 64) * 2
    assert estimate.compute_bytes > 0
    assert estimate.total_bytes == estimate.weights_bytes + estimate.kv_cache_bytes + estimate.compute_bytes
    assert estimate.total_bytes > estimate.weights_bytes
    assert estimate.per_layer_bytes == model_info.largest_block_bytes + 8192 * 3 * (64 + 64) * 2
    # An f32 cache doubles the KV part; a smaller context shrinks it in proportion.
    assert estimate_memory(model_info, 8192, kv_bytes_per_value=4.0).kv_cache_bytes == 2 * estimate.kv_cache_bytes
    assert estimate_memory(model_info, 2048).kv_cache_bytes * 4 == estimate.kv_cache_bytes
    with pytest.raises(ValueError):
        estimate_memory(model_info, 0)


# --- 3. Hostile and broken files -------------------------------------------------------------------


def test_handmade_baseline_is_valid(tmp_path: Path) -> None:
    """The baseline every hostile case starts from must itself be accepted, or the cases prove nothing."""
    path = tmp_path / "baseline.gguf"
    path.write_bytes(valid_file())
    info = read_info(path)
    assert info.architecture == "llama"
    assert info.parameters == 4
    assert info.tensor_data_bytes == 16
    assert info.quantization == "F32"
    assert info.name == "baseline"  # no general.name: the file stem


def _one_string_array(count: int) -> bytes:
    """A 49-byte file declaring `count` empty strings: the kind of tiny file that hangs gguf.GGUFReader."""
    return header(0, 1) + kv(b"a", VT.ARRAY, struct.pack("<IQ", VT.STRING, count))


HOSTILE: dict[str, tuple[Callable[[], bytes], str]] = {
    # name: (file contents, a word the message must contain)
    "bad_magic_zip": (lambda: b"PK\x03\x04" + valid_file()[4:], "not a GGUF"),
    "bad_magic_text": (lambda: b"hello world, not a model at all", "not a GGUF"),
    "three_bytes": (lambda: b"GGU", "too short"),
    "magic_only": (lambda: b"GGUF", "damaged"),
    "version_1": (lambda: header(1, 1, version=1) + valid_file()[24:], "too old"),
    "version_999": (lambda: header(1, 1, version=999) + valid_file()[24:], "version 999"),
    "version_0": (lambda: header(1, 1, version=0) + valid_file()[24:], "version 0"),
    "big_endian": (lambda: b"GGUF" + struct.pack(">IQQ", 3, 1, 1) + valid_file()[24:], "big-endian"),
    "tensor_count_2_63": (lambda: build([ARCH], [ONE_TENSOR], n_tensors=2**63), "tensors"),
    "tensor_count_10_12": (lambda: build([ARCH], [ONE_TENSOR], n_tensors=10**12), "1,000,000,000,000 tensors"),
    "tensor_count_beyond_file": (lambda: build([ARCH], [ONE_TENSOR], n_tensors=100_000), "damaged"),
    "kv_count_2_63": (lambda: build([ARCH], [ONE_TENSOR], n_kv=2**63), "keys"),
    "kv_count_10_12": (lambda: build([ARCH], [ONE_TENSOR], n_kv=10**12), "keys"),
    "kv_count_beyond_file": (lambda: build([ARCH], [ONE_TENSOR], n_kv=60_000), "damaged"),
    "key_length_huge": (lambda: build([struct.pack("<Q", 2**62) + b"general.architecture"], [ONE_TENSOR]), "long"),
    "string_value_length_huge": (
        lambda: build([kv("general.architecture", VT.STRING, struct.pack("<Q", 2**40) + b"llama")], [ONE_TENSOR]),
        "damaged",
    ),
    "string_value_length_past_eof": (
        lambda: build([kv("general.architecture", VT.STRING, struct.pack("<Q", 5000) + b"llama")], [ONE_TENSOR]),
        "damaged",
    ),
    "array_length_huge_u8": (lambda: build([ARCH, kv_array("x", VT.UINT8, 2**62, b"\0" * 8)], [ONE_TENSOR]), "x"),
    "array_length_huge_u64": (lambda: build([ARCH, kv_array("x", VT.UINT64, 2**61, b"")], [ONE_TENSOR]), "x"),
    "array_length_huge_str": (lambda: build([ARCH, kv_array("x", VT.STRING, 2**60, gstr(""))], [ONE_TENSOR]), "x"),
    "string_array_tiny_file": (lambda: _one_string_array(2**61), "damaged"),
    "too_many_strings_in_arrays": (
        lambda: build([ARCH, kv_array("x", VT.STRING, 2**24 + 1, b"")], [ONE_TENSOR]),
        "16,777,216 strings",
    ),
    "string_array_element_past_eof": (
        lambda: build([ARCH, kv_array("x", VT.STRING, 2, gstr("ok") + struct.pack("<Q", 10**9))], [ONE_TENSOR]),
        "damaged",
    ),
    "array_of_arrays": (
        lambda: build([ARCH, kv_array("x", VT.ARRAY, 1, struct.pack("<IQ", VT.UINT8, 1) + b"\1")], [ONE_TENSOR]),
        "array of arrays",
    ),
    "deeply_nested_arrays": (
        lambda: build([ARCH, kv_array("x", VT.ARRAY, 1, struct.pack("<IQ", VT.ARRAY, 1) * 200)], [ONE_TENSOR]),
        "array of arrays",
    ),
    "unknown_value_type": (lambda: build([ARCH, kv("x", 13, b"\0" * 8)], [ONE_TENSOR]), "unknown value type 13"),
    "unknown_value_type_max": (lambda: build([ARCH, kv("x", 0xFFFFFFFF, b"")], [ONE_TENSOR]), "unknown value type"),
    "unknown_array_element_type": (lambda: build([ARCH, kv_array("x", 99, 1, b"\0")], [ONE_TENSOR]), "unknown"),
    "bool_not_0_or_1": (lambda: build([ARCH, kv("x", VT.BOOL, b"\x07")], [ONE_TENSOR]), "true/false"),
    "key_invalid_utf8": (lambda: build([ARCH, kv(b"bad\xff\xfekey", VT.UINT8, b"\0")], [ONE_TENSOR]), "UTF-8"),
    "duplicate_key": (lambda: build([ARCH, kv_u32("x", 1), kv_u32("x", 2)], [ONE_TENSOR]), "twice"),
    "missing_architecture": (lambda: build([kv_u32("llama.block_count", 1)], [ONE_TENSOR]), "architecture"),
    "architecture_not_text": (lambda: build([kv_u32("general.architecture", 1)], [ONE_TENSOR]), "architecture"),
    "context_length_not_number": (
        lambda: build([ARCH, kv_str("llama.context_length", "big")], [ONE_TENSOR]),
        "context_length",
    ),
    "alignment_3": (lambda: build([ARCH, kv_u32("general.alignment", 3)], [ONE_TENSOR]), "power of two"),
    "alignment_0": (lambda: build([ARCH, kv_u32("general.alignment", 0)], [ONE_TENSOR]), "power of two"),
    "alignment_huge": (lambda: build([ARCH, kv_u32("general.alignment", 2**31)], [ONE_TENSOR]), "power of two"),
    "alignment_wrong_type": (
        lambda: build([ARCH, kv("general.alignment", VT.UINT64, struct.pack("<Q", 32))], [ONE_TENSOR]),
        "u32",
    ),
    "n_dims_5": (lambda: build([ARCH], [tensor_info("t", [4, 1, 1, 1, 1], QT.F32, 0)]), "5 dimensions"),
    "n_dims_huge": (lambda: build([ARCH], [gstr("t") + struct.pack("<I", 2**31)]), "dimensions"),
    "zero_dimension": (lambda: build([ARCH], [tensor_info("t", [4, 0], QT.F32, 0)]), "size 0"),
    "dims_overflow": (lambda: build([ARCH], [tensor_info("t", [2**32, 2**32, 2**32], QT.F32, 0)]), "overflow"),
    "dim_2_63": (lambda: build([ARCH], [tensor_info("t", [2**63], QT.F32, 0)]), "overflow"),
    "dims_huge_but_no_overflow": (lambda: build([ARCH], [tensor_info("t", [2**30, 2**30], QT.F32, 0)]), "past the end"),
    "unknown_tensor_type_removed_q4_2": (lambda: build([ARCH], [tensor_info("t", [4], 4, 0)]), "unknown data type 4"),
    "unknown_tensor_type_huge": (lambda: build([ARCH], [tensor_info("t", [4], 9999, 0)]), "unknown data type"),
    "row_not_multiple_of_block": (lambda: build([ARCH], [tensor_info("t", [16], QT.Q4_0, 0)]), "block"),
    "tensor_name_too_long": (lambda: build([ARCH], [tensor_info("t" * 64, [4], QT.F32, 0)]), "limit is 63"),
    "duplicate_tensor_name": (
        lambda: build([ARCH], [ONE_TENSOR, tensor_info("blk.0.attn_norm.weight", [4], QT.F32, 32)], bytes(48)),
        "two tensors",
    ),
    "tensor_offset_past_eof": (lambda: build([ARCH], [tensor_info("t", [4], QT.F32, 10**9)]), "past the end"),
    "tensor_offset_2_64_minus_1": (lambda: build([ARCH], [tensor_info("t", [4], QT.F32, 2**64 - 1)]), "past the end"),
    "tensor_data_missing": (lambda: build([ARCH], [ONE_TENSOR], data=b""), "past the end"),
    "tensor_data_short": (lambda: build([ARCH], [tensor_info("t", [64], QT.F32, 0)], data=bytes(100)), "past the end"),
    "tensor_offset_misaligned": (
        lambda: build([ARCH], [tensor_info("a", [4], QT.F32, 0), tensor_info("b", [4], QT.F32, 16)], bytes(64)),
        "should start at 32",
    ),
    "tensors_overlap": (
        lambda: build([ARCH], [tensor_info("a", [8], QT.F32, 0), tensor_info("b", [8], QT.F32, 0)], bytes(64)),
        "should start at 32",
    ),
    "tensor_infos_truncated": (lambda: build([ARCH], [ONE_TENSOR[:-3]], data=b""), "damaged"),
    "tokens_not_strings": (lambda: build([ARCH, kv_array("tokenizer.ggml.tokens", VT.INT32, 1, bytes(4))], []), "text"),
    "scores_shorter_than_vocab": (
        lambda: build(
            [
                ARCH,
                kv_array("tokenizer.ggml.tokens", VT.STRING, 3, gstr("a") + gstr("b") + gstr("c")),
                kv_array("tokenizer.ggml.scores", VT.FLOAT32, 2, bytes(8)),
            ],
            [],
        ),
        "3 tokens",
    ),
    "token_types_wrong_type": (
        lambda: build(
            [
                ARCH,
                kv_array("tokenizer.ggml.tokens", VT.STRING, 1, gstr("a")),
                kv_array("tokenizer.ggml.token_type", VT.UINT8, 1, bytes(1)),
            ],
            [],
        ),
        "i32",
    ),
    "chat_template_too_large": (
        lambda: build([ARCH, kv_str("tokenizer.chat_template", "x" * (MAX_CHAT_TEMPLATE_BYTES + 1))], [ONE_TENSOR]),
        "chat template",
    ),
}


@pytest.mark.parametrize("case", sorted(HOSTILE))
def test_hostile_file_is_refused(tmp_path: Path, case: str) -> None:
    make, expected_words = HOSTILE[case]
    path = tmp_path / f"hostile-{case}.gguf"
    path.write_bytes(make())
    assert_refused(path, contains=expected_words)


@pytest.mark.parametrize("seed", range(8))
def test_random_bytes_are_refused(tmp_path: Path, seed: int) -> None:
    rng = random.Random(seed)
    for size in (1, 5, 24, 100, 4096, 200_000):
        noise = rng.randbytes(size)
        plain = tmp_path / f"random-{seed}-{size}.gguf"
        plain.write_bytes(noise)
        assert_refused(plain)
        # Past the magic and version too, so the noise reaches the counts, keys and tensor infos.
        posing = tmp_path / f"random-gguf-{seed}-{size}.gguf"
        posing.write_bytes(b"GGUF" + struct.pack("<I", 3) + noise)
        assert_refused(posing)


def test_random_counts_with_plausible_bodies(tmp_path: Path) -> None:
    """Small counts so the parser gets deep into noise instead of failing on the counts."""
    rng = random.Random(99)
    for i in range(60):
        body = rng.randbytes(rng.choice([10, 300, 5000]))
        path = tmp_path / f"noise-body-{i}.gguf"
        path.write_bytes(header(rng.randrange(3), rng.randrange(1, 4)) + body)
        assert_refused(path)


def test_empty_file(tmp_path: Path) -> None:
    path = tmp_path / "empty.gguf"
    path.write_bytes(b"")
    assert_refused(path, contains="empty")


def test_directory(tmp_path: Path) -> None:
    path = tmp_path / "folder.gguf"
    path.mkdir()
    assert_refused(path, contains="folder")


def test_missing_file(tmp_path: Path) -> None:
    assert_refused(tmp_path / "missing.gguf", contains="does not exist")


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs named pipes")
def test_named_pipe_does_not_block(tmp_path: Path) -> None:
    path = tmp_path / "pipe.gguf"
    os.mkfifo(path)
    assert_refused(path, contains="not a regular file")


def test_truncated_copies_of_default_model(tmp_path: Path, model_path: Path, model_info: GGUFInfo) -> None:
    """Cut the real model at many points: inside the header, at the data start, inside the tensor data."""
    path = tmp_path / "truncated.gguf"
    shutil.copyfile(model_path, path)
    data_start = model_info.data_offset
    header_cuts = [1, 3, 4, 7, 8, 16, 23, 24, 25, 31, 32, 40, 100, 512, 1000, 4096, 10_000, 100_000]
    header_cuts += [round(data_start * f) for f in (0.25, 0.5, 0.75, 0.9, 0.99)] + [data_start - 1]
    data_cuts = [data_start, data_start + 1, data_start + 4096, model_info.file_size // 2, model_info.file_size - 1]
    # Descending, so one copy can be cut shorter and shorter.
    for cut in sorted(header_cuts + data_cuts, reverse=True):
        os.truncate(path, cut)
        if cut in data_cuts:
            assert_refused(path, contains="past the end")
        else:
            message = assert_refused(path)
            assert "damaged" in message or "too short" in message, message


# --- 4. Mutants of the real model's header ---------------------------------------------------------


def _length_field_offsets(head: bytes, names: list[bytes]) -> list[int]:
    """Where the u64 length prefix of each name sits (found by searching for length + name)."""
    offsets = []
    for name in names:
        at = head.find(struct.pack("<Q", len(name)) + name)
        if at >= 0:
            offsets.append(at)
    return offsets


def test_mutants_of_default_model(tmp_path: Path, model_path: Path, model_info: GGUFInfo) -> None:
    path = tmp_path / "mutant.gguf"
    shutil.copyfile(model_path, path)
    header_end = model_info.data_offset
    head = model_path.read_bytes()[:header_end]
    rng = random.Random(20240611)

    keys = [key.encode() for key in model_info.metadata]
    tensor_names = [f"blk.{i}.attn_norm.weight".encode() for i in range(30)] + [b"token_embd.weight"]
    key_fields = _length_field_offsets(head, keys)
    tensor_fields = _length_field_offsets(head, tensor_names)
    assert len(key_fields) == len(keys) and len(tensor_fields) == len(tensor_names)

    interesting_u64 = [0, 1, 2**63, 2**64 - 1, 2**32, 10**12, 0x7FFFFFFF]
    mutations: list[tuple[int, bytes]] = []
    for _ in range(250):  # single bytes in the first 512 bytes: header, first keys
        mutations.append((rng.randrange(512), bytes([rng.randrange(256)])))
    for _ in range(200):  # single bytes anywhere in the header region
        mutations.append((rng.randrange(header_end), bytes([rng.randrange(256)])))
    for _ in range(50):  # short random runs
        mutations.append((rng.randrange(header_end - 16), rng.randbytes(rng.randrange(2, 16))))
    for at in rng.sample(key_fields, 25) + rng.sample(tensor_fields, 25):
        # A length prefix, and what follows it: the value type of a key, or a tensor's n_dims.
        name_length = struct.unpack_from("<Q", head, at)[0]
        follower = at + 8 + name_length
        mutations.append((at, struct.pack("<Q", rng.choice(interesting_u64))))
        mutations.append((at, struct.pack("<Q", name_length + rng.choice([-1, 1, 7]))))
        mutations.append((follower, struct.pack("<I", rng.choice([5, 9, 13, 2**31, 0xFFFFFFFF]))))
    # Inside tensor infos: the tensor's dims, type and offset fields follow its name.
    for at in rng.sample(tensor_fields, 25):
        name_length = struct.unpack_from("<Q", head, at)[0]
        n_dims_at = at + 8 + name_length
        n_dims = struct.unpack_from("<I", head, n_dims_at)[0]
        dims_at, type_at = n_dims_at + 4, n_dims_at + 4 + 8 * n_dims
        mutations.append((dims_at, struct.pack("<Q", rng.choice(interesting_u64))))
        mutations.append((type_at, struct.pack("<I", rng.choice([4, 5, 31, 99, 0xFFFFFFFF]))))
        mutations.append((type_at + 4, struct.pack("<Q", rng.choice([*interesting_u64, 32, 64]))))

    accepted = rejected = 0
    start = time.perf_counter()
    with open(path, "r+b") as file:
        for at, new_bytes in mutations:
            original = head[at : at + len(new_bytes)]
            if new_bytes == original:
                continue
            file.seek(at)
            file.write(new_bytes)
            file.flush()
            call_start = time.perf_counter()
            try:
                read_info(path)
                accepted += 1
            except ModelFileError as err:
                assert path.name in str(err)
                rejected += 1
            # Any other exception fails the test here, with the mutation in the traceback.
            assert time.perf_counter() - call_start < CASE_SECONDS, (at, new_bytes)
            file.seek(at)
            file.write(original)
            file.flush()
    elapsed = time.perf_counter() - start
    assert accepted + rejected > 600
    assert rejected > 300, (accepted, rejected)  # validation really happens
    assert accepted > 10, (accepted, rejected)  # and harmless changes (inside text) are not refused
    assert elapsed < 60
    # Every byte was restored: the copy reads exactly like the original again.
    assert dataclasses.replace(read_info(path), path=model_path) == model_info


# --- 5. A file from the reference writer -----------------------------------------------------------


@pytest.mark.parametrize("alignment", [None, 64, 1])
def test_reads_what_gguf_writer_writes(tmp_path: Path, alignment: int | None) -> None:
    path = tmp_path / "written.gguf"
    writer = gguf.GGUFWriter(path, "llama")
    if alignment is not None:
        writer.add_custom_alignment(alignment)
    writer.add_name("Tiny Test")
    writer.add_context_length(4096)
    writer.add_block_count(2)
    writer.add_embedding_length(8)
    writer.add_head_count(2)
    writer.add_head_count_kv([1, 2])  # per-layer values, as some models store them
    writer.add_file_type(gguf.LlamaFileType.ALL_F32)
    writer.add_license("mit")
    writer.add_array(gguf.Keys.Tokenizer.LIST, ["a", "bb", "ccc"])
    writer.add_array(gguf.Keys.Tokenizer.TOKEN_TYPE, [1, 1, 3])
    writer.add_array("test.ints", [5, -6, 7, 8])
    writer.add_bos_token_id(0)
    writer.add_eos_token_id(2)
    writer.add_chat_template("{{ messages }}")
    writer.add_float32("test.float", 0.5)
    writer.add_bool("test.flag", True)
    writer.add_tensor("token_embd.weight", np.arange(24, dtype=np.float32).reshape(3, 8))
    writer.add_tensor("blk.0.attn_norm.weight", np.ones(8, dtype=np.float32))
    writer.add_tensor("blk.1.attn_norm.weight", np.ones(8, dtype=np.float32))
    writer.add_tensor("blk.1.ffn_up.weight", np.ones((2, 8), dtype=np.float32))
    writer.write_header_to_file()
    writer.write_kv_data_to_file()
    writer.write_tensors_to_file()
    writer.close()

    info = read_info(path)
    assert info.architecture == "llama"
    assert info.name == "Tiny Test"
    assert info.version == 3
    assert info.alignment == (alignment or 32)
    assert info.context_length == 4096
    assert info.block_count == 2
    assert info.embedding_length == 8
    assert info.head_count == 2
    assert info.head_count_kv == 2  # the largest per-layer value
    assert info.key_length == info.value_length == 4  # 8 // 2
    assert info.vocab_size == 3
    assert (info.bos_token_id, info.eos_token_id) == (0, 2)
    assert info.chat_template == "{{ messages }}"
    assert info.license == "mit"
    assert info.file_type == 0
    assert info.quantization == "F32"
    assert info.tensor_count == 4
    assert info.parameters == 24 + 8 + 8 + 16
    assert info.tensor_data_bytes == 4 * (24 + 8 + 8 + 16)
    assert info.largest_block_bytes == 4 * (8 + 16)  # blk.1
    assert info.metadata["test.ints"] == "<array of 4 i32>"
    assert info.metadata["tokenizer.ggml.tokens"] == "<array of 3 str>"
    assert info.metadata["test.float"] == 0.5
    assert info.metadata["test.flag"] is True

    # The reference reader agrees on where the data is and how big it is (fine on a file this small).
    reference = gguf.GGUFReader(path)
    assert info.data_offset == reference.data_offset
    assert info.parameters == sum(int(t.n_elements) for t in reference.tensors)
    assert info.tensor_data_bytes == sum(int(t.n_bytes) for t in reference.tensors)
    # The reference reader lists its own header values as fields named GGUF.*; the file's are the rest.
    assert info.kv_count == sum(1 for name in reference.fields if not name.startswith("GGUF."))

    estimate = estimate_memory(info, 100)
    assert estimate.kv_cache_bytes == 2 * 100 * 2 * (4 + 4) * 2


def test_version_2_is_read(tmp_path: Path) -> None:
    """v2 has the same little-endian layout as v3."""
    path = tmp_path / "v2.gguf"
    path.write_bytes(header(1, 1, version=2) + valid_file()[24:])
    assert read_info(path).version == 2


def test_long_strings_are_summarised(tmp_path: Path) -> None:
    path = tmp_path / "long.gguf"
    path.write_bytes(build([ARCH, kv_str("general.description", "d" * 100_000)], [ONE_TENSOR]))
    assert read_info(path).metadata["general.description"] == "<text of 100,000 bytes>"


def test_invalid_utf8_in_values_is_replaced(tmp_path: Path) -> None:
    path = tmp_path / "latin1.gguf"
    path.write_bytes(build([ARCH, kv_str("general.name", b"caf\xe9")], [ONE_TENSOR]))
    assert read_info(path).name == "caf\ufffd"
