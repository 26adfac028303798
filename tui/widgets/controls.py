"""The control bar: method and options for a run, and the reference scores are taken against."""

from __future__ import annotations

from collections.abc import Sequence

from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.widgets import Button, Checkbox, Input, Label, Select

from summarize import registry
from tui.data import Reference

NO_REFERENCE = "none"


class Controls(Horizontal):
    """Two groups: what to run (left), how to score and show it (right)."""

    def __init__(self, method: str, words: int, threshold: float, order: str) -> None:
        super().__init__(id="controls")
        self._initial = (method, words, threshold, order)

    def compose(self) -> ComposeResult:
        method, words, threshold, order = self._initial
        methods = [(name, name) for name in registry.names()]
        with Horizontal(id="run-controls"):
            yield Label("Method", classes="control-label")
            yield Select(methods, value=method, allow_blank=False, compact=True, id="method",
                         tooltip="Summarization method to run")
            yield Label("Words", classes="control-label")
            yield Input(str(words), type="integer", compact=True, id="words",
                        tooltip="Budget in words")
            yield Label("Redund.", classes="control-label")
            yield Input(f"{threshold:g}", type="number", compact=True, id="threshold",
                        tooltip="Redundancy threshold: similarity at which two sentences repeat")
            yield Label("Order", classes="control-label")
            yield Select([("source", "source"), ("score", "score")], value=order,
                         allow_blank=False, compact=True, id="order",
                         tooltip="Output order of the sentences")
            yield Button("Run", compact=True, id="run", variant="primary",
                         tooltip="Run the method in the background (r)")
        with Horizontal(id="score-controls"):
            yield Label("Reference", classes="control-label")
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
