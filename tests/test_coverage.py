"""Selection by coverage: facts that more reports carry first, restatements never paid,
shared quotations counted as repeats, readable openings, every supporting report cited."""

from __future__ import annotations

import numpy as np

from summarize.config import Config
from summarize.coverage import Facts, Settings, select
from summarize.model import Budget
from summarize.phrases import phrases, shared_pairs
from summarize.pipeline import summarize
from summarize.similarity import vectorize
from tests.conftest import make_cluster

REPORTS = [
    "The city council approved the new budget on Monday. "
    "The mayor said the vote was a victory for residents. "
    "Garbage collection will move to Tuesdays.",
    "On Monday the council passed the budget. "
    "Officials expect lower property taxes next year. "
    "A new library will open in the spring.",
    "Council members voted to approve the city budget Monday. "
    "The harbour bridge will close for repairs in May.",
]


def test_the_fact_most_reports_carry_comes_first_and_once() -> None:
    cluster = make_cluster(REPORTS)
    brief = summarize(cluster, "lexrank", Config(budget=Budget(words=30)))
    texts = [s.text for s in brief.sentences]
    budget_sentences = [t for t in texts if "budget" in t or "spending plan" in t]
    assert len(budget_sentences) == 1, texts  # said once, in whichever words
    first = next(s for s in brief.sentences if "budget" in s.text)
    assert len(first.support) == 3  # and credited to the three reports that carry it


def test_repeats_cost_and_are_never_paid() -> None:
    """With the filter's hard block switched off (threshold 1), the objective alone still
    prefers a new fact to a restatement of a chosen one."""
    texts = ["Alpha beta gamma delta epsilon.", "Alpha beta gamma delta zeta.",
             "Omega psi chi phi upsilon."]
    vec = vectorize(texts, "lexical")
    scores = np.array([1.0, 0.9, 0.5])
    lengths = np.array([5, 5, 5])
    taken: list[int] = []
    chosen = select(scores, lengths, Budget(words=10), vec, allowed=lambda j: True,
                    taken=taken.append, settings=Settings(floor=0.1))
    assert chosen == [0, 2] and taken == chosen


NEAR = ["Alpha beta gamma delta epsilon.", "Alpha beta gamma kappa lambda mu.",
        "Omega psi chi phi upsilon."]
"""Sentence 1 is 0.41 from sentence 0 (lexical): under the measure's 0.5, within 0.1 of it."""


def _near_pick(facts: Facts | None, threshold: float | None) -> list[int]:
    vec = vectorize(NEAR, "lexical")
    assert 0.4 <= vec.pair(0, 1) < 0.5 and vec.pair(0, 2) == 0.0
    return select(np.array([1.0, 0.3, 0.5]), np.array([5, 6, 5]), Budget(words=30), vec,
                  allowed=lambda j: True, taken=lambda j: None, facts=facts,
                  threshold=threshold)


def test_a_near_repeat_is_left_out_though_there_is_room() -> None:
    """Within ``near_margin`` of the repeat threshold a sentence restates a chosen one, as
    the update brief's known sentences do; without the threshold it is taken for the room
    left (the objective only discounts it)."""
    assert _near_pick(None, None) == [0, 2, 1]
    assert _near_pick(None, 0.5) == [0, 2]
    assert _near_pick(None, 0.6) == [0, 2, 1]  # 0.41 is not within 0.1 of 0.6
    assert _near_pick(None, 0.52) == [0, 2, 1]  # nor of 0.52 (0.413 < 0.42)
    assert _near_pick(None, 0.35) == [0, 2, 1]  # 0.25 is under the floor: the rule is off


def test_a_low_redundancy_threshold_still_gives_a_brief() -> None:
    """At ``--redundancy 0.1`` the near line would be 0: every candidate would be near the
    first choice, and a pool of reviews (no facts) got an empty brief."""
    cluster = make_cluster(["The battery lasts two days. The screen is bright and sharp. "
                            "Shipping was fast. The case feels cheap."])
    brief = summarize(cluster, "lexrank", Config(budget=Budget(words=20), threshold=0.1))
    assert len(brief.sentences) >= 2, [s.text for s in brief.sentences]


