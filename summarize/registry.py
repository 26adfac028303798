"""The one registry of summarization methods, read by the CLI, the benchmark and the TUI.

A method is registered once here, by name, with the dotted path of the class that
implements it; the class is imported only when the method is used, so listing
methods stays fast and a method whose extra is missing fails only when it runs.

Two kinds of method exist:

* ``extractive``: the class is a *scorer*. ``Cls(**options).score(cluster)`` returns
  one float per ``cluster.sentences`` (higher is better). The shared pipeline then
  applies the redundancy filter, the budget and the ordering, so every extractive
  method, sumy's included, gets the same treatment.
* ``abstractive``: the class is a *generator*. ``Cls(**options)(cluster, config)``
  returns a finished ``Summary`` (it may use the pipeline's helpers itself).
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass
from typing import Any, Literal

from summarize.errors import MissingExtra, UsageError

Kind = Literal["extractive", "abstractive"]


@dataclass(frozen=True)
class Method:
    """A registered summarization method."""

    name: str
    description: str
    target: str
    """``module:Class`` implementing it, imported on first use."""
    kind: Kind = "extractive"
    extra: str | None = None
    """The pip extra it needs (``pip install 'mds-summarize[EXTRA]'``), if any."""
    family: str = "ours"
    """``ours``, ``sumy`` or ``baseline``: lets the benchmark and TUI group methods."""

    def load(self) -> type:
        module_name, _, attr = self.target.partition(":")
        try:
            module = importlib.import_module(module_name)
        except ImportError as exc:
            if self.extra:
                raise MissingExtra(self.name, self.extra, str(exc)) from exc
            raise
        return getattr(module, attr)

    def check(self, options: dict[str, Any]) -> None:
        """A one-line UsageError for an option the method cannot take (``summarize.options``)."""
        from summarize.options import check

        check(self.load(), self.name, options)

    def create(self, **options: Any) -> Any:
        self.check(options)
        return self.load()(**options)


_SUMY = "summarize.methods.sumy_methods"

_METHODS: tuple[Method, ...] = (
    Method("lexrank", "Continuous LexRank on a sparse TF-IDF cosine graph, with cross-document "
           "support and position", "summarize.methods.lexrank:LexRank"),
    Method("textrank", "TextRank: PageRank on a sparse word-overlap sentence graph, with "
           "cross-document support and position", "summarize.methods.textrank:TextRank"),
    Method("centroid", "TF-IDF centroid (Radev et al. 2004), with cross-document support",
           "summarize.methods.centroid:Centroid"),
    Method("submodular", "Coverage plus diversity reward (Lin & Bilmes 2011), greedy under the "
           "budget", "summarize.methods.submodular:Submodular"),
    Method("lead", "First sentences of each document in turn", "summarize.methods.lead:Lead",
           family="baseline"),
    Method("random", "Random sentences (seeded): a floor for comparisons",
           "summarize.methods.lead:Random", family="baseline"),
    Method("fusion", "Abstractive: fuses sentences that say the same thing into new ones "
           "(word graph), chosen by coverage of repeated phrases",
           "summarize.methods.fusion:Fusion", kind="abstractive"),
    Method("transformers", "Abstractive: a local Hugging Face seq2seq model (--model PATH)",
           "summarize.methods.neural:Transformers", kind="abstractive", extra="neural"),
    Method("llm", "Abstractive: an OpenAI-compatible chat endpoint, checked against its sources",
           "summarize.methods.llm:LLM", kind="abstractive", extra="llm"),
    Method("sumy-luhn", "sumy's Luhn (word significance)", f"{_SUMY}:Luhn", family="sumy"),
    Method("sumy-edmundson", "sumy's Edmundson (cue, key, title and location words)",
           f"{_SUMY}:Edmundson", family="sumy"),
    Method("sumy-lsa", "sumy's LSA (latent semantic analysis)", f"{_SUMY}:LSA", family="sumy"),
    Method("sumy-lexrank", "sumy's LexRank", f"{_SUMY}:LexRank", family="sumy"),
    Method("sumy-textrank", "sumy's TextRank", f"{_SUMY}:TextRank", family="sumy"),
    Method("sumy-sumbasic", "sumy's SumBasic", f"{_SUMY}:SumBasic", family="sumy"),
    Method("sumy-kl", "sumy's KL-Sum", f"{_SUMY}:KL", family="sumy"),
    Method("sumy-reduction", "sumy's Reduction (graph of shared words)", f"{_SUMY}:Reduction",
           family="sumy"),
    Method("sumy-random", "sumy's Random", f"{_SUMY}:Random", family="sumy"),
)

REGISTRY: dict[str, Method] = {m.name: m for m in _METHODS}

DEFAULT_METHOD = "lexrank"


def names(kind: Kind | None = None) -> list[str]:
    """Registered method names, in registry order."""
    return [m.name for m in _METHODS if kind is None or m.kind == kind]


def get(name: str) -> Method:
    """The method called ``name``; a UsageError listing the known ones otherwise."""
    try:
        return REGISTRY[name]
    except KeyError:
        raise UsageError(f"unknown method {name!r}; known methods: {', '.join(names())}") from None
