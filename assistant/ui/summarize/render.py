"""The Summarize panel's views as HTML, made here without Qt: the summary (each point a ``point:N`` link)
and a passage with the point's words marked.

Why not the chat's Markdown renderer (``ui.chat.markdown``): a summary needs its bullets matched to
the points found in it and linked, which a general renderer does not know about, and it is a few
shapes only (headings, lists, paragraphs, bold and code). Links and images become their text: a
summary of someone else's document must not load or follow anything.
"""

from __future__ import annotations

import html
import re
from collections.abc import Sequence
from dataclasses import dataclass

from assistant.core.summarize import Point, Summary, split_points
from assistant.core.text import BULLET, is_rule
from assistant.ui.data_words import shown_label


@dataclass(frozen=True)
class SummaryWords:
    """The few words the summary view adds, translated by the panel."""

    stopped_early: str
    empty: str
    sources: str
    no_source: str


_INLINE = re.compile(
    r"\*\*(?P<bold>[^*]+)\*\*|`(?P<code>[^`]+)`|!?\[(?P<link>[^\]]*)\]\([^)]*\)|\*(?P<em>[^*\s][^*]*)\*"
)


def inline_html(text: str) -> str:
    """Bold, italics and code of one line as HTML; links and images become their text (nothing to load or
    follow); everything else escaped."""
    out, at = [], 0
    for match in _INLINE.finditer(text):
        out.append(html.escape(text[at : match.start()]))
        if match["bold"] is not None:
            out.append(f"<b>{html.escape(match['bold'])}</b>")
        elif match["code"] is not None:
            out.append(f"<code>{html.escape(match['code'])}</code>")
        elif match["link"] is not None:
            out.append(html.escape(match["link"]))
        else:
            out.append(f"<i>{html.escape(match['em'])}</i>")
        at = match.end()
    out.append(html.escape(text[at:]))
    return "".join(out)


def where(point: Point) -> str:
    return "; ".join(f"{s.document}, {shown_label(s.label)}" for s in point.sources)


def summary_html(summary: Summary, words: SummaryWords) -> str:
    """Headings, paragraphs and lists of the text; each bullet that is a point links to ``point:N``, and
    the points in prose (sentences) are listed under "Sources" with where they came from."""
    points = summary.points
    out: list[str] = []
    if summary.partial:
        out.append(f"<p><i>{html.escape(words.stopped_early)}</i></p>")
    if not summary.text.strip():
        out.append(f"<p>{html.escape(words.empty)}</p>")
    prose: list[int] = []
    next_point = 0
    in_list = False

    def close_list() -> None:
        nonlocal in_list
        if in_list:
            out.append("</ul>")
            in_list = False

    for raw in summary.text.splitlines():
        line = raw.strip()
        if not line:
            close_list()
            continue
        if line.startswith("#"):
            close_list()
            level = min(6, len(line) - len(line.lstrip("#")) + 2)
            out.append(f"<h{level}>{inline_html(line.lstrip('#').strip())}</h{level}>")
            continue
        if is_rule(line):
            close_list()
            out.append("<hr>")
            continue
        bullet = BULLET.match(line)
        if bullet:
            if not in_list:
                out.append("<ul>")
                in_list = True
            body = bullet[1].strip()
            if next_point < len(points) and points[next_point].text == body:
                out.append(f"<li>{point_link(points, next_point, inline_html(body), words)}</li>")
                next_point += 1
            else:
                out.append(f"<li>{inline_html(body)}</li>")
            continue
        close_list()
        for sentence in split_points(line):
            if next_point < len(points) and points[next_point].text == sentence:
                prose.append(next_point)
                next_point += 1
        out.append(f"<p>{inline_html(line)}</p>")
    close_list()
    prose += range(next_point, len(points))  # anything not matched above still gets its link
    if prose:
        out.append(f"<h4>{html.escape(words.sources)}</h4><ul>")
        for index in prose:
            text = points[index].text
            clipped = text if len(text) <= 120 else text[:119].rstrip() + "…"
            out.append(f"<li>{point_link(points, index, inline_html(clipped), words)}</li>")
        out.append("</ul>")
    return "".join(out)


def point_link(points: Sequence[Point], index: int, body: str, words: SummaryWords) -> str:
    """A point as a ``point:N`` link, followed by where it came from; a point that no passage
    matches is no link (a citation to nothing is worse than none), only marked as such."""
    point = points[index]
    if not point.sources:
        return f'{body} <span style="color: gray;">({html.escape(words.no_source)})</span>'
    return f'<a href="point:{index}">{body}</a> <span style="color: gray;">({html.escape(where(point))})</span>'
