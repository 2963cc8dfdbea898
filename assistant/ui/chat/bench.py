"""``assistant bench ui``: does a streaming reply keep the window responsive?

Measured in one run, on one machine, with no model (the text is synthetic, so the figures are the
UI's alone):
  (a) the app's path: a ``TranscriptView`` holding ``history`` messages, the reply fed through
      ``stream_text`` (buffered, rendered once per frame, incrementally by ``MarkdownRenderer``);
  (b) the naive path many chat UIs take: the same history in a column of ``QTextBrowser``s and,
      on every token, ``setMarkdown`` of the whole reply so far.
Tokens (word-sized pieces) arrive at ``rate`` per second, several per 5 ms tick as an SSE batch
would. A 1 ms heartbeat timer records the gaps between its ticks; a stall is a gap minus 1 ms, the
time the event loop could not answer (a user's click or keystroke waits as long). The headline is
p99(b) / p99(a); the goal is p99 < 16 ms (one frame) and max < 50 ms for (a).

(b) gets slower with every token, so it stops after ``BASELINE_LIMIT_S`` seconds and reports how
many tokens it got through: its figures then cover only the shorter, cheaper start of the reply.

This is a benchmark, not a test: it asserts nothing, and it prints the machine it ran on.
"""

from __future__ import annotations

import argparse
import itertools
import json
import math
import re
import statistics
import sys
import time
from collections.abc import Callable

from PySide6 import __version__ as pyside_version
from PySide6.QtCore import QEventLoop, QSizeF, Qt, QTimer, qVersion
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication, QFrame, QScrollArea, QTextBrowser, QVBoxLayout, QWidget

from assistant.bench.machine import cpu
from assistant.ui.chat.markdown import MARKDOWN_FEATURES
from assistant.ui.chat.transcript_view import MessageItem, TranscriptView

BASELINE_LIMIT_S = 60.0
TICK_MS = 5
HEARTBEAT_MS = 1
WINDOW_SIZE = (900, 700)
# A tick may catch up on at most this many ticks' worth of tokens, so a path that falls behind
# gets a bounded batch per tick, as a real event queue would deliver it, not the whole backlog.
CATCH_UP_TICKS = 4

_PROSE = (
    "the model reads every token and the interface keeps up while the user scrolls selects and "
    "copies text in a long answer about caching layouts parsing streaming rendering and frames"
)
_WORDS = _PROSE.split(" ")

_CODE = {
    "python": [
        "def fibonacci(n: int) -> list[int]:",
        '    """Return the first n Fibonacci numbers."""',
        "    seq = [0, 1]",
        "    while len(seq) < n:",
        "        seq.append(seq[-1] + seq[-2])  # the sum of the last two",
        "    return seq[:n]",
        "",
        "print(fibonacci({i}))",
    ],
    "javascript": [
        "async function fetchAll(urls) {{",
        "  const results = await Promise.all(urls.map((u) => fetch(u)));",
        "  return results.filter((r) => r.ok).length + {i};",
        "}}",
    ],
    "rust": [
        "fn main() {{",
        "    let v: Vec<u32> = (0..{i}).map(|x| x * x).collect();",
        '    println!("{{:?}}", v.iter().sum::<u32>());',
        "}}",
    ],
    "bash": [
        "for f in *.log; do",
        '  gzip -9 "$f" && echo "packed $f ({i})"',
        "done",
    ],
}


def _sentence(i: int, words: int = 14) -> str:
    picked = [_WORDS[(i * 7 + k * 3) % len(_WORDS)] for k in range(words)]
    picked[0] = picked[0].capitalize()
    if words > 6:
        picked[3] = f"**{picked[3]}**"
        picked[6] = f"`{picked[6]}`"
    return " ".join(picked) + "."


def _code(language: str, i: int) -> str:
    return "\n".join(line.format(i=i) for line in _CODE[language])


def _section(i: int) -> str:
    """One varied chunk of Markdown: a heading, prose, a list, a code block, sometimes a table."""
    languages = list(_CODE)
    parts = [
        f"## Part {i + 1}: {_WORDS[i % len(_WORDS)]}",
        " ".join(_sentence(i * 5 + k) for k in range(4)),
        "\n".join(f"- {_sentence(i * 3 + k, 8)}" for k in range(4)),
        f"```{languages[i % len(languages)]}\n{_code(languages[i % len(languages)], i)}\n```",
        " ".join(_sentence(i * 11 + k) for k in range(3)),
    ]
    if i % 2 == 0:
        rows = "\n".join(f"| {_WORDS[(i + r) % len(_WORDS)]} | {r * i} | {r % 3 == 0} |" for r in range(6))
        parts.append(f"| name | value | ok |\n|---|---:|:---:|\n{rows}")
    parts.append("\n".join(f"{k + 1}. {_sentence(i + k, 6)}" for k in range(3)))
    return "\n\n".join(parts)


