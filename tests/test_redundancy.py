"""The redundancy filter: grouping, the one-per-group brief invariant, support, MMR, scale."""

from __future__ import annotations

import itertools
from pathlib import Path

import numpy as np
import pytest

from summarize import registry
from summarize.config import Config
from summarize.errors import MissingExtra, UsageError
from summarize.model import Budget, Cluster, Document, Sentence
from summarize.pipeline import extract, summarize
from summarize.redundancy import choose, find_groups
from summarize.similarity import (
    for_cluster,
    similarity,
    similarity_matrix,
    vectorize,
)
from summarize.text import split_sentences

SEEDS = Path(__file__).resolve().parent.parent / "seeds"


def cluster_of(*texts: str) -> Cluster:
    """One document per text (ids d0, d1...), split with the shared splitter, nothing dropped."""
    docs, sents = [], []
    for pos, text in enumerate(texts):
        docs.append(Document(f"d{pos}", f"Doc {pos}", text, f"d{pos}.txt", pos))
        for k, (s, e) in enumerate(split_sentences(text)):
            sents.append(Sentence(text[s:e], f"d{pos}", k, s, e, pos))
    return Cluster(tuple(docs), tuple(sents))


def seed_cluster() -> Cluster:
    """The demo cluster through the real loader (raw split while the loader is unavailable)."""
    try:
        from summarize.load import load_inputs
    except ImportError:
        return cluster_of(*(p.read_text(encoding="utf-8") for p in sorted(SEEDS.glob("*.txt"))))
    return load_inputs([])


MEETING = [
    "The foreign minister met the president in Paris on Monday to discuss the trade deal.",
    "On Monday the foreign minister met the president in Paris to discuss the trade deal.",
    "The president met the foreign minister in Paris on Monday for talks on the trade deal.",
]
OTHER = [
    "Heavy rain flooded the northern valley and closed two schools.",
    "The football club signed a young goalkeeper from Brazil.",
    "Farmers blocked the motorway to protest against fuel prices.",
]


def news() -> Cluster:
    return cluster_of(MEETING[0] + " " + OTHER[0], OTHER[1] + " " + MEETING[1],
                      MEETING[2] + " " + OTHER[2])


def index_of(cluster: Cluster, text: str) -> int:
    return next(i for i, s in enumerate(cluster.sentences) if s.text == text)


# --- similarity -----------------------------------------------------------------------------

def test_similarity_basic_properties() -> None:
    lexical = "lexical"
    assert similarity(MEETING[0], MEETING[0], lexical) == pytest.approx(1.0)
    assert similarity(MEETING[0], OTHER[1], lexical) == pytest.approx(0.0)
    assert similarity(MEETING[0], MEETING[1], lexical) == pytest.approx(
        similarity(MEETING[1], MEETING[0], lexical))
    # Stemming and stop words: inflections match, function words do not count.
    assert similarity("The ministers were meeting", "a minister meets", lexical) == \
        pytest.approx(1.0)
    assert similarity("the of and to", "Markets rallied", lexical) == pytest.approx(0.0)


def test_hybrid_similarity_basic_properties() -> None:
    assert similarity(MEETING[0], MEETING[0]) == pytest.approx(1.0)
    assert similarity(MEETING[0], MEETING[1]) == pytest.approx(similarity(MEETING[1], MEETING[0]))
    # Unrelated facts stay far below the threshold; a text without words matches nothing.
    assert similarity(MEETING[0], OTHER[1]) < 0.2
    assert similarity("...", "...") == pytest.approx(0.0)


def test_similarity_matrix_is_symmetric_with_unit_diagonal() -> None:
    m = similarity_matrix(MEETING + OTHER)
    assert m.shape == (6, 6)
    assert np.allclose(m, m.T)
    assert np.allclose(np.diag(m), 1.0)
    assert (m[:3, :3] >= 0.5).all() and (m[3:, 3:] < 0.5).sum() == 6


