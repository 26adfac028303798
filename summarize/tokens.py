"""One tokenisation per cluster: each sentence's words, stemmed once and shared.

The scorer's features (``summarize.methods.features``), the redundancy filter's TF-IDF
vectors (``summarize.similarity``, which the conflict finder reuses to relate sentences),
the filter's shared phrases (``summarize.phrases``) and fusion's term centroid and concepts
(``summarize.methods.concepts``) all start from the same words of the same sentences,
lowercased, stemmed and marked as stop words or not. Each used to split and stem the
cluster again; now the first to ask splits it (``split``) and the others get views of the
same tuples: the content terms (``terms``, as ``summarize.text.content_terms`` gives them)
and the stemmed words with their stop-word marks (``words``, as
``summarize.text.stemmed_words``). Chinese and Japanese terms are character pairs, not words
(``summarize.text``), so there the two views are computed on their own.

The results depend on the language the pipeline runs in (``summarize.text.using``) and are
kept per language, on the cluster itself (``Cluster._memo``, not compared, not in the repr):
they go when the cluster goes, and a cluster made with ``dataclasses.replace`` starts afresh.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from summarize.model import Cluster
from summarize.text import (
    content_terms,
    current_language,
    is_spaced,
    split_words_many,
    stemmed_words,
)

Split = tuple[tuple[tuple[str, str, bool], ...], ...]
"""Per sentence, ``(word as written, stem, is_stop_word)`` for each word."""
Terms = tuple[tuple[str, ...], ...]
Words = tuple[tuple[tuple[str, bool], ...], ...]


def split(cluster: Cluster) -> Split:
    """Every sentence's words as written, with their stems and stop-word marks."""
    return _memo(cluster, "split", lambda: tuple(
        tuple(words) for words in split_words_many([s.text for s in cluster.sentences])))


def terms(cluster: Cluster) -> Terms:
    """Content terms of every sentence, in order (``summarize.text.content_terms``)."""
    if not is_spaced():
        return _memo(cluster, "terms", lambda: tuple(tuple(content_terms(s.text))
                                                     for s in cluster.sentences))
    return _memo(cluster, "terms", lambda: tuple(
        tuple(stem for _token, stem, stop in row if not stop) for row in split(cluster)))


def words(cluster: Cluster) -> Words:
    """Every sentence's stemmed words with whether each is a stop word
    (``summarize.text.stemmed_words``)."""
    if not is_spaced():
        return _memo(cluster, "words", lambda: tuple(tuple(stemmed_words(s.text))
                                                     for s in cluster.sentences))
    return _memo(cluster, "words", lambda: tuple(
        tuple((stem, stop) for _token, stem, stop in row) for row in split(cluster)))


def _memo(cluster: Cluster, name: str, compute: Callable[[], Any]) -> Any:  # noqa: ANN401
    key = (name, current_language())
    found = cluster._memo.get(key)
    if found is None:
        found = cluster._memo[key] = compute()
    return found