def reply_pieces(tokens: int) -> list[str]:
    """A synthetic reply of exactly ``tokens`` word-sized pieces (leading whitespace kept)."""
    pieces: list[str] = []
    i = 0
    while len(pieces) < tokens:
        pieces.extend(re.findall(r"\s*\S+", ("\n\n" if i else "") + _section(i)))
        i += 1
    return pieces[:tokens]


def history_items(count: int) -> list[MessageItem]:
    """A conversation of ``count`` messages, user and assistant in turn, of realistic Markdown."""
    items = []
    for i in range(count):
        if i % 2 == 0:
            items.append(MessageItem(i + 1, "user", f"Question {i // 2 + 1}: {_sentence(i)} Can you show an example?"))
        else:
            items.append(MessageItem(i + 1, "assistant", _section(i)))
    return items


# -- the two paths ------------------------------------------------------------------------------


class _AppPath:
    name = "(a) app: TranscriptView.stream_text"

    def __init__(self, history: list[MessageItem]) -> None:
        self.view = TranscriptView()
        self.view.resize(*WINDOW_SIZE)
        self.view.set_messages(history)
        self.reply_id = len(history) + 1

    @property
    def window(self) -> QWidget:
        return self.view

    def begin(self) -> None:
        self.view.begin_stream(MessageItem(self.reply_id, "assistant", ""))

    def feed(self, piece: str) -> None:
        self.view.stream_text(self.reply_id, piece)

    def finish(self) -> None:
        self.view.finish_stream(self.reply_id)

    def text(self) -> str:
        return self.view.message_text(self.reply_id)


class _NaiveBrowser(QTextBrowser):
    """A QTextBrowser as tall as its document, as the app's message view is, so only rendering differs."""

    def __init__(self, markdown: str) -> None:
        super().__init__()
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setOpenLinks(False)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.document().documentLayout().documentSizeChanged.connect(self._fit)
        self.document().setMarkdown(markdown, MARKDOWN_FEATURES)

    def _fit(self, size: QSizeF) -> None:
        self.setFixedHeight(math.ceil(size.height()))


class _NaivePath:
    name = "(b) naive: setMarkdown per token"

    def __init__(self, history: list[MessageItem]) -> None:
        self.area = QScrollArea()
        self.area.setWidgetResizable(True)
        self.area.resize(*WINDOW_SIZE)
        container = QWidget()
        self.column = QVBoxLayout(container)
        for item in history:
            self.column.addWidget(_NaiveBrowser(item.content))
        self.column.addStretch(1)
        self.area.setWidget(container)
        self.reply: _NaiveBrowser | None = None
        self.parts: list[str] = []

    @property
    def window(self) -> QWidget:
        return self.area

    def begin(self) -> None:
        self.reply = _NaiveBrowser("")
        self.column.insertWidget(self.column.count() - 1, self.reply)

    def feed(self, piece: str) -> None:
        assert self.reply is not None
        self.parts.append(piece)
        bar = self.area.verticalScrollBar()
        at_bottom = bar.value() >= bar.maximum() - 4
        self.reply.document().setMarkdown("".join(self.parts), MARKDOWN_FEATURES)
        if at_bottom:
            bar.setValue(bar.maximum())

    def finish(self) -> None:
        pass

    def text(self) -> str:
        return "".join(self.parts)


# -- measuring ----------------------------------------------------------------------------------


def _wait(ms: int) -> None:
    loop = QEventLoop()
    QTimer.singleShot(ms, loop.quit)
    loop.exec()


def _percentile(values: list[float], q: float) -> float:
    if not values:
        return 0.0
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, math.ceil(q * len(ordered)) - 1))]


def measure(path: _AppPath | _NaivePath, pieces: list[str], rate: float, limit_s: float | None) -> dict[str, object]:
    """Stream ``pieces`` into ``path`` at ``rate`` tokens/s and record the event loop's stalls."""
    window = path.window
    window.show()
    _wait(300)  # let the history lay out and paint before the clock starts
    path.begin()
    beats: list[float] = []
    state = {"fed": 0, "truncated": False, "end": 0.0}
    per_tick = max(1, math.ceil(rate * TICK_MS / 1000 * CATCH_UP_TICKS))
    loop = QEventLoop()

    heartbeat = QTimer()
    heartbeat.setTimerType(Qt.TimerType.PreciseTimer)
    heartbeat.setInterval(HEARTBEAT_MS)
    heartbeat.timeout.connect(lambda: beats.append(time.perf_counter()))
    feeder = QTimer()
    feeder.setTimerType(Qt.TimerType.PreciseTimer)
    feeder.setInterval(TICK_MS)

    start = time.perf_counter()

    def tick() -> None:
        now = time.perf_counter()
        due = min(len(pieces), int((now - start) * rate) + 1, state["fed"] + per_tick)
        for k in range(state["fed"], due):
            path.feed(pieces[k])
        state["fed"] = max(state["fed"], due)
        done = state["fed"] >= len(pieces)
        if not done and limit_s is not None and time.perf_counter() - start > limit_s:
            state["truncated"] = True
            done = True
        if done:
            feeder.stop()
            path.finish()
            state["end"] = time.perf_counter()
            # A few more frames, so that the last render's stall is counted too.
            QTimer.singleShot(50, loop.quit)

    feeder.timeout.connect(tick)
    heartbeat.start()
    beats.append(time.perf_counter())
    feeder.start()
    loop.exec()
    heartbeat.stop()
    window.hide()

    gaps = [(b - a) * 1000 for a, b in itertools.pairwise(beats)]
    stalls = [max(0.0, g - HEARTBEAT_MS) for g in gaps]
    text = path.text()
    return {
        "path": path.name,
        "tokens_fed": state["fed"],
        "tokens_total": len(pieces),
        "truncated": state["truncated"],
        "limit_s": limit_s,
        "total_s": round(state["end"] - start, 3),
        "stall_p50_ms": round(statistics.median(stalls), 2) if stalls else 0.0,
        "stall_p99_ms": round(_percentile(stalls, 0.99), 2),
        "stall_max_ms": round(max(stalls, default=0.0), 2),
        "heartbeats": len(beats),
        "text_ok": text == "".join(pieces[: state["fed"]]),
    }


