"""Embeddings: an embedding model in the engine process, beside the chat model, with its own context.

An embedding model (all-MiniLM-L6-v2 built in; Qwen3-Embedding, EmbeddingGemma, nomic-embed, bge-m3
from the catalog) is small, so it stays loaded next to whatever chat model is loaded: the Library
indexes while the user chats, and neither waits for the other (separate llama.cpp contexts, separate
locks in the server). A chat model is not an embedding model: llama.cpp can only pool the hidden
states the way the GGUF declares (mean, CLS or last token), and a chat model declares none.

Texts are packed into batches of up to ``MAX_SEQUENCES`` sequences, each its own llama.cpp sequence
id, so a batch of short texts costs about one decode. Vectors come back L2-normalised (cosine
similarity is then a dot product). Only the engine process imports this module.

A reranker (bge-reranker, Qwen3-Reranker: a GGUF that declares "rank" pooling) is loaded the same way
and batched the same way, but reads (question, passage) pairs and gives one relevance score per pair
instead of a vector: llama.cpp applies the model's classification head. The pair is built as
llama-server builds it: the GGUF's "rerank" template when it has one, else BOS question EOS SEP
passage EOS, as the tokenizer asks. A passage too long for the model is scored by its start.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from pathlib import Path

import llama_cpp as ll
import numpy as np

from assistant.engine import backend as backend_mod
from assistant.engine.offload import ALL_LAYERS
from assistant.engine.runtime import release, tokenize
from assistant.errors import AssistantError, EngineRequestError, ModelFileError, translatable
from assistant.models import gguf_info

log = logging.getLogger(__name__)

MAX_SEQUENCES = 32
MAX_CONTEXT = 8192
"""Longer-context embedding models are capped here: the whole of one input is one micro-batch."""
_POOLING = {
    ll.LLAMA_POOLING_TYPE_MEAN: "mean",
    ll.LLAMA_POOLING_TYPE_CLS: "cls",
    ll.LLAMA_POOLING_TYPE_LAST: "last",
    ll.LLAMA_POOLING_TYPE_RANK: "rank",
}


class InputTooLong(AssistantError):
    """One input has more tokens than the embedding model takes."""

    def __init__(self, index: int, tokens: int, limit: int) -> None:
        super().__init__(
            translatable(
                "Input {index} is {tokens:,} tokens, but the embedding model takes at most {limit:,}. "
                "Split the text into smaller pieces."
            ),
            index=index,
            tokens=tokens,
            limit=limit,
        )
        self.index, self.tokens, self.limit = index, tokens, limit


class Embedder:
    def __init__(self, path: Path, *, threads: int = 0) -> None:
        self.path = path
        self.info = gguf_info.read_info(path)  # validate before llama.cpp sees the file
        bk = backend_mod.detect()
        mparams = ll.llama_model_default_params()
        mparams.n_gpu_layers = ALL_LAYERS if bk.gpu_offload else 0  # small: it fits beside the chat model
        self._model = ll.llama_model_load_from_file(str(path).encode(), mparams)
        if not self._model:
            raise ModelFileError(
                translatable("llama.cpp could not load {name}; the engine log has the details."), name=path.name
            )
        self._vocab = ll.llama_model_get_vocab(self._model)
        self.n_ctx = max(8, min(ll.llama_model_n_ctx_train(self._model) or 512, MAX_CONTEXT))
        cparams = ll.llama_context_default_params()
        # A batch holds at most n_ctx tokens over all its sequences, and the cache is cleared between
        # batches: one cache of n_ctx, shared by the sequences (unified), is enough.
        cparams.n_ctx = cparams.n_batch = cparams.n_ubatch = self.n_ctx
        cparams.n_seq_max = MAX_SEQUENCES
        cparams.kv_unified = True
        cparams.embeddings = True
        cparams.pooling_type = ll.LLAMA_POOLING_TYPE_UNSPECIFIED  # what the GGUF declares
        cparams.n_threads = cparams.n_threads_batch = threads or bk.threads
        self._ctx = ll.llama_init_from_model(self._model, cparams)
        if not self._ctx:
            ll.llama_model_free(self._model)
            raise ModelFileError(
                translatable("llama.cpp could not create an embedding context for {name}."), name=path.name
            )
        self.pooling = _POOLING.get(ll.llama_pooling_type(self._ctx), "")
        if not self.pooling:
            self.close()
            raise ModelFileError(
                translatable(
                    "{name} is not an embedding model: it does not say how to pool its output "
                    "(mean, CLS or last token), as chat models do not."
                ),
                name=path.name,
            )
        self.is_reranker = self.pooling == "rank"
        # A reranker's output per input is its head's scores (the first is the relevance), not a vector.
        self.n_embd = ll.llama_model_n_cls_out(self._model) if self.is_reranker else ll.llama_model_n_embd(self._model)
        template = ll.llama_model_chat_template(self._model, b"rerank")
        self._rerank_template = template.decode("utf-8", "replace") if template else ""
        self._encoder_only = ll.llama_model_has_encoder(self._model) and not ll.llama_model_has_decoder(self._model)
        self._memory = ll.llama_get_memory(self._ctx)
        self.name = self.info.name or path.stem
        log.info(
            "embedding model %s: %s pooling, %d dimensions, %d tokens", path.name, self.pooling, self.n_embd, self.n_ctx
        )

    def close(self) -> None:
        release(self._ctx, self._model)
        self._ctx = self._model = None

    def describe(self) -> dict[str, object]:
        return {
            "id": self.name,
            "path": str(self.path),
            "pooling": self.pooling,
            "dimensions": self.n_embd,
            "n_ctx": self.n_ctx,
        }

    def tokenize(self, text: str) -> list[int]:
        return tokenize(self._vocab, text, add_special=True, parse_special=False)

    def truncated(self, tokens: Sequence[int]) -> list[int]:
        """The input cut to what the model takes, its last token kept: that is the end-of-text
        token a last-token-pooling model (Qwen3-Embedding) reads its vector from."""
        if len(tokens) <= self.n_ctx:
            return list(tokens)
        return [*tokens[: self.n_ctx - 1], tokens[-1]]

    def pair(self, query: str, document: str) -> list[int]:
        """The tokens a reranker reads for one (question, passage) pair, the passage cut to fit."""
        vocab = self._vocab
        if self._rerank_template:
            before, _, after = self._rerank_template.partition("{document}")
            head = tokenize(vocab, before.replace("{query}", query), add_special=False, parse_special=True)
            tail = tokenize(vocab, after.replace("{query}", query), add_special=False, parse_special=True)
        else:
            eos = ll.llama_vocab_eos(vocab)
            if eos == ll.LLAMA_TOKEN_NULL:
                eos = ll.llama_vocab_sep(vocab)
            add_eos = [eos] if ll.llama_vocab_get_add_eos(vocab) else []
            head = [ll.llama_vocab_bos(vocab)] if ll.llama_vocab_get_add_bos(vocab) else []
            head += tokenize(vocab, query, add_special=False, parse_special=False)[: self.n_ctx // 2]
            head += add_eos + ([ll.llama_vocab_sep(vocab)] if ll.llama_vocab_get_add_sep(vocab) else [])
            tail = add_eos
        room = max(1, self.n_ctx - len(head) - len(tail))
        return [*head, *tokenize(vocab, document, add_special=False, parse_special=False)[:room], *tail][: self.n_ctx]

    def scores(self, pairs: Sequence[Sequence[int]]) -> list[float]:
        """A reranker's relevance score for each pair (from ``pair``), in order: higher is more relevant."""
        return [float(row[0]) for row in self._pooled(pairs)]

    def embed(self, inputs: Sequence[Sequence[int]]) -> np.ndarray:
        """One unit vector per input (rows of a float32 array), in order. Raises InputTooLong."""
        out = self._pooled(inputs)
        norms = np.linalg.norm(out, axis=1, keepdims=True)
        return out / np.where(norms > 0, norms, 1.0)

    def _pooled(self, inputs: Sequence[Sequence[int]]) -> np.ndarray:
        """llama.cpp's pooled output for each input: ``n_embd`` floats a row."""
        for i, tokens in enumerate(inputs):
            if len(tokens) > self.n_ctx:
                raise InputTooLong(i, len(tokens), self.n_ctx)
            if not tokens:
                raise EngineRequestError(translatable("Input {index} is empty."), index=i)
        out = np.zeros((len(inputs), self.n_embd), dtype=np.float32)
        batch = ll.llama_batch_init(self.n_ctx, 0, MAX_SEQUENCES)
        try:
            for group in self._groups(inputs):
                self._run(batch, [inputs[i] for i in group])
                for seq, i in enumerate(group):
                    ptr = ll.llama_get_embeddings_seq(self._ctx, seq)
                    if not ptr:
                        raise EngineRequestError(translatable("llama.cpp returned no embedding for an input."))
                    out[i] = np.ctypeslib.as_array(ptr, shape=(self.n_embd,))
        finally:
            ll.llama_batch_free(batch)
        return out

    def _groups(self, inputs: Sequence[Sequence[int]]) -> list[list[int]]:
        """Indices packed into batches: at most ``n_ctx`` tokens and MAX_SEQUENCES inputs each."""
        groups: list[list[int]] = [[]]
        used = 0
        for i, tokens in enumerate(inputs):
            if groups[-1] and (used + len(tokens) > self.n_ctx or len(groups[-1]) == MAX_SEQUENCES):
                groups.append([])
                used = 0
            groups[-1].append(i)
            used += len(tokens)
        return groups

    def _run(self, batch, group: list[Sequence[int]]) -> None:
        if self._memory:
            ll.llama_memory_clear(self._memory, True)
        n = 0
        for seq, tokens in enumerate(group):
            for pos, token in enumerate(tokens):
                batch.token[n] = token
                batch.pos[n] = pos
                batch.n_seq_id[n] = 1
                batch.seq_id[n][0] = seq
                batch.logits[n] = 1  # every position takes part in the pooling
                n += 1
        batch.n_tokens = n
        rc = ll.llama_encode(self._ctx, batch) if self._encoder_only else ll.llama_decode(self._ctx, batch)
        if rc != 0:
            raise EngineRequestError(translatable("llama.cpp failed while embedding (returned {rc})."), rc=rc)
