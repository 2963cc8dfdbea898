"""The word diff behind the Write panel's accept/reject: exact both ways, changes as a person would make
them, labels that are always right, and fast on long texts."""

from __future__ import annotations

import random
import time

import pytest

from assistant.core.word_diff import diff, label_change, tokenize

SAMPLES = [
    "The quick brown fox jumps over the lazy dog.\nIt was a sunny day, and everyone was happy.\n\n"
    "Second paragraph\twith a tab, and a list:\n- one\n- two\n",
    "我爱北京天安门。天安门上太阳升！\n今天天气很好，我们去公园吧。",
    "Emoji 😀 and 👍🏽 mixed in. Visit https://example.com/page?x=1 or mail me@example.org; π is 3.14.\r\n"
    "  Indented line with   several spaces.",
    "  leading and trailing spaces  \n\n\n",
    "",
]
INSERTS = ["the", "a", "cat", "Cat", "狗", "😀", ",", ".", "\n", "\t", "  ", " ", "don't", "3.14", "Über", "\n\n", "x"]


def random_edit(text: str, rng: random.Random) -> str:
    """A few random edits, at token or character level, so that tokens also split and merge."""
    tokens = tokenize(text)
    for _ in range(rng.randint(0, 10)):
        at = rng.randint(0, len(tokens))
        action = rng.choice(["insert", "delete", "replace", "chars"])
        if action == "insert" or not tokens:
            tokens.insert(at, rng.choice(INSERTS))
        elif action == "delete":
            del tokens[min(at, len(tokens) - 1)]
        elif action == "replace":
            tokens[min(at, len(tokens) - 1)] = rng.choice(INSERTS)
        else:
            joined = "".join(tokens)
            cut = rng.randint(0, len(joined))
            tokens = tokenize(
                joined[:cut] + rng.choice(["e", " ", "\n", "é", "字", ""]) + joined[cut + rng.randint(0, 2) :]
            )
    return "".join(tokens)


def apply_by_offsets(original: str, changes, accepted: set[int]) -> str:
    """What accepting ``accepted`` must give, computed from the changes' offsets instead of the segments."""
    text = original
    for change in sorted(changes, key=lambda c: c.start, reverse=True):
        if change.id in accepted:
            text = text[: change.start] + change.new + text[change.end :]
    return text


def test_random_edits_are_exact_both_ways_and_for_any_subset() -> None:
    rng = random.Random(20240611)
    for _ in range(400):
        original = rng.choice(SAMPLES)
        revised = random_edit(original, rng)
        d = diff(original, revised)
        assert d.reject_all() == original
        assert d.apply_all() == revised
        assert d.apply([]) == original
        for segment in d.segments:
            assert (segment.kind == "equal") == (segment.change_id is None)
            assert segment.kind != "equal" or segment.old == segment.new
        for change in d.changes:
            assert change.old != change.new
            assert original[change.start : change.end] == change.old
        subset = {c.id for c in d.changes if rng.random() < 0.5}
        assert d.apply(subset) == apply_by_offsets(original, d.changes, subset)


def test_tokens_join_back_and_keep_urls_numbers_and_cjk_characters() -> None:
    text = "See https://example.com/a?b=1. Mail me@x.org, pi is 3.14, don't 😀 中文"
    tokens = tokenize(text)
    assert "".join(tokens) == text
    assert {"https://example.com/a?b=1", "me@x.org", "3.14", "don't", "中", "文"} <= set(tokens)
    assert tokens[tokens.index("https://example.com/a?b=1") + 1] == ".", "the sentence's full stop is not the URL's"


def test_long_runs_without_spaces_tokenize_in_linear_time() -> None:
    # Chinese has no spaces, and a pasted blob has none either: no token pattern may rescan such a run.
    rng = random.Random(5)
    runs = ["".join(rng.choice("的一是不了人我在有他这中大来上国") for _ in range(50_000))]
    runs.append("".join(rng.choice("abcdefghijklmnopqrstuvwxyzABCDEF0123456789+/.") for _ in range(50_000)))
    for run in runs:
        started = time.perf_counter()
        assert "".join(tokenize(run)) == run
        assert time.perf_counter() - started < 0.5


def test_accepting_a_subset_applies_exactly_those() -> None:
    d = diff("I recieve teh letter yesterday.", "I receive the letter today.")
    assert [(c.old, c.new) for c in d.changes] == [("recieve", "receive"), ("teh", "the"), ("yesterday", "today")]
    assert d.apply({0, 2}) == "I receive teh letter today."
    assert d.apply([1]) == "I recieve the letter yesterday."
    with pytest.raises(ValueError):
        d.apply({7})


