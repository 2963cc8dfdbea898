"""A word-level diff of the user's text against the model's revision, accepted or rejected change by change.

The Write panel never replaces the user's text behind their back: it shows what the model changed, and the
user keeps or drops each change. So the diff must be exact (joining every segment's ``old`` gives the
original byte for byte, every ``new`` the revision, whitespace and newlines included) and its changes must
read the way a person edits: a rewritten phrase is one change, not one per word.

How it works:

1. The texts are cut into tokens: words, whitespace runs, single punctuation marks, single CJK characters
   (Chinese and Japanese have no spaces between words), and URLs, e-mail addresses and numbers kept whole.
2. ``difflib.SequenceMatcher`` compares *units*: the tokens up to and including the next whitespace
   ("world, "), or a single CJK character. Comparing bare tokens would be quadratic, since every whitespace
   token matches every other one (two 10,000-word texts took 35 s); units are rare enough as keys that the
   same texts take about 0.2 s. Changed units are then compared token by token, so "world " -> "world, "
   shows as an added comma only.
3. Changes separated only by spaces are merged into one change, so a rewritten phrase is one change; a
   proofreading edit ("recieve" -> "receive") is left on its own, to be taken or left by itself.

SequenceMatcher's cost grows with how often the same unit repeats in both texts (a long text of "ha ha ha",
a huge table of "|"). When that estimate is too high, paragraphs are matched first and the changed ones
compared word by word: as one block if affordable, else pair by pair in order; a paragraph that is still too
costly becomes one change.

Each change carries ``why``: the app's own label for proofreading-style edits ("Spelling", "Punctuation",
...), computed from the old and new text. It is not the model's explanation, so it is always right about
what kind of edit it is, and says nothing (None) when the edit is anything more than that.
"""

from __future__ import annotations

import difflib
import itertools
import re
import unicodedata
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Literal

Kind = Literal["equal", "insert", "delete", "replace"]

# Hiragana, katakana, CJK ideographs (with extension A and compatibility ideographs), halfwidth katakana.
_CJK = "\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff66-\uff9f"
_TOKEN = re.compile(
    rf"""
      (?:https?://|www\.)[^\s<>"]*[^\s<>".,;:!?)'\]]   # URL, without the punctuation that ends a sentence
    | [\w.+-]{{1,64}}@\w[\w-]*(?:\.[\w-]+)+              # e-mail address (bounded: no rescans of long runs)
    | \d+(?:[.,:]\d+)*                                  # number: 3.14, 1,000, 12:30
    | [{_CJK}]                                          # one CJK character
    | [^\W{_CJK}]+(?:['’][^\W{_CJK}]+)*                 # word, with inner apostrophes (don't)
    | \s+                                               # whitespace run
    | .                                                 # anything else, one character: punctuation, emoji
    """,
    re.VERBOSE | re.DOTALL,
)
_CJK_CHAR = re.compile(f"[{_CJK}]")

_MAX_COST = 1_000_000
"""Most pairs of equal units SequenceMatcher may have to try (sum over units of count in a x count in b): about
half a second. Two 10,000-word English texts come to some 700,000, mostly from "the", "of", "and"."""
_MAX_REFINE = 10_000
"""Largest changed region (tokens in old x tokens in new) compared again token by token. Its sides share no
unit, so that pass only finds words whose spacing or punctuation changed: worth it for a few words, not for a
rewritten page."""

_FUNCTION_WORDS = frozenset(
    {"a", "an", "the", "to", "of", "in", "on", "at", "by", "for", "from", "with", "and", "or", "but", "as"}
    | {"is", "are", "was", "were", "be", "been", "it", "this", "that"}
)
"""Short words a proofreader adds or removes; adding or removing any other word is more than proofreading."""

Op = tuple[str, int, int, int, int]
"""A SequenceMatcher opcode: (tag, i1, i2, j1, j2) over token indices."""


@dataclass(frozen=True)
class Segment:
    """A stretch of the text: unchanged ("equal", old == new) or one change."""

    kind: Kind
    old: str
    new: str
    change_id: int | None
    """The change this segment is; None for "equal" segments."""


@dataclass(frozen=True)
class Change:
    id: int
    kind: Kind
    old: str
    new: str
    start: int
    """Character offset of ``old`` in the original (for an insertion: where the new text goes)."""
    end: int
    why: str | None
    """The app's label for a proofreading-style edit (see ``label_change``), or None. Not the model's word."""


