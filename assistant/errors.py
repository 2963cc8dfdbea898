"""Every error a user may see, each with a message in plain words.

Logic raises these; the CLI prints ``error: <message>`` and the GUI shows them in one place
(``ui/error_presenter.py``). Anything that is not an ``AssistantError`` is a bug: it is logged
with its traceback and shown as "something went wrong".
"""

from __future__ import annotations


class AssistantError(Exception):
    """Base of all errors meant for the user. ``str(err)`` is the message to show."""


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
