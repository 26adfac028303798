"""The source area: the list of input documents and a reader for the selected one."""

from __future__ import annotations

from collections.abc import Sequence

from rich.text import Text
from textual import on
from textual.containers import VerticalScroll
from textual.widgets import DataTable, Static

from summarize.model import Cluster
from tui.messages import DocumentChosen

SUPPORT_MARK = "◆"


class DocumentTable(DataTable):
    """Documents with their size; a mark on those that back the selected sentence."""

    def __init__(self, **kwargs) -> None:
        super().__init__(cursor_type="row", zebra_stripes=False, **kwargs)

    def load(self, cluster: Cluster) -> None:
        self.clear(columns=True)
        self.add_column("", key="mark", width=1)
        self.add_column("#", key="n", width=2)
        self.add_column("Words", key="words")
        self.add_column("Sent.", key="sentences")
        self.add_column("Title", key="title")
        for doc in cluster.documents:
            kept = [s for s in cluster.sentences if s.doc_id == doc.id]
            words = sum(len(s.text.split()) for s in kept)
            self.add_row("", str(doc.position + 1), str(words), str(len(kept)),
                         _clip(doc.title, 60), key=doc.id)

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