@pytest.mark.parametrize("threshold", [0.2, 0.35, 0.5, 0.8, 1.0])
def test_neighbours_match_brute_force(threshold: float) -> None:
    """The pruned sparse search finds exactly the pairs a dense matrix finds."""
    rng = np.random.default_rng(7)
    vocab = ["alpha", "bravo", "charlie", "delta", "echo", "foxtrot", "golf", "hotel", "india",
             "juliet", "kilo", "lima", "mike", "november", "oscar", "papa", "quebec"]
    weights = np.linspace(3, 0.2, len(vocab))
    texts = [" ".join(rng.choice(vocab, size=int(rng.integers(1, 7)),
                                 p=weights / weights.sum())) for _ in range(300)]
    texts += texts[:20]  # exact repeats reach 1.0
    vec = vectorize(texts)
    pairs = vec.neighbours(threshold, block=37)
    found = set(zip(pairs.rows.tolist(), pairs.cols.tolist(), strict=True))
    dense = vec.submatrix(range(len(texts)))
    expected = {(i, j) for i, j in zip(*np.nonzero(dense >= threshold - 1e-9), strict=True)
                if i < j}
    assert found == expected
    for i, j, s in zip(pairs.rows, pairs.cols, pairs.sims, strict=True):
        assert s == pytest.approx(dense[i, j])


# --- groups ---------------------------------------------------------------------------------

def test_paraphrases_grouped_and_different_facts_apart() -> None:
    c = news()
    g = find_groups(c, 0.5)
    meeting = {g.labels[index_of(c, t)] for t in MEETING}
    others = [g.labels[index_of(c, t)] for t in OTHER]
    assert len(meeting) == 1
    assert len(set(others)) == 3 and not meeting & set(others)
    gid = meeting.pop()
    assert g.support(c, gid) == ("d0", "d1", "d2")
    assert [c.sentences[i].text for i in g.members(gid)] == MEETING
    assert g.count == 4


def test_group_ids_are_dense_in_order_of_first_member() -> None:
    c = news()
    labels = find_groups(c, 0.5).labels
    seen: list[int] = []
    for label in labels:
        if label not in seen:
            seen.append(label)
    assert seen == list(range(len(seen)))


def test_groups_are_led_not_chained() -> None:
    """A chain a~b~c with a and c unrelated must not put a and c together."""
    a = "alpha bravo charlie delta"
    b = "charlie delta echo foxtrot"
    c_ = "echo foxtrot golf hotel"
    c = cluster_of(a, b, c_)
    vec = for_cluster(c, "lexical")
    assert vec.pair(0, 1) >= 0.4 and vec.pair(1, 2) >= 0.4 and vec.pair(0, 2) == 0
    g = find_groups(c, 0.4, vectors=vec)
    for gid in range(g.count):
        members = g.members(gid)
        for i, j in itertools.combinations(members, 2):
            assert vec.pair(i, j) > 0, (members, g.labels)


@pytest.mark.parametrize("bad", [0.0, -0.1, 1.01, 2.0])
def test_threshold_outside_unit_interval_is_an_error(bad: float) -> None:
    with pytest.raises(UsageError, match="redundancy"):
        find_groups(news(), bad)
    with pytest.raises(UsageError, match="redundancy"):
        Config(threshold=bad)


def test_empty_and_single_sentence_clusters() -> None:
    empty = Cluster((), ())
    assert find_groups(empty).labels == ()
    one = cluster_of("Only one sentence here.")
    assert find_groups(one).labels == (0,)
    summary = extract(one, np.array([1.0]), "test", Config())
    assert [s.text for s in summary.sentences] == ["Only one sentence here."]
    assert summary.sentences[0].support == ("d0",)


def test_semantic_similarity_needs_its_extra_or_groups_paraphrases() -> None:
    try:
        import sentence_transformers  # noqa: F401
    except ImportError:
        with pytest.raises(MissingExtra, match="semantic"):
            find_groups(news(), 0.5, similarity="semantic")
        pytest.skip("the 'semantic' extra is not installed")
    c = cluster_of("The minister resigned on Friday.", "On Friday the minister stepped down.",
                   "A storm hit the coast.")
    g = find_groups(c, 0.6, similarity="semantic")
    assert g.labels[0] == g.labels[1] != g.labels[2]


# --- choice ---------------------------------------------------------------------------------

def brief_indexes(cluster: Cluster, summary) -> list[int]:  # noqa: ANN001
    where = {s: i for i, s in enumerate(cluster.sentences)}
    return [where[item.sources[0]] for item in summary.sentences]


