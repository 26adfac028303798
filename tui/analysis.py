"""What the compare screen computes about summaries: scores, redundancy and highlights.

Kept free of Textual so that it can be tested on its own. ROUGE and the
reference-free redundancy measures come from ``eval`` (the numbers match the
benchmark's); the highlight logic (which source spans, which sentences of other summaries,
which n-grams) is specific to the TUI and lives here.
"""

from __future__ import annotations

import math
import re
import warnings
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

from eval.tokenize import CHAR_TOKENS
from summarize.model import Sentence, Summary, SummarySentence
from summarize.text import content_terms, is_spaced, stem, using

ROUGE_TYPES = ("rouge1", "rouge2", "rougeL")
"""The ROUGE variants shown in a column header (F1)."""

_TOKEN = re.compile(r"[^\W_]+", re.UNICODE)
_CHAR_TOKEN = re.compile(rf"[{CHAR_TOKENS}]|(?:(?![{CHAR_TOKENS}])[^\W_])+", re.UNICODE)
"""Chinese and Japanese: each character a token, as ROUGE counts them (``eval.tokenize``)."""


@dataclass(frozen=True)
class Redundancy:
    """How much a summary repeats itself, without a reference."""

    max_pair_similarity: float
    """Highest similarity between two of its sentences (0 = no overlap, 1 = a repeat)."""
    repeated_ngram_rate: float
    """Share of its word trigrams that occur more than once."""


def redundancy(summary: Summary) -> Redundancy:
    """Reference-free redundancy of ``summary`` (``eval.reference_free``)."""
    from eval.reference_free import measures

    m = measures(summary.text, [d.text for d in summary.documents])
    return Redundancy(float(m.max_pair_similarity), float(m.repeated_ngram_rate))


def cosine(a: Counter[str], b: Counter[str]) -> float:
    """Cosine similarity of two term-count vectors (0 when either is empty)."""
    if not a or not b:
        return 0.0
    dot = sum(v * b.get(k, 0) for k, v in a.items())
    norm = math.sqrt(sum(v * v for v in a.values())) * math.sqrt(sum(v * v for v in b.values()))
    return dot / norm if norm else 0.0


@lru_cache(maxsize=8)
def _scorer(language: str = "english"):  # noqa: ANN202 - eval.rouge is imported on first use: it pulls in nltk (slow)
    from eval.rouge import Rouge, RougeConfig

    return Rouge(RougeConfig(types=ROUGE_TYPES, language=language))


def rouge(candidate: str, reference: str, language: str = "english") -> dict[str, float]:
    """ROUGE-1/2/L F1 (x100) of ``candidate`` against one reference; empty when either is
    empty. Tokens are stemmed in ``language`` (``summarize score --language``)."""
    if not candidate.strip() or not reference.strip():
        return {}
    from eval.rouge import EmptyTextWarning

    with warnings.catch_warnings():
        warnings.simplefilter("ignore", EmptyTextWarning)
        scores = _scorer(language).score(candidate, [reference])
    return {t: 100.0 * float(scores[t].fmeasure) for t in ROUGE_TYPES if t in scores}


def sentence_keys(item: SummarySentence) -> frozenset[tuple[str, int]]:
    """``(doc_id, index)`` of every source sentence behind ``item``, its group included."""
    return frozenset((s.doc_id, s.index) for s in (*item.sources, *item.group_members))


def related(selected: SummarySentence, other: SummarySentence, threshold: float = 0.5,
            language: str = "english") -> bool:
    """Whether ``other`` states the same content as ``selected``.

    Same provenance (a shared source or redundancy-group sentence) counts first;
    otherwise the lexical similarity that the redundancy filter uses decides, so a
    fused or generated sentence still lines up with the extract it paraphrases. Terms are
    the brief's ``language``'s (its stems and stop words; character pairs in Chinese and
    Japanese), as the filter's were.
    """
    if sentence_keys(selected) & sentence_keys(other):
        return True
    with using(language):
        a, b = content_terms(selected.text), content_terms(other.text)
    return cosine(Counter(a), Counter(b)) >= threshold


@dataclass(frozen=True)
class Mark:
    """A span of a document to highlight in the reader."""

    start: int
    end: int
    kind: str
    """``source``: the sentence was taken or fused from it; ``support``: same content elsewhere."""


def source_marks(item: SummarySentence) -> dict[str, list[Mark]]:
    """Spans to highlight per document id: the sources first, then the rest of the group."""
    marks: dict[str, list[Mark]] = {}
    seen: set[tuple[str, int]] = set()
    for kind, sentences in (("source", item.sources), ("support", item.group_members)):
        for s in sentences:
            if (s.doc_id, s.index) in seen:
                continue
            seen.add((s.doc_id, s.index))
            marks.setdefault(s.doc_id, []).append(Mark(s.start, s.end, kind))
    for spans in marks.values():
        spans.sort(key=lambda m: (m.start, m.end))
    return marks


def supporting_documents(item: SummarySentence) -> list[str]:
    """Ids of the documents behind ``item``: its support, then any source not listed there."""
    ids = list(dict.fromkeys(item.support))
    for s in (*item.sources, *item.group_members):
        if s.doc_id not in ids:
            ids.append(s.doc_id)
    return ids


def _tokens(text: str, language: str = "english") -> list[tuple[int, int, str]]:
    """``(start, end, stem)`` of each word, stemmed in ``language`` (English: Porter, as
    before); in Chinese and Japanese each character, unstemmed."""
    if not is_spaced(language):
        return [(m.start(), m.end(), m.group().lower()) for m in _CHAR_TOKEN.finditer(text)]
    return [(m.start(), m.end(), stem(m.group().lower(), language))
            for m in _TOKEN.finditer(text)]


def reference_ngrams(reference: str, n: int = 2,
                     language: str = "english") -> frozenset[tuple[str, ...]]:
    """Stemmed, lowercased word n-grams of the reference (as ROUGE-n counts them, in
    ``language``)."""
    toks = [t for _, _, t in _tokens(reference, language)]
    return frozenset(tuple(toks[i:i + n]) for i in range(len(toks) - n + 1))


def shared_ngram_spans(text: str, grams: Iterable[tuple[str, ...]] | frozenset[tuple[str, ...]],
                       n: int = 2, language: str = "english") -> list[tuple[int, int]]:
    """Character spans of ``text`` covered by an n-gram that the reference also has, merged
    (words stemmed in ``language``, as ``reference_ngrams`` stemmed the reference's)."""
    grams = grams if isinstance(grams, frozenset) else frozenset(grams)
    toks = _tokens(text, language)
    spans: list[tuple[int, int]] = []
    for i in range(len(toks) - n + 1):
        if tuple(t for _, _, t in toks[i:i + n]) in grams:
            start, end = toks[i][0], toks[i + n - 1][1]
            if spans and start <= spans[-1][1] + 1:
                spans[-1] = (spans[-1][0], max(end, spans[-1][1]))
            else:
                spans.append((start, end))
    return spans


def kept_spans(sentences: Iterable[Sentence], doc_id: str) -> list[tuple[int, int]]:
    """Spans of the kept sentences of one document (the rest is boilerplate the loader dropped)."""
    return sorted((s.start, s.end) for s in sentences if s.doc_id == doc_id)
