"""Secrets out of every message: API keys and URL credentials never reach the screen or a file.

A server can echo the key it refused (``401 {"error": "invalid key sk-..."}``), an endpoint
URL can carry ``user:password@``, and the benchmark stores every error in its database:
each place that shows or stores text from those sources passes it through ``redact`` first.
Two nets, because neither is enough alone: the values the process itself holds as secrets
(environment variables named like keys, and any the caller names) are replaced wherever they
appear, and so is anything shaped like a credential (URL user info, ``Bearer ...``,
``api_key=...``, ``sk-...`` tokens) whether or not this process knows the value.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterable, Mapping
from typing import Any

MASK = "***"

_SECRET_NAME = re.compile(r"KEY|TOKEN|SECRET|PASSWORD|PASSWD|CREDENTIAL", re.IGNORECASE)
_MIN_SECRET = 8
"""Shorter values are not replaced: ``KEY=us`` would mask every "us" in a message."""

_PATTERNS: tuple[tuple[re.Pattern[str], str], ...] = (
    # scheme://user:password@host -> scheme://***@host
    (re.compile(r"(?i)\b([a-z][a-z0-9+.\-]*://)[^/\s@?#]+@"), rf"\1{MASK}@"),
    # Authorization: Bearer abc..., Basic dXNlcjpw...
    (re.compile(r"(?i)\b(bearer|basic|token)(\s+)[A-Za-z0-9._~+/=\-]{6,}"), rf"\1\2{MASK}"),
    # api_key=..., "api_key": "...", password: ...
    (re.compile(r"(?i)\b((?:x[_\-])?api[_\-]?key|access[_\-]?token|auth[_\-]?token|secret"
                r"|password|passwd)(\"?\s*[=:]\s*\"?)[^\s\"'&,;}]+"), rf"\1\2{MASK}"),
    # ?key=...&token=... in a query string
    (re.compile(r"(?i)([?&][\w\-]*(?:key|token|secret|sig|password)[\w\-]*=)[^&\s#\"']+"),
     rf"\1{MASK}"),
    # Well-known token shapes: sk-..., sk-proj-..., hf_..., ghp_..., xoxb-..., AKIA...
    (re.compile(r"\b(?:sk|rk|pk)-[A-Za-z0-9_\-]{16,}|\bhf_[A-Za-z0-9]{16,}"
                r"|\bgh[pousr]_[A-Za-z0-9]{16,}|\bxox[abprs]-[A-Za-z0-9\-]{10,}"
                r"|\bAKIA[A-Z0-9]{16}\b"), MASK),
)


def secrets_from_env(environ: Mapping[str, str] | None = None) -> tuple[str, ...]:
    """Values of the environment variables whose names say they hold a secret."""
    env = os.environ if environ is None else environ
    return tuple(v for k, v in env.items()
                 if _SECRET_NAME.search(k) and len(v) >= _MIN_SECRET and not v.isspace())


def redact(text: str, secrets: Iterable[str] = ()) -> str:
    """``text`` with every known secret and everything shaped like a credential masked."""
    known = {s for s in (*secrets, *secrets_from_env()) if s and len(s) >= _MIN_SECRET}
    for value in sorted(known, key=len, reverse=True):  # a key that contains another first
        text = text.replace(value, MASK)
    for pattern, replacement in _PATTERNS:
        text = pattern.sub(replacement, text)
    return text


def redact_value(value: Any, secrets: Iterable[str] = ()) -> Any:
    """``redact`` applied to every string inside nested dicts, lists and tuples (options)."""
    secrets = tuple(secrets)
    if isinstance(value, str):
        return redact(value, secrets)
    if isinstance(value, Mapping):
        return {k: redact_value(v, secrets) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return type(value)(redact_value(v, secrets) for v in value)
    return value


__all__ = ["MASK", "redact", "redact_value", "secrets_from_env"]
