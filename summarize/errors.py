"""Errors that the command line turns into one line on stderr and exit status 2.

Anything raised as a ``SummarizeError`` is a problem with the user's input or
options, not a bug: the CLI prints ``summarize: <message>`` and exits 2 without a
traceback. Everything else is a bug and keeps its traceback.
"""

from __future__ import annotations


class SummarizeError(Exception):
    """Base class for errors caused by input or options."""


class InputError(SummarizeError):
    """The input cannot be read or holds no text (missing, empty, binary...)."""


class UsageError(SummarizeError):
    """An option or argument is invalid (unknown method, zero budget, bad threshold...)."""


class MissingExtra(SummarizeError):
    """A method needs an optional extra that is not installed."""

    def __init__(self, method: str, extra: str, detail: str = "") -> None:
        self.method = method
        self.extra = extra
        message = (f"method {method!r} needs the {extra!r} extra: "
                   f"pip install 'mds-summarize[{extra}]'")
        if detail:
            message += f" ({detail})"
        super().__init__(message)
