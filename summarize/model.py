"""The data that flows through the pipeline, from loading to the screen.

Everything here is a frozen dataclass so that a stage can never change what an
earlier stage produced: provenance (which document, which character span) is
fixed when a sentence is split and travels unchanged to the rendered brief, the
benchmark database and the TUI.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class Document:
    """One input report."""

    id: str
    """Stable identifier, unique within a cluster (file stem, or the JSONL document id)."""
    title: str
    """Human-readable title: first heading/line of the file, or the JSONL title."""
    text: str
    """The decoded original text (newlines normalized); sentence spans index into it.

    Boilerplate is dropped by leaving its sentences out of ``Cluster.sentences``, never by
    editing this text, so every span points into what the user actually gave us."""
    source: str
    """Where it came from: a file path, ``<stdin>``, or ``file.jsonl#cluster/doc``."""
    position: int
    """Zero-based position in the input order (used for citations ``[position + 1]``)."""
    set: str = ""
    """``"A"`` (earlier) or ``"B"`` (later) in update data (the cluster JSONL document field
    ``set``), ``""`` otherwise: an update brief summarizes B for a reader who has read A."""
    language: str | None = None
    """The language it is written in, where the input says (``language`` in cluster JSONL);
    None: ``--language`` or detection decides (``summarize.language``)."""


@dataclass(frozen=True)
class Sentence:
    """A sentence of a document, with its exact place in the document text."""

    text: str
    """The sentence text; always equal to ``document.text[start:end]``."""
    doc_id: str
    """``Document.id`` of the document it comes from."""
    index: int
    """Zero-based index among the kept sentences of its document."""
    start: int
    """Character offset of the first character in ``Document.text``."""
    end: int
    """Character offset one past the last character in ``Document.text``."""
    position: int = 0
    """``Document.position`` of its document, so ordering needs no lookup."""

    @property
    def span(self) -> tuple[int, int]:
        return (self.start, self.end)


@dataclass(frozen=True)
class Dropped:
    """A piece of text the cleaner removed, and why (reported with ``-v``)."""

    doc_id: str
    text: str
    reason: str


@dataclass(frozen=True)
class Cluster:
    """A set of documents about one event, split into sentences: the input of every method."""

    documents: tuple[Document, ...]
    sentences: tuple[Sentence, ...]
    """All kept sentences, in document order then position in the document."""
    dropped: tuple[Dropped, ...] = ()
    """Boilerplate the cleaner removed."""
    id: str = ""
    """Cluster id (JSONL ``id``) where there is one."""
    references: tuple[str, ...] = ()
    """Human reference summaries, where the input carries them (cluster JSONL)."""
    language: str = "english"
    """The language its stems, stop words and similarities are taken in: ``--language``, or
    the language of most of its documents."""
    _memo: dict[Any, Any] = field(default_factory=dict, init=False, repr=False,
                                  compare=False, hash=False)
    """What is computed once per cluster and shared (``summarize.tokens``)."""

    def document(self, doc_id: str) -> Document:
        for doc in self.documents:
            if doc.id == doc_id:
                return doc
        raise KeyError(doc_id)


@dataclass(frozen=True)
class Budget:
    """How long a summary may be. Exactly one of the two limits is normally set."""

    words: int | None = 120
    sentences: int | None = None


@dataclass(frozen=True)
class Conflict:
    """Two sources in one redundancy group that give different numbers for the same thing."""

    group: int
    """Redundancy group id."""
    values: tuple[tuple[str, str, str], ...]
    """``(value, doc_id, sentence text)`` for each differing mention."""
    description: str = ""
    """A one-line human summary, e.g. ``hostages: 240 (002) vs 253 (004)``."""


@dataclass(frozen=True)
class Removed:
    """A sentence the redundancy filter kept out of the brief, and the one it repeats."""

    sentence: Sentence
    duplicate_of: Sentence
    similarity: float


@dataclass(frozen=True)
class SummarySentence:
    """One sentence of a summary with everything needed to trace it back."""

    text: str
    """The output text: a source sentence's text, or a new (fused/generated) sentence."""
    sources: tuple[Sentence, ...]
    """The source sentence(s) it was taken or built from; the first is the representative."""
    score: float = 0.0
    """The method's score for it (higher is better)."""
    support: tuple[str, ...] = ()
    """Ids of every document that reports the same content (its redundancy group)."""
    group: int = -1
    """Redundancy group id, -1 when no filter ran."""
    group_members: tuple[Sentence, ...] = ()
    """Every sentence of its redundancy group (the corroborating evidence)."""
    generated: bool = False
    """True when ``text`` is not a copy of a source sentence (fusion, neural, LLM)."""
    supported: bool = True
    """False when a generated sentence could not be checked against its sources."""


@dataclass(frozen=True)
class DateAnchor:
    """The date that the relative dates of a brief are relative to."""

    relative: tuple[str, ...]
    """The relative expressions the brief uses, as written, in order, each once."""
    date: str
    """An absolute date given by a report, as written ("March 22, 2024")."""
    doc_id: str
    """The report that gives it."""

    def describe(self, citation: str) -> str:
        said = ", ".join(f"“{r}”" for r in self.relative)
        return f"Relative dates ({said}) are as of the reports, one dated {self.date} {citation}."


@dataclass(frozen=True)
class Summary:
    """The result of a method on a cluster: selected sentences in output order, with provenance."""

    method: str
    sentences: tuple[SummarySentence, ...]
    documents: tuple[Document, ...]
    options: tuple[tuple[str, Any], ...] = ()
    """The options that produced it, as sorted ``(name, value)`` pairs (hashable, printable)."""
    removed: tuple[Removed, ...] = ()
    conflicts: tuple[Conflict, ...] = ()
    dropped: tuple[Dropped, ...] = ()
    warnings: tuple[str, ...] = field(default=())
    anchor: DateAnchor | None = None
    """Where the brief's relative dates ("today", "on Friday") are anchored, when it uses
    them and a report gives a date."""

    @property
    def text(self) -> str:
        return " ".join(s.text for s in self.sentences)

    @property
    def words(self) -> int:
        from summarize.text import count_words

        return sum(count_words(s.text) for s in self.sentences)

    def option(self, name: str, default: Any = None) -> Any:
        return dict(self.options).get(name, default)
