"""Rendering an update brief (``summarize.update.Update``) as text, Markdown or JSON.

Every sentence is marked new and cites the new reports that carry it, numbered as in the
full brief of the new reports (``[1]``..); earlier reports are cited ``[E1]``.. in their own
order (an earlier brief's ``[3]`` is ``[E3]`` here). Changed facts are their own section,
earlier value first. An update with nothing new still says so in the output, in one line,
never as an empty file.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from summarize.model import Document
from summarize.render import _anchor_line, citations, sentence_dict, summary_dict
from summarize.update import Change, Update


def render_update(update: Update, fmt: str = "text") -> str:
    """The update in ``fmt`` (``text``, ``markdown`` or ``json``); ends with a newline."""
    if fmt == "text":
        return update_text(update)
    if fmt == "markdown":
        return update_markdown(update)
    if fmt == "json":
        return json.dumps(update_dict(update), ensure_ascii=False, indent=2) + "\n"
    raise ValueError(f"unknown format {fmt!r}")


def _name(doc: Document) -> str:
    return Path(doc.source).name if doc.source else doc.id


def _earlier_cite(update: Update, doc_id: str) -> str:
    for doc in update.earlier:
        if doc.id == doc_id:
            return f"[E{doc.position + 1}]"
    return f"({doc_id})"


def _new_cite(update: Update, doc_id: str) -> str:
    for doc in update.summary.documents:
        if doc.id == doc_id:
            return f"[{doc.position + 1}]"
    return f"({doc_id})"


def change_line(update: Update, change: Change) -> str:
    """``hostages: about 240 [E3] -> 253 [2]``: before, then now, each value cited."""
    before = ", ".join(f"{v} {_earlier_cite(update, d)}" for v, d, _t in change.before)
    after = ", ".join(f"{v} {_new_cite(update, d)}" for v, d, _t in change.after)
    return f"{change.subject}: {before} -> {after}"


def update_text(update: Update) -> str:
    """A heading line, then one new sentence per line (``+``, with the names of the new
    reports that carry it), the changed facts, the date note."""
    summary = update.summary
    by_id = {d.id: d for d in summary.documents}
    lines = [update.message if update.nothing_new or not summary.sentences
             else f"New since {update.since}:"]
    for item in summary.sentences:
        names = ", ".join(_name(by_id[i]) for i in item.support if i in by_id)
        lines.append(f"+ {item.text} ({names})" if names else f"+ {item.text}")
    if update.changed:
        lines += ["", "Changed since then (earlier [E], new [n]):"]
        lines += [f"- {change_line(update, c)}" for c in update.changed]
    if summary.anchor is not None and summary.sentences:
        lines += ["", _anchor_line(summary, cite="name")]
    return "\n".join(lines) + "\n"


def update_markdown(update: Update) -> str:
    """The update with a New mark and citations after each sentence, the changed facts,
    then the new and the earlier sources."""
    summary = update.summary
    out = [f"# Update ({summary.method}, {summary.words} words, "
           f"{len(summary.documents)} new {_reports(len(summary.documents))} since "
           f"{update.since})", ""]
    if not summary.sentences:
        out.append(f"*{update.message}*")
    for item in summary.sentences:
        out.append(f"- **New:** {item.text} {citations(item, summary.documents)}".rstrip())
    if summary.anchor is not None and summary.sentences:
        out += ["", f"*{_anchor_line(summary)}*"]
    if update.changed:
        out += ["", "## Changed facts", ""]
        out += [f"- {change_line(update, c)}" for c in update.changed]
    out += ["", "## New sources", ""]
    for doc in summary.documents:
        out.append(f"{doc.position + 1}. {doc.title or doc.id} (`{_name(doc)}`)")
    out += ["", "## Earlier sources (already known)", ""]
    for doc in update.earlier:
        out.append(f"- [E{doc.position + 1}] {doc.title or doc.id} (`{_name(doc)}`)")
    return "\n".join(out) + "\n"


def _reports(n: int) -> str:
    return "report" if n == 1 else "reports"


def update_dict(update: Update) -> dict[str, Any]:
    """The brief's JSON (``render.summary_dict``: still readable by ``--since``) with, per
    sentence, ``new`` and the new reports that carry it, and the update's own fields."""
    data = summary_dict(update.summary)
    by_id = {d.id: d for d in update.summary.documents}
    for entry, item in zip(data["sentences"], update.summary.sentences, strict=True):
        entry["new"] = True
        entry["carried_by"] = [{"id": i, "citation": f"[{by_id[i].position + 1}]"}
                               for i in item.support if i in by_id]
    data["update"] = {
        "since": update.since,
        "nothing_new": update.nothing_new,
        "message": update.message,
        "earlier": [{"id": d.id, "title": d.title, "source": d.source,
                     "position": d.position, "citation": f"[E{d.position + 1}]"}
                    for d in update.earlier],
        "changed_facts": [
            {"subject": c.subject, "kind": c.kind, "text": change_line(update, c),
             "before": [{"value": v, "doc_id": d, "citation": _earlier_cite(update, d),
                         "sentence": t} for v, d, t in c.before],
             "after": [{"value": v, "doc_id": d, "citation": _new_cite(update, d),
                        "sentence": t} for v, d, t in c.after]}
            for c in update.changed],
        "already_known": [
            {"sentence": sentence_dict(k.sentence), "known_from": sentence_dict(k.known_from),
             "similarity": k.similarity}
            for k in update.known],
    }
    return data
