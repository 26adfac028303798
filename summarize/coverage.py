"""Selection that covers facts, not restatements.

The brief is a set of sentences ``S`` that should say as much of what the reports say as
the budget allows, each thing once. Its value is a weighted coverage (facility location;
Lin & Bilmes 2011)::

    F(S) = sum_i  w_i * max_{j in S} sim(i, j)

over every sentence ``i`` of the cluster: ``w_i`` is the method's score of ``i`` squared
(what is worth saying: centrality, support, position; squared so that the best content
outweighs the long tail) and ``sim`` the paraphrase-aware similarity of
``summarize.similarity``, floored so that two sentences merely about the same story cover
nothing of each other. A fact that five reports carry is five reports' sentences, so saying
it covers five times the mass of a fact only one report gives; once it is said, a
restatement in other words covers nothing new (its paraphrases are already covered), and it
is charged for what it repeats: its gain is discounted by its similarity to the closest
chosen sentence. Repeats cost, never pay.

The knobs (``Settings``) were set by ROUGE-2 on the three development sets, one value for
news and reviews alike; see the README for the figures.

Candidates are taken greedily by gain per ``words ** cost_exponent`` (the cost-scaled
greedy of Lin & Bilmes), among the ``candidates``
best-scored sentences, so the cost is ``n x candidates`` similarities, never ``n x n``.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from summarize.model import Budget
from summarize.select import ranking
from summarize.similarity import Vectors


@dataclass(frozen=True)
class Settings:
    """The knobs of the coverage objective (defaults measured on the dev sets)."""

    floor: float = 0.3
    """Similarity below this covers nothing; above it, coverage rises linearly to 1."""
    cost_exponent: float = 0.25
    """Gain is divided by words ** this: 0 ignores length, 1 is gain per word."""
    repeat_cost: float = 1.0
    """A candidate's gain is multiplied by ``1 - repeat_cost * s``, ``s`` its similarity to
    the closest chosen sentence: restating costs, whatever new words come with it."""
    weight_power: float = 2.0
    """Scores are raised to this power before they weigh coverage: above 1 the coverage of
    the best-scored content counts more against that of the rest."""
    candidates: int = 300
    """Best-scored sentences considered for the brief."""


def select(scores: np.ndarray, lengths: np.ndarray, budget: Budget, vectors: Vectors,
           allowed: Callable[[int], bool], taken: Callable[[int], None],
           settings: Settings = Settings()) -> list[int]:
    """Indexes chosen, in the order taken (see the module doc).

    ``allowed(j)`` vetoes a candidate for now (a repeat of a chosen sentence, an opening
    whose antecedent is not chosen yet) and is asked again after every choice;
    ``taken(j)`` is told of each choice so the caller can block its repeats.
    """
    n = len(scores)
    finite = np.isfinite(scores)
    if not finite.any():
        return []
    weight = np.where(finite, scores, 0.0)
    weight = weight - min(0.0, float(weight[finite].min()))
    weight = np.power(weight, settings.weight_power)
    total = float(weight.sum())
    weight = weight / total if total > 0 else np.full(n, 1.0 / n)
    order = [i for i in ranking(scores) if finite[i] and lengths[i] > 0]
    cand = np.asarray(order[:settings.candidates], dtype=np.int64)
    if cand.size == 0:
        return []
    sim = vectors.columns(cand)
    cover = np.clip((sim - settings.floor) / (1.0 - settings.floor), 0.0, 1.0)
    cover[cand, np.arange(cand.size)] = 1.0
    covered = np.zeros(n)
    closest = np.zeros(cand.size)  # each candidate's similarity to the nearest chosen one
    cost = np.power(lengths[cand].astype(float), settings.cost_exponent)
    alive = np.ones(cand.size, dtype=bool)
    chosen: list[int] = []
    used = 0
    while alive.any():
        if budget.sentences is not None and len(chosen) >= budget.sentences:
            break
        room = np.inf if budget.words is None else budget.words - used
        if room <= 0:
            break
        gain = (np.maximum(cover - covered[:, None], 0.0) * weight[:, None]).sum(axis=0)
        value = gain * (1.0 - settings.repeat_cost * closest) / cost
        best = -1
        for k in np.lexsort((np.arange(cand.size), -value)).tolist():
            if not alive[k]:
                continue
            j = int(cand[k])
            if lengths[j] > room:  # room only shrinks: it will never fit
                alive[k] = False
                continue
            if not allowed(j):  # a repeat stays one, but an opening may find its antecedent
                continue
            best = k
            break
        if best < 0:
            break
        j = int(cand[best])
        chosen.append(j)
        used += int(lengths[j])
        alive[best] = False
        taken(j)
        covered = np.maximum(covered, cover[:, best])
        closest = np.maximum(closest, np.clip(sim[j], 0.0, 1.0))
    return chosen
