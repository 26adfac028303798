"""One tokenisation per cluster: each sentence's content terms, computed once and shared.

The scorer's features (``summarize.methods.features``), the redundancy filter's TF-IDF
vectors (``summarize.similarity``, which the conflict finder reuses to relate sentences) and
fusion's term centroid all start from the same content terms of the same sentences
(``summarize.text.content_terms``), and fusion's concepts (``summarize.methods.concepts``)
from the same stemmed words with their stop-word marks (``summarize.text.stemmed_words``).
Each used to split and stem the cluster again; now the first to ask computes them and the
others get the same tuples. The terms depend on the
language the pipeline runs in (``summarize.text.using``), so they are kept per language.

They live on the cluster itself (``Cluster._memo``, not compared, not in the repr), so they
go when the cluster goes, and a cluster built with ``dataclasses.replace`` starts afresh.
"""

from __future__ import annotations

from summarize.model import Cluster
from summarize.text import content_terms, current_language, stemmed_words

Terms = tuple[tuple[str, ...], ...]
Words = tuple[tuple[tuple[str, bool], ...], ...]


def terms(cluster: Cluster) -> Terms:
    """Content terms of every sentence of ``cluster``, in order, in the current language."""
    key = ("terms", current_language())
    found = cluster._memo.get(key)
    if found is None:
        found = cluster._memo[key] = tuple(tuple(content_terms(s.text))
                                           for s in cluster.sentences)
    return found


def words(cluster: Cluster) -> Words:
    """Every sentence's stemmed words with whether each is a stop word, in order, in the
    current language."""
    key = ("words", current_language())
    found = cluster._memo.get(key)
    if found is None:
        found = cluster._memo[key] = tuple(tuple(stemmed_words(s.text))
                                           for s in cluster.sentences)
    return found
