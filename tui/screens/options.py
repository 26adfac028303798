"""The run options dialog: budget, redundancy, order, similarity, model, endpoint, -O keys.

A form of its own, so that the compare screen has no text boxes: there every printable key
is a command (1-4 focus a column) and the footer always lists them.
"""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Grid, Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Label, Select

from summarize.errors import SummarizeError, UsageError
from tui.settings import ORDERS, SIMILARITIES, RunSettings, format_options, from_fields


class OptionsScreen(ModalScreen[RunSettings | None]):
    """Edit the settings; Enter runs ``method`` with them, Escape leaves them unchanged."""

    BINDINGS = [
        Binding("escape", "cancel", "Cancel"),
        Binding("enter", "apply", "Run"),
    ]

    def __init__(self, method: str, settings: RunSettings) -> None:
        super().__init__()
        self.method = method
        self.settings = settings

    def compose(self) -> ComposeResult:
        s = self.settings
        with Vertical(id="options"):
            yield Label(f"Options of the next run ({self.method})", id="options-title")
            with Grid(id="options-grid"):
                yield Label("Words")
                yield Input(str(s.words), type="integer", compact=True, id="opt-words")
                yield Label("Redundancy")
                yield Input("" if s.threshold is None else f"{s.threshold:g}", compact=True,
                            placeholder=f"auto ({s.effective_threshold:g})", id="opt-threshold")
                yield Label("Order")
                yield Select([(o, o) for o in ORDERS], value=s.order, allow_blank=False,
                             compact=True, id="opt-order")
                yield Label("Similarity")
                yield Select([(m, m) for m in SIMILARITIES], value=s.similarity,
                             allow_blank=False, compact=True, id="opt-similarity")
                yield Label("Model")
                yield Input(str(s.option("model") or ""), compact=True, id="opt-model",
                            placeholder="path or name (transformers, llm)")
                yield Label("Endpoint")
                yield Input(str(s.option("endpoint") or ""), compact=True, id="opt-endpoint",
                            placeholder="chat-completions URL (llm)")
                yield Label("-O")
                yield Input(format_options(s.options), compact=True, id="opt-options",
                            placeholder="KEY=VALUE ... (method options)")
            yield Label("", id="options-error")
            yield Label("Enter: run · Tab: next field · Escape: cancel", id="options-hint")

    def _value(self, selector: str) -> str:
        return self.query_one(selector, Input).value

    def read(self) -> RunSettings:
        """The settings in the form (UsageError naming the wrong field)."""
        return from_fields(
            self._value("#opt-words"), self._value("#opt-threshold"),
            str(self.query_one("#opt-order", Select).value),
            str(self.query_one("#opt-similarity", Select).value),
            self._value("#opt-model"), self._value("#opt-endpoint"),
            self._value("#opt-options"))

    def action_apply(self) -> None:
        try:
            settings = self.read()
            unused = settings.unused((self.method,))
            if unused:
                raise UsageError(f"-O: {self.method} takes no option {unused[0]!r}")
        except SummarizeError as exc:
            self.query_one("#options-error", Label).update(str(exc))
            return
        self.dismiss(settings)

    @on(Input.Submitted)
    def _submitted(self) -> None:
        self.action_apply()

    def action_cancel(self) -> None:
        self.dismiss(None)
