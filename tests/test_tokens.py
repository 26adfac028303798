"""One tokenisation per cluster (issue #15): the scorer, the redundancy filter (its vectors
and shared phrases) and fusion share the split ``summarize.tokens`` makes once per cluster
and language."""

from __future__ import annotations

import sys
from collections import Counter
from dataclasses import replace

import pytest

import summarize.methods.fusion  # noqa: F401
import summarize.tokens as tokens_module
from summarize.config import Config
from summarize.load import load_inputs
from summarize.model import Budget
from summarize.phrases import phrases
from summarize.pipeline import summarize
from summarize.text import content_terms, split_words, split_words_many, stemmed_words, using


@pytest.fixture
def seeds():
    return load_inputs([])  # loading compares headlines with bodies: not the pipeline's work


@pytest.fixture
def counted(monkeypatch, seeds):
    """Every call that stems a text, by calling module and text: each module of the package
    that holds ``content_terms``, ``stemmed_words``, ``split_words``, ``split_words_many``
    (each text of its list counted) or ``phrases`` gets a counting one."""
    import summarize.methods.centroid  # noqa: F401  (every method's module is loaded)
    import summarize.methods.lexrank  # noqa: F401
    import summarize.methods.textrank  # noqa: F401

    calls: Counter[tuple[str, str]] = Counter()
    real = {"content_terms": content_terms, "stemmed_words": stemmed_words,
            "phrases": phrases, "split_words": split_words}
    for name, module in list(sys.modules.items()):
        if not name.startswith("summarize.") or name == "summarize.text":
            continue
        for attr, fn in real.items():
            if getattr(module, attr, None) is fn:
                def wrapped(text, _fn=fn, _name=name):
                    calls[(_name, text)] += 1
                    return _fn(text)
                monkeypatch.setattr(module, attr, wrapped)
        if getattr(module, "split_words_many", None) is split_words_many:
            def many(texts, _name=name):
                for text in texts:
                    calls[(_name, text)] += 1
                return split_words_many(texts)
            monkeypatch.setattr(module, "split_words_many", many)
    return calls


@pytest.mark.parametrize("method", ["lexrank", "textrank", "centroid", "fusion"])
def test_each_sentence_is_tokenised_once(seeds, counted, method):
    cluster = seeds
    summarize(cluster, method, Config(budget=Budget(words=120)))
    texts = {s.text for s in cluster.sentences}
    split = [(m, t) for (m, t), k in counted.items() for _ in range(k)
             if m == "summarize.tokens"]
    assert len(split) == len(cluster.sentences)  # one split of each sentence
    again = [(m, t) for (m, t) in counted if m != "summarize.tokens" and t in texts]
    assert again == []


def test_terms_are_kept_per_language_and_not_shared_by_a_copy():
    cluster = load_inputs([])
    english = tokens_module.terms(cluster)
    assert tokens_module.terms(cluster) is english
    with using("german"):
        german = tokens_module.terms(cluster)
    assert german is not english and german != english
    assert english[0] == tuple(content_terms(cluster.sentences[0].text))
    copy = replace(cluster, sentences=cluster.sentences[:3])
    assert len(tokens_module.terms(copy)) == 3
    assert cluster == replace(cluster)  # the memo is not part of what a cluster is
