"""core.text: the words that link a summary's point to its passage, and list items."""

from __future__ import annotations

from assistant.core.text import BULLET, distinctive_terms, is_rule


def test_distinctive_terms_keep_what_tells_passages_apart() -> None:
    assert distinctive_terms("The harbours were rebuilt in 1921 by the council.") == {
        "harbour", "rebuilt", "1921", "council",
    }  # fmt: skip
    assert distinctive_terms("The document discusses the key points.") == set()  # only the app's own words
    assert distinctive_terms("港口重建") == {"港口", "口重", "重建"}  # no spaces: character pairs


def test_list_items_and_rules() -> None:
    assert BULLET.match("- a point")[1] == "a point"
    assert BULLET.match("12) another")[1] == "another"
    assert BULLET.match("-not a list item") is None
    assert is_rule("---") and is_rule("===") and not is_rule("") and not is_rule("- a")
