"""Properties of every brief: the budget holds and every sentence traces back to its source."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from summarize.config import Config
from summarize.model import Budget
from summarize.pipeline import summarize
from tests.conftest import make_cluster

WORDS = ["the", "council", "approved", "budget", "mayor", "river", "flood", "police", "said",
         "on", "Monday", "city", "new", "school", "report", "found", "253", "U.S.", "Mr.",
         "“quoted”", "été", "Москва", "東京", "—", "3.5%"]

sentence = st.builds(lambda ws, end: " ".join(ws) + end,
                     st.lists(st.sampled_from(WORDS), min_size=1, max_size=14),
                     st.sampled_from([".", "!", "?", ""]))
document = st.lists(sentence, min_size=1, max_size=8).map(" ".join)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(docs=st.lists(document, min_size=1, max_size=4),
       words=st.integers(min_value=1, max_value=80),
       method=st.sampled_from(["lead", "lexrank", "sumy-luhn"]),
       dedup=st.booleans())
def test_budget_never_exceeded_and_sources_match(docs: list[str], words: int, method: str,
                                                 dedup: bool) -> None:
    cluster = make_cluster(docs)
    summary = summarize(cluster, method, Config(budget=Budget(words=words), dedup=dedup))
    assert summary.words <= words
    by_id = {d.id: d for d in cluster.documents}
    for item in summary.sentences:
        for source in item.sources:
            assert by_id[source.doc_id].text[source.start:source.end] == source.text
        assert item.text == item.sources[0].text  # extractive: the source sentence itself


@pytest.mark.parametrize("limit", [1, 2, 5])
def test_sentence_budget_holds(limit: int) -> None:
    cluster = make_cluster(["One dog ran. Two cats sat. Three birds flew. Four fish swam.",
                            "A storm hit the coast. Power failed in the town."])
    summary = summarize(cluster, "lead", Config(budget=Budget(words=None, sentences=limit)))
    assert len(summary.sentences) == limit


def test_no_sentence_is_cut_to_fit() -> None:
    cluster = make_cluster(["This first sentence is rather long and has many words in it. Short."])
    summary = summarize(cluster, "lead", Config(budget=Budget(words=5), dedup=False))
    assert [s.text for s in summary.sentences] == ["Short."]