def assert_brief_invariant(cluster: Cluster, summary, threshold: float) -> None:  # noqa: ANN001
    idx = brief_indexes(cluster, summary)
    groups = find_groups(cluster, threshold)
    assert len({groups.labels[i] for i in idx}) == len(idx), "two brief sentences share a group"
    vec = for_cluster(cluster)
    for i, j in itertools.combinations(idx, 2):
        assert vec.pair(i, j) < threshold, (cluster.sentences[i].text, cluster.sentences[j].text)


def test_best_representative_kept_and_repeats_recorded() -> None:
    c = news()
    scores = np.zeros(len(c.sentences))
    best = index_of(c, MEETING[1])
    for t in MEETING:
        scores[index_of(c, t)] = 3.0
    scores[best] = 5.0
    scores[index_of(c, OTHER[0])] = 1.0
    summary = extract(c, scores, "test", Config(budget=Budget(words=60)))
    texts = [s.text for s in summary.sentences]
    assert MEETING[1] in texts and MEETING[0] not in texts and MEETING[2] not in texts
    item = next(s for s in summary.sentences if s.text == MEETING[1])
    assert item.support == ("d0", "d1", "d2")
    assert [m.text for m in item.group_members] == MEETING
    for m in item.group_members:  # spans point into the original texts (for JSON citations)
        assert c.document(m.doc_id).text[m.start:m.end] == m.text
    repeats = {r.sentence.text: r for r in summary.removed}
    assert set(repeats) == {MEETING[0], MEETING[2]}
    vec = for_cluster(c)
    for r in repeats.values():
        assert r.duplicate_of.text == MEETING[1]
        assert r.similarity == pytest.approx(vec.pair(index_of(c, r.sentence.text), best), 1e-3)


def test_no_dedup_lets_repeats_in() -> None:
    c = news()
    scores = np.array([5.0 if s.text in MEETING else 0.0 for s in c.sentences])
    summary = extract(c, scores, "test", Config(budget=Budget(sentences=3), dedup=False))
    assert sorted(s.text for s in summary.sentences) == sorted(MEETING)
    assert summary.removed == ()


def test_all_duplicate_documents_give_the_report_once_citing_all() -> None:
    report = ("The dam burst after three days of rain. Rescuers evacuated the lower town. "
              "The mayor asked residents to boil their water.")
    c = cluster_of(*[report] * 5)
    for method in ("lead", "lexrank"):
        summary = summarize(c, method, Config(budget=Budget(words=100)))
        texts = [s.text for s in summary.sentences]
        assert sorted(texts) == sorted(s.text for s in c.sentences[:3])
        for item in summary.sentences:
            assert item.support == ("d0", "d1", "d2", "d3", "d4")
            assert len(item.group_members) == 5
        assert len(summary.removed) == 12


def test_min_support_keeps_only_consensus_content() -> None:
    c = news()
    scores = np.array([1.0 if s.text in OTHER else 0.5 for s in c.sentences])
    summary = extract(c, scores, "test", Config(budget=Budget(words=100), min_support=3))
    assert [s.text for s in summary.sentences] in ([t] for t in MEETING)
    assert summary.sentences[0].support == ("d0", "d1", "d2")
    none = extract(c, scores, "test", Config(budget=Budget(words=100), min_support=4))
    assert none.sentences == ()


def test_mmr_trades_score_for_novelty() -> None:
    c = cluster_of("Rain floods the valley town. Rain floods the valley road.",
                   "A goalkeeper joins the club.")
    scores = np.array([1.0, 0.95, 0.1])
    # Normalised scores 1, 0.944, 0; similarity(town, road) = 0.63, so at lambda 0.3 the road
    # sentence is worth 0.3 * 0.944 - 0.7 * 0.63 < 0 and the unrelated one 0.
    cfg = Config(budget=Budget(sentences=2), dedup=False, mmr=0.3)
    picked = [s.text for s in extract(c, scores, "t", cfg).sentences]
    assert picked == ["Rain floods the valley town.", "A goalkeeper joins the club."]
    greedy = [s.text for s in extract(c, scores, "t", Config(budget=Budget(sentences=2),
                                                             dedup=False, mmr=1.0)).sentences]
    assert greedy == ["Rain floods the valley town.", "Rain floods the valley road."]


