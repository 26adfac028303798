"""Submodular summarization (Lin & Bilmes 2011): coverage plus a diversity reward.

    F(S) = sum_i imp_i * min(C_i(S), alpha * C_i(V)) + lambda * sum_k sqrt(sum_{j in S, P_k} r_j)

``C_i(S)`` is how much the chosen set ``S`` covers sentence ``i`` (sum of cosine
similarities); coverage of each sentence saturates at ``alpha = a / n`` of what the whole
cluster gives it, so once a topic is covered more of it earns nothing. The square root
over clusters ``P_k`` of similar sentences rewards picking from different clusters. Both
terms are monotone submodular, so the cost-scaled greedy (gain / words**r) is near-optimal.
``imp_i`` weights coverage by our priors (support from other reports, position), which
keeps F submodular.

A scorer returns scores, not a set: the greedy order is the ranking (first pick scores
highest), so the pipeline's budget and redundancy filter take a prefix of it. The greedy
stops after ``max_words`` (or ``words``, if the budget is known); the rest are ranked below
by their singleton value. Only the ``candidates`` most central sentences compete, and
coverage is measured through ``X @ X[candidates].T``: O(n * candidates) memory.
"""

from __future__ import annotations

import numpy as np

from summarize.methods import features
from summarize.methods.features import Features
from summarize.methods.lexrank import POSITION_WEIGHT, SUPPORT_WEIGHT, _weight
from summarize.model import Cluster


class Submodular:
    """Cost-scaled greedy maximisation of coverage + diversity (Lin & Bilmes 2011)."""

    def __init__(self, a: float = 5.0, diversity: float = 6.0, r: float = 0.3,
                 cluster_share: float = 0.2, candidates: int = 200, max_words: int = 400,
                 words: int | None = None, support: bool | float = True,
                 position: bool | float = True, seed: int = 0) -> None:
        self.a = a
        self.diversity = diversity
        self.r = r
        self.cluster_share = cluster_share
        self.candidates = candidates
        self.max_words = max_words
        self.words = words
        self.support = _weight(support, SUPPORT_WEIGHT)
        self.position = _weight(position, POSITION_WEIGHT)
        self.seed = seed

    def score(self, cluster: Cluster) -> np.ndarray:
        n = len(cluster.sentences)
        if n == 0:
            return np.zeros(0)
        f = Features.of(cluster)
        x = f.tfidf
        imp = features.combine(np.ones(n), f, self.support, self.position)
        imp = imp / imp.max()
        total = np.asarray(x @ np.asarray(x.sum(axis=0)).ravel()).ravel()  # C_i(V)
        singleton = total * imp
        order = np.lexsort((np.arange(n), -singleton))
        usable = f.lengths[order] > 0
        cand = np.sort(order[usable][: self.candidates])
        if cand.size == 0:
            return singleton / (1.0 + singleton.max())
        w = np.asarray((x @ x[cand].T).todense())  # n x m coverage of each sentence
        cap = (self.a / n) * total
        parts = self._partitions(x[cand])
        reward = singleton[cand] / n
        limit = self.words if self.words is not None else self.max_words
        picked = self._greedy(w, cap, imp, parts, reward, f.lengths[cand], limit)
        scores = singleton / (1.0 + singleton.max())  # below 1: after every greedy pick
        for rank, k in enumerate(picked):
            scores[cand[k]] = 1.0 + len(picked) - rank
        return scores

    def _partitions(self, xc) -> np.ndarray:  # noqa: ANN001
        """Cluster label of each candidate (k-means, seeded: deterministic)."""
        m = xc.shape[0]
        k = max(1, int(round(self.cluster_share * m)))
        if k >= m:
            return np.arange(m)
        if k == 1:
            return np.zeros(m, dtype=int)
        from sklearn.cluster import KMeans

        km = KMeans(n_clusters=k, n_init=1, random_state=self.seed)
        return km.fit_predict(xc)

    def _greedy(self, w: np.ndarray, cap: np.ndarray, imp: np.ndarray, parts: np.ndarray,
                reward: np.ndarray, lengths: np.ndarray, limit: int) -> list[int]:
        m = w.shape[1]
        cov = np.zeros(w.shape[0])
        part_sum = np.zeros(int(parts.max()) + 1)
        left = np.ones(m, dtype=bool)
        cost = np.power(np.maximum(lengths, 1.0), self.r)
        picked: list[int] = []
        used = 0.0
        while left.any() and used < limit:
            base = np.minimum(cov, cap)
            gain_l = imp @ (np.minimum(cov[:, None] + w, cap[:, None]) - base[:, None])
            ps = part_sum[parts]
            gain_r = self.diversity * (np.sqrt(ps + reward) - np.sqrt(ps))
            value = np.where(left, (gain_l + gain_r) / cost, -np.inf)
            if self.words is not None:
                value = np.where(used + lengths <= limit, value, -np.inf)
            k = int(np.argmax(value))  # ties: the first (earliest) candidate
            if not np.isfinite(value[k]):
                break
            picked.append(k)
            left[k] = False
            cov += w[:, k]
            part_sum[parts[k]] += reward[k]
            used += lengths[k]
        return picked
