"""Where the TUI's summaries come from: input files, live runs, or a benchmark database.

Both sources end as the same things, a ``Cluster`` and ``Entry`` objects holding
``Summary`` values, so one compare screen serves both ``summarize tui PATHS`` and
``summarize tui --db FILE``. Free of Textual.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

from summarize.errors import InputError
from summarize.load import build_cluster, load_inputs
from summarize.model import Cluster, Document, Sentence, Summary, SummarySentence

State = Literal["running", "done", "failed"]


@dataclass(frozen=True)
class Entry:
    """One summary on the compare screen, from its request to its result."""

    key: str
    """Unique within the screen; also the column's identity."""
    method: str
    label: str
    """What the column header and lists call it, e.g. ``lexrank 120w``."""
    state: State = "running"
    summary: Summary | None = None
    error: str = ""
    stored_scores: dict[str, dict[str, float]] = field(default_factory=dict)
    """Scores recorded in a benchmark database (``{rouge type: {fmeasure: ...}}``), if any."""


@dataclass(frozen=True)
class Reference:
    """A text that summaries can be scored against."""

    key: str
    label: str
    text: str


def load_cluster(paths: Sequence[str], cluster_id: str | None = None,
                 language: str | None = None) -> Cluster:
    """The cluster to summarize, loaded as ``summarize brief`` loads it (no paths: the seeds);
    ``cluster_id`` picks one cluster of a cluster JSONL, ``language`` is ``--language``
    (None: detected per report)."""
    return load_inputs(list(paths), cluster_id=cluster_id, language=language)


def read_reference(path: str) -> Reference:
    """A reference summary from a text file."""
    try:
        text = Path(path).read_text(encoding="utf-8", errors="replace").strip()
    except OSError as exc:
        raise InputError(f"cannot read reference {path}: {exc.strerror or exc}") from None
    if not text:
        raise InputError(f"reference {path} is empty")
    return Reference(key=f"file:{path}", label=f"file {Path(path).name}", text=text)


def cluster_references(cluster: Cluster) -> list[Reference]:
    """The human references a cluster carries (cluster JSONL or a benchmark database)."""
    return [Reference(key=f"ref:{i}", label=f"reference {i + 1}", text=text)
            for i, text in enumerate(cluster.references) if text.strip()]


# --- benchmark database ---------------------------------------------------------------------


@dataclass(frozen=True)
class RunChoice:
    """A benchmark run as the run list shows it."""

    id: Any
    label: str


def open_store(path: str) -> Any:
    """An ``eval.store.Store`` on an existing database file."""
    if not Path(path).is_file():
        raise InputError(f"no benchmark database at {path} (`summarize bench DATA` writes one; "
                         "--db FILE names another)")
    from eval.store import Store

    return Store(path, readonly=True)


def run_choices(store: Any) -> list[RunChoice]:
    """The runs of a benchmark database, newest last, as they were recorded."""
    choices = []
    for run in store.runs():
        methods = run.methods if isinstance(run.methods, str) else ", ".join(run.methods)
        choices.append(RunChoice(run.id, f"run {run.id}: {run.data} · {run.words}w · {methods}"))
    return choices


def stored_cluster(store: Any, run_id: Any, cluster_id: str) -> tuple[Cluster, list[Entry]]:
    """A cluster of a benchmark run, rebuilt from the database, with its stored summaries."""
    documents = tuple(
        Document(id=str(d["id"]), title=str(d.get("title") or d["id"]), text=str(d["text"]),
                 source=f"db#{cluster_id}/{d['id']}", position=i)
        for i, d in enumerate(store.documents(run_id, cluster_id)))
    cluster = build_cluster(documents, id=cluster_id,
                            references=tuple(store.references(run_id, cluster_id)))
    entries = [stored_entry(s, documents) for s in store.summaries(run_id, cluster_id)]
    return cluster, entries


def _stored_sentence(record: dict[str, Any], documents: dict[str, Document]) -> Sentence | None:
    """A source sentence from its stored span; None when the span does not fit the document."""
    doc = documents.get(str(record.get("doc_id")))
    start, end = record.get("start"), record.get("end")
    if doc is None or start is None or end is None or not 0 <= start <= end <= len(doc.text):
        return None
    return Sentence(text=doc.text[start:end], doc_id=doc.id, index=int(record.get("index") or 0),
                    start=int(start), end=int(end), position=doc.position)


def stored_entry(stored: Any, documents: tuple[Document, ...]) -> Entry:
    """A stored summary as an Entry whose ``Summary`` points back into the documents."""
    key = f"db:{stored.method}"
    if stored.error:
        return Entry(key=key, method=stored.method, label=stored.method, state="failed",
                     error=str(stored.error))
    by_id = {d.id: d for d in documents}
    items = []
    for record in stored.sentences:
        sources = [_stored_sentence(r, by_id) for r in record.get("sources") or [record]]
        kept = tuple(s for s in sources if s is not None)
        support = tuple(str(x) for x in record.get("support") or [s.doc_id for s in kept])
        items.append(SummarySentence(text=str(record["text"]), sources=kept, support=support,
                                     score=float(record.get("score") or 0.0),
                                     generated=bool(record.get("generated", False))))
    summary = Summary(method=stored.method, sentences=tuple(items), documents=documents)
    scores = {k: dict(v) for k, v in (stored.scores or {}).items()}
    return Entry(key=key, method=stored.method, label=stored.method, state="done",
                 summary=summary, stored_scores=scores)