def test_mmr_with_dedup_keeps_the_invariant() -> None:
    c = news()
    scores = np.array([3.0 if s.text in MEETING else 1.0 for s in c.sentences])
    for lam in (0.0, 0.3, 1.0):
        summary = extract(c, scores, "t", Config(budget=Budget(words=200), mmr=lam))
        assert_brief_invariant(c, summary, 0.5)
        assert len(summary.sentences) == 4


def test_choice_is_deterministic_with_ties() -> None:
    c = news()
    scores = np.ones(len(c.sentences))
    runs = {tuple(choose(c, scores, Config(budget=Budget(words=40))).chosen) for _ in range(3)}
    assert len(runs) == 1
    # Ties go to the earlier sentence.
    assert next(iter(runs))[0] == 0


def test_zero_scores_and_nan_do_not_crash() -> None:
    c = news()
    scores = np.full(len(c.sentences), np.nan)
    summary = extract(c, scores, "t", Config(budget=Budget(words=30)))
    assert summary.words <= 30


def test_scales_to_many_sentences_without_dense_matrix() -> None:
    """20,000 sentences: neighbours stay sparse (a dense matrix would need 3.2 GB)."""
    rng = np.random.default_rng(1)
    words = rng.integers(0, 40_000, size=(20_000, 12))
    texts = [" ".join(f"w{k}" for k in row) for row in words]
    texts[5000] = texts[17]
    vec = vectorize(texts)
    pairs = vec.neighbours(0.5)
    assert (17, 5000) in set(zip(pairs.rows.tolist(), pairs.cols.tolist(), strict=True))


# --- every method ---------------------------------------------------------------------------

@pytest.fixture(scope="module")
def seeds_cluster() -> Cluster:
    return seed_cluster()


@pytest.mark.parametrize("method", registry.names("extractive"))
def test_no_two_brief_sentences_state_the_same_fact(method: str, seeds_cluster: Cluster) -> None:
    cfg = Config(budget=Budget(words=150))
    summary = summarize(seeds_cluster, method, cfg)
    assert summary.sentences
    assert_brief_invariant(seeds_cluster, summary, cfg.threshold)
    assert summary == summarize(seeds_cluster, method, cfg)  # same input, same brief
    for item in summary.sentences:
        assert item.sources[0].doc_id in item.support
        assert item.group >= 0


# --- speed paths give the same answers as the plain ones -------------------------------------

def test_neighbours_of_repeated_rows_match_brute_force() -> None:
    """Identical rows are searched once and expanded: still every pair, with its similarity."""
    base = ["alpha bravo charlie", "alpha bravo delta", "echo foxtrot", "golf", "...",
            "alpha bravo charlie delta"]
    texts = [base[k % len(base)] for k in (0, 1, 2, 0, 3, 0, 4, 1, 4, 5, 2, 3, 3)]
    vec = vectorize(texts)
    dense = vec.submatrix(range(len(texts)))
    for threshold in (0.3, 0.6, 1.0):
        pairs = vec.neighbours(threshold)
        found = list(zip(pairs.rows.tolist(), pairs.cols.tolist(), strict=True))
        assert len(found) == len(set(found))
        expected = {(i, j) for i, j in zip(*np.nonzero(dense >= threshold - 1e-9), strict=True)
                    if i < j}
        assert set(found) == expected
        for i, j, s in zip(pairs.rows, pairs.cols, pairs.sims, strict=True):
            assert s == pytest.approx(dense[i, j])
    # "..." has no term at all: its copies are not similar to each other.
    assert not any(texts[i] == "..." for i in vec.neighbours(0.3).rows)


def test_gram_and_similarities_agree_with_the_scipy_products() -> None:
    c = news()
    vec = for_cluster(c)
    idx = np.array([4, 0, 2, 5])
    assert np.allclose(vec.gram(idx), vec.submatrix(idx.tolist()))
    assert np.allclose(vec.gram(idx, budget=1), vec.submatrix(idx.tolist()))  # big: scipy
    assert np.allclose(vec.similarities(1, idx), [vec.pair(1, int(j)) for j in idx])


