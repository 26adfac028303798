"""Concepts: the word pairs a cluster repeats, and what covering them is worth.

Gillick & Favre (2009) summarize by covering *concepts*, word bigrams weighted by how many
inputs use them, each counted once however many chosen sentences repeat it. The measure
suits fusion: it prices a new sentence and a source sentence alike, by the repeated phrasing
they carry per word, so a fused sentence that keeps what its sources share and drops what
only one says wins on merit, and two sentences saying one thing gain nothing twice.

A pair of stemmed words is a concept unless both are stop words ("of the" says nothing).
Its weight is the number of sentences using it, each sentence counted by the position prior
of ``summarize.methods.features.position`` (news puts its key facts first; a single input
such as a pool of reviews has no meaningful order and counts every sentence as 1). Pairs
that only one sentence uses are worth ``rare``, a small amount: without it a cluster whose
repeated pairs are all covered would leave the rest of the budget empty.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable, Sequence

from summarize import tokens
from summarize.model import Cluster
from summarize.text import stemmed_words

Concept = tuple[str, str]


def concepts(text: str) -> frozenset[Concept]:
    """The concepts of ``text``: adjacent stemmed word pairs, not both stop words."""
    return of_words(stemmed_words(text))


def of_words(tokens: Sequence[tuple[str, bool]]) -> frozenset[Concept]:
    """The concepts of a text already split (``summarize.text.stemmed_words``)."""
    return frozenset((a, b) for (a, a_stop), (b, b_stop) in zip(tokens, tokens[1:], strict=False)
                     if not (a_stop and b_stop))


def weights(cluster: Cluster, position_decay: float = 0.5,
            rare: float = 0.1) -> dict[Concept, float]:
    """Weight of each concept of the cluster (see the module doc)."""
    several = len({s.doc_id for s in cluster.sentences}) > 1
    mass: dict[Concept, float] = {}
    uses: Counter[Concept] = Counter()
    for s, split in zip(cluster.sentences, tokens.words(cluster), strict=True):
        prior = 1.0 / (1.0 + s.index) ** position_decay if several else 1.0
        for c in of_words(split):
            mass[c] = mass.get(c, 0.0) + prior
            uses[c] += 1
    return {c: (m if uses[c] > 1 else rare) for c, m in mass.items()}


def gain(items: Iterable[Concept], covered: set[Concept] | frozenset[Concept],
         weight: dict[Concept, float]) -> float:
    """What ``items`` add to a summary that already covers ``covered``.

    ``math.fsum`` is exact, so the sum does not depend on the order of a set, which changes
    with Python's string hashing from one process to the next: a plain ``sum`` differed in
    its last bit between runs, flipped near-ties and changed the brief.
    """
    return math.fsum(weight.get(c, 0.0) for c in items if c not in covered)
