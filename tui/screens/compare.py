"""The compare screen: sources on the left, two to four summaries side by side on the right.

Everything shown is derived from a few pieces of state (the entries, which are shown,
the selected sentence, the current document, the reference, the n-gram toggle) by
``refresh_view``, so every interaction only changes state and asks for a refresh.
"""

from __future__ import annotations

import asyncio
import contextlib
import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import replace
from typing import Any, TypeVar

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.reactive import reactive
from textual.screen import Screen
from textual.widgets import (
    Button,
    Checkbox,
    Footer,
    Header,
    Select,
    SelectionList,
    Static,
    TabbedContent,
    TabPane,
)
from textual.worker import Worker, WorkerState

from summarize.config import THRESHOLDS, Config
from summarize.errors import SummarizeError
from summarize.model import Cluster, Summary, SummarySentence
from summarize.pipeline import summarize
from tui import analysis, views
from tui.analysis import Redundancy
from tui.data import Entry, Reference, read_reference
from tui.export import Format, default_path, export
from tui.messages import ColumnFocused, DocumentChosen, SentenceChosen
from tui.screens.options import OptionsScreen
from tui.screens.prompt import PathPrompt
from tui.settings import DEFAULTS, RunSettings
from tui.widgets.controls import NO_REFERENCE, Controls
from tui.widgets.sources import DocumentTable, Reader
from tui.widgets.summaries import SummaryColumn

MAX_COLUMNS = 4
NGRAM_N = 2
Command = tuple[str, str, Callable[[], object]]
T = TypeVar("T")
COLUMN_KEYS = Binding.Group("Column", compact=True)
"""Keys 1-4, shown once in the footer as ``1234 Column``."""


