"""Choosing sentences under a budget, given scores (and, when on, the redundancy groups).

The brief never exceeds the word budget and never ends mid-sentence: sentences are
taken best first, and one that does not fit is skipped in favour of a shorter one
further down the ranking. Ties are broken by position so output is deterministic.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

import numpy as np

from summarize.model import Budget


def ranking(scores: np.ndarray) -> list[int]:
    """Indexes by descending score, ties broken by input order (stable, deterministic)."""
    return sorted(range(len(scores)), key=lambda i: (-float(scores[i]), i))


def select(
    scores: np.ndarray,
    lengths: Sequence[int],
    budget: Budget,
    allowed: Callable[[int, list[int]], bool] | None = None,
) -> list[int]:
    """Indexes of the chosen sentences, in the order they were chosen (best first).

    ``lengths`` are word counts; ``allowed(i, chosen)`` may veto a candidate (the
    redundancy filter uses it to keep a second member of a group out).
    """
    chosen: list[int] = []
    used = 0
    for i in ranking(scores):
        if budget.sentences is not None and len(chosen) >= budget.sentences:
            break
        if budget.words is not None and used + lengths[i] > budget.words:
            continue
        if lengths[i] == 0:
            continue
        if allowed is not None and not allowed(i, chosen):
            continue
        chosen.append(i)
        used += lengths[i]
        if budget.words is not None and used >= budget.words:
            break
    return chosen