@dataclass(frozen=True)
class Diff:
    segments: tuple[Segment, ...]
    changes: tuple[Change, ...]

    @property
    def original(self) -> str:
        return "".join(s.old for s in self.segments)

    @property
    def revised(self) -> str:
        return "".join(s.new for s in self.segments)

    def apply(self, accepted: Iterable[int]) -> str:
        """The text with the accepted changes' new text and every other change's old text."""
        accepted = set(accepted)
        unknown = accepted - {c.id for c in self.changes}
        if unknown:
            raise ValueError(f"no such changes: {sorted(unknown)}")
        return "".join(s.new if s.change_id in accepted else s.old for s in self.segments)

    def apply_all(self) -> str:
        return self.revised

    def reject_all(self) -> str:
        return self.original

    def plain(self) -> str:
        """The changes marked inline the way ``git diff --word-diff=plain`` does: [-old-]{+new+}."""
        out = []
        for seg in self.segments:
            if seg.change_id is None:
                out.append(seg.old)
                continue
            if seg.old:
                out.append(f"[-{seg.old}-]")
            if seg.new:
                out.append(f"{{+{seg.new}+}}")
        return "".join(out)


def tokenize(text: str) -> list[str]:
    """Words, whitespace runs, punctuation marks and CJK characters; joined they give ``text`` back."""
    return _TOKEN.findall(text)


def diff(original: str, revised: str) -> Diff:
    """Compare two texts word by word; see the module docstring."""
    a, b = tokenize(original), tokenize(revised)
    pieces = [(tag, "".join(a[i1:i2]), "".join(b[j1:j2])) for tag, i1, i2, j1, j2 in _opcodes(a, b)]
    return _build(_merge(pieces))


def label_change(old: str, new: str) -> str | None:
    """What kind of proofreading edit turns ``old`` into ``new``, or None if it is more than that."""
    if old == new:
        return None
    if old.split() == new.split():
        return "Spacing"
    if old.lower() == new.lower():
        return "Capitalisation"
    if _without_punctuation(old) == _without_punctuation(new):
        return "Punctuation"
    before, after = old.strip(), new.strip()
    if not before and after.lower() in _FUNCTION_WORDS:
        return "Word added"
    if not after and before.lower() in _FUNCTION_WORDS:
        return "Word removed"
    if (
        _is_one_word(before)
        and _is_one_word(after)
        and max(len(before), len(after)) >= 3
        and difflib.SequenceMatcher(None, before.lower(), after.lower()).ratio() >= 0.6
    ):
        return "Spelling"
    return None


# --- Matching ---------------------------------------------------------------------------------------------


def _opcodes(a: list[str], b: list[str]) -> list[Op]:
    """Opcodes over tokens, at a grain that stays fast (see the module docstring)."""
    # A common head and tail are cut off first: cheap, and it keeps a small edit in a repetitive text small.
    head = 0
    while head < min(len(a), len(b)) and a[head] == b[head]:
        head += 1
    tail = 0
    while tail < min(len(a), len(b)) - head and a[-1 - tail] == b[-1 - tail]:
        tail += 1
    mid_a, mid_b = a[head : len(a) - tail], b[head : len(b) - tail]

    ops: list[Op] = [("equal", 0, head, 0, head)]
    if _cost(mid_a, mid_b) <= _MAX_COST:
        ops += _shift(_word_opcodes(mid_a, mid_b), head, head)
    else:
        for tag, i1, i2, j1, j2 in _grouped_opcodes(mid_a, mid_b, _paragraph_starts):
            if tag == "equal":
                ops.append((tag, head + i1, head + i2, head + j1, head + j2))
            else:
                ops += _shift(_changed_paragraphs(mid_a[i1:i2], mid_b[j1:j2]), head + i1, head + j1)
    ops.append(("equal", len(a) - tail, len(a), len(b) - tail, len(b)))
    return [op for op in ops if op[1] < op[2] or op[3] < op[4]]


def _changed_paragraphs(a: list[str], b: list[str]) -> list[Op]:
    """Paragraphs that differ: word by word if affordable, else paragraph by paragraph in order (a proofread
    or rewrite keeps the paragraphs), and a paragraph pair still too costly is one change."""
    if _cost(a, b) <= _MAX_COST:
        return _word_opcodes(a, b)
    a_bounds, b_bounds = [*_paragraph_starts(a), len(a)], [*_paragraph_starts(b), len(b)]
    a_spans, b_spans = list(itertools.pairwise(a_bounds)), list(itertools.pairwise(b_bounds))
    ops: list[Op] = []
    for k in range(max(len(a_spans), len(b_spans))):
        # Past the end of the shorter side, the other side's paragraphs are inserted or deleted whole.
        i1, i2 = a_spans[k] if k < len(a_spans) else (len(a), len(a))
        j1, j2 = b_spans[k] if k < len(b_spans) else (len(b), len(b))
        if i1 < i2 and j1 < j2 and _cost(a[i1:i2], b[j1:j2]) <= _MAX_COST:
            ops += _shift(_word_opcodes(a[i1:i2], b[j1:j2]), i1, j1)
        else:
            ops.append(("replace", i1, i2, j1, j2))
    return ops


def _word_opcodes(a: list[str], b: list[str]) -> list[Op]:
    """Match units (see ``_unit_starts``), then compare small changed regions token by token."""
    ops: list[Op] = []
    for op in _grouped_opcodes(a, b, _unit_starts):
        tag, i1, i2, j1, j2 = op
        if tag == "replace" and (i2 - i1) * (j2 - j1) <= _MAX_REFINE:
            inner = difflib.SequenceMatcher(None, a[i1:i2], b[j1:j2], autojunk=False).get_opcodes()
            ops += _shift(inner, i1, j1)
        else:
            ops.append(op)
    return ops


