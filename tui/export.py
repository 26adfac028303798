"""Writing the focused summary to a file, as Markdown (with citations) or JSON (with spans).

Uses ``summarize.render`` so that an export from the TUI is the same document the
``summarize brief`` command prints; the small local renderers below are used only
while that module is not there.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Literal

from summarize.errors import InputError
from summarize.model import Summary

Format = Literal["markdown", "json"]

SUFFIX: dict[str, str] = {"markdown": "md", "json": "json"}


def default_path(summary: Summary, fmt: Format) -> str:
    """``<method>-summary.md`` or ``.json`` in the working directory."""
    return f"{summary.method}-summary.{SUFFIX[fmt]}"


def render(summary: Summary, fmt: Format) -> str:
    """The exported text, ending with a newline."""
    try:
        from summarize import render as renderer
    except ImportError:
        text = _markdown(summary) if fmt == "markdown" else _json(summary)
    else:
        text = (renderer.render_markdown(summary) if fmt == "markdown"
                else renderer.render_json(summary))
    return text if text.endswith("\n") else text + "\n"


def export(summary: Summary, fmt: Format, path: str) -> Path:
    """Write ``summary`` to ``path``; an InputError (shown as a notification) if it cannot."""
    target = Path(path).expanduser()
    try:
        target.write_text(render(summary, fmt), encoding="utf-8")
    except OSError as exc:
        raise InputError(f"cannot write {path}: {exc.strerror or exc}") from None
    return target


def _citations(summary: Summary, support: tuple[str, ...]) -> str:
    numbers = {d.id: d.position + 1 for d in summary.documents}
    cited = sorted({numbers[d] for d in support if d in numbers})
    return "".join(f"[{n}]" for n in cited)


def _markdown(summary: Summary) -> str:
    lines = [f"# Summary ({summary.method})", ""]
    for item in summary.sentences:
        support = item.support or tuple(s.doc_id for s in item.sources)
        lines.append(f"- {item.text} {_citations(summary, support)}".rstrip())
    lines += ["", "## Sources", ""]
    lines += [f"{d.position + 1}. {d.title} ({d.source})" for d in summary.documents]
    return "\n".join(lines)


def _json(summary: Summary) -> str:
    data = {
        "method": summary.method,
        "options": {k: v for k, v in summary.options},
        "sentences": [
            {"text": s.text, "support": list(s.support), "generated": s.generated,
             "score": s.score,
             "sources": [{"doc_id": x.doc_id, "index": x.index, "start": x.start, "end": x.end,
                          "text": x.text} for x in s.sources]}
            for s in summary.sentences],
        "documents": [{"id": d.id, "title": d.title, "source": d.source}
                      for d in summary.documents],
    }
    return json.dumps(data, indent=2, ensure_ascii=False, default=str)
