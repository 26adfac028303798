"""The default brief of the five seed reports, read against our reading of them
(``eval.seed_facts``): no statement twice, no headline, no opening that leans on a sentence
the brief does not give, the main facts the budget has room for, every supporting report
cited, and the relative dates anchored."""

from __future__ import annotations

import pytest

from eval.seed_facts import FACTS, facts_stated, repeated
from summarize.config import Config
from summarize.model import Budget, Cluster, Summary
from summarize.pipeline import summarize
from summarize.readability import cannot_stand_alone, is_fragment, needs_antecedent
from summarize.render import render
from summarize.similarity import for_cluster

# What the default brief states at each budget (our reading; see the README for what it
# still misses: the veto named as Russia's and China's and the famine warning everywhere,
# Netanyahu's "alone" at 150 words, the talks in Doha at 200: greedy coverage is not
# monotone in the budget).
REQUIRED = {
    100: {"meeting", "Rafah warning"},
    150: {"meeting", "Rafah warning", "hostage/ceasefire talks", "Doha"},
    200: {"meeting", "Rafah warning", "Netanyahu's 'alone'"},
}


def brief(seeds: Cluster, words: int) -> Summary:
    return summarize(seeds, "lexrank", Config(budget=Budget(words=words)))


@pytest.mark.parametrize("words", sorted(REQUIRED))
def test_the_main_facts_the_budget_has_room_for(seeds: Cluster, words: int) -> None:
    texts = [s.text for s in brief(seeds, words).sentences]
    stated = {name for name, n in facts_stated(texts).items() if n}
    assert REQUIRED[words] <= stated, (sorted(REQUIRED[words] - stated), texts)
    assert set(FACTS) >= stated


@pytest.mark.parametrize("words", [100, 120, 150, 200, 300])
def test_no_statement_twice(seeds: Cluster, words: int) -> None:
    summary = brief(seeds, words)
    texts = [s.text for s in summary.sentences]
    assert repeated(texts) == [], texts
    vectors = for_cluster(seeds)
    index = {(s.doc_id, s.index): i for i, s in enumerate(seeds.sentences)}
    chosen = [index[(s.sources[0].doc_id, s.sources[0].index)] for s in summary.sentences]
    for a in chosen:
        for b in chosen:
            if a < b:
                assert vectors.pair(a, b) < 0.45, (seeds.sentences[a].text,
                                                   seeds.sentences[b].text)


@pytest.mark.parametrize("words", [100, 120, 150, 200, 300])
def test_no_headline_fragment_or_dangling_opener(seeds: Cluster, words: int) -> None:
    summary = brief(seeds, words)
    titles = {d.title for d in seeds.documents}
    for k, item in enumerate(summary.sentences):
        assert item.text not in titles
        assert not is_fragment(item.text), item.text
        if needs_antecedent(item.text):
            before = summary.sentences[k - 1].sources[0] if k else None
            src = item.sources[0]
            assert before is not None and before.doc_id == src.doc_id \
                and before.index == src.index - 1, item.text
    assert not any(s.text.startswith("Blinken and Netanyahu have a meeting")
                   for s in summary.sentences)  # document 2's headline


def test_the_meeting_is_credited_to_the_reports_that_carry_it(seeds: Cluster) -> None:
    summary = brief(seeds, 120)
    meeting = summary.sentences[0]
    assert meeting.text.startswith("US Secretary of State Antony Blinken held talks")
    assert len(meeting.support) >= 4
    markdown = render(summary, "markdown")
    assert f"{meeting.text} [1][2][4][5]" in markdown or f"{meeting.text} [1][2][3][4][5]" \
        in markdown


def test_relative_dates_are_anchored_to_a_reported_date(seeds: Cluster) -> None:
    summary = brief(seeds, 120)
    assert any("today" in s.text for s in summary.sentences)
    assert summary.anchor is not None and summary.anchor.date == "March 22, 2024"
    assert "today" in summary.anchor.relative
    assert "one dated March 22, 2024 [3]" in render(summary, "markdown")
    assert "one dated March 22, 2024 (002_3f48738312f68a75.txt)" in render(summary, "text")


def test_the_brief_is_the_same_at_every_run(seeds: Cluster) -> None:
    assert render(brief(seeds, 150), "json") == render(brief(seeds, 150), "json")


def test_a_vote_already_told_is_not_told_again(seeds: Cluster) -> None:
    """At 200 words the brief once added "Blinken's visit to Israel also coincided with a
    vote at the UN on a US-sponsored Security Council resolution calling for an 'immediate
    ceasefire'" after its first sentence had told that vote: too unlike it as a whole to be
    a repeat, yet nothing in it was new (``redundancy.CONTAINED``)."""
    for words in (200, 250, 300):
        texts = [s.text for s in brief(seeds, words).sentences]
        assert not any("coincided with a vote at the UN" in t for t in texts), (words, texts)


def test_shortest_cover_is_exact_on_a_small_case() -> None:
    from eval.seed_facts import shortest_cover

    texts = ["Blinken met Netanyahu and said we will do it alone.",  # meeting, alone
             "Blinken met Netanyahu.",  # meeting
             "Russia and China vetoed it; talks in Doha on a hostage deal; famine looms.",
             "Rafah offensive risks killing more civilians.",
             "We will do it alone, in Rafah, he said."]  # alone, but not the warning
    lengths = [10, 3, 14, 6, 9]
    assert shortest_cover(texts, lengths) == (30, [0, 2, 3])
    assert shortest_cover(texts[1:], lengths[1:])[0] == 32
    assert shortest_cover(texts[:2], lengths[:2]) == (-1, [])


def test_no_extract_of_whole_readable_sentences_states_every_fact_in_100_words(
        seeds: Cluster) -> None:
    """Why the 100-word brief cannot state all seven facts by extraction: the cheapest set
    of sentences without a fragment or a leaning opener that states them takes 106 words."""
    from eval.seed_facts import shortest_cover
    from summarize.text import count_words

    texts = [s.text if not cannot_stand_alone(s.text)
             and not needs_antecedent(s.text) else "" for s in seeds.sentences]
    cost, picked = shortest_cover(texts, [count_words(s.text) for s in seeds.sentences])
    assert cost == 106 and len(picked) == 5
    assert set(FACTS) == {n for n, k in facts_stated([texts[i] for i in picked]).items() if k}
