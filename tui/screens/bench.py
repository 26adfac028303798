"""Browse a benchmark database: pick a run and a cluster, then compare its stored summaries."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import Screen
from textual.widgets import Footer, Header, Label, OptionList
from textual.widgets.option_list import Option

from summarize.errors import SummarizeError
from tui.data import RunChoice, cluster_references, run_choices, stored_cluster
from tui.screens.compare import CompareScreen
from tui.settings import DEFAULTS, RunSettings


class StoredCompareScreen(CompareScreen):
    """The compare screen of a stored cluster: Escape goes back to the clusters.

    ``esc Back`` takes the footer's place of ``? Keys`` (the key still works), so the
    footer keeps fitting 80 columns while a run is going.
    """

    BINDINGS = [Binding("question_mark", "app.show_help_panel", "Keys", key_display="?",
                        show=False)]


class PickList(OptionList):
    """An option list whose Enter is listed in the footer (OptionList hides its own)."""

    BINDINGS = [Binding("enter", "select", "Compare")]


class BenchScreen(Screen):
    """Runs on the left, the clusters of the highlighted run on the right; Enter opens one."""

    BINDINGS = [Binding("enter", "open", "Compare", show=False)]

    def __init__(self, store: Any, source: str, settings: RunSettings = DEFAULTS) -> None:
        super().__init__()
        self.store = store
        self.source = source
        self.runs: list[RunChoice] = []
        self.run_id: Any = None
        self.settings = settings

    def compose(self) -> ComposeResult:
        yield Header()
        with Horizontal(id="bench"):
            with Vertical(id="bench-runs"):
                yield Label("Runs", classes="pane-title")
                yield PickList(id="runs")
            with Vertical(id="bench-clusters"):
                yield Label("Clusters (Enter: compare)", classes="pane-title")
                yield PickList(id="clusters")
        yield Footer(compact=True)

    def on_mount(self) -> None:
        self.title = "summarize · benchmark"
        self.sub_title = self.source
        self.runs = run_choices(self.store)
        runs = self.query_one("#runs", OptionList)
        runs.set_options(Option(r.label, id=str(i)) for i, r in enumerate(self.runs))
        if self.runs:
            runs.highlighted = len(self.runs) - 1
            self.show_run(self.runs[-1].id)
            self.query_one("#clusters", OptionList).focus()
        else:
            self.notify("This database holds no benchmark runs", severity="warning")

    def show_run(self, run_id: Any) -> None:
        self.run_id = run_id
        clusters = self.query_one("#clusters", OptionList)
        clusters.set_options(Option(c, id=c) for c in self.store.clusters(run_id))
        if clusters.option_count:
            clusters.highlighted = 0

    @on(OptionList.OptionHighlighted, "#runs")
    def _run_moved(self, event: OptionList.OptionHighlighted) -> None:
        run = self.runs[event.option_index]
        if run.id != self.run_id:
            self.show_run(run.id)

    @on(OptionList.OptionSelected, "#runs")
    def _run_chosen(self) -> None:
        # One Enter opens a cluster wherever the focus is: here, the highlighted one.
        self.query_one("#clusters", OptionList).focus()
        self.action_open()

    @on(OptionList.OptionSelected, "#clusters")
    def _cluster_chosen(self, event: OptionList.OptionSelected) -> None:
        if event.option.id is not None:
            self.open_cluster(event.option.id)

    def action_open(self) -> None:
        option = self.query_one("#clusters", OptionList).highlighted_option
        if option is not None and option.id is not None:
            self.open_cluster(option.id)

    def open_cluster(self, cluster_id: str) -> None:
        """Push the compare screen with the stored summaries of one cluster."""
        try:
            cluster, entries = stored_cluster(self.store, self.run_id, cluster_id)
        except (SummarizeError, KeyError, ValueError) as exc:
            self.notify(f"cannot open {cluster_id}: {exc}", severity="error")
            return
        references = cluster_references(cluster)
        run = next((r for r in self.store.runs() if r.id == self.run_id), None)
        settings = self.settings
        if run is not None and run.words:
            # New runs on a stored cluster start with the budget its summaries were made with.
            settings = replace(settings, words=int(run.words))
        self.app.push_screen(StoredCompareScreen(
            cluster, entries, references, settings=settings,
            reference=references[0].key if references else None,
            title=cluster_id, can_go_back=True))
