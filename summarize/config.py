"""Options shared by every method: budget, ordering and the redundancy filter."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal

from summarize.errors import UsageError
from summarize.model import Budget

THRESHOLDS = {"hybrid": 0.45, "lexical": 0.5, "semantic": 0.5}
"""Default ``--redundancy`` per similarity measure: each scale has its own level for
'the same content' (measured on the seeds; the measures are in ``summarize.similarity``).
The keys are the measures ``--similarity`` accepts, the first the default."""

Order = Literal["source", "score"]


@dataclass(frozen=True)
class Config:
    """What the pipeline does around a method's scores. Hashable and printable."""

    budget: Budget = Budget()
    order: Order = "source"
    """``source``: document order then position; ``score``: best first."""
    dedup: bool = True
    """Apply the redundancy filter (``--no-dedup`` turns it off)."""
    threshold: float | None = None
    """Similarity at or above which two sentences state the same content; None: the
    measure's own default (``THRESHOLDS``), set on construction."""
    mmr: float | None = None
    """MMR trade-off lambda in [0, 1] (``--mmr``); None selects greedily by score."""
    selection: Literal["coverage", "score"] = "coverage"
    """``coverage``: sentences that add the most not yet covered content, weighted by the
    method's scores (``summarize.coverage``); ``score``: best score first, repeats skipped."""
    readable: bool = True
    """Keep fragments out of the brief, and sentences whose opening leans on the sentence
    before it unless that one is in the brief too (``summarize.readability``)."""
    min_support: int = 1
    """Keep only content reported by at least this many documents (``--min-support``)."""
    similarity: Literal["hybrid", "lexical", "semantic"] = "hybrid"
    """How similarity is measured (``summarize.similarity``): paraphrase-aware by default."""
    seed: int = 0
    method_options: tuple[tuple[str, Any], ...] = ()
    """Extra keyword options for the method's constructor, as sorted pairs."""
    conflicts: bool = field(default=True, compare=False)
    """Look for numbers that differ between the reports of one content
    (``summarize.conflicts``, ``Summary.conflicts``). The command turns it off where its
    output shows none (text and Markdown without ``--conflicts``): 30 ms of a
    2,000-sentence brief. Left out of ``as_options``, equality and hashing: it changes what
    is looked for beside the brief, never the brief, so the TUI's settings (which keep it
    on) still build the config ``summarize brief`` builds."""
    threshold_given: bool | None = field(default=None, repr=False, compare=False)
    """Whether ``threshold`` was given (``--redundancy``), set on construction: a language
    with a default of its own (``summarize.language``) takes it only when it was not. Kept
    by ``dataclasses.replace``; out of equality, hashing and ``as_options``, so a brief
    records and compares exactly as before."""

    def __post_init__(self) -> None:
        if self.similarity not in THRESHOLDS:
            raise UsageError(f"--similarity must be one of {', '.join(THRESHOLDS)}, "
                             f"got {self.similarity!r}")
        if self.threshold_given is None:
            object.__setattr__(self, "threshold_given", self.threshold is not None)
        if self.threshold is None:
            object.__setattr__(self, "threshold", THRESHOLDS[self.similarity])
        b = self.budget
        if b.words is not None and b.words <= 0:
            raise UsageError(f"--words must be a positive number, got {b.words}")
        if b.sentences is not None and b.sentences <= 0:
            raise UsageError(f"--sentences must be a positive number, got {b.sentences}")
        if b.words is None and b.sentences is None:
            raise UsageError("a budget is needed: --words N or --sentences N")
        if not 0.0 < self.threshold <= 1.0:
            raise UsageError(f"--redundancy must be in (0, 1], got {self.threshold}")
        if self.mmr is not None and not 0.0 <= self.mmr <= 1.0:
            raise UsageError(f"--mmr must be in [0, 1], got {self.mmr}")
        if self.min_support < 1:
            raise UsageError(f"--min-support must be at least 1, got {self.min_support}")
        if self.selection not in ("coverage", "score"):
            raise UsageError(f"--selection must be 'coverage' or 'score', got {self.selection!r}")
        if self.order not in ("source", "score"):
            raise UsageError(f"--order must be 'source' or 'score', got {self.order!r}")

    def as_options(self) -> tuple[tuple[str, Any], ...]:
        """Every setting as sorted pairs, recorded in each Summary for provenance."""
        pairs: dict[str, Any] = {
            "words": self.budget.words,
            "sentences": self.budget.sentences,
            "order": self.order,
            "dedup": self.dedup,
            "redundancy": self.threshold,
            "mmr": self.mmr,
            "min_support": self.min_support,
            "similarity": self.similarity,
            "selection": self.selection,
            "readable": self.readable,
            "seed": self.seed,
        }
        pairs.update(dict(self.method_options))
        return tuple(sorted(pairs.items()))
