"""Measures of a summary against its own sources, needing no human reference.

Most clusters a user summarizes have no reference summary, yet some questions have
answers anyway: how much shorter is it, does it repeat itself, how much of it is copied
(extractive) versus new wording (abstractive), and does it draw on several sources or just
one. These are the measures of Grusky et al. (2018, compression, novel n-grams) and
See et al. (2017, repetition), plus source coverage for multi-document input.

Tokens are the Unicode tokenizer's, lowercased and unstemmed (novelty means new wording,
so "reported" after "reports" counts as new), and n-grams stay inside sentences; sentence
similarity uses the stemmed content terms of ``summarize.text``, as the redundancy filter does.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from eval.tokenize import unicode_tokens
from summarize.text import content_terms, count_words, split_sentences

NOVEL_ORDERS = (1, 2, 3)


@dataclass(frozen=True)
class ReferenceFree:
    """Reference-free measures of one summary; every rate is in [0, 1]."""

    compression: float
    """Summary words / source words (whitespace words, as budgets count): 0.1 = a tenth."""
    repeated_ngram_rate: float
    """Share of the summary's n-grams (``repeat_n``) that repeat an earlier one in it."""

    max_pair_similarity: float
    """Highest cosine similarity (stemmed content terms) between two summary sentences."""
    most_similar_pair: tuple[int, int] | None
    """Indices of that pair of sentences, None with fewer than two sentences."""
    novel_ngram_rates: dict[int, float]
    """n -> share of the summary's n-grams found in no source (0 = fully extractive)."""
    coverage: float
    """Share of the source documents the summary draws on (see ``documents_used``)."""
    documents_used: tuple[int, ...]
    """Positions of the sources some summary sentence is attributed to."""
    summary_words: int
    source_words: int


def _ngrams(tokens: Sequence[str], n: int) -> list[tuple[str, ...]]:
    return [tuple(tokens[i:i + n]) for i in range(len(tokens) - n + 1)]


def _cosine(a: Counter[str], b: Counter[str]) -> float:
    if not a or not b:
        return 0.0
    if len(a) > len(b):
        a, b = b, a
    dot = sum(v * b[k] for k, v in a.items() if k in b)
    if not dot:
        return 0.0
    norm = math.sqrt(sum(v * v for v in a.values()) * sum(v * v for v in b.values()))
    return min(1.0, dot / norm)


def _sentences(text: str) -> list[str]:
    return [text[s:e] for s, e in split_sentences(text)]


def _sentence_ngrams(sentences: Sequence[Sequence[str]], n: int) -> list[tuple[str, ...]]:
    # n-grams never cross a sentence boundary: reordering extracted sentences must not make
    # a copied summary look "novel" or "repetitive".
    return [g for tokens in sentences for g in _ngrams(tokens, n)]


def repeated_ngram_rate(tokens: Sequence[str] | Sequence[Sequence[str]], n: int = 3) -> float:
    """Share of the n-grams that already occurred earlier (0 with none).

    ``tokens`` is one token list, or a list of token lists (sentences; n-grams stay inside).
    """
    sentences = [tokens] if not tokens or isinstance(tokens[0], str) else tokens
    grams = _sentence_ngrams(sentences, n)  # type: ignore[arg-type]
    return 1.0 - len(set(grams)) / len(grams) if grams else 0.0


def novel_ngram_rate(summary_sentences: Sequence[Sequence[str]],
                     source_grams: set[tuple[str, ...]], n: int) -> float:
    """Share of the summary's n-gram occurrences absent from ``source_grams`` (0 with none)."""
    grams = _sentence_ngrams(summary_sentences, n)
    if not grams:
        return 0.0
    return sum(g not in source_grams for g in grams) / len(grams)


def measures(summary_text: str, sources: Sequence[str], *, repeat_n: int = 3,
             novel_orders: Sequence[int] = NOVEL_ORDERS,
             min_similarity: float = 0.5) -> ReferenceFree:
    """Reference-free measures of ``summary_text`` against the ``sources`` it summarizes.

    Coverage: each summary sentence is attributed to the source sentence(s) most similar to
    it (cosine on stemmed content terms, at least ``min_similarity``; ties count for every
    tied document, since a sentence found in two reports draws on both); ``coverage`` is the
    share of source documents with an attributed sentence. Empty summaries or sources give
    zeros, never an error.
    """
    summary_words = count_words(summary_text)
    source_words = sum(count_words(s) for s in sources)
    sentences = _sentences(summary_text)
    tokens = [unicode_tokens(s) for s in sentences]
    source_tokens = [unicode_tokens(s) for text in sources for s in _sentences(text)]

    novel = {}
    for n in novel_orders:
        novel[n] = novel_ngram_rate(tokens, set(_sentence_ngrams(source_tokens, n)), n)

    vectors = [Counter(content_terms(s)) for s in sentences]
    best_pair: tuple[int, int] | None = None
    best_sim = 0.0
    for i in range(len(vectors)):
        for j in range(i + 1, len(vectors)):
            sim = _cosine(vectors[i], vectors[j])
            if best_pair is None or sim > best_sim:
                best_pair, best_sim = (i, j), sim

    source_vectors = [(pos, Counter(content_terms(s))) for pos, text in enumerate(sources)
                      for s in _sentences(text)]
    used: set[int] = set()
    for vec in vectors:
        sims = [(_cosine(vec, sv), pos) for pos, sv in source_vectors]
        top = max((sim for sim, _ in sims), default=0.0)
        if top >= min_similarity and top > 0.0:
            used.update(pos for sim, pos in sims if sim >= top - 1e-9)

    return ReferenceFree(
        compression=summary_words / source_words if source_words else 0.0,
        repeated_ngram_rate=repeated_ngram_rate(tokens, repeat_n),
        max_pair_similarity=best_sim,
        most_similar_pair=best_pair,
        novel_ngram_rates=novel,
        coverage=len(used) / len(sources) if sources else 0.0,
        documents_used=tuple(sorted(used)),
        summary_words=summary_words,
        source_words=source_words,
    )
