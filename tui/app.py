"""The Textual app: holds the configuration and pushes the first screen.

``make_app`` is the one way to build it, from the command line and from tests.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from textual.app import App, SystemCommand
from textual.binding import Binding
from textual.screen import Screen

from summarize import registry
from summarize.errors import UsageError
from summarize.model import Cluster
from tui.data import (
    Entry,
    Reference,
    cluster_references,
    load_cluster,
    open_store,
    read_reference,
)
from tui.settings import DEFAULTS, RunSettings


@dataclass(frozen=True)
class AppConfig:
    """What the app was started with (command-line options)."""

    paths: tuple[str, ...] = ()
    db: str | None = None
    methods: tuple[str, ...] = ()
    """Methods to run as soon as the compare screen opens."""
    settings: RunSettings = DEFAULTS
    """Budget, redundancy, order and method options of every run until changed (o)."""
    references: tuple[str, ...] = ()
    """Reference summary files to score against."""
    since: tuple[str, ...] = ()
    """Earlier reports or briefs: each method also runs as an update brief against them."""


class SummarizeApp(App):
    """Compare summaries of one cluster, or browse a benchmark database."""

    CSS_PATH = "app.tcss"
    TITLE = "summarize"
    # Shown in the footer (Textual hides its own quit key).
    BINDINGS = [Binding("ctrl+q", "quit", "Quit", priority=True)]

    def __init__(self, config: AppConfig, cluster: Cluster | None = None,
                 entries: Sequence[Entry] = (), references: Sequence[Reference] = (),
                 store: Any = None, earlier: Any = None) -> None:
        super().__init__()
        self.config = config
        self.earlier = earlier
        self.cluster = cluster
        self.entries = tuple(entries)
        self.references = tuple(references)
        self.store = store

    def on_mount(self) -> None:
        from tui.screens.bench import BenchScreen
        from tui.screens.compare import CompareScreen

        c = self.config
        if self.store is not None:
            self.push_screen(BenchScreen(self.store, c.db or "", c.settings))
            return
        assert self.cluster is not None
        first = self.references[0].key if self.references else None
        self.push_screen(CompareScreen(
            self.cluster, self.entries, self.references,
            method=c.methods[0] if c.methods else registry.DEFAULT_METHOD,
            settings=c.settings, reference=first, autorun=c.methods, earlier=self.earlier))

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        yield from super().get_system_commands(screen)
        commands = getattr(screen, "palette_commands", None)
        if commands is not None:
            for title, help_text, callback in commands():
                yield SystemCommand(title, help_text, callback)


def make_app(paths: Sequence[str] = (), *, db: str | None = None, cluster: Cluster | None = None,
             entries: Sequence[Entry] = (), methods: Sequence[str] = (), words: int = 120,
             threshold: float | None = None, order: str = "source",
             references: Sequence[str] = (),
             options: tuple[tuple[str, Any], ...] = (),
             cluster_id: str | None = None, since: Sequence[str] = (),
             language: str | None = None) -> SummarizeApp:
    """Build the app; input problems raise SummarizeError before anything is drawn.
    ``language``: every report's (``--language``; None detects each one's), for the
    reports read from ``paths``."""
    settings = RunSettings(words=words, threshold=threshold, order=order,
                           options=tuple(sorted(options)))
    for method in methods:
        settings.config(method)  # an unknown method or a bad budget fails before drawing
    settings.config(registry.DEFAULT_METHOD)
    unused = settings.unused(tuple(methods)) if methods else []
    if unused:
        raise UsageError(f"-O {unused[0]}: none of the methods {', '.join(methods)} takes it")
    config = AppConfig(paths=tuple(paths), db=db, methods=tuple(methods), settings=settings,
                       references=tuple(references), since=tuple(since))
    refs = [read_reference(p) for p in references]
    if db is not None:
        return SummarizeApp(config, store=open_store(db))
    if cluster is None:
        cluster = load_cluster(paths, cluster_id, language)
    earlier = None
    if since:
        from summarize.since import load_earlier

        earlier = load_earlier(since, cluster_id=cluster_id, warn=lambda _message: None)
    return SummarizeApp(config, cluster, entries, cluster_references(cluster) + refs,
                        earlier=earlier)
