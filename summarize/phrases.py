"""Shared phrases: two sentences that lift the same words say the same thing.

A cosine over whole sentences dilutes a shared clause: "The top US diplomat told Netanyahu
... that 'a major military ground operation in Rafah is not the way to do it'" and "'We
share Israel's goal ... a major military ground operation in Rafah is not the way to do
it,' Blinken told reporters" score 0.35, under any sensible threshold, yet quote one
statement. Reports quote the same words and reuse wire copy all the time, so a run of
words in common is strong evidence of one statement, whatever else the sentences say.

A *phrase* here is ``SPAN`` consecutive stemmed words with at least ``CONTENT`` content
words (not stop words), ``COMMON`` of them lowercase as written: names and titles alone
("of State Antony Blinken", "Prime Minister Benjamin Netanyahu") recur in every report
about a story and identify no statement; "reauthorize the Voting Rights Act" does.

A distinctive number is evidence too: two reports that give "a record 16.4% in April" or
"more than 90% effective" state one figure, in whatever words, so sentences that share a
number (not a year, not a single digit) and are at least ``NUMBER_SIMILARITY`` alike are
one statement as well (``shared_numbers``). Phrases that more than ``MAX_SHARED`` sentences share
are formulaic (a sign-off, a slogan) and are ignored, which also bounds the pairs.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence

import numpy as np

from summarize.text import split_words

SPAN = 4
CONTENT = 3
COMMON = 1
MAX_SHARED = 50
NUMBER_SIMILARITY = 0.25
_NUMBER = re.compile(r"\d[\d,]*(?:\.\d+)?")


def phrases(text: str) -> set[tuple[str, ...]]:
    """The distinctive word runs of ``text`` (see the module doc)."""
    return phrases_of(split_words(text))


def phrases_of(split: Sequence[tuple[str, str, bool]]) -> set[tuple[str, ...]]:
    """``phrases`` of a text already split (``summarize.text.split_words``)."""
    n = len(split)
    out: set[tuple[str, ...]] = set()
    if n < SPAN:
        return out
    stems = [stem for _token, stem, _stop in split]
    content = [0 if stop else 1 for _token, _stem, stop in split]  # 1: a content word
    common = [1 if not stop and token[:1].islower() else 0  # 1: one written in lowercase
              for token, _stem, stop in split]
    # Sums over the window of SPAN words, moved one word at a time.
    have, lower = sum(content[:SPAN]), sum(common[:SPAN])
    for k in range(n - SPAN + 1):
        if k:
            have += content[k + SPAN - 1] - content[k - 1]
            lower += common[k + SPAN - 1] - common[k - 1]
        if have >= CONTENT and lower >= COMMON:
            out.add(tuple(stems[k:k + SPAN]))
    return out


def numbers(text: str) -> set[str]:
    """The distinctive numbers of ``text``, normalised ("1,200" -> "1200"): two digits or
    more, or a decimal; years (1900-2099) left out, as every report of a story names them."""
    out = set()
    for m in _NUMBER.finditer(text):
        value = m.group().replace(",", "")
        if len(value.replace(".", "")) < 2 and "." not in value:
            continue
        if len(value) == 4 and value.isdigit() and 1900 <= int(value) <= 2099:
            continue
        out.add(value)
    return out


def shared_numbers(texts: Sequence[str],
                   similar: Callable[[np.ndarray, np.ndarray], np.ndarray]
                   ) -> tuple[np.ndarray, np.ndarray]:
    """``(rows, cols)`` of the pairs that share a distinctive number and are at least
    ``NUMBER_SIMILARITY`` alike by ``similar(rows, cols)`` (vectorised, one value a pair)."""
    rows, cols = _pairs_by_key([numbers(t) for t in texts])
    if rows.size == 0:
        return rows, cols
    keep = similar(rows, cols) >= NUMBER_SIMILARITY
    return rows[keep], cols[keep]


def shared_pairs(texts: Sequence[str]) -> tuple[np.ndarray, np.ndarray]:
    """``(rows, cols)`` of the text pairs (i < j) that share a phrase, sorted, each once."""
    return _pairs_by_key([phrases(t) for t in texts])


def shared_pairs_of(splits: Sequence[Sequence[tuple[str, str, bool]]]
                    ) -> tuple[np.ndarray, np.ndarray]:
    """``shared_pairs`` of texts already split (``summarize.tokens.split``)."""
    return _pairs_by_key([phrases_of(s) for s in splits])


def _pairs_by_key(keys: Sequence[set]) -> tuple[np.ndarray, np.ndarray]:
    where: dict[object, list[int]] = {}
    for i, ks in enumerate(keys):
        for p in ks:
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
