"""A passage as HTML with the reader's words marked: Summarize's source view (a point's words) and the
Library's passage view (the question's words) both show one. Without Qt, so it is tested as text."""

from __future__ import annotations

import html
import re


def highlighted(text: str, words: set[str], style: str) -> str:
    """``text`` as HTML (escaped, line breaks kept) with every word starting with one of ``words`` in a span."""
    if not words:
        return html.escape(text).replace("\n", "<br>")
    pattern = re.compile(
        r"(?<![^\W_])(?:" + "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True)) + r")[^\W_]*",
        re.IGNORECASE,
    )
    out, at = [], 0
    for match in pattern.finditer(text):
        out.append(html.escape(text[at : match.start()]))
        out.append(f'<span style="{style}">{html.escape(match.group(0))}</span>')
        at = match.end()
    out.append(html.escape(text[at:]))
    return "".join(out).replace("\n", "<br>")
