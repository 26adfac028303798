"""Centroid summarization (Radev et al. 2004, MEAD), vectorised.

The cluster's centroid is the mean of its sentences' unit TF-IDF vectors, cut to its
``topic_words`` heaviest terms (MEAD's "centroid words": the vocabulary that defines the
event, without the long tail of one-off words). A sentence's score is its cosine with the
centroid: how much of the shared topic it states. One sparse mat-vec, O(words).

As in our other methods, ``support`` (content found in other reports) and ``position``
(lead sentences first, only when there are several documents) multiply the score.
"""

from __future__ import annotations

import numpy as np

from summarize.methods import features
from summarize.methods.features import Features
from summarize.methods.lexrank import POSITION_WEIGHT, SUPPORT_WEIGHT, _weight
from summarize.model import Cluster


class Centroid:
    """Cosine with the (top-``topic_words``) TF-IDF centroid, times support and position."""

    def __init__(self, topic_words: int | None = 100, support: bool | float = True,
                 position: bool | float = True, sublinear: bool = True) -> None:
        self.topic_words = topic_words
        self.support = _weight(support, SUPPORT_WEIGHT)
        self.position = _weight(position, POSITION_WEIGHT)
        self.sublinear = sublinear

    def centrality(self, f: Features) -> np.ndarray:
        centroid = np.asarray(f.tfidf.mean(axis=0)).ravel()
        if self.topic_words is not None and centroid.size > self.topic_words:
            # Keep the heaviest terms; ties at the cut go to the earlier term (stable sort).
            keep = np.argsort(-centroid, kind="stable")[: self.topic_words]
            mask = np.zeros_like(centroid)
            mask[keep] = 1.0
            centroid = centroid * mask
        norm = np.linalg.norm(centroid)
        if norm == 0:
            return np.zeros(f.n)
        return np.asarray(f.tfidf @ (centroid / norm)).ravel()

    def score(self, cluster: Cluster) -> np.ndarray:
        if not cluster.sentences:
            return np.zeros(0)
        f = Features.of(cluster, sublinear=self.sublinear)
        return features.combine(self.centrality(f), f, self.support, self.position)
