"""sumy's methods over a cluster: same picks as sumy itself, mapped back to our sentences."""

from __future__ import annotations

import pytest

from summarize.config import Config
from summarize.methods import sumy_methods
from summarize.model import Budget
from summarize.pipeline import summarize
from tests.conftest import make_cluster

TEXTS = [
    "The river flooded the town on Monday. Rescue teams reached the flooded town by boat. "
    "The mayor thanked the rescue teams.",
    "Heavy rain made the river flood the town. Boats carried rescue teams into the town. "
    "Schools stayed closed on Tuesday.",
]


@pytest.mark.parametrize("name", ["Luhn", "LSA", "LexRank", "TextRank", "SumBasic", "KL",
                                  "Reduction", "Edmundson"])
def test_top_pick_is_sumys_own_top_pick(name: str) -> None:
    cluster = make_cluster(TEXTS)
    scorer = getattr(sumy_methods, name)()
    scores = scorer.score(cluster)
    best = max(range(len(scores)), key=lambda i: (scores[i], -i))
    # sumy itself, asked for one sentence of the same document model
    summarizer = scorer._build(cluster)
    (picked,) = summarizer(scorer.document(cluster), 1)
    assert cluster.sentences[best].text == str(picked)


def test_random_is_seeded() -> None:
    cluster = make_cluster(TEXTS)
    a = sumy_methods.Random(seed=1).score(cluster)
    b = sumy_methods.Random(seed=1).score(cluster)
    c = sumy_methods.Random(seed=2).score(cluster)
    assert list(a) == list(b)
    assert list(a) != list(c)


def test_provenance_points_at_the_right_document() -> None:
    cluster = make_cluster(TEXTS)
    summary = summarize(cluster, "sumy-lexrank", Config(budget=Budget(words=30), dedup=False))
    for item in summary.sentences:
        (source,) = item.sources
        doc = cluster.document(source.doc_id)
        assert doc.text[source.start:source.end] == item.text