def test_a_near_sentence_stays_while_it_brings_a_quarter_of_its_facts() -> None:
    """Sentence 1 shares "alpha" with sentence 0 and alone has "kappa": it stays when
    "kappa" is at least a quarter of its fact weight, and goes when it is less."""
    from summarize.scipy_sparse import sparse

    terms = sparse.csr_matrix(np.array([[1.0, 0.0], [1.0, 1.0], [0.0, 0.0]]))
    for kappa, kept in ((0.3, True), (0.2, False)):
        facts = Facts(terms, np.array([1.0 - kappa, kappa]))
        picked = _near_pick(facts, 0.5)
        assert picked[0] == 0 and (1 in picked) is kept, (kappa, picked)


def test_the_brief_tells_the_resignation_once_though_words_are_left() -> None:
    """Two reports tell the resignation in other words (0.44, under the filter's 0.45): the
    brief has room for both and the library, and tells the resignation once."""
    cluster = make_cluster([
        "The mayor of Springfield resigned on Tuesday after weeks of protests over the "
        "city's failing water system.",
        "Springfield's mayor stepped down on Tuesday, bowing to pressure from residents "
        "angry about the water system.",
        "A new library opens in the spring, the council said."])
    brief = summarize(cluster, "lexrank", Config(budget=Budget(words=65)))
    texts = [s.text for s in brief.sentences]
    assert sum("mayor" in t for t in texts) == 1 and any("library" in t for t in texts), texts


def test_budget_is_kept_and_zero_weights_choose_nothing() -> None:
    texts = ["one two three four", "five six seven eight nine", "ten eleven"]
    vec = vectorize(texts, "lexical")
    lengths = np.array([4, 5, 2])
    chosen = select(np.array([0.3, 0.9, 0.5]), lengths, Budget(words=7), vec,
                    allowed=lambda j: True, taken=lambda j: None)
    assert sum(lengths[chosen]) <= 7 and chosen
    assert select(np.full(3, -np.inf), lengths, Budget(words=7), vec,
                  allowed=lambda j: True, taken=lambda j: None) == []


def test_a_quotation_lifted_by_two_reports_is_one_statement() -> None:
    a = ("The diplomat told the cabinet that the US stays committed, but “a major military "
         "ground operation in Rafah is not the way to do it.”")
    b = ("“We share the goal, though a major military ground operation in Rafah is not the "
         "way to do it,” she told reporters.")
    names = "Prime Minister Benjamin Netanyahu met Secretary of State Antony Blinken."
    other = "Prime Minister Benjamin Netanyahu spoke to the press on Friday evening."
    assert phrases(a) & phrases(b)
    assert not phrases(names) & phrases(other)  # shared names identify no statement
    rows, cols = shared_pairs([a, names, b, other])
    assert list(zip(rows.tolist(), cols.tolist(), strict=True)) == [(0, 2)]
    cluster = make_cluster([a, b])
    brief = summarize(cluster, "lexrank", Config(budget=Budget(words=60)))
    assert len(brief.sentences) == 1 and brief.sentences[0].support == ("d0", "d1")


def test_a_sentence_that_leans_back_comes_only_after_what_it_leans_on() -> None:
    """"She said ..." scores best, but enters only once the sentence that says who she is
    has: not alone, and not shut out for good when its antecedent comes later."""
    from summarize.redundancy import choose

    cluster = make_cluster([
        "The minister resigned on Tuesday after a week of protests. "
        "She said she had lost the confidence of her party.",
        "Protesters gathered again in the capital on Wednesday.",
    ])
    assert cluster.sentences[1].text.startswith("She said")
    scores = np.array([0.3, 1.0, 0.2])
    unreadable = Config(budget=Budget(words=10), readable=False)
    assert choose(cluster, scores, unreadable).chosen == [1]  # alone, "she" is no one
    assert choose(cluster, scores, Config(budget=Budget(words=10))).chosen == [0]
    assert choose(cluster, scores, Config(budget=Budget(words=20))).chosen == [0, 1]
    texts = [s.text for s in summarize(cluster, "lexrank",
                                       Config(budget=Budget(words=40))).sentences]
    if any(t.startswith("She said") for t in texts):
        i = next(k for k, t in enumerate(texts) if t.startswith("She said"))
        assert i > 0 and texts[i - 1].startswith("The minister resigned")