def reference_groups(n: int, vec, threshold: float) -> tuple[int, ...]:  # noqa: ANN001
    """The grouping rule written the slow, obvious way: a dense matrix and nested loops."""
    sim = vec.submatrix(range(n))
    np.fill_diagonal(sim, 0.0)
    degree = (sim >= threshold - 1e-9).sum(axis=1)
    leader = [-1] * n
    for i in sorted(range(n), key=lambda k: (-degree[k], k)):
        if leader[i] >= 0:
            continue
        leader[i] = i
        free = [j for j in range(n) if leader[j] < 0 and sim[i, j] >= threshold - 1e-9]
        free.sort(key=lambda j: (-sim[i, j], j))
        accepted: list[int] = []
        for j in free:
            if all(sim[j, a] >= threshold / 2 for a in accepted):
                accepted.append(j)
        for j in accepted:
            leader[j] = i
    dense: dict[int, int] = {}
    return tuple(dense.setdefault(leader[i], len(dense)) for i in range(n))


@pytest.mark.parametrize("threshold", [0.3, 0.5])
def test_fast_grouping_matches_the_reference_rule(threshold: float) -> None:
    rng = np.random.default_rng(3)
    vocab = ["alpha", "bravo", "charlie", "delta", "echo", "foxtrot", "golf", "hotel", "india",
             "juliet", "kilo", "lima"]
    texts = [" ".join(rng.choice(vocab, size=int(rng.integers(2, 6)))) for _ in range(150)]
    texts += texts[:30]
    c = cluster_of(*(t + "." for t in texts))
    vec = for_cluster(c)
    assert find_groups(c, threshold, vectors=vec).labels == reference_groups(
        len(c.sentences), vec, threshold)


def test_a_sentence_contained_in_a_chosen_one_is_a_repeat() -> None:
    """Too unlike the long sentence as a whole (hybrid similarity 0.40, under 0.45) to be a
    repeat by similarity, yet all its content is in it: a repeat all the same; with a figure
    the long one does not give, or with too few words to tell, it is not."""
    from tests.conftest import make_cluster

    long = ("The Senate passed the budget resolution early Friday morning after a night of "
            "votes on amendments, the White House welcomed the result, and governors in three "
            "states warned that unemployment benefits would run out within weeks.")
    texts = [long,
             "Governors in three states warned that unemployment benefits would run out.",
             "Unemployment benefits for 40,000 people in three states end within weeks, "
             "governors warned.",
             "Benefits run out.",
             "Hospitals in the capital reported a shortage of oxygen and of beds on Thursday."]
    cluster = make_cluster(texts)
    vectors = for_cluster(cluster)
    assert vectors.pair(0, 1) < 0.45  # not a repeat by similarity
    config = Config(budget=Budget(words=200), selection="score")
    summary = extract(cluster, np.array([1.0, 0.9, 0.8, 0.7, 0.2]), "t", config)
    chosen = [s.text for s in summary.sentences]
    assert long in chosen and texts[4] in chosen
    assert texts[1] not in chosen
    assert any(r.sentence.text == texts[1] and r.duplicate_of.text == long
               for r in summary.removed)
    assert texts[3] in chosen  # two content words: too few to judge


def test_a_figure_the_chosen_sentence_lacks_is_never_contained() -> None:
    from summarize.redundancy import _Blocker, adjacency, find_groups
    from tests.conftest import make_cluster

    long = ("The Senate passed the budget resolution early Friday morning after a night of "
            "votes on amendments, and governors in three states warned that unemployment "
            "benefits would run out within weeks.")
    plain = "Governors in three states warned that unemployment benefits would run out."
    figure = "Governors in 3 states warned that unemployment benefits would run out."
    cluster = make_cluster([long, plain, figure])
    vectors = for_cluster(cluster)
    groups = find_groups(cluster, threshold=1.0, similarity="hybrid", vectors=vectors)
    blocker = _Blocker(cluster, groups, adjacency(3, vectors.neighbours(1.0)), vectors,
                       np.ones(3, dtype=bool), True)
    blocker.take(0)
    assert blocker.contained(1) and not blocker.contained(2)