class CompareScreen(Screen):
    """Run methods on one cluster and compare their summaries, with provenance and scores."""

    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (120, "-wide")]
    # The footer fits 80 columns: what is not shown there is in the keys panel (?) and the
    # command palette (ctrl+p).
    BINDINGS = [
        Binding("r", "run", "Run"),
        Binding("o", "options", "Options"),
        Binding("c", "cancel_run", "Stop"),
        *[Binding(str(n), f"focus_column({n})", f"Column {n}", group=COLUMN_KEYS)
          for n in range(1, MAX_COLUMNS + 1)],
        Binding("e", "export('markdown')", "Export"),
        Binding("s", "toggle_sidebar", "Docs"),
        Binding("question_mark", "app.show_help_panel", "Keys", key_display="?"),
        Binding("n", "next_source", "Next report", show=False),
        Binding("g", "toggle_ngrams", "N-grams", show=False),
        Binding("j", "export('json')", "Export JSON", show=False),
        Binding("x", "close_column", "Close column", show=False),
        Binding("f", "reference_file", "Reference file", show=False),
        Binding("escape", "back", "Back"),
    ]

    show_ngrams: reactive[bool] = reactive(False, init=False)
    reference_key: reactive[str] = reactive(NO_REFERENCE, init=False)

    def __init__(self, cluster: Cluster, entries: Sequence[Entry] = (),
                 references: Sequence[Reference] = (), *, method: str = "lexrank",
                 settings: RunSettings = DEFAULTS, reference: str | None = None,
                 autorun: Sequence[str] = (), title: str = "",
                 can_go_back: bool = False, earlier: Any = None) -> None:
        super().__init__()
        self.cluster = cluster
        # ``summarize.update.Earlier`` (``--since``): each method at start is shown as the
        # full brief and, beside it, the update brief of what the reports add to those.
        self.earlier = earlier
        self.entries: dict[str, Entry] = {e.key: e for e in entries}
        self.shown: list[str] = [e.key for e in entries if e.state == "done"][:MAX_COLUMNS]
        self.references: list[Reference] = list(references)
        self.redundancy: dict[str, Redundancy] = {}
        self.selected: tuple[str, int] | None = None
        self.current_doc: str = cluster.documents[0].id if cluster.documents else ""
        self.focused_key: str | None = None
        self._method = method
        self.settings = settings
        self._initial_reference = reference
        self._autorun = tuple(autorun)
        self._title = title
        self._can_go_back = can_go_back
        self._workers: dict[Worker, str] = {}
        self._started: dict[str, float] = {}
        self._rouge: dict[tuple[str, str], dict[str, float]] = {}
        self._reader_key: object = None
        self._entries_view: list[tuple[str, str, bool]] = []
        for entry in entries:
            if entry.summary is not None:
                self.redundancy[entry.key] = analysis.redundancy(entry.summary)

    # --- layout -----------------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        yield Header()
        yield Controls(self._method)
        with Horizontal(id="body"):
            with Vertical(id="sidebar"), TabbedContent(id="side-tabs"):
                with TabPane("Sources", id="tab-sources"):
                    yield DocumentTable(id="documents")
                    yield Reader(id="reader")
                with TabPane("Summaries", id="tab-summaries"):
                    yield SelectionList[str](id="entries")
            with Vertical(id="work"):
                yield Static("Choose a method and press r (or Run) to summarize; "
                             "o sets the budget, the model and other options.",
                             id="empty-hint")
                yield Horizontal(id="columns")
        yield Static(views.legend(), id="legend")
        yield Footer(compact=True)

    async def on_mount(self) -> None:
        docs = len(self.cluster.documents)
        self.title = self._title or "summarize"
        self.sub_title = f"{docs} document{'s' if docs != 1 else ''}"
        self.query_one(DocumentTable).load(self.cluster)
        if self._initial_reference is not None:
            self.set_reference(self._initial_reference)
        elif self.references and self.entries:
            self.set_reference(self.references[0].key)
        await self.refresh_view()
        for method in self._autorun:
            self.start_run(method)
            if self.earlier is not None:
                self.start_run(method, update=True)
        self.set_interval(1.0, self._tick)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "back":
            return self._can_go_back
        if action == "cancel_run":
            return bool(self._workers)  # listed in the footer only while a run is going
        return True

    # --- running methods --------------------------------------------------------------------

    def read_config(self, method: str) -> Config:
        """The Config of a run of ``method`` with the current settings."""
        return self.settings.config(method)

    def start_run(self, method: str, config: Config | None = None,
                  update: bool = False) -> str | None:
        """Start ``method`` in a background worker; its column shows "running" until done.

        ``update``: the update brief against ``self.earlier`` (``--since``) instead."""
        try:
            config = config or self.read_config(method)
        except SummarizeError as exc:
            self.notify(str(exc), severity="error", title="Bad option")
            return None
        label = ("update " if update else "") + _label(method, config)
        key = f"run:{label}"
        if self.entries.get(key, Entry(key, method, label, state="done")).state == "running":
            self.notify(f"{label} is already running", severity="warning")
            return None
        self.entries[key] = Entry(key=key, method=method, label=label, state="running")
        self.entries[key] = self.entries.pop(key)  # newest last in the list
        self._forget_scores(key)
        self.show_entry(key)
        worker = self.run_summary(method, config, self.earlier if update else None)
        self._workers[worker] = key
        self._started[key] = time.monotonic()
        self._update_status()
        self.refresh_bindings()
        self.call_later(self.refresh_view)
        return key

    @work(exclusive=False, group="summarize", exit_on_error=False)
    async def run_summary(self, method: str, config: Config,
                          earlier: Any = None) -> tuple[Summary, Redundancy]:
        """The summary, computed in a daemon thread of its own.

        Not a Textual thread worker: those run in the event loop's executor, which the app
        waits for when it exits, so quitting after cancelling a long run (an ``llm`` call
        that times out, ``fusion`` on a big cluster) would hang until it ended. Cancelling
        this worker drops the result at once; the thread finishes unseen.
        """
        cluster = self.cluster
        return await in_daemon_thread(
            lambda: _summary_and_redundancy(cluster, method, config, earlier),
            f"summarize-{method}")

    async def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        key = self._workers.get(event.worker)
        if key is None or event.state not in (WorkerState.SUCCESS, WorkerState.ERROR,
                                              WorkerState.CANCELLED):
            return
        del self._workers[event.worker]
        self._started.pop(key, None)
        self.refresh_bindings()
        entry = self.entries[key]
        if event.state == WorkerState.SUCCESS:
            summary, redundancy = event.worker.result
            self.entries[key] = replace(entry, state="done", summary=summary)
            self.redundancy[key] = redundancy
            if not summary.sentences:
                self.notify(f"{entry.label}: the summary is empty", severity="warning")
        else:
            if event.state == WorkerState.CANCELLED:
                self.notify(f"{entry.label} cancelled", title="Run cancelled")
            else:
                self.notify(views.failure_line(entry.label, event.worker.error),
                            severity="error", title="Run failed (o: options)", timeout=10)
            del self.entries[key]
            if key in self.shown:
                self.shown.remove(key)
            if self.selected and self.selected[0] == key:
                self.selected = None
        await self.refresh_view()

    # --- state changes ----------------------------------------------------------------------

    def show_entry(self, key: str) -> None:
        """Add a column for ``key``; the oldest column makes room when four are shown."""
        if key in self.shown:
            return
        self.shown.append(key)
        while len(self.shown) > MAX_COLUMNS:
            dropped = self.shown.pop(0)
            if self.selected and self.selected[0] == dropped:
                self.selected = None

    def set_reference(self, key: str) -> None:
        self.reference_key = key

    def watch_reference_key(self) -> None:
        self.call_later(self.refresh_view)

    def watch_show_ngrams(self, value: bool) -> None:
        checkbox = self.query_one("#ngrams", Checkbox)
        if checkbox.value != value:
            with checkbox.prevent(Checkbox.Changed):
                checkbox.value = value
        if value and self.reference_text() is None:
            self.notify("Choose a reference to see the n-grams a summary shares with it",
                        severity="warning")
        self.call_later(self.refresh_view)

    def _forget_scores(self, key: str) -> None:
        self._rouge = {k: v for k, v in self._rouge.items() if key not in k}

    def selected_item(self) -> SummarySentence | None:
        if self.selected is None:
            return None
        key, index = self.selected
        entry = self.entries.get(key)
        if entry is None or entry.summary is None or index >= len(entry.summary.sentences):
            return None
        return entry.summary.sentences[index]

    def reference_text(self) -> str | None:
        key = self.reference_key
        for ref in self.references:
            if ref.key == key:
                return ref.text
        entry = self.entries.get(key)
        if entry is not None and entry.summary is not None:
            return entry.summary.text
        return None

    # --- events -----------------------------------------------------------------------------

    @on(Button.Pressed, "#run")
    def _run_pressed(self) -> None:
        self.action_run()

    @on(Select.Changed, "#reference")
    def _reference_changed(self, event: Select.Changed) -> None:
        # Only the user's choice counts (the Select has focus then); changes made while
        # redrawing the options echo back here and must not override the state.
        if event.select.has_focus and event.value != self.reference_key:
            self.set_reference(str(event.value))

    @on(Checkbox.Changed, "#ngrams")
    def _ngrams_changed(self, event: Checkbox.Changed) -> None:
        self.show_ngrams = event.value

    @on(Button.Pressed, "#options-button")
    def _options_pressed(self) -> None:
        self.action_options()

    @on(SentenceChosen)
    async def _sentence_chosen(self, message: SentenceChosen) -> None:
        if self.selected == (message.entry_key, message.index):
            return
        self.selected = (message.entry_key, message.index)
        item = self.selected_item()
        if item is not None:
            docs = analysis.supporting_documents(item)
            if docs and self.current_doc not in docs:
                self.current_doc = item.sources[0].doc_id if item.sources else docs[0]
            self.query_one(TabbedContent).active = "tab-sources"
        await self.refresh_view()

    @on(ColumnFocused)
    def _column_focused(self, message: ColumnFocused) -> None:
        self.focused_key = message.entry_key

    @on(DocumentChosen)
    async def _document_chosen(self, message: DocumentChosen) -> None:
        if message.doc_id != self.current_doc:
            self.current_doc = message.doc_id
            await self.refresh_view()

    @on(SelectionList.SelectedChanged, "#entries")
    async def _entries_changed(self, event: SelectionList.SelectedChanged) -> None:
        chosen = list(event.selection_list.selected)
        for key in [k for k in self.shown if k not in chosen]:
            self.shown.remove(key)
        for key in chosen:
            if key not in self.shown:
                self.show_entry(key)
        if len(chosen) > MAX_COLUMNS:
            self.notify(f"At most {MAX_COLUMNS} summaries side by side: "
                        "the oldest column was closed", severity="warning")
        await self.refresh_view()

    # --- actions ----------------------------------------------------------------------------

    def chosen_method(self) -> str:
        return str(self.query_one("#method", Select).value)

    def action_run(self) -> None:
        """Run the chosen method with the current options."""
        self.start_run(self.chosen_method())

    def action_options(self) -> None:
        """Edit the budget, redundancy, order and method options, then run with them."""
        method = self.chosen_method()

        def apply(settings: RunSettings | None) -> None:
            if settings is None:
                return
            self.settings = settings
            self._update_status()
            self.start_run(method)

        self.app.push_screen(OptionsScreen(method, self.settings), apply)

    def action_cancel_run(self) -> None:
        """Cancel the newest run still going; its column closes and nothing is kept."""
        if not self._workers:
            return
        worker = max(self._workers, key=lambda w: self._started.get(self._workers[w], 0.0))
        worker.cancel()

    def _tick(self) -> None:
        """Once a second while runs are going: their columns count the seconds."""
        if self._workers:
            for column in self.query(SummaryColumn):
                entry = self.entries.get(column.entry_key)
                if entry is not None and entry.state == "running":
                    column.query_one(".column-header", Static).update(
                        views.header_text(entry, None, {}, None,
                                          elapsed=self._elapsed(entry.key)))

    def _elapsed(self, key: str) -> float:
        started = self._started.get(key)
        return 0.0 if started is None else time.monotonic() - started

    def action_focus_column(self, number: int) -> None:
        """Move the focus to the n-th summary column (1-4), to walk its sentences."""
        columns = list(self.query(SummaryColumn))
        if 0 < number <= len(columns):
            body = columns[number - 1].sentences
            body.focus()
            if body.highlighted is None and body.option_count:
                body.highlighted = 0

    def action_toggle_ngrams(self) -> None:
        """Highlight the n-grams each summary shares with the reference."""
        self.show_ngrams = not self.show_ngrams

    async def action_next_source(self) -> None:
        """Show the next document that backs the selected sentence."""
        self.set_sidebar(True)
        item = self.selected_item()
        ids = [d.id for d in self.cluster.documents]
        if item is not None:
            ids = [d for d in analysis.supporting_documents(item) if d in ids] or ids
        if not ids:
            return
        at = ids.index(self.current_doc) if self.current_doc in ids else -1
        self.current_doc = ids[(at + 1) % len(ids)]
        self.query_one(TabbedContent).active = "tab-sources"
        await self.refresh_view()

    def export_target(self) -> Entry | None:
        key = self.focused_key if self.focused_key in self.shown else None
        key = key or next((k for k in self.shown if self.entries[k].summary is not None), None)
        entry = self.entries.get(key) if key else None
        return entry if entry is not None and entry.summary is not None else None

    def action_export(self, fmt: Format) -> None:
        """Write the focused summary as Markdown or JSON (asks for the path)."""
        entry = self.export_target()
        if entry is None or entry.summary is None:
            self.notify("No finished summary to export", severity="warning")
            return
        summary = entry.summary
        name = "Markdown" if fmt == "markdown" else "JSON"

        def write(path: str | None) -> None:
            if path is None:
                return
            try:
                target = export(summary, fmt, path)
            except SummarizeError as exc:
                self.notify(str(exc), severity="error", title="Export failed")
            else:
                self.notify(f"Wrote {entry.label} as {name} to {target}", title="Exported")

        self.app.push_screen(PathPrompt(f"Export {entry.label} as {name} to",
                                        default_path(summary, fmt)), write)

    def action_reference_file(self) -> None:
        """Load a reference summary from a text file and score against it."""

        def load(path: str | None) -> None:
            if path is None:
                return
            try:
                ref = read_reference(path)
            except SummarizeError as exc:
                self.notify(str(exc), severity="error", title="Reference")
                return
            self.references = [r for r in self.references if r.key != ref.key] + [ref]
            self._forget_scores(ref.key)
            self.set_reference(ref.key)
            self.call_later(self.refresh_view)

        self.app.push_screen(PathPrompt("Reference summary file", placeholder="reference.txt"),
                             load)

    async def action_close_column(self) -> None:
        """Close the focused summary column (it stays in the Summaries list)."""
        key = self.focused_key if self.focused_key in self.shown else (
            self.shown[-1] if self.shown else None)
        if key is None:
            return
        self.shown.remove(key)
        if self.selected and self.selected[0] == key:
            self.selected = None
        self.focused_key = None
        await self.refresh_view()

    def sidebar_shown(self) -> bool:
        return self.query_one("#sidebar").display

    def set_sidebar(self, shown: bool) -> None:
        """Show or fold away the sources. Narrow screens (< 120 columns) start with them
        folded, so that two summaries fit side by side; wide ones with them shown."""
        if self.sidebar_shown() != shown:
            self.toggle_class("-sidebar-toggled")

    def action_toggle_sidebar(self) -> None:
        """Hide or show the sources, to give the summaries the whole width."""
        self.set_sidebar(not self.sidebar_shown())

    def action_back(self) -> None:
        """Back to the benchmark run's cluster list."""
        if self._can_go_back:
            self.app.pop_screen()

    def palette_commands(self) -> list[Command]:
        """The screen's actions for the command palette."""
        return [
            ("Run method", "Run the chosen method with the current options", self.action_run),
            ("Export Markdown", "Write the focused summary as Markdown with citations",
             lambda: self.action_export("markdown")),
            ("Export JSON", "Write the focused summary as JSON with sentences, doc ids, spans",
             lambda: self.action_export("json")),
            ("Toggle n-grams", "Highlight n-grams shared with the reference",
             self.action_toggle_ngrams),
            ("Load reference file", "Score summaries against a reference from a text file",
             self.action_reference_file),
            ("Next source document", "Show the next document behind the selected sentence",
             self.action_next_source),
            ("Close column", "Close the focused summary column", self.action_close_column),
            *[(f"Focus column {n}", f"Walk the sentences of summary column {n} (key {n})",
               lambda n=n: self.action_focus_column(n)) for n in range(1, MAX_COLUMNS + 1)],
            ("Toggle sidebar", "Hide or show the sources", self.action_toggle_sidebar),
            ("Run options", "Budget, redundancy, order, model, endpoint and -O keys",
             self.action_options),
            ("Cancel run", "Cancel the newest run still going", self.action_cancel_run),
        ]

    # --- drawing ----------------------------------------------------------------------------

    async def refresh_view(self) -> None:
        """Bring every widget in line with the state."""
        self._refresh_controls()
        await self._refresh_columns()
        self._refresh_entries()
        await self._refresh_sources()
        self._update_status()

    def _update_status(self) -> None:
        """The header's subtitle: the documents, the next run's options, the runs going."""
        running = [e.label for e in self.entries.values() if e.state == "running"]
        docs = len(self.cluster.documents)
        status = f"{docs} doc{'s' if docs != 1 else ''} · {self.settings.describe()}"
        self.sub_title = status + (f" · running: {', '.join(running)}" if running else "")

    def _refresh_controls(self) -> None:
        done = [(k, e.label) for k, e in self.entries.items() if e.summary is not None]
        known = {r.key for r in self.references} | {k for k, _ in done} | {NO_REFERENCE}
        if self.reference_key not in known:
            self.reference_key = NO_REFERENCE
        self.query_one(Controls).set_references(self.references, done, self.reference_key)

    async def _refresh_columns(self) -> None:
        container = self.query_one("#columns", Horizontal)
        columns = {c.entry_key: c for c in container.query(SummaryColumn)}
        for key, column in columns.items():
            if key not in self.shown:
                await column.remove()
        new = [SummaryColumn(k) for k in self.shown if k not in columns]
        if new:
            await container.mount_all(new)
        self.query_one("#empty-hint").display = not self.shown
        container.display = bool(self.shown)
        reference = self.reference_text()
        language = self.cluster.language  # the brief's: its stems, its tokens
        grams = (analysis.reference_ngrams(reference, NGRAM_N, language)
                 if self.show_ngrams and reference else None)
        item = self.selected_item()
        threshold = self._threshold()
        for column in container.query(SummaryColumn):
            entry = self.entries[column.entry_key]
            is_reference = entry.key == self.reference_key
            header = views.header_text(entry, self.redundancy.get(entry.key),
                                       self._scores(entry, reference),
                                       None if self.reference_key == NO_REFERENCE
                                       else self.reference_key, is_reference,
                                       elapsed=self._elapsed(entry.key))
            texts = []
            summary = entry.summary
            if summary is not None:
                for s in summary.sentences:
                    own = self.selected is not None and self.selected[0] == entry.key
                    rel = (item is not None and not own
                           and analysis.related(item, s, threshold, language))
                    spans = (analysis.shared_ngram_spans(s.text, grams, NGRAM_N, language)
                             if grams is not None and not is_reference else ())
                    texts.append(views.sentence_text(s, summary.documents, related=rel,
                                                     ngrams=spans))
            column.show(header, texts, entry.state == "running")

    def _threshold(self) -> float:
        """The lexical similarity at which another summary's sentence is marked the same
        content (the user's redundancy threshold, else the lexical measure's default in the
        brief's language: 0.45 and 0.55 for Chinese and Japanese character pairs)."""
        from summarize.language import lexical_default

        return self.settings.threshold or lexical_default(self.cluster.language, 0.5)[0]

    def _scores(self, entry: Entry, reference: str | None) -> dict[str, float]:
        if reference is None or entry.summary is None or entry.key == self.reference_key:
            return {}
        cache_key = (entry.key, self.reference_key)
        if cache_key not in self._rouge:
            self._rouge[cache_key] = analysis.rouge(entry.summary.text, reference,
                                                    self.cluster.language)
        return self._rouge[cache_key]

    def _refresh_entries(self) -> None:
        selection = self.query_one("#entries", SelectionList)
        options = []
        for key, entry in self.entries.items():
            label = entry.label
            if entry.state == "running":
                label += " (running…)"
            elif entry.state == "failed":
                label += " (failed)"
            stored = _stored_line(entry)
            if stored:
                label += f"  {stored}"
            options.append((label, key, key in self.shown))
        if options == self._entries_view:
            return
        self._entries_view = options
        with self.prevent(SelectionList.SelectedChanged):
            selection.clear_options()
            selection.add_options(options)

    async def _refresh_sources(self) -> None:
        table = self.query_one(DocumentTable)
        item = self.selected_item()
        support = analysis.supporting_documents(item) if item is not None else []
        table.mark(support)
        if not self.current_doc:
            return
        table.show_document(self.current_doc)
        marks = analysis.source_marks(item).get(self.current_doc, []) if item else []
        key = (self.current_doc, tuple(marks))
        if key == self._reader_key:
            return
        self._reader_key = key
        doc = self.cluster.document(self.current_doc)
        kept = analysis.kept_spans(self.cluster.sentences, doc.id)
        words = sum(len(s.text.split()) for s in self.cluster.sentences if s.doc_id == doc.id)
        sentences = sum(1 for s in self.cluster.sentences if s.doc_id == doc.id)
        title = f"[{doc.position + 1}] {doc.title} · {words} words, {sentences} sentences"
        await self.query_one(Reader).show(title, views.document_paragraphs(doc, kept, marks))


