"""The control bar: the method to run, and the reference scores are taken against.

Budget, redundancy, order and method options are edited in the options dialog (o) and
shown in the header, so the bar fits one line at 80 columns and holds no text box.
"""

from __future__ import annotations

from collections.abc import Sequence

from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.widgets import Button, Checkbox, Label, Select

from summarize import registry
from tui.data import Reference

NO_REFERENCE = "none"


class Controls(Horizontal):
    """Two groups: what to run (left), how to score and show it (right)."""

    def __init__(self, method: str) -> None:
        super().__init__(id="controls")
        self._method = method

    def compose(self) -> ComposeResult:
        methods = [(name, name) for name in registry.names()]
        with Horizontal(id="run-controls"):
            yield Label("Method", classes="control-label wide-only")
            yield Select(methods, value=self._method, allow_blank=False, compact=True,
                         id="method", tooltip="Summarization method to run")
            yield Button("Run", compact=True, id="run", variant="primary",
                         tooltip="Run the method in the background (r)")
            yield Button("Options", compact=True, id="options-button",
                         tooltip="Budget, redundancy, order, model, endpoint, -O keys (o)")
        with Horizontal(id="score-controls"):
            yield Label("Ref.", classes="control-label")
            yield Select([("no reference", NO_REFERENCE)], value=NO_REFERENCE,
                         allow_blank=False, compact=True, id="reference",
                         tooltip="What ROUGE is computed against")
            yield Checkbox("n-grams", compact=True, id="ngrams",
                           tooltip="Highlight n-grams shared with the reference (g)")

    def set_references(self, references: Sequence[Reference], summaries: Sequence[tuple[str, str]],
                       value: str) -> None:
        """Offer the references and every finished summary; keep ``value`` selected."""
        options = [("no reference", NO_REFERENCE)]
        options += [(r.label, r.key) for r in references]
        options += [(f"summary: {label}", key) for key, label in summaries]
        select = self.query_one("#reference", Select)
        keys = [k for _, k in options]
        with self.prevent(Select.Changed):
            select.set_options(options)
            select.value = value if value in keys else NO_REFERENCE
