"""The user's Hugging Face access token, for gated and private repositories.

Kept in the OS keyring (macOS Keychain, Windows Credential Locker, the Secret Service on Linux) where
there is one; otherwise in the Hub's own token file (``HF_HOME/token``), written 0600, which other
Hugging Face tools read too. ``HF_TOKEN`` in the environment wins over both, as it does for them.
"""

from __future__ import annotations

import contextlib
import os
from pathlib import Path

from assistant.errors import HubError, translatable

KEYRING_SERVICE = "assistant"
KEYRING_USER = "huggingface-token"


def _keyring():
    """The keyring module if a real backend is available, else None."""
    try:
        import keyring
        from keyring.backends import fail
    except ImportError:
        return None
    try:
        backend = keyring.get_keyring()
    except Exception:
        return None
    return None if isinstance(backend, fail.Keyring) else keyring


def token_file() -> Path:
    from huggingface_hub import constants

    return Path(constants.HF_TOKEN_PATH)


def load() -> str | None:
    """The token to send to the Hub, or None."""
    env = os.environ.get("HF_TOKEN", "").strip()
    if env:
        return env
    kr = _keyring()
    if kr is not None:
        try:
            stored = kr.get_password(KEYRING_SERVICE, KEYRING_USER)
        except Exception:
            stored = None
        if stored:
            return stored
    try:
        text = token_file().read_text(encoding="utf-8").strip()
    except (OSError, UnicodeDecodeError):
        return None
    return text or None


def save(token: str) -> Path | None:
    """Store ``token``; return the file it went to, or None when it went to the system keyring."""
    token = token.strip()
    if not token or any(c.isspace() for c in token) or not token.isprintable():
        raise HubError(translatable("An access token is one word with no spaces (it starts with hf_)."))
    kr = _keyring()
    if kr is not None:
        try:
            kr.set_password(KEYRING_SERVICE, KEYRING_USER, token)
            return None
        except Exception:
            pass  # a locked or broken keyring: fall back to the file
    path = token_file()
    path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    temp = path.with_name(path.name + f".{os.getpid()}.tmp")
    fd = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC | getattr(os, "O_NOFOLLOW", 0), 0o600)
    try:
        if hasattr(os, "fchmod"):
            os.fchmod(fd, 0o600)  # O_CREAT's mode is filtered by the umask
        os.write(fd, token.encode())
    finally:
        os.close(fd)
    os.replace(temp, path)
    return path


def forget() -> None:
    """Remove the stored token from the keyring and the token file."""
    kr = _keyring()
    if kr is not None:
        with contextlib.suppress(Exception):  # nothing stored, or a locked keyring
            kr.delete_password(KEYRING_SERVICE, KEYRING_USER)
    token_file().unlink(missing_ok=True)