def _summary_and_redundancy(cluster: Cluster, method: str, config: Config,
                            earlier: Any = None) -> tuple[Summary, Redundancy]:
    if earlier is not None:
        from summarize.update import update_brief

        summary = update_brief(earlier, cluster, method, config).summary
    else:
        summary = summarize(cluster, method, config)
    return summary, analysis.redundancy(summary)


async def in_daemon_thread(call: Callable[[], T], name: str) -> T:
    """``call()`` in a new daemon thread, awaited without blocking the event loop."""
    loop = asyncio.get_running_loop()
    future: asyncio.Future[T] = loop.create_future()

    def settle(result: T | None, error: BaseException | None) -> None:
        if future.done():  # cancelled meanwhile
            return
        if error is not None:
            future.set_exception(error)
        else:
            future.set_result(result)  # type: ignore[arg-type]

    def target() -> None:
        result: T | None = None
        error: BaseException | None = None
        try:
            result = call()
        except BaseException as exc:  # noqa: BLE001 - handed to the awaiting worker
            error = exc
        with contextlib.suppress(RuntimeError):  # the app has exited: nobody waits
            loop.call_soon_threadsafe(settle, result, error)

    threading.Thread(target=target, name=name, daemon=True).start()
    return await future


def _label(method: str, config: Config) -> str:
    """A short name for a run that tells apart the same method with other options."""
    parts = [method, f"{config.budget.words}w"]
    if config.threshold != THRESHOLDS[config.similarity]:
        parts.append(f"r{config.threshold:g}")
    if config.similarity != "hybrid":
        parts.append(config.similarity)
    if config.order != "source":
        parts.append(f"by {config.order}")
    for key, value in config.method_options:
        if key == "model":
            parts.append(str(value).rstrip("/").rsplit("/", 1)[-1])
        elif key not in ("seed", "endpoint"):
            parts.append(f"{key}={value}")
    return " ".join(parts)


def _stored_line(entry: Entry) -> str:
    """Scores recorded in a benchmark database, as ``R1 38.1 R2 16.5``."""
    parts = []
    for name in ("rouge1", "rouge2", "rougeL"):
        score = entry.stored_scores.get(name)
        if score and "fmeasure" in score:
            parts.append(f"{views.SHORT_NAMES[name]} {100 * float(score['fmeasure']):.1f}")
    return " ".join(parts)
