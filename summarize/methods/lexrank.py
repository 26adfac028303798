"""LexRank (Erkan & Radev 2004) on sparse TF-IDF vectors, in time linear in the words.

Continuous LexRank (``threshold=None``, the default) walks the full cosine-similarity
graph ``W = X X^T`` of the unit TF-IDF rows ``X``. That graph is dense (n^2 entries),
but a random-walk step only needs ``W v = X (X^T v)``: two sparse mat-vecs, O(words).
So we never build it, and 100,000 sentences cost what 100,000 sentences of text cost.

With a ``threshold`` we run the classic thresholded LexRank: an unweighted edge
wherever the cosine exceeds the threshold, which does need the explicit graph; it is
built in row blocks (``features.graph``), optionally keeping only the ``neighbours``
most similar sentences of each one so memory stays linear.

Multi-document signals multiply the centrality: ``support`` (how many other reports
carry the sentence's content) and ``position`` (lead sentences first), each switchable.
"""

from __future__ import annotations

import numpy as np

from summarize.methods import features
from summarize.methods.features import Features
from summarize.model import Cluster
from summarize.scipy_sparse import sparse as sp

SUPPORT_WEIGHT = 1.0
POSITION_WEIGHT = 0.5
LENGTH_WEIGHT = 0.0


def _weight(value: bool | float, default: float) -> float:
    """``True`` means the default weight, ``False`` off, a number that weight."""
    if value is True:
        return default
    if value is False or value is None:
        return 0.0
    return float(value)


class LexRank:
    """Continuous (default) or thresholded LexRank with support and position priors."""

    def __init__(self, threshold: float | None = None, damping: float = 0.85,
                 support: bool | float = True, position: bool | float = True,
                 length: bool | float = False, neighbours: int | None = None,
                 self_loops: bool = False, tol: float = 1e-8, max_iter: int = 200,
                 weighting: str = "sublinear") -> None:
        self.threshold = threshold
        self.damping = damping
        self.support = _weight(support, SUPPORT_WEIGHT)
        self.position = _weight(position, POSITION_WEIGHT)
        self.length = _weight(length, LENGTH_WEIGHT)
        self.neighbours = neighbours
        self.self_loops = self_loops
        self.tol = tol
        self.max_iter = max_iter
        self.weighting = weighting

    def centrality(self, f: Features) -> np.ndarray:
        """Stationary probability of each sentence under the LexRank random walk."""
        x = f.tfidf
        if self.threshold is None and self.neighbours is None:
            xt = sp.csr_matrix(x.T)
            diag = np.asarray(x.multiply(x).sum(axis=1)).ravel()
            selfw = 0.0 if self.self_loops else 1.0

            def matvec(v: np.ndarray) -> np.ndarray:
                return x @ (xt @ v) - selfw * diag * v

            total = x @ np.asarray(x.sum(axis=0)).ravel() - selfw * diag
            total = np.maximum(total, 0.0)  # rounding can leave -1e-17 for an isolated row
        else:
            g = features.graph(x, threshold=self.threshold or 0.0, top_k=self.neighbours,
                               self_loops=self.self_loops)
            if self.neighbours is not None:
                g = features.symmetric(g)
            if self.threshold is not None:
                g.data[:] = 1.0

            def matvec(v: np.ndarray) -> np.ndarray:
                return g.T @ v

            total = np.asarray(g.sum(axis=1)).ravel()
        return features.pagerank(matvec, total, damping=self.damping, tol=self.tol,
                                 max_iter=self.max_iter)

    def score(self, cluster: Cluster) -> np.ndarray:
        if not cluster.sentences:
            return np.zeros(0)
        f = Features.of(cluster, weighting=self.weighting)
        scores = features.combine(self.centrality(f), f, self.support, self.position)
        if self.length:
            scores = scores * features.length_prior(f, self.length)
        return scores