def test_the_rest_of_a_quotation_whose_close_was_lost_stays_out() -> None:
    """A report that opens a quotation and loses its closing mark (neus-val-076): the
    sentence after the opening one is still the speaker's words, and alone in a brief it
    would read as the brief's own."""
    from summarize.redundancy import choose

    cluster = make_cluster([
        "The court declined to hear the case on Monday. Justice Thomas dissented. "
        "“We failed to settle this dispute before the election, and thus provide clear "
        "rules. Now we again fail to provide clear rules for future elections.",
        "The justices turned away the appeal from the state party.",
    ])
    texts = [s.text for s in cluster.sentences]
    rest = texts.index("Now we again fail to provide clear rules for future elections.")
    scores = np.full(len(texts), 0.2)
    scores[rest] = 1.0
    unreadable = Config(budget=Budget(words=12), readable=False)
    assert rest in choose(cluster, scores, unreadable).chosen  # it scores best
    chosen = choose(cluster, scores, Config(budget=Budget(words=40))).chosen
    assert rest not in chosen and chosen  # its antecedent is a fragment: never chosen


def test_selection_score_keeps_the_old_greedy_choice() -> None:
    cluster = make_cluster(REPORTS)
    greedy = summarize(cluster, "lexrank", Config(budget=Budget(words=30), selection="score"))
    assert greedy.option("selection") == "score" and greedy.sentences


def test_one_figure_in_other_words_is_one_statement() -> None:
    """neus-val-225: two outlets give the April record in other words; said once."""
    from summarize.phrases import numbers

    a = ("Consumer spending tumbled a record 16.4% in April as the backbone of the U.S. economy "
         "retrenched amid the coronavirus pandemic, according to a government report Friday.")
    b = ("Sales at U.S. retailers sank a record 16.4% in April after coronavirus lockdowns "
         "shuttered much of the economy.")
    assert numbers(a) & numbers(b) == {"16.4"}
    assert numbers("In 2020 the 3 firms sold 1,200 cars.") == {"1200"}  # no year, no digit
    cluster = make_cluster([a + " Shoppers stayed home.", b + " Online sales rose."])
    brief = summarize(cluster, "lexrank", Config(budget=Budget(words=60)))
    assert sum("16.4%" in s.text for s in brief.sentences) == 1


def test_a_term_several_reports_share_is_worth_saying_once() -> None:
    """``Facts``: a content term weighs (reports using it - 1) ** 2, normalised; a term one
    report alone uses weighs nothing, and so does everything in a single-document cluster
    (a pool of reviews)."""
    cluster = make_cluster(["Talks resumed in Doha. A baker won a prize.",
                            "Negotiators met in Doha. The council met.",
                            "Talks in Doha went on. The council voted."])
    vec = vectorize([s.text for s in cluster.sentences], "lexical")
    facts = Facts.of(cluster, vec)
    assert facts is not None and abs(facts.weights.sum() - 1.0) < 1e-12

    def worth(i: int) -> list[float]:
        row = facts.terms.indices[facts.terms.indptr[i]:facts.terms.indptr[i + 1]]
        return sorted(round(float(facts.weights[t] / facts.weights.max()), 6) for t in row)

    texts = [s.text for s in cluster.sentences]
    # "doha": three reports (worth 4); "talk": two (worth 1); "resum": one (nothing).
    assert worth(texts.index("Talks resumed in Doha.")) == [0.0, 0.25, 1.0]
    assert worth(texts.index("A baker won a prize.")) == [0.0, 0.0, 0.0]
    # "met" twice in one report is still one report; "council" is in two.
    assert worth(texts.index("The council met.")) == [0.0, 0.25]
    single = make_cluster(["Talks resumed in Doha. Talks in Doha went on."])
    assert Facts.of(single, vectorize([s.text for s in single.sentences], "lexical")) is None


def test_the_fact_term_takes_a_shared_term_over_a_better_scored_detail() -> None:
    """With the fact part on, a low-scored sentence that adds a term other reports use
    beats a better-scored one that adds only its own words; with it off, the score wins."""
    from summarize.scipy_sparse import sparse

    texts = ["Alpha beta gamma.", "Delta epsilon zeta.", "Eta theta iota."]
    vec = vectorize(texts, "lexical")
    scores = np.array([1.0, 0.6, 0.5])
    lengths = np.array([3, 3, 3])
    terms = sparse.csr_matrix(np.array([[1.0, 0.0], [0.0, 0.0], [0.0, 1.0]]))
    facts = Facts(terms, np.array([0.5, 0.5]))  # "alpha" and "iota": shared with others
    picks = {}
    for weight in (0.0, 0.5):
        picks[weight] = select(scores, lengths, Budget(words=6), vec, allowed=lambda j: True,
                               taken=lambda j: None, settings=Settings(facts=weight),
                               facts=facts)
    assert picks[0.0] == [0, 1]
    assert picks[0.5] == [0, 2]
