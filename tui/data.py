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
from summarize.model import Cluster, Document, Sentence, Summary, SummarySentence
from summarize.text import split_sentences

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


def seeds_dir() -> Path:
    """The folder of the five demo reports shipped as ``summarize.seeds``."""
    try:
        from importlib.resources import files

        path = Path(str(files("summarize.seeds")))
        if path.is_dir():
            return path
    except (ModuleNotFoundError, TypeError):
        pass
    import summarize

    return Path(summarize.__file__).resolve().parent.parent / "seeds"


def load_cluster(paths: Sequence[str]) -> Cluster:
    """The cluster to summarize: ``summarize.load.load_inputs`` when present, else plain files."""
    try:
        from summarize.load import load_inputs
    except ImportError:
        return _load_files(list(paths) or sorted(str(p) for p in seeds_dir().glob("*.txt")))
    return load_inputs(list(paths))


def _load_files(paths: list[str]) -> Cluster:
    """Minimal loader used only until ``summarize.load`` exists: one document per text file."""
    documents: list[Document] = []
    sentences: list[Sentence] = []
    for position, name in enumerate(paths):
        path = Path(name)
        try:
            text = path.read_text(encoding="utf-8", errors="replace")
        except OSError as exc:
            raise InputError(f"cannot read {name}: {exc.strerror or exc}") from None
        title = next((line.strip() for line in text.splitlines() if line.strip()), path.stem)
        doc = Document(id=path.stem, title=title, text=text, source=name, position=position)
        documents.append(doc)
        for index, (start, end) in enumerate(split_sentences(text)):
            sentences.append(Sentence(text[start:end], doc.id, index, start, end, position))
    if not sentences:
        raise InputError("the input holds no text")
    return Cluster(documents=tuple(documents), sentences=tuple(sentences))


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
        raise InputError(f"no benchmark database at {path}")
    from eval.store import Store

    return Store(path)


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
    sentences = []
    for doc in documents:
        for index, (start, end) in enumerate(split_sentences(doc.text)):
            sentences.append(Sentence(doc.text[start:end], doc.id, index, start, end,
                                      doc.position))
    cluster = Cluster(documents=documents, sentences=tuple(sentences), id=cluster_id,
                      references=tuple(store.references(run_id, cluster_id)))
    entries = [stored_entry(s, documents) for s in store.summaries(run_id, cluster_id)]
    return cluster, entries


def stored_entry(stored: Any, documents: tuple[Document, ...]) -> Entry:
    """A stored summary as an Entry whose ``Summary`` points back into the documents."""
    if stored.error:
        return Entry(key=f"db:{stored.method}", method=stored.method, label=stored.method,
                     state="failed", error=str(stored.error))
    positions = {d.id: d.position for d in documents}
    items = []
    for s in stored.sentences:
        doc_id = str(s.get("doc_id", ""))
        source = Sentence(text=str(s.get("source_text", s["text"])), doc_id=doc_id,
                          index=int(s.get("index", 0)), start=int(s.get("start", 0)),
                          end=int(s.get("end", 0)), position=positions.get(doc_id, 0))
        support = tuple(str(x) for x in (s.get("support") or [doc_id]))
        generated = bool(s.get("generated", False))
        items.append(SummarySentence(text=str(s["text"]), sources=(source,), support=support,
                                     generated=generated))
    summary = Summary(method=stored.method, sentences=tuple(items), documents=documents)
    scores = {k: dict(v) for k, v in (stored.scores or {}).items()}
    return Entry(key=f"db:{stored.method}", method=stored.method, label=stored.method,
                 state="done", summary=summary, stored_scores=scores)
