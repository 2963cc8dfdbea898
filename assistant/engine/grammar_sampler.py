"""Sampling under a grammar (structured output, forced tool calls), as llama.cpp's own tools do it.

Only the engine process imports this module (it imports llama_cpp).
"""

from __future__ import annotations

import ctypes

import llama_cpp as ll
import numpy as np

from assistant.errors import EngineRequestError, translatable

_CANDIDATE = np.dtype([("id", "<i4"), ("logit", "<f4"), ("p", "<f4")])  # llama_token_data
_SHORTLIST = 64


class GrammarSampler:
    """Sampling under a grammar as llama.cpp's own tools do it (``common_sampler_sample``): sample as if
    there were no grammar, ask the grammar about that one token, and only when it refuses, apply the
    grammar to the whole vocabulary and sample again. Asking the grammar about every candidate each
    step instead (a grammar sampler at the head of the chain) made JSON output 2 to 13 times slower
    on the CPU (``assistant bench engine``), because a model's first choice is nearly always allowed.

    Only ``llama_sampler_sample``'s glue runs in Python here: the candidates live in one NumPy array in
    llama.cpp's ``llama_token_data`` layout, refilled from the logits each step.

    ``argmax``: the chain is greedy, with penalties that can only lower a token's logit. After a
    refusal the answer is then the best allowed token, which is nearly always among the ``_SHORTLIST``
    likeliest: the grammar and the chain are run on those, and the choice stands when its (penalised)
    logit is at least the best raw logit outside the list, which no penalty can raise. Otherwise the
    whole vocabulary is asked, as before.
    """

    def __init__(self, vocab, n_vocab: int, chain, grammar: str, *, argmax: bool = False) -> None:
        self.grammar = ll.llama_sampler_init_grammar(vocab, grammar.encode(), b"root")
        if not self.grammar:
            raise EngineRequestError(translatable("llama.cpp could not use the output grammar."))
        self.chain = chain
        self.n_vocab = n_vocab
        self.argmax = argmax
        self._ids = np.arange(n_vocab, dtype=np.int32)
        self._all = _Candidates(n_vocab)
        self._short = _Candidates(_SHORTLIST)
        self._one = _Candidates(1)

    def close(self) -> None:
        ll.llama_sampler_free(self.grammar)

    def sample(self, ctx, _index: int = -1) -> int:
        logits = np.ctypeslib.as_array(ll.llama_get_logits_ith(ctx, -1), shape=(self.n_vocab,))
        token = self._pick(logits, constrained=False)
        self._one.fill(token, 0.0)
        if not np.isfinite(self._one.apply(self.grammar)[1]):  # refused: choose again among what it allows
            token = self._likeliest_allowed(logits) if self.argmax else -1
            if token < 0:
                token = self._pick(logits, constrained=True)
        ll.llama_sampler_accept(self.grammar, token)
        ll.llama_sampler_accept(self.chain, token)
        return token

    def _likeliest_allowed(self, logits: np.ndarray) -> int:
        """The chain's choice among the grammar's allowed tokens, when it is provably the best, or -1."""
        order = np.argpartition(-logits, _SHORTLIST)
        top, outside_best = order[:_SHORTLIST], float(logits[order[_SHORTLIST]])
        self._short.fill(top, logits[top])
        self._short.apply(self.grammar)
        token, logit = self._short.apply(self.chain)  # penalties, then greedy's choice
        return token if np.isfinite(logit) and logit >= outside_best else -1

    def _pick(self, logits: np.ndarray, *, constrained: bool) -> int:
        self._all.fill(self._ids, logits)  # refilled each time: samplers sort and cut it in place
        if constrained:
            self._all.apply(self.grammar)
        return self._all.apply(self.chain)[0]


class _Candidates:
    """A ``llama_token_data_array`` over a NumPy array, which llama.cpp's samplers edit in place."""

    def __init__(self, size: int) -> None:
        self.data = np.zeros(size, dtype=_CANDIDATE)
        self.view = ll.llama_token_data_array(
            self.data.ctypes.data_as(ctypes.POINTER(ll.llama_token_data)), size, -1, False
        )

    def fill(self, ids, logits) -> None:
        self.data["id"] = ids
        self.data["logit"] = logits
        self.data["p"] = 0.0
        self.view.size, self.view.selected, self.view.sorted = len(self.data), -1, False

    def apply(self, sampler) -> tuple[int, float]:
        """Run ``sampler`` over the candidates; the (token, logit) it selected (the first if none)."""
        ll.llama_sampler_apply(sampler, ctypes.byref(self.view))
        chosen = self.data[max(self.view.selected, 0)]
        return int(chosen["id"]), float(chosen["logit"])
