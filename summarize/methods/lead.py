"""Baselines every comparison needs: ``lead`` and ``random``."""

from __future__ import annotations

import numpy as np

from summarize.model import Cluster


class Lead:
    """First sentences of each document in turn: all first sentences, then all second ones...

    News puts the key facts first, so this is the baseline that a news summarizer must beat.
    """

    def score(self, cluster: Cluster) -> np.ndarray:
        docs = max((s.position for s in cluster.sentences), default=0) + 1
        rank = np.array([s.index * docs + s.position for s in cluster.sentences], dtype=float)
        return 1.0 / (1.0 + rank)


class Random:
    """Uniformly random scores from a seeded generator: the floor for comparisons."""

    def __init__(self, seed: int = 0) -> None:
        self.seed = seed

    def score(self, cluster: Cluster) -> np.ndarray:
        return np.random.default_rng(self.seed).random(len(cluster.sentences))
