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

Sentence similarity alone undervalues a fact that several reports give in sentences
otherwise unlike each other ("Russia and China vetoed the measure on Friday", "the motion
was rejected by China and Russia"): each is a low-scored sentence, so its coverage weighs
little, and once the main fact is said the brief goes on restating it in other words. So
the value has a second part, the **facts** a candidate adds: its content terms that the
brief does not have yet, each weighted by how many reports use it (``Facts``). A term one
report alone uses weighs nothing; one that every report uses is said by the first
sentence already. What is left to gain after the lead is the names and words that several
reports share and the brief has not said: who vetoed, where the talks are, what the
Israeli leader answered.

The discount alone still lets a restatement in when nothing better fits: two reports
telling the same resignation in other words, at 0.40-0.44 (under the filter's 0.45), both
entered 65-word briefs on neus-val. So a candidate that close to a chosen sentence, within
``near_margin`` of the repeat threshold, is left out, as the update brief leaves out a new
sentence that close to an earlier one, unless a quarter of its fact weight is still unsaid:
a sentence that retells the vote of the first but brings the talks in Doha stays.

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

from summarize.model import Budget, Cluster
from summarize.scipy_sparse import sparse
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
    facts: float = 0.5
    """Weight of the fact part of the value (``Facts``) against the coverage part (each
    sums to 1 over the whole cluster). Measured on the dev sets and the seeds: at 0.5
    ROUGE-2 moves by +0.03 (neus-val) and +0.20 (amazon-dev) and the seed briefs stay as
    they were; at 0.7-1.0 the 150-word seed brief loses the hostage talks and Doha."""
    near_margin: float = 0.1
    """A candidate within this of the repeat threshold (0.35 for the hybrid measure's 0.45)
    of a chosen sentence restates it, as the update brief's known sentences do
    (``summarize.update.KNOWN_MARGIN``), unless it still brings ``near_new`` of its facts.
    Off where that line would fall below ``floor`` (a ``--redundancy`` under 0.4): there
    two sentences are merely about the same story. Off for the lexical and semantic
    measures, where it was not measured: Chinese character pairs put two different facts
    ("the airport cancelled all flights on Sunday" / "resumed flights on Monday") at 0.40,
    inside the band under Chinese's 0.45 (``redundancy``'s caller passes no threshold)."""
    near_new: float = 0.25
    """Share of a near candidate's fact weight (``Facts``) that must still be unsaid for it
    to stay: the seeds' sentence on the Doha talks, which also retells the UN vote of the
    first sentence, keeps 0.30 of its weight; of 146 near candidates on neus-val 95% keep
    less than 0.3 and 90% less than 0.25, a quarter of them none (measured with the rule
    off)."""


FACT_POWER = 2.0
"""A term used by ``d`` reports weighs ``(d - 1) ** FACT_POWER``: above 1 the terms most
reports share count more against the details two reports happen to share (3 gave the same
ROUGE-2 on the dev sets and the same seed facts)."""


@dataclass(frozen=True)
class Facts:
    """Which content terms each sentence uses, and what each term is worth."""

    terms: sparse.csr_matrix
    """Sentences x terms, 1 where the sentence uses the term."""
    weights: np.ndarray
    """Per term: ``(reports using it - 1) ** FACT_POWER``, summing to 1."""

    @classmethod
    def of(cls, cluster: Cluster, vectors: Vectors) -> Facts | None:
        """The facts of ``cluster`` from its TF-IDF vectors' terms (the lexical and hybrid
        measures; ``None`` for the semantic one, which has no terms), or ``None`` when it
        has a single document (a pool of reviews: the number of reports means nothing
        there) or no term that two reports share."""
        m = vectors.matrix
        n = len(cluster.sentences)
        if not sparse.issparse(m) or n == 0:
            return None
        docs = {d: k for k, d in enumerate(dict.fromkeys(s.doc_id for s in cluster.sentences))}
        if len(docs) < 2:
            return None
        terms = sparse.csr_matrix((np.ones(m.nnz), m.indices, m.indptr), shape=m.shape)
        owner = sparse.csr_matrix((np.ones(n), ([docs[s.doc_id] for s in cluster.sentences],
                                                np.arange(n))), shape=(len(docs), n))
        per_doc = owner @ terms
        reports = np.bincount(per_doc.indices, minlength=m.shape[1]).astype(float)
        weights = np.power(np.maximum(reports - 1.0, 0.0), FACT_POWER)
        total = float(weights.sum())
        if total <= 0.0:
            return None
        return cls(terms, weights / total)


def select(scores: np.ndarray, lengths: np.ndarray, budget: Budget, vectors: Vectors,
           allowed: Callable[[int], bool], taken: Callable[[int], None],
           settings: Settings = Settings(), facts: Facts | None = None,
           threshold: float | None = None) -> list[int]:
    """Indexes chosen, in the order taken (see the module doc).

    ``allowed(j)`` vetoes a candidate for now (a repeat of a chosen sentence, an opening
    whose antecedent is not chosen yet) and is asked again after every choice;
    ``taken(j)`` is told of each choice so the caller can block its repeats. ``facts``:
    the cluster's ``Facts``, where it has them. ``threshold``: the measure's repeat
    threshold, where near repeats should be left out too (``Settings.near_margin``).
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
    if facts is not None and settings.facts > 0:
        uses = facts.terms[cand]
        unsaid = facts.weights.copy()  # what each term is worth while the brief lacks it
        brings = uses @ unsaid  # each candidate's fact weight before anything is said
    else:
        uses = None
    near = np.inf if threshold is None else threshold - settings.near_margin
    if near < settings.floor:
        near = np.inf
    chosen: list[int] = []
    used = 0
    while alive.any():
        if budget.sentences is not None and len(chosen) >= budget.sentences:
            break
        room = np.inf if budget.words is None else budget.words - used
        if room <= 0:
            break
        gain = (np.maximum(cover - covered[:, None], 0.0) * weight[:, None]).sum(axis=0)
        if uses is not None:
            facts_left = uses @ unsaid
            gain = gain + settings.facts * facts_left
        value = gain * (1.0 - settings.repeat_cost * closest) / cost
        best = -1
        for k in np.lexsort((np.arange(cand.size), -value)).tolist():
            if not alive[k]:
                continue
            j = int(cand[k])
            if lengths[j] > room:  # room only shrinks: it will never fit
                alive[k] = False
                continue
            if closest[k] >= near and not (  # closeness only grows, new facts only shrink
                    uses is not None and brings[k] > 0
                    and facts_left[k] >= settings.near_new * brings[k]):
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
        if uses is not None:
            unsaid[uses.indices[uses.indptr[best]:uses.indptr[best + 1]]] = 0.0
        closest = np.maximum(closest, np.clip(sim[j], 0.0, 1.0))
    return chosen
