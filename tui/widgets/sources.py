"""The source area: the list of input documents and a reader for the selected one."""

from __future__ import annotations

from collections.abc import Sequence

from rich.text import Text
from textual import on
from textual.containers import VerticalScroll
from textual.widgets import DataTable, Static

from summarize.model import Cluster
from tui.messages import DocumentChosen
from tui.views import SUPPORT_MARK


class DocumentTable(DataTable):
    """Documents with their size; a mark on those that back the selected sentence.

    The title takes whatever width the sidebar leaves, so narrow screens keep it readable.
    """

    FIXED = 16
    """Cells besides the title: mark, number, words, and the padding between columns."""

    def __init__(self, **kwargs) -> None:
        super().__init__(cursor_type="row", zebra_stripes=False, **kwargs)
        self._cluster: Cluster | None = None
        self._title_width = 0

    def load(self, cluster: Cluster) -> None:
        self._cluster = cluster
        self._fill()

    def _fill(self) -> None:
        cluster = self._cluster
        if cluster is None:
            return
        cursor = self.cursor_row
        width = max(8, (self.size.width or 40) - self.FIXED)
        self._title_width = width
        self.clear(columns=True)
        self.add_column("", key="mark", width=1)
        self.add_column("#", key="n", width=2)
        self.add_column("Title", key="title", width=width)
        self.add_column("Words", key="words")
        for doc in cluster.documents:
            words = sum(len(s.text.split()) for s in cluster.sentences if s.doc_id == doc.id)
            self.add_row("", str(doc.position + 1), _clip(doc.title, width), str(words),
                         key=doc.id)
        if 0 <= cursor < self.row_count:
            with self.prevent(DataTable.RowHighlighted):
                self.move_cursor(row=cursor)

    def on_resize(self) -> None:
        if self._cluster is not None and max(8, self.size.width - self.FIXED) != \
                self._title_width:
            marks = [str(self.get_row_at(i)[0]) for i in range(self.row_count)]
            self._fill()
            for row_key, mark in zip(list(self.rows), marks, strict=False):
                self.update_cell(row_key, "mark", mark)

    def mark(self, doc_ids: Sequence[str]) -> None:
        """Put the support mark on exactly these documents."""
        wanted = set(doc_ids)
        for row_key in self.rows:
            value = SUPPORT_MARK if row_key.value in wanted else ""
            self.update_cell(row_key, "mark", value)

    def show_document(self, doc_id: str) -> None:
        """Move the cursor to a document's row (without re-announcing it)."""
        index = self.get_row_index(doc_id)
        if self.cursor_row != index:
            with self.prevent(DataTable.RowHighlighted):
                self.move_cursor(row=index)

    @on(DataTable.RowHighlighted)
    def _moved(self, event: DataTable.RowHighlighted) -> None:
        event.stop()
        if event.row_key.value is not None:
            self.post_message(DocumentChosen(event.row_key.value))


def _clip(text: str, width: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1] + "…"


class Reader(VerticalScroll):
    """The text of one document, paragraph by paragraph, with highlighted spans."""

    can_focus = True

    async def show(self, title: str, paragraphs: Sequence[tuple[Text, bool]]) -> None:
        await self.remove_children()
        widgets = [Static(Text(title, style="bold underline"), classes="reader-title")]
        widgets += [Static(text, classes="paragraph -marked" if marked else "paragraph")
                    for text, marked in paragraphs]
        await self.mount_all(widgets)
        first = next((w for w in widgets[1:] if w.has_class("-marked")), None)
        if first is not None:
            self.call_after_refresh(self.scroll_to_widget, first, animate=False, top=True)
        else:
            self.scroll_home(animate=False)
