"""Check a method's ``-O KEY=VALUE`` options against its constructor before anything runs.

The CLI turns ``-O threshold=abc`` into the string ``"abc"``; passed on unchecked, it
fails deep inside numpy with a traceback, and in ``bench`` as an error on every cluster.
The constructor's signature already says what each option is (``threshold: float | None
= None``), so that is the one place the rules live: a value must fit the annotated type,
numbers must be finite, and no number may be negative (no method takes one, and a
negative seed or iteration count only fails later, further from the user's mistake).
"""

from __future__ import annotations

import inspect
import math
import types
import typing
from collections.abc import Mapping
from typing import Any

from summarize.errors import UsageError

_NAMES = {bool: "true or false", int: "a whole number", float: "a number", str: "text",
          type(None): "none"}


def _allowed(hint: Any) -> tuple[type, ...] | None:
    """The plain types a hint allows (``float | None`` -> float, NoneType), None for any."""
    if hint is inspect.Parameter.empty or hint is Any:
        return None
    if typing.get_origin(hint) in (typing.Union, types.UnionType):
        found: list[type] = []
        for arg in typing.get_args(hint):
            sub = _allowed(arg)
            if sub is None:
                return None
            found.extend(sub)
        return tuple(found)
    if typing.get_origin(hint) is typing.Literal:
        return tuple({type(v) for v in typing.get_args(hint)})
    return (hint,) if isinstance(hint, type) else None


def _fits(value: Any, allowed: tuple[type, ...]) -> bool:
    if isinstance(value, bool):
        return bool in allowed
    if isinstance(value, int):
        return int in allowed or float in allowed
    if isinstance(value, float):
        return float in allowed
    return any(isinstance(value, t) for t in allowed)


def parameters(cls: type) -> tuple[frozenset[str], bool] | None:
    """The names ``cls(...)`` takes (all but a ``**kwargs``) and whether it takes
    ``**kwargs`` too; None where it has no signature to read. One reading for the update
    brief, the benchmark and the TUI's options dialog."""
    try:
        params = inspect.signature(cls).parameters.values()
    except (TypeError, ValueError):
        return None
    names = frozenset(p.name for p in params if p.kind is not p.VAR_KEYWORD)
    return names, any(p.kind is p.VAR_KEYWORD for p in params)


def check(cls: type, method: str, options: Mapping[str, Any]) -> None:
    """Raise a one-line ``UsageError`` for the first option ``cls(**options)`` cannot take."""
    try:
        signature = inspect.signature(cls)
        hints = typing.get_type_hints(cls.__init__)
    except (TypeError, ValueError, NameError):
        return  # nothing to check against: the constructor itself will say
    params = signature.parameters
    open_ended = any(p.kind is p.VAR_KEYWORD for p in params.values())
    known = [n for n, p in params.items() if p.kind not in (p.VAR_KEYWORD, p.VAR_POSITIONAL)]
    for key, value in options.items():
        if key not in params:
            if open_ended:
                continue
            raise UsageError(f"method {method!r} has no option {key!r} "
                             f"(its options: {', '.join(known) or 'none'})")
        allowed = _allowed(hints.get(key, inspect.Parameter.empty))
        if allowed is not None and not _fits(value, allowed):
            wanted = " or ".join(dict.fromkeys(_NAMES.get(t, t.__name__) for t in allowed))
            raise UsageError(f"option {key}={value!r} for method {method!r}: expected {wanted}")
        number = isinstance(value, (int, float)) and not isinstance(value, bool)
        if number and (not math.isfinite(value) or value < 0):
            raise UsageError(f"option {key}={value!r} for method {method!r}: expected a "
                                 "finite number, not negative")


__all__ = ["check", "parameters"]
