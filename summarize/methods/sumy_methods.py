"""sumy's summarizers as scorers over a whole cluster, with exact provenance.

sumy summarizes one document. We give it one ``ObjectDocumentModel`` holding every
document of the cluster (one paragraph per document, its title as a heading) built
from *our* sentences and tokenizer, so sumy ranks exactly the sentences we split and
its picks map back to our ``Sentence`` objects by position.

sumy returns its best sentences, not scores. Every sumy method ends in
``_get_best_sentences(sentences, count, rating)``, which accepts a callable
``count`` and hands it the sentences sorted by rating; we pass one that records
that full ranking (sumy's own ratings and order), then turn it into scores.
"""

from __future__ import annotations

import random
from typing import Any

import numpy as np

from summarize.errors import UsageError
from summarize.language import LANGUAGES
from summarize.model import Cluster
from summarize.text import current_language, stem, stemmed_words, stop_words, words


class _Tokenizer:
    """sumy's tokenizer interface backed by our offline word tokenizer (for Chinese and
    Japanese: character pairs and stop characters, ``summarize.text.stemmed_words``)."""

    language = "english"

    def to_words(self, sentence: str) -> tuple[str, ...]:
        lang = LANGUAGES.get(current_language())
        if lang is not None and not lang.spaced:
            return tuple(term for term, _stop in stemmed_words(sentence))
        return tuple(words(sentence))


class _RankRecorder:
    """A callable ``count`` for sumy: records the rating order, returns what sumy asked for."""

    def __init__(self) -> None:
        self.orders: list[int] = []

    def __call__(self, infos: list[Any]) -> list[Any]:
        self.orders = [info.order for info in infos]
        return list(infos)


class SumyScorer:
    """Base wrapper: subclasses name the sumy class and set its word lists."""

    sumy_class: str = ""

    def __init__(self, language: str | None = None, seed: int = 0) -> None:
        from sumy.nlp.stemmers import Stemmer

        if language is not None:
            try:
                Stemmer(language)  # an unknown language fails here, as one line
            except LookupError:
                raise UsageError(f"sumy has no stemmer for language {language!r}") from None
        self.language = language
        self.seed = seed

    def _stemmer(self) -> Any:
        """sumy's stemmer for English or a ``language`` option given; for the brief's other
        languages our Snowball stemmer (``summarize.text.stem``), the algorithm sumy's own
        would take from NLTK, without importing NLTK."""
        from sumy.nlp.stemmers import Stemmer

        language = self.language or current_language()
        if self.language is None and language != "english":
            return lambda word: stem(word, language)
        return Stemmer(language)

    def _build(self, cluster: Cluster) -> Any:
        module_name, _, attr = self.sumy_class.rpartition(".")
        module = __import__(module_name, fromlist=[attr])
        summarizer = getattr(module, attr)(self._stemmer())
        if hasattr(summarizer, "stop_words"):
            summarizer.stop_words = stop_words()
        return summarizer

    def document(self, cluster: Cluster) -> Any:
        from sumy.models.dom import ObjectDocumentModel, Paragraph
        from sumy.models.dom import Sentence as SumySentence

        tokenizer = _Tokenizer()
        paragraphs = []
        for doc in cluster.documents:
            items = [SumySentence(doc.title, tokenizer, is_heading=True)] if doc.title else []
            items += [SumySentence(s.text, tokenizer)
                      for s in cluster.sentences if s.doc_id == doc.id]
            paragraphs.append(Paragraph(items))
        return ObjectDocumentModel(paragraphs)

    def score(self, cluster: Cluster) -> np.ndarray:
        n = len(cluster.sentences)
        if n == 0:
            return np.zeros(0)
        summarizer = self._build(cluster)
        document = self.document(cluster)
        recorder = _RankRecorder()
        state = random.getstate()
        random.seed(self.seed)  # sumy's Random and LSA-free ties use the global RNG
        try:
            summarizer(document, recorder)
        finally:
            random.setstate(state)
        # sumy sorts by rating (stable on ties); the rank order is the score: first is best.
        scores = np.zeros(n)
        for rank, order in enumerate(recorder.orders):
            scores[order] = float(n - rank)
        return scores


class Luhn(SumyScorer):
    sumy_class = "sumy.summarizers.luhn.LuhnSummarizer"


class LSA(SumyScorer):
    """sumy numbers the rows of its term matrix by iterating a frozenset, whose order changes
    with Python's string hashing from one process to the next, and the SVD's last bits with
    it; so did near-tied rankings, and with them the brief (as they did with the number of
    BLAS threads). Sorted rows and one BLAS thread give the same ranking in every process.
    """

    sumy_class = "sumy.summarizers.lsa.LsaSummarizer"

    def _build(self, cluster: Cluster) -> Any:
        summarizer = super()._build(cluster)
        hashed_order = summarizer._create_dictionary

        def sorted_rows(document: Any) -> dict[str, int]:
            return {w: i for i, w in enumerate(sorted(hashed_order(document)))}

        summarizer._create_dictionary = sorted_rows
        return summarizer

    def score(self, cluster: Cluster) -> np.ndarray:
        from threadpoolctl import threadpool_limits

        with threadpool_limits(1):
            return super().score(cluster)


class LexRank(SumyScorer):
    sumy_class = "sumy.summarizers.lex_rank.LexRankSummarizer"


class TextRank(SumyScorer):
    sumy_class = "sumy.summarizers.text_rank.TextRankSummarizer"


class SumBasic(SumyScorer):
    sumy_class = "sumy.summarizers.sum_basic.SumBasicSummarizer"


class KL(SumyScorer):
    sumy_class = "sumy.summarizers.kl.KLSummarizer"


class Reduction(SumyScorer):
    sumy_class = "sumy.summarizers.reduction.ReductionSummarizer"


class Random(SumyScorer):
    sumy_class = "sumy.summarizers.random.RandomSummarizer"


class Edmundson(SumyScorer):
    """Edmundson needs word lists: titles give bonus words, as sumy's own parsers do."""

    sumy_class = "sumy.summarizers.edmundson.EdmundsonSummarizer"

    def _build(self, cluster: Cluster) -> Any:
        from sumy.parsers.plaintext import PlaintextParser

        summarizer = super()._build(cluster)
        titles = [w for doc in cluster.documents for w in words(doc.title)]
        summarizer.bonus_words = titles or list(PlaintextParser.SIGNIFICANT_WORDS)
        summarizer.stigma_words = list(PlaintextParser.STIGMA_WORDS)
        summarizer.null_words = sorted(stop_words())
        return summarizer
