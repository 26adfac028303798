"""Reference-free measures on tiny hand-checkable summaries and sources."""

from __future__ import annotations

import pytest

from eval.reference_free import measures, repeated_ngram_rate

SOURCES = [
    "Blinken met Netanyahu in Tel Aviv on Friday. The talks lasted three hours.",
    "Aid trucks waited at the Rafah crossing. Officials gave no date for opening it.",
    "Hamas rejected the proposal on Saturday. Negotiators will meet again in Cairo.",
]


def test_compression_is_summary_words_over_source_words():
    m = measures("Blinken met Netanyahu in Tel Aviv on Friday.", SOURCES)
    assert m.summary_words == 8
    assert m.source_words == 13 + 13 + 13
    assert m.compression == pytest.approx(8 / 39)


def test_repeated_ngrams_hand_counted():
    # trigrams of a b c a b c: abc bca cab abc -> 1 repeat out of 4
    assert repeated_ngram_rate(["a", "b", "c", "a", "b", "c"], 3) == pytest.approx(0.25)
    assert repeated_ngram_rate(["a", "b"], 3) == 0.0
    m = measures("Talks ended. Talks ended. Talks ended.", SOURCES, repeat_n=2)
    # bigrams stay inside sentences: talks-ended three times, 2 of 3 repeat
    assert m.repeated_ngram_rate == pytest.approx(2 / 3)
    assert repeated_ngram_rate([["a", "b"], ["a", "b"]], 2) == pytest.approx(0.5)


def test_copied_summary_has_no_novel_ngrams_and_covers_its_documents():
    summary = ("Hamas rejected the proposal on Saturday. "
               "Blinken met Netanyahu in Tel Aviv on Friday.")
    m = measures(summary, SOURCES)
    assert m.novel_ngram_rates == {1: 0.0, 2: 0.0, 3: 0.0}
    assert m.documents_used == (0, 2)
    assert m.coverage == pytest.approx(2 / 3)


def test_novel_ngram_rates_hand_counted():
    # tokens: blinken met hamas -> unigrams all in sources (0/3);
    # bigrams: blinken-met (in source), met-hamas (new) -> 1/2; trigram new -> 1/1
    m = measures("Blinken met Hamas.", SOURCES)
    assert m.novel_ngram_rates == {1: 0.0, 2: pytest.approx(0.5), 3: pytest.approx(1.0)}
    m = measures("Zebras dance.", SOURCES)
    assert m.novel_ngram_rates[1] == 1.0
    assert m.coverage == 0.0 and m.documents_used == ()


def test_most_similar_pair_of_sentences():
    m = measures("Aid trucks waited at Rafah. Hamas rejected the plan. Aid trucks waited at Rafah.",
                 SOURCES)
    assert m.most_similar_pair == (0, 2)
    assert m.max_pair_similarity == pytest.approx(1.0)
    single = measures("Aid trucks waited at Rafah.", SOURCES)
    assert single.most_similar_pair is None and single.max_pair_similarity == 0.0


def test_sentence_found_in_two_reports_draws_on_both():
    sources = ["The border opened today. Trucks crossed.",
               "The border opened today. Crowds cheered."]
    m = measures("The border opened today.", sources)
    assert m.documents_used == (0, 1) and m.coverage == 1.0


def test_non_english_text():
    m = measures("Переговоры длились три часа.", ["Переговоры длились три часа. Итог неясен."])
    assert m.novel_ngram_rates == {1: 0.0, 2: 0.0, 3: 0.0}
    assert m.compression == pytest.approx(4 / 6)


@pytest.mark.parametrize("summary,sources", [("", SOURCES), ("Some words here.", []),
                                             ("", []), ("...", ["", "  "])])
def test_empty_inputs_give_zeros_not_errors(summary, sources):
    m = measures(summary, sources)
    assert m.coverage == 0.0
    assert m.compression >= 0.0
    assert m.repeated_ngram_rate == 0.0
    assert m.max_pair_similarity == 0.0
