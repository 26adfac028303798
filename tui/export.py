"""Writing the focused summary to a file, as Markdown (with citations) or JSON (with spans).

Uses ``summarize.render`` so that an export from the TUI is the same document the
``summarize brief`` command prints.
"""

from __future__ import annotations

from pathlib import Path
from typing import Literal

from summarize.errors import InputError
from summarize.model import Summary
from summarize.output import OutputError, write_output
from summarize.render import render_json, render_markdown

Format = Literal["markdown", "json"]

SUFFIX: dict[str, str] = {"markdown": "md", "json": "json"}


def default_path(summary: Summary, fmt: Format) -> str:
    """``<method>-summary.md`` or ``.json`` in the working directory."""
    return f"{summary.method}-summary.{SUFFIX[fmt]}"


def render(summary: Summary, fmt: Format) -> str:
    """The exported text: the same document ``summarize brief`` writes."""
    return render_markdown(summary) if fmt == "markdown" else render_json(summary)


def export(summary: Summary, fmt: Format, path: str) -> Path:
    """Write ``summary`` to ``path``; an InputError (shown as a notification) if it cannot."""
    target = Path(path).expanduser()
    try:
        write_output(target, render(summary, fmt))
    except OutputError as exc:
        raise InputError(str(exc)) from None
    return target
