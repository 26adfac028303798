"""Rendering a Summary as plain text, Markdown with citations, or JSON with full provenance.

Citations are numbered by input position (``[1]`` is the first document given), and
list every document that reports the sentence's content (its redundancy group), so
a reader can see how well each statement is corroborated.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from summarize.model import Document, Sentence, Summary, SummarySentence

FORMATS = ("text", "markdown", "json")

UNSUPPORTED = "[unsupported]"
"""After a generated sentence that its cited sources do not back (JSON: ``supported: false``)."""


def render(summary: Summary, fmt: str = "text", *, conflicts: bool = False) -> str:
    """The summary in ``fmt``; always ends with a newline."""
    if fmt == "text":
        return render_text(summary, conflicts=conflicts)
    if fmt == "markdown":
        return render_markdown(summary, conflicts=conflicts)
    if fmt == "json":
        return render_json(summary)
    raise ValueError(f"unknown format {fmt!r}")


def render_text(summary: Summary, *, conflicts: bool = False) -> str:
    """One sentence per line: easy to read, diff and grep."""
    lines = [s.text if s.supported else f"{s.text} {UNSUPPORTED}" for s in summary.sentences]
    if summary.anchor is not None:
        lines += ["", _anchor_line(summary, cite="name")]
    if conflicts and summary.conflicts:
        lines += ["", "Conflicting figures:"] + [f"- {_conflict_line(c, summary, cite='name')}"
                                                 for c in summary.conflicts]
    return "\n".join(lines) + "\n"


def citations(item: SummarySentence, documents: tuple[Document, ...]) -> str:
    """``[1][3][4]``: every supporting document, by input position."""
    by_id = {d.id: d.position for d in documents}
    ids = item.support or tuple(dict.fromkeys(s.doc_id for s in item.sources))
    numbers = sorted({by_id[i] + 1 for i in ids if i in by_id})
    return "".join(f"[{n}]" for n in numbers)


def render_markdown(summary: Summary, *, conflicts: bool = False) -> str:
    """The brief with citations after each sentence, then the numbered list of sources."""
    words = summary.words
    out = [f"# Brief ({summary.method}, {words} words, {len(summary.documents)} sources)", ""]
    for item in summary.sentences:
        mark = "" if item.supported else f" **{UNSUPPORTED}**"
        out.append(f"- {item.text} {citations(item, summary.documents)}".rstrip() + mark)
    if summary.anchor is not None:
        out += ["", f"*{_anchor_line(summary)}*"]
    if conflicts and summary.conflicts:
        out += ["", "## Conflicting figures", ""]
        out += [f"- {_conflict_line(c, summary)}" for c in summary.conflicts]
    out += ["", "## Sources", ""]
    for doc in summary.documents:
        name = Path(doc.source).name if doc.source else doc.id
        out.append(f"{doc.position + 1}. {doc.title or doc.id} (`{name}`)")
    return "\n".join(out) + "\n"


def _anchor_line(summary: Summary, cite: str = "number") -> str:
    """The date anchor's line; the report cited by number, or by name where no source list
    follows (plain text)."""
    anchor = summary.anchor
    assert anchor is not None
    doc = next((d for d in summary.documents if d.id == anchor.doc_id), None)
    if doc is None:
        return anchor.describe(f"({anchor.doc_id})")
    if cite == "name":
        return anchor.describe(f"({Path(doc.source).name if doc.source else doc.id})")
    return anchor.describe(f"[{doc.position + 1}]")


def _conflict_line(conflict: Any, summary: Summary, cite: str = "number") -> str:
    """``hostages: about 240 [3] vs 253 [5]``: values cited like the brief's sentences; by
    file name (``about 240 (cnn.txt)``) where no source list follows (plain text)."""
    if cite == "name":
        by_id = {d.id: f"({Path(d.source).name if d.source else d.id})"
                 for d in summary.documents}
    else:
        by_id = {d.id: f"[{d.position + 1}]" for d in summary.documents}
    subject = conflict.description.partition(":")[0] if ":" in conflict.description else ""
    parts = [f"{value} {by_id.get(doc_id, f'({doc_id})')}" for value, doc_id, _ in conflict.values]
    line = " vs ".join(parts)
    return f"{subject}: {line}" if subject else line


def sentence_dict(s: Sentence) -> dict[str, Any]:
    return {"doc_id": s.doc_id, "index": s.index, "start": s.start, "end": s.end, "text": s.text}


def summary_dict(summary: Summary) -> dict[str, Any]:
    """Everything in a Summary as plain JSON-able data (also stored by the benchmark)."""
    return {
        "method": summary.method,
        "options": dict(summary.options),
        "words": summary.words,
        "sentences": [
            {
                "text": item.text,
                "score": round(item.score, 6),
                "generated": item.generated,
                "supported": item.supported,
                "citations": citations(item, summary.documents),
                "support": list(item.support),
                "group": item.group,
                "sources": [sentence_dict(s) for s in item.sources],
                "group_members": [sentence_dict(s) for s in item.group_members],
            }
            for item in summary.sentences
        ],
        "conflicts": [
            {"group": c.group, "description": c.description,
             "values": [{"value": v, "doc_id": d, "sentence": t} for v, d, t in c.values]}
            for c in summary.conflicts
        ],
        "removed": [
            {"sentence": sentence_dict(r.sentence), "duplicate_of": sentence_dict(r.duplicate_of),
             "similarity": round(r.similarity, 4)}
            for r in summary.removed
        ],
        "inputs": [
            {"id": d.id, "title": d.title, "source": d.source, "position": d.position}
            for d in summary.documents
        ],
        "warnings": list(summary.warnings),
        "date_anchor": None if summary.anchor is None else {
            "relative": list(summary.anchor.relative), "date": summary.anchor.date,
            "doc_id": summary.anchor.doc_id, "text": _anchor_line(summary)},
    }


def render_json(summary: Summary) -> str:
    return json.dumps(summary_dict(summary), ensure_ascii=False, indent=2) + "\n"