def run(tokens: int, rate: float, history: int, *, progress=None, limit_s: float = BASELINE_LIMIT_S) -> dict:
    progress = progress or sys.stderr
    app = QApplication.instance() or QApplication(sys.argv[:1])
    pieces = reply_pieces(tokens)
    items = history_items(history)
    report: dict[str, object] = {
        "tokens": len(pieces),
        "rate": rate,
        "history": history,
        "window": list(WINDOW_SIZE),
        "machine": cpu(),
        "qt": qVersion(),
        "pyside": pyside_version,
        "platform": QGuiApplication.platformName(),
    }
    results = []
    paths: list[tuple[Callable[[list[MessageItem]], _AppPath | _NaivePath], float | None]] = [
        (_AppPath, None),
        (_NaivePath, limit_s),
    ]
    for make, limit in paths:
        path = make(items)
        progress.write(f"{path.name}: {len(pieces)} tokens at {rate:g}/s over {history} messages…\n")
        progress.flush()
        results.append(measure(path, pieces, rate, limit))
        path.window.close()
        path.window.deleteLater()
        app.processEvents()
    app_result, naive = results
    report["results"] = results
    a99 = float(app_result["stall_p99_ms"])
    b99 = float(naive["stall_p99_ms"])
    report["p99_ratio"] = round(b99 / max(a99, 0.01), 1)
    report["goal"] = "p99 < 16 ms and max < 50 ms for (a)"
    report["goal_met"] = a99 < 16 and float(app_result["stall_max_ms"]) < 50
    return report


def print_report(report: dict, out=None) -> None:
    out = out or sys.stdout
    m = report["machine"]
    cores = f"{m['logical_cores']} logical cores"
    if m["physical_cores"]:
        cores += f" ({m['physical_cores']} physical)"
    out.write(
        f"UI streaming: {report['tokens']} tokens at {report['rate']:g} tokens/s after {report['history']} messages, "
        f"{report['window'][0]}×{report['window'][1]} window\n"
        f"machine: {m['cpu']}, {cores}; Qt {report['qt']} (PySide6 {report['pyside']}), platform {report['platform']}\n"
    )
    rows = [("path", "p50 stall", "p99 stall", "max stall", "total", "tokens")]
    for r in report["results"]:
        tokens = f"{r['tokens_fed']}/{r['tokens_total']}"
        if r["truncated"]:
            tokens += f" (stopped after {r['limit_s']:g} s)"
        rows.append(
            (
                r["path"],
                f"{r['stall_p50_ms']:.1f} ms",
                f"{r['stall_p99_ms']:.1f} ms",
                f"{r['stall_max_ms']:.1f} ms",
                f"{r['total_s']:.1f} s",
                tokens,
            )
        )
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
    for row in rows:
        cells = [c.ljust(widths[i]) if i in (0, 5) else c.rjust(widths[i]) for i, c in enumerate(row)]
        out.write("  ".join(cells).rstrip() + "\n")
    if any(r["truncated"] for r in report["results"]):
        out.write("(b) was stopped early: its figures cover only the start of the reply, where it is fastest.\n")
    out.write(f"p99 stall ratio (b)/(a): {report['p99_ratio']:g}×\n")
    out.write(f"goal, {report['goal']}: {'met' if report['goal_met'] else 'NOT met'}\n")


def main(args: argparse.Namespace) -> int:
    report = run(
        int(getattr(args, "tokens", 8000)),
        float(getattr(args, "rate", 2000)),
        int(getattr(args, "history", 200)),
        limit_s=float(getattr(args, "baseline_limit", BASELINE_LIMIT_S)),
    )
    if getattr(args, "json", False):
        sys.stdout.write(json.dumps(report, indent=2) + "\n")
    else:
        print_report(report)
    return 0
