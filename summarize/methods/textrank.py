"""TextRank (Mihalcea & Tarau 2004) for sentences, on a sparse graph.

Edge weight between two sentences: the number of content words they share (counted as
sumy does, ``sum(words2.count(w) for w in words1)``, i.e. the dot product of their term
counts) divided by ``log(len1) + log(len2)``. That normalisation does not factorise, so
the graph is built explicitly, in row blocks (``features.graph``); past ``dense_limit``
sentences each sentence keeps only its ``neighbours`` strongest edges so memory and time
stay linear. PageRank with damping then ranks the sentences, and the ``support`` and
``position`` priors multiply the result.
"""

from __future__ import annotations

import numpy as np

from summarize.methods import features
from summarize.methods.features import Features
from summarize.methods.lexrank import POSITION_WEIGHT, SUPPORT_WEIGHT, _weight
from summarize.model import Cluster


class TextRank:
    """PageRank on the word-overlap graph, with support and position priors."""

    def __init__(self, damping: float = 0.85, support: bool | float = True,
                 position: bool | float = True, neighbours: int | None = 50,
                 dense_limit: int = 5000, self_loops: bool = False, tol: float = 1e-8,
                 max_iter: int = 200) -> None:
        self.damping = damping
        self.support = _weight(support, SUPPORT_WEIGHT)
        self.position = _weight(position, POSITION_WEIGHT)
        self.neighbours = neighbours
        self.dense_limit = dense_limit
        self.self_loops = self_loops
        self.tol = tol
        self.max_iter = max_iter

    def centrality(self, f: Features) -> np.ndarray:
        lengths = np.asarray(f.counts.sum(axis=1)).ravel()
        logs = np.log(np.maximum(lengths, 1.0))

        def weight(i: np.ndarray, j: np.ndarray, dot: np.ndarray) -> np.ndarray:
            norm = logs[i] + logs[j]
            tiny = np.isclose(norm, 0.0)  # two one-word sentences: the overlap itself
            return np.where(tiny, dot, dot / np.where(tiny, 1.0, norm))

        top_k = self.neighbours if f.n > self.dense_limit else None
        g = features.graph(f.counts, weight=weight, top_k=top_k, self_loops=self.self_loops)
        if top_k is not None:
            g = features.symmetric(g)
        out = np.asarray(g.sum(axis=1)).ravel()
        return features.pagerank(lambda v: g.T @ v, out, damping=self.damping, tol=self.tol,
                                 max_iter=self.max_iter)

    def score(self, cluster: Cluster) -> np.ndarray:
        if not cluster.sentences:
            return np.zeros(0)
        f = Features.of(cluster)
        return features.combine(self.centrality(f), f, self.support, self.position)
