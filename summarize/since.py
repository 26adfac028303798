"""What the reader already knows, for ``summarize brief NEW... --since OLD...``.

Two kinds of ``OLD``, mixed freely: earlier reports (any input ``summarize brief`` reads,
loaded the same way), and earlier briefs in our JSON format (``summarize brief -f json``,
``.json``), so that a reader can keep yesterday's output and nothing else. From a brief, what
is known is what the reader read: its sentences, and the group members it lists for each
(the same content in other reports' words, which widens the net for paraphrases). The facts
of yesterday's reports that the brief left out are not known, and may come back as new.

A ``.json`` file that is not such a brief is refused in one line: treating it as a report
would quietly compare today's news with a JSON dump.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import replace
from pathlib import Path
from typing import Any

from summarize.errors import InputError
from summarize.load import unique_id
from summarize.model import Cluster, Document, Sentence
from summarize.update import Earlier

Warn = Callable[[str], None]

BRIEF_SUFFIX = ".json"


def brief_paths(paths: Sequence[str]) -> tuple[list[str], list[str]]:
    """``(earlier briefs, earlier reports)`` among the ``--since`` arguments."""
    briefs = [p for p in paths if Path(p).suffix.lower() == BRIEF_SUFFIX]
    return briefs, [p for p in paths if p not in briefs]


def load_earlier(paths: Sequence[str], *, cluster_id: str | None = None,
                 keep_boilerplate: bool = False, warn: Warn | None = None) -> Earlier:
    """Everything ``--since`` names, as one ``Earlier`` (positions in the order given)."""
    from summarize.load import load_inputs

    if not paths:
        raise InputError("--since: no earlier reports or brief given")
    briefs, reports = brief_paths(paths)
    parts: list[Cluster] = [read_brief(p) for p in briefs]
    if reports:
        parts.append(load_inputs(reports, cluster_id=cluster_id,
                                 keep_boilerplate=keep_boilerplate, warn=warn))
    said = [f"the brief in {Path(p).name}" for p in briefs]
    if reports:  # paths is not empty, so said is not either
        count = len(parts[-1].documents)
        said.append(f"{count} earlier {'report' if count == 1 else 'reports'}")
    return Earlier(merge(parts), " and ".join(said))


def merge(parts: Sequence[Cluster]) -> Cluster:
    """Several clusters as one, documents renumbered in order and ids kept unique."""
    if len(parts) == 1:
        return parts[0]
    docs: list[Document] = []
    sents: list[Sentence] = []
    taken: set[str] = set()
    for part in parts:
        renamed: dict[str, str] = {}
        base = len(docs)
        for doc in sorted(part.documents, key=lambda d: d.position):
            doc_id = unique_id(doc.id, taken)
            renamed[doc.id] = doc_id
            docs.append(replace(doc, id=doc_id, position=base + doc.position))
        sents.extend(replace(s, doc_id=renamed[s.doc_id], position=base + s.position)
                     for s in part.sentences)
    return Cluster(documents=tuple(docs), sentences=tuple(sents))


def _bad(path: str, why: str) -> InputError:
    return InputError(f"{path}: not a brief in the JSON format of `summarize brief -f json` "
                      f"({why}); give that output, or the earlier reports themselves")


def read_brief(path: str) -> Cluster:
    """An earlier brief (our JSON) as a cluster of what it said, one document per report
    it cites: the brief's sentences and their group members, attributed to their reports."""
    from summarize.load import parse_json, read_text

    data = parse_json(read_text(path), path)
    if not isinstance(data, dict):
        raise _bad(path, "not a JSON object")
    items, inputs = data.get("sentences"), data.get("inputs")
    if not isinstance(items, list):
        raise _bad(path, 'no "sentences" list')
    if not isinstance(inputs, list) or not inputs:
        raise _bad(path, 'no "inputs" list')
    known: dict[str, tuple[int, dict[str, Any]]] = {}
    for k, doc in enumerate(inputs):
        if not isinstance(doc, dict) or not isinstance(doc.get("id"), str):
            raise _bad(path, f'input {k} has no "id"')
        position = doc.get("position", k)
        if not isinstance(position, int) or isinstance(position, bool):
            raise _bad(path, f'input {k} has no whole-number "position"')
        known[doc["id"]] = (position, doc)
    texts: dict[str, dict[str, None]] = {doc_id: {} for doc_id in known}
    for k, item in enumerate(items):
        if not isinstance(item, dict) or not isinstance(item.get("text"), str):
            raise _bad(path, f'sentence {k} has no "text"')
        said = []
        for field in ("sources", "group_members"):
            found = item.get(field, [])
            if not isinstance(found, list):
                raise _bad(path, f'sentence {k}: "{field}" is not a list')
            for s in found:
                if (not isinstance(s, dict) or not isinstance(s.get("doc_id"), str)
                        or not isinstance(s.get("text"), str)):
                    raise _bad(path, f'sentence {k}: a "{field}" entry without "doc_id" '
                                     'and "text"')
                if s["doc_id"] not in known:
                    raise _bad(path, f'sentence {k} cites {s["doc_id"]!r}, not among "inputs"')
                said.append(s)
        first = said[0]["doc_id"] if said else next(iter(known))
        texts[first].setdefault(item["text"].strip())
        for s in said:
            texts[s["doc_id"]].setdefault(s["text"].strip())
    docs: list[Document] = []
    sentences: list[Sentence] = []
    ordered = sorted(known.items(), key=lambda kv: (kv[1][0], kv[0]))
    for position, (doc_id, (_given, doc)) in enumerate(ordered):
        lines = [t for t in texts[doc_id] if t]
        text = "\n".join(lines)
        title = doc.get("title") if isinstance(doc.get("title"), str) else doc_id
        source = doc.get("source") if isinstance(doc.get("source"), str) else doc_id
        docs.append(Document(id=doc_id, title=title, text=text,
                             source=f"{path}#{Path(source).name}", position=position))
        start = 0
        for index, line in enumerate(lines):
            sentences.append(Sentence(text=line, doc_id=doc_id, index=index, start=start,
                                      end=start + len(line), position=position))
            start += len(line) + 1
    return Cluster(documents=tuple(docs), sentences=tuple(sentences), id=str(path))
