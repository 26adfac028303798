"""The Textual app: holds the configuration and pushes the first screen.

``make_app`` is the one way to build it, from the command line and from tests.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from textual.app import App, SystemCommand
from textual.screen import Screen

from summarize import registry
from summarize.config import Config
from summarize.model import Budget, Cluster
from tui.data import (
    Entry,
    Reference,
    cluster_references,
    load_cluster,
    open_store,
    read_reference,
)


@dataclass(frozen=True)
class AppConfig:
    """What the app was started with (command-line options)."""

    paths: tuple[str, ...] = ()
    db: str | None = None
    methods: tuple[str, ...] = ()
    """Methods to run as soon as the compare screen opens."""
    words: int = 120
    threshold: float = 0.5
    order: str = "source"
    references: tuple[str, ...] = ()
    """Reference summary files to score against."""


class SummarizeApp(App):
    """Compare summaries of one cluster, or browse a benchmark database."""

    CSS_PATH = "app.tcss"
    TITLE = "summarize"

    def __init__(self, config: AppConfig, cluster: Cluster | None = None,
                 entries: Sequence[Entry] = (), references: Sequence[Reference] = (),
                 store: Any = None) -> None:
        super().__init__()
        self.config = config
        self.cluster = cluster
        self.entries = tuple(entries)
        self.references = tuple(references)
        self.store = store

    def on_mount(self) -> None:
        from tui.screens.bench import BenchScreen
        from tui.screens.compare import CompareScreen

        c = self.config
        if self.store is not None:
            self.push_screen(BenchScreen(self.store, c.db or "", c.words, c.threshold, c.order))
            return
        assert self.cluster is not None
        first = self.references[0].key if self.references else None
        self.push_screen(CompareScreen(
            self.cluster, self.entries, self.references,
            method=c.methods[0] if c.methods else registry.DEFAULT_METHOD,
            words=c.words, threshold=c.threshold, order=c.order, reference=first,
            autorun=c.methods))

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        yield from super().get_system_commands(screen)
        commands = getattr(screen, "palette_commands", None)
        if commands is not None:
            for title, help_text, callback in commands():
                yield SystemCommand(title, help_text, callback)


def make_app(paths: Sequence[str] = (), *, db: str | None = None, cluster: Cluster | None = None,
             entries: Sequence[Entry] = (), methods: Sequence[str] = (), words: int = 120,
             threshold: float = 0.5, order: str = "source",
             references: Sequence[str] = ()) -> SummarizeApp:
    """Build the app; input problems raise SummarizeError before anything is drawn."""
    config = AppConfig(paths=tuple(paths), db=db, methods=tuple(methods), words=words,
                       threshold=threshold, order=order, references=tuple(references))
    Config(budget=Budget(words=words), threshold=threshold, order=order)  # type: ignore[arg-type]
    for method in methods:
        registry.get(method)
    refs = [read_reference(p) for p in references]
    if db is not None:
        return SummarizeApp(config, store=open_store(db))
    if cluster is None:
        cluster = load_cluster(paths)
    return SummarizeApp(config, cluster, entries, cluster_references(cluster) + refs)
