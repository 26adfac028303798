"""Shared phrases: two sentences that lift the same words say the same thing.

A cosine over whole sentences dilutes a shared clause: "The top US diplomat told Netanyahu
... that 'a major military ground operation in Rafah is not the way to do it'" and "'We
share Israel's goal ... a major military ground operation in Rafah is not the way to do
it,' Blinken told reporters" score 0.35, under any sensible threshold, yet quote one
statement. Reports quote the same words and reuse wire copy all the time, so a run of
words in common is strong evidence of one statement, whatever else the sentences say.

A *phrase* here is ``SPAN`` consecutive stemmed words with at least ``CONTENT`` content
words (not stop words), ``COMMON`` of them lowercase as written: names and titles ("of
State Antony Blinken", "Prime Minister Benjamin Netanyahu") recur in every report about
a story and identify no statement. Phrases that more than ``MAX_SHARED`` sentences share
are formulaic (a sign-off, a slogan) and are ignored, which also bounds the pairs.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from summarize.text import stemmed_words, words

SPAN = 4
CONTENT = 3
COMMON = 2
MAX_SHARED = 50


def phrases(text: str) -> set[tuple[str, ...]]:
    """The distinctive word runs of ``text`` (see the module doc)."""
    stems = stemmed_words(text)
    raw = words(text)
    if len(raw) != len(stems):  # a token that normalises to nothing: fall back to stems only
        raw = [s for s, _ in stems]
    lower = [w[:1].islower() for w in raw]
    out: set[tuple[str, ...]] = set()
    for k in range(len(stems) - SPAN + 1):
        window = stems[k:k + SPAN]
        content = [j for j, (_s, stop) in enumerate(window) if not stop]
        if len(content) < CONTENT:
            continue
        if sum(lower[k + j] for j in content) < COMMON:
            continue
        out.add(tuple(s for s, _ in window))
    return out


def shared_pairs(texts: Sequence[str]) -> tuple[np.ndarray, np.ndarray]:
    """``(rows, cols)`` of the text pairs (i < j) that share a phrase, sorted, each once."""
    where: dict[tuple[str, ...], list[int]] = {}
    for i, text in enumerate(texts):
        for p in phrases(text):
            where.setdefault(p, []).append(i)
    found: set[tuple[int, int]] = set()
    for idx in where.values():
        if 1 < len(idx) <= MAX_SHARED:
            for a in range(len(idx)):
                for b in range(a + 1, len(idx)):
                    found.add((idx[a], idx[b]))
    if not found:
        return np.zeros(0, np.int64), np.zeros(0, np.int64)
    pairs = np.array(sorted(found), dtype=np.int64)
    return pairs[:, 0], pairs[:, 1]