def _grouped_opcodes(a: list[str], b: list[str], starts: Callable[[Sequence[str]], list[int]]) -> list[Op]:
    """Match token groups (units or paragraphs) as wholes; the opcodes returned are over tokens."""
    a_bounds, b_bounds = [*starts(a), len(a)], [*starts(b), len(b)]
    a_keys = ["".join(a[s:e]) for s, e in itertools.pairwise(a_bounds)]
    b_keys = ["".join(b[s:e]) for s, e in itertools.pairwise(b_bounds)]
    # autojunk would treat frequent words ("the") as noise and misalign the texts.
    matcher = difflib.SequenceMatcher(None, a_keys, b_keys, autojunk=False)
    return [
        (tag, a_bounds[i1], a_bounds[i2], b_bounds[j1], b_bounds[j2]) for tag, i1, i2, j1, j2 in matcher.get_opcodes()
    ]


def _unit_starts(tokens: Sequence[str]) -> list[int]:
    """Where units start. A unit is a run of tokens up to and including the next whitespace ("world, "):
    such keys are rare enough to match fast. CJK characters, written without spaces, are units of their own."""
    return [
        i
        for i, t in enumerate(tokens)
        if i == 0 or (not t.isspace() and (tokens[i - 1].isspace() or _is_cjk(t) or _is_cjk(tokens[i - 1])))
    ]


def _paragraph_starts(tokens: Sequence[str]) -> list[int]:
    """A paragraph starts after every whitespace token that holds a blank line."""
    return [i for i, t in enumerate(tokens) if i == 0 or (tokens[i - 1].isspace() and tokens[i - 1].count("\n") >= 2)]


def _cost(a: list[str], b: list[str]) -> int:
    """About how many steps SequenceMatcher takes on units: each unit of ``a`` is tried against its copies in ``b``."""

    def keys(tokens: list[str]) -> Counter[str]:
        bounds = [*_unit_starts(tokens), len(tokens)]
        return Counter("".join(tokens[s:e]) for s, e in itertools.pairwise(bounds))

    counts_a, counts_b = keys(a), keys(b)
    return sum(n * counts_b.get(key, 0) for key, n in counts_a.items())


def _is_cjk(token: str) -> bool:
    return len(token) == 1 and _CJK_CHAR.match(token) is not None


def _shift(ops: Iterable[Op], di: int, dj: int) -> list[Op]:
    return [(tag, i1 + di, i2 + di, j1 + dj, j2 + dj) for tag, i1, i2, j1, j2 in ops]


# --- Building the result ----------------------------------------------------------------------------------


def _merge(pieces: list[tuple[str, str, str]]) -> list[Segment]:
    """Join changes separated only by spaces into one change, so a rewritten phrase is one change; but keep
    a proofreading edit ("recieve" -> "receive") apart, to be taken or left on its own. Adjacent equal
    pieces become one segment."""
    joins = [tag != "equal" for tag, _, _ in pieces]
    for k in range(1, len(pieces) - 1):
        (_, old_before, new_before), (_, old, _), (tag_after, old_after, new_after) = pieces[k - 1 : k + 2]
        joins[k] = joins[k] or (
            old.isspace()
            and old.count("\n") < 2  # a paragraph break separates two edits even when nothing else does
            and joins[k - 1]
            and tag_after != "equal"
            and label_change(old_before, new_before) is None
            and label_change(old_after, new_after) is None
        )
    segments = []
    for is_change, group in itertools.groupby(zip(joins, pieces, strict=True), key=lambda item: item[0]):
        items = [piece for _, piece in group]
        olds = "".join(old for _, old, _ in items)
        news = "".join(new for _, _, new in items)
        kind: Kind = "equal"
        if is_change:
            kind = "insert" if not olds else "delete" if not news else "replace"
        segments.append(Segment(kind, olds, news, None))
    return segments


def _build(segments: list[Segment]) -> Diff:
    """Number the changes and work out where each sits in the original."""
    numbered: list[Segment] = []
    changes: list[Change] = []
    offset = 0
    for segment in segments:
        if segment.kind == "equal":
            numbered.append(segment)
        else:
            change_id = len(changes)
            numbered.append(Segment(segment.kind, segment.old, segment.new, change_id))
            why = label_change(segment.old, segment.new)
            changes.append(
                Change(change_id, segment.kind, segment.old, segment.new, offset, offset + len(segment.old), why)
            )
        offset += len(segment.old)
    return Diff(tuple(numbered), tuple(changes))


def _without_punctuation(text: str) -> str:
    return "".join(ch for ch in text if not ch.isspace() and not unicodedata.category(ch).startswith("P"))


def _is_one_word(text: str) -> bool:
    return bool(re.fullmatch(r"[^\W\d_]+(?:['’][^\W\d_]+)*", text))
