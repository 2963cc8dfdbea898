"""How a template fails: aborted by a cap, rejected, or refusing a conversation itself; and the reason in words."""

from __future__ import annotations

from jinja2.exceptions import SecurityError, TemplateSyntaxError, UndefinedError

from assistant.errors import TemplateRejected


class Abort(BaseException):
    """Stops a render from inside the template's code.

    A BaseException so that no ``except Exception`` on the way up, in Jinja2 (``Template.generate``,
    constant folding, undefined handling) or in the standard library, can catch it and let the template
    go on.
    """

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


class Rejected(TemplateRejected):
    """A TemplateRejected that also keeps the bare reason, which load_template puts in its warning."""

    def __init__(self, message: str, reason: str, /, **fields: object) -> None:
        super().__init__(message, **fields)
        self.reason = reason


class TemplateRaised(Rejected):
    """The template called ``raise_exception``. It refuses this conversation; nothing unsafe happened."""


def reason_of(err: TemplateRejected) -> str:
    return err.reason if isinstance(err, Rejected) else str(err)


def _short(err: BaseException, limit: int = 200) -> str:
    text = str(err).rstrip(".")  # the reason goes inside a sentence that has its own full stop
    return text if len(text) <= limit else text[: limit - 1] + "…"


def explain(err: BaseException) -> str:
    """Says in plain words why a render or compile failed."""
    if isinstance(err, Abort):
        return err.reason
    if isinstance(err, SecurityError):
        return f"it tried to reach Python internals ({_short(err)})"
    if isinstance(err, TemplateSyntaxError):
        return f"{err.message or 'syntax error'} (line {err.lineno})"
    if isinstance(err, UndefinedError):
        return f"it used something that does not exist ({_short(err)})"
    if isinstance(err, RecursionError):
        return "it recursed too deeply"
    if isinstance(err, MemoryError):
        return "it ran out of memory"
    if isinstance(err, OverflowError):
        return f"it asked for too much ({_short(err)})"
    return f"it failed with {type(err).__name__}: {_short(err)}"