def test_a_rewritten_phrase_is_one_change() -> None:
    d = diff("The quick brown fox jumps.", "The slow red fox jumps.")
    assert [(c.kind, c.old, c.new) for c in d.changes] == [("replace", "quick brown", "slow red")]
    assert d.changes[0].why is None


def test_a_paragraph_break_keeps_changes_apart() -> None:
    d = diff("one\n\ntwo", "uno\n\ndos")
    assert [(c.old, c.new) for c in d.changes] == [("one", "uno"), ("two", "dos")]


def test_offsets_point_into_the_original() -> None:
    original = "abc def ghi\njkl"
    d = diff(original, "abc xyz ghi\nnew jkl")
    replace, insert = d.changes
    assert (replace.kind, replace.start, replace.end) == ("replace", 4, 7)
    assert (insert.kind, insert.old, insert.new, insert.start, insert.end) == ("insert", "", "new ", 12, 12)
    cjk = diff("我爱北京", "我喜欢北京").changes
    assert [(c.old, c.new, c.start, c.end) for c in cjk] == [("爱", "喜欢", 1, 2)]


@pytest.mark.parametrize(
    ("original", "revised", "why"),
    [
        ("I recieve it.", "I receive it.", "Spelling"),
        ("hello world", "Hello world", "Capitalisation"),
        ("Hello world", "Hello, world", "Punctuation"),
        ("Hello world.", "Hello world!", "Punctuation"),
        ("Hello  world", "Hello world", "Spacing"),
        ("Hello world\n", "Hello world", "Spacing"),
        ("Go to shop.", "Go to the shop.", "Word added"),
        ("Go to the the shop.", "Go to the shop.", "Word removed"),
        ("A cat sat.", "A dog sat.", None),
        ("He is here.", "He is not here.", None),
    ],
)
def test_why_labels_come_from_the_edit_itself(original: str, revised: str, why: str | None) -> None:
    changes = diff(original, revised).changes
    assert len(changes) == 1
    assert changes[0].why == why


def test_labels_say_nothing_about_mixed_or_larger_edits() -> None:
    assert label_change("hello", "Hello,") is None
    assert label_change("quick brown", "slow red") is None
    assert label_change("cat", "cat") is None


def words_text(rng: random.Random, n: int) -> str:
    common = ["the", "of", "and", "to", "a", "in", "is", "it", "that", "was", "The", "He", "She"]
    vocab = [*common * 20, *(f"{rng.choice('bcdfgklmnprst')}{rng.choice('aeiou')}{i}" for i in range(3000))]
    out = []
    for i in range(n):
        out.append(rng.choice(vocab))
        r = rng.random()
        out.append(", " if r < 0.06 else ". " if r < 0.11 else "\n\n" if r < 0.115 or i % 90 == 89 else " ")
    return "".join(out)


def test_ten_thousand_words_diff_well_under_a_second() -> None:
    rng = random.Random(7)
    original = words_text(rng, 10_000)
    tokens = tokenize(original)
    edited = [rng.choice(["teh", "recieve", "and", "of"]) if t.isalpha() and rng.random() < 0.05 else t for t in tokens]
    cases = {"proofread": "".join(edited), "unrelated": words_text(rng, 10_000)}
    for name, revised in cases.items():
        started = time.perf_counter()
        d = diff(original, revised)
        elapsed = time.perf_counter() - started
        assert d.apply_all() == revised and d.reject_all() == original
        assert elapsed < 1.0, f"{name}: {elapsed:.2f} s"


def test_repetitive_texts_stay_fast_and_keep_small_changes_small() -> None:
    # Every unit repeats thousands of times: comparing word by word would take minutes, so paragraphs go first.
    paragraphs = [("la " * 150).strip() for _ in range(100)]
    original = "\n\n".join(paragraphs)
    paragraphs[10] = paragraphs[10].replace("la la", "la LA", 1)
    paragraphs[60] = paragraphs[60] + " da"
    revised = "\n\n".join(paragraphs)
    started = time.perf_counter()
    d = diff(original, revised)
    assert time.perf_counter() - started < 1.0
    assert d.apply_all() == revised and d.reject_all() == original
    assert [(c.old, c.new, c.why) for c in d.changes] == [("la", "LA", "Capitalisation"), ("", " da", None)]

    started = time.perf_counter()
    d = diff("ha " * 20_000, "ha " * 9_000 + "ho " + "ha " * 11_000)
    assert time.perf_counter() - started < 1.0
    assert [(c.kind, c.old, c.new, c.start) for c in d.changes] == [("insert", "", "ho ", 27_000)]


def test_plain_marks_changes_like_git_word_diff() -> None:
    assert diff("I recieve teh mail.", "I receive the mail.").plain() == "I [-recieve-]{+receive+} [-teh-]{+the+} mail."
