"""The source check's rules on sentences small enough to check by hand."""

from __future__ import annotations

import pytest

from summarize import claims

VETO = ["Russia and China vetoed the resolution on Friday."]


@pytest.mark.parametrize("claim, problem", [
    ("Russia and China vetoed the resolution on Friday.", None),
    ("On Friday, China and Russia vetoed the resolution.", None),
    ("Russia and China did not veto the resolution.", "negates 'veto'"),
    ("Russia and China didn't veto the resolution on Friday.", "negates 'veto'"),
    ("Russia and China never vetoed the resolution.", "negates 'veto'"),
    ("Russia and China adopted the resolution on Friday.", "says 'adopt'"),
    ("Russia and China vetoed two resolutions on Friday.", "figure 2"),
    ("Russia and China vetoed the resolution on Friday, not only once.", None),
])
def test_polarity_opposites_and_figures(claim: str, problem: str | None) -> None:
    verdict = claims.check(claim, VETO)
    if problem is None:
        assert verdict.problem is None and verdict.supported(0.5), verdict
    else:
        assert verdict.problem and problem in verdict.problem, verdict
        assert not verdict.supported(0.0)


def test_a_claim_that_keeps_the_evidence_negation_is_supported() -> None:
    evidence = ["The council did not approve the budget on Monday."]
    assert claims.check("The council did not approve the budget.", evidence).problem is None
    assert "asserts 'approv'" in claims.check("The council approved the budget.",
                                              evidence).problem


def test_a_negation_in_an_unrelated_cited_sentence_does_not_count() -> None:
    # The second source negates "veto" but says something else; the first says it plainly.
    sources = [*VETO, "The United States did not veto anything this year at all, officials say."]
    assert claims.check("Russia and China vetoed the resolution.", sources).problem is None
    # And a negated claim is caught against the source that makes its statement.
    assert claims.check("Russia and China did not veto the resolution.", VETO[:1]).problem


def test_phrase_negators_cover_the_phrase() -> None:
    assert claims.polar_terms("There were no recorded dissents.") == {
        "record": False, "dissent": False}
    assert claims.polar_terms("He did not veto the resolution.") == {
        "veto": False, "resolut": True}


def test_figures_are_normalised() -> None:
    assert claims.figures("1,200 people and three cars; 3.5 percent") == {"1200", "3", "3.5"}
    assert claims.check("About 1200 people left.", ["About 1,200 people left."]).problem is None
    assert claims.check("Three people left.", ["3 people left."]).problem is None
    assert claims.figures("No one was hurt.") == set()  # "one" is a pronoun here


def test_share_and_no_sources() -> None:
    verdict = claims.check("Dragons attacked the harbour.", [])
    assert verdict.problem is None and verdict.share == 0.0
    assert claims.check("The council met.", ["The council met on Monday."]).share == 1.0
