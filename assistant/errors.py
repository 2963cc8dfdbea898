"""Every error a user may see, each with a message in plain words.

Logic raises these; the CLI prints ``error: <message>`` and the GUI shows them in one place
(``ui/error_presenter.py``). Anything that is not an ``AssistantError`` is a bug: it is logged
with its traceback and shown as "something went wrong".
"""

from __future__ import annotations

import re
import string
from typing import TypeVar


def translatable(template: str) -> str:
    """Marks an error message for the GUI's translators and returns it unchanged (logic stays free
    of Qt; the CLI speaks English). ``make i18n`` collects every ``translatable("…")`` as Qt's
    ``QT_TR_NOOP``, and ``ui/error_presenter`` shows the message translated. What varies goes in
    ``{names}`` filled from the error's keyword arguments, never into an f-string, so a sentence is
    one entry for the translator:

        raise HubError(translatable("{repo}: that file is not in the repository."), repo=repo)
    """
    return template


class AssistantError(Exception):
    """Base of all errors meant for the user. ``str(err)`` is the message to show, in English;
    ``template`` and ``fields`` are what it was made of, for the GUI to show it translated."""

    def __init__(self, message: str = "", /, **fields: object) -> None:
        self.template = message
        self.fields = fields
        super().__init__(message.format(**fields) if fields else message)

    def __reduce__(self):
        # Subclasses' own __init__ signatures differ; rebuild from what the message was made of.
        # A subclass's own attributes (an index, a reason) come back with the rest of __dict__.
        return (_rebuild, (type(self), self.template, self.fields, str(self)), self.__dict__)


def plain_fields(fields: dict) -> dict[str, str | int | float | None]:
    """An error's fields as JSON carries them to another process: numbers and text as they are,
    anything else as its text (which formats the same under a plain ``{name}``)."""
    return {str(k): v if v is None or isinstance(v, str | int | float) else str(v) for k, v in fields.items()}


# A format spec a template may ask of a field (``{count:,}``, ``{size:.1f}``, ``{timeout:g}``) when
# it comes from another process: no more (``{x:>999999999}`` would build a gigabyte before the
# result could be compared with the message).
_SPEC = re.compile(r"[<>^=]?[+\- ]?#?0?\d{0,2}[,_]?(\.\d{1,2})?[a-zA-Z%]?")

E = TypeVar("E", bound=AssistantError)


def rebuilt(cls: type[E], message: str, template: object = None, fields: object = None) -> E:
    """``cls`` for an error another process sent (the engine's HTTP error, the document reader's
    answer, a training event): from its ``template`` and ``fields`` when they make ``message`` again,
    so the GUI can show it translated; from ``message`` alone otherwise (another program's error, an
    odd answer). The sender may be any program: fields must be plain values, and the template may ask
    nothing of them but a plain name and a short format spec."""
    if isinstance(template, str) and isinstance(fields, dict):
        plain = all(v is None or isinstance(v, str | int | float) for v in fields.values())
        try:
            names = [(name, spec) for _, name, spec, _ in string.Formatter().parse(template) if name is not None]
            if plain and (not fields or all(n in fields and _SPEC.fullmatch(spec or "") for n, spec in names)):
                err = cls(template, **fields)
                if str(err) == message:
                    return err
        except (ValueError, TypeError, KeyError, IndexError, AttributeError):
            pass  # a template that does not fit its fields: the message still says it all
    return cls(message)


def _rebuild(cls: type[AssistantError], template: str, fields: dict, text: str) -> AssistantError:
    err = cls.__new__(cls)
    Exception.__init__(err, text)
    err.template, err.fields = template, fields
    return err


class Cancelled(AssistantError):
    """The user stopped the work. A normal end, not a failure: callers show nothing."""

    def __init__(self, message: str = "Stopped.") -> None:
        super().__init__(message)


class SettingsError(AssistantError):
    """The settings (file or values) are invalid; the message lists every problem."""


class ModelFileError(AssistantError):
    """A model file is missing, not a GGUF, damaged or hostile. The message names the file."""


class ModelTooLarge(AssistantError):
    """The model does not fit in the memory this machine has free (the message gives numbers)."""


class EngineError(AssistantError):
    """The model engine could not do what was asked."""


class EngineUnavailable(EngineError):
    """The engine could not be started or reached (a local start failed, a remote URL is down)."""


class EngineCrashed(EngineError):
    """The engine process died (crash, abort, out of memory, killed). The next request starts it again."""


class EngineAuthError(EngineError):
    """The engine refused the API key."""


class EngineRequestError(EngineError):
    """The engine rejected a request (bad parameters, no model loaded, ...)."""


class NoModelLoaded(EngineRequestError):
    """A generation was asked for before any model was loaded."""


class TemplateRejected(AssistantError):
    """A model's chat template was refused (unsafe, too slow, too large or broken)."""


class HubError(AssistantError):
    """The Hugging Face Hub could not answer: unreachable, or a repository or file that is not there."""


class HubAccessDenied(HubError):
    """The Hub refused access (401/403): a gated or private repository, or a wrong token."""


class DownloadError(AssistantError):
    """A model download failed: a name that is not safe, too little disk space, a checksum mismatch."""
