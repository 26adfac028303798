"""The summary columns: one per compared summary, a header of scores over its sentences."""

from __future__ import annotations

from collections.abc import Sequence

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import LoadingIndicator, OptionList, Static
from textual.widgets.option_list import Option

from tui.messages import ColumnFocused, SentenceChosen


class SentenceList(OptionList):
    """The sentences of one summary; moving the cursor selects a sentence."""


class SummaryColumn(Vertical):
    """One summary: header (method, words, redundancy, ROUGE), then its sentences."""

    def __init__(self, entry_key: str) -> None:
        super().__init__(classes="summary-column")
        self.entry_key = entry_key
        self._texts: list[Text] = []

    def compose(self) -> ComposeResult:
        yield Static(classes="column-header")
        yield LoadingIndicator()
        yield SentenceList(classes="column-sentences")

    @property
    def sentences(self) -> SentenceList:
        return self.query_one(SentenceList)

    def show(self, header: Text, sentences: Sequence[Text], running: bool) -> None:
        """Redraw with new content, keeping the cursor where it was."""
        self.query_one(".column-header", Static).update(header)
        self.query_one(LoadingIndicator).display = running
        body = self.sentences
        body.display = not running
        texts = list(sentences)
        if [t.markup for t in texts] == [t.markup for t in self._texts]:
            return
        self._texts = texts
        cursor = body.highlighted
        with self.prevent(OptionList.OptionHighlighted):
            body.set_options(Option(t) for t in texts)
            if cursor is not None and texts:
                body.highlighted = min(cursor, len(texts) - 1)

    @on(OptionList.OptionHighlighted)
    def _moved(self, event: OptionList.OptionHighlighted) -> None:
        event.stop()
        if event.option_list.has_focus:
            self.post_message(SentenceChosen(self.entry_key, event.option_index))

    @on(OptionList.OptionSelected)
    def _selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.post_message(SentenceChosen(self.entry_key, event.option_index))

    def on_descendant_focus(self) -> None:
        self.add_class("-focused")
        self.post_message(ColumnFocused(self.entry_key))
        body = self.sentences
        if body.highlighted is not None:
            self.post_message(SentenceChosen(self.entry_key, body.highlighted))

    def on_descendant_blur(self) -> None:
        self.remove_class("-focused")
