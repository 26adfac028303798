"""Messages the widgets post to their screen: small dataclasses, no behaviour."""

from __future__ import annotations

from dataclasses import dataclass

from textual.message import Message


@dataclass
class SentenceChosen(Message):
    """The user moved to a summary sentence (keyboard or mouse) in one column."""

    entry_key: str
    index: int


@dataclass
class ColumnFocused(Message):
    """A summary column received focus: it becomes the one that export writes."""

    entry_key: str


@dataclass
class DocumentChosen(Message):
    """The user picked a document in the source list."""

    doc_id: str
